//! `engine/schema/assessment.schema.json` describes what the engine saves.
//!
//! No JSON Schema library: a small checker below implements exactly the
//! keywords the schema uses (type, properties, required, additionalProperties,
//! items, enum, $ref to $defs, oneOf, anyOf, minimum, maximum) and refuses any
//! other keyword, so the schema cannot drift outside what is checked.

use proptest::prelude::*;
use riskwright_engine::catalogue::{
    AssetType, Control, ControlType, CybersecurityConcept, OperationalCapability, SecurityDomain,
    SecurityProperty, Theme, ThreatOrigin,
};
use riskwright_engine::date::Date;
use riskwright_engine::document::{
    migrate, Acceptance, ActionStatus, Assessment, Asset, Change, HistoryEntry, InclusionReason,
    PlanAction, Risk, ScoredTier, Snapshot, SoaEntry, Threat, Tier, TreatmentDecision,
    TreatmentStatus, Vulnerability,
};
use riskwright_engine::method::{preset, Aggregation, ResolvedMethod};
use riskwright_engine::treatment::{AppliedControl, ControlStatus, Effectiveness, TreatmentOption};
use riskwright_engine::workshop::{Vote, WorkshopItem, WorkshopRecord};
use serde_json::{json, Value};
use std::collections::{BTreeMap, BTreeSet};

fn schema() -> Value {
    serde_json::from_str(include_str!("../schema/assessment.schema.json")).unwrap()
}

/// Keywords that only annotate.
const ANNOTATIONS: [&str; 6] = [
    "$schema",
    "title",
    "description",
    "format",
    "$defs",
    "$comment",
];

fn resolve<'a>(root: &'a Value, reference: &str) -> &'a Value {
    let name = reference
        .strip_prefix("#/$defs/")
        .unwrap_or_else(|| panic!("unsupported $ref {reference}"));
    root.get("$defs")
        .and_then(|d| d.get(name))
        .unwrap_or_else(|| panic!("no $defs/{name}"))
}

fn type_matches(name: &str, value: &Value) -> bool {
    match name {
        "object" => value.is_object(),
        "array" => value.is_array(),
        "string" => value.is_string(),
        "integer" => value.is_i64() || value.is_u64(),
        "number" => value.is_number(),
        "boolean" => value.is_boolean(),
        "null" => value.is_null(),
        other => panic!("unknown type {other}"),
    }
}

/// Every way `value` fails `schema`, each with its JSON path.
fn check(root: &Value, schema: &Value, value: &Value, at: &str, errors: &mut Vec<String>) {
    let Value::Object(keywords) = schema else {
        panic!("a schema must be an object at {at}");
    };
    for (keyword, arg) in keywords {
        match keyword.as_str() {
            k if ANNOTATIONS.contains(&k) => {}
            "$ref" => check(
                root,
                resolve(root, arg.as_str().unwrap()),
                value,
                at,
                errors,
            ),
            "type" => {
                let ok = match arg {
                    Value::String(t) => type_matches(t, value),
                    Value::Array(ts) => ts.iter().any(|t| type_matches(t.as_str().unwrap(), value)),
                    _ => panic!("bad type"),
                };
                if !ok {
                    errors.push(format!("{at}: expected type {arg}, found {value}"));
                }
            }
            "enum" => {
                if !arg.as_array().unwrap().contains(value) {
                    errors.push(format!("{at}: {value} is not one of {arg}"));
                }
            }
            "minimum" | "maximum" => {
                if let Some(n) = value.as_f64() {
                    let bound = arg.as_f64().unwrap();
                    if (keyword == "minimum" && n < bound) || (keyword == "maximum" && n > bound) {
                        errors.push(format!("{at}: {n} is beyond the {keyword} {bound}"));
                    }
                }
            }
            "required" => {
                if let Value::Object(map) = value {
                    for name in arg.as_array().unwrap() {
                        if !map.contains_key(name.as_str().unwrap()) {
                            errors.push(format!("{at}: missing {name}"));
                        }
                    }
                }
            }
            "properties" => {
                if let Value::Object(map) = value {
                    for (name, sub) in arg.as_object().unwrap() {
                        if let Some(v) = map.get(name) {
                            check(root, sub, v, &format!("{at}.{name}"), errors);
                        }
                    }
                }
            }
            "additionalProperties" => {
                if let Value::Object(map) = value {
                    let declared = keywords.get("properties").and_then(Value::as_object);
                    for (name, v) in map {
                        if declared.is_some_and(|d| d.contains_key(name)) {
                            continue;
                        }
                        match arg {
                            Value::Bool(false) => {
                                errors.push(format!("{at}: '{name}' is not allowed here"))
                            }
                            Value::Bool(true) => {}
                            sub => check(root, sub, v, &format!("{at}.{name}"), errors),
                        }
                    }
                }
            }
            "items" => {
                if let Value::Array(items) = value {
                    for (k, v) in items.iter().enumerate() {
                        check(root, arg, v, &format!("{at}[{k}]"), errors);
                    }
                }
            }
            "oneOf" | "anyOf" => {
                let matching = arg
                    .as_array()
                    .unwrap()
                    .iter()
                    .filter(|sub| errors_of(root, sub, value, at).is_empty())
                    .count();
                let ok = if keyword == "oneOf" {
                    matching == 1
                } else {
                    matching >= 1
                };
                if !ok {
                    errors.push(format!(
                        "{at}: {matching} alternatives of {keyword} match {value}"
                    ));
                }
            }
            other => panic!("the schema uses '{other}', which this checker does not implement"),
        }
    }
}

fn errors_of(root: &Value, schema: &Value, value: &Value, at: &str) -> Vec<String> {
    let mut errors = Vec::new();
    check(root, schema, value, at, &mut errors);
    errors
}

fn validate(value: &Value) -> Vec<String> {
    let root = schema();
    errors_of(&root, &root, value, "$")
}

/// Walks `value` along `schema` and records, per schema object (named by its
/// `$defs` entry or path), the property names the value uses, and reports
/// the names the schema does not declare.
fn walk(
    root: &Value,
    schema: &Value,
    name: &str,
    value: &Value,
    at: &str,
    seen: &mut BTreeMap<String, BTreeSet<String>>,
    undeclared: &mut Vec<String>,
) {
    if let Some(reference) = schema.get("$ref").and_then(Value::as_str) {
        let def = reference.trim_start_matches("#/$defs/");
        return walk(
            root,
            resolve(root, reference),
            def,
            value,
            at,
            seen,
            undeclared,
        );
    }
    for alternatives in ["oneOf", "anyOf"] {
        if let Some(subs) = schema.get(alternatives).and_then(Value::as_array) {
            for (k, sub) in subs.iter().enumerate() {
                if errors_of(root, sub, value, at).is_empty() {
                    let label = format!("{name}/{alternatives}[{k}]");
                    walk(root, sub, &label, value, at, seen, undeclared);
                }
            }
            return;
        }
    }
    match value {
        Value::Object(map) => {
            if let Some(props) = schema.get("properties").and_then(Value::as_object) {
                for (key, v) in map {
                    match props.get(key) {
                        Some(sub) => {
                            seen.entry(name.to_string())
                                .or_default()
                                .insert(key.clone());
                            let child = format!("{name}.{key}");
                            walk(
                                root,
                                sub,
                                &child,
                                v,
                                &format!("{at}.{key}"),
                                seen,
                                undeclared,
                            );
                        }
                        None => undeclared.push(format!("{at}.{key} (in {name})")),
                    }
                }
            } else if let Some(sub) = schema.get("additionalProperties").filter(|s| s.is_object()) {
                for (key, v) in map {
                    walk(root, sub, name, v, &format!("{at}.{key}"), seen, undeclared);
                }
            }
        }
        Value::Array(items) => {
            if let Some(sub) = schema.get("items") {
                for (k, v) in items.iter().enumerate() {
                    walk(root, sub, name, v, &format!("{at}[{k}]"), seen, undeclared);
                }
            }
        }
        _ => {}
    }
}

/// Every (schema object, property) the schema declares.
fn declared(root: &Value) -> BTreeMap<String, BTreeSet<String>> {
    fn collect(
        root: &Value,
        schema: &Value,
        name: &str,
        out: &mut BTreeMap<String, BTreeSet<String>>,
        visited: &mut BTreeSet<String>,
    ) {
        if let Some(reference) = schema.get("$ref").and_then(Value::as_str) {
            let def = reference.trim_start_matches("#/$defs/").to_string();
            if visited.insert(def.clone()) {
                collect(root, resolve(root, reference), &def, out, visited);
            }
            return;
        }
        for alternatives in ["oneOf", "anyOf"] {
            if let Some(subs) = schema.get(alternatives).and_then(Value::as_array) {
                for (k, sub) in subs.iter().enumerate() {
                    collect(
                        root,
                        sub,
                        &format!("{name}/{alternatives}[{k}]"),
                        out,
                        visited,
                    );
                }
            }
        }
        if let Some(props) = schema.get("properties").and_then(Value::as_object) {
            for (key, sub) in props {
                out.entry(name.to_string()).or_default().insert(key.clone());
                collect(root, sub, &format!("{name}.{key}"), out, visited);
            }
        }
        for key in ["items", "additionalProperties"] {
            if let Some(sub) = schema.get(key).filter(|s| s.is_object()) {
                collect(root, sub, name, out, visited);
            }
        }
    }
    let mut out = BTreeMap::new();
    collect(root, root, "$", &mut out, &mut BTreeSet::new());
    out
}

fn v1_migrated() -> Value {
    migrate(serde_json::from_str(include_str!("fixtures/schema/v1.json")).unwrap()).unwrap()
}

fn v2_migrated() -> Value {
    migrate(serde_json::from_str(include_str!("fixtures/schema/v2.json")).unwrap()).unwrap()
}

fn v3_migrated() -> Value {
    migrate(serde_json::from_str(include_str!("fixtures/schema/v3.json")).unwrap()).unwrap()
}

fn v4() -> Value {
    serde_json::from_str(include_str!("fixtures/schema/v4.json")).unwrap()
}

/// Every Control property set, every attribute value used.
fn custom_control() -> Control {
    Control {
        new_in_2022: true,
        control_types: ControlType::ALL.to_vec(),
        security_properties: SecurityProperty::ALL.to_vec(),
        cybersecurity_concepts: CybersecurityConcept::ALL.to_vec(),
        operational_capabilities: OperationalCapability::ALL.to_vec(),
        security_domains: SecurityDomain::ALL.to_vec(),
        guidance: "Review accounts quarterly".into(),
        evidence: vec!["Access review log".into()],
        tags: vec!["NIST".into()],
        ..Control::custom(
            "NIST-AC-2",
            "Account management",
            "NIST SP 800-53",
            Theme::Technological,
        )
    }
}

/// A document with every optional field present and every kind of change,
/// so that serialising it uses every property of the model.
fn maximal() -> Assessment {
    let mut a = Assessment::from_json_str(include_str!("fixtures/schema/v4.json")).unwrap();
    a.method.aggregation = Aggregation::Mean;
    a.risks[0].decision.as_mut().unwrap().justification = "Cheapest option".into();
    a.risks[0].overrides = Tier::ALL
        .iter()
        .map(|&t| (t, "Auditor's estimate".to_string()))
        .collect();
    a.custom_controls.push(custom_control());
    a.plan[0].note = "Needs budget".into();
    a.soa[0].reason_note = "Customer contract".into();
    let on = Date::from_ymd(2026, 11, 20).unwrap();
    for change in [
        Change::Decision {
            old: None,
            new: Some(TreatmentOption::Modify),
            justification: "Controls are cheap".into(),
        },
        Change::Controls {
            lines: vec!["8.13 added (planned, medium, corrective)".into()],
        },
        Change::Override {
            tier: Tier::Current,
            justification: Some("Auditor's estimate".into()),
        },
        Change::Accepted {
            by: "CTO".into(),
            on,
            level: "low".into(),
        },
        Change::AcceptanceWithdrawn,
        Change::Applicability {
            control_id: "7.5".into(),
            old: None,
            new: Some(false),
        },
        Change::Action {
            action_id: "A-1".into(),
            old: None,
            new: Some(ActionStatus::Planned),
        },
        Change::Estimated {
            tier: Tier::Current,
            votes: vec![Vote {
                participant: String::new(),
                likelihood: 2,
                impact: 3,
            }],
            likelihood: 2,
            impact: 3,
            dissent: "Finance disagrees".into(),
        },
        Change::Workshop {
            workshop_id: "W-1".into(),
            title: "Workshop".into(),
            risks: 2,
        },
    ] {
        a.history.push(HistoryEntry {
            at: "2026-11-20T10:00:00.000Z".into(),
            risk_id: "R1".into(),
            change,
            reason: String::new(),
        });
    }
    a.threats[0].origin = Some(ThreatOrigin::Accidental);
    a.vulnerabilities[0].catalogue_id = Some("V01".into());
    a.vulnerabilities[0].description = "Patches lag by months".into();
    let mut formula = a.clone();
    formula.method = preset("3x3").unwrap();
    a.snapshots.push(Snapshot {
        name: "Formula method".into(),
        taken_at: "2026-11-01T00:00:00.000Z".into(),
        method: formula.method,
        risks: Vec::new(),
    });
    a
}

#[test]
fn the_schema_uses_only_what_the_checker_implements() {
    // Walking the schema as a schema finds every keyword; the checker panics
    // on any it does not implement.
    let root = schema();
    assert_eq!(
        root["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    assert!(!declared(&root).is_empty());
    for def in root["$defs"].as_object().unwrap().values() {
        let _ = errors_of(&root, def, &Value::Null, "$");
        let _ = errors_of(&root, def, &json!({}), "$");
    }
}

#[test]
fn the_fixtures_validate() {
    assert_eq!(validate(&v1_migrated()), Vec::<String>::new());
    assert_eq!(validate(&v2_migrated()), Vec::<String>::new());
    assert_eq!(validate(&v3_migrated()), Vec::<String>::new());
    assert_eq!(validate(&v4()), Vec::<String>::new());
    for text in [
        include_str!("fixtures/schema/v1.json"),
        include_str!("fixtures/schema/v2.json"),
        include_str!("fixtures/schema/v3.json"),
        include_str!("fixtures/schema/v4.json"),
    ] {
        let saved = Assessment::from_json_str(text).unwrap().to_json_value();
        assert_eq!(validate(&saved), Vec::<String>::new());
    }
    assert_eq!(validate(&maximal().to_json_value()), Vec::<String>::new());
}

/// A field the engine reads as optional is not required by the schema: a
/// workshop with only what serde requires loads and validates.
#[test]
fn a_workshop_with_only_its_required_fields_loads_and_validates() {
    let mut doc = v4();
    doc["workshops"] = json!([{
        "id": "W-2",
        "title": "Short session",
        "items": [{"risk_id": "R2", "title": "Not yet scored", "tier": "current"}]
    }]);
    let loaded = Assessment::from_json_str(&doc.to_string()).unwrap();
    assert_eq!(loaded.workshops[0].date, None);
    assert_eq!(loaded.workshops[0].items[0].before, None);
    assert_eq!(validate(&doc), Vec::<String>::new());
}

#[test]
fn every_property_the_engine_writes_is_in_the_schema_and_back() {
    let root = schema();
    let mut seen = BTreeMap::new();
    let mut undeclared = Vec::new();
    for value in [
        maximal().to_json_value(),
        v4(),
        v3_migrated(),
        v2_migrated(),
        v1_migrated(),
    ] {
        walk(&root, &root, "$", &value, "$", &mut seen, &mut undeclared);
    }
    assert_eq!(undeclared, Vec::<String>::new());
    // And the schema describes no property the engine never writes.
    assert_eq!(seen, declared(&root));
}

#[test]
fn a_field_added_to_the_model_would_be_caught() {
    let root = schema();
    let mut value = maximal().to_json_value();
    value["risks"][0]["likelihood_trend"] = json!("rising");
    value["method"]["likelihood"]["levels"][0]["colour"] = json!("#fff");
    let mut undeclared = Vec::new();
    walk(
        &root,
        &root,
        "$",
        &value,
        "$",
        &mut BTreeMap::new(),
        &mut undeclared,
    );
    assert_eq!(
        undeclared,
        [
            "$.method.likelihood.levels[0].colour (in ScaleLevel)",
            "$.risks[0].likelihood_trend (in Risk)"
        ]
    );
    assert_eq!(validate(&value).len(), 2);
}

#[test]
fn invalid_documents_are_rejected() {
    let base = v4();
    type Edit = fn(&mut Value);
    let cases: [(&str, Edit); 19] = [
        ("no name", |v| {
            v.as_object_mut().unwrap().remove("name");
        }),
        ("no schema version", |v| {
            v.as_object_mut().unwrap().remove("schema_version");
        }),
        ("an older version", |v| v["schema_version"] = json!(2)),
        ("a future version", |v| v["schema_version"] = json!(5)),
        ("a likelihood as text", |v| {
            v["risks"][0]["current"]["likelihood"] = json!("high")
        }),
        ("an unknown treatment", |v| {
            v["risks"][0]["treatment"] = json!("done")
        }),
        ("an unknown asset kind", |v| {
            v["assets"][0]["kind"] = json!("car")
        }),
        ("an impact beyond a byte", |v| {
            v["assets"][0]["valuation"]["integrity"] = json!(300)
        }),
        ("a negative review interval", |v| {
            v["method"]["levels"][0]["review_interval_days"] = json!(-1)
        }),
        ("an unknown change", |v| {
            v["history"][0]["change"]["kind"] = json!("renamed")
        }),
        ("a rule of no kind", |v| {
            v["method"]["rule"] = json!({"cells": []})
        }),
        ("risks as an object", |v| v["risks"] = json!({})),
        ("an override of an unknown tier", |v| {
            v["risks"][0]["overrides"] = json!({"target": "x"})
        }),
        ("an unknown control status", |v| {
            v["risks"][0]["controls"][0]["status"] = json!("done")
        }),
        ("an unknown action status", |v| {
            v["plan"][0]["status"] = json!("implemented")
        }),
        ("a workshop item on an unknown tier", |v| {
            v["workshops"][0]["items"][0]["tier"] = json!("target")
        }),
        ("a vote without an impact", |v| {
            v["workshops"][0]["items"][0]["votes"][0]
                .as_object_mut()
                .unwrap()
                .remove("impact");
        }),
        ("a workshop without a title", |v| {
            v["workshops"][0].as_object_mut().unwrap().remove("title");
        }),
        ("a workshop change without its id", |v| {
            let last = v["history"].as_array().unwrap().len() - 1;
            v["history"][last]["change"]
                .as_object_mut()
                .unwrap()
                .remove("workshop_id");
        }),
    ];
    for (what, edit) in cases {
        let mut doc = base.clone();
        edit(&mut doc);
        assert!(!validate(&doc).is_empty(), "{what} should be rejected");
    }
    assert!(!validate(&json!([])).is_empty());
}

// ----------------------------------------------------- generated documents

fn text() -> impl Strategy<Value = String> {
    "[A-Za-z0-9 <>&\"'é😀]{0,12}"
}

fn scored() -> impl Strategy<Value = Option<ScoredTier>> {
    prop::option::of(
        (
            1u8..=5,
            prop::collection::btree_map(
                prop::sample::select(vec![
                    "confidentiality",
                    "integrity",
                    "availability",
                    "legal",
                ])
                .prop_map(String::from),
                1u8..=5,
                0..4,
            ),
        )
            .prop_map(|(likelihood, impacts)| ScoredTier {
                likelihood,
                impacts,
            }),
    )
}

fn treatment() -> impl Strategy<Value = TreatmentStatus> {
    prop::sample::select(TreatmentStatus::ALL.to_vec())
}

fn date() -> impl Strategy<Value = Date> {
    (1i64..=9999, 1u32..=12, 1u32..=28).prop_map(|(y, m, d)| Date::from_ymd(y, m, d).unwrap())
}

/// Any selection of `all`, in order.
fn subset<T: Clone + std::fmt::Debug + 'static>(all: &[T]) -> impl Strategy<Value = Vec<T>> {
    prop::sample::subsequence(all.to_vec(), 0..=all.len())
}

fn option() -> impl Strategy<Value = TreatmentOption> {
    prop::sample::select(TreatmentOption::ALL.to_vec())
}

fn action_status() -> impl Strategy<Value = ActionStatus> {
    prop::sample::select(ActionStatus::ALL.to_vec())
}

fn control_status() -> impl Strategy<Value = ControlStatus> {
    prop::sample::select(ControlStatus::ALL.to_vec())
}

fn applied_control() -> impl Strategy<Value = AppliedControl> {
    (
        text(),
        control_status(),
        prop::sample::select(Effectiveness::ALL.to_vec()),
        prop::sample::select(ControlType::ALL.to_vec()),
    )
        .prop_map(
            |(control_id, status, effectiveness, acts_through)| AppliedControl {
                control_id,
                status,
                effectiveness,
                acts_through,
            },
        )
}

/// A risk's treatment: decision, applied controls, overrides, acceptance.
type Treatment = (
    Option<TreatmentDecision>,
    Vec<AppliedControl>,
    BTreeMap<Tier, String>,
    Option<Acceptance>,
);

fn risk_treatment() -> impl Strategy<Value = Treatment> {
    (
        prop::option::of((option(), text()).prop_map(|(option, justification)| {
            TreatmentDecision {
                option,
                justification,
            }
        })),
        prop::collection::vec(applied_control(), 0..3),
        prop::collection::btree_map(prop::sample::select(Tier::ALL.to_vec()), text(), 0..3),
        prop::option::of(
            (text(), date(), text(), text()).prop_map(|(by, on, note, level)| Acceptance {
                by,
                on,
                note,
                level,
            }),
        ),
    )
}

fn risk() -> impl Strategy<Value = Risk> {
    (
        (text(), text(), text(), text(), text()),
        (
            prop::collection::vec(text(), 0..3),
            prop::option::of(text()),
            prop::option::of(text()),
        ),
        (scored(), scored(), scored()),
        (
            treatment(),
            prop::option::of(date()),
            prop::collection::vec(text(), 0..3),
        ),
        risk_treatment(),
    )
        .prop_map(
            |(
                (id, title, scenario, consequence, owner),
                (asset_ids, threat_id, vulnerability_id),
                (inherent, current, residual),
                (treatment, reviewed_on, tags),
                (decision, controls, overrides, acceptance),
            )| Risk {
                id,
                title,
                scenario,
                consequence,
                asset_ids,
                threat_id,
                vulnerability_id,
                owner,
                existing_controls: "Backups".into(),
                inherent,
                current,
                residual,
                treatment,
                reviewed_on,
                tags,
                decision,
                controls,
                overrides,
                acceptance,
            },
        )
}

fn change() -> impl Strategy<Value = Change> {
    let tier = prop::sample::select(Tier::ALL.to_vec());
    prop_oneof![
        text().prop_map(|title| Change::Created { title }),
        text().prop_map(|title| Change::Deleted { title }),
        (
            tier,
            scored(),
            scored(),
            prop::option::of(text()),
            prop::option::of(text())
        )
            .prop_map(|(tier, old, new, old_level, new_level)| Change::Score {
                tier,
                old,
                new,
                old_level,
                new_level
            }),
        (treatment(), treatment()).prop_map(|(old, new)| Change::Treatment { old, new }),
        date().prop_map(|on| Change::Reviewed { on }),
        (0usize..10_000).prop_map(|risks_changed| Change::MethodChanged { risks_changed }),
        (
            prop::option::of(option()),
            prop::option::of(option()),
            text()
        )
            .prop_map(|(old, new, justification)| Change::Decision {
                old,
                new,
                justification
            }),
        prop::collection::vec(text(), 0..3).prop_map(|lines| Change::Controls { lines }),
        (
            prop::sample::select(Tier::ALL.to_vec()),
            prop::option::of(text())
        )
            .prop_map(|(tier, justification)| Change::Override {
                tier,
                justification
            }),
        (text(), date(), text()).prop_map(|(by, on, level)| Change::Accepted { by, on, level }),
        Just(Change::AcceptanceWithdrawn),
        (text(), any::<Option<bool>>(), any::<Option<bool>>()).prop_map(
            |(control_id, old, new)| Change::Applicability {
                control_id,
                old,
                new
            }
        ),
        (
            text(),
            prop::option::of(action_status()),
            prop::option::of(action_status())
        )
            .prop_map(|(action_id, old, new)| Change::Action {
                action_id,
                old,
                new
            }),
        (
            prop::sample::select(Tier::ALL.to_vec()),
            prop::collection::vec(vote(), 0..3),
            1u8..=5,
            1u8..=5,
            text(),
        )
            .prop_map(
                |(tier, votes, likelihood, impact, dissent)| Change::Estimated {
                    tier,
                    votes,
                    likelihood,
                    impact,
                    dissent
                }
            ),
        (text(), text(), 0usize..50).prop_map(|(workshop_id, title, risks)| Change::Workshop {
            workshop_id,
            title,
            risks
        }),
    ]
}

fn vote() -> impl Strategy<Value = Vote> {
    (prop::option::of(text()), 1u8..=5, 1u8..=5).prop_map(|(participant, likelihood, impact)| {
        Vote {
            participant: participant.unwrap_or_default(),
            likelihood,
            impact,
        }
    })
}

fn workshop() -> impl Strategy<Value = WorkshopRecord> {
    let item = (
        (text(), text(), prop::sample::select(Tier::ALL.to_vec())),
        (scored(), scored()),
        (prop::option::of(text()), prop::option::of(text())),
        (
            prop::collection::vec(vote(), 0..3),
            text(),
            text(),
            any::<u32>(),
        ),
    )
        .prop_map(
            |(
                (risk_id, title, tier),
                (before, after),
                (before_level, after_level),
                (votes, dissent, notes, seconds),
            )| WorkshopItem {
                risk_id,
                title,
                tier,
                before,
                after,
                before_level,
                after_level,
                votes,
                dissent,
                notes,
                seconds,
            },
        );
    (
        (text(), text(), prop::option::of(date()), text()),
        (
            prop::collection::vec(text(), 0..3),
            prop::collection::vec(item, 0..3),
            text(),
        ),
    )
        .prop_map(
            |((id, title, date, facilitator), (participants, items, notes))| WorkshopRecord {
                id,
                title,
                date,
                facilitator,
                participants,
                items,
                notes,
            },
        )
}

fn assessment() -> impl Strategy<Value = Assessment> {
    let asset = (
        text(),
        text(),
        prop::sample::select(AssetType::ALL.to_vec()),
        text(),
        0u8..=5,
    )
        .prop_map(|(id, name, kind, owner, c)| Asset {
            id,
            name,
            kind,
            owner,
            description: "Server room".into(),
            valuation: if c == 0 {
                BTreeMap::new()
            } else {
                BTreeMap::from([("confidentiality".to_string(), c)])
            },
        });
    let origin = prop::option::of(prop::sample::select(vec![
        ThreatOrigin::Deliberate,
        ThreatOrigin::Accidental,
        ThreatOrigin::Environmental,
    ]));
    let property = prop::sample::select(SecurityProperty::ALL.to_vec());
    let threat = (
        text(),
        text(),
        prop::collection::vec(property, 0..3),
        origin,
        prop::option::of(text()),
    )
        .prop_map(|(id, name, properties, origin, catalogue_id)| Threat {
            id,
            name,
            description: String::new(),
            properties,
            origin,
            catalogue_id,
        });
    let vulnerability =
        (text(), text(), prop::option::of(text())).prop_map(|(id, name, catalogue_id)| {
            Vulnerability {
                id,
                name,
                description: "x".into(),
                catalogue_id,
            }
        });
    let entry = (text(), change(), text()).prop_map(|(risk_id, change, reason)| HistoryEntry {
        at: "2026-01-01T00:00:00.000Z".into(),
        risk_id,
        change,
        reason,
    });
    let control = (
        (
            text(),
            text(),
            text(),
            prop::sample::select(Theme::ALL.to_vec()),
            any::<bool>(),
        ),
        (
            subset(ControlType::ALL),
            subset(SecurityProperty::ALL),
            subset(CybersecurityConcept::ALL),
            subset(OperationalCapability::ALL),
            subset(SecurityDomain::ALL),
        ),
        (
            text(),
            prop::collection::vec(text(), 0..2),
            prop::collection::vec(text(), 0..2),
        ),
    )
        .prop_map(
            |(
                (id, title, source, theme, new_in_2022),
                (
                    control_types,
                    security_properties,
                    cybersecurity_concepts,
                    operational_capabilities,
                    security_domains,
                ),
                (guidance, evidence, tags),
            )| Control {
                id,
                title,
                source,
                theme,
                new_in_2022,
                control_types,
                security_properties,
                cybersecurity_concepts,
                operational_capabilities,
                security_domains,
                guidance,
                evidence,
                tags,
            },
        );
    let soa_entry = (
        (text(), any::<Option<bool>>(), subset(&InclusionReason::ALL)),
        (text(), text(), prop::option::of(control_status())),
        (
            prop::collection::vec(text(), 0..2),
            text(),
            prop::option::of(date()),
        ),
    )
        .prop_map(
            |(
                (control_id, applicable, reasons),
                (reason_note, exclusion_justification, status),
                (evidence, owner, reviewed_on),
            )| SoaEntry {
                control_id,
                applicable,
                reasons,
                reason_note,
                exclusion_justification,
                status,
                evidence,
                owner,
                reviewed_on,
            },
        );
    let action = (
        (text(), text(), text(), text()),
        (prop::option::of(date()), action_status()),
        (prop::collection::vec(text(), 0..2), text()),
    )
        .prop_map(
            |((id, title, control_id, owner), (due, status), (risk_ids, note))| PlanAction {
                id,
                title,
                control_id,
                owner,
                due,
                status,
                risk_ids,
                note,
            },
        );
    let method = (
        prop::sample::select(vec!["3x3", "4x4", "5x5"]),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(name, matrix, mean)| {
            let mut m = preset(name).unwrap();
            if matrix {
                m.rule = ResolvedMethod::new(m.clone()).unwrap().matrix_rule();
            }
            if mean {
                m.aggregation = Aggregation::Mean;
            }
            m
        });
    (
        (text(), text(), method.clone()),
        prop::collection::vec(asset, 0..3),
        prop::collection::vec(threat, 0..3),
        prop::collection::vec(vulnerability, 0..3),
        prop::collection::vec(risk(), 0..4),
        (
            prop::collection::vec(control, 0..2),
            prop::collection::vec(soa_entry, 0..3),
            prop::collection::vec(action, 0..3),
            prop::collection::vec(workshop(), 0..2),
        ),
        prop::collection::vec(entry, 0..5),
        prop::collection::vec((text(), method, prop::collection::vec(risk(), 0..2)), 0..2),
    )
        .prop_map(
            |(
                (name, scope, method),
                assets,
                threats,
                vulnerabilities,
                risks,
                (custom_controls, soa, plan, workshops),
                history,
                snapshots,
            )| {
                Assessment {
                    name,
                    scope,
                    method,
                    assets,
                    threats,
                    vulnerabilities,
                    risks,
                    custom_controls,
                    soa,
                    plan,
                    workshops,
                    history,
                    snapshots: snapshots
                        .into_iter()
                        .map(|(name, method, risks)| Snapshot {
                            name,
                            taken_at: "2026-01-01T00:00:00.000Z".into(),
                            method,
                            risks,
                        })
                        .collect(),
                }
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Whatever the engine saves validates, and uses only declared names.
    #[test]
    fn every_saved_document_validates(assessment in assessment()) {
        let value = assessment.to_json_value();
        prop_assert_eq!(validate(&value), Vec::<String>::new());
        let root = schema();
        let mut undeclared = Vec::new();
        walk(&root, &root, "$", &value, "$", &mut BTreeMap::new(), &mut undeclared);
        prop_assert_eq!(undeclared, Vec::<String>::new());
    }
}
