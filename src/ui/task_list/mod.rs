//! The task list: every task with its unit, deadline and derived status, in chasing order, as of
//! the date in the address.

mod row;

use leptos::prelude::*;

use super::state::today;
use super::welcome::Welcome;
use super::{navigate, Phase, Workspace};
use crate::domain::{format_date, vn_date::parse_date, Bucket};
use crate::i18n::texts;
use crate::query::{chase_order, BucketCounts};
use crate::route::Route;

/// Rows rendered at first and added by "Xem thêm": enough to read, few enough to stay fast with
/// tens of thousands of tasks.
const PAGE_SIZE: usize = 200;

/// The order of the summary: what to chase first.
const SUMMARY_ORDER: [Bucket; 6] = [
    Bucket::Overdue,
    Bucket::InProgressInTime,
    Bucket::InProgressNoDeadline,
    Bucket::DoneOnTime,
    Bucket::DoneLate,
    Bucket::DoneNoDeadline,
];

pub fn bucket_class(b: Bucket) -> &'static str {
    match b {
        Bucket::Overdue => "st st-overdue",
        Bucket::InProgressInTime => "st st-intime",
        Bucket::InProgressNoDeadline => "st st-nodeadline",
        Bucket::DoneOnTime => "st st-done",
        Bucket::DoneLate => "st st-donelate",
        Bucket::DoneNoDeadline => "st st-done-nodeadline",
    }
}

#[component]
pub fn TaskListPage() -> impl IntoView {
    let t = texts();
    let ws = expect_context::<Workspace>();
    let empty = Memo::new(move |_| ws.tasks.with(Vec::is_empty));
    view! {
        {move || match ws.phase.get() {
            Phase::Loading => view! { <p class="loading">{t.loading}</p> }.into_any(),
            _ if empty.get() => view! { <Welcome /> }.into_any(),
            _ => view! { <TaskTable /> }.into_any(),
        }}
    }
}

#[component]
fn AsOfControl(as_of: Memo<chrono::NaiveDate>) -> impl IntoView {
    let t = texts();
    let route = expect_context::<RwSignal<Route>>();
    let invalid = RwSignal::new(false);
    let set = move |text: String| match parse_date(&text) {
        Some(date) => {
            invalid.set(false);
            navigate(&Route { as_of: Some(date), ..route.get_untracked() });
        }
        None => invalid.set(true),
    };
    view! {
        <div class="asof">
            <label for="as-of">{t.as_of}</label>
            <input
                id="as-of"
                type="text"
                inputmode="numeric"
                placeholder=t.as_of_placeholder
                class:invalid=move || invalid.get()
                aria-invalid=move || invalid.get().to_string()
                prop:value=move || format_date(as_of.get())
                on:change=move |ev| set(event_target_value(&ev))
            />
            <button
                class="btn btn-small"
                on:click=move |_| {
                    invalid.set(false);
                    navigate(&Route { as_of: None, ..route.get_untracked() });
                }
            >
                {t.today}
            </button>
            <Show when=move || invalid.get()>
                <span class="field-error" role="alert">{t.as_of_invalid}</span>
            </Show>
        </div>
    }
}

#[component]
fn TaskTable() -> impl IntoView {
    let t = texts();
    let ws = expect_context::<Workspace>();
    let route = expect_context::<RwSignal<Route>>();
    let as_of = Memo::new(move |_| route.with(|r| r.as_of).unwrap_or_else(today));
    let ranked = Memo::new(move |_| ws.tasks.with(|tasks| chase_order(tasks, as_of.get(), ws.rules.get())));
    let counts = Memo::new(move |_| ranked.with(|r| BucketCounts::of(r)));
    let shown = RwSignal::new(PAGE_SIZE);
    let confirming = RwSignal::new(false);

    let rows = move || {
        let limit = shown.get();
        ranked.with(|ranked| {
            ws.tasks.with(|tasks| {
                ws.units.with(|units| {
                    ranked.iter().take(limit).map(|r| row::task_row(&tasks[r.index], r.status, units)).collect_view()
                })
            })
        })
    };
    let remaining = move || counts.get().total.saturating_sub(shown.get());

    view! {
        <section class="list-head">
            <div class="list-title">
                <h1>{t.nav_tasks}</h1>
                <span class="count" data-testid="task-count">{move || (t.task_count)(counts.get().total)}</span>
            </div>
            <AsOfControl as_of=as_of />
            <button class="btn btn-quiet-danger" disabled=move || !ws.can_change() on:click=move |_| confirming.set(true)>
                {t.clear_workspace}
            </button>
        </section>
        <ul class="summary" aria-label="Tổng hợp theo tình trạng">
            {SUMMARY_ORDER
                .iter()
                .map(|&b| {
                    view! {
                        <li class=bucket_class(b) data-bucket=format!("{b:?}")>
                            <span class="summary-n">{move || counts.get().get(b)}</span>
                            <span class="summary-label">{(t.bucket)(b)}</span>
                        </li>
                    }
                })
                .collect_view()}
            <li class="st st-soon" data-bucket="DueSoon">
                <span class="summary-n">{move || counts.get().due_soon}</span>
                <span class="summary-label">{t.due_soon_label}</span>
            </li>
        </ul>
        <div class="table-wrap">
            <table class="tasks">
                <thead>
                    <tr>
                        <th class="c-num">{t.col_number}</th>
                        <th class="c-content">{t.col_content}</th>
                        <th class="c-unit">{t.col_unit}</th>
                        <th class="c-deadline">{t.col_deadline}</th>
                        <th class="c-progress">{t.col_progress}</th>
                        <th class="c-status">{t.col_status}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
        <Show when=move || { remaining() > 0 }>
            <button class="btn show-more" on:click=move |_| shown.update(|n| *n += PAGE_SIZE)>
                {move || (t.show_more)(remaining())}
            </button>
        </Show>
        <Show when=move || confirming.get()>
            <div class="modal-backdrop" on:click=move |_| confirming.set(false)>
                <div
                    class="modal"
                    role="dialog"
                    aria-modal="true"
                    aria-labelledby="confirm-title"
                    on:click=|ev| ev.stop_propagation()
                    on:keydown=move |ev| if ev.key() == "Escape" { confirming.set(false) }
                >
                    <h2 id="confirm-title">{t.clear_workspace}</h2>
                    <p>{t.clear_confirm}</p>
                    <div class="modal-actions">
                        <button class="btn" autofocus on:click=move |_| confirming.set(false)>{t.cancel}</button>
                        <button
                            class="btn btn-danger"
                            on:click=move |_| {
                                confirming.set(false);
                                ws.clear();
                            }
                        >
                            {t.clear_yes}
                        </button>
                    </div>
                </div>
            </div>
        </Show>
    }
}
