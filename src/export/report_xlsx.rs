//! The report as the official annex ("Phụ lục"): a summary sheet with one row per unit,
//! subtotals and the total, the on-time rate written "83,7%", laid out as an annex attached to the
//! report (issuing body, "Kèm theo Báo cáo số …", two-level header, signature block, page numbers);
//! and the overdue tasks, oldest first.

use chrono::Datelike;
use rust_xlsxwriter::{ExcelDateTime, Format, FormatAlign, Workbook, XlsxError};

use super::tracker::{base_format, FONT};
use crate::domain::vn_date::format_date;
use crate::domain::OverdueAge;
use crate::report::monthly::{Report, RowKind};

/// The summary's columns after TT and Đơn vị (the shared words of [`crate::vocabulary::REPORT_COLUMNS`]).
pub use crate::vocabulary::REPORT_COLUMNS as SUMMARY_HEADERS;

pub use crate::vocabulary::basis_text;

pub fn age_text(a: OverdueAge) -> &'static str {
    match a {
        OverdueAge::UpToAWeek => "1–7 ngày",
        OverdueAge::UpToAMonth => "8–30 ngày",
        OverdueAge::OverAMonth => "Trên 30 ngày",
    }
}

pub fn report_xlsx(report: &Report) -> Result<Vec<u8>, XlsxError> {
    report_annex_xlsx(report, None)
}

/// The annex as the official Phụ lục: the issuing body (when known), "Kèm theo Báo cáo số …/BC-UBND
/// ngày …", the two-level header (Hoàn thành: đúng hạn, quá hạn | Chưa hoàn thành: trong hạn, quá
/// hạn), 13 pt, page numbers, the signature block, rows that grow with their text.
pub fn report_annex_xlsx(report: &Report, head: Option<&crate::export::docx::Letterhead>) -> Result<Vec<u8>, XlsxError> {
    const PT: f64 = 13.0;
    let mut book = Workbook::new();
    let font = |f: Format| f.set_font_name(FONT).set_font_size(PT);
    let title = font(Format::new()).set_bold().set_align(FormatAlign::Center).set_text_wrap();
    let italic = font(Format::new()).set_italic().set_align(FormatAlign::Center).set_text_wrap();
    let plain_center = font(Format::new()).set_align(FormatAlign::Center);
    let header = base_format().set_font_size(PT).set_bold().set_text_wrap().set_align(FormatAlign::Center).set_align(FormatAlign::VerticalCenter).set_background_color(0xE7EDF3);
    let text = base_format().set_font_size(PT).set_text_wrap();
    let number = base_format().set_font_size(PT).set_align(FormatAlign::Center);
    let bold_text = text.clone().set_bold();
    let bold_number = number.clone().set_bold();
    let (from, to) = report.period.range();
    const LAST: u16 = 10;

    let s = book.add_worksheet();
    s.set_name("Tổng hợp")?;
    // The issuing body, top left, as on the report it goes with.
    let mut r = 0;
    if let Some(h) = head {
        s.merge_range(0, 0, 0, 2, &h.superior, &plain_center)?;
        s.merge_range(1, 0, 1, 2, &h.issuer, &title)?;
        r = 3;
    }
    s.merge_range(r, 0, r, LAST, "PHỤ LỤC", &title)?;
    s.merge_range(r + 1, 0, r + 1, LAST, &format!("TỔNG HỢP KẾT QUẢ THỰC HIỆN NHIỆM VỤ {}", report.period.label().to_uppercase()), &title)?;
    let of = head.filter(|h| !h.issuer_name.trim().is_empty()).map(|h| format!(" của {}", h.issuer_name.trim())).unwrap_or_default();
    s.merge_range(r + 2, 0, r + 2, LAST, &format!("(Kèm theo Báo cáo số       /BC-UBND ngày      tháng      năm {}{of})", report.as_of.year()), &italic)?;
    s.merge_range(r + 3, 0, r + 3, LAST, &format!("Số liệu tính đến ngày {}; tính {} (từ {} đến {})", format_date(report.as_of), basis_text(report.basis), format_date(from), format_date(to)), &italic)?;
    s.set_row_height(r + 3, 36)?;
    // Two header rows: the groups, then their parts; the other headers span both.
    let (h1, h2) = (r + 5, r + 6);
    let [total, _, _, _, _, _, no_deadline, rate, note] = SUMMARY_HEADERS;
    let spanning: [(u16, &str); 6] = [(0, "TT"), (1, "Đơn vị"), (2, total), (8, no_deadline), (9, rate), (10, note)];
    for (c, h) in spanning {
        s.merge_range(h1, c, h2, c, h, &header)?;
    }
    let [done, open] = crate::vocabulary::REPORT_GROUPS;
    let split = 3 + crate::vocabulary::REPORT_DONE_PARTS as u16;
    s.merge_range(h1, 3, h1, split - 1, done, &header)?;
    s.merge_range(h1, split, h1, 7, open, &header)?;
    for (c, part) in (3..).zip(crate::vocabulary::REPORT_GROUP_PARTS) {
        s.write_string_with_format(h2, c, part, &header)?;
    }
    s.set_row_height(h1, 24)?;
    s.set_row_height(h2, 36)?;
    let widths = [5.0, 30.0, 8.0, 9.5, 9.5, 9.5, 9.5, 9.5, 10.0, 11.0, 17.0];
    for (c, w) in widths.iter().enumerate() {
        s.set_column_width(c as u16, *w)?;
    }
    // Points per line of 13-point text.
    let line = 17.0;
    let mut n = 0;
    for (i, row) in report.rows.iter().enumerate() {
        let at = h2 + 1 + i as u32;
        let strong = !matches!(row.kind, RowKind::Unit(_));
        let (tf, nf) = if strong { (&bold_text, &bold_number) } else { (&text, &number) };
        if strong {
            s.write_blank(at, 0, nf)?;
        } else {
            n += 1;
            s.write_number_with_format(at, 0, n as f64, nf)?;
        }
        s.write_string_with_format(at, 1, &row.label, tf)?;
        for (c, v) in row.summary.report_figures().iter().enumerate() {
            s.write_number_with_format(at, 2 + c as u16, *v as f64, nf)?;
        }
        // The rate as paperwork writes it, with a comma; the counts it comes from are beside it.
        s.write_string_with_format(at, 9, &row.summary.rate_text(), nf)?;
        s.write_string_with_format(at, 10, &row.summary.rate_note(), tf)?;
        // Rows grow with their text (a long unit name wraps) instead of clipping it.
        let lines = super::tracker::lines_needed(&row.label, widths[1] * 11.0 / PT).max(super::tracker::lines_needed(&row.summary.rate_note(), widths[10] * 11.0 / PT));
        s.set_row_height(at, lines as f64 * line + 4.0)?;
    }
    let mut after = h2 + 2 + report.rows.len() as u32;
    if report.without_date > 0 {
        s.merge_range(after, 0, after, LAST, &format!("Ghi chú: {} nhiệm vụ không có {} nên không được tính.", report.without_date, crate::vocabulary::basis_needs(report.basis)), &italic)?;
        after += 1;
    }
    // The signature block: who drew it up, and who signs for the chairman.
    let bold_center = font(Format::new()).set_bold().set_align(FormatAlign::Center).set_text_wrap();
    s.merge_range(after + 1, 0, after + 1, 3, "NGƯỜI LẬP BIỂU", &bold_center)?;
    s.merge_range(after + 1, 6, after + 2, LAST, "TL. CHỦ TỊCH\nCHÁNH VĂN PHÒNG", &bold_center)?;
    s.set_row_height(after + 2, 20)?;
    s.set_freeze_panes(h2 + 1, 2)?;
    s.set_paper_size(9);
    s.set_landscape();
    s.set_repeat_rows(h1, h2)?;
    s.set_print_fit_to_pages(1, 0);
    s.set_footer("&CTrang &P/&N");

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
    o.set_footer("&CTrang &P/&N");
    book.save_to_buffer()
}
