//! Merging another assessment's risks into this one: which risks can come
//! over, which links they bring with them, and which must be skipped.

use super::RegisterEdit;
use crate::document::Assessment;
use crate::Diagnostic;

/// Merging a document's risks into the current assessment.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MergePlan {
    /// The edits, in order: missing assets, threats, vulnerabilities, then risks.
    pub edits: Vec<RegisterEdit>,
    /// How many risks would be added.
    pub risks: usize,
    /// Risks that would be skipped, and why.
    pub skipped: Vec<String>,
}

/// What merging `incoming`'s risks into `current` would do: risks whose id
/// is taken are skipped; the assets, threats and vulnerabilities they link
/// are added when missing. Each edit is tried on a copy, so the plan holds
/// only edits that apply.
pub fn merge_plan(current: &Assessment, incoming: &Assessment, now: &str) -> MergePlan {
    let mut trial = current.clone();
    let mut plan = MergePlan::default();
    for risk in &incoming.risks {
        if trial.risks.iter().any(|r| r.id == risk.id) {
            plan.skipped.push(format!(
                "{} “{}”: the current assessment already has a risk with this id",
                risk.id, risk.title
            ));
            continue;
        }
        let mut edits = Vec::new();
        for id in &risk.asset_ids {
            if !trial.assets.iter().any(|a| &a.id == id) {
                if let Some(a) = incoming.assets.iter().find(|a| &a.id == id) {
                    edits.push(RegisterEdit::AddAsset(a.clone()));
                }
            }
        }
        if let Some(id) = &risk.threat_id {
            if !trial.threats.iter().any(|t| &t.id == id) {
                if let Some(t) = incoming.threats.iter().find(|t| &t.id == id) {
                    edits.push(RegisterEdit::AddThreat(t.clone()));
                }
            }
        }
        if let Some(id) = &risk.vulnerability_id {
            if !trial.vulnerabilities.iter().any(|v| &v.id == id) {
                if let Some(v) = incoming.vulnerabilities.iter().find(|v| &v.id == id) {
                    edits.push(RegisterEdit::AddVulnerability(v.clone()));
                }
            }
        }
        edits.push(RegisterEdit::AddRisk(risk.clone()));
        let mut attempt = trial.clone();
        let result: Result<(), Vec<Diagnostic>> = edits
            .iter()
            .try_for_each(|e| attempt.apply(e.clone(), now, "import").map(drop));
        match result {
            Ok(()) => {
                trial = attempt;
                plan.edits.extend(edits);
                plan.risks += 1;
            }
            Err(problems) => plan.skipped.push(format!(
                "{} “{}”: {}",
                risk.id,
                risk.title,
                crate::diagnostic::join(&problems)
            )),
        }
    }
    plan
}
