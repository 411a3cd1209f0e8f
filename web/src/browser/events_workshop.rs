//! Reads presentation mode's controls (named `ws-…`) and keys into messages.

use crate::app::state::Msg;
use crate::app::workshop::{SessionField, WorkshopMsg};
use web_sys::{Element, KeyboardEvent};

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
        "ws-remove-vote" => ws(WorkshopMsg::RemoveVote(data("index")?.parse().ok()?)),
        "ws-field" => {
            let field = match data("field")?.as_str() {
                "title" => SessionField::Title,
                "facilitator" => SessionField::Facilitator,
                "participants" => SessionField::Participants,
                "notes" => SessionField::RiskNotes,
                "voter" => SessionField::VoterName,
                _ => SessionField::Dissent,
            };
            ws(WorkshopMsg::Field(field, value.to_string()))
        }
        _ => None,
    }
}

/// The keys presentation mode reads (outside text fields); other keys keep
/// their usual meaning, Tab included.
pub(crate) fn key(event: &KeyboardEvent) -> Option<Msg> {
    let key = event.key();
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
