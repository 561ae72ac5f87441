//! The browser shell: the app frame, the hash router, and one folder per view. Views ask the core
//! (`query`, `domain`) what to show and call `Workspace` actions to change anything.

mod about;
mod bin;
mod board;
mod bulk_bar;
mod dashboard;
mod dialog;
mod directive;
mod export;
mod filter_bar;
mod import;
mod lazy;
mod listing;
mod notices;
mod print;
mod offline;
mod data;
mod report;
mod selection;
mod state;
mod task;
mod task_list;
mod units;
mod welcome;
mod window;
mod word_dialog;
mod worker;

use leptos::prelude::*;

use dondoc::domain::vn_date::format_date;
use dondoc::i18n::texts;
use state::today;
use dondoc::route::{self, Page, Route};
use notices::{NoticeArea, Notices};
pub use state::{Phase, Workspace};

fn current_route() -> Route {
    route::parse(&window().location().hash().unwrap_or_default())
}

/// Go to a route by changing the address, so the back button and bookmarks work.
pub fn navigate(to: &Route) {
    let _ = window().location().set_hash(&route::to_hash(to));
}

/// Does this browser have `navigator.<name>`? (web-sys assumes it does; an older browser, or a
/// page opened from a file, may not.)
fn navigator_has(name: &str) -> bool {
    js_sys::Reflect::get(&window().navigator(), &wasm_bindgen::JsValue::from_str(name)).is_ok_and(|v| !v.is_undefined())
}

/// Is the address the app's own, with no page after `#`?
fn at_bare_address() -> bool {
    matches!(window().location().hash().unwrap_or_default().as_str(), "" | "#" | "#/")
}

/// What a page is called on paper.
fn page_label(page: &Page) -> &'static str {
    let t = texts();
    match page {
        Page::Tasks | Page::Task(_) | Page::NewTask => t.nav_tasks,
        Page::Board => t.nav_board,
        Page::Units | Page::Unit(_) => t.nav_units,
        Page::Report => t.export.nav_report,
        Page::Dashboard => t.dashboard.nav,
        Page::Import => t.nav_import,
        Page::Bin => t.bin.nav,
        Page::Data => t.data.nav,
        Page::Directive => t.directive.nav,
        Page::About | Page::NotFound(_) => t.app_name,
    }
}

#[component]
pub fn App() -> impl IntoView {
    let t = texts();
    let notices = Notices::new();
    let ws = Workspace::new(notices);
    provide_context(ws);
    let route = RwSignal::new(current_route());
    provide_context(route);
    let listener = window_event_listener(leptos::ev::hashchange, move |_| route.set(current_route()));
    on_cleanup(move || listener.remove());
    ws.start();
    offline::start(notices);
    // Once, when the stored data has been read:
    let settled = StoredValue::new(false);
    Effect::new(move |_| {
        if settled.get_value() || ws.phase.get() == Phase::Loading {
            return;
        }
        settled.set_value(true);
        // Opened at the bare address with tasks stored, the app starts on the overview (Tổng quan);
        // an empty workspace starts on the list, with its welcome. Not if it was opened at a page
        // or the person has gone to one meanwhile; data arriving later (the sample, another tab)
        // does not move the page.
        if ws.tasks.with_untracked(|t| !t.is_empty()) && at_bare_address() && route.with_untracked(|r| r.page == Page::Tasks) {
            let to = route.with_untracked(|r| r.with_page(Page::Dashboard));
            let _ = window().history().and_then(|h| h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&route::to_hash(&to))));
            route.set(to);
        }
        // A backup is suggested if one is due.
        data::remind(ws);
        // The other pages' code is fetched ahead once the app has settled.
        lazy::preload_soon();
    });
    // The static page shows "loading" until the app is up.
    if let Some(boot) = document().get_element_by_id("boot") {
        boot.remove();
    }

    let page = Memo::new(move |_| route.with(|r| r.page.clone()));
    // On paper (and as the printed file's name), the page says what it is and its as-of date.
    let print_title = Memo::new(move |_| route.with(|r| (t.print_title)(page_label(&r.page), &format_date(r.as_of.unwrap_or_else(today)))));
    print::title_while_printing(print_title);
    let link = move |target: Page| {
        let current = target.clone();
        let href = move || route::to_hash(&route.with(|r| r.with_page(target.clone())));
        (href, move || if page.get() == current { "page" } else { "false" })
    };
    let (tasks_href, tasks_current) = link(Page::Tasks);
    let (dashboard_href, dashboard_current) = link(Page::Dashboard);
    let (about_href, about_current) = link(Page::About);
    let (data_href, data_current) = link(Page::Data);
    let (bin_href, bin_current) = link(Page::Bin);
    let (import_href, import_current) = link(Page::Import);
    let (board_href, board_current) = link(Page::Board);
    let (units_href, units_current) = link(Page::Units);
    let (report_href, report_current) = link(Page::Report);
    let (directive_href, directive_current) = link(Page::Directive);

    view! {
        <a class="skip-link" href="#/" on:click=move |ev| {
            ev.prevent_default();
            if let Some(main) = document().get_element_by_id("noi-dung").and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok()) {
                let _ = main.focus();
            }
        }>{t.skip_to_content}</a>
        <header class="topbar">
            <a class="brand" href="#/nhiem-vu">
                <span class="brand-mark" aria-hidden="true">"ĐĐ"</span>
                <span class="brand-name">{t.app_name}</span>
                <span class="brand-tag">{t.app_tagline}</span>
            </a>
            <nav class="mainnav">
                <a href=dashboard_href aria-current=dashboard_current>{t.dashboard.nav}</a>
                <a href=tasks_href aria-current=tasks_current>{t.nav_tasks}</a>
                <a href=board_href aria-current=board_current>{t.nav_board}</a>
                <a href=units_href aria-current=units_current>{t.nav_units}</a>
                <a href=report_href aria-current=report_current>{t.export.nav_report}</a>
                <a href=import_href aria-current=import_current>{t.nav_import}</a>
                <a href=directive_href aria-current=directive_current>{t.directive.nav}</a>
                <a href=bin_href aria-current=bin_current>{t.bin.nav}{move || { let n = ws.bin.with(Vec::len); (n > 0).then(|| format!(" ({})", dondoc::i18n::thousands(n))) }}</a>
                <a href=data_href aria-current=data_current>{t.data.nav}</a>
                <a href=about_href aria-current=about_current>{t.nav_about}</a>
            </nav>
        </header>
        <NoticeArea notices=notices on_retry=move || ws.save() on_undo=move || ws.undo() on_redo=move || ws.redo() on_download=move || export::download_backup(ws) on_backup=move || data::backup_now(ws) />
        <main class="content" id="noi-dung" tabindex="-1" aria-busy=move || ws.rereading.get().then_some("true")>
            <p class="print-head" data-testid="print-head">{move || print_title.get()}</p>
            {move || match page.get() {
                // Pages that look a record up wait until the stored data has been read.
                _ if ws.phase.get() == Phase::Loading => view! { <p class="loading">{t.loading}</p> }.into_any(),
                Page::Tasks => view! { <task_list::TaskListPage /> }.into_any(),
                Page::NotFound(_) => view! {
                    <section class="card narrow">
                        <p>{t.not_found}</p>
                        <a class="btn" href="#/nhiem-vu">{t.back_to_tasks}</a>
                    </section>
                }.into_any(),
                // Every other page is fetched the first time it is opened.
                page => lazy::page_view(page),
            }}
        </main>
        <footer class="statusbar">
            <span class="undo-redo">
                {move || ws.undoing.get().map(|(undo, done, all)| view! {
                    <span class="undo-progress" role="status" data-testid="undo-progress">{(t.undoing_part)(undo, done, all)}</span>
                })}
                {move || ws.log.with(|l| l.next_undo().map(|s| (t.undo_named)(&s.label))).map(|label| view! {
                    <button class="btn btn-small" data-testid="undo" title=label.clone() disabled=move || !ws.can_change() || ws.undoing.get().is_some() on:click=move |_| ws.undo()>"↶ "{label.clone()}</button>
                })}
                {move || ws.log.with(|l| l.next_redo().map(|s| (t.redo_named)(&s.label))).map(|label| view! {
                    <button class="btn btn-small" data-testid="redo" title=label.clone() disabled=move || !ws.can_change() || ws.undoing.get().is_some() on:click=move |_| ws.redo()>"↷ "{label.clone()}</button>
                })}
            </span>
            {move || match ws.phase.get() {
                Phase::Loading => t.footer_loading.to_string(),
                Phase::Ready if ws.is_saving() => t.saving.to_string(),
                Phase::Ready if ws.unsaved() > 0 => (t.unsaved_changes)(ws.unsaved()),
                Phase::Ready => t.footer_saved.to_string(),
                Phase::MemoryOnly => t.footer_memory_only.to_string(),
                Phase::ReadOnly => t.footer_read_only.to_string(),
            }}
        </footer>
    }
}
