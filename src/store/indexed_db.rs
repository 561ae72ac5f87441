//! The workspace in IndexedDB: tasks as JSON lines in bucket records (`super::buckets`, keyed by
//! bucket number), one record per unit and per task in the recycle bin (JSON text under its id),
//! the undo steps' patches (a large step in parts: [`put_step`]), and in `meta` the schema
//! version, the change number and the undo list. Every write is one transaction that first reads the records it
//! changes, replays the tab's operations on them (`workspace::replay`), checks the stored schema
//! version, and lands whole or not at all.

use std::collections::{BTreeSet, HashMap};
use std::future::IntoFuture;

use idb::{Database, DatabaseEvent, Factory, ObjectStoreParams, Transaction, TransactionMode, TransactionResult};
use wasm_bindgen::{JsCast, JsValue};

use super::buckets::{self, bucket_of};
use super::schema::{self, encode_unit, SCHEMA_VERSION};
use crate::domain::{Task, TaskId, Unit};
use crate::workspace::{Binned, Replayer, IMPORT_PART, Op, Patch, Replayed, Step, StepPatches, UndoLog, Workspace};

pub const DB_NAME: &str = "dondoc";
/// The IndexedDB structure version (object stores), not the data schema version. 2 added the
/// recycle bin and the undo steps.
const DB_VERSION: u32 = 2;
const TASKS: &str = "tasks";
const UNITS: &str = "units";
const BIN: &str = "bin";
const STEPS: &str = "steps";
const META: &str = "meta";
const ALL: [&str; 5] = [TASKS, UNITS, BIN, STEPS, META];
const VERSION_KEY: &str = "schema_version";
const SEQ_KEY: &str = "seq";
const LOG_KEY: &str = "undo_log";

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoreError {
    /// IndexedDB is missing or refused (private mode, storage blocked).
    Unavailable,
    /// The browser's storage quota is full.
    QuotaExceeded,
    /// The database was closed under the page (the browser deleted the site's data).
    Closed,
    /// A newer Đôn Đốc has written the data since this page read it.
    NewerVersion(u32),
    /// Anything else; the detail is for the console, not the user.
    Failed(String),
}

/// The DOMException inside an idb error, by its name (the exception's type), not its message.
fn exception_name(e: &idb::Error) -> Option<String> {
    use idb::Error as E;
    let value = match e {
        E::DomException(d) => return Some(d.name()),
        E::AddFailed(v) | E::ClearFailed(v) | E::CountFailed(v) | E::DeleteFailed(v) | E::GetAllFailed(v)
        | E::GetAllKeysFailed(v) | E::GetFailed(v) | E::GetKeyFailed(v) | E::UpdateFailed(v) | E::TransactionOpenFailed(v)
        | E::IndexedDbOpenFailed(v) | E::TransactionAbortError(v) | E::TransactionCommitError(v) => v,
        _ => return None,
    };
    value.dyn_ref::<web_sys::DomException>().map(|d| d.name())
}

impl From<idb::Error> for StoreError {
    fn from(e: idb::Error) -> Self {
        match exception_name(&e).as_deref() {
            Some("QuotaExceededError") => StoreError::QuotaExceeded,
            Some("InvalidStateError") => StoreError::Closed,
            _ => StoreError::Failed(e.to_string()),
        }
    }
}

/// Open (creating on first use) the database. `on_blocked`: another tab holds an older version
/// open; `on_version_change`: another tab needs this one to close; `on_close`: the browser closed
/// it (site data cleared).
pub async fn open(
    on_blocked: impl FnOnce() + 'static,
    on_version_change: impl Fn() + 'static,
    on_close: impl FnOnce() + 'static,
) -> Result<Database, StoreError> {
    let factory = Factory::new().map_err(|_| StoreError::Unavailable)?;
    let mut request = factory.open(DB_NAME, Some(DB_VERSION)).map_err(|_| StoreError::Unavailable)?;
    request.on_upgrade_needed(|event| {
        // Creating the stores a new or older database lacks; nothing stored is touched.
        if let Ok(db) = event.database() {
            let names = db.store_names();
            for store in ALL {
                if !names.iter().any(|n| n == store) {
                    let _ = db.create_object_store(store, ObjectStoreParams::new());
                }
            }
        }
    });
    request.on_blocked(move |_| on_blocked());
    let mut db = request.await.map_err(|e| match StoreError::from(e) {
        StoreError::Failed(_) => StoreError::Unavailable,
        other => other,
    })?;
    db.on_version_change(move |_| on_version_change());
    db.on_close(move |_| on_close());
    Ok(db)
}

fn strings(values: Vec<JsValue>) -> Vec<String> {
    values.into_iter().map(text_of).collect()
}

/// Everything stored, read in one transaction. The task records are left as the browser gave
/// them: [`Stored::task_groups`] makes them text a group at a time, for [`schema::Reading`].
pub struct Stored {
    pub version: Option<u32>,
    tasks: Vec<JsValue>,
    pub units: Vec<String>,
    pub bin: Vec<Binned>,
    pub seq: u64,
    pub log: UndoLog,
}

impl Stored {
    /// Is any task or unit record stored?
    pub fn has_records(&self) -> bool {
        !self.tasks.is_empty() || !self.units.is_empty()
    }

    /// The task records as text, in groups of about `bytes` (the last one smaller).
    pub fn task_groups(&self, bytes: usize) -> impl Iterator<Item = Vec<String>> + '_ {
        let mut values = self.tasks.iter().peekable();
        std::iter::from_fn(move || {
            values.peek()?;
            let (mut group, mut size) = (Vec::new(), 0);
            while size < bytes {
                let Some(value) = values.next() else { break };
                let text = text_of(value.clone());
                size += text.len();
                group.push(text);
            }
            Some(group)
        })
    }
}

async fn meta_state(tx: &Transaction) -> Result<(Option<u32>, u64, UndoLog), StoreError> {
    let meta = tx.object_store(META)?;
    let version = meta.get(JsValue::from_str(VERSION_KEY))?.await?.and_then(|v| v.as_f64()).map(|v| v as u32);
    let seq = meta.get(JsValue::from_str(SEQ_KEY))?.await?.and_then(|v| v.as_f64()).map_or(0, |v| v as u64);
    let log = meta
        .get(JsValue::from_str(LOG_KEY))?
        .await?
        .and_then(|v| v.as_string())
        .and_then(|s| serde_json::from_str::<Vec<Step>>(&s).ok())
        .map(UndoLog::new)
        .unwrap_or_default();
    Ok((version, seq, log))
}

pub async fn read_all(db: &Database) -> Result<Stored, StoreError> {
    let tx = db.transaction(&ALL, TransactionMode::ReadOnly)?;
    let tasks = every_task_record(&tx.object_store(TASKS)?).await?.into_iter().map(|(_, value)| value).collect();
    let units = tx.object_store(UNITS)?.get_all(None, None)?.await?;
    let bin = tx.object_store(BIN)?.get_all(None, None)?.await?;
    let (version, seq, log) = meta_state(&tx).await?;
    let bin = strings(bin).iter().filter_map(|s| serde_json::from_str(s).ok()).collect();
    Ok(Stored { version, tasks, units: strings(units), bin, seq, log })
}

/// The change number and schema version stored now (cheap: to notice missed changes).
pub async fn read_seq(db: &Database) -> Result<(Option<u32>, u64), StoreError> {
    let tx = db.transaction(&[META], TransactionMode::ReadOnly)?;
    let (version, seq, _) = meta_state(&tx).await?;
    Ok((version, seq))
}

/// The patches of one undo step.
pub async fn read_step(db: &Database, seq: u64) -> Result<Option<StepPatches>, StoreError> {
    let tx = db.transaction(&[STEPS], TransactionMode::ReadOnly)?;
    get_step(&tx.object_store(STEPS)?, seq).await
}

/// What a step stored in parts keeps under its own key: how many parts follow it. Not patches, so
/// a version before parts, reading it, says the step can no longer be undone rather than undo a
/// part of it.
#[derive(serde::Serialize, serde::Deserialize)]
struct PartsHead {
    parts: usize,
}

/// Where part `k` (from 1) of step `seq` is stored: under the key `[seq, k]` (an array: a step's
/// number is too large for a fraction added to it to make another number).
fn part_key(seq: u64, k: usize) -> JsValue {
    js_sys::Array::of2(&JsValue::from_f64(seq as f64), &JsValue::from_f64(k as f64)).into()
}

/// A step's patches as stored: one record, or a [`PartsHead`] and its parts, put back together.
/// A part missing or unreadable: the step cannot be undone whole, so it is gone (`None`).
async fn get_step(store: &idb::ObjectStore, seq: u64) -> Result<Option<StepPatches>, StoreError> {
    let Some(text) = store.get(JsValue::from_f64(seq as f64))?.await?.and_then(|v| v.as_string()) else { return Ok(None) };
    if let Ok(patches) = serde_json::from_str::<StepPatches>(&text) {
        return Ok(Some(patches));
    }
    let Ok(PartsHead { parts }) = serde_json::from_str(&text) else { return Ok(None) };
    let range = idb::KeyRange::bound(&part_key(seq, 1), &part_key(seq, parts.max(1)), None, None)?;
    // Keys `[seq, 1]` to `[seq, parts]`, in order.
    let read: Vec<StepPatches> = strings(store.get_all(Some(range.into()), None)?.await?).iter().filter_map(|s| serde_json::from_str(s).ok()).collect();
    Ok(if read.len() == parts { StepPatches::from_parts(read) } else { None })
}

/// Store a step's patches: one record when small; else a [`PartsHead`] and parts of
/// [`crate::workspace::undo::TASKS_PER_PART`] task records, each serialised and put in a turn of
/// its own (an import of 50,000 tasks was one 25 MB record, one task of about 260 ms).
async fn put_step(store: &idb::ObjectStore, meta: &idb::ObjectStore, seq: u64, patches: &StepPatches) -> Result<(), StoreError> {
    let parts = patches.parts(crate::workspace::undo::TASKS_PER_PART);
    let key = JsValue::from_f64(seq as f64);
    if let [only] = parts.as_slice() {
        if let Ok(text) = serde_json::to_string(only) {
            store.put(&JsValue::from_str(&text), Some(&key))?;
        }
        return Ok(());
    }
    if let Ok(head) = serde_json::to_string(&PartsHead { parts: parts.len() }) {
        store.put(&JsValue::from_str(&head), Some(&key))?;
    }
    for (k, part) in parts.iter().enumerate() {
        if k > 0 {
            breathe(meta).await?;
        }
        if let Ok(text) = serde_json::to_string(part) {
            store.put(&JsValue::from_str(&text), Some(&part_key(seq, k + 1)))?;
        }
    }
    Ok(())
}

/// Delete every record of step `seq`: its own and its parts'.
fn delete_step(store: &idb::ObjectStore, seq: u64) -> Result<(), StoreError> {
    store.delete(JsValue::from_f64(seq as f64))?;
    store.delete(idb::KeyRange::bound(&part_key(seq, 0), &part_key(seq, usize::MAX), None, None)?)?;
    Ok(())
}

/// Some records as stored now (after another tab's change).
pub async fn read_records(db: &Database, tasks: &BTreeSet<TaskId>, bin: &BTreeSet<TaskId>) -> Result<(Patch, Vec<Unit>, u64, UndoLog), StoreError> {
    let tx = db.transaction(&ALL, TransactionMode::ReadOnly)?;
    let mut patch = Patch::default();
    let texts = read_buckets(&tx.object_store(TASKS)?, tasks.iter().map(bucket_of).collect()).await?;
    let mut found = tasks_in(texts.values(), tasks);
    for id in tasks {
        patch.tasks.push((id.clone(), found.remove(id)));
    }
    for id in bin {
        let v = tx.object_store(BIN)?.get(JsValue::from_str(id.as_str()))?.await?;
        patch.bin.push((id.clone(), v.and_then(|v| v.as_string()).and_then(|s| serde_json::from_str(&s).ok())));
    }
    let units = strings(tx.object_store(UNITS)?.get_all(None, None)?.await?).iter().filter_map(|s| serde_json::from_str(s).ok()).collect();
    let (_, seq, log) = meta_state(&tx).await?;
    Ok((patch, units, seq, log))
}

/// What a commit stored.
pub struct Committed {
    /// The change number before and after (another tab's change in between shows as a gap).
    pub seq_before: u64,
    pub seq: u64,
    pub replayed: Replayed,
    /// The records as stored now, for every record written.
    pub records: Patch,
    pub log: UndoLog,
}

/// Bucket texts by number, as stored now (a bucket not stored is absent). Every read is asked for
/// first and awaited after, so the reads wait for IndexedDB once, not once each.
async fn read_buckets(store: &idb::ObjectStore, which: BTreeSet<u32>) -> Result<HashMap<u32, String>, StoreError> {
    let mut asked = Vec::with_capacity(which.len());
    for bucket in which {
        // Each request becomes its future at once: that is when its result handler is attached.
        asked.push((bucket, store.get(JsValue::from_f64(f64::from(bucket)))?.into_future()));
    }
    let mut texts = HashMap::new();
    for (bucket, text) in asked {
        if let Some(text) = text.await?.and_then(|v| v.as_string()) {
            texts.insert(bucket, text);
        }
    }
    Ok(texts)
}

/// Every task record: the bucket texts by number, and the texts of records under other keys (left
/// by an older version: read, never rewritten as buckets).
async fn read_every_bucket(store: &idb::ObjectStore) -> Result<(HashMap<u32, String>, Vec<String>), StoreError> {
    let records = every_task_record(store).await?;
    let mut texts = HashMap::with_capacity(records.len());
    let mut others = Vec::new();
    for (bucket, value) in records {
        match bucket {
            Some(bucket) => {
                texts.insert(bucket, text_of(value));
            }
            None => others.push(text_of(value)),
        }
    }
    Ok((texts, others))
}

/// Every task record as the browser gives it: its bucket (`None`: a record under another key) and
/// its value, made text by the caller (a few at a time: 512 buckets of 50,000 tasks made text at
/// once held the page for 65 ms). Read in ranges of buckets, each handed over in a task of its
/// own: the browser reading 25 MB of records into the page in one answer held it for 60 ms more.
async fn every_task_record(store: &idb::ObjectStore) -> Result<Vec<(Option<u32>, JsValue)>, StoreError> {
    const RANGES: u32 = 8;
    let step = buckets::BUCKETS.div_ceil(RANGES);
    let number = |n: u32| JsValue::from_f64(f64::from(n));
    // Numbers below 64, 64 to 128, …, 448 and up; then every key that is not a number (records
    // under other keys sort after numbers).
    let mut ranges = Vec::new();
    for k in 0..RANGES {
        ranges.push(match k {
            0 => idb::KeyRange::upper_bound(&number(step), Some(true))?,
            k if k + 1 == RANGES => idb::KeyRange::bound(&number(k * step), &JsValue::from_str(""), Some(false), Some(true))?,
            k => idb::KeyRange::bound(&number(k * step), &number((k + 1) * step), Some(false), Some(true))?,
        });
    }
    ranges.push(idb::KeyRange::lower_bound(&JsValue::from_str(""), Some(false))?);
    let mut asked = Vec::with_capacity(ranges.len());
    for range in ranges {
        let keys = store.get_all_keys(Some(range.clone().into()), None)?.into_future();
        asked.push((keys, store.get_all(Some(range.into()), None)?.into_future()));
    }
    let mut records = Vec::new();
    for (keys, values) in asked {
        let (keys, values) = (keys.await?, values.await?);
        records.extend(keys.iter().map(|k| k.as_f64().map(|b| b as u32)).zip(values));
    }
    Ok(records)
}

/// A record's text (a record that is not text is kept as text nobody can parse, so it is counted
/// as unreadable).
fn text_of(value: JsValue) -> String {
    value.as_string().unwrap_or_default()
}

/// Read a group of bucket texts: every task in them, or only those with the ids asked for.
fn decode_group(every: bool, ids: &BTreeSet<TaskId>, group: &[&String], tasks: &mut Vec<Task>, found: &mut HashMap<TaskId, Task>) {
    if every {
        tasks.extend(all_tasks(group.iter().copied()));
    } else {
        // Only the tasks asked for are read in full.
        found.extend(tasks_in(group.iter().copied(), ids));
    }
}

/// The tasks with these ids in the bucket texts (only their lines are read in full).
fn tasks_in<'a>(texts: impl IntoIterator<Item = &'a String>, ids: &BTreeSet<TaskId>) -> HashMap<TaskId, Task> {
    let mut found = HashMap::new();
    for line in texts.into_iter().flat_map(|t| buckets::lines(t)) {
        if let Some(id) = buckets::line_id(line).filter(|id| ids.contains(id)) {
            if let Some(task) = schema::decode_task(line) {
                found.insert(id, task);
            }
        }
    }
    found
}

/// How many bucket texts are read into tasks in one turn (512 buckets: at 50,000 tasks, about
/// 3,000 tasks a turn).
const DECODE_GROUP: usize = 32;

/// Every task in the texts that this version can read.
fn all_tasks<'a>(texts: impl IntoIterator<Item = &'a String>) -> Vec<Task> {
    texts.into_iter().flat_map(|t| buckets::lines(t)).filter_map(schema::decode_task).collect()
}

/// Let the page paint inside a transaction: awaiting a request (not a timer, which would let the
/// transaction end) gives the browser its turn.
async fn breathe(meta: &idb::ObjectStore) -> Result<(), StoreError> {
    meta.get(JsValue::from_str(SEQ_KEY))?.await?;
    Ok(())
}

/// Put bucket texts (an empty one is deleted). Bucket texts are large and few, so a 50,000-task
/// write is a few hundred puts, made in groups inside the one transaction with a breath after
/// each (`meta`: [`breathe`]) so the page can paint; `texts` is lazy, so each group's texts are
/// written out just before it is put. (Awaiting the group's last put did not let the page paint:
/// rewriting 512 buckets for an undo was one task of 130 ms.)
async fn put_buckets(store: &idb::ObjectStore, meta: &idb::ObjectStore, texts: impl IntoIterator<Item = (u32, String)>) -> Result<(), StoreError> {
    for (n, (bucket, text)) in texts.into_iter().enumerate() {
        let key = JsValue::from_f64(f64::from(bucket));
        if text.is_empty() {
            store.delete(key)?;
        } else {
            store.put(&JsValue::from_str(&text), Some(&key))?;
        }
        if n % 16 == 15 {
            breathe(meta).await?;
        }
    }
    breathe(meta).await
}

/// Write task changes (`None`: removed) into their buckets. `texts`: bucket texts already read in
/// this transaction; the others are read first, so every line not changed is kept as it was.
async fn put_tasks(store: &idb::ObjectStore, meta: &idb::ObjectStore, tasks: &[(TaskId, Option<Task>)], mut texts: HashMap<u32, String>) -> Result<(), StoreError> {
    let grouped = buckets::group(tasks.iter().map(|(id, t)| (id, t.as_ref())));
    let missing: BTreeSet<u32> = grouped.keys().filter(|b| !texts.contains_key(b)).copied().collect();
    if !missing.is_empty() {
        texts.extend(read_buckets(store, missing).await?);
    }
    let rewritten = grouped.iter().map(|(bucket, changes)| (*bucket, buckets::rewrite(texts.get(bucket).map_or("", String::as_str), changes)));
    put_buckets(store, meta, rewritten).await
}

/// Replay `ops` on the stored records and store the result, in one transaction.
pub async fn commit<O: std::borrow::Borrow<Op>>(db: &Database, ops: &[O], patches_known: &HashMap<u64, StepPatches>) -> Result<Committed, StoreError> {
    let tx = db.transaction(&ALL, TransactionMode::ReadWrite)?;
    match commit_in(&tx, ops, patches_known).await {
        Ok(done) => {
            let error = tx.error();
            match tx.await? {
                TransactionResult::Committed => Ok(done),
                TransactionResult::Aborted => Err(match error.map(|e| e.name()).as_deref() {
                    Some("QuotaExceededError") => StoreError::QuotaExceeded,
                    other => StoreError::Failed(format!("giao dịch bị hủy: {other:?}")),
                }),
            }
        }
        Err(e) => {
            let e = refused_for_space(&tx, e);
            let _ = tx.abort();
            Err(e)
        }
    }
}

/// A put the disk has no room for aborts its transaction, and the next request then fails as
/// aborted: the transaction's own error says it was space.
fn refused_for_space(tx: &Transaction, e: StoreError) -> StoreError {
    match tx.error().map(|e| e.name()).as_deref() {
        Some("QuotaExceededError") => StoreError::QuotaExceeded,
        _ => e,
    }
}

async fn commit_in<O: std::borrow::Borrow<Op>>(tx: &Transaction, ops: &[O], patches_known: &HashMap<u64, StepPatches>) -> Result<Committed, StoreError> {
    let (version, seq_before, mut log) = meta_state(tx).await?;
    if let Some(v) = version.filter(|&v| v > SCHEMA_VERSION) {
        return Err(StoreError::NewerVersion(v));
    }
    let tasks_store = tx.object_store(TASKS)?;
    let units_store = tx.object_store(UNITS)?;
    let bin_store = tx.object_store(BIN)?;
    let steps_store = tx.object_store(STEPS)?;
    let meta = tx.object_store(META)?;

    // The patches of the steps to undo or redo.
    let mut patches: HashMap<u64, StepPatches> = HashMap::new();
    for op in ops {
        let seq = match op.borrow() {
            Op::Undo(seq) | Op::Redo(seq) => *seq,
            // A later part of a step already stored (parts are stored together, so only if a
            // write was split): joined to the stored patches, so the step is undone whole.
            Op::Do { step: Some(seq), .. } if log.get(*seq).is_some_and(|s| !s.undone) && !patches.contains_key(seq) => *seq,
            Op::Do { .. } => continue,
        };
        if let Some(p) = patches_known.get(&seq) {
            patches.insert(seq, p.clone());
        } else if let Some(p) = get_step(&steps_store, seq).await? {
            patches.insert(seq, p);
        }
    }
    // The records the operations read, as stored now.
    let units: Vec<Unit> = strings(units_store.get_all(None, None)?.await?).iter().filter_map(|s| serde_json::from_str(s).ok()).collect();
    let mut ws = Workspace::new(Vec::new(), units, Vec::new());
    let needs_all = ops.iter().any(|op| op.borrow().needs_all());
    let ids: BTreeSet<TaskId> = if needs_all { BTreeSet::new() } else { ops.iter().flat_map(|op| op.borrow().task_ids(&patches)).collect() };
    let wanted: BTreeSet<u32> = ids.iter().map(bucket_of).collect();
    // Read a group of buckets at a time, the page painting between: undoing an import of 50,000
    // read them all in one task of 550 ms.
    let mut found = HashMap::new();
    let mut texts: HashMap<u32, String> = HashMap::new();
    if needs_all || wanted.len() * 2 >= buckets::BUCKETS as usize {
        // Most buckets wanted: reading the whole store once costs less than hundreds of single
        // reads; each group is made text as it is read.
        let records = every_task_record(&tasks_store).await?;
        texts.reserve(records.len());
        for (k, group) in records.chunks(DECODE_GROUP).enumerate() {
            if k > 0 {
                breathe(&meta).await?;
            }
            let group: Vec<(Option<u32>, String)> = group.iter().map(|(bucket, value)| (*bucket, text_of(value.clone()))).collect();
            // (Records under other keys, left by an older version, only when every task is read.)
            let read: Vec<&String> = group.iter().filter(|(bucket, _)| needs_all || bucket.is_some()).map(|(_, text)| text).collect();
            decode_group(needs_all, &ids, &read, &mut ws.tasks, &mut found);
            texts.extend(group.into_iter().filter_map(|(bucket, text)| Some((bucket?, text))));
        }
    } else {
        texts = read_buckets(&tasks_store, wanted).await?;
        let all: Vec<&String> = texts.values().collect();
        for (k, group) in all.chunks(DECODE_GROUP).enumerate() {
            if k > 0 {
                breathe(&meta).await?;
            }
            decode_group(needs_all, &ids, group, &mut ws.tasks, &mut found);
        }
    }
    if !needs_all {
        ws.tasks = ids.iter().filter_map(|id| found.remove(id)).collect();
    }
    if needs_all || ids.len() > 64 {
        ws.bin = strings(bin_store.get_all(None, None)?.await?).iter().filter_map(|s| serde_json::from_str(s).ok()).collect();
    } else {
        let asked: Vec<_> = ids.iter().map(|id| bin_store.get(JsValue::from_str(id.as_str())).map(IntoFuture::into_future)).collect::<Result<_, _>>()?;
        for binned in asked {
            if let Some(b) = binned.await?.and_then(|v| v.as_string()).and_then(|s| serde_json::from_str::<Binned>(&s).ok()) {
                ws.bin.push(b);
            }
        }
    }

    // One operation at a time, the page painting between them: an import's parts each take a
    // few milliseconds, all together as long as the whole import did on the page.
    // An undo or redo a part of its records at a time, likewise (undoing an import of 50,000
    // tasks held the page for 150 ms here).
    let mut replayer = Replayer::default();
    for (i, op) in ops.iter().enumerate() {
        if i > 0 {
            breathe(&meta).await?;
        }
        if let Some(mut undoing) = replayer.begin(&mut ws, &mut log, &mut patches, op.borrow()) {
            while !replayer.carry_on(&mut ws, &patches, &mut undoing, IMPORT_PART) {
                breathe(&meta).await?;
            }
            replayer.end(&mut log, undoing);
        }
    }
    let replayed = replayer.finish();
    breathe(&meta).await?;
    let t = &replayed.touched;
    let mut records = Patch { replace_all: t.replace_all, ..Patch::default() };
    if t.replace_all {
        tasks_store.clear()?;
        units_store.clear()?;
        bin_store.clear()?;
        records.tasks = ws.tasks.iter().map(|x| (x.id.clone(), Some(x.clone()))).collect();
        records.units = ws.units.units().iter().map(|u| (u.id.clone(), Some(u.clone()))).collect();
        records.bin = ws.bin.iter().map(|b| (b.task.id.clone(), Some(b.clone()))).collect();
    } else {
        records = ws.records(t);
    }
    breathe(&meta).await?;
    if t.replace_all {
        let grouped = buckets::group(ws.tasks.iter().map(|t| (&t.id, Some(t))));
        put_buckets(&tasks_store, &meta, grouped.iter().map(|(bucket, tasks)| (*bucket, buckets::rewrite("", tasks)))).await?;
    } else {
        put_tasks(&tasks_store, &meta, &records.tasks, texts).await?;
    }
    for (id, entry) in &records.bin {
        let key = JsValue::from_str(id.as_str());
        match entry.as_ref().and_then(|b| serde_json::to_string(b).ok()) {
            Some(text) => {
                bin_store.put(&JsValue::from_str(&text), Some(&key))?;
            }
            None => {
                bin_store.delete(key)?;
            }
        }
    }
    for (id, unit) in &records.units {
        let key = JsValue::from_str(&id.0);
        match unit {
            Some(u) => {
                units_store.put(&JsValue::from_str(&encode_unit(u)), Some(&key))?;
            }
            None => {
                units_store.delete(key)?;
            }
        }
    }
    for seq in &replayed.dropped_steps {
        delete_step(&steps_store, *seq)?;
    }
    for (seq, p) in &replayed.new_steps {
        breathe(&meta).await?;
        put_step(&steps_store, &meta, *seq, p).await?;
    }
    let seq = seq_before + 1;
    if let Ok(text) = serde_json::to_string(log.steps()) {
        meta.put(&JsValue::from_str(&text), Some(&JsValue::from_str(LOG_KEY)))?;
    }
    meta.put(&JsValue::from_f64(seq as f64), Some(&JsValue::from_str(SEQ_KEY)))?;
    meta.put(&JsValue::from_f64(SCHEMA_VERSION as f64), Some(&JsValue::from_str(VERSION_KEY)))?;
    Ok(Committed { seq_before, seq, replayed, records, log })
}

/// Write a whole workspace as it is in memory (after a migration, or when the browser deleted the
/// stored data under an open page), in one transaction.
pub async fn write_everything(db: &Database, ws: &Workspace) -> Result<u64, StoreError> {
    let tx = db.transaction(&ALL, TransactionMode::ReadWrite)?;
    let result: Result<u64, StoreError> = async {
        let (version, seq, _) = meta_state(&tx).await?;
        if let Some(v) = version.filter(|&v| v > SCHEMA_VERSION) {
            return Err(StoreError::NewerVersion(v));
        }
        let tasks = tx.object_store(TASKS)?;
        // Stored lines this version cannot read, of no task in memory, are written back beside the
        // tasks: a migration or a repair never drops a record it does not understand.
        let (texts, others) = read_every_bucket(&tasks).await?;
        let known: BTreeSet<&str> = ws.tasks.iter().map(|t| t.id.as_str()).collect();
        let kept: Vec<&str> = texts
            .values()
            .chain(&others)
            .flat_map(|r| buckets::lines(r))
            .filter(|l| buckets::line_id(l).is_none_or(|id| !known.contains(id.as_str())) && schema::decode_task(l).is_none())
            .collect();
        let texts = buckets::build(&ws.tasks, &kept);
        tasks.clear()?;
        put_buckets(&tasks, &tx.object_store(META)?, texts).await?;
        let units = tx.object_store(UNITS)?;
        units.clear()?;
        for unit in ws.units.units() {
            units.put(&JsValue::from_str(&encode_unit(unit)), Some(&JsValue::from_str(&unit.id.0)))?;
        }
        let bin = tx.object_store(BIN)?;
        bin.clear()?;
        for b in &ws.bin {
            if let Ok(text) = serde_json::to_string(b) {
                bin.put(&JsValue::from_str(&text), Some(&JsValue::from_str(b.task.id.as_str())))?;
            }
        }
        let meta = tx.object_store(META)?;
        // The undo list starts again: the steps it named were stored with the data replaced.
        meta.put(&JsValue::from_str("[]"), Some(&JsValue::from_str(LOG_KEY)))?;
        tx.object_store(STEPS)?.clear()?;
        meta.put(&JsValue::from_f64((seq + 1) as f64), Some(&JsValue::from_str(SEQ_KEY)))?;
        meta.put(&JsValue::from_f64(SCHEMA_VERSION as f64), Some(&JsValue::from_str(VERSION_KEY)))?;
        Ok(seq + 1)
    }
    .await;
    match result {
        Ok(seq) => match tx.await? {
            TransactionResult::Committed => Ok(seq),
            TransactionResult::Aborted => Err(StoreError::Failed("giao dịch bị hủy".into())),
        },
        Err(e) => {
            let e = refused_for_space(&tx, e);
            let _ = tx.abort();
            Err(e)
        }
    }
}

/// Is anything stored at all? (Site data cleared by the browser leaves an empty database.)
pub fn is_empty(stored: &Stored) -> bool {
    !stored.has_records() && stored.bin.is_empty() && stored.version.is_none()
}
