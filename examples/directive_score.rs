//! Scores the directive reader against the labelled corpus in `tests/fixtures/directives/`:
//! `cargo run --example directive_score` for all documents, `… directive_score 006` for one.

use dondoc::directive::score::{corpus_dir, render, score_corpus};

fn main() {
    let only = std::env::args().nth(1);
    let card = score_corpus();
    if card.docs.is_empty() {
        eprintln!("No labelled directives could be read in {}:", corpus_dir().display());
        for p in &card.problems {
            eprintln!("  {p}");
        }
        std::process::exit(1);
    }
    print!("{}", render(&card, only.as_deref()));
}
