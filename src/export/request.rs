//! What the page asks the file worker to write, and the writing. The page gathers what goes in a
//! file (the tasks of the view with their statuses, a report's figures, each unit's list) — cheap —
//! and the worker lays out and packs it: the Excel tracker, the report's annex, the units' lists and
//! the Word documents. So an export of 10,000 tasks never freezes the page, and the writers
//! (rust_xlsxwriter, docx-rs, zip) are not part of the page's first load.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::docx::{all_reminders_zip, reminder_docx, report_docx, Letterhead};
use super::unit_list::{all_units_zip, unit_xlsx, UnitList};
use crate::domain::{Status, Task, Unit, UnitDirectory};
use crate::report::monthly::Report;

/// What the worker answers, followed by the reason, when a file could not be written.
pub const WRITE_FAILED: &str = "__write_failed__:";

/// Tasks with their statuses, owned (sent to the worker).
pub type OwnedRows = Vec<(Task, Status)>;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum WriteRequest {
    /// Reminders: one unit gives its .docx, several a .zip of one .docx each.
    Reminders { head: Letterhead, lists: Vec<(Unit, OwnedRows)>, as_of: NaiveDate, reply_by: NaiveDate },
    /// The report of a period as .docx.
    Report { head: Letterhead, report: Report },
    /// The tracker of a view as .xlsx: `scope` says what it holds ("Toàn bộ nhiệm vụ", the filter).
    Tracker { rows: OwnedRows, units: Vec<Unit>, as_of: NaiveDate, scope: String },
    /// The report's annex (Phụ lục) as .xlsx, with the office's letterhead once it has been given.
    Annex { report: Report, head: Option<Letterhead> },
    /// Units' own lists: one unit (`one`) gives its .xlsx, otherwise a .zip of every list.
    UnitLists { lists: Vec<OwnedUnitList>, units: Vec<Unit>, as_of: NaiveDate, one: bool },
}

/// A unit's list as sent to the worker (see [`UnitList`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OwnedUnitList {
    pub unit: Unit,
    pub lead: OwnedRows,
    pub coordinated: OwnedRows,
}

impl OwnedUnitList {
    pub fn of(list: &UnitList) -> OwnedUnitList {
        let own = |rows: &[(&Task, Status)]| rows.iter().map(|(t, s)| ((*t).clone(), *s)).collect();
        OwnedUnitList { unit: list.unit.clone(), lead: own(&list.lead), coordinated: own(&list.coordinated) }
    }

    fn borrowed(&self) -> UnitList<'_> {
        fn rows(rows: &[(Task, Status)]) -> Vec<(&Task, Status)> {
            rows.iter().map(|(t, s)| (t, *s)).collect()
        }
        UnitList { unit: &self.unit, lead: rows(&self.lead), coordinated: rows(&self.coordinated) }
    }
}

/// A file could not be written: the writer's own reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WriteError(pub String);

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// The bytes of the file a request asks for.
pub fn write(request: &WriteRequest) -> Result<Vec<u8>, WriteError> {
    let xlsx = |e: rust_xlsxwriter::XlsxError| WriteError(format!("không tạo được tệp Excel: {e}"));
    let docx = |e: super::docx::DocxError| WriteError(e.to_string());
    match request {
        WriteRequest::Reminders { head, lists, as_of, reply_by } => {
            let borrowed: Vec<(&Unit, Vec<(&Task, Status)>)> = lists.iter().map(|(u, tasks)| (u, tasks.iter().map(|(t, s)| (t, *s)).collect())).collect();
            match borrowed.as_slice() {
                [] => Err(WriteError("không có nhiệm vụ quá hạn hay sắp đến hạn để đôn đốc".into())),
                [(unit, tasks)] => reminder_docx(head, unit, tasks, *as_of, *reply_by).map_err(docx),
                many => all_reminders_zip(head, many, *as_of, *reply_by).map_err(docx),
            }
        }
        WriteRequest::Report { head, report } => report_docx(head, report).map_err(docx),
        WriteRequest::Tracker { rows, units, as_of, scope } => {
            let rows: Vec<(&Task, Status)> = rows.iter().map(|(t, s)| (t, *s)).collect();
            super::tracker::tracker_xlsx(&rows, &UnitDirectory::new(units.clone()), *as_of, scope).map_err(xlsx)
        }
        WriteRequest::Annex { report, head } => super::report_xlsx::report_annex_xlsx(report, head.as_ref()).map_err(xlsx),
        WriteRequest::UnitLists { lists, units, as_of, one } => {
            let units = UnitDirectory::new(units.clone());
            let lists: Vec<UnitList> = lists.iter().map(OwnedUnitList::borrowed).collect();
            match (one, lists.first()) {
                (true, Some(list)) => unit_xlsx(list, &units, *as_of).map_err(xlsx),
                (true, None) => Err(WriteError("không có đơn vị".into())),
                (false, _) => all_units_zip(&lists, &units, *as_of).map_err(xlsx),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{StatusRules, TaskId};

    /// A request goes to the worker as JSON: what comes out of it is the file the page would have
    /// written itself.
    #[test]
    fn a_tracker_sent_to_the_worker_is_the_file_the_page_would_write() {
        let mut units = UnitDirectory::default();
        let kt = units.resolve_or_add("Phòng Kinh tế").unwrap().id().clone();
        let mut task = Task::new(TaskId("NV-1".into()), "Rà soát quỹ đất công");
        task.lead_unit = Some(kt);
        let as_of = NaiveDate::from_ymd_opt(2026, 11, 21).unwrap();
        let status = task.status(as_of, StatusRules::default());
        let request = WriteRequest::Tracker { rows: vec![(task.clone(), status)], units: units.units().to_vec(), as_of, scope: "Toàn bộ nhiệm vụ".into() };
        let sent: WriteRequest = serde_json::from_str(&serde_json::to_string(&request).unwrap()).unwrap();
        let from_worker = write(&sent).unwrap();
        let read = crate::import::read(&crate::import::ReadRequest { file_name: "t.xlsx".into(), ..Default::default() }, &from_worker).unwrap();
        let rows = &read[0].result.as_ref().unwrap().rows;
        assert_eq!((rows.len(), rows[0].content.as_str(), rows[0].lead_unit.as_deref()), (1, "Rà soát quỹ đất công", Some("Phòng Kinh tế")));
    }

    #[test]
    fn one_units_list_is_a_workbook_and_every_units_lists_a_zip() {
        let mut units = UnitDirectory::default();
        let kt_id = units.resolve_or_add("Phòng Kinh tế").unwrap().id().clone();
        let kt = units.get(&kt_id).unwrap().clone();
        let mut task = Task::new(TaskId("NV-1".into()), "Rà soát quỹ đất công");
        task.lead_unit = Some(kt.id.clone());
        let as_of = NaiveDate::from_ymd_opt(2026, 11, 21).unwrap();
        let status = task.status(as_of, StatusRules::default());
        let list = OwnedUnitList { unit: kt, lead: vec![(task, status)], coordinated: vec![] };
        let one = write(&WriteRequest::UnitLists { lists: vec![list.clone()], units: units.units().to_vec(), as_of, one: true }).unwrap();
        assert!(one.starts_with(b"PK") && crate::import::read(&crate::import::ReadRequest { file_name: "a.xlsx".into(), ..Default::default() }, &one).is_ok());
        let all = write(&WriteRequest::UnitLists { lists: vec![list], units: units.units().to_vec(), as_of, one: false }).unwrap();
        let zip = zip::ZipArchive::new(std::io::Cursor::new(all)).unwrap();
        let names: Vec<String> = zip.file_names().filter_map(Result::ok).map(|n| n.to_string()).collect();
        assert_eq!(names, ["Nhiem-vu_Phong-Kinh-te_2026-11-21.xlsx"]);
        assert_eq!(write(&WriteRequest::UnitLists { lists: vec![], units: vec![], as_of, one: true }), Err(WriteError("không có đơn vị".into())));
    }
}
