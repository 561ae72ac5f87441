//! The export buttons: the current view as Excel or CSV, a full backup, and restoring one. The
//! files are made by `export` (plain Rust; the Excel file in the file worker); this only sends
//! what goes in them, downloads them and asks before restoring.

use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

use super::listing::Listing;
use super::dialog::ConfirmDialog;
use super::notices::NoticeKind;
use super::state::{now, today};
use super::Workspace;
use dondoc::export::backup::{backup_json, read_backup, Backup, RestoreError};
use super::worker::write_in_worker;
use dondoc::export::request::WriteRequest;
use dondoc::export::{csv_out::view_csv, file_name, BACKUP_NAME, TRACKER_NAME};
use dondoc::i18n::texts;
use dondoc::route::Route;

pub const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// Hand bytes to the browser as a download.
pub fn download(bytes: &[u8], name: &str, mime: &str) -> bool {
    let array = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_u8_array_sequence_and_options(&array, &options) else { return false };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else { return false };
    let Ok(link) = document().create_element("a") else { return false };
    let link: web_sys::HtmlAnchorElement = link.unchecked_into();
    link.set_href(&url);
    link.set_download(name);
    link.click();
    let _ = web_sys::Url::revoke_object_url(&url);
    true
}

/// Download everything the page holds as a backup file; returns whether it went and its name.
/// The day is noted for the Dữ liệu panel's reminder.
pub fn save_backup(ws: Workspace) -> (bool, String) {
    let bytes = ws.tasks.with_untracked(|tasks| ws.units.with_untracked(|units| backup_json(tasks, units.units(), now())));
    let name = file_name(BACKUP_NAME, today(), "json");
    let ok = download(&bytes, &name, "application/json");
    if ok {
        super::data::backed_up();
    }
    (ok, name)
}

/// Say whether a file was made.
pub fn say_made(ws: Workspace, ok: bool, name: &str) {
    let et = &texts().export;
    if ok {
        ws.notices.push(NoticeKind::Info, (et.made)(name), None);
    } else {
        ws.notices.push(NoticeKind::Error, et.failed, None);
    }
}

/// The backup a notice offers when storage has failed.
pub fn download_backup(ws: Workspace) {
    save_backup(ws);
}

#[component]
pub fn ExportMenu(listing: Listing) -> impl IntoView {
    let t = texts();
    let et = &t.export;
    let ws = expect_context::<Workspace>();
    let route = expect_context::<RwSignal<Route>>();
    let done = move |ok: bool, name: String| say_made(ws, ok, &name);
    // The tracker is written in the file worker (a large view never freezes the page); CSV is
    // quick and written here.
    let writing = RwSignal::new(false);
    let export = move |as_csv: bool| {
        let as_of = route.with_untracked(|r| r.as_of).unwrap_or_else(today);
        let scope = if route.with_untracked(|r| r.filter.is_empty()) { et.scope_all } else { et.scope_filtered };
        if as_csv {
            let bytes = ws.tasks.with_untracked(|tasks| {
                ws.units.with_untracked(|units| {
                    listing.ranked.with_untracked(|ranked| view_csv(&ranked.iter().map(|r| (&tasks[r.index], r.status)).collect::<Vec<_>>(), units, as_of))
                })
            });
            let name = file_name(TRACKER_NAME, as_of, "csv");
            done(download(&bytes, &name, "text/csv;charset=utf-8"), name);
            return;
        }
        let rows = ws.tasks.with_untracked(|tasks| listing.ranked.with_untracked(|ranked| ranked.iter().map(|r| (tasks[r.index].clone(), r.status)).collect()));
        let units = ws.units.with_untracked(|u| u.units().to_vec());
        let request = WriteRequest::Tracker { rows, units, as_of, scope: scope.to_string() };
        let name = file_name(TRACKER_NAME, as_of, "xlsx");
        writing.set(true);
        spawn_local(async move {
            let written = write_in_worker(&request).await;
            writing.set(false);
            match written {
                Ok(bytes) => done(download(&bytes, &name, XLSX), name),
                Err(why) => ws.notices.push(NoticeKind::Error, (et.failed_because)(&why), None),
            }
        });
    };
    view! {
        <div class="export-menu" role="group">
            <button class="btn btn-small" disabled=move || writing.get() aria-busy=move || writing.get().then_some("true") on:click=move |_| export(false)>
                {move || if writing.get() { et.writing } else { et.excel }}
            </button>
            <button class="btn btn-small" on:click=move |_| export(true)>{et.csv}</button>
            <button class="btn btn-small" on:click=move |_| super::data::backup_now(ws)>{et.backup}</button>
            <RestoreButton />
        </div>
    }
}

/// *Khôi phục*: pick a backup file, see what it holds, confirm, and the workspace is replaced.
#[component]
pub fn RestoreButton() -> impl IntoView {
    let et = &texts().export;
    let ws = expect_context::<Workspace>();
    let restoring = RwSignal::new(None::<Backup>);
    let pick_backup = move |ev: leptos::ev::Event| {
        let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else { return };
        let Some(file) = input.files().and_then(|f| f.get(0)) else { return };
        input.set_value("");
        spawn_local(async move {
            let Ok(buffer) = wasm_bindgen_futures::JsFuture::from(file.array_buffer()).await else { return };
            match read_backup(&js_sys::Uint8Array::new(&buffer).to_vec()) {
                Ok(b) => restoring.set(Some(b)),
                Err(RestoreError::NotABackup) => ws.notices.push(NoticeKind::Error, et.not_a_backup, None),
                Err(RestoreError::NewerVersion(v)) => ws.notices.push(NoticeKind::Error, (et.newer_backup)(v), None),
            }
        });
    };
    view! {
        <label class="btn btn-small file-button" class:disabled=move || !ws.can_change()>
            {et.restore}
            <input type="file" id="restore-file" accept=".json,application/json" disabled=move || !ws.can_change() on:change=pick_backup />
        </label>
        {move || restoring.get().map(|b| {
            let mut confirm_text = (et.restore_confirm)(ws.tasks.with(Vec::len), b.tasks.len(), b.units.len(), &b.saved_at.format("%H:%M ngày %d/%m/%Y").to_string());
            if b.repeated_ids > 0 {
                confirm_text = format!("{confirm_text} {}", (et.repeated_ids)(b.repeated_ids));
            }
            let backup = StoredValue::new(b);
            view! {
                <ConfirmDialog title=et.restore_title text=confirm_text yes=et.restore_yes on_close=move || restoring.set(None)
                    on_yes=move || {
                        let b = backup.get_value();
                        ws.restore(b.tasks, b.units);
                    } />
            }
        })}
    }
}
