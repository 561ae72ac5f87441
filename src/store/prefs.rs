//! Small preferences in localStorage (gloo-storage): read with a default, written on change.

use gloo_storage::{LocalStorage, Storage};

use crate::domain::StatusRules;

const STATUS_RULES: &str = "dondoc.status_rules";

pub fn status_rules() -> StatusRules {
    LocalStorage::get(STATUS_RULES).unwrap_or_default()
}

/// Returns false when the browser refused to store it.
pub fn set_status_rules(rules: StatusRules) -> bool {
    LocalStorage::set(STATUS_RULES, rules).is_ok()
}
