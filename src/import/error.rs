//! Why a file could not be imported. Each has a Vietnamese message (in `i18n`) saying what
//! happened and what to do; none of them changes the workspace.

use serde::{Deserialize, Serialize};

/// Files over this size are refused before reading: a browser tab reading more would run out
/// of memory, and no tracker is this big (10,000 rows of text are a few megabytes).
pub const MAX_FILE_BYTES: usize = 50 * 1024 * 1024;

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
}

/// Why one sheet of a workbook gives no tasks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum SheetError {
    Empty,
    NoHeader,
    Unreadable(String),
}
