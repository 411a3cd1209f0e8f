//! Rescoring: what changing the method does to risks already scored.

use proptest::prelude::*;
use riskwright_engine::document::{Assessment, Risk, ScoredTier, Tier};
use riskwright_engine::method::{preset, Axis, Method};
use riskwright_engine::rescore::{map_level, plan};
use std::collections::BTreeMap;

fn tier(likelihood: u8, impacts: &[(&str, u8)]) -> ScoredTier {
    ScoredTier {
        likelihood,
        impacts: impacts.iter().map(|&(d, v)| (d.to_string(), v)).collect(),
    }
}

fn risk(id: &str, residual: ScoredTier) -> Risk {
    Risk {
        id: id.into(),
        title: format!("Risk {id}"),
        residual: Some(residual),
        ..Risk::default()
    }
}

fn assessment(method: Method, risks: Vec<Risk>) -> Assessment {
    let mut a = Assessment::new("Rescore");
    a.method = method;
    a.risks = risks;
    a
}

#[test]
fn the_mapping_keeps_relative_position_and_rounds_half_up() {
    // (old, old_len, new_len, new)
    let table = [
        (1, 5, 3, 1),
        (2, 5, 3, 2), // 0.5 → rounds up
        (3, 5, 3, 2),
        (4, 5, 3, 3), // 1.5 → rounds up
        (5, 5, 3, 3),
        (1, 3, 5, 1),
        (2, 3, 5, 3),
        (3, 3, 5, 5),
        (4, 5, 5, 4), // same size keeps the number
        (7, 7, 4, 4),
        (4, 7, 4, 3), // 1.5 → rounds up
        (9, 5, 3, 3), // off the old scale: taken as its top
        (0, 5, 3, 1), // off the old scale: taken as its bottom
    ];
    for (old, old_len, new_len, new) in table {
        assert_eq!(
            map_level(old, old_len, new_len),
            new,
            "{old} on {old_len} → {new_len}"
        );
    }
}

#[test]
fn five_by_five_to_three_by_three_reports_every_change_with_its_reason() {
    let c = "confidentiality";
    let a = assessment(
        preset("5x5").unwrap(),
        vec![
            risk("R-1", tier(5, &[(c, 5)])),
            risk("R-2", tier(4, &[(c, 4)])),
            risk("R-3", tier(3, &[(c, 3)])),
            risk("R-4", tier(1, &[(c, 1)])),
            risk("R-5", tier(2, &[(c, 2)])),
        ],
    );
    let plan = plan(&a, preset("3x3").unwrap()).unwrap();
    // (id, old cell, new cell, old level, new level, why)
    let expected = [
        ("R-1", (5, 5), (3, 3), "very_high", "high",
         "likelihood scale 5 → 3 levels: likelihood 5 → 3; impact scale 5 → 3 levels: impact 5 → 3; the formula gives High instead of Very high at likelihood 3 × impact 3"),
        ("R-2", (4, 4), (3, 3), "high", "high",
         "likelihood scale 5 → 3 levels: likelihood 4 → 3; impact scale 5 → 3 levels: impact 4 → 3"),
        ("R-3", (3, 3), (2, 2), "medium", "medium",
         "likelihood scale 5 → 3 levels: likelihood 3 → 2; impact scale 5 → 3 levels: impact 3 → 2"),
        ("R-5", (2, 2), (2, 2), "low", "medium",
         "the formula gives Medium instead of Low at likelihood 2 × impact 2"),
    ];
    assert_eq!(plan.changes.len(), expected.len(), "{:#?}", plan.changes);
    for (change, (id, old_cell, new_cell, old_level, new_level, why)) in
        plan.changes.iter().zip(expected)
    {
        assert_eq!(change.risk_id, id);
        assert_eq!(change.title, format!("Risk {id}"));
        assert_eq!(change.tier, Tier::Residual);
        assert_eq!(change.old_cell, Some(old_cell), "{id}");
        assert_eq!(change.new_cell, Some(new_cell), "{id}");
        assert_eq!(change.old_level.as_deref(), Some(old_level), "{id}");
        assert_eq!(change.new_level.as_deref(), Some(new_level), "{id}");
        assert_eq!(change.level_changed, old_level != new_level, "{id}");
        assert_eq!(change.why, why, "{id}");
        let new = change.new.as_ref().unwrap();
        assert_eq!((new.likelihood, new.impacts[c]), new_cell, "{id}");
    }
    // R-4 stays at 1 × 1, Low.
    assert_eq!(plan.unchanged, 1);
    assert_eq!(plan.method, preset("3x3").unwrap());
    // Pure: the assessment still has its own method and values.
    assert_eq!(a.method, preset("5x5").unwrap());
}

#[test]
fn every_dimension_is_mapped_and_named_when_several_are_rated() {
    let a = assessment(
        preset("5x5").unwrap(),
        vec![risk(
            "R-1",
            tier(
                3,
                &[
                    ("confidentiality", 4),
                    ("availability", 3),
                    ("integrity", 1),
                ],
            ),
        )],
    );
    let plan = plan(&a, preset("3x3").unwrap()).unwrap();
    let change = &plan.changes[0];
    assert_eq!(
        change.why,
        "likelihood scale 5 → 3 levels: likelihood 3 → 2; impact scale 5 → 3 levels: Availability impact 3 → 2, Confidentiality impact 4 → 3"
    );
    let new = change.new.as_ref().unwrap();
    assert_eq!(new.impacts["integrity"], 1);
    assert_eq!(new.impacts["availability"], 2);
}

#[test]
fn the_same_method_changes_nothing() {
    for name in ["3x3", "4x4", "5x5"] {
        let m = preset(name).unwrap();
        let mut r = risk("R-1", tier(2, &[("integrity", 3)]));
        r.inherent = Some(tier(3, &[("integrity", 3), ("availability", 2)]));
        let a = assessment(
            m.clone(),
            vec![r, risk("R-2", tier(1, &[("availability", 1)]))],
        );
        let plan = plan(&a, m).unwrap();
        assert!(plan.changes.is_empty(), "{name}: {:#?}", plan.changes);
        assert_eq!(plan.unchanged, 3, "{name}");
    }
}

#[test]
fn removing_a_dimension_drops_its_impacts_and_says_so() {
    let mut old = preset("5x5").unwrap();
    let legal = old.add_dimension("Legal").unwrap();
    assert_eq!(legal, "legal");
    let new = preset("5x5").unwrap();
    let a = assessment(
        old,
        vec![
            risk("R-1", tier(3, &[("confidentiality", 2), ("legal", 4)])),
            risk("R-2", tier(2, &[("legal", 5)])),
            risk("R-3", tier(2, &[("confidentiality", 5)])),
        ],
    );
    let plan = plan(&a, new).unwrap();
    assert_eq!(plan.changes.len(), 2);
    assert_eq!(plan.unchanged, 1);

    let mixed = &plan.changes[0];
    assert_eq!(mixed.risk_id, "R-1");
    assert_eq!(
        mixed.new,
        Some(tier(3, &[("confidentiality", 2)])),
        "the legal impact is dropped, the other kept"
    );
    assert_eq!(
        (mixed.old_cell, mixed.new_cell),
        (Some((3, 4)), Some((3, 2)))
    );
    assert_eq!(mixed.old_level.as_deref(), Some("high"));
    assert_eq!(mixed.new_level.as_deref(), Some("medium"));
    assert!(mixed.level_changed);
    assert_eq!(
        mixed.why,
        "dimension 'Legal' removed; the formula gives Medium instead of High at likelihood 3 × impact 2"
    );

    let only_legal = &plan.changes[1];
    assert_eq!(only_legal.risk_id, "R-2");
    assert_eq!(only_legal.new, None, "nothing left to score");
    assert_eq!(only_legal.new_cell, None);
    assert_eq!(only_legal.new_level, None);
    assert_eq!(only_legal.old_level.as_deref(), Some("high"));
    assert!(only_legal.level_changed);
    assert!(
        only_legal.why.starts_with(
            "dimension 'Legal' removed; no rated dimension remains: the tier becomes unscored"
        ),
        "{}",
        only_legal.why
    );
}

#[test]
fn an_invalid_new_method_returns_its_problems_under_method() {
    let a = assessment(
        preset("5x5").unwrap(),
        vec![risk("R-1", tier(1, &[("integrity", 1)]))],
    );
    let mut bad = preset("3x3").unwrap();
    bad.appetite = "nonsense".into();
    bad.levels[0].color = "red".into();
    let problems = plan(&a, bad).unwrap_err();
    let paths: Vec<&str> = problems.iter().map(|p| p.path.as_str()).collect();
    assert!(paths.contains(&"$.method.appetite"), "{paths:?}");
    assert!(paths.contains(&"$.method.levels[0].color"), "{paths:?}");
    assert!(paths.iter().all(|p| p.starts_with("$.method")));
}

#[test]
fn the_plan_serialises_in_camel_case() {
    let a = assessment(
        preset("5x5").unwrap(),
        vec![risk("R-1", tier(5, &[("integrity", 5)]))],
    );
    let plan = plan(&a, preset("3x3").unwrap()).unwrap();
    let json = serde_json::to_value(&plan).unwrap();
    let change = &json["changes"][0];
    assert_eq!(change["riskId"], "R-1");
    assert_eq!(change["oldCell"], serde_json::json!([5, 5]));
    assert_eq!(change["newLevel"], "high");
    assert_eq!(change["levelChanged"], true);
    assert_eq!(change["tier"], "residual");
}

fn sized(l: usize, i: usize) -> Method {
    let mut m = preset("5x5").unwrap();
    m.resize_scale(Axis::Likelihood, l).unwrap();
    m.resize_scale(Axis::Impact, i).unwrap();
    m
}

fn arb_tier(l: usize, i: usize) -> impl Strategy<Value = ScoredTier> {
    (
        1..=l as u8,
        proptest::collection::btree_map(
            prop_oneof![
                Just("confidentiality"),
                Just("integrity"),
                Just("availability")
            ]
            .prop_map(String::from),
            1..=i as u8,
            1..=3,
        ),
    )
        .prop_map(|(likelihood, impacts)| ScoredTier {
            likelihood,
            impacts,
        })
}

fn arb_case() -> impl Strategy<Value = (usize, usize, usize, usize, Vec<ScoredTier>)> {
    (3usize..=7, 3usize..=7, 3usize..=7, 3usize..=7).prop_flat_map(|(ol, oi, nl, ni)| {
        (
            Just(ol),
            Just(oi),
            Just(nl),
            Just(ni),
            proptest::collection::vec(arb_tier(ol, oi), 0..8),
        )
    })
}

proptest! {
    #[test]
    fn mapped_values_stay_on_the_new_scales((ol, oi, nl, ni, tiers) in arb_case()) {
        let risks: Vec<Risk> = tiers
            .iter()
            .enumerate()
            .map(|(k, t)| risk(&format!("R-{k}"), t.clone()))
            .collect();
        let a = assessment(sized(ol, oi), risks);
        let mapped = plan(&a, sized(nl, ni)).unwrap();
        prop_assert_eq!(mapped.changes.len() + mapped.unchanged, tiers.len());
        for change in &mapped.changes {
            let new = change.new.as_ref().unwrap();
            prop_assert!((1..=nl as u8).contains(&new.likelihood));
            prop_assert!(new.impacts.values().all(|v| (1..=ni as u8).contains(v)));
            prop_assert!(change.new_level.is_some());
            prop_assert!(!change.why.is_empty());
        }

        let same = plan(&a, a.method.clone()).unwrap();
        prop_assert!(same.changes.is_empty());
        prop_assert_eq!(same.unchanged, tiers.len());
    }

    #[test]
    fn map_level_is_within_scale_and_never_decreasing(
        old_len in 1usize..=7,
        new_len in 1usize..=7,
    ) {
        let mut previous = 1;
        for old in 0..=old_len as u8 + 1 {
            let new = map_level(old, old_len, new_len);
            prop_assert!((1..=new_len as u8).contains(&new));
            prop_assert!(new >= previous);
            previous = new;
        }
        if old_len >= 2 {
            // The top of a real scale stays at the top.
            prop_assert_eq!(map_level(old_len as u8, old_len, new_len), new_len as u8);
        }
    }
}

#[test]
fn a_tier_with_no_impacts_becomes_explicitly_unscored() {
    let a = assessment(
        preset("5x5").unwrap(),
        vec![risk(
            "R-1",
            ScoredTier {
                likelihood: 2,
                impacts: BTreeMap::new(),
            },
        )],
    );
    let plan = plan(&a, preset("5x5").unwrap()).unwrap();
    assert_eq!(plan.changes.len(), 1);
    assert_eq!(plan.changes[0].new, None);
    assert!(plan.changes[0].why.contains("unscored"));
}
