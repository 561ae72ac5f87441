//! The one filter every view uses: unit, leader, source document, derived status, deadline range
//! and free text (ignoring accents and case), combined. It lives in the page address so a view can
//! be bookmarked and the back button works.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::domain::fold::{fold, fold_key, matches_folded};
use crate::domain::{Bucket, Status, Task, UnitId};

/// What a status filter can ask for: an official bucket, or "due soon".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum StatusFilter {
    Bucket(Bucket),
    DueSoon,
}

impl StatusFilter {
    pub fn accepts(self, status: &Status) -> bool {
        match self {
            StatusFilter::Bucket(b) => status.bucket == b,
            StatusFilter::DueSoon => status.due_soon,
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// Tasks this unit leads or coordinates.
    pub unit: Option<UnitId>,
    pub leader: Option<String>,
    /// Source document reference (or title, for documents without a number).
    pub source: Option<String>,
    pub status: Option<StatusFilter>,
    /// Deadline on or after.
    pub due_from: Option<NaiveDate>,
    /// Deadline on or before.
    pub due_to: Option<NaiveDate>,
    /// Free text: every word must appear, accents and case ignored.
    pub text: String,
}

impl Filter {
    pub fn is_empty(&self) -> bool {
        *self == Filter::default()
    }

    /// Does the task pass? `search_text` is the task's folded search text (kept by the caller so a
    /// search over thousands of tasks folds nothing but the query). To test many tasks, prepare the
    /// filter once ([`Filter::prepare`]).
    pub fn accepts(&self, task: &Task, status: &Status, search_text: &str) -> bool {
        self.prepare().accepts(task, status, search_text)
    }

    /// The filter with its texts folded once, to test thousands of tasks against it: a keystroke
    /// in the search box over 10,000 tasks folded the query 10,000 times.
    pub fn prepare(&self) -> Prepared<'_> {
        let query = fold_key(&self.text);
        Prepared {
            filter: self,
            leader: self.leader.as_deref().map(fold),
            source: self.source.as_deref().map(fold),
            query: (!query.is_empty()).then_some(query),
        }
    }
}

/// A [`Filter`] ready to test many tasks: its leader, source and search text folded.
pub struct Prepared<'a> {
    filter: &'a Filter,
    leader: Option<String>,
    source: Option<String>,
    query: Option<String>,
}

impl Prepared<'_> {
    pub fn accepts(&self, task: &Task, status: &Status, search_text: &str) -> bool {
        let f = self.filter;
        if let Some(unit) = &f.unit {
            if task.lead_unit.as_ref() != Some(unit) && !task.coordinating_units.contains(unit) {
                return false;
            }
        }
        if self.leader.as_ref().is_some_and(|leader| fold(&task.leader) != *leader) {
            return false;
        }
        if self.source.as_ref().is_some_and(|source| fold(task.source.label()) != *source) {
            return false;
        }
        if let Some(s) = f.status {
            if !s.accepts(status) {
                return false;
            }
        }
        if f.due_from.is_some() || f.due_to.is_some() {
            let Some(due) = task.deadline.due_date() else { return false };
            if f.due_from.is_some_and(|from| due < from) || f.due_to.is_some_and(|to| due > to) {
                return false;
            }
        }
        self.query.as_ref().is_none_or(|q| matches_folded(search_text, q))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{derive_status, read_deadline, Progress, StatusRules, TaskId};

    fn d(day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2024, 1, day).unwrap()
    }

    fn task(content: &str, unit: &str, deadline: &str) -> Task {
        let mut t = Task::new(TaskId(content.into()), content);
        t.lead_unit = Some(UnitId(unit.into()));
        t.deadline = read_deadline(deadline).deadline;
        t.leader = "Đ/c Hùng".into();
        t.source.reference = "125/TB-UBND".into();
        t
    }

    fn passes(f: &Filter, t: &Task) -> bool {
        let s = derive_status(t.progress, t.deadline.due_date(), t.completed_on, d(20), StatusRules::default());
        f.accepts(t, &s, &t.search_text())
    }

    #[test]
    fn criteria_combine() {
        let a = task("Rà soát quỹ đất", "u-kt", "18/01/2024");
        let mut b = task("Kiểm tra xe quá tải", "u-ca", "25/01/2024");
        b.coordinating_units.push(UnitId("u-kt".into()));
        let c = task("Đề án chuyển đổi số", "u-vh", "");
        let unit = Filter { unit: Some(UnitId("u-kt".into())), ..Default::default() };
        assert!(passes(&unit, &a) && passes(&unit, &b) && !passes(&unit, &c), "lead or coordinating");
        let overdue = Filter { status: Some(StatusFilter::Bucket(Bucket::Overdue)), ..Default::default() };
        assert!(passes(&overdue, &a) && !passes(&overdue, &b));
        let both = Filter { status: Some(StatusFilter::Bucket(Bucket::Overdue)), ..unit.clone() };
        assert!(passes(&both, &a) && !passes(&both, &b));
        let range = Filter { due_from: Some(d(19)), due_to: Some(d(31)), ..Default::default() };
        assert!(!passes(&range, &a) && passes(&range, &b) && !passes(&range, &c), "no deadline is outside any range");
        let soon = Filter { status: Some(StatusFilter::DueSoon), ..Default::default() };
        assert!(!passes(&soon, &b), "five days away is not due soon");
    }

    #[test]
    fn text_ignores_accents_and_case() {
        let a = task("Rà soát quỹ đất công", "u-kt", "");
        for q in ["quy dat", "QUỸ ĐẤT", "ra soat", "quy dat cong", "125/tb"] {
            assert!(passes(&Filter { text: q.into(), ..Default::default() }, &a), "{q}");
        }
        assert!(!passes(&Filter { text: "quy dat xa".into(), ..Default::default() }, &a));
        assert!(!passes(&Filter { text: "ra soat cong".into(), ..Default::default() }, &a), "a phrase, not scattered words");
    }

    #[test]
    fn leader_and_source_match_as_written() {
        let a = task("Việc", "u-kt", "");
        assert!(passes(&Filter { leader: Some("đ/c hùng".into()), ..Default::default() }, &a));
        assert!(!passes(&Filter { leader: Some("Đ/c An".into()), ..Default::default() }, &a));
        assert!(passes(&Filter { source: Some("125/TB-UBND".into()), ..Default::default() }, &a));
        let done = Task { progress: Progress::Done, ..a.clone() };
        assert!(passes(&Filter::default(), &done));
    }
}
