//! How tasks are grouped into stored records. A workspace of 50,000 tasks stored one record per
//! task took seconds to write and to read back, most of it IndexedDB's cost per record; so since
//! schema version 4 the tasks live in [`BUCKETS`] records, each holding, one JSON line per task,
//! the tasks whose id hashes to it. An edit rewrites one bucket (the task's own line replaced, every
//! other line kept as it was, unreadable ones included); an import writes each bucket once.
//!
//! Plain functions over text, so the rules (what a rewrite keeps, which bucket an id goes to) are
//! tested natively; `indexed_db` only moves the texts in and out.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::Deserialize;

use super::schema::encode_task;
use crate::domain::{Task, TaskId};

/// How many bucket records the tasks are spread over. Fixed: the bucket of an id is part of the
/// stored format (changing it is a schema version with a migration).
pub const BUCKETS: u32 = 512;

/// The bucket a task's line is kept in: FNV-1a of its id, so the same id lands in the same bucket
/// in every build and every browser.
pub fn bucket_of(id: &TaskId) -> u32 {
    let mut hash: u32 = 0x811c_9dc5;
    for byte in id.0.as_bytes() {
        hash ^= u32::from(*byte);
        hash = hash.wrapping_mul(0x0100_0193);
    }
    hash % BUCKETS
}

/// The task lines of a stored record: a bucket, or a record of one task as versions before 4
/// stored it (JSON text never holds a raw line break, so both read the same way).
pub fn lines(record: &str) -> impl Iterator<Item = &str> {
    record.split('\n').filter(|l| !l.trim().is_empty())
}

/// The id on a stored line without reading the rest of the task (None: the line is unreadable).
/// A line this version wrote starts with its id (a task's first field), read as it stands when it
/// needs no unescaping; any other line is read as JSON (reading every line of 50,000 tasks as JSON
/// to find the ones an undo removes took 67 ms).
pub fn line_id(line: &str) -> Option<TaskId> {
    #[derive(Deserialize)]
    struct IdOnly {
        id: TaskId,
    }
    let plain = line
        .strip_prefix(r#"{"id":""#)
        .filter(|_| line.ends_with('}'))
        .and_then(|rest| rest.find(['"', '\\']).filter(|&end| rest.as_bytes()[end] == b'"').map(|end| &rest[..end]));
    match plain {
        Some(id) => Some(TaskId(id.to_string())),
        None => serde_json::from_str::<IdOnly>(line).ok().map(|r| r.id),
    }
}

/// Changes to tasks (`None`: removed), grouped by the bucket they are written to, in order (an id
/// changed twice is there twice: [`rewrite`] keeps its last change).
pub fn group<'a>(changes: impl IntoIterator<Item = (&'a TaskId, Option<&'a Task>)>) -> BTreeMap<u32, Vec<(&'a TaskId, Option<&'a Task>)>> {
    let mut by_bucket: BTreeMap<u32, Vec<(&TaskId, Option<&Task>)>> = BTreeMap::new();
    for (id, task) in changes {
        by_bucket.entry(bucket_of(id)).or_default().push((id, task));
    }
    by_bucket
}

/// A bucket's text after `changes`: every line whose task is not changed is kept exactly as it
/// was (lines this version cannot read included), changed tasks are written again, removed ones
/// left out. Empty text: the bucket record is to be deleted.
pub fn rewrite(old: &str, changes: &[(&TaskId, Option<&Task>)]) -> String {
    let changed: HashMap<&str, Option<&Task>> = changes.iter().map(|(id, t)| (id.as_str(), *t)).collect();
    let mut out = String::with_capacity(old.len() + changes.len() * 512);
    for line in lines(old) {
        if line_id(line).is_some_and(|id| changed.contains_key(id.as_str())) {
            continue;
        }
        push_line(&mut out, line);
    }
    // Written in the order given, each id once with its last change.
    let mut written: HashSet<&str> = HashSet::new();
    for (id, _) in changes {
        if written.insert(id.as_str()) {
            if let Some(Some(task)) = changed.get(id.as_str()) {
                push_line(&mut out, &encode_task(task));
            }
        }
    }
    out
}

fn push_line(out: &mut String, line: &str) {
    out.push_str(line);
    out.push('\n');
}

/// Every bucket's text for a whole workspace written from scratch, with `kept` lines (stored
/// records this version could not read) put back beside the tasks.
pub fn build<'a>(tasks: impl IntoIterator<Item = &'a Task>, kept: &[&str]) -> BTreeMap<u32, String> {
    let mut texts: BTreeMap<u32, String> = BTreeMap::new();
    for task in tasks {
        push_line(texts.entry(bucket_of(&task.id)).or_default(), &encode_task(task));
    }
    for line in kept {
        let bucket = line_id(line).map_or(0, |id| bucket_of(&id));
        push_line(texts.entry(bucket).or_default(), line);
    }
    texts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn task(id: &str, content: &str) -> Task {
        Task::new(TaskId(id.into()), content)
    }

    fn ids(text: &str) -> Vec<String> {
        lines(text).map(|l| line_id(l).map_or_else(|| "?".to_string(), |id| id.0)).collect()
    }

    #[test]
    fn a_lines_id_is_read_alike_from_its_start_or_as_json() {
        for id in ["NV-1", "NV-B000123", "Nhiệm vụ số 5", r#"NV-"7""#, r"NV\8", "NV-\u{1}"] {
            let line = encode_task(&task(id, "Rà soát quỹ đất"));
            assert_eq!(line_id(&line), Some(TaskId(id.into())), "{line}");
        }
        // Not written by this version: the id elsewhere, or the line cut short.
        assert_eq!(line_id(r#"{"content":"Rà soát","id":"NV-9"}"#), Some(TaskId("NV-9".into())));
        assert_eq!(line_id(r#"{"id":"NV-9","content":"Rà so"#), None);
        assert_eq!(line_id("không phải JSON"), None);
    }

    #[test]
    fn an_id_lands_in_the_same_bucket_in_every_build() {
        // Stored data depends on these: a change here strands every stored task in the wrong bucket.
        assert_eq!(bucket_of(&TaskId("NV-1".into())), 0x1eb);
        assert_eq!(bucket_of(&TaskId("UBND-2026-0042".into())), 0x1ba);
        assert_eq!(bucket_of(&TaskId(String::new())), 0x1c5);
    }

    #[test]
    fn ten_thousand_ids_spread_over_the_buckets() {
        let mut counts = vec![0u32; BUCKETS as usize];
        for n in 0..10_000 {
            counts[bucket_of(&TaskId(format!("NV-{n:05}"))) as usize] += 1;
        }
        let (min, max) = (counts.iter().min().copied().unwrap_or(0), counts.iter().max().copied().unwrap_or(0));
        assert!(min >= 5 && max <= 45, "about 20 each, got {min}..{max}");
    }

    #[test]
    fn a_rewrite_replaces_the_changed_task_and_keeps_every_other_line_as_it_was() {
        let a = task("NV-1", "Rà soát quỹ đất");
        let b = task("NV-2", "Báo cáo quý");
        let unreadable = r#"{"id":"NV-9","progress":"một giá trị tương lai"}"#;
        let garbage = "{không phải JSON";
        let old = format!("{}\n{unreadable}\n{garbage}\n{}\n", encode_task(&a), encode_task(&b));
        let b2 = task("NV-2", "Báo cáo quý IV");
        let new = rewrite(&old, &[(&b2.id, Some(&b2))]);
        assert_eq!(ids(&new), ["NV-1", "NV-9", "?", "NV-2"]);
        assert!(new.contains(unreadable) && new.contains(garbage), "lines it cannot read are kept verbatim");
        assert!(new.contains(&encode_task(&a)));
        assert!(new.contains("Báo cáo quý IV") && !new.contains(r#""Báo cáo quý""#));
    }

    #[test]
    fn a_removed_task_leaves_its_bucket_and_an_emptied_bucket_is_empty_text() {
        let a = task("NV-1", "Một");
        let old = format!("{}\n", encode_task(&a));
        assert_eq!(rewrite(&old, &[(&a.id, None)]), "");
    }

    #[test]
    fn the_last_change_of_an_id_wins_and_it_is_written_once() {
        let first = task("NV-1", "Bản đầu");
        let last = task("NV-1", "Bản sau cùng");
        let grouped = group([(&first.id, Some(&first)), (&last.id, Some(&last))]);
        let text = rewrite("", &grouped[&bucket_of(&first.id)]);
        assert_eq!(ids(&text), ["NV-1"]);
        assert!(text.contains("Bản sau cùng"));
        // And a put then a removal of the same id removes it.
        let grouped = group([(&first.id, Some(&first)), (&first.id, None)]);
        assert_eq!(rewrite(&text, &grouped[&bucket_of(&first.id)]), "");
    }

    #[test]
    fn a_workspace_built_from_scratch_reads_back_whole() {
        let tasks: Vec<Task> = (0..2000).map(|n| task(&format!("NV-{n}"), "Nội dung có dấu xuống\ndòng")).collect();
        let kept = [r#"{"id":"NV-X","progress":42}"#, "rác"];
        let texts = build(&tasks, &kept);
        assert!(texts.len() > 400, "spread over the buckets");
        for (bucket, text) in &texts {
            for id in lines(text).filter_map(line_id).filter(|id| id.0 != "NV-X") {
                assert_eq!(bucket_of(&id), *bucket);
            }
        }
        let back: Vec<Task> = texts.values().flat_map(|t| lines(t)).filter_map(|l| serde_json::from_str(l).ok()).collect();
        assert_eq!(back.len(), 2000);
        assert_eq!(back.iter().find(|t| t.id.0 == "NV-7").map(|t| t.content.as_str()), Some("Nội dung có dấu xuống\ndòng"));
        let all: String = texts.values().cloned().collect();
        assert!(all.contains(kept[0]) && all.contains("rác\n"), "unreadable records are kept");
    }
}
