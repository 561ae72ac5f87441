//! Changing a task: every change is kept in the task's history (what, old value, new value, when)
//! and stamps its last update. The board, the task page and imports all change tasks this way.

use chrono::{NaiveDate, NaiveDateTime};

use super::vn_date::format_date;
use super::{Change, Deadline, Progress, Task, UnitId};

/// One field set to a new value.
#[derive(Debug, Clone, PartialEq)]
pub enum Edit {
    Content(String),
    LeadUnit(Option<UnitId>),
    CoordinatingUnits(Vec<UnitId>),
    Leader(String),
    Officer(String),
    SourceRef(String),
    SourceDate(Option<NaiveDate>),
    SourceTitle(String),
    Deadline(Deadline),
    Progress(Progress),
    Result(String),
    Evidence(String),
    CompletedOn(Option<NaiveDate>),
    Note(String),
}

/// The key a change is kept under in the history (shown translated by the interface).
pub fn field_key(edit: &Edit) -> &'static str {
    match edit {
        Edit::Content(_) => "content",
        Edit::LeadUnit(_) => "lead_unit",
        Edit::CoordinatingUnits(_) => "coordinating_units",
        Edit::Leader(_) => "leader",
        Edit::Officer(_) => "officer",
        Edit::SourceRef(_) => "source_ref",
        Edit::SourceDate(_) => "source_date",
        Edit::SourceTitle(_) => "source_title",
        Edit::Deadline(_) => "deadline",
        Edit::Progress(_) => "progress",
        Edit::Result(_) => "result",
        Edit::Evidence(_) => "evidence",
        Edit::CompletedOn(_) => "completed_on",
        Edit::Note(_) => "note",
    }
}

fn date_text(d: Option<NaiveDate>) -> String {
    d.map(format_date).unwrap_or_default()
}

fn ids(v: &[UnitId]) -> String {
    v.iter().map(|u| u.0.as_str()).collect::<Vec<_>>().join("; ")
}

fn deadline_text(d: &Deadline) -> String {
    match (d.due_date(), d.text.trim()) {
        (Some(date), "") => format_date(date),
        (Some(date), text) if text == format_date(date) => text.to_string(),
        (Some(date), text) => format!("{} ({text})", format_date(date)),
        (None, text) => text.to_string(),
    }
}

/// Apply an edit; returns whether anything changed (an edit to the same value is no change).
pub fn apply(task: &mut Task, edit: Edit, at: NaiveDateTime) -> bool {
    let key = field_key(&edit);
    let Some((old, new)) = (match edit {
        Edit::Content(v) => swap_text(&mut task.content, v),
        Edit::Leader(v) => swap_text(&mut task.leader, v),
        Edit::Officer(v) => swap_text(&mut task.officer, v),
        Edit::SourceRef(v) => swap_text(&mut task.source.reference, v),
        Edit::SourceTitle(v) => swap_text(&mut task.source.title, v),
        Edit::Result(v) => swap_text(&mut task.result, v),
        Edit::Evidence(v) => swap_text(&mut task.evidence, v),
        Edit::Note(v) => swap_text(&mut task.note, v),
        Edit::LeadUnit(v) => swap(&mut task.lead_unit, v, |u| u.as_ref().map(|u| u.0.clone()).unwrap_or_default()),
        Edit::CoordinatingUnits(v) => swap(&mut task.coordinating_units, v, |v| ids(v)),
        Edit::SourceDate(v) => swap(&mut task.source.date, v, |d| date_text(*d)),
        Edit::CompletedOn(v) => swap(&mut task.completed_on, v, |d| date_text(*d)),
        Edit::Deadline(v) => swap(&mut task.deadline, v, deadline_text),
        Edit::Progress(v) => swap(&mut task.progress, v, |p| format!("{p:?}")),
    }) else {
        return false;
    };
    task.history.push(Change { at, field: key.to_string(), old, new });
    task.updated_at = Some(at);
    true
}

fn swap_text(slot: &mut String, value: String) -> Option<(String, String)> {
    let value = value.trim().to_string();
    (slot.trim() != value).then(|| (std::mem::replace(slot, value.clone()), value))
}

fn swap<T: PartialEq>(slot: &mut T, value: T, show: impl Fn(&T) -> String) -> Option<(String, String)> {
    (*slot != value).then(|| {
        let old = show(slot);
        *slot = value;
        (old, show(slot))
    })
}

/// Move a task to another progress column. Moving to "done" sets the completion date and the
/// evidence; moving out of "done" clears the completion date (the task is not done any more).
pub fn move_to(task: &mut Task, progress: Progress, completed_on: Option<NaiveDate>, evidence: Option<String>, at: NaiveDateTime) -> bool {
    let mut changed = apply(task, Edit::Progress(progress), at);
    if progress == Progress::Done {
        changed |= apply(task, Edit::CompletedOn(completed_on), at);
        if let Some(e) = evidence {
            changed |= apply(task, Edit::Evidence(e), at);
        }
    } else if task.completed_on.is_some() {
        changed |= apply(task, Edit::CompletedOn(None), at);
    }
    changed
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{read_deadline, TaskId};

    fn at() -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2024, 1, 20).unwrap().and_hms_opt(9, 30, 0).unwrap()
    }

    #[test]
    fn every_change_is_kept_with_old_and_new_value() {
        let mut t = Task::new(TaskId("NV-1".into()), "Rà soát");
        assert!(apply(&mut t, Edit::Result("Đã rà soát 12 thửa".into()), at()));
        assert!(apply(&mut t, Edit::Deadline(read_deadline("trước ngày 25/01/2024").deadline), at()));
        assert_eq!(t.history.len(), 2);
        assert_eq!(t.history[0], Change { at: at(), field: "result".into(), old: "".into(), new: "Đã rà soát 12 thửa".into() });
        assert_eq!(t.history[1].new, "25/01/2024 (trước ngày 25/01/2024)");
        assert_eq!(t.updated_at, Some(at()));
    }

    #[test]
    fn the_same_value_is_no_change() {
        let mut t = Task::new(TaskId("NV-1".into()), "Rà soát");
        assert!(!apply(&mut t, Edit::Content(" Rà soát ".into()), at()));
        assert!(!apply(&mut t, Edit::Progress(Progress::NotStarted), at()));
        assert!(t.history.is_empty());
        assert_eq!(t.updated_at, None);
    }

    #[test]
    fn moving_to_done_and_back() {
        let mut t = Task::new(TaskId("NV-1".into()), "Rà soát");
        let day = NaiveDate::from_ymd_opt(2024, 1, 19);
        assert!(move_to(&mut t, Progress::Done, day, Some("Báo cáo số 12/BC-KT".into()), at()));
        assert_eq!((t.progress, t.completed_on, t.evidence.as_str()), (Progress::Done, day, "Báo cáo số 12/BC-KT"));
        assert!(move_to(&mut t, Progress::InProgress, None, None, at()));
        assert_eq!(t.completed_on, None, "not done any more");
        assert_eq!(t.evidence, "Báo cáo số 12/BC-KT", "the evidence stays, for the record");
        assert_eq!(t.history.iter().map(|c| c.field.as_str()).collect::<Vec<_>>(), ["progress", "completed_on", "evidence", "progress", "completed_on"]);
    }
}
