//! Derived values of a whole register: each risk's level per tier, counts per
//! level, and heat-map cells. This is the hot path of the app, so it does one
//! table lookup per tier and allocates only the output.

use crate::document::{Assessment, Tier};
use crate::method::ResolvedMethod;
use serde::Serialize;

/// Everything derived from an assessment's scores.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Evaluation {
    /// One entry per risk, in register order.
    pub risks: Vec<RiskEvaluation>,
    /// Inherent risk across the register.
    pub inherent: TierSummary,
    /// Current risk across the register.
    pub current: TierSummary,
    /// Residual risk across the register.
    pub residual: TierSummary,
}

/// The derived values of one risk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RiskEvaluation {
    /// The risk's id.
    pub id: String,
    /// Inherent level, if scored.
    pub inherent: Option<TierResult>,
    /// Current level, if scored.
    pub current: Option<TierResult>,
    /// Residual level, if scored.
    pub residual: Option<TierResult>,
}

/// One tier of one risk, scored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TierResult {
    /// Likelihood level number.
    pub likelihood: u8,
    /// Aggregated impact level number.
    pub impact: u8,
    /// Formula score.
    pub score: u32,
    /// Risk level id.
    pub level: String,
    /// Within the appetite.
    pub acceptable: bool,
}

/// Counts for one tier across the register.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TierSummary {
    /// Risks per level, lowest level first, every level listed.
    pub counts: Vec<LevelCount>,
    /// Every cell of the matrix with the risks in it, by likelihood then impact.
    pub cells: Vec<HeatCell>,
    /// Risks with no valid score for this tier.
    pub unscored: usize,
}

/// How many risks sit at one level.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LevelCount {
    /// Level id.
    pub level: String,
    /// Number of risks.
    pub count: usize,
}

/// One cell of a heat map.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct HeatCell {
    /// Likelihood level number.
    pub likelihood: u8,
    /// Impact level number.
    pub impact: u8,
    /// The cell's level id.
    pub level: String,
    /// Risks in the cell.
    pub count: usize,
}

/// Counts per cell of one tier, without per-risk output: what a heat map and a
/// re-evaluation need, at one lookup per risk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TierCounts {
    /// Risks per cell, row-major by likelihood then impact.
    pub cells: Vec<usize>,
    /// Risks with no valid score for this tier.
    pub unscored: usize,
}

/// Scores one tier of one risk; `None` if unscored or out of scale.
pub fn score_tier(
    method: &ResolvedMethod,
    risk: &crate::document::Risk,
    tier: Tier,
) -> Option<TierResult> {
    let scored = risk.tier(tier)?;
    let impact = method.aggregate_impact(&scored.impacts)?;
    let result = method
        .score(i64::from(scored.likelihood), i64::from(impact))
        .ok()?;
    Some(TierResult {
        likelihood: scored.likelihood,
        impact,
        score: result.score,
        level: method.level(result.level)?.id.clone(),
        acceptable: result.acceptable,
    })
}

/// Counts the risks in each cell for `tier`.
pub fn count_tier(method: &ResolvedMethod, assessment: &Assessment, tier: Tier) -> TierCounts {
    let cols = usize::from(method.impact_max());
    let mut counts = TierCounts {
        cells: vec![0; usize::from(method.likelihood_max()) * cols],
        unscored: 0,
    };
    for risk in &assessment.risks {
        let cell = risk.tier(tier).and_then(|t| {
            let impact = method.aggregate_impact(&t.impacts)?;
            method.level_index_at(t.likelihood, impact)?;
            Some(usize::from(t.likelihood - 1) * cols + usize::from(impact - 1))
        });
        match cell {
            Some(at) => counts.cells[at] += 1,
            None => counts.unscored += 1,
        }
    }
    counts
}

/// Evaluates every risk of `assessment` on `method`.
///
/// ```
/// use riskwright_engine::{document::Assessment, evaluate::evaluate, method::ResolvedMethod};
/// let assessment = Assessment::new("Demo");
/// let method = ResolvedMethod::new(assessment.method.clone()).unwrap();
/// let evaluation = evaluate(&assessment, &method);
/// assert_eq!(evaluation.current.cells.len(), 25);
/// ```
pub fn evaluate(assessment: &Assessment, method: &ResolvedMethod) -> Evaluation {
    let risks = assessment
        .risks
        .iter()
        .map(|risk| RiskEvaluation {
            id: risk.id.clone(),
            inherent: score_tier(method, risk, Tier::Inherent),
            current: score_tier(method, risk, Tier::Current),
            residual: score_tier(method, risk, Tier::Residual),
        })
        .collect();
    Evaluation {
        risks,
        inherent: summarise(method, &count_tier(method, assessment, Tier::Inherent)),
        current: summarise(method, &count_tier(method, assessment, Tier::Current)),
        residual: summarise(method, &count_tier(method, assessment, Tier::Residual)),
    }
}

/// Turns cell counts into per-level counts and labelled heat-map cells.
pub fn summarise(method: &ResolvedMethod, counts: &TierCounts) -> TierSummary {
    let levels = &method.method().levels;
    let mut per_level = vec![0; levels.len()];
    let mut cells = Vec::with_capacity(counts.cells.len());
    for l in 1..=method.likelihood_max() {
        for i in 1..=method.impact_max() {
            let at = usize::from(l - 1) * usize::from(method.impact_max()) + usize::from(i - 1);
            let count = counts.cells.get(at).copied().unwrap_or(0);
            let Some(level) = method.level_index_at(l, i) else {
                continue;
            };
            per_level[level] += count;
            cells.push(HeatCell {
                likelihood: l,
                impact: i,
                level: levels[level].id.clone(),
                count,
            });
        }
    }
    TierSummary {
        counts: levels
            .iter()
            .zip(per_level)
            .map(|(level, count)| LevelCount {
                level: level.id.clone(),
                count,
            })
            .collect(),
        cells,
        unscored: counts.unscored,
    }
}
