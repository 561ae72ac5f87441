//! A task's own deadline in its words: "trước ngày …", "chậm nhất …", "trong tháng …", "hàng
//! tuần/tháng/quý", "thường xuyên" — and a day written without its year ("trước ngày 31.7") in
//! the document's year. The document's own period is read with its identity (`identity`).

use crate::domain::deadline::{read_deadline, DeadlineReading};
use crate::domain::fold::fold;
use crate::domain::{Deadline, DeadlineKind, DeadlineProblem};

/// A task's own deadline, only from words that mark one: "trước ngày …", "chậm nhất …",
/// "trong tháng …", "hàng tuần/tháng/quý", or "thường xuyên" opening the task. Dates cited in the
/// task ("Quyết định … ngày 29/12/2021") are not deadlines.
pub fn own_deadline(text: &str) -> Option<Deadline> {
    own_deadline_in(text, None)
}

/// "15.9" or "10-4" without a year: the day in the document's year.
fn with_year(phrase: &str, year: i32) -> String {
    phrase
        .split(' ')
        .map(|w| {
            let core = w.trim_end_matches([',', ';', '.', ')']);
            let parts: Vec<&str> = core.split(['.', '/', '-']).collect();
            if parts.len() == 2 && parts.iter().all(|p| (1..=2).contains(&p.len()) && p.chars().all(|c| c.is_ascii_digit())) {
                format!("{}/{}/{year}", parts[0], parts[1])
            } else {
                w.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// [`own_deadline`], with the document's year for a day written without one ("trước ngày 31.7").
pub fn own_deadline_in(text: &str, year: Option<i32>) -> Option<Deadline> {
    let lower = text.to_lowercase();
    for marker in ["trước ngày", "chậm nhất ngày", "chậm nhất", "hoàn thành trước", "trong tháng", "hàng tuần", "hằng tuần", "hàng tháng", "hằng tháng", "hàng quý", "hằng quý"] {
        if let Some(at) = lower.find(marker) {
            let phrase: String = text.chars().skip(lower[..at].chars().count()).take(marker.chars().count() + 14).collect();
            let phrase = phrase.trim_end_matches([';', '.', ',', ')', ' ']).to_string();
            let mut reading = read_deadline(&phrase);
            if let (Some(DeadlineProblem::MissingYear), Some(y)) = (&reading.problem, year) {
                let dated = read_deadline(&with_year(&phrase, y));
                if dated.problem.is_none() {
                    reading = DeadlineReading { deadline: Deadline { text: reading.deadline.text.clone(), ..dated.deadline }, problem: None };
                }
            }
            if reading.problem.is_none() && reading.deadline.kind != DeadlineKind::None {
                // The text is exactly the words that state it: the marker of a recurrence, or the
                // phrase up to the date's year.
                let mut deadline = reading.deadline;
                deadline.text = match deadline.kind {
                    DeadlineKind::Recurring(_) => phrase.chars().take(marker.chars().count()).collect(),
                    _ => {
                        let chars: Vec<char> = phrase.chars().collect();
                        let end = (0..chars.len().saturating_sub(3))
                            .rev()
                            .find(|&i| chars[i..i + 4].iter().all(char::is_ascii_digit))
                            .map_or(chars.len(), |i| i + 4);
                        chars[..end].iter().collect()
                    }
                };
                return Some(deadline);
            }
        }
    }
    if fold(text).starts_with("thuong xuyen") {
        return Some(read_deadline("Thường xuyên").deadline);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn a_day_without_its_year_takes_the_documents() {
        let d = own_deadline_in("thành lập đoàn đánh giá, thời gian xong trước ngày 31.7.", Some(2020)).unwrap();
        assert_eq!((d.due_date(), d.text.as_str()), (NaiveDate::from_ymd_opt(2020, 7, 31), "trước ngày 31.7"));
        assert_eq!(own_deadline_in("thời gian xong trước ngày 31.7.", None), None, "no year known: no date guessed");
        assert_eq!(with_year("trước ngày 10-4,", 2012), "trước ngày 10/4/2012");
    }
}
