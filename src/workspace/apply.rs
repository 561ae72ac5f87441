//! [`apply`]: the one function through which the workspace changes. It checks the command against
//! the workspace as it is, changes it (task history through `domain::edit`, one way), and returns
//! what it wrote and what it replaced. A command that cannot be carried out changes nothing.

use std::collections::{HashMap, HashSet};
use std::hash::BuildHasher;


use super::command::{Command, FieldUpdate, ReplaceWhy, Stamped, StepLabel, UnitAlias};
use super::{Applied, Binned, CommandError, Patch, Workspace};
use crate::domain::edit::{self, Edit};
use crate::domain::unit::{reassign_tasks, unit_key};
use crate::domain::{DeadlineKind, Extension, Task, TaskId, Unit, UnitError, UnitId};

/// Carry out one command. On error nothing has changed.
pub fn apply(ws: &mut Workspace, stamped: &Stamped) -> Result<Applied, CommandError> {
    let at = stamped.at;
    if let Command::Replace { tasks, units, why } = &stamped.command {
        return Ok(replace(ws, tasks, units, *why));
    }
    let mut rec = Recorder::new(ws);
    let label = match &stamped.command {
        Command::EditTask { id, edits, base } => {
            let task = rec.task(id).ok_or_else(|| CommandError::NoSuchTask(id.clone()))?;
            let conflicts = edit::conflicts(task, edits, base);
            if !conflicts.is_empty() {
                return Err(CommandError::Conflict { id: id.clone(), conflicts });
            }
            let content = task.content.clone();
            rec.change_task(id, |t| edits.iter().fold(false, |c, e| edit::apply(t, e.clone(), at) | c));
            StepLabel::Edited { content }
        }
        Command::Bulk { ids, edits, reason } => {
            if edits.is_empty() {
                return Err(CommandError::Nothing);
            }
            let found = rec.existing(ids)?;
            for id in &found {
                rec.change_task(id, |t| edits.iter().fold(false, |c, e| edit::apply_because(t, e.clone(), at, reason) | c));
            }
            StepLabel::Bulk { count: found.len(), fields: edits.iter().map(|e| edit::field_key(e).to_string()).collect() }
        }
        Command::Extend { ids, deadline, reason, document } => {
            if reason.trim().is_empty() || matches!(deadline.kind, DeadlineKind::None) || deadline.kind == DeadlineKind::Dated && deadline.due_date().is_none() {
                return Err(CommandError::BadExtension);
            }
            let found = rec.existing(ids)?;
            let content = rec.task(&found[0]).map(|t| t.content.clone()).unwrap_or_default();
            let why = if document.trim().is_empty() { format!("Gia hạn: {}", reason.trim()) } else { format!("Gia hạn theo {}: {}", document.trim(), reason.trim()) };
            let mut count = 0;
            for id in &found {
                let extended = rec.change_task(id, |t| {
                    if t.deadline == *deadline {
                        return false;
                    }
                    t.extensions.push(Extension { from: t.deadline.clone(), to: deadline.clone(), reason: reason.trim().to_string(), document: document.trim().to_string(), granted_at: at });
                    edit::apply_because(t, Edit::Deadline(deadline.clone()), at, &why)
                });
                count += extended as usize;
            }
            if count == 0 {
                return Err(CommandError::Nothing);
            }
            StepLabel::Extended { count, content }
        }
        Command::Recur { first_dates, instances } => {
            let mut count = 0;
            for (id, due) in first_dates {
                let set = rec.change_task(id, |t| {
                    if t.deadline.date.is_some() || !matches!(t.deadline.kind, DeadlineKind::Recurring(_)) {
                        return false;
                    }
                    let dated = crate::domain::Deadline { date: Some(*due), ..t.deadline.clone() };
                    edit::apply_because(t, Edit::Deadline(dated), at, "Kỳ đầu của nhiệm vụ định kỳ")
                });
                count += set as usize;
            }
            let mut content = String::new();
            for task in instances {
                // Made meanwhile in another tab, or deleted: left as it is.
                if rec.has(&task.id) || rec.binned.contains(&task.id) {
                    continue;
                }
                content = task.content.clone();
                let mut task = task.clone();
                task.updated_at = Some(at);
                rec.put_task(task);
                count += 1;
            }
            if count == 0 {
                return Err(CommandError::Nothing);
            }
            StepLabel::Recurred { count, content }
        }
        Command::Move { ids, progress, completed_on, evidence } => {
            let found = rec.existing(ids)?;
            let content = rec.task(&found[0]).map(|t| t.content.clone()).unwrap_or_default();
            for id in &found {
                rec.change_task(id, |t| edit::move_to(t, *progress, *completed_on, evidence.clone(), at));
            }
            StepLabel::Moved { count: found.len(), content, progress: *progress }
        }
        Command::AddTasks { tasks, new_units, from_directive } => {
            if tasks.is_empty() {
                return Err(CommandError::Nothing);
            }
            if let Some(t) = tasks.iter().find(|t| rec.has(&t.id) || rec.binned.contains(&t.id)) {
                return Err(CommandError::TaskExists(t.id.clone()));
            }
            if let Some(dup) = repeated_id(tasks) {
                return Err(CommandError::TaskExists(dup));
            }
            let map = rec.adopt_units(new_units)?;
            for task in tasks {
                let mut task = remap_task(task.clone(), &map);
                task.updated_at = Some(at);
                rec.put_task(task);
            }
            StepLabel::Added { count: tasks.len(), content: tasks[0].content.clone(), from_directive: *from_directive }
        }
        Command::Import { added, updates, new_units, aliases, replies } => {
            let map = rec.adopt_units(new_units)?;
            if !replies.is_empty() {
                rec.note_units();
                for (unit, exchange) in replies {
                    // A unit merged away meanwhile: its answer is not kept, the tasks still are.
                    let _ = rec.ws.units.record(map.get(unit).unwrap_or(unit), exchange.clone());
                }
            }
            if !aliases.is_empty() {
                rec.note_units();
                for UnitAlias { unit, name } in aliases {
                    // A name another tab meanwhile gave to another unit stays that unit's: the
                    // tasks are linked by id, only the name is not learnt.
                    let _ = rec.ws.units.add_alias(map.get(unit).unwrap_or(unit), name);
                }
            }
            let mut n_added = 0;
            rec.reserve(added.len());
            for task in added {
                // Already there (the same file imported meanwhile in another tab, or twice in
                // the command): not twice.
                if rec.has(&task.id) {
                    rec.kept_newer += 1;
                    continue;
                }
                rec.put_new_task(remap_task(task.clone(), &map));
                n_added += 1;
            }
            let mut n_updated = 0;
            for FieldUpdate { id, edits, base } in updates {
                if !rec.has(id) {
                    rec.kept_newer += 1;
                    continue;
                }
                let mut kept = 0;
                let changed = rec.change_task(id, |t| {
                    let mut changed = false;
                    for e in edits {
                        let e = remap_edit(e.clone(), &map);
                        let now = edit::current(t, &e);
                        let seen = base.iter().find(|b| edit::field_key(b) == edit::field_key(&e)).map(|b| remap_edit(b.clone(), &map));
                        // Changed by someone after the preview was made: the newer value stays.
                        if seen.is_some_and(|s| !edit::same_value(&now, &s) && !edit::same_value(&now, &e)) {
                            kept += 1;
                            continue;
                        }
                        changed |= edit::apply(t, e, at);
                    }
                    changed
                });
                rec.kept_newer += kept;
                n_updated += changed as usize;
            }
            StepLabel::Imported { added: n_added, updated: n_updated }
        }
        Command::Exchanged { entries } => {
            let Some((_, first)) = entries.first() else { return Err(CommandError::Nothing) };
            rec.note_units();
            let mut count = 0;
            for (unit, exchange) in entries {
                count += rec.ws.units.record(unit, exchange.clone()).is_ok() as usize;
            }
            if count == 0 {
                return Err(CommandError::Nothing);
            }
            StepLabel::Exchanged { count, kind: first.kind }
        }
        Command::Delete { ids } => {
            let found = rec.existing(ids)?;
            let content = rec.task(&found[0]).map(|t| t.content.clone()).unwrap_or_default();
            rec.delete_tasks(&found, at);
            StepLabel::Deleted { count: found.len(), content }
        }
        Command::PutBack { ids } => {
            let found: Vec<TaskId> = ids.iter().filter(|id| rec.binned.contains(*id)).cloned().collect();
            if found.is_empty() {
                return Err(ids.first().map_or(CommandError::Nothing, |id| CommandError::NoSuchTask(id.clone())));
            }
            for id in &found {
                rec.note_task(id);
                rec.note_bin(id);
                if let Some(i) = rec.ws.bin.iter().position(|b| &b.task.id == id) {
                    let entry = rec.ws.bin.remove(i);
                    rec.binned.remove(id);
                    if !rec.has(id) {
                        rec.ws.tasks.push(entry.task);
                        rec.indexed(rec.ws.tasks.len() - 1);
                    }
                }
            }
            StepLabel::PutBack { count: found.len() }
        }
        Command::EmptyBin { deleted_before } => {
            let gone: Vec<TaskId> = rec
                .ws
                .bin
                .iter()
                .filter(|b| deleted_before.map_or(true, |before| b.deleted_at < before))
                .map(|b| b.task.id.clone())
                .collect();
            if gone.is_empty() {
                return Err(CommandError::Nothing);
            }
            for id in &gone {
                rec.note_bin(id);
            }
            rec.ws.bin.retain(|b| !gone.contains(&b.task.id));
            for id in &gone {
                rec.binned.remove(id);
            }
            StepLabel::EmptiedBin { count: gone.len() }
        }
        Command::AddUnit { name, kind } => {
            rec.note_units();
            if let Some(u) = rec.ws.units.find(name) {
                return Err(UnitError::AliasTaken(u.name.clone()).into());
            }
            let id = rec.ws.units.resolve_or_add(name)?.id().clone();
            if let Some(kind) = kind {
                rec.ws.units.set_kind(&id, *kind)?;
            }
            StepLabel::UnitAdded { name: rec.ws.units.get(&id).map_or(name.clone(), |u| u.name.clone()) }
        }
        Command::RenameUnit { id, name } => {
            rec.note_units();
            rec.ws.units.rename(id, name)?;
            StepLabel::UnitChanged { name: unit_name(rec.ws, id) }
        }
        Command::SetUnitKind { id, kind } => {
            rec.note_units();
            rec.ws.units.set_kind(id, *kind)?;
            StepLabel::UnitChanged { name: unit_name(rec.ws, id) }
        }
        Command::SetUnitOrder { id, position } => {
            rec.note_units();
            rec.ws.units.set_order(id, *position)?;
            StepLabel::UnitChanged { name: unit_name(rec.ws, id) }
        }
        Command::MergeUnits { from, into } => {
            if from == into {
                return Err(CommandError::Nothing);
            }
            let from_name = unit_name(rec.ws, from);
            rec.note_units();
            rec.ws.units.merge(from, into)?;
            let affected: Vec<TaskId> = rec
                .ws
                .tasks
                .iter()
                .filter(|t| t.lead_unit.as_ref() == Some(from) || t.coordinating_units.contains(from))
                .map(|t| t.id.clone())
                .collect();
            for id in &affected {
                rec.note_task(id);
            }
            reassign_tasks(&mut rec.ws.tasks, from, into, at);
            StepLabel::UnitsMerged { from: from_name, into: unit_name(rec.ws, into) }
        }
        Command::Replace { .. } => unreachable!("handled above"),
    };
    Ok(rec.finish(label))
}

fn unit_name(ws: &Workspace, id: &UnitId) -> String {
    ws.units.get(id).map_or_else(|| id.0.clone(), |u| u.name.clone())
}

fn repeated_id(tasks: &[Task]) -> Option<TaskId> {
    let mut seen = HashSet::new();
    tasks.iter().find(|t| !seen.insert(&t.id)).map(|t| t.id.clone())
}

fn remap(id: &UnitId, map: &HashMap<UnitId, UnitId>) -> UnitId {
    map.get(id).cloned().unwrap_or_else(|| id.clone())
}

fn remap_task(mut task: Task, map: &HashMap<UnitId, UnitId>) -> Task {
    if map.is_empty() {
        return task;
    }
    task.lead_unit = task.lead_unit.map(|u| remap(&u, map));
    let mut units: Vec<UnitId> = Vec::new();
    for u in task.coordinating_units.iter().map(|u| remap(u, map)) {
        if !units.contains(&u) && task.lead_unit.as_ref() != Some(&u) {
            units.push(u);
        }
    }
    task.coordinating_units = units;
    task
}

fn remap_edit(e: Edit, map: &HashMap<UnitId, UnitId>) -> Edit {
    match e {
        Edit::LeadUnit(u) if !map.is_empty() => Edit::LeadUnit(u.map(|u| remap(&u, map))),
        Edit::CoordinatingUnits(v) if !map.is_empty() => Edit::CoordinatingUnits(v.iter().map(|u| remap(u, map)).collect()),
        other => other,
    }
}

/// Replace everything (sample, backup, clear): the undo patch is the whole workspace before.
/// Repeated task ids keep their last record, once.
fn replace(ws: &mut Workspace, tasks: &[Task], units: &[Unit], why: ReplaceWhy) -> Applied {
    let undo = ws.snapshot();
    let mut unique: Vec<Task> = Vec::with_capacity(tasks.len());
    let mut at: HashMap<&TaskId, usize> = HashMap::new();
    for t in tasks {
        match at.get(&t.id) {
            Some(&i) => unique[i] = t.clone(),
            None => {
                at.insert(&t.id, unique.len());
                unique.push(t.clone());
            }
        }
    }
    let count = unique.len();
    *ws = Workspace::new(unique, units.to_vec(), Vec::new());
    Applied { label: StepLabel::Replaced { count, why }, redo: ws.snapshot(), undo, kept_newer: 0 }
}

/// Notes each record's value before its first change, so the command's undo and redo patches
/// name exactly the records it touched. Finds a task by scanning for the first few (as many as a
/// small patch, `SMALL_PATCH`), then through an index of task positions made once, so a command
/// over 10,000 tasks stays linear and a card move does not index 10,000 ids.
struct Recorder<'a> {
    ws: &'a mut Workspace,
    /// Every task's position, found through its id's hash: no copy of the ids (an import's parts
    /// each index the whole list, 50,000 ids copied and freed again for each part).
    index: std::cell::OnceCell<hashbrown::HashTable<usize>>,
    hasher: rustc_hash::FxBuildHasher,
    lookups: std::cell::Cell<u32>,
    binned: HashSet<TaskId>,
    tasks: Vec<(TaskId, Option<Task>)>,
    noted: HashSet<TaskId>,
    bin: Vec<(TaskId, Option<Binned>)>,
    noted_bin: HashSet<TaskId>,
    units: Option<Vec<Unit>>,
    kept_newer: usize,
}

impl<'a> Recorder<'a> {
    fn new(ws: &'a mut Workspace) -> Recorder<'a> {
        let binned = ws.bin.iter().map(|b| b.task.id.clone()).collect();
        Recorder {
            ws,
            index: std::cell::OnceCell::new(),
            hasher: rustc_hash::FxBuildHasher,
            lookups: std::cell::Cell::new(0),
            binned,
            tasks: Vec::new(),
            noted: HashSet::new(),
            bin: Vec::new(),
            noted_bin: HashSet::new(),
            units: None,
            kept_newer: 0,
        }
    }

    /// Where the task is in the workspace's list.
    fn position(&self, id: &TaskId) -> Option<usize> {
        if self.index.get().is_none() {
            self.lookups.set(self.lookups.get() + 1);
            if self.lookups.get() as usize <= super::SMALL_PATCH {
                return self.ws.tasks.iter().position(|t| t.id == *id);
            }
        }
        let tasks = &self.ws.tasks;
        self.index().find(self.hasher.hash_one(id), |&i| tasks[i].id == *id).copied()
    }

    /// Every task's position by its id, made when first needed.
    fn index(&self) -> &hashbrown::HashTable<usize> {
        self.index_with_room(0)
    }

    /// [`Recorder::index`], made with room for `more` tasks (not made again as they come).
    fn index_with_room(&self, more: usize) -> &hashbrown::HashTable<usize> {
        self.index.get_or_init(|| {
            let tasks = &self.ws.tasks;
            let hash = |i: &usize| self.hasher.hash_one(&tasks[*i].id);
            let mut index = hashbrown::HashTable::with_capacity(tasks.len() + more);
            for i in 0..tasks.len() {
                index.insert_unique(hash(&i), i, hash);
            }
            index
        })
    }

    /// The task at `at` in the list was put there.
    fn indexed(&mut self, at: usize) {
        let tasks = &self.ws.tasks;
        let hasher = &self.hasher;
        if let Some(index) = self.index.get_mut() {
            let hash = |i: &usize| hasher.hash_one(&tasks[*i].id);
            index.insert_unique(hash(&at), at, hash);
        }
    }

    fn task(&self, id: &TaskId) -> Option<&Task> {
        self.position(id).map(|i| &self.ws.tasks[i])
    }

    fn has(&self, id: &TaskId) -> bool {
        self.position(id).is_some()
    }

    /// The ids that name tasks in the workspace, once each; an error when none does.
    fn existing(&self, ids: &[TaskId]) -> Result<Vec<TaskId>, CommandError> {
        let mut seen = HashSet::new();
        let found: Vec<TaskId> = ids.iter().filter(|id| self.has(id) && seen.insert((*id).clone())).cloned().collect();
        if found.is_empty() {
            return Err(ids.first().map_or(CommandError::Nothing, |id| CommandError::NoSuchTask(id.clone())));
        }
        Ok(found)
    }

    fn note_task(&mut self, id: &TaskId) {
        if self.noted.insert(id.clone()) {
            let before = self.task(id).cloned();
            self.tasks.push((id.clone(), before));
        }
    }

    fn note_bin(&mut self, id: &TaskId) {
        if self.noted_bin.insert(id.clone()) {
            let before = self.binned.contains(id).then(|| self.ws.binned(id).cloned()).flatten();
            self.bin.push((id.clone(), before));
        }
    }

    fn note_units(&mut self) {
        if self.units.is_none() {
            self.units = Some(self.ws.units.units().to_vec());
        }
    }

    fn change_task(&mut self, id: &TaskId, change: impl FnOnce(&mut Task) -> bool) -> bool {
        self.note_task(id);
        match self.position(id) {
            Some(i) => change(&mut self.ws.tasks[i]),
            None => false,
        }
    }

    fn put_task(&mut self, task: Task) {
        self.note_task(&task.id);
        self.ws.tasks.push(task);
        self.indexed(self.ws.tasks.len() - 1);
    }

    /// Room for `n` more tasks, made at once rather than by doubling as they come (50,000 tasks
    /// of an import are 20 MB, copied again at each doubling).
    fn reserve(&mut self, n: usize) {
        self.ws.tasks.reserve(n);
        self.tasks.reserve(n);
        self.noted.reserve(n);
        let _ = self.index_with_room(n);
        let tasks = &self.ws.tasks;
        let hasher = &self.hasher;
        if let Some(index) = self.index.get_mut() {
            // Made earlier without the room (a lookup before): made larger once.
            index.reserve(n, |i| hasher.hash_one(&tasks[*i].id));
        }
    }

    /// [`Recorder::put_task`] for a task the caller has found not in the list ([`Recorder::has`]):
    /// nothing was there before it, so nothing is looked up. An import adds thousands so.
    fn put_new_task(&mut self, task: Task) {
        self.noted.insert(task.id.clone());
        self.tasks.push((task.id.clone(), None));
        let _ = self.index();
        self.ws.tasks.push(task);
        self.indexed(self.ws.tasks.len() - 1);
    }

    /// Move tasks to the bin (or, `to_bin` false, from it back to the list), keeping the index.
    fn delete_tasks(&mut self, ids: &[TaskId], at: chrono::NaiveDateTime) {
        let gone: HashSet<&TaskId> = ids.iter().collect();
        for id in ids {
            self.note_task(id);
            self.note_bin(id);
        }
        let mut kept = Vec::with_capacity(self.ws.tasks.len());
        for task in std::mem::take(&mut self.ws.tasks) {
            if gone.contains(&task.id) {
                self.ws.bin.retain(|b| b.task.id != task.id);
                self.binned.insert(task.id.clone());
                self.ws.bin.push(Binned { task, deleted_at: at });
            } else {
                kept.push(task);
            }
        }
        self.ws.tasks = kept;
        // Positions moved: made again when next needed.
        self.index = std::cell::OnceCell::new();
    }

    /// Add the units a command brings; a unit whose name the workspace now knows (added meanwhile,
    /// perhaps in another tab) is used instead of a second copy. Returns the ids to rewrite.
    fn adopt_units(&mut self, new_units: &[Unit]) -> Result<HashMap<UnitId, UnitId>, CommandError> {
        let mut map = HashMap::new();
        if new_units.is_empty() {
            return Ok(map);
        }
        self.note_units();
        let mut units = self.ws.units.units().to_vec();
        for unit in new_units {
            if units.iter().any(|u| u.id == unit.id) {
                continue;
            }
            let key = unit_key(&unit.name);
            if let Some(known) = self.ws.units.find_written(&unit.name).filter(|_| !key.is_empty()) {
                map.insert(unit.id.clone(), known.id.clone());
                continue;
            }
            units.push(unit.clone());
            self.ws.units = crate::domain::UnitDirectory::new(units.clone());
        }
        Ok(map)
    }

    fn finish(self, label: StepLabel) -> Applied {
        // The tasks noted are found again by the index, or by a scan when they are few: not by a
        // map of the whole list made for a card move.
        let after: Vec<Option<Task>> = self.tasks.iter().map(|(id, _)| self.task(id).cloned()).collect();
        let ws = self.ws;
        let bin_now: HashMap<&TaskId, &Binned> = ws.bin.iter().map(|b| (&b.task.id, b)).collect();
        let mut undo = Patch { tasks: Vec::with_capacity(self.tasks.len()), ..Patch::default() };
        let mut redo = Patch { tasks: Vec::with_capacity(self.tasks.len()), ..Patch::default() };
        for ((id, before), after) in self.tasks.into_iter().zip(after) {
            if after != before {
                redo.tasks.push((id.clone(), after));
                undo.tasks.push((id, before));
            }
        }
        for (id, before) in self.bin {
            let after = bin_now.get(&id).map(|b| (*b).clone());
            if after != before {
                redo.bin.push((id.clone(), after));
                undo.bin.push((id, before));
            }
        }
        if let Some(before) = self.units {
            let after = ws.units.units();
            for u in &before {
                match after.iter().find(|a| a.id == u.id) {
                    Some(a) if a == u => {}
                    a => {
                        undo.units.push((u.id.clone(), Some(u.clone())));
                        redo.units.push((u.id.clone(), a.cloned()));
                    }
                }
            }
            for a in after.iter().filter(|a| !before.iter().any(|u| u.id == a.id)) {
                undo.units.push((a.id.clone(), None));
                redo.units.push((a.id.clone(), Some(a.clone())));
            }
        }
        Applied { label, redo, undo, kept_newer: self.kept_newer }
    }
}
