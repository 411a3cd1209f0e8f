//! Renders the app state. Pure reading of state into elements: every change
//! goes back through a `Msg` (see `events.rs`).

mod assessments;
mod catalog;
mod custom;
mod data;
mod heatmap;
mod history;
mod method;
mod plan;
mod register;
mod reports;
mod soa;
mod treat;
mod workshop;

use super::dom::{button, El};
use crate::app::state::{AppState, Notice, View};
use crate::app::ALL_SCREENS;
use riskwright_engine::date::Date;
use riskwright_engine::diagnostic::Within;
use riskwright_engine::method::ResolvedMethod;

pub use method::axis_key;

/// The whole app: navigation, the notice, and the screen shown.
pub fn app(state: &AppState, today: Date) -> El {
    let screen = match state.view {
        View::Register => match ResolvedMethod::new(state.assessment.method.clone()) {
            Ok(method) => register::register(state, &method, today),
            // The method in force is always valid (see AppState); this only
            // guards a file edited by hand.
            Err(problems) => El::new("p").class("status problems").text(&format!(
                "The method is not valid, so the register cannot be shown: {}",
                riskwright_engine::diagnostic::join(&problems)
            )),
        },
        View::Method => El::new("div")
            .child(method::assessment(state))
            .child(method::method_editor(state)),
        View::Assessments => assessments::assessments(state),
        // Guarded so that the first load, which never shows them, leaves
        // these screens out (see `app::ALL_SCREENS`).
        View::Data if ALL_SCREENS => data::data(state),
        View::Catalog if ALL_SCREENS => catalog::catalog(state),
        View::History if ALL_SCREENS => history::history(state),
        View::Treatment if ALL_SCREENS => treat::treatment(state, today),
        View::Plan if ALL_SCREENS => plan::plan(state, today),
        View::Soa if ALL_SCREENS => soa::soa(state, today),
        View::Reports if ALL_SCREENS => reports::reports(state, today),
        View::Workshop if ALL_SCREENS => workshop::workshop(state, today),
        View::Data
        | View::Catalog
        | View::History
        | View::Treatment
        | View::Plan
        | View::Soa
        | View::Reports
        | View::Workshop => El::new("p").class("loading").text("Opening this screen…"),
    };
    // Presentation mode shows the room only the workshop: no navigation.
    if state.view == View::Workshop {
        return El::new("div")
            .class("app presenting")
            .children(state.notice.as_ref().map(|n| notice(n, state)))
            .child(screen);
    }
    El::new("div")
        .class("app")
        .child(navigation(state))
        .children(state.notice.as_ref().map(|n| notice(n, state)))
        .child(screen)
}

/// A column header.
fn th(text: &str) -> El {
    El::new("th").attr("scope", "col").text(text)
}

/// A wide table in a region that scrolls sideways on a narrow screen, so
/// the page itself never does. The region takes focus, so the keyboard can
/// scroll it too.
fn scrolling(table: El, label: &str) -> El {
    El::new("div")
        .class("table-scroll")
        .attr("role", "region")
        .attr("aria-label", label)
        .attr("tabindex", "0")
        .child(table)
}

/// A data table with `class` (which includes `table`), a caption for screen
/// readers, one row of column `headers`, and `rows`, scrolling sideways on
/// a narrow screen.
fn data_table(
    id: &str,
    class: &str,
    caption: &str,
    headers: &[&str],
    rows: impl IntoIterator<Item = El>,
) -> El {
    let table = El::new("table")
        .id(id)
        .class(class)
        .child(El::new("caption").class("sr-only").text(caption))
        .child(El::new("thead").child(El::new("tr").children(headers.iter().map(|h| th(h)))))
        .child(El::new("tbody").children(rows));
    scrolling(table, caption)
}

/// How many characters of a long text a table cell shows before "Show all".
const LONG_TEXT: usize = 160;

/// User text for a table cell: wrapped anywhere (a URL or a pasted hash
/// must not widen the page), and past [`LONG_TEXT`] characters cut short
/// with the whole text one click away.
fn long_text(text: &str) -> El {
    let cell = El::new("span").class("long");
    if text.chars().count() <= LONG_TEXT {
        return cell.text(text);
    }
    let short: String = text.chars().take(LONG_TEXT).collect();
    cell.child(El::new("span").class("short").text(&format!("{short}…")))
        .child(
            El::new("details")
                .child(
                    El::new("summary")
                        .text(&format!("Show all {} characters", text.chars().count())),
                )
                .child(El::new("span").class("rest").text(text)),
        )
}

/// `text`, or a dash when it is empty.
fn or_dash(text: &str) -> &str {
    if text.trim().is_empty() {
        "—"
    } else {
        text
    }
}

/// The first problem whose path ends with `suffix`.
fn problem<'a>(
    problems: &'a [riskwright_engine::Diagnostic],
    suffix: &str,
) -> Option<&'a riskwright_engine::Diagnostic> {
    problems.iter().find(|p| p.path.ends_with(suffix))
}

/// A scale's levels as select options, "1 Rare" and so on, after an empty
/// "–" for unscored. Options start with their number, so typing a digit
/// picks one.
fn scale_options(levels: &[riskwright_engine::method::ScaleLevel]) -> Vec<(String, String)> {
    std::iter::once((String::new(), "–".to_string()))
        .chain(
            levels
                .iter()
                .enumerate()
                .map(|(k, l)| ((k + 1).to_string(), format!("{} {}", k + 1, l.label))),
        )
        .collect()
}

/// A level shown as its label on its colour, never colour alone, with its
/// arithmetic as a tooltip; "not scored" without a result.
fn level_chip(
    result: Option<&riskwright_engine::evaluate::TierResult>,
    method: &ResolvedMethod,
) -> El {
    let level = result.and_then(|r| method.method().levels.iter().find(|l| l.id == r.level));
    match (result, level) {
        (Some(r), Some(level)) => El::new("span")
            .class("chip")
            .attr("data-level", &level.id)
            .css_var("--cell-bg", &level.color)
            .css_var("--cell-fg", crate::app::color::text_on(&level.color))
            .attr(
                "title",
                &format!(
                    "likelihood {} × impact {} = {}",
                    r.likelihood, r.impact, r.score
                ),
            )
            .text(&level.label),
        _ => El::new("span").class("unscored").text("not scored"),
    }
}

/// Problems as a list, each named where the user knows it ("R-3, current
/// risk, impact") and then what is wrong. Without a `within`, indexes are
/// named by their position.
fn problem_list(id: &str, problems: &[riskwright_engine::Diagnostic], within: Within<'_>) -> El {
    El::new("ul").id(id).children(problems.iter().map(|p| {
        let place = riskwright_engine::diagnostic::place(&p.path, within);
        let item = El::new("li");
        if place.is_empty() {
            item.text(&p.message)
        } else {
            item.child(El::new("strong").text(&place))
                .text(&format!(": {}", p.message))
        }
    }))
}

/// A form's problems in an alert, or nothing when there are none.
fn problem_alert(id: &str, problems: &[riskwright_engine::Diagnostic]) -> Option<El> {
    problem_alert_in(
        id,
        problems,
        Within::Document(&riskwright_engine::diagnostic::NoNames),
    )
}

/// A form's problems in an alert, named within `within`.
fn problem_alert_in(
    id: &str,
    problems: &[riskwright_engine::Diagnostic],
    within: Within<'_>,
) -> Option<El> {
    (!problems.is_empty()).then(|| {
        El::new("div")
            .class("status problems")
            .attr("role", "alert")
            .child(problem_list(id, problems, within))
    })
}

fn navigation(state: &AppState) -> El {
    let tab = |view: View, label: &str, id: &str| {
        button(label, "nav")
            .id(id)
            .attr("data-view", id.trim_start_matches("nav-"))
            .attr_if(state.view == view, "aria-current", "page")
    };
    El::new("nav")
        .class("toolbar")
        .attr("aria-label", "Screens and history")
        .child(
            El::new("div")
                .class("tabs")
                .child(tab(View::Register, "Register", "nav-register"))
                .child(tab(View::Catalog, "Assets and threats", "nav-catalog"))
                .child(tab(View::Plan, "Treatment plan", "nav-plan"))
                .child(tab(View::Soa, "Statement of Applicability", "nav-soa"))
                .child(tab(View::Reports, "Reports", "nav-reports"))
                .child(tab(View::History, "History", "nav-history"))
                .child(tab(View::Method, "Method", "nav-method"))
                .child(tab(View::Data, "Export and import", "nav-data"))
                .child(tab(View::Assessments, "Assessments", "nav-assessments")),
        )
        .child(
            El::new("div")
                .class("actions")
                .child(
                    // The single-file edition hides this (it is that file).
                    El::new("a")
                        .id("offline-download")
                        .attr("href", "./riskwright-offline.html")
                        .attr("download", "riskwright-offline.html")
                        .text("Download for offline use"),
                )
                .child(
                    button("Presentation mode", "ws-toggle")
                        .id("nav-present")
                        .attr("aria-keyshortcuts", "P"),
                )
                .child(
                    button("Undo", "undo")
                        .id("undo")
                        .attr("aria-keyshortcuts", "Control+Z")
                        .attr_if(state.undo.is_empty(), "disabled", ""),
                )
                .child(
                    button("Redo", "redo")
                        .id("redo")
                        .attr("aria-keyshortcuts", "Control+Shift+Z")
                        .attr_if(state.redo.is_empty(), "disabled", ""),
                ),
        )
}

fn notice(notice: &Notice, state: &AppState) -> El {
    let (title, text, extra): (&str, String, Option<El>) = match notice {
        Notice::Recovered(found) => return assessments::recovered(found),
        Notice::RecoveryBlocked { what, reason, error } => (
            "Saved data could not be read",
            format!(
                "{} could not be read ({reason}). It could not be backed up ({error}), so it is left untouched and changes in this session are not saved. Export your work before closing the page.",
                assessments::capitalised(what)
            ),
            Some(button("Export the current assessment", "export-json")),
        ),
        Notice::NameTaken { wanted, given } => (
            "Name already in use",
            format!("Another assessment in this browser is already called “{wanted}”, so this one is called “{given}”. Rename it on the Assessments screen if you like."),
            None,
        ),
        Notice::StorageUnavailable(error) => (
            "Your work cannot be saved in this browser",
            format!("{error}. Changes last only while this page is open; export your work before closing it."),
            Some(button("Export the current assessment", "export-json")),
        ),
        Notice::SaveFailed(error) => (
            "The last change was not saved",
            format!("{error}. Your previous saved copy is intact. Export your work to keep this change."),
            Some(button("Export the current assessment", "export-json")),
        ),
        Notice::Conflict => (
            "This assessment was changed in another tab",
            "Your latest change here is not saved yet. Choose which version to keep; the other is discarded.".to_string(),
            Some(
                El::new("span")
                    .class("actions")
                    .child(button("Load the other tab's version", "take-theirs").id("take-theirs"))
                    .child(button("Keep this tab's version", "keep-mine").id("keep-mine")),
            ),
        ),
        Notice::ReloadedFromOtherTab => (
            "Updated from another tab",
            "Another tab saved changes to this assessment; they are shown here.".to_string(),
            None,
        ),
        Notice::SeedOffered(count) => (
            "Your readiness check is ready to become an assessment",
            format!(
                "The self-assessment left {count} gap{} as draft risks. Create a new assessment from them, then give each a risk owner and scores.",
                if *count == 1 { "" } else { "s" }
            ),
            Some(
                El::new("span")
                    .class("actions")
                    .child(button("Create an assessment from them", "seed-create").id("seed-create"))
                    .child(button("Discard them", "seed-discard").id("seed-discard")),
            ),
        ),
        Notice::Deleted(name) => (
            "Assessment deleted",
            format!("“{name}” was deleted."),
            Some(button("Undo the deletion", "lib-undo-delete").id("lib-undo-delete")),
        ),
        Notice::RiskDeleted { id, title } => (
            "Risk deleted",
            if title.trim().is_empty() {
                format!("{id} deleted.")
            } else {
                format!("{id} “{title}” deleted.")
            },
            Some(
                button(&format!("Undo: bring {id} back"), "undo")
                    .id("risk-undo-delete")
                    .attr("aria-keyshortcuts", "Control+Z"),
            ),
        ),
        Notice::Refused(problems) => (
            "That change was not made",
            problems
                .iter()
                .map(|p| {
                    riskwright_engine::diagnostic::describe(
                        p,
                        Within::Document(&state.assessment),
                    )
                })
                .collect::<Vec<_>>()
                .join("; "),
            None,
        ),
    };
    El::new("section")
        .id("notice")
        .class("notice")
        .attr("role", "alert")
        .attr("aria-labelledby", "notice-title")
        .child(El::new("h2").id("notice-title").text(title))
        .child(El::new("p").text(&text))
        .child(
            El::new("div")
                .class("actions")
                .children(extra)
                .child(button("Dismiss", "dismiss").id("notice-dismiss")),
        )
}
