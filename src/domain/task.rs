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

    /// Read progress as trackers write it (README of the tracker fixtures, "Progress"):
    /// * done: "Hoàn thành", "Đã hoàn thành …", "Đã xong …", "Hoàn thành 100%", "100%", an "x";
    /// * in progress: "Đang …" (triển khai, thi công, lập hồ sơ…), "x%" with 0 < x < 100,
    ///   "Đã hoàn thành một phần", "Cơ bản hoàn thành";
    /// * not started: "Chưa thực hiện", "Chưa triển khai", "Chưa hoàn thành", "0%";
    /// * paused: "Tạm dừng …", "Tạm hoãn …", "Dừng thực hiện".
    ///
    /// Only the opening words of the first clause count (a short subject may come first: "Dự án
    /// đang thi công"), so a result sentence with no progress word ("Đã tổ chức 3 hội nghị") gives
    /// `None`, and so do plans ("Dự kiến hoàn thành …", "Phấn đấu hoàn thành …") and words that fit
    /// no state clearly ("Không thực hiện được do …"): the importer asks.
    pub fn from_text(text: &str) -> Option<Progress> {
        use crate::domain::fold::{fold, fold_words};
        use crate::domain::normal_form::nfc;

        // A single tick or word.
        let all = fold_words(text);
        match all.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
            [] => return None,
            ["x" | "xong" | "done"] => return Some(Progress::Done),
            ["chua"] => return Some(Progress::NotStarted),
            _ => {}
        }

        // The first clause of the first written line, its words lower-cased as written (to tell
        // "đang" from "đăng") and folded. A decimal comma stays in its number ("83,7%") and "%"
        // is a word of its own.
        let line = text.lines().map(str::trim).find(|l| !l.is_empty())?;
        let lower: Vec<char> = nfc(line).chars().flat_map(char::to_lowercase).collect();
        let mut clause = String::with_capacity(line.len());
        for (i, &c) in lower.iter().enumerate() {
            let between_digits =
                i > 0 && lower[i - 1].is_ascii_digit() && lower.get(i + 1).is_some_and(|n| n.is_ascii_digit());
            match c {
                ',' | '.' if between_digits => clause.push('.'),
                ',' | ';' | '.' | ':' | '(' | ')' => break,
                '%' => clause.push_str(" % "),
                _ => clause.push(c),
            }
        }
        let raw: Vec<&str> = clause
            .split(|c: char| !(c.is_alphanumeric() || c == '.' || c == '%'))
            .map(|w| w.trim_matches('.'))
            .filter(|w| !w.is_empty())
            .collect();
        let words: Vec<String> = raw.iter().map(|w| fold(w)).collect();
        let at = |i: usize, phrase: &[&str]| {
            phrase.len() + i <= words.len() && words[i..].iter().zip(phrase).all(|(a, b)| a == b)
        };
        // A percentage at word i: "80%", "83,7 %".
        let percent = |i: usize| -> Option<f64> {
            (words.get(i + 1).map(String::as_str) == Some("%")).then(|| words[i].parse::<f64>().ok()).flatten()
        };
        let by_percent = |v: f64| {
            if v <= 0.0 {
                Progress::NotStarted
            } else if v >= 100.0 {
                Progress::Done
            } else {
                Progress::InProgress
            }
        };
        const PAUSED: &[&[&str]] = &[
            &["tam", "dung"],
            &["tam", "ngung"],
            &["tam", "hoan"],
            &["dung", "thuc", "hien"],
            &["ngung", "thuc", "hien"],
        ];
        const NOT_STARTED: &[&[&str]] = &[
            &["chua", "hoan", "thanh"],
            &["chua", "thuc", "hien"],
            &["chua", "trien", "khai"],
            &["chua", "bat", "dau"],
            &["chua", "lam"],
        ];
        // Words before a progress word that make it a plan, a requirement or a field name, not
        // a statement of progress: "dự kiến hoàn thành", "phấn đấu hoàn thành", "thời hạn hoàn thành".
        const NOT_A_STATEMENT: &[&[&str]] = &[
            &["du", "kien"],
            &["phan", "dau"],
            &["ke", "hoach"],
            &["de", "nghi"],
            &["yeu", "cau"],
            &["thoi", "han"],
            &["han"],
            &["ngay"],
            &["ty", "le"],
            &["muc", "do"],
            &["chi", "tieu"],
            &["se"],
            &["can"],
            &["phai"],
            &["nham"],
        ];
        // A short subject may open the clause ("Dự án đang thi công", "Hiện nay đang triển khai").
        for i in 0..words.len().min(4) {
            let before = &words[..i];
            let planned = (0..i).any(|j| NOT_A_STATEMENT.iter().any(|p| at(j, p) && j + p.len() <= i));
            let found = if at(i, &["khong", "thuc", "hien"]) {
                // "Không thực hiện được do vướng mặt bằng": not started or paused? The person says.
                return None;
            } else if let Some(p) = NOT_STARTED.iter().find(|p| at(i, p)) {
                Some((Progress::NotStarted, i + p.len()))
            } else if let Some(p) = PAUSED.iter().find(|p| at(i, p)) {
                Some((Progress::Paused, i + p.len()))
            } else if matches!(raw[i], "đang" | "ðang") {
                let paused = PAUSED.iter().any(|p| at(i + 1, p));
                Some((if paused { Progress::Paused } else { Progress::InProgress }, i + 1))
            } else if at(i, &["co", "ban", "hoan", "thanh"]) || at(i, &["da", "co", "ban", "hoan", "thanh"]) {
                Some((Progress::InProgress, words.len()))
            } else if at(i, &["da", "hoan", "thanh"]) || at(i, &["da", "hoan", "tat"]) || at(i, &["da", "xong"]) {
                Some((Progress::Done, i + 3 - usize::from(at(i, &["da", "xong"]))))
            } else if at(i, &["da", "thuc", "hien", "xong"]) || at(i, &["thuc", "hien", "xong"]) {
                Some((Progress::Done, words.len()))
            } else if at(i, &["da", "thuc", "hien"]) && words.len() == i + 3 {
                Some((Progress::Done, words.len()))
            } else if at(i, &["hoan", "thanh"]) || at(i, &["hoan", "tat"]) {
                // Bare "Hoàn thành" is done when it stands alone or says how ("đúng hạn", "100%"),
                // not when it names what is to be finished ("Hoàn thành phê duyệt dự án") or by when.
                let how = |w: Option<&String>| {
                    matches!(w.map(String::as_str), None | Some("dung" | "qua" | "xong" | "toan" | "tot" | "mot"))
                        || percent(i + 2).is_some()
                        || at(i + 2, &["truoc", "han"])
                };
                how(words.get(i + 2)).then_some((Progress::Done, i + 2))
            } else if let Some(v) = percent(i) {
                Some((by_percent(v), i + 2))
            } else if at(i, &["dat"]) || at(i, &["da", "dat"]) {
                let n = if at(i, &["dat"]) { i + 1 } else { i + 2 };
                percent(n).map(|v| (by_percent(v), n + 2))
            } else {
                None
            };
            let Some((progress, end)) = found else { continue };
            if planned || before.iter().any(|w| w == "%") {
                return None;
            }
            // "Đã hoàn thành một phần", "Hoàn thành 80%": only partly done.
            if progress == Progress::Done {
                if at(end, &["mot", "phan"]) {
                    return Some(Progress::InProgress);
                }
                let pct = percent(end).or_else(|| if at(end, &["dat"]) { percent(end + 1) } else { None });
                if let Some(v) = pct {
                    return Some(by_percent(v));
                }
            }
            return Some(progress);
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

/// An extension granted (gia hạn): the deadline before and after, why, and the document that
/// grants it. The task's deadline is the last one granted; the first stays readable for a strict
/// report ([`Task::first_deadline`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Extension {
    pub from: Deadline,
    pub to: Deadline,
    pub reason: String,
    /// "Công văn số 125/UBND-VP ngày 02/3/2024" (as the person wrote it; may be empty).
    #[serde(default)]
    pub document: String,
    pub granted_at: NaiveDateTime,
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
    /// Extensions granted, oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub extensions: Vec<Extension>,
    /// A recurring duty's later period: the first task of the duty (`domain::recurrence`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub series: Option<TaskId>,
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
            extensions: Vec::new(),
            series: None,
        }
    }

    /// The deadline first given, before any extension.
    pub fn first_deadline(&self) -> &Deadline {
        self.extensions.first().map_or(&self.deadline, |e| &e.from)
    }

    /// The status counted against the first deadline (a strict report), by the one status function.
    pub fn status_against_first(&self, as_of: NaiveDate, rules: StatusRules) -> Status {
        derive_status(self.progress, self.first_deadline().due_date(), self.completed_on, as_of, rules)
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
        search_key(&self.search_parts())
    }

    /// The fields a search looks in, unfolded.
    pub fn search_parts(&self) -> [&str; 10] {
        [
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
        ]
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
        assert_eq!(Progress::from_text("Chưa hoàn thành"), Some(Progress::NotStarted), "README: chua");
        assert_eq!(Progress::from_text("Tạm dừng"), Some(Progress::Paused));
        assert_eq!(Progress::from_text(""), None);
        assert_eq!(Progress::from_text("Khó khăn"), None);
    }

    /// tests/fixtures/trackers/09-tien-do-bang-chu.expected.json, `progress_by_row`: the words in
    /// "Tình hình thực hiện" and the progress a clerk reads from them.
    #[test]
    fn progress_words_of_fixture_09_read_as_the_clerk_reads_them() {
        use Progress::*;
        let rows: [(u32, &str, Option<Progress>); 20] = [
            (2, "Đang triển khai", Some(InProgress)),
            (3, "Đang thực hiện, dự kiến xong trong tháng 02/2024", Some(InProgress)),
            (4, "Đang thi công", Some(InProgress)),
            (5, "80%", Some(InProgress)),
            (6, "Chưa thực hiện", Some(NotStarted)),
            (7, "Đã hoàn thành", Some(Done)),
            (8, "Hoàn thành 100%", Some(Done)),
            (9, "Đã xong, đã có văn bản báo cáo UBND thị xã", Some(Done)),
            (10, "Tạm dừng", Some(Paused)),
            // An empty cell reads as nothing; the importer gives it `chua`.
            (11, "", None),
            (12, "0%", Some(NotStarted)),
            (13, "Đã hoàn thành một phần", Some(InProgress)),
            (14, "Đang triển khai", Some(InProgress)),
            (15, "Đã hoàn thành", Some(Done)),
            (16, "100%", Some(Done)),
            (17, "Chưa triển khai", Some(NotStarted)),
            (18, "Đang thi công", Some(InProgress)),
            // "fits neither state clearly": no reading, so the importer asks (default `chua`).
            (19, "Không thực hiện được do vướng mặt bằng", None),
            (20, "Tạm dừng chờ ý kiến chỉ đạo", Some(Paused)),
            (21, "Đã hoàn thành", Some(Done)),
        ];
        for (row, text, expected) in rows {
            assert_eq!(Progress::from_text(text), expected, "row {row}: {text:?}");
        }
    }

    /// Progress words in the other fixtures' samples (05 "Tình hình thực hiện", 07 "Tiến độ").
    #[test]
    fn progress_words_of_other_fixtures() {
        assert_eq!(Progress::from_text("95%"), Some(Progress::InProgress), "05 row 9");
        assert_eq!(Progress::from_text("80%"), Some(Progress::InProgress), "05 row 12");
        assert_eq!(Progress::from_text("Chưa triển khai"), Some(Progress::NotStarted), "05 row 20");
        assert_eq!(Progress::from_text("Đang lập hồ sơ"), Some(Progress::InProgress), "05 row 22");
        assert_eq!(Progress::from_text("Chưa hoàn thành"), Some(Progress::NotStarted), "07 row 10");
    }

    #[test]
    fn hoan_thanh_inside_other_words_is_not_done() {
        assert_eq!(Progress::from_text("chưa hoàn thành"), Some(Progress::NotStarted));
        assert_eq!(Progress::from_text("Dự kiến hoàn thành trong tháng 3/2024"), None);
        assert_eq!(Progress::from_text("Phấn đấu hoàn thành trước 30/6/2024"), None);
        assert_eq!(Progress::from_text("Đang thực hiện, dự kiến hoàn thành quý I/2024"), Some(Progress::InProgress));
        assert_eq!(Progress::from_text("Hoàn thành 80%"), Some(Progress::InProgress));
        assert_eq!(Progress::from_text("Đã hoàn thành 100% khối lượng"), Some(Progress::Done));
        assert_eq!(Progress::from_text("Cơ bản hoàn thành"), Some(Progress::InProgress));
        assert_eq!(Progress::from_text("Đang tạm dừng"), Some(Progress::Paused));
        assert_eq!(Progress::from_text("Đạt 83,7%"), Some(Progress::InProgress));
        assert_eq!(Progress::from_text("Dự án đang thi công"), Some(Progress::InProgress));
        assert_eq!(Progress::from_text("Hoàn thành đúng hạn"), Some(Progress::Done));
    }

    /// The importer reads a "Tình hình thực hiện" result column when there is no progress column:
    /// a result sentence with no progress word must not become a state.
    #[test]
    fn result_sentences_are_not_progress() {
        for text in [
            "Đã tổ chức 3 hội nghị",
            // Results written in the fixtures beside their own progress column (02, 04, 05, 06).
            "Đã triển khai Đề án sản xuất vụ Mùa, vụ Đông",
            "Chờ ý kiến UBND tỉnh",
            "Đã ban hành kế hoạch",
            "Đã bàn giao đưa vào sử dụng",
            "Hoàn thành phê duyệt dự án",
            "Đăng tải trên Cổng thông tin điện tử thị xã",
            "Tỷ lệ giải ngân đạt 45%",
            "Đã tổ chức hội nghị cho cán bộ đang công tác tại các xã",
        ] {
            assert_eq!(Progress::from_text(text), None, "{text:?}");
        }
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
