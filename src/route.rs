//! Where the user is: the page and its parameters, kept in the address after "#" so that any
//! static host serves it, a view can be bookmarked, and the back button works.

use chrono::NaiveDate;

use crate::domain::vn_date::parse_date;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Page {
    Tasks,
    Import,
    About,
    NotFound(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Route {
    pub page: Page,
    /// The reporting date; `None` means today.
    pub as_of: Option<NaiveDate>,
}

impl Default for Route {
    fn default() -> Self {
        Route { page: Page::Tasks, as_of: None }
    }
}

const TASKS: &str = "nhiem-vu";
const ABOUT: &str = "gioi-thieu";
const IMPORT: &str = "nhap-file";
const AS_OF: &str = "ngay";

/// Read a location hash such as "#/nhiem-vu?ngay=21-11-2026".
pub fn parse(hash: &str) -> Route {
    let hash = hash.trim_start_matches('#').trim_start_matches('/');
    let (path, query) = hash.split_once('?').unwrap_or((hash, ""));
    let page = match path.trim_end_matches('/') {
        "" | TASKS => Page::Tasks,
        ABOUT => Page::About,
        IMPORT => Page::Import,
        other => Page::NotFound(other.to_string()),
    };
    let as_of = query
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .find(|(k, _)| *k == AS_OF)
        .and_then(|(_, v)| parse_date(v));
    Route { page, as_of }
}

/// The hash for a route: `parse(&to_hash(r)) == r` for every route this app makes.
pub fn to_hash(route: &Route) -> String {
    let path = match &route.page {
        Page::Tasks => TASKS,
        Page::About => ABOUT,
        Page::Import => IMPORT,
        Page::NotFound(p) => p.as_str(),
    };
    match route.as_of {
        Some(d) => format!("#/{path}?{AS_OF}={}", d.format("%d-%m-%Y")),
        None => format!("#/{path}"),
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
        let r = Route { page: Page::Tasks, as_of: NaiveDate::from_ymd_opt(2026, 11, 21) };
        assert_eq!(to_hash(&r), "#/nhiem-vu?ngay=21-11-2026");
        assert_eq!(parse(&to_hash(&r)), r);
        for page in [Page::About, Page::Import] {
            let r = Route { page, as_of: None };
            assert_eq!(parse(&to_hash(&r)), r);
        }
    }

    #[test]
    fn unknown_pages_and_bad_dates_are_not_guessed() {
        assert_eq!(parse("#/khong-co").page, Page::NotFound("khong-co".into()));
        assert_eq!(parse("#/nhiem-vu?ngay=31-02-2026").as_of, None);
    }
}
