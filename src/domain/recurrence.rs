//! Recurring duties ("hàng tuần", "hàng tháng", "hàng quý", "hàng năm"): one task per period,
//! each with its own deadline, chased and counted on its own, made as time passes — the period's
//! task appears when the period begins, never months in advance. "Thường xuyên" has no periods:
//! it stays one task without a deadline.
//!
//! The first task of a duty is its series; every later period's task names it (`Task::series`)
//! and has an id made from it and the period, so two tabs making the same period make the same
//! task. Plain functions: the shell asks [`catch_up`] what is due and applies it as one core
//! command (`Command::Recur`).

use std::collections::{HashMap, HashSet};

use chrono::{Datelike, Duration, NaiveDate, Weekday};

use super::deadline::{DeadlineKind, Recurrence};
use super::fold::fold_words;
use super::task::{Progress, Task, TaskId};
use super::vn_date::{end_of_quarter, format_date, last_day_of_month, week_start};

/// The day of its period a recurring duty is due.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DueDay {
    /// The period's last working day (Monday–Friday), when the text names no day.
    LastWorkingDay,
    /// "trước ngày 25 hàng tháng": that day of the period's (last) month, or its last day when the
    /// month is shorter.
    DayOfMonth(u32),
    /// "thứ Sáu hàng tuần": that day of the week.
    Weekday(Weekday),
}

/// The day a duty's text names ("trước ngày 25 hàng tháng", "chiều thứ Sáu hàng tuần", "thứ 6"),
/// or the period's last working day.
pub fn due_day(text: &str) -> DueDay {
    let words = fold_words(text);
    let at = |i: usize| words.get(i).map(String::as_str);
    for i in 0..words.len() {
        match (at(i), at(i + 1)) {
            (Some("chu"), Some("nhat")) => return DueDay::Weekday(Weekday::Sun),
            (Some("thu"), Some(day)) => {
                let weekday = match day {
                    "hai" | "2" => Some(Weekday::Mon),
                    "ba" | "3" => Some(Weekday::Tue),
                    "tu" | "4" => Some(Weekday::Wed),
                    "nam" | "5" => Some(Weekday::Thu),
                    "sau" | "6" => Some(Weekday::Fri),
                    "bay" | "7" => Some(Weekday::Sat),
                    _ => None,
                };
                if let Some(w) = weekday {
                    return DueDay::Weekday(w);
                }
            }
            (Some("ngay"), Some(n)) => {
                // "ngày 25 hàng tháng", not "ngày 25/12" (a date) nor "ngày làm việc".
                let next = at(i + 2);
                if let Ok(day @ 1..=31) = n.parse::<u32>() {
                    if !next.is_some_and(|w| w.parse::<u32>().is_ok()) {
                        return DueDay::DayOfMonth(day);
                    }
                }
            }
            _ => {}
        }
    }
    DueDay::LastWorkingDay
}

/// The period of a cadence that contains `day`: its first and last day.
pub fn period_containing(every: Recurrence, day: NaiveDate) -> Option<(NaiveDate, NaiveDate)> {
    match every {
        Recurrence::Weekly => {
            let start = week_start(day);
            Some((start, start + Duration::days(6)))
        }
        Recurrence::Monthly => Some((day.with_day(1)?, last_day_of_month(day.year(), day.month())?)),
        Recurrence::Quarterly => {
            let q = (day.month() - 1) / 3 + 1;
            Some((NaiveDate::from_ymd_opt(day.year(), q * 3 - 2, 1)?, end_of_quarter(day.year(), q)?))
        }
        Recurrence::Yearly => Some((NaiveDate::from_ymd_opt(day.year(), 1, 1)?, NaiveDate::from_ymd_opt(day.year(), 12, 31)?)),
        Recurrence::Continuous => None,
    }
}

/// The deadline of the period `start..=end` of a cadence, on the day its text names.
pub fn due_in(every: Recurrence, rule: DueDay, start: NaiveDate, end: NaiveDate) -> NaiveDate {
    let last_working = || {
        let mut d = end;
        while matches!(d.weekday(), Weekday::Sat | Weekday::Sun) && d > start {
            d -= Duration::days(1);
        }
        d
    };
    match (rule, every) {
        (DueDay::Weekday(w), Recurrence::Weekly) => start + Duration::days(w.num_days_from_monday() as i64),
        (DueDay::DayOfMonth(n), Recurrence::Monthly | Recurrence::Quarterly | Recurrence::Yearly) => {
            // In the period's last month ("ngày 20 tháng cuối quý").
            let last = end.day();
            end.with_day(n.min(last)).unwrap_or(end)
        }
        _ => last_working(),
    }
}

/// The deadline of the period containing `day`, for a duty whose text is `text`.
pub fn due_for(every: Recurrence, text: &str, day: NaiveDate) -> Option<NaiveDate> {
    let (start, end) = period_containing(every, day)?;
    Some(due_in(every, due_day(text), start, end))
}

/// How a period is named in its task's note: "Kỳ tuần 07/12/2026 – 13/12/2026", "Kỳ tháng 12/2026",
/// "Kỳ quý IV/2026", "Kỳ năm 2026".
pub fn period_label(every: Recurrence, start: NaiveDate, end: NaiveDate) -> String {
    match every {
        Recurrence::Weekly => format!("Kỳ tuần {} – {}", format_date(start), format_date(end)),
        Recurrence::Monthly => format!("Kỳ tháng {:02}/{}", start.month(), start.year()),
        Recurrence::Quarterly => format!("Kỳ quý {}/{}", ["I", "II", "III", "IV"][((start.month() - 1) / 3) as usize], start.year()),
        Recurrence::Yearly | Recurrence::Continuous => format!("Kỳ năm {}", start.year()),
    }
}

/// The cadence of a task that recurs by periods (not "thường xuyên").
pub fn cadence(task: &Task) -> Option<Recurrence> {
    match task.deadline.kind {
        DeadlineKind::Recurring(r) if r != Recurrence::Continuous => Some(r),
        _ => None,
    }
}

/// The series a recurring task belongs to: the first task of its duty.
pub fn series_of(task: &Task) -> &TaskId {
    task.series.as_ref().unwrap_or(&task.id)
}

/// What makes tasks periods of one duty: the work, the lead unit and the cadence as written.
type DutyKey = (String, Option<super::UnitId>, DeadlineKind, String);

/// Are two tasks periods of one recurring duty?
pub fn same_duty(a: &Task, b: &Task) -> bool {
    cadence(a).is_some() && (series_of(a) == series_of(b) || duty_key(a) == duty_key(b))
}

fn duty_key(t: &Task) -> DutyKey {
    let fold = super::fold::fold;
    (fold(t.content.trim()), t.lead_unit.clone(), t.deadline.kind, fold(t.deadline.text.trim()))
}

/// The id of a series' task for the period ending `due`'s period: the same in every tab.
pub fn instance_id(series: &TaskId, period_end: NaiveDate) -> TaskId {
    TaskId(format!("{}-K{}", series.0, period_end.format("%Y%m%d")))
}

/// At most this many periods are made for one duty at a time (a workspace opened after a long
/// time catches up a year of weekly reports, not an unbounded number).
const MOST_AT_ONCE: usize = 60;

/// What time passing asks of the workspace on `today`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CatchUp {
    /// Recurring tasks that have no date yet (a "hàng tháng" typed or imported): the deadline of
    /// their first period.
    pub first_dates: Vec<(TaskId, NaiveDate)>,
    /// The task of every period that has begun since each duty's latest, up to the end of the
    /// year of the duty's first period.
    pub instances: Vec<Task>,
}

impl CatchUp {
    pub fn is_empty(&self) -> bool {
        self.first_dates.is_empty() && self.instances.is_empty()
    }
}

/// The periods' tasks due on `today`. `known` are ids that exist anywhere (the recycle bin
/// included): a period's task someone deleted is not made again. A task's first period is the
/// one of its assigning document's date (or, without one, of `today`).
pub fn catch_up(tasks: &[Task], known: &HashSet<TaskId>, today: NaiveDate) -> CatchUp {
    let mut out = CatchUp::default();
    // Per duty: its first task (the earliest period not made from another), that task's first
    // deadline, and the latest period's end. A duty is known by its work, unit and cadence as
    // written, so periods made before tasks named their series (an older workspace) are one duty.
    let mut duties: HashMap<DutyKey, (&Task, NaiveDate, NaiveDate)> = HashMap::new();
    for task in tasks {
        let Some(every) = cadence(task) else { continue };
        let date = match task.deadline.date {
            Some(d) => d,
            None => {
                let from = task.source.date.filter(|d| *d <= today).unwrap_or(today);
                let Some(due) = due_for(every, &task.deadline.text, from) else { continue };
                out.first_dates.push((task.id.clone(), due));
                due
            }
        };
        let Some((_, end)) = period_containing(every, date) else { continue };
        let entry = duties.entry(duty_key(task)).or_insert((task, date, end));
        let earlier_first = (task.series.is_none(), std::cmp::Reverse(date)) > (entry.0.series.is_none(), std::cmp::Reverse(entry.1));
        if earlier_first {
            (entry.0, entry.1) = (task, date);
        }
        entry.2 = entry.2.max(end);
    }
    let mut series: Vec<_> = duties.into_values().collect();
    series.sort_by(|a, b| a.0.id.cmp(&b.0.id));
    for (first, first_due, mut end) in series {
        let Some(every) = cadence(first) else { continue };
        let id = &first.id;
        let Some(until) = NaiveDate::from_ymd_opt(first_due.year(), 12, 31) else { continue };
        let rule = due_day(&first.deadline.text);
        let mut made = 0;
        while made < MOST_AT_ONCE {
            let next_start = end + Duration::days(1);
            if next_start > today || next_start > until {
                break;
            }
            let Some((start, next_end)) = period_containing(every, next_start) else { break };
            let new_id = instance_id(id, next_end);
            if !known.contains(&new_id) {
                out.instances.push(instance(first, id, every, rule, start, next_end, new_id));
                made += 1;
            }
            end = next_end;
        }
    }
    out
}

/// New tasks with their recurring duties' periods so far (today included), in the same step as
/// the tasks themselves: a duty typed, read from a directive or imported gets its first deadline
/// and the periods that have begun since its document's date, and undoing the addition undoes
/// them all.
pub fn with_periods(mut tasks: Vec<Task>, today: NaiveDate) -> Vec<Task> {
    let up = catch_up(&tasks, &HashSet::new(), today);
    for (id, due) in up.first_dates {
        if let Some(t) = tasks.iter_mut().find(|t| t.id == id) {
            t.deadline.date = Some(due);
            if let (true, Some(every)) = (t.note.is_empty(), cadence(t)) {
                if let Some((start, end)) = period_containing(every, due) {
                    t.note = period_label(every, start, end);
                }
            }
        }
    }
    tasks.extend(up.instances);
    tasks
}

/// A new period's task: the duty's work, units and source, not started, with its own deadline.
fn instance(first: &Task, series: &TaskId, every: Recurrence, rule: DueDay, start: NaiveDate, end: NaiveDate, id: TaskId) -> Task {
    let mut t = Task::new(id, first.content.clone());
    t.number = first.number.clone();
    t.source = first.source.clone();
    t.lead_unit = first.lead_unit.clone();
    t.coordinating_units = first.coordinating_units.clone();
    t.leader = first.leader.clone();
    t.officer = first.officer.clone();
    t.deadline = first.deadline.clone();
    t.deadline.date = Some(due_in(every, rule, start, end));
    t.progress = Progress::NotStarted;
    t.note = period_label(every, start, end);
    t.series = Some(series.clone());
    t
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::read_deadline;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn duty(n: u64, text: &str, source_date: Option<NaiveDate>) -> Task {
        let mut t = Task::new(TaskId::from_entropy(n), "Báo cáo tình hình");
        t.deadline = read_deadline(text).deadline;
        t.source.date = source_date;
        t
    }

    #[test]
    fn the_day_a_duty_names() {
        assert_eq!(due_day("Trước ngày 25 hàng tháng"), DueDay::DayOfMonth(25));
        assert_eq!(due_day("Chiều thứ Sáu hàng tuần"), DueDay::Weekday(Weekday::Fri));
        assert_eq!(due_day("thứ 6 hằng tuần"), DueDay::Weekday(Weekday::Fri));
        assert_eq!(due_day("Hàng tháng"), DueDay::LastWorkingDay);
        assert_eq!(due_day("hàng quý"), DueDay::LastWorkingDay);
        assert_eq!(due_day("trước 5 ngày làm việc hàng tháng"), DueDay::LastWorkingDay);
    }

    #[test]
    fn deadlines_fall_on_the_last_working_day_or_the_day_named() {
        // November 2026 ends on a Monday; August 2026 on a Monday; October 2026 on a Saturday.
        assert_eq!(due_for(Recurrence::Monthly, "hàng tháng", d(2026, 10, 3)), Some(d(2026, 10, 30)));
        assert_eq!(due_for(Recurrence::Monthly, "hàng tháng", d(2026, 11, 3)), Some(d(2026, 11, 30)));
        // Weeks run Monday–Sunday; their last working day is Friday.
        assert_eq!(due_for(Recurrence::Weekly, "hàng tuần", d(2026, 12, 2)), Some(d(2026, 12, 4)));
        assert_eq!(due_for(Recurrence::Weekly, "thứ Năm hàng tuần", d(2026, 12, 6)), Some(d(2026, 12, 3)));
        // The 31st in a short month is its last day; February of a leap year has 29.
        assert_eq!(due_for(Recurrence::Monthly, "trước ngày 31 hàng tháng", d(2026, 4, 10)), Some(d(2026, 4, 30)));
        assert_eq!(due_for(Recurrence::Monthly, "trước ngày 30 hàng tháng", d(2028, 2, 1)), Some(d(2028, 2, 29)));
        assert_eq!(due_for(Recurrence::Monthly, "trước ngày 30 hàng tháng", d(2027, 2, 1)), Some(d(2027, 2, 28)));
        assert_eq!(due_for(Recurrence::Monthly, "hàng tháng", d(2028, 2, 1)), Some(d(2028, 2, 29)), "a Tuesday");
        // Quarters: the last working day of the quarter's last month, or the day named in it.
        assert_eq!(due_for(Recurrence::Quarterly, "hàng quý", d(2026, 5, 5)), Some(d(2026, 6, 30)));
        assert_eq!(due_for(Recurrence::Quarterly, "ngày 20 tháng cuối quý", d(2026, 11, 5)), Some(d(2026, 12, 20)));
        assert_eq!(due_for(Recurrence::Yearly, "hàng năm", d(2027, 3, 1)), Some(d(2027, 12, 31)));
        assert_eq!(due_for(Recurrence::Continuous, "thường xuyên", d(2027, 3, 1)), None);
    }

    #[test]
    fn a_duty_gets_its_first_date_from_its_document_and_one_task_per_period_as_time_passes() {
        let tasks = vec![duty(1, "trước ngày 25 hàng tháng", Some(d(2026, 9, 10)))];
        let up = catch_up(&tasks, &HashSet::new(), d(2026, 11, 3));
        assert_eq!(up.first_dates, vec![(tasks[0].id.clone(), d(2026, 9, 25))]);
        // October and November have begun; December has not.
        let dues: Vec<_> = up.instances.iter().map(|t| t.deadline.date.unwrap()).collect();
        assert_eq!(dues, vec![d(2026, 10, 25), d(2026, 11, 25)]);
        assert_eq!(up.instances[1].note, "Kỳ tháng 11/2026");
        assert!(up.instances.iter().all(|t| t.series.as_ref() == Some(&tasks[0].id) && t.progress == Progress::NotStarted));
        assert_eq!(up.instances[1].deadline.text, "trước ngày 25 hàng tháng", "the words as written stay");
    }

    #[test]
    fn nothing_is_made_twice_or_in_advance_and_a_deleted_period_stays_deleted() {
        let mut first = duty(1, "hàng tuần", None);
        first.deadline.date = Some(d(2026, 11, 20));
        let mut tasks = vec![first];
        let up = catch_up(&tasks, &HashSet::new(), d(2026, 12, 1));
        // Weeks of 23–29/11 and 30/11–6/12 have begun; each due its Friday.
        let dues: Vec<_> = up.instances.iter().map(|t| t.deadline.date.unwrap()).collect();
        assert_eq!(dues, vec![d(2026, 11, 27), d(2026, 12, 4)]);
        assert!(up.first_dates.is_empty());
        tasks.extend(up.instances.clone());
        assert!(catch_up(&tasks, &HashSet::new(), d(2026, 12, 1)).is_empty(), "made once");
        // Two tabs make the same ids; a period deleted (its id known in the bin) is not made again.
        let known: HashSet<TaskId> = up.instances.iter().map(|t| t.id.clone()).collect();
        assert_eq!(catch_up(&tasks[..1], &known, d(2026, 12, 1)), CatchUp::default());
        assert_eq!(up.instances, catch_up(&tasks[..1], &HashSet::new(), d(2026, 12, 1)).instances);
    }

    #[test]
    fn a_duty_runs_to_the_end_of_its_year_and_a_long_absence_is_bounded() {
        let mut first = duty(1, "hàng quý", None);
        first.deadline.date = Some(d(2026, 3, 31));
        let up = catch_up(&[first.clone()], &HashSet::new(), d(2027, 6, 1));
        let dues: Vec<_> = up.instances.iter().map(|t| t.deadline.date.unwrap()).collect();
        assert_eq!(dues, vec![d(2026, 6, 30), d(2026, 9, 30), d(2026, 12, 31)], "the year of its first period");
        let mut weekly = duty(2, "hàng tuần", None);
        weekly.deadline.date = Some(d(2026, 1, 2));
        assert!(catch_up(&[weekly], &HashSet::new(), d(2026, 12, 31)).instances.len() <= MOST_AT_ONCE);
    }

    #[test]
    fn periods_made_before_tasks_named_their_series_are_one_duty() {
        // An older workspace: four weekly reports, none naming the first.
        let weeks: Vec<Task> = [d(2026, 10, 30), d(2026, 11, 6), d(2026, 11, 13), d(2026, 11, 20)]
            .into_iter()
            .enumerate()
            .map(|(i, due)| {
                let mut t = duty(i as u64 + 1, "hàng tuần", None);
                t.deadline.date = Some(due);
                t
            })
            .collect();
        let up = catch_up(&weeks, &HashSet::new(), d(2026, 11, 24));
        // One new week (23–29/11), not one per old task, made from the first.
        assert_eq!(up.instances.len(), 1);
        assert_eq!(up.instances[0].deadline.date, Some(d(2026, 11, 27)));
        assert_eq!(up.instances[0].series.as_ref(), Some(&weeks[0].id));
    }

    #[test]
    fn new_tasks_come_with_their_periods_so_far() {
        let tasks = with_periods(vec![duty(1, "hàng tháng", Some(d(2026, 9, 15))), duty(2, "trước ngày 20/12/2026", None)], d(2026, 11, 2));
        let dues: Vec<_> = tasks.iter().map(|t| t.deadline.date).collect();
        // September, the dated task, then October and November (begun by 02/11).
        assert_eq!(dues, vec![Some(d(2026, 9, 30)), Some(d(2026, 12, 20)), Some(d(2026, 10, 30)), Some(d(2026, 11, 30))]);
        assert_eq!(tasks[0].note, "Kỳ tháng 09/2026");
        assert_eq!(tasks[3].series.as_ref(), Some(&tasks[0].id));
    }

    #[test]
    fn standing_and_dated_tasks_are_left_alone() {
        let tasks = vec![duty(1, "thường xuyên", None), duty(2, "trước ngày 20/12/2026", None), duty(3, "", None)];
        assert!(catch_up(&tasks, &HashSet::new(), d(2026, 12, 1)).is_empty());
    }
}
