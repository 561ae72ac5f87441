//! Reading a directive — a dispatch, the chairman's conclusions, a monthly report, a speech — into
//! the document's identity and the tasks it gives, per unit, with their deadlines. Plain Rust;
//! the person reviews what is proposed before anything is added.
//!
//! What is understood (scored on 41 labelled directives, `cargo run --example directive_score`):
//! numbered headings that name units with their bullets; "Đối với các xã, phường" with "+ Phường
//! X: …" items; numbered lists and "Một là, … Hai là, …" items, for the units the sentence before
//! the list addresses; and prose, where a sentence assigns ("giao", "đề nghị", "yêu cầu", "chỉ
//! đạo", "phân công" + units) or has a unit as its subject, one task per ";" clause of a list
//! (see `clauses`). Unit names are read by grammar (`unit_phrase`). A task's own deadline
//! ("trước ngày 20/01/2024", "hàng tuần") wins over the document's ("tháng 01/2024", "sáu tháng
//! cuối năm 2022", "quý IV"). The review of results, statistics, recipients, signature and page
//! furniture are left out.

pub mod docx;
pub mod job;
pub mod review;
pub mod score;
mod clauses;
pub mod deadlines;
mod structure;
mod identity;
mod tasks;
pub mod unit_phrase;

pub use identity::{DocKind, DocumentIdentity};
pub use tasks::{ProposedTask, Target};

use crate::domain::{Deadline, UnitDirectory};

/// What a directive says.
#[derive(Debug, Clone, PartialEq)]
pub struct DirectiveReading {
    pub document: DocumentIdentity,
    /// The deadline the document gives all its tasks (its period), if any.
    pub default_deadline: Option<Deadline>,
    pub tasks: Vec<ProposedTask>,
}

/// Lines of the text as written: trimmed, markdown emphasis removed, empty lines dropped.
pub(crate) fn lines(text: &str) -> Vec<String> {
    text.lines()
        .map(|l| spaced_abbreviations(&l.replace("**", "").replace('\u{a0}', " ").replace('\t', " ")).trim().to_string())
        .filter(|l| !l.is_empty())
        .collect()
}

/// "UBND H.Bắc Bình" → "UBND H. Bắc Bình": a place's level abbreviated and glued to its name is
/// read as two words.
fn spaced_abbreviations(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 4);
    let chars: Vec<char> = line.chars().collect();
    for (i, c) in chars.iter().enumerate() {
        out.push(*c);
        let glued = *c == '.'
            && i >= 1
            && chars[i - 1] == 'H'
            && (i < 2 || !chars[i - 2].is_alphanumeric())
            && chars.get(i + 1).is_some_and(|n| n.is_uppercase());
        if glued {
            out.push(' ');
        }
    }
    out
}

pub fn read_directive(text: &str, units: &UnitDirectory) -> DirectiveReading {
    let lines = lines(text);
    let document = identity::identity(&lines);
    let default_deadline = identity::document_deadline(&lines, &document);
    // The document's time: its period, else its date (else the tasks reader looks at the years it mentions).
    let year = default_deadline.as_ref().and_then(Deadline::due_date).or(document.date).map(|d| chrono::Datelike::year(&d));
    let tasks = tasks::tasks(&lines, units, default_deadline.as_ref(), year);
    DirectiveReading { document, default_deadline, tasks }
}

#[cfg(test)]
mod tests;
