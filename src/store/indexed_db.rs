//! The workspace in IndexedDB: one record per task and per unit (JSON text under its id), and the
//! schema version in `meta`. Reads happen once at start-up in one transaction; every write is one
//! transaction that either lands whole or not at all.

use idb::{Database, DatabaseEvent, Factory, ObjectStoreParams, TransactionMode, TransactionResult};
use wasm_bindgen::JsValue;

use super::schema::{encode_task, encode_unit, RawWorkspace, SCHEMA_VERSION};
use crate::domain::{Task, TaskId, Unit};

pub const DB_NAME: &str = "dondoc";
/// The IndexedDB structure version (object stores), not the data schema version.
const DB_VERSION: u32 = 1;
const TASKS: &str = "tasks";
const UNITS: &str = "units";
const META: &str = "meta";
const VERSION_KEY: &str = "schema_version";

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoreError {
    /// IndexedDB is missing or refused (private mode, storage blocked).
    Unavailable,
    /// The browser's storage quota is full.
    QuotaExceeded,
    /// Anything else; the detail is for the console, not the user.
    Failed(String),
}

impl From<idb::Error> for StoreError {
    fn from(e: idb::Error) -> Self {
        let text = e.to_string();
        if text.contains("QuotaExceeded") || text.to_lowercase().contains("quota") {
            StoreError::QuotaExceeded
        } else {
            StoreError::Failed(text)
        }
    }
}

/// Open (creating on first use) the database. `on_blocked` is called if another tab holds an
/// older version open; `on_version_change` if another tab later needs this one to close.
pub async fn open(on_blocked: impl FnOnce() + 'static, on_version_change: impl Fn() + 'static) -> Result<Database, StoreError> {
    let factory = Factory::new().map_err(|_| StoreError::Unavailable)?;
    let mut request = factory.open(DB_NAME, Some(DB_VERSION)).map_err(|_| StoreError::Unavailable)?;
    request.on_upgrade_needed(|event| {
        // Creating the empty stores of a new database; nothing stored is touched.
        if let Ok(db) = event.database() {
            let names = db.store_names();
            for store in [TASKS, UNITS, META] {
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
    Ok(db)
}

fn strings(values: Vec<JsValue>) -> Vec<String> {
    // A record that is not text is kept as text nobody can parse, so it is counted as unreadable.
    values.into_iter().map(|v| v.as_string().unwrap_or_default()).collect()
}

/// Everything stored, as raw records, read in one transaction.
pub async fn read_all(db: &Database) -> Result<RawWorkspace, StoreError> {
    let tx = db.transaction(&[TASKS, UNITS, META], TransactionMode::ReadOnly)?;
    let tasks = tx.object_store(TASKS)?.get_all(None, None)?.await?;
    let units = tx.object_store(UNITS)?.get_all(None, None)?.await?;
    let version = tx.object_store(META)?.get(JsValue::from_str(VERSION_KEY))?.await?;
    let version = version.and_then(|v| v.as_f64()).map(|v| v as u32);
    Ok(RawWorkspace { version, tasks: strings(tasks), units: strings(units) })
}

async fn finish(tx: idb::Transaction) -> Result<(), StoreError> {
    let error = tx.error();
    match tx.await? {
        TransactionResult::Committed => Ok(()),
        TransactionResult::Aborted => Err(match error.map(|e| e.name()) {
            Some(name) if name == "QuotaExceededError" => StoreError::QuotaExceeded,
            other => StoreError::Failed(format!("giao dịch bị hủy: {other:?}")),
        }),
    }
}

/// What one write changes.
#[derive(Debug, Default, Clone)]
pub struct Write<'a> {
    /// Empty every store first (clearing the workspace, replacing it with the sample or a backup).
    pub replace_everything: bool,
    pub put_tasks: Vec<&'a Task>,
    pub delete_tasks: Vec<&'a TaskId>,
    pub put_units: Vec<&'a Unit>,
}

/// Puts issued before the page may paint again: a 10,000-task import is written in chunks, each
/// awaited inside the same transaction, so it stays all-or-nothing without freezing the page.
const CHUNK: usize = 1000;

/// Apply a write in one transaction, stamping the schema version with it.
pub async fn write(db: &Database, w: Write<'_>) -> Result<(), StoreError> {
    let tx = db.transaction(&[TASKS, UNITS, META], TransactionMode::ReadWrite)?;
    match write_in(&tx, &w).await {
        Ok(()) => finish(tx).await,
        Err(e) => {
            let _ = tx.abort();
            Err(e)
        }
    }
}

async fn write_in(tx: &idb::Transaction, w: &Write<'_>) -> Result<(), StoreError> {
    let tasks = tx.object_store(TASKS)?;
    let units = tx.object_store(UNITS)?;
    let meta = tx.object_store(META)?;
    if w.replace_everything {
        tasks.clear()?;
        units.clear()?;
    }
    for chunk in w.put_tasks.chunks(CHUNK) {
        let mut last = None;
        for task in chunk {
            last = Some(tasks.put(&JsValue::from_str(&encode_task(task)), Some(&JsValue::from_str(task.id.as_str())))?);
        }
        if let Some(last) = last {
            last.await?;
        }
    }
    for id in &w.delete_tasks {
        tasks.delete(JsValue::from_str(id.as_str()))?;
    }
    for unit in &w.put_units {
        units.put(&JsValue::from_str(&encode_unit(unit)), Some(&JsValue::from_str(&unit.id.0)))?;
    }
    meta.put(&JsValue::from_f64(SCHEMA_VERSION as f64), Some(&JsValue::from_str(VERSION_KEY)))?;
    Ok(())
}
