//! The tasks of a directive, put together from the stages: its structure (`structure`), unit
//! names (`unit_phrase`), prose clauses (`clauses`) and deadlines (`deadlines`). Units named by
//! headings carry to their bullets; a list that names no unit is for the units its introducing
//! sentence (else the closing) addresses.

use super::deadlines::own_deadline_in;
use super::structure::{unmark, is_bullet, is_end, is_group_heading, is_header, numbered, ordinal, roman_heading, sentences, unbullet};
use crate::domain::fold::{fold, fold_words};
use crate::domain::{Deadline, UnitDirectory};

/// Who a proposed task is for.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Target {
    /// Named units; with several, the person decides: one lead, or each its own task.
    Units(Vec<String>),
    /// A group ("Các xã, phường", "các phòng, ban, đơn vị"): the person decides.
    Group(String),
    /// No unit named.
    Unassigned,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ProposedTask {
    pub target: Target,
    pub text: String,
    /// The heading or item it was found under ("3.1. Phòng Kinh tế.", "Hai là").
    pub section: String,
    /// The task's own deadline, or the document's.
    pub deadline: Deadline,
    /// Whether the deadline is the task's own (written in it) rather than the document's.
    pub own_deadline: bool,
    /// The sentence or line of the document it was read from.
    pub source: String,
}

/// Units a heading names: "Phòng TNMT, HĐGPMB" → both; "Quân sự thị xã;" → one. `None` if it
/// names none (then it is not a unit heading).
fn heading_units(text: &str, units: &UnitDirectory) -> Option<Vec<String>> {
    let text = text.trim_end_matches(['.', ';', ':', ' ']);
    if text.split_whitespace().count() > 16 {
        return None;
    }
    let parts: Vec<String> = text.split(',').map(|p| p.trim().to_string()).filter(|p| !p.is_empty()).collect();
    let known: Vec<&String> = parts.iter().filter(|p| units.names_a_unit(p) || is_short_unit_name(p)).collect();
    (!known.is_empty() && known.len() == parts.len()).then(|| parts)
}

/// "Thanh tra", "Quân sự thị xã", "HĐGPMB", "Văn phòng": short names of units seen in headings.
fn is_short_unit_name(text: &str) -> bool {
    let w = fold_words(text);
    matches!(w.first().map(String::as_str), Some("thanh" | "quan" | "van" | "hdgpmb" | "ban" | "chi" | "cong" | "trung" | "phong"))
        && w.len() <= 12
}

/// "giao (cho) <unit> …" / "Đề nghị <unit> …": the unit a sentence assigns, if it names one.
fn assigned_unit(sentence: &str, units: &UnitDirectory) -> Option<Option<String>> {
    let lower = sentence.to_lowercase();
    // The earliest "giao (cho)" / "đề nghị" in the sentence.
    let at = ["giao cho ", "giao ", "đề nghị "]
        .iter()
        .filter_map(|m| lower.find(m).map(|p| (p, p + m.len())))
        .min_by_key(|(p, end)| (*p, std::cmp::Reverse(*end)))
        .map(|(_, end)| end)?;
    let rest: String = sentence.chars().skip(lower[..at].chars().count()).collect();
    let words: Vec<&str> = rest.split_whitespace().collect();
    let candidate = |n: usize| words[..n].join(" ").trim_end_matches([',', ';']).to_string();
    // The longest run of words from the start that is a known name; else a short one that looks
    // like a unit's name.
    for n in (1..=words.len().min(10)).rev() {
        if units.knows(&candidate(n)) {
            return Some(Some(candidate(n)));
        }
    }
    for n in (1..=words.len().min(4)).rev() {
        let c = candidate(n);
        if units.names_a_unit(&c) && !fold(&c).starts_with("cac ") {
            return Some(Some(c));
        }
    }
    // A group: "các cơ quan, phòng ban …", "các địa phương", "các xã, phường".
    let f = fold_words(&rest);
    let group = f.first().is_some_and(|w| w == "cac")
        && f.get(1).is_some_and(|w| ["co", "phong", "don", "dia", "xa", "phuong", "nganh"].contains(&w.as_str()));
    group.then_some(None)
}

pub fn tasks(lines: &[String], units: &UnitDirectory, default: Option<&Deadline>, year: Option<i32>) -> Vec<ProposedTask> {
    // The document's time: its year, else the latest year it mentions. A "deadline" years before it
    // is history ("đất giao trái thẩm quyền trước ngày 01/7/2004"), not a deadline.
    let year = year.or_else(|| {
        lines.iter().flat_map(|l| fold_words(l)).filter_map(|w| w.parse::<i32>().ok()).filter(|y| (2000..2100).contains(y)).max()
    });
    let mut out: Vec<ProposedTask> = Vec::new();
    let mut target: Option<Target> = None;
    let mut section = String::new();
    let mut in_results = false;
    let mut numbered_list = false;
    let mut in_ordinals = false;
    // After "… tập trung thực hiện tốt các nhiệm vụ sau:", numbered paragraphs are tasks.
    let mut task_region = false;
    // Who the list that follows is for: "… yêu cầu các phòng ban thành phố, phường – xã tập trung
    // thực hiện tốt các nhiệm vụ sau:" gives its items that group when they name no unit.
    // Else the units the document is addressed to, in its closing.
    let addressee = lines.iter().rev().take(12).find_map(|l| super::clauses::addressee(l, units));
    let intro: std::cell::RefCell<Option<Target>> = std::cell::RefCell::new(addressee.clone());
    let push = |out: &mut Vec<ProposedTask>, target: Target, text: &str, section: &str, source: &str| {
        let target = match (target, intro.borrow().clone()) {
            (Target::Unassigned, Some(t)) => t,
            (t, _) => t,
        };
        let text = text.trim().trim_end_matches(';').trim().to_string();
        if text.chars().count() < 8 || text.ends_with(':') {
            return;
        }
        // Its own words first, then the opening of its sentence ("Theo đó, từ … tới ngày 15/3/2013,
        // Công an tỉnh bố trí …").
        let opening = super::clauses::subject(source, units).or_else(|| super::clauses::assignment(source, units)).map_or("", |(_, at)| &source[..at]);
        let from_opening = || own_deadline_in(opening, year).filter(|d| d.due_date().is_some());
        let own = match own_deadline_in(&text, year) {
            // A window the sentence opens with ("từ … tới ngày 15/3/2013, Công an tỉnh bố trí lực
            // lượng thường xuyên …") dates the work better than "thường xuyên" inside it.
            Some(d) if d.due_date().is_none() => from_opening().or(Some(d)),
            Some(d) => Some(d),
            None => from_opening(),
        }
        .filter(|d| match (d.due_date(), year) {
            (Some(day), Some(y)) => chrono::Datelike::year(&day) >= y - 1,
            _ => true,
        });
        let (deadline, own) = match own {
            Some(d) => (d, true),
            None => (default.cloned().unwrap_or_default(), false),
        };
        out.push(ProposedTask { target, text, section: section.to_string(), deadline, own_deadline: own, source: source.trim().to_string() });
    };
    let mut prose_done = vec![false; lines.len()];
    // Lines of a part that reviews results ("I. KẾT QUẢ …"): no tasks there.
    let mut results = vec![false; lines.len()];
    for (i, line) in lines.iter().enumerate() {
        if is_end(line) {
            target = None;
            numbered_list = false;
            in_ordinals = false;
            continue;
        }
        let f = fold(line);
        if line.ends_with(':') {
            if let Some((t, _)) = super::clauses::assignment(line, units).or_else(|| super::clauses::subject(line, units)) {
                intro.replace(Some(t));
            }
        }
        if roman_heading(line) {
            intro.replace(addressee.clone());
            in_results = f.contains("ket qua") || f.contains("tinh hinh");
            numbered_list = !in_results && (f.contains("nhiem vu") || f.contains("giai phap"));
            target = None;
            section = line.clone();
            continue;
        }
        if in_results {
            results[i] = true;
            continue;
        }
        if line.ends_with(':') && (f.contains("cac nhiem vu sau") || f.contains("nhiem vu sau day") || f.contains("cac nhiem vu trong tam sau")) {
            task_region = true;
        }
        if let Some(o) = ordinal(line) {
            in_ordinals = true;
            section = o.to_string();
            target = None;
            let named = assigned_unit(line, units).flatten();
            push(&mut out, named.map_or(Target::Unassigned, |u| Target::Units(vec![u])), line, &section, line);
            prose_done[i] = true;
            continue;
        }
        if let Some((num, rest)) = numbered(line) {
            section = line.clone();
            if is_group_heading(rest) {
                target = Some(Target::Group("Các xã, phường".into()));
                continue;
            }
            if let Some(names) = heading_units(rest, units) {
                target = Some(Target::Units(names));
                continue;
            }
            // "1. Nhiệm vụ trọng tâm:" / "2. Nhiệm vụ cụ thể": a sub-heading of tasks for all.
            if rest.ends_with(':') || (rest.split_whitespace().count() <= 5 && !rest.ends_with('.')) {
                target = Some(Target::Unassigned);
                continue;
            }
            // A numbered task in a list of tasks ("1. Tập trung …"); one for all the units
            // ("1. Các phòng, ban, đơn vị, UBND các phường, xã rà soát …") is for the group.
            if (numbered_list || task_region) && num.split('.').count() == 1 {
                let f = fold(rest);
                let target = if f.starts_with("cac phong") || f.starts_with("cac co quan") || f.starts_with("cac don vi") {
                    Target::Group(rest.split_whitespace().take(8).collect::<Vec<_>>().join(" ").trim_end_matches(',').to_string())
                } else {
                    Target::Unassigned
                };
                push(&mut out, target, rest, &section, line);
                prose_done[i] = true;
                continue;
            }
            target = None;
            continue;
        }
        // A plain number item "1. …" (no inner dot) in a task list.
        if let Some(rest) = line.split_once(". ").filter(|(n, _)| !n.is_empty() && n.len() <= 2 && n.chars().all(|c| c.is_ascii_digit())).map(|(_, r)| r) {
            if numbered_list || task_region {
                section = line.chars().take(40).collect();
                push(&mut out, Target::Unassigned, rest, &section, line);
                prose_done[i] = true;
                continue;
            }
        }
        match &target {
            Some(t) => {
                let t = t.clone();
                if let Some(item) = line.strip_prefix('+').map(str::trim) {
                    // "+ Phường Mai Hùng: …": that commune's own task.
                    if let Some((name, text)) = item.split_once(':').filter(|(n, _)| units.names_a_unit(n.trim())) {
                        push(&mut out, Target::Units(vec![name.trim().to_string()]), text, &section, line);
                        prose_done[i] = true;
                        continue;
                    }
                }
                if is_bullet(line) || !line.ends_with(':') {
                    let text = unbullet(line);
                    // A line that continues the previous one (a page break in the middle): it starts
                    // in lower case, or the previous one stopped without closing punctuation.
                    let unfinished = out.last().is_some_and(|l| !l.text.ends_with(['.', ';', ':', '…', '!', '?', ')']));
                    if !is_bullet(line) && (text.chars().next().is_some_and(char::is_lowercase) || unfinished) && prose_done.get(i.wrapping_sub(1)).copied().unwrap_or(false) {
                        if let Some(last) = out.last_mut() {
                            last.text = format!("{} {}", last.text, text);
                            last.source = format!("{} {}", last.source, line);
                            prose_done[i] = true;
                            continue;
                        }
                    }
                    // "- Phòng Nông nghiệp và Môi trường huyện tiếp nhận …" under "3. Giao:": the
                    // bullet names its own unit.
                    let (t, text) = match super::clauses::subject(text, units) {
                        Some((own, start)) if is_bullet(line) && matches!(t, Target::Unassigned | Target::Group(_)) => (own, &text[start..]),
                        _ => (t, text),
                    };
                    push(&mut out, t, text, &section, line);
                    prose_done[i] = true;
                }
            }
            None if in_ordinals => {
                if !line.starts_with(['[', '(']) && line.split_whitespace().count() > 6 {
                    // "UBND chỉ đạo quyết liệt …": a paragraph under an ordinal item with its own subject.
                    let (target, text) = match super::clauses::subject(line, units) {
                        Some((t, start)) => (t, &line[start..]),
                        None => (assigned_unit(line, units).flatten().map_or(Target::Unassigned, |u| Target::Units(vec![u])), line.as_str()),
                    };
                    push(&mut out, target, text, &section, line);
                    prose_done[i] = true;
                }
            }
            None => {}
        }
    }
    // Prose anywhere else, up to the closing formulas: who is told to do what (see `clauses`).
    let stop = lines.iter().position(|l| is_end(l)).unwrap_or(lines.len());
    // A line cut after a comma (a page or copy break) goes on in the next one.
    // (text, whether it is a list item read without its marker: one task, whatever its clauses).
    let mut paragraphs: Vec<(String, bool)> = Vec::new();
    for i in (0..stop).filter(|&i| !prose_done[i] && !results[i] && !is_header(&lines[i])) {
        // An item read as prose is read without its marker when a unit is its subject ("2- Sở Y
        // tế chủ trì …") or it assigns ("2. Giao Công an …"), and is then one task; an item that
        // opens with a verb keeps it, so it does not carry on the assignee of the paragraph before
        // ("2. Báo cáo tiến độ …" is the next item on the agenda).
        let plain = unmark(&lines[i]);
        let item = plain.len() < lines[i].len() && (super::clauses::subject(plain, units).is_some() || super::clauses::assignment(plain, units).is_some());
        let line = if item { plain } else { lines[i].as_str() };
        // A line cut in the middle of a sentence (hard-wrapped text, "Công an giao / thông tăng
        // cường …") goes on in the next, which starts in lower case.
        let goes_on = line.starts_with(char::is_lowercase) && !item;
        match paragraphs.last_mut() {
            Some((last, _)) if last.ends_with(',') || goes_on && !last.ends_with(['.', ':', '!', '?']) => {
                last.push(' ');
                last.push_str(line);
            }
            _ => paragraphs.push((line.to_string(), item)),
        }
    }
    let paragraphs: Vec<(&str, bool)> = paragraphs.iter().map(|(p, item)| (p.as_str(), *item)).collect();
    for (target, text, sentence) in super::clauses::prose(&paragraphs, units, sentences) {
        push(&mut out, target, &text, "", &sentence);
    }
    out
}

