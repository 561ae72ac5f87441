//! What the views show for the current address: the tasks passing the filter, with their
//! statuses, in chasing order, and their counts. Each task's folded search text is kept by the
//! workspace (`query::search`), folded while the page is idle and again only when the task changes.

use leptos::prelude::*;

use super::state::today;
use super::Workspace;
use dondoc::domain::UnitId;
use dondoc::query::{chase_order, passing, rechase, BucketCounts, Ranked};
use dondoc::route::Route;

#[derive(Clone, Copy)]
pub struct Listing {
    pub ranked: Memo<Vec<Ranked>>,
    pub counts: Memo<BucketCounts>,
    /// The counts per status of the tasks the filter shows when its status is left out: the
    /// coloured chips keep the whole breakdown while one of them filters.
    pub breakdown: Memo<BucketCounts>,
    /// The ids of the tasks shown, in chasing order.
    pub ids: Memo<Vec<dondoc::domain::TaskId>>,
}

/// The filtered tasks of the current address; `unit` narrows them to one unit (the unit page).
pub fn use_listing(unit: Option<UnitId>) -> Listing {
    let ws = expect_context::<Workspace>();
    let route = expect_context::<RwSignal<Route>>();
    let as_of = Memo::new(move |_| route.with(|r| r.as_of).unwrap_or_else(today));
    let searching = Memo::new(move |_| route.with(|r| !r.filter.text.trim().is_empty()));
    let search_texts = Memo::new(move |_| {
        if searching.get() {
            ws.units.with(|units| {
                ws.tasks.with(|ts| {
                    let mut texts = Vec::new();
                    ws.search.update_value(|cache| texts = cache.texts(ts, units));
                    texts
                })
            })
        } else {
            Vec::new()
        }
    });
    let filter = Memo::new(move |_| {
        let mut filter = route.with(|r| r.filter.clone());
        if unit.is_some() {
            filter.unit = unit.clone();
        }
        filter
    });
    // Every task in chasing order, with its status: derived and sorted when the tasks, the date or
    // the rules change, not when the filter does; after an edit in place (a card moved) only the
    // edited tasks are put back in order, if this order saw every change before it.
    let seen = StoredValue::new(None::<(u64, chrono::NaiveDate, dondoc::domain::StatusRules)>);
    let chased = Memo::new(move |prev: Option<&Vec<Ranked>>| {
        let (day, rules) = (as_of.get(), ws.rules.get());
        let edits = ws.edits.get_value();
        let last = seen.get_value();
        seen.set_value(Some((edits.count, day, rules)));
        ws.tasks.with(|tasks| match (prev, last, &edits.in_place) {
            (Some(prev), Some((count, d, r)), Some(changed)) if count + 1 == edits.count && d == day && r == rules => {
                let mut order = prev.clone();
                rechase(&mut order, tasks, changed, day, rules);
                order
            }
            _ => chase_order(tasks, day, rules),
        })
    });
    let ranked = Memo::new(move |_| {
        filter.with(|filter| ws.tasks.with(|tasks| chased.with(|chased| search_texts.with(|texts| passing(tasks, chased, texts, filter)))))
    });
    let counts = Memo::new(move |_| ranked.with(|r| BucketCounts::of(r)));
    let breakdown = Memo::new(move |_| {
        if filter.with(|f| f.status.is_none()) {
            return counts.get();
        }
        let mut all = filter.get();
        all.status = None;
        ws.tasks.with(|tasks| chased.with(|chased| search_texts.with(|texts| BucketCounts::of(&passing(tasks, chased, texts, &all)))))
    });
    let ids = Memo::new(move |_| ranked.with(|r| ws.tasks.with(|tasks| r.iter().filter_map(|x| tasks.get(x.index).map(|t| t.id.clone())).collect())));
    Listing { ranked, counts, breakdown, ids }
}
