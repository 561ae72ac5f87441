//! The document's identity: number and symbol, place and date, kind, subject, signer, recipients;
//! and the period it sets for all its tasks.

use chrono::NaiveDate;

use crate::domain::deadline::read_deadline;
use crate::domain::fold::{fold, fold_words};
use crate::domain::vn_date::parse_date;
use crate::domain::{Deadline, DeadlineKind};

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum DocKind {
    CongVan,
    ThongBaoKetLuan,
    BaoCao,
    KeHoach,
    Other,
}

impl DocKind {
    pub fn name(self) -> &'static str {
        match self {
            DocKind::CongVan => "Công văn",
            DocKind::ThongBaoKetLuan => "Thông báo kết luận",
            DocKind::BaoCao => "Báo cáo",
            DocKind::KeHoach => "Kế hoạch",
            DocKind::Other => "Văn bản",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
pub struct DocumentIdentity {
    pub kind: Option<DocKind>,
    /// "125/TB-UBND", or "/UBND-VP" when the number is left blank.
    pub reference: String,
    pub place: String,
    /// The date when the day is given; `date_text` keeps it as written ("ngày tháng 7 năm 2022").
    pub date: Option<NaiveDate>,
    pub date_text: String,
    /// "V/v …", or the title line of a notice or report.
    pub subject: String,
    pub signer: String,
    pub recipients: Vec<String>,
}

impl DocumentIdentity {
    /// How the document is named as a task's source: "Công văn V/v …".
    pub fn title(&self) -> String {
        let kind = self.kind.unwrap_or(DocKind::Other).name();
        let subject = fold(&self.subject);
        if self.subject.is_empty() && self.kind.is_none() {
            // Nothing says what the document is: left for the person to write, not "Văn bản".
            String::new()
        } else if self.subject.is_empty() {
            kind.to_string()
        } else if self.kind.is_none() {
            // A headline: the text's own title, not "Văn bản …".
            self.subject.clone()
        } else if subject.starts_with(&fold(kind)) {
            self.subject.clone()
        } else if self.kind == Some(DocKind::ThongBaoKetLuan) && subject.starts_with("ket luan") {
            // "Thông báo" + "Kết luận của đồng chí …", not "Thông báo kết luận Kết luận …".
            format!("Thông báo {}", self.subject)
        } else {
            format!("{kind} {}", self.subject)
        }
    }
}

fn starts(line: &str, words: &[&str]) -> bool {
    let w = fold_words(line);
    w.len() >= words.len() && w.iter().zip(words).all(|(a, b)| a == b)
}

pub fn identity(lines: &[String]) -> DocumentIdentity {
    let mut id = DocumentIdentity::default();
    for (i, line) in lines.iter().enumerate().take(40) {
        let f = fold(line);
        if id.reference.is_empty() && f.starts_with("so:") {
            let rest = line[line.find(':').map_or(0, |p| p + 1)..].trim();
            // A two-column header flattened to one line: "Số: 476/UBND Châu Thành, ngày 14 tháng 6
            // năm 2017" holds the number, the place and the date.
            match rest.split_once(char::is_whitespace).filter(|(_, after)| fold(after).contains("ngay")) {
                Some((number, after)) => {
                    id.reference = number.to_string();
                    if let Some((place, date)) = after.split_once(',') {
                        id.place = place.trim().to_string();
                        id.date_text = date.trim().to_string();
                        id.date = parse_date(date);
                    }
                }
                None => id.reference = rest.to_string(),
            }
        }
        if id.date_text.is_empty() && f.contains("ngay") && f.contains("thang") && f.contains("nam") && line.len() < 90 && line.contains(',') {
            let (place, date) = line.split_once(',').unwrap_or(("", line));
            id.place = place.trim().to_string();
            id.date_text = date.trim().to_string();
            id.date = parse_date(date);
        }
        if id.subject.is_empty() && f.starts_with("v/v") {
            let mut subject = line.clone();
            if let Some(next) = lines.get(i + 1).filter(|n| !starts(n, &["kinh", "gui"]) && n.chars().next().is_some_and(char::is_lowercase)) {
                subject = format!("{subject} {next}");
            }
            id.subject = subject;
            id.kind.get_or_insert(DocKind::CongVan);
        }
        let upper = line.chars().filter(|c| c.is_alphabetic()).all(|c| !c.is_lowercase());
        if id.kind.is_none() && upper {
            let kind = match fold_words(line).as_slice() {
                [a, b] if a == "thong" && b == "bao" => Some(DocKind::ThongBaoKetLuan),
                [a, b] if a == "bao" && b == "cao" => Some(DocKind::BaoCao),
                [a, b] if a == "ke" && b == "hoach" => Some(DocKind::KeHoach),
                _ => None,
            };
            if let Some(kind) = kind {
                id.kind = Some(kind);
                if let Some(next) = lines.get(i + 1) {
                    id.subject = match lines.get(i + 2) {
                        Some(more) if fold(more).starts_with("tai ") => format!("{next} {more}"),
                        _ => next.clone(),
                    };
                }
            }
        }
        if starts(line, &["kinh", "gui"]) {
            id.recipients = lines[i + 1..].iter().take_while(|l| l.starts_with('-')).map(|l| l.trim_start_matches('-').trim().trim_end_matches([';', '.']).to_string()).collect();
        }
    }
    if let Some(at) = lines.iter().rposition(|l| starts(l, &["noi", "nhan"])) {
        if id.recipients.is_empty() {
            id.recipients = lines[at + 1..].iter().take_while(|l| l.starts_with('-')).map(|l| l.trim_start_matches('-').trim().trim_end_matches([';', '.']).to_string()).collect();
        }
    }
    // The signer: the name after "TM." / "KT." and the title.
    if let Some(at) = lines.iter().rposition(|l| l.starts_with("TM.") || l.starts_with("KT.") || fold(l) == "chu tich") {
        if let Some(name) = lines[at + 1..].iter().find(|l| {
            let words: Vec<&str> = l.split_whitespace().collect();
            (2..=5).contains(&words.len()) && words.iter().all(|w| w.chars().next().is_some_and(char::is_uppercase)) && !l.chars().all(|c| !c.is_lowercase())
        }) {
            id.signer = name.clone();
        }
    }
    // A news item or an excerpt has no header: the number it cites ("Công văn số 6202/UBND-KT",
    // "công điện 10/CĐ-UBND") and the date next to it, else the first full date it writes.
    if id.reference.is_empty() {
        id.reference = cited_number(lines).unwrap_or_default();
    }
    if id.date.is_none() && id.date_text.is_empty() {
        let words: Vec<&str> = lines.iter().take(12).flat_map(|l| l.split_whitespace()).collect();
        let after_number = words.iter().position(|w| !id.reference.is_empty() && w.contains(id.reference.as_str()));
        // A date that is a deadline ("báo cáo trước ngày 20/01/2024") is not the document's.
        let deadline_words = |i: usize| words[i.saturating_sub(3)..i].iter().any(|w| matches!(fold(w).as_str(), "truoc" | "han" | "nhat" | "den"));
        let date_at = |from: usize, to: usize| (from.min(words.len())..to.min(words.len())).filter(|&i| !deadline_words(i)).find_map(|i| full_date(words[i]));
        id.date = after_number.and_then(|at| date_at(at, at + 8)).or_else(|| news_day(lines)).or_else(|| date_at(0, words.len()));
    }
    // A headline is the subject of a text that has no "V/v" line.
    if id.subject.is_empty() {
        if let Some(first) = lines.first().filter(|l| l.chars().count() <= 200 && !fold(l).starts_with("uy ban") && !fold(l).starts_with("cong hoa") && !fold(l).starts_with("ubnd")) {
            id.subject = first.trim().to_string();
        }
    }
    id
}

/// "6202/UBND-KT", "10/CĐ-UBND": a document's number and symbol, as a text cites it.
fn cited_number(lines: &[String]) -> Option<String> {
    // "Công văn số 846 /UBND-TH": a space typed before the slash.
    let lines: Vec<String> = lines.iter().map(|l| l.replace(" /", "/")).collect();
    lines.iter().flat_map(|l| l.split_whitespace()).find_map(|w| {
        let w = w.trim_matches(|c: char| matches!(c, ',' | ';' | '.' | ':' | '(' | ')' | '"' | '“' | '”'));
        let (num, symbol) = w.split_once('/')?;
        (!num.is_empty() && num.chars().all(|c| c.is_ascii_digit()) && symbol.chars().next().is_some_and(char::is_uppercase) && symbol.chars().any(|c| c.is_alphabetic()))
            .then(|| w.to_string())
    })
}

/// "Ngày 21/ 5, UBND tỉnh ban hành …", "Chiều 14-6, ông … chủ trì cuộc họp": the day a news item
/// opens with, without its year, in the year the text writes first.
fn news_day(lines: &[String]) -> Option<NaiveDate> {
    const OPENERS: &[&str] = &["ngay", "sang", "chieu", "toi", "trua", "hom nay"];
    let line = lines.iter().take(4).find_map(|l| {
        let f = fold(l);
        let f = f.trim_start_matches(|c: char| !c.is_alphanumeric());
        // "PhuthoPortal - Ngày 19/12, …": a source named before the opening.
        let after_source = f.split_once(" - ").filter(|(source, _)| source.split_whitespace().count() <= 3).map(|(_, rest)| rest.trim_start());
        let opened = |f: &str| OPENERS.iter().find_map(|o| f.strip_prefix(o).map(|rest| rest.trim_start().to_string()));
        opened(f).or_else(|| after_source.and_then(opened))
    })?;
    let digits: String = line.chars().take_while(|c| c.is_ascii_digit() || matches!(c, '/' | '-' | '.' | ' ')).collect();
    let parts: Vec<u32> = digits.split(['/', '-', '.']).map(str::trim).take(2).map(|p| p.parse().ok()).collect::<Option<Vec<_>>>()?;
    let [day, month] = parts[..] else { return None };
    let year = lines.iter().flat_map(|l| fold_words(l)).filter_map(|w| w.parse::<i32>().ok()).find(|y| (2000..2100).contains(y))?;
    NaiveDate::from_ymd_opt(year, month, day)
}

/// "13/07/2020", "23.11.2023," → the date (a word that is a whole date, with its year).
fn full_date(word: &str) -> Option<NaiveDate> {
    let w = word.trim_matches(|c: char| !c.is_ascii_digit());
    (w.len() >= 8).then(|| parse_date(w)).flatten()
}

/// The period the document sets for all its tasks: in its subject ("nhiệm vụ trọng tâm sáu tháng
/// cuối năm 2022") or in the heading of its tasks ("Nhiệm vụ, giải pháp trọng tâm tháng 01/2024",
/// "quý IV của năm 2022").
/// The year of the first date the text writes ("Ngày 09/9/2020", "tháng 4/2021"): the
/// document's time when its header gives none (a news item).
fn dated_year(lines: &[String]) -> Option<i32> {
    lines.iter().flat_map(|l| l.split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | '(' | ')'))).find_map(|w| {
        let w = w.trim_end_matches(['.', ':']);
        let parts: Vec<&str> = w.split(['/', '.', '-']).collect();
        (parts.len() >= 2 && parts[..parts.len() - 1].iter().all(|p| !p.is_empty() && p.len() <= 2 && p.chars().all(|c| c.is_ascii_digit())))
            .then(|| parts[parts.len() - 1].parse::<i32>().ok())
            .flatten()
            .filter(|y| (2000..2100).contains(y))
    })
}

pub fn document_deadline(lines: &[String], id: &DocumentIdentity) -> Option<Deadline> {
    let about_tasks = |l: &&String| {
        let f = fold(l);
        (f.contains("nhiem vu") || f.contains("trong tam")) && (f.contains("thang") || f.contains("quy") || f.contains("nam"))
    };
    let is_heading = |l: &&String| l.split('.').next().is_some_and(|h| !h.is_empty() && h.chars().all(|c| matches!(c, 'I' | 'V' | 'X')));
    // The heading of the tasks first ("II. Nhiệm vụ trọng tâm tháng 01/2024"), then the subject,
    // then any other line about the tasks.
    // (text, whether the period must follow "nhiệm vụ" closely: in any other line it does, or
    // "các cơ quan được giao nhiệm vụ … dự kiến hoàn thành trong tháng 11" would be taken for it).
    let candidates: Vec<(String, bool)> = lines
        .iter()
        .filter(about_tasks)
        .filter(is_heading)
        .map(|l| (l.clone(), false))
        // A headline used as the subject ("Họp thường kỳ tháng 8") names the meeting, not the period.
        .chain(std::iter::once(id.subject.clone()).filter(|s| id.kind.is_some() || about_tasks(&s)).map(|s| (s, false)))
        .chain(lines.iter().filter(about_tasks).filter(|l| !is_heading(l)).map(|l| (l.clone(), true)))
        .collect();
    for (text, close) in candidates {
        let full_lower = text.to_lowercase();
        // Read from "trọng tâm" (or "nhiệm vụ") on: the months before it are the past.
        let from = ["trọng tâm", "nhiệm vụ"].iter().find_map(|m| full_lower.find(m)).unwrap_or(0);
        let text: String = text.chars().skip(full_lower[..from].chars().count()).collect();
        let lower = text.to_lowercase();
        // Every mention of a period, earliest first.
        let mut found: Vec<(usize, &str)> = ["sáu tháng cuối năm", "sáu tháng đầu năm", "6 tháng cuối năm", "6 tháng đầu năm", "tháng", "quý"]
            .iter()
            .flat_map(|m| lower.match_indices(m).map(move |(at, _)| (at, *m)))
            .collect();
        found.sort_by_key(|(at, m)| (*at, std::cmp::Reverse(m.len())));
        for (at, marker) in found {
            if close && lower[..at].split_whitespace().count() > 4 {
                break;
            }
            let phrase: String = text.chars().skip(lower[..at].chars().count()).take(40).collect();
            let phrase = phrase.as_str();
            let mut reading = read_deadline(&phrase);
            let month_number = marker == "tháng"
                && phrase.split_whitespace().nth(1).map(|w| w.trim_end_matches([',', ';', '.', ':'])).and_then(|w| w.parse::<u32>().ok()).is_some_and(|m| (1..=12).contains(&m));
            if reading.deadline.kind == DeadlineKind::None && (marker == "quý" || month_number) {
                // "quý IV" without a year: the year of the text around it, else of the document.
                // Else the latest year the document mentions (a news item dated "Ngày 09/9/2020").
                let year = fold_words(&text)
                    .iter()
                    .filter_map(|w| w.parse::<i32>().ok())
                    .find(|y| (2000..2100).contains(y))
                    .or(id.date.map(|d| chrono::Datelike::year(&d)))
                    .or_else(|| dated_year(lines));
                if let Some(y) = year {
                    let words: Vec<&str> = phrase.split_whitespace().take(2).map(|w| w.trim_end_matches([',', ';', '.'])).collect();
                    reading = read_deadline(&format!("{} năm {y}", words.join(" ")));
                }
            }
            if reading.deadline.kind == DeadlineKind::Dated {
                let mut d = reading.deadline;
                d.text = phrase.split(" của ").next().unwrap_or("").split(". ").next().unwrap_or("").trim().trim_end_matches([',', ';', '.', ':']).to_string();
                let _ = marker;
                return Some(d);
            }
        }
    }
    None
}
