//! Turning a readiness result into a starting point for a full risk
//! assessment: draft risks and Statement of Applicability notes.

use super::reference::{resolve_reference, Reference};
use super::score::Readiness;
use serde::{Deserialize, Serialize};

/// Drafts drawn from a readiness result, for a person to review.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Seed {
    /// One draft risk per answered gap, in gap order.
    pub risks: Vec<DraftRisk>,
    /// One note per Annex A control that answered gaps map to, in the order
    /// first met.
    pub soa_notes: Vec<SoaNote>,
}

/// A draft risk suggested by a gap.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DraftRisk {
    /// The gap's question id.
    pub question_id: String,
    /// A short title (`"Backups not fully in place"`).
    pub title: String,
    /// What could happen and why, in English.
    pub scenario: String,
    /// What the question maps to (clauses, themes, controls), unchanged.
    pub maps_to: Vec<String>,
    /// The Annex A controls among `maps_to`, without the `A.` prefix (`"8.13"`).
    pub controls: Vec<String>,
    /// The gap's rank (1 = most important).
    pub priority: usize,
}

/// A note for one Annex A control's Statement of Applicability entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SoaNote {
    /// The control id without `A.` (`"5.24"`).
    pub control: String,
    /// What the self-assessment found and what is planned, in English.
    pub note: String,
    /// The questions the note is drawn from.
    pub question_ids: Vec<String>,
}

/// Drafts risks and SoA notes from the gaps in `readiness`.
///
/// Only answered gaps are used: an unanswered question says nothing about
/// the organisation yet.
pub fn seed(readiness: &Readiness) -> Seed {
    let mut risks = Vec::new();
    let mut soa_notes: Vec<SoaNote> = Vec::new();
    for gap in &readiness.gaps {
        let Some(label) = &gap.answer_label else {
            continue;
        };
        let controls: Vec<String> = gap
            .maps_to
            .iter()
            .filter_map(|m| match resolve_reference(m) {
                Some(Reference::Control(id)) => Some(id),
                _ => None,
            })
            .collect();
        risks.push(DraftRisk {
            question_id: gap.question_id.clone(),
            title: format!("{} not fully in place", gap.topic),
            scenario: format!(
                "The readiness self-assessment answered \"{label}\" to \"{}\". While this stays \
                 incomplete, the protection it provides may be missing or unreliable and an \
                 auditor may raise a nonconformity against {}. Planned action: {}",
                gap.text,
                gap.maps_to.join(", "),
                gap.next_step
            ),
            maps_to: gap.maps_to.clone(),
            controls: controls.clone(),
            priority: gap.rank,
        });
        let finding = format!(
            "Self-assessment: \"{label}\" for {}. Planned: {}",
            gap.question_id, gap.next_step
        );
        for control in controls {
            match soa_notes.iter_mut().find(|n| n.control == control) {
                Some(note) => {
                    note.note.push(' ');
                    note.note.push_str(&finding);
                    note.question_ids.push(gap.question_id.clone());
                }
                None => soa_notes.push(SoaNote {
                    control,
                    note: finding.clone(),
                    question_ids: vec![gap.question_id.clone()],
                }),
            }
        }
    }
    Seed { risks, soa_notes }
}
