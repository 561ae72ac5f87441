//! The recycle bin (Thùng rác): deleted tasks wait 30 days; put them back, or empty the bin.

use leptos::prelude::*;

use super::dialog::ConfirmDialog;
use super::Workspace;
use dondoc::domain::TaskId;
use dondoc::i18n::texts;

#[component]
pub fn BinPage() -> impl IntoView {
    let t = texts();
    let bt = &t.bin;
    let ws = expect_context::<Workspace>();
    let confirming = RwSignal::new(false);
    let rows = move || {
        let mut entries = ws.bin.get();
        entries.sort_by(|a, b| b.deleted_at.cmp(&a.deleted_at));
        let units = ws.units.get_untracked();
        entries
            .into_iter()
            .map(|b| {
                let id = b.task.id.clone();
                let key = id.0.clone();
                let unit = b.task.lead_unit.as_ref().and_then(|u| units.get(u)).map(|u| u.name.clone()).unwrap_or_default();
                view! {
                    <tr data-id=key>
                        <td class="c-content">{b.task.content.clone()}</td>
                        <td>{unit}</td>
                        <td class="nowrap">{b.deleted_at.format("%d/%m/%Y %H:%M").to_string()}</td>
                        <td class="nowrap">{b.expires_at().format("%d/%m/%Y").to_string()}</td>
                        <td>
                            <button class="btn btn-small" disabled=move || !ws.can_change() on:click=move |_| { ws.put_back(vec![id.clone()]); }>
                                {bt.put_back}
                            </button>
                        </td>
                    </tr>
                }
            })
            .collect_view()
    };
    let all_ids = move || ws.bin.with_untracked(|b| b.iter().map(|x| x.task.id.clone()).collect::<Vec<TaskId>>());
    view! {
        <section class="list-head">
            <div class="list-title">
                <h1>{bt.title}</h1>
                <span class="count" data-testid="bin-count">{move || (bt.count)(ws.bin.with(Vec::len))}</span>
            </div>
            <button class="btn" disabled=move || !ws.can_change() || ws.bin.with(Vec::is_empty) on:click=move |_| { ws.put_back(all_ids()); }>
                {bt.put_back_all}
            </button>
            <button class="btn btn-quiet-danger" disabled=move || !ws.can_change() || ws.bin.with(Vec::is_empty) on:click=move |_| confirming.set(true)>
                {bt.empty}
            </button>
        </section>
        <p class="muted">{bt.intro}</p>
        <Show when=move || ws.bin.with(|b| !b.is_empty()) fallback=move || view! { <p class="empty-filter">{bt.nothing}</p> }>
            <div class="table-wrap">
                <table class="tasks">
                    <thead><tr><th>{t.col_content}</th><th>{t.col_unit}</th><th>{bt.deleted_at}</th><th>{bt.expires}</th><th></th></tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </Show>
        <Show when=move || confirming.get()>
            <ConfirmDialog title=bt.empty text=bt.empty_confirm.to_string() yes=bt.empty on_close=move || confirming.set(false)
                on_yes=move || { ws.empty_bin(); } />
        </Show>
    }
}
