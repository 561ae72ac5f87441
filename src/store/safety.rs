//! The data's safety as the Dữ liệu panel tells it: when the last backup was made, how much has
//! changed since, and when to remind the person to make one. Plain Rust, kept in localStorage by
//! `prefs`; the rule is tested natively.

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

/// A backup is due this many days after the last one (or after the data first came in)…
pub const REMIND_AFTER_DAYS: i64 = 7;
/// …or after this many changes.
pub const REMIND_AFTER_CHANGES: u32 = 500;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Safety {
    /// When the workspace first had data in this browser (the first import, sample or
    /// directive): until a backup is made, the reminder counts from then.
    #[serde(default)]
    pub data_since: Option<NaiveDate>,
    /// The last backup downloaded from this browser.
    #[serde(default)]
    pub last_backup: Option<NaiveDateTime>,
    /// Changes made since then, in every tab.
    #[serde(default)]
    pub changes_since: u32,
    /// The browser has been asked to keep the data (asked once, after the first data came in).
    #[serde(default)]
    pub asked_to_persist: bool,
}

/// Why a backup is due.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reminder {
    /// Never backed up, and the data came in this many days ago.
    NeverBackedUp { days: i64 },
    /// The last backup is this many days old.
    Old { days: i64 },
    /// This many changes since the last backup (or since the data came in).
    ManyChanges { changes: u32 },
}

impl Safety {
    /// A change was made.
    pub fn changed(&mut self) {
        self.changes_since = self.changes_since.saturating_add(1);
    }

    /// The data came in (the workspace had tasks): the day is noted once.
    pub fn data_arrived(&mut self, today: NaiveDate) {
        self.data_since.get_or_insert(today);
    }

    /// A backup was downloaded.
    pub fn backed_up(&mut self, at: NaiveDateTime) {
        self.last_backup = Some(at);
        self.changes_since = 0;
    }

    /// Is a backup due? Never while there are no tasks to lose.
    pub fn reminder(&self, today: NaiveDate, has_tasks: bool) -> Option<Reminder> {
        if !has_tasks {
            return None;
        }
        if self.changes_since >= REMIND_AFTER_CHANGES {
            return Some(Reminder::ManyChanges { changes: self.changes_since });
        }
        match (self.last_backup, self.data_since) {
            (Some(at), _) => {
                let days = (today - at.date()).num_days();
                (days >= REMIND_AFTER_DAYS).then_some(Reminder::Old { days })
            }
            (None, Some(since)) => {
                let days = (today - since).num_days();
                (days >= REMIND_AFTER_DAYS).then_some(Reminder::NeverBackedUp { days })
            }
            // Data from before this was kept: counted from today on.
            (None, None) => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
    }

    #[test]
    fn a_fresh_backup_is_not_due_until_a_week_has_passed() {
        let mut s = Safety::default();
        s.data_arrived(day(1));
        s.backed_up(day(10).and_hms_opt(16, 30, 0).unwrap());
        assert_eq!(s.reminder(day(16), true), None);
        assert_eq!(s.reminder(day(17), true), Some(Reminder::Old { days: 7 }));
    }

    #[test]
    fn data_never_backed_up_is_due_a_week_after_it_came_in() {
        let mut s = Safety::default();
        s.data_arrived(day(1));
        s.data_arrived(day(5)); // a later import does not move the day
        assert_eq!(s.reminder(day(7), true), None);
        assert_eq!(s.reminder(day(8), true), Some(Reminder::NeverBackedUp { days: 7 }));
    }

    #[test]
    fn five_hundred_changes_are_due_whatever_the_day_and_a_backup_starts_the_count_again() {
        let mut s = Safety::default();
        s.data_arrived(day(20));
        for _ in 0..REMIND_AFTER_CHANGES - 1 {
            s.changed();
        }
        assert_eq!(s.reminder(day(20), true), None);
        s.changed();
        assert_eq!(s.reminder(day(20), true), Some(Reminder::ManyChanges { changes: 500 }));
        s.backed_up(day(20).and_hms_opt(9, 0, 0).unwrap());
        assert_eq!(s.reminder(day(20), true), None);
    }

    #[test]
    fn nothing_to_lose_is_never_due() {
        let s = Safety { data_since: Some(day(1)), changes_since: 900, ..Safety::default() };
        assert_eq!(s.reminder(day(30), false), None);
    }
}
