//! Every change a person or a file makes to the workspace, as data: what the person changed, not a
//! snapshot. A command is applied by [`super::apply`] to the workspace as it is *now* (in memory,
//! and again to the stored records when it is saved), so a change made in another tab meanwhile is
//! kept, never overwritten by a stale copy.

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use crate::domain::edit::Edit;
use crate::domain::{Exchange, ExchangeKind, Deadline, Progress, Task, TaskId, Unit, UnitDirectory, UnitId, UnitKind};
use crate::import::merge::MergePlan;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "command", rename_all = "snake_case")]
pub enum Command {
    /// The task page: only the fields the person changed, with what the form showed for each
    /// (`base`); a field changed elsewhere since then is a [`super::CommandError::Conflict`].
    EditTask { id: TaskId, edits: Vec<Edit>, base: Vec<Edit> },
    /// The same fields set on many tasks (bulk change); `reason` is kept in each task's history.
    Bulk { ids: Vec<TaskId>, edits: Vec<Edit>, #[serde(default)] reason: String },
    /// An extension granted (gia hạn) to one task or many: the new deadline, the reason (required)
    /// and the granting document; each task keeps the deadline it had in its extensions.
    Extend { ids: Vec<TaskId>, deadline: Deadline, reason: String, #[serde(default)] document: String },
    /// The board's move, for one card or a selection. Done sets the completion date and evidence.
    Move { ids: Vec<TaskId>, progress: Progress, completed_on: Option<NaiveDate>, evidence: Option<String> },
    /// Tasks made by hand or read from a directive, with the units they need that the workspace
    /// did not have (a unit whose name meanwhile exists is used instead of a copy).
    AddTasks { tasks: Vec<Task>, new_units: Vec<Unit>, from_directive: bool },
    /// A confirmed import: new tasks, and for existing ones the fields the file sets with the
    /// values the preview showed as "old"; `aliases` are names the file writes differently that
    /// the person confirmed as existing units.
    Import {
        added: Vec<Task>,
        updates: Vec<FieldUpdate>,
        new_units: Vec<Unit>,
        #[serde(default)]
        aliases: Vec<UnitAlias>,
        /// Units whose own list this file is, sent back filled in: noted as their answer.
        #[serde(default)]
        replies: Vec<(UnitId, Exchange)>,
    },
    /// Lists or reminders sent to units (an export, a reminder dispatch): noted on each unit, so
    /// the office sees who has answered. Not a step to undo: the file has gone.
    Exchanged { entries: Vec<(UnitId, Exchange)> },
    /// Time passing for recurring duties (`domain::recurrence::catch_up`): the first deadline of
    /// duties that had none, and each new period's task. A period's task another tab made
    /// meanwhile (same id) is not made twice.
    Recur { first_dates: Vec<(TaskId, NaiveDate)>, instances: Vec<Task> },
    /// Move tasks to the recycle bin (Thùng rác), where they wait 30 days.
    Delete { ids: Vec<TaskId> },
    /// Put tasks back from the recycle bin.
    PutBack { ids: Vec<TaskId> },
    /// Empty the recycle bin for good, or only what has waited longer than the bin keeps it.
    EmptyBin { deleted_before: Option<NaiveDateTime> },
    AddUnit { name: String, kind: Option<UnitKind> },
    RenameUnit { id: UnitId, name: String },
    SetUnitKind { id: UnitId, kind: UnitKind },
    SetUnitOrder { id: UnitId, position: u32 },
    /// `from` disappears; its names become aliases of `into`, its tasks move to `into`.
    MergeUnits { from: UnitId, into: UnitId },
    /// Replace everything: the sample, a restored backup, or nothing (clear).
    Replace { tasks: Vec<Task>, units: Vec<Unit>, why: ReplaceWhy },
}

impl Command {
    /// A confirmed import plan as a command: its new tasks, the fields it sets on existing tasks
    /// (with the values its preview showed as "old"), and the units it adds to `units`.
    pub fn import(plan: &MergePlan, units: &UnitDirectory) -> Command {
        Command::Import {
            added: plan.added.clone(),
            updates: plan.updated.iter().map(|u| FieldUpdate { id: u.task.id.clone(), edits: u.edits.clone(), base: u.base.clone() }).collect(),
            new_units: plan.units.units().iter().filter(|u| units.get(&u.id).is_none()).cloned().collect(),
            aliases: plan
                .linked
                .iter()
                .filter(|l| !l.separate && units.get(&l.unit).is_some())
                .map(|l| UnitAlias { unit: l.unit.clone(), name: l.written.clone() })
                .collect(),
            replies: Vec::new(),
        }
    }
}

/// How many tasks (added or updated) one part of an import carries: applying 2,500 takes a few
/// milliseconds natively and well under a frame's budget of 50 ms on an office laptop.
pub const IMPORT_PART: usize = 2_500;

impl Command {
    /// How many tasks an import (or a part of one) adds or updates; 0 for other commands.
    pub fn import_rows(&self) -> usize {
        match self {
            Command::Import { added, updates, .. } => added.len() + updates.len(),
            _ => 0,
        }
    }

    /// The command as parts to apply one after another as one step (each with the step's number):
    /// an import of 50,000 tasks was one task of 160–180 ms on the page, and as long again when
    /// stored. The first part carries the aliases and the answers of units; every part carries the
    /// new units, so each part's tasks find the unit another tab may have added meanwhile under
    /// the same name (adding it again changes nothing). Any other command is one part.
    pub fn in_parts(self, per_part: usize) -> Vec<Command> {
        let per_part = per_part.max(1);
        if self.import_rows() <= per_part {
            return vec![self];
        }
        let Command::Import { added, updates, new_units, mut aliases, mut replies } = self else { return vec![self] };
        let mut parts: Vec<Command> = Vec::new();
        let mut added = added.into_iter().peekable();
        let mut updates = updates.into_iter().peekable();
        while added.peek().is_some() || updates.peek().is_some() {
            let a: Vec<Task> = added.by_ref().take(per_part).collect();
            let u: Vec<FieldUpdate> = updates.by_ref().take(per_part - a.len()).collect();
            // The aliases and answers go with the first part (taken, the later parts get none).
            parts.push(Command::Import { added: a, updates: u, new_units: new_units.clone(), aliases: std::mem::take(&mut aliases), replies: std::mem::take(&mut replies) });
        }
        parts
    }
}

/// Another name for a unit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UnitAlias {
    pub unit: UnitId,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FieldUpdate {
    pub id: TaskId,
    pub edits: Vec<Edit>,
    pub base: Vec<Edit>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReplaceWhy {
    Sample,
    Backup,
    Clear,
}

/// A command with the moment the person made it (history records that moment, also when the
/// command is applied again to the stored records a little later).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Stamped {
    pub at: NaiveDateTime,
    pub command: Command,
}

/// What a step is called in the undo list ("Hoàn tác: chuyển 12 nhiệm vụ sang Hoàn thành"); the
/// interface words it (see `i18n`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "step", rename_all = "snake_case")]
pub enum StepLabel {
    Edited { content: String },
    Bulk { count: usize, fields: Vec<String> },
    Moved { count: usize, content: String, progress: Progress },
    Extended { count: usize, content: String },
    /// New periods of recurring duties.
    Recurred { count: usize, content: String },
    /// Lists or reminders sent to `count` units.
    Exchanged { count: usize, kind: ExchangeKind },
    Added { count: usize, content: String, from_directive: bool },
    Imported { added: usize, updated: usize },
    Deleted { count: usize, content: String },
    PutBack { count: usize },
    EmptiedBin { count: usize },
    UnitAdded { name: String },
    UnitChanged { name: String },
    UnitsMerged { from: String, into: String },
    Replaced { count: usize, why: ReplaceWhy },
}

impl StepLabel {
    /// The label of a step continued by another part of it (an import applied in parts): the
    /// counts add up; any other step is named by its latest part.
    pub fn then(self, later: StepLabel) -> StepLabel {
        match (self, later) {
            (StepLabel::Imported { added, updated }, StepLabel::Imported { added: a, updated: u }) => {
                StepLabel::Imported { added: added + a, updated: updated + u }
            }
            (_, later) => later,
        }
    }
}
