//! The control type shared by Annex A and user-defined controls.

use super::attributes::{
    AttributeSet, ControlType, CybersecurityConcept, OperationalCapability, SecurityDomain,
    SecurityProperty, Theme,
};
use serde::{Deserialize, Serialize};

/// The `source` of every Annex A control; custom controls must use another.
pub const ANNEX_A_SOURCE: &str = "ISO/IEC 27001:2022 Annex A";

/// One control: an Annex A control or one the user adds (from another
/// framework, a regulation or an internal standard).
///
/// Only `id`, `title`, `source` and `theme` are required in JSON; the lists
/// default to empty, so [`validate_custom_control`](super::custom::validate_custom_control)
/// can say what is missing rather than failing to parse.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Control {
    /// Identifier, e.g. `"5.1"` for Annex A or `"NIST-AC-2"` for a custom control.
    pub id: String,
    /// Short title.
    pub title: String,
    /// Where the control comes from: [`ANNEX_A_SOURCE`] or the name of a
    /// framework, regulation or internal standard.
    pub source: String,
    /// The 27002 theme the control fits best.
    pub theme: Theme,
    /// Whether the control first appeared in the 2022 edition (Annex A only).
    #[serde(default)]
    pub new_in_2022: bool,
    /// Preventive, detective and/or corrective.
    #[serde(default)]
    pub control_types: Vec<ControlType>,
    /// Confidentiality, integrity and/or availability.
    #[serde(default)]
    pub security_properties: Vec<SecurityProperty>,
    /// Identify, protect, detect, respond and/or recover.
    #[serde(default)]
    pub cybersecurity_concepts: Vec<CybersecurityConcept>,
    /// Operational capabilities.
    #[serde(default)]
    pub operational_capabilities: Vec<OperationalCapability>,
    /// Security domains.
    #[serde(default)]
    pub security_domains: Vec<SecurityDomain>,
    /// Practical implementation guidance, in a sentence or two.
    #[serde(default)]
    pub guidance: String,
    /// Examples of evidence an auditor could be shown.
    #[serde(default)]
    pub evidence: Vec<String>,
    /// Free user-defined attributes (e.g. a regulation the control serves);
    /// 27002 allows organisations to add their own.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
}

impl Control {
    /// A custom control with no attributes yet; fill them in, then run
    /// [`validate_custom_control`](super::custom::validate_custom_control).
    pub fn custom(
        id: impl Into<String>,
        title: impl Into<String>,
        source: impl Into<String>,
        theme: Theme,
    ) -> Self {
        Self {
            id: id.into(),
            title: title.into(),
            source: source.into(),
            theme,
            new_in_2022: false,
            control_types: Vec::new(),
            security_properties: Vec::new(),
            cybersecurity_concepts: Vec::new(),
            operational_capabilities: Vec::new(),
            security_domains: Vec::new(),
            guidance: String::new(),
            evidence: Vec::new(),
            tags: Vec::new(),
        }
    }

    /// Whether this is an Annex A control (by its source).
    pub fn is_annex_a(&self) -> bool {
        self.source == ANNEX_A_SOURCE
    }

    /// The five attribute sets, copied out.
    pub fn attributes(&self) -> AttributeSet {
        AttributeSet {
            control_types: self.control_types.clone(),
            security_properties: self.security_properties.clone(),
            cybersecurity_concepts: self.cybersecurity_concepts.clone(),
            operational_capabilities: self.operational_capabilities.clone(),
            security_domains: self.security_domains.clone(),
        }
    }
}
