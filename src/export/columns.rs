//! The tracker's columns: the id first (so a re-import matches), then every field in the order and
//! wording of DOMAIN.md, then the status and days overdue as of the chosen date. The headers are
//! ones the importer reads back, so an exported tracker imports field for field.

use chrono::NaiveDate;

use crate::domain::{DeadlineKind, Recurrence, Status, Task, UnitDirectory};
use crate::vocabulary;

/// What a cell holds.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Text(String),
    Date(Option<NaiveDate>),
    Number(Option<f64>),
}

/// How a column is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Short text, one line.
    Short,
    /// Long text that wraps.
    Long,
    Date,
    Number,
}

pub struct Column {
    pub header: String,
    pub width: f64,
    pub kind: Kind,
    pub value: fn(&Task, &Status, &UnitDirectory) -> Value,
}

fn text(s: &str) -> Value {
    Value::Text(s.trim().to_string())
}

/// How the kind of deadline is written (read back by the importer's "Loại thời hạn").
pub fn deadline_kind_text(kind: DeadlineKind) -> &'static str {
    match kind {
        DeadlineKind::Dated => "Có thời hạn",
        DeadlineKind::None => "Không thời hạn",
        DeadlineKind::Recurring(Recurrence::Weekly) => "Hàng tuần",
        DeadlineKind::Recurring(Recurrence::Monthly) => "Hàng tháng",
        DeadlineKind::Recurring(Recurrence::Quarterly) => "Hàng quý",
        DeadlineKind::Recurring(Recurrence::Yearly) => "Hàng năm",
        DeadlineKind::Recurring(Recurrence::Continuous) => "Thường xuyên",
    }
}

/// The columns of the tracker, the status one titled with the as-of date.
pub fn tracker_columns(as_of: NaiveDate) -> Vec<Column> {
    vec![
        Column { header: "Mã nhiệm vụ".into(), width: 12.0, kind: Kind::Short, value: |t, _, _| text(t.id.as_str()) },
        Column { header: "STT".into(), width: 5.0, kind: Kind::Short, value: |t, _, _| text(&t.number) },
        Column { header: "Văn bản giao".into(), width: 13.0, kind: Kind::Short, value: |t, _, _| text(&t.source.reference) },
        Column { header: "Ngày văn bản".into(), width: 11.0, kind: Kind::Date, value: |t, _, _| Value::Date(t.source.date) },
        Column { header: "Trích yếu văn bản".into(), width: 22.0, kind: Kind::Long, value: |t, _, _| text(&t.source.title) },
        Column { header: "Nội dung nhiệm vụ".into(), width: 50.0, kind: Kind::Long, value: |t, _, _| text(&t.content) },
        Column {
            header: "Đơn vị chủ trì".into(),
            width: 24.0,
            kind: Kind::Long,
            value: |t, _, u| text(&t.lead_unit.as_ref().and_then(|id| u.get(id)).map(|x| x.name.clone()).unwrap_or_default()),
        },
        Column {
            header: "Đơn vị phối hợp".into(),
            width: 24.0,
            kind: Kind::Long,
            value: |t, _, u| Value::Text(t.coordinating_units.iter().filter_map(|id| u.get(id)).map(|x| x.name.clone()).collect::<Vec<_>>().join("; ")),
        },
        Column { header: "Lãnh đạo chỉ đạo".into(), width: 16.0, kind: Kind::Long, value: |t, _, _| text(&t.leader) },
        Column { header: "Chuyên viên theo dõi".into(), width: 14.0, kind: Kind::Long, value: |t, _, _| text(&t.officer) },
        Column { header: "Loại thời hạn".into(), width: 11.0, kind: Kind::Short, value: |t, _, _| text(deadline_kind_text(t.deadline.kind)) },
        Column { header: "Thời hạn".into(), width: 11.0, kind: Kind::Date, value: |t, _, _| Value::Date(t.deadline.due_date()) },
        Column { header: "Thời hạn theo văn bản".into(), width: 14.0, kind: Kind::Long, value: |t, _, _| text(&t.deadline.text) },
        Column { header: "Tiến độ".into(), width: 12.0, kind: Kind::Short, value: |t, _, _| text(vocabulary::progress(t.progress)) },
        Column { header: "Kết quả thực hiện".into(), width: 30.0, kind: Kind::Long, value: |t, _, _| text(&t.result) },
        Column { header: "Minh chứng".into(), width: 18.0, kind: Kind::Long, value: |t, _, _| text(&t.evidence) },
        Column { header: "Ngày hoàn thành".into(), width: 11.0, kind: Kind::Date, value: |t, _, _| Value::Date(t.completed_on) },
        Column { header: "Ghi chú".into(), width: 16.0, kind: Kind::Long, value: |t, _, _| text(&t.note) },
        Column { header: "Ngày cập nhật".into(), width: 11.0, kind: Kind::Date, value: |t, _, _| Value::Date(t.updated_at.map(|d| d.date())) },
        Column {
            header: vocabulary::status_column(as_of),
            width: 18.0,
            kind: Kind::Long,
            value: |_, s, _| text(vocabulary::bucket(s.bucket)),
        },
        Column {
            header: vocabulary::DAYS_OVERDUE.into(),
            width: 8.0,
            kind: Kind::Number,
            value: |_, s, _| Value::Number((s.days_late > 0 && s.bucket == crate::domain::Bucket::Overdue).then_some(s.days_late as f64)),
        },
    ]
}
