//! What an import will do to the workspace, before it does it: which rows add tasks, which update
//! existing ones (and what changes), which change nothing, which are skipped and why. A file
//! exported by Đôn Đốc or sent back by a unit matches tasks by their id; a file without ids
//! matches by content, lead unit and source document. Applying the plan is all or nothing.

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime};

use super::rows::{RowDraft, RowProblem};
use crate::domain::edit::{self, Edit};
use crate::domain::fold::fold_key;
use crate::domain::unit::written_key;
use crate::domain::{Change, Exchange, ExchangeKind, Resolution, Task, TaskId, UnitDirectory, UnitId};

#[derive(Debug, Clone, PartialEq)]
pub struct TaskUpdate {
    /// The task as the import will leave it (for the preview).
    pub task: Task,
    /// What changes, old and new, for the preview.
    pub changes: Vec<Change>,
    /// The fields the file sets, and what the task held when the plan was made: the workspace
    /// applies these to the task as it is when the import is confirmed.
    pub edits: Vec<Edit>,
    pub base: Vec<Edit>,
}

/// A row left out of the import, or imported with a warning.
#[derive(Debug, Clone, PartialEq)]
pub struct RowNote {
    pub sheet: String,
    pub excel_row: u32,
    pub problem: RowProblem,
}

/// A unit name from the file that only resembles a unit's names. Unless the person says it is
/// another unit (`separate`), it is taken as that unit and kept as one of its names.
#[derive(Debug, Clone, PartialEq)]
pub struct UnitLink {
    /// The name as the file writes it.
    pub written: String,
    /// The unit it was matched to (when `separate`, the new unit made for it).
    pub unit: UnitId,
    /// The unit the name resembles.
    pub like: UnitId,
    /// Rows that name it (as lead or coordinating unit).
    pub rows: usize,
    pub separate: bool,
}

#[derive(Debug, Clone, Default)]
pub struct MergePlan {
    pub added: Vec<Task>,
    pub updated: Vec<TaskUpdate>,
    pub unchanged: usize,
    /// Rows not imported.
    pub skipped: Vec<RowNote>,
    /// Rows imported, with something the person should look at.
    pub warnings: Vec<RowNote>,
    /// Names no unit had: added as new units.
    pub new_units: Vec<String>,
    /// Names in the file written differently from any name of the unit they were matched to
    /// ("Công an thị xã" for "Công an thành phố"), for the person to confirm.
    pub linked: Vec<UnitLink>,
    /// The units after the import.
    pub units: UnitDirectory,
}

impl MergePlan {
    pub fn skipped_rows(&self) -> usize {
        let mut rows: Vec<(&str, u32)> = self.skipped.iter().map(|n| (n.sheet.as_str(), n.excel_row)).collect();
        rows.dedup();
        rows.len()
    }

    pub fn changes_anything(&self) -> bool {
        !self.added.is_empty() || !self.updated.is_empty()
    }
}

/// The key a row without an id is matched by: its folded content and unit, and, when given, its
/// folded document number ([`with_source`] of the key without it).
fn match_key(content: &str, lead: &Option<UnitId>, source: Option<&str>) -> String {
    let partial = format!("{}\u{1}{}\u{1}", fold_key(content), lead.as_ref().map_or("", |u| u.0.as_str()));
    match source {
        Some(source) => with_source(partial, source),
        None => partial,
    }
}

/// A match key without the document number, made into the key with it (the content not folded again).
fn with_source(mut partial: String, source: &str) -> String {
    partial.push_str(&fold_key(source));
    partial
}

/// Plan the import of `drafts` into a workspace holding `tasks` and `units`. `separate` lists the
/// names the person said are units of their own, not the unit they resemble (see [`UnitLink`]).
pub fn plan<D: std::borrow::Borrow<RowDraft>>(
    tasks: &[Task],
    units: &UnitDirectory,
    drafts: &[D],
    separate: &[String],
    now: NaiveDateTime,
    new_id: impl FnMut() -> TaskId,
) -> MergePlan {
    let mut planner = Planner::new(tasks, units, drafts.iter().any(|d| d.borrow().id.is_none()), separate, now);
    // The same tasks the planner was made with: never stale.
    let _ = planner.feed(tasks, drafts, new_id);
    planner.finish()
}

/// A plan made a slice of rows at a time ([`Planner::feed`]), the same as [`plan`] makes at once:
/// the page plans 50,000 rows in slices, painting between them. Every slice is planned against
/// the same `tasks`; the caller starts again if they have changed (another tab), and `feed` says
/// so when their number has (tasks deleted or added: the positions it indexed mean others).
pub struct Planner {
    plan: MergePlan,
    separate: Vec<String>,
    now: NaiveDateTime,
    /// How many tasks there were: the indexes below are positions in that list.
    len: usize,
    by_id: HashMap<String, usize>,
    // Matching by content is needed only for rows without an id (folding every task costs time).
    by_full: HashMap<String, Vec<usize>>,
    by_partial: HashMap<String, Vec<usize>>,
    /// How many tasks are indexed by content so far ([`Planner::index_by_content`]); all of them
    /// when no row needs it.
    content_indexed: usize,
    seen_ids: HashMap<String, (String, u32)>,
    /// Existing task index → index in `plan.updated`, or `usize::MAX` when unchanged.
    touched: HashMap<usize, usize>,
    fresh: std::collections::HashSet<TaskId>,
    /// Unit names already resolved in this file: the unit, and its link when it was taken as a
    /// similar unit's.
    known_names: HashMap<String, (UnitId, Option<usize>)>,
}

impl Planner {
    /// `by_content`: some row has no id, and is matched by its content.
    /// The tasks' content is indexed by [`Planner::index_by_content`] (a slice at a time), or by
    /// the first [`Planner::feed`].
    pub fn new(tasks: &[Task], units: &UnitDirectory, by_content: bool, separate: &[String], now: NaiveDateTime) -> Planner {
        Planner {
            plan: MergePlan { units: units.clone(), ..Default::default() },
            separate: separate.to_vec(),
            now,
            len: tasks.len(),
            by_id: tasks.iter().enumerate().map(|(i, t)| (t.id.0.clone(), i)).collect(),
            by_full: HashMap::new(),
            by_partial: HashMap::new(),
            content_indexed: if by_content { 0 } else { tasks.len() },
            seen_ids: HashMap::new(),
            touched: HashMap::new(),
            fresh: std::collections::HashSet::new(),
            known_names: HashMap::new(),
        }
    }

    /// The plan so far: the rows fed until now.
    pub fn finish(mut self) -> MergePlan {
        self.plan.new_units.dedup();
        self.plan
    }

    /// Resolve a unit name written in the file.
    fn resolve(&mut self, name: &str) -> Option<UnitId> {
        let plan = &mut self.plan;
        // A name met on an earlier row resolves as it did then (a tracker repeats a handful of
        // unit names over thousands of rows; folding each again was a fifth of the plan).
        if let Some((unit, link)) = self.known_names.get(name) {
            if let Some(i) = link {
                plan.linked[*i].rows += 1;
            }
            return Some(unit.clone());
        }
        let written = written_key(name);
        if let Some(i) = plan.linked.iter().position(|l| written_key(&l.written) == written) {
            plan.linked[i].rows += 1;
            let unit = plan.linked[i].unit.clone();
            self.known_names.insert(name.to_string(), (unit.clone(), Some(i)));
            return Some(unit);
        }
        let (unit, link) = match plan.units.resolve_or_add(name).ok()? {
            Resolution::New(id) => {
                plan.new_units.push(plan.units.get(&id).map_or(name.to_string(), |u| u.name.clone()));
                (id, None)
            }
            Resolution::Similar(like) => {
                let separate = self.separate.iter().any(|s| written_key(s) == written);
                let unit = if separate {
                    let id = plan.units.add_separate(name).ok()?.id().clone();
                    plan.new_units.push(plan.units.get(&id).map_or(name.to_string(), |u| u.name.clone()));
                    id
                } else {
                    // Kept as the unit's alias: next time the name is known as written.
                    plan.units.add_alias(&like, name).ok();
                    like.clone()
                };
                plan.linked.push(UnitLink { written: name.trim().to_string(), unit: unit.clone(), like, rows: 1, separate });
                (unit, Some(plan.linked.len() - 1))
            }
            other => (other.id().clone(), None),
        };
        self.known_names.insert(name.to_string(), (unit.clone(), link));
        Some(unit)
    }

    /// Index the next `count` tasks by their folded content (for rows without an id): folding is
    /// slow (natively 7 µs a task; 50,000 tasks, each folded twice then, were one page task of
    /// 536 ms), so the page indexes a slice a turn before planning. True when every task is indexed; false,
    /// indexing nothing, when there are more or fewer tasks than the planner was made with.
    #[must_use]
    pub fn index_by_content(&mut self, tasks: &[Task], count: usize) -> bool {
        if tasks.len() != self.len {
            return false;
        }
        let end = self.content_indexed.saturating_add(count).min(tasks.len());
        for (i, t) in tasks.iter().enumerate().take(end).skip(self.content_indexed) {
            // The content folded once: the key with the document is the key without it, and more.
            let partial = match_key(&t.content, &t.lead_unit, None);
            let full = with_source(partial.clone(), &t.source.reference);
            self.by_full.entry(full).or_default().push(i);
            self.by_partial.entry(partial).or_default().push(i);
        }
        self.content_indexed = end;
        true
    }

    /// How many tasks are still to be indexed by content before rows are planned.
    pub fn to_index(&self) -> usize {
        self.len - self.content_indexed
    }

    /// Plan the next rows of the file, against the same `tasks` the planner was made with. False,
    /// planning nothing, when there are more or fewer tasks than then: the positions it indexed
    /// now name other tasks, and the plan must be made again.
    #[must_use]
    pub fn feed<D: std::borrow::Borrow<RowDraft>>(&mut self, tasks: &[Task], drafts: &[D], mut new_id: impl FnMut() -> TaskId) -> bool {
        if !self.index_by_content(tasks, usize::MAX) {
            return false;
        }
        for draft in drafts {
            let draft: &RowDraft = draft.borrow();
            let note = |problem: RowProblem| RowNote { sheet: draft.sheet.clone(), excel_row: draft.excel_row, problem };
            let mut problems = draft.problems.clone();
            if let Some(id) = &draft.id {
                match self.seen_ids.get(id) {
                    Some(first) => problems.push(RowProblem::DuplicateId { id: id.clone(), first: first.clone() }),
                    None => {
                        self.seen_ids.insert(id.clone(), (draft.sheet.clone(), draft.excel_row));
                    }
                }
            }
            if problems.iter().any(RowProblem::skips_row) {
                self.plan.skipped.extend(problems.into_iter().filter(RowProblem::skips_row).map(note));
                continue;
            }
            self.plan.warnings.extend(problems.into_iter().map(note));

            let lead = draft.lead_unit.as_deref().and_then(|n| self.resolve(n));
            let coordinating: Option<Vec<UnitId>> = draft.coordinating.as_ref().map(|names| names.iter().filter_map(|n| self.resolve(n)).collect());

            let existing = match &draft.id {
                Some(id) => self.by_id.get(id.as_str()).copied(),
                None => {
                    let candidates = match &draft.source_ref {
                        Some(source) => self.by_full.get(&match_key(&draft.content, &lead, Some(source))),
                        None => self.by_partial.get(&match_key(&draft.content, &lead, None)),
                    };
                    match candidates.map(Vec::as_slice) {
                        Some([one]) => Some(*one),
                        _ => None,
                    }
                }
            };

            match existing {
                Some(i) if !self.touched.contains_key(&i) => {
                    let mut task = tasks[i].clone();
                    let (edits, base, changes) = apply_draft(&mut task, draft, lead, coordinating, self.now);
                    if edits.is_empty() {
                        self.plan.unchanged += 1;
                        self.touched.insert(i, usize::MAX);
                    } else {
                        self.touched.insert(i, self.plan.updated.len());
                        self.plan.updated.push(TaskUpdate { task, changes, edits, base });
                    }
                }
                Some(_) => self.plan.skipped.push(note(RowProblem::DuplicateId {
                    id: draft.id.clone().unwrap_or_default(),
                    first: (draft.sheet.clone(), draft.excel_row),
                })),
                None => {
                    // A fresh id never repeats one the workspace or this file has (ids are random).
                    let id = draft.id.clone().map(TaskId).unwrap_or_else(|| loop {
                        let id = new_id();
                        if !self.by_id.contains_key(id.as_str()) && !self.seen_ids.contains_key(id.as_str()) && !self.fresh.contains(&id) {
                            break id;
                        }
                    });
                    self.fresh.insert(id.clone());
                    let mut task = Task::new(id, draft.content.trim());
                    // A new task has no earlier values to keep, nor history: its fields are just set.
                    for e in draft_edits(draft, lead, coordinating) {
                        edit::set(&mut task, e);
                    }
                    task.updated_at = Some(self.now);
                    self.plan.added.push(task);
                }
            }
        }
        true
    }
}

/// The edits a draft asks of a task: every field the file has a value for.
fn draft_edits(d: &RowDraft, lead: Option<UnitId>, coordinating: Option<Vec<UnitId>>) -> Vec<Edit> {
    let mut edits = Vec::new();
    let text = |v: &Option<String>, make: fn(String) -> Edit, edits: &mut Vec<Edit>| {
        if let Some(v) = v {
            edits.push(make(v.clone()));
        }
    };
    text(&d.number, Edit::Number, &mut edits);
    edits.push(Edit::Content(d.content.trim().to_string()));
    text(&d.source_ref, Edit::SourceRef, &mut edits);
    text(&d.source_title, Edit::SourceTitle, &mut edits);
    text(&d.leader, Edit::Leader, &mut edits);
    text(&d.officer, Edit::Officer, &mut edits);
    text(&d.result, Edit::Result, &mut edits);
    text(&d.evidence, Edit::Evidence, &mut edits);
    text(&d.note, Edit::Note, &mut edits);
    if let Some(date) = d.source_date {
        edits.push(Edit::SourceDate(Some(date)));
    }
    if let Some(date) = d.completed_on {
        edits.push(Edit::CompletedOn(Some(date)));
    }
    if let Some(p) = d.progress {
        edits.push(Edit::Progress(p));
    }
    if let Some(deadline) = &d.deadline {
        edits.push(Edit::Deadline(deadline.clone()));
    }
    if lead.is_some() {
        edits.push(Edit::LeadUnit(lead));
    }
    if let Some(c) = coordinating.filter(|c| !c.is_empty()) {
        edits.push(Edit::CoordinatingUnits(c));
    }
    edits
}

/// Set every field the draft speaks of (through [`edit::apply`], so history is written the one
/// way); return the edits that changed something, the task's values before them, and the changes.
fn apply_draft(
    task: &mut Task,
    d: &RowDraft,
    lead: Option<UnitId>,
    coordinating: Option<Vec<UnitId>>,
    now: NaiveDateTime,
) -> (Vec<Edit>, Vec<Edit>, Vec<Change>) {
    let before = task.history.len();
    let mut edits = Vec::new();
    let mut base = Vec::new();
    for e in draft_edits(d, lead, coordinating) {
        let old = edit::current(task, &e);
        if edit::apply(task, e.clone(), now) {
            edits.push(e);
            base.push(old);
        }
    }
    let changes = task.history[before..].to_vec();
    (edits, base, changes)
}

/// The units whose own list a file is, sent back filled in (a sheet's title or "Đơn vị: …" line
/// names them; see `rows::SheetRead::returned_by`): each unit's answer, received `on`, about the
/// tasks of its sheet that the workspace has, for the unit table's "who has answered".
pub fn replies(plan: &MergePlan, tasks: &[Task], sheets: &[&super::rows::SheetRead], on: NaiveDate, file_name: &str) -> Vec<(UnitId, Exchange)> {
    let have: std::collections::HashSet<&str> = tasks.iter().map(|t| t.id.as_str()).collect();
    let mut out: Vec<(UnitId, Exchange)> = Vec::new();
    for sheet in sheets {
        let Some(owner) = sheet.returned_by.as_deref() else { continue };
        let Some(unit) = plan.units.find(owner).or_else(|| plan.units.find_written(owner)) else { continue };
        let known: Vec<TaskId> = sheet
            .rows
            .iter()
            .filter_map(|d| d.id.as_ref())
            .filter(|id| have.contains(id.as_str()))
            .map(|id| TaskId(id.clone()))
            .collect();
        match out.iter_mut().find(|(u, _)| u == &unit.id) {
            Some((_, e)) => e.tasks.extend(known),
            None => out.push((
                unit.id.clone(),
                Exchange { kind: ExchangeKind::ReplyReceived, on, tasks: known, reply_by: None, document: file_name.to_string() },
            )),
        }
    }
    out
}

#[cfg(test)]
mod fresh_id_tests {
    use super::*;
    use crate::domain::Task;

    /// A generator that repeats itself (as random ids may) never gives two tasks one id.
    #[test]
    fn a_repeated_random_id_is_drawn_again() {
        let existing = vec![Task::new(TaskId("NV-0000-0001".into()), "Có sẵn")];
        let drafts: Vec<RowDraft> = (0..3)
            .map(|i| RowDraft { sheet: "S".into(), excel_row: i + 2, content: format!("Việc {i}"), lead_unit: Some("Phòng Kinh tế".into()), ..Default::default() })
            .collect();
        let mut draws = ["NV-0000-0001", "NV-0000-0002", "NV-0000-0002", "NV-0000-0003", "NV-0000-0002", "NV-0000-0004"].into_iter();
        let now = chrono::NaiveDate::from_ymd_opt(2024, 1, 31).and_then(|d| d.and_hms_opt(8, 0, 0)).unwrap_or_default();
        let planned = plan(&existing, &UnitDirectory::default(), &drafts, &[], now, || TaskId(draws.next().unwrap_or("NV-9999-9999").into()));
        let ids: Vec<&str> = planned.added.iter().map(|t| t.id.as_str()).collect();
        assert_eq!(ids, ["NV-0000-0002", "NV-0000-0003", "NV-0000-0004"]);
    }
}

#[cfg(test)]
mod link_tests {
    use super::*;
    use crate::workspace::command::Command;

    fn drafts(names: &[&str]) -> Vec<RowDraft> {
        names
            .iter()
            .enumerate()
            .map(|(i, n)| RowDraft { sheet: "S".into(), excel_row: i as u32 + 2, content: format!("Việc {i}"), lead_unit: Some(n.to_string()), ..Default::default() })
            .collect()
    }

    fn now() -> NaiveDateTime {
        chrono::NaiveDate::from_ymd_opt(2024, 1, 31).and_then(|d| d.and_hms_opt(8, 0, 0)).unwrap_or_default()
    }

    /// "Công an thị xã" in a file, "Công an thành phố" in the workspace: the preview asks, the
    /// default links them and keeps the file's name; "đơn vị khác" makes a unit of its own.
    #[test]
    fn a_similar_name_is_linked_and_learnt_unless_the_person_keeps_it_apart() {
        let mut units = UnitDirectory::default();
        let city = units.resolve_or_add("Công an thành phố").unwrap().id().clone();
        let rows = drafts(&["Công an thị xã", "Phòng Kinh tế", "Công an thị xã"]);
        let mut n = 0;
        let mut ids = || {
            n += 1;
            TaskId(format!("NV-{n}"))
        };

        let linked = plan(&[], &units, &rows, &[], now(), &mut ids);
        assert_eq!(linked.linked.len(), 1);
        let link = &linked.linked[0];
        assert_eq!((link.written.as_str(), &link.unit, link.rows, link.separate), ("Công an thị xã", &city, 2, false));
        assert_eq!(linked.added[0].lead_unit.as_ref(), Some(&city));
        assert_eq!(linked.added[2].lead_unit.as_ref(), Some(&city));
        assert!(!linked.new_units.iter().any(|u| u.contains("Công an")), "{:?}", linked.new_units);
        let Command::Import { aliases, .. } = Command::import(&linked, &units) else { unreachable!() };
        assert_eq!(aliases.len(), 1);
        assert_eq!((&aliases[0].unit, aliases[0].name.as_str()), (&city, "Công an thị xã"));

        let apart = plan(&[], &units, &rows, &["công an thị xã".to_string()], now(), &mut ids);
        let link = &apart.linked[0];
        assert!(link.separate);
        assert_ne!(link.unit, city);
        assert_eq!(apart.added[0].lead_unit.as_ref(), Some(&link.unit));
        assert_eq!(apart.added[2].lead_unit.as_ref(), Some(&link.unit));
        assert!(apart.new_units.contains(&"Công an thị xã".to_string()), "{:?}", apart.new_units);
        let Command::Import { aliases, new_units, .. } = Command::import(&apart, &units) else { unreachable!() };
        assert!(aliases.is_empty());
        assert!(new_units.iter().any(|u| u.name == "Công an thị xã"));
    }
}
