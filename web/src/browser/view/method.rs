//! The method editor: scales, levels, the matrix with its live preview, the
//! appetite and the impact dimensions.

use crate::app::color::text_on;
use crate::app::state::AppState;
use crate::browser::dom::{button, field, select, text_input, El};
use riskwright_engine::method::{
    preset, preview_cells, Aggregation, Axis, Formula, LevelRule, Method, PRESET_NAMES,
};
use riskwright_engine::rescore::RescorePlan;

pub fn assessment(state: &AppState) -> El {
    let a = &state.assessment;
    El::new("section")
        .class("panel")
        .attr("aria-labelledby", "assessment-title")
        .child(El::new("h2").id("assessment-title").text("Assessment"))
        .child(field(
            "Name",
            text_input(&a.name, "name"),
            "assessment-name",
        ))
        .child(field(
            "Scope",
            El::new("textarea")
                .attr("rows", "2")
                .attr("data-msg", "scope")
                .attr("data-event", "input")
                .value(&a.scope),
            "assessment-scope",
        ))
        .child(
            El::new("div")
                .class("actions")
                .child(button("Export as JSON", "export-json").id("export-json")),
        )
}

pub fn method_editor(state: &AppState) -> El {
    let draft = &state.draft;
    let current_preset = PRESET_NAMES
        .iter()
        .find(|name| preset(name).as_ref() == Some(draft))
        .copied()
        .unwrap_or("custom");
    let mut presets: Vec<(String, String)> = PRESET_NAMES
        .iter()
        .map(|n| (n.to_string(), format!("{} matrix", n.replace('x', " × "))))
        .collect();
    if current_preset == "custom" {
        presets.push(("custom".into(), "Custom method".into()));
    }
    El::new("section")
        .class("panel method")
        .attr("aria-labelledby", "method-title")
        .child(
            El::new("h2")
                .id("method-title")
                .text("Risk assessment method"),
        )
        .child(
            El::new("div")
                .class("row")
                .child(field(
                    "Start from a preset",
                    select(&presets, current_preset, "preset"),
                    "method-preset",
                ))
                .child(scale_size(draft, Axis::Likelihood))
                .child(scale_size(draft, Axis::Impact))
                .child(field(
                    "Level of each cell",
                    rule_select(draft),
                    "method-rule",
                ))
                .child(field(
                    "Acceptable without treatment (appetite): up to",
                    select(
                        &draft
                            .levels
                            .iter()
                            .map(|l| (l.id.clone(), l.label.clone()))
                            .collect::<Vec<_>>(),
                        &draft.appetite,
                        "appetite",
                    ),
                    "method-appetite",
                )),
        )
        .children((current_preset == "custom").then(|| custom_note(draft)))
        .child(status(state))
        .children(state.pending.as_ref().map(|plan| pending(state, plan)))
        .child(heat_map(draft))
        .child(thresholds(draft))
        .child(levels(draft))
        .child(scale_texts(draft, Axis::Likelihood))
        .child(scale_texts(draft, Axis::Impact))
        .child(dimensions(draft))
}

/// Says why the preset list shows "Custom method": a changed cell, level or
/// text makes the method the user's own (and a selected cell turns the rule
/// into an explicit matrix), which nothing else on the screen would say.
fn custom_note(draft: &Method) -> El {
    let (l, i) = (draft.likelihood.levels.len(), draft.impact.levels.len());
    let origin = PRESET_NAMES
        .iter()
        .find(|n| **n == format!("{l}x{i}"))
        .map(|n| format!(" It has the size of the {} preset.", n.replace('x', " × ")))
        .unwrap_or_default();
    let matrix = if matches!(draft.rule, LevelRule::Matrix { .. }) {
        " Selecting a cell of the matrix sets that cell's level by hand, so the rule is an explicit matrix."
    } else {
        ""
    };
    El::new("p")
        .id("method-custom-note")
        .class("hint")
        .attr("role", "status")
        .text(&format!(
            "You changed this method, so it no longer matches a preset and is shown as “Custom method”.{origin}{matrix} Choosing a preset starts again from it."
        ))
}

fn scale_size(draft: &Method, axis: Axis) -> El {
    let (name, id) = match axis {
        Axis::Likelihood => ("Likelihood levels", "size-likelihood"),
        Axis::Impact => ("Impact levels", "size-impact"),
    };
    let options: Vec<(String, String)> = (3..=7).map(|n| (n.to_string(), n.to_string())).collect();
    field(
        name,
        select(
            &options,
            &draft.scale(axis).levels.len().to_string(),
            "scale-size",
        )
        .attr("data-axis", axis_key(axis)),
        id,
    )
}

fn rule_select(draft: &Method) -> El {
    let current = match &draft.rule {
        LevelRule::Matrix { .. } => "matrix",
        LevelRule::Formula {
            formula: Formula::Product,
            ..
        } => "product",
        LevelRule::Formula {
            formula: Formula::Sum,
            ..
        } => "sum",
    };
    let options = [
        ("matrix", "Set each cell (matrix)"),
        ("product", "Likelihood × impact, with thresholds"),
        ("sum", "Likelihood + impact, with thresholds"),
    ]
    .map(|(v, l)| (v.to_string(), l.to_string()));
    select(&options, current, "rule")
}

/// What applying the draft would change, risk by risk and tier by tier.
fn pending(state: &AppState, plan: &RescorePlan) -> El {
    let label = |method: &Method, id: &Option<String>| {
        id.as_ref()
            .map(|id| {
                method
                    .levels
                    .iter()
                    .find(|l| &l.id == id)
                    .map_or(id.clone(), |l| l.label.clone())
            })
            .unwrap_or_else(|| "not scored".into())
    };
    let cell = |c: Option<(u8, u8)>| c.map_or("—".to_string(), |(l, i)| format!("{l} × {i}"));
    let old = &state.assessment.method;
    let moved = plan.changes.iter().filter(|c| c.level_changed).count();
    El::new("section")
        .class("panel pending")
        .attr("aria-labelledby", "pending-title")
        .child(El::new("h3").id("pending-title").text(&format!(
            "This change re-scores {} risk tier{} ({} change level)",
            plan.changes.len(),
            if plan.changes.len() == 1 { "" } else { "s" },
            moved
        )))
        .child(El::new("p").text(
            "Nothing changes until you apply it. Applying records every re-scored tier in the history; undo reverses it.",
        ))
        .child(
            El::new("table")
                .id("rescore-table")
                .class("table")
                .child(El::new("caption").class("sr-only").text("Risks the new method re-scores"))
                .child(El::new("thead").child(El::new("tr").children(
                    ["Risk", "Tier", "Before", "After", "Why"]
                        .map(|h| El::new("th").attr("scope", "col").text(h)),
                )))
                .child(El::new("tbody").children(plan.changes.iter().map(|c| {
                    El::new("tr")
                        .child(El::new("td").text(&format!("{} {}", c.risk_id, c.title)))
                        .child(El::new("td").text(c.tier.name()))
                        .child(El::new("td").text(&format!("{}: {}", cell(c.old_cell), label(old, &c.old_level))))
                        .child(El::new("td").text(&format!("{}: {}", cell(c.new_cell), label(&plan.method, &c.new_level))))
                        .child(El::new("td").text(&c.why))
                }))),
        )
        .child(field(
            "Reason for the change (kept in the history)",
            text_input(&state.method_reason, "method-reason"),
            "method-reason",
        ))
        .child(
            El::new("div")
                .class("actions")
                .child(button("Apply the new method", "apply-method").id("apply-method"))
                .child(button("Discard the changes", "discard-draft").id("discard-draft")),
        )
}

fn status(state: &AppState) -> El {
    if state.pending.is_some() {
        return El::new("p")
            .class("status problems")
            .attr("role", "status")
            .text("This method is valid, but it moves risks already scored: review the re-scoring below.");
    }
    if state.draft_problems.is_empty() {
        return El::new("p")
            .class("status ok")
            .attr("role", "status")
            .text("This method is valid and in force. Changes are saved automatically.");
    }
    El::new("div")
        .class("status problems")
        .attr("role", "alert")
        .child(El::new("p").text(&format!(
            "{} problem{} to fix. Until then the method in force stays as it was.",
            state.draft_problems.len(),
            if state.draft_problems.len() == 1 {
                ""
            } else {
                "s"
            }
        )))
        .child(super::problem_list(
            "method-problems",
            &state.draft_problems,
            riskwright_engine::diagnostic::Within::Method(&state.draft),
        ))
}

fn heat_map(draft: &Method) -> El {
    let table = El::new("table")
        .id("heatmap")
        .class("heatmap")
        .child(El::new("caption").text(
            "Risk matrix: likelihood by impact. Select a cell to move it to the next level.",
        ));
    let Some(cells) = preview_cells(draft) else {
        return El::new("p")
            .id("heatmap")
            .class("status problems")
            .text("The matrix cannot be drawn until the thresholds are fixed.");
    };
    let header = El::new("tr")
        .child(
            El::new("th")
                .attr("scope", "col")
                .class("corner")
                .text("Likelihood \\ Impact"),
        )
        .children(draft.impact.levels.iter().enumerate().map(|(i, level)| {
            El::new("th")
                .attr("scope", "col")
                .text(&format!("{} {}", i + 1, level.label))
        }));
    let rows = cells.iter().enumerate().rev().map(|(l, row)| {
        let likelihood = draft
            .likelihood
            .levels
            .get(l)
            .map_or("", |s| s.label.as_str());
        El::new("tr")
            .child(
                El::new("th")
                    .attr("scope", "row")
                    .text(&format!("{} {likelihood}", l + 1)),
            )
            .children(row.iter().enumerate().map(|(i, level)| {
                let level = level.and_then(|index| draft.levels.get(index));
                let impact = draft.impact.levels.get(i).map_or("", |s| s.label.as_str());
                let cell = button("", "cell")
                    .id(&format!("cell-{}-{}", l + 1, i + 1))
                    .attr("data-l", &(l + 1).to_string())
                    .attr("data-i", &(i + 1).to_string())
                    .child(El::new("span").class("sr-only").text(&format!(
                        "Likelihood {} {likelihood}, impact {} {impact}: ",
                        l + 1,
                        i + 1
                    )));
                let cell = match level {
                    Some(level) => cell
                        .class("cell")
                        .css_var("--cell-bg", &level.color)
                        .css_var("--cell-fg", text_on(&level.color))
                        .text(&level.label),
                    None => cell.class("cell missing").text("No level"),
                };
                El::new("td").child(cell)
            }))
    });
    table
        .child(El::new("thead").child(header))
        .child(El::new("tbody").children(rows))
}

fn thresholds(draft: &Method) -> El {
    let LevelRule::Formula {
        formula,
        thresholds,
    } = &draft.rule
    else {
        return El::new("div");
    };
    let op = match formula {
        Formula::Product => "likelihood × impact",
        Formula::Sum => "likelihood + impact",
    };
    El::new("fieldset")
        .class("thresholds")
        .child(El::new("legend").text(&format!(
            "Thresholds: the lowest score ({op}) of each level"
        )))
        .children(thresholds.iter().enumerate().map(|(k, t)| {
            let label = draft
                .levels
                .iter()
                .find(|l| l.id == t.level)
                .map_or(t.level.as_str(), |l| l.label.as_str());
            field(
                &format!("{label} from"),
                El::new("input")
                    .attr("type", "number")
                    .attr("min", "0")
                    .attr("data-msg", "threshold")
                    .attr("data-event", "change")
                    .attr("data-index", &k.to_string())
                    .value(&t.min_score.to_string()),
                &format!("threshold-{k}"),
            )
        }))
}

fn levels(draft: &Method) -> El {
    El::new("fieldset")
        .class("levels")
        .child(El::new("legend").text("Risk levels, lowest first"))
        .children(draft.levels.iter().enumerate().map(|(k, level)| {
            let index = k.to_string();
            El::new("div")
                .class("row")
                .child(field(
                    &format!("Level {} label", k + 1),
                    text_input(&level.label, "level")
                        .attr("data-index", &index)
                        .attr("data-field", "label"),
                    &format!("level-{k}-label"),
                ))
                .child(field(
                    "Colour",
                    El::new("input")
                        .attr("type", "color")
                        .attr("data-msg", "level")
                        .attr("data-event", "change")
                        .attr("data-index", &index)
                        .attr("data-field", "color")
                        .value(&level.color),
                    &format!("level-{k}-color"),
                ))
                .child(field(
                    "Review every (days)",
                    El::new("input")
                        .attr("type", "number")
                        .attr("min", "1")
                        .attr("data-msg", "level")
                        .attr("data-event", "change")
                        .attr("data-index", &index)
                        .attr("data-field", "days")
                        .value(&level.review_interval_days.to_string()),
                    &format!("level-{k}-days"),
                ))
        }))
}

fn scale_texts(draft: &Method, axis: Axis) -> El {
    let (legend, guidance) = match axis {
        Axis::Likelihood => ("Likelihood scale", "Frequency"),
        Axis::Impact => ("Impact scale", "Guidance (amount or narrative)"),
    };
    let key = axis_key(axis);
    El::new("details")
        .child(El::new("summary").text(legend))
        .child(
            El::new("div").class("scale").children(
                draft
                    .scale(axis)
                    .levels
                    .iter()
                    .enumerate()
                    .map(|(k, level)| {
                        let text = |label: &str, value: &str, field_key: &str| {
                            field(
                                label,
                                text_input(value, "scale-text")
                                    .attr("data-axis", key)
                                    .attr("data-index", &k.to_string())
                                    .attr("data-field", field_key),
                                &format!("{key}-{k}-{field_key}"),
                            )
                        };
                        El::new("div")
                            .class("row")
                            .child(text(
                                &format!("{legend} {} label", k + 1),
                                &level.label,
                                "label",
                            ))
                            .child(text("Description", &level.description, "description"))
                            .child(text(guidance, &level.guidance, "guidance"))
                    }),
            ),
        )
}

fn dimensions(draft: &Method) -> El {
    let aggregations = [
        ("max", "the worst dimension (maximum)"),
        ("mean", "the average of the dimensions"),
    ]
    .map(|(v, l)| (v.to_string(), l.to_string()));
    let current = match draft.aggregation {
        Aggregation::Max => "max",
        Aggregation::Mean => "mean",
    };
    El::new("details")
        .child(El::new("summary").text("Impact dimensions"))
        .child(field(
            "A risk's impact is",
            select(&aggregations, current, "aggregation"),
            "method-aggregation",
        ))
        .child(
            El::new("ul")
                .class("dimensions")
                .children(draft.dimensions.iter().enumerate().map(|(k, d)| {
                    El::new("li")
                        .child(field(
                            &format!("Dimension {} name", k + 1),
                            text_input(&d.label, "dimension-label")
                                .attr("data-index", &k.to_string()),
                            &format!("dimension-{k}"),
                        ))
                        .child(
                            button("Remove", "dimension-remove")
                                .attr("data-id", &d.id)
                                .attr("aria-label", &format!("Remove dimension {}", d.label)),
                        )
                })),
        )
        .child(
            El::new("div")
                .class("row")
                .child(field(
                    "New dimension (for example Legal or Reputation)",
                    El::new("input").attr("type", "text"),
                    "new-dimension",
                ))
                .child(button("Add dimension", "dimension-add").id("add-dimension")),
        )
}

/// The `data-axis` value of an axis.
pub fn axis_key(axis: Axis) -> &'static str {
    match axis {
        Axis::Likelihood => "likelihood",
        Axis::Impact => "impact",
    }
}
