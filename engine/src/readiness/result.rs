//! The result file a visitor downloads from the readiness check, and
//! reading it back in the app: the questionnaire it was made with, the
//! answers, the engine's result and the drafts for a full assessment, so
//! that importing the file seeds exactly as "Start a full assessment" does.

use super::answers::{answers_from_json_str, Answers};
use super::questionnaire::Questionnaire;
use super::score::score;
use super::seed::{seed, Seed};
use super::validate::MAX_QUESTIONS;
use crate::Diagnostic;
use serde_json::{json, Value};

/// The `kind` of a result file.
pub const RESULT_KIND: &str = "riskwright-readiness-result";

/// The result file format this engine writes and reads (`"format": 1`).
pub const RESULT_FORMAT: u32 = 1;

/// The result file for `answers` to `questionnaire`, as pretty JSON:
/// `kind`, `format`, the questionnaire's id, version and title, the
/// answers, the [`score`] result and the [`seed`] drafts.
pub fn result_file_json(questionnaire: &Questionnaire, answers: &Answers) -> String {
    let readiness = score(questionnaire, answers);
    let drafts = seed(&readiness);
    let document = json!({
        "kind": RESULT_KIND,
        "format": RESULT_FORMAT,
        "questionnaire": {
            "id": questionnaire.id,
            "version": questionnaire.version,
            "title": questionnaire.title,
        },
        "answers": answers,
        "readiness": readiness,
        "seed": drafts,
    });
    // A `Value` of strings, numbers and maps always serialises.
    serde_json::to_string_pretty(&document).unwrap_or_default()
}

/// Whether `value` is a readiness result: it says so (`kind`), or it has
/// the shape the first downloads had (questionnaire, answers, readiness).
fn is_result(value: &Value) -> bool {
    match value.get("kind") {
        Some(kind) => kind == RESULT_KIND,
        None => ["questionnaire", "answers", "readiness"]
            .iter()
            .all(|k| value.get(k).is_some_and(Value::is_object)),
    }
}

/// Reads a result file back into the drafts it stands for.
///
/// `None` when `text` is not a readiness result (an assessment, say), so
/// the caller tries its other formats. Otherwise the file's `seed`, or, in
/// a file without one, the drafts recomputed from its answers when it was
/// made with `known` (same questionnaire id and version). Every problem
/// comes back with its JSON path.
pub fn read_result_file(
    text: &str,
    known: &Questionnaire,
) -> Option<Result<Seed, Vec<Diagnostic>>> {
    let value: Value = serde_json::from_str(text.trim_start_matches('\u{FEFF}')).ok()?;
    if !is_result(&value) {
        return None;
    }
    if let Some(format) = value.get("format") {
        if format.as_u64() != Some(u64::from(RESULT_FORMAT)) {
            return Some(Err(vec![Diagnostic::new(
                "$.format",
                format!("this app reads readiness results of format {RESULT_FORMAT}, not {format}"),
            )]));
        }
    }
    if let Some(drafts) = value.get("seed") {
        return Some(read_seed(drafts));
    }
    let made_with = |field: &str| {
        value
            .get("questionnaire")
            .and_then(|q| q.get(field))
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string()
    };
    if made_with("id") != known.id || made_with("version") != known.version {
        return Some(Err(vec![Diagnostic::new(
            "$.seed",
            format!(
                "the file was made with the questionnaire “{}” version {}, which this app does \
                 not know, and holds no drafts; download the result again from the readiness \
                 check",
                made_with("title"),
                made_with("version")
            ),
        )]));
    }
    let answers = value
        .get("answers")
        .map(Value::to_string)
        .unwrap_or_default();
    Some(answers_from_json_str(&answers).map(|answers| {
        let answers: Answers = answers
            .into_iter()
            .filter(|(id, _)| known.question(id).is_some())
            .collect();
        seed(&score(known, &answers))
    }))
}

fn read_seed(drafts: &Value) -> Result<Seed, Vec<Diagnostic>> {
    let seed: Seed = serde_json::from_value(drafts.clone()).map_err(|e| {
        vec![Diagnostic::new(
            "$.seed",
            format!("the drafts cannot be read: {e}"),
        )]
    })?;
    if seed.risks.len() > MAX_QUESTIONS {
        return Err(vec![Diagnostic::new(
            "$.seed.risks",
            format!(
                "{} draft risks; a readiness check drafts at most {MAX_QUESTIONS}",
                seed.risks.len()
            ),
        )]);
    }
    let mut problems = Vec::new();
    for (i, risk) in seed.risks.iter().enumerate() {
        if risk.title.trim().is_empty() {
            problems.push(Diagnostic::new(
                format!("$.seed.risks[{i}].title"),
                "the draft risk has no title",
            ));
        }
    }
    if problems.is_empty() {
        Ok(seed)
    } else {
        Err(problems)
    }
}
