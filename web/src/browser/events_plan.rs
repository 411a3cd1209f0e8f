//! Reads the plan screen's controls (named `plan-…`) into messages.

use crate::app::plan::PlanMsg;
use crate::app::state::Msg;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlInputElement};

/// The message of the control `control` named `name`, if it is one of ours.
pub(crate) fn msg(name: &str, control: &Element, value: &str) -> Option<Msg> {
    let _data = |key: &str| control.get_attribute(&format!("data-{key}"));
    let _ = value;
    match name {
        "plan-overdue" => Some(Msg::Plan(PlanMsg::OverdueOnly(checked(control)))),
        _ => None,
    }
}

#[allow(dead_code)]
fn checked(element: &Element) -> bool {
    element
        .dyn_ref::<HtmlInputElement>()
        .is_some_and(HtmlInputElement::checked)
}
