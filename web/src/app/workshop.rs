//! The workshop (presentation) mode's state: the risk on screen, the tier
//! being scored, the votes being collected, the timer, and the record of
//! the workshop so far. Plain data, tested natively.

use super::state::AppState;
use riskwright_engine::document::Tier;

/// What presentation mode shows besides the assessment.
#[derive(Debug, Clone, PartialEq)]
pub struct WorkshopUi {
    /// Presentation mode is on.
    pub active: bool,
    /// The risk on screen.
    pub risk_id: Option<String>,
    /// The tier being scored: current or residual.
    pub tier: Tier,
}

impl Default for WorkshopUi {
    fn default() -> Self {
        WorkshopUi {
            active: false,
            risk_id: None,
            tier: Tier::Current,
        }
    }
}

/// A change in presentation mode.
#[derive(Debug, Clone, PartialEq)]
pub enum WorkshopMsg {
    /// Turn presentation mode on or off.
    Toggle,
}

impl AppState {
    /// Applies a workshop message; true when the assessment changed.
    pub fn update_workshop(&mut self, msg: WorkshopMsg, _now: &str) -> bool {
        match msg {
            WorkshopMsg::Toggle => {
                self.workshop.active = !self.workshop.active;
                self.view = if self.workshop.active {
                    super::state::View::Workshop
                } else {
                    super::state::View::Register
                };
                false
            }
        }
    }
}
