//! The risk register as the user works on it: edits with a recorded history
//! and an inverse for undo, replay of that history, review dates, filtering
//! and sorting, and the figures of an overview.
//!
//! ```
//! use riskwright_engine::document::{Assessment, Risk};
//! use riskwright_engine::register::RegisterEdit;
//!
//! let mut assessment = Assessment::new("Demo");
//! let risk = Risk { title: "Laptop theft".into(), ..Risk::default() };
//! let applied = assessment
//!     .apply(RegisterEdit::AddRisk(risk), "2026-11-28T10:00:00Z", "")
//!     .unwrap();
//! assert_eq!(assessment.risks[0].id, "R-1");
//! assessment.apply(applied.inverse, "2026-11-28T10:01:00Z", "undo").unwrap();
//! assert!(assessment.risks.is_empty());
//! assert_eq!(assessment.history.len(), 2); // created, then deleted
//! ```

mod concurrent;
mod edit;
mod merge;
mod overview;
mod query;
mod replay;
mod review;
mod treat;
mod wire;

pub use concurrent::{concurrent_changes, merge_risk, ConcurrentChange};
pub use edit::{Applied, RegisterEdit, TierUpdate};
pub use merge::{merge_plan, MergePlan};
pub use overview::Overview;
pub use query::{natural_cmp, query, RegisterQuery, SortKey};
pub use replay::{replay, tier_index};
pub use review::{is_overdue, review_due, review_interval_days};
pub(crate) use treat::check_risk_treatment;
pub use treat::effectiveness_label;

/// Overview figures of a register; see [`Overview`].
pub use overview::overview;

use crate::document::{Risk, ScoredTier, Tier};
use crate::method::ResolvedMethod;

/// One scored tier on a method: its cell, level and score.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Placed {
    pub likelihood: u8,
    pub impact: u8,
    pub level: usize,
    pub score: u32,
}

/// Where `tier` sits on `method`; `None` if unscored or off the scales.
pub(crate) fn place(method: &ResolvedMethod, tier: Option<&ScoredTier>) -> Option<Placed> {
    let tier = tier?;
    let impact = method.aggregate_impact(&tier.impacts)?;
    let score = method
        .score(i64::from(tier.likelihood), i64::from(impact))
        .ok()?;
    Some(Placed {
        likelihood: tier.likelihood,
        impact,
        level: score.level,
        score: score.score,
    })
}

/// The level id of `tier` on `method`, for history entries.
pub(crate) fn level_id(
    method: Option<&ResolvedMethod>,
    tier: Option<&ScoredTier>,
) -> Option<String> {
    let method = method?;
    let placed = place(method, tier)?;
    Some(method.level(placed.level)?.id.clone())
}

/// The slot holding `tier` of `risk`.
pub(crate) fn tier_slot(risk: &mut Risk, tier: Tier) -> &mut Option<ScoredTier> {
    match tier {
        Tier::Inherent => &mut risk.inherent,
        Tier::Current => &mut risk.current,
        Tier::Residual => &mut risk.residual,
    }
}
