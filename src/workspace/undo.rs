//! The list of steps that can be undone and redone, kept across reloads: the list itself (small:
//! names and numbers) is one record, each step's patches another, so showing "Hoàn tác: …" never
//! reads a 10,000-task import. A new step after some undos drops the steps that could have been
//! redone; the list keeps the last [`LIMIT`] steps.

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use super::{Applied, Patch, StepLabel};

/// How many steps can be undone.
pub const LIMIT: usize = 100;

/// A step in the list: its number, when, and what it did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Step {
    /// The step's number (it orders the steps; the key of its patches' record).
    pub seq: u64,
    pub at: NaiveDateTime,
    pub label: StepLabel,
    /// Undone, waiting to be redone.
    #[serde(default)]
    pub undone: bool,
}

/// What undoing and redoing a step writes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StepPatches {
    pub undo: Patch,
    pub redo: Patch,
}

impl Step {
    /// The step and its patches, taken from what `apply` returned (the patches moved, not copied:
    /// an import's patch holds every task it added).
    pub fn new(seq: u64, at: NaiveDateTime, applied: Applied) -> (Step, StepPatches) {
        (Step { seq, at, label: applied.label, undone: false }, StepPatches { undo: applied.undo, redo: applied.redo })
    }
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct UndoLog {
    /// In the order they were made.
    steps: Vec<Step>,
}

impl UndoLog {
    pub fn new(mut steps: Vec<Step>) -> UndoLog {
        steps.sort_by_key(|s| s.seq);
        UndoLog { steps }
    }

    /// Add a step; returns the steps no longer kept (to remove from storage).
    pub fn record(&mut self, step: Step) -> Vec<u64> {
        let mut gone: Vec<u64> = self.steps.iter().filter(|s| s.undone).map(|s| s.seq).collect();
        self.steps.retain(|s| !s.undone && s.seq != step.seq);
        let at = self.steps.partition_point(|s| s.seq < step.seq);
        self.steps.insert(at, step);
        while self.steps.len() > LIMIT {
            gone.push(self.steps.remove(0).seq);
        }
        gone
    }

    /// The step Hoàn tác would undo.
    pub fn next_undo(&self) -> Option<&Step> {
        self.steps.iter().rev().find(|s| !s.undone)
    }

    /// The step Làm lại would redo.
    pub fn next_redo(&self) -> Option<&Step> {
        self.steps.iter().find(|s| s.undone)
    }

    pub fn set_undone(&mut self, seq: u64, undone: bool) -> Option<&Step> {
        let step = self.steps.iter_mut().find(|s| s.seq == seq)?;
        step.undone = undone;
        Some(step)
    }

    pub fn get(&self, seq: u64) -> Option<&Step> {
        self.steps.iter().find(|s| s.seq == seq)
    }

    pub fn steps(&self) -> &[Step] {
        &self.steps
    }

    pub fn undoable(&self) -> usize {
        self.steps.iter().filter(|s| !s.undone).count()
    }
}
