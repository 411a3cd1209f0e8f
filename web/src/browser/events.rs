//! Reads a DOM event into an `Action`. Controls carry `data-msg` (what they
//! change), `data-event` (which event sends it) and any indexes it needs.

use super::view::axis_key;
use super::Action;
use crate::app::state::{LevelField, Msg, RuleChoice, ScaleField, StorageEvent};
use riskwright_engine::method::{Aggregation, Axis, Formula};
use wasm_bindgen::JsCast;
use web_sys::{Element, Event, HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};

/// The action `event` asks for, if any.
pub(crate) fn action(event: &Event) -> Option<Action> {
    let target: Element = event.target()?.dyn_into().ok()?;
    let control = target.closest("[data-msg]").ok()??;
    if control.get_attribute("data-event").as_deref() != Some(event.type_().as_str()) {
        return None;
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
        _ => return None,
    };
    Some(Action::Update(msg))
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
