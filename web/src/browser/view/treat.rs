//! The treatment screen for one risk: where it stands, the treatment
//! options, suggested and applied controls, the residual projection
//! explained, tiers set by hand, and the risk owner's acceptance.

use super::{data_table, level_chip, problem};
use crate::app::state::AppState;
use crate::app::treat::{option_label, status_name, OverrideDraft, TreatUi};
use crate::browser::dom::{button, field, select, text_input, El};
use riskwright_engine::catalogue::ControlType;
use riskwright_engine::date::Date;
use riskwright_engine::document::{Risk, Tier};
use riskwright_engine::evaluate::{score_tier, TierResult};
use riskwright_engine::method::ResolvedMethod;
use riskwright_engine::register::effectiveness_label;
use riskwright_engine::soa::control_key;
use riskwright_engine::treatment::{
    acceptance_state, projected_levels, propose, AcceptanceState, ControlStatus, Effectiveness,
    Projection, SCORED_BY_HAND,
};
use riskwright_engine::Diagnostic;

/// The treatment screen.
pub fn treatment(state: &AppState, today: Date) -> El {
    let screen = El::new("section")
        .id("treatment-screen")
        .class("treatment")
        .attr("aria-labelledby", "treat-title");
    let back = button("Back to the register", "treat-back").id("treat-back");
    let (Some(risk), Ok(method)) = (
        state.treated_risk(),
        ResolvedMethod::new(state.assessment.method.clone()),
    ) else {
        return screen
            .child(
                El::new("div")
                    .class("row heading")
                    .child(El::new("h2").id("treat-title").text("Risk treatment"))
                    .child(back),
            )
            .child(El::new("p").id("treat-none").text(
                "No risk is open. Choose “Treat” on a row of the register to treat that risk.",
            ));
    };
    let ui = &state.treat;
    screen
        .child(
            El::new("div")
                .class("row heading")
                .child(
                    El::new("h2")
                        .id("treat-title")
                        .text(&format!("Treat {}: {}", risk.id, risk.title)),
                )
                .child(back),
        )
        .child(standing(risk, &method))
        .child(options(state, risk, &method))
        .child(suggestions(state, risk, &method))
        .child(applied(state, risk))
        .child(projection(risk, &method))
        .child(overrides(ui, risk, &method))
        .child(acceptance(ui, risk, &method, today))
}

/// A part of the screen with its heading.
fn part(id: &str, title: &str) -> El {
    El::new("section")
        .class("panel treat-part")
        .id(id)
        .attr("aria-labelledby", &format!("{id}-title"))
        .child(El::new("h3").id(&format!("{id}-title")).text(title))
}

/// `control` marked invalid and described by its problem, when there is one.
fn marked(control: El, id: &str, problem: Option<&Diagnostic>) -> El {
    match problem {
        Some(_) => control
            .attr("aria-invalid", "true")
            .attr("aria-describedby", &format!("{id}-problem")),
        None => control,
    }
}

/// The problem's text under its field.
fn problem_text(id: &str, problem: Option<&Diagnostic>) -> Option<El> {
    problem.map(|p| {
        El::new("span")
            .id(&format!("{id}-problem"))
            .class("field-problem")
            .attr("role", "alert")
            .text(&p.message)
    })
}

/// A labelled field whose control shows its problem.
fn checked_field(label: &str, control: El, id: &str, problem: Option<&Diagnostic>) -> El {
    field(label, marked(control, id, problem), id).children(problem_text(id, problem))
}

fn textarea(value: &str, msg: &str) -> El {
    El::new("textarea")
        .attr("rows", "2")
        .attr("data-msg", msg)
        .attr("data-event", "input")
        .value(value)
}

/// "likelihood 3 × impact 4 = 12", or "" when unscored.
fn arithmetic(result: Option<&TierResult>) -> String {
    result.map_or_else(String::new, |r| {
        format!(
            "likelihood {} × impact {} = {}",
            r.likelihood, r.impact, r.score
        )
    })
}

fn level_label(method: &ResolvedMethod, id: &str) -> String {
    method
        .method()
        .levels
        .iter()
        .find(|l| l.id == id)
        .map_or_else(|| id.to_string(), |l| l.label.clone())
}

fn tier_label(tier: Tier) -> &'static str {
    match tier {
        Tier::Inherent => "Inherent (no controls)",
        Tier::Current => "Current (implemented controls)",
        Tier::Residual => "Residual (after the planned treatment)",
    }
}

fn standing(risk: &Risk, method: &ResolvedMethod) -> El {
    let differences = riskwright_engine::treatment::projection_differences(method, risk);
    let rows = Tier::ALL.into_iter().map(|tier| {
        let result = score_tier(method, risk, tier);
        let difference = differences.iter().find(|d| d.tier == tier);
        let why = risk.overrides.get(&tier);
        let how = match tier {
            Tier::Inherent => "scored in the register".to_string(),
            _ if why.is_some() || difference.is_some() => {
                let base = match why {
                    Some(w) if w != SCORED_BY_HAND => format!("set by hand ({w})"),
                    _ => "scored by hand, kept when the controls change".to_string(),
                };
                match difference {
                    Some(d) => format!("{base}: {}", d.describe()),
                    None => format!("{base}; the same as the projection today"),
                }
            }
            _ if risk.tier(tier).is_some()
                && riskwright_engine::treatment::follows_projection(method, risk, tier) =>
            {
                "follows the projection from the controls".to_string()
            }
            _ => "as scored in the register".to_string(),
        };
        let name = tier.name();
        El::new("tr")
            .child(El::new("th").attr("scope", "row").text(tier_label(tier)))
            .child(
                El::new("td")
                    .id(&format!("treat-level-{name}"))
                    .child(level_chip(result.as_ref(), method)),
            )
            .child(El::new("td").text(&arithmetic(result.as_ref())))
            .child(
                El::new("td")
                    .id(&format!("treat-source-{name}"))
                    .text(&how)
                    .children(difference.map(|_| {
                        El::new("div").class("actions").child(
                            button("Follow the projection", "treat-override-clear")
                                .id(&format!("treat-follow-{name}"))
                                .attr("data-tier", name)
                                .attr(
                                    "aria-label",
                                    &format!("Follow the projection: the {name} risk"),
                                ),
                        )
                    })),
            )
    });
    let appetite = method
        .level(method.appetite())
        .map_or_else(String::new, |l| l.label.clone());
    part("treat-standing", "Where it stands")
        .child(
            data_table(
                "treat-standing-table",
                "table",
                "The risk's tiers and levels",
                &["Tier", "Level", "Score", "Source"],
                rows,
            ),
        )
        .child(El::new("p").id("treat-appetite").text(&format!(
            "Risk appetite: {appetite}. A residual level above it needs the risk owner's acceptance."
        )))
        .children((!differences.is_empty()).then(|| {
            El::new("p").id("treat-stale").class("note").text(
                "A tier scored by hand stays as scored when controls or plan actions change: \
                 the projection is shown next to it, and it changes only when you choose to \
                 follow the projection.",
            )
        }))
}

fn options(state: &AppState, risk: &Risk, method: &ResolvedMethod) -> El {
    let ui = &state.treat;
    let section = part("treat-options", "Treatment option");
    let proposal = match propose(&state.assessment, method, &risk.id) {
        Ok(p) => p,
        Err(problem) => {
            return section.child(
                El::new("p")
                    .id("treat-options-none")
                    .text(&format!("No options yet: {}.", problem.message)),
            )
        }
    };
    let radios = proposal.options.iter().map(|o| {
        let name = o.option.as_str();
        let id = format!("treat-option-{name}");
        El::new("div")
            .class("option")
            .child(
                El::new("input")
                    .id(&id)
                    .attr("type", "radio")
                    .attr("name", "treat-option")
                    .attr("value", name)
                    .attr("data-msg", "treat-option")
                    .attr("data-event", "change")
                    .attr("aria-describedby", &format!("{id}-reason"))
                    .attr_if(ui.option == Some(o.option), "checked", ""),
            )
            .child(El::new("label").attr("for", &id).text(&format!(
                "{}. {}",
                o.rank,
                option_label(o.option)
            )))
            .child(
                El::new("span")
                    .class("reason")
                    .id(&format!("{id}-reason"))
                    .text(&o.reason),
            )
    });
    let recorded = match &risk.decision {
        Some(d) if d.justification.is_empty() => {
            format!("Recorded decision: {}.", option_label(d.option))
        }
        Some(d) => format!(
            "Recorded decision: {}. Justification: {}",
            option_label(d.option),
            d.justification
        ),
        None => "No decision recorded yet.".to_string(),
    };
    let required = ui.option.is_some_and(|o| o.justification_required());
    let justification_problem = problem(&ui.decision_problems, ".decision.justification");
    let option_problem = problem(&ui.decision_problems, ".decision.option");
    let label = if required {
        "Justification (required for this option)"
    } else {
        "Justification (optional)"
    };
    section
        .child(
            El::new("fieldset")
                .attr_if(
                    option_problem.is_some(),
                    "aria-describedby",
                    "treat-option-problem",
                )
                .child(El::new("legend").text(&format!(
                    "Options, best fit first (worked out from the {} risk)",
                    proposal.basis.name()
                )))
                .children(radios)
                .children(problem_text("treat-option", option_problem)),
        )
        .child(checked_field(
            label,
            textarea(&ui.justification, "treat-justification").attr_if(
                required,
                "aria-required",
                "true",
            ),
            "treat-justification",
            justification_problem,
        ))
        .children(
            ui.decision_problems
                .iter()
                .filter(|p| {
                    !p.path.ends_with(".decision.justification")
                        && !p.path.ends_with(".decision.option")
                })
                .map(|p| {
                    El::new("p")
                        .class("field-problem")
                        .attr("role", "alert")
                        .text(&p.message)
                }),
        )
        .child(
            El::new("div")
                .class("actions")
                .child(button("Save decision", "treat-save-decision").id("treat-save-decision")),
        )
        .child(El::new("p").id("treat-decision").text(&recorded))
}

fn suggestions(state: &AppState, risk: &Risk, method: &ResolvedMethod) -> El {
    let ui = &state.treat;
    let applied: Vec<String> = risk
        .controls
        .iter()
        .map(|c| control_key(&c.control_id))
        .collect();
    let suggested =
        riskwright_engine::treatment::suggest_controls(&state.assessment, method, &risk.id)
            .unwrap_or_default();
    let reasons = riskwright_engine::treatment::distinguish(&suggested);
    let rows: Vec<El> = suggested
        .iter()
        .zip(reasons.own.iter())
        .map(|(s, own)| {
            let name = format!("{} {}", s.id, s.title);
            let action = if applied.contains(&control_key(&s.id)) {
                El::new("span").text("Applied")
            } else {
                button("Apply", "treat-apply")
                    .attr("data-id", &s.id)
                    .attr("aria-label", &format!("Apply {name}"))
            };
            El::new("tr")
                .attr("data-id", &s.id)
                .child(El::new("th").attr("scope", "row").text(&name))
                .child(El::new("td").child(if own.is_empty() {
                    El::new("p")
                        .class("reasons")
                        .text("Only the reasons shared above")
                } else {
                    El::new("ul")
                        .class("reasons")
                        .children(own.iter().map(|r| El::new("li").text(r)))
                }))
                .child(El::new("td").class("actions").child(action))
        })
        .collect();
    let none = rows.is_empty();
    let list = El::new("datalist").id("treat-control-list").children(
        riskwright_engine::soa::controls(&state.assessment).map(|c| {
            El::new("option")
                .attr("value", &c.id)
                .text(&format!("{} {}", c.id, c.title))
        }),
    );
    let add_problem = problem(&ui.control_problems, "control_id");
    part("treat-suggestions", "Suggested controls (Annex A)")
        .children((!reasons.shared.is_empty()).then(|| {
            El::new("div")
                .id("treat-shared-reasons")
                .child(El::new("p").text("Most suggestions:"))
                .child(
                    El::new("ul")
                        .class("reasons")
                        .children(reasons.shared.iter().map(|r| El::new("li").text(r))),
                )
        }))
        .child(data_table(
            "treat-suggestion-table",
            "table",
            "Annex A controls suggested for this risk, best fit first",
            &["Control", "What sets it apart", "Action"],
            rows,
        ))
        .children(none.then(|| {
            El::new("p").class("empty").text(
                "No suggestions: link the risk to a threat, vulnerability or asset from the \
                 starter catalogue to get them, or add any control below.",
            )
        }))
        .child(
            El::new("form")
                .id("treat-add-form")
                .class("row")
                .attr("data-msg", "treat-add-control")
                .attr("data-event", "submit")
                .child(checked_field(
                    "Add a control by id (Annex A or custom)",
                    text_input(&ui.control_input, "treat-control-input")
                        .attr("list", "treat-control-list")
                        .attr("autocomplete", "off"),
                    "treat-add-control",
                    add_problem,
                ))
                .child(list)
                .child(
                    El::new("button")
                        .attr("type", "submit")
                        .id("treat-add")
                        .text("Add control"),
                ),
        )
}

fn applied(state: &AppState, risk: &Risk) -> El {
    let ui = &state.treat;
    let statuses: Vec<(String, String)> = ControlStatus::ALL
        .iter()
        .map(|&s| (status_name(s).to_string(), s.label().to_string()))
        .collect();
    let strengths: Vec<(String, String)> = Effectiveness::ALL
        .iter()
        .map(|&e| {
            let name = effectiveness_label(e).to_string();
            (name.clone(), name)
        })
        .collect();
    let types: Vec<(String, String)> = ControlType::ALL
        .iter()
        .map(|t| {
            let name = t.as_str().to_string();
            let what = match t {
                ControlType::Preventive => "preventive (lowers likelihood)",
                ControlType::Detective => "detective (lowers impact)",
                ControlType::Corrective => "corrective (lowers impact)",
            };
            (name, what.to_string())
        })
        .collect();
    let rows: Vec<El> = risk
        .controls
        .iter()
        .enumerate()
        .map(|(k, c)| {
            let name = riskwright_engine::soa::control_name(&state.assessment, &c.control_id);
            let pick = |options: &[(String, String)], current: &str, msg: &str, what: &str| {
                let key = what.split(' ').next().unwrap_or(what);
                select(options, current, msg)
                    .id(&format!("treat-{key}-{k}"))
                    .attr("data-id", &c.control_id)
                    .attr("aria-label", &format!("{} of {name}", capital(what)))
            };
            El::new("tr")
                .attr("data-id", &c.control_id)
                .child(El::new("th").attr("scope", "row").text(&name))
                .child(
                    El::new("td")
                        .child(
                            pick(&statuses, status_name(c.status), "treat-status", "status")
                                .attr("aria-describedby", &format!("treat-status-source-{k}")),
                        )
                        .children(
                            riskwright_engine::treatment::status_source(
                                &state.assessment,
                                risk,
                                &c.control_id,
                            )
                            .map(|source| {
                                El::new("p")
                                    .class("note")
                                    .id(&format!("treat-status-source-{k}"))
                                    .text(&capital(&source.describe()))
                            }),
                        ),
                )
                .child(El::new("td").child(pick(
                    &strengths,
                    effectiveness_label(c.effectiveness),
                    "treat-effectiveness",
                    "effectiveness",
                )))
                .child(El::new("td").child(pick(
                    &types,
                    c.acts_through.as_str(),
                    "treat-acts",
                    "acts through",
                )))
                .child(
                    El::new("td").class("actions").child(
                        button("Remove", "treat-remove")
                            .attr("data-id", &c.control_id)
                            .attr("aria-label", &format!("Remove {name}")),
                    ),
                )
        })
        .collect();
    let none = rows.is_empty();
    let others: Vec<&Diagnostic> = ui
        .control_problems
        .iter()
        .filter(|p| !p.path.ends_with("control_id"))
        .collect();
    part("treat-applied", "Applied controls")
        .child(data_table(
            "treat-controls",
            "table",
            "Controls applied to this risk",
            &[
                "Control",
                "Status",
                "Effectiveness",
                "Acts through",
                "Action",
            ],
            rows,
        ))
        .children(none.then(|| {
            El::new("p")
                .class("empty")
                .id("treat-controls-empty")
                .text("No control applied yet: apply a suggestion or add one by id.")
        }))
        .children(others.into_iter().map(|p| {
            El::new("p")
                .class("field-problem")
                .attr("role", "alert")
                .text(&p.message)
        }))
}

fn capital(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |c| {
        c.to_uppercase().chain(chars).collect::<String>()
    })
}

fn projection(risk: &Risk, method: &ResolvedMethod) -> El {
    let section = part(
        "treat-projection",
        "Residual risk projected from the controls",
    );
    let Some(inherent) = &risk.inherent else {
        return section.child(El::new("p").id("treat-projection-none").text(
            "Score the inherent risk in the register: the current and residual risk are \
             projected from it through the applied controls.",
        ));
    };
    let p = projected_levels(method, inherent, &risk.controls);
    let block = |tier: Tier, title: &str, projection: &Projection, level: Option<&TierResult>| {
        let name = tier.name();
        let level_text = match level {
            Some(r) => format!(
                "{} level: {} ({})",
                capital(name),
                level_label(method, &r.level),
                arithmetic(Some(r))
            ),
            None => format!("{} level: not scored", capital(name)),
        };
        let lines: Vec<El> = projection
            .lines
            .iter()
            .map(|l| El::new("li").text(l))
            .collect();
        let empty = lines.is_empty();
        El::new("div")
            .class("projection")
            .child(El::new("h4").text(title))
            .child(
                El::new("ol")
                    .id(&format!("treat-{name}-lines"))
                    .children(lines),
            )
            .children(empty.then(|| {
                El::new("p")
                    .class("empty")
                    .text("No control counts here yet.")
            }))
            .child(
                El::new("p")
                    .id(&format!("treat-{name}-level"))
                    .attr("aria-live", "polite")
                    .child(El::new("strong").text(&level_text))
                    .text(" ")
                    .child(level_chip(level, method)),
            )
            .children(
                (risk.tier(tier).is_some()
                    && !riskwright_engine::treatment::follows_projection(method, risk, tier))
                .then(|| {
                    El::new("p").class("note").text(
                        "This tier is scored by hand, so the register keeps that value rather \
                         than this projection until you follow the projection.",
                    )
                }),
            )
    };
    let start = score_tier(method, risk, Tier::Inherent);
    section
        .child(El::new("p").text(&format!(
            "From the inherent risk ({}): preventive controls lower the likelihood, detective \
             and corrective ones the impact; low and medium by one level, high by two.",
            arithmetic(start.as_ref())
        )))
        .child(
            El::new("div")
                .class("projections")
                .child(block(
                    Tier::Current,
                    "Current: implemented controls only",
                    &p.current,
                    p.current_level.as_ref(),
                ))
                .child(block(
                    Tier::Residual,
                    "Residual: planned and in-progress controls too",
                    &p.residual,
                    p.residual_level.as_ref(),
                )),
        )
}

fn overrides(ui: &TreatUi, risk: &Risk, method: &ResolvedMethod) -> El {
    part("treat-overrides", "Set a tier by hand").children(
        [Tier::Current, Tier::Residual]
            .into_iter()
            .map(|tier| override_block(ui.overrides.get(&tier), tier, risk, method)),
    )
}

fn override_block(
    draft: Option<&OverrideDraft>,
    tier: Tier,
    risk: &Risk,
    method: &ResolvedMethod,
) -> El {
    let name = tier.name();
    let id = format!("treat-override-{name}");
    let block = El::new("div").class("override").id(&id);
    let status = match risk.overrides.get(&tier) {
        Some(why) if why == SCORED_BY_HAND => format!(
            "{}: scored by hand, kept when the controls change.",
            tier_label(tier)
        ),
        Some(why) => format!("{}: set by hand. Justification: {why}", tier_label(tier)),
        None if riskwright_engine::treatment::follows_projection(method, risk, tier) => {
            format!("{}: follows the projection.", tier_label(tier))
        }
        None => format!(
            "{}: scored by hand, kept when the controls change.",
            tier_label(tier)
        ),
    };
    let block = block.child(El::new("p").id(&format!("{id}-status")).text(&status));
    let Some(draft) = draft else {
        return block.child(
            El::new("div")
                .class("actions")
                .child(
                    button("Set by hand", "treat-override-open")
                        .id(&format!("{id}-open"))
                        .attr("data-tier", name)
                        .attr("aria-label", &format!("Set by hand: the {name} risk")),
                )
                .children(risk.overrides.contains_key(&tier).then(|| {
                    button("Follow the projection", "treat-override-clear")
                        .id(&format!("{id}-clear"))
                        .attr("data-tier", name)
                        .attr(
                            "aria-label",
                            &format!("Let the {name} risk follow the projection"),
                        )
                })),
        );
    };
    let m = method.method();
    let likelihoods = super::scale_options(&m.likelihood.levels);
    let impacts = super::scale_options(&m.impact.levels);
    let current = |n: u8| if n == 0 { String::new() } else { n.to_string() };
    let justification_problem = problem(&draft.problems, &format!(".overrides.{name}"));
    let others: Vec<&Diagnostic> = draft
        .problems
        .iter()
        .filter(|p| !p.path.ends_with(&format!(".overrides.{name}")))
        .collect();
    block.child(
        El::new("fieldset")
            .class("override-form")
            .child(El::new("legend").text(&format!("Set the {name} risk by hand")))
            .child(
                El::new("div")
                    .class("row")
                    .child(field(
                        "Likelihood",
                        select(
                            &likelihoods,
                            &current(draft.tier.likelihood),
                            "treat-override-field",
                        )
                        .attr("data-tier", name)
                        .attr("data-field", "likelihood"),
                        &format!("{id}-likelihood"),
                    ))
                    .children(m.dimensions.iter().map(|d| {
                        let value = draft.tier.impacts.get(&d.id).copied().unwrap_or(0);
                        field(
                            &format!("Impact on {}", d.label),
                            select(&impacts, &current(value), "treat-override-field")
                                .attr("data-tier", name)
                                .attr("data-field", "impact")
                                .attr("data-dim", &d.id),
                            &format!("{id}-{}", d.id),
                        )
                    })),
            )
            .child(checked_field(
                "Justification (required)",
                textarea(&draft.justification, "treat-override-field")
                    .attr("data-tier", name)
                    .attr("data-field", "justification")
                    .attr("aria-required", "true"),
                &format!("{id}-justification"),
                justification_problem,
            ))
            .children(others.into_iter().map(|p| {
                El::new("p")
                    .class("field-problem")
                    .attr("role", "alert")
                    .text(&p.message)
            }))
            .child(
                El::new("div")
                    .class("actions")
                    .child(
                        button("Apply", "treat-override-apply")
                            .id(&format!("{id}-apply"))
                            .attr("data-tier", name)
                            .attr("aria-label", &format!("Apply the hand-set {name} risk")),
                    )
                    .child(
                        button("Cancel", "treat-override-cancel")
                            .id(&format!("{id}-cancel"))
                            .attr("data-tier", name)
                            .attr("aria-label", &format!("Cancel setting the {name} risk")),
                    ),
            ),
    )
}

fn acceptance(ui: &TreatUi, risk: &Risk, method: &ResolvedMethod, today: Date) -> El {
    let state = acceptance_state(method, risk, today);
    let mut line = El::new("p")
        .id("treat-acceptance-state")
        .class(match &state {
            AcceptanceState::Expired(_) => "acceptance expired",
            AcceptanceState::Missing => "acceptance missing",
            AcceptanceState::Accepted { .. } => "acceptance accepted",
            _ => "acceptance",
        });
    line = match &state {
        AcceptanceState::Expired(_) => line.child(El::new("strong").text("Expired. ")),
        AcceptanceState::Missing => line.child(El::new("strong").text("Action needed. ")),
        _ => line,
    };
    let line = line.text(&capital(&state.describe()));
    let recorded = risk.acceptance.as_ref().map(|a| {
        let note = if a.note.is_empty() {
            String::new()
        } else {
            format!(" Note: {}", a.note)
        };
        El::new("p").id("treat-acceptance").text(&format!(
            "Accepted by {} on {} at residual level {}.{note}",
            a.by,
            a.on,
            level_label(method, &a.level)
        ))
    });
    let p = &ui.acceptance_problems;
    let by_problem = problem(p, ".acceptance.by").or_else(|| problem(p, ".owner"));
    let on_problem = problem(p, ".acceptance.on");
    let others: Vec<&Diagnostic> = p
        .iter()
        .filter(|d| {
            !d.path.ends_with(".acceptance.by")
                && !d.path.ends_with(".owner")
                && !d.path.ends_with(".acceptance.on")
        })
        .collect();
    part("treat-acceptance-part", "Acceptance by the risk owner")
        .child(line)
        .children(recorded)
        .child(
            El::new("form")
                .id("treat-accept-form")
                .attr("data-msg", "treat-accept")
                .attr("data-event", "submit")
                .attr("aria-label", "Accept the residual risk")
                .child(
                    El::new("div")
                        .class("row")
                        .child(checked_field(
                            "Accepted by (the risk owner)",
                            text_input(&ui.accept_by, "treat-accept-field")
                                .attr("data-field", "by"),
                            "treat-accept-by",
                            by_problem,
                        ))
                        .child(checked_field(
                            "On",
                            El::new("input")
                                .attr("type", "date")
                                .attr("data-msg", "treat-accept-field")
                                .attr("data-event", "change")
                                .attr("data-field", "on")
                                .value(&ui.accept_on),
                            "treat-accept-on",
                            on_problem,
                        )),
                )
                .child(field(
                    "Note (optional)",
                    textarea(&ui.accept_note, "treat-accept-field").attr("data-field", "note"),
                    "treat-accept-note",
                ))
                .children(others.into_iter().map(|d| {
                    El::new("p")
                        .class("field-problem")
                        .attr("role", "alert")
                        .text(&d.message)
                }))
                .child(
                    El::new("div")
                        .class("actions")
                        .child(
                            El::new("button")
                                .attr("type", "submit")
                                .id("treat-accept")
                                .text("Accept residual risk"),
                        )
                        .children(risk.acceptance.is_some().then(|| {
                            button("Withdraw acceptance", "treat-withdraw").id("treat-withdraw")
                        })),
                ),
        )
}
