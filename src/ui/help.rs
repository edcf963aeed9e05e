//! The Help tab: a short user guide (the long one is `docs/user-guide.md`),
//! the indicator definitions rendered from the registry through
//! `domain::definitions_doc` (the records `docs/indicators.md` is written
//! from, so the two cannot disagree), the privacy note's key points
//! (`docs/privacy.md`), and the changelog's latest entry. Reads no data and
//! changes no state but the downloads of the empty templates.

use leptos::prelude::*;

use crate::domain::definitions_doc::{self, IndicatorDoc};
use crate::domain::schema::{Kind, TEMPLATE_KINDS};
use crate::ui::browser;

/// The changelog's latest release, cut from CHANGELOG.md by `build.rs`
/// (the whole file would only weigh on the page's opening).
const CHANGELOG: &str = include_str!(concat!(env!("OUT_DIR"), "/latest_release.md"));

/// One release of the changelog: its heading and its groups of changes.
#[derive(Clone, Debug, PartialEq)]
struct Release {
    title: String,
    groups: Vec<(String, Vec<String>)>,
}

/// The first release of a Keep a Changelog file: `## [x]` starts it,
/// `### Added` starts a group, `- ` starts an item (indented lines continue
/// it). Backticks and emphasis marks are dropped: the page shows plain text.
fn latest_release(changelog: &str) -> Option<Release> {
    let mut lines = changelog
        .lines()
        .skip_while(|line| !line.starts_with("## "));
    let title = lines.next()?.trim_start_matches('#').trim();
    let mut release = Release {
        title: title.replace(['[', ']'], ""),
        groups: Vec::new(),
    };
    for line in lines.take_while(|line| !line.starts_with("## ")) {
        let plain = line.replace(['`', '*'], "");
        if let Some(group) = plain.strip_prefix("### ") {
            release.groups.push((group.trim().to_string(), Vec::new()));
        } else if let Some((_, items)) = release.groups.last_mut() {
            if let Some(item) = plain.strip_prefix("- ") {
                items.push(item.trim().to_string());
            } else if line.starts_with("  ") && !plain.trim().is_empty() {
                if let Some(last) = items.last_mut() {
                    last.push(' ');
                    last.push_str(plain.trim());
                }
            }
        }
    }
    Some(release)
}

#[component]
pub(crate) fn Help() -> impl IntoView {
    view! {
        <section class="help" data-testid="help" aria-labelledby="help-title">
            <h2 id="help-title">"Help"</h2>
            <p>
                "This page turns your monthly Annex A extracts and a few small templates into the 14-indicator scorecard. "
                "Everything happens in this browser: your files are never uploaded."
            </p>
            <nav aria-label="Help topics">
                <ul>
                    <li><a href="#help-start">"Getting started"</a></li>
                    <li><a href="#help-files">"Which files"</a></li>
                    <li><a href="#help-dates">"As-at dates and coverage"</a></li>
                    <li><a href="#help-settings">"Settings"</a></li>
                    <li><a href="#help-reading">"Reading, checking and printing"</a></li>
                    <li><a href="#help-indicators">"Indicator definitions"</a></li>
                    <li><a href="#help-privacy">"Your data and privacy"</a></li>
                    <li><a href="#help-changes">"What's new"</a></li>
                </ul>
            </nav>
            <GettingStarted/>
            <Files/>
            <Dates/>
            <SettingsHelp/>
            <Reading/>
            <Definitions/>
            <Privacy/>
            <Changes/>
        </section>
    }
}

#[component]
fn GettingStarted() -> impl IntoView {
    view! {
        <section aria-labelledby="help-start">
            <h3 id="help-start">"Getting started"</h3>
            <ol>
                <li>"Press Load example to see a full scorecard for a made-up city (December 2017)."</li>
                <li>"Export this month's Annex A lists from your case-management system, and fill in the templates for what Annex A lacks."</li>
                <li>"Drop the files on the page, or press Choose files. Add earlier months' extracts too: they fill the previous-6-months column and the charts."</li>
                <li>"Check the file list and the checklist: each file's kind, rows, as-at date and coverage, and what each indicator still needs."</li>
                <li>"Load your team table (a teams file, or Settings) so figures split by area, then choose the month."</li>
            </ol>
        </section>
    }
}

#[component]
fn Files() -> impl IntoView {
    let annex_a = [
        Kind::List3Referrals,
        Kind::List4Assessments,
        Kind::List6Cin,
        Kind::List7Cp,
        Kind::List8Cla,
        Kind::List9CareLeavers,
        Kind::List10Adoption,
    ];
    view! {
        <section aria-labelledby="help-files">
            <h3 id="help-files">"Which files"</h3>
            <p>
                "Files are recognised by their column headings, never their names: column order, capitals, "
                "punctuation and extra columns do not matter. Several files of one kind are merged "
                "(a later extract wins where they overlap)."
            </p>
            <ul>
                {annex_a.map(|kind| view! { <li>{kind.name()}</li> }).collect_view()}
            </ul>
            <p>
                "Lists 1, 2, 5 and 11 are recognised and listed as not used. For what Annex A lacks, download an empty template "
                "(its header row only), fill it from your systems and drop it with the lists:"
            </p>
            <ul>
                {TEMPLATE_KINDS
                    .map(|kind| view! {
                        <li>
                            {kind.name()} " — "
                            <button
                                type="button"
                                class="link"
                                on:click=move |_| browser::download(&kind.template_file_name(), "text/csv", &kind.template_csv())
                            >
                                {format!("download the {} template", kind.short_name())}
                            </button>
                        </li>
                    })
                    .collect_view()}
            </ul>
            <p>
                "Save from Excel as CSV (any of Excel's CSV or Unicode text formats) or keep an .xlsx workbook: "
                "each sheet is read as a file, so one workbook with a sheet per list works. "
                "Old .xls, .xlsb and .ods files must be saved as .xlsx or CSV first. "
                "A settings file (scorecard-settings.json) dropped with the data is imported as your settings."
            </p>
        </section>
    }
}

#[component]
fn Dates() -> impl IntoView {
    view! {
        <section aria-labelledby="help-dates">
            <h3 id="help-dates">"As-at dates and coverage"</h3>
            <p>
                "Each file has an as-at date: the day it was extracted. It comes from a date in the file name "
                "(list6_cin_2017-12-31.csv, or a month such as Dec 2017; for a workbook's sheet, the sheet's name, then the workbook's), "
                "otherwise from the latest date in any date column but dates of birth. A workbook is one extraction: its sheets share one date, set once on the workbook's row. "
                "A file with no date at all counts for nothing until you set one: it is flagged at the top. "
                "Allocation (indicators 1 and 13) and care leavers (indicator 8) need a file as at the month, "
                "dated in the month or up to 7 days after it (change that in Settings, \"As-at grace\", up to 31)."
            </p>
            <p>
                "An extract holds only recent history (Annex A: the last 6 months; List 10: 12), so each file covers the months "
                "from its earliest closure or event to its as-at date. A month a file does not cover shows no figure (–), never zero. "
                "The file list shows both; correct either in its date boxes if they are wrong."
            </p>
        </section>
    }
}

#[component]
fn SettingsHelp() -> impl IntoView {
    view! {
        <section aria-labelledby="help-settings">
            <h3 id="help-settings">"Settings"</h3>
            <ul>
                <li>"Teams and areas: which area each team belongs to, and its type (for caseloads). Teams not in the table count as Unmapped; the page lists them so you can assign them."</li>
                <li>"Populations aged 0–17 per area, for rates per 10,000."</li>
                <li>"Per indicator: target, tolerance (the amber band), which way is better, previous-6-months rule, national and statistical-neighbour averages, baseline month."</li>
                <li>"Options: LA name, protective marking, unallocated placeholders and days, the assessment timescale, extra bank holidays, adoption windows, FTE or head count, and the publishable print's threshold."</li>
                <li>"Export settings to share them as scorecard-settings.json; import a colleague's; reset to the defaults."</li>
            </ul>
        </section>
    }
}

#[component]
fn Reading() -> impl IntoView {
    view! {
        <section aria-labelledby="help-reading">
            <h3 id="help-reading">"Reading, checking and printing"</h3>
            <ul>
                <li>"Scorecard: a summary of the 14 headlines, then each indicator's table, rating (a word as well as a colour), trend, benchmarks and charts."</li>
                <li>"Drill-down: open \"The records behind these figures\" under an indicator for the file and row of each child or worker counted; download them as CSV."</li>
                <li>"Commentary: each indicator starts from a draft written from the figures; your edits are kept in this browser for that LA and month, and print with the scorecard."</li>
                <li>"Data quality: every problem found, grouped by file and column with an example row, filterable, downloadable as CSV."</li>
                <li>"Print: the browser's print, or Save as PDF, gives an A4 document (tick Landscape for A4 landscape) with the protective marking and page numbers. Publishable print shows small counts as <N using the threshold in Settings."</li>
                <li>"Export CSV or JSON: the scorecard's figures, as the command-line tool writes them."</li>
            </ul>
        </section>
    }
}

#[component]
fn Definitions() -> impl IntoView {
    view! {
        <section aria-labelledby="help-indicators">
            <h3 id="help-indicators">"Indicator definitions"</h3>
            <ul>
                {definitions_doc::conventions().into_iter().map(|c| view! { <li>{c}</li> }).collect_view()}
            </ul>
            {definitions_doc::indicator_docs().into_iter().map(|doc| view! { <Definition doc=doc/> }).collect_view()}
        </section>
    }
}

#[component]
fn Definition(doc: IndicatorDoc) -> impl IntoView {
    let heading_id = format!("help-indicator-{}", doc.id);
    let labelled_by = heading_id.clone();
    let fields = [
        ("Source files", doc.sources),
        ("When", doc.timing.to_string()),
        ("Headline", doc.headline.to_string()),
        ("Better when", doc.better.to_string()),
        ("Default target", doc.target),
        ("Default benchmarks", doc.benchmarks),
        ("Previous 6 months", doc.previous.to_string()),
        ("Columns", doc.breakdown.to_string()),
    ];
    view! {
        <article class="definition" data-indicator=doc.id aria-labelledby=labelled_by>
            <h4 id=heading_id>{format!("{}. {}", doc.number, doc.title)}</h4>
            <p>{doc.about}</p>
            <dl>
                {fields.into_iter().map(|(term, text)| view! { <dt>{term}</dt> <dd>{text}</dd> }).collect_view()}
            </dl>
            <ul>
                {doc.measures.into_iter().map(|m| view! {
                    <li>{format!("{}: {}", m.label, m.formula.text())}</li>
                }).collect_view()}
            </ul>
        </article>
    }
}

#[component]
fn Privacy() -> impl IntoView {
    view! {
        <section aria-labelledby="help-privacy">
            <h3 id="help-privacy">"Your data and privacy"</h3>
            <ul>
                <li>"The page runs entirely in this browser (WebAssembly). Your files are read from your computer by the browser and never uploaded."</li>
                <li>"Once loaded, the page sends nothing anywhere, and its Content-Security-Policy forbids any other origin. The one later request is for the page's own background reader, which reads the files: fetched from the same place as the page when files are first on their way."</li>
                <li>"Only your settings and commentary are kept, in this browser's local storage; child-level data is never stored and is gone when you close the tab. Reset settings in Settings, or clear the site's data in the browser."</li>
                <li>"No cookies, analytics, or fonts or scripts from elsewhere. Downloads (CSV, JSON, PDF) are made in the browser and saved where you choose."</li>
                <li>"To check: open the browser's developer tools, Network tab, and load your files: nothing is sent."</li>
            </ul>
        </section>
    }
}

#[component]
fn Changes() -> impl IntoView {
    let release = latest_release(CHANGELOG);
    view! {
        <section aria-labelledby="help-changes">
            <h3 id="help-changes">"What's new"</h3>
            {release.map(|release| view! {
                <h4>{release.title}</h4>
                {release.groups.into_iter().map(|(group, items)| view! {
                    <h5>{group}</h5>
                    <ul>{items.into_iter().map(|item| view! { <li>{item}</li> }).collect_view()}</ul>
                }).collect_view()}
            })}
        </section>
    }
}
