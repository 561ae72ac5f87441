//! What calamine does not tell about a workbook, read from the archive itself: the rows a sheet
//! hides, its merged areas and formulas saved without a value (.xlsx, .xlsm); hidden rows and bold
//! cells (.ods); and, before anything is unzipped, whether the archive declares more than a
//! spreadsheet ever holds.
//!
//! The XML is read with a small tag scanner, not a full parser: calamine has already checked the
//! files are well formed, and this pass only needs a few tags and attributes, so it stays cheap
//! (it replaces calamine's own pass over a sheet for its merged areas).

use std::collections::HashMap;
use std::io::{Cursor, Read};

use zip::ZipArchive;

use super::error::{ImportError, BIG_ENTRY_BYTES, MAX_COMPRESSION_RATIO, MAX_UNZIPPED_BYTES};
use super::grid::Merge;

/// Excel's last row and column (1-based counts).
const MAX_ROWS: u32 = 1_048_576;
const MAX_COLS: u32 = 16_384;

/// Refuse an archive whose central directory declares more than a workbook holds: over
/// [`MAX_UNZIPPED_BYTES`] in all, or a big entry compressed more than [`MAX_COMPRESSION_RATIO`]
/// times. Reads only the directory; an archive that cannot be opened is left to calamine.
pub fn check_archive(bytes: &[u8]) -> Result<(), ImportError> {
    let Ok(archive) = ZipArchive::new(Cursor::new(bytes)) else { return Ok(()) };
    let mut total: u64 = 0;
    let mut too_packed = false;
    for i in 0..archive.len() {
        let Ok(entry) = archive.by_index_data(i) else { continue };
        let size = entry.size();
        total = total.saturating_add(size);
        if size > BIG_ENTRY_BYTES && size / entry.compressed_size().max(1) > MAX_COMPRESSION_RATIO {
            too_packed = true;
        }
    }
    if too_packed || total > MAX_UNZIPPED_BYTES {
        return Err(ImportError::SuspiciousArchive { unzipped_bytes: total });
    }
    Ok(())
}

/// The archive, for reading a few of its parts by name.
pub struct Package<'a> {
    zip: ZipArchive<Cursor<&'a [u8]>>,
    /// Entry names as written in lower case with `/`, for files that spell them otherwise.
    names: HashMap<String, usize>,
}

fn normalize(path: &str) -> String {
    path.trim_start_matches(['/', '\\']).replace('\\', "/").to_lowercase()
}

impl<'a> Package<'a> {
    pub fn open(bytes: &'a [u8]) -> Option<Package<'a>> {
        let zip = ZipArchive::new(Cursor::new(bytes)).ok()?;
        let names = zip.file_names().enumerate().filter_map(|(i, n)| Some((normalize(&n.ok()?), i))).collect();
        Some(Package { zip, names })
    }

    /// An entry's bytes (never more than [`MAX_UNZIPPED_BYTES`], whatever the entry declares).
    pub fn read(&mut self, path: &str) -> Option<Vec<u8>> {
        let index = self.zip.index_for_name(path).or_else(|| self.names.get(&normalize(path)).copied())?;
        let mut entry = self.zip.by_index(index).ok()?;
        let mut out = Vec::with_capacity(entry.size().min(MAX_UNZIPPED_BYTES) as usize);
        entry.by_ref().take(MAX_UNZIPPED_BYTES).read_to_end(&mut out).ok()?;
        Some(out)
    }

    /// Sheet name → the part holding the sheet (`xl/worksheets/sheet1.xml`), through the
    /// workbook's relationships.
    pub fn xlsx_sheet_paths(&mut self) -> HashMap<String, String> {
        let workbook = self
            .read("_rels/.rels")
            .and_then(|rels| {
                relationships(&rels)
                    .into_iter()
                    .find(|r| r.kind.ends_with(b"/officeDocument"))
                    .map(|r| resolve("", &String::from_utf8_lossy(r.target)))
            })
            .unwrap_or_else(|| "xl/workbook.xml".to_string());
        let (dir, file) = workbook.rsplit_once('/').unwrap_or(("", workbook.as_str()));
        let rels_path = if dir.is_empty() { format!("_rels/{file}.rels") } else { format!("{dir}/_rels/{file}.rels") };
        let (Some(book), Some(rels)) = (self.read(&workbook), self.read(&rels_path)) else { return HashMap::new() };
        let targets: HashMap<&[u8], &[u8]> = relationships(&rels).into_iter().map(|r| (r.id, r.target)).collect();
        let mut paths = HashMap::new();
        let mut tags = Scanner::new(&book);
        while let Some(tag) = tags.next_tag() {
            if tag.end || tag.name != b"sheet" {
                continue;
            }
            let name = attr(tag.attrs, b"name");
            // The relationship id is `r:id` (any prefix; not `sheetId`).
            let id = attrs(tag.attrs).find(|(k, _)| k.contains(&b':') && local(k) == b"id").map(|(_, v)| v);
            if let (Some(name), Some(target)) = (name, id.and_then(|id| targets.get(id))) {
                paths.insert(unescape(name), resolve(dir, &unescape(target)));
            }
        }
        paths
    }
}

struct Relationship<'x> {
    id: &'x [u8],
    target: &'x [u8],
    kind: &'x [u8],
}

fn relationships(xml: &[u8]) -> Vec<Relationship<'_>> {
    let mut out = Vec::new();
    let mut tags = Scanner::new(xml);
    while let Some(tag) = tags.next_tag() {
        if !tag.end && tag.name == b"Relationship" {
            if let (Some(id), Some(target)) = (attr(tag.attrs, b"Id"), attr(tag.attrs, b"Target")) {
                out.push(Relationship { id, target, kind: attr(tag.attrs, b"Type").unwrap_or_default() });
            }
        }
    }
    out
}

/// A relationship's target as a path in the archive: absolute (`/xl/worksheets/sheet1.xml`) or
/// relative to the folder of the part that points to it.
fn resolve(dir: &str, target: &str) -> String {
    let joined = match target.strip_prefix('/') {
        Some(absolute) => absolute.to_string(),
        None if dir.is_empty() => target.to_string(),
        None => format!("{dir}/{target}"),
    };
    let mut parts: Vec<&str> = Vec::new();
    for part in joined.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    parts.join("/")
}

/// What one pass over a worksheet's XML finds.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct SheetScan {
    /// Hidden rows, 0-based, sorted.
    pub hidden_rows: Vec<u32>,
    pub merges: Vec<Merge>,
    /// Cells with a formula and no saved value.
    pub formulas_without_value: usize,
    /// Cells with a value (typed, or a formula's saved result).
    pub values: usize,
}

impl SheetScan {
    /// Most of what the sheet holds are formulas nobody computed: reading it would give a sheet
    /// without its values.
    pub fn lacks_values(&self) -> bool {
        self.formulas_without_value > 0 && self.formulas_without_value >= self.values
    }
}

/// Read a worksheet part: `<row r="5" hidden="1">`, `<c><f>…</f><v>…</v></c>`, `<mergeCell ref>`.
pub fn scan_xlsx_sheet(xml: &[u8]) -> SheetScan {
    let mut scan = SheetScan::default();
    let mut tags = Scanner::new(xml);
    let mut next_row: u32 = 0;
    // Inside a `<c>`: has it a formula, a value; is it a text result (`t="str"`).
    let mut cell: Option<(bool, bool, bool)> = None;
    while let Some(tag) = tags.next_tag() {
        match (tag.name, tag.end) {
            (b"row", false) => {
                let row = attr(tag.attrs, b"r").and_then(parse_u32).and_then(|r| r.checked_sub(1)).unwrap_or(next_row);
                next_row = row.saturating_add(1);
                if matches!(attr(tag.attrs, b"hidden"), Some(b"1" | b"true")) && row < MAX_ROWS {
                    scan.hidden_rows.push(row);
                }
            }
            (b"c", false) if !tag.empty => {
                cell = Some((false, false, attr(tag.attrs, b"t") == Some(b"str")));
            }
            (b"c", true) => {
                match cell {
                    Some((true, false, _)) => scan.formulas_without_value += 1,
                    Some((_, true, _)) => scan.values += 1,
                    _ => {}
                }
                cell = None;
            }
            (b"f", false) => {
                if let Some(c) = cell.as_mut() {
                    c.0 = true;
                }
            }
            (b"v", false) => {
                if let Some(c) = cell.as_mut() {
                    // An empty `<v>` is a value only for a text result (a formula giving "").
                    let text = if tag.empty { &b""[..] } else { tags.text() };
                    c.1 |= c.2 || !text.iter().all(u8::is_ascii_whitespace);
                }
            }
            (b"is", false) => {
                if let Some(c) = cell.as_mut() {
                    c.1 = true;
                }
            }
            (b"mergeCell", false) => {
                if let Some(m) = attr(tag.attrs, b"ref").and_then(parse_range) {
                    scan.merges.push(m);
                }
            }
            _ => {}
        }
    }
    scan.hidden_rows.sort_unstable();
    scan.hidden_rows.dedup();
    scan
}

/// `B3` → (row 2, column 1), 0-based.
fn parse_cell_ref(s: &[u8]) -> Option<(u32, u32)> {
    let s: Vec<u8> = s.iter().copied().filter(|&b| b != b'$').collect();
    let letters = s.iter().take_while(|b| b.is_ascii_alphabetic()).count();
    if letters == 0 || letters > 3 {
        return None;
    }
    let col = s[..letters].iter().fold(0u32, |n, b| n * 26 + u32::from(b.to_ascii_uppercase() - b'A' + 1));
    let row = parse_u32(&s[letters..])?;
    if row == 0 || row > MAX_ROWS || col > MAX_COLS {
        return None;
    }
    Some((row - 1, col - 1))
}

/// `A1:C2` (or one cell) → the merged rectangle.
fn parse_range(s: &[u8]) -> Option<Merge> {
    let (a, b) = match s.iter().position(|&c| c == b':') {
        Some(i) => (&s[..i], &s[i + 1..]),
        None => (s, s),
    };
    let (r1, c1) = parse_cell_ref(a)?;
    let (r2, c2) = parse_cell_ref(b)?;
    Some(Merge { top: r1.min(r2), left: c1.min(c2), bottom: r1.max(r2), right: c1.max(c2) })
}

fn parse_u32(s: &[u8]) -> Option<u32> {
    std::str::from_utf8(s).ok()?.trim().parse().ok()
}

/// One table of an .ods file: hidden rows and bold cells, as runs (rows and cells repeat).
#[derive(Debug, Default, Clone, PartialEq)]
pub struct OdsTable {
    /// (first row, how many), 0-based.
    pub hidden_rows: Vec<(u32, u32)>,
    /// (first row, rows, first column, columns) of cells whose style is bold.
    pub bold: Vec<(u32, u32, u32, u32)>,
}

/// Cell styles of an .ods file: bold or not (when the style says), and the style it inherits from.
#[derive(Default)]
struct OdsStyles {
    styles: HashMap<Vec<u8>, (Option<bool>, Option<Vec<u8>>)>,
    /// Inside a `<style:style>`: its name, bold, parent.
    open: Option<(Vec<u8>, Option<bool>, Option<Vec<u8>>)>,
}

impl OdsStyles {
    /// Take a style tag; false when the tag is not about styles.
    fn take(&mut self, tag: &Tag<'_>) -> bool {
        match (tag.name, tag.end) {
            (b"style", false) => {
                let name = attr(tag.attrs, b"style:name").unwrap_or_default().to_vec();
                let parent = attr(tag.attrs, b"style:parent-style-name").map(<[u8]>::to_vec);
                self.open = Some((name, None, parent));
                if tag.empty {
                    self.close();
                }
            }
            (b"style", true) => self.close(),
            (b"text-properties", false) => {
                if let (Some(open), Some(weight)) = (self.open.as_mut(), attr(tag.attrs, b"fo:font-weight")) {
                    open.1 = Some(weight == b"bold" || parse_u32(weight).is_some_and(|w| w >= 600));
                }
            }
            _ => return false,
        }
        true
    }

    fn close(&mut self) {
        if let Some((name, bold, parent)) = self.open.take() {
            self.styles.insert(name, (bold, parent));
        }
    }

    fn is_bold(&self, name: &[u8]) -> bool {
        let mut name = name;
        for _ in 0..16 {
            match self.styles.get(name) {
                Some((Some(bold), _)) => return *bold,
                Some((None, Some(parent))) => name = parent,
                _ => return false,
            }
        }
        false
    }
}

/// Read an .ods file's `content.xml` (with its `styles.xml` for named styles): every table's
/// hidden rows (`table:visibility="collapse"` or `"filter"`) and bold cells, by table name.
pub fn scan_ods(content: &[u8], styles_xml: Option<&[u8]>) -> HashMap<String, OdsTable> {
    let mut styles = OdsStyles::default();
    if let Some(xml) = styles_xml {
        let mut tags = Scanner::new(xml);
        while let Some(tag) = tags.next_tag() {
            styles.take(&tag);
        }
    }
    let mut bold_cache: HashMap<Vec<u8>, bool> = HashMap::new();
    let mut is_bold = |styles: &OdsStyles, name: &[u8]| -> bool {
        if let Some(b) = bold_cache.get(name) {
            return *b;
        }
        let b = styles.is_bold(name);
        bold_cache.insert(name.to_vec(), b);
        b
    };
    let repeat = |tag: &Tag<'_>, key: &[u8], max: u32| attr(tag.attrs, key).and_then(parse_u32).unwrap_or(1).clamp(1, max);

    let mut tables = HashMap::new();
    let mut tags = Scanner::new(content);
    // The table being read (tables inside cells are skipped: depth > 1).
    let mut depth = 0u32;
    let mut table = OdsTable::default();
    let mut name = String::new();
    let mut columns: Vec<(u32, u32, Vec<u8>)> = Vec::new();
    let mut next_column = 0u32;
    let (mut row, mut row_repeat, mut col) = (0u32, 1u32, 0u32);
    let mut row_style: Option<Vec<u8>> = None;
    while let Some(tag) = tags.next_tag() {
        if depth == 0 && styles.take(&tag) {
            continue;
        }
        match (tag.name, tag.end) {
            (b"table", false) => {
                if depth == 0 {
                    name = attr(tag.attrs, b"table:name").map(unescape).unwrap_or_default();
                    table = OdsTable::default();
                    columns.clear();
                    (next_column, row, row_repeat, col) = (0, 0, 1, 0);
                }
                if !tag.empty {
                    depth += 1;
                } else if depth == 0 {
                    tables.insert(std::mem::take(&mut name), std::mem::take(&mut table));
                }
            }
            (b"table", true) => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    tables.insert(std::mem::take(&mut name), std::mem::take(&mut table));
                }
            }
            _ if depth != 1 => {}
            (b"table-column", false) => {
                let n = repeat(&tag, b"table:number-columns-repeated", MAX_COLS);
                if let Some(style) = attr(tag.attrs, b"table:default-cell-style-name") {
                    columns.push((next_column, n, style.to_vec()));
                }
                next_column = next_column.saturating_add(n);
            }
            (b"table-row", false) => {
                row_repeat = repeat(&tag, b"table:number-rows-repeated", MAX_ROWS);
                if matches!(attr(tag.attrs, b"table:visibility"), Some(b"collapse" | b"filter")) && row < MAX_ROWS {
                    table.hidden_rows.push((row, row_repeat));
                }
                row_style = attr(tag.attrs, b"table:default-cell-style-name").map(<[u8]>::to_vec);
                col = 0;
                if tag.empty {
                    row = row.saturating_add(row_repeat);
                }
            }
            (b"table-row", true) => row = row.saturating_add(row_repeat),
            (b"table-cell" | b"covered-table-cell", false) => {
                let n = repeat(&tag, b"table:number-columns-repeated", MAX_COLS);
                let style = attr(tag.attrs, b"table:style-name").or(row_style.as_deref()).or_else(|| {
                    columns.iter().find(|(start, count, _)| *start <= col && col - start < *count).map(|c| c.2.as_slice())
                });
                if row < MAX_ROWS && col < MAX_COLS && style.is_some_and(|s| is_bold(&styles, s)) {
                    table.bold.push((row, row_repeat, col, n));
                }
                col = col.saturating_add(n);
            }
            _ => {}
        }
    }
    tables
}

/// A start or end tag.
pub(crate) struct Tag<'x> {
    /// The name without its namespace prefix.
    name: &'x [u8],
    /// What follows the name up to `>` (or `/>`).
    attrs: &'x [u8],
    end: bool,
    /// `<x/>`: a start tag that is also its end (no end tag follows).
    empty: bool,
}

/// Tags of an XML text, in order; comments, CDATA, declarations and processing instructions are
/// skipped.
pub(crate) struct Scanner<'x> {
    xml: &'x [u8],
    pos: usize,
}

fn find(xml: &[u8], from: usize, byte: u8) -> Option<usize> {
    xml.get(from..)?.iter().position(|&b| b == byte).map(|i| from + i)
}

fn find_seq(xml: &[u8], from: usize, seq: &[u8]) -> Option<usize> {
    xml.get(from..)?.windows(seq.len()).position(|w| w == seq).map(|i| from + i)
}

impl<'x> Scanner<'x> {
    pub(crate) fn new(xml: &'x [u8]) -> Scanner<'x> {
        Scanner { xml, pos: 0 }
    }

    pub(crate) fn next_tag(&mut self) -> Option<Tag<'x>> {
        let xml = self.xml;
        loop {
            let lt = find(xml, self.pos, b'<')?;
            let rest = &xml[lt..];
            if rest.starts_with(b"<!--") {
                self.pos = find_seq(xml, lt + 4, b"-->")? + 3;
                continue;
            }
            if rest.starts_with(b"<![CDATA[") {
                self.pos = find_seq(xml, lt + 9, b"]]>")? + 3;
                continue;
            }
            if rest.starts_with(b"<?") {
                self.pos = find_seq(xml, lt + 2, b"?>")? + 2;
                continue;
            }
            if rest.starts_with(b"<!") {
                self.pos = find(xml, lt + 2, b'>')? + 1;
                continue;
            }
            let end = rest.get(1) == Some(&b'/');
            let name_start = lt + 1 + usize::from(end);
            let mut i = name_start;
            while i < xml.len() && !matches!(xml[i], b' ' | b'\t' | b'\r' | b'\n' | b'/' | b'>') {
                i += 1;
            }
            // The closing `>`, not one inside a quoted attribute value.
            let mut j = i;
            let mut quote = 0u8;
            while j < xml.len() {
                let b = xml[j];
                if quote != 0 {
                    if b == quote {
                        quote = 0;
                    }
                } else if b == b'"' || b == b'\'' {
                    quote = b;
                } else if b == b'>' {
                    break;
                }
                j += 1;
            }
            if j >= xml.len() {
                return None;
            }
            let empty = !end && xml[j - 1] == b'/';
            let attrs = &xml[i..if empty { j - 1 } else { j }];
            self.pos = j + 1;
            return Some(Tag { name: local(&xml[name_start..i]), attrs, end, empty });
        }
    }

    /// The text right after the last tag, up to the next one.
    pub(crate) fn text(&self) -> &'x [u8] {
        let end = find(self.xml, self.pos, b'<').unwrap_or(self.xml.len());
        self.xml.get(self.pos..end).unwrap_or_default()
    }
}

fn local(name: &[u8]) -> &[u8] {
    match name.iter().position(|&b| b == b':') {
        Some(i) => &name[i + 1..],
        None => name,
    }
}

/// A tag's attributes: (name as written, raw value).
fn attrs(raw: &[u8]) -> impl Iterator<Item = (&[u8], &[u8])> {
    let mut i = 0;
    std::iter::from_fn(move || {
        let skip_ws = |i: &mut usize| {
            while *i < raw.len() && raw[*i].is_ascii_whitespace() {
                *i += 1;
            }
        };
        skip_ws(&mut i);
        let start = i;
        while i < raw.len() && raw[i] != b'=' && !raw[i].is_ascii_whitespace() {
            i += 1;
        }
        let key = &raw[start..i];
        skip_ws(&mut i);
        if key.is_empty() || raw.get(i) != Some(&b'=') {
            return None;
        }
        i += 1;
        skip_ws(&mut i);
        let quote = *raw.get(i).filter(|&&q| q == b'"' || q == b'\'')?;
        let value_start = i + 1;
        let value_end = find(raw, value_start, quote)?;
        i = value_end + 1;
        Some((key, &raw[value_start..value_end]))
    })
}

fn attr<'x>(raw: &'x [u8], key: &[u8]) -> Option<&'x [u8]> {
    attrs(raw).find(|(k, _)| *k == key).map(|(_, v)| v)
}

/// An attribute value as text, with XML's character references replaced.
fn unescape(raw: &[u8]) -> String {
    let text = String::from_utf8_lossy(raw);
    if !text.contains('&') {
        return text.into_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest: &str = &text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let entity = rest.find(';').filter(|&semi| semi <= 10).map(|semi| (&rest[1..semi], semi));
        let decoded = entity.and_then(|(name, semi)| {
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                _ => match name.strip_prefix("#x").or_else(|| name.strip_prefix("#X")) {
                    Some(hex) => u32::from_str_radix(hex, 16).ok().and_then(char::from_u32),
                    None => name.strip_prefix('#').and_then(|d| d.parse().ok()).and_then(char::from_u32),
                },
            };
            c.map(|c| (c, semi))
        });
        match decoded {
            Some((c, semi)) => {
                out.push(c);
                rest = &rest[semi + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_and_attributes() {
        let xml = br#"<?xml version="1.0"?><!-- <row hidden="1"> --><x:row r="5" hidden='1' note="a>b"><c r="A5"/></x:row>"#;
        let mut tags = Scanner::new(xml);
        let row = tags.next_tag().map(|t| (t.name, t.end, t.empty, attr(t.attrs, b"r"), attr(t.attrs, b"note")));
        assert_eq!(row, Some((&b"row"[..], false, false, Some(&b"5"[..]), Some(&b"a>b"[..]))));
        let c = tags.next_tag().map(|t| (t.name, t.empty));
        assert_eq!(c, Some((&b"c"[..], true)));
        assert_eq!(tags.next_tag().map(|t| (t.name, t.end)), Some((&b"row"[..], true)));
        assert!(tags.next_tag().is_none());
        assert_eq!(unescape(b"A &amp; B &#7899;&#x1EA1; &bad"), "A & B ớạ &bad");
    }

    #[test]
    fn worksheet_scan() {
        let xml = br#"<worksheet><sheetData>
            <row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>x</t></is></c></row>
            <row r="3" hidden="1"><c r="A3"><f>A1*2</f></c><c r="B3"><f>B1</f><v></v></c></row>
            <row hidden="true"><c r="A4" t="str"><f>""</f><v></v></c><c r="B4"/></row>
            </sheetData><mergeCells count="1"><mergeCell ref="A1:C2"/></mergeCells></worksheet>"#;
        let scan = scan_xlsx_sheet(xml);
        assert_eq!(scan.hidden_rows, vec![2, 3]);
        assert_eq!(scan.merges, vec![Merge { top: 0, left: 0, bottom: 1, right: 2 }]);
        assert_eq!((scan.formulas_without_value, scan.values), (2, 3));
        assert!(!scan.lacks_values());
    }

    #[test]
    fn ods_scan() {
        let styles = br#"<office:styles><style:style style:name="Heading" style:family="table-cell"><style:text-properties fo:font-weight="bold"/></style:style></office:styles>"#;
        let content = r#"<office:document-content><office:automatic-styles>
            <style:style style:name="ce1" style:family="table-cell" style:parent-style-name="Heading"/>
            <style:style style:name="ce2" style:family="table-cell"><style:text-properties fo:font-weight="normal"/></style:style>
            </office:automatic-styles><office:body><office:spreadsheet>
            <table:table table:name="A &amp; B"><table:table-column table:number-columns-repeated="2"/>
              <table:table-row><table:table-cell table:style-name="ce1"><text:p>x</text:p></table:table-cell><table:table-cell table:style-name="ce2"/></table:table-row>
              <table:table-row table:visibility="collapse" table:number-rows-repeated="2"><table:table-cell table:number-columns-repeated="2"/><table:table-cell table:style-name="Heading"/></table:table-row>
              <table:table-row/>
              <table:table-row table:visibility="filter"><table:covered-table-cell/></table:table-row>
            </table:table>
            <table:table table:name="Trống"/>
            </office:spreadsheet></office:body></office:document-content>"#;
        let tables = scan_ods(content.as_bytes(), Some(styles));
        let t = &tables["A & B"];
        assert_eq!(t.hidden_rows, vec![(1, 2), (4, 1)]);
        assert_eq!(t.bold, vec![(0, 1, 0, 1), (1, 2, 2, 1)]);
        assert_eq!(tables["Trống"], OdsTable::default());
    }

    #[test]
    fn targets_resolve() {
        assert_eq!(resolve("xl", "worksheets/sheet1.xml"), "xl/worksheets/sheet1.xml");
        assert_eq!(resolve("xl", "/xl/worksheets/sheet1.xml"), "xl/worksheets/sheet1.xml");
        assert_eq!(resolve("xl/sub", "../worksheets/s.xml"), "xl/worksheets/s.xml");
        assert_eq!(parse_range(b"$B$3"), Some(Merge { top: 2, left: 1, bottom: 2, right: 1 }));
        assert_eq!(parse_range(b"XFE1"), None);
    }
}
