//! The report on how tasks were carried out in a period ("Báo cáo kết quả thực hiện nhiệm vụ"), as
//! a Word document built from the monthly report ([`Report`]): which tasks it counts and as of
//! when, the figures in sentences as official reports write them, the per-unit table (the columns
//! of the Excel annex), the units with the most overdue tasks, and the overdue tasks, oldest first.

use docx_rs::AlignmentType;

use super::layout::{self, Column, DocxError, Letterhead, Row};
use crate::domain::vn_date::format_date;
use crate::domain::Bucket;
use crate::export::report_xlsx::basis_text;
use crate::report::monthly::{Report, RowKind};
use crate::report::{percent, worst_first, UnitSummary};
use crate::vocabulary;

/// How many units the overdue paragraph names.
const WORST_NAMED: usize = 3;

/// "Bao-cao-thang-01-2024.docx", as the Excel annex is named but for the extension.
pub fn report_file_name(report: &Report) -> String {
    format!("Bao-cao-{}.docx", report.period.slug())
}

/// The figures of the report's total row, if it has one.
fn total(report: &Report) -> Option<&UnitSummary> {
    report.rows.iter().find(|r| r.kind == RowKind::Total).map(|r| &r.summary)
}

/// Which tasks are counted, as of when, and how many were left out for want of a date.
pub fn scope_sentence(report: &Report) -> String {
    let (from, to) = report.period.range();
    let mut s = format!(
        "Số liệu tính đến ngày {}; tính {} (từ ngày {} đến ngày {}).",
        format_date(report.as_of),
        basis_text(report.basis),
        format_date(from),
        format_date(to)
    );
    if report.without_date > 0 {
        let missing = crate::vocabulary::basis_needs(report.basis);
        s.push_str(&format!(" Có {} nhiệm vụ không có {missing} nên không được tính.", report.without_date));
    }
    if report.extended > 0 {
        let against = if report.against_first { "; kết quả tính theo thời hạn ban đầu" } else { "; kết quả tính theo thời hạn sau gia hạn" };
        s.push_str(&format!(" Trong số nhiệm vụ được tính, {} nhiệm vụ đã được gia hạn{against}.", report.extended));
    } else if report.against_first {
        s.push_str(" Kết quả tính theo thời hạn ban đầu.");
    }
    s
}

/// "đã hoàn thành 69 (45,4%), trong đó đúng hạn 50, quá hạn 19": a group and its parts, the
/// parts said only when the group has any, "không thời hạn" only when there are such tasks.
/// Parts always said, even at 0 ("quá hạn 0"); the others only when there are some.
const ALWAYS_SAID: [&str; 3] = ["đúng hạn", "quá hạn", "trong hạn"];

fn group(name: &str, count: usize, share: Option<String>, parts: &[(&str, usize)]) -> String {
    let share = share.map(|p| format!(" ({p})")).unwrap_or_default();
    if count == 0 {
        return format!("{name} 0{share}");
    }
    let said: Vec<String> = parts.iter().filter(|(w, n)| *n > 0 || ALWAYS_SAID.contains(w)).map(|(w, n)| format!("{w} {n}")).collect();
    format!("{name} {count}{share}, trong đó {}", said.join(", "))
}

/// The figures as a report writes them: "Tổng số 152 nhiệm vụ; đã hoàn thành 69 (45,4%), trong
/// đó đúng hạn 50, quá hạn 19; đang thực hiện 83, trong đó trong hạn 60, quá hạn 23."
pub fn figures_sentence(summary: &UnitSummary) -> String {
    let l = &summary.lead;
    if l.total == 0 {
        return "Trong kỳ không có nhiệm vụ nào.".into();
    }
    let done_parts = [
        ("đúng hạn", l.get(Bucket::DoneOnTime)),
        ("quá hạn", l.get(Bucket::DoneLate)),
        ("chưa rõ ngày hoàn thành", l.get(Bucket::DoneUndated)),
        ("không thời hạn", l.get(Bucket::DoneNoDeadline)),
    ];
    let open_parts = [("trong hạn", l.get(Bucket::InProgressInTime)), ("quá hạn", l.get(Bucket::Overdue)), ("không thời hạn", l.get(Bucket::InProgressNoDeadline))];
    let done: usize = done_parts.iter().map(|p| p.1).sum();
    let open: usize = open_parts.iter().map(|p| p.1).sum();
    format!(
        "Tổng số {} nhiệm vụ; {}; {}.",
        l.total,
        group("đã hoàn thành", done, Some(percent(done as f64 / l.total as f64)), &done_parts),
        group("đang thực hiện", open, None, &open_parts)
    )
}

/// The on-time rate with the counts it comes from; `None` when no task can be judged yet.
pub fn rate_sentence(summary: &UnitSummary) -> Option<String> {
    summary.on_time_rate().map(|_| {
        format!(
            "Tỷ lệ hoàn thành đúng hạn: {} ({}/{} nhiệm vụ có thời hạn đã hoàn thành hoặc đã quá hạn).",
            summary.rate_text(),
            summary.lead.get(Bucket::DoneOnTime),
            summary.judged()
        )
    })
}

/// "A, B và C".
fn join_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} và {last}", rest.join(", ")),
    }
}

/// The units with overdue tasks, worst first, up to three named with their counts.
pub fn worst_units_sentence(report: &Report) -> String {
    let label = |s: &UnitSummary| {
        report.rows.iter().find(|r| r.kind == RowKind::Unit(s.unit.clone())).map(|r| r.label.clone()).unwrap_or_default()
    };
    let mut late: Vec<UnitSummary> = report
        .rows
        .iter()
        .filter(|r| matches!(r.kind, RowKind::Unit(_)) && r.summary.overdue() > 0)
        .map(|r| r.summary.clone())
        .collect();
    if late.is_empty() {
        return "Không có nhiệm vụ quá hạn chưa hoàn thành.".into();
    }
    worst_first(&mut late);
    let count: usize = late.iter().map(UnitSummary::overdue).sum();
    let named: Vec<String> = late.iter().take(WORST_NAMED).map(|s| format!("{} ({} nhiệm vụ)", label(s), s.overdue())).collect();
    let head = format!("Còn {count} nhiệm vụ quá hạn chưa hoàn thành");
    match late.len() {
        1 => format!("{head}, đều thuộc {}.", label(&late[0])),
        n if n <= WORST_NAMED => format!("{head}, thuộc {n} đơn vị: {}.", join_and(&named)),
        n => format!("{head}, thuộc {n} đơn vị; nhiều nhất là {}.", join_and(&named)),
    }
}

fn unit_table(report: &Report) -> docx_rs::Table {
    let mut columns = vec![
        Column { header: "TT", width: 454, align: AlignmentType::Center },
        Column { header: "Đơn vị", width: 1700, align: AlignmentType::Left },
    ];
    // The figures, then the rate ("100,0%") and its counts ("0/1 đúng hạn"), each on one line.
    let widths = [720, 720, 720, 720, 720, 720, 720, 850, 1300];
    columns.extend(vocabulary::REPORT_COLUMNS.iter().zip(widths).map(|(h, w)| Column { header: h, width: w, align: AlignmentType::Center }));
    let mut n = 0;
    let rows: Vec<Row> = report
        .rows
        .iter()
        .map(|r| {
            let unit = matches!(r.kind, RowKind::Unit(_));
            n += usize::from(unit);
            let mut cells = vec![if unit { n.to_string() } else { String::new() }, r.label.clone()];
            cells.extend(r.summary.report_figures().iter().map(usize::to_string));
            cells.push(r.summary.rate_text());
            cells.push(r.summary.rate_note());
            Row { cells, strong: !unit }
        })
        .collect();
    layout::grid_table(&columns, &rows, 11)
}

fn overdue_table(report: &Report) -> docx_rs::Table {
    let columns = [
        Column { header: "TT", width: 567, align: AlignmentType::Center },
        Column { header: "Nội dung nhiệm vụ", width: 4082, align: AlignmentType::Left },
        Column { header: "Đơn vị chủ trì", width: 1985, align: AlignmentType::Center },
        Column { header: "Thời hạn", width: 1474, align: AlignmentType::Center },
        Column { header: "Số ngày quá hạn", width: 1247, align: AlignmentType::Center },
    ];
    let rows: Vec<Row> = report
        .overdue
        .iter()
        .enumerate()
        .map(|(i, o)| Row {
            cells: vec![(i + 1).to_string(), o.content.trim().to_string(), o.unit.clone(), format_date(o.deadline), o.days.to_string()],
            strong: false,
        })
        .collect();
    layout::grid_table(&columns, &rows, layout::SMALL_PT)
}

/// The report as .docx bytes, under the letterhead (its number suffix: "BC-UBND").
pub fn report_docx(head: &Letterhead, report: &Report) -> Result<Vec<u8>, DocxError> {
    let label = report.period.label();
    let mut doc = layout::new_document()
        .add_table(layout::letter_head(head, None))
        .add_paragraph(layout::title("BÁO CÁO", 480))
        .add_paragraph(layout::title(&format!("Kết quả thực hiện nhiệm vụ {label}"), 0))
        .add_paragraph(layout::title_rule())
        .add_paragraph(layout::body(&scope_sentence(report)))
        .add_paragraph(layout::heading("I. KẾT QUẢ CHUNG"));
    let summary = total(report);
    doc = doc.add_paragraph(layout::body(&summary.map(figures_sentence).unwrap_or_else(|| "Trong kỳ không có nhiệm vụ nào.".into())));
    if let Some(rate) = summary.and_then(rate_sentence) {
        doc = doc.add_paragraph(layout::body(&rate));
    }
    doc = doc
        .add_paragraph(layout::heading("II. KẾT QUẢ THEO TỪNG ĐƠN VỊ"))
        .add_paragraph(layout::body("Kết quả của từng phòng, ban, đơn vị và xã, phường (đơn vị chủ trì) như sau:"))
        .add_table(unit_table(report))
        .add_paragraph(layout::heading("III. NHIỆM VỤ QUÁ HẠN CHƯA HOÀN THÀNH"))
        .add_paragraph(layout::body(&worst_units_sentence(report)));
    if !report.overdue.is_empty() {
        doc = doc
            .add_paragraph(layout::body("Danh sách nhiệm vụ quá hạn (quá hạn lâu nhất trước):"))
            .add_table(overdue_table(report));
    }
    doc = doc.add_paragraph(layout::body(&format!("Trên đây là báo cáo kết quả thực hiện nhiệm vụ {label} của {}./.", head.issuer_name)));
    let recipients = ["Các phòng, ban, đơn vị, UBND các xã, phường".to_string()];
    layout::pack(doc.add_table(layout::closing(head, &recipients)))
}
