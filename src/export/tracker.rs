//! The tracker as an .xlsx workbook, as offices print and share it: a title with the as-of date,
//! the header bold, frozen and filterable, real Excel dates shown dd/mm/yyyy, long text wrapped,
//! Times New Roman, A4 landscape two pages wide with the header repeated on every printed page.

use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, XlsxError};

use super::columns::{tracker_columns, Kind, Value};
use crate::domain::vn_date::format_date;
use crate::domain::{Status, Task, UnitDirectory};

/// The official typeface.
pub const FONT: &str = "Times New Roman";
/// A4 in Excel's paper sizes.
const A4: u8 = 9;
/// Rows above the header: title, as-of line, what the file holds.
const HEADER_ROW: u32 = 3;

/// Points per line of 11-point text.
const LINE_HEIGHT: f64 = 15.0;

pub fn base_format() -> Format {
    Format::new().set_font_name(FONT).set_font_size(11).set_border(FormatBorder::Thin).set_align(FormatAlign::Top)
}

/// How many lines wrapped text takes in a column this wide (about one character per width unit).
/// Spreadsheet programs do not all grow rows for wrapped text, so the tracker sets heights itself.
pub fn lines_needed(text: &str, width: f64) -> usize {
    let per_line = (width * 1.35).max(1.0) as usize;
    text.split('\n').map(|p| p.chars().count().div_ceil(per_line).max(1)).sum()
}

fn excel_date(d: NaiveDate) -> Result<ExcelDateTime, XlsxError> {
    ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8)
}

/// Write the tracker of `tasks` (with their statuses as of `as_of`). `scope` says what the file
/// holds ("Toàn bộ nhiệm vụ", or the filter in words).
pub fn tracker_xlsx(
    tasks: &[(&Task, Status)],
    units: &UnitDirectory,
    as_of: NaiveDate,
    scope: &str,
) -> Result<Vec<u8>, XlsxError> {
    let columns = tracker_columns(as_of);
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Theo dõi nhiệm vụ")?;
    let title = Format::new().set_font_name(FONT).set_font_size(14).set_bold().set_align(FormatAlign::Center);
    let subtitle = Format::new().set_font_name(FONT).set_font_size(12).set_italic().set_align(FormatAlign::Center);
    let header = base_format().set_bold().set_text_wrap().set_align(FormatAlign::Center).set_align(FormatAlign::VerticalCenter).set_background_color(0xE7EDF3);
    let short = base_format();
    let long = base_format().set_text_wrap();
    let date = base_format().set_num_format("dd/mm/yyyy").set_align(FormatAlign::Center);
    let number = base_format().set_align(FormatAlign::Center);
    let last_col = (columns.len() - 1) as u16;

    // The title spans the columns of the first printed page (id to leader), not the whole width.
    let title_cols = 8.min(last_col);
    sheet.merge_range(0, 0, 0, title_cols, "BẢNG THEO DÕI, ĐÔN ĐỐC THỰC HIỆN NHIỆM VỤ", &title)?;
    sheet.merge_range(1, 0, 1, title_cols, &format!("Số liệu tính đến ngày {}", format_date(as_of)), &subtitle)?;
    sheet.merge_range(2, 0, 2, title_cols, &format!("{scope} ({} nhiệm vụ)", tasks.len()), &subtitle)?;
    for (c, col) in columns.iter().enumerate() {
        sheet.write_string_with_format(HEADER_ROW, c as u16, &col.header, &header)?;
        sheet.set_column_width(c as u16, col.width)?;
    }
    sheet.set_row_height(HEADER_ROW, 33)?;
    for (i, (task, status)) in tasks.iter().enumerate() {
        let row = HEADER_ROW + 1 + i as u32;
        let mut lines = 1;
        for (c, col) in columns.iter().enumerate() {
            let c = c as u16;
            match (col.value)(task, status, units) {
                // Written as a string cell, never a formula, whatever it starts with.
                Value::Text(s) => {
                    if col.kind == Kind::Long {
                        lines = lines.max(lines_needed(&s, col.width));
                    }
                    sheet.write_string_with_format(row, c, &s, if col.kind == Kind::Long { &long } else { &short })?
                }
                Value::Date(Some(d)) => sheet.write_datetime_with_format(row, c, excel_date(d)?, &date)?,
                Value::Number(Some(n)) => sheet.write_number_with_format(row, c, n, &number)?,
                Value::Date(None) | Value::Number(None) => sheet.write_blank(row, c, &short)?,
            };
        }
        sheet.set_row_height(row, lines as f64 * LINE_HEIGHT + 3.0)?;
    }
    let last_row = HEADER_ROW + tasks.len() as u32;
    sheet.set_freeze_panes(HEADER_ROW + 1, 0)?;
    sheet.autofilter(HEADER_ROW, 0, last_row.max(HEADER_ROW), last_col)?;
    sheet.set_landscape();
    sheet.set_paper_size(A4);
    sheet.set_repeat_rows(HEADER_ROW, HEADER_ROW)?;
    // Two pages wide keeps the text legible (one page would shrink 21 columns to a few points).
    sheet.set_print_fit_to_pages(2, 0);
    // Across, then down: each task's two halves are printed one after the other.
    sheet.set_page_order(false);
    sheet.set_margins(0.4, 0.4, 0.6, 0.6, 0.3, 0.3);
    sheet.set_footer("&C&\"Times New Roman\"Trang &P/&N");
    book.save_to_buffer()
}
