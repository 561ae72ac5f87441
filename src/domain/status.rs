//! The one status function. A task's status is derived, never typed: from its progress,
//! deadline and completion date, as of a reporting date. Every view, count, filter, export
//! and report calls [`derive_status`] (or [`Task::status`](super::task::Task::status)).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::task::Progress;

/// The official report buckets: done or not, deadline met, missed, or none.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Bucket {
    /// Quá hạn chưa hoàn thành
    Overdue,
    /// Đang thực hiện trong hạn
    InProgressInTime,
    /// Đang thực hiện (không thời hạn)
    InProgressNoDeadline,
    /// Hoàn thành quá hạn
    DoneLate,
    /// Hoàn thành đúng hạn
    DoneOnTime,
    /// Hoàn thành, chưa rõ ngày: marked done, with a deadline, but no completion date yet, so
    /// not known to be on time (DOMAIN.md: completion is evidenced). Counted apart until dated.
    DoneUndated,
    /// Hoàn thành (không thời hạn)
    DoneNoDeadline,
}

impl Bucket {
    pub const ALL: [Bucket; 7] = [
        Bucket::DoneOnTime,
        Bucket::DoneLate,
        Bucket::DoneUndated,
        Bucket::DoneNoDeadline,
        Bucket::InProgressInTime,
        Bucket::Overdue,
        Bucket::InProgressNoDeadline,
    ];

    pub fn is_done(self) -> bool {
        matches!(self, Bucket::DoneOnTime | Bucket::DoneLate | Bucket::DoneUndated | Bucket::DoneNoDeadline)
    }
}

/// How old an overdue task is, as leaders ask for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum OverdueAge {
    /// 1–7 days
    UpToAWeek,
    /// 8–30 days
    UpToAMonth,
    /// over 30 days
    OverAMonth,
}

impl OverdueAge {
    pub fn of_days(days: u32) -> Option<OverdueAge> {
        match days {
            0 => None,
            1..=7 => Some(OverdueAge::UpToAWeek),
            8..=30 => Some(OverdueAge::UpToAMonth),
            _ => Some(OverdueAge::OverAMonth),
        }
    }
}

/// Rules the office can adjust.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusRules {
    /// A task not done whose deadline is at most this many days away is "sắp đến hạn".
    pub due_soon_days: u32,
}

impl Default for StatusRules {
    fn default() -> Self {
        StatusRules { due_soon_days: 3 }
    }
}

/// Serialisable only to carry it to the file worker (see `export::docx::request`); never stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Status {
    pub bucket: Bucket,
    /// Overdue: days from the deadline to the as-of date. Done late: days from the deadline
    /// to the completion date. Zero otherwise.
    pub days_late: u32,
    /// Not done and deadline not passed: days left until the deadline (0 on the deadline day).
    pub days_left: Option<u32>,
    /// Not done, deadline not passed, and within the due-soon window (the deadline day counts).
    pub due_soon: bool,
}

impl Status {
    pub fn overdue_age(&self) -> Option<OverdueAge> {
        match self.bucket {
            Bucket::Overdue => OverdueAge::of_days(self.days_late),
            _ => None,
        }
    }
}

/// Derive a task's status as of a date.
///
/// - The deadline day itself is still on time.
/// - Done late: completed after the deadline. Overdue: not done, and as-of after the deadline.
/// - Done with a deadline but no completion date: not known to be on time ([`Bucket::DoneUndated`]).
/// - A task completed after the as-of date was not yet done on that date: a report as of an
///   earlier day counts it as it stood then.
pub fn derive_status(
    progress: Progress,
    due: Option<NaiveDate>,
    completed_on: Option<NaiveDate>,
    as_of: NaiveDate,
    rules: StatusRules,
) -> Status {
    let done_by_as_of = progress == Progress::Done && completed_on.is_none_or(|c| c <= as_of);
    let days = |from: NaiveDate, to: NaiveDate| (to - from).num_days().max(0) as u32;
    let mut status =
        Status { bucket: Bucket::InProgressNoDeadline, days_late: 0, days_left: None, due_soon: false };
    match (done_by_as_of, due) {
        (true, None) => status.bucket = Bucket::DoneNoDeadline,
        (true, Some(due)) => match completed_on {
            Some(done) if done > due => {
                status.bucket = Bucket::DoneLate;
                status.days_late = days(due, done);
            }
            Some(_) => status.bucket = Bucket::DoneOnTime,
            None => status.bucket = Bucket::DoneUndated,
        },
        (false, None) => status.bucket = Bucket::InProgressNoDeadline,
        (false, Some(due)) if as_of > due => {
            status.bucket = Bucket::Overdue;
            status.days_late = days(due, as_of);
        }
        (false, Some(due)) => {
            status.bucket = Bucket::InProgressInTime;
            status.days_left = Some(days(as_of, due));
            status.due_soon = days(as_of, due) <= rules.due_soon_days;
        }
    }
    status
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2024, 1, day).unwrap()
    }

    const RULES: StatusRules = StatusRules { due_soon_days: 3 };

    #[test]
    fn due_today_is_in_time_and_due_soon() {
        let s = derive_status(Progress::InProgress, Some(d(20)), None, d(20), RULES);
        assert_eq!(s.bucket, Bucket::InProgressInTime);
        assert!(s.due_soon);
        assert_eq!(s.days_late, 0);
        assert_eq!(s.days_left, Some(0));
    }

    #[test]
    fn due_yesterday_is_overdue_by_one_day() {
        let s = derive_status(Progress::NotStarted, Some(d(19)), None, d(20), RULES);
        assert_eq!(s.bucket, Bucket::Overdue);
        assert_eq!(s.days_late, 1);
        assert!(!s.due_soon);
        assert_eq!(s.overdue_age(), Some(OverdueAge::UpToAWeek));
    }

    #[test]
    fn completed_on_the_deadline_is_on_time() {
        let s = derive_status(Progress::Done, Some(d(20)), Some(d(20)), d(25), RULES);
        assert_eq!(s.bucket, Bucket::DoneOnTime);
        assert_eq!(s.days_late, 0);
    }

    #[test]
    fn completed_the_day_after_is_late() {
        let s = derive_status(Progress::Done, Some(d(20)), Some(d(21)), d(25), RULES);
        assert_eq!(s.bucket, Bucket::DoneLate);
        assert_eq!(s.days_late, 1);
    }

    #[test]
    fn no_deadline_buckets() {
        assert_eq!(derive_status(Progress::InProgress, None, None, d(20), RULES).bucket, Bucket::InProgressNoDeadline);
        assert_eq!(derive_status(Progress::NotStarted, None, None, d(20), RULES).bucket, Bucket::InProgressNoDeadline);
        assert_eq!(derive_status(Progress::Done, None, Some(d(3)), d(20), RULES).bucket, Bucket::DoneNoDeadline);
        assert!(!derive_status(Progress::InProgress, None, None, d(20), RULES).due_soon);
    }

    #[test]
    fn due_soon_window_is_adjustable() {
        let four_days_away = derive_status(Progress::InProgress, Some(d(24)), None, d(20), RULES);
        assert!(!four_days_away.due_soon, "default window is 3 days");
        let wider = derive_status(Progress::InProgress, Some(d(24)), None, d(20), StatusRules { due_soon_days: 4 });
        assert!(wider.due_soon);
        let three_days_away = derive_status(Progress::InProgress, Some(d(23)), None, d(20), RULES);
        assert!(three_days_away.due_soon);
    }

    #[test]
    fn paused_tasks_still_run_late() {
        let s = derive_status(Progress::Paused, Some(d(10)), None, d(20), RULES);
        assert_eq!(s.bucket, Bucket::Overdue);
        assert_eq!(s.days_late, 10);
        assert_eq!(s.overdue_age(), Some(OverdueAge::UpToAMonth));
    }

    #[test]
    fn completion_after_the_as_of_date_was_not_yet_done_then() {
        let s = derive_status(Progress::Done, Some(d(10)), Some(d(25)), d(20), RULES);
        assert_eq!(s.bucket, Bucket::Overdue);
        assert_eq!(s.days_late, 10);
    }

    #[test]
    fn done_without_completion_date_is_not_counted_on_time() {
        let s = derive_status(Progress::Done, Some(d(10)), None, d(20), RULES);
        assert_eq!(s.bucket, Bucket::DoneUndated);
        assert!(s.bucket.is_done());
        assert_eq!((s.days_late, s.days_left, s.due_soon), (0, None, false));
        // Once the evidence date is given, it is judged like any other.
        assert_eq!(derive_status(Progress::Done, Some(d(10)), Some(d(9)), d(20), RULES).bucket, Bucket::DoneOnTime);
        assert_eq!(derive_status(Progress::Done, Some(d(10)), Some(d(12)), d(20), RULES).bucket, Bucket::DoneLate);
        // Without a deadline there is nothing to be on time for.
        assert_eq!(derive_status(Progress::Done, None, None, d(20), RULES).bucket, Bucket::DoneNoDeadline);
    }

    #[test]
    fn age_groups() {
        assert_eq!(OverdueAge::of_days(0), None);
        assert_eq!(OverdueAge::of_days(7), Some(OverdueAge::UpToAWeek));
        assert_eq!(OverdueAge::of_days(8), Some(OverdueAge::UpToAMonth));
        assert_eq!(OverdueAge::of_days(30), Some(OverdueAge::UpToAMonth));
        assert_eq!(OverdueAge::of_days(31), Some(OverdueAge::OverAMonth));
    }
}
