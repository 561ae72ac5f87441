//! What Đôn Đốc is and where its data lives.

use leptos::prelude::*;

use dondoc::i18n::texts;

#[component]
pub fn AboutPage() -> impl IntoView {
    let t = texts();
    view! {
        <section class="card narrow">
            <h1>{t.app_name}" — "{t.app_tagline}</h1>
            {t.about_body.iter().map(|p| view! { <p>{*p}</p> }).collect_view()}
            <a class="btn" href="#/nhiem-vu">{t.back_to_tasks}</a>
        </section>
    }
}
