//! What the page asks the file worker to write, and the writing: the page gathers the figures and
//! the tasks (cheap), the worker lays out and packs the Word files (where the weight of `docx-rs`
//! lives, off the page's thread and out of its first load).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{all_reminders_zip, reminder_docx, report_docx, DocxError, Letterhead};
use crate::domain::{Status, Task, Unit};
use crate::report::monthly::Report;

/// What the worker answers, followed by the reason, when a file could not be written.
pub const WRITE_FAILED: &str = "__write_failed__:";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum WriteRequest {
    /// Reminders: one unit gives its .docx, several a .zip of one .docx each.
    Reminders { head: Letterhead, lists: Vec<(Unit, Vec<(Task, Status)>)>, as_of: NaiveDate, reply_by: NaiveDate },
    /// The report of a period as .docx.
    Report { head: Letterhead, report: Report },
}

/// The bytes of the file a request asks for.
pub fn write(request: &WriteRequest) -> Result<Vec<u8>, DocxError> {
    match request {
        WriteRequest::Reminders { head, lists, as_of, reply_by } => {
            let borrowed: Vec<(&Unit, Vec<(&Task, Status)>)> = lists.iter().map(|(u, tasks)| (u, tasks.iter().map(|(t, s)| (t, *s)).collect())).collect();
            match borrowed.as_slice() {
                [] => Err(DocxError("không có nhiệm vụ quá hạn hay sắp đến hạn để đôn đốc".into())),
                [(unit, tasks)] => reminder_docx(head, unit, tasks, *as_of, *reply_by),
                many => all_reminders_zip(head, many, *as_of, *reply_by),
            }
        }
        WriteRequest::Report { head, report } => report_docx(head, report),
    }
}
