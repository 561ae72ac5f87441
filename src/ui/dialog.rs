//! The one dialog every page uses: a modal that takes the focus, keeps Tab inside it, closes on
//! Escape or a click outside, and gives the focus back to where it was (the card, the button) when
//! it closes. `ConfirmDialog` is the yes/cancel question on top of it.

use leptos::html::Div;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use dondoc::i18n::texts;

const FOCUSABLE: &str = "button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), a[href], [tabindex]:not([tabindex='-1'])";

fn focusables(root: &web_sys::HtmlElement) -> Vec<web_sys::HtmlElement> {
    let Ok(list) = root.query_selector_all(FOCUSABLE) else { return Vec::new() };
    (0..list.length()).filter_map(|i| list.item(i)?.dyn_into::<web_sys::HtmlElement>().ok()).collect()
}

/// A modal dialog; `title_id` names the element inside that titles it.
#[component]
pub fn Modal(#[prop(into)] on_close: Callback<()>, title_id: &'static str, children: Children) -> impl IntoView {
    let node = NodeRef::<Div>::new();
    // Where the focus was, to give it back on close.
    let before = document().active_element().and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    let before = StoredValue::new_local(before);
    on_cleanup(move || {
        before.with_value(|b| {
            if let Some(el) = b.as_ref().filter(|el| el.is_connected()) {
                let _ = el.focus();
            }
        })
    });
    // The focus goes to the element marked autofocus, else the first one that takes it.
    Effect::new(move |_| {
        let Some(root) = node.get() else { return };
        let root: &web_sys::HtmlElement = &root;
        let first = root.query_selector("[autofocus]").ok().flatten().and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
        if let Some(el) = first.or_else(|| focusables(root).into_iter().next()) {
            let _ = el.focus();
        }
    });
    let keydown = move |ev: leptos::ev::KeyboardEvent| match ev.key().as_str() {
        "Escape" => {
            ev.prevent_default();
            on_close.run(());
        }
        "Tab" => {
            let Some(root) = node.get_untracked() else { return };
            let items = focusables(&root);
            let (Some(first), Some(last)) = (items.first(), items.last()) else { return };
            let active = document().active_element();
            let at = |el: &web_sys::HtmlElement| active.as_ref().is_some_and(|a| a == el.unchecked_ref::<web_sys::Element>());
            let outside = !active.as_ref().is_some_and(|a| root.contains(Some(a)));
            if ev.shift_key() && (at(first) || outside) {
                ev.prevent_default();
                let _ = last.focus();
            } else if !ev.shift_key() && (at(last) || outside) {
                ev.prevent_default();
                let _ = first.focus();
            }
        }
        _ => {}
    };
    view! {
        <div class="modal-backdrop" on:click=move |_| on_close.run(())>
            <div class="modal" role="dialog" aria-modal="true" aria-labelledby=title_id node_ref=node
                on:click=|ev| ev.stop_propagation() on:keydown=keydown>
                {children()}
            </div>
        </div>
    }
}

/// "Are you sure?": the question, Cancel (focused first: the safe choice) and the action.
#[component]
pub fn ConfirmDialog(
    title: &'static str,
    #[prop(into)] text: Signal<String>,
    yes: &'static str,
    #[prop(into)] on_yes: Callback<()>,
    #[prop(into)] on_close: Callback<()>,
) -> impl IntoView {
    let t = texts();
    view! {
        <Modal on_close=on_close title_id="confirm-title">
            <h2 id="confirm-title">{title}</h2>
            <p>{move || text.get()}</p>
            <div class="modal-actions">
                <button class="btn" autofocus on:click=move |_| on_close.run(())>{t.cancel}</button>
                <button class="btn btn-danger" on:click=move |_| {
                    on_close.run(());
                    on_yes.run(());
                }>{yes}</button>
            </div>
        </Modal>
    }
}
