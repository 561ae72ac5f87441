//! A task's deadline: its kind (dated, recurring, none), the date it falls on, and always the
//! original text. Reading deadline text never guesses: text that cannot be read becomes
//! "no deadline" with a problem to show the person, and the text is kept.

use chrono::{Datelike, Duration, NaiveDate};
use serde::{Deserialize, Serialize};

use super::fold::fold_words;
use super::vn_date::{self, DateMention};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Recurrence {
    Weekly,
    Monthly,
    Quarterly,
    Yearly,
    /// "thường xuyên": an ongoing duty without periods.
    Continuous,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DeadlineKind {
    Dated,
    Recurring(Recurrence),
    None,
}

/// How a deadline's kind is written: in stored JSON as `{"kind": "recurring", "every": …}` (the
/// form saved data has always had); in the compact binary messages between the page and the
/// worker (postcard, which cannot read a tag back by name) as a plain variant index.
mod kind_form {
    use super::{DeadlineKind, Recurrence};
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    #[derive(Serialize, Deserialize)]
    #[serde(rename_all = "snake_case", tag = "kind", content = "every")]
    enum Tagged {
        Dated,
        Recurring(Recurrence),
        None,
    }

    #[derive(Serialize, Deserialize)]
    enum Plain {
        Dated,
        Recurring(Recurrence),
        None,
    }

    impl Serialize for DeadlineKind {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            match (*self, s.is_human_readable()) {
                (DeadlineKind::Dated, true) => Tagged::Dated.serialize(s),
                (DeadlineKind::Recurring(r), true) => Tagged::Recurring(r).serialize(s),
                (DeadlineKind::None, true) => Tagged::None.serialize(s),
                (DeadlineKind::Dated, false) => Plain::Dated.serialize(s),
                (DeadlineKind::Recurring(r), false) => Plain::Recurring(r).serialize(s),
                (DeadlineKind::None, false) => Plain::None.serialize(s),
            }
        }
    }

    impl<'de> Deserialize<'de> for DeadlineKind {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            Ok(if d.is_human_readable() {
                match Tagged::deserialize(d)? {
                    Tagged::Dated => DeadlineKind::Dated,
                    Tagged::Recurring(r) => DeadlineKind::Recurring(r),
                    Tagged::None => DeadlineKind::None,
                }
            } else {
                match Plain::deserialize(d)? {
                    Plain::Dated => DeadlineKind::Dated,
                    Plain::Recurring(r) => DeadlineKind::Recurring(r),
                    Plain::None => DeadlineKind::None,
                }
            })
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Deadline {
    pub kind: DeadlineKind,
    /// The day the task is due. Always set for `Dated`; set for one instance of a recurring duty.
    pub date: Option<NaiveDate>,
    /// What the directive or tracker said, as written.
    #[serde(default)]
    pub text: String,
}

impl Default for Deadline {
    fn default() -> Self {
        Deadline::none(String::new())
    }
}

impl Deadline {
    pub fn none(text: impl Into<String>) -> Self {
        Deadline { kind: DeadlineKind::None, date: None, text: text.into() }
    }

    pub fn on(date: NaiveDate, text: impl Into<String>) -> Self {
        Deadline { kind: DeadlineKind::Dated, date: Some(date), text: text.into() }
    }

    /// Why the original text gave no date, when it should have: kept text that reads as neither a
    /// date, a recurrence, nor "no deadline". Shown to the person as a warning.
    pub fn problem(&self) -> Option<DeadlineProblem> {
        match self.kind {
            DeadlineKind::None if !self.text.trim().is_empty() => read_deadline(&self.text).problem,
            _ => None,
        }
    }

    /// The date that counts for status: a dated deadline's date, or a recurring instance's.
    pub fn due_date(&self) -> Option<NaiveDate> {
        match self.kind {
            DeadlineKind::None => None,
            _ => self.date,
        }
    }
}

/// Why deadline text could not be turned into a date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum DeadlineProblem {
    /// Nothing in the text reads as a date, period or recurrence.
    Unreadable,
    /// A day written in date form that does not exist, such as 31/02/2024.
    InvalidDate,
    /// A day or month without the year.
    MissingYear,
    /// Several different dates, and nothing says which is the deadline.
    SeveralDates(Vec<NaiveDate>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeadlineReading {
    pub deadline: Deadline,
    pub problem: Option<DeadlineProblem>,
}

/// Texts that mean "no deadline" or "awaiting direction": no date, and nothing to warn about.
/// Matched against the whole text (case, diacritics and punctuation aside): a text that says more,
/// such as whose opinion it waits for ("Chờ ý kiến UBND tỉnh"), is shown to the person with a
/// warning instead, its text kept.
const NO_DEADLINE_PHRASES: &[&[&str]] = &[
    &["khong", "thoi", "han"],
    &["khong", "co", "thoi", "han"],
    &["chua", "co", "thoi", "han"],
    &["chua", "xac", "dinh"],
    &["chua", "xac", "dinh", "thoi", "han"],
    &["chua", "xac", "dinh", "thoi", "gian"],
    &["cho", "quyet", "dinh"],
    &["cho", "y", "kien"],
    &["cho", "y", "kien", "chi", "dao"],
    &["cho", "chi", "dao"],
];

const RECURRENCE_PHRASES: &[(&[&str], Recurrence)] = &[
    (&["hang", "tuan"], Recurrence::Weekly),
    (&["moi", "tuan"], Recurrence::Weekly),
    (&["hang", "thang"], Recurrence::Monthly),
    (&["moi", "thang"], Recurrence::Monthly),
    (&["hang", "quy"], Recurrence::Quarterly),
    (&["moi", "quy"], Recurrence::Quarterly),
    (&["hang", "nam"], Recurrence::Yearly),
    (&["moi", "nam"], Recurrence::Yearly),
    (&["thuong", "xuyen"], Recurrence::Continuous),
];

fn contains_phrase(words: &[String], phrase: &[&str]) -> bool {
    words.windows(phrase.len()).any(|w| w.iter().zip(phrase).all(|(a, b)| a == b))
}

/// Read deadline text as written in a tracker or directive ("trước ngày 20/01/2024",
/// "quý I/2024", "hàng tuần", "thường xuyên"…). A bare year ("2026") or a range ("2025-2026",
/// "Quý III/2025 - Quý IV/2025") is due at the end of the year or range; "Chờ ý kiến chỉ đạo"
/// means no deadline, while awaiting someone named ("Chờ ý kiến UBND tỉnh") is kept with a warning.
/// A new deadline typed for an extension: read, or `None` when it is empty or cannot be read
/// (a cadence such as "hàng tháng" is a deadline too).
pub fn read_new_deadline(text: &str) -> Option<Deadline> {
    let reading = read_deadline(text);
    let readable = reading.deadline.due_date().is_some() || reading.problem.is_none() && reading.deadline.kind != DeadlineKind::None;
    readable.then_some(reading.deadline)
}

pub fn read_deadline(text: &str) -> DeadlineReading {
    let kept = text.trim().to_string();
    let words = fold_words(&kept);
    let ok = |deadline| DeadlineReading { deadline, problem: None };
    let problem = |p| DeadlineReading { deadline: Deadline::none(kept.clone()), problem: Some(p) };

    if words.is_empty() || NO_DEADLINE_PHRASES.iter().any(|p| words.len() == p.len() && contains_phrase(&words, p)) {
        return ok(Deadline::none(kept));
    }
    if let Some((_, every)) = RECURRENCE_PHRASES.iter().find(|(p, _)| contains_phrase(&words, p)) {
        return ok(Deadline { kind: DeadlineKind::Recurring(*every), date: None, text: kept });
    }
    match vn_date::scan(&kept) {
        DateMention::Day(date) => ok(Deadline::on(date, kept)),
        DateMention::Period(period) => match period.last_day() {
            Some(date) => ok(Deadline::on(date, kept)),
            None => problem(DeadlineProblem::InvalidDate),
        },
        DateMention::InvalidDay => problem(DeadlineProblem::InvalidDate),
        DateMention::MissingYear => problem(DeadlineProblem::MissingYear),
        DateMention::SeveralDays(days) => problem(DeadlineProblem::SeveralDates(days)),
        DateMention::Nothing => problem(DeadlineProblem::Unreadable),
    }
}

/// The deadlines of a recurring duty's instances whose period ends within `from..=to`:
/// weeks end on Sunday, months, quarters and years on their last day. A continuous duty
/// ("thường xuyên") has no periods and so no instances.
pub fn recurring_due_dates(every: Recurrence, from: NaiveDate, to: NaiveDate) -> Vec<NaiveDate> {
    let mut out = Vec::new();
    let mut cursor = from;
    while cursor <= to {
        let end = match every {
            Recurrence::Weekly => vn_date::week_start(cursor) + Duration::days(6),
            Recurrence::Monthly => match vn_date::last_day_of_month(cursor.year(), cursor.month()) {
                Some(d) => d,
                None => break,
            },
            Recurrence::Quarterly => match vn_date::end_of_quarter(cursor.year(), (cursor.month() - 1) / 3 + 1) {
                Some(d) => d,
                None => break,
            },
            Recurrence::Yearly => match NaiveDate::from_ymd_opt(cursor.year(), 12, 31) {
                Some(d) => d,
                None => break,
            },
            Recurrence::Continuous => break,
        };
        if end <= to {
            out.push(end);
        }
        cursor = end + Duration::days(1);
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_new_deadline_is_read_or_refused() {
        assert_eq!(read_new_deadline("trước ngày 31/12/2026").and_then(|d| d.due_date()), NaiveDate::from_ymd_opt(2026, 12, 31));
        assert!(read_new_deadline("hàng tháng").is_some(), "a cadence is a deadline");
        for bad in ["", "  ", "31/02/2026", "sớm"] {
            assert_eq!(read_new_deadline(bad), None, "{bad:?}");
        }
    }

    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn due(text: &str) -> Option<NaiveDate> {
        let r = read_deadline(text);
        assert_eq!(r.problem, None, "{text}");
        assert_eq!(r.deadline.text, text.trim());
        r.deadline.due_date()
    }

    #[test]
    fn every_written_form_of_domain_md() {
        assert_eq!(due("20/01/2024"), Some(d(2024, 1, 20)));
        assert_eq!(due("20-01-2024"), Some(d(2024, 1, 20)));
        assert_eq!(due("20.01.2024"), Some(d(2024, 1, 20)));
        assert_eq!(due("ngày 20 tháng 01 năm 2024"), Some(d(2024, 1, 20)));
        assert_eq!(due("trước ngày 20/01/2024"), Some(d(2024, 1, 20)));
        assert_eq!(due("Trước ngày 25/01/2024."), Some(d(2024, 1, 25)));
        assert_eq!(due("trong tháng 01/2024"), Some(d(2024, 1, 31)));
        assert_eq!(due("tháng 1/2024"), Some(d(2024, 1, 31)));
        assert_eq!(due("trong tháng 02/2024"), Some(d(2024, 2, 29)));
        assert_eq!(due("quý I/2024"), Some(d(2024, 3, 31)));
        assert_eq!(due("Quý III/2024"), Some(d(2024, 9, 30)));
        assert_eq!(due("6 tháng đầu năm 2024"), Some(d(2024, 6, 30)));
        assert_eq!(due("sáu tháng cuối năm 2022"), Some(d(2022, 12, 31)));
        assert_eq!(due("năm 2024"), Some(d(2024, 12, 31)));
        assert_eq!(due("Trong năm 2024"), Some(d(2024, 12, 31)));
    }

    /// Every deadline text in tests/fixtures/trackers/*.expected.json (`deadlines_by_row` of 10 and
    /// 11, and the `deadline` of every sample), with the date and kind a clerk expects.
    /// Date cells and number cells ("2026" as a number, "45322") are read by the importer, not here;
    /// their written form is checked instead.
    #[test]
    fn every_deadline_text_of_the_tracker_fixtures() {
        let dated = [
            // 01
            ("Tháng 01/2024", d(2024, 1, 31)),
            ("Trong tháng 01/2024", d(2024, 1, 31)),
            ("Trước ngày 20/01/2024", d(2024, 1, 20)),
            ("Trước ngày 25/01/2024", d(2024, 1, 25)),
            // 02
            ("6 tháng cuối năm 2022", d(2022, 12, 31)),
            ("Năm 2022", d(2022, 12, 31)),
            ("31/12/2022", d(2022, 12, 31)),
            // 05
            ("Quý I/2024", d(2024, 3, 31)),
            ("2024", d(2024, 12, 31)),
            ("Quý II/2024 - Quý III/2024", d(2024, 9, 30)),
            ("2024-2025", d(2025, 12, 31)),
            ("2026", d(2026, 12, 31)),
            // 06
            ("31/01/2024", d(2024, 1, 31)),
            // 10
            ("2025-2026", d(2026, 12, 31)),
            ("Quý III/2025 - Quý IV/2025", d(2025, 12, 31)),
            ("Trong tháng 6/2025", d(2025, 6, 30)),
            ("Quý I/2025", d(2025, 3, 31)),
            ("6 tháng đầu năm 2025", d(2025, 6, 30)),
            ("31/03/2025", d(2025, 3, 31)),
            ("30/6/2025", d(2025, 6, 30)),
            ("năm 2025", d(2025, 12, 31)),
            ("Trước 30/4/2025", d(2025, 4, 30)),
            ("ngày 15 tháng 3 năm 2025", d(2025, 3, 15)),
            ("Trước ngày 20/01/2025", d(2025, 1, 20)),
            ("Quý IV/2025", d(2025, 12, 31)),
            // 11
            ("31-01-2024", d(2024, 1, 31)),
            ("31.01.2024", d(2024, 1, 31)),
            ("tháng 1/2024", d(2024, 1, 31)),
            ("quý I/2024", d(2024, 3, 31)),
            ("trước ngày 20/01/2024", d(2024, 1, 20)),
            ("ngày 31 tháng 01 năm 2024", d(2024, 1, 31)),
            ("31/1/2024", d(2024, 1, 31)),
        ];
        for (text, date) in dated {
            let r = read_deadline(text);
            assert_eq!(r.problem, None, "{text}");
            assert_eq!(r.deadline.kind, DeadlineKind::Dated, "{text}");
            assert_eq!(r.deadline.date, Some(date), "{text}");
            assert_eq!(r.deadline.text, text, "{text}: original text kept");
        }
        let recurring = [
            ("Thường xuyên", Recurrence::Continuous),
            ("Hàng tuần", Recurrence::Weekly),
            ("Hàng tháng", Recurrence::Monthly),
            ("hàng tháng", Recurrence::Monthly),
        ];
        for (text, every) in recurring {
            let r = read_deadline(text);
            assert_eq!(r.problem, None, "{text}");
            assert_eq!(r.deadline.kind, DeadlineKind::Recurring(every), "{text}");
            assert_eq!(r.deadline.date, None, "{text}: recurring, no date");
        }
        // kind "none" with a warning: no date, text kept.
        for text in ["Đúng thời gian quy định", "Chờ ý kiến UBND tỉnh"] {
            let r = read_deadline(text);
            assert_eq!(r.deadline.kind, DeadlineKind::None, "{text}");
            assert_eq!(r.deadline.date, None, "{text}");
            assert_eq!(r.problem, Some(DeadlineProblem::Unreadable), "{text}: a warning");
            assert_eq!(r.deadline.problem(), Some(DeadlineProblem::Unreadable), "{text}: kept text still warns");
            assert_eq!(r.deadline.text, text);
        }
    }

    #[test]
    fn years_and_ranges_as_written() {
        assert_eq!(due("2025 - 2026"), Some(d(2026, 12, 31)));
        assert_eq!(due("2025 – 2026"), Some(d(2026, 12, 31)));
        assert_eq!(due("Giai đoạn 2025-2026"), Some(d(2026, 12, 31)));
        assert_eq!(due("Từ năm 2025 đến năm 2026"), Some(d(2026, 12, 31)));
        assert_eq!(due("Trong năm 2025."), Some(d(2025, 12, 31)));
        assert_eq!(due("Từ tháng 3/2024 đến tháng 6/2024"), Some(d(2024, 6, 30)));
        assert_eq!(due("01/3/2024 - 30/6/2024"), Some(d(2024, 6, 30)));
    }

    #[test]
    fn years_in_prose_or_backwards_ranges_are_not_invented() {
        for text in [
            "nhiệm kỳ 2021 – 2026",
            "Theo Nghị định 30/2020/NĐ-CP",
            "2026 - 2025",
            "Quý IV/2025 - Quý III/2025",
            "45322",
            "1000",
        ] {
            let r = read_deadline(text);
            assert_eq!(r.deadline.date, None, "{text}: never a guess");
            assert_eq!(r.deadline.kind, DeadlineKind::None, "{text}");
            assert!(r.problem.is_some(), "{text}: a warning");
        }
    }

    #[test]
    fn dated_kind_for_dates() {
        assert_eq!(read_deadline("20/01/2024").deadline.kind, DeadlineKind::Dated);
    }

    #[test]
    fn recurring_forms() {
        let kind = |t: &str| read_deadline(t).deadline.kind;
        assert_eq!(kind("hàng tuần"), DeadlineKind::Recurring(Recurrence::Weekly));
        assert_eq!(kind("Hằng tuần"), DeadlineKind::Recurring(Recurrence::Weekly));
        assert_eq!(kind("hàng tháng"), DeadlineKind::Recurring(Recurrence::Monthly));
        assert_eq!(kind("Định kỳ hàng quý"), DeadlineKind::Recurring(Recurrence::Quarterly));
        assert_eq!(kind("thường xuyên"), DeadlineKind::Recurring(Recurrence::Continuous));
        assert_eq!(read_deadline("Thường xuyên").deadline.due_date(), None);
    }

    #[test]
    fn no_deadline_phrases_are_not_problems() {
        for text in ["", "   ", "Không thời hạn", "Chưa có thời hạn", "Chờ ý kiến chỉ đạo"] {
            let r = read_deadline(text);
            assert_eq!(r.deadline.kind, DeadlineKind::None, "{text}");
            assert_eq!(r.problem, None, "{text}");
        }
    }

    #[test]
    fn unreadable_text_stays_unparsed_with_a_problem() {
        let cases = [
            ("sớm nhất có thể", DeadlineProblem::Unreadable),
            ("Khẩn", DeadlineProblem::Unreadable),
            ("31/02/2024", DeadlineProblem::InvalidDate),
            ("trước ngày 20/01", DeadlineProblem::MissingYear),
            ("quý IV", DeadlineProblem::MissingYear),
            ("20/01/24", DeadlineProblem::MissingYear),
            (
                "20/01/2024 hoặc 25/01/2024",
                DeadlineProblem::SeveralDates(vec![d(2024, 1, 20), d(2024, 1, 25)]),
            ),
        ];
        for (text, expected) in cases {
            let r = read_deadline(text);
            assert_eq!(r.problem, Some(expected), "{text}");
            assert_eq!(r.deadline.kind, DeadlineKind::None, "{text}");
            assert_eq!(r.deadline.date, None, "{text}: never a guess");
            assert_eq!(r.deadline.text, text, "original text kept");
        }
    }

    #[test]
    fn a_kept_deadline_text_tells_its_problem() {
        assert_eq!(read_deadline("quý IV").deadline.problem(), Some(DeadlineProblem::MissingYear));
        assert_eq!(read_deadline("Không thời hạn").deadline.problem(), None);
        assert_eq!(read_deadline("20/01/2024").deadline.problem(), None);
        assert_eq!(Deadline::default().problem(), None);
    }

    #[test]
    fn recurring_instances_end_their_periods() {
        // Weeks ending (Sunday) within November 2026.
        let weeks = recurring_due_dates(Recurrence::Weekly, d(2026, 11, 1), d(2026, 11, 30));
        assert_eq!(weeks, vec![d(2026, 11, 1), d(2026, 11, 8), d(2026, 11, 15), d(2026, 11, 22), d(2026, 11, 29)]);
        let months = recurring_due_dates(Recurrence::Monthly, d(2024, 1, 1), d(2024, 3, 31));
        assert_eq!(months, vec![d(2024, 1, 31), d(2024, 2, 29), d(2024, 3, 31)]);
        let quarters = recurring_due_dates(Recurrence::Quarterly, d(2024, 1, 1), d(2024, 12, 31));
        assert_eq!(quarters.len(), 4);
        assert!(recurring_due_dates(Recurrence::Continuous, d(2024, 1, 1), d(2024, 12, 31)).is_empty());
    }
}
