//! The file list: one entry per file chosen, a workbook's sheets grouped
//! under it with one as-at date for the whole workbook (one extraction);
//! kind, rows, as-at date and how it was found, coverage (its start
//! editable), problems and remove. Files can be ticked and given one as-at
//! date at once. The list is open unless closed, and opens again by
//! itself when a file needs attention (`attention`). Grouping and what an edit does are the engine's
//! (`domain::file_list`); this only shows them and asks the engine to
//! read again with the edit (`Engine`).

use leptos::prelude::*;

use crate::domain::file_list::{InputGroup, group_by_input, needs_as_at};
use crate::domain::format;
use crate::domain::ingest::SHEET_SEPARATOR;
use crate::domain::scorecard::FileSummary;
use crate::ui::accessibility::TableRegion;
use crate::ui::engine::Engine;
use crate::ui::state::AppState;

fn coverage_text(file: &FileSummary) -> String {
    match (file.covers_from, file.covers_to) {
        (Some(from), Some(to)) if from == to => format::date(to),
        (Some(from), Some(to)) => format!(
            "{} – {}",
            crate::domain::month::Month::of(from).label(),
            crate::domain::month::Month::of(to).label()
        ),
        _ => "–".to_string(),
    }
}

/// How a file's as-at date was found; nothing for a file that needs none
/// (a team table, an unrecognised file).
fn as_at_hint(file: &FileSummary) -> String {
    if file.as_at.is_some() || needs_as_at(file) {
        file.as_at_source.describe().to_string()
    } else {
        String::new()
    }
}

/// Reads a date input's value (`YYYY-MM-DD`) as a date (`None` when cleared).
pub(crate) fn date_of(ev: &web_sys::Event) -> Option<jiff::civil::Date> {
    let input: web_sys::HtmlInputElement = event_target(ev);
    input.value().parse().ok()
}

/// The analyst's own open or close of a folding part (`None` until they
/// choose): it stands until `attention` newly turns true, when it gives
/// way so the part can open by itself again (the file list, the intake).
pub(crate) fn choice_until_attention(attention: Memo<bool>) -> RwSignal<Option<bool>> {
    let chosen = RwSignal::new(None::<bool>);
    Effect::new(move |before: Option<bool>| {
        let now = attention.get();
        if now && before == Some(false) {
            chosen.set(None);
        }
        now
    });
    chosen
}

/// Whether anything on the page asks the analyst about a file: an as-at
/// date unknown, or an extract too late for the month shown.
pub(crate) fn needs_attention(state: AppState) -> bool {
    state.files.with(|files| files.iter().any(needs_as_at))
        || state.scorecard.with(|card| {
            card.as_ref()
                .and_then(|r| r.as_ref().ok())
                .is_some_and(|card| !card.late_extracts.is_empty())
        })
}

#[component]
pub(crate) fn FileList(state: AppState) -> impl IntoView {
    let groups = Memo::new(move |_| state.files.with(|f| group_by_input(f)));
    let inputs = move || groups.with(|g| g.iter().map(|g| g.input.clone()).collect::<Vec<_>>());
    let selected = RwSignal::new(Vec::<String>::new());
    // Forget ticks on files no longer listed.
    Effect::new(move |_| {
        let listed = inputs();
        if selected.with_untracked(|s| s.iter().any(|name| !listed.contains(name))) {
            selected.update(|s| s.retain(|name| listed.contains(name)));
        }
    });
    let summary = move || {
        state.files.with(|files| {
            let unreadable = files.iter().filter(|f| f.error.is_some()).count();
            let problems: usize = files.iter().map(|f| f.problems).sum();
            let undated = files.iter().filter(|f| needs_as_at(f)).count();
            let mut text = format!(
                "{} read",
                format::count_of(files.len() - unreadable, "file", "files")
            );
            if unreadable > 0 {
                text.push_str(&format!(", {unreadable} could not be used"));
            }
            if undated > 0 {
                text.push_str(&format!(", {undated} without an as-at date"));
            }
            if problems > 0 {
                text.push_str(&format!(
                    ", {}",
                    format::count_of(problems, "data-quality problem", "data-quality problems")
                ));
            }
            text
        })
    };
    // Open by default: the files bar folds the whole intake away once a
    // scorecard shows (`files_bar`), and whoever opens it wants the list.
    // Once the reader closes or opens it here, their choice stands until
    // something new needs attention.
    let chosen = choice_until_attention(Memo::new(move |_| needs_attention(state)));
    let open = move || chosen.get().unwrap_or(true);
    let all_ticked = move || {
        let listed = inputs();
        !listed.is_empty() && selected.with(|s| listed.iter().all(|n| s.contains(n)))
    };
    view! {
        <Show when=move || state.files.with(|f| !f.is_empty())>
            <details
                class="file-list"
                data-testid="file-list"
                prop:open=open
                on:toggle=move |ev| {
                    let details: web_sys::HtmlDetailsElement = event_target(&ev);
                    if details.open() != open() {
                        chosen.set(Some(details.open()));
                    }
                }
            >
            <summary>{summary}</summary>
            <BulkAsAt selected=selected/>
            <TableRegion label="Files read">
            <table class="files">
                <caption class="visually-hidden">"Files read"</caption>
                <thead>
                    <tr>
                        <th scope="col">
                            <input
                                type="checkbox"
                                aria-label="Select every file"
                                prop:checked=all_ticked
                                on:change=move |ev| {
                                    let tick = event_target_checked(&ev);
                                    selected.set(if tick { inputs() } else { Vec::new() });
                                }
                            />
                        </th>
                        <th scope="col">"File"</th>
                        <th scope="col">"Recognised as"</th>
                        <th scope="col">"Rows"</th>
                        <th scope="col">"As at"</th>
                        <th scope="col">"Covers from"</th>
                        <th scope="col">"Coverage"</th>
                        <th scope="col">"Problems"</th>
                        <th scope="col"><span class="visually-hidden">"Remove"</span></th>
                    </tr>
                </thead>
                <For
                    each=inputs
                    key=|name| name.clone()
                    children=move |input| view! {
                        <InputRows groups=groups input=input selected=selected/>
                    }
                />
            </table>
            </TableRegion>
            </details>
        </Show>
    }
}

/// Gives the ticked files one as-at date.
#[component]
fn BulkAsAt(selected: RwSignal<Vec<String>>) -> impl IntoView {
    let engine = expect_context::<Engine>();
    let (date, set_date) = signal(None::<jiff::civil::Date>);
    view! {
        <Show when=move || selected.with(|s| !s.is_empty())>
            <p class="bulk-as-at" data-testid="bulk-as-at">
                <label>
                    {move || format!("As-at date for the {} ", selected.with(|s| format::count_of(s.len(), "selected file", "selected files")))}
                    <input
                        type="date"
                        data-testid="bulk-as-at-date"
                        on:change=move |ev| set_date.set(date_of(&ev))
                    />
                </label>
                " "
                <button
                    type="button"
                    class="button small"
                    data-testid="bulk-as-at-apply"
                    on:click=move |_| {
                        if let Some(date) = date.get_untracked() {
                            let names = selected.get_untracked();
                            selected.set(Vec::new());
                            engine.set_as_at(&names, Some(date));
                        }
                    }
                >
                    "Set"
                </button>
                " "
                <button type="button" class="button small secondary" on:click=move |_| selected.set(Vec::new())>
                    "Clear selection"
                </button>
            </p>
        </Show>
    }
}

/// One input's rows: a file, or a workbook's row and its sheets' rows.
#[component]
fn InputRows(
    groups: Memo<Vec<InputGroup>>,
    input: String,
    selected: RwSignal<Vec<String>>,
) -> impl IntoView {
    let group = {
        let input = input.clone();
        Memo::new(move |_| groups.with(|g| g.iter().find(|g| g.input == input).cloned()))
    };
    let workbook = Memo::new(move |_| group.with(|g| g.as_ref().is_some_and(|g| g.workbook)));
    let sheets = move || {
        group.with(|g| {
            g.as_ref()
                .map(|g| g.files.iter().map(|f| f.name.clone()).collect::<Vec<_>>())
                .unwrap_or_default()
        })
    };
    let attribute = input.clone();
    view! {
        <tbody class="input-group" class:workbook=move || workbook.get() data-input=attribute>
            {move || if workbook.get() {
                view! {
                    <WorkbookRow group=group input=input.clone() selected=selected/>
                    <For
                        each=sheets
                        key=|name| name.clone()
                        children=move |name| view! { <FileRow group=group name=name selected=None/> }
                    />
                }
                    .into_any()
            } else {
                view! { <FileRow group=group name=input.clone() selected=Some(selected)/> }.into_any()
            }}
        </tbody>
    }
}

#[component]
fn SelectBox(input: String, selected: RwSignal<Vec<String>>) -> impl IntoView {
    let name = input.clone();
    view! {
        <input
            type="checkbox"
            aria-label=format!("Select {input}")
            prop:checked=move || selected.with(|s| s.contains(&name))
            on:change=move |ev| {
                let tick = event_target_checked(&ev);
                let input = input.clone();
                selected.update(|s| {
                    s.retain(|n| *n != input);
                    if tick {
                        s.push(input);
                    }
                });
            }
        />
    }
}

/// A workbook's own row: one as-at date for every sheet.
#[component]
fn WorkbookRow(
    group: Memo<Option<InputGroup>>,
    input: String,
    selected: RwSignal<Vec<String>>,
) -> impl IntoView {
    let engine = expect_context::<Engine>();
    let shared = move || group.with(|g| g.as_ref().and_then(InputGroup::shared_as_at));
    let as_at_value = move || {
        shared()
            .and_then(|(date, _)| date)
            .map(|d| d.to_string())
            .unwrap_or_default()
    };
    let source = move || match shared() {
        Some((_, source)) => source.describe(),
        None => "differs between sheets",
    };
    let sheets = move || group.with(|g| g.as_ref().map_or(0, |g| g.files.len()));
    let (as_at_name, remove_name) = (input.clone(), input.clone());
    view! {
        <tr class="workbook-row" data-workbook=input.clone()>
            <td><SelectBox input=input.clone() selected=selected/></td>
            <th scope="row">{input.clone()}</th>
            <td>{move || format!("Excel workbook, {}", format::count_of(sheets(), "sheet", "sheets"))}</td>
            <td class="number">{move || group.with(|g| format::thousands(g.as_ref().map_or(0, InputGroup::rows) as f64))}</td>
            <td>
                <input
                    type="date"
                    aria-label=format!("As-at date of {input}, every sheet")
                    data-testid="workbook-as-at"
                    prop:value=as_at_value
                    on:change=move |ev| engine.set_as_at(std::slice::from_ref(&as_at_name), date_of(&ev))
                />
                <span class="hint">{source}</span>
            </td>
            <td></td>
            <td></td>
            <td class="number">{move || group.with(|g| format::thousands(g.as_ref().map_or(0, InputGroup::problems) as f64))}</td>
            <td><RemoveButton name=remove_name/></td>
        </tr>
    }
}

/// One file's row (a file chosen, or one sheet of a workbook): its cells
/// read the file's latest summary by name, so a date change keeps the row
/// and the keyboard focus in place.
#[component]
fn FileRow(
    group: Memo<Option<InputGroup>>,
    name: String,
    /// The ticks, for a file chosen (a sheet is ticked with its workbook).
    selected: Option<RwSignal<Vec<String>>>,
) -> impl IntoView {
    let engine = expect_context::<Engine>();
    let file = {
        let name = name.clone();
        Memo::new(move |_| {
            group.with(|g| {
                g.as_ref()
                    .and_then(|g| g.files.iter().find(|f| f.name == name).cloned())
            })
        })
    };
    let with = move |f: fn(&FileSummary) -> String| {
        move || file.with(|file| file.as_ref().map(f).unwrap_or_default())
    };
    let sheet = name
        .split_once(SHEET_SEPARATOR)
        .map(|(_, sheet)| sheet.to_string());
    let is_sheet = sheet.is_some();
    let shown = sheet.unwrap_or_else(|| name.clone());
    let (as_at_name, covers_name, remove_name) = (name.clone(), name.clone(), name.clone());
    let undated = move || file.with(|f| f.as_ref().is_some_and(needs_as_at));
    let as_at_cell = if is_sheet {
        // A sheet shows its date; the workbook's row sets it.
        view! {
            <td>
                {with(|f| f.as_at.map(format::date).unwrap_or_else(|| "–".to_string()))}
                <span class="hint">{with(as_at_hint)}</span>
            </td>
        }
        .into_any()
    } else {
        view! {
            <td>
                <input
                    type="date"
                    aria-label=format!("As-at date of {name}")
                    prop:value=with(|f| f.as_at.map(|d| d.to_string()).unwrap_or_default())
                    on:change=move |ev| engine.set_as_at(std::slice::from_ref(&as_at_name), date_of(&ev))
                />
                <span class="hint">{with(as_at_hint)}</span>
            </td>
        }
        .into_any()
    };
    view! {
        <tr
            data-file=name.clone()
            data-kind=with(|f| f.kind.clone().unwrap_or_default())
            data-rows=with(|f| f.rows.to_string())
            data-as-at=with(|f| f.as_at.map(|d| d.to_string()).unwrap_or_default())
            class:sheet-row=is_sheet
            class:unreadable=move || file.with(|f| f.as_ref().is_some_and(|f| f.error.is_some()))
            class:undated=undated
        >
            <td>{selected.map(|selected| view! { <SelectBox input=name.clone() selected=selected/> })}</td>
            <th scope="row">{shown}</th>
            <td>{with(|f| f.error.clone().unwrap_or_else(|| f.kind_name.clone()))}</td>
            <td class="number">{with(|f| format::thousands(f.rows as f64))}</td>
            {as_at_cell}
            <td>
                <input
                    type="date"
                    aria-label=format!("Coverage start of {name}")
                    prop:value=with(|f| f.covers_from.map(|d| d.to_string()).unwrap_or_default())
                    on:change=move |ev| engine.set_covers_from(&covers_name, date_of(&ev))
                />
            </td>
            <td class="coverage">{with(coverage_text)}</td>
            <td class="number">{with(|f| format::thousands(f.problems as f64))}</td>
            <td>{(!is_sheet).then(|| view! { <RemoveButton name=remove_name/> })}</td>
        </tr>
    }
}

/// Removes a file chosen (a workbook with all its sheets).
#[component]
fn RemoveButton(name: String) -> impl IntoView {
    let engine = expect_context::<Engine>();
    view! {
        <button
            type="button"
            class="button small secondary"
            aria-label=format!("Remove {name}")
            on:click=move |_| engine.remove_file(&name)
        >
            "Remove"
        </button>
    }
}
