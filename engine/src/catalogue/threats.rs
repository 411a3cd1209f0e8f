//! Starter threats: common causes of unwanted incidents, in our own words.
//!
//! Data: `engine/data/catalogue/threats.json`. Each threat lists the Annex A
//! controls most relevant to it (at least two).

use super::attributes::SecurityProperty;
use super::{embedded, parse_embedded};
use crate::Diagnostic;
use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

/// Where a threat comes from (the classic ISO/IEC 27005 D/A/E split).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ThreatOrigin {
    /// Someone means to cause harm.
    Deliberate,
    /// A mistake or failure nobody intended.
    Accidental,
    /// A natural or environmental event.
    Environmental,
}

/// What kind of threat it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ThreatCategory {
    /// Theft, break-in, loss of physical items.
    Physical,
    /// Fire, flood, weather and other natural events.
    Environmental,
    /// Loss of power, cooling or telecoms.
    InfrastructureFailure,
    /// Failure of hardware or software.
    TechnicalFailure,
    /// Mistakes by staff or administrators.
    HumanError,
    /// Viruses, ransomware and other malicious software.
    MaliciousCode,
    /// Deceiving people: phishing, pretexting, fraud.
    SocialEngineering,
    /// Attacks on systems, networks and applications.
    TechnicalAttack,
    /// Access or use beyond what is authorised.
    UnauthorisedAccess,
    /// Leaks, disclosure and tampering with information.
    InformationCompromise,
    /// Events at or through suppliers.
    Supplier,
    /// Breaches of law, regulation or contract.
    Legal,
    /// Loss of staff or organisational capability.
    Organisational,
}

/// A potential cause of an unwanted incident.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Threat {
    /// Stable id, `"T01"` onwards.
    pub id: String,
    /// Short name.
    pub name: String,
    /// What happens, in a sentence or two.
    pub description: String,
    /// The security properties it can harm (at least one).
    pub properties: Vec<SecurityProperty>,
    /// Deliberate, accidental or environmental.
    pub origin: ThreatOrigin,
    /// What kind of threat it is.
    pub category: ThreatCategory,
    /// Ids of the most relevant Annex A controls.
    pub controls: Vec<String>,
}

pub(super) fn loaded() -> &'static Result<Vec<Threat>, Diagnostic> {
    static DATA: OnceLock<Result<Vec<Threat>, Diagnostic>> = OnceLock::new();
    DATA.get_or_init(|| {
        parse_embedded("threats", include_str!("../../data/catalogue/threats.json"))
    })
}

/// The starter threat catalogue, in id order.
pub fn threats() -> &'static [Threat] {
    embedded(loaded())
}

/// The starter threat with this id (`"T01"`).
pub fn threat(id: &str) -> Option<&'static Threat> {
    let id = id.trim();
    threats().iter().find(|t| t.id == id)
}
