//! CSV files as offices save them: UTF-8 with or without BOM, or the Windows code page Excel uses
//! for Vietnamese (Windows-1258); separated by comma, semicolon or tab, whichever the file uses.

use encoding_rs::WINDOWS_1258;

use super::grid::{Cell, Sheet};

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Text, not binary: no NUL bytes in the first few kilobytes.
pub fn looks_like_text(bytes: &[u8]) -> bool {
    !bytes.iter().take(8192).any(|&b| b == 0)
}

/// The file's text: UTF-8 when it is valid UTF-8 (with the BOM removed), else Windows-1258.
pub fn decode(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix(BOM).unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(_) => WINDOWS_1258.decode_without_bom_handling(bytes).0.into_owned(),
    }
}

fn records(text: &str, delimiter: u8, limit: usize) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes())
        .records()
        .take(limit)
        .filter_map(Result::ok)
        .map(|r| r.iter().map(str::to_string).collect())
        .collect()
}

/// The separator that splits the first lines into the most rows of the same width.
pub fn detect_delimiter(text: &str) -> u8 {
    let score = |d: u8| {
        let rows = records(text, d, 40);
        let mut widths: Vec<usize> = rows.iter().map(Vec::len).filter(|&w| w > 1).collect();
        widths.sort_unstable();
        // Rows sharing the most common width, weighted by that width.
        let mut best = 0;
        let mut i = 0;
        while i < widths.len() {
            let j = widths[i..].iter().take_while(|&&w| w == widths[i]).count();
            best = best.max(j * 1000 + widths[i]);
            i += j;
        }
        best
    };
    [b',', b';', b'\t'].into_iter().max_by_key(|&d| score(d)).unwrap_or(b',')
}

pub fn read(name: &str, bytes: &[u8]) -> Sheet {
    let text = decode(bytes);
    let delimiter = detect_delimiter(&text);
    let mut rows: Vec<Vec<Cell>> =
        records(&text, delimiter, usize::MAX).into_iter().map(|r| r.iter().map(|s| Cell::text(s)).collect()).collect();
    for row in &mut rows {
        while row.last().is_some_and(Cell::is_empty) {
            row.pop();
        }
    }
    while rows.last().is_some_and(|r| r.is_empty()) {
        rows.pop();
    }
    Sheet::new(name, rows)
}

/// Vietnamese in the form Windows-1258 holds it: letters with their vowel marks precomposed, tone
/// marks as separate combining characters. Used to make test files as Excel writes them.
#[cfg(test)]
pub fn to_cp1258_form(text: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    const TONES: [char; 5] = ['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];
    text.chars()
        .flat_map(|c| {
            let parts: Vec<char> = c.to_string().nfd().collect();
            let tone = parts.iter().copied().find(|p| TONES.contains(p));
            let base: String = parts.into_iter().filter(|p| !TONES.contains(p)).collect::<String>().nfc().collect();
            base.chars().chain(tone).collect::<Vec<_>>()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom() {
        let text = "Nội dung,Đơn vị\nRà soát,Phòng Kinh tế\n";
        let with_bom = [BOM, text.as_bytes()].concat();
        assert_eq!(decode(text.as_bytes()), text);
        assert_eq!(decode(&with_bom), text);
    }

    #[test]
    fn windows_1258_is_decoded() {
        let source = to_cp1258_form("Phòng Kinh tế; Đơn vị");
        let (bytes, _, had_errors) = WINDOWS_1258.encode(&source);
        assert!(!had_errors);
        assert!(std::str::from_utf8(&bytes).is_err(), "really not UTF-8");
        let sheet = read("t", &bytes);
        assert_eq!(sheet.get(0, 0).as_text(), "Phòng Kinh tế");
        assert_eq!(sheet.get(0, 1).as_text(), "Đơn vị");
    }

    #[test]
    fn separators_are_detected() {
        let semi = "STT;Nội dung;Đơn vị chủ trì;Thời hạn\n1;Rà soát, báo cáo;Phòng Kinh tế;20/01/2024\n";
        assert_eq!(detect_delimiter(semi), b';');
        let comma = "STT,Nội dung,Đơn vị chủ trì\n1,\"Rà soát; báo cáo\",Phòng Kinh tế\n";
        assert_eq!(detect_delimiter(comma), b',');
        let tab = "STT\tNội dung\tĐơn vị\n1\tRà soát, báo cáo; tổng hợp\tThanh tra\n";
        assert_eq!(detect_delimiter(tab), b'\t');
        let sheet = read("t", semi.as_bytes());
        assert_eq!(sheet.get(1, 1).as_text(), "Rà soát, báo cáo");
    }

    #[test]
    fn quoted_fields_keep_line_breaks() {
        let sheet = read("t", "Nội dung,Đơn vị\n\"Dòng một\nDòng hai\",Thanh tra\n".as_bytes());
        assert_eq!(sheet.get(1, 0).as_text(), "Dòng một\nDòng hai");
    }
}
