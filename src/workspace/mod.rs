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
pub use replay::{replay, Op, Outcome, Replayed, Replayer, Touched};
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
    pub fn apply_patch(&mut self, patch: &Patch, expect: Option<&Patch>) -> (Patch, usize) {
        if patch.replace_all {
            self.tasks.clear();
            self.bin.clear();
            self.units = UnitDirectory::default();
        }
        let (tasks, left) = patch_records(&mut self.tasks, |t| &t.id, &patch.tasks, expect.map(|e| e.tasks.as_slice()));
        let (bin, _) = patch_records(&mut self.bin, |b| &b.task.id, &patch.bin, expect.map(|e| e.bin.as_slice()));
        for (id, u) in &patch.units {
            self.put_unit(id, u.clone());
        }
        (Patch { replace_all: patch.replace_all, tasks, units: patch.units.clone(), bin }, left)
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

/// Put records as `entries` say (`None`: remove), in one pass, so a 10,000-task patch stays
/// linear (through an index) and a one-task patch costs one scan. With `expect`, a record not as
/// expected is left (and counted).
fn patch_records<T: Clone + PartialEq>(
    items: &mut Vec<T>,
    key: impl Fn(&T) -> &TaskId,
    entries: &[(TaskId, Option<T>)],
    expect: Option<&[(TaskId, Option<T>)]>,
) -> (Vec<(TaskId, Option<T>)>, usize) {
    let expected: HashMap<&TaskId, Option<&T>> = expect.map(|e| e.iter().map(|(id, v)| (id, v.as_ref())).collect()).unwrap_or_default();
    let mut at: Option<HashMap<TaskId, usize>> =
        (entries.len() > SMALL_PATCH).then(|| items.iter().enumerate().map(|(i, x)| (key(x).clone(), i)).collect());
    let find = |items: &[T], at: &Option<HashMap<TaskId, usize>>, id: &TaskId| match at {
        Some(index) => index.get(id).copied(),
        None => items.iter().position(|x| key(x) == id),
    };
    let mut gone: HashSet<TaskId> = HashSet::new();
    let mut applied = Vec::with_capacity(entries.len());
    let mut left = 0;
    for (id, value) in entries {
        let position = find(items, &at, id);
        if let Some(want) = expected.get(id) {
            let now = position.filter(|_| !gone.contains(id)).map(|i| &items[i]);
            if now != *want {
                left += 1;
                continue;
            }
        }
        match (value, position) {
            (Some(v), Some(i)) => {
                items[i] = v.clone();
                gone.remove(id);
            }
            (Some(v), None) => {
                if let Some(index) = at.as_mut() {
                    index.insert(id.clone(), items.len());
                }
                items.push(v.clone());
            }
            (None, Some(_)) => {
                gone.insert(id.clone());
            }
            (None, None) => {}
        }
        applied.push((id.clone(), value.clone()));
    }
    if !gone.is_empty() {
        items.retain(|x| !gone.contains(key(x)));
    }
    (applied, left)
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
