//! Finding the table in a sheet: the header row is found, not assumed. Titles, a "Phụ lục"
//! caption or blank lines may sit above it; a header may span two rows with merged cells; a row
//! numbering the columns "(1) (2) (3)" may follow it.

use super::error::SheetError;
use super::fields::{field_of_header, map_headers, Field};
use super::grid::{Cell, Sheet};
use crate::domain::fold::fold_words;

/// How far down a header is looked for.
const HEADER_SEARCH_ROWS: usize = 40;
/// Header cells are short; a long text is a title or a task, not a header.
const MAX_HEADER_CHARS: usize = 80;

#[derive(Debug, Clone, PartialEq)]
pub struct TableLayout {
    /// First header row (0-based).
    pub header_row: usize,
    /// 1, or 2 when a second row holds sub-columns.
    pub header_rows: usize,
    /// Each column's header text as shown (both rows joined when there are two).
    pub headers: Vec<String>,
    pub mapping: Vec<Option<Field>>,
    /// First row that may hold a task.
    pub data_start: usize,
}

fn header_cell(sheet: &Sheet, row: usize, col: usize) -> String {
    match sheet.visible(row, col) {
        Cell::Text(t) if t.chars().count() <= MAX_HEADER_CHARS => t.split_whitespace().collect::<Vec<_>>().join(" "),
        _ => String::new(),
    }
}

/// Does the row have a merged cell spanning several columns (a group header over sub-columns)?
fn has_wide_merge(sheet: &Sheet, row: usize) -> bool {
    sheet.merges.iter().any(|m| m.top as usize == row && m.right > m.left && m.bottom as usize == row)
}

/// Each column's header as shown, and the text its field is read from: under a group header
/// ("Kết quả thực hiện" over "Tiến độ", "Ngày hoàn thành"), the sub-column names the field.
fn headers_of(sheet: &Sheet, row: usize, two_rows: bool) -> (Vec<String>, Vec<String>) {
    (0..sheet.width())
        .map(|c| {
            let top = header_cell(sheet, row, c);
            if !two_rows {
                return (top.clone(), top);
            }
            let sub = header_cell(sheet, row + 1, c);
            if sub.is_empty() || sub == top {
                (top.clone(), top)
            } else if top.is_empty() {
                (sub.clone(), sub)
            } else {
                let shown = format!("{top} › {sub}");
                let read = if field_of_header(&sub).is_some() { sub } else { shown.clone() };
                (shown, read)
            }
        })
        .unzip()
}

/// Without merges (a CSV file), a second header row shows itself: every cell in it names a field
/// or repeats the cell above, and at least one names a field under an empty or grouping cell.
fn is_sub_header_row(sheet: &Sheet, row: usize) -> bool {
    let mut names_field_below_group = false;
    for col in 0..sheet.width() {
        let sub = header_cell(sheet, row + 1, col);
        let raw = sheet.visible(row + 1, col);
        if raw.is_empty() {
            continue;
        }
        if sub.is_empty() {
            return false; // a long text or a number: a data row
        }
        let top = header_cell(sheet, row, col);
        if sub == top {
            continue;
        }
        if field_of_header(&sub).is_none() {
            return false;
        }
        names_field_below_group |= top.is_empty() || field_of_header(&top) != field_of_header(&sub);
    }
    names_field_below_group
}

fn score(mapping: &[Option<Field>]) -> usize {
    if !mapping.contains(&Some(Field::Content)) {
        return 0;
    }
    mapping.iter().flatten().count()
}

/// A row that only numbers the columns: "(1) (2) (3)…" or "1 2 3…" or "A B C…".
pub fn is_numbering_row(sheet: &Sheet, row: usize) -> bool {
    let cells: Vec<&Cell> = sheet.rows.get(row).map(|r| r.iter().filter(|c| !c.is_empty()).collect()).unwrap_or_default();
    cells.len() >= 3
        && cells.iter().all(|c| {
            let t = c.as_text();
            let t = t.trim_matches(|ch| ch == '(' || ch == ')' || ch == '*');
            (t.len() <= 3 && t.chars().all(|ch| ch.is_ascii_digit()))
                || (t.len() == 1 && t.chars().all(|ch| ch.is_ascii_uppercase()))
                || (t.len() <= 5 && t.chars().all(|ch| ch.is_ascii_digit() || ch == '=' || ch == '+'))
        })
}

pub fn find_table(sheet: &Sheet) -> Result<TableLayout, SheetError> {
    if sheet.rows.iter().all(|r| r.iter().all(Cell::is_empty)) {
        return Err(SheetError::Empty);
    }
    let mut best: Option<(usize, TableLayout)> = None;
    for row in 0..sheet.height().min(HEADER_SEARCH_ROWS) {
        // An empty row is not the top of a two-row header: the header is the row under it.
        if sheet.row_is_empty(row) {
            continue;
        }
        let two_rows = !sheet.row_is_empty(row + 1) && (has_wide_merge(sheet, row) || is_sub_header_row(sheet, row));
        let (headers, read_from) = headers_of(sheet, row, two_rows);
        let mapping = map_headers(&read_from);
        let s = score(&mapping);
        if s >= 2 && best.as_ref().is_none_or(|(b, _)| s > *b) {
            let header_rows = if two_rows { 2 } else { 1 };
            let mut data_start = row + header_rows;
            if is_numbering_row(sheet, data_start) {
                data_start += 1;
            }
            best = Some((s, TableLayout { header_row: row, header_rows, headers, mapping, data_start }));
        }
    }
    best.map(|(_, t)| t).ok_or(SheetError::NoHeader)
}

/// The table under a header row the person chose: one header row, columns mapped as far as their
/// headers say (the person maps the rest).
pub fn layout_at(sheet: &Sheet, row: usize) -> TableLayout {
    let (headers, read_from) = headers_of(sheet, row, false);
    let mapping = map_headers(&read_from);
    let mut data_start = row + 1;
    if is_numbering_row(sheet, data_start) {
        data_start += 1;
    }
    TableLayout { header_row: row, header_rows: 1, headers, mapping, data_start }
}

/// Use a person's own mapping instead of the guessed one, when it fits these headers.
pub fn with_mapping(mut layout: TableLayout, mapping: &[Option<Field>]) -> TableLayout {
    if mapping.len() == layout.headers.len() {
        layout.mapping = mapping.to_vec();
    }
    layout
}

/// Is this where the table ends: a totals row ("Tổng cộng"), proposals under the table, the
/// closing sentence, the recipients, the signature block?
pub fn is_footer_row(sheet: &Sheet, row: usize) -> bool {
    let Some(first) = sheet.rows.get(row).and_then(|r| r.iter().find(|c| !c.is_empty())) else { return false };
    let Cell::Text(text) = first else { return false };
    // Only the first words say it: a task's long content is not folded whole on every row.
    let mut tokens = text.split_whitespace();
    let head: Vec<&str> = tokens.by_ref().take(8).collect();
    let longer = tokens.next().is_some();
    let words = fold_words(&head.join(" "));
    let starts = |p: &[&str]| words.len() >= p.len() && words.iter().zip(p).all(|(a, b)| a == b);
    starts(&["noi", "nhan"])
        || starts(&["tong", "cong"])
        || starts(&["tong", "so"])
        || (!longer && words.len() <= 3 && starts(&["cong"]))
        || starts(&["de", "xuat", "kien", "nghi"])
        || starts(&["kien", "nghi", "de", "xuat"])
        || starts(&["nhan", "cong", "van"])
        || starts(&["nguoi", "lap"])
        || starts(&["xac", "nhan", "cua"])
        || (text.trim_start().starts_with("TM.") || text.trim_start().starts_with("KT.") || text.trim_start().starts_with("T/M"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::grid::SheetState;

    fn first_cell(text: &str) -> Sheet {
        Sheet {
            name: "Sheet1".into(),
            rows: vec![vec![Cell::Empty, Cell::Text(text.into()), Cell::Text("x".into())]],
            merges: Vec::new(),
            date1904: false,
            hidden_rows: Vec::new(),
            state: SheetState::default(),
            bold: Vec::new(),
            columns_cut: None,
        }
    }

    #[test]
    fn a_footer_is_known_by_its_first_words() {
        for footer in ["Tổng cộng", "Cộng:", "CỘNG  10", "Nơi nhận:", "Tổng số nhiệm vụ được giao trong kỳ báo cáo của các đơn vị trực thuộc"] {
            assert!(is_footer_row(&first_cell(footer), 0), "{footer}");
        }
        // "Cộng" only as a short line: a task may begin with the word.
        for task in ["Cộng đồng dân cư tham gia giữ gìn vệ sinh môi trường tại các khu dân cư", "Rà soát hồ sơ"] {
            assert!(!is_footer_row(&first_cell(task), 0), "{task}");
        }
    }
}
