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

/// The text without the hour of a day: "trước 9h00 ngày 07.10.2021", "vào 8 giờ 30 phút, ngày
/// 05/3/2024" → "trước ngày 07.10.2021", "vào ngày 05/3/2024". A deadline is a day.
fn without_hours(text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    let number = |w: &str| (1..=2).contains(&w.len()) && w.chars().all(|c| c.is_ascii_digit());
    // "9h", "9h00", "14h30'", "8g": an hour in one word.
    let hour_word = |w: &str| {
        let w = w.trim_end_matches([',', '\'', '’']);
        let lower = w.to_lowercase();
        let digits = lower.chars().take_while(char::is_ascii_digit).count();
        (1..=2).contains(&digits) && {
            let rest = &lower[digits..];
            let rest = rest.strip_prefix("giờ").or_else(|| rest.strip_prefix('h')).or_else(|| rest.strip_prefix('g'));
            rest.is_some_and(|r| r.is_empty() || (r.len() <= 2 && r.chars().all(|c| c.is_ascii_digit())) || r == "00p" || r.ends_with("phút"))
        }
    };
    let mut out: Vec<&str> = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let w = words[i];
        let next_is = |k: usize, word: &str| words.get(i + k).is_some_and(|n| n.trim_end_matches(',').to_lowercase() == word);
        if hour_word(w) && next_is_day(&words, i + 1) {
            i += 1;
            continue;
        }
        // "8 giờ 30 phút, ngày …", "8 giờ ngày …".
        if number(w) && next_is(1, "giờ") {
            let mut k = 2;
            if words.get(i + 2).is_some_and(|n| number(n.trim_end_matches(','))) {
                k += 1;
                if next_is(k, "phút") {
                    k += 1;
                }
            }
            if next_is_day(&words, i + k) {
                i += k;
                continue;
            }
        }
        out.push(w);
        i += 1;
    }
    out.join(" ")
}

fn next_is_day(words: &[&str], at: usize) -> bool {
    words.get(at).is_some_and(|w| w.to_lowercase() == "ngày" || w.chars().next().is_some_and(|c| c.is_ascii_digit()) && w.contains(['/', '.', '-']))
}

/// [`own_deadline`], with the document's year for a day written without one ("trước ngày 31.7").
pub fn own_deadline_in(text: &str, year: Option<i32>) -> Option<Deadline> {
    let text = &without_hours(text);
    let lower = text.to_lowercase();
    for marker in ["trước ngày", "vào ngày", "đến ngày", "tới ngày", "chậm nhất ngày", "chậm nhất", "hoàn thành trước", "trong tháng", "hàng tuần", "hằng tuần", "hàng tháng", "hằng tháng", "hàng quý", "hằng quý"] {
        if let Some(at) = lower.find(marker) {
            // "từ đầu tháng 1 tới ngày 15/3/2013": a window ends then; "tính đến ngày 30/6" is an as-of date.
            let window = || {
                let before: String = lower[..at].chars().rev().take(60).collect::<Vec<_>>().into_iter().rev().collect();
                before.contains("từ ") && !before.trim_end().ends_with("tính")
            };
            if matches!(marker, "đến ngày" | "tới ngày") && !window() {
                continue;
            }
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
    // "Thường xuyên kiểm tra …", "phân công cán bộ trực, thường xuyên kiểm tra …": an ongoing
    // duty, said near its start; "kể từ ngày 1/6/2019, không treo …": from then on, with no end.
    let f = fold(text);
    let early = f.split_whitespace().take(10).collect::<Vec<_>>().join(" ");
    if early.starts_with("thuong xuyen") || early.contains(" thuong xuyen ") && !early.contains("khong thuong xuyen") {
        let mut d = read_deadline("Thường xuyên").deadline;
        d.text = "thường xuyên".into();
        return Some(d);
    }
    if let Some(at) = lower.find("kể từ ngày").filter(|_| !lower.contains(" đến ngày") && !lower.contains(" tới ngày")) {
        let mut d = read_deadline("Thường xuyên").deadline;
        d.text = text.chars().skip(lower[..at].chars().count()).take(10 + 11).collect::<String>().trim_end_matches([',', ';', '.', ' ']).to_string();
        return Some(d);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn a_day_with_its_hour_is_that_day() {
        for text in ["gửi Sở Lao động trước 9h00 ngày 07.10.2021 để tổng hợp", "báo cáo trước 14h ngày 07/10/2021.", "họp trước 8 giờ 30 phút, ngày 07/10/2021", "nộp chậm nhất 16 giờ ngày 7/10/2021", "có mặt vào 8 giờ ngày 07/10/2021"] {
            let d = own_deadline_in(text, None);
            assert_eq!(d.and_then(|d| d.due_date()), NaiveDate::from_ymd_opt(2021, 10, 7), "{text}");
        }
        assert_eq!(without_hours("có 12 giờ học và 9h ôn"), "có 12 giờ học và 9h ôn", "hours not before a day stay");
    }

    #[test]
    fn a_window_ends_on_its_last_day_but_an_as_of_date_is_no_deadline() {
        let d = own_deadline_in("trong thời gian từ đầu tháng 1/2013 tới ngày 15/3/2013, bố trí lực lượng", None);
        assert_eq!(d.and_then(|d| d.due_date()), NaiveDate::from_ymd_opt(2013, 3, 15));
        assert_eq!(own_deadline_in("báo cáo số liệu tính đến ngày 30/6/2013 của các xã", None), None);
        assert_eq!(own_deadline_in("tiếp tục thực hiện đến ngày 30/6/2013", None), None, "no window, no deadline");
    }

    #[test]
    fn ongoing_duties_are_continuous() {
        use crate::domain::{DeadlineKind, Recurrence};
        for text in ["Thường xuyên kiểm tra việc thực hiện", "phân công cán bộ kỹ thuật trực, thường xuyên kiểm tra diễn biến", "kể từ ngày 1/6/2019, không treo, chăng các khẩu hiệu"] {
            assert_eq!(own_deadline_in(text, None).map(|d| d.kind), Some(DeadlineKind::Recurring(Recurrence::Continuous)), "{text}");
        }
        assert_eq!(own_deadline_in("tổ chức kiểm tra các cơ sở trên địa bàn, báo cáo kết quả; các đơn vị cần có sự phối hợp thường xuyên", None), None, "said late, not the task's cadence");
    }

    #[test]
    fn a_day_without_its_year_takes_the_documents() {
        let d = own_deadline_in("thành lập đoàn đánh giá, thời gian xong trước ngày 31.7.", Some(2020)).unwrap();
        assert_eq!((d.due_date(), d.text.as_str()), (NaiveDate::from_ymd_opt(2020, 7, 31), "trước ngày 31.7"));
        assert_eq!(own_deadline_in("thời gian xong trước ngày 31.7.", None), None, "no year known: no date guessed");
        assert_eq!(with_year("trước ngày 10-4,", 2012), "trước ngày 10/4/2012");
    }
}
