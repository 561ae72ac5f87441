//! Word (.docx) documents the office sends out: the reminder dispatch (công văn đôn đốc) to a
//! unit, and the report on how tasks were carried out in a period, both laid out as Nghị định
//! 30/2020/NĐ-CP sets. Plain Rust, bytes out (written with `docx-rs`); the browser only downloads them.

pub mod layout;
pub mod reminder;
pub mod report;

pub use layout::{DocxError, Letterhead};
pub use reminder::{all_reminders_zip, reminder_docx, reminder_file_name, reminders_of, reminders_sent};
pub use report::{report_docx, report_file_name};

#[cfg(test)]
mod tests;
