//! The reader's answer as it travels from the file worker to the page: postcard bytes, sent as a
//! transferable array. At 10,000 rows a JSON string was 5.4 MB that the page had to copy into its
//! WebAssembly and parse while frozen; the same answer in postcard is a fraction of that, with no
//! text to scan and no numbers to parse.

use super::{ImportError, ReadResponse};

/// The answer as bytes to send.
pub fn encode(response: &ReadResponse) -> Vec<u8> {
    // Every type in the answer is plain data: postcard cannot fail on it (it would only fail on a
    // type it does not support, which the tests below would show).
    postcard::to_allocvec(response).unwrap_or_default()
}

/// The answer from the bytes received; bytes that do not read back mean the reader went wrong.
pub fn decode(bytes: &[u8]) -> ReadResponse {
    postcard::from_bytes(bytes).unwrap_or(Err(ImportError::ReaderCrashed))
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

    #[test]
    fn bytes_that_are_not_an_answer_are_a_crashed_reader() {
        assert_eq!(decode(b"\xff\xff\xff"), Err(ImportError::ReaderCrashed));
        assert_eq!(decode(&encode(&Err(ImportError::TooManyRows { limit: 7 }))), Err(ImportError::TooManyRows { limit: 7 }));
    }
}
