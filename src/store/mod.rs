//! Persistence. `schema` (plain Rust) says what is stored and how old data is carried forward,
//! `buckets` how tasks are grouped into records, `safety` when a backup is due;
//! `indexed_db` and `prefs` (browser only) write it to IndexedDB and localStorage.

pub mod buckets;
pub mod safety;
pub mod schema;

#[cfg(target_arch = "wasm32")]
pub mod indexed_db;
#[cfg(target_arch = "wasm32")]
pub mod prefs;
