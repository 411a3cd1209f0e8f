//! Differences between two states of the register: a named snapshot against
//! another, or against the register as it is now.
//!
//! Risks are matched by id. Each side is read with its own method, so a level
//! change caused only by a change of method shows up as a re-scored tier.

use crate::document::{Risk, ScoredTier, Tier};
use crate::method::{Aggregation, Method, ResolvedMethod};
use serde::Serialize;
use std::cmp::Ordering;
use std::collections::BTreeMap;

/// Everything that differs between two registers.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RegisterDiff {
    /// Risks only in the later register.
    pub added: Vec<RiskRef>,
    /// Risks only in the earlier register.
    pub removed: Vec<RiskRef>,
    /// Tiers of risks in both registers whose cell or level differs.
    pub rescored: Vec<TierDiff>,
    /// Risks in both registers whose other fields differ.
    pub edited: Vec<FieldDiff>,
}

/// A risk named by id and title.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RiskRef {
    /// The risk's id.
    pub id: String,
    /// Its title (in the register it is found in).
    pub title: String,
}

/// One tier of one risk whose cell or level differs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TierDiff {
    /// The risk's id.
    pub id: String,
    /// Its title in the later register.
    pub title: String,
    /// Which tier.
    pub tier: Tier,
    /// (likelihood, aggregated impact) before, if scored.
    pub old_cell: Option<(u8, u8)>,
    /// (likelihood, aggregated impact) after, if scored.
    pub new_cell: Option<(u8, u8)>,
    /// Level id before, under the earlier method.
    pub old_level: Option<String>,
    /// Level id after, under the later method.
    pub new_level: Option<String>,
}

/// A risk whose fields other than its tier cells and levels differ.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FieldDiff {
    /// The risk's id.
    pub id: String,
    /// Its title in the later register.
    pub title: String,
    /// Names of the fields that differ, as in the document (`title`,
    /// `scenario`, `consequence`, `asset_ids`, `threat_id`,
    /// `vulnerability_id`, `owner`, `existing_controls`, `treatment`,
    /// `reviewed_on`, `tags`), in that order. A tier name (`inherent`,
    /// `current`, `residual`) is listed when its ratings changed but its cell
    /// and level did not (for example a lower impact on a dimension that does
    /// not decide the aggregated impact).
    pub fields: Vec<String>,
}

/// Compares the register `from` (read with `from_method`) with `to` (read
/// with `to_method`).
///
/// Risks are matched by id; if an id occurs twice on one side, the first
/// occurrence is used and the others are ignored. Cells are (likelihood,
/// aggregated impact) as rated; levels are worked out with each side's own
/// method and are `None` when that method is invalid or the cell is off its
/// scales. Every list is ordered by id, naturally ("R-2" before "R-10"), then
/// by tier.
pub fn diff(from_method: &Method, from: &[Risk], to_method: &Method, to: &[Risk]) -> RegisterDiff {
    let old_resolved = ResolvedMethod::new(from_method.clone()).ok();
    let new_resolved = ResolvedMethod::new(to_method.clone()).ok();
    let old_by_id = by_id(from);
    let new_by_id = by_id(to);
    let mut result = RegisterDiff::default();

    for (id, old) in &old_by_id {
        if !new_by_id.contains_key(id) {
            result.removed.push(RiskRef {
                id: old.id.clone(),
                title: old.title.clone(),
            });
        }
    }
    for (id, new) in &new_by_id {
        let Some(old) = old_by_id.get(id) else {
            result.added.push(RiskRef {
                id: new.id.clone(),
                title: new.title.clone(),
            });
            continue;
        };
        let mut fields = changed_fields(old, new);
        for tier in Tier::ALL {
            let (old_tier, new_tier) = (old.tier(tier), new.tier(tier));
            let old_cell = old_tier.and_then(|t| cell(from_method, t));
            let new_cell = new_tier.and_then(|t| cell(to_method, t));
            let old_level = level_id(old_resolved.as_ref(), old_cell);
            let new_level = level_id(new_resolved.as_ref(), new_cell);
            if old_cell != new_cell || old_level != new_level {
                result.rescored.push(TierDiff {
                    id: new.id.clone(),
                    title: new.title.clone(),
                    tier,
                    old_cell,
                    new_cell,
                    old_level,
                    new_level,
                });
            } else if old_tier != new_tier {
                fields.push(tier.name().to_string());
            }
        }
        if !fields.is_empty() {
            result.edited.push(FieldDiff {
                id: new.id.clone(),
                title: new.title.clone(),
                fields,
            });
        }
    }

    crate::sort::sort_by(&mut result.added, |a, b| natural_cmp(&a.id, &b.id));
    crate::sort::sort_by(&mut result.removed, |a, b| natural_cmp(&a.id, &b.id));
    crate::sort::sort_by(&mut result.rescored, |a, b| {
        natural_cmp(&a.id, &b.id).then(tier_rank(a.tier).cmp(&tier_rank(b.tier)))
    });
    crate::sort::sort_by(&mut result.edited, |a, b| natural_cmp(&a.id, &b.id));
    result
}

/// The first risk with each id.
fn by_id(risks: &[Risk]) -> BTreeMap<&str, &Risk> {
    let mut map = BTreeMap::new();
    for risk in risks {
        map.entry(risk.id.as_str()).or_insert(risk);
    }
    map
}

fn tier_rank(tier: Tier) -> usize {
    Tier::ALL.iter().position(|&t| t == tier).unwrap_or(0)
}

/// Names of the non-tier fields that differ, in document order.
fn changed_fields(old: &Risk, new: &Risk) -> Vec<String> {
    let checks = [
        ("title", old.title != new.title),
        ("scenario", old.scenario != new.scenario),
        ("consequence", old.consequence != new.consequence),
        ("asset_ids", old.asset_ids != new.asset_ids),
        ("threat_id", old.threat_id != new.threat_id),
        (
            "vulnerability_id",
            old.vulnerability_id != new.vulnerability_id,
        ),
        ("owner", old.owner != new.owner),
        (
            "existing_controls",
            old.existing_controls != new.existing_controls,
        ),
        ("treatment", old.treatment != new.treatment),
        ("reviewed_on", old.reviewed_on != new.reviewed_on),
        ("tags", old.tags != new.tags),
    ];
    checks
        .iter()
        .filter(|(_, changed)| *changed)
        .map(|(name, _)| (*name).to_string())
        .collect()
}

/// The level id of `cell` under `method`, if the method is valid and the cell
/// is on its scales.
pub(crate) fn level_id(method: Option<&ResolvedMethod>, cell: Option<(u8, u8)>) -> Option<String> {
    let method = method?;
    let (l, i) = cell?;
    if l > method.likelihood_max() || i > method.impact_max() {
        return None;
    }
    let index = method.level_index_at(l, i)?;
    Some(method.level(index)?.id.clone())
}

/// The cell of a rated tier: (likelihood, impact aggregated over the method's
/// dimensions by its aggregation). `None` when no dimension of the method is
/// rated. Works on any method, valid or not; the numbers are not checked
/// against the scales.
pub(crate) fn cell(method: &Method, tier: &ScoredTier) -> Option<(u8, u8)> {
    let known = method
        .dimensions
        .iter()
        .filter_map(|d| tier.impacts.get(&d.id).copied());
    let impact = match method.aggregation {
        Aggregation::Max => known.max(),
        Aggregation::Mean => {
            let (sum, count) = known.fold((0u32, 0u32), |(s, c), v| (s + u32::from(v), c + 1));
            // Rounded half up, as ResolvedMethod::aggregate_impact does.
            (count > 0).then(|| u8::try_from((2 * sum + count) / (2 * count)).unwrap_or(u8::MAX))
        }
    }?;
    Some((tier.likelihood, impact))
}

/// Compares ids naturally: runs of digits by their value, everything else
/// character by character, so "R-2" comes before "R-10".
pub fn natural_cmp(a: &str, b: &str) -> Ordering {
    let (mut a, mut b) = (a, b);
    loop {
        match (a.chars().next(), b.chars().next()) {
            (None, None) => return Ordering::Equal,
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (Some(x), Some(y)) if x.is_ascii_digit() && y.is_ascii_digit() => {
                let (da, ra) = split_digits(a);
                let (db, rb) = split_digits(b);
                let (ta, tb) = (da.trim_start_matches('0'), db.trim_start_matches('0'));
                let order = ta
                    .len()
                    .cmp(&tb.len())
                    .then_with(|| ta.cmp(tb))
                    .then_with(|| da.len().cmp(&db.len()));
                if order != Ordering::Equal {
                    return order;
                }
                (a, b) = (ra, rb);
            }
            (Some(x), Some(y)) => {
                if x != y {
                    return x.cmp(&y);
                }
                (a, b) = (
                    a.get(x.len_utf8()..).unwrap_or_default(),
                    b.get(y.len_utf8()..).unwrap_or_default(),
                );
            }
        }
    }
}

/// Splits the leading ASCII digits off `text`.
fn split_digits(text: &str) -> (&str, &str) {
    let end = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    text.split_at(end)
}
