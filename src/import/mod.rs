//! Importing the Excel trackers offices already have. Bytes → sheets of cells (`workbook`,
//! `csv_file`) → the table found in each (`table`, `fields`) → task drafts (`rows`) → a plan of
//! what changes (`merge`), shown before anything is stored. Plain Rust: the browser runs
//! [`read`] in a Web Worker, so no file can take the page down.

pub mod csv_file;
pub mod error;
pub mod fields;
pub mod grid;
pub mod merge;
pub mod message;
pub mod rows;
pub mod table;
pub mod workbook;
mod xlsx_extra;

use serde::{Deserialize, Serialize};

pub use error::{ImportError, SheetError, MAX_FILE_BYTES, MAX_ROWS};
pub use fields::Field;
pub use merge::{plan, MergePlan};
pub use rows::{RowDraft, RowProblem, SheetRead};

use crate::domain::{Unit, UnitDirectory};

/// How the reader tells the page how far it is: this, then the percent.
pub const PROGRESS: &str = "__progress__:";

/// What the page asks the reader: the file's name, the workspace's units (to tell unit names in
/// group rows), and the mappings the person fixed before, by header signature.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct ReadRequest {
    pub file_name: String,
    pub units: Vec<Unit>,
    pub mappings: Vec<(String, Vec<Option<Field>>)>,
    /// Header rows the person chose (sheet, Excel row) where the reader found none.
    #[serde(default)]
    pub header_rows: Vec<(String, u32)>,
    /// The unit the person gave a whole sheet (sheet, unit name): for its rows that name none.
    #[serde(default)]
    pub sheet_units: Vec<(String, String)>,
}

/// One sheet of the file: read, or why not.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SheetOutcome {
    pub name: String,
    pub result: Result<SheetRead, SheetError>,
    /// When no header was found in a sheet that holds a table: its first rows (Excel row, cells),
    /// for the person to point at the header.
    #[serde(default)]
    pub first_rows: Vec<(u32, Vec<String>)>,
}

/// Rows shown to the person to choose a header from.
const FIRST_ROWS: usize = 12;

/// The first filled rows of a sheet that looks like a table (two rows of two cells or more), for
/// the person to choose its header; empty when it does not.
fn first_rows(sheet: &grid::Sheet) -> Vec<(u32, Vec<String>)> {
    let rows: Vec<(u32, Vec<String>)> = (0..sheet.height())
        .filter(|&r| sheet.filled_cells(r) > 0)
        .take(FIRST_ROWS)
        .map(|r| (r as u32 + 1, (0..sheet.width().min(30)).map(|c| sheet.visible(r, c).as_text()).collect()))
        .collect();
    let tabular = rows.iter().filter(|(_, cells)| cells.iter().filter(|c| !c.is_empty()).count() >= 2).count();
    if tabular >= 2 { rows } else { Vec::new() }
}

pub type ReadResponse = Result<Vec<SheetOutcome>, ImportError>;

/// Read a file into sheets of task drafts. Fails as a whole only when no sheet holds a tracker.
pub fn read(request: &ReadRequest, bytes: &[u8]) -> ReadResponse {
    read_with_progress(request, bytes, &|_| {})
}

/// [`read`], saying how far a CSV file has been read (percent), for the page to show.
pub fn read_with_progress(request: &ReadRequest, bytes: &[u8], progress: &dyn Fn(u8)) -> ReadResponse {
    let sheets = workbook::read_file_with_progress(&request.file_name, bytes, progress)?;
    // Rows past the limit in a workbook (a CSV stops reading at it).
    let rows: usize = sheets.iter().filter_map(|(_, s)| s.as_ref().ok()).map(|s| s.rows.iter().filter(|r| r.iter().any(|c| !c.is_empty())).count()).sum();
    if rows > MAX_ROWS {
        return Err(ImportError::TooManyRows { limit: MAX_ROWS });
    }
    let units = UnitDirectory::new(request.units.clone());
    let outcomes: Vec<SheetOutcome> = sheets
        .into_iter()
        .map(|(name, sheet)| {
            let mut first = Vec::new();
            let result = sheet.and_then(|sheet| {
                let chosen = request.header_rows.iter().find(|(n, _)| *n == name).map(|(_, row)| (*row as usize).saturating_sub(1));
                let given = request.sheet_units.iter().find(|(n, u)| *n == name && !u.trim().is_empty()).map(|(_, u)| u.trim());
                let read = rows::read_sheet(&sheet, None, chosen, given, &units).and_then(|read| {
                    match request.mappings.iter().find(|(sig, _)| *sig == read.signature) {
                        Some((_, mapping)) => rows::read_sheet(&sheet, Some(mapping), chosen, given, &units),
                        None => Ok(read),
                    }
                });
                if read == Err(SheetError::NoHeader) {
                    first = first_rows(&sheet);
                }
                read
            });
            SheetOutcome { name, result, first_rows: first }
        })
        .collect();
    // A table whose header the reader did not recognise is shown, for the person to point at it.
    if outcomes.iter().all(|o| o.result.is_err() && o.first_rows.is_empty()) {
        return Err(if outcomes.iter().all(|o| o.result == Err(SheetError::Empty)) {
            ImportError::NoData
        } else if outcomes.iter().any(|o| o.result == Err(SheetError::ForInformation)) {
            ImportError::ForInformation
        } else {
            ImportError::NoHeader
        });
    }
    Ok(outcomes)
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tracker_fixtures;
