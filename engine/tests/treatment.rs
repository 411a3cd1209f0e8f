//! Risk treatment: options, control suggestions and residual projection.

use proptest::prelude::*;
use riskwright_engine::catalogue::{self, AssetType, ControlType, SecurityProperty};
use riskwright_engine::document::{
    Assessment, Asset, Risk, ScoredTier, Threat, Tier, Vulnerability,
};
use riskwright_engine::method::{preset, ResolvedMethod};
use riskwright_engine::register::natural_cmp;
use riskwright_engine::treatment::{
    project, projected_levels, propose, suggest_controls, AppliedControl, ControlStatus,
    Effectiveness, TreatmentOption, MAX_SUGGESTIONS,
};
use std::collections::BTreeMap;

use TreatmentOption::{Avoid, Modify, Retain, Share};

fn method(name: &str) -> ResolvedMethod {
    ResolvedMethod::new(preset(name).unwrap()).unwrap()
}

fn tier(likelihood: u8, impacts: &[(&str, u8)]) -> ScoredTier {
    ScoredTier {
        likelihood,
        impacts: impacts.iter().map(|&(d, v)| (d.to_string(), v)).collect(),
    }
}

fn cia(likelihood: u8, c: u8, i: u8, a: u8) -> ScoredTier {
    tier(
        likelihood,
        &[
            ("confidentiality", c),
            ("integrity", i),
            ("availability", a),
        ],
    )
}

fn assessment(risks: Vec<Risk>) -> Assessment {
    let mut a = Assessment::new("Treatment");
    a.method = preset("5x5").unwrap();
    a.risks = risks;
    a
}

fn risk(id: &str, inherent: Option<ScoredTier>, current: Option<ScoredTier>) -> Risk {
    Risk {
        id: id.into(),
        title: format!("Risk {id}"),
        inherent,
        current,
        ..Risk::default()
    }
}

fn options(a: &Assessment, id: &str) -> Vec<TreatmentOption> {
    propose(a, &method("5x5"), id)
        .unwrap()
        .options
        .iter()
        .map(|o| o.option)
        .collect()
}

// ---- options ---------------------------------------------------------------

#[test]
fn option_rules_table() {
    // (likelihood, impact) of the current tier on 5x5 (appetite Medium),
    // expected options in rank order, and the first option's reason.
    let table: &[((u8, u8), &[TreatmentOption], &str)] = &[
        (
            (4, 4),
            &[Modify, Retain],
            "current level High is above the appetite Medium",
        ),
        (
            (1, 2),
            &[Retain, Modify],
            "current level Low is within the appetite Medium",
        ),
        (
            (3, 3),
            &[Retain, Modify],
            "current level Medium is within the appetite Medium",
        ),
        (
            (5, 5),
            &[Modify, Avoid, Retain],
            "current level Very high is above the appetite Medium",
        ),
        (
            (4, 5),
            &[Modify, Avoid, Retain],
            "current level Very high is above the appetite Medium",
        ),
        (
            (2, 5),
            &[Modify, Share, Retain],
            "current level High is above the appetite Medium",
        ),
        (
            (1, 5),
            &[Retain, Share, Modify],
            "current level Medium is within the appetite Medium",
        ),
        (
            (3, 5),
            &[Modify, Retain],
            "current level High is above the appetite Medium",
        ),
    ];
    for &((l, i), expected, reason) in table {
        let a = assessment(vec![risk("R-1", None, Some(cia(l, 1, i, 1)))]);
        let proposal = propose(&a, &method("5x5"), "R-1").unwrap();
        let got: Vec<_> = proposal.options.iter().map(|o| o.option).collect();
        assert_eq!(got, expected, "cell ({l}, {i})");
        assert_eq!(proposal.options[0].reason, reason, "cell ({l}, {i})");
        assert_eq!(proposal.basis, Tier::Current);
        for (n, o) in proposal.options.iter().enumerate() {
            assert_eq!(o.rank as usize, n + 1);
            assert_eq!(o.justification_required, o.option != Modify);
            assert!(!o.reason.contains('\n'));
        }
    }
}

#[test]
fn share_and_avoid_reasons_name_the_scale() {
    let a = assessment(vec![
        risk("R-1", None, Some(cia(2, 5, 1, 1))),
        risk("R-2", None, Some(cia(5, 5, 5, 5))),
    ]);
    let m = method("5x5");
    let share = propose(&a, &m, "R-1").unwrap();
    let share = share.options.iter().find(|o| o.option == Share).unwrap();
    assert!(share.reason.contains("Severe"), "{}", share.reason);
    assert!(share.reason.contains("Unlikely"), "{}", share.reason);
    assert!(share.reason.contains("insurance"), "{}", share.reason);
    let avoid = propose(&a, &m, "R-2").unwrap();
    let avoid = avoid.options.iter().find(|o| o.option == Avoid).unwrap();
    assert!(
        avoid.reason.contains("stop the activity"),
        "{}",
        avoid.reason
    );
    assert!(avoid.reason.contains("not essential"), "{}", avoid.reason);
}

#[test]
fn an_unscored_current_tier_falls_back_to_inherent_and_says_so() {
    let a = assessment(vec![risk("R-1", Some(cia(4, 4, 1, 1)), None)]);
    let proposal = propose(&a, &method("5x5"), "R-1").unwrap();
    assert_eq!(proposal.basis, Tier::Inherent);
    assert_eq!(
        proposal.options[0].reason,
        "inherent level High (the current risk is not scored) is above the appetite Medium"
    );
    // The current tier wins when both are scored.
    let a = assessment(vec![risk(
        "R-1",
        Some(cia(5, 5, 5, 5)),
        Some(cia(1, 1, 1, 1)),
    )]);
    assert_eq!(options(&a, "R-1"), vec![Retain, Modify]);
}

#[test]
fn a_current_tier_off_the_scale_falls_back_to_inherent() {
    let a = assessment(vec![risk(
        "R-1",
        Some(cia(1, 1, 1, 1)),
        Some(cia(9, 1, 1, 1)),
    )]);
    let proposal = propose(&a, &method("5x5"), "R-1").unwrap();
    assert_eq!(proposal.basis, Tier::Inherent);
    assert!(proposal.options[0].reason.contains("cannot be scored"));
}

#[test]
fn no_scored_tier_or_no_such_risk_is_a_diagnostic() {
    let mut only_residual = risk("R-2", None, None);
    only_residual.residual = Some(cia(1, 1, 1, 1));
    let a = assessment(vec![risk("R-1", None, None), only_residual]);
    let m = method("5x5");
    let error = propose(&a, &m, "R-1").unwrap_err();
    assert_eq!(error.path, "$.risks[0]");
    assert!(error.message.contains("not scored") || error.message.contains("scored"));
    assert_eq!(propose(&a, &m, "R-2").unwrap_err().path, "$.risks[1]");
    let error = propose(&a, &m, "R-9").unwrap_err();
    assert_eq!(error.path, "$.risks");
    assert!(error.message.contains("R-9"));
    // Suggestions alone need no score.
    assert!(suggest_controls(&a, &m, "R-1").is_ok());
    assert!(suggest_controls(&a, &m, "R-9").is_err());
}

#[test]
fn options_work_on_every_preset() {
    for name in ["3x3", "4x4", "5x5"] {
        let m = method(name);
        for l in 1..=m.likelihood_max() {
            for i in 1..=m.impact_max() {
                let mut a = assessment(vec![risk("R-1", None, Some(cia(l, i, 1, 1)))]);
                a.method = m.method().clone();
                let p = propose(&a, &m, "R-1").unwrap();
                let first = p.options[0].option;
                let acceptable = m.score(i64::from(l), i64::from(i)).unwrap().acceptable;
                assert_eq!(first, if acceptable { Retain } else { Modify });
                assert!(p.options.iter().any(|o| o.option == Modify));
                assert!(p.options.iter().any(|o| o.option == Retain));
            }
        }
    }
}

#[test]
fn proposals_cross_to_js_in_camel_case() {
    let a = assessment(vec![risk("R-1", None, Some(cia(4, 4, 1, 1)))]);
    let json = serde_json::to_value(propose(&a, &method("5x5"), "R-1").unwrap()).unwrap();
    assert_eq!(json["basis"], "current");
    assert_eq!(json["options"][0]["option"], "modify");
    assert_eq!(json["options"][0]["justificationRequired"], false);
    assert_eq!(json["options"][1]["option"], "retain");
    assert_eq!(json["options"][1]["justificationRequired"], true);
    assert!(json["controls"].is_array());
}

// ---- control suggestions ---------------------------------------------------

/// An assessment with one risk on the starter threat `threat_id`, and
/// optionally a starter vulnerability and an asset kind.
fn threat_assessment(
    threat_id: &str,
    vulnerability_id: Option<&str>,
    kind: Option<AssetType>,
) -> Assessment {
    let starter = catalogue::threat(threat_id).unwrap();
    let mut a = assessment(vec![]);
    a.threats.push(Threat {
        id: "th-1".into(),
        name: starter.name.clone(),
        description: String::new(),
        properties: starter.properties.clone(),
        origin: Some(starter.origin),
        catalogue_id: Some(starter.id.clone()),
    });
    let mut r = risk("R-1", Some(cia(4, 3, 3, 3)), None);
    r.threat_id = Some("th-1".into());
    if let Some(v) = vulnerability_id {
        let starter = catalogue::vulnerability(v).unwrap();
        a.vulnerabilities.push(Vulnerability {
            id: "vu-1".into(),
            name: starter.name.clone(),
            description: String::new(),
            catalogue_id: Some(starter.id.clone()),
        });
        r.vulnerability_id = Some("vu-1".into());
    }
    if let Some(kind) = kind {
        a.assets.push(Asset {
            id: "as-1".into(),
            name: "Asset".into(),
            kind,
            owner: String::new(),
            description: String::new(),
            valuation: BTreeMap::new(),
        });
        r.asset_ids.push("as-1".into());
    }
    a.risks.push(r);
    a
}

#[test]
fn every_starter_threat_suggests_its_mapped_controls_with_the_threat_as_reason() {
    let m = method("5x5");
    assert!(!catalogue::threats().is_empty());
    for starter in catalogue::threats() {
        for kind in [
            None,
            Some(AssetType::Hardware),
            Some(AssetType::Information),
        ] {
            let a = threat_assessment(&starter.id, None, kind);
            let proposal = propose(&a, &m, "R-1").unwrap();
            assert!(proposal.controls.len() <= MAX_SUGGESTIONS);
            let reason = format!("mapped from threat {} {}", starter.id, starter.name);
            for id in &starter.controls {
                let suggestion = proposal
                    .controls
                    .iter()
                    .find(|c| &c.id == id)
                    .unwrap_or_else(|| panic!("{} misses control {id}", starter.id));
                assert!(suggestion.reasons.contains(&reason), "{suggestion:?}");
                assert_eq!(suggestion.title, catalogue::control(id).unwrap().title);
            }
        }
    }
}

#[test]
fn suggestions_are_ordered_by_score_then_id_naturally() {
    let m = method("5x5");
    for starter in catalogue::threats() {
        let a = threat_assessment(&starter.id, Some("V01"), Some(AssetType::Software));
        let controls = suggest_controls(&a, &m, "R-1").unwrap();
        // The threat's and the vulnerability's mappings, at most the maximum
        // (the asset's kind only adds weight to them).
        assert!(!controls.is_empty() && controls.len() <= MAX_SUGGESTIONS);
        for pair in controls.windows(2) {
            assert!(
                pair[0].score > pair[1].score
                    || (pair[0].score == pair[1].score
                        && natural_cmp(&pair[0].id, &pair[1].id).is_lt()),
                "{pair:?}"
            );
        }
        // Deterministic.
        assert_eq!(controls, suggest_controls(&a, &m, "R-1").unwrap());
    }
}

#[test]
fn suggestion_reasons_explain_the_score() {
    let m = method("5x5");
    let a = threat_assessment("T02", Some("V01"), Some(AssetType::Hardware));
    let vulnerability = catalogue::vulnerability("V01").unwrap();
    let controls = suggest_controls(&a, &m, "R-1").unwrap();
    let malware = controls.iter().find(|c| c.id == "8.7").unwrap();
    assert!(malware
        .reasons
        .contains(&"mapped from threat T02 Ransomware".to_string()));
    assert!(malware.reasons.contains(
        &"preventive, detective and corrective: lowers likelihood or impact".to_string()
    ));
    // Likelihood 4 of 5 outweighs impact 3 of 5.
    assert!(malware
        .reasons
        .contains(&"acts on likelihood, the larger factor of the risk".to_string()));
    let backup = controls.iter().find(|c| c.id == "8.13").unwrap();
    assert!(backup.reasons.contains(
        &"protects integrity and availability, all of which the threat affects".to_string()
    ));
    assert!(backup
        .reasons
        .contains(&"corrective: lowers impact".to_string()));
    for c in &controls {
        assert!(!c.reasons.is_empty());
        let control = catalogue::control(&c.id).unwrap();
        if vulnerability.controls.contains(&c.id) {
            let reason = format!("mapped from vulnerability V01 {}", vulnerability.name);
            assert!(c.reasons.contains(&reason), "{c:?}");
        }
        if catalogue::controls_for_asset_type(AssetType::Hardware)
            .iter()
            .any(|h| h.id == c.id)
        {
            assert!(c
                .reasons
                .contains(&"typical for hardware assets".to_string()));
        }
        // Ransomware affects all three: one line names those it protects.
        let protected: Vec<String> = SecurityProperty::ALL
            .iter()
            .filter(|p| control.security_properties.contains(p))
            .map(|p| p.to_string())
            .collect();
        let line = c
            .reasons
            .iter()
            .find(|r| r.starts_with("protects"))
            .unwrap();
        for p in SecurityProperty::ALL {
            assert_eq!(
                line.contains(p.as_str()),
                protected.contains(&p.to_string()),
                "{c:?}"
            );
        }
    }
}

#[test]
fn asset_kinds_alone_give_suggestions() {
    let m = method("5x5");
    let mut a = assessment(vec![]);
    a.assets.push(Asset {
        id: "as-1".into(),
        name: "Laptop".into(),
        kind: AssetType::Hardware,
        owner: String::new(),
        description: String::new(),
        valuation: BTreeMap::new(),
    });
    let mut r = risk("R-1", None, Some(cia(3, 3, 3, 3)));
    r.asset_ids = vec!["as-1".into(), "missing".into()];
    a.risks.push(r);
    let controls = propose(&a, &m, "R-1").unwrap().controls;
    assert!(!controls.is_empty());
    for c in &controls {
        assert!(c
            .reasons
            .contains(&"typical for hardware assets".to_string()));
    }
    // A risk with nothing to go on gets no suggestions, not an error.
    let a = assessment(vec![risk("R-1", None, Some(cia(3, 3, 3, 3)))]);
    assert!(propose(&a, &m, "R-1").unwrap().controls.is_empty());
}

#[test]
fn a_custom_threat_uses_its_recorded_properties() {
    let m = method("5x5");
    let mut a = threat_assessment("T01", None, Some(AssetType::Site));
    a.threats[0].catalogue_id = None;
    a.threats[0].properties = vec![SecurityProperty::Availability];
    let controls = suggest_controls(&a, &m, "R-1").unwrap();
    assert!(!controls.is_empty());
    assert!(controls.iter().all(|c| !c
        .reasons
        .iter()
        .any(|r| r.starts_with("mapped from threat"))));
    assert!(controls.iter().any(|c| c
        .reasons
        .contains(&"protects availability, which the threat affects".to_string())));
    assert!(!controls.iter().any(|c| c
        .reasons
        .contains(&"protects confidentiality, which the threat affects".to_string())));
}

// ---- projection ------------------------------------------------------------

fn applied(id: &str, status: ControlStatus, e: Effectiveness, t: ControlType) -> AppliedControl {
    AppliedControl {
        control_id: id.into(),
        status,
        effectiveness: e,
        acts_through: t,
    }
}

#[test]
fn projection_explains_each_control() {
    let m = method("5x5");
    let inherent = cia(4, 2, 3, 5);
    let controls = [
        applied(
            "8.7",
            ControlStatus::Implemented,
            Effectiveness::Medium,
            ControlType::Preventive,
        ),
        applied(
            "A.8.13",
            ControlStatus::Planned,
            Effectiveness::High,
            ControlType::Corrective,
        ),
        applied(
            "8.16",
            ControlStatus::NotEffective,
            Effectiveness::High,
            ControlType::Detective,
        ),
        applied(
            "CUST-1",
            ControlStatus::InProgress,
            Effectiveness::Low,
            ControlType::Preventive,
        ),
    ];
    let current = project(&m, &inherent, &controls, false);
    assert_eq!(current.tier, cia(3, 2, 3, 5));
    assert_eq!(
        current.lines,
        vec!["8.7 Protection against malware, implemented: likelihood 4 → 3"]
    );
    let residual = project(&m, &inherent, &controls, true);
    assert_eq!(residual.tier, cia(2, 2, 1, 3));
    assert_eq!(
        residual.lines,
        vec![
            "8.7 Protection against malware, implemented: likelihood 4 → 3",
            "8.13 Information backup, planned: impact integrity 3 → 1, availability 5 → 3 \
             (not confidentiality, which it does not protect)",
            "CUST-1, in progress: likelihood 3 → 2",
        ]
    );
    let levels = projected_levels(&m, &inherent, &controls);
    assert_eq!(levels.current, current);
    assert_eq!(levels.residual, residual);
    assert_eq!(levels.current_level.unwrap().level, "high"); // 3 × 5 = 15
    assert_eq!(levels.residual_level.unwrap().level, "medium"); // 2 × 3 = 6
}

#[test]
fn projection_stops_at_level_one_and_says_so() {
    let m = method("3x3");
    let controls = [
        applied(
            "8.7",
            ControlStatus::Implemented,
            Effectiveness::High,
            ControlType::Preventive,
        ),
        applied(
            "8.7",
            ControlStatus::Implemented,
            Effectiveness::High,
            ControlType::Preventive,
        ),
        applied(
            "8.13",
            ControlStatus::Implemented,
            Effectiveness::High,
            ControlType::Corrective,
        ),
    ];
    let p = project(&m, &cia(2, 1, 1, 1), &controls, false);
    assert_eq!(p.tier, cia(1, 1, 1, 1));
    assert_eq!(
        p.lines[1],
        "8.7 Protection against malware, implemented: likelihood already at 1"
    );
    assert_eq!(
        p.lines[2],
        "8.13 Information backup, implemented: impact already at its lowest"
    );
}

#[test]
fn effectiveness_steps_are_one_one_two() {
    let steps: Vec<u8> = Effectiveness::ALL.iter().map(|e| e.steps()).collect();
    assert_eq!(steps, vec![1, 1, 2]);
}

#[test]
fn applied_controls_read_in_snake_case() {
    let c: AppliedControl = serde_json::from_str(
        r#"{"control_id":"8.7","status":"in_progress","effectiveness":"high","acts_through":"detective"}"#,
    )
    .unwrap();
    assert_eq!(c.status, ControlStatus::InProgress);
    assert_eq!(c.acts_through, ControlType::Detective);
}

fn arb_control() -> impl Strategy<Value = AppliedControl> {
    (
        prop::sample::select(vec!["8.7", "8.13", "5.26", "X-1"]),
        prop::sample::select(ControlStatus::ALL.to_vec()),
        prop::sample::select(Effectiveness::ALL.to_vec()),
        prop::sample::select(ControlType::ALL.to_vec()),
    )
        .prop_map(|(id, status, effectiveness, acts_through)| AppliedControl {
            control_id: id.into(),
            status,
            effectiveness,
            acts_through,
        })
}

/// A method and a tier on its scales.
fn arb_case() -> impl Strategy<Value = (&'static str, ScoredTier)> {
    prop::sample::select(vec!["3x3", "4x4", "5x5"]).prop_flat_map(|name| {
        let n = match name {
            "3x3" => 3u8,
            "4x4" => 4,
            _ => 5,
        };
        (1..=n, 1..=n, 1..=n, 1..=n).prop_map(move |(l, c, i, a)| (name, cia(l, c, i, a)))
    })
}

fn at_most(a: &ScoredTier, b: &ScoredTier) -> bool {
    a.likelihood <= b.likelihood
        && a.impacts.len() == b.impacts.len()
        && a.impacts
            .iter()
            .all(|(d, v)| b.impacts.get(d).is_some_and(|w| v <= w))
}

proptest! {
    #[test]
    fn projection_never_raises_and_stays_on_the_scale(
        (name, inherent) in arb_case(),
        controls in prop::collection::vec(arb_control(), 0..8),
        include_planned in any::<bool>(),
    ) {
        let m = method(name);
        let p = project(&m, &inherent, &controls, include_planned);
        prop_assert!(at_most(&p.tier, &inherent));
        prop_assert!((1..=m.likelihood_max()).contains(&p.tier.likelihood));
        for v in p.tier.impacts.values() {
            prop_assert!((1..=m.impact_max()).contains(v));
        }
        // Residual is never above current.
        let current = project(&m, &inherent, &controls, false);
        let residual = project(&m, &inherent, &controls, true);
        prop_assert!(at_most(&residual.tier, &current.tier));
        // Deterministic.
        prop_assert_eq!(&p, &project(&m, &inherent, &controls, include_planned));
    }

    #[test]
    fn one_line_per_counted_control(
        (name, inherent) in arb_case(),
        controls in prop::collection::vec(arb_control(), 0..8),
        include_planned in any::<bool>(),
    ) {
        let m = method(name);
        let p = project(&m, &inherent, &controls, include_planned);
        let counted = controls
            .iter()
            .filter(|c| c.status.counts(include_planned))
            .count();
        prop_assert_eq!(p.lines.len(), counted);
        for line in &p.lines {
            prop_assert!(!line.contains('\n'));
        }
    }

    #[test]
    fn adding_a_control_never_raises_anything(
        (name, inherent) in arb_case(),
        controls in prop::collection::vec(arb_control(), 0..6),
        extra in arb_control(),
        at in 0usize..7,
        include_planned in any::<bool>(),
    ) {
        let m = method(name);
        let before = project(&m, &inherent, &controls, include_planned);
        let mut more = controls.clone();
        more.insert(at.min(more.len()), extra);
        let after = project(&m, &inherent, &more, include_planned);
        prop_assert!(at_most(&after.tier, &before.tier));
    }

    #[test]
    fn raising_a_status_never_raises_anything(
        (name, inherent) in arb_case(),
        controls in prop::collection::vec(arb_control(), 1..6),
        which in 0usize..6,
        include_planned in any::<bool>(),
    ) {
        let m = method(name);
        let which = which % controls.len();
        let ladder = [ControlStatus::Planned, ControlStatus::InProgress, ControlStatus::Implemented];
        for pair in ladder.windows(2) {
            let mut lower = controls.clone();
            lower[which].status = pair[0];
            let mut higher = controls.clone();
            higher[which].status = pair[1];
            let lower = project(&m, &inherent, &lower, include_planned);
            let higher = project(&m, &inherent, &higher, include_planned);
            prop_assert!(at_most(&higher.tier, &lower.tier));
        }
    }

    #[test]
    fn not_effective_controls_change_nothing(
        (name, inherent) in arb_case(),
        controls in prop::collection::vec(arb_control(), 0..6),
        include_planned in any::<bool>(),
    ) {
        let m = method(name);
        let ineffective: Vec<AppliedControl> = controls
            .iter()
            .cloned()
            .map(|mut c| { c.status = ControlStatus::NotEffective; c })
            .collect();
        let p = project(&m, &inherent, &ineffective, include_planned);
        prop_assert_eq!(&p.tier, &inherent);
        prop_assert!(p.lines.is_empty());
        // Nor does marking one of a list not effective raise anything
        // compared with leaving it out.
        if let Some((first, rest)) = controls.split_first() {
            let mut marked = vec![AppliedControl { status: ControlStatus::NotEffective, ..first.clone() }];
            marked.extend(rest.iter().cloned());
            prop_assert_eq!(
                project(&m, &inherent, &marked, include_planned).tier,
                project(&m, &inherent, rest, include_planned).tier
            );
        }
    }

    #[test]
    fn projected_levels_never_rise(
        (name, inherent) in arb_case(),
        controls in prop::collection::vec(arb_control(), 0..6),
    ) {
        let m = method(name);
        let start = m.level_index_at(
            inherent.likelihood,
            m.aggregate_impact(&inherent.impacts).unwrap(),
        ).unwrap();
        let levels = projected_levels(&m, &inherent, &controls);
        let index = |id: &str| m.method().level_index(id).unwrap();
        let current = index(&levels.current_level.unwrap().level);
        let residual = index(&levels.residual_level.unwrap().level);
        prop_assert!(current <= start);
        prop_assert!(residual <= current);
    }
}

// ---- share, distinct reasons, mappings a practitioner would question --------

fn share_reason(a: &Assessment) -> Option<String> {
    propose(a, &method("5x5"), "R-1")
        .unwrap()
        .options
        .into_iter()
        .find(|o| o.option == Share)
        .map(|o| o.reason)
}

#[test]
fn share_is_proposed_for_a_supplier_breach() {
    // T25 Security breach at a supplier, at a middling level where the old
    // table proposed only modify and retain.
    let mut a = threat_assessment("T25", None, None);
    a.risks[0].current = Some(cia(3, 3, 3, 3));
    let reason = share_reason(&a).expect("share is offered");
    assert_eq!(
        reason,
        "the threat \"Security breach at a supplier\" comes through a third party: consider \
         sharing it with the supplier by contract (liability, service levels, right to audit) \
         or insuring it"
    );
    // A supplier among the assets does the same for any threat.
    let mut a = threat_assessment("T16", None, Some(AssetType::Supplier));
    a.risks[0].current = Some(cia(3, 3, 3, 3));
    assert!(share_reason(&a)
        .unwrap()
        .starts_with("the asset \"Asset\" is a supplier"));
}

#[test]
fn share_is_proposed_for_an_insurable_loss() {
    // Ransomware with a high impact: insurers commonly cover it.
    let mut a = threat_assessment("T02", None, None);
    a.risks[0].current = Some(cia(3, 4, 4, 4));
    assert_eq!(
        share_reason(&a).unwrap(),
        "impact Major from \"Ransomware\", a loss insurers commonly cover (cyber, crime or \
         property insurance): consider sharing the financial loss through insurance"
    );
    // Not with a low impact, nor for a kind of threat insurers do not take
    // (a misconfiguration, here).
    a.risks[0].current = Some(cia(3, 2, 2, 2));
    assert_eq!(share_reason(&a), None);
    let mut a = threat_assessment("T15", None, None);
    a.risks[0].current = Some(cia(3, 4, 4, 4));
    assert_eq!(share_reason(&a), None);
}

#[test]
fn suggestions_show_only_what_sets_each_apart() {
    let a = threat_assessment("T02", Some("V30"), Some(AssetType::Information));
    let controls = suggest_controls(&a, &method("5x5"), "R-1").unwrap();
    let split = riskwright_engine::treatment::distinguish(&controls);
    assert_eq!(split.own.len(), controls.len());
    // Every suggestion is mapped from ransomware and most protect all three
    // properties: said once.
    assert!(split
        .shared
        .contains(&"mapped from threat T02 Ransomware".to_string()));
    assert!(split.shared.contains(
        &"protects confidentiality, integrity and availability, all of which the threat affects"
            .to_string()
    ));
    for own in &split.own {
        for reason in own {
            assert!(!split.shared.contains(reason));
        }
    }
    // What sets backups apart is still said.
    let k = controls.iter().position(|c| c.id == "8.13").unwrap();
    assert!(split.own[k]
        .iter()
        .any(|r| r == "protects integrity and availability, all of which the threat affects"));
    assert!(split.own[k]
        .iter()
        .any(|r| r.starts_with("mapped from vulnerability V30")));
    // A single suggestion shares nothing.
    let one = riskwright_engine::treatment::distinguish(&controls[..1]);
    assert!(one.shared.is_empty());
    assert_eq!(one.own[0], controls[0].reasons);
}

#[test]
fn asset_kinds_do_not_bring_unrelated_controls_to_a_named_threat() {
    // Ransomware on information: 5.12 Classification does not lower the
    // likelihood of ransomware.
    let a = threat_assessment("T02", None, Some(AssetType::Information));
    let ids: Vec<String> = suggest_controls(&a, &method("5x5"), "R-1")
        .unwrap()
        .into_iter()
        .map(|c| c.id)
        .collect();
    assert!(!ids.contains(&"5.12".to_string()), "{ids:?}");
    // 8.13 is both mapped and typical of information: it gets the points.
    let backup = suggest_controls(&a, &method("5x5"), "R-1")
        .unwrap()
        .into_iter()
        .find(|c| c.id == "8.13")
        .unwrap();
    assert!(backup
        .reasons
        .contains(&"typical for information assets".to_string()));
    // A data breach (deliberate disclosure) on a payroll service: no 8.6
    // Capacity management.
    let a = threat_assessment("T12", None, Some(AssetType::Service));
    let ids: Vec<String> = suggest_controls(&a, &method("5x5"), "R-1")
        .unwrap()
        .into_iter()
        .map(|c| c.id)
        .collect();
    assert!(!ids.contains(&"8.6".to_string()), "{ids:?}");
    // Every threat's and vulnerability's mapped controls protect at least
    // one property the threat can harm.
    for t in catalogue::threats() {
        for id in &t.controls {
            let c = catalogue::control(id).unwrap();
            assert!(
                c.security_properties
                    .iter()
                    .any(|p| t.properties.contains(p)),
                "{} maps {id}, which protects none of its properties",
                t.id
            );
        }
    }
}

#[test]
fn backups_do_not_lower_the_confidentiality_impact() {
    let backup = applied(
        "8.13",
        ControlStatus::Implemented,
        Effectiveness::Medium,
        ControlType::Corrective,
    );
    let p = project(
        &method("5x5"),
        &cia(4, 5, 5, 5),
        std::slice::from_ref(&backup),
        false,
    );
    assert_eq!(p.tier, cia(4, 5, 4, 4));
    assert_eq!(
        p.lines,
        vec![
            "8.13 Information backup, implemented: impact integrity 5 → 4, availability 5 → 4 \
             (not confidentiality, which it does not protect)"
        ]
    );
    // A disclosure-only risk: nothing to lower.
    let p = project(&method("5x5"), &cia(4, 5, 1, 1), &[backup], false);
    assert_eq!(p.tier, cia(4, 5, 1, 1));
    assert_eq!(
        p.lines,
        vec!["8.13 Information backup, implemented: impact unchanged: it does not protect confidentiality"]
    );
}
