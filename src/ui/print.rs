//! Printing from the browser: while a page prints, the document's title (which the browser puts
//! at the top of each sheet and proposes as the PDF's name) is the page and its as-of date; the
//! print styles in `style/main.css` do the rest (no navigation or buttons, headers on every page).

use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// Put `title` on the document for as long as the browser prints.
pub fn title_while_printing(title: Memo<String>) {
    let usual = StoredValue::new(document().title());
    let before = Closure::<dyn Fn()>::new(move || {
        usual.set_value(document().title());
        document().set_title(&title.get_untracked());
    });
    let after = Closure::<dyn Fn()>::new(move || document().set_title(&usual.get_value()));
    let _ = window().add_event_listener_with_callback("beforeprint", before.as_ref().unchecked_ref());
    let _ = window().add_event_listener_with_callback("afterprint", after.as_ref().unchecked_ref());
    before.forget();
    after.forget();
}
