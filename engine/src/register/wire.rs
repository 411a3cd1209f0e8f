//! The serde shape of [`RegisterEdit`]: tagged by `kind`, with each wrapped
//! value in a named field (an internally tagged enum cannot carry a bare
//! string, and an asset's own `kind` field would clash with the tag).

use super::edit::{RegisterEdit, TierUpdate};
use crate::catalogue::Control;
use crate::date::Date;
use crate::document::{Asset, PlanAction, Risk, Snapshot, SoaEntry, Threat, Tier, Vulnerability};
use crate::method::Method;
use crate::workshop::{Vote, WorkshopRecord};
use serde::{Deserialize, Serialize};

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
