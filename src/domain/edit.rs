//! Changing a task: every change is kept in the task's history (what, old value, new value, when)
//! and stamps its last update. Every change to a task — the board, the task page, bulk changes,
//! imports, unit merges — goes through [`apply`], so history is written one way, under the stable
//! field codes of [`Edit`]'s serde names.

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use super::vn_date::format_date;
use super::{Change, Deadline, Progress, Task, UnitId};

/// One field set to a new value. The serde names are the field codes kept in history and in
/// stored commands: never rename one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "field", content = "value", rename_all = "snake_case")]
pub enum Edit {
    Number(String),
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
        Edit::Number(_) => "number",
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
    apply_because(task, edit, at, "")
}

/// [`apply`], with the reason the person gave kept beside the change (a new deadline's reason).
pub fn apply_because(task: &mut Task, edit: Edit, at: NaiveDateTime, reason: &str) -> bool {
    // A recurring period's deadline written back with its words only ("Hàng tháng", a tracker
    // re-imported) is the same deadline: its period's date stays.
    if matches!(edit, Edit::Deadline(_)) && same_value(&edit, &current(task, &edit)) {
        return false;
    }
    let key = field_key(&edit);
    let Some((old, new)) = put(task, edit, true) else {
        return false;
    };
    task.history.push(Change { at, field: key.to_string(), old, new, reason: reason.to_string() });
    task.updated_at = Some(at);
    true
}

/// Set a field of a task that is being made (an imported row, a directive's proposal): its
/// history starts when it exists, so nothing is written to it. Values are cleaned as [`apply`]
/// cleans them.
pub fn set(task: &mut Task, edit: Edit) {
    put(task, edit, false);
}

/// Put the value in its field; with `describe`, the old and new values as history shows them
/// (None: the field already held it).
fn put(task: &mut Task, edit: Edit, describe: bool) -> Option<(String, String)> {
    let d = describe;
    match edit {
        Edit::Number(v) => swap_text(&mut task.number, v, d),
        Edit::Content(v) => swap_text(&mut task.content, v, d),
        Edit::Leader(v) => swap_text(&mut task.leader, v, d),
        Edit::Officer(v) => swap_text(&mut task.officer, v, d),
        Edit::SourceRef(v) => swap_text(&mut task.source.reference, v, d),
        Edit::SourceTitle(v) => swap_text(&mut task.source.title, v, d),
        Edit::Result(v) => swap_text(&mut task.result, v, d),
        Edit::Evidence(v) => swap_text(&mut task.evidence, v, d),
        Edit::Note(v) => swap_text(&mut task.note, v, d),
        Edit::LeadUnit(v) => swap(&mut task.lead_unit, v, |u| u.as_ref().map(|u| u.0.clone()).unwrap_or_default(), d),
        Edit::CoordinatingUnits(v) => swap(&mut task.coordinating_units, v, |v| ids(v), d),
        Edit::SourceDate(v) => swap(&mut task.source.date, v, |d| date_text(*d), d),
        Edit::CompletedOn(v) => swap(&mut task.completed_on, v, |d| date_text(*d), d),
        Edit::Deadline(v) => swap(&mut task.deadline, v, deadline_text, d),
        Edit::Progress(v) => swap(&mut task.progress, v, |p| p.code().to_string(), d),
    }
}

/// The task's present value of the field `like` sets.
pub fn current(task: &Task, like: &Edit) -> Edit {
    match like {
        Edit::Number(_) => Edit::Number(task.number.clone()),
        Edit::Content(_) => Edit::Content(task.content.clone()),
        Edit::LeadUnit(_) => Edit::LeadUnit(task.lead_unit.clone()),
        Edit::CoordinatingUnits(_) => Edit::CoordinatingUnits(task.coordinating_units.clone()),
        Edit::Leader(_) => Edit::Leader(task.leader.clone()),
        Edit::Officer(_) => Edit::Officer(task.officer.clone()),
        Edit::SourceRef(_) => Edit::SourceRef(task.source.reference.clone()),
        Edit::SourceDate(_) => Edit::SourceDate(task.source.date),
        Edit::SourceTitle(_) => Edit::SourceTitle(task.source.title.clone()),
        Edit::Deadline(_) => Edit::Deadline(task.deadline.clone()),
        Edit::Progress(_) => Edit::Progress(task.progress),
        Edit::Result(_) => Edit::Result(task.result.clone()),
        Edit::Evidence(_) => Edit::Evidence(task.evidence.clone()),
        Edit::CompletedOn(_) => Edit::CompletedOn(task.completed_on),
        Edit::Note(_) => Edit::Note(task.note.clone()),
    }
}

/// Do two values of a field mean the same (text is compared without its outer spaces)?
pub fn same_value(a: &Edit, b: &Edit) -> bool {
    let text = |e: &Edit| match e {
        Edit::Number(v) | Edit::Content(v) | Edit::Leader(v) | Edit::Officer(v) | Edit::SourceRef(v) | Edit::SourceTitle(v)
        | Edit::Result(v) | Edit::Evidence(v) | Edit::Note(v) => Some(v.trim().to_string()),
        _ => None,
    };
    match (text(a), text(b)) {
        (Some(x), Some(y)) => field_key(a) == field_key(b) && x == y,
        // A recurring period's deadline reads back from its words ("Hàng tuần") without the
        // period's date: the same words are the same deadline.
        _ => match (a, b) {
            (Edit::Deadline(x), Edit::Deadline(y)) if matches!(x.kind, crate::domain::DeadlineKind::Recurring(_)) => {
                // Only words without a date match a dated period: dating it is a change.
                x == y || x.kind == y.kind && x.text.trim() == y.text.trim() && x.date.is_none()
            }
            _ => a == b,
        },
    }
}

/// A field the person changed that was changed elsewhere too since the form was opened.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Conflict {
    /// What the form showed when it was opened.
    pub base: Edit,
    /// What the task holds now (someone else's change).
    pub theirs: Edit,
    /// What the person typed.
    pub mine: Edit,
}

/// The edits whose field has changed since `base` (what the person saw) to something other than
/// what the person now asks for. An edit without a base value is never a conflict.
pub fn conflicts(task: &Task, edits: &[Edit], base: &[Edit]) -> Vec<Conflict> {
    edits
        .iter()
        .filter_map(|mine| {
            let seen = base.iter().find(|b| field_key(b) == field_key(mine))?;
            let theirs = current(task, mine);
            (!same_value(&theirs, seen) && !same_value(&theirs, mine))
                .then(|| Conflict { base: seen.clone(), theirs, mine: mine.clone() })
        })
        .collect()
}

/// Put a text in its slot (trimmed); with `describe`, the old and new texts for history.
fn swap_text(slot: &mut String, value: String, describe: bool) -> Option<(String, String)> {
    let value = value.trim();
    if slot.trim() == value {
        return None;
    }
    let value = value.to_string();
    if !describe {
        *slot = value;
        return Some((String::new(), String::new()));
    }
    Some((std::mem::replace(slot, value.clone()), value))
}

/// Put a value in its slot; with `describe`, the old and new values as history shows them.
fn swap<T: PartialEq>(slot: &mut T, value: T, show: impl Fn(&T) -> String, describe: bool) -> Option<(String, String)> {
    (*slot != value).then(|| {
        let old = if describe { show(slot) } else { String::new() };
        *slot = value;
        (old, if describe { show(slot) } else { String::new() })
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
        assert_eq!(t.history[0], Change { at: at(), field: "result".into(), old: "".into(), new: "Đã rà soát 12 thửa".into(), reason: String::new() });
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
    fn a_task_being_made_gets_its_fields_cleaned_as_an_edit_would_but_no_history() {
        let mut made = Task::new(TaskId("NV-1".into()), "Rà soát");
        let mut edited = made.clone();
        let edits = [
            Edit::Leader("  Đ/c Phó Chủ tịch Nguyễn Văn A ".into()),
            Edit::Deadline(read_deadline("trước ngày 25/01/2024").deadline),
            Edit::Progress(Progress::InProgress),
        ];
        for e in edits {
            set(&mut made, e.clone());
            apply(&mut edited, e, at());
        }
        assert_eq!(made.leader, "Đ/c Phó Chủ tịch Nguyễn Văn A");
        assert_eq!((&made.leader, &made.deadline, made.progress), (&edited.leader, &edited.deadline, edited.progress));
        assert!(made.history.is_empty() && made.updated_at.is_none());
        assert_eq!(edited.history.len(), 3);
    }

    #[test]
    fn a_periods_deadline_read_back_from_its_words_keeps_its_date() {
        use crate::domain::read_deadline;
        let mut period = read_deadline("Hàng tuần").deadline;
        period.date = chrono::NaiveDate::from_ymd_opt(2026, 12, 11);
        let as_the_form_reads_it = Edit::Deadline(read_deadline(" Hàng tuần ").deadline);
        assert!(same_value(&as_the_form_reads_it, &Edit::Deadline(period.clone())), "the form saved unchanged must not drop the period's date");
        assert!(!same_value(&Edit::Deadline(read_deadline("Hàng tháng").deadline), &Edit::Deadline(period.clone())));
        assert!(!same_value(&Edit::Deadline(read_deadline("20/12/2026").deadline), &Edit::Deadline(period.clone())));
        let mut t = Task::new(TaskId("NV-1".into()), "Báo cáo tuần");
        t.deadline = period.clone();
        assert!(!apply(&mut t, as_the_form_reads_it, at()), "a tracker re-imported changes nothing");
        assert_eq!(t.deadline, period);
    }

    #[test]
    fn progress_is_kept_under_its_code_not_a_debug_name() {
        let mut t = Task::new(TaskId("NV-1".into()), "Rà soát");
        apply(&mut t, Edit::Progress(Progress::InProgress), at());
        assert_eq!((t.history[0].old.as_str(), t.history[0].new.as_str()), ("not_started", "in_progress"));
        assert_eq!(Progress::from_code("in_progress"), Some(Progress::InProgress));
        assert_eq!(Progress::from_code("InProgress"), Some(Progress::InProgress), "history written before codes still reads");
    }

    #[test]
    fn edits_are_stored_under_their_field_codes() {
        let json = serde_json::to_string(&Edit::Leader("Đ/c Hùng".into())).unwrap();
        assert_eq!(json, r#"{"field":"leader","value":"Đ/c Hùng"}"#);
        assert_eq!(serde_json::from_str::<Edit>(&json).unwrap(), Edit::Leader("Đ/c Hùng".into()));
    }

    #[test]
    fn a_field_changed_elsewhere_since_the_form_opened_is_a_conflict() {
        let mut t = Task::new(TaskId("NV-1".into()), "Rà soát");
        let base = vec![current(&t, &Edit::Result(String::new())), current(&t, &Edit::Note(String::new()))];
        // Another tab writes the result.
        apply(&mut t, Edit::Result("Đã xong 80%".into()), at());
        // This form changes only the note: no conflict.
        assert!(conflicts(&t, &[Edit::Note("Chờ số liệu".into())], &base).is_empty());
        // This form also typed a result: the person must choose.
        let c = conflicts(&t, &[Edit::Result("Đang làm".into())], &base);
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].theirs, Edit::Result("Đã xong 80%".into()));
        // Typing the same value as the other tab is no conflict.
        assert!(conflicts(&t, &[Edit::Result(" Đã xong 80% ".into())], &base).is_empty());
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
