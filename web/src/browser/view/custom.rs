//! The custom controls section of the SoA screen: the list and the form.

use super::problem_alert;
use crate::app::custom::CustomForm;
use crate::app::state::AppState;
use crate::browser::dom::{button, field, select, text_input, El};
use riskwright_engine::catalogue::{
    Control, ControlType, CybersecurityConcept, OperationalCapability, SecurityDomain,
    SecurityProperty, Theme,
};

/// "asset_management" as "Asset management".
fn words(name: &str) -> String {
    let text = name.replace('_', " ");
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => text,
    }
}

/// The section: the custom controls with Edit and Delete, and the form.
pub fn custom_controls(state: &AppState) -> El {
    let controls = &state.assessment.custom_controls;
    let list = if controls.is_empty() {
        El::new("p").id("cc-empty").text(
            "No custom controls yet. Add controls from another framework, a regulation or your own standards; they join the SoA and can be applied to risks.",
        )
    } else {
        El::new("table")
            .class("table")
            .id("cc-table")
            .child(El::new("caption").class("sr-only").text("Custom controls"))
            .child(
                El::new("thead").child(
                    El::new("tr").children(
                        [
                            "Control",
                            "Title",
                            "Source",
                            "Theme",
                            "Types",
                            "Properties",
                            "Actions",
                        ]
                        .map(|h| El::new("th").attr("scope", "col").text(h)),
                    ),
                ),
            )
            .child(El::new("tbody").children(controls.iter().map(row)))
    };
    El::new("section")
        .id("soa-custom")
        .attr("aria-labelledby", "cc-title-heading")
        .child(
            El::new("div")
                .class("row heading")
                .child(El::new("h3").id("cc-title-heading").text("Custom controls"))
                .child(button("Add a custom control", "soa-cc-new").id("cc-new")),
        )
        .child(list)
        .children(state.soa.custom.as_ref().map(form))
}

fn row(c: &Control) -> El {
    let list = |names: Vec<&str>| {
        names
            .iter()
            .map(|n| words(n))
            .collect::<Vec<_>>()
            .join(", ")
    };
    El::new("tr")
        .attr("data-id", &c.id)
        .child(El::new("th").attr("scope", "row").text(&c.id))
        .child(El::new("td").text(&c.title))
        .child(El::new("td").text(&c.source))
        .child(El::new("td").text(&words(c.theme.as_str())))
        .child(El::new("td").text(&list(c.control_types.iter().map(|t| t.as_str()).collect())))
        .child(El::new("td").text(&list(
            c.security_properties.iter().map(|p| p.as_str()).collect(),
        )))
        .child(
            El::new("td")
                .class("actions")
                .child(
                    button("Edit", "soa-cc-edit")
                        .attr("data-id", &c.id)
                        .attr("aria-label", &format!("Edit custom control {}", c.id)),
                )
                .child(
                    button("Delete", "soa-cc-delete")
                        .attr("data-id", &c.id)
                        .attr("aria-label", &format!("Delete custom control {}", c.id)),
                ),
        )
}

/// One fieldset of checkboxes for an attribute group.
fn checks<T: Copy + PartialEq>(
    legend: &str,
    group: &str,
    all: &[T],
    chosen: &[T],
    name: impl Fn(T) -> &'static str,
) -> El {
    El::new("fieldset")
        .class("checks")
        .child(El::new("legend").text(legend))
        .children(all.iter().map(|&v| {
            let id = format!("cc-{group}-{}", name(v));
            El::new("div")
                .class("check")
                .child(
                    El::new("input")
                        .attr("type", "checkbox")
                        .id(&id)
                        .attr("data-msg", "soa-cc-attr")
                        .attr("data-event", "change")
                        .attr("data-group", group)
                        .attr("data-value", name(v))
                        .attr_if(chosen.contains(&v), "checked", ""),
                )
                .child(El::new("label").attr("for", &id).text(&words(name(v))))
        }))
}

fn text_field(label: &str, id: &str, which: &str, value: &str) -> El {
    field(
        label,
        text_input(value, "soa-cc-field").attr("data-field", which),
        id,
    )
}

fn area(label: &str, id: &str, which: &str, value: &str) -> El {
    field(
        label,
        El::new("textarea")
            .attr("data-msg", "soa-cc-field")
            .attr("data-event", "input")
            .attr("data-field", which)
            .value(value),
        id,
    )
}

fn form(f: &CustomForm) -> El {
    let c = &f.control;
    let themes: Vec<(String, String)> = Theme::ALL
        .iter()
        .map(|t| (t.as_str().to_string(), words(t.as_str())))
        .collect();
    let heading = match &f.editing {
        Some(id) => format!("Edit custom control {id}"),
        None => "Add a custom control".to_string(),
    };
    let id_field = match &f.editing {
        Some(id) => El::new("p").text(&format!(
            "Id: {id} (an id stays as it is: risks and the SoA refer to it)"
        )),
        None => text_field("Id (for example NIS2-21.2a)", "cc-id", "id", &c.id),
    };
    El::new("form")
        .id("cc-form")
        .class("form")
        .attr("aria-labelledby", "cc-form-title")
        .attr("data-msg", "soa-cc-save")
        .attr("data-event", "submit")
        .child(El::new("h4").id("cc-form-title").text(&heading))
        .children(problem_alert("cc-problems", &f.problems))
        .child(id_field)
        .child(text_field("Title", "cc-title", "title", &c.title))
        .child(text_field(
            "Source (framework, regulation or internal standard)",
            "cc-source",
            "source",
            &c.source,
        ))
        .child(field(
            "Theme",
            select(&themes, c.theme.as_str(), "soa-cc-field").attr("data-field", "theme"),
            "cc-theme",
        ))
        .child(checks(
            "Control type",
            "type",
            ControlType::ALL,
            &c.control_types,
            ControlType::as_str,
        ))
        .child(checks(
            "Security properties",
            "property",
            SecurityProperty::ALL,
            &c.security_properties,
            SecurityProperty::as_str,
        ))
        .child(checks(
            "Cybersecurity concepts",
            "concept",
            CybersecurityConcept::ALL,
            &c.cybersecurity_concepts,
            CybersecurityConcept::as_str,
        ))
        .child(checks(
            "Operational capabilities",
            "capability",
            OperationalCapability::ALL,
            &c.operational_capabilities,
            OperationalCapability::as_str,
        ))
        .child(checks(
            "Security domains",
            "domain",
            SecurityDomain::ALL,
            &c.security_domains,
            SecurityDomain::as_str,
        ))
        .child(area(
            "Implementation guidance",
            "cc-guidance",
            "guidance",
            &c.guidance,
        ))
        .child(area(
            "Evidence examples, one per line",
            "cc-evidence",
            "evidence",
            &c.evidence.join("\n"),
        ))
        .child(
            El::new("div")
                .class("actions")
                .child(
                    El::new("button")
                        .attr("type", "submit")
                        .id("cc-save")
                        .text("Save custom control"),
                )
                .child(button("Cancel", "soa-cc-cancel").id("cc-cancel")),
        )
}
