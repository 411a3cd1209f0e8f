//! The Statement of Applicability (ISO/IEC 27001 6.1.3 d), derived from the
//! assessment: every Annex A control and every custom control, each with the
//! decision recorded for it and the risks that select it.
//!
//! A control is selected by a risk when the risk applies it (`risk.controls`)
//! or when an action of the risk treatment plan puts it in place for the risk.
//! A selected control with no decision recorded is applicable.
//!
//! **A control has one state**, [`SoaRow::applicability`], which the table,
//! the counts, the CSV and the checker all read: a recorded decision is that
//! state. An exclusion recorded while risks select the control (which the
//! app only saves after the user confirms it, naming the risks: see
//! [`review_decisions`]) stays excluded, and the checker reports the
//! contradiction as a gap until the risks' treatment or the decision
//! changes.
//!
//! ```
//! use riskwright_engine::document::Assessment;
//! use riskwright_engine::soa::{statement, Applicability};
//!
//! let assessment = Assessment::new("Demo");
//! let rows = statement(&assessment);
//! assert_eq!(rows.len(), 93);
//! assert!(rows.iter().all(|r| r.applicability == Applicability::Undecided));
//! ```

mod decide;
mod gaps;

pub use decide::{review_decisions, DecisionReview, ExclusionConflict};
pub use gaps::{gap_count, gaps, row_status, SoaGap, SoaGapKind};

use crate::catalogue::{annex_a, normalise_control_id, Control};
use crate::document::{Assessment, SoaEntry};
use std::collections::BTreeMap;

/// Whether a control applies, all things considered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Applicability {
    /// Included: decided so, or selected by a risk with no decision recorded.
    Applicable,
    /// Excluded by the recorded decision.
    Excluded,
    /// No decision yet and no risk selects it.
    Undecided,
}

impl Applicability {
    /// The word shown and written to CSV.
    pub fn as_str(self) -> &'static str {
        match self {
            Applicability::Applicable => "applicable",
            Applicability::Excluded => "excluded",
            Applicability::Undecided => "undecided",
        }
    }
}

/// One line of the Statement of Applicability.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SoaRow<'a> {
    /// The control, from Annex A or the assessment's custom controls.
    pub control: &'a Control,
    /// The decision recorded, or an empty entry when none is.
    pub entry: SoaEntry,
    /// Whether an entry was recorded.
    pub recorded: bool,
    /// The risks that select the control, in register order.
    pub risk_ids: Vec<String>,
    /// Applicable, excluded or undecided: the control's one state.
    pub applicability: Applicability,
}

impl SoaRow<'_> {
    /// Whether a risk selects the control, which makes it applicable.
    pub fn selected(&self) -> bool {
        !self.risk_ids.is_empty()
    }
}

/// The canonical key of a control id: Annex A ids without the `A.` prefix,
/// others trimmed.
pub fn control_key(id: &str) -> String {
    normalise_control_id(id.trim()).to_string()
}

/// The risks that select each control, keyed by [`control_key`], each list in
/// register order and without repeats.
pub fn selecting_risks(assessment: &Assessment) -> BTreeMap<String, Vec<String>> {
    let mut links: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut link = |control: &str, risk: &str| {
        let ids = links.entry(control_key(control)).or_default();
        if !ids.iter().any(|r| r == risk) {
            ids.push(risk.to_string());
        }
    };
    for risk in &assessment.risks {
        for applied in &risk.controls {
            link(&applied.control_id, &risk.id);
        }
        for action in &assessment.plan {
            if !action.control_id.trim().is_empty() && action.risk_ids.contains(&risk.id) {
                link(&action.control_id, &risk.id);
            }
        }
    }
    links
}

/// The control `id` names, from Annex A or the assessment's custom controls.
pub fn find_control<'a>(assessment: &'a Assessment, id: &str) -> Option<&'a Control> {
    let key = control_key(id);
    crate::catalogue::control(&key).or_else(|| {
        assessment
            .custom_controls
            .iter()
            .find(|c| control_key(&c.id) == key)
    })
}

/// "8.7 Protection against malware" for a control the assessment knows
/// (Annex A or custom); the id as written for any other.
pub fn control_name(assessment: &Assessment, id: &str) -> String {
    find_control(assessment, id).map_or_else(
        || id.trim().to_string(),
        |c| format!("{} {}", c.id, c.title),
    )
}

/// What a control applied to a risk acts through unless the user says
/// otherwise: its first control type, or preventive when it records none.
pub fn default_acts_through(assessment: &Assessment, id: &str) -> crate::catalogue::ControlType {
    let key = control_key(id);
    crate::catalogue::annex_a_acts_through(&key)
        .or_else(|| {
            let mut custom = assessment.custom_controls.iter();
            let control = custom.find(|c| control_key(&c.id) == key)?;
            control.control_types.first().copied()
        })
        .unwrap_or(crate::catalogue::ControlType::Preventive)
}

/// Every control the assessment's SoA must cover: the 93 of Annex A in
/// order, then the custom controls in the order they were added.
pub fn controls(assessment: &Assessment) -> impl Iterator<Item = &Control> {
    annex_a().iter().chain(assessment.custom_controls.iter())
}

/// The whole Statement of Applicability: one row per control of
/// [`controls`], always complete.
pub fn statement(assessment: &Assessment) -> Vec<SoaRow<'_>> {
    statement_of(assessment, annex_a())
}

/// The statement over `annex` (the whole catalogue, or its names only)
/// and the assessment's custom controls.
fn statement_of<'a>(assessment: &'a Assessment, annex: &'a [Control]) -> Vec<SoaRow<'a>> {
    let mut entries: BTreeMap<String, &SoaEntry> = BTreeMap::new();
    for entry in &assessment.soa {
        entries.insert(control_key(&entry.control_id), entry);
    }
    let mut selecting = selecting_risks(assessment);
    annex
        .iter()
        .chain(assessment.custom_controls.iter())
        .map(|control| {
            let key = control_key(&control.id);
            let recorded = entries.get(&key).copied();
            let risk_ids = selecting.remove(&key).unwrap_or_default();
            let applicability = match recorded.and_then(|e| e.applicable) {
                Some(true) => Applicability::Applicable,
                Some(false) => Applicability::Excluded,
                None if !risk_ids.is_empty() => Applicability::Applicable,
                None => Applicability::Undecided,
            };
            SoaRow {
                control,
                entry: recorded.cloned().unwrap_or_else(|| SoaEntry {
                    control_id: control.id.clone(),
                    ..SoaEntry::default()
                }),
                recorded: recorded.is_some(),
                risk_ids,
                applicability,
            }
        })
        .collect()
}
