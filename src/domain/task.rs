//! A task: one row of the office's tracker. Its fields follow DOMAIN.md; its status is never
//! stored, only derived (see [`super::status`]).

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use super::deadline::Deadline;
use super::fold::search_key;
use super::status::{derive_status, Status, StatusRules};
use super::unit::UnitId;

/// Stable identity of a task (the "Mã nhiệm vụ" column): kept across export, edit and re-import.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct TaskId(pub String);

impl TaskId {
    /// A new id such as "NV-7K3F-9QX2", from 40 bits of entropy the caller supplies
    /// (time and randomness in the browser, a counter in tests).
    pub fn from_entropy(bits: u64) -> TaskId {
        const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ"; // Crockford base32
        let mut chars = [0u8; 8];
        for (i, c) in chars.iter_mut().enumerate() {
            *c = ALPHABET[((bits >> (5 * (7 - i))) & 31) as usize];
        }
        let s = std::str::from_utf8(&chars).expect("ascii");
        TaskId(format!("NV-{}-{}", &s[..4], &s[4..]))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Where a task comes from: the directive that assigned it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceDocument {
    /// Số/ký hiệu, e.g. "125/TB-UBND" (may be blank in a draft: "/UBND-VP").
    #[serde(default)]
    pub reference: String,
    /// Ngày ban hành.
    #[serde(default)]
    pub date: Option<NaiveDate>,
    /// Trích yếu: what the document is ("Thông báo kết luận phiên họp thường kỳ tháng 12/2023").
    #[serde(default)]
    pub title: String,
}

impl SourceDocument {
    /// How the document is named in tight views: its reference when it has a number ("125/TB-UBND"),
    /// else its title (a draft's "/TB-UBND" names nothing).
    pub fn label(&self) -> &str {
        if self.reference.chars().any(|c| c.is_ascii_digit()) {
            &self.reference
        } else {
            &self.title
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Progress {
    NotStarted,
    InProgress,
    Done,
    Paused,
}

impl Progress {
    pub const ALL: [Progress; 4] = [Progress::NotStarted, Progress::InProgress, Progress::Done, Progress::Paused];

    /// The stable code kept in history and forms (the serde name).
    pub fn code(self) -> &'static str {
        match self {
            Progress::NotStarted => "not_started",
            Progress::InProgress => "in_progress",
            Progress::Done => "done",
            Progress::Paused => "paused",
        }
    }

    /// Read a code back; history written before codes existed used the Rust names ("InProgress").
    pub fn from_code(code: &str) -> Option<Progress> {
        Progress::ALL.into_iter().find(|p| p.code() == code || format!("{p:?}") == code)
    }

    /// Read progress as trackers write it: "Hoàn thành", "Đã hoàn thành", "Đang thực hiện",
    /// "Chưa thực hiện", "Tạm dừng", or an "x" ticked in a "done" column.
    pub fn from_text(text: &str) -> Option<Progress> {
        let words = crate::domain::fold::fold_words(text);
        let has = |phrase: &[&str]| words.windows(phrase.len()).any(|w| w.iter().zip(phrase).all(|(a, b)| a == b));
        match words.as_slice() {
            [] => return None,
            [w] if w == "x" || w == "xong" || w == "done" => return Some(Progress::Done),
            _ => {}
        }
        if has(&["chua", "hoan", "thanh"]) {
            // "chưa hoàn thành" is not done, but underway.
            return Some(Progress::InProgress);
        }
        if has(&["chua", "thuc", "hien"]) || has(&["chua", "trien", "khai"]) {
            return Some(Progress::NotStarted);
        }
        if has(&["tam", "dung"]) || has(&["tam", "hoan"]) || has(&["dung", "thuc", "hien"]) {
            return Some(Progress::Paused);
        }
        if has(&["hoan", "thanh"]) || has(&["da", "thuc", "hien"]) {
            return Some(Progress::Done);
        }
        if has(&["dang", "thuc", "hien"]) || has(&["dang", "trien", "khai"]) || has(&["dang", "xu", "ly"]) {
            return Some(Progress::InProgress);
        }
        None
    }
}

/// One change to a task, kept in its history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change {
    pub at: NaiveDateTime,
    pub field: String,
    pub old: String,
    pub new: String,
    /// Why, when the person said (a new deadline's reason).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Task {
    pub id: TaskId,
    /// STT as shown in the tracker: display order only, never an identity.
    #[serde(default)]
    pub number: String,
    #[serde(default)]
    pub source: SourceDocument,
    pub content: String,
    pub lead_unit: Option<UnitId>,
    #[serde(default)]
    pub coordinating_units: Vec<UnitId>,
    /// Lãnh đạo chỉ đạo / phụ trách.
    #[serde(default)]
    pub leader: String,
    /// Chuyên viên theo dõi.
    #[serde(default)]
    pub officer: String,
    #[serde(default)]
    pub deadline: Deadline,
    pub progress: Progress,
    #[serde(default)]
    pub result: String,
    /// Minh chứng: the document that proves completion.
    #[serde(default)]
    pub evidence: String,
    /// The date of the evidence, not the day someone typed it.
    #[serde(default)]
    pub completed_on: Option<NaiveDate>,
    #[serde(default)]
    pub note: String,
    #[serde(default)]
    pub updated_at: Option<NaiveDateTime>,
    #[serde(default)]
    pub history: Vec<Change>,
}

impl Task {
    pub fn new(id: TaskId, content: impl Into<String>) -> Task {
        Task {
            id,
            number: String::new(),
            source: SourceDocument::default(),
            content: content.into(),
            lead_unit: None,
            coordinating_units: Vec::new(),
            leader: String::new(),
            officer: String::new(),
            deadline: Deadline::default(),
            progress: Progress::NotStarted,
            result: String::new(),
            evidence: String::new(),
            completed_on: None,
            note: String::new(),
            updated_at: None,
            history: Vec::new(),
        }
    }

    /// The task's status as of a date: the one status function applied to this task.
    pub fn status(&self, as_of: NaiveDate, rules: StatusRules) -> Status {
        derive_status(self.progress, self.deadline.due_date(), self.completed_on, as_of, rules)
    }

    /// The same task given to each of its units on its own (the lead and every coordinating
    /// unit each lead a copy, with no coordinators): "mỗi đơn vị một nhiệm vụ".
    pub fn one_per_unit(self, mut new_id: impl FnMut() -> TaskId) -> Vec<Task> {
        let units: Vec<UnitId> = self.lead_unit.iter().chain(&self.coordinating_units).cloned().collect();
        if units.len() < 2 {
            return vec![self];
        }
        units
            .into_iter()
            .enumerate()
            .map(|(i, u)| {
                let mut t = self.clone();
                if i > 0 {
                    t.id = new_id();
                }
                t.lead_unit = Some(u);
                t.coordinating_units.clear();
                t
            })
            .collect()
    }

    /// Progress as it stood at the end of `as_of`: progress changes kept in history after that
    /// day are undone, and a task whose completion date is after that day was still underway
    /// (the list as of a past date must not say "Hoàn thành" beside a status that is not done).
    pub fn progress_on(&self, as_of: NaiveDate) -> Progress {
        let mut p = self.progress;
        for c in self.history.iter().rev().filter(|c| c.field == "progress" && c.at.date() > as_of) {
            if let Some(old) = Progress::from_code(&c.old) {
                p = old;
            }
        }
        match self.completed_on {
            // The evidence is dated on or before that day: it was done.
            Some(d) if d <= as_of && self.progress == Progress::Done => Progress::Done,
            Some(d) if d > as_of && p == Progress::Done => Progress::InProgress,
            _ => p,
        }
    }

    /// Folded text a free-text search looks in: content, source, people, result, note.
    pub fn search_text(&self) -> String {
        search_key(&[
            self.content.as_str(),
            &self.source.reference,
            &self.source.title,
            &self.leader,
            &self.officer,
            &self.result,
            &self.evidence,
            &self.note,
            &self.deadline.text,
            self.id.as_str(),
        ])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn progress_words_of_real_trackers() {
        assert_eq!(Progress::from_text("Hoàn thành"), Some(Progress::Done));
        assert_eq!(Progress::from_text("Đã hoàn thành"), Some(Progress::Done));
        assert_eq!(Progress::from_text("x"), Some(Progress::Done));
        assert_eq!(Progress::from_text("X"), Some(Progress::Done));
        assert_eq!(Progress::from_text("Đang thực hiện"), Some(Progress::InProgress));
        assert_eq!(Progress::from_text("Chưa thực hiện"), Some(Progress::NotStarted));
        assert_eq!(Progress::from_text("Chưa hoàn thành"), Some(Progress::InProgress));
        assert_eq!(Progress::from_text("Tạm dừng"), Some(Progress::Paused));
        assert_eq!(Progress::from_text(""), None);
        assert_eq!(Progress::from_text("Khó khăn"), None);
    }

    #[test]
    fn a_task_given_to_each_unit_on_its_own() {
        let mut t = Task::new(TaskId("NV-1".into()), "Ra quân vệ sinh môi trường");
        t.lead_unit = Some(UnitId("u-a".into()));
        t.coordinating_units = vec![UnitId("u-b".into()), UnitId("u-c".into())];
        let mut n = 10;
        let each = t.one_per_unit(|| {
            n += 1;
            TaskId::from_entropy(n)
        });
        assert_eq!(each.iter().map(|t| t.lead_unit.clone().unwrap().0).collect::<Vec<_>>(), ["u-a", "u-b", "u-c"]);
        assert!(each.iter().all(|t| t.coordinating_units.is_empty() && t.content == "Ra quân vệ sinh môi trường"));
        assert_eq!(each[0].id.as_str(), "NV-1");
        assert_ne!(each[1].id, each[2].id);
    }

    #[test]
    fn progress_as_it_stood_on_a_past_day() {
        let day = |d: u32| NaiveDate::from_ymd_opt(2024, 1, d).unwrap();
        let mut t = Task::new(TaskId("NV-1".into()), "Rà soát");
        crate::domain::edit::apply(&mut t, crate::domain::edit::Edit::Progress(Progress::InProgress), day(10).and_hms_opt(9, 0, 0).unwrap());
        crate::domain::edit::move_to(&mut t, Progress::Done, Some(day(19)), None, day(20).and_hms_opt(9, 0, 0).unwrap());
        assert_eq!(t.progress_on(day(5)), Progress::NotStarted, "before anything was done");
        assert_eq!(t.progress_on(day(15)), Progress::InProgress);
        assert_eq!(t.progress_on(day(19)), Progress::Done, "the evidence's date counts, not the day it was typed");
        assert_eq!(t.progress_on(day(25)), Progress::Done);
        // Without history, a task done later was underway.
        let mut u = Task::new(TaskId("NV-2".into()), "Báo cáo");
        u.progress = Progress::Done;
        u.completed_on = Some(day(19));
        assert_eq!(u.progress_on(day(5)), Progress::InProgress);
    }

    #[test]
    fn documents_without_a_number_are_named_by_title() {
        let mut doc = SourceDocument { reference: "/TB-UBND".into(), date: None, title: "Thông báo kết luận".into() };
        assert_eq!(doc.label(), "Thông báo kết luận");
        doc.reference = "125/TB-UBND".into();
        assert_eq!(doc.label(), "125/TB-UBND");
    }

    #[test]
    fn ids_look_like_tracker_codes_and_differ() {
        let a = TaskId::from_entropy(1);
        let b = TaskId::from_entropy(2);
        assert_eq!(a.as_str(), "NV-0000-0001");
        assert_ne!(a, b);
        assert_eq!(TaskId::from_entropy(u64::MAX).as_str().len(), 12);
    }

    #[test]
    fn search_text_folds_every_field_people_search() {
        let mut t = Task::new(TaskId("NV-1".into()), "Giải phóng mặt bằng Quốc lộ 1A");
        t.source.reference = "125/TB-UBND".into();
        t.leader = "Đ/c Hùng".into();
        let s = t.search_text();
        use crate::domain::fold::matches_query;
        assert!(matches_query(&s, "giai phong mat bang"));
        assert!(matches_query(&s, "125/TB-UBND"));
        assert!(matches_query(&s, "Đ/c Hùng"));
    }

    #[test]
    fn stored_form_reads_back_identically() {
        let mut t = Task::new(TaskId("NV-1".into()), "Nội dung\ncó xuống dòng");
        t.deadline = crate::domain::deadline::read_deadline("quý I/2024").deadline;
        t.completed_on = NaiveDate::from_ymd_opt(2024, 3, 1);
        let json = serde_json::to_string(&t).unwrap();
        assert_eq!(serde_json::from_str::<Task>(&json).unwrap(), t);
    }
}
