//! The task list: every task passing the filter, with its unit, deadline and derived status, in
//! chasing order, as of the date in the address.

mod row;

pub use row::task_row;

use leptos::prelude::*;

use super::dialog::ConfirmDialog;
use super::filter_bar::{set_filter, FilterBar};
use super::listing::{use_listing, Listing};
use super::welcome::Welcome;
use super::{Phase, Workspace};
use dondoc::domain::Bucket;
use dondoc::i18n::{texts, thousands};
use dondoc::query::StatusFilter;
use dondoc::route::Route;

/// Rows drawn in the frame that shows the list: a keystroke that changes the list redraws at most
/// this many before its frame (about 0.4 ms each): more than a tall screen shows of the list's box
/// (25 rows of 56 px: 1,400 px). The rows up to `FILL_ROWS` follow once the list has stayed
/// unchanged a moment (not after every keystroke: `window::WindowEnd` waits for them); more are
/// drawn as its end comes near, or "Xem thêm".
const FIRST_ROWS: usize = 25;
const FILL_ROWS: usize = 200;
const MORE_ROWS: usize = 100;

/// The window of a task table (the list, a unit's page): another filter or date shows another
/// list, from its top.
pub fn task_window(route: RwSignal<Route>) -> super::window::Window {
    super::window::Window::new(FIRST_ROWS, MORE_ROWS, FILL_ROWS).restart_with_filter(route)
}

/// The order of the summary: what to chase first.
pub use dondoc::query::board::CHASE_BUCKETS as SUMMARY_ORDER;

pub fn bucket_class(b: Bucket) -> &'static str {
    match b {
        Bucket::Overdue => "st st-overdue",
        Bucket::InProgressInTime => "st st-intime",
        Bucket::InProgressNoDeadline => "st st-nodeadline",
        Bucket::DoneOnTime => "st st-done",
        Bucket::DoneLate => "st st-donelate",
        Bucket::DoneUndated => "st st-done-undated",
        Bucket::DoneNoDeadline => "st st-done-nodeadline",
    }
}

/// " — tình hình đến ngày 01/01/2020" when the view is as of a day other than today.
pub fn past_as_of(route: RwSignal<Route>) -> Option<String> {
    route.with(|r| r.as_of).filter(|d| *d != super::state::today()).map(|d| (texts().as_of_title)(&dondoc::domain::format_date(d)))
}

/// The classes of a status badge: its bucket's colour, amber when due soon.
pub fn badge_class(status: &dondoc::domain::Status) -> String {
    if status.due_soon {
        format!("{} st-soon", bucket_class(status.bucket))
    } else {
        bucket_class(status.bucket).to_string()
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

/// The coloured counts per bucket; each one filters by its status.
#[component]
pub fn BucketSummary(listing: Listing) -> impl IntoView {
    let t = texts();
    let route = expect_context::<RwSignal<Route>>();
    let chip = move |s: StatusFilter, class: &'static str, label: &'static str, count: Box<dyn Fn() -> usize + Send + Sync>| {
        let active = move || route.with(|r| r.filter.status == Some(s));
        view! {
            <li class=class data-bucket=format!("{s:?}").replace("Bucket(", "").replace(')', "")>
                <button
                    class="chip"
                    aria-pressed=move || active().to_string()
                    on:click=move |_| set_filter(route, |f| f.status = if f.status == Some(s) { None } else { Some(s) })
                >
                    <span class="summary-n">{move || thousands(count())}</span>
                    <span class="summary-label">{label}</span>
                </button>
            </li>
        }
    };
    view! {
        <ul class="summary" aria-label="Tổng hợp theo tình trạng">
            {SUMMARY_ORDER
                .iter()
                .map(|&b| chip(StatusFilter::Bucket(b), bucket_class(b), (t.bucket)(b), Box::new(move || listing.breakdown.get().get(b))))
                .collect_view()}
            {chip(StatusFilter::DueSoon, "st st-soon", t.due_soon_label, Box::new(move || listing.breakdown.get().due_soon))}
        </ul>
    }
}

/// The rows of a task table: drawn a window at a time, and keyed by what they draw (the task as
/// `query::drawn_key` sees it, the day the list is as of and the units' names), so a keystroke or
/// a change to one task redraws only the rows whose key changed. With `select`, each row has a box.
#[component]
pub fn TaskRows(
    #[prop(into)] ranked: Signal<Vec<dondoc::query::Ranked>>,
    window: super::window::Window,
    #[prop(optional, into)] select: Option<(super::selection::Selection, Memo<Vec<dondoc::domain::TaskId>>)>,
) -> impl IntoView {
    let ws = expect_context::<Workspace>();
    let route = expect_context::<RwSignal<Route>>();
    let units_epoch = Memo::new(move |before: Option<&u64>| {
        ws.units.track();
        before.map_or(0, |n| n + 1)
    });
    let rows = move || {
        let limit = window.shown.get();
        let (as_of, epoch) = (route.with(|r| r.as_of), units_epoch.get());
        ranked.with(|ranked| {
            ws.tasks.with(|tasks| {
                ranked
                    .iter()
                    .take(limit)
                    .filter_map(|r| {
                        let task = tasks.get(r.index)?;
                        let key = format!("{}|{as_of:?}|{epoch}", dondoc::query::drawn_key(task, &r.status));
                        Some((key, r.index, r.status))
                    })
                    .collect::<Vec<_>>()
            })
        })
    };
    let row = move |(_, index, status): (String, usize, dondoc::domain::Status)| {
        ws.tasks.with_untracked(|tasks| ws.units.with_untracked(|units| tasks.get(index).map(|task| task_row(task, status, units, route, select))))
    };
    view! { <For each=rows key=|r| r.0.clone() children=row /> }
}

#[component]
fn TaskTable() -> impl IntoView {
    let t = texts();
    let ws = expect_context::<Workspace>();
    let route = expect_context::<RwSignal<Route>>();
    let listing = use_listing(None);
    let total = Memo::new(move |_| ws.tasks.with(Vec::len));
    let window = task_window(route);
    let shown_total = Signal::derive(move || listing.counts.get().total);
    let confirming = RwSignal::new(false);
    let visible = listing.ids;
    let selection = super::selection::Selection::following(visible);

    let filtered_count = move || {
        let (shown, all) = (listing.counts.get().total, total.get());
        if shown == all { (t.task_count)(all) } else { (t.filter.filtered_of)(shown, all) }
    };

    view! {
        <section class="list-head">
            <div class="list-title">
                <h1>{t.nav_tasks}{move || past_as_of(route)}</h1>
                <span class="count" data-testid="task-count">{filtered_count}</span>
            </div>
            <a class="btn btn-primary" href="#/them-nhiem-vu" class:disabled=move || !ws.can_change()>{t.task.add}</a>
            <super::export::ExportMenu listing=listing />
            <button class="btn btn-quiet-danger" disabled=move || !ws.can_change() on:click=move |_| confirming.set(true)>
                {t.clear_workspace}
            </button>
        </section>
        <FilterBar />
        <BucketSummary listing=listing />
        <Show when=move || { selection.len() > 0 }>
            <super::bulk_bar::BulkBar selection=selection visible=visible />
        </Show>
        <div class="table-wrap">
            <table class="tasks">
                <thead>
                    <tr>
                        <th class="c-select">
                            <input type="checkbox" aria-label=t.bulk.select_all_label
                                prop:checked=move || { let n = selection.len(); n > 0 && n == visible.with(Vec::len) }
                                on:change=move |ev| if event_target_checked(&ev) { selection.set_all(visible.get_untracked()) } else { selection.clear() } />
                        </th>
                        <th class="c-num">{t.col_number}</th>
                        <th class="c-content">{t.col_content}</th>
                        <th class="c-unit">{t.col_unit}</th>
                        <th class="c-deadline">{t.col_deadline}</th>
                        <th class="c-progress">{t.col_progress}</th>
                        <th class="c-status">{t.col_status}</th>
                    </tr>
                </thead>
                <tbody><TaskRows ranked=listing.ranked window=window select=(selection, visible) /></tbody>
            </table>
            <Show when=move || listing.counts.get().total == 0>
                <p class="empty-filter">{t.task.nothing_matches}</p>
            </Show>
            <super::window::WindowEnd window=window total=shown_total scroller=".table-wrap" />
        </div>
        <super::window::MoreRows window=window total=shown_total />
        <Show when=move || confirming.get()>
            <ConfirmDialog title=t.clear_workspace text=t.clear_confirm.to_string() yes=t.clear_yes on_close=move || confirming.set(false)
                on_yes=move || ws.clear() />
        </Show>
    }
}
