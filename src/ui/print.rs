//! Printing from the browser: while a page prints, the document's title (which the browser puts
//! at the top of each sheet and proposes as the PDF's name) is the page and its as-of date; the
//! print styles in `style/main.css` do the rest (no navigation or buttons, headers on every page).

use leptos::prelude::*;

/// Put `title` on the document for as long as the browser prints (for the page's lifetime).
pub fn title_while_printing(title: Memo<String>) {
    let usual = StoredValue::new(document().title());
    let _ = window_event_listener_untyped("beforeprint", move |_| {
        usual.set_value(document().title());
        document().set_title(&title.get_untracked());
    });
    let _ = window_event_listener_untyped("afterprint", move |_| document().set_title(&usual.get_value()));
}
