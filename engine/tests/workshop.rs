//! Workshops: the spread of group estimates, the agreed value applied to a
//! tier, and the workshop record kept with the assessment.

use riskwright_engine::catalogue::ControlType;
use riskwright_engine::date::Date;
use riskwright_engine::document::{Assessment, Change, Risk, ScoredTier, Tier};
use riskwright_engine::method::{preset, Aggregation, ResolvedMethod};
use riskwright_engine::register::{replay, RegisterEdit};
use riskwright_engine::treatment::{AppliedControl, ControlStatus, Effectiveness};
use riskwright_engine::workshop::{
    spread, with_overall_impact, Vote, WorkshopItem, WorkshopRecord,
};

const AT: &str = "2027-03-02T10:00:00Z";

fn votes(pairs: &[(u8, u8)]) -> Vec<Vote> {
    pairs
        .iter()
        .map(|&(likelihood, impact)| Vote {
            participant: String::new(),
            likelihood,
            impact,
        })
        .collect()
}

fn cia(likelihood: u8, c: u8, i: u8, a: u8) -> ScoredTier {
    ScoredTier {
        likelihood,
        impacts: [
            ("confidentiality", c),
            ("integrity", i),
            ("availability", a),
        ]
        .into_iter()
        .map(|(d, v)| (d.to_string(), v))
        .collect(),
    }
}

/// Votes, the likelihood's min/median/max, whether it is a disagreement, and
/// the impact histogram.
type SpreadCase = (
    &'static [(u8, u8)],
    (u8, &'static str, u8),
    bool,
    [usize; 5],
);

#[test]
fn spreads_are_computed_from_the_votes() {
    let cases: &[SpreadCase] = &[
        (&[], (0, "0", 0), false, [0, 0, 0, 0, 0]),
        (&[(3, 4)], (3, "3", 3), false, [0, 0, 0, 1, 0]),
        (&[(3, 4), (4, 4)], (3, "3.5", 4), false, [0, 0, 0, 2, 0]),
        (
            &[(2, 1), (3, 2), (5, 2), (5, 5)],
            (2, "4", 5),
            true,
            [1, 2, 0, 0, 1],
        ),
        (
            &[(1, 3), (2, 3), (2, 3)],
            (1, "2", 2),
            false,
            [0, 0, 3, 0, 0],
        ),
    ];
    for (pairs, (min, median, max), disagreement, histogram) in cases {
        let s = spread(&votes(pairs), 5, 5);
        assert_eq!(s.count, pairs.len());
        assert_eq!(
            (
                s.likelihood.min,
                s.likelihood.median_text().as_str(),
                s.likelihood.max
            ),
            (*min, *median, *max),
            "{pairs:?}"
        );
        assert_eq!(s.likelihood.disagreement, *disagreement, "{pairs:?}");
        assert_eq!(s.impact.histogram, histogram.to_vec(), "{pairs:?}");
    }
    // Between two levels the proposal is the more cautious one.
    assert_eq!(
        spread(&votes(&[(3, 1), (4, 1)]), 5, 5)
            .likelihood
            .median_level(),
        4
    );
    // Votes off the scales are left out, and counted as such.
    let s = spread(&votes(&[(3, 3), (9, 1), (0, 2)]), 5, 5);
    assert_eq!((s.count, s.ignored), (1, 2));
}

#[test]
fn the_agreed_impact_keeps_the_profile_under_the_maximum_rule() {
    let method = ResolvedMethod::new(preset("5x5").unwrap()).unwrap();
    let tier = cia(3, 2, 4, 3);
    // Lower: dimensions above 3 come down to it.
    assert_eq!(
        with_overall_impact(&method, Some(&tier), 2, 3),
        cia(2, 2, 3, 3)
    );
    // Higher: the highest dimension rises to it.
    assert_eq!(
        with_overall_impact(&method, Some(&tier), 2, 5),
        cia(2, 2, 5, 3)
    );
    // Nothing rated yet: every dimension takes it.
    assert_eq!(with_overall_impact(&method, None, 4, 4), cia(4, 4, 4, 4));
    // The aggregated impact is always the agreed one.
    for impact in 1..=5 {
        let t = with_overall_impact(&method, Some(&tier), 1, impact);
        assert_eq!(method.aggregate_impact(&t.impacts), Some(impact));
    }
    let mut mean = preset("5x5").unwrap();
    mean.aggregation = Aggregation::Mean;
    let mean = ResolvedMethod::new(mean).unwrap();
    assert_eq!(
        with_overall_impact(&mean, Some(&tier), 3, 4),
        cia(3, 4, 4, 4)
    );
}

fn assessment() -> Assessment {
    let mut a = Assessment::new("Workshop");
    a.method = preset("5x5").unwrap();
    let risk = Risk {
        id: "R-1".into(),
        title: "Supplier outage".into(),
        inherent: Some(cia(3, 2, 4, 3)),
        ..Risk::default()
    };
    a.apply(RegisterEdit::AddRisk(risk), AT, "").unwrap();
    a
}

#[test]
fn an_agreed_estimate_is_recorded_with_its_votes_and_undoes() {
    let mut a = assessment();
    let applied = a
        .apply(
            RegisterEdit::RecordEstimate {
                risk_id: "R-1".into(),
                tier: Tier::Current,
                votes: votes(&[(2, 3), (4, 4), (3, 3)]),
                likelihood: 3,
                impact: 3,
                dissent: "Finance thinks the impact is major".into(),
            },
            AT,
            "",
        )
        .unwrap();
    assert_eq!(a.risks[0].current, Some(cia(3, 2, 3, 3)));
    let last: Vec<&Change> = a.history.iter().rev().take(2).map(|h| &h.change).collect();
    assert!(
        matches!(last[0], Change::Estimated { votes, dissent, .. } if votes.len() == 3 && dissent.starts_with("Finance"))
    );
    assert!(matches!(
        last[1],
        Change::Score {
            tier: Tier::Current,
            ..
        }
    ));
    assert_eq!(replay(&a.history)["R-1"][1], a.risks[0].current);
    a.apply(applied.inverse, AT, "undo").unwrap();
    assert_eq!(a.risks[0].current, None);
}

#[test]
fn a_projected_tier_keeps_the_room_s_value_as_a_justified_override() {
    let mut a = assessment();
    let mut r = a.risks[0].clone();
    r.controls = vec![AppliedControl {
        control_id: "5.19".into(),
        status: ControlStatus::Implemented,
        effectiveness: Effectiveness::Medium,
        acts_through: ControlType::Preventive,
    }];
    a.apply(RegisterEdit::UpdateRisk(r), AT, "").unwrap();
    assert_eq!(a.risks[0].current, Some(cia(2, 2, 4, 3)));
    a.apply(
        RegisterEdit::RecordEstimate {
            risk_id: "R-1".into(),
            tier: Tier::Current,
            votes: votes(&[(3, 4)]),
            likelihood: 3,
            impact: 4,
            dissent: String::new(),
        },
        AT,
        "",
    )
    .unwrap();
    assert_eq!(a.risks[0].current, Some(cia(3, 2, 4, 3)));
    assert_eq!(a.risks[0].overrides[&Tier::Current], "agreed in a workshop");
    // A score set with a key, no votes: scored, not agreed.
    a.apply(
        RegisterEdit::RecordEstimate {
            risk_id: "R-1".into(),
            tier: Tier::Residual,
            votes: Vec::new(),
            likelihood: 2,
            impact: 4,
            dissent: String::new(),
        },
        AT,
        "",
    )
    .unwrap();
    assert_eq!(
        a.risks[0].overrides[&Tier::Residual],
        "scored in a workshop"
    );
}

#[test]
fn estimates_off_the_scales_are_refused_with_their_path() {
    let mut a = assessment();
    let problems = a
        .apply(
            RegisterEdit::RecordEstimate {
                risk_id: "R-1".into(),
                tier: Tier::Residual,
                votes: Vec::new(),
                likelihood: 6,
                impact: 0,
                dissent: String::new(),
            },
            AT,
            "",
        )
        .unwrap_err();
    let paths: Vec<&str> = problems.iter().map(|p| p.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "$.risks[0].residual.likelihood",
            "$.risks[0].residual.impacts"
        ]
    );
}

#[test]
fn a_workshop_record_is_kept_numbered_and_survives_a_round_trip() {
    let mut a = assessment();
    let record = WorkshopRecord {
        title: "Risk workshop, operations".into(),
        date: Date::parse("2027-03-02").ok(),
        facilitator: "ISMS manager".into(),
        participants: vec!["Ops lead".into(), "CFO".into()],
        items: vec![WorkshopItem {
            risk_id: "R-1".into(),
            title: "Supplier outage".into(),
            tier: Tier::Current,
            before: None,
            after: Some(cia(3, 2, 3, 3)),
            before_level: None,
            after_level: Some("medium".into()),
            votes: votes(&[(3, 3)]),
            dissent: String::new(),
            notes: "Check the contract's SLA".into(),
            seconds: 240,
        }],
        notes: String::new(),
        ..WorkshopRecord::default()
    };
    let applied = a.apply(RegisterEdit::AddWorkshop(record), AT, "").unwrap();
    assert_eq!(a.workshops[0].id, "W-1");
    assert!(matches!(
        &a.history.last().unwrap().change,
        Change::Workshop { workshop_id, risks: 1, .. } if workshop_id == "W-1"
    ));
    let text = a.to_json_string();
    assert_eq!(Assessment::from_json_str(&text).unwrap(), a);
    let problems = a
        .apply(RegisterEdit::AddWorkshop(WorkshopRecord::default()), AT, "")
        .unwrap_err();
    assert_eq!(problems[0].path, "$.workshops[1].title");
    a.apply(applied.inverse, AT, "undo").unwrap();
    assert!(a.workshops.is_empty());
}
