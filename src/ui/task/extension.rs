//! A task's extensions (gia hạn): how many times and from what to what, why, by which document;
//! and granting one, with the new deadline typed as people write it, the reason (required) and
//! the granting document. The grant is one core command (`Command::Extend`).

use leptos::prelude::*;

use dondoc::domain::{format_date, read_deadline, read_new_deadline, Deadline, TaskId};
use dondoc::i18n::texts;
use crate::ui::dialog::Modal;
use crate::ui::Workspace;

fn shown(d: &Deadline) -> String {
    d.due_date().map(format_date).unwrap_or_else(|| d.text.clone())
}

#[component]
pub fn Extensions(id: TaskId) -> impl IntoView {
    let t = texts();
    let (tt, bt) = (&t.task, &t.bulk);
    let ws = expect_context::<Workspace>();
    let open = RwSignal::new(false);
    let deadline = RwSignal::new(String::new());
    let reason = RwSignal::new(String::new());
    let document = RwSignal::new(String::new());
    let error = RwSignal::new(None::<&'static str>);
    let list = {
        let id = id.clone();
        move || {
            ws.tasks.with(|ts| {
                let task = ts.iter().find(|x| x.id == id)?;
                (!task.extensions.is_empty()).then(|| {
                    let items = task.extensions.iter().map(|e| {
                        let line = (tt.extension_item)(&shown(&e.from), &shown(&e.to), &e.reason, &e.document, &e.granted_at.format("%d/%m/%Y").to_string());
                        view! { <li>{line}</li> }
                    }).collect_view();
                    view! {
                        <div class="extensions" data-testid="extensions">
                            <strong class="badge-extended">{(tt.extended_times)(task.extensions.len())}</strong>
                            <ul>{items}</ul>
                        </div>
                    }
                })
            })
        }
    };
    let grant = {
        let id = id.clone();
        Callback::new(move |()| {
            let Some(new) = read_new_deadline(&deadline.get_untracked()) else { return error.set(Some(bt.deadline_unreadable)) };
            if reason.with_untracked(|r| r.trim().is_empty()) {
                return error.set(Some(bt.reason_required));
            }
            error.set(None);
            if ws.extend(vec![id.clone()], new, reason.get_untracked().trim().into(), document.get_untracked().trim().into()) {
                open.set(false);
                deadline.set(String::new());
                reason.set(String::new());
                document.set(String::new());
            }
        })
    };
    let hint = move || read_deadline(&deadline.get()).deadline.due_date().map(|d| format!("→ {}", format_date(d))).unwrap_or_default();
    view! {
        <div class="extension-row">
            {list}
            <button class="btn btn-small" disabled=move || !ws.can_change() on:click=move |_| open.set(true)>{tt.extend}</button>
        </div>
        <Show when=move || open.get()>
            <Modal on_close=move || open.set(false) title_id="extend-title">
                <h2 id="extend-title">{tt.extend_title}</h2>
                <p class="muted small">{tt.extend_intro}</p>
                <label class="field">
                    <span class="field-label">{bt.new_deadline}</span>
                    <input type="text" autofocus prop:value=move || deadline.get() on:input=move |ev| deadline.set(event_target_value(&ev)) />
                    <span class="field-hint">{hint}</span>
                </label>
                <label class="field">
                    <span class="field-label">{bt.reason}</span>
                    <input type="text" prop:value=move || reason.get() on:input=move |ev| reason.set(event_target_value(&ev)) />
                </label>
                <label class="field">
                    <span class="field-label">{bt.document}</span>
                    <input type="text" prop:value=move || document.get() on:input=move |ev| document.set(event_target_value(&ev)) />
                </label>
                {move || error.get().map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
                <div class="modal-actions">
                    <button class="btn" on:click=move |_| open.set(false)>{t.cancel}</button>
                    <button class="btn btn-primary" on:click=move |_| grant.run(())>{tt.extend_title}</button>
                </div>
            </Modal>
        </Show>
    }
}
