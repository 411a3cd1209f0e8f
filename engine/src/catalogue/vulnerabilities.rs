//! Starter vulnerabilities: weaknesses threats exploit, in our own words.
//!
//! Data: `engine/data/catalogue/vulnerabilities.json`. Each vulnerability
//! lists the Annex A controls that address it (at least one).

use super::{embedded, parse_embedded};
use crate::Diagnostic;
use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

/// Where a weakness lies (mirrors the four Annex A themes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VulnerabilityCategory {
    /// Policies, processes, roles, suppliers.
    Organisational,
    /// Awareness, behaviour, vetting.
    People,
    /// Premises, equipment, media.
    Physical,
    /// Systems, networks, software.
    Technical,
}

/// A weakness a threat can exploit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Vulnerability {
    /// Stable id, `"V01"` onwards.
    pub id: String,
    /// Short name.
    pub name: String,
    /// What the weakness looks like in practice.
    pub description: String,
    /// Where the weakness lies.
    pub category: VulnerabilityCategory,
    /// Ids of the Annex A controls that address it.
    pub controls: Vec<String>,
}

pub(super) fn loaded() -> &'static Result<Vec<Vulnerability>, Diagnostic> {
    static DATA: OnceLock<Result<Vec<Vulnerability>, Diagnostic>> = OnceLock::new();
    DATA.get_or_init(|| {
        parse_embedded(
            "vulnerabilities",
            include_str!("../../data/catalogue/vulnerabilities.json"),
        )
    })
}

/// The starter vulnerability catalogue, in id order.
pub fn vulnerabilities() -> &'static [Vulnerability] {
    embedded(loaded())
}

/// The starter vulnerability with this id (`"V01"`).
pub fn vulnerability(id: &str) -> Option<&'static Vulnerability> {
    let id = id.trim();
    vulnerabilities().iter().find(|v| v.id == id)
}
