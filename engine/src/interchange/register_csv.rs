//! The risk register as a CSV file, one row per risk with every field.

use super::csv::{neutralise, write_record, BOM};
use crate::document::{Assessment, Risk, Tier};
use crate::method::{Aggregation, Method, ResolvedMethod};
use std::collections::{BTreeMap, HashMap};

/// The header of the fixed columns, in order.
pub const FIXED_HEADERS: [&str; 13] = [
    "ID",
    "Title",
    "Scenario",
    "Consequence",
    "Assets",
    "Asset IDs",
    "Threat",
    "Vulnerability",
    "Risk owner",
    "Existing controls",
    "Treatment",
    "Reviewed on",
    "Tags",
];

/// The name of a tier in column headers ("Inherent").
pub fn tier_label(tier: Tier) -> &'static str {
    match tier {
        Tier::Inherent => "Inherent",
        Tier::Current => "Current",
        Tier::Residual => "Residual",
    }
}

/// Every header of [`register_csv`] for `method`, in order: the fixed
/// columns, then per tier its likelihood, one impact per dimension, the
/// aggregated impact, the score and the level.
pub fn register_headers(method: &Method) -> Vec<String> {
    let mut headers: Vec<String> = FIXED_HEADERS.iter().map(|h| h.to_string()).collect();
    for tier in Tier::ALL {
        let t = tier_label(tier);
        headers.push(format!("{t} likelihood"));
        for d in &method.dimensions {
            headers.push(format!("{t} impact: {}", d.label));
        }
        headers.push(format!("{t} impact"));
        headers.push(format!("{t} score"));
        headers.push(format!("{t} level"));
    }
    headers
}

/// The register as CSV text (RFC 4180, UTF-8 with BOM, CRLF): one row per
/// risk with every field, user text neutralised against formula injection
/// (see [`neutralise`]). Lists (assets, tags) are joined with `"; "`.
/// Unscored tiers leave their cells empty; so do scores and levels when the
/// method is invalid. Never panics.
///
/// ```
/// use riskwright_engine::document::Assessment;
/// use riskwright_engine::interchange::register_csv;
/// let csv = register_csv(&Assessment::new("Demo"));
/// assert!(csv.starts_with("\u{feff}ID,Title,"));
/// ```
pub fn register_csv(assessment: &Assessment) -> String {
    let method = &assessment.method;
    let resolved = ResolvedMethod::new(method.clone()).ok();
    let assets: HashMap<&str, &str> = assessment
        .assets
        .iter()
        .map(|a| (a.id.as_str(), a.name.as_str()))
        .collect();
    let threats: HashMap<&str, &str> = assessment
        .threats
        .iter()
        .map(|t| (t.id.as_str(), t.name.as_str()))
        .collect();
    let vulns: HashMap<&str, &str> = assessment
        .vulnerabilities
        .iter()
        .map(|v| (v.id.as_str(), v.name.as_str()))
        .collect();
    let mut out = String::new();
    out.push(BOM);
    write_record(&mut out, &register_headers(method));
    let mut row: Vec<String> = Vec::new();
    for risk in &assessment.risks {
        row.clear();
        let text = |s: &str| neutralise(s).into_owned();
        let name_of = |names: &HashMap<&str, &str>, id: &Option<String>| -> String {
            id.as_deref()
                .map(|id| text(names.get(id).copied().unwrap_or(id)))
                .unwrap_or_default()
        };
        let asset_names: Vec<&str> = risk
            .asset_ids
            .iter()
            .map(|id| assets.get(id.as_str()).copied().unwrap_or(id.as_str()))
            .collect();
        row.extend([
            text(&risk.id),
            text(&risk.title),
            text(&risk.scenario),
            text(&risk.consequence),
            text(&asset_names.join("; ")),
            text(&risk.asset_ids.join("; ")),
            name_of(&threats, &risk.threat_id),
            name_of(&vulns, &risk.vulnerability_id),
            text(&risk.owner),
            text(&risk.existing_controls),
            risk.treatment.label().to_string(),
            risk.reviewed_on.map(|d| d.to_string()).unwrap_or_default(),
            text(&risk.tags.join("; ")),
        ]);
        for tier in Tier::ALL {
            tier_cells(&mut row, risk, tier, method, resolved.as_ref());
        }
        write_record(&mut out, &row);
    }
    out
}

/// Appends one tier's cells: likelihood, per-dimension impacts, aggregated
/// impact, score, level label.
fn tier_cells(
    row: &mut Vec<String>,
    risk: &Risk,
    tier: Tier,
    method: &Method,
    resolved: Option<&ResolvedMethod>,
) {
    let Some(scored) = risk.tier(tier) else {
        row.extend(std::iter::repeat_n(
            String::new(),
            method.dimensions.len() + 4,
        ));
        return;
    };
    row.push(scored.likelihood.to_string());
    for d in &method.dimensions {
        row.push(
            scored
                .impacts
                .get(&d.id)
                .map(u8::to_string)
                .unwrap_or_default(),
        );
    }
    let impact = aggregate(method, &scored.impacts);
    row.push(impact.map(|i| i.to_string()).unwrap_or_default());
    let score = resolved.zip(impact).and_then(|(m, impact)| {
        let s = m
            .score(i64::from(scored.likelihood), i64::from(impact))
            .ok()?;
        Some((s.score, m.level(s.level)?.label.clone()))
    });
    match score {
        Some((score, label)) => {
            row.push(score.to_string());
            row.push(neutralise(&label).into_owned());
        }
        None => row.extend([String::new(), String::new()]),
    }
}

/// The aggregated impact by the method's rule, computed without a resolved
/// method so that it is shown even while the method is being fixed.
fn aggregate(method: &Method, impacts: &BTreeMap<String, u8>) -> Option<u8> {
    let known = method
        .dimensions
        .iter()
        .filter_map(|d| impacts.get(&d.id).copied());
    match method.aggregation {
        Aggregation::Max => known.max(),
        Aggregation::Mean => {
            let (sum, count) = known.fold((0u32, 0u32), |(s, c), v| (s + u32::from(v), c + 1));
            (count > 0).then(|| ((2 * sum + count) / (2 * count)).min(255) as u8)
        }
    }
}
