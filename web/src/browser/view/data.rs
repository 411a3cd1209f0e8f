//! The export and import screen.

use crate::app::state::AppState;
use crate::browser::dom::{button, El};

/// The export and import screen.
pub fn data(state: &AppState) -> El {
    El::new("section")
        .class("panel")
        .attr("aria-labelledby", "data-title")
        .child(El::new("h2").id("data-title").text("Export and import"))
        .child(El::new("p").text(&format!(
            "“{}” holds {} risks. Exports are complete: a JSON export reloads losslessly.",
            state.assessment.name,
            state.assessment.risks.len()
        )))
        .child(
            El::new("div")
                .class("actions")
                .child(button("Export as JSON", "export-json").id("data-export-json")),
        )
}
