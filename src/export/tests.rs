//! Every exported file read back: with calamine for the workbook, and through Đôn Đốc's own
//! importer for the round trip.

use calamine::{open_workbook_from_rs, Data, Reader, Xlsx};
use chrono::NaiveDate;

use super::backup::{backup_json, read_backup, RestoreError};
use super::csv_out::view_csv;
use super::tracker::tracker_xlsx;
use super::*;
use crate::domain::{Progress, StatusRules, Task, TaskId, UnitDirectory};
use crate::import::{self, merge, ReadRequest};
use crate::sample::sample_workspace;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

const AS_OF: (i32, u32, u32) = (2026, 11, 21);

fn as_of() -> NaiveDate {
    d(AS_OF.0, AS_OF.1, AS_OF.2)
}

fn with_status(tasks: &[Task]) -> Vec<(&Task, crate::domain::Status)> {
    tasks.iter().map(|t| (t, t.status(as_of(), StatusRules::default()))).collect()
}

fn read_xlsx(bytes: &[u8]) -> calamine::Range<Data> {
    let mut book: Xlsx<_> = open_workbook_from_rs(std::io::Cursor::new(bytes.to_vec())).unwrap();
    let name = book.sheet_names()[0].clone();
    assert_eq!(name, "Theo dõi nhiệm vụ");
    book.worksheet_range(&name).unwrap()
}

#[test]
fn the_tracker_has_its_title_header_dates_and_status() {
    let sample = sample_workspace(as_of());
    let units = UnitDirectory::new(sample.units.clone());
    let mut tasks = sample.tasks.clone();
    tasks[0].result = "=HYPERLINK(\"http://x\")".into();
    let bytes = tracker_xlsx(&with_status(&tasks), &units, as_of(), "Toàn bộ nhiệm vụ").unwrap();
    let range = read_xlsx(&bytes);
    let cell = |r: u32, c: u32| range.get_value((r, c)).cloned().unwrap_or(Data::Empty);
    assert_eq!(cell(0, 0), Data::String("BẢNG THEO DÕI, ĐÔN ĐỐC THỰC HIỆN NHIỆM VỤ".into()));
    assert_eq!(cell(1, 0), Data::String("Số liệu tính đến ngày 21/11/2026".into()));
    assert_eq!(cell(2, 0), Data::String("Toàn bộ nhiệm vụ (152 nhiệm vụ)".into()));
    let headers: Vec<String> = (0..21).map(|c| cell(3, c).to_string()).collect();
    assert_eq!(headers[0], "Mã nhiệm vụ", "the id first, so a re-import matches");
    assert_eq!(&headers[5..8], ["Nội dung nhiệm vụ", "Đơn vị chủ trì", "Đơn vị phối hợp"]);
    assert_eq!(headers[19], "Đánh giá (tính đến 21/11/2026)");
    assert_eq!(headers[20], "Số ngày quá hạn");
    // First task: ids and text as they are; its deadline a real Excel date.
    assert_eq!(cell(4, 0), Data::String(tasks[0].id.0.clone()));
    match cell(4, 11) {
        Data::DateTime(dt) => assert_eq!(dt.as_datetime().unwrap().date(), tasks[0].deadline.due_date().unwrap()),
        other => panic!("deadline should be a date cell, got {other:?}"),
    }
    assert_eq!(cell(4, 14), Data::String("=HYPERLINK(\"http://x\")".into()), "text, never a formula");
    // Status and days overdue come from the status function.
    for (i, t) in tasks.iter().enumerate() {
        let s = t.status(as_of(), StatusRules::default());
        assert_eq!(cell(4 + i as u32, 19), Data::String((crate::i18n::texts().bucket)(s.bucket).into()));
        let days = cell(4 + i as u32, 20);
        if s.bucket == crate::domain::Bucket::Overdue {
            assert_eq!(days, Data::Float(s.days_late as f64));
        } else {
            assert_eq!(days, Data::Empty);
        }
    }
    assert_eq!(range.height(), 4 + tasks.len());
}

/// Export the whole sample, import it into an empty workspace: every task comes back field for field.
#[test]
fn export_then_import_reproduces_every_task() {
    let sample = sample_workspace(as_of());
    let units = UnitDirectory::new(sample.units.clone());
    let mut tasks = sample.tasks.clone();
    // Fields the sample leaves empty, filled so they travel too.
    tasks[0].officer = "Nguyễn Văn Bình".into();
    tasks[1].note = "Ghi chú\nhai dòng".into();
    tasks[2].source.reference = "125/TB-UBND".into();
    tasks[3].progress = Progress::Paused;
    tasks[4].deadline = crate::domain::read_deadline("sớm nhất có thể").deadline;
    let bytes = tracker_xlsx(&with_status(&tasks), &units, as_of(), "Toàn bộ nhiệm vụ").unwrap();

    let read = import::read(&ReadRequest { file_name: "Theo-doi.xlsx".into(), ..Default::default() }, &bytes).unwrap();
    let drafts: Vec<_> = read.into_iter().flat_map(|s| s.result.unwrap().rows).collect();
    assert_eq!(drafts.len(), tasks.len());
    let now = d(2026, 11, 22).and_hms_opt(8, 0, 0).unwrap();
    let mut n = 0;
    let plan = merge::plan(&[], &UnitDirectory::default(), &drafts, now, || {
        n += 1;
        TaskId::from_entropy(n)
    });
    assert_eq!(plan.added.len(), tasks.len());
    assert!(plan.skipped.is_empty(), "{:?}", plan.skipped);
    let name = |u: &UnitDirectory, id: &Option<crate::domain::UnitId>| id.as_ref().and_then(|i| u.get(i)).map(|x| x.name.clone());
    for (orig, back) in tasks.iter().zip(&plan.added) {
        assert_eq!(back.id, orig.id);
        assert_eq!(back.number, orig.number);
        assert_eq!(back.content, orig.content);
        assert_eq!(back.source, orig.source, "{}", orig.id.0);
        assert_eq!(name(&plan.units, &back.lead_unit), name(&units, &orig.lead_unit));
        let coord = |u: &UnitDirectory, t: &Task| t.coordinating_units.iter().filter_map(|i| u.get(i)).map(|x| x.name.clone()).collect::<Vec<_>>();
        assert_eq!(coord(&plan.units, back), coord(&units, orig));
        assert_eq!((&back.leader, &back.officer), (&orig.leader, &orig.officer));
        assert_eq!(back.deadline, orig.deadline, "{}", orig.id.0);
        assert_eq!(back.progress, orig.progress);
        assert_eq!((&back.result, &back.evidence, &back.note), (&orig.result, &orig.evidence, &orig.note));
        assert_eq!(back.completed_on, orig.completed_on);
        assert_eq!(back.status(as_of(), StatusRules::default()), orig.status(as_of(), StatusRules::default()));
    }
}

#[test]
fn csv_has_a_bom_semicolons_and_no_formulas_and_imports_back() {
    let sample = sample_workspace(as_of());
    let units = UnitDirectory::new(sample.units.clone());
    let mut tasks = sample.tasks[..3].to_vec();
    tasks[0].note = "=1+1".into();
    tasks[1].note = "-5 ngày so với kế hoạch".into();
    let bytes = view_csv(&with_status(&tasks), &units, as_of());
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    assert!(text.starts_with("Mã nhiệm vụ;STT;Văn bản giao;"));
    assert!(text.contains(";'=1+1;"));
    assert!(text.contains(";'-5 ngày so với kế hoạch;"));
    let read = import::read(&ReadRequest { file_name: "view.csv".into(), ..Default::default() }, &bytes).unwrap();
    let rows = &read[0].result.as_ref().unwrap().rows;
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[2].id.as_deref(), Some(tasks[2].id.as_str()));
}

#[test]
fn a_backup_restores_everything_and_a_newer_one_is_refused() {
    let sample = sample_workspace(as_of());
    let at = d(2026, 11, 21).and_hms_opt(9, 0, 0).unwrap();
    let bytes = backup_json(&sample.tasks, &sample.units, at);
    let back = read_backup(&bytes).unwrap();
    assert_eq!(back.tasks, sample.tasks);
    assert_eq!(back.units, sample.units);
    let newer = String::from_utf8(bytes).unwrap().replacen("\"schema_version\": 1", "\"schema_version\": 7", 1);
    assert_eq!(read_backup(newer.as_bytes()), Err(RestoreError::NewerVersion(7)));
    assert_eq!(read_backup(b"{\"hello\": 1}"), Err(RestoreError::NotABackup));
    assert_eq!(read_backup(b"PK\x03\x04 not json"), Err(RestoreError::NotABackup));
}

#[test]
fn rows_are_tall_enough_for_their_wrapped_text() {
    use super::tracker::lines_needed;
    assert_eq!(lines_needed("ngắn", 20.0), 1);
    assert_eq!(lines_needed(&"x".repeat(100), 20.0), 4);
    assert_eq!(lines_needed("dòng một\ndòng hai", 50.0), 2);
}

#[test]
fn file_names_say_what_and_when() {
    assert_eq!(file_name(TRACKER_NAME, d(2024, 1, 20), "xlsx"), "Theo-doi-nhiem-vu_2024-01-20.xlsx");
    assert!(is_formula_like("=SUM(A1)") && is_formula_like("@x") && !is_formula_like("Rà soát"));
}
