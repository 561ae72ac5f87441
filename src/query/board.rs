//! The board's shape: which columns it has (progress, or derived status) and which task goes in
//! which unit row and column. Plain Rust; the board view only draws what this returns.

use std::collections::HashMap;

use super::Ranked;
use crate::domain::{Bucket, Progress, Task, UnitDirectory, UnitId};

/// The order statuses are chased in: the summary's chips and the status board's columns.
pub const CHASE_BUCKETS: [Bucket; 7] = [
    Bucket::Overdue,
    Bucket::InProgressInTime,
    Bucket::InProgressNoDeadline,
    // Done but waiting for its evidence date: still something to ask the unit for.
    Bucket::DoneUndated,
    Bucket::DoneOnTime,
    Bucket::DoneLate,
    Bucket::DoneNoDeadline,
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    Progress(Progress),
    Status(Bucket),
}

/// The columns: the three progress steps (and Tạm dừng only when a task is paused), or the
/// statuses in chasing order.
pub fn board_columns(tasks: &[Task], by_status: bool) -> Vec<Column> {
    if by_status {
        return CHASE_BUCKETS.iter().map(|b| Column::Status(*b)).collect();
    }
    let mut c = vec![Column::Progress(Progress::NotStarted), Column::Progress(Progress::InProgress), Column::Progress(Progress::Done)];
    if tasks.iter().any(|t| t.progress == Progress::Paused) {
        c.push(Column::Progress(Progress::Paused));
    }
    c
}

/// One row of the board: a unit's (or, unsplit, everyone's; `unit: None` last: tasks without a
/// lead unit), with per column its tasks in chasing order.
#[derive(Debug, Clone, PartialEq)]
pub struct Lane {
    pub unit: Option<UnitId>,
    pub columns: Vec<Vec<Ranked>>,
}

/// Put the ranked tasks into lanes and columns in one pass. Split by unit: a lane per unit in
/// the units' order, then the tasks without a unit; lanes with no task are left out.
pub fn board_lanes(tasks: &[Task], ranked: &[Ranked], units: &UnitDirectory, columns: &[Column], split: bool) -> Vec<Lane> {
    let empty = || vec![Vec::new(); columns.len()];
    let mut lanes: Vec<Lane> = if split {
        units.ordered().iter().map(|u| Lane { unit: Some(u.id.clone()), columns: empty() }).chain(std::iter::once(Lane { unit: None, columns: empty() })).collect()
    } else {
        vec![Lane { unit: None, columns: empty() }]
    };
    let lane_of: HashMap<UnitId, usize> = lanes.iter().enumerate().filter_map(|(i, l)| l.unit.clone().map(|u| (u, i))).collect();
    let last = lanes.len() - 1;
    for rk in ranked {
        let Some(task) = tasks.get(rk.index) else { continue };
        let col = columns.iter().position(|c| match c {
            Column::Progress(p) => *p == task.progress,
            Column::Status(b) => *b == rk.status.bucket,
        });
        let Some(col) = col else { continue };
        let lane = if split { task.lead_unit.as_ref().and_then(|u| lane_of.get(u).copied()).unwrap_or(last) } else { 0 };
        lanes[lane].columns[col].push(*rk);
    }
    if split {
        lanes.retain(|l| l.columns.iter().any(|c| !c.is_empty()));
    }
    lanes
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{StatusRules, TaskId};
    use chrono::NaiveDate;

    #[test]
    fn lanes_by_unit_and_columns_by_progress() {
        let mut units = UnitDirectory::default();
        let kt = units.resolve_or_add("Phòng Kinh tế").unwrap().id().clone();
        let tt = units.resolve_or_add("Thanh tra").unwrap().id().clone();
        let task = |n: u64, unit: Option<&UnitId>, p: Progress| {
            let mut t = Task::new(TaskId::from_entropy(n), "Việc");
            t.lead_unit = unit.cloned();
            t.progress = p;
            t
        };
        let tasks = vec![task(1, Some(&kt), Progress::NotStarted), task(2, Some(&kt), Progress::Done), task(3, None, Progress::InProgress)];
        let as_of = NaiveDate::from_ymd_opt(2024, 1, 1).unwrap();
        let ranked = super::super::chase_order(&tasks, as_of, StatusRules::default());
        let cols = board_columns(&tasks, false);
        assert_eq!(cols.len(), 3, "no paused task: no Tạm dừng column");
        let lanes = board_lanes(&tasks, &ranked, &units, &cols, true);
        assert_eq!(lanes.iter().map(|l| l.unit.clone()).collect::<Vec<_>>(), vec![Some(kt.clone()), None], "Thanh tra has no task: no lane");
        assert_eq!(lanes[0].columns.iter().map(Vec::len).collect::<Vec<_>>(), vec![1, 0, 1]);
        assert_eq!(lanes[1].columns[1].len(), 1, "the task without a unit is in the last lane");
        let one = board_lanes(&tasks, &ranked, &units, &cols, false);
        assert_eq!(one.len(), 1);
        assert_eq!(one[0].columns.iter().map(Vec::len).sum::<usize>(), 3);
        let _ = tt;
        let mut paused = tasks.clone();
        paused[0].progress = Progress::Paused;
        assert_eq!(board_columns(&paused, false).last(), Some(&Column::Progress(Progress::Paused)));
        assert_eq!(board_columns(&tasks, true).len(), Bucket::ALL.len());
    }
}
