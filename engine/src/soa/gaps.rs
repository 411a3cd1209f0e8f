//! The completeness checker: every gap between the assessment and a
//! Statement of Applicability an auditor would accept, control by control
//! and risk by risk, each with what to do about it.

use super::{statement, statement_of, Applicability, SoaRow};
use crate::date::Date;
use crate::document::Assessment;
use crate::method::ResolvedMethod;
use crate::treatment::{
    acceptance_state, needs_treatment, residual_level, AcceptanceState, ControlStatus,
};

/// The kinds of gap the checker knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SoaGapKind {
    /// A control neither included nor excluded, and selected by no risk.
    Undecided,
    /// A control excluded with no justification.
    ExclusionWithoutJustification,
    /// An applicable control with no implementation status.
    IncludedWithoutStatus,
    /// An applicable control with no reference to evidence.
    IncludedWithoutEvidence,
    /// A control a risk selects that the SoA marks not applicable.
    SelectedButExcluded,
    /// A risk above the appetite with no treatment option chosen.
    RiskWithoutTreatment,
    /// A risk whose residual level is above the appetite and not accepted, or
    /// whose acceptance has expired.
    RiskWithoutAcceptance,
}

impl SoaGapKind {
    /// A short name for filters and counts.
    pub fn label(self) -> &'static str {
        match self {
            SoaGapKind::Undecided => "Not decided",
            SoaGapKind::ExclusionWithoutJustification => "Exclusion not justified",
            SoaGapKind::IncludedWithoutStatus => "No implementation status",
            SoaGapKind::IncludedWithoutEvidence => "No evidence",
            SoaGapKind::SelectedButExcluded => "Selected by a risk but excluded",
            SoaGapKind::RiskWithoutTreatment => "Risk above appetite, untreated",
            SoaGapKind::RiskWithoutAcceptance => "Residual risk not accepted",
        }
    }

    /// Whether the gap is about a risk rather than a control.
    pub fn is_risk_gap(self) -> bool {
        matches!(
            self,
            SoaGapKind::RiskWithoutTreatment | SoaGapKind::RiskWithoutAcceptance
        )
    }
}

/// One gap, with the control or risk where it is fixed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SoaGap {
    /// What kind of gap.
    pub kind: SoaGapKind,
    /// The control id, or the risk id for a risk gap.
    pub subject: String,
    /// What is wrong and what to do, in one sentence.
    pub message: String,
}

/// The implementation status of a row: the one recorded, or else the least
/// advanced status among the risks that apply the control ("not effective"
/// first, since it overrides any claim of progress).
pub fn row_status(assessment: &Assessment, row: &SoaRow<'_>) -> Option<ControlStatus> {
    if row.entry.status.is_some() {
        return row.entry.status;
    }
    let key = super::control_key(&row.control.id);
    let rank = |s: ControlStatus| match s {
        ControlStatus::NotEffective => 0,
        ControlStatus::Planned => 1,
        ControlStatus::InProgress => 2,
        ControlStatus::Implemented => 3,
    };
    assessment
        .risks
        .iter()
        .filter(|r| row.risk_ids.contains(&r.id))
        .flat_map(|r| r.controls.iter())
        .filter(|c| super::control_key(&c.control_id) == key)
        .map(|c| c.status)
        .min_by_key(|&s| rank(s))
}

/// Every gap, controls first in SoA order, then risks in register order.
/// `today` decides which acceptances have expired.
pub fn gaps(assessment: &Assessment, today: Date) -> Vec<SoaGap> {
    gaps_in(assessment, statement(assessment), today)
}

/// How many [`gaps`] there are. Gaps name controls by id and title only, so
/// this counts them over the controls' names, without reading the rest of
/// the catalogue (the app's first load shows this count).
pub fn gap_count(assessment: &Assessment, today: Date) -> usize {
    let rows = statement_of(assessment, crate::catalogue::annex_a_names_only());
    gaps_in(assessment, rows, today).len()
}

fn gaps_in(assessment: &Assessment, rows: Vec<SoaRow<'_>>, today: Date) -> Vec<SoaGap> {
    let mut gaps = Vec::new();
    for row in rows {
        let name = format!("{} {}", row.control.id, row.control.title);
        let mut push = |kind, message: String| {
            gaps.push(SoaGap {
                kind,
                subject: row.control.id.clone(),
                message,
            });
        };
        if row.selected() && row.entry.applicable == Some(false) {
            push(
                SoaGapKind::SelectedButExcluded,
                format!(
                    "{name}: excluded, yet risk {} selects it: include it or remove it from the risk's treatment",
                    row.risk_ids.join(", ")
                ),
            );
        }
        match row.applicability {
            Applicability::Undecided => push(
                SoaGapKind::Undecided,
                format!("{name}: not decided: include it or exclude it with a justification"),
            ),
            Applicability::Excluded => {
                if row.entry.exclusion_justification.trim().is_empty() {
                    push(
                        SoaGapKind::ExclusionWithoutJustification,
                        format!(
                            "{name}: excluded without a justification: say why it does not apply"
                        ),
                    );
                }
            }
            Applicability::Applicable => {
                if row_status(assessment, &row).is_none() {
                    push(
                        SoaGapKind::IncludedWithoutStatus,
                        format!("{name}: included without an implementation status"),
                    );
                }
                if row.entry.evidence.iter().all(|e| e.trim().is_empty()) {
                    push(
                        SoaGapKind::IncludedWithoutEvidence,
                        format!("{name}: included without a reference to evidence"),
                    );
                }
            }
        }
    }
    let Ok(method) = ResolvedMethod::new(assessment.method.clone()) else {
        return gaps;
    };
    for risk in &assessment.risks {
        let name = format!("{} {}", risk.id, risk.title);
        if needs_treatment(&method, risk) && risk.decision.is_none() {
            gaps.push(SoaGap {
                kind: SoaGapKind::RiskWithoutTreatment,
                subject: risk.id.clone(),
                message: format!("{name}: above the appetite with no treatment option chosen"),
            });
        }
        let state = acceptance_state(&method, risk, today);
        let residual_above = residual_level(&method, risk).is_some_and(|(_, ok)| !ok);
        if residual_above && state.needs_acceptance() {
            let why = match state {
                AcceptanceState::Expired(_) => state.describe(),
                _ => "the residual level is above the appetite and the risk owner has not accepted it".into(),
            };
            gaps.push(SoaGap {
                kind: SoaGapKind::RiskWithoutAcceptance,
                subject: risk.id.clone(),
                message: format!("{name}: {why}"),
            });
        }
    }
    gaps
}
