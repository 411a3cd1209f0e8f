//! The risk register: edits, history, undo, replay, review dates, queries
//! and the overview, as users rely on them.

use proptest::prelude::*;
use riskwright_engine::date::Date;
use riskwright_engine::document::{
    Assessment, Asset, Change, HistoryEntry, Risk, ScoredTier, Snapshot, Threat, Tier,
    TreatmentStatus, Vulnerability,
};
use riskwright_engine::method::{preset, ResolvedMethod};
use riskwright_engine::register::{
    is_overdue, natural_cmp, overview, query, replay, review_due, RegisterEdit, RegisterQuery,
    SortKey, TierUpdate,
};
use std::cmp::Ordering;
use std::collections::BTreeMap;

const AT: &str = "2026-11-28T10:00:00Z";

fn date(text: &str) -> Date {
    Date::parse(text).unwrap()
}

/// A tier rated on confidentiality only.
fn scored(likelihood: u8, impact: u8) -> ScoredTier {
    ScoredTier {
        likelihood,
        impacts: BTreeMap::from([("confidentiality".to_string(), impact)]),
    }
}

fn risk(id: &str, title: &str) -> Risk {
    Risk {
        id: id.into(),
        title: title.into(),
        ..Risk::default()
    }
}

fn asset(id: &str, name: &str) -> Asset {
    Asset {
        id: id.into(),
        name: name.into(),
        kind: Default::default(),
        owner: String::new(),
        description: String::new(),
        valuation: BTreeMap::new(),
    }
}

fn threat(id: &str) -> Threat {
    Threat {
        id: id.into(),
        name: format!("Threat {id}"),
        description: String::new(),
        properties: Vec::new(),
        origin: None,
        catalogue_id: None,
    }
}

fn vulnerability(id: &str) -> Vulnerability {
    Vulnerability {
        id: id.into(),
        name: format!("Weakness {id}"),
        description: String::new(),
        catalogue_id: None,
    }
}

/// Two assets, two threats, two vulnerabilities, two risks (R-1 links A-1,
/// T-1 and V-1)
/// and a snapshot, built through `apply` so the history is complete.
fn base() -> Assessment {
    let mut a = Assessment::new("Base");
    let edits = vec![
        RegisterEdit::AddAsset(asset("A-1", "Laptops")),
        RegisterEdit::AddAsset(asset("A-2", "Server room")),
        RegisterEdit::AddThreat(threat("T-1")),
        RegisterEdit::AddThreat(threat("T-2")),
        RegisterEdit::AddVulnerability(vulnerability("V-1")),
        RegisterEdit::AddVulnerability(vulnerability("V-2")),
        RegisterEdit::AddRisk(Risk {
            asset_ids: vec!["A-1".into()],
            threat_id: Some("T-1".into()),
            vulnerability_id: Some("V-1".into()),
            inherent: Some(scored(5, 4)),
            current: Some(scored(4, 4)),
            owner: "Alice".into(),
            ..risk("", "Laptop theft")
        }),
        RegisterEdit::AddRisk(Risk {
            current: Some(scored(2, 2)),
            ..risk("", "Phishing")
        }),
        RegisterEdit::TakeSnapshot {
            name: "Baseline".into(),
        },
    ];
    for edit in edits {
        a.apply(edit, "2026-01-01T09:00:00Z", "").unwrap();
    }
    a
}

fn without_history(a: &Assessment) -> Assessment {
    let mut a = a.clone();
    a.history.clear();
    a
}

#[test]
fn every_edit_kind_applies_and_its_inverse_restores_the_state() {
    let five = preset("5x5").unwrap();
    let mut three = preset("3x3").unwrap();
    three.appetite = "medium".into();
    let snapshot = base().snapshots[0].clone();
    let edits: Vec<RegisterEdit> = vec![
        RegisterEdit::SetName("Renamed".into()),
        RegisterEdit::SetScope("All of it".into()),
        RegisterEdit::AddRisk(risk("", "New risk")),
        RegisterEdit::AddRisk(Risk {
            residual: Some(scored(1, 1)),
            ..risk("R-77", "Named risk")
        }),
        RegisterEdit::UpdateRisk(Risk {
            current: Some(scored(1, 4)),
            treatment: TreatmentStatus::Planned,
            reviewed_on: Some(date("2026-06-01")),
            ..base().risks[0].clone()
        }),
        RegisterEdit::DeleteRisk { id: "R-1".into() },
        RegisterEdit::RestoreRisk {
            index: 0,
            risk: risk("R-9", "Restored"),
        },
        RegisterEdit::ReviewRisk {
            id: "R-2".into(),
            on: date("2026-11-01"),
        },
        RegisterEdit::AddAsset(asset("A-3", "Payroll")),
        RegisterEdit::UpdateAsset(asset("A-1", "Company laptops")),
        RegisterEdit::DeleteAsset { id: "A-2".into() },
        RegisterEdit::RestoreAsset {
            index: 0,
            asset: asset("A-0", "First"),
        },
        RegisterEdit::AddThreat(threat("T-3")),
        RegisterEdit::UpdateThreat(Threat {
            description: "More words".into(),
            ..threat("T-1")
        }),
        RegisterEdit::DeleteThreat { id: "T-2".into() },
        RegisterEdit::RestoreThreat {
            index: 9,
            threat: threat("T-9"),
        },
        RegisterEdit::AddVulnerability(vulnerability("V-3")),
        RegisterEdit::UpdateVulnerability(Vulnerability {
            description: "Unpatched".into(),
            ..vulnerability("V-1")
        }),
        RegisterEdit::RestoreVulnerability {
            index: 0,
            vulnerability: vulnerability("V-0"),
        },
        RegisterEdit::DeleteVulnerability { id: "V-2".into() },
        RegisterEdit::ChangeMethod {
            method: three.clone(),
            rescored: vec![
                TierUpdate {
                    risk_id: "R-1".into(),
                    tier: Tier::Inherent,
                    value: Some(scored(3, 3)),
                },
                TierUpdate {
                    risk_id: "R-1".into(),
                    tier: Tier::Current,
                    value: Some(scored(2, 3)),
                },
            ],
        },
        RegisterEdit::ChangeMethod {
            method: five,
            rescored: vec![TierUpdate {
                risk_id: "R-2".into(),
                tier: Tier::Current,
                value: None,
            }],
        },
        RegisterEdit::TakeSnapshot {
            name: "Audit".into(),
        },
        RegisterEdit::DeleteSnapshot { index: 0 },
        RegisterEdit::RestoreSnapshot {
            index: 0,
            snapshot: Snapshot {
                name: "Older".into(),
                ..snapshot
            },
        },
    ];
    for edit in edits {
        let original = base();
        let mut a = original.clone();
        let applied = a
            .apply(edit.clone(), AT, "because")
            .unwrap_or_else(|p| panic!("{edit:?}: {p:#?}"));
        assert_ne!(without_history(&a), without_history(&original), "{edit:?}");
        assert_eq!(a.history.len(), original.history.len() + applied.recorded);
        assert_eq!(a.history[..original.history.len()], original.history[..]);
        let history_before_undo = a.history.clone();
        let undone = a.apply(applied.inverse.clone(), AT, "undo").unwrap();
        assert_eq!(without_history(&a), without_history(&original), "{edit:?}");
        assert!(a.history.starts_with(&history_before_undo));
        assert_eq!(a.history.len(), history_before_undo.len() + undone.recorded);
        // Undo of the undo is the edit again.
        let mut redone = a.clone();
        redone.apply(undone.inverse, AT, "redo").unwrap();
        let mut expected = original.clone();
        expected.apply(edit.clone(), AT, "because").unwrap();
        assert_eq!(
            without_history(&redone),
            without_history(&expected),
            "{edit:?}"
        );
    }
}

#[test]
fn refused_edits_leave_the_assessment_unchanged_and_name_the_path() {
    let mut five_wide = preset("5x5").unwrap();
    five_wide.appetite = "nowhere".into();
    let cases: Vec<(RegisterEdit, &str, &str, &str)> = vec![
        (
            RegisterEdit::AddRisk(risk("", " ")),
            AT,
            "$.risks[2].title",
            "empty",
        ),
        (
            RegisterEdit::AddRisk(Risk {
                current: Some(scored(9, 2)),
                ..risk("", "Off the scale")
            }),
            AT,
            "$.risks[2].current.likelihood",
            "1 to 5",
        ),
        (
            RegisterEdit::AddRisk(risk("R-1", "Twin")),
            AT,
            "$.risks[2].id",
            "used twice",
        ),
        (
            RegisterEdit::AddRisk(Risk {
                asset_ids: vec!["A-9".into()],
                ..risk("", "Orphan")
            }),
            AT,
            "$.risks[2].asset_ids[0]",
            "no asset 'A-9'",
        ),
        (
            RegisterEdit::AddRisk(Risk {
                threat_id: Some("T-9".into()),
                ..risk("", "Orphan")
            }),
            AT,
            "$.risks[2].threat_id",
            "no threat",
        ),
        (
            RegisterEdit::AddRisk(Risk {
                vulnerability_id: Some("V-9".into()),
                ..risk("", "Orphan")
            }),
            AT,
            "$.risks[2].vulnerability_id",
            "no vulnerability",
        ),
        (
            RegisterEdit::AddRisk(risk("", "Fine")),
            "yesterday",
            "at",
            "not a date",
        ),
        (
            RegisterEdit::SetName("ok".into()),
            "2026-02-30T00:00:00Z",
            "at",
            "calendar",
        ),
        (
            RegisterEdit::UpdateRisk(Risk {
                current: Some(scored(2, 0)),
                ..base().risks[1].clone()
            }),
            AT,
            "$.risks[1].current.impacts.confidentiality",
            "1 to 5",
        ),
        (
            RegisterEdit::UpdateRisk(Risk {
                title: String::new(),
                ..base().risks[0].clone()
            }),
            AT,
            "$.risks[0].title",
            "empty",
        ),
        (
            RegisterEdit::UpdateRisk(risk("R-9", "Nobody")),
            AT,
            "$.risks",
            "no risk 'R-9'",
        ),
        (
            RegisterEdit::DeleteRisk { id: "R-9".into() },
            AT,
            "$.risks",
            "no risk",
        ),
        (
            RegisterEdit::RestoreRisk {
                index: 0,
                risk: risk("R-2", "Twin"),
            },
            AT,
            "$.risks[0].id",
            "used twice",
        ),
        (
            RegisterEdit::ReviewRisk {
                id: "R-9".into(),
                on: date("2026-01-01"),
            },
            AT,
            "$.risks",
            "no risk",
        ),
        (
            RegisterEdit::SetName("  ".into()),
            AT,
            "$.name",
            "needs a name",
        ),
        (
            RegisterEdit::AddAsset(asset("A-1", "Twin")),
            AT,
            "$.assets[2].id",
            "used twice",
        ),
        (
            RegisterEdit::AddAsset(asset("A-3", "")),
            AT,
            "$.assets[2].name",
            "empty",
        ),
        (
            RegisterEdit::UpdateAsset(Asset {
                valuation: BTreeMap::from([("integrity".to_string(), 6)]),
                ..asset("A-1", "Laptops")
            }),
            AT,
            "$.assets[0].valuation.integrity",
            "1 to 5",
        ),
        (
            RegisterEdit::DeleteAsset { id: "A-1".into() },
            AT,
            "$.assets[0]",
            "R-1",
        ),
        (
            RegisterEdit::DeleteAsset { id: "A-9".into() },
            AT,
            "$.assets",
            "no asset",
        ),
        (
            RegisterEdit::DeleteThreat { id: "T-1".into() },
            AT,
            "$.threats[0]",
            "R-1",
        ),
        (
            RegisterEdit::DeleteVulnerability { id: "V-1".into() },
            AT,
            "$.vulnerabilities[0]",
            "R-1",
        ),
        (
            RegisterEdit::AddThreat(threat("")),
            AT,
            "$.threats[2].id",
            "empty",
        ),
        (
            RegisterEdit::UpdateVulnerability(vulnerability("V-7")),
            AT,
            "$.vulnerabilities",
            "no vulnerability",
        ),
        (
            RegisterEdit::ChangeMethod {
                method: preset("3x3").unwrap(),
                rescored: vec![TierUpdate {
                    risk_id: "R-2".into(),
                    tier: Tier::Current,
                    value: Some(scored(1, 1)),
                }],
            },
            AT,
            "$.risks[0].current.likelihood",
            "1 to 3",
        ),
        (
            RegisterEdit::ChangeMethod {
                method: five_wide,
                rescored: Vec::new(),
            },
            AT,
            "$.method.appetite",
            "",
        ),
        (
            RegisterEdit::ChangeMethod {
                method: preset("5x5").unwrap(),
                rescored: vec![TierUpdate {
                    risk_id: "R-5".into(),
                    tier: Tier::Current,
                    value: None,
                }],
            },
            AT,
            "$.risks",
            "no risk 'R-5'",
        ),
        (
            RegisterEdit::TakeSnapshot { name: "".into() },
            AT,
            "$.snapshots[1].name",
            "needs a name",
        ),
        (
            RegisterEdit::DeleteSnapshot { index: 1 },
            AT,
            "$.snapshots",
            "no snapshot",
        ),
    ];
    for (edit, at, path, message) in cases {
        let mut a = base();
        let before = a.to_json_string();
        let problems = a.apply(edit.clone(), at, "").unwrap_err();
        assert_eq!(a.to_json_string(), before, "{edit:?}");
        assert!(
            problems
                .iter()
                .any(|p| p.path == path && p.message.contains(message)),
            "{edit:?}: {problems:#?}"
        );
    }
}

fn score_entry(entry: &HistoryEntry) -> (Tier, Option<&str>, Option<&str>) {
    match &entry.change {
        Change::Score {
            tier,
            old_level,
            new_level,
            ..
        } => (*tier, old_level.as_deref(), new_level.as_deref()),
        other => panic!("expected a score entry, found {other:?}"),
    }
}

#[test]
fn rescoring_current_from_likely_to_rare_records_one_score_entry() {
    let mut a = base();
    let before = a.history.len();
    let updated = Risk {
        current: Some(scored(1, 4)),
        ..a.risks[0].clone()
    };
    let applied = a
        .apply(RegisterEdit::UpdateRisk(updated), AT, "new MDM rollout")
        .unwrap();
    assert_eq!(applied.recorded, 1);
    let entry = &a.history[before];
    assert_eq!(
        entry.change,
        Change::Score {
            tier: Tier::Current,
            old: Some(scored(4, 4)),
            new: Some(scored(1, 4)),
            old_level: Some("high".into()),
            new_level: Some("low".into()),
        }
    );
    assert_eq!(
        (
            entry.at.as_str(),
            entry.risk_id.as_str(),
            entry.reason.as_str()
        ),
        (AT, "R-1", "new MDM rollout")
    );
}

#[test]
fn each_edit_records_the_history_entries_specified() {
    // AddRisk: Created then one Score per scored tier, review date from `at`.
    let mut a = Assessment::new("History");
    let applied = a
        .apply(
            RegisterEdit::AddRisk(Risk {
                inherent: Some(scored(5, 5)),
                residual: Some(scored(1, 1)),
                ..risk("", "Flood")
            }),
            AT,
            "initial",
        )
        .unwrap();
    assert_eq!(applied.recorded, 3);
    assert_eq!(a.risks[0].id, "R-1");
    assert_eq!(a.risks[0].reviewed_on, Some(date("2026-11-28")));
    assert_eq!(
        a.history[0].change,
        Change::Created {
            title: "Flood".into()
        }
    );
    assert_eq!(
        score_entry(&a.history[1]),
        (Tier::Inherent, None, Some("very_high"))
    );
    assert_eq!(
        score_entry(&a.history[2]),
        (Tier::Residual, None, Some("low"))
    );
    assert!(a
        .history
        .iter()
        .all(|e| e.reason == "initial" && e.at == AT));

    // UpdateRisk: changed tiers, then treatment, then review date.
    let updated = Risk {
        inherent: None,
        current: Some(scored(3, 3)),
        treatment: TreatmentStatus::InProgress,
        reviewed_on: Some(date("2026-12-01")),
        ..a.risks[0].clone()
    };
    let applied = a.apply(RegisterEdit::UpdateRisk(updated), AT, "").unwrap();
    let recorded: Vec<&Change> = a.history[3..].iter().map(|e| &e.change).collect();
    assert_eq!(applied.recorded, 4);
    assert_eq!(
        score_entry(&a.history[3]),
        (Tier::Inherent, Some("very_high"), None)
    );
    assert_eq!(
        score_entry(&a.history[4]),
        (Tier::Current, None, Some("medium"))
    );
    assert_eq!(
        recorded[2],
        &Change::Treatment {
            old: TreatmentStatus::Untreated,
            new: TreatmentStatus::InProgress
        }
    );
    assert_eq!(
        recorded[3],
        &Change::Reviewed {
            on: date("2026-12-01")
        }
    );

    // An update that changes only the description records nothing.
    let quiet = Risk {
        scenario: "Water in the basement".into(),
        ..a.risks[0].clone()
    };
    assert_eq!(
        a.apply(RegisterEdit::UpdateRisk(quiet), AT, "")
            .unwrap()
            .recorded,
        0
    );

    // ReviewRisk always records the review.
    let on = date("2027-01-05");
    let applied = a
        .apply(
            RegisterEdit::ReviewRisk {
                id: "R-1".into(),
                on,
            },
            AT,
            "",
        )
        .unwrap();
    assert_eq!(applied.recorded, 1);
    assert_eq!(a.risks[0].reviewed_on, Some(on));
    assert_eq!(a.history.last().unwrap().change, Change::Reviewed { on });

    // Asset, name, scope and snapshot edits record nothing.
    let len = a.history.len();
    for edit in [
        RegisterEdit::AddAsset(asset("A-1", "Basement")),
        RegisterEdit::SetName("Renamed".into()),
        RegisterEdit::SetScope("Head office".into()),
        RegisterEdit::TakeSnapshot { name: "Now".into() },
        RegisterEdit::DeleteSnapshot { index: 0 },
    ] {
        assert_eq!(a.apply(edit, AT, "").unwrap().recorded, 0);
    }
    assert_eq!(a.history.len(), len);

    // ChangeMethod: MethodChanged with the risks whose level moved, then a
    // Score entry per update that changed value or level.
    a.apply(RegisterEdit::AddRisk(risk("", "Unscored")), AT, "")
        .unwrap();
    a.apply(
        RegisterEdit::AddRisk(Risk {
            current: Some(scored(1, 1)),
            ..risk("", "Tiny")
        }),
        AT,
        "",
    )
    .unwrap();
    let len = a.history.len();
    // Raise the medium threshold from 5 to 10: R-1's current 3×3 = 9 becomes low.
    let mut nine = preset("5x5").unwrap();
    if let riskwright_engine::method::LevelRule::Formula { thresholds, .. } = &mut nine.rule {
        thresholds[1].min_score = 10;
        thresholds[2].min_score = 11;
    }
    let applied = a
        .apply(
            RegisterEdit::ChangeMethod {
                method: nine,
                rescored: vec![
                    TierUpdate {
                        risk_id: "R-3".into(),
                        tier: Tier::Current,
                        value: Some(scored(1, 1)), // unchanged value and level
                    },
                    TierUpdate {
                        risk_id: "R-2".into(),
                        tier: Tier::Inherent,
                        value: Some(scored(2, 2)),
                    },
                ],
            },
            AT,
            "recalibration",
        )
        .unwrap();
    assert_eq!(applied.recorded, 2);
    assert_eq!(
        a.history[len].change,
        Change::MethodChanged { risks_changed: 2 }
    );
    assert_eq!(a.history[len].risk_id, "");
    assert_eq!(a.history[len + 1].risk_id, "R-2");
    assert_eq!(
        score_entry(&a.history[len + 1]),
        (Tier::Inherent, None, Some("low"))
    );
    assert!(a.history[len..].iter().all(|e| e.reason == "recalibration"));

    // DeleteRisk records Deleted with the title.
    a.apply(RegisterEdit::DeleteRisk { id: "R-3".into() }, AT, "gone")
        .unwrap();
    assert_eq!(
        a.history.last().unwrap().change,
        Change::Deleted {
            title: "Tiny".into()
        }
    );
    assert_eq!(replay(&a.history).len(), 2);
}

#[test]
fn new_risk_ids_follow_the_highest_number_in_use() {
    let cases: &[(&[&str], &str)] = &[
        (&[], "R-1"),
        (&["R-1", "R-2"], "R-3"),
        (&["R-9", "R-10"], "R-11"),
        (&["R-3", "X-12", "custom"], "R-13"),
        (&["R-0099"], "R-100"),
        (&["R-99999999999999999999999"], "R-1"),
    ];
    for (ids, expected) in cases {
        let mut a = Assessment::new("Ids");
        for id in *ids {
            a.apply(RegisterEdit::AddRisk(risk(id, "Existing")), AT, "")
                .unwrap();
        }
        a.apply(RegisterEdit::AddRisk(risk("", "New")), AT, "")
            .unwrap();
        assert_eq!(a.risks.last().unwrap().id, *expected, "{ids:?}");
    }
}

#[test]
fn edits_travel_as_json_tagged_by_kind() {
    let cases = [
        (
            RegisterEdit::SetName("Q3".into()),
            serde_json::json!({"kind": "set_name", "name": "Q3"}),
        ),
        (
            RegisterEdit::DeleteRisk { id: "R-1".into() },
            serde_json::json!({"kind": "delete_risk", "id": "R-1"}),
        ),
        (
            RegisterEdit::ReviewRisk {
                id: "R-1".into(),
                on: date("2026-11-28"),
            },
            serde_json::json!({"kind": "review_risk", "id": "R-1", "on": "2026-11-28"}),
        ),
        (
            RegisterEdit::DeleteSnapshot { index: 2 },
            serde_json::json!({"kind": "delete_snapshot", "index": 2}),
        ),
    ];
    for (edit, json) in cases {
        assert_eq!(serde_json::to_value(&edit).unwrap(), json);
        assert_eq!(RegisterEdit::from_wire_value(&json, "$").unwrap(), edit);
        assert_eq!(serde_json::from_value::<RegisterEdit>(json).unwrap(), edit);
    }
    // Every variant survives a round trip, including wrapped assets whose own
    // `kind` field must not clash with the tag.
    let a = base();
    for edit in [
        RegisterEdit::AddAsset(a.assets[0].clone()),
        RegisterEdit::UpdateRisk(a.risks[0].clone()),
        RegisterEdit::RestoreSnapshot {
            index: 0,
            snapshot: a.snapshots[0].clone(),
        },
        RegisterEdit::ChangeMethod {
            method: a.method.clone(),
            rescored: vec![TierUpdate {
                risk_id: "R-1".into(),
                tier: Tier::Residual,
                value: Some(scored(1, 1)),
            }],
        },
    ] {
        let text = serde_json::to_string(&edit).unwrap();
        assert_eq!(serde_json::from_str::<RegisterEdit>(&text).unwrap(), edit);
        let value = serde_json::to_value(&edit).unwrap();
        assert_eq!(RegisterEdit::from_wire_value(&value, "$").unwrap(), edit);
    }
    // The app's reader names the field that does not fit, and refuses an
    // unknown kind.
    let bad = serde_json::json!({"kind": "restore_risk", "index": "two", "risk": {}});
    let problems = RegisterEdit::from_wire_value(&bad, "$.undo[0]").unwrap_err();
    assert_eq!(problems[0].path, "$.undo[0].index", "{problems:?}");
    let unknown = serde_json::json!({"kind": "rename_everything"});
    let problems = RegisterEdit::from_wire_value(&unknown, "$").unwrap_err();
    assert_eq!(problems[0].path, "$.kind");
}

fn current_tiers(a: &Assessment) -> BTreeMap<String, [Option<ScoredTier>; 3]> {
    a.risks
        .iter()
        .map(|r| {
            (
                r.id.clone(),
                [r.inherent.clone(), r.current.clone(), r.residual.clone()],
            )
        })
        .collect()
}

#[derive(Debug, Clone)]
enum Op {
    Add([Option<(u8, u8)>; 3]),
    Update(usize, [Option<(u8, u8)>; 3], usize, Option<u16>),
    Delete(usize),
    Restore(usize),
    Review(usize, u16),
}

fn tiers() -> impl Strategy<Value = [Option<(u8, u8)>; 3]> {
    // Likelihood 6 is off the 5×5 scale: such edits must be refused cleanly.
    let tier = proptest::option::of((1u8..=6, 1u8..=5));
    [tier.clone(), tier.clone(), tier]
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        tiers().prop_map(Op::Add),
        (
            any::<usize>(),
            tiers(),
            0usize..4,
            proptest::option::of(0u16..800)
        )
            .prop_map(|(k, t, s, d)| Op::Update(k, t, s, d)),
        any::<usize>().prop_map(Op::Delete),
        any::<usize>().prop_map(Op::Restore),
        (any::<usize>(), 0u16..800).prop_map(|(k, d)| Op::Review(k, d)),
    ]
}

fn to_tier(t: Option<(u8, u8)>) -> Option<ScoredTier> {
    t.map(|(l, i)| scored(l, i))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn history_replays_to_the_register_and_inverses_undo_everything(ops in proptest::collection::vec(op(), 1..40)) {
        let day0 = date("2026-01-01");
        let mut a = Assessment::new("Property");
        for title in ["One", "Two", "Three"] {
            a.apply(RegisterEdit::AddRisk(Risk { current: Some(scored(3, 3)), ..risk("", title) }), AT, "").unwrap();
        }
        let original = a.risks.clone();
        let mut inverses = Vec::new();
        let mut deleted: Vec<RegisterEdit> = Vec::new();
        for op in ops {
            let pick = |k: usize| a.risks.get(k % a.risks.len().max(1)).cloned();
            let edit = match op {
                Op::Add(t) => RegisterEdit::AddRisk(Risk {
                    inherent: to_tier(t[0]), current: to_tier(t[1]), residual: to_tier(t[2]),
                    ..risk("", "Added")
                }),
                Op::Update(k, t, s, d) => match pick(k) {
                    Some(r) => RegisterEdit::UpdateRisk(Risk {
                        inherent: to_tier(t[0]), current: to_tier(t[1]), residual: to_tier(t[2]),
                        treatment: TreatmentStatus::ALL[s],
                        reviewed_on: d.map(|d| day0.add_days(i64::from(d))).or(r.reviewed_on),
                        ..r
                    }),
                    None => continue,
                },
                Op::Delete(k) => match pick(k) {
                    Some(r) => RegisterEdit::DeleteRisk { id: r.id },
                    None => continue,
                },
                Op::Restore(k) => {
                    if deleted.is_empty() { continue; }
                    deleted.remove(k % deleted.len())
                }
                Op::Review(k, d) => match pick(k) {
                    Some(r) => RegisterEdit::ReviewRisk { id: r.id, on: day0.add_days(i64::from(d)) },
                    None => continue,
                },
            };
            let before = a.clone();
            match a.apply(edit, AT, "prop") {
                Ok(applied) => {
                    prop_assert!(a.history.starts_with(&before.history));
                    prop_assert_eq!(a.history.len(), before.history.len() + applied.recorded);
                    if matches!(applied.inverse, RegisterEdit::RestoreRisk { .. }) {
                        deleted.push(applied.inverse.clone());
                    }
                    inverses.push(applied.inverse);
                }
                Err(problems) => {
                    prop_assert!(!problems.is_empty());
                    prop_assert_eq!(&a, &before);
                }
            }
            prop_assert_eq!(replay(&a.history), current_tiers(&a));
        }
        for inverse in inverses.into_iter().rev() {
            let before = a.history.clone();
            a.apply(inverse, AT, "undo").unwrap();
            prop_assert!(a.history.starts_with(&before));
            prop_assert_eq!(replay(&a.history), current_tiers(&a));
        }
        prop_assert_eq!(a.risks, original);
    }
}

#[test]
fn review_falls_due_after_the_interval_of_the_current_level() {
    let method = ResolvedMethod::new(preset("5x5").unwrap()).unwrap();
    let high = Risk {
        current: Some(scored(4, 4)), // 16: high, every 90 days
        inherent: Some(scored(5, 5)),
        reviewed_on: Some(date("2026-01-01")),
        ..risk("R-1", "High")
    };
    assert_eq!(review_due(&high, &method), Some(date("2026-04-01")));
    let cases = [
        ("2026-03-31", false),
        ("2026-04-01", false), // due today is not overdue
        ("2026-04-02", true),
    ];
    for (today, overdue) in cases {
        assert_eq!(is_overdue(&high, &method, date(today)), overdue, "{today}");
    }
    // Unscored current: the inherent level (very high, 30 days) decides.
    let inherent_only = Risk {
        current: None,
        ..high.clone()
    };
    assert_eq!(
        review_due(&inherent_only, &method),
        Some(date("2026-01-31"))
    );
    // Over a leap day: low, 365 days.
    let low = Risk {
        current: Some(scored(1, 1)),
        reviewed_on: Some(date("2027-03-01")),
        ..high.clone()
    };
    assert_eq!(review_due(&low, &method), Some(date("2028-02-29")));
    // Never reviewed, or nothing scored: no due date, never overdue.
    for r in [
        Risk {
            reviewed_on: None,
            ..high.clone()
        },
        Risk {
            current: None,
            inherent: None,
            ..high.clone()
        },
        Risk {
            current: Some(scored(9, 9)),
            inherent: None,
            ..high.clone()
        },
    ] {
        assert_eq!(review_due(&r, &method), None);
        assert!(!is_overdue(&r, &method, date("2099-01-01")));
    }
}

/// Five risks in register order.
fn register() -> Assessment {
    let mut a = Assessment::new("Query");
    a.assets = vec![asset("A-1", "Laptops"), asset("A-2", "Server room")];
    a.risks = vec![
        Risk {
            owner: "Alice".into(),
            asset_ids: vec!["A-1".into()],
            current: Some(scored(4, 4)), // high 16
            tags: vec!["Physical".into()],
            reviewed_on: Some(date("2026-01-01")), // due 2026-04-01
            ..risk("R-1", "Laptop theft")
        },
        Risk {
            owner: "bob".into(),
            current: Some(scored(1, 2)), // low 2
            treatment: TreatmentStatus::Planned,
            tags: vec!["people".into(), "email".into()],
            reviewed_on: Some(date("2026-11-01")), // due 2027-11-01
            ..risk("R-2", "Phishing")
        },
        Risk {
            owner: "Alice".into(),
            scenario: "Encrypts the file server".into(),
            current: Some(scored(5, 5)), // very high 25
            treatment: TreatmentStatus::InProgress,
            tags: vec!["malware".into()],
            reviewed_on: Some(date("2026-10-01")), // due 2026-10-31
            ..risk("R-10", "Ransomware")
        },
        Risk {
            inherent: Some(scored(3, 3)), // medium 9
            ..risk("R-3", "Supplier failure")
        },
        Risk {
            owner: "Carol".into(),
            asset_ids: vec!["A-2".into()],
            current: Some(scored(2, 3)), // medium 6
            residual: Some(scored(1, 3)),
            treatment: TreatmentStatus::Implemented,
            existing_controls: "Sprinklers".into(),
            reviewed_on: Some(date("2025-01-01")), // due 2025-06-30
            ..risk("R-20", "Fire")
        },
    ];
    assert!(a.check().is_empty());
    a
}

fn ids(a: &Assessment, indices: &[usize]) -> Vec<String> {
    indices.iter().map(|&k| a.risks[k].id.clone()).collect()
}

#[test]
fn query_filters_each_alone_and_combined() {
    let a = register();
    let method = ResolvedMethod::new(a.method.clone()).unwrap();
    let today = date("2026-11-28");
    let q = RegisterQuery::default;
    let cases: Vec<(RegisterQuery, &[&str])> = vec![
        (q(), &["R-1", "R-2", "R-3", "R-10", "R-20"]),
        (
            RegisterQuery {
                text: "LAPTOPS".into(),
                ..q()
            },
            &["R-1"],
        ), // asset name
        (
            RegisterQuery {
                text: "file server".into(),
                ..q()
            },
            &["R-10"],
        ), // scenario
        (
            RegisterQuery {
                text: "email".into(),
                ..q()
            },
            &["R-2"],
        ), // tag
        (
            RegisterQuery {
                text: "sprinkler".into(),
                ..q()
            },
            &["R-20"],
        ), // controls
        (
            RegisterQuery {
                text: "carol".into(),
                ..q()
            },
            &["R-20"],
        ), // owner
        (
            RegisterQuery {
                text: "r-2".into(),
                ..q()
            },
            &["R-2", "R-20"],
        ), // id
        (
            RegisterQuery {
                text: "nothing like it".into(),
                ..q()
            },
            &[],
        ),
        (
            RegisterQuery {
                levels: vec!["medium".into()],
                ..q()
            },
            &["R-20"],
        ),
        (
            RegisterQuery {
                levels: vec!["medium".into()],
                tier: Tier::Inherent,
                ..q()
            },
            &["R-3"],
        ),
        (
            RegisterQuery {
                levels: vec!["low".into(), "very_high".into()],
                ..q()
            },
            &["R-2", "R-10"],
        ),
        (
            RegisterQuery {
                owner: Some("ALICE".into()),
                ..q()
            },
            &["R-1", "R-10"],
        ),
        (
            RegisterQuery {
                owner: Some(String::new()),
                ..q()
            },
            &["R-3"],
        ),
        (
            RegisterQuery {
                asset_id: Some("A-2".into()),
                ..q()
            },
            &["R-20"],
        ),
        (
            RegisterQuery {
                treatment: Some(TreatmentStatus::Untreated),
                ..q()
            },
            &["R-1", "R-3"],
        ),
        (
            RegisterQuery {
                overdue_only: true,
                ..q()
            },
            &["R-1", "R-10", "R-20"],
        ),
        (
            RegisterQuery {
                tags: vec!["PHYSICAL".into()],
                ..q()
            },
            &["R-1"],
        ),
        (
            RegisterQuery {
                tags: vec!["people".into(), "Email".into()],
                ..q()
            },
            &["R-2"],
        ),
        (
            RegisterQuery {
                tags: vec!["people".into(), "malware".into()],
                ..q()
            },
            &[],
        ),
        (
            RegisterQuery {
                cell: Some((4, 4)),
                ..q()
            },
            &["R-1"],
        ),
        (
            RegisterQuery {
                cell: Some((1, 3)),
                tier: Tier::Residual,
                ..q()
            },
            &["R-20"],
        ),
        (
            RegisterQuery {
                owner: Some("alice".into()),
                overdue_only: true,
                levels: vec!["very_high".into()],
                ..q()
            },
            &["R-10"],
        ),
        (
            RegisterQuery {
                text: "a".into(),
                treatment: Some(TreatmentStatus::Untreated),
                overdue_only: true,
                ..q()
            },
            &["R-1"],
        ),
    ];
    for (query_, expected) in cases {
        let found = query(&a, &method, today, &query_);
        assert_eq!(ids(&a, &found), expected, "{query_:?}");
    }
}

#[test]
fn query_sorts_naturally_stably_and_unscored_last() {
    let a = register();
    let method = ResolvedMethod::new(a.method.clone()).unwrap();
    let today = date("2026-11-28");
    let sort = |sort, descending| RegisterQuery {
        sort,
        descending,
        ..RegisterQuery::default()
    };
    let cases: Vec<(RegisterQuery, &[&str])> = vec![
        (
            sort(SortKey::Id, true),
            &["R-20", "R-10", "R-3", "R-2", "R-1"],
        ),
        (
            sort(SortKey::Title, false),
            &["R-20", "R-1", "R-2", "R-10", "R-3"],
        ),
        (
            sort(SortKey::Owner, false),
            &["R-3", "R-1", "R-10", "R-2", "R-20"],
        ),
        (
            sort(SortKey::Current, false),
            &["R-2", "R-20", "R-1", "R-10", "R-3"],
        ),
        (
            sort(SortKey::Current, true),
            &["R-10", "R-1", "R-20", "R-2", "R-3"],
        ),
        (
            sort(SortKey::Inherent, true),
            &["R-3", "R-1", "R-2", "R-10", "R-20"],
        ),
        (
            sort(SortKey::Residual, false),
            &["R-20", "R-1", "R-2", "R-10", "R-3"],
        ),
        (
            sort(SortKey::Treatment, false),
            &["R-1", "R-3", "R-2", "R-10", "R-20"],
        ),
        (
            sort(SortKey::ReviewDue, false),
            &["R-20", "R-1", "R-10", "R-2", "R-3"],
        ),
        (
            sort(SortKey::ReviewDue, true),
            &["R-2", "R-10", "R-1", "R-20", "R-3"],
        ),
    ];
    for (q, expected) in cases {
        assert_eq!(ids(&a, &query(&a, &method, today, &q)), expected, "{q:?}");
    }
    let mut ids = vec!["R-10", "R-2", "r-3", "R-1", "R-02", "A-7", "R-1a", "R-"];
    ids.sort_by(|a, b| natural_cmp(a, b));
    assert_eq!(
        ids,
        ["A-7", "R-", "R-1", "R-1a", "R-02", "R-2", "r-3", "R-10"]
    );
    assert_eq!(
        natural_cmp("R-99999999999999999999999", "R-100"),
        Ordering::Greater
    );
}

#[test]
fn query_options_travel_as_camel_case_json_with_defaults() {
    let q: RegisterQuery = serde_json::from_value(serde_json::json!({
        "overdueOnly": true, "sort": "reviewDue", "cell": [2, 3]
    }))
    .unwrap();
    assert_eq!(
        q,
        RegisterQuery {
            overdue_only: true,
            sort: SortKey::ReviewDue,
            cell: Some((2, 3)),
            ..RegisterQuery::default()
        }
    );
    assert_eq!(q.tier, Tier::Current);
}

#[test]
fn a_query_over_five_thousand_risks_is_fast() {
    let mut a = Assessment::new("Big");
    let mut seed = 7u32;
    let mut next = |max: u8| {
        seed = seed.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
        (seed >> 24) as u8 % max + 1
    };
    for k in 0..5_000 {
        a.risks.push(Risk {
            current: (k % 10 != 0).then(|| scored(next(5), next(5))),
            owner: format!("Owner {}", k % 17),
            tags: vec![format!("tag{}", k % 5)],
            reviewed_on: Some(date("2026-01-01").add_days(i64::from(next(200)))),
            ..risk(&format!("R-{k}"), &format!("Risk number {k}"))
        });
    }
    let method = ResolvedMethod::new(a.method.clone()).unwrap();
    let today = date("2026-11-28");
    let start = std::time::Instant::now();
    let everything = query(&a, &method, today, &RegisterQuery::default());
    let by_level = query(
        &a,
        &method,
        today,
        &RegisterQuery {
            sort: SortKey::Current,
            descending: true,
            ..RegisterQuery::default()
        },
    );
    let filtered = query(
        &a,
        &method,
        today,
        &RegisterQuery {
            text: "number 4".into(),
            tags: vec!["TAG3".into()],
            overdue_only: true,
            sort: SortKey::ReviewDue,
            ..RegisterQuery::default()
        },
    );
    let elapsed = start.elapsed();
    assert!(elapsed.as_secs_f64() < 2.0, "took {elapsed:?}");
    assert_eq!(everything.len(), 5_000);
    assert_eq!(everything[..3], [0, 1, 2]);
    assert_eq!(everything[4_999], 4_999);
    // Levels descend, unscored at the end.
    let levels: Vec<Option<usize>> = by_level
        .iter()
        .map(|&k| {
            let t = a.risks[k].current.as_ref()?;
            method
                .score(
                    i64::from(t.likelihood),
                    i64::from(t.impacts["confidentiality"]),
                )
                .ok()
                .map(|s| s.level)
        })
        .collect();
    assert!(levels.windows(2).all(|w| match (w[0], w[1]) {
        (Some(x), Some(y)) => x >= y,
        (None, Some(_)) => false,
        _ => true,
    }));
    assert_eq!(levels.iter().filter(|l| l.is_none()).count(), 500);
    assert!(!filtered.is_empty());
    assert!(filtered
        .iter()
        .all(|&k| a.risks[k].title.contains("number 4")
            && a.risks[k].tags[0] == "tag3"
            && is_overdue(&a.risks[k], &method, today)));
}

#[test]
fn the_overview_counts_what_needs_attention() {
    let a = register();
    let method = ResolvedMethod::new(a.method.clone()).unwrap();
    let o = overview(&a, &method, date("2026-11-28"));
    let counts = |c: &[riskwright_engine::evaluate::LevelCount]| {
        c.iter()
            .map(|l| (l.level.clone(), l.count))
            .collect::<Vec<_>>()
    };
    let pairs = |n: [usize; 4]| {
        ["low", "medium", "high", "very_high"]
            .iter()
            .zip(n)
            .map(|(l, c)| (l.to_string(), c))
            .collect::<Vec<_>>()
    };
    assert_eq!(o.risks, 5);
    assert_eq!(o.unscored_current, 1);
    assert_eq!(counts(&o.current), pairs([1, 1, 1, 1]));
    assert_eq!(counts(&o.residual), pairs([1, 0, 0, 0]));
    assert_eq!(o.above_appetite_current, 2);
    assert_eq!(o.untreated_above_appetite, 1);
    assert_eq!(o.overdue_reviews, 3);
    assert_eq!(o.without_owner, 1);
    let json = serde_json::to_value(&o).unwrap();
    assert_eq!(json["aboveAppetiteCurrent"], 2);
    assert_eq!(json["unscoredCurrent"], 1);
}

#[test]
fn a_merge_skips_clashing_ids_and_brings_the_links_it_needs() {
    use riskwright_engine::document::{Asset, Risk};
    use riskwright_engine::register::{merge_plan, RegisterEdit};
    const AT: &str = "2026-11-28T10:00:00Z";
    let mut current = Assessment::new("Current");
    let mine = Risk {
        id: "R-1".into(),
        title: "Mine".into(),
        ..Risk::default()
    };
    current.apply(RegisterEdit::AddRisk(mine), AT, "").unwrap();
    let mut incoming = Assessment::new("Incoming");
    incoming.assets.push(Asset {
        id: "A-9".into(),
        name: "Mail server".into(),
        kind: Default::default(),
        owner: String::new(),
        description: String::new(),
        valuation: Default::default(),
    });
    incoming.risks.push(Risk {
        id: "R-1".into(),
        title: "Clash".into(),
        ..Risk::default()
    });
    incoming.risks.push(Risk {
        id: "R-2".into(),
        title: "Phishing".into(),
        asset_ids: vec!["A-9".into()],
        ..Risk::default()
    });
    let plan = merge_plan(&current, &incoming, AT);
    assert_eq!(plan.risks, 1);
    assert_eq!(plan.skipped.len(), 1);
    assert!(
        plan.skipped[0].starts_with("R-1 “Clash”"),
        "{:?}",
        plan.skipped
    );
    assert!(matches!(&plan.edits[0], RegisterEdit::AddAsset(a) if a.id == "A-9"));
    let mut merged = current.clone();
    for edit in plan.edits {
        merged.apply(edit, AT, "import").unwrap();
    }
    assert_eq!(merged.risks.len(), 2);
    assert_eq!(current.risks.len(), 1, "planning changed nothing");
}
