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

use chrono::{Duration, NaiveDateTime};
use serde::{Deserialize, Serialize};

use crate::domain::edit::Conflict;
use crate::domain::{Task, TaskId, Unit, UnitDirectory, UnitError, UnitId};

pub use apply::apply;
pub use command::{Command, FieldUpdate, ReplaceWhy, Stamped, StepLabel};
pub use replay::{replay, Op, Outcome, Replayed, Touched};
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

    /// Put one record as a patch says (None: remove it).
    fn put_task(&mut self, id: &TaskId, task: Option<Task>) {
        let at = self.tasks.iter().position(|t| &t.id == id);
        put_at(&mut self.tasks, at, task);
    }

    fn put_binned(&mut self, id: &TaskId, entry: Option<Binned>) {
        let at = self.bin.iter().position(|b| &b.task.id == id);
        put_at(&mut self.bin, at, entry);
    }

    fn put_unit(&mut self, id: &UnitId, unit: Option<Unit>) {
        let mut units = std::mem::take(&mut self.units).into_units();
        let at = units.iter().position(|u| &u.id == id);
        put_at(&mut units, at, unit);
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
            let mut applied = Patch { replace_all: true, ..Patch::default() };
            for (id, t) in &patch.tasks {
                self.put_task(id, t.clone());
                applied.tasks.push((id.clone(), t.clone()));
            }
            for (id, u) in &patch.units {
                self.put_unit(id, u.clone());
                applied.units.push((id.clone(), u.clone()));
            }
            for (id, b) in &patch.bin {
                self.put_binned(id, b.clone());
                applied.bin.push((id.clone(), b.clone()));
            }
            return (applied, 0);
        }
        let mut applied = Patch::default();
        let mut left = 0;
        for (id, t) in &patch.tasks {
            let expected = expect.and_then(|e| e.tasks.iter().find(|(i, _)| i == id)).map(|(_, t)| t.as_ref());
            if let Some(expected) = expected {
                if self.task(id) != expected {
                    left += 1;
                    continue;
                }
            }
            self.put_task(id, t.clone());
            applied.tasks.push((id.clone(), t.clone()));
        }
        for (id, b) in &patch.bin {
            let expected = expect.and_then(|e| e.bin.iter().find(|(i, _)| i == id)).map(|(_, b)| b.as_ref());
            if let Some(expected) = expected {
                if self.binned(id) != expected {
                    continue;
                }
            }
            self.put_binned(id, b.clone());
            applied.bin.push((id.clone(), b.clone()));
        }
        for (id, u) in &patch.units {
            self.put_unit(id, u.clone());
            applied.units.push((id.clone(), u.clone()));
        }
        (applied, left)
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

/// Replace the item at `at` with `value`, remove it (`None`), or append a new one.
fn put_at<T>(items: &mut Vec<T>, at: Option<usize>, value: Option<T>) {
    match (value, at) {
        (Some(v), Some(i)) => items[i] = v,
        (Some(v), None) => items.push(v),
        (None, Some(i)) => {
            items.remove(i);
        }
        (None, None) => {}
    }
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
}

impl From<UnitError> for CommandError {
    fn from(e: UnitError) -> Self {
        CommandError::Unit(e)
    }
}
