//! A full backup of the workspace as one JSON file, and reading one back to restore it. A backup
//! from a newer Đôn Đốc, or a file that is not a backup, is refused before anything is replaced.

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use crate::domain::{Task, Unit};
use crate::store::schema::SCHEMA_VERSION;

const FORMAT: &str = "dondoc-backup";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Backup {
    pub format: String,
    pub schema_version: u32,
    pub saved_at: NaiveDateTime,
    pub units: Vec<Unit>,
    pub tasks: Vec<Task>,
    /// Records whose id another record had already (the last one is kept): said to the person.
    #[serde(skip)]
    pub repeated_ids: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RestoreError {
    NotABackup,
    NewerVersion(u32),
}

pub fn backup_json(tasks: &[Task], units: &[Unit], saved_at: NaiveDateTime) -> Vec<u8> {
    let backup = Backup { format: FORMAT.into(), schema_version: SCHEMA_VERSION, saved_at, units: units.to_vec(), tasks: tasks.to_vec(), repeated_ids: 0 };
    serde_json::to_vec_pretty(&backup).unwrap_or_default()
}

/// Read a backup file, checking it before anything is replaced.
pub fn read_backup(bytes: &[u8]) -> Result<Backup, RestoreError> {
    #[derive(Deserialize)]
    struct Head {
        format: String,
        schema_version: u32,
    }
    let head: Head = serde_json::from_slice(bytes).map_err(|_| RestoreError::NotABackup)?;
    if head.format != FORMAT {
        return Err(RestoreError::NotABackup);
    }
    if head.schema_version > SCHEMA_VERSION {
        return Err(RestoreError::NewerVersion(head.schema_version));
    }
    let mut backup: Backup = serde_json::from_slice(bytes).map_err(|_| RestoreError::NotABackup)?;
    // A task id is one task: a repeated one keeps its last record.
    let mut at: std::collections::HashMap<crate::domain::TaskId, usize> = std::collections::HashMap::new();
    let mut unique: Vec<Task> = Vec::with_capacity(backup.tasks.len());
    for t in std::mem::take(&mut backup.tasks) {
        match at.get(&t.id) {
            Some(&i) => {
                unique[i] = t;
                backup.repeated_ids += 1;
            }
            None => {
                at.insert(t.id.clone(), unique.len());
                unique.push(t);
            }
        }
    }
    backup.tasks = unique;
    Ok(backup)
}
