//! Importing the Excel trackers offices already have. Bytes → sheets of cells (`workbook`,
//! `csv_file`) → the table found in each (`table`, `fields`) → task drafts (`rows`) → a plan of
//! what changes (`merge`), shown before anything is stored. Plain Rust: the browser runs
//! [`read`] in a Web Worker, so no file can take the page down.

pub mod csv_file;
pub mod error;
pub mod fields;
pub mod grid;
pub mod merge;
pub mod rows;
pub mod table;
pub mod workbook;
mod xlsx_extra;

use serde::{Deserialize, Serialize};

pub use error::{ImportError, SheetError, MAX_FILE_BYTES};
pub use fields::Field;
pub use merge::{plan, MergePlan};
pub use rows::{RowDraft, RowProblem, SheetRead};

use crate::domain::{Unit, UnitDirectory};

/// What the page asks the reader: the file's name, the workspace's units (to tell unit names in
/// group rows), and the mappings the person fixed before, by header signature.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct ReadRequest {
    pub file_name: String,
    pub units: Vec<Unit>,
    pub mappings: Vec<(String, Vec<Option<Field>>)>,
}

/// One sheet of the file: read, or why not.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SheetOutcome {
    pub name: String,
    pub result: Result<SheetRead, SheetError>,
}

pub type ReadResponse = Result<Vec<SheetOutcome>, ImportError>;

/// Read a file into sheets of task drafts. Fails as a whole only when no sheet holds a tracker.
pub fn read(request: &ReadRequest, bytes: &[u8]) -> ReadResponse {
    let sheets = workbook::read_file(&request.file_name, bytes)?;
    let units = UnitDirectory::new(request.units.clone());
    let outcomes: Vec<SheetOutcome> = sheets
        .into_iter()
        .map(|(name, sheet)| {
            let result = sheet.and_then(|sheet| {
                let first = rows::read_sheet(&sheet, None, &units)?;
                match request.mappings.iter().find(|(sig, _)| *sig == first.signature) {
                    Some((_, mapping)) => rows::read_sheet(&sheet, Some(mapping), &units),
                    None => Ok(first),
                }
            });
            SheetOutcome { name, result }
        })
        .collect();
    if outcomes.iter().all(|o| o.result.is_err()) {
        return Err(if outcomes.iter().all(|o| o.result == Err(SheetError::Empty)) {
            ImportError::NoData
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
