//! The assessment document: loading, migration, validation with paths,
//! round trips and evaluation.

use proptest::prelude::*;
use riskwright_engine::document::{
    migrate, validate_document, Assessment, Change, Risk, ScoredTier, SCHEMA_VERSION,
};
use riskwright_engine::evaluate::evaluate;
use riskwright_engine::method::ResolvedMethod;
use serde_json::{json, Value};
use std::collections::BTreeMap;

fn fixture() -> Value {
    serde_json::from_str(include_str!("fixtures/schema/v1.json")).unwrap()
}

/// Every schema version ever published has a fixture, and each loads into
/// today's model without a problem.
#[test]
fn every_schema_version_migrates() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/schema");
    for version in 1..=SCHEMA_VERSION {
        let path = dir.join(format!("v{version}.json"));
        let text = std::fs::read_to_string(&path).unwrap_or_else(|_| panic!("{path:?} is missing"));
        let assessment =
            Assessment::from_json_str(&text).unwrap_or_else(|p| panic!("{path:?}: {p:#?}"));
        assert!(!assessment.risks.is_empty(), "{path:?} should hold risks");
        assert_eq!(
            migrate(serde_json::from_str(&text).unwrap()).unwrap()["schema_version"],
            SCHEMA_VERSION
        );
    }
}

#[test]
fn schema_versions_that_cannot_load_are_refused_with_a_reason() {
    let cases = [
        (json!({"name": "x"}), "missing"),
        (json!({"schema_version": "1"}), "whole number"),
        (json!({"schema_version": 0}), "versions start at 1"),
        (json!({"schema_version": 99}), "newer than this Riskwright"),
        (json!([1, 2]), "expected an assessment"),
    ];
    for (value, message) in cases {
        let problems = validate_document(&value);
        assert_eq!(problems.len(), 1, "{value}");
        assert!(
            problems[0].message.contains(message),
            "{value}: {}",
            problems[0].message
        );
    }
}

#[test]
fn the_json_round_trip_is_lossless() {
    let assessment = Assessment::from_json_str(&fixture().to_string()).unwrap();
    let again = Assessment::from_json_str(&assessment.to_json_string()).unwrap();
    assert_eq!(assessment, again);
    assert_eq!(
        assessment.to_json_value()["schema_version"],
        json!(SCHEMA_VERSION)
    );
}

/// Breaks the fixture in one place and expects that place to be named.
#[test]
fn validation_reports_every_problem_with_its_json_path() {
    type Edit = fn(&mut Value);
    let cases: Vec<(Edit, &str, &str)> = vec![
        (|d| d["name"] = json!(""), "$.name", "needs a name"),
        (|d| d["name"] = json!(7), "$.name", "invalid type"),
        (
            |d| {
                d.as_object_mut().unwrap().remove("method");
            },
            "$.method",
            "missing",
        ),
        (
            |d| d["method"]["appetite"] = json!("extreme"),
            "$.method.appetite",
            "not one of the risk levels",
        ),
        (
            |d| d["method"]["levels"][1]["color"] = json!(5),
            "$.method.levels[1].color",
            "invalid type",
        ),
        (|d| d["risks"] = json!({}), "$.risks", "expected a list"),
        (
            |d| d["risks"][1]["id"] = json!("R1"),
            "$.risks[1].id",
            "used twice",
        ),
        (
            |d| d["risks"][0]["current"]["likelihood"] = json!(4),
            "$.risks[0].current.likelihood",
            "1 to 3",
        ),
        (
            |d| d["risks"][0]["current"]["likelihood"] = json!("high"),
            "$.risks[0].current.likelihood",
            "invalid type",
        ),
        (
            |d| d["risks"][0]["residual"]["impacts"]["legal"] = json!(9),
            "$.risks[0].residual.impacts.legal",
            "1 to 3",
        ),
        (
            |d| d["risks"][0]["inherent"]["impacts"]["reputation"] = json!(1),
            "$.risks[0].inherent.impacts.reputation",
            "not an impact dimension",
        ),
        (
            |d| d["risks"][0]["inherent"]["impacts"] = json!({}),
            "$.risks[0].inherent.impacts",
            "at least one",
        ),
        (
            |d| d["risks"][0]["asset_ids"] = json!(["A1", "A9"]),
            "$.risks[0].asset_ids[1]",
            "no asset 'A9'",
        ),
        (
            |d| d["risks"][0]["threat_id"] = json!("T9"),
            "$.risks[0].threat_id",
            "no threat 'T9'",
        ),
        (
            |d| d["risks"][0]["vulnerability_id"] = json!("V9"),
            "$.risks[0].vulnerability_id",
            "no vulnerability 'V9'",
        ),
        (
            |d| d["assets"][0]["name"] = json!(" "),
            "$.assets[0].name",
            "empty",
        ),
        (
            |d| {
                d["risks"][1]
                    .as_object_mut()
                    .unwrap()
                    .remove("title")
                    .map(drop)
                    .unwrap_or(())
            },
            "$.risks[1].title",
            "missing",
        ),
    ];
    for (edit, path, message) in cases {
        let mut doc = fixture();
        edit(&mut doc);
        let problems = validate_document(&doc);
        assert!(
            problems
                .iter()
                .any(|p| p.path == path && p.message.contains(message)),
            "expected {path}: …{message}…, got {problems:#?}"
        );
    }
    // Several broken risks are all reported, not only the first.
    let mut doc = fixture();
    doc["risks"][0]["title"] = json!(1);
    doc["risks"][1]["title"] = json!(2);
    let paths: Vec<_> = validate_document(&doc)
        .into_iter()
        .map(|p| p.path)
        .collect();
    assert_eq!(paths, ["$.risks[0].title", "$.risks[1].title"]);
}

#[test]
fn evaluation_gives_levels_counts_and_heat_cells() {
    let assessment = Assessment::from_json_str(&fixture().to_string()).unwrap();
    let method = ResolvedMethod::new(assessment.method.clone()).unwrap();
    let e = evaluate(&assessment, &method);
    let r1 = &e.risks[0];
    // Inherent: likelihood 3, worst impact 3 → high, above the appetite (low).
    let inherent = r1.inherent.as_ref().unwrap();
    assert_eq!(
        (
            inherent.impact,
            inherent.level.as_str(),
            inherent.acceptable
        ),
        (3, "high", false)
    );
    let residual = r1.residual.as_ref().unwrap();
    assert_eq!(
        (
            residual.likelihood,
            residual.impact,
            residual.level.as_str(),
            residual.acceptable
        ),
        (1, 2, "low", true)
    );
    assert!(e.risks[1].current.is_none());
    assert_eq!(e.current.unscored, 1);
    assert_eq!(e.current.cells.len(), 9);
    let cell = e
        .current
        .cells
        .iter()
        .find(|c| (c.likelihood, c.impact) == (2, 3))
        .unwrap();
    assert_eq!((cell.count, cell.level.as_str()), (1, "high"));
    let counts: Vec<_> = e
        .current
        .counts
        .iter()
        .map(|c| (c.level.as_str(), c.count))
        .collect();
    assert_eq!(counts, [("low", 0), ("medium", 0), ("high", 1)]);
}

fn tier(max: u8) -> impl Strategy<Value = Option<ScoredTier>> {
    prop::option::of(
        (1..=max, 1..=max, 1..=max).prop_map(|(l, c, a)| ScoredTier {
            likelihood: l,
            impacts: BTreeMap::from([("confidentiality".into(), c), ("availability".into(), a)]),
        }),
    )
}

fn risk() -> impl Strategy<Value = Risk> {
    (
        "[A-Za-z0-9<>&\"'é😀][A-Za-z0-9 <>&\"'é😀]{0,19}",
        ".{0,40}",
        tier(5),
        tier(5),
        tier(5),
    )
        .prop_map(|(title, scenario, inherent, current, residual)| Risk {
            title,
            scenario,
            owner: "Owner".into(),
            inherent,
            current,
            residual,
            tags: vec!["tag".into()],
            ..Risk::default()
        })
}

/// A JSON value of any shape, to throw at the decoder.
fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        "[a-z_]{0,12}".prop_map(Value::from),
    ];
    leaf.prop_recursive(4, 64, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..8).prop_map(Value::from),
            prop::collection::btree_map(
                prop_oneof![
                    Just("schema_version".to_string()),
                    Just("name".to_string()),
                    Just("method".to_string()),
                    Just("risks".to_string()),
                    Just("levels".to_string()),
                    Just("likelihood".to_string()),
                    Just("impacts".to_string()),
                    Just("rule".to_string()),
                    Just("cells".to_string()),
                    "[a-z_]{1,10}",
                ],
                inner,
                0..8,
            )
            .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn saved_registers_load_back_unchanged(risks in prop::collection::vec(risk(), 0..30)) {
        let mut assessment = Assessment::new("Round trip");
        for (k, mut r) in risks.into_iter().enumerate() {
            r.id = format!("R{k}");
            assessment.risks.push(r);
        }
        let loaded = Assessment::from_json_str(&assessment.to_json_string());
        prop_assert_eq!(loaded, Ok(assessment));
    }

    /// The validator takes any JSON without panicking.
    #[test]
    fn validation_never_panics_on_any_json(value in any_json()) {
        let _ = validate_document(&value);
    }

    /// Replacing any one value of a good document is reported, never a panic.
    #[test]
    fn validation_never_panics_on_a_damaged_document(pick in any::<prop::sample::Index>(), with in any_json()) {
        let mut doc = fixture();
        let mut slots = Vec::new();
        collect_pointers(&doc, String::new(), &mut slots);
        let target = pick.get(&slots).clone();
        if let Some(slot) = doc.pointer_mut(&target) { *slot = with; }
        let _ = validate_document(&doc);
    }
}

fn collect_pointers(value: &Value, at: String, out: &mut Vec<String>) {
    out.push(at.clone());
    match value {
        Value::Object(map) => map
            .iter()
            .for_each(|(k, v)| collect_pointers(v, format!("{at}/{k}"), out)),
        Value::Array(items) => items
            .iter()
            .enumerate()
            .for_each(|(k, v)| collect_pointers(v, format!("{at}/{k}"), out)),
        _ => {}
    }
}

#[test]
fn a_method_the_scored_risks_do_not_fit_is_refused_not_clamped() {
    let mut assessment = Assessment::from_json_str(&fixture().to_string()).unwrap();
    let before = assessment.clone();
    let mut smaller = assessment.method.clone();
    smaller.remove_dimension("legal").unwrap();
    let problems = assessment.set_method(smaller).unwrap_err();
    assert_eq!(problems[0].path, "$.risks[0].residual.impacts.legal");
    assert_eq!(assessment, before, "the old method stays");
    let mut renamed = assessment.method.clone();
    renamed.levels[0].label = "Acceptable".into();
    assessment.set_method(renamed).unwrap();
    assert_eq!(assessment.method.levels[0].label, "Acceptable");
}

#[test]
fn a_version_1_file_gains_explicit_defaults_for_the_register() {
    let migrated = migrate(fixture()).unwrap();
    assert_eq!(migrated["history"], json!([]));
    assert_eq!(migrated["snapshots"], json!([]));
    assert_eq!(migrated["assets"][0]["kind"], json!("information"));
    assert_eq!(migrated["risks"][0]["treatment"], json!("untreated"));
    let v2: Value = serde_json::from_str(include_str!("fixtures/schema/v2.json")).unwrap();
    let assessment = riskwright_engine::document::load_document(v2).unwrap();
    assert_eq!(assessment.history.len(), 7);
    assert_eq!(assessment.snapshots[0].name, "Internal audit 2026");
    assert_eq!(assessment.risks[0].tags, ["cyber", "customer"]);
}

#[test]
fn a_version_3_file_gains_an_empty_workshop_list() {
    let v3: Value = serde_json::from_str(include_str!("fixtures/schema/v3.json")).unwrap();
    assert!(v3.get("workshops").is_none());
    let migrated = migrate(v3.clone()).unwrap();
    assert_eq!(migrated["workshops"], json!([]));
    assert_eq!(migrated["schema_version"], json!(4));
    let assessment = riskwright_engine::document::load_document(v3).unwrap();
    assert!(assessment.workshops.is_empty());
    assert_eq!(assessment.history.len(), 7);
    assert_eq!(assessment.plan[0].id, "A-1");
}

#[test]
fn a_version_4_file_keeps_its_workshop_and_its_history_agrees() {
    let v4: Value = serde_json::from_str(include_str!("fixtures/schema/v4.json")).unwrap();
    assert_eq!(
        migrate(v4.clone()).unwrap(),
        v4,
        "a current file is left as it is"
    );
    let a = riskwright_engine::document::load_document(v4).unwrap();
    let [w] = a.workshops.as_slice() else {
        panic!("one workshop expected, got {:?}", a.workshops);
    };
    assert_eq!((w.id.as_str(), w.items.len()), ("W-1", 2));
    assert_eq!(w.participants, ["CTO", "Ops lead", "DPO"]);
    assert!(w.items[0].dissent.starts_with("DPO"));
    assert!(w.items[1].votes.iter().all(|v| v.participant.is_empty()));
    assert!(matches!(
        &a.history.last().unwrap().change,
        Change::Workshop { workshop_id, title, risks: 2 } if workshop_id == &w.id && title == &w.title
    ));
    for item in &w.items {
        let risk = a.risks.iter().find(|r| r.id == item.risk_id).unwrap();
        assert_eq!(risk.title, item.title);
        assert_eq!(
            risk.tier(item.tier),
            item.after.as_ref(),
            "{}",
            item.risk_id
        );
        let entries: Vec<&Change> = a
            .history
            .iter()
            .filter(|h| h.risk_id == item.risk_id)
            .map(|h| &h.change)
            .collect();
        assert!(entries.iter().any(|c| matches!(c,
            Change::Score { tier, old, new, old_level, new_level }
                if *tier == item.tier && *old == item.before && *new == item.after
                    && *old_level == item.before_level && *new_level == item.after_level)));
        assert!(entries.iter().any(|c| matches!(c,
            Change::Estimated { tier, votes, dissent, .. }
                if *tier == item.tier && *votes == item.votes && *dissent == item.dissent)));
    }
    assert_eq!(Assessment::from_json_str(&a.to_json_string()).unwrap(), a);
}

#[test]
fn snapshots_are_stored_apart_and_put_back_unchanged() {
    let v2: Value = serde_json::from_str(include_str!("fixtures/schema/v2.json")).unwrap();
    let whole = riskwright_engine::document::load_document(v2).unwrap();
    let core = whole.to_json_core();
    assert!(
        !core.contains("Internal audit 2026"),
        "the core has no snapshot"
    );
    let mut loaded = Assessment::from_json_str(&core).unwrap();
    assert!(loaded.snapshots.is_empty());
    loaded.attach_snapshots(&whole.snapshots_json()).unwrap();
    assert_eq!(loaded, whole);
    let mut broken = Assessment::from_json_str(&core).unwrap();
    let problems = broken.attach_snapshots(r#"[{"name": 3}]"#).unwrap_err();
    assert!(
        problems[0].path.starts_with("$.snapshots[0]"),
        "{problems:?}"
    );
    assert!(
        broken.snapshots.is_empty(),
        "a bad snapshot list changes nothing"
    );
}

#[test]
fn the_history_is_stored_in_parts_and_put_back_unchanged() {
    let v2: Value = serde_json::from_str(include_str!("fixtures/schema/v2.json")).unwrap();
    let mut whole = riskwright_engine::document::load_document(v2).unwrap();
    whole.snapshots.clear();
    let register = whole.to_json_register();
    assert!(!register.contains("\"history\""));
    let parts = [whole.history_json(0..4), whole.history_json(4..100)];
    let mut loaded = Assessment::from_json_str(&register).unwrap();
    loaded.attach_history(&parts, 7).unwrap();
    assert_eq!(loaded, whole);
    // Entries past the count belong to a save that never committed.
    let mut shorter = Assessment::from_json_str(&register).unwrap();
    shorter.attach_history(&parts, 5).unwrap();
    assert_eq!(shorter.history, whole.history[..5]);
    // A missing part or a damaged entry is refused, with nothing appended.
    let mut broken = Assessment::from_json_str(&register).unwrap();
    assert!(broken.attach_history(&parts[..1], 7).is_err());
    let problems = broken
        .attach_history(&[r#"[{"at": 1}]"#.to_string()], 1)
        .unwrap_err();
    assert!(problems[0].path.starts_with("$.history[0]"), "{problems:?}");
    assert!(broken.history.is_empty());
}

/// The document reader names every member the way the writer (serde) does:
/// a document that sets every field, and has one history entry of every
/// kind, reads and writes back to the same JSON.
#[test]
fn every_member_and_kind_reads_back_as_written() {
    let tier = json!({"likelihood": 2, "impacts": {"c": 3, "i": 1}});
    let vote = json!({"participant": "Ana", "likelihood": 2, "impact": 3});
    let mut formula =
        serde_json::to_value(riskwright_engine::method::preset("3x3").unwrap()).unwrap();
    formula["aggregation"] = json!("mean");
    formula["likelihood"]["levels"][0]["guidance"] = json!("once in ten years");
    formula["rule"] = json!({"kind": "formula", "formula": "sum", "thresholds": [
        {"min_score": 2, "level": formula["levels"][0]["id"].clone()}
    ]});
    let changes = [
        json!({"kind": "created", "title": "t"}),
        json!({"kind": "deleted", "title": "t"}),
        json!({"kind": "score", "tier": "current", "old": tier, "new": tier, "old_level": "low", "new_level": "high"}),
        json!({"kind": "treatment", "old": "untreated", "new": "in_progress"}),
        json!({"kind": "reviewed", "on": "2026-12-01"}),
        json!({"kind": "method_changed", "risks_changed": 4}),
        json!({"kind": "decision", "old": "retain", "new": "share", "justification": "insured"}),
        json!({"kind": "controls", "lines": ["8.7 added"]}),
        json!({"kind": "override", "tier": "residual", "justification": "tested"}),
        json!({"kind": "accepted", "by": "Bo", "on": "2026-12-01", "level": "low"}),
        json!({"kind": "acceptance_withdrawn"}),
        json!({"kind": "applicability", "control_id": "5.1", "old": null, "new": true}),
        json!({"kind": "estimated", "tier": "inherent", "votes": [vote], "likelihood": 2, "impact": 3, "dissent": "too low"}),
        json!({"kind": "workshop", "workshop_id": "W-1", "title": "Kick-off", "risks": 2}),
        json!({"kind": "action", "action_id": "A-1", "old": "planned", "new": "done"}),
    ];
    let history: Vec<Value> = changes
        .iter()
        .map(|change| json!({"at": "2026-12-01T10:00:00Z", "risk_id": "R1", "change": change, "reason": "why"}))
        .collect();
    let risk = json!({
        "id": "R1", "title": "Ransomware", "scenario": "s", "consequence": "c",
        "asset_ids": ["A1"], "threat_id": "T1", "vulnerability_id": "V1", "owner": "Bo",
        "existing_controls": "backups", "inherent": tier, "current": tier, "residual": tier,
        "treatment": "implemented", "reviewed_on": "2026-11-30", "tags": ["ops"],
        "decision": {"option": "modify", "justification": "j"},
        "controls": [{"control_id": "8.13", "status": "not_effective", "effectiveness": "high", "acts_through": "corrective"}],
        "overrides": {"current": "measured"},
        "acceptance": {"by": "Bo", "on": "2026-12-01", "note": "n", "level": "low"}
    });
    let document = json!({
        "schema_version": SCHEMA_VERSION,
        "name": "Every field", "scope": "HQ", "method": formula,
        "assets": [{"id": "A1", "name": "CRM", "kind": "service", "owner": "Bo", "description": "d", "valuation": {"c": 2}}],
        "threats": [{"id": "T1", "name": "Fire", "description": "d", "properties": ["availability"], "origin": "environmental", "catalogue_id": "TH-1"}],
        "vulnerabilities": [{"id": "V1", "name": "Old", "description": "d", "catalogue_id": "VU-1"}],
        "risks": [risk],
        "custom_controls": [{
            "id": "X-1", "title": "Custom", "source": "Internal", "theme": "people", "new_in_2022": true,
            "control_types": ["preventive"], "security_properties": ["integrity"],
            "cybersecurity_concepts": ["protect"], "operational_capabilities": ["governance"],
            "security_domains": ["defence"], "guidance": "g", "evidence": ["e"], "tags": ["t"]
        }],
        "soa": [{
            "control_id": "5.1", "applicable": true, "reasons": ["legal", "contractual", "business"],
            "reason_note": "GDPR", "exclusion_justification": "", "status": "in_progress",
            "evidence": ["policy.pdf"], "owner": "Bo", "reviewed_on": "2026-12-01"
        }],
        "plan": [{"id": "A-1", "title": "Back up", "control_id": "8.13", "owner": "Bo", "due": "2027-01-31", "status": "in_progress", "risk_ids": ["R1"], "note": "n"}],
        "workshops": [{
            "id": "W-1", "title": "Kick-off", "date": "2026-12-01", "facilitator": "Cy", "participants": ["Ana"],
            "items": [{"risk_id": "R1", "title": "Ransomware", "tier": "inherent", "before": tier, "after": tier,
                       "before_level": "low", "after_level": "high", "votes": [vote], "dissent": "d", "notes": "n", "seconds": 90}],
            "notes": "n"
        }],
        "history": history,
        "snapshots": [{"name": "Audit", "taken_at": "2026-12-01T10:00:00Z", "method": formula, "risks": [risk]}]
    });
    // Consistency problems (the catalogue ids made up here) do not matter:
    // only the structure is under test.
    let (read, problems) = riskwright_engine::document::decode(document.clone());
    let read = read.unwrap_or_else(|| panic!("{problems:#?}"));
    assert_eq!(read.to_json_value(), document);
}

/// Every name of every closed set reads back as serde writes it.
#[test]
fn every_enum_name_reads_back_as_written() {
    use riskwright_engine::catalogue::{
        AssetType, ControlType, CybersecurityConcept, OperationalCapability, SecurityDomain,
        SecurityProperty, Theme, ThreatOrigin,
    };
    use riskwright_engine::document::{
        read_value, ActionStatus, InclusionReason, Tier, TreatmentStatus,
    };
    use riskwright_engine::method::{Aggregation, Formula};
    use riskwright_engine::treatment::{ControlStatus, Effectiveness, TreatmentOption};
    fn check<T>(all: &[T])
    where
        T: serde::Serialize + riskwright_engine::document::FromJson + PartialEq + std::fmt::Debug,
    {
        for value in all {
            let json = serde_json::to_value(value).unwrap();
            assert_eq!(read_value::<T>(&json, "$").as_ref(), Ok(value), "{json}");
        }
        let problems = read_value::<T>(&json!("no_such_name"), "$.x").unwrap_err();
        assert_eq!(problems[0].path, "$.x");
        assert!(problems[0]
            .message
            .contains("unknown variant `no_such_name`"));
    }
    check(&TreatmentStatus::ALL);
    check(&Tier::ALL);
    check(&ActionStatus::ALL);
    check(&InclusionReason::ALL);
    check(&TreatmentOption::ALL);
    check(&ControlStatus::ALL);
    check(&Effectiveness::ALL);
    check(AssetType::ALL);
    check(Theme::ALL);
    check(ControlType::ALL);
    check(SecurityProperty::ALL);
    check(CybersecurityConcept::ALL);
    check(OperationalCapability::ALL);
    check(SecurityDomain::ALL);
    check(&[
        ThreatOrigin::Deliberate,
        ThreatOrigin::Accidental,
        ThreatOrigin::Environmental,
    ]);
    check(&[Aggregation::Max, Aggregation::Mean]);
    check(&[Formula::Product, Formula::Sum]);
}

/// One item's problems are all reported, not only the first.
#[test]
fn every_problem_of_one_risk_is_reported() {
    let mut document = fixture();
    document["risks"][0]["title"] = json!(7);
    document["risks"][0]["treatment"] = json!("finished");
    document["risks"][0]["current"]["likelihood"] = json!(300);
    document["risks"][0]
        .as_object_mut()
        .map(|risk| risk.remove("id"));
    let problems = validate_document(&document);
    let found: Vec<(&str, &str)> = problems
        .iter()
        .map(|p| (p.path.as_str(), p.message.as_str()))
        .collect();
    assert_eq!(
        found,
        [
            ("$.risks[0].id", "missing"),
            ("$.risks[0].title", "invalid type: integer `7`, expected a string"),
            (
                "$.risks[0].current.likelihood",
                "invalid value: integer `300`, expected u8"
            ),
            (
                "$.risks[0].treatment",
                "unknown variant `finished`, expected one of `untreated`, `planned`, `in_progress`, `implemented`"
            ),
        ]
    );
}
