//! Every command, what it writes, and that its undo puts back exactly what it replaced.

use chrono::{NaiveDate, NaiveDateTime};

use super::*;
use super::undo::StepPatches;
use std::collections::HashMap;
use crate::domain::edit::{current, Edit};
use crate::domain::{read_deadline, Progress, Task, TaskId, UnitDirectory, UnitKind};
use crate::store::schema::{encode_task, load, RawWorkspace, SCHEMA_VERSION};

fn at(day: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2024, 1, day).unwrap().and_hms_opt(9, 0, 0).unwrap()
}

fn run(ws: &mut Workspace, day: u32, command: Command) -> Result<Applied, CommandError> {
    apply(ws, &Stamped { at: at(day), command })
}

/// Three tasks: two for Phòng Kinh tế, one for Phòng TNMT.
fn sample() -> Workspace {
    let mut units = UnitDirectory::default();
    let kt = units.resolve_or_add("Phòng Kinh tế").unwrap().id().clone();
    let tn = units.resolve_or_add("Phòng TNMT").unwrap().id().clone();
    let mut tasks = Vec::new();
    for (i, (content, unit)) in [("Rà soát quỹ đất", &kt), ("Thu ngân sách", &kt), ("Cấp giấy chứng nhận", &tn)].iter().enumerate() {
        let mut t = Task::new(TaskId(format!("NV-{}", i + 1)), *content);
        t.lead_unit = Some((*unit).clone());
        tasks.push(t);
    }
    Workspace { tasks, units, bin: Vec::new() }
}

fn id(n: u32) -> TaskId {
    TaskId(format!("NV-{n}"))
}

/// Undo then redo a step on a workspace, checking both land exactly.
fn undo_redo_round_trip(ws: &mut Workspace, applied: &Applied, before: &Workspace) {
    let after_tasks = ws.tasks.clone();
    let (_, left) = ws.apply_patch(&applied.undo, Some(&applied.redo));
    assert_eq!(left, 0);
    assert_eq!(sorted(&ws.tasks), sorted(&before.tasks), "undo puts every task back");
    assert_eq!(ws.units.units().len(), before.units.units().len());
    assert_eq!(ws.bin, before.bin);
    let (_, left) = ws.apply_patch(&applied.redo, Some(&applied.undo));
    assert_eq!(left, 0);
    assert_eq!(sorted(&ws.tasks), sorted(&after_tasks), "redo does it again");
}

fn sorted(tasks: &[Task]) -> Vec<Task> {
    let mut v = tasks.to_vec();
    v.sort_by(|a, b| a.id.cmp(&b.id));
    v
}

#[test]
fn an_edit_changes_only_the_fields_sent_and_is_undone() {
    let mut ws = sample();
    let before = ws.clone();
    let task = ws.task(&id(1)).unwrap();
    let base = vec![current(task, &Edit::Result(String::new()))];
    let applied = run(&mut ws, 2, Command::EditTask { id: id(1), edits: vec![Edit::Result("Đã rà soát 12 thửa".into())], base }).unwrap();
    let t = ws.task(&id(1)).unwrap();
    assert_eq!(t.result, "Đã rà soát 12 thửa");
    assert_eq!(t.history.len(), 1);
    assert_eq!(t.history[0].field, "result");
    assert_eq!(applied.redo.tasks.len(), 1, "one record to store");
    assert_eq!(applied.label, StepLabel::Edited { content: "Rà soát quỹ đất".into() });
    undo_redo_round_trip(&mut ws, &applied, &before);
}

#[test]
fn a_stale_form_does_not_overwrite_another_tabs_change() {
    let mut ws = sample();
    // Tab B opens the task page: it sees an empty result and an empty note.
    let seen = ws.task(&id(1)).unwrap().clone();
    let base = |e: Edit| current(&seen, &e);
    // Tab A saves a result.
    run(&mut ws, 2, Command::EditTask { id: id(1), edits: vec![Edit::Result("80%".into())], base: vec![base(Edit::Result(String::new()))] }).unwrap();
    // Tab B saves only its note: A's result stays.
    run(&mut ws, 3, Command::EditTask { id: id(1), edits: vec![Edit::Note("Chờ số liệu".into())], base: vec![base(Edit::Note(String::new()))] }).unwrap();
    let t = ws.task(&id(1)).unwrap();
    assert_eq!((t.result.as_str(), t.note.as_str()), ("80%", "Chờ số liệu"));
    // Tab B also changed the result: it is asked, nothing is written.
    let err = run(&mut ws, 3, Command::EditTask { id: id(1), edits: vec![Edit::Result("50%".into())], base: vec![base(Edit::Result(String::new()))] }).unwrap_err();
    match err {
        CommandError::Conflict { conflicts, .. } => assert_eq!(conflicts[0].theirs, Edit::Result("80%".into())),
        other => panic!("expected a conflict, got {other:?}"),
    }
    assert_eq!(ws.task(&id(1)).unwrap().result, "80%");
}

#[test]
fn editing_a_task_deleted_elsewhere_is_refused() {
    let mut ws = sample();
    run(&mut ws, 2, Command::Delete { ids: vec![id(1)] }).unwrap();
    let err = run(&mut ws, 3, Command::EditTask { id: id(1), edits: vec![Edit::Note("x".into())], base: vec![] }).unwrap_err();
    assert_eq!(err, CommandError::NoSuchTask(id(1)));
    assert!(ws.task(&id(1)).is_none(), "the deleted task does not come back");
}

#[test]
fn moving_many_cards_to_done_is_one_step() {
    let mut ws = sample();
    let before = ws.clone();
    let day = NaiveDate::from_ymd_opt(2024, 1, 5);
    let applied = run(&mut ws, 5, Command::Move { ids: vec![id(1), id(2)], progress: Progress::Done, completed_on: day, evidence: Some("BC 12".into()) }).unwrap();
    for n in [1, 2] {
        let t = ws.task(&id(n)).unwrap();
        assert_eq!((t.progress, t.completed_on, t.evidence.as_str()), (Progress::Done, day, "BC 12"));
    }
    assert_eq!(ws.task(&id(3)).unwrap().progress, Progress::NotStarted);
    assert_eq!(applied.label, StepLabel::Moved { count: 2, content: "Rà soát quỹ đất".into(), progress: Progress::Done });
    undo_redo_round_trip(&mut ws, &applied, &before);
}

#[test]
fn bulk_change_sets_leader_and_deadline_with_the_reason() {
    let mut ws = sample();
    let before = ws.clone();
    let deadline = read_deadline("trước ngày 31/3/2024").deadline;
    let applied = run(
        &mut ws,
        6,
        Command::Bulk {
            ids: vec![id(1), id(2), id(3)],
            edits: vec![Edit::Leader("Đ/c Hùng".into()), Edit::Deadline(deadline.clone())],
            reason: "Theo Thông báo 12/TB-UBND".into(),
        },
    )
    .unwrap();
    for t in &ws.tasks {
        assert_eq!((t.leader.as_str(), &t.deadline), ("Đ/c Hùng", &deadline));
        assert!(t.history.iter().all(|c| c.reason == "Theo Thông báo 12/TB-UBND"));
    }
    assert_eq!(applied.redo.tasks.len(), 3, "one write of three records");
    assert_eq!(applied.label, StepLabel::Bulk { count: 3, fields: vec!["leader".into(), "deadline".into()] });
    undo_redo_round_trip(&mut ws, &applied, &before);
}

#[test]
fn an_extension_moves_the_deadline_keeps_the_first_and_says_why() {
    use crate::domain::{Bucket, StatusRules};
    let mut ws = sample();
    let first = read_deadline("trước ngày 10/01/2024").deadline;
    for t in &mut ws.tasks {
        t.deadline = first.clone();
    }
    let before = ws.clone();
    let as_of = NaiveDate::from_ymd_opt(2024, 1, 15).unwrap();
    assert_eq!(ws.task(&id(1)).unwrap().status(as_of, StatusRules::default()).bucket, Bucket::Overdue);
    let new = read_deadline("31/01/2024").deadline;
    let extend = |ids: Vec<TaskId>, reason: &str| Command::Extend { ids, deadline: new.clone(), reason: reason.into(), document: "Công văn số 25/UBND-VP ngày 12/01/2024".into() };
    // No reason: refused, nothing changes.
    assert_eq!(run(&mut ws, 12, extend(vec![id(1)], "  ")).unwrap_err(), CommandError::BadExtension);
    assert_eq!(sorted(&ws.tasks), sorted(&before.tasks));
    let applied = run(&mut ws, 12, extend(vec![id(1), id(2)], "Chờ ý kiến của Sở Tài chính")).unwrap();
    assert_eq!(applied.label, StepLabel::Extended { count: 2, content: "Rà soát quỹ đất".into() });
    let t = ws.task(&id(1)).unwrap();
    assert_eq!((&t.deadline, t.first_deadline()), (&new, &first));
    assert_eq!(t.extensions.len(), 1);
    assert_eq!(t.status(as_of, StatusRules::default()).bucket, Bucket::InProgressInTime, "counted against the current deadline");
    assert_eq!(t.status_against_first(as_of, StatusRules::default()).bucket, Bucket::Overdue, "and against the first for a strict report");
    let change = t.history.last().unwrap();
    assert_eq!(change.field, "deadline");
    assert_eq!(change.reason, "Gia hạn theo Công văn số 25/UBND-VP ngày 12/01/2024: Chờ ý kiến của Sở Tài chính");
    assert!(ws.task(&id(3)).unwrap().extensions.is_empty());
    // A second extension keeps the first deadline first.
    run(&mut ws, 20, Command::Extend { ids: vec![id(1)], deadline: read_deadline("15/02/2024").deadline, reason: "Bổ sung hồ sơ".into(), document: String::new() }).unwrap();
    let t = ws.task(&id(1)).unwrap();
    assert_eq!((t.extensions.len(), t.first_deadline()), (2, &first));
    // Stored and read back, the extensions are kept.
    let back: Task = serde_json::from_str(&serde_json::to_string(t).unwrap()).unwrap();
    assert_eq!(&back, t);
    let mut ws = before.clone();
    let applied = run(&mut ws, 12, extend(vec![id(1), id(2)], "Chờ ý kiến")).unwrap();
    undo_redo_round_trip(&mut ws, &applied, &before);
}

#[test]
fn deleted_tasks_wait_in_the_bin_and_come_back() {
    let mut ws = sample();
    let applied = run(&mut ws, 7, Command::Delete { ids: vec![id(2), id(3)] }).unwrap();
    assert_eq!(ws.tasks.len(), 1);
    assert_eq!(ws.bin.len(), 2);
    assert_eq!(ws.bin[0].deleted_at, at(7));
    assert_eq!(ws.bin[0].expires_at(), at(7) + chrono::Duration::days(30));
    assert_eq!(applied.label, StepLabel::Deleted { count: 2, content: "Thu ngân sách".into() });
    let before_put_back = ws.clone();
    let put_back = run(&mut ws, 8, Command::PutBack { ids: vec![id(3)] }).unwrap();
    assert_eq!(ws.tasks.len(), 2);
    assert!(ws.task(&id(3)).is_some());
    assert_eq!(ws.bin.len(), 1);
    undo_redo_round_trip(&mut ws, &put_back, &before_put_back);
}

#[test]
fn the_bin_forgets_after_thirty_days() {
    let mut ws = sample();
    run(&mut ws, 1, Command::Delete { ids: vec![id(1)] }).unwrap();
    run(&mut ws, 20, Command::Delete { ids: vec![id(2)] }).unwrap();
    let cutoff = at(20) - chrono::Duration::days(1); // 30 days after the 1st have passed on 31/01
    let emptied = run(&mut ws, 31, Command::EmptyBin { deleted_before: Some(cutoff) }).unwrap();
    assert_eq!(emptied.label, StepLabel::EmptiedBin { count: 1 });
    assert_eq!(ws.bin.iter().map(|b| b.task.id.clone()).collect::<Vec<_>>(), vec![id(2)]);
    assert_eq!(run(&mut ws, 31, Command::EmptyBin { deleted_before: Some(cutoff) }), Err(CommandError::Nothing));
}

#[test]
fn adding_tasks_uses_a_unit_that_exists_meanwhile() {
    let mut ws = sample();
    // A directive's review made a new unit "Thị đoàn" while another tab added it too.
    let mut other = UnitDirectory::default();
    let planned = other.resolve_or_add("Thị đoàn").unwrap().id().clone();
    let planned_unit = other.get(&planned).unwrap().clone();
    run(&mut ws, 2, Command::AddUnit { name: "Thị đoàn".into(), kind: None }).unwrap();
    let units_before = ws.units.units().len();
    let mut t = Task::new(TaskId("NV-9".into()), "Tổ chức ra quân tình nguyện hè");
    t.lead_unit = Some(planned);
    let before = ws.clone();
    let applied = run(&mut ws, 3, Command::AddTasks { tasks: vec![t], new_units: vec![planned_unit], from_directive: true }).unwrap();
    assert_eq!(ws.units.units().len(), units_before, "no second Thị đoàn");
    let lead = ws.task(&TaskId("NV-9".into())).unwrap().lead_unit.clone().unwrap();
    assert_eq!(ws.units.get(&lead).unwrap().name, "Thị đoàn");
    undo_redo_round_trip(&mut ws, &applied, &before);
}

#[test]
fn adding_a_task_twice_is_refused() {
    let mut ws = sample();
    let t = Task::new(id(1), "Trùng mã");
    assert_eq!(
        run(&mut ws, 2, Command::AddTasks { tasks: vec![t], new_units: vec![], from_directive: false }),
        Err(CommandError::TaskExists(id(1)))
    );
    assert_eq!(ws.tasks.len(), 3);
}

#[test]
fn an_import_adds_each_new_task_once_and_its_undo_takes_them_away() {
    let mut ws = sample();
    let before = ws.clone();
    // 40 new tasks (more than a scan looks through), one of them twice in the file, and one whose
    // id is already in the list (the same file imported meanwhile in another tab).
    let mut added: Vec<Task> = (10..50).map(|n| Task::new(id(n), &format!("Nhiệm vụ nhập {n}"))).collect();
    added.push(Task::new(id(20), "Nhiệm vụ nhập 20, dòng lặp"));
    added.push(Task::new(id(1), "Đã có"));
    let applied = run(&mut ws, 2, Command::Import { added, updates: vec![], new_units: vec![], aliases: vec![], replies: vec![] }).unwrap();
    assert_eq!(ws.tasks.len(), 3 + 40);
    assert_eq!(applied.kept_newer, 2, "the repeated row and the task already there are not added again");
    assert_eq!(ws.task(&id(20)).unwrap().content, "Nhiệm vụ nhập 20", "the first of the two rows");
    assert_eq!(ws.task(&id(1)).unwrap(), before.task(&id(1)).unwrap(), "the task already there is untouched");
    assert_eq!(applied.redo.tasks.len(), 40);
    assert!(applied.undo.tasks.iter().all(|(_, before)| before.is_none()));
    assert_eq!(applied.label, StepLabel::Imported { added: 40, updated: 0 });
    undo_redo_round_trip(&mut ws, &applied, &before);
}

#[test]
fn an_import_confirmed_late_keeps_changes_made_after_its_preview() {
    let mut ws = sample();
    let seen = ws.task(&id(1)).unwrap().clone();
    // The preview: the file sets the result and the progress of task 1.
    let update = FieldUpdate {
        id: id(1),
        edits: vec![Edit::Result("Xong 50%".into()), Edit::Progress(Progress::InProgress)],
        base: vec![current(&seen, &Edit::Result(String::new())), current(&seen, &Edit::Progress(Progress::NotStarted))],
    };
    // Meanwhile, another tab writes a result and renames the unit.
    run(&mut ws, 2, Command::EditTask { id: id(1), edits: vec![Edit::Result("Đã xong".into())], base: vec![Edit::Result(String::new())] }).unwrap();
    let kt = ws.task(&id(1)).unwrap().lead_unit.clone().unwrap();
    run(&mut ws, 2, Command::RenameUnit { id: kt.clone(), name: "Phòng Kinh tế - Hạ tầng".into() }).unwrap();
    let applied = run(&mut ws, 3, Command::Import { added: vec![], updates: vec![update], new_units: vec![], aliases: vec![], replies: vec![] }).unwrap();
    let t = ws.task(&id(1)).unwrap();
    assert_eq!(t.result, "Đã xong", "the newer value stays");
    assert_eq!(t.progress, Progress::InProgress, "the file's other field is applied");
    assert_eq!(applied.kept_newer, 1);
    assert_eq!(ws.units.get(&kt).unwrap().name, "Phòng Kinh tế - Hạ tầng", "the rename survives the import");
}

#[test]
fn an_import_teaches_a_confirmed_name_and_its_undo_forgets_it() {
    let mut ws = sample();
    let before = ws.clone();
    let kt = ws.units.find("Phòng Kinh tế").unwrap().id.clone();
    let mut task = Task::new(id(9), "Báo cáo quý");
    task.lead_unit = Some(kt.clone());
    let alias = command::UnitAlias { unit: kt.clone(), name: "Phòng Kinh tế thị xã".into() };
    let applied = run(&mut ws, 3, Command::Import { added: vec![task], updates: vec![], new_units: vec![], aliases: vec![alias], replies: vec![] }).unwrap();
    assert!(ws.units.get(&kt).unwrap().aliases.contains(&"Phòng Kinh tế thị xã".to_string()));
    assert_eq!(ws.units.find_written("phòng kinh tế thị xã").map(|u| &u.id), Some(&kt));
    let (_, left) = ws.apply_patch(&applied.undo, Some(&applied.redo));
    assert_eq!(left, 0);
    assert_eq!(ws.units.get(&kt).unwrap().aliases, before.units.get(&kt).unwrap().aliases);
    assert!(ws.units.find_written("Phòng Kinh tế thị xã").is_none());
}

#[test]
fn merging_units_removes_the_merged_unit_from_storage() {
    let mut ws = sample();
    let before = ws.clone();
    let kt = ws.task(&id(1)).unwrap().lead_unit.clone().unwrap();
    let tn = ws.task(&id(3)).unwrap().lead_unit.clone().unwrap();
    let applied = run(&mut ws, 4, Command::MergeUnits { from: tn.clone(), into: kt.clone() }).unwrap();
    assert!(applied.redo.units.contains(&(tn.clone(), None)), "the merged-away unit's record is deleted");
    assert_eq!(ws.task(&id(3)).unwrap().lead_unit, Some(kt.clone()));
    assert_eq!(ws.units.find("Phòng TNMT").unwrap().id, kt, "its names now lead to the other unit");
    undo_redo_round_trip(&mut ws, &applied, &before);
    assert!(ws.units.get(&tn).is_none());
}

#[test]
fn units_are_added_renamed_and_ordered_by_hand() {
    let mut ws = Workspace::default();
    let added = run(&mut ws, 1, Command::AddUnit { name: "UBND phường Mai Hùng".into(), kind: Some(UnitKind::Commune) }).unwrap();
    assert_eq!(added.label, StepLabel::UnitAdded { name: "UBND phường Mai Hùng".into() });
    assert!(matches!(run(&mut ws, 1, Command::AddUnit { name: "ubnd phuong mai hung".into(), kind: None }), Err(CommandError::Unit(_))));
    let id = ws.units.units()[0].id.clone();
    let before = ws.clone();
    let renamed = run(&mut ws, 2, Command::RenameUnit { id: id.clone(), name: "UBND phường Mai Hùng mới".into() }).unwrap();
    undo_redo_round_trip(&mut ws, &renamed, &before);
    assert_eq!(ws.units.get(&id).unwrap().name, "UBND phường Mai Hùng mới");
}

#[test]
fn replacing_with_a_backup_is_undone_whole_and_repeated_ids_kept_once() {
    let mut ws = sample();
    let before = ws.clone();
    let dup = Task::new(TaskId("NV-7".into()), "Bản cũ");
    let newer = Task::new(TaskId("NV-7".into()), "Bản mới");
    let applied = run(&mut ws, 2, Command::Replace { tasks: vec![dup, newer], units: vec![], why: ReplaceWhy::Backup }).unwrap();
    assert_eq!(ws.tasks.len(), 1);
    assert_eq!(ws.tasks[0].content, "Bản mới");
    assert_eq!(applied.label, StepLabel::Replaced { count: 1, why: ReplaceWhy::Backup });
    ws.apply_patch(&applied.undo, None);
    assert_eq!(sorted(&ws.tasks), sorted(&before.tasks));
}

#[test]
fn undo_leaves_a_task_changed_later_elsewhere() {
    let mut ws = sample();
    let moved = run(&mut ws, 2, Command::Move { ids: vec![id(1), id(2)], progress: Progress::InProgress, completed_on: None, evidence: None }).unwrap();
    // Another tab then writes a result on task 2.
    run(&mut ws, 3, Command::Bulk { ids: vec![id(2)], edits: vec![Edit::Result("Đã nộp".into())], reason: String::new() }).unwrap();
    let (applied, left) = ws.apply_patch(&moved.undo, Some(&moved.redo));
    assert_eq!(left, 1, "task 2 was changed after: left as it is");
    assert_eq!(applied.tasks.len(), 1);
    assert_eq!(ws.task(&id(1)).unwrap().progress, Progress::NotStarted);
    assert_eq!(ws.task(&id(2)).unwrap().result, "Đã nộp");
}

#[test]
fn the_undo_list_keeps_its_limit_and_drops_the_redo_branch() {
    let mut ws = sample();
    let mut log = UndoLog::default();
    for seq in 1..=(undo::LIMIT as u64 + 5) {
        let applied = run(&mut ws, 2, Command::Bulk { ids: vec![id(1)], edits: vec![Edit::Note(format!("{seq}"))], reason: String::new() }).unwrap();
        let gone = log.record(Step::new(seq, at(2), applied).0);
        assert_eq!(gone.len(), (seq > undo::LIMIT as u64) as usize);
    }
    assert_eq!(log.undoable(), undo::LIMIT);
    let last = log.next_undo().unwrap().seq;
    log.set_undone(last, true);
    assert_eq!(log.next_redo().unwrap().seq, last);
    let applied = run(&mut ws, 3, Command::Bulk { ids: vec![id(1)], edits: vec![Edit::Note("khác".into())], reason: String::new() }).unwrap();
    let gone = log.record(Step::new(last + 1, at(3), applied).0);
    assert!(gone.contains(&last), "a new step forgets what could be redone");
    assert!(log.next_redo().is_none());
}

#[test]
fn a_step_reads_back_from_storage_with_its_field_codes() {
    let mut ws = sample();
    let applied = run(&mut ws, 2, Command::Move { ids: vec![id(1)], progress: Progress::Done, completed_on: NaiveDate::from_ymd_opt(2024, 1, 2), evidence: None }).unwrap();
    let (_, patches) = Step::new(1, at(2), applied);
    let json = serde_json::to_string(&patches).unwrap();
    assert!(json.contains(r#""new":"done""#), "progress kept under its code: {json}");
    assert_eq!(serde_json::from_str::<StepPatches>(&json).unwrap(), patches);
    // The task's history survives the stored form too.
    let raw = RawWorkspace { version: Some(SCHEMA_VERSION), tasks: vec![encode_task(ws.task(&id(1)).unwrap())], units: vec![] };
    let loaded = load(raw).unwrap();
    assert_eq!(loaded.tasks[0].history, ws.task(&id(1)).unwrap().history);
    assert_eq!(Progress::from_code(&loaded.tasks[0].history[0].new), Some(Progress::Done));
}

#[test]
fn a_large_step_is_stored_in_parts_that_read_back_as_the_whole() {
    // An import of 45 tasks into a workspace whose unit it renames, then deleted: stored in parts
    // of 20 task records each, the units and the bin in the first.
    let mut ws = sample();
    let added: Vec<Task> = (100..145).map(|n| Task::new(id(n), &format!("Nhiệm vụ {n}"))).collect();
    let (_, imported) = Step::new(1, at(2), run(&mut ws, 2, Command::Import { added, updates: vec![], new_units: vec![], aliases: vec![], replies: vec![] }).unwrap());
    let ids: Vec<TaskId> = (100..145).map(id).collect();
    let (_, deleted) = Step::new(2, at(3), run(&mut ws, 3, Command::Delete { ids }).unwrap());
    assert!(!deleted.redo.bin.is_empty() && deleted.redo.tasks.len() == 45);
    for whole in [imported, deleted] {
        let parts = whole.parts(20);
        assert_eq!(parts.len(), 3, "45 task records in parts of 20");
        assert!(parts.iter().all(|p| p.undo.tasks.len() <= 20 && p.redo.tasks.len() <= 20));
        assert!(parts[1..].iter().all(|p| p.redo.bin.is_empty() && p.undo.units.is_empty()), "the rest in the first part");
        // As stored: each part its own JSON record, read back as patches and put together.
        let read: Vec<StepPatches> = parts.iter().map(|p| serde_json::from_str(&serde_json::to_string(p).unwrap()).unwrap()).collect();
        assert_eq!(StepPatches::from_parts(read), Some(whole.clone()));
    }
    // What a step stored in parts keeps under its own key: a version before parts reads it as no
    // patches at all (it says the step is gone), never as a part of the step.
    assert!(serde_json::from_str::<StepPatches>(r#"{"parts":3}"#).is_err());
    // A small step is one part, stored as before.
    let (_, small) = Step::new(3, at(4), run(&mut ws, 4, Command::Bulk { ids: vec![id(1)], edits: vec![Edit::Note("x".into())], reason: String::new() }).unwrap());
    let parts = small.parts(20);
    assert_eq!(parts.len(), 1);
    assert_eq!(serde_json::to_string(&parts[0]).unwrap(), serde_json::to_string(&small).unwrap());
}

#[test]
fn saving_replays_a_stale_tabs_move_on_the_stored_task() {
    // Stored: tab A has written a result on task 1.
    let mut stored = sample();
    run(&mut stored, 2, Command::Bulk { ids: vec![id(1)], edits: vec![Edit::Result("Đã xong".into())], reason: String::new() }).unwrap();
    // Tab B, which never heard of it, moves task 1; saving replays the move on what is stored.
    let mut log = UndoLog::default();
    let ops = vec![Op::Do { stamped: Stamped { at: at(3), command: Command::Move { ids: vec![id(1)], progress: Progress::InProgress, completed_on: None, evidence: None } }, step: Some(1) }];
    let r = replay(&mut stored, &mut log, &mut Default::default(), &ops);
    assert!(matches!(r.outcomes[0], Outcome::Done { .. }));
    let t = stored.task(&id(1)).unwrap();
    assert_eq!((t.result.as_str(), t.progress), ("Đã xong", Progress::InProgress), "A's result is kept");
    assert_eq!(r.touched.tasks.iter().cloned().collect::<Vec<_>>(), vec![id(1)]);
    assert_eq!(r.new_steps.len(), 1);
    assert_eq!(log.undoable(), 1);
}

#[test]
fn saving_an_extension_reads_the_tasks_it_extends() {
    // Saving reads only the records an operation names (`task_ids`) and replays it on them: an
    // extension that named none was refused on save and the page fell back to re-reading all.
    let full = sample();
    let op = Op::Do {
        stamped: Stamped { at: at(3), command: Command::Extend { ids: vec![id(2)], deadline: read_deadline("31/03/2024").deadline, reason: "Chờ vốn".into(), document: String::new() } },
        step: Some(1),
    };
    let ids = op.task_ids(&Default::default());
    assert_eq!(ids, vec![id(2)]);
    let mut read = Workspace { tasks: full.tasks.iter().filter(|t| ids.contains(&t.id)).cloned().collect(), units: full.units.clone(), bin: Vec::new() };
    let r = replay(&mut read, &mut UndoLog::default(), &mut Default::default(), &[op]);
    assert!(matches!(r.outcomes[0], Outcome::Done { .. }), "{:?}", r.outcomes);
    assert_eq!(read.task(&id(2)).unwrap().extensions.len(), 1);
}

#[test]
fn a_deletion_stored_elsewhere_is_not_undone_by_a_stale_edit() {
    let mut stored = sample();
    run(&mut stored, 2, Command::Delete { ids: vec![id(2)] }).unwrap();
    let mut log = UndoLog::default();
    let ops = vec![Op::Do { stamped: Stamped { at: at(3), command: Command::Bulk { ids: vec![id(2)], edits: vec![Edit::Note("x".into())], reason: String::new() } }, step: Some(1) }];
    let r = replay(&mut stored, &mut log, &mut Default::default(), &ops);
    assert_eq!(r.outcomes[0], Outcome::Refused(CommandError::NoSuchTask(id(2))));
    assert!(stored.task(&id(2)).is_none(), "the deleted task stays deleted");
    assert!(r.touched.is_empty());
}

#[test]
fn undo_after_a_reload_uses_the_stored_step_and_happens_once() {
    let mut stored = sample();
    let mut log = UndoLog::default();
    let moved = Op::Do { stamped: Stamped { at: at(3), command: Command::Move { ids: vec![id(1), id(2)], progress: Progress::Done, completed_on: NaiveDate::from_ymd_opt(2024, 1, 3), evidence: None } }, step: Some(1) };
    let r = replay(&mut stored, &mut log, &mut Default::default(), &[moved]);
    let mut patches: std::collections::HashMap<u64, StepPatches> = r.new_steps.into_iter().collect();
    // A reload: the list and the patches come back from storage.
    let seq = log.next_undo().unwrap().seq;
    let r = replay(&mut stored, &mut log, &mut patches, &[Op::Undo(seq)]);
    assert_eq!(r.outcomes[0], Outcome::Undone { label: StepLabel::Moved { count: 2, content: "Rà soát quỹ đất".into(), progress: Progress::Done }, left: 0 });
    assert!(stored.tasks.iter().all(|t| t.progress == Progress::NotStarted));
    // A second tab asking to undo the same step finds it undone already.
    let r = replay(&mut stored, &mut log, &mut patches, &[Op::Undo(seq)]);
    assert_eq!(r.outcomes[0], Outcome::StepGone);
    let r = replay(&mut stored, &mut log, &mut patches, &[Op::Redo(seq)]);
    assert!(matches!(r.outcomes[0], Outcome::Redone { left: 0, .. }));
    assert!(stored.task(&id(1)).unwrap().progress == Progress::Done);
}

#[test]
fn time_passing_dates_a_duty_and_adds_its_periods_once_in_one_undoable_step() {
    use crate::domain::recurrence::catch_up;
    use std::collections::HashSet;
    let mut ws = sample();
    ws.tasks[0].deadline = read_deadline("trước ngày 25 hàng tháng").deadline;
    ws.tasks[0].source.date = NaiveDate::from_ymd_opt(2023, 11, 10);
    let before = ws.clone();
    let today = NaiveDate::from_ymd_opt(2024, 1, 3).unwrap();
    let up = catch_up(&ws.tasks, &HashSet::new(), today);
    let applied = run(&mut ws, 3, Command::Recur { first_dates: up.first_dates.clone(), instances: up.instances.clone() }).unwrap();
    assert_eq!(applied.label, StepLabel::Recurred { count: 2, content: "Rà soát quỹ đất".into() });
    let first = ws.task(&id(1)).unwrap();
    assert_eq!(first.deadline.date, NaiveDate::from_ymd_opt(2023, 11, 25));
    assert_eq!(first.history.last().unwrap().reason, "Kỳ đầu của nhiệm vụ định kỳ");
    // December 2023 in its year; January 2024 is the next year's: the duty ran to the end of 2023.
    let periods: Vec<_> = ws.tasks.iter().filter(|t| t.series.as_ref() == Some(&id(1))).map(|t| (t.deadline.date.unwrap(), t.lead_unit.clone())).collect();
    assert_eq!(periods, vec![(NaiveDate::from_ymd_opt(2023, 12, 25).unwrap(), ws.task(&id(1)).unwrap().lead_unit.clone())]);
    // The same catch-up again (another tab made the same periods): nothing to do.
    assert_eq!(run(&mut ws, 3, Command::Recur { first_dates: up.first_dates.clone(), instances: up.instances.clone() }).unwrap_err(), CommandError::Nothing);
    assert!(catch_up(&ws.tasks, &HashSet::new(), today).is_empty());
    undo_redo_round_trip(&mut ws, &applied, &before);
}

/// A small patch (found by a scan) and a large one (through an index) put records alike: updates
/// in place, removals, additions at the end in order, a record removed and put back in the same
/// patch keeping its place, and a record not as expected left and counted.
#[test]
fn small_and_large_patches_put_records_alike() {
    let task = |n: u32, text: &str| Task::new(id(n), text);
    let start: Vec<Task> = (1..=40).map(|n| task(n, "cũ")).collect();
    // The same five changes, alone (small) and among 20 updates of other tasks (large).
    let changes = vec![
        (id(2), Some(task(2, "mới"))),
        (id(3), None),
        (id(99), Some(task(99, "thêm"))),
        (id(5), None),
        (id(5), Some(task(5, "trở lại"))),
    ];
    let filler: Vec<(TaskId, Option<Task>)> = (20..40).map(|n| (id(n), Some(task(n, "cập nhật")))).collect();
    // Expected before: task 2 as it was; task 7 "khác" (it is not): left and counted.
    let expect = |extra: &[(TaskId, Option<Task>)]| {
        let mut e = vec![(id(2), Some(task(2, "cũ"))), (id(7), Some(task(7, "khác")))];
        e.extend(extra.iter().map(|(i, _)| (i.clone(), start.iter().find(|t| &t.id == i).cloned())));
        e
    };
    let with_seven = |mut c: Vec<(TaskId, Option<Task>)>| {
        c.push((id(7), Some(task(7, "không được ghi"))));
        c
    };
    let small = with_seven(changes.clone());
    assert!(small.len() <= 16);
    let mut large = filler.clone();
    large.extend(with_seven(changes));
    assert!(large.len() > 16);

    let mut a = Workspace { tasks: start.clone(), units: UnitDirectory::default(), bin: Vec::new() };
    let (_, left_a) = a.apply_patch(&Patch { tasks: small, ..Patch::default() }, Some(&Patch { tasks: expect(&[]), ..Patch::default() }));
    let mut b = Workspace { tasks: start.clone(), units: UnitDirectory::default(), bin: Vec::new() };
    let (_, left_b) = b.apply_patch(&Patch { tasks: large, ..Patch::default() }, Some(&Patch { tasks: expect(&filler), ..Patch::default() }));
    assert_eq!((left_a, left_b), (1, 1), "task 7 was not as expected");
    let ids = |ws: &Workspace| ws.tasks.iter().map(|t| t.id.0.clone()).collect::<Vec<_>>();
    assert_eq!(ids(&a), ids(&b));
    assert_eq!(ids(&a).len(), 40, "one removed, one added");
    assert!(!ids(&a).contains(&"NV-3".to_string()));
    assert_eq!(ids(&a).last().map(String::as_str), Some("NV-99"));
    assert_eq!(ids(&a)[2..4], ["NV-4", "NV-5"], "removed and put back in one patch keeps its place");
    let text = |ws: &Workspace, n: u32| ws.tasks.iter().find(|t| t.id == id(n)).map(|t| t.content.clone());
    for ws in [&a, &b] {
        assert_eq!(text(ws, 2).as_deref(), Some("mới"));
        assert_eq!(text(ws, 5).as_deref(), Some("trở lại"));
        assert_eq!(text(ws, 7).as_deref(), Some("cũ"));
    }
    assert_eq!(text(&b, 25).as_deref(), Some("cập nhật"));
}

/// Stored records taken back into a tab: only those that differ from what the tab holds change it.
#[test]
fn only_differing_records_are_taken_in() {
    for many in [false, true] {
        let mut ws = sample();
        if many {
            // Past the size where the held tasks are looked up through an index.
            ws.tasks.extend((10..30).map(|n| Task::new(TaskId(format!("NV-{n}")), "Thêm")));
        }
        let same = ws.tasks[0].clone();
        let mut changed = ws.tasks[1].clone();
        changed.progress = Progress::Done;
        let mut records = vec![
            (same.id.clone(), Some(same)),
            (changed.id.clone(), Some(changed.clone())),
            (TaskId("NV-gone".into()), None),
            (ws.tasks[2].id.clone(), None),
        ];
        if many {
            records.extend(ws.tasks[3..].iter().map(|t| (t.id.clone(), Some(t.clone()))));
        }
        let total = records.len();
        let (kept, same) = Patch::tasks_differing_from(records, &ws.tasks);
        let ids: Vec<&str> = kept.iter().map(|(id, _)| id.0.as_str()).collect();
        assert_eq!(ids, ["NV-2", "NV-3"], "the changed task and the deletion of a held one (many: {many})");
        assert_eq!(kept[0].1.as_ref(), Some(&changed));
        assert_eq!(same.len(), total - 2, "the rest are handed back, nothing lost");
    }
}

/// A file of 7 new tasks (for a unit the workspace lacks) and 3 updates, as one command.
fn import_of_seven_and_three(ws: &Workspace) -> Command {
    let mut theirs = UnitDirectory::default();
    let vinh = theirs.resolve_or_add("Xã Quỳnh Vinh").unwrap().id().clone();
    let added: Vec<Task> = (10..17)
        .map(|n| {
            let mut t = Task::new(id(n), &format!("Nhiệm vụ nhập {n}"));
            t.lead_unit = Some(vinh.clone());
            t
        })
        .collect();
    let updates = (1..=3)
        .map(|n| {
            let seen = ws.task(&id(n)).unwrap();
            FieldUpdate { id: id(n), edits: vec![Edit::Result(format!("Kết quả {n}"))], base: vec![current(seen, &Edit::Result(String::new()))] }
        })
        .collect();
    Command::Import { added, updates, new_units: theirs.units().to_vec(), aliases: vec![], replies: vec![] }
}

#[test]
fn an_import_in_parts_is_the_same_import_and_one_step_undone_at_once() {
    let before = sample();
    let whole = import_of_seven_and_three(&before);
    let parts = whole.clone().in_parts(3);
    // 10 rows, 3 a part: the new tasks first, then the updates.
    let sizes: Vec<(usize, usize)> = parts.iter().map(|p| match p {
        Command::Import { added, updates, .. } => (added.len(), updates.len()),
        _ => unreachable!(),
    }).collect();
    assert_eq!(sizes, vec![(3, 0), (3, 0), (1, 2), (0, 1)]);
    assert_eq!(whole.clone().in_parts(10).len(), 1, "a small import is one part");

    // At once, as one step.
    let mut at_once = before.clone();
    let mut log_once = UndoLog::default();
    let once = replay(&mut at_once, &mut log_once, &mut Default::default(), &[Op::Do { stamped: Stamped { at: at(2), command: whole }, step: Some(7) }]);
    // In parts, each replayed on its own as the page does, with the step's number and moment.
    let mut in_parts = before.clone();
    let mut log = UndoLog::default();
    let mut patches = std::collections::HashMap::new();
    for part in parts {
        let r = replay(&mut in_parts, &mut log, &mut patches, &[Op::Do { stamped: Stamped { at: at(2), command: part }, step: Some(7) }]);
        assert!(matches!(r.outcomes[0], Outcome::Done { .. }), "{:?}", r.outcomes);
        assert_eq!(r.new_steps.len(), 1);
        patches.extend(r.new_steps);
    }
    assert_eq!(sorted(&in_parts.tasks), sorted(&at_once.tasks), "the same tasks");
    assert_eq!(in_parts.units.units(), at_once.units.units(), "the new unit added once");
    assert_eq!(in_parts.units.units().len(), 3);
    assert_eq!(log.steps().len(), 1, "one step");
    assert_eq!(log.steps()[0].label, StepLabel::Imported { added: 7, updated: 3 });
    assert_eq!(log.steps()[0].label, log_once.steps()[0].label);
    assert_eq!(patches.len(), 1);
    assert_eq!(patches[&7].redo.tasks.len(), once.new_steps[0].1.redo.tasks.len());

    // Hoàn tác takes the whole import back, Làm lại puts it all again.
    let r = replay(&mut in_parts, &mut log, &mut patches, &[Op::Undo(7)]);
    assert_eq!(r.outcomes[0], Outcome::Undone { label: StepLabel::Imported { added: 7, updated: 3 }, left: 0 });
    assert_eq!(sorted(&in_parts.tasks), sorted(&before.tasks));
    assert_eq!(in_parts.units.units().len(), 2, "the new unit goes with it");
    replay(&mut in_parts, &mut log, &mut patches, &[Op::Redo(7)]);
    assert_eq!(sorted(&in_parts.tasks), sorted(&at_once.tasks));
}

#[test]
fn a_record_two_parts_touch_is_undone_to_what_the_first_found() {
    // Part one adds task 20; part two sets its result (a row of the same file read as an update).
    let before = sample();
    let mut ws = before.clone();
    let mut log = UndoLog::default();
    let mut patches = std::collections::HashMap::new();
    let first = Command::Import { added: vec![Task::new(id(20), "Nhiệm vụ mới")], updates: vec![], new_units: vec![], aliases: vec![], replies: vec![] };
    let second = Command::Import {
        added: vec![Task::new(id(21), "Nhiệm vụ mới khác")],
        updates: vec![FieldUpdate { id: id(20), edits: vec![Edit::Result("Đã xong".into())], base: vec![Edit::Result(String::new())] }],
        new_units: vec![],
        aliases: vec![],
        replies: vec![],
    };
    // Both in one save, as the store replays them: the second joins the first's patches.
    let ops = [first, second].map(|command| Op::Do { stamped: Stamped { at: at(2), command }, step: Some(3) });
    let r = replay(&mut ws, &mut log, &mut patches, &ops);
    assert_eq!(r.new_steps.len(), 1);
    let p = &r.new_steps[0].1;
    let ids: Vec<&str> = p.redo.tasks.iter().map(|(id, _)| id.as_str()).collect();
    assert_eq!(ids, vec!["NV-20", "NV-21"], "each record once, in the order the parts wrote them");
    assert_eq!(p.redo.tasks[0].1.as_ref().unwrap().result, "Đã xong", "redo writes what the last part left");
    assert!(p.undo.tasks.iter().all(|(_, before)| before.is_none()), "undo removes what the first part added");
    assert_eq!(log.steps()[0].label, StepLabel::Imported { added: 2, updated: 1 });
    patches.extend(r.new_steps);
    let r = replay(&mut ws, &mut log, &mut patches, &[Op::Undo(3)]);
    assert!(matches!(r.outcomes[0], Outcome::Undone { left: 0, .. }), "{:?}", r.outcomes);
    assert_eq!(sorted(&ws.tasks), sorted(&before.tasks));
}

#[test]
fn a_new_step_with_a_number_already_undone_starts_again() {
    // A part arriving after its step was undone elsewhere does not join the undone patches.
    let mut ws = sample();
    let mut log = UndoLog::default();
    let mut patches = std::collections::HashMap::new();
    let add = |n: u32| Op::Do { stamped: Stamped { at: at(2), command: Command::AddTasks { tasks: vec![Task::new(id(n), "Mới")], new_units: vec![], from_directive: false } }, step: Some(5) };
    let r = replay(&mut ws, &mut log, &mut patches, &[add(30)]);
    patches.extend(r.new_steps);
    replay(&mut ws, &mut log, &mut patches, &[Op::Undo(5)]);
    let r = replay(&mut ws, &mut log, &mut patches, &[add(31)]);
    assert_eq!(r.new_steps[0].1.redo.tasks.len(), 1, "only the new part");
    assert_eq!(log.steps().len(), 1);
    assert!(!log.steps()[0].undone);
}

/// An undo carried out a few records a turn, as the page and the store do for a large step.
fn undo_in_parts(ws: &mut Workspace, log: &mut UndoLog, patches: &mut HashMap<u64, StepPatches>, op: &Op, part: usize, between: impl Fn(&mut Workspace, usize)) -> Replayed {
    let mut replayer = Replayer::default();
    if let Some(mut undoing) = replayer.begin(ws, log, patches, op) {
        let mut turn = 0;
        while !replayer.carry_on(ws, patches, &mut undoing, part) {
            turn += 1;
            between(ws, turn);
        }
        replayer.end(log, undoing);
    }
    replayer.finish()
}

#[test]
fn an_undo_in_parts_is_the_same_undo_even_with_changes_between_its_parts() {
    // A workspace of 40 tasks; an import adds 30 and updates 10 of them; one of those updated is
    // edited again after the import (so the undo leaves it), and task 5 is deleted after it.
    let mut before = sample();
    for n in 4..=40 {
        before.tasks.push(Task::new(id(n), &format!("Nhiệm vụ có sẵn {n}")));
    }
    let added: Vec<Task> = (100..130).map(|n| Task::new(id(n), &format!("Nhiệm vụ nhập {n}"))).collect();
    let updates: Vec<FieldUpdate> = (11..=20)
        .map(|n| FieldUpdate { id: id(n), edits: vec![Edit::Result(format!("Kết quả {n}"))], base: vec![Edit::Result(String::new())] })
        .collect();
    let import = Command::Import { added, updates, new_units: vec![], aliases: vec![], replies: vec![] };
    let mut ws = before.clone();
    let mut log = UndoLog::default();
    let r = replay(&mut ws, &mut log, &mut Default::default(), &[Op::Do { stamped: Stamped { at: at(2), command: import }, step: Some(9) }]);
    let patches: HashMap<u64, StepPatches> = r.new_steps.into_iter().collect();
    let later = Command::EditTask { id: id(12), edits: vec![Edit::Result("Sửa sau khi nhập".into())], base: vec![Edit::Result("Kết quả 12".into())] };
    run(&mut ws, 3, later).unwrap();
    let undo = Op::Undo(9);

    // At once.
    let (mut once, mut log_once) = (ws.clone(), log.clone());
    let whole = replay(&mut once, &mut log_once, &mut patches.clone(), &[undo.clone()]);
    assert_eq!(whole.outcomes, vec![Outcome::Undone { label: StepLabel::Imported { added: 30, updated: 10 }, left: 1 }]);
    assert_eq!(once.tasks.len(), 40, "the 30 added are gone");
    assert_eq!(once.task(&id(12)).unwrap().result, "Sửa sau khi nhập", "the later edit is kept");
    assert_eq!(once.task(&id(11)).unwrap().result, "", "the others are put back");

    // Seven records a turn: the same outcome, the same tasks in the same order, the same records
    // to store, the same list.
    let (mut parts, mut log_parts) = (ws.clone(), log.clone());
    let r = undo_in_parts(&mut parts, &mut log_parts, &mut patches.clone(), &undo, 7, |_, _| {});
    assert_eq!(r.outcomes, whole.outcomes);
    assert_eq!(parts.tasks, once.tasks);
    assert_eq!(r.touched, whole.touched);
    assert_eq!(log_parts, log_once);

    // A task the step did not touch deleted between two parts (every later record moves up by
    // one): the undo still lands on the right records, with that deletion kept.
    let (mut moved, mut log_moved) = (ws.clone(), log.clone());
    let r = undo_in_parts(&mut moved, &mut log_moved, &mut patches.clone(), &undo, 7, |ws, turn| {
        if turn == 2 {
            ws.tasks.retain(|t| t.id != id(5));
        }
    });
    assert_eq!(r.outcomes, whole.outcomes);
    let mut expected = once.tasks.clone();
    expected.retain(|t| t.id != id(5));
    assert_eq!(moved.tasks, expected);

    // Asked again (another tab undid it first): nothing happens.
    let r = undo_in_parts(&mut parts, &mut log_parts, &mut patches.clone(), &undo, 7, |_, _| panic!("no part"));
    assert_eq!(r.outcomes, vec![Outcome::StepGone]);
    assert_eq!(parts.tasks, once.tasks);
}
