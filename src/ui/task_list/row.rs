//! One row of the task list.

use leptos::prelude::*;

use super::super::selection::Selection;
use dondoc::domain::{format_date, DeadlineKind, Status, Task, TaskId, UnitDirectory};
use dondoc::i18n::texts;
use dondoc::route::{to_hash, Page, Route};

/// One row; `route` is the current address, so the task's page keeps the date and filter (the
/// link follows the address as it changes, so a search typed does not redraw the row). With
/// `select`, the row has a box to tick it (its position in the list's order is found when it is
/// clicked, for shift-click).
pub fn task_row(
    task: &Task,
    status: Status,
    units: &UnitDirectory,
    route: RwSignal<Route>,
    select: Option<(Selection, Memo<Vec<TaskId>>)>,
) -> impl IntoView {
    let task_id = task.id.clone();
    let href = move || route.with(|r| to_hash(&r.with_page(Page::Task(task_id.clone()))));
    let as_of = route.with_untracked(|r| r.as_of);
    let t = texts();
    let unit_name = |id: &dondoc::domain::UnitId| units.get(id).map(|u| u.name.clone()).unwrap_or_default();
    let lead = task.lead_unit.as_ref().map(unit_name).unwrap_or_else(|| t.no_unit.to_string());
    let coordinating: Vec<String> = task
        .coordinating_units
        .iter()
        .filter_map(|id| units.get(id).map(|u| u.display_short().to_string()))
        .collect();
    let source = task.source.label().to_string();
    let due = task.deadline.due_date();
    let deadline_date = due.map(format_date);
    let deadline_text = task.deadline.text.clone();
    let show_text = !deadline_text.is_empty() && deadline_date.as_deref() != Some(deadline_text.as_str());
    let problem = task.deadline.problem();
    let recurring = matches!(task.deadline.kind, DeadlineKind::Recurring(_));
    let extended = !task.extensions.is_empty();
    let extended_text = (t.task.extended_times)(task.extensions.len());
    let detail = (t.status_detail)(&status);
    let badge_class = super::badge_class(&status);

    view! {
        <tr data-id=task.id.0.clone() data-bucket=format!("{:?}", status.bucket)>
            {select.map(|(selection, order)| {
                let id = task.id.clone();
                let at = id.clone();
                view! {
                    <td class="c-select">
                        <input type="checkbox" aria-label=t.bulk.select_task
                            prop:checked=move || selection.contains(&id)
                            on:click=move |ev| {
                                let shift = ev.shift_key();
                                order.with_untracked(|o| {
                                    if let Some(position) = o.iter().position(|x| x == &at) {
                                        selection.click(o, position, shift);
                                    }
                                });
                            } />
                    </td>
                }
            })}
            <td class="c-num">{task.number.clone()}</td>
            <td class="c-content">
                <a class="content-text task-link" href=href title=task.content.clone()>{task.content.clone()}</a>
                <div class="meta">
                    {(!source.is_empty()).then(|| view! { <span class="meta-source">{source}</span> })}
                    {(!coordinating.is_empty()).then(|| view! {
                        <span class="meta-coord">{t.coordinating}": "{coordinating.join(", ")}</span>
                    })}
                </div>
            </td>
            <td class="c-unit">{lead}</td>
            <td class="c-deadline">
                {match (deadline_date, problem) {
                    (Some(d), _) => view! { <span class="date">{d}</span> }.into_any(),
                    (None, Some(p)) => view! {
                        <span class="deadline-warn" title=(t.deadline_problem)(&p)>"⚠ "{t.deadline_unreadable}</span>
                    }.into_any(),
                    (None, None) => view! { <span class="muted">{t.no_deadline}</span> }.into_any(),
                }}
                {show_text.then(|| view! { <div class="deadline-text" class:recurring=recurring>{deadline_text}</div> })}
                {extended.then(|| view! { <div class="badge-extended">{extended_text}</div> })}
            </td>
            <td class="c-progress">{(t.progress)(task.progress_on(as_of.unwrap_or_else(super::super::state::today)))}</td>
            <td class="c-status">
                <span class=badge_class>{(t.bucket)(status.bucket)}</span>
                {detail.map(|d| view! { <div class="status-detail">{d}</div> })}
                {(status.bucket == dondoc::domain::Bucket::DoneUndated).then(|| view! { <div class="status-warn">{t.missing_completion_date}</div> })}
            </td>
        </tr>
    }
}
