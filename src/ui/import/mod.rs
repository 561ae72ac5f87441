//! The import page: choose or drop a file, see what was found (sheets, columns, problem rows,
//! the tasks as they will be saved), fix the column mapping if needed, then import all at once.

use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

use super::state::{new_task_id, now, today};
use super::{navigate, Workspace};
use dondoc::domain::unit::written_key;
use dondoc::domain::{format_date, Change, Task};
use crate::ui::task::change_value;
use dondoc::i18n::texts;
use dondoc::import::merge::{MergePlan, Planner};
use dondoc::import::{Field, ImportError, ReadRequest, SheetOutcome, MAX_FILE_BYTES};
use dondoc::route::{Page, Route};
use dondoc::store::prefs;

/// Rows of the preview and of the problem list shown at once.
const PREVIEW_ROWS: usize = 20;
/// Rows planned in one turn: a few milliseconds.
const PLAN_SLICE: usize = 2_500;
/// How many of the workspace's tasks are folded and indexed by content a turn, for a file whose
/// rows have no id (natively 7 ms; 50,000 tasks folded at once were one task of 536 ms).
const CONTENT_SLICE: usize = 1_000;
const PROBLEM_ROWS: usize = 200;

/// A file read: shared, so that re-rendering never copies its thousands of rows.
#[derive(Clone)]
struct Loaded {
    file_name: String,
    sheets: Arc<Vec<SheetOutcome>>,
    selected: Vec<bool>,
    /// Hidden rows the person chose to import (sheet, Excel row): none unless ticked.
    hidden_on: Vec<(String, u32)>,
}

impl PartialEq for Loaded {
    fn eq(&self, other: &Self) -> bool {
        self.file_name == other.file_name
            && Arc::ptr_eq(&self.sheets, &other.sheets)
            && self.selected == other.selected
            && self.hidden_on == other.hidden_on
    }
}

#[derive(Clone, PartialEq)]
enum Stage {
    Choose,
    Reading(String),
    Failed(String),
    Ready(Loaded),
}

/// A plan compared by identity, so a memo of it recomputes only when its inputs change.
#[derive(Clone)]
struct SharedPlan(Arc<MergePlan>);
impl PartialEq for SharedPlan {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

/// The column's letter as Excel shows it (A, B, … Z, AA, …).
fn column_letter(mut col: usize) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'A' + (col % 26) as u8);
        if col < 26 {
            break;
        }
        col = col / 26 - 1;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

fn field_options() -> impl Iterator<Item = (String, &'static str)> {
    Field::ALL.iter().map(|f| (format!("{f:?}"), (texts().import.field_name)(*f)))
}

fn parse_field(value: &str) -> Option<Field> {
    Field::ALL.iter().copied().find(|f| format!("{f:?}") == value)
}

#[component]
pub fn ImportPage() -> impl IntoView {
    let t = texts();
    let it = &t.import;
    let ws = expect_context::<Workspace>();
    // Start the reader while the person picks a file.
    super::worker::prepare();
    let stage = RwSignal::new(Stage::Choose);
    // The chosen file's bytes, kept to read again when the person changes a mapping.
    let bytes: StoredValue<Vec<u8>> = StoredValue::new(Vec::new());
    let dragging = RwSignal::new(false);
    // Header rows the person pointed at, for sheets where none was found (this file only).
    let header_rows: StoredValue<Vec<(String, u32)>> = StoredValue::new(Vec::new());
    // How far the reader is through a large file (percent), while it reads.
    let read_percent: RwSignal<Option<u8>> = RwSignal::new(None);
    // Units the person gave whole sheets (this file only).
    let sheet_units: StoredValue<Vec<(String, String)>> = StoredValue::new(Vec::new());
    // Names in the file the person said are not the unit they resemble (this file only).
    let separate: RwSignal<Vec<String>> = RwSignal::new(Vec::new());

    let read = move |file_name: String, keep_selection: Option<Vec<bool>>| {
        stage.set(Stage::Reading(file_name.clone()));
        spawn_local(async move {
            let request = ReadRequest {
                file_name: file_name.clone(),
                units: ws.units.with_untracked(|u| u.units().to_vec()),
                mappings: prefs::import_mappings(),
                header_rows: header_rows.get_value(),
                sheet_units: sheet_units.get_value(),
            };
            let response = bytes.with_value(|b| b.clone());
            read_percent.set(None);
            let tell: std::rc::Rc<dyn Fn(u8)> = std::rc::Rc::new(move |p: u8| read_percent.set(Some(p)));
            let response = super::worker::read_in_worker(&response, &request, tell).await;
            // The answer was decoded a slice at a time; the plan is made so too, once this is painted.
            super::state::after_next_paint().await;
            stage.set(match response {
                Ok(sheets) => {
                    let selected = keep_selection
                        .filter(|s| s.len() == sheets.len())
                        .unwrap_or_else(|| sheets.iter().map(|s| s.result.as_ref().is_ok_and(|r| r.selected_by_default())).collect());
                    Stage::Ready(Loaded { file_name, sheets: Arc::new(sheets), selected, hidden_on: Vec::new() })
                }
                Err(e) => Stage::Failed(format!("{file_name}: {}", (it.error)(&e))),
            });
        });
    };

    let take_file = move |file: web_sys::File| {
        let name = file.name();
        let size = file.size() as usize;
        if size > MAX_FILE_BYTES {
            stage.set(Stage::Failed(format!("{name}: {}", (it.error)(&ImportError::TooLarge { bytes: size }))));
            return;
        }
        stage.set(Stage::Reading(name.clone()));
        spawn_local(async move {
            match wasm_bindgen_futures::JsFuture::from(file.array_buffer()).await {
                Ok(buffer) => {
                    bytes.set_value(js_sys::Uint8Array::new(&buffer).to_vec());
                    header_rows.set_value(Vec::new());
                    sheet_units.set_value(Vec::new());
                    separate.set(Vec::new());
                    read(name, None);
                }
                Err(_) => stage.set(Stage::Failed(format!("{name}: {}", (it.error)(&ImportError::Damaged(String::new()))))),
            }
        });
    };

    let on_pick = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = ev.target().expect("input event").unchecked_into();
        if let Some(file) = input.files().and_then(|f| f.get(0)) {
            take_file(file);
        }
        input.set_value("");
    };
    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        dragging.set(false);
        if let Some(file) = ev.data_transfer().and_then(|d| d.files()).and_then(|f| f.get(0)) {
            take_file(file);
        }
    };

    // The plan for the selected sheets against the workspace as it is now, made a slice of rows
    // at a time (50,000 rows were one 100 ms task), each slice in a turn of its own; `None` while
    // it is being made. A new file, sheet choice or unit answer starts it again; tasks changed
    // meanwhile (another tab) start it again against them. Applying the plan changes the
    // workspace and must not plan again: the tasks are not tracked.
    let merge_plan: RwSignal<Option<SharedPlan>> = RwSignal::new(None);
    let planned: RwSignal<(usize, usize)> = RwSignal::new((0, 0));
    let planning = StoredValue::new(0u64);
    let tasks_changed = StoredValue::new(0u64);
    Effect::new(move |_| {
        ws.tasks.track();
        tasks_changed.update_value(|n| *n += 1);
    });
    Effect::new(move |_| {
        let inputs = stage.with(|s| match s {
            Stage::Ready(loaded) => Some((loaded.sheets.clone(), loaded.selected.clone(), loaded.hidden_on.clone())),
            _ => None,
        });
        let separate = separate.get();
        let generation = planning.get_value() + 1;
        planning.set_value(generation);
        let Some((sheets, selected, hidden_on)) = inputs else {
            merge_plan.set(None);
            return;
        };
        let current = move || planning.try_get_value() == Some(generation);
        let fut = async move {
            let drafts: Vec<&dondoc::import::rows::RowDraft> = sheets
                .iter()
                .zip(&selected)
                .filter(|(_, on)| **on)
                .filter_map(|(s, _)| s.result.as_ref().ok())
                .flat_map(|r| r.rows.iter().filter(|d| !d.hidden || hidden_on.contains(&(d.sheet.clone(), d.excel_row))))
                .collect();
            let by_content = drafts.iter().any(|d| d.id.is_none());
            'again: loop {
                let seen = tasks_changed.get_value();
                let mut planner = ws.tasks.with_untracked(|tasks| ws.units.with_untracked(|units| Planner::new(tasks, units, by_content, &separate, now())));
                // Nothing done yet in this turn: each slice after the first waits for a turn of its own.
                let mut fresh = true;
                let mut slices = drafts.chunks(PLAN_SLICE).enumerate().peekable();
                // Rows without an id are matched by content: the tasks' content is folded first,
                // then the rows are planned.
                while planner.to_index() > 0 || slices.peek().is_some() {
                    if !fresh {
                        let done = if planner.to_index() > 0 { 0 } else { slices.peek().map_or(0, |(k, _)| k * PLAN_SLICE) };
                        planned.set((done, drafts.len()));
                        super::state::next_turn().await;
                        if !current() {
                            return;
                        }
                        if tasks_changed.get_value() != seen {
                            continue 'again;
                        }
                    }
                    let going_on = if planner.to_index() > 0 {
                        // Less than a slice (a small workspace): the first rows are planned in the
                        // same turn, so a small file's preview still comes with its plan.
                        fresh = planner.to_index() < CONTENT_SLICE;
                        ws.tasks.with_untracked(|tasks| planner.index_by_content(tasks, CONTENT_SLICE))
                    } else {
                        fresh = false;
                        let (_, slice) = slices.next().unwrap_or((0, &[]));
                        ws.tasks.with_untracked(|tasks| planner.feed(tasks, slice, new_task_id))
                    };
                    if !going_on {
                        continue 'again;
                    }
                }
                merge_plan.set(Some(SharedPlan(Arc::new(planner.finish()))));
                return;
            }
        };
        // A file of one slice is planned now, in this turn, as the preview is drawn.
        let mut fut = Box::pin(fut);
        if super::state::poll_now(fut.as_mut()).is_pending() {
            merge_plan.set(None);
            spawn_local(fut);
        }
    });

    // The units whose own list the file is (ticked sheets), as their lists name them.
    let returned_by = Memo::new(move |_| {
        stage.with(|s| match s {
            Stage::Ready(loaded) => {
                let mut names: Vec<String> = Vec::new();
                for (sheet, _) in loaded.sheets.iter().zip(&loaded.selected).filter(|(_, on)| **on) {
                    if let Some(name) = sheet.result.as_ref().ok().and_then(|r| r.returned_by.clone()) {
                        let name = ws.units.with_untracked(|u| u.find(&name).map(|u| u.name.clone())).unwrap_or(name);
                        if !names.contains(&name) {
                            names.push(name);
                        }
                    }
                }
                names
            }
            _ => Vec::new(),
        })
    });

    let set_mapping = move |sheet_index: usize, column: usize, field: Option<Field>| {
        let Stage::Ready(loaded) = stage.get_untracked() else { return };
        let Some(Ok(read_sheet)) = loaded.sheets.get(sheet_index).map(|s| s.result.as_ref()) else { return };
        let mut mapping = read_sheet.mapping.clone();
        if column < mapping.len() {
            // One column per field: the field leaves any other column it was on.
            if field.is_some() {
                for other in mapping.iter_mut().filter(|other| **other == field) {
                    *other = None;
                }
            }
            mapping[column] = field;
        }
        prefs::remember_import_mapping(&read_sheet.signature, &mapping);
        read(loaded.file_name, Some(loaded.selected));
    };

    // The person points at a sheet's header row: read again, with that sheet ticked.
    let choose_header = move |sheet_index: usize, row: u32| {
        let Stage::Ready(loaded) = stage.get_untracked() else { return };
        let Some(name) = loaded.sheets.get(sheet_index).map(|s| s.name.clone()) else { return };
        header_rows.update_value(|h| {
            h.retain(|(n, _)| *n != name);
            h.push((name, row));
        });
        let mut selected = loaded.selected.clone();
        if let Some(on) = selected.get_mut(sheet_index) {
            *on = true;
        }
        read(loaded.file_name, Some(selected));
    };

    // The person gives a whole sheet its unit (for rows that name none).
    let set_sheet_unit = move |sheet_index: usize, unit: String| {
        let Stage::Ready(loaded) = stage.get_untracked() else { return };
        let Some(name) = loaded.sheets.get(sheet_index).map(|s| s.name.clone()) else { return };
        sheet_units.update_value(|u| {
            u.retain(|(n, _)| *n != name);
            u.push((name, unit));
        });
        read(loaded.file_name, Some(loaded.selected));
    };

    // Pressed once: the button says *Đang nhập…* in the frame after the press, then the import is
    // applied, a large file in parts (with how many of its tasks are in).
    let importing = RwSignal::new(false);
    let imported_part = RwSignal::new(None::<(usize, usize)>);
    let confirm = move |_| {
        if importing.get_untracked() {
            return;
        }
        let Some(SharedPlan(p)) = merge_plan.get_untracked() else { return };
        // A unit's own list sent back: noted as its answer, in the same step.
        let replies = stage.with_untracked(|s| match s {
            Stage::Ready(loaded) => {
                let sheets: Vec<_> = loaded.sheets.iter().zip(&loaded.selected).filter(|(_, on)| **on).filter_map(|(s, _)| s.result.as_ref().ok()).collect();
                ws.tasks.with_untracked(|tasks| dondoc::import::merge::replies(&p, tasks, &sheets, today(), &loaded.file_name))
            }
            _ => Vec::new(),
        });
        importing.set(true);
        spawn_local(async move {
            super::state::after_next_paint().await;
            // The workspace says what was done (with Hoàn tác), counted as applied: a value changed
            // elsewhere since the preview is kept, and said.
            let answer_only = p.added.is_empty() && p.updated.is_empty();
            let progress = move |done, all| {
                imported_part.try_set(Some((done, all)));
            };
            let applied = ws.apply_import(&p, replies, progress).await;
            imported_part.try_set(None);
            if applied {
                // The file's rows and the plan (50,000 of each: 40 ms to free) go in a turn of their
                // own, not in the one that draws the next page.
                super::state::drop_later((p, merge_plan.try_update_untracked(Option::take), stage.try_update_untracked(|s| std::mem::replace(s, Stage::Choose))));
                // A list sent back with nothing new: the unit table shows it answered.
                navigate(&Route::page(if answer_only { Page::Units } else { Page::Tasks }));
            }
            importing.try_set(false);
        });
    };

    view! {
        <section class="card import">
            <h1>{it.title}</h1>
            <p class="muted">{it.intro}</p>
            <Show when=move || !ws.can_change()>
                <p class="field-error" role="alert">{it.read_only}</p>
            </Show>
            <label
                class="dropzone"
                class:dragging=move || dragging.get()
                on:dragover=move |ev: leptos::ev::DragEvent| {
                    ev.prevent_default();
                    dragging.set(true);
                }
                on:dragleave=move |_| dragging.set(false)
                on:drop=on_drop
            >
                <input
                    id="import-file"
                    type="file"
                    accept=".xlsx,.xlsm,.xls,.xlsb,.ods,.csv,.txt"
                    disabled=move || !ws.can_change()
                    on:change=on_pick
                />
                <span class="btn btn-primary">{it.choose_file}</span>
                <span class="dropzone-text">{it.drop_here}</span>
                <span class="muted small">{it.formats}</span>
            </label>
        </section>
        {move || match stage.get() {
            Stage::Choose => ().into_any(),
            Stage::Reading(name) => view! {
                <div class="loading" role="status">
                    <p>{(it.reading)(&name)}{move || read_percent.get().map(|p| format!(" {p}%"))}</p>
                    <Show when=move || read_percent.get().is_some()>
                        <progress class="read-progress" max="100" value=move || read_percent.get().unwrap_or(0) aria-label=it.read_progress></progress>
                    </Show>
                </div>
            }.into_any(),
            Stage::Failed(message) => view! {
                <div class="notice notice-error import-error" role="alert"><span class="notice-text">{message}</span></div>
            }.into_any(),
            Stage::Ready(loaded) => view! {
                {move || (!returned_by.get().is_empty()).then(|| view! {
                    <p class="notice notice-info returned-by" role="status" data-testid="returned-by">{(it.returned_by)(&returned_by.get().join(", "), &format_date(today()))}</p>
                })}
                <ImportPreview loaded=loaded stage=stage set_mapping=set_mapping choose_header=choose_header set_sheet_unit=set_sheet_unit merge_plan=merge_plan planned=planned separate=separate>
                    <div class="import-actions">
                        {move || {
                            let n = merge_plan.with(|p| p.as_ref().map_or(0, |p| p.0.added.len() + p.0.updated.len()));
                            // A unit's list sent back with nothing new is still its answer.
                            let answer_only = n == 0 && !returned_by.get().is_empty();
                            view! {
                                <button class="btn btn-primary" disabled=move || (n == 0 && !answer_only) || !ws.can_change() || importing.get() on:click=confirm>
                                    {move || if importing.get() { imported_part.get().map_or_else(|| it.importing.to_string(), |(done, all)| (it.importing_part)(done, all)) } else if answer_only { it.confirm_answer.to_string() } else if n == 0 { it.nothing_to_import.to_string() } else { (it.confirm)(n) }}
                                </button>
                            }
                        }}
                        <button class="btn" on:click=move |_| stage.set(Stage::Choose)>{it.cancel}</button>
                    </div>
                </ImportPreview>
            }.into_any(),
        }}
    }
}

/// The names in the file that only resemble a unit's names, each with "same unit" (the default:
/// the name is learnt as an alias) or "another unit" (a unit of its own).
fn unit_links(p: &MergePlan, separate: RwSignal<Vec<String>>) -> impl IntoView {
    let it = &texts().import;
    let ws = expect_context::<Workspace>();
    let rows = p
        .linked
        .iter()
        .enumerate()
        .map(|(i, link)| {
            let like = p.units.get(&link.like).map(|u| u.name.clone()).unwrap_or_default();
            // A unit this file brings (the file writes it two ways).
            let like_is_new = ws.units.with_untracked(|u| u.get(&link.like).is_none());
            let written = link.written.clone();
            let set = move |apart: bool| {
                let written = written.clone();
                move |_| {
                    separate.update(|v| {
                        v.retain(|s| written_key(s) != written_key(&written));
                        if apart {
                            v.push(written.clone());
                        }
                    })
                }
            };
            let group = format!("unit-link-{i}");
            view! {
                <tr>
                    <td>{link.written.clone()}</td>
                    <td>{like}{like_is_new.then(|| view! { " " <span class="tag tag-new">{it.new_tag}</span> })}</td>
                    <td class="num">{link.rows}</td>
                    <td>
                        <div role="radiogroup" aria-label=link.written.clone()>
                            <label class="choice"><input type="radio" name=group.clone() checked=!link.separate on:change=set(false) />" "{it.same_unit}</label>
                            <label class="choice"><input type="radio" name=group checked=link.separate on:change=set(true) />" "{it.other_unit}</label>
                        </div>
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="unit-links" data-testid="unit-links">
            <h3>{it.similar_units}</h3>
            <p class="muted small">{it.similar_help}</p>
            <table class="plain">
                <thead><tr><th>{it.col_written}</th><th>{it.col_existing}</th><th class="num">{it.col_rows}</th><th>{it.col_same}</th></tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

#[component]
fn ImportPreview(
    loaded: Loaded,
    stage: RwSignal<Stage>,
    set_mapping: impl Fn(usize, usize, Option<Field>) + Copy + Send + Sync + 'static,
    choose_header: impl Fn(usize, u32) + Copy + Send + Sync + 'static,
    set_sheet_unit: impl Fn(usize, String) + Copy + Send + Sync + 'static,
    merge_plan: RwSignal<Option<SharedPlan>>,
    /// Rows planned so far, of all, while a large file's plan is being made.
    planned: RwSignal<(usize, usize)>,
    separate: RwSignal<Vec<String>>,
    /// The import and cancel buttons, shown with the summary.
    children: ChildrenFn,
) -> impl IntoView {
    let t = texts();
    let it = &t.import;
    let toggle = move |i: usize| {
        stage.update(|s| {
            if let Stage::Ready(l) = s {
                if let Some(on) = l.selected.get_mut(i) {
                    *on = !*on;
                }
            }
        })
    };
    let sheets = loaded
        .sheets
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let ok = s.result.is_ok();
            let detail = match &s.result {
                Ok(r) if r.hidden => format!("{} · {} · {}", (it.sheet_rows)(r.rows.len()), (it.header_at)(r.header_excel_row), it.hidden_sheet),
                Ok(r) => {
                    // The rows that are tasks, as the summary counts them (not the hidden or skipped).
                    let tasks = r.rows.iter().filter(|d| !d.hidden && !d.problems.iter().any(|p| p.skips_row())).count();
                    let mut line = format!("{} · {}", (it.sheet_rows)(tasks), (it.header_at)(r.header_excel_row));
                    if let Some(used) = r.columns_cut {
                        line = format!("{line} · {}", (it.columns_cut)(r.headers.len(), used));
                    }
                    line
                }
                Err(e) => (it.sheet_error)(e).to_string(),
            };
            let checked = loaded.selected.get(i).copied().unwrap_or(false);
            view! {
                <li class:sheet-error=!ok>
                    <label>
                        <input type="checkbox" prop:checked=checked disabled=!ok on:change=move |_| toggle(i) />
                        <strong>{s.name.clone()}</strong>" — "{detail}
                    </label>
                </li>
            }
        })
        .collect_view();
    // Hidden rows of the ticked sheets, each with its own tick (none ticked at first).
    let hidden: Vec<(String, u32, String)> = loaded
        .sheets
        .iter()
        .zip(&loaded.selected)
        .filter(|(_, on)| **on)
        .filter_map(|(s, _)| s.result.as_ref().ok())
        .flat_map(|r| r.rows.iter().filter(|d| d.hidden).map(|d| (d.sheet.clone(), d.excel_row, d.content.chars().take(120).collect())))
        .collect();
    let toggle_hidden = move |key: (String, u32)| {
        stage.update(|s| {
            if let Stage::Ready(l) = s {
                match l.hidden_on.iter().position(|k| *k == key) {
                    Some(i) => {
                        l.hidden_on.remove(i);
                    }
                    None => l.hidden_on.push(key),
                }
            }
        })
    };
    let hidden_section = (!hidden.is_empty()).then(|| {
        let count = hidden.len();
        let on = loaded.hidden_on.clone();
        let items = hidden
            .into_iter()
            .take(PROBLEM_ROWS)
            .map(|(sheet, row, content)| {
                let checked = on.contains(&(sheet.clone(), row));
                let key = (sheet.clone(), row);
                view! {
                    <li>
                        <label>
                            <input type="checkbox" prop:checked=checked on:change=move |_| toggle_hidden(key.clone()) />
                            <strong>{format!("{sheet} · {} {row}", it.col_row)}</strong>" — "{content}
                        </label>
                    </li>
                }
            })
            .collect_view();
        view! {
            <h3>{it.hidden_rows_title}</h3>
            <p class="muted small">{(it.hidden_rows_hint)(count)}</p>
            <ul class="sheets hidden-rows">{items}</ul>
        }
    });
    // Sheets with a table whose header was not recognised: the person points at it.
    let header_pickers = loaded
        .sheets
        .iter()
        .enumerate()
        .filter(|(_, s)| !s.first_rows.is_empty())
        .map(|(sheet_index, s)| {
            let width = s.first_rows.iter().map(|(_, cells)| cells.iter().rposition(|c| !c.is_empty()).map_or(0, |i| i + 1)).max().unwrap_or(0);
            let rows = s
                .first_rows
                .iter()
                .map(|(row, cells)| {
                    let row = *row;
                    let cells = cells.iter().take(width).map(|c| view! { <td>{c.chars().take(60).collect::<String>()}</td> }).collect_view();
                    view! {
                        <tr>
                            <td class="num">{row}</td>
                            <td><button class="btn btn-small" on:click=move |_| choose_header(sheet_index, row)>{(it.header_is_row)(row)}</button></td>
                            {cells}
                        </tr>
                    }
                })
                .collect_view();
            view! {
                <section class="header-picker">
                    <h3>{(it.choose_header_title)(&s.name)}</h3>
                    <p class="muted small">{it.choose_header_hint}</p>
                    <div class="table-scroll"><table class="plain"><tbody>{rows}</tbody></table></div>
                </section>
            }
        })
        .collect_view();
    let mappings = loaded
        .sheets
        .iter()
        .enumerate()
        .filter(|(i, _)| loaded.selected.get(*i).copied().unwrap_or(false))
        .filter_map(|(i, s)| s.result.as_ref().ok().map(|r| (i, r)))
        .map(|(sheet_index, r)| {
            let rows = r
                .headers
                .iter()
                .enumerate()
                .filter(|(_, h)| !h.is_empty())
                .map(|(col, header)| {
                    let current = r.mapping.get(col).copied().flatten();
                    let current_value = current.map(|f| format!("{f:?}")).unwrap_or_default();
                    let example = r.examples.get(col).cloned().unwrap_or_default();
                    view! {
                        <tr>
                            <td>{header.clone()}</td>
                            <td class="muted small example">{example}</td>
                            <td>
                                <select
                                    aria-label=header.clone()
                                    on:change=move |ev| set_mapping(sheet_index, col, crate::ui::import::parse_field(&event_target_value(&ev)))
                                >
                                    <option value="" selected=current.is_none()>{it.ignore_column}</option>
                                    {field_options()
                                        .map(|(value, label)| {
                                            let selected = value == current_value;
                                            view! { <option value=value selected=selected>{label}</option> }
                                        })
                                        .collect_view()}
                                </select>
                            </td>
                        </tr>
                    }
                })
                .collect_view();
            // Columns the reader could not tell apart: said, with their first values, and one click
            // to use the other.
            let doubts = r
                .doubts
                .iter()
                .map(|&(field, used, other)| {
                    let head = |c: usize| format!("{} ({})", r.headers.get(c).cloned().unwrap_or_default(), column_letter(c));
                    let example = |c: usize| r.examples.get(c).filter(|e| !e.is_empty()).cloned().unwrap_or_else(|| "—".into());
                    let text = (it.doubt)((it.field_name)(field), &head(used), &example(used), &head(other), &example(other));
                    let other_head = head(other);
                    view! {
                        <p class="doubt" role="note">
                            {text}" "
                            <button class="btn btn-small" on:click=move |_| set_mapping(sheet_index, other, Some(field))>{(it.use_column)(&other_head)}</button>
                        </p>
                    }
                })
                .collect_view();
            let sheet_unit = r.sheet_unit.clone().unwrap_or_default();
            view! {
                <details class="mapping" open>
                    <summary>{it.mapping}" — "{r.name.clone()}</summary>
                    <p class="muted small">{it.mapping_hint}</p>
                    <label class="sheet-unit">
                        {it.sheet_unit_label}" "
                        <input
                            type="text"
                            list="import-units"
                            prop:value=sheet_unit
                            placeholder=it.sheet_unit_placeholder
                            on:change=move |ev| set_sheet_unit(sheet_index, event_target_value(&ev))
                        />
                    </label>
                    {doubts}
                    <table class="plain"><thead><tr><th>{it.column}</th><th>{it.col_example}</th><th>{it.field}</th></tr></thead><tbody>{rows}</tbody></table>
                </details>
            }
        })
        .collect_view();
    // The import button is both above the preview and at its end.
    let children_end = children.clone();
    let summary_card = move || {
        let actions = children.clone();
        let Some(SharedPlan(p)) = merge_plan.get() else {
            return Some(view! {
                <p class="loading" role="status">{move || { let (done, all) = planned.get(); (it.planning)(done, all) }}</p>
            }.into_any());
        };
        Some({
            let found = p.added.len() + p.updated.len() + p.unchanged;
            let new_units = (!p.new_units.is_empty()).then(|| {
                view! { <p class="new-units">{it.new_units}" "<strong>{p.new_units.join("; ")}</strong></p> }
            });
            let links = (!p.linked.is_empty()).then(|| unit_links(&p, separate));
            view! {
                <section class="card import-summary" data-testid="import-summary">
                    <h2>{(it.found)(found)}</h2>
                    <p class="summary-line">{(it.summary)(p.added.len(), p.updated.len(), p.unchanged, p.skipped_rows())}</p>
                    {new_units}
                    {links}
                    {actions()}
                </section>
            }.into_any()
        })
    };
    let details = move || {
        let actions_end = children_end.clone();
        merge_plan.get().map(|SharedPlan(p)| {
            let mut notes: Vec<(String, u32, String, bool)> = p
                .skipped
                .iter()
                .map(|n| (n.sheet.clone(), n.excel_row, (it.row_problem)(&n.problem), true))
                .chain(p.warnings.iter().map(|n| (n.sheet.clone(), n.excel_row, (it.row_problem)(&n.problem), false)))
                .collect();
            notes.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(&b.1)));
            let problem_count = notes.len();
            let problems = if notes.is_empty() {
                view! { <p class="muted">{it.no_problems}</p> }.into_any()
            } else {
                view! {
                    <table class="plain problems">
                        <thead><tr><th>{it.col_sheet}</th><th>{it.col_row}</th><th>{it.col_problem}</th></tr></thead>
                        <tbody>
                            {notes.into_iter().take(PROBLEM_ROWS).map(|(sheet, row, text, skipped)| view! {
                                <tr class:skipped=skipped>
                                    <td>{sheet}</td>
                                    <td class="num">{row}</td>
                                    <td>{text}{skipped.then(|| view! { <span class="tag tag-skip">{it.skipped_tag}</span> })}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any()
            };
            // Updated tasks first: what changes in them is what the person must check.
            let sample: Vec<(bool, Task, Vec<Change>)> = p
                .updated
                .iter()
                .map(|u| (false, u.task.clone(), u.changes.clone()))
                .chain(p.added.iter().map(|t| (true, t.clone(), Vec::new())))
                .take(PREVIEW_ROWS)
                .collect();
            let more = (p.added.len() + p.updated.len()).saturating_sub(PREVIEW_ROWS);
            let preview_rows = sample
                .into_iter()
                .map(|(is_new, task, changes)| {
                    let unit = task.lead_unit.as_ref().and_then(|id| p.units.get(id));
                    let coordinating: Vec<String> = task.coordinating_units.iter().filter_map(|id| p.units.get(id)).map(|u| u.name.clone()).collect();
                    let changes = (!changes.is_empty()).then(|| {
                        let items = changes
                            .iter()
                            .map(|c| {
                                let old = change_value(&c.field, &c.old, &p.units);
                                let new = change_value(&c.field, &c.new, &p.units);
                                view! { <li><span class="change-field">{(t.task.field_label)(&c.field)}": "</span><span class="old">{old}</span>" → "<span>{new}</span></li> }
                            })
                            .collect_view();
                        view! { <ul class="changes">{items}</ul> }
                    });
                    let unit_name = unit.map(|u| u.name.clone()).unwrap_or_else(|| t.no_unit.to_string());
                    let unit_is_new = unit.is_some_and(|u| p.new_units.contains(&u.name));
                    let deadline = task.deadline.due_date().map(format_date).unwrap_or_else(|| t.no_deadline.to_string());
                    view! {
                        <tr>
                            <td><span class=if is_new { "tag tag-add" } else { "tag tag-update" }>{if is_new { it.action_add } else { it.action_update }}</span></td>
                            <td><div class="content-text">{task.content.clone()}</div>{changes}</td>
                            <td>
                                {unit_name}{unit_is_new.then(|| view! { " " <span class="tag tag-new">{it.new_tag}</span> })}
                                {(!coordinating.is_empty()).then(|| view! { <div class="muted small">{it.coordinating}" "{coordinating.join("; ")}</div> })}
                            </td>
                            <td>{deadline}<div class="deadline-text">{task.deadline.text.clone()}</div></td>
                            <td>{(t.progress)(task.progress)}</td>
                        </tr>
                    }
                })
                .collect_view();
            view! {
                <section class="card">
                    <h2>{it.problems}" ("{problem_count}")"</h2>
                    {problems}
                </section>
                <section class="card">
                    <h2>{it.preview}</h2>
                    <table class="plain preview">
                        <thead><tr><th></th><th>{t.col_content}</th><th>{t.col_unit}</th><th>{t.col_deadline}</th><th>{t.col_progress}</th></tr></thead>
                        <tbody>{preview_rows}</tbody>
                    </table>
                    {(more > 0).then(|| view! { <p class="muted">{(it.preview_more)(more)}</p> })}
                    {actions_end()}
                </section>
            }
        })
    };
    let ws = expect_context::<Workspace>();
    let unit_names = ws.units.with_untracked(|u| u.ordered().into_iter().map(|u| view! { <option value=u.name.clone()></option> }).collect_view());
    view! {
        {summary_card}
        <datalist id="import-units">{unit_names}</datalist>
        <section class="card">
            <h2>{loaded.file_name.clone()}</h2>
            <h3>{it.sheets}</h3>
            <ul class="sheets">{sheets}</ul>
            {hidden_section}
            {header_pickers}
            {mappings}
        </section>
        {details}
    }
}
