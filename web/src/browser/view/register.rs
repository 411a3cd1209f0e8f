//! The register screen: overview figures, the risk form, heat maps of
//! current and residual risk, filters, and the sortable, paged table.

use super::heatmap;
use super::{level_chip, problem};
use crate::app::count;
use crate::app::register::{FormConflict, RiskForm, PAGE_SIZE};
use crate::app::state::AppState;
use crate::browser::dom::{button, field, select, text_input, El};
use riskwright_engine::date::Date;
use riskwright_engine::document::{Risk, Tier, TreatmentStatus};
use riskwright_engine::evaluate::score_tier;
use riskwright_engine::method::ResolvedMethod;
use riskwright_engine::register::{is_overdue, overview, review_due, SortKey};
use riskwright_engine::Diagnostic;
use std::collections::BTreeSet;

/// The register screen.
pub fn register(state: &AppState, method: &ResolvedMethod, today: Date) -> El {
    let a = &state.assessment;
    let o = overview(a, method, today);
    let (rows, total) = state.register_page(method, today);
    El::new("section")
        .class("register")
        .attr("aria-labelledby", "register-title")
        .child(
            El::new("div")
                .class("row heading")
                .child(El::new("h2").id("register-title").text(&format!("Risk register: {}", a.name)))
                .child(button("Add risk", "risk-new").id("add-risk").attr("aria-keyshortcuts", "N")),
        )
        .child(
            El::new("p")
                .id("overview")
                .class("overview")
                .text(&format!(
                    "{} · {} above the appetite (current) · {} · {} without a risk owner · {} untreated above the appetite · ",
                    count(o.risks, "risk", "risks"),
                    o.above_appetite_current,
                    count(o.overdue_reviews, "review overdue", "reviews overdue"),
                    o.without_owner,
                    o.untreated_above_appetite
                ))
                .child(soa_gaps(a, today)),
        )
        .children(state.register.form.as_ref().map(|f| form(state, f, method)))
        .child(
            El::new("div")
                .class("heatmaps")
                .child(heatmap::counts(a, method, Tier::Current, cell_of(state, Tier::Current)))
                .child(heatmap::counts(a, method, Tier::Residual, cell_of(state, Tier::Residual))),
        )
        .child(filters(state, method))
        .child(table(state, method, today, &rows))
        .child(pager(state.register.page, total))
}

/// The completeness checker's count, as a link to the SoA screen.
fn soa_gaps(a: &riskwright_engine::document::Assessment, today: Date) -> El {
    let count = riskwright_engine::soa::gap_count(a, today);
    let text = match count {
        0 => "no gaps in the Statement of Applicability".to_string(),
        1 => "1 gap in the Statement of Applicability".to_string(),
        n => format!("{n} gaps in the Statement of Applicability"),
    };
    button(&text, "nav")
        .id("overview-gaps")
        .class("link")
        .attr("data-view", "soa")
}

fn cell_of(state: &AppState, tier: Tier) -> Option<(u8, u8)> {
    (state.register.query.tier == tier)
        .then_some(state.register.query.cell)
        .flatten()
}

fn options(pairs: impl IntoIterator<Item = (String, String)>, any: &str) -> Vec<(String, String)> {
    std::iter::once((String::new(), any.to_string()))
        .chain(pairs)
        .collect()
}

fn filters(state: &AppState, method: &ResolvedMethod) -> El {
    let a = &state.assessment;
    let q = &state.register.query;
    // Inserted one by one: collecting into a BTreeSet compiles a sort.
    let mut owners = BTreeSet::new();
    for r in &a.risks {
        if !r.owner.is_empty() {
            owners.insert(r.owner.as_str());
        }
    }
    let tier = match q.tier {
        Tier::Inherent => "inherent",
        Tier::Current => "current",
        Tier::Residual => "residual",
    };
    let levels = method
        .method()
        .levels
        .iter()
        .map(|l| (l.id.clone(), l.label.clone()));
    let mut row = El::new("div")
        .class("row filters")
        .attr("role", "search")
        .attr("aria-label", "Filter the register")
        .child(field(
            "Search",
            El::new("input")
                .attr("type", "search")
                .attr("data-msg", "filter-text")
                .attr("data-event", "input")
                .value(&q.text),
            "filter-text",
        ))
        .child(field(
            &format!("Level ({tier})"),
            select(
                &options(levels, "Any level"),
                q.levels.first().map_or("", String::as_str),
                "filter-level",
            ),
            "filter-level",
        ))
        .child(field(
            "Risk owner",
            select(
                &options(
                    owners.iter().map(|o| (o.to_string(), o.to_string())),
                    "Any owner",
                ),
                q.owner.as_deref().unwrap_or(""),
                "filter-owner",
            ),
            "filter-owner",
        ))
        .child(field(
            "Asset",
            select(
                &options(
                    a.assets.iter().map(|x| (x.id.clone(), x.name.clone())),
                    "Any asset",
                ),
                q.asset_id.as_deref().unwrap_or(""),
                "filter-asset",
            ),
            "filter-asset",
        ))
        .child(field(
            "Treatment",
            select(
                &options(
                    TreatmentStatus::ALL
                        .iter()
                        .map(|s| (s.as_str().into(), s.label().into())),
                    "Any status",
                ),
                q.treatment.map_or("", |s| s.as_str()),
                "filter-treatment",
            ),
            "filter-treatment",
        ))
        .child(field(
            "Tags (comma-separated)",
            text_input(&q.tags.join(", "), "filter-tags"),
            "filter-tags",
        ))
        .child(
            El::new("div").class("field check").child(
                El::new("label")
                    .attr("for", "filter-overdue")
                    .child(
                        El::new("input")
                            .id("filter-overdue")
                            .attr("type", "checkbox")
                            .attr("data-msg", "filter-overdue")
                            .attr("data-event", "change")
                            .attr_if(q.overdue_only, "checked", ""),
                    )
                    .text(" Review overdue only"),
            ),
        );
    if let Some((l, i)) = q.cell {
        row = row.child(
            button(
                &format!("Cell likelihood {l} × impact {i} ({tier}): show all"),
                "filter-cell",
            )
            .id("filter-cell-clear")
            .attr("data-tier", tier)
            .attr("data-l", &l.to_string())
            .attr("data-i", &i.to_string()),
        );
    }
    row.child(button("Clear filters", "filter-clear").id("filter-clear"))
}

const COLUMNS: [(SortKey, &str, &str); 8] = [
    (SortKey::Id, "ID", "id"),
    (SortKey::Title, "Risk", "title"),
    (SortKey::Owner, "Risk owner", "owner"),
    (SortKey::Inherent, "Inherent", "inherent"),
    (SortKey::Current, "Current", "current"),
    (SortKey::Residual, "Residual", "residual"),
    (SortKey::Treatment, "Treatment", "treatment"),
    (SortKey::ReviewDue, "Review due", "review_due"),
];

fn table(state: &AppState, method: &ResolvedMethod, today: Date, rows: &[usize]) -> El {
    let q = &state.register.query;
    let header = El::new("tr")
        .children(COLUMNS.iter().map(|&(key, label, name)| {
            let sort = if q.sort != key {
                "none"
            } else if q.descending {
                "descending"
            } else {
                "ascending"
            };
            El::new("th")
                .attr("scope", "col")
                .attr("aria-sort", sort)
                .child(
                    button(label, "sort")
                        .id(&format!("sort-{name}"))
                        .attr("data-key", name),
                )
        }))
        .child(El::new("th").attr("scope", "col").text("Tags"))
        .child(El::new("th").attr("scope", "col").text("Actions"));
    let body = rows
        .iter()
        .filter_map(|&k| state.assessment.risks.get(k))
        .map(|risk| row(risk, method, today));
    let table = El::new("table")
        .id("register-table")
        .class("table")
        .child(
            El::new("caption")
                .class("sr-only")
                .text("Risks in the register"),
        )
        .child(El::new("thead").child(header))
        .child(El::new("tbody").children(body));
    if rows.is_empty() {
        let text = if state.assessment.risks.is_empty() {
            "No risks yet. Add the first with “Add risk” (or press N)."
        } else {
            "No risk matches these filters."
        };
        return El::new("div")
            .child(super::scrolling(table, "Risks in the register"))
            .child(El::new("p").id("register-empty").text(text));
    }
    super::scrolling(table, "Risks in the register")
}

fn row(risk: &Risk, method: &ResolvedMethod, today: Date) -> El {
    let chip = |tier| level_chip(score_tier(method, risk, tier).as_ref(), method);
    let due = review_due(risk, method);
    let overdue = is_overdue(risk, method, today);
    El::new("tr")
        .attr("data-id", &risk.id)
        .child(El::new("td").text(&risk.id))
        .child(
            El::new("td")
                .class("title")
                .child(super::long_text(&risk.title)),
        )
        .child(
            El::new("td").child(super::long_text(if risk.owner.is_empty() {
                "—"
            } else {
                &risk.owner
            })),
        )
        .child(El::new("td").child(chip(Tier::Inherent)))
        .child(El::new("td").child(chip(Tier::Current)))
        .child(El::new("td").child(chip(Tier::Residual)))
        .child(El::new("td").text(risk.treatment.label()))
        .child(
            El::new("td")
                .class(if overdue { "overdue" } else { "" })
                .text(&due.map_or("—".to_string(), |d| d.to_string()))
                .children(overdue.then(|| El::new("strong").text(" Overdue"))),
        )
        .child(El::new("td").text(&risk.tags.join(", ")))
        .child(
            El::new("td")
                .class("actions")
                .child(
                    button("Edit", "risk-edit")
                        .attr("data-id", &risk.id)
                        .attr("aria-label", &format!("Edit {} {}", risk.id, risk.title)),
                )
                .child(
                    button("Treat", "treat-open")
                        .attr("data-id", &risk.id)
                        .attr("aria-label", &format!("Treat {} {}", risk.id, risk.title)),
                )
                .child(
                    button("Reviewed", "risk-review")
                        .attr("data-id", &risk.id)
                        .attr("aria-label", &format!("Mark {} reviewed today", risk.id)),
                )
                .child(
                    button("Delete", "risk-delete")
                        .attr("data-id", &risk.id)
                        .attr("aria-label", &format!("Delete {} {}", risk.id, risk.title)),
                ),
        )
}

fn pager(page: usize, total: usize) -> El {
    let pages = total.div_ceil(PAGE_SIZE).max(1);
    let first = (page * PAGE_SIZE + 1).min(total);
    let last = ((page + 1) * PAGE_SIZE).min(total);
    El::new("nav")
        .class("row pager")
        .attr("aria-label", "Pages of the register")
        .child(
            button("Previous page", "page")
                .id("page-prev")
                .attr("data-page", &page.saturating_sub(1).to_string())
                .attr_if(page == 0, "disabled", ""),
        )
        .child(
            El::new("span")
                .id("page-status")
                .attr("role", "status")
                .text(&format!(
                    "Showing {first}–{last} of {total} (page {} of {pages})",
                    page + 1
                )),
        )
        .child(
            button("Next page", "page")
                .id("page-next")
                .attr("data-page", &(page + 1).to_string())
                .attr_if(page + 1 >= pages, "disabled", ""),
        )
}

/// A save stopped because the risk changed since the form was opened: what
/// changed, field by field, and the three ways on.
fn conflict(id: &str, c: &FormConflict) -> El {
    let panel = El::new("section")
        .id("risk-conflict")
        .class("status conflict")
        .attr("role", "alert")
        .attr("aria-labelledby", "risk-conflict-title");
    if c.deleted {
        return panel
            .child(
                El::new("h4")
                    .id("risk-conflict-title")
                    .text(&format!("{id} was deleted since you opened this form")),
            )
            .child(El::new("p").text(
                "It was deleted elsewhere, probably in another tab. Save it again with your changes, or let it go.",
            ))
            .child(
                El::new("div")
                    .class("actions")
                    .child(resolve_button("Save it again", "keep", "rf-keep-mine"))
                    .child(resolve_button("Discard my changes", "theirs", "rf-take-theirs")),
            );
    }
    let rows = c.changes.iter().map(|change| {
        let choice = if change.both_changed {
            let radio = |theirs: bool, label: &str| {
                let radio_id = format!(
                    "rf-conflict-{}-{}",
                    change.member,
                    if theirs { "theirs" } else { "mine" }
                );
                El::new("label")
                    .class("check")
                    .attr("for", &radio_id)
                    .child(
                        El::new("input")
                            .id(&radio_id)
                            .attr("type", "radio")
                            .attr("name", &format!("rf-conflict-{}", change.member))
                            .attr("data-msg", "rf-conflict-choice")
                            .attr("data-event", "change")
                            .attr("data-member", &change.member)
                            .attr("data-theirs", if theirs { "true" } else { "false" })
                            .attr_if(
                                theirs == c.take_theirs.contains(&change.member),
                                "checked",
                                "",
                            ),
                    )
                    .text(label)
            };
            El::new("td")
                .child(radio(false, "Yours"))
                .child(radio(true, "Saved meanwhile"))
        } else {
            El::new("td").text("Saved meanwhile (you did not change it)")
        };
        El::new("tr")
            .child(El::new("th").attr("scope", "row").text(&change.label))
            .child(El::new("td").class("wrap").text(&change.opened))
            .child(El::new("td").class("wrap").text(&change.theirs))
            .child(El::new("td").class("wrap").text(&change.mine))
            .child(choice)
    });
    panel
        .child(
            El::new("h4")
                .id("risk-conflict-title")
                .text(&format!("{id} changed since you opened this form")),
        )
        .child(El::new("p").text(
            "Someone saved changes to this risk after you opened this form, probably in another tab. Saving your form as it is would undo them. Compare, then choose.",
        ))
        .child(super::data_table(
            "risk-conflict-table",
            "table",
            "Changes made since you opened the form",
            &[
                "Field",
                "When you opened the form",
                "Saved meanwhile",
                "Yours",
                "In a merge",
            ],
            rows,
        ))
        .child(
            El::new("div")
                .class("actions")
                .child(resolve_button("Merge and save", "merge", "rf-merge"))
                .child(resolve_button("Keep mine", "keep", "rf-keep-mine"))
                .child(resolve_button("Take theirs", "theirs", "rf-take-theirs")),
        )
}

fn resolve_button(label: &str, resolution: &str, id: &str) -> El {
    button(label, "rf-resolve")
        .id(id)
        .attr("data-resolution", resolution)
}

fn form(state: &AppState, f: &RiskForm, method: &ResolvedMethod) -> El {
    let a = &state.assessment;
    let r = &f.risk;
    let title = if f.is_new {
        "New risk".to_string()
    } else {
        format!("Edit risk {}", r.id)
    };
    let text_field = |label: &str, id: &str, value: &str, key: &str| {
        let input = text_input(value, "risk-field").attr("data-field", key);
        with_problem(
            field(label, input, id),
            problem(&f.problems, &format!(".{key}")),
            id,
        )
    };
    let area = |label: &str, id: &str, value: &str, key: &str| {
        field(
            label,
            El::new("textarea")
                .attr("rows", "2")
                .attr("data-msg", "risk-field")
                .attr("data-event", "input")
                .attr("data-field", key)
                .value(value),
            id,
        )
    };
    let pick = |label: &str, id: &str, key: &str, choices: Vec<(String, String)>, current: &str| {
        field(
            label,
            select(&choices, current, "risk-field").attr("data-field", key),
            id,
        )
    };
    El::new("form")
        .class("panel risk-form")
        .attr("aria-labelledby", "risk-form-title")
        .attr("data-msg", "risk-save")
        .attr("data-event", "submit")
        .child(El::new("h3").id("risk-form-title").text(&title))
        .children(super::problem_alert_in(
            "risk-problems",
            &f.problems,
            riskwright_engine::diagnostic::Within::Risk {
                id: &f.risk.id,
                method: &state.assessment.method,
            },
        ))
        .children(f.conflict.as_ref().map(|c| conflict(&r.id, c)))
        .child(
            El::new("div")
                .class("row")
                .child(text_field("Title", "rf-title", &r.title, "title"))
                .child(text_field("Risk owner", "rf-owner", &r.owner, "owner"))
                .child(pick(
                    "Treatment",
                    "rf-treatment",
                    "treatment",
                    TreatmentStatus::ALL
                        .iter()
                        .map(|s| (s.as_str().into(), s.label().into()))
                        .collect(),
                    r.treatment.as_str(),
                ))
                .child(field(
                    "Last reviewed",
                    El::new("input")
                        .attr("type", "date")
                        .attr("data-msg", "risk-field")
                        .attr("data-event", "change")
                        .attr("data-field", "reviewed_on")
                        .value(&r.reviewed_on.map(|d| d.to_string()).unwrap_or_default()),
                    "rf-reviewed",
                )),
        )
        .child(
            El::new("div")
                .class("row")
                .child(area(
                    "Scenario: what could happen, and how",
                    "rf-scenario",
                    &r.scenario,
                    "scenario",
                ))
                .child(area(
                    "Consequence",
                    "rf-consequence",
                    &r.consequence,
                    "consequence",
                ))
                .child(area(
                    "Existing controls",
                    "rf-controls",
                    &r.existing_controls,
                    "existing_controls",
                )),
        )
        .child(
            El::new("div")
                .class("row")
                .child(pick(
                    "Threat",
                    "rf-threat",
                    "threat",
                    options(
                        a.threats.iter().map(|t| (t.id.clone(), t.name.clone())),
                        "None",
                    ),
                    r.threat_id.as_deref().unwrap_or(""),
                ))
                .child(pick(
                    "Vulnerability",
                    "rf-vulnerability",
                    "vulnerability",
                    options(
                        a.vulnerabilities
                            .iter()
                            .map(|v| (v.id.clone(), v.name.clone())),
                        "None",
                    ),
                    r.vulnerability_id.as_deref().unwrap_or(""),
                ))
                .child(text_field(
                    "Tags (comma-separated)",
                    "rf-tags",
                    &r.tags.join(", "),
                    "tags",
                )),
        )
        .children((!a.assets.is_empty()).then(|| {
            El::new("fieldset")
                .child(El::new("legend").text("Assets affected"))
                .children(a.assets.iter().enumerate().map(|(k, asset)| {
                    let id = format!("rf-asset-{k}");
                    El::new("label")
                        .class("check")
                        .attr("for", &id)
                        .child(
                            El::new("input")
                                .id(&id)
                                .attr("type", "checkbox")
                                .attr("data-msg", "risk-field")
                                .attr("data-event", "change")
                                .attr("data-field", "asset")
                                .attr("data-asset", &asset.id)
                                .attr_if(r.asset_ids.contains(&asset.id), "checked", ""),
                        )
                        .text(&format!(" {}", asset.name))
                }))
        }))
        .child(scores(f, method))
        .child(text_field(
            "Reason for this change (optional, kept in the history)",
            "rf-reason",
            &f.reason,
            "reason",
        ))
        .child(
            El::new("div")
                .class("actions")
                .child(
                    El::new("button")
                        .attr("type", "submit")
                        .id("rf-save")
                        .text("Save risk"),
                )
                .child(
                    button("Cancel", "risk-cancel")
                        .id("rf-cancel")
                        .attr("aria-keyshortcuts", "Escape"),
                ),
        )
}

fn with_problem(field: El, problem: Option<&Diagnostic>, id: &str) -> El {
    match problem {
        Some(p) => {
            let _ = field
                .0
                .query_selector(&format!("#{id}"))
                .ok()
                .flatten()
                .map(|input| {
                    let _ = input.set_attribute("aria-invalid", "true");
                    let _ = input.set_attribute("aria-describedby", &format!("{id}-problem"));
                });
            field.child(
                El::new("span")
                    .id(&format!("{id}-problem"))
                    .class("field-problem")
                    .text(&p.message),
            )
        }
        None => field,
    }
}

/// Likelihood and per-dimension impacts for each tier, with the level they
/// give. Options start with their number, so typing a digit scores.
fn scores(f: &RiskForm, method: &ResolvedMethod) -> El {
    let m = method.method();
    let likelihoods = super::scale_options(&m.likelihood.levels);
    let impacts = super::scale_options(&m.impact.levels);
    let header = El::new("tr")
        .child(El::new("th").attr("scope", "col").text("Tier"))
        .child(El::new("th").attr("scope", "col").text("Likelihood"))
        .children(m.dimensions.iter().map(|d| {
            El::new("th")
                .attr("scope", "col")
                .text(&format!("Impact: {}", d.label))
        }))
        .child(El::new("th").attr("scope", "col").text("Level"));
    let rows = Tier::ALL.into_iter().map(|tier| {
        let name = tier.name();
        let scored = f.risk.tier(tier);
        let label = match tier {
            Tier::Inherent => "Inherent (no controls)",
            Tier::Current => "Current (existing controls)",
            Tier::Residual => "Residual (after treatment)",
        };
        let likelihood = scored.map(|s| s.likelihood.to_string()).unwrap_or_default();
        let result = score_tier(method, &f.risk, tier);
        El::new("tr")
            .child(El::new("th").attr("scope", "row").text(label))
            .child(
                El::new("td").child(
                    select(&likelihoods, &likelihood, "risk-field")
                        .id(&format!("rf-{name}-likelihood"))
                        .attr("aria-label", &format!("{label}: likelihood"))
                        .attr("data-field", "likelihood")
                        .attr("data-tier", name),
                ),
            )
            .children(m.dimensions.iter().map(|d| {
                let value = scored
                    .and_then(|s| s.impacts.get(&d.id))
                    .map(|v| v.to_string())
                    .unwrap_or_default();
                El::new("td").child(
                    select(&impacts, &value, "risk-field")
                        .id(&format!("rf-{name}-{}", d.id))
                        .attr("aria-label", &format!("{label}: impact on {}", d.label))
                        .attr("data-field", "impact")
                        .attr("data-tier", name)
                        .attr("data-dim", &d.id),
                )
            }))
            .child(
                El::new("td")
                    .attr("aria-live", "polite")
                    .child(level_chip(result.as_ref(), method)),
            )
    });
    El::new("table")
        .class("scores")
        .child(El::new("caption").text("Scores: pick a number or type it"))
        .child(El::new("thead").child(header))
        .child(El::new("tbody").children(rows))
}
