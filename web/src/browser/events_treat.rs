//! Reads the treat screen's controls (named `treat-…`) into messages.

use crate::app::state::Msg;
use crate::app::treat::TreatMsg;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlInputElement};

/// The message of the control `control` named `name`, if it is one of ours.
pub(crate) fn msg(name: &str, control: &Element, value: &str) -> Option<Msg> {
    let data = |key: &str| control.get_attribute(&format!("data-{key}"));
    let _ = value;
    match name {
        "treat-open" => Some(Msg::Treat(TreatMsg::Open(data("id")?))),
        _ => None,
    }
}

#[allow(dead_code)]
fn checked(element: &Element) -> bool {
    element
        .dyn_ref::<HtmlInputElement>()
        .is_some_and(HtmlInputElement::checked)
}
