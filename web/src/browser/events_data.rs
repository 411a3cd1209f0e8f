//! The export and import screen's controls.

use super::Action;
use crate::app::data::{field_from_key, DataMsg};
use crate::app::state::Msg;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlInputElement};

/// The action of a data-screen control named `name`, if it is one.
pub(crate) fn action(name: &str, control: &Element, value: &str) -> Option<Action> {
    if let Some(action) = super::events_soa::action(name, control) {
        return Some(action);
    }
    let msg = match name {
        "export-csv" => return Some(Action::ExportCsv),
        "report-print" => return Some(Action::Print),
        "ws-export" => return Some(Action::ExportWorkshop),
        "data-import-new" => {
            return Some(Action::Library(
                crate::app::library::LibraryMsg::ImportAsNew,
            ))
        }
        "data-file" => {
            let input = control.dyn_ref::<HtmlInputElement>()?;
            let file = input.files()?.get(0)?;
            // The input outlives re-renders (see patch.rs): emptied, it
            // sends `change` again when the same file is chosen again.
            input.set_value("");
            return Some(Action::ReadFile(file.into()));
        }
        "data-map" => DataMsg::SetMapping {
            column: control.get_attribute("data-column")?.parse().ok()?,
            field: field_from_key(value),
        },
        "data-import-csv" => DataMsg::ConfirmCsv,
        "data-replace" => DataMsg::ReplaceWithJson,
        "data-merge" => DataMsg::MergeJson,
        "data-cancel" => DataMsg::Cancel,
        "data-undo-import" => DataMsg::UndoReplace,
        "data-dismiss" => DataMsg::DismissOutcome,
        _ => return None,
    };
    Some(Action::Update(Msg::Data(msg)))
}
