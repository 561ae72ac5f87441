//! Scoring the directive reader against the hand-labelled corpus in `tests/fixtures/directives/`
//! (see its README for the labelling rules): how many of the tasks a clerk would log it proposes
//! (recall), how many of its proposals are such tasks (precision), and whether units and deadlines
//! are right. Measures only; `cargo run --example directive_score [doc]` prints the scorecard.
//!
//! Matching, one-to-one and greedy: every (label, proposal) pair whose texts match is a candidate;
//! candidates are taken best first — right unit before wrong unit, then higher text similarity, then
//! earlier proposal — while both sides are free. A proposal naming n units may take up to n labels
//! (rule 3: several named units, each acting in its remit, are one task each) and counts once in
//! precision.
//!
//! - **Text**: the label's `opening` and the proposal's text, folded to words. They match when the
//!   opening's first min(6, len) words occur as a contiguous run anywhere in the proposal (the unit
//!   or "giao …" may come first), or, for openings of 5 words or more, when at least 70% of the
//!   opening's first 10 words occur among the proposal's first 40 words (reworded clauses; on the
//!   corpus, different tasks of one document share at most 60%). Similarity = the larger of the
//!   longest matching prefix run (share of the first 10 words) and that share.
//! - **Unit**: the label's lead (its group when the lead is null) against `Units` — a name with the
//!   same [`unit_key`], or one folded name contained in the other (at least two words) — and its
//!   group against `Group` the same way. `Unassigned` never matches.
//! - **Deadline** (of fully matched pairs): the label's date equals `due_date()`; or its recurrence
//!   equals the proposal's; or the label has neither (or no deadline) and the proposal has no due
//!   date and is not recurring.

use std::path::Path;

use chrono::NaiveDate;
use serde::Deserialize;

use super::{read_directive, ProposedTask, Target};
use crate::domain::fold::fold_words;
use crate::domain::unit::unit_key;
use crate::domain::{Deadline, DeadlineKind, Recurrence, UnitDirectory};

/// A label file (`NNN.json`); fields not used by the scorer are ignored.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct Label {
    pub kind: Option<String>,
    pub number: Option<String>,
    pub date: Option<NaiveDate>,
    pub default_deadline: Option<LabelDeadline>,
    pub tasks: Vec<LabelTask>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct LabelTask {
    pub opening: String,
    pub units: Vec<String>,
    pub lead: Option<String>,
    pub coordinators: Vec<String>,
    pub group: Option<String>,
    pub deadline: Option<LabelDeadline>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct LabelDeadline {
    pub text: Option<String>,
    pub date: Option<NaiveDate>,
    pub recurring: Option<String>,
    pub from_document: bool,
}

/// Counts that add up over documents (micro-averaging).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Figures {
    pub proposals: usize,
    pub labels: usize,
    /// Proposals that matched at least one label, text and unit.
    pub true_proposals: usize,
    /// Labels matched, text and unit.
    pub matched: usize,
    /// Labels matched by text, whatever the unit.
    pub text_matched: usize,
    /// Matched labels whose deadline is right.
    pub deadline_ok: usize,
}

fn ratio(a: usize, b: usize) -> Option<f64> {
    (b > 0).then(|| a as f64 / b as f64)
}

impl Figures {
    pub fn add(&mut self, o: &Figures) {
        self.proposals += o.proposals;
        self.labels += o.labels;
        self.true_proposals += o.true_proposals;
        self.matched += o.matched;
        self.text_matched += o.text_matched;
        self.deadline_ok += o.deadline_ok;
    }
    pub fn precision(&self) -> Option<f64> {
        ratio(self.true_proposals, self.proposals)
    }
    pub fn recall(&self) -> Option<f64> {
        ratio(self.matched, self.labels)
    }
    pub fn unit_accuracy(&self) -> Option<f64> {
        ratio(self.matched, self.text_matched)
    }
    pub fn deadline_accuracy(&self) -> Option<f64> {
        ratio(self.deadline_ok, self.matched)
    }
}

#[derive(Debug, Clone, Default)]
pub struct DocScore {
    /// The file stem: "006", "seed-002".
    pub name: String,
    /// The document's number and date against the label's: (wanted, read) where they differ;
    /// `None` when the label has none.
    pub number: Option<(String, String)>,
    pub date: Option<(String, String)>,
    pub number_ok: Option<bool>,
    pub date_ok: Option<bool>,
    pub figures: Figures,
    /// Labels not matched: (opening, unit, what the reader had for it if the text matched).
    pub missed: Vec<(String, String, Option<String>)>,
    /// Proposals that matched no label: (first 80 chars, target).
    pub unmatched: Vec<(String, String)>,
    /// Matched pairs with a wrong deadline: (opening, label deadline, proposal deadline).
    pub wrong_deadlines: Vec<(String, String, String)>,
}

impl DocScore {
    pub fn is_seed(&self) -> bool {
        self.name.starts_with("seed-")
    }
}

#[derive(Debug, Clone, Default)]
pub struct Scorecard {
    pub docs: Vec<DocScore>,
    /// Files that could not be read or parsed (reported, not scored).
    pub problems: Vec<String>,
}

impl Scorecard {
    /// Totals over the documents `keep` selects.
    pub fn total(&self, keep: impl Fn(&DocScore) -> bool) -> Figures {
        let mut f = Figures::default();
        self.docs.iter().filter(|d| keep(d)).for_each(|d| f.add(&d.figures));
        f
    }
}

/// One matched pair: indices into the labels and the proposals.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Pair {
    pub label: usize,
    pub proposal: usize,
    pub unit_ok: bool,
}

/// How alike a label's opening and a proposal's text are, if they are the same task (see the module doc).
pub fn text_similarity(opening: &str, proposal: &str) -> Option<f64> {
    let o = fold_words(opening);
    let p = fold_words(proposal);
    if o.is_empty() || p.is_empty() {
        return None;
    }
    let head = &o[..o.len().min(10)];
    let occurs = |run: &[String]| p.windows(run.len()).any(|w| w == run);
    let run = (1..=head.len()).rev().find(|&k| occurs(&head[..k])).unwrap_or(0);
    let early = &p[..p.len().min(40)];
    let share = head.iter().filter(|w| early.contains(w)).count() as f64 / head.len() as f64;
    (run >= o.len().min(6) || (head.len() >= 5 && share >= 0.7)).then(|| (run as f64 / head.len() as f64).max(share))
}

/// Whether two unit names or group phrases are the same: same [`unit_key`], or one's folded words
/// (two or more) a contiguous run in the other's.
pub fn same_unit(a: &str, b: &str) -> bool {
    let (x, y) = (fold_words(a), fold_words(b));
    let (short, long) = if x.len() <= y.len() { (x, y) } else { (y, x) };
    if short.is_empty() {
        return false;
    }
    unit_key(a) == unit_key(b) || (short.len() >= 2 && long.windows(short.len()).any(|w| w == short.as_slice()))
}

pub fn unit_matches(label: &LabelTask, target: &Target) -> bool {
    match target {
        Target::Units(names) => label.lead.as_ref().or(label.group.as_ref()).is_some_and(|l| names.iter().any(|n| same_unit(n, l))),
        Target::Group(g) => label.group.as_ref().is_some_and(|l| same_unit(g, l)),
        Target::Unassigned => false,
    }
}

fn recurrence_name(r: Recurrence) -> &'static str {
    match r {
        Recurrence::Weekly => "weekly",
        Recurrence::Monthly => "monthly",
        Recurrence::Quarterly => "quarterly",
        Recurrence::Yearly => "yearly",
        Recurrence::Continuous => "continuous",
    }
}

pub fn deadline_right(label: Option<&LabelDeadline>, d: &Deadline) -> bool {
    let recurring = match d.kind {
        DeadlineKind::Recurring(r) => Some(recurrence_name(r)),
        _ => None,
    };
    match label.map(|l| (l.date, l.recurring.as_deref())) {
        Some((Some(date), _)) => d.due_date() == Some(date),
        Some((None, Some(r))) => recurring == Some(r),
        _ => d.due_date().is_none() && recurring.is_none(),
    }
}

/// Pairs labels with proposals, one-to-one (a proposal with n units: up to n), best first.
pub fn match_tasks(labels: &[LabelTask], proposals: &[ProposedTask]) -> Vec<Pair> {
    let mut candidates = Vec::new();
    for (li, l) in labels.iter().enumerate() {
        for (pi, p) in proposals.iter().enumerate() {
            if let Some(sim) = text_similarity(&l.opening, &p.text) {
                candidates.push((unit_matches(l, &p.target), sim, li, pi));
            }
        }
    }
    candidates.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.total_cmp(&a.1)).then(a.3.cmp(&b.3)).then(a.2.cmp(&b.2)));
    let mut label_taken = vec![false; labels.len()];
    let mut room: Vec<usize> = proposals.iter().map(|p| if let Target::Units(v) = &p.target { v.len().max(1) } else { 1 }).collect();
    let mut pairs = Vec::new();
    for (unit_ok, _, li, pi) in candidates {
        if !label_taken[li] && room[pi] > 0 {
            label_taken[li] = true;
            room[pi] -= 1;
            pairs.push(Pair { label: li, proposal: pi, unit_ok });
        }
    }
    pairs
}

pub fn target_text(t: &Target) -> String {
    match t {
        Target::Units(v) => v.join(" + "),
        Target::Group(g) => format!("nhóm: {g}"),
        Target::Unassigned => "(không đơn vị)".into(),
    }
}

fn label_unit(l: &LabelTask) -> String {
    match (&l.lead, &l.group) {
        (Some(lead), _) => lead.clone(),
        (None, Some(g)) => format!("nhóm: {g}"),
        (None, None) => "(không đơn vị)".into(),
    }
}

fn label_deadline_text(l: Option<&LabelDeadline>) -> String {
    match l {
        None => "(none)".into(),
        Some(l) => format!("{} → {}", l.text.as_deref().unwrap_or(""), l.date.map_or_else(|| l.recurring.clone().unwrap_or_else(|| "no date".into()), |d| d.to_string())),
    }
}

pub fn score_document(name: &str, label: &Label, proposals: &[ProposedTask]) -> DocScore {
    let pairs = match_tasks(&label.tasks, proposals);
    let mut s = DocScore { name: name.to_string(), ..Default::default() };
    s.figures.proposals = proposals.len();
    s.figures.labels = label.tasks.len();
    s.figures.text_matched = pairs.len();
    let good: Vec<&Pair> = pairs.iter().filter(|p| p.unit_ok).collect();
    s.figures.matched = good.len();
    for p in &good {
        let (l, prop) = (&label.tasks[p.label], &proposals[p.proposal]);
        if deadline_right(l.deadline.as_ref(), &prop.deadline) {
            s.figures.deadline_ok += 1;
        } else {
            let due = prop.deadline.due_date().map_or_else(|| format!("{:?}", prop.deadline.kind), |d| d.to_string());
            s.wrong_deadlines.push((l.opening.clone(), label_deadline_text(l.deadline.as_ref()), format!("{} → {due}", prop.deadline.text)));
        }
    }
    for (i, l) in label.tasks.iter().enumerate() {
        if !good.iter().any(|p| p.label == i) {
            let had = pairs.iter().find(|p| p.label == i).map(|p| target_text(&proposals[p.proposal].target));
            s.missed.push((l.opening.clone(), label_unit(l), had));
        }
    }
    for (i, p) in proposals.iter().enumerate() {
        if good.iter().any(|g| g.proposal == i) {
            s.figures.true_proposals += 1;
        } else {
            s.unmatched.push((p.text.chars().take(80).collect(), target_text(&p.target)));
        }
    }
    s
}

/// The document's number and date as read, against the label.
pub fn score_identity(doc: &mut DocScore, label: &Label, id: &crate::directive::DocumentIdentity) {
    if let Some(want) = label.number.as_deref().filter(|n| !n.is_empty()) {
        let ok = crate::domain::fold::fold_key(want) == crate::domain::fold::fold_key(&id.reference);
        doc.number_ok = Some(ok);
        if !ok {
            doc.number = Some((want.to_string(), id.reference.clone()));
        }
    }
    if let Some(want) = label.date {
        let ok = id.date == Some(want);
        doc.date_ok = Some(ok);
        if !ok {
            doc.date = Some((want.to_string(), id.date.map_or_else(|| id.date_text.clone(), |d| d.to_string())));
        }
    }
}

impl Scorecard {
    /// (right, labelled) for the documents' numbers and dates.
    pub fn identity(&self) -> ((usize, usize), (usize, usize)) {
        let count = |f: fn(&DocScore) -> Option<bool>| {
            (self.docs.iter().filter(|d| f(d) == Some(true)).count(), self.docs.iter().filter(|d| f(d).is_some()).count())
        };
        (count(|d| d.number_ok), count(|d| d.date_ok))
    }
}

pub fn corpus_dir() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/directives"))
}

/// Reads every `*.json` label with its `.txt` in `dir` and scores the reader on it.
pub fn score_dir(dir: &Path) -> Scorecard {
    let mut card = Scorecard::default();
    let mut labels: Vec<_> = match std::fs::read_dir(dir) {
        Ok(entries) => entries.filter_map(Result::ok).map(|e| e.path()).filter(|p| p.extension().is_some_and(|e| e == "json")).collect(),
        Err(e) => {
            card.problems.push(format!("{}: {e}", dir.display()));
            return card;
        }
    };
    labels.sort();
    for path in labels {
        let name = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        let label = match std::fs::read_to_string(&path).map_err(|e| e.to_string()).and_then(|j| serde_json::from_str::<Label>(&j).map_err(|e| e.to_string())) {
            Ok(l) => l,
            Err(e) => {
                card.problems.push(format!("{name}.json: {e}"));
                continue;
            }
        };
        match std::fs::read_to_string(path.with_extension("txt")) {
            Ok(text) => {
                let reading = read_directive(&text, &UnitDirectory::default());
                let mut doc = score_document(&name, &label, &reading.tasks);
                score_identity(&mut doc, &label, &reading.document);
                card.docs.push(doc);
            }
            Err(e) => card.problems.push(format!("{name}.txt: {e}")),
        }
    }
    card
}

pub fn score_corpus() -> Scorecard {
    score_dir(corpus_dir())
}

fn pct(x: Option<f64>) -> String {
    x.map_or_else(|| "-".into(), |v| format!("{:.1}", v * 100.0))
}

fn row(name: &str, f: &Figures) -> String {
    format!(
        "{name:<12}{:>6}{:>7}{:>7}{:>6}{:>7}{:>7}{:>7}{:>7}\n",
        f.proposals, f.labels, f.matched, f.text_matched,
        pct(f.precision()), pct(f.recall()), pct(f.unit_accuracy()), pct(f.deadline_accuracy())
    )
}

/// The scorecard as plain text: one row per document (those whose name contains `only`, if
/// given), the totals, then per document what was missed, proposed in excess, or dated wrong.
pub fn render(card: &Scorecard, only: Option<&str>) -> String {
    let shown: Vec<&DocScore> = card.docs.iter().filter(|d| only.is_none_or(|o| d.name.contains(o))).collect();
    let mut out = format!("{:<12}{:>6}{:>7}{:>7}{:>6}{:>7}{:>7}{:>7}{:>7}\n", "doc", "props", "labels", "match", "text", "P%", "R%", "unit%", "dl%");
    for d in &shown {
        out += &row(&d.name, &d.figures);
    }
    out += &"-".repeat(66);
    out += "\n";
    out += &row("overall", &card.total(|_| true));
    out += &row("new", &card.total(|d| !d.is_seed()));
    out += &row("seeds", &card.total(DocScore::is_seed));
    out += "(match = labels matched text+unit; text = labels matched by text whatever the unit; unit% = match/text; dl% of match)\n";
    let ((n_ok, n_all), (d_ok, d_all)) = card.identity();
    out += &format!("identity: number right {n_ok}/{n_all}, date right {d_ok}/{d_all}\n");
    for p in &card.problems {
        out += &format!("PROBLEM {p}\n");
    }
    for d in shown {
        if d.missed.is_empty() && d.unmatched.is_empty() && d.wrong_deadlines.is_empty() && d.number.is_none() && d.date.is_none() {
            continue;
        }
        out += &format!("\n== {} ==\n", d.name);
        if let Some((want, got)) = &d.number {
            out += &format!("  number    want {want}, got {got:?}\n");
        }
        if let Some((want, got)) = &d.date {
            out += &format!("  date      want {want}, got {got:?}\n");
        }
        for (opening, unit, had) in &d.missed {
            let had = had.as_ref().map_or(String::new(), |t| format!("   [text found, unit was: {t}]"));
            out += &format!("  missed    {opening}  — {unit}{had}\n");
        }
        for (text, target) in &d.unmatched {
            out += &format!("  extra     {text}  — {target}\n");
        }
        for (opening, want, got) in &d.wrong_deadlines {
            out += &format!("  deadline  {opening}: want {want}, got {got}\n");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn proposal(target: Target, text: &str) -> ProposedTask {
        ProposedTask { target, text: text.into(), section: String::new(), deadline: Deadline::default(), own_deadline: false, source: String::new() }
    }

    fn label(lead: Option<&str>, group: Option<&str>, opening: &str) -> LabelTask {
        LabelTask { opening: opening.into(), lead: lead.map(Into::into), group: group.map(Into::into), ..Default::default() }
    }

    #[test]
    fn same_text_for_another_unit_is_only_a_text_match() {
        let labels = [label(Some("Sở Y tế"), None, "tổ chức triển khai thực hiện ý kiến kết luận")];
        let props = [proposal(Target::Units(vec!["Công an thành phố".into()]), "Công an thành phố tổ chức triển khai thực hiện ý kiến kết luận của Thủ tướng.")];
        let s = score_document("t", &Label { tasks: labels.to_vec(), ..Default::default() }, &props);
        assert_eq!((s.figures.text_matched, s.figures.matched, s.figures.true_proposals), (1, 0, 0));
    }

    #[test]
    fn a_proposal_for_two_units_matches_a_label_for_each() {
        let opening = "thành lập đoàn đánh giá mức độ hoàn thành các tiêu chí";
        let labels = vec![label(Some("huyện Thanh Hà"), None, opening), label(Some("huyện Tứ Kỳ"), None, opening), label(Some("huyện Kim Thành"), None, opening)];
        let props = [proposal(Target::Units(vec!["UBND huyện Thanh Hà".into(), "Tứ Kỳ".into()]), "Các huyện thành lập đoàn đánh giá mức độ hoàn thành các tiêu chí")];
        let s = score_document("t", &Label { tasks: labels, ..Default::default() }, &props);
        assert_eq!((s.figures.matched, s.figures.true_proposals, s.figures.proposals), (2, 1, 1));
        assert_eq!(s.missed.len(), 1);
    }

    #[test]
    fn a_group_matches_a_group_label_and_not_a_named_unit() {
        let labels = [label(None, Some("các phòng, ban, đơn vị thị xã"), "Tập trung xây dựng kịch bản kinh tế - xã hội năm 2024")];
        let group = [proposal(Target::Group("các phòng, ban, đơn vị".into()), "Tập trung xây dựng kịch bản kinh tế - xã hội năm 2024.")];
        let pairs = match_tasks(&labels, &group);
        assert_eq!(pairs, vec![Pair { label: 0, proposal: 0, unit_ok: true }]);
        let unassigned = [proposal(Target::Unassigned, "Tập trung xây dựng kịch bản kinh tế - xã hội năm 2024.")];
        assert!(!match_tasks(&labels, &unassigned)[0].unit_ok);
    }

    // A little under what the reader reaches now over all 41 documents (precision 95.5 %, recall
    // 91.0 %, deadlines 94.1 %): raise them as the reader improves.
    const PRECISION_FLOOR: f64 = 0.94;
    const RECALL_FLOOR: f64 = 0.90;
    const DEADLINE_FLOOR: f64 = 0.93;

    /// The held-out sets already read and fixed against (46 texts, 223 tasks: precision 84.4 %,
    /// recall 87.9 %, deadlines 92.9 %) must not get worse either; a fresh set is measured by hand
    /// before it joins them (see the README of each set).
    #[test]
    fn the_held_out_sets_do_not_get_worse() {
        let mut all = Figures::default();
        for set in ["holdout", "holdout2", "holdout3", "holdout4", "holdout5"] {
            let card = score_dir(&corpus_dir().join(set));
            assert!(card.problems.is_empty(), "{set}: {:?}", card.problems);
            all.add(&card.total(|_| true));
        }
        assert_eq!(all.labels, 223);
        let report = format!("{all:?}; see `cargo run --example directive_score -- --holdoutN`");
        assert!(all.precision().unwrap_or(0.0) >= 0.83, "precision fell: {report}");
        assert!(all.recall().unwrap_or(0.0) >= 0.86, "recall fell: {report}");
        assert!(all.deadline_accuracy().unwrap_or(0.0) >= 0.91, "deadline accuracy fell: {report}");
    }

    #[test]
    fn the_reader_does_not_get_worse() {
        let card = score_corpus();
        assert!(card.problems.is_empty(), "{:?}", card.problems);
        assert_eq!(card.docs.len(), 41);
        let f = card.total(|_| true);
        let report = format!("{f:?}; see `cargo run --example directive_score`");
        assert!(f.precision().unwrap_or(0.0) >= PRECISION_FLOOR, "precision fell: {report}");
        assert!(f.recall().unwrap_or(0.0) >= RECALL_FLOOR, "recall fell: {report}");
        assert!(f.deadline_accuracy().unwrap_or(0.0) >= DEADLINE_FLOOR, "deadline accuracy fell: {report}");
        // The document's own number and date, where the label has them (news items cite them).
        let ((n_ok, n_all), (d_ok, d_all)) = card.identity();
        assert!(n_ok * 100 >= n_all * 90, "numbers right {n_ok}/{n_all}");
        assert!(d_ok * 100 >= d_all * 60, "dates right {d_ok}/{d_all}");
    }
}
