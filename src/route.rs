//! Where the user is: the page, the filter, the as-of date and the board's layout, kept in the
//! address after "#" so that any static host serves it, a view can be bookmarked, and the back
//! button works. `parse(&to_hash(r)) == r` for every route the app makes.

use chrono::NaiveDate;

use crate::domain::vn_date::parse_date;
use crate::domain::{Bucket, TaskId, UnitId};
use crate::query::{Filter, StatusFilter};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Page {
    /// Tổng quan: the chairman's overview.
    Dashboard,
    Tasks,
    Board,
    Units,
    Unit(UnitId),
    Task(TaskId),
    NewTask,
    Report,
    Directive,
    Import,
    About,
    /// Dữ liệu: where the data is, storage, backups.
    Data,
    /// The recycle bin (Thùng rác).
    Bin,
    NotFound(String),
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct BoardLayout {
    /// One row of columns per unit.
    pub swimlanes: bool,
    /// Columns by derived status instead of progress.
    pub by_status: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Route {
    pub page: Page,
    /// The reporting date; `None` means today.
    pub as_of: Option<NaiveDate>,
    pub filter: Filter,
    pub board: BoardLayout,
}

impl Default for Route {
    fn default() -> Self {
        Route { page: Page::Tasks, as_of: None, filter: Filter::default(), board: BoardLayout::default() }
    }
}

impl Route {
    pub fn page(page: Page) -> Route {
        Route { page, ..Route::default() }
    }

    /// The same view settings (date, filter, board layout) on another page.
    pub fn with_page(&self, page: Page) -> Route {
        Route { page, ..self.clone() }
    }
}

const STATUS_CODES: [(StatusFilter, &str); 8] = [
    (StatusFilter::Bucket(Bucket::Overdue), "qua-han"),
    (StatusFilter::DueSoon, "sap-den-han"),
    (StatusFilter::Bucket(Bucket::InProgressInTime), "trong-han"),
    (StatusFilter::Bucket(Bucket::InProgressNoDeadline), "khong-thoi-han"),
    (StatusFilter::Bucket(Bucket::DoneOnTime), "xong-dung-han"),
    (StatusFilter::Bucket(Bucket::DoneLate), "xong-qua-han"),
    (StatusFilter::Bucket(Bucket::DoneUndated), "xong-chua-ro-ngay"),
    (StatusFilter::Bucket(Bucket::DoneNoDeadline), "xong-khong-thoi-han"),
];

pub fn status_code(s: StatusFilter) -> &'static str {
    STATUS_CODES.iter().find(|(f, _)| *f == s).map_or("", |(_, c)| c)
}

pub fn status_from_code(code: &str) -> Option<StatusFilter> {
    STATUS_CODES.iter().find(|(_, c)| *c == code).map(|(f, _)| *f)
}

fn encode(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => out.push(b as char),
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

fn decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => {
                let hex = |b: u8| (b as char).to_digit(16);
                match (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                    (Some(h), Some(l)) => {
                        out.push((h * 16 + l) as u8);
                        i += 2;
                    }
                    _ => out.push(b'%'),
                }
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn date_param(d: NaiveDate) -> String {
    d.format("%d-%m-%Y").to_string()
}

/// Read a location hash such as "#/bang?don-vi=u-phong-kinh-te&tinh-trang=qua-han&ngay=21-11-2026".
pub fn parse(hash: &str) -> Route {
    let hash = hash.trim_start_matches('#').trim_start_matches('/');
    let (path, query) = hash.split_once('?').unwrap_or((hash, ""));
    let path = path.trim_end_matches('/');
    let page = match path.split_once('/') {
        None => match path {
            "" | "nhiem-vu" => Page::Tasks,
            "bang" => Page::Board,
            "don-vi" => Page::Units,
            "nhap-file" => Page::Import,
            "gioi-thieu" => Page::About,
            "du-lieu" => Page::Data,
            "thung-rac" => Page::Bin,
            "them-nhiem-vu" => Page::NewTask,
            "bao-cao" => Page::Report,
            "tong-quan" => Page::Dashboard,
            "doc-van-ban" => Page::Directive,
            other => Page::NotFound(other.to_string()),
        },
        Some(("don-vi", id)) if !id.is_empty() => Page::Unit(UnitId(decode(id))),
        Some(("nhiem-vu", id)) if !id.is_empty() => Page::Task(TaskId(decode(id))),
        Some(_) => Page::NotFound(path.to_string()),
    };
    let mut route = Route { page, ..Route::default() };
    for (key, value) in query.split('&').filter_map(|p| p.split_once('=')) {
        let value = decode(value);
        let f = &mut route.filter;
        match key {
            "ngay" => route.as_of = parse_date(&value),
            "don-vi" if !value.is_empty() => f.unit = Some(UnitId(value)),
            "lanh-dao" if !value.is_empty() => f.leader = Some(value),
            "van-ban" if !value.is_empty() => f.source = Some(value),
            "tinh-trang" => f.status = status_from_code(&value),
            "tu" => f.due_from = parse_date(&value),
            "den" => f.due_to = parse_date(&value),
            "q" => f.text = value,
            "lan" => route.board.swimlanes = value == "don-vi",
            "cot" => route.board.by_status = value == "tinh-trang",
            _ => {}
        }
    }
    route
}

pub fn to_hash(route: &Route) -> String {
    let path = match &route.page {
        Page::Tasks => "nhiem-vu".to_string(),
        Page::Board => "bang".to_string(),
        Page::Units => "don-vi".to_string(),
        Page::Unit(id) => format!("don-vi/{}", encode(&id.0)),
        Page::Task(id) => format!("nhiem-vu/{}", encode(&id.0)),
        Page::NewTask => "them-nhiem-vu".to_string(),
        Page::Report => "bao-cao".to_string(),
        Page::Dashboard => "tong-quan".to_string(),
        Page::Directive => "doc-van-ban".to_string(),
        Page::Import => "nhap-file".to_string(),
        Page::About => "gioi-thieu".to_string(),
        Page::Data => "du-lieu".to_string(),
        Page::Bin => "thung-rac".to_string(),
        Page::NotFound(p) => p.clone(),
    };
    let f = &route.filter;
    let mut params: Vec<(&str, String)> = Vec::new();
    if let Some(d) = route.as_of {
        params.push(("ngay", date_param(d)));
    }
    if let Some(u) = &f.unit {
        params.push(("don-vi", encode(&u.0)));
    }
    if let Some(l) = &f.leader {
        params.push(("lanh-dao", encode(l)));
    }
    if let Some(s) = &f.source {
        params.push(("van-ban", encode(s)));
    }
    if let Some(s) = f.status {
        params.push(("tinh-trang", status_code(s).to_string()));
    }
    if let Some(d) = f.due_from {
        params.push(("tu", date_param(d)));
    }
    if let Some(d) = f.due_to {
        params.push(("den", date_param(d)));
    }
    if !f.text.is_empty() {
        params.push(("q", encode(&f.text)));
    }
    if route.board.swimlanes {
        params.push(("lan", "don-vi".into()));
    }
    if route.board.by_status {
        params.push(("cot", "tinh-trang".into()));
    }
    if params.is_empty() {
        format!("#/{path}")
    } else {
        format!("#/{path}?{}", params.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join("&"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_hash_is_the_task_list() {
        assert_eq!(parse(""), Route::default());
        assert_eq!(parse("#"), Route::default());
        assert_eq!(parse("#/"), Route::default());
    }

    #[test]
    fn pages_and_as_of_date_round_trip() {
        let r = Route { as_of: NaiveDate::from_ymd_opt(2026, 11, 21), ..Route::default() };
        assert_eq!(to_hash(&r), "#/nhiem-vu?ngay=21-11-2026");
        assert_eq!(parse(&to_hash(&r)), r);
        for page in [
            Page::About,
            Page::Data,
            Page::Bin,
            Page::Import,
            Page::Board,
            Page::Units,
            Page::NewTask,
            Page::Report,
            Page::Dashboard,
            Page::Directive,
            Page::Unit(UnitId("u-phong-kinh-te".into())),
            Page::Task(TaskId("NV-7K3F-9QX2".into())),
        ] {
            let r = Route::page(page);
            assert_eq!(parse(&to_hash(&r)), r);
        }
    }

    #[test]
    fn the_whole_filter_round_trips_with_vietnamese_text() {
        let r = Route {
            page: Page::Board,
            as_of: NaiveDate::from_ymd_opt(2024, 1, 20),
            filter: Filter {
                unit: Some(UnitId("u-phong-kinh-te".into())),
                leader: Some("Đ/c Nguyễn Hữu An".into()),
                source: Some("125/TB-UBND".into()),
                status: Some(StatusFilter::Bucket(Bucket::Overdue)),
                due_from: NaiveDate::from_ymd_opt(2024, 1, 1),
                due_to: NaiveDate::from_ymd_opt(2024, 3, 31),
                text: "phong kinh te & quỹ đất 100%".into(),
            },
            board: BoardLayout { swimlanes: true, by_status: true },
        };
        let hash = to_hash(&r);
        assert!(hash.is_ascii(), "{hash}");
        assert_eq!(parse(&hash), r);
        for s in STATUS_CODES.map(|(s, _)| s) {
            assert_eq!(status_from_code(status_code(s)), Some(s));
        }
    }

    #[test]
    fn unknown_pages_and_bad_values_are_not_guessed() {
        assert_eq!(parse("#/khong-co").page, Page::NotFound("khong-co".into()));
        assert_eq!(parse("#/nhiem-vu?ngay=31-02-2026").as_of, None);
        assert_eq!(parse("#/nhiem-vu?tinh-trang=la").filter.status, None);
        assert_eq!(parse("#/nhiem-vu?q=%E1%BB%").filter.text.chars().count(), 2, "broken escapes are kept, not a panic");
        assert_eq!(parse("#/nhiem-vu?q=%Ểx").filter.text, "%Ểx");
    }
}
