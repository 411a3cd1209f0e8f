//! Reads the treat screen's controls (named `treat-…`) into messages.

use crate::app::state::{Msg, View};
use crate::app::treat::{
    parse_effectiveness, parse_option, parse_status, AcceptField, OverrideField, TreatMsg,
};
use riskwright_engine::catalogue::ControlType;
use riskwright_engine::document::Tier;
use web_sys::Element;

/// The message of the control `control` named `name`, if it is one of ours.
pub(crate) fn msg(name: &str, control: &Element, value: &str) -> Option<Msg> {
    let data = |key: &str| control.get_attribute(&format!("data-{key}"));
    let tier = || {
        let name = data("tier")?;
        Tier::ALL.into_iter().find(|t| t.name() == name)
    };
    let value = value.to_string();
    let treat = |m: TreatMsg| Some(Msg::Treat(m));
    match name {
        "treat-open" => treat(TreatMsg::Open(data("id")?)),
        "treat-back" => Some(Msg::Navigate(View::Register)),
        "treat-option" => treat(TreatMsg::ChooseOption(parse_option(&value)?)),
        "treat-justification" => treat(TreatMsg::Justification(value)),
        "treat-save-decision" => treat(TreatMsg::SaveDecision),
        "treat-apply" => treat(TreatMsg::ApplyControl(data("id")?)),
        "treat-control-input" => treat(TreatMsg::ControlInput(value)),
        "treat-add-control" => treat(TreatMsg::AddControl),
        "treat-status" => treat(TreatMsg::SetStatus(data("id")?, parse_status(&value)?)),
        "treat-effectiveness" => treat(TreatMsg::SetEffectiveness(
            data("id")?,
            parse_effectiveness(&value)?,
        )),
        "treat-acts" => treat(TreatMsg::SetActsThrough(
            data("id")?,
            ControlType::parse(&value)?,
        )),
        "treat-remove" => treat(TreatMsg::RemoveControl(data("id")?)),
        "treat-override-open" => treat(TreatMsg::OpenOverride(tier()?)),
        "treat-override-field" => {
            let field = match data("field")?.as_str() {
                "likelihood" => OverrideField::Likelihood,
                "impact" => OverrideField::Impact(data("dim")?),
                "justification" => OverrideField::Justification,
                _ => return None,
            };
            treat(TreatMsg::OverrideField(tier()?, field, value))
        }
        "treat-override-apply" => treat(TreatMsg::ApplyOverride(tier()?)),
        "treat-override-cancel" => treat(TreatMsg::CancelOverride(tier()?)),
        "treat-override-clear" => treat(TreatMsg::FollowControls(tier()?)),
        "treat-accept-field" => {
            let field = match data("field")?.as_str() {
                "by" => AcceptField::By,
                "on" => AcceptField::On,
                "note" => AcceptField::Note,
                _ => return None,
            };
            treat(TreatMsg::AcceptField(field, value))
        }
        "treat-accept" => treat(TreatMsg::Accept),
        "treat-withdraw" => treat(TreatMsg::Withdraw),
        "treat-reproject" => treat(TreatMsg::Reproject),
        _ => None,
    }
}
