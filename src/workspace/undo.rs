//! The list of steps that can be undone and redone, kept across reloads: the list itself (small:
//! names and numbers) is one record, each step's patches another (a large step several:
//! [`StepPatches::parts`]), so showing "Hoàn tác: …" never reads a 10,000-task import. A new step after some undos drops the steps that could have been
//! redone; the list keeps the last [`LIMIT`] steps.

use std::collections::HashMap;

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

/// How many task records one stored part of a step holds at most. A step is stored in parts (the
/// first also holds the units, bin and `replace_all`), each written in a turn of its own: an
/// import of 50,000 tasks was one 25 MB record, serialised and handed to the browser in one task
/// of about 260 ms.
pub const TASKS_PER_PART: usize = 2_000;

/// One part of a step's patches, borrowed for writing; it reads back as a [`StepPatches`] (the
/// same fields), and [`StepPatches::from_parts`] puts the parts together.
#[derive(Debug, Serialize)]
pub struct StepPart<'a> {
    pub undo: PatchPart<'a>,
    pub redo: PatchPart<'a>,
}

/// The records of one part of a [`Patch`], serialised as a `Patch`.
#[derive(Debug, Serialize)]
pub struct PatchPart<'a> {
    pub replace_all: bool,
    pub tasks: &'a [(crate::domain::TaskId, Option<crate::domain::Task>)],
    pub units: &'a [(crate::domain::UnitId, Option<crate::domain::Unit>)],
    pub bin: &'a [(crate::domain::TaskId, Option<super::Binned>)],
}

impl PatchPart<'_> {
    /// Part `k` of `patch`: its task records `k * per_part ..`; the first part has the rest too.
    fn of(patch: &Patch, k: usize, per_part: usize) -> PatchPart<'_> {
        let at = |i: usize| i.saturating_mul(per_part).min(patch.tasks.len());
        let first = k == 0;
        PatchPart {
            replace_all: first && patch.replace_all,
            tasks: &patch.tasks[at(k)..at(k + 1)],
            units: if first { &patch.units } else { &[] },
            bin: if first { &patch.bin } else { &[] },
        }
    }
}

impl StepPatches {
    /// The patches in parts of at most `per_part` task records of each side (at least one part).
    pub fn parts(&self, per_part: usize) -> Vec<StepPart<'_>> {
        let per_part = per_part.max(1);
        let count = self.undo.tasks.len().max(self.redo.tasks.len()).div_ceil(per_part).max(1);
        (0..count)
            .map(|k| StepPart { undo: PatchPart::of(&self.undo, k, per_part), redo: PatchPart::of(&self.redo, k, per_part) })
            .collect()
    }

    /// The patches from their parts, in order (what [`StepPatches::parts`] cut).
    pub fn from_parts(parts: impl IntoIterator<Item = StepPatches>) -> Option<StepPatches> {
        let mut parts = parts.into_iter();
        let mut whole = parts.next()?;
        for part in parts {
            whole.undo.tasks.extend(part.undo.tasks);
            whole.redo.tasks.extend(part.redo.tasks);
        }
        Some(whole)
    }
}

impl StepPatches {
    /// This step's patches followed by those of a later part of it: redoing writes each record as
    /// the last part left it, undoing puts back what the first part that touched it found (parts
    /// of an import name different tasks, but a record two parts touch is still undone right).
    pub fn then(mut self, later: StepPatches) -> StepPatches {
        self.redo.replace_all |= later.redo.replace_all;
        join(&mut self.undo.tasks, &mut self.redo.tasks, later.undo.tasks, later.redo.tasks);
        join(&mut self.undo.bin, &mut self.redo.bin, later.undo.bin, later.redo.bin);
        join(&mut self.undo.units, &mut self.redo.units, later.undo.units, later.redo.units);
        self
    }
}

/// Join a later part's records to a step's (undo and redo name the same records in the same
/// order): a record already in the step keeps its undo value and takes the later redo value; the
/// others are added in the later part's order. Indexes the later part's ids (a few thousand), not
/// the step's, which grows with every part.
fn join<K: Eq + std::hash::Hash + Clone, V>(undo: &mut Vec<(K, Option<V>)>, redo: &mut Vec<(K, Option<V>)>, later_undo: Vec<(K, Option<V>)>, later_redo: Vec<(K, Option<V>)>) {
    if later_redo.is_empty() {
        return;
    }
    let mut later: Vec<(K, Option<V>, Option<V>)> = later_undo.into_iter().zip(later_redo).map(|((k, u), (_, r))| (k, u, r)).collect();
    let at: HashMap<K, usize, rustc_hash::FxBuildHasher> = later.iter().enumerate().map(|(i, (k, _, _))| (k.clone(), i)).collect();
    let mut known = vec![false; later.len()];
    for (k, after) in redo.iter_mut() {
        if let Some(&i) = at.get(k) {
            *after = later[i].2.take();
            known[i] = true;
        }
    }
    for ((k, u, r), known) in later.into_iter().zip(known) {
        if !known {
            undo.push((k.clone(), u));
            redo.push((k, r));
        }
    }
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
