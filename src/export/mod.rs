//! Files out: the tracker as .xlsx (what the current view shows, every field, the status as of a
//! date), the current view as CSV, a full backup of the workspace (with its restore), and the Word
//! letters and reports (`docx`). Plain Rust, bytes out; the browser only downloads them.

pub mod backup;
pub mod columns;
pub mod csv_out;
pub mod docx;
pub mod report_xlsx;
pub mod request;
pub mod tracker;
pub mod unit_list;

use chrono::NaiveDate;

/// A file name that says what and when: "Theo-doi-nhiem-vu_2024-01-20.xlsx".
pub fn file_name(what: &str, day: NaiveDate, extension: &str) -> String {
    format!("{what}_{}.{extension}", day.format("%Y-%m-%d"))
}

/// A name as file names write it: accents dropped, the capitals kept, words joined by "-":
/// "Phòng Tài chính - Kế hoạch" → "Phong-Tai-chinh-Ke-hoach", "Phòng TN&MT" → "Phong-TN-MT".
pub fn name_slug(name: &str) -> String {
    crate::domain::fold::without_accents(name)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

pub const TRACKER_NAME: &str = "Theo-doi-nhiem-vu";
pub const BACKUP_NAME: &str = "Sao-luu-Don-Doc";

/// Text a spreadsheet would take for a formula ("=", "+", "-", "@" first) is kept as text:
/// in CSV it gets a leading apostrophe, as Excel itself writes it.
pub fn is_formula_like(text: &str) -> bool {
    text.starts_with(['=', '+', '-', '@'])
}

#[cfg(test)]
mod tests;
