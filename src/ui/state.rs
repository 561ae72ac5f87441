//! The workspace as the page holds it: signals over tasks and units, and the actions that change
//! them. Each action changes memory first, then writes what changed to IndexedDB; a write that
//! fails keeps the change in memory, says so, and can be retried. Nothing is written before the
//! stored data has been read, and nothing at all when it could not be read safely.

use std::collections::BTreeSet;
use std::rc::Rc;

use chrono::NaiveDate;
use idb::Database;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

use super::notices::{NoticeAction, NoticeKind, Notices};
use crate::domain::edit::{self, Edit};
use crate::domain::{Progress, StatusRules, Task, TaskId, Unit, UnitDirectory, UnitId, UnitKind};
use crate::import::merge::{self, MergePlan};
use crate::i18n::texts;
use crate::sample::sample_workspace;
use crate::store::indexed_db::{self, StoreError, Write};
use crate::store::schema::{self, LoadError, SCHEMA_VERSION};
use crate::store::prefs;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// Reading what is stored; nothing may be written yet.
    Loading,
    /// Read; changes are saved.
    Ready,
    /// The browser gives no storage: the page works, changes live only in memory.
    MemoryOnly,
    /// What is stored could not be read safely: nothing is written.
    ReadOnly,
}

/// What has changed in memory and is not yet stored.
#[derive(Debug, Clone, Default, PartialEq)]
struct Dirty {
    /// Empty the stores and write everything (clear, sample, restore).
    replace_everything: bool,
    /// Write every task and unit over what is stored (after a migration).
    rewrite_all: bool,
    tasks: BTreeSet<TaskId>,
    deleted: BTreeSet<TaskId>,
    units: bool,
}

impl Dirty {
    fn is_empty(&self) -> bool {
        *self == Dirty::default()
    }

    fn merge(&mut self, older: Dirty) {
        self.replace_everything |= older.replace_everything;
        self.rewrite_all |= older.rewrite_all;
        self.units |= older.units;
        self.tasks.extend(older.tasks);
        self.deleted.extend(older.deleted);
    }

    fn count(&self) -> usize {
        if self.replace_everything || self.rewrite_all {
            1
        } else {
            self.tasks.len() + self.deleted.len() + self.units as usize
        }
    }
}

const CHANNEL: &str = "dondoc";

/// Resolves after the browser has painted the next frame.
async fn after_next_paint() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let timeout = Closure::once_into_js(move || {
            let _ = resolve.call0(&wasm_bindgen::JsValue::NULL);
        });
        let frame = Closure::once_into_js(move || {
            let _ = leptos::prelude::window().set_timeout_with_callback_and_timeout_and_arguments_0(timeout.unchecked_ref(), 0);
        });
        let _ = leptos::prelude::window().request_animation_frame(frame.unchecked_ref());
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

pub fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

pub fn now() -> chrono::NaiveDateTime {
    chrono::Local::now().naive_local()
}

/// A fresh task id from the browser's randomness (40 bits: a clash is out of reach in practice).
pub fn new_task_id() -> TaskId {
    TaskId::from_entropy((js_sys::Math::random() * (1u64 << 40) as f64) as u64)
}

/// What the last change replaced, so it can be undone.
#[derive(Debug, Clone, Default)]
struct UndoEntry {
    /// Each task touched, as it was before (`None`: it did not exist).
    tasks: Vec<(TaskId, Option<(usize, Task)>)>,
    /// The units before, when the change touched them.
    units: Option<Vec<Unit>>,
}

#[derive(Clone, Copy)]
pub struct Workspace {
    pub phase: RwSignal<Phase>,
    pub tasks: RwSignal<Vec<Task>>,
    pub units: RwSignal<UnitDirectory>,
    pub rules: RwSignal<StatusRules>,
    pub notices: Notices,
    dirty: RwSignal<Dirty>,
    saving: RwSignal<bool>,
    save_again: RwSignal<bool>,
    db: StoredValue<Option<Rc<Database>>, LocalStorage>,
    channel: StoredValue<Option<web_sys::BroadcastChannel>, LocalStorage>,
    undo: StoredValue<Option<UndoEntry>>,
}

impl Workspace {
    pub fn new(notices: Notices) -> Workspace {
        Workspace {
            phase: RwSignal::new(Phase::Loading),
            tasks: RwSignal::new(Vec::new()),
            units: RwSignal::new(UnitDirectory::default()),
            rules: RwSignal::new(prefs::status_rules()),
            notices,
            dirty: RwSignal::new(Dirty::default()),
            saving: RwSignal::new(false),
            save_again: RwSignal::new(false),
            db: StoredValue::new_local(None),
            channel: StoredValue::new_local(None),
            undo: StoredValue::new(None),
        }
    }

    /// Can the person change the workspace now? (Tracked: for views.)
    pub fn can_change(&self) -> bool {
        matches!(self.phase.get(), Phase::Ready | Phase::MemoryOnly)
    }

    fn may_change_now(&self) -> bool {
        matches!(self.phase.get_untracked(), Phase::Ready | Phase::MemoryOnly)
    }

    /// How many changes are waiting to be stored.
    pub fn unsaved(&self) -> usize {
        self.dirty.with(Dirty::count)
    }

    /// Is a write under way?
    pub fn is_saving(&self) -> bool {
        self.saving.get()
    }

    /// Open the database and read what is stored.
    pub fn start(self) {
        spawn_local(async move {
            let t = texts();
            let notices = self.notices;
            let opened = indexed_db::open(
                move || notices.push(NoticeKind::Error, t.other_tab_blocking, Some(NoticeAction::Reload)),
                move || {
                    // Another tab needs a newer database: step aside so it is not blocked.
                    self.db.with_value(|db| if let Some(db) = db { db.close() });
                    self.phase.set(Phase::ReadOnly);
                    notices.push(NoticeKind::Warning, t.other_tab_blocking, Some(NoticeAction::Reload));
                },
            )
            .await;
            let db = match opened {
                Ok(db) => Rc::new(db),
                Err(e) => {
                    leptos::logging::warn!("IndexedDB không mở được: {e:?}");
                    self.phase.set(Phase::MemoryOnly);
                    notices.push(NoticeKind::Warning, t.storage_unavailable, None);
                    return;
                }
            };
            match self.read(&db).await {
                Ok(migrated) => {
                    self.db.set_value(Some(db));
                    self.phase.set(Phase::Ready);
                    self.listen_to_other_tabs();
                    if migrated {
                        self.dirty.update(|d| d.rewrite_all = true);
                        self.save();
                    }
                }
                Err(()) => self.phase.set(Phase::ReadOnly),
            }
        });
    }

    /// Read the stored workspace into memory. `Ok(true)` when it was migrated and must be rewritten.
    async fn read(self, db: &Database) -> Result<bool, ()> {
        let t = texts();
        let raw = indexed_db::read_all(db).await.map_err(|e| {
            leptos::logging::warn!("Không đọc được IndexedDB: {e:?}");
            self.notices.push(NoticeKind::Error, t.storage_read_failed, Some(NoticeAction::Reload));
        })?;
        match schema::load(raw) {
            Ok(loaded) => {
                if loaded.unreadable > 0 {
                    self.notices.push(NoticeKind::Warning, (t.storage_unreadable_records)(loaded.unreadable), None);
                }
                self.tasks.set(loaded.tasks);
                self.units.set(UnitDirectory::new(loaded.units));
                Ok(loaded.migrated_from.is_some())
            }
            Err(e) => {
                let text = match e {
                    LoadError::NewerVersion { found } => (t.storage_newer_version)(found, SCHEMA_VERSION),
                    LoadError::UnknownVersion => t.storage_read_failed.to_string(),
                    LoadError::MigrationFailed { from, reason } => (t.storage_migration_failed)(from, &reason),
                };
                self.notices.push(NoticeKind::Error, text, None);
                Err(())
            }
        }
    }

    /// When another tab saves, read again (unless this tab has changes of its own still unsaved).
    fn listen_to_other_tabs(self) {
        let Ok(channel) = web_sys::BroadcastChannel::new(CHANNEL) else { return };
        let on_message = Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |_| {
            if self.phase.get_untracked() != Phase::Ready || !self.dirty.with_untracked(Dirty::is_empty) || self.saving.get_untracked() {
                return;
            }
            spawn_local(async move {
                let Some(db) = self.db.with_value(|db| db.clone()) else { return };
                if self.read(&db).await.is_ok() {
                    self.notices.push(NoticeKind::Info, texts().other_tab_changed, None);
                }
            });
        });
        channel.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        on_message.forget();
        self.channel.set_value(Some(channel));
    }

    /// Store what changed. Called after every action; safe to call at any time.
    pub fn save(self) {
        if self.phase.get_untracked() != Phase::Ready {
            return;
        }
        if self.saving.get_untracked() {
            self.save_again.set(true);
            return;
        }
        let pending = self.dirty.try_update(std::mem::take).unwrap_or_default();
        if pending.is_empty() {
            return;
        }
        let Some(db) = self.db.with_value(|db| db.clone()) else { return };
        self.saving.set(true);
        spawn_local(async move {
            // A large write waits until the page has painted what changed.
            if pending.replace_everything || pending.rewrite_all || pending.tasks.len() > 500 {
                after_next_paint().await;
            }
            let (tasks, deleted): (Vec<Task>, Vec<TaskId>) = self.tasks.with_untracked(|all| {
                let tasks = if pending.replace_everything || pending.rewrite_all {
                    all.clone()
                } else {
                    all.iter().filter(|t| pending.tasks.contains(&t.id)).cloned().collect()
                };
                (tasks, pending.deleted.iter().cloned().collect())
            });
            let units = self.units.with_untracked(|u| u.units().to_vec());
            let write_units = pending.replace_everything || pending.rewrite_all || pending.units;
            let write = Write {
                replace_everything: pending.replace_everything,
                put_tasks: tasks.iter().collect(),
                delete_tasks: deleted.iter().collect(),
                put_units: if write_units { units.iter().collect() } else { Vec::new() },
            };
            let t = texts();
            match indexed_db::write(&db, write).await {
                Ok(()) => {
                    self.notices.dismiss_action(NoticeAction::RetrySave);
                    self.channel.with_value(|c| {
                        if let Some(c) = c {
                            let _ = c.post_message(&wasm_bindgen::JsValue::from_str("changed"));
                        }
                    });
                }
                Err(e) => {
                    leptos::logging::warn!("Không lưu được: {e:?}");
                    self.dirty.update(|d| d.merge(pending));
                    let text = match e {
                        StoreError::QuotaExceeded => t.storage_quota,
                        _ => t.storage_write_failed,
                    };
                    self.notices.push(NoticeKind::Error, text, Some(NoticeAction::RetrySave));
                }
            }
            self.saving.set(false);
            if self.save_again.get_untracked() {
                self.save_again.set(false);
                self.save();
            }
        });
    }

    fn replace(self, tasks: Vec<Task>, units: UnitDirectory) {
        self.tasks.set(tasks);
        self.units.set(units);
        self.dirty.update(|d| *d = Dirty { replace_everything: true, ..Dirty::default() });
        self.save();
    }

    /// Fill an empty workspace with the sample from the seed directives.
    pub fn load_sample(self) {
        if !self.may_change_now() {
            return;
        }
        let sample = sample_workspace(today());
        let n = sample.tasks.len();
        self.replace(sample.tasks, UnitDirectory::new(sample.units));
        self.notices.push(NoticeKind::Info, (texts().sample_loaded)(n), None);
    }

    /// Apply a confirmed import: every added and updated task, and the units, in one write.
    pub fn apply_import(self, plan: &MergePlan) -> bool {
        if !self.may_change_now() {
            return false;
        }
        let mut written = Vec::new();
        self.tasks.update(|tasks| written = merge::apply(tasks, plan));
        self.units.set(plan.units.clone());
        self.dirty.update(|d| {
            d.tasks.extend(written);
            d.units = true;
        });
        self.save();
        true
    }

    /// Change tasks (by id) with `change`, which returns whether it changed the task; remember
    /// how they were so the change can be undone, store them, and say what happened.
    fn change_tasks(self, ids: &[TaskId], message: String, change: impl Fn(&mut Task) -> bool) -> bool {
        if !self.may_change_now() {
            return false;
        }
        let mut before = Vec::new();
        let mut changed = Vec::new();
        self.tasks.update(|tasks| {
            for (i, task) in tasks.iter_mut().enumerate().filter(|(_, t)| ids.contains(&t.id)) {
                let previous = task.clone();
                if change(task) {
                    before.push((task.id.clone(), Some((i, previous))));
                    changed.push(task.id.clone());
                }
            }
        });
        if changed.is_empty() {
            return false;
        }
        self.undo.set_value(Some(UndoEntry { tasks: before, units: None }));
        self.dirty.update(|d| d.tasks.extend(changed));
        self.save();
        self.notices.push(NoticeKind::Info, message, Some(NoticeAction::Undo));
        true
    }

    /// Set fields of one task.
    pub fn edit_task(self, id: &TaskId, edits: Vec<Edit>) -> bool {
        let at = now();
        self.change_tasks(std::slice::from_ref(id), texts().task_saved.to_string(), move |task| {
            edits.iter().cloned().fold(false, |changed, e| edit::apply(task, e, at) | changed)
        })
    }

    /// Move a task to a progress column (the board).
    pub fn move_task(self, id: &TaskId, progress: Progress, completed_on: Option<NaiveDate>, evidence: Option<String>) -> bool {
        let at = now();
        let content = self.tasks.with_untracked(|ts| ts.iter().find(|t| &t.id == id).map(|t| t.content.clone())).unwrap_or_default();
        let message = (texts().moved_to)(&content, (texts().progress)(progress));
        self.change_tasks(std::slice::from_ref(id), message, move |task| {
            edit::move_to(task, progress, completed_on, evidence.clone(), at)
        })
    }

    /// Add a task made by hand.
    pub fn add_task(self, mut task: Task) -> bool {
        if !self.may_change_now() {
            return false;
        }
        task.updated_at = Some(now());
        let id = task.id.clone();
        self.tasks.update(|tasks| tasks.push(task));
        self.undo.set_value(Some(UndoEntry { tasks: vec![(id.clone(), None)], units: None }));
        self.dirty.update(|d| {
            d.tasks.insert(id);
        });
        self.save();
        self.notices.push(NoticeKind::Info, texts().task_added, Some(NoticeAction::Undo));
        true
    }

    /// Add tasks made from a directive, with the units they need, in one write (undone as one).
    pub fn add_many(self, new: Vec<Task>, units: UnitDirectory, message: String) -> bool {
        if !self.may_change_now() || new.is_empty() {
            return false;
        }
        let at = now();
        let units_before = self.units.with_untracked(|u| u.units().to_vec());
        let ids: Vec<TaskId> = new.iter().map(|t| t.id.clone()).collect();
        self.tasks.update(|tasks| {
            tasks.extend(new.into_iter().map(|mut t| {
                t.updated_at = Some(at);
                t
            }))
        });
        self.units.set(units);
        self.undo.set_value(Some(UndoEntry { tasks: ids.iter().map(|id| (id.clone(), None)).collect(), units: Some(units_before) }));
        self.dirty.update(|d| {
            d.tasks.extend(ids);
            d.units = true;
        });
        self.save();
        self.notices.push(NoticeKind::Info, message, Some(NoticeAction::Undo));
        true
    }

    /// Delete a task (the person has confirmed); it can be undone.
    pub fn delete_task(self, id: &TaskId) -> bool {
        if !self.may_change_now() {
            return false;
        }
        let mut removed = None;
        self.tasks.update(|tasks| {
            if let Some(i) = tasks.iter().position(|t| &t.id == id) {
                removed = Some((i, tasks.remove(i)));
            }
        });
        let Some((i, task)) = removed else { return false };
        let message = (texts().task_deleted)(&task.content);
        self.undo.set_value(Some(UndoEntry { tasks: vec![(id.clone(), Some((i, task)))], units: None }));
        self.dirty.update(|d| {
            d.deleted.insert(id.clone());
            d.tasks.remove(id);
        });
        self.save();
        self.notices.push(NoticeKind::Info, message, Some(NoticeAction::Undo));
        true
    }

    /// Change the units (and, for a merge, the tasks they lead or coordinate).
    pub fn change_units(self, message: String, change: impl FnOnce(&mut UnitDirectory, &mut Vec<Task>) -> Result<Vec<usize>, crate::domain::UnitError>) -> Result<(), crate::domain::UnitError> {
        if !self.may_change_now() {
            return Ok(());
        }
        let units_before = self.units.with_untracked(|u| u.units().to_vec());
        let mut units = self.units.get_untracked();
        let mut tasks_before = Vec::new();
        let mut result = Ok(());
        self.tasks.update(|tasks| {
            let snapshot = tasks.clone();
            match change(&mut units, tasks) {
                Ok(changed) => {
                    tasks_before = changed.iter().map(|&i| (tasks[i].id.clone(), Some((i, snapshot[i].clone())))).collect();
                }
                Err(e) => {
                    *tasks = snapshot;
                    result = Err(e);
                }
            }
        });
        result.clone()?;
        let changed: Vec<TaskId> = tasks_before.iter().map(|(id, _)| id.clone()).collect();
        self.units.set(units);
        self.undo.set_value(Some(UndoEntry { tasks: tasks_before, units: Some(units_before) }));
        self.dirty.update(|d| {
            d.units = true;
            d.tasks.extend(changed);
        });
        self.save();
        self.notices.push(NoticeKind::Info, message, Some(NoticeAction::Undo));
        Ok(())
    }

    pub fn rename_unit(self, id: &UnitId, name: &str) -> Result<(), crate::domain::UnitError> {
        let name = name.to_string();
        let id = id.clone();
        self.change_units(texts().unit_saved.to_string(), move |units, _| units.rename(&id, &name).map(|_| Vec::new()))
    }

    pub fn set_unit_kind(self, id: &UnitId, kind: UnitKind) -> Result<(), crate::domain::UnitError> {
        let id = id.clone();
        self.change_units(texts().unit_saved.to_string(), move |units, _| units.set_kind(&id, kind).map(|_| Vec::new()))
    }

    pub fn set_unit_order(self, id: &UnitId, position: u32) -> Result<(), crate::domain::UnitError> {
        let id = id.clone();
        self.change_units(texts().unit_saved.to_string(), move |units, _| units.set_order(&id, position).map(|_| Vec::new()))
    }

    pub fn merge_units(self, from: &UnitId, into: &UnitId) -> Result<(), crate::domain::UnitError> {
        let (from, into) = (from.clone(), into.clone());
        let at = now();
        self.change_units(texts().units_merged.to_string(), move |units, tasks| {
            units.merge(&from, &into)?;
            Ok(crate::domain::unit::reassign_tasks(tasks, &from, &into, at))
        })
    }

    /// Undo the last change: put back every task (and the units) as they were.
    pub fn undo(self) {
        let Some(entry) = self.undo.try_update_value(Option::take).flatten() else { return };
        if !self.may_change_now() {
            return;
        }
        let mut written = Vec::new();
        let mut deleted = Vec::new();
        self.tasks.update(|tasks| {
            for (id, before) in entry.tasks.into_iter().rev() {
                let at = tasks.iter().position(|t| t.id == id);
                match (before, at) {
                    (Some((_, task)), Some(i)) => tasks[i] = task,
                    (Some((i, task)), None) => tasks.insert(i.min(tasks.len()), task),
                    (None, Some(i)) => {
                        tasks.remove(i);
                        deleted.push(id.clone());
                    }
                    (None, None) => {}
                }
                written.push(id);
            }
        });
        let units_changed = entry.units.is_some();
        if let Some(units) = entry.units {
            self.units.set(UnitDirectory::new(units));
        }
        self.dirty.update(|d| {
            for id in &deleted {
                d.tasks.remove(id);
                d.deleted.insert(id.clone());
            }
            for id in written.into_iter().filter(|id| !deleted.contains(id)) {
                d.deleted.remove(&id);
                d.tasks.insert(id);
            }
            d.units |= units_changed;
        });
        self.save();
        self.notices.dismiss_action(NoticeAction::Undo);
        self.notices.push(NoticeKind::Info, texts().undone, None);
    }

    /// Replace the whole workspace with a backup (the person has confirmed).
    pub fn restore(self, tasks: Vec<Task>, units: Vec<Unit>) {
        if !self.may_change_now() {
            return;
        }
        let n = tasks.len();
        self.replace(tasks, UnitDirectory::new(units));
        self.notices.push(NoticeKind::Info, (texts().export.restored)(n), None);
    }

    /// Remove every task and unit (the person has confirmed).
    pub fn clear(self) {
        if !self.may_change_now() {
            return;
        }
        self.replace(Vec::new(), UnitDirectory::default());
        self.notices.push(NoticeKind::Info, texts().cleared, None);
    }
}
