//! The 93 controls of ISO/IEC 27001:2022 Annex A, with their 27002
//! attributes and our own guidance and evidence examples.
//!
//! Data: `engine/data/catalogue/annex_a.json`.

use super::attributes::{
    ControlType, CybersecurityConcept, OperationalCapability, SecurityDomain, SecurityProperty,
    Theme,
};
use super::control::{Control, ANNEX_A_SOURCE};
use super::names::ANNEX_A_NAMES;
use super::{embedded, parse_embedded};
use crate::Diagnostic;
use serde::Deserialize;
use std::sync::OnceLock;

/// How many controls Annex A has.
pub const ANNEX_A_COUNT: usize = 93;

/// One row of `annex_a.json`: a control without its (implied) source.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Row {
    id: String,
    theme: Theme,
    new_in_2022: bool,
    control_types: Vec<ControlType>,
    security_properties: Vec<SecurityProperty>,
    cybersecurity_concepts: Vec<CybersecurityConcept>,
    operational_capabilities: Vec<OperationalCapability>,
    security_domains: Vec<SecurityDomain>,
    guidance: String,
    evidence: Vec<String>,
}

impl Row {
    /// The control of this row, with its title from [`ANNEX_A_NAMES`].
    fn into_control(self, title: &str) -> Control {
        Control {
            id: self.id,
            title: title.to_string(),
            source: ANNEX_A_SOURCE.to_string(),
            theme: self.theme,
            new_in_2022: self.new_in_2022,
            control_types: self.control_types,
            security_properties: self.security_properties,
            cybersecurity_concepts: self.cybersecurity_concepts,
            operational_capabilities: self.operational_capabilities,
            security_domains: self.security_domains,
            guidance: self.guidance,
            evidence: self.evidence,
            tags: Vec::new(),
        }
    }
}

pub(super) fn loaded() -> &'static Result<Vec<Control>, Diagnostic> {
    static DATA: OnceLock<Result<Vec<Control>, Diagnostic>> = OnceLock::new();
    DATA.get_or_init(|| {
        let rows = parse_embedded::<Vec<Row>>(
            "annex_a",
            include_str!("../../data/catalogue/annex_a.json"),
        )?;
        // The titles come from the list of names, row by row in the same order.
        if rows.len() != ANNEX_A_NAMES.len() {
            return Err(Diagnostic::new(
                "$.annex_a",
                format!(
                    "has {} controls, expected {}",
                    rows.len(),
                    ANNEX_A_NAMES.len()
                ),
            ));
        }
        rows.into_iter()
            .zip(ANNEX_A_NAMES)
            .enumerate()
            .map(|(k, (row, (id, title, _)))| {
                if row.id == id {
                    Ok(row.into_control(title))
                } else {
                    Err(Diagnostic::new(
                        format!("$.annex_a[{k}].id"),
                        format!("is '{}' where Annex A has {id}", row.id),
                    ))
                }
            })
            .collect()
    })
}

/// All 93 Annex A controls, in order (5.1 … 8.34).
///
/// The data is embedded and checked by the test suite; should it ever fail
/// to parse, this returns an empty list and [`embedded_data_problems`]
/// says why, rather than panicking.
///
/// [`embedded_data_problems`]: super::embedded_data_problems
pub fn annex_a() -> &'static [Control] {
    embedded(loaded())
}

/// An Annex A id without decoration: trims spaces and an `A.` prefix, so
/// `"A.5.1"` and `" 5.1 "` both give `"5.1"`.
pub fn normalise_control_id(id: &str) -> &str {
    let id = id.trim();
    id.strip_prefix("A.")
        .or_else(|| id.strip_prefix("a."))
        .unwrap_or(id)
}

/// The Annex A control with this id (`"5.1"`; `"A.5.1"` is accepted too).
pub fn control(id: &str) -> Option<&'static Control> {
    let id = normalise_control_id(id);
    annex_a().iter().find(|c| c.id == id)
}

/// The Annex A controls of one theme, in order.
pub fn controls_in_theme(theme: Theme) -> impl Iterator<Item = &'static Control> {
    annex_a().iter().filter(move |c| c.theme == theme)
}
