//! The workspace as the page holds it: signals around the core (`workspace`), and the saver.
//! Every change is a `Command` performed by the core's one `apply` in memory at once, queued, and
//! stored by replaying it on the records as stored (`store::indexed_db::commit`), so another
//! tab's newer change is never overwritten. Tabs tell each other each stored change by number; a
//! tab that sees a gap reads everything again and re-applies what it has not stored yet.

use std::collections::{BTreeSet, HashMap};
use std::rc::Rc;
use std::sync::Arc;

use chrono::NaiveDate;
use idb::Database;
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde::{Deserialize, Serialize};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

use super::notices::{NoticeAction, NoticeKind, Notices};
use dondoc::domain::edit::{Conflict, Edit};
use dondoc::domain::{Progress, StatusRules, Task, TaskId, Unit, UnitDirectory, UnitId, UnitKind};
use dondoc::i18n::texts;
use dondoc::import::merge::MergePlan;
use dondoc::sample::Sample;
use dondoc::store::indexed_db::{self, StoreError};
use dondoc::store::prefs;
use dondoc::store::schema::{self, LoadError, SCHEMA_VERSION};
use dondoc::workspace::{
    self as core, replay, Binned, Command, CommandError, Op, Outcome, Patch, Replayed, Replayer, ReplaceWhy, Stamped, Step, StepLabel,
    StepPatches, Touched, UndoLog,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// Reading what is stored; nothing may be written yet.
    Loading,
    /// Read; changes are saved.
    Ready,
    /// The browser gives no storage: the page works, changes live only in memory.
    MemoryOnly,
    /// What is stored could not be read safely, or a newer version has written it: nothing is written.
    ReadOnly,
}

const CHANNEL: &str = "dondoc";

/// How much stored text is read into tasks a turn when everything is read (about 2,000 tasks:
/// turns of 16-29 ms on a 2-core machine, the garbage collector's share included).
const READ_PART: usize = 1 << 20;

/// What one tab tells the others after storing a change.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Message {
    seq: u64,
    replace_all: bool,
    tasks: Vec<TaskId>,
    bin: Vec<TaskId>,
    units: bool,
}

/// Run `f` just before the browser draws its next frame, after what changed now is in the page
/// (not in a hidden tab, which draws none).
pub(super) fn next_frame(f: impl FnOnce() + 'static) {
    let _ = window().request_animation_frame(Closure::once_into_js(f).unchecked_ref());
}

/// Run `f` once the browser has painted the next frame (not in a hidden tab, which paints none).
pub(super) fn after_paint(f: impl FnOnce() + 'static) {
    let later = Closure::once_into_js(f);
    next_frame(move || {
        let _ = window().set_timeout_with_callback_and_timeout_and_arguments_0(later.unchecked_ref(), 0);
    });
}

/// Run `f` once the browser is idle (`requestIdleCallback`), at the latest after `within`; a
/// browser without idle callbacks waits `within`.
pub(super) fn when_idle(within: std::time::Duration, f: impl FnOnce() + 'static) {
    let f = Closure::once_into_js(f);
    let options = web_sys::IdleRequestOptions::new();
    options.set_timeout(within.as_millis() as u32);
    if window().request_idle_callback_with_options(f.unchecked_ref(), &options).is_err() {
        let _ = window().set_timeout_with_callback_and_timeout_and_arguments_0(f.unchecked_ref(), within.as_millis() as i32);
    }
}

/// A value worked out from reactive sources, as a memo would, but after its first value only once
/// the frame that shows the change is painted: for what that frame need not show (the filter's
/// lists of leaders and documents), so a card move among 10,000 tasks does not wait for it.
/// `track` reads the sources; changes that come together are worked out once.
pub(super) fn after_paint_value<T: PartialEq + Send + Sync + 'static>(
    track: impl Fn() + 'static,
    compute: impl Fn() -> T + Copy + 'static,
) -> ReadSignal<T> {
    let value = RwSignal::new(untrack(compute));
    let queued = StoredValue::new(false);
    Effect::new(move |ran: Option<()>| {
        track();
        if ran.is_some() && queued.try_get_value() == Some(false) {
            queued.set_value(true);
            after_paint(move || {
                // The view may be gone by then (`try_set_value` hands the value back when it is).
                if queued.try_set_value(false).is_some() {
                    return;
                }
                let now = untrack(compute);
                if value.try_with_untracked(|v| *v != now) == Some(true) {
                    value.set(now);
                }
            });
        }
    });
    value.read_only()
}

/// Resolves after the browser has painted the next frame (or after 100 ms: a hidden tab paints
/// no frames, and its writes must not wait until it is shown).
pub(super) async fn after_next_paint() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let late = resolve.clone();
        after_paint(move || {
            let _ = resolve.call0(&wasm_bindgen::JsValue::NULL);
        });
        let _ = window().set_timeout_with_callback_and_timeout_and_arguments_0(&late, 100);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Free a large value in a turn of its own: freeing the 50,000 tasks of an import takes about
/// 40 ms, better not added to the turn that stored them.
pub(super) fn drop_later<T: 'static>(value: T) {
    set_timeout(move || drop(value), std::time::Duration::ZERO);
}

/// Resolves in a later turn of the event loop, after what waits (input, a frame to draw): for
/// long work done a slice at a time. A message to itself, not `setTimeout(0)`, which browsers
/// hold back at least 4 ms once timers have set timers five deep.
pub(super) async fn next_turn() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let posted = TURNS.with(|turns| {
            let mut turns = turns.borrow_mut();
            if turns.is_none() {
                *turns = Turns::new();
            }
            let turns = turns.as_ref()?;
            turns.waiting.borrow_mut().push_back(resolve.clone());
            turns.channel.port2().post_message(&wasm_bindgen::JsValue::NULL).ok()
        });
        if posted.is_none() {
            let _ = window().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Run a future as far as it goes now, without waiting: its answer if it needed no waiting (a
/// split function whose chunk is here, a plan of one slice), else `Pending`, the future left to be
/// polled again (by `spawn_local`).
pub(super) fn poll_now<F: std::future::Future>(future: std::pin::Pin<&mut F>) -> std::task::Poll<F::Output> {
    future.poll(&mut std::task::Context::from_waker(std::task::Waker::noop()))
}

/// The channel [`next_turn`] posts to itself through, kept for the page's life, and who waits.
struct Turns {
    channel: web_sys::MessageChannel,
    waiting: Rc<std::cell::RefCell<std::collections::VecDeque<js_sys::Function>>>,
    _on_message: Closure<dyn Fn()>,
}

impl Turns {
    fn new() -> Option<Turns> {
        let channel = web_sys::MessageChannel::new().ok()?;
        let waiting: Rc<std::cell::RefCell<std::collections::VecDeque<js_sys::Function>>> = Rc::default();
        let next = waiting.clone();
        let on_message = Closure::<dyn Fn()>::new(move || {
            let first = next.borrow_mut().pop_front();
            if let Some(resolve) = first {
                let _ = resolve.call0(&wasm_bindgen::JsValue::NULL);
            }
        });
        channel.port1().set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        Some(Turns { channel, waiting, _on_message: on_message })
    }
}

thread_local! {
    static TURNS: std::cell::RefCell<Option<Turns>> = const { std::cell::RefCell::new(None) };
}

/// Resolves after `ms` milliseconds.
async fn sleep_ms(ms: u32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = window().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms as i32);
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

/// An undo step's number: the time in milliseconds and 10 random bits, so two tabs never choose
/// the same one and the numbers follow the order of the steps.
fn new_step_seq() -> u64 {
    ((js_sys::Date::now() as u64) << 10) | (js_sys::Math::random() * 1024.0) as u64
}

/// An operation performed in memory and not yet stored.
#[derive(Clone)]
/// Shared, not copied: an import's operation holds every task it brings (50,000 at most), and the
/// queue is read by the write in flight, the undo list and a reload alike.
struct Pending {
    op: Arc<Op>,
    touched: Arc<Touched>,
    /// Its step in the undo list (to show it again after the stored list is read).
    step: Option<Step>,
}

#[derive(Clone, Copy)]
pub struct Workspace {
    pub phase: RwSignal<Phase>,
    pub tasks: RwSignal<Vec<Task>>,
    pub units: RwSignal<UnitDirectory>,
    pub bin: RwSignal<Vec<Binned>>,
    pub log: RwSignal<UndoLog>,
    pub rules: RwSignal<StatusRules>,
    pub notices: Notices,
    /// True while the page reads everything again after another tab's change (shown as `aria-busy`).
    pub rereading: RwSignal<bool>,
    /// A large undo or redo going in, a part a turn: (undo, records in, of how many).
    pub undoing: RwSignal<Option<(bool, usize, usize)>>,
    /// Each task's folded search text, kept between searches and filled while the page is idle.
    pub search: StoredValue<dondoc::query::search::SearchTexts>,
    /// The leaders and the documents the tasks name, each once, sorted: the filter bar's choices,
    /// worked out once for every page, after the frame that shows a change (a card moved, a
    /// field edited) is painted.
    pub leaders: ReadSignal<Vec<String>>,
    pub sources: ReadSignal<Vec<String>>,
    /// What the last change of `tasks` did: the views that keep an order use it to move only the
    /// edited tasks (`query::rechase`).
    pub edits: StoredValue<Edits>,
    pending: RwSignal<Vec<Pending>>,
    inflight: RwSignal<Vec<Pending>>,
    saving: RwSignal<bool>,
    failed: RwSignal<bool>,
    save_again: StoredValue<bool>,
    /// An import is being applied in parts: nothing is stored, and nothing undone, until its last
    /// part is in (its parts are stored together, as one step).
    in_parts: StoredValue<bool>,
    catch_up_after: StoredValue<bool>,
    seq: StoredValue<u64>,
    patches: StoredValue<HashMap<u64, StepPatches>>,
    db: StoredValue<Option<Rc<Database>>, LocalStorage>,
    channel: StoredValue<Option<web_sys::BroadcastChannel>, LocalStorage>,
}

/// The changes of the tasks, counted, and where the last one edited tasks in place (`None`: any
/// other change, tasks added, removed or all replaced). A view that saw change `count - 1` and
/// is told of one edit in place can move just those tasks; otherwise it starts again.
#[derive(Clone, Default)]
pub struct Edits {
    pub count: u64,
    pub in_place: Option<Vec<usize>>,
}

impl Workspace {
    pub fn new(notices: Notices) -> Workspace {
        let tasks = RwSignal::new(Vec::new());
        // The distinct values, copied once each (thousands of tasks share a few leaders and documents).
        let distinct = move |of: fn(&Task) -> &str| {
            tasks.with(|ts: &Vec<Task>| {
                ts.iter().map(|t| of(t).trim()).filter(|v| !v.is_empty()).collect::<std::collections::BTreeSet<&str>>().into_iter().map(str::to_string).collect::<Vec<_>>()
            })
        };
        Workspace {
            phase: RwSignal::new(Phase::Loading),
            tasks,
            edits: StoredValue::new(Edits::default()),
            leaders: after_paint_value(move || tasks.track(), move || distinct(|t| t.leader.as_str())),
            sources: after_paint_value(move || tasks.track(), move || distinct(|t| t.source.label())),
            units: RwSignal::new(UnitDirectory::default()),
            bin: RwSignal::new(Vec::new()),
            log: RwSignal::new(UndoLog::default()),
            rules: RwSignal::new(prefs::status_rules()),
            notices,
            rereading: RwSignal::new(false),
            undoing: RwSignal::new(None),
            search: StoredValue::new(Default::default()),
            pending: RwSignal::new(Vec::new()),
            inflight: RwSignal::new(Vec::new()),
            saving: RwSignal::new(false),
            failed: RwSignal::new(false),
            save_again: StoredValue::new(false),
            in_parts: StoredValue::new(false),
            catch_up_after: StoredValue::new(false),
            seq: StoredValue::new(0),
            patches: StoredValue::new(HashMap::new()),
            db: StoredValue::new_local(None),
            channel: StoredValue::new_local(None),
        }
    }

    /// Count a change of the tasks (made before the views are told of it).
    fn edited(self, in_place: Option<Vec<usize>>) {
        self.edits.update_value(|e| *e = Edits { count: e.count + 1, in_place });
    }

    /// Can the person change the workspace now? (Tracked: for views.)
    pub fn can_change(&self) -> bool {
        matches!(self.phase.get(), Phase::Ready | Phase::MemoryOnly)
    }

    /// Not now (read-only: another tab holds a newer version, or the stored data could not be
    /// read): said, and true.
    fn refused_read_only(&self) -> bool {
        let refused = !matches!(self.phase.get_untracked(), Phase::Ready | Phase::MemoryOnly);
        if refused {
            self.notices.push(NoticeKind::Warning, texts().footer_read_only, None);
        }
        refused
    }

    /// How many changes are waiting to be stored.
    pub fn unsaved(&self) -> usize {
        self.pending.with(Vec::len) + self.inflight.with(Vec::len)
    }

    /// Is a write under way?
    pub fn is_saving(&self) -> bool {
        self.saving.get()
    }

    /// Would closing the page now lose something? (Without storage, everything it holds.)
    fn has_unsaved_untracked(&self) -> bool {
        match self.phase.get_untracked() {
            Phase::MemoryOnly => self.tasks.with_untracked(|t| !t.is_empty()),
            _ => self.pending.with_untracked(|p| !p.is_empty()) || self.inflight.with_untracked(|p| !p.is_empty()),
        }
    }

    // ----- reading -----------------------------------------------------------------------------

    /// Open the database and read what is stored.
    pub fn start(self) {
        self.warn_before_closing_with_unsaved_changes();
        spawn_local(async move {
            let notices = self.notices;
            match self.open().await {
                Ok(db) => {
                    match self.read_everything(&db).await {
                        Ok(migrated) => {
                            self.db.set_value(Some(db.clone()));
                            self.phase.set(Phase::Ready);
                            self.listen_to_other_tabs();
                            if migrated {
                                self.write_back_everything(&db).await;
                            }
                            self.empty_old_bin();
                            self.recur();
                            self.recur_as_days_pass();
                            self.keep_search_texts_folded();
                        }
                        Err(()) => self.phase.set(Phase::ReadOnly),
                    }
                }
                Err(e) => {
                    leptos::logging::warn!("IndexedDB không mở được: {e:?}");
                    self.phase.set(Phase::MemoryOnly);
                    notices.push(NoticeKind::Warning, texts().storage_unavailable, None);
                }
            }
        });
    }

    async fn open(self) -> Result<Rc<Database>, StoreError> {
        let t = texts();
        let notices = self.notices;
        let db = indexed_db::open(
            move || notices.push(NoticeKind::Error, t.other_tab_blocking, Some(NoticeAction::Reload)),
            move || {
                // Another tab needs a newer database: step aside so it is not blocked.
                self.db.with_value(|db| if let Some(db) = db { db.close() });
                self.phase.set(Phase::ReadOnly);
                notices.push(NoticeKind::Warning, t.other_tab_blocking, Some(NoticeAction::Reload));
            },
            move || self.closed_under_the_page(),
        )
        .await?;
        Ok(Rc::new(db))
    }

    /// Read the stored workspace into memory, then re-apply what this tab has not stored yet.
    /// `Ok(true)` when it was migrated and must be written back. The records are read into tasks
    /// a group a turn (the page paints between them), and memory is replaced in one turn at the end.
    async fn read_everything(self, db: &Database) -> Result<bool, ()> {
        let t = texts();
        let mut last = None;
        // A save of this tab that lands while reading, or while the records are read into tasks,
        // makes what was read older than memory: read again.
        for _ in 0..5 {
            let stored = indexed_db::read_all(db).await.map_err(|e| {
                leptos::logging::warn!("Không đọc được IndexedDB: {e:?}");
                self.notices.push(NoticeKind::Error, t.storage_read_failed, Some(NoticeAction::Reload));
            })?;
            let loaded = Self::read_in_parts(&stored).await;
            let done = loaded.is_err() || stored.seq >= self.seq.get_value();
            last = Some((stored, loaded));
            if done {
                break;
            }
        }
        let Some((stored, loaded)) = last else { return Err(()) };
        let seq = stored.seq;
        let log = stored.log;
        let bin = stored.bin;
        match loaded {
            Ok(loaded) => {
                if self.in_parts.get_value() {
                    // An import or an undo began its parts while this was read: what was read
                    // would go under parts not yet stored. Read again once they are.
                    self.catch_up_after.set_value(true);
                    return Ok(false);
                }
                if loaded.unreadable > 0 {
                    self.notices.push(NoticeKind::Warning, (t.storage_unreadable_records)(loaded.unreadable), None);
                }
                let mut ws = core::Workspace::new(loaded.tasks, loaded.units, bin);
                let mut log = log;
                // What this tab did and has not stored is applied again on what was read.
                let mine: Vec<Pending> = self.inflight.get_untracked().into_iter().chain(self.pending.get_untracked()).collect();
                self.patches.update_value(|p| {
                    let ops: Vec<Arc<Op>> = mine.iter().map(|m| m.op.clone()).collect();
                    // The steps' patches as made again here (an import's parts joined again).
                    let made = replay(&mut ws, &mut log, p, &ops).new_steps;
                    p.extend(made);
                });
                self.seq.set_value(seq);
                self.edited(None);
                self.tasks.set(ws.tasks);
                self.units.set(ws.units);
                self.bin.set(ws.bin);
                self.log.set(log);
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

    /// The stored records read into tasks, about [`READ_PART`] bytes of them a turn.
    async fn read_in_parts(stored: &indexed_db::Stored) -> Result<schema::Loaded, LoadError> {
        let mut reading = schema::Reading::begin(stored.version, stored.has_records())?;
        let mut groups = stored.task_groups(READ_PART).peekable();
        while let Some(group) = groups.next() {
            reading.tasks(&group)?;
            if groups.peek().is_some() {
                next_turn().await;
            }
        }
        reading.finish(&stored.units)
    }

    fn memory(self) -> core::Workspace {
        core::Workspace {
            tasks: self.tasks.get_untracked(),
            units: self.units.get_untracked(),
            bin: self.bin.get_untracked(),
        }
    }

    async fn write_back_everything(self, db: &Database) {
        let ws = self.memory();
        match indexed_db::write_everything(db, &ws).await {
            Ok(seq) => {
                self.seq.set_value(seq);
                self.log.set(UndoLog::default());
                self.pending.set(Vec::new());
                self.inflight.set(Vec::new());
            }
            Err(e) => self.write_failed(e),
        }
    }

    /// Must what another tab stored wait? While a write is under way, between the parts of an
    /// import or an undo (what is read would be put under parts not stored yet), and while
    /// everything is being read already (it may have been read before the change that asks).
    fn taking_in_waits(&self) -> bool {
        self.saving.get_untracked() || self.in_parts.get_value() || self.rereading.get_untracked()
    }

    /// Another tab stored changes this tab did not hear of: read everything again (after the
    /// write, the parts or the reading under way, if any).
    fn catch_up(self) {
        if self.taking_in_waits() {
            self.catch_up_after.set_value(true);
            return;
        }
        let Some(db) = self.db.with_value(|db| db.clone()) else { return };
        spawn_local(async move {
            self.rereading.set(true);
            let read = self.read_everything(&db).await;
            self.rereading.set(false);
            if self.catch_up_after.get_value() {
                // Asked again while reading: now, or after the write or the parts under way.
                if !self.taking_in_waits() {
                    self.catch_up_after.set_value(false);
                    self.catch_up();
                }
            } else if read.is_ok() {
                self.notices.push(NoticeKind::Info, texts().other_tab_changed, None);
            }
        });
    }

    /// When another tab stores a change: read just what it wrote, or everything after a gap.
    fn listen_to_other_tabs(self) {
        let Ok(channel) = web_sys::BroadcastChannel::new(CHANNEL) else { return };
        let on_message = Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
            if self.phase.get_untracked() != Phase::Ready {
                return;
            }
            let Some(msg) = ev.data().as_string().and_then(|s| serde_json::from_str::<Message>(&s).ok()) else { return self.catch_up() };
            if msg.seq <= self.seq.get_value() {
                return;
            }
            if msg.replace_all || msg.seq != self.seq.get_value() + 1 || self.taking_in_waits() {
                return self.catch_up();
            }
            let Some(db) = self.db.with_value(|db| db.clone()) else { return };
            spawn_local(async move {
                let tasks: BTreeSet<TaskId> = msg.tasks.into_iter().collect();
                let bin: BTreeSet<TaskId> = msg.bin.into_iter().collect();
                match indexed_db::read_records(&db, &tasks, &bin).await {
                    Ok((records, units, seq, log)) if seq == msg.seq && !self.taking_in_waits() => {
                        self.take_in(records, msg.units.then_some(units), log);
                        self.seq.set_value(seq);
                        self.notices.push(NoticeKind::Info, texts().other_tab_changed, None);
                    }
                    _ => self.catch_up(),
                }
            });
        });
        channel.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        on_message.forget();
        self.channel.set_value(Some(channel));

        // A tab in the background may miss a message: when it is looked at again, it checks.
        let on_visible = Closure::<dyn Fn()>::new(move || {
            let visible = document().visibility_state() == web_sys::VisibilityState::Visible;
            if !visible || self.phase.get_untracked() != Phase::Ready {
                return;
            }
            let Some(db) = self.db.with_value(|db| db.clone()) else { return };
            spawn_local(async move {
                match indexed_db::read_seq(&db).await {
                    Ok((Some(v), _)) if v > SCHEMA_VERSION => self.newer_version_found(v),
                    Ok((_, seq)) if seq != self.seq.get_value() => self.catch_up(),
                    _ => {}
                }
            });
        });
        let _ = document().add_event_listener_with_callback("visibilitychange", on_visible.as_ref().unchecked_ref());
        let _ = window().add_event_listener_with_callback("focus", on_visible.as_ref().unchecked_ref());
        on_visible.forget();
    }

    /// Put records as stored into memory, except those this tab has changed and not yet stored
    /// (its own change will be replayed on them when it is stored).
    fn take_in(self, records: Patch, units: Option<Vec<Unit>>, stored_log: UndoLog) {
        let mine = self.my_touched();
        let theirs: Vec<_> = records.tasks.into_iter().filter(|(id, _)| !mine.tasks.contains(id)).collect();
        // This tab's own change comes back as it was made: the views are not redrawn for it.
        let (differing, same) = self.tasks.with_untracked(|held| Patch::tasks_differing_from(theirs, held));
        drop_later(same);
        let tasks = Patch { tasks: differing, ..Patch::default() };
        let bin = Patch { bin: records.bin.into_iter().filter(|(id, _)| !mine.bin.contains(id)).collect(), ..Patch::default() };
        if !tasks.is_empty() {
            self.edited(None);
            self.tasks.update(|v| {
                let mut ws = core::Workspace { tasks: std::mem::take(v), ..Default::default() };
                ws.apply_patch(&tasks, None);
                *v = ws.tasks;
            });
        }
        if !bin.is_empty() {
            self.bin.update(|v| {
                let mut ws = core::Workspace { bin: std::mem::take(v), ..Default::default() };
                ws.apply_patch(&bin, None);
                *v = ws.bin;
            });
        }
        if let Some(units) = units.filter(|_| mine.units.is_empty()) {
            self.units.set(UnitDirectory::new(units));
        }
        self.set_log(stored_log);
    }

    /// The stored undo list, with this tab's steps that are not stored yet.
    fn set_log(self, mut log: UndoLog) {
        for p in self.inflight.get_untracked().iter().chain(self.pending.get_untracked().iter()) {
            match (&*p.op, &p.step) {
                (Op::Do { .. }, Some(step)) => {
                    log.record(step.clone());
                }
                (Op::Undo(seq), _) => {
                    log.set_undone(*seq, true);
                }
                (Op::Redo(seq), _) => {
                    log.set_undone(*seq, false);
                }
                _ => {}
            }
        }
        self.log.set(log);
    }

    fn my_touched(self) -> Touched {
        let mut all = Touched::default();
        for p in self.inflight.get_untracked().iter().chain(self.pending.get_untracked().iter()) {
            all.replace_all |= p.touched.replace_all;
            all.tasks.extend(p.touched.tasks.iter().cloned());
            all.bin.extend(p.touched.bin.iter().cloned());
            all.units.extend(p.touched.units.iter().cloned());
        }
        all
    }

    // ----- changing ----------------------------------------------------------------------------

    /// Carry out an operation in memory (the core's `apply`, through `replay`), queue it to be
    /// stored, and return what happened. Nothing changes when it is refused.
    fn perform(self, op: Op) -> Option<Outcome> {
        self.perform_and_announce(op, true)
    }

    /// [`Workspace::perform`]; with `announce` false the views are not told (a part of an import:
    /// the views are told once, after the last part, not redrawn and recounted for each).
    fn perform_and_announce(self, op: Op, announce: bool) -> Option<Outcome> {
        if self.refused_read_only() {
            return None;
        }
        let mut log = self.log.get_untracked();
        let mut r = Replayed::default();
        let len_before = self.tasks.with_untracked(Vec::len);
        self.in_core(|ws| self.patches.update_value(|p| r = replay(ws, &mut log, p, std::slice::from_ref(&op))));
        self.settle(op, r, log, len_before, announce)
    }

    /// Undo or redo a step, a part of its records a turn (undoing an import of 50,000 tasks at
    /// once held the page for 230 ms); the views are told once, after the last part.
    async fn perform_in_parts(self, op: Op) -> Option<Outcome> {
        if self.refused_read_only() {
            return None;
        }
        let mut log = self.log.get_untracked();
        let len_before = self.tasks.with_untracked(Vec::len);
        let mut replayer = Replayer::default();
        let mut begun = None;
        self.in_core(|ws| self.patches.update_value(|p| begun = replayer.begin(ws, &mut log, p, &op)));
        if let Some(mut undoing) = begun {
            self.in_parts.set_value(true);
            loop {
                let mut done = true;
                self.in_core(|ws| self.patches.with_value(|p| done = replayer.carry_on(ws, p, &mut undoing, core::IMPORT_PART)));
                if done {
                    break;
                }
                // A step of more than one part says how far it is (in the status bar).
                let (done, all) = undoing.progress();
                self.undoing.set(Some((undoing.is_undo(), done, all)));
                next_turn().await;
            }
            replayer.end(&mut log, undoing);
            self.in_parts.set_value(false);
            self.undoing.set(None);
        }
        self.settle(op, replayer.finish(), log, len_before, true)
    }

    /// Run `f` on the workspace held in memory (moved out of the signals and back, the views not
    /// told).
    fn in_core(self, f: impl FnOnce(&mut core::Workspace)) {
        let mut ws = core::Workspace {
            tasks: self.tasks.try_update_untracked(std::mem::take).unwrap_or_default(),
            units: self.units.try_update_untracked(std::mem::take).unwrap_or_default(),
            bin: self.bin.try_update_untracked(std::mem::take).unwrap_or_default(),
        };
        f(&mut ws);
        let core::Workspace { tasks, units, bin } = ws;
        self.tasks.update_untracked(|v| *v = tasks);
        self.units.update_untracked(|v| *v = units);
        self.bin.update_untracked(|v| *v = bin);
    }

    /// After an operation was carried out in memory: tell the views what changed (with
    /// `announce`), queue it to be stored, and return its outcome.
    fn settle(self, op: Op, r: Replayed, log: UndoLog, len_before: usize, announce: bool) -> Option<Outcome> {
        let t = &r.touched;
        if t.replace_all || !t.tasks.is_empty() {
            let in_place = (announce && !t.replace_all)
                .then(|| self.tasks.with_untracked(|tasks| dondoc::query::edited_in_place(tasks, len_before, &t.tasks)))
                .flatten();
            self.edited(in_place);
        }
        // Only what changed is announced to the views.
        if announce && (t.replace_all || !t.tasks.is_empty()) {
            self.tasks.update(|_| ());
        }
        if announce && (t.replace_all || !t.units.is_empty()) {
            self.units.update(|_| ());
        }
        if announce && (t.replace_all || !t.bin.is_empty()) {
            self.bin.update(|_| ());
        }
        let outcome = r.outcomes.into_iter().next()?;
        let stored = matches!(outcome, Outcome::Done { .. } | Outcome::Undone { .. } | Outcome::Redone { .. });
        if stored && (!r.touched.is_empty() || !r.new_steps.is_empty()) {
            let step = match &op {
                Op::Do { step: Some(seq), .. } => log.get(*seq).cloned(),
                _ => None,
            };
            self.patches.update_value(|p| {
                for seq in &r.dropped_steps {
                    p.remove(seq);
                }
                p.extend(r.new_steps);
            });
            self.log.set(log);
            self.pending.update(|p| p.push(Pending { op: Arc::new(op), touched: Arc::new(r.touched), step }));
            self.save();
        }
        Some(outcome)
    }

    /// Perform a command as an undoable step, and say what happened.
    fn command(self, command: Command) -> Result<StepLabel, CommandError> {
        let op = Op::Do { stamped: Stamped { at: now(), command }, step: Some(new_step_seq()) };
        match self.perform(op) {
            Some(Outcome::Done { label, kept_newer }) => {
                self.say_done(&label, kept_newer);
                Ok(label)
            }
            Some(Outcome::Refused(e)) => Err(e),
            _ => Err(CommandError::Nothing),
        }
    }

    fn say_done(self, label: &StepLabel, kept_newer: usize) {
        // The backup reminder's count (kept in localStorage): after the change is painted.
        after_paint(move || super::data::after_change(self));
        let mut text = (texts().step_done)(label);
        if kept_newer > 0 {
            text = format!("{text} {}", (texts().kept_newer)(kept_newer));
        }
        self.notices.push(NoticeKind::Info, text, Some(NoticeAction::Undo));
    }

    /// [`Workspace::command`] for a command that may be large (an import): applied in parts
    /// ([`Command::in_parts`]), one a turn, as one step; `progress` hears how many of its rows are
    /// in before each part after the first. The views are told once, after the last part, and the
    /// parts are stored together then. A part refused after others are in keeps those (said).
    pub async fn command_in_parts(self, command: Command, progress: impl Fn(usize, usize)) -> Result<StepLabel, CommandError> {
        let mut parts = command.in_parts(core::IMPORT_PART);
        if parts.len() <= 1 {
            return match parts.pop() {
                Some(command) => self.command(command),
                None => Err(CommandError::Nothing),
            };
        }
        let all: usize = parts.iter().map(Command::import_rows).sum();
        let (seq, at) = (new_step_seq(), now());
        self.in_parts.set_value(true);
        let mut done = 0;
        let mut kept_newer = 0;
        let mut result = Err(CommandError::Nothing);
        for (k, command) in parts.into_iter().enumerate() {
            if k > 0 {
                progress(done, all);
                next_turn().await;
            }
            done += command.import_rows();
            match self.perform_and_announce(Op::Do { stamped: Stamped { at, command }, step: Some(seq) }, false) {
                Some(Outcome::Done { kept_newer: kept, .. }) => {
                    kept_newer += kept;
                    result = Ok(());
                }
                Some(Outcome::Refused(e)) => {
                    if result.is_ok() {
                        self.say_refused(&e);
                    } else {
                        result = Err(e);
                    }
                    break;
                }
                _ => break,
            }
        }
        self.in_parts.set_value(false);
        // Told once: every view redraws and recounts for the whole import.
        self.edited(None);
        self.tasks.update(|_| ());
        self.units.update(|_| ());
        self.bin.update(|_| ());
        self.save();
        result?;
        let label = self.log.with_untracked(|l| l.get(seq).map(|s| s.label.clone())).ok_or(CommandError::Nothing)?;
        self.say_done(&label, kept_newer);
        Ok(label)
    }

    fn say_refused(self, e: &CommandError) {
        self.notices.push(NoticeKind::Warning, (texts().command_refused)(e), None);
    }

    /// Set fields of one task: only the fields the person changed, with what the form showed for
    /// each. A field changed elsewhere meanwhile is returned for the person to choose.
    pub fn edit_task(self, id: &TaskId, edits: Vec<Edit>, base: Vec<Edit>) -> Result<bool, Vec<Conflict>> {
        if edits.is_empty() {
            return Ok(false);
        }
        match self.command(Command::EditTask { id: id.clone(), edits, base }) {
            Ok(_) => {
                // A deadline typed as "hàng tháng" gets its periods.
                self.recur();
                Ok(true)
            }
            Err(CommandError::Conflict { conflicts, .. }) => Err(conflicts),
            Err(e) => {
                self.say_refused(&e);
                Ok(false)
            }
        }
    }

    /// Move tasks to a progress column (the board, or a selection).
    pub fn move_tasks(self, ids: Vec<TaskId>, progress: Progress, completed_on: Option<NaiveDate>, evidence: Option<String>) -> bool {
        self.run(Command::Move { ids, progress, completed_on, evidence })
    }

    pub fn move_task(self, id: &TaskId, progress: Progress, completed_on: Option<NaiveDate>, evidence: Option<String>) -> bool {
        self.move_tasks(vec![id.clone()], progress, completed_on, evidence)
    }

    /// An extension (gia hạn) granted to one task or many: new deadline, reason, granting document.
    pub fn extend(self, ids: Vec<TaskId>, deadline: dondoc::domain::Deadline, reason: String, document: String) -> bool {
        self.run(Command::Extend { ids, deadline, reason, document })
    }

    /// The same fields set on many tasks, with the reason kept in their history.
    pub fn bulk(self, ids: Vec<TaskId>, edits: Vec<Edit>, reason: String) -> bool {
        self.run(Command::Bulk { ids, edits, reason })
    }

    fn run(self, command: Command) -> bool {
        match self.command(command) {
            Ok(_) => true,
            Err(CommandError::Nothing) => false,
            Err(e) => {
                self.say_refused(&e);
                false
            }
        }
    }

    /// Add tasks made by hand (one, or one per unit).
    pub fn add_tasks(self, tasks: Vec<Task>) -> bool {
        let tasks = dondoc::domain::recurrence::with_periods(tasks, today());
        self.run(Command::AddTasks { tasks, new_units: Vec::new(), from_directive: false })
    }

    /// Add tasks read from a directive, with the units they need that the workspace lacks.
    pub fn add_many(self, new: Vec<Task>, units: UnitDirectory) -> bool {
        let new_units = self.units.with_untracked(|have| units.units().iter().filter(|u| have.get(&u.id).is_none()).cloned().collect());
        let tasks = dondoc::domain::recurrence::with_periods(new, today());
        self.run(Command::AddTasks { tasks, new_units, from_directive: true })
    }

    /// Apply a confirmed import: the file's values go onto the tasks as they are now.
    /// `replies`: the units whose own list the file is, noted as their answer.
    /// A large file goes in parts, one a turn (`progress` hears how many of its rows are in).
    pub async fn apply_import(self, plan: &MergePlan, replies: Vec<(UnitId, dondoc::domain::Exchange)>, progress: impl Fn(usize, usize)) -> bool {
        let mut command = self.units.with_untracked(|have| Command::import(plan, have));
        if let Command::Import { added, replies: r, .. } = &mut command {
            *added = dondoc::domain::recurrence::with_periods(std::mem::take(added), today());
            *r = replies;
        }
        match self.command_in_parts(command, progress).await {
            Ok(_) => true,
            Err(CommandError::Nothing) => false,
            Err(e) => {
                self.say_refused(&e);
                false
            }
        }
    }

    /// Move tasks to the recycle bin (the person has confirmed).
    pub fn delete_tasks(self, ids: Vec<TaskId>) -> bool {
        self.run(Command::Delete { ids })
    }

    pub fn delete_task(self, id: &TaskId) -> bool {
        self.delete_tasks(vec![id.clone()])
    }

    pub fn put_back(self, ids: Vec<TaskId>) -> bool {
        self.run(Command::PutBack { ids })
    }

    pub fn empty_bin(self) -> bool {
        self.run(Command::EmptyBin { deleted_before: None })
    }

    /// Forget what has waited in the bin longer than it keeps tasks (not a step to undo).
    fn empty_old_bin(self) {
        let cutoff = now() - chrono::Duration::days(core::BIN_DAYS);
        if self.bin.with_untracked(|b| b.iter().any(|x| x.deleted_at < cutoff)) {
            self.perform(Op::Do { stamped: Stamped { at: now(), command: Command::EmptyBin { deleted_before: Some(cutoff) } }, step: None });
        }
    }

    /// Make the periods of recurring duties that have begun by today (`domain::recurrence`): time
    /// passing, not a step of the person's to undo; said in a notice when it makes any.
    fn recur(self) {
        if self.phase.get_untracked() != Phase::Ready {
            return;
        }
        let up = self.tasks.with_untracked(|tasks| {
            let known: std::collections::HashSet<TaskId> = self.bin.with_untracked(|b| b.iter().map(|x| x.task.id.clone()).collect());
            dondoc::domain::recurrence::catch_up(tasks, &known, today())
        });
        if up.is_empty() {
            return;
        }
        let made = up.instances.len();
        let command = Command::Recur { first_dates: up.first_dates, instances: up.instances };
        let done = self.perform(Op::Do { stamped: Stamped { at: now(), command }, step: None });
        if made > 0 && matches!(done, Some(Outcome::Done { .. })) {
            self.notices.push(NoticeKind::Info, (texts().recurred)(made), None);
        }
    }

    /// Note lists or reminders sent to units (an export or a reminder downloaded): not a step to
    /// undo, the file has gone out; the unit table shows who has answered.
    pub fn record_sent(self, entries: Vec<(UnitId, dondoc::domain::Exchange)>) {
        if entries.is_empty() || !self.can_change() {
            return;
        }
        self.perform(Op::Do { stamped: Stamped { at: now(), command: Command::Exchanged { entries } }, step: None });
    }

    /// Whenever the tasks or units change (loading, an import, another tab), fold the search texts
    /// of what changed a slice at a time (500 tasks, a few milliseconds), each slice in its own turn
    /// of the event loop, so the page never freezes and the first keystroke of a search finds them
    /// ready.
    fn keep_search_texts_folded(self) {
        let folding = StoredValue::new(false);
        Effect::new(move |_| {
            self.tasks.track();
            self.units.track();
            // After the frame the change is painted in, not within it.
            if !folding.get_value() {
                folding.set_value(true);
                set_timeout(move || self.fold_slice(folding), std::time::Duration::from_millis(50));
            }
        });
    }

    fn fold_slice(self, folding: StoredValue<bool>) {
        let more = self.tasks.with_untracked(|tasks| {
            self.units.with_untracked(|units| {
                let mut done = true;
                self.search.update_value(|cache| done = cache.fill(tasks, units, 500));
                !done
            })
        });
        if more {
            set_timeout(move || self.fold_slice(folding), std::time::Duration::ZERO);
        } else {
            folding.set_value(false);
        }
    }

    /// A page left open over midnight (or a week) makes the new periods when the day changes.
    fn recur_as_days_pass(self) {
        let last = StoredValue::new(today());
        let tick = Closure::<dyn Fn()>::new(move || {
            if today() != last.get_value() {
                last.set_value(today());
                self.recur();
            }
        });
        let _ = window().set_interval_with_callback_and_timeout_and_arguments_0(tick.as_ref().unchecked_ref(), 60_000);
        tick.forget();
    }

    pub fn add_unit(self, name: &str, kind: Option<UnitKind>) -> Result<(), String> {
        self.unit_command(Command::AddUnit { name: name.to_string(), kind })
    }

    fn unit_command(self, command: Command) -> Result<(), String> {
        match self.command(command) {
            Ok(_) | Err(CommandError::Nothing) => Ok(()),
            Err(e) => Err((texts().command_refused)(&e)),
        }
    }

    pub fn rename_unit(self, id: &UnitId, name: &str) -> Result<(), String> {
        self.unit_command(Command::RenameUnit { id: id.clone(), name: name.to_string() })
    }

    pub fn set_unit_kind(self, id: &UnitId, kind: UnitKind) -> Result<(), String> {
        self.unit_command(Command::SetUnitKind { id: id.clone(), kind })
    }

    pub fn set_unit_order(self, id: &UnitId, position: u32) -> Result<(), String> {
        self.unit_command(Command::SetUnitOrder { id: id.clone(), position })
    }

    pub fn merge_units(self, from: &UnitId, into: &UnitId) -> Result<(), String> {
        self.unit_command(Command::MergeUnits { from: from.clone(), into: into.clone() })
    }

    /// Fill an empty workspace with the sample from the seed directives (made in the file worker,
    /// `ui::worker::sample_in_worker`); a workspace that got tasks meanwhile is left as it is.
    pub fn load_sample(self, sample: Sample) {
        if self.tasks.with_untracked(|t| !t.is_empty()) {
            return;
        }
        self.run(Command::Replace { tasks: sample.tasks, units: sample.units, why: ReplaceWhy::Sample });
        self.recur();
    }

    /// Replace the whole workspace with a backup (the person has confirmed).
    pub fn restore(self, tasks: Vec<Task>, units: Vec<Unit>) {
        self.run(Command::Replace { tasks, units, why: ReplaceWhy::Backup });
        self.recur();
    }

    /// Remove every task and unit (the person has confirmed); undoable.
    pub fn clear(self) {
        self.run(Command::Replace { tasks: Vec::new(), units: Vec::new(), why: ReplaceWhy::Clear });
    }

    /// Undo the last step (also one made before a reload, or in another tab).
    pub fn undo(self) {
        self.undo_or_redo(true);
    }

    pub fn redo(self) {
        self.undo_or_redo(false);
    }

    fn undo_or_redo(self, undo: bool) {
        if self.in_parts.get_value() {
            // An import is going in: its step is undone once it is whole.
            return;
        }
        let step = self.log.with_untracked(|l| if undo { l.next_undo().cloned() } else { l.next_redo().cloned() });
        let Some(step) = step else { return };
        spawn_local(async move {
            // A step from before a reload: its patches are read first.
            if !self.patches.with_value(|p| p.contains_key(&step.seq)) {
                let Some(db) = self.db.with_value(|db| db.clone()) else { return };
                match indexed_db::read_step(&db, step.seq).await {
                    Ok(Some(p)) => self.patches.update_value(|all| {
                        all.insert(step.seq, p);
                    }),
                    _ => {
                        self.notices.push(NoticeKind::Warning, texts().step_gone, None);
                        return;
                    }
                }
            }
            let op = if undo { Op::Undo(step.seq) } else { Op::Redo(step.seq) };
            let t = texts();
            match self.perform_in_parts(op).await {
                Some(Outcome::Undone { label, left }) | Some(Outcome::Redone { label, left }) => {
                    let mut text = if undo { (t.step_undone)(&label) } else { (t.step_redone)(&label) };
                    if left > 0 {
                        text = format!("{text} {}", (t.undo_left)(left));
                    }
                    self.notices.dismiss_action(NoticeAction::Undo);
                    self.notices.push(NoticeKind::Info, text, Some(if undo { NoticeAction::Redo } else { NoticeAction::Undo }));
                }
                Some(_) => self.notices.push(NoticeKind::Warning, t.step_gone, None),
                None => {}
            }
        });
    }

    // ----- storing -----------------------------------------------------------------------------

    /// Store what is queued. Called after every change; safe to call at any time.
    pub fn save(self) {
        if self.in_parts.get_value() {
            // Stored with the import's last part.
            return;
        }
        if self.phase.get_untracked() != Phase::Ready {
            if self.phase.get_untracked() == Phase::MemoryOnly {
                // Nothing to store to: memory is all there is (the footer says so).
                self.pending.set(Vec::new());
            }
            return;
        }
        if self.saving.get_untracked() {
            self.save_again.set_value(true);
            return;
        }
        let batch = self.pending.try_update(std::mem::take).unwrap_or_default();
        if batch.is_empty() {
            return;
        }
        let Some(db) = self.db.with_value(|db| db.clone()) else {
            self.pending.set(batch);
            return;
        };
        self.inflight.set(batch.clone());
        self.saving.set(true);
        spawn_local(async move {
            // The write waits until the page has painted what changed: a card moved shows in its
            // new column first (storing it took 10 of a move's 30 ms at 10,000 tasks).
            after_next_paint().await;
            let ops: Vec<Arc<Op>> = batch.iter().map(|p| p.op.clone()).collect();
            let known: HashMap<u64, StepPatches> = self.patches.with_value(|all| {
                ops.iter().filter_map(|op| match &**op {
                    Op::Undo(s) | Op::Redo(s) => all.get(s).map(|p| (*s, p.clone())),
                    _ => None,
                }).collect()
            });
            let result = indexed_db::commit(&db, &ops, &known).await;
            self.inflight.set(Vec::new());
            match result {
                Ok(done) => {
                    self.failed.set(false);
                    self.notices.dismiss_action(NoticeAction::RetrySave);
                    let refused = done.replayed.outcomes.iter().any(|o| matches!(o, Outcome::Refused(_) | Outcome::StepGone));
                    let gap = done.seq_before != self.seq.get_value();
                    self.seq.set_value(done.seq);
                    let msg = Message {
                        seq: done.seq,
                        replace_all: done.records.replace_all,
                        tasks: done.records.tasks.iter().map(|(id, _)| id.clone()).collect(),
                        bin: done.records.bin.iter().map(|(id, _)| id.clone()).collect(),
                        units: !done.records.units.is_empty() || done.records.replace_all,
                    };
                    // Nothing to take back in when nobody wrote between this tab's last read and
                    // this write (the records are this tab's operations on what memory started
                    // from, which memory holds: comparing 50,000 imported tasks again took 90 ms),
                    // nor after everything was replaced from memory.
                    if (!gap && !refused) || done.records.replace_all {
                        self.set_log(done.log);
                        drop_later(done.records);
                    } else {
                        // The records as stored (another tab's fields included) replace memory's copy.
                        let units = (!done.records.units.is_empty()).then(|| {
                            let mut ws = core::Workspace { units: self.units.get_untracked(), ..Default::default() };
                            ws.apply_patch(&Patch { units: done.records.units.clone(), ..Patch::default() }, None);
                            ws.units.into_units()
                        });
                        self.take_in(done.records, units, done.log);
                    }
                    self.channel.with_value(|c| {
                        if let (Some(c), Ok(text)) = (c, serde_json::to_string(&msg)) {
                            let _ = c.post_message(&wasm_bindgen::JsValue::from_str(&text));
                        }
                    });
                    for o in &done.replayed.outcomes {
                        if let Outcome::Refused(e) = o {
                            self.say_refused(e);
                        }
                    }
                    self.saving.set(false);
                    if gap || refused || self.catch_up_after.get_value() {
                        self.catch_up_after.set_value(false);
                        self.catch_up();
                    }
                    drop_later((batch, ops, done.replayed));
                }
                Err(e) => {
                    // Nothing was stored: the batch waits in front of what came after it.
                    self.pending.update(|p| {
                        let later = std::mem::take(p);
                        *p = batch;
                        p.extend(later);
                    });
                    self.saving.set(false);
                    self.write_failed(e);
                    return;
                }
            }
            let again = self.save_again.get_value();
            self.save_again.set_value(false);
            if again || self.pending.with_untracked(|p| !p.is_empty()) {
                self.save();
            }
        });
    }

    fn write_failed(self, e: StoreError) {
        leptos::logging::warn!("Không lưu được: {e:?}");
        let t = texts();
        match e {
            StoreError::NewerVersion(v) => self.newer_version_found(v),
            StoreError::Closed => self.closed_under_the_page(),
            StoreError::QuotaExceeded => {
                self.failed.set(true);
                self.notices.push(NoticeKind::Error, t.storage_quota, Some(NoticeAction::RetrySave));
            }
            _ => {
                self.failed.set(true);
                self.notices.push(NoticeKind::Error, t.storage_write_failed, Some(NoticeAction::RetrySave));
            }
        }
    }

    /// A newer Đôn Đốc wrote the data: this page stops writing (what it holds stays on screen and
    /// can be downloaded as a backup).
    fn newer_version_found(self, found: u32) {
        self.phase.set(Phase::ReadOnly);
        self.notices.push(NoticeKind::Error, (texts().storage_newer_version)(found, SCHEMA_VERSION), Some(NoticeAction::Reload));
    }

    /// The browser closed the database (site data cleared): open it again; when the data is gone,
    /// write back everything this page holds, and say so; when it cannot be opened, offer a backup.
    fn closed_under_the_page(self) {
        if self.phase.get_untracked() != Phase::Ready {
            return;
        }
        self.db.set_value(None);
        spawn_local(async move {
            let t = texts();
            // The browser may still be deleting: try again a few times, a little later each time.
            let mut reopened = Err(StoreError::Unavailable);
            for attempt in 0..8u32 {
                reopened = match self.open().await {
                    Ok(db) => indexed_db::read_all(&db).await.map(|stored| (db, stored)),
                    Err(e) => Err(e),
                };
                if reopened.is_ok() {
                    break;
                }
                sleep_ms(250 * (attempt + 1)).await;
            }
            match reopened {
                Ok((db, stored)) => {
                    self.db.set_value(Some(db.clone()));
                    if indexed_db::is_empty(&stored) {
                        self.write_back_everything(&db).await;
                        self.notices.push(NoticeKind::Warning, t.storage_deleted_rewritten, Some(NoticeAction::DownloadBackup));
                    } else {
                        self.catch_up();
                        self.save();
                    }
                }
                Err(e) => {
                    leptos::logging::warn!("Không mở lại được IndexedDB: {e:?}");
                    self.phase.set(Phase::MemoryOnly);
                    self.notices.push(NoticeKind::Error, t.storage_deleted_lost, Some(NoticeAction::DownloadBackup));
                }
            }
        });
    }

    /// Closing the page with changes not yet stored asks first.
    fn warn_before_closing_with_unsaved_changes(self) {
        let handler = Closure::<dyn Fn(web_sys::BeforeUnloadEvent)>::new(move |ev: web_sys::BeforeUnloadEvent| {
            if self.has_unsaved_untracked() || self.failed.get_untracked() {
                ev.prevent_default();
                ev.set_return_value(texts().unsaved_on_close);
            }
        });
        let _ = window().add_event_listener_with_callback("beforeunload", handler.as_ref().unchecked_ref());
        handler.forget();
    }
}
