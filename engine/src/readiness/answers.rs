//! A visitor's answers: question id → chosen option or "not applicable".

use super::questionnaire::{Question, Questionnaire, NOT_APPLICABLE};
use crate::document::kind;
use crate::Diagnostic;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;
use std::collections::BTreeMap;

/// The answers given so far, keyed by question id. Questions missing from
/// the map are unanswered.
///
/// In JSON this is an object of strings: an option id, or
/// `"not_applicable"` ([`NOT_APPLICABLE`]):
/// `{"risk-method": "partly", "physical-offices": "not_applicable"}`.
pub type Answers = BTreeMap<String, Answer>;

/// One answer.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Answer {
    /// The id of one of the question's answer options (`"largely"`).
    Option(String),
    /// The question does not apply to this organisation; it is left out of
    /// every denominator. Only allowed where the question says so.
    NotApplicable,
}

impl Answer {
    /// An answer choosing the option with this id.
    pub fn option(id: impl Into<String>) -> Answer {
        Answer::Option(id.into())
    }

    /// The id as written in JSON.
    pub fn as_str(&self) -> &str {
        match self {
            Answer::Option(id) => id,
            Answer::NotApplicable => NOT_APPLICABLE,
        }
    }
}

impl From<&str> for Answer {
    fn from(id: &str) -> Answer {
        if id == NOT_APPLICABLE {
            Answer::NotApplicable
        } else {
            Answer::Option(id.to_string())
        }
    }
}

impl Serialize for Answer {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Answer {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Answer, D::Error> {
        let id = String::deserialize(deserializer)?;
        Ok(Answer::from(id.as_str()))
    }
}

/// Parses answers from JSON (an object of strings). Only the shape is
/// checked here; [`check_answers`] checks them against a questionnaire.
pub fn answers_from_json_str(json: &str) -> Result<Answers, Vec<Diagnostic>> {
    let value: Value = serde_json::from_str(json)
        .map_err(|e| vec![Diagnostic::new("$", format!("not valid JSON: {e}"))])?;
    let Value::Object(members) = value else {
        return Err(vec![Diagnostic::new(
            "$",
            format!("expected an object of answers, found {}", kind(&value)),
        )]);
    };
    let mut answers = Answers::new();
    let mut problems = Vec::new();
    for (id, answer) in members {
        match answer {
            Value::String(chosen) => {
                answers.insert(id, Answer::from(chosen.as_str()));
            }
            other => problems.push(Diagnostic::new(
                answer_path(&id),
                format!("expected an option id (a string), found {}", kind(&other)),
            )),
        }
    }
    if problems.is_empty() {
        Ok(answers)
    } else {
        Err(problems)
    }
}

/// Where an answer is in the answers object: `$["risk-method"]`.
pub(super) fn answer_path(id: &str) -> String {
    let quoted = serde_json::to_string(id).unwrap_or_else(|_| String::from("\"?\""));
    format!("$[{quoted}]")
}

/// What a question's answer counts as once checked.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Resolved<'q> {
    /// A valid option, with its value.
    Chosen(&'q super::questionnaire::AnswerOption),
    /// Validly marked not applicable.
    NotApplicable,
    /// No answer, or an answer that could not be used.
    Unanswered,
}

/// Resolves the answer to `question`, explaining why if it cannot be used.
pub(super) fn resolve<'q>(
    question: &'q Question,
    answers: &Answers,
) -> (Resolved<'q>, Option<Diagnostic>) {
    match answers.get(&question.id) {
        None => (Resolved::Unanswered, None),
        Some(Answer::NotApplicable) if question.allow_not_applicable => (Resolved::NotApplicable, None),
        Some(Answer::NotApplicable) => (
            Resolved::Unanswered,
            Some(Diagnostic::new(
                answer_path(&question.id),
                "this question cannot be answered \"not applicable\"; counted as unanswered",
            )),
        ),
        Some(Answer::Option(id)) => match question.option(id) {
            Some(option) => (Resolved::Chosen(option), None),
            None => (
                Resolved::Unanswered,
                Some(Diagnostic::new(
                    answer_path(&question.id),
                    format!(
                        "\"{id}\" is not an answer to this question (expected one of {}); counted as unanswered",
                        question
                            .answers
                            .iter()
                            .map(|o| o.id.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                )),
            ),
        },
    }
}

/// Every problem with `answers` for `questionnaire`: answers to unknown
/// questions, unknown options, and "not applicable" where it is not allowed.
/// Scoring ignores such answers (they count as unanswered) and lists the same
/// problems in [`Readiness::problems`](super::Readiness::problems).
pub fn check_answers(questionnaire: &Questionnaire, answers: &Answers) -> Vec<Diagnostic> {
    let mut problems: Vec<Diagnostic> = questionnaire
        .questions
        .iter()
        .filter_map(|q| resolve(q, answers).1)
        .collect();
    for id in answers.keys() {
        if questionnaire.question(id).is_none() {
            problems.push(Diagnostic::new(
                answer_path(id),
                format!("there is no question \"{id}\"; the answer is ignored"),
            ));
        }
    }
    problems
}
