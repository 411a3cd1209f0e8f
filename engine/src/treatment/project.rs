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

use super::score_scored;
use crate::catalogue::ControlType;
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
                for (dimension, value) in tier.impacts.iter_mut() {
                    let before = *value;
                    let after = lower(before, steps);
                    *value = after;
                    if before != after {
                        let (place, label) = dimension_label(method, dimension);
                        changes.push((place, format!("{label} {before} → {after}")));
                    }
                }
                changes.sort_by_key(|&(place, _)| place);
                if changes.is_empty() {
                    line.push_str("impact already at its lowest");
                } else {
                    let texts: Vec<String> = changes.into_iter().map(|(_, t)| t).collect();
                    let _ = write!(line, "impact {}", texts.join(", "));
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

/// The current and residual tiers of `risk` whose recorded value is not what
/// its controls project from its inherent tier, and that are not set by
/// hand: after a method change, an import or a hand-edited file. Editing the
/// risk brings them in line.
pub fn stale_projections(method: &ResolvedMethod, risk: &Risk) -> Vec<Tier> {
    let Some(inherent) = risk.inherent.as_ref() else {
        return Vec::new();
    };
    if risk.controls.is_empty() {
        return Vec::new();
    }
    [(Tier::Current, false), (Tier::Residual, true)]
        .into_iter()
        .filter(|(tier, planned)| {
            !risk.overrides.contains_key(tier)
                && risk.tier(*tier)
                    != Some(&project(method, inherent, &risk.controls, *planned).tier)
        })
        .map(|(tier, _)| tier)
        .collect()
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
