//! The accessibility statement (WCAG 2.2 AA, issue 8) and the footer
//! button that opens it: the usual UK public-sector statement, shown in the
//! page (the page works offline, so it cannot link to a statement
//! elsewhere); and [`TableRegion`], the box wide tables scroll in. Owns the
//! statement's wording and whether it is open; it reads no scorecard and
//! must not change any other state.
//!
//! Keep the statement true: when the page or how it is tested changes,
//! change the wording and the date below.

use leptos::html;
use leptos::prelude::*;

/// When the statement was prepared (and last reviewed).
const PREPARED: &str = "26 November 2026";
const PREPARED_ISO: &str = "2026-11-26";

/// A box a table scrolls sideways in when it is wider than the screen (at
/// 320 px or 400% zoom the page itself must not scroll sideways, WCAG
/// 1.4.10). It takes the keyboard focus, so the arrow keys scroll it
/// (WCAG 2.1.1), and is a named region so screen readers say what it holds.
#[component]
pub(crate) fn TableRegion(
    /// What the table shows, as its caption says it.
    #[prop(into)]
    label: String,
    children: Children,
) -> impl IntoView {
    view! {
        <div class="table-wrap" role="region" tabindex="0" aria-label=label>
            {children()}
        </div>
    }
}

/// The page's footer: a button that opens the statement below it, moving
/// the focus to the statement, and back to the button when it closes.
#[component]
pub(crate) fn AccessibilityFooter() -> impl IntoView {
    let (open, set_open) = signal(false);
    let button = NodeRef::<html::Button>::new();
    let close = move || {
        set_open.set(false);
        if let Some(button) = button.get_untracked() {
            let _ = button.focus();
        }
    };
    view! {
        <footer class="page-footer no-print">
            <button
                type="button"
                class="link"
                node_ref=button
                aria-expanded=move || open.get().to_string()
                aria-controls=move || open.get().then_some("accessibility-statement")
                on:click=move |_| set_open.update(|o| *o = !*o)
            >
                "Accessibility statement"
            </button>
            <Show when=move || open.get()>
                <AccessibilityStatement on_close=Callback::new(move |()| close())/>
            </Show>
        </footer>
    }
}

/// The statement itself. Its heading takes the focus when it opens; Escape
/// or the Close button closes it.
#[component]
fn AccessibilityStatement(on_close: Callback<()>) -> impl IntoView {
    let heading = NodeRef::<html::H2>::new();
    Effect::new(move |_| {
        if let Some(heading) = heading.get() {
            let _ = heading.focus();
        }
    });
    view! {
        <section
            id="accessibility-statement"
            class="statement"
            aria-labelledby="statement-title"
            on:keydown=move |ev: web_sys::KeyboardEvent| {
                if ev.key() == "Escape" {
                    on_close.run(());
                }
            }
        >
            <h2 id="statement-title" tabindex="-1" node_ref=heading>
                "Accessibility statement for the children's services performance scorecard"
            </h2>
            <p>
                "This statement applies to this scorecard page. The page is made for the staff of a "
                "children's services department, and we want as many of them as possible to be able to use it. "
                "You should be able to:"
            </p>
            <ul>
                <li>"do everything with a keyboard alone: choose files, remove them and set their dates, choose the month, open the records behind a figure, change the settings and print"</li>
                <li>"see where the keyboard focus is: a yellow and black outline marks it"</li>
                <li>"zoom in to 200% with nothing lost or overlapping"</li>
                <li>"use the page on a screen 320 pixels wide (the same as 400% zoom on a laptop) without scrolling sideways; only wide tables of figures scroll sideways, inside their own box"</li>
                <li>"change colours, contrast and fonts with your browser or device settings"</li>
                <li>"use a screen reader: every table has a caption and headers, and every control has a label"</li>
                <li>"tell a rating without seeing colour: each rating is written as a word (Green, Amber, Red or No rating), and each trend as a word with an arrow"</li>
            </ul>

            <h3>"How accessible this page is"</h3>
            <p>"We know of these limitations:"</p>
            <ul>
                <li>
                    "Charts are pictures. Each has a short text description for screen readers, and the table above it has the figures; "
                    "the figures of the month-by-month chart are also in a table under \"Chart figures\" beneath it. "
                    "You cannot move through a chart point by point."
                </li>
                <li>"Tables with many areas are wider than a small screen: they scroll sideways inside their own box, which you can reach with the Tab key and scroll with the arrow keys."</li>
                <li>"Dropping files on the page needs a mouse. The \"Choose files\" button does the same with a keyboard."</li>
                <li>"The file chooser, date pickers and print dialogue are your browser's own, so how accessible they are depends on your browser."</li>
                <li>"PDFs saved from the print have not been checked with a screen reader; the page itself has the same content."</li>
            </ul>

            <h3>"Reporting accessibility problems with this page"</h3>
            <p>
                "If you find a problem that is not listed here, or you need the scorecard in another format, "
                <strong>"contact your performance team"</strong>
                ". Tell them what you were trying to do, and which browser and any assistive technology you used."
            </p>

            <h3>"Enforcement procedure"</h3>
            <p>
                "The Equality and Human Rights Commission (EHRC) is responsible for enforcing the Public Sector Bodies "
                "(Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018 (the accessibility regulations). "
                "If you are not happy with how your report is handled, contact the Equality Advisory and Support Service (EASS)."
            </p>

            <h3>"Technical information about this page's accessibility"</h3>
            <p>
                "This page is designed to meet the Web Content Accessibility Guidelines (WCAG) 2.2 at level AA. "
                "We know of no failure of the standard: each limitation above has an alternative. "
                "The page has not been audited by an outside specialist or tested with disabled users, so there may be problems we have not found."
            </p>

            <h3>"How we tested this page"</h3>
            <p>"The team that builds the page tests it in Chromium with every change:"</p>
            <ul>
                <li>"automated checks with axe-core, for the WCAG 2.0, 2.1 and 2.2 A and AA rules, on the empty page, a loaded scorecard with the records behind a figure open, the data-quality view, the settings and this statement"</li>
                <li>"by keyboard alone, checking that each control can be reached and used, and that the focus can be seen"</li>
                <li>"at 200% zoom, and at 320 pixels wide, checking that the page does not scroll sideways and nothing is cut off"</li>
            </ul>

            <h3>"Preparation of this accessibility statement"</h3>
            <p>
                "This statement was prepared on "
                <time datetime=PREPARED_ISO>{PREPARED}</time>
                ". It was last reviewed on "
                <time datetime=PREPARED_ISO>{PREPARED}</time>
                "."
            </p>
            <p>
                <button type="button" class="button small secondary" on:click=move |_| on_close.run(())>
                    "Close the statement"
                </button>
            </p>
        </section>
    }
}
