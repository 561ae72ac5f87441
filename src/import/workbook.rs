//! Bytes of a spreadsheet file to grids: .xlsx, .xlsm, .xls, .xlsb and .ods through calamine,
//! .csv through [`super::csv_file`]. Recognises what is not a spreadsheet, password-protected
//! workbooks and damaged files, each as its own error.
//!
//! Besides the cells, a sheet gets what the person sees of it: whether the workbook hides it (very
//! hidden sheets, templates only a macro shows, are not returned at all), its hidden rows and its
//! bold cells. Sizes are bounded: archives that would unzip to too much are refused before
//! unzipping, a file's cells are capped ([`MAX_CELLS`]), and a sheet using more than
//! [`MAX_COLUMNS`] columns is read only as wide as its headings.

use std::collections::HashMap;
use std::io::Cursor;

use calamine::{open_workbook_auto_from_rs, Data, DataRef, Dimensions, ExcelDateTime, Reader, SheetVisible, Sheets, Xlsx, XlsxError};

use super::csv_file;
use super::error::{ImportError, SheetError, MAX_CELLS, MAX_COLUMNS, MAX_FILE_BYTES, WIDE_SHEET_COLUMNS};
use super::grid::{Cell, Merge, Sheet, SheetState};
use super::xlsx_extra::{self, OdsTable, Package, SheetScan};
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
    read_file_with_progress(name, bytes, &|_| {})
}

/// Read every sheet of a file, saying how far a CSV file has been read (percent).
pub fn read_file_with_progress(name: &str, bytes: &[u8], progress: &dyn Fn(u8)) -> Result<Vec<SheetResult>, ImportError> {
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
        xlsx_extra::check_archive(bytes)?;
        return read_workbook(bytes);
    }
    if matches!(ext.as_str(), "xlsx" | "xlsm" | "xls" | "xlsb" | "ods") {
        return Err(ImportError::Damaged(format!("không phải tệp .{ext} hợp lệ")));
    }
    if csv_file::looks_like_text(bytes) {
        let sheet_name = name.rsplit_once('.').map_or(name, |(stem, _)| stem).to_string();
        let sheet = csv_file::read_limited(&sheet_name, bytes, progress)?;
        return Ok(vec![(sheet_name, if sheet.rows.is_empty() { Err(SheetError::Empty) } else { Ok(sheet) })]);
    }
    Err(ImportError::NotASpreadsheet)
}

/// Calamine reads the bytes in place: its format detection clones the reader for each format it
/// tries, which for a `Vec` would copy the whole file each time.
type Book<'b> = Sheets<Cursor<&'b [u8]>>;

/// Cells of the file read so far: reading stops once past the limit ([`MAX_CELLS`]).
struct Budget {
    limit: usize,
    /// Non-empty cells read.
    read: usize,
    /// Cells (and rows) the grids keep.
    kept: usize,
}

impl Budget {
    fn new(limit: usize) -> Budget {
        Budget { limit, read: 0, kept: 0 }
    }

    fn read_one(&mut self) -> Result<(), ImportError> {
        self.read += 1;
        if self.read > self.limit {
            return Err(ImportError::TooManyCells { limit: self.limit });
        }
        Ok(())
    }

    fn keep(&mut self, cells: usize) -> Result<(), ImportError> {
        self.kept = self.kept.saturating_add(cells);
        if self.kept > self.limit {
            return Err(ImportError::TooManyCells { limit: self.limit });
        }
        Ok(())
    }
}

/// A non-empty cell as read: where, what, and whether it is bold.
struct Found {
    row: u32,
    col: u32,
    cell: Cell,
    bold: bool,
}

/// What the file's format tells beyond the cells, read from the archive.
enum Extra<'a> {
    Xlsx { package: Package<'a>, paths: HashMap<String, String> },
    Ods(HashMap<String, OdsTable>),
    None,
}

fn read_workbook(bytes: &[u8]) -> Result<Vec<SheetResult>, ImportError> {
    read_workbook_with(bytes, MAX_CELLS)
}

fn read_workbook_with(bytes: &[u8], max_cells: usize) -> Result<Vec<SheetResult>, ImportError> {
    let mut book = open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(|e| classify(&e.to_string()))?;
    let metadata: Vec<calamine::Sheet> = book.sheets_metadata().to_vec();
    if metadata.is_empty() {
        return Err(ImportError::NoData);
    }
    let mut extra = match &book {
        Sheets::Xlsx(_) => Package::open(bytes).map_or(Extra::None, |mut package| {
            let paths = package.xlsx_sheet_paths();
            Extra::Xlsx { package, paths }
        }),
        Sheets::Ods(_) => Package::open(bytes)
            .and_then(|mut package| {
                let content = package.read("content.xml")?;
                Some(Extra::Ods(xlsx_extra::scan_ods(&content, package.read("styles.xml").as_deref())))
            })
            .unwrap_or(Extra::None),
        _ => Extra::None,
    };
    let mut budget = Budget::new(max_cells);
    let mut sheets = Vec::with_capacity(metadata.len());
    for meta in metadata {
        let state = match meta.visible {
            SheetVisible::Visible => SheetState::Visible,
            SheetVisible::Hidden => SheetState::Hidden,
            SheetVisible::VeryHidden => continue,
        };
        let sheet = read_sheet(&mut book, &meta.name, &mut extra, &mut budget)?.map(|sheet| Sheet { state, ..sheet });
        sheets.push((meta.name, sheet));
    }
    if sheets.is_empty() {
        return Err(ImportError::NoData);
    }
    // Nothing to read but formulas nobody computed: say so for the file, not sheet by sheet.
    if sheets.iter().all(|(_, s)| s.is_err()) && sheets.iter().any(|(_, s)| *s == Err(SheetError::UncalculatedFormulas)) {
        return Err(ImportError::UncalculatedFormulas);
    }
    Ok(sheets)
}

fn read_sheet(book: &mut Book<'_>, name: &str, extra: &mut Extra<'_>, budget: &mut Budget) -> Result<Result<Sheet, SheetError>, ImportError> {
    let mut date1904 = false;
    let mut scan: Option<SheetScan> = None;
    let found = if let Sheets::Xlsx(xlsx) = book {
        if let Extra::Xlsx { package, paths } = extra {
            scan = paths.get(name).and_then(|path| package.read(path)).map(|xml| xlsx_extra::scan_xlsx_sheet(&xml));
        }
        if scan.as_ref().is_some_and(SheetScan::lacks_values) {
            return Ok(Err(SheetError::UncalculatedFormulas));
        }
        match xlsx_cells(xlsx, name, budget, &mut date1904)? {
            Ok(found) => found,
            Err(e) => return Ok(Err(e)),
        }
    } else {
        match book.worksheet_range(name) {
            Ok(range) => range_cells(&range, budget, &mut date1904)?,
            Err(e) => return Ok(Err(SheetError::Unreadable(e.to_string()))),
        }
    };
    let merges = match &mut scan {
        Some(scan) => std::mem::take(&mut scan.merges),
        None => merges(book, name),
    };
    let mut sheet = match build_sheet(name, found, merges, budget)? {
        Ok(sheet) => sheet,
        Err(e) => return Ok(Err(e)),
    };
    sheet.date1904 = date1904;
    let height = sheet.rows.len() as u32;
    if let Some(scan) = scan {
        sheet.hidden_rows = scan.hidden_rows.into_iter().filter(|&r| r < height).collect();
    }
    if let Extra::Ods(tables) = extra {
        if let Some(table) = tables.get(name) {
            ods_rows_and_bold(&mut sheet, table);
        }
    }
    Ok(Ok(sheet))
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

fn merges(book: &mut Book<'_>, name: &str) -> Vec<Merge> {
    let dims: Vec<Dimensions> = match book {
        Sheets::Xlsx(x) => x.merge_cells_by_sheet_name(name).unwrap_or_default(),
        Sheets::Xls(x) => x.merge_cells_by_sheet_name(name).unwrap_or_default(),
        _ => Vec::new(),
    };
    dims.into_iter()
        .map(|d| Merge { top: d.start.0, left: d.start.1, bottom: d.end.0, right: d.end.1 })
        .collect()
}

/// An .xlsx sheet's cells, streamed from calamine with their style (for bold) — no dense grid of
/// the sheet's whole used range is ever built.
fn xlsx_cells(
    xlsx: &mut Xlsx<Cursor<&[u8]>>,
    name: &str,
    budget: &mut Budget,
    date1904: &mut bool,
) -> Result<Result<Vec<Found>, SheetError>, ImportError> {
    let mut reader = match xlsx.worksheet_cells_reader(name) {
        Ok(reader) => reader,
        // A chart sheet: no cells.
        Err(XlsxError::NotAWorksheet(_)) => return Ok(Ok(Vec::new())),
        Err(e) => return Ok(Err(SheetError::Unreadable(e.to_string()))),
    };
    let bold_styles: Vec<bool> = reader.styles().iter().map(|s| s.font.as_ref().is_some_and(|f| f.is_bold())).collect();
    let mut found = Vec::with_capacity(reader.dimensions().len().min(100_000) as usize);
    loop {
        match reader.next_cell_with_style_id() {
            Ok(Some((cell, style))) => {
                let value = from_data_ref(cell.get_value(), date1904);
                if value.is_empty() {
                    continue;
                }
                budget.read_one()?;
                let (row, col) = cell.get_position();
                found.push(Found { row, col, cell: value, bold: bold_styles.get(style).copied().unwrap_or(false) });
            }
            Ok(None) => break,
            Err(e) => return Ok(Err(SheetError::Unreadable(e.to_string()))),
        }
    }
    Ok(Ok(found))
}

fn range_cells(range: &calamine::Range<Data>, budget: &mut Budget, date1904: &mut bool) -> Result<Vec<Found>, ImportError> {
    let Some((top, left)) = range.start() else { return Ok(Vec::new()) };
    let mut found = Vec::new();
    for (r, c, data) in range.used_cells() {
        let cell = from_data(data, date1904);
        if cell.is_empty() {
            continue;
        }
        budget.read_one()?;
        found.push(Found { row: top + r as u32, col: left + c as u32, cell, bold: false });
    }
    Ok(found)
}

fn from_date(dt: &ExcelDateTime, date1904: &mut bool) -> Cell {
    match dt.as_datetime() {
        Some(d) => {
            // The workbook's date system shows in how its date cells convert.
            *date1904 |= from_excel_serial(dt.as_f64(), true) == Some(d.date())
                && from_excel_serial(dt.as_f64(), false) != Some(d.date());
            Cell::Date(d.date())
        }
        None => Cell::Number(dt.as_f64()),
    }
}

fn from_data(data: &Data, date1904: &mut bool) -> Cell {
    match data {
        Data::Empty | Data::Error(_) => Cell::Empty,
        Data::String(s) => Cell::text(s),
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::Bool(b) => Cell::Bool(*b),
        Data::DateTime(dt) => from_date(dt, date1904),
        Data::DateTimeIso(s) => crate::domain::vn_date::parse_date(s).map_or_else(|| Cell::text(s), Cell::Date),
        Data::DurationIso(s) => Cell::text(s),
    }
}

fn from_data_ref(data: &DataRef<'_>, date1904: &mut bool) -> Cell {
    match data {
        DataRef::Empty | DataRef::Error(_) => Cell::Empty,
        DataRef::String(s) => Cell::text(s),
        DataRef::SharedString(s) => Cell::text(s),
        DataRef::Int(i) => Cell::Number(*i as f64),
        DataRef::Float(f) => Cell::Number(*f),
        DataRef::Bool(b) => Cell::Bool(*b),
        DataRef::DateTime(dt) => from_date(dt, date1904),
        DataRef::DateTimeIso(s) => crate::domain::vn_date::parse_date(s).map_or_else(|| Cell::text(s), Cell::Date),
        DataRef::DurationIso(s) => Cell::text(s),
    }
}

/// Text that may head a column: has letters and is short.
fn header_like(cell: &Cell) -> bool {
    matches!(cell, Cell::Text(s) if s.chars().any(char::is_alphabetic) && s.chars().nth(100).is_none())
}

/// Where to cut a sheet using more than [`MAX_COLUMNS`] columns (from its first used column
/// `left`): after the last column with heading-like text in the first 40 rows (from the first row
/// holding anything), and at most [`WIDE_SHEET_COLUMNS`] columns from `left`. The first column
/// not read.
fn wide_sheet_cut<'c>(first_row: u32, left: usize, cells: impl Iterator<Item = (u32, u32, &'c Cell)>) -> usize {
    let last_heading = cells
        .filter(|&(row, _, cell)| row < first_row.saturating_add(40) && header_like(cell))
        .map(|(_, col, _)| col as usize)
        .max();
    left + last_heading.map_or(WIDE_SHEET_COLUMNS, |col| (col + 1).saturating_sub(left).min(WIDE_SHEET_COLUMNS))
}

/// Cut rows wider than [`MAX_COLUMNS`] as [`wide_sheet_cut`] says (for CSV files).
/// Returns how many columns the rows used when they were cut.
pub(crate) fn limit_width(rows: &mut [Vec<Cell>]) -> Option<u32> {
    let left = rows.iter().filter_map(|r| r.iter().position(|c| !c.is_empty())).min().unwrap_or(0);
    if rows.iter().all(|r| r.len() <= left + MAX_COLUMNS) {
        return None;
    }
    let used = rows.iter().map(Vec::len).max().unwrap_or(0).saturating_sub(left) as u32;
    let first_row = rows.iter().position(|r| !r.is_empty()).unwrap_or(0);
    let cells = rows
        .iter()
        .enumerate()
        .skip(first_row)
        .take(40)
        .flat_map(|(r, row)| row.iter().enumerate().map(move |(c, cell)| (r as u32, c as u32, cell)));
    let cut = wide_sheet_cut(first_row as u32, left, cells);
    for row in rows.iter_mut() {
        row.truncate(cut);
        while row.last().is_some_and(Cell::is_empty) {
            row.pop();
        }
    }
    Some(used)
}

/// The sheet's grid from the cells read, cut to a sane width and counted against the budget.
fn build_sheet(name: &str, mut found: Vec<Found>, mut merges: Vec<Merge>, budget: &mut Budget) -> Result<Result<Sheet, SheetError>, ImportError> {
    if !found.windows(2).all(|w| (w[0].row, w[0].col) <= (w[1].row, w[1].col)) {
        found.sort_by_key(|f| (f.row, f.col));
    }
    let Some(first_row) = found.first().map(|f| f.row) else { return Ok(Err(SheetError::Empty)) };
    let left = found.iter().map(|f| f.col as usize).min().unwrap_or(0);
    let width = found.iter().map(|f| f.col as usize + 1).max().unwrap_or(0);
    let mut columns_cut = None;
    if width - left > MAX_COLUMNS {
        columns_cut = Some((width - left) as u32);
        let cut = wide_sheet_cut(first_row, left, found.iter().map(|f| (f.row, f.col, &f.cell)));
        found.retain(|f| (f.col as usize) < cut);
        merges.retain(|m| (m.left as usize) < cut);
        for m in &mut merges {
            m.right = m.right.min(cut as u32 - 1);
        }
    }
    let Some(last_row) = found.last().map(|f| f.row as usize) else { return Ok(Err(SheetError::Empty)) };
    // What the grid holds: a row for each sheet row, and each row as wide as its last cell.
    let row_ends = found.windows(2).filter(|w| w[0].row != w[1].row).map(|w| w[0].col as usize + 1);
    let widths: usize = row_ends.sum::<usize>() + found.last().map_or(0, |f| f.col as usize + 1);
    budget.keep(last_row + 1 + widths)?;
    let mut rows: Vec<Vec<Cell>> = vec![Vec::new(); last_row + 1];
    let mut bold = Vec::new();
    for f in found {
        let (r, c) = (f.row as usize, f.col as usize);
        if f.bold {
            bold.push((f.row, f.col));
        }
        let row = &mut rows[r];
        if row.len() <= c {
            row.resize(c + 1, Cell::Empty);
        }
        row[c] = f.cell;
    }
    bold.dedup();
    Ok(Ok(Sheet { rows, merges, bold, columns_cut, ..Sheet::new(name, Vec::new()) }))
}

/// An .ods table's hidden rows and bold cells, on the rows and cells the sheet has.
fn ods_rows_and_bold(sheet: &mut Sheet, table: &OdsTable) {
    let height = sheet.rows.len() as u32;
    let mut hidden = Vec::new();
    for &(start, count) in &table.hidden_rows {
        hidden.extend(start..start.saturating_add(count).min(height));
    }
    hidden.sort_unstable();
    hidden.dedup();
    sheet.hidden_rows = hidden;
    // The runs never overlap (each is one cell element of the file), so this visits each cell of
    // the grid at most once.
    let mut bold = Vec::new();
    for &(row, rows, col, cols) in &table.bold {
        for r in row..row.saturating_add(rows).min(height) {
            let cells = &sheet.rows[r as usize];
            let end = col.saturating_add(cols).min(cells.len() as u32);
            bold.extend((col..end).filter(|&c| !cells[c as usize].is_empty()).map(|c| (r, c)));
        }
    }
    bold.sort_unstable();
    bold.dedup();
    sheet.bold = bold;
}

#[cfg(test)]
mod timing {
    /// `cargo test --release --lib import::workbook::timing -- --ignored --nocapture`
    #[test]
    #[ignore]
    fn read_file_on_the_bench_tracker() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/target/bench/theo-doi-10000.xlsx");
        let Ok(bytes) = std::fs::read(path) else {
            eprintln!("no {path}: run `cargo bench --bench import` first");
            return;
        };
        let mut times = Vec::new();
        for _ in 0..11 {
            let start = std::time::Instant::now();
            let sheets = super::read_file("theo-doi-10000.xlsx", &bytes);
            times.push(start.elapsed().as_secs_f64() * 1000.0);
            assert!(matches!(sheets, Ok(ref s) if s.len() == 1));
        }
        times.sort_by(f64::total_cmp);
        eprintln!("read_file: min {:.1} ms, median {:.1} ms", times[0], times[times.len() / 2]);
    }
}

#[cfg(test)]
mod tests {
    use std::io::{Cursor, Write};

    use rust_xlsxwriter::{Format, Workbook};
    use zip::write::SimpleFileOptions;
    use zip::{CompressionMethod, ZipWriter};

    use super::*;
    use crate::import::error::MAX_UNZIPPED_BYTES;

    fn fixture(name: &str) -> Vec<u8> {
        std::fs::read(format!("{}/tests/fixtures/trackers/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
    }

    /// Every sheet, which must all be read.
    fn read_ok(name: &str, bytes: &[u8]) -> Vec<Sheet> {
        read_file(name, bytes).unwrap().into_iter().map(|(n, s)| s.unwrap_or_else(|e| panic!("{n}: {e:?}"))).collect()
    }

    fn xlsx(build: impl FnOnce(&mut Workbook)) -> Vec<u8> {
        let mut book = Workbook::new();
        build(&mut book);
        book.save_to_buffer().unwrap()
    }

    fn zip_of(files: &[(&str, &[u8])], method: CompressionMethod) -> Vec<u8> {
        let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
        for (name, data) in files {
            zip.start_file(*name, SimpleFileOptions::default().compression_method(method)).unwrap();
            zip.write_all(data).unwrap();
        }
        zip.finish().unwrap().into_inner()
    }

    /// An .xlsx as libraries that do not compute formulas write it: sheets of inline text.
    fn xlsx_by_hand(sheets: &[(&str, &str)]) -> Vec<u8> {
        let mut files: Vec<(String, String)> = vec![
            ("[Content_Types].xml".into(), r#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>"#.into()),
            ("_rels/.rels".into(), r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#.into()),
        ];
        let mut book = String::from(r#"<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>"#);
        let mut rels = String::from(r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#);
        for (i, (name, data)) in sheets.iter().enumerate() {
            let n = i + 1;
            book += &format!(r#"<sheet name="{name}" sheetId="{n}" r:id="rId{n}"/>"#);
            rels += &format!(r#"<Relationship Id="rId{n}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{n}.xml"/>"#);
            files.push((
                format!("xl/worksheets/sheet{n}.xml"),
                format!(r#"<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{data}</sheetData></worksheet>"#),
            ));
        }
        files.push(("xl/workbook.xml".into(), book + "</sheets></workbook>"));
        files.push(("xl/_rels/workbook.xml.rels".into(), rels + "</Relationships>"));
        let files: Vec<(&str, &[u8])> = files.iter().map(|(n, d)| (n.as_str(), d.as_bytes())).collect();
        zip_of(&files, CompressionMethod::Deflated)
    }

    fn text_cell(r: &str, text: &str) -> String {
        format!(r#"<c r="{r}" t="inlineStr"><is><t>{text}</t></is></c>"#)
    }

    #[test]
    fn fixture_08_hides_rows_5_12_16_a_sheet_and_a_template() {
        let sheets = read_file("08-an-dong-an-trang.xlsx", &fixture("08-an-dong-an-trang.xlsx")).unwrap();
        let names: Vec<&str> = sheets.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["Năm 2023", "Tháng 01-2024"], "the very hidden template 'Mẫu' is not returned");
        let (Ok(old), Ok(month)) = (&sheets[0].1, &sheets[1].1) else { panic!("{sheets:?}") };
        assert_eq!(old.state, SheetState::Hidden);
        assert!(old.hidden_rows.is_empty());
        assert_eq!(month.state, SheetState::Visible);
        // Excel rows 5, 12 and 16.
        assert_eq!(month.hidden_rows, vec![4, 11, 15]);
        assert!(month.is_hidden_row(4) && !month.is_hidden_row(5));
        // The header row (Excel row 3) is bold.
        assert!((0..6).all(|c| month.bold.contains(&(2, c))), "{:?}", month.bold);
    }

    #[test]
    fn the_ods_fixture_has_no_hidden_rows_and_the_same_bold_cells_as_its_xlsx() {
        let ods = read_ok("03-nhom-dong-chu-in-hoa.ods", &fixture("03-nhom-dong-chu-in-hoa.ods"));
        let xlsx = read_ok("03-nhom-dong-chu-in-hoa.xlsx", &fixture("03-nhom-dong-chu-in-hoa.xlsx"));
        assert_eq!(ods.len(), 1);
        assert!(ods[0].hidden_rows.is_empty());
        assert_eq!(ods[0].state, SheetState::Visible);
        // Title, header, and the group rows ("I. PHÒNG TÀI CHÍNH - KẾ HOẠCH" on Excel row 4…).
        assert!(ods[0].bold.contains(&(0, 0)) && ods[0].bold.contains(&(2, 4)) && ods[0].bold.contains(&(3, 0)));
        assert!(!ods[0].bold.contains(&(4, 1)), "task rows are not bold");
        assert_eq!(ods[0].bold, xlsx[0].bold);
        assert_eq!(ods[0].rows, xlsx[0].rows);
    }

    #[test]
    fn sheet_states_hidden_rows_and_bold_cells_of_an_xlsx() {
        let bytes = xlsx(|book| {
            let bold = Format::new().set_bold();
            let s = book.add_worksheet().set_name("Theo dõi").unwrap();
            s.write_string_with_format(0, 0, "Nội dung nhiệm vụ", &bold).unwrap();
            s.write_string_with_format(0, 1, "Đơn vị chủ trì", &bold).unwrap();
            for r in 1..8 {
                s.write_string(r, 0, format!("Nhiệm vụ {r}")).unwrap();
                s.write_string(r, 1, "Phòng Kinh tế").unwrap();
            }
            s.write_string_with_format(4, 2, "", &bold).unwrap();
            s.set_row_hidden(2).unwrap().set_row_hidden(5).unwrap();
            // A hidden row below the data is no row of the sheet.
            s.set_row_hidden(40).unwrap();
            let old = book.add_worksheet().set_name("Năm cũ").unwrap();
            old.write_string(0, 0, "Nội dung").unwrap();
            old.set_hidden(true);
            let template = book.add_worksheet().set_name("Mẫu").unwrap();
            template.write_string(0, 0, "(Ghi nội dung nhiệm vụ)").unwrap();
            template.set_very_hidden(true);
        });
        let sheets = read_file("t.xlsx", &bytes).unwrap();
        let names: Vec<&str> = sheets.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["Theo dõi", "Năm cũ"]);
        let (Ok(main), Ok(old)) = (&sheets[0].1, &sheets[1].1) else { panic!("{sheets:?}") };
        assert_eq!((main.state, old.state), (SheetState::Visible, SheetState::Hidden));
        assert_eq!(main.hidden_rows, vec![2, 5]);
        assert_eq!(main.bold, vec![(0, 0), (0, 1)], "only filled cells count");
        assert_eq!(main.get(7, 1).as_text(), "Phòng Kinh tế");
    }

    const ODS_HEAD: &str = r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" office:version="1.2"><office:automatic-styles><style:style style:name="ce1" style:family="table-cell"><style:text-properties fo:font-weight="bold"/></style:style></office:automatic-styles><office:body><office:spreadsheet>"#;
    const ODS_TAIL: &str = "</office:spreadsheet></office:body></office:document-content>";

    fn ods(tables: &str) -> Vec<u8> {
        let content = format!("{ODS_HEAD}{tables}{ODS_TAIL}");
        let manifest = r#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#;
        zip_of(
            &[
                ("mimetype", b"application/vnd.oasis.opendocument.spreadsheet"),
                ("content.xml", content.as_bytes()),
                ("META-INF/manifest.xml", manifest.as_bytes()),
            ],
            CompressionMethod::Stored,
        )
    }

    fn ods_row(attrs: &str, cells: &[&str]) -> String {
        let cells: String =
            cells.iter().map(|c| format!(r#"<table:table-cell office:value-type="string"><text:p>{c}</text:p></table:table-cell>"#)).collect();
        format!("<table:table-row {attrs}>{cells}</table:table-row>")
    }

    #[test]
    fn ods_hidden_rows_count_repeated_rows() {
        let rows = [
            r#"<table:table-row><table:table-cell table:style-name="ce1" office:value-type="string"><text:p>Nội dung</text:p></table:table-cell><table:table-cell table:style-name="ce1" table:number-columns-repeated="2"/></table:table-row>"#.to_string(),
            ods_row("", &["a", "Phòng Kinh tế"]),
            ods_row(r#"table:visibility="collapse" table:number-rows-repeated="2""#, &["b", "Thanh tra"]),
            r#"<table:table-row table:number-rows-repeated="2"><table:table-cell/></table:table-row>"#.to_string(),
            ods_row(r#"table:visibility="filter""#, &["c", "Thanh tra"]),
            ods_row("", &["d", "Thanh tra"]),
            r#"<table:table-row table:visibility="collapse" table:number-rows-repeated="1048000"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>"#.to_string(),
        ];
        let bytes = ods(&format!(r#"<table:table table:name="Theo dõi">{}</table:table>"#, rows.concat()));
        let sheets = read_ok("t.ods", &bytes);
        assert_eq!(sheets[0].get(2, 0).as_text(), "b");
        assert_eq!(sheets[0].get(3, 0).as_text(), "b");
        assert_eq!(sheets[0].get(6, 0).as_text(), "c");
        assert_eq!(sheets[0].height(), 8);
        assert_eq!(sheets[0].hidden_rows, vec![2, 3, 6]);
        assert_eq!(sheets[0].bold, vec![(0, 0)]);
    }

    #[test]
    fn a_sheet_thousands_of_columns_wide_is_read_as_wide_as_its_headings() {
        let headings = ["STT", "Nội dung nhiệm vụ", "Đơn vị chủ trì", "Thời hạn"];
        let bytes = xlsx(|book| {
            let s = book.add_worksheet();
            s.write_string(0, 0, "BẢNG THEO DÕI").unwrap();
            for (c, h) in headings.iter().enumerate() {
                s.write_string(2, c as u16, *h).unwrap();
            }
            for r in 3..50 {
                s.write_number(r, 0, f64::from(r)).unwrap();
                s.write_string(r, 1, "Rà soát").unwrap();
                // Stray values far right, as a slip of the keyboard leaves them.
                s.write_number(r, 16_000, 1.0).unwrap();
            }
            s.merge_range(0, 0, 0, 16_383, "BẢNG THEO DÕI", &Format::new()).unwrap();
            // Text far right below the first 40 rows is no heading.
            s.write_string(45, 12_000, "ghi chú").unwrap();
        });
        let sheet = &read_ok("t.xlsx", &bytes)[0];
        assert_eq!(sheet.width(), 4);
        assert_eq!(sheet.get(2, 3).as_text(), "Thời hạn");
        assert_eq!(sheet.merges, vec![Merge { top: 0, left: 0, bottom: 0, right: 3 }]);

        // Without headings, 200 columns are read.
        let bytes = xlsx(|book| {
            let s = book.add_worksheet();
            for c in 0..1_500u16 {
                s.write_number(0, c, 1.0).unwrap();
            }
        });
        assert_eq!(read_ok("t.xlsx", &bytes)[0].width(), WIDE_SHEET_COLUMNS);
        // A table that starts far right is read from where it starts.
        let bytes = xlsx(|book| {
            let s = book.add_worksheet();
            s.write_string(0, 3_000, "Nội dung nhiệm vụ").unwrap();
            s.write_string(0, 3_001, "Đơn vị chủ trì").unwrap();
            s.write_string(1, 3_000, "Rà soát").unwrap();
            s.write_number(1, 9_000, 1.0).unwrap();
        });
        assert_eq!(read_ok("t.xlsx", &bytes)[0].width(), 3_002);
    }

    #[test]
    fn more_cells_than_the_limit_are_refused() {
        let bytes = xlsx(|book| {
            for _ in 0..2 {
                let s = book.add_worksheet();
                for r in 0..5 {
                    for c in 0..6 {
                        s.write_string(r, c, "x").unwrap();
                    }
                }
            }
        });
        // 2 sheets of 5 rows of 6 cells: 60 cells, and the grids keep 70 (a row counts as a cell).
        assert!(read_workbook_with(&bytes, 70).is_ok());
        assert_eq!(read_workbook_with(&bytes, 69).err(), Some(ImportError::TooManyCells { limit: 69 }));
        assert_eq!(read_workbook_with(&bytes, 59).err(), Some(ImportError::TooManyCells { limit: 59 }));
        // What counts is the grid kept: one cell far below the first takes all the rows between.
        let bytes = xlsx(|book| {
            let s = book.add_worksheet();
            s.write_string(0, 0, "x").unwrap();
            s.write_string(1_000, 0, "y").unwrap();
        });
        assert_eq!(read_workbook_with(&bytes, 500).err(), Some(ImportError::TooManyCells { limit: 500 }));
        assert!(read_workbook_with(&bytes, 2_000).is_ok());
    }

    #[test]
    fn archives_that_would_unzip_to_too_much_are_refused_before_unzipping() {
        // A big entry compressed a thousand times.
        let bomb = zip_of(&[("xl/worksheets/sheet1.xml", &vec![b' '; 11 * 1024 * 1024])], CompressionMethod::Deflated);
        assert!(bomb.len() < 100 * 1024);
        assert!(matches!(read_file("t.xlsx", &bomb), Err(ImportError::SuspiciousArchive { .. })));
        // An archive declaring more than the limit in all (its central directory says 300 MB).
        let mut declared = zip_of(&[("xl/workbook.xml", b"<workbook/>")], CompressionMethod::Stored);
        let central = declared.windows(4).position(|w| w == b"PK\x01\x02").unwrap();
        declared[central + 24..central + 28].copy_from_slice(&(300u32 * 1024 * 1024).to_le_bytes());
        match read_file("t.xlsx", &declared) {
            Err(ImportError::SuspiciousArchive { unzipped_bytes }) => assert!(unzipped_bytes > MAX_UNZIPPED_BYTES),
            other => panic!("{other:?}"),
        }
        // Real trackers pass.
        assert!(xlsx_extra::check_archive(&fixture("08-an-dong-an-trang.xlsx")).is_ok());
    }

    #[test]
    fn formulas_saved_without_values_are_told() {
        let header = format!("<row r=\"1\">{}{}</row>", text_cell("A1", "Nội dung nhiệm vụ"), text_cell("B1", "Đơn vị chủ trì"));
        let formulas: String = (2..12).map(|r| format!(r#"<row r="{r}"><c r="A{r}"><f>Nguồn!A{r}</f></c><c r="B{r}"><f>Nguồn!B{r}</f><v></v></c></row>"#)).collect();
        let computed: String =
            (2..12).map(|r| format!(r#"<row r="{r}"><c r="A{r}" t="str"><f>Nguồn!A{r}</f><v>Rà soát</v></c><c r="B{r}"><f>Nguồn!B{r}</f><v>3</v></c></row>"#)).collect();
        let plain = format!("{header}<row r=\"2\">{}{}</row>", text_cell("A2", "Rà soát"), text_cell("B2", "Thanh tra"));

        assert_eq!(read_file("t.xlsx", &xlsx_by_hand(&[("Theo dõi", &format!("{header}{formulas}"))])).err(), Some(ImportError::UncalculatedFormulas));
        let sheets = read_file("t.xlsx", &xlsx_by_hand(&[("Theo dõi", &format!("{header}{formulas}")), ("Khác", &plain)])).unwrap();
        assert_eq!(sheets[0].1, Err(SheetError::UncalculatedFormulas));
        assert_eq!(sheets[1].1.as_ref().map(|s| s.get(1, 1).as_text()), Ok("Thanh tra".to_string()));
        let sheets = read_ok("t.xlsx", &xlsx_by_hand(&[("Theo dõi", &format!("{header}{computed}"))]));
        assert_eq!(sheets[0].get(3, 0).as_text(), "Rà soát");
        // A formula here and there (the rest typed) reads: its cells are just empty.
        let mostly_plain = format!("{plain}<row r=\"3\">{}<c r=\"B3\"><f>B2</f></c></row>", text_cell("A3", "Báo cáo"));
        let sheets = read_ok("t.xlsx", &xlsx_by_hand(&[("Theo dõi", &mostly_plain)]));
        assert_eq!(sheets[0].get(2, 0).as_text(), "Báo cáo");
    }

    #[test]
    fn a_csv_over_the_row_limit_is_refused() {
        let mut text = String::from("STT,Nội dung nhiệm vụ\n");
        for i in 1..crate::import::error::MAX_ROWS {
            text += &format!("{i},Rà soát\n");
        }
        let sheets = read_ok("t.csv", text.as_bytes());
        assert_eq!(sheets[0].height(), crate::import::error::MAX_ROWS);
        text += "x,Thêm một dòng\n";
        assert_eq!(read_file("t.csv", text.as_bytes()).err(), Some(ImportError::TooManyRows { limit: crate::import::error::MAX_ROWS }));
    }
}
