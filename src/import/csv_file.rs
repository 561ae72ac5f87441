//! CSV files as offices save them: UTF-8 with or without BOM, or the Windows code page Excel uses
//! for Vietnamese (Windows-1258); separated by comma, semicolon or tab, whichever the file uses.

use encoding_rs::WINDOWS_1258;

use super::error::{ImportError, MAX_CELLS, MAX_ROWS};
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
    read_rows(name, bytes, usize::MAX, usize::MAX).unwrap_or_else(|_| Sheet::new(name, Vec::new()))
}

/// Read a CSV file, refusing one of more than [`MAX_ROWS`] rows or [`MAX_CELLS`] cells (the
/// rows past the limit are not read), and cutting a sheet too wide as workbooks are.
/// `progress` is told how far the reading is (percent), every few thousand rows.
pub fn read_limited(name: &str, bytes: &[u8], progress: &dyn Fn(u8)) -> Result<Sheet, ImportError> {
    let mut sheet = read_rows_with_progress(name, bytes, MAX_ROWS, MAX_CELLS, progress)?;
    sheet.columns_cut = super::workbook::limit_width(&mut sheet.rows);
    while sheet.rows.last().is_some_and(|r| r.is_empty()) {
        sheet.rows.pop();
    }
    Ok(sheet)
}

fn read_rows(name: &str, bytes: &[u8], max_rows: usize, max_cells: usize) -> Result<Sheet, ImportError> {
    read_rows_with_progress(name, bytes, max_rows, max_cells, &|_| {})
}

/// Rows between two reports of progress.
const PROGRESS_EVERY: usize = 2_000;

fn read_rows_with_progress(name: &str, bytes: &[u8], max_rows: usize, max_cells: usize, progress: &dyn Fn(u8)) -> Result<Sheet, ImportError> {
    let text = decode(bytes);
    let total = text.len().max(1);
    let delimiter = detect_delimiter(&text);
    let mut reader = csv::ReaderBuilder::new().delimiter(delimiter).has_headers(false).flexible(true).from_reader(text.as_bytes());
    let mut record = csv::StringRecord::new();
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    let mut cells = 0usize;
    loop {
        match reader.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) if e.is_io_error() => break,
            // A record that does not parse is left out, as before.
            Err(_) => continue,
        }
        if rows.len() == max_rows {
            return Err(ImportError::TooManyRows { limit: max_rows });
        }
        cells += record.len();
        if cells > max_cells {
            return Err(ImportError::TooManyCells { limit: max_cells });
        }
        if rows.len() % PROGRESS_EVERY == 0 && !rows.is_empty() {
            let done = record.position().map_or(0, |p| p.byte() as usize);
            progress((done * 100 / total).min(99) as u8);
        }
        let mut row: Vec<Cell> = record.iter().map(Cell::text).collect();
        while row.last().is_some_and(Cell::is_empty) {
            row.pop();
        }
        rows.push(row);
    }
    while rows.last().is_some_and(|r| r.is_empty()) {
        rows.pop();
    }
    Ok(Sheet::new(name, rows))
}

/// Vietnamese in the form Windows-1258 holds it: letters with their vowel marks precomposed, tone
/// marks as separate combining characters. Used to make test files as Excel writes them.
#[cfg(test)]
pub fn to_cp1258_form(text: &str) -> String {
    use crate::domain::normal_form::{nfc, nfd};
    const TONES: [char; 5] = ['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];
    text.chars()
        .flat_map(|c| {
            let parts: Vec<char> = nfd(&c.to_string()).collect();
            let tone = parts.iter().copied().find(|p| TONES.contains(p));
            let base: String = parts.into_iter().filter(|p| !TONES.contains(p)).collect::<String>();
            let base = nfc(&base);
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
    fn limits_rows_cells_and_width() {
        let text = "Nội dung,Đơn vị\nRà soát,Thanh tra\nBáo cáo,Thanh tra\n";
        assert_eq!(read_rows("t", text.as_bytes(), 2, 100).err(), Some(ImportError::TooManyRows { limit: 2 }));
        assert_eq!(read_rows("t", text.as_bytes(), 3, 5).err(), Some(ImportError::TooManyCells { limit: 5 }));
        assert_eq!(read_rows("t", text.as_bytes(), 3, 6).map(|s| s.height()), Ok(3));
        // 1,500 columns: read up to the last heading.
        let wide = format!("Nội dung,Đơn vị{}\nRà soát,Thanh tra{}\n", ",".repeat(1_400) + "1", ",".repeat(1_400) + "2");
        let sheet = read_limited("t", wide.as_bytes(), &|_| {}).map(|s| (s.width(), s.get(1, 1).as_text()));
        assert_eq!(sheet, Ok((2, "Thanh tra".to_string())));
    }

    #[test]
    fn quoted_fields_keep_line_breaks() {
        let sheet = read("t", "Nội dung,Đơn vị\n\"Dòng một\nDòng hai\",Thanh tra\n".as_bytes());
        assert_eq!(sheet.get(1, 0).as_text(), "Dòng một\nDòng hai");
    }
}
