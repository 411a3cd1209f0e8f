//! The Statement of Applicability screen (ISO/IEC 27001 6.1.3 d): every
//! control grouped by theme with its decision, the form on one entry with the
//! catalogue's guidance, the completeness check with a way to fix each gap,
//! and the SoA as CSV. Everything shown is the engine's reading of the
//! assessment (`soa::statement`, `soa::gaps`, `soa::row_status`).

use super::data_table;
use crate::app::soa::{
    edit_button_id, reason_label, row_shown, status_key, PendingSoaImport, SoaFilter, SoaForm,
};
use crate::app::state::AppState;
use crate::browser::dom::{button, field, select, text_input, El};
use riskwright_engine::catalogue::{control, Theme};
use riskwright_engine::date::Date;
use riskwright_engine::document::InclusionReason;
use riskwright_engine::soa::{
    control_key, gaps, row_status, statement, Applicability, SoaGap, SoaGapKind, SoaRow,
};
use riskwright_engine::treatment::ControlStatus;
use std::collections::{BTreeMap, BTreeSet};

/// The screen.
pub fn soa(state: &AppState, today: Date) -> El {
    let a = &state.assessment;
    let rows = statement(a);
    let all_gaps = gaps(a, today);
    let with_gaps: BTreeSet<String> = all_gaps
        .iter()
        .filter(|g| !g.kind.is_risk_gap())
        .map(|g| control_key(&g.subject))
        .collect();
    let ui = &state.soa;
    El::new("section")
        .id("soa-screen")
        .class("soa")
        .attr("aria-labelledby", "soa-title")
        .child(El::new("h2").id("soa-title").text("Statement of Applicability"))
        .child(El::new("p").class("intro").text(
            "Every Annex A control, and your custom controls, with whether it applies and why (ISO/IEC 27001 6.1.3 d). A control that a risk's treatment uses is applicable unless you exclude it knowingly, and the risk is linked here automatically. Tick several controls to decide on them at once.",
        ))
        .child(summary(&rows))
        .children(ui.outcome.as_ref().map(|text| {
            El::new("div")
                .class("status ok")
                .attr("role", "status")
                .id("soa-outcome")
                .child(El::new("p").text(text))
                .child(button("Dismiss", "soa-dismiss").id("soa-dismiss"))
        }))
        .child(csv_tools())
        .children(ui.import.as_ref().map(import_preview))
        .children(ui.form.as_ref().map(|f| form(state, f, today)))
        .child(filters(state))
        .child(bulk_bar(state))
        .child(tables(state, &rows, &with_gaps))
        .child(super::custom::custom_controls(state))
        .child(gap_section(&all_gaps))
}

fn summary(rows: &[SoaRow<'_>]) -> El {
    let count = |which: Applicability| rows.iter().filter(|r| r.applicability == which).count();
    El::new("p")
        .id("soa-summary")
        .class("overview")
        .text(&format!(
            "{} controls · {} applicable · {} excluded · {} undecided",
            rows.len(),
            count(Applicability::Applicable),
            count(Applicability::Excluded),
            count(Applicability::Undecided)
        ))
}

fn csv_tools() -> El {
    El::new("div")
        .class("row soa-csv")
        .child(button("Export the SoA as CSV", "soa-export-csv").id("soa-export-csv"))
        .child(
            El::new("div")
                .class("field")
                .child(
                    El::new("label")
                        .attr("for", "soa-file")
                        .text("Import a SoA CSV (2022, or 2013 migrated)"),
                )
                .child(
                    El::new("input")
                        .id("soa-file")
                        .attr("type", "file")
                        .attr("accept", ".csv,text/csv")
                        .attr("data-msg", "soa-file")
                        .attr("data-event", "change"),
                ),
        )
}

fn import_preview(pending: &PendingSoaImport) -> El {
    let import = &pending.import;
    let n = import.entries.len();
    let plural = |n: usize| if n == 1 { "" } else { "s" };
    let list =
        |items: Vec<String>| El::new("ul").children(items.iter().map(|t| El::new("li").text(t)));
    El::new("section")
        .id("soa-import")
        .class("panel")
        .attr("aria-labelledby", "soa-import-title")
        .child(
            El::new("h3")
                .id("soa-import-title")
                .text(&format!("Import {}", pending.file)),
        )
        .children((!import.problems.is_empty()).then(|| {
            El::new("div")
                .id("soa-import-problems")
                .class("status problems")
                .attr("role", "alert")
                .child(El::new("h4").text(&format!(
                    "{} problem{}: rows with a problem are not imported",
                    import.problems.len(),
                    plural(import.problems.len())
                )))
                .child(list(
                    import
                        .problems
                        .iter()
                        .map(|p| format!("{}: {}", p.path, p.message))
                        .collect(),
                ))
        }))
        .children(import.migration.as_ref().map(|m| {
            El::new("div")
                .id("soa-migration")
                .child(El::new("h4").text("Migrated from ISO/IEC 27001:2013"))
                .child(El::new("p").text(&m.summary))
                .children((!m.merged.is_empty()).then(|| {
                    El::new("div")
                        .child(El::new("h5").text("Merged controls"))
                        .child(list(m.merged.iter().map(|x| x.message.clone()).collect()))
                }))
                .children((!m.split.is_empty()).then(|| {
                    El::new("div")
                        .child(El::new("h5").text("Split controls"))
                        .child(list(m.split.iter().map(|x| x.message.clone()).collect()))
                }))
                .children((!m.new_controls.is_empty()).then(|| {
                    El::new("div")
                        .child(El::new("h5").text("New in 2022: to decide"))
                        .child(list(
                            m.new_controls.iter().map(|x| x.message.clone()).collect(),
                        ))
                }))
        }))
        .children((!import.ignored_columns.is_empty()).then(|| {
            El::new("p").text(&format!(
                "Columns read for information only: {}.",
                import.ignored_columns.join(", ")
            ))
        }))
        .child(El::new("p").id("soa-import-count").text(&format!(
            "{n} control decision{} will be recorded, replacing what is recorded for those controls.",
            plural(n)
        )))
        .child(
            El::new("div")
                .class("actions")
                .child(
                    button(
                        &format!("Confirm: record {n} decision{}", plural(n)),
                        "soa-import-confirm",
                    )
                    .id("soa-import-confirm")
                    .attr_if(n == 0, "disabled", ""),
                )
                .child(button("Cancel", "soa-import-cancel").id("soa-import-cancel")),
        )
}

fn filters(state: &AppState) -> El {
    let options: Vec<(String, String)> = SoaFilter::ALL
        .iter()
        .map(|(_, key, label)| (key.to_string(), label.to_string()))
        .collect();
    El::new("div")
        .class("row filters")
        .attr("role", "search")
        .attr("aria-label", "Filter the controls")
        .child(field(
            "Show",
            select(&options, state.soa.filter.key(), "soa-filter"),
            "soa-filter",
        ))
        .child(field(
            "Search controls",
            El::new("input")
                .attr("type", "search")
                .attr("data-msg", "soa-search")
                .attr("data-event", "input")
                .value(&state.soa.search),
            "soa-search",
        ))
}

/// Deciding on several controls at once: the ticked count, "select all
/// shown", one justification, include or exclude, and the confirmation an
/// exclusion that contradicts risks' treatment needs.
fn bulk_bar(state: &AppState) -> El {
    let bulk = &state.soa.bulk;
    let n = state.soa.selected.len();
    let problem = bulk.problems.first();
    let mut justification = El::new("textarea")
        .id("soa-bulk-justification")
        .attr("rows", "2")
        .attr("data-msg", "soa-bulk-justification")
        .attr("data-event", "input")
        .value(&bulk.justification);
    if problem.is_some() {
        justification = justification
            .attr("aria-invalid", "true")
            .attr("aria-describedby", "soa-bulk-problem");
    }
    El::new("section")
        .id("soa-bulk")
        .class("panel soa-bulk")
        .attr("aria-labelledby", "soa-bulk-title")
        .child(
            El::new("h3")
                .id("soa-bulk-title")
                .text("Decide on several controls at once"),
        )
        .child(
            El::new("p")
                .id("soa-bulk-count")
                .attr("aria-live", "polite")
                .text(&match n {
                    0 => "No control selected. Tick controls in the tables, or select all shown."
                        .to_string(),
                    1 => format!("1 control selected: {}.", state.soa.selected.join(", ")),
                    _ if n <= 8 => format!(
                        "{n} controls selected: {}.",
                        state.soa.selected.join(", ")
                    ),
                    _ => format!("{n} controls selected."),
                }),
        )
        .child(
            El::new("div")
                .class("actions")
                .child(button("Select all shown", "soa-select-shown").id("soa-select-shown"))
                .children((n > 0).then(|| {
                    button("Clear the selection", "soa-select-none").id("soa-select-none")
                })),
        )
        .child(
            El::new("div")
                .class("field")
                .child(El::new("label").attr("for", "soa-bulk-justification").text(
                    "Justification (why they do not apply, required to exclude; or why they are included)",
                ))
                .child(justification)
                .children(problem.map(|p| {
                    El::new("p")
                        .id("soa-bulk-problem")
                        .class("field-problem")
                        .text(&capitalise(&p.message))
                })),
        )
        .child(
            El::new("div")
                .class("actions")
                .child(
                    button(&format!("Include {n} selected"), "soa-bulk-include")
                        .id("soa-bulk-include")
                        .attr_if(n == 0, "disabled", ""),
                )
                .child(
                    button(&format!("Exclude {n} selected"), "soa-bulk-exclude")
                        .id("soa-bulk-exclude")
                        .attr_if(n == 0, "disabled", ""),
                ),
        )
        .children(bulk.confirm.as_ref().map(|question| {
            El::new("div")
                .id("soa-bulk-confirm-box")
                .class("status warn confirm")
                .attr("role", "alert")
                .child(El::new("p").id("soa-bulk-confirm-text").text(question))
                .child(
                    El::new("div")
                        .class("actions")
                        .child(
                            button("Exclude anyway", "soa-bulk-confirm")
                                .id("soa-bulk-confirm")
                                .attr("aria-describedby", "soa-bulk-confirm-text"),
                        )
                        .child(button("Cancel", "soa-bulk-cancel").id("soa-bulk-cancel")),
                )
        }))
}

fn theme_title(theme: Theme) -> &'static str {
    match theme {
        Theme::Organizational => "5 Organizational controls",
        Theme::People => "6 People controls",
        Theme::Physical => "7 Physical controls",
        Theme::Technological => "8 Technological controls",
    }
}

fn tables(state: &AppState, rows: &[SoaRow<'_>], with_gaps: &BTreeSet<String>) -> El {
    let visible: Vec<&SoaRow<'_>> = rows
        .iter()
        .filter(|r| row_shown(&state.soa, r, with_gaps))
        .collect();
    let mut groups: Vec<(String, String, Vec<&SoaRow<'_>>)> = Theme::ALL
        .iter()
        .map(|&t| {
            (
                t.as_str().to_string(),
                theme_title(t).to_string(),
                Vec::new(),
            )
        })
        .collect();
    groups.push(("custom".into(), "Custom controls".into(), Vec::new()));
    for row in &visible {
        let k = if row.control.is_annex_a() {
            Theme::ALL
                .iter()
                .position(|t| *t == row.control.theme)
                .unwrap_or(0)
        } else {
            groups.len() - 1
        };
        if let Some(group) = groups.get_mut(k) {
            group.2.push(row);
        }
    }
    El::new("div")
        .id("soa-tables")
        .child(
            El::new("p")
                .id("soa-shown")
                .attr("aria-live", "polite")
                .text(&if visible.len() == rows.len() {
                    format!("Showing all {} controls.", rows.len())
                } else {
                    format!("Showing {} of {} controls.", visible.len(), rows.len())
                }),
        )
        .children(
            groups
                .into_iter()
                .filter(|(_, _, rows)| !rows.is_empty())
                .map(|(key, title, rows)| theme_table(state, &key, &title, &rows)),
        )
}

fn theme_table(state: &AppState, key: &str, title: &str, rows: &[&SoaRow<'_>]) -> El {
    let heading_id = format!("soa-theme-{key}");
    let all_ticked = rows
        .iter()
        .all(|r| state.soa.selected.contains(&control_key(&r.control.id)));
    let select_id = format!("soa-select-theme-{key}");
    El::new("section")
        .class("soa-theme")
        .attr("aria-labelledby", &heading_id)
        .child(El::new("h3").id(&heading_id).text(title))
        .child(
            El::new("label")
                .class("check select-theme")
                .attr("for", &select_id)
                .child(
                    El::new("input")
                        .id(&select_id)
                        .attr("type", "checkbox")
                        .attr("data-msg", "soa-select-theme")
                        .attr("data-event", "change")
                        .attr("data-theme", key)
                        .attr_if(all_ticked, "checked", ""),
                )
                .text(&format!(" Select the {} shown in {title}", rows.len())),
        )
        .child(El::new("div").class("table-wrap").child(data_table(
            &format!("soa-table-{key}"),
            "table soa-table",
            &format!("Statement of Applicability: {title}"),
            &[
                "Control",
                "Title",
                "Applicability",
                "Reasons",
                "Exclusion justification",
                "Implementation",
                "Evidence",
                "Owner",
                "Last review",
                "Edit",
            ],
            rows.iter().map(|r| row(state, r)),
        )))
}

fn dash(text: &str) -> String {
    if text.trim().is_empty() {
        "—".into()
    } else {
        text.to_string()
    }
}

/// The applicability in words, with the risks that select the control.
fn applicability_text(row: &SoaRow<'_>) -> String {
    let word = row.applicability.as_str();
    match (row.selected(), row.applicability) {
        (true, Applicability::Excluded) => format!(
            "{word}, yet applied to {}: see the checker",
            row.risk_ids.join(", ")
        ),
        (true, _) => format!("{word} (selected by {})", row.risk_ids.join(", ")),
        _ => word.to_string(),
    }
}

fn reasons_cell(row: &SoaRow<'_>) -> El {
    let e = &row.entry;
    let mut items: Vec<String> = Vec::new();
    if row.selected() {
        items.push(format!("Risks: {}", row.risk_ids.join(", ")));
    }
    for reason in &e.reasons {
        items.push(reason_word(*reason).to_string());
    }
    if !e.reason_note.trim().is_empty() {
        items.push(e.reason_note.clone());
    }
    if items.is_empty() {
        El::new("td").text("—")
    } else {
        El::new("td").child(
            El::new("ul")
                .class("plain")
                .children(items.iter().map(|t| El::new("li").text(t))),
        )
    }
}

fn reason_word(reason: InclusionReason) -> &'static str {
    match reason {
        InclusionReason::Legal => "Legal",
        InclusionReason::Contractual => "Contractual",
        InclusionReason::Business => "Business",
    }
}

/// A reference to evidence: a link when it is a web address, else text.
fn evidence_item(text: &str) -> El {
    let lower = text.to_lowercase();
    if lower.starts_with("https://") || lower.starts_with("http://") {
        El::new("a")
            .attr("href", text)
            .attr("rel", "noopener noreferrer")
            .attr("target", "_blank")
            .text(text)
    } else {
        El::new("span").text(text)
    }
}

fn row(state: &AppState, row: &SoaRow<'_>) -> El {
    let a = &state.assessment;
    let e = &row.entry;
    let status = row_status(a, row);
    let status_text = match status {
        Some(s) if e.status.is_none() => format!("{} (from the risks)", s.label()),
        Some(s) => s.label().to_string(),
        None => "—".into(),
    };
    let evidence: Vec<&String> = e.evidence.iter().filter(|x| !x.trim().is_empty()).collect();
    let name = format!("{} {}", row.control.id, row.control.title);
    let key = control_key(&row.control.id);
    let select_id = format!("soa-select-{key}");
    let mut tr = El::new("tr").attr("data-id", &row.control.id);
    if state.soa.selected.contains(&key) {
        tr = tr.class("selected");
    }
    tr.child(
        El::new("th")
            .attr("scope", "row")
            .class("control-id")
            .child(
                El::new("input")
                    .id(&select_id)
                    .class("select")
                    .attr("type", "checkbox")
                    .attr("data-msg", "soa-select")
                    .attr("data-event", "change")
                    .attr("data-id", &row.control.id)
                    .attr("aria-label", &format!("Select {name}"))
                    .attr_if(state.soa.selected.contains(&key), "checked", ""),
            )
            .text(&row.control.id),
    )
    .child(El::new("td").text(&row.control.title))
    .child(
        El::new("td")
            .class(&format!("applicability {}", row.applicability.as_str()))
            .text(&applicability_text(row)),
    )
    .child(reasons_cell(row))
    .child(
        if row.applicability == Applicability::Excluded
            && e.exclusion_justification.trim().is_empty()
        {
            El::new("td")
                .class("missing")
                .text("Missing: say why it does not apply")
        } else {
            El::new("td").text(&dash(&e.exclusion_justification))
        },
    )
    .child(El::new("td").text(&status_text))
    .child(if evidence.is_empty() {
        El::new("td").text("—")
    } else {
        El::new("td").child(
            El::new("ul").class("plain").children(
                evidence
                    .iter()
                    .map(|x| El::new("li").child(evidence_item(x))),
            ),
        )
    })
    .child(El::new("td").text(&dash(&e.owner)))
    .child(
        El::new("td").text(
            &e.reviewed_on
                .map_or_else(|| "—".to_string(), |d| d.to_string()),
        ),
    )
    .child(
        El::new("td").class("actions").child(
            button("Edit", "soa-edit")
                .id(&edit_button_id(&row.control.id))
                .attr("data-id", &row.control.id)
                .attr("aria-label", &format!("Edit {name}")),
        ),
    )
}

fn gap_section(all: &[SoaGap]) -> El {
    let n = all.len();
    let mut by_kind: BTreeMap<SoaGapKind, Vec<&SoaGap>> = BTreeMap::new();
    for gap in all {
        by_kind.entry(gap.kind).or_default().push(gap);
    }
    let title = match n {
        0 => "Completeness check: no gaps".to_string(),
        1 => "Completeness check: 1 gap".to_string(),
        n => format!("Completeness check: {n} gaps"),
    };
    El::new("section")
        .id("soa-gaps")
        .class("panel")
        .attr("aria-labelledby", "soa-gaps-title")
        .child(El::new("h3").id("soa-gaps-title").text(&title))
        .children((n == 0).then(|| {
            El::new("p")
                .class("status ok")
                .id("soa-complete")
                .text("No gaps: the Statement of Applicability is complete.")
        }))
        // The gaps that need work first; "not decided" is the long list.
        .children(
            by_kind
                .iter()
                .filter(|(k, _)| **k != SoaGapKind::Undecided)
                .chain(by_kind.iter().filter(|(k, _)| **k == SoaGapKind::Undecided))
                .map(|(&kind, gaps)| {
                    let id = format!("soa-gaps-{}", kind_key(kind));
                    El::new("section")
                        .class("gap-group")
                        .attr("aria-labelledby", &id)
                        .attr("data-kind", kind_key(kind))
                        .child(El::new("h4").id(&id).text(&format!(
                            "{} ({})",
                            kind.label(),
                            gaps.len()
                        )))
                        .child(El::new("ul").class("gaps").children(gaps.iter().map(|g| {
                            let fix = if kind.is_risk_gap() {
                                button("Fix", "soa-fix-risk").attr(
                                    "aria-label",
                                    &format!("Fix: open the treatment of risk {}", g.subject),
                                )
                            } else {
                                button("Fix", "soa-edit")
                                    .attr("aria-label", &format!("Fix: edit control {}", g.subject))
                            };
                            El::new("li")
                                .attr("data-subject", &g.subject)
                                .attr("data-kind", kind_key(kind))
                                .child(El::new("span").class("gap-message").text(&g.message))
                                .child(fix.attr("data-id", &g.subject))
                        })))
                }),
        )
}

/// A stable name for a gap kind, for ids and tests.
fn kind_key(kind: SoaGapKind) -> &'static str {
    match kind {
        SoaGapKind::Undecided => "undecided",
        SoaGapKind::ExclusionWithoutJustification => "exclusion-unjustified",
        SoaGapKind::IncludedWithoutStatus => "no-status",
        SoaGapKind::IncludedWithoutEvidence => "no-evidence",
        SoaGapKind::SelectedButExcluded => "selected-excluded",
        SoaGapKind::RiskWithoutTreatment => "risk-untreated",
        SoaGapKind::RiskWithoutAcceptance => "risk-not-accepted",
    }
}

fn form(state: &AppState, f: &SoaForm, today: Date) -> El {
    let a = &state.assessment;
    let key = control_key(&f.control_id);
    let rows = statement(a);
    let Some(row) = rows.iter().find(|r| control_key(&r.control.id) == key) else {
        return El::new("p").text("This control is no longer in the assessment.");
    };
    let c = row.control;
    let warnings = f.gaps(a, today);
    let warning = |kind: SoaGapKind| warnings.iter().find(|g| g.kind == kind);
    let problem = |path: &str| f.problems.iter().find(|p| p.path.ends_with(path));
    // The catalogue's text for Annex A, the assessment's for custom controls.
    let catalogue = control(&c.id).unwrap_or(c);
    let area = |id: &str, label: &str, value: &str, field_key: &str, rows: &str| {
        field(
            label,
            El::new("textarea")
                .attr("rows", rows)
                .attr("data-msg", "soa-field")
                .attr("data-event", "input")
                .attr("data-field", field_key)
                .value(value),
            id,
        )
    };
    let note = |id: &str, text: &str| El::new("p").id(id).class("field-problem").text(text);
    let radio = |id: &str, value: &str, label: &str, on: bool| {
        El::new("label")
            .class("check")
            .attr("for", id)
            .child(
                El::new("input")
                    .id(id)
                    .attr("type", "radio")
                    .attr("name", "sf-applicability")
                    .attr("value", value)
                    .attr("data-msg", "soa-field")
                    .attr("data-event", "change")
                    .attr("data-field", "applicable")
                    .attr_if(on, "checked", ""),
            )
            .text(&format!(" {label}"))
    };
    let applicability_warning =
        warning(SoaGapKind::SelectedButExcluded).or(warning(SoaGapKind::Undecided));
    let justification_gap = warning(SoaGapKind::ExclusionWithoutJustification);
    let statuses: Vec<(String, String)> = std::iter::once((String::new(), "None yet".to_string()))
        .chain(
            ControlStatus::ALL
                .iter()
                .map(|s| (status_key(*s).to_string(), capitalise(s.label()))),
        )
        .collect();
    let date_problem = problem("reviewed_on");
    let justification_problem = problem("exclusion_justification");
    let other_problems: Vec<_> = f
        .problems
        .iter()
        .filter(|p| {
            !p.path.ends_with("reviewed_on") && !p.path.ends_with("exclusion_justification")
        })
        .cloned()
        .collect();

    let mut justification = El::new("textarea")
        .attr("rows", "2")
        .attr("data-msg", "soa-field")
        .attr("data-event", "input")
        .attr("data-field", "justification")
        .value(&f.exclusion_justification);
    if justification_problem.is_some() {
        justification = justification
            .attr("aria-invalid", "true")
            .attr("aria-describedby", "sf-justification-problem");
    } else if justification_gap.is_some() {
        justification = justification
            .attr("aria-invalid", "true")
            .attr("aria-describedby", "sf-justification-gap");
    }
    let mut status_select = select(&statuses, f.status.map_or("", status_key), "soa-field")
        .attr("data-field", "status");
    if warning(SoaGapKind::IncludedWithoutStatus).is_some() {
        status_select = status_select.attr("aria-describedby", "sf-status-gap");
    }
    let mut evidence = El::new("textarea")
        .attr("rows", "3")
        .attr("data-msg", "soa-field")
        .attr("data-event", "input")
        .attr("data-field", "evidence")
        .value(&f.evidence);
    if warning(SoaGapKind::IncludedWithoutEvidence).is_some() {
        evidence = evidence.attr("aria-describedby", "sf-evidence-gap");
    }
    let mut reviewed = El::new("input")
        .attr("type", "date")
        .attr("data-msg", "soa-field")
        .attr("data-event", "input")
        .attr("data-field", "reviewed")
        .value(&f.reviewed_on);
    if date_problem.is_some() {
        reviewed = reviewed
            .attr("aria-invalid", "true")
            .attr("aria-describedby", "sf-reviewed-problem");
    }

    El::new("form")
        .id("soa-form")
        .class("panel soa-form")
        .attr("aria-labelledby", "soa-form-title")
        .attr("data-msg", "soa-save")
        .attr("data-event", "submit")
        .child(
            El::new("h3")
                .id("soa-form-title")
                .attr("tabindex", "-1")
                .text(&format!("Control {} {}", c.id, c.title)),
        )
        .child(El::new("p").class("meta").text(&format!(
            "{} · {}{}",
            theme_title(c.theme),
            c.source,
            if row.selected() {
                format!(
                    " · applied to risk {} (treatment or plan): excluding it contradicts their treatment",
                    row.risk_ids.join(", ")
                )
            } else {
                String::new()
            }
        )))
        .children(super::problem_alert("soa-form-problems", &other_problems))
        .child(help(&catalogue.guidance, &catalogue.evidence))
        .child(
            El::new("fieldset")
                .attr_if(
                    applicability_warning.is_some(),
                    "aria-describedby",
                    "sf-applicability-gap",
                )
                .child(El::new("legend").text("Applicability"))
                .child(radio(
                    "sf-applicable",
                    "applicable",
                    "Applicable",
                    f.applicable == Some(true),
                ))
                .child(radio(
                    "sf-excluded",
                    "excluded",
                    "Not applicable (excluded)",
                    f.applicable == Some(false),
                ))
                .child(radio(
                    "sf-undecided",
                    "undecided",
                    "Not decided yet",
                    f.applicable.is_none(),
                ))
                .children(applicability_warning.map(|g| note("sf-applicability-gap", &g.message))),
        )
        .child(
            El::new("fieldset")
                .child(El::new("legend").text("Reasons for inclusion besides the risks"))
                .children(InclusionReason::ALL.iter().map(|reason| {
                    let id = format!("sf-reason-{}", reason.as_str());
                    El::new("label")
                        .class("check")
                        .attr("for", &id)
                        .child(
                            El::new("input")
                                .id(&id)
                                .attr("type", "checkbox")
                                .attr("data-msg", "soa-field")
                                .attr("data-event", "change")
                                .attr("data-field", "reason")
                                .attr("data-reason", reason.as_str())
                                .attr_if(f.reasons.contains(reason), "checked", ""),
                        )
                        .text(&format!(" {}", reason_label(*reason)))
                }))
                .child(area(
                    "sf-reason-note",
                    "Which law, contract or requirement",
                    &f.reason_note,
                    "reason-note",
                    "2",
                )),
        )
        .child(
            El::new("div")
                .class("field")
                .child(
                    El::new("label")
                        .attr("for", "sf-justification")
                        .text("Exclusion justification (required when excluded)"),
                )
                .child(justification.id("sf-justification"))
                .children(
                    justification_problem
                        .map(|p| note("sf-justification-problem", &capitalise(&p.message))),
                )
                .children(
                    justification_gap
                        .filter(|_| justification_problem.is_none())
                        .map(|g| note("sf-justification-gap", &g.message)),
                ),
        )
        .child(
            El::new("div")
                .class("row")
                .child(
                    El::new("div")
                        .class("field")
                        .child(
                            El::new("label")
                                .attr("for", "sf-status")
                                .text("Implementation status"),
                        )
                        .child(status_select.id("sf-status"))
                        .children(
                            warning(SoaGapKind::IncludedWithoutStatus)
                                .map(|g| note("sf-status-gap", &g.message)),
                        ),
                )
                .child(field(
                    "Control owner",
                    text_input(&f.owner, "soa-field").attr("data-field", "owner"),
                    "sf-owner",
                ))
                .child(
                    El::new("div")
                        .class("field")
                        .child(
                            El::new("label")
                                .attr("for", "sf-reviewed")
                                .text("Reviewed on"),
                        )
                        .child(reviewed.id("sf-reviewed"))
                        .children(date_problem.map(|p| note("sf-reviewed-problem", &p.message))),
                ),
        )
        .child(
            El::new("div")
                .class("field")
                .child(El::new("label").attr("for", "sf-evidence").text(
                    "Evidence: one reference per line (a document, a record or a web address)",
                ))
                .child(evidence.id("sf-evidence"))
                .children(
                    warning(SoaGapKind::IncludedWithoutEvidence)
                        .map(|g| note("sf-evidence-gap", &g.message)),
                ),
        )
        .children(f.confirm.as_ref().map(|question| {
            El::new("div")
                .id("sf-confirm")
                .class("status warn confirm")
                .attr("role", "alert")
                .child(El::new("p").id("sf-confirm-text").text(question))
                .child(
                    El::new("div")
                        .class("actions")
                        .child(
                            button("Exclude anyway", "soa-confirm-save")
                                .id("sf-confirm-exclude")
                                .attr("aria-describedby", "sf-confirm-text"),
                        ),
                )
        }))
        .child(
            El::new("div")
                .class("actions")
                .child(
                    El::new("button")
                        .attr("type", "submit")
                        .id("sf-save")
                        .text("Save"),
                )
                .child(button("Clear decision", "soa-clear").id("sf-clear"))
                .child(button("Cancel", "soa-cancel").id("sf-cancel")),
        )
}

fn help(guidance: &str, evidence: &[String]) -> El {
    El::new("div")
        .class("soa-help")
        .children((!guidance.trim().is_empty()).then(|| {
            El::new("p")
                .child(El::new("strong").text("How to implement it: "))
                .text(guidance)
        }))
        .children((!evidence.is_empty()).then(|| {
            El::new("div")
                .child(
                    El::new("p")
                        .child(El::new("strong").text("Evidence an auditor could be shown:")),
                )
                .child(El::new("ul").children(evidence.iter().map(|e| El::new("li").text(e))))
        }))
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
