//! The chairman's overview (Tổng quan): the figures a leader asks for first — how many tasks are
//! overdue and how old, which units are late (on-time rate per unit, worst first), the month by
//! month trend of done on time / done late / overdue, and what falls due this week. Plain Rust
//! over the one status function; the page draws it and links each figure to the list it counts.

use chrono::{Datelike, Duration, NaiveDate};

use super::{unit_summaries, worst_first, UnitSummary};
use crate::domain::vn_date::last_day_of_month;
use crate::domain::{Bucket, OverdueAge, StatusRules, Task, TaskId, UnitDirectory};

/// One month of the trend: tasks completed in it on time or late, and tasks overdue at its end
/// (at the as-of date for the month in progress).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MonthPoint {
    pub year: i32,
    pub month: u32,
    pub done_on_time: usize,
    pub done_late: usize,
    pub overdue: usize,
}

impl MonthPoint {
    /// "T11/2026".
    pub fn label(&self) -> String {
        format!("T{}/{}", self.month, self.year)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Dashboard {
    pub as_of: NaiveDate,
    pub total: usize,
    pub overdue: usize,
    /// Overdue tasks by age: 1–7, 8–30, over 30 days.
    pub ages: [usize; 3],
    /// The deadline windows of the age groups, for the list each links to: (from, to).
    pub age_windows: [(Option<NaiveDate>, NaiveDate); 3],
    /// Done on time out of those that can be judged, over every task.
    pub on_time: usize,
    pub judged: usize,
    /// Marked done without the completion date.
    pub undated: usize,
    /// Units that lead tasks, worst first (most overdue, lowest rate).
    pub units: Vec<UnitSummary>,
    pub months: Vec<MonthPoint>,
    /// Not done, due from the as-of date to the end of its week (Sunday), soonest first.
    pub due_this_week: Vec<TaskId>,
    pub week_end: NaiveDate,
}

/// How many months the trend shows, the current one last.
pub const TREND_MONTHS: usize = 6;

pub fn dashboard(tasks: &[Task], units: &UnitDirectory, as_of: NaiveDate, rules: StatusRules) -> Dashboard {
    let statuses: Vec<_> = tasks.iter().map(|t| t.status(as_of, rules)).collect();
    let count = |b: Bucket| statuses.iter().filter(|s| s.bucket == b).count();
    let mut ages = [0; 3];
    for s in &statuses {
        match s.overdue_age() {
            Some(OverdueAge::UpToAWeek) => ages[0] += 1,
            Some(OverdueAge::UpToAMonth) => ages[1] += 1,
            Some(OverdueAge::OverAMonth) => ages[2] += 1,
            None => {}
        }
    }
    let day = |n: i64| as_of - Duration::days(n);
    let age_windows = [(Some(day(7)), day(1)), (Some(day(30)), day(8)), (None, day(31))];
    let mut summaries: Vec<UnitSummary> = unit_summaries(tasks, units, as_of, rules).into_iter().filter(|s| s.lead.total > 0).collect();
    worst_first(&mut summaries);
    let week_end = as_of + Duration::days(6 - as_of.weekday().num_days_from_monday() as i64);
    let mut due: Vec<(&Task, NaiveDate)> = tasks
        .iter()
        .zip(&statuses)
        .filter(|(_, s)| s.bucket == Bucket::InProgressInTime)
        .filter_map(|(t, _)| t.deadline.due_date().filter(|d| *d <= week_end).map(|d| (t, d)))
        .collect();
    due.sort_by_key(|(t, d)| (*d, t.id.clone()));
    Dashboard {
        as_of,
        total: tasks.len(),
        overdue: count(Bucket::Overdue),
        ages,
        age_windows,
        on_time: count(Bucket::DoneOnTime),
        judged: count(Bucket::DoneOnTime) + count(Bucket::DoneLate) + count(Bucket::Overdue),
        undated: count(Bucket::DoneUndated),
        units: summaries,
        months: trend(tasks, as_of, rules),
        due_this_week: due.into_iter().map(|(t, _)| t.id.clone()).collect(),
        week_end,
    }
}

/// The last [`TREND_MONTHS`] months up to the as-of date's.
fn trend(tasks: &[Task], as_of: NaiveDate, rules: StatusRules) -> Vec<MonthPoint> {
    let mut months = Vec::with_capacity(TREND_MONTHS);
    let (mut y, mut m) = (as_of.year(), as_of.month());
    for _ in 0..TREND_MONTHS {
        months.push((y, m));
        (y, m) = if m == 1 { (y - 1, 12) } else { (y, m - 1) };
    }
    months.reverse();
    months
        .into_iter()
        .map(|(year, month)| {
            let end = last_day_of_month(year, month).unwrap_or(as_of).min(as_of);
            let in_month = |d: NaiveDate| d.year() == year && d.month() == month && d <= as_of;
            let mut point = MonthPoint { year, month, done_on_time: 0, done_late: 0, overdue: 0 };
            for t in tasks {
                match (t.completed_on.filter(|c| in_month(*c)), t.status(end, rules).bucket) {
                    (Some(_), Bucket::DoneOnTime) => point.done_on_time += 1,
                    (Some(_), Bucket::DoneLate) => point.done_late += 1,
                    (_, Bucket::Overdue) => point.overdue += 1,
                    _ => {}
                }
            }
            point
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{read_deadline, Progress};

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, day).unwrap()
    }

    fn task(n: u64, unit: &crate::domain::UnitId, deadline: &str, done: Option<NaiveDate>) -> Task {
        let mut t = Task::new(TaskId::from_entropy(n), format!("Việc {n}"));
        t.lead_unit = Some(unit.clone());
        t.deadline = read_deadline(deadline).deadline;
        if let Some(c) = done {
            t.progress = Progress::Done;
            t.completed_on = Some(c);
        }
        t
    }

    #[test]
    fn figures_worked_by_hand() {
        let mut dir = UnitDirectory::default();
        let kt = dir.resolve_or_add("Phòng Kinh tế").unwrap().id().clone();
        let tp = dir.resolve_or_add("Phòng Tư pháp").unwrap().id().clone();
        dir.resolve_or_add("Thanh tra").unwrap();
        // As of Wednesday 25/11/2026; the week ends Sunday 29/11.
        let as_of = d(11, 25);
        let tasks = vec![
            task(1, &kt, "20/11/2026", None),                // overdue 5 days
            task(2, &kt, "20/10/2026", None),                // overdue 36 days
            task(3, &kt, "10/11/2026", Some(d(11, 9))),      // on time, in November
            task(4, &tp, "10/10/2026", Some(d(10, 15))),     // late, in October
            task(5, &tp, "27/11/2026", None),                // due this week
            task(6, &tp, "30/11/2026", None),                // due next week
            task(7, &tp, "15/11/2026", None),                // overdue 10 days
        ];
        let b = dashboard(&tasks, &dir, as_of, StatusRules::default());
        assert_eq!((b.total, b.overdue, b.ages), (7, 3, [1, 1, 1]));
        assert_eq!((b.on_time, b.judged), (1, 5));
        assert_eq!(b.age_windows[0], (Some(d(11, 18)), d(11, 24)));
        assert_eq!(b.age_windows[2], (None, d(10, 25)));
        assert_eq!(b.week_end, d(11, 29));
        assert_eq!(b.due_this_week, vec![tasks[4].id.clone()]);
        // Units with tasks only, worst first: Phòng Kinh tế has 2 overdue, Phòng Tư pháp 1.
        assert_eq!(b.units.iter().map(|u| u.unit.clone()).collect::<Vec<_>>(), vec![kt, tp]);
        // The trend: June to November; October had one late, and task 2 overdue at its end;
        // November one on time and three overdue as of the 25th.
        assert_eq!(b.months.len(), TREND_MONTHS);
        assert_eq!(b.months[0].label(), "T6/2026");
        let oct = b.months[4];
        assert_eq!((oct.done_on_time, oct.done_late, oct.overdue), (0, 1, 1));
        let nov = b.months[5];
        assert_eq!((nov.done_on_time, nov.done_late, nov.overdue), (1, 0, 3));
    }

    #[test]
    fn the_trend_crosses_the_year() {
        let b = dashboard(&[], &UnitDirectory::default(), NaiveDate::from_ymd_opt(2027, 2, 3).unwrap(), StatusRules::default());
        assert_eq!(b.months.iter().map(MonthPoint::label).collect::<Vec<_>>(), ["T9/2026", "T10/2026", "T11/2026", "T12/2026", "T1/2027", "T2/2027"]);
        assert_eq!((b.total, b.judged, b.units.len()), (0, 0, 0));
    }
}
