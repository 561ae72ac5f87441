//! Making a Word document: the report of a period, or the reminder dispatch to one unit or to every
//! unit with overdue or due-soon tasks. The dialog asks who issues and signs it (remembered on this
//! browser) and, for reminders, the date by which units must report back; the file is written in
//! the file worker (`worker::write_in_worker`) and downloaded.

use chrono::{Days, NaiveDate};
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::dialog::Modal;
use super::export::download;
use super::worker::write_in_worker;
use super::notices::NoticeKind;
use super::Workspace;
use dondoc::domain::vn_date::{format_date, parse_date};
use dondoc::domain::UnitId;
use dondoc::export::docx::{reminder_file_name, reminders_of, report_file_name, Letterhead};
use dondoc::export::request::WriteRequest;
use dondoc::i18n::texts;
use dondoc::report::monthly::Report;
use dondoc::store::prefs;

const DOCX: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/// What to write.
#[derive(Debug, Clone, PartialEq)]
pub enum WordJob {
    Report(Report),
    /// Reminders for one unit, or (None) for every unit with something to chase.
    Reminders { only: Option<UnitId>, as_of: NaiveDate },
}

/// An office that has never filled the form in: the usual words, the names left to write.
fn blank(day: NaiveDate) -> Letterhead {
    Letterhead {
        superior: "ỦY BAN NHÂN DÂN".into(),
        issuer: String::new(),
        issuer_name: String::new(),
        number_suffix: "UBND-VP".into(),
        number: String::new(),
        place: String::new(),
        date: day,
        signer_role: "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH".into(),
        signer_name: String::new(),
    }
}

#[component]
pub fn WordDialog(job: WordJob, #[prop(into)] on_close: Callback<()>) -> impl IntoView {
    let t = texts();
    let wt = &t.word;
    let ws = expect_context::<Workspace>();
    let day = match &job {
        WordJob::Report(r) => r.as_of,
        WordJob::Reminders { as_of, .. } => *as_of,
    };
    let head = prefs::letterhead().unwrap_or_else(|| blank(day));
    let field = |v: &str| RwSignal::new(v.to_string());
    let (superior, issuer, issuer_name, number_suffix) = (field(&head.superior), field(&head.issuer), field(&head.issuer_name), field(&head.number_suffix));
    let (place, signer_role, signer_name) = (field(&head.place), field(&head.signer_role), field(&head.signer_name));
    let number = RwSignal::new(String::new());
    let reply_by = RwSignal::new(format_date(day.checked_add_days(Days::new(7)).unwrap_or(day)));
    let problem = RwSignal::new(None::<&'static str>);
    let busy = RwSignal::new(false);
    // The reminders' lists, counted now so the dialog says what will be chased.
    let lists = match &job {
        WordJob::Reminders { only, as_of } => {
            let rules = ws.rules.get_untracked();
            ws.tasks.with_untracked(|tasks| {
                ws.units.with_untracked(|units| {
                    reminders_of(tasks, units, only.as_ref(), *as_of, rules)
                        .into_iter()
                        .map(|(u, l)| (u.clone(), l.into_iter().map(|(t, s)| (t.clone(), s)).collect::<Vec<_>>()))
                        .collect::<Vec<_>>()
                })
            })
        }
        WordJob::Report(_) => Vec::new(),
    };
    let reminders = matches!(job, WordJob::Reminders { .. });
    let title = match &job {
        WordJob::Report(_) => wt.title_report.to_string(),
        WordJob::Reminders { only: Some(id), .. } => (wt.title_reminder)(&ws.units.with_untracked(|u| u.get(id).map(|u| u.name.clone()).unwrap_or_default())),
        WordJob::Reminders { only: None, .. } => wt.title_all_reminders.to_string(),
    };
    let summary = reminders.then(|| {
        if lists.is_empty() {
            wt.nothing_to_chase.to_string()
        } else {
            (wt.chased)(lists.len(), lists.iter().map(|(_, l)| l.len()).sum())
        }
    });
    let nothing = reminders && lists.is_empty();
    let one_unit = lists.len() == 1;
    let lists = StoredValue::new(lists);
    let job = StoredValue::new(job);
    let sent = StoredValue::new(Vec::new());
    let make = move |_| {
        if issuer.get_untracked().trim().is_empty() {
            problem.set(Some(wt.issuer_required));
            return;
        }
        let Some(reply) = parse_date(&reply_by.get_untracked()) else {
            problem.set(Some(wt.reply_by_unreadable));
            return;
        };
        problem.set(None);
        let head = Letterhead {
            superior: superior.get_untracked().trim().to_string(),
            issuer: issuer.get_untracked().trim().to_string(),
            issuer_name: issuer_name.get_untracked().trim().to_string(),
            number_suffix: number_suffix.get_untracked().trim().to_string(),
            number: String::new(),
            place: place.get_untracked().trim().to_string(),
            date: day,
            signer_role: signer_role.get_untracked().trim().to_string(),
            signer_name: signer_name.get_untracked().trim().to_string(),
        };
        // Remembered for next time (all but the number); a browser that refuses only loses the
        // convenience.
        let _ = prefs::set_letterhead(&head);
        let head = Letterhead { number: number.get_untracked().trim().to_string(), ..head };
        let reference = head.reference();
        let (request, name, mime) = match job.get_value() {
            WordJob::Report(report) => {
                let name = report_file_name(&report);
                (WriteRequest::Report { head, report }, name, DOCX)
            }
            WordJob::Reminders { as_of, .. } => {
                let lists = lists.get_value();
                let name = match lists.as_slice() {
                    [(unit, _)] => reminder_file_name(unit, as_of),
                    _ => dondoc::export::file_name("Don-doc-cac-don-vi", as_of, "zip"),
                };
                let mime = if lists.len() == 1 { DOCX } else { "application/zip" };
                // Each unit is noted as reminded once the file is downloaded.
                sent.set_value(dondoc::export::docx::reminders_sent(&lists, as_of, reply, &reference));
                (WriteRequest::Reminders { head, lists, as_of, reply_by: reply }, name, mime)
            }
        };
        busy.set(true);
        spawn_local(async move {
            let written = write_in_worker(&request).await;
            busy.set(false);
            match written {
                Ok(bytes) if download(&bytes, &name, mime) => {
                    ws.notices.push(NoticeKind::Info, (t.export.made)(&name), None);
                    ws.record_sent(sent.get_value());
                    on_close.run(());
                }
                Ok(_) => ws.notices.push(NoticeKind::Error, t.export.failed, None),
                Err(why) => ws.notices.push(NoticeKind::Error, (wt.failed)(&why), None),
            }
        });
    };
    let input = move |label: &'static str, value: RwSignal<String>, first: bool| {
        view! {
            <label class="field"><span class="field-label">{label}</span>
                <input type="text" autofocus=first prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev)) />
            </label>
        }
    };
    view! {
        <Modal on_close=on_close title_id="word-title">
            <h2 id="word-title">{title}</h2>
            {summary.map(|s| view! { <p data-testid="word-summary"><strong>{s}</strong></p> })}
            <p class="muted small">{wt.intro}</p>
            <div class="grid-2">
                {input(wt.superior, superior, false)}
                {input(wt.issuer, issuer, true)}
                {input(wt.issuer_name, issuer_name, false)}
                {input(wt.number_suffix, number_suffix, false)}
                {(reminders && one_unit).then(|| input(wt.number, number, false))}
                {input(wt.place, place, false)}
                <label class="field"><span class="field-label">{wt.signer_role}</span>
                    <textarea rows="3" prop:value=move || signer_role.get() on:input=move |ev| signer_role.set(event_target_value(&ev))></textarea>
                </label>
                {input(wt.signer_name, signer_name, false)}
                {reminders.then(|| input(wt.reply_by, reply_by, false))}
            </div>
            {move || problem.get().map(|p| view! { <p class="field-error" role="alert">{p}</p> })}
            <div class="modal-actions">
                <button class="btn" on:click=move |_| on_close.run(())>{wt.cancel}</button>
                <button class="btn btn-primary" disabled=move || busy.get() || nothing on:click=make>
                    {move || if busy.get() { wt.making } else { wt.make }}
                </button>
            </div>
        </Modal>
    }
}
