//! The "Assets and threats" screen: assets with their valuation, threats,
//! vulnerabilities, their form, and the starter catalogue to copy from.

use super::{or_dash, th};
use crate::app::catalog::{
    asset_type_label, origin_label, property_letters, risks_using, Item, ItemForm, Kind, ORIGINS,
    PROPERTIES,
};
use crate::app::state::AppState;
use crate::browser::dom::{button, field, select, text_input, El};
use riskwright_engine::catalogue::{self, AssetType};
use riskwright_engine::method::Method;

/// The screen.
pub fn catalog(state: &AppState) -> El {
    El::new("section")
        .class("catalog")
        .attr("aria-labelledby", "catalog-title")
        .child(El::new("h2").id("catalog-title").text("Assets and threats"))
        .children(state.catalog.form.as_ref().map(|f| form(state, f)))
        .child(assets(state))
        .child(threats(state))
        .child(vulnerabilities(state))
        .child(starter(state))
}

fn heading(title: &str, id: &str, add_label: &str, kind: &str) -> El {
    El::new("div")
        .class("row heading")
        .child(El::new("h3").id(id).text(title))
        .child(
            button(add_label, "cat-new")
                .id(&format!("add-{kind}"))
                .attr("data-kind", kind),
        )
}

fn actions(kind: &str, id: &str, name: &str) -> El {
    El::new("td")
        .class("actions")
        .child(
            button("Edit", "cat-edit")
                .attr("data-kind", kind)
                .attr("data-id", id)
                .attr("aria-label", &format!("Edit {name}")),
        )
        .child(
            button("Delete", "cat-delete")
                .attr("data-kind", kind)
                .attr("data-id", id)
                .attr("aria-label", &format!("Delete {name}")),
        )
}

fn table(id: &str, caption: &str, header: El, rows: Vec<El>, empty: &str) -> El {
    let none = rows.is_empty();
    El::new("div")
        .class("table-wrap")
        .child(
            El::new("table")
                .id(id)
                .class("table")
                .child(El::new("caption").class("sr-only").text(caption))
                .child(El::new("thead").child(header))
                .child(El::new("tbody").children(rows)),
        )
        .children(none.then(|| El::new("p").class("empty").text(empty)))
}

/// A value on the impact scale as "4 Major" (the number alone when off it).
fn impact_text(method: &Method, value: u8) -> String {
    usize::from(value)
        .checked_sub(1)
        .and_then(|k| method.impact.levels.get(k))
        .map_or_else(|| value.to_string(), |l| format!("{value} {}", l.label))
}

fn assets(state: &AppState) -> El {
    let a = &state.assessment;
    let m = &a.method;
    let header = El::new("tr")
        .child(th("Name"))
        .child(th("Type"))
        .child(th("Owner"))
        .children(m.dimensions.iter().map(|d| th(&d.label)))
        .child(th("Risks"))
        .child(th("Actions"));
    let rows = a
        .assets
        .iter()
        .map(|x| {
            El::new("tr")
                .attr("data-id", &x.id)
                .child(El::new("td").text(&x.name))
                .child(El::new("td").text(asset_type_label(x.kind)))
                .child(El::new("td").text(or_dash(&x.owner)))
                .children(m.dimensions.iter().map(|d| {
                    El::new("td").text(
                        &x.valuation
                            .get(&d.id)
                            .map_or_else(|| "—".to_string(), |&v| impact_text(m, v)),
                    )
                }))
                .child(El::new("td").text(&risks_using(state, Kind::Asset, &x.id).to_string()))
                .child(actions("asset", &x.id, &x.name))
        })
        .collect();
    El::new("section")
        .attr("aria-labelledby", "assets-title")
        .child(heading("Assets", "assets-title", "Add asset", "asset"))
        .child(table(
            "asset-table",
            "Assets with their valuation and the number of risks on them",
            header,
            rows,
            "No assets yet.",
        ))
}

fn threats(state: &AppState) -> El {
    let header = El::new("tr")
        .child(th("Name"))
        .child(th("Origin"))
        .child(th("Properties (C, I, A)"))
        .child(th("From the catalogue"))
        .child(th("Risks"))
        .child(th("Actions"));
    let rows = state
        .assessment
        .threats
        .iter()
        .map(|t| {
            El::new("tr")
                .attr("data-id", &t.id)
                .child(El::new("td").text(&t.name))
                .child(El::new("td").text(t.origin.map_or("—", origin_label)))
                .child(El::new("td").text(&property_letters(&t.properties)))
                .child(El::new("td").text(t.catalogue_id.as_deref().unwrap_or("—")))
                .child(El::new("td").text(&risks_using(state, Kind::Threat, &t.id).to_string()))
                .child(actions("threat", &t.id, &t.name))
        })
        .collect();
    El::new("section")
        .attr("aria-labelledby", "threats-title")
        .child(heading("Threats", "threats-title", "Add threat", "threat"))
        .child(table(
            "threat-table",
            "Threats of this assessment",
            header,
            rows,
            "No threats yet: add your own or copy one from the starter catalogue below.",
        ))
}

fn vulnerabilities(state: &AppState) -> El {
    let header = El::new("tr")
        .child(th("Name"))
        .child(th("Description"))
        .child(th("From the catalogue"))
        .child(th("Risks"))
        .child(th("Actions"));
    let rows = state
        .assessment
        .vulnerabilities
        .iter()
        .map(|v| {
            El::new("tr")
                .attr("data-id", &v.id)
                .child(El::new("td").text(&v.name))
                .child(El::new("td").text(or_dash(&v.description)))
                .child(El::new("td").text(v.catalogue_id.as_deref().unwrap_or("—")))
                .child(
                    El::new("td").text(&risks_using(state, Kind::Vulnerability, &v.id).to_string()),
                )
                .child(actions("vulnerability", &v.id, &v.name))
        })
        .collect();
    El::new("section")
        .attr("aria-labelledby", "vulnerabilities-title")
        .child(heading(
            "Vulnerabilities",
            "vulnerabilities-title",
            "Add vulnerability",
            "vulnerability",
        ))
        .child(table(
            "vulnerability-table",
            "Vulnerabilities of this assessment",
            header,
            rows,
            "No vulnerabilities yet.",
        ))
}

fn matches(search: &str, texts: &[&str]) -> bool {
    let search = search.trim().to_lowercase();
    search.is_empty() || texts.iter().any(|t| t.to_lowercase().contains(&search))
}

fn added_or_button(added: bool, kind: &str, id: &str, name: &str) -> El {
    let cell = El::new("td").class("actions");
    if added {
        cell.child(El::new("span").class("added").text("Added"))
    } else {
        cell.child(
            button("Add", "cat-starter")
                .attr("data-kind", kind)
                .attr("data-id", id)
                .attr("aria-label", &format!("Add {name}")),
        )
    }
}

fn starter(state: &AppState) -> El {
    let a = &state.assessment;
    let search = &state.catalog.search;
    let threat_rows = catalogue::threats()
        .iter()
        .filter(|t| matches(search, &[&t.id, &t.name, &t.description]))
        .map(|t| {
            let added = a
                .threats
                .iter()
                .any(|x| x.catalogue_id.as_deref() == Some(t.id.as_str()));
            El::new("tr")
                .attr("data-id", &t.id)
                .child(
                    El::new("td")
                        .child(El::new("span").class("starter-name").text(&t.name))
                        .child(
                            El::new("span")
                                .class("starter-description")
                                .text(&t.description),
                        ),
                )
                .child(El::new("td").text(origin_label(t.origin)))
                .child(El::new("td").text(&property_letters(&t.properties)))
                .child(added_or_button(added, "threat", &t.id, &t.name))
        })
        .collect();
    let vulnerability_rows = catalogue::vulnerabilities()
        .iter()
        .filter(|v| matches(search, &[&v.id, &v.name, &v.description]))
        .map(|v| {
            let added = a
                .vulnerabilities
                .iter()
                .any(|x| x.catalogue_id.as_deref() == Some(v.id.as_str()));
            El::new("tr")
                .attr("data-id", &v.id)
                .child(
                    El::new("td")
                        .child(El::new("span").class("starter-name").text(&v.name))
                        .child(
                            El::new("span")
                                .class("starter-description")
                                .text(&v.description),
                        ),
                )
                .child(added_or_button(added, "vulnerability", &v.id, &v.name))
        })
        .collect();
    El::new("section")
        .class("panel starter")
        .attr("aria-labelledby", "starter-title")
        .child(
            El::new("h3")
                .id("starter-title")
                .text("Add from the starter catalogue"),
        )
        .child(
            El::new("div").attr("role", "search").child(field(
                "Search the starter threats and vulnerabilities",
                El::new("input")
                    .attr("type", "search")
                    .attr("data-msg", "cat-search")
                    .attr("data-event", "input")
                    .value(search),
                "starter-search",
            )),
        )
        .child(El::new("h4").text("Starter threats"))
        .child(table(
            "starter-threats",
            "Starter threats",
            El::new("tr")
                .child(th("Threat"))
                .child(th("Origin"))
                .child(th("Properties (C, I, A)"))
                .child(th("Add")),
            threat_rows,
            "No starter threat matches.",
        ))
        .child(El::new("h4").text("Starter vulnerabilities"))
        .child(table(
            "starter-vulnerabilities",
            "Starter vulnerabilities",
            El::new("tr").child(th("Vulnerability")).child(th("Add")),
            vulnerability_rows,
            "No starter vulnerability matches.",
        ))
}

fn form(state: &AppState, f: &ItemForm) -> El {
    let m = &state.assessment.method;
    let what = match f.item.kind() {
        Kind::Asset => "asset",
        Kind::Threat => "threat",
        Kind::Vulnerability => "vulnerability",
    };
    let title = if f.is_new {
        format!("New {what}")
    } else {
        format!("Edit {what} {}", f.item.id())
    };
    let text = |label: &str, id: &str, value: &str, key: &str| {
        field(
            label,
            text_input(value, "cat-field").attr("data-field", key),
            id,
        )
    };
    let area = |value: &str| {
        field(
            "Description",
            El::new("textarea")
                .attr("rows", "2")
                .attr("data-msg", "cat-field")
                .attr("data-event", "input")
                .attr("data-field", "description")
                .value(value),
            "cf-description",
        )
    };
    let fields = match &f.item {
        Item::Asset(x) => {
            let types: Vec<(String, String)> = AssetType::ALL
                .iter()
                .map(|k| (k.as_str().to_string(), asset_type_label(*k).to_string()))
                .collect();
            let scale: Vec<(String, String)> = std::iter::once((String::new(), "–".to_string()))
                .chain(
                    m.impact
                        .levels
                        .iter()
                        .enumerate()
                        .map(|(k, l)| ((k + 1).to_string(), format!("{} {}", k + 1, l.label))),
                )
                .collect();
            El::new("div")
                .child(
                    El::new("div")
                        .class("row")
                        .child(text("Name", "cf-name", &x.name, "name"))
                        .child(field(
                            "Type",
                            select(&types, x.kind.as_str(), "cat-field").attr("data-field", "type"),
                            "cf-type",
                        ))
                        .child(text("Owner", "cf-owner", &x.owner, "owner")),
                )
                .child(area(&x.description))
                .child(
                    El::new("fieldset")
                        .child(El::new("legend").text("Valuation: impact if compromised"))
                        .child(
                            El::new("div")
                                .class("row")
                                .children(m.dimensions.iter().map(|d| {
                                    let value = x
                                        .valuation
                                        .get(&d.id)
                                        .map(|v| v.to_string())
                                        .unwrap_or_default();
                                    field(
                                        &d.label,
                                        select(&scale, &value, "cat-field")
                                            .attr("data-field", "valuation")
                                            .attr("data-dim", &d.id),
                                        &format!("cf-val-{}", d.id),
                                    )
                                })),
                        ),
                )
        }
        Item::Threat(x) => {
            let origins: Vec<(String, String)> =
                std::iter::once((String::new(), "Not said".into()))
                    .chain(
                        ORIGINS
                            .iter()
                            .map(|(_, key, label)| (key.to_string(), label.to_string())),
                    )
                    .collect();
            let current = x
                .origin
                .and_then(|o| ORIGINS.iter().find(|(v, _, _)| *v == o))
                .map_or("", |(_, key, _)| key);
            El::new("div")
                .child(
                    El::new("div")
                        .class("row")
                        .child(text("Name", "cf-name", &x.name, "name"))
                        .child(field(
                            "Origin",
                            select(&origins, current, "cat-field").attr("data-field", "origin"),
                            "cf-origin",
                        )),
                )
                .child(area(&x.description))
                .child(
                    El::new("fieldset")
                        .child(El::new("legend").text("Properties it threatens"))
                        .children(PROPERTIES.iter().map(|(p, letter, label)| {
                            let id = format!("cf-prop-{}", letter.to_lowercase());
                            El::new("label")
                                .class("check")
                                .attr("for", &id)
                                .child(
                                    El::new("input")
                                        .id(&id)
                                        .attr("type", "checkbox")
                                        .attr("data-msg", "cat-field")
                                        .attr("data-event", "change")
                                        .attr("data-field", "property")
                                        .attr("data-prop", letter)
                                        .attr_if(x.properties.contains(p), "checked", ""),
                                )
                                .text(&format!(" {label}"))
                        })),
                )
        }
        Item::Vulnerability(x) => El::new("div")
            .child(
                El::new("div")
                    .class("row")
                    .child(text("Name", "cf-name", &x.name, "name")),
            )
            .child(area(&x.description)),
    };
    El::new("form")
        .class("panel item-form")
        .attr("aria-labelledby", "item-form-title")
        .attr("data-msg", "cat-save")
        .attr("data-event", "submit")
        .child(El::new("h3").id("item-form-title").text(&title))
        .children(super::problem_alert("item-problems", &f.problems))
        .child(fields)
        .child(
            El::new("div")
                .class("actions")
                .child(
                    El::new("button")
                        .attr("type", "submit")
                        .id("cf-save")
                        .text(&format!("Save {what}")),
                )
                .child(button("Cancel", "cat-cancel").id("cf-cancel")),
        )
}
