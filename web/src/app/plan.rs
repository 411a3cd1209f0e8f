//! The risk treatment plan screen's state.

use super::state::AppState;

/// What the plan screen shows besides the assessment.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PlanUi {
    /// Show only overdue actions.
    pub overdue_only: bool,
}

/// A change on the plan screen.
#[derive(Debug, Clone, PartialEq)]
pub enum PlanMsg {
    /// Show only overdue actions, or all.
    OverdueOnly(bool),
}

impl AppState {
    /// Applies a plan-screen message; true when the assessment changed.
    pub fn update_plan(&mut self, msg: PlanMsg, _now: &str) -> bool {
        match msg {
            PlanMsg::OverdueOnly(on) => {
                self.plan.overdue_only = on;
                false
            }
        }
    }
}
