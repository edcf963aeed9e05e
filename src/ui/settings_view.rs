//! The settings editor: teams and areas, populations, per-indicator targets,
//! tolerances, polarities and benchmarks, and options; import and export of
//! `scorecard-settings.json`; reset. Teams the files use that the table
//! lacks are listed with an area to assign in place. Changes recompute the
//! scorecard without re-reading the files.

use leptos::prelude::*;

use crate::domain::diagnostics::ProblemCode;
use crate::domain::indicators::ALL;
use crate::domain::month::Month;
use crate::domain::settings::{
    AreaRow, Basis, IndicatorOverrides, Override, Polarity, PreviousMode, SERIES_MONTHS, Settings,
    TeamRow,
};
use crate::ui::accessibility::TableRegion;
use crate::ui::browser;
use crate::ui::state::AppState;

fn number_text(value: Option<f64>) -> String {
    value.map(|v| v.to_string()).unwrap_or_default()
}

fn parse_number(text: &str) -> Option<f64> {
    let text = text.trim();
    if text.is_empty() {
        None
    } else {
        text.parse().ok()
    }
}

/// A labelled text input bound to one setting.
fn text_field(
    state: AppState,
    label: &'static str,
    get: impl Fn(&Settings) -> String + Send + Sync + 'static,
    set: impl Fn(&mut Settings, String) + Send + Sync + 'static,
) -> impl IntoView {
    view! {
        <label class="field">
            <span>{label}</span>
            <input
                type="text"
                prop:value=move || state.settings.with(|s| get(s))
                on:change=move |ev| {
                    let text = event_target_value(&ev);
                    state.settings.update(|s| set(s, text));
                }
            />
        </label>
    }
}

/// The editor's word for a basis.
fn basis_label(basis: Basis) -> &'static str {
    match basis {
        Basis::Fte => "full-time equivalent",
        Basis::Headcount => "head",
    }
}

/// The editor's word for a polarity ("Better when …").
fn polarity_label(polarity: Polarity) -> &'static str {
    match polarity {
        Polarity::Up => "higher",
        Polarity::Down => "lower",
        Polarity::None => "not rated",
    }
}

/// A `<select>` of a basis setting; its option values are the settings
/// document's names.
fn basis_field(
    state: AppState,
    label: &'static str,
    get: fn(&Settings) -> Basis,
    set: fn(&mut Settings, Basis),
) -> impl IntoView {
    view! {
        <label class="field">
            <span>{label}</span>
            <select prop:value=move || state.settings.with(|s| get(s).as_str())
                on:change=move |ev| {
                    if let Some(basis) = Basis::parse(&event_target_value(&ev)) {
                        state.settings.update(|s| set(s, basis));
                    }
                }>
                {Basis::ALL.map(|b| view! { <option value=b.as_str()>{basis_label(b)}</option> }).collect_view()}
            </select>
        </label>
    }
}

#[component]
pub(crate) fn SettingsEditor(state: AppState) -> impl IntoView {
    let (message, set_message) = signal(None::<String>);
    view! {
        <section class="settings" aria-labelledby="settings-title">
            <h2 id="settings-title">"Settings"</h2>
            <p class="hint">"Kept in this browser (settings only, never your data). Export them to share with colleagues."</p>
            <div class="settings-actions">
                <button type="button" class="button small" on:click=move |_| {
                    let json = state.settings.with_untracked(Settings::to_json);
                    browser::download("scorecard-settings.json", "application/json", &json);
                }>"Export settings"</button>
                <label class="button small secondary" for="settings-import">"Import settings"</label>
                <input id="settings-import" class="visually-hidden" type="file" accept=".json"
                    on:change=move |ev| {
                        let input: web_sys::HtmlInputElement = event_target(&ev);
                        let Some(file) = browser::files_of(input.files()).into_iter().next() else { return };
                        input.set_value("");
                        leptos::task::spawn_local(async move {
                            let text = browser::read_bytes(file).await.ok().and_then(|b| String::from_utf8(b).ok()).unwrap_or_default();
                            match Settings::from_json(&text) {
                                Ok(settings) => {
                                    state.settings.set(settings);
                                    set_message.set(Some("Settings imported.".into()));
                                }
                                Err(error) => set_message.set(Some(error.to_string())),
                            }
                        });
                    }
                />
                <button type="button" class="button small secondary" on:click=move |_| {
                    state.settings.set(Settings::default());
                    set_message.set(Some("Settings reset to the defaults.".into()));
                }>"Reset to defaults"</button>
                <span role="status">{move || message.get()}</span>
            </div>

            <fieldset>
                <legend>"Report"</legend>
                {text_field(state, "Report title", |s| s.report_title.clone(), |s, v| s.report_title = v)}
                {text_field(state, "Subtitle (e.g. agenda item)", |s| s.report_subtitle.clone(), |s, v| s.report_subtitle = v)}
                {text_field(state, "Author (e.g. the performance team)", |s| s.report_author.clone(), |s, v| s.report_author = v)}
                {text_field(state, "Local authority name", |s| s.la_name.clone(), |s, v| s.la_name = v)}
                {text_field(state, "Protective marking", |s| s.protective_marking.clone(), |s, v| s.protective_marking = v)}
                {text_field(state, "Population year", |s| s.population_year.clone().unwrap_or_default(), |s, v| s.population_year = (!v.trim().is_empty()).then_some(v))}
                {text_field(state, "Publishable print: show counts below (blank for none)", |s| s.suppress_below.map(|n| n.to_string()).unwrap_or_default(), |s, v| s.suppress_below = v.trim().parse().ok())}
            </fieldset>

            <UnmappedTeams state=state/>
            <TeamsTable state=state/>
            <AreasTable state=state/>
            <IndicatorTable state=state/>

            <fieldset>
                <legend>"Options"</legend>
                {text_field(state, "Worker names that mean unallocated (comma-separated)", |s| s.unallocated_placeholders.join(", "), |s, v| s.unallocated_placeholders = v.split(',').map(|p| p.trim().to_string()).filter(|p| !p.is_empty()).collect())}
                {text_field(state, "Unallocated after (days)", |s| s.unallocated_min_days.to_string(), |s, v| if let Ok(n) = v.trim().parse() { s.unallocated_min_days = n })}
                {text_field(state, "As-at grace (days after the month an extract may be dated and still give its allocation and care leavers, 0 to 31)", |s| s.as_at_grace_days.to_string(), |s, v| if let Ok(n) = v.trim().parse::<i64>() { s.as_at_grace_days = n.clamp(0, crate::domain::dataset::MAX_GRACE_DAYS) })}
                {text_field(state, "Assessment timescale (working days)", |s| s.assessment_working_days.to_string(), |s, v| if let Ok(n) = v.trim().parse() { s.assessment_working_days = n })}
                {text_field(state, "Extra bank holidays (YYYY-MM-DD, comma-separated)", |s| s.extra_bank_holidays.iter().map(|d| d.to_string()).collect::<Vec<_>>().join(", "), |s, v| s.extra_bank_holidays = v.split(',').filter_map(|d| d.trim().parse().ok()).collect())}
                {text_field(state, "A2 window (months)", |s| s.adoption_a2_window_months.to_string(), |s, v| if let Ok(n) = v.trim().parse::<i32>() { s.adoption_a2_window_months = n.clamp(1, 120) })}
                {text_field(state, "A1 window (months)", |s| s.adoption_a1_window_months.to_string(), |s, v| if let Ok(n) = v.trim().parse::<i32>() { s.adoption_a1_window_months = n.clamp(1, 120) })}
                <label class="field checkbox">
                    <input type="checkbox" prop:checked=move || state.settings.with(|s| s.start_day_counts)
                        on:change=move |ev| { let on = event_target_checked(&ev); state.settings.update(|s| s.start_day_counts = on) }/>
                    <span>"Count the start day as a working day"</span>
                </label>
                <label class="field checkbox">
                    <input type="checkbox" prop:checked=move || state.settings.with(|s| s.exclude_eligible_children)
                        on:change=move |ev| { let on = event_target_checked(&ev); state.settings.update(|s| s.exclude_eligible_children = on) }/>
                    <span>"Leave eligible children out of the care leavers' cohort"</span>
                </label>
                {basis_field(state, "Caseloads per", |s| s.caseload_basis, |s, b| s.caseload_basis = b)}
                {basis_field(state, "Agency share by", |s| s.agency_basis, |s, b| s.agency_basis = b)}
            </fieldset>

            <fieldset>
                <legend>"Columns and series"</legend>
                <label class="field checkbox">
                    <input type="checkbox" data-testid="show-last-year" prop:checked=move || state.settings.with(|s| s.show_last_year)
                        on:change=move |ev| { let on = event_target_checked(&ev); state.settings.update(|s| s.show_last_year = on) }/>
                    <span>"Show the same month last year"</span>
                </label>
                <label class="field checkbox">
                    <input type="checkbox" data-testid="show-year-to-date" prop:checked=move || state.settings.with(|s| s.show_year_to_date)
                        on:change=move |ev| { let on = event_target_checked(&ev); state.settings.update(|s| s.show_year_to_date = on) }/>
                    <span>"Show the financial year to date (indicators of events in the month)"</span>
                </label>
                {text_field(state, "Months in the series and charts (13 to 60)", |s| s.series_months.to_string(), |s, v| if let Ok(n) = v.trim().parse::<u32>() { s.series_months = n.clamp(SERIES_MONTHS.start, SERIES_MONTHS.end - 1) })}
            </fieldset>
        </section>
    }
}

/// Teams the files use that the team table lacks, each with an area to pick.
#[component]
fn UnmappedTeams(state: AppState) -> impl IntoView {
    let unmapped = move || {
        state
            .scorecard
            .get()
            .and_then(|r| r.ok())
            .map(|card| {
                card.problems
                    .iter()
                    .filter(|p| p.code == ProblemCode::UnmappedTeam)
                    .map(|p| p.value.clone())
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    };
    let areas = move || {
        state.settings.with(|s| {
            let mut names: Vec<String> = Vec::new();
            for row in &s.teams {
                if !names.contains(&row.area) {
                    names.push(row.area.clone());
                }
            }
            for row in &s.areas {
                if !names.contains(&row.area) {
                    names.push(row.area.clone());
                }
            }
            names
        })
    };
    view! {
        <Show when=move || !unmapped().is_empty()>
            <fieldset class="unmapped">
                <legend>"Teams not in the team table"</legend>
                <p>"These teams are counted as Unmapped. Choose each one's area to add it to the table."</p>
                <ul>
                    {move || unmapped().into_iter().map(|team| {
                        let team_for_change = team.clone();
                        view! {
                            <li>
                                <label>
                                    {team.clone()} " → "
                                    <select on:change=move |ev| {
                                        let area = event_target_value(&ev);
                                        if area.is_empty() { return; }
                                        let team = team_for_change.clone();
                                        state.settings.update(|s| s.teams.push(TeamRow { team, area, team_type: None }));
                                    }>
                                        <option value="">"choose an area"</option>
                                        {areas().into_iter().map(|a| view! { <option value=a.clone()>{a.clone()}</option> }).collect_view()}
                                    </select>
                                </label>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </fieldset>
        </Show>
    }
}

#[component]
fn TeamsTable(state: AppState) -> impl IntoView {
    let count = move || state.settings.with(|s| s.teams.len());
    view! {
        <fieldset>
            <legend>"Teams and areas"</legend>
            <TableRegion label="Team table: each team's area and type">
            <table class="edit-table">
                <caption class="visually-hidden">"Team table: each team's area and type"</caption>
                <thead><tr><th scope="col">"Team"</th><th scope="col">"Area"</th><th scope="col">"Team type"</th><th scope="col"><span class="visually-hidden">"Remove"</span></th></tr></thead>
                <tbody>
                    {move || (0..count()).map(|i| {
                        let get = move |f: fn(&TeamRow) -> String| state.settings.with(|s| s.teams.get(i).map(f).unwrap_or_default());
                        view! {
                            <tr>
                                <td><input type="text" aria-label="Team" prop:value=move || get(|r| r.team.clone())
                                    on:change=move |ev| { let v = event_target_value(&ev); state.settings.update(|s| if let Some(r) = s.teams.get_mut(i) { r.team = v }) }/></td>
                                <td><input type="text" aria-label="Area" prop:value=move || get(|r| r.area.clone())
                                    on:change=move |ev| { let v = event_target_value(&ev); state.settings.update(|s| if let Some(r) = s.teams.get_mut(i) { r.area = v }) }/></td>
                                <td>
                                    <select aria-label="Team type" prop:value=move || get(|r| r.team_type.clone().unwrap_or_default())
                                        on:change=move |ev| { let v = event_target_value(&ev); state.settings.update(|s| if let Some(r) = s.teams.get_mut(i) { r.team_type = (!v.is_empty()).then_some(v) }) }>
                                        <option value="">"–"</option>
                                        {["Assessment", "Safeguarding", "Children in Care", "Disabled Children", "Other"].map(|t| view! { <option value=t>{t}</option> }).collect_view()}
                                    </select>
                                </td>
                                <td><button type="button" class="button small" on:click=move |_| state.settings.update(|s| { if i < s.teams.len() { s.teams.remove(i); } })>"Remove"</button></td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
            </TableRegion>
            <button type="button" class="button small" on:click=move |_| state.settings.update(|s| s.teams.push(TeamRow { team: String::new(), area: String::new(), team_type: None }))>"Add a team"</button>
        </fieldset>
    }
}

#[component]
fn AreasTable(state: AppState) -> impl IntoView {
    let count = move || state.settings.with(|s| s.areas.len());
    view! {
        <fieldset>
            <legend>"Populations aged 0–17 (for rates per 10,000)"</legend>
            <TableRegion label="Each area's population aged 0 to 17">
            <table class="edit-table">
                <caption class="visually-hidden">"Each area's population aged 0 to 17"</caption>
                <thead><tr><th scope="col">"Area"</th><th scope="col">"Population 0–17"</th><th scope="col"><span class="visually-hidden">"Remove"</span></th></tr></thead>
                <tbody>
                    {move || (0..count()).map(|i| view! {
                        <tr>
                            <td><input type="text" aria-label="Area" prop:value=move || state.settings.with(|s| s.areas.get(i).map(|a| a.area.clone()).unwrap_or_default())
                                on:change=move |ev| { let v = event_target_value(&ev); state.settings.update(|s| if let Some(a) = s.areas.get_mut(i) { a.area = v }) }/></td>
                            <td><input type="text" inputmode="numeric" aria-label="Population aged 0 to 17" prop:value=move || state.settings.with(|s| number_text(s.areas.get(i).and_then(|a| a.population_0_17)))
                                on:change=move |ev| { let v = parse_number(&event_target_value(&ev)); state.settings.update(|s| if let Some(a) = s.areas.get_mut(i) { a.population_0_17 = v }) }/></td>
                            <td><button type="button" class="button small" on:click=move |_| state.settings.update(|s| { if i < s.areas.len() { s.areas.remove(i); } })>"Remove"</button></td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
            </TableRegion>
            <button type="button" class="button small" on:click=move |_| state.settings.update(|s| s.areas.push(AreaRow { area: String::new(), population_0_17: None }))>"Add an area"</button>
        </fieldset>
    }
}

/// One per-indicator number setting: shows the effective value; blank means none.
fn override_input(
    state: AppState,
    id: &'static str,
    label: String,
    default: Option<f64>,
    field: fn(&mut IndicatorOverrides) -> &mut Override<f64>,
) -> impl IntoView {
    let current = move || {
        state.settings.with(|s| {
            let mut overrides = s.overrides(id);
            number_text(field(&mut overrides).resolve(default))
        })
    };
    view! {
        <td>
            <input type="text" inputmode="decimal" aria-label=label prop:value=current
                on:change=move |ev| {
                    let value = parse_number(&event_target_value(&ev));
                    state.settings.update(|s| *field(s.indicators.entry(id.to_string()).or_default()) = Override::Set(value));
                }/>
        </td>
    }
}

#[component]
fn IndicatorTable(state: AppState) -> impl IntoView {
    view! {
        <fieldset>
            <legend>"Targets, ratings and benchmarks"</legend>
            <p class="hint">"Tolerances are in the headline's unit (percentage points for percentages). Blank means none."</p>
            <TableRegion label="Per-indicator settings">
            <table class="edit-table">
                <caption class="visually-hidden">"Per-indicator settings"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Indicator"</th><th scope="col">"Target"</th><th scope="col">"Tolerance"</th>
                        <th scope="col">"Better when"</th><th scope="col">"Previous 6 months"</th>
                        <th scope="col">"National"</th><th scope="col">"Statistical neighbours"</th><th scope="col">"Baseline month"</th>
                    </tr>
                </thead>
                <tbody>
                    {ALL.iter().map(|d| {
                        let id = d.id;
                        let polarity = move || state.settings.with(|s| s.overrides(id).resolved_polarity(d.polarity).as_str());
                        let mode = move || state.settings.with(|s| s.overrides(id).resolved_previous_mode(d.previous_mode).as_str());
                        let baseline = move || state.settings.with(|s| s.overrides(id).baseline_month.resolve(None).map(|m| m.to_string()).unwrap_or_default());
                        view! {
                            <tr>
                                <th scope="row">{format!("{}. {}", d.number, d.title)}</th>
                                {override_input(state, id, format!("Target for {}", d.title), d.target, |o| &mut o.target)}
                                {override_input(state, id, format!("Tolerance for {}", d.title), d.tolerance, |o| &mut o.tolerance)}
                                <td>
                                    <select aria-label=format!("Which way is better for {}", d.title) prop:value=polarity
                                        on:change=move |ev| {
                                            let p = Polarity::parse(&event_target_value(&ev)).unwrap_or(Polarity::None);
                                            state.settings.update(|s| s.indicators.entry(id.to_string()).or_default().polarity = Override::Set(Some(p)));
                                        }>
                                        {Polarity::ALL.map(|p| view! { <option value=p.as_str()>{polarity_label(p)}</option> }).collect_view()}
                                    </select>
                                </td>
                                <td>
                                    <select aria-label=format!("Previous 6 months for {}", d.title) prop:value=mode
                                        on:change=move |ev| {
                                            let m = PreviousMode::parse(&event_target_value(&ev)).unwrap_or(PreviousMode::Average);
                                            state.settings.update(|s| s.indicators.entry(id.to_string()).or_default().previous_mode = Override::Set(Some(m)));
                                        }>
                                        {PreviousMode::ALL.map(|m| view! { <option value=m.as_str()>{m.as_str()}</option> }).collect_view()}
                                    </select>
                                </td>
                                {override_input(state, id, format!("National average for {}", d.title), d.national, |o| &mut o.national)}
                                {override_input(state, id, format!("Statistical neighbours for {}", d.title), d.statistical_neighbours, |o| &mut o.statistical_neighbours)}
                                <td>
                                    {d.has_baseline.then(|| view! {
                                        <input type="month" aria-label=format!("Baseline month for {}", d.title) prop:value=baseline
                                            on:change=move |ev| {
                                                let month = Month::parse(&event_target_value(&ev));
                                                state.settings.update(|s| s.indicators.entry(id.to_string()).or_default().baseline_month = match month { Some(m) => Override::Set(Some(m)), None => Override::Keep });
                                            }/>
                                    })}
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
            </TableRegion>
        </fieldset>
    }
}
