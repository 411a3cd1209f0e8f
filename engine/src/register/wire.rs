//! The serde shape of [`RegisterEdit`]: tagged by `kind`, with each wrapped
//! value in a named field (an internally tagged enum cannot carry a bare
//! string, and an asset's own `kind` field would clash with the tag).

use super::edit::{RegisterEdit, TierUpdate};
use crate::catalogue::Control;
use crate::date::Date;
use crate::document::{Asset, PlanAction, Risk, Snapshot, SoaEntry, Threat, Tier, Vulnerability};
use crate::method::Method;
use crate::workshop::{Vote, WorkshopRecord};
use crate::Diagnostic;
use serde::{Deserialize, Serialize};
use serde_json::Value;

#[derive(Clone, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub(super) enum WireEdit {
    SetName {
        name: String,
    },
    SetScope {
        scope: String,
    },
    AddRisk {
        risk: Risk,
    },
    UpdateRisk {
        risk: Risk,
    },
    DeleteRisk {
        id: String,
    },
    RestoreRisk {
        index: usize,
        risk: Risk,
    },
    AddAsset {
        asset: Asset,
    },
    UpdateAsset {
        asset: Asset,
    },
    DeleteAsset {
        id: String,
    },
    RestoreAsset {
        index: usize,
        asset: Asset,
    },
    AddThreat {
        threat: Threat,
    },
    UpdateThreat {
        threat: Threat,
    },
    DeleteThreat {
        id: String,
    },
    RestoreThreat {
        index: usize,
        threat: Threat,
    },
    AddVulnerability {
        vulnerability: Vulnerability,
    },
    UpdateVulnerability {
        vulnerability: Vulnerability,
    },
    DeleteVulnerability {
        id: String,
    },
    RestoreVulnerability {
        index: usize,
        vulnerability: Vulnerability,
    },
    ReviewRisk {
        id: String,
        on: Date,
    },
    ChangeMethod {
        method: Method,
        rescored: Vec<TierUpdate>,
    },
    TakeSnapshot {
        name: String,
    },
    DeleteSnapshot {
        index: usize,
    },
    RestoreSnapshot {
        index: usize,
        snapshot: Snapshot,
    },
    SetSoaEntry {
        entry: SoaEntry,
    },
    ClearSoaEntry {
        control_id: String,
    },
    AddAction {
        action: PlanAction,
    },
    UpdateAction {
        action: PlanAction,
    },
    DeleteAction {
        id: String,
    },
    RestoreAction {
        index: usize,
        action: PlanAction,
    },
    AddCustomControl {
        control: Control,
    },
    UpdateCustomControl {
        control: Control,
    },
    DeleteCustomControl {
        id: String,
    },
    RestoreCustomControl {
        index: usize,
        control: Control,
    },
    Batch {
        edits: Vec<RegisterEdit>,
    },
    RecordEstimate {
        risk_id: String,
        tier: Tier,
        votes: Vec<Vote>,
        likelihood: u8,
        impact: u8,
        #[serde(default)]
        dissent: String,
    },
    AddWorkshop {
        workshop: WorkshopRecord,
    },
    DeleteWorkshop {
        id: String,
    },
    RestoreWorkshop {
        index: usize,
        workshop: WorkshopRecord,
    },
}

impl From<RegisterEdit> for WireEdit {
    fn from(edit: RegisterEdit) -> Self {
        use RegisterEdit as E;
        use WireEdit as W;
        match edit {
            E::SetName(name) => W::SetName { name },
            E::SetScope(scope) => W::SetScope { scope },
            E::AddRisk(risk) => W::AddRisk { risk },
            E::UpdateRisk(risk) => W::UpdateRisk { risk },
            E::DeleteRisk { id } => W::DeleteRisk { id },
            E::RestoreRisk { index, risk } => W::RestoreRisk { index, risk },
            E::AddAsset(asset) => W::AddAsset { asset },
            E::UpdateAsset(asset) => W::UpdateAsset { asset },
            E::DeleteAsset { id } => W::DeleteAsset { id },
            E::RestoreAsset { index, asset } => W::RestoreAsset { index, asset },
            E::AddThreat(threat) => W::AddThreat { threat },
            E::UpdateThreat(threat) => W::UpdateThreat { threat },
            E::DeleteThreat { id } => W::DeleteThreat { id },
            E::RestoreThreat { index, threat } => W::RestoreThreat { index, threat },
            E::AddVulnerability(vulnerability) => W::AddVulnerability { vulnerability },
            E::UpdateVulnerability(vulnerability) => W::UpdateVulnerability { vulnerability },
            E::DeleteVulnerability { id } => W::DeleteVulnerability { id },
            E::RestoreVulnerability {
                index,
                vulnerability,
            } => W::RestoreVulnerability {
                index,
                vulnerability,
            },
            E::ReviewRisk { id, on } => W::ReviewRisk { id, on },
            E::ChangeMethod { method, rescored } => W::ChangeMethod { method, rescored },
            E::TakeSnapshot { name } => W::TakeSnapshot { name },
            E::DeleteSnapshot { index } => W::DeleteSnapshot { index },
            E::RestoreSnapshot { index, snapshot } => W::RestoreSnapshot { index, snapshot },
            E::SetSoaEntry(entry) => W::SetSoaEntry { entry },
            E::ClearSoaEntry { control_id } => W::ClearSoaEntry { control_id },
            E::AddAction(action) => W::AddAction { action },
            E::UpdateAction(action) => W::UpdateAction { action },
            E::DeleteAction { id } => W::DeleteAction { id },
            E::RestoreAction { index, action } => W::RestoreAction { index, action },
            E::AddCustomControl(control) => W::AddCustomControl { control },
            E::UpdateCustomControl(control) => W::UpdateCustomControl { control },
            E::DeleteCustomControl { id } => W::DeleteCustomControl { id },
            E::RestoreCustomControl { index, control } => {
                W::RestoreCustomControl { index, control }
            }
            E::Batch(edits) => W::Batch { edits },
            E::RecordEstimate {
                risk_id,
                tier,
                votes,
                likelihood,
                impact,
                dissent,
            } => W::RecordEstimate {
                risk_id,
                tier,
                votes,
                likelihood,
                impact,
                dissent,
            },
            E::AddWorkshop(workshop) => W::AddWorkshop { workshop },
            E::DeleteWorkshop { id } => W::DeleteWorkshop { id },
            E::RestoreWorkshop { index, workshop } => W::RestoreWorkshop { index, workshop },
        }
    }
}

impl From<WireEdit> for RegisterEdit {
    fn from(edit: WireEdit) -> Self {
        use RegisterEdit as E;
        use WireEdit as W;
        match edit {
            W::SetName { name } => E::SetName(name),
            W::SetScope { scope } => E::SetScope(scope),
            W::AddRisk { risk } => E::AddRisk(risk),
            W::UpdateRisk { risk } => E::UpdateRisk(risk),
            W::DeleteRisk { id } => E::DeleteRisk { id },
            W::RestoreRisk { index, risk } => E::RestoreRisk { index, risk },
            W::AddAsset { asset } => E::AddAsset(asset),
            W::UpdateAsset { asset } => E::UpdateAsset(asset),
            W::DeleteAsset { id } => E::DeleteAsset { id },
            W::RestoreAsset { index, asset } => E::RestoreAsset { index, asset },
            W::AddThreat { threat } => E::AddThreat(threat),
            W::UpdateThreat { threat } => E::UpdateThreat(threat),
            W::DeleteThreat { id } => E::DeleteThreat { id },
            W::RestoreThreat { index, threat } => E::RestoreThreat { index, threat },
            W::AddVulnerability { vulnerability } => E::AddVulnerability(vulnerability),
            W::UpdateVulnerability { vulnerability } => E::UpdateVulnerability(vulnerability),
            W::DeleteVulnerability { id } => E::DeleteVulnerability { id },
            W::RestoreVulnerability {
                index,
                vulnerability,
            } => E::RestoreVulnerability {
                index,
                vulnerability,
            },
            W::ReviewRisk { id, on } => E::ReviewRisk { id, on },
            W::ChangeMethod { method, rescored } => E::ChangeMethod { method, rescored },
            W::TakeSnapshot { name } => E::TakeSnapshot { name },
            W::DeleteSnapshot { index } => E::DeleteSnapshot { index },
            W::RestoreSnapshot { index, snapshot } => E::RestoreSnapshot { index, snapshot },
            W::SetSoaEntry { entry } => E::SetSoaEntry(entry),
            W::ClearSoaEntry { control_id } => E::ClearSoaEntry { control_id },
            W::AddAction { action } => E::AddAction(action),
            W::UpdateAction { action } => E::UpdateAction(action),
            W::DeleteAction { id } => E::DeleteAction { id },
            W::RestoreAction { index, action } => E::RestoreAction { index, action },
            W::AddCustomControl { control } => E::AddCustomControl(control),
            W::UpdateCustomControl { control } => E::UpdateCustomControl(control),
            W::DeleteCustomControl { id } => E::DeleteCustomControl { id },
            W::RestoreCustomControl { index, control } => {
                E::RestoreCustomControl { index, control }
            }
            W::Batch { edits } => E::Batch(edits),
            W::RecordEstimate {
                risk_id,
                tier,
                votes,
                likelihood,
                impact,
                dissent,
            } => E::RecordEstimate {
                risk_id,
                tier,
                votes,
                likelihood,
                impact,
                dissent,
            },
            W::AddWorkshop { workshop } => E::AddWorkshop(workshop),
            W::DeleteWorkshop { id } => E::DeleteWorkshop { id },
            W::RestoreWorkshop { index, workshop } => E::RestoreWorkshop { index, workshop },
        }
    }
}

impl RegisterEdit {
    /// Reads an edit in its wire format from a JSON value, naming where it
    /// does not fit (`at` is the value's path). Unlike serde's derive for
    /// the internally tagged [`WireEdit`], this reads the tag first and
    /// decodes each field with the document decoder, so the app's wasm
    /// carries no buffered-content copy of every payload type.
    pub fn from_wire_value(value: &Value, at: &str) -> Result<RegisterEdit, Vec<Diagnostic>> {
        use RegisterEdit as E;
        let kind = match value.get("kind") {
            Some(Value::String(kind)) => kind.as_str(),
            _ => {
                return Err(vec![Diagnostic::new(
                    format!("{at}.kind"),
                    "an edit names its kind as a string",
                )])
            }
        };
        let f = Fields { value, at };
        Ok(match kind {
            "set_name" => E::SetName(f.get("name")?),
            "set_scope" => E::SetScope(f.get("scope")?),
            "add_risk" => E::AddRisk(f.get("risk")?),
            "update_risk" => E::UpdateRisk(f.get("risk")?),
            "delete_risk" => E::DeleteRisk { id: f.get("id")? },
            "restore_risk" => E::RestoreRisk {
                index: f.get("index")?,
                risk: f.get("risk")?,
            },
            "add_asset" => E::AddAsset(f.get("asset")?),
            "update_asset" => E::UpdateAsset(f.get("asset")?),
            "delete_asset" => E::DeleteAsset { id: f.get("id")? },
            "restore_asset" => E::RestoreAsset {
                index: f.get("index")?,
                asset: f.get("asset")?,
            },
            "add_threat" => E::AddThreat(f.get("threat")?),
            "update_threat" => E::UpdateThreat(f.get("threat")?),
            "delete_threat" => E::DeleteThreat { id: f.get("id")? },
            "restore_threat" => E::RestoreThreat {
                index: f.get("index")?,
                threat: f.get("threat")?,
            },
            "add_vulnerability" => E::AddVulnerability(f.get("vulnerability")?),
            "update_vulnerability" => E::UpdateVulnerability(f.get("vulnerability")?),
            "delete_vulnerability" => E::DeleteVulnerability { id: f.get("id")? },
            "restore_vulnerability" => E::RestoreVulnerability {
                index: f.get("index")?,
                vulnerability: f.get("vulnerability")?,
            },
            "review_risk" => E::ReviewRisk {
                id: f.get("id")?,
                on: f.get("on")?,
            },
            "change_method" => E::ChangeMethod {
                method: f.get("method")?,
                rescored: f.get("rescored")?,
            },
            "take_snapshot" => E::TakeSnapshot {
                name: f.get("name")?,
            },
            "delete_snapshot" => E::DeleteSnapshot {
                index: f.get("index")?,
            },
            "restore_snapshot" => E::RestoreSnapshot {
                index: f.get("index")?,
                snapshot: f.get("snapshot")?,
            },
            "set_soa_entry" => E::SetSoaEntry(f.get("entry")?),
            "clear_soa_entry" => E::ClearSoaEntry {
                control_id: f.get("control_id")?,
            },
            "add_action" => E::AddAction(f.get("action")?),
            "update_action" => E::UpdateAction(f.get("action")?),
            "delete_action" => E::DeleteAction { id: f.get("id")? },
            "restore_action" => E::RestoreAction {
                index: f.get("index")?,
                action: f.get("action")?,
            },
            "add_custom_control" => E::AddCustomControl(f.get("control")?),
            "update_custom_control" => E::UpdateCustomControl(f.get("control")?),
            "delete_custom_control" => E::DeleteCustomControl { id: f.get("id")? },
            "restore_custom_control" => E::RestoreCustomControl {
                index: f.get("index")?,
                control: f.get("control")?,
            },
            "batch" => {
                let at = format!("{at}.edits");
                match value.get("edits") {
                    Some(Value::Array(edits)) => E::Batch(
                        edits
                            .iter()
                            .enumerate()
                            .map(|(k, e)| Self::from_wire_value(e, &format!("{at}[{k}]")))
                            .collect::<Result<_, _>>()?,
                    ),
                    _ => return Err(vec![Diagnostic::new(at, "a batch lists its edits")]),
                }
            }
            "record_estimate" => E::RecordEstimate {
                risk_id: f.get("risk_id")?,
                tier: f.get("tier")?,
                votes: f.get("votes")?,
                likelihood: f.get("likelihood")?,
                impact: f.get("impact")?,
                dissent: f.get::<Option<String>>("dissent")?.unwrap_or_default(),
            },
            "add_workshop" => E::AddWorkshop(f.get("workshop")?),
            "delete_workshop" => E::DeleteWorkshop { id: f.get("id")? },
            "restore_workshop" => E::RestoreWorkshop {
                index: f.get("index")?,
                workshop: f.get("workshop")?,
            },
            other => {
                return Err(vec![Diagnostic::new(
                    format!("{at}.kind"),
                    format!("'{other}' is not a kind of edit"),
                )])
            }
        })
    }
}

/// The fields of one edit on the wire.
struct Fields<'a> {
    value: &'a Value,
    at: &'a str,
}

impl Fields<'_> {
    /// Field `name`, decoded; a missing field reads as `null`.
    fn get<T: crate::document::FromJson>(&self, name: &str) -> Result<T, Vec<Diagnostic>> {
        let field = self.value.get(name).unwrap_or(&Value::Null);
        crate::document::read_value(field, &format!("{}.{name}", self.at))
    }
}

crate::document::read::from_json_struct!(TierUpdate {
    risk_id: req,
    tier: req,
    value: opt,
});
