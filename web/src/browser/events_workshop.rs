//! Reads presentation mode's controls (named `ws-…`) into messages.

use crate::app::state::Msg;
use crate::app::workshop::WorkshopMsg;
use web_sys::Element;

/// The message of the control `control` named `name`, if it is one of ours.
pub(crate) fn msg(name: &str, control: &Element, value: &str) -> Option<Msg> {
    let _ = (control, value);
    match name {
        "ws-toggle" => Some(Msg::Workshop(WorkshopMsg::Toggle)),
        _ => None,
    }
}
