//! Reads a DOM event into an `Action`. Controls carry `data-msg` (what they
//! change), `data-event` (which event sends it) and any indexes it needs.

use super::view::axis_key;
use super::Action;
use crate::app::library::LibraryMsg;
use crate::app::register::{RegisterMsg, Resolution, RiskField};
use crate::app::state::{LevelField, Msg, RuleChoice, ScaleField, StorageEvent, View};
use riskwright_engine::document::Tier;
use riskwright_engine::method::{Aggregation, Axis, Formula};
use riskwright_engine::register::SortKey;
use wasm_bindgen::JsCast;
use web_sys::{Element, Event, HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};

/// The action `event` asks for, if any.
pub(crate) fn action(event: &Event) -> Option<Action> {
    let target: Element = event.target()?.dyn_into().ok()?;
    let control = target.closest("[data-msg]").ok()??;
    if control.get_attribute("data-event").as_deref() != Some(event.type_().as_str()) {
        return None;
    }
    if event.type_() == "submit" {
        // The form is handled here; the page must not navigate.
        event.prevent_default();
    }
    let data = |name: &str| control.get_attribute(&format!("data-{name}"));
    let index = || data("index").and_then(|i| i.parse::<usize>().ok());
    let value = value_of(&control);
    let msg = match data("msg")?.as_str() {
        "download-backup" => return Some(Action::DownloadBackup(data("key")?)),
        "export-json" => return Some(Action::ExportJson),
        "take-theirs" => return Some(Action::Storage(StorageEvent::TakeTheirs)),
        "keep-mine" => return Some(Action::Storage(StorageEvent::KeepMine)),
        "name" => Msg::SetName(value),
        "scope" => Msg::SetScope(value),
        "preset" => Msg::ApplyPreset(value),
        "scale-size" => Msg::ResizeScale(axis(&data("axis")?)?, value.parse().ok()?),
        "scale-text" => Msg::SetScaleText {
            axis: axis(&data("axis")?)?,
            index: index()?,
            field: match data("field")?.as_str() {
                "label" => ScaleField::Label,
                "description" => ScaleField::Description,
                _ => ScaleField::Guidance,
            },
            value,
        },
        "cell" => Msg::CycleCell {
            likelihood: data("l")?.parse().ok()?,
            impact: data("i")?.parse().ok()?,
        },
        "rule" => Msg::SetRule(match value.as_str() {
            "product" => RuleChoice::Formula(Formula::Product),
            "sum" => RuleChoice::Formula(Formula::Sum),
            _ => RuleChoice::Matrix,
        }),
        "threshold" => Msg::SetThreshold {
            index: index()?,
            min_score: value.trim().parse().ok()?,
        },
        "level" => Msg::SetLevel {
            index: index()?,
            field: match data("field")?.as_str() {
                "label" => LevelField::Label,
                "color" => LevelField::Color,
                _ => LevelField::ReviewDays,
            },
            value,
        },
        "appetite" => Msg::SetAppetite(value),
        "aggregation" => Msg::SetAggregation(if value == "mean" {
            Aggregation::Mean
        } else {
            Aggregation::Max
        }),
        "dimension-label" => Msg::RenameDimension {
            index: index()?,
            label: value,
        },
        "dimension-remove" => Msg::RemoveDimension(data("id")?),
        "dimension-add" => {
            let input = super::dom::document().get_element_by_id("new-dimension")?;
            Msg::AddDimension(value_of(&input))
        }
        "dismiss" => Msg::DismissNotice,
        "lib-create" => {
            let input = super::dom::document().get_element_by_id("lib-new-name")?;
            return Some(Action::Library(LibraryMsg::Create(value_of(&input))));
        }
        "lib-open" => return Some(Action::Library(LibraryMsg::Open(data("id")?))),
        "lib-duplicate" => return Some(Action::Library(LibraryMsg::Duplicate(data("id")?))),
        "lib-delete" => return Some(Action::Library(LibraryMsg::Delete(data("id")?))),
        "lib-undo-delete" => return Some(Action::Library(LibraryMsg::UndoDelete)),
        "lib-delete-backup" => {
            return Some(Action::Library(LibraryMsg::DeleteBackup(data("key")?)))
        }
        "seed-create" => return Some(Action::Library(LibraryMsg::CreateFromSeed)),
        "seed-discard" => return Some(Action::Library(LibraryMsg::DiscardSeed)),
        "lib-rename" => {
            let input = super::dom::document().get_element_by_id(&data("input")?)?;
            return Some(Action::Library(LibraryMsg::Rename(
                data("id")?,
                value_of(&input),
            )));
        }
        "nav" => Msg::Navigate(match data("view")?.as_str() {
            "method" => View::Method,
            "data" => View::Data,
            "assessments" => View::Assessments,
            "catalog" => View::Catalog,
            "history" => View::History,
            "treatment" => View::Treatment,
            "plan" => View::Plan,
            "soa" => View::Soa,
            "reports" => View::Reports,
            "workshop" => View::Workshop,
            _ => View::Register,
        }),
        "undo" => Msg::Undo,
        "method-reason" => Msg::SetMethodReason(value),
        "apply-method" => Msg::ApplyMethod,
        "discard-draft" => Msg::DiscardDraft,
        "redo" => Msg::Redo,
        other => match super::events_data::action(other, &control, &value) {
            Some(action) => return Some(action),
            None => match register_msg(other, &control, &value) {
                Some(register) => Msg::Register(register),
                None => match super::events_treatment::msg(other, &control, &value) {
                    Some(msg) => msg,
                    None => super::events_registry::msg(other, &control, &value)?,
                },
            },
        },
    };
    Some(Action::Update(msg))
}

/// The register screen's controls.
fn register_msg(name: &str, control: &Element, value: &str) -> Option<RegisterMsg> {
    let data = |key: &str| control.get_attribute(&format!("data-{key}"));
    let value = value.to_string();
    Some(match name {
        "risk-new" => RegisterMsg::NewRisk,
        "risk-edit" => RegisterMsg::EditRisk(data("id")?),
        "risk-delete" => RegisterMsg::Delete(data("id")?),
        "risk-review" => RegisterMsg::Review(data("id")?),
        "risk-save" => RegisterMsg::Save,
        "risk-cancel" => RegisterMsg::Cancel,
        "rf-resolve" => RegisterMsg::Resolve(match data("resolution")?.as_str() {
            "keep" => Resolution::KeepMine,
            "theirs" => Resolution::TakeTheirs,
            "merge" => Resolution::Merge,
            _ => return None,
        }),
        "rf-conflict-choice" => {
            RegisterMsg::ConflictChoice(data("member")?, data("theirs")?.as_str() == "true")
        }
        "risk-field" => {
            let tier = data("tier").and_then(|t| tier(&t));
            let field = match data("field")?.as_str() {
                "title" => RiskField::Title,
                "scenario" => RiskField::Scenario,
                "consequence" => RiskField::Consequence,
                "owner" => RiskField::Owner,
                "existing_controls" => RiskField::ExistingControls,
                "tags" => RiskField::Tags,
                "treatment" => RiskField::Treatment,
                "threat" => RiskField::Threat,
                "vulnerability" => RiskField::Vulnerability,
                "reviewed_on" => RiskField::ReviewedOn,
                "reason" => RiskField::Reason,
                "asset" => {
                    return Some(RegisterMsg::Field(
                        RiskField::Asset(data("asset")?),
                        checked(control).to_string(),
                    ))
                }
                "likelihood" => RiskField::Likelihood(tier?),
                "impact" => RiskField::Impact(tier?, data("dim")?),
                _ => return None,
            };
            RegisterMsg::Field(field, value)
        }
        "filter-text" => RegisterMsg::Search(value),
        "filter-level" => RegisterMsg::FilterLevel(value),
        "filter-owner" => RegisterMsg::FilterOwner(value),
        "filter-asset" => RegisterMsg::FilterAsset(value),
        "filter-treatment" => RegisterMsg::FilterTreatment(value),
        "filter-tags" => RegisterMsg::FilterTags(value),
        "filter-overdue" => RegisterMsg::FilterOverdue(checked(control)),
        "filter-clear" => RegisterMsg::ClearFilters,
        "filter-cell" => RegisterMsg::FilterCell(
            tier(&data("tier")?)?,
            data("l")?.parse().ok()?,
            data("i")?.parse().ok()?,
        ),
        "sort" => RegisterMsg::Sort(match data("key")?.as_str() {
            "title" => SortKey::Title,
            "owner" => SortKey::Owner,
            "inherent" => SortKey::Inherent,
            "current" => SortKey::Current,
            "residual" => SortKey::Residual,
            "treatment" => SortKey::Treatment,
            "review_due" => SortKey::ReviewDue,
            _ => SortKey::Id,
        }),
        "page" => RegisterMsg::Page(data("page")?.parse().ok()?),
        _ => return None,
    })
}

fn tier(name: &str) -> Option<Tier> {
    Tier::ALL.into_iter().find(|t| t.name() == name)
}

fn checked(element: &Element) -> bool {
    element
        .dyn_ref::<HtmlInputElement>()
        .is_some_and(HtmlInputElement::checked)
}

/// Keyboard shortcuts that work anywhere outside a text field: N adds a
/// risk, Ctrl+Z undoes, Ctrl+Shift+Z or Ctrl+Y redoes. Escape closes the
/// risk form from anywhere.
/// In presentation mode (`presenting`) the keys drive the walk-through
/// instead (see `events_workshop::key`).
pub(crate) fn shortcut(event: &web_sys::KeyboardEvent, presenting: bool) -> Option<Msg> {
    if presenting {
        // It tells typing from keys itself (and lets Esc and Enter leave a field).
        return super::events_workshop::key(event);
    }
    let typing = event
        .target()
        .and_then(|t| t.dyn_into::<Element>().ok())
        .is_some_and(|e| is_text_entry(&e));
    let key = event.key();
    if key == "Escape" {
        return Some(Msg::Escape);
    }
    if typing || event.alt_key() {
        return None;
    }
    let command = event.ctrl_key() || event.meta_key();
    match (command, event.shift_key(), key.as_str()) {
        (true, false, "z" | "Z") => Some(Msg::Undo),
        (true, true, "z" | "Z") | (true, false, "y") => Some(Msg::Redo),
        (false, false, "n") => Some(Msg::Register(RegisterMsg::NewRisk)),
        (false, false, "p" | "P") => Some(Msg::Workshop(crate::app::workshop::WorkshopMsg::Toggle)),
        _ => None,
    }
}

/// Whether keys pressed in `element` are the user's text (or a choice in a
/// list), never the app's shortcuts: fields, lists, text areas and
/// editable content.
pub(crate) fn is_text_entry(element: &Element) -> bool {
    matches!(element.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
        || element
            .dyn_ref::<web_sys::HtmlElement>()
            .is_some_and(|e| e.is_content_editable())
}

fn axis(key: &str) -> Option<Axis> {
    [Axis::Likelihood, Axis::Impact]
        .into_iter()
        .find(|&a| axis_key(a) == key)
}

fn value_of(element: &Element) -> String {
    if let Some(input) = element.dyn_ref::<HtmlInputElement>() {
        input.value()
    } else if let Some(select) = element.dyn_ref::<HtmlSelectElement>() {
        select.value()
    } else if let Some(area) = element.dyn_ref::<HtmlTextAreaElement>() {
        area.value()
    } else {
        String::new()
    }
}
