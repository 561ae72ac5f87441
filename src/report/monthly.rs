//! The monthly (quarterly, half-yearly, yearly) report: one row per unit — departments, then
//! communes/wards, each group subtotalled, then the total — with the official buckets and the
//! on-time rate; then the overdue tasks, oldest first. It states its as-of date and which tasks it
//! counts: those assigned in the period (by the date of the assigning document) or those due in it.

use chrono::{Datelike, NaiveDate};

use super::{unit_summaries_of, UnitSummary};
use crate::domain::vn_date::{end_of_quarter, format_date, last_day_of_month};
use crate::domain::{Bucket, OverdueAge, StatusRules, Task, TaskId, UnitDirectory, UnitId, UnitKind};
use crate::query::BucketCounts;

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum ReportPeriod {
    Month { year: i32, month: u32 },
    Quarter { year: i32, quarter: u32 },
    Half { year: i32, second: bool },
    Year { year: i32 },
    Dates { from: NaiveDate, to: NaiveDate },
}

impl ReportPeriod {
    /// The years a report can be about (what a person can type in the year box).
    pub const YEARS: std::ops::RangeInclusive<i32> = 1900..=2200;

    /// Is this a period a report can be made for? (A year out of [`Self::YEARS`], month 13 or
    /// quarter 5 is refused by the page with a message.)
    pub fn is_valid(self) -> bool {
        match self {
            ReportPeriod::Month { year, month } => Self::YEARS.contains(&year) && (1..=12).contains(&month),
            ReportPeriod::Quarter { year, quarter } => Self::YEARS.contains(&year) && (1..=4).contains(&quarter),
            ReportPeriod::Half { year, .. } | ReportPeriod::Year { year } => Self::YEARS.contains(&year),
            ReportPeriod::Dates { .. } => true,
        }
    }

    /// The first and last day. Never fails: a period out of range is brought into it (the page
    /// refuses such periods before asking, see [`Self::is_valid`]).
    pub fn range(self) -> (NaiveDate, NaiveDate) {
        let year = |y: i32| y.clamp(*Self::YEARS.start(), *Self::YEARS.end());
        let ymd = |y: i32, m: u32, d: u32| NaiveDate::from_ymd_opt(year(y), m.clamp(1, 12), d).unwrap_or(NaiveDate::MIN);
        match self {
            ReportPeriod::Month { year: y, month } => {
                let m = month.clamp(1, 12);
                (ymd(y, m, 1), last_day_of_month(year(y), m).unwrap_or_else(|| ymd(y, m, 28)))
            }
            ReportPeriod::Quarter { year: y, quarter } => {
                let q = quarter.clamp(1, 4);
                (ymd(y, q * 3 - 2, 1), end_of_quarter(year(y), q).unwrap_or_else(|| ymd(y, q * 3, 30)))
            }
            ReportPeriod::Half { year, second: false } => (ymd(year, 1, 1), ymd(year, 6, 30)),
            ReportPeriod::Half { year, second: true } => (ymd(year, 7, 1), ymd(year, 12, 31)),
            ReportPeriod::Year { year } => (ymd(year, 1, 1), ymd(year, 12, 31)),
            ReportPeriod::Dates { from, to } => (from.min(to), from.max(to)),
        }
    }

    /// As the title says it: "tháng 01/2024", "quý I/2024", "6 tháng đầu năm 2024".
    pub fn label(self) -> String {
        const ROMAN: [&str; 4] = ["I", "II", "III", "IV"];
        match self {
            ReportPeriod::Month { year, month } => format!("tháng {month:02}/{year}"),
            ReportPeriod::Quarter { year, quarter } => format!("quý {}/{year}", ROMAN[(quarter as usize - 1).min(3)]),
            ReportPeriod::Half { year, second } => format!("6 tháng {} năm {year}", if second { "cuối" } else { "đầu" }),
            ReportPeriod::Year { year } => format!("năm {year}"),
            ReportPeriod::Dates { .. } => {
                let (from, to) = self.range();
                format!("từ ngày {} đến ngày {}", format_date(from), format_date(to))
            }
        }
    }

    /// For the file name: the label without accents, words joined by "-" ("thang-01-2024",
    /// "quy-I-2024", "6-thang-dau-nam-2024").
    pub fn slug(self) -> String {
        let plain = crate::domain::fold::without_accents(&self.label());
        plain.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty() && *w != "tu" && *w != "ngay").collect::<Vec<_>>().join("-")
    }

    /// The month holding a day.
    pub fn month_of(day: NaiveDate) -> ReportPeriod {
        ReportPeriod::Month { year: day.year(), month: day.month() }
    }
}

/// Which tasks the report counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Basis {
    /// Due in the period, and those due before it that are still overdue: what an office reports
    /// (the default).
    DueOrOverdue,
    /// Assigned in the period: the assigning document is dated in it.
    Assigned,
    /// Due in the period: the deadline falls in it.
    Due,
}

impl Basis {
    pub const ALL: [Basis; 3] = [Basis::DueOrOverdue, Basis::Due, Basis::Assigned];

    /// A short code, for the page's choice and the remembered preference.
    pub fn code(self) -> &'static str {
        match self {
            Basis::DueOrOverdue => "due_or_overdue",
            Basis::Assigned => "assigned",
            Basis::Due => "due",
        }
    }

    pub fn from_code(code: &str) -> Option<Basis> {
        Basis::ALL.into_iter().find(|b| b.code() == code)
    }
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum RowKind {
    Unit(UnitId),
    Subtotal(UnitKind),
    Total,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ReportRow {
    pub kind: RowKind,
    pub label: String,
    pub summary: UnitSummary,
}

/// One overdue task of the annex.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct OverdueLine {
    pub id: TaskId,
    pub content: String,
    pub unit: String,
    pub source: String,
    pub deadline: NaiveDate,
    pub days: u32,
    pub age: OverdueAge,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Report {
    pub period: ReportPeriod,
    pub basis: Basis,
    pub as_of: NaiveDate,
    pub rows: Vec<ReportRow>,
    pub overdue: Vec<OverdueLine>,
    /// Tasks left out because they have no date to place them in a period.
    pub without_date: usize,
    /// Counted tasks that were given more time (gia hạn).
    #[serde(default)]
    pub extended: usize,
    /// Counted against each task's first deadline (a strict report) rather than the current one.
    #[serde(default)]
    pub against_first: bool,
}

fn sum(label: String, kind: RowKind, parts: &[&UnitSummary]) -> ReportRow {
    let mut lead = BucketCounts::default();
    let mut coordinating = 0;
    for p in parts {
        for i in 0..lead.per_bucket.len() {
            lead.per_bucket[i] += p.lead.per_bucket[i];
        }
        lead.total += p.lead.total;
        lead.due_soon += p.lead.due_soon;
        coordinating += p.coordinating;
    }
    ReportRow { kind, label, summary: UnitSummary { unit: UnitId(String::new()), lead, coordinating } }
}

pub fn report(tasks: &[Task], units: &UnitDirectory, period: ReportPeriod, basis: Basis, as_of: NaiveDate, rules: StatusRules) -> Report {
    report_against(tasks, units, period, basis, as_of, rules, false)
}

/// [`report`], counted against each task's first deadline when `against_first` (a strict report:
/// an extension does not make a late task on time).
pub fn report_against(tasks: &[Task], units: &UnitDirectory, period: ReportPeriod, basis: Basis, as_of: NaiveDate, rules: StatusRules, against_first: bool) -> Report {
    let (from, to) = period.range();
    let status = |t: &Task| if against_first { t.status_against_first(as_of, rules) } else { t.status(as_of, rules) };
    let deadline = |t: &Task| if against_first { t.first_deadline().due_date() } else { t.deadline.due_date() };
    let mut without_date = 0;
    let counted: Vec<(&Task, crate::domain::Status)> = tasks
        .iter()
        .filter(|t| {
            let day = match basis {
                Basis::Assigned => t.source.date,
                Basis::Due | Basis::DueOrOverdue => deadline(t),
            };
            match day {
                Some(d) if from <= d && d <= to => true,
                // Due before the period and still not done as of the report's date.
                Some(d) if basis == Basis::DueOrOverdue && d < from => status(t).bucket == Bucket::Overdue,
                Some(_) => false,
                None => {
                    without_date += 1;
                    false
                }
            }
        })
        .map(|t| (t, status(t)))
        .collect();
    let extended = counted.iter().filter(|(t, _)| !t.extensions.is_empty()).count();
    let summaries = unit_summaries_of(counted.iter().map(|(t, s)| (*t, *s)), units);
    let mut rows = Vec::new();
    let mut groups: Vec<ReportRow> = Vec::new();
    for kind in [UnitKind::Department, UnitKind::Commune] {
        let members: Vec<&UnitSummary> = summaries
            .iter()
            .filter(|s| units.get(&s.unit).is_some_and(|u| u.kind == kind) && (s.lead.total > 0 || s.coordinating > 0))
            .collect();
        for s in &members {
            let name = units.get(&s.unit).map(|u| u.name.clone()).unwrap_or_default();
            rows.push(ReportRow { kind: RowKind::Unit(s.unit.clone()), label: name, summary: (*s).clone() });
        }
        let label = match kind {
            UnitKind::Department => "Cộng phòng, ban, đơn vị",
            UnitKind::Commune => "Cộng xã, phường",
        };
        let subtotal = sum(label.into(), RowKind::Subtotal(kind), &members);
        rows.push(subtotal.clone());
        groups.push(subtotal);
    }
    let total = sum("Tổng cộng".into(), RowKind::Total, &groups.iter().map(|g| &g.summary).collect::<Vec<_>>());
    rows.push(total);
    let mut overdue: Vec<OverdueLine> = counted
        .iter()
        .filter(|(_, s)| s.bucket == Bucket::Overdue)
        .filter_map(|(t, s)| {
            Some(OverdueLine {
                id: t.id.clone(),
                content: t.content.clone(),
                unit: t.lead_unit.as_ref().and_then(|u| units.get(u)).map(|u| u.name.clone()).unwrap_or_default(),
                source: t.source.label().to_string(),
                deadline: deadline(t)?,
                days: s.days_late,
                age: s.overdue_age()?,
            })
        })
        .collect();
    overdue.sort_by(|a, b| b.days.cmp(&a.days).then_with(|| a.unit.cmp(&b.unit)));
    Report { period, basis, as_of, rows, overdue, without_date, extended, against_first }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{read_deadline, Progress};

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2024, m, day).unwrap()
    }

    /// A small workspace worked by hand: January 2024, as of 10/02/2024.
    fn workspace() -> (Vec<Task>, UnitDirectory) {
        let mut units = UnitDirectory::default();
        let kt = units.resolve_or_add("Phòng Kinh tế").unwrap().id().clone();
        let tt = units.resolve_or_add("Thanh tra").unwrap().id().clone();
        let mh = units.resolve_or_add("Phường Mai Hùng").unwrap().id().clone();
        let mut n = 0;
        let mut task = |unit: &UnitId, assigned: NaiveDate, deadline: &str, progress: Progress, done: Option<NaiveDate>| {
            n += 1;
            let mut t = Task::new(TaskId(format!("T{n}")), format!("Việc {n}"));
            t.lead_unit = Some(unit.clone());
            t.source.date = Some(assigned);
            t.deadline = read_deadline(deadline).deadline;
            t.progress = progress;
            t.completed_on = done;
            t
        };
        let tasks = vec![
            task(&kt, d(1, 2), "20/01/2024", Progress::Done, Some(d(1, 18))), // on time
            task(&kt, d(1, 2), "20/01/2024", Progress::Done, Some(d(1, 25))), // late
            task(&kt, d(1, 2), "31/01/2024", Progress::InProgress, None),     // overdue 10 days
            task(&kt, d(1, 15), "", Progress::InProgress, None),               // no deadline
            task(&tt, d(1, 5), "15/01/2024", Progress::NotStarted, None),     // overdue 26 days
            task(&tt, d(1, 5), "28/02/2024", Progress::InProgress, None),     // in time
            task(&mh, d(1, 10), "05/01/2024", Progress::InProgress, None),    // overdue 36 days
            task(&mh, d(12, 20), "10/01/2024", Progress::Done, Some(d(1, 9))), // assigned in December
        ];
        (tasks, units)
    }

    #[test]
    fn rows_subtotals_and_total_worked_by_hand() {
        let (tasks, units) = workspace();
        let r = report(&tasks, &units, ReportPeriod::Month { year: 2024, month: 1 }, Basis::Assigned, d(2, 10), StatusRules::default());
        let labels: Vec<&str> = r.rows.iter().map(|r| r.label.as_str()).collect();
        assert_eq!(labels, ["Phòng Kinh tế", "Thanh tra", "Cộng phòng, ban, đơn vị", "Phường Mai Hùng", "Cộng xã, phường", "Tổng cộng"]);
        let kt = &r.rows[0].summary;
        assert_eq!((kt.lead.total, kt.lead.get(Bucket::DoneOnTime), kt.lead.get(Bucket::DoneLate), kt.lead.get(Bucket::Overdue), kt.lead.get(Bucket::InProgressNoDeadline)), (4, 1, 1, 1, 1));
        assert_eq!(crate::report::percent(kt.on_time_rate().unwrap()), "33,3%");
        let departments = &r.rows[2].summary;
        assert_eq!(departments.lead.total, 6);
        assert_eq!(departments.lead.get(Bucket::Overdue), 2);
        assert_eq!(departments.lead.get(Bucket::InProgressInTime), 1);
        let total = &r.rows[5].summary;
        assert_eq!(total.lead.total, 7, "the December task is not assigned in January");
        assert_eq!(total.lead.get(Bucket::Overdue), 3);
        assert_eq!(crate::report::percent(total.on_time_rate().unwrap()), "20,0%", "1 on time of 5 judged");
        assert_eq!(r.without_date, 0);
    }

    #[test]
    fn overdue_list_oldest_first_with_age_groups() {
        let (tasks, units) = workspace();
        let r = report(&tasks, &units, ReportPeriod::Month { year: 2024, month: 1 }, Basis::Assigned, d(2, 10), StatusRules::default());
        let lines: Vec<(&str, u32, OverdueAge)> = r.overdue.iter().map(|o| (o.content.as_str(), o.days, o.age)).collect();
        assert_eq!(
            lines,
            [("Việc 7", 36, OverdueAge::OverAMonth), ("Việc 5", 26, OverdueAge::UpToAMonth), ("Việc 3", 10, OverdueAge::UpToAMonth)]
        );
    }

    #[test]
    fn due_in_the_period_counts_by_deadline() {
        let (tasks, units) = workspace();
        let r = report(&tasks, &units, ReportPeriod::Month { year: 2024, month: 1 }, Basis::Due, d(2, 10), StatusRules::default());
        let total = &r.rows.last().unwrap().summary;
        assert_eq!(total.lead.total, 6, "due in January, including the December assignment; not Feb, not no-deadline");
        assert_eq!(r.without_date, 1, "the task without a deadline");
    }

    #[test]
    fn by_default_a_month_counts_what_is_due_in_it_and_what_is_still_overdue_from_before() {
        let (tasks, units) = workspace();
        // February, as of 10/02: due in February (T6, in time) and still overdue from January (T3,
        // T5, T7); January's done tasks and the one without a deadline (left out, said) are not.
        let r = report(&tasks, &units, ReportPeriod::Month { year: 2024, month: 2 }, Basis::DueOrOverdue, d(2, 10), StatusRules::default());
        let total = &r.rows.last().unwrap().summary;
        assert_eq!(total.report_figures(), [4, 0, 0, 0, 1, 3, 0]);
        assert_eq!(r.overdue.len(), 3);
        assert_eq!(r.without_date, 1);
        // Counted by assignment date, February has nothing: the report an office would not send.
        let by_assignment = report(&tasks, &units, ReportPeriod::Month { year: 2024, month: 2 }, Basis::Assigned, d(2, 10), StatusRules::default());
        assert_eq!(by_assignment.rows.last().unwrap().summary.report_figures()[0], 0);
        assert_eq!(Basis::from_code(Basis::DueOrOverdue.code()), Some(Basis::DueOrOverdue));
    }

    #[test]
    fn an_extended_task_is_in_time_against_its_new_deadline_and_late_against_its_first() {
        let (mut tasks, units) = workspace();
        // T3 (due 31/01, overdue as of 10/02) is given until 29/02.
        let t3 = tasks.iter_mut().find(|t| t.id.0 == "T3").unwrap();
        let first = t3.deadline.clone();
        t3.extensions.push(crate::domain::Extension { from: first, to: read_deadline("29/02/2024").deadline, reason: "Chờ vốn".into(), document: String::new(), granted_at: d(2, 1).and_hms_opt(8, 0, 0).unwrap() });
        t3.deadline = read_deadline("29/02/2024").deadline;
        let month = ReportPeriod::Month { year: 2024, month: 1 };
        let current = report(&tasks, &units, month, Basis::Assigned, d(2, 10), StatusRules::default());
        let strict = report_against(&tasks, &units, month, Basis::Assigned, d(2, 10), StatusRules::default(), true);
        let overdue = |r: &Report| r.rows.last().unwrap().summary.overdue();
        assert_eq!((overdue(&current), overdue(&strict)), (2, 3));
        assert_eq!((current.extended, strict.extended), (1, 1));
        assert!(strict.against_first && !current.against_first);
        assert!(strict.overdue.iter().any(|o| o.id.0 == "T3" && o.deadline == d(1, 31)));
    }

    #[test]
    fn periods_and_their_names() {
        assert_eq!(ReportPeriod::Quarter { year: 2024, quarter: 1 }.range(), (d(1, 1), d(3, 31)));
        assert_eq!(ReportPeriod::Quarter { year: 2024, quarter: 4 }.label(), "quý IV/2024");
        assert_eq!(ReportPeriod::Half { year: 2024, second: false }.label(), "6 tháng đầu năm 2024");
        assert_eq!(ReportPeriod::Month { year: 2024, month: 1 }.slug(), "thang-01-2024");
        assert_eq!(ReportPeriod::Quarter { year: 2024, quarter: 2 }.slug(), "quy-II-2024");
        assert_eq!(ReportPeriod::Half { year: 2024, second: false }.slug(), "6-thang-dau-nam-2024");
        assert_eq!(ReportPeriod::Dates { from: d(1, 1), to: d(1, 20) }.slug(), "01-01-2024-den-20-01-2024");
        assert_eq!(ReportPeriod::Dates { from: d(1, 20), to: d(1, 1) }.range(), (d(1, 1), d(1, 20)));
        // A year nobody means (typed 2026000) is refused, and never panics.
        let absurd = ReportPeriod::Month { year: 2_026_000, month: 13 };
        assert!(!absurd.is_valid());
        assert_eq!(absurd.range().0.year(), 2200);
        assert!(ReportPeriod::Year { year: 2026 }.is_valid());
        assert_eq!(ReportPeriod::Year { year: 2024 }.label(), "năm 2024");
    }
}
