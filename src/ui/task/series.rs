//! A recurring duty's periods on its task page: every period's task of the same duty (the first
//! and those made as time passed, `domain::recurrence`), each with its deadline and status, the
//! one shown marked. Read-only: each period is chased on its own page.

use leptos::prelude::*;

use dondoc::domain::recurrence::{cadence, same_duty};
use dondoc::domain::{format_date, TaskId};
use dondoc::i18n::texts;
use dondoc::route::{to_hash, Page, Route};
use crate::ui::state::today;
use crate::ui::task_list::badge_class;
use crate::ui::Workspace;

#[component]
pub fn Periods(id: TaskId) -> impl IntoView {
    let t = texts();
    let ws = expect_context::<Workspace>();
    let route = expect_context::<RwSignal<Route>>();
    move || {
        let rules = ws.rules.get();
        let as_of = route.with(|r| r.as_of).unwrap_or_else(today);
        ws.tasks.with(|tasks| {
            let task = tasks.iter().find(|x| x.id == id)?;
            cadence(task)?;
            let mut periods: Vec<_> = tasks.iter().filter(|x| same_duty(x, task)).collect();
            periods.sort_by_key(|x| x.deadline.date);
            let rows = periods
                .iter()
                .map(|p| {
                    let status = p.status(as_of, rules);
                    let href = route.with(|r| to_hash(&r.with_page(Page::Task(p.id.clone()))));
                    let due = p.deadline.date.map(format_date).unwrap_or_default();
                    let label = if p.note.is_empty() { due.clone() } else { p.note.clone() };
                    view! {
                        <li class:current=p.id == id data-period=p.id.0.clone()>
                            <a href=href>{label}</a>
                            " · "{due}" "
                            <span class=badge_class(&status)>{(t.bucket)(status.bucket)}</span>
                        </li>
                    }
                })
                .collect_view();
            Some(view! {
                <div class="periods" data-testid="periods">
                    <strong>{(t.task.periods_heading)(&task.deadline.text, periods.len())}</strong>
                    <p class="muted">{t.task.periods_hint}</p>
                    <ul>{rows}</ul>
                </div>
            })
        })
    }
}
