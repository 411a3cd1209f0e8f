//! Reads the soa screen's controls (named `soa-…`) into messages.

use crate::app::soa::SoaMsg;
use crate::app::state::Msg;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlInputElement};

/// The message of the control `control` named `name`, if it is one of ours.
pub(crate) fn msg(name: &str, control: &Element, value: &str) -> Option<Msg> {
    let data = |key: &str| control.get_attribute(&format!("data-{key}"));
    let _ = value;
    match name {
        "soa-edit" => Some(Msg::Soa(SoaMsg::Edit(data("id")?))),
        _ => None,
    }
}

#[allow(dead_code)]
fn checked(element: &Element) -> bool {
    element
        .dyn_ref::<HtmlInputElement>()
        .is_some_and(HtmlInputElement::checked)
}
