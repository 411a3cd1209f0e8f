//! The plan screen.

use crate::app::state::AppState;
use crate::browser::dom::El;
use riskwright_engine::date::Date;

/// The plan screen.
pub fn plan(state: &AppState, today: Date) -> El {
    let _ = (state, today);
    El::new("section").id("plan-screen")
}
