//! Build settings cargo cannot take per binary from a config file.

fn main() {
    // The page's module keeps the linker's relocations: scripts/wasm-split needs them to cut it at
    // its split points (src/ui/lazy.rs), and its wasm-opt run drops them from what is served. Only
    // the page's: binaryen cannot optimise the file worker's module if it has them.
    if std::env::var("CARGO_CFG_TARGET_ARCH").as_deref() == Ok("wasm32") {
        println!("cargo::rustc-link-arg-bin=dondoc=--emit-relocs");
    }
    println!("cargo::rerun-if-changed=build.rs");
}
