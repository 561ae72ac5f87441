//! From a directive to its tasks: paste the text (or choose a .txt or .docx file), see what was
//! read — the document and its tasks per unit, each with the sentence it came from (the task's
//! words marked) and its deadline with the words it came from — fix, merge, split or drop them,
//! then add them all, linked to the document. The proposals are one compact table: the add
//! button, select/unselect all and undo stay in reach above it, Alt+↑/↓ moves between proposals,
//! and every review step (a tick, an edit, a merge, a split) can be undone.

use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

use super::state::new_task_id;
use super::{navigate, Workspace};
use super::worker::read_directive_in_worker;
use dondoc::directive::job::{DirectiveAnswer, DirectiveRequest, DirectiveSource};
use dondoc::directive::review::{tasks_of, Proposal};
use dondoc::directive::Target;
use dondoc::domain::deadline::read_deadline;
use dondoc::domain::vn_date::{format_date, parse_date};
use dondoc::domain::SourceDocument;
use dondoc::i18n::texts;
use dondoc::route::{Page, Route};

/// One proposed task as the person is shaping it (a `directive::review::Proposal` in signals).
#[derive(Clone)]
struct Draft {
    keep: RwSignal<bool>,
    text: RwSignal<String>,
    /// Units, separated by ";".
    units: RwSignal<String>,
    /// With several units: each gets its own task (else the first leads, the others coordinate).
    each: RwSignal<bool>,
    deadline: RwSignal<String>,
    /// What the reader proposed, for what does not change while reviewing.
    read: Proposal,
    /// Who the reader found it for, to show the proposals grouped by unit.
    group: String,
}

/// A draft's values, for undo.
#[derive(Clone)]
struct Snap {
    proposal: Proposal,
    keep: bool,
    group: String,
}

impl Draft {
    fn new(p: Proposal, keep: bool, group: String) -> Draft {
        Draft {
            keep: RwSignal::new(keep),
            text: RwSignal::new(p.text.clone()),
            units: RwSignal::new(p.units.clone()),
            each: RwSignal::new(p.each),
            deadline: RwSignal::new(p.deadline.clone()),
            read: p,
            group,
        }
    }

    fn proposal(&self) -> Proposal {
        let deadline = self.deadline.get_untracked();
        // The document's words stay with the deadline the reader gave; one the person typed is theirs.
        let deadline_words = if deadline == self.read.deadline { self.read.deadline_words.clone() } else { String::new() };
        Proposal {
            text: self.text.get_untracked(),
            units: self.units.get_untracked(),
            each: self.each.get_untracked(),
            deadline,
            deadline_words,
            ..self.read.clone()
        }
    }

    fn snap(&self) -> Snap {
        Snap { proposal: self.proposal(), keep: self.keep.get_untracked(), group: self.group.clone() }
    }
}

fn group_of(target: &Target) -> String {
    let d = &texts().directive;
    match target {
        Target::Units(u) => u.join(", "),
        Target::Group(g) => (d.group)(g),
        Target::Unassigned => d.unassigned.to_string(),
    }
}

fn drafts_of(proposals: Vec<Proposal>) -> Vec<Draft> {
    proposals
        .into_iter()
        .map(|p| {
            let group = group_of(&p.target);
            Draft::new(p, true, group)
        })
        .collect()
}

/// The sentence with the words the task was read from marked.
fn marked_sentence(sentence: &str, task: &str) -> impl IntoView {
    let at = (!task.is_empty()).then(|| sentence.find(task.trim_end_matches(['.', ';']))).flatten();
    match at {
        Some(i) => {
            let end = i + task.trim_end_matches(['.', ';']).len();
            view! { {sentence[..i].to_string()}<mark>{sentence[i..end].to_string()}</mark>{sentence[end..].to_string()} }.into_any()
        }
        None => view! { {sentence.to_string()} }.into_any(),
    }
}

/// Alt+↑/↓ in a proposal: the same field of the proposal above or below.
fn move_between(ev: &leptos::ev::KeyboardEvent) {
    if !ev.alt_key() || !matches!(ev.key().as_str(), "ArrowUp" | "ArrowDown") {
        return;
    }
    let Some(target) = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) else { return };
    let (Ok(Some(row)), Some(col)) = (target.closest("tr.proposal"), target.get_attribute("data-col")) else { return };
    let Some(index) = row.get_attribute("data-index").and_then(|i| i.parse::<i64>().ok()) else { return };
    let next = if ev.key() == "ArrowUp" { index - 1 } else { index + 1 };
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    if let Ok(Some(el)) = document.query_selector(&format!("tr.proposal[data-index=\"{next}\"] [data-col=\"{col}\"]")) {
        ev.prevent_default();
        if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
            let _ = el.focus();
        }
    }
}

#[component]
pub fn DirectivePage() -> impl IntoView {
    let t = &texts().directive;
    let ws = expect_context::<Workspace>();
    let route = expect_context::<RwSignal<Route>>();
    // Start the reader while the person pastes.
    super::worker::prepare();
    let text = RwSignal::new(String::new());
    let reading = RwSignal::new(None::<DirectiveAnswer>);
    // The worker is reading: the buttons wait, and a second read is not started.
    let busy = RwSignal::new(false);
    let drafts = RwSignal::new(Vec::<Draft>::new());
    let reference = RwSignal::new(String::new());
    let doc_date = RwSignal::new(String::new());
    let title = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    // Review steps to undo, newest last; an edit remembers the state from when its field got focus.
    let history = RwSignal::new(Vec::<Vec<Snap>>::new());
    let before_edit = StoredValue::new(None::<Vec<Snap>>);
    let snapshot = move || drafts.with_untracked(|d| d.iter().map(Draft::snap).collect::<Vec<_>>());
    let remember = move || history.update(|h| h.push(snapshot()));
    let undo = move |_| {
        if let Some(last) = history.try_update(Vec::pop).flatten() {
            drafts.set(last.into_iter().map(|s| Draft::new(s.proposal, s.keep, s.group)).collect());
        }
    };

    // The reader runs in the file worker; its answer is shown unless another read started since.
    let reads = StoredValue::new(0u32);
    let read = move |source: DirectiveSource, bytes: Option<Vec<u8>>| {
        reads.update_value(|n| *n += 1);
        let this_read = reads.get_value();
        busy.set(true);
        error.set(None);
        let request = DirectiveRequest { source, units: ws.units.with_untracked(|u| u.units().to_vec()) };
        spawn_local(async move {
            let answer = read_directive_in_worker(&request, bytes.as_deref()).await;
            // Another read started since, or the person has left the page.
            if reads.try_get_value() != Some(this_read) {
                return;
            }
            busy.set(false);
            match answer {
                Ok(r) => {
                    if matches!(request.source, DirectiveSource::File { .. }) {
                        text.set(r.text.clone());
                    }
                    reference.set(r.document.reference.clone());
                    doc_date.set(r.document.date.map(format_date).unwrap_or_default());
                    title.set(r.document.title());
                    drafts.set(drafts_of(r.proposals.clone()));
                    history.set(Vec::new());
                    error.set(r.proposals.is_empty().then(|| t.nothing_found.to_string()));
                    reading.set(Some(r));
                }
                Err(why) => error.set(Some(why)),
            }
        });
    };
    let pick = move |ev: leptos::ev::Event| {
        let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else { return };
        let Some(file) = input.files().and_then(|f| f.get(0)) else { return };
        input.set_value("");
        let name = file.name();
        spawn_local(async move {
            let Ok(buffer) = wasm_bindgen_futures::JsFuture::from(file.array_buffer()).await else { return };
            let bytes = js_sys::Uint8Array::new(&buffer).to_vec();
            read(DirectiveSource::File { name, bytes: Vec::new() }, Some(bytes));
        });
    };
    let kept = move || drafts.with(|d| d.iter().filter(|x| x.keep.get()).count());
    let add = move |_| {
        let date = parse_date(&doc_date.get_untracked());
        let source = SourceDocument { reference: reference.get_untracked().trim().to_string(), date, title: title.get_untracked() };
        let mut units = ws.units.get_untracked();
        let kept: Vec<Proposal> = drafts.get_untracked().iter().filter(|d| d.keep.get_untracked()).map(Draft::proposal).collect();
        let tasks = tasks_of(&kept, &source, &mut units, new_task_id);
        if ws.add_many(tasks, units) {
            navigate(&route.get_untracked().with_page(Page::Tasks));
        }
    };
    let select = move |on: bool| {
        remember();
        drafts.with_untracked(|d| d.iter().for_each(|x| x.keep.set(on)));
    };
    let merge_up = move |i: usize| {
        remember();
        drafts.update(|d| {
            if i > 0 && i < d.len() {
                let this = d.remove(i);
                let prev = &d[i - 1];
                prev.text.update(|t| *t = format!("{} {}", t.trim(), this.text.get_untracked().trim()));
            }
        })
    };
    let split = move |i: usize| {
        let Some(this) = drafts.with_untracked(|d| d.get(i).cloned()) else { return };
        let parts: Vec<String> = this.text.get_untracked().split(';').map(|p| p.trim().to_string()).filter(|p| !p.is_empty()).collect();
        if parts.len() < 2 {
            return;
        }
        remember();
        drafts.update(|d| {
            this.text.set(parts[0].clone());
            for (k, p) in parts[1..].iter().enumerate() {
                let mut copy = this.proposal();
                copy.text = p.clone();
                d.insert(i + 1 + k, Draft::new(copy, true, this.group.clone()));
            }
        })
    };
    let unit_names = move || ws.units.with(|u| u.ordered().into_iter().map(|x| view! { <option value=x.name.clone()></option> }).collect_view());

    view! {
        <section class="card import">
            <h1>{t.title}</h1>
            <p class="muted">{t.intro}</p>
            <textarea id="directive-text" class="directive-text" rows="8" aria-label=t.text_label prop:value=move || text.get() on:input=move |ev| text.set(event_target_value(&ev))></textarea>
            <div class="form-actions">
                <button class="btn btn-primary" disabled=move || busy.get() on:click=move |_| read(DirectiveSource::Text(text.get_untracked()), None)>{move || if busy.get() { t.reading } else { t.read }}</button>
                <label class="btn file-button" class:disabled=move || busy.get()>{t.choose_file}<input type="file" id="directive-file" accept=".txt,.docx" disabled=move || busy.get() on:change=pick /></label>
            </div>
            {move || error.get().map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
        </section>
        {move || reading.get().filter(|r| !r.proposals.is_empty()).map(|r| view! {
            <section class="card" data-testid="directive-doc">
                <h2>{t.document}</h2>
                <div class="grid-2">
                    <label class="field"><span class="field-label">{t.reference}</span><input type="text" prop:value=move || reference.get() on:input=move |ev| reference.set(event_target_value(&ev)) /></label>
                    <label class="field"><span class="field-label">{t.date}</span><input type="text" placeholder="dd/mm/yyyy" prop:value=move || doc_date.get() on:input=move |ev| doc_date.set(event_target_value(&ev)) /><span class="field-hint">{r.document.date_text.clone()}</span></label>
                </div>
                <label class="field"><span class="field-label">{t.subject}</span><input type="text" placeholder=t.subject_placeholder prop:value=move || title.get() on:input=move |ev| title.set(event_target_value(&ev)) /></label>
                <p class="muted small">
                    {(!r.document.place.is_empty()).then(|| (t.place)(&r.document.place))}
                    {(!r.document.signer.is_empty()).then(|| (t.signer)(&r.document.signer))}
                    {r.default_deadline.as_ref().map(|d| (t.default_deadline)(&d.due_date().map(format_date).unwrap_or_default(), &d.text))}
                </p>
            </section>
        })}
        <datalist id="unit-names">{unit_names}</datalist>
        <Show when=move || drafts.with(|d| !d.is_empty())>
            <section class="proposed" aria-label=t.proposals>
                <div class="review-bar" role="toolbar" aria-label=t.proposals>
                    <button class="btn btn-primary" disabled=move || kept() == 0 || !ws.can_change() on:click=add>{move || (t.add)(kept())}</button>
                    <button class="btn" on:click=move |_| select(true)>{t.select_all}</button>
                    <button class="btn" on:click=move |_| select(false)>{t.select_none}</button>
                    <button class="btn" disabled=move || history.with(Vec::is_empty) on:click=undo>{move || (t.undo)(history.with(Vec::len))}</button>
                    <span class="muted small">{t.keys_hint}</span>
                </div>
                <table class="plain proposals">
                    <thead><tr><th class="c-keep">{t.col_keep}</th><th>{t.col_task}</th><th class="c-units">{t.col_units}</th><th class="c-deadline">{t.col_deadline}</th><th class="c-actions"></th></tr></thead>
                    <tbody on:keydown=move |ev| move_between(&ev)>
                        {move || { let all = drafts.get(); all.clone().into_iter().enumerate().map(move |(i, d)| {
                            let heading = (i == 0 || all[i - 1].group != d.group).then(|| view! {
                                <tr class="proposal-group-row"><th colspan="5" scope="colgroup" class="proposal-group">{d.group.clone()}</th></tr>
                            });
                            let words = d.read.deadline_words.clone();
                            let reading_of = move || {
                                let r = read_deadline(&d.deadline.get());
                                let from = (!words.trim().is_empty() && d.deadline.with(|x| x != &words)).then(|| format!(" · {}", (t.from_words)(&words))).unwrap_or_default();
                                match (r.deadline.due_date(), r.problem) {
                                    (Some(day), _) => format!("→ {}{from}", format_date(day)),
                                    (None, Some(p)) => format!("⚠ {}", (texts().deadline_problem)(&p)),
                                    (None, None) if d.deadline.with(|t| t.trim().is_empty()) => t.no_deadline.to_string(),
                                    (None, None) => format!("→ {}", d.deadline.get()),
                                }
                            };
                            let several = move || d.units.with(|u| u.split(';').filter(|s| !s.trim().is_empty()).count() > 1);
                            let n = i + 1;
                            let focus = move |_| before_edit.set_value(Some(snapshot()));
                            let changed = move |_| {
                                if let Some(before) = before_edit.get_value() {
                                    history.update(|h| h.push(before));
                                    before_edit.set_value(None);
                                }
                            };
                            let toggle = move |ev| {
                                remember();
                                d.keep.set(event_target_checked(&ev));
                            };
                            let sentence = d.read.original.clone();
                            let found = d.read.text.clone();
                            view! {
                                {heading}
                                <tr class="proposal" class:dropped=move || !d.keep.get() data-index=i>
                                    <td class="c-keep"><input type="checkbox" data-col="keep" aria-label=(t.keep)(n) prop:checked=move || d.keep.get() on:change=toggle /></td>
                                    <td>
                                        <textarea class="proposal-text" rows="2" data-col="text" aria-label=t.task_text prop:value=move || d.text.get() on:focus=focus on:change=changed on:input=move |ev| d.text.set(event_target_value(&ev))></textarea>
                                        <details class="source"><summary class="muted small">{t.source_sentence}{(!d.read.section.is_empty()).then(|| format!(" · {}", d.read.section))}</summary><p class="small source-sentence">{marked_sentence(&sentence, &found)}</p></details>
                                    </td>
                                    <td class="c-units">
                                        <input type="text" list="unit-names" data-col="units" aria-label=t.units prop:value=move || d.units.get() on:focus=focus on:change=changed on:input=move |ev| d.units.set(event_target_value(&ev)) />
                                        <Show when=several>
                                            <label class="toggle small"><input type="checkbox" prop:checked=move || d.each.get() on:change=move |ev| { remember(); d.each.set(event_target_checked(&ev)) } />" "{t.each_unit}</label>
                                        </Show>
                                    </td>
                                    <td class="c-deadline">
                                        <input type="text" data-col="deadline" aria-label=t.deadline prop:value=move || d.deadline.get() on:focus=focus on:change=changed on:input=move |ev| d.deadline.set(event_target_value(&ev)) />
                                        <span class="field-hint">{reading_of}</span>
                                    </td>
                                    <td class="c-actions">
                                        {(i > 0).then(|| view! { <button class="btn btn-small" title=(t.merge_up_label)(n) aria-label=(t.merge_up_label)(n) on:click=move |_| merge_up(i)>{t.merge_up}</button> })}
                                        <button class="btn btn-small" title=(t.split_label)(n) aria-label=(t.split_label)(n) on:click=move |_| split(i)>{t.split}</button>
                                    </td>
                                </tr>
                            }
                        }).collect_view() }}
                    </tbody>
                </table>
            </section>
        </Show>
    }
}
