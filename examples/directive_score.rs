//! Scores the directive reader against the labelled corpus in `tests/fixtures/directives/`:
//! `cargo run --example directive_score` for all documents, `… directive_score 006` for one,
//! `… directive_score --holdout` / `--holdout2` / `--holdout3` / `--holdout4` for the held-out texts (labelled before the
//! reader saw them) in `tests/fixtures/directives/holdout/` … `holdout4/`.

use dondoc::directive::score::{corpus_dir, render, score_dir};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    // "--holdout" (H01–H08), "--holdout2" (H09–H16), "--holdout3" (H17–H26), "--holdout4" (H27–H36): the folder of that name.
    let held = args.iter().find(|a| a.starts_with("--holdout")).map(|a| a.trim_start_matches("--").to_string());
    let only = args.iter().find(|a| !a.starts_with("--")).cloned();
    let dir = match &held {
        Some(folder) => corpus_dir().join(folder),
        None => corpus_dir().to_path_buf(),
    };
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
