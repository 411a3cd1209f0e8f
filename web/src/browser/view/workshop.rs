//! Presentation mode for a workshop on a shared screen.

use crate::app::state::AppState;
use crate::browser::dom::El;
use riskwright_engine::date::Date;

/// The presentation screen.
pub fn workshop(state: &AppState, today: Date) -> El {
    let _ = (state, today);
    El::new("section").id("workshop-screen")
}
