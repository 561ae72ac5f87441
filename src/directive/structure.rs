//! The document's structure, line by line: what kind of line each is — a part heading ("II.
//! NHIỆM VỤ …"), a numbered item ("3.1. Phòng Kinh tế."), a bullet ("- …", "+ …"), an ordinal item
//! ("Một là, …"), the closing where tasks stop ("Nơi nhận", "Trên đây là …") — and a paragraph's
//! sentences. Plain functions of the text; the task reader (`tasks`) walks the lines with them.

use crate::domain::fold::fold;

pub(crate) fn is_bullet(line: &str) -> bool {
    line.starts_with(['-', '+', '•', '–'])
}

pub(crate) fn unbullet(line: &str) -> &str {
    line.trim_start_matches(['-', '+', '•', '–', ' '])
}

/// The line without its list marker: a bullet ("- ", "+ ", "• "), an item number ("1. ", "2- ",
/// "3.1. ", "4) ") or a letter ("a) ", "b. "). For reading an item as prose.
pub(crate) fn unmark(line: &str) -> &str {
    let line = unbullet(line);
    let digits = line.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(0);
    let letter = line.chars().next().is_some_and(|c| c.is_ascii_lowercase()) && line[1..].starts_with([')', '.']) && line[1..].chars().nth(1) == Some(' ');
    let end = if letter {
        1
    } else if digits > 0 && line.as_bytes()[0].is_ascii_digit() && (line[digits..].starts_with([')', '-', '/']) || line[..digits].ends_with('.')) {
        digits
    } else {
        return line;
    };
    let rest = line[end..].trim_start_matches([')', '-', '/', '.']);
    if rest.starts_with(' ') {
        rest.trim_start()
    } else {
        line
    }
}

/// "3.1. Phòng Kinh tế." → ("3.1", "Phòng Kinh tế."); only numbers with a dot inside or after.
pub(crate) fn numbered(line: &str) -> Option<(&str, &str)> {
    let end = line.find(|c: char| !(c.is_ascii_digit() || c == '.'))?;
    let (num, rest) = line.split_at(end);
    (num.contains('.') && num.chars().next().is_some_and(|c| c.is_ascii_digit()) && rest.starts_with(' ')).then(|| (num.trim_end_matches('.'), rest.trim()))
}

pub(crate) fn roman_heading(line: &str) -> bool {
    let head = line.split(['.', ' ']).next().unwrap_or("");
    !head.is_empty() && head.chars().all(|c| matches!(c, 'I' | 'V' | 'X')) && line[head.len()..].starts_with('.')
}

/// "Đối với các xã, phường:", "UBND các xã, phường." — a heading, not "UBND các xã, phường kết
/// hợp thực hiện …" (an item with its work).
pub(crate) fn is_group_heading(text: &str) -> bool {
    let f = fold(text);
    (text.trim_end().ends_with(':') || f.split_whitespace().count() <= 8)
        && ["doi voi cac xa", "cac xa, phuong", "ubnd cac xa", "ubnd cac phuong"].iter().any(|p| f.starts_with(p))
}

/// Lines where the tasks stop: recipients, signature, closing formulas, page furniture.
pub(crate) fn is_end(line: &str) -> bool {
    let f = fold(line);
    ["noi nhan", "nhan cong van nay", "tren day la", "tm. uy ban", "tm uy ban"].iter().any(|p| f.starts_with(p)) || line.starts_with('[')
}

pub(crate) const ORDINALS: [&str; 10] = ["mot la", "hai la", "ba la", "bon la", "nam la", "sau la", "bay la", "tam la", "chin la", "muoi la"];

pub(crate) fn ordinal(line: &str) -> Option<&'static str> {
    let f = fold(line);
    ORDINALS.iter().find(|o| f.starts_with(&format!("{o},")) || f.starts_with(&format!("{o}:"))).copied()
}

/// The document's header: issuing body, national motto, number, place and date ("HUYỆN CHÂU
/// THÀNH Độc lập - Tự do - Hạnh phúc", "Số: 476/UBND Châu Thành, ngày 14 tháng 6 năm 2017").
pub(crate) fn is_header(line: &str) -> bool {
    let f = fold(line);
    f.contains("doc lap - tu do") || f.starts_with("cong hoa xa hoi") || f.starts_with("so:") || f.starts_with("v/v ") || f.starts_with("kinh gui")
}

/// A paragraph's sentences: split after a full stop followed by a space ("TP. Thái Bình" is not an end).
pub(crate) fn sentences(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let chars: Vec<char> = text.chars().collect();
    for (i, c) in chars.iter().enumerate() {
        current.push(*c);
        // "TP. Thái Bình", "H. Bắc Bình", an initial "Nguyễn V. An": not the end of a sentence.
        let initial = i >= 1 && chars[i - 1].is_uppercase() && (i < 2 || !chars[i - 2].is_alphanumeric());
        if *c == '.' && chars.get(i + 1).is_none_or(|n| n.is_whitespace()) && !current.ends_with("TP.") && !initial {
            out.push(current.trim().to_string());
            current.clear();
        }
    }
    if !current.trim().is_empty() {
        out.push(current.trim().to_string());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_of_lines() {
        assert_eq!(numbered("3.1. Phòng Kinh tế."), Some(("3.1", "Phòng Kinh tế.")));
        assert_eq!(numbered("1. Nhiệm vụ trọng tâm:"), Some(("1", "Nhiệm vụ trọng tâm:")));
        assert_eq!(numbered("2024 là năm"), None);
        assert!(roman_heading("II. NHIỆM VỤ TRỌNG TÂM"));
        assert!(!roman_heading("Ira"));
        assert!(is_bullet("- Rà soát") && is_bullet("+ Phường Mai Hùng: …") && !is_bullet("Rà soát"));
        assert_eq!(unbullet("- Rà soát"), "Rà soát");
        for (marked, plain) in [("- Công an tỉnh", "Công an tỉnh"), ("2- Sở Y tế", "Sở Y tế"), ("1. UBND huyện", "UBND huyện"), ("3.1. Phòng", "Phòng"), ("4) Sở", "Sở"), ("a) Sở", "Sở"), ("b. Sở", "Sở")] {
            assert_eq!(unmark(marked), plain);
        }
        for plain in ["2024 là năm", "1.200 hộ dân", "Sở Y tế"] {
            assert_eq!(unmark(plain), plain);
        }
        assert_eq!(ordinal("Hai là, đẩy mạnh cải cách hành chính"), Some("hai la"));
        assert_eq!(ordinal("Hai lần kiểm tra"), None);
        assert!(is_end("Nơi nhận:") && is_end("Trên đây là kết luận của đồng chí …") && !is_end("Phòng Kinh tế rà soát"));
        assert!(is_group_heading("Đối với các xã, phường:"));
        assert!(!is_group_heading("UBND các xã, phường kết hợp thực hiện Ngày chủ nhật xanh, tập trung huy động lực lượng"));
        assert!(is_header("HUYỆN CHÂU THÀNH Độc lập - Tự do - Hạnh phúc") && is_header("Số: 476/UBND Châu Thành, ngày 14 tháng 6 năm 2017"));
        assert!(!is_header("Phòng Kinh tế rà soát, báo cáo."));
    }

    #[test]
    fn sentences_end_at_a_full_stop_but_not_inside_a_place() {
        assert_eq!(sentences("UBND TP. Thái Bình yêu cầu rà soát. Báo cáo trước ngày 20/01/2024."), ["UBND TP. Thái Bình yêu cầu rà soát.", "Báo cáo trước ngày 20/01/2024."]);
        assert_eq!(sentences("Giao UBND H. Bắc Bình kiểm điểm. Xong."), ["Giao UBND H. Bắc Bình kiểm điểm.", "Xong."]);
    }
}
