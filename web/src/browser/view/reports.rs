//! The reports screen.

use crate::app::state::AppState;
use crate::browser::dom::El;
use riskwright_engine::date::Date;

/// The reports screen.
pub fn reports(state: &AppState, today: Date) -> El {
    let _ = (state, today);
    El::new("section").id("reports-screen")
}
