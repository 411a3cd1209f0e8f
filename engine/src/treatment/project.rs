//! What applying controls does to a risk: the projected current and residual
//! tiers, explained control by control.
//!
//! ## The rules
//!
//! - A control acts through one [`ControlType`]: a **preventive** control
//!   lowers the likelihood; a **detective** or **corrective** control lowers
//!   the impact on every dimension.
//! - It lowers by its [`Effectiveness`]: low and medium by one level, high
//!   by two. The medium step is deliberately the same as low: a control
//!   whose effect is not well established should not be credited with more
//!   than one level, and the difference between low and medium is recorded
//!   for the people reading the register rather than used in arithmetic.
//! - Nothing goes below level 1. A rating above the top of the scale is first
//!   taken as the top (which only lowers it); a rating of 0 stays 0.
//! - Controls are applied in the order given; the result does not depend on
//!   the order, since each control only subtracts and the floor is the same.
//! - Which controls count depends on the tier. The **current** tier counts
//!   only implemented controls (`include_planned` false); the **residual**
//!   tier also counts planned and in-progress ones (`include_planned` true).
//!   A control found not effective never counts.
//! - A detective or corrective Annex A control lowers only the impacts on
//!   the security properties it protects (its ISO/IEC 27002 attribute): a
//!   backup (8.13, integrity and availability) does not make a disclosure
//!   less harmful, so it leaves a confidentiality impact as it is. A
//!   dimension that is not one of confidentiality, integrity and
//!   availability, and a custom control, are lowered as before.

use super::score_scored;
use crate::catalogue::{ControlType, SecurityProperty};
use crate::document::{Risk, ScoredTier, Tier};
use crate::evaluate::TierResult;
use crate::method::ResolvedMethod;
use serde::{Deserialize, Serialize};
use std::fmt::Write as _;

/// Where a control stands for this risk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ControlStatus {
    /// Decided, work not started.
    Planned,
    /// Being put in place.
    InProgress,
    /// In place and working.
    Implemented,
    /// In place but found not to work (for example by an audit or a test).
    NotEffective,
}

impl ControlStatus {
    /// Every status.
    pub const ALL: [ControlStatus; 4] = [
        ControlStatus::Planned,
        ControlStatus::InProgress,
        ControlStatus::Implemented,
        ControlStatus::NotEffective,
    ];

    /// The words used in explanations.
    pub fn label(self) -> &'static str {
        match self {
            ControlStatus::Planned => "planned",
            ControlStatus::InProgress => "in progress",
            ControlStatus::Implemented => "implemented",
            ControlStatus::NotEffective => "not effective",
        }
    }

    /// Whether a control with this status counts: implemented ones always,
    /// planned and in-progress ones only with `include_planned`, ineffective
    /// ones never.
    pub fn counts(self, include_planned: bool) -> bool {
        match self {
            ControlStatus::Implemented => true,
            ControlStatus::Planned | ControlStatus::InProgress => include_planned,
            ControlStatus::NotEffective => false,
        }
    }
}

/// How strongly a control acts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Effectiveness {
    /// Helps somewhat.
    Low,
    /// Helps as expected.
    Medium,
    /// Helps a lot.
    High,
}

impl Effectiveness {
    /// Every value, weakest first.
    pub const ALL: [Effectiveness; 3] = [
        Effectiveness::Low,
        Effectiveness::Medium,
        Effectiveness::High,
    ];

    /// How many levels a control with this effectiveness lowers: 1, 1, 2.
    pub fn steps(self) -> u8 {
        match self {
            Effectiveness::Low | Effectiveness::Medium => 1,
            Effectiveness::High => 2,
        }
    }
}

/// A control applied to a risk, as the treatment plan records it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppliedControl {
    /// An Annex A id (`"8.7"`, `"A.8.7"` accepted) or a custom control's id.
    pub control_id: String,
    /// Where it stands.
    pub status: ControlStatus,
    /// How strongly it acts.
    pub effectiveness: Effectiveness,
    /// What it acts on: preventive lowers likelihood, detective and
    /// corrective lower impact.
    pub acts_through: ControlType,
}

/// A tier after controls, with the why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Projection {
    /// The projected likelihood and impacts.
    pub tier: ScoredTier,
    /// One line per control that counted, in the order given, such as
    /// "8.7 Protection against malware, implemented: likelihood 4 → 3".
    pub lines: Vec<String>,
}

/// The current and residual levels that the controls give.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ProjectedLevels {
    /// With implemented controls only.
    pub current: Projection,
    /// The current projection's level; `None` if it cannot be scored on the
    /// method (no known dimension rated, or off the scales).
    pub current_level: Option<TierResult>,
    /// With implemented, in-progress and planned controls.
    pub residual: Projection,
    /// The residual projection's level.
    pub residual_level: Option<TierResult>,
}

/// Projects `inherent` through `controls` (see the module docs for the
/// rules). Deterministic; never panics; never raises a rating.
pub fn project(
    method: &ResolvedMethod,
    inherent: &ScoredTier,
    controls: &[AppliedControl],
    include_planned: bool,
) -> Projection {
    let likelihood_max = method.likelihood_max();
    let impact_max = method.impact_max();
    let mut tier = ScoredTier {
        likelihood: inherent.likelihood.min(likelihood_max),
        impacts: inherent
            .impacts
            .iter()
            .map(|(d, &v)| (d.clone(), v.min(impact_max)))
            .collect(),
    };
    let mut lines = Vec::new();
    for applied in controls {
        if !applied.status.counts(include_planned) {
            continue;
        }
        let steps = applied.effectiveness.steps();
        let mut line = format!("{}, {}: ", control_name(applied), applied.status.label());
        match applied.acts_through {
            ControlType::Preventive => {
                let before = tier.likelihood;
                let after = lower(before, steps);
                tier.likelihood = after;
                if before == after {
                    let _ = write!(line, "likelihood already at {before}");
                } else {
                    let _ = write!(line, "likelihood {before} → {after}");
                }
            }
            ControlType::Detective | ControlType::Corrective => {
                // Explained in the method's dimension order, then any
                // dimension the method does not know, by id.
                let mut changes = Vec::new();
                let mut spared = Vec::new();
                for (dimension, value) in tier.impacts.iter_mut() {
                    if !protects_dimension(&applied.control_id, method, dimension) {
                        if *value > 1 {
                            spared.push(dimension_label(method, dimension));
                        }
                        continue;
                    }
                    let before = *value;
                    let after = lower(before, steps);
                    *value = after;
                    if before != after {
                        let (place, label) = dimension_label(method, dimension);
                        changes.push((place, format!("{label} {before} → {after}")));
                    }
                }
                changes.sort_by_key(|&(place, _)| place);
                spared.sort();
                let spared: Vec<String> = spared.into_iter().map(|(_, n)| n).collect();
                let spared = spared.join(" or ");
                if changes.is_empty() && !spared.is_empty() {
                    let _ = write!(line, "impact unchanged: it does not protect {spared}");
                } else if changes.is_empty() {
                    line.push_str("impact already at its lowest");
                } else {
                    let texts: Vec<String> = changes.into_iter().map(|(_, t)| t).collect();
                    let _ = write!(line, "impact {}", texts.join(", "));
                    if !spared.is_empty() {
                        let _ = write!(line, " (not {spared}, which it does not protect)");
                    }
                }
            }
        }
        lines.push(line);
    }
    Projection { tier, lines }
}

/// The current tier (implemented controls) and the residual tier (planned,
/// in-progress and implemented controls) projected from `inherent`, with
/// their levels on `method`.
pub fn projected_levels(
    method: &ResolvedMethod,
    inherent: &ScoredTier,
    controls: &[AppliedControl],
) -> ProjectedLevels {
    let current = project(method, inherent, controls, false);
    let residual = project(method, inherent, controls, true);
    ProjectedLevels {
        current_level: score_scored(method, &current.tier),
        residual_level: score_scored(method, &residual.tier),
        current,
        residual,
    }
}

/// The justification recorded in `overrides` for a tier scored by hand (in
/// the register form, a workshop, an import) rather than set against the
/// projection on the treatment screen: the register keeps it as scored when
/// the controls change.
pub const SCORED_BY_HAND: &str = "scored by hand";

/// Whether the `tier` (current or residual) of `risk` follows the
/// projection, so that a change of its controls or of its inherent tier moves
/// it: the tier is not set by hand with a justification, and either it is
/// not scored yet or the risk has controls and the tier is exactly what they
/// project. A tier scored by hand (in the register form, a workshop, an
/// import) to another value is kept as scored until the user chooses to
/// follow the projection. The inherent tier never follows anything.
pub fn follows_projection(method: &ResolvedMethod, risk: &Risk, tier: Tier) -> bool {
    let planned = match tier {
        Tier::Inherent => return false,
        Tier::Current => false,
        Tier::Residual => true,
    };
    if risk.overrides.contains_key(&tier) {
        return false;
    }
    let Some(value) = risk.tier(tier) else {
        return true;
    };
    let Some(inherent) = risk.inherent.as_ref() else {
        return false;
    };
    !risk.controls.is_empty() && *value == project(method, inherent, &risk.controls, planned).tier
}

/// A current or residual tier that differs from what the controls project
/// from the inherent tier: scored by hand, or set by hand with a
/// justification.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProjectionDifference {
    /// Current or residual.
    pub tier: Tier,
    /// What the controls project.
    pub projected: ScoredTier,
    /// What the register records.
    pub scored: ScoredTier,
    /// The projection's level, if it scores on the method.
    pub projected_result: Option<TierResult>,
    /// The recorded tier's level, if it scores on the method.
    pub scored_result: Option<TierResult>,
    /// Whether the tier is set by hand with a justification (an override).
    pub overridden: bool,
}

impl ProjectionDifference {
    /// "projected 5×5 = 25, scored 4×5 = 20, +5": the projection, the
    /// recorded value and how far the projection is from it.
    pub fn describe(&self) -> String {
        let text = |r: Option<&TierResult>| {
            r.map_or_else(
                || "not scorable".to_string(),
                |r| format!("{}×{} = {}", r.likelihood, r.impact, r.score),
            )
        };
        let mut out = format!(
            "projected {}, scored {}",
            text(self.projected_result.as_ref()),
            text(self.scored_result.as_ref())
        );
        if let (Some(p), Some(s)) = (&self.projected_result, &self.scored_result) {
            let diff = i64::from(p.score) - i64::from(s.score);
            let _ = write!(out, ", {}{diff}", if diff > 0 { "+" } else { "" });
        }
        out
    }
}

/// The current and residual tiers of `risk` whose recorded value is not what
/// its controls project from its inherent tier (scored by hand, set by hand,
/// or left over from a method change or an import). The register keeps them
/// as they are; the treatment screen shows both values and lets the user
/// follow the projection. Empty for a risk with no controls or no inherent
/// tier, and for an unscored tier (it takes the projection on the next edit).
pub fn projection_differences(method: &ResolvedMethod, risk: &Risk) -> Vec<ProjectionDifference> {
    let Some(inherent) = risk.inherent.as_ref() else {
        return Vec::new();
    };
    if risk.controls.is_empty() {
        return Vec::new();
    }
    [(Tier::Current, false), (Tier::Residual, true)]
        .into_iter()
        .filter_map(|(tier, planned)| {
            let scored = risk.tier(tier)?;
            let projected = project(method, inherent, &risk.controls, planned).tier;
            (*scored != projected).then(|| ProjectionDifference {
                tier,
                projected_result: score_scored(method, &projected),
                scored_result: score_scored(method, scored),
                projected,
                scored: scored.clone(),
                overridden: risk.overrides.contains_key(&tier),
            })
        })
        .collect()
}

/// The tiers of [`projection_differences`] that are not set by hand with a
/// justification: scored by hand, or left over from a method change or an
/// import.
pub fn stale_projections(method: &ResolvedMethod, risk: &Risk) -> Vec<Tier> {
    projection_differences(method, risk)
        .into_iter()
        .filter(|d| !d.overridden)
        .map(|d| d.tier)
        .collect()
}

/// `risk` with `tier` (current or residual) set to what its controls project
/// and its override, if any, removed: the user chose to follow the
/// projection. Unchanged for the inherent tier, or when the risk has no
/// inherent tier or no controls.
pub fn follow_projection(method: &ResolvedMethod, risk: &Risk, tier: Tier) -> Risk {
    let mut out = risk.clone();
    let planned = match tier {
        Tier::Inherent => return out,
        Tier::Current => false,
        Tier::Residual => true,
    };
    let Some(inherent) = risk.inherent.as_ref() else {
        return out;
    };
    if risk.controls.is_empty() {
        return out;
    }
    let projected = project(method, inherent, &risk.controls, planned).tier;
    out.overrides.remove(&tier);
    match tier {
        Tier::Current => out.current = Some(projected),
        _ => out.residual = Some(projected),
    }
    out
}

/// The Annex A controls whose 27002 security properties are not all three
/// of confidentiality, integrity and availability (`tests/treatment.rs`
/// checks this table against `annex_a.json`). Kept here rather than read
/// from the catalogue so that projecting stays in the app's first load
/// without the whole catalogue.
pub(crate) const NARROW_PROPERTIES: [(&str, &[SecurityProperty]); 14] = {
    use SecurityProperty::{Availability as A, Confidentiality as C, Integrity as I};
    [
        ("5.30", &[A]),
        ("6.6", &[C]),
        ("7.7", &[C]),
        ("7.11", &[I, A]),
        ("7.12", &[C, A]),
        ("7.14", &[C]),
        ("8.6", &[I, A]),
        ("8.10", &[C]),
        ("8.11", &[C]),
        ("8.12", &[C]),
        ("8.13", &[I, A]),
        ("8.14", &[A]),
        ("8.17", &[I]),
        ("8.33", &[C, I]),
    ]
};

/// Whether the control `control_id` lowers the impact on `dimension`: false
/// only for an Annex A control that does not protect the security property
/// the dimension names (by id or label).
fn protects_dimension(control_id: &str, method: &ResolvedMethod, dimension: &str) -> bool {
    let key = crate::catalogue::normalise_control_id(control_id.trim());
    let Some((_, properties)) = NARROW_PROPERTIES.iter().find(|(id, _)| *id == key) else {
        return true;
    };
    let label = method
        .method()
        .dimensions
        .iter()
        .find(|d| d.id == dimension)
        .map(|d| d.label.to_lowercase());
    let property = SecurityProperty::ALL.iter().find(|p| {
        let name = p.as_str();
        dimension.eq_ignore_ascii_case(name) || label.as_deref() == Some(name)
    });
    property.is_none_or(|p| properties.contains(p))
}

/// `value` lowered by `steps`, never below 1 and never raised (0 stays 0).
fn lower(value: u8, steps: u8) -> u8 {
    if value <= 1 {
        value
    } else {
        value.saturating_sub(steps).max(1)
    }
}

/// "8.7 Protection against malware" for an Annex A control; the id alone for
/// any other.
fn control_name(applied: &AppliedControl) -> String {
    crate::catalogue::annex_a_label(&applied.control_id)
}

/// The dimension's place in the method and its label in lower case
/// ("availability"); the id, placed last, when the method does not know it.
fn dimension_label(method: &ResolvedMethod, id: &str) -> (usize, String) {
    let dimensions = &method.method().dimensions;
    dimensions
        .iter()
        .position(|d| d.id == id)
        .and_then(|place| {
            dimensions
                .get(place)
                .map(|d| (place, d.label.to_lowercase()))
        })
        .unwrap_or_else(|| (dimensions.len(), id.to_string()))
}

#[cfg(test)]
mod tests {
    use super::NARROW_PROPERTIES;

    /// The table of narrower security properties is what `annex_a.json`
    /// says, control by control.
    #[test]
    fn narrow_properties_match_the_catalogue() {
        let mut narrow = Vec::new();
        for c in crate::catalogue::annex_a() {
            if c.security_properties.len() < 3 {
                narrow.push((c.id.as_str(), c.security_properties.clone()));
            }
        }
        let table: Vec<(&str, Vec<crate::catalogue::SecurityProperty>)> = NARROW_PROPERTIES
            .iter()
            .map(|(id, p)| (*id, p.to_vec()))
            .collect();
        assert_eq!(narrow, table);
    }
}
