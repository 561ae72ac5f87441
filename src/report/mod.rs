//! Counting tasks per unit: the figures of the unit page and of the monthly report. Every figure
//! comes from the one status function.

pub mod charts;
pub mod dashboard;
pub mod monthly;

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::domain::{Bucket, StatusRules, Task, Unit, UnitDirectory, UnitId};
use crate::query::BucketCounts;

/// One unit's figures.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct UnitSummary {
    pub unit: UnitId,
    /// Tasks the unit leads, per bucket.
    pub lead: BucketCounts,
    /// Tasks the unit coordinates.
    pub coordinating: usize,
}

impl UnitSummary {
    pub fn overdue(&self) -> usize {
        self.lead.get(Bucket::Overdue)
    }

    /// Tasks that can be judged on time or not: done (with a deadline) or overdue.
    pub fn judged(&self) -> usize {
        self.lead.get(Bucket::DoneOnTime) + self.lead.get(Bucket::DoneLate) + self.lead.get(Bucket::Overdue)
    }

    /// The report's figures, in the columns of the official table: total, done on time, done late,
    /// done without its completion date, in progress in time, overdue, without deadline (done or not).
    pub fn report_figures(&self) -> [usize; 7] {
        let l = &self.lead;
        [
            l.total,
            l.get(Bucket::DoneOnTime),
            l.get(Bucket::DoneLate),
            l.get(Bucket::DoneUndated),
            l.get(Bucket::InProgressInTime),
            l.get(Bucket::Overdue),
            l.get(Bucket::InProgressNoDeadline) + l.get(Bucket::DoneNoDeadline),
        ]
    }

    /// The rate as the report writes it ("83,7%"), or "—" when nothing can be judged yet.
    pub fn rate_text(&self) -> String {
        self.on_time_rate().map(percent).unwrap_or_else(|| "—".into())
    }

    /// The counts behind the rate ("36/43 đúng hạn"), empty when there is no rate.
    pub fn rate_note(&self) -> String {
        self.on_time_rate().map(|_| format!("{}/{} đúng hạn", self.lead.get(Bucket::DoneOnTime), self.judged())).unwrap_or_default()
    }

    /// Done on time out of those judged; `None` when none can be judged yet.
    pub fn on_time_rate(&self) -> Option<f64> {
        let judged = self.judged();
        (judged > 0).then(|| self.lead.get(Bucket::DoneOnTime) as f64 / judged as f64)
    }
}

/// Figures for every unit of the directory (units without tasks included), in directory order.
pub fn unit_summaries(tasks: &[Task], units: &UnitDirectory, as_of: NaiveDate, rules: StatusRules) -> Vec<UnitSummary> {
    unit_summaries_of(tasks.iter().map(|t| (t, t.status(as_of, rules))), units)
}

/// [`unit_summaries`] of tasks whose status is already derived (a filtered view).
pub fn unit_summaries_of<'a>(tasks: impl Iterator<Item = (&'a Task, crate::domain::Status)>, units: &UnitDirectory) -> Vec<UnitSummary> {
    let mut by_unit: HashMap<&UnitId, UnitSummary> = units
        .units()
        .iter()
        .map(|u| (&u.id, UnitSummary { unit: u.id.clone(), lead: BucketCounts::default(), coordinating: 0 }))
        .collect();
    for (task, status) in tasks {
        if let Some(s) = task.lead_unit.as_ref().and_then(|u| by_unit.get_mut(u)) {
            let i = Bucket::ALL.iter().position(|b| *b == status.bucket).expect("every bucket is listed");
            s.lead.per_bucket[i] += 1;
            s.lead.total += 1;
            s.lead.due_soon += status.due_soon as usize;
        }
        for u in &task.coordinating_units {
            if let Some(s) = by_unit.get_mut(u) {
                s.coordinating += 1;
            }
        }
    }
    units.ordered().iter().filter_map(|u: &&Unit| by_unit.remove(&u.id)).collect()
}

/// Worst first: most overdue, then lowest on-time rate, then most tasks.
pub fn worst_first(summaries: &mut [UnitSummary]) {
    summaries.sort_by(|a, b| {
        b.overdue()
            .cmp(&a.overdue())
            .then_with(|| a.on_time_rate().unwrap_or(1.0).total_cmp(&b.on_time_rate().unwrap_or(1.0)))
            .then_with(|| b.lead.total.cmp(&a.lead.total))
    });
}

/// The orders the unit table can be sorted in (a column heading clicked).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SummaryOrder {
    /// [`worst_first`].
    Worst,
    Name,
    /// Most tasks led first.
    Total,
    /// Most tasks in this bucket first.
    Bucket(Bucket),
    /// Lowest on-time rate first; units with no rate (nothing due yet) last.
    Rate,
}

/// Sort the unit table; `reverse` turns the order round.
pub fn sort_summaries(summaries: &mut [UnitSummary], by: SummaryOrder, units: &UnitDirectory, reverse: bool) {
    let name = |s: &UnitSummary| units.get(&s.unit).map(|u| u.name.clone()).unwrap_or_default();
    match by {
        SummaryOrder::Worst => worst_first(summaries),
        SummaryOrder::Name => summaries.sort_by_cached_key(name),
        SummaryOrder::Total => summaries.sort_by(|a, b| b.lead.total.cmp(&a.lead.total)),
        SummaryOrder::Bucket(bk) => summaries.sort_by(|a, b| b.lead.get(bk).cmp(&a.lead.get(bk))),
        SummaryOrder::Rate => summaries.sort_by(|a, b| match (a.on_time_rate(), b.on_time_rate()) {
            (Some(x), Some(y)) => x.total_cmp(&y),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => std::cmp::Ordering::Equal,
        }),
    }
    if reverse {
        summaries.reverse();
    }
}

/// A rate as Vietnamese paperwork writes it: one decimal, a comma, "83,7%".
pub fn percent(rate: f64) -> String {
    // Half away from zero, as Excel and a clerk round ("13/16" = 81,25 % → "81,3%"); formatting
    // alone would round half to even.
    format!("{:.1}%", (rate * 1000.0).round() / 10.0).replace('.', ",")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{read_deadline, Progress, TaskId};

    fn d(day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2024, 1, day).unwrap()
    }

    #[test]
    fn counts_and_rates_per_unit() {
        let mut dir = UnitDirectory::default();
        let kt = dir.resolve_or_add("Phòng Kinh tế").unwrap().id().clone();
        let tt = dir.resolve_or_add("Thanh tra").unwrap().id().clone();
        let task = |n: u64, unit: &UnitId, deadline: &str, progress: Progress, done: Option<u32>| {
            let mut t = Task::new(TaskId::from_entropy(n), "Việc");
            t.lead_unit = Some(unit.clone());
            t.deadline = read_deadline(deadline).deadline;
            t.progress = progress;
            t.completed_on = done.map(d);
            t
        };
        let mut tasks = vec![
            task(1, &kt, "10/01/2024", Progress::Done, Some(9)),  // on time
            task(2, &kt, "10/01/2024", Progress::Done, Some(12)), // late
            task(3, &kt, "15/01/2024", Progress::InProgress, None), // overdue
            task(4, &kt, "25/01/2024", Progress::InProgress, None), // in time: not judged
            task(5, &tt, "", Progress::InProgress, None),
            task(6, &kt, "12/01/2024", Progress::Done, None), // done, no date yet: not judged
        ];
        tasks[4].coordinating_units.push(kt.clone());
        let mut s = unit_summaries(&tasks, &dir, d(20), StatusRules::default());
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].lead.total, 5);
        assert_eq!(s[0].judged(), 3);
        assert_eq!(s[0].report_figures(), [5, 1, 1, 1, 1, 1, 0], "total, on time, late, undated, in time, overdue, no deadline");
        assert_eq!(s[0].on_time_rate(), Some(1.0 / 3.0));
        assert_eq!(percent(s[0].on_time_rate().unwrap()), "33,3%");
        assert_eq!(s[0].coordinating, 1);
        assert_eq!(s[1].on_time_rate(), None, "nothing to judge yet");
        worst_first(&mut s);
        assert_eq!(s[0].unit, kt);
        // By rate: lowest first, a unit with nothing to judge last (also when reversed, first).
        sort_summaries(&mut s, SummaryOrder::Rate, &dir, false);
        assert_eq!(s.iter().map(|x| x.unit.clone()).collect::<Vec<_>>(), vec![kt.clone(), tt.clone()]);
        sort_summaries(&mut s, SummaryOrder::Name, &dir, false);
        assert_eq!(s[0].unit, kt, "Phòng Kinh tế before Thanh tra");
        sort_summaries(&mut s, SummaryOrder::Total, &dir, true);
        assert_eq!(s[0].unit, tt, "reversed: fewest tasks first");
    }

    #[test]
    fn percent_uses_a_comma() {
        assert_eq!(percent(0.837), "83,7%");
        assert_eq!(percent(1.0), "100,0%");
        assert_eq!(percent(13.0 / 16.0), "81,3%", "a half rounds up");
        assert_eq!(percent(1.0 / 8.0), "12,5%");
    }
}
