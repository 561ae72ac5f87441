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
        assert_eq!(cell(4 + i as u32, 19), Data::String(crate::vocabulary::bucket(s.bucket).into()));
        let days = cell(4 + i as u32, 20);
        if s.bucket == crate::domain::Bucket::Overdue {
            assert_eq!(days, Data::Float(s.days_late as f64));
        } else {
            assert_eq!(days, Data::Empty);
        }
    }
    assert_eq!(range.height(), 4 + tasks.len());
    // Shown dd/mm/yyyy, in the official typeface; printed A4 landscape with the header repeated.
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes.clone())).unwrap();
    let mut part = |name: &str| {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut zip.by_name(name).unwrap(), &mut s).unwrap();
        s
    };
    let styles = part("xl/styles.xml");
    assert!(styles.contains("formatCode=\"dd/mm/yyyy\""), "dates shown dd/mm/yyyy");
    assert!(styles.contains("Times New Roman"));
    let sheet = part("xl/worksheets/sheet1.xml");
    assert!(sheet.contains("orientation=\"landscape\"") && sheet.contains("paperSize=\"9\""), "A4 landscape");
    assert!(sheet.contains("<autoFilter ref=\"A4:U156\""), "autofilter on the header");
    assert!(sheet.contains("state=\"frozen\""), "header frozen");
    assert!(part("xl/workbook.xml").contains("_xlnm.Print_Titles"), "header repeated on every printed page");
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
    let plan = merge::plan(&[], &UnitDirectory::default(), &drafts, &[], now, || {
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
    let newer = String::from_utf8(bytes).unwrap().replacen(&format!("\"schema_version\": {}", crate::store::schema::SCHEMA_VERSION), "\"schema_version\": 7", 1);
    assert_eq!(read_backup(newer.as_bytes()), Err(RestoreError::NewerVersion(7)));
    assert_eq!(read_backup(b"{\"hello\": 1}"), Err(RestoreError::NotABackup));
    assert_eq!(read_backup(b"PK\x03\x04 not json"), Err(RestoreError::NotABackup));
}

#[test]
fn a_backup_with_repeated_ids_is_restored_once_each_and_says_so() {
    let sample = sample_workspace(as_of());
    let at = d(2026, 11, 21).and_hms_opt(9, 0, 0).unwrap();
    let mut tasks = sample.tasks[..3].to_vec();
    tasks[1].id = tasks[0].id.clone();
    tasks[2].id = tasks[0].id.clone();
    let back = read_backup(&backup_json(&tasks, &sample.units, at)).unwrap();
    assert_eq!(back.tasks.len(), 1, "three records with one id are one task");
    assert_eq!(back.tasks[0].content, tasks[2].content, "the last record wins");
    assert_eq!(back.repeated_ids, 2);
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

/// A unit's capitals survive, its accents and punctuation do not; a " - " inside the name does not
/// shift the capitals onto the wrong words (it did: "Phong-Tai-chinh-ke-Hoach").
#[test]
fn unit_names_in_file_names_keep_their_capitals() {
    assert_eq!(name_slug("Phòng Tài chính - Kế hoạch"), "Phong-Tai-chinh-Ke-hoach");
    assert_eq!(name_slug("Phòng TN&MT"), "Phong-TN-MT");
    assert_eq!(name_slug("UBND phường Mai Hùng"), "UBND-phuong-Mai-Hung");
    let mut units = UnitDirectory::default();
    let id = units.resolve_or_add("Phòng Tài chính - Kế hoạch").unwrap().id().clone();
    let unit = units.get(&id).unwrap();
    assert_eq!(unit_list::unit_file_name(unit, d(2024, 3, 5)), "Nhiem-vu_Phong-Tai-chinh-Ke-hoach_2024-03-05.xlsx");
}

mod report_and_units {
    use std::io::Read;

    use calamine::{open_workbook_from_rs, Data, Reader, Xlsx};
    use chrono::NaiveDate;

    use super::super::report_xlsx::report_xlsx;
    use super::super::unit_list::{all_units_zip, unit_file_name, unit_xlsx, UnitList};
    use crate::domain::{read_deadline, Progress, StatusRules, Task, TaskId, UnitDirectory, UnitId};
    use crate::import::{self, merge, ReadRequest};
    use crate::report::monthly::{report, Basis, ReportPeriod};

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2024, m, day).unwrap()
    }

    /// The same small January workspace as the report's own tests, worked by hand.
    fn workspace() -> (Vec<Task>, UnitDirectory) {
        let mut units = UnitDirectory::default();
        let kt = units.resolve_or_add("Phòng Kinh tế").unwrap().id().clone();
        let mh = units.resolve_or_add("Phường Mai Hùng").unwrap().id().clone();
        let mut n = 0;
        let mut task = |unit: &UnitId, deadline: &str, progress: Progress, done: Option<NaiveDate>| {
            n += 1;
            let mut t = Task::new(TaskId(format!("T{n}")), format!("Việc số {n}"));
            t.lead_unit = Some(unit.clone());
            t.source.date = Some(d(1, 2));
            t.source.reference = "15/TB-UBND".into();
            t.deadline = read_deadline(deadline).deadline;
            t.progress = progress;
            t.completed_on = done;
            t
        };
        let tasks = vec![
            task(&kt, "20/01/2024", Progress::Done, Some(d(1, 18))),
            task(&kt, "20/01/2024", Progress::Done, Some(d(1, 25))),
            task(&kt, "31/01/2024", Progress::InProgress, None),
            task(&mh, "05/01/2024", Progress::InProgress, None),
            task(&mh, "", Progress::NotStarted, None),
        ];
        (tasks, units)
    }

    fn sheet(bytes: &[u8], name: &str) -> calamine::Range<Data> {
        let mut book: Xlsx<_> = open_workbook_from_rs(std::io::Cursor::new(bytes.to_vec())).unwrap();
        book.worksheet_range(name).unwrap()
    }

    fn s(v: &str) -> Data {
        Data::String(v.into())
    }

    #[test]
    fn the_report_annex_has_the_figures_worked_by_hand() {
        let (tasks, units) = workspace();
        let r = report(&tasks, &units, ReportPeriod::Month { year: 2024, month: 1 }, Basis::Assigned, d(2, 10), StatusRules::default());
        let bytes = report_xlsx(&r).unwrap();
        let sum = sheet(&bytes, "Tổng hợp");
        let cell = |row: u32, col: u32| sum.get_value((row, col)).cloned().unwrap_or(Data::Empty);
        assert_eq!(cell(0, 0), s("PHỤ LỤC"));
        assert_eq!(cell(1, 0), s("TỔNG HỢP KẾT QUẢ THỰC HIỆN NHIỆM VỤ THÁNG 01/2024"));
        assert!(cell(2, 0).to_string().starts_with("(Kèm theo Báo cáo số"), "{:?}", cell(2, 0));
        assert!(cell(3, 0).to_string().starts_with("Số liệu tính đến ngày 10/02/2024; tính các nhiệm vụ được giao trong kỳ"));
        // The two-level header: groups above their parts.
        assert_eq!((cell(5, 3), cell(6, 3), cell(6, 4), cell(6, 5)), (s("Hoàn thành"), s("Đúng hạn"), s("Quá hạn"), s("Chưa rõ ngày")));
        assert_eq!((cell(5, 6), cell(6, 6), cell(6, 7)), (s("Chưa hoàn thành"), s("Trong hạn"), s("Quá hạn")));
        assert_eq!(cell(5, 9), s("Tỷ lệ hoàn thành đúng hạn"));
        // Phòng Kinh tế: 3 tasks, 1 on time, 1 late, 0 undated, 0 in time, 1 overdue, rate 1/3.
        let row = |r: u32| (2..10).map(|c| cell(r, c)).collect::<Vec<_>>();
        let n = |v: f64| Data::Float(v);
        assert_eq!(cell(7, 1), s("Phòng Kinh tế"));
        assert_eq!(row(7), vec![n(3.0), n(1.0), n(1.0), n(0.0), n(0.0), n(1.0), n(0.0), s("33,3%")]);
        assert_eq!(cell(8, 1), s("Cộng phòng, ban, đơn vị"));
        assert_eq!(cell(9, 1), s("Phường Mai Hùng"));
        assert_eq!(row(9), vec![n(2.0), n(0.0), n(0.0), n(0.0), n(0.0), n(1.0), n(1.0), s("0,0%")]);
        assert_eq!(cell(11, 1), s("Tổng cộng"));
        // Total: 1 on time out of 4 judged (1 on time, 1 late, 2 overdue).
        assert_eq!(row(11), vec![n(5.0), n(1.0), n(1.0), n(0.0), n(0.0), n(2.0), n(1.0), s("25,0%")]);
        assert_eq!(cell(11, 10), s("1/4 đúng hạn"));
        let signed = (0..30).flat_map(|r| (0..11).map(move |c| (r, c))).map(|(r, c)| cell(r, c).to_string()).collect::<Vec<_>>();
        assert!(signed.iter().any(|t| t == "NGƯỜI LẬP BIỂU") && signed.iter().any(|t| t.starts_with("TL. CHỦ TỊCH")), "the signature block");
        // With the office known, the issuing body heads the annex and the report names it.
        let head = crate::export::docx::Letterhead::sample(d(2, 10), "UBND-VP");
        let bytes_with_head = super::super::report_xlsx::report_annex_xlsx(&r, Some(&head)).unwrap();
        let with_head = sheet(&bytes_with_head, "Tổng hợp");
        let hc = |row: u32, col: u32| with_head.get_value((row, col)).cloned().unwrap_or(Data::Empty);
        assert_eq!((hc(0, 0), hc(1, 0), hc(3, 0)), (s("ỦY BAN NHÂN DÂN"), s("THỊ XÃ HOÀNG MAI"), s("PHỤ LỤC")));
        assert!(hc(5, 0).to_string().ends_with("của UBND thị xã (qua Văn phòng HĐND và UBND thị xã))"), "{:?}", hc(5, 0));
        assert!(xml_of(&bytes_with_head, "xl/worksheets/sheet1.xml").contains("Trang &amp;P/&amp;N"), "page numbers in the footer");

        let od = sheet(&bytes, "Nhiệm vụ quá hạn");
        let c = |row: u32, col: u32| od.get_value((row, col)).cloned().unwrap_or(Data::Empty);
        assert_eq!(c(4, 2), s("Việc số 4"), "oldest first: 36 days");
        assert_eq!((c(4, 6), c(4, 7)), (Data::Float(36.0), s("Trên 30 ngày")));
        assert_eq!((c(5, 2), c(5, 6), c(5, 7)), (s("Việc số 3"), Data::Float(10.0), s("8–30 ngày")));
        assert_eq!(c(6, 2), Data::Empty);
    }

    fn xml_of(xlsx: &[u8], part: &str) -> String {
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(xlsx)).unwrap();
        let mut s = String::new();
        zip.by_name(part).unwrap().read_to_string(&mut s).unwrap();
        s
    }

    #[test]
    fn a_units_list_protects_all_but_what_it_fills_in_and_comes_back_as_an_update() {
        let (tasks, units) = workspace();
        let kt = &units.units()[0];
        let mine = |ts: &[Task]| -> Vec<Task> { ts.iter().filter(|t| t.lead_unit.as_ref() == Some(&kt.id)).cloned().collect() };
        let as_of = d(2, 10);
        let rows: Vec<Task> = mine(&tasks);
        fn with(ts: &[Task], as_of: NaiveDate) -> Vec<(&Task, crate::domain::Status)> {
            ts.iter().map(|t| (t, t.status(as_of, StatusRules::default()))).collect()
        }
        let bytes = unit_xlsx(&UnitList::lead_only(kt, with(&rows, as_of)), &units, as_of).unwrap();
        let sheet_xml = xml_of(&bytes, "xl/worksheets/sheet1.xml");
        assert!(sheet_xml.contains("<sheetProtection"), "the sheet is protected");
        assert!(sheet_xml.contains("<dataValidation type=\"list\""), "progress is a drop-down");
        assert!(sheet_xml.contains("Chưa thực hiện,Đang thực hiện,Hoàn thành,Tạm dừng"));
        assert!(xml_of(&bytes, "xl/styles.xml").contains("locked=\"0\""), "the fill-in cells are unlocked");
        let range = sheet(&bytes, "Nhiệm vụ");
        let head = |c: u32| range.get_value((3, c)).cloned();
        assert_eq!((head(6), head(7), head(8), head(12)), (
            Some(Data::String("Đánh giá (tính đến 10/02/2024)".into())),
            Some(Data::String("Số ngày quá hạn".into())),
            Some(Data::String("Tiến độ".into())),
            Some(Data::String("Khó khăn, vướng mắc".into())),
        ));
        assert_eq!(range.height(), 4 + rows.len());
        // Sent on Saturday 10/02/2024: back within five working days, by Friday 16/02.
        assert!(range.get_value((1, 0)).unwrap().to_string().contains("gửi lại file này trước ngày 16/02/2024"));
        // Each task's status and days overdue as of that date.
        for (i, t) in rows.iter().enumerate() {
            let s = t.status(as_of, StatusRules::default());
            assert_eq!(range.get_value((4 + i as u32, 6)), Some(&Data::String(crate::vocabulary::bucket(s.bucket).into())));
            let days = range.get_value((4 + i as u32, 7)).cloned().unwrap_or(Data::Empty);
            let want = if s.bucket == crate::domain::Bucket::Overdue { Data::Float(s.days_late as f64) } else { Data::Empty };
            assert_eq!(days, want, "{}", t.content);
        }

        // The unit fills in its results and sends the same file back.
        let mut filled = rows.clone();
        filled[2].progress = Progress::Done;
        filled[2].result = "Đã ban hành kế hoạch".into();
        filled[2].completed_on = Some(d(2, 5));
        filled[1].note = "Chờ Sở Tài chính thẩm định giá".into();
        let returned = unit_xlsx(&UnitList::lead_only(kt, with(&filled, as_of)), &units, as_of).unwrap();
        let read = import::read(&ReadRequest { file_name: "tra-lai.xlsx".into(), ..Default::default() }, &returned).unwrap();
        let sheets: Vec<_> = read.into_iter().map(|s| s.result.unwrap()).collect();
        assert_eq!(sheets[0].header_excel_row, 4, "the header row as Excel numbers it (an empty row above)");
        let drafts: Vec<_> = sheets.into_iter().flat_map(|s| s.rows).collect();
        // The list has no unit column: its title says whose it is, so no row lacks a unit.
        assert!(drafts.iter().all(|d| d.problems.is_empty()), "{:?}", drafts.iter().map(|d| &d.problems).collect::<Vec<_>>());
        assert!(drafts.iter().all(|d| d.lead_unit.as_deref() == Some(kt.name.as_str())));
        let plan = merge::plan(&tasks, &units, &drafts, &[], d(2, 10).and_hms_opt(9, 0, 0).unwrap(), || TaskId("new".into()));
        assert!(plan.warnings.is_empty(), "{:?}", plan.warnings);
        assert_eq!((plan.added.len(), plan.updated.len(), plan.unchanged), (0, 2, 1), "only the tasks filled in change");
        let obstacle = plan.updated.iter().find(|u| u.task.id == filled[1].id).expect("the difficulty comes back");
        assert_eq!(obstacle.task.note, "Chờ Sở Tài chính thẩm định giá", "Khó khăn, vướng mắc is read into the note");
        let updated = &plan.updated.iter().find(|u| u.task.id.as_str() == "T3").expect("T3 updated").task;
        assert_eq!((updated.id.as_str(), updated.progress, updated.completed_on), ("T3", Progress::Done, Some(d(2, 5))));
        assert_eq!(updated.result, "Đã ban hành kế hoạch");
    }

    #[test]
    fn every_units_list_in_one_zip() {
        let (tasks, units) = workspace();
        let as_of = d(2, 10);
        let lists: Vec<_> = units
            .units()
            .iter()
            .map(|u| UnitList::lead_only(u, tasks.iter().filter(|t| t.lead_unit.as_ref() == Some(&u.id)).map(|t| (t, t.status(as_of, StatusRules::default()))).collect::<Vec<_>>()))
            .collect();
        let zip_bytes = all_units_zip(&lists, &units, as_of).unwrap();
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(zip_bytes)).unwrap();
        let names: Vec<String> = (0..zip.len()).map(|i| zip.by_index(i).unwrap().name().unwrap().to_string()).collect();
        assert_eq!(names, ["Nhiem-vu_Phong-Kinh-te_2024-02-10.xlsx", "Nhiem-vu_Phuong-Mai-Hung_2024-02-10.xlsx"]);
        let mut inner = Vec::new();
        zip.by_index(1).unwrap().read_to_end(&mut inner).unwrap();
        assert_eq!(sheet(&inner, "Nhiệm vụ").height(), 4 + 2);
        assert_eq!(unit_file_name(&units.units()[0], as_of), "Nhiem-vu_Phong-Kinh-te_2024-02-10.xlsx");
    }

    #[test]
    fn lists_sent_and_sent_back_say_which_units_have_answered() {
        use crate::domain::{answer, Answer, ExchangeKind};
        use crate::export::unit_list::{lists_of, lists_sent, reply_by};
        use crate::workspace::{apply, Command, Stamped, Workspace};
        let (tasks, units) = workspace();
        let mut ws = Workspace { tasks, units, bin: Vec::new() };
        let (kt, mh) = (ws.units.units()[0].id.clone(), ws.units.units()[1].id.clone());
        let sent_on = d(2, 5); // Monday: back by Monday 12/02
        let at = |day: NaiveDate| day.and_hms_opt(9, 0, 0).unwrap();
        // Every unit's list goes out.
        let lists = lists_of(&ws.tasks, &ws.units, None, sent_on, StatusRules::default());
        let sent = lists_sent(&lists, sent_on);
        assert_eq!(sent.len(), 2, "both units lead tasks");
        assert_eq!(sent[0].1.tasks.len(), 3);
        assert_eq!(sent[0].1.reply_by, Some(d(2, 12)));
        assert_eq!(reply_by(sent_on), d(2, 12));
        apply(&mut ws, &Stamped { at: at(sent_on), command: Command::Exchanged { entries: sent } }).unwrap();
        let state = |ws: &Workspace, id: &UnitId, day: NaiveDate| answer(&ws.units.get(id).unwrap().exchanges, day);
        assert!(matches!(state(&ws, &kt, d(2, 8)), Answer::Waiting { by, .. } if by == d(2, 12)));

        // Phòng Kinh tế sends its list back filled in; the import notes its answer in the same step.
        let kt_unit = ws.units.get(&kt).unwrap().clone();
        let mut filled: Vec<Task> = ws.tasks.iter().filter(|t| t.lead_unit.as_ref() == Some(&kt)).cloned().collect();
        filled[2].progress = Progress::Done;
        filled[2].completed_on = Some(d(2, 7));
        let rows: Vec<_> = filled.iter().map(|t| (t, t.status(sent_on, StatusRules::default()))).collect();
        let back = unit_xlsx(&UnitList::lead_only(&kt_unit, rows), &ws.units, sent_on).unwrap();
        let read = import::read(&ReadRequest { file_name: "PKT-gui-lai.xlsx".into(), ..Default::default() }, &back).unwrap();
        let sheets: Vec<_> = read.into_iter().map(|s| s.result.unwrap()).collect();
        assert_eq!(sheets[0].returned_by.as_deref(), Some("Phòng Kinh tế"), "the title says whose list it is");
        let drafts: Vec<_> = sheets.iter().flat_map(|s| s.rows.clone()).collect();
        let plan = merge::plan(&ws.tasks, &ws.units, &drafts, &[], at(d(2, 9)), || TaskId("new".into()));
        let replies = merge::replies(&plan, &ws.tasks, &sheets.iter().collect::<Vec<_>>(), d(2, 9), "PKT-gui-lai.xlsx");
        assert_eq!(replies.len(), 1);
        assert_eq!((replies[0].1.kind, replies[0].1.tasks.len()), (ExchangeKind::ReplyReceived, 3));
        let mut command = Command::import(&plan, &ws.units);
        if let Command::Import { replies: r, .. } = &mut command {
            *r = replies;
        }
        let step = apply(&mut ws, &Stamped { at: at(d(2, 9)), command }).unwrap();
        assert_eq!(state(&ws, &kt, d(2, 20)), Answer::Answered { on: d(2, 9) });
        // Phường Mai Hùng has not: late from the day after 12/02.
        assert_eq!(state(&ws, &mh, d(2, 12)), Answer::Waiting { asked: sent_on, by: d(2, 12), reminders: 0 });
        assert_eq!(state(&ws, &mh, d(2, 15)), Answer::Late { asked: sent_on, by: d(2, 12), days: 3, reminders: 0 });
        // Undoing the import takes the answer back with the results.
        ws.apply_patch(&step.undo, None);
        assert!(matches!(state(&ws, &kt, d(2, 20)), Answer::Late { .. }));

        // Units merged: what was sent to either is the merged unit's.
        apply(&mut ws, &Stamped { at: at(d(2, 21)), command: Command::MergeUnits { from: mh.clone(), into: kt.clone() } }).unwrap();
        assert_eq!(ws.units.get(&kt).unwrap().exchanges.len(), 2);
    }

    #[test]
    fn a_unit_that_coordinates_gets_those_tasks_for_information_never_read_back() {
        use crate::export::unit_list::lists_of;
        use crate::import::SheetError;
        let (mut tasks, mut units) = workspace();
        let (kt, mh) = (units.units()[0].id.clone(), units.units()[1].id.clone());
        let tt = units.resolve_or_add("Thanh tra thị xã").unwrap().id().clone();
        // Phòng Kinh tế's first task is helped by Mai Hùng and the inspectorate; Mai Hùng's by Phòng Kinh tế.
        tasks[0].coordinating_units = vec![mh.clone(), tt.clone()];
        tasks[3].coordinating_units = vec![kt.clone()];
        let as_of = d(2, 10);
        let lists = lists_of(&tasks, &units, None, as_of, StatusRules::default());
        let of = |id: &UnitId| lists.iter().find(|l| &l.unit.id == id).unwrap();
        assert_eq!((of(&kt).lead.len(), of(&kt).coordinated.len()), (3, 1));
        assert_eq!((of(&tt).lead.len(), of(&tt).coordinated.len()), (0, 1), "the inspectorate only coordinates");

        // The inspectorate's list: only what it coordinates, with the lead unit named.
        let bytes = unit_xlsx(of(&tt), &units, as_of).unwrap();
        let book: Xlsx<_> = open_workbook_from_rs(std::io::Cursor::new(bytes.clone())).unwrap();
        assert_eq!(book.sheet_names(), ["Phối hợp"]);
        let co = sheet(&bytes, "Phối hợp");
        assert_eq!(co.get_value((0, 0)), Some(&s("NHIỆM VỤ THANH TRA THỊ XÃ PHỐI HỢP THỰC HIỆN")));
        assert_eq!((co.get_value((4, 3)), co.get_value((4, 4))), (Some(&s("Việc số 1")), Some(&s("Phòng Kinh tế"))));
        assert!(xml_of(&bytes, "xl/worksheets/sheet1.xml").contains("<sheetProtection"), "nothing to fill in");
        // Sent back, it is refused as a whole, with the reason.
        let refused = import::read(&ReadRequest { file_name: "tt.xlsx".into(), ..Default::default() }, &bytes);
        assert_eq!(refused.err(), Some(crate::import::ImportError::ForInformation));
        // In the zip of every unit's list, it has its own file.
        let zip_bytes = all_units_zip(&lists, &units, as_of).unwrap();
        let zip = zip::ZipArchive::new(std::io::Cursor::new(zip_bytes)).unwrap();
        assert!(zip.file_names().any(|n| n.is_ok_and(|n| n == "Nhiem-vu_Thanh-tra-thi-xa_2024-02-10.xlsx")));

        // Phòng Kinh tế's list has both sheets; sent back, only its own tasks are read.
        let both = unit_xlsx(of(&kt), &units, as_of).unwrap();
        let read = import::read(&ReadRequest { file_name: "kt.xlsx".into(), ..Default::default() }, &both).unwrap();
        let results: Vec<(&str, Result<usize, &SheetError>)> = read.iter().map(|s| (s.name.as_str(), s.result.as_ref().map(|r| r.rows.len()))).collect();
        assert_eq!(results, vec![("Nhiệm vụ", Ok(3)), ("Phối hợp", Err(&SheetError::ForInformation))]);
        // Only tasks it leads are listed as sent and awaited.
        let sent = crate::export::unit_list::lists_sent(&lists, as_of);
        assert!(sent.iter().all(|(u, _)| u != &tt));
    }
}
