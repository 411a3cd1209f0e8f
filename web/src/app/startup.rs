//! Opening the app: load the saved assessment, or recover from a saved value
//! that cannot be read without losing it.

use super::library::{recover_interrupted_switch, Library, LIBRARY_KEY};
use super::state::snapshot_marks;
use super::state::{AppState, Notice};
use super::store::{stored_revision, KeyValueStore, BACKUP_PREFIX, DOCUMENT_KEY, SNAPSHOTS_KEY};
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
        Ok((assessment, notice)) => {
            return AppState {
                revision: stored_revision(store).unwrap_or(0),
                snapshots_written: Some(snapshot_marks(&assessment)),
                notice,
                ..AppState::new(assessment)
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

/// Reads the working copy `text` and puts back the snapshots stored apart.
/// A snapshot list that cannot be read is backed up (named with `now`) and
/// reported, never overwritten: the document still opens without it.
pub(crate) fn read_working(
    store: &mut dyn KeyValueStore,
    text: &str,
    now: &str,
) -> Result<(Assessment, Option<Notice>), Vec<Diagnostic>> {
    let mut assessment = Assessment::from_json_str(text)?;
    let Ok(Some(snapshots)) = store.get(SNAPSHOTS_KEY) else {
        return Ok((assessment, None));
    };
    match assessment.attach_snapshots(&snapshots) {
        Ok(()) => Ok((assessment, None)),
        Err(problems) => {
            let backup_key = format!("{BACKUP_PREFIX}{now}.snapshots");
            let notice = match store.set(&backup_key, &snapshots) {
                Ok(()) => {
                    let _ = store.remove(SNAPSHOTS_KEY);
                    Notice::Recovered {
                        backup_key,
                        reason: format!(
                            "the snapshots could not be read: {}",
                            summarise(&problems)
                        ),
                    }
                }
                Err(error) => Notice::RecoveryBlocked {
                    reason: summarise(&problems),
                    error: error.0,
                },
            };
            Ok((assessment, Some(notice)))
        }
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
