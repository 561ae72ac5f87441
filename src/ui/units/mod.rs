//! Unit by unit: every unit with the counts of the official buckets and its on-time rate, worst
//! first; and one unit's page, with its tasks as lead and as coordinator, and its details.

mod answers;

use leptos::prelude::*;

use answers::{answer_cell, AnswerTally, Exchanges};

use leptos::task::spawn_local;

use super::export::{download, XLSX};
use super::worker::write_in_worker;
use dondoc::export::request::{OwnedUnitList, WriteRequest};
use super::filter_bar::FilterBar;
use super::notices::NoticeKind;
use super::state::today;
use super::listing::use_listing;
use super::task_list::{bucket_class, task_window, BucketSummary, TaskRows};
use super::window::{MoreRows, WindowEnd};
use super::word_dialog::{WordDialog, WordJob};
use super::{navigate, Workspace};
use dondoc::domain::{Bucket, UnitId, UnitKind};
use dondoc::i18n::texts;
use dondoc::report::{percent, sort_summaries, unit_summaries_of, SummaryOrder, UnitSummary};
use dondoc::route::{to_hash, Page, Route};

/// Columns of the unit table: the buckets in the order of the official report.
const COLUMNS: [Bucket; 7] = Bucket::ALL;

fn rate_text(s: &UnitSummary) -> String {
    let t = &texts().units;
    match s.on_time_rate() {
        Some(r) => format!("{} ({})", percent(r), (t.rate_of)(s.lead.get(Bucket::DoneOnTime), s.judged())),
        None => t.no_rate.to_string(),
    }
}

/// Download one unit's list (the tasks it leads and those it coordinates), or every unit's in a
/// zip: written in the file worker, then each unit is noted as asked for its list back.
fn export_lists(ws: Workspace, route: RwSignal<Route>, only: Option<UnitId>) {
    let et = &texts().export;
    let as_of = route.with_untracked(|r| r.as_of).unwrap_or_else(today);
    let rules = ws.rules.get_untracked();
    let (lists, sent, name) = ws.tasks.with_untracked(|tasks| {
        ws.units.with_untracked(|units| {
            let lists = dondoc::export::unit_list::lists_of(tasks, units, only.as_ref(), as_of, rules);
            let sent = dondoc::export::unit_list::lists_sent(&lists, as_of);
            let name = match (&only, lists.first()) {
                (Some(_), Some(list)) => dondoc::export::unit_list::unit_file_name(list.unit, as_of),
                _ => dondoc::export::file_name("Nhiem-vu-cac-don-vi", as_of, "zip"),
            };
            (lists.iter().map(OwnedUnitList::of).collect::<Vec<_>>(), sent, name)
        })
    });
    let one = only.is_some();
    let request = WriteRequest::UnitLists { lists, units: ws.units.with_untracked(|u| u.units().to_vec()), as_of, one };
    spawn_local(async move {
        match write_in_worker(&request).await {
            Ok(bytes) if download(&bytes, &name, if one { XLSX } else { "application/zip" }) => {
                ws.notices.push(NoticeKind::Info, (et.made)(&name), None);
                ws.record_sent(sent);
            }
            Ok(_) => ws.notices.push(NoticeKind::Error, et.failed, None),
            Err(why) => ws.notices.push(NoticeKind::Error, (et.failed_because)(&why), None),
        }
    });
}

#[component]
pub fn UnitsPage() -> impl IntoView {
    let t = texts();
    let ut = &t.units;
    let ws = expect_context::<Workspace>();
    let route = expect_context::<RwSignal<Route>>();
    let listing = use_listing(None);
    let sort = RwSignal::new((SummaryOrder::Worst, false));
    let summaries = Memo::new(move |_| {
        let mut s = ws.tasks.with(|tasks| {
            listing.ranked.with(|ranked| ws.units.with(|units| unit_summaries_of(ranked.iter().map(|r| (&tasks[r.index], r.status)), units)))
        });
        let (by, reverse) = sort.get();
        ws.units.with(|u| sort_summaries(&mut s, by, u, reverse));
        s
    });
    let header = move |by: SummaryOrder, label: &'static str| {
        let active = move || sort.get().0 == by;
        view! {
            <th class:sorted=active aria-sort=move || if active() { if sort.get().1 { "ascending" } else { "descending" } } else { "none" }>
                <button class="th-sort" on:click=move |_| sort.update(|(b, rev)| { if *b == by { *rev = !*rev } else { *b = by; *rev = false } })>{label}</button>
            </th>
        }
    };
    let section = move |kind: UnitKind| {
        let r = route.get();
        let as_of = r.as_of.unwrap_or_else(today);
        ws.units.with(|units| {
            summaries.with(|all| {
                let rows: Vec<_> = all.iter().filter(|s| units.get(&s.unit).is_some_and(|u| u.kind == kind)).cloned().collect();
                let body = rows
                    .iter()
                    .enumerate()
                    .map(|(i, s)| {
                        let unit = units.get(&s.unit).expect("filtered above");
                        let href = to_hash(&r.with_page(Page::Unit(s.unit.clone())));
                        view! {
                            <tr data-unit=s.unit.0.clone()>
                                <td class="num">{i + 1}</td>
                                <td><a href=href>{unit.name.clone()}</a></td>
                                <td class="num" data-col="total">{s.lead.total}</td>
                                {COLUMNS.iter().map(|b| {
                                    let n = s.lead.get(*b);
                                    let hot = *b == Bucket::Overdue && n != 0;
                                    view! { <td class="num" class:hot=hot data-col=format!("{b:?}")>{n}</td> }
                                }).collect_view()}
                                <td class="num rate" data-col="rate">{rate_text(s)}</td>
                                <td class="num" data-col="coordinating">{s.coordinating}</td>
                                {answer_cell(dondoc::domain::answer(&unit.exchanges, as_of))}
                            </tr>
                        }
                    })
                    .collect_view();
                view! {
                    <tbody>
                        <tr class="group-row"><th colspan="12">{(t.unit_kind)(kind)}" ("{rows.len()}")"</th></tr>
                        {body}
                    </tbody>
                }
            })
        })
    };
    let word = RwSignal::new(false);
    view! {
        <section class="list-head">
            <div class="list-title"><h1>{ut.title}</h1></div>
            <button class="btn btn-small" on:click=move |_| export_lists(ws, route, None)>{t.export.all_unit_lists}</button>
            <button class="btn btn-small" on:click=move |_| word.set(true)>{t.word.all_reminders}</button>
        </section>
        <Show when=move || word.get()>
            <WordDialog job=WordJob::Reminders { only: None, as_of: route.with_untracked(|r| r.as_of).unwrap_or_else(today) } on_close=move || word.set(false) />
        </Show>
        <AddUnit />
        <FilterBar />
        <BucketSummary listing=listing />
        <p class="muted small">{ut.intro}" "{ut.sort_hint}"."</p>
        <AnswerTally as_of=Signal::derive(move || route.with(|r| r.as_of).unwrap_or_else(today)) />
        <div class="table-wrap">
            <table class="units">
                <thead>
                    <tr>
                        {header(SummaryOrder::Worst, "TT")}
                        {header(SummaryOrder::Name, ut.col_unit)}
                        {header(SummaryOrder::Total, ut.col_total)}
                        {COLUMNS.iter().map(|b| header(SummaryOrder::Bucket(*b), (t.bucket)(*b))).collect_view()}
                        {header(SummaryOrder::Rate, ut.col_rate)}
                        <th>{ut.col_coordinating}</th>
                        <th>{ut.col_answer}</th>
                    </tr>
                </thead>
                {move || section(UnitKind::Department)}
                {move || section(UnitKind::Commune)}
            </table>
        </div>
    }
}

/// Add a unit by hand (an empty workspace has none until a file or a directive brings some).
#[component]
fn AddUnit() -> impl IntoView {
    let t = texts();
    let ut = &t.units;
    let ws = expect_context::<Workspace>();
    let name = RwSignal::new(String::new());
    let kind = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let k = match kind.get_untracked().as_str() {
            "department" => Some(UnitKind::Department),
            "commune" => Some(UnitKind::Commune),
            _ => None,
        };
        match ws.add_unit(&name.get_untracked(), k) {
            Ok(()) => {
                name.set(String::new());
                error.set(None);
            }
            Err(e) => error.set(Some(e)),
        }
    };
    view! {
        <form class="add-unit" on:submit=add>
            <label class="field-inline" for="new-unit">
                <span>{ut.add_unit}</span>
                <input id="new-unit" type="text" placeholder=ut.add_unit_placeholder prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev)) />
            </label>
            <select aria-label=ut.kind on:change=move |ev| kind.set(event_target_value(&ev))>
                <option value="">{ut.kind_auto}</option>
                <option value="department">{(t.unit_kind)(UnitKind::Department)}</option>
                <option value="commune">{(t.unit_kind)(UnitKind::Commune)}</option>
            </select>
            <button class="btn btn-small" type="submit" disabled=move || !ws.can_change()>{ut.add_unit_button}</button>
            {move || error.get().map(|e| view! { <span class="field-error" role="alert">{e}</span> })}
        </form>
    }
}

#[component]
pub fn UnitPage(id: UnitId) -> impl IntoView {
    let t = texts();
    let ut = &t.units;
    let ws = expect_context::<Workspace>();
    let route = expect_context::<RwSignal<Route>>();
    let exists = { let id = id.clone(); Memo::new(move |_| ws.units.with(|u| u.get(&id).is_some())) };
    if !exists.get_untracked() {
        return view! { <section class="card narrow"><p>{ut.not_found}</p><a class="btn" href="#/don-vi">{ut.title}</a></section> }.into_any();
    }
    let unit = { let id = id.clone(); Memo::new(move |_| ws.units.with(|u| u.get(&id).cloned())) };
    let listing = use_listing(Some(id.clone()));
    let name = RwSignal::new(unit.get_untracked().map(|u| u.name).unwrap_or_default());
    let order = RwSignal::new(unit.get_untracked().map(|u| u.order.to_string()).unwrap_or_default());
    let merge_target = RwSignal::new(String::new());
    let confirming_merge = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let report = move |r: Result<(), String>| error.set(r.err());

    // The unit's tasks as lead, and as coordinator, each drawn a window at a time like the list.
    let part = |as_lead: bool| {
        let id = id.clone();
        Memo::new(move |_| {
            listing.ranked.with(|ranked| {
                ws.tasks.with(|tasks| ranked.iter().filter(|rk| tasks.get(rk.index).is_some_and(|t| (t.lead_unit.as_ref() == Some(&id)) == as_lead)).copied().collect::<Vec<_>>())
            })
        })
    };
    let table = move |rows: Memo<Vec<dondoc::query::Ranked>>| {
        let window = task_window(route);
        let total = Signal::derive(move || rows.with(Vec::len));
        view! {
            <div class="table-wrap">
                <table class="tasks">
                    <thead><tr>
                        <th class="c-num">{t.col_number}</th><th class="c-content">{t.col_content}</th><th class="c-unit">{t.col_unit}</th>
                        <th class="c-deadline">{t.col_deadline}</th><th class="c-progress">{t.col_progress}</th><th class="c-status">{t.col_status}</th>
                    </tr></thead>
                    <tbody><TaskRows ranked=rows window=window /></tbody>
                </table>
                <WindowEnd window=window total=total scroller=".table-wrap" />
            </div>
            <MoreRows window=window total=total />
        }
    };
    let board_href = { let id = id.clone(); move || { let mut r = route.get().with_page(Page::Board); r.filter.unit = Some(id.clone()); to_hash(&r) } };
    let merge_options = {
        let id = id.clone();
        move || ws.units.with(|u| u.ordered().into_iter().filter(|x| x.id != id).map(|x| view! { <option value=x.id.0.clone()>{x.name.clone()}</option> }).collect_view())
    };
    let (id_rename, id_kind, id_order, id_merge, id_word, id_log) = (id.clone(), id.clone(), id.clone(), id.clone(), id.clone(), id.clone());
    let word = RwSignal::new(false);
    view! {
        <section class="list-head">
            <div class="list-title">
                <h1>{move || unit.get().map(|u| u.name).unwrap_or_default()}</h1>
                <span class="count">{move || unit.get().map(|u| (t.unit_kind)(u.kind)).unwrap_or_default()}</span>
            </div>
            <a class="btn" href=board_href>{ut.on_board}</a>
            <button class="btn" on:click={
                let id = id.clone();
                move |_| export_lists(ws, route, Some(id.clone()))
            }>{t.export.unit_list}</button>
            <button class="btn" on:click=move |_| word.set(true)>{t.word.reminder}</button>
        </section>
        <Show when=move || word.get()>
            <WordDialog job=WordJob::Reminders { only: Some(id_word.clone()), as_of: route.with_untracked(|r| r.as_of).unwrap_or_else(today) } on_close=move || word.set(false) />
        </Show>
        <FilterBar fixed_unit=true />
        <BucketSummary listing=listing />
        <h2 class="section-title">{ut.as_lead}</h2>
        {table(part(true))}
        <h2 class="section-title">{ut.as_coordinator}</h2>
        {table(part(false))}
        <Exchanges id=id_log as_of=Signal::derive(move || route.with(|r| r.as_of).unwrap_or_else(today)) />
        <section class="card unit-manage">
            <h2>{ut.manage}</h2>
            <p class="muted small">{ut.aliases}": "{move || unit.get().map(|u| u.aliases.join("; ")).unwrap_or_default()}</p>
            <div class="grid-2">
                <label class="field" for="unit-name">
                    <span class="field-label">{ut.rename}</span>
                    <span class="inline">
                        <input id="unit-name" type="text" prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev)) />
                        <button class="btn" disabled=move || !ws.can_change() on:click=move |_| report(ws.rename_unit(&id_rename, &name.get_untracked()))>{ut.save}</button>
                    </span>
                </label>
                <label class="field" for="unit-kind">
                    <span class="field-label">{ut.kind}</span>
                    <select id="unit-kind" on:change=move |ev| {
                        let kind = if event_target_value(&ev) == "commune" { UnitKind::Commune } else { UnitKind::Department };
                        report(ws.set_unit_kind(&id_kind, kind));
                    }>
                        <option value="department" selected=move || unit.get().is_some_and(|u| u.kind == UnitKind::Department)>{(t.unit_kind)(UnitKind::Department)}</option>
                        <option value="commune" selected=move || unit.get().is_some_and(|u| u.kind == UnitKind::Commune)>{(t.unit_kind)(UnitKind::Commune)}</option>
                    </select>
                </label>
                <label class="field" for="unit-order">
                    <span class="field-label">{ut.order}</span>
                    <span class="inline">
                        <input id="unit-order" type="number" min="1" prop:value=move || order.get() on:input=move |ev| order.set(event_target_value(&ev)) />
                        <button class="btn" disabled=move || !ws.can_change() on:click=move |_| {
                            if let Ok(n) = order.get_untracked().trim().parse::<u32>() { report(ws.set_unit_order(&id_order, n)) }
                        }>{ut.save}</button>
                    </span>
                </label>
                <label class="field" for="unit-merge">
                    <span class="field-label">{ut.merge_into}</span>
                    <span class="inline">
                        <select id="unit-merge" on:change=move |ev| merge_target.set(event_target_value(&ev))>
                            <option value="">{ut.merge_choose}</option>
                            {merge_options}
                        </select>
                        <button class="btn" disabled=move || merge_target.get().is_empty() || !ws.can_change() on:click=move |_| confirming_merge.set(true)>{ut.merge_button}</button>
                    </span>
                </label>
            </div>
            {move || error.get().map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
            <Show when=move || confirming_merge.get()>
                <div class="confirm-inline" role="alert">
                    <p>{move || {
                        let target = ws.units.with(|u| u.get(&UnitId(merge_target.get())).map(|x| x.name.clone()).unwrap_or_default());
                        (ut.merge_confirm)(&unit.get().map(|u| u.name).unwrap_or_default(), &target)
                    }}</p>
                    <button class="btn" on:click=move |_| confirming_merge.set(false)>{t.cancel}</button>
                    <button class="btn btn-danger" on:click={
                        let id_merge = id_merge.clone();
                        move |_| {
                            confirming_merge.set(false);
                            let into = UnitId(merge_target.get_untracked());
                            let result = ws.merge_units(&id_merge, &into);
                            if result.is_ok() {
                                navigate(&route.get_untracked().with_page(Page::Unit(into)));
                            }
                            report(result);
                        }
                    }>{ut.merge_button}</button>
                </div>
            </Show>
        </section>
        <span class="hidden">{bucket_class(Bucket::Overdue)}</span>
    }
    .into_any()
}
