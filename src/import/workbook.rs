//! Bytes of a spreadsheet file to grids: .xlsx, .xlsm, .xls, .xlsb and .ods through calamine,
//! .csv through [`super::csv_file`]. Recognises what is not a spreadsheet, password-protected
//! workbooks and damaged files, each as its own error.

use std::io::Cursor;

use calamine::{open_workbook_auto_from_rs, Data, Dimensions, Reader, Sheets};

use super::csv_file;
use super::error::{ImportError, SheetError, MAX_FILE_BYTES};
use super::grid::{Cell, Merge, Sheet};
use crate::domain::vn_date::from_excel_serial;

const ZIP_MAGIC: &[u8] = b"PK\x03\x04";
const CFB_MAGIC: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// A sheet of the workbook: its grid, or why it has none.
pub type SheetResult = (String, Result<Sheet, SheetError>);

fn utf16(s: &str) -> Vec<u8> {
    s.encode_utf16().flat_map(u16::to_le_bytes).collect()
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

fn extension(name: &str) -> String {
    name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default()
}

/// Read every sheet of a file.
pub fn read_file(name: &str, bytes: &[u8]) -> Result<Vec<SheetResult>, ImportError> {
    if bytes.is_empty() {
        return Err(ImportError::EmptyFile);
    }
    if bytes.len() > MAX_FILE_BYTES {
        return Err(ImportError::TooLarge { bytes: bytes.len() });
    }
    let ext = extension(name);
    if bytes.starts_with(CFB_MAGIC) {
        // An encrypted .xlsx is an OLE container holding the encrypted package.
        if contains(bytes, &utf16("EncryptedPackage")) || contains(bytes, &utf16("EncryptionInfo")) {
            return Err(ImportError::PasswordProtected);
        }
        return read_workbook(bytes);
    }
    if bytes.starts_with(ZIP_MAGIC) {
        return read_workbook(bytes);
    }
    if matches!(ext.as_str(), "xlsx" | "xlsm" | "xls" | "xlsb" | "ods") {
        return Err(ImportError::Damaged(format!("không phải tệp .{ext} hợp lệ")));
    }
    if csv_file::looks_like_text(bytes) {
        let sheet_name = name.rsplit_once('.').map_or(name, |(stem, _)| stem).to_string();
        let sheet = csv_file::read(&sheet_name, bytes);
        return Ok(vec![(sheet_name, if sheet.rows.is_empty() { Err(SheetError::Empty) } else { Ok(sheet) })]);
    }
    Err(ImportError::NotASpreadsheet)
}

fn read_workbook(bytes: &[u8]) -> Result<Vec<SheetResult>, ImportError> {
    let mut book = open_workbook_auto_from_rs(Cursor::new(bytes.to_vec())).map_err(|e| classify(&e.to_string()))?;
    let names = book.sheet_names();
    if names.is_empty() {
        return Err(ImportError::NoData);
    }
    let mut sheets = Vec::with_capacity(names.len());
    for name in names {
        let sheet = match book.worksheet_range(&name) {
            Ok(range) => {
                let merges = merges(&mut book, &name);
                to_sheet(&name, &range, merges)
            }
            Err(e) => Err(SheetError::Unreadable(e.to_string())),
        };
        sheets.push((name, sheet));
    }
    Ok(sheets)
}

fn classify(message: &str) -> ImportError {
    let m = message.to_lowercase();
    if m.contains("password") || m.contains("encrypt") {
        ImportError::PasswordProtected
    } else if m.contains("cannot detect file format") {
        ImportError::Damaged("không nhận ra định dạng bảng tính".into())
    } else {
        ImportError::Damaged(message.to_string())
    }
}

fn merges(book: &mut Sheets<Cursor<Vec<u8>>>, name: &str) -> Vec<Merge> {
    let dims: Vec<Dimensions> = match book {
        Sheets::Xlsx(x) => x.merge_cells_by_sheet_name(name).unwrap_or_default(),
        Sheets::Xls(x) => x.merge_cells_by_sheet_name(name).unwrap_or_default(),
        _ => Vec::new(),
    };
    dims.into_iter()
        .map(|d| Merge { top: d.start.0, left: d.start.1, bottom: d.end.0, right: d.end.1 })
        .collect()
}

fn to_sheet(name: &str, range: &calamine::Range<Data>, merges: Vec<Merge>) -> Result<Sheet, SheetError> {
    let Some((top, left)) = range.start() else { return Err(SheetError::Empty) };
    let mut date1904 = false;
    let mut rows: Vec<Vec<Cell>> = vec![Vec::new(); top as usize];
    for row in range.rows() {
        let mut cells: Vec<Cell> = vec![Cell::Empty; left as usize];
        for data in row {
            cells.push(match data {
                Data::Empty | Data::Error(_) => Cell::Empty,
                Data::String(s) => Cell::text(s),
                Data::Int(i) => Cell::Number(*i as f64),
                Data::Float(f) => Cell::Number(*f),
                Data::Bool(b) => Cell::Bool(*b),
                Data::DateTime(dt) => match dt.as_datetime() {
                    Some(d) => {
                        // The workbook's date system shows in how its date cells convert.
                        date1904 |= from_excel_serial(dt.as_f64(), true) == Some(d.date())
                            && from_excel_serial(dt.as_f64(), false) != Some(d.date());
                        Cell::Date(d.date())
                    }
                    None => Cell::Number(dt.as_f64()),
                },
                Data::DateTimeIso(s) => crate::domain::vn_date::parse_date(s).map_or_else(|| Cell::text(s), Cell::Date),
                Data::DurationIso(s) => Cell::text(s),
            });
        }
        while cells.last().is_some_and(Cell::is_empty) {
            cells.pop();
        }
        rows.push(cells);
    }
    while rows.last().is_some_and(|r| r.is_empty()) {
        rows.pop();
    }
    if rows.iter().all(|r| r.is_empty()) {
        return Err(SheetError::Empty);
    }
    Ok(Sheet { name: name.to_string(), rows, merges, date1904 })
}
