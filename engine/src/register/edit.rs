//! Edits to an assessment, each applied atomically, recorded in the history
//! and answered with the edit that undoes it.

use super::treat::{apply_projection, plan_updates, treatment_changes};
use super::{level_id, tier_slot};
use crate::catalogue::Control;
use crate::date::Date;
use crate::document::{
    Assessment, Asset, Change, HistoryEntry, PlanAction, Risk, ScoredTier, Snapshot, SoaEntry,
    Threat, Tier, Vulnerability,
};
use crate::method::{Method, ResolvedMethod};
use crate::soa::control_key;
use crate::workshop::{with_overall_impact, Vote, WorkshopRecord};
use crate::Diagnostic;
use serde::{Deserialize, Serialize};

/// One change a user makes to an assessment.
///
/// On the wire (serde) the enum is tagged by `kind` in snake case, and each
/// variant that wraps a value carries it in a field named after it:
/// `{"kind": "set_name", "name": ".."}`, `{"kind": "add_risk", "risk": {..}}`,
/// `{"kind": "update_asset", "asset": {..}}` and so on. Struct variants carry
/// their fields as they are.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(into = "super::wire::WireEdit", from = "super::wire::WireEdit")]
pub enum RegisterEdit {
    /// Renames the assessment.
    SetName(String),
    /// Replaces the scope text.
    SetScope(String),
    /// Appends a risk. An empty id gets the next free `R-<n>`, and an empty
    /// review date the date of the edit.
    AddRisk(Risk),
    /// Replaces the risk with the same id.
    UpdateRisk(Risk),
    /// Removes a risk.
    DeleteRisk {
        /// The risk's id.
        id: String,
    },
    /// Re-inserts a risk at `index` (clamped to the register): the inverse of
    /// [`RegisterEdit::DeleteRisk`].
    RestoreRisk {
        /// Where it goes.
        index: usize,
        /// The risk.
        risk: Risk,
    },
    /// Appends an asset.
    AddAsset(Asset),
    /// Replaces the asset with the same id.
    UpdateAsset(Asset),
    /// Removes an asset no risk links.
    DeleteAsset {
        /// The asset's id.
        id: String,
    },
    /// Re-inserts an asset at `index` (clamped).
    RestoreAsset {
        /// Where it goes.
        index: usize,
        /// The asset.
        asset: Asset,
    },
    /// Appends a threat.
    AddThreat(Threat),
    /// Replaces the threat with the same id.
    UpdateThreat(Threat),
    /// Removes a threat no risk links.
    DeleteThreat {
        /// The threat's id.
        id: String,
    },
    /// Re-inserts a threat at `index` (clamped).
    RestoreThreat {
        /// Where it goes.
        index: usize,
        /// The threat.
        threat: Threat,
    },
    /// Appends a vulnerability.
    AddVulnerability(Vulnerability),
    /// Replaces the vulnerability with the same id.
    UpdateVulnerability(Vulnerability),
    /// Removes a vulnerability no risk links.
    DeleteVulnerability {
        /// The vulnerability's id.
        id: String,
    },
    /// Re-inserts a vulnerability at `index` (clamped).
    RestoreVulnerability {
        /// Where it goes.
        index: usize,
        /// The vulnerability.
        vulnerability: Vulnerability,
    },
    /// Records that a risk was reviewed on a date.
    ReviewRisk {
        /// The risk's id.
        id: String,
        /// The review date.
        on: Date,
    },
    /// Replaces the method and sets re-scored tiers in the same step.
    ChangeMethod {
        /// The new method.
        method: Method,
        /// The new value of every re-scored tier, applied in order.
        rescored: Vec<TierUpdate>,
    },
    /// Saves a named copy of the method and the risks.
    TakeSnapshot {
        /// The snapshot's name.
        name: String,
    },
    /// Removes a snapshot.
    DeleteSnapshot {
        /// Its position in the list.
        index: usize,
    },
    /// Re-inserts a snapshot at `index` (clamped).
    RestoreSnapshot {
        /// Where it goes.
        index: usize,
        /// The snapshot.
        snapshot: Snapshot,
    },
    /// Records (or replaces) the Statement of Applicability decision for one
    /// control.
    SetSoaEntry(SoaEntry),
    /// Removes a control's SoA decision, leaving it undecided.
    ClearSoaEntry {
        /// The control's id.
        control_id: String,
    },
    /// Appends an action to the risk treatment plan; the risks it treats get
    /// its control, with the status the action gives.
    AddAction(PlanAction),
    /// Replaces the action with the same id; its risks follow its status.
    UpdateAction(PlanAction),
    /// Removes an action (the controls stay applied to the risks).
    DeleteAction {
        /// The action's id.
        id: String,
    },
    /// Re-inserts an action at `index` (clamped).
    RestoreAction {
        /// Where it goes.
        index: usize,
        /// The action.
        action: PlanAction,
    },
    /// Adds a control of the assessment's own.
    AddCustomControl(Control),
    /// Replaces the custom control with the same id.
    UpdateCustomControl(Control),
    /// Removes a custom control no risk applies.
    DeleteCustomControl {
        /// The control's id.
        id: String,
    },
    /// Re-inserts a custom control at `index` (clamped).
    RestoreCustomControl {
        /// Where it goes.
        index: usize,
        /// The control.
        control: Control,
    },
    /// Several edits as one step: all are applied, or none.
    Batch(Vec<RegisterEdit>),
    /// Records a workshop's estimate of one tier: the votes, and the agreed
    /// likelihood and overall impact, which become the tier's value (see
    /// [`crate::workshop::with_overall_impact`]; an unscored tier starts from
    /// the profile of the tier before it). On a tier the controls
    /// project, the agreed value is kept as an override justified by the
    /// workshop.
    RecordEstimate {
        /// The risk's id.
        risk_id: String,
        /// Which tier.
        tier: Tier,
        /// The participants' estimates.
        votes: Vec<Vote>,
        /// The likelihood agreed, 1-based.
        likelihood: u8,
        /// The overall impact agreed, 1-based.
        impact: u8,
        /// A dissenting view, if any.
        dissent: String,
    },
    /// Keeps a workshop's record with the assessment. An empty id gets the
    /// next free `W-<n>`.
    AddWorkshop(WorkshopRecord),
    /// Removes a workshop's record.
    DeleteWorkshop {
        /// The record's id.
        id: String,
    },
    /// Re-inserts a workshop's record at `index` (clamped).
    RestoreWorkshop {
        /// Where it goes.
        index: usize,
        /// The record.
        workshop: WorkshopRecord,
    },
}

/// The new value of one tier of one risk, as part of a method change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TierUpdate {
    /// The risk's id.
    pub risk_id: String,
    /// Which tier.
    pub tier: Tier,
    /// The new value; `None` clears the tier.
    pub value: Option<ScoredTier>,
}

/// What applying an edit did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Applied {
    /// The edit that undoes this one (apart from the history, which grows).
    pub inverse: RegisterEdit,
    /// How many history entries the edit appended.
    pub recorded: usize,
}

type Problems = Vec<Diagnostic>;

/// Collects the history entries of one edit.
struct Log<'a> {
    at: &'a str,
    reason: &'a str,
    entries: Vec<HistoryEntry>,
}

impl Log<'_> {
    fn push(&mut self, risk_id: &str, change: Change) {
        self.entries.push(HistoryEntry {
            at: self.at.to_string(),
            risk_id: risk_id.to_string(),
            change,
            reason: self.reason.to_string(),
        });
    }

    /// `Created`, then one `Score` per scored tier.
    fn created(&mut self, method: Option<&ResolvedMethod>, risk: &Risk) {
        self.push(
            &risk.id,
            Change::Created {
                title: risk.title.clone(),
            },
        );
        for tier in Tier::ALL {
            if let Some(value) = risk.tier(tier) {
                self.push(
                    &risk.id,
                    Change::Score {
                        tier,
                        old: None,
                        new: Some(value.clone()),
                        old_level: None,
                        new_level: level_id(method, Some(value)),
                    },
                );
            }
        }
    }
}

/// A list of the assessment edited item by item.
trait Item: Clone + Sized {
    /// The list's field name.
    const LIST: &'static str;
    /// The item in words.
    const WHAT: &'static str;
    fn id(&self) -> &str;
    fn list(assessment: &Assessment) -> &Vec<Self>;
    fn list_mut(assessment: &mut Assessment) -> &mut Vec<Self>;
    /// Whether `risk` links the item `id`.
    fn linked_by(risk: &Risk, id: &str) -> bool;
}

impl Item for Risk {
    const LIST: &'static str = "risks";
    const WHAT: &'static str = "risk";
    fn id(&self) -> &str {
        &self.id
    }
    fn list(a: &Assessment) -> &Vec<Self> {
        &a.risks
    }
    fn list_mut(a: &mut Assessment) -> &mut Vec<Self> {
        &mut a.risks
    }
    fn linked_by(_: &Risk, _: &str) -> bool {
        false
    }
}

impl Item for Asset {
    const LIST: &'static str = "assets";
    const WHAT: &'static str = "asset";
    fn id(&self) -> &str {
        &self.id
    }
    fn list(a: &Assessment) -> &Vec<Self> {
        &a.assets
    }
    fn list_mut(a: &mut Assessment) -> &mut Vec<Self> {
        &mut a.assets
    }
    fn linked_by(risk: &Risk, id: &str) -> bool {
        risk.asset_ids.iter().any(|a| a == id)
    }
}

impl Item for Threat {
    const LIST: &'static str = "threats";
    const WHAT: &'static str = "threat";
    fn id(&self) -> &str {
        &self.id
    }
    fn list(a: &Assessment) -> &Vec<Self> {
        &a.threats
    }
    fn list_mut(a: &mut Assessment) -> &mut Vec<Self> {
        &mut a.threats
    }
    fn linked_by(risk: &Risk, id: &str) -> bool {
        risk.threat_id.as_deref() == Some(id)
    }
}

impl Item for Vulnerability {
    const LIST: &'static str = "vulnerabilities";
    const WHAT: &'static str = "vulnerability";
    fn id(&self) -> &str {
        &self.id
    }
    fn list(a: &Assessment) -> &Vec<Self> {
        &a.vulnerabilities
    }
    fn list_mut(a: &mut Assessment) -> &mut Vec<Self> {
        &mut a.vulnerabilities
    }
    fn linked_by(risk: &Risk, id: &str) -> bool {
        risk.vulnerability_id.as_deref() == Some(id)
    }
}

impl Item for PlanAction {
    const LIST: &'static str = "plan";
    const WHAT: &'static str = "action";
    fn id(&self) -> &str {
        &self.id
    }
    fn list(a: &Assessment) -> &Vec<Self> {
        &a.plan
    }
    fn list_mut(a: &mut Assessment) -> &mut Vec<Self> {
        &mut a.plan
    }
    fn linked_by(_: &Risk, _: &str) -> bool {
        false
    }
}

impl Item for WorkshopRecord {
    const LIST: &'static str = "workshops";
    const WHAT: &'static str = "workshop";
    fn id(&self) -> &str {
        &self.id
    }
    fn list(a: &Assessment) -> &Vec<Self> {
        &a.workshops
    }
    fn list_mut(a: &mut Assessment) -> &mut Vec<Self> {
        &mut a.workshops
    }
    fn linked_by(_: &Risk, _: &str) -> bool {
        false
    }
}

impl Item for Control {
    const LIST: &'static str = "custom_controls";
    const WHAT: &'static str = "custom control";
    fn id(&self) -> &str {
        &self.id
    }
    fn list(a: &Assessment) -> &Vec<Self> {
        &a.custom_controls
    }
    fn list_mut(a: &mut Assessment) -> &mut Vec<Self> {
        &mut a.custom_controls
    }
    fn linked_by(risk: &Risk, id: &str) -> bool {
        let key = control_key(id);
        risk.controls
            .iter()
            .any(|c| control_key(&c.control_id) == key)
    }
}

/// Whether `path` is `prefix` or lies under it.
fn under(path: &str, prefix: &str) -> bool {
    path.strip_prefix(prefix)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('.') || rest.starts_with('['))
}

/// The number at the end of an id, if any.
fn numeric_suffix(id: &str) -> Option<u64> {
    let stem = id.trim_end_matches(|c: char| c.is_ascii_digit());
    id.get(stem.len()..)?.parse().ok()
}

/// The id a new risk gets: `R-<n>`, n one above the highest number in use.
fn next_risk_id(risks: &[Risk]) -> String {
    next_id("R-", risks.iter().map(|r| r.id.as_str()))
}

/// `<prefix><n>`, n one above the highest number at the end of `ids`.
fn next_id<'a>(prefix: &str, ids: impl Iterator<Item = &'a str>) -> String {
    let highest = ids.filter_map(numeric_suffix).max().unwrap_or(0);
    format!("{prefix}{}", highest.saturating_add(1))
}

/// One edit, or several as a batch.
fn batch(mut edits: Vec<RegisterEdit>) -> RegisterEdit {
    if edits.len() == 1 {
        if let Some(edit) = edits.pop() {
            return edit;
        }
    }
    RegisterEdit::Batch(edits)
}

fn no_such(list: &str, what: &str, id: &str) -> Problems {
    vec![Diagnostic::new(
        format!("$.{list}"),
        format!("there is no {what} '{id}'"),
    )]
}

impl Assessment {
    /// Applies `edit` atomically: either every part of it is applied and
    /// recorded in the history, or the assessment is left exactly as it was
    /// and every problem is returned with its JSON path (paths into the
    /// assessment as it would have been, e.g. `$.risks[3].title`; the
    /// timestamp's path is `at`).
    ///
    /// `at` is an ISO 8601 UTC timestamp given by the caller (the engine reads
    /// no clock); `reason` may be empty. Both go into every history entry the
    /// edit records.
    pub fn apply(
        &mut self,
        edit: RegisterEdit,
        at: &str,
        reason: &str,
    ) -> Result<Applied, Problems> {
        let date = Date::parse(at).map_err(|message| vec![Diagnostic::new("at", message)])?;
        let mut log = Log {
            at,
            reason,
            entries: Vec::new(),
        };
        let inverse = self.apply_one(edit, date, &mut log)?;
        let recorded = log.entries.len();
        self.history.extend(log.entries);
        Ok(Applied { inverse, recorded })
    }

    /// Applies one edit, collecting its history entries in `log`; on error
    /// the assessment is as it was and `log` holds nothing new.
    fn apply_one(
        &mut self,
        edit: RegisterEdit,
        date: Date,
        log: &mut Log<'_>,
    ) -> Result<RegisterEdit, Problems> {
        let at = log.at;
        let inverse = match edit {
            RegisterEdit::SetName(name) => {
                if name.trim().is_empty() {
                    return Err(vec![Diagnostic::new(
                        "$.name",
                        "the assessment needs a name",
                    )]);
                }
                RegisterEdit::SetName(std::mem::replace(&mut self.name, name))
            }
            RegisterEdit::SetScope(scope) => {
                RegisterEdit::SetScope(std::mem::replace(&mut self.scope, scope))
            }
            RegisterEdit::AddRisk(mut risk) => {
                if risk.id.trim().is_empty() {
                    risk.id = next_risk_id(&self.risks);
                }
                if risk.reviewed_on.is_none() {
                    risk.reviewed_on = Some(date);
                }
                self.restore_risk(usize::MAX, risk, log)?
            }
            RegisterEdit::RestoreRisk { index, risk } => self.restore_risk(index, risk, log)?,
            RegisterEdit::UpdateRisk(risk) => self.update_risk(risk, log)?,
            RegisterEdit::DeleteRisk { id } => {
                let (index, risk) = self.remove_item::<Risk>(&id)?;
                log.push(
                    &risk.id,
                    Change::Deleted {
                        title: risk.title.clone(),
                    },
                );
                RegisterEdit::RestoreRisk { index, risk }
            }
            RegisterEdit::ReviewRisk { id, on } => {
                let Some(risk) = self.risks.iter_mut().find(|r| r.id == id) else {
                    return Err(no_such("risks", "risk", &id));
                };
                let old = risk.clone();
                risk.reviewed_on = Some(on);
                log.push(&id, Change::Reviewed { on });
                RegisterEdit::UpdateRisk(old)
            }
            RegisterEdit::AddAsset(asset) => self
                .insert_item(usize::MAX, asset)
                .map(|id| RegisterEdit::DeleteAsset { id })?,
            RegisterEdit::RestoreAsset { index, asset } => self
                .insert_item(index, asset)
                .map(|id| RegisterEdit::DeleteAsset { id })?,
            RegisterEdit::UpdateAsset(asset) => {
                RegisterEdit::UpdateAsset(self.update_item(asset)?.1)
            }
            RegisterEdit::DeleteAsset { id } => {
                let (index, asset) = self.remove_item::<Asset>(&id)?;
                RegisterEdit::RestoreAsset { index, asset }
            }
            RegisterEdit::AddThreat(threat) => self
                .insert_item(usize::MAX, threat)
                .map(|id| RegisterEdit::DeleteThreat { id })?,
            RegisterEdit::RestoreThreat { index, threat } => self
                .insert_item(index, threat)
                .map(|id| RegisterEdit::DeleteThreat { id })?,
            RegisterEdit::UpdateThreat(threat) => {
                RegisterEdit::UpdateThreat(self.update_item(threat)?.1)
            }
            RegisterEdit::DeleteThreat { id } => {
                let (index, threat) = self.remove_item::<Threat>(&id)?;
                RegisterEdit::RestoreThreat { index, threat }
            }
            RegisterEdit::AddVulnerability(v) => self
                .insert_item(usize::MAX, v)
                .map(|id| RegisterEdit::DeleteVulnerability { id })?,
            RegisterEdit::RestoreVulnerability {
                index,
                vulnerability,
            } => self
                .insert_item(index, vulnerability)
                .map(|id| RegisterEdit::DeleteVulnerability { id })?,
            RegisterEdit::UpdateVulnerability(v) => {
                RegisterEdit::UpdateVulnerability(self.update_item(v)?.1)
            }
            RegisterEdit::DeleteVulnerability { id } => {
                let (index, vulnerability) = self.remove_item::<Vulnerability>(&id)?;
                RegisterEdit::RestoreVulnerability {
                    index,
                    vulnerability,
                }
            }
            RegisterEdit::ChangeMethod { method, rescored } => {
                self.change_method(method, rescored, log)?
            }
            RegisterEdit::TakeSnapshot { name } => {
                let index = self.snapshots.len();
                if name.trim().is_empty() {
                    return Err(vec![Diagnostic::new(
                        format!("$.snapshots[{index}].name"),
                        "the snapshot needs a name",
                    )]);
                }
                self.snapshots.push(Snapshot {
                    name,
                    taken_at: at.to_string(),
                    method: self.method.clone(),
                    risks: self.risks.clone(),
                });
                RegisterEdit::DeleteSnapshot { index }
            }
            RegisterEdit::DeleteSnapshot { index } => {
                if index >= self.snapshots.len() {
                    return Err(vec![Diagnostic::new(
                        "$.snapshots",
                        format!("there is no snapshot at position {index}"),
                    )]);
                }
                let snapshot = self.snapshots.remove(index);
                RegisterEdit::RestoreSnapshot { index, snapshot }
            }
            RegisterEdit::RestoreSnapshot { index, snapshot } => {
                let index = index.min(self.snapshots.len());
                self.snapshots.insert(index, snapshot);
                RegisterEdit::DeleteSnapshot { index }
            }
            RegisterEdit::SetSoaEntry(entry) => self.set_soa_entry(entry, log)?,
            RegisterEdit::ClearSoaEntry { control_id } => {
                let key = control_key(&control_id);
                let Some(k) = self
                    .soa
                    .iter()
                    .position(|e| control_key(&e.control_id) == key)
                else {
                    return Err(vec![Diagnostic::new(
                        "$.soa",
                        format!("control {key} has no entry to clear"),
                    )]);
                };
                let old = self.soa.remove(k);
                log.push(
                    "",
                    Change::Applicability {
                        control_id: key,
                        old: old.applicable,
                        new: None,
                    },
                );
                RegisterEdit::SetSoaEntry(old)
            }
            RegisterEdit::AddAction(action) => {
                self.restore_action(usize::MAX, action, date, log)?
            }
            RegisterEdit::RestoreAction { index, action } => {
                self.restore_action(index, action, date, log)?
            }
            RegisterEdit::UpdateAction(action) => {
                let (_, old) = self.update_item(action.clone())?;
                if old.status != action.status {
                    log.push(
                        "",
                        Change::Action {
                            action_id: action.id.clone(),
                            old: Some(old.status),
                            new: Some(action.status),
                        },
                    );
                }
                let mut inverse = vec![RegisterEdit::UpdateAction(old)];
                inverse.extend(self.follow_action(&action, date, log)?);
                batch(inverse)
            }
            RegisterEdit::DeleteAction { id } => {
                let (index, action) = self.remove_item::<PlanAction>(&id)?;
                log.push(
                    "",
                    Change::Action {
                        action_id: action.id.clone(),
                        old: Some(action.status),
                        new: None,
                    },
                );
                RegisterEdit::RestoreAction { index, action }
            }
            RegisterEdit::AddCustomControl(control) => self
                .insert_item(usize::MAX, control)
                .map(|id| RegisterEdit::DeleteCustomControl { id })?,
            RegisterEdit::RestoreCustomControl { index, control } => self
                .insert_item(index, control)
                .map(|id| RegisterEdit::DeleteCustomControl { id })?,
            RegisterEdit::UpdateCustomControl(control) => {
                RegisterEdit::UpdateCustomControl(self.update_item(control)?.1)
            }
            RegisterEdit::DeleteCustomControl { id } => {
                let (index, control) = self.remove_item::<Control>(&id)?;
                RegisterEdit::RestoreCustomControl { index, control }
            }
            RegisterEdit::Batch(edits) => self.apply_batch(edits, date, log)?,
            RegisterEdit::RecordEstimate {
                risk_id,
                tier,
                votes,
                likelihood,
                impact,
                dissent,
            } => {
                let updated = self.estimated_risk(&risk_id, tier, likelihood, impact, &votes)?;
                let inverse = self.update_risk(updated, log)?;
                log.push(
                    &risk_id,
                    Change::Estimated {
                        tier,
                        votes,
                        likelihood,
                        impact,
                        dissent,
                    },
                );
                inverse
            }
            RegisterEdit::AddWorkshop(mut workshop) => {
                if workshop.id.trim().is_empty() {
                    workshop.id = next_id("W-", self.workshops.iter().map(|w| w.id.as_str()));
                }
                self.restore_workshop(usize::MAX, workshop, log)?
            }
            RegisterEdit::RestoreWorkshop { index, workshop } => {
                self.restore_workshop(index, workshop, log)?
            }
            RegisterEdit::DeleteWorkshop { id } => {
                let (index, workshop) = self.remove_item::<WorkshopRecord>(&id)?;
                RegisterEdit::RestoreWorkshop { index, workshop }
            }
        };
        Ok(inverse)
    }

    /// Applies `edits` in order; if one fails, undoes those applied and
    /// drops their history entries.
    fn apply_batch(
        &mut self,
        edits: Vec<RegisterEdit>,
        date: Date,
        log: &mut Log<'_>,
    ) -> Result<RegisterEdit, Problems> {
        let logged = log.entries.len();
        let mut inverses = Vec::with_capacity(edits.len());
        for edit in edits {
            match self.apply_one(edit, date, log) {
                Ok(inverse) => inverses.push(inverse),
                Err(problems) => {
                    for inverse in inverses.into_iter().rev() {
                        // An inverse restores a state that was valid a
                        // moment ago, so it applies; were it ever to fail,
                        // the problems of the edit are still what to report.
                        let _ = self.apply_one(inverse, date, log);
                    }
                    log.entries.truncate(logged);
                    return Err(problems);
                }
            }
        }
        inverses.reverse();
        Ok(batch(inverses))
    }

    fn restore_workshop(
        &mut self,
        index: usize,
        workshop: WorkshopRecord,
        log: &mut Log<'_>,
    ) -> Result<RegisterEdit, Problems> {
        let (title, risks) = (workshop.title.clone(), workshop.items.len());
        let id = self.insert_item(index, workshop)?;
        log.push(
            "",
            Change::Workshop {
                workshop_id: id.clone(),
                title,
                risks,
            },
        );
        Ok(RegisterEdit::DeleteWorkshop { id })
    }

    /// The risk `risk_id` with the agreed estimate on `tier`.
    fn estimated_risk(
        &self,
        risk_id: &str,
        tier: Tier,
        likelihood: u8,
        impact: u8,
        votes: &[crate::workshop::Vote],
    ) -> Result<Risk, Problems> {
        let Some((k, risk)) = self.risks.iter().enumerate().find(|(_, r)| r.id == risk_id) else {
            return Err(no_such("risks", "risk", risk_id));
        };
        let method = ResolvedMethod::new(self.method.clone())?;
        let at = format!("$.risks[{k}].{}", tier.name());
        let mut problems = Vec::new();
        if !(1..=method.likelihood_max()).contains(&likelihood) {
            problems.push(Diagnostic::new(
                format!("{at}.likelihood"),
                format!(
                    "likelihood {likelihood} is not a level of this method (1 to {})",
                    method.likelihood_max()
                ),
            ));
        }
        if !(1..=method.impact_max()).contains(&impact) {
            problems.push(Diagnostic::new(
                format!("{at}.impacts"),
                format!(
                    "impact {impact} is not a level of this method (1 to {})",
                    method.impact_max()
                ),
            ));
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        let mut updated = risk.clone();
        // An unscored tier starts from the profile of the tier before it.
        let base = match tier {
            Tier::Inherent => risk.inherent.as_ref(),
            Tier::Current => risk.current.as_ref().or(risk.inherent.as_ref()),
            Tier::Residual => risk
                .residual
                .as_ref()
                .or(risk.current.as_ref())
                .or(risk.inherent.as_ref()),
        };
        let value = with_overall_impact(&method, base, likelihood, impact);
        *super::tier_slot(&mut updated, tier) = Some(value);
        if tier != Tier::Inherent && !updated.controls.is_empty() {
            updated
                .overrides
                .entry(tier)
                .or_insert_with(|| crate::workshop::estimate_origin(votes).to_string());
        }
        Ok(updated)
    }

    fn set_soa_entry(
        &mut self,
        entry: SoaEntry,
        log: &mut Log<'_>,
    ) -> Result<RegisterEdit, Problems> {
        let key = control_key(&entry.control_id);
        let place = self
            .soa
            .iter()
            .position(|e| control_key(&e.control_id) == key);
        // Entries are kept in catalogue order: Annex A, then custom controls.
        let order: Vec<String> = crate::catalogue::ANNEX_A_NAMES
            .iter()
            .map(|(id, _, _)| control_key(id))
            .chain(self.custom_controls.iter().map(|c| control_key(&c.id)))
            .collect();
        let rank = |id: &str| {
            let key = control_key(id);
            order.iter().position(|k| *k == key).unwrap_or(usize::MAX)
        };
        let new_applicable = entry.applicable;
        let (k, old) = match place {
            Some(k) => {
                let old = self
                    .soa
                    .get_mut(k)
                    .map(|slot| std::mem::replace(slot, entry));
                (k, old)
            }
            None => {
                let k = self
                    .soa
                    .iter()
                    .position(|e| rank(&e.control_id) > rank(&entry.control_id))
                    .unwrap_or(self.soa.len());
                self.soa.insert(k, entry);
                (k, None)
            }
        };
        let problems = self.problems_under(&format!("$.soa[{k}]"));
        if !problems.is_empty() {
            match old {
                Some(old) => {
                    if let Some(slot) = self.soa.get_mut(k) {
                        *slot = old;
                    }
                }
                None => {
                    self.soa.remove(k);
                }
            }
            return Err(problems);
        }
        let old_applicable = old.as_ref().and_then(|o| o.applicable);
        if old.is_none() || old_applicable != new_applicable {
            log.push(
                "",
                Change::Applicability {
                    control_id: key.clone(),
                    old: old_applicable,
                    new: new_applicable,
                },
            );
        }
        Ok(match old {
            Some(old) => RegisterEdit::SetSoaEntry(old),
            None => RegisterEdit::ClearSoaEntry { control_id: key },
        })
    }

    fn restore_action(
        &mut self,
        index: usize,
        mut action: PlanAction,
        date: Date,
        log: &mut Log<'_>,
    ) -> Result<RegisterEdit, Problems> {
        if action.id.trim().is_empty() {
            action.id = next_id("A-", self.plan.iter().map(|a| a.id.as_str()));
        }
        let id = self.insert_item(index, action.clone())?;
        log.push(
            "",
            Change::Action {
                action_id: id.clone(),
                old: None,
                new: Some(action.status),
            },
        );
        let mut inverse = vec![RegisterEdit::DeleteAction { id }];
        inverse.extend(self.follow_action(&action, date, log)?);
        Ok(batch(inverse))
    }

    /// Brings the risks `action` treats in line with it; returns the edits
    /// that undo that.
    fn follow_action(
        &mut self,
        action: &PlanAction,
        date: Date,
        log: &mut Log<'_>,
    ) -> Result<Vec<RegisterEdit>, Problems> {
        let updates = plan_updates(self, action);
        if updates.is_empty() {
            return Ok(Vec::new());
        }
        match self.apply_batch(updates, date, log)? {
            RegisterEdit::Batch(inverses) => Ok(inverses),
            inverse => Ok(vec![inverse]),
        }
    }

    /// The problems `check()` finds at `prefix` or under it.
    fn problems_under(&self, prefix: &str) -> Problems {
        self.check()
            .into_iter()
            .filter(|p| under(&p.path, prefix))
            .collect()
    }

    /// Inserts `item` at `index` (clamped) if its id is free and it checks
    /// out; returns its id.
    fn insert_item<T: Item>(&mut self, index: usize, item: T) -> Result<String, Problems> {
        let list = T::list(self);
        let k = index.min(list.len());
        let at = format!("$.{}[{k}]", T::LIST);
        let id = item.id().to_string();
        if !id.trim().is_empty() && list.iter().any(|x| x.id() == id) {
            return Err(vec![Diagnostic::new(
                format!("{at}.id"),
                format!("the id '{id}' is used twice in {}", T::LIST),
            )]);
        }
        T::list_mut(self).insert(k, item);
        let problems = self.problems_under(&at);
        if !problems.is_empty() {
            T::list_mut(self).remove(k);
            return Err(problems);
        }
        Ok(id)
    }

    /// Replaces the item with the same id if the result checks out; returns
    /// its position and the item replaced.
    fn update_item<T: Item>(&mut self, item: T) -> Result<(usize, T), Problems> {
        let Some(k) = T::list(self).iter().position(|x| x.id() == item.id()) else {
            return Err(no_such(T::LIST, T::WHAT, item.id()));
        };
        let Some(slot) = T::list_mut(self).get_mut(k) else {
            return Err(no_such(T::LIST, T::WHAT, item.id()));
        };
        let old = std::mem::replace(slot, item);
        let problems = self.problems_under(&format!("$.{}[{k}]", T::LIST));
        if !problems.is_empty() {
            if let Some(slot) = T::list_mut(self).get_mut(k) {
                *slot = old;
            }
            return Err(problems);
        }
        Ok((k, old))
    }

    /// Removes the item `id` unless a risk links it; returns its position and
    /// the item.
    fn remove_item<T: Item>(&mut self, id: &str) -> Result<(usize, T), Problems> {
        let Some(k) = T::list(self).iter().position(|x| x.id() == id) else {
            return Err(no_such(T::LIST, T::WHAT, id));
        };
        let linked: Vec<&str> = self
            .risks
            .iter()
            .filter(|r| T::linked_by(r, id))
            .map(|r| r.id.as_str())
            .collect();
        if !linked.is_empty() {
            return Err(vec![Diagnostic::new(
                format!("$.{}[{k}]", T::LIST),
                format!(
                    "the {} '{id}' is still linked by {} {}: unlink it first",
                    T::WHAT,
                    if linked.len() == 1 { "risk" } else { "risks" },
                    linked.join(", ")
                ),
            )]);
        }
        Ok((k, T::list_mut(self).remove(k)))
    }

    fn restore_risk(
        &mut self,
        index: usize,
        mut risk: Risk,
        log: &mut Log<'_>,
    ) -> Result<RegisterEdit, Problems> {
        let method = ResolvedMethod::new(self.method.clone()).ok();
        apply_projection(method.as_ref(), None, &mut risk);
        let id = self.insert_item(index, risk)?;
        if let Some(risk) = self.risks.iter().find(|r| r.id == id) {
            log.created(method.as_ref(), risk);
        }
        Ok(RegisterEdit::DeleteRisk { id })
    }

    fn update_risk(&mut self, mut risk: Risk, log: &mut Log<'_>) -> Result<RegisterEdit, Problems> {
        let method = ResolvedMethod::new(self.method.clone()).ok();
        let before = self.risks.iter().find(|r| r.id == risk.id).cloned();
        apply_projection(method.as_ref(), before.as_ref(), &mut risk);
        let (k, old) = self.update_item(risk)?;
        let Some(new) = self.risks.get(k) else {
            return Err(no_such("risks", "risk", &old.id));
        };
        for change in treatment_changes(&old, new) {
            log.push(&new.id, change);
        }
        for tier in Tier::ALL {
            let (before, after) = (old.tier(tier), new.tier(tier));
            if before != after {
                log.push(
                    &new.id,
                    Change::Score {
                        tier,
                        old: before.cloned(),
                        new: after.cloned(),
                        old_level: level_id(method.as_ref(), before),
                        new_level: level_id(method.as_ref(), after),
                    },
                );
            }
        }
        if old.treatment != new.treatment {
            log.push(
                &new.id,
                Change::Treatment {
                    old: old.treatment,
                    new: new.treatment,
                },
            );
        }
        if let Some(on) = new.reviewed_on {
            if old.reviewed_on != Some(on) {
                log.push(&new.id, Change::Reviewed { on });
            }
        }
        Ok(RegisterEdit::UpdateRisk(old))
    }

    fn change_method(
        &mut self,
        method: Method,
        rescored: Vec<TierUpdate>,
        log: &mut Log<'_>,
    ) -> Result<RegisterEdit, Problems> {
        // Every update must name a risk before anything changes.
        let mut targets = Vec::with_capacity(rescored.len());
        let mut problems = Vec::new();
        for update in &rescored {
            match self.risks.iter().position(|r| r.id == update.risk_id) {
                Some(k) => targets.push(k),
                None => problems.extend(no_such("risks", "risk", &update.risk_id)),
            }
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        let old_resolved = ResolvedMethod::new(self.method.clone()).ok();
        let old_levels: Vec<[Option<String>; 3]> = self
            .risks
            .iter()
            .map(|r| Tier::ALL.map(|t| level_id(old_resolved.as_ref(), r.tier(t))))
            .collect();
        let old_method = std::mem::replace(&mut self.method, method);
        let mut olds = Vec::with_capacity(rescored.len());
        for (update, &k) in rescored.iter().zip(&targets) {
            if let Some(risk) = self.risks.get_mut(k) {
                olds.push(std::mem::replace(
                    tier_slot(risk, update.tier),
                    update.value.clone(),
                ));
            }
        }
        let problems: Problems = self
            .check()
            .into_iter()
            .filter(|p| under(&p.path, "$.method") || under(&p.path, "$.risks"))
            .collect();
        if !problems.is_empty() {
            // Undo in reverse order, so a tier updated twice gets its first value back.
            for ((update, &k), old) in rescored.iter().zip(&targets).zip(olds).rev() {
                if let Some(risk) = self.risks.get_mut(k) {
                    *tier_slot(risk, update.tier) = old;
                }
            }
            self.method = old_method;
            return Err(problems);
        }
        let new_resolved = ResolvedMethod::new(self.method.clone()).ok();
        let risks_changed = self
            .risks
            .iter()
            .zip(&old_levels)
            .filter(|(risk, before)| {
                Tier::ALL
                    .iter()
                    .zip(before.iter())
                    .any(|(&t, b)| &level_id(new_resolved.as_ref(), risk.tier(t)) != b)
            })
            .count();
        log.push("", Change::MethodChanged { risks_changed });
        let mut inverse = Vec::with_capacity(rescored.len());
        for (update, old) in rescored.into_iter().zip(olds) {
            let old_level = level_id(old_resolved.as_ref(), old.as_ref());
            let new_level = level_id(new_resolved.as_ref(), update.value.as_ref());
            if old != update.value || old_level != new_level {
                log.push(
                    &update.risk_id,
                    Change::Score {
                        tier: update.tier,
                        old: old.clone(),
                        new: update.value.clone(),
                        old_level,
                        new_level,
                    },
                );
            }
            inverse.push(TierUpdate {
                risk_id: update.risk_id,
                tier: update.tier,
                value: old,
            });
        }
        inverse.reverse();
        Ok(RegisterEdit::ChangeMethod {
            method: old_method,
            rescored: inverse,
        })
    }
}
