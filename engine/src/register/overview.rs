//! The figures at the top of the register.

use super::place;
use super::review::is_overdue;
use crate::date::Date;
use crate::document::{Assessment, TreatmentStatus};
use crate::evaluate::LevelCount;
use crate::method::ResolvedMethod;
use serde::Serialize;

/// Counts that summarise a register on one day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Overview {
    /// Risks in the register.
    pub risks: usize,
    /// Risks with no valid current score.
    pub unscored_current: usize,
    /// Risks per level in the current tier, every level listed, lowest first.
    pub current: Vec<LevelCount>,
    /// Risks per level in the residual tier, every level listed, lowest first.
    pub residual: Vec<LevelCount>,
    /// Risks whose current level is above the appetite.
    pub above_appetite_current: usize,
    /// Risks whose review is overdue on the day.
    pub overdue_reviews: usize,
    /// Risks above the appetite (current tier) with no treatment decided.
    pub untreated_above_appetite: usize,
    /// Risks with no owner.
    pub without_owner: usize,
}

/// The overview of `assessment` on `method`, with reviews judged on `today`.
pub fn overview(assessment: &Assessment, method: &ResolvedMethod, today: Date) -> Overview {
    let levels = &method.method().levels;
    let mut current = vec![0usize; levels.len()];
    let mut residual = vec![0usize; levels.len()];
    let mut out = Overview {
        risks: assessment.risks.len(),
        unscored_current: 0,
        current: Vec::new(),
        residual: Vec::new(),
        above_appetite_current: 0,
        overdue_reviews: 0,
        untreated_above_appetite: 0,
        without_owner: 0,
    };
    for risk in &assessment.risks {
        match place(method, risk.current.as_ref()) {
            Some(p) => {
                if let Some(n) = current.get_mut(p.level) {
                    *n += 1;
                }
                if p.level > method.appetite() {
                    out.above_appetite_current += 1;
                    if risk.treatment == TreatmentStatus::Untreated {
                        out.untreated_above_appetite += 1;
                    }
                }
            }
            None => out.unscored_current += 1,
        }
        if let Some(p) = place(method, risk.residual.as_ref()) {
            if let Some(n) = residual.get_mut(p.level) {
                *n += 1;
            }
        }
        if is_overdue(risk, method, today) {
            out.overdue_reviews += 1;
        }
        if risk.owner.trim().is_empty() {
            out.without_owner += 1;
        }
    }
    let counts = |per_level: Vec<usize>| {
        levels
            .iter()
            .zip(per_level)
            .map(|(level, count)| LevelCount {
                level: level.id.clone(),
                count,
            })
            .collect()
    };
    out.current = counts(current);
    out.residual = counts(residual);
    out
}
