//! Filtering and sorting the register, fast enough for thousands of risks:
//! sort keys are worked out once per risk, never per comparison.

use super::review::review_due;
use super::{place, Placed};
use crate::date::Date;
use crate::document::{Assessment, Risk, Tier, TreatmentStatus};
use crate::method::ResolvedMethod;
use serde::{Deserialize, Serialize};
use std::cmp::Ordering;
use std::collections::HashMap;

/// Which risks to show, and in what order. Every filter left at its default
/// lets every risk through; set filters must all match.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct RegisterQuery {
    /// Words to find, case-insensitively, in the id, title, scenario,
    /// consequence, owner, existing controls, tags or linked asset names.
    pub text: String,
    /// The tier the level and cell filters look at.
    pub tier: Tier,
    /// Level ids; when not empty, the risk's level in `tier` must be one.
    pub levels: Vec<String>,
    /// The owner, compared case-insensitively; `Some("")` finds risks
    /// without an owner.
    pub owner: Option<String>,
    /// An asset the risk must link.
    pub asset_id: Option<String>,
    /// The treatment status the risk must have.
    pub treatment: Option<TreatmentStatus>,
    /// Only risks whose review is overdue.
    pub overdue_only: bool,
    /// Tags the risk must all carry, compared case-insensitively.
    pub tags: Vec<String>,
    /// The (likelihood, impact) cell of `tier` the risk must sit in.
    pub cell: Option<(u8, u8)>,
    /// What to sort by.
    pub sort: SortKey,
    /// Sort from highest to lowest.
    pub descending: bool,
}

impl Default for RegisterQuery {
    fn default() -> Self {
        Self {
            text: String::new(),
            tier: Tier::Current,
            levels: Vec::new(),
            owner: None,
            asset_id: None,
            treatment: None,
            overdue_only: false,
            tags: Vec::new(),
            cell: None,
            sort: SortKey::Id,
            descending: false,
        }
    }
}

/// What the register is sorted by. Ties keep register order.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum SortKey {
    /// Natural order of ids: `R-2` before `R-10`.
    #[default]
    Id,
    /// Title, case-insensitively.
    Title,
    /// Owner, case-insensitively.
    Owner,
    /// Inherent level, then score; unscored last.
    Inherent,
    /// Current level, then score; unscored last.
    Current,
    /// Residual level, then score; unscored last.
    Residual,
    /// Treatment status in workflow order.
    Treatment,
    /// Review due date; none last.
    ReviewDue,
}

/// Compares ids (or any text) naturally: runs of digits by their value, the
/// rest case-insensitively, so `R-2` < `R-10` and `r-3` < `R-4`. Texts that
/// differ only in case or leading zeros are then ordered by their bytes.
pub fn natural_cmp(a: &str, b: &str) -> Ordering {
    let (mut x, mut y) = (a.as_bytes(), b.as_bytes());
    loop {
        match (x.first(), y.first()) {
            (None, None) => return a.cmp(b),
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (Some(p), Some(q)) if p.is_ascii_digit() && q.is_ascii_digit() => {
                let (nx, rx) = x.split_at(x.iter().take_while(|c| c.is_ascii_digit()).count());
                let (ny, ry) = y.split_at(y.iter().take_while(|c| c.is_ascii_digit()).count());
                let nx = strip_zeros(nx);
                let ny = strip_zeros(ny);
                let order = nx.len().cmp(&ny.len()).then_with(|| nx.cmp(ny));
                if order != Ordering::Equal {
                    return order;
                }
                (x, y) = (rx, ry);
            }
            (Some(p), Some(q)) => {
                let order = p.to_ascii_lowercase().cmp(&q.to_ascii_lowercase());
                if order != Ordering::Equal {
                    return order;
                }
                x = x.get(1..).unwrap_or_default();
                y = y.get(1..).unwrap_or_default();
            }
        }
    }
}

fn strip_zeros(digits: &[u8]) -> &[u8] {
    let zeros = digits.iter().take_while(|&&c| c == b'0').count();
    digits.get(zeros..).unwrap_or_default()
}

/// Orders `Some` values by `order` (reversed when `descending`), `None`
/// always last.
fn none_last<T>(
    a: &Option<T>,
    b: &Option<T>,
    descending: bool,
    order: impl Fn(&T, &T) -> Ordering,
) -> Ordering {
    match (a, b) {
        (Some(a), Some(b)) => directed(order(a, b), descending),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

fn directed(order: Ordering, descending: bool) -> Ordering {
    if descending {
        order.reverse()
    } else {
        order
    }
}

/// Sorts `(index, key)` pairs stably and returns the indices.
fn sorted<K>(keyed: Vec<(usize, K)>, order: impl Fn(&K, &K) -> Ordering) -> Vec<usize> {
    crate::sort::sorted_positions(keyed.len(), &|a, b| order(&keyed[a].1, &keyed[b].1))
        .into_iter()
        .map(|k| keyed[k].0)
        .collect()
}

/// Lower-cased text of a risk for free-text search.
fn matches_text(risk: &Risk, needle: &str, asset_names: &HashMap<&str, String>) -> bool {
    let has = |text: &str| text.to_lowercase().contains(needle);
    has(&risk.id)
        || has(&risk.title)
        || has(&risk.scenario)
        || has(&risk.consequence)
        || has(&risk.owner)
        || has(&risk.existing_controls)
        || risk.tags.iter().any(|t| has(t))
        || risk.asset_ids.iter().any(|id| {
            asset_names
                .get(id.as_str())
                .is_some_and(|n| n.contains(needle))
        })
}

/// The indices into `assessment.risks` of the risks `q` lets through, in
/// `q`'s order. `today` decides which reviews are overdue.
pub fn query(
    assessment: &Assessment,
    method: &ResolvedMethod,
    today: Date,
    q: &RegisterQuery,
) -> Vec<usize> {
    let needle = q.text.trim().to_lowercase();
    let asset_names: HashMap<&str, String> = if needle.is_empty() {
        HashMap::new()
    } else {
        assessment
            .assets
            .iter()
            .map(|a| (a.id.as_str(), a.name.to_lowercase()))
            .collect()
    };
    let owner = q.owner.as_ref().map(|o| o.trim().to_lowercase());
    let tags: Vec<String> = q
        .tags
        .iter()
        .map(|t| t.trim().to_lowercase())
        .filter(|t| !t.is_empty())
        .collect();
    let levels = &method.method().levels;
    let wanted_levels: Vec<usize> = q
        .levels
        .iter()
        .filter_map(|id| levels.iter().position(|l| &l.id == id))
        .collect();
    let keep = |risk: &Risk| -> bool {
        let placed = || place(method, risk.tier(q.tier));
        (needle.is_empty() || matches_text(risk, &needle, &asset_names))
            && (q.levels.is_empty() || placed().is_some_and(|p| wanted_levels.contains(&p.level)))
            && owner
                .as_ref()
                .is_none_or(|o| risk.owner.trim().to_lowercase() == *o)
            && q.asset_id
                .as_ref()
                .is_none_or(|a| risk.asset_ids.iter().any(|id| id == a))
            && q.treatment.is_none_or(|t| risk.treatment == t)
            && (!q.overdue_only || review_due(risk, method).is_some_and(|due| due < today))
            && tags
                .iter()
                .all(|t| risk.tags.iter().any(|rt| rt.trim().to_lowercase() == *t))
            && q.cell
                .is_none_or(|(l, i)| placed().is_some_and(|p| p.likelihood == l && p.impact == i))
    };
    let matched: Vec<(usize, &Risk)> = assessment
        .risks
        .iter()
        .enumerate()
        .filter(|(_, risk)| keep(risk))
        .collect();
    let desc = q.descending;
    let tier_key = |tier: Tier| {
        let keyed = matched
            .iter()
            .map(|&(k, r)| {
                (
                    k,
                    place(method, r.tier(tier)).map(|p: Placed| (p.level, p.score)),
                )
            })
            .collect();
        sorted(keyed, |a, b| none_last(a, b, desc, Ord::cmp))
    };
    match q.sort {
        SortKey::Id => sorted(matched, |a, b| directed(natural_cmp(&a.id, &b.id), desc)),
        SortKey::Title => sorted(
            matched
                .iter()
                .map(|&(k, r)| (k, r.title.to_lowercase()))
                .collect(),
            |a, b| directed(a.cmp(b), desc),
        ),
        SortKey::Owner => sorted(
            matched
                .iter()
                .map(|&(k, r)| (k, r.owner.to_lowercase()))
                .collect(),
            |a, b| directed(a.cmp(b), desc),
        ),
        SortKey::Inherent => tier_key(Tier::Inherent),
        SortKey::Current => tier_key(Tier::Current),
        SortKey::Residual => tier_key(Tier::Residual),
        SortKey::Treatment => sorted(
            matched
                .iter()
                .map(|&(k, r)| {
                    (
                        k,
                        TreatmentStatus::ALL.iter().position(|&t| t == r.treatment),
                    )
                })
                .collect(),
            |a, b| directed(a.cmp(b), desc),
        ),
        SortKey::ReviewDue => sorted(
            matched
                .iter()
                .map(|&(k, r)| (k, review_due(r, method)))
                .collect(),
            |a, b| none_last(a, b, desc, Ord::cmp),
        ),
    }
}
