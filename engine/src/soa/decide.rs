//! Checking SoA decisions before they are recorded: an exclusion needs a
//! justification, and excluding a control that risks select contradicts
//! their treatment, which the user has to confirm knowingly.

use super::{control_key, control_name, selecting_risks};
use crate::document::{Assessment, SoaEntry};
use crate::Diagnostic;

/// An exclusion that contradicts the treatment of risks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExclusionConflict {
    /// The control, as the entry spells it.
    pub control_id: String,
    /// The risks that select it, in register order.
    pub risk_ids: Vec<String>,
    /// "8.13 Information backup is applied to R-1 and R-4 (risk treatment
    /// or plan)".
    pub message: String,
}

/// What stands between a set of SoA decisions and recording them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DecisionReview {
    /// Refusals: an exclusion without a justification. Nothing is recorded
    /// while there are any.
    pub problems: Vec<Diagnostic>,
    /// Exclusions of controls that risks select: recorded only once the
    /// user confirms, having read the risks named.
    pub conflicts: Vec<ExclusionConflict>,
}

impl DecisionReview {
    /// Whether the decisions may be recorded: no refusal, and either no
    /// conflict or the user `confirmed` them.
    pub fn allows(&self, confirmed: bool) -> bool {
        self.problems.is_empty() && (confirmed || self.conflicts.is_empty())
    }

    /// The question to ask before recording conflicting exclusions, naming
    /// every control and risk; `None` when there is no conflict.
    pub fn confirmation(&self) -> Option<String> {
        if self.conflicts.is_empty() {
            return None;
        }
        let lines: Vec<&str> = self.conflicts.iter().map(|c| c.message.as_str()).collect();
        Some(format!(
            "{}. Excluding {} contradicts the treatment of {}: the Statement of \
             Applicability will show {} as excluded and the checker will report \
             the contradiction until the risks' treatment changes.",
            lines.join("; "),
            if self.conflicts.len() == 1 {
                "it"
            } else {
                "them"
            },
            if self.risk_count() == 1 {
                "that risk"
            } else {
                "those risks"
            },
            if self.conflicts.len() == 1 {
                "it"
            } else {
                "them"
            },
        ))
    }

    fn risk_count(&self) -> usize {
        let mut ids: Vec<&str> = self
            .conflicts
            .iter()
            .flat_map(|c| c.risk_ids.iter().map(String::as_str))
            .collect();
        ids.sort_unstable();
        ids.dedup();
        ids.len()
    }
}

/// Reviews `entries` about to be recorded in `assessment`'s SoA: each
/// exclusion (`applicable: Some(false)`) must say why, and an exclusion of a
/// control that risks select (they apply it, or a plan action puts it in
/// place for them) is a conflict to confirm. Inclusions and undecided
/// entries are never refused here. Paths name the entry as
/// `$.soa[<control>].exclusion_justification`.
pub fn review_decisions(assessment: &Assessment, entries: &[SoaEntry]) -> DecisionReview {
    let selecting = selecting_risks(assessment);
    let mut review = DecisionReview::default();
    for entry in entries {
        if entry.applicable != Some(false) {
            continue;
        }
        let key = control_key(&entry.control_id);
        let name = control_name(assessment, &entry.control_id);
        if entry.exclusion_justification.trim().is_empty() {
            review.problems.push(Diagnostic::new(
                format!("$.soa[{key}].exclusion_justification"),
                format!("{name}: say why it does not apply before excluding it"),
            ));
        }
        if let Some(risks) = selecting.get(&key).filter(|r| !r.is_empty()) {
            review.conflicts.push(ExclusionConflict {
                control_id: entry.control_id.clone(),
                risk_ids: risks.clone(),
                message: format!(
                    "{name} is applied to {} {}",
                    if risks.len() == 1 { "risk" } else { "risks" },
                    join_and(risks)
                ),
            });
        }
    }
    review
}

/// "a", "a and b", "a, b and c".
fn join_and(items: &[String]) -> String {
    match items.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
    }
}
