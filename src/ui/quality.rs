//! The data-quality report: problems grouped by file, kind of problem and
//! column, with counts and an example each; filterable by file and
//! severity; downloadable as CSV (inputs.md, "Bad input"), as the engine
//! writes it (`export::problems_csv`).

use std::collections::BTreeMap;
use std::sync::Arc;

use leptos::prelude::*;

use crate::domain::diagnostics::{Problem, Severity};
use crate::domain::export::problems_csv;
use crate::domain::format;
use crate::domain::scorecard::Scorecard;
use crate::ui::accessibility::TableRegion;
use crate::ui::browser;
use crate::ui::state::AppState;

/// A group of repeated problems.
#[derive(Clone)]
struct Group {
    file: String,
    column: String,
    severity: Severity,
    count: usize,
    example: Problem,
}

fn groups(problems: &[Problem], file: &str, severity: Option<Severity>) -> Vec<Group> {
    let mut groups: BTreeMap<(Severity, String, String, String), Group> = BTreeMap::new();
    for p in problems {
        if (!file.is_empty() && p.file != file) || severity.is_some_and(|s| s != p.severity) {
            continue;
        }
        groups
            .entry((
                p.severity,
                p.file.clone(),
                p.code.to_string(),
                p.column.clone(),
            ))
            .or_insert_with(|| Group {
                file: p.file.clone(),
                column: p.column.clone(),
                severity: p.severity,
                count: 0,
                example: p.clone(),
            })
            .count += 1;
    }
    groups.into_values().collect()
}

#[component]
pub(crate) fn DataQuality(state: AppState) -> impl IntoView {
    let card = move || state.scorecard.get().and_then(|r| r.ok());
    let (file, set_file) = signal(String::new());
    let (severity, set_severity) = signal(None::<Severity>);
    view! {
        {move || match card() {
            None => view! { <p>"No files read yet."</p> }.into_any(),
            Some(card) => view! { <Report card=card file=file set_file=set_file severity=severity set_severity=set_severity/> }.into_any(),
        }}
    }
}

#[component]
fn Report(
    card: Arc<Scorecard>,
    file: ReadSignal<String>,
    set_file: WriteSignal<String>,
    severity: ReadSignal<Option<Severity>>,
    set_severity: WriteSignal<Option<Severity>>,
) -> impl IntoView {
    let total = card.problems.len();
    let files: Vec<String> = {
        let mut names: Vec<String> = card.problems.iter().map(|p| p.file.clone()).collect();
        names.sort();
        names.dedup();
        names
    };
    let csv_card = card.clone();
    let list_card = card.clone();
    view! {
        <section class="quality" aria-labelledby="quality-title">
            <h2 id="quality-title">
                "Data quality: "
                <span data-testid="problems" data-value=total.to_string()>{format::thousands(total as f64)}</span>
                {if total == 1 { " problem" } else { " problems" }}
            </h2>
            <div class="filters">
                <label>
                    "File "
                    <select on:change=move |ev| set_file.set(event_target_value(&ev))>
                        <option value="">"All files"</option>
                        {files.into_iter().map(|f| view! { <option value=f.clone()>{f.clone()}</option> }).collect_view()}
                    </select>
                </label>
                <label>
                    " Severity "
                    <select on:change=move |ev| {
                        set_severity.set(Severity::parse(&event_target_value(&ev)))
                    }>
                        <option value="">"All"</option>
                        {Severity::ALL.map(|s| view! { <option value=s.as_str()>{s.filter_label()}</option> }).collect_view()}
                    </select>
                </label>
                " "
                <button type="button" class="button small" on:click=move |_| {
                    browser::download("data-quality.csv", "text/csv", &problems_csv(&csv_card.problems))
                }>"Download all as CSV"</button>
            </div>
            {move || {
                let groups = groups(&list_card.problems, &file.get(), severity.get());
                if groups.is_empty() {
                    return view! { <p>"No problems to show."</p> }.into_any();
                }
                view! {
                    <TableRegion label="Problems grouped by file, kind and column">
                    <table class="quality-table">
                        <caption class="visually-hidden">"Problems grouped by file, kind and column"</caption>
                        <thead>
                            <tr>
                                <th scope="col">"Severity"</th>
                                <th scope="col">"File"</th>
                                <th scope="col">"Column"</th>
                                <th scope="col">"Rows"</th>
                                <th scope="col">"Example"</th>
                            </tr>
                        </thead>
                        <tbody>
                            {groups.into_iter().map(|g| {
                                let example = match (g.example.row, g.example.value.is_empty()) {
                                    (Some(row), false) => format!("row {row} `{}`: {}", g.example.value, g.example.message),
                                    (Some(row), true) => format!("row {row}: {}", g.example.message),
                                    (None, _) => g.example.message.clone(),
                                };
                                let severity = g.severity.label();
                                view! {
                                    <tr>
                                        <td>{severity}</td>
                                        <td>{g.file}</td>
                                        <td>{g.column}</td>
                                        <td class="number">{format::thousands(g.count as f64)}</td>
                                        <td>{example}</td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                    </TableRegion>
                }.into_any()
            }}
        </section>
    }
}
