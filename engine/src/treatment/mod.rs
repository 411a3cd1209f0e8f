//! Risk treatment (ISO/IEC 27005 8.2 and 8.3): which treatment options suit a
//! risk, which Annex A controls to consider, and what applying controls would
//! do to its likelihood and impacts.
//!
//! - [`propose`] ranks the four options (modify, retain, avoid, share) for one
//!   risk from its level against the appetite, and ranks Annex A controls
//!   from the risk's threat, vulnerability and assets.
//! - [`project`] lowers a tier's likelihood or impacts control by control and
//!   explains every step; [`projected_levels`] gives the current and residual
//!   levels that follow.
//!
//! Nothing here changes the assessment: the caller decides what to record.
//!
//! ```
//! use riskwright_engine::catalogue::ControlType;
//! use riskwright_engine::document::ScoredTier;
//! use riskwright_engine::method::{preset, ResolvedMethod};
//! use riskwright_engine::treatment::{project, AppliedControl, ControlStatus, Effectiveness};
//!
//! let method = ResolvedMethod::new(preset("5x5").unwrap()).unwrap();
//! let inherent = ScoredTier {
//!     likelihood: 4,
//!     impacts: [("availability".to_string(), 5)].into_iter().collect(),
//! };
//! let malware = AppliedControl {
//!     control_id: "8.7".into(),
//!     status: ControlStatus::Implemented,
//!     effectiveness: Effectiveness::Medium,
//!     acts_through: ControlType::Preventive,
//! };
//! let projection = project(&method, &inherent, &[malware], false);
//! assert_eq!(projection.tier.likelihood, 3);
//! assert_eq!(
//!     projection.lines,
//!     vec!["8.7 Protection against malware, implemented: likelihood 4 → 3"]
//! );
//! ```

mod acceptance;
mod project;
mod propose;
mod status;

pub use acceptance::{
    acceptance_state, needs_treatment, residual_level, AcceptanceState, ExpiryReason,
};

pub use project::{
    follow_projection, follows_projection, project, projected_levels, projection_differences,
    stale_projections, AppliedControl, ControlStatus, Effectiveness, ProjectedLevels, Projection,
    ProjectionDifference, SCORED_BY_HAND,
};
pub use propose::{
    distinguish, propose, suggest_controls, ControlSuggestion, DistinctReasons, OptionProposal,
    Proposal, TreatmentOption, MAX_SUGGESTIONS,
};
pub use status::{status_source, StatusSource};

use crate::document::ScoredTier;
use crate::evaluate::TierResult;
use crate::method::ResolvedMethod;

/// Scores a tier on `method`: its cell, score and level; `None` when no known
/// dimension is rated or the cell is off the scales.
pub(crate) fn score_scored(method: &ResolvedMethod, tier: &ScoredTier) -> Option<TierResult> {
    let impact = method.aggregate_impact(&tier.impacts)?;
    let result = method
        .score(i64::from(tier.likelihood), i64::from(impact))
        .ok()?;
    Some(TierResult {
        likelihood: tier.likelihood,
        impact,
        score: result.score,
        level: method.level(result.level)?.id.clone(),
        acceptable: result.acceptable,
    })
}
