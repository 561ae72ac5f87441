//! Import over real layouts, built with rust_xlsxwriter the way offices build their trackers.

use chrono::{NaiveDate, NaiveDateTime};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, Worksheet};

use super::*;
use crate::domain::{DeadlineKind, Progress, Recurrence, TaskId, UnitDirectory};
use crate::workspace::{apply, Command, Stamped, Workspace};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn now() -> NaiveDateTime {
    d(2024, 1, 25).and_hms_opt(9, 0, 0).unwrap()
}

fn xlsx(build: impl FnOnce(&mut Worksheet)) -> Vec<u8> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet().set_name("Theo dõi").unwrap();
    build(sheet);
    book.save_to_buffer().unwrap()
}

fn write_row(sheet: &mut Worksheet, row: u32, values: &[&str]) {
    for (c, v) in values.iter().enumerate() {
        if !v.is_empty() {
            sheet.write_string(row, c as u16, *v).unwrap();
        }
    }
}

fn read_one(name: &str, bytes: &[u8]) -> SheetRead {
    let outcomes = read(&ReadRequest { file_name: name.into(), ..Default::default() }, bytes).unwrap();
    outcomes.into_iter().find_map(|o| o.result.ok()).expect("a sheet with a table")
}

fn ids(n: u64) -> impl FnMut() -> TaskId {
    let mut i = n;
    move || {
        i += 1;
        TaskId::from_entropy(i)
    }
}

/// A tracker as offices keep it: titles above the table, a two-row header with merged cells,
/// a numbering row, group rows naming units, a unit cell merged over several rows, and a
/// signature block below.
fn office_tracker() -> Vec<u8> {
    xlsx(|s| {
        let date = Format::new().set_num_format("dd/mm/yyyy");
        write_row(s, 0, &["UBND THỊ XÃ HOÀNG MAI"]);
        write_row(s, 1, &["BẢNG THEO DÕI NHIỆM VỤ DO CHỦ TỊCH, CÁC PHÓ CHỦ TỊCH GIAO NĂM 2024"]);
        write_row(s, 2, &["(Kèm theo Báo cáo số 15/BC-VP ngày 25/01/2024)"]);
        // Row 4 left blank; header on rows 5–6 (Excel numbering).
        s.merge_range(4, 0, 5, 0, "TT", &Format::new()).unwrap();
        s.merge_range(4, 1, 5, 1, "Nội dung nhiệm vụ", &Format::new()).unwrap();
        s.merge_range(4, 2, 5, 2, "Đơn vị chủ trì", &Format::new()).unwrap();
        s.merge_range(4, 3, 5, 3, "Số/ký hiệu văn bản", &Format::new()).unwrap();
        s.merge_range(4, 4, 5, 4, "Thời hạn hoàn thành (dd/mm/yyyy)", &Format::new()).unwrap();
        s.merge_range(4, 5, 4, 7, "Kết quả thực hiện", &Format::new()).unwrap();
        write_row(s, 5, &["", "", "", "", "", "Tiến độ", "Ngày hoàn thành", "Minh chứng"]);
        write_row(s, 6, &["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)", "(8)"]);
        write_row(s, 7, &["A", "NGUỒN TRUNG ƯƠNG"]);
        s.merge_range(7, 1, 7, 7, "NGUỒN TRUNG ƯƠNG", &Format::new()).unwrap();
        write_row(s, 8, &["I", "Phòng Kinh tế"]);
        s.merge_range(8, 1, 8, 7, "Phòng Kinh tế", &Format::new()).unwrap();
        write_row(s, 9, &["1", "Tập trung chỉ đạo sản xuất cây trồng vụ Xuân", "", "125/TB-UBND", "trong tháng 01/2024", "Hoàn thành"]);
        s.write_datetime_with_format(9, 6, ExcelDateTime::from_ymd(2024, 1, 18).unwrap(), &date).unwrap();
        write_row(s, 9, &["", "", "", "", "", "", "", "Báo cáo số 12/BC-KT"]);
        write_row(s, 10, &["2", "Tham mưu kế hoạch Tết trồng cây", "", "125/TB-UBND", "", "Đang thực hiện"]);
        s.write_datetime_with_format(10, 4, ExcelDateTime::from_ymd(2024, 1, 31).unwrap(), &date).unwrap();
        write_row(s, 11, &["II", "Các xã, phường"]);
        s.merge_range(11, 1, 11, 7, "Các xã, phường", &Format::new()).unwrap();
        // One unit cell merged over three tasks.
        s.merge_range(12, 2, 14, 2, "Phường Mai Hùng", &Format::new()).unwrap();
        write_row(s, 12, &["3", "Vận động bàn giao mặt bằng", "", "125/TB-UBND", "hàng tuần", "x"]);
        write_row(s, 13, &["4", "Giải quyết vụ việc chợ Mai Hùng", "", "125/TB-UBND", "quý I/2024", "Chưa thực hiện"]);
        write_row(s, 14, &["5", "Hoàn thành hồ sơ quyết toán", "", "125/TB-UBND", "sớm nhất có thể", ""]);
        s.write_number(15, 0, 6).unwrap();
        write_row(s, 15, &["", "Tổng hợp báo cáo quyết toán", "Xã Quỳnh Vinh", "125/TB-UBND"]);
        s.write_number(15, 4, 45311.0).unwrap(); // an Excel serial number, not formatted as a date
        write_row(s, 17, &["Nơi nhận:", "", "", "", "", "TM. ỦY BAN NHÂN DÂN"]);
        write_row(s, 18, &["- Như trên;", "", "", "", "", "CHỦ TỊCH"]);
    })
}

#[test]
fn finds_a_two_row_header_below_titles_and_maps_it() {
    let read = read_one("theo-doi.xlsx", &office_tracker());
    assert_eq!(read.header_excel_row, 5);
    use Field::*;
    assert_eq!(
        read.mapping,
        vec![Some(Number), Some(Content), Some(LeadUnit), Some(SourceRef), Some(Deadline), Some(Progress), Some(CompletedOn), Some(Evidence)]
    );
    assert_eq!(read.headers[5], "Kết quả thực hiện › Tiến độ");
}

#[test]
fn group_rows_give_their_unit_and_merged_cells_apply_to_each_row() {
    let read = read_one("theo-doi.xlsx", &office_tracker());
    let contents: Vec<&str> = read.rows.iter().map(|r| r.content.as_str()).collect();
    assert_eq!(
        contents,
        [
            "Tập trung chỉ đạo sản xuất cây trồng vụ Xuân",
            "Tham mưu kế hoạch Tết trồng cây",
            "Vận động bàn giao mặt bằng",
            "Giải quyết vụ việc chợ Mai Hùng",
            "Hoàn thành hồ sơ quyết toán",
            "Tổng hợp báo cáo quyết toán",
        ],
        "group rows, the numbering row and the signature block are not tasks"
    );
    assert_eq!(read.group_rows, 3);
    let units: Vec<Option<&str>> = read.rows.iter().map(|r| r.lead_unit.as_deref()).collect();
    assert_eq!(
        units,
        [
            Some("Phòng Kinh tế"),
            Some("Phòng Kinh tế"),
            Some("Phường Mai Hùng"),
            Some("Phường Mai Hùng"),
            Some("Phường Mai Hùng"),
            Some("Xã Quỳnh Vinh")
        ]
    );
    assert_eq!(read.rows[0].excel_row, 10);
}

#[test]
fn dates_progress_and_deadlines_read_from_every_form() {
    let read = read_one("theo-doi.xlsx", &office_tracker());
    let r = &read.rows;
    assert_eq!(r[0].deadline.as_ref().unwrap().due_date(), Some(d(2024, 1, 31)));
    assert_eq!(r[0].deadline.as_ref().unwrap().text, "trong tháng 01/2024");
    assert_eq!(r[0].completed_on, Some(d(2024, 1, 18)), "a date cell");
    assert_eq!(r[0].progress, Some(Progress::Done));
    assert_eq!(r[0].evidence.as_deref(), Some("Báo cáo số 12/BC-KT"));
    assert_eq!(r[1].deadline.as_ref().unwrap().due_date(), Some(d(2024, 1, 31)), "a date cell deadline");
    assert_eq!(r[1].progress, Some(Progress::InProgress));
    assert_eq!(r[2].deadline.as_ref().unwrap().kind, DeadlineKind::Recurring(Recurrence::Weekly));
    assert_eq!(r[2].progress, Some(Progress::Done), "an x in the progress column");
    assert_eq!(r[3].deadline.as_ref().unwrap().due_date(), Some(d(2024, 3, 31)));
    assert_eq!(r[3].progress, Some(Progress::NotStarted));
    assert_eq!(r[4].deadline.as_ref().unwrap().due_date(), None);
    assert_eq!(r[4].deadline.as_ref().unwrap().text, "sớm nhất có thể", "original text kept");
    assert_eq!(r[4].problems, vec![RowProblem::Deadline(crate::domain::DeadlineProblem::Unreadable)]);
    assert_eq!(r[5].deadline.as_ref().unwrap().due_date(), Some(d(2024, 1, 20)), "an Excel serial number");
}

#[test]
fn a_1904_workbook_reads_its_dates_right() {
    // rust_xlsxwriter writes 1900 workbooks; switch this one to the 1904 system as old Mac Excel does.
    let bytes = xlsx(|s| {
        write_row(s, 0, &["Nội dung nhiệm vụ", "Đơn vị chủ trì", "Thời hạn"]);
        write_row(s, 1, &["Rà soát quỹ đất", "Phòng Kinh tế"]);
        s.write_datetime_with_format(1, 2, ExcelDateTime::from_ymd(2024, 1, 20).unwrap(), &Format::new().set_num_format("dd/mm/yyyy"))
            .unwrap();
    });
    let bytes = set_1904(&bytes);
    let read = read_one("mac.xlsx", &bytes);
    // The serial written for 20/01/2024 in the 1900 system means 21/01/2028 in a 1904 workbook.
    assert_eq!(read.rows[0].deadline.as_ref().unwrap().due_date(), Some(d(2028, 1, 21)));
}

fn set_1904(xlsx: &[u8]) -> Vec<u8> {
    use std::io::{Read, Write};
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(xlsx)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).unwrap();
        let mut content = Vec::new();
        file.read_to_end(&mut content).unwrap();
        let name = file.name().unwrap().to_string();
        if name == "xl/workbook.xml" {
            let xml = String::from_utf8(content).unwrap();
            content = xml.replacen("<workbookPr", "<workbookPr date1904=\"1\"", 1).into_bytes();
            assert!(String::from_utf8_lossy(&content).contains("date1904"));
        }
        out.start_file(name, zip::write::SimpleFileOptions::default()).unwrap();
        out.write_all(&content).unwrap();
    }
    out.finish().unwrap().into_inner()
}

#[test]
fn problem_rows_are_reported_with_their_excel_row() {
    let bytes = xlsx(|s| {
        write_row(s, 0, &["Mã nhiệm vụ", "Nội dung nhiệm vụ", "Đơn vị chủ trì", "Thời hạn"]);
        write_row(s, 1, &["NV-1", "Rà soát quỹ đất", "Phòng Kinh tế", "31/02/2024"]);
        write_row(s, 2, &["NV-2", "", "Thanh tra", "20/01/2024"]);
        write_row(s, 3, &["NV-3", "Kiểm tra hồ sơ", "", "20/01/2024"]);
        write_row(s, 4, &["NV-1", "Rà soát quỹ đất (dòng lặp)", "Phòng Kinh tế", "20/01/2024"]);
    });
    let read = read_one("loi.xlsx", &bytes);
    let plan = plan(&[], &UnitDirectory::default(), &read.rows, &[], now(), ids(0));
    assert_eq!(plan.added.len(), 2, "rows 2 and 4 are imported; 3 has no content, 5 repeats an id");
    let skipped: Vec<(u32, &RowProblem)> = plan.skipped.iter().map(|n| (n.excel_row, &n.problem)).collect();
    assert_eq!(skipped.len(), 2);
    assert_eq!(skipped[0], (3, &RowProblem::NoContent));
    assert!(matches!(skipped[1], (5, RowProblem::DuplicateId { id, first }) if id == "NV-1" && first.1 == 2));
    let warnings: Vec<(u32, &RowProblem)> = plan.warnings.iter().map(|n| (n.excel_row, &n.problem)).collect();
    assert_eq!(
        warnings,
        vec![(2, &RowProblem::Deadline(crate::domain::DeadlineProblem::InvalidDate)), (4, &RowProblem::NoUnit)]
    );
    assert!(plan.skipped.iter().all(|n| n.sheet == "Theo dõi"));
}

#[test]
fn a_second_sheet_and_empty_or_headerless_sheets_are_told_apart() {
    let mut book = Workbook::new();
    let a = book.add_worksheet().set_name("Tháng 1").unwrap();
    write_row(a, 0, &["Nội dung", "Đơn vị chủ trì"]);
    write_row(a, 1, &["Việc một", "Thanh tra"]);
    book.add_worksheet().set_name("Trống").unwrap();
    let c = book.add_worksheet().set_name("Ghi chép").unwrap();
    write_row(c, 0, &["Chỉ là ghi chép", "không phải bảng"]);
    let outcomes = read(&ReadRequest { file_name: "nhieu-sheet.xlsx".into(), ..Default::default() }, &book.save_to_buffer().unwrap())
        .unwrap();
    let results: Vec<(&str, Result<usize, &SheetError>)> =
        outcomes.iter().map(|o| (o.name.as_str(), o.result.as_ref().map(|r| r.rows.len()))).collect();
    assert_eq!(results, vec![("Tháng 1", Ok(1)), ("Trống", Err(&SheetError::Empty)), ("Ghi chép", Err(&SheetError::NoHeader))]);
}

#[test]
fn bad_files_each_get_their_own_error() {
    let req = |name: &str| ReadRequest { file_name: name.into(), ..Default::default() };
    assert_eq!(read(&req("a.xlsx"), b""), Err(ImportError::EmptyFile));
    assert_eq!(read(&req("anh.png"), b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"), Err(ImportError::NotASpreadsheet));
    let good = office_tracker();
    assert!(matches!(read(&req("cut.xlsx"), &good[..good.len() / 2]), Err(ImportError::Damaged(_))));
    assert!(matches!(read(&req("fake.xlsx"), b"this is not a workbook at all"), Err(ImportError::Damaged(_))));
    let huge = vec![b'a'; MAX_FILE_BYTES + 1];
    assert_eq!(read(&req("huge.csv"), &huge), Err(ImportError::TooLarge { bytes: MAX_FILE_BYTES + 1 }));
    let empty_book = xlsx(|_| {});
    assert_eq!(read(&req("empty.xlsx"), &empty_book), Err(ImportError::NoData));
    let no_header = xlsx(|s| write_row(s, 0, &["Chỉ là ghi chép", "không phải bảng"]));
    assert_eq!(read(&req("x.xlsx"), &no_header), Err(ImportError::NoHeader));
}

/// The tracker exported with ids, then sent back by the unit with results filled in and one row added.
/// A confirmed import, through the workspace's one `apply`.
fn apply_plan(ws: &mut Workspace, plan: &merge::MergePlan) {
    let command = Command::import(plan, &ws.units);
    apply(ws, &Stamped { at: now(), command }).expect("the import applies");
}

#[test]
fn re_import_updates_never_duplicates() {
    let first = xlsx(|s| {
        write_row(s, 0, &["Mã nhiệm vụ", "Nội dung nhiệm vụ", "Đơn vị chủ trì", "Thời hạn", "Tiến độ", "Kết quả thực hiện", "Ghi chú"]);
        write_row(s, 1, &["NV-A", "Rà soát quỹ đất công", "Phòng TNMT", "20/01/2024", "Chưa thực hiện", "", "Ghi chú gốc"]);
        write_row(s, 2, &["NV-B", "Kiểm tra xe quá tải", "Công an thị xã", "25/01/2024", "Đang thực hiện", "", ""]);
        write_row(s, 3, &["NV-C", "Tổng kết trật tự đô thị", "Phòng QLĐT", "31/01/2024", "Chưa thực hiện", "", ""]);
    });
    let read1 = read_one("lan-1.xlsx", &first);
    let p1 = plan(&[], &UnitDirectory::default(), &read1.rows, &[], now(), ids(0));
    assert_eq!((p1.added.len(), p1.updated.len(), p1.unchanged), (3, 0, 0));
    let mut ws = Workspace::default();
    apply_plan(&mut ws, &p1);
    let units = ws.units.clone();
    let mut tasks = ws.tasks.clone();
    tasks[1].leader = "Đ/c Hùng".into(); // set in the app after the export; the file has no such column

    // The unit's file: no "Ghi chú" column, results filled in, one row added.
    let second = xlsx(|s| {
        write_row(s, 0, &["Mã nhiệm vụ", "Nội dung nhiệm vụ", "Đơn vị chủ trì", "Thời hạn", "Tiến độ", "Kết quả thực hiện", "Ngày hoàn thành"]);
        write_row(s, 1, &["NV-A", "Rà soát quỹ đất công", "Phòng Tài nguyên và Môi trường", "20/01/2024", "Hoàn thành", "Đã rà soát 12 thửa", "19/01/2024"]);
        write_row(s, 2, &["NV-B", "Kiểm tra xe quá tải", "Công an", "25/01/2024", "Đang thực hiện", "Đã kiểm tra 40 xe", ""]);
        write_row(s, 3, &["NV-C", "Tổng kết trật tự đô thị", "Phòng QLĐT", "31/01/2024", "Chưa thực hiện", "", ""]);
        write_row(s, 4, &["", "Báo cáo bổ sung về hành lang giao thông", "Phòng QLĐT", "15/02/2024", "", "", ""]);
    });
    let read2 = read_one("lan-2.xlsx", &second);
    let p2 = plan(&tasks, &units, &read2.rows, &[], now(), ids(100));
    assert_eq!(p2.added.len(), 1, "the added row");
    assert_eq!(p2.updated.len(), 2, "A and B got results");
    assert_eq!(p2.unchanged, 1, "C is as it was");
    assert!(p2.skipped.is_empty());
    assert!(p2.new_units.is_empty(), "unit spellings resolve to the same units");
    let mut ws = Workspace { tasks, units: units.clone(), bin: Vec::new() };
    apply_plan(&mut ws, &p2);
    let tasks = ws.tasks;
    assert_eq!(tasks.len(), 4, "no duplicates");
    let a = tasks.iter().find(|t| t.id.as_str() == "NV-A").unwrap();
    assert_eq!(a.progress, Progress::Done);
    assert_eq!(a.completed_on, Some(d(2024, 1, 19)));
    assert_eq!(a.result, "Đã rà soát 12 thửa");
    assert_eq!(a.note, "Ghi chú gốc", "a field the file does not have is left as it was");
    assert!(a.history.iter().any(|c| c.field == "progress"), "the change is in the task's history");
    let b = tasks.iter().find(|t| t.id.as_str() == "NV-B").unwrap();
    assert_eq!(b.leader, "Đ/c Hùng");
    assert_eq!(b.result, "Đã kiểm tra 40 xe");

    // The same file again changes nothing.
    let p3 = plan(&tasks, &units, &read2.rows, &[], now(), ids(200));
    assert_eq!((p3.added.len(), p3.updated.len(), p3.unchanged), (0, 0, 4));
}

#[test]
fn without_ids_rows_match_by_content_unit_and_source() {
    let file = xlsx(|s| {
        write_row(s, 0, &["STT", "Số/ký hiệu", "Nội dung nhiệm vụ", "Đơn vị chủ trì", "Tiến độ"]);
        write_row(s, 1, &["1", "125/TB-UBND", "Rà soát quỹ đất công", "Phòng Kinh tế", "Chưa thực hiện"]);
        write_row(s, 2, &["2", "125/TB-UBND", "Rà soát quỹ đất công", "Thanh tra", "Chưa thực hiện"]);
    });
    let read1 = read_one("a.xlsx", &file);
    let p1 = plan(&[], &UnitDirectory::default(), &read1.rows, &[], now(), ids(0));
    let mut ws = Workspace::default();
    apply_plan(&mut ws, &p1);
    let tasks = ws.tasks;
    let back = xlsx(|s| {
        write_row(s, 0, &["STT", "Số/ký hiệu", "Nội dung nhiệm vụ", "Đơn vị chủ trì", "Tiến độ"]);
        write_row(s, 1, &["1", "125/TB-UBND", "Rà soát quỹ đất công", "Thanh tra", "Hoàn thành"]);
        write_row(s, 2, &["7", "125/TB-UBND", "RÀ SOÁT QUỸ ĐẤT CÔNG ", "Phòng Kinh tế", "Chưa thực hiện"]);
    });
    let p2 = plan(&tasks, &p1.units, &read_one("b.xlsx", &back).rows, &[], now(), ids(10));
    assert_eq!(p2.added.len(), 0);
    assert_eq!(p2.updated.len(), 2, "Thanh tra's is done; Kinh tế's row number changed");
    let inspect = p2.updated.iter().find(|u| u.task.progress == Progress::Done).unwrap();
    assert_eq!(p1.units.get(inspect.task.lead_unit.as_ref().unwrap()).unwrap().name, "Thanh tra");
}

#[test]
fn new_unit_names_become_new_units_shown_as_such() {
    let file = xlsx(|s| {
        write_row(s, 0, &["Nội dung nhiệm vụ", "Đơn vị chủ trì", "Đơn vị phối hợp"]);
        write_row(s, 1, &["Việc một", "Phòng TN&MT", "Hội đồng GPMB; UBND phường Mai Hùng"]);
        write_row(s, 2, &["Việc hai", "Ban Quản lý chợ Đầu mối", ""]);
    });
    let p = plan(&[], &UnitDirectory::default(), &read_one("u.xlsx", &file).rows, &[], now(), ids(0));
    assert_eq!(p.new_units, vec!["UBND phường Mai Hùng".to_string(), "Ban Quản lý chợ Đầu mối".to_string()]);
    assert_eq!(p.added[0].coordinating_units.len(), 2);
}

#[test]
fn a_remembered_mapping_is_used_for_the_same_headers() {
    let file = xlsx(|s| {
        write_row(s, 0, &["Nội dung", "Đơn vị chủ trì", "Ý kiến"]);
        write_row(s, 1, &["Việc một", "Thanh tra", "Đã làm xong"]);
    });
    let guessed = read_one("m.xlsx", &file);
    assert_eq!(guessed.mapping[2], None);
    let fixed = vec![Some(Field::Content), Some(Field::LeadUnit), Some(Field::Result)];
    let req = ReadRequest { file_name: "m.xlsx".into(), mappings: vec![(guessed.signature.clone(), fixed)], ..Default::default() };
    let again = read(&req, &file).unwrap().remove(0).result.unwrap();
    assert_eq!(again.rows[0].result.as_deref(), Some("Đã làm xong"));
}

#[test]
fn csv_files_import_like_workbooks() {
    let text = "STT;Nội dung nhiệm vụ;Đơn vị chủ trì;Thời hạn;Tiến độ\n1;Rà soát quỹ đất;Phòng TNMT;20/01/2024;Đã hoàn thành\n";
    let source = super::csv_file::to_cp1258_form(text);
    let (cp1258, _, errors) = encoding_rs::WINDOWS_1258.encode(&source);
    assert!(!errors);
    for bytes in [text.as_bytes().to_vec(), [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat(), cp1258.into_owned()] {
        let read = read_one("theo-doi.csv", &bytes);
        assert_eq!(read.rows.len(), 1);
        assert_eq!(read.rows[0].content, "Rà soát quỹ đất");
        assert_eq!(read.rows[0].lead_unit.as_deref(), Some("Phòng TNMT"));
        assert_eq!(read.rows[0].progress, Some(Progress::Done));
    }
}

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

/// The same tracker written by openpyxl and LibreOffice (xls, ods, csv in UTF-8 and Windows-1258)
/// reads the same everywhere.
#[test]
fn real_files_from_other_programs_read_alike() {
    for name in [
        "theo-doi-openpyxl.xlsx",
        "theo-doi-libreoffice.xls",
        "theo-doi-libreoffice.xlsm",
        "theo-doi-libreoffice.ods",
        "theo-doi-libreoffice-utf8.csv",
        "theo-doi-libreoffice-cp1258.csv",
    ] {
        let read = read_one(name, &fixture(name));
        assert_eq!(read.header_excel_row, 4, "{name}");
        let units: Vec<&str> = read.rows.iter().map(|r| r.lead_unit.as_deref().unwrap_or("")).collect();
        assert_eq!(units, ["Phòng Kinh tế", "Phòng Kinh tế", "Thanh tra", "Xã Quỳnh Vinh", "Xã Quỳnh Trang"], "{name}");
        let r = &read.rows;
        assert_eq!(r[0].content, "Tập trung chỉ đạo sản xuất cây trồng vụ Xuân đạt diện tích theo kế hoạch", "{name}");
        assert_eq!(r[0].progress, Some(Progress::Done), "{name}");
        assert_eq!(r[0].completed_on, Some(d(2024, 1, 18)), "{name}");
        assert_eq!(r[0].result.as_deref(), Some("Đã gieo cấy 1.250 ha"), "{name}");
        assert_eq!(r[0].deadline.as_ref().unwrap().due_date(), Some(d(2024, 1, 31)), "{name}");
        assert_eq!(r[1].deadline.as_ref().unwrap().due_date(), Some(d(2024, 1, 31)), "{name}: a date cell");
        assert_eq!(r[2].deadline.as_ref().unwrap().kind, DeadlineKind::Recurring(Recurrence::Weekly), "{name}");
        assert_eq!(r[3].deadline.as_ref().unwrap().due_date(), Some(d(2024, 1, 20)), "{name}");
        assert_eq!(r[4].progress, None, "{name}: no progress written");
        assert_eq!(r[0].excel_row, 7, "{name}");
        assert!(r.iter().all(|row| row.problems.is_empty()), "{name}: {:?}", r.iter().map(|x| &x.problems).collect::<Vec<_>>());
    }
}

#[test]
fn a_password_protected_workbook_is_recognised() {
    let req = ReadRequest { file_name: "co-mat-khau.xlsx".into(), ..Default::default() };
    assert_eq!(read(&req, &fixture("co-mat-khau.xlsx")), Err(ImportError::PasswordProtected));
}

/// Headers the reader does not know ("Việc", "Ai làm", "Khi nào"): the sheet's first rows are
/// offered; once the person points at the header and maps its columns, the rows import.
#[test]
fn a_header_nobody_recognises_is_chosen_and_mapped_by_the_person() {
    let book = xlsx(|s| {
        write_row(s, 0, &["DANH SÁCH VIỆC CẦN LÀM", ""]);
        write_row(s, 2, &["Việc", "Ai làm", "Khi nào"]);
        write_row(s, 3, &["Rà soát hồ sơ đất đai", "Phòng Tài nguyên và Môi trường", "Tháng 3/2025"]);
        write_row(s, 4, &["Báo cáo tiến độ giải ngân", "Phòng Tài chính - Kế hoạch", "Quý II/2025"]);
    });
    let mut request = ReadRequest { file_name: "viec.xlsx".into(), ..Default::default() };
    let first = read(&request, &book).expect("offered, not refused");
    assert_eq!(first[0].result, Err(SheetError::NoHeader));
    let rows: Vec<u32> = first[0].first_rows.iter().map(|(r, _)| *r).collect();
    assert_eq!(rows, [1, 3, 4, 5], "the filled rows, with the numbers Excel shows");
    assert_eq!(first[0].first_rows[1].1[..3], ["Việc", "Ai làm", "Khi nào"]);

    // The person says row 3 is the header: nothing is guessed for these columns yet.
    request.header_rows = vec![(first[0].name.clone(), 3)];
    let chosen = read(&request, &book).expect("read");
    let sheet = chosen[0].result.as_ref().expect("a table now");
    assert_eq!(sheet.header_excel_row, 3);
    assert!(sheet.mapping.iter().all(Option::is_none));
    // Then maps them: the two tasks come with their units and deadlines.
    request.mappings = vec![(sheet.signature.clone(), vec![Some(Field::Content), Some(Field::LeadUnit), Some(Field::Deadline)])];
    let mapped = read(&request, &book).expect("read");
    let sheet = mapped[0].result.as_ref().expect("a table");
    assert_eq!(sheet.rows.len(), 2);
    assert_eq!(sheet.rows[0].lead_unit.as_deref(), Some("Phòng Tài nguyên và Môi trường"));
    assert_eq!(sheet.rows[1].deadline.as_ref().and_then(|d| d.date), chrono::NaiveDate::from_ymd_opt(2025, 6, 30));
}

/// Two columns headed "Đơn vị", the first holding people's names: the units come from the second,
/// the people become the leader, and the doubt is kept for the person to see.
#[test]
fn a_column_of_people_is_never_the_unit_column() {
    let book = xlsx(|s| {
        write_row(s, 0, &["Nội dung", "Đơn vị", "Đơn vị", "Thời hạn"]);
        write_row(s, 1, &["Rà soát hồ sơ đất đai", "Nguyễn Văn A", "Phòng Tài nguyên và Môi trường", "31/03/2025"]);
        write_row(s, 2, &["Báo cáo giải ngân", "Trần Thị B", "Phòng Tài chính - Kế hoạch", "30/06/2025"]);
    });
    let read = read(&ReadRequest { file_name: "x.xlsx".into(), ..Default::default() }, &book).expect("read");
    let sheet = read[0].result.as_ref().expect("a table");
    assert_eq!(sheet.mapping[..3], [Some(Field::Content), Some(Field::Leader), Some(Field::LeadUnit)]);
    assert_eq!(sheet.rows[1].lead_unit.as_deref(), Some("Phòng Tài chính - Kế hoạch"));
    assert_eq!(sheet.rows[1].leader.as_deref(), Some("Trần Thị B"));
    assert_eq!(sheet.doubts, vec![(Field::LeadUnit, 2, 1)]);
}

/// A sheet using thousands of columns (stray marks far to the right) is cut after its header,
/// read in an instant, and says so.
#[test]
fn a_sheet_thousands_of_columns_wide_is_cut_and_says_so() {
    let mut text = String::from("Nội dung;Đơn vị chủ trì;Thời hạn\n");
    let stray = ";".repeat(3000);
    text.push_str(&format!("Rà soát hồ sơ;Phòng Kinh tế;31/12/2025{stray}x\n"));
    let read = read(&ReadRequest { file_name: "rong.csv".into(), ..Default::default() }, text.as_bytes()).expect("read");
    let sheet = read[0].result.as_ref().expect("a table");
    assert_eq!(sheet.columns_cut, Some(3003), "3 fields, then 3,000 separators");
    assert!(sheet.headers.len() <= 200, "{} columns kept", sheet.headers.len());
    assert_eq!(sheet.rows.len(), 1);
    assert_eq!(sheet.rows[0].lead_unit.as_deref(), Some("Phòng Kinh tế"));
}

/// A sheet with no unit column, no headings and a name that is no unit's ("Sheet1"): the person
/// gives it its unit, and rows that name none take it.
#[test]
fn the_person_gives_a_whole_sheet_its_unit() {
    let book = xlsx(|s| {
        write_row(s, 0, &["Nội dung", "Thời hạn"]);
        write_row(s, 1, &["Rà soát hồ sơ đất đai", "31/03/2025"]);
    });
    let mut request = ReadRequest { file_name: "x.xlsx".into(), ..Default::default() };
    let first = read(&request, &book).expect("read");
    let sheet = first[0].result.as_ref().expect("a table");
    assert_eq!(sheet.rows[0].problems, vec![RowProblem::NoUnit]);
    request.sheet_units = vec![(first[0].name.clone(), "Phòng Kinh tế".into())];
    let given = read(&request, &book).expect("read");
    let sheet = given[0].result.as_ref().expect("a table");
    assert_eq!(sheet.rows[0].lead_unit.as_deref(), Some("Phòng Kinh tế"));
    assert!(sheet.rows[0].problems.is_empty());
    assert_eq!(sheet.sheet_unit.as_deref(), Some("Phòng Kinh tế"));
}

/// A large CSV says how far it is read, in rising percents, while the worker reads it.
#[test]
fn a_large_csv_says_how_far_it_is_read() {
    let mut text = String::from("Nội dung;Đơn vị chủ trì\n");
    for i in 0..10_000 {
        text.push_str(&format!("Việc số {i};Phòng Kinh tế\n"));
    }
    let said = std::cell::RefCell::new(Vec::new());
    let read = read_with_progress(&ReadRequest { file_name: "lon.csv".into(), ..Default::default() }, text.as_bytes(), &|p| said.borrow_mut().push(p)).expect("read");
    assert_eq!(read[0].result.as_ref().map(|s| s.rows.len()), Ok(10_000));
    let said = said.into_inner();
    assert_eq!(said.len(), 5, "every 2,000 of the 10,001 rows: {said:?}");
    assert!(said.windows(2).all(|w| w[0] < w[1]), "rising: {said:?}");
    assert!(said[0] > 0 && said[4] < 100, "never 100 before the answer: {said:?}");
}

#[test]
fn an_office_trackers_own_unit_line_is_not_a_units_reply() {
    // An office's tracker: "Đơn vị: …" names the office that keeps it, and each row names its unit.
    let tracker = xlsx(|s| {
        write_row(s, 0, &["Đơn vị: UBND huyện Quỳnh Lưu"]);
        write_row(s, 2, &["STT", "Nội dung nhiệm vụ", "Đơn vị chủ trì", "Thời hạn"]);
        write_row(s, 3, &["1", "Rà soát quỹ đất công", "Phòng TNMT", "20/01/2024"]);
    });
    assert_eq!(read_one("theo-doi.xlsx", &tracker).returned_by, None);
    // A unit's report of its own tasks: no unit column, the line says whose it is.
    let own = xlsx(|s| {
        write_row(s, 0, &["Đơn vị: Phòng Tư pháp"]);
        write_row(s, 2, &["STT", "Nội dung nhiệm vụ", "Thời hạn", "Kết quả thực hiện"]);
        write_row(s, 3, &["1", "Rà soát văn bản quy phạm pháp luật", "20/01/2024", "Đã xong"]);
    });
    assert_eq!(read_one("tu-phap.xlsx", &own).returned_by.as_deref(), Some("Phòng Tư pháp"));
}

/// The page plans a large file a slice of rows at a time (`merge::Planner`): whatever the slices,
/// the plan is the one made at once: rows matched by id and by content, rows repeating an id
/// across slices, unit names met again in later slices, a name resembling a unit, new units.
#[test]
fn a_plan_made_in_slices_is_the_plan_made_at_once() {
    let first = xlsx(|s| {
        write_row(s, 0, &["Mã nhiệm vụ", "Số/ký hiệu", "Nội dung nhiệm vụ", "Đơn vị chủ trì", "Thời hạn", "Tiến độ"]);
        for i in 0..12u32 {
            let id = if i % 3 == 0 { String::new() } else { format!("NV-{i}") };
            write_row(s, i + 1, &[&id, "125/TB-UBND", &format!("Việc số {i}"), ["Phòng Kinh tế", "Công an thành phố", "Thanh tra"][i as usize % 3], "20/01/2024", "Chưa thực hiện"]);
        }
    });
    let p1 = plan(&[], &UnitDirectory::default(), &read_one("a.xlsx", &first).rows, &[], now(), ids(0));
    let mut ws = Workspace::default();
    apply_plan(&mut ws, &p1);
    let again = xlsx(|s| {
        write_row(s, 0, &["Mã nhiệm vụ", "Số/ký hiệu", "Nội dung nhiệm vụ", "Đơn vị chủ trì", "Thời hạn", "Tiến độ"]);
        for i in 0..24u32 {
            let id = match i {
                20 => "NV-1".to_string(),
                _ if i % 3 == 0 => String::new(),
                _ => format!("NV-{i}"),
            };
            let unit = ["Phòng Kinh tế", "Công an thị xã", "Thanh tra", "Phòng Văn hóa"][i as usize % 4];
            write_row(s, i + 1, &[&id, "125/TB-UBND", &format!("Việc số {i}"), unit, "20/01/2024", if i % 2 == 0 { "Hoàn thành" } else { "Chưa thực hiện" }]);
        }
    });
    let rows = read_one("b.xlsx", &again).rows;
    let separate = vec!["Phòng Văn hóa".to_string()];
    let whole = plan(&ws.tasks, &ws.units, &rows, &separate, now(), ids(50));
    assert!(whole.added.len() > 0 && whole.updated.len() > 0 && whole.unchanged + whole.skipped.len() > 0, "{whole:?}");
    for size in [1, 5, 7, 24] {
        let mut planner = merge::Planner::new(&ws.tasks, &ws.units, rows.iter().any(|r| r.id.is_none()), &separate, now());
        // The tasks indexed by content a slice at a time first, as the page does (for 24, by the
        // first rows fed).
        if size < 24 {
            assert!(planner.to_index() > 0);
            while planner.to_index() > 0 {
                assert!(planner.index_by_content(&ws.tasks, size));
            }
        }
        let mut new_id = ids(50);
        for slice in rows.chunks(size) {
            assert!(planner.feed(&ws.tasks, slice, &mut new_id));
        }
        assert_eq!(format!("{:?}", planner.finish()), format!("{whole:?}"), "slices of {size}");
    }
}

/// The tasks changed between two slices (another tab deleted one, and the rest moved up): the
/// planner says the plan must be made again, rather than update whichever task now sits where the
/// one it indexed was.
#[test]
fn a_planner_whose_tasks_moved_says_to_plan_again() {
    let first = xlsx(|s| {
        write_row(s, 0, &["Mã nhiệm vụ", "Nội dung nhiệm vụ", "Đơn vị chủ trì", "Tiến độ"]);
        for i in 0..6u32 {
            write_row(s, i + 1, &[&format!("NV-{i}"), &format!("Việc số {i}"), "Phòng Kinh tế", "Chưa thực hiện"]);
        }
    });
    let rows = read_one("a.xlsx", &first).rows;
    let p1 = plan(&[], &UnitDirectory::default(), &rows, &[], now(), ids(0));
    let mut ws = Workspace::default();
    apply_plan(&mut ws, &p1);
    let done: Vec<_> = rows.iter().cloned().map(|mut r| {
        r.progress = Some(Progress::Done);
        r
    }).collect();
    let mut planner = merge::Planner::new(&ws.tasks, &ws.units, false, &[], now());
    assert!(planner.feed(&ws.tasks, &done[..3], ids(10)));
    let mut moved = ws.tasks.clone();
    moved.remove(1);
    assert!(!planner.feed(&moved, &done[3..], ids(10)), "NV-3 is no longer the fourth task");
    // Planned again against the tasks as they are: five updates, one row added back.
    let again = plan(&moved, &ws.units, &done, &[], now(), ids(20));
    assert_eq!((again.updated.len(), again.added.len()), (5, 1));
    let mut updated: Vec<&str> = again.updated.iter().map(|u| u.task.id.as_str()).collect();
    updated.sort();
    assert_eq!(updated, ["NV-0", "NV-2", "NV-3", "NV-4", "NV-5"]);
    assert_eq!(again.added[0].id.as_str(), "NV-1");
}
