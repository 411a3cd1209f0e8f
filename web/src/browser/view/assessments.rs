//! The assessments kept in this browser: open, rename, duplicate, delete,
//! and start a new one.

use crate::app::state::AppState;
use crate::browser::dom::{button, field, El};

/// The assessments screen.
pub fn assessments(state: &AppState) -> El {
    let lib = &state.library;
    let rows = lib.entries.iter().enumerate().map(|(k, e)| {
        let open = e.id == lib.open;
        let name_id = format!("lib-name-{k}");
        El::new("tr")
            .attr("data-id", &e.id)
            .child(
                El::new("td").child(
                    El::new("div")
                        .class("row")
                        .child(field(
                            &format!("Name of assessment {}", k + 1),
                            El::new("input").attr("type", "text").value(&e.name),
                            &name_id,
                        ))
                        .child(
                            button("Rename", "lib-rename")
                                .attr("data-id", &e.id)
                                .attr("data-input", &name_id)
                                .attr("aria-label", &format!("Rename {}", e.name)),
                        ),
                ),
            )
            .child(El::new("td").text(&e.risks.to_string()))
            .child(
                El::new("td").text(
                    &e.updated_at
                        .get(..16)
                        .unwrap_or(&e.updated_at)
                        .replace('T', " "),
                ),
            )
            .child(
                El::new("td")
                    .class("actions")
                    .child(if open {
                        El::new("strong").text("Open")
                    } else {
                        button("Open", "lib-open")
                            .attr("data-id", &e.id)
                            .attr("aria-label", &format!("Open {}", e.name))
                    })
                    .child(
                        button("Duplicate", "lib-duplicate")
                            .attr("data-id", &e.id)
                            .attr("aria-label", &format!("Duplicate {}", e.name)),
                    )
                    .child(
                        button("Delete", "lib-delete")
                            .attr("data-id", &e.id)
                            .attr("aria-label", &format!("Delete {}", e.name)),
                    ),
            )
    });
    El::new("section")
        .class("panel")
        .attr("aria-labelledby", "assessments-title")
        .child(El::new("h2").id("assessments-title").text("Assessments in this browser"))
        .child(El::new("p").text(
            "Each assessment has its own method, register and history. They are stored only in this browser; export them to keep a copy elsewhere.",
        ))
        .child(El::new("p").id("persistence").attr("role", "status").text(match state.persistent {
            Some(true) => "Storage is persistent: the browser will not clear it to free space.",
            Some(false) => "Storage is not persistent: the browser may clear it when space runs short. Export regularly, or install the site as an app to raise the browser's trust.",
            None => "Asking the browser to keep this site's storage persistent…",
        }))
        .child(
            El::new("table")
                .id("assessments-table")
                .class("table")
                .child(El::new("caption").class("sr-only").text("Assessments"))
                .child(El::new("thead").child(El::new("tr").children(
                    ["Name", "Risks", "Last changed (UTC)", "Actions"].map(|h| El::new("th").attr("scope", "col").text(h)),
                )))
                .child(El::new("tbody").children(rows)),
        )
        .child(
            El::new("div")
                .class("row")
                .child(field("Name of a new assessment", El::new("input").attr("type", "text"), "lib-new-name"))
                .child(button("Create and open", "lib-create").id("lib-create")),
        )
}
