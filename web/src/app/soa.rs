//! The Statement of Applicability screen's state.

use super::state::AppState;

/// What the SoA screen shows besides the assessment.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SoaUi {
    /// The control whose entry is being edited.
    pub editing: Option<String>,
}

/// A change on the SoA screen.
#[derive(Debug, Clone, PartialEq)]
pub enum SoaMsg {
    /// Edit a control's entry.
    Edit(String),
}

impl AppState {
    /// Applies a SoA-screen message; true when the assessment changed.
    pub fn update_soa(&mut self, msg: SoaMsg, _now: &str) -> bool {
        match msg {
            SoaMsg::Edit(id) => {
                self.soa.editing = Some(id);
                false
            }
        }
    }
}
