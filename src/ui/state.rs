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
use crate::domain::{StatusRules, Task, TaskId, UnitDirectory};
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

    /// Remove every task and unit (the person has confirmed).
    pub fn clear(self) {
        if !self.may_change_now() {
            return;
        }
        self.replace(Vec::new(), UnitDirectory::default());
        self.notices.push(NoticeKind::Info, texts().cleared, None);
    }
}
