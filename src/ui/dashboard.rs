//! Tổng quan: the chairman's overview page. Draws `report::dashboard` (figures) and
//! `report::charts` (plotters SVG); every figure is a link to the list it counts (the same filter
//! the list page has), or to the unit's page. Prints on A4.

use leptos::prelude::*;

use super::state::today;
use super::Workspace;
use dondoc::domain::{format_date, Bucket};
use dondoc::i18n::{texts, thousands};
use dondoc::query::filter::{Filter, StatusFilter};
use dondoc::report::charts::{trend_svg, unit_rates_svg};
use dondoc::report::dashboard::dashboard;
use dondoc::report::percent;
use dondoc::route::{to_hash, Page, Route};

/// Tasks listed under "due this week" before "và n nhiệm vụ nữa".
const DUE_LISTED: usize = 15;

#[component]
pub fn DashboardPage() -> impl IntoView {
    let t = texts();
    let dt = &t.dashboard;
    let ws = expect_context::<Workspace>();
    let route = expect_context::<RwSignal<Route>>();
    let as_of = Memo::new(move |_| route.with(|r| r.as_of).unwrap_or_else(today));
    let board = Memo::new(move |_| {
        let rules = ws.rules.get();
        ws.tasks.with(|tasks| ws.units.with(|units| dashboard(tasks, units, as_of.get(), rules)))
    });
    // A link to the task list with this filter, at the page's as-of date.
    let list = move |filter: Filter| route.with(|r| to_hash(&Route { page: Page::Tasks, as_of: r.as_of, filter, board: r.board }));
    let status = |b: Bucket| Filter { status: Some(StatusFilter::Bucket(b)), ..Filter::default() };
    let unit_name = move |id: &dondoc::domain::UnitId| ws.units.with_untracked(|u| u.get(id).map(|x| x.name.clone()).unwrap_or_default());

    view! {
        <section class="card dashboard" data-testid="dashboard">
            <div class="dash-head">
                <h2>{move || (dt.heading)(&format_date(as_of.get()))}</h2>
                <button class="btn btn-small no-print" on:click=move |_| { let _ = window().print(); }>{dt.print}</button>
            </div>
            {move || board.with(|b| if b.total == 0 {
                view! { <p class="muted">{dt.empty}</p> }.into_any()
            } else {
                let rate = (b.judged > 0).then(|| percent(b.on_time as f64 / b.judged as f64)).unwrap_or_else(|| "—".into());
                let week = Filter { status: Some(StatusFilter::Bucket(Bucket::InProgressInTime)), due_from: Some(b.as_of), due_to: Some(b.week_end), ..Filter::default() };
                view! {
                    <div class="kpis">
                        <a class="kpi" data-kpi="total" href=list(Filter::default())>
                            <span class="kpi-n">{thousands(b.total)}</span><span class="kpi-label">{dt.total}</span>
                        </a>
                        <a class="kpi kpi-overdue" data-kpi="overdue" href=list(status(Bucket::Overdue))>
                            <span class="kpi-n">{thousands(b.overdue)}</span><span class="kpi-label">{dt.overdue}</span>
                        </a>
                        <a class="kpi" data-kpi="rate" href=list(status(Bucket::DoneOnTime))>
                            <span class="kpi-n">{rate}</span><span class="kpi-label">{dt.rate}</span>
                            <span class="kpi-note">{(dt.rate_of)(b.on_time, b.judged)}</span>
                        </a>
                        <a class="kpi" data-kpi="week" href=list(week)>
                            <span class="kpi-n">{thousands(b.due_this_week.len())}</span><span class="kpi-label">{dt.due_week}</span>
                            <span class="kpi-note">{(dt.due_week_until)(&format_date(b.week_end))}</span>
                        </a>
                        <a class="kpi" data-kpi="undated" href=list(status(Bucket::DoneUndated))>
                            <span class="kpi-n">{thousands(b.undated)}</span><span class="kpi-label">{dt.undated}</span>
                        </a>
                    </div>
                    <h3>{dt.ages_heading}</h3>
                    <div class="kpis ages">
                        {b.ages.iter().zip(b.age_windows).zip(dt.ages).enumerate().map(|(i, ((n, (from, to)), label))| {
                            let filter = Filter { status: Some(StatusFilter::Bucket(Bucket::Overdue)), due_from: from, due_to: Some(to), ..Filter::default() };
                            view! {
                                <a class="kpi" class:kpi-overdue={i == 2 && *n > 0} data-age=i href=list(filter)>
                                    <span class="kpi-n">{thousands(*n)}</span><span class="kpi-label">{label}</span>
                                </a>
                            }
                        }).collect_view()}
                    </div>
                }.into_any()
            })}
        </section>
        {move || board.with(|b| (b.total > 0).then(|| {
            let svg = unit_rates_svg(b, |s| unit_name(&s.unit));
            let rows = b.units.iter().map(|s| {
                let late = s.overdue() > 0;
                let href = route.with(|r| to_hash(&r.with_page(Page::Unit(s.unit.clone()))));
                view! {
                    <tr data-unit=s.unit.0.clone()>
                        <td><a href=href.clone()>{unit_name(&s.unit)}</a></td>
                        <td class="num" data-col="rate">{s.rate_text()}{(!s.rate_note().is_empty()).then(|| view! { <span class="muted">{format!(" ({})", s.rate_note())}</span> })}</td>
                        <td class="num" data-col="overdue" class:hot=late><a href=href>{s.overdue()}</a></td>
                        <td class="num" data-col="total">{s.lead.total}</td>
                    </tr>
                }
            }).collect_view();
            view! {
                <section class="card dashboard-part">
                    <h3>{dt.units_heading}</h3>
                    <p class="muted">{dt.units_hint}</p>
                    <div class="chart" role="img" aria-label=dt.units_heading inner_html=svg></div>
                    <div class="table-wrap" tabindex="0" role="region" aria-label=t.table_region>
                        <table class="plain dash-units">
                            <thead><tr><th>{dt.col_unit}</th><th>{dt.col_rate}</th><th>{dt.col_overdue}</th><th>{dt.col_total}</th></tr></thead>
                            <tbody>{rows}</tbody>
                        </table>
                    </div>
                </section>
            }
        }))}
        {move || board.with(|b| (b.total > 0).then(|| {
            let svg = trend_svg(b);
            let words = [dondoc::vocabulary::bucket(Bucket::DoneOnTime), dondoc::vocabulary::bucket(Bucket::DoneLate), dondoc::vocabulary::bucket(Bucket::Overdue)];
            view! {
                <section class="card dashboard-part">
                    <h3>{dt.trend_heading}</h3>
                    <p class="muted">{dt.trend_hint}</p>
                    <div class="chart" role="img" aria-label=dt.trend_heading inner_html=svg></div>
                    <table class="plain dash-trend">
                        <thead><tr><th>{dt.col_month}</th>{words.map(|w| view! { <th>{w}</th> }).collect_view()}</tr></thead>
                        <tbody>{b.months.iter().map(|m| view! {
                            <tr><td>{m.label()}</td><td class="num">{m.done_on_time}</td><td class="num">{m.done_late}</td><td class="num">{m.overdue}</td></tr>
                        }).collect_view()}</tbody>
                    </table>
                </section>
            }
        }))}
        {move || board.with(|b| (b.total > 0).then(|| {
            let rules = ws.rules.get_untracked();
            let listed = ws.tasks.with_untracked(|tasks| {
                b.due_this_week.iter().take(DUE_LISTED).filter_map(|id| tasks.iter().find(|x| &x.id == id)).map(|task| {
                    let href = route.with(|r| to_hash(&r.with_page(Page::Task(task.id.clone()))));
                    let status = task.status(b.as_of, rules);
                    let unit = task.lead_unit.as_ref().map(|u| unit_name(u)).unwrap_or_default();
                    view! {
                        <li data-id=task.id.0.clone()>
                            <a href=href>{task.content.clone()}</a>
                            " — "{unit}" · "<strong>{task.deadline.due_date().map(format_date).unwrap_or_default()}</strong>
                            " "<span class=super::task_list::badge_class(&status)>{(texts().status_detail)(&status)}</span>
                        </li>
                    }
                }).collect_view()
            });
            let more = b.due_this_week.len().saturating_sub(DUE_LISTED);
            view! {
                <section class="card dashboard-part">
                    <h3>{dt.due_heading}</h3>
                    {if b.due_this_week.is_empty() {
                        view! { <p class="muted">{dt.due_none}</p> }.into_any()
                    } else {
                        view! { <ul class="due-week">{listed}</ul> }.into_any()
                    }}
                    {(more > 0).then(|| view! { <p class="muted">{(dt.more)(more)}</p> })}
                </section>
            }
        }))}
    }
}
