//! Vietnamese dates as people write them: always day/month/year. Finds dates, months, quarters,
//! half-years and years in free text, converts Excel serial numbers, and formats dd/mm/yyyy.
//! Recognises only exact forms: text it cannot read is reported, never guessed.

use chrono::{Datelike, Duration, NaiveDate};

use super::fold::fold;

/// Show a date the Vietnamese way: 20/01/2024.
pub fn format_date(date: NaiveDate) -> String {
    date.format("%d/%m/%Y").to_string()
}

/// Read a plain date cell ("20/01/2024", "20-01-2024", "20.01.2024", "2024-01-20",
/// "ngày 20 tháng 01 năm 2024"); `None` unless the text holds exactly one date.
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    match find_dates(&tokenize(&fold(text))).as_slice() {
        [(Found::Valid(d), _, _)] => Some(*d),
        _ => None,
    }
}

/// An Excel date serial number to a date. `date1904` is the workbook's 1904 date system
/// (old Mac workbooks). In the 1900 system Excel counts a 29/02/1900 that never existed,
/// so serial 60 is not a date and serials from 61 on are shifted by one day.
pub fn from_excel_serial(serial: f64, date1904: bool) -> Option<NaiveDate> {
    if !serial.is_finite() || serial < 1.0 || serial > 2_958_465.0 {
        return None;
    }
    let days = serial.floor() as i64;
    let (base, days) = if date1904 {
        (NaiveDate::from_ymd_opt(1904, 1, 1)?, days)
    } else if days < 60 {
        (NaiveDate::from_ymd_opt(1899, 12, 31)?, days)
    } else if days == 60 {
        return None;
    } else {
        (NaiveDate::from_ymd_opt(1899, 12, 30)?, days)
    };
    base.checked_add_signed(Duration::days(days))
}

/// The Excel serial (1900 system) of a date, for writing real Excel dates.
pub fn to_excel_serial(date: NaiveDate) -> f64 {
    let base = NaiveDate::from_ymd_opt(1899, 12, 30).expect("valid base date");
    (date - base).num_days() as f64
}

pub fn last_day_of_month(year: i32, month: u32) -> Option<NaiveDate> {
    let (next_year, next_month) = if month == 12 { (year + 1, 1) } else { (year, month + 1) };
    NaiveDate::from_ymd_opt(next_year, next_month, 1).map(|d| d - Duration::days(1))
}

pub fn end_of_quarter(year: i32, quarter: u32) -> Option<NaiveDate> {
    (1..=4).contains(&quarter).then(|| last_day_of_month(year, quarter * 3)).flatten()
}

/// A period a deadline text can name; its deadline is the period's last day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    Month { year: i32, month: u32 },
    Quarter { year: i32, quarter: u32 },
    /// "6 tháng đầu năm 2024": the first `months` months of the year.
    FirstMonths { year: i32, months: u32 },
    Year { year: i32 },
}

impl Period {
    pub fn last_day(self) -> Option<NaiveDate> {
        match self {
            Period::Month { year, month } => last_day_of_month(year, month),
            Period::Quarter { year, quarter } => end_of_quarter(year, quarter),
            Period::FirstMonths { year, months } => last_day_of_month(year, months),
            Period::Year { year } => NaiveDate::from_ymd_opt(year, 12, 31),
        }
    }
}

/// What a piece of text says about a date, as found by [`scan`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateMention {
    /// Exactly one day ("20/01/2024"), or the end of a range ("từ 01/01 đến 20/01/2024").
    Day(NaiveDate),
    /// Several different days and nothing says which one is meant.
    SeveralDays(Vec<NaiveDate>),
    /// A day written in date form that does not exist ("31/02/2024").
    InvalidDay,
    Period(Period),
    /// A day or month without its year ("trước ngày 20/01").
    MissingYear,
    Nothing,
}

/// Scan free text for the date it names.
pub fn scan(text: &str) -> DateMention {
    let folded = fold(text);
    let tokens = tokenize(&folded);
    let found = find_dates(&tokens);
    if !found.is_empty() {
        let valid: Vec<NaiveDate> = found
            .iter()
            .filter_map(|(f, _, _)| match f {
                Found::Valid(d) => Some(*d),
                Found::Invalid => None,
            })
            .collect();
        if valid.len() < found.len() {
            return DateMention::InvalidDay;
        }
        let mut distinct = valid.clone();
        distinct.sort();
        distinct.dedup();
        if distinct.len() == 1 {
            return DateMention::Day(distinct[0]);
        }
        let joined = found.len() == 2 && joins_range(&tokens, found[0].2, found[1].1);
        if valid.len() == 2 && (is_range(&tokens) || joined) && valid[0] < valid[1] {
            return DateMention::Day(valid[1]);
        }
        return DateMention::SeveralDays(valid);
    }
    if let Some(period) = whole_year_form(&tokens) {
        return DateMention::Period(period);
    }
    let periods = find_periods(&tokens);
    let mut distinct: Vec<Period> = Vec::new();
    for (p, _, _) in &periods {
        if !distinct.contains(p) {
            distinct.push(*p);
        }
    }
    match distinct.as_slice() {
        [] => {}
        [one] => return DateMention::Period(*one),
        // "Quý III/2025 - Quý IV/2025", "từ tháng 3/2024 đến tháng 6/2024": the end of the range.
        [first, last] if periods.len() == 2 && joins_range(&tokens, periods[0].2, periods[1].1) => {
            return match (first.last_day(), last.last_day()) {
                (Some(a), Some(b)) if a < b => DateMention::Period(*last),
                _ => DateMention::Nothing,
            };
        }
        _ => return DateMention::Nothing,
    }
    if mentions_day_or_month_without_year(&tokens) {
        return DateMention::MissingYear;
    }
    DateMention::Nothing
}

// ---------------------------------------------------------------------------------------------
// Tokens of folded text.

#[derive(Debug, Clone, PartialEq)]
enum Tok<'a> {
    Num { value: u32, digits: usize },
    Word(&'a str),
    Sep(char),
}

#[derive(Debug, Clone)]
struct Token<'a> {
    tok: Tok<'a>,
    /// No whitespace or other punctuation between this token and the previous one.
    glued: bool,
}

fn tokenize(folded: &str) -> Vec<Token<'_>> {
    let mut tokens = Vec::new();
    let mut glued = false;
    let bytes = folded.as_bytes();
    let mut i = 0;
    while i < folded.len() {
        let c = folded[i..].chars().next().expect("in bounds");
        let start = i;
        if c.is_ascii_digit() {
            while i < bytes.len() && bytes[i].is_ascii_digit() {
                i += 1;
            }
            let digits = &folded[start..i];
            let value = digits.parse::<u32>().unwrap_or(u32::MAX);
            tokens.push(Token { tok: Tok::Num { value, digits: digits.len() }, glued });
            glued = true;
        } else if c.is_alphabetic() {
            while i < folded.len() {
                let c = folded[i..].chars().next().expect("in bounds");
                if !c.is_alphabetic() {
                    break;
                }
                i += c.len_utf8();
            }
            tokens.push(Token { tok: Tok::Word(&folded[start..i]), glued });
            glued = true;
        } else {
            i += c.len_utf8();
            if matches!(c, '/' | '-' | '.' | '–') {
                tokens.push(Token { tok: Tok::Sep(if c == '–' { '-' } else { c }), glued });
                glued = true;
            } else {
                glued = false;
            }
        }
    }
    tokens
}

fn num(t: Option<&Token>) -> Option<(u32, usize)> {
    match t.map(|t| &t.tok) {
        Some(Tok::Num { value, digits }) => Some((*value, *digits)),
        _ => None,
    }
}

fn word<'a>(t: Option<&Token<'a>>) -> Option<&'a str> {
    match t.map(|t| &t.tok) {
        Some(Tok::Word(w)) => Some(w),
        _ => None,
    }
}

fn sep(t: Option<&Token>) -> Option<char> {
    match t {
        Some(Token { tok: Tok::Sep(c), glued: true }) => Some(*c),
        _ => None,
    }
}

fn glued(t: Option<&Token>) -> bool {
    t.is_some_and(|t| t.glued)
}

fn year(t: Option<&Token>) -> Option<i32> {
    num(t).filter(|(_, digits)| *digits == 4).map(|(v, _)| v as i32)
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Found {
    Valid(NaiveDate),
    Invalid,
}

fn found(y: i32, m: u32, d: u32) -> Found {
    NaiveDate::from_ymd_opt(y, m, d).map_or(Found::Invalid, Found::Valid)
}

/// Every full date in the text, in order, with the tokens it spans (`start..end`): d/m/yyyy
/// (separators / - .), yyyy-mm-dd, and "ngày d tháng m năm yyyy".
fn find_dates(t: &[Token]) -> Vec<(Found, usize, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < t.len() {
        // d/m/yyyy with one kind of separator, all glued together.
        if let (Some((d, dl)), Some(s1), Some((m, ml)), Some(s2), Some(y)) =
            (num(t.get(i)), sep(t.get(i + 1)), num(t.get(i + 2)), sep(t.get(i + 3)), year(t.get(i + 4)))
        {
            if s1 == s2 && dl <= 2 && ml <= 2 && glued(t.get(i + 2)) && glued(t.get(i + 4)) {
                out.push((found(y, m, d), i, i + 5));
                i += 5;
                continue;
            }
        }
        // yyyy-mm-dd (ISO, as some programs write CSV).
        if let (Some(y), Some('-'), Some((m, 2)), Some('-'), Some((d, 2))) =
            (year(t.get(i)), sep(t.get(i + 1)), num(t.get(i + 2)), sep(t.get(i + 3)), num(t.get(i + 4)))
        {
            out.push((found(y, m, d), i, i + 5));
            i += 5;
            continue;
        }
        // ngày d tháng m năm yyyy
        if word(t.get(i)) == Some("ngay") && word(t.get(i + 2)) == Some("thang") && word(t.get(i + 4)) == Some("nam")
        {
            if let (Some((d, _)), Some((m, _)), Some(y)) = (num(t.get(i + 1)), num(t.get(i + 3)), year(t.get(i + 5))) {
                out.push((found(y, m, d), i, i + 6));
                i += 6;
                continue;
            }
        }
        i += 1;
    }
    out
}

/// "từ … đến …": two dates that are a range, whose end is the deadline.
fn is_range(t: &[Token]) -> bool {
    let words: Vec<&str> = t.iter().filter_map(|t| word(Some(t))).collect();
    words.contains(&"tu") && words.contains(&"den")
}

/// Do the tokens between two dates or periods (`end` of the first, `start` of the second) join
/// them into a range: only a dash or "đến"/"tới" ("Quý III/2025 - Quý IV/2025").
fn joins_range(t: &[Token], end: usize, start: usize) -> bool {
    let between = match t.get(end..start) {
        Some(b) if !b.is_empty() => b,
        _ => return false,
    };
    let dash = |t: &Token| matches!(t.tok, Tok::Sep('-'));
    let to = |t: &Token| matches!(t.tok, Tok::Word("den" | "toi"));
    between.iter().all(|t| dash(t) || to(t))
        && between.iter().filter(|t| dash(t) || to(t)).count() == 1
}

/// A plausible calendar year, as a deadline column writes one.
fn plausible_year(t: Option<&Token>) -> Option<i32> {
    year(t).filter(|y| (1900..=2100).contains(y))
}

/// Text that is nothing but a year or a range of years: "2026", "2025-2026", "2025 - 2026",
/// "giai đoạn 2025-2026", "từ năm 2025 đến năm 2026". The year, or the range's last year. A year
/// inside other words ("Nghị định 30/2020/NĐ-CP", "Kế hoạch năm 2024 của …") is not read here.
fn whole_year_form(t: &[Token]) -> Option<Period> {
    let mut rest: &[Token] = t;
    // A closing full stop.
    if let [head @ .., last] = rest {
        if matches!(last.tok, Tok::Sep('.')) {
            rest = head;
        }
    }
    // Words that may open it: "trong", "năm", "giai đoạn", "từ", "cả".
    while let Some((first, tail)) = rest.split_first() {
        match first.tok {
            Tok::Word("trong" | "nam" | "giai" | "doan" | "tu" | "ca") => rest = tail,
            _ => break,
        }
    }
    let first = plausible_year(rest.first())?;
    let rest = &rest[1..];
    if rest.is_empty() {
        return Some(Period::Year { year: first });
    }
    // The joining word or dash, then optionally "năm", then the last year, and nothing else.
    let (join, rest) = rest.split_first()?;
    if !matches!(join.tok, Tok::Sep('-') | Tok::Word("den" | "toi")) {
        return None;
    }
    let rest = match rest.first() {
        Some(Token { tok: Tok::Word("nam"), .. }) => &rest[1..],
        _ => rest,
    };
    match rest {
        [last] => plausible_year(Some(last)).filter(|y| *y > first).map(|year| Period::Year { year }),
        _ => None,
    }
}

fn roman_or_number(t: Option<&Token>) -> Option<u32> {
    if let Some((v, digits)) = num(t) {
        return (digits <= 2).then_some(v);
    }
    match word(t)? {
        "i" => Some(1),
        "ii" => Some(2),
        "iii" => Some(3),
        "iv" => Some(4),
        _ => None,
    }
}

fn count_word(t: Option<&Token>) -> Option<u32> {
    if let Some((v, digits)) = num(t) {
        return (digits <= 2).then_some(v);
    }
    match word(t)? {
        "ba" => Some(3),
        "sau" => Some(6),
        "chin" => Some(9),
        _ => None,
    }
}

/// After "tháng 1", "quý I": the year, written "/2024", "-2024", ".2024" or " năm 2024".
fn year_after(t: &[Token], i: usize) -> Option<(i32, usize)> {
    if sep(t.get(i)).is_some() && glued(t.get(i + 1)) {
        return year(t.get(i + 1)).map(|y| (y, i + 2));
    }
    if word(t.get(i)) == Some("nam") {
        return year(t.get(i + 1)).map(|y| (y, i + 2));
    }
    None
}

/// Every period the text names, in order, with the tokens it spans (`start..end`).
fn find_periods(t: &[Token]) -> Vec<(Period, usize, usize)> {
    let mut periods = Vec::new();
    let mut i = 0;
    while i < t.len() {
        // "6 tháng đầu năm 2024", "sáu tháng cuối năm 2024"
        if let (Some(n), Some("thang"), Some(part), Some("nam"), Some(y)) =
            (count_word(t.get(i)), word(t.get(i + 1)), word(t.get(i + 2)), word(t.get(i + 3)), year(t.get(i + 4)))
        {
            let months = match part {
                "dau" if (1..=12).contains(&n) => Some(n),
                "cuoi" if (1..=12).contains(&n) => Some(12),
                _ => None,
            };
            if let Some(months) = months {
                periods.push((Period::FirstMonths { year: y, months }, i, i + 5));
                i += 5;
                continue;
            }
        }
        match word(t.get(i)) {
            Some("thang") => {
                if let Some((m, _)) = num(t.get(i + 1)).filter(|(m, d)| *d <= 2 && (1..=12).contains(m)) {
                    if let Some((y, next)) = year_after(t, i + 2) {
                        periods.push((Period::Month { year: y, month: m }, i, next));
                        i = next;
                        continue;
                    }
                }
            }
            Some("quy") => {
                if let Some(q) = roman_or_number(t.get(i + 1)).filter(|q| (1..=4).contains(q)) {
                    if let Some((y, next)) = year_after(t, i + 2) {
                        periods.push((Period::Quarter { year: y, quarter: q }, i, next));
                        i = next;
                        continue;
                    }
                }
            }
            Some("nam") => {
                if let Some(y) = year(t.get(i + 1)) {
                    periods.push((Period::Year { year: y }, i, i + 2));
                    i += 2;
                    continue;
                }
            }
            _ => {}
        }
        // A bare month and year: "01/2024".
        if let (Some((m, 1..=2)), Some(_), Some(y)) = (num(t.get(i)), sep(t.get(i + 1)), year(t.get(i + 2))) {
            if (1..=12).contains(&m) && glued(t.get(i + 2)) && sep(t.get(i)).is_none() {
                periods.push((Period::Month { year: y, month: m }, i, i + 3));
                i += 3;
                continue;
            }
        }
        i += 1;
    }
    periods
}

fn mentions_day_or_month_without_year(t: &[Token]) -> bool {
    (0..t.len()).any(|i| {
        let day_month = num(t.get(i)).is_some_and(|(_, n)| n <= 2)
            && sep(t.get(i + 1)).is_some()
            && num(t.get(i + 2)).is_some_and(|(_, n)| n <= 2)
            && glued(t.get(i + 2));
        let named = matches!(word(t.get(i)), Some("ngay" | "thang")) && num(t.get(i + 1)).is_some()
            || word(t.get(i)) == Some("quy") && roman_or_number(t.get(i + 1)).is_some();
        (day_month && year_after(t, i + 3).is_none()) || (named && year_after(t, i + 2).is_none())
    })
}

/// Monday of the week holding `date`.
pub fn week_start(date: NaiveDate) -> NaiveDate {
    date - Duration::days(date.weekday().num_days_from_monday() as i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn formats_day_month_year() {
        assert_eq!(format_date(d(2024, 1, 5)), "05/01/2024");
    }

    #[test]
    fn reads_numeric_dates_with_any_separator() {
        for text in ["20/01/2024", "20-01-2024", "20.01.2024", "20/1/2024", " 20/01/2024 "] {
            assert_eq!(parse_date(text), Some(d(2024, 1, 20)), "{text}");
        }
        assert_eq!(parse_date("2024-01-20"), Some(d(2024, 1, 20)));
        assert_eq!(parse_date("2024-01-20 00:00:00"), Some(d(2024, 1, 20)));
    }

    #[test]
    fn reads_day_first_never_month_first() {
        assert_eq!(parse_date("03/02/2024"), Some(d(2024, 2, 3)));
        assert_eq!(parse_date("02/13/2024"), None, "no 13th month: not swapped into 13/02");
    }

    #[test]
    fn reads_written_out_dates() {
        assert_eq!(parse_date("ngày 20 tháng 01 năm 2024"), Some(d(2024, 1, 20)));
        assert_eq!(parse_date("Ngày 5 tháng 7 năm 2022"), Some(d(2022, 7, 5)));
    }

    #[test]
    fn mixed_separators_are_not_a_date() {
        assert_eq!(parse_date("20/01-2024"), None);
        assert_eq!(parse_date("20 01 2024"), None);
    }

    #[test]
    fn excel_serials_in_both_date_systems() {
        assert_eq!(from_excel_serial(45311.0, false), Some(d(2024, 1, 20)));
        assert_eq!(from_excel_serial(45311.75, false), Some(d(2024, 1, 20)), "time of day ignored");
        assert_eq!(from_excel_serial(43849.0, true), Some(d(2024, 1, 20)), "1904 system is 1462 days behind");
        assert_eq!(from_excel_serial(1.0, false), Some(d(1900, 1, 1)));
        assert_eq!(from_excel_serial(59.0, false), Some(d(1900, 2, 28)));
        assert_eq!(from_excel_serial(60.0, false), None, "Excel's 29/02/1900 does not exist");
        assert_eq!(from_excel_serial(61.0, false), Some(d(1900, 3, 1)));
        assert_eq!(from_excel_serial(0.0, false), None);
        assert_eq!(from_excel_serial(f64::NAN, false), None);
        assert_eq!(to_excel_serial(d(2024, 1, 20)), 45311.0);
    }

    #[test]
    fn finds_periods() {
        assert_eq!(scan("trong tháng 01/2024"), DateMention::Period(Period::Month { year: 2024, month: 1 }));
        assert_eq!(scan("tháng 1/2024"), DateMention::Period(Period::Month { year: 2024, month: 1 }));
        assert_eq!(scan("Tháng 02 năm 2024"), DateMention::Period(Period::Month { year: 2024, month: 2 }));
        assert_eq!(scan("quý I/2024"), DateMention::Period(Period::Quarter { year: 2024, quarter: 1 }));
        assert_eq!(scan("Quý IV năm 2024"), DateMention::Period(Period::Quarter { year: 2024, quarter: 4 }));
        assert_eq!(scan("quý 3/2024"), DateMention::Period(Period::Quarter { year: 2024, quarter: 3 }));
        assert_eq!(scan("6 tháng đầu năm 2024"), DateMention::Period(Period::FirstMonths { year: 2024, months: 6 }));
        assert_eq!(scan("sáu tháng cuối năm 2022"), DateMention::Period(Period::FirstMonths { year: 2022, months: 12 }));
        assert_eq!(scan("năm 2024"), DateMention::Period(Period::Year { year: 2024 }));
        assert_eq!(scan("01/2024"), DateMention::Period(Period::Month { year: 2024, month: 1 }));
    }

    #[test]
    fn finds_years_and_ranges_of_periods() {
        let year = |y| DateMention::Period(Period::Year { year: y });
        assert_eq!(scan("2026"), year(2026));
        assert_eq!(scan("2025-2026"), year(2026));
        assert_eq!(scan("2025 - 2026"), year(2026));
        assert_eq!(scan("năm 2025"), year(2025));
        assert_eq!(scan("Quý III/2025 - Quý IV/2025"), DateMention::Period(Period::Quarter { year: 2025, quarter: 4 }));
        assert_eq!(scan("tháng 1/2024 - quý II/2024"), DateMention::Period(Period::Quarter { year: 2024, quarter: 2 }));
        assert_eq!(scan("Quý IV/2025 - Quý III/2025"), DateMention::Nothing, "a range that runs backwards");
        assert_eq!(scan("nhiệm kỳ 2021 – 2026"), DateMention::Nothing, "a year in prose is not a deadline");
        assert_eq!(scan("2026 năm"), DateMention::Nothing);
    }

    #[test]
    fn period_last_days() {
        assert_eq!(Period::Month { year: 2024, month: 2 }.last_day(), Some(d(2024, 2, 29)));
        assert_eq!(Period::Month { year: 2023, month: 2 }.last_day(), Some(d(2023, 2, 28)));
        assert_eq!(Period::Month { year: 2024, month: 12 }.last_day(), Some(d(2024, 12, 31)));
        assert_eq!(Period::Quarter { year: 2024, quarter: 1 }.last_day(), Some(d(2024, 3, 31)));
        assert_eq!(Period::Quarter { year: 2024, quarter: 2 }.last_day(), Some(d(2024, 6, 30)));
        assert_eq!(Period::FirstMonths { year: 2024, months: 6 }.last_day(), Some(d(2024, 6, 30)));
        assert_eq!(Period::Year { year: 2024 }.last_day(), Some(d(2024, 12, 31)));
    }

    #[test]
    fn ranges_end_on_their_last_day() {
        assert_eq!(scan("từ 01/01/2024 đến 20/01/2024"), DateMention::Day(d(2024, 1, 20)));
    }

    #[test]
    fn unclear_text_is_reported_not_guessed() {
        assert_eq!(scan("31/02/2024"), DateMention::InvalidDay);
        assert_eq!(scan("trước ngày 20/01"), DateMention::MissingYear);
        assert_eq!(scan("quý IV"), DateMention::MissingYear);
        assert_eq!(scan("20/01/2024 hoặc 25/01/2024"), DateMention::SeveralDays(vec![d(2024, 1, 20), d(2024, 1, 25)]));
        assert_eq!(scan("tháng 1/2024 hoặc quý II/2024"), DateMention::Nothing);
        assert_eq!(scan("sớm nhất có thể"), DateMention::Nothing);
        assert_eq!(scan("tháng 13/2024"), DateMention::Nothing);
        assert_eq!(scan("20/01/24"), DateMention::MissingYear, "two-digit years are not guessed");
    }

    #[test]
    fn monday_of_week() {
        assert_eq!(week_start(d(2026, 11, 21)), d(2026, 11, 16));
        assert_eq!(week_start(d(2026, 11, 16)), d(2026, 11, 16));
    }
}
