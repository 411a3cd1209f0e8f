//! The treatment screen's state: one risk's treatment option, applied
//! controls, overrides and acceptance.

use super::state::AppState;

/// What the treatment screen shows besides the assessment.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TreatUi {
    /// The risk being treated.
    pub risk_id: Option<String>,
}

/// A change on the treatment screen.
#[derive(Debug, Clone, PartialEq)]
pub enum TreatMsg {
    /// Show the treatment of this risk.
    Open(String),
}

impl AppState {
    /// Applies a treatment-screen message; true when the assessment changed.
    pub fn update_treat(&mut self, msg: TreatMsg, _now: &str) -> bool {
        match msg {
            TreatMsg::Open(id) => {
                self.treat.risk_id = Some(id);
                self.view = super::state::View::Treatment;
                false
            }
        }
    }
}
