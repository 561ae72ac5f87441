//! Timing the import of a 10,000-row tracker: reading the workbook, finding the table, reading
//! rows, and planning the merge into an empty workspace and into one that already holds the
//! tasks; then what the views compute over those tasks on each change (chasing order, filter,
//! board). Writes it, and a 50,000-row one, to target/bench/ for the browser benchmarks. Run: `cargo bench --bench import`.

use std::time::Instant;

use chrono::NaiveDate;
use dondoc::domain::{TaskId, UnitDirectory};
use dondoc::import::{self, merge, ReadRequest};
use dondoc::domain::StatusRules;
use dondoc::query;
use dondoc::workspace::{self, Command, Stamped, Workspace};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

const ROWS: u32 = 10_000;

fn tracker(rows: u32) -> Vec<u8> {
    let units = ["Phòng Kinh tế", "Phòng TC-KH", "Phòng TNMT", "Thanh tra", "Công an thị xã", "Phường Mai Hùng", "Xã Quỳnh Vinh"];
    let progress = ["Hoàn thành", "Đang thực hiện", "Chưa thực hiện", ""];
    let mut book = Workbook::new();
    let s = book.add_worksheet();
    let date = Format::new().set_num_format("dd/mm/yyyy");
    s.write_string(0, 0, "BẢNG THEO DÕI NHIỆM VỤ NĂM 2024").unwrap();
    for (c, h) in ["Mã nhiệm vụ", "STT", "Số/ký hiệu", "Nội dung nhiệm vụ", "Đơn vị chủ trì", "Thời hạn", "Tiến độ", "Kết quả thực hiện", "Ngày hoàn thành"]
        .iter()
        .enumerate()
    {
        s.write_string(2, c as u16, *h).unwrap();
    }
    for i in 0..rows {
        let r = i + 3;
        s.write_string(r, 0, format!("NV-B{i:06}")).unwrap();
        s.write_number(r, 1, (i + 1) as f64).unwrap();
        s.write_string(r, 2, format!("{}/TB-UBND", 100 + i % 40)).unwrap();
        s.write_string(r, 3, format!("Nhiệm vụ số {i}: rà soát, tổng hợp, báo cáo kết quả thực hiện kết luận của Chủ tịch UBND tại phiên họp thường kỳ")).unwrap();
        s.write_string(r, 4, units[i as usize % units.len()]).unwrap();
        if i % 3 == 0 {
            s.write_string(r, 5, format!("trước ngày {:02}/{:02}/2024", 1 + i % 28, 1 + i % 12)).unwrap();
        } else {
            s.write_datetime_with_format(r, 5, ExcelDateTime::from_ymd(2024, (1 + i % 12) as u8, (1 + i % 28) as u8).unwrap(), &date).unwrap();
        }
        s.write_string(r, 6, progress[i as usize % progress.len()]).unwrap();
        if i % 4 == 0 {
            s.write_string(r, 7, "Đã hoàn thành, có báo cáo gửi UBND").unwrap();
            s.write_datetime_with_format(r, 8, ExcelDateTime::from_ymd(2024, (1 + i % 12) as u8, 15).unwrap(), &date).unwrap();
        }
    }
    book.save_to_buffer().unwrap()
}

fn main() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/target/bench");
    std::fs::create_dir_all(dir).unwrap();
    // The 50,000-row file, for the browser bench at the size of several years' tasks.
    let big = tracker(50_000);
    std::fs::write(format!("{dir}/theo-doi-50000.xlsx"), &big).unwrap();
    println!("tracker: 50000 rows, {} KB (written to target/bench/theo-doi-50000.xlsx)", big.len() / 1024);
    let bytes = tracker(ROWS);
    std::fs::write(format!("{dir}/theo-doi-10000.xlsx"), &bytes).unwrap();
    println!("tracker: {ROWS} rows, {} KB (written to target/bench/theo-doi-10000.xlsx)", bytes.len() / 1024);

    let request = ReadRequest { file_name: "theo-doi-10000.xlsx".into(), ..Default::default() };
    let mut best = f64::MAX;
    let mut sheets = None;
    for _ in 0..5 {
        let t = Instant::now();
        sheets = Some(import::read(&request, &bytes).unwrap());
        best = best.min(t.elapsed().as_secs_f64());
    }
    let drafts: Vec<_> = sheets.unwrap().into_iter().flat_map(|s| s.result.unwrap().rows).collect();
    assert_eq!(drafts.len(), ROWS as usize);
    println!("read (workbook → table → rows): {:.0} ms (best of 5)", best * 1000.0);

    let now = NaiveDate::from_ymd_opt(2024, 12, 1).unwrap().and_hms_opt(8, 0, 0).unwrap();
    let mut n = 0u64;
    let mut ids = || {
        n += 1;
        TaskId::from_entropy(n)
    };
    let t = Instant::now();
    let first = merge::plan(&[], &UnitDirectory::default(), &drafts, &[], now, &mut ids);
    println!("plan into an empty workspace: {:.0} ms ({} added)", t.elapsed().as_secs_f64() * 1000.0, first.added.len());
    let mut ws = Workspace::default();
    let command = Command::import(&first, &ws.units);
    let t = Instant::now();
    workspace::apply(&mut ws, &Stamped { at: now, command }).unwrap();
    println!("apply the import: {:.0} ms", t.elapsed().as_secs_f64() * 1000.0);
    let tasks = ws.tasks;

    // The 50,000-row file applied as one import (what the page does on Nhập, and again when it stores).
    let big_drafts: Vec<_> = import::read(&ReadRequest { file_name: "theo-doi-50000.xlsx".into(), ..Default::default() }, &big)
        .unwrap()
        .into_iter()
        .flat_map(|s| s.result.unwrap().rows)
        .collect();
    let big_plan = merge::plan(&[], &UnitDirectory::default(), &big_drafts, &[], now, &mut ids);
    let ms = (0..3).map(|_| {
        let mut ws = Workspace::default();
        let command = Command::import(&big_plan, &ws.units);
        let stamped = Stamped { at: now, command };
        let t = Instant::now();
        let applied = workspace::apply(&mut ws, &stamped).unwrap();
        let ms = t.elapsed().as_secs_f64() * 1000.0;
        drop((applied, ws));
        ms
    }).fold(f64::MAX, f64::min);
    println!("apply the import of {} tasks: {ms:.0} ms (best of 3)", big_plan.added.len());
    // As the page applies it: parts of IMPORT_PART tasks, one step.
    let (mut longest, mut all) = (0f64, 0f64);
    let mut ws = Workspace::default();
    let (mut log, mut patches) = (workspace::UndoLog::default(), std::collections::HashMap::new());
    let parts = Command::import(&big_plan, &ws.units).in_parts(workspace::IMPORT_PART);
    let count = parts.len();
    for command in parts {
        let t = Instant::now();
        let r = workspace::replay(&mut ws, &mut log, &mut patches, &[workspace::Op::Do { stamped: Stamped { at: now, command }, step: Some(1) }]);
        patches.extend(r.new_steps);
        let ms = t.elapsed().as_secs_f64() * 1000.0;
        longest = longest.max(ms);
        all += ms;
    }
    println!("  in {count} parts of {}: longest {longest:.1} ms, all {all:.0} ms", workspace::IMPORT_PART);
    // Hoàn tác of that import: at once, and as the page and the store do it, a part a turn.
    let undo = workspace::Op::Undo(1);
    let (mut at_once, mut log_once) = (ws.clone(), log.clone());
    let t = Instant::now();
    workspace::replay(&mut at_once, &mut log_once, &mut patches, &[undo.clone()]);
    let once = t.elapsed().as_secs_f64() * 1000.0;
    let (mut undone, mut log_undo) = (ws.clone(), log.clone());
    let mut replayer = workspace::Replayer::default();
    let (mut longest, mut all, mut turns) = (0f64, 0f64, 0);
    let t = Instant::now();
    let mut undoing = replayer.begin(&mut undone, &mut log_undo, &mut patches, &undo).unwrap();
    loop {
        let done = replayer.carry_on(&mut undone, &patches, &mut undoing, workspace::IMPORT_PART);
        let ms = t.elapsed().as_secs_f64() * 1000.0 - all;
        (longest, all, turns) = (longest.max(ms), all + ms, turns + 1);
        if done {
            break;
        }
    }
    replayer.end(&mut log_undo, undoing);
    assert_eq!(undone.tasks.len(), at_once.tasks.len());
    println!("undo that import: at once {once:.0} ms; in {turns} parts: longest {longest:.1} ms, all {all:.0} ms");
    drop((at_once, undone));
    // A file whose rows have no id, against those 50,000 tasks: matched by content, so the planner
    // first indexes every task's folded content.
    let t = Instant::now();
    let mut planner = merge::Planner::new(&ws.tasks, &ws.units, true, &[], now);
    assert!(planner.index_by_content(&ws.tasks, usize::MAX));
    println!("index {} tasks by content for a file without ids: {:.0} ms", ws.tasks.len(), t.elapsed().as_secs_f64() * 1000.0);
    drop(planner);
    let t = Instant::now();
    let again = merge::plan(&tasks, &ws.units, &drafts, &[], now, &mut ids);
    println!(
        "plan the same file again over {} tasks: {:.0} ms ({} unchanged)",
        tasks.len(),
        t.elapsed().as_secs_f64() * 1000.0,
        again.unchanged
    );

    // What a change to one task costs the views, natively (the page runs these in wasm, slower).
    let as_of = NaiveDate::from_ymd_opt(2024, 6, 1).unwrap();
    let best_of = |f: &mut dyn FnMut()| {
        (0..5).map(|_| {
            let t = Instant::now();
            f();
            t.elapsed().as_secs_f64() * 1000.0
        }).fold(f64::MAX, f64::min)
    };
    let mut chased = Vec::new();
    let ms = best_of(&mut || chased = query::chase_order(&tasks, as_of, StatusRules::default()));
    println!("chasing order of {} tasks (statuses and sort): {ms:.1} ms", tasks.len());
    let texts: Vec<String> = tasks.iter().map(|t| query::search_text(t, &ws.units)).collect();
    let filter = query::Filter { text: "nhiem vu so 499".into(), ..Default::default() };
    let mut found = 0;
    let ms = best_of(&mut || found = query::passing(&tasks, &chased, &texts, &filter).len());
    println!("search \"nhiem vu so 499\" over them: {ms:.1} ms ({found} found)");
    let columns = query::board::board_columns(&tasks, false);
    let ms = best_of(&mut || {
        query::board::board_lanes(&tasks, &chased, &ws.units, &columns, false);
    });
    println!("board columns of them: {ms:.1} ms");
}
