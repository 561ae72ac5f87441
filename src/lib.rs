//! Đôn Đốc: tracking the tasks a People's Committee assigns to its units, in the browser.
//!
//! `domain`, `sample`, `i18n` and the pure half of `store` are plain Rust, tested natively;
//! the browser half of `store`, and `ui` (part of the page's program, `src/main.rs`, not of this
//! library) are the thin shell compiled to WebAssembly.

pub mod directive;
pub mod domain;
pub mod export;
pub mod i18n;
pub mod import;
pub mod report;
pub mod query;
pub mod route;
pub mod sample;
pub mod store;
pub mod vocabulary;
pub mod workspace;

