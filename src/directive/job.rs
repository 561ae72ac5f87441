//! A directive read in the file worker: the page sends the text pasted (or a .txt/.docx file's
//! bytes) with the workspace's units, the worker answers with the document and the proposals to
//! review. The reader, its word lists and the file decoders live only in the worker, so they are
//! not part of the page's first load.

use serde::{Deserialize, Serialize};

use super::review::{proposals, Proposal};
use super::{read_directive, DocumentIdentity};
use crate::domain::{Deadline, Unit, UnitDirectory};

/// What the page asks: text pasted, or a file (its name says how to decode it).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub enum DirectiveSource {
    Text(String),
    /// The bytes travel beside the message (as a transferable array), not in it.
    File {
        name: String,
        #[serde(skip)]
        bytes: Vec<u8>,
    },
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DirectiveRequest {
    pub source: DirectiveSource,
    /// The workspace's units, so that names it knows are read as its units.
    pub units: Vec<Unit>,
}

/// What the page shows for review.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DirectiveAnswer {
    /// The text read (a file's, for the text box).
    pub text: String,
    pub document: DocumentIdentity,
    pub default_deadline: Option<Deadline>,
    pub proposals: Vec<Proposal>,
}

/// Read the directive: the answer, or why the file could not be read (in Vietnamese).
pub fn answer(request: &DirectiveRequest) -> Result<DirectiveAnswer, String> {
    let text = match &request.source {
        DirectiveSource::Text(text) => text.clone(),
        DirectiveSource::File { name, bytes } if name.to_lowercase().ends_with(".docx") => super::docx::text_of_docx(bytes)?,
        DirectiveSource::File { bytes, .. } => crate::import::csv_file::decode(bytes),
    };
    let units = UnitDirectory::new(request.units.clone());
    let reading = read_directive(&text, &units);
    let proposals = proposals(&reading, &units);
    Ok(DirectiveAnswer { text, document: reading.document, default_deadline: reading.default_deadline, proposals })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The answer carries what the page needs, and survives the trip to the page and back.
    #[test]
    fn a_pasted_directive_is_answered_with_its_proposals_and_travels_as_a_message() {
        let text = "UBND TỈNH X\nSố: 12/UBND-VP\nV/v triển khai công tác phòng chống dịch\n\
                    Giao Sở Y tế chủ trì tham mưu kế hoạch phòng chống dịch, hoàn thành trước ngày 20/01/2024.";
        let request = DirectiveRequest { source: DirectiveSource::Text(text.into()), units: Vec::new() };
        let answer = answer(&request).expect("text needs no decoding");
        assert_eq!(answer.document.reference, "12/UBND-VP");
        assert_eq!(answer.proposals.len(), 1, "{:?}", answer.proposals);
        assert!(answer.proposals[0].units.contains("Sở Y tế"));
        assert_eq!(answer.proposals[0].deadline, "trước ngày 20/01/2024");
        let json = serde_json::to_string(&answer).expect("serialises");
        assert_eq!(serde_json::from_str::<DirectiveAnswer>(&json).expect("reads back"), answer);
    }

    /// A .txt file in Windows-1258 (an old Word "save as text") is decoded before reading; a
    /// file that is not a .docx at all is refused with a reason, not read as text.
    #[test]
    fn files_are_decoded_by_their_kind() {
        let units = Vec::new();
        // "Giao Sở Y tế" as Windows-1258 writes it: ơ then a combining hook, ê then a combining acute.
        let bytes = b"Giao S\xF5\xD2 Y t\xEA\xEC".to_vec();
        let from_txt = answer(&DirectiveRequest { source: DirectiveSource::File { name: "cv.TXT".into(), bytes }, units: units.clone() })
            .expect("a text file is read");
        assert_eq!(crate::domain::normal_form::nfc(&from_txt.text), "Giao Sở Y tế");
        let not_docx = answer(&DirectiveRequest { source: DirectiveSource::File { name: "cv.docx".into(), bytes: b"not a zip".to_vec() }, units });
        assert!(not_docx.is_err());
    }
}
