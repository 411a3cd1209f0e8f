//! Rebuilding risks' tier values from the history alone.

use crate::document::{Change, HistoryEntry, ScoredTier, Tier};
use std::collections::BTreeMap;

/// The position of `tier` in a `[inherent, current, residual]` array.
pub fn tier_index(tier: Tier) -> usize {
    match tier {
        Tier::Inherent => 0,
        Tier::Current => 1,
        Tier::Residual => 2,
    }
}

/// The tier values (`[inherent, current, residual]`) of every live risk as
/// the history tells it: `Created` starts a risk with no tier scored (again,
/// if its id was used before), `Score` sets one tier, `Deleted` removes the
/// risk. A `Score` for a risk that is not live is ignored.
///
/// When the history is complete, the result equals the tiers of the risks in
/// the register: the consistency check for the append-only history.
pub fn replay(history: &[HistoryEntry]) -> BTreeMap<String, [Option<ScoredTier>; 3]> {
    let mut live: BTreeMap<String, [Option<ScoredTier>; 3]> = BTreeMap::new();
    for entry in history {
        match &entry.change {
            Change::Created { .. } => {
                live.insert(entry.risk_id.clone(), [None, None, None]);
            }
            Change::Deleted { .. } => {
                live.remove(&entry.risk_id);
            }
            Change::Score { tier, new, .. } => {
                if let Some(slot) = live
                    .get_mut(&entry.risk_id)
                    .and_then(|tiers| tiers.get_mut(tier_index(*tier)))
                {
                    *slot = new.clone();
                }
            }
            // Nothing else moves a tier: projections are recorded as `Score`s.
            _ => {}
        }
    }
    live
}
