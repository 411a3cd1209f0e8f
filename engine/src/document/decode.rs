//! Reading an assessment from untrusted JSON, collecting every problem.
//!
//! The structure is read by [`super::read`], which goes on past a bad field
//! or item, so one bad risk does not hide the problems of the others; then
//! [`Assessment::check`] looks at consistency. Every message carries the JSON
//! path of the value at fault.

use super::located::{self, Path};
use super::migrate::migrate;
use super::model::{Assessment, Risk, ScoredTier};
use super::read::FromJson;
use crate::method::{validate_method, ResolvedMethod};
use crate::Diagnostic;
use serde::de::DeserializeOwned;
use serde_json::Value;
use std::collections::HashSet;

/// Decodes a saved document: migration, structure, then consistency.
///
/// Returns the assessment whenever its structure could be read, together
/// with every problem found. Never panics, whatever `value` holds.
pub fn decode(value: Value) -> (Option<Assessment>, Vec<Diagnostic>) {
    let value = match migrate(value) {
        Ok(v) => v,
        Err(problem) => return (None, vec![problem]),
    };
    let mut problems = Vec::new();
    match Assessment::from_json(&value, &Path::Root("$"), &mut problems) {
        Some(assessment) if problems.is_empty() => {
            problems.extend(assessment.check());
            (Some(assessment), problems)
        }
        _ => (None, problems),
    }
}

/// Every problem in `value` as a saved assessment; empty when it is valid.
///
/// ```
/// use riskwright_engine::document::validate_document;
/// let problems = validate_document(&serde_json::json!({"schema_version": 1, "name": 7}));
/// assert!(problems.iter().any(|p| p.path == "$.name"));
/// assert!(problems.iter().any(|p| p.path == "$.method"));
/// ```
pub fn validate_document(value: &Value) -> Vec<Diagnostic> {
    decode(value.clone()).1
}

/// The assessment in `value` if it has no problem at all.
pub fn load_document(value: Value) -> Result<Assessment, Vec<Diagnostic>> {
    match decode(value) {
        (Some(assessment), problems) if problems.is_empty() => Ok(assessment),
        (_, problems) => Err(problems),
    }
}

impl Assessment {
    /// Consistency checks beyond structure: the method, unique ids, links
    /// between risks and assets, threats and vulnerabilities, and scores that
    /// fit the method.
    pub fn check(&self) -> Vec<Diagnostic> {
        let mut problems = Vec::new();
        if self.name.trim().is_empty() {
            problems.push(Diagnostic::new("$.name", "the assessment needs a name"));
        }
        problems.extend(validate_method(&self.method, "$.method"));
        let assets = unique_ids(
            self.assets.iter().map(|a| (&a.id, &a.name)),
            "assets",
            &mut problems,
        );
        let threats = unique_ids(
            self.threats.iter().map(|t| (&t.id, &t.name)),
            "threats",
            &mut problems,
        );
        let vulns = unique_ids(
            self.vulnerabilities.iter().map(|v| (&v.id, &v.name)),
            "vulnerabilities",
            &mut problems,
        );
        unique_ids(
            self.risks.iter().map(|r| (&r.id, &r.title)),
            "risks",
            &mut problems,
        );
        let resolved = ResolvedMethod::new(self.method.clone()).ok();
        if let Some(method) = &resolved {
            for (k, asset) in self.assets.iter().enumerate() {
                let at = format!("$.assets[{k}].valuation");
                check_impacts(&asset.valuation, &at, method, &mut problems);
            }
        }
        problems.extend(crate::catalogue::validate_custom_controls(
            &self.custom_controls,
            "$.custom_controls",
        ));
        let custom: Vec<String> = self
            .custom_controls
            .iter()
            .map(|c| crate::soa::control_key(&c.id))
            .collect();
        let levels: Vec<String> = self.method.levels.iter().map(|l| l.id.clone()).collect();
        for (k, risk) in self.risks.iter().enumerate() {
            let at = format!("$.risks[{k}]");
            check_links(risk, &at, &assets, &threats, &vulns, &mut problems);
            if let Some(method) = &resolved {
                check_tiers(risk, &at, method, &mut problems);
            }
            crate::register::check_risk_treatment(risk, &at, &custom, &levels, &mut problems);
        }
        self.check_soa(&custom, &mut problems);
        self.check_plan(&custom, &mut problems);
        unique_ids(
            self.workshops.iter().map(|w| (&w.id, &w.title)),
            "workshops",
            &mut problems,
        );
        problems
    }

    fn check_soa(&self, custom: &[String], problems: &mut Vec<Diagnostic>) {
        let mut seen = HashSet::new();
        for (k, entry) in self.soa.iter().enumerate() {
            let key = crate::soa::control_key(&entry.control_id);
            let at = format!("$.soa[{k}].control_id");
            if !crate::catalogue::is_annex_a_id(&key) && !custom.contains(&key) {
                problems.push(Diagnostic::new(
                    at,
                    format!("'{}' is neither an Annex A control nor a custom control of this assessment", entry.control_id),
                ));
            } else if !seen.insert(key.clone()) {
                problems.push(Diagnostic::new(
                    at,
                    format!("control {key} has two entries in the Statement of Applicability"),
                ));
            }
        }
    }

    fn check_plan(&self, custom: &[String], problems: &mut Vec<Diagnostic>) {
        unique_ids(
            self.plan.iter().map(|a| (&a.id, &a.title)),
            "plan",
            problems,
        );
        for (k, action) in self.plan.iter().enumerate() {
            let at = format!("$.plan[{k}]");
            let key = crate::soa::control_key(&action.control_id);
            if !key.is_empty() && !crate::catalogue::is_annex_a_id(&key) && !custom.contains(&key) {
                problems.push(Diagnostic::new(
                    format!("{at}.control_id"),
                    format!("'{}' is neither an Annex A control nor a custom control of this assessment", action.control_id),
                ));
            }
            for (n, id) in action.risk_ids.iter().enumerate() {
                if !self.risks.iter().any(|r| &r.id == id) {
                    problems.push(Diagnostic::new(
                        format!("{at}.risk_ids[{n}]"),
                        format!("there is no risk '{id}'"),
                    ));
                }
            }
        }
    }
}

fn check_links(
    risk: &Risk,
    at: &str,
    assets: &HashSet<&str>,
    threats: &HashSet<&str>,
    vulns: &HashSet<&str>,
    problems: &mut Vec<Diagnostic>,
) {
    for (n, id) in risk.asset_ids.iter().enumerate() {
        if !assets.contains(id.as_str()) {
            problems.push(Diagnostic::new(
                format!("{at}.asset_ids[{n}]"),
                format!("there is no asset '{id}'"),
            ));
        }
    }
    let links = [
        ("threat_id", &risk.threat_id, threats, "threat"),
        (
            "vulnerability_id",
            &risk.vulnerability_id,
            vulns,
            "vulnerability",
        ),
    ];
    for (field, id, known, what) in links {
        if let Some(id) = id {
            if !known.contains(id.as_str()) {
                problems.push(Diagnostic::new(
                    format!("{at}.{field}"),
                    format!("there is no {what} '{id}'"),
                ));
            }
        }
    }
}

fn check_tiers(risk: &Risk, at: &str, method: &ResolvedMethod, problems: &mut Vec<Diagnostic>) {
    for tier in super::Tier::ALL {
        let Some(ScoredTier {
            likelihood,
            impacts,
        }) = risk.tier(tier)
        else {
            continue;
        };
        let at = format!("{at}.{}", tier.name());
        // A half-scored tier says which half is missing: 0 is how a form
        // holds a likelihood not chosen yet.
        if *likelihood == 0 {
            problems.push(Diagnostic::new(
                format!("{at}.likelihood"),
                format!(
                    "choose a likelihood: the {} risk has an impact but no likelihood",
                    tier.name()
                ),
            ));
        } else if !(1..=method.likelihood_max()).contains(likelihood) {
            problems.push(Diagnostic::new(
                format!("{at}.likelihood"),
                format!(
                    "likelihood {likelihood} is not a level of this method (1 to {})",
                    method.likelihood_max()
                ),
            ));
        }
        if impacts.is_empty() {
            problems.push(Diagnostic::new(
                format!("{at}.impacts"),
                format!(
                    "choose an impact on at least one dimension: the {} risk has a likelihood but no impact",
                    tier.name()
                ),
            ));
        }
        check_impacts(impacts, &format!("{at}.impacts"), method, problems);
    }
}

/// Per-dimension values on the impact scale: known dimensions, in range.
fn check_impacts(
    impacts: &std::collections::BTreeMap<String, u8>,
    at: &str,
    method: &ResolvedMethod,
    problems: &mut Vec<Diagnostic>,
) {
    for (dimension, impact) in impacts {
        let path = format!("{at}.{dimension}");
        if !method
            .method()
            .dimensions
            .iter()
            .any(|d| &d.id == dimension)
        {
            problems.push(Diagnostic::new(
                path,
                format!("'{dimension}' is not an impact dimension of this method"),
            ));
        } else if !(1..=method.impact_max()).contains(impact) {
            problems.push(Diagnostic::new(
                path,
                format!(
                    "impact {impact} is not a level of this method (1 to {})",
                    method.impact_max()
                ),
            ));
        }
    }
}

/// Reports empty and duplicate ids and empty names; returns the ids seen.
fn unique_ids<'a>(
    entries: impl Iterator<Item = (&'a String, &'a String)>,
    list: &str,
    problems: &mut Vec<Diagnostic>,
) -> HashSet<&'a str> {
    let mut seen = HashSet::new();
    for (k, (id, name)) in entries.enumerate() {
        let at = format!("$.{list}[{k}]");
        if id.trim().is_empty() {
            problems.push(Diagnostic::new(format!("{at}.id"), "the id is empty"));
        } else if !seen.insert(id.as_str()) {
            problems.push(Diagnostic::new(
                format!("{at}.id"),
                format!("the id '{id}' is used twice in {list}"),
            ));
        }
        if name.trim().is_empty() {
            let field = if matches!(list, "risks" | "plan" | "workshops") {
                "title"
            } else {
                "name"
            };
            problems.push(Diagnostic::new(
                format!("{at}.{field}"),
                format!("the {field} is empty"),
            ));
        }
    }
    seen
}

/// Decodes one value as `T` and reports only the first problem, in serde's
/// own words, at the path of the value at fault. For files that are not
/// assessments (questionnaires, custom controls, embedded catalogues, UI state).
pub fn deserialize_value<T: DeserializeOwned>(value: &Value, at: &str) -> Result<T, Diagnostic> {
    located::deserialize::<T>(value, at).map_err(|error| {
        Diagnostic::new(error.path.unwrap_or_else(|| at.to_string()), error.message)
    })
}

/// The JSON type of a value, in words.
pub(crate) fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}
