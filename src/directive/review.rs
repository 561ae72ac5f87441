//! From what the reader proposes to the tasks the person adds: the proposals grouped by unit in
//! the order the document names them (a group such as "Các xã, phường" filled with the
//! workspace's communes and wards), and, once reviewed, the tasks they make — units resolved
//! through the aliases, a group name never made a unit, several units either one task each or
//! the first leading and the others coordinating.

use super::{DirectiveReading, Target};
use crate::domain::fold::fold;
use crate::domain::vn_date::format_date;
use crate::domain::{read_deadline, SourceDocument, Task, TaskId, UnitDirectory, UnitId, UnitKind};

/// One proposed task as the review page starts it (and as the person leaves it).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Proposal {
    pub text: String,
    /// Unit names, separated by ";".
    pub units: String,
    /// With several units: each gets its own task (else the first leads, the others coordinate).
    pub each: bool,
    /// The deadline as the person edits it: the words of the document when they read back to the
    /// same day, else the day itself ("quý IV" in a 2022 document → "31/12/2022").
    pub deadline: String,
    /// The words of the document the deadline came from ("quý IV", "trước ngày 20/01/2024").
    pub deadline_words: String,
    /// The part of the document it comes from.
    pub section: String,
    /// The sentence as the document has it.
    pub original: String,
    /// Who the reader found it for (the proposals are shown grouped by this).
    pub target: Target,
}

/// "huyện Thanh Hà", "UBND huyện Tứ Kỳ", "Phường Mai Hùng": a place's own authority.
fn is_place(name: &str) -> bool {
    let f = fold(name);
    let f = f.strip_prefix("ubnd ").unwrap_or(&f);
    ["huyen ", "quan ", "thi xa ", "thanh pho ", "xa ", "phuong ", "thi tran "].iter().any(|l| f.starts_with(l))
}

/// A group's members when the workspace knows them ("Các xã, phường" → its communes and wards).
fn members_of(group: &str, units: &UnitDirectory) -> Option<String> {
    let f = fold(group);
    let communes: Vec<String> = units.ordered().into_iter().filter(|u| u.kind == UnitKind::Commune).map(|u| u.name.clone()).collect();
    (f.contains("xa") && f.contains("phuong") && !communes.is_empty()).then(|| communes.join("; "))
}

/// The reading's tasks as proposals, grouped by who they are for, groups in document order.
pub fn proposals(reading: &DirectiveReading, units: &UnitDirectory) -> Vec<Proposal> {
    let mut all: Vec<Proposal> = reading
        .tasks
        .iter()
        .map(|t| {
            let (names, each) = match &t.target {
                // Districts, communes or wards named together each act on their own territory.
                Target::Units(u) => (u.join("; "), u.len() > 1 && u.iter().all(|n| is_place(n))),
                Target::Group(g) => (members_of(g, units).unwrap_or_else(|| g.clone()), true),
                Target::Unassigned => (String::new(), false),
            };
            let words = t.deadline.text.clone();
            let deadline = match t.deadline.due_date() {
                Some(day) if read_deadline(&words).deadline.due_date() != Some(day) => format_date(day),
                _ => words.clone(),
            };
            Proposal {
                text: t.text.clone(),
                units: names,
                each,
                deadline,
                deadline_words: words,
                section: t.section.clone(),
                original: if t.source.is_empty() { t.text.clone() } else { t.source.clone() },
                target: t.target.clone(),
            }
        })
        .collect();
    let mut order: Vec<Target> = Vec::new();
    for p in &all {
        if !order.contains(&p.target) {
            order.push(p.target.clone());
        }
    }
    all.sort_by_key(|p| order.iter().position(|t| *t == p.target));
    all
}

/// "các phòng, ban", "UBND các xã, thị trấn", "Thủ trưởng các cơ quan …": a group, read whole.
fn is_group(name: &str, units: &UnitDirectory) -> bool {
    fold(name).starts_with("cac ") || super::unit_phrase::unit_at(name, units).is_some_and(|u| u.group && u.name.len() + 1 >= name.trim_end_matches(['.', ';', ',']).len())
}

/// The tasks the kept proposals make, all linked to `source`; new unit names are added to `units`.
pub fn tasks_of(kept: &[Proposal], source: &SourceDocument, units: &mut UnitDirectory, mut new_id: impl FnMut() -> TaskId) -> Vec<Task> {
    let mut tasks = Vec::new();
    for p in kept {
        // A group ("Các cơ quan, phòng ban …", "UBND các xã, thị trấn", "Thủ trưởng các sở …") is
        // not a unit: such a task is added without a lead, the group kept in its note.
        let (groups, names): (Vec<&str>, Vec<&str>) = p.units.split(';').map(str::trim).filter(|s| !s.is_empty()).partition(|s| is_group(s, units));
        let ids: Vec<UnitId> = names.iter().filter_map(|n| units.resolve_or_add(n).ok().map(|r| r.id().clone())).collect();
        let mut deadline = read_deadline(&p.deadline).deadline;
        // "quý IV" read as 31/12/2022: the task keeps the document's words with the day.
        if deadline.due_date().is_some() && !p.deadline_words.trim().is_empty() {
            deadline.text = p.deadline_words.clone();
        }
        let mut make = |lead: Option<UnitId>, coordinating: Vec<UnitId>| {
            let mut t = Task::new(new_id(), p.text.trim());
            t.source = source.clone();
            t.lead_unit = lead;
            t.coordinating_units = coordinating;
            t.deadline = deadline.clone();
            if !groups.is_empty() {
                t.note = crate::vocabulary::group_note(&groups.join("; "));
            }
            t
        };
        if p.each && ids.len() > 1 {
            tasks.extend(ids.iter().map(|id| make(Some(id.clone()), Vec::new())));
        } else {
            tasks.push(make(ids.first().cloned(), ids.iter().skip(1).cloned().collect()));
        }
    }
    tasks
}

#[cfg(test)]
mod tests {
    use super::*;

    fn proposal(units: &str, each: bool) -> Proposal {
        Proposal {
            text: "Rà soát".into(),
            units: units.into(),
            each,
            deadline: "trước ngày 20/01/2024".into(),
            deadline_words: "trước ngày 20/01/2024".into(),
            section: String::new(),
            original: String::new(),
            target: Target::Unassigned,
        }
    }

    #[test]
    fn several_units_lead_and_coordinate_or_each_their_own() {
        let mut units = UnitDirectory::default();
        let mut n = 0;
        let mut id = || {
            n += 1;
            TaskId::from_entropy(n)
        };
        let source = SourceDocument { reference: "12/TB-UBND".into(), ..Default::default() };
        let one = tasks_of(&[proposal("Phòng TNMT; Phòng Kinh tế", false)], &source, &mut units, &mut id);
        assert_eq!(one.len(), 1);
        assert_eq!(units.get(one[0].lead_unit.as_ref().unwrap()).unwrap().name, "Phòng TNMT");
        assert_eq!(one[0].coordinating_units.len(), 1);
        assert_eq!(one[0].source.reference, "12/TB-UBND");
        assert!(one[0].deadline.due_date().is_some());
        let each = tasks_of(&[proposal("Phòng TNMT; Phòng Kinh tế", true)], &source, &mut units, &mut id);
        assert_eq!(each.len(), 2);
        assert!(each.iter().all(|t| t.coordinating_units.is_empty()));
        let group = tasks_of(&[proposal("Các phòng, ban, đơn vị", true)], &source, &mut units, &mut id);
        assert_eq!(group[0].lead_unit, None, "a group is never made a unit");
        let committees = tasks_of(&[proposal("UBND các xã, thị trấn", true)], &source, &mut units, &mut id);
        assert_eq!((committees[0].lead_unit.as_ref(), committees[0].note.as_str()), (None, "Giao: UBND các xã, thị trấn"));
        assert_eq!(units.units().len(), 2);
    }

    /// Seed 004 says "quý IV" without a year: the review starts from the day it means in the
    /// document's year, so the task is added with that deadline, and the words stay shown.
    #[test]
    fn a_quarter_without_its_year_is_dated_from_the_document() {
        let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/directives/seed-004.txt")).unwrap();
        let reading = super::super::read_directive(&text, &UnitDirectory::default());
        let all = proposals(&reading, &UnitDirectory::default());
        let quarter: Vec<&Proposal> = all.iter().filter(|p| fold(&p.deadline_words).contains("quy iv")).collect();
        assert!(!quarter.is_empty());
        for p in &quarter {
            let read = read_deadline(&p.deadline);
            assert_eq!((read.deadline.due_date(), read.problem), (chrono::NaiveDate::from_ymd_opt(2022, 12, 31), None), "{}", p.deadline);
        }
        // Added, the task is due that day and keeps the document's words.
        let mut units = UnitDirectory::default();
        let mut n = 0;
        let tasks = tasks_of(&[quarter[0].clone()], &SourceDocument::default(), &mut units, || {
            n += 1;
            TaskId::from_entropy(n)
        });
        assert_eq!(tasks[0].deadline.due_date(), chrono::NaiveDate::from_ymd_opt(2022, 12, 31));
        assert!(fold(&tasks[0].deadline.text).contains("quy iv"), "{}", tasks[0].deadline.text);
        // The sentence a task comes from is the document's, not the task's own text.
        assert!(all.iter().any(|p| p.original.len() > p.text.len()));
    }

    #[test]
    fn places_named_together_each_get_their_task() {
        let reading = super::super::read_directive("UBND tỉnh giao UBND huyện Quang Bình, Bắc Quang tạm dừng các cuộc họp không cần thiết.", &UnitDirectory::default());
        let all = proposals(&reading, &UnitDirectory::default());
        assert_eq!((all[0].units.as_str(), all[0].each), ("UBND huyện Quang Bình; UBND huyện Bắc Quang", true));
        let reading = super::super::read_directive("UBND tỉnh giao Sở Tài nguyên và Môi trường, Sở Xây dựng rà soát hồ sơ.", &UnitDirectory::default());
        assert!(!proposals(&reading, &UnitDirectory::default())[0].each, "departments: the person chooses");
    }

    #[test]
    fn communes_fill_the_group_of_communes_and_wards() {
        let mut units = UnitDirectory::default();
        units.resolve_or_add("UBND phường Mai Hùng").unwrap();
        units.resolve_or_add("Xã Quỳnh Vinh").unwrap();
        units.resolve_or_add("Phòng Kinh tế").unwrap();
        assert_eq!(members_of("Các xã, phường", &units).as_deref(), Some("UBND phường Mai Hùng; Xã Quỳnh Vinh"));
        assert_eq!(members_of("Các phòng, ban", &units), None);
    }
}
