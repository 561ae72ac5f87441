//! Prints what the reader proposes for a text file (`cargo run --example directive_read -- FILE`):
//! the document's identity, then each proposal with its unit(s), deadline and section. For looking
//! at a directive by hand while working on the reader.

use dondoc::directive::{read_directive, Target};
use dondoc::domain::UnitDirectory;

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: directive_read FILE");
        std::process::exit(2);
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    };
    let reading = read_directive(&text, &UnitDirectory::default());
    println!("{:?}", reading.document);
    for (i, t) in reading.tasks.iter().enumerate() {
        let who = match &t.target {
            Target::Units(u) => u.join(" + "),
            Target::Group(g) => format!("nhóm: {g}"),
            Target::Unassigned => "—".into(),
        };
        let text: String = t.text.chars().take(90).collect();
        println!("{:>2}. [{who}] {text}  ⟨{}⟩", i + 1, t.deadline.text);
    }
}
