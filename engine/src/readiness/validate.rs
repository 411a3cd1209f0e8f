//! Parsing and validating a questionnaire file. The file is untrusted: every
//! problem becomes a [`Diagnostic`] with a JSON path, and nothing panics.

use super::questionnaire::{
    AnswerOption, Question, Questionnaire, SectionInfo, FORMAT, NOT_APPLICABLE,
};
use super::reference::resolve_reference;
use super::section::{Section, SECTIONS};
use crate::Diagnostic;
use serde::Deserialize;
use serde_json::Value;
use std::collections::{BTreeMap, HashMap};

/// The most questions a questionnaire may have.
pub const MAX_QUESTIONS: usize = 200;

/// The lowest and highest question weight.
pub const WEIGHT_RANGE: (u8, u8) = (1, 5);

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[allow(dead_code)] // checked before deserialising, kept so the field is allowed
    format: Value,
    id: String,
    version: String,
    language: String,
    title: String,
    #[serde(default)]
    sections: Vec<RawSection>,
    #[serde(default)]
    scales: BTreeMap<String, Vec<RawOption>>,
    questions: Vec<RawQuestion>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSection {
    id: String,
    title: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOption {
    id: String,
    label: String,
    value: f64,
    #[serde(default)]
    description: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawQuestion {
    id: String,
    section: String,
    topic: String,
    text: String,
    help: String,
    next_step: String,
    weight: f64,
    answers: RawAnswers,
    #[serde(default)]
    allow_not_applicable: bool,
    #[serde(default)]
    maps_to: Vec<String>,
    #[serde(default)]
    depends_on: Vec<String>,
}

#[derive(Deserialize)]
#[serde(
    untagged,
    expecting = "the name of a scale in `scales` or a list of answer options"
)]
enum RawAnswers {
    Scale(String),
    Inline(Vec<RawOption>),
}

/// Parses `json` into a validated questionnaire.
pub(super) fn parse(json: &str) -> Result<Questionnaire, Vec<Diagnostic>> {
    let value: Value = serde_json::from_str(json)
        .map_err(|e| vec![Diagnostic::new("$", format!("not valid JSON: {e}"))])?;
    check_format(&value).map_err(|d| vec![d])?;
    let raw: RawFile = crate::document::deserialize_value(&value, "$").map_err(|d| vec![d])?;
    build(raw)
}

fn check_format(value: &Value) -> Result<(), Diagnostic> {
    let Some(object) = value.as_object() else {
        return Err(Diagnostic::new(
            "$",
            "a questionnaire must be a JSON object",
        ));
    };
    match object.get("format") {
        None => Err(Diagnostic::new(
            "$.format",
            format!("missing format version (this engine reads format {FORMAT})"),
        )),
        Some(v) if v.as_u64() == Some(u64::from(FORMAT)) => Ok(()),
        Some(v) => Err(Diagnostic::new(
            "$.format",
            format!("unsupported format version {v} (this engine reads format {FORMAT})"),
        )),
    }
}

/// A path segment for a map key: `.name` for plain names, `["a b"]` otherwise.
fn key_segment(key: &str) -> String {
    let plain = key
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    if plain {
        format!(".{key}")
    } else {
        let quoted = serde_json::to_string(key).unwrap_or_else(|_| String::from("\"?\""));
        format!("[{quoted}]")
    }
}

fn require_text(text: &str, path: &str, what: &str, diagnostics: &mut Vec<Diagnostic>) {
    if text.trim().is_empty() {
        diagnostics.push(Diagnostic::new(path, format!("{what} is empty")));
    }
}

fn build(raw: RawFile) -> Result<Questionnaire, Vec<Diagnostic>> {
    let mut d = Vec::new();
    require_text(&raw.id, "$.id", "the questionnaire id", &mut d);
    require_text(&raw.version, "$.version", "the version", &mut d);
    require_text(&raw.language, "$.language", "the language", &mut d);
    require_text(&raw.title, "$.title", "the title", &mut d);

    let sections = check_sections(&raw.sections, &mut d);

    let mut scales: BTreeMap<&str, Vec<AnswerOption>> = BTreeMap::new();
    for (name, options) in &raw.scales {
        let path = format!("$.scales{}", key_segment(name));
        if name.trim().is_empty() {
            d.push(Diagnostic::new(&path, "a scale name is empty"));
        }
        if let Some(scale) = check_scale(options, &path, &mut d) {
            scales.insert(name, scale);
        }
    }

    let count = raw.questions.len();
    if !(1..=MAX_QUESTIONS).contains(&count) {
        d.push(Diagnostic::new(
            "$.questions",
            format!("has {count} questions; a questionnaire needs 1 to {MAX_QUESTIONS}"),
        ));
    }

    // Ids first, so dependencies can be checked against all of them.
    let mut index: HashMap<&str, usize> = HashMap::new();
    for (i, q) in raw.questions.iter().enumerate() {
        let path = format!("$.questions[{i}].id");
        if q.id.trim().is_empty() {
            d.push(Diagnostic::new(path, "the question id is empty"));
        } else if q.id.chars().any(char::is_whitespace) {
            d.push(Diagnostic::new(
                path,
                format!("id \"{}\" contains whitespace", q.id),
            ));
        } else if let Some(first) = index.get(q.id.as_str()) {
            d.push(Diagnostic::new(
                path,
                format!(
                    "duplicate id \"{}\" (first used at $.questions[{first}].id)",
                    q.id
                ),
            ));
        } else {
            index.insert(&q.id, i);
        }
    }

    let mut questions = Vec::with_capacity(count);
    let mut edges: Vec<Vec<(usize, usize)>> = Vec::with_capacity(count);
    for (i, q) in raw.questions.iter().enumerate() {
        let at = |field: &str| format!("$.questions[{i}].{field}");
        let section = Section::from_id(&q.section);
        if section.is_none() {
            d.push(Diagnostic::new(
                at("section"),
                format!(
                    "unknown section \"{}\"; expected one of {}",
                    q.section,
                    SECTIONS.map(Section::id).join(", ")
                ),
            ));
        }
        require_text(&q.topic, &at("topic"), "the topic", &mut d);
        require_text(&q.text, &at("text"), "the question text", &mut d);
        require_text(&q.help, &at("help"), "the help text", &mut d);
        require_text(&q.next_step, &at("next_step"), "the next step", &mut d);
        let weight = check_weight(q.weight, &at("weight"), &mut d);
        let answers = match &q.answers {
            RawAnswers::Scale(name) => match scales.get(name.as_str()) {
                Some(scale) => Some(scale.clone()),
                None => {
                    // A scale that exists but is invalid was reported already.
                    if !raw.scales.contains_key(name) {
                        d.push(Diagnostic::new(
                            at("answers"),
                            format!("unknown answer scale \"{name}\""),
                        ));
                    }
                    None
                }
            },
            RawAnswers::Inline(options) => check_scale(options, &at("answers"), &mut d),
        };
        if q.maps_to.is_empty() {
            d.push(Diagnostic::new(
                at("maps_to"),
                "map the question to at least one clause, Annex A theme or control",
            ));
        }
        for (j, target) in q.maps_to.iter().enumerate() {
            if resolve_reference(target).is_none() {
                d.push(Diagnostic::new(
                    format!("$.questions[{i}].maps_to[{j}]"),
                    format!(
                        "\"{target}\" is not a clause of ISO/IEC 27001:2022 (4.1 to 10.2), \
                         an Annex A theme (A.5 to A.8) or an Annex A control (5.1 to 8.34)"
                    ),
                ));
            }
        }
        let mut targets = Vec::new();
        for (j, dep) in q.depends_on.iter().enumerate() {
            let path = format!("$.questions[{i}].depends_on[{j}]");
            if *dep == q.id {
                d.push(Diagnostic::new(
                    path,
                    format!("\"{dep}\" depends on itself"),
                ));
            } else if q.depends_on.iter().take(j).any(|earlier| earlier == dep) {
                d.push(Diagnostic::new(path, format!("\"{dep}\" is listed twice")));
            } else if let Some(&target) = index.get(dep.as_str()) {
                targets.push((target, j));
            } else {
                d.push(Diagnostic::new(path, format!("unknown question \"{dep}\"")));
            }
        }
        edges.push(targets);
        if let (Some(section), Some(weight), Some(answers)) = (section, weight, answers) {
            questions.push(Question {
                id: q.id.clone(),
                section,
                topic: q.topic.clone(),
                text: q.text.clone(),
                help: q.help.clone(),
                next_step: q.next_step.clone(),
                weight,
                answers,
                allow_not_applicable: q.allow_not_applicable,
                maps_to: q.maps_to.clone(),
                depends_on: q.depends_on.clone(),
            });
        }
    }
    let ids: Vec<&str> = raw.questions.iter().map(|q| q.id.as_str()).collect();
    report_cycles(&edges, &ids, &mut d);

    if d.is_empty() {
        Ok(Questionnaire {
            format: FORMAT,
            id: raw.id,
            version: raw.version,
            language: raw.language,
            title: raw.title,
            sections,
            questions,
        })
    } else {
        Err(d)
    }
}

fn check_sections(raw: &[RawSection], d: &mut Vec<Diagnostic>) -> Vec<SectionInfo> {
    let mut titles: BTreeMap<Section, &str> = BTreeMap::new();
    for (i, s) in raw.iter().enumerate() {
        match Section::from_id(&s.id) {
            None => d.push(Diagnostic::new(
                format!("$.sections[{i}].id"),
                format!(
                    "unknown section \"{}\"; expected one of {}",
                    s.id,
                    SECTIONS.map(Section::id).join(", ")
                ),
            )),
            Some(section) if titles.contains_key(&section) => d.push(Diagnostic::new(
                format!("$.sections[{i}].id"),
                format!("section \"{}\" is listed twice", s.id),
            )),
            Some(section) => {
                titles.insert(section, &s.title);
            }
        }
        require_text(
            &s.title,
            &format!("$.sections[{i}].title"),
            "the section title",
            d,
        );
    }
    SECTIONS
        .into_iter()
        .map(|id| SectionInfo {
            id,
            title: titles
                .get(&id)
                .map_or(id.default_title(), |t| t)
                .to_string(),
        })
        .collect()
}

fn check_weight(weight: f64, path: &str, d: &mut Vec<Diagnostic>) -> Option<u8> {
    let (low, high) = WEIGHT_RANGE;
    if weight.fract() != 0.0 {
        d.push(Diagnostic::new(
            path,
            format!("weight {weight} is not a whole number from {low} to {high}"),
        ));
        return None;
    }
    if weight < f64::from(low) || weight > f64::from(high) {
        d.push(Diagnostic::new(
            path,
            format!("weight {weight} is outside {low} to {high}"),
        ));
        return None;
    }
    // In range and whole, so the conversion is exact.
    (low..=high).find(|w| f64::from(*w) == weight)
}

/// Checks an answer scale: at least two options, unique non-reserved ids,
/// labels, values within 0..=1 that strictly increase and end at 1.
fn check_scale(
    options: &[RawOption],
    path: &str,
    d: &mut Vec<Diagnostic>,
) -> Option<Vec<AnswerOption>> {
    let before = d.len();
    if options.len() < 2 {
        d.push(Diagnostic::new(
            path,
            format!(
                "an answer scale needs at least 2 options, found {}",
                options.len()
            ),
        ));
    }
    let mut previous: Option<f64> = None;
    for (k, option) in options.iter().enumerate() {
        let at = |field: &str| format!("{path}[{k}].{field}");
        if option.id.trim().is_empty() {
            d.push(Diagnostic::new(at("id"), "the option id is empty"));
        } else if option.id == NOT_APPLICABLE {
            d.push(Diagnostic::new(
                at("id"),
                format!("\"{NOT_APPLICABLE}\" is reserved for not-applicable answers"),
            ));
        } else if options.iter().take(k).any(|o| o.id == option.id) {
            d.push(Diagnostic::new(
                at("id"),
                format!("duplicate option id \"{}\"", option.id),
            ));
        }
        require_text(&option.label, &at("label"), "the option label", d);
        let value = option.value;
        if !(0.0..=1.0).contains(&value) {
            d.push(Diagnostic::new(
                at("value"),
                format!("value {value} is outside 0 to 1"),
            ));
        } else if let Some(prev) = previous.filter(|p| value <= *p) {
            d.push(Diagnostic::new(
                at("value"),
                format!("values must increase from worst to best: {value} follows {prev}"),
            ));
        }
        previous = Some(value);
    }
    if let Some(last) = options
        .last()
        .filter(|o| options.len() >= 2 && o.value != 1.0)
    {
        d.push(Diagnostic::new(
            format!("{path}[{}].value", options.len() - 1),
            format!(
                "the last (best) option must be worth 1, found {}",
                last.value
            ),
        ));
    }
    (d.len() == before).then(|| {
        options
            .iter()
            .map(|o| AnswerOption {
                id: o.id.clone(),
                label: o.label.clone(),
                value: o.value,
                description: o.description.trim().to_string(),
            })
            .collect()
    })
}

/// Reports each dependency cycle once, at the edge that closes it.
/// `edges[i]` lists `(target question, index in depends_on)`.
fn report_cycles(edges: &[Vec<(usize, usize)>], ids: &[&str], d: &mut Vec<Diagnostic>) {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        Active,
        Done,
    }
    let n = edges.len();
    let mut mark = vec![Mark::New; n];
    for start in 0..n {
        if mark.get(start) != Some(&Mark::New) {
            continue;
        }
        // Iterative depth-first search: (node, next edge to follow).
        let mut stack: Vec<(usize, usize)> = vec![(start, 0)];
        if let Some(m) = mark.get_mut(start) {
            *m = Mark::Active;
        }
        while let Some(&mut (node, ref mut next)) = stack.last_mut() {
            let edge = edges.get(node).and_then(|e| e.get(*next)).copied();
            *next += 1;
            match edge {
                None => {
                    if let Some(m) = mark.get_mut(node) {
                        *m = Mark::Done;
                    }
                    stack.pop();
                }
                Some((target, j)) => match mark.get(target) {
                    Some(Mark::New) => {
                        if let Some(m) = mark.get_mut(target) {
                            *m = Mark::Active;
                        }
                        stack.push((target, 0));
                    }
                    Some(Mark::Active) => {
                        let from = stack.iter().position(|(q, _)| *q == target).unwrap_or(0);
                        let mut names: Vec<&str> = stack
                            .iter()
                            .skip(from)
                            .map(|(q, _)| ids.get(*q).copied().unwrap_or("?"))
                            .collect();
                        names.push(ids.get(target).copied().unwrap_or("?"));
                        d.push(Diagnostic::new(
                            format!("$.questions[{node}].depends_on[{j}]"),
                            format!("dependency cycle: {}", names.join(" → ")),
                        ));
                    }
                    _ => {}
                },
            }
        }
    }
}
