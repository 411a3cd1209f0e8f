//! Which Annex A controls are relevant to a threat, a vulnerability or a
//! type of asset, and the reverse look-ups.
//!
//! Threat and vulnerability mappings live with each entry (`controls`);
//! asset-type mappings are in `engine/data/catalogue/asset_types.json`.

use super::annex_a::{control, normalise_control_id};
use super::control::Control;
use super::threats::{threat, threats, Threat};
use super::vulnerabilities::{vulnerabilities, vulnerability, Vulnerability};
use super::{embedded_map, parse_embedded};
use crate::Diagnostic;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// Broad kinds of asset, primary (information, process) and supporting.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum AssetType {
    /// Information in any form: databases, documents, paper.
    #[default]
    Information,
    /// A business process or activity.
    Process,
    /// Applications, operating systems, code.
    Software,
    /// Servers, laptops, phones, media.
    Hardware,
    /// Networks, links and network devices.
    Network,
    /// Staff, contractors and their know-how.
    People,
    /// Buildings, rooms and facilities.
    Site,
    /// An external organisation we rely on.
    Supplier,
    /// An IT or cloud service, internal or bought in.
    Service,
}

impl AssetType {
    /// Every asset type.
    pub const ALL: &'static [AssetType] = &[
        AssetType::Information,
        AssetType::Process,
        AssetType::Software,
        AssetType::Hardware,
        AssetType::Network,
        AssetType::People,
        AssetType::Site,
        AssetType::Supplier,
        AssetType::Service,
    ];

    /// The snake_case name used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            AssetType::Information => "information",
            AssetType::Process => "process",
            AssetType::Software => "software",
            AssetType::Hardware => "hardware",
            AssetType::Network => "network",
            AssetType::People => "people",
            AssetType::Site => "site",
            AssetType::Supplier => "supplier",
            AssetType::Service => "service",
        }
    }
}

pub(super) fn loaded() -> &'static Result<BTreeMap<AssetType, Vec<String>>, Diagnostic> {
    static DATA: OnceLock<Result<BTreeMap<AssetType, Vec<String>>, Diagnostic>> = OnceLock::new();
    DATA.get_or_init(|| {
        parse_embedded(
            "asset_types",
            include_str!("../../data/catalogue/asset_types.json"),
        )
    })
}

fn resolve(ids: &[String]) -> Vec<&'static Control> {
    ids.iter().filter_map(|id| control(id)).collect()
}

/// The Annex A controls relevant to a starter threat, or `None` for an
/// unknown threat id.
pub fn controls_for_threat(threat_id: &str) -> Option<Vec<&'static Control>> {
    threat(threat_id).map(|t| resolve(&t.controls))
}

/// The Annex A controls that address a starter vulnerability, or `None` for
/// an unknown vulnerability id.
pub fn controls_for_vulnerability(vulnerability_id: &str) -> Option<Vec<&'static Control>> {
    vulnerability(vulnerability_id).map(|v| resolve(&v.controls))
}

/// The Annex A controls typically relevant to an asset of this type.
pub fn controls_for_asset_type(asset_type: AssetType) -> Vec<&'static Control> {
    embedded_map(loaded())
        .and_then(|map| map.get(&asset_type))
        .map(|ids| resolve(ids))
        .unwrap_or_default()
}

/// The starter threats an Annex A control helps against (`"A.8.7"` accepted).
pub fn threats_for_control(control_id: &str) -> Vec<&'static Threat> {
    let id = normalise_control_id(control_id);
    threats()
        .iter()
        .filter(|t| t.controls.iter().any(|c| c == id))
        .collect()
}

/// The starter vulnerabilities an Annex A control addresses (`"A.8.8"` accepted).
pub fn vulnerabilities_for_control(control_id: &str) -> Vec<&'static Vulnerability> {
    let id = normalise_control_id(control_id);
    vulnerabilities()
        .iter()
        .filter(|v| v.controls.iter().any(|c| c == id))
        .collect()
}
