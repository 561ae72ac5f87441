//! The empty workspace: a greeting for a first-time user and the sample data.

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::state::today;
use super::worker::sample_in_worker;
use super::Workspace;
use dondoc::i18n::texts;

#[component]
pub fn Welcome() -> impl IntoView {
    let t = texts();
    let ws = expect_context::<Workspace>();
    // The sample is made in the file worker, started when the pointer or the focus reaches the
    // button (not on every first visit: the worker is not part of the first load); the button
    // waits, and says so if it failed.
    let making = RwSignal::new(false);
    let failed = RwSignal::new(false);
    let load_sample = move |_| {
        making.set(true);
        failed.set(false);
        spawn_local(async move {
            match sample_in_worker(today()).await {
                Some(sample) => ws.load_sample(sample),
                None => {
                    failed.try_set(true);
                }
            }
            // Gone with the welcome page once the sample is in.
            making.try_set(false);
        });
    };
    view! {
        <section class="card welcome">
            <h1>{t.welcome_title}</h1>
            <p>{t.welcome_body}</p>
            <Show
                when=move || ws.can_change()
                fallback=move || view! { <p class="muted">{t.empty_read_only}</p> }
            >
                <div class="welcome-actions">
                    <a class="btn btn-primary" href="#/nhap-file">{t.nav_import}</a>
                    <button class="btn" disabled=move || making.get() on:pointerenter=|_| super::worker::prepare() on:focus=|_| super::worker::prepare() on:click=load_sample>{move || if making.get() { t.loading_sample } else { t.load_sample }}</button>
                </div>
                {move || failed.get().then(|| view! { <p class="field-error" role="alert">{t.sample_failed}</p> })}
                <p class="muted">{t.sample_hint}</p>
            </Show>
        </section>
    }
}
