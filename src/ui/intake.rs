//! Intake: the drop zone with its keyboard-reachable "Choose files" button,
//! the file list (kind, rows, as-at date and its source, coverage,
//! problems, remove; as-at and coverage editable), and the checklist of
//! what each indicator still needs with the empty templates. Chosen files
//! are kept as the browser's handles, never read here (`files`).

use leptos::prelude::*;

use crate::domain::format;
use crate::domain::ingest::is_workbook_name;
use crate::domain::schema::{Kind, TEMPLATE_KINDS};
use crate::domain::scorecard::FileSummary;
use crate::ui::accessibility::TableRegion;
use crate::ui::state::AppState;
use crate::ui::{browser, files};

/// Hands the chosen or dropped files to the state as handles: nothing is
/// read here but each file's first four bytes (is it a workbook?), so the
/// page never holds the files' contents (`files`).
fn take_files(state: AppState, files: Vec<web_sys::File>) {
    if files.is_empty() {
        return;
    }
    state
        .busy
        .set(Some(format!("Opening {} file(s)…", files.len())));
    // The worker, if these need it, starts while the files are opened: by
    // their sizes and names, known before anything is read.
    let bytes = files.iter().map(|f| f.size() as usize).sum();
    let workbook = files.iter().any(|f| is_workbook_name(&f.name()));
    crate::ui::engine::warm_up(bytes, workbook);
    leptos::task::spawn_local(async move {
        let mut chosen = Vec::with_capacity(files.len());
        let mut failed = Vec::new();
        for file in files {
            match files::choose(file).await {
                Ok(file) => chosen.push(file),
                Err(why) => failed.push(why),
            }
        }
        state
            .notice
            .set((!failed.is_empty()).then(|| failed.join("; ")));
        state.add_files(chosen);
    });
}

/// Has the background reader generate the example (a moment's work); its
/// files are then read like chosen ones.
fn load_example(state: AppState) {
    state
        .busy
        .set(Some("Making the example city's files…".to_string()));
    crate::ui::engine::load_example();
}

#[component]
pub fn DropZone(state: AppState) -> impl IntoView {
    let (over, set_over) = signal(false);
    view! {
        <section
            class="dropzone"
            class:over=move || over.get()
            aria-labelledby="dropzone-title"
            on:dragover=move |ev: web_sys::DragEvent| {
                ev.prevent_default();
                set_over.set(true);
            }
            on:dragleave=move |_| set_over.set(false)
            on:drop=move |ev: web_sys::DragEvent| {
                ev.prevent_default();
                set_over.set(false);
                let files = browser::files_of(ev.data_transfer().and_then(|d| d.files()));
                take_files(state, files);
            }
        >
            <h2 id="dropzone-title">"Your files"</h2>
            <p>
                "Drop your Annex A lists, templates, a teams file or a settings file here, or "
                <label class="button" for="file-input">"Choose files"</label>
                <input
                    id="file-input"
                    class="visually-hidden"
                    type="file"
                    multiple
                    accept=".csv,.txt,.tsv,.json,.xlsx"
                    data-testid="file-input"
                    on:change=move |ev| {
                        let input: web_sys::HtmlInputElement = event_target(&ev);
                        let files = browser::files_of(input.files());
                        take_files(state, files);
                        input.set_value("");
                    }
                />
                " "
                <button
                    type="button"
                    class="button secondary"
                    data-testid="load-example"
                    on:click=move |_| load_example(state)
                >
                    "Load example"
                </button>
            </p>
            <p class="hint">
                "Files are read in this browser only: nothing is uploaded, and nothing but your settings and commentary is kept when you close the page."
            </p>
        </section>
    }
}

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

fn source_text(file: &FileSummary) -> &'static str {
    file.as_at_source.describe()
}

/// Reads a date input's value (`YYYY-MM-DD`) as a date.
fn date_of(ev: &web_sys::Event) -> Option<jiff::civil::Date> {
    let input: web_sys::HtmlInputElement = event_target(ev);
    input.value().parse().ok()
}

/// The file list. Rows are keyed by file name and their cells follow the
/// scorecard, so changing a date or removing another file keeps the row's
/// controls (and the keyboard focus in them) in place; the list stays open
/// or closed as the reader last left it.
#[component]
pub fn FileList(state: AppState) -> impl IntoView {
    let files = Memo::new(move |_| {
        state
            .scorecard
            .get()
            .and_then(|r| r.ok())
            .map(|card| card.files.clone())
            .unwrap_or_default()
    });
    let names = move || files.with(|f| f.iter().map(|f| f.name.clone()).collect::<Vec<_>>());
    let summary = move || {
        files.with(|files| {
            let unreadable = files.iter().filter(|f| f.error.is_some()).count();
            let problems: usize = files.iter().map(|f| f.problems).sum();
            let mut text = format!("{} file(s) read", files.len() - unreadable);
            if unreadable > 0 {
                text.push_str(&format!(", {unreadable} could not be used"));
            }
            if problems > 0 {
                text.push_str(&format!(
                    ", {} data-quality problem(s)",
                    format::thousands(problems as f64)
                ));
            }
            text
        })
    };
    // Open by default when short or when a file could not be used; once
    // the reader opens or closes it, their choice stands.
    let (chosen, set_chosen) = signal(None::<bool>);
    let open = move || {
        chosen
            .get()
            .unwrap_or_else(|| files.with(|f| f.len() <= 12 || f.iter().any(|f| f.error.is_some())))
    };
    view! {
        <Show when=move || files.with(|f| !f.is_empty())>
            <details
                class="file-list"
                prop:open=open
                on:toggle=move |ev| {
                    let details: web_sys::HtmlDetailsElement = event_target(&ev);
                    if details.open() != open() {
                        set_chosen.set(Some(details.open()));
                    }
                }
            >
            <summary>{summary}</summary>
            <TableRegion label="Files read">
            <table class="files">
                <caption class="visually-hidden">"Files read"</caption>
                <thead>
                    <tr>
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
                <tbody>
                    <For
                        each=names
                        key=|name| name.clone()
                        children=move |name| view! { <FileRow state=state files=files name=name/> }
                    />
                </tbody>
            </table>
            </TableRegion>
            </details>
        </Show>
    }
}

/// One file's row: its cells read the file's latest summary by name.
#[component]
fn FileRow(state: AppState, files: Memo<Vec<FileSummary>>, name: String) -> impl IntoView {
    let file = {
        let name = name.clone();
        Memo::new(move |_| files.with(|f| f.iter().find(|f| f.name == name).cloned()))
    };
    let with = move |f: fn(&FileSummary) -> String| {
        move || file.with(|file| file.as_ref().map(f).unwrap_or_default())
    };
    let overrides = move |n: &str| {
        state.inputs.with_untracked(|i| {
            i.iter()
                .find(|f| f.name == n)
                .map(|f| f.overrides.clone())
                .unwrap_or_default()
        })
    };
    let (as_at_name, covers_name, remove_name) = (name.clone(), name.clone(), name.clone());
    view! {
        <tr
            data-file=name.clone()
            data-kind=with(|f| f.kind.clone().unwrap_or_default())
            data-rows=with(|f| f.rows.to_string())
            class:unreadable=move || file.with(|f| f.as_ref().is_some_and(|f| f.error.is_some()))
        >
            <th scope="row">{name.clone()}</th>
            <td>{with(|f| f.error.clone().unwrap_or_else(|| f.kind_name.clone()))}</td>
            <td class="number">{with(|f| format::thousands(f.rows as f64))}</td>
            <td>
                <input
                    type="date"
                    aria-label=format!("As-at date of {name}")
                    prop:value=with(|f| f.as_at.map(|d| d.to_string()).unwrap_or_default())
                    on:change=move |ev| {
                        let mut o = overrides(&as_at_name);
                        o.as_at = date_of(&ev);
                        state.set_overrides(&as_at_name, o);
                    }
                />
                <span class="hint">{with(|f| source_text(f).to_string())}</span>
            </td>
            <td>
                <input
                    type="date"
                    aria-label=format!("Coverage start of {name}")
                    prop:value=with(|f| f.covers_from.map(|d| d.to_string()).unwrap_or_default())
                    on:change=move |ev| {
                        let mut o = overrides(&covers_name);
                        o.covers_from = date_of(&ev);
                        state.set_overrides(&covers_name, o);
                    }
                />
            </td>
            <td>{with(coverage_text)}</td>
            <td class="number">{with(|f| f.problems.to_string())}</td>
            <td>
                <button
                    type="button"
                    class="button small"
                    aria-label=format!("Remove {name}")
                    on:click=move |_| state.remove_file(&remove_name)
                >
                    "Remove"
                </button>
            </td>
        </tr>
    }
}

/// What each indicator still needs, with templates to download.
#[component]
pub fn Checklist(state: AppState) -> impl IntoView {
    let needs = move || {
        let Some(Ok(card)) = state.scorecard.get() else {
            return Vec::new();
        };
        card.indicators
            .iter()
            .filter(|i| !i.missing_inputs.is_empty())
            .map(|i| {
                (
                    i.definition.number,
                    i.definition.title,
                    i.missing_inputs.clone(),
                )
            })
            .collect::<Vec<_>>()
    };
    view! {
        <section class="checklist" aria-labelledby="checklist-title">
            <h2 id="checklist-title">"What each indicator needs"</h2>
            {move || {
                let needs = needs();
                if state.loaded.with(Option::is_none) {
                    view! { <p>"Add files to see which indicators they make."</p> }.into_any()
                } else if needs.is_empty() {
                    view! { <p>"Every indicator has the files it needs."</p> }.into_any()
                } else {
                    view! {
                        <ul>
                            {needs
                                .into_iter()
                                .map(|(number, title, kinds)| {
                                    view! {
                                        <li>
                                            {format!("Indicator {number} ({title}) needs ")}
                                            {kinds.into_iter().map(|kind| view! { <KindNeeded kind=kind/> }).collect_view()}
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                    }
                        .into_any()
                }
            }}
            {move || {
                let unmapped = state
                    .scorecard
                    .get()
                    .and_then(|r| r.ok())
                    .map(|card| card.problems.iter().filter(|p| p.code == "unmapped_team").count())
                    .unwrap_or(0);
                (unmapped > 0).then(|| view! {
                    <p class="needs">
                        {format!("{unmapped} team(s) in your files are not in the team table, so their records count as Unmapped. ")}
                        <button type="button" class="link" on:click=move |_| state.tab.set(crate::ui::state::Tab::Settings)>
                            "Assign them to areas in Settings"
                        </button>
                        " or add a teams file."
                    </p>
                })
            }}
            <p class="hint">
                "Empty templates for what Annex A lacks: "
                {TEMPLATE_KINDS
                    .into_iter()
                    .map(|kind| view! { <TemplateLink kind=kind/> " " })
                    .collect_view()}
            </p>
        </section>
    }
}

#[component]
fn KindNeeded(kind: Kind) -> impl IntoView {
    let template = TEMPLATE_KINDS.contains(&kind);
    view! {
        <span class="need">
            {kind.name()}
            {template.then(|| view! { " — " <TemplateLink kind=kind/> })}
            " "
        </span>
    }
}

#[component]
fn TemplateLink(kind: Kind) -> impl IntoView {
    view! {
        <button
            type="button"
            class="link"
            on:click=move |_| browser::download(&kind.template_file_name(), "text/csv", &kind.template_csv())
        >
            {format!("download {} template", kind.short_name())}
        </button>
    }
}
