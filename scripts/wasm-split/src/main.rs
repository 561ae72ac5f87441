//! A build step (run by `scripts/wasm-split.sh`, Trunk's post-build hook): cuts the page's
//! WebAssembly at the split points `src/ui/lazy.rs` marks, so the first load fetches only what the
//! first page needs and each other page's code is fetched when it is first opened.
//!
//! `dondoc-wasm-split <cargo's .wasm> <the page script's file name> <output folder>`
//!
//! The input is the module as cargo linked it (with `--emit-relocs`, before wasm-bindgen). Writes
//! into the output folder `main.wasm` (for wasm-bindgen, with `--keep-lld-exports`), one module
//! per chunk and the loader script that fetches them, these two named by a hash of their contents
//! (a browser cache never serves an old chunk under a new build). Prints the loader's file name:
//! `main.wasm` imports it as `./__wasm_split.js`, which wasm-bindgen's script must be told.

use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [wasm, glue, out] = args.as_slice() else {
        eprintln!("usage: dondoc-wasm-split <module.wasm> <page-script.js> <output folder>");
        return ExitCode::from(2);
    };
    match split(Path::new(wasm), Path::new(glue), Path::new(out)) {
        Ok(loader) => {
            println!("{loader}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("wasm-split: {e}");
            ExitCode::FAILURE
        }
    }
}

fn short_hash(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().take(8).map(|b| format!("{b:02x}")).collect()
}

fn split(wasm: &Path, glue: &Path, out: &Path) -> Result<String, Box<dyn std::error::Error>> {
    let input = std::fs::read(wasm)?;
    let glue_name = glue.file_name().and_then(|n| n.to_str()).ok_or("the page script has no file name")?;
    let work = out.join(".wasm-split");
    std::fs::create_dir_all(&work)?;
    let main_out: PathBuf = out.join("main.wasm");
    let main_module = format!("./{glue_name}");
    let mut opts = wasm_split_cli_support::Options::new(&input);
    opts.output_dir = &work;
    opts.main_out_path = &main_out;
    opts.main_module = &main_module;
    let result = wasm_split_cli_support::transform(opts)?;
    if result.split_modules.is_empty() {
        return Err("no split points found: was the page built with src/ui/lazy.rs?".into());
    }

    // Each chunk under a name made from its contents; the loader told the new names.
    let mut loader = std::fs::read_to_string(work.join("__wasm_split.js"))?;
    for path in &result.split_modules {
        let bytes = std::fs::read(path)?;
        let stem = path.file_stem().and_then(|s| s.to_str()).ok_or("a chunk has no name")?;
        let old = format!("./{stem}.wasm");
        if !loader.contains(&old) {
            return Err(format!("the loader does not name {old}").into());
        }
        let new = format!("{stem}-{}.wasm", short_hash(&bytes));
        loader = loader.replace(&old, &format!("./{new}"));
        std::fs::rename(path, out.join(&new))?;
    }
    let loader_name = format!("__wasm_split-{}.js", short_hash(loader.as_bytes()));
    std::fs::write(out.join(&loader_name), &loader)?;
    std::fs::remove_dir_all(&work)?;
    Ok(loader_name)
}
