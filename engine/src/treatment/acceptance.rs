//! Whether a risk's residual level stands accepted by its risk owner
//! (ISO/IEC 27001 6.1.3 f).
//!
//! ## The rules
//!
//! - Acceptance is **required** when the residual level is above the
//!   appetite. The residual tier is the target; where it is not scored the
//!   current tier stands in, since that is the risk that remains today.
//! - An acceptance **expires** at the risk's next review after it was given:
//!   the acceptance date plus the review interval of the risk's level (the
//!   same interval that sets review dates). A review due today has not yet
//!   passed.
//! - An acceptance also ends when the residual level **rises** above the
//!   level that was accepted: the owner accepted less than what is there now.

use super::score_scored;
use crate::date::Date;
use crate::document::Risk;
use crate::method::ResolvedMethod;
use crate::register::review_interval_days;

/// Where a risk's acceptance stands today.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AcceptanceState {
    /// Neither the residual nor the current tier is scored.
    Unscored,
    /// Within the appetite and not accepted: no acceptance is needed.
    NotRequired,
    /// Above the appetite and not accepted.
    Missing,
    /// Accepted and still in force.
    Accepted {
        /// The last day the acceptance holds, if the risk has a review
        /// interval to go by.
        until: Option<Date>,
    },
    /// Accepted once, no longer in force.
    Expired(ExpiryReason),
}

/// Why an acceptance ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExpiryReason {
    /// The review that was due on this date has passed.
    ReviewPassed(Date),
    /// The residual level is now above the one accepted.
    LevelRose {
        /// The level id accepted.
        accepted: String,
        /// The level id now.
        now: String,
    },
}

impl AcceptanceState {
    /// Whether the state needs the risk owner to act (missing or expired).
    pub fn needs_acceptance(&self) -> bool {
        matches!(self, AcceptanceState::Missing | AcceptanceState::Expired(_))
    }

    /// One line for people: "accepted until 2027-06-01", "expired: the
    /// review due 2027-01-10 has passed", and so on.
    pub fn describe(&self) -> String {
        match self {
            AcceptanceState::Unscored => "not scored yet".into(),
            AcceptanceState::NotRequired => "within the appetite: no acceptance needed".into(),
            AcceptanceState::Missing => {
                "above the appetite: the risk owner must accept the residual risk".into()
            }
            AcceptanceState::Accepted { until: Some(d) } => format!("accepted until {d}"),
            AcceptanceState::Accepted { until: None } => "accepted".into(),
            AcceptanceState::Expired(ExpiryReason::ReviewPassed(d)) => {
                format!("acceptance expired: the review due {d} has passed")
            }
            AcceptanceState::Expired(ExpiryReason::LevelRose { accepted, now }) => {
                format!("acceptance expired: the residual level rose from {accepted} to {now}")
            }
        }
    }
}

/// The residual level index of `risk` on `method` (the current tier when the
/// residual one is unscored), with whether it is within the appetite.
pub fn residual_level(method: &ResolvedMethod, risk: &Risk) -> Option<(usize, bool)> {
    let tier = risk.residual.as_ref().or(risk.current.as_ref())?;
    let result = score_scored(method, tier)?;
    let index = method
        .method()
        .levels
        .iter()
        .position(|l| l.id == result.level)?;
    Some((index, result.acceptable))
}

/// Whether `risk` is above the appetite as it stands: its current tier, or
/// the inherent one when the current is unscored. Such a risk needs a
/// treatment decision.
pub fn needs_treatment(method: &ResolvedMethod, risk: &Risk) -> bool {
    risk.current
        .as_ref()
        .or(risk.inherent.as_ref())
        .and_then(|t| score_scored(method, t))
        .is_some_and(|r| !r.acceptable)
}

/// Where `risk`'s acceptance stands on `today` (see the module docs).
pub fn acceptance_state(method: &ResolvedMethod, risk: &Risk, today: Date) -> AcceptanceState {
    let level = residual_level(method, risk);
    let Some(acceptance) = &risk.acceptance else {
        return match level {
            None => AcceptanceState::Unscored,
            Some((_, true)) => AcceptanceState::NotRequired,
            Some((_, false)) => AcceptanceState::Missing,
        };
    };
    let levels = &method.method().levels;
    if let Some((now, _)) = level {
        // An accepted level the method no longer knows counts as the lowest,
        // so any scored level above it ends the acceptance.
        let accepted = levels.iter().position(|l| l.id == acceptance.level);
        if accepted.is_none_or(|a| now > a) {
            return AcceptanceState::Expired(ExpiryReason::LevelRose {
                accepted: acceptance.level.clone(),
                now: levels.get(now).map(|l| l.id.clone()).unwrap_or_default(),
            });
        }
    }
    let until =
        review_interval_days(risk, method).map(|days| acceptance.on.add_days(i64::from(days)));
    match until {
        Some(due) if due < today => AcceptanceState::Expired(ExpiryReason::ReviewPassed(due)),
        _ => AcceptanceState::Accepted { until },
    }
}
