//! When each risk is next due for review.

use super::place;
use crate::date::Date;
use crate::document::Risk;
use crate::method::ResolvedMethod;

/// The date `risk` is next due for review: its last review plus the review
/// interval of its level in the current tier, or in the inherent tier when
/// the current one is unscored. `None` when it was never reviewed or neither
/// tier has a valid score.
pub fn review_due(risk: &Risk, method: &ResolvedMethod) -> Option<Date> {
    let reviewed = risk.reviewed_on?;
    let days = review_interval_days(risk, method)?;
    Some(reviewed.add_days(i64::from(days)))
}

/// The review interval of `risk`'s level in the current tier, or in the
/// inherent tier when the current one is unscored.
pub fn review_interval_days(risk: &Risk, method: &ResolvedMethod) -> Option<u32> {
    let placed =
        place(method, risk.current.as_ref()).or_else(|| place(method, risk.inherent.as_ref()))?;
    Some(method.level(placed.level)?.review_interval_days)
}

/// Whether `risk`'s review was due before `today` (a review due today is not
/// yet overdue).
pub fn is_overdue(risk: &Risk, method: &ResolvedMethod, today: Date) -> bool {
    review_due(risk, method).is_some_and(|due| due < today)
}
