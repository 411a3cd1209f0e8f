//! Several assessments in one browser: the library index, switching the
//! open assessment, and create, rename, duplicate and delete (with undo).
//!
//! The open assessment is always the working copy under `DOCUMENT_KEY`, so
//! saving it costs one write. Closed ones sit under `SHELF_PREFIX + id`. A
//! switch first copies the outgoing document to its shelf key, then loads
//! the incoming one, then updates the index, then removes the incoming
//! shelf copy. In the steady state the open assessment has no shelf copy;
//! if one exists at startup, a switch was interrupted and that copy is the
//! authoritative content, so no crash point loses a document.

use super::startup::Recovery;
use super::state::{AppState, Notice};
use super::store::{
    back_up, backup_keys, stored_revision, KeyValueStore, StoreError, BACKUP_PREFIX, DOCUMENT_KEY,
    REVISION_KEY, SNAPSHOTS_KEY,
};
use riskwright_engine::document::Assessment;
use serde::{Deserialize, Serialize};

/// Key of the library index.
pub const LIBRARY_KEY: &str = "riskwright.library";
/// Prefix of the keys of closed assessments, followed by their id.
pub const SHELF_PREFIX: &str = "riskwright.doc.";
/// Key of the last deleted assessment, kept for undo.
pub const TRASH_KEY: &str = "riskwright.trash";

/// The assessments kept in this browser.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Library {
    /// The id of the open assessment.
    pub open: String,
    /// Every assessment, the open one included.
    pub entries: Vec<LibraryEntry>,
    /// The last deleted assessment, which undo can bring back.
    #[serde(default)]
    pub trash: Option<LibraryEntry>,
    /// The backup keys in storage (unreadable values kept), oldest first.
    /// Read from the store, never saved with the list.
    #[serde(skip)]
    pub backups: Vec<String>,
}

/// One assessment in the library.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LibraryEntry {
    /// Stable id, used in storage keys.
    pub id: String,
    /// The assessment's name when last saved.
    pub name: String,
    /// When it was last changed, ISO 8601 UTC.
    pub updated_at: String,
    /// How many risks it held when last saved.
    pub risks: usize,
}

/// Changes to the library.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LibraryMsg {
    /// Start a new, empty assessment and open it.
    Create(String),
    /// Open another assessment.
    Open(String),
    /// Copy an assessment (it stays closed).
    Duplicate(String),
    /// Rename an assessment.
    Rename(String, String),
    /// Delete an assessment; undo brings it back.
    Delete(String),
    /// Delete a kept backup of an unreadable value (by its key).
    DeleteBackup(String),
    /// Bring back the last deleted assessment.
    UndoDelete,
    /// Start a new assessment from the draft risks a readiness check left.
    CreateFromSeed,
    /// Drop the readiness check's drafts.
    DiscardSeed,
    /// Open the file waiting on the import screen as a new assessment (a
    /// JSON document as it is; a CSV's risks in a new assessment on the
    /// current method).
    ImportAsNew,
}

/// Key where the public self-assessment page leaves its draft risks (the
/// engine's `readiness::seed` output) for the app.
pub const SEED_KEY: &str = "riskwright.seed";

/// A draft risk from a readiness check, as the app takes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeedRisk {
    /// The gap as a risk title.
    pub title: String,
    /// What could happen, plus the Annex A controls to consider.
    pub scenario: String,
}

/// Reads the drafts a readiness check left; `None` if there are none or
/// they cannot be read (the page wrote them, but storage is untrusted).
pub fn read_seed(store: &dyn KeyValueStore) -> Option<Vec<SeedRisk>> {
    let text = store.get(SEED_KEY).ok()??;
    let value: serde_json::Value = serde_json::from_str(&text).ok()?;
    let drafts = value.get("risks")?.as_array()?;
    let risks: Vec<SeedRisk> = drafts
        .iter()
        .filter_map(|d| {
            let title = d.get("title")?.as_str()?.trim();
            let scenario = d.get("scenario").and_then(|s| s.as_str()).unwrap_or("");
            let controls: Vec<&str> = d
                .get("controls")
                .and_then(|c| c.as_array())
                .map(|c| c.iter().filter_map(|x| x.as_str()).collect())
                .unwrap_or_default();
            let scenario = if controls.is_empty() {
                scenario.to_string()
            } else {
                format!(
                    "{scenario} Annex A controls to consider: {}.",
                    controls.join(", ")
                )
            };
            (!title.is_empty()).then(|| SeedRisk {
                title: title.to_string(),
                scenario,
            })
        })
        .collect();
    (!risks.is_empty()).then_some(risks)
}

/// The Statement of Applicability notes a readiness check left: each
/// control id with what the check found there. Unreadable notes are skipped.
pub fn read_seed_notes(store: &dyn KeyValueStore) -> Vec<(String, String)> {
    let Some(value) = store
        .get(SEED_KEY)
        .ok()
        .flatten()
        .and_then(|text| serde_json::from_str::<serde_json::Value>(&text).ok())
    else {
        return Vec::new();
    };
    let Some(notes) = value.get("soaNotes").and_then(|n| n.as_array()) else {
        return Vec::new();
    };
    notes
        .iter()
        .filter_map(|n| {
            let control = n.get("control")?.as_str()?.trim();
            let note = n.get("note")?.as_str()?.trim();
            (!control.is_empty() && !note.is_empty())
                .then(|| (control.to_string(), note.to_string()))
        })
        .collect()
}

fn shelf(id: &str) -> String {
    format!("{SHELF_PREFIX}{id}")
}

impl Library {
    /// The stored index, or `None` if it is unreadable.
    pub fn parse(text: &str) -> Option<Library> {
        Self::parse_or_why(text).ok()
    }

    /// The stored index, or why it cannot be read. It is read as a JSON
    /// value first, so the wasm carries no second typed JSON parser.
    fn parse_or_why(text: &str) -> Result<Library, String> {
        let value: serde_json::Value =
            serde_json::from_str(text).map_err(|_| "it is not valid JSON".to_string())?;
        // Through the engine's located deserializer, not serde_json's: its
        // error messages would bring float printing into the first load.
        riskwright_engine::document::deserialize_value(&value, "$").map_err(|d| d.to_string())
    }

    /// The stored index: `Ok(None)` if there is none (or storage refused),
    /// `Err((text, why))` if it cannot be read.
    pub fn read(store: &dyn KeyValueStore) -> Result<Option<Library>, (String, String)> {
        match store.get(LIBRARY_KEY) {
            Ok(Some(text)) => match Self::parse_or_why(&text) {
                Ok(library) => Ok(Some(library)),
                Err(why) => Err((text, why)),
            },
            Ok(None) | Err(_) => Ok(None),
        }
    }

    /// A list holding only `open`.
    pub fn around(open: &Assessment, now: &str) -> Library {
        Library {
            open: "a-1".into(),
            entries: vec![LibraryEntry {
                id: "a-1".into(),
                name: open.name.clone(),
                updated_at: now.into(),
                risks: open.risks.len(),
            }],
            trash: None,
            backups: Vec::new(),
        }
    }

    /// Reads the index without changing storage, for a tab that reloads
    /// what another tab saved. An index that cannot be read is rebuilt in
    /// memory from the assessments stored (the tab that opens next backs it
    /// up and writes the rebuilt one, see `startup`).
    pub fn load(store: &dyn KeyValueStore, open: &Assessment, now: &str) -> Library {
        let mut library = match Library::read(store) {
            Ok(Some(library)) if library.entry(&library.open).is_some() => library,
            _ => Library::rebuilt(store, open, now),
        };
        library.backups = backup_keys(store);
        library
    }

    /// A list made from what is stored: `open` first, then every readable
    /// closed assessment, and the deleted one kept for undo.
    pub(crate) fn rebuilt(store: &dyn KeyValueStore, open: &Assessment, now: &str) -> Library {
        let entry = |id: String, assessment: &Assessment| LibraryEntry {
            id,
            name: assessment.name.clone(),
            updated_at: now.into(),
            risks: assessment.risks.len(),
        };
        let read = |key: &str| {
            store
                .get(key)
                .ok()
                .flatten()
                .and_then(|t| Assessment::from_json_str(&t).ok())
        };
        let mut library = Library::around(open, now);
        library.entries.clear();
        for key in store.keys().unwrap_or_default() {
            if let Some(id) = key.strip_prefix(SHELF_PREFIX) {
                if let Some(assessment) = read(&key) {
                    library.entries.push(entry(id.to_string(), &assessment));
                }
            }
        }
        library.open = library.new_id();
        library.entries.insert(0, entry(library.open.clone(), open));
        if let Some(deleted) = read(TRASH_KEY) {
            library.trash = Some(entry(library.new_id(), &deleted));
        }
        library
    }

    /// Writes the index, unless the stored one cannot be read: that one is
    /// backed up when the app next opens, and never overwritten before.
    pub fn save(&self, store: &mut dyn KeyValueStore) -> Result<(), StoreError> {
        if let Err((_, why)) = Library::read(store) {
            return Err(StoreError(format!(
                "the list of assessments in this browser cannot be read ({why}); reload the page to recover it"
            )));
        }
        self.write(store)
    }

    /// Writes the index over whatever is stored.
    pub(crate) fn write(&self, store: &mut dyn KeyValueStore) -> Result<(), StoreError> {
        let text = serde_json::to_string(self).map_err(|e| StoreError(e.to_string()))?;
        store.set(LIBRARY_KEY, &text)
    }

    /// `wanted`, or `wanted (2)`, `(3)`… if another assessment than
    /// `except` already has that name, so no two share one.
    pub fn distinct_name(&self, wanted: &str, except: Option<&str>) -> String {
        let taken = |name: &str| {
            self.entries
                .iter()
                .any(|e| Some(e.id.as_str()) != except && e.name == name)
        };
        if !taken(wanted) {
            return wanted.to_string();
        }
        (2..)
            .map(|n| format!("{wanted} ({n})"))
            .find(|name| !taken(name))
            .unwrap_or_else(|| wanted.to_string())
    }

    /// A fresh id: one more than the highest numbered one.
    pub(crate) fn new_id(&self) -> String {
        let highest = self
            .entries
            .iter()
            .chain(&self.trash)
            .filter_map(|e| e.id.strip_prefix("a-")?.parse::<u64>().ok())
            .max()
            .unwrap_or(0);
        format!("a-{}", highest + 1)
    }

    /// The entry with `id`.
    pub fn entry(&self, id: &str) -> Option<&LibraryEntry> {
        self.entries.iter().find(|e| e.id == id)
    }
}

/// Finishes a switch that was interrupted, if any (see the module docs).
pub fn recover_interrupted_switch(store: &mut dyn KeyValueStore, library: &Library) {
    let key = shelf(&library.open);
    if let Ok(Some(text)) = store.get(&key) {
        if store.set(DOCUMENT_KEY, &text).is_ok() {
            let _ = store.remove(&key);
        }
    }
}

impl AppState {
    /// Records the open assessment's name, size and time in the index.
    pub(crate) fn touch_library(&mut self, store: &mut dyn KeyValueStore, now: &str) {
        let open = self.library.open.clone();
        if let Some(entry) = self.library.entries.iter_mut().find(|e| e.id == open) {
            entry.name = self.assessment.name.clone();
            entry.risks = self.assessment.risks.len();
            entry.updated_at = now.to_string();
        }
        let _ = self.library.save(store);
    }

    /// Applies a library change. Everything it writes is written before the
    /// index that points at it.
    pub fn update_library(&mut self, msg: LibraryMsg, store: &mut dyn KeyValueStore, now: &str) {
        let result = match msg {
            LibraryMsg::Create(name) => self.create(&name, store, now).map(|()| {
                // "Create and open": the new assessment's register.
                self.view = super::state::View::Register;
            }),
            LibraryMsg::Open(id) => self.switch_to(&id, store, now),
            LibraryMsg::DeleteBackup(key) => self.delete_backup(&key, store),
            LibraryMsg::Duplicate(id) => self.duplicate(&id, store, now),
            LibraryMsg::Rename(id, name) => self.rename(&id, &name, store, now),
            LibraryMsg::Delete(id) => self.delete(&id, store, now),
            LibraryMsg::UndoDelete => self.undo_delete(store),
            LibraryMsg::CreateFromSeed => self.create_from_seed(store, now),
            LibraryMsg::ImportAsNew if super::ALL_SCREENS => self.import_as_new(store, now),
            // Sent only by the import screen, which the first load lacks.
            LibraryMsg::ImportAsNew => Ok(()),
            LibraryMsg::DiscardSeed => {
                self.notice = None;
                store.remove(SEED_KEY)
            }
        };
        if let Err(error) = result {
            self.notice = Some(Notice::SaveFailed(error.0));
        }
    }

    /// The saved text of assessment `id`.
    fn text_of(&self, id: &str, store: &dyn KeyValueStore) -> Result<String, StoreError> {
        if id == self.library.open {
            return Ok(self.assessment.to_json_string());
        }
        store.get(&shelf(id))?.ok_or_else(|| {
            let name = self.library.entry(id).map_or("", |e| e.name.as_str());
            StoreError(format!("the stored copy of “{name}” is missing"))
        })
    }

    /// Closed assessment `id` as stored, with its text. A copy that cannot
    /// be read is handled as at startup: backed up, taken out of the list,
    /// and said (`Ok(None)`).
    fn read_closed(
        &mut self,
        id: &str,
        store: &mut dyn KeyValueStore,
        now: &str,
    ) -> Result<Option<(String, Assessment)>, StoreError> {
        let text = self.text_of(id, store)?;
        let problems = match Assessment::from_json_str(&text) {
            Ok(assessment) => return Ok(Some((text, assessment))),
            Err(problems) => problems,
        };
        let name = self.library.entry(id).map_or("", |e| e.name.as_str());
        if !super::ALL_SCREENS {
            // The whole workbench sets it aside at the next start (see
            // `startup::open`); the first load leaves it where it is.
            return Err(StoreError(format!(
                "“{name}” cannot be read; reload the page to set it aside safely"
            )));
        }
        let what = format!("the assessment “{name}”");
        let reason = riskwright_engine::diagnostic::join(&problems);
        match back_up(store, now, &format!("doc.{id}"), &text) {
            Ok(backup_key) => {
                self.library.entries.retain(|e| e.id != id);
                self.library.save(store)?;
                store.remove(&shelf(id))?;
                self.library.backups = backup_keys(store);
                let recovery = Recovery {
                    what,
                    reason,
                    outcome:
                        "It was taken out of the list of assessments; the others are not affected."
                            .into(),
                    backup_key: Some(backup_key),
                };
                self.notice = Some(Notice::Recovered(vec![recovery]));
            }
            // Left where it is: it is the only copy.
            Err(error) => {
                self.notice = Some(Notice::RecoveryBlocked {
                    what,
                    reason,
                    error: error.0,
                })
            }
        }
        Ok(None)
    }

    /// Removes a kept backup, once the user has it or does not want it.
    fn delete_backup(
        &mut self,
        key: &str,
        store: &mut dyn KeyValueStore,
    ) -> Result<(), StoreError> {
        if key.starts_with(BACKUP_PREFIX) {
            store.remove(key)?;
        }
        self.library.backups = backup_keys(store);
        Ok(())
    }

    /// `wanted`, or a distinct name if another assessment has it (said in
    /// a notice).
    fn name_for_new(&mut self, wanted: &str, except: Option<&str>) -> String {
        let given = self.library.distinct_name(wanted, except);
        if given != wanted {
            self.notice = Some(Notice::NameTaken {
                wanted: wanted.to_string(),
                given: given.clone(),
            });
        }
        given
    }

    fn create(
        &mut self,
        name: &str,
        store: &mut dyn KeyValueStore,
        now: &str,
    ) -> Result<(), StoreError> {
        let name = if name.trim().is_empty() {
            "New assessment"
        } else {
            name.trim()
        };
        let name = self.name_for_new(name, None);
        let notice = self.notice.take();
        self.create_with(Assessment::new(&name), store, now)?;
        self.notice = notice;
        Ok(())
    }

    /// Adds `assessment` to the library and opens it.
    fn create_with(
        &mut self,
        assessment: Assessment,
        store: &mut dyn KeyValueStore,
        now: &str,
    ) -> Result<(), StoreError> {
        let id = self.library.new_id();
        store.set(&shelf(&id), &assessment.to_json_string())?;
        self.library.entries.push(LibraryEntry {
            id: id.clone(),
            name: assessment.name.clone(),
            updated_at: now.to_string(),
            risks: assessment.risks.len(),
        });
        self.library.save(store)?;
        self.switch_to(&id, store, now)
    }

    fn import_as_new(
        &mut self,
        store: &mut dyn KeyValueStore,
        now: &str,
    ) -> Result<(), StoreError> {
        use super::data::{DataMsg, PendingImport};
        let view = self.view;
        match self.data.pending.take() {
            Some(PendingImport::Json {
                mut assessment,
                file,
                ..
            }) => {
                let wanted = assessment.name.clone();
                assessment.name = self.library.distinct_name(&wanted, None);
                self.create_with(*assessment, store, now)?;
                let mut outcome = format!(
                    "Opened “{}” from {file} as a new assessment.",
                    self.assessment.name
                );
                if self.assessment.name != wanted {
                    outcome.push_str(&format!(
                        " Another assessment in this browser is already called “{wanted}”, so this one was given a distinct name."
                    ));
                }
                self.data.outcome = Some(outcome);
            }
            // A readiness check's result: its drafts go where the check's
            // "Start a full assessment" leaves them, and are taken the same way.
            Some(PendingImport::Readiness { file, seed }) => {
                store.set(SEED_KEY, &serde_json::to_string(&seed).unwrap_or_default())?;
                self.create_from_seed(store, now)?;
                self.data.outcome = Some(format!(
                    "Opened “{}” from {file}: {} draft risks from the readiness check.",
                    self.assessment.name,
                    self.assessment.risks.len()
                ));
            }
            Some(PendingImport::Csv {
                file,
                table,
                mapping,
                ..
            }) => {
                let name = self
                    .library
                    .distinct_name(&format!("Imported from {file}"), None);
                let mut fresh = Assessment::new(&name);
                fresh.method = self.assessment.method.clone();
                self.create_with(fresh, store, now)?;
                // Names and ids are matched again against the new, empty
                // assessment before anything is added.
                let preview = riskwright_engine::interchange::import_risks(
                    &table,
                    &mapping,
                    &self.assessment,
                );
                self.data.pending = Some(PendingImport::Csv {
                    file,
                    table,
                    mapping,
                    preview,
                });
                self.update(super::state::Msg::Data(DataMsg::ConfirmCsv), now);
                self.save(store);
                self.touch_library(store, now);
            }
            other => self.data.pending = other,
        }
        self.view = view;
        Ok(())
    }

    /// Opens `id`: the outgoing document goes to its shelf first.
    fn switch_to(
        &mut self,
        id: &str,
        store: &mut dyn KeyValueStore,
        now: &str,
    ) -> Result<(), StoreError> {
        if id == self.library.open || self.library.entry(id).is_none() {
            return Ok(());
        }
        let Some((incoming, assessment)) = self.read_closed(id, store, now)? else {
            return Ok(());
        };
        let outgoing = self.library.open.clone();
        store.set(&shelf(&outgoing), &self.assessment.to_json_string())?;
        let revision = stored_revision(store)? + 1;
        // The outgoing snapshots are in its shelf copy; the incoming
        // document carries its own.
        store.remove(SNAPSHOTS_KEY)?;
        store.set(DOCUMENT_KEY, &incoming)?;
        store.set(REVISION_KEY, &revision.to_string())?;
        self.library.open = id.to_string();
        self.library.save(store)?;
        store.remove(&shelf(id))?;
        let library = std::mem::take(&mut self.library);
        *self = AppState {
            revision,
            library,
            view: self.view,
            persistent: self.persistent,
            ..AppState::new(assessment)
        };
        Ok(())
    }

    fn duplicate(
        &mut self,
        id: &str,
        store: &mut dyn KeyValueStore,
        now: &str,
    ) -> Result<(), StoreError> {
        let Some(entry) = self.library.entry(id).cloned() else {
            return Ok(());
        };
        let Some((_, mut copy)) = self.read_closed(id, store, now)? else {
            return Ok(());
        };
        copy.name = self
            .library
            .distinct_name(&format!("{} (copy)", entry.name), None);
        let new = self.library.new_id();
        store.set(&shelf(&new), &copy.to_json_string())?;
        self.library.entries.push(LibraryEntry {
            id: new,
            name: copy.name,
            updated_at: now.to_string(),
            risks: copy.risks.len(),
        });
        self.library.save(store)
    }

    fn rename(
        &mut self,
        id: &str,
        name: &str,
        store: &mut dyn KeyValueStore,
        now: &str,
    ) -> Result<(), StoreError> {
        let name = self.name_for_new(name.trim(), Some(id));
        let notice = self.notice.take();
        if id == self.library.open {
            if self.update(super::state::Msg::SetName(name.clone()), now) {
                self.save(store);
            }
            self.touch_library(store, now);
            if notice.is_some() && self.notice.is_none() {
                self.notice = notice;
            }
            return Ok(());
        }
        let Some((_, mut assessment)) = self.read_closed(id, store, now)? else {
            return Ok(());
        };
        self.notice = notice;
        let name = name.as_str();
        assessment.name = name.to_string();
        store.set(&shelf(id), &assessment.to_json_string())?;
        if let Some(entry) = self.library.entries.iter_mut().find(|e| e.id == id) {
            entry.name = name.to_string();
            entry.updated_at = now.to_string();
        }
        self.library.save(store)
    }

    /// Moves `id` to the trash (replacing what was there). Deleting the open
    /// assessment opens another one first, or a new one if it was the last.
    fn delete(
        &mut self,
        id: &str,
        store: &mut dyn KeyValueStore,
        now: &str,
    ) -> Result<(), StoreError> {
        let Some(entry) = self.library.entry(id).cloned() else {
            return Ok(());
        };
        // Another one opens first: the next readable one, or a new one.
        while id == self.library.open {
            let other = self
                .library
                .entries
                .iter()
                .find(|e| e.id != id)
                .map(|e| e.id.clone());
            match other {
                Some(other) => {
                    self.switch_to(&other, store, now)?;
                    if self.library.open == id && self.library.entry(&other).is_some() {
                        // It could not be read nor backed up: the notice
                        // says so, and nothing is deleted.
                        return Ok(());
                    }
                }
                None => {
                    self.create_with(Assessment::new(super::startup::FRESH_NAME), store, now)?
                }
            }
        }
        let text = self.text_of(id, store)?;
        store.set(TRASH_KEY, &text)?;
        self.library.entries.retain(|e| e.id != id);
        self.library.trash = Some(entry.clone());
        self.library.save(store)?;
        store.remove(&shelf(id))?;
        self.notice = Some(Notice::Deleted(entry.name));
        Ok(())
    }

    /// A new assessment holding the readiness gaps as draft risks, each added
    /// through the register (so recorded in its history), tagged
    /// "readiness" and owned by nobody yet.
    fn create_from_seed(
        &mut self,
        store: &mut dyn KeyValueStore,
        now: &str,
    ) -> Result<(), StoreError> {
        let Some(drafts) = read_seed(store) else {
            self.notice = None;
            return store.remove(SEED_KEY);
        };
        let notes = read_seed_notes(store);
        self.create("Readiness gaps", store, now)?;
        // The notes go into the SoA undecided: a person still decides each
        // control, with the finding in front of them.
        for (control_id, note) in notes {
            let entry = riskwright_engine::document::SoaEntry {
                control_id,
                reason_note: note,
                ..Default::default()
            };
            if let Err(problems) = self.apply(
                riskwright_engine::register::RegisterEdit::SetSoaEntry(entry),
                now,
            ) {
                self.notice = Some(Notice::Refused(problems));
            }
        }
        for draft in drafts {
            let risk = riskwright_engine::document::Risk {
                title: draft.title,
                scenario: draft.scenario,
                tags: vec!["readiness".into()],
                ..Default::default()
            };
            if let Err(problems) = self.apply(
                riskwright_engine::register::RegisterEdit::AddRisk(risk),
                now,
            ) {
                self.notice = Some(Notice::Refused(problems));
            }
        }
        self.save(store);
        self.touch_library(store, now);
        store.remove(SEED_KEY)?;
        if !matches!(self.notice, Some(Notice::Refused(_))) {
            self.notice = None;
        }
        Ok(())
    }

    fn undo_delete(&mut self, store: &mut dyn KeyValueStore) -> Result<(), StoreError> {
        let Some(entry) = self.library.trash.clone() else {
            return Ok(());
        };
        let text = store
            .get(TRASH_KEY)?
            .ok_or_else(|| StoreError("the deleted assessment is no longer kept".into()))?;
        store.set(&shelf(&entry.id), &text)?;
        self.library.entries.push(entry);
        self.library.trash = None;
        self.library.save(store)?;
        store.remove(TRASH_KEY)?;
        self.notice = None;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::startup;
    use crate::app::state::Msg;
    use crate::app::store::MemoryStore;

    const NOW: &str = "2026-11-28T10:00:00.000Z";

    fn names(state: &AppState) -> Vec<&str> {
        state
            .library
            .entries
            .iter()
            .map(|e| e.name.as_str())
            .collect()
    }

    #[test]
    fn assessments_are_created_switched_renamed_and_duplicated() {
        let mut store = MemoryStore::default();
        let mut s = startup::open(&mut store, NOW);
        s.update(Msg::SetScope("First scope".into()), NOW);
        s.save(&mut store);
        s.update_library(LibraryMsg::Create("Supplier audit".into()), &mut store, NOW);
        assert_eq!(s.assessment.name, "Supplier audit");
        assert_eq!(names(&s), ["My risk assessment", "Supplier audit"]);
        s.update_library(LibraryMsg::Open("a-1".into()), &mut store, NOW);
        assert_eq!(
            s.assessment.scope, "First scope",
            "the first one kept its edits"
        );
        s.update_library(
            LibraryMsg::Rename("a-2".into(), "Supplier audit 2027".into()),
            &mut store,
            NOW,
        );
        s.update_library(LibraryMsg::Duplicate("a-1".into()), &mut store, NOW);
        assert_eq!(
            names(&s),
            [
                "My risk assessment",
                "Supplier audit 2027",
                "My risk assessment (copy)"
            ]
        );
        // A reload sees the same library and the same open assessment.
        let again = startup::open(&mut store, NOW);
        assert_eq!(again.library, s.library);
        assert_eq!(again.assessment.scope, "First scope");
        assert!(
            !store.values.contains_key(&shelf("a-1")),
            "the open one has no shelf copy"
        );
    }

    #[test]
    fn a_deleted_assessment_comes_back_with_undo() {
        let mut store = MemoryStore::default();
        let mut s = startup::open(&mut store, NOW);
        s.update_library(LibraryMsg::Create("Keep me".into()), &mut store, NOW);
        s.update(Msg::SetScope("precious".into()), NOW);
        s.save(&mut store);
        s.update_library(LibraryMsg::Delete("a-2".into()), &mut store, NOW);
        assert_eq!(names(&s), ["My risk assessment"]);
        assert_eq!(
            s.library.open, "a-1",
            "deleting the open one opened another"
        );
        assert_eq!(s.notice, Some(Notice::Deleted("Keep me".into())));
        s.update_library(LibraryMsg::UndoDelete, &mut store, NOW);
        s.update_library(LibraryMsg::Open("a-2".into()), &mut store, NOW);
        assert_eq!(s.assessment.scope, "precious");
        // Deleting the last assessment leaves a fresh one open.
        s.update_library(LibraryMsg::Delete("a-1".into()), &mut store, NOW);
        s.update_library(LibraryMsg::Delete("a-2".into()), &mut store, NOW);
        assert_eq!(s.library.entries.len(), 1);
        assert_eq!(s.assessment.risks.len(), 0);
    }

    #[test]
    fn a_readiness_check_seeds_a_new_assessment_once() {
        let mut store = MemoryStore::default();
        store.values.insert(
            SEED_KEY.into(),
            r#"{"risks":[{"title":"Backups not fully in place","scenario":"Data could be lost.","controls":["8.13"]},{"title":"  "}],"soaNotes":[{"control":"8.13","note":"Self-assessment: \"partly\" for backups.","questionIds":["backups"]},{"control":"","note":"skipped"}]}"#.into(),
        );
        let mut s = startup::open(&mut store, NOW);
        assert_eq!(s.notice, Some(Notice::SeedOffered(1)));
        s.update_library(LibraryMsg::CreateFromSeed, &mut store, NOW);
        assert_eq!(s.assessment.name, "Readiness gaps");
        assert_eq!(s.assessment.risks.len(), 1);
        let risk = &s.assessment.risks[0];
        assert_eq!(risk.title, "Backups not fully in place");
        assert!(risk
            .scenario
            .ends_with("Annex A controls to consider: 8.13."));
        assert_eq!(risk.tags, ["readiness"]);
        // The SoA note is recorded, the control left for a person to decide.
        assert_eq!(s.assessment.soa.len(), 1);
        assert_eq!(s.assessment.soa[0].control_id, "8.13");
        assert_eq!(s.assessment.soa[0].applicable, None);
        assert_eq!(
            s.assessment.soa[0].reason_note,
            "Self-assessment: \"partly\" for backups."
        );
        assert!(
            !store.values.contains_key(SEED_KEY),
            "the hand-off is consumed"
        );
        assert_eq!(names(&s), ["My risk assessment", "Readiness gaps"]);
        assert_eq!(startup::open(&mut store, NOW).notice, None);
    }

    #[test]
    fn unreadable_seeds_are_kept_and_said_not_offered() {
        let mut store = MemoryStore::default();
        store.values.insert(SEED_KEY.into(), "{not json".into());
        let state = startup::open(&mut store, NOW);
        assert!(
            matches!(&state.notice, Some(Notice::Recovered(f)) if f[0].what.contains("readiness check"))
        );
        assert!(!store.values.contains_key(SEED_KEY));
        assert_eq!(
            store.values[&format!("riskwright.backup.{NOW}.seed")],
            "{not json"
        );
        assert_eq!(startup::open(&mut store, NOW).notice, None);
    }

    #[test]
    fn no_two_assessments_silently_share_a_name() {
        let mut store = MemoryStore::default();
        let mut s = startup::open(&mut store, NOW);
        s.update_library(LibraryMsg::Create("Audit".into()), &mut store, NOW);
        assert_eq!(s.view, crate::app::state::View::Register, "create and open");
        s.update_library(LibraryMsg::Create("Audit".into()), &mut store, NOW);
        assert_eq!(s.assessment.name, "Audit (2)");
        assert_eq!(
            s.notice,
            Some(Notice::NameTaken {
                wanted: "Audit".into(),
                given: "Audit (2)".into()
            })
        );
        s.update_library(
            LibraryMsg::Rename("a-1".into(), "Audit".into()),
            &mut store,
            NOW,
        );
        assert_eq!(
            names(&s),
            ["Audit (3)", "Audit", "Audit (2)"],
            "a rename to a taken name is made distinct"
        );
        // Renaming to its own name changes nothing.
        s.update_library(
            LibraryMsg::Rename("a-2".into(), "Audit".into()),
            &mut store,
            NOW,
        );
        assert_eq!(names(&s)[1], "Audit");
    }

    #[test]
    fn replacing_by_import_keeps_a_distinct_name_and_says_so() {
        use crate::app::data::DataMsg;
        let mut store = MemoryStore::default();
        let mut s = startup::open(&mut store, NOW);
        s.update_library(
            LibraryMsg::Rename("a-1".into(), "Client A".into()),
            &mut store,
            NOW,
        );
        let exported = s.assessment.to_json_string();
        s.update_library(LibraryMsg::Create("Client B".into()), &mut store, NOW);
        s.update(
            Msg::Data(DataMsg::FileLoaded {
                name: "client-a.json".into(),
                text: exported.clone(),
            }),
            NOW,
        );
        assert!(s.update(Msg::Data(DataMsg::ReplaceWithJson), NOW));
        s.save(&mut store);
        s.touch_library(&mut store, NOW);
        assert_eq!(names(&s), ["Client A", "Client B"]);
        let outcome = s.data.outcome.clone().unwrap();
        assert!(outcome.contains("keeps the name “Client B”"), "{outcome}");
        // Imported as new, the copy gets a distinct name too.
        s.update(
            Msg::Data(DataMsg::FileLoaded {
                name: "client-a.json".into(),
                text: exported,
            }),
            NOW,
        );
        s.update_library(LibraryMsg::ImportAsNew, &mut store, NOW);
        assert_eq!(names(&s), ["Client A", "Client B", "Client A (2)"]);
        assert!(s.data.outcome.clone().unwrap().contains("distinct name"));
    }

    #[test]
    fn an_import_can_open_as_a_new_assessment() {
        use crate::app::data::DataMsg;
        let mut store = MemoryStore::default();
        let mut s = startup::open(&mut store, NOW);
        let csv = "Title,Likelihood,Impact,Assets\r\nLost laptop,3,4,Laptops\r\nBad,9,1,\r\n";
        s.update(
            Msg::Data(DataMsg::FileLoaded {
                name: "risks.csv".into(),
                text: csv.into(),
            }),
            NOW,
        );
        s.update_library(LibraryMsg::ImportAsNew, &mut store, NOW);
        assert_eq!(s.assessment.name, "Imported from risks.csv");
        assert_eq!(s.assessment.risks.len(), 1, "only the good row");
        assert_eq!(s.assessment.assets[0].name, "Laptops");
        assert_eq!(names(&s), ["My risk assessment", "Imported from risks.csv"]);
        s.update_library(LibraryMsg::Open("a-1".into()), &mut store, NOW);
        assert!(
            s.assessment.risks.is_empty(),
            "the current one was left alone"
        );

        let mut doc = Assessment::new("From a file");
        doc.scope = "Everything".into();
        s.update(
            Msg::Data(DataMsg::FileLoaded {
                name: "a.json".into(),
                text: doc.to_json_string(),
            }),
            NOW,
        );
        s.update_library(LibraryMsg::ImportAsNew, &mut store, NOW);
        assert_eq!(
            (s.assessment.name.as_str(), s.assessment.scope.as_str()),
            ("From a file", "Everything")
        );
    }

    #[test]
    fn an_interrupted_switch_loses_nothing() {
        let mut store = MemoryStore::default();
        let mut s = startup::open(&mut store, NOW);
        s.update(Msg::SetScope("A's latest".into()), NOW);
        s.save(&mut store);
        s.update_library(LibraryMsg::Create("B".into()), &mut store, NOW);
        s.update_library(LibraryMsg::Open("a-1".into()), &mut store, NOW);
        // Simulate a crash during a switch to B after the outgoing copy and
        // the incoming load were written, before the index changed.
        let a_text = store.values[DOCUMENT_KEY].clone();
        let b_text = store.values[&shelf("a-2")].clone();
        store.values.insert(shelf("a-1"), a_text);
        store.values.insert(DOCUMENT_KEY.into(), b_text);
        let reopened = startup::open(&mut store, NOW);
        assert_eq!(reopened.library.open, "a-1");
        assert_eq!(reopened.assessment.scope, "A's latest");
        assert!(!store.values.contains_key(&shelf("a-1")));
        assert!(
            store.values.contains_key(&shelf("a-2")),
            "B is still on its shelf"
        );
    }
}
