//! The types of an assessment.

use crate::method::Method;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One risk assessment: its scope, its method and its register.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assessment {
    /// Name shown in lists and on reports.
    pub name: String,
    /// What the assessment covers (the ISMS scope, or part of it).
    #[serde(default)]
    pub scope: String,
    /// The method every risk is scored on.
    pub method: Method,
    /// Assets in scope.
    #[serde(default)]
    pub assets: Vec<Asset>,
    /// Threats considered.
    #[serde(default)]
    pub threats: Vec<Threat>,
    /// Vulnerabilities considered.
    #[serde(default)]
    pub vulnerabilities: Vec<Vulnerability>,
    /// The risk register.
    #[serde(default)]
    pub risks: Vec<Risk>,
}

/// Something of value to the organisation that a risk can harm.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Asset {
    /// Stable key, unique among assets.
    pub id: String,
    /// Name shown to the user.
    pub name: String,
    /// Who is accountable for the asset.
    #[serde(default)]
    pub owner: String,
    /// Free description.
    #[serde(default)]
    pub description: String,
}

/// A potential cause of an unwanted incident.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Threat {
    /// Stable key, unique among threats.
    pub id: String,
    /// Name shown to the user.
    pub name: String,
    /// Free description.
    #[serde(default)]
    pub description: String,
}

/// A weakness a threat can exploit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Vulnerability {
    /// Stable key, unique among vulnerabilities.
    pub id: String,
    /// Name shown to the user.
    pub name: String,
    /// Free description.
    #[serde(default)]
    pub description: String,
}

/// One entry of the risk register.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Risk {
    /// Stable key, unique among risks.
    pub id: String,
    /// Short title shown in the register.
    pub title: String,
    /// The risk scenario: what could happen and with what consequence.
    #[serde(default)]
    pub scenario: String,
    /// Assets the risk affects.
    #[serde(default)]
    pub asset_ids: Vec<String>,
    /// The threat, if identified.
    #[serde(default)]
    pub threat_id: Option<String>,
    /// The vulnerability, if identified.
    #[serde(default)]
    pub vulnerability_id: Option<String>,
    /// The risk owner (ISO 27000 3.71): accountable for the risk.
    #[serde(default)]
    pub owner: String,
    /// Inherent risk: as if no control were in place.
    #[serde(default)]
    pub inherent: Option<ScoredTier>,
    /// Current risk: with the controls in place today.
    #[serde(default)]
    pub current: Option<ScoredTier>,
    /// Target residual risk: after the planned treatment.
    #[serde(default)]
    pub residual: Option<ScoredTier>,
}

/// Which of a risk's three estimates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Tier {
    /// Before any control.
    Inherent,
    /// With existing controls.
    Current,
    /// After planned treatment.
    Residual,
}

impl Tier {
    /// All tiers, in the order a risk moves through them.
    pub const ALL: [Tier; 3] = [Tier::Inherent, Tier::Current, Tier::Residual];

    /// The field name in the document.
    pub fn name(self) -> &'static str {
        match self {
            Tier::Inherent => "inherent",
            Tier::Current => "current",
            Tier::Residual => "residual",
        }
    }
}

impl Risk {
    /// The estimate for `tier`, if scored.
    pub fn tier(&self, tier: Tier) -> Option<&ScoredTier> {
        match tier {
            Tier::Inherent => self.inherent.as_ref(),
            Tier::Current => self.current.as_ref(),
            Tier::Residual => self.residual.as_ref(),
        }
    }
}

/// A likelihood with per-dimension impacts, as the user rated them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScoredTier {
    /// Likelihood level number, 1-based.
    pub likelihood: u8,
    /// Impact level number per impact dimension id, 1-based.
    pub impacts: BTreeMap<String, u8>,
}
