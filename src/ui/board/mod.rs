//! The kanban board: columns by progress (or by derived status), optionally one row per unit.
//! A card moves by dragging, by the arrow keys, or by its "Chuyển sang" menu (touch); moving to
//! "Hoàn thành" asks for the completion date and the evidence.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::dialog::Modal;
use super::filter_bar::FilterBar;
use super::listing::use_listing;
use super::state::today;
use super::task_list::{badge_class, BucketSummary};
use super::{navigate, Workspace};
use dondoc::domain::vn_date::{format_date, parse_date};
use dondoc::domain::{Bucket, DeadlineKind, Progress, Status, TaskId, UnitId};
use dondoc::i18n::{texts, thousands};
use dondoc::query::board::{board_columns, board_lanes, Column, Lane};
use dondoc::route::{to_hash, Page, Route};

/// Cards shown per column at most (per unit row when the board is split by unit); the rest are a
/// link to the list. A column draws its first cards (more than a tall screen shows), and more as
/// its end comes near (at once, after the first frame, and as the page scrolls down): fewer cards
/// make the board open, and a card move lay out, faster.
const CARDS_PER_COLUMN: usize = 60;
const CARDS_PER_LANE_COLUMN: usize = 12;
const FIRST_CARDS: usize = 8;
const MORE_CARDS: usize = 12;

fn column_label(c: Column) -> &'static str {
    match c {
        Column::Progress(p) => (texts().progress)(p),
        Column::Status(b) => (texts().bucket)(b),
    }
}

/// The column's name in `data-column` (what the browser tests find it by).
fn column_code(c: Column) -> String {
    match c {
        Column::Progress(p) => format!("{p:?}"),
        Column::Status(b) => format!("{b:?}"),
    }
}

/// What a card shows.
#[derive(Clone, PartialEq)]
struct Card {
    id: TaskId,
    content: String,
    unit: String,
    source: String,
    deadline: String,
    recurring: bool,
    status: Status,
    progress: Progress,
    href: String,
}


fn short(text: &str, words: usize) -> String {
    let w: Vec<&str> = text.split_whitespace().collect();
    if w.len() <= words { w.join(" ") } else { format!("{}…", w[..words].join(" ")) }
}

/// The selector of a task's card.
fn card_selector(id: &TaskId) -> String {
    format!("[data-card=\"{}\"]", id.0)
}

/// Let go of the focus if it is on the card (or its menu) about to move, before the move changes
/// the page: a focused element taken out of the page makes the browser lay the half-changed
/// board out there and then (3–4 ms of a move's task); let go of first, with nothing changed
/// yet, it costs nothing. [`focus_card`] puts the focus on the card in its new column.
fn let_go_of_focus(id: &TaskId) {
    let Some(active) = document().active_element() else { return };
    let on_card = active.closest(&card_selector(id)).ok().flatten().is_some();
    if on_card {
        if let Ok(el) = active.dyn_into::<web_sys::HtmlElement>() {
            let _ = el.blur();
        }
    }
}

/// Put keyboard focus back on a card after it moved (it is drawn anew in its new column).
fn focus_card(id: &TaskId) {
    let selector = card_selector(id);
    super::state::next_frame(move || {
        if let Some(el) = document().query_selector(&selector).ok().flatten() {
            if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
                let _ = el.focus();
            }
        }
    });
}

#[component]
pub fn BoardPage() -> impl IntoView {
    let t = texts();
    let bt = &t.board;
    let ws = expect_context::<Workspace>();
    let route = expect_context::<RwSignal<Route>>();
    let listing = use_listing(None);
    let visible = listing.ids;
    let selection = super::selection::Selection::following(visible);
    let layout = Memo::new(move |_| route.with(|r| r.board));
    let columns = Memo::new(move |_| ws.tasks.with(|tasks| board_columns(tasks, layout.get().by_status)));
    let progress_columns = Memo::new(move |_| {
        columns.get().into_iter().filter_map(|c| if let Column::Progress(p) = c { Some(p) } else { None }).collect::<Vec<_>>()
    });

    // One pass over the filtered tasks: lanes × columns of task indexes (cards are made only
    // for the ones shown).
    let lanes = Memo::new(move |_| {
        let cols = columns.get();
        let split = layout.get().swimlanes;
        ws.units.with(|units| ws.tasks.with(|tasks| listing.ranked.with(|ranked| board_lanes(tasks, ranked, units, &cols, split))))
    });

    // A card as shown, made from the task.
    let make_card = move |rk: &dondoc::query::Ranked, r: &Route| -> Card {
        ws.units.with(|units| {
            ws.tasks.with(|tasks| {
                let task = &tasks[rk.index];
                let unit = task.lead_unit.as_ref().and_then(|u| units.get(u));
                Card {
                    id: task.id.clone(),
                    content: short(&task.content, 28),
                    unit: unit.map(|u| u.display_short().to_string()).unwrap_or_else(|| t.no_unit.to_string()),
                    source: task.source.label().to_string(),
                    deadline: task.deadline.due_date().map(format_date).unwrap_or_else(|| {
                        if task.deadline.text.trim().is_empty() { t.no_deadline.to_string() } else { task.deadline.text.clone() }
                    }),
                    recurring: matches!(task.deadline.kind, DeadlineKind::Recurring(_)),
                    status: rk.status,
                    progress: task.progress,
                    href: to_hash(&r.with_page(Page::Task(task.id.clone()))),
                }
            })
        })
    };

    let dragged = RwSignal::new(None::<TaskId>);
    // Cards moved here stay in sight in their new column, even past the column's first cards.
    let moved = RwSignal::new(Vec::<TaskId>::new());
    let finishing = RwSignal::new(None::<TaskId>);
    let move_card = move |id: TaskId, to: Progress| {
        let from = ws.tasks.with_untracked(|ts| ts.iter().find(|t| t.id == id).map(|t| t.progress));
        if from == Some(to) {
            return;
        }
        if to == Progress::Done {
            finishing.set(Some(id));
            return;
        }
        let_go_of_focus(&id);
        if ws.move_task(&id, to, None, None) {
            moved.update(|m| m.push(id.clone()));
        }
        // On the card in its new column, or back on it where it stayed (a move refused).
        focus_card(&id);
    };
    let step = move |id: TaskId, delta: i32| {
        let cols = progress_columns.get_untracked();
        let Some(current) = ws.tasks.with_untracked(|ts| ts.iter().find(|t| t.id == id).map(|t| t.progress)) else { return };
        let Some(i) = cols.iter().position(|p| *p == current) else { return };
        let j = i as i32 + delta;
        if j >= 0 && (j as usize) < cols.len() {
            move_card(id, cols[j as usize]);
        }
    };

    let set_layout = move |f: fn(&mut dondoc::route::BoardLayout, bool), on: bool| {
        let mut r = route.get_untracked();
        f(&mut r.board, on);
        navigate(&r);
    };

    let card_view = move |card: Card| {
        let by_status = layout.get_untracked().by_status;
        let Card { id, content, unit, source, deadline, recurring, status, progress, href, .. } = card;
        let badge = badge_class(&status);
        let detail = (t.status_detail)(&status);
        let (drag_id, key_id, move_id) = (id.clone(), id.clone(), id.clone());
        let open = href.clone();
        let label = content.clone();
        let card_id = id.0.clone();
        view! {
            <article
                class="kcard"
                class:kcard-overdue=status.bucket == Bucket::Overdue
                class:kcard-soon=status.due_soon
                data-card=card_id
                data-bucket=format!("{:?}", status.bucket)
                tabindex="0"
                draggable=if by_status { "false" } else { "true" }
                aria-label=label
                on:dragstart=move |ev: leptos::ev::DragEvent| {
                    dragged.set(Some(drag_id.clone()));
                    if let Some(dt) = ev.data_transfer() {
                        let _ = dt.set_data("text/plain", &drag_id.0);
                        dt.set_effect_allowed("move");
                    }
                }
                on:dragend=move |_| dragged.set(None)
                on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                    if ev.target() != ev.current_target() {
                        return;
                    }
                    match ev.key().as_str() {
                        "ArrowRight" if !by_status => { ev.prevent_default(); step(key_id.clone(), 1) }
                        "ArrowLeft" if !by_status => { ev.prevent_default(); step(key_id.clone(), -1) }
                        "Enter" => { let _ = window().location().set_hash(&open); }
                        _ => {}
                    }
                }
            >
                <a class="kcard-content" href=href>{content}</a>
                <div class="kcard-meta"><span class="kcard-unit">{unit}</span>{(!source.is_empty()).then(|| view! { <span class="kcard-source">{source}</span> })}</div>
                <div class="kcard-foot">
                    {
                        let sel_id = id.clone();
                        let click_id = id.clone();
                        view! {
                            <input type="checkbox" class="kcard-select" aria-label=t.bulk.select_task
                                prop:checked=move || selection.contains(&sel_id)
                                on:click=move |ev| {
                                    let shift = ev.shift_key();
                                    visible.with_untracked(|order| {
                                        if let Some(i) = order.iter().position(|x| *x == click_id) {
                                            selection.click(order, i, shift);
                                        }
                                    });
                                } />
                        }
                    }
                    <span class="kcard-deadline" class:recurring=recurring>{deadline}</span>
                    <span class=badge>{detail.unwrap_or_else(|| (t.bucket)(status.bucket).to_string())}</span>
                </div>
                {(!by_status).then(|| view! {
                    <label class="kcard-move">
                        <span>{bt.move_to}</span>
                        <select on:change=move |ev| {
                            let code = event_target_value(&ev);
                            if let Some(p) = Progress::from_code(&code) {
                                move_card(move_id.clone(), p);
                            }
                        }>
                            {Progress::ALL.into_iter().map(|p| view! { <option value=p.code() selected=p == progress>{(t.progress)(p)}</option> }).collect_view()}
                        </select>
                    </label>
                })}
            </article>
        }
    };

    let column_view = move |lane_index: usize, col_index: usize, column: Column, split: bool, unit: Option<UnitId>| {
        let limit = if split { CARDS_PER_LANE_COLUMN } else { CARDS_PER_COLUMN };
        // Split by unit, a column shows its few cards at once; unsplit, a window of them.
        let window = (!split).then(|| super::window::Window::new(FIRST_CARDS, MORE_CARDS, 0).up_to(limit).restart_with_filter(route));
        let cards = move || {
            let drawn = window.map_or(limit, |w| w.shown.get());
            // Keyed by what a card shows; a card is made only when its key is new (a move makes two).
            // The cards past the drawn ones are looked at only for the moved ones among them.
            moved.with(|moved| {
                let moved: std::collections::HashSet<&TaskId> = moved.iter().collect();
                lanes.with(|l| {
                    ws.tasks.with(|tasks| {
                        l.get(lane_index)
                            .and_then(|l| l.columns.get(col_index))
                            .map(|c| {
                                let rest = c.iter().skip(drawn).filter(|rk| moved.contains(&tasks[rk.index].id));
                                c.iter()
                                    .take(drawn)
                                    .chain(rest)
                                    .map(|rk| (dondoc::query::drawn_key(&tasks[rk.index], &rk.status), *rk))
                                    .collect::<Vec<_>>()
                            })
                            .unwrap_or_default()
                    })
                })
            })
        };
        let count = move || lanes.with(|l| l.get(lane_index).and_then(|l| l.columns.get(col_index)).map_or(0, Vec::len));
        let more_href = Memo::new(move |_| {
            let mut r = route.get().with_page(Page::Tasks);
            if let Some(u) = unit.clone() {
                r.filter.unit = Some(u);
            }
            if let Column::Status(b) = column {
                r.filter.status = Some(dondoc::query::StatusFilter::Bucket(b));
            }
            to_hash(&r)
        });
        let droppable = matches!(column, Column::Progress(_));
        let over = RwSignal::new(false);
        view! {
            <div
                class="kcol"
                class:drop-target=move || over.get()
                data-column=column_code(column)
                on:dragover=move |ev: leptos::ev::DragEvent| {
                    if droppable && dragged.get_untracked().is_some() {
                        ev.prevent_default();
                        over.set(true);
                    }
                }
                on:dragleave=move |_| over.set(false)
                on:drop=move |ev: leptos::ev::DragEvent| {
                    ev.prevent_default();
                    over.set(false);
                    let id = dragged.get_untracked().or_else(|| ev.data_transfer().and_then(|d| d.get_data("text/plain").ok()).map(TaskId));
                    dragged.set(None);
                    if let (Some(id), Column::Progress(p)) = (id, column) {
                        move_card(id, p);
                    }
                }
            >
                <h3 class="kcol-head"><span>{column_label(column)}</span><span class="kcol-count">{move || thousands(count())}</span></h3>
                <div class="kcol-cards">
                    <For each=cards key=|c| c.0.clone() children=move |(_, rk)| card_view(route.with_untracked(|r| make_card(&rk, r))) />
                </div>
                {window.map(|window| view! { <super::window::WindowEnd window=window total=Signal::derive(count) /> })}
                <Show when=move || { count() > limit }>
                    <a class="kcol-more" href=move || more_href.get()>{move || (bt.more)(count().saturating_sub(limit))}</a>
                </Show>
            </div>
        }
    };

    // The board's frame changes only when its lanes or columns do; a card move redraws two cards.
    let lane_heads = Memo::new(move |_| {
        let names = |l: &Lane| match &l.unit {
            Some(u) => ws.units.with(|units| units.get(u).map(|x| x.name.clone()).unwrap_or_default()),
            None => t.board.no_unit_lane.to_string(),
        };
        lanes.with(|l| l.iter().enumerate().map(|(i, l)| (i, l.unit.clone(), names(l))).collect::<Vec<_>>())
    });
    let board = move || {
        let split = layout.get().swimlanes;
        let cols = columns.get();
        lane_heads
            .get()
            .into_iter()
            .map(|(i, unit, name)| {
                let cols = cols.clone();
                view! {
                    <section class="lane" class:lane-split=split>
                        {split.then(|| view! { <h2 class="lane-head">{name}</h2> })}
                        <div class="kcols" style=format!("--cols: {}", cols.len())>
                            {cols.iter().enumerate().map(|(c, col)| column_view(i, c, *col, split, unit.clone())).collect_view()}
                        </div>
                    </section>
                }
            })
            .collect_view()
    };

    // The "done" dialog: completion date (today by default) and evidence.
    let done_date = RwSignal::new(String::new());
    let done_evidence = RwSignal::new(String::new());
    let done_error = RwSignal::new(false);
    Effect::new(move |_| {
        if let Some(id) = finishing.get() {
            done_date.set(format_date(today()));
            done_evidence.set(ws.tasks.with_untracked(|ts| ts.iter().find(|t| t.id == id).map(|t| t.evidence.clone()).unwrap_or_default()));
            done_error.set(false);
        }
    });
    let confirm_done = move || {
        let Some(id) = finishing.get_untracked() else { return };
        let Some(date) = parse_date(&done_date.get_untracked()) else { return done_error.set(true) };
        finishing.set(None);
        let evidence = done_evidence.get_untracked();
        if ws.move_task(&id, Progress::Done, Some(date), Some(evidence)) {
            moved.update(|m| m.push(id.clone()));
            focus_card(&id);
        }
    };

    view! {
        <section class="list-head">
            <div class="list-title">
                <h1>{t.nav_board}{move || super::task_list::past_as_of(route)}</h1>
                <span class="count" data-testid="task-count">{move || (t.task_count)(listing.counts.get().total)}</span>
            </div>
            <div class="segmented" role="group" aria-label=bt.columns_by>
                <span class="muted">{bt.columns_by}":"</span>
                <button class="btn btn-small" aria-pressed=move || (!layout.get().by_status).to_string() on:click=move |_| set_layout(|l, v| l.by_status = v, false)>{bt.by_progress}</button>
                <button class="btn btn-small" aria-pressed=move || layout.get().by_status.to_string() on:click=move |_| set_layout(|l, v| l.by_status = v, true)>{bt.by_status}</button>
            </div>
            <label class="toggle">
                <input type="checkbox" prop:checked=move || layout.get().swimlanes on:change=move |ev| set_layout(|l, v| l.swimlanes = v, event_target_checked(&ev)) />
                {bt.swimlanes}
            </label>
        </section>
        <FilterBar />
        <BucketSummary listing=listing />
        <Show when=move || { selection.len() > 0 }>
            <super::bulk_bar::BulkBar selection=selection visible=visible />
        </Show>
        <p class="muted small board-hint">{move || if layout.get().by_status { bt.status_mode_hint } else { bt.keyboard_hint }}</p>
        <div class="board">{board}</div>
        <Show when=move || finishing.get().is_some()>
            <Modal on_close=move || finishing.set(None) title_id="done-title">
                <div on:keydown=move |ev| if ev.key() == "Enter" { confirm_done() }>
                    <h2 id="done-title">{bt.done_title}</h2>
                    <p class="muted small">{bt.done_intro}</p>
                    <label class="field" for="done-date">
                        <span class="field-label">{bt.done_date}</span>
                        <input id="done-date" type="text" autofocus class:invalid=move || done_error.get() prop:value=move || done_date.get() on:input=move |ev| done_date.set(event_target_value(&ev)) />
                    </label>
                    <Show when=move || done_error.get()><p class="field-error" role="alert">{t.as_of_invalid}</p></Show>
                    <label class="field" for="done-evidence">
                        <span class="field-label">{bt.done_evidence}</span>
                        <input id="done-evidence" type="text" placeholder=bt.done_evidence_placeholder prop:value=move || done_evidence.get() on:input=move |ev| done_evidence.set(event_target_value(&ev)) />
                    </label>
                    <div class="modal-actions">
                        <button class="btn" on:click=move |_| finishing.set(None)>{t.cancel}</button>
                        <button class="btn btn-primary" on:click=move |_| confirm_done()>{bt.confirm}</button>
                    </div>
                </div>
            </Modal>
        </Show>
    }
}
