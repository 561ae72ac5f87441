//! The Word documents read back as a reader would see them: the .docx unzipped, the text of each
//! paragraph of `word/document.xml` (table cells included, in reading order), and the page setup.

use std::io::Read;

use chrono::NaiveDate;

use super::layout::Letterhead;
use super::reminder::{addressee_name, all_reminders_zip, reminder_docx, reminder_file_name, reminders_of};
use super::report::{figures_sentence, report_docx, report_file_name, worst_units_sentence};
use crate::domain::{read_deadline, Bucket, Progress, StatusRules, Task, TaskId, UnitDirectory, UnitId};
use crate::query::BucketCounts;
use crate::report::monthly::{report, Basis, Report, ReportPeriod, ReportRow, RowKind};
use crate::report::UnitSummary;

fn d(m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2024, m, day).unwrap()
}

fn as_of() -> NaiveDate {
    d(3, 5)
}

fn reply_by() -> NaiveDate {
    d(3, 12)
}

fn letterhead(suffix: &str) -> Letterhead {
    Letterhead::sample(as_of(), suffix)
}

/// A small workspace as of 05/03/2024 (2024 is a leap year: 20/02 is 14 days before 05/03).
fn workspace() -> (Vec<Task>, UnitDirectory) {
    let mut units = UnitDirectory::default();
    let tckh = units.resolve_or_add("Phòng Tài chính - Kế hoạch").unwrap().id().clone();
    let mh = units.resolve_or_add("Phường Mai Hùng").unwrap().id().clone();
    let tt = units.resolve_or_add("Thanh tra").unwrap().id().clone();
    let task = |n: u32, unit: &UnitId, content: &str, source: (&str, NaiveDate), deadline: &str, progress: Progress, done: Option<NaiveDate>| {
        let mut t = Task::new(TaskId(format!("T{n}")), content);
        t.lead_unit = Some(unit.clone());
        t.source.reference = source.0.into();
        t.source.date = Some(source.1);
        t.deadline = read_deadline(deadline).deadline;
        t.progress = progress;
        t.completed_on = done;
        t
    };
    let tasks = vec![
        // Overdue 14 days.
        task(1, &tckh, "Tham mưu phân bổ vốn đầu tư công năm 2024", ("125/TB-UBND", d(1, 10)), "20/02/2024", Progress::InProgress, None),
        // Due in 2 days: due soon.
        task(2, &tckh, "Rà soát nợ đọng xây dựng cơ bản", ("30/KL-UBND", d(2, 1)), "07/03/2024", Progress::NotStarted, None),
        // Due in April: neither.
        task(3, &tckh, "Báo cáo quyết toán ngân sách", ("30/KL-UBND", d(2, 1)), "30/04/2024", Progress::InProgress, None),
        // Done on time.
        task(4, &tckh, "Lập dự toán bổ sung", ("125/TB-UBND", d(1, 10)), "01/03/2024", Progress::Done, Some(d(2, 28))),
        // Overdue 5 days.
        task(5, &mh, "Ra quân vệ sinh môi trường", ("12/KH-UBND", d(2, 2)), "29/02/2024", Progress::NotStarted, None),
        // In time, not yet near.
        task(6, &tt, "Thanh tra việc quản lý đất công", ("125/TB-UBND", d(1, 10)), "30/03/2024", Progress::InProgress, None),
    ];
    (tasks, units)
}

fn part(docx: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    let mut s = String::new();
    zip.by_name(name).unwrap().read_to_string(&mut s).unwrap();
    s
}

fn unescape(text: &str) -> String {
    text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'").replace("&amp;", "&")
}

/// The text of every paragraph, in order (a line break as "\n").
fn paragraphs(xml: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut in_text = false;
    for token in xml.split('<').skip(1) {
        let (tag, after) = token.split_once('>').unwrap_or((token, ""));
        match tag.split([' ', '/']).next().unwrap_or("") {
            "w:t" if !tag.starts_with('/') => in_text = !tag.ends_with('/'),
            "w:br" => current.push('\n'),
            "" if tag == "/w:t" => in_text = false,
            "" if tag == "/w:p" => out.push(std::mem::take(&mut current)),
            _ => {}
        }
        if in_text && !tag.starts_with('/') {
            current.push_str(&unescape(after));
        }
    }
    out
}

fn reminder_of(unit: &str) -> (Vec<String>, String) {
    let (tasks, units) = workspace();
    let id = units.find(unit).unwrap().id.clone();
    let lists = reminders_of(&tasks, &units, Some(&id), as_of(), StatusRules::default());
    let (u, list) = &lists[0];
    let bytes = reminder_docx(&letterhead("UBND-VP"), u, list, as_of(), reply_by()).unwrap();
    let xml = part(&bytes, "word/document.xml");
    (paragraphs(&xml), xml)
}

fn has(paras: &[String], text: &str) -> bool {
    paras.iter().any(|p| p == text)
}

#[test]
fn a_reminder_has_the_official_header_and_is_addressed_to_the_unit() {
    let (p, _) = reminder_of("Phòng Tài chính - Kế hoạch");
    for line in [
        "ỦY BAN NHÂN DÂN",
        "THỊ XÃ HOÀNG MAI",
        "Số:        /UBND-VP",
        "V/v đôn đốc thực hiện nhiệm vụ",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Hoàng Mai, ngày 05 tháng 3 năm 2024",
        "Kính gửi: Phòng Tài chính - Kế hoạch",
    ] {
        assert!(has(&p, line), "{line:?} not in {p:#?}");
    }
    let opening = "Theo dõi tình hình thực hiện các nhiệm vụ được giao, đến ngày 05/03/2024, Phòng Tài chính - Kế hoạch \
                   còn 1 nhiệm vụ quá hạn và 1 nhiệm vụ sắp đến hạn chưa hoàn thành, cụ thể:";
    assert!(has(&p, opening), "{p:#?}");
}

#[test]
fn a_reminder_with_its_number_prints_it_and_is_noted_on_the_unit_under_it() {
    let (tasks, units) = workspace();
    let id = units.find("Phòng Tài chính - Kế hoạch").unwrap().id.clone();
    let lists = reminders_of(&tasks, &units, Some(&id), as_of(), StatusRules::default());
    let (u, list) = &lists[0];
    let head = Letterhead { number: "125".into(), ..letterhead("UBND-VP") };
    let bytes = reminder_docx(&head, u, list, as_of(), reply_by()).unwrap();
    assert!(has(&paragraphs(&part(&bytes, "word/document.xml")), "Số: 125/UBND-VP"));
    let owned: Vec<_> = lists.iter().map(|(u, l)| ((*u).clone(), l.iter().map(|(t, s)| ((*t).clone(), *s)).collect::<Vec<_>>())).collect();
    let sent = crate::export::docx::reminders_sent(&owned, as_of(), reply_by(), &head.reference());
    assert_eq!(sent.len(), 1);
    let (unit, e) = &sent[0];
    assert_eq!(unit, &id);
    assert_eq!((e.kind, e.on, e.reply_by, e.document.as_str()), (crate::domain::ExchangeKind::ReminderSent, as_of(), Some(reply_by()), "125/UBND-VP"));
    assert_eq!(e.tasks.len(), 2, "the overdue task and the one due soon");
    // Before the number is taken, the blank stays for the clerk of records, and the record says so.
    assert_eq!(letterhead("UBND-VP").reference(), "…/UBND-VP");
}

#[test]
fn a_reminder_lists_the_overdue_then_the_due_soon_tasks_and_nothing_else() {
    let (p, _) = reminder_of("Phòng Tài chính - Kế hoạch");
    let head = p.iter().position(|x| x == "TT").expect("the table's heading row");
    assert_eq!(p[head..head + 5], ["TT", "Nội dung nhiệm vụ", "Văn bản giao", "Thời hạn", "Số ngày quá hạn"]);
    let rows = &p[head + 5..head + 15];
    assert_eq!(rows[..5], ["1", "Tham mưu phân bổ vốn đầu tư công năm 2024", "125/TB-UBND ngày 10/01/2024", "20/02/2024", "14"]);
    assert_eq!(rows[5..], ["2", "Rà soát nợ đọng xây dựng cơ bản", "30/KL-UBND ngày 01/02/2024", "07/03/2024", "Sắp đến hạn"]);
    assert!(!p.iter().any(|x| x.contains("Báo cáo quyết toán") || x.contains("Lập dự toán")), "in time and done tasks are not chased");
}

#[test]
fn a_reminder_says_by_when_to_report_and_closes_with_recipients_and_signature() {
    let (p, _) = reminder_of("Phòng Tài chính - Kế hoạch");
    let demand = p.iter().find(|x| x.starts_with("Yêu cầu Phòng Tài chính - Kế hoạch khẩn trương")).expect("the demand");
    assert!(demand.ends_with("về UBND thị xã (qua Văn phòng HĐND và UBND thị xã) trước ngày 12/03/2024."), "{demand}");
    assert!(p.iter().any(|x| x.ends_with("./.")), "the body ends the official way");
    let closing = p.iter().position(|x| x == "Nơi nhận:").expect("Nơi nhận");
    assert_eq!(p[closing + 1..closing + 3], ["- Phòng Tài chính - Kế hoạch;", "- Lưu: VT."]);
    assert_eq!(p[closing + 3..closing + 7], ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Văn An"]);
}

#[test]
fn a_commune_is_addressed_through_its_peoples_committee() {
    let (p, _) = reminder_of("Phường Mai Hùng");
    assert!(has(&p, "Kính gửi: UBND phường Mai Hùng"), "{p:#?}");
    assert!(p.iter().any(|x| x.contains("UBND phường Mai Hùng còn 1 nhiệm vụ quá hạn chưa hoàn thành, cụ thể:")));
    assert!(has(&p, "5"), "29/02 → 05/03: 5 days overdue");
    let (_, units) = workspace();
    let tt = units.find("Thanh tra").unwrap();
    assert_eq!(addressee_name(tt), "Thanh tra");
}

#[test]
fn a_document_is_a4_with_the_decrees_margins_in_times_new_roman() {
    let (_, xml) = reminder_of("Phòng Tài chính - Kế hoạch");
    assert!(xml.contains(r#"<w:pgSz w:w="11906" w:h="16838""#), "A4 portrait");
    for margin in [r#"w:top="1134""#, r#"w:bottom="1134""#, r#"w:left="1701""#, r#"w:right="850""#] {
        assert!(xml.contains(margin), "{margin}");
    }
    assert!(xml.contains(r#"w:ascii="Times New Roman""#));
    assert!(xml.contains(r#"<w:sz w:val="28""#), "body text in 14 pt");
    assert!(xml.contains(r#"<w:jc w:val="both""#), "body justified");
    assert!(xml.contains(r#"w:firstLine="567""#), "first line indented 1 cm");
    assert!(xml.contains(r#"<w:u w:val="single""#), "the motto underlined");
}

#[test]
fn every_units_reminder_in_one_zip_named_with_the_units_capitals() {
    let (tasks, units) = workspace();
    let lists = reminders_of(&tasks, &units, None, as_of(), StatusRules::default());
    assert_eq!(lists.len(), 2, "Thanh tra has nothing overdue or due soon");
    let bytes = all_reminders_zip(&letterhead("UBND-VP"), &lists, as_of(), reply_by()).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let names: Vec<String> = (0..zip.len()).map(|i| zip.by_index(i).unwrap().name().unwrap().to_string()).collect();
    assert_eq!(names, ["Don-doc_Phong-Tai-chinh-Ke-hoach_2024-03-05.docx", "Don-doc_Phuong-Mai-Hung_2024-03-05.docx"]);
    let mut inner = Vec::new();
    zip.by_index(1).unwrap().read_to_end(&mut inner).unwrap();
    assert!(has(&paragraphs(&part(&inner, "word/document.xml")), "Kính gửi: UBND phường Mai Hùng"));
    assert_eq!(reminder_file_name(lists[0].0, as_of()), names[0]);
}

fn quarter_report() -> Report {
    let (tasks, units) = workspace();
    report(&tasks, &units, ReportPeriod::Quarter { year: 2024, quarter: 1 }, Basis::Due, as_of(), StatusRules::default())
}

#[test]
fn the_report_states_its_figures_in_sentences() {
    let r = quarter_report();
    let bytes = report_docx(&letterhead("BC-UBND"), &r).unwrap();
    let p = paragraphs(&part(&bytes, "word/document.xml"));
    for line in [
        "Số:        /BC-UBND",
        "Độc lập - Tự do - Hạnh phúc",
        "BÁO CÁO",
        "Kết quả thực hiện nhiệm vụ quý I/2024",
        "Số liệu tính đến ngày 05/03/2024; tính các nhiệm vụ có thời hạn trong kỳ (từ ngày 01/01/2024 đến ngày 31/03/2024).",
        // Due in the first quarter: tasks 1, 2, 4, 5, 6 (task 3 is due in April).
        "Tổng số 5 nhiệm vụ; đã hoàn thành 1 (20,0%), trong đó đúng hạn 1, quá hạn 0; đang thực hiện 4, trong đó trong hạn 2, quá hạn 2.",
        "Tỷ lệ hoàn thành đúng hạn: 33,3% (1/3 nhiệm vụ có thời hạn đã hoàn thành hoặc đã quá hạn).",
        // Equal overdue counts: the lower on-time rate first (Mai Hùng 0/1, Tài chính - Kế hoạch 1/2).
        "Còn 2 nhiệm vụ quá hạn chưa hoàn thành, thuộc 2 đơn vị: Phường Mai Hùng (1 nhiệm vụ) và Phòng Tài chính - Kế hoạch (1 nhiệm vụ).",
        "Trên đây là báo cáo kết quả thực hiện nhiệm vụ quý I/2024 của UBND thị xã (qua Văn phòng HĐND và UBND thị xã)./.",
    ] {
        assert!(has(&p, line), "{line:?} not in {p:#?}");
    }
    assert!(!p.iter().any(|x| x.starts_with("V/v")), "a report has no V/v line");
    assert_eq!(report_file_name(&r), "Bao-cao-quy-I-2024.docx");
}

#[test]
fn the_reports_tables_have_the_annex_columns_and_the_overdue_tasks_oldest_first() {
    let r = quarter_report();
    let p = paragraphs(&part(&report_docx(&letterhead("BC-UBND"), &r).unwrap(), "word/document.xml"));
    let head = p.iter().position(|x| x == "Đơn vị").expect("the unit table") - 1;
    let mut expected = vec!["TT", "Đơn vị"];
    expected.extend(crate::vocabulary::REPORT_COLUMNS);
    assert_eq!(p[head..head + 11], expected[..]);
    // Phòng Tài chính - Kế hoạch: 3 due in the quarter, 1 on time, 0 late, 0 undated, 1 in time, 1 overdue.
    assert_eq!(p[head + 11..head + 22], ["1", "Phòng Tài chính - Kế hoạch", "3", "1", "0", "0", "1", "1", "0", "50,0%", "1/2 đúng hạn"]);
    let total = p.iter().position(|x| x == "Tổng cộng").expect("the total row");
    assert_eq!(p[total..total + 8], ["Tổng cộng", "5", "1", "0", "0", "2", "2", "0"]);

    let list = p.iter().position(|x| x == "Đơn vị chủ trì").expect("the overdue table") - 2;
    assert_eq!(p[list..list + 5], ["TT", "Nội dung nhiệm vụ", "Đơn vị chủ trì", "Thời hạn", "Số ngày quá hạn"]);
    assert_eq!(p[list + 5..list + 10], ["1", "Tham mưu phân bổ vốn đầu tư công năm 2024", "Phòng Tài chính - Kế hoạch", "20/02/2024", "14"]);
    assert_eq!(p[list + 10..list + 15], ["2", "Ra quân vệ sinh môi trường", "Phường Mai Hùng", "29/02/2024", "5"]);
}

fn summary(per_bucket: [usize; 7]) -> UnitSummary {
    // Bucket::ALL order: on time, late, done undated, done without deadline, in time, overdue, open without deadline.
    let lead = BucketCounts { per_bucket, due_soon: 0, total: per_bucket.iter().sum() };
    UnitSummary { unit: UnitId(String::new()), lead, coordinating: 0 }
}

#[test]
fn figures_read_as_an_official_report_writes_them() {
    assert_eq!(Bucket::ALL[..3], [Bucket::DoneOnTime, Bucket::DoneLate, Bucket::DoneUndated]);
    assert_eq!(
        figures_sentence(&summary([50, 19, 0, 0, 60, 23, 0])),
        "Tổng số 152 nhiệm vụ; đã hoàn thành 69 (45,4%), trong đó đúng hạn 50, quá hạn 19; đang thực hiện 83, trong đó trong hạn 60, quá hạn 23."
    );
    assert_eq!(
        figures_sentence(&summary([2, 0, 0, 1, 0, 0, 4])),
        "Tổng số 7 nhiệm vụ; đã hoàn thành 3 (42,9%), trong đó đúng hạn 2, quá hạn 0, không thời hạn 1; đang thực hiện 4, trong đó trong hạn 0, quá hạn 0, không thời hạn 4."
    );
    assert_eq!(figures_sentence(&summary([0, 0, 0, 0, 3, 0, 0])), "Tổng số 3 nhiệm vụ; đã hoàn thành 0 (0,0%); đang thực hiện 3, trong đó trong hạn 3, quá hạn 0.");
    // Done without the evidence date: done, but said apart from on time and late.
    assert_eq!(
        figures_sentence(&summary([4, 1, 2, 0, 3, 0, 0])),
        "Tổng số 10 nhiệm vụ; đã hoàn thành 7 (70,0%), trong đó đúng hạn 4, quá hạn 1, chưa rõ ngày hoàn thành 2; đang thực hiện 3, trong đó trong hạn 3, quá hạn 0."
    );
    assert_eq!(figures_sentence(&summary([0; 7])), "Trong kỳ không có nhiệm vụ nào.");
}

#[test]
fn at_most_three_units_are_named_worst_first() {
    let row = |name: &str, overdue: usize| ReportRow {
        kind: RowKind::Unit(UnitId(name.into())),
        label: name.into(),
        summary: UnitSummary { unit: UnitId(name.into()), ..summary([0, 0, 0, 0, 0, overdue, 0]) },
    };
    let mut r = quarter_report();
    r.rows = vec![row("Thanh tra", 2), row("Phòng Kinh tế", 5), row("Công an", 0), row("Phường Mai Hùng", 3), row("Xã Quỳnh Vinh", 1)];
    assert_eq!(
        worst_units_sentence(&r),
        "Còn 11 nhiệm vụ quá hạn chưa hoàn thành, thuộc 4 đơn vị; nhiều nhất là Phòng Kinh tế (5 nhiệm vụ), Phường Mai Hùng (3 nhiệm vụ) và Thanh tra (2 nhiệm vụ)."
    );
    r.rows = vec![row("Thanh tra", 2), row("Công an", 0)];
    assert_eq!(worst_units_sentence(&r), "Còn 2 nhiệm vụ quá hạn chưa hoàn thành, đều thuộc Thanh tra.");
    r.rows = vec![row("Công an", 0)];
    assert_eq!(worst_units_sentence(&r), "Không có nhiệm vụ quá hạn chưa hoàn thành.");
}
