//! Dữ liệu: where the office's data is, how much room it takes, whether the browser has promised
//! to keep it, when it was last backed up (with *Sao lưu ngay* and *Khôi phục*). Also what keeps
//! the data safe without being asked: the browser is asked to keep it once the first data comes in
//! (a refusal is explained), and a backup is suggested when one is due (`store::safety`).

use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;

use super::export::{save_backup, say_made, RestoreButton};
use super::notices::{NoticeAction, NoticeKind, Notices};
use super::state::{now, today};
use super::Workspace;
use dondoc::i18n::texts;
use dondoc::store::prefs;
use dondoc::store::safety::{Reminder, Safety};

/// The browser's storage manager, where it has one (secure contexts of current browsers).
fn storage() -> Option<web_sys::StorageManager> {
    super::navigator_has("storage").then(|| window().navigator().storage())
}

async fn ask(promise: Result<js_sys::Promise, JsValue>) -> Option<bool> {
    JsFuture::from(promise.ok()?).await.ok()?.as_bool()
}

/// Has the browser promised to keep the data? (None: it cannot say.)
async fn persisted() -> Option<bool> {
    ask(storage()?.persisted()).await
}

/// Ask the browser to keep the data; a refusal is explained when `explain`.
async fn ask_to_persist(notices: Notices, explain: bool) -> Option<bool> {
    let granted = ask(storage()?.persist()).await;
    if granted == Some(false) && explain {
        // A warning, so it stays beside the "done" message (with its Hoàn tác) instead of replacing it.
        notices.push(NoticeKind::Warning, texts().data.persist_refused, None);
    }
    granted
}

/// Megabytes used and offered, as the browser estimates them.
async fn estimate() -> Option<(f64, Option<f64>)> {
    let estimate = JsFuture::from(storage()?.estimate().ok()?).await.ok()?;
    let field = |name: &str| js_sys::Reflect::get(&estimate, &JsValue::from_str(name)).ok().and_then(|v| v.as_f64()).map(|b| b / 1_000_000.0);
    Some((field("usage")?, field("quota")))
}

/// After every change this tab makes: counted for the reminder; the first data in asks the
/// browser to keep it.
pub fn after_change(ws: Workspace) {
    let has_tasks = ws.tasks.with_untracked(|t| !t.is_empty());
    let mut first_ask = false;
    prefs::update_safety(|s| {
        s.changed();
        if has_tasks {
            first_ask = !s.asked_to_persist;
            s.data_arrived(today());
            s.asked_to_persist = true;
        }
    });
    if first_ask {
        let notices = ws.notices;
        spawn_local(async move {
            ask_to_persist(notices, true).await;
        });
    }
}

/// A backup was downloaded.
pub fn backed_up() {
    prefs::update_safety(|s| s.backed_up(now()));
}

fn reminder_text(r: Reminder) -> String {
    let dt = &texts().data;
    match r {
        Reminder::NeverBackedUp { days } => (dt.reminder_never)(days),
        Reminder::Old { days } => (dt.reminder_old)(days),
        Reminder::ManyChanges { changes } => (dt.reminder_changes)(changes),
    }
}

/// When the app opens with data: suggest a backup if one is due.
pub fn remind(ws: Workspace) {
    let has_tasks = ws.tasks.with_untracked(|t| !t.is_empty());
    if let Some(r) = prefs::safety().reminder(today(), has_tasks) {
        ws.notices.push(NoticeKind::Warning, reminder_text(r), Some(NoticeAction::BackupNow));
    }
}

/// Download a backup now, and say so.
pub fn backup_now(ws: Workspace) {
    let (ok, name) = save_backup(ws);
    say_made(ws, ok, &name);
}

#[component]
pub fn DataPage() -> impl IntoView {
    let t = texts();
    let dt = &t.data;
    let ws = expect_context::<Workspace>();
    let safety = RwSignal::new(prefs::safety());
    // What the browser says, asked when the page opens (None until it answers or if it cannot).
    let used = RwSignal::new(None::<(f64, Option<f64>)>);
    let kept = RwSignal::new(None::<bool>);
    let supported = storage().is_some();
    let refused = RwSignal::new(false);
    let refresh = move || {
        safety.set(prefs::safety());
        spawn_local(async move {
            used.set(estimate().await);
            kept.set(persisted().await);
        });
    };
    refresh();
    // Another tab's change (or this one's) moves the counts.
    Effect::new(move |_| {
        ws.tasks.track();
        safety.set(prefs::safety());
    });
    let request = move |_| {
        spawn_local(async move {
            let granted = ask_to_persist(ws.notices, false).await;
            refused.set(granted == Some(false));
            kept.set(persisted().await.or(granted));
        });
    };
    let backup = move |_| {
        backup_now(ws);
        refresh();
    };
    view! {
        <section class="card narrow data-page">
            <h1>{dt.title}</h1>
            <p>{dt.where_}</p>
            <p data-testid="data-counts">{move || (dt.counts)(ws.tasks.with(Vec::len), ws.units.with(|u| u.units().len()), ws.bin.with(Vec::len))}</p>
            <p data-testid="data-used">{move || used.get().map_or_else(|| dt.used_unknown.to_string(), |(mb, quota)| (dt.used)(mb, quota))}</p>

            <h2>{dt.persist_title}</h2>
            <p data-testid="data-persisted">
                {move || match (supported, kept.get()) {
                    (false, _) => dt.persist_unsupported,
                    (true, Some(true)) => dt.persisted,
                    _ => dt.not_persisted,
                }}
            </p>
            <Show when=move || supported && kept.get() != Some(true)>
                <button class="btn" on:click=request>{dt.ask_persist}</button>
            </Show>
            <Show when=move || refused.get()>
                <p class="notice notice-warning" role="status">{dt.persist_refused}</p>
            </Show>

            <h2>{dt.backup_title}</h2>
            <p data-testid="data-last-backup">
                {move || safety.with(|s: &Safety| match s.last_backup {
                    Some(at) => (dt.last_backup)(&at.format("%H:%M ngày %d/%m/%Y").to_string(), s.changes_since),
                    None => dt.never_backed_up.to_string(),
                })}
            </p>
            {move || {
                let has_tasks = ws.tasks.with(|t| !t.is_empty());
                safety.with(|s| s.reminder(today(), has_tasks)).map(|r| view! {
                    <p class="notice notice-warning data-reminder" role="status">{reminder_text(r)}</p>
                })
            }}
            <div class="data-actions">
                <button class="btn btn-primary" on:click=backup>{dt.backup_now}</button>
                <RestoreButton />
            </div>
            <p class="muted small">{dt.restore_intro}</p>
        </section>
    }
}

