//! Reading a sheet's rows into task drafts. Group rows ("A. NGUỒN TRUNG ƯƠNG", "I. Phòng Kinh
//! tế", a row with only a unit name) are not tasks; when they name a unit, the tasks below belong
//! to it. Merged cells apply to every row they cover. An empty cell says nothing: it never erases.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::error::SheetError;
use super::fields::{header_signature, Field};
use super::grid::{Cell, Sheet};
use super::table::{find_table, is_footer_row, is_numbering_row, layout_at, with_mapping, TableLayout};
use crate::domain::deadline::{read_deadline, Deadline, DeadlineKind, DeadlineProblem, DeadlineReading};
use crate::domain::vn_date::format_date;
use crate::domain::{unit_name, Progress, UnitDirectory};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum RowProblem {
    NoContent,
    NoUnit,
    Deadline(DeadlineProblem),
    BadDate { field: Field, text: String },
    UnknownProgress(String),
    /// The id appears on an earlier row of the file (sheet, Excel row).
    DuplicateId { id: String, first: (String, u32) },
}

impl RowProblem {
    /// Is the row left out of the import (as opposed to imported with a warning)?
    pub fn skips_row(&self) -> bool {
        matches!(self, RowProblem::NoContent | RowProblem::DuplicateId { .. })
    }
}

/// One row of a tracker as a task draft. `None` means the file says nothing about that field
/// (no such column, or an empty cell): the task keeps what it had.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RowDraft {
    pub sheet: String,
    /// The row number Excel shows (1-based).
    pub excel_row: u32,
    #[serde(default)]
    pub id: Option<String>,
    #[serde(default)]
    pub number: Option<String>,
    #[serde(default)]
    pub source_ref: Option<String>,
    #[serde(default)]
    pub source_date: Option<NaiveDate>,
    #[serde(default)]
    pub source_title: Option<String>,
    pub content: String,
    /// The lead unit as written (or as the group row above named it).
    #[serde(default)]
    pub lead_unit: Option<String>,
    #[serde(default)]
    pub coordinating: Option<Vec<String>>,
    #[serde(default)]
    pub leader: Option<String>,
    #[serde(default)]
    pub officer: Option<String>,
    #[serde(default)]
    pub deadline: Option<Deadline>,
    #[serde(default)]
    pub progress: Option<Progress>,
    #[serde(default)]
    pub result: Option<String>,
    #[serde(default)]
    pub evidence: Option<String>,
    #[serde(default)]
    pub completed_on: Option<NaiveDate>,
    #[serde(default)]
    pub note: Option<String>,
    #[serde(default)]
    pub problems: Vec<RowProblem>,
    /// The workbook hides this row: shown in the preview, unticked unless the person ticks it.
    #[serde(default)]
    pub hidden: bool,
}

/// A sheet read: where its table is, how its columns were mapped, and its rows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SheetRead {
    pub name: String,
    /// Excel row number of the (first) header row.
    pub header_excel_row: u32,
    pub headers: Vec<String>,
    pub mapping: Vec<Option<Field>>,
    pub signature: String,
    pub rows: Vec<RowDraft>,
    /// Group rows seen (headings, not tasks).
    pub group_rows: u32,
    /// The workbook hides this sheet: listed, unticked unless the person ticks it.
    #[serde(default)]
    pub hidden: bool,
    /// The unit of the whole sheet (from its title line, its name, or the person), if any.
    #[serde(default)]
    pub sheet_unit: Option<String>,
    /// The unit whose own list this sheet is (its title or an "Đơn vị: …" line), sent back.
    #[serde(default)]
    pub returned_by: Option<String>,
    /// The sheet was far too wide and cut: how many columns it used.
    #[serde(default)]
    pub columns_cut: Option<u32>,
    /// Each column's first value under the header, to show beside its mapping.
    #[serde(default)]
    pub examples: Vec<String>,
    /// Columns the reader could not tell apart for a field (field, column given it, other column).
    #[serde(default)]
    pub doubts: Vec<(Field, usize, usize)>,
}

impl SheetRead {
    /// Is the sheet's table imported unless the person unticks it?
    pub fn selected_by_default(&self) -> bool {
        !self.hidden
    }
}

fn strip_enumerator(text: &str) -> (&str, bool) {
    let t = text.trim();
    let Some((head, rest)) = t.split_once(['.', ')', '/']) else { return (t, false) };
    let head = head.trim();
    let roman = !head.is_empty() && head.chars().all(|c| matches!(c, 'I' | 'V' | 'X' | 'L'));
    let letter = head.len() == 1 && head.chars().all(|c| c.is_ascii_uppercase());
    let number = !head.is_empty() && head.len() <= 3 && head.chars().all(|c| c.is_ascii_digit());
    if (roman || letter || number) && !rest.trim().is_empty() {
        (rest.trim(), roman || letter)
    } else {
        (t, false)
    }
}

fn is_uppercase_heading(text: &str) -> bool {
    let letters: Vec<char> = text.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() >= 3 && letters.iter().all(|c| !c.is_lowercase())
}

/// If the row is a group row, `Some(unit it names)`. A group row holds one text (often merged
/// across the table) and no id, numbered with a letter or roman numeral, written in capitals,
/// or naming a unit.
fn group_row(sheet: &Sheet, row: usize, layout: &TableLayout, units: &UnitDirectory) -> Option<Option<String>> {
    // A heading fills at most a number and one (often merged) text cell.
    if sheet.filled_cells(row) > 2 {
        return None;
    }
    let mut texts: Vec<String> = Vec::new();
    let mut number_text = String::new();
    let mut id_text = String::new();
    for col in 0..sheet.width().max(layout.mapping.len()) {
        let value = sheet.visible(row, col).as_text();
        if value.is_empty() {
            continue;
        }
        match layout.mapping.get(col).copied().flatten() {
            // A heading typed in the number column ("I. PHÒNG TÀI CHÍNH - KẾ HOẠCH") is its text.
            Some(Field::Number) if value.chars().count() <= 6 => number_text = value,
            Some(Field::Id) => id_text = value,
            _ => {
                if !texts.contains(&value) {
                    texts.push(value);
                }
            }
        }
    }
    if !id_text.is_empty() && !texts.contains(&id_text) {
        return None;
    }
    let text = match texts.as_slice() {
        [one] => one.clone(),
        _ => return None,
    };
    let numbered_as_group = {
        let n = number_text.trim().trim_end_matches('.');
        !n.is_empty() && (n.chars().all(|c| matches!(c, 'I' | 'V' | 'X' | 'L')) || (n.len() == 1 && n.chars().all(|c| c.is_ascii_uppercase())))
    };
    let (name, enumerated) = strip_enumerator(&text);
    let names_unit = units.names_a_unit(name) || unit_name::looks_like_unit(name);
    let bold = sheet.bold.iter().any(|&(r, _)| r as usize == row);
    let heading = enumerated || numbered_as_group || is_uppercase_heading(&text) || bold || (names_unit && number_text.is_empty());
    heading.then(|| names_unit.then(|| unit_name::normalise_case(name.trim_end_matches([':', ';', '.']).trim())))
}

fn text_of(cell: &Cell) -> Option<String> {
    let t = cell.as_text();
    (!t.is_empty()).then_some(t)
}

/// Coordinating units: one per line or ";"; a comma separates units only when every part is a
/// unit's name ("Phòng Kinh tế, Phòng Tư pháp"), never inside one ("Hội đồng bồi thường, hỗ trợ
/// và tái định cư thị xã", "UBND các xã, phường").
fn split_units(text: &str, units: &UnitDirectory) -> Vec<String> {
    let mut out = Vec::new();
    for part in text.split([';', '\n']).map(|p| p.trim().trim_start_matches(['-', '+']).trim()).filter(|s| !s.is_empty()) {
        let pieces: Vec<&str> = part.split(',').map(str::trim).filter(|s| !s.is_empty()).collect();
        if pieces.len() > 1 && pieces.iter().all(|p| units.names_a_unit(p) || unit_name::looks_like_unit(p)) {
            out.extend(pieces.iter().map(|p| p.trim_end_matches('.').to_string()));
        } else {
            out.push(part.trim_end_matches('.').to_string());
        }
    }
    out
}

/// A whole number that is a year ("2026" typed in a deadline cell), not a date serial.
fn year_of(cell: &Cell) -> Option<i64> {
    match cell {
        Cell::Number(n) if n.fract() == 0.0 && (1900.0..=2200.0).contains(n) => Some(*n as i64),
        _ => None,
    }
}

/// What a sheet's cells read as, kept per distinct text: a tracker's unit, coordinating and progress
/// columns repeat a few dozen texts over thousands of rows, and reading a unit's name (its case
/// mended, its words looked up) on every row was a sixth of reading a 10,000-row file.
#[derive(Default)]
struct Seen {
    units: HashMap<String, String>,
    coordinating: HashMap<String, (Vec<String>, Vec<String>)>,
    progress: HashMap<String, Option<Progress>>,
    deadlines: HashMap<String, DeadlineReading>,
}

/// The reading of `text` kept in `map`, read the first time it is met.
fn remembered<V: Clone>(map: &mut HashMap<String, V>, text: &str, read: impl FnOnce(&str) -> V) -> V {
    if let Some(known) = map.get(text) {
        return known.clone();
    }
    let value = read(text);
    map.insert(text.to_string(), value.clone());
    value
}

impl Seen {
    fn unit(&mut self, name: &str) -> String {
        remembered(&mut self.units, name, unit_name::normalise_case)
    }

    /// The units a "coordinating" cell names (their case mended) and its words that name none.
    fn coordinating(&mut self, text: &str, units: &UnitDirectory) -> (Vec<String>, Vec<String>) {
        let mended = &mut self.units;
        remembered(&mut self.coordinating, text, |text| {
            // "các đơn vị có liên quan" names no unit: it stays as text in the note.
            let (named, generic): (Vec<String>, Vec<String>) =
                split_units(text, units).into_iter().partition(|u| units.names_a_unit(u) || unit_name::looks_like_unit(u));
            (named.iter().map(|u| remembered(mended, u, unit_name::normalise_case)).collect(), generic)
        })
    }

    fn deadline(&mut self, text: &str) -> DeadlineReading {
        remembered(&mut self.deadlines, text, read_deadline)
    }

    fn progress(&mut self, text: &str) -> Option<Progress> {
        remembered(&mut self.progress, text, Progress::from_text)
    }
}

fn read_row(
    sheet: &Sheet,
    row: usize,
    layout: &TableLayout,
    group_unit: &Option<String>,
    units: &UnitDirectory,
    seen: &mut Seen,
) -> Option<RowDraft> {
    let mut d = RowDraft { sheet: sheet.name.clone(), excel_row: row as u32 + 1, hidden: sheet.is_hidden_row(row), ..Default::default() };
    let mut any = false;
    let mut deadline_kind_text: Option<String> = None;
    let mut deadline_text: Option<String> = None;
    let mut coordinating_text: Option<String> = None;
    for (col, field) in layout.mapping.iter().enumerate() {
        let Some(field) = field else { continue };
        let cell = sheet.visible(row, col);
        if cell.is_empty() {
            continue;
        }
        any = true;
        let date = |d: &mut RowDraft, field: Field| -> Option<NaiveDate> {
            let found = cell.as_date(sheet.date1904);
            if found.is_none() {
                d.problems.push(RowProblem::BadDate { field, text: cell.as_text() });
            }
            found
        };
        match field {
            Field::Id => d.id = text_of(cell),
            Field::Number => d.number = text_of(cell),
            Field::SourceRef => d.source_ref = text_of(cell),
            Field::SourceDate => d.source_date = date(&mut d, *field),
            Field::SourceTitle => d.source_title = text_of(cell),
            Field::DeadlineText => deadline_text = text_of(cell),
            Field::Content => d.content = cell.as_text(),
            Field::LeadUnit => d.lead_unit = text_of(cell),
            Field::CoordinatingUnits => {
                let (named, generic) = seen.coordinating(&cell.as_text(), units);
                d.coordinating = Some(named);
                if !generic.is_empty() {
                    coordinating_text = Some(generic.join("; "));
                }
            }
            Field::Leader => d.leader = text_of(cell),
            Field::Officer => d.officer = text_of(cell),
            Field::DeadlineKind => deadline_kind_text = text_of(cell),
            Field::Deadline => {
                d.deadline = Some(match cell {
                    Cell::Date(day) => Deadline::on(*day, format_date(*day)),
                    Cell::Number(_) if year_of(cell).is_some() => read_deadline(&cell.as_text()).deadline,
                    Cell::Number(_) => match cell.as_date(sheet.date1904) {
                        Some(day) => Deadline::on(day, format_date(day)),
                        None => {
                            d.problems.push(RowProblem::Deadline(DeadlineProblem::Unreadable));
                            Deadline::none(cell.as_text())
                        }
                    },
                    _ => {
                        let reading = seen.deadline(&cell.as_text());
                        if let Some(p) = reading.problem {
                            d.problems.push(RowProblem::Deadline(p));
                        }
                        reading.deadline
                    }
                })
            }
            Field::Progress => {
                d.progress = match cell {
                    Cell::Bool(true) => Some(Progress::Done),
                    _ => {
                        let p = seen.progress(&cell.as_text());
                        if p.is_none() {
                            d.problems.push(RowProblem::UnknownProgress(cell.as_text()));
                        }
                        p
                    }
                }
            }
            Field::Result => d.result = text_of(cell),
            Field::Evidence => d.evidence = text_of(cell),
            Field::CompletedOn => d.completed_on = date(&mut d, *field),
            Field::Note => d.note = text_of(cell),
            Field::UpdatedAt => {}
        }
    }
    if !any {
        return None;
    }
    if let Some(text) = coordinating_text {
        let line = crate::vocabulary::coordinating_note(&text);
        d.note = Some(match d.note.take() {
            Some(note) => format!("{note}\n{line}"),
            None => line,
        });
    }
    // The deadline as the directive wrote it: kept with the date, or read when there is no date.
    // A file with that column (Đôn Đốc's own tracker) says the text even when it is empty.
    if deadline_text.is_none() && layout.mapping.contains(&Some(Field::DeadlineText)) {
        if let Some(dl) = d.deadline.as_mut().filter(|dl| dl.date.is_some()) {
            dl.text.clear();
        }
    }
    if let Some(text) = deadline_text {
        d.deadline = Some(match d.deadline.take() {
            Some(mut dl) if dl.date.is_some() => {
                dl.text = text;
                dl
            }
            _ => {
                let reading = seen.deadline(&text);
                if let Some(p) = reading.problem {
                    d.problems.push(RowProblem::Deadline(p));
                }
                reading.deadline
            }
        });
    }
    // "Loại thời hạn" says what kind of deadline the date is (recurring, none).
    if let Some(kind_text) = deadline_kind_text {
        let kind = seen.deadline(&kind_text).deadline.kind;
        let mut deadline = d.deadline.take().unwrap_or_default();
        match kind {
            DeadlineKind::Recurring(_) => deadline.kind = kind,
            DeadlineKind::None if deadline.date.is_none() || crate::domain::fold::fold(&kind_text).contains("khong") => {
                deadline.kind = DeadlineKind::None;
                deadline.date = None;
            }
            _ => {}
        }
        // Without a column of its own, the deadline's text is what the kind column says.
        if deadline.text.is_empty() && !layout.mapping.contains(&Some(Field::DeadlineText)) {
            deadline.text = kind_text;
        }
        d.deadline = Some(deadline);
    }
    // Without a progress column, the result's own words say it ("Đã hoàn thành", "Đang thi
    // công", "80%"); a result that says no progress word leaves it unset.
    if d.progress.is_none() && !layout.mapping.contains(&Some(Field::Progress)) {
        d.progress = d.result.as_deref().and_then(Progress::from_text);
    }
    if d.progress.is_none() && d.completed_on.is_some() {
        d.progress = Some(Progress::Done);
    }
    d.lead_unit = d.lead_unit.map(|u| seen.unit(&u));
    if d.lead_unit.is_none() {
        d.lead_unit = group_unit.clone();
    }
    if d.content.trim().is_empty() {
        d.problems.insert(0, RowProblem::NoContent);
    } else if d.lead_unit.is_none() {
        d.problems.push(RowProblem::NoUnit);
    }
    Some(d)
}

/// Is most of this column people's names ("Nguyễn Văn A", "Đ/c Hùng - PCT")?
fn holds_people(sheet: &Sheet, layout: &TableLayout, col: usize) -> bool {
    let values: Vec<String> = (layout.data_start..sheet.height().min(layout.data_start + 60))
        .map(|row| sheet.visible(row, col).as_text())
        .filter(|v| !v.is_empty())
        .collect();
    !values.is_empty() && values.iter().filter(|v| unit_name::looks_like_person(v)).count() * 2 > values.len()
}

/// A column of people's names is never the unit column: the unit goes to another column whose
/// header could name it, and the people to the leader (or officer) when that is free.
fn people_are_not_units(sheet: &Sheet, mut layout: TableLayout) -> TableLayout {
    for field in [Field::LeadUnit, Field::CoordinatingUnits] {
        let Some(col) = layout.mapping.iter().position(|f| *f == Some(field)) else { continue };
        if !holds_people(sheet, &layout, col) {
            continue;
        }
        layout.mapping[col] = None;
        let other = (0..layout.headers.len()).find(|&c| {
            c != col && layout.mapping[c].is_none() && super::fields::header_score(&layout.headers[c], field) > 0 && !holds_people(sheet, &layout, c)
        });
        if let Some(c) = other {
            layout.mapping[c] = Some(field);
        }
        if let Some(person) = [Field::Leader, Field::Officer].into_iter().find(|f| !layout.mapping.contains(&Some(*f))) {
            layout.mapping[col] = Some(person);
        }
    }
    layout
}

/// The unit a whole sheet belongs to: the unit whose own list it is (see [`list_owner`]), or the
/// sheet's name when it is a unit's name.
fn sheet_unit(sheet: &Sheet, layout: &TableLayout, units: &UnitDirectory) -> Option<String> {
    if let Some(owner) = list_owner(sheet, layout, true) {
        return Some(owner);
    }
    let name = sheet.name.trim();
    (unit_name::looks_like_unit(name) || units.knows(name)).then(|| unit_name::normalise_case(name))
}

/// The unit whose own list a sheet is, sent back filled in: the list's title ("NHIỆM VỤ DO PHÒNG
/// KINH TẾ CHỦ TRÌ"), or an "Đơn vị: …" line above the header when `unit_line` (a sheet with a
/// unit column of its own is an office's tracker, its "Đơn vị:" the office that keeps it).
fn list_owner(sheet: &Sheet, layout: &TableLayout, unit_line: bool) -> Option<String> {
    for row in 0..layout.header_row {
        for col in 0..sheet.width() {
            let text = sheet.get(row, col).as_text();
            if let Some(unit) = crate::vocabulary::unit_of_list_title(&text) {
                return Some(unit_name::normalise_case(unit));
            }
            if !unit_line {
                continue;
            }
            let folded = crate::domain::fold::fold(&text);
            let Some(rest) = ["don vi:", "don vi thuc hien:", "don vi chu tri:"].iter().find_map(|p| folded.starts_with(p).then(|| text.split_once(':').map(|(_, r)| r.trim()))).flatten() else { continue };
            if !rest.is_empty() {
                return Some(unit_name::normalise_case(rest));
            }
        }
    }
    None
}

/// Read a sheet: find its table (or use the given mapping) and read every row below the header.
/// `header_row` (0-based) is the header the person chose when the reader found none.
/// `given_unit` is the unit the person gave the whole sheet, for rows that name none.
pub fn read_sheet(
    sheet: &Sheet,
    mapping: Option<&[Option<Field>]>,
    header_row: Option<usize>,
    given_unit: Option<&str>,
    units: &UnitDirectory,
) -> Result<SheetRead, SheetError> {
    let layout = match header_row {
        Some(row) if row < sheet.height() => layout_at(sheet, row),
        _ => find_table(sheet)?,
    };
    if (0..layout.header_row).any(|row| (0..sheet.width()).any(|col| crate::vocabulary::is_coordinated_list_title(&sheet.get(row, col).as_text()))) {
        return Err(SheetError::ForInformation);
    }
    let layout = match mapping {
        Some(m) => with_mapping(layout, m),
        None => people_are_not_units(sheet, layout),
    };
    let mut rows = Vec::new();
    // Without a unit column, the unit of the whole sheet: an "Đơn vị: …" line above the table
    // (a unit's own list sent back filled in), or a sheet named after a unit (one sheet per unit).
    let sheet_unit = match given_unit {
        Some(unit) => Some(unit.to_string()),
        None => (!layout.mapping.contains(&Some(Field::LeadUnit))).then(|| sheet_unit(sheet, &layout, units)).flatten(),
    };
    let mut group_unit: Option<String> = sheet_unit.clone();
    let mut group_rows = 0;
    let mut seen = Seen::default();
    for row in layout.data_start..sheet.height() {
        if sheet.row_is_empty(row) || is_numbering_row(sheet, row) {
            continue;
        }
        if is_footer_row(sheet, row) {
            break;
        }
        if let Some(unit) = group_row(sheet, row, &layout, units) {
            group_rows += 1;
            group_unit = unit.or_else(|| sheet_unit.clone());
            continue;
        }
        if let Some(draft) = read_row(sheet, row, &layout, &group_unit, units, &mut seen) {
            rows.push(draft);
        }
    }
    let examples = (0..layout.headers.len())
        .map(|col| {
            (layout.data_start..sheet.height().min(layout.data_start + 50))
                .map(|row| sheet.visible(row, col).as_text())
                .find(|v| !v.is_empty())
                .map(|v| v.chars().take(60).collect())
                .unwrap_or_default()
        })
        .collect();
    let doubts = super::fields::doubtful(&layout.headers, &layout.mapping);
    Ok(SheetRead {
        sheet_unit,
        returned_by: list_owner(sheet, &layout, !layout.mapping.contains(&Some(Field::LeadUnit))),
        columns_cut: sheet.columns_cut,
        examples,
        doubts,
        name: sheet.name.clone(),
        header_excel_row: layout.header_row as u32 + 1,
        signature: header_signature(&layout.headers),
        headers: layout.headers,
        mapping: layout.mapping,
        rows,
        group_rows,
        hidden: sheet.state != super::grid::SheetState::Visible,
    })
}
