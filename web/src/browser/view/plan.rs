//! The risk treatment plan screen (ISO/IEC 27001 6.1.3 e): the actions with
//! their control, owner, due date and status, the risks each treats with the
//! level they have now, the action form, and the acceptances the plan waits
//! for (6.1.3 f).

use super::{data_table, or_dash};
use crate::app::plan::{status_key, ActionForm};
use crate::app::state::AppState;
use crate::browser::dom::{button, field, select, text_input, El};
use riskwright_engine::catalogue::annex_a;
use riskwright_engine::date::Date;
use riskwright_engine::document::{ActionStatus, Assessment, PlanAction, Risk, Tier};
use riskwright_engine::evaluate::score_tier;
use riskwright_engine::method::ResolvedMethod;
use riskwright_engine::soa::control_key;
use riskwright_engine::treatment::{acceptance_state, residual_level};
use riskwright_engine::Diagnostic;

/// The plan screen.
pub fn plan(state: &AppState, today: Date) -> El {
    let screen = El::new("section")
        .id("plan-screen")
        .class("plan")
        .attr("aria-labelledby", "plan-title")
        .child(
            El::new("div")
                .class("row heading")
                .child(El::new("h2").id("plan-title").text("Risk treatment plan"))
                .child(button("Add action", "plan-new").id("plan-add")),
        );
    let method = match ResolvedMethod::new(state.assessment.method.clone()) {
        Ok(method) => method,
        // The method in force is always valid (see AppState); this only
        // guards a file edited by hand.
        Err(problems) => {
            return screen.child(El::new("p").class("status problems").text(&format!(
                "The method is not valid, so the plan cannot be shown: {}",
                riskwright_engine::diagnostic::join(&problems)
            )))
        }
    };
    screen
        .children(state.plan.form.as_ref().map(|f| form(state, f)))
        .child(summary(state, today))
        .child(table(state, &method, today))
        .child(El::new("p").class("plan-explain").id("plan-explain").text(
            "Marking an action done marks its control implemented on the risks it treats, \
             which lowers the current risk that follows the projection. Planned and \
             in-progress actions already count towards residual risk, the target once the \
             plan is carried out. An action only moves a control's status forward, never \
             back, and a risk scored by hand keeps its scores until its owner follows the \
             projection on the treatment screen.",
        ))
        .child(acceptances(&state.assessment, &method, today))
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The count line, the progress per status and the overdue filter.
fn summary(state: &AppState, today: Date) -> El {
    let counts = state.plan_counts(today);
    let done = counts.of(ActionStatus::Done);
    let shown = state.plan_rows(today).len();
    let mut line = format!(
        "{} · {} overdue · {} done",
        plural(counts.total, "action", "actions"),
        counts.overdue,
        done
    );
    if shown != counts.total {
        line.push_str(&format!(" · showing {shown}"));
    }
    let percent = (done * 100).checked_div(counts.total).unwrap_or(0);
    El::new("div")
        .class("plan-summary")
        .child(
            El::new("p")
                .id("plan-count")
                .attr("role", "status")
                .text(&line),
        )
        .child(
            El::new("ul")
                .id("plan-progress")
                .class("plan-progress")
                .attr("aria-label", "Progress per status")
                .children(ActionStatus::ALL.iter().map(|s| {
                    El::new("li")
                        .attr("data-status", status_key(*s))
                        .child(
                            El::new("span")
                                .class("status-name")
                                .text(&capitalised(s.label())),
                        )
                        .text(&format!(": {}", counts.of(*s)))
                }))
                .child(
                    El::new("li")
                        .class("percent")
                        .text(&format!("{percent} % done")),
                ),
        )
        .child(
            El::new("div").class("field check").child(
                El::new("label")
                    .attr("for", "plan-overdue")
                    .child(
                        El::new("input")
                            .id("plan-overdue")
                            .attr("type", "checkbox")
                            .attr("data-msg", "plan-overdue")
                            .attr("data-event", "change")
                            .attr_if(state.plan.overdue_only, "checked", ""),
                    )
                    .text(" Only overdue"),
            ),
        )
}

/// The title of an Annex A or custom control, if the id names one.
fn control_title<'a>(assessment: &'a Assessment, id: &str) -> Option<&'a str> {
    riskwright_engine::soa::find_control(assessment, id).map(|c| c.title.as_str())
}

/// A tier's level as its label on its colour, marked with the tier.
fn tier_chip(method: &ResolvedMethod, risk: &Risk, tier: Tier) -> El {
    let chip = super::level_chip(score_tier(method, risk, tier).as_ref(), method);
    let _ = chip.0.class_list().add_1(tier.name());
    chip
}

fn risks_cell(assessment: &Assessment, method: &ResolvedMethod, action: &PlanAction) -> El {
    if action.risk_ids.is_empty() {
        return El::new("td").text("—");
    }
    El::new("td").child(
        El::new("ul")
            .class("plan-risks")
            .children(action.risk_ids.iter().map(|id| {
                match assessment.risks.iter().find(|r| &r.id == id) {
                    Some(risk) => El::new("li")
                        .attr("data-risk", id)
                        .child(
                            El::new("span")
                                .class("risk-name")
                                .text(&format!("{} {}", risk.id, risk.title)),
                        )
                        .child(
                            El::new("span")
                                .class("risk-levels")
                                .child(El::new("span").class("tier").text("current "))
                                .child(tier_chip(method, risk, Tier::Current))
                                .child(El::new("span").class("tier").text(" residual "))
                                .child(tier_chip(method, risk, Tier::Residual)),
                        )
                        .children(control_status(assessment, risk, action)),
                    None => El::new("li").text(&format!("{id} (not in the register)")),
                }
            })),
    )
}

/// The status of the action's control on `risk` and where it comes from:
/// the risk's record is the one source of truth, which the plan only moves
/// forward.
fn control_status(assessment: &Assessment, risk: &Risk, action: &PlanAction) -> Option<El> {
    let key = riskwright_engine::soa::control_key(&action.control_id);
    let applied = risk
        .controls
        .iter()
        .find(|c| riskwright_engine::soa::control_key(&c.control_id) == key)?;
    let source = riskwright_engine::treatment::status_source(assessment, risk, &action.control_id)?;
    Some(El::new("span").class("control-status").text(&format!(
        "{} on {}: {} ({})",
        key,
        risk.id,
        applied.status.label(),
        source.describe()
    )))
}

fn status_options() -> Vec<(String, String)> {
    ActionStatus::ALL
        .iter()
        .map(|s| (status_key(*s).to_string(), s.label().to_string()))
        .collect()
}

fn table(state: &AppState, method: &ResolvedMethod, today: Date) -> El {
    let a = &state.assessment;
    let rows: Vec<El> = state
        .plan_rows(today)
        .into_iter()
        .map(|action| {
            let k = a.plan.iter().position(|x| x.id == action.id).unwrap_or(0);
            let control = if action.control_id.trim().is_empty() {
                "—".to_string()
            } else {
                match control_title(a, &action.control_id) {
                    Some(title) => format!("{} {}", action.control_id, title),
                    None => action.control_id.clone(),
                }
            };
            let overdue = action.is_overdue(today);
            let name = format!("{} {}", action.id, action.title);
            El::new("tr")
                .attr("data-id", &action.id)
                .child(El::new("td").class("id").text(&action.id))
                .child(El::new("td").text(&action.title))
                .child(El::new("td").text(&control))
                .child(El::new("td").text(or_dash(&action.owner)))
                .child(
                    El::new("td")
                        .class("due")
                        .child(
                            El::new("span").class("date").text(
                                &action
                                    .due
                                    .map_or_else(|| "—".to_string(), |d| d.to_string()),
                            ),
                        )
                        .children(
                            overdue.then(|| El::new("strong").class("overdue").text(" Overdue")),
                        ),
                )
                .child(
                    El::new("td").child(
                        select(&status_options(), status_key(action.status), "plan-status")
                            .id(&format!("plan-status-{k}"))
                            .attr("data-id", &action.id)
                            .attr("aria-label", &format!("Status of {name}")),
                    ),
                )
                .child(risks_cell(a, method, action))
                .child(
                    El::new("td")
                        .class("row-actions")
                        .child(
                            button("Edit", "plan-edit")
                                .attr("data-id", &action.id)
                                .attr("aria-label", &format!("Edit {name}")),
                        )
                        .child(
                            button("Delete", "plan-delete")
                                .attr("data-id", &action.id)
                                .attr("aria-label", &format!("Delete {name}")),
                        ),
                )
        })
        .collect();
    let empty = if a.plan.is_empty() {
        Some("No actions yet: add one for each control you put in place.")
    } else if rows.is_empty() {
        Some("No action is overdue.")
    } else {
        None
    };
    El::new("div")
        .class("table-wrap")
        .child(
            data_table(
                "plan-table",
                "table",
                "Actions of the risk treatment plan with the risks each treats and their current and residual level",
                &["ID", "Action", "Control", "Owner", "Due", "Status", "Risks treated (current, residual)", "Edit"],
                rows,
            ),
        )
        .children(empty.map(|text| El::new("p").class("empty").text(text)))
}

/// Risks above the appetite after treatment and where their owner's
/// acceptance stands: the plan is signed off by those acceptances.
fn acceptances(assessment: &Assessment, method: &ResolvedMethod, today: Date) -> El {
    let rows: Vec<El> = assessment
        .risks
        .iter()
        .filter(|r| matches!(residual_level(method, r), Some((_, false))))
        .map(|risk| {
            let state = acceptance_state(method, risk, today);
            El::new("tr")
                .attr("data-id", &risk.id)
                .child(El::new("td").text(&format!("{} {}", risk.id, risk.title)))
                .child(El::new("td").text(or_dash(&risk.owner)))
                .child(El::new("td").child(if risk.residual.is_some() {
                    tier_chip(method, risk, Tier::Residual)
                } else {
                    tier_chip(method, risk, Tier::Current)
                }))
                .child(
                    El::new("td")
                        .class(if state.needs_acceptance() {
                            "acceptance needed"
                        } else {
                            "acceptance"
                        })
                        .text(&state.describe()),
                )
        })
        .collect();
    let none = rows.is_empty();
    El::new("section")
        .class("plan-acceptances")
        .attr("aria-labelledby", "acceptances-title")
        .child(El::new("h3").id("acceptances-title").text("Acceptances"))
        .child(El::new("p").class("overview").text(
            "The plan is signed off by the risk owners: each risk whose residual level stays above the appetite needs its owner's acceptance.",
        ))
        .child(
            El::new("div").class("table-wrap").child(
                data_table(
                    "plan-acceptances",
                    "table",
                    "Risks above the appetite and their acceptance",
                    &["Risk", "Risk owner", "Residual level", "Acceptance"],
                    rows,
                ),
            ),
        )
        .children(none.then(|| {
            El::new("p")
                .class("empty")
                .text("No risk's residual level is above the appetite: no acceptance is needed.")
        }))
}

/// The first problem whose path ends with `suffix` (or contains it, for
/// list items).
fn problem<'a>(problems: &'a [Diagnostic], suffix: &str) -> Option<&'a Diagnostic> {
    problems
        .iter()
        .find(|p| p.path.ends_with(suffix) || p.path.contains(&format!("{suffix}[")))
}

/// `field` with the problem under it and its control marked invalid.
fn with_problem(field: El, problem: Option<&Diagnostic>, id: &str) -> El {
    let Some(p) = problem else { return field };
    if let Ok(Some(input)) = field.0.query_selector(&format!("#{id}")) {
        let _ = input.set_attribute("aria-invalid", "true");
        let _ = input.set_attribute("aria-describedby", &format!("{id}-problem"));
    }
    field.child(
        El::new("span")
            .id(&format!("{id}-problem"))
            .class("field-problem")
            .text(&p.message),
    )
}

fn form(state: &AppState, f: &ActionForm) -> El {
    let a = &state.assessment;
    let x = &f.action;
    let title = if f.is_new {
        "New action".to_string()
    } else {
        format!("Edit action {}", x.id)
    };
    let p = &f.problems;
    let mut controls: Vec<(String, String)> = vec![(String::new(), "No control".to_string())];
    controls.extend(
        annex_a()
            .iter()
            .map(|c| (c.id.clone(), format!("{} {}", c.id, c.title))),
    );
    controls.extend(
        a.custom_controls
            .iter()
            .map(|c| (c.id.clone(), format!("{} {} (custom)", c.id, c.title))),
    );
    // A control id the lists do not know still shows, so it is not lost.
    let selected = controls
        .iter()
        .find(|(id, _)| !id.is_empty() && control_key(id) == control_key(&x.control_id))
        .map_or(x.control_id.clone(), |(id, _)| id.clone());
    if !controls.iter().any(|(id, _)| *id == selected) {
        controls.push((selected.clone(), format!("{selected} (unknown)")));
    }
    let text = |label: &str, id: &str, value: &str, key: &str| {
        field(
            label,
            text_input(value, "plan-field").attr("data-field", key),
            id,
        )
    };
    let risks = El::new("fieldset")
        .id("pf-risks")
        .child(El::new("legend").text("Risks this action treats"))
        .children(a.risks.iter().enumerate().map(|(k, r)| {
            let id = format!("pf-risk-{k}");
            El::new("label")
                .class("check")
                .attr("for", &id)
                .child(
                    El::new("input")
                        .id(&id)
                        .attr("type", "checkbox")
                        .attr("data-msg", "plan-field")
                        .attr("data-event", "change")
                        .attr("data-field", "risk")
                        .attr("data-risk", &r.id)
                        .attr_if(x.risk_ids.contains(&r.id), "checked", ""),
                )
                .text(&format!(" {} {}", r.id, r.title))
        }))
        .children(a.risks.is_empty().then(|| {
            El::new("p")
                .class("empty")
                .text("The register has no risks yet.")
        }));
    let risks = match problem(p, ".risk_ids") {
        Some(problem) => risks.child(
            El::new("span")
                .class("field-problem")
                .text(&problem.message),
        ),
        None => risks,
    };
    El::new("form")
        .id("plan-form")
        .class("panel plan-form")
        .attr("aria-labelledby", "plan-form-title")
        .attr("data-msg", "plan-save")
        .attr("data-event", "submit")
        .attr("novalidate", "")
        .child(El::new("h3").id("plan-form-title").text(&title))
        .children(super::problem_alert("plan-problems", p))
        .child(
            El::new("div")
                .class("row")
                .child(with_problem(
                    field(
                        "Action (required)",
                        text_input(&x.title, "plan-field")
                            .attr("data-field", "title")
                            .attr("aria-required", "true"),
                        "pf-title",
                    ),
                    problem(p, ".title"),
                    "pf-title",
                ))
                .child(with_problem(
                    field(
                        "Control",
                        select(&controls, &selected, "plan-field").attr("data-field", "control"),
                        "pf-control",
                    ),
                    problem(p, ".control_id"),
                    "pf-control",
                ))
                .child(text("Owner", "pf-owner", &x.owner, "owner")),
        )
        .child(
            El::new("div")
                .class("row")
                .child(with_problem(
                    field(
                        "Due date",
                        El::new("input")
                            .attr("type", "date")
                            .attr("data-msg", "plan-field")
                            .attr("data-event", "change")
                            .attr("data-field", "due")
                            .value(&x.due.map(|d| d.to_string()).unwrap_or_default()),
                        "pf-due",
                    ),
                    problem(p, ".due"),
                    "pf-due",
                ))
                .child(field(
                    "Status",
                    select(&status_options(), status_key(x.status), "plan-field")
                        .attr("data-field", "status"),
                    "pf-status",
                )),
        )
        .child(risks)
        .child(field(
            "Note",
            El::new("textarea")
                .attr("rows", "2")
                .attr("data-msg", "plan-field")
                .attr("data-event", "input")
                .attr("data-field", "note")
                .value(&x.note),
            "pf-note",
        ))
        .child(
            El::new("div")
                .class("actions")
                .child(
                    El::new("button")
                        .attr("type", "submit")
                        .id("pf-save")
                        .text("Save action"),
                )
                .child(button("Cancel", "plan-cancel").id("pf-cancel"))
                .children((!f.is_new).then(|| {
                    button("Delete action", "plan-delete")
                        .id("pf-delete")
                        .attr("data-id", &x.id)
                })),
        )
}
