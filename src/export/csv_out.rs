//! The current view as CSV: the tracker's columns, UTF-8 with a BOM so Excel shows Vietnamese
//! correctly, separated by semicolons (the list separator of Vietnamese Windows, so a double-click
//! opens it in columns). Dates dd/mm/yyyy; text a spreadsheet would take for a formula starts with
//! an apostrophe.

use chrono::NaiveDate;

use super::columns::{tracker_columns, Value};
use super::is_formula_like;
use crate::domain::vn_date::format_date;
use crate::domain::{Status, Task, UnitDirectory};

pub fn view_csv(tasks: &[(&Task, Status)], units: &UnitDirectory, as_of: NaiveDate) -> Vec<u8> {
    let columns = tracker_columns(as_of);
    let mut out = csv::WriterBuilder::new().delimiter(b';').from_writer(b"\xEF\xBB\xBF".to_vec());
    let _ = out.write_record(columns.iter().map(|c| c.header.as_str()));
    for (task, status) in tasks {
        let record: Vec<String> = columns
            .iter()
            .map(|c| match (c.value)(task, status, units) {
                Value::Text(s) if is_formula_like(&s) => format!("'{s}"),
                Value::Text(s) => s,
                Value::Date(d) => d.map(format_date).unwrap_or_default(),
                Value::Number(n) => n.map(|n| format!("{n}")).unwrap_or_default(),
            })
            .collect();
        let _ = out.write_record(&record);
    }
    out.into_inner().unwrap_or_default()
}
