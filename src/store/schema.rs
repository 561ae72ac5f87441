//! What the workspace looks like in storage, and how data saved by an older version is carried
//! forward. Plain functions from the raw records read out of IndexedDB to the workspace, so the
//! rules (refuse a newer version, leave data untouched when a migration fails, keep unreadable
//! records) are tested natively.
//!
//! Each unit is one record, stored as JSON text under its id; tasks are JSON lines in bucket
//! records (`super::buckets`), so an edit writes one small record and a whole workspace a few
//! hundred. The schema version is stored beside them.

use serde_json::Value;

use crate::domain::{Task, Unit};

/// The version of the stored data this build writes. 2: progress in task history is kept under
/// its code ("in_progress", not "InProgress"); deleted tasks wait in a recycle bin; undo steps are
/// stored. 3: units keep what was sent to them and received back (`exchanges`), tasks name the
/// recurring duty they are a period of (`series`): a tab of version 2 would drop them on writing, so
/// once version 3 has written, it stops writing (the records themselves need no change). 4: tasks
/// are stored as lines in [`super::buckets::BUCKETS`] records instead of one record each (a task's
/// text is unchanged, so version 3 records are read one task each and written back in buckets).
pub const SCHEMA_VERSION: u32 = 4;

/// A step that carries one record from version `n` to `n + 1`. `MIGRATIONS[0]` takes version 1
/// data to version 2, and so on; when the stored format changes, add a step here and bump
/// [`SCHEMA_VERSION`].
pub struct Migration {
    pub task: fn(&mut Value) -> Result<(), String>,
    pub unit: fn(&mut Value) -> Result<(), String>,
}

pub const MIGRATIONS: &[Migration] = &[
    Migration { task: progress_codes_in_history, unit: unchanged },
    Migration { task: unchanged, unit: unchanged },
    Migration { task: unchanged, unit: unchanged },
];

fn unchanged(_: &mut Value) -> Result<(), String> {
    Ok(())
}

/// 1 → 2: history kept progress under its Rust name; it is now kept under its code.
fn progress_codes_in_history(task: &mut Value) -> Result<(), String> {
    let Some(history) = task.get_mut("history").and_then(Value::as_array_mut) else { return Ok(()) };
    for change in history.iter_mut().filter(|c| c.get("field").and_then(Value::as_str) == Some("progress")) {
        for side in ["old", "new"] {
            if let Some(v) = change.get(side).and_then(Value::as_str) {
                if let Some(p) = crate::domain::Progress::from_code(v) {
                    change[side] = Value::String(p.code().to_string());
                }
            }
        }
    }
    Ok(())
}

/// The records as read from storage, untouched: what [`load`] takes (the tests' way in; the page
/// reads through [`Reading`] a group at a time).
#[cfg(test)]
#[derive(Debug, Clone, Default)]
pub struct RawWorkspace {
    /// `None` when nothing was ever saved.
    pub version: Option<u32>,
    /// Task records: each holds one task per line (a bucket, or one task as stored before 4).
    pub tasks: Vec<String>,
    pub units: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Loaded {
    pub tasks: Vec<Task>,
    pub units: Vec<Unit>,
    /// Records that could not be read; they stay in storage untouched.
    pub unreadable: usize,
    /// The data was saved by an older version and has been migrated in memory: it must be written
    /// back (all of it, in one transaction) before anything else is.
    pub migrated_from: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadError {
    /// Saved by a newer Đôn Đốc than this one.
    NewerVersion { found: u32 },
    /// Records without a version, or a version number this build never wrote.
    UnknownVersion,
    MigrationFailed { from: u32, reason: String },
}

/// Every record read at once.
#[cfg(test)]
pub fn load(raw: RawWorkspace) -> Result<Loaded, LoadError> {
    load_with(raw, SCHEMA_VERSION, MIGRATIONS)
}

/// [`load`] with the version and migration steps given, so the rules can be tested with steps a
/// future version would have.
#[cfg(test)]
pub fn load_with(raw: RawWorkspace, current: u32, migrations: &[Migration]) -> Result<Loaded, LoadError> {
    let anything = !raw.tasks.is_empty() || !raw.units.is_empty();
    let mut reading = Reading::begin_with(raw.version, anything, current, migrations)?;
    reading.tasks(&raw.tasks)?;
    reading.finish(&raw.units)
}

/// Stored records read into tasks a group at a time: [`load`] reads them all at once, the page
/// a group a turn (50,000 tasks read at once held it for a third of a second). The records of a
/// group are read in full before the next: the result is the same however they are grouped.
pub struct Reading<'m> {
    version: u32,
    current: u32,
    migrations: &'m [Migration],
    tasks: Vec<Task>,
    unreadable: usize,
}

impl Reading<'static> {
    /// `version` as stored; `anything` when any task or unit record is stored (records without a
    /// version are not guessed at).
    pub fn begin(version: Option<u32>, anything: bool) -> Result<Self, LoadError> {
        Reading::begin_with(version, anything, SCHEMA_VERSION, MIGRATIONS)
    }
}

impl<'m> Reading<'m> {
    pub fn begin_with(version: Option<u32>, anything: bool, current: u32, migrations: &'m [Migration]) -> Result<Self, LoadError> {
        let version = match version {
            None if !anything => current,
            None | Some(0) => return Err(LoadError::UnknownVersion),
            Some(v) if v > current => return Err(LoadError::NewerVersion { found: v }),
            Some(v) => v,
        };
        if let Some(step) = (version..current).find(|step| migrations.get((step - 1) as usize).is_none()) {
            return Err(LoadError::MigrationFailed { from: version, reason: format!("thiếu bước nâng cấp từ phiên bản {step}") });
        }
        Ok(Reading { version, current, migrations, tasks: Vec::new(), unreadable: 0 })
    }

    /// Read a group of task records (buckets of lines since version 4, one task each before).
    pub fn tasks<S: AsRef<str>>(&mut self, records: &[S]) -> Result<(), LoadError> {
        let bucketed = self.version >= BUCKETED_SINCE;
        let lines = records.iter().flat_map(|r| -> Box<dyn Iterator<Item = &str>> {
            if bucketed { Box::new(super::buckets::lines(r.as_ref())) } else { Box::new(std::iter::once(r.as_ref())) }
        });
        if self.version == self.current {
            // Stored by this version: each line is read straight into a task. Going through a
            // generic JSON tree first (needed only to migrate) made a 50,000-task reload spend a
            // quarter of its time allocating the trees' nodes.
            let unreadable = &mut self.unreadable;
            self.tasks.extend(lines.filter_map(|line| serde_json::from_str::<Task>(line).map_err(|_| *unreadable += 1).ok()));
            return Ok(());
        }
        for line in lines {
            match self.migrated(line, |m| m.task)? {
                Some(task) => self.tasks.push(task),
                None => self.unreadable += 1,
            }
        }
        Ok(())
    }

    /// The unit records (a few hundred at most, read at once), and the whole workspace read.
    pub fn finish<S: AsRef<str>>(mut self, units: &[S]) -> Result<Loaded, LoadError> {
        let mut read = Vec::with_capacity(units.len());
        for record in units {
            let unit = if self.version == self.current { serde_json::from_str(record.as_ref()).ok() } else { self.migrated(record.as_ref(), |m| m.unit)? };
            match unit {
                Some(unit) => read.push(unit),
                None => self.unreadable += 1,
            }
        }
        let migrated_from = (self.version < self.current).then_some(self.version);
        Ok(Loaded { tasks: self.tasks, units: read, unreadable: self.unreadable, migrated_from })
    }

    /// One record of an older version carried through every step to this one (None: unreadable).
    fn migrated<T: serde::de::DeserializeOwned>(&self, record: &str, step_of: fn(&Migration) -> fn(&mut Value) -> Result<(), String>) -> Result<Option<T>, LoadError> {
        let Ok(mut value) = serde_json::from_str::<Value>(record) else { return Ok(None) };
        for migration in &self.migrations[(self.version - 1) as usize..(self.current - 1) as usize] {
            step_of(migration)(&mut value).map_err(|reason| LoadError::MigrationFailed { from: self.version, reason })?;
        }
        Ok(serde_json::from_value(value).ok())
    }
}

/// The first version that stores tasks in buckets.
const BUCKETED_SINCE: u32 = 4;

/// One stored task line, as this version reads it (None: unreadable).
pub fn decode_task(text: &str) -> Option<Task> {
    serde_json::from_str(text).ok()
}

pub fn encode_task(task: &Task) -> String {
    serde_json::to_string(task).expect("a task always serialises")
}

pub fn encode_unit(unit: &Unit) -> String {
    serde_json::to_string(unit).expect("a unit always serialises")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{TaskId, UnitDirectory};

    fn stored_task(id: &str) -> String {
        encode_task(&Task::new(TaskId(id.into()), "Rà soát quỹ đất"))
    }

    #[test]
    fn nothing_saved_is_an_empty_workspace() {
        let loaded = load(RawWorkspace::default()).unwrap();
        assert!(loaded.tasks.is_empty() && loaded.units.is_empty());
        assert_eq!(loaded.migrated_from, None);
    }

    #[test]
    fn saved_tasks_and_units_read_back() {
        let mut dir = UnitDirectory::default();
        dir.resolve_or_add("Phòng TNMT").unwrap();
        let raw = RawWorkspace {
            version: Some(SCHEMA_VERSION),
            tasks: vec![stored_task("NV-1"), stored_task("NV-2")],
            units: dir.units().iter().map(encode_unit).collect(),
        };
        let loaded = load(raw).unwrap();
        assert_eq!(loaded.tasks.len(), 2);
        assert_eq!(loaded.units[0].name, "Phòng TNMT");
        assert_eq!(loaded.unreadable, 0);
    }

    #[test]
    fn a_newer_version_is_refused() {
        let raw = RawWorkspace { version: Some(SCHEMA_VERSION + 1), tasks: vec![stored_task("NV-1")], units: vec![] };
        assert_eq!(load(raw), Err(LoadError::NewerVersion { found: SCHEMA_VERSION + 1 }));
    }

    #[test]
    fn records_without_a_version_are_not_guessed() {
        let raw = RawWorkspace { version: None, tasks: vec![stored_task("NV-1")], units: vec![] };
        assert_eq!(load(raw), Err(LoadError::UnknownVersion));
    }

    #[test]
    fn unreadable_records_are_counted_not_fatal() {
        let raw = RawWorkspace {
            version: Some(SCHEMA_VERSION),
            tasks: vec![stored_task("NV-1"), "{not json".into(), r#"{"id":"NV-3"}"#.into()],
            units: vec![],
        };
        let loaded = load(raw).unwrap();
        assert_eq!(loaded.tasks.len(), 1);
        assert_eq!(loaded.unreadable, 2);
    }

    #[test]
    fn version_3_records_of_one_task_each_read_whole_and_are_written_back_in_buckets() {
        let raw = RawWorkspace { version: Some(3), tasks: vec![stored_task("NV-1"), stored_task("NV-2")], units: vec![] };
        let loaded = load(raw).unwrap();
        assert_eq!(loaded.tasks.len(), 2);
        assert_eq!(loaded.migrated_from, Some(3), "written back, so version 3 tabs stop writing");
    }

    #[test]
    fn a_bucket_is_read_line_by_line_and_an_unreadable_line_costs_only_itself() {
        let bucket = format!("{}\n{{\"id\":\"NV-2\"}}\n{}\n", stored_task("NV-1"), stored_task("NV-3"));
        let loaded = load(RawWorkspace { version: Some(SCHEMA_VERSION), tasks: vec![bucket, stored_task("NV-4")], units: vec![] }).unwrap();
        let ids: Vec<&str> = loaded.tasks.iter().map(|t| t.id.as_str()).collect();
        assert_eq!(ids, ["NV-1", "NV-3", "NV-4"]);
        assert_eq!(loaded.unreadable, 1);
    }

    /// Read a group at a time, as the page does: the same tasks in the same order, the same count
    /// of unreadable lines, whatever the groups, for this version and for one that migrates.
    #[test]
    fn reading_in_groups_is_reading_at_once() {
        let buckets: Vec<String> = (0..7)
            .map(|b| {
                let mut text: String = (0..b).map(|k| format!("{}\n", stored_task(&format!("NV-{b}-{k}")))).collect();
                if b % 3 == 1 {
                    text.push_str("{hỏng\n");
                }
                text
            })
            .collect();
        let mut dir = UnitDirectory::default();
        dir.resolve_or_add("Phòng Tư pháp").unwrap();
        let units: Vec<String> = dir.units().iter().map(encode_unit).collect();
        for (version, tasks) in [(SCHEMA_VERSION, buckets.clone()), (1, buckets.iter().flat_map(|b| b.lines().map(str::to_string)).collect::<Vec<_>>())] {
            let raw = RawWorkspace { version: Some(version), tasks, units: units.clone() };
            let whole = load(raw.clone()).unwrap();
            assert!(whole.tasks.len() >= 20 && whole.unreadable >= 2, "the sample holds tasks and unreadable lines");
            for size in [1, 2, 5] {
                let mut reading = Reading::begin(raw.version, true).unwrap();
                for group in raw.tasks.chunks(size) {
                    reading.tasks(group).unwrap();
                }
                assert_eq!(reading.finish(&raw.units).unwrap(), whole, "version {version}, groups of {size}");
            }
        }
    }

    #[test]
    fn a_missing_step_is_refused_before_any_record_is_read() {
        assert!(matches!(Reading::begin_with(Some(1), false, 3, &[Migration { task: keep, unit: keep }]), Err(LoadError::MigrationFailed { from: 1, .. })));
        assert!(Reading::begin_with(Some(1), false, 2, &[Migration { task: keep, unit: keep }]).is_ok());
    }

    /// A future version 2 that renamed `note` to `remarks`, to show how data moves forward.
    fn rename_note(v: &mut Value) -> Result<(), String> {
        let obj = v.as_object_mut().ok_or("bản ghi không phải đối tượng")?;
        let note = obj.remove("note").unwrap_or(Value::String(String::new()));
        obj.insert("remarks".into(), note);
        Ok(())
    }
    fn keep(_: &mut Value) -> Result<(), String> {
        Ok(())
    }
    fn fail(_: &mut Value) -> Result<(), String> {
        Err("dữ liệu hỏng".into())
    }

    #[test]
    fn older_data_is_migrated_forward() {
        let mut task = Task::new(TaskId("NV-1".into()), "Nội dung");
        task.note = "ghi chú cũ".into();
        let raw = RawWorkspace { version: Some(1), tasks: vec![encode_task(&task)], units: vec![] };
        // Version 2's Task reads `remarks`; our Task ignores unknown fields, so check the value.
        let steps = [Migration { task: rename_note, unit: keep }];
        let loaded = load_with(raw.clone(), 2, &steps).unwrap();
        assert_eq!(loaded.migrated_from, Some(1));
        assert_eq!(loaded.tasks.len(), 1);
        assert_eq!(loaded.tasks[0].note, "", "the old field was moved by the step");
        // The raw records are not changed by loading: a failed write-back loses nothing.
        assert!(raw.tasks[0].contains("ghi chú cũ"));
    }

    #[test]
    fn version_2_units_read_as_never_sent_anything_and_are_written_back_at_version_3() {
        let raw = RawWorkspace {
            version: Some(2),
            tasks: vec![stored_task("NV-1")],
            units: vec![r#"{"id":"u1","name":"Phòng Tư pháp","kind":"department","aliases":[],"order":1}"#.into()],
        };
        let loaded = load(raw).unwrap();
        assert_eq!(loaded.migrated_from, Some(2), "written back, so version 2 tabs stop writing");
        assert_eq!(loaded.units[0].name, "Phòng Tư pháp");
        assert!(loaded.units[0].exchanges.is_empty());
        // What version 3 writes keeps the exchanges.
        let mut unit = loaded.units[0].clone();
        unit.exchanges.push(crate::domain::Exchange {
            kind: crate::domain::ExchangeKind::ListSent,
            on: chrono::NaiveDate::from_ymd_opt(2026, 11, 21).unwrap(),
            tasks: vec![TaskId("NV-1".into())],
            reply_by: chrono::NaiveDate::from_ymd_opt(2026, 11, 27),
            document: String::new(),
        });
        let again = load(RawWorkspace { version: Some(SCHEMA_VERSION), tasks: vec![], units: vec![encode_unit(&unit)] }).unwrap();
        assert_eq!(again.units[0], unit);
    }

    #[test]
    fn version_1_history_gets_progress_codes() {
        let v1 = r#"{"id":"NV-1","content":"Rà soát","lead_unit":null,"progress":"done",
            "history":[{"at":"2024-01-20T09:00:00","field":"progress","old":"NotStarted","new":"Done"}]}"#;
        let loaded = load(RawWorkspace { version: Some(1), tasks: vec![v1.into()], units: vec![] }).unwrap();
        assert_eq!(loaded.migrated_from, Some(1));
        let c = &loaded.tasks[0].history[0];
        assert_eq!((c.old.as_str(), c.new.as_str()), ("not_started", "done"));
    }

    #[test]
    fn a_failed_migration_reports_and_changes_nothing() {
        let raw = RawWorkspace { version: Some(1), tasks: vec![stored_task("NV-1")], units: vec![] };
        let steps = [Migration { task: fail, unit: keep }];
        assert_eq!(
            load_with(raw.clone(), 2, &steps),
            Err(LoadError::MigrationFailed { from: 1, reason: "dữ liệu hỏng".into() })
        );
        // A step that fails stops the reading whatever steps follow it.
        let two = [Migration { task: fail, unit: keep }, Migration { task: keep, unit: keep }];
        assert_eq!(load_with(raw, 3, &two).unwrap_err(), LoadError::MigrationFailed { from: 1, reason: "dữ liệu hỏng".into() });
    }

    #[test]
    fn a_missing_migration_step_is_a_failure() {
        let raw = RawWorkspace { version: Some(1), tasks: vec![stored_task("NV-1")], units: vec![] };
        assert!(matches!(load_with(raw, 2, &[]), Err(LoadError::MigrationFailed { from: 1, .. })));
    }
}
