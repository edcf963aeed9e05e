//! The page: a Leptos single-page app over the engine. Components read the
//! state (`AppState`, passed down) and ask the engine (`Engine`, a context
//! provided here) for what needs it; none computes a figure.
//!
//! Module graph, one way only: components → `engine` → `state`; `engine`
//! → `files`, `browser`. `state` imports no other page module but `files`
//! and `browser`. Everything is `pub(crate)` but what the binaries and the
//! browser tests use (`start`, `browser`).

mod accessibility;
mod attention;
pub mod browser;
mod commentary;
mod engine;
mod file_list;
mod files;
mod files_bar;
mod help;
mod history_kept;
mod intake;
mod marks;
mod papers;
mod quality;
mod scorecard_view;
mod settings_view;
mod sign_off;
mod state;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::domain::export;
use crate::domain::month::Month;
use attention::AsAtAttention;
use engine::Engine;
use file_list::FileList;
use files_bar::{DETAILS_ID, FilesBar, Intake, PANEL_ID};
use intake::{Checklist, DropTarget, DropZone};
use quality::DataQuality;
use scorecard_view::ScorecardView;
use settings_view::SettingsEditor;
use state::{AppState, PrintLayout, Tab};

/// Installs the panic hook and mounts the app.
pub fn start() {
    std::panic::set_hook(Box::new(|info| {
        let message = format!(
            "Something went wrong inside the page, so it has stopped. Your files were not sent anywhere. \
             Reload the page to start again, and please report this: {info}"
        );
        web_sys::console::error_1(&message.clone().into());
        if let Some(element) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id("panic"))
        {
            element.set_text_content(Some(&message));
            let _ = element.remove_attribute("hidden");
        }
    }));
    leptos::mount::mount_to_body(App);
}

#[component]
fn App() -> impl IntoView {
    let state = AppState::new();
    let engine = Engine::new(state);
    provide_context(engine);
    let intake = Intake::new(state);
    // The worker that reads the files starts once the page is idle, so its
    // module is fetched and compiled while the analyst picks files and the
    // first read never waits for it (issue 18). After the page is
    // interactive, so it adds nothing to the opening transfer or to the
    // time to interactive; a drag, a pointer over the drop zone or a
    // chosen file start it sooner.
    request_idle_callback(move || engine.warm_up());
    // history.md, "Sign-off": the history kept at the last sign-off is
    // used again when the page opens.
    if let Some(kept) = history_kept::kept_file() {
        engine.add_files(vec![kept]);
    }
    view! {
        <header class="page-header">
            <h1>"Children's services performance scorecard"</h1>
            <p class="tagline">"Your monthly extracts in, the scorecard out — all in this browser."</p>
        </header>
        <main>
            <DropTarget state=state>
                <FilesBar state=state intake=intake/>
                <div id=PANEL_ID hidden=move || !intake.expanded.get()>
                    <DropZone state=state/>
                </div>
                <Progress state=state/>
                <sign_off::KeptHistoryNote state=state/>
                <AsAtAttention state=state/>
                <div id=DETAILS_ID class="intake-details" hidden=move || !intake.expanded.get()>
                    <FileList state=state/>
                    <Checklist state=state/>
                </div>
            </DropTarget>
            <div class="toolbar no-print">
                <Tabs state=state/>
                <div class="actions">
                    <MonthPicker state=state/>
                    <Exports state=state/>
                    <sign_off::SignOffButtons state=state/>
                </div>
            </div>
            <div
                class="tab-panel"
                role="tabpanel"
                id="view-panel"
                aria-labelledby=move || state.tab.get().id()
            >
                {move || match state.tab.get() {
                    Tab::Scorecard => view! { <ScorecardView state=state/> }.into_any(),
                    Tab::DataQuality => view! { <DataQuality state=state/> }.into_any(),
                    Tab::Settings => view! { <SettingsEditor state=state/> }.into_any(),
                    Tab::Help => view! { <help::Help/> }.into_any(),
                }}
            </div>
        </main>
        <accessibility::AccessibilityFooter/>
    }
}

#[component]
fn Progress(state: AppState) -> impl IntoView {
    let engine = expect_context::<Engine>();
    view! {
        <div
            id="timings"
            hidden
            data-read-ms=move || state.steps.get().read.to_string()
            data-parse-ms=move || state.steps.get().parse.to_string()
            data-compute-ms=move || state.steps.get().compute.to_string()
            data-render-ms=move || state.steps.get().render.to_string()
            data-heap-bytes=move || { state.steps.track(); browser::heap_bytes().to_string() }
            data-worker-heap-bytes=move || state.steps.get().worker_heap.to_string()
            data-worker-ready-ms=move || state.steps.get().worker_ready_at.to_string()
            data-worker-warm-ms=move || state.steps.get().worker_warm_at.to_string()
            data-disk-ms=move || state.steps.get().disk.to_string()
            data-second-reader-files=move || state.steps.get().second_files.to_string()
            data-handover-ms=move || state.steps.get().handover.to_string()
        ></div>
        <p class="progress" role="status" aria-live="polite">
            {move || state.busy.get().or_else(|| state.timing.get())}
            {move || state.busy.get().and(state.done.get()).map(|done| view! {
                " "
                <progress max="1" value=done.to_string() aria-label="Share of the files read"></progress>
            })}
            {move || state.busy.get().is_some().then(|| view! {
                " "
                <button type="button" class="button small secondary" on:click=move |_| engine.cancel()>
                    "Cancel"
                </button>
            })}
            {move || state.notice.get().map(|n| format!(" {n}"))}
        </p>
    }
}

/// The views as a tablist (WAI-ARIA tabs, as the GOV.UK Design System's):
/// one tab in the Tab order, the chosen one; the arrow keys, Home and End
/// move between tabs and show each at once (every view is quick to show).
#[component]
fn Tabs(state: AppState) -> impl IntoView {
    let on_key = move |ev: web_sys::KeyboardEvent| {
        let now = state.tab.get_untracked();
        let next = match ev.key().as_str() {
            "ArrowRight" => now.step(1),
            "ArrowLeft" => now.step(-1),
            "Home" => Tab::Scorecard,
            "End" => Tab::Help,
            _ => return,
        };
        ev.prevent_default();
        state.tab.set(next);
        if let Some(tab) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id(next.id()))
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = tab.focus();
        }
    };
    view! {
        <div class="tabs" role="tablist" aria-label="Views" on:keydown=on_key>
            {Tab::ALL
                .into_iter()
                .map(|tab| {
                    let selected = move || state.tab.get() == tab;
                    view! {
                        <button
                            type="button"
                            class="tab"
                            role="tab"
                            id=tab.id()
                            aria-controls="view-panel"
                            aria-selected=move || selected().to_string()
                            tabindex=move || if selected() { "0" } else { "-1" }
                            on:click=move |_| state.tab.set(tab)
                        >
                            {tab.label()}
                        </button>
                    }
                })
                .collect_view()}
        </div>
    }
}

/// The reporting month: a `<select>` of the months the data reach, the
/// default (latest computable) first chosen.
#[component]
fn MonthPicker(state: AppState) -> impl IntoView {
    let months = move || {
        let Some(info) = state.loaded.get() else {
            return Vec::new();
        };
        let Some(latest) = info.latest_month else {
            return Vec::new();
        };
        // Three years back, or to the earliest month the history holds
        // (twenty years at most).
        let mut back = 35;
        while let Some(earliest) = info.earliest_month
            && latest.plus(-back) > earliest
            && back < 240
        {
            back += 1;
        }
        (0..=back)
            .map(|back| latest.plus(-back))
            .collect::<Vec<Month>>()
    };
    let current = move || {
        state
            .scorecard
            .get()
            .and_then(|r| r.ok())
            .map(|card| card.month.to_string())
            .unwrap_or_default()
    };
    view! {
        <label class="month">
            "Month "
            <select
                data-testid="month"
                prop:value=current
                disabled=move || months().is_empty()
                on:change=move |ev| state.month.set(Month::parse(&event_target_value(&ev)))
            >
                {move || {
                    let months = months();
                    if months.is_empty() {
                        // Not blank: say why there is nothing to choose.
                        return view! { <option value="">"None yet: add files"</option> }.into_any();
                    }
                    months
                        .into_iter()
                        .map(|m| view! { <option value=m.to_string()>{m.long_label()}</option> })
                        .collect_view()
                        .into_any()
                }}
            </select>
        </label>
    }
}

#[component]
fn Exports(state: AppState) -> impl IntoView {
    let card = move || state.scorecard.get_untracked().and_then(|r| r.ok());
    // Nothing to export or print before a scorecard shows: the buttons say
    // so rather than act on nothing.
    let none = move || !matches!(state.scorecard.get(), Some(Ok(_)));
    let why = move || none().then_some("exports-why");
    view! {
        <span class="exports">
            <span class="hint" id="exports-why" hidden=move || !none()>
                "Exports and print are ready once a scorecard shows."
            </span>
            <button type="button" class="button small secondary" data-testid="export-csv" disabled=none aria-describedby=why on:click=move |_| {
                if let Some(card) = card() {
                    browser::download(&format!("scorecard-{}.csv", card.month), "text/csv", &export::to_csv(&card));
                }
            }>"Export CSV"</button>
            <button type="button" class="button small secondary" data-testid="export-json" disabled=none aria-describedby=why on:click=move |_| {
                if let Some(card) = card() {
                    let json = serde_json::to_string_pretty(&export::to_json(&card)).unwrap_or_default();
                    browser::download(&format!("scorecard-{}.json", card.month), "application/json", &json);
                }
            }>"Export JSON"</button>
            <papers::PaperButtons state=state/>
            <button type="button" class="button small" data-testid="print" disabled=none aria-describedby=why on:click=move |_| {
                if let Some(window) = web_sys::window() { let _ = window.print(); }
            }>"Print"</button>
            <label class="print-option">
                "Print layout "
                <select
                    data-testid="print-layout"
                    prop:value=move || state.print_layout.get().id()
                    on:change=move |ev| {
                        let layout = PrintLayout::parse(&event_target_value(&ev));
                        state.print_layout.set(layout);
                        // Each layout starts with its own default for charts.
                        state.print_charts.set(layout == PrintLayout::Detailed);
                    }
                >
                    <option value="detailed">"Detailed"</option>
                    <option value="compact">"Compact"</option>
                </select>
            </label>
            <label class="print-option">
                <input type="checkbox" data-testid="print-charts" prop:checked=move || state.print_charts.get()
                    on:change=move |ev| state.print_charts.set(event_target_checked(&ev))/>
                " Charts in print"
            </label>
            <label class="print-option">
                <input type="checkbox" prop:checked=move || state.landscape.get()
                    on:change=move |ev| state.landscape.set(event_target_checked(&ev))/>
                " Landscape"
            </label>
            <label class="print-option">
                <input type="checkbox" prop:checked=move || state.publishable.get()
                    on:change=move |ev| state.publishable.set(event_target_checked(&ev))/>
                {move || match state.settings.with(|s| s.suppress_below) {
                    Some(n) => format!(" Publishable print (counts under {n} hidden)"),
                    None => " Publishable print (set a threshold in Settings)".to_string(),
                }}
            </label>
        </span>
    }
}
