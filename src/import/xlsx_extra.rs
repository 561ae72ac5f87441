//! What calamine does not tell about a workbook, read from the archive itself: the rows a sheet
//! hides, its merged areas and formulas saved without a value (.xlsx, .xlsm); hidden rows and bold
//! cells (.ods); and, before anything is unzipped, whether the archive declares more than a
//! spreadsheet ever holds.
//!
//! The XML is read with quick-xml's pull reader (the one calamine reads the same parts with),
//! borrowing from the unzipped bytes: one pass over the events, looking at a few tags and
//! attributes only, so it stays cheap (it replaces calamine's own pass over a sheet for its merged
//! areas). A part that turns out malformed is read up to the fault: what was found until then
//! stands.

use std::collections::HashMap;
use std::io::{Cursor, Read};

use quick_xml::events::attributes::Attribute;
use quick_xml::events::{BytesStart, Event};
use quick_xml::name::QName;
use quick_xml::reader::Reader;
use quick_xml::XmlVersion;
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
                relationships(&rels).into_iter().find(|r| r.kind.ends_with("/officeDocument")).map(|r| resolve("", &r.target))
            })
            .unwrap_or_else(|| "xl/workbook.xml".to_string());
        let (dir, file) = workbook.rsplit_once('/').unwrap_or(("", workbook.as_str()));
        let rels_path = if dir.is_empty() { format!("_rels/{file}.rels") } else { format!("{dir}/_rels/{file}.rels") };
        let (Some(book), Some(rels)) = (self.read(&workbook), self.read(&rels_path)) else { return HashMap::new() };
        let targets: HashMap<String, String> = relationships(&rels).into_iter().map(|r| (r.id, r.target)).collect();
        let mut paths = HashMap::new();
        for event in events(&book) {
            let (Event::Start(tag) | Event::Empty(tag)) = event else { continue };
            if local(tag.name()) != "sheet" {
                continue;
            }
            // The relationship id is `r:id` (any prefix; not `sheetId`).
            let id = attributes(&tag).find(|a| a.key.prefix().is_some() && local(a.key) == "id");
            let [name] = attrs(&tag, ["name"]);
            if let (Some(name), Some(target)) = (name, id.and_then(|id| targets.get(&text(id)))) {
                paths.insert(text(name), resolve(dir, target));
            }
        }
        paths
    }
}

struct Relationship {
    id: String,
    target: String,
    kind: String,
}

fn relationships(xml: &[u8]) -> Vec<Relationship> {
    let mut out = Vec::new();
    for event in events(xml) {
        let (Event::Start(tag) | Event::Empty(tag)) = event else { continue };
        if local(tag.name()) == "Relationship" {
            if let [Some(id), Some(target), kind] = attrs(&tag, ["Id", "Target", "Type"]) {
                out.push(Relationship { id: text(id), target: text(target), kind: kind.map(text).unwrap_or_default() });
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

/// The `<c>` being read.
struct Cell<'x> {
    /// Its start tag: its type (`t="str"`, a text result) matters only for a `<v>` holding nothing,
    /// so it is looked up only then.
    tag: BytesStart<'x>,
    formula: bool,
    value: bool,
    /// Has it a `<v>`, even empty.
    v: bool,
}

/// Read a worksheet part: `<row r="5" hidden="1">`, `<c><f>…</f><v>…</v></c>`, `<mergeCell ref>`.
/// Values are counted only in a sheet with formulas or hidden rows (a sheet without formulas
/// never lacks values).
pub fn scan_xlsx_sheet(xml: &[u8]) -> SheetScan {
    // Most trackers have no hidden row and no formula: a search of the bytes says so in a
    // fraction of the time reading every tag takes (a sixth of reading a 10,000-row file), and
    // only their merged cells, listed after the cells, are then read.
    let holds = |needle: &[u8]| memchr::memmem::find(xml, needle).is_some();
    let utf16 = xml.starts_with(&[0xff, 0xfe]) || xml.starts_with(&[0xfe, 0xff]);
    let formulas = [&b"<f>"[..], b"<f ", b"<f/", b":f>", b":f ", b":f/"].iter().any(|n| holds(n));
    if utf16 || formulas || holds(b"hidden") {
        return scan_tags(xml);
    }
    match memchr::memmem::find(xml, b"mergeCell") {
        Some(at) => scan_tags(&xml[xml[..at].iter().rposition(|&b| b == b'<').unwrap_or(0)..]),
        None => SheetScan::default(),
    }
}

/// Every tag of a worksheet part, read.
fn scan_tags(xml: &[u8]) -> SheetScan {
    let mut scan = SheetScan::default();
    let mut next_row: u32 = 0;
    let mut cell: Option<Cell<'_>> = None;
    // Inside the cell's `<v>`, before any other tag.
    let mut in_v = false;
    for event in events(xml) {
        let (tag, empty) = match event {
            Event::Start(tag) => (tag, false),
            Event::Empty(tag) => (tag, true),
            Event::End(tag) => {
                in_v = false;
                if local(tag.name()) == "c" {
                    if let Some(c) = cell.take() {
                        // An empty `<v>` is a value only for a text result (a formula giving "").
                        if c.value || (c.v && matches!(attrs(&c.tag, ["t"]), [Some(t)] if t.value == "str")) {
                            scan.values += 1;
                        } else if c.formula {
                            scan.formulas_without_value += 1;
                        }
                    }
                }
                continue;
            }
            // What `<v>` holds: a value unless it is all white space (a reference is a character).
            Event::Text(_) | Event::CData(_) | Event::GeneralRef(_) if in_v => {
                let blank = match &event {
                    Event::Text(text) => text.bytes().all(|b| b.is_ascii_whitespace()),
                    Event::CData(text) => text.bytes().all(|b| b.is_ascii_whitespace()),
                    _ => false,
                };
                if let Some(c) = cell.as_mut() {
                    c.value |= !blank;
                }
                continue;
            }
            _ => continue,
        };
        in_v = false;
        match local(tag.name()) {
            "row" => {
                let [r, hidden] = attrs(&tag, ["r", "hidden"]);
                let row = r.and_then(|r| parse_u32(r.value.as_bytes())).and_then(|r| r.checked_sub(1)).unwrap_or(next_row);
                next_row = row.saturating_add(1);
                if hidden.is_some_and(|h| matches!(h.value.as_ref(), "1" | "true")) && row < MAX_ROWS {
                    scan.hidden_rows.push(row);
                }
            }
            "c" if !empty => cell = Some(Cell { tag, formula: false, value: false, v: false }),
            "f" => {
                if let Some(c) = cell.as_mut() {
                    c.formula = true;
                }
            }
            "v" => {
                if let Some(c) = cell.as_mut() {
                    c.v = true;
                    in_v = !empty;
                }
            }
            "is" => {
                if let Some(c) = cell.as_mut() {
                    c.value = true;
                }
            }
            "mergeCell" => {
                let [range] = attrs(&tag, ["ref"]);
                if let Some(m) = range.and_then(|r| parse_range(r.value.as_bytes())) {
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
/// Style names are kept as written (still escaped), on both sides.
#[derive(Default)]
struct OdsStyles {
    styles: HashMap<String, (Option<bool>, Option<String>)>,
    /// Inside a `<style:style>`: its name, bold, parent.
    open: Option<(String, Option<bool>, Option<String>)>,
}

impl OdsStyles {
    /// Take a style tag; false when the event is not about styles.
    fn take(&mut self, event: &Event<'_>) -> bool {
        match event {
            Event::Start(tag) | Event::Empty(tag) => match local(tag.name()) {
                "style" => {
                    let [name, parent] =
                        attrs(tag, ["style:name", "style:parent-style-name"]).map(|a| a.map(|a| a.value.into_owned()));
                    self.open = Some((name.unwrap_or_default(), None, parent));
                    if matches!(event, Event::Empty(_)) {
                        self.close();
                    }
                }
                "text-properties" => {
                    if let (Some(open), [Some(weight)]) = (self.open.as_mut(), attrs(tag, ["fo:font-weight"])) {
                        open.1 = Some(weight.value == "bold" || parse_u32(weight.value.as_bytes()).is_some_and(|w| w >= 600));
                    }
                }
                _ => return false,
            },
            Event::End(tag) if local(tag.name()) == "style" => self.close(),
            _ => return false,
        }
        true
    }

    fn close(&mut self) {
        if let Some((name, bold, parent)) = self.open.take() {
            self.styles.insert(name, (bold, parent));
        }
    }

    fn is_bold(&self, name: &str) -> bool {
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
    for event in styles_xml.map(events).into_iter().flatten() {
        styles.take(&event);
    }
    let mut bold_cache: HashMap<String, bool> = HashMap::new();
    let mut is_bold = |styles: &OdsStyles, name: &str| -> bool {
        if let Some(b) = bold_cache.get(name) {
            return *b;
        }
        let b = styles.is_bold(name);
        bold_cache.insert(name.to_string(), b);
        b
    };
    let repeat = |n: Option<Attribute<'_>>, max: u32| n.and_then(|n| parse_u32(n.value.as_bytes())).unwrap_or(1).clamp(1, max);

    let mut tables = HashMap::new();
    // The table being read (tables inside cells are skipped: depth > 1).
    let mut depth = 0u32;
    let mut table = OdsTable::default();
    let mut name = String::new();
    let mut columns: Vec<(u32, u32, String)> = Vec::new();
    let mut next_column = 0u32;
    let (mut row, mut row_repeat, mut col) = (0u32, 1u32, 0u32);
    let mut row_style: Option<String> = None;
    for event in events(content) {
        if depth == 0 && styles.take(&event) {
            continue;
        }
        let (tag, empty) = match event {
            Event::Start(tag) => (tag, false),
            Event::Empty(tag) => (tag, true),
            Event::End(tag) => {
                match local(tag.name()) {
                    "table" => {
                        depth = depth.saturating_sub(1);
                        if depth == 0 {
                            tables.insert(std::mem::take(&mut name), std::mem::take(&mut table));
                        }
                    }
                    "table-row" if depth == 1 => row = row.saturating_add(row_repeat),
                    _ => {}
                }
                continue;
            }
            _ => continue,
        };
        match local(tag.name()) {
            "table" => {
                if depth == 0 {
                    let [table_name] = attrs(&tag, ["table:name"]);
                    name = table_name.map(text).unwrap_or_default();
                    table = OdsTable::default();
                    columns.clear();
                    (next_column, row, row_repeat, col) = (0, 0, 1, 0);
                }
                if !empty {
                    depth += 1;
                } else if depth == 0 {
                    tables.insert(std::mem::take(&mut name), std::mem::take(&mut table));
                }
            }
            _ if depth != 1 => {}
            "table-column" => {
                let [n, style] = attrs(&tag, ["table:number-columns-repeated", "table:default-cell-style-name"]);
                let n = repeat(n, MAX_COLS);
                if let Some(style) = style {
                    columns.push((next_column, n, style.value.into_owned()));
                }
                next_column = next_column.saturating_add(n);
            }
            "table-row" => {
                let [n, visibility, style] =
                    attrs(&tag, ["table:number-rows-repeated", "table:visibility", "table:default-cell-style-name"]);
                row_repeat = repeat(n, MAX_ROWS);
                if visibility.is_some_and(|v| matches!(v.value.as_ref(), "collapse" | "filter")) && row < MAX_ROWS {
                    table.hidden_rows.push((row, row_repeat));
                }
                row_style = style.map(|a| a.value.into_owned());
                col = 0;
                if empty {
                    row = row.saturating_add(row_repeat);
                }
            }
            "table-cell" | "covered-table-cell" => {
                let [n, own] = attrs(&tag, ["table:number-columns-repeated", "table:style-name"]);
                let n = repeat(n, MAX_COLS);
                let style = own.as_ref().map(|a| a.value.as_ref()).or(row_style.as_deref()).or_else(|| {
                    columns.iter().find(|(start, count, _)| *start <= col && col - start < *count).map(|c| c.2.as_str())
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

/// The events of one part, in order, borrowing from it; they end at the end of the part or at the
/// first thing quick-xml cannot read (the scans keep what came before). End tags are not matched
/// against start tags, and a lone `&` is text: the scans look at a few tags, not at the whole.
fn events(xml: &[u8]) -> Events<'_> {
    let mut reader = Reader::from_reader(xml);
    let config = reader.config_mut();
    config.check_end_names = false;
    config.allow_unmatched_ends = true;
    config.allow_dangling_amp = true;
    Events(reader)
}

/// See [`events`]. A named iterator, not `iter::from_fn(…).fuse()`: that made reading a large
/// sheet's events a tenth slower in a release (opt-level "z") build.
struct Events<'x>(Reader<&'x [u8]>);

impl<'x> Iterator for Events<'x> {
    type Item = Event<'x>;

    fn next(&mut self) -> Option<Event<'x>> {
        match self.0.read_event() {
            Ok(Event::Eof) | Err(_) => None,
            Ok(event) => Some(event),
        }
    }
}

/// A name without its namespace prefix (`x:row` → `row`), as `QName::local_name` gives it, but
/// with a byte loop: its `str::find` made a large sheet's scan an eighth slower in a release
/// (opt-level "z") build.
fn local(name: QName<'_>) -> &str {
    match name.0.bytes().position(|b| b == b':') {
        Some(colon) => &name.0[colon + 1..],
        None => name.0,
    }
}

/// A tag's attributes, as far as they are well formed (a repeated name is not checked for).
fn attributes<'t>(tag: &'t BytesStart<'_>) -> impl Iterator<Item = Attribute<'t>> {
    let mut attributes = tag.attributes();
    attributes.with_checks(false);
    attributes.map_while(Result::ok)
}

/// A tag's attributes of these names as written (`r`, `style:name`), the first of each, in one pass.
fn attrs<'t, const N: usize>(tag: &'t BytesStart<'_>, keys: [&str; N]) -> [Option<Attribute<'t>>; N] {
    let mut found = [const { None }; N];
    for a in attributes(tag) {
        if let Some(i) = keys.iter().position(|&k| a.key.as_ref() == k) {
            found[i].get_or_insert(a);
        }
    }
    found
}

/// An attribute's value as text, XML's references replaced (kept as written when one is unknown).
fn text(a: Attribute<'_>) -> String {
    match a.normalized_value(XmlVersion::Implicit1_0) {
        Ok(value) => value.into_owned(),
        Err(_) => a.value.into_owned(),
    }
}
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attributes_and_events() {
        let xml = br#"<?xml version="1.0"?><!-- <row hidden="1"> --><x:row r="5" hidden='1' note="a>b" name="A &amp; B &#7899;&#x1EA1;" bad="x &bad; y"><c r="A5"/></x:row>"#;
        let mut seen = Vec::new();
        for event in events(xml) {
            match event {
                Event::Start(tag) => {
                    let value = |key| {
                        let [a] = attrs(&tag, [key]);
                        a.map(text)
                    };
                    seen.push((local(tag.name()).to_string(), value("r"), value("note"), value("name"), value("bad")));
                }
                Event::Empty(tag) => seen.push((local(tag.name()).to_string(), None, None, None, None)),
                _ => {}
            }
        }
        let some = |s: &str| Some(s.to_string());
        assert_eq!(
            seen,
            vec![
                ("row".into(), some("5"), some("a>b"), some("A & B ớạ"), some("x &bad; y")),
                ("c".into(), None, None, None, None),
            ]
        );
        // Malformed from some point on: what came before stands, nothing panics.
        let cut = br#"<sheetData><row r="2" hidden="1"/><row r="4" hidden="1"><c r="A4"><v>1</v></c></row><row r="6" hidden="1"#;
        assert_eq!(scan_xlsx_sheet(cut).hidden_rows, vec![1, 3]);
        assert_eq!(scan_xlsx_sheet(b"\xff\xfe<\0r\0").hidden_rows, Vec::<u32>::new());
        assert_eq!(scan_xlsx_sheet(b"<row r=\"3\" hidden=\"1\"><c><v>\xc0</v></c></row>").hidden_rows, vec![2]);
    }

    #[test]
    fn self_closing_and_escaped() {
        // `<row/>` (no cells) hidden or not; `<v>` holding a reference or CDATA; a lone `&`.
        let xml = br#"<worksheet><sheetData>
            <row r="2" hidden="1"/><row spans="1:3"/><row hidden="1" r="7" />
            <row r="8"><c r="A8"><f>A1</f><v>&amp;</v></c><c r="B8"><f>B1</f><v><![CDATA[x]]></v></c><c r="C8"><f>C1</f><v> </v></c><c r="D8" t="s"><v>R&D</v></c></row>
            </sheetData><mergeCells><mergeCell ref="$A$8:B9"/></mergeCells></worksheet>"#;
        let scan = scan_xlsx_sheet(xml);
        assert_eq!(scan.hidden_rows, vec![1, 6]);
        assert_eq!((scan.formulas_without_value, scan.values), (1, 3));
        assert_eq!(scan.merges, vec![Merge { top: 7, left: 0, bottom: 8, right: 1 }]);
    }

    #[test]
    fn sheet_paths_unescape_names_and_targets() {
        let mut book = rust_xlsxwriter::Workbook::new();
        book.add_worksheet().set_name("Kế hoạch & tiến độ").unwrap();
        book.add_worksheet().set_name("Q'1 <tổng>").unwrap();
        let bytes = book.save_to_buffer().unwrap();
        let mut package = Package::open(&bytes).unwrap();
        let paths = package.xlsx_sheet_paths();
        assert_eq!(paths.get("Kế hoạch & tiến độ").map(String::as_str), Some("xl/worksheets/sheet1.xml"));
        assert_eq!(paths.get("Q'1 <tổng>").map(String::as_str), Some("xl/worksheets/sheet2.xml"));
        let rels =
            br#"<Relationships><Relationship Id="rId1" Type="x/officeDocument" Target="/xl/a&amp;b.xml"/></Relationships>"#;
        let found: Vec<_> = relationships(rels).into_iter().map(|r| (r.id, r.target, r.kind)).collect();
        assert_eq!(found, vec![("rId1".to_string(), "/xl/a&b.xml".to_string(), "x/officeDocument".to_string())]);
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
    fn a_plain_sheet_is_scanned_for_its_merges_alone() {
        // No formula, no hidden row: only the merged cells after the cells are read, with a
        // prefix, with text that merely mentions them, and none at all.
        let xml = br#"<x:worksheet><x:sheetData>
            <x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>hidden mergeCell</x:t></x:is></x:c></x:row>
            <x:row r="2"><x:c r="A2"><x:v>5</x:v></x:c></x:row>
            </x:sheetData><x:mergeCells count="2"><x:mergeCell ref="A1:C1"/><x:mergeCell ref="B5:B9"/></x:mergeCells></x:worksheet>"#;
        let merges = vec![Merge { top: 0, left: 0, bottom: 0, right: 2 }, Merge { top: 4, left: 1, bottom: 8, right: 1 }];
        let plain: Vec<u8> = String::from_utf8_lossy(xml).replace("hidden mergeCell", "tiêu đề").into_bytes();
        assert_eq!(scan_xlsx_sheet(&plain).merges, merges);
        let (quick, full) = (scan_xlsx_sheet(&plain), scan_tags(&plain));
        assert_eq!((&quick.hidden_rows, &quick.merges, quick.lacks_values()), (&full.hidden_rows, &full.merges, full.lacks_values()));
        // The words in a cell: read from there on, or the slow road for "hidden"; the same found.
        let mentions: Vec<u8> = String::from_utf8_lossy(xml).replace("hidden mergeCell", "mergeCell").into_bytes();
        assert_eq!(scan_xlsx_sheet(&mentions).merges, merges);
        assert_eq!(scan_xlsx_sheet(xml).merges, merges);
        let bare = br#"<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData></worksheet>"#;
        assert_eq!(scan_xlsx_sheet(bare), SheetScan::default());
        // A formula's missing value is still found.
        let formula = br#"<worksheet><sheetData><row r="1"><c r="A1"><f>B1</f></c></row></sheetData></worksheet>"#;
        assert!(scan_xlsx_sheet(formula).lacks_values());
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
