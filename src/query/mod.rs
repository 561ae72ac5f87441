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
    ranked.sort_by(|a, b| chase_cmp(tasks, a, b));
    ranked
}

/// The chasing order of two ranked tasks (a total order: ties go by position).
fn chase_cmp(tasks: &[Task], a: &Ranked, b: &Ranked) -> std::cmp::Ordering {
    let (ta, tb) = (&tasks[a.index], &tasks[b.index]);
    a.status
        .bucket
        .cmp(&b.status.bucket)
        .then_with(|| match a.status.bucket {
            Bucket::Overdue => b.status.days_late.cmp(&a.status.days_late),
            _ => ta.deadline.due_date().cmp(&tb.deadline.due_date()),
        })
        .then_with(|| a.index.cmp(&b.index))
}

/// `chased` (the [`chase_order`] of the tasks before the ones at `changed`, ascending and each
/// once as [`edited_in_place`] gives them, were edited in place) put in order again for `tasks`: only the changed tasks are taken out, their status derived
/// again and put back where they now belong. The same as `chase_order(tasks, …)` when nothing
/// else changed (a card moved, a field edited), without deriving and sorting every task again.
pub fn rechase(chased: &mut Vec<Ranked>, tasks: &[Task], changed: &[usize], as_of: NaiveDate, rules: StatusRules) {
    if chased.len() != tasks.len() || changed.iter().any(|&i| i >= tasks.len()) {
        *chased = chase_order(tasks, as_of, rules);
        return;
    }
    chased.retain(|r| changed.binary_search(&r.index).is_err());
    for &index in changed {
        let new = Ranked { index, status: tasks[index].status(as_of, rules) };
        let at = chased.partition_point(|r| chase_cmp(tasks, r, &new).is_lt());
        chased.insert(at, new);
    }
}

/// Where the `touched` tasks are, when a change edited them in place: the workspace held
/// `len_before` tasks and holds as many, and each touched id is still there. `None` when tasks
/// came or went (positions moved), or when so many changed that sorting again is as quick.
pub fn edited_in_place(tasks: &[Task], len_before: usize, touched: &std::collections::BTreeSet<crate::domain::TaskId>) -> Option<Vec<usize>> {
    const FEW: usize = 64;
    if tasks.len() != len_before || touched.is_empty() || touched.len() > FEW {
        return None;
    }
    let found: Vec<usize> = tasks.iter().enumerate().filter(|(_, t)| touched.contains(&t.id)).map(|(i, _)| i).collect();
    (found.len() == touched.len()).then_some(found)
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
    fn a_task_edited_in_place_is_put_back_where_a_full_sort_puts_it() {
        let (as_of, rules) = (d(20), StatusRules::default());
        let deadlines = ["25/01/2024", "18/01/2024", "", "05/01/2024", "20/01/2024", "hằng tháng", "22/01/2024"];
        let progress = [Progress::NotStarted, Progress::InProgress, Progress::Done, Progress::Paused];
        let mut tasks: Vec<Task> = (0..40)
            .map(|n| task(n, deadlines[n as usize % deadlines.len()], progress[n as usize % 4], (n % 4 == 2).then(|| d(10 + n as u32 % 15))))
            .collect();
        let mut chased = chase_order(&tasks, as_of, rules);
        // One card moved, then several edits at once, then a deadline moved.
        let edits: [&[usize]; 3] = [&[10], &[0, 13, 39], &[21]];
        for (round, changed) in edits.iter().enumerate() {
            for &i in *changed {
                let t = &mut tasks[i];
                match round {
                    0 => t.progress = Progress::InProgress,
                    1 => {
                        t.progress = Progress::Done;
                        t.completed_on = Some(d(15));
                    }
                    _ => t.deadline = read_deadline("02/01/2024").deadline,
                }
            }
            let before: Vec<usize> = chased.iter().map(|r| r.index).collect();
            rechase(&mut chased, &tasks, changed, as_of, rules);
            assert_eq!(chased, chase_order(&tasks, as_of, rules), "round {round}");
            assert_ne!(chased.iter().map(|r| r.index).collect::<Vec<_>>(), before, "round {round} moved a task");
        }
        // A task added: sorted afresh.
        tasks.push(task(99, "01/01/2024", Progress::NotStarted, None));
        rechase(&mut chased, &tasks, &[40], as_of, rules);
        assert_eq!(chased, chase_order(&tasks, as_of, rules));
        assert_eq!(chased[0].index, 40, "the longest overdue first");
    }

    #[test]
    fn an_edit_in_place_is_told_from_tasks_coming_or_going() {
        let tasks: Vec<Task> = (0..5).map(|n| task(n, "", Progress::NotStarted, None)).collect();
        let ids = |ns: &[usize]| ns.iter().map(|&n| tasks[n].id.clone()).collect::<std::collections::BTreeSet<_>>();
        assert_eq!(edited_in_place(&tasks, 5, &ids(&[3, 1])), Some(vec![1, 3]));
        assert_eq!(edited_in_place(&tasks, 4, &ids(&[4])), None, "a task added");
        let gone: std::collections::BTreeSet<_> = [TaskId::from_entropy(77)].into();
        assert_eq!(edited_in_place(&tasks, 5, &gone), None, "a task removed and another added");
        assert_eq!(edited_in_place(&tasks, 5, &Default::default()), None);
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
