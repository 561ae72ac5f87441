//! The report as the official annex ("Phụ lục"): a summary sheet with one row per unit,
//! subtotals and the total, the on-time rate written "83,7%"; and the overdue tasks, oldest first.

use chrono::Datelike;
use rust_xlsxwriter::{ExcelDateTime, Format, FormatAlign, Workbook, XlsxError};

use super::tracker::{base_format, FONT};
use crate::domain::vn_date::format_date;
use crate::domain::OverdueAge;
use crate::report::monthly::{Basis, Report, RowKind};

/// The summary's columns after TT and Đơn vị (the shared words of [`crate::vocabulary::REPORT_COLUMNS`]).
pub use crate::vocabulary::REPORT_COLUMNS as SUMMARY_HEADERS;

pub fn basis_text(b: Basis) -> &'static str {
    match b {
        Basis::DueOrOverdue => "các nhiệm vụ có thời hạn trong kỳ và các nhiệm vụ quá hạn từ trước chưa hoàn thành",
        Basis::Assigned => "các nhiệm vụ được giao trong kỳ (theo ngày văn bản giao)",
        Basis::Due => "các nhiệm vụ có thời hạn trong kỳ",
    }
}

pub fn age_text(a: OverdueAge) -> &'static str {
    match a {
        OverdueAge::UpToAWeek => "1–7 ngày",
        OverdueAge::UpToAMonth => "8–30 ngày",
        OverdueAge::OverAMonth => "Trên 30 ngày",
    }
}

pub fn report_xlsx(report: &Report) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let title = Format::new().set_font_name(FONT).set_font_size(13).set_bold().set_align(FormatAlign::Center).set_text_wrap();
    let italic = Format::new().set_font_name(FONT).set_font_size(12).set_italic().set_align(FormatAlign::Center).set_text_wrap();
    let header = base_format().set_bold().set_text_wrap().set_align(FormatAlign::Center).set_align(FormatAlign::VerticalCenter).set_background_color(0xE7EDF3);
    let text = base_format().set_text_wrap();
    let number = base_format().set_align(FormatAlign::Center);
    let bold_text = text.clone().set_bold();
    let bold_number = number.clone().set_bold();
    let (from, to) = report.period.range();

    let s = book.add_worksheet();
    s.set_name("Tổng hợp")?;
    s.merge_range(0, 0, 0, 9, "PHỤ LỤC", &title)?;
    s.merge_range(1, 0, 1, 9, &format!("TỔNG HỢP KẾT QUẢ THỰC HIỆN NHIỆM VỤ {}", report.period.label().to_uppercase()), &title)?;
    s.merge_range(2, 0, 2, 9, &format!("Số liệu tính đến ngày {}; tính {} (từ {} đến {})", format_date(report.as_of), basis_text(report.basis), format_date(from), format_date(to)), &italic)?;
    s.set_row_height(2, 32)?;
    let head_row = 4;
    s.write_string_with_format(head_row, 0, "TT", &header)?;
    s.write_string_with_format(head_row, 1, "Đơn vị", &header)?;
    for (i, h) in SUMMARY_HEADERS.iter().enumerate() {
        s.write_string_with_format(head_row, 2 + i as u16, *h, &header)?;
    }
    s.set_row_height(head_row, 48)?;
    for (c, w) in [5.0, 34.0, 9.0, 12.0, 12.0, 12.0, 12.0, 11.0, 14.0, 18.0].iter().enumerate() {
        s.set_column_width(c as u16, *w)?;
    }
    let mut n = 0;
    for (i, row) in report.rows.iter().enumerate() {
        let r = head_row + 1 + i as u32;
        let strong = !matches!(row.kind, RowKind::Unit(_));
        let (tf, nf) = if strong { (&bold_text, &bold_number) } else { (&text, &number) };
        if strong {
            s.write_blank(r, 0, nf)?;
        } else {
            n += 1;
            s.write_number_with_format(r, 0, n as f64, nf)?;
        }
        s.write_string_with_format(r, 1, &row.label, tf)?;
        for (c, v) in row.summary.report_figures().iter().enumerate() {
            s.write_number_with_format(r, 2 + c as u16, *v as f64, nf)?;
        }
        // The rate as paperwork writes it, with a comma; the counts it comes from are beside it.
        s.write_string_with_format(r, 8, &row.summary.rate_text(), nf)?;
        s.write_string_with_format(r, 9, &row.summary.rate_note(), tf)?;
    }
    let after = head_row + 2 + report.rows.len() as u32;
    if report.without_date > 0 {
        s.merge_range(after, 0, after, 9, &format!("Ghi chú: {} nhiệm vụ không có {} nên không được tính.", report.without_date, report.basis.needs()), &italic)?;
    }
    s.set_freeze_panes(head_row + 1, 2)?;
    s.set_paper_size(9);
    s.set_landscape();
    s.set_repeat_rows(head_row, head_row)?;
    s.set_print_fit_to_pages(1, 0);

    let o = book.add_worksheet();
    o.set_name("Nhiệm vụ quá hạn")?;
    o.merge_range(0, 0, 0, 7, &format!("DANH SÁCH NHIỆM VỤ QUÁ HẠN CHƯA HOÀN THÀNH {}", report.period.label().to_uppercase()), &title)?;
    o.merge_range(1, 0, 1, 7, &format!("Số liệu tính đến ngày {}; sắp xếp theo số ngày quá hạn, lâu nhất trước", format_date(report.as_of)), &italic)?;
    let heads = ["TT", "Mã nhiệm vụ", "Nội dung nhiệm vụ", "Đơn vị chủ trì", "Văn bản giao", "Thời hạn", "Số ngày quá hạn", "Nhóm quá hạn"];
    for (c, h) in heads.iter().enumerate() {
        o.write_string_with_format(3, c as u16, *h, &header)?;
    }
    for (c, w) in [5.0, 14.0, 60.0, 24.0, 16.0, 11.0, 10.0, 13.0].iter().enumerate() {
        o.set_column_width(c as u16, *w)?;
    }
    let date = base_format().set_num_format("dd/mm/yyyy").set_align(FormatAlign::Center);
    for (i, line) in report.overdue.iter().enumerate() {
        let r = 4 + i as u32;
        o.write_number_with_format(r, 0, (i + 1) as f64, &number)?;
        o.write_string_with_format(r, 1, line.id.as_str(), &text)?;
        o.write_string_with_format(r, 2, &line.content, &text)?;
        o.write_string_with_format(r, 3, &line.unit, &text)?;
        o.write_string_with_format(r, 4, &line.source, &text)?;
        let d = line.deadline;
        o.write_datetime_with_format(r, 5, ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8)?, &date)?;
        o.write_number_with_format(r, 6, line.days as f64, &number)?;
        o.write_string_with_format(r, 7, age_text(line.age), &text)?;
        o.set_row_height(r, super::tracker::lines_needed(&line.content, 60.0) as f64 * 15.0 + 3.0)?;
    }
    o.set_freeze_panes(4, 0)?;
    o.set_paper_size(9);
    o.set_landscape();
    o.set_repeat_rows(3, 3)?;
    o.set_print_fit_to_pages(1, 0);
    book.save_to_buffer()
}
