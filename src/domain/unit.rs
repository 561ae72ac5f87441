//! Units (departments, communes and wards): one canonical name each, with the abbreviations and
//! aliases people write ("Phòng TNMT", "Phòng TN&MT" and "phòng Tài nguyên và Môi trường" are one
//! unit). A catalog knows the usual departments; names it does not know become new units.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::fold::fold_words;

#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct UnitId(pub String);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UnitKind {
    /// Phòng, ban, cơ quan chuyên môn, đơn vị.
    Department,
    /// Xã, phường, thị trấn.
    Commune,
}

impl UnitKind {
    /// Communes and wards are named for what they are: "UBND phường Mai Hùng", "Xã Quỳnh Vinh".
    pub fn infer(name: &str) -> UnitKind {
        let words = fold_words(name);
        let rest = strip_people_committee(&words);
        match rest {
            [first, ..] if first == "phuong" || first == "xa" => UnitKind::Commune,
            [a, b, ..] if a == "thi" && b == "tran" => UnitKind::Commune,
            _ => UnitKind::Department,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unit {
    pub id: UnitId,
    /// The full name, as reports write it.
    pub name: String,
    /// The abbreviation for tight views (TN&MT, TC-KH…); empty when there is none.
    #[serde(default)]
    pub short_name: String,
    pub kind: UnitKind,
    /// Other ways of writing the name that mean this unit.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Position in lists and reports.
    #[serde(default)]
    pub order: u32,
    /// Lists and reminders sent to it, lists received back (see `exchange`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub exchanges: Vec<super::Exchange>,
}

impl Unit {
    pub fn display_short(&self) -> &str {
        if self.short_name.is_empty() {
            &self.name
        } else {
            &self.short_name
        }
    }
}

/// (full name, abbreviation, other names) of departments found in most People's Committees.
const CATALOG: &[(&str, &str, &[&str])] = &[
    ("Văn phòng HĐND và UBND", "VP HĐND-UBND", &["Văn phòng", "Văn phòng HĐND-UBND", "Văn phòng UBND", "VP UBND"]),
    ("Phòng Nội vụ", "Nội vụ", &[]),
    ("Phòng Tư pháp", "Tư pháp", &[]),
    ("Phòng Tài chính - Kế hoạch", "TC-KH", &["Phòng TCKH", "Phòng TC - KH"]),
    ("Phòng Tài nguyên và Môi trường", "TN&MT", &["Phòng TNMT", "Phòng Tài nguyên Môi trường", "Phòng TN và MT"]),
    ("Phòng Lao động - Thương binh và Xã hội", "LĐ-TB&XH", &["Phòng LĐTBXH", "Phòng LĐTB&XH", "Phòng Lao động Thương binh Xã hội"]),
    ("Phòng Văn hóa và Thông tin", "VH-TT", &["Phòng Văn hóa - Thông tin", "Phòng VHTT", "Phòng VH&TT"]),
    ("Phòng Giáo dục và Đào tạo", "GD&ĐT", &["Phòng GDĐT", "Phòng Giáo dục"]),
    ("Phòng Y tế", "Y tế", &[]),
    ("Phòng Kinh tế", "Kinh tế", &[]),
    ("Phòng Quản lý đô thị", "QLĐT", &["Phòng QLĐT"]),
    ("Phòng Kinh tế - Hạ tầng", "KT-HT", &["Phòng KTHT"]),
    ("Phòng Nông nghiệp và Phát triển nông thôn", "NN&PTNT", &["Phòng NNPTNT", "Phòng Nông nghiệp"]),
    ("Thanh tra", "Thanh tra", &[]),
    ("Công an", "Công an", &[]),
    ("Ban Chỉ huy Quân sự", "BCHQS", &["Quân sự", "Ban CHQS", "BCH Quân sự"]),
    ("Ban Quản lý dự án", "BQLDA", &["Ban QLDA"]),
    // Different boards, each its own unit (a city may have both).
    ("Ban Quản lý dự án đầu tư xây dựng", "Ban QLDA ĐTXD", &[]),
    ("Ban quản lý dự án xây dựng cơ sở hạ tầng", "Ban QLDA XDCSHT", &[]),
    ("Hội đồng Giải phóng mặt bằng", "HĐGPMB", &["Hội đồng GPMB", "HĐ GPMB", "Hội đồng bồi thường GPMB"]),
    ("Trung tâm Phát triển quỹ đất", "TT PTQĐ", &["Trung tâm phát triển quỹ đất và cụm công nghiệp"]),
    ("Trung tâm Y tế", "TTYT", &[]),
    ("Chi cục Thuế", "Chi cục Thuế", &[]),
];

/// "UBND phường X" and "phường X" name the same ward.
fn strip_people_committee(words: &[String]) -> &[String] {
    match words {
        [a, rest @ ..] if a == "ubnd" => rest,
        [a, b, c, rest @ ..] if a == "uy" && b == "ban" && c == "nhan" && rest.first().is_some_and(|w| w != "dan") => rest,
        [a, b, c, d, rest @ ..] if a == "uy" && b == "ban" && c == "nhan" && d == "dan" => rest,
        _ => words,
    }
}

/// The key under which names are compared: folded, without punctuation or spaces, without the
/// words that do not tell units apart ("UBND" before a commune, "Phòng" before a department,
/// "thành phố"/"thị xã"/"huyện" at the end: "Công an thị xã" is the Công an unit).
pub fn unit_key(name: &str) -> String {
    key_of(name, true)
}

/// The name as written, compared without case, accents, "UBND" or "Phòng", but with its place
/// tail: "Công an thị xã" and "Công an thành phố" share a [`unit_key`] but are written differently,
/// so the person is asked before one is taken for the other.
pub fn written_key(name: &str) -> String {
    key_of(name, false)
}

fn key_of(name: &str, drop_tail: bool) -> String {
    let words = fold_words(name);
    let mut rest = strip_people_committee(&words);
    if rest.len() > 1 && rest[0] == "phong" {
        rest = &rest[1..];
    }
    const TRAILING: &[&[&str]] = &[&["thanh", "pho"], &["thi", "xa"], &["tp"], &["tx"], &["huyen"], &["quan"]];
    for tail in TRAILING.iter().filter(|_| drop_tail) {
        if rest.len() > tail.len() + 1 && rest.ends_with(&tail.iter().map(|s| s.to_string()).collect::<Vec<_>>()) {
            rest = &rest[..rest.len() - tail.len()];
            break;
        }
    }
    rest.concat()
}

/// "Phường Mai Hùng", "UBND xã Quỳnh Vinh": a commune or ward with a capitalised name (not
/// "phường xem xét").
fn is_commune_name(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    let at = words.iter().position(|w| matches!(crate::domain::fold::fold(w).as_str(), "phuong" | "xa" | "tran"));
    UnitKind::infer(text) == UnitKind::Commune
        && words.len() <= 6
        && at.is_some_and(|i| words[i + 1..].first().is_some_and(|w| w.chars().next().is_some_and(char::is_uppercase)) && words[i + 1..].iter().all(|w| w.chars().next().is_some_and(char::is_uppercase)))
}

/// How a name was resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolution {
    /// A unit already in the workspace.
    Existing(UnitId),
    /// Not yet in the workspace, but a known department: added from the catalog.
    FromCatalog(UnitId),
    /// A name nobody knows: a new unit, to be shown to the person as new.
    New(UnitId),
    /// A unit already in the workspace whose names are written differently ("Công an thị xã" for
    /// "Công an thành phố"): the same unit unless the person says otherwise.
    Similar(UnitId),
}

impl Resolution {
    pub fn id(&self) -> &UnitId {
        match self {
            Resolution::Existing(id) | Resolution::FromCatalog(id) | Resolution::New(id) | Resolution::Similar(id) => id,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UnitError {
    EmptyName,
    /// The alias already means another unit (its name is given).
    AliasTaken(String),
    NoSuchUnit,
}

/// The workspace's units and every name that leads to them.
#[derive(Debug, Clone, Default)]
pub struct UnitDirectory {
    units: Vec<Unit>,
    /// Every name of every unit under its [`unit_key`] (the first unit wins a shared key) and
    /// under its [`written_key`] (which is looked up first).
    by_key: HashMap<String, usize>,
    by_written: HashMap<String, usize>,
}

impl UnitDirectory {
    pub fn new(units: Vec<Unit>) -> UnitDirectory {
        let mut dir = UnitDirectory { units, by_key: HashMap::new(), by_written: HashMap::new() };
        dir.reindex();
        dir
    }

    fn reindex(&mut self) {
        self.by_key.clear();
        self.by_written.clear();
        for (i, unit) in self.units.iter().enumerate() {
            for name in std::iter::once(&unit.name).chain(std::iter::once(&unit.short_name)).chain(&unit.aliases) {
                let key = unit_key(name);
                if !key.is_empty() {
                    self.by_key.entry(key).or_insert(i);
                    self.by_written.entry(written_key(name)).or_insert(i);
                }
            }
        }
    }

    pub fn units(&self) -> &[Unit] {
        &self.units
    }

    pub fn into_units(self) -> Vec<Unit> {
        self.units
    }

    pub fn get(&self, id: &UnitId) -> Option<&Unit> {
        self.units.iter().find(|u| &u.id == id)
    }

    /// The unit this name means, if the workspace has it.
    pub fn find(&self, name: &str) -> Option<&Unit> {
        self.by_written.get(&written_key(name)).or_else(|| self.by_key.get(&unit_key(name))).map(|&i| &self.units[i])
    }

    /// The unit that has this name, as written (not a unit whose name only shares its key).
    pub fn find_written(&self, name: &str) -> Option<&Unit> {
        self.by_written.get(&written_key(name)).map(|&i| &self.units[i])
    }

    /// Is this exactly a name the directory or the catalog knows, or a commune/ward?
    pub fn knows(&self, text: &str) -> bool {
        let key = unit_key(text);
        !key.is_empty()
            && (self.by_key.contains_key(&key)
                || is_commune_name(text)
                || CATALOG.iter().any(|(f, s, a)| unit_key(f) == key || unit_key(s) == key || a.iter().any(|x| unit_key(x) == key)))
    }

    /// Does this text name a unit: one of the workspace's, a known department, a commune or ward,
    /// or a name that starts the way unit names do ("Phòng …", "Ban …", "UBND …")?
    pub fn names_a_unit(&self, text: &str) -> bool {
        let key = unit_key(text);
        if key.is_empty() || text.chars().count() > 80 {
            return false;
        }
        if self.by_key.contains_key(&key) || is_commune_name(text) {
            return true;
        }
        if CATALOG.iter().any(|(f, s, a)| unit_key(f) == key || unit_key(s) == key || a.iter().any(|x| unit_key(x) == key)) {
            return true;
        }
        let words = fold_words(text);
        const STARTS: &[&str] = &["phong", "ban", "ubnd", "trung", "chi", "hoi", "van", "cong", "thanh", "doi", "so"];
        // A long board's name ("Ban quản lý dự án xây dựng cơ sở hạ tầng thành phố") is one unit.
        let limit = if matches!(words.iter().take(3).map(String::as_str).collect::<Vec<_>>().as_slice(), ["ban", "quan", "ly"] | ["trung", "tam", _] | ["hoi", "dong", _]) { 14 } else { 6 };
        words.len() <= limit
            && words.first().is_some_and(|w| STARTS.contains(&w.as_str()))
            && matches!(
                words.iter().take(2).map(String::as_str).collect::<Vec<_>>().as_slice(),
                ["phong", _] | ["ban", _] | ["trung", "tam"] | ["chi", "cuc"] | ["hoi", "dong"]
                    | ["van", "phong"] | ["cong", "an"] | ["thanh", "tra"] | ["doi", _] | ["so", _]
            )
    }

    /// The unit this name means, adding it from the catalog or as a new unit when needed.
    pub fn resolve_or_add(&mut self, name: &str) -> Result<Resolution, UnitError> {
        let key = unit_key(name);
        if key.is_empty() {
            return Err(UnitError::EmptyName);
        }
        if let Some(&i) = self.by_written.get(&written_key(name)) {
            return Ok(Resolution::Existing(self.units[i].id.clone()));
        }
        if let Some(&i) = self.by_key.get(&key) {
            return Ok(Resolution::Similar(self.units[i].id.clone()));
        }
        let order = self.units.len() as u32 + 1;
        let known = CATALOG.iter().find(|(full, short, aliases)| {
            unit_key(full) == key || unit_key(short) == key || aliases.iter().any(|a| unit_key(a) == key)
        });
        let (unit, from_catalog) = match known {
            // The name as the file or directive writes it is kept ("Thanh tra thị xã" is never
            // shortened to the catalog's "Thanh tra"); the catalog's forms lead to it as aliases.
            Some((full, short, aliases)) => {
                let name = tidy_name(name);
                let own = unit_key(&name);
                let mut others: Vec<String> = Vec::new();
                for a in std::iter::once(full).chain(aliases.iter()) {
                    if unit_key(a) != own && !others.iter().any(|o| unit_key(o) == unit_key(a)) {
                        others.push(a.to_string());
                    }
                }
                (
                    Unit { id: self.fresh_id(&name), name, short_name: short.to_string(), kind: UnitKind::Department, aliases: others, order, exchanges: Vec::new() },
                    true,
                )
            }
            None => {
                let name = tidy_name(name);
                (
                    Unit { id: self.fresh_id(&name), kind: UnitKind::infer(&name), name, short_name: String::new(), aliases: Vec::new(), order, exchanges: Vec::new() },
                    false,
                )
            }
        };
        let id = unit.id.clone();
        self.units.push(unit);
        self.reindex();
        // The name as written becomes an alias when it differs from every known form.
        if from_catalog && self.find(name).map(|u| &u.id) != Some(&id) {
            self.add_alias(&id, name)?;
        }
        Ok(if from_catalog { Resolution::FromCatalog(id) } else { Resolution::New(id) })
    }

    /// A unit of its own for a name that shares its key with another unit (the person said
    /// "Công an thị xã" is not "Công an thành phố"). A name the directory has as written is that unit.
    pub fn add_separate(&mut self, name: &str) -> Result<Resolution, UnitError> {
        if unit_key(name).is_empty() {
            return Err(UnitError::EmptyName);
        }
        if let Some(unit) = self.find_written(name) {
            return Ok(Resolution::Existing(unit.id.clone()));
        }
        let name = tidy_name(name);
        let order = self.units.len() as u32 + 1;
        let unit = Unit { id: self.fresh_id(&name), kind: UnitKind::infer(&name), name, short_name: String::new(), aliases: Vec::new(), order, exchanges: Vec::new() };
        let id = unit.id.clone();
        self.units.push(unit);
        self.reindex();
        Ok(Resolution::New(id))
    }

    /// Give a unit a new full name; the old one stays as an alias, so files using it still match.
    pub fn rename(&mut self, id: &UnitId, name: &str) -> Result<(), UnitError> {
        let name = tidy_name(name);
        if unit_key(&name).is_empty() {
            return Err(UnitError::EmptyName);
        }
        let index = self.units.iter().position(|u| &u.id == id).ok_or(UnitError::NoSuchUnit)?;
        if let Some(&other) = self.by_written.get(&written_key(&name)) {
            if other != index {
                return Err(UnitError::AliasTaken(self.units[other].name.clone()));
            }
        }
        let old = std::mem::replace(&mut self.units[index].name, name);
        if !self.units[index].aliases.contains(&old) {
            self.units[index].aliases.push(old);
        }
        self.reindex();
        Ok(())
    }

    pub fn set_kind(&mut self, id: &UnitId, kind: UnitKind) -> Result<(), UnitError> {
        self.units.iter_mut().find(|u| &u.id == id).ok_or(UnitError::NoSuchUnit)?.kind = kind;
        Ok(())
    }

    /// Put a unit at a position in lists and reports (1 = first); the others keep their order.
    pub fn set_order(&mut self, id: &UnitId, position: u32) -> Result<(), UnitError> {
        let mut ordered: Vec<UnitId> = self.ordered().iter().map(|u| u.id.clone()).collect();
        let from = ordered.iter().position(|u| u == id).ok_or(UnitError::NoSuchUnit)?;
        let unit = ordered.remove(from);
        ordered.insert((position.max(1) as usize - 1).min(ordered.len()), unit);
        for (i, uid) in ordered.iter().enumerate() {
            if let Some(u) = self.units.iter_mut().find(|u| &u.id == uid) {
                u.order = i as u32 + 1;
            }
        }
        Ok(())
    }

    /// Units in their order (then by name).
    pub fn ordered(&self) -> Vec<&Unit> {
        let mut v: Vec<&Unit> = self.units.iter().collect();
        v.sort_by(|a, b| a.order.cmp(&b.order).then_with(|| a.name.cmp(&b.name)));
        v
    }

    /// Merge `from` into `into`: every name of `from` becomes an alias of `into`, and `from` is gone.
    /// The caller moves the tasks (see [`super::unit::reassign_tasks`]).
    pub fn merge(&mut self, from: &UnitId, into: &UnitId) -> Result<(), UnitError> {
        if from == into {
            return Ok(());
        }
        let gone = self.units.iter().position(|u| &u.id == from).ok_or(UnitError::NoSuchUnit)?;
        if !self.units.iter().any(|u| &u.id == into) {
            return Err(UnitError::NoSuchUnit);
        }
        let gone = self.units.remove(gone);
        let Some(target) = self.units.iter_mut().find(|u| &u.id == into) else { return Err(UnitError::NoSuchUnit) };
        // What was sent to and received from either is the merged unit's.
        target.exchanges.extend(gone.exchanges);
        target.exchanges.sort_by_key(|e| e.on);
        for name in std::iter::once(gone.name).chain(std::iter::once(gone.short_name)).chain(gone.aliases) {
            if !name.trim().is_empty() && !target.aliases.contains(&name) && name != target.name {
                target.aliases.push(name);
            }
        }
        self.reindex();
        Ok(())
    }

    /// Note something sent to or received from a unit.
    pub fn record(&mut self, id: &UnitId, exchange: super::Exchange) -> Result<(), UnitError> {
        let unit = self.units.iter_mut().find(|u| &u.id == id).ok_or(UnitError::NoSuchUnit)?;
        // The same list recorded twice (two tabs, a download pressed again) is one exchange.
        if !unit.exchanges.contains(&exchange) {
            unit.exchanges.push(exchange);
        }
        Ok(())
    }

    /// Teach the directory another name for a unit.
    pub fn add_alias(&mut self, id: &UnitId, alias: &str) -> Result<(), UnitError> {
        let key = unit_key(alias);
        if key.is_empty() {
            return Err(UnitError::EmptyName);
        }
        let index = self.units.iter().position(|u| &u.id == id).ok_or(UnitError::NoSuchUnit)?;
        let written = written_key(alias);
        match (self.by_written.get(&written), self.by_key.get(&key)) {
            (Some(&i), _) if i == index => Ok(()),
            (Some(&i), _) => Err(UnitError::AliasTaken(self.units[i].name.clone())),
            // A form of a name that shares only its key with this unit ("Công an thị xã" for
            // "Công an thành phố"): kept, so it is known as written next time.
            (None, Some(&i)) if i != index => Err(UnitError::AliasTaken(self.units[i].name.clone())),
            (None, _) => {
                self.units[index].aliases.push(alias.trim().to_string());
                self.by_key.entry(key).or_insert(index);
                self.by_written.insert(written, index);
                Ok(())
            }
        }
    }

    fn fresh_id(&self, name: &str) -> UnitId {
        let base = format!("u-{}", fold_words(name).join("-"));
        let mut id = UnitId(base.clone());
        let mut n = 2;
        while self.units.iter().any(|u| u.id == id) {
            id = UnitId(format!("{base}-{n}"));
            n += 1;
        }
        id
    }
}

/// After merging `from` into `into`: every task led or coordinated by `from` now is by `into`
/// (recorded in each task's history). Returns the indexes of the tasks changed.
pub fn reassign_tasks(tasks: &mut [super::Task], from: &UnitId, into: &UnitId, at: chrono::NaiveDateTime) -> Vec<usize> {
    use super::edit::{apply, Edit};
    let mut changed = Vec::new();
    for (i, task) in tasks.iter_mut().enumerate() {
        let mut touched = false;
        if task.lead_unit.as_ref() == Some(from) {
            touched |= apply(task, Edit::LeadUnit(Some(into.clone())), at);
        }
        if task.coordinating_units.contains(from) {
            let mut units: Vec<UnitId> = Vec::new();
            for u in &task.coordinating_units {
                let u = if u == from { into.clone() } else { u.clone() };
                if !units.contains(&u) && task.lead_unit.as_ref() != Some(&u) {
                    units.push(u);
                }
            }
            touched |= apply(task, Edit::CoordinatingUnits(units), at);
        }
        if touched {
            changed.push(i);
        }
    }
    changed
}

/// Trim, collapse spaces and drop trailing punctuation ("Quân sự thị xã;" → "Quân sự thị xã");
/// capitalise the first letter.
fn tidy_name(name: &str) -> String {
    let collapsed = name.split_whitespace().collect::<Vec<_>>().join(" ");
    let trimmed = collapsed.trim_end_matches(|c: char| matches!(c, ';' | ':' | '.' | ',')).trim();
    let mut chars = trimmed.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn abbreviations_and_full_names_are_one_unit() {
        let mut dir = UnitDirectory::default();
        let a = dir.resolve_or_add("Phòng TNMT").unwrap();
        assert!(matches!(a, Resolution::FromCatalog(_)));
        let b = dir.resolve_or_add("Phòng TN&MT").unwrap();
        let c = dir.resolve_or_add("phòng Tài nguyên và Môi trường").unwrap();
        assert_eq!(b, Resolution::Existing(a.id().clone()));
        assert_eq!(c, Resolution::Existing(a.id().clone()));
        assert_eq!(dir.units().len(), 1);
        // The name as first written is kept; the catalog gives the abbreviation and the other forms.
        assert_eq!(dir.units()[0].name, "Phòng TNMT");
        assert_eq!(dir.units()[0].display_short(), "TN&MT");
    }

    #[test]
    fn case_dashes_and_locality_do_not_matter() {
        let mut dir = UnitDirectory::default();
        let a = dir.resolve_or_add("Phòng Tài chính - Kế hoạch").unwrap();
        for name in ["Phòng Tài chính – Kế hoạch", "PHÒNG TÀI CHÍNH KẾ HOẠCH", "Phòng TC-KH", "TC-KH"] {
            assert_eq!(dir.resolve_or_add(name).unwrap(), Resolution::Existing(a.id().clone()), "{name}");
        }
        let police = dir.resolve_or_add("Công an thị xã:").unwrap();
        // The same unit, found as similar: an import asks before taking one for the other.
        assert_eq!(dir.resolve_or_add("Công an thành phố").unwrap(), Resolution::Similar(police.id().clone()));
        assert_eq!(dir.resolve_or_add("Công an").unwrap(), Resolution::Existing(police.id().clone()));
        assert_eq!(dir.get(police.id()).unwrap().name, "Công an thị xã", "never shortened to the catalog's name");
    }

    #[test]
    fn unknown_names_become_new_units_of_the_right_kind() {
        let mut dir = UnitDirectory::default();
        let ward = dir.resolve_or_add("Phường Mai Hùng").unwrap();
        assert!(matches!(ward, Resolution::New(_)));
        assert_eq!(dir.get(ward.id()).unwrap().kind, UnitKind::Commune);
        assert_eq!(dir.resolve_or_add("UBND phường Mai Hùng").unwrap(), Resolution::Existing(ward.id().clone()));
        let commune = dir.resolve_or_add("xã Quỳnh Vinh").unwrap();
        assert_eq!(dir.get(commune.id()).unwrap().name, "Xã Quỳnh Vinh");
        assert_eq!(dir.get(commune.id()).unwrap().kind, UnitKind::Commune);
        assert_eq!(UnitKind::infer("Thị trấn Cầu Gát"), UnitKind::Commune);
        assert_eq!(UnitKind::infer("Phòng Kinh tế"), UnitKind::Department);
        assert_ne!(ward.id(), commune.id());
    }

    #[test]
    fn user_aliases_resolve_and_cannot_steal_another_unit() {
        let mut dir = UnitDirectory::default();
        let economy = dir.resolve_or_add("Phòng Kinh tế").unwrap().id().clone();
        let culture = dir.resolve_or_add("Phòng Văn hóa và Thông tin").unwrap().id().clone();
        assert_eq!(dir.find("P.KT"), None);
        dir.add_alias(&economy, "P.KT").unwrap();
        assert_eq!(dir.find("p kt").map(|u| &u.id), Some(&economy));
        assert_eq!(dir.resolve_or_add("P.KT").unwrap(), Resolution::Existing(economy.clone()));
        assert_eq!(dir.add_alias(&culture, "Phòng Kinh tế"), Err(UnitError::AliasTaken("Phòng Kinh tế".into())));
        assert_eq!(dir.add_alias(&culture, "  "), Err(UnitError::EmptyName));
    }

    #[test]
    fn aliases_survive_being_stored() {
        let mut dir = UnitDirectory::default();
        let id = dir.resolve_or_add("Phòng Kinh tế").unwrap().id().clone();
        dir.add_alias(&id, "P.KT").unwrap();
        let stored = serde_json::to_string(dir.units()).unwrap();
        let back = UnitDirectory::new(serde_json::from_str(&stored).unwrap());
        assert_eq!(back.find("P.KT").map(|u| &u.id), Some(&id));
    }

    #[test]
    fn unit_names_are_told_from_other_text() {
        let dir = UnitDirectory::default();
        for name in ["I. Phòng Kinh tế", "Phòng Kinh tế", "Phường Mai Hùng", "UBND xã Quỳnh Vinh", "Thanh tra", "TN&MT", "Ban Quản lý dự án"] {
            let name = name.trim_start_matches("I. ");
            assert!(dir.names_a_unit(name), "{name}");
        }
        for text in ["NGUỒN TRUNG ƯƠNG", "Nhiệm vụ trọng tâm", "Tổ chức kiểm tra việc thực hiện"] {
            assert!(!dir.names_a_unit(text), "{text}");
        }
    }

    #[test]
    fn a_name_written_differently_is_similar_until_confirmed_or_kept_apart() {
        let mut dir = UnitDirectory::default();
        let city = dir.resolve_or_add("Công an thành phố").unwrap().id().clone();
        // Same unit key, written with another place word: found, but as "similar" for the person to confirm.
        assert_eq!(dir.resolve_or_add("Công an thị xã").unwrap(), Resolution::Similar(city.clone()));
        // Written the way the unit is: no question.
        assert_eq!(dir.resolve_or_add("CÔNG AN THÀNH PHỐ").unwrap(), Resolution::Existing(city.clone()));
        // Confirmed: the name as written becomes an alias, known as written next time.
        dir.add_alias(&city, "Công an thị xã").unwrap();
        assert!(dir.get(&city).unwrap().aliases.contains(&"Công an thị xã".to_string()));
        assert_eq!(dir.resolve_or_add("Công an thị xã").unwrap(), Resolution::Existing(city.clone()));

        // Kept apart: a unit of its own, found as written; the first keeps its name.
        let mut dir = UnitDirectory::default();
        let city = dir.resolve_or_add("Thanh tra thành phố").unwrap().id().clone();
        let town = dir.add_separate("Thanh tra thị xã").unwrap().id().clone();
        assert_ne!(town, city);
        assert_eq!(dir.get(&town).unwrap().name, "Thanh tra thị xã");
        assert_eq!(dir.resolve_or_add("thanh tra thị xã").unwrap(), Resolution::Existing(town.clone()));
        assert_eq!(dir.resolve_or_add("Thanh tra thành phố").unwrap(), Resolution::Existing(city.clone()));
        // Renaming the separate unit is not refused because another unit shares its key.
        dir.rename(&town, "Thanh tra Thị xã").unwrap();
        // The directory as stored and read back keeps them apart.
        let again = UnitDirectory::new(dir.units().to_vec());
        assert_eq!(again.find("Thanh tra thị xã").unwrap().id, town);
        assert_eq!(again.find("Thanh tra thành phố").unwrap().id, city);
    }

    #[test]
    fn renaming_keeps_the_old_name_as_an_alias() {
        let mut dir = UnitDirectory::default();
        let id = dir.resolve_or_add("Phòng Văn hóa và Thông tin").unwrap().id().clone();
        dir.rename(&id, "Phòng Văn hóa, Khoa học và Thông tin").unwrap();
        assert_eq!(dir.get(&id).unwrap().name, "Phòng Văn hóa, Khoa học và Thông tin");
        assert_eq!(dir.find("Phòng Văn hóa và Thông tin").map(|u| &u.id), Some(&id));
        let other = dir.resolve_or_add("Thanh tra").unwrap().id().clone();
        assert_eq!(dir.rename(&other, "phòng văn hóa, khoa học và thông tin"), Err(UnitError::AliasTaken("Phòng Văn hóa, Khoa học và Thông tin".into())));
    }

    #[test]
    fn merging_moves_names_and_tasks() {
        let mut dir = UnitDirectory::default();
        let tn = dir.resolve_or_add("Phòng TNMT").unwrap().id().clone();
        let typo = dir.resolve_or_add("Phòng Tài nguyen Moi truong cũ").unwrap().id().clone();
        let police = dir.resolve_or_add("Công an").unwrap().id().clone();
        let at = chrono::NaiveDate::from_ymd_opt(2024, 1, 20).unwrap().and_hms_opt(8, 0, 0).unwrap();
        let mut a = crate::domain::Task::new(crate::domain::TaskId("A".into()), "Việc A");
        a.lead_unit = Some(typo.clone());
        let mut b = crate::domain::Task::new(crate::domain::TaskId("B".into()), "Việc B");
        b.lead_unit = Some(police.clone());
        b.coordinating_units = vec![typo.clone(), tn.clone()];
        let mut tasks = vec![a, b];
        dir.merge(&typo, &tn).unwrap();
        let changed = reassign_tasks(&mut tasks, &typo, &tn, at);
        assert_eq!(changed, vec![0, 1]);
        assert_eq!(tasks[0].lead_unit.as_ref(), Some(&tn));
        assert_eq!(tasks[1].coordinating_units, vec![tn.clone()], "no unit twice");
        assert_eq!(dir.find("Phòng Tài nguyen Moi truong cũ").map(|u| &u.id), Some(&tn), "the merged name leads to the unit");
        assert!(dir.get(&typo).is_none());
        assert_eq!(tasks[0].history.len(), 1);
    }

    #[test]
    fn order_and_kind_can_be_set() {
        let mut dir = UnitDirectory::default();
        let a = dir.resolve_or_add("Phòng Kinh tế").unwrap().id().clone();
        let b = dir.resolve_or_add("Thanh tra").unwrap().id().clone();
        let c = dir.resolve_or_add("Xã Quỳnh Vinh").unwrap().id().clone();
        dir.set_order(&c, 1).unwrap();
        assert_eq!(dir.ordered().iter().map(|u| u.id.clone()).collect::<Vec<_>>(), vec![c.clone(), a.clone(), b.clone()]);
        dir.set_kind(&b, UnitKind::Commune).unwrap();
        assert_eq!(dir.get(&b).unwrap().kind, UnitKind::Commune);
    }

    #[test]
    fn department_keys_drop_phong_but_keep_other_words() {
        assert_eq!(unit_key("Phòng Kinh tế"), unit_key("Kinh tế"));
        assert_ne!(unit_key("Phòng Y tế"), unit_key("Trung tâm Y tế"));
        assert_eq!(unit_key("Văn phòng"), "vanphong");
    }
}
