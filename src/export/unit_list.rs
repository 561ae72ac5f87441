//! Each unit's own list: the tasks it leads, with the columns it must fill in (progress, result,
//! evidence, completion date) set apart and unlocked, everything else protected from accidental
//! edits, and progress chosen from a drop-down. Sent back, it imports as an update (ids match).
//! Every unit's list at once comes as one .zip. Each list says by when it must come back (five
//! working days after the as-of date), each task's status and days overdue as of that date, and
//! has a "Khó khăn, vướng mắc" column the unit fills in (read back into the task's note).

use std::io::Write;

use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{DataValidation, ExcelDateTime, Format, FormatAlign, ProtectionOptions, Workbook, Worksheet, XlsxError};

use super::tracker::{base_format, lines_needed, FONT};
use crate::domain::vn_date::format_date;
use crate::domain::{Progress, Status, Task, Unit};
use crate::vocabulary;
use crate::domain::{Exchange, ExchangeKind, StatusRules, UnitDirectory, UnitId};

/// Tasks with their status as of the list's date.
pub type Rows<'a> = Vec<(&'a Task, Status)>;

/// One unit's list: the tasks it leads (which it reports on), and the tasks it only coordinates
/// (sent for it to know and work with the lead; the lead reports on them).
#[derive(Debug, Clone)]
pub struct UnitList<'a> {
    pub unit: &'a Unit,
    pub lead: Rows<'a>,
    pub coordinated: Rows<'a>,
}

impl<'a> UnitList<'a> {
    /// A list of tasks the unit leads, and nothing it coordinates.
    pub fn lead_only(unit: &'a Unit, lead: Rows<'a>) -> UnitList<'a> {
        UnitList { unit, lead, coordinated: Vec::new() }
    }

    pub fn is_empty(&self) -> bool {
        self.lead.is_empty() && self.coordinated.is_empty()
    }
}

/// Each unit's list (the tasks it leads and those it coordinates, in chasing order), in the
/// units' order; `only` one unit.
pub fn lists_of<'a>(tasks: &'a [Task], units: &'a UnitDirectory, only: Option<&UnitId>, as_of: NaiveDate, rules: StatusRules) -> Vec<UnitList<'a>> {
    let ranked = crate::query::chase_order(tasks, as_of, rules);
    units
        .ordered()
        .into_iter()
        .filter(|u| only.is_none_or(|o| o == &u.id))
        .map(|unit| {
            let of = |keep: &dyn Fn(&Task) -> bool| ranked.iter().filter(|r| keep(&tasks[r.index])).map(|r| (&tasks[r.index], r.status)).collect();
            UnitList {
                unit,
                lead: of(&|t| t.lead_unit.as_ref() == Some(&unit.id)),
                coordinated: of(&|t| t.lead_unit.as_ref() != Some(&unit.id) && t.coordinating_units.contains(&unit.id)),
            }
        })
        .collect()
}

/// The file name for a unit's list: "Nhiem-vu_Phong-Kinh-te_2024-01-20.xlsx".
pub fn unit_file_name(unit: &Unit, day: NaiveDate) -> String {
    super::file_name(&format!("Nhiem-vu_{}", super::name_slug(&unit.name)), day, "xlsx")
}

/// A unit's list as a workbook: the sheet of tasks it leads (when it leads any), then the sheet
/// of tasks it coordinates (when it coordinates any). With neither, the lead sheet, empty.
pub fn unit_xlsx(list: &UnitList, units: &UnitDirectory, as_of: NaiveDate) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    if !list.lead.is_empty() || list.coordinated.is_empty() {
        lead_sheet(&mut book, list.unit, &list.lead, as_of)?;
    }
    if !list.coordinated.is_empty() {
        coordinated_sheet(&mut book, list.unit, &list.coordinated, units, as_of)?;
    }
    book.save_to_buffer()
}

/// The tasks a unit leads: what it fills in set apart and unlocked, the rest protected.
fn lead_sheet(book: &mut Workbook, unit: &Unit, tasks: &[(&Task, Status)], as_of: NaiveDate) -> Result<(), XlsxError> {
    let s = book.add_worksheet();
    s.set_name("Nhiệm vụ")?;
    let locked = base_format().set_text_wrap();
    let locked_date = base_format().set_num_format("dd/mm/yyyy").set_align(FormatAlign::Center);
    let open = base_format().set_text_wrap().set_unlocked().set_background_color(0xFFFBEA);
    let open_date = base_format().set_num_format("dd/mm/yyyy").set_align(FormatAlign::Center).set_unlocked().set_background_color(0xFFFBEA);

    let status_head = vocabulary::status_column(as_of);
    let heads: [(&str, f64, bool); 13] = [
        ("Mã nhiệm vụ", 13.0, false),
        ("STT", 5.0, false),
        ("Văn bản giao", 14.0, false),
        ("Nội dung nhiệm vụ", 50.0, false),
        ("Thời hạn", 11.0, false),
        ("Thời hạn theo văn bản", 14.0, false),
        (&status_head, 16.0, false),
        (vocabulary::DAYS_OVERDUE, 9.0, false),
        ("Tiến độ", 15.0, true),
        ("Kết quả thực hiện", 36.0, true),
        ("Minh chứng", 22.0, true),
        ("Ngày hoàn thành", 12.0, true),
        (vocabulary::OBSTACLES, 30.0, true),
    ];
    const LAST: u16 = 12;
    let note = format!(
        "Tính đến ngày {}. Đơn vị điền các cột nền vàng (Tiến độ, Kết quả thực hiện, Minh chứng, Ngày hoàn thành, Khó khăn, vướng mắc) và gửi lại file này trước ngày {}; không sửa các cột khác.",
        format_date(as_of),
        format_date(reply_by(as_of))
    );
    let head_row = sheet_top(s, &vocabulary::unit_list_title(&unit.name), &note, &heads)?;
    let date = |d: NaiveDate| ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8);
    for (i, (task, status)) in tasks.iter().enumerate() {
        let r = head_row + 1 + i as u32;
        s.write_string_with_format(r, 0, task.id.as_str(), &locked)?;
        s.write_string_with_format(r, 1, &task.number, &locked)?;
        // The reference itself (not its label), so the file sent back changes nothing it should not.
        s.write_string_with_format(r, 2, &task.source.reference, &locked)?;
        s.write_string_with_format(r, 3, &task.content, &locked)?;
        match task.deadline.due_date() {
            Some(d) => s.write_datetime_with_format(r, 4, date(d)?, &locked_date)?,
            None => s.write_blank(r, 4, &locked)?,
        };
        s.write_string_with_format(r, 5, &task.deadline.text, &locked)?;
        s.write_string_with_format(r, 6, vocabulary::bucket(status.bucket), &locked)?;
        match status.bucket {
            crate::domain::Bucket::Overdue => s.write_number_with_format(r, 7, status.days_late as f64, &locked)?,
            _ => s.write_blank(r, 7, &locked)?,
        };
        s.write_string_with_format(r, 8, vocabulary::progress(task.progress), &open)?;
        s.write_string_with_format(r, 9, &task.result, &open)?;
        s.write_string_with_format(r, 10, &task.evidence, &open)?;
        match task.completed_on {
            Some(d) => s.write_datetime_with_format(r, 11, date(d)?, &open_date)?,
            None => s.write_blank(r, 11, &open_date)?,
        };
        // What the unit wrote last time comes back to it.
        s.write_string_with_format(r, 12, &task.note, &open)?;
        let lines = lines_needed(&task.content, 50.0).max(lines_needed(&task.result, 36.0)).max(lines_needed(&task.note, 30.0));
        s.set_row_height(r, lines as f64 * 15.0 + 3.0)?;
    }
    let last = head_row + tasks.len().max(1) as u32;
    let choices: Vec<&str> = Progress::ALL.iter().map(|p| vocabulary::progress(*p)).collect();
    let progress = DataValidation::new()
        .allow_list_strings(&choices)?
        .set_error_title("Tiến độ")?
        .set_error_message("Chọn một trong: Chưa thực hiện, Đang thực hiện, Hoàn thành, Tạm dừng.")?;
    s.add_data_validation(head_row + 1, 8, last, 8, &progress)?;
    protect_and_print(s, head_row, last, LAST)
}

/// The tasks a unit only coordinates, for it to know and to work with the lead unit: every cell
/// protected, nothing to fill in (the lead unit reports), and the sheet is not read back by an
/// import (its title says what it is), so a copy sent back never undoes the lead's later news.
fn coordinated_sheet(book: &mut Workbook, unit: &Unit, tasks: &[(&Task, Status)], units: &UnitDirectory, as_of: NaiveDate) -> Result<(), XlsxError> {
    let s = book.add_worksheet();
    s.set_name(vocabulary::COORDINATED_SHEET)?;
    let cell = base_format().set_text_wrap();
    let date_cell = base_format().set_num_format("dd/mm/yyyy").set_align(FormatAlign::Center);
    let status_head = vocabulary::status_column(as_of);
    let heads: [(&str, f64, bool); 9] = [
        ("Mã nhiệm vụ", 13.0, false),
        ("STT", 5.0, false),
        ("Văn bản giao", 14.0, false),
        ("Nội dung nhiệm vụ", 50.0, false),
        ("Đơn vị chủ trì", 24.0, false),
        ("Thời hạn", 11.0, false),
        ("Thời hạn theo văn bản", 14.0, false),
        (&status_head, 16.0, false),
        (vocabulary::DAYS_OVERDUE, 9.0, false),
    ];
    const LAST: u16 = 8;
    let note = format!(
        "Tính đến ngày {}. Để đơn vị nắm và phối hợp với đơn vị chủ trì; kết quả do đơn vị chủ trì báo cáo, đơn vị không cần gửi lại trang này.",
        format_date(as_of)
    );
    let head_row = sheet_top(s, &vocabulary::coordinated_list_title(&unit.name), &note, &heads)?;
    let date = |d: NaiveDate| ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8);
    for (i, (task, status)) in tasks.iter().enumerate() {
        let r = head_row + 1 + i as u32;
        let lead = task.lead_unit.as_ref().and_then(|id| units.get(id)).map(|u| u.name.as_str()).unwrap_or_default();
        s.write_string_with_format(r, 0, task.id.as_str(), &cell)?;
        s.write_string_with_format(r, 1, &task.number, &cell)?;
        s.write_string_with_format(r, 2, &task.source.reference, &cell)?;
        s.write_string_with_format(r, 3, &task.content, &cell)?;
        s.write_string_with_format(r, 4, lead, &cell)?;
        match task.deadline.due_date() {
            Some(d) => s.write_datetime_with_format(r, 5, date(d)?, &date_cell)?,
            None => s.write_blank(r, 5, &cell)?,
        };
        s.write_string_with_format(r, 6, &task.deadline.text, &cell)?;
        s.write_string_with_format(r, 7, vocabulary::bucket(status.bucket), &cell)?;
        match status.bucket {
            crate::domain::Bucket::Overdue => s.write_number_with_format(r, 8, status.days_late as f64, &cell)?,
            _ => s.write_blank(r, 8, &cell)?,
        };
        s.set_row_height(r, lines_needed(&task.content, 50.0) as f64 * 15.0 + 3.0)?;
    }
    protect_and_print(s, head_row, head_row + tasks.len().max(1) as u32, LAST)
}

/// A list's title, the line saying what to do with it, and its header row (tall enough for wrapped
/// headers on three lines; the columns the unit fills in, `true`, in yellow). Returns the header's row.
fn sheet_top(s: &mut Worksheet, title: &str, note: &str, heads: &[(&str, f64, bool)]) -> Result<u32, XlsxError> {
    let last = heads.len().saturating_sub(1) as u16;
    let title_format = Format::new().set_font_name(FONT).set_font_size(13).set_bold().set_align(FormatAlign::Center);
    let italic = Format::new().set_font_name(FONT).set_font_size(12).set_italic().set_align(FormatAlign::Center).set_text_wrap();
    let header = base_format().set_bold().set_text_wrap().set_align(FormatAlign::Center).set_background_color(0xE7EDF3);
    let fill_header = header.clone().set_background_color(0xFFF2CC);
    s.merge_range(0, 0, 0, last, title, &title_format)?;
    s.merge_range(1, 0, 1, last, note, &italic)?;
    s.set_row_height(1, 32)?;
    let head_row = 3;
    s.set_row_height(head_row, 48)?;
    for (c, (h, w, fill)) in heads.iter().enumerate() {
        s.write_string_with_format(head_row, c as u16, *h, if *fill { &fill_header } else { &header })?;
        s.set_column_width(c as u16, *w)?;
    }
    Ok(head_row)
}

/// Protected (but filterable and resizable), the header frozen and printed on every page, A4
/// landscape one page wide.
fn protect_and_print(s: &mut Worksheet, head_row: u32, last_row: u32, last_col: u16) -> Result<(), XlsxError> {
    s.protect_with_options(&ProtectionOptions { format_columns: true, format_rows: true, use_autofilter: true, ..ProtectionOptions::default() });
    s.autofilter(head_row, 0, last_row, last_col)?;
    s.set_freeze_panes(head_row + 1, 0)?;
    s.set_paper_size(9);
    s.set_landscape();
    s.set_repeat_rows(head_row, head_row)?;
    s.set_print_fit_to_pages(1, 0);
    Ok(())
}

/// By when a unit's list must come back: five working days (Monday–Friday) after `as_of`.
pub fn reply_by(as_of: NaiveDate) -> NaiveDate {
    let mut day = as_of;
    let mut left = 5;
    while left > 0 {
        day += chrono::Duration::days(1);
        if !matches!(day.weekday(), chrono::Weekday::Sat | chrono::Weekday::Sun) {
            left -= 1;
        }
    }
    day
}

/// What the workspace notes once lists have gone out: for each unit with tasks, the tasks
/// listed and the date to send the list back by ([`reply_by`]).
/// A unit that only coordinates is sent its list for information and asked nothing back.
pub fn lists_sent(lists: &[UnitList], as_of: NaiveDate) -> Vec<(UnitId, Exchange)> {
    lists
        .iter()
        .filter(|l| !l.lead.is_empty())
        .map(|UnitList { unit, lead: tasks, .. }| {
            let exchange = Exchange {
                kind: ExchangeKind::ListSent,
                on: as_of,
                tasks: tasks.iter().map(|(t, _)| t.id.clone()).collect(),
                reply_by: Some(reply_by(as_of)),
                document: unit_file_name(unit, as_of),
            };
            (unit.id.clone(), exchange)
        })
        .collect()
}

/// Every unit's list in one .zip (units that neither lead nor coordinate a task left out).
pub fn all_units_zip(lists: &[UnitList], units: &UnitDirectory, as_of: NaiveDate) -> Result<Vec<u8>, XlsxError> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    // The workbooks are compressed already.
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for list in lists.iter().filter(|l| !l.is_empty()) {
        let bytes = unit_xlsx(list, units, as_of)?;
        zip.start_file(unit_file_name(list.unit, as_of), options).map_err(|e| XlsxError::ParameterError(e.to_string()))?;
        zip.write_all(&bytes).map_err(|e| XlsxError::ParameterError(e.to_string()))?;
    }
    Ok(zip.finish().map_err(|e| XlsxError::ParameterError(e.to_string()))?.into_inner())
}
