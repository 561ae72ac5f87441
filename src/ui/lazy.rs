//! Pages fetched the first time they are opened. At build time `scripts/wasm-split` cuts the code
//! only these pages use out of the page's WebAssembly into chunks (one per group below, plus the
//! pieces two groups share), so the first load carries the app frame and the task list alone.
//! A chunk that cannot be fetched (offline on a host with no service worker) shows a message and a
//! button to try again, never a dead page. A moment after start, every chunk is fetched ahead, so
//! later pages open at once.

use leptos::prelude::*;
use leptos::wasm_split::{wasm_split, SplitLoaderError};

use dondoc::domain::task::TaskId;
use dondoc::domain::unit::UnitId;
use dondoc::i18n::texts;
use dondoc::route::Page;

/// A chunk could not be fetched or started.
#[derive(Debug)]
pub struct NotLoaded;

impl From<SplitLoaderError> for NotLoaded {
    fn from(_: SplitLoaderError) -> Self {
        NotLoaded
    }
}

type Loaded = Result<AnyView, NotLoaded>;

// The day's work away from the list: the board, the units and one task.
#[wasm_split(work, wasm_split_path = ::leptos::wasm_split, fallible, preload(preload_board_page))]
fn board_page() -> Loaded {
    Ok(view! { <super::board::BoardPage /> }.into_any())
}
#[wasm_split(work, wasm_split_path = ::leptos::wasm_split, fallible, preload(preload_units_page))]
fn units_page() -> Loaded {
    Ok(view! { <super::units::UnitsPage /> }.into_any())
}
#[wasm_split(work, wasm_split_path = ::leptos::wasm_split, fallible, preload(preload_unit_page))]
fn unit_page(id: UnitId) -> Loaded {
    Ok(view! { <super::units::UnitPage id=id /> }.into_any())
}
#[wasm_split(work, wasm_split_path = ::leptos::wasm_split, fallible, preload(preload_task_page))]
fn task_page(id: Option<TaskId>) -> Loaded {
    Ok(view! { <super::task::TaskPage id=id /> }.into_any())
}

// Figures: the overview (with its charts) and the report.
#[wasm_split(figures, wasm_split_path = ::leptos::wasm_split, fallible, preload(preload_dashboard_page))]
fn dashboard_page() -> Loaded {
    Ok(view! { <super::dashboard::DashboardPage /> }.into_any())
}
#[wasm_split(figures, wasm_split_path = ::leptos::wasm_split, fallible, preload(preload_report_page))]
fn report_page() -> Loaded {
    Ok(view! { <super::report::ReportPage /> }.into_any())
}

// Bringing tasks in: files and directives.
#[wasm_split(intake, wasm_split_path = ::leptos::wasm_split, fallible, preload(preload_import_page))]
fn import_page() -> Loaded {
    Ok(view! { <super::import::ImportPage /> }.into_any())
}
#[wasm_split(intake, wasm_split_path = ::leptos::wasm_split, fallible, preload(preload_directive_page))]
fn directive_page() -> Loaded {
    Ok(view! { <super::directive::DirectivePage /> }.into_any())
}

// Looking after the data: backups, the bin, about.
#[wasm_split(care, wasm_split_path = ::leptos::wasm_split, fallible, preload(preload_data_page))]
fn data_page() -> Loaded {
    Ok(view! { <super::data::DataPage /> }.into_any())
}
#[wasm_split(care, wasm_split_path = ::leptos::wasm_split, fallible, preload(preload_bin_page))]
fn bin_page() -> Loaded {
    Ok(view! { <super::bin::BinPage /> }.into_any())
}
#[wasm_split(care, wasm_split_path = ::leptos::wasm_split, fallible, preload(preload_about_page))]
fn about_page() -> Loaded {
    Ok(view! { <super::about::AboutPage /> }.into_any())
}

/// Fetch the chunk of a page's split function (once per chunk: the loader keeps it); each split
/// function waits for its chunk with its own loader, so each is asked.
async fn fetch(page: &Page) -> Result<(), SplitLoaderError> {
    let result = match page {
        Page::Board => preload_board_page().await,
        Page::Units => preload_units_page().await,
        Page::Unit(_) => preload_unit_page().await,
        Page::Task(_) | Page::NewTask => preload_task_page().await,
        Page::Dashboard => preload_dashboard_page().await,
        Page::Report => preload_report_page().await,
        Page::Import => preload_import_page().await,
        Page::Directive => preload_directive_page().await,
        Page::Data => preload_data_page().await,
        Page::Bin => preload_bin_page().await,
        Page::About => preload_about_page().await,
        Page::Tasks | Page::NotFound(_) => Ok(()),
    };
    if result.is_ok() {
        FETCHED.with(|f| f.borrow_mut().push(std::mem::discriminant(page)));
    }
    result
}

/// Has this kind of page's split function been fetched?
fn fetched(page: &Page) -> bool {
    FETCHED.with(|f| f.borrow().contains(&std::mem::discriminant(page)))
}

thread_local! {
    /// The kinds of page whose split function's chunk is here: they are drawn in the turn they are
    /// opened.
    static FETCHED: std::cell::RefCell<Vec<std::mem::Discriminant<Page>>> = const { std::cell::RefCell::new(Vec::new()) };
}

#[derive(Clone, Copy, PartialEq)]
enum Chunk {
    Fetching,
    Here,
    Failed,
}

/// The page (*Đang tải trang…* until its chunk is here; a message and *Thử lại*, which reloads the app,
/// if it cannot be fetched: everything is stored, nothing is lost). The page itself is built in
/// this view's own turn, as every other page is, so it belongs to this view and goes with it.
pub fn page_view(page: Page) -> AnyView {
    let t = texts();
    let here = fetched(&page);
    let chunk = RwSignal::new(if here { Chunk::Here } else { Chunk::Fetching });
    if !here {
        let page = page.clone();
        leptos::task::spawn_local(async move {
            let now = if fetch(&page).await.is_ok() { Chunk::Here } else { Chunk::Failed };
            // The person may have gone to another page meanwhile.
            let _ = chunk.try_set(now);
        });
    }
    let failed = move || {
        view! {
            <section class="card narrow" role="alert" data-testid="page-not-loaded">
                <p>{t.page_not_loaded}</p>
                <button class="btn" on:click=|_| { let _ = window().location().reload(); }>{t.try_again}</button>
            </section>
        }
        .into_any()
    };
    (move || match chunk.get() {
        Chunk::Fetching => view! { <p class="loading" role="status">{t.page_loading}</p> }.into_any(),
        // Its chunk is here: the split function answers at once.
        Chunk::Here => match at_once(load(page.clone())) {
            Some(Ok(view)) => view,
            _ => failed(),
        },
        Chunk::Failed => failed(),
    })
    .into_any()
}

/// The answer of a future that needs no waiting (a split function whose chunk is here).
fn at_once<F: std::future::Future>(future: F) -> Option<F::Output> {
    match super::state::poll_now(std::pin::pin!(future)) {
        std::task::Poll::Ready(value) => Some(value),
        std::task::Poll::Pending => None,
    }
}

async fn load(page: Page) -> Loaded {
    match page {
        Page::Board => board_page().await,
        Page::Units => units_page().await,
        Page::Unit(id) => unit_page(id).await,
        Page::Task(id) => task_page(Some(id)).await,
        Page::NewTask => task_page(None).await,
        Page::Dashboard => dashboard_page().await,
        Page::Report => report_page().await,
        Page::Import => import_page().await,
        Page::Directive => directive_page().await,
        Page::Data => data_page().await,
        Page::Bin => bin_page().await,
        Page::About => about_page().await,
        Page::Tasks | Page::NotFound(_) => Err(NotLoaded),
    }
}

/// Once the app has settled, at the browser's first idle moment (within two seconds), fetch every
/// chunk, one after another, so later pages open at once, even a page opened straight after an
/// import chosen in the first seconds. A failure is left for the page itself to report when it is
/// opened.
pub fn preload_soon() {
    super::state::when_idle(std::time::Duration::from_millis(PRELOAD_WITHIN_MS as u64), || {
        leptos::task::spawn_local(async {
            // One page of each chunk fetches its bytes; then every page's loader, at once.
            for page in [Page::Board, Page::Dashboard, Page::Import, Page::Data, Page::Units, Page::Unit(UnitId(String::new())),
                Page::NewTask, Page::Report, Page::Directive, Page::Bin, Page::About] {
                let _ = fetch(&page).await;
            }
        })
    });
}

/// At the latest, how long after the stored data is read the other pages' code is fetched.
const PRELOAD_WITHIN_MS: u32 = 2_000;
