//! The bar shown while tasks are ticked: change them all in one step (one command, one undo step,
//! one write): progress, leader, officer, lead unit, an extension (a new deadline with its reason
//! and granting document), or delete.

use leptos::prelude::*;

use super::selection::Selection;
use super::state::today;
use super::Workspace;
use dondoc::domain::edit::Edit;
use dondoc::domain::{read_deadline, read_new_deadline, Progress, UnitId};
use dondoc::i18n::texts;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Action {
    Progress,
    Leader,
    Officer,
    Lead,
    Deadline,
    Delete,
}

#[component]
pub fn BulkBar(selection: Selection, #[prop(into)] visible: Signal<Vec<dondoc::domain::TaskId>>) -> impl IntoView {
    let t = texts();
    let bt = &t.bulk;
    let ws = expect_context::<Workspace>();
    let action = RwSignal::new(Action::Progress);
    let value = RwSignal::new(String::new());
    let reason = RwSignal::new(String::new());
    let document = RwSignal::new(String::new());
    // Moving to done asks the completion date, as the board does: today unless the person says.
    let done_on = RwSignal::new(dondoc::domain::format_date(today()));
    let error = RwSignal::new(None::<String>);
    let apply = move |_| {
        let ids = selection.ids();
        if ids.is_empty() {
            return;
        }
        let v = value.get_untracked();
        let done = match action.get_untracked() {
            Action::Progress => {
                let Some(p) = Progress::from_code(&v) else { return error.set(Some(bt.choose_value.into())) };
                let completed = if p == Progress::Done {
                    match dondoc::domain::vn_date::parse_date(&done_on.get_untracked()) {
                        Some(d) => Some(d),
                        None => return error.set(Some(t.as_of_invalid.into())),
                    }
                } else {
                    None
                };
                ws.move_tasks(ids, p, completed, None)
            }
            Action::Leader => ws.bulk(ids, vec![Edit::Leader(v)], String::new()),
            Action::Officer => ws.bulk(ids, vec![Edit::Officer(v)], String::new()),
            Action::Lead => {
                if v.is_empty() {
                    return error.set(Some(bt.choose_value.into()));
                }
                ws.bulk(ids, vec![Edit::LeadUnit(Some(UnitId(v)))], String::new())
            }
            Action::Deadline => {
                let Some(deadline) = read_new_deadline(&v) else { return error.set(Some(bt.deadline_unreadable.into())) };
                if reason.get_untracked().trim().is_empty() {
                    return error.set(Some(bt.reason_required.into()));
                }
                ws.extend(ids, deadline, reason.get_untracked().trim().to_string(), document.get_untracked().trim().to_string())
            }
            Action::Delete => ws.delete_tasks(ids),
        };
        if done {
            error.set(None);
            value.set(String::new());
            reason.set(String::new());
            document.set(String::new());
            selection.clear();
        }
    };
    let input = move || match action.get() {
        Action::Progress => view! {
            <select aria-label=bt.value prop:value=move || value.get() on:change=move |ev| value.set(event_target_value(&ev))>
                <option value="">{bt.choose}</option>
                {Progress::ALL.into_iter().map(|p| view! { <option value=p.code()>{(t.progress)(p)}</option> }).collect_view()}
            </select>
            <Show when=move || value.get() == Progress::Done.code()>
                <label class="bulk-action">
                    <span>{t.board.done_date}</span>
                    <input type="text" class="date-input" prop:value=move || done_on.get() on:input=move |ev| done_on.set(event_target_value(&ev)) />
                </label>
            </Show>
        }.into_any(),
        Action::Lead => view! {
            <select aria-label=bt.value prop:value=move || value.get() on:change=move |ev| value.set(event_target_value(&ev))>
                <option value="">{bt.choose}</option>
                {move || ws.units.with(|u| u.ordered().into_iter().map(|u| view! { <option value=u.id.0.clone()>{u.name.clone()}</option> }).collect_view())}
            </select>
        }.into_any(),
        Action::Delete => view! { <span class="muted">{bt.delete_hint}</span> }.into_any(),
        Action::Deadline => view! {
            <input type="text" aria-label=bt.new_deadline placeholder=bt.new_deadline prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev)) />
            <span class="field-hint">{move || {
                let r = read_deadline(&value.get());
                r.deadline.due_date().map(|d| format!("→ {}", dondoc::domain::format_date(d))).unwrap_or_default()
            }}</span>
            <input type="text" aria-label=bt.reason placeholder=bt.reason prop:value=move || reason.get() on:input=move |ev| reason.set(event_target_value(&ev)) />
            <input type="text" aria-label=bt.document placeholder=bt.document prop:value=move || document.get() on:input=move |ev| document.set(event_target_value(&ev)) />
        }.into_any(),
        _ => view! {
            <input type="text" aria-label=bt.value placeholder=bt.value prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev)) />
        }.into_any(),
    };
    view! {
        <div class="bulk-bar" role="region" aria-label=bt.region data-testid="bulk-bar">
            <strong data-testid="selected-count">{move || (bt.selected)(selection.len())}</strong>
            <button class="btn btn-small" on:click=move |_| selection.set_all(visible.get_untracked())>
                {move || (bt.select_all_shown)(visible.with(Vec::len))}
            </button>
            <button class="btn btn-small" on:click=move |_| selection.clear()>{bt.unselect}</button>
            <label class="bulk-action">
                <span>{bt.change}</span>
                <select aria-label=bt.change on:change=move |ev| {
                    value.set(String::new());
                    error.set(None);
                    action.set(match event_target_value(&ev).as_str() {
                        "leader" => Action::Leader,
                        "officer" => Action::Officer,
                        "lead" => Action::Lead,
                        "deadline" => Action::Deadline,
                        "delete" => Action::Delete,
                        _ => Action::Progress,
                    })
                }>
                    <option value="progress">{bt.progress}</option>
                    <option value="leader">{bt.leader}</option>
                    <option value="officer">{bt.officer}</option>
                    <option value="lead">{bt.lead}</option>
                    <option value="deadline">{bt.deadline}</option>
                    <option value="delete">{bt.delete}</option>
                </select>
            </label>
            {input}
            <button class="btn btn-primary" disabled=move || !ws.can_change() on:click=apply>
                {move || (bt.apply)(selection.len())}
            </button>
            {move || error.get().map(|e| view! { <span class="field-error" role="alert">{e}</span> })}
        </div>
    }
}
