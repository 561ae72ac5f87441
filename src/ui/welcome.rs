//! The empty workspace: a greeting for a first-time user and the sample data.

use leptos::prelude::*;

use super::Workspace;
use crate::i18n::texts;

#[component]
pub fn Welcome() -> impl IntoView {
    let t = texts();
    let ws = expect_context::<Workspace>();
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
                    <button class="btn" on:click=move |_| ws.load_sample()>{t.load_sample}</button>
                </div>
                <p class="muted">{t.sample_hint}</p>
            </Show>
        </section>
    }
}
