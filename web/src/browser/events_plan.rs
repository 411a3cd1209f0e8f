//! Reads the plan screen's controls (named `plan-…`) into messages.

use crate::app::plan::{ActionField, PlanMsg};
use crate::app::state::Msg;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlInputElement};

/// The message of the control `control` named `name`, if it is one of ours.
pub(crate) fn msg(name: &str, control: &Element, value: &str) -> Option<Msg> {
    let data = |key: &str| control.get_attribute(&format!("data-{key}"));
    let value = value.to_string();
    let plan = |m: PlanMsg| Some(Msg::Plan(m));
    match name {
        "plan-overdue" => plan(PlanMsg::OverdueOnly(checked(control))),
        "plan-new" => plan(PlanMsg::New),
        "plan-edit" => plan(PlanMsg::Edit(data("id")?)),
        "plan-delete" => plan(PlanMsg::Delete(data("id")?)),
        "plan-save" => plan(PlanMsg::Save),
        "plan-cancel" => plan(PlanMsg::Cancel),
        "plan-status" => plan(PlanMsg::SetStatus(data("id")?, value)),
        "plan-field" => {
            let field = match data("field")?.as_str() {
                "title" => ActionField::Title,
                "control" => ActionField::Control,
                "owner" => ActionField::Owner,
                "due" => ActionField::Due,
                "status" => ActionField::Status,
                "note" => ActionField::Note,
                "risk" => {
                    return plan(PlanMsg::Field(
                        ActionField::Risk(data("risk")?),
                        checked(control).to_string(),
                    ))
                }
                _ => return None,
            };
            plan(PlanMsg::Field(field, value))
        }
        _ => None,
    }
}

fn checked(element: &Element) -> bool {
    element
        .dyn_ref::<HtmlInputElement>()
        .is_some_and(HtmlInputElement::checked)
}
