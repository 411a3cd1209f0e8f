//! Reads the controls of the treatment, plan, SoA and reports screens into
//! messages, each screen in its own module. Called from `events.rs` for
//! names it does not know.

use crate::app::reports::Report;
use crate::app::state::Msg;
use web_sys::Element;

/// The message of the control `control` named `name`, if it is one of ours.
pub(crate) fn msg(name: &str, control: &Element, value: &str) -> Option<Msg> {
    if name.starts_with("treat-") {
        return super::events_treat::msg(name, control, value);
    }
    if name.starts_with("plan-") {
        return super::events_plan::msg(name, control, value);
    }
    if name.starts_with("ws-") {
        return super::events_workshop::msg(name, control, value);
    }
    if name.starts_with("soa-") {
        return super::events_soa::msg(name, control, value);
    }
    match name {
        "report" => Some(Msg::Report(
            match control.get_attribute("data-report")?.as_str() {
                "assessment" => Report::Assessment,
                "plan" => Report::TreatmentPlan,
                "soa" => Report::Soa,
                _ => Report::Methodology,
            },
        )),
        _ => None,
    }
}
