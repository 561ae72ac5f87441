//! The tracker fixtures of `tests/fixtures/trackers/` read as a clerk reads them: each workbook's
//! hand-written `.expected.json` (written before the code ran) says how many tasks it holds, under
//! which units, and at what progress, after the default answers to the importer's questions.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde_json::Value;

use super::{plan, read, ReadRequest};
use crate::domain::{Progress, TaskId, UnitDirectory};

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/trackers/");

/// What an import gives by default: the counts a clerk would check.
#[derive(Debug, Default, PartialEq)]
pub struct Counts {
    pub total: usize,
    pub by_unit: BTreeMap<String, usize>,
    pub progress: BTreeMap<String, usize>,
}

fn progress_word(p: Progress) -> &'static str {
    match p {
        Progress::NotStarted => "chua",
        Progress::InProgress => "dang",
        Progress::Done => "xong",
        Progress::Paused => "tam_dung",
    }
}

/// Import a fixture into an empty workspace, as the preview would with its default ticks.
pub fn import_counts(file: &str) -> Result<Counts, String> {
    let bytes = std::fs::read(format!("{DIR}{file}")).unwrap_or_else(|e| panic!("{file}: {e}"));
    let request = ReadRequest { file_name: file.to_string(), ..Default::default() };
    let sheets = read(&request, &bytes).map_err(|e| format!("refused: {e:?}"))?;
    let drafts: Vec<_> = sheets
        .into_iter()
        .filter_map(|s| s.result.ok())
        .filter(|s| s.selected_by_default())
        .flat_map(|s| s.rows.into_iter().filter(|r| !r.hidden))
        .collect();
    let now = NaiveDate::from_ymd_opt(2024, 1, 31).and_then(|d| d.and_hms_opt(8, 0, 0)).unwrap_or_default();
    let mut n = 0;
    let planned = plan(&[], &UnitDirectory::default(), &drafts, &[], now, || {
        n += 1;
        TaskId(format!("t{n}"))
    });
    let mut counts = Counts { total: planned.added.len(), ..Counts::default() };
    for t in &planned.added {
        let unit = t.lead_unit.as_ref().and_then(|u| planned.units.get(u)).map_or("(không có)".to_string(), |u| u.name.clone());
        *counts.by_unit.entry(unit).or_default() += 1;
        *counts.progress.entry(progress_word(t.progress).to_string()).or_default() += 1;
    }
    Ok(counts)
}

/// What the fixture's expected file says (visible rows only where it tells them apart).
pub fn expected_counts(expected: &str) -> Counts {
    let text = std::fs::read_to_string(format!("{DIR}{expected}")).unwrap_or_else(|e| panic!("{expected}: {e}"));
    let v: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{expected}: {e}"));
    let map = |v: &Value| -> BTreeMap<String, usize> {
        v.as_object().map(|o| o.iter().filter(|(_, n)| n.as_u64() != Some(0)).map(|(k, n)| (k.clone(), n.as_u64().unwrap_or(0) as usize)).collect()).unwrap_or_default()
    };
    let visible_only = v.get("total_tasks_visible_only").is_some();
    Counts {
        total: v.get(if visible_only { "total_tasks_visible_only" } else { "total_tasks" }).and_then(Value::as_u64).unwrap_or(0) as usize,
        by_unit: map(&v[if visible_only { "tasks_by_lead_unit_visible_only" } else { "tasks_by_lead_unit" }]),
        // The progress counts include hidden rows: only compared where there are none.
        progress: if visible_only { BTreeMap::new() } else { map(&v["progress_counts"]) },
    }
}

/// Every fixture and its expected file.
pub fn fixtures() -> Vec<(String, String)> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(DIR).into_iter().flatten().flatten() {
        let name = entry.file_name().to_string_lossy().to_string();
        if name.ends_with(".xlsx") || name.ends_with(".ods") {
            let stem = name.rsplit_once('.').map_or(name.as_str(), |(s, _)| s).to_string();
            out.push((name.clone(), format!("{stem}.expected.json")));
        }
    }
    out.sort();
    out
}

/// The differences between what a fixture gives and what its expected file says.
pub fn differences(file: &str, expected: &str) -> Vec<String> {
    let got = match import_counts(file) {
        Ok(got) => got,
        Err(e) => return vec![e],
    };
    let want = expected_counts(expected);
    let mut out = Vec::new();
    if got.total != want.total {
        out.push(format!("tasks: got {}, expected {}", got.total, want.total));
    }
    if got.by_unit != want.by_unit {
        out.push(format!("units: got {:?}\n      expected {:?}", got.by_unit, want.by_unit));
    }
    if !want.progress.is_empty() && got.progress != want.progress {
        out.push(format!("progress: got {:?}, expected {:?}", got.progress, want.progress));
    }
    out
}

/// The spot checks of the expected file (`samples`): each row's content, units, people,
/// deadline and progress as the importer reads them, hidden rows included.
pub fn sample_differences(file: &str, expected: &str) -> Vec<String> {
    let Ok(bytes) = std::fs::read(format!("{DIR}{file}")) else { return vec![format!("{file}: unreadable")] };
    let request = ReadRequest { file_name: file.to_string(), ..Default::default() };
    let Ok(sheets) = read(&request, &bytes) else { return vec![format!("{file}: refused")] };
    let drafts: Vec<_> = sheets.into_iter().filter_map(|s| s.result.ok()).flat_map(|s| s.rows).collect();
    let text = std::fs::read_to_string(format!("{DIR}{expected}")).unwrap_or_default();
    let v: Value = serde_json::from_str(&text).unwrap_or(Value::Null);
    let mut out = Vec::new();
    for sample in v["samples"].as_array().into_iter().flatten() {
        let sheet = sample["sheet"].as_str().unwrap_or_default();
        let row = sample["row"].as_u64().unwrap_or(0) as u32;
        let at = format!("{sheet}!{row}");
        let Some(d) = drafts.iter().find(|d| d.sheet == sheet && d.excel_row == row) else {
            out.push(format!("{at}: not read as a task"));
            continue;
        };
        let mut check = |what: &str, got: String, want: String| {
            if got != want {
                out.push(format!("{at} {what}: got {got:?}, expected {want:?}"));
            }
        };
        if let Some(start) = sample["content_starts_with"].as_str() {
            check("content", d.content.chars().take(start.chars().count()).collect(), start.to_string());
        }
        if let Some(unit) = sample["lead_unit"].as_str() {
            check("lead unit", d.lead_unit.clone().unwrap_or_default(), unit.to_string());
        }
        if let Some(units) = sample["coordinating_units"].as_array() {
            let want: Vec<String> = units.iter().filter_map(|u| u.as_str().map(str::to_string)).collect();
            check("coordinating", format!("{:?}", d.coordinating.clone().unwrap_or_default()), format!("{want:?}"));
        }
        for (key, got) in [("leader", &d.leader), ("officer", &d.officer)] {
            if let Some(want) = sample[key].as_str() {
                check(key, got.clone().unwrap_or_default(), want.to_string());
            }
        }
        if let Some(p) = sample["progress"].as_str() {
            check("progress", d.progress.map_or("chua", progress_word).to_string(), p.to_string());
        }
        if let Some(dl) = sample["deadline"].as_object() {
            let got = d.deadline.clone().unwrap_or_default();
            if let Some(date) = dl.get("date") {
                check("deadline date", got.date.map(|x| x.to_string()).unwrap_or_default(), date.as_str().unwrap_or_default().to_string());
            }
            if let Some(t) = dl.get("text").and_then(Value::as_str) {
                check("deadline text", got.text.clone(), t.trim_end_matches(" (date cell)").to_string());
            }
        }
    }
    out
}

/// Fixtures this reader does not read right yet, each with what is missing. The test below fails
/// when one of them starts reading right, so the list only shrinks.
const NOT_YET: &[(&str, &str)] = &[];

#[test]
fn every_tracker_fixture_imports_as_a_clerk_reads_it() {
    let mut report = Vec::new();
    for (file, expected) in fixtures() {
        let mut diffs = differences(&file, &expected);
        diffs.extend(sample_differences(&file, &expected));
        let known = NOT_YET.iter().any(|(f, _)| *f == file);
        match (diffs.is_empty(), known) {
            (false, false) => report.push(format!("{file}:\n  {}", diffs.join("\n  "))),
            (true, true) => report.push(format!("{file} now reads right: take it off NOT_YET")),
            _ => {}
        }
    }
    assert!(report.is_empty(), "\n{}", report.join("\n"));
}

/// `cargo test --lib tracker_scorecard -- --ignored --nocapture`: every fixture's differences.
#[test]
#[ignore]
fn tracker_scorecard() {
    for (file, expected) in fixtures() {
        let mut diffs = differences(&file, &expected);
        diffs.extend(sample_differences(&file, &expected));
        println!("{} {file}", if diffs.is_empty() { "OK  " } else { "DIFF" });
        for d in diffs {
            println!("    {d}");
        }
    }
}

