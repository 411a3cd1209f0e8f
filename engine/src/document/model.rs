//! The types of an assessment.

use super::treatment::{Acceptance, ActionStatus, PlanAction, SoaEntry, TreatmentDecision};
use crate::catalogue::{AssetType, Control, SecurityProperty, ThreatOrigin};
use crate::date::Date;
use crate::method::Method;
use crate::treatment::{AppliedControl, TreatmentOption};
use crate::workshop::{Vote, WorkshopRecord};
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
    /// Controls the user added besides Annex A (other frameworks, internal).
    #[serde(default)]
    pub custom_controls: Vec<Control>,
    /// The Statement of Applicability: one decision per control decided so
    /// far, in catalogue order.
    #[serde(default)]
    pub soa: Vec<SoaEntry>,
    /// The risk treatment plan's actions.
    #[serde(default)]
    pub plan: Vec<PlanAction>,
    /// The records of the workshops held on this assessment, oldest first.
    #[serde(default)]
    pub workshops: Vec<WorkshopRecord>,
    /// Every change to risks' scores and treatment, oldest first. Append-only.
    #[serde(default)]
    pub history: Vec<HistoryEntry>,
    /// Named copies of the register, oldest first.
    #[serde(default)]
    pub snapshots: Vec<Snapshot>,
}

/// Something of value to the organisation that a risk can harm.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Asset {
    /// Stable key, unique among assets.
    pub id: String,
    /// Name shown to the user.
    pub name: String,
    /// What kind of asset it is.
    #[serde(default)]
    pub kind: AssetType,
    /// Who is accountable for the asset.
    #[serde(default)]
    pub owner: String,
    /// Free description.
    #[serde(default)]
    pub description: String,
    /// Value on the method's impact scale per impact dimension (C/I/A and
    /// custom ones): how bad its compromise would be.
    #[serde(default)]
    pub valuation: BTreeMap<String, u8>,
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
    /// The security properties it endangers.
    #[serde(default)]
    pub properties: Vec<SecurityProperty>,
    /// Deliberate, accidental or environmental, if known.
    #[serde(default)]
    pub origin: Option<ThreatOrigin>,
    /// The starter-catalogue entry it came from, if any.
    #[serde(default)]
    pub catalogue_id: Option<String>,
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
    /// The starter-catalogue entry it came from, if any.
    #[serde(default)]
    pub catalogue_id: Option<String>,
}

/// One entry of the risk register.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Risk {
    /// Stable key, unique among risks.
    pub id: String,
    /// Short title shown in the register.
    pub title: String,
    /// The risk scenario: what could happen, and how.
    #[serde(default)]
    pub scenario: String,
    /// What the organisation would suffer if it happened.
    #[serde(default)]
    pub consequence: String,
    /// Assets the risk affects.
    #[serde(default)]
    pub asset_ids: Vec<String>,
    /// The threat, if identified.
    #[serde(default)]
    pub threat_id: Option<String>,
    /// The vulnerability, if identified.
    #[serde(default)]
    pub vulnerability_id: Option<String>,
    /// The risk owner (ISO 27000 3.71): accountable for the risk. Required
    /// before a risk can be accepted.
    #[serde(default)]
    pub owner: String,
    /// Controls already in place, as the team describes them.
    #[serde(default)]
    pub existing_controls: String,
    /// Inherent risk: as if no control were in place.
    #[serde(default)]
    pub inherent: Option<ScoredTier>,
    /// Current risk: with the controls in place today.
    #[serde(default)]
    pub current: Option<ScoredTier>,
    /// Target residual risk: after the planned treatment.
    #[serde(default)]
    pub residual: Option<ScoredTier>,
    /// Where the treatment stands.
    #[serde(default)]
    pub treatment: TreatmentStatus,
    /// When the risk was last reviewed (or first assessed).
    #[serde(default)]
    pub reviewed_on: Option<Date>,
    /// Free labels for filtering.
    #[serde(default)]
    pub tags: Vec<String>,
    /// The treatment option chosen, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision: Option<TreatmentDecision>,
    /// Controls applied to the risk. When there are any, the current and
    /// residual tiers are projected from the inherent one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub controls: Vec<AppliedControl>,
    /// Tiers the user set by hand against the projection, with the
    /// justification.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub overrides: BTreeMap<Tier, String>,
    /// The risk owner's acceptance of the residual risk, if given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub acceptance: Option<Acceptance>,
}

/// Where a risk's treatment stands.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TreatmentStatus {
    /// No treatment decided yet.
    #[default]
    Untreated,
    /// Treatment decided, work not started.
    Planned,
    /// Treatment under way.
    InProgress,
    /// Treatment done.
    Implemented,
}

impl TreatmentStatus {
    /// Every status, in workflow order.
    pub const ALL: [TreatmentStatus; 4] = [
        TreatmentStatus::Untreated,
        TreatmentStatus::Planned,
        TreatmentStatus::InProgress,
        TreatmentStatus::Implemented,
    ];

    /// The name used in files and CSV.
    pub fn as_str(self) -> &'static str {
        match self {
            TreatmentStatus::Untreated => "untreated",
            TreatmentStatus::Planned => "planned",
            TreatmentStatus::InProgress => "in_progress",
            TreatmentStatus::Implemented => "implemented",
        }
    }

    /// The name shown to people.
    pub fn label(self) -> &'static str {
        match self {
            TreatmentStatus::Untreated => "Untreated",
            TreatmentStatus::Planned => "Planned",
            TreatmentStatus::InProgress => "In progress",
            TreatmentStatus::Implemented => "Implemented",
        }
    }
}

/// One recorded change. The history only ever grows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryEntry {
    /// When, as an ISO 8601 UTC timestamp given by the caller.
    pub at: String,
    /// The risk changed; empty for changes to the whole assessment.
    #[serde(default)]
    pub risk_id: String,
    /// What changed.
    pub change: Change,
    /// Why, if the user said.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub reason: String,
}

/// The kinds of recorded change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Change {
    /// A risk was added to the register.
    Created {
        /// Its title then.
        title: String,
    },
    /// A risk was removed from the register.
    Deleted {
        /// Its title then.
        title: String,
    },
    /// One tier of a risk was scored or re-scored.
    Score {
        /// Which tier.
        tier: Tier,
        /// The estimate before, if any.
        old: Option<ScoredTier>,
        /// The estimate after, if any.
        new: Option<ScoredTier>,
        /// The level id before, under the method then in force.
        old_level: Option<String>,
        /// The level id after.
        new_level: Option<String>,
    },
    /// The treatment status changed.
    Treatment {
        /// Before.
        old: TreatmentStatus,
        /// After.
        new: TreatmentStatus,
    },
    /// The risk was reviewed.
    Reviewed {
        /// The review date.
        on: Date,
    },
    /// The method was replaced; the re-scored risks have their own entries.
    MethodChanged {
        /// How many risks changed level.
        risks_changed: usize,
    },
    /// The treatment option chosen for the risk changed.
    Decision {
        /// The option before, if any.
        old: Option<TreatmentOption>,
        /// The option after, if any.
        new: Option<TreatmentOption>,
        /// Why the new option was chosen.
        #[serde(default, skip_serializing_if = "String::is_empty")]
        justification: String,
    },
    /// Controls were applied to the risk, removed from it, or changed.
    Controls {
        /// One line per control that changed, such as "8.7 added (planned,
        /// medium, preventive)" or "5.15 planned → implemented".
        lines: Vec<String>,
    },
    /// A projected tier was set by hand, or given back to the projection.
    Override {
        /// Which tier.
        tier: Tier,
        /// The justification when set; `None` when the override was removed.
        justification: Option<String>,
    },
    /// The risk owner accepted the residual risk.
    Accepted {
        /// Who accepted.
        by: String,
        /// When.
        on: Date,
        /// The residual level accepted.
        level: String,
    },
    /// The acceptance was withdrawn.
    AcceptanceWithdrawn,
    /// A control's Statement of Applicability decision changed.
    Applicability {
        /// The control.
        control_id: String,
        /// Applicable, excluded or undecided before.
        old: Option<bool>,
        /// After.
        new: Option<bool>,
    },
    /// A workshop estimated the tier together: the votes and the value
    /// agreed (the new value itself is recorded as a `Score`).
    Estimated {
        /// Which tier.
        tier: Tier,
        /// The participants' estimates.
        votes: Vec<Vote>,
        /// The likelihood agreed.
        likelihood: u8,
        /// The overall impact agreed.
        impact: u8,
        /// A dissenting view, if noted.
        #[serde(default, skip_serializing_if = "String::is_empty")]
        dissent: String,
    },
    /// A workshop's record was kept with the assessment.
    Workshop {
        /// The record's id.
        workshop_id: String,
        /// Its title.
        title: String,
        /// How many risks it discussed.
        risks: usize,
    },
    /// An action of the risk treatment plan was added, moved on or removed.
    Action {
        /// The action's id.
        action_id: String,
        /// Its status before; `None` when it was added.
        old: Option<ActionStatus>,
        /// Its status after; `None` when it was removed.
        new: Option<ActionStatus>,
    },
}

/// A named copy of the register at one moment, for comparison later.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Snapshot {
    /// The name the user gave, e.g. "Surveillance audit 2027".
    pub name: String,
    /// When it was taken, as an ISO 8601 UTC timestamp.
    pub taken_at: String,
    /// The method in force then.
    pub method: Method,
    /// The risks then.
    pub risks: Vec<Risk>,
}

/// Which of a risk's three estimates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
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
