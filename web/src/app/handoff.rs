//! What the first load hands to the whole workbench when the user opens a
//! screen it does not have (see ARCHITECTURE.md, "Two app modules").
//!
//! The assessment itself travels through storage, which the first load has
//! saved after every change; the handoff carries what storage does not: the
//! screen, the register's filters and open form, undo and redo, a method
//! draft not yet in force, the notice on screen, and, after a failed save,
//! the change storage is missing.

use super::register::RegisterUi;
use super::state::{AppState, Notice, View};
use super::store::{stored_revision, KeyValueStore};
use riskwright_engine::document::{read_value, Assessment};
use riskwright_engine::method::Method;
use riskwright_engine::register::RegisterEdit;
use riskwright_engine::Diagnostic;
use serde::{Deserialize, Serialize};

/// One tab's working state, from the first load to the whole workbench.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Handoff {
    /// The screen shown.
    pub view: View,
    /// The register's filters, sort, page and open form.
    pub register: RegisterUi,
    /// Inverses of the edits made, newest last.
    #[serde(deserialize_with = "edits")]
    pub undo: Vec<RegisterEdit>,
    /// Inverses of the edits undone, newest last.
    #[serde(deserialize_with = "edits")]
    pub redo: Vec<RegisterEdit>,
    /// The method being edited, when it is not the one in force.
    #[serde(deserialize_with = "draft")]
    pub draft: Option<Method>,
    /// Why the method is changing.
    pub method_reason: String,
    /// The notice on screen.
    pub notice: Option<Notice>,
    /// The revision this tab last read or saved.
    pub revision: u64,
    /// The assessment as this tab holds it, when storage does not have it
    /// (a failed or refused save).
    pub unsaved: Option<String>,
}

impl AppState {
    /// What the whole workbench needs to go on where this state is.
    pub fn handoff(&self) -> Handoff {
        Handoff {
            view: self.view,
            register: self.register.clone(),
            undo: self.undo.clone(),
            redo: self.redo.clone(),
            draft: (self.draft != self.assessment.method).then(|| self.draft.clone()),
            method_reason: self.method_reason.clone(),
            notice: self.notice.clone(),
            revision: self.revision,
            unsaved: self.unsaved.then(|| self.assessment.to_json_string()),
        }
    }

    /// The handoff as JSON, for the page to pass on.
    pub fn handoff_json(&self) -> String {
        // Plain data with string keys: serialising cannot fail.
        serde_json::to_string(&self.handoff()).unwrap_or_default()
    }

    /// Goes on from `handoff`, in a state just opened from the same storage.
    /// A handoff from another tab's older revision keeps this state's
    /// assessment and drops the undo steps, which belong to that revision.
    pub fn resume(&mut self, handoff: Handoff, store: &dyn KeyValueStore, now: &str) {
        let current = stored_revision(store).is_ok_and(|r| r == handoff.revision);
        if let Some(text) = handoff.unsaved.as_deref() {
            // The change storage is missing: keep it, unsaved, as the first
            // load had it, and let the next save say what is wrong.
            if let Ok(assessment) = Assessment::from_json_str(text) {
                self.assessment = assessment;
                self.revision = handoff.revision;
                self.unsaved = true;
                self.history_written = None;
                self.snapshots_written = None;
            }
        }
        // A workshop restored at start goes on: the first load, which has
        // no workshop screen, handed over for it.
        if !(self.view == View::Workshop && self.workshop.active) {
            self.view = handoff.view;
        }
        self.register = handoff.register;
        if current || self.unsaved {
            self.undo = handoff.undo;
            self.redo = handoff.redo;
        }
        self.method_reason = handoff.method_reason;
        if handoff.notice.is_some() {
            self.notice = handoff.notice;
        }
        if let Some(draft) = handoff.draft {
            self.draft = draft;
            // Recomputes the draft's problems or pending re-scoring. The
            // first load would already have put a draft in force that moves
            // nothing, so this changes no risk.
            self.adopt_draft(now);
        }
    }
}

/// Edits in their wire format, read with the engine's own reader (serde's
/// derive for an internally tagged enum would add a second copy of every
/// payload type's decoder to the wasm).
fn edits<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<RegisterEdit>, D::Error> {
    let values = Vec::<serde_json::Value>::deserialize(d)?;
    values
        .iter()
        .enumerate()
        .map(|(k, v)| {
            RegisterEdit::from_wire_value(v, &format!("[{k}]")).map_err(|problems| {
                serde::de::Error::custom(riskwright_engine::diagnostic::join(&problems))
            })
        })
        .collect()
}

/// The draft method, read with the engine's document reader (serde's derive
/// would add a second decoder of the method to the wasm).
fn draft<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Method>, D::Error> {
    let value = serde_json::Value::deserialize(d)?;
    read_value(&value, "$.draft").map_err(|problems| {
        serde::de::Error::custom(riskwright_engine::diagnostic::join(&problems))
    })
}

/// Reads a handoff written by [`AppState::handoff_json`].
pub fn parse(text: &str) -> Result<Handoff, Vec<Diagnostic>> {
    let value: serde_json::Value = serde_json::from_str(text)
        .map_err(|e| vec![Diagnostic::new("$", format!("not valid JSON: {e}"))])?;
    riskwright_engine::document::deserialize_value(&value, "$").map_err(|d| vec![d])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::register::RegisterMsg;
    use crate::app::startup;
    use crate::app::state::Msg;
    use crate::app::store::{MemoryStore, DOCUMENT_KEY};

    const NOW: &str = "2026-12-01T10:00:00.000Z";

    /// A tab that added a risk, filtered the register and opened a form.
    fn busy_tab(store: &mut MemoryStore) -> AppState {
        let mut s = startup::open(store, NOW);
        s.update(Msg::Register(RegisterMsg::NewRisk), NOW);
        s.update(
            Msg::Register(RegisterMsg::Field(
                crate::app::register::RiskField::Title,
                "Laptop theft".into(),
            )),
            NOW,
        );
        assert!(s.update(Msg::Register(RegisterMsg::Save), NOW));
        s.save(store);
        s.update(Msg::Register(RegisterMsg::Search("laptop".into())), NOW);
        s.update(Msg::Register(RegisterMsg::NewRisk), NOW);
        s
    }

    fn through_json(state: &AppState) -> Handoff {
        parse(&state.handoff_json()).expect("a handoff reads back")
    }

    #[test]
    fn the_workbench_goes_on_with_undo_filters_and_the_open_form() {
        let mut store = MemoryStore::default();
        let tab = busy_tab(&mut store);
        let mut next = startup::open(&mut store, NOW);
        next.resume(through_json(&tab), &store, NOW);
        assert_eq!(next.assessment, tab.assessment);
        assert_eq!(next.register, tab.register, "filters and the open form");
        assert_eq!(next.undo, tab.undo);
        assert!(
            next.update(Msg::Undo, NOW),
            "undo reaches the first load's edit"
        );
        assert!(next.assessment.risks.is_empty());
    }

    #[test]
    fn a_method_draft_not_in_force_survives_with_its_problems() {
        let mut store = MemoryStore::default();
        let mut tab = startup::open(&mut store, NOW);
        tab.update(
            Msg::SetLevel {
                index: 0,
                field: crate::app::state::LevelField::Label,
                value: String::new(),
            },
            NOW,
        );
        assert!(
            !tab.draft_problems.is_empty(),
            "an empty label is a problem"
        );
        let mut next = startup::open(&mut store, NOW);
        next.resume(through_json(&tab), &store, NOW);
        assert_eq!(next.draft, tab.draft);
        assert_eq!(next.draft_problems, tab.draft_problems);
        assert_eq!(
            next.assessment.method, tab.assessment.method,
            "not in force"
        );
    }

    #[test]
    fn a_change_storage_lacks_goes_on_unsaved() {
        let mut store = MemoryStore::default();
        let mut tab = busy_tab(&mut store);
        tab.update(Msg::SetName("Renamed in a failed save".into()), NOW);
        tab.unsaved = true;
        let mut next = startup::open(&mut store, NOW);
        next.resume(through_json(&tab), &store, NOW);
        assert_eq!(next.assessment.name, "Renamed in a failed save");
        assert!(next.unsaved, "still not in storage");
        next.save(&mut store);
        assert!(store.values[DOCUMENT_KEY].contains("Renamed in a failed save"));
    }

    #[test]
    fn undo_steps_from_an_older_revision_are_dropped() {
        let mut store = MemoryStore::default();
        let tab = busy_tab(&mut store);
        let mut other = startup::open(&mut store, NOW);
        other.update(Msg::SetName("Saved by another tab".into()), NOW);
        other.save(&mut store);
        let mut next = startup::open(&mut store, NOW);
        next.resume(through_json(&tab), &store, NOW);
        assert_eq!(next.assessment.name, "Saved by another tab");
        assert!(
            next.undo.is_empty(),
            "those steps belong to the older revision"
        );
    }

    #[test]
    fn a_notice_on_screen_stays() {
        let mut store = MemoryStore::default();
        let mut tab = startup::open(&mut store, NOW);
        tab.notice = Some(Notice::SaveFailed("quota".into()));
        let mut next = startup::open(&mut store, NOW);
        next.resume(through_json(&tab), &store, NOW);
        assert_eq!(next.notice, tab.notice);
    }

    #[test]
    fn a_broken_handoff_is_refused_with_its_path() {
        let problems = parse(r#"{"view":"Nowhere"}"#).unwrap_err();
        assert_eq!(problems[0].path, "$.view", "{problems:?}");
        assert!(
            problems[0].message.contains("unknown variant `Nowhere`"),
            "{problems:?}"
        );
        assert!(parse("not json").is_err());
    }

    #[test]
    fn a_workshop_in_progress_opens_in_the_whole_workbench() {
        let mut store = MemoryStore::default();
        let mut tab = startup::open(&mut store, NOW);
        tab.workshop.active = true;
        tab.save_workshop(&mut store);
        let mut next = startup::open(&mut store, NOW);
        next.restore_workshop(&store);
        if crate::app::ALL_SCREENS {
            next.resume(through_json(&tab), &store, NOW);
            assert_eq!(next.view, View::Workshop, "presentation goes on");
        } else {
            assert!(next.wants_screens, "the first load hands it over at once");
        }
    }

    #[test]
    fn the_first_load_hands_over_what_it_lacks() {
        let mut s = AppState::new(Assessment::new("x"));
        assert!(Msg::Navigate(View::Method).in_first_load());
        assert!(!Msg::Navigate(View::Soa).in_first_load());
        if !crate::app::ALL_SCREENS {
            assert!(!s.update(Msg::Navigate(View::Plan), NOW));
            assert!(s.wants_screens);
            assert_eq!(s.view, View::Register, "the first load stays where it is");
        } else {
            s.update(Msg::Navigate(View::Plan), NOW);
            assert_eq!(s.view, View::Plan);
            assert!(!s.wants_screens);
        }
    }
}
