//! Comparing two states of the register.

use riskwright_engine::compare::{diff, natural_cmp, RiskRef};
use riskwright_engine::document::{Risk, ScoredTier, Tier, TreatmentStatus};
use riskwright_engine::method::{preset, LevelRule, Method};
use std::cmp::Ordering;

fn tier(likelihood: u8, impact: u8) -> Option<ScoredTier> {
    Some(ScoredTier {
        likelihood,
        impacts: [("confidentiality".to_string(), impact)].into(),
    })
}

fn risk(id: &str, residual: Option<ScoredTier>) -> Risk {
    Risk {
        id: id.into(),
        title: format!("Risk {id}"),
        owner: "CISO".into(),
        residual,
        ..Risk::default()
    }
}

fn refs(list: &[RiskRef]) -> Vec<&str> {
    list.iter().map(|r| r.id.as_str()).collect()
}

#[test]
fn added_removed_rescored_and_edited_risks_are_found() {
    let m = preset("5x5").unwrap();
    let from = vec![
        risk("R-1", tier(2, 2)),
        risk("R-2", tier(4, 4)),
        risk("R-3", tier(3, 3)),
        risk("R-10", tier(1, 1)),
        risk("R-20", tier(1, 1)),
    ];
    let mut edited = risk("R-10", tier(1, 1));
    edited.title = "Laptop theft".into();
    edited.owner = "IT manager".into();
    edited.treatment = TreatmentStatus::Planned;
    edited.tags = vec!["physical".into()];
    let mut both = risk("R-3", tier(2, 3));
    both.scenario = "Phishing".into();
    let to = vec![
        risk("R-11", tier(1, 1)),
        edited,
        risk("R-2", tier(2, 4)),
        both,
        risk("R-9", None),
    ];
    let d = diff(&m, &from, &m, &to);

    assert_eq!(refs(&d.added), ["R-9", "R-11"], "natural order");
    assert_eq!(refs(&d.removed), ["R-1", "R-20"]);
    assert_eq!(d.removed[0].title, "Risk R-1");

    let rescored: Vec<_> = d
        .rescored
        .iter()
        .map(|t| {
            (
                t.id.as_str(),
                t.tier,
                t.old_cell,
                t.new_cell,
                t.old_level.as_deref(),
                t.new_level.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        rescored,
        [
            (
                "R-2",
                Tier::Residual,
                Some((4, 4)),
                Some((2, 4)),
                Some("high"),
                Some("medium")
            ),
            (
                "R-3",
                Tier::Residual,
                Some((3, 3)),
                Some((2, 3)),
                Some("medium"),
                Some("medium")
            ),
        ]
    );

    let edits: Vec<_> = d
        .edited
        .iter()
        .map(|e| (e.id.as_str(), e.title.as_str(), e.fields.clone()))
        .collect();
    assert_eq!(
        edits,
        [
            ("R-3", "Risk R-3", vec!["scenario".to_string()]),
            (
                "R-10",
                "Laptop theft",
                vec!["title", "owner", "treatment", "tags"]
                    .into_iter()
                    .map(String::from)
                    .collect()
            ),
        ]
    );
}

#[test]
fn identical_registers_have_no_differences() {
    let m = preset("4x4").unwrap();
    let risks = vec![risk("R-1", tier(2, 3)), risk("R-2", None)];
    let d = diff(&m, &risks, &m, &risks);
    assert!(d.added.is_empty() && d.removed.is_empty());
    assert!(d.rescored.is_empty() && d.edited.is_empty());
}

#[test]
fn a_level_change_caused_only_by_the_method_is_a_rescore() {
    let old = preset("5x5").unwrap();
    let mut new = old.clone();
    // Medium now starts at a score of 4 instead of 5.
    if let LevelRule::Formula { thresholds, .. } = &mut new.rule {
        thresholds[1].min_score = 4;
    }
    let risks = vec![risk("R-1", tier(2, 2)), risk("R-2", tier(1, 3))];
    let d = diff(&old, &risks, &new, &risks);
    assert_eq!(d.rescored.len(), 1);
    let t = &d.rescored[0];
    assert_eq!((t.id.as_str(), t.tier), ("R-1", Tier::Residual));
    assert_eq!(t.old_cell, t.new_cell, "the ratings did not change");
    assert_eq!(t.old_level.as_deref(), Some("low"));
    assert_eq!(t.new_level.as_deref(), Some("medium"));
    assert!(d.edited.is_empty());
}

#[test]
fn a_rating_change_that_leaves_cell_and_level_alone_is_an_edit() {
    let m = preset("5x5").unwrap();
    let mut before = risk("R-1", None);
    before.current = Some(ScoredTier {
        likelihood: 3,
        impacts: [("confidentiality".into(), 4), ("integrity".into(), 1)].into(),
    });
    let mut after = before.clone();
    after.current = Some(ScoredTier {
        likelihood: 3,
        impacts: [("confidentiality".into(), 4), ("integrity".into(), 2)].into(),
    });
    let d = diff(&m, &[before], &m, &[after]);
    assert!(d.rescored.is_empty());
    assert_eq!(d.edited[0].fields, ["current"]);
}

#[test]
fn an_invalid_method_gives_no_levels_instead_of_failing() {
    let good = preset("5x5").unwrap();
    let mut bad: Method = good.clone();
    bad.levels.clear();
    let risks = vec![risk("R-1", tier(2, 2)), risk("R-2", tier(9, 9))];
    let d = diff(&bad, &risks, &good, &risks);
    // R-2 is off both scales: no level on either side, so nothing differs.
    assert_eq!(d.rescored.len(), 1);
    assert_eq!(d.rescored[0].id, "R-1");
    assert_eq!(d.rescored[0].old_level, None);
    assert_eq!(d.rescored[0].new_level.as_deref(), Some("low"));
    let back = diff(&good, &risks, &bad, &risks);
    assert_eq!(back.rescored.len(), 1);
    assert_eq!(back.rescored[0].old_level.as_deref(), Some("low"));
    assert_eq!(back.rescored[0].new_level, None);
}

#[test]
fn the_diff_serialises_in_camel_case() {
    let m = preset("5x5").unwrap();
    let d = diff(
        &m,
        &[risk("R-1", tier(1, 1))],
        &m,
        &[risk("R-1", tier(5, 5))],
    );
    let json = serde_json::to_value(&d).unwrap();
    assert_eq!(json["rescored"][0]["oldCell"], serde_json::json!([1, 1]));
    assert_eq!(json["rescored"][0]["newLevel"], "very_high");
    assert_eq!(json["added"], serde_json::json!([]));
}

#[test]
fn ids_compare_naturally() {
    let table = [
        ("R-2", "R-10", Ordering::Less),
        ("R-10", "R-9", Ordering::Greater),
        ("R-10", "R-10", Ordering::Equal),
        ("R-1a", "R-1b", Ordering::Less),
        ("A-1", "R-1", Ordering::Less),
        ("R-01", "R-1", Ordering::Greater),
        ("R-007", "R-8", Ordering::Less),
        ("R", "R-1", Ordering::Less),
        ("", "R", Ordering::Less),
        ("Risiko-ä2", "Risiko-ä10", Ordering::Less),
        (
            "99999999999999999999999",
            "100000000000000000000000",
            Ordering::Less,
        ),
    ];
    for (a, b, order) in table {
        assert_eq!(natural_cmp(a, b), order, "{a} vs {b}");
    }
}
