//! The treatment screen.

use crate::app::state::AppState;
use crate::browser::dom::El;
use riskwright_engine::date::Date;

/// The treatment screen.
pub fn treatment(state: &AppState, today: Date) -> El {
    let _ = (state, today);
    El::new("section").id("treatment-screen")
}
