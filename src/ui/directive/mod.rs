//! From a directive to its tasks: paste the text (or choose a .txt or .docx file), see what was
//! read — the document and its tasks per unit, each with the sentence it came from and its
//! deadline — fix, merge, split or drop them, then add them all, linked to the document.

use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

use super::state::new_task_id;
use super::{navigate, Workspace};
use crate::directive::review::{proposals, tasks_of, Proposal};
use crate::directive::{read_directive, DirectiveReading, Target};
use crate::domain::deadline::read_deadline;
use crate::domain::vn_date::{format_date, parse_date};
use crate::domain::SourceDocument;
use crate::route::{Page, Route};

/// One proposed task as the person is shaping it (a `directive::review::Proposal` in signals).
#[derive(Clone)]
struct Draft {
    keep: RwSignal<bool>,
    text: RwSignal<String>,
    /// Units, separated by ";".
    units: RwSignal<String>,
    /// With several units: each gets its own task (else the first leads, the others coordinate).
    each: RwSignal<bool>,
    deadline: RwSignal<String>,
    section: String,
    original: String,
    /// Who the reader found it for, to show the proposals grouped by unit.
    group: String,
    target: Target,
}

impl Draft {
    fn proposal(&self) -> Proposal {
        Proposal {
            text: self.text.get_untracked(),
            units: self.units.get_untracked(),
            each: self.each.get_untracked(),
            deadline: self.deadline.get_untracked(),
            section: self.section.clone(),
            original: self.original.clone(),
            target: self.target.clone(),
        }
    }
}

fn drafts_of(reading: &DirectiveReading, known: &crate::domain::UnitDirectory) -> Vec<Draft> {
    proposals(reading, known)
        .into_iter()
        .map(|p| Draft {
            keep: RwSignal::new(true),
            text: RwSignal::new(p.text),
            units: RwSignal::new(p.units),
            each: RwSignal::new(p.each),
            deadline: RwSignal::new(p.deadline),
            section: p.section,
            original: p.original,
            group: match &p.target {
                Target::Units(u) => u.join(", "),
                Target::Group(g) => format!("Nhóm: {g}"),
                Target::Unassigned => "Chưa có đơn vị (giao chung)".into(),
            },
            target: p.target,
        })
        .collect()
}

#[component]
pub fn DirectivePage() -> impl IntoView {
    let ws = expect_context::<Workspace>();
    let route = expect_context::<RwSignal<Route>>();
    let text = RwSignal::new(String::new());
    let reading = RwSignal::new(None::<DirectiveReading>);
    let drafts = RwSignal::new(Vec::<Draft>::new());
    let reference = RwSignal::new(String::new());
    let doc_date = RwSignal::new(String::new());
    let title = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);

    let read = move |source: String| {
        let r = ws.units.with_untracked(|u| read_directive(&source, u));
        reference.set(r.document.reference.clone());
        doc_date.set(r.document.date.map(format_date).unwrap_or_default());
        title.set(r.document.title());
        drafts.set(ws.units.with_untracked(|u| drafts_of(&r, u)));
        error.set(r.tasks.is_empty().then(|| "Không tìm thấy nhiệm vụ nào trong văn bản này. Hãy kiểm tra đã dán đúng phần nhiệm vụ (các đầu dòng, mục đánh số hoặc câu “giao …”).".to_string()));
        reading.set(Some(r));
    };
    let pick = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = ev.target().expect("input").unchecked_into();
        let Some(file) = input.files().and_then(|f| f.get(0)) else { return };
        input.set_value("");
        let name = file.name().to_lowercase();
        spawn_local(async move {
            let Ok(buffer) = wasm_bindgen_futures::JsFuture::from(file.array_buffer()).await else { return };
            let bytes = js_sys::Uint8Array::new(&buffer).to_vec();
            let content = if name.ends_with(".docx") {
                crate::directive::docx::text_of_docx(&bytes)
            } else {
                Ok(crate::import::csv_file::decode(&bytes))
            };
            match content {
                Ok(t) => {
                    text.set(t.clone());
                    read(t);
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let kept = move || drafts.with(|d| d.iter().filter(|x| x.keep.get()).count());
    let add = move |_| {
        let date = parse_date(&doc_date.get_untracked());
        let source = SourceDocument { reference: reference.get_untracked().trim().to_string(), date, title: title.get_untracked() };
        let mut units = ws.units.get_untracked();
        let kept: Vec<Proposal> = drafts.get_untracked().iter().filter(|d| d.keep.get_untracked()).map(Draft::proposal).collect();
        let tasks = tasks_of(&kept, &source, &mut units, new_task_id);
        if ws.add_many(tasks, units) {
            navigate(&route.get_untracked().with_page(Page::Tasks));
        }
    };
    let merge_up = move |i: usize| {
        drafts.update(|d| {
            if i > 0 && i < d.len() {
                let this = d.remove(i);
                let prev = &d[i - 1];
                prev.text.update(|t| *t = format!("{} {}", t.trim(), this.text.get_untracked().trim()));
            }
        })
    };
    let split = move |i: usize| {
        drafts.update(|d| {
            let Some(this) = d.get(i).cloned() else { return };
            let parts: Vec<String> = this.text.get_untracked().split(';').map(|p| p.trim().to_string()).filter(|p| !p.is_empty()).collect();
            if parts.len() < 2 {
                return;
            }
            this.text.set(parts[0].clone());
            for (k, p) in parts[1..].iter().enumerate() {
                let mut copy = this.clone();
                copy.keep = RwSignal::new(true);
                copy.text = RwSignal::new(p.clone());
                copy.units = RwSignal::new(this.units.get_untracked());
                copy.each = RwSignal::new(this.each.get_untracked());
                copy.deadline = RwSignal::new(this.deadline.get_untracked());
                d.insert(i + 1 + k, copy);
            }
        })
    };
    let unit_names = move || ws.units.with(|u| u.ordered().into_iter().map(|x| view! { <option value=x.name.clone()></option> }).collect_view());

    view! {
        <section class="card import">
            <h1>"Đọc văn bản chỉ đạo"</h1>
            <p class="muted">"Dán nội dung công văn, thông báo kết luận, báo cáo hoặc bài phát biểu (hoặc chọn file .txt, .docx). Đôn Đốc đề xuất các nhiệm vụ theo từng đơn vị kèm thời hạn; bạn kiểm tra, sửa rồi mới thêm vào danh sách."</p>
            <textarea id="directive-text" class="directive-text" rows="8" aria-label="Nội dung văn bản" prop:value=move || text.get() on:input=move |ev| text.set(event_target_value(&ev))></textarea>
            <div class="form-actions">
                <button class="btn btn-primary" on:click=move |_| read(text.get_untracked())>"Đọc văn bản"</button>
                <label class="btn file-button">"Chọn file .txt/.docx…"<input type="file" id="directive-file" accept=".txt,.docx" on:change=pick /></label>
            </div>
            {move || error.get().map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
        </section>
        {move || reading.get().filter(|r| !r.tasks.is_empty()).map(|r| view! {
            <section class="card" data-testid="directive-doc">
                <h2>"Văn bản"</h2>
                <div class="grid-2">
                    <label class="field"><span class="field-label">"Số/ký hiệu"</span><input type="text" prop:value=move || reference.get() on:input=move |ev| reference.set(event_target_value(&ev)) /></label>
                    <label class="field"><span class="field-label">"Ngày ban hành"</span><input type="text" placeholder="dd/mm/yyyy" prop:value=move || doc_date.get() on:input=move |ev| doc_date.set(event_target_value(&ev)) /><span class="field-hint">{r.document.date_text.clone()}</span></label>
                </div>
                <label class="field"><span class="field-label">"Trích yếu"</span><input type="text" prop:value=move || title.get() on:input=move |ev| title.set(event_target_value(&ev)) /></label>
                <p class="muted small">
                    {(!r.document.place.is_empty()).then(|| format!("Nơi ban hành: {}. ", r.document.place))}
                    {(!r.document.signer.is_empty()).then(|| format!("Người ký: {}. ", r.document.signer))}
                    {r.default_deadline.as_ref().map(|d| format!("Thời hạn chung của văn bản: {} ({}).", d.due_date().map(format_date).unwrap_or_default(), d.text))}
                </p>
                <div class="form-actions">
                    <button class="btn btn-primary" disabled=move || kept() == 0 || !ws.can_change() on:click=add>{move || format!("Thêm {} nhiệm vụ vào danh sách", kept())}</button>
                </div>
            </section>
        })}
        <datalist id="unit-names">{unit_names}</datalist>
        <section class="proposed">
            {move || { let all = drafts.get(); all.clone().into_iter().enumerate().map(move |(i, d)| {
                let heading = (i == 0 || all[i - 1].group != d.group).then(|| view! { <h2 class="proposal-group">{d.group.clone()}</h2> });
                let reading_of = move || {
                    let r = read_deadline(&d.deadline.get());
                    match (r.deadline.due_date(), r.problem) {
                        (Some(day), _) => format!("→ {}", format_date(day)),
                        (None, Some(p)) => format!("⚠ {}", (crate::i18n::texts().deadline_problem)(&p)),
                        (None, None) if d.deadline.with(|t| t.trim().is_empty()) => "Không thời hạn".to_string(),
                        (None, None) => format!("→ {}", d.deadline.get()),
                    }
                };
                let several = move || d.units.with(|u| u.split(';').filter(|s| !s.trim().is_empty()).count() > 1);
                view! {
                    {heading}
                    <article class="proposal" class:dropped=move || !d.keep.get() data-index=i>
                        <div class="proposal-head">
                            <label class="toggle"><input type="checkbox" prop:checked=move || d.keep.get() on:change=move |ev| d.keep.set(event_target_checked(&ev)) />" Giữ"</label>
                            <span class="muted small">{d.section.clone()}</span>
                            <span class="proposal-actions">
                                {(i > 0).then(|| view! { <button class="btn btn-small" on:click=move |_| merge_up(i)>"Gộp vào nhiệm vụ trên"</button> })}
                                <button class="btn btn-small" on:click=move |_| split(i)>"Tách theo dấu ;"</button>
                            </span>
                        </div>
                        <textarea class="proposal-text" rows="3" aria-label="Nội dung nhiệm vụ" prop:value=move || d.text.get() on:input=move |ev| d.text.set(event_target_value(&ev))></textarea>
                        <div class="grid-2">
                            <label class="field"><span class="field-label">"Đơn vị (cách nhau bằng ;)"</span>
                                <input type="text" list="unit-names" aria-label="Đơn vị" prop:value=move || d.units.get() on:input=move |ev| d.units.set(event_target_value(&ev)) />
                                <Show when=several>
                                    <label class="toggle small"><input type="checkbox" prop:checked=move || d.each.get() on:change=move |ev| d.each.set(event_target_checked(&ev)) />" Mỗi đơn vị một nhiệm vụ riêng (bỏ chọn: đơn vị đầu chủ trì, các đơn vị sau phối hợp)"</label>
                                </Show>
                            </label>
                            <label class="field"><span class="field-label">"Thời hạn"</span>
                                <input type="text" aria-label="Thời hạn" prop:value=move || d.deadline.get() on:input=move |ev| d.deadline.set(event_target_value(&ev)) />
                                <span class="field-hint">{reading_of}</span>
                            </label>
                        </div>
                        <details><summary class="muted small">"Câu gốc trong văn bản"</summary><p class="muted small">{d.original.clone()}</p></details>
                    </article>
                }
            }).collect_view() }}
        </section>
    }
}
