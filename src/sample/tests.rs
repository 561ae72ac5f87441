use std::collections::{BTreeMap, BTreeSet};

use chrono::{Duration, NaiveDate};

use super::*;
use crate::domain::{Bucket, StatusRules, UnitKind};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn tasks_per_unit(sample: &Sample, source_title_contains: &str) -> BTreeMap<String, usize> {
    let mut counts = BTreeMap::new();
    for task in sample.tasks.iter().filter(|t| t.source.title.contains(source_title_contains)) {
        let unit = sample.units.iter().find(|u| Some(&u.id) == task.lead_unit.as_ref()).unwrap();
        *counts.entry(unit.name.clone()).or_insert(0) += 1;
    }
    counts
}

/// Seed 000, section 3: what a clerk counts under each unit heading (3.18, the leaders, is not a unit).
#[test]
fn dispatch_000_tasks_per_unit() {
    let sample = sample_workspace(d(2026, 11, 21));
    let counts = tasks_per_unit(&sample, "sáu tháng");
    let expected = [
        ("Phòng Kinh tế", 5),
        ("Phòng Tài chính - Kế hoạch", 7),
        ("Chi cục thuế khu vực Thành phố - Vũ thư", 1),
        ("Phòng Quản lý đô thị", 10),
        ("Ban quản lý dự án xây dựng cơ sở hạ tầng thành phố", 7),
        ("Phòng Tài nguyên và Môi trường", 8),
        ("Trung tâm phát triển quỹ đất và cụm công nghiệp thành phố", 4),
        ("Phòng Y tế", 2),
        ("Phòng Giáo dục và đào tạo", 3),
        ("Phòng Lao động - Thương binh và Xã hội", 3),
        ("Phòng Văn hóa và thông tin", 2),
        ("Phòng Nội vụ", 2),
        ("Thanh tra thành phố", 1),
        ("Phòng Tư pháp", 2),
        ("Công an thành phố", 1),
        ("Ban Chỉ huy Quân sự thành phố", 1),
        ("Văn phòng HĐND và UBND thành phố", 3),
    ];
    let expected: BTreeMap<String, usize> = expected.iter().map(|(n, c)| (n.to_string(), *c)).collect();
    assert_eq!(counts, expected);
    assert_eq!(counts.values().sum::<usize>(), 62);
}

/// Seed 002, part II.2 and IV: per unit, with the five general commune tasks given to each of the
/// five communes named, Thanh tra's weekly report as four weekly instances and the Văn phòng's two
/// monthly duties as two monthly instances each.
#[test]
fn conclusions_002_tasks_per_unit() {
    let sample = sample_workspace(d(2026, 11, 21));
    let counts = tasks_per_unit(&sample, "phiên họp thường kỳ");
    assert_eq!(counts["Phòng Kinh tế"], 6);
    assert_eq!(counts["Phòng Quản lý đô thị"], 6);
    assert_eq!(counts["Phòng Tài nguyên và Môi trường"], 4 + 1);
    assert_eq!(counts["Thanh tra thành phố"], 2 + 4);
    assert_eq!(counts["Phòng Tài chính - Kế hoạch"], 6);
    assert_eq!(counts["Phòng Giáo dục và đào tạo"], 2 + 1);
    assert_eq!(counts["Phòng Nội vụ"], 3);
    assert_eq!(counts["Phòng Tư pháp"], 2);
    assert_eq!(counts["Phòng Văn hóa và thông tin"], 4);
    assert_eq!(counts["Phòng Lao động - Thương binh và Xã hội"], 4);
    assert_eq!(counts["Văn phòng HĐND và UBND thành phố"], 4 + 2 + 1);
    assert_eq!(counts["Ban quản lý dự án"], 6);
    assert_eq!(counts["Ban Chỉ huy Quân sự thành phố"], 1);
    assert_eq!(counts["Công an thành phố"], 1);
    assert_eq!(counts["Phường Mai Hùng"], 5 + 1);
    assert_eq!(counts["Xã Quỳnh Trang"], 5 + 1);
    assert_eq!(counts.values().sum::<usize>(), 90);
    assert_eq!(sample.tasks.len(), 152);
}

#[test]
fn units_are_resolved_once_with_their_kind() {
    let sample = sample_workspace(d(2026, 11, 21));
    let names: BTreeSet<&str> = sample.units.iter().map(|u| u.name.as_str()).collect();
    assert_eq!(names.len(), sample.units.len(), "no unit twice");
    // The two directives' project boards are different boards: names are kept as written.
    assert_eq!(sample.units.len(), 25, "20 departments and 5 communes/wards");
    let communes: BTreeSet<&str> =
        sample.units.iter().filter(|u| u.kind == UnitKind::Commune).map(|u| u.name.as_str()).collect();
    assert_eq!(
        communes,
        BTreeSet::from(["Phường Mai Hùng", "Phường Quỳnh Xuân", "Phường Quỳnh Thiện", "Xã Quỳnh Vinh", "Xã Quỳnh Trang"])
    );
    let tnmt = sample.tasks.iter().find(|t| t.content.starts_with("Tập trung chỉ đạo đẩy nhanh tiến độ GPMB")).unwrap();
    let coordinating: Vec<&str> = tnmt
        .coordinating_units
        .iter()
        .map(|id| sample.units.iter().find(|u| &u.id == id).unwrap().name.as_str())
        .collect();
    assert_eq!(coordinating, ["HĐGPMB"]);
}

#[test]
fn deadlines_follow_the_directives() {
    let today = d(2026, 11, 21);
    let sample = sample_workspace(today);
    let find = |start: &str| sample.tasks.iter().find(|t| t.content.starts_with(start)).unwrap();
    // Seed 002's month becomes last month: its tasks are due on 31/10/2026.
    let economy = find("Tập trung chỉ đạo sản xuất cây trồng vụ Xuân đạt diện tích");
    assert_eq!(economy.deadline.due_date(), Some(d(2026, 10, 31)));
    assert_eq!(economy.deadline.text, "trong tháng 10/2026");
    // A task's own deadline wins: "trước ngày 20/01/2024" becomes the 20th of that month.
    let report = find("Rà soát, đẩy nhanh tiến độ quyết toán các công trình hoàn thành");
    assert_eq!(report.deadline.due_date(), Some(d(2026, 10, 20)));
    // Seed 000's "sáu tháng cuối năm" becomes the end of this year.
    let dispatch = find("Tăng cường thu hút các dự án phát triển thương mại dịch vụ");
    assert_eq!(dispatch.deadline.due_date(), Some(d(2026, 12, 31)));
    // Part IV's requests carry no deadline.
    assert_eq!(find("Có biểu phụ lục phân loại").deadline.due_date(), None);
    // "Thường xuyên" is an ongoing duty with no date.
    assert_eq!(find("Thường xuyên kiểm tra").deadline.kind, DeadlineKind::Recurring(Recurrence::Continuous));
    // Weekly reports: one task per week, each due on its Friday (the week's last working day),
    // the later weeks belonging to the first.
    let weekly: Vec<&Task> = sample.tasks.iter().filter(|t| t.deadline.kind == DeadlineKind::Recurring(Recurrence::Weekly)).collect();
    let dues: Vec<NaiveDate> = weekly.iter().filter_map(|t| t.deadline.due_date()).collect();
    assert_eq!(dues, vec![d(2026, 10, 30), d(2026, 11, 6), d(2026, 11, 13), d(2026, 11, 20)]);
    assert_eq!(weekly[0].series, None);
    assert!(weekly[1..].iter().all(|t| t.series.as_ref() == Some(&weekly[0].id)));
    assert_eq!(weekly[3].note, "Kỳ tuần 16/11/2026 – 22/11/2026");
}

/// Whatever day a user first opens the app, the sample shows every official bucket, the same
/// number of tasks, and no completion date after that day.
#[test]
fn every_bucket_appears_on_every_day_of_two_years() {
    let mut day = d(2026, 1, 1);
    while day <= d(2027, 12, 31) {
        let sample = sample_workspace(day);
        assert_eq!(sample.tasks.len(), 152, "{day}");
        let buckets: BTreeSet<Bucket> = sample.tasks.iter().map(|t| t.status(day, StatusRules::default()).bucket).collect();
        assert_eq!(buckets.len(), Bucket::ALL.len(), "{day}: {buckets:?}");
        assert!(sample.tasks.iter().all(|t| t.completed_on.is_none_or(|c| c <= day)), "{day}");
        let undated = sample.tasks.iter().filter(|t| t.progress == Progress::Done && t.completed_on.is_none()).count();
        assert!((1..=8).contains(&undated), "{day}: a few done tasks wait for their date, not {undated}");
        day += Duration::days(1);
    }
}

#[test]
fn ids_are_unique() {
    let sample = sample_workspace(d(2026, 11, 21));
    let ids: BTreeSet<&str> = sample.tasks.iter().map(|t| t.id.as_str()).collect();
    assert_eq!(ids.len(), sample.tasks.len());
}
