//! Small preferences in localStorage (gloo-storage): read with a default, written on change.

use gloo_storage::{LocalStorage, Storage};

use crate::domain::StatusRules;
use crate::import::Field;

const STATUS_RULES: &str = "dondoc.status_rules";
const IMPORT_MAPPINGS: &str = "dondoc.import_mappings";
const LETTERHEAD: &str = "dondoc.letterhead";
const REPORT_BASIS: &str = "dondoc.report_basis";
const SAFETY: &str = "dondoc.safety";

/// Which tasks the report counts, as last chosen (else what an office reports).
pub fn report_basis() -> crate::report::monthly::Basis {
    LocalStorage::get::<String>(REPORT_BASIS).ok().and_then(|c| crate::report::monthly::Basis::from_code(&c)).unwrap_or(crate::report::monthly::Basis::DueOrOverdue)
}

pub fn set_report_basis(basis: crate::report::monthly::Basis) -> bool {
    LocalStorage::set(REPORT_BASIS, basis.code()).is_ok()
}

/// Who issues the office's Word documents and signs them, as last filled in (its date is the
/// day of each document, set when one is made).
pub fn letterhead() -> Option<crate::export::docx::Letterhead> {
    LocalStorage::get(LETTERHEAD).ok()
}

/// Returns false when the browser refused to store it.
pub fn set_letterhead(head: &crate::export::docx::Letterhead) -> bool {
    LocalStorage::set(LETTERHEAD, head).is_ok()
}

pub fn status_rules() -> StatusRules {
    LocalStorage::get(STATUS_RULES).unwrap_or_default()
}

/// Returns false when the browser refused to store it.
pub fn set_status_rules(rules: StatusRules) -> bool {
    LocalStorage::set(STATUS_RULES, rules).is_ok()
}

/// Column mappings the person fixed, by header signature.
pub fn import_mappings() -> Vec<(String, Vec<Option<Field>>)> {
    LocalStorage::get(IMPORT_MAPPINGS).unwrap_or_default()
}

/// Remember a fixed mapping for files with these headers. Returns false when not stored.
pub fn remember_import_mapping(signature: &str, mapping: &[Option<Field>]) -> bool {
    let mut all = import_mappings();
    all.retain(|(s, _)| s != signature);
    all.push((signature.to_string(), mapping.to_vec()));
    LocalStorage::set(IMPORT_MAPPINGS, all).is_ok()
}

/// The last backup, changes since, and whether the browser was asked to keep the data.
pub fn safety() -> crate::store::safety::Safety {
    LocalStorage::get(SAFETY).unwrap_or_default()
}

/// Change what is known of the data's safety (read again first: other tabs write it too).
pub fn update_safety(change: impl FnOnce(&mut crate::store::safety::Safety)) -> crate::store::safety::Safety {
    let mut s = safety();
    change(&mut s);
    let _ = LocalStorage::set(SAFETY, &s);
    s
}
