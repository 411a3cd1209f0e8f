//! A public ISO/IEC 27001:2022 readiness self-assessment: a questionnaire a
//! visitor answers, scored per section, per group and overall, with ranked
//! gaps, next steps and drafts for a full assessment.
//!
//! - [`Questionnaire`]: versioned data (`"format": 1`) loaded from JSON and
//!   validated with paths; [`default_questionnaire`] is the shipped English one
//!   (`engine/data/readiness/questionnaire.en.json`).
//! - [`Answers`]: question id → option id or `"not_applicable"`.
//! - [`score()`]: the [`Readiness`] result, every number with its explanation.
//! - [`seed()`]: draft risks and SoA notes from the gaps.
//! - [`result_file_json`] / [`read_result_file`]: the result a visitor
//!   downloads, read back by the app into the same drafts.
//!
//! ```
//! use riskwright_engine::readiness::{default_questionnaire, score, Answer, Answers, Maturity};
//!
//! let questionnaire = default_questionnaire();
//! let answers: Answers = questionnaire
//!     .questions
//!     .iter()
//!     .map(|q| (q.id.clone(), Answer::option("fully")))
//!     .collect();
//! let result = score(&questionnaire, &answers);
//! assert_eq!(result.overall.percent, Some(100.0));
//! assert_eq!(result.maturity, Some(Maturity::Optimised));
//! assert!(result.gaps.is_empty() && result.complete);
//! ```

pub mod answers;
pub mod gaps;
pub mod questionnaire;
pub mod reference;
pub mod result;
pub mod score;
pub mod section;
pub mod seed;
pub mod validate;

pub use answers::{answers_from_json_str, check_answers, Answer, Answers};
pub use gaps::{
    importance, plain_reason, Gap, NextStep, DEPENDENCY_MET_AT, MAX_NEXT_STEPS, MIN_NEXT_STEPS,
};
pub use questionnaire::{
    AnswerOption, Question, Questionnaire, SectionInfo, FORMAT, NOT_APPLICABLE,
};
pub use reference::{reference_name, resolve_reference, Reference, CLAUSES, CLAUSE_TITLES};
pub use result::{read_result_file, result_file_json, RESULT_FORMAT, RESULT_KIND};
pub use score::{score, GroupScore, Maturity, Readiness, Score, SectionScore, MATURITY_LEVELS};
pub use section::{Group, Section, GROUPS, SECTIONS};
pub use seed::{seed, DraftRisk, Seed, SoaNote};
pub use validate::{MAX_QUESTIONS, WEIGHT_RANGE};

/// The shipped English questionnaire, as JSON, for hosts that want to show
/// or extend the file itself.
pub const DEFAULT_QUESTIONNAIRE_JSON: &str =
    include_str!("../../data/readiness/questionnaire.en.json");

/// The shipped English questionnaire.
pub fn default_questionnaire() -> Questionnaire {
    // The embedded file is fixed at compile time and the test suite parses it
    // (tests/readiness.rs, `shipped_questionnaire_*`), so this cannot fail.
    Questionnaire::from_json_str(DEFAULT_QUESTIONNAIRE_JSON).unwrap_or_else(|_| unreachable!())
}
