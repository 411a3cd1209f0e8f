//! The readiness self-assessment: the shipped questionnaire, validation with
//! paths, scoring, gap ranking, next steps and seeding.

use proptest::prelude::*;
use riskwright_engine::readiness::{
    answers_from_json_str, check_answers, default_questionnaire, read_result_file, reference_name,
    resolve_reference, result_file_json, score, seed, Answer, Answers, Group, Maturity,
    Questionnaire, Readiness, Reference, Section, CLAUSES, DEFAULT_QUESTIONNAIRE_JSON, GROUPS,
    NOT_APPLICABLE, RESULT_KIND, SECTIONS,
};
use serde_json::{json, Value};

// ---------------------------------------------------------------- helpers

/// A small valid questionnaire: two clause-4 questions (b may be not
/// applicable) and one Annex A.8 question that depends on a.
fn base() -> Value {
    json!({
        "format": 1, "id": "t", "version": "1", "language": "en", "title": "Test",
        "scales": {
            "yn": [{"id": "no", "label": "No", "value": 0}, {"id": "yes", "label": "Yes", "value": 1}],
            "m": [
                {"id": "no", "label": "No", "value": 0},
                {"id": "partly", "label": "Partly", "value": 0.25},
                {"id": "largely", "label": "Largely", "value": 0.5},
                {"id": "fully", "label": "Fully", "value": 1}
            ]
        },
        "questions": [
            {"id": "a", "topic": "Topic A", "section": "4", "text": "A?", "help": "h", "next_step": "do a",
             "weight": 3, "answers": "m", "maps_to": ["4.1"]},
            {"id": "b", "topic": "Topic B", "section": "4", "text": "B?", "help": "h", "next_step": "do b",
             "weight": 1, "answers": "m", "allow_not_applicable": true, "maps_to": ["4.2"]},
            {"id": "c", "topic": "Topic C", "section": "A.8", "text": "C?", "help": "h", "next_step": "do c",
             "weight": 5, "answers": "yn", "maps_to": ["8.13", "A.5.24"], "depends_on": ["a"]}
        ]
    })
}

fn parse(value: &Value) -> Result<Questionnaire, Vec<String>> {
    Questionnaire::from_json_str(&value.to_string())
        .map_err(|ds| ds.iter().map(ToString::to_string).collect())
}

fn small() -> Questionnaire {
    parse(&base()).unwrap_or_else(|e| panic!("base questionnaire is valid: {e:?}"))
}

fn answers(pairs: &[(&str, &str)]) -> Answers {
    pairs
        .iter()
        .map(|(q, a)| (q.to_string(), Answer::from(*a)))
        .collect()
}

/// The same option for every question of the shipped questionnaire.
fn all(option: &str) -> (Questionnaire, Answers) {
    let q = default_questionnaire();
    let a = q
        .questions
        .iter()
        .map(|x| (x.id.clone(), Answer::option(option)))
        .collect();
    (q, a)
}

fn section(result: &Readiness, section: Section) -> &riskwright_engine::readiness::Score {
    &result
        .sections
        .iter()
        .find(|s| s.section == section)
        .unwrap_or_else(|| panic!("section {section:?} reported"))
        .score
}

fn gap_ids(result: &Readiness) -> Vec<&str> {
    result.gaps.iter().map(|g| g.question_id.as_str()).collect()
}

// ---------------------------------------------------- shipped questionnaire

#[test]
fn shipped_questionnaire_parses_with_40_to_60_questions() {
    let parsed = Questionnaire::from_json_str(DEFAULT_QUESTIONNAIRE_JSON);
    assert!(parsed.is_ok(), "{:?}", parsed.err());
    let q = default_questionnaire();
    assert!(
        (40..=60).contains(&q.questions.len()),
        "{}",
        q.questions.len()
    );
    assert_eq!((q.format, q.language.as_str()), (1, "en"));
    assert!(!q.version.is_empty() && !q.id.is_empty());
}

#[test]
fn shipped_questionnaire_covers_every_section() {
    let q = default_questionnaire();
    assert_eq!(q.sections.len(), SECTIONS.len());
    for s in SECTIONS {
        let n = q.questions_in(s).count();
        let minimum = if s.group() == Group::Clauses { 1 } else { 3 };
        assert!(n >= minimum, "section {} has {n} questions", s.id());
    }
}

#[test]
fn shipped_questionnaire_maps_only_to_things_that_exist() {
    let q = default_questionnaire();
    for question in &q.questions {
        assert!(!question.maps_to.is_empty(), "{}", question.id);
        for target in &question.maps_to {
            assert!(
                resolve_reference(target).is_some(),
                "{} maps to {target}",
                question.id
            );
        }
        assert!((1..=5).contains(&question.weight));
        assert!(!question.help.trim().is_empty() && !question.next_step.trim().is_empty());
    }
    // Each clause section's questions map to clauses of that clause.
    for question in q
        .questions
        .iter()
        .filter(|x| x.section.group() == Group::Clauses)
    {
        let prefix = format!("{}.", question.section.id());
        assert!(
            question.maps_to.iter().any(|m| m.starts_with(&prefix)),
            "{} does not map into clause {}",
            question.id,
            question.section.id()
        );
    }
}

#[test]
fn shipped_questionnaire_covers_the_topics_a_visitor_expects() {
    let q = default_questionnaire();
    let mapped: Vec<&str> = q
        .questions
        .iter()
        .flat_map(|x| x.maps_to.iter().map(String::as_str))
        .collect();
    // Planning of changes, risk assessment and treatment, internal audit,
    // management review, corrective action; incidents, suppliers,
    // continuity, access, backups, malware, logging, vulnerabilities,
    // cryptography, secure development.
    for needed in [
        "6.3", "6.1.2", "6.1.3", "9.2.2", "9.3.3", "10.2", "A.5.24", "A.5.19", "A.5.30", "A.5.15",
        "8.13", "A.8.7", "A.8.15", "A.8.8", "A.8.24", "A.8.25",
    ] {
        assert!(mapped.contains(&needed), "nothing maps to {needed}");
    }
    let soa = q
        .question("statement-of-applicability")
        .expect("SoA question");
    assert!(soa.depends_on.iter().any(|d| d == "risk-method"));
    let text: String = q
        .questions_in(Section::Certification)
        .map(|x| x.text.to_lowercase())
        .collect();
    for word in ["stage 1", "stage 2", "surveillance", "three years"] {
        assert!(text.contains(word), "certification questions miss {word}");
    }
    let leadership = q
        .question("leadership-commitment")
        .expect("leadership question");
    assert!(leadership.text.contains("rather than leaving it to IT"));
}

#[test]
fn shipped_questionnaire_uses_a_four_step_scale() {
    let q = default_questionnaire();
    for question in &q.questions {
        let ids: Vec<&str> = question.answers.iter().map(|o| o.id.as_str()).collect();
        assert_eq!(ids, ["no", "partly", "largely", "fully"], "{}", question.id);
        let values: Vec<f64> = question.answers.iter().map(|o| o.value).collect();
        assert!((values[1] - 1.0 / 3.0).abs() < 1e-9 && (values[2] - 2.0 / 3.0).abs() < 1e-9);
        // Every step says what it means, so "Partly" and "Largely" are not guesses.
        assert!(
            question.answers.iter().all(|o| o.description.len() > 10),
            "{}",
            question.id
        );
    }
}

#[test]
fn answer_descriptions_are_optional_and_trimmed() {
    let q = small();
    assert_eq!(q.questions[0].answers[1].description, "");
    let mut value = base();
    value["scales"]["m"][1]["description"] = json!("  Some of it.  ");
    let q = parse(&value).expect("valid");
    assert_eq!(q.questions[0].answers[1].description, "Some of it.");
}

// ------------------------------------------------------------- references

#[test]
fn references_resolve_to_clauses_themes_and_controls() {
    let cases: &[(&str, Option<Reference>)] = &[
        ("6.1.2", Some(Reference::Clause("6.1.2".into()))),
        ("9.2.2", Some(Reference::Clause("9.2.2".into()))),
        ("10.2", Some(Reference::Clause("10.2".into()))),
        ("5.2", Some(Reference::Clause("5.2".into()))),
        ("A.5", Some(Reference::Theme("A.5".into()))),
        ("A.8", Some(Reference::Theme("A.8".into()))),
        ("8.13", Some(Reference::Control("8.13".into()))),
        ("5.24", Some(Reference::Control("5.24".into()))),
        ("A.5.2", Some(Reference::Control("5.2".into()))),
        ("A.8.34", Some(Reference::Control("8.34".into()))),
        ("6.1", Some(Reference::Control("6.1".into()))), // a heading clause, so the control
        ("9.2", None),
        ("4.5", None),
        ("11.1", None),
        ("A.9", None),
        ("A.4", None),
        ("8.35", None),
        ("A.5.38", None),
        ("6.9", None),
        ("08.13", None),
        ("8.013", None),
        ("", None),
        ("A.", None),
        ("6", None),
        ("certification", None),
    ];
    for (text, expected) in cases {
        assert_eq!(&resolve_reference(text), expected, "{text:?}");
    }
    assert_eq!(CLAUSES.len(), 30);
    assert!(CLAUSES.iter().all(|c| resolve_reference(c).is_some()));
}

// ------------------------------------------------------------- validation

#[test]
fn validation_reports_each_problem_with_its_path() {
    type Edit = fn(&mut Value);
    let cases: Vec<(&str, Edit, &str, &str)> = vec![
        (
            "format 2",
            |v| v["format"] = json!(2),
            "$.format",
            "unsupported format version 2 (this engine reads format 1)",
        ),
        (
            "format missing",
            |v| {
                v.as_object_mut().map(|o| o.remove("format"));
            },
            "$.format",
            "missing format version",
        ),
        (
            "duplicate id",
            |v| v["questions"][1]["id"] = json!("a"),
            "$.questions[1].id",
            "duplicate id \"a\" (first used at $.questions[0].id)",
        ),
        (
            "empty id",
            |v| v["questions"][1]["id"] = json!(" "),
            "$.questions[1].id",
            "the question id is empty",
        ),
        (
            "empty text",
            |v| v["questions"][0]["text"] = json!(""),
            "$.questions[0].text",
            "the question text is empty",
        ),
        (
            "empty help",
            |v| v["questions"][0]["help"] = json!(" "),
            "$.questions[0].help",
            "the help text is empty",
        ),
        (
            "empty topic",
            |v| v["questions"][1]["topic"] = json!(""),
            "$.questions[1].topic",
            "the topic is empty",
        ),
        (
            "empty next step",
            |v| v["questions"][0]["next_step"] = json!(""),
            "$.questions[0].next_step",
            "the next step is empty",
        ),
        (
            "empty title",
            |v| v["title"] = json!(""),
            "$.title",
            "the title is empty",
        ),
        (
            "weight 9",
            |v| v["questions"][2]["weight"] = json!(9),
            "$.questions[2].weight",
            "weight 9 is outside 1 to 5",
        ),
        (
            "weight 0",
            |v| v["questions"][2]["weight"] = json!(0),
            "$.questions[2].weight",
            "weight 0 is outside 1 to 5",
        ),
        (
            "weight 2.5",
            |v| v["questions"][2]["weight"] = json!(2.5),
            "$.questions[2].weight",
            "weight 2.5 is not a whole number from 1 to 5",
        ),
        (
            "one option",
            |v| v["questions"][0]["answers"] = json!([{"id": "yes", "label": "Yes", "value": 1}]),
            "$.questions[0].answers",
            "an answer scale needs at least 2 options, found 1",
        ),
        (
            "value above 1",
            |v| v["questions"][0]["answers"] = json!([{"id": "no", "label": "No", "value": 0}, {"id": "yes", "label": "Yes", "value": 1.5}]),
            "$.questions[0].answers[1].value",
            "value 1.5 is outside 0 to 1",
        ),
        (
            "value below 0",
            |v| v["scales"]["m"][0]["value"] = json!(-0.5),
            "$.scales.m[0].value",
            "value -0.5 is outside 0 to 1",
        ),
        (
            "not increasing",
            |v| v["scales"]["m"][2]["value"] = json!(0.2),
            "$.scales.m[2].value",
            "values must increase from worst to best: 0.2 follows 0.25",
        ),
        (
            "best not 1",
            |v| v["scales"]["yn"][1]["value"] = json!(0.9),
            "$.scales.yn[1].value",
            "the last (best) option must be worth 1, found 0.9",
        ),
        (
            "reserved option id",
            |v| v["scales"]["yn"][0]["id"] = json!(NOT_APPLICABLE),
            "$.scales.yn[0].id",
            "\"not_applicable\" is reserved",
        ),
        (
            "duplicate option id",
            |v| v["scales"]["m"][1]["id"] = json!("no"),
            "$.scales.m[1].id",
            "duplicate option id \"no\"",
        ),
        (
            "empty label",
            |v| v["scales"]["m"][1]["label"] = json!(""),
            "$.scales.m[1].label",
            "the option label is empty",
        ),
        (
            "odd scale name",
            |v| v["scales"]["a b"] = json!([]),
            "$.scales[\"a b\"]",
            "at least 2 options, found 0",
        ),
        (
            "unknown scale",
            |v| v["questions"][0]["answers"] = json!("likert"),
            "$.questions[0].answers",
            "unknown answer scale \"likert\"",
        ),
        (
            "unknown section",
            |v| v["questions"][0]["section"] = json!("11"),
            "$.questions[0].section",
            "unknown section \"11\"",
        ),
        (
            "unknown section title",
            |v| v["sections"] = json!([{"id": "A.9", "title": "x"}]),
            "$.sections[0].id",
            "unknown section \"A.9\"",
        ),
        (
            "clause that does not exist",
            |v| v["questions"][0]["maps_to"] = json!(["4.1", "4.9"]),
            "$.questions[0].maps_to[1]",
            "\"4.9\" is not a clause of ISO/IEC 27001:2022",
        ),
        (
            "heading clause",
            |v| v["questions"][0]["maps_to"] = json!(["9.2"]),
            "$.questions[0].maps_to[0]",
            "\"9.2\" is not a clause",
        ),
        (
            "theme that does not exist",
            |v| v["questions"][0]["maps_to"] = json!(["A.9"]),
            "$.questions[0].maps_to[0]",
            "\"A.9\" is not",
        ),
        (
            "control that does not exist",
            |v| v["questions"][2]["maps_to"] = json!(["8.35"]),
            "$.questions[2].maps_to[0]",
            "\"8.35\" is not",
        ),
        (
            "maps to nothing",
            |v| v["questions"][0]["maps_to"] = json!([]),
            "$.questions[0].maps_to",
            "map the question to at least one",
        ),
        (
            "unknown dependency",
            |v| v["questions"][2]["depends_on"] = json!(["zz"]),
            "$.questions[2].depends_on[0]",
            "unknown question \"zz\"",
        ),
        (
            "self dependency",
            |v| v["questions"][2]["depends_on"] = json!(["c"]),
            "$.questions[2].depends_on[0]",
            "\"c\" depends on itself",
        ),
        (
            "repeated dependency",
            |v| v["questions"][2]["depends_on"] = json!(["a", "a"]),
            "$.questions[2].depends_on[1]",
            "\"a\" is listed twice",
        ),
        (
            "cycle",
            |v| v["questions"][0]["depends_on"] = json!(["c"]),
            "$.questions[2].depends_on[0]",
            "dependency cycle: a → c → a",
        ),
        (
            "no questions",
            |v| v["questions"] = json!([]),
            "$.questions",
            "has 0 questions; a questionnaire needs 1 to 200",
        ),
        (
            "too many questions",
            |v| {
                let template = v["questions"][1].clone();
                let many: Vec<Value> = (0..201)
                    .map(|i| {
                        let mut q = template.clone();
                        q["id"] = json!(format!("q{i}"));
                        q
                    })
                    .collect();
                v["questions"] = json!(many);
            },
            "$.questions",
            "has 201 questions",
        ),
        (
            "wrong type",
            |v| v["questions"][0]["weight"] = json!("five"),
            "$.questions[0].weight",
            "invalid type",
        ),
        (
            "unknown field",
            |v| v["questions"][0]["colour"] = json!("red"),
            "$.questions[0].colour",
            "unknown field `colour`",
        ),
        (
            "missing field",
            |v| {
                v["questions"][0].as_object_mut().map(|o| o.remove("text"));
            },
            "$.questions[0]",
            "missing field `text`",
        ),
    ];
    for (name, edit, path, message) in cases {
        let mut value = base();
        edit(&mut value);
        let errors = Questionnaire::from_json_str(&value.to_string())
            .err()
            .unwrap_or_else(|| panic!("{name}: expected an error"));
        assert!(
            errors
                .iter()
                .any(|d| d.path == path && d.message.contains(message)),
            "{name}: wanted {path}: {message}\ngot {errors:#?}"
        );
    }
}

#[test]
fn validation_rejects_non_objects_and_bad_json() {
    for (input, message) in [
        ("", "not valid JSON"),
        ("{", "not valid JSON"),
        ("[]", "must be a JSON object"),
        ("42", "must be a JSON object"),
        (r#"{"format": "1"}"#, "unsupported format version \"1\""),
        (r#"{"format": 1.5}"#, "unsupported format version 1.5"),
    ] {
        let errors = Questionnaire::from_json_str(input).expect_err(input);
        assert_eq!(errors.len(), 1, "{input}");
        assert!(errors[0].path.starts_with('$'), "{input}");
        assert!(errors[0].message.contains(message), "{input}: {errors:?}");
    }
}

#[test]
fn validation_reports_every_problem_at_once() {
    let mut value = base();
    value["questions"][0]["weight"] = json!(9);
    value["questions"][1]["text"] = json!("");
    value["questions"][2]["maps_to"] = json!(["A.9"]);
    value["questions"][2]["depends_on"] = json!(["missing"]);
    let paths: Vec<String> = Questionnaire::from_json_str(&value.to_string())
        .expect_err("invalid")
        .into_iter()
        .map(|d| d.path)
        .collect();
    assert_eq!(
        paths,
        [
            "$.questions[0].weight",
            "$.questions[1].text",
            "$.questions[2].maps_to[0]",
            "$.questions[2].depends_on[0]"
        ]
    );
}

#[test]
fn shipped_file_with_a_bad_weight_names_the_exact_question() {
    let mut value: Value = serde_json::from_str(DEFAULT_QUESTIONNAIRE_JSON).expect("json");
    value["questions"][12]["weight"] = json!(9);
    let errors = Questionnaire::from_json_str(&value.to_string()).expect_err("invalid");
    let lines: Vec<String> = errors.iter().map(ToString::to_string).collect();
    assert_eq!(
        lines,
        ["$.questions[12].weight: weight 9 is outside 1 to 5"]
    );
}

#[test]
fn a_host_can_ship_its_own_titles_and_inline_scales() {
    let mut value = base();
    value["language"] = json!("de");
    value["sections"] = json!([{"id": "4", "title": "Kontext der Organisation"}]);
    value["questions"][0]["answers"] = json!([{"id": "nein", "label": "Nein", "value": 0}, {"id": "ja", "label": "Ja", "value": 1}]);
    let q = parse(&value).expect("valid");
    assert_eq!(
        q.section_title(Section::Context),
        "Kontext der Organisation"
    );
    assert_eq!(q.section_title(Section::Leadership), "Leadership");
    let result = score(&q, &answers(&[("a", "ja"), ("b", "fully"), ("c", "yes")]));
    assert_eq!(result.overall.percent, Some(100.0));
    assert_eq!(result.sections[0].title, "Kontext der Organisation");
}

// ----------------------------------------------------------------- scoring

#[test]
fn all_fully_scores_100_everywhere() {
    let (q, a) = all("fully");
    let result = score(&q, &a);
    assert_eq!(result.overall.percent, Some(100.0));
    assert_eq!(result.maturity, Some(Maturity::Optimised));
    for s in &result.sections {
        assert_eq!(s.score.percent, Some(100.0), "{:?}", s.section);
    }
    for g in &result.groups {
        assert_eq!(g.score.percent, Some(100.0), "{:?}", g.group);
    }
    assert!(result.complete && result.gaps.is_empty() && result.next_steps.is_empty());
    assert!(result.problems.is_empty());
    assert_eq!(result.overall.answered, q.questions.len());
}

#[test]
fn all_no_scores_0_everywhere() {
    let (q, a) = all("no");
    let result = score(&q, &a);
    assert_eq!(result.overall.percent, Some(0.0));
    assert_eq!(result.maturity, Some(Maturity::Initial));
    assert!(result.sections.iter().all(|s| s.score.percent == Some(0.0)));
    assert!(result.groups.iter().all(|g| g.score.percent == Some(0.0)));
    assert_eq!(result.gaps.len(), q.questions.len());
    assert_eq!(result.next_steps.len(), 5);
    assert!(result.complete);
}

#[test]
fn weighted_percentages_per_section_group_and_overall() {
    let q = small();
    // (answers, section 4 %, A.8 %, overall %)
    type Case<'a> = (
        &'a [(&'a str, &'a str)],
        Option<f64>,
        Option<f64>,
        Option<f64>,
    );
    let cases: &[Case] = &[
        (
            &[("a", "fully"), ("b", "fully"), ("c", "yes")],
            Some(100.0),
            Some(100.0),
            Some(100.0),
        ),
        (
            &[("a", "no"), ("b", "no"), ("c", "no")],
            Some(0.0),
            Some(0.0),
            Some(0.0),
        ),
        // a: 3 × 0.25 = 0.75, b: 1 × 1 → 1.75 of 4 = 43.75 → 43.8; c: 0 of 5.
        (
            &[("a", "partly"), ("b", "fully"), ("c", "no")],
            Some(43.8),
            Some(0.0),
            Some(19.4),
        ),
        // a: 1.5 of 3, b excluded → 50%; overall 6.5 of 8.
        (
            &[("a", "largely"), ("b", NOT_APPLICABLE), ("c", "yes")],
            Some(50.0),
            Some(100.0),
            Some(81.3),
        ),
        // One not applicable and one fully: 100%.
        (
            &[("a", "fully"), ("b", NOT_APPLICABLE), ("c", "no")],
            Some(100.0),
            Some(0.0),
            Some(37.5),
        ),
        // Unanswered count as 0: a 3 of 3, b 0 of 1, c 0 of 5.
        (&[("a", "fully")], Some(75.0), Some(0.0), Some(33.3)),
    ];
    for (pairs, clause4, a8, overall) in cases {
        let result = score(&q, &answers(pairs));
        assert_eq!(
            section(&result, Section::Context).percent,
            *clause4,
            "{pairs:?}"
        );
        assert_eq!(
            section(&result, Section::Technological).percent,
            *a8,
            "{pairs:?}"
        );
        assert_eq!(result.overall.percent, *overall, "{pairs:?}");
        assert_eq!(
            section(&result, Section::Leadership).percent,
            None,
            "empty section"
        );
    }
}

#[test]
fn not_applicable_is_excluded_and_counted() {
    let q = small();
    let result = score(
        &q,
        &answers(&[("a", "fully"), ("b", NOT_APPLICABLE), ("c", "yes")]),
    );
    let clause4 = section(&result, Section::Context);
    assert_eq!(clause4.percent, Some(100.0));
    assert_eq!(
        (
            clause4.questions,
            clause4.answered,
            clause4.not_applicable,
            clause4.unanswered
        ),
        (2, 1, 1, 0)
    );
    assert_eq!((clause4.earned, clause4.possible), (3.0, 3.0));
    assert_eq!(
        clause4.explanation[0],
        "Clause 4 (Context of the organisation): 2 questions, 1 answered, 1 not applicable (excluded); weighted 3.0 of 3.0 = 100.0%"
    );
    assert_eq!(
        clause4.explanation[2],
        "b (weight 1): not applicable, excluded"
    );
    let clauses = result
        .groups
        .iter()
        .find(|g| g.group == Group::Clauses)
        .expect("clauses");
    assert_eq!(clauses.score.not_applicable, 1);
    assert_eq!(result.overall.not_applicable, 1);
    assert!(result.complete);
}

#[test]
fn everything_not_applicable_leaves_no_percentage() {
    let mut value = base();
    value["questions"] = json!([value["questions"][1].clone()]);
    let q = parse(&value).expect("valid");
    let result = score(&q, &answers(&[("b", NOT_APPLICABLE)]));
    assert_eq!(result.overall.percent, None);
    assert_eq!(result.maturity, None);
    assert!(result.overall.explanation[0].contains("nothing left to score"));
}

#[test]
fn unanswered_questions_score_0_and_mark_the_result_incomplete() {
    let q = small();
    let result = score(&q, &answers(&[("a", "fully"), ("b", "fully")]));
    assert!(!result.complete);
    assert_eq!((result.overall.unanswered, result.overall.answered), (1, 2));
    let a8 = section(&result, Section::Technological);
    assert_eq!((a8.percent, a8.unanswered), (Some(0.0), 1));
    assert_eq!(a8.explanation[1], "c (weight 5): unanswered, scored 0 of 5");
    assert!(result
        .overall
        .explanation
        .iter()
        .any(|l| l.contains("1 question is still unanswered")));
    let gap = result
        .gaps
        .iter()
        .find(|g| g.question_id == "c")
        .expect("gap");
    assert_eq!((gap.answer.as_deref(), gap.shortfall), (None, 1.0));
}

#[test]
fn unusable_answers_count_as_unanswered_and_are_reported() {
    let q = small();
    let given = answers(&[
        ("a", NOT_APPLICABLE),
        ("b", "maybe"),
        ("zz", "fully"),
        ("c", "yes"),
    ]);
    let result = score(&q, &given);
    let paths: Vec<&str> = result.problems.iter().map(|d| d.path.as_str()).collect();
    assert_eq!(paths, ["$[\"a\"]", "$[\"b\"]", "$[\"zz\"]"]);
    assert!(result.problems[0]
        .message
        .contains("cannot be answered \"not applicable\""));
    assert!(result.problems[1]
        .message
        .contains("expected one of no, partly, largely, fully"));
    assert_eq!(result.overall.unanswered, 2);
    assert!(!result.complete);
    assert_eq!(check_answers(&q, &given), result.problems);
}

#[test]
fn explanations_say_how_each_number_was_computed() {
    let q = small();
    let result = score(
        &q,
        &answers(&[("a", "partly"), ("b", "fully"), ("c", "no")]),
    );
    assert_eq!(
        section(&result, Section::Context).explanation,
        [
            "Clause 4 (Context of the organisation): 2 questions, 2 answered; weighted 1.8 of 4.0 = 43.8%",
            "a (weight 3): \"Partly\" is worth 0.25, so 0.75 of 3",
            "b (weight 1): \"Fully\" is worth 1.00, so 1.00 of 1",
        ]
    );
    let annex = result
        .groups
        .iter()
        .find(|g| g.group == Group::AnnexA)
        .expect("annex");
    assert_eq!(
        annex.score.explanation,
        [
            "Annex A controls: 1 question, 1 answered; weighted 0.0 of 5.0 = 0.0%",
            "Annex A.8: 0.0 of 5.0"
        ]
    );
    assert_eq!(
        result.overall.explanation,
        [
            "Overall: 3 questions, 3 answered; weighted 1.8 of 9.0 = 19.4%",
            "Clauses 4 to 10: 1.8 of 4.0",
            "Annex A controls: 0.0 of 5.0",
            "Maturity: 19.4% falls in Initial (0% to under 20%)",
        ]
    );
    assert_eq!(result.groups.len(), GROUPS.len());
    assert_eq!(result.sections.len(), SECTIONS.len());
}

#[test]
fn maturity_bands_have_documented_boundaries() {
    for (percent, expected) in [
        (0.0, Maturity::Initial),
        (19.9, Maturity::Initial),
        (20.0, Maturity::Developing),
        (44.9, Maturity::Developing),
        (45.0, Maturity::Defined),
        (69.9, Maturity::Defined),
        (70.0, Maturity::Managed),
        (89.9, Maturity::Managed),
        (90.0, Maturity::Optimised),
        (100.0, Maturity::Optimised),
        (-5.0, Maturity::Initial),
    ] {
        assert_eq!(Maturity::from_percent(percent), expected, "{percent}");
    }
    assert_eq!(Maturity::Defined.label(), "Defined");
}

// ------------------------------------------------------------------- gaps

#[test]
fn gaps_rank_by_weight_times_shortfall() {
    let q = small();
    // a: 3 × 0.5 = 1.5; b: 1 × 0.75; c: met.
    let result = score(
        &q,
        &answers(&[("a", "largely"), ("b", "partly"), ("c", "yes")]),
    );
    assert_eq!(gap_ids(&result), ["a", "b"]);
    assert_eq!(result.gaps[0].impact, 1.5);
    assert_eq!(result.gaps[0].rank, 1);
    assert_eq!(
        result.gaps[0].why,
        "Weight 3 × shortfall 0.50 (answered \"Largely\") = impact 1.50."
    );
}

#[test]
fn an_unmet_dependency_is_ranked_above_what_depends_on_it() {
    let q = small();
    // c (impact 5) depends on a (impact 0.75): a comes first, b last.
    let result = score(&q, &answers(&[("a", "partly"), ("b", "no"), ("c", "no")]));
    assert_eq!(gap_ids(&result), ["a", "c", "b"]);
    assert_eq!(result.gaps[0].blocks, ["c"]);
    assert_eq!(result.gaps[1].blocked_by, ["a"]);
    assert!(result.gaps[0].why.contains("Needed first by c"));
    assert!(result.gaps[1]
        .why
        .contains("Depends on a, not yet in place."));
    // From half in place (a: "largely" = 0.5) a no longer blocks c.
    let result = score(&q, &answers(&[("a", "largely"), ("b", "no"), ("c", "no")]));
    assert_eq!(gap_ids(&result), ["c", "a", "b"]);
    assert!(result
        .gaps
        .iter()
        .all(|g| g.blocked_by.is_empty() && g.blocks.is_empty()));
    // Not applicable never blocks either.
    let mut value = base();
    value["questions"][0]["allow_not_applicable"] = json!(true);
    let q = parse(&value).expect("valid");
    let result = score(
        &q,
        &answers(&[("a", NOT_APPLICABLE), ("b", "no"), ("c", "no")]),
    );
    assert_eq!(gap_ids(&result), ["c", "b"]);
    assert!(result.gaps[0].blocked_by.is_empty());
}

#[test]
fn no_risk_method_blocks_the_statement_of_applicability() {
    let (q, mut a) = all("fully");
    for id in [
        "risk-method",
        "risk-treatment",
        "statement-of-applicability",
        "backups",
        "cryptography",
    ] {
        a.insert(id.to_string(), Answer::option("no"));
    }
    a.insert("risk-method".to_string(), Answer::option("partly"));
    let result = score(&q, &a);
    let ids = gap_ids(&result);
    let at = |id: &str| ids.iter().position(|x| *x == id).expect(id);
    assert!(
        at("risk-method") < at("statement-of-applicability"),
        "{ids:?}"
    );
    assert!(
        at("risk-treatment") < at("statement-of-applicability"),
        "{ids:?}"
    );
    // The risk method inherits the SoA's impact (5), so it outranks a
    // weight-3 gap with a larger shortfall of its own.
    assert!(at("risk-method") < at("cryptography"), "{ids:?}");
    let soa = &result.gaps[at("statement-of-applicability")];
    assert_eq!(soa.blocked_by, ["risk-method", "risk-treatment"]);
    // Ranks run 1..=n in order.
    assert!(result.gaps.iter().enumerate().all(|(i, g)| g.rank == i + 1));
}

#[test]
fn dependencies_are_respected_for_every_single_gap_in_the_shipped_file() {
    let (q, mut a) = all("no");
    a.insert("isms-scope".to_string(), Answer::option("fully"));
    let result = score(&q, &a);
    for (i, gap) in result.gaps.iter().enumerate() {
        for blocker in &gap.blocked_by {
            let j = result
                .gaps
                .iter()
                .position(|g| &g.question_id == blocker)
                .expect("blocker is a gap");
            assert!(j < i, "{blocker} should come before {}", gap.question_id);
        }
    }
}

#[test]
fn next_steps_follow_the_top_gaps() {
    let q = default_questionnaire();
    let cases: &[(&[&str], usize)] = &[
        (&[], 0),
        (&["backups"], 1),
        (&["backups", "internal-audit"], 2),
        (&["backups", "internal-audit", "risk-method"], 3),
        (
            &[
                "backups",
                "internal-audit",
                "risk-method",
                "cryptography",
                "communication",
            ],
            5,
        ),
        (
            &[
                "backups",
                "internal-audit",
                "risk-method",
                "cryptography",
                "communication",
                "clear-desk-screen",
                "competence",
            ],
            5,
        ),
    ];
    for (gaps, expected) in cases {
        let mut a: Answers = q
            .questions
            .iter()
            .map(|x| (x.id.clone(), Answer::option("fully")))
            .collect();
        for id in *gaps {
            a.insert(id.to_string(), Answer::option("partly"));
        }
        let result = score(&q, &a);
        assert_eq!(result.next_steps.len(), *expected, "{gaps:?}");
        for (step, gap) in result.next_steps.iter().zip(&result.gaps) {
            assert_eq!(step.question_id, gap.question_id);
            assert_eq!(
                step.text,
                q.question(&gap.question_id).expect("q").next_step
            );
        }
    }
}

// ---------------------------------------------------------------- seeding

#[test]
fn seeding_drafts_risks_and_soa_notes_from_answered_gaps() {
    let q = small();
    let result = score(&q, &answers(&[("a", "partly"), ("c", "no")]));
    let drafts = seed(&result);
    // b is unanswered: no draft for it.
    let ids: Vec<&str> = drafts
        .risks
        .iter()
        .map(|r| r.question_id.as_str())
        .collect();
    assert_eq!(ids, ["a", "c"]);
    let c = &drafts.risks[1];
    assert_eq!(c.controls, ["8.13", "5.24"]);
    assert_eq!(c.maps_to, ["8.13", "A.5.24"]);
    assert_eq!(c.priority, 2);
    assert_eq!(c.title, "Topic C not fully in place");
    assert!(c.scenario.contains("answered \"No\"") && c.scenario.contains("Planned action: do c"));
    let controls: Vec<&str> = drafts
        .soa_notes
        .iter()
        .map(|n| n.control.as_str())
        .collect();
    assert_eq!(controls, ["8.13", "5.24"]);
    assert_eq!(
        drafts.soa_notes[0].note,
        "Self-assessment: \"No\" for c. Planned: do c"
    );
    // Nothing to seed when everything is in place.
    let (q, a) = all("fully");
    let empty = seed(&score(&q, &a));
    assert!(empty.risks.is_empty() && empty.soa_notes.is_empty());
}

#[test]
fn seeding_the_shipped_questionnaire_merges_notes_per_control() {
    let (q, a) = all("partly");
    let drafts = seed(&score(&q, &a));
    assert_eq!(drafts.risks.len(), q.questions.len());
    let mut seen = std::collections::BTreeSet::new();
    for note in &drafts.soa_notes {
        assert!(seen.insert(note.control.clone()), "one note per control");
        assert!(matches!(
            resolve_reference(&format!("A.{}", note.control)),
            Some(Reference::Control(_))
        ));
    }
    assert!(seen.contains("8.13"));
}

#[test]
fn gap_reasons_are_plain_words_with_names_not_arithmetic_or_ids() {
    let q = small();
    let result = score(&q, &answers(&[("a", "partly"), ("b", "no"), ("c", "no")]));
    let reason = |id: &str| {
        result
            .gaps
            .iter()
            .find(|g| g.question_id == id)
            .map(|g| g.reason.clone())
            .unwrap_or_default()
    };
    assert_eq!(
        reason("a"),
        "Important (Clause 4.1 Understanding the organization and its context). \
         Answered “Partly”: about three quarters is still to do. \
         Do it first: Topic C builds on it."
    );
    assert_eq!(
        reason("c"),
        "Essential for certification (Annex A 8.13 Information backup; \
         Annex A 5.24 Information security incident management planning and preparation). \
         Answered “No”: nothing is in place yet. It builds on Topic A, not in place yet."
    );
    let unanswered = score(&q, &answers(&[]));
    assert!(unanswered.gaps[0].reason.contains("Not answered yet"));
    // The shipped questionnaire: no arithmetic and no question ids anywhere.
    let (q, a) = all("partly");
    let result = score(&q, &a);
    for gap in &result.gaps {
        assert!(
            !gap.reason.contains('×') && !gap.reason.contains('='),
            "{}",
            gap.reason
        );
        // Ids that are not words ("risk-method"); "resources" reads as a word.
        for other in q.questions.iter().filter(|o| o.id.contains('-')) {
            assert!(
                !gap.reason.contains(&other.id),
                "{} names {}",
                gap.reason,
                other.id
            );
        }
        assert!(gap.reason.contains("about two thirds"), "{}", gap.reason);
    }
}

#[test]
fn every_reference_of_the_shipped_file_has_a_name() {
    let q = default_questionnaire();
    for question in &q.questions {
        for m in &question.maps_to {
            let name = reference_name(m);
            assert!(
                name.len() > m.len() + 10,
                "{}: {m} reads {name}",
                question.id
            );
        }
    }
    assert_eq!(
        reference_name("6.1.2"),
        "Clause 6.1.2 Information security risk assessment"
    );
    assert_eq!(reference_name("A.8"), "Annex A.8 Technological controls");
    assert_eq!(reference_name("nonsense"), "nonsense");
}

// ------------------------------------------------------------ result file

#[test]
fn a_result_file_reads_back_into_the_drafts_start_would_store() {
    let (q, _) = all("fully");
    let mut a: Answers = Answers::new();
    for (i, question) in q.questions.iter().enumerate() {
        let pick = ["no", "partly", "largely", "fully"][i % 4];
        a.insert(question.id.clone(), Answer::option(pick));
    }
    let expected = seed(&score(&q, &a));
    assert!(!expected.risks.is_empty());
    let text = result_file_json(&q, &a);
    let value: Value = serde_json::from_str(&text).expect("JSON");
    assert_eq!(value["kind"], json!(RESULT_KIND));
    assert_eq!(value["format"], json!(1));
    assert_eq!(read_result_file(&text, &q), Some(Ok(expected.clone())));
    // A file from before `seed` was written: recomputed from its answers.
    let mut old = value.clone();
    let object = old.as_object_mut().expect("object");
    object.remove("seed");
    object.remove("kind");
    object.remove("format");
    assert_eq!(read_result_file(&old.to_string(), &q), Some(Ok(expected)));
    // ...but only with the questionnaire it was made with.
    old["questionnaire"]["version"] = json!("9.9.9");
    let problems = read_result_file(&old.to_string(), &q)
        .expect("a result")
        .expect_err("unknown questionnaire");
    assert_eq!(problems[0].path, "$.seed");
    assert!(problems[0].message.contains("version 9.9.9"));
}

#[test]
fn other_files_are_not_results_and_broken_results_say_where() {
    let q = default_questionnaire();
    assert_eq!(
        read_result_file("{\"schema_version\": 3, \"name\": \"x\"}", &q),
        None
    );
    assert_eq!(read_result_file("not json", &q), None);
    let broken = json!({"kind": RESULT_KIND, "format": 1, "seed": {"risks": [{"title": 3}]}});
    let problems = read_result_file(&broken.to_string(), &q)
        .expect("a result")
        .expect_err("broken");
    assert_eq!(problems[0].path, "$.seed");
    let empty_title = json!({"kind": RESULT_KIND, "format": 1, "seed": {"risks": [
        {"questionId": "x", "title": " ", "scenario": "", "mapsTo": [], "controls": [], "priority": 1}
    ], "soaNotes": []}});
    let problems = read_result_file(&empty_title.to_string(), &q)
        .expect("a result")
        .expect_err("no title");
    assert_eq!(problems[0].path, "$.seed.risks[0].title");
    let future = json!({"kind": RESULT_KIND, "format": 2});
    let problems = read_result_file(&future.to_string(), &q)
        .expect("a result")
        .expect_err("future format");
    assert_eq!(problems[0].path, "$.format");
}

// ------------------------------------------------------------------- JSON

#[test]
fn results_serialise_in_camel_case_for_javascript() {
    let q = small();
    let result = score(&q, &answers(&[("a", "partly"), ("b", NOT_APPLICABLE)]));
    let value = serde_json::to_value(&result).expect("serialise");
    for key in [
        "questionnaireId",
        "questionnaireVersion",
        "overall",
        "maturity",
        "complete",
        "groups",
        "sections",
        "gaps",
        "nextSteps",
        "problems",
    ] {
        assert!(value.get(key).is_some(), "missing {key}");
    }
    assert_eq!(value["overall"]["notApplicable"], json!(1));
    assert_eq!(value["sections"][0]["section"], json!("4"));
    assert_eq!(value["sections"][7]["group"], json!("annexA"));
    assert_eq!(value["gaps"][0]["questionId"], json!("a"));
    assert_eq!(value["gaps"][0]["topic"], json!("Topic A"));
    assert_eq!(value["nextSteps"][0]["topic"], json!("Topic A"));
    assert_eq!(value["gaps"][1]["blockedBy"], json!(["a"]));
    assert_eq!(value["maturity"], json!("initial"));
    let questionnaire = serde_json::to_value(&q).expect("serialise");
    assert_eq!(
        questionnaire["questions"][1]["allowNotApplicable"],
        json!(true)
    );
    assert_eq!(questionnaire["questions"][0]["nextStep"], json!("do a"));
    let drafts = serde_json::to_value(seed(&result)).expect("serialise");
    assert!(drafts.get("soaNotes").is_some());
}

#[test]
fn answers_round_trip_through_json() {
    let parsed = answers_from_json_str(r#"{"a": "partly", "b": "not_applicable"}"#).expect("valid");
    assert_eq!(parsed.get("a"), Some(&Answer::option("partly")));
    assert_eq!(parsed.get("b"), Some(&Answer::NotApplicable));
    assert_eq!(
        serde_json::to_string(&parsed).expect("serialise"),
        r#"{"a":"partly","b":"not_applicable"}"#
    );
    let errors = answers_from_json_str(r#"{"a": 3}"#).expect_err("invalid");
    assert_eq!(errors[0].path, "$[\"a\"]");
    assert!(answers_from_json_str("[").is_err());
}

// --------------------------------------------------------------- proptest

/// One edit to a text: delete, insert or replace a character.
fn mutate(text: &str, edits: &[(usize, u8, char)]) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    for &(at, op, c) in edits {
        if chars.is_empty() {
            chars.push(c);
            continue;
        }
        let i = at % chars.len();
        match op % 3 {
            0 => {
                chars.remove(i);
            }
            1 => chars.insert(i, c),
            _ => chars[i] = c,
        }
    }
    chars.into_iter().collect()
}

fn any_json() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        (-10i64..300).prop_map(Value::from),
        (-2.0f64..12.0).prop_map(Value::from),
        "[a-zA-Z0-9 .]{0,8}".prop_map(Value::from),
        Just(json!([])),
        Just(json!({})),
        Just(json!(["4.1", "A.9", "risk-method"])),
    ]
}

fn assert_in_range(result: &Readiness) {
    let scores = std::iter::once(&result.overall)
        .chain(result.groups.iter().map(|g| &g.score))
        .chain(result.sections.iter().map(|s| &s.score));
    for s in scores {
        if let Some(p) = s.percent {
            assert!((0.0..=100.0).contains(&p), "{p}");
        }
        assert!(s.earned >= 0.0 && s.earned <= s.possible + 1e-9);
        assert_eq!(s.questions, s.answered + s.not_applicable + s.unanswered);
    }
    assert!(result.next_steps.len() <= 5);
    if result.gaps.len() >= 3 {
        assert!(result.next_steps.len() >= 3);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn parsing_arbitrary_text_never_panics(text in any::<String>()) {
        let _ = Questionnaire::from_json_str(&text);
        let _ = answers_from_json_str(&text);
    }

    #[test]
    fn parsing_a_mutated_shipped_file_never_panics(
        edits in prop::collection::vec((any::<usize>(), any::<u8>(), prop::sample::select(vec!['"', '{', '}', '[', ']', ',', ':', '0', '9', '-', '.', 'e', ' ', 'x', '\\'])), 1..6)
    ) {
        let text = mutate(DEFAULT_QUESTIONNAIRE_JSON, &edits);
        if let Ok(q) = Questionnaire::from_json_str(&text) {
            let a = q.questions.iter().map(|x| (x.id.clone(), Answer::option("partly"))).collect();
            assert_in_range(&score(&q, &a));
        }
    }

    #[test]
    fn a_shipped_file_with_odd_field_values_never_panics(
        changes in prop::collection::vec((0usize..70, prop::sample::select(vec!["id", "section", "text", "weight", "answers", "maps_to", "depends_on", "allow_not_applicable", "help"]), any_json()), 1..4),
        scale_value in any_json(),
    ) {
        let mut value: Value = serde_json::from_str(DEFAULT_QUESTIONNAIRE_JSON).expect("json");
        for (i, field, new) in changes {
            if let Some(q) = value["questions"].get_mut(i) {
                q[field] = new;
            }
        }
        value["scales"]["maturity"][1]["value"] = scale_value;
        if let Ok(q) = Questionnaire::from_json_str(&value.to_string()) {
            let a = q.questions.iter().map(|x| (x.id.clone(), Answer::option("largely"))).collect();
            assert_in_range(&score(&q, &a));
        }
    }

    #[test]
    fn scores_stay_within_0_to_100(choices in prop::collection::vec(0usize..8, 58)) {
        let q = default_questionnaire();
        let a: Answers = q
            .questions
            .iter()
            .zip(choices.iter().chain(std::iter::repeat(&6)))
            .filter_map(|(question, &c)| {
                let answer = match c {
                    0..=3 => Answer::option(question.answers.get(c).map_or("no", |o| o.id.as_str())),
                    4 => Answer::NotApplicable,
                    5 => Answer::option("bogus"),
                    _ => return None,
                };
                Some((question.id.clone(), answer))
            })
            .collect();
        let result = score(&q, &a);
        assert_in_range(&result);
        for (i, gap) in result.gaps.iter().enumerate() {
            for blocker in &gap.blocked_by {
                let j = result.gaps.iter().position(|g| &g.question_id == blocker);
                prop_assert!(j.is_some_and(|j| j < i));
            }
        }
    }
}

/// Whether the graph (edges `from → to`, self-edges ignored) has a cycle.
fn has_cycle(n: usize, edges: &[(usize, usize)]) -> bool {
    // Repeatedly remove nodes with no outgoing edges; a cycle survives.
    let mut alive = vec![true; n];
    loop {
        let removable =
            (0..n).find(|&i| alive[i] && !edges.iter().any(|&(f, t)| f == i && t != i && alive[t]));
        match removable {
            Some(i) => alive[i] = false,
            None => return alive.iter().any(|&a| a),
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Cycles are reported exactly when there is one; otherwise every gap
    /// comes after the gaps it depends on.
    #[test]
    fn dependency_graphs_are_checked_and_respected(
        n in 2usize..8,
        raw_edges in prop::collection::vec((0usize..8, 0usize..8), 0..12),
        weights in prop::collection::vec(1u8..=5, 8),
        options in prop::collection::vec(0usize..4, 8),
    ) {
        let edges: Vec<(usize, usize)> = raw_edges
            .into_iter()
            .map(|(f, t)| (f % n, t % n))
            .collect();
        let questions: Vec<Value> = (0..n)
            .map(|i| {
                let mut deps: Vec<String> = Vec::new();
                for &(f, t) in &edges {
                    if f == i && t != i && !deps.contains(&format!("q{t}")) {
                        deps.push(format!("q{t}"));
                    }
                }
                json!({
                    "id": format!("q{i}"), "topic": "T", "section": "A.8", "text": "Q?",
                    "help": "h", "next_step": format!("do {i}"), "weight": weights[i],
                    "answers": "m", "maps_to": ["8.13"], "depends_on": deps
                })
            })
            .collect();
        let mut value = base();
        value["questions"] = json!(questions);
        let cyclic = has_cycle(n, &edges);
        match Questionnaire::from_json_str(&value.to_string()) {
            Err(errors) => {
                prop_assert!(cyclic, "{errors:?}");
                prop_assert!(errors.iter().all(|d| d.message.starts_with("dependency cycle:")));
            }
            Ok(q) => {
                prop_assert!(!cyclic);
                let ids = ["no", "partly", "largely", "fully"];
                let a: Answers = (0..n)
                    .map(|i| (format!("q{i}"), Answer::option(ids[options[i]])))
                    .collect();
                let result = score(&q, &a);
                assert_in_range(&result);
                for (i, gap) in result.gaps.iter().enumerate() {
                    for blocker in &gap.blocked_by {
                        let j = result.gaps.iter().position(|g| &g.question_id == blocker);
                        prop_assert!(j.is_some_and(|j| j < i));
                    }
                }
            }
        }
    }
}
