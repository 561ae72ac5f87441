//! Long lists drawn a window at a time: a list (or a board column) draws its first rows in the
//! frame that shows it, then more in the frames after (up to a few hundred, so a short list is soon
//! whole and the browser's find sees it all), and more again each time its end comes within a
//! screen or so of what is in view, watched by an `IntersectionObserver` on an empty marker after
//! the last row. A keystroke that changes the list of 10,000 tasks redraws fifty rows before its
//! frame, not two hundred. Printing draws every row, up to a limit, so paper never shows only the
//! first screenful.

use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// Most rows a list draws for printing: more would freeze the page for seconds before the print
/// dialog; a longer list is printed filtered (the page says so on paper).
pub const PRINT_LIMIT: usize = 1_000;

/// How long a list stays unchanged before the rest of its first few hundred rows are drawn.
const QUIET_MS: u64 = 300;

/// How many rows a list draws now: `first` in the frame that shows it, then `first` more a frame
/// at a time up to `fill`, then `step` more each time its end comes near; never more than `most`.
#[derive(Clone, Copy)]
pub struct Window {
    pub shown: RwSignal<usize>,
    /// Counts the times the list started again from its top.
    restarts: RwSignal<u32>,
    /// The box the list scrolls in, when it is not the page (set by [`WindowEnd`]).
    scroller: StoredValue<Option<web_sys::Element>, LocalStorage>,
    /// Started again, not yet scrolled back to its top: where its end is means nothing until then.
    to_top: StoredValue<bool>,
    first: usize,
    step: usize,
    fill: usize,
    most: usize,
}

impl Window {
    pub fn new(first: usize, step: usize, fill: usize) -> Window {
        Window {
            shown: RwSignal::new(first),
            restarts: RwSignal::new(0),
            scroller: StoredValue::new_local(None),
            to_top: StoredValue::new(false),
            first,
            step,
            fill,
            most: usize::MAX,
        }
    }

    /// A window that never draws more than `most` rows (a board column links to the rest).
    pub fn up_to(self, most: usize) -> Window {
        Window { most, ..self }
    }

    /// Draw `by` more of `total` rows (if any are left); whether it did. Safe to call after the
    /// list is gone (a late timer).
    fn grow(&self, total: usize, by: usize) -> bool {
        let Some(now) = self.shown.try_get_untracked() else { return false };
        let next = now.saturating_add(by).min(total.max(self.first)).min(self.most.max(self.first));
        if next > now {
            self.shown.try_set(next);
        }
        next > now
    }

    /// Draw the next `step` rows of `total` ("Xem thêm", or the list's end in sight).
    pub fn more(&self, total: usize) -> bool {
        self.grow(total, self.step)
    }

    /// Back to the first rows: the list shows something else (a new filter), and starts at its top,
    /// scrolled there in the next frame before the browser looks at where the list's end is (not
    /// at once: scrolling now made the browser lay out the half-changed list in every keystroke).
    pub fn reset(&self) {
        if self.shown.try_get_untracked().is_some_and(|n| n != self.first) {
            self.shown.set(self.first);
        }
        self.restarts.try_update(|n| *n += 1);
        if let Some(Some(scroller)) = self.scroller.try_get_value() {
            self.to_top.set_value(true);
            let to_top = self.to_top;
            super::state::next_frame(move || {
                if scroller.scroll_top() != 0 {
                    scroller.set_scroll_top(0);
                }
                to_top.try_set_value(false);
            });
        }
    }

    /// Start again from the top whenever the address's filter or date changes: another list.
    pub fn restart_with_filter(self, route: RwSignal<dondoc::route::Route>) -> Window {
        let filter = Memo::new(move |_| route.with(|r| (r.filter.clone(), r.as_of)));
        Effect::new(move |_| {
            // Read, not only tracked: a memo never read is never worked out, nor told of changes.
            filter.with(|_| ());
            self.reset();
        });
        self
    }

    /// Rows not drawn of `total` (for "Xem thêm").
    pub fn left(&self, total: usize) -> usize {
        total.min(self.most).saturating_sub(self.shown.get())
    }
}

fn window_is_printing() -> bool {
    window().match_media("print").ok().flatten().is_some_and(|m| m.matches())
}

/// The marker after a windowed list's last row: draws more rows while it is within `NEAR_PX` pixels
/// below what is in view (once the list has its first `fill` rows), and every row (up to
/// [`PRINT_LIMIT`]) before printing. `scroller` names
/// the box the list scrolls in (a selector of an ancestor), when it is not the page.
#[component]
pub fn WindowEnd(window: Window, #[prop(into)] total: Signal<usize>, #[prop(optional)] scroller: Option<&'static str>) -> impl IntoView {
    /// How far below what is in view the list's end counts as near, in CSS pixels.
    const NEAR_PX: f64 = 1200.0;
    let marker = NodeRef::<leptos::html::Div>::new();
    // The observer and its callback, dropped when the list goes.
    type Watch = (web_sys::IntersectionObserver, Closure<dyn Fn(js_sys::Array)>);
    let observer = StoredValue::new_local(None::<Watch>);
    Effect::new(move |_| {
        let Some(el) = marker.get() else { return };
        if observer.with_value(Option::is_some) {
            return;
        }
        let grow = Closure::<dyn Fn(js_sys::Array)>::new(move |_entries: js_sys::Array| {
            // On paper the list is as long as printing made it (a box that scrolls on screen
            // does not on paper, and its end would seem always near).
            if window_is_printing() {
                return;
            }
            // Where the end is now, not when the observer looked (the list may have changed since);
            // nothing while the list goes back to its top (its end seems near until it has).
            if window.to_top.try_get_value() != Some(false) {
                return;
            }
            // Below its fill the list grows once it has stayed unchanged (the effect below), not
            // now: drawing more after every keystroke of a search would only be drawn again.
            let total_now = total.try_get_untracked().unwrap_or(0);
            if window.shown.try_get_untracked().is_some_and(|n| n < window.fill.min(total_now)) {
                return;
            }
            let Some(end) = marker.get_untracked() else { return };
            let bottom = match window.scroller.try_get_value().flatten() {
                Some(scroller) => scroller.get_bounding_client_rect().bottom(),
                None => leptos::prelude::window().inner_height().ok().and_then(|h| h.as_f64()).unwrap_or(0.0),
            };
            if end.get_bounding_client_rect().top() <= bottom + NEAR_PX {
                window.more(total_now);
            }
        });
        let options = web_sys::IntersectionObserverInit::new();
        options.set_root_margin(&format!("0px 0px {NEAR_PX}px 0px"));
        if let Some(root) = scroller.and_then(|s| el.closest(s).ok().flatten()) {
            options.set_root(Some(&root));
            window.scroller.set_value(Some(root));
        }
        // Without IntersectionObserver (very old browsers) "Xem thêm" still draws more.
        if let Ok(o) = web_sys::IntersectionObserver::new_with_options(grow.as_ref().unchecked_ref(), &options) {
            o.observe(&el);
            observer.set_value(Some((o, grow)));
        }
    });
    // After the window grew, look again: an observer reports only changes, and a marker still
    // near the screen (rows shorter than the margin) would otherwise stop the growth. Below
    // `fill`, draw the next rows: once the list has stayed as it is for a moment (not between
    // keystrokes of a search), then a frame at a time. A timer finding the list grown or started
    // again since does nothing.
    Effect::new(move |_| {
        let (shown, restarts) = (window.shown.get(), window.restarts.get());
        if shown < window.fill.min(total.get()) {
            let next = move || {
                if window.shown.try_get_untracked() == Some(shown) && window.restarts.try_get_untracked() == Some(restarts) {
                    // Up to `fill` exactly, whatever `first` divides it into.
                    window.grow(total.try_get_untracked().unwrap_or(0).min(window.fill), window.first);
                }
            };
            if shown <= window.first {
                set_timeout(next, std::time::Duration::from_millis(QUIET_MS));
            } else {
                super::state::after_paint(next);
            }
        }
        if let Some(el) = marker.get_untracked() {
            observer.with_value(|o| {
                if let Some((o, _)) = o {
                    o.unobserve(&el);
                    o.observe(&el);
                }
            });
        }
    });
    let printing = window_event_listener_untyped("beforeprint", move |_| {
        let all = total.try_get_untracked().unwrap_or(0).min(PRINT_LIMIT).min(window.most);
        if window.shown.try_get_untracked().is_some_and(|n| all > n) {
            window.shown.set(all);
        }
    });
    on_cleanup(move || {
        printing.remove();
        observer.update_value(|o| {
            if let Some((o, _)) = o.take() {
                o.disconnect();
            }
        });
    });
    view! { <div class="window-end" node_ref=marker aria-hidden="true"></div> }
}

/// Under a windowed list: *Xem thêm (n nhiệm vụ nữa)* while rows are left to draw (for the
/// keyboard, and browsers without `IntersectionObserver`), and on paper, when printing drew only
/// the first [`PRINT_LIMIT`], a line saying so.
#[component]
pub fn MoreRows(window: Window, #[prop(into)] total: Signal<usize>) -> impl IntoView {
    let t = dondoc::i18n::texts();
    let left = move || window.left(total.get());
    view! {
        <Show when=move || { left() > 0 }>
            <button class="btn show-more" on:click=move |_| { window.more(total.get_untracked()); }>
                {move || (t.show_more)(left())}
            </button>
            <p class="print-only">{move || (t.print_capped)(window.shown.get(), total.get())}</p>
        </Show>
    }
}
