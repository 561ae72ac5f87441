//! A sheet as a grid of cells, whatever file it came from: the one shape the table finder and
//! row reader work on. Row and column indexes are 0-based positions in the sheet, so the Excel
//! row number a person sees is `row + 1`.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use unicode_normalization::{is_nfc_quick, IsNormalized};

use crate::domain::normal_form::{composed_by_range, nfc};
use crate::domain::vn_date::{format_date, from_excel_serial};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Cell {
    Empty,
    Text(String),
    Number(f64),
    /// A cell Excel formats as a date.
    Date(NaiveDate),
    Bool(bool),
}

impl Cell {
    /// Text as typed; composed (NFC) so Vietnamese typed with combining marks displays and
    /// compares like any other text.
    pub fn text(s: &str) -> Cell {
        let s: String = if composed_by_range(s) || is_nfc_quick(s.chars()) == IsNormalized::Yes { s.to_string() } else { nfc(s) };
        if s.trim().is_empty() {
            Cell::Empty
        } else {
            Cell::Text(s)
        }
    }

    pub fn is_empty(&self) -> bool {
        matches!(self, Cell::Empty)
    }

    /// How the cell reads as text: numbers without a needless ".0", dates dd/mm/yyyy.
    pub fn as_text(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(s) => s.trim().to_string(),
            Cell::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => format!("{}", *n as i64),
            Cell::Number(n) => n.to_string(),
            Cell::Date(d) => format_date(*d),
            Cell::Bool(true) => "x".into(),
            Cell::Bool(false) => String::new(),
        }
    }

    /// The date the cell holds: a date cell, an Excel serial number, or text in a date form.
    pub fn as_date(&self, date1904: bool) -> Option<NaiveDate> {
        match self {
            Cell::Date(d) => Some(*d),
            Cell::Number(n) => from_excel_serial(*n, date1904),
            Cell::Text(s) => crate::domain::vn_date::parse_date(s),
            _ => None,
        }
    }
}

/// A rectangle of merged cells, inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Merge {
    pub top: u32,
    pub left: u32,
    pub bottom: u32,
    pub right: u32,
}

/// Whether the workbook shows a sheet: hidden sheets are listed to the person, unticked; very
/// hidden ones (templates only a macro shows) are never read.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum SheetState {
    #[default]
    Visible,
    Hidden,
    VeryHidden,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Sheet {
    pub name: String,
    /// `rows[r][c]` is the cell at sheet row `r`, column `c` (rows may be ragged).
    pub rows: Vec<Vec<Cell>>,
    pub merges: Vec<Merge>,
    /// The workbook counts dates from 1904 (old Mac workbooks).
    pub date1904: bool,
    /// Rows the workbook hides (0-based, sorted).
    #[serde(default)]
    pub hidden_rows: Vec<u32>,
    #[serde(default)]
    pub state: SheetState,
    /// Bold cells (row, column), 0-based: a bold row with one filled cell is a group heading.
    #[serde(default)]
    pub bold: Vec<(u32, u32)>,
    /// A sheet far too wide was cut: how many columns it used (only the first are read).
    #[serde(default)]
    pub columns_cut: Option<u32>,
}

impl Sheet {
    pub fn new(name: impl Into<String>, rows: Vec<Vec<Cell>>) -> Sheet {
        Sheet { name: name.into(), rows, merges: Vec::new(), date1904: false, hidden_rows: Vec::new(), state: SheetState::Visible, bold: Vec::new(), columns_cut: None }
    }

    pub fn height(&self) -> usize {
        self.rows.len()
    }

    pub fn width(&self) -> usize {
        self.rows.iter().map(Vec::len).max().unwrap_or(0)
    }

    pub fn get(&self, row: usize, col: usize) -> &Cell {
        self.rows.get(row).and_then(|r| r.get(col)).unwrap_or(&Cell::Empty)
    }

    /// The merged rectangle holding this cell, if any.
    pub fn merge_at(&self, row: usize, col: usize) -> Option<Merge> {
        let (r, c) = (row as u32, col as u32);
        self.merges.iter().copied().find(|m| m.top <= r && r <= m.bottom && m.left <= c && c <= m.right)
    }

    /// The value a person sees in this cell: a merged area shows its top-left value in all of it.
    pub fn visible(&self, row: usize, col: usize) -> &Cell {
        match self.merge_at(row, col) {
            Some(m) => self.get(m.top as usize, m.left as usize),
            None => self.get(row, col),
        }
    }

    /// How many cells of the row hold something (merged areas count once).
    pub fn filled_cells(&self, row: usize) -> usize {
        self.rows.get(row).map_or(0, |r| r.iter().filter(|c| !c.is_empty()).count())
    }

    pub fn is_hidden_row(&self, row: usize) -> bool {
        self.hidden_rows.binary_search(&(row as u32)).is_ok()
    }

    /// Does the row hold nothing at all?
    pub fn row_is_empty(&self, row: usize) -> bool {
        self.rows.get(row).is_none_or(|r| r.iter().all(Cell::is_empty))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merged_areas_show_their_value_everywhere() {
        let mut sheet = Sheet::new("S", vec![vec![Cell::text("Phòng Kinh tế"), Cell::Empty], vec![Cell::Empty, Cell::Empty]]);
        sheet.merges.push(Merge { top: 0, left: 0, bottom: 1, right: 0 });
        assert_eq!(sheet.visible(1, 0), &Cell::text("Phòng Kinh tế"));
        assert_eq!(sheet.visible(1, 1), &Cell::Empty);
    }

    #[test]
    fn letters_told_composed_by_range_are_composed() {
        // Every letter the range check lets through is one Unicode itself calls composed.
        let ranges = (0u32..0x300).chain(0x1E00..=0x1EFF);
        for c in ranges.filter_map(char::from_u32) {
            assert!(composed_by_range(&c.to_string()));
            assert_eq!(is_nfc_quick(std::iter::once(c)), IsNormalized::Yes, "U+{:04X}", c as u32);
        }
        // A combining mark is not let through.
        assert!(!composed_by_range("Tie\u{302}\u{301}n"));
        assert!(composed_by_range("Ủy ban nhân dân phường Đồng Xuân"));
    }

    #[test]
    fn cells_read_as_people_wrote_them() {
        assert_eq!(Cell::Number(12.0).as_text(), "12");
        assert_eq!(Cell::Number(1.5).as_text(), "1.5");
        assert_eq!(Cell::text("  "), Cell::Empty);
        assert_eq!(Cell::Number(45311.0).as_date(false), NaiveDate::from_ymd_opt(2024, 1, 20));
        assert_eq!(Cell::text("20/01/2024").as_date(false), NaiveDate::from_ymd_opt(2024, 1, 20));
        // Decomposed Vietnamese (as some tools write it) is composed on the way in.
        assert_eq!(Cell::text(crate::domain::normal_form::nfd("Tiến độ").collect::<String>().as_str()), Cell::Text("Tiến độ".into()));
    }
}
