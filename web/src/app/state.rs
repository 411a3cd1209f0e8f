//! App state, the messages that change it, and `update`.

use super::data::{DataMsg, DataUi};
use super::library::Library;
use super::register::{FormConflict, RegisterMsg, RegisterUi, Resolution, RiskForm, PAGE_SIZE};
use super::store::{
    stored_revision, KeyValueStore, StoreError, DOCUMENT_KEY, HISTORY_PART, HISTORY_PREFIX,
    REVISION_KEY, SNAPSHOTS_KEY,
};
use riskwright_engine::date::Date;
use riskwright_engine::document::{Assessment, Risk, TreatmentStatus};
use riskwright_engine::method::{
    preset, validate_method, Aggregation, Axis, Formula, LevelRule, Method,
};
use riskwright_engine::register::{RegisterEdit, TierUpdate};
use riskwright_engine::rescore::{self, RescorePlan};
use riskwright_engine::Diagnostic;

/// Something the user must be told about, shown until dismissed.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Notice {
    /// Saved values could not be read: each is kept as a backup, and what
    /// could be rebuilt was (see `startup::Recovery`).
    Recovered(Vec<super::startup::Recovery>),
    /// A saved value could not be read and could not be backed up, so it
    /// is left in place and this session does not save.
    RecoveryBlocked {
        /// What could not be read, in the user's words.
        what: String,
        /// What was wrong with the saved value.
        reason: String,
        /// Why the backup failed.
        error: String,
    },
    /// Browser storage refused access; nothing will be kept.
    StorageUnavailable(String),
    /// The last save failed; the previous saved copy is intact.
    SaveFailed(String),
    /// An edit was refused, with the reasons.
    Refused(Vec<Diagnostic>),
    /// Another tab saved this assessment while this tab had an unsaved
    /// change: the user chooses which version to keep.
    Conflict,
    /// Another tab saved; this tab has loaded its version.
    ReloadedFromOtherTab,
    /// An assessment was deleted; undo can bring it back.
    Deleted(String),
    /// A risk was deleted; undo brings it back.
    RiskDeleted {
        /// Its id.
        id: String,
        /// Its title.
        title: String,
    },
    /// A readiness check left this many draft risks for a new assessment.
    SeedOffered(usize),
    /// Another assessment already had the name asked for, so this one was
    /// given a distinct one.
    NameTaken {
        /// The name asked for.
        wanted: String,
        /// The name given.
        given: String,
    },
}

/// How many edits undo remembers.
pub const UNDO_LIMIT: usize = 100;

/// The screens of the app.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum View {
    /// The risk register with its heat maps.
    #[default]
    Register,
    /// The risk assessment method.
    Method,
    /// Export and import.
    Data,
    /// The assessments kept in this browser.
    Assessments,
    /// Assets, threats and vulnerabilities.
    Catalog,
    /// Trend, risk timelines and snapshots.
    History,
    /// One risk's treatment: option, controls, residual risk, acceptance.
    Treatment,
    /// The risk treatment plan.
    Plan,
    /// The Statement of Applicability and its completeness check.
    Soa,
    /// Print-ready reports for the auditor.
    Reports,
    /// Presentation mode for a workshop on a shared screen.
    Workshop,
}

impl View {
    /// Whether the first load (the `app` module without `screens`) has this
    /// screen. The others open in the whole workbench, which takes over.
    pub fn in_first_load(self) -> bool {
        matches!(self, View::Register | View::Method | View::Assessments)
    }
}

/// Everything the UI shows.
#[derive(Debug, Clone, PartialEq)]
pub struct AppState {
    /// The assessment as saved; its method is always valid.
    pub assessment: Assessment,
    /// The method being edited. It may be invalid; it becomes the
    /// assessment's method as soon as it is valid.
    pub draft: Method,
    /// Problems with the draft, empty when it is in force.
    pub draft_problems: Vec<Diagnostic>,
    /// A valid draft that would change scored risks: what would change,
    /// waiting for the user to apply or discard it.
    pub pending: Option<RescorePlan>,
    /// Why the method is changing, recorded in the history with it.
    pub method_reason: String,
    /// The notice on screen, if any.
    pub notice: Option<Notice>,
    /// Set when saving would destroy the only copy of something, or storage
    /// is unavailable.
    pub saving_blocked: bool,
    /// The stored revision this state was read from or last saved as.
    pub revision: u64,
    /// This tab holds a change that is not in storage (a failed or refused
    /// save).
    pub unsaved: bool,
    /// The screen shown.
    pub view: View,
    /// The register screen's filters, sort, page and form.
    pub register: RegisterUi,
    /// Inverses of the edits made, newest last.
    pub undo: Vec<RegisterEdit>,
    /// Inverses of the edits undone, newest last.
    pub redo: Vec<RegisterEdit>,
    /// The assessments kept in this browser.
    pub library: Library,
    /// Whether the browser granted persistent storage (`None` until it
    /// answers).
    pub persistent: Option<bool>,
    /// The snapshots as last written to storage (name and time of each), so
    /// an autosave rewrites them only when they changed.
    pub snapshots_written: Option<Vec<(String, String)>>,
    /// How many history entries storage holds apart. The history only
    /// grows, so an autosave writes only the parts past this (`None`: write
    /// them all).
    pub history_written: Option<usize>,
    /// The "Assets and threats" screen's form and search.
    pub catalog: super::catalog::CatalogUi,
    /// The "History" screen's choices.
    pub history: super::history::HistoryUi,
    /// The export and import screen.
    pub data: DataUi,
    /// The treatment screen.
    pub treat: super::treat::TreatUi,
    /// The risk treatment plan screen.
    pub plan: super::plan::PlanUi,
    /// The Statement of Applicability screen.
    pub soa: super::soa::SoaUi,
    /// The report shown on the reports screen.
    pub report: super::reports::Report,
    /// Presentation (workshop) mode.
    pub workshop: super::workshop::WorkshopUi,
    /// Set in the first load when the user asked for something only the
    /// whole workbench has: the browser side then hands over to it.
    pub wants_screens: bool,
}

/// The working copy as stored: the register without the parts stored apart,
/// and the count of history entries stored apart (the decoder ignores the
/// extra field, and a file export never has it).
fn working_copy(assessment: &Assessment) -> String {
    let register = assessment.to_json_register();
    match register.strip_suffix('}') {
        Some(open) => format!("{open},\"stored_history\":{}}}", assessment.history.len()),
        // Not an object: cannot happen for a struct; keep the history inline.
        None => assessment.to_json_core(),
    }
}

/// What identifies the snapshots of `assessment` for saving: they are only
/// ever added or removed whole.
pub fn snapshot_marks(assessment: &Assessment) -> Vec<(String, String)> {
    assessment
        .snapshots
        .iter()
        .map(|s| (s.name.clone(), s.taken_at.clone()))
        .collect()
}

/// Every change the user can make.
#[derive(Debug, Clone, PartialEq)]
pub enum Msg {
    /// Show another screen.
    Navigate(View),
    /// A change on the register screen.
    Register(RegisterMsg),
    /// A change on the "Assets and threats" screen.
    Catalog(super::catalog::CatalogMsg),
    /// A change on the "History" screen.
    History(super::history::HistoryMsg),
    /// A change on the export and import screen.
    Data(DataMsg),
    /// A change on the treatment screen.
    Treat(super::treat::TreatMsg),
    /// A change on the risk treatment plan screen.
    Plan(super::plan::PlanMsg),
    /// A change on the Statement of Applicability screen.
    Soa(super::soa::SoaMsg),
    /// Show another report.
    Report(super::reports::Report),
    /// A change in presentation (workshop) mode.
    Workshop(super::workshop::WorkshopMsg),
    /// Undo the last edit.
    Undo,
    /// Redo the last undone edit.
    Redo,
    /// Rename the assessment.
    SetName(String),
    /// Change the scope text.
    SetScope(String),
    /// Replace the method by a preset.
    ApplyPreset(String),
    /// Set the number of levels of a scale.
    ResizeScale(Axis, usize),
    /// Edit a scale level's text.
    SetScaleText {
        /// Which scale.
        axis: Axis,
        /// 0-based level.
        index: usize,
        /// Which text.
        field: ScaleField,
        /// The new text.
        value: String,
    },
    /// Move a cell to the next level.
    CycleCell {
        /// 1-based likelihood.
        likelihood: u8,
        /// 1-based impact.
        impact: u8,
    },
    /// Choose how cells get their level.
    SetRule(RuleChoice),
    /// Set a threshold's minimum score.
    SetThreshold {
        /// 0-based threshold.
        index: usize,
        /// The new minimum score.
        min_score: u32,
    },
    /// Edit a risk level.
    SetLevel {
        /// 0-based level.
        index: usize,
        /// Which property.
        field: LevelField,
        /// The new value.
        value: String,
    },
    /// Set the risk acceptance criteria.
    SetAppetite(String),
    /// Set how impacts are aggregated.
    SetAggregation(Aggregation),
    /// Add a custom impact dimension.
    AddDimension(String),
    /// Remove an impact dimension.
    RemoveDimension(String),
    /// Rename an impact dimension.
    RenameDimension {
        /// 0-based dimension.
        index: usize,
        /// The new label.
        label: String,
    },
    /// Close the notice.
    DismissNotice,
    /// Escape: close the form that is open, if any (the risk form, a plan
    /// action, a SoA entry, a custom control, a hand-set tier).
    Escape,
    /// Put the pending method in force and re-score the risks it moves.
    ApplyMethod,
    /// Drop the draft and go back to the method in force.
    DiscardDraft,
    /// Why the method is changing.
    SetMethodReason(String),
}

impl Msg {
    /// Whether the first load handles this message itself.
    pub fn in_first_load(&self) -> bool {
        match self {
            Msg::Navigate(view) => view.in_first_load(),
            Msg::Catalog(_)
            | Msg::History(_)
            | Msg::Data(_)
            | Msg::Treat(_)
            | Msg::Plan(_)
            | Msg::Soa(_)
            | Msg::Report(_)
            | Msg::Workshop(_) => false,
            _ => true,
        }
    }
}

/// What the storage side asks of the state, outside user edits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StorageEvent {
    /// Another tab wrote the document.
    ChangedElsewhere,
    /// After a conflict: load the other tab's version, dropping ours.
    TakeTheirs,
    /// After a conflict: write ours over the other tab's version.
    KeepMine,
}

/// A text of a scale level.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScaleField {
    /// The short label.
    Label,
    /// The description.
    Description,
    /// The calibration guidance.
    Guidance,
}

/// A property of a risk level.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LevelField {
    /// The label.
    Label,
    /// The `#rrggbb` colour.
    Color,
    /// The review interval in days.
    ReviewDays,
}

/// The rule choices the editor offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuleChoice {
    /// Cells assigned one by one.
    Matrix,
    /// A formula with thresholds.
    Formula(Formula),
}

impl AppState {
    /// A state showing `assessment`, with its method as the draft.
    pub fn new(assessment: Assessment) -> Self {
        Self {
            draft: assessment.method.clone(),
            assessment,
            draft_problems: Vec::new(),
            pending: None,
            method_reason: String::new(),
            notice: None,
            saving_blocked: false,
            revision: 0,
            unsaved: false,
            view: View::default(),
            register: RegisterUi::default(),
            undo: Vec::new(),
            redo: Vec::new(),
            library: Library::default(),
            persistent: None,
            snapshots_written: None,
            history_written: None,
            catalog: Default::default(),
            history: Default::default(),
            data: DataUi::default(),
            treat: Default::default(),
            plan: Default::default(),
            soa: Default::default(),
            report: Default::default(),
            workshop: Default::default(),
            wants_screens: false,
        }
    }

    /// Saves the assessment, or says why it could not. A failed write leaves
    /// the previous copy in place (the store writes whole values only). If
    /// another tab saved since this state was read, nothing is written and
    /// the user is asked which version to keep.
    pub fn save(&mut self, store: &mut dyn KeyValueStore) {
        if self.saving_blocked {
            return;
        }
        self.unsaved = true;
        let stored = match stored_revision(store) {
            Ok(revision) => revision,
            Err(error) => {
                self.notice = Some(Notice::SaveFailed(error.0));
                return;
            }
        };
        if stored != self.revision {
            self.notice = Some(Notice::Conflict);
            return;
        }
        let next = stored + 1;
        // The parts stored apart first, the working copy last: it carries
        // the count of history entries, so writing it is the commit point.
        let marks = snapshot_marks(&self.assessment);
        let snapshots = if self.snapshots_written.as_ref() == Some(&marks) {
            Ok(())
        } else {
            store.set(SNAPSHOTS_KEY, &self.assessment.snapshots_json())
        };
        let count = self.assessment.history.len();
        let written = snapshots
            .and_then(|()| self.write_history(store))
            .and_then(|()| store.set(DOCUMENT_KEY, &working_copy(&self.assessment)))
            .and_then(|()| store.set(REVISION_KEY, &next.to_string()));
        if written.is_ok() {
            self.snapshots_written = Some(marks);
            self.history_written = Some(count);
        }
        match written {
            Ok(()) => {
                self.revision = next;
                self.unsaved = false;
                if matches!(self.notice, Some(Notice::SaveFailed(_))) {
                    self.notice = None;
                }
            }
            Err(error) => self.notice = Some(Notice::SaveFailed(error.0)),
        }
    }

    /// Writes the history parts that changed since the last save: the last
    /// one, or all of them after a load or a replaced assessment. Parts past
    /// the end are removed after a rewrite.
    fn write_history(&self, store: &mut dyn KeyValueStore) -> Result<(), StoreError> {
        let history = &self.assessment.history;
        let written = self.history_written.filter(|&w| w <= history.len());
        let first = written.map_or(0, |w| w / HISTORY_PART);
        let parts = history.len().div_ceil(HISTORY_PART);
        for k in first..parts {
            let range = k * HISTORY_PART..(k + 1) * HISTORY_PART;
            store.set(
                &format!("{HISTORY_PREFIX}{k}"),
                &self.assessment.history_json(range),
            )?;
        }
        if written.is_none() {
            let mut k = parts;
            while store.get(&format!("{HISTORY_PREFIX}{k}"))?.is_some() {
                store.remove(&format!("{HISTORY_PREFIX}{k}"))?;
                k += 1;
            }
        }
        Ok(())
    }

    /// Reacts to storage changes made outside this tab.
    pub fn storage_event(&mut self, event: StorageEvent, store: &mut dyn KeyValueStore) {
        match event {
            StorageEvent::ChangedElsewhere if self.unsaved => self.notice = Some(Notice::Conflict),
            StorageEvent::ChangedElsewhere | StorageEvent::TakeTheirs => {
                if self.reload(store) {
                    self.notice = Some(Notice::ReloadedFromOtherTab);
                }
            }
            StorageEvent::KeepMine => {
                if let Ok(revision) = stored_revision(store) {
                    self.revision = revision;
                    self.notice = None;
                    self.save(store);
                }
            }
        }
    }

    /// Replaces the state's assessment by the stored one. False (with a
    /// notice) if the stored value cannot be read; the state is then kept.
    fn reload(&mut self, store: &mut dyn KeyValueStore) -> bool {
        let loaded = store
            .get(DOCUMENT_KEY)
            .map_err(|e| e.0)
            .and_then(|text| text.ok_or_else(|| "the saved assessment was removed".to_string()))
            .and_then(|text| {
                super::startup::read_working(store, &text, "")
                    .map_err(|p| riskwright_engine::diagnostic::join(&p))
            });
        match (loaded, stored_revision(store)) {
            (Ok(working), Ok(revision)) => {
                // The screen, filters and an open form stay; undo steps
                // belong to the replaced document and go.
                let assessment = working.assessment;
                let library = Library::load(store, &assessment, "");
                *self = AppState {
                    revision,
                    view: self.view,
                    register: std::mem::take(&mut self.register),
                    // A workshop in progress goes on with the other tab's
                    // version of the register.
                    workshop: std::mem::take(&mut self.workshop),
                    library,
                    persistent: self.persistent,
                    snapshots_written: Some(snapshot_marks(&assessment)),
                    history_written: working.history_written,
                    ..AppState::new(assessment)
                };
                true
            }
            (Err(error), _) | (_, Err(super::store::StoreError(error))) => {
                self.notice = Some(Notice::SaveFailed(format!(
                    "the version saved by another tab cannot be read ({error})"
                )));
                false
            }
        }
    }

    /// Applies `msg` at time `now` (an ISO 8601 UTC timestamp, from the
    /// caller's clock). Returns whether the assessment changed and so needs
    /// saving.
    pub fn update(&mut self, msg: Msg, now: &str) -> bool {
        // The arms guarded by ALL_SCREENS are compiled out of the first
        // load, and with them the screens they drive: the first load hands
        // those messages over instead.
        match msg {
            msg if !super::ALL_SCREENS && !msg.in_first_load() => {
                self.wants_screens = true;
                false
            }
            Msg::Navigate(view) => {
                self.view = view;
                false
            }
            Msg::Register(msg) => self.update_register(msg, now),
            Msg::Catalog(msg) if super::ALL_SCREENS => self.update_catalog(msg, now),
            Msg::History(msg) if super::ALL_SCREENS => self.update_history(msg, now),
            Msg::Undo => self.step_back(now, true),
            Msg::Redo => self.step_back(now, false),
            Msg::SetName(name) => self.edit(RegisterEdit::SetName(name), now),
            Msg::SetScope(scope) => self.edit(RegisterEdit::SetScope(scope), now),
            Msg::DismissNotice => {
                self.notice = None;
                false
            }
            Msg::Escape => {
                self.register.form = None;
                self.plan.form = None;
                self.soa.form = None;
                self.soa.custom = None;
                self.treat.overrides.clear();
                false
            }
            Msg::SetMethodReason(reason) => {
                self.method_reason = reason;
                false
            }
            Msg::DiscardDraft => {
                self.draft = self.assessment.method.clone();
                self.draft_problems.clear();
                self.pending = None;
                false
            }
            Msg::ApplyMethod => self.apply_pending(now),
            Msg::Data(msg) if super::ALL_SCREENS => self.update_data(msg, now),
            Msg::Treat(msg) if super::ALL_SCREENS => self.update_treat(msg, now),
            Msg::Plan(msg) if super::ALL_SCREENS => self.update_plan(msg, now),
            Msg::Soa(msg) if super::ALL_SCREENS => self.update_soa(msg, now),
            Msg::Workshop(msg) if super::ALL_SCREENS => self.update_workshop(msg, now),
            Msg::Report(report) => {
                self.report = report;
                false
            }
            edit => self.edit_method(edit, now),
        }
    }

    /// Applies an edit through the engine, remembering its inverse for undo.
    /// A refused edit leaves everything as it was and returns its problems.
    pub fn apply(&mut self, edit: RegisterEdit, now: &str) -> Result<(), Vec<Diagnostic>> {
        self.apply_because(edit, now, "")
    }

    /// Applies an edit with the user's reason, which the history keeps.
    pub fn apply_because(
        &mut self,
        edit: RegisterEdit,
        now: &str,
        reason: &str,
    ) -> Result<(), Vec<Diagnostic>> {
        let applied = self.assessment.apply(edit, now, reason.trim())?;
        // Typing a name or scope is one undo step, not one per keystroke.
        let same_run = matches!(
            (self.undo.last(), &applied.inverse),
            (Some(RegisterEdit::SetName(_)), RegisterEdit::SetName(_))
                | (Some(RegisterEdit::SetScope(_)), RegisterEdit::SetScope(_))
        );
        if !same_run {
            self.undo.push(applied.inverse);
        }
        if self.undo.len() > UNDO_LIMIT {
            self.undo.remove(0);
        }
        self.redo.clear();
        Ok(())
    }

    fn edit(&mut self, edit: RegisterEdit, now: &str) -> bool {
        match self.apply(edit, now) {
            Ok(()) => true,
            Err(problems) => {
                self.notice = Some(Notice::Refused(problems));
                false
            }
        }
    }

    /// Undo (`back`) or redo: applies the remembered inverse and keeps the
    /// inverse of that on the other stack.
    fn step_back(&mut self, now: &str, back: bool) -> bool {
        let (from, reason) = if back {
            (&mut self.undo, "undo")
        } else {
            (&mut self.redo, "redo")
        };
        let Some(edit) = from.pop() else {
            return false;
        };
        match self.assessment.apply(edit, now, reason) {
            Ok(applied) => {
                // The deletion the notice offered to undo is undone (or
                // the notice is stale): either way it goes.
                if matches!(self.notice, Some(Notice::RiskDeleted { .. })) {
                    self.notice = None;
                }
                if back {
                    self.redo.push(applied.inverse);
                } else {
                    self.undo.push(applied.inverse);
                }
                self.draft = self.assessment.method.clone();
                self.draft_problems.clear();
                self.register.form = None;
                true
            }
            Err(problems) => {
                self.notice = Some(Notice::Refused(problems));
                false
            }
        }
    }

    fn update_register(&mut self, msg: RegisterMsg, now: &str) -> bool {
        let today = Date::parse(now).ok();
        let ui = &mut self.register;
        match msg {
            RegisterMsg::NewRisk => {
                ui.form = Some(RiskForm {
                    risk: Risk {
                        reviewed_on: today,
                        ..Risk::default()
                    },
                    is_new: true,
                    problems: Vec::new(),
                    reason: String::new(),
                    opened: None,
                    conflict: None,
                });
            }
            RegisterMsg::EditRisk(id) => {
                ui.form = self
                    .assessment
                    .risks
                    .iter()
                    .find(|r| r.id == id)
                    .map(|risk| RiskForm {
                        risk: risk.clone(),
                        is_new: false,
                        problems: Vec::new(),
                        reason: String::new(),
                        opened: Some(risk.clone()),
                        conflict: None,
                    });
            }
            RegisterMsg::Field(field, value) => {
                if let Some(form) = &mut ui.form {
                    match form.set(field, value) {
                        Ok(()) => form.problems.clear(),
                        Err(problem) => form.problems = vec![problem],
                    }
                }
            }
            RegisterMsg::Cancel => ui.form = None,
            RegisterMsg::Save => {
                let Some(form) = ui.form.clone() else {
                    return false;
                };
                if form.conflict.is_none() && self.risk_moved_on(&form) {
                    // Comparing and merging are the whole workbench's: the
                    // first load hands the save over (see app::ALL_SCREENS).
                    if !super::ALL_SCREENS {
                        self.wants_screens = true;
                        return false;
                    }
                    if let Some(conflict) = self.changed_meanwhile(&form) {
                        if let Some(open) = &mut self.register.form {
                            open.conflict = Some(conflict);
                        }
                        return false;
                    }
                }
                return self.save_form(form.risk, form.is_new, &form.reason, now);
            }
            RegisterMsg::Resolve(_) | RegisterMsg::ConflictChoice(..) if !super::ALL_SCREENS => {
                self.wants_screens = true;
                return false;
            }
            RegisterMsg::Resolve(resolution) => return self.resolve_form(resolution, now),
            RegisterMsg::ConflictChoice(member, theirs) => {
                if let Some(conflict) = ui.form.as_mut().and_then(|f| f.conflict.as_mut()) {
                    conflict.take_theirs.retain(|m| m != &member);
                    if theirs {
                        conflict.take_theirs.push(member);
                    }
                }
                return false;
            }
            RegisterMsg::Delete(id) => {
                let title = self
                    .assessment
                    .risks
                    .iter()
                    .find(|r| r.id == id)
                    .map(|r| r.title.clone())
                    .unwrap_or_default();
                let deleted = self.edit(RegisterEdit::DeleteRisk { id: id.clone() }, now);
                if deleted {
                    self.notice = Some(Notice::RiskDeleted { id, title });
                }
                return deleted;
            }
            RegisterMsg::Review(id) => {
                let Some(on) = today else { return false };
                return self.edit(RegisterEdit::ReviewRisk { id, on }, now);
            }
            RegisterMsg::Search(text) => ui.query.text = text,
            RegisterMsg::FilterLevel(level) => {
                ui.query.levels = if level.is_empty() {
                    vec![]
                } else {
                    vec![level]
                }
            }
            RegisterMsg::FilterOwner(owner) => {
                ui.query.owner = (!owner.is_empty()).then_some(owner)
            }
            RegisterMsg::FilterAsset(id) => ui.query.asset_id = (!id.is_empty()).then_some(id),
            RegisterMsg::FilterTreatment(name) => {
                ui.query.treatment = TreatmentStatus::ALL
                    .into_iter()
                    .find(|s| s.as_str() == name)
            }
            RegisterMsg::FilterOverdue(on) => ui.query.overdue_only = on,
            RegisterMsg::FilterTags(text) => {
                ui.query.tags = text
                    .split(',')
                    .map(str::trim)
                    .filter(|t| !t.is_empty())
                    .map(str::to_string)
                    .collect()
            }
            RegisterMsg::FilterCell(tier, l, i) => {
                let same = ui.query.tier == tier && ui.query.cell == Some((l, i));
                ui.query.tier = tier;
                ui.query.cell = (!same).then_some((l, i));
            }
            RegisterMsg::ClearFilters => {
                let sort = (ui.query.sort, ui.query.descending);
                ui.query = Default::default();
                (ui.query.sort, ui.query.descending) = sort;
            }
            RegisterMsg::Sort(key) => {
                ui.query.descending = ui.query.sort == key && !ui.query.descending;
                ui.query.sort = key;
            }
            RegisterMsg::Page(page) => {
                ui.page = page;
                return false;
            }
        }
        // Any filter change starts again at the first page.
        ui.page = 0;
        false
    }

    /// Whether the risk `form` edits is no longer as it was when the form
    /// opened (changed or deleted meanwhile).
    fn risk_moved_on(&self, form: &RiskForm) -> bool {
        let Some(opened) = form.opened.as_ref().filter(|_| !form.is_new) else {
            return false;
        };
        self.assessment.risks.iter().find(|r| r.id == opened.id) != Some(opened)
    }

    /// What changed in the register since `form` was opened on its risk,
    /// if anything did (another tab saved, or another screen changed it).
    fn changed_meanwhile(&self, form: &RiskForm) -> Option<FormConflict> {
        let opened = form.opened.as_ref().filter(|_| !form.is_new)?;
        let Some(now) = self.assessment.risks.iter().find(|r| r.id == opened.id) else {
            return Some(FormConflict {
                deleted: true,
                ..FormConflict::default()
            });
        };
        let changes = riskwright_engine::register::concurrent_changes(
            opened,
            &form.risk,
            now,
            &self.assessment.method,
        );
        (!changes.is_empty()).then_some(FormConflict {
            changes,
            ..FormConflict::default()
        })
    }

    /// Adds or updates the form's risk; on success the form closes.
    fn save_form(&mut self, risk: Risk, is_new: bool, reason: &str, now: &str) -> bool {
        let edit = if is_new {
            RegisterEdit::AddRisk(risk)
        } else {
            RegisterEdit::UpdateRisk(risk)
        };
        match self.apply_because(edit, now, reason) {
            Ok(()) => {
                self.register.form = None;
                true
            }
            Err(problems) => {
                if let Some(form) = &mut self.register.form {
                    form.problems = problems;
                    form.conflict = None;
                }
                false
            }
        }
    }

    /// Settles a save stopped by a change made meanwhile.
    fn resolve_form(&mut self, resolution: Resolution, now: &str) -> bool {
        let Some(form) = self.register.form.clone() else {
            return false;
        };
        let Some(conflict) = form.conflict.clone() else {
            return false;
        };
        let current = form
            .opened
            .as_ref()
            .and_then(|o| self.assessment.risks.iter().find(|r| r.id == o.id))
            .cloned();
        match (resolution, current) {
            (Resolution::TakeTheirs, _) => {
                self.register.form = None;
                false
            }
            // The risk was deleted meanwhile: keeping mine adds it back.
            (Resolution::KeepMine | Resolution::Merge, None) => {
                self.save_form(form.risk, true, &form.reason, now)
            }
            (Resolution::KeepMine, Some(_)) => self.save_form(form.risk, false, &form.reason, now),
            (Resolution::Merge, Some(theirs)) => {
                let opened = form.opened.clone().unwrap_or_else(|| theirs.clone());
                let take = |member: &str| conflict.take_theirs.iter().any(|m| m == member);
                match riskwright_engine::register::merge_risk(&opened, &form.risk, &theirs, &take) {
                    Ok(merged) => self.save_form(merged, false, &form.reason, now),
                    Err(problems) => {
                        if let Some(open) = &mut self.register.form {
                            open.problems = problems;
                        }
                        false
                    }
                }
            }
        }
    }

    fn edit_method(&mut self, msg: Msg, now: &str) -> bool {
        let draft = &mut self.draft;
        let result = match msg {
            Msg::ApplyPreset(name) => match preset(&name) {
                Some(method) => {
                    *draft = method;
                    Ok(())
                }
                None => Err(Diagnostic::new("$", format!("there is no preset '{name}'"))),
            },
            Msg::ResizeScale(axis, len) => draft.resize_scale(axis, len),
            Msg::SetScaleText {
                axis,
                index,
                field,
                value,
            } => {
                let scale = match axis {
                    Axis::Likelihood => &mut draft.likelihood,
                    Axis::Impact => &mut draft.impact,
                };
                match scale.levels.get_mut(index) {
                    Some(level) => {
                        *match field {
                            ScaleField::Label => &mut level.label,
                            ScaleField::Description => &mut level.description,
                            ScaleField::Guidance => &mut level.guidance,
                        } = value;
                        Ok(())
                    }
                    None => Err(missing("scale level", index)),
                }
            }
            Msg::CycleCell { likelihood, impact } => draft.cycle_cell(likelihood, impact),
            Msg::SetRule(RuleChoice::Matrix) => draft.materialise_matrix(),
            Msg::SetRule(RuleChoice::Formula(formula)) => {
                draft.use_formula(formula);
                Ok(())
            }
            Msg::SetThreshold { index, min_score } => match &mut draft.rule {
                LevelRule::Formula { thresholds, .. } => match thresholds.get_mut(index) {
                    Some(t) => {
                        t.min_score = min_score;
                        Ok(())
                    }
                    None => Err(missing("threshold", index)),
                },
                LevelRule::Matrix { .. } => Err(Diagnostic::new(
                    "$.rule",
                    "thresholds apply to a formula rule only",
                )),
            },
            Msg::SetLevel {
                index,
                field,
                value,
            } => match draft.levels.get_mut(index) {
                Some(level) => match field {
                    LevelField::Label => {
                        level.label = value;
                        Ok(())
                    }
                    LevelField::Color => {
                        level.color = value;
                        Ok(())
                    }
                    LevelField::ReviewDays => match value.trim().parse() {
                        Ok(days) => {
                            level.review_interval_days = days;
                            Ok(())
                        }
                        Err(_) => Err(Diagnostic::new(
                            format!("$.levels[{index}].review_interval_days"),
                            format!("'{value}' is not a whole number of days"),
                        )),
                    },
                },
                None => Err(missing("risk level", index)),
            },
            Msg::SetAppetite(id) => {
                draft.appetite = id;
                Ok(())
            }
            Msg::SetAggregation(aggregation) => {
                draft.aggregation = aggregation;
                Ok(())
            }
            Msg::AddDimension(label) => draft.add_dimension(&label).map(drop),
            Msg::RemoveDimension(id) => draft.remove_dimension(&id),
            Msg::RenameDimension { index, label } => match draft.dimensions.get_mut(index) {
                Some(d) => {
                    d.label = label;
                    Ok(())
                }
                None => Err(missing("dimension", index)),
            },
            _ => Ok(()),
        };
        if let Err(problem) = result {
            self.notice = Some(Notice::Refused(vec![problem]));
            return false;
        }
        self.adopt_draft(now)
    }

    /// The rows of the register view's current page, as risk indices, and
    /// the number of rows that pass the filters.
    pub fn register_page(
        &self,
        method: &riskwright_engine::method::ResolvedMethod,
        today: Date,
    ) -> (Vec<usize>, usize) {
        let rows = riskwright_engine::register::query(
            &self.assessment,
            method,
            today,
            &self.register.query,
        );
        let total = rows.len();
        let start = (self.register.page * PAGE_SIZE).min(total);
        (rows[start..(start + PAGE_SIZE).min(total)].to_vec(), total)
    }

    /// Puts the draft in force if it is valid and moves no scored risk.
    /// A draft that would re-score risks waits as `pending`, with the
    /// engine's cell-by-cell plan, until the user applies or discards it.
    pub(super) fn adopt_draft(&mut self, now: &str) -> bool {
        self.pending = None;
        self.draft_problems = validate_method(&self.draft, "$");
        if !self.draft_problems.is_empty() || self.draft == self.assessment.method {
            return false;
        }
        match rescore::plan(&self.assessment, self.draft.clone()) {
            Ok(plan) if plan.changes.is_empty() => self.change_method(plan, now, ""),
            Ok(plan) => {
                self.pending = Some(plan);
                false
            }
            Err(problems) => {
                self.draft_problems = problems;
                false
            }
        }
    }

    fn apply_pending(&mut self, now: &str) -> bool {
        match self.pending.take() {
            Some(plan) => {
                let reason = std::mem::take(&mut self.method_reason);
                self.change_method(plan, now, &reason)
            }
            None => false,
        }
    }

    /// Replaces the method and writes every re-scored tier, in one edit that
    /// the history records and undo reverses.
    fn change_method(&mut self, plan: RescorePlan, now: &str, reason: &str) -> bool {
        let rescored = plan
            .changes
            .iter()
            .map(|c| TierUpdate {
                risk_id: c.risk_id.clone(),
                tier: c.tier,
                value: c.new.clone(),
            })
            .collect();
        let edit = RegisterEdit::ChangeMethod {
            method: plan.method,
            rescored,
        };
        let result = self.assessment.apply(edit, now, reason).map(|applied| {
            self.undo.push(applied.inverse);
            self.redo.clear();
        });
        match result {
            Ok(()) => {
                if matches!(self.notice, Some(Notice::Refused(_))) {
                    self.notice = None;
                }
                self.draft = self.assessment.method.clone();
                true
            }
            Err(problems) => {
                self.draft_problems = problems;
                false
            }
        }
    }
}

fn missing(what: &str, index: usize) -> Diagnostic {
    Diagnostic::new("$", format!("there is no {what} number {}", index + 1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::store::MemoryStore;
    use riskwright_engine::method::ResolvedMethod;

    const NOW: &str = "2026-11-28T10:00:00.000Z";

    fn state() -> AppState {
        AppState::new(Assessment::new("Test"))
    }

    fn saved(store: &MemoryStore) -> Assessment {
        Assessment::from_json_str(&store.values[DOCUMENT_KEY]).unwrap()
    }

    fn with_risk(s: &mut AppState) {
        let risk = Risk {
            title: "Ransomware".into(),
            owner: "CTO".into(),
            ..Risk::default()
        };
        s.apply(RegisterEdit::AddRisk(risk), NOW).unwrap();
    }

    fn field(s: &mut AppState, field: super::super::register::RiskField, value: &str) {
        s.update(Msg::Register(RegisterMsg::Field(field, value.into())), NOW);
    }

    #[test]
    fn a_form_opened_before_another_change_stops_and_shows_it_field_by_field() {
        use super::super::register::RiskField;
        let mut s = state();
        with_risk(&mut s);
        s.update(Msg::Register(RegisterMsg::EditRisk("R-1".into())), NOW);
        field(&mut s, RiskField::Scenario, "Encrypts the file servers");
        field(&mut s, RiskField::Title, "Ransomware on servers");
        // Meanwhile (another tab's save, reloaded here) the risk is renamed
        // and given another owner.
        let mut theirs = s.assessment.risks[0].clone();
        theirs.title = "Ransomware attack".into();
        theirs.owner = "CISO".into();
        s.apply(RegisterEdit::UpdateRisk(theirs), NOW).unwrap();

        assert!(
            !s.update(Msg::Register(RegisterMsg::Save), NOW),
            "nothing saved"
        );
        assert_eq!(s.assessment.risks[0].owner, "CISO");
        let conflict = s.register.form.as_ref().unwrap().conflict.clone().unwrap();
        let fields: Vec<(&str, bool)> = conflict
            .changes
            .iter()
            .map(|c| (c.label.as_str(), c.both_changed))
            .collect();
        assert_eq!(fields, [("title", true), ("risk owner", false)]);

        // Merge: their owner, my scenario, and the title as chosen.
        s.update(
            Msg::Register(RegisterMsg::ConflictChoice("title".into(), true)),
            NOW,
        );
        assert!(s.update(Msg::Register(RegisterMsg::Resolve(Resolution::Merge)), NOW));
        let risk = &s.assessment.risks[0];
        assert_eq!(risk.title, "Ransomware attack");
        assert_eq!(risk.owner, "CISO");
        assert_eq!(risk.scenario, "Encrypts the file servers");
        assert!(s.register.form.is_none());
    }

    #[test]
    fn keep_mine_and_take_theirs_do_what_they_say() {
        use super::super::register::RiskField;
        for (resolution, title, owner) in [
            (Resolution::KeepMine, "Mine", "CTO"),
            (Resolution::TakeTheirs, "Theirs", "CISO"),
        ] {
            let mut s = state();
            with_risk(&mut s);
            s.update(Msg::Register(RegisterMsg::EditRisk("R-1".into())), NOW);
            field(&mut s, RiskField::Title, "Mine");
            let mut theirs = s.assessment.risks[0].clone();
            theirs.title = "Theirs".into();
            theirs.owner = "CISO".into();
            s.apply(RegisterEdit::UpdateRisk(theirs), NOW).unwrap();
            s.update(Msg::Register(RegisterMsg::Save), NOW);
            s.update(Msg::Register(RegisterMsg::Resolve(resolution)), NOW);
            assert_eq!(s.assessment.risks[0].title, title, "{resolution:?}");
            assert_eq!(s.assessment.risks[0].owner, owner, "{resolution:?}");
            assert!(s.register.form.is_none());
        }
    }

    #[test]
    fn a_risk_deleted_meanwhile_can_be_saved_again() {
        let mut s = state();
        with_risk(&mut s);
        s.update(Msg::Register(RegisterMsg::EditRisk("R-1".into())), NOW);
        s.apply(RegisterEdit::DeleteRisk { id: "R-1".into() }, NOW)
            .unwrap();
        assert!(!s.update(Msg::Register(RegisterMsg::Save), NOW));
        assert!(
            s.register
                .form
                .as_ref()
                .unwrap()
                .conflict
                .as_ref()
                .unwrap()
                .deleted
        );
        assert!(s.update(
            Msg::Register(RegisterMsg::Resolve(Resolution::KeepMine)),
            NOW
        ));
        assert_eq!(s.assessment.risks[0].id, "R-1");
    }

    #[test]
    fn a_save_with_nothing_changed_meanwhile_goes_straight_through() {
        use super::super::register::RiskField;
        let mut s = state();
        with_risk(&mut s);
        s.update(Msg::Register(RegisterMsg::EditRisk("R-1".into())), NOW);
        field(&mut s, RiskField::Owner, "CFO");
        assert!(s.update(Msg::Register(RegisterMsg::Save), NOW));
        assert_eq!(s.assessment.risks[0].owner, "CFO");
    }

    #[test]
    fn deleting_a_risk_says_so_and_undo_brings_it_back() {
        let mut s = state();
        with_risk(&mut s);
        assert!(s.update(Msg::Register(RegisterMsg::Delete("R-1".into())), NOW));
        assert_eq!(
            s.notice,
            Some(Notice::RiskDeleted {
                id: "R-1".into(),
                title: "Ransomware".into()
            })
        );
        assert!(s.update(Msg::Undo, NOW));
        assert_eq!(s.assessment.risks.len(), 1);
        assert_eq!(s.notice, None);
    }

    #[test]
    fn choosing_a_preset_replaces_the_method_and_saves() {
        let mut s = state();
        assert!(s.update(Msg::ApplyPreset("3x3".into()), NOW));
        assert_eq!(s.assessment.method.likelihood.levels.len(), 3);
        let mut store = MemoryStore::default();
        s.save(&mut store);
        assert_eq!(saved(&store).method, preset("3x3").unwrap());
    }

    #[test]
    fn an_invalid_draft_is_shown_with_problems_but_not_put_in_force() {
        let mut s = state();
        let before = s.assessment.clone();
        assert!(!s.update(
            Msg::SetLevel {
                index: 0,
                field: LevelField::Label,
                value: "".into()
            },
            NOW
        ));
        assert_eq!(s.draft_problems[0].path, "$.levels[0].label");
        assert_eq!(s.assessment, before);
        assert!(s.update(
            Msg::SetLevel {
                index: 0,
                field: LevelField::Label,
                value: "Negligible".into()
            },
            NOW
        ));
        assert!(s.draft_problems.is_empty());
        assert_eq!(s.assessment.method.levels[0].label, "Negligible");
    }

    #[test]
    fn cell_edits_change_the_matrix_in_force() {
        let mut s = state();
        assert!(s.update(
            Msg::CycleCell {
                likelihood: 5,
                impact: 3
            },
            NOW
        ));
        let r = ResolvedMethod::new(s.assessment.method.clone()).unwrap();
        assert_eq!(
            r.level(r.level_index_at(5, 3).unwrap()).unwrap().id,
            "very_high"
        );
    }

    #[test]
    fn a_bad_edit_is_refused_with_a_notice() {
        let mut s = state();
        assert!(!s.update(Msg::ResizeScale(Axis::Impact, 9), NOW));
        assert!(matches!(&s.notice, Some(Notice::Refused(p)) if p[0].message.contains("3 to 7")));
        assert!(!s.update(
            Msg::SetLevel {
                index: 1,
                field: LevelField::ReviewDays,
                value: "soon".into()
            },
            NOW
        ));
        assert!(s.update(Msg::ResizeScale(Axis::Impact, 6), NOW));
        assert!(s.notice.is_none(), "a good edit clears the refusal");
    }

    #[test]
    fn a_failed_save_says_so_and_keeps_the_last_good_copy() {
        let mut s = state();
        let mut store = MemoryStore::default();
        s.save(&mut store);
        let good = store.values[DOCUMENT_KEY].clone();
        store.capacity = Some(good.len() + DOCUMENT_KEY.len());
        s.update(Msg::SetScope("x".repeat(100)), NOW);
        s.save(&mut store);
        assert!(matches!(s.notice, Some(Notice::SaveFailed(_))));
        assert_eq!(store.values[DOCUMENT_KEY], good);
        store.capacity = None;
        s.save(&mut store);
        assert!(s.notice.is_none(), "a later good save clears the warning");
        assert_eq!(saved(&store).scope.len(), 100);
    }

    fn tab(store: &mut MemoryStore) -> AppState {
        crate::app::startup::open(store, "2026-11-28T10:00:00Z")
    }

    #[test]
    fn a_workshop_in_progress_survives_another_tabs_save() {
        use crate::app::workshop::WorkshopMsg;
        let mut store = MemoryStore::default();
        let mut a = tab(&mut store);
        let mut b = tab(&mut store);
        b.update(Msg::Workshop(WorkshopMsg::Toggle), NOW);
        a.update(Msg::SetName("Saved in A".into()), NOW);
        a.save(&mut store);
        b.storage_event(StorageEvent::ChangedElsewhere, &mut store);
        assert_eq!(b.assessment.name, "Saved in A");
        assert!(b.workshop.active, "presentation mode goes on");
        assert!(b.workshop.session.is_some(), "and so does its session");
        assert_eq!(b.view, View::Workshop);
    }

    #[test]
    fn a_second_tab_picks_up_the_first_tabs_save() {
        let mut store = MemoryStore::default();
        let mut a = tab(&mut store);
        let mut b = tab(&mut store);
        a.update(Msg::SetName("Saved in A".into()), NOW);
        a.save(&mut store);
        b.storage_event(StorageEvent::ChangedElsewhere, &mut store);
        assert_eq!(b.assessment.name, "Saved in A");
        assert_eq!(b.notice, Some(Notice::ReloadedFromOtherTab));
        b.update(Msg::SetName("Then B".into()), NOW);
        b.save(&mut store);
        assert_eq!(
            saved(&store).name,
            "Then B",
            "B saves on top of what it loaded"
        );
    }

    #[test]
    fn two_tabs_never_silently_overwrite_each_other() {
        let mut store = MemoryStore::default();
        let mut a = tab(&mut store);
        let mut b = tab(&mut store);
        a.update(Msg::SetName("A's name".into()), NOW);
        a.save(&mut store);
        // B changes before it heard of A's save: its save must not win silently.
        b.update(Msg::SetScope("B's scope".into()), NOW);
        b.save(&mut store);
        assert_eq!(b.notice, Some(Notice::Conflict));
        assert_eq!(saved(&store).name, "A's name", "A's save is intact");
        b.storage_event(StorageEvent::ChangedElsewhere, &mut store);
        assert_eq!(
            b.notice,
            Some(Notice::Conflict),
            "an unsaved change is not dropped"
        );
        assert_eq!(b.assessment.scope, "B's scope");
        // B keeps its version on purpose.
        b.storage_event(StorageEvent::KeepMine, &mut store);
        assert_eq!(saved(&store).scope, "B's scope");
        assert!(!b.unsaved);
        // A hears of it and takes B's version.
        a.storage_event(StorageEvent::ChangedElsewhere, &mut store);
        assert_eq!(a.assessment.scope, "B's scope");
        // Or the other way: a conflict resolved by taking theirs.
        a.update(Msg::SetName("A again".into()), NOW);
        a.save(&mut store);
        b.update(Msg::SetName("B again".into()), NOW);
        b.save(&mut store);
        b.storage_event(StorageEvent::TakeTheirs, &mut store);
        assert_eq!(b.assessment.name, "A again");
        assert!(!b.unsaved);
    }

    #[test]
    fn dimensions_and_appetite_are_editable() {
        let mut s = state();
        assert!(s.update(Msg::AddDimension("Reputation".into()), NOW));
        assert!(s.update(Msg::SetAppetite("high".into()), NOW));
        assert!(!s.update(Msg::SetAppetite("nope".into()), NOW));
        assert_eq!(s.draft_problems[0].path, "$.appetite");
        assert_eq!(s.assessment.method.appetite, "high");
        assert!(
            !s.update(Msg::SetRule(RuleChoice::Formula(Formula::Sum)), NOW),
            "draft still invalid"
        );
        assert!(
            s.update(Msg::SetAppetite("low".into()), NOW),
            "fixing the appetite adopts both edits"
        );
        assert!(matches!(
            s.assessment.method.rule,
            LevelRule::Formula {
                formula: Formula::Sum,
                ..
            }
        ));
        assert!(s
            .assessment
            .method
            .dimensions
            .iter()
            .any(|d| d.id == "reputation"));
    }
}
