//! Scores the directive reader against the labelled corpus in `tests/fixtures/directives/`:
//! `cargo run --example directive_score` for all documents, `… directive_score 006` for one,
//! `… directive_score --holdout` for the held-out texts (labelled before the reader saw them,
//! never tuned on) in `tests/fixtures/directives/holdout/`.

use dondoc::directive::score::{corpus_dir, render, score_dir};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let holdout = args.iter().any(|a| a == "--holdout");
    let only = args.iter().find(|a| !a.starts_with("--")).cloned();
    let dir = if holdout { corpus_dir().join("holdout") } else { corpus_dir().to_path_buf() };
    let card = score_dir(&dir);
    if card.docs.is_empty() {
        eprintln!("No labelled directives could be read in {}:", dir.display());
        for p in &card.problems {
            eprintln!("  {p}");
        }
        std::process::exit(1);
    }
    print!("{}", render(&card, only.as_deref()));
}
