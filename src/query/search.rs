//! Each task's folded search text, kept between searches: folding (accents, case, punctuation) is
//! the costly part of a search over 10,000 tasks, so a text is folded again only when what it is
//! made of has changed (the task's fields, or its units' names). The cache can be filled a slice
//! at a time, while the page is idle, so that even the first keystroke finds it ready.

use std::collections::HashMap;

use crate::domain::{Task, TaskId, UnitDirectory};

#[derive(Debug, Default)]
pub struct SearchTexts {
    /// Per task: what its text was made of, and the folded text.
    kept: HashMap<TaskId, (String, String)>,
    /// Where the next slice of [`SearchTexts::fill`] starts.
    cursor: usize,
}

/// What a task's search text is made of, unfolded (cheap to build and compare).
fn raw(task: &Task, units: &UnitDirectory) -> String {
    let mut raw = String::with_capacity(task.content.len() + 64);
    for part in task.search_parts() {
        raw.push_str(part);
        raw.push('\u{1f}');
    }
    for unit in task.lead_unit.iter().chain(&task.coordinating_units).filter_map(|u| units.get(u)) {
        raw.push_str(&unit.name);
        raw.push('\u{1f}');
        raw.push_str(&unit.short_name);
        raw.push('\u{1f}');
    }
    raw
}

impl SearchTexts {
    /// Fold the texts of up to `budget` tasks not yet kept (or changed since), checking at most
    /// ten times as many; returns whether every task is now kept. Each slice starts where the
    /// last one stopped, so after one change among 50,000 tasks the check runs in slices of a few
    /// milliseconds, not in one 45 ms turn.
    pub fn fill(&mut self, tasks: &[Task], units: &UnitDirectory, budget: usize) -> bool {
        let mut left = budget;
        let mut checks = budget.saturating_mul(10);
        let start = self.cursor.min(tasks.len());
        for (i, task) in tasks.iter().enumerate().skip(start) {
            if checks == 0 {
                self.cursor = i;
                return false;
            }
            checks -= 1;
            let made_of = raw(task, units);
            if self.kept.get(&task.id).is_some_and(|(r, _)| *r == made_of) {
                continue;
            }
            if left == 0 {
                self.cursor = i;
                return false;
            }
            left -= 1;
            self.kept.insert(task.id.clone(), (made_of, super::search_text(task, units)));
        }
        self.cursor = 0;
        true
    }

    /// Every task's folded text, in the tasks' order, folding only those not kept; texts of tasks
    /// that are gone are forgotten.
    pub fn texts(&mut self, tasks: &[Task], units: &UnitDirectory) -> Vec<String> {
        self.cursor = 0;
        self.fill(tasks, units, usize::MAX);
        if self.kept.len() > tasks.len() {
            let ids: std::collections::HashSet<&TaskId> = tasks.iter().map(|t| &t.id).collect();
            self.kept.retain(|id, _| ids.contains(id));
        }
        tasks.iter().map(|t| self.kept.get(&t.id).map(|(_, folded)| folded.clone()).unwrap_or_default()).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::fold::matches_query;

    #[test]
    fn texts_are_folded_again_only_when_what_they_are_made_of_changes() {
        let mut units = UnitDirectory::default();
        let kt = units.resolve_or_add("Phòng Kinh tế").unwrap().id().clone();
        let mut tasks: Vec<Task> = (0..3).map(|n| Task::new(TaskId(format!("NV-{n}")), format!("Rà soát quỹ đất số {n}"))).collect();
        tasks[0].lead_unit = Some(kt.clone());
        let mut cache = SearchTexts::default();
        // Filled a slice at a time: two, then the last one.
        assert!(!cache.fill(&tasks, &units, 2));
        assert!(cache.fill(&tasks, &units, 2));
        let texts = cache.texts(&tasks, &units);
        assert!(matches_query(&texts[0], "phong kinh te") && matches_query(&texts[2], "quy dat so 2"));
        // A result typed, a unit renamed: the changed texts are made again, not the old ones kept.
        tasks[1].result = "Đã ban hành kế hoạch".into();
        units.rename(&kt, "Phòng Kinh tế - Hạ tầng").unwrap();
        let texts = cache.texts(&tasks, &units);
        assert!(matches_query(&texts[1], "ban hanh ke hoach"));
        assert!(matches_query(&texts[0], "kinh te ha tang"));
        // Each text is what the search would fold afresh.
        let afresh: Vec<String> = tasks.iter().map(|t| super::super::search_text(t, &units)).collect();
        assert_eq!(texts, afresh);
        // A deleted task's text is forgotten.
        tasks.remove(2);
        assert_eq!(cache.texts(&tasks, &units).len(), 2);
        assert_eq!(cache.kept.len(), 2);
    }

    /// After one change among many kept texts, a slice checks a bounded number of tasks and goes
    /// on from there: the changed task's text is folded within a few slices, never all at once.
    #[test]
    fn a_slice_checks_a_bounded_number_of_tasks() {
        let units = UnitDirectory::default();
        let mut tasks: Vec<Task> = (0..100).map(|n| Task::new(TaskId(format!("NV-{n}")), format!("Nhiệm vụ {n}"))).collect();
        let mut cache = SearchTexts::default();
        cache.texts(&tasks, &units);
        tasks[95].content = "Rà soát quỹ đất".into();
        // A budget of 2 folds checks 20 tasks a slice: five slices reach the last task.
        let mut slices = 1;
        while !cache.fill(&tasks, &units, 2) {
            slices += 1;
            assert!(slices <= 6, "the slices go on where the last one stopped");
        }
        assert_eq!(slices, 5);
        assert!(matches_query(&cache.kept[&TaskId("NV-95".into())].1, "quy dat"));
    }
}
