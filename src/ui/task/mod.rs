//! One task, every field editable: content, units, people, source document, deadline, progress,
//! result, evidence, completion date, note; its history below. The same form adds a task by hand.

mod extension;
mod series;

use extension::Extensions;
use series::Periods;
use leptos::prelude::*;

use super::state::{new_task_id, now, today};
use super::task_list::bucket_class;
use super::dialog::ConfirmDialog;
use super::{navigate, Workspace};
use dondoc::domain::deadline::{read_deadline, DeadlineKind, Recurrence};
use dondoc::domain::edit::{self, Conflict, Edit};
use dondoc::domain::vn_date::{format_date, parse_date};
use dondoc::domain::{Progress, Task, TaskId, UnitDirectory, UnitId};
use dondoc::i18n::texts;
use dondoc::route::{Page, Route};

/// The form's values, as text the person types.
#[derive(Clone, Default)]
struct Form {
    content: RwSignal<String>,
    lead: RwSignal<String>,
    coordinating: RwSignal<String>,
    leader: RwSignal<String>,
    officer: RwSignal<String>,
    source_ref: RwSignal<String>,
    source_date: RwSignal<String>,
    source_title: RwSignal<String>,
    deadline: RwSignal<String>,
    progress: RwSignal<String>,
    result: RwSignal<String>,
    evidence: RwSignal<String>,
    completed_on: RwSignal<String>,
    note: RwSignal<String>,
}

fn progress_code(p: Progress) -> String {
    p.code().to_string()
}

fn progress_of(code: &str) -> Progress {
    Progress::from_code(code).unwrap_or(Progress::NotStarted)
}

impl Form {
    fn new(task: Option<&Task>, units: &UnitDirectory) -> Form {
        let f = Form {
            content: RwSignal::new(String::new()),
            lead: RwSignal::new(String::new()),
            coordinating: RwSignal::new(String::new()),
            leader: RwSignal::new(String::new()),
            officer: RwSignal::new(String::new()),
            source_ref: RwSignal::new(String::new()),
            source_date: RwSignal::new(String::new()),
            source_title: RwSignal::new(String::new()),
            deadline: RwSignal::new(String::new()),
            progress: RwSignal::new(progress_code(Progress::NotStarted)),
            result: RwSignal::new(String::new()),
            evidence: RwSignal::new(String::new()),
            completed_on: RwSignal::new(String::new()),
            note: RwSignal::new(String::new()),
        };
        if let Some(t) = task {
            f.load(t, units);
        }
        f
    }

    /// Show a task's values.
    fn load(&self, t: &Task, units: &UnitDirectory) {
        let f = self;
        {
            f.content.set(t.content.clone());
            f.lead.set(t.lead_unit.as_ref().map(|u| u.0.clone()).unwrap_or_default());
            f.coordinating.set(t.coordinating_units.iter().filter_map(|u| units.get(u)).map(|u| u.name.clone()).collect::<Vec<_>>().join("; "));
            f.leader.set(t.leader.clone());
            f.officer.set(t.officer.clone());
            f.source_ref.set(t.source.reference.clone());
            f.source_date.set(t.source.date.map(format_date).unwrap_or_default());
            f.source_title.set(t.source.title.clone());
            f.deadline.set(if t.deadline.text.trim().is_empty() { t.deadline.due_date().map(format_date).unwrap_or_default() } else { t.deadline.text.clone() });
            f.progress.set(progress_code(t.progress));
            f.result.set(t.result.clone());
            f.evidence.set(t.evidence.clone());
            f.completed_on.set(t.completed_on.map(format_date).unwrap_or_default());
            f.note.set(t.note.clone());
        }
    }

    /// The edits the form asks for, or the first problem with it.
    fn edits(&self, units: &UnitDirectory) -> Result<Vec<Edit>, String> {
        let t = &texts().task;
        let content = self.content.get_untracked();
        if content.trim().is_empty() {
            return Err(t.content_required.into());
        }
        let date = |value: String, label: &str| -> Result<Option<chrono::NaiveDate>, String> {
            if value.trim().is_empty() {
                Ok(None)
            } else {
                parse_date(&value).map(Some).ok_or_else(|| (t.bad_date)(label))
            }
        };
        let mut coordinating = Vec::new();
        for name in self.coordinating.get_untracked().split([';', '\n']).map(str::trim).filter(|n| !n.is_empty()) {
            match units.find(name) {
                Some(u) => coordinating.push(u.id.clone()),
                None => return Err(format!("Chưa có đơn vị “{name}”. Hãy viết đúng tên đơn vị đã có (xem trang Đơn vị).")),
            }
        }
        let lead = self.lead.get_untracked();
        Ok(vec![
            Edit::Content(content),
            Edit::LeadUnit((!lead.is_empty()).then(|| UnitId(lead))),
            Edit::CoordinatingUnits(coordinating),
            Edit::Leader(self.leader.get_untracked()),
            Edit::Officer(self.officer.get_untracked()),
            Edit::SourceRef(self.source_ref.get_untracked()),
            Edit::SourceDate(date(self.source_date.get_untracked(), t.source_date)?),
            Edit::SourceTitle(self.source_title.get_untracked()),
            Edit::Deadline(read_deadline(&self.deadline.get_untracked()).deadline),
            Edit::Progress(progress_of(&self.progress.get_untracked())),
            Edit::Result(self.result.get_untracked()),
            Edit::Evidence(self.evidence.get_untracked()),
            Edit::CompletedOn(date(self.completed_on.get_untracked(), t.completed_on)?),
            Edit::Note(self.note.get_untracked()),
        ])
    }
}

#[component]
fn Text(label: &'static str, value: RwSignal<String>, #[prop(optional)] hint: &'static str, #[prop(optional)] long: bool) -> impl IntoView {
    let id = format!("f-{}", label.len() * 31 + label.chars().next().map_or(0, |c| c as usize));
    view! {
        <label class="field" for=id.clone()>
            <span class="field-label">{label}</span>
            {let id = id.clone(); if long {
                view! { <textarea id=id rows="3" prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev))></textarea> }.into_any()
            } else {
                view! { <input id=id type="text" prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev)) /> }.into_any()
            }}
            {(!hint.is_empty()).then(|| view! { <span class="field-hint">{hint}</span> })}
        </label>
    }
}

/// A field's value as the person reads it.
fn edit_text(e: &Edit, units: &UnitDirectory) -> String {
    let unit = |u: &UnitId| units.get(u).map_or_else(|| u.0.clone(), |x| x.name.clone());
    let date = |d: &Option<chrono::NaiveDate>| d.map(format_date).unwrap_or_default();
    match e {
        Edit::Number(v) | Edit::Content(v) | Edit::Leader(v) | Edit::Officer(v) | Edit::SourceRef(v) | Edit::SourceTitle(v)
        | Edit::Result(v) | Edit::Evidence(v) | Edit::Note(v) => v.clone(),
        Edit::LeadUnit(u) => u.as_ref().map(unit).unwrap_or_default(),
        Edit::CoordinatingUnits(v) => v.iter().map(unit).collect::<Vec<_>>().join("; "),
        Edit::SourceDate(d) | Edit::CompletedOn(d) => date(d),
        Edit::Deadline(d) => if d.text.trim().is_empty() { d.due_date().map(format_date).unwrap_or_default() } else { d.text.clone() },
        Edit::Progress(p) => (texts().progress)(*p).to_string(),
    }
}

#[component]
pub fn TaskPage(id: Option<TaskId>) -> impl IntoView {
    let t = texts();
    let tt = &t.task;
    let ws = expect_context::<Workspace>();
    let route = expect_context::<RwSignal<Route>>();
    let existing = id.as_ref().and_then(|id| ws.tasks.with_untracked(|ts| ts.iter().find(|x| &x.id == id).cloned()));
    if id.is_some() && existing.is_none() {
        return view! {
            <section class="card narrow"><p>{tt.not_found}</p><a class="btn" href="#/nhiem-vu">{t.back_to_tasks}</a></section>
        }
        .into_any();
    }
    let form = ws.units.with_untracked(|u| Form::new(existing.as_ref(), u));
    // The task as the form last showed it: a field is sent only when the person changed it, with
    // this value as what they saw (so a change made elsewhere meanwhile is never overwritten).
    let opened = StoredValue::new(existing.clone());
    let conflicts = RwSignal::new(Vec::<Conflict>::new());
    // When the task changes elsewhere (another tab, undo) and the person has not typed, the form
    // shows the new values.
    if let Some(task_id) = id.clone() {
        let form = form.clone();
        Effect::new(move |_| {
            let now_task = ws.tasks.with(|ts| ts.iter().find(|x| x.id == task_id).cloned());
            let Some(now_task) = now_task else { return };
            let Some(seen) = opened.get_value() else { return };
            if seen == now_task {
                return;
            }
            let typed = ws.units.with_untracked(|u| form.edits(u)).ok();
            let untouched = typed.is_some_and(|edits| edits.iter().all(|e| edit::same_value(e, &edit::current(&seen, e))));
            if untouched {
                ws.units.with_untracked(|u| form.load(&now_task, u));
                opened.set_value(Some(now_task));
            }
        });
    }
    let error = RwSignal::new(None::<String>);
    // A new task for several units: one task each (else the lead with coordinators).
    let each_unit = RwSignal::new(false);
    // The edits of the last save that met a conflict, to send again once the person chooses.
    let attempt = StoredValue::new((Vec::<Edit>::new(), Vec::<Edit>::new()));
    let resolve = {
        let form = form.clone();
        let id = id.clone();
        move |keep_mine: bool| {
            let Some(id) = id.clone() else { return };
            let (edits, base) = attempt.get_value();
            let found = conflicts.get_untracked();
            let is_conflict = |e: &Edit| found.iter().any(|c| edit::field_key(&c.mine) == edit::field_key(e));
            let (edits, base): (Vec<Edit>, Vec<Edit>) = edits
                .into_iter()
                .zip(base)
                .filter(|(e, _)| keep_mine || !is_conflict(e))
                .map(|(e, b)| match found.iter().find(|c| edit::field_key(&c.mine) == edit::field_key(&e)) {
                    Some(c) => (e, c.theirs.clone()),
                    None => (e, b),
                })
                .unzip();
            match ws.edit_task(&id, edits, base) {
                Ok(_) => {
                    conflicts.set(Vec::new());
                    let now_task = ws.tasks.with_untracked(|ts| ts.iter().find(|x| x.id == id).cloned());
                    if let Some(task) = &now_task {
                        ws.units.with_untracked(|u| form.load(task, u));
                    }
                    opened.set_value(now_task);
                }
                Err(again) => conflicts.set(again),
            }
        }
    };
    let conflict_panel = move || {
        let found = conflicts.get();
        (!found.is_empty()).then(|| {
            let units = ws.units.get_untracked();
            let rows = found
                .iter()
                .map(|c| view! {
                    <tr>
                        <th scope="row">{(tt.field_label)(edit::field_key(&c.mine))}</th>
                        <td>{edit_text(&c.theirs, &units)}</td>
                        <td>{edit_text(&c.mine, &units)}</td>
                    </tr>
                })
                .collect_view();
            let keep_mine = resolve.clone();
            let keep_theirs = resolve.clone();
            view! {
                <div class="conflict" role="alert">
                    <p>{tt.conflict_intro}</p>
                    <table class="plain">
                        <thead><tr><th>{tt.col_field}</th><th>{tt.conflict_theirs}</th><th>{tt.conflict_mine}</th></tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                    <button class="btn btn-primary" on:click=move |_| keep_mine(true)>{tt.conflict_keep_mine}</button>
                    " "
                    <button class="btn" on:click=move |_| keep_theirs(false)>{tt.conflict_keep_theirs}</button>
                </div>
            }
        })
    };
    let deleting = RwSignal::new(false);
    let back = move || navigate(&route.get_untracked().with_page(Page::Tasks));
    let is_new = id.is_none();
    let task_id = id.clone();
    let save = {
        let form = form.clone();
        move |_| {
            let edits = match ws.units.with_untracked(|u| form.edits(u)) {
                Ok(e) => e,
                Err(e) => return error.set(Some(e)),
            };
            error.set(None);
            match (&task_id, opened.get_value()) {
                (Some(id), Some(seen)) => {
                    let (edits, base): (Vec<Edit>, Vec<Edit>) = edits
                        .into_iter()
                        .filter_map(|e| {
                            let was = edit::current(&seen, &e);
                            (!edit::same_value(&e, &was)).then_some((e, was))
                        })
                        .unzip();
                    conflicts.set(Vec::new());
                    attempt.set_value((edits.clone(), base.clone()));
                    match ws.edit_task(id, edits, base) {
                        Ok(true) => opened.set_value(ws.tasks.with_untracked(|ts| ts.iter().find(|x| &x.id == id).cloned())),
                        Ok(false) => ws.notices.push(super::notices::NoticeKind::Info, tt.saved_nothing, None),
                        Err(found) => conflicts.set(found),
                    }
                }
                (Some(_), None) => {}
                (None, _) => {
                    let mut task = Task::new(new_task_id(), "");
                    let at = now();
                    for e in edits {
                        edit::set(&mut task, e);
                    }
                    task.updated_at = Some(at);
                    let new_id = task.id.clone();
                    let tasks = if each_unit.get_untracked() { task.one_per_unit(new_task_id) } else { vec![task] };
                    if ws.add_tasks(tasks) {
                        navigate(&route.get_untracked().with_page(Page::Task(new_id)));
                    }
                }
            }
        }
    };
    // What the deadline text reads as, shown as the person types.
    let deadline_reading = {
        let text = form.deadline;
        move || {
            let r = read_deadline(&text.get());
            match r.deadline.kind {
                DeadlineKind::Recurring(Recurrence::Continuous) => return format!("→ {}", t.deadline_standing),
                DeadlineKind::Recurring(_) => return format!("→ {}", t.deadline_periodic),
                _ => {}
            }
            match (r.deadline.due_date(), r.problem) {
                (Some(d), _) => format!("→ {}", format_date(d)),
                (None, Some(p)) => format!("⚠ {}", (t.deadline_problem)(&p)),
                (None, None) if text.with(|x| x.trim().is_empty()) => t.no_deadline.to_string(),
                (None, None) => format!("→ {}", t.no_deadline),
            }
        }
    };
    let status = {
        let id = id.clone();
        move || {
            let id = id.clone()?;
            let as_of = route.with(|r| r.as_of).unwrap_or_else(today);
            ws.tasks.with(|ts| ts.iter().find(|x| x.id == id).map(|x| x.status(as_of, ws.rules.get())))
        }
    };
    let unit_options = move || {
        ws.units.with_untracked(|u| {
            u.ordered()
                .into_iter()
                .map(|u| {
                    let id = u.id.0.clone();
                    let selected = form.lead.get_untracked() == id;
                    view! { <option value=id selected=selected>{u.name.clone()}</option> }
                })
                .collect_view()
        })
    };
    let history = {
        let id = id.clone();
        move || {
            let id = id.clone()?;
            let units = ws.units.get();
            let show = move |field: &str, value: &str| change_value(field, value, &units);
            ws.tasks.with(|ts| ts.iter().find(|x| x.id == id).map(|task| {
                if task.history.is_empty() {
                    return view! { <p class="muted">{tt.no_history}</p> }.into_any();
                }
                let rows = task.history.iter().rev().map(|c| view! {
                    <tr>
                        <td class="nowrap">{c.at.format("%d/%m/%Y %H:%M").to_string()}</td>
                        <td>{(tt.field_label)(&c.field)}</td>
                        <td class="old">{show(&c.field, &c.old)}</td>
                        <td>{show(&c.field, &c.new)}</td>
                    </tr>
                }).collect_view();
                view! {
                    <table class="plain history">
                        <thead><tr><th>{tt.col_when}</th><th>{tt.col_field}</th><th>{tt.col_old}</th><th>{tt.col_new}</th></tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                }.into_any()
            }))
        }
    };
    let delete_id = id.clone();
    view! {
        <section class="card task-form">
            <div class="task-head">
                <button class="btn btn-small" on:click=move |_| back()>"← "{tt.back}</button>
                <h1>{if is_new { tt.new_title } else { tt.edit_title }}</h1>
                {id.as_ref().map(|i| view! { <code class="task-id">{i.0.clone()}</code> })}
                {move || status().map(|s| {
                    let class = if s.due_soon { format!("{} st-soon", bucket_class(s.bucket)) } else { bucket_class(s.bucket).to_string() };
                    view! { <span class=class data-testid="task-status">{(t.bucket)(s.bucket)}</span> }
                })}
            </div>
            <Text label=tt.content value=form.content long=true />
            <div class="grid-2">
                <label class="field" for="f-lead">
                    <span class="field-label">{tt.lead}</span>
                    <select id="f-lead" on:change=move |ev| form.lead.set(event_target_value(&ev))>
                        <option value="" selected=form.lead.get_untracked().is_empty()>{t.no_unit}</option>
                        {unit_options}
                    </select>
                </label>
                <Text label=tt.coordinating value=form.coordinating hint=tt.coordinating_hint />
                {is_new.then(|| view! {
                    <label class="toggle">
                        <input type="checkbox" prop:checked=move || each_unit.get() on:change=move |ev| each_unit.set(event_target_checked(&ev)) />
                        {tt.each_unit}
                    </label>
                })}
                <Text label=tt.leader value=form.leader />
                <Text label=tt.officer value=form.officer />
                <Text label=tt.source_ref value=form.source_ref />
                <Text label=tt.source_date value=form.source_date hint="dd/mm/yyyy" />
            </div>
            <Text label=tt.source_title value=form.source_title />
            <div class="grid-2">
                <label class="field" for="f-deadline">
                    <span class="field-label">{tt.deadline}</span>
                    <input id="f-deadline" type="text" prop:value=move || form.deadline.get() on:input=move |ev| form.deadline.set(event_target_value(&ev)) />
                    <span class="field-hint" data-testid="deadline-reading">{deadline_reading}</span>
                    <span class="field-hint">{tt.deadline_hint}</span>
                </label>
                <label class="field" for="f-progress">
                    <span class="field-label">{tt.progress}</span>
                    <select id="f-progress" on:change=move |ev| form.progress.set(event_target_value(&ev))>
                        {Progress::ALL.into_iter().map(|p| {
                            let code = progress_code(p);
                            let selected = form.progress.get_untracked() == code;
                            view! { <option value=code selected=selected>{(t.progress)(p)}</option> }
                        }).collect_view()}
                    </select>
                </label>
                <Text label=tt.completed_on value=form.completed_on hint="dd/mm/yyyy" />
                <Text label=tt.evidence value=form.evidence />
            </div>
            {id.clone().map(|id| view! { <Extensions id=id /> })}
            {id.clone().map(|id| view! { <Periods id=id /> })}
            <Text label=tt.result value=form.result long=true />
            <Text label=tt.note value=form.note long=true />
            {move || error.get().map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
            {conflict_panel}
            <div class="form-actions">
                <button class="btn btn-primary" disabled=move || !ws.can_change() on:click=save.clone()>
                    {if is_new { tt.create } else { tt.save }}
                </button>
                {(!is_new).then(|| view! {
                    <button class="btn btn-quiet-danger" disabled=move || !ws.can_change() on:click=move |_| deleting.set(true)>{tt.delete}</button>
                })}
            </div>
        </section>
        {(!is_new).then(|| view! {
            <section class="card">
                <h2>{tt.history}</h2>
                {history}
            </section>
        })}
        <Show when=move || deleting.get()>
            <ConfirmDialog title=tt.delete text=tt.delete_confirm.to_string() yes=tt.delete on_close=move || deleting.set(false)
                on_yes={
                    let delete_id = delete_id.clone();
                    move || {
                        if let Some(id) = &delete_id {
                            if ws.delete_task(id) {
                                back();
                            }
                        }
                    }
                } />
        </Show>
    }
    .into_any()
}

/// A value of a task's history as a person reads it: unit names for unit ids, the progress word
/// for its code. Shared by the history table and the import preview.
pub fn change_value(field: &str, value: &str, units: &dondoc::domain::UnitDirectory) -> String {
    if field == "lead_unit" || field == "coordinating_units" {
        value.split("; ").filter(|v| !v.is_empty()).map(|v| units.get(&UnitId(v.to_string())).map_or(v.to_string(), |u| u.name.clone())).collect::<Vec<_>>().join("; ")
    } else if field == "progress" {
        Progress::from_code(value).map_or(value.to_string(), |p| (texts().progress)(p).to_string())
    } else {
        value.to_string()
    }
}
