//! Intake: the drop zone with its keyboard-reachable "Choose files" button
//! and the checklist of what each indicator still needs with the empty
//! templates (the file list is `file_list`). Chosen files are kept as the
//! browser's handles, never read here (`files`).

use leptos::prelude::*;

use crate::domain::diagnostics::ProblemCode;
use crate::domain::file_list::needs_as_at;
use crate::domain::format;
use crate::domain::schema::{Kind, TEMPLATE_KINDS};
use crate::ui::engine::Engine;
use crate::ui::state::{AppState, Tab};
use crate::ui::{browser, files};

/// Hands the chosen or dropped files to the state as handles: nothing is
/// read here, so the page never holds the files' contents (`files`); the
/// worker reads them.
fn take_files(state: AppState, engine: Engine, files: Vec<web_sys::File>) {
    if files.is_empty() {
        return;
    }
    let mut chosen = Vec::with_capacity(files.len());
    let mut failed = Vec::new();
    for file in files {
        match files::choose(file) {
            Ok(file) => chosen.push(file),
            Err(why) => failed.push(why),
        }
    }
    state
        .notice
        .set((!failed.is_empty()).then(|| failed.join("; ")));
    engine.add_files(chosen);
}

/// Has the background reader generate the example (a moment's work); its
/// files are then read like chosen ones.
fn load_example(state: AppState, engine: Engine) {
    state
        .busy
        .set(Some("Making the example city's files…".to_string()));
    engine.load_example();
}

/// The intake's whole area, folded or not, takes dropped files: the drop
/// zone and, once it is folded away, the files bar. Files are likely to
/// come when the pointer or focus enters it: the worker, which reads them,
/// starts then and compiles while they are picked.
#[component]
pub(crate) fn DropTarget(state: AppState, children: Children) -> impl IntoView {
    let engine = expect_context::<Engine>();
    let (over, set_over) = signal(false);
    view! {
        <div
            class="intake no-print"
            class:over=move || over.get()
            on:pointerenter=move |_| engine.warm_up()
            on:focusin=move |_| engine.warm_up()
            on:dragover=move |ev: web_sys::DragEvent| {
                ev.prevent_default();
                set_over.set(true);
                engine.warm_up();
            }
            on:dragleave=move |_| set_over.set(false)
            on:drop=move |ev: web_sys::DragEvent| {
                ev.prevent_default();
                set_over.set(false);
                let files = browser::files_of(ev.data_transfer().and_then(|d| d.files()));
                take_files(state, engine, files);
            }
        >
            {children()}
        </div>
    }
}

#[component]
pub(crate) fn DropZone(state: AppState) -> impl IntoView {
    let engine = expect_context::<Engine>();
    view! {
        <section class="dropzone" aria-labelledby="dropzone-title">
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
                        take_files(state, engine, files);
                        input.set_value("");
                    }
                />
                " "
                <button
                    type="button"
                    class="button secondary"
                    data-testid="load-example"
                    on:click=move |_| load_example(state, engine)
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

/// What each indicator still needs, with templates to download.
#[component]
pub(crate) fn Checklist(state: AppState) -> impl IntoView {
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
                                            {kinds.into_iter().map(|kind| view! { <KindNeeded state=state kind=kind/> }).collect_view()}
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
                    .map(|card| card.problems.iter().filter(|p| p.code == ProblemCode::UnmappedTeam).count())
                    .unwrap_or(0);
                (unmapped > 0).then(|| view! {
                    <p class="needs">
                        {if unmapped == 1 {
                            "1 team in your files is not in the team table, so its records count as Unmapped. ".to_string()
                        } else {
                            format!("{} in your files are not in the team table, so their records count as Unmapped. ", format::count_of(unmapped, "team", "teams"))
                        }}
                        <button type="button" class="link" on:click=move |_| state.tab.set(Tab::Settings)>
                            "Assign them to areas in Settings"
                        </button>
                        " or add a teams file."
                    </p>
                })
            }}
            // One link a line-item, apart: five links in a sentence ran
            // together as one underlined line.
            <p class="hint" id="templates-title">"Empty templates for what Annex A lacks:"</p>
            <ul class="templates hint" aria-labelledby="templates-title">
                {TEMPLATE_KINDS
                    .into_iter()
                    .map(|kind| view! { <li><TemplateLink kind=kind/></li> })
                    .collect_view()}
            </ul>
        </section>
    }
}

/// A kind an indicator still needs: its template when it has one, or,
/// when a file of that kind was given without an as-at date, that file.
#[component]
fn KindNeeded(state: AppState, kind: Kind) -> impl IntoView {
    let template = TEMPLATE_KINDS.contains(&kind);
    let undated: Vec<String> = state.files.with_untracked(|files| {
        files
            .iter()
            .filter(|f| f.kind.as_deref() == Some(kind.id()) && needs_as_at(f))
            .map(|f| f.name.clone())
            .collect()
    });
    view! {
        <span class="need">
            {kind.name()}
            {(!undated.is_empty()).then(|| format!(
                " ({} given, but with no as-at date: set it under Files that need you)",
                undated.join(", ")
            ))}
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
