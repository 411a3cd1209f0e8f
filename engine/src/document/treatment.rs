//! What the document records about risk treatment (ISO/IEC 27001 6.1.3): the
//! option chosen for each risk, the controls applied to it, overrides of the
//! projection, the risk owner's acceptance, the risk treatment plan and the
//! Statement of Applicability.

use crate::date::Date;
use crate::treatment::{ControlStatus, TreatmentOption};
use serde::{Deserialize, Serialize};

/// The treatment option chosen for a risk, with why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TreatmentDecision {
    /// Modify, retain, avoid or share.
    pub option: TreatmentOption,
    /// Why this option; required for retain, avoid and share.
    #[serde(default)]
    pub justification: String,
}

/// The risk owner's acceptance of a risk's residual level (6.1.3 f).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Acceptance {
    /// Who accepted: the risk owner, by name.
    pub by: String,
    /// When.
    pub on: Date,
    /// What they said, if anything.
    #[serde(default)]
    pub note: String,
    /// The residual level id accepted. A higher level later ends the
    /// acceptance.
    pub level: String,
}

/// Where an action of the risk treatment plan stands.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum ActionStatus {
    /// Agreed, not started.
    #[default]
    Planned,
    /// Under way.
    InProgress,
    /// Finished: the control is in place.
    Done,
}

impl ActionStatus {
    /// Every status, in workflow order.
    pub const ALL: [ActionStatus; 3] = [
        ActionStatus::Planned,
        ActionStatus::InProgress,
        ActionStatus::Done,
    ];

    /// The words shown to people.
    pub fn label(self) -> &'static str {
        match self {
            ActionStatus::Planned => "planned",
            ActionStatus::InProgress => "in progress",
            ActionStatus::Done => "done",
        }
    }

    /// The status the action gives the controls it puts in place.
    pub fn control_status(self) -> ControlStatus {
        match self {
            ActionStatus::Planned => ControlStatus::Planned,
            ActionStatus::InProgress => ControlStatus::InProgress,
            ActionStatus::Done => ControlStatus::Implemented,
        }
    }
}

/// One action of the risk treatment plan (6.1.3 e).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanAction {
    /// Stable key, unique among actions, e.g. `"A-3"`.
    pub id: String,
    /// What is to be done.
    pub title: String,
    /// The control the action puts in place (Annex A or custom id).
    #[serde(default)]
    pub control_id: String,
    /// Who is responsible.
    #[serde(default)]
    pub owner: String,
    /// When it is due.
    #[serde(default)]
    pub due: Option<Date>,
    /// Where it stands.
    #[serde(default)]
    pub status: ActionStatus,
    /// The risks it treats.
    #[serde(default)]
    pub risk_ids: Vec<String>,
    /// Free notes.
    #[serde(default)]
    pub note: String,
}

impl PlanAction {
    /// Whether the action is past its due date on `today` and not done. An
    /// action due today is not yet overdue.
    pub fn is_overdue(&self, today: Date) -> bool {
        self.status != ActionStatus::Done && self.due.is_some_and(|due| due < today)
    }
}

/// A reason to include a control in the Statement of Applicability besides
/// the risks it treats, which are linked automatically.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InclusionReason {
    /// A law or regulation requires it.
    Legal,
    /// A contract requires it.
    Contractual,
    /// Business requirements or good practice.
    Business,
}

impl InclusionReason {
    /// Every reason.
    pub const ALL: [InclusionReason; 3] = [
        InclusionReason::Legal,
        InclusionReason::Contractual,
        InclusionReason::Business,
    ];

    /// The name used in files and CSV.
    pub fn as_str(self) -> &'static str {
        match self {
            InclusionReason::Legal => "legal",
            InclusionReason::Contractual => "contractual",
            InclusionReason::Business => "business",
        }
    }
}

/// The decision recorded for one control in the Statement of Applicability
/// (6.1.3 d). A control with no entry is not decided yet.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SoaEntry {
    /// The Annex A or custom control's id.
    pub control_id: String,
    /// Applicable (`true`), excluded (`false`) or not decided (`None`).
    #[serde(default)]
    pub applicable: Option<bool>,
    /// Reasons for inclusion other than treated risks.
    #[serde(default)]
    pub reasons: Vec<InclusionReason>,
    /// Free text on the reasons for inclusion (which law, which contract).
    #[serde(default)]
    pub reason_note: String,
    /// Why the control is excluded; required when it is.
    #[serde(default)]
    pub exclusion_justification: String,
    /// How far the control is implemented.
    #[serde(default)]
    pub status: Option<ControlStatus>,
    /// References to evidence: text or URLs.
    #[serde(default)]
    pub evidence: Vec<String>,
    /// Who owns the control.
    #[serde(default)]
    pub owner: String,
    /// When the entry was last reviewed.
    #[serde(default)]
    pub reviewed_on: Option<Date>,
}
