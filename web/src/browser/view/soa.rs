//! The soa screen.

use crate::app::state::AppState;
use crate::browser::dom::El;
use riskwright_engine::date::Date;

/// The soa screen.
pub fn soa(state: &AppState, today: Date) -> El {
    let _ = (state, today);
    El::new("section").id("soa-screen")
}
