//! Workshops on a shared screen: group estimates of likelihood and impact,
//! their spread, the agreed value applied to a tier, and the record of a
//! workshop kept with the assessment.
//!
//! ## Votes and the agreed impact
//!
//! Participants estimate one likelihood and one overall impact per risk,
//! the way a room talks ("likely, major"). The agreed impact is then written
//! onto the tier's dimensions by [`with_overall_impact`] so that the tier's
//! aggregated impact is exactly the agreed one: under the maximum rule,
//! dimensions above it come down to it and, if none reaches it, the highest
//! rated ones go up to it (the profile of C, I and A is kept); under the
//! mean rule every rated dimension takes the agreed value.
//!
//! ```
//! use riskwright_engine::workshop::{spread, Vote};
//! let votes = [(3, 4), (4, 4), (2, 5)].map(|(l, i)| Vote { participant: String::new(), likelihood: l, impact: i });
//! let s = spread(&votes, 5, 5);
//! assert_eq!((s.likelihood.min, s.likelihood.max, s.likelihood.median_text()), (2, 4, "3".to_string()));
//! assert!(s.likelihood.disagreement); // 2 and 4 are more than one level apart
//! assert!(!s.impact.disagreement);
//! ```

mod record;

pub use record::{WorkshopItem, WorkshopRecord};

use crate::document::ScoredTier;
use crate::method::{Aggregation, ResolvedMethod};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One participant's estimate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Vote {
    /// The participant's name; empty for an anonymous, numbered vote.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub participant: String,
    /// Likelihood level, 1-based.
    pub likelihood: u8,
    /// Overall impact level, 1-based.
    pub impact: u8,
}

/// How the history and a tier's override name an estimate made in a
/// workshop: "agreed in a workshop" when the room voted, "scored in a
/// workshop" when the facilitator set it with a key.
///
/// ```
/// use riskwright_engine::workshop::{estimate_origin, Vote};
/// assert_eq!(estimate_origin(&[]), "scored in a workshop");
/// let vote = Vote { participant: String::new(), likelihood: 3, impact: 4 };
/// assert_eq!(estimate_origin(&[vote]), "agreed in a workshop");
/// ```
pub fn estimate_origin(votes: &[Vote]) -> &'static str {
    if votes.is_empty() {
        "scored in a workshop"
    } else {
        "agreed in a workshop"
    }
}

/// The spread of the votes on one axis.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AxisSpread {
    /// The lowest vote; 0 with no votes.
    pub min: u8,
    /// The highest vote; 0 with no votes.
    pub max: u8,
    /// Twice the median, so a median between two levels stays exact.
    pub median_doubled: u16,
    /// Votes per level: index 0 is level 1.
    pub histogram: Vec<usize>,
    /// The votes lie more than one level apart: worth discussing.
    pub disagreement: bool,
}

impl AxisSpread {
    /// The median as people read it: "3" or "3.5".
    pub fn median_text(&self) -> String {
        let whole = self.median_doubled / 2;
        if self.median_doubled % 2 == 0 {
            whole.to_string()
        } else {
            format!("{whole}.5")
        }
    }

    /// The median rounded up to a level: the value to propose as agreed
    /// (between two levels, the more cautious one).
    pub fn median_level(&self) -> u8 {
        u8::try_from(self.median_doubled.div_ceil(2)).unwrap_or(u8::MAX)
    }
}

/// The spread of a set of votes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spread {
    /// How many votes count (those within the scales).
    pub count: usize,
    /// Votes outside the scales, which are left out.
    pub ignored: usize,
    /// Likelihood.
    pub likelihood: AxisSpread,
    /// Overall impact.
    pub impact: AxisSpread,
}

fn axis(values: &mut [u8], levels: u8) -> AxisSpread {
    values.sort_unstable();
    let mut histogram = vec![0; usize::from(levels)];
    for &v in values.iter() {
        if let Some(slot) = histogram.get_mut(usize::from(v) - 1) {
            *slot += 1;
        }
    }
    let n = values.len();
    let median_doubled = match n {
        0 => 0,
        _ if n % 2 == 1 => values.get(n / 2).map_or(0, |&v| u16::from(v) * 2),
        _ => {
            let lo = values.get(n / 2 - 1).copied().unwrap_or(0);
            let hi = values.get(n / 2).copied().unwrap_or(0);
            u16::from(lo) + u16::from(hi)
        }
    };
    let min = values.first().copied().unwrap_or(0);
    let max = values.last().copied().unwrap_or(0);
    AxisSpread {
        min,
        max,
        median_doubled,
        histogram,
        disagreement: max.saturating_sub(min) > 1,
    }
}

/// The spread of `votes` on scales of `likelihood_levels` and
/// `impact_levels`. A vote off either scale is counted in `ignored` only.
pub fn spread(votes: &[Vote], likelihood_levels: u8, impact_levels: u8) -> Spread {
    let valid: Vec<&Vote> = votes
        .iter()
        .filter(|v| {
            (1..=likelihood_levels).contains(&v.likelihood)
                && (1..=impact_levels).contains(&v.impact)
        })
        .collect();
    let mut l: Vec<u8> = valid.iter().map(|v| v.likelihood).collect();
    let mut i: Vec<u8> = valid.iter().map(|v| v.impact).collect();
    Spread {
        count: valid.len(),
        ignored: votes.len() - valid.len(),
        likelihood: axis(&mut l, likelihood_levels),
        impact: axis(&mut i, impact_levels),
    }
}

/// `tier` (or an unscored one) with `likelihood` and the overall impact
/// `impact` written onto its dimensions as the module docs describe. With no
/// dimension rated yet, every dimension of the method is rated `impact`.
pub fn with_overall_impact(
    method: &ResolvedMethod,
    tier: Option<&ScoredTier>,
    likelihood: u8,
    impact: u8,
) -> ScoredTier {
    let known: Vec<&str> = method
        .method()
        .dimensions
        .iter()
        .map(|d| d.id.as_str())
        .collect();
    let mut impacts: BTreeMap<String, u8> = tier
        .map(|t| {
            t.impacts
                .iter()
                .filter(|(d, _)| known.contains(&d.as_str()))
                .map(|(d, &v)| (d.clone(), v))
                .collect()
        })
        .unwrap_or_default();
    if impacts.is_empty() {
        for d in &known {
            impacts.insert((*d).to_string(), impact);
        }
    } else {
        match method.method().aggregation {
            Aggregation::Max => {
                let top = impacts.values().copied().max().unwrap_or(impact);
                for v in impacts.values_mut() {
                    if *v > impact || (top < impact && *v == top) {
                        *v = impact;
                    }
                }
            }
            Aggregation::Mean => {
                for v in impacts.values_mut() {
                    *v = impact;
                }
            }
        }
    }
    ScoredTier {
        likelihood,
        impacts,
    }
}
