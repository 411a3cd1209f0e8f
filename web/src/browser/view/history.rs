//! The "History" screen: the residual trend chart, one risk's timeline,
//! and snapshots with a comparison between any two states.

use super::th;
use crate::app::history::{side_text, tier_label, when, Side};
use crate::app::state::AppState;
use crate::browser::chart::trend_chart;
use crate::browser::dom::{button, field, select, El};
use riskwright_engine::trend::residual_trend;

/// The screen.
pub fn history(state: &AppState) -> El {
    El::new("section")
        .class("history")
        .attr("aria-labelledby", "history-title")
        .child(El::new("h2").id("history-title").text("History"))
        .child(trend(state))
        .child(timeline(state))
        .child(snapshots(state))
        .child(comparison(state))
}

fn trend(state: &AppState) -> El {
    let t = residual_trend(&state.assessment);
    let section = El::new("section")
        .attr("aria-labelledby", "trend-title")
        .child(
            El::new("h3")
                .id("trend-title")
                .text("Residual risk over time"),
        );
    if t.dates.is_empty() {
        return section.child(
            El::new("p")
                .id("trend-empty")
                .text("Nothing recorded yet: the chart starts with the first risk."),
        );
    }
    section.child(trend_chart(&t, &state.assessment.method))
}

fn timeline(state: &AppState) -> El {
    let a = &state.assessment;
    let chosen = state.timeline_risk().unwrap_or("").to_string();
    let mut options: Vec<(String, String)> = a
        .risks
        .iter()
        .map(|r| (r.id.clone(), format!("{} {}", r.id, r.title)))
        .collect();
    // Deleted risks keep their history.
    for h in &a.history {
        if !h.risk_id.is_empty() && !options.iter().any(|(id, _)| id == &h.risk_id) {
            options.push((h.risk_id.clone(), format!("{} (deleted)", h.risk_id)));
        }
    }
    let section = El::new("section")
        .attr("aria-labelledby", "timeline-title")
        .child(
            El::new("h3")
                .id("timeline-title")
                .text("Timeline of a risk"),
        );
    if options.is_empty() {
        return section.child(El::new("p").id("timeline-empty").text("No risks yet."));
    }
    let entries = state.timeline(&chosen);
    section
        .child(field(
            "Risk",
            select(&options, &chosen, "hist-risk"),
            "timeline-risk",
        ))
        .child(
            El::new("ol")
                .id("timeline")
                .class("timeline")
                .attr("aria-label", &format!("Changes to {chosen}, newest first"))
                .children(entries.iter().map(|e| {
                    El::new("li")
                        .child(El::new("span").class("when").text(&e.at))
                        .child(El::new("span").class("change").text(&e.change))
                        .children((!e.reason.is_empty()).then(|| {
                            El::new("span")
                                .class("reason")
                                .text(&format!("Reason: {}", e.reason))
                        }))
                })),
        )
}

fn snapshots(state: &AppState) -> El {
    let a = &state.assessment;
    let rows: Vec<El> = a
        .snapshots
        .iter()
        .enumerate()
        .map(|(k, s)| {
            El::new("tr")
                .child(El::new("th").attr("scope", "row").text(&s.name))
                .child(El::new("td").text(&when(&s.taken_at)))
                .child(El::new("td").text(&s.risks.len().to_string()))
                .child(
                    El::new("td").class("actions").child(
                        button("Delete", "hist-snapshot-delete")
                            .attr("data-index", &k.to_string())
                            .attr("aria-label", &format!("Delete snapshot {}", s.name)),
                    ),
                )
        })
        .collect();
    let none = rows.is_empty();
    El::new("section")
        .attr("aria-labelledby", "snapshots-title")
        .child(El::new("h3").id("snapshots-title").text("Snapshots"))
        .child(
            El::new("form")
                .id("snapshot-form")
                .class("row")
                .attr("aria-label", "Take a snapshot")
                .attr("data-msg", "hist-snapshot-take")
                .attr("data-event", "submit")
                .child(field(
                    "Snapshot name",
                    El::new("input")
                        .attr("type", "text")
                        .attr("placeholder", "Surveillance audit 2027")
                        .attr("data-msg", "hist-snapshot-name")
                        .attr("data-event", "input")
                        .value(&state.history.snapshot_name),
                    "snapshot-name",
                ))
                .child(
                    El::new("div").class("field").child(
                        El::new("button")
                            .attr("type", "submit")
                            .id("take-snapshot")
                            .text("Take snapshot"),
                    ),
                ),
        )
        .child(
            El::new("table")
                .id("snapshot-table")
                .class("table")
                .child(El::new("caption").class("sr-only").text("Snapshots taken"))
                .child(
                    El::new("thead").child(
                        El::new("tr")
                            .child(th("Name"))
                            .child(th("Taken"))
                            .child(th("Risks"))
                            .child(th("Actions")),
                    ),
                )
                .child(El::new("tbody").children(rows)),
        )
        .children(none.then(|| {
            El::new("p")
                .class("empty")
                .text("No snapshots yet. Take one before an audit or a review to compare later.")
        }))
}

fn comparison(state: &AppState) -> El {
    let a = &state.assessment;
    let (from, to) = state.comparison_sides();
    let options: Vec<(String, String)> = a
        .snapshots
        .iter()
        .enumerate()
        .map(|(k, s)| {
            (
                Side::Snapshot(k).key(),
                format!("{} ({})", s.name, when(&s.taken_at)),
            )
        })
        .chain(std::iter::once((Side::Now.key(), "Now".to_string())))
        .collect();
    let d = state.comparison();
    let (from_method, _) = state.side(from);
    let (to_method, _) = state.side(to);
    let summary = format!(
        "{} added · {} removed · {} re-scored · {} edited",
        d.added.len(),
        d.removed.len(),
        d.rescored.len(),
        d.edited.len()
    );
    let list = |id: &str, title: &str, items: Vec<String>| {
        El::new("div")
            .child(El::new("h4").text(&format!("{title} ({})", items.len())))
            .child(if items.is_empty() {
                El::new("p").id(id).class("empty").text("None.")
            } else {
                El::new("ul")
                    .id(id)
                    .children(items.iter().map(|t| El::new("li").text(t)))
            })
    };
    let rescored = El::new("div")
        .child(El::new("h4").text(&format!("Re-scored ({})", d.rescored.len())))
        .child(if d.rescored.is_empty() {
            El::new("p")
                .id("compare-rescored")
                .class("empty")
                .text("None.")
        } else {
            El::new("table")
                .id("compare-rescored")
                .class("table")
                .child(El::new("caption").class("sr-only").text("Re-scored risks"))
                .child(
                    El::new("thead").child(
                        El::new("tr")
                            .child(th("Risk"))
                            .child(th("Tier"))
                            .child(th("Before"))
                            .child(th("After")),
                    ),
                )
                .child(El::new("tbody").children(d.rescored.iter().map(|r| {
                    El::new("tr")
                        .attr("data-id", &r.id)
                        .child(
                            El::new("th")
                                .attr("scope", "row")
                                .text(&format!("{} {}", r.id, r.title)),
                        )
                        .child(El::new("td").text(tier_label(r.tier)))
                        .child(El::new("td").class("before").text(&side_text(
                            from_method,
                            r.old_cell,
                            r.old_level.as_deref(),
                        )))
                        .child(El::new("td").class("after").text(&side_text(
                            to_method,
                            r.new_cell,
                            r.new_level.as_deref(),
                        )))
                })))
        });
    let edited = El::new("div")
        .child(El::new("h4").text(&format!("Edited ({})", d.edited.len())))
        .child(if d.edited.is_empty() {
            El::new("p")
                .id("compare-edited")
                .class("empty")
                .text("None.")
        } else {
            El::new("table")
                .id("compare-edited")
                .class("table")
                .child(El::new("caption").class("sr-only").text("Edited risks"))
                .child(
                    El::new("thead")
                        .child(El::new("tr").child(th("Risk")).child(th("Fields changed"))),
                )
                .child(El::new("tbody").children(d.edited.iter().map(|e| {
                    El::new("tr")
                        .child(
                            El::new("th")
                                .attr("scope", "row")
                                .text(&format!("{} {}", e.id, e.title)),
                        )
                        .child(El::new("td").text(&e.fields.join(", ").replace('_', " ")))
                })))
        });
    El::new("section")
        .attr("aria-labelledby", "compare-title")
        .child(El::new("h3").id("compare-title").text("Compare"))
        .child(
            El::new("div")
                .class("row")
                .child(field(
                    "From",
                    select(&options, &from.key(), "hist-from"),
                    "compare-from",
                ))
                .child(field(
                    "To",
                    select(&options, &to.key(), "hist-to"),
                    "compare-to",
                )),
        )
        .child(
            El::new("p")
                .id("compare-summary")
                .attr("role", "status")
                .text(&summary),
        )
        .child(list(
            "compare-added",
            "Added",
            d.added
                .iter()
                .map(|r| format!("{} {}", r.id, r.title))
                .collect(),
        ))
        .child(list(
            "compare-removed",
            "Removed",
            d.removed
                .iter()
                .map(|r| format!("{} {}", r.id, r.title))
                .collect(),
        ))
        .child(rescored)
        .child(edited)
}
