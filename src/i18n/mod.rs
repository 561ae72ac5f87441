//! Every string of the interface. Vietnamese is the only language today; a second one is a second
//! `Texts` value, chosen in [`texts`].

mod vi;

pub use vi::VI;

use crate::domain::{Bucket, DeadlineProblem, Progress, UnitKind};

pub struct Texts {
    pub app_name: &'static str,
    pub app_tagline: &'static str,
    pub nav_tasks: &'static str,
    pub nav_about: &'static str,
    pub loading: &'static str,
    pub welcome_title: &'static str,
    pub welcome_body: &'static str,
    pub load_sample: &'static str,
    pub sample_hint: &'static str,
    pub clear_workspace: &'static str,
    pub clear_confirm: &'static str,
    pub cleared: &'static str,
    pub sample_loaded: fn(usize) -> String,
    pub task_count: fn(usize) -> String,
    pub as_of: &'static str,
    pub col_number: &'static str,
    pub col_content: &'static str,
    pub col_unit: &'static str,
    pub col_deadline: &'static str,
    pub col_progress: &'static str,
    pub col_status: &'static str,
    pub col_source: &'static str,
    pub days_overdue: fn(u32) -> String,
    pub days_late: fn(u32) -> String,
    pub due_soon: fn(i64) -> String,
    pub no_deadline: &'static str,
    pub deadline_unreadable: &'static str,
    pub show_more: fn(usize) -> String,
    pub missing_completion_date: &'static str,
    pub coordinating: &'static str,
    pub not_found: &'static str,
    pub back_to_tasks: &'static str,
    pub about_body: &'static [&'static str],
    pub close: &'static str,
    pub cancel: &'static str,
    pub clear_yes: &'static str,
    pub today: &'static str,
    pub as_of_invalid: &'static str,
    pub as_of_placeholder: &'static str,
    pub due_soon_label: &'static str,
    pub no_unit: &'static str,
    pub footer_saved: &'static str,
    pub footer_memory_only: &'static str,
    pub footer_read_only: &'static str,
    pub footer_loading: &'static str,
    pub saving: &'static str,
    pub empty_read_only: &'static str,
    // Storage
    pub storage_unavailable: &'static str,
    pub storage_newer_version: fn(u32, u32) -> String,
    pub storage_migration_failed: fn(u32, &str) -> String,
    pub storage_unreadable_records: fn(usize) -> String,
    pub storage_read_failed: &'static str,
    pub storage_write_failed: &'static str,
    pub storage_quota: &'static str,
    pub retry_save: &'static str,
    pub unsaved_changes: fn(usize) -> String,
    pub other_tab_changed: &'static str,
    pub other_tab_blocking: &'static str,
    pub reload: &'static str,
    pub bucket: fn(Bucket) -> &'static str,
    pub progress: fn(Progress) -> &'static str,
    pub unit_kind: fn(UnitKind) -> &'static str,
    pub deadline_problem: fn(&DeadlineProblem) -> String,
}

/// The texts of the interface language.
pub fn texts() -> &'static Texts {
    &VI
}
