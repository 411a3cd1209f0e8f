//! Reads the SoA screen's controls (named `soa-…`) into messages.

use super::Action;
use crate::app::custom::{CustomAttribute, CustomField, CustomMsg};
use crate::app::soa::{SoaField, SoaFilter, SoaMsg};
use crate::app::state::Msg;
use crate::app::treat::TreatMsg;
use riskwright_engine::document::InclusionReason;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlInputElement};

/// The browser action of a SoA control that needs more than a message:
/// the CSV download and reading the chosen file.
pub(crate) fn action(name: &str, control: &Element) -> Option<Action> {
    match name {
        "soa-export-csv" => Some(Action::ExportSoaCsv),
        "soa-file" => {
            let file = control.dyn_ref::<HtmlInputElement>()?.files()?.get(0)?;
            Some(Action::ReadSoaFile(file.into()))
        }
        _ => None,
    }
}

/// The message of the control `control` named `name`, if it is one of ours.
pub(crate) fn msg(name: &str, control: &Element, value: &str) -> Option<Msg> {
    let data = |key: &str| control.get_attribute(&format!("data-{key}"));
    let value = value.to_string();
    let soa = |m: SoaMsg| Some(Msg::Soa(m));
    match name {
        "soa-edit" => soa(SoaMsg::Edit(data("id")?)),
        "soa-fix-risk" => Some(Msg::Treat(TreatMsg::Open(data("id")?))),
        "soa-save" => soa(SoaMsg::Save),
        "soa-confirm-save" => soa(SoaMsg::ConfirmSave),
        "soa-select" => soa(SoaMsg::Select(data("id")?, checked(control))),
        "soa-select-theme" => soa(SoaMsg::SelectShown(data("theme"), checked(control))),
        "soa-select-shown" => soa(SoaMsg::SelectShown(None, true)),
        "soa-select-none" => soa(SoaMsg::ClearSelection),
        "soa-bulk-justification" => soa(SoaMsg::BulkJustification(value)),
        "soa-bulk-include" => soa(SoaMsg::Bulk(true)),
        "soa-bulk-exclude" => soa(SoaMsg::Bulk(false)),
        "soa-bulk-confirm" => soa(SoaMsg::ConfirmBulk),
        "soa-bulk-cancel" => soa(SoaMsg::CancelBulk),
        "soa-clear" => soa(SoaMsg::Clear),
        "soa-cancel" => soa(SoaMsg::Cancel),
        "soa-filter" => soa(SoaMsg::Filter(SoaFilter::parse(&value))),
        "soa-search" => soa(SoaMsg::Search(value)),
        "soa-import-confirm" => soa(SoaMsg::ConfirmImport),
        "soa-import-cancel" => soa(SoaMsg::CancelImport),
        "soa-dismiss" => soa(SoaMsg::DismissOutcome),
        "soa-cc-new" => soa(SoaMsg::Custom(CustomMsg::New)),
        "soa-cc-edit" => soa(SoaMsg::Custom(CustomMsg::Edit(data("id")?))),
        "soa-cc-delete" => soa(SoaMsg::Custom(CustomMsg::Delete(data("id")?))),
        "soa-cc-save" => soa(SoaMsg::Custom(CustomMsg::Save)),
        "soa-cc-cancel" => soa(SoaMsg::Custom(CustomMsg::Cancel)),
        "soa-cc-field" => {
            let field = match data("field")?.as_str() {
                "id" => CustomField::Id,
                "title" => CustomField::Title,
                "source" => CustomField::Source,
                "theme" => CustomField::Theme,
                "guidance" => CustomField::Guidance,
                "evidence" => CustomField::Evidence,
                _ => return None,
            };
            soa(SoaMsg::Custom(CustomMsg::Field(field, value)))
        }
        "soa-cc-attr" => {
            let attribute = CustomAttribute::parse(&data("group")?, &data("value")?)?;
            let on = control
                .dyn_ref::<HtmlInputElement>()
                .is_some_and(HtmlInputElement::checked);
            soa(SoaMsg::Custom(CustomMsg::Attribute(attribute, on)))
        }
        "soa-field" => {
            let field = match data("field")?.as_str() {
                "applicable" => SoaField::Applicable,
                "reason" => {
                    let key = data("reason")?;
                    let reason = InclusionReason::ALL
                        .into_iter()
                        .find(|r| r.as_str() == key)?;
                    return soa(SoaMsg::Field(
                        SoaField::Reason(reason),
                        checked(control).to_string(),
                    ));
                }
                "reason-note" => SoaField::ReasonNote,
                "justification" => SoaField::Justification,
                "status" => SoaField::Status,
                "evidence" => SoaField::Evidence,
                "owner" => SoaField::Owner,
                "reviewed" => SoaField::ReviewedOn,
                _ => return None,
            };
            soa(SoaMsg::Field(field, value))
        }
        _ => None,
    }
}

fn checked(element: &Element) -> bool {
    element
        .dyn_ref::<HtmlInputElement>()
        .is_some_and(HtmlInputElement::checked)
}
