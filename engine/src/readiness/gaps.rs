//! Gaps (questions falling short) ranked by importance, and the next steps
//! drawn from them.

use super::answers::Resolved;
use super::questionnaire::{Question, Questionnaire};
use super::section::Section;
use serde::Serialize;

/// The most next steps returned.
pub const MAX_NEXT_STEPS: usize = 5;

/// The fewest next steps returned when there are at least this many gaps.
pub const MIN_NEXT_STEPS: usize = 3;

/// The answer value from which a question counts as in place for the
/// questions that depend on it: 0.5, so on the shipped scale "no", "partly"
/// and no answer block dependants while "largely" and "fully" do not.
/// "Not applicable" never blocks.
pub const DEPENDENCY_MET_AT: f64 = 0.5;

/// A question whose answer falls short of "fully".
///
/// Ranking: each gap's impact is `weight × shortfall`. A gap whose answer is
/// below [`DEPENDENCY_MET_AT`] blocks the gaps that depend on it: it inherits
/// the highest priority among them (so a missing risk method is as urgent as
/// the Statement of Applicability waiting on it) and always comes before
/// them. Ties go to the higher own impact, then the higher weight, then
/// questionnaire order.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Gap {
    /// Position in the ranking, from 1.
    pub rank: usize,
    /// The question's id.
    pub question_id: String,
    /// The question's short topic.
    pub topic: String,
    /// The question's text.
    pub text: String,
    /// Its section.
    pub section: Section,
    /// The section's title.
    pub section_title: String,
    /// The question's weight (1 to 5).
    pub weight: u8,
    /// The chosen option's id, `None` when unanswered.
    pub answer: Option<String>,
    /// The chosen option's label, `None` when unanswered.
    pub answer_label: Option<String>,
    /// `1 − value` of the answer (1 when unanswered).
    pub shortfall: f64,
    /// `weight × shortfall`, rounded to two decimals.
    pub impact: f64,
    /// Questions this one depends on that are not yet in place (see
    /// [`DEPENDENCY_MET_AT`]).
    pub blocked_by: Vec<String>,
    /// Gaps that depend on this one.
    pub blocks: Vec<String>,
    /// What the question maps to (clauses, themes, controls).
    pub maps_to: Vec<String>,
    /// What to do about it, from the questionnaire.
    pub next_step: String,
    /// Why it is ranked where it is, as the engine computed it, in English
    /// (`"Weight 3 × shortfall 0.50 … = impact 1.50."`).
    pub why: String,
    /// The same in plain words for a visitor: how much it matters, with
    /// the clauses and controls by name, how far the answer falls short,
    /// and which topics wait on it (see [`plain_reason`]).
    pub reason: String,
}

/// One recommended action.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NextStep {
    /// The gap's question id.
    pub question_id: String,
    /// Its section.
    pub section: Section,
    /// The question's short topic.
    pub topic: String,
    /// What to do.
    pub text: String,
    /// What it maps to.
    pub maps_to: Vec<String>,
}

/// Whether a question is in place for its dependants (see
/// [`DEPENDENCY_MET_AT`]).
fn in_place(resolved: Resolved<'_>) -> bool {
    match resolved {
        Resolved::Chosen(option) => option.value >= DEPENDENCY_MET_AT,
        Resolved::NotApplicable => true,
        Resolved::Unanswered => false,
    }
}

struct Candidate<'q> {
    index: usize,
    question: &'q Question,
    resolved: Resolved<'q>,
    shortfall: f64,
    impact: f64,
    effective: f64,
    blocked_by: Vec<usize>,
}

/// Ranks the gaps among resolved answers (see [`Gap`]).
pub(super) fn rank_gaps(
    questionnaire: &Questionnaire,
    resolved: &[(&Question, Resolved<'_>)],
) -> Vec<Gap> {
    let state = |id: &str| resolved.iter().find(|(q, _)| q.id == id).map(|(_, r)| *r);
    let mut candidates: Vec<Candidate<'_>> = resolved
        .iter()
        .enumerate()
        .filter_map(|(index, &(question, r))| {
            let shortfall = match r {
                Resolved::Chosen(option) => (1.0 - option.value).clamp(0.0, 1.0),
                Resolved::Unanswered => 1.0,
                Resolved::NotApplicable => 0.0,
            };
            (shortfall > 1e-9).then(|| {
                let impact = f64::from(question.weight) * shortfall;
                Candidate {
                    index,
                    question,
                    resolved: r,
                    shortfall,
                    impact,
                    effective: impact,
                    blocked_by: Vec::new(),
                }
            })
        })
        .collect();
    // Dependencies between gaps, as positions in `candidates`.
    let positions: Vec<Vec<usize>> = candidates
        .iter()
        .map(|c| {
            c.question
                .depends_on
                .iter()
                .filter(|dep| state(dep).is_some_and(|r| !in_place(r)))
                .filter_map(|dep| candidates.iter().position(|o| o.question.id == *dep))
                .collect()
        })
        .collect();
    for (c, deps) in candidates.iter_mut().zip(positions) {
        c.blocked_by = deps;
    }
    // Blockers inherit the impact of what waits on them. Dependencies are
    // acyclic, so this settles within `len` rounds; the bound keeps it finite.
    for _ in 0..=candidates.len() {
        let mut changed = false;
        for i in 0..candidates.len() {
            let (effective, deps) = match candidates.get(i) {
                Some(c) => (c.effective, c.blocked_by.clone()),
                None => continue,
            };
            for d in deps {
                if let Some(blocker) = candidates.get_mut(d) {
                    if blocker.effective < effective {
                        blocker.effective = effective;
                        changed = true;
                    }
                }
            }
        }
        if !changed {
            break;
        }
    }
    let mut order: Vec<usize> = (0..candidates.len()).collect();
    order.sort_by(|&a, &b| {
        let (Some(a), Some(b)) = (candidates.get(a), candidates.get(b)) else {
            return std::cmp::Ordering::Equal;
        };
        b.effective
            .total_cmp(&a.effective)
            .then(b.impact.total_cmp(&a.impact))
            .then(b.question.weight.cmp(&a.question.weight))
            .then(a.index.cmp(&b.index))
    });
    // Emit in that order, but never before an unmet dependency.
    let mut ranked: Vec<usize> = Vec::with_capacity(order.len());
    while !order.is_empty() {
        let next = order
            .iter()
            .position(|&i| {
                candidates
                    .get(i)
                    .is_some_and(|c| c.blocked_by.iter().all(|d| ranked.contains(d)))
            })
            .unwrap_or(0);
        ranked.push(order.remove(next));
    }

    ranked
        .iter()
        .enumerate()
        .filter_map(|(rank, &i)| {
            let c = candidates.get(i)?;
            let id_of = |p: &usize| candidates.get(*p).map(|o| o.question.id.clone());
            let blocked_by: Vec<String> = c.blocked_by.iter().filter_map(id_of).collect();
            let blocks: Vec<String> = candidates
                .iter()
                .enumerate()
                .filter(|(_, o)| o.blocked_by.contains(&i))
                .map(|(_, o)| o.question.id.clone())
                .collect();
            let (answer, answer_label) = match c.resolved {
                Resolved::Chosen(option) => (Some(option.id.clone()), Some(option.label.clone())),
                _ => (None, None),
            };
            let mut why = format!(
                "Weight {} × shortfall {:.2} ({}) = impact {:.2}.",
                c.question.weight,
                c.shortfall,
                answer_label
                    .as_ref()
                    .map_or("not answered yet".to_string(), |l| format!(
                        "answered \"{l}\""
                    )),
                c.impact
            );
            if !blocks.is_empty() {
                why.push_str(&format!(" Needed first by {}", blocks.join(", ")));
                if c.effective > c.impact + 1e-9 {
                    why.push_str(&format!(", so it takes their priority {:.2}", c.effective));
                }
                why.push('.');
            }
            if !blocked_by.is_empty() {
                why.push_str(&format!(
                    " Depends on {}, not yet in place.",
                    blocked_by.join(", ")
                ));
            }
            let topic_of = |p: &usize| candidates.get(*p).map(|o| o.question.topic.as_str());
            let reason = plain_reason(
                c.question,
                answer_label.as_deref(),
                c.shortfall,
                &candidates
                    .iter()
                    .enumerate()
                    .filter(|(_, o)| o.blocked_by.contains(&i))
                    .map(|(_, o)| o.question.topic.as_str())
                    .collect::<Vec<_>>(),
                &c.blocked_by.iter().filter_map(topic_of).collect::<Vec<_>>(),
            );
            Some(Gap {
                rank: rank + 1,
                question_id: c.question.id.clone(),
                topic: c.question.topic.clone(),
                text: c.question.text.clone(),
                section: c.question.section,
                section_title: questionnaire.section_title(c.question.section).to_string(),
                weight: c.question.weight,
                answer,
                answer_label,
                shortfall: (c.shortfall * 100.0).round() / 100.0,
                impact: (c.impact * 100.0).round() / 100.0,
                blocked_by,
                blocks,
                maps_to: c.question.maps_to.clone(),
                next_step: c.question.next_step.clone(),
                why,
                reason,
            })
        })
        .collect()
}

/// How much a question of this weight matters, in words.
pub fn importance(weight: u8) -> &'static str {
    match weight {
        5.. => "Essential for certification",
        4 => "Very important",
        3 => "Important",
        2 => "Useful",
        _ => "Minor",
    }
}

/// "about two thirds" for a shortfall of 0.67.
fn share(shortfall: f64) -> String {
    let named = [
        (1.0 / 4.0, "about a quarter"),
        (1.0 / 3.0, "about a third"),
        (1.0 / 2.0, "about half"),
        (2.0 / 3.0, "about two thirds"),
        (3.0 / 4.0, "about three quarters"),
    ];
    named
        .iter()
        .find(|(value, _)| (shortfall - value).abs() < 0.02)
        .map_or_else(
            || format!("about {:.0}%", shortfall * 100.0),
            |(_, words)| (*words).to_string(),
        )
}

/// "A, B and C".
fn and_list(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_string(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// A gap's ranking in plain words: how much the question matters (its
/// weight), with what it maps to by name; how far the answer falls short;
/// and which topics wait on it or it waits on. No arithmetic, no ids.
///
/// `"Essential for certification (Clause 6.1.2 Information security risk
/// assessment). Answered “Partly”: about two thirds is still to do. Do it
/// first: Statement of Applicability builds on it."`
pub fn plain_reason(
    question: &Question,
    answer_label: Option<&str>,
    shortfall: f64,
    blocks: &[&str],
    blocked_by: &[&str],
) -> String {
    let names: Vec<String> = question
        .maps_to
        .iter()
        .map(|m| super::reference::reference_name(m))
        .collect();
    let mut text = importance(question.weight).to_string();
    match names.len() {
        0 => {}
        1..=3 => text.push_str(&format!(" ({})", names.join("; "))),
        n => text.push_str(&format!(
            " ({}; and {} more)",
            names.iter().take(3).cloned().collect::<Vec<_>>().join("; "),
            n - 3
        )),
    }
    text.push_str(". ");
    match answer_label {
        None => text.push_str("Not answered yet, so it counts as not in place."),
        Some(label) if shortfall >= 1.0 - 1e-9 => {
            text.push_str(&format!("Answered “{label}”: nothing is in place yet."));
        }
        Some(label) => text.push_str(&format!(
            "Answered “{label}”: {} is still to do.",
            share(shortfall)
        )),
    }
    if !blocks.is_empty() {
        let verb = if blocks.len() == 1 { "builds" } else { "build" };
        text.push_str(&format!(" Do it first: {} {verb} on it.", and_list(blocks)));
    }
    if !blocked_by.is_empty() {
        text.push_str(&format!(
            " It builds on {}, not in place yet.",
            and_list(blocked_by)
        ));
    }
    text
}

/// The next steps: the top gaps' actions, up to [`MAX_NEXT_STEPS`], skipping
/// repeated texts.
pub(super) fn next_steps(gaps: &[Gap]) -> Vec<NextStep> {
    let mut steps: Vec<NextStep> = Vec::new();
    for gap in gaps {
        if steps.len() >= MAX_NEXT_STEPS {
            break;
        }
        if steps.iter().any(|s| s.text == gap.next_step) {
            continue;
        }
        steps.push(NextStep {
            question_id: gap.question_id.clone(),
            section: gap.section,
            topic: gap.topic.clone(),
            text: gap.next_step.clone(),
            maps_to: gap.maps_to.clone(),
        });
    }
    steps
}
