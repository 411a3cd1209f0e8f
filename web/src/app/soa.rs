//! The Statement of Applicability screen's state: the filter and search, the
//! form on one control's entry, and a SoA CSV waiting for confirmation.
//! What the statement says, what its gaps are and how a CSV reads are the
//! engine's (`riskwright_engine::soa`, `interchange`); every change goes
//! through `AppState::apply`, so it is checked, recorded, undoable and saved.

use super::state::AppState;
use riskwright_engine::date::Date;
use riskwright_engine::document::{Assessment, InclusionReason, SoaEntry};
use riskwright_engine::interchange::{import_soa_csv, SoaImport};
use riskwright_engine::register::RegisterEdit;
use riskwright_engine::soa::{
    control_key, gaps, review_decisions, statement, Applicability, SoaGap, SoaRow,
};
use riskwright_engine::treatment::ControlStatus;
use riskwright_engine::Diagnostic;
use std::collections::BTreeSet;

/// Which rows the table shows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum SoaFilter {
    /// Every control.
    #[default]
    All,
    /// Controls neither included nor excluded.
    Undecided,
    /// Included controls.
    Applicable,
    /// Excluded controls.
    Excluded,
    /// Controls with at least one gap.
    WithGaps,
}

impl SoaFilter {
    /// Every filter with its select value and label.
    pub const ALL: [(SoaFilter, &'static str, &'static str); 5] = [
        (SoaFilter::All, "all", "All controls"),
        (SoaFilter::Undecided, "undecided", "Undecided"),
        (SoaFilter::Applicable, "applicable", "Applicable"),
        (SoaFilter::Excluded, "excluded", "Excluded"),
        (SoaFilter::WithGaps, "gaps", "With gaps"),
    ];

    /// The filter of a select value (all for anything unknown).
    pub fn parse(value: &str) -> SoaFilter {
        Self::ALL
            .iter()
            .find(|(_, key, _)| *key == value)
            .map_or(SoaFilter::All, |(f, _, _)| *f)
    }

    /// Its select value.
    pub fn key(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(f, _, _)| *f == self)
            .map_or("all", |(_, key, _)| key)
    }
}

/// A control's entry as edited, with the fields as typed.
#[derive(Debug, Clone, PartialEq)]
pub struct SoaForm {
    /// The control, as the catalogue spells its id.
    pub control_id: String,
    /// Applicable (`true`), excluded (`false`) or undecided.
    pub applicable: Option<bool>,
    /// Reasons for inclusion besides the risks.
    pub reasons: Vec<InclusionReason>,
    /// Which law, contract or requirement.
    pub reason_note: String,
    /// Why it is excluded.
    pub exclusion_justification: String,
    /// How far it is implemented.
    pub status: Option<ControlStatus>,
    /// References to evidence, one per line.
    pub evidence: String,
    /// Who owns it.
    pub owner: String,
    /// When it was last reviewed, `YYYY-MM-DD` or empty.
    pub reviewed_on: String,
    /// Problems found when saving.
    pub problems: Vec<Diagnostic>,
    /// The question to answer before an exclusion that contradicts risks'
    /// treatment is recorded (it names the risks), once asked.
    pub confirm: Option<String>,
}

/// Several controls decided at once, with one justification.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct BulkDecision {
    /// The justification typed: why they are excluded, or the note on why
    /// they are included.
    pub justification: String,
    /// Why the last attempt was refused.
    pub problems: Vec<Diagnostic>,
    /// An exclusion that contradicts risks' treatment, waiting for the user
    /// to confirm it: the question, naming the controls and the risks.
    pub confirm: Option<String>,
}

/// A field of the SoA form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SoaField {
    /// `"applicable"`, `"excluded"` or `"undecided"`.
    Applicable,
    /// A reason, with `"true"` or `"false"`.
    Reason(InclusionReason),
    /// The reason note.
    ReasonNote,
    /// The exclusion justification.
    Justification,
    /// The status (a JSON name, or empty for none).
    Status,
    /// Evidence, one reference per line.
    Evidence,
    /// The owner.
    Owner,
    /// The review date.
    ReviewedOn,
}

/// A SoA CSV read, waiting for the user to confirm it.
#[derive(Debug, Clone, PartialEq)]
pub struct PendingSoaImport {
    /// The file name.
    pub file: String,
    /// What the engine read from it.
    pub import: SoaImport,
}

/// What the SoA screen shows besides the assessment.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SoaUi {
    /// The form on one control's entry, if open.
    pub form: Option<SoaForm>,
    /// Which rows the table shows.
    pub filter: SoaFilter,
    /// The text search over the rows.
    pub search: String,
    /// A SoA CSV read and waiting for confirmation.
    pub import: Option<PendingSoaImport>,
    /// What the last import did, until dismissed.
    pub outcome: Option<String>,
    /// The element the runtime should focus after this render, once.
    pub focus: Option<String>,
    /// The custom control being added or edited, if any.
    pub custom: Option<super::custom::CustomForm>,
    /// The controls ticked for a decision on several at once, by
    /// [`control_key`], in SoA order.
    pub selected: Vec<String>,
    /// The decision on the ticked controls.
    pub bulk: BulkDecision,
}

/// A change on the SoA screen.
#[derive(Debug, Clone, PartialEq)]
pub enum SoaMsg {
    /// Open the form on a control's entry.
    Edit(String),
    /// Change a form field.
    Field(SoaField, String),
    /// Record the form's entry.
    Save,
    /// Record the form's exclusion although risks use the control, as the
    /// user confirmed having read which.
    ConfirmSave,
    /// Tick (`true`) or untick one control for a decision on several.
    Select(String, bool),
    /// Tick or untick every control the table shows (the filter and the
    /// search), or those of one theme (`Some("organizational")`, `"custom"`)
    /// among them.
    SelectShown(Option<String>, bool),
    /// Untick every control.
    ClearSelection,
    /// Type the justification of the decision on the ticked controls.
    BulkJustification(String),
    /// Include (`true`) or exclude (`false`) the ticked controls, as one
    /// undoable step.
    Bulk(bool),
    /// Exclude the ticked controls although risks use some of them, as the
    /// user confirmed.
    ConfirmBulk,
    /// Drop a pending confirmation of the bulk decision.
    CancelBulk,
    /// Remove the control's entry, leaving it undecided.
    Clear,
    /// Close the form.
    Cancel,
    /// Show other rows.
    Filter(SoaFilter),
    /// Search the rows.
    Search(String),
    /// A SoA CSV's text was read.
    FileLoaded {
        /// File name.
        name: String,
        /// Its text.
        text: String,
    },
    /// A SoA CSV could not be read.
    FileFailed {
        /// File name.
        name: String,
        /// Why.
        error: String,
    },
    /// Record the pending import's entries.
    ConfirmImport,
    /// Drop the pending import.
    CancelImport,
    /// Hide the import's outcome.
    DismissOutcome,
    /// A change to the custom controls.
    Custom(super::custom::CustomMsg),
}

/// The id of a control's "Edit" button (ids may hold dots, which ids allow).
pub fn edit_button_id(control_id: &str) -> String {
    format!("soa-edit-{}", control_key(control_id))
}

impl SoaForm {
    /// The form on `entry`.
    pub fn new(entry: &SoaEntry) -> SoaForm {
        SoaForm {
            control_id: entry.control_id.clone(),
            applicable: entry.applicable,
            reasons: entry.reasons.clone(),
            reason_note: entry.reason_note.clone(),
            exclusion_justification: entry.exclusion_justification.clone(),
            status: entry.status,
            evidence: entry.evidence.join("\n"),
            owner: entry.owner.clone(),
            reviewed_on: entry.reviewed_on.map(|d| d.to_string()).unwrap_or_default(),
            problems: Vec::new(),
            confirm: None,
        }
    }

    /// Applies a field edit.
    pub fn set(&mut self, field: SoaField, value: String) {
        match field {
            SoaField::Applicable => {
                self.applicable = match value.as_str() {
                    "applicable" => Some(true),
                    "excluded" => Some(false),
                    _ => None,
                }
            }
            SoaField::Reason(reason) => {
                self.reasons.retain(|r| *r != reason);
                if value == "true" {
                    self.reasons.push(reason);
                    self.reasons.sort();
                }
            }
            SoaField::ReasonNote => self.reason_note = value,
            SoaField::Justification => self.exclusion_justification = value,
            SoaField::Status => {
                self.status = ControlStatus::ALL
                    .into_iter()
                    .find(|s| status_key(*s) == value)
            }
            SoaField::Evidence => self.evidence = value,
            SoaField::Owner => self.owner = value,
            SoaField::ReviewedOn => self.reviewed_on = value,
        }
    }

    /// The entry the form records, or the problem with a field.
    pub fn entry(&self) -> Result<SoaEntry, Diagnostic> {
        let date = self.reviewed_on.trim();
        let reviewed_on = if date.is_empty() {
            None
        } else {
            Some(Date::parse(date).map_err(|e| Diagnostic::new("reviewed_on", e))?)
        };
        Ok(SoaEntry {
            control_id: self.control_id.clone(),
            applicable: self.applicable,
            reasons: self.reasons.clone(),
            reason_note: self.reason_note.trim().to_string(),
            exclusion_justification: self.exclusion_justification.trim().to_string(),
            status: self.status,
            evidence: self
                .evidence
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(str::to_string)
                .collect(),
            owner: self.owner.trim().to_string(),
            reviewed_on,
        })
    }

    /// The gaps the engine would find on this control if the form were
    /// saved as it stands (empty when a field cannot be read).
    pub fn gaps(&self, assessment: &Assessment, today: Date) -> Vec<SoaGap> {
        let Ok(entry) = self.entry() else {
            return Vec::new();
        };
        let key = control_key(&self.control_id);
        // Only what the control's row depends on: risks, plan, custom
        // controls and this entry.
        let mut probe = Assessment::new("");
        probe.risks = assessment.risks.clone();
        probe.plan = assessment.plan.clone();
        probe.custom_controls = assessment.custom_controls.clone();
        probe.method = assessment.method.clone();
        probe.soa = vec![entry];
        gaps(&probe, today)
            .into_iter()
            .filter(|g| !g.kind.is_risk_gap() && control_key(&g.subject) == key)
            .collect()
    }
}

/// The key of a row's theme group: the Annex A theme's name, or `"custom"`.
pub fn theme_key(row: &SoaRow<'_>) -> &'static str {
    if row.control.is_annex_a() {
        row.control.theme.as_str()
    } else {
        "custom"
    }
}

/// Whether the table shows `row` under the screen's filter and search.
/// `with_gaps` holds the keys of the controls with at least one gap.
pub fn row_shown(ui: &SoaUi, row: &SoaRow<'_>, with_gaps: &BTreeSet<String>) -> bool {
    let by_filter = match ui.filter {
        SoaFilter::All => true,
        SoaFilter::Undecided => row.applicability == Applicability::Undecided,
        SoaFilter::Applicable => row.applicability == Applicability::Applicable,
        SoaFilter::Excluded => row.applicability == Applicability::Excluded,
        SoaFilter::WithGaps => with_gaps.contains(&control_key(&row.control.id)),
    };
    let search = ui.search.trim().to_lowercase();
    if !by_filter {
        return false;
    }
    if search.is_empty() {
        return true;
    }
    let e = &row.entry;
    [
        row.control.id.as_str(),
        &row.control.title,
        &e.owner,
        &e.reason_note,
        &e.exclusion_justification,
    ]
    .into_iter()
    .chain(e.evidence.iter().map(String::as_str))
    .chain(row.risk_ids.iter().map(String::as_str))
    .any(|t| t.to_lowercase().contains(&search))
}

/// The select value of a status (its JSON name).
pub fn status_key(status: ControlStatus) -> &'static str {
    match status {
        ControlStatus::Planned => "planned",
        ControlStatus::InProgress => "in_progress",
        ControlStatus::Implemented => "implemented",
        ControlStatus::NotEffective => "not_effective",
    }
}

/// A reason as shown.
pub fn reason_label(reason: InclusionReason) -> &'static str {
    match reason {
        InclusionReason::Legal => "Legal or regulatory requirement",
        InclusionReason::Contractual => "Contractual requirement",
        InclusionReason::Business => "Business requirement or good practice",
    }
}

impl AppState {
    /// Applies a SoA-screen message; true when the assessment changed.
    pub fn update_soa(&mut self, msg: SoaMsg, now: &str) -> bool {
        match msg {
            SoaMsg::Custom(msg) => self.update_custom(msg, now),
            SoaMsg::Edit(id) => {
                let key = control_key(&id);
                let row = statement(&self.assessment)
                    .into_iter()
                    .find(|r| control_key(&r.control.id) == key);
                if let Some(row) = row {
                    let mut entry = row.entry;
                    entry.control_id = row.control.id.clone();
                    self.soa.form = Some(SoaForm::new(&entry));
                    self.soa.focus = Some("soa-form-title".into());
                }
                false
            }
            SoaMsg::Field(field, value) => {
                if let Some(form) = &mut self.soa.form {
                    form.set(field, value);
                    form.problems.clear();
                    form.confirm = None;
                }
                false
            }
            SoaMsg::Save | SoaMsg::ConfirmSave => {
                let confirmed = msg == SoaMsg::ConfirmSave;
                let Some(form) = &mut self.soa.form else {
                    return false;
                };
                let entry = match form.entry() {
                    Ok(entry) => entry,
                    Err(problem) => {
                        form.problems = vec![problem];
                        return false;
                    }
                };
                let review = review_decisions(&self.assessment, std::slice::from_ref(&entry));
                if !review.allows(confirmed) {
                    form.problems = review.problems.clone();
                    form.confirm = review.confirmation().filter(|_| review.problems.is_empty());
                    self.soa.focus = Some(if form.confirm.is_some() {
                        "sf-confirm-exclude".into()
                    } else {
                        "sf-justification".into()
                    });
                    return false;
                }
                let id = entry.control_id.clone();
                self.close_form_with(RegisterEdit::SetSoaEntry(entry), &id, now)
            }
            SoaMsg::Select(id, on) => {
                let key = control_key(&id);
                self.soa.selected.retain(|k| *k != key);
                if on {
                    self.soa.selected.push(key);
                    self.sort_selection();
                }
                self.soa.bulk.confirm = None;
                false
            }
            SoaMsg::SelectShown(theme, on) => {
                let today = Date::parse(now).ok();
                let keys = self.shown_controls(today, theme.as_deref());
                self.soa.selected.retain(|k| !keys.contains(k));
                if on {
                    self.soa.selected.extend(keys);
                    self.sort_selection();
                }
                self.soa.bulk.confirm = None;
                false
            }
            SoaMsg::ClearSelection => {
                self.soa.selected.clear();
                self.soa.bulk.confirm = None;
                self.soa.focus = Some("soa-select-shown".into());
                false
            }
            SoaMsg::BulkJustification(text) => {
                self.soa.bulk.justification = text;
                self.soa.bulk.problems.clear();
                self.soa.bulk.confirm = None;
                false
            }
            SoaMsg::Bulk(include) => self.decide_selected(include, false, now),
            SoaMsg::ConfirmBulk => self.decide_selected(false, true, now),
            SoaMsg::CancelBulk => {
                self.soa.bulk.confirm = None;
                self.soa.focus = Some("soa-bulk-exclude".into());
                false
            }
            SoaMsg::Clear => {
                let Some(form) = &self.soa.form else {
                    return false;
                };
                let id = form.control_id.clone();
                let recorded = self
                    .assessment
                    .soa
                    .iter()
                    .any(|e| control_key(&e.control_id) == control_key(&id));
                if !recorded {
                    self.soa.form = None;
                    self.soa.focus = Some(edit_button_id(&id));
                    return false;
                }
                let edit = RegisterEdit::ClearSoaEntry {
                    control_id: id.clone(),
                };
                self.close_form_with(edit, &id, now)
            }
            SoaMsg::Cancel => {
                if let Some(form) = self.soa.form.take() {
                    self.soa.focus = Some(edit_button_id(&form.control_id));
                }
                false
            }
            SoaMsg::Filter(filter) => {
                self.soa.filter = filter;
                false
            }
            SoaMsg::Search(text) => {
                self.soa.search = text;
                false
            }
            SoaMsg::FileLoaded { name, text } => {
                self.soa.outcome = None;
                self.soa.import = Some(PendingSoaImport {
                    import: import_soa_csv(&text, &self.assessment),
                    file: name,
                });
                false
            }
            SoaMsg::FileFailed { name, error } => {
                self.soa.outcome = None;
                self.soa.import = Some(PendingSoaImport {
                    file: name,
                    import: SoaImport {
                        problems: vec![Diagnostic::new("file", error)],
                        ..SoaImport::default()
                    },
                });
                false
            }
            SoaMsg::ConfirmImport => {
                let Some(pending) = self.soa.import.take() else {
                    return false;
                };
                let count = pending.import.entries.len();
                if count == 0 {
                    return false;
                }
                let edit = RegisterEdit::Batch(
                    pending
                        .import
                        .entries
                        .iter()
                        .cloned()
                        .map(RegisterEdit::SetSoaEntry)
                        .collect(),
                );
                let reason = format!("SoA imported from {}", pending.file);
                match self.apply_because(edit, now, &reason) {
                    Ok(()) => {
                        self.soa.outcome = Some(format!(
                            "Recorded {count} control decision{} from {}.",
                            if count == 1 { "" } else { "s" },
                            pending.file
                        ));
                        true
                    }
                    Err(problems) => {
                        // Keep the preview, with the engine's reasons.
                        let mut import = pending.import;
                        import.problems = problems;
                        import.entries.clear();
                        self.soa.import = Some(PendingSoaImport {
                            file: pending.file,
                            import,
                        });
                        false
                    }
                }
            }
            SoaMsg::CancelImport => {
                self.soa.import = None;
                false
            }
            SoaMsg::DismissOutcome => {
                self.soa.outcome = None;
                false
            }
        }
    }

    /// The keys of the controls the table shows (the filter and the
    /// search), in SoA order, or of one theme among them (`"custom"` for the
    /// custom controls).
    pub fn shown_controls(&self, today: Option<Date>, theme: Option<&str>) -> Vec<String> {
        let with_gaps: BTreeSet<String> = today
            .map(|t| gaps(&self.assessment, t))
            .unwrap_or_default()
            .iter()
            .filter(|g| !g.kind.is_risk_gap())
            .map(|g| control_key(&g.subject))
            .collect();
        statement(&self.assessment)
            .iter()
            .filter(|r| row_shown(&self.soa, r, &with_gaps))
            .filter(|r| theme.is_none_or(|t| theme_key(r) == t))
            .map(|r| control_key(&r.control.id))
            .collect()
    }

    /// Keeps the ticked controls in SoA order, without repeats.
    fn sort_selection(&mut self) {
        let order: Vec<String> = statement(&self.assessment)
            .iter()
            .map(|r| control_key(&r.control.id))
            .collect();
        let ticked = std::mem::take(&mut self.soa.selected);
        self.soa.selected = order.into_iter().filter(|k| ticked.contains(k)).collect();
    }

    /// Includes or excludes every ticked control with the one justification,
    /// as one undoable step, keeping the rest of each entry (status,
    /// evidence, owner). An exclusion needs the justification; one that
    /// contradicts risks' treatment waits for `confirmed`.
    fn decide_selected(&mut self, include: bool, confirmed: bool, now: &str) -> bool {
        let bulk = &mut self.soa.bulk;
        bulk.problems.clear();
        if self.soa.selected.is_empty() {
            bulk.problems = vec![Diagnostic::new(
                "$.soa.selection",
                "tick the controls to decide on first",
            )];
            return false;
        }
        let text = bulk.justification.trim().to_string();
        let rows = statement(&self.assessment);
        let entries: Vec<SoaEntry> = self
            .soa
            .selected
            .iter()
            .filter_map(|key| rows.iter().find(|r| control_key(&r.control.id) == *key))
            .map(|row| {
                let mut entry = row.entry.clone();
                entry.control_id = row.control.id.clone();
                entry.applicable = Some(include);
                if include {
                    if !text.is_empty() {
                        entry.reason_note = text.clone();
                    }
                } else {
                    entry.exclusion_justification = text.clone();
                }
                entry
            })
            .collect();
        let review = review_decisions(&self.assessment, &entries);
        if !include && text.is_empty() {
            self.soa.bulk.problems = vec![Diagnostic::new(
                "$.soa.bulk.justification",
                format!(
                    "say why the {} ticked control{} do{} not apply before excluding {}",
                    entries.len(),
                    if entries.len() == 1 { "" } else { "s" },
                    if entries.len() == 1 { "es" } else { "" },
                    if entries.len() == 1 { "it" } else { "them" },
                ),
            )];
            self.soa.focus = Some("soa-bulk-justification".into());
            return false;
        }
        if !review.allows(confirmed) {
            self.soa.bulk.problems = review.problems.clone();
            self.soa.bulk.confirm = review.confirmation().filter(|_| review.problems.is_empty());
            self.soa.focus = Some("soa-bulk-confirm".into());
            return false;
        }
        let count = entries.len();
        let edit =
            RegisterEdit::Batch(entries.into_iter().map(RegisterEdit::SetSoaEntry).collect());
        let reason = format!(
            "{} {count} control{} at once",
            if include { "Included" } else { "Excluded" },
            if count == 1 { "" } else { "s" }
        );
        match self.apply_because(edit, now, &reason) {
            Ok(()) => {
                self.soa.selected.clear();
                self.soa.bulk = BulkDecision::default();
                self.soa.outcome = Some(format!("{reason}."));
                self.soa.focus = Some("soa-dismiss".into());
                true
            }
            Err(problems) => {
                self.soa.bulk.problems = problems;
                false
            }
        }
    }

    /// Applies the form's edit: on success the form closes and focus goes
    /// back to the control's row; a refusal stays in the form.
    fn close_form_with(&mut self, edit: RegisterEdit, id: &str, now: &str) -> bool {
        match self.apply(edit, now) {
            Ok(()) => {
                self.soa.form = None;
                self.soa.focus = Some(edit_button_id(id));
                true
            }
            Err(problems) => {
                if let Some(form) = &mut self.soa.form {
                    form.problems = problems;
                }
                false
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::state::{Msg, View};
    use crate::app::treat::TreatMsg;
    use riskwright_engine::document::{Risk, ScoredTier};
    use riskwright_engine::method::preset;
    use riskwright_engine::soa::{Applicability, SoaGapKind};
    use riskwright_engine::treatment::{AppliedControl, Effectiveness};

    const NOW: &str = "2027-01-10T09:00:00.000Z";

    fn today() -> Date {
        Date::parse(NOW).unwrap()
    }

    fn soa(s: &mut AppState, msg: SoaMsg) -> bool {
        s.update(Msg::Soa(msg), NOW)
    }

    fn field(s: &mut AppState, f: SoaField, v: &str) {
        soa(s, SoaMsg::Field(f, v.into()));
    }

    fn kinds_of(s: &AppState, subject: &str) -> Vec<SoaGapKind> {
        gaps(&s.assessment, today())
            .into_iter()
            .filter(|g| g.subject == subject)
            .map(|g| g.kind)
            .collect()
    }

    /// One risk at likelihood 4, impact 5 on the 5×5 preset (above its
    /// appetite), applying control 8.7, with no treatment option chosen.
    fn with_risk() -> AppState {
        let mut a = Assessment::new("SoA");
        a.method = preset("5x5").unwrap();
        let tier = ScoredTier {
            likelihood: 4,
            impacts: [
                ("confidentiality", 5),
                ("integrity", 5),
                ("availability", 5),
            ]
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect(),
        };
        let risk = Risk {
            id: "R-1".into(),
            title: "Ransomware on the file server".into(),
            owner: "Head of IT".into(),
            inherent: Some(tier.clone()),
            current: Some(tier),
            controls: vec![AppliedControl {
                control_id: "8.7".into(),
                status: ControlStatus::InProgress,
                effectiveness: Effectiveness::Medium,
                acts_through: riskwright_engine::catalogue::ControlType::Preventive,
            }],
            ..Risk::default()
        };
        a.apply(RegisterEdit::AddRisk(risk), NOW, "").unwrap();
        AppState::new(a)
    }

    #[test]
    fn an_entry_is_edited_through_the_form_then_cleared_with_undo() {
        let mut s = AppState::new(Assessment::new("Test"));
        soa(&mut s, SoaMsg::Edit("A.5.1".into()));
        let form = s.soa.form.as_ref().unwrap();
        assert_eq!(form.control_id, "5.1", "the catalogue's spelling of the id");
        assert_eq!(form.applicable, None);
        field(&mut s, SoaField::Applicable, "applicable");
        field(&mut s, SoaField::Reason(InclusionReason::Legal), "true");
        field(&mut s, SoaField::Reason(InclusionReason::Business), "true");
        field(&mut s, SoaField::Reason(InclusionReason::Legal), "false");
        field(&mut s, SoaField::ReasonNote, "ISO certification scope");
        field(&mut s, SoaField::Status, "implemented");
        field(
            &mut s,
            SoaField::Evidence,
            "Policy v3.pdf\n\n  https://intranet/policies?a=1;b=2  \n",
        );
        field(&mut s, SoaField::Owner, "CISO");
        field(&mut s, SoaField::ReviewedOn, "2027-01-05");
        assert!(soa(&mut s, SoaMsg::Save));
        assert!(s.soa.form.is_none(), "saving closes the form");
        assert_eq!(s.soa.focus.as_deref(), Some("soa-edit-5.1"));
        let entry = &s.assessment.soa[0];
        assert_eq!(entry.applicable, Some(true));
        assert_eq!(entry.reasons, vec![InclusionReason::Business]);
        assert_eq!(entry.status, Some(ControlStatus::Implemented));
        assert_eq!(
            entry.evidence,
            vec!["Policy v3.pdf", "https://intranet/policies?a=1;b=2"]
        );
        assert_eq!(entry.reviewed_on, Some(Date::parse("2027-01-05").unwrap()));
        let row = statement(&s.assessment)
            .into_iter()
            .find(|r| r.control.id == "5.1")
            .unwrap();
        assert_eq!(row.applicability, Applicability::Applicable);
        assert!(
            kinds_of(&s, "5.1").is_empty(),
            "a complete entry has no gap"
        );

        // Reopening shows what was recorded; a bad date is refused in the form.
        soa(&mut s, SoaMsg::Edit("5.1".into()));
        let form = s.soa.form.as_ref().unwrap();
        assert_eq!(
            form.evidence,
            "Policy v3.pdf\nhttps://intranet/policies?a=1;b=2"
        );
        assert_eq!(form.reviewed_on, "2027-01-05");
        field(&mut s, SoaField::ReviewedOn, "5 January");
        assert!(!soa(&mut s, SoaMsg::Save));
        let form = s.soa.form.as_ref().unwrap();
        assert_eq!(form.problems[0].path, "reviewed_on");
        assert_eq!(
            s.assessment.soa[0].reviewed_on,
            Some(Date::parse("2027-01-05").unwrap())
        );

        // Clearing the decision leaves the control undecided; undo restores it.
        assert!(soa(&mut s, SoaMsg::Clear));
        assert!(s.assessment.soa.is_empty());
        assert_eq!(kinds_of(&s, "5.1"), vec![SoaGapKind::Undecided]);
        assert!(s.update(Msg::Undo, NOW));
        assert_eq!(s.assessment.soa[0].owner, "CISO");
    }

    #[test]
    fn an_exclusion_without_justification_is_a_gap_until_justified() {
        let mut s = AppState::new(Assessment::new("Test"));
        soa(&mut s, SoaMsg::Edit("7.5".into()));
        field(&mut s, SoaField::Applicable, "excluded");
        let warned: Vec<SoaGapKind> = s
            .soa
            .form
            .as_ref()
            .unwrap()
            .gaps(&s.assessment, today())
            .into_iter()
            .map(|g| g.kind)
            .collect();
        assert_eq!(
            warned,
            vec![SoaGapKind::ExclusionWithoutJustification],
            "the form warns before saving"
        );
        assert!(!soa(&mut s, SoaMsg::Save), "saving it is refused");
        assert!(s.assessment.soa.is_empty());
        assert_eq!(s.soa.focus.as_deref(), Some("sf-justification"));
        // As an older file or an import can still hold it: a gap.
        s.assessment.soa.push(SoaEntry {
            control_id: "7.5".into(),
            applicable: Some(false),
            ..SoaEntry::default()
        });
        soa(&mut s, SoaMsg::Cancel);
        assert_eq!(
            kinds_of(&s, "7.5"),
            vec![SoaGapKind::ExclusionWithoutJustification]
        );
        let before = gaps(&s.assessment, today()).len();

        // Fix: open the control's form, justify, save.
        soa(&mut s, SoaMsg::Edit("7.5".into()));
        assert_eq!(s.soa.form.as_ref().unwrap().applicable, Some(false));
        field(
            &mut s,
            SoaField::Justification,
            "No premises of our own: we work from a shared office with no storage",
        );
        assert!(s
            .soa
            .form
            .as_ref()
            .unwrap()
            .gaps(&s.assessment, today())
            .is_empty());
        assert!(soa(&mut s, SoaMsg::Save));
        assert!(kinds_of(&s, "7.5").is_empty());
        assert_eq!(gaps(&s.assessment, today()).len(), before - 1);
    }

    #[test]
    fn a_control_a_risk_selects_is_applicable_and_fix_on_a_risk_gap_opens_its_treatment() {
        let mut s = with_risk();
        let row = statement(&s.assessment)
            .into_iter()
            .find(|r| r.control.id == "8.7")
            .unwrap();
        assert_eq!(row.applicability, Applicability::Applicable);
        assert_eq!(row.risk_ids, vec!["R-1"]);
        // Excluding a selected control is flagged in the form.
        soa(&mut s, SoaMsg::Edit("8.7".into()));
        field(&mut s, SoaField::Applicable, "excluded");
        let warned: Vec<SoaGapKind> = s
            .soa
            .form
            .as_ref()
            .unwrap()
            .gaps(&s.assessment, today())
            .into_iter()
            .map(|g| g.kind)
            .collect();
        assert!(warned.contains(&SoaGapKind::SelectedButExcluded));
        soa(&mut s, SoaMsg::Cancel);
        assert!(s.assessment.soa.is_empty(), "cancel records nothing");

        let gap = gaps(&s.assessment, today())
            .into_iter()
            .find(|g| g.kind.is_risk_gap())
            .unwrap();
        assert_eq!(gap.kind, SoaGapKind::RiskWithoutTreatment);
        assert_eq!(gap.subject, "R-1");
        s.view = View::Soa;
        // The Fix button of a risk gap sends this message.
        assert!(!s.update(Msg::Treat(TreatMsg::Open(gap.subject.clone())), NOW));
        assert_eq!(s.view, View::Treatment);
        assert_eq!(s.treat.risk_id.as_deref(), Some("R-1"));
    }

    #[test]
    fn an_exported_soa_is_previewed_then_recorded_in_one_undo_step_on_confirm() {
        let mut source = AppState::new(Assessment::new("Source"));
        soa(&mut source, SoaMsg::Edit("5.1".into()));
        field(&mut source, SoaField::Applicable, "applicable");
        field(
            &mut source,
            SoaField::Evidence,
            "https://intranet/isms/policy",
        );
        assert!(soa(&mut source, SoaMsg::Save));
        soa(&mut source, SoaMsg::Edit("7.5".into()));
        field(&mut source, SoaField::Applicable, "excluded");
        field(&mut source, SoaField::Justification, "No premises");
        assert!(soa(&mut source, SoaMsg::Save));
        let csv = riskwright_engine::interchange::export_soa_csv(&source.assessment);

        let mut s = AppState::new(Assessment::new("Target"));
        assert!(!soa(
            &mut s,
            SoaMsg::FileLoaded {
                name: "soa.csv".into(),
                text: csv,
            }
        ));
        let pending = s.soa.import.as_ref().unwrap();
        assert!(
            pending.import.problems.is_empty(),
            "{:?}",
            pending.import.problems
        );
        assert!(
            s.assessment.soa.is_empty(),
            "nothing recorded before confirming"
        );
        assert!(soa(&mut s, SoaMsg::ConfirmImport));
        assert!(s.soa.import.is_none());
        let recorded = |s: &AppState, id: &str| {
            s.assessment
                .soa
                .iter()
                .find(|e| e.control_id == id)
                .cloned()
        };
        assert_eq!(recorded(&s, "5.1"), recorded(&source, "5.1"));
        assert_eq!(recorded(&s, "7.5"), recorded(&source, "7.5"));
        assert!(s.soa.outcome.as_deref().unwrap().contains("soa.csv"));
        assert!(
            s.update(Msg::Undo, NOW),
            "one undo step takes the import back"
        );
        assert!(s.assessment.soa.is_empty());

        // A row with a problem is reported and not recorded.
        soa(
            &mut s,
            SoaMsg::FileLoaded {
                name: "bad.csv".into(),
                text: "Control,Applicable\r\n5.1,perhaps\r\n5.2,yes\r\n".into(),
            },
        );
        let import = &s.soa.import.as_ref().unwrap().import;
        assert!(import.problems.iter().any(|p| p.path.contains("row 2")));
        assert!(import.entries.iter().all(|e| e.control_id != "5.1"));
    }

    #[test]
    fn filters_read_their_select_values() {
        for (filter, key, _) in SoaFilter::ALL {
            assert_eq!(SoaFilter::parse(key), filter);
            assert_eq!(filter.key(), key);
        }
        assert_eq!(SoaFilter::parse("nonsense"), SoaFilter::All);
    }

    #[test]
    fn an_exclusion_needs_a_justification_and_a_confirmation_naming_the_risks() {
        let mut s = with_risk();
        soa(&mut s, SoaMsg::Edit("8.7".into()));
        field(&mut s, SoaField::Applicable, "excluded");
        assert!(
            !soa(&mut s, SoaMsg::Save),
            "refused without a justification"
        );
        let form = s.soa.form.as_ref().unwrap();
        assert!(form.problems[0].path.ends_with("exclusion_justification"));
        assert!(form.confirm.is_none());
        assert!(s.assessment.soa.is_empty());
        field(
            &mut s,
            SoaField::Justification,
            "Endpoints are the client's",
        );
        assert!(!soa(&mut s, SoaMsg::Save), "waits for the confirmation");
        let question = s.soa.form.as_ref().unwrap().confirm.clone().unwrap();
        assert!(
            question.starts_with("8.7 Protection against malware is applied to risk R-1."),
            "{question}"
        );
        assert!(s.assessment.soa.is_empty());
        assert!(soa(&mut s, SoaMsg::ConfirmSave));
        let row = statement(&s.assessment)
            .into_iter()
            .find(|r| r.control.id == "8.7")
            .unwrap();
        assert_eq!(row.applicability, Applicability::Excluded);
        assert!(kinds_of(&s, "8.7").contains(&SoaGapKind::SelectedButExcluded));
    }

    #[test]
    fn several_controls_are_decided_at_once_as_one_undoable_step() {
        let mut s = with_risk();
        // The organisational theme under the "undecided" filter.
        soa(&mut s, SoaMsg::Filter(SoaFilter::Undecided));
        soa(&mut s, SoaMsg::SelectShown(Some("people".into()), true));
        assert_eq!(s.soa.selected.len(), 8);
        assert_eq!(s.soa.selected[0], "6.1");
        soa(&mut s, SoaMsg::Select("6.3".into(), false));
        assert_eq!(s.soa.selected.len(), 7);
        // Excluding needs the one justification.
        assert!(!soa(&mut s, SoaMsg::Bulk(false)));
        assert!(s.soa.bulk.problems[0]
            .message
            .starts_with("say why the 7 ticked controls do not apply"));
        soa(
            &mut s,
            SoaMsg::BulkJustification("No staff of our own: a one-person company".into()),
        );
        let history = s.assessment.history.len();
        assert!(soa(&mut s, SoaMsg::Bulk(false)));
        assert!(s.soa.selected.is_empty());
        let excluded: Vec<&SoaEntry> = s
            .assessment
            .soa
            .iter()
            .filter(|e| e.applicable == Some(false))
            .collect();
        assert_eq!(excluded.len(), 7);
        assert!(excluded
            .iter()
            .all(|e| e.exclusion_justification == "No staff of our own: a one-person company"));
        assert!(s.assessment.history.len() > history);
        assert!(s.update(Msg::Undo, NOW), "one undo takes all seven back");
        assert!(s.assessment.soa.is_empty());
        // Including keeps what each entry recorded, and notes the reason.
        soa(&mut s, SoaMsg::Filter(SoaFilter::All));
        soa(&mut s, SoaMsg::Edit("5.1".into()));
        field(&mut s, SoaField::Owner, "CISO");
        field(&mut s, SoaField::Applicable, "applicable");
        soa(&mut s, SoaMsg::Save);
        soa(&mut s, SoaMsg::Select("5.1".into(), true));
        soa(&mut s, SoaMsg::Select("5.2".into(), true));
        soa(
            &mut s,
            SoaMsg::BulkJustification("Required by our clients".into()),
        );
        assert!(soa(&mut s, SoaMsg::Bulk(true)));
        let first = &s.assessment.soa[0];
        assert_eq!(
            (first.owner.as_str(), first.applicable),
            ("CISO", Some(true))
        );
        assert_eq!(first.reason_note, "Required by our clients");
    }

    #[test]
    fn a_bulk_exclusion_of_controls_risks_use_waits_for_a_confirmation() {
        let mut s = with_risk();
        soa(&mut s, SoaMsg::Select("8.7".into(), true));
        soa(&mut s, SoaMsg::Select("8.8".into(), true));
        soa(
            &mut s,
            SoaMsg::BulkJustification("Managed by the client".into()),
        );
        assert!(!soa(&mut s, SoaMsg::Bulk(false)));
        let question = s.soa.bulk.confirm.clone().unwrap();
        assert!(question.contains("R-1"), "{question}");
        assert!(s.assessment.soa.is_empty());
        soa(&mut s, SoaMsg::CancelBulk);
        assert!(s.soa.bulk.confirm.is_none());
        assert_eq!(s.soa.selected.len(), 2, "the selection stays");
        assert!(!soa(&mut s, SoaMsg::Bulk(false)));
        assert!(soa(&mut s, SoaMsg::ConfirmBulk));
        assert_eq!(s.assessment.soa.len(), 2);
    }
}
