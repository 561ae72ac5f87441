//! The text of a .docx: its paragraphs in order, a numbered or bulleted paragraph written with a
//! "- " in front, bold headings as they are. Nothing else of the file is needed.

use std::io::Read;

/// The paragraphs of `word/document.xml`, one per line.
pub fn text_of_docx(bytes: &[u8]) -> Result<String, String> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|_| "File này không phải .docx hợp lệ (có thể bị hỏng). Hãy mở bằng Word rồi lưu lại.".to_string())?;
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .map_err(|_| "File .docx này không có nội dung văn bản.".to_string())?
        .read_to_string(&mut xml)
        .map_err(|_| "Không đọc được nội dung file .docx.".to_string())?;
    Ok(paragraphs(&xml).join("\n"))
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'").replace("&amp;", "&")
}

/// Paragraph texts from WordprocessingML: the `<w:t>` runs of each `<w:p>`, tabs and breaks as
/// spaces, a list paragraph (`<w:numPr>`) prefixed with "- ".
pub fn paragraphs(xml: &str) -> Vec<String> {
    let mut out = Vec::new();
    for para in xml.split("<w:p>").flat_map(|p| p.split("<w:p ")).skip(1) {
        let para = para.split("</w:p>").next().unwrap_or("");
        let mut text = String::new();
        let mut rest = para;
        // A text run is exactly "<w:t>" or "<w:t …>" (not "<w:tab/>", "<w:tc>", "<w:tbl>").
        let next_run = |r: &str| {
            let a = r.find("<w:t>");
            let b = r.find("<w:t ");
            match (a, b) {
                (Some(x), Some(y)) => Some(x.min(y)),
                (x, y) => x.or(y),
            }
        };
        while let Some(start) = next_run(rest) {
            let after = &rest[start..];
            let Some(open_end) = after.find('>') else { break };
            let body = &after[open_end + 1..];
            let Some(close) = body.find("</w:t>") else { break };
            // "<w:tab/>" and "<w:br/>" before this run read as a space.
            if rest[..start].contains("<w:tab") || rest[..start].contains("<w:br") {
                text.push(' ');
            }
            text.push_str(&unescape(&body[..close]));
            rest = &body[close + 6..];
        }
        let text = text.trim().to_string();
        if text.is_empty() {
            continue;
        }
        out.push(if para.contains("<w:numPr>") { format!("- {text}") } else { text });
    }
    out
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::*;
    use crate::directive::{read_directive, Target};

    /// A .docx as Word writes it, reduced to what is read: paragraphs, runs, numbering, bold.
    fn docx(paragraphs: &[(&str, bool)]) -> Vec<u8> {
        let body: String = paragraphs
            .iter()
            .map(|(text, numbered)| {
                let num = if *numbered { "<w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/></w:numPr></w:pPr>" } else { "" };
                let runs: String = text.split('|').map(|t| format!("<w:r><w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\">{t}</w:t></w:r>")).collect();
                format!("<w:p>{num}{runs}</w:p>")
            })
            .collect();
        let xml = format!("<?xml version=\"1.0\"?><w:document xmlns:w=\"x\"><w:body>{body}<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Nơi nhận:</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:body></w:document>");
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        zip.start_file("word/document.xml", zip::write::SimpleFileOptions::default()).unwrap();
        zip.write_all(xml.as_bytes()).unwrap();
        zip.finish().unwrap().into_inner()
    }

    #[test]
    fn a_docx_directive_reads_like_its_text() {
        let bytes = docx(&[
            ("THÔNG BÁO", false),
            ("Kết luận của Chủ tịch UBND thị xã tại phiên họp thường kỳ tháng 12/2023", false),
            ("II. Nhiệm vụ, giải pháp trọng tâm tháng 01/2024", false),
            ("2.1. Phòng Kinh tế", false),
            ("Tập trung chỉ đạo sản xuất |cây trồng vụ Xuân", true),
            ("Tổng hợp báo cáo kết quả &amp; kiến nghị về UBND thị xã trước ngày 20/01/2024.", true),
            ("2.2. Thanh tra", false),
            ("Hàng tuần báo cáo kết quả đôn đốc xử lý vụ việc.", true),
        ]);
        let text = text_of_docx(&bytes).unwrap();
        assert!(text.contains("- Tập trung chỉ đạo sản xuất cây trồng vụ Xuân"), "runs joined, numbering as a bullet");
        assert!(text.contains("kết quả & kiến nghị"), "entities decoded");
        assert!(!text.contains("<w:"), "no markup left");
        let r = read_directive(&text, &Default::default());
        assert_eq!(r.tasks.len(), 3);
        assert_eq!(r.tasks[0].target, Target::Units(vec!["Phòng Kinh tế".into()]));
        assert_eq!(r.tasks[0].deadline.due_date(), chrono::NaiveDate::from_ymd_opt(2024, 1, 31));
        assert_eq!(r.tasks[1].deadline.due_date(), chrono::NaiveDate::from_ymd_opt(2024, 1, 20));
        assert_eq!(r.tasks[2].target, Target::Units(vec!["Thanh tra".into()]));
        assert_eq!(r.document.kind, Some(crate::directive::DocKind::ThongBaoKetLuan));
    }

    #[test]
    fn not_a_docx_is_said_so() {
        assert!(text_of_docx(b"not a zip").unwrap_err().contains("không phải .docx"));
    }
}
