//! The catalogues the engine ships: ISO/IEC 27001:2022 Annex A with its
//! ISO/IEC 27002:2022 attributes, the 2013 → 2022 correspondence, starter
//! threats and vulnerabilities, and their mappings to controls.
//!
//! The data lives in JSON files under `engine/data/catalogue/`, embedded
//! with `include_str!` and parsed once on first use. Guidance, evidence
//! examples, threats and vulnerabilities are written in our own words; ids,
//! titles and attributes follow the published standards.
//!
//! ```
//! use riskwright_engine::catalogue::{annex_a, control, controls_for_threat, ControlType};
//!
//! assert_eq!(annex_a().len(), 93);
//! let backup = control("A.8.13").unwrap();
//! assert_eq!(backup.title, "Information backup");
//! assert_eq!(backup.control_types, vec![ControlType::Corrective]);
//! let ransomware = controls_for_threat("T02").unwrap();
//! assert!(ransomware.iter().any(|c| c.id == "8.13"));
//! ```

pub mod annex_a;
pub mod attributes;
pub mod control;
pub mod correspondence;
pub mod custom;
pub mod mapping;
mod names;
pub mod threats;
pub mod vulnerabilities;

pub use annex_a::{annex_a, control, controls_in_theme, normalise_control_id, ANNEX_A_COUNT};
pub use attributes::{
    AttributeSet, ControlType, CybersecurityConcept, OperationalCapability, SecurityDomain,
    SecurityProperty, Theme,
};
pub use control::{Control, ANNEX_A_SOURCE};
pub use correspondence::{
    controls_from_2013, correspondence_2013, ids_2013, sources_2013, Correspondence,
    ANNEX_A_2013_COUNT,
};
pub use custom::{parse_custom_control, validate_custom_control, validate_custom_controls};
pub use mapping::{
    controls_for_asset_type, controls_for_threat, controls_for_vulnerability, threats_for_control,
    vulnerabilities_for_control, AssetType,
};
pub use names::{
    annex_a_acts_through, annex_a_label, annex_a_names_only, annex_a_title, is_annex_a_id,
    ANNEX_A_NAMES,
};
pub use threats::{threat, threats, Threat, ThreatCategory, ThreatOrigin};
pub use vulnerabilities::{vulnerabilities, vulnerability, Vulnerability, VulnerabilityCategory};

use crate::Diagnostic;
use serde::de::DeserializeOwned;
use std::collections::{BTreeMap, BTreeSet};

/// Parses one embedded data file; errors are located under `$.<name>`.
/// It goes through a JSON value and the located deserializer
/// (`document::deserialize_value`), so errors name their path.
fn parse_embedded<T: DeserializeOwned>(name: &str, json: &str) -> Result<T, Diagnostic> {
    let root = format!("$.{name}");
    let value: serde_json::Value =
        serde_json::from_str(json).map_err(|e| Diagnostic::new(root.as_str(), e.to_string()))?;
    crate::document::deserialize_value(&value, &root)
}

/// The parsed list, or an empty one if the embedded file is broken (which
/// the tests rule out; [`embedded_data_problems`] reports it).
fn embedded<T>(loaded: &'static Result<Vec<T>, Diagnostic>) -> &'static [T] {
    match loaded {
        Ok(items) => items,
        Err(_) => &[],
    }
}

fn embedded_map<K, V>(
    loaded: &'static Result<BTreeMap<K, V>, Diagnostic>,
) -> Option<&'static BTreeMap<K, V>> {
    loaded.as_ref().ok()
}

/// Checks the embedded catalogues for consistency and returns every problem
/// (none when the data is sound, which the test suite enforces): parse
/// errors, duplicate or missing ids, mappings to unknown controls, threats
/// without properties or with fewer than two controls, vulnerabilities
/// without controls, asset types without a mapping.
pub fn embedded_data_problems() -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    for result in [
        annex_a::loaded().as_ref().err(),
        correspondence::loaded().as_ref().err(),
        threats::loaded().as_ref().err(),
        vulnerabilities::loaded().as_ref().err(),
        mapping::loaded().as_ref().err(),
    ]
    .into_iter()
    .flatten()
    {
        problems.push(result.clone());
    }

    let controls = annex_a();
    if controls.len() != ANNEX_A_COUNT {
        problems.push(Diagnostic::new(
            "$.annex_a",
            format!("has {} controls, expected {ANNEX_A_COUNT}", controls.len()),
        ));
    }
    let mut ids = BTreeSet::new();
    for (i, c) in controls.iter().enumerate() {
        if !ids.insert(c.id.as_str()) {
            problems.push(Diagnostic::new(
                format!("$.annex_a[{i}].id"),
                "duplicate id",
            ));
        }
        if c.guidance.trim().is_empty() {
            problems.push(Diagnostic::new(
                format!("$.annex_a[{i}].guidance"),
                "is empty",
            ));
        }
        if c.evidence.is_empty() || c.evidence.iter().any(|e| e.trim().is_empty()) {
            problems.push(Diagnostic::new(
                format!("$.annex_a[{i}].evidence"),
                "needs non-empty evidence examples",
            ));
        }
    }

    let correspondence = correspondence_2013();
    let corr_ids: Vec<&str> = correspondence.iter().map(|c| c.id.as_str()).collect();
    let annex_ids: Vec<&str> = controls.iter().map(|c| c.id.as_str()).collect();
    if corr_ids != annex_ids {
        problems.push(Diagnostic::new(
            "$.correspondence_2013",
            "must list every Annex A control once, in order",
        ));
    }

    let check_refs =
        |list: &str, i: usize, refs: &[String], min: usize, problems: &mut Vec<Diagnostic>| {
            if refs.len() < min {
                problems.push(Diagnostic::new(
                    format!("$.{list}[{i}].controls"),
                    format!("needs at least {min} control(s)"),
                ));
            }
            for (k, id) in refs.iter().enumerate() {
                if !ids.contains(id.as_str()) {
                    problems.push(Diagnostic::new(
                        format!("$.{list}[{i}].controls[{k}]"),
                        format!("`{id}` is not an Annex A control"),
                    ));
                } else if refs[..k].contains(id) {
                    problems.push(Diagnostic::new(
                        format!("$.{list}[{i}].controls[{k}]"),
                        format!("repeats `{id}`"),
                    ));
                }
            }
        };

    let mut seen = BTreeSet::new();
    for (i, t) in threats().iter().enumerate() {
        if !seen.insert(t.id.as_str()) {
            problems.push(Diagnostic::new(
                format!("$.threats[{i}].id"),
                "duplicate id",
            ));
        }
        if t.properties.is_empty() {
            problems.push(Diagnostic::new(
                format!("$.threats[{i}].properties"),
                "needs at least one security property",
            ));
        }
        check_refs("threats", i, &t.controls, 2, &mut problems);
    }
    let mut seen = BTreeSet::new();
    for (i, v) in vulnerabilities().iter().enumerate() {
        if !seen.insert(v.id.as_str()) {
            problems.push(Diagnostic::new(
                format!("$.vulnerabilities[{i}].id"),
                "duplicate id",
            ));
        }
        check_refs("vulnerabilities", i, &v.controls, 1, &mut problems);
    }

    if let Some(map) = embedded_map(mapping::loaded()) {
        for asset_type in AssetType::ALL {
            match map.get(asset_type) {
                None => problems.push(Diagnostic::new(
                    format!("$.asset_types.{}", asset_type.as_str()),
                    "has no mapping",
                )),
                Some(refs) => {
                    for id in refs {
                        if !ids.contains(id.as_str()) {
                            problems.push(Diagnostic::new(
                                format!("$.asset_types.{}", asset_type.as_str()),
                                format!("`{id}` is not an Annex A control"),
                            ));
                        }
                    }
                }
            }
        }
    }
    problems
}
