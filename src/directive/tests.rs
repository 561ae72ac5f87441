//! Each seed directive, read as a careful office clerk would: the units, the number of tasks per
//! unit, sample task texts and the deadlines.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::*;
use crate::domain::{DeadlineKind, Recurrence};

fn seed(prefix: &str) -> String {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/seeds");
    let path = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).find(|p| p.file_name().unwrap().to_string_lossy().starts_with(prefix)).unwrap();
    std::fs::read_to_string(path).unwrap()
}

fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, day)
}

fn per_target(r: &DirectiveReading) -> BTreeMap<String, usize> {
    let mut m = BTreeMap::new();
    for t in &r.tasks {
        let key = match &t.target {
            Target::Units(u) => u.join(" + "),
            Target::Group(g) => format!("nhóm: {g}"),
            Target::Unassigned => "(chưa có đơn vị)".into(),
        };
        *m.entry(key).or_insert(0) += 1;
    }
    m
}

fn find<'a>(r: &'a DirectiveReading, start: &str) -> &'a ProposedTask {
    r.tasks.iter().find(|t| t.text.starts_with(start)).unwrap_or_else(|| panic!("no task starting {start:?}"))
}

#[test]
fn seed_000_dispatch_of_six_month_focus_tasks() {
    let r = read_directive(&seed("000"), &Default::default());
    let doc = &r.document;
    assert_eq!(doc.kind, Some(DocKind::CongVan));
    assert_eq!(doc.reference, "/UBND-VP", "number left blank");
    assert_eq!(doc.place, "TP. Thái Bình");
    assert_eq!((doc.date, doc.date_text.as_str()), (None, "ngày tháng 7 năm 2022"), "blank day: no date guessed");
    assert_eq!(doc.subject, "V/v tập trung thực hiện một số nhiệm vụ trọng tâm sáu tháng cuối năm 2022");
    assert_eq!(doc.signer, "Đinh Gia Dũng");
    assert_eq!(doc.recipients, ["Trưởng các phòng, ban, đơn vị liên quan thuộc thành phố", "Chủ tịch UBND phường, xã"]);
    assert_eq!(r.default_deadline.as_ref().unwrap().due_date(), d(2022, 12, 31));
    let per = per_target(&r);
    let expected = [
        ("Phòng Kinh tế", 5),
        ("Phòng Tài chính - Kế hoạch", 7),
        ("Chi cục thuế khu vực Thành phố - Vũ thư", 1),
        ("Phòng Quản lý đô thị", 10),
        ("Ban quản lý dự án xây dựng cơ sở hạ tầng thành phố", 7),
        ("Phòng Tài nguyên và Môi trường", 8),
        ("Trung tâm phát triển quỹ đất và cụm công nghiệp thành phố", 4),
        ("Phòng Y tế + Trung tâm Y tế thành phố", 2),
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
    for (unit, n) in expected {
        assert_eq!(per.get(unit), Some(&n), "{unit}");
    }
    // Items 1 and 2, for every unit; 3.18 (the leaders) is not a unit's task.
    assert_eq!(per.get("nhóm: Các phòng, ban, đơn vị, UBND các phường"), Some(&1));
    // Item 2 names no unit: it is for the units the list is addressed to.
    assert_eq!(per.get("(chưa có đơn vị)"), None, "{per:?}");
    assert_eq!(r.tasks.len(), 64);
    // A task split by a page break is one task.
    let split = find(&r, "Đôn đốc Ban quản lý dự án xây dựng cơ sở hạ tầng thành phố đẩy nhanh");
    assert!(split.text.contains("Hai Bà Trung, quy hoạch chi tiết nút giao Phúc Khánh"));
    // A date cited in a task ("Quyết định số 31/2021/QĐ-UBND ngày 29/12/2021") is not its deadline.
    let cited = find(&r, "Tiếp tục nâng cao chất lượng lập, thẩm định");
    assert_eq!(cited.deadline.due_date(), d(2022, 12, 31));
    assert!(!cited.own_deadline);
    // The review of results and the closing are not tasks.
    assert!(r.tasks.iter().all(|t| !t.text.starts_with("Tổng giá trị sản xuất") && !t.text.starts_with("Nhận công văn")));
}

#[test]
fn seed_001_report_part_two_numbered_tasks() {
    let r = read_directive(&seed("001"), &Default::default());
    assert_eq!(r.document.kind, Some(DocKind::BaoCao));
    assert_eq!(r.document.signer, "Nguyễn Văn Tâm");
    assert_eq!(r.document.recipients.len(), 7);
    assert_eq!(r.tasks.len(), 15, "the fifteen numbered tasks of part II, none of part I");
    assert!(r.tasks[0].text.starts_with("Tập trung thực hiện quyết liệt, hiệu quả"));
    assert!(r.tasks[14].text.starts_with("Tăng cường công tác đào tạo, bồi dưỡng"));
    // Part II is next month's: March 2023 (the report itself is about February).
    assert_eq!(r.default_deadline.as_ref().unwrap().due_date(), d(2023, 3, 31));
    assert_eq!(r.tasks[0].deadline.due_date(), d(2023, 3, 31));
    let ongoing = find(&r, "Thường xuyên tuyên truyền");
    assert_eq!(ongoing.deadline.kind, DeadlineKind::Recurring(Recurrence::Continuous));
}

#[test]
fn seed_002_conclusions_per_unit_communes_and_own_deadlines() {
    let r = read_directive(&seed("002"), &Default::default());
    assert_eq!(r.document.kind, Some(DocKind::ThongBaoKetLuan));
    assert_eq!(r.document.title(), "Thông báo Kết luận của đồng chí Nguyễn Hữu An, Chủ tịch UBND thị xã tại phiên họp thường kỳ tháng 12 năm 2023");
    assert_eq!(r.default_deadline.as_ref().unwrap().due_date(), d(2024, 1, 31), "nhiệm vụ trọng tâm tháng 01/2024");
    let per = per_target(&r);
    for (unit, n) in [
        ("Phòng Kinh tế", 6),
        ("Phòng Quản lý đô thị", 6),
        ("Phòng TNMT + HĐGPMB", 4),
        ("Thanh tra", 2),
        ("Phòng Tài chính - Kế hoạch", 6),
        ("Phòng GD&ĐT", 2),
        ("Phòng Nội vụ", 3),
        ("Phòng Tư pháp", 2),
        ("Phòng Văn hóa – Thông tin", 4),
        ("Phòng LĐTB&XH", 4),
        ("Văn phòng", 5),
        ("Ban quản lý dự án", 6),
        ("Quân sự thị xã", 1),
        ("Công an thị xã", 1),
        ("nhóm: Các xã, phường", 5),
        ("Phường Mai Hùng", 1),
        ("Phường Quỳnh Xuân", 1),
        ("Phường Quỳnh Thiện", 1),
        ("Xã Quỳnh Vinh", 1),
        ("Xã Quỳnh Trang", 1),
        ("phòng Tài nguyên và Môi trường", 1),
        ("phòng Giáo dục và Đào tạo", 1),
        // "1. Nhiệm vụ trọng tâm:" names no unit: for the units the closing addresses.
        ("nhóm: các phòng, cơ quan chuyên môn, UBND các xã phường và các đơn vị liên quan", 9),
    ] {
        assert_eq!(per.get(unit), Some(&n), "{unit}");
    }
    // As many as the clerk's label counts (tests/fixtures/directives/seed-002.json).
    assert_eq!(r.tasks.len(), 74);
    // A task's own deadline wins; recurring duties are recurring.
    assert_eq!(find(&r, "Rà soát, đẩy nhanh tiến độ quyết toán các công trình hoàn thành").deadline.due_date(), d(2024, 1, 20));
    assert_eq!(find(&r, "Rà soát, quản lý chặt chẽ quỹ đất").deadline.due_date(), d(2024, 1, 25));
    assert_eq!(find(&r, "Chủ trì đôn đốc xử lý vụ việc").deadline.kind, DeadlineKind::Recurring(Recurrence::Weekly));
    assert_eq!(find(&r, "Hàng tháng báo cáo tiến độ").deadline.kind, DeadlineKind::Recurring(Recurrence::Monthly));
    assert_eq!(find(&r, "Thường xuyên kiểm tra, đôn đốc").deadline.kind, DeadlineKind::Recurring(Recurrence::Continuous));
    assert_eq!(find(&r, "Tập trung chỉ đạo sản xuất cây trồng vụ Xuân đạt").deadline.due_date(), d(2024, 1, 31));
    // "+ Phường Mai Hùng: …" gives the ward its own task, without the name in the text.
    let ward = r.tasks.iter().find(|t| t.target == Target::Units(vec!["Phường Mai Hùng".into()])).unwrap();
    assert!(ward.text.starts_with("Tiếp tục vận động bà con nhân dân bàn giao mặt bằng"));
    // Part I (results, shortcomings) is not tasks.
    assert!(r.tasks.iter().all(|t| !t.text.starts_with("Một số phòng, ban chuyên môn tổ chức thực hiện")));
}

#[test]
fn seed_003_speech_one_two_three() {
    let r = read_directive(&seed("003"), &Default::default());
    let items: Vec<&str> = r.tasks.iter().map(|t| t.section.as_str()).collect::<std::collections::BTreeSet<_>>().into_iter().collect();
    assert_eq!(items, ["ba la", "bon la", "hai la", "mot la", "nam la", "sau la"], "the six items");
    assert_eq!(r.tasks.len(), 14, "each item with its paragraphs");
    assert!(r.tasks[0].text.starts_with("Một là, chủ động rà soát"));
    // Page furniture is left out.
    assert!(r.tasks.iter().all(|t| !t.text.contains("Truy cập") && !t.text.contains("CÔNG KHAI")));
    // "đất giao trái thẩm quyền trước ngày 01/7/2004" is history, not a deadline.
    assert!(r.tasks.iter().all(|t| t.deadline.due_date().is_none_or(|d| chrono::Datelike::year(&d) >= 2021)));
}

#[test]
fn seed_004_prose_conclusions_name_their_units() {
    let r = read_directive(&seed("004"), &Default::default());
    assert_eq!(r.default_deadline.as_ref().unwrap().due_date(), d(2022, 12, 31), "quý IV of 2022");
    let per = per_target(&r);
    assert_eq!(per.get("Phòng Tài chính – Kế hoạch"), Some(&1));
    // The board's name is read whole, with its place ("… Đầu tư xây dựng thị xã").
    assert!(per.keys().any(|k| k.starts_with("Ban Quản lý dự án Đầu tư xây dựng thị xã")), "{per:?}");
    assert!(per.keys().any(|k| k.starts_with("Phòng Quản lý Đô thị thị xã")), "{per:?}");
    // "Do vậy, các cơ quan, đơn vị và các địa phương cần tập trung rà soát …": a group as the subject.
    assert!(find(&r, "cần tập trung rà soát hết các nội dung").target == Target::Group("các cơ quan, đơn vị và các địa phương".into()));
    let finance = find(&r, "rà soát, tham mưu UBND thị xã về xây dựng lộ trình");
    assert_eq!(finance.target, Target::Units(vec!["Phòng Tài chính – Kế hoạch".into()]));
    assert!(finance.text.ends_with("tự chủ ngân sách trong thời gian tới"), "{}", finance.text);
}

#[test]
fn own_deadlines_need_words_that_mark_them() {
    assert_eq!(deadlines::own_deadline("Báo cáo về UBND thị xã trước ngày 20/01/2024.").unwrap().due_date(), d(2024, 1, 20));
    assert_eq!(deadlines::own_deadline("Theo Quyết định số 31/2021/QĐ-UBND ngày 29/12/2021 của UBND tỉnh."), None);
    let weekly = deadlines::own_deadline("Hàng tuần có báo cáo kết quả.").unwrap();
    assert_eq!((weekly.kind, weekly.text.as_str()), (DeadlineKind::Recurring(Recurrence::Weekly), "Hàng tuần"));
    let dated = deadlines::own_deadline("Tổng hợp báo cáo trước ngày 20/01/2024 để tổng hợp.").unwrap();
    assert_eq!(dated.text, "trước ngày 20/01/2024");
    assert_eq!(deadlines::own_deadline("Hoàn thành trong tháng 01 năm 2024.").unwrap().text, "trong tháng 01 năm 2024");
}


/// A two-column header flattened to one line still gives number, place and date; the header and
/// the national motto are not tasks; a parenthesis after a unit is not part of its name.
#[test]
fn a_flattened_header_gives_number_place_and_date() {
    let text = "ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nHUYỆN CHÂU THÀNH Độc lập - Tự do - Hạnh phúc\nSố: 476/UBND Châu Thành, ngày 14 tháng 6 năm 2017\nV/v hưởng ứng ngày ASEAN phòng, chống sốt xuất huyết\n1. Giao Trung tâm Y tế huyện (Cơ quan Thường trực Ban Chỉ đạo) chủ trì, phối hợp các đơn vị liên quan triển khai thực hiện Kế hoạch của huyện.\n";
    let r = read_directive(text, &Default::default());
    assert_eq!((r.document.reference.as_str(), r.document.place.as_str(), r.document.date), ("476/UBND", "Châu Thành", d(2017, 6, 14)));
    assert_eq!(r.tasks.len(), 1, "{:?}", r.tasks);
    assert_eq!(r.tasks[0].target, Target::Units(vec!["Trung tâm Y tế huyện".into()]));
}

/// A pasted paragraph with no header: its deadline is not taken for its date, and it is not
/// titled "Văn bản" (the person writes the subject).
#[test]
fn a_bare_paragraph_has_no_guessed_date_or_title() {
    let r = read_directive("UBND tỉnh giao Sở Xây dựng rà soát các dự án chậm tiến độ, báo cáo trước ngày 20/01/2024.", &Default::default());
    assert_eq!((r.document.date, r.document.title()), (None, String::new()));
    assert_eq!(r.tasks[0].deadline.due_date(), d(2024, 1, 20));
}

#[test]
fn a_hard_wrapped_news_item_is_read_across_its_lines() {
    let text = "Theo đó, UBND tỉnh yêu cầu Sở Nông nghiệp và PTNT tăng cường kiểm dịch động vật tại gốc đối\nvới gia súc vận chuyển đi nơi khác tiêu thụ.\nUBND tỉnh cũng yêu cầu Chi cục Quản lý thị trường, Công an giao\nthông tăng cường phối hợp kiểm soát vận chuyển gia súc.";
    let r = read_directive(text, &Default::default());
    assert_eq!(r.tasks.len(), 2, "{:?}", r.tasks);
    assert!(r.tasks[0].text.ends_with("tại gốc đối với gia súc vận chuyển đi nơi khác tiêu thụ"), "{:?}", r.tasks[0].text);
    assert_eq!(r.tasks[1].target, Target::Units(vec!["Chi cục Quản lý thị trường".into(), "Công an giao thông".into()]));
}

#[test]
fn a_month_someone_expects_to_finish_in_is_not_the_documents_period() {
    let text = "Bù Đăng họp chuẩn bị lễ kỷ niệm 30 năm tái lập huyện\nHiện nay các cơ quan được giao nhiệm vụ đã xây dựng kế hoạch và dự kiến sẽ hoàn thành trong tháng 11/2018. Tại cuộc họp các cơ quan báo cáo.\nPhó Chủ tịch đề nghị Phòng Văn hóa tuyên truyền về lễ kỷ niệm.";
    let r = read_directive(text, &Default::default());
    assert_eq!(r.default_deadline, None);
    assert_eq!(r.tasks.len(), 1, "{:?}", r.tasks);
    assert!(r.tasks[0].deadline.due_date().is_none());
}

#[test]
fn a_news_item_gives_the_day_it_opens_with_and_the_number_it_cites() {
    let text = "Ngày 21/ 5, UBND tỉnh ban hành Công văn số 846 /UBND-TH về việc báo cáo giải ngân vốn năm 2019.\nUBND tỉnh nhận được Công văn số 3145/BKHĐT-KTĐPLT ngày 15/5/2019 của Bộ Kế hoạch và Đầu tư.";
    let r = read_directive(text, &Default::default());
    assert_eq!(r.document.reference, "846/UBND-TH");
    assert_eq!(r.document.date, d(2019, 5, 21));
    let r = read_directive("Chiều 14-6, ông Lê Đức Vinh - Chủ tịch UBND tỉnh chủ trì cuộc họp về kế hoạch năm 2019.", &Default::default());
    assert_eq!(r.document.date, d(2019, 6, 14));
}
