//! The report page: choose the period and which tasks count, see the summary per unit and the
//! overdue list, then download the same figures as the official annex.

use chrono::Datelike;
use leptos::prelude::*;

use leptos::task::spawn_local;

use super::export::{download, XLSX};
use super::worker::write_in_worker;
use dondoc::export::request::WriteRequest;
use super::notices::NoticeKind;
use super::state::today;
use super::word_dialog::{WordDialog, WordJob};
use super::Workspace;
use dondoc::domain::vn_date::{format_date, parse_date};
use dondoc::export::report_xlsx::{age_text, basis_text, SUMMARY_HEADERS};
use dondoc::i18n::texts;
use dondoc::report::monthly::{report_against, Basis, ReportPeriod, RowKind};
use dondoc::route::Route;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Month,
    Quarter,
    Half,
    Year,
    Dates,
}

#[component]
pub fn ReportPage() -> impl IntoView {
    let t = texts();
    let et = &t.export;
    let ws = expect_context::<Workspace>();
    let route = expect_context::<RwSignal<Route>>();
    let as_of = Memo::new(move |_| route.with(|r| r.as_of).unwrap_or_else(today));
    let start = as_of.get_untracked();
    let kind = RwSignal::new(Kind::Month);
    let year = RwSignal::new(start.year());
    let month = RwSignal::new(start.month());
    let quarter = RwSignal::new((start.month() - 1) / 3 + 1);
    let second_half = RwSignal::new(start.month() > 6);
    let from = RwSignal::new(format_date(start.with_day(1).expect("day 1")));
    let to = RwSignal::new(format_date(start));
    let basis = RwSignal::new(dondoc::store::prefs::report_basis());
    let period = Memo::new(move |_| match kind.get() {
        Kind::Month => ReportPeriod::Month { year: year.get(), month: month.get() },
        Kind::Quarter => ReportPeriod::Quarter { year: year.get(), quarter: quarter.get() },
        Kind::Half => ReportPeriod::Half { year: year.get(), second: second_half.get() },
        Kind::Year => ReportPeriod::Year { year: year.get() },
        Kind::Dates => {
            let f = parse_date(&from.get()).unwrap_or(start);
            let t = parse_date(&to.get()).unwrap_or(start);
            ReportPeriod::Dates { from: f, to: t }
        }
    });
    // A strict report counts against each task's first deadline, extensions aside.
    let against_first = RwSignal::new(false);
    let made = Memo::new(move |_| {
        ws.tasks.with(|tasks| ws.units.with(|units| report_against(tasks, units, period.get(), basis.get(), as_of.get(), ws.rules.get(), against_first.get())))
    });
    // The annex is written in the file worker.
    let writing = RwSignal::new(false);
    let save = move |_| {
        let report = made.get_untracked();
        let name = format!("Bao-cao-{}.xlsx", report.period.slug());
        // The office that issues the report, once it has been given for a Word document.
        let request = WriteRequest::Annex { report, head: dondoc::store::prefs::letterhead() };
        writing.set(true);
        spawn_local(async move {
            let written = write_in_worker(&request).await;
            writing.set(false);
            match written {
                Ok(bytes) if download(&bytes, &name, XLSX) => ws.notices.push(NoticeKind::Info, (et.made)(&name), None),
                Ok(_) => ws.notices.push(NoticeKind::Error, et.failed, None),
                Err(why) => ws.notices.push(NoticeKind::Error, (et.failed_because)(&why), None),
            }
        });
    };
    let word = RwSignal::new(false);
    let number = |v: String| v.trim().parse::<u32>().ok();
    let kinds = [(Kind::Month, et.period_month), (Kind::Quarter, et.period_quarter), (Kind::Half, et.period_half), (Kind::Year, et.period_year), (Kind::Dates, et.period_dates)];
    view! {
        <section class="list-head">
            <div class="list-title"><h1>{et.report_title}</h1></div>
            <button class="btn btn-primary" disabled=move || writing.get() aria-busy=move || writing.get().then_some("true") on:click=save>
                {move || if writing.get() { et.writing } else { et.download_report }}
            </button>
            <button class="btn" on:click=move |_| word.set(true)>{t.word.report}</button>
        </section>
        <Show when=move || word.get()>
            <WordDialog job=WordJob::Report(made.get_untracked()) on_close=move || word.set(false) />
        </Show>
        <section class="card report-controls">
            <div class="segmented" role="group" aria-label=et.period>
                <span class="muted">{et.period}":"</span>
                {kinds.into_iter().map(|(k, label)| view! {
                    <button class="btn btn-small" aria-pressed=move || (kind.get() == k).to_string() on:click=move |_| kind.set(k)>{label}</button>
                }).collect_view()}
            </div>
            <div class="report-fields">
                <Show when=move || kind.get() != Kind::Dates>
                    <label class="field-inline">{et.year}
                        <input type="number" class="num-input" aria-label=et.year prop:value=move || year.get().to_string()
                            on:change=move |ev| match number(event_target_value(&ev)).map(|y| y as i32).filter(|y| ReportPeriod::YEARS.contains(y)) {
                                Some(y) => year.set(y),
                                None => {
                                    ws.notices.push(NoticeKind::Warning, et.year_out_of_range, None);
                                    // The box shows the year the report is still about.
                                    year.set(year.get_untracked());
                                }
                            } />
                    </label>
                </Show>
                <Show when=move || kind.get() == Kind::Month>
                    <label class="field-inline">{et.month}
                        <select aria-label=et.month on:change=move |ev| if let Some(m) = number(event_target_value(&ev)) { month.set(m) }>
                            {(1..=12u32).map(|m| view! { <option value=m.to_string() selected=move || month.get() == m>{format!("{m:02}")}</option> }).collect_view()}
                        </select>
                    </label>
                </Show>
                <Show when=move || kind.get() == Kind::Quarter>
                    <label class="field-inline">{et.quarter}
                        <select aria-label=et.quarter on:change=move |ev| if let Some(q) = number(event_target_value(&ev)) { quarter.set(q) }>
                            {["I", "II", "III", "IV"].iter().enumerate().map(|(i, r)| {
                                let q = i as u32 + 1;
                                view! { <option value=q.to_string() selected=move || quarter.get() == q>{*r}</option> }
                            }).collect_view()}
                        </select>
                    </label>
                </Show>
                <Show when=move || kind.get() == Kind::Half>
                    <select aria-label=et.period_half on:change=move |ev| second_half.set(event_target_value(&ev) == "2")>
                        <option value="1" selected=move || !second_half.get()>{et.half_first}</option>
                        <option value="2" selected=move || second_half.get()>{et.half_second}</option>
                    </select>
                </Show>
                <Show when=move || kind.get() == Kind::Dates>
                    <label class="field-inline">{et.from}<input type="text" class="date-input" aria-label=et.from prop:value=move || from.get() on:change=move |ev| from.set(event_target_value(&ev)) /></label>
                    <label class="field-inline">{et.to}<input type="text" class="date-input" aria-label=et.to prop:value=move || to.get() on:change=move |ev| to.set(event_target_value(&ev)) /></label>
                </Show>
                <label class="field-inline">{et.basis}
                    <select aria-label=et.basis on:change=move |ev| if let Some(b) = Basis::from_code(&event_target_value(&ev)) {
                        basis.set(b);
                        // Remembered for next time; a browser that refuses only loses the convenience.
                        let _ = dondoc::store::prefs::set_report_basis(b);
                    }>
                        {Basis::ALL.into_iter().map(|b| view! { <option value=b.code() selected=move || basis.get() == b>{(et.basis_name)(b)}</option> }).collect_view()}
                    </select>
                </label>
                <label class="field-inline">
                    <input type="checkbox" prop:checked=move || against_first.get() on:change=move |ev| against_first.set(event_target_checked(&ev)) />
                    {et.against_first}
                </label>
                <span class="field-inline">{t.as_of}": "<strong>{move || format_date(as_of.get())}</strong></span>
            </div>
        </section>
        <section class="card report-sheet" data-testid="report">
            <h2>{move || (et.report_heading)(&period.get().label())}</h2>
            <p class="muted">{move || (et.report_as_of)(&format_date(as_of.get()), basis_text(basis.get()))}</p>
            <div class="table-wrap" tabindex="0" role="region" aria-label=t.table_region>
                <table class="units report">
                    <thead><tr><th>"TT"</th><th>{t.units.col_unit}</th>{SUMMARY_HEADERS.iter().map(|h| view! { <th>{*h}</th> }).collect_view()}</tr></thead>
                    <tbody>
                        {move || {
                            let mut n = 0;
                            made.with(|r| r.rows.iter().map(|row| {
                                let strong = !matches!(row.kind, RowKind::Unit(_));
                                let tt = if strong { String::new() } else { n += 1; n.to_string() };
                                let [total, on_time, late, undated, in_time, overdue, no_deadline] = row.summary.report_figures();
                                let (rate, note) = (row.summary.rate_text(), row.summary.rate_note());
                                view! {
                                    <tr class:subtotal=strong data-row=row.label.clone()>
                                        <td class="num">{tt}</td>
                                        <td>{row.label.clone()}</td>
                                        <td class="num" data-col="total">{total}</td>
                                        <td class="num" data-col="on-time">{on_time}</td>
                                        <td class="num" data-col="late">{late}</td>
                                        <td class="num" data-col="undated" class:warn=undated != 0>{undated}</td>
                                        <td class="num" data-col="in-time">{in_time}</td>
                                        <td class="num" data-col="overdue" class:hot=overdue != 0>{overdue}</td>
                                        <td class="num" data-col="no-deadline">{no_deadline}</td>
                                        <td class="num rate" data-col="rate">{rate}</td>
                                        <td class="muted">{note}</td>
                                    </tr>
                                }
                            }).collect_view())
                        }}
                    </tbody>
                </table>
            </div>
            {move || made.with(|r| (r.extended > 0).then(|| view! { <p class="muted" data-testid="extended">{(et.extended)(r.extended, r.against_first)}</p> }))}
            {move || made.with(|r| (r.without_date > 0).then(|| view! { <p class="left-out" data-testid="left-out">{(et.without_date)(r.without_date, dondoc::vocabulary::basis_needs(r.basis))}</p> }))}
            <h3>{et.overdue_list}</h3>
            {move || made.with(|r| if r.overdue.is_empty() {
                view! { <p class="muted">{et.no_overdue}</p> }.into_any()
            } else {
                view! {
                    <table class="plain overdue">
                        <thead><tr><th>"TT"</th><th>{t.col_content}</th><th>{t.col_unit}</th><th>{t.col_deadline}</th><th>"Số ngày quá hạn"</th><th>"Nhóm"</th></tr></thead>
                        <tbody>{r.overdue.iter().enumerate().map(|(i, o)| view! {
                            <tr><td class="num">{i + 1}</td><td>{o.content.clone()}</td><td>{o.unit.clone()}</td><td>{format_date(o.deadline)}</td><td class="num">{o.days}</td><td>{age_text(o.age)}</td></tr>
                        }).collect_view()}</tbody>
                    </table>
                }.into_any()
            })}
        </section>
    }
}
