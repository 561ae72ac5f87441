//! The layout of a Vietnamese administrative document (Nghị định 30/2020/NĐ-CP, Phụ lục I), as
//! building blocks for the Word writers: the A4 page and its margins, Times New Roman, the header
//! (issuing body and number on the left, the national name and motto with the place and date on
//! the right), "Kính gửi", body paragraphs, ruled tables, and the closing block ("Nơi nhận" on the
//! left, the signature on the right).

use chrono::{Datelike, NaiveDate};
use docx_rs::{
    AlignmentType, BorderType, BreakType, Docx, Header, LineSpacing, LineSpacingType, PageMargin, PageNum, Paragraph,
    ParagraphBorder, ParagraphBorderPosition, ParagraphBorders, Run, RunFonts, SpecialIndentType, Table, TableCell,
    TableCellMargins, TableLayoutType, TableRow, VAlignType, WidthType,
};

/// The official typeface.
pub const FONT: &str = "Times New Roman";

/// A4 portrait, in twips (1/1440 inch): 210 × 297 mm.
pub const PAGE_WIDTH: u32 = 11906;
pub const PAGE_HEIGHT: u32 = 16838;
/// Margins: top and bottom 20 mm, left 30 mm, right 15 mm.
pub const MARGIN_TOP: i32 = 1134;
pub const MARGIN_BOTTOM: i32 = 1134;
pub const MARGIN_LEFT: i32 = 1701;
pub const MARGIN_RIGHT: i32 = 850;
/// The width between the margins (165 mm).
pub const TEXT_WIDTH: usize = (PAGE_WIDTH as i32 - MARGIN_LEFT - MARGIN_RIGHT) as usize;

/// Body text size in points (13–14).
pub const BODY_PT: usize = 14;
/// Text in tables, and the header's small lines, in points.
pub const SMALL_PT: usize = 12;
/// First-line indent of body paragraphs: 1 cm.
const FIRST_LINE: i32 = 567;
/// Space between paragraphs: 6 pt (in twips).
const PARAGRAPH_GAP: u32 = 120;

/// The header's two columns (issuing body | national name), wider than the text by a little
/// on the left, as the official templates lay it out so the national name fits on one line.
const HEAD_LEFT: usize = 3686;
const HEAD_RIGHT: usize = 5953;
const HEAD_INDENT: i32 = -142;

/// Who issues the document and who signs it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Letterhead {
    /// The superior body, in capitals, written plain ("ỦY BAN NHÂN DÂN"); may be empty.
    pub superior: String,
    /// The issuing body, in capitals, written bold ("THỊ XÃ HOÀNG MAI").
    pub issuer: String,
    /// The issuing body as a sentence names it ("UBND thị xã Hoàng Mai"): to whom units report back.
    pub issuer_name: String,
    /// After the number: "UBND-VP" gives "Số:      /UBND-VP".
    pub number_suffix: String,
    /// The number, when the office has already taken one ("125"); empty leaves the blank the
    /// clerk of records (văn thư) writes it in. Never remembered from one document to the next.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub number: String,
    /// The place in the date line ("Hoàng Mai").
    pub place: String,
    pub date: NaiveDate,
    /// The signer's role, one line per line of the block ("KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH").
    pub signer_role: String,
    pub signer_name: String,
}

impl Letterhead {
    /// "Số:        /UBND-VP", or "Số: 125/UBND-VP" once the number is given.
    pub fn number_line(&self) -> String {
        match self.number.trim() {
            "" => format!("Số:        /{}", self.number_suffix),
            n => format!("Số: {n}/{}", self.number_suffix),
        }
    }

    /// The document as the unit table names it: "125/UBND-VP", or "…/UBND-VP" before it has a number.
    pub fn reference(&self) -> String {
        match self.number.trim() {
            "" => format!("…/{}", self.number_suffix),
            n => format!("{n}/{}", self.number_suffix),
        }
    }

    /// The office of the sample workspace (thị xã Hoàng Mai), for the sample documents and tests.
    pub fn sample(date: NaiveDate, number_suffix: &str) -> Letterhead {
        Letterhead {
            superior: "ỦY BAN NHÂN DÂN".into(),
            issuer: "THỊ XÃ HOÀNG MAI".into(),
            issuer_name: "UBND thị xã (qua Văn phòng HĐND và UBND thị xã)".into(),
            number_suffix: number_suffix.into(),
            number: String::new(),
            place: "Hoàng Mai".into(),
            date,
            signer_role: "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH".into(),
            signer_name: "Nguyễn Văn An".into(),
        }
    }
}

/// A document could not be written (the packer's own error, told as it is).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocxError(pub String);

impl std::fmt::Display for DocxError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "không tạo được tệp Word: {}", self.0)
    }
}

impl std::error::Error for DocxError {}

fn fonts() -> RunFonts {
    RunFonts::new().ascii(FONT).hi_ansi(FONT).cs(FONT).east_asia(FONT)
}

/// An empty A4 document in the official typeface and size, numbered from page 2 at the top centre.
pub fn new_document() -> Docx {
    let page_number = Paragraph::new().add_page_num(PageNum::new()).align(AlignmentType::Center);
    Docx::new()
        .page_size(PAGE_WIDTH, PAGE_HEIGHT)
        .page_margin(PageMargin::new().top(MARGIN_TOP).bottom(MARGIN_BOTTOM).left(MARGIN_LEFT).right(MARGIN_RIGHT).header(567).footer(567))
        .default_fonts(fonts())
        .default_size(BODY_PT * 2)
        .header(Header::new().add_paragraph(page_number))
        .first_header(Header::new())
}

/// The document as .docx bytes.
pub fn pack(doc: Docx) -> Result<Vec<u8>, DocxError> {
    let mut out = std::io::Cursor::new(Vec::new());
    doc.build().pack(&mut out).map_err(|e| DocxError(e.to_string()))?;
    Ok(out.into_inner())
}

/// The date line: "Hoàng Mai, ngày 05 tháng 3 năm 2024". Days below 10 and the months 1 and 2
/// take a leading zero, as the decree writes them ("ngày 05 tháng 01", "tháng 3").
pub fn place_and_date(place: &str, date: NaiveDate) -> String {
    let month = match date.month() {
        m @ (1 | 2) => format!("{m:02}"),
        m => m.to_string(),
    };
    format!("{place}, ngày {:02} tháng {month} năm {}", date.day(), date.year())
}

/// A run of text in a size (points); line breaks in the text stay line breaks.
/// Each run names the typeface too, so text pasted into another document keeps it.
pub fn text(content: &str, pt: usize) -> Run {
    let mut run = Run::new().size(pt * 2).fonts(fonts());
    for (i, line) in content.split('\n').enumerate() {
        if i > 0 {
            run = run.add_break(BreakType::TextWrapping);
        }
        run = run.add_text(line.trim_end_matches('\r'));
    }
    run
}

/// Spacing: `before` twips above, none below, single lines.
fn spacing(before: u32) -> LineSpacing {
    LineSpacing::new().before(before).after(0).line(240).line_rule(LineSpacingType::Auto)
}

/// A centred line of the header or the signature block.
fn centred(run: Run) -> Paragraph {
    Paragraph::new().add_run(run).align(AlignmentType::Center).line_spacing(spacing(0))
}

/// The short rule under the issuing body (a third of its column, centred).
fn short_rule(column: usize) -> Paragraph {
    let inset = (column as i32 - 2 * 108) / 3;
    let mut p = Paragraph::new()
        .indent(Some(inset), None, Some(inset), None)
        .line_spacing(LineSpacing::new().before(0).after(0).line(60).line_rule(LineSpacingType::Exact));
    // The bottom of an empty 3 pt line: just under the text above, clear of its descenders.
    let line = ParagraphBorder::new(ParagraphBorderPosition::Bottom).val(BorderType::Single).size(6).space(0);
    p.property = p.property.set_borders(ParagraphBorders::with_empty().set(line));
    p
}

/// The short rule under a report's title.
pub fn title_rule() -> Paragraph {
    short_rule(TEXT_WIDTH)
}

fn borderless_cell(width: usize, paragraphs: Vec<Paragraph>) -> TableCell {
    paragraphs.into_iter().fold(TableCell::new().width(width, WidthType::Dxa).clear_all_border(), |c, p| c.add_paragraph(p))
}

fn borderless_table(left: (usize, Vec<Paragraph>), right: (usize, Vec<Paragraph>)) -> Table {
    let row = TableRow::new(vec![borderless_cell(left.0, left.1), borderless_cell(right.0, right.1)]);
    Table::without_borders(vec![row])
        .set_grid(vec![left.0, right.0])
        .width(left.0 + right.0, WidthType::Dxa)
        .layout(TableLayoutType::Fixed)
        .indent(HEAD_INDENT)
}

/// The header: issuing body, rule, number and (for a công văn) the "V/v" summary on the left;
/// the national name, the motto and the place and date on the right.
pub fn letter_head(head: &Letterhead, subject: Option<&str>) -> Table {
    let mut left = Vec::new();
    if !head.superior.trim().is_empty() {
        left.push(centred(text(&head.superior, SMALL_PT + 1)));
    }
    left.push(centred(text(&head.issuer, SMALL_PT + 1).bold()));
    left.push(short_rule(HEAD_LEFT));
    // The spaces above the number (10 pt) and the date line (12 pt) set them level with each other.
    left.push(centred(text(&head.number_line(), SMALL_PT + 1)).line_spacing(spacing(200)));
    if let Some(subject) = subject {
        left.push(centred(text(&format!("V/v {subject}"), SMALL_PT)));
    }
    let right = vec![
        centred(text("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", SMALL_PT + 1).bold()),
        centred(text("Độc lập - Tự do - Hạnh phúc", BODY_PT).bold().underline("single")),
        centred(text(&place_and_date(&head.place, head.date), BODY_PT).italic()).line_spacing(spacing(240)),
    ];
    borderless_table((HEAD_LEFT, left), (HEAD_RIGHT, right))
}

/// "Kính gửi: Phòng Tài chính - Kế hoạch." centred, the addressee as given.
pub fn addressee(to: &str) -> Paragraph {
    Paragraph::new()
        .add_run(text("Kính gửi: ", BODY_PT))
        .add_run(text(to, BODY_PT))
        .align(AlignmentType::Center)
        .line_spacing(spacing(3 * PARAGRAPH_GAP))
}

/// A title line of a report ("BÁO CÁO", then what it is about), centred and bold.
pub fn title(line: &str, before: u32) -> Paragraph {
    Paragraph::new().add_run(text(line, BODY_PT).bold()).align(AlignmentType::Center).line_spacing(spacing(before))
}

/// A body paragraph: justified, first line indented 1 cm, 6 pt above.
pub fn body(content: &str) -> Paragraph {
    body_runs(vec![text(content, BODY_PT)])
}

/// A body paragraph of several runs (a bold lead-in, then text).
pub fn body_runs(runs: Vec<Run>) -> Paragraph {
    runs.into_iter().fold(Paragraph::new(), Paragraph::add_run)
        .align(AlignmentType::Both)
        .indent(None, Some(SpecialIndentType::FirstLine(FIRST_LINE)), None, None)
        .line_spacing(LineSpacing::new().before(PARAGRAPH_GAP).after(0).line(276).line_rule(LineSpacingType::Auto))
}

/// A section heading of the body ("I. KẾT QUẢ CHUNG"): bold, indented like the body.
pub fn heading(content: &str) -> Paragraph {
    body_runs(vec![text(content, BODY_PT).bold()]).keep_next(true)
}

/// A column of a ruled table: its heading, width (twips) and how its cells align.
#[derive(Debug, Clone, Copy)]
pub struct Column<'a> {
    pub header: &'a str,
    pub width: usize,
    pub align: AlignmentType,
}

/// A row of a ruled table; `strong` rows (totals) are bold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub cells: Vec<String>,
    pub strong: bool,
}

fn table_cell(width: usize, content: &str, pt: usize, align: AlignmentType, bold: bool) -> TableCell {
    let run = if bold { text(content, pt).bold() } else { text(content, pt) };
    let p = Paragraph::new()
        .add_run(run)
        .align(align)
        .line_spacing(LineSpacing::new().before(40).after(40).line(240).line_rule(LineSpacingType::Auto));
    TableCell::new().width(width, WidthType::Dxa).vertical_align(VAlignType::Center).add_paragraph(p)
}

/// Left and right padding of a ruled table's cells: 1 mm (Word's own 1.9 mm breaks words such as
/// "thành" in the report's narrow figure columns).
const CELL_PADDING: usize = 57;

/// A ruled table in `pt` points: a bold centred heading row, then the rows.
pub fn grid_table(columns: &[Column], rows: &[Row], pt: usize) -> Table {
    let head = TableRow::new(columns.iter().map(|c| table_cell(c.width, c.header, pt, AlignmentType::Center, true)).collect()).cant_split();
    let body = rows.iter().map(|r| {
        let cells = columns.iter().zip(&r.cells).map(|(c, v)| table_cell(c.width, v, pt, c.align, r.strong)).collect();
        TableRow::new(cells).cant_split()
    });
    Table::new(std::iter::once(head).chain(body).collect())
        .set_grid(columns.iter().map(|c| c.width).collect())
        .width(columns.iter().map(|c| c.width).sum(), WidthType::Dxa)
        .layout(TableLayoutType::Fixed)
        .margins(TableCellMargins::new().margin(0, CELL_PADDING, 0, CELL_PADDING))
}

/// "Nơi nhận:" and its list (each line "- …;", the file copy last: "- Lưu: VT.").
fn recipients_block(recipients: &[String]) -> Vec<Paragraph> {
    let line = |s: String| Paragraph::new().add_run(text(&s, SMALL_PT - 1)).line_spacing(spacing(0));
    let mut out = vec![Paragraph::new().add_run(text("Nơi nhận:", SMALL_PT).bold().italic()).line_spacing(spacing(PARAGRAPH_GAP))];
    out.extend(recipients.iter().map(|r| line(format!("- {};", r.trim_end_matches([';', '.', ' '])))));
    out.push(line("- Lưu: VT.".into()));
    out
}

/// The signature block: the role in bold capitals, room to sign and seal, the name in bold.
fn signature_block(head: &Letterhead) -> Vec<Paragraph> {
    let mut out: Vec<Paragraph> = head
        .signer_role
        .lines()
        .enumerate()
        .map(|(i, l)| centred(text(l.trim(), BODY_PT).bold()).line_spacing(spacing(if i == 0 { PARAGRAPH_GAP } else { 0 })))
        .collect();
    out.push(centred(text(&head.signer_name, BODY_PT).bold()).line_spacing(spacing(1700)));
    out
}

/// The closing block: "Nơi nhận" on the left, the signature on the right.
pub fn closing(head: &Letterhead, recipients: &[String]) -> Table {
    borderless_table((HEAD_LEFT, recipients_block(recipients)), (HEAD_RIGHT, signature_block(head))).indent(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_date_line_pads_days_and_the_first_two_months() {
        let d = |m, day| NaiveDate::from_ymd_opt(2024, m, day).unwrap();
        assert_eq!(place_and_date("Hoàng Mai", d(1, 20)), "Hoàng Mai, ngày 20 tháng 01 năm 2024");
        assert_eq!(place_and_date("Hoàng Mai", d(3, 5)), "Hoàng Mai, ngày 05 tháng 3 năm 2024");
        assert_eq!(place_and_date("Hoàng Mai", d(12, 31)), "Hoàng Mai, ngày 31 tháng 12 năm 2024");
    }

    #[test]
    fn the_page_is_a4_with_the_decrees_margins() {
        // 1 mm = 1440 / 25.4 twips.
        let mm = |v: f64| (v * 1440.0 / 25.4).round() as i32;
        assert_eq!((MARGIN_TOP, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT), (mm(20.0), mm(20.0), mm(30.0), mm(15.0)));
        assert_eq!((PAGE_WIDTH as i32, PAGE_HEIGHT as i32), (mm(210.0), mm(297.0)));
        assert_eq!(TEXT_WIDTH, 9355);
    }
}
