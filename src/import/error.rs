//! Why a file could not be imported. Each has a Vietnamese message (in `i18n`) saying what
//! happened and what to do; none of them changes the workspace.

use serde::{Deserialize, Serialize};

/// Files over this size are refused before reading: a browser tab reading more would run out
/// of memory, and no tracker is this big (10,000 rows of text are a few megabytes).
pub const MAX_FILE_BYTES: usize = 50 * 1024 * 1024;

/// A workbook is a zip archive: what it holds once unzipped, at most. Checked on the sizes the
/// archive declares, before anything is unzipped (a small "zip bomb" would otherwise fill memory).
pub const MAX_UNZIPPED_BYTES: u64 = 200 * 1024 * 1024;

/// Big parts of the archive (over this many bytes unzipped) may be compressed at most
/// [`MAX_COMPRESSION_RATIO`] times; real workbooks stay far below (a 10,000-row tracker: 8 to 32).
pub const BIG_ENTRY_BYTES: u64 = 10 * 1024 * 1024;
pub const MAX_COMPRESSION_RATIO: u64 = 100;

/// Cells a file may hold in all its sheets together (counted as the grid keeps them).
pub const MAX_CELLS: usize = 5_000_000;

/// Rows a file may have in all its sheets: a workspace is planned for 50,000 tasks (with room for
/// titles and headings), and planning many more on the page would hold it for seconds (199,000
/// rows: 2.6 s).
pub const MAX_ROWS: usize = 60_000;

/// A sheet using more columns than this is cut (see [`WIDE_SHEET_COLUMNS`]).
pub const MAX_COLUMNS: usize = 1_000;

/// How many columns of a too-wide sheet are read at most: up to the last column with a heading in
/// the first rows, and never more than this.
pub const WIDE_SHEET_COLUMNS: usize = 200;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ImportError {
    EmptyFile,
    TooLarge { bytes: usize },
    NotASpreadsheet,
    PasswordProtected,
    /// The file looks like a workbook but cannot be read (damaged, truncated).
    Damaged(String),
    /// The workbook has no sheet with any cell.
    NoData,
    /// No sheet has a row that reads as a tracker header.
    NoHeader,
    /// The reader stopped unexpectedly (a crash in the Web Worker).
    ReaderCrashed,
    /// Reading took longer than the page allows.
    TimedOut,
    /// The archive would unzip to more than [`MAX_UNZIPPED_BYTES`], or a big part of it is
    /// compressed more than [`MAX_COMPRESSION_RATIO`] times: refused before unzipping.
    SuspiciousArchive { unzipped_bytes: u64 },
    /// The sheets hold more than [`MAX_CELLS`] cells.
    TooManyCells { limit: usize },
    /// A CSV file with more than `limit` rows.
    TooManyRows { limit: usize },
    /// No sheet can be read because its cells are formulas the writing program never computed
    /// (the file keeps no value for them).
    UncalculatedFormulas,
    /// Only a list of tasks a unit coordinates, sent to it for information (see
    /// [`SheetError::ForInformation`]).
    ForInformation,
}

/// Why one sheet of a workbook gives no tasks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum SheetError {
    Empty,
    NoHeader,
    Unreadable(String),
    /// Most of the sheet's cells are formulas without a computed value.
    UncalculatedFormulas,
    /// The tasks a unit only coordinates, sent to it for information (its title says so): read
    /// back, its copies would undo the lead unit's later news, so it is never imported.
    ForInformation,
}
