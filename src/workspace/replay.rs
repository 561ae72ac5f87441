//! Saving, as a pure function: the operations a tab has made and not yet stored are carried out
//! again, in order, on the records as they are stored now (read in the same transaction that
//! writes the result). A change another tab stored meanwhile is therefore kept — a stale tab never
//! writes back its old copy of a task — and each operation's outcome is reported.

use std::collections::{BTreeSet, HashMap};

use super::command::{Command, Stamped, StepLabel};
use super::undo::{Step, StepPatches, UndoLog};
use super::{CommandError, Patch, Workspace};
use crate::domain::{TaskId, UnitId};

/// One thing a person did, waiting to be stored.
#[derive(Debug, Clone, PartialEq)]
pub enum Op {
    /// A command; `step` puts it in the undo list under that number (chosen when the person acts,
    /// from the time and chance, so tabs never hand out the same number).
    Do { stamped: Stamped, step: Option<u64> },
    Undo(u64),
    Redo(u64),
}

impl Op {
    /// Does carrying it out need every stored task (a merge of units, replacing everything)?
    pub fn needs_all(&self) -> bool {
        matches!(
            self,
            Op::Do { stamped: Stamped { command: Command::MergeUnits { .. } | Command::Replace { .. } | Command::EmptyBin { .. }, .. }, .. }
        )
    }

    /// The tasks it reads (also from the recycle bin); patches of undo steps are read first.
    pub fn task_ids(&self, patches: &HashMap<u64, StepPatches>) -> Vec<TaskId> {
        match self {
            Op::Do { stamped, .. } => match &stamped.command {
                Command::EditTask { id, .. } => vec![id.clone()],
                Command::Bulk { ids, .. } | Command::Extend { ids, .. } | Command::Move { ids, .. } | Command::Delete { ids } | Command::PutBack { ids } => ids.clone(),
                Command::AddTasks { tasks, .. } => tasks.iter().map(|t| t.id.clone()).collect(),
                Command::Recur { first_dates, instances } => {
                    first_dates.iter().map(|(id, _)| id.clone()).chain(instances.iter().map(|t| t.id.clone())).collect()
                }
                Command::Import { added, updates, .. } => {
                    added.iter().map(|t| t.id.clone()).chain(updates.iter().map(|u| u.id.clone())).collect()
                }
                // Named one by one (no catch-all): a new command that reads tasks must say which,
                // or saving it would replay it on none.
                Command::EmptyBin { .. }
                | Command::Exchanged { .. }
                | Command::AddUnit { .. }
                | Command::RenameUnit { .. }
                | Command::SetUnitKind { .. }
                | Command::SetUnitOrder { .. }
                | Command::MergeUnits { .. }
                | Command::Replace { .. } => Vec::new(),
            },
            Op::Undo(seq) | Op::Redo(seq) => patches
                .get(seq)
                .map(|p| p.undo.tasks.iter().map(|(id, _)| id.clone()).chain(p.undo.bin.iter().map(|(id, _)| id.clone())).collect())
                .unwrap_or_default(),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    Done { label: StepLabel, kept_newer: usize },
    /// Not carried out: nothing of it was stored.
    Refused(CommandError),
    /// `left`: records changed after the step, left as they are.
    Undone { label: StepLabel, left: usize },
    Redone { label: StepLabel, left: usize },
    /// Already undone or redone (in another tab), or no longer kept.
    StepGone,
}

/// The records an operation wrote.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Touched {
    pub replace_all: bool,
    pub tasks: BTreeSet<TaskId>,
    pub bin: BTreeSet<TaskId>,
    pub units: BTreeSet<UnitId>,
}

impl Touched {
    pub fn add(&mut self, patch: &Patch) {
        self.replace_all |= patch.replace_all;
        if self.tasks.is_empty() {
            // Built at once from the ids, sorted: 50,000 inserted one by one took 12 ms.
            self.tasks = patch.tasks.iter().map(|(id, _)| id.clone()).collect();
        } else {
            self.tasks.extend(patch.tasks.iter().map(|(id, _)| id.clone()));
        }
        self.bin.extend(patch.bin.iter().map(|(id, _)| id.clone()));
        self.units.extend(patch.units.iter().map(|(id, _)| id.clone()));
    }

    pub fn is_empty(&self) -> bool {
        *self == Touched::default()
    }
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Replayed {
    pub outcomes: Vec<Outcome>,
    pub touched: Touched,
    /// Steps to store, and steps the list no longer keeps.
    pub new_steps: Vec<(u64, StepPatches)>,
    pub dropped_steps: Vec<u64>,
}

/// Carry out `ops` on `ws` (the stored records they need) and the stored undo list. A step's
/// patches are taken from `patches` when an operation continues it (see [`Replayer`]).
pub fn replay<O: std::borrow::Borrow<Op>>(ws: &mut Workspace, log: &mut UndoLog, patches: &mut HashMap<u64, StepPatches>, ops: &[O]) -> Replayed {
    let mut replayer = Replayer::default();
    for op in ops {
        replayer.op(ws, log, patches, op.borrow());
    }
    replayer.finish()
}

/// An undo or redo under way ([`Replayer::begin`]).
#[derive(Debug)]
pub struct Undoing {
    seq: u64,
    undo: bool,
    label: StepLabel,
    total: usize,
    run: super::PatchRun,
}

impl Undoing {
    /// Is it an undo (else a redo)?
    pub fn is_undo(&self) -> bool {
        self.undo
    }

    /// How many of the step's records are in so far, of how many.
    pub fn progress(&self) -> (usize, usize) {
        (self.run.done(), self.total)
    }
}

/// [`replay`] one operation at a time, so that a caller can let the page paint between them (a
/// 50,000-task import is stored as parts of one step).
///
/// An operation whose step number the undo list already holds, not undone, *continues* that step:
/// an import applied in parts is one step, undone at once. Its label adds up ([`StepLabel::then`])
/// and its patches are joined to the step's ([`StepPatches::then`]), taken from this replay's
/// earlier operations or from `patches` (which gives them up).
#[derive(Debug, Default)]
pub struct Replayer {
    out: Replayed,
}

impl Replayer {
    /// Carry out one operation whole.
    pub fn op(&mut self, ws: &mut Workspace, log: &mut UndoLog, patches: &mut HashMap<u64, StepPatches>, op: &Op) {
        if let Some(mut undoing) = self.begin(ws, log, patches, op) {
            while !self.carry_on(ws, patches, &mut undoing, usize::MAX) {}
            self.end(log, undoing);
        }
    }

    /// Begin an operation: a command is carried out at once (`None`); an undo or redo is begun
    /// and returned, to be carried on a part of its records at a time ([`Replayer::carry_on`],
    /// then [`Replayer::end`]): undoing an import of 50,000 tasks is 50,000 records. `None`, and
    /// the outcome said, when the step is gone or already undone or redone.
    pub fn begin(&mut self, ws: &mut Workspace, log: &mut UndoLog, patches: &mut HashMap<u64, StepPatches>, op: &Op) -> Option<Undoing> {
        let (Op::Undo(seq) | Op::Redo(seq)) = op else {
            self.command(ws, log, patches, op);
            return None;
        };
        let undo = matches!(op, Op::Undo(_));
        let stored = self.step_patches(patches, *seq);
        let total = stored.map(|p| if undo { &p.undo } else { &p.redo }).map_or(0, |p| p.tasks.len() + p.bin.len());
        match log.get(*seq).filter(|s| s.undone != undo && stored.is_some()) {
            Some(step) => Some(Undoing { seq: *seq, undo, label: step.label.clone(), total, run: super::PatchRun::default() }),
            None => {
                self.out.outcomes.push(Outcome::StepGone);
                None
            }
        }
    }

    /// A command, carried out at once as a step of the list (or as a later part of one).
    fn command(&mut self, ws: &mut Workspace, log: &mut UndoLog, patches: &mut HashMap<u64, StepPatches>, op: &Op) {
        let Op::Do { stamped, step } = op else { return };
        let out = &mut self.out;
        let outcome = match super::apply(ws, stamped) {
            Ok(applied) => {
                out.touched.add(&applied.redo);
                let done = Outcome::Done { label: applied.label.clone(), kept_newer: applied.kept_newer };
                if let Some(seq) = step.filter(|_| applied.changed_anything()) {
                    let continued = log.get(seq).filter(|s| !s.undone).cloned();
                    let (mut info, mut step_patches) = Step::new(seq, stamped.at, applied);
                    if let Some(earlier) = continued {
                        let before = match out.new_steps.iter().position(|(s, _)| *s == seq) {
                            Some(i) => Some(out.new_steps.remove(i).1),
                            None => patches.remove(&seq),
                        };
                        info = Step { at: earlier.at, label: earlier.label.then(info.label), ..info };
                        if let Some(before) = before {
                            step_patches = before.then(step_patches);
                        }
                    }
                    let dropped = log.record(info);
                    out.new_steps.retain(|(s, _)| !dropped.contains(s));
                    out.dropped_steps.extend(dropped);
                    out.new_steps.push((seq, step_patches));
                }
                done
            }
            Err(e) => Outcome::Refused(e),
        };
        out.outcomes.push(outcome);
    }

    /// Put up to `part` more of the step's records back as they were (undo) or as it left them
    /// (redo); true when all are in. The step's patches are looked up again at each part, from
    /// this replay's new steps or `patches` (if they went meanwhile, the undo stops where it is).
    pub fn carry_on(&mut self, ws: &mut Workspace, patches: &HashMap<u64, StepPatches>, undoing: &mut Undoing, part: usize) -> bool {
        let Some(p) = self.step_patches(patches, undoing.seq) else { return true };
        let (patch, expect) = if undoing.undo { (&p.undo, &p.redo) } else { (&p.redo, &p.undo) };
        undoing.run.step(ws, patch, Some(expect), part)
    }

    /// A step's patches: made by this replay, else as `patches` holds them.
    fn step_patches<'a>(&'a self, patches: &'a HashMap<u64, StepPatches>, seq: u64) -> Option<&'a StepPatches> {
        self.out.new_steps.iter().find(|(s, _)| *s == seq).map(|(_, p)| p).or_else(|| patches.get(&seq))
    }

    /// The undo or redo is in: it is marked in the list and its outcome said.
    pub fn end(&mut self, log: &mut UndoLog, undoing: Undoing) {
        let Undoing { seq, undo, label, run, .. } = undoing;
        let (applied, left) = run.finish();
        self.out.touched.add(&applied);
        log.set_undone(seq, undo);
        self.out.outcomes.push(if undo { Outcome::Undone { label, left } } else { Outcome::Redone { label, left } });
    }

    pub fn finish(self) -> Replayed {
        self.out
    }
}
