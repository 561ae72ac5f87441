//! What the views ask for: tasks in the order to chase them, with their derived status, and the
//! counts per bucket. Views show these; they do not compute status or counts themselves.

pub mod board;
pub mod filter;
pub mod search;

use chrono::NaiveDate;

pub use filter::{Filter, StatusFilter};

use crate::domain::{Bucket, Status, StatusRules, Task};

/// A task's position in the workspace and its status as of the reporting date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ranked {
    pub index: usize,
    pub status: Status,
}

/// Every task with its status, in chasing order: overdue first (longest overdue first), then in
/// time by nearest deadline, then without deadline, then done; ties keep tracker order.
pub fn chase_order(tasks: &[Task], as_of: NaiveDate, rules: StatusRules) -> Vec<Ranked> {
    let mut ranked: Vec<Ranked> =
        tasks.iter().enumerate().map(|(index, t)| Ranked { index, status: t.status(as_of, rules) }).collect();
    ranked.sort_by(|a, b| {
        let (ta, tb) = (&tasks[a.index], &tasks[b.index]);
        a.status
            .bucket
            .cmp(&b.status.bucket)
            .then_with(|| match a.status.bucket {
                Bucket::Overdue => b.status.days_late.cmp(&a.status.days_late),
                _ => ta.deadline.due_date().cmp(&tb.deadline.due_date()),
            })
            .then_with(|| a.index.cmp(&b.index))
    });
    ranked
}

/// What a free-text search looks in: the task's own folded text and the names (full and short) of
/// its units, so "phong kinh te" finds Phòng Kinh tế's tasks.
pub fn search_text(task: &Task, units: &crate::domain::UnitDirectory) -> String {
    let names: Vec<&str> = task
        .lead_unit
        .iter()
        .chain(&task.coordinating_units)
        .filter_map(|u| units.get(u))
        .flat_map(|u| [u.name.as_str(), u.short_name.as_str()])
        .collect();
    format!("{} | {}", task.search_text(), crate::domain::fold::search_key(&names))
}

/// What a task's row or card shows changes with: its id, its history and last change (every change
/// of a task adds to them), its text's length and progress (a workspace replaced by a backup), and
/// its status. The list and the board key what they draw by it, so only changed tasks are drawn again.
pub fn drawn_key(task: &Task, status: &Status) -> String {
    format!("{}|{}|{:?}|{}|{:?}|{:?}", task.id.0, task.history.len(), task.updated_at, task.content.len(), task.progress, status)
}

/// The tasks of `chased` (already in [`chase_order`], with their statuses) that pass the filter,
/// in that order. A view keeps the chased order and only filters it again when the filter
/// changes: a keystroke in the search box neither derives a status nor sorts.
pub fn passing(tasks: &[Task], chased: &[Ranked], search_texts: &[String], filter: &Filter) -> Vec<Ranked> {
    if filter.is_empty() {
        return chased.to_vec();
    }
    let filter = filter.prepare();
    chased.iter().filter(|r| filter.accepts(&tasks[r.index], &r.status, search_texts.get(r.index).map_or("", String::as_str))).cloned().collect()
}

/// How many tasks fall in each bucket, in the order of [`Bucket::ALL`]; and how many are due soon.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct BucketCounts {
    pub per_bucket: [usize; Bucket::ALL.len()],
    pub due_soon: usize,
    pub total: usize,
}

impl BucketCounts {
    pub fn of(ranked: &[Ranked]) -> BucketCounts {
        let mut c = BucketCounts { total: ranked.len(), ..Default::default() };
        for r in ranked {
            let i = Bucket::ALL.iter().position(|b| *b == r.status.bucket).expect("every bucket is listed");
            c.per_bucket[i] += 1;
            c.due_soon += r.status.due_soon as usize;
        }
        c
    }

    pub fn get(&self, bucket: Bucket) -> usize {
        Bucket::ALL.iter().position(|b| *b == bucket).map_or(0, |i| self.per_bucket[i])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{read_deadline, Progress, TaskId};

    fn d(day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2024, 1, day).unwrap()
    }

    fn task(n: u64, deadline: &str, progress: Progress, completed: Option<NaiveDate>) -> Task {
        let mut t = Task::new(TaskId::from_entropy(n), format!("Nhiệm vụ {n}"));
        t.deadline = read_deadline(deadline).deadline;
        t.progress = progress;
        t.completed_on = completed;
        t
    }

    #[test]
    fn overdue_longest_first_then_nearest_deadline_then_done() {
        let tasks = vec![
            task(0, "25/01/2024", Progress::Done, Some(d(19))),
            task(1, "18/01/2024", Progress::InProgress, None),
            task(2, "05/01/2024", Progress::NotStarted, None),
            task(3, "", Progress::InProgress, None),
            task(4, "30/01/2024", Progress::InProgress, None),
            task(5, "22/01/2024", Progress::InProgress, None),
        ];
        let order: Vec<usize> = chase_order(&tasks, d(20), StatusRules::default()).iter().map(|r| r.index).collect();
        assert_eq!(order, vec![2, 1, 5, 4, 3, 0]);
    }

    #[test]
    fn searching_finds_a_task_by_its_units_name() {
        let mut units = crate::domain::UnitDirectory::default();
        let kt = units.resolve_or_add("Phòng Kinh tế").unwrap().id().clone();
        let mut t = task(0, "", Progress::InProgress, None);
        t.coordinating_units.push(kt);
        assert!(crate::domain::fold::matches_query(&search_text(&t, &units), "phong kinh te"));
        assert!(!crate::domain::fold::matches_query(&t.search_text(), "phong kinh te"));
    }

    #[test]
    fn filtering_the_kept_chase_order_gives_what_filtering_afresh_does() {
        let units = crate::domain::UnitDirectory::default();
        let mut tasks: Vec<Task> = (0..6).map(|n| task(n, ["25/01/2024", "18/01/2024", "", "05/01/2024"][n as usize % 4], Progress::InProgress, None)).collect();
        tasks[1].content = "Rà soát quỹ đất công".into();
        tasks[3].content = "Rà soát hồ sơ đất đai".into();
        let texts: Vec<String> = tasks.iter().map(|t| search_text(t, &units)).collect();
        let chased = chase_order(&tasks, d(20), StatusRules::default());
        let filter = Filter { text: "ra soat".into(), ..Filter::default() };
        let kept: Vec<usize> = passing(&tasks, &chased, &texts, &filter).iter().map(|r| r.index).collect();
        let mut afresh = chase_order(&tasks, d(20), StatusRules::default());
        afresh.retain(|r| filter.accepts(&tasks[r.index], &r.status, &texts[r.index]));
        let afresh: Vec<usize> = afresh.iter().map(|r| r.index).collect();
        assert_eq!(kept, afresh);
        assert_eq!(kept, vec![3, 1], "the longest overdue first");
        assert_eq!(passing(&tasks, &chased, &texts, &Filter::default()).len(), 6, "no filter: every task");
    }

    #[test]
    fn counts_per_bucket_use_the_status_function() {
        let tasks = vec![
            task(0, "25/01/2024", Progress::Done, Some(d(19))),
            task(1, "18/01/2024", Progress::InProgress, None),
            task(2, "05/01/2024", Progress::Done, Some(d(6))),
            task(3, "", Progress::InProgress, None),
            task(4, "21/01/2024", Progress::InProgress, None),
        ];
        let c = BucketCounts::of(&chase_order(&tasks, d(20), StatusRules::default()));
        assert_eq!(c.total, 5);
        assert_eq!(c.get(Bucket::DoneOnTime), 1);
        assert_eq!(c.get(Bucket::DoneLate), 1);
        assert_eq!(c.get(Bucket::Overdue), 1);
        assert_eq!(c.get(Bucket::InProgressNoDeadline), 1);
        assert_eq!(c.get(Bucket::InProgressInTime), 1);
        assert_eq!(c.due_soon, 1);
    }
}
