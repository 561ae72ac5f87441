//! The task fields a tracker column can hold, and the header texts that name them (DOMAIN.md).
//! A header matches a field when the field's alias appears in it as whole words, ignoring case,
//! diacritics, punctuation and extra words: "Thời hạn hoàn thành (dd/mm/yyyy)" is the deadline.

use serde::{Deserialize, Serialize};

use crate::domain::fold::fold_words;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Field {
    Id,
    Number,
    SourceRef,
    SourceDate,
    SourceTitle,
    Content,
    LeadUnit,
    CoordinatingUnits,
    Leader,
    Officer,
    DeadlineKind,
    Deadline,
    DeadlineText,
    Progress,
    Result,
    Evidence,
    CompletedOn,
    Note,
    UpdatedAt,
}

impl Field {
    pub const ALL: [Field; 19] = [
        Field::Id,
        Field::Number,
        Field::SourceRef,
        Field::SourceDate,
        Field::SourceTitle,
        Field::Content,
        Field::LeadUnit,
        Field::CoordinatingUnits,
        Field::Leader,
        Field::Officer,
        Field::DeadlineKind,
        Field::Deadline,
        Field::DeadlineText,
        Field::Progress,
        Field::Result,
        Field::Evidence,
        Field::CompletedOn,
        Field::Note,
        Field::UpdatedAt,
    ];

    /// Header texts that name this field, most specific first. "~" marks a weak name, used only
    /// when no other column names the field ("Thời gian thực hiện" is often a period, not the
    /// deadline); "=" one that must be the whole header ("Hạn", not "Gia hạn").
    pub fn aliases(self) -> &'static [&'static str] {
        match self {
            Field::Id => &["Mã nhiệm vụ", "Mã NV", "Mã số nhiệm vụ", "Mã công việc", "ID"],
            Field::Number => &["STT", "TT", "Số thứ tự"],
            Field::SourceRef => &[
                "Văn bản giao",
                "Số/ký hiệu",
                "Số ký hiệu văn bản",
                "Số TB/KL",
                "Số TB",
                "Số KL",
                "Số phiếu giao việc",
                "Số văn bản",
                "Văn bản chỉ đạo",
            ],
            Field::SourceDate => &["Ngày ban hành", "Ngày văn bản", "Ngày giao", "Ngày ký"],
            Field::SourceTitle => &["Trích yếu văn bản", "Trích yếu"],
            Field::Content => &[
                "Nội dung nhiệm vụ",
                "Nội dung công việc",
                "Tên nhiệm vụ",
                "Nội dung kết luận",
                "Nội dung chỉ đạo",
                "Nội dung",
                "Nhiệm vụ",
                "~Tên dự án",
                "~Tên công trình",
            ],
            Field::LeadUnit => &[
                "Đơn vị chủ trì",
                "Cơ quan chủ trì",
                "Đơn vị thực hiện",
                "Cơ quan thực hiện",
                "Chủ trì",
                "Đơn vị",
                "~Chủ đầu tư",
            ],
            Field::CoordinatingUnits => &["Đơn vị phối hợp", "Cơ quan phối hợp", "Phối hợp"],
            Field::Leader => &["Lãnh đạo chỉ đạo", "Lãnh đạo phụ trách", "PCT phụ trách", "Lãnh đạo", "LĐVP", "Lãnh đạo VP"],
            Field::Officer => &["Chuyên viên theo dõi", "Chuyên viên tham mưu", "Cán bộ theo dõi", "Chuyên viên", "Cán bộ", "Đầu mối", "Người theo dõi"],
            Field::DeadlineKind => &["Loại thời hạn"],
            Field::Deadline => &["Thời hạn hoàn thành", "Thời gian hoàn thành", "Thời hạn", "Hạn xử lý", "Hạn hoàn thành", "~Thời gian thực hiện", "=Hạn", "~Ngày hoàn thành"],
            // The deadline as the directive wrote it, beside the date (Đôn Đốc's own tracker).
            Field::DeadlineText => &["Thời hạn theo văn bản", "Thời hạn ghi trong văn bản"],
            Field::Progress => &["Tiến độ", "Trạng thái", "Tình trạng", "~Đánh giá", "~Mức độ hoàn thành"],
            Field::Result => &["Kết quả thực hiện", "Tình hình thực hiện", "Kết quả"],
            Field::Evidence => &["Minh chứng", "Văn bản báo cáo"],
            Field::CompletedOn => &["Ngày hoàn thành thực tế", "Ngày hoàn thành"],
            // A unit's own list writes its difficulties where the office keeps notes.
            Field::Note => &["Ghi chú", "Khó khăn, vướng mắc", "Khó khăn vướng mắc"],
            Field::UpdatedAt => &["Ngày cập nhật"],
        }
    }
}

/// Headers of columns Đôn Đốc writes itself and never reads back (derived from other fields).
const DERIVED: &[&str] = &["Số ngày quá hạn", "Nhóm quá hạn"];

fn contains_words(haystack: &[String], needle: &[String]) -> bool {
    !needle.is_empty() && haystack.windows(needle.len()).any(|w| w == needle)
}

/// How strongly a header names a field: the number of words of the longest alias found in it,
/// plus a bonus when the header is exactly the alias. Zero when it does not name it.
pub fn header_score(header: &str, field: Field) -> u32 {
    let words = fold_words(header);
    let folded = folded_aliases();
    if words.is_empty() || folded.derived.iter().any(|d| contains_words(&words, d)) {
        return 0;
    }
    let Some(aliases) = Field::ALL.iter().position(|f| *f == field).and_then(|i| folded.fields.get(i)) else { return 0 };
    aliases
        .iter()
        .filter_map(|a| {
            let exact = a.words.len() == words.len() && contains_words(&words, &a.words);
            if (a.whole && !exact) || !contains_words(&words, &a.words) {
                return None;
            }
            Some(match (a.weak, exact) {
                (true, true) => 2,
                (true, false) => 1,
                (false, _) => a.words.len() as u32 * 10 + if exact { 5 } else { 0 },
            })
        })
        .max()
        .unwrap_or(0)
}

/// An alias as `header_score` compares it: folded into words once, with its marks read
/// ("~" weak, "=" weak and only as the whole header).
struct FoldedAlias {
    words: Vec<String>,
    weak: bool,
    whole: bool,
}

struct FoldedAliases {
    derived: Vec<Vec<String>>,
    /// Per field, in the order of `Field::ALL`.
    fields: Vec<Vec<FoldedAlias>>,
}

/// Every field's aliases folded once: a tracker's header rows are scored against all of them,
/// and folding them again for every cell was a tenth of reading a 10,000-row file.
fn folded_aliases() -> &'static FoldedAliases {
    static FOLDED: std::sync::OnceLock<FoldedAliases> = std::sync::OnceLock::new();
    FOLDED.get_or_init(|| FoldedAliases {
        derived: DERIVED.iter().map(|d| fold_words(d)).collect(),
        fields: Field::ALL
            .iter()
            .map(|f| {
                f.aliases()
                    .iter()
                    .map(|a| {
                        let (weak, whole, text) = match a.as_bytes().first() {
                            Some(b'~') => (true, false, &a[1..]),
                            Some(b'=') => (true, true, &a[1..]),
                            _ => (false, false, &a[..]),
                        };
                        FoldedAlias { words: fold_words(text), weak, whole }
                    })
                    .collect()
            })
            .collect(),
    })
}

/// The field a header names best, if any.
pub fn field_of_header(header: &str) -> Option<Field> {
    Field::ALL.iter().map(|&f| (header_score(header, f), f)).filter(|(s, _)| *s > 0).max_by_key(|(s, _)| *s).map(|(_, f)| f)
}

/// Give each column the field its header names, each field to one column at most: the strongest
/// match wins, and between equal matches the leftmost column.
pub fn map_headers(headers: &[String]) -> Vec<Option<Field>> {
    let mut candidates: Vec<(u32, usize, Field)> = Vec::new();
    for (col, h) in headers.iter().enumerate() {
        for f in Field::ALL {
            let s = header_score(h, f);
            if s > 0 {
                candidates.push((s, col, f));
            }
        }
    }
    candidates.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let mut mapping = vec![None; headers.len()];
    let mut taken = Vec::new();
    for (_, col, f) in candidates {
        if mapping[col].is_none() && !taken.contains(&f) {
            mapping[col] = Some(f);
            taken.push(f);
        }
    }
    mapping
}

/// Columns the reader could not tell apart for a field: `(field, column given it, other column)`.
/// Either the other header names the field as strongly, or the field was given on a weak name only.
/// People's names are never among the candidates for a unit (their column is mapped to a person).
pub fn doubtful(headers: &[String], mapping: &[Option<Field>]) -> Vec<(Field, usize, usize)> {
    let mut out = Vec::new();
    for (chosen, field) in mapping.iter().enumerate().filter_map(|(c, f)| f.map(|f| (c, f))) {
        let best = header_score(&headers[chosen], field);
        for (other, header) in headers.iter().enumerate() {
            if other == chosen || mapping.get(other).copied().flatten().is_some_and(|f| header_score(header, f) > header_score(header, field)) {
                continue;
            }
            let score = header_score(header, field);
            if score > 0 && (score == best || best < 10) {
                out.push((field, chosen, other));
            }
        }
    }
    out
}

/// The key under which a person's fixes to a mapping are remembered: the same headers, however
/// they are spelled or spaced, give the same key.
pub fn header_signature(headers: &[String]) -> String {
    headers.iter().map(|h| fold_words(h).join(" ")).collect::<Vec<_>>().join("|")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_header_of_domain_md_is_recognised() {
        let cases = [
            ("Mã nhiệm vụ", Field::Id),
            ("STT", Field::Number),
            ("TT", Field::Number),
            ("Văn bản giao", Field::SourceRef),
            ("Số/ký hiệu", Field::SourceRef),
            ("Số TB/KL", Field::SourceRef),
            ("Số phiếu giao việc", Field::SourceRef),
            ("Ngày ban hành", Field::SourceDate),
            ("Ngày văn bản", Field::SourceDate),
            ("Ngày giao", Field::SourceDate),
            ("Nội dung nhiệm vụ", Field::Content),
            ("Nội dung công việc", Field::Content),
            ("Tên nhiệm vụ", Field::Content),
            ("Nội dung kết luận", Field::Content),
            ("Đơn vị chủ trì", Field::LeadUnit),
            ("Cơ quan chủ trì", Field::LeadUnit),
            ("Chủ trì", Field::LeadUnit),
            ("Đơn vị thực hiện", Field::LeadUnit),
            ("Đơn vị phối hợp", Field::CoordinatingUnits),
            ("Cơ quan phối hợp", Field::CoordinatingUnits),
            ("Phối hợp", Field::CoordinatingUnits),
            ("Lãnh đạo chỉ đạo", Field::Leader),
            ("Lãnh đạo phụ trách", Field::Leader),
            ("PCT phụ trách", Field::Leader),
            ("Chuyên viên theo dõi", Field::Officer),
            ("Chuyên viên tham mưu", Field::Officer),
            ("Loại thời hạn", Field::DeadlineKind),
            ("Thời hạn", Field::Deadline),
            ("Thời hạn hoàn thành", Field::Deadline),
            ("Hạn xử lý", Field::Deadline),
            ("Thời gian thực hiện", Field::Deadline),
            ("Tiến độ", Field::Progress),
            ("Trạng thái", Field::Progress),
            ("Tình trạng", Field::Progress),
            ("Kết quả thực hiện", Field::Result),
            ("Tình hình thực hiện", Field::Result),
            ("Minh chứng", Field::Evidence),
            ("Văn bản báo cáo", Field::Evidence),
            ("Ngày hoàn thành", Field::CompletedOn),
            ("Ghi chú", Field::Note),
            ("Ngày cập nhật", Field::UpdatedAt),
            ("Trích yếu văn bản", Field::SourceTitle),
            ("Thời hạn theo văn bản", Field::DeadlineText),
        ];
        for (header, field) in cases {
            assert_eq!(field_of_header(header), Some(field), "{header}");
        }
    }

    #[test]
    fn case_diacritics_punctuation_and_extra_words_do_not_matter() {
        assert_eq!(field_of_header("Thời hạn hoàn thành (dd/mm/yyyy)"), Some(Field::Deadline));
        assert_eq!(field_of_header("THOI HAN HOAN THANH"), Some(Field::Deadline));
        assert_eq!(field_of_header("Nội dung nhiệm vụ được giao"), Some(Field::Content));
        assert_eq!(field_of_header("  đơn vị  CHỦ TRÌ:"), Some(Field::LeadUnit));
        assert_eq!(field_of_header("Ngày hoàn thành thực tế"), Some(Field::CompletedOn));
        assert_eq!(field_of_header("Số ngày quá hạn"), None, "a derived column is not read back");
        assert_eq!(field_of_header("Ký tên"), None);
    }

    #[test]
    fn each_field_goes_to_its_best_column() {
        let headers: Vec<String> =
            ["TT", "Nội dung", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời hạn", "Kết quả thực hiện", "Ghi chú", "Nội dung khác"]
                .iter()
                .map(|s| s.to_string())
                .collect();
        let m = map_headers(&headers);
        assert_eq!(
            m,
            vec![
                Some(Field::Number),
                Some(Field::Content),
                Some(Field::LeadUnit),
                Some(Field::CoordinatingUnits),
                Some(Field::Deadline),
                Some(Field::Result),
                Some(Field::Note),
                None
            ]
        );
    }

    #[test]
    fn columns_that_could_both_be_a_field_are_pointed_out() {
        let h = |v: &[&str]| -> Vec<String> { v.iter().map(|s| s.to_string()).collect() };
        // A project tracker: a period and a deadline. The deadline is taken; the period is a doubt.
        let headers = h(&["Tên dự án", "Chủ đầu tư", "Thời gian thực hiện", "Hạn hoàn thành"]);
        let m = map_headers(&headers);
        assert_eq!(m[3], Some(Field::Deadline));
        assert_eq!(m[2], None);
        let d = doubtful(&headers, &m);
        assert!(!d.iter().any(|(f, _, _)| *f == Field::Deadline), "'Hạn hoàn thành' names it plainly: {d:?}");
        // Two columns both called "Đơn vị": the person is asked which leads.
        let headers = h(&["Nội dung", "Đơn vị", "Đơn vị"]);
        let m = map_headers(&headers);
        assert_eq!(doubtful(&headers, &m), vec![(Field::LeadUnit, 1, 2)]);
        // People in a "chủ trì" column are not a doubt about the unit: that column is the leader.
        let headers = h(&["Nội dung", "LĐVP chủ trì", "Đơn vị chủ trì thực hiện"]);
        let m = map_headers(&headers);
        assert_eq!(m[1], Some(Field::Leader));
        assert!(doubtful(&headers, &m).is_empty());
    }

    #[test]
    fn signatures_ignore_spelling_of_the_same_headers() {
        let a = header_signature(&["Nội dung".into(), "Đơn vị chủ trì".into()]);
        let b = header_signature(&["NOI DUNG ".into(), "đơn vị, chủ trì".into()]);
        assert_eq!(a, b);
        assert_ne!(a, header_signature(&["Nội dung".into()]));
    }
}
