//! Reads the controls of the "Assets and threats" and "History" screens
//! into messages. Called from `events.rs` for names it does not know.

use crate::app::catalog::{CatalogMsg, ItemField, Kind, PROPERTIES};
use crate::app::history::{HistoryMsg, Side};
use crate::app::state::Msg;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlInputElement};

/// The message of the control `control` named `name`, if it is one of ours.
pub(crate) fn msg(name: &str, control: &Element, value: &str) -> Option<Msg> {
    let data = |key: &str| control.get_attribute(&format!("data-{key}"));
    let kind = || match data("kind")?.as_str() {
        "asset" => Some(Kind::Asset),
        "threat" => Some(Kind::Threat),
        "vulnerability" => Some(Kind::Vulnerability),
        _ => None,
    };
    let value = value.to_string();
    let catalog = |m: CatalogMsg| Some(Msg::Catalog(m));
    let history = |m: HistoryMsg| Some(Msg::History(m));
    match name {
        "cat-new" => catalog(CatalogMsg::New(kind()?)),
        "cat-edit" => catalog(CatalogMsg::Edit(kind()?, data("id")?)),
        "cat-delete" => catalog(CatalogMsg::Delete(kind()?, data("id")?)),
        "cat-save" => catalog(CatalogMsg::Save),
        "cat-cancel" => catalog(CatalogMsg::Cancel),
        "cat-search" => catalog(CatalogMsg::Search(value)),
        "cat-starter" => catalog(CatalogMsg::AddStarter(kind()?, data("id")?)),
        "cat-field" => {
            let field = match data("field")?.as_str() {
                "name" => ItemField::Name,
                "description" => ItemField::Description,
                "owner" => ItemField::Owner,
                "type" => ItemField::AssetType,
                "origin" => ItemField::Origin,
                "valuation" => ItemField::Valuation(data("dim")?),
                "property" => {
                    let letter = data("prop")?;
                    let (p, _, _) = PROPERTIES.iter().find(|(_, l, _)| *l == letter)?;
                    let checked = control
                        .dyn_ref::<HtmlInputElement>()
                        .is_some_and(HtmlInputElement::checked);
                    return catalog(CatalogMsg::Field(
                        ItemField::Property(*p),
                        checked.to_string(),
                    ));
                }
                _ => return None,
            };
            catalog(CatalogMsg::Field(field, value))
        }
        "hist-risk" => history(HistoryMsg::SelectRisk(value)),
        "hist-snapshot-name" => history(HistoryMsg::SnapshotName(value)),
        "hist-snapshot-take" => history(HistoryMsg::TakeSnapshot),
        "hist-snapshot-delete" => history(HistoryMsg::DeleteSnapshot(data("index")?.parse().ok()?)),
        "hist-from" => history(HistoryMsg::From(Side::parse(&value)?)),
        "hist-to" => history(HistoryMsg::To(Side::parse(&value)?)),
        _ => None,
    }
}
