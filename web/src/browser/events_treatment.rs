//! Reads the controls of the treatment, plan, SoA and reports screens into
//! messages. Called from `events.rs` for names it does not know.

use crate::app::plan::PlanMsg;
use crate::app::reports::Report;
use crate::app::soa::SoaMsg;
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
        "plan-overdue" => Some(Msg::Plan(PlanMsg::OverdueOnly(checked(control)))),
        "soa-edit" => Some(Msg::Soa(SoaMsg::Edit(data("id")?))),
        "report" => Some(Msg::Report(match data("report")?.as_str() {
            "assessment" => Report::Assessment,
            "plan" => Report::TreatmentPlan,
            "soa" => Report::Soa,
            _ => Report::Methodology,
        })),
        _ => None,
    }
}

fn checked(element: &Element) -> bool {
    element
        .dyn_ref::<HtmlInputElement>()
        .is_some_and(HtmlInputElement::checked)
}
