//! The reader's answer as it travels from the file worker to the page: postcard bytes, sent as
//! transferable arrays. At 10,000 rows a JSON string was 5.4 MB that the page had to copy into its
//! WebAssembly and parse while frozen; the same answer in postcard is a fraction of that, with no
//! text to scan and no numbers to parse. The answer goes in parts: first everything but the rows
//! ([`encode_parts`]), then the rows in slices of [`ROWS_PER_PART`], so the page decodes a large
//! file a slice at a time, letting the browser paint and answer between them ([`Parts`]).

use serde::{Deserialize, Serialize};

use super::rows::RowDraft;
use super::{ImportError, ReadResponse};

/// Rows per part after the first: decoding a part is a few milliseconds.
pub const ROWS_PER_PART: usize = 2_500;

/// The answer as bytes to send, in one part.
pub fn encode(response: &ReadResponse) -> Vec<u8> {
    // Every type in the answer is plain data: postcard cannot fail on it (it would only fail on a
    // type it does not support, which the tests below would show).
    postcard::to_allocvec(response).unwrap_or_default()
}

/// The answer from the bytes received; bytes that do not read back mean the reader went wrong.
pub fn decode(bytes: &[u8]) -> ReadResponse {
    postcard::from_bytes(bytes).unwrap_or(Err(ImportError::ReaderCrashed))
}

/// A slice of one sheet's rows.
#[derive(Serialize, Deserialize)]
struct RowsPart {
    sheet: u32,
    rows: Vec<RowDraft>,
}

/// The answer as parts to send: the answer with every sheet's rows left out, then each sheet's
/// rows, [`ROWS_PER_PART`] to a part, in order.
pub fn encode_parts(mut response: ReadResponse) -> Vec<Vec<u8>> {
    let mut slices = Vec::new();
    if let Ok(sheets) = &mut response {
        for (i, sheet) in sheets.iter_mut().enumerate() {
            if let Ok(read) = &mut sheet.result {
                let mut rows = std::mem::take(&mut read.rows).into_iter().peekable();
                while rows.peek().is_some() {
                    let part = RowsPart { sheet: i as u32, rows: rows.by_ref().take(ROWS_PER_PART).collect() };
                    slices.push(postcard::to_allocvec(&part).unwrap_or_default());
                }
            }
        }
    }
    let mut parts = vec![encode(&response)];
    parts.extend(slices);
    parts
}

/// The answer being put together from its parts, as they are decoded one by one.
pub struct Parts {
    response: ReadResponse,
}

impl Parts {
    /// Begins with the first part (the answer without its rows).
    pub fn new(first: &[u8]) -> Parts {
        Parts { response: decode(first) }
    }

    /// Adds a part of rows. A part that does not read back, or names a sheet the answer has no
    /// table for, means the reader went wrong: the whole answer is then a crashed reader.
    pub fn add(&mut self, bytes: &[u8]) {
        let Ok(sheets) = &mut self.response else { return };
        let part: Option<RowsPart> = postcard::from_bytes(bytes).ok();
        let read = part.and_then(|part| match sheets.get_mut(part.sheet as usize).map(|s| &mut s.result) {
            Some(Ok(read)) => {
                read.rows.extend(part.rows);
                Some(())
            }
            _ => None,
        });
        if read.is_none() {
            self.response = Err(ImportError::ReaderCrashed);
        }
    }

    pub fn finish(self) -> ReadResponse {
        self.response
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::{read, ReadRequest};

    fn request(name: &str) -> ReadRequest {
        ReadRequest { file_name: name.to_string(), ..ReadRequest::default() }
    }

    /// Every real tracker in the fixtures, and a refusal, arrive on the page exactly as read, and
    /// smaller than the JSON they used to travel as.
    #[test]
    fn every_fixture_answer_arrives_as_read() {
        let dirs = ["tests/fixtures", "tests/fixtures/trackers"];
        let mut seen = 0;
        for dir in dirs {
            for entry in std::fs::read_dir(format!("{}/{dir}", env!("CARGO_MANIFEST_DIR"))).into_iter().flatten().flatten() {
                let name = entry.file_name().to_string_lossy().to_string();
                if !["xlsx", "xls", "xlsm", "ods", "csv"].iter().any(|e| name.ends_with(e)) {
                    continue;
                }
                let bytes = std::fs::read(entry.path()).unwrap_or_default();
                let response = read(&request(&name), &bytes);
                let sent = encode(&response);
                assert_eq!(decode(&sent), response, "{name}");
                if response.is_ok() {
                    let json = serde_json::to_string(&response).unwrap_or_default();
                    assert!(sent.len() < json.len(), "{name}: {} bytes, JSON {}", sent.len(), json.len());
                }
                seen += 1;
            }
        }
        assert!(seen >= 20, "only {seen} fixtures read");
    }

    /// Sent in parts, a large answer arrives exactly as read: sheets in order, each sheet's rows in
    /// order, with no part holding more than a slice of rows.
    #[test]
    fn an_answer_in_parts_arrives_as_read() {
        let mut csv = String::from("STT;Nội dung nhiệm vụ;Đơn vị chủ trì;Thời hạn\n");
        for i in 0..(ROWS_PER_PART * 2 + 7) {
            csv += &format!("{};Nhiệm vụ số {i};Phòng Kinh tế;{:02}/03/2026\n", i + 1, 1 + i % 28);
        }
        let response = read(&request("theo-doi.csv"), csv.as_bytes());
        let rows = response.as_ref().map(|s| s[0].result.as_ref().map(|r| r.rows.len()).unwrap_or(0)).unwrap_or(0);
        assert_eq!(rows, ROWS_PER_PART * 2 + 7);
        let parts = encode_parts(response.clone());
        assert_eq!(parts.len(), 4, "the answer, then three slices of rows");
        let mut got = Parts::new(&parts[0]);
        for part in &parts[1..] {
            got.add(part);
        }
        assert_eq!(got.finish(), response);
        // Every fixture too, sheets of every kind (refused sheets, several sheets, hidden ones).
        for name in ["tests/fixtures/trackers"] {
            for entry in std::fs::read_dir(format!("{}/{name}", env!("CARGO_MANIFEST_DIR"))).into_iter().flatten().flatten() {
                let file = entry.file_name().to_string_lossy().to_string();
                if !["xlsx", "xls", "ods", "csv"].iter().any(|e| file.ends_with(e)) {
                    continue;
                }
                let response = read(&request(&file), &std::fs::read(entry.path()).unwrap_or_default());
                let parts = encode_parts(response.clone());
                let mut got = Parts::new(&parts[0]);
                parts[1..].iter().for_each(|p| got.add(p));
                assert_eq!(got.finish(), response, "{file}");
            }
        }
    }

    #[test]
    fn a_part_that_does_not_fit_the_answer_is_a_crashed_reader() {
        let response = read(&request("a.csv"), "STT;Nội dung nhiệm vụ\n1;Báo cáo\n".as_bytes());
        let parts = encode_parts(response);
        let mut got = Parts::new(&parts[0]);
        got.add(b"\xff\xff\xff\xff");
        assert_eq!(got.finish(), Err(ImportError::ReaderCrashed));
        // Rows for a sheet the answer does not have.
        let mut got = Parts::new(&parts[0]);
        got.add(&postcard::to_allocvec(&RowsPart { sheet: 9, rows: Vec::new() }).unwrap_or_default());
        assert_eq!(got.finish(), Err(ImportError::ReaderCrashed));
    }

    #[test]
    fn bytes_that_are_not_an_answer_are_a_crashed_reader() {
        assert_eq!(decode(b"\xff\xff\xff"), Err(ImportError::ReaderCrashed));
        assert_eq!(decode(&encode(&Err(ImportError::TooManyRows { limit: 7 }))), Err(ImportError::TooManyRows { limit: 7 }));
    }
}
