//! The workspace core: tasks, units and the recycle bin, and the one way they change. Every change
//! a person or a file makes is a [`Command`]; [`apply`] carries it out and returns an [`Applied`]:
//! which records to store, and the two patches that undo and redo it. Plain Rust, tested natively;
//! the browser shell (`ui::state`, `store::saver`) only holds the result in signals and writes it.

mod apply;
pub mod replay;
pub mod command;
pub mod undo;

#[cfg(test)]
mod tests;

use std::collections::{BTreeSet, HashMap, HashSet};

use chrono::{Duration, NaiveDateTime};
use serde::{Deserialize, Serialize};

use crate::domain::edit::Conflict;
use crate::domain::{Task, TaskId, Unit, UnitDirectory, UnitError, UnitId};

pub use apply::apply;
pub use command::{Command, FieldUpdate, ReplaceWhy, Stamped, StepLabel, IMPORT_PART};
pub use replay::{replay, Op, Outcome, Replayed, Replayer, Touched, Undoing};
pub use undo::{Step, StepPatches, UndoLog};

/// How long a deleted task waits in the recycle bin.
pub const BIN_DAYS: i64 = 30;

/// A deleted task, waiting in the recycle bin (Thùng rác) to be put back or forgotten.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Binned {
    pub task: Task,
    pub deleted_at: NaiveDateTime,
}

impl Binned {
    /// When the bin forgets it.
    pub fn expires_at(&self) -> NaiveDateTime {
        self.deleted_at + Duration::days(BIN_DAYS)
    }
}

#[derive(Debug, Clone, Default)]
pub struct Workspace {
    pub tasks: Vec<Task>,
    pub units: UnitDirectory,
    pub bin: Vec<Binned>,
}

impl Workspace {
    pub fn new(tasks: Vec<Task>, units: Vec<Unit>, bin: Vec<Binned>) -> Workspace {
        Workspace { tasks, units: UnitDirectory::new(units), bin }
    }

    pub fn task(&self, id: &TaskId) -> Option<&Task> {
        self.tasks.iter().find(|t| &t.id == id)
    }

    pub fn binned(&self, id: &TaskId) -> Option<&Binned> {
        self.bin.iter().find(|b| &b.task.id == id)
    }

    fn put_unit(&mut self, id: &UnitId, unit: Option<Unit>) {
        let mut units = std::mem::take(&mut self.units).into_units();
        let at = units.iter().position(|u| &u.id == id);
        match (unit, at) {
            (Some(u), Some(i)) => units[i] = u,
            (Some(u), None) => units.push(u),
            (None, Some(i)) => {
                units.remove(i);
            }
            (None, None) => {}
        }
        self.units = UnitDirectory::new(units);
    }

    /// Apply a patch (undo or redo). When `expect` is given, a record is changed only if it is
    /// still as `expect` has it (what the step left), so a later change made elsewhere is never
    /// undone by accident; returns the patch actually applied and how many records were left.
    /// (All of [`PatchRun`]'s parts at once.)
    pub fn apply_patch(&mut self, patch: &Patch, expect: Option<&Patch>) -> (Patch, usize) {
        let mut run = PatchRun::default();
        while !run.step(self, patch, expect, usize::MAX) {}
        run.finish()
    }

    /// The records `touched` names as they are now (`None`: gone), found through an index so that
    /// the 10,000 records of an import are looked up in linear time.
    pub fn records(&self, touched: &replay::Touched) -> Patch {
        // A few records are found by a scan; many through an index built once.
        fn lookup<'a, T>(items: &'a [T], key: impl Fn(&T) -> &TaskId, ids: &BTreeSet<TaskId>) -> Vec<(TaskId, Option<T>)>
        where
            T: Clone,
        {
            if ids.len() <= SMALL_PATCH {
                return ids.iter().map(|id| (id.clone(), items.iter().find(|x| key(x) == id).cloned())).collect();
            }
            let index: HashMap<&TaskId, &'a T> = items.iter().map(|x| (key(x), x)).collect();
            ids.iter().map(|id| (id.clone(), index.get(id).map(|&x| x.clone()))).collect()
        }
        Patch {
            replace_all: false,
            tasks: lookup(&self.tasks, |t| &t.id, &touched.tasks),
            bin: lookup(&self.bin, |b| &b.task.id, &touched.bin),
            units: touched.units.iter().map(|id| (id.clone(), self.units.get(id).cloned())).collect(),
        }
    }

    /// Everything, as a patch that would rebuild it.
    pub fn snapshot(&self) -> Patch {
        Patch {
            replace_all: true,
            tasks: self.tasks.iter().map(|t| (t.id.clone(), Some(t.clone()))).collect(),
            units: self.units.units().iter().map(|u| (u.id.clone(), Some(u.clone()))).collect(),
            bin: self.bin.iter().map(|b| (b.task.id.clone(), Some(b.clone()))).collect(),
        }
    }
}

/// Patches of at most this many records find them by a scan; larger ones build an index first.
/// (A card moved among 50,000 tasks used to copy every task's id into an index for one record.)
pub(crate) const SMALL_PATCH: usize = 16;

/// A patch applied a part of its records at a time ([`PatchRun::step`]), so that the page can
/// paint between parts: undoing an import of 50,000 tasks in one go held it for 230 ms. Every
/// part in turn is exactly [`Workspace::apply_patch`]. A part keeps no position in the records
/// for the next: whatever changes them between parts (an edit, another tab's change read in)
/// never makes a later part write over the wrong record.
#[derive(Debug, Default)]
pub struct PatchRun {
    started: bool,
    next_task: usize,
    next_bin: usize,
    applied: Patch,
    left: usize,
}

impl PatchRun {
    /// Apply up to `part` more records of `patch` (the same `patch` and `expect` at every call);
    /// true once all of it is in. The units go in with the last part.
    pub fn step(&mut self, ws: &mut Workspace, patch: &Patch, expect: Option<&Patch>, part: usize) -> bool {
        let part = part.max(1);
        if !self.started {
            self.started = true;
            self.applied.replace_all = patch.replace_all;
            if patch.replace_all {
                ws.tasks.clear();
                ws.bin.clear();
                ws.units = UnitDirectory::default();
            }
        }
        if self.next_task < patch.tasks.len() {
            let to = self.next_task.saturating_add(part).min(patch.tasks.len());
            let wanted = expect.map(|e| e.tasks.as_slice());
            self.left += patch_part(&mut ws.tasks, |t| &t.id, &patch.tasks, self.next_task..to, wanted, &mut self.applied.tasks);
            self.next_task = to;
            return false;
        }
        if self.next_bin < patch.bin.len() {
            let to = self.next_bin.saturating_add(part).min(patch.bin.len());
            let wanted = expect.map(|e| e.bin.as_slice());
            // The bin's records left are not counted: the count is of tasks.
            patch_part(&mut ws.bin, |b| &b.task.id, &patch.bin, self.next_bin..to, wanted, &mut self.applied.bin);
            self.next_bin = to;
            if to < patch.bin.len() {
                return false;
            }
        }
        for (id, u) in &patch.units {
            ws.put_unit(id, u.clone());
        }
        self.applied.units = patch.units.clone();
        true
    }

    /// How many of the patch's records are in so far.
    pub fn done(&self) -> usize {
        self.next_task + self.next_bin
    }

    /// The patch actually applied, and how many task records were left as they were.
    pub fn finish(self) -> (Patch, usize) {
        (self.applied, self.left)
    }
}

/// Put the records `entries[range]` say (`None`: remove) into `items`, in one pass over them: the
/// part's ids are looked for through a map of the part (a few at most by a scan), and the records
/// removed at the end of the part. With `expect`, a record not as expected is left (and counted).
fn patch_part<T: Clone + PartialEq>(
    items: &mut Vec<T>,
    key: impl Fn(&T) -> &TaskId,
    entries: &[(TaskId, Option<T>)],
    range: std::ops::Range<usize>,
    expect: Option<&[(TaskId, Option<T>)]>,
    applied: &mut Vec<(TaskId, Option<T>)>,
) -> usize {
    let from = range.start;
    let part = &entries[range];
    // What each record should be now: the step's two patches name the same records in the same
    // order (then read straight across), else looked up by id.
    let aligned = expect.filter(|e| e.len() == entries.len() && e[from..from + part.len()].iter().zip(part).all(|(a, b)| a.0 == b.0));
    let by_id: Option<HashMap<&TaskId, Option<&T>, rustc_hash::FxBuildHasher>> =
        expect.filter(|_| aligned.is_none()).map(|e| e.iter().map(|(id, v)| (id, v.as_ref())).collect());
    let expected = |k: usize, id: &TaskId| -> Option<Option<&T>> {
        match (aligned, &by_id) {
            (Some(e), _) => Some(e[from + k].1.as_ref()),
            (None, Some(map)) => map.get(id).copied(),
            (None, None) => None,
        }
    };
    // Where the part's records are: one pass over the records (a few: a scan each).
    let mut at: Option<HashMap<&TaskId, usize, rustc_hash::FxBuildHasher>> = (part.len() > SMALL_PATCH).then(|| {
        let mut at: HashMap<&TaskId, usize, rustc_hash::FxBuildHasher> = HashMap::with_capacity_and_hasher(part.len(), Default::default());
        let ids: HashSet<&TaskId, rustc_hash::FxBuildHasher> = part.iter().map(|(id, _)| id).collect();
        for (i, x) in items.iter().enumerate() {
            if let Some(id) = ids.get(key(x)) {
                at.insert(id, i);
            }
        }
        at
    });
    let mut gone: Vec<bool> = Vec::new();
    let mut left = 0;
    applied.reserve(part.len());
    for (k, (id, value)) in part.iter().enumerate() {
        let position = match &at {
            Some(at) => at.get(id).copied(),
            None => items.iter().position(|x| key(x) == id),
        };
        if let Some(want) = expected(k, id) {
            let now = position.filter(|&i| !gone.get(i).copied().unwrap_or(false)).map(|i| &items[i]);
            if now != want {
                left += 1;
                continue;
            }
        }
        match (value, position) {
            (Some(v), Some(i)) => {
                items[i] = v.clone();
                if let Some(g) = gone.get_mut(i) {
                    *g = false;
                }
            }
            (Some(v), None) => {
                if let Some(at) = at.as_mut() {
                    at.insert(id, items.len());
                }
                items.push(v.clone());
            }
            (None, Some(i)) => {
                if gone.len() < items.len() {
                    gone.resize(items.len(), false);
                }
                gone[i] = true;
            }
            (None, None) => {}
        }
        applied.push((id.clone(), value.clone()));
    }
    if gone.contains(&true) {
        let mut i = 0;
        items.retain(|_| {
            let keep = !gone.get(i).copied().unwrap_or(false);
            i += 1;
            keep
        });
    }
    left
}

/// Records to put back as they were (`None`: the record did not exist). An undo patch holds what a
/// command replaced; a redo patch what it wrote. `replace_all` empties everything first.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Patch {
    #[serde(default)]
    pub replace_all: bool,
    #[serde(default)]
    pub tasks: Vec<(TaskId, Option<Task>)>,
    #[serde(default)]
    pub units: Vec<(UnitId, Option<Unit>)>,
    #[serde(default)]
    pub bin: Vec<(TaskId, Option<Binned>)>,
}

impl Patch {
    pub fn is_empty(&self) -> bool {
        !self.replace_all && self.tasks.is_empty() && self.units.is_empty() && self.bin.is_empty()
    }

    /// How many records it writes.
    pub fn len(&self) -> usize {
        self.tasks.len() + self.units.len() + self.bin.len()
    }

    /// The task records that would change `tasks`, and the others: a record equal to the task
    /// held (a tab's own change, stored as it was made) or deleting a task not held changes
    /// nothing, so taking stored records back in redraws nothing when nothing differs.
    pub fn tasks_differing_from(tasks: Vec<(TaskId, Option<Task>)>, held: &[Task]) -> (Vec<(TaskId, Option<Task>)>, Vec<(TaskId, Option<Task>)>) {
        let index: Option<HashMap<&TaskId, &Task>> = (tasks.len() > SMALL_PATCH).then(|| held.iter().map(|t| (&t.id, t)).collect());
        let find = |id: &TaskId| match &index {
            Some(index) => index.get(id).copied(),
            None => held.iter().find(|t| t.id == *id),
        };
        tasks.into_iter().partition(|(id, record)| record.as_ref() != find(id))
    }
}

/// What applying a command did.
#[derive(Debug, Clone, PartialEq)]
pub struct Applied {
    pub label: StepLabel,
    /// What the command wrote: the records to store (and with `replace_all`, all of them).
    pub redo: Patch,
    /// What it replaced.
    pub undo: Patch,
    /// Values an import left as they were, because someone changed them after the preview.
    pub kept_newer: usize,
}

impl Applied {
    pub fn changed_anything(&self) -> bool {
        !self.redo.is_empty()
    }
}

/// Why a command was not carried out; nothing changed.
#[derive(Debug, Clone, PartialEq)]
pub enum CommandError {
    /// No task (or no binned task) with this id: deleted meanwhile, perhaps in another tab.
    NoSuchTask(TaskId),
    /// A task with this id exists already.
    TaskExists(TaskId),
    /// A field the person changed was changed elsewhere since the form was opened.
    Conflict { id: TaskId, conflicts: Vec<Conflict> },
    Unit(UnitError),
    /// The command asks for nothing (no tasks selected, no field set).
    Nothing,
    /// An extension needs a new deadline with a date (or a cadence) and a reason.
    BadExtension,
}

impl From<UnitError> for CommandError {
    fn from(e: UnitError) -> Self {
        CommandError::Unit(e)
    }
}
