//! The treatment side of editing a risk: tiers projected from the applied
//! controls, history lines for decisions, controls, overrides and
//! acceptance, and the risk treatment plan feeding control status.

use super::edit::RegisterEdit;
use crate::catalogue::is_annex_a_id;
use crate::document::{Assessment, Change, PlanAction, Risk, Tier};
use crate::method::ResolvedMethod;
use crate::soa::control_key;
use crate::treatment::{follows_projection, project, AppliedControl, ControlStatus, Effectiveness};
use crate::Diagnostic;
use std::collections::BTreeMap;

/// Sets the current and residual tiers of `risk` that follow the projection
/// to what its controls project from its inherent tier, and marks the tiers
/// scored by hand so that they stay as scored. `old` is the risk as recorded
/// before this edit (`None` for a new or restored risk).
///
/// For a risk with controls and an inherent tier, each of the current and
/// residual tiers:
/// - set by hand (an entry in `overrides`): kept;
/// - not scored: takes the projection;
/// - changed by this edit: kept; unless it is exactly the projection (the
///   user followed it), it is marked scored by hand
///   ([`SCORED_BY_HAND`](crate::treatment::SCORED_BY_HAND) in `overrides`);
/// - left as it was and following before ([`follows_projection`]): takes
///   the projection;
/// - left as it was and scored by hand before (the risk had no controls yet,
///   or the tier differed from the projection): kept and marked scored by
///   hand, so that a later change of the controls never replaces it, even
///   when it happens to equal the projection today.
///
/// A risk with no controls or no inherent tier keeps what the user entered.
/// The user follows the projection explicitly
/// (`treatment::follow_projection`).
pub(crate) fn apply_projection(
    method: Option<&ResolvedMethod>,
    old: Option<&Risk>,
    risk: &mut Risk,
) {
    let (Some(method), Some(inherent)) = (method, risk.inherent.clone()) else {
        return;
    };
    if risk.controls.is_empty() {
        return;
    }
    for (tier, planned) in [(Tier::Current, false), (Tier::Residual, true)] {
        if risk.overrides.contains_key(&tier) {
            continue;
        }
        let projected = project(method, &inherent, &risk.controls, planned).tier;
        let Some(value) = risk.tier(tier) else {
            *super::tier_slot(risk, tier) = Some(projected);
            continue;
        };
        let Some(old) = old else {
            continue;
        };
        let hand = if old.tier(tier) != Some(value) {
            *value != projected
        } else if follows_projection(method, old, tier) {
            *super::tier_slot(risk, tier) = Some(projected);
            false
        } else {
            true
        };
        if hand {
            risk.overrides
                .insert(tier, crate::treatment::SCORED_BY_HAND.to_string());
        }
    }
}

/// The history changes between two versions of a risk's treatment.
pub(crate) fn treatment_changes(old: &Risk, new: &Risk) -> Vec<Change> {
    let mut changes = Vec::new();
    let (before, after) = (old.decision.as_ref(), new.decision.as_ref());
    if before != after {
        changes.push(Change::Decision {
            old: before.map(|d| d.option),
            new: after.map(|d| d.option),
            justification: after.map(|d| d.justification.clone()).unwrap_or_default(),
        });
    }
    let lines = control_lines(&old.controls, &new.controls);
    if !lines.is_empty() {
        changes.push(Change::Controls { lines });
    }
    for tier in Tier::ALL {
        let (was, is) = (old.overrides.get(&tier), new.overrides.get(&tier));
        if was != is {
            changes.push(Change::Override {
                tier,
                justification: is.cloned(),
            });
        }
    }
    if old.acceptance != new.acceptance {
        changes.push(match &new.acceptance {
            Some(a) => Change::Accepted {
                by: a.by.clone(),
                on: a.on,
                level: a.level.clone(),
            },
            None => Change::AcceptanceWithdrawn,
        });
    }
    changes
}

fn control_label(id: &str) -> String {
    crate::catalogue::annex_a_label(id)
}

fn describe(c: &AppliedControl) -> String {
    format!(
        "{}, {}, {}",
        c.status.label(),
        effectiveness_label(c.effectiveness),
        c.acts_through.as_str()
    )
}

/// "low", "medium" or "high".
pub fn effectiveness_label(e: Effectiveness) -> &'static str {
    match e {
        Effectiveness::Low => "low",
        Effectiveness::Medium => "medium",
        Effectiveness::High => "high",
    }
}

/// One line per control added, removed or changed, in the new order, then
/// the removed ones.
fn control_lines(old: &[AppliedControl], new: &[AppliedControl]) -> Vec<String> {
    let before: BTreeMap<String, &AppliedControl> = old
        .iter()
        .map(|c| (control_key(&c.control_id), c))
        .collect();
    let mut lines = Vec::new();
    let mut seen = Vec::new();
    for c in new {
        let key = control_key(&c.control_id);
        match before.get(&key) {
            None => lines.push(format!(
                "{} added ({})",
                control_label(&c.control_id),
                describe(c)
            )),
            Some(b) if *b != c => lines.push(format!(
                "{}: {} → {}",
                control_label(&c.control_id),
                describe(b),
                describe(c)
            )),
            Some(_) => {}
        }
        seen.push(key);
    }
    for c in old {
        if !seen.contains(&control_key(&c.control_id)) {
            lines.push(format!("{} removed", control_label(&c.control_id)));
        }
    }
    lines
}

/// The risk as the plan `action` leaves it: the action's control applied to
/// it with the status the action gives, if that moves the control forward
/// (planned → in progress → implemented). The status recorded on the risk is
/// the one source of truth: an action never moves it back (an action still
/// "planned" leaves a control "in progress" as it is), and a control found
/// not effective keeps that finding. `None` when nothing changes.
pub(crate) fn risk_after_action(
    assessment: &Assessment,
    risk: &Risk,
    action: &PlanAction,
) -> Option<Risk> {
    if action.control_id.trim().is_empty() || !action.risk_ids.contains(&risk.id) {
        return None;
    }
    let key = control_key(&action.control_id);
    let status = action.status.control_status();
    let mut updated = risk.clone();
    match updated
        .controls
        .iter_mut()
        .find(|c| control_key(&c.control_id) == key)
    {
        Some(c) if c.status == ControlStatus::NotEffective || c.status >= status => return None,
        Some(c) => c.status = status,
        None => {
            // The action puts the control in place for this risk: apply it
            // through its first control type, at medium effectiveness.
            let acts_through = crate::soa::default_acts_through(assessment, &key);
            updated.controls.push(AppliedControl {
                control_id: action.control_id.trim().to_string(),
                status,
                effectiveness: Effectiveness::Medium,
                acts_through,
            });
        }
    }
    Some(updated)
}

/// The risk edits that bring every risk `action` treats in line with it.
pub(crate) fn plan_updates(assessment: &Assessment, action: &PlanAction) -> Vec<RegisterEdit> {
    assessment
        .risks
        .iter()
        .filter_map(|r| risk_after_action(assessment, r, action))
        .map(RegisterEdit::UpdateRisk)
        .collect()
}

/// Problems with the treatment fields of the risk at `at`: justifications,
/// known controls, overrides and acceptance.
pub(crate) fn check_risk_treatment(
    risk: &Risk,
    at: &str,
    custom: &[String],
    levels: &[String],
    problems: &mut Vec<Diagnostic>,
) {
    if let Some(decision) = &risk.decision {
        if decision.option.justification_required() && decision.justification.trim().is_empty() {
            problems.push(Diagnostic::new(
                format!("{at}.decision.justification"),
                format!(
                    "choosing to {} a risk needs a justification",
                    decision.option.as_str()
                ),
            ));
        }
    }
    let mut seen = Vec::new();
    for (n, c) in risk.controls.iter().enumerate() {
        let key = control_key(&c.control_id);
        let path = format!("{at}.controls[{n}].control_id");
        if !is_annex_a_id(&key) && !custom.contains(&key) {
            problems.push(Diagnostic::new(
                path,
                format!(
                    "'{}' is neither an Annex A control nor a custom control of this assessment",
                    c.control_id
                ),
            ));
        } else if seen.contains(&key) {
            problems.push(Diagnostic::new(
                path,
                format!("control {key} is applied twice"),
            ));
        }
        seen.push(key);
    }
    for (tier, justification) in &risk.overrides {
        if justification.trim().is_empty() {
            problems.push(Diagnostic::new(
                format!("{at}.overrides.{}", tier.name()),
                "setting a projected tier by hand needs a justification",
            ));
        }
    }
    if let Some(acceptance) = &risk.acceptance {
        if acceptance.by.trim().is_empty() {
            problems.push(Diagnostic::new(
                format!("{at}.acceptance.by"),
                "say who accepts the residual risk",
            ));
        }
        if !levels.contains(&acceptance.level) {
            problems.push(Diagnostic::new(
                format!("{at}.acceptance.level"),
                format!("'{}' is not a risk level of this method", acceptance.level),
            ));
        }
        if risk.owner.trim().is_empty() {
            problems.push(Diagnostic::new(
                format!("{at}.owner"),
                "an accepted risk needs a risk owner",
            ));
        }
    }
}
