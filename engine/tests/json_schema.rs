//! `engine/schema/assessment.schema.json` describes what the engine saves.
//!
//! No JSON Schema library: a small checker below implements exactly the
//! keywords the schema uses (type, properties, required, additionalProperties,
//! items, enum, $ref to $defs, oneOf, anyOf, minimum, maximum) and refuses any
//! other keyword, so the schema cannot drift outside what is checked.

use proptest::prelude::*;
use riskwright_engine::catalogue::{AssetType, SecurityProperty, ThreatOrigin};
use riskwright_engine::date::Date;
use riskwright_engine::document::{
    migrate, Assessment, Asset, Change, HistoryEntry, Risk, ScoredTier, Snapshot, Threat, Tier,
    TreatmentStatus, Vulnerability,
};
use riskwright_engine::method::{preset, Aggregation, ResolvedMethod};
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

fn v2() -> Value {
    serde_json::from_str(include_str!("fixtures/schema/v2.json")).unwrap()
}

/// A document with every optional field present and every kind of change,
/// so that serialising it uses every property of the model.
fn maximal() -> Assessment {
    let mut a = Assessment::from_json_str(include_str!("fixtures/schema/v2.json")).unwrap();
    a.method.aggregation = Aggregation::Mean;
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
    assert_eq!(validate(&v2()), Vec::<String>::new());
    for text in [
        include_str!("fixtures/schema/v1.json"),
        include_str!("fixtures/schema/v2.json"),
    ] {
        let saved = Assessment::from_json_str(text).unwrap().to_json_value();
        assert_eq!(validate(&saved), Vec::<String>::new());
    }
    assert_eq!(validate(&maximal().to_json_value()), Vec::<String>::new());
}

#[test]
fn every_property_the_engine_writes_is_in_the_schema_and_back() {
    let root = schema();
    let mut seen = BTreeMap::new();
    let mut undeclared = Vec::new();
    for value in [maximal().to_json_value(), v2(), v1_migrated()] {
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
    let base = v2();
    type Edit = fn(&mut Value);
    let cases: [(&str, Edit); 11] = [
        ("no name", |v| {
            v.as_object_mut().unwrap().remove("name");
        }),
        ("no schema version", |v| {
            v.as_object_mut().unwrap().remove("schema_version");
        }),
        ("a future version", |v| v["schema_version"] = json!(3)),
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
    )
        .prop_map(
            |(
                (id, title, scenario, consequence, owner),
                (asset_ids, threat_id, vulnerability_id),
                (inherent, current, residual),
                (treatment, reviewed_on, tags),
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
                ..Risk::default()
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
    ]
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
                    custom_controls: Vec::new(),
                    soa: Vec::new(),
                    plan: Vec::new(),
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
