//! Where the status of a control applied to a risk comes from.
//!
//! The status recorded on the risk (`AppliedControl::status`) is the one
//! source of truth. The actions of the risk treatment plan that put the
//! control in place for the risk move it forward when they progress
//! (planned → in progress → implemented), never back; this module says which
//! of them, if any, the status stands on, so that the treatment screen and
//! the plan tell the same story.

use super::ControlStatus;
use crate::document::{ActionStatus, Assessment, Risk};
use crate::soa::control_key;

/// Where an applied control's status comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StatusSource {
    /// Set on the treatment screen (or in an import); no plan action for
    /// this control and risk.
    Treatment,
    /// Given by a plan action whose status matches: the action's id.
    Action(String),
    /// Set on the treatment screen ahead of the plan: the status is further
    /// along than any plan action for this control and risk gives (their
    /// ids), which the plan never moves back.
    AheadOfPlan(Vec<String>),
    /// Behind a plan action: the risk records less progress than an action
    /// gives (after an undo, or a finding of "not effective"): the action's
    /// id and status.
    BehindPlan(String, ActionStatus),
}

impl StatusSource {
    /// What the screens say, e.g. "from plan action A-2" or "set on the
    /// treatment screen, ahead of plan action A-2".
    pub fn describe(&self) -> String {
        match self {
            StatusSource::Treatment => "set on the treatment screen".to_string(),
            StatusSource::Action(id) => format!("from plan action {id}"),
            StatusSource::AheadOfPlan(ids) => format!(
                "set on the treatment screen, ahead of plan action{} {}",
                if ids.len() == 1 { "" } else { "s" },
                ids.join(", ")
            ),
            StatusSource::BehindPlan(id, status) => format!(
                "set on the treatment screen; plan action {id} is {}",
                status.label()
            ),
        }
    }
}

/// Where the status of the control `control_id` applied to `risk` comes
/// from; `None` when the risk does not apply it.
pub fn status_source(
    assessment: &Assessment,
    risk: &Risk,
    control_id: &str,
) -> Option<StatusSource> {
    let key = control_key(control_id);
    let applied = risk
        .controls
        .iter()
        .find(|c| control_key(&c.control_id) == key)?;
    let actions: Vec<_> = assessment
        .plan
        .iter()
        .filter(|a| control_key(&a.control_id) == key && a.risk_ids.contains(&risk.id))
        .collect();
    if actions.is_empty() {
        return Some(StatusSource::Treatment);
    }
    if let Some(a) = actions
        .iter()
        .find(|a| a.status.control_status() == applied.status)
    {
        return Some(StatusSource::Action(a.id.clone()));
    }
    let rank = |s: ControlStatus| match s {
        ControlStatus::NotEffective => 0,
        ControlStatus::Planned => 1,
        ControlStatus::InProgress => 2,
        ControlStatus::Implemented => 3,
    };
    if let Some(a) = actions
        .iter()
        .find(|a| rank(a.status.control_status()) > rank(applied.status))
    {
        return Some(StatusSource::BehindPlan(a.id.clone(), a.status));
    }
    Some(StatusSource::AheadOfPlan(
        actions.iter().map(|a| a.id.clone()).collect(),
    ))
}
