//! The filter bar every view shares: unit, leader, source document, status, deadline range,
//! free text and the as-of date, all kept in the page address.

use leptos::prelude::*;

use super::state::today;
use super::{navigate, Workspace};
use dondoc::domain::vn_date::{format_date, parse_date};
use dondoc::domain::{Bucket, UnitId, UnitKind};
use dondoc::i18n::texts;
use dondoc::query::{Filter, StatusFilter};
use dondoc::route::{self, status_code, status_from_code, Route};

/// Change the filter in the address (a new history entry, so Back undoes it).
pub fn set_filter(route: RwSignal<Route>, change: impl FnOnce(&mut Filter)) {
    let mut r = route.get_untracked();
    change(&mut r.filter);
    navigate(&r);
}

/// A choice in a long list (unit, leader, document). Going through a closed select by keyboard
/// fires a change for every option passed; a choice made on its own (the mouse) applies at once,
/// but changes that follow each other quickly apply only when the select rests, so a 10,000-task
/// view is not refiltered (nor a history entry made) per option.
fn set_filter_soon(route: RwSignal<Route>, pending: StoredValue<(u32, f64)>, change: impl FnOnce(&mut Filter) + 'static) {
    let (turn, last) = pending.get_value();
    let now = js_sys::Date::now();
    let turn = turn.wrapping_add(1);
    pending.set_value((turn, now));
    if now - last >= SETTLE_MS as f64 {
        return set_filter(route, change);
    }
    set_timeout(
        move || {
            if pending.get_value().0 == turn {
                set_filter(route, change);
            }
        },
        std::time::Duration::from_millis(SETTLE_MS),
    );
}

/// How long a select must rest on an option before the filter follows it.
const SETTLE_MS: u64 = 350;

/// Change the search text at once; the address follows once typing rests, in place (no history
/// entry per keystroke): writing the address took 3–4 ms of every keystroke's frame.
fn set_text(route: RwSignal<Route>, typing: StoredValue<u32>, text: String) {
    let mut r = route.get_untracked();
    r.filter.text = text;
    route.set(r);
    let turn = typing.get_value().wrapping_add(1);
    typing.set_value(turn);
    set_timeout(
        move || {
            // Not if typed again since, or if the filter bar has gone (another page is shown).
            if typing.try_get_value() == Some(turn) {
                let address = route::to_hash(&route.get_untracked());
                let _ = window().history().and_then(|h| h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&address)));
            }
        },
        std::time::Duration::from_millis(SETTLE_MS),
    );
}

const STATUS_ORDER: [StatusFilter; 8] = [
    StatusFilter::Bucket(Bucket::Overdue),
    StatusFilter::DueSoon,
    StatusFilter::Bucket(Bucket::InProgressInTime),
    StatusFilter::Bucket(Bucket::InProgressNoDeadline),
    StatusFilter::Bucket(Bucket::DoneOnTime),
    StatusFilter::Bucket(Bucket::DoneLate),
    StatusFilter::Bucket(Bucket::DoneUndated),
    StatusFilter::Bucket(Bucket::DoneNoDeadline),
];

fn status_label(s: StatusFilter) -> &'static str {
    match s {
        StatusFilter::Bucket(b) => (texts().bucket)(b),
        StatusFilter::DueSoon => texts().due_soon_label,
    }
}

#[component]
fn DateField(label: &'static str, id: &'static str, value: Signal<Option<chrono::NaiveDate>>, set: Callback<Option<chrono::NaiveDate>>) -> impl IntoView {
    let t = texts();
    let invalid = RwSignal::new(false);
    // A date set from elsewhere (Hôm nay, Back) replaces whatever was mistyped.
    Effect::new(move |_| {
        value.track();
        invalid.set(false);
    });
    view! {
        <label class="field-inline" for=id>
            <span>{label}</span>
            <input
                id=id
                type="text"
                inputmode="numeric"
                placeholder=t.as_of_placeholder
                class="date-input"
                class:invalid=move || invalid.get()
                prop:value=move || value.get().map(format_date).unwrap_or_default()
                on:change=move |ev| {
                    let text = event_target_value(&ev);
                    if text.trim().is_empty() {
                        invalid.set(false);
                        set.run(None);
                    } else if let Some(d) = parse_date(&text) {
                        invalid.set(false);
                        set.run(Some(d));
                    } else {
                        invalid.set(true);
                    }
                }
            />
        </label>
        <Show when=move || invalid.get()>
            <span class="field-error" role="alert">{t.as_of_invalid}</span>
        </Show>
    }
}

#[component]
pub fn FilterBar(
    /// Hide the unit selector (the unit page filters by its own unit).
    #[prop(optional)]
    fixed_unit: bool,
) -> impl IntoView {
    let t = texts();
    let ft = &t.filter;
    let ws = expect_context::<Workspace>();
    let route = expect_context::<RwSignal<Route>>();
    let filter = Memo::new(move |_| route.with(|r| r.filter.clone()));
    let (leaders, sources) = (ws.leaders, ws.sources);
    let unit_options = move |kind: UnitKind| {
        ws.units.with(|u| {
            u.ordered()
                .into_iter()
                .filter(|u| u.kind == kind)
                .map(|u| {
                    let id = u.id.0.clone();
                    let selected = filter.with(|f| f.unit.as_ref().map(|x| x.0.as_str()) == Some(id.as_str()));
                    view! { <option value=id selected=selected>{u.name.clone()}</option> }
                })
                .collect_view()
        })
    };
    let choice = move |values: ReadSignal<Vec<String>>, current: fn(&Filter) -> Option<String>| {
        move || {
            let now = filter.with(current);
            values
                .get()
                .into_iter()
                .map(|v| {
                    let selected = now.as_deref() == Some(v.as_str());
                    let label = v.clone();
                    view! { <option value=v selected=selected>{label}</option> }
                })
                .collect_view()
        }
    };
    let as_of = Signal::derive(move || route.with(|r| r.as_of));
    let pending = StoredValue::new((0u32, 0.0f64));
    let typing = StoredValue::new(0u32);
    view! {
        <div class="filter-area">
        <div class="filters" role="search">
            <Show when=move || !fixed_unit>
                <select
                    aria-label=ft.unit
                    on:change=move |ev| {
                        let v = event_target_value(&ev);
                        set_filter_soon(route, pending, move |f| f.unit = (!v.is_empty()).then(|| UnitId(v)));
                    }
                >
                    <option value="" selected=move || filter.with(|f| f.unit.is_none())>{ft.all_units}</option>
                    <optgroup label=ft.departments>{move || unit_options(UnitKind::Department)}</optgroup>
                    <optgroup label=ft.communes>{move || unit_options(UnitKind::Commune)}</optgroup>
                </select>
            </Show>
            <select
                aria-label=ft.leader
                on:change=move |ev| {
                    let v = event_target_value(&ev);
                    set_filter_soon(route, pending, move |f| f.leader = (!v.is_empty()).then_some(v));
                }
            >
                <option value="" selected=move || filter.with(|f| f.leader.is_none())>{ft.all_leaders}</option>
                {choice(leaders, |f| f.leader.clone())}
            </select>
            <select
                aria-label=ft.source
                on:change=move |ev| {
                    let v = event_target_value(&ev);
                    set_filter_soon(route, pending, move |f| f.source = (!v.is_empty()).then_some(v));
                }
            >
                <option value="" selected=move || filter.with(|f| f.source.is_none())>{ft.all_sources}</option>
                {choice(sources, |f| f.source.clone())}
            </select>
            <select
                aria-label=ft.status
                on:change=move |ev| {
                    let v = event_target_value(&ev);
                    set_filter(route, |f| f.status = status_from_code(&v));
                }
            >
                <option value="" selected=move || filter.with(|f| f.status.is_none())>{ft.all_statuses}</option>
                {STATUS_ORDER
                    .iter()
                    .map(|&s| {
                        view! {
                            <option value=status_code(s) selected=move || filter.with(|f| f.status == Some(s))>
                                {status_label(s)}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
            <DateField
                label=ft.due_from
                id="due-from"
                value=Signal::derive(move || filter.with(|f| f.due_from))
                set=Callback::new(move |d| set_filter(route, |f| f.due_from = d))
            />
            <DateField
                label=ft.due_to
                id="due-to"
                value=Signal::derive(move || filter.with(|f| f.due_to))
                set=Callback::new(move |d| set_filter(route, |f| f.due_to = d))
            />
            <input
                type="search"
                class="search"
                aria-label=ft.search
                placeholder=ft.search_placeholder
                prop:value=move || filter.with(|f| f.text.clone())
                on:input=move |ev| set_text(route, typing, event_target_value(&ev))
            />
            <Show when=move || !filter.with(|f| f.is_empty() || (fixed_unit && *f == Filter { unit: f.unit.clone(), ..Filter::default() }))>
                <button class="btn btn-small" on:click=move |_| set_filter(route, |f| *f = Filter { unit: if fixed_unit { f.unit.clone() } else { None }, ..Filter::default() })>
                    {ft.clear}
                </button>
            </Show>
        </div>
        <div class="asof-row">
            <DateField
                label=t.as_of
                id="as-of"
                value=Signal::derive(move || Some(as_of.get().unwrap_or_else(today)))
                set=Callback::new(move |d: Option<chrono::NaiveDate>| {
                    let mut r = route.get_untracked();
                    r.as_of = d;
                    navigate(&r);
                })
            />
            <button
                class="btn btn-small"
                on:click=move |_| {
                    let mut r = route.get_untracked();
                    r.as_of = None;
                    navigate(&r);
                }
            >
                {t.today}
            </button>
        </div>
        </div>
    }
}
