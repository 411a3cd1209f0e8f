//! The export and import screen.

use crate::app::count;
use crate::app::data::{field_key, importable_fields, PendingImport};
use crate::app::state::AppState;
use crate::browser::dom::{button, El};

/// The export and import screen.
pub fn data(state: &AppState) -> El {
    let ui = &state.data;
    El::new("section")
        .class("panel")
        .attr("aria-labelledby", "data-title")
        .child(El::new("h2").id("data-title").text("Export and import"))
        .child(El::new("p").text(&format!(
            "“{}” holds {}. Exports are complete: a JSON export reloads losslessly.",
            state.assessment.name,
            count(state.assessment.risks.len(), "risk", "risks")
        )))
        .child(
            El::new("div")
                .class("actions")
                .child(button("Export as JSON", "export-json").id("data-export-json"))
                .child(button("Export the register as CSV", "export-csv").id("data-export-csv")),
        )
        .children(ui.outcome.as_ref().map(|text| {
            El::new("div")
                .id("data-outcome")
                .class("status")
                .attr("role", "status")
                .child(El::new("p").text(text))
                .child(
                    El::new("div")
                        .class("actions")
                        .children(ui.restore.as_ref().map(|_| {
                            button("Undo import", "data-undo-import").id("data-undo-import")
                        }))
                        .child(button("Dismiss", "data-dismiss").id("data-dismiss")),
                )
        }))
        .child(El::new("h3").text("Import a file"))
        .child(El::new("p").text(
            "A Riskwright JSON file replaces the assessment or adds its risks; a CSV file adds risks to the register; a readiness check result (its “Download result as JSON”) opens its gaps as draft risks. You see what would change before anything is imported.",
        ))
        .child(
            El::new("div")
                .class("field")
                .child(
                    El::new("label")
                        .attr("for", "data-file")
                        .text("File to import (JSON or CSV)"),
                )
                .child(
                    El::new("input")
                        .id("data-file")
                        .attr("type", "file")
                        .attr("accept", ".json,.csv,application/json,text/csv")
                        .attr("data-msg", "data-file")
                        .attr("data-event", "change"),
                ),
        )
        .children(ui.pending.as_ref().map(|p| pending(state, p)))
}

fn problems(items: impl IntoIterator<Item = String>, title: &str) -> El {
    El::new("div")
        .id("data-errors")
        .attr("role", "alert")
        .child(El::new("h4").text(title))
        .child(El::new("ul").children(items.into_iter().map(|t| El::new("li").text(&t))))
}

fn pending(state: &AppState, pending: &PendingImport) -> El {
    let section = El::new("section")
        .id("data-preview")
        .attr("aria-labelledby", "data-preview-title");
    match pending {
        PendingImport::Invalid { file, problems: list } => section
            .child(
                El::new("h3")
                    .id("data-preview-title")
                    .text(&format!("{file} cannot be imported")),
            )
            .child(problems(
                list.iter().map(|p| format!("{}: {}", p.path, p.message)),
                "Problems found; nothing was imported",
            ))
            .child(button("Close", "data-cancel").id("data-cancel")),
        PendingImport::Json {
            file,
            assessment,
            merge,
        } => section
            .child(
                El::new("h3")
                    .id("data-preview-title")
                    .text(&format!("Import {file}")),
            )
            .child(El::new("p").id("data-json-summary").text(&format!(
                "“{}”: {}, {}, {}, {}.",
                assessment.name,
                count(assessment.risks.len(), "risk", "risks"),
                count(assessment.assets.len(), "asset", "assets"),
                count(assessment.threats.len(), "threat", "threats"),
                count(assessment.vulnerabilities.len(), "vulnerability", "vulnerabilities")
            )))
            .children((assessment.method != state.assessment.method).then(|| {
                El::new("p").text("Its method differs from the current one: merged risks keep their level numbers, scored on the current method.")
            }))
            .child(El::new("p").text(&format!(
                "Merging would add {}, and the assets, threats and vulnerabilities they use that are missing.",
                count(merge.risks, "risk", "risks")
            )))
            .children((!merge.skipped.is_empty()).then(|| {
                problems(
                    merge.skipped.iter().cloned(),
                    "Risks a merge would skip",
                )
            }))
            .child(
                El::new("div")
                    .class("actions")
                    .child(
                        button("Open it as a new assessment", "data-import-new")
                            .id("data-import-new-json"),
                    )
                    .child(
                        button("Replace the current assessment", "data-replace")
                            .id("data-replace"),
                    )
                    .child(
                        button("Merge its risks into the current assessment", "data-merge")
                            .id("data-merge")
                            .attr_if(merge.risks == 0, "disabled", ""),
                    )
                    .child(button("Cancel", "data-cancel").id("data-cancel")),
            ),
        PendingImport::Readiness { file, seed } => section
            .child(
                El::new("h3")
                    .id("data-preview-title")
                    .text(&format!("Import {file}")),
            )
            .child(El::new("p").id("data-readiness-summary").text(&if seed.risks.is_empty() {
                "This readiness check found no gaps among its answers, so it has no draft risks to start from.".to_string()
            } else {
                format!(
                    "A readiness check result: {} gap{} as draft risks and {} Statement of Applicability note{}. Open them as a new assessment, then give each risk an owner and scores.",
                    seed.risks.len(),
                    if seed.risks.len() == 1 { "" } else { "s" },
                    seed.soa_notes.len(),
                    if seed.soa_notes.len() == 1 { "" } else { "s" },
                )
            }))
            .child(
                El::new("div")
                    .class("actions")
                    .children((!seed.risks.is_empty()).then(|| {
                        button("Open it as a new assessment", "data-import-new")
                            .id("data-import-new-readiness")
                    }))
                    .child(button("Cancel", "data-cancel").id("data-cancel")),
            ),
        PendingImport::Csv {
            file,
            mapping,
            preview,
            ..
        } => {
            let fields = importable_fields(&state.assessment.method);
            let rows = mapping.iter().map(|m| {
                let id = format!("data-map-{}", m.column);
                let selected = m.field.as_ref().map(field_key).unwrap_or_default();
                let options = std::iter::once(("".to_string(), "Ignore this column".to_string()))
                    .chain(fields.iter().map(|(f, l)| (field_key(f), l.clone())));
                El::new("tr")
                    .child(
                        El::new("th")
                            .attr("scope", "row")
                            .child(El::new("label").attr("for", &id).text(&m.header)),
                    )
                    .child(
                        El::new("td").child(
                            El::new("select")
                                .id(&id)
                                .attr("data-msg", "data-map")
                                .attr("data-event", "change")
                                .attr("data-column", &m.column.to_string())
                                .children(options.map(|(value, label)| {
                                    El::new("option")
                                        .attr("value", &value)
                                        .attr_if(value == selected, "selected", "")
                                        .text(&label)
                                })),
                        ),
                    )
            });
            let rows_with_errors = {
                let mut r: Vec<usize> = preview.errors.iter().map(|e| e.row).collect();
                r.dedup();
                r.len()
            };
            let n = preview.risks.len();
            section
                .child(
                    El::new("h3")
                        .id("data-preview-title")
                        .text(&format!("Import risks from {file}")),
                )
                .child(
                    El::new("table")
                        .id("data-mapping")
                        .child(El::new("caption").text("Which field each column fills"))
                        .child(
                            El::new("thead").child(
                                El::new("tr")
                                    .child(El::new("th").attr("scope", "col").text("Column"))
                                    .child(El::new("th").attr("scope", "col").text("Field")),
                            ),
                        )
                        .child(El::new("tbody").children(rows)),
                )
                .child(
                    El::new("ul").id("data-counts").children(
                        [
                            format!("{} ready to import", count(n, "risk", "risks")),
                            format!("{} with errors (skipped)", count(rows_with_errors, "row", "rows")),
                            format!("{} to create", count(preview.new_assets.len(), "new asset", "new assets")),
                            format!("{} to create", count(preview.new_threats.len(), "new threat", "new threats")),
                            format!(
                                "{} to create",
                                count(
                                    preview.new_vulnerabilities.len(),
                                    "new vulnerability",
                                    "new vulnerabilities"
                                )
                            ),
                        ]
                        .iter()
                        .map(|t| El::new("li").text(t)),
                    ),
                )
                .children((!preview.errors.is_empty()).then(|| {
                    problems(
                        preview.errors.iter().map(ToString::to_string),
                        "Rows with errors are not imported",
                    )
                }))
                .child(
                    El::new("div")
                        .class("actions")
                        .child(
                            button(&format!("Import {}", count(n, "risk", "risks")), "data-import-csv")
                                .id("data-import-csv")
                                .attr_if(n == 0, "disabled", ""),
                        )
                        .child(
                            button("Import them into a new assessment", "data-import-new")
                                .id("data-import-new-csv")
                                .attr_if(n == 0, "disabled", ""),
                        )
                        .child(button("Cancel", "data-cancel").id("data-cancel")),
                )
        }
    }
}
