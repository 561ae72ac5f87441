//! What went out to a unit and what came back: its list sent (with a date to send it back by),
//! reminders (công văn đôn đốc) sent, and its list returned filled in (an import). From these, one
//! pure function says whether a unit has answered ([`answer`]): the unit table and the unit page
//! show it, so the office sees at a glance who has sent their list back and who must be chased.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::TaskId;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExchangeKind {
    /// The unit's own list went out (Excel), to be sent back by a date.
    ListSent,
    /// A reminder dispatch went out, asking for a report by a date.
    ReminderSent,
    /// The unit's list came back filled in (imported).
    ReplyReceived,
}

impl ExchangeKind {
    /// Asks the unit for an answer (a list or a reminder).
    pub fn asks(self) -> bool {
        matches!(self, ExchangeKind::ListSent | ExchangeKind::ReminderSent)
    }
}

/// One thing sent to or received from a unit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Exchange {
    pub kind: ExchangeKind,
    /// The day it was sent or received.
    pub on: NaiveDate,
    /// The tasks it was about (listed, chased, or updated by the reply).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tasks: Vec<TaskId>,
    /// By when the unit must answer (what is sent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reply_by: Option<NaiveDate>,
    /// The reminder's number ("125/UBND-VP", or "…/UBND-VP" before the number is given), or the
    /// name of the file the reply came in.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub document: String,
}

/// Where a unit stands with what it was asked, on a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    /// Nothing has been sent to it (and nothing received).
    NotAsked,
    /// Asked on `asked`, to answer by `by`, which has not passed.
    Waiting { asked: NaiveDate, by: NaiveDate, reminders: usize },
    /// Asked, and the day to answer by has passed by `days` days with no answer.
    Late { asked: NaiveDate, by: NaiveDate, days: i64, reminders: usize },
    /// Answered on `on`, after the last thing it was asked (or unasked).
    Answered { on: NaiveDate },
}

impl Answer {
    /// For sorting units by who most needs chasing: late (longest first), waiting, not asked,
    /// answered.
    pub fn urgency(&self) -> i64 {
        match self {
            Answer::Late { days, .. } => 1_000_000 + days,
            Answer::Waiting { .. } => 2,
            Answer::NotAsked => 1,
            Answer::Answered { .. } => 0,
        }
    }
}

/// Whether a unit has answered, as of `as_of`, from its exchanges (only those on or before
/// `as_of` count, so a past as-of date shows how things stood then). A reply answers everything
/// asked up to its day; a reminder sent after it asks again.
pub fn answer(log: &[Exchange], as_of: NaiveDate) -> Answer {
    let known = log.iter().filter(|e| e.on <= as_of);
    let last_reply = known.clone().filter(|e| e.kind == ExchangeKind::ReplyReceived).map(|e| e.on).max();
    // The latest ask not yet answered (asked after the last reply), and how many reminders since.
    let open: Vec<&Exchange> = known.filter(|e| e.kind.asks() && last_reply.is_none_or(|r| e.on > r)).collect();
    let Some(last_ask) = open.iter().max_by_key(|e| (e.on, e.reply_by)) else {
        return last_reply.map_or(Answer::NotAsked, |on| Answer::Answered { on });
    };
    let reminders = open.iter().filter(|e| e.kind == ExchangeKind::ReminderSent).count();
    // The earliest day any open ask wanted an answer by: the unit is late from then.
    let by = open.iter().filter_map(|e| e.reply_by).min().unwrap_or(last_ask.on);
    let asked = open.iter().map(|e| e.on).min().unwrap_or(last_ask.on);
    if as_of > by {
        Answer::Late { asked, by, days: (as_of - by).num_days(), reminders }
    } else {
        Answer::Waiting { asked, by, reminders }
    }
}

/// The exchanges in the order the unit page lists them: newest first.
pub fn newest_first(log: &[Exchange]) -> Vec<&Exchange> {
    let mut all: Vec<&Exchange> = log.iter().collect();
    all.sort_by(|a, b| b.on.cmp(&a.on).then(kind_rank(b.kind).cmp(&kind_rank(a.kind))));
    all
}

/// Same day: a reply is listed above what was sent that day only if it came after it; with no
/// time kept, what is sent comes first in the day, the reply last.
fn kind_rank(kind: ExchangeKind) -> u8 {
    match kind {
        ExchangeKind::ListSent => 0,
        ExchangeKind::ReminderSent => 1,
        ExchangeKind::ReplyReceived => 2,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn sent(kind: ExchangeKind, on: NaiveDate, by: NaiveDate) -> Exchange {
        Exchange { kind, on, tasks: vec![TaskId("NV-1".into())], reply_by: Some(by), document: String::new() }
    }

    fn reply(on: NaiveDate) -> Exchange {
        Exchange { kind: ExchangeKind::ReplyReceived, on, tasks: vec![], reply_by: None, document: "lists.xlsx".into() }
    }

    #[test]
    fn a_unit_never_asked_is_not_asked() {
        assert_eq!(answer(&[], d(2026, 11, 21)), Answer::NotAsked);
    }

    #[test]
    fn a_list_sent_waits_until_its_day_then_is_late_by_the_days_past_it() {
        let log = [sent(ExchangeKind::ListSent, d(2026, 11, 20), d(2026, 11, 27))];
        assert_eq!(answer(&log, d(2026, 11, 27)), Answer::Waiting { asked: d(2026, 11, 20), by: d(2026, 11, 27), reminders: 0 });
        assert_eq!(answer(&log, d(2026, 11, 30)), Answer::Late { asked: d(2026, 11, 20), by: d(2026, 11, 27), days: 3, reminders: 0 });
        // Seen from before it was sent, nothing had been asked.
        assert_eq!(answer(&log, d(2026, 11, 19)), Answer::NotAsked);
    }

    #[test]
    fn a_reply_answers_what_was_asked_and_a_later_reminder_asks_again() {
        let list = sent(ExchangeKind::ListSent, d(2026, 11, 20), d(2026, 11, 27));
        let back = reply(d(2026, 11, 25));
        assert_eq!(answer(&[list.clone(), back.clone()], d(2026, 12, 10)), Answer::Answered { on: d(2026, 11, 25) });
        let again = sent(ExchangeKind::ReminderSent, d(2026, 12, 1), d(2026, 12, 4));
        let log = [list, back, again];
        assert_eq!(answer(&log, d(2026, 12, 2)), Answer::Waiting { asked: d(2026, 12, 1), by: d(2026, 12, 4), reminders: 1 });
        assert_eq!(answer(&log, d(2026, 12, 7)), Answer::Late { asked: d(2026, 12, 1), by: d(2026, 12, 4), days: 3, reminders: 1 });
    }

    #[test]
    fn reminders_after_a_missed_day_are_counted_and_the_lateness_runs_from_the_first_day_missed() {
        let log = [
            sent(ExchangeKind::ListSent, d(2026, 11, 2), d(2026, 11, 9)),
            sent(ExchangeKind::ReminderSent, d(2026, 11, 12), d(2026, 11, 16)),
            sent(ExchangeKind::ReminderSent, d(2026, 11, 18), d(2026, 11, 20)),
        ];
        assert_eq!(answer(&log, d(2026, 11, 21)), Answer::Late { asked: d(2026, 11, 2), by: d(2026, 11, 9), days: 12, reminders: 2 });
    }

    #[test]
    fn a_reply_nobody_asked_for_still_counts_as_answered() {
        assert_eq!(answer(&[reply(d(2026, 11, 3))], d(2026, 11, 21)), Answer::Answered { on: d(2026, 11, 3) });
    }

    #[test]
    fn a_reply_the_same_day_as_the_list_answers_it() {
        let log = [sent(ExchangeKind::ListSent, d(2026, 11, 20), d(2026, 11, 27)), reply(d(2026, 11, 20))];
        // Sent and received the same day: with no time kept, the reply is taken to come after.
        assert_eq!(answer(&log, d(2026, 11, 30)), Answer::Answered { on: d(2026, 11, 20) });
    }

    #[test]
    fn late_units_sort_before_waiting_ones_the_longest_late_first() {
        let a = Answer::Late { asked: d(2026, 1, 1), by: d(2026, 1, 5), days: 9, reminders: 0 };
        let b = Answer::Late { asked: d(2026, 1, 1), by: d(2026, 1, 5), days: 2, reminders: 0 };
        let w = Answer::Waiting { asked: d(2026, 1, 1), by: d(2026, 1, 5), reminders: 0 };
        let mut all = [Answer::Answered { on: d(2026, 1, 2) }, w, b, Answer::NotAsked, a];
        all.sort_by_key(|x| std::cmp::Reverse(x.urgency()));
        assert_eq!(all, [a, b, w, Answer::NotAsked, Answer::Answered { on: d(2026, 1, 2) }]);
    }

    #[test]
    fn the_page_lists_exchanges_newest_first() {
        let log = [sent(ExchangeKind::ListSent, d(2026, 11, 2), d(2026, 11, 9)), reply(d(2026, 11, 5)), sent(ExchangeKind::ReminderSent, d(2026, 11, 5), d(2026, 11, 9))];
        let kinds: Vec<ExchangeKind> = newest_first(&log).iter().map(|e| e.kind).collect();
        assert_eq!(kinds, [ExchangeKind::ReplyReceived, ExchangeKind::ReminderSent, ExchangeKind::ListSent]);
    }
}
