//! The reports screen: a chooser of four print-ready reports and the chosen
//! one as a document (`<article class="report">`). The content is built as
//! plain data in `app::reports`; this module only renders it. Print CSS
//! (public/reports.css) hides everything but the article.

use crate::app::color::text_on;
use crate::app::reports::{build, Block, Cell, Report, ReportDoc, Section, Table};
use crate::app::state::AppState;
use crate::browser::dom::{button, El};
use riskwright_engine::date::Date;

/// The reports screen.
pub fn reports(state: &AppState, today: Date) -> El {
    let doc = build(&state.assessment, state.report, today);
    El::new("section")
        .id("reports-screen")
        .class("reports")
        .attr("aria-labelledby", "reports-title")
        .child(
            El::new("div")
                .class("report-controls")
                .child(El::new("h2").id("reports-title").text("Reports"))
                .child(chooser(state.report))
                .child(
                    El::new("p")
                        .id("report-print-hint")
                        .class("report-hint")
                        .child(button("Print or save as PDF", "report-print").id("report-print"))
                        .text(
                            " Or use your browser's Print command (Ctrl+P, or ⌘P on a Mac). Choose “Save as PDF” as the destination for a file. Only the report is printed, with page numbers, on A4 or Letter as you choose.",
                        ),
                ),
        )
        .child(article(&doc))
}

fn chooser(current: Report) -> El {
    El::new("div")
        .class("report-chooser actions")
        .attr("role", "group")
        .attr("aria-label", "Report to show")
        .children(Report::ALL.iter().map(|&report| {
            button(report.title(), "report")
                .id(&format!("report-{}", report.key()))
                .attr("data-report", report.key())
                .attr(
                    "aria-pressed",
                    if report == current { "true" } else { "false" },
                )
        }))
}

fn article(doc: &ReportDoc) -> El {
    let key = doc.report.key();
    El::new("article")
        .class("report")
        .id(&format!("report-doc-{key}"))
        .attr("aria-labelledby", "report-title")
        .child(
            El::new("header")
                .class("report-header")
                .child(
                    El::new("p")
                        .class("report-kicker")
                        .text(doc.report.clause()),
                )
                .child(El::new("h2").id("report-title").text(doc.report.title()))
                .child(
                    El::new("dl")
                        .class("report-facts")
                        .children(doc.header.iter().map(|(term, value)| {
                            El::new("div")
                                .child(El::new("dt").text(term))
                                .child(El::new("dd").text(value))
                        })),
                ),
        )
        .children(doc.sections.iter().map(section))
}

fn section(s: &Section) -> El {
    El::new("section")
        .attr("aria-labelledby", &s.id)
        .child(El::new("h3").id(&s.id).text(&s.heading))
        .children(s.blocks.iter().map(|b| match b {
            Block::Para(text) => El::new("p").text(text),
            Block::Table(t) => table(t),
        }))
}

fn table(t: &Table) -> El {
    let matrix = t.id == "report-matrix";
    let header = El::new("tr").children(
        t.columns
            .iter()
            .map(|c| El::new("th").attr("scope", "col").text(c)),
    );
    let rows = t.rows.iter().map(|row| {
        El::new("tr").children(row.iter().enumerate().map(|(i, c)| {
            let head = t.row_headers && i == 0;
            let el = if head {
                El::new("th").attr("scope", "row")
            } else {
                El::new("td")
            };
            cell(el, c, matrix && !head)
        }))
    });
    let el = El::new("table")
        .id(&t.id)
        .class(if matrix {
            "report-table report-matrix"
        } else {
            "report-table"
        })
        .child(El::new("caption").text(&t.caption))
        .child(El::new("thead").child(header))
        .child(El::new("tbody").children(rows));
    El::new("div")
        .class("report-table-wrap")
        .child(el)
        .children(
            (t.rows.is_empty() && !t.empty.is_empty())
                .then(|| El::new("p").class("empty").text(&t.empty)),
        )
}

/// A cell's level as a chip with its label (a matrix cell takes the level's
/// colour itself), then its lines.
fn cell(el: El, c: &Cell, fill: bool) -> El {
    let el = match (&c.level, fill) {
        (Some(level), true) => el
            .class("level-cell")
            .css_var("--cell-bg", &level.color)
            .css_var("--cell-fg", text_on(&level.color))
            .text(&level.label),
        (Some(level), false) => el.child(
            El::new("span")
                .class("chip")
                .css_var("--cell-bg", &level.color)
                .css_var("--cell-fg", text_on(&level.color))
                .text(&level.label),
        ),
        (None, _) => el,
    };
    match c.lines.as_slice() {
        [] => el,
        [one] if c.level.is_none() => el.text(one),
        lines => el.children(
            lines
                .iter()
                .map(|line| El::new("span").class("line").text(line)),
        ),
    }
}
