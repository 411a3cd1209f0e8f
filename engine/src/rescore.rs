//! Changing the method after risks were scored.
//!
//! Nothing is clamped silently: [`plan`] maps every scored tier of every risk
//! to the new method and lists, tier by tier, what changes and why. It does
//! not modify the assessment; the caller turns the plan into an edit that
//! replaces the method and writes the new tier values.
//!
//! ## How numbers are mapped
//!
//! A likelihood or impact on a scale whose size changed keeps its relative
//! position:
//!
//! `new = 1 + round((old - 1) × (new_len - 1) / (old_len - 1))`
//!
//! rounded half up (an exact half goes to the higher level, so a risk is never
//! made to look smaller by rounding). From 5 levels to 3: 1 → 1, 2 → 2,
//! 3 → 2, 4 → 3, 5 → 3. A scale that keeps its size keeps every number. A
//! number that was already off the old scale is first taken as the nearest
//! end of the old scale, and the change says so.

use crate::compare::{cell, level_id};
use crate::document::{Assessment, Risk, ScoredTier, Tier};
use crate::method::{validate_method, LevelRule, Method, ResolvedMethod};
use crate::Diagnostic;
use serde::Serialize;
use std::collections::BTreeMap;

/// What replacing the method would do to the register.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RescorePlan {
    /// The new method (valid).
    pub method: Method,
    /// Every tier whose ratings, cell or level change, in register order then
    /// tier order.
    pub changes: Vec<RescoreChange>,
    /// How many scored tiers stay exactly as they are.
    pub unchanged: usize,
}

/// One tier of one risk that changes under the new method.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RescoreChange {
    /// The risk's id.
    pub risk_id: String,
    /// The risk's title.
    pub title: String,
    /// Which tier.
    pub tier: Tier,
    /// The ratings now.
    pub old: Option<ScoredTier>,
    /// The ratings under the new method; `None` when no dimension remains.
    pub new: Option<ScoredTier>,
    /// (likelihood, aggregated impact) under the old method.
    pub old_cell: Option<(u8, u8)>,
    /// (likelihood, aggregated impact) under the new method.
    pub new_cell: Option<(u8, u8)>,
    /// Level id under the old method (`None` if the old method is invalid or
    /// the cell is off its scales).
    pub old_level: Option<String>,
    /// Level id under the new method.
    pub new_level: Option<String>,
    /// Whether the level differs.
    pub level_changed: bool,
    /// One plain line saying why, e.g. "impact scale 5 → 3 levels: impact
    /// 4 → 3; the matrix gives Medium instead of High at likelihood 3 ×
    /// impact 3".
    pub why: String,
}

/// Works out what replacing `assessment`'s method with `new_method` would do
/// to every scored tier. Returns the new method's problems (paths under
/// `$.method`) if it is invalid. The assessment is not modified.
pub fn plan(assessment: &Assessment, new_method: Method) -> Result<RescorePlan, Vec<Diagnostic>> {
    let problems = validate_method(&new_method, "$.method");
    if !problems.is_empty() {
        return Err(problems);
    }
    let new_resolved = ResolvedMethod::new(new_method.clone()).map_err(|found| {
        found
            .into_iter()
            .map(|d| {
                let rest = d.path.strip_prefix('$').unwrap_or(&d.path);
                Diagnostic::new(format!("$.method{rest}"), d.message)
            })
            .collect::<Vec<_>>()
    })?;
    let old_method = &assessment.method;
    let old_resolved = ResolvedMethod::new(old_method.clone()).ok();
    let mut changes = Vec::new();
    let mut unchanged = 0;
    for risk in &assessment.risks {
        for tier in Tier::ALL {
            let Some(old) = risk.tier(tier) else {
                continue;
            };
            let change = rescore_tier(
                risk,
                tier,
                old,
                old_method,
                old_resolved.as_ref(),
                &new_resolved,
            );
            match change {
                Some(change) => changes.push(change),
                None => unchanged += 1,
            }
        }
    }
    Ok(RescorePlan {
        method: new_method,
        changes,
        unchanged,
    })
}

/// Maps a 1-based level number from a scale of `old_len` levels to one of
/// `new_len` levels, keeping its relative position, rounded half up (see the
/// module documentation). A scale of the same size keeps the number. A number
/// off the old scale is first taken as the nearest end of it. The result is
/// always within `1..=new_len` (for `new_len` ≥ 1).
pub fn map_level(old: u8, old_len: usize, new_len: usize) -> u8 {
    let new_len = new_len.clamp(1, usize::from(u8::MAX));
    let old_len = old_len.clamp(1, usize::from(u8::MAX));
    let old = usize::from(old).clamp(1, old_len);
    let mapped = if old_len == new_len {
        old
    } else if old_len == 1 {
        1
    } else {
        let (num, den) = ((old - 1) * (new_len - 1), old_len - 1);
        1 + (2 * num + den) / (2 * den)
    };
    u8::try_from(mapped.clamp(1, new_len)).unwrap_or(1)
}

/// One tier mapped to the new method, or `None` if nothing about it changes.
fn rescore_tier(
    risk: &Risk,
    tier: Tier,
    old: &ScoredTier,
    old_method: &Method,
    old_resolved: Option<&ResolvedMethod>,
    new_resolved: &ResolvedMethod,
) -> Option<RescoreChange> {
    let new_method = new_resolved.method();
    let (old_l_len, new_l_len) = (
        old_method.likelihood.levels.len(),
        new_method.likelihood.levels.len(),
    );
    let (old_i_len, new_i_len) = (
        old_method.impact.levels.len(),
        new_method.impact.levels.len(),
    );
    let mut why = Vec::new();

    // Likelihood.
    let likelihood = map_level(old.likelihood, old_l_len, new_l_len);
    if off_scale(old.likelihood, old_l_len) {
        why.push(format!(
            "likelihood {} was off the old 1–{old_l_len} scale",
            old.likelihood
        ));
    }
    if likelihood != old.likelihood {
        why.push(format!(
            "likelihood scale {old_l_len} → {new_l_len} levels: likelihood {} → {likelihood}",
            old.likelihood
        ));
    }

    // Impacts, dimension by dimension.
    let mut impacts = BTreeMap::new();
    let mut moved = Vec::new();
    let mut removed = Vec::new();
    for (dimension, &value) in &old.impacts {
        if !new_method.dimensions.iter().any(|d| &d.id == dimension) {
            let label = old_method
                .dimensions
                .iter()
                .find(|d| &d.id == dimension)
                .map_or(dimension.as_str(), |d| d.label.as_str());
            removed.push(format!("'{label}'"));
            continue;
        }
        let mapped = map_level(value, old_i_len, new_i_len);
        if off_scale(value, old_i_len) {
            why.push(format!(
                "{} {value} was off the old 1–{old_i_len} scale",
                impact_name(new_method, dimension, old.impacts.len())
            ));
        }
        if mapped != value {
            moved.push(format!(
                "{} {value} → {mapped}",
                impact_name(new_method, dimension, old.impacts.len())
            ));
        }
        impacts.insert(dimension.clone(), mapped);
    }
    if !moved.is_empty() {
        why.push(format!(
            "impact scale {old_i_len} → {new_i_len} levels: {}",
            moved.join(", ")
        ));
    }
    if !removed.is_empty() {
        let noun = if removed.len() == 1 {
            "dimension"
        } else {
            "dimensions"
        };
        why.push(format!("{noun} {} removed", removed.join(", ")));
    }

    let new = if impacts.is_empty() {
        if !old.impacts.is_empty() {
            why.push("no rated dimension remains: the tier becomes unscored".into());
        } else {
            why.push("no dimension is rated: the tier becomes unscored".into());
        }
        None
    } else {
        Some(ScoredTier {
            likelihood,
            impacts,
        })
    };

    let old_cell = cell(old_method, old);
    let new_cell = new.as_ref().and_then(|t| cell(new_method, t));
    let old_level = level_id(old_resolved, old_cell);
    let new_level = level_id(Some(new_resolved), new_cell);
    let level_changed = old_level != new_level;

    if new.as_ref() == Some(old) && old_cell == new_cell && !level_changed {
        return None;
    }

    if let (Some((_, oi)), Some((_, ni))) = (old_cell, new_cell) {
        // A cell change not explained by the numbers above comes from the
        // dimensions taken into account or from the aggregation.
        if oi != ni && moved.is_empty() && removed.is_empty() {
            why.push(format!("aggregated impact {oi} → {ni}"));
        }
    }
    if level_changed {
        let old_label = label_of(old_method, old_level.as_deref());
        let new_label = label_of(new_method, new_level.as_deref());
        let source = match new_method.rule {
            LevelRule::Matrix { .. } => "the matrix",
            LevelRule::Formula { .. } => "the formula",
        };
        why.push(match (old_label, new_label, new_cell) {
            (Some(o), Some(n), Some((l, i))) => {
                format!("{source} gives {n} instead of {o} at likelihood {l} × impact {i}")
            }
            (None, Some(n), Some((l, i))) => {
                format!("{source} gives {n} at likelihood {l} × impact {i}; it had no level before")
            }
            (Some(o), None, _) => format!("no longer has a level (was {o})"),
            _ => "the level changes".into(),
        });
    }
    if why.is_empty() {
        why.push("the ratings change".into());
    }

    Some(RescoreChange {
        risk_id: risk.id.clone(),
        title: risk.title.clone(),
        tier,
        old: Some(old.clone()),
        new,
        old_cell,
        new_cell,
        old_level,
        new_level,
        level_changed,
        why: why.join("; "),
    })
}

fn off_scale(value: u8, len: usize) -> bool {
    value == 0 || usize::from(value) > len
}

/// "impact" when the tier rates one dimension, else the dimension's label.
fn impact_name(method: &Method, dimension: &str, rated: usize) -> String {
    if rated <= 1 {
        return "impact".into();
    }
    let label = method
        .dimensions
        .iter()
        .find(|d| d.id == dimension)
        .map_or(dimension, |d| d.label.as_str());
    format!("{label} impact")
}

fn label_of(method: &Method, id: Option<&str>) -> Option<String> {
    let id = id?;
    Some(
        method
            .levels
            .iter()
            .find(|l| l.id == id)
            .map_or(id, |l| l.label.as_str())
            .to_string(),
    )
}
