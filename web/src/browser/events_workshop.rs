//! Reads presentation mode's controls (named `ws-…`) and keys into messages.

use crate::app::state::Msg;
use crate::app::workshop::{SessionField, WorkshopMsg};
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, KeyboardEvent};

/// The message of the control `control` named `name`, if it is one of ours.
pub(crate) fn msg(name: &str, control: &Element, value: &str) -> Option<Msg> {
    let data = |key: &str| control.get_attribute(&format!("data-{key}"));
    let ws = |m: WorkshopMsg| Some(Msg::Workshop(m));
    match name {
        "ws-toggle" => ws(WorkshopMsg::Toggle),
        "ws-key" => ws(WorkshopMsg::Key(data("key")?)),
        "ws-end" => ws(WorkshopMsg::End),
        "ws-agree" => ws(WorkshopMsg::RecordAgreed {
            likelihood: data("l")?.parse().ok()?,
            impact: data("i")?.parse().ok()?,
        }),
        "ws-setup" => ws(WorkshopMsg::ToggleSetup),
        "ws-remove-vote" => ws(WorkshopMsg::RemoveVote(data("index")?.parse().ok()?)),
        "ws-field" => {
            let field = match data("field")?.as_str() {
                "title" => SessionField::Title,
                "facilitator" => SessionField::Facilitator,
                "participants" => SessionField::Participants,
                "notes" => SessionField::RiskNotes,
                "voter" => SessionField::VoterName,
                "dissent" => SessionField::Dissent,
                _ => return None,
            };
            ws(WorkshopMsg::Field(field, value.to_string()))
        }
        _ => None,
    }
}

/// The field being typed in, if the key's target is one: an input, a
/// select, a text area or anything contenteditable.
fn typing_in(event: &KeyboardEvent) -> Option<HtmlElement> {
    let element = event.target()?.dyn_into::<HtmlElement>().ok()?;
    let field = matches!(element.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
        || element.is_content_editable();
    field.then_some(element)
}

/// The keys presentation mode reads (outside text fields); other keys keep
/// their usual meaning, Tab included.
///
/// A key typed in a field is the field's: it never scores, votes or leaves.
/// Esc in a field, and Enter in a one-line field, only leave the field (so
/// "Alice", Enter, 4, 5 names a vote and then casts it).
pub(crate) fn key(event: &KeyboardEvent) -> Option<Msg> {
    let key = event.key();
    if let Some(field) = typing_in(event) {
        let one_line = field.tag_name() == "INPUT";
        if key == "Escape" || (key == "Enter" && one_line) {
            let _ = field.blur();
        }
        return None;
    }
    let command = event.ctrl_key() || event.meta_key();
    if command {
        return match key.as_str() {
            "z" | "Z" if !event.shift_key() => Some(Msg::Workshop(WorkshopMsg::Key("u".into()))),
            _ => None,
        };
    }
    if event.alt_key() {
        return None;
    }
    let known = matches!(
        key.as_str(),
        "ArrowRight" | "ArrowLeft" | "PageDown" | "PageUp" | "Escape" | "?"
    ) || (key.len() == 1
        && key
            .chars()
            .next()
            .is_some_and(|c| "123456789jJkKlLiItTaAvVsSuUpP".contains(c)));
    known.then_some(Msg::Workshop(WorkshopMsg::Key(key)))
}
