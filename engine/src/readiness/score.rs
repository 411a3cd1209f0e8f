//! Scoring a questionnaire's answers: percentages per section, per group and
//! overall, each with the lines that explain how it was computed.
//!
//! The rules:
//! - each question earns `weight × value` of a possible `weight`, where
//!   `value` is the chosen option's worth (0 to 1);
//! - "not applicable" answers are excluded: they add nothing to either side
//!   and are counted in [`Score::not_applicable`];
//! - unanswered questions (and unusable answers, see [`Readiness::problems`])
//!   score 0 of their weight, are counted in [`Score::unanswered`], and make
//!   the result [incomplete](Readiness::complete);
//! - a percentage is `100 × earned ÷ possible`, rounded to one decimal; it is
//!   `None` when nothing is left to score (every question not applicable).

use super::answers::{check_answers, resolve, Answers, Resolved};
use super::gaps::{next_steps, rank_gaps, Gap, NextStep};
use super::questionnaire::{Question, Questionnaire};
use super::section::{Group, Section, GROUPS, SECTIONS};
use crate::Diagnostic;
use serde::Serialize;

/// The result of a readiness self-assessment.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Readiness {
    /// The id of the questionnaire answered.
    pub questionnaire_id: String,
    /// Its version.
    pub questionnaire_version: String,
    /// The score over every question.
    pub overall: Score,
    /// The maturity band of the overall percentage (`None` when nothing could
    /// be scored).
    pub maturity: Option<Maturity>,
    /// Whether every question has a usable answer. Until then unanswered
    /// questions score 0 and the percentages are a lower bound.
    pub complete: bool,
    /// Scores per group: clauses 4–10, Annex A, certification cycle.
    pub groups: Vec<GroupScore>,
    /// Scores per section, in report order (all twelve, even if empty).
    pub sections: Vec<SectionScore>,
    /// Every question falling short, most important first (see
    /// [`Gap`] for the ranking).
    pub gaps: Vec<Gap>,
    /// Three to five concrete things to do next, from the top gaps (fewer
    /// only when there are fewer gaps).
    pub next_steps: Vec<NextStep>,
    /// Answers that could not be used (unknown question or option, "not
    /// applicable" where not allowed); they count as unanswered.
    pub problems: Vec<Diagnostic>,
}

/// A percentage and how it was reached.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Score {
    /// `100 × earned ÷ possible`, rounded to one decimal, within 0 to 100;
    /// `None` when `possible` is 0.
    pub percent: Option<f64>,
    /// Weighted points earned (rounded to two decimals).
    pub earned: f64,
    /// Weighted points possible: the weights of all questions not marked not
    /// applicable (rounded to two decimals).
    pub possible: f64,
    /// How many questions this score covers.
    pub questions: usize,
    /// How many have a usable answer other than "not applicable".
    pub answered: usize,
    /// How many were answered "not applicable" and excluded.
    pub not_applicable: usize,
    /// How many have no usable answer and scored 0.
    pub unanswered: usize,
    /// How the number was computed, one line each, in English.
    pub explanation: Vec<String>,
}

/// A section's score.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SectionScore {
    /// Which section.
    pub section: Section,
    /// Its title in the questionnaire's language.
    pub title: String,
    /// The group it belongs to.
    pub group: Group,
    /// Its score.
    pub score: Score,
}

/// A group's score, computed over all its questions (not an average of its
/// sections).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct GroupScore {
    /// Which group.
    pub group: Group,
    /// Its English name.
    pub label: String,
    /// Its score.
    pub score: Score,
}

/// A maturity band for the overall percentage.
///
/// Boundaries (lower bound included): Initial 0–20, Developing 20–45,
/// Defined 45–70, Managed 70–90, Optimised 90–100.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Maturity {
    /// Below 20%: security is ad hoc, little of the ISMS exists.
    Initial,
    /// 20% to under 45%: some pieces exist but are not yet a system.
    Developing,
    /// 45% to under 70%: the ISMS is defined; much still has to run and
    /// produce evidence.
    Defined,
    /// 70% to under 90%: the ISMS runs and is measured; close the remaining
    /// gaps before a Stage 1 audit.
    Managed,
    /// 90% and above: ready to book the certification audit.
    Optimised,
}

/// Every maturity band, lowest first.
pub const MATURITY_LEVELS: [Maturity; 5] = [
    Maturity::Initial,
    Maturity::Developing,
    Maturity::Defined,
    Maturity::Managed,
    Maturity::Optimised,
];

impl Maturity {
    /// The band a percentage falls in (values outside 0–100 are clamped).
    pub fn from_percent(percent: f64) -> Maturity {
        MATURITY_LEVELS
            .into_iter()
            .rev()
            .find(|m| percent >= m.lower_bound())
            .unwrap_or(Maturity::Initial)
    }

    /// The lowest percentage in this band.
    pub fn lower_bound(self) -> f64 {
        match self {
            Maturity::Initial => 0.0,
            Maturity::Developing => 20.0,
            Maturity::Defined => 45.0,
            Maturity::Managed => 70.0,
            Maturity::Optimised => 90.0,
        }
    }

    /// The English label (`"Defined"`).
    pub fn label(self) -> &'static str {
        match self {
            Maturity::Initial => "Initial",
            Maturity::Developing => "Developing",
            Maturity::Defined => "Defined",
            Maturity::Managed => "Managed",
            Maturity::Optimised => "Optimised",
        }
    }

    /// The band as a range for explanations (`"45% to under 70%"`).
    fn range_text(self) -> String {
        let next = MATURITY_LEVELS
            .into_iter()
            .find(|m| m.lower_bound() > self.lower_bound());
        match next {
            Some(next) => format!("{}% to under {}%", self.lower_bound(), next.lower_bound()),
            None => format!("{}% and above", self.lower_bound()),
        }
    }
}

/// Rounds to `decimals` places.
fn round(value: f64, decimals: i32) -> f64 {
    let factor = 10f64.powi(decimals);
    (value * factor).round() / factor
}

/// Running totals for one score.
#[derive(Default)]
struct Tally {
    earned: f64,
    possible: f64,
    questions: usize,
    answered: usize,
    not_applicable: usize,
    unanswered: usize,
}

impl Tally {
    fn add(&mut self, question: &Question, resolved: Resolved<'_>) {
        let weight = f64::from(question.weight);
        self.questions += 1;
        match resolved {
            Resolved::Chosen(option) => {
                self.answered += 1;
                self.possible += weight;
                self.earned += weight * option.value.clamp(0.0, 1.0);
            }
            Resolved::NotApplicable => self.not_applicable += 1,
            Resolved::Unanswered => {
                self.unanswered += 1;
                self.possible += weight;
            }
        }
    }

    fn percent(&self) -> Option<f64> {
        (self.possible > 0.0)
            .then(|| round((100.0 * self.earned / self.possible).clamp(0.0, 100.0), 1))
    }

    /// The summary line: "Clause 6: 3 answered, 1 not applicable (excluded);
    /// weighted 7.0 of 10.0 = 70.0%".
    fn summary(&self, name: &str) -> String {
        let mut counts = vec![format!(
            "{} question{}, {} answered",
            self.questions,
            if self.questions == 1 { "" } else { "s" },
            self.answered
        )];
        if self.not_applicable > 0 {
            counts.push(format!("{} not applicable (excluded)", self.not_applicable));
        }
        if self.unanswered > 0 {
            counts.push(format!("{} unanswered (scored 0)", self.unanswered));
        }
        let result = match self.percent() {
            Some(p) => format!(
                "weighted {:.1} of {:.1} = {p:.1}%",
                self.earned, self.possible
            ),
            None => "nothing left to score, so no percentage".to_string(),
        };
        format!("{name}: {}; {result}", counts.join(", "))
    }

    fn into_score(self, explanation: Vec<String>) -> Score {
        Score {
            percent: self.percent(),
            earned: round(self.earned, 2),
            possible: round(self.possible, 2),
            questions: self.questions,
            answered: self.answered,
            not_applicable: self.not_applicable,
            unanswered: self.unanswered,
            explanation,
        }
    }
}

/// How one question contributed, for a section's explanation.
fn question_line(question: &Question, resolved: Resolved<'_>) -> String {
    let w = question.weight;
    match resolved {
        Resolved::Chosen(option) => format!(
            "{} (weight {w}): \"{}\" is worth {:.2}, so {:.2} of {w}",
            question.id,
            option.label,
            option.value,
            f64::from(w) * option.value
        ),
        Resolved::NotApplicable => {
            format!("{} (weight {w}): not applicable, excluded", question.id)
        }
        Resolved::Unanswered => {
            format!("{} (weight {w}): unanswered, scored 0 of {w}", question.id)
        }
    }
}

/// Scores `answers` against `questionnaire`. Never fails: unusable answers
/// count as unanswered and are listed in [`Readiness::problems`].
pub fn score(questionnaire: &Questionnaire, answers: &Answers) -> Readiness {
    let resolved: Vec<(&Question, Resolved<'_>)> = questionnaire
        .questions
        .iter()
        .map(|q| (q, resolve(q, answers).0))
        .collect();

    let sections: Vec<SectionScore> = SECTIONS
        .into_iter()
        .map(|section| {
            let mut tally = Tally::default();
            let mut lines = Vec::new();
            for &(q, r) in resolved.iter().filter(|(q, _)| q.section == section) {
                tally.add(q, r);
                lines.push(question_line(q, r));
            }
            let title = questionnaire.section_title(section).to_string();
            lines.insert(0, tally.summary(&format!("{} ({title})", section.label())));
            SectionScore {
                section,
                title,
                group: section.group(),
                score: tally.into_score(lines),
            }
        })
        .collect();

    let groups: Vec<GroupScore> = GROUPS
        .into_iter()
        .map(|group| {
            let mut tally = Tally::default();
            for &(q, r) in resolved.iter().filter(|(q, _)| q.section.group() == group) {
                tally.add(q, r);
            }
            let mut lines = vec![tally.summary(group.label())];
            lines.extend(
                sections
                    .iter()
                    .filter(|s| s.group == group && s.score.questions > 0)
                    .map(|s| contribution(&s.section.label(), &s.score)),
            );
            GroupScore {
                group,
                label: group.label().to_string(),
                score: tally.into_score(lines),
            }
        })
        .collect();

    let mut tally = Tally::default();
    for &(q, r) in &resolved {
        tally.add(q, r);
    }
    let maturity = tally.percent().map(Maturity::from_percent);
    let mut lines = vec![tally.summary("Overall")];
    lines.extend(
        groups
            .iter()
            .filter(|g| g.score.questions > 0)
            .map(|g| contribution(&g.label, &g.score)),
    );
    if let (Some(m), Some(p)) = (maturity, tally.percent()) {
        lines.push(format!(
            "Maturity: {p:.1}% falls in {} ({})",
            m.label(),
            m.range_text()
        ));
    }
    if tally.unanswered > 0 {
        lines.push(format!(
            "{} question{} still unanswered: they count as 0 until answered, so this is a lower bound",
            tally.unanswered,
            if tally.unanswered == 1 { " is" } else { "s are" }
        ));
    }
    let complete = tally.unanswered == 0;
    let overall = tally.into_score(lines);

    let gaps = rank_gaps(questionnaire, &resolved);
    let next_steps = next_steps(&gaps);
    Readiness {
        questionnaire_id: questionnaire.id.clone(),
        questionnaire_version: questionnaire.version.clone(),
        overall,
        maturity,
        complete,
        groups,
        sections,
        gaps,
        next_steps,
        problems: check_answers(questionnaire, answers),
    }
}

/// "Clause 6: 7.0 of 10.0" for a parent's explanation.
fn contribution(name: &str, score: &Score) -> String {
    let excluded = if score.not_applicable > 0 {
        format!(" ({} not applicable excluded)", score.not_applicable)
    } else {
        String::new()
    };
    format!(
        "{name}: {:.1} of {:.1}{excluded}",
        score.earned, score.possible
    )
}
