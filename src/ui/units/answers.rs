//! Who has answered: each unit's state (list sent and awaited, late, sent back) for the unit
//! table, the tally above it, and the unit page's record of lists, reminders and replies. The
//! state itself comes from one pure function, `domain::exchange::answer`.

use chrono::NaiveDate;
use leptos::prelude::*;

use super::super::Workspace;
use dondoc::domain::exchange::newest_first;
use dondoc::domain::{answer, format_date, Answer, UnitId};
use dondoc::i18n::{texts, thousands};

/// The class that colours a state: late in red, waiting in amber, answered in green.
pub fn answer_class(a: &Answer) -> &'static str {
    match a {
        Answer::Late { .. } => "answer answer-late",
        Answer::Waiting { .. } => "answer answer-waiting",
        Answer::Answered { .. } => "answer answer-done",
        Answer::NotAsked => "answer muted",
    }
}

/// The unit table's cell.
pub fn answer_cell(a: Answer) -> impl IntoView {
    view! { <td class=answer_class(&a) data-col="answer">{(texts().units.answer)(&a)}</td> }
}

/// How many units have sent their list back, are awaited, are late, were never sent one.
#[component]
pub fn AnswerTally(#[prop(into)] as_of: Signal<NaiveDate>) -> impl IntoView {
    let ws = expect_context::<Workspace>();
    let tally = move || {
        let day = as_of.get();
        ws.units.with(|units| {
            let mut n = [0usize; 4];
            for u in units.units() {
                n[match answer(&u.exchanges, day) {
                    Answer::Answered { .. } => 0,
                    Answer::Waiting { .. } => 1,
                    Answer::Late { .. } => 2,
                    Answer::NotAsked => 3,
                }] += 1;
            }
            n
        })
    };
    view! {
        <Show when=move || { let n = tally(); n[0] + n[1] + n[2] > 0 }>
            <p class="answer-tally" data-testid="answer-tally">{move || { let n = tally(); (texts().units.answer_tally)(n[0], n[1], n[2], n[3]) }}</p>
        </Show>
    }
}

/// The unit page's record: what was sent to the unit and what came back, newest first.
#[component]
pub fn Exchanges(id: UnitId, #[prop(into)] as_of: Signal<NaiveDate>) -> impl IntoView {
    let ut = &texts().units;
    let ws = expect_context::<Workspace>();
    let log = Memo::new(move |_| ws.units.with(|u| u.get(&id).map(|u| u.exchanges.clone()).unwrap_or_default()));
    let state = move || answer(&log.get(), as_of.get());
    view! {
        <section class="card exchanges" data-testid="exchanges">
            <h2>{ut.exchanges_title}</h2>
            <p><span class=move || answer_class(&state())>{move || (ut.answer)(&state())}</span></p>
            {move || {
                let log = log.get();
                if log.is_empty() {
                    return view! { <p class="muted small">{ut.exchanges_none}</p> }.into_any();
                }
                let rows = newest_first(&log)
                    .into_iter()
                    .map(|e| view! {
                        <tr data-kind=format!("{:?}", e.kind)>
                            <td>{format_date(e.on)}</td>
                            <td>{(ut.exchange_kind)(e.kind)}</td>
                            <td class="num">{thousands(e.tasks.len())}</td>
                            <td>{e.reply_by.map(format_date).unwrap_or_default()}</td>
                            <td>{e.document.clone()}</td>
                        </tr>
                    })
                    .collect_view();
                view! {
                    <div class="table-wrap" tabindex="0" role="region" aria-label=ut.exchanges_title>
                        <table class="exchange-log">
                            <thead><tr>
                                <th>{ut.col_date}</th><th>{ut.col_what}</th><th>{ut.col_tasks}</th><th>{ut.col_reply_by}</th><th>{ut.col_document}</th>
                            </tr></thead>
                            <tbody>{rows}</tbody>
                        </table>
                    </div>
                }.into_any()
            }}
        </section>
    }
}
