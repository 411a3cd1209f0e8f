//! Opening the app: load the saved assessment, or recover from a saved value
//! that cannot be read without losing it.

use super::library::{recover_interrupted_switch, Library, LIBRARY_KEY};
use super::state::snapshot_marks;
use super::state::{AppState, Notice};
use super::store::{
    stored_revision, KeyValueStore, BACKUP_PREFIX, DOCUMENT_KEY, HISTORY_PART, HISTORY_PREFIX,
    SNAPSHOTS_KEY,
};
use riskwright_engine::document::Assessment;
use riskwright_engine::Diagnostic;

/// The name a fresh assessment starts with.
pub const FRESH_NAME: &str = "My risk assessment";

/// Loads the app state from `store`. `now` (an ISO 8601 timestamp) names a
/// backup if one is needed.
///
/// Never fails: an unreadable value (corrupt, or from a newer Riskwright) is
/// copied to a backup key before anything overwrites it, and if even that is
/// impossible the saved value is left alone and this session does not save.
pub fn open(store: &mut dyn KeyValueStore, now: &str) -> AppState {
    let mut state = open_document(store, now);
    let had_index = matches!(store.get(LIBRARY_KEY), Ok(Some(_)));
    state.library = Library::load(store, &state.assessment, now);
    if !had_index && !state.saving_blocked {
        let _ = state.library.save(store);
    }
    if state.notice.is_none() {
        if let Some(drafts) = super::library::read_seed(store) {
            state.notice = Some(Notice::SeedOffered(drafts.len()));
        }
    }
    state
}

/// Opens the working copy, after finishing any interrupted switch.
fn open_document(store: &mut dyn KeyValueStore, now: &str) -> AppState {
    if let Ok(Some(text)) = store.get(LIBRARY_KEY) {
        if let Some(library) = Library::parse(&text) {
            recover_interrupted_switch(store, &library);
        }
    }
    let fresh = || AppState::new(Assessment::new(FRESH_NAME));
    let text = match store.get(DOCUMENT_KEY) {
        Ok(Some(text)) => text,
        Ok(None) => {
            let mut state = fresh();
            state.save(store);
            return state;
        }
        Err(error) => {
            let mut state = fresh();
            state.saving_blocked = true;
            state.notice = Some(Notice::StorageUnavailable(error.0));
            return state;
        }
    };
    let problems = match read_working(store, &text, now) {
        Ok(working) => {
            return AppState {
                revision: stored_revision(store).unwrap_or(0),
                snapshots_written: Some(snapshot_marks(&working.assessment)),
                history_written: working.history_written,
                notice: working.notice,
                ..AppState::new(working.assessment)
            }
        }
        Err(problems) => problems,
    };
    let backup_key = format!("{BACKUP_PREFIX}{now}");
    let reason = summarise(&problems);
    let mut state = AppState {
        revision: stored_revision(store).unwrap_or(0),
        ..fresh()
    };
    match store.set(&backup_key, &text) {
        Ok(()) => {
            state.notice = Some(Notice::Recovered { backup_key, reason });
            state.save(store);
        }
        Err(error) => {
            // The unreadable value is the only copy: never overwrite it.
            state.saving_blocked = true;
            state.notice = Some(Notice::RecoveryBlocked {
                reason,
                error: error.0,
            });
        }
    }
    state
}

/// The working copy as read from storage.
pub(crate) struct Working {
    /// The assessment, with its history and snapshots put back.
    pub assessment: Assessment,
    /// Something the user must be told about the parts stored apart.
    pub notice: Option<Notice>,
    /// How many history entries storage holds apart (`None`: none yet, the
    /// next save writes them all).
    pub history_written: Option<usize>,
}

/// How many history entries the working copy says are stored apart. The
/// app writes the count as the object's last member (see `working_copy` in
/// state.rs), so it is read from the end of the text: no second typed JSON
/// parser in the wasm, and a user's text can never end the object.
fn stored_history(text: &str) -> Option<usize> {
    let (_, count) = text
        .trim_end()
        .strip_suffix('}')?
        .rsplit_once(",\"stored_history\":")?;
    count.parse().ok()
}

/// Reads the working copy `text` and puts back the history and snapshots
/// stored apart. A part that cannot be read is backed up (named with `now`)
/// and reported, never overwritten: the register still opens without it.
pub(crate) fn read_working(
    store: &mut dyn KeyValueStore,
    text: &str,
    now: &str,
) -> Result<Working, Vec<Diagnostic>> {
    let assessment = Assessment::from_json_str(text)?;
    let mut working = Working {
        assessment,
        notice: None,
        history_written: None,
    };
    let count = stored_history(text);
    if let (Some(count), true) = (count, working.assessment.history.is_empty()) {
        let parts: Vec<String> = (0..count.div_ceil(HISTORY_PART))
            .map(|k| {
                store
                    .get(&format!("{HISTORY_PREFIX}{k}"))
                    .ok()
                    .flatten()
                    .unwrap_or_default()
            })
            .collect();
        match working.assessment.attach_history(&parts, count) {
            Ok(()) => working.history_written = Some(count),
            Err(problems) => {
                let text = serde_json::to_string(&parts).unwrap_or_default();
                working.notice = Some(keep_apart(store, "history", &text, &problems, now));
            }
        }
    }
    if let Ok(Some(snapshots)) = store.get(SNAPSHOTS_KEY) {
        if let Err(problems) = working.assessment.attach_snapshots(&snapshots) {
            working.notice = Some(keep_apart(store, "snapshots", &snapshots, &problems, now));
            if matches!(working.notice, Some(Notice::Recovered { .. })) {
                let _ = store.remove(SNAPSHOTS_KEY);
            }
        }
    }
    Ok(working)
}

/// Backs up a part that cannot be read and says so.
fn keep_apart(
    store: &mut dyn KeyValueStore,
    what: &str,
    text: &str,
    problems: &[Diagnostic],
    now: &str,
) -> Notice {
    let backup_key = format!("{BACKUP_PREFIX}{now}.{what}");
    match store.set(&backup_key, text) {
        Ok(()) => Notice::Recovered {
            backup_key,
            reason: format!("the {what} could not be read: {}", summarise(problems)),
        },
        Err(error) => Notice::RecoveryBlocked {
            reason: summarise(problems),
            error: error.0,
        },
    }
}

/// The first problem and how many more, for a one-line notice.
fn summarise(problems: &[Diagnostic]) -> String {
    match problems {
        [] => "unknown problem".into(),
        [one] => one.to_string(),
        [first, rest @ ..] => format!(
            "{first} (and {} more problem{})",
            rest.len(),
            if rest.len() == 1 { "" } else { "s" }
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::store::MemoryStore;

    const NOW: &str = "2026-11-28T10:00:00Z";

    #[test]
    fn a_first_visit_starts_and_saves_a_fresh_assessment() {
        let mut store = MemoryStore::default();
        let state = open(&mut store, NOW);
        assert_eq!(state.assessment.name, FRESH_NAME);
        assert!(state.notice.is_none());
        let saved = Assessment::from_json_str(&store.values[DOCUMENT_KEY]).unwrap();
        assert_eq!(saved, state.assessment);
    }

    #[test]
    fn a_saved_assessment_is_loaded() {
        let mut store = MemoryStore::default();
        let mut saved = Assessment::new("Kept");
        saved.scope = "HQ".into();
        store
            .values
            .insert(DOCUMENT_KEY.into(), saved.to_json_string());
        assert_eq!(open(&mut store, NOW).assessment, saved);
    }

    #[test]
    fn an_unreadable_value_is_backed_up_then_replaced() {
        for (stored, why) in [
            ("{not json", "not valid JSON"),
            (
                r#"{"schema_version": 99, "name": "From the future"}"#,
                "newer than this Riskwright",
            ),
            (r#"{"schema_version": 1, "name": 3}"#, "$.name"),
        ] {
            let mut store = MemoryStore::default();
            store.values.insert(DOCUMENT_KEY.into(), stored.into());
            let state = open(&mut store, NOW);
            let key = format!("{BACKUP_PREFIX}{NOW}");
            assert_eq!(store.values[&key], stored, "the backup is the exact value");
            match &state.notice {
                Some(Notice::Recovered { backup_key, reason }) => {
                    assert_eq!(backup_key, &key);
                    assert!(reason.contains(why), "{reason}");
                }
                other => panic!("expected a recovery notice, got {other:?}"),
            }
            assert!(Assessment::from_json_str(&store.values[DOCUMENT_KEY]).is_ok());
            assert!(!state.saving_blocked);
        }
    }

    #[test]
    fn when_the_backup_cannot_be_written_the_original_is_left_alone() {
        let mut store = MemoryStore {
            capacity: Some(40),
            ..MemoryStore::default()
        };
        store.values.insert(DOCUMENT_KEY.into(), "{corrupt".into());
        let mut state = open(&mut store, NOW);
        assert!(matches!(state.notice, Some(Notice::RecoveryBlocked { .. })));
        assert!(state.saving_blocked);
        state.save(&mut store);
        assert_eq!(store.values[DOCUMENT_KEY], "{corrupt");
    }

    #[test]
    fn snapshots_are_saved_apart_once_and_come_back() {
        use crate::app::state::Msg;
        use riskwright_engine::register::RegisterEdit;
        let mut store = MemoryStore::default();
        let mut state = open(&mut store, NOW);
        state
            .apply(
                RegisterEdit::TakeSnapshot {
                    name: "Audit 2027".into(),
                },
                NOW,
            )
            .unwrap();
        state.save(&mut store);
        assert!(store.values[SNAPSHOTS_KEY].contains("Audit 2027"));
        assert!(
            !store.values[DOCUMENT_KEY].contains("Audit 2027"),
            "the working copy stays small"
        );
        // An ordinary edit does not rewrite the snapshots.
        store.values.insert(SNAPSHOTS_KEY.into(), "marker".into());
        state.update(Msg::SetScope("edited".into()), NOW);
        state.save(&mut store);
        assert_eq!(store.values[SNAPSHOTS_KEY], "marker");
        // Reopening puts them back.
        store.values.remove(SNAPSHOTS_KEY);
        state
            .apply(
                RegisterEdit::TakeSnapshot {
                    name: "Second".into(),
                },
                NOW,
            )
            .unwrap();
        state.save(&mut store);
        let reopened = open(&mut store, NOW);
        assert_eq!(reopened.assessment.snapshots.len(), 2);
        assert_eq!(reopened.assessment.scope, "edited");
    }

    #[test]
    fn unreadable_snapshots_are_backed_up_and_the_document_still_opens() {
        let mut store = MemoryStore::default();
        let mut state = open(&mut store, NOW);
        state.update(crate::app::state::Msg::SetScope("kept".into()), NOW);
        state.save(&mut store);
        store.values.insert(SNAPSHOTS_KEY.into(), "[{broken".into());
        let reopened = open(&mut store, NOW);
        assert_eq!(reopened.assessment.scope, "kept");
        let key = format!("{BACKUP_PREFIX}{NOW}.snapshots");
        assert_eq!(store.values[&key], "[{broken");
        assert!(matches!(reopened.notice, Some(Notice::Recovered { .. })));
    }

    /// A register with `n` history entries: one risk, re-scored n-1 times.
    fn with_history(store: &mut MemoryStore, n: usize) -> AppState {
        use riskwright_engine::register::RegisterEdit;
        let mut state = open(store, NOW);
        let risk = riskwright_engine::document::Risk {
            title: "R".into(),
            ..Default::default()
        };
        state.apply(RegisterEdit::AddRisk(risk), NOW).unwrap();
        while state.assessment.history.len() < n {
            let mut risk = state.assessment.risks[0].clone();
            risk.treatment = match risk.treatment {
                riskwright_engine::document::TreatmentStatus::Planned => {
                    riskwright_engine::document::TreatmentStatus::InProgress
                }
                _ => riskwright_engine::document::TreatmentStatus::Planned,
            };
            state.apply(RegisterEdit::UpdateRisk(risk), NOW).unwrap();
        }
        state.save(store);
        state
    }

    fn part(k: usize) -> String {
        format!("{HISTORY_PREFIX}{k}")
    }

    #[test]
    fn the_history_is_saved_in_parts_and_an_edit_rewrites_only_the_last() {
        let mut store = MemoryStore::default();
        let mut state = with_history(&mut store, 2 * HISTORY_PART + 10);
        assert!(store.values.contains_key(&part(2)));
        assert!(
            !store.values[DOCUMENT_KEY].contains("\"history\""),
            "the working copy stays small"
        );
        store.values.insert(part(0), "untouched".into());
        state.update(crate::app::state::Msg::SetScope("x".into()), NOW);
        let risk = state.assessment.risks[0].clone();
        let mut changed = risk.clone();
        changed.treatment = riskwright_engine::document::TreatmentStatus::Implemented;
        state
            .apply(
                riskwright_engine::register::RegisterEdit::UpdateRisk(changed),
                NOW,
            )
            .unwrap();
        state.save(&mut store);
        assert_eq!(
            store.values[&part(0)],
            "untouched",
            "a full part is never rewritten"
        );
        store.values.remove(&part(0));
        state.history_written = None;
        state.save(&mut store);
        let reopened = open(&mut store, NOW);
        assert_eq!(reopened.assessment.history, state.assessment.history);
    }

    #[test]
    fn entries_past_the_committed_count_are_ignored() {
        let mut store = MemoryStore::default();
        let state = with_history(&mut store, 5);
        // A later save wrote its history part, then stopped before the
        // working copy (the commit point).
        let mut ahead = state.assessment.clone();
        ahead.history.extend(ahead.history.clone());
        store
            .values
            .insert(part(0), ahead.history_json(0..HISTORY_PART));
        let reopened = open(&mut store, NOW);
        assert_eq!(reopened.assessment.history.len(), 5);
    }

    #[test]
    fn an_unreadable_history_part_is_backed_up_and_the_register_opens() {
        let mut store = MemoryStore::default();
        with_history(&mut store, 5);
        store.values.insert(part(0), "[{broken".into());
        let reopened = open(&mut store, NOW);
        assert_eq!(reopened.assessment.risks.len(), 1);
        assert!(
            matches!(&reopened.notice, Some(Notice::Recovered { reason, .. }) if reason.contains("history"))
        );
        let key = format!("{BACKUP_PREFIX}{NOW}.history");
        assert!(store.values[&key].contains("[{broken"));
    }

    #[test]
    fn unavailable_storage_still_opens_the_app() {
        let mut store = MemoryStore {
            unavailable: true,
            ..MemoryStore::default()
        };
        let state = open(&mut store, NOW);
        assert!(matches!(state.notice, Some(Notice::StorageUnavailable(_))));
        assert!(state.saving_blocked);
    }
}
