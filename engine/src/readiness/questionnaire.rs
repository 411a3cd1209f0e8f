//! The questionnaire: sections, questions and their answer scales, as a
//! host ships them in a versioned JSON file.

use super::section::Section;
use crate::Diagnostic;
use serde::Serialize;

/// The questionnaire file format this engine reads (`"format": 1`).
pub const FORMAT: u32 = 1;

/// The answer id that means "not applicable". No answer option may use it.
pub const NOT_APPLICABLE: &str = "not_applicable";

/// A validated questionnaire. Build one with [`Questionnaire::from_json_str`]
/// or take the shipped one from [`default_questionnaire`](super::default_questionnaire).
///
/// Every question has a known section, a weight of 1 to 5, a resolved answer
/// scale whose values rise from at least 0 to exactly 1, references that
/// exist, and dependencies on known questions without cycles.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Questionnaire {
    /// The file format version (always [`FORMAT`]).
    pub format: u32,
    /// A stable id for this questionnaire (`"riskwright-readiness"`).
    pub id: String,
    /// The questionnaire's own version, chosen by its author (`"1.0.0"`).
    pub version: String,
    /// The language of its texts, as a BCP 47 tag (`"en"`).
    pub language: String,
    /// The title shown above the questions.
    pub title: String,
    /// All twelve sections in report order, with their titles in
    /// [`language`](Self::language) (English defaults where the file gives none).
    pub sections: Vec<SectionInfo>,
    /// The questions in the order they are asked.
    pub questions: Vec<Question>,
}

/// A section and its display title.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SectionInfo {
    /// Which section.
    pub id: Section,
    /// Its title in the questionnaire's language.
    pub title: String,
}

/// One question.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Question {
    /// A stable id, unique in the questionnaire; answers are keyed by it.
    pub id: String,
    /// The section it counts towards.
    pub section: Section,
    /// A short name for what is asked (`"Risk assessment method"`), for gap
    /// lists, charts and draft risk titles.
    pub topic: String,
    /// The question as shown to the visitor.
    pub text: String,
    /// What "fully" looks like and why it matters.
    pub help: String,
    /// What to do next when the answer falls short; used for next steps.
    pub next_step: String,
    /// How much it counts within its section, 1 (minor) to 5 (essential).
    pub weight: u8,
    /// The possible answers, from worst to best; the last is worth 1.
    pub answers: Vec<AnswerOption>,
    /// Whether the visitor may answer "not applicable".
    pub allow_not_applicable: bool,
    /// The clauses, Annex A themes or controls it is about (see
    /// [`resolve_reference`](super::resolve_reference)).
    pub maps_to: Vec<String>,
    /// Ids of questions that must be in place before this one can be.
    pub depends_on: Vec<String>,
}

/// One possible answer on a scale.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AnswerOption {
    /// The id stored in answers (`"partly"`).
    pub id: String,
    /// The label shown to the visitor (`"Partly"`).
    pub label: String,
    /// Its worth, 0 (nothing in place) to 1 (fully in place).
    pub value: f64,
    /// What choosing it means, shown under the label (`"Some of it exists,
    /// but…"`); empty when the file gives none.
    pub description: String,
}

impl Questionnaire {
    /// Parses and validates a questionnaire file, returning every problem
    /// found, each with a JSON path (`$.questions[12].weight`).
    ///
    /// A syntax error, an unsupported `format` or a field of the wrong type
    /// stops parsing with one diagnostic; all other checks run to the end.
    pub fn from_json_str(json: &str) -> Result<Questionnaire, Vec<Diagnostic>> {
        super::validate::parse(json)
    }

    /// The question with this id.
    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions.iter().find(|q| q.id == id)
    }

    /// The title of `section` in this questionnaire's language.
    pub fn section_title(&self, section: Section) -> &str {
        self.sections
            .iter()
            .find(|s| s.id == section)
            .map_or(section.default_title(), |s| s.title.as_str())
    }

    /// The questions in `section`, in order.
    pub fn questions_in(&self, section: Section) -> impl Iterator<Item = &Question> {
        self.questions.iter().filter(move |q| q.section == section)
    }
}

impl Question {
    /// The answer option with this id.
    pub fn option(&self, id: &str) -> Option<&AnswerOption> {
        self.answers.iter().find(|o| o.id == id)
    }
}
