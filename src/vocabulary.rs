//! The words Đôn Đốc writes into files and reads back from them: progress and status as official
//! trackers and reports write them. Export and import share these; the interface has its own
//! texts (`i18n`), so rewording a screen never changes what a file says or how it is read back.

use crate::domain::{Bucket, Progress};

/// Progress as trackers write it; `Progress::from_text` reads each back.
pub fn progress(p: Progress) -> &'static str {
    match p {
        Progress::NotStarted => "Chưa thực hiện",
        Progress::InProgress => "Đang thực hiện",
        Progress::Done => "Hoàn thành",
        Progress::Paused => "Tạm dừng",
    }
}

/// The official report's names of the status buckets (DOMAIN.md).
pub fn bucket(b: Bucket) -> &'static str {
    match b {
        Bucket::DoneOnTime => "Hoàn thành đúng hạn",
        Bucket::DoneLate => "Hoàn thành quá hạn",
        Bucket::DoneUndated => "Hoàn thành, chưa rõ ngày",
        Bucket::DoneNoDeadline => "Hoàn thành (không thời hạn)",
        Bucket::InProgressInTime => "Đang thực hiện trong hạn",
        Bucket::Overdue => "Quá hạn chưa hoàn thành",
        Bucket::InProgressNoDeadline => "Đang thực hiện (không thời hạn)",
    }
}

/// The annex's two-level header: the groups, then their parts (Hoàn thành: đúng hạn, quá hạn |
/// Chưa hoàn thành: trong hạn, quá hạn), over the same counts as [`REPORT_COLUMNS`] 1–5. A task
/// marked done without its completion date is done but not known to be on time: "Chưa rõ ngày".
pub const REPORT_GROUPS: [&str; 2] = ["Hoàn thành", "Chưa hoàn thành"];
pub const REPORT_GROUP_PARTS: [&str; 5] = ["Đúng hạn", "Quá hạn", "Chưa rõ ngày", "Trong hạn", "Quá hạn"];
/// How many of [`REPORT_GROUP_PARTS`] belong to the first group (Hoàn thành).
pub const REPORT_DONE_PARTS: usize = 3;

/// Which tasks a report counts, as the report says it.
pub fn basis_text(b: crate::report::monthly::Basis) -> &'static str {
    use crate::report::monthly::Basis;
    match b {
        Basis::DueOrOverdue => "các nhiệm vụ có thời hạn trong kỳ và các nhiệm vụ quá hạn từ trước chưa hoàn thành",
        Basis::Assigned => "các nhiệm vụ được giao trong kỳ (theo ngày văn bản giao)",
        Basis::Due => "các nhiệm vụ có thời hạn trong kỳ",
    }
}

/// What a task needs for a report to place it in its period ("… không có thời hạn nên không được tính").
pub fn basis_needs(b: crate::report::monthly::Basis) -> &'static str {
    use crate::report::monthly::Basis;
    match b {
        Basis::Assigned => "ngày văn bản giao",
        Basis::Due | Basis::DueOrOverdue => "thời hạn",
    }
}

/// The status column of files written as of a day ("Đánh giá (tính đến 21/11/2026)"): derived, so
/// import never reads it as progress while "Tiến độ" is there.
pub fn status_column(as_of: chrono::NaiveDate) -> String {
    format!("Đánh giá (tính đến {})", crate::domain::format_date(as_of))
}

/// Days overdue as of the file's date: derived, never read back.
pub const DAYS_OVERDUE: &str = "Số ngày quá hạn";

/// The column of a unit's list the unit fills in with what holds the task up; read back into the
/// task's note ("Ghi chú").
pub const OBSTACLES: &str = "Khó khăn, vướng mắc";

/// A task not done whose deadline is near (`Status::due_soon`): a warning, not a report bucket.
pub const DUE_SOON: &str = "Sắp đến hạn";

/// The report's per-unit columns after TT and Đơn vị, as the official table has them (the Excel
/// annex, the Word report and the report page).
pub const REPORT_COLUMNS: [&str; 9] = [
    "Tổng số",
    // The bucket names of [`bucket`], in the report's order.
    "Hoàn thành đúng hạn",
    "Hoàn thành quá hạn",
    "Hoàn thành, chưa rõ ngày",
    "Đang thực hiện trong hạn",
    "Quá hạn chưa hoàn thành",
    "Không thời hạn",
    "Tỷ lệ hoàn thành đúng hạn",
    "Ghi chú",
];

/// The title of a unit's own list ("NHIỆM VỤ DO PHÒNG KINH TẾ CHỦ TRÌ"): read back, it gives the
/// unit of every row of the list the unit sends back filled in.
pub fn unit_list_title(unit_name: &str) -> String {
    format!("NHIỆM VỤ DO {} CHỦ TRÌ", unit_name.to_uppercase())
}

/// The sheet of a unit's list with the tasks it only coordinates.
pub const COORDINATED_SHEET: &str = "Phối hợp";

/// The title of the tasks a unit coordinates ("NHIỆM VỤ PHÒNG KINH TẾ PHỐI HỢP THỰC HIỆN"): an
/// import knows it for a sheet to read, not to import.
pub fn coordinated_list_title(unit_name: &str) -> String {
    format!("NHIỆM VỤ {} PHỐI HỢP THỰC HIỆN", unit_name.to_uppercase())
}

/// Is this the title of a unit's coordination sheet?
pub fn is_coordinated_list_title(text: &str) -> bool {
    let t = text.trim();
    t.starts_with("NHIỆM VỤ ") && t.ends_with(" PHỐI HỢP THỰC HIỆN")
}

/// The unit a list's title names, as written there (in capitals).
pub fn unit_of_list_title(text: &str) -> Option<&str> {
    let rest = text.trim().strip_prefix("NHIỆM VỤ DO ")?.strip_suffix(" CHỦ TRÌ")?.trim();
    (!rest.is_empty()).then_some(rest)
}

/// A task's note naming who it is for when that is not a unit: units that only coordinate
/// ("Phối hợp: các đơn vị có liên quan"), a group a directive assigns ("Giao: UBND các xã, thị trấn").
pub fn coordinating_note(text: &str) -> String {
    format!("Phối hợp: {text}")
}

pub fn group_note(text: &str) -> String {
    format!("Giao: {text}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_report_columns_name_the_buckets_as_the_tracker_does() {
        let buckets = [Bucket::DoneOnTime, Bucket::DoneLate, Bucket::DoneUndated, Bucket::InProgressInTime, Bucket::Overdue];
        assert_eq!(REPORT_COLUMNS[1..6], buckets.map(bucket));
        assert_eq!(REPORT_GROUP_PARTS.len(), buckets.len());
    }

    #[test]
    fn a_done_status_written_into_a_file_reads_back_as_done() {
        for b in Bucket::ALL.into_iter().filter(|b| b.is_done()) {
            assert_eq!(Progress::from_text(bucket(b)), Some(Progress::Done), "{}", bucket(b));
        }
    }

    #[test]
    fn every_progress_word_written_reads_back() {
        for p in Progress::ALL {
            assert_eq!(Progress::from_text(progress(p)), Some(p), "{}", progress(p));
        }
    }
}
