//! The app as an installed, offline web app. Registers the service worker (`public/sw.js`, whose
//! list of files `scripts/build` writes), which keeps one build's files so the app opens with the
//! network off; when the browser has fetched a newer build in the background, a notice offers it
//! ("Đã có phiên bản mới … Tải lại"), and the page reloads onto it only when the person asks.

use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{ServiceWorkerContainer, ServiceWorkerRegistration, ServiceWorkerState};

use super::notices::{NoticeAction, NoticeKind, Notices};
use dondoc::i18n::texts;

/// How often an open page asks whether a newer build is on the host (besides each opening).
const CHECK_EVERY_MS: i32 = 60 * 60 * 1000;

/// The browser's service worker container, where the page may have one (a secure context over
/// http(s); a page opened from a file has none, and works without it).
fn container() -> Option<ServiceWorkerContainer> {
    let window = window();
    let protocol = window.location().protocol().unwrap_or_default();
    if !window.is_secure_context() || !(protocol == "http:" || protocol == "https:") {
        return None;
    }
    super::navigator_has("serviceWorker").then(|| window.navigator().service_worker())
}

/// Register the service worker and offer newer builds as they arrive.
pub fn start(notices: Notices) {
    let Some(container) = container() else { return };
    leptos::task::spawn_local(async move {
        let Ok(registration) = JsFuture::from(container.register("./sw.js")).await else {
            // No sw.js (a development server) or the browser refused: the app works online as before.
            return;
        };
        let Ok(registration) = registration.dyn_into::<ServiceWorkerRegistration>() else { return };
        // A newer build that finished installing while no page listened.
        if registration.waiting().is_some() && container.controller().is_some() {
            offer(notices);
        }
        let watched = registration.clone();
        let on_update = Closure::<dyn Fn()>::new(move || {
            let Some(installing) = watched.installing() else { return };
            let worker = installing.clone();
            let on_state = Closure::<dyn Fn()>::new(move || {
                // Installed while an older build controls the page: the newer one waits for the person.
                let has_controller = self::container().is_some_and(|c| c.controller().is_some());
                if worker.state() == ServiceWorkerState::Installed && has_controller {
                    offer(notices);
                }
            });
            installing.set_onstatechange(Some(on_state.as_ref().unchecked_ref()));
            on_state.forget();
        });
        registration.set_onupdatefound(Some(on_update.as_ref().unchecked_ref()));
        on_update.forget();
        let check = Closure::<dyn Fn()>::new(move || {
            let _ = registration.update();
        });
        let _ = window().set_interval_with_callback_and_timeout_and_arguments_0(check.as_ref().unchecked_ref(), CHECK_EVERY_MS);
        check.forget();
    });
}

fn offer(notices: Notices) {
    notices.push(NoticeKind::Info, texts().new_version, Some(NoticeAction::NewVersion));
}

/// The person chose the newer build: it takes over, and the page reloads onto it (a change not
/// yet stored makes the browser ask first, as any reload does).
pub fn take_over() {
    let Some(container) = container() else { return };
    let on_change = Closure::once_into_js(move || {
        let _ = window().location().reload();
    });
    container.set_oncontrollerchange(Some(on_change.unchecked_ref()));
    leptos::task::spawn_local(async move {
        let Ok(found) = JsFuture::from(container.get_registration()).await else { return };
        let waiting = found.dyn_into::<ServiceWorkerRegistration>().ok().and_then(|r| r.waiting());
        match waiting {
            Some(worker) => {
                let _ = worker.post_message(&JsValue::from_str("take-over"));
            }
            // Already taken over (another tab chose it first): this page only needs reloading.
            None => {
                let _ = window().location().reload();
            }
        }
    });
}
