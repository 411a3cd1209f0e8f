//! Opening the app: load the saved assessment and the list of assessments,
//! or recover from saved values that cannot be read, without losing them.
//!
//! Every stored key follows one rule. An unreadable value is copied to a
//! backup key (which the notice offers for download) before anything
//! overwrites it; what can be rebuilt is rebuilt (the list of assessments
//! from the assessments themselves); and the notice says, in the user's
//! words, which thing could not be read, why, and what was done instead. If
//! even the backup cannot be written, the value is left alone and this
//! session does not save.

use super::library::{
    recover_interrupted_switch, Library, LibraryEntry, SEED_KEY, SHELF_PREFIX, TRASH_KEY,
};
use super::state::snapshot_marks;
use super::state::{AppState, Notice};
use super::store::{
    back_up, stored_revision, KeyValueStore, DOCUMENT_KEY, HISTORY_PART, HISTORY_PREFIX,
    REVISION_KEY, SNAPSHOTS_KEY,
};
use riskwright_engine::document::Assessment;
use riskwright_engine::Diagnostic;
use serde::{Deserialize, Serialize};

/// The name a fresh assessment starts with.
pub const FRESH_NAME: &str = "My risk assessment";

/// One saved value that could not be read, and what was done about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Recovery {
    /// What could not be read, in the user's words ("the list of
    /// assessments", "the assessment “Supplier audit”").
    pub what: String,
    /// What was wrong with it.
    pub reason: String,
    /// What the app did instead, in the user's words.
    pub outcome: String,
    /// Where the unreadable value is kept; `None` when there was nothing
    /// to keep (a copy that is missing altogether).
    pub backup_key: Option<String>,
}

/// The recoveries made while opening, and the first one that could not be
/// backed up.
struct Recovering<'a> {
    store: &'a mut dyn KeyValueStore,
    now: &'a str,
    found: Vec<Recovery>,
    blocked: Option<Notice>,
}

impl Recovering<'_> {
    /// Backs up `text` under a key tagged `tag`; `None` (remembered as the
    /// blocking notice) if that fails, and the caller must then leave the
    /// value where it is.
    fn keep(&mut self, tag: &str, text: &str, what: &str, reason: &str) -> Option<String> {
        match back_up(self.store, self.now, tag, text) {
            Ok(key) => Some(key),
            Err(error) => {
                self.blocked.get_or_insert(Notice::RecoveryBlocked {
                    what: what.to_string(),
                    reason: reason.to_string(),
                    error: error.0,
                });
                None
            }
        }
    }

    fn found(&mut self, what: String, reason: String, outcome: &str, backup_key: Option<String>) {
        self.found.push(Recovery {
            what,
            reason,
            outcome: outcome.to_string(),
            backup_key,
        });
    }

    /// Checks a key that only this device's convenience depends on: an
    /// unreadable value is backed up and removed.
    fn check_plain(
        &mut self,
        key: &str,
        tag: &str,
        what: &str,
        outcome: &str,
        readable: fn(&str) -> bool,
    ) {
        let Ok(Some(text)) = self.store.get(key) else {
            return;
        };
        if readable(&text) {
            return;
        }
        let reason = "it is damaged and cannot be read";
        if let Some(backup) = self.keep(tag, &text, what, reason) {
            let _ = self.store.remove(key);
            self.found(what.to_string(), reason.to_string(), outcome, Some(backup));
        }
    }
}

/// Loads the app state from `store`. `now` (an ISO 8601 timestamp) names
/// any backup made.
///
/// Never fails: see the module docs for what happens to a value that
/// cannot be read.
pub fn open(store: &mut dyn KeyValueStore, now: &str) -> AppState {
    if !super::ALL_SCREENS {
        return open_plain(store, now);
    }
    let index = Library::read(store);
    if let Ok(Some(library)) = &index {
        recover_interrupted_switch(store, library);
    }
    let open_name = match &index {
        Ok(Some(library)) => library.entry(&library.open).map(|e| e.name.clone()),
        _ => None,
    };
    let mut r = Recovering {
        store: &mut *store,
        now,
        found: Vec::new(),
        blocked: None,
    };
    // Before anything saves: a save would overwrite the counter.
    r.check_plain(
        REVISION_KEY,
        "revision",
        "the save counter that keeps open tabs in step",
        "It was started again; no assessment was affected.",
        |text| text.trim().parse::<u64>().is_ok(),
    );
    let mut state = open_document(&mut r, open_name.as_deref());
    if matches!(state.notice, Some(Notice::StorageUnavailable(_))) {
        state.library = Library::load(&*r.store, &state.assessment, now);
        return state;
    }
    let (library, write) = settle_library(&mut r, index, &state.assessment);
    state.library = library;
    r.check_plain(
        SEED_KEY,
        "seed",
        "the draft risks a readiness check left for this app",
        "They are not offered; take the readiness check again to make new ones.",
        |text| serde_json::from_str::<serde_json::Value>(text).is_ok_and(|v| v.is_object()),
    );
    if super::ALL_SCREENS {
        r.check_plain(
            super::workshop::SESSION_KEY,
            "workshop",
            "the presentation-mode session",
            "Presentation mode was not resumed; no assessment was affected.",
            |text| super::workshop::WorkshopUi::from_json(text).is_some(),
        );
        r.check_plain(
            super::audience::SCREEN_KEY,
            "workshop.screen",
            "what presentation mode last showed to an audience window",
            "An audience window waits for the presenter again; no assessment was affected.",
            |text| super::audience::Message::decode(text).is_some(),
        );
    }
    let Recovering { found, blocked, .. } = r;
    if write && blocked.is_none() && !state.saving_blocked {
        if let Err(error) = state.library.write(store) {
            state.notice.get_or_insert(Notice::SaveFailed(error.0));
        }
    }
    state.library.backups = super::store::backup_keys(store);
    match blocked {
        Some(notice) => {
            // Something is kept only where it was: never write over it.
            state.saving_blocked = true;
            state.notice = Some(notice);
        }
        None if !found.is_empty() => {
            let mut all = match state.notice.take() {
                Some(Notice::Recovered(earlier)) => earlier,
                _ => Vec::new(),
            };
            all.extend(found);
            state.notice = Some(Notice::Recovered(all));
        }
        None => {}
    }
    if state.notice.is_none() {
        if let Some(drafts) = super::library::read_seed(store) {
            state.notice = Some(Notice::SeedOffered(drafts.len()));
        }
    }
    state
}

/// The first load's opening (see "Two app modules" in ARCHITECTURE.md):
/// everything readable opens as usual; anything to recover (but a part of
/// the open assessment, which `read_working` sets aside as before) hands
/// over to the whole workbench, which recovers it as `open` says. Until it
/// takes over, nothing is written. This keeps the recovery code out of the
/// first load and within its size budget.
fn open_plain(store: &mut dyn KeyValueStore, now: &str) -> AppState {
    let handed_over = || AppState {
        saving_blocked: true,
        wants_screens: true,
        ..AppState::new(Assessment::new(FRESH_NAME))
    };
    let library = match Library::read(store) {
        Ok(Some(library)) if library.entry(&library.open).is_some() => {
            recover_interrupted_switch(store, &library);
            Some(library)
        }
        Ok(None) => None,
        _ => return handed_over(),
    };
    if needs_recovery(store, library.as_ref()) {
        return handed_over();
    }
    let mut state = match store.get(DOCUMENT_KEY) {
        Ok(Some(text)) => match read_working(store, &text, now) {
            Ok(working) => from_working(store, working),
            Err(_) => return handed_over(),
        },
        Ok(None) => {
            let mut state = AppState::new(Assessment::new(FRESH_NAME));
            state.revision = stored_revision(store).unwrap_or(0);
            state.save(store);
            state
        }
        Err(error) => {
            let mut state = AppState::new(Assessment::new(FRESH_NAME));
            state.saving_blocked = true;
            state.notice = Some(Notice::StorageUnavailable(error.0));
            state.library = Library::around(&state.assessment, now);
            return state;
        }
    };
    let open = &state.assessment;
    let mut write = library.is_none();
    let mut library = library.unwrap_or_else(|| Library::around(open, now));
    if let Some(entry) = library.entries.iter_mut().find(|e| e.id == library.open) {
        if entry.name != open.name || entry.risks != open.risks.len() {
            entry.name = open.name.clone();
            entry.risks = open.risks.len();
            write = true;
        }
    }
    if write && !state.saving_blocked {
        let _ = library.save(store);
    }
    library.backups = super::store::backup_keys(store);
    // Kept copies and their notice are shown by the whole workbench.
    state.wants_screens |=
        !library.backups.is_empty() || matches!(state.notice, Some(Notice::Recovered(_)));
    state.library = library;
    if state.notice.is_none() {
        if let Some(drafts) = super::library::read_seed(store) {
            state.notice = Some(Notice::SeedOffered(drafts.len()));
        }
    }
    state
}

/// Whether anything but the open assessment's own parts needs recovering
/// (see [`open`]), without changing anything.
fn needs_recovery(store: &dyn KeyValueStore, library: Option<&Library>) -> bool {
    let unreadable = |key: &str| matches!(store.get(key), Ok(Some(text)) if Assessment::from_json_str(&text).is_err());
    if matches!(store.get(REVISION_KEY), Ok(Some(text)) if text.trim().parse::<u64>().is_err()) {
        return true;
    }
    if matches!(store.get(SEED_KEY), Ok(Some(text))
        if !serde_json::from_str::<serde_json::Value>(&text).is_ok_and(|v| v.is_object()))
    {
        return true;
    }
    let shelved = shelf_ids(store);
    let Some(library) = library else {
        // No list: a first run, unless assessments are stored.
        return !shelved.is_empty();
    };
    let listed = library.entries.iter().filter(|e| e.id != library.open);
    let lost = |id: &String| *id != library.open && library.entry(id).is_none();
    listed.clone().any(|e| {
        let key = format!("{SHELF_PREFIX}{}", e.id);
        matches!(store.get(&key), Ok(None)) || unreadable(&key)
    }) || shelved.iter().any(lost)
        || (library.trash.is_some() && unreadable(TRASH_KEY))
}

/// The app state for a working copy read from storage.
fn from_working(store: &dyn KeyValueStore, working: Working) -> AppState {
    let saving_blocked = matches!(working.notice, Some(Notice::RecoveryBlocked { .. }));
    AppState {
        revision: stored_revision(store).unwrap_or(0),
        snapshots_written: Some(snapshot_marks(&working.assessment)),
        history_written: working.history_written,
        notice: working.notice,
        saving_blocked,
        ..AppState::new(working.assessment)
    }
}

/// The list of assessments as it should be, and whether it must be written:
/// an unreadable list is backed up and rebuilt from the assessments stored,
/// entries whose assessment is unreadable or missing are taken out (the
/// unreadable copy backed up), and assessments the list lost are put back.
fn settle_library(
    r: &mut Recovering,
    index: Result<Option<Library>, (String, String)>,
    open: &Assessment,
) -> (Library, bool) {
    let what = "the list of assessments";
    let (mut library, mut write) = match index {
        Ok(Some(library)) if library.entry(&library.open).is_some() => (library, false),
        Ok(Some(library)) => {
            let text = serde_json::to_string(&library).unwrap_or_default();
            let reason = "it does not list the open assessment";
            let backup = r.keep("library", &text, what, reason);
            let rebuilt = rebuild(r, open);
            let outcome = rebuilt_outcome(&rebuilt);
            r.found(what.into(), reason.into(), &outcome, backup);
            (rebuilt, true)
        }
        Err((text, reason)) => {
            let backup = r.keep("library", &text, what, &reason);
            let rebuilt = rebuild(r, open);
            let outcome = rebuilt_outcome(&rebuilt);
            r.found(what.into(), reason, &outcome, backup);
            (rebuilt, true)
        }
        // First run, or the store could not say.
        Ok(None) => {
            let rebuilt = rebuild(r, open);
            if rebuilt.entries.len() > 1 {
                let outcome = rebuilt_outcome(&rebuilt);
                r.found(what.into(), "it is missing".into(), &outcome, None);
            }
            (rebuilt, true)
        }
    };
    write |= check_entries(r, &mut library);
    if let Some(entry) = library.entries.iter_mut().find(|e| e.id == library.open) {
        if entry.name != open.name || entry.risks != open.risks.len() {
            entry.name = open.name.clone();
            entry.risks = open.risks.len();
            write = true;
        }
    }
    (library, write)
}

fn rebuilt_outcome(library: &Library) -> String {
    let names: Vec<String> = library
        .entries
        .iter()
        .map(|e| format!("“{}”", e.name))
        .collect();
    format!(
        "It was rebuilt from the {} stored in this browser: {}.",
        match names.len() {
            1 => "one assessment".to_string(),
            n => format!("{n} assessments"),
        },
        names.join(", ")
    )
}

/// The ids of the closed assessments stored, from their keys.
fn shelf_ids(store: &dyn KeyValueStore) -> Vec<String> {
    store
        .keys()
        .unwrap_or_default()
        .into_iter()
        .filter_map(|k| k.strip_prefix(SHELF_PREFIX).map(str::to_string))
        .collect()
}

/// A list of assessments made from what is stored (see `Library::load`);
/// unreadable closed ones are backed up, taken away and said first.
fn rebuild(r: &mut Recovering, open: &Assessment) -> Library {
    for id in shelf_ids(&*r.store) {
        check_shelf(r, &id, None);
    }
    Library::rebuilt(&*r.store, open, r.now)
}

/// Reads closed assessment `id`: its entry if it can be read. An unreadable
/// copy is backed up and removed; `listed` is its entry in the list, if it
/// has one. `None` also when it cannot be checked now (storage refused).
fn check_shelf(
    r: &mut Recovering,
    id: &str,
    listed: Option<&LibraryEntry>,
) -> Option<LibraryEntry> {
    let key = format!("{SHELF_PREFIX}{id}");
    let text = r.store.get(&key).ok().flatten()?;
    match Assessment::from_json_str(&text) {
        Ok(assessment) => Some(LibraryEntry {
            id: id.to_string(),
            name: assessment.name.clone(),
            updated_at: listed.map_or_else(|| r.now.to_string(), |e| e.updated_at.clone()),
            risks: assessment.risks.len(),
        }),
        Err(problems) => {
            let what = match listed {
                Some(entry) => format!("the assessment “{}”", entry.name),
                None => {
                    "an assessment stored in this browser (its name cannot be read either)".into()
                }
            };
            let reason = summarise(&problems);
            if let Some(backup) = r.keep(&format!("doc.{id}"), &text, &what, &reason) {
                let _ = r.store.remove(&key);
                r.found(
                    what,
                    reason,
                    "It was taken out of the list of assessments; the others are not affected.",
                    Some(backup),
                );
            }
            None
        }
    }
}

/// Checks every closed assessment the list names, puts back those it lost,
/// and checks the deleted one kept for undo. True if the list changed.
fn check_entries(r: &mut Recovering, library: &mut Library) -> bool {
    let before = library.clone();
    let open = library.open.clone();
    let listed = std::mem::take(&mut library.entries);
    for entry in listed {
        if entry.id == open {
            library.entries.push(entry);
            continue;
        }
        match r.store.get(&format!("{SHELF_PREFIX}{}", entry.id)) {
            // Storage refused: nothing can be checked, nothing is changed.
            Err(_) => library.entries.push(entry),
            Ok(None) => r.found(
                format!("the assessment “{}”", entry.name),
                "its stored copy is missing".into(),
                "It was taken out of the list of assessments; the others are not affected.",
                None,
            ),
            Ok(Some(_)) => {
                if check_shelf(r, &entry.id, Some(&entry)).is_some() {
                    library.entries.push(entry);
                }
            }
        }
    }
    for id in shelf_ids(&*r.store) {
        if id == open || library.entry(&id).is_some() {
            continue;
        }
        if let Some(entry) = check_shelf(r, &id, None) {
            r.found(
                "the list of assessments".into(),
                format!("it did not list “{}”", entry.name),
                "That assessment was put back in the list.",
                None,
            );
            library.entries.push(entry);
        }
    }
    if let Some(deleted) = library.trash.clone() {
        match r.store.get(TRASH_KEY) {
            Ok(None) => library.trash = None,
            Ok(Some(text)) => {
                if let Err(problems) = Assessment::from_json_str(&text) {
                    let what = format!("the deleted assessment “{}” (kept for undo)", deleted.name);
                    let reason = summarise(&problems);
                    if let Some(backup) = r.keep("trash", &text, &what, &reason) {
                        let _ = r.store.remove(TRASH_KEY);
                        library.trash = None;
                        r.found(
                            what,
                            reason,
                            "Undo can no longer bring it back.",
                            Some(backup),
                        );
                    }
                }
            }
            Err(_) => {}
        }
    }
    *library != before
}

/// Opens the working copy.
fn open_document(r: &mut Recovering, open_name: Option<&str>) -> AppState {
    let fresh = || AppState::new(Assessment::new(FRESH_NAME));
    let text = match r.store.get(DOCUMENT_KEY) {
        Ok(Some(text)) => text,
        Ok(None) => {
            let mut state = fresh();
            state.revision = stored_revision(&*r.store).unwrap_or(0);
            state.save(r.store);
            return state;
        }
        Err(error) => {
            let mut state = fresh();
            state.saving_blocked = true;
            state.notice = Some(Notice::StorageUnavailable(error.0));
            return state;
        }
    };
    let problems = match read_working(r.store, &text, r.now) {
        Ok(working) => {
            let recovered = matches!(working.notice, Some(Notice::Recovered(_)));
            let mut state = from_working(&*r.store, working);
            if recovered {
                // The part set aside is backed up: saving now writes the
                // assessment without it, so it is not read (and backed up)
                // again at the next start.
                let notice = state.notice.take();
                state.save(r.store);
                state.notice = notice.or(state.notice.take());
            }
            return state;
        }
        Err(problems) => problems,
    };
    let what = match open_name {
        Some(name) => format!("the open assessment “{name}”"),
        None => "the open assessment".to_string(),
    };
    let reason = summarise(&problems);
    let mut state = AppState {
        revision: stored_revision(&*r.store).unwrap_or(0),
        ..fresh()
    };
    match back_up(r.store, r.now, "", &text) {
        Ok(backup_key) => {
            // Its history and snapshots, stored apart, would be replaced by
            // the fresh assessment's: they are kept beside it.
            let mut outcome = "A new, empty assessment was started in its place.".to_string();
            match keep_parts(r) {
                Ok(true) => outcome
                    .push_str(" Its history and snapshots, stored apart, are kept as backups too."),
                Ok(false) => {}
                Err(error) => {
                    state.saving_blocked = true;
                    state.notice = Some(Notice::RecoveryBlocked {
                        what,
                        reason,
                        error: error.0,
                    });
                    return state;
                }
            }
            state.notice = Some(Notice::Recovered(vec![Recovery {
                what,
                reason,
                outcome,
                backup_key: Some(backup_key),
            }]));
            state.save(r.store);
        }
        Err(error) => {
            // The unreadable value is the only copy: never overwrite it.
            state.saving_blocked = true;
            state.notice = Some(Notice::RecoveryBlocked {
                what,
                reason,
                error: error.0,
            });
        }
    }
    state
}

/// Backs up the history parts and snapshots stored apart from an
/// unreadable working copy. True if there were any.
fn keep_parts(r: &mut Recovering) -> Result<bool, super::store::StoreError> {
    let mut kept = false;
    if let Some(snapshots) = r.store.get(SNAPSHOTS_KEY)? {
        back_up(r.store, r.now, "snapshots", &snapshots)?;
        kept = true;
    }
    let mut parts = Vec::new();
    while let Some(part) = r.store.get(&format!("{HISTORY_PREFIX}{}", parts.len()))? {
        parts.push(part);
    }
    if !parts.is_empty() {
        let text = serde_json::to_string(&parts).unwrap_or_default();
        back_up(r.store, r.now, "history", &text)?;
        kept = true;
    }
    Ok(kept)
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
                let name = working.assessment.name.clone();
                working.notice = Some(keep_apart(
                    store,
                    Part::History,
                    &name,
                    &text,
                    &problems,
                    now,
                ));
            }
        }
    }
    if let Ok(Some(snapshots)) = store.get(SNAPSHOTS_KEY) {
        if let Err(problems) = working.assessment.attach_snapshots(&snapshots) {
            let name = working.assessment.name.clone();
            let notice = keep_apart(store, Part::Snapshots, &name, &snapshots, &problems, now);
            if matches!(notice, Notice::Recovered(_)) {
                let _ = store.remove(SNAPSHOTS_KEY);
            }
            // Both parts unreadable: both are said.
            working.notice = match (working.notice.take(), notice) {
                (Some(Notice::Recovered(mut first)), Notice::Recovered(second)) => {
                    first.extend(second);
                    Some(Notice::Recovered(first))
                }
                (Some(blocked @ Notice::RecoveryBlocked { .. }), _) => Some(blocked),
                (_, notice) => Some(notice),
            };
        }
    }
    Ok(working)
}

/// Backs up a part of the open assessment that cannot be read, and says so.
fn keep_apart(
    store: &mut dyn KeyValueStore,
    part: Part,
    name: &str,
    text: &str,
    problems: &[Diagnostic],
    now: &str,
) -> Notice {
    let (tag, what, outcome) = match part {
        Part::History => (
            "history",
            format!("the history of changes of “{name}”"),
            "The register opened without it; changes are recorded again from now on.",
        ),
        Part::Snapshots => (
            "snapshots",
            format!("the snapshots of “{name}”"),
            "The assessment itself opened as saved, without its snapshots.",
        ),
    };
    let reason = summarise(problems);
    match back_up(store, now, tag, text) {
        Ok(backup_key) => Notice::Recovered(vec![Recovery {
            what,
            reason,
            outcome: outcome.into(),
            backup_key: Some(backup_key),
        }]),
        Err(error) => Notice::RecoveryBlocked {
            what,
            reason,
            error: error.0,
        },
    }
}

/// The parts of the open assessment stored apart from its working copy.
#[derive(Clone, Copy)]
enum Part {
    History,
    Snapshots,
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
    use crate::app::library::LIBRARY_KEY;
    use crate::app::store::{MemoryStore, BACKUP_PREFIX};

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
                Some(Notice::Recovered(found)) => {
                    assert_eq!(found.len(), 1);
                    assert_eq!(found[0].backup_key.as_ref(), Some(&key));
                    assert!(found[0].reason.contains(why), "{}", found[0].reason);
                    assert!(found[0].outcome.contains("new, empty assessment"));
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
        assert!(
            matches!(&reopened.notice, Some(Notice::Recovered(found)) if found[0].what.contains("snapshots"))
        );
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
            matches!(&reopened.notice, Some(Notice::Recovered(found)) if found[0].what.contains("history"))
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

    /// Two assessments: "Alpha" open (a risk, a snapshot, its history),
    /// "Beta" closed (two risks), and "Gamma" deleted (kept for undo).
    fn two_assessments(store: &mut MemoryStore) {
        use crate::app::library::LibraryMsg;
        use riskwright_engine::register::RegisterEdit;
        let mut s = open(store, NOW);
        s.update_library(LibraryMsg::Create("Gamma".into()), store, NOW);
        s.update_library(LibraryMsg::Create("Beta".into()), store, NOW);
        for title in ["B1", "B2"] {
            let risk = riskwright_engine::document::Risk {
                title: title.into(),
                ..Default::default()
            };
            s.apply(RegisterEdit::AddRisk(risk), NOW).unwrap();
        }
        s.save(store);
        s.touch_library(store, NOW);
        s.update_library(LibraryMsg::Open("a-1".into()), store, NOW);
        s.update_library(LibraryMsg::Delete("a-2".into()), store, NOW);
        s.update_library(LibraryMsg::Rename("a-1".into(), "Alpha".into()), store, NOW);
        let risk = riskwright_engine::document::Risk {
            title: "A1".into(),
            ..Default::default()
        };
        s.apply(RegisterEdit::AddRisk(risk), NOW).unwrap();
        s.apply(
            RegisterEdit::TakeSnapshot {
                name: "Audit".into(),
            },
            NOW,
        )
        .unwrap();
        s.save(store);
        s.touch_library(store, NOW);
        s.workshop.active = true;
        s.save_workshop(store);
        store.values.insert(
            crate::app::audience::SCREEN_KEY.into(),
            r#"{"kind":"ended"}"#.into(),
        );
        store.values.insert(
            crate::app::library::SEED_KEY.into(),
            r#"{"risks":[{"title":"Gap"}]}"#.into(),
        );
    }

    fn listed(state: &AppState) -> Vec<(String, usize)> {
        state
            .library
            .entries
            .iter()
            .map(|e| (e.name.clone(), e.risks))
            .collect()
    }

    /// Every key the app reads, corrupted in turn with two assessments
    /// stored: nothing else is lost, the bad value is kept under a backup
    /// key, and the notice names what could not be read, and only that.
    #[test]
    fn every_stored_key_that_cannot_be_read_is_kept_rebuilt_and_named() {
        use crate::app::library::LibraryMsg;
        let bad = "{\"half\": [tru";
        for (key, tag, what, outcome) in [
            (
                LIBRARY_KEY,
                "library",
                "the list of assessments",
                "rebuilt from the 2 assessments",
            ),
            (
                "riskwright.doc.a-3",
                "doc.a-3",
                "the assessment “Beta”",
                "taken out of the list",
            ),
            (
                SNAPSHOTS_KEY,
                "snapshots",
                "the snapshots of “Alpha”",
                "opened as saved",
            ),
            (
                "riskwright.history.0",
                "history",
                "the history of changes of “Alpha”",
                "opened without it",
            ),
            (
                REVISION_KEY,
                "revision",
                "the save counter",
                "no assessment was affected",
            ),
            (
                TRASH_KEY,
                "trash",
                "the deleted assessment “Gamma”",
                "Undo can no longer",
            ),
            (
                SEED_KEY,
                "seed",
                "the draft risks a readiness check left",
                "not offered",
            ),
            (
                crate::app::workshop::SESSION_KEY,
                "workshop",
                "the presentation-mode session",
                "not resumed",
            ),
            (
                crate::app::audience::SCREEN_KEY,
                "workshop.screen",
                "what presentation mode last showed",
                "waits for the presenter",
            ),
            (
                DOCUMENT_KEY,
                "",
                "the open assessment “Alpha”",
                "new, empty assessment",
            ),
        ] {
            let mut store = MemoryStore::default();
            two_assessments(&mut store);
            let backup = if tag.is_empty() {
                format!("{BACKUP_PREFIX}{NOW}")
            } else {
                format!("{BACKUP_PREFIX}{NOW}.{tag}")
            };
            // A history part holds a list; keep the value as stored.
            let stored = bad.to_string();
            assert!(store.values.contains_key(key), "{key} is stored");
            store.values.insert(key.into(), stored.clone());
            let mut state = open(&mut store, NOW);
            let kept = if key.starts_with(HISTORY_PREFIX) {
                // The history is kept as the list of its stored parts.
                let parts: Vec<String> = serde_json::from_str(&store.values[&backup]).unwrap();
                parts[0].clone()
            } else {
                store.values[&backup].clone()
            };
            assert_eq!(kept, stored, "{key}: the bad value is kept");
            assert!(
                state.library.backups.contains(&backup),
                "{key}: it is listed"
            );
            let Some(Notice::Recovered(found)) = &state.notice else {
                panic!("{key}: expected a recovery notice, got {:?}", state.notice);
            };
            assert_eq!(found.len(), 1, "{key}: only what was damaged: {found:?}");
            assert!(found[0].what.starts_with(what), "{key}: {}", found[0].what);
            assert!(
                found[0].outcome.contains(outcome),
                "{key}: {}",
                found[0].outcome
            );
            assert_eq!(found[0].backup_key.as_ref(), Some(&backup));
            if key != DOCUMENT_KEY {
                assert!(!found[0].outcome.contains("new, empty"), "{key}");
            }
            assert!(!state.saving_blocked);
            // The bad value is not read (and backed up) again.
            let at_once = open(&mut store.clone(), "2026-11-28T10:00:01Z");
            assert!(
                !matches!(at_once.notice, Some(Notice::Recovered(_))),
                "{key}: {:?}",
                at_once.notice
            );
            // Nothing else is lost: the other assessment is listed and opens.
            let names = listed(&state);
            let alpha_risks = if key == DOCUMENT_KEY { 0 } else { 1 };
            let alpha = if key == DOCUMENT_KEY {
                FRESH_NAME
            } else {
                "Alpha"
            };
            assert_eq!(
                names[0],
                (alpha.to_string(), alpha_risks),
                "{key}: {names:?}"
            );
            if key == "riskwright.doc.a-3" {
                assert_eq!(names.len(), 1, "{key}");
                assert!(
                    !store.values.contains_key(key),
                    "the bad copy moved to its backup"
                );
            } else {
                assert_eq!(names[1], ("Beta".to_string(), 2), "{key}: {names:?}");
                let beta = state.library.entries[1].id.clone();
                state.update_library(LibraryMsg::Open(beta), &mut store, NOW);
                assert_eq!(state.assessment.name, "Beta", "{key}: Beta opens");
                assert_eq!(state.assessment.risks.len(), 2);
            }
            // Alpha's parts that were readable are still there.
            if key != DOCUMENT_KEY && key != "riskwright.doc.a-3" {
                let alpha = state.library.entries[0].id.clone();
                state.update_library(LibraryMsg::Open(alpha), &mut store, NOW);
                assert_eq!(state.assessment.name, "Alpha", "{key}");
                assert_eq!(state.assessment.risks.len(), 1, "{key}");
                let snapshots = usize::from(key != SNAPSHOTS_KEY);
                assert_eq!(state.assessment.snapshots.len(), snapshots, "{key}");
            }
            // Opening again finds nothing more to recover.
            let again = open(&mut store, NOW);
            assert!(
                !matches!(again.notice, Some(Notice::Recovered(_))),
                "{key}: {:?}",
                again.notice
            );
            assert_eq!(
                again.library.entries.len(),
                state.library.entries.len(),
                "{key}"
            );
        }
    }

    #[test]
    fn a_library_that_lost_an_assessment_puts_it_back() {
        let mut store = MemoryStore::default();
        two_assessments(&mut store);
        // A crash between writing a new assessment and the index.
        let text = Assessment::new("Delta").to_json_string();
        store.values.insert("riskwright.doc.a-9".into(), text);
        let state = open(&mut store, NOW);
        assert_eq!(listed(&state).last(), Some(&("Delta".to_string(), 0)));
        assert!(
            matches!(&state.notice, Some(Notice::Recovered(f)) if f[0].reason.contains("did not list “Delta”") && f[0].backup_key.is_none())
        );
        let reread = Library::parse(&store.values[LIBRARY_KEY]).unwrap();
        assert_eq!(reread.entries.len(), 3);
    }

    #[test]
    fn a_second_tab_never_writes_over_an_unreadable_list() {
        let mut store = MemoryStore::default();
        two_assessments(&mut store);
        let mut other_tab = open(&mut store, NOW);
        store.values.insert(LIBRARY_KEY.into(), "{broken".into());
        // The other tab renames its assessment: the list is not written.
        other_tab.update_library(
            crate::app::library::LibraryMsg::Rename("a-1".into(), "Alpha 2".into()),
            &mut store,
            NOW,
        );
        assert_eq!(store.values[LIBRARY_KEY], "{broken");
        // Reloading what another tab saved rebuilds the list in memory only.
        let library = Library::load(&store, &other_tab.assessment, NOW);
        assert_eq!(library.entries.len(), 2);
        assert_eq!(store.values[LIBRARY_KEY], "{broken");
        // The next page that opens backs it up and writes the rebuilt list.
        let state = open(&mut store, NOW);
        assert_eq!(
            store.values[&format!("{BACKUP_PREFIX}{NOW}.library")],
            "{broken"
        );
        assert_eq!(listed(&state).len(), 2);
    }

    #[test]
    fn a_closed_assessment_damaged_while_the_app_runs_is_kept_when_opened() {
        use crate::app::library::LibraryMsg;
        let mut store = MemoryStore::default();
        two_assessments(&mut store);
        let mut state = open(&mut store, NOW);
        store
            .values
            .insert("riskwright.doc.a-3".into(), "[1,".into());
        state.update_library(LibraryMsg::Open("a-3".into()), &mut store, NOW);
        assert_eq!(state.assessment.name, "Alpha", "Alpha stays open");
        let Some(Notice::Recovered(found)) = &state.notice else {
            panic!("{:?}", state.notice);
        };
        assert_eq!(found[0].what, "the assessment “Beta”");
        let key = found[0].backup_key.clone().unwrap();
        assert_eq!(store.values[&key], "[1,");
        assert_eq!(listed(&state), [("Alpha".to_string(), 1)]);
    }

    #[test]
    fn a_backup_never_overwrites_an_earlier_one() {
        let mut store = MemoryStore::default();
        let first = back_up(&mut store, NOW, "library", "one").unwrap();
        let second = back_up(&mut store, NOW, "library", "two").unwrap();
        assert_ne!(first, second);
        assert_eq!(store.values[&first], "one");
        assert_eq!(store.values[&second], "two");
    }

    #[test]
    fn each_namespace_keeps_its_own_keys() {
        use crate::app::store::{logical_key, physical_key};
        assert_eq!(physical_key("", DOCUMENT_KEY), DOCUMENT_KEY);
        let a = physical_key("c0ffee", DOCUMENT_KEY);
        assert_eq!(a, "riskwright@c0ffee.assessment");
        assert_eq!(logical_key("c0ffee", &a).as_deref(), Some(DOCUMENT_KEY));
        assert_eq!(logical_key("c0ffe", &a), None, "another copy's key");
        assert_eq!(logical_key("", &a), None, "not the default namespace's");
        assert_eq!(logical_key("c0ffee", DOCUMENT_KEY), None);
        assert!(crate::app::store::is_namespace("0123abcd"));
        assert!(!crate::app::store::is_namespace("a.b"));
        assert!(!crate::app::store::is_namespace(""));
    }

    /// The first load (without the whole workbench) recovers nothing
    /// itself: it hands over, and writes nothing until then.
    #[cfg(not(feature = "screens"))]
    #[test]
    fn the_first_load_hands_anything_to_recover_over_and_writes_nothing() {
        use crate::app::library::LibraryMsg;
        for key in [
            LIBRARY_KEY,
            "riskwright.doc.a-1",
            REVISION_KEY,
            DOCUMENT_KEY,
        ] {
            let mut store = MemoryStore::default();
            let mut s = open(&mut store, NOW);
            s.update_library(LibraryMsg::Create("Beta".into()), &mut store, NOW);
            assert!(
                !s.wants_screens,
                "{key}: a plain start stays in the first load"
            );
            store.values.insert(key.into(), "{broken".into());
            let before = store.values.clone();
            let mut state = open(&mut store, NOW);
            assert!(state.wants_screens && state.saving_blocked, "{key}");
            state.save(&mut store);
            assert_eq!(store.values, before, "{key}: nothing written");
        }
    }
}
