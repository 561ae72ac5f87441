//! The reminder dispatch (công văn đôn đốc) to one unit, as a Word document: "V/v đôn đốc thực
//! hiện nhiệm vụ", addressed to the unit, listing the tasks it leads that are overdue or due soon
//! (from the one status function), with their source documents, deadlines and days overdue, and
//! the date by which the unit must report back. Every unit's reminder at once comes as one .zip.

use std::io::Write;

use chrono::NaiveDate;
use docx_rs::AlignmentType;

use super::layout::{self, Column, DocxError, Letterhead, Row, SMALL_PT};
use crate::domain::fold::fold_words;
use crate::domain::vn_date::format_date;
use crate::domain::{Bucket, Exchange, ExchangeKind, Status, StatusRules, Task, Unit, UnitDirectory, UnitId, UnitKind};
use crate::export::unit_list::lists_of;
use crate::vocabulary;

/// The summary under the number ("V/v …").
pub const SUBJECT: &str = "đôn đốc thực hiện nhiệm vụ";

/// Does a reminder chase this task? Overdue, or due soon, as its derived status says.
pub fn is_chased(status: &Status) -> bool {
    status.bucket == Bucket::Overdue || status.due_soon
}

/// Each unit's list ([`lists_of`]: the tasks it leads, in chasing order) kept to the tasks a
/// reminder chases; units with none are left out. `only`: one unit.
pub fn reminders_of<'a>(
    tasks: &'a [Task],
    units: &'a UnitDirectory,
    only: Option<&UnitId>,
    as_of: NaiveDate,
    rules: StatusRules,
) -> Vec<(&'a Unit, Vec<(&'a Task, Status)>)> {
    lists_of(tasks, units, only, as_of, rules)
        .into_iter()
        .map(|list| (list.unit, list.lead.into_iter().filter(|(_, s)| is_chased(s)).collect::<Vec<_>>()))
        .filter(|(_, list)| !list.is_empty())
        .collect()
}

/// What the workspace notes once reminders have gone out: for each unit, the tasks chased, the
/// date to report back by and the document (`reference`, "…/UBND-VP" until it has a number).
pub fn reminders_sent(lists: &[(Unit, Vec<(Task, Status)>)], on: NaiveDate, reply_by: NaiveDate, reference: &str) -> Vec<(UnitId, Exchange)> {
    lists
        .iter()
        .map(|(unit, tasks)| {
            let exchange = Exchange {
                kind: ExchangeKind::ReminderSent,
                on,
                tasks: tasks.iter().map(|(t, _)| t.id.clone()).collect(),
                reply_by: Some(reply_by),
                document: reference.to_string(),
            };
            (unit.id.clone(), exchange)
        })
        .collect()
}

/// How the letter names the unit: by its name, and a commune or ward by its People's Committee
/// ("Phường Mai Hùng" → "UBND phường Mai Hùng"; "UBND xã Quỳnh Vinh" stays as it is).
pub fn addressee_name(unit: &Unit) -> String {
    let name = unit.name.trim();
    let first = fold_words(name).into_iter().next().unwrap_or_default();
    let is_place = matches!(first.as_str(), "phuong" | "xa" | "thi");
    if unit.kind != UnitKind::Commune || !is_place {
        return name.to_string();
    }
    let mut chars = name.chars();
    let lowered: String = chars.next().map(|c| c.to_lowercase().chain(chars).collect()).unwrap_or_default();
    format!("UBND {lowered}")
}

/// "Don-doc_Phong-Tai-chinh-Ke-hoach_2024-03-05.docx": the unit's name keeps its capitals.
pub fn reminder_file_name(unit: &Unit, day: NaiveDate) -> String {
    crate::export::file_name(&format!("Don-doc_{}", crate::export::name_slug(&unit.name)), day, "docx")
}

/// "còn 2 nhiệm vụ quá hạn và 1 nhiệm vụ sắp đến hạn chưa hoàn thành", saying only what there is.
fn what_remains(overdue: usize, due_soon: usize) -> String {
    match (overdue, due_soon) {
        (0, 0) => "không còn nhiệm vụ quá hạn hoặc sắp đến hạn chưa hoàn thành".into(),
        (n, 0) => format!("còn {n} nhiệm vụ quá hạn chưa hoàn thành"),
        (0, m) => format!("còn {m} nhiệm vụ sắp đến hạn chưa hoàn thành"),
        (n, m) => format!("còn {n} nhiệm vụ quá hạn và {m} nhiệm vụ sắp đến hạn chưa hoàn thành"),
    }
}

/// The opening sentence, with the as-of date and the counts.
pub fn opening(addressee: &str, overdue: usize, due_soon: usize, as_of: NaiveDate) -> String {
    let end = if overdue + due_soon > 0 { ", cụ thể:" } else { "." };
    format!(
        "Theo dõi tình hình thực hiện các nhiệm vụ được giao, đến ngày {}, {addressee} {}{end}",
        format_date(as_of),
        what_remains(overdue, due_soon)
    )
}

/// The source document as the table names it: "125/TB-UBND ngày 05/01/2024".
fn source_text(task: &Task) -> String {
    let label = task.source.label().trim();
    match task.source.date {
        Some(d) if !label.is_empty() => format!("{label} ngày {}", format_date(d)),
        Some(d) => format!("Ngày {}", format_date(d)),
        None => label.to_string(),
    }
}

/// The days overdue, or the warning word for a task not yet due.
fn lateness(status: &Status) -> String {
    match status.bucket {
        Bucket::Overdue => status.days_late.to_string(),
        _ => vocabulary::DUE_SOON.to_string(),
    }
}

fn task_rows(tasks: &[(&Task, Status)]) -> Vec<Row> {
    tasks
        .iter()
        .enumerate()
        .map(|(i, (task, status))| Row {
            cells: vec![
                (i + 1).to_string(),
                task.content.trim().to_string(),
                source_text(task),
                task.deadline.due_date().map(format_date).unwrap_or_else(|| task.deadline.text.clone()),
                lateness(status),
            ],
            strong: false,
        })
        .collect()
}

const COLUMNS: [Column<'static>; 5] = [
    Column { header: "TT", width: 567, align: AlignmentType::Center },
    Column { header: "Nội dung nhiệm vụ", width: 4139, align: AlignmentType::Left },
    Column { header: "Văn bản giao", width: 1814, align: AlignmentType::Center },
    Column { header: "Thời hạn", width: 1474, align: AlignmentType::Center },
    Column { header: "Số ngày quá hạn", width: 1361, align: AlignmentType::Center },
];

/// One unit's reminder as .docx bytes. `tasks`: the unit's tasks with their status (a list of
/// [`reminders_of`], or the unit's whole list: only the tasks [`is_chased`] are written).
pub fn reminder_docx(
    head: &Letterhead,
    unit: &Unit,
    tasks: &[(&Task, Status)],
    as_of: NaiveDate,
    reply_by: NaiveDate,
) -> Result<Vec<u8>, DocxError> {
    let chased: Vec<(&Task, Status)> = tasks.iter().filter(|(_, s)| is_chased(s)).copied().collect();
    let overdue = chased.iter().filter(|(_, s)| s.bucket == Bucket::Overdue).count();
    let to = addressee_name(unit);
    let mut doc = layout::new_document()
        .add_table(layout::letter_head(head, Some(SUBJECT)))
        .add_paragraph(layout::addressee(&to))
        .add_paragraph(layout::body(&opening(&to, overdue, chased.len() - overdue, as_of)));
    if !chased.is_empty() {
        doc = doc
            .add_table(layout::grid_table(&COLUMNS, &task_rows(&chased), SMALL_PT))
            .add_paragraph(layout::body(&format!(
                "Yêu cầu {to} khẩn trương tổ chức thực hiện các nhiệm vụ nêu trên; báo cáo kết quả thực hiện \
                 (kèm văn bản, tài liệu minh chứng) về {} trước ngày {}.",
                head.issuer_name,
                format_date(reply_by)
            )))
            .add_paragraph(layout::body(
                "Đối với nhiệm vụ không thể hoàn thành đúng thời hạn, đề nghị nêu rõ lý do, khó khăn, vướng mắc \
                 và đề xuất thời hạn hoàn thành để tổng hợp, báo cáo lãnh đạo xem xét, gia hạn theo quy định./.",
            ));
    }
    let recipients = [to];
    layout::pack(doc.add_table(layout::closing(head, &recipients)))
}

/// Every unit's reminder in one .zip (units with nothing to chase left out).
pub fn all_reminders_zip(
    head: &Letterhead,
    lists: &[(&Unit, Vec<(&Task, Status)>)],
    as_of: NaiveDate,
    reply_by: NaiveDate,
) -> Result<Vec<u8>, DocxError> {
    let zip_error = |e: &dyn std::fmt::Display| DocxError(e.to_string());
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    // The Word writer stores its parts uncompressed: compress them here.
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (unit, tasks) in lists.iter().filter(|(_, t)| t.iter().any(|(_, s)| is_chased(s))) {
        let bytes = reminder_docx(head, unit, tasks, as_of, reply_by)?;
        zip.start_file(reminder_file_name(unit, head.date), options).map_err(|e| zip_error(&e))?;
        zip.write_all(&bytes).map_err(|e| zip_error(&e))?;
    }
    Ok(zip.finish().map_err(|e| zip_error(&e))?.into_inner())
}
