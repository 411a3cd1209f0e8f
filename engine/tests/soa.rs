//! Treatment recorded in the register, acceptance, the risk treatment plan
//! and the Statement of Applicability with its completeness checker.

use riskwright_engine::catalogue::{Control, ControlType, Theme};
use riskwright_engine::date::Date;
use riskwright_engine::document::{
    Acceptance, ActionStatus, Assessment, Change, PlanAction, Risk, ScoredTier, SoaEntry, Tier,
    TreatmentDecision,
};
use riskwright_engine::method::{preset, ResolvedMethod};
use riskwright_engine::register::{replay, RegisterEdit};
use riskwright_engine::soa::{gap_count, gaps, row_status, statement, Applicability, SoaGapKind};
use riskwright_engine::treatment::{
    acceptance_state, AcceptanceState, AppliedControl, ControlStatus, Effectiveness, ExpiryReason,
    TreatmentOption,
};

const AT: &str = "2027-01-10T09:00:00Z";

fn day(text: &str) -> Date {
    Date::parse(text).unwrap()
}

fn cia(likelihood: u8, c: u8, i: u8, a: u8) -> ScoredTier {
    ScoredTier {
        likelihood,
        impacts: [
            ("confidentiality".to_string(), c),
            ("integrity".to_string(), i),
            ("availability".to_string(), a),
        ]
        .into_iter()
        .collect(),
    }
}

fn applied(id: &str, status: ControlStatus, through: ControlType) -> AppliedControl {
    AppliedControl {
        control_id: id.into(),
        status,
        effectiveness: Effectiveness::Medium,
        acts_through: through,
    }
}

/// One risk at likelihood 4, impact 5 (20, very high on the 5×5 preset,
/// whose appetite is medium). Its current tier is scored by hand (no
/// control in place yet), so applying controls leaves it as scored.
fn assessment() -> Assessment {
    let mut a = Assessment::new("SoA");
    a.method = preset("5x5").unwrap();
    let risk = Risk {
        id: "R-1".into(),
        title: "Ransomware on the file server".into(),
        owner: "Head of IT".into(),
        inherent: Some(cia(4, 5, 5, 5)),
        current: Some(cia(4, 5, 5, 5)),
        reviewed_on: Some(day("2027-01-10")),
        ..Risk::default()
    };
    a.apply(RegisterEdit::AddRisk(risk), AT, "").unwrap();
    a
}

fn risk(a: &Assessment) -> Risk {
    a.risks[0].clone()
}

fn level(a: &Assessment, tier: Tier) -> String {
    let method = ResolvedMethod::new(a.method.clone()).unwrap();
    let t = a.risks[0].tier(tier).unwrap();
    let impact = method.aggregate_impact(&t.impacts).unwrap();
    let score = method
        .score(i64::from(t.likelihood), i64::from(impact))
        .unwrap();
    method.level(score.level).unwrap().id.clone()
}

fn kinds(a: &Assessment, subject: &str, today: &str) -> Vec<SoaGapKind> {
    let all = gaps(a, day(today));
    // The first load counts the gaps over the controls' names alone.
    assert_eq!(gap_count(a, day(today)), all.len());
    all.into_iter()
        .filter(|g| g.subject == subject)
        .map(|g| g.kind)
        .collect()
}

#[test]
fn applied_controls_drive_current_and_residual_and_are_recorded() {
    let mut a = assessment();
    let mut r = risk(&a);
    r.decision = Some(TreatmentDecision {
        option: TreatmentOption::Modify,
        justification: String::new(),
    });
    r.controls = vec![
        applied("8.7", ControlStatus::Implemented, ControlType::Preventive),
        applied("8.13", ControlStatus::Planned, ControlType::Corrective),
    ];
    let undo = a
        .apply(RegisterEdit::UpdateRisk(r), AT, "")
        .unwrap()
        .inverse;
    let r = risk(&a);
    // The current tier was scored by hand: kept. The residual one was not
    // scored: it takes the projection, which counts the implemented 8.7
    // and the planned 8.13 (integrity and availability only: a backup does
    // not make a disclosure less harmful).
    assert_eq!(r.current, Some(cia(4, 5, 5, 5)));
    assert_eq!(r.residual, Some(cia(3, 5, 4, 4)));
    let changes: Vec<&Change> = a.history.iter().map(|h| &h.change).collect();
    assert!(changes.iter().any(|c| matches!(
        c,
        Change::Decision {
            new: Some(TreatmentOption::Modify),
            ..
        }
    )));
    let lines = changes
        .iter()
        .find_map(|c| match c {
            Change::Controls { lines } => Some(lines.clone()),
            _ => None,
        })
        .unwrap();
    assert_eq!(
        lines,
        vec![
            "8.7 Protection against malware added (implemented, medium, preventive)",
            "8.13 Information backup added (planned, medium, corrective)",
        ]
    );
    // The projected tiers are in the history, so replay still matches.
    let replayed = replay(&a.history);
    assert_eq!(replayed["R-1"][1], r.current);
    assert_eq!(replayed["R-1"][2], r.residual);
    a.apply(undo, AT, "undo").unwrap();
    assert!(risk(&a).controls.is_empty());
    assert_eq!(risk(&a).current, Some(cia(4, 5, 5, 5)));
}

#[test]
fn an_override_needs_a_justification_and_survives_projection() {
    let mut a = assessment();
    let mut r = risk(&a);
    r.controls = vec![applied(
        "8.7",
        ControlStatus::Implemented,
        ControlType::Preventive,
    )];
    r.residual = Some(cia(1, 2, 2, 2));
    r.overrides.insert(Tier::Residual, "  ".into());
    let problems = a
        .apply(RegisterEdit::UpdateRisk(r.clone()), AT, "")
        .unwrap_err();
    assert_eq!(problems[0].path, "$.risks[0].overrides.residual");
    r.overrides
        .insert(Tier::Residual, "Insurer confirms the cover".into());
    a.apply(RegisterEdit::UpdateRisk(r), AT, "").unwrap();
    assert_eq!(risk(&a).residual, Some(cia(1, 2, 2, 2)));
    assert_eq!(
        risk(&a).current,
        Some(cia(4, 5, 5, 5)),
        "scored by hand: kept"
    );
    assert!(a.history.iter().any(|h| matches!(
        &h.change,
        Change::Override { tier: Tier::Residual, justification: Some(j) } if j == "Insurer confirms the cover"
    )));
}

#[test]
fn retain_avoid_and_share_need_a_justification() {
    for option in [
        TreatmentOption::Retain,
        TreatmentOption::Avoid,
        TreatmentOption::Share,
    ] {
        let mut a = assessment();
        let mut r = risk(&a);
        r.decision = Some(TreatmentDecision {
            option,
            justification: String::new(),
        });
        let problems = a.apply(RegisterEdit::UpdateRisk(r), AT, "").unwrap_err();
        assert_eq!(problems[0].path, "$.risks[0].decision.justification");
    }
}

#[test]
fn unknown_controls_are_refused_with_their_path() {
    let mut a = assessment();
    let mut r = risk(&a);
    r.controls = vec![applied(
        "9.9",
        ControlStatus::Planned,
        ControlType::Preventive,
    )];
    let problems = a.apply(RegisterEdit::UpdateRisk(r), AT, "").unwrap_err();
    assert_eq!(problems[0].path, "$.risks[0].controls[0].control_id");
    assert!(problems[0].message.contains("'9.9'"));
}

#[test]
fn acceptance_states_follow_the_rules() {
    let method = ResolvedMethod::new(preset("5x5").unwrap()).unwrap();
    let mut a = assessment();
    let mut r = risk(&a);
    // Very high (20) with no residual: the current tier stands in.
    assert_eq!(
        acceptance_state(&method, &r, day("2027-01-10")),
        AcceptanceState::Missing
    );
    r.residual = Some(cia(2, 4, 4, 4)); // 8: medium, within the appetite
    assert_eq!(
        acceptance_state(&method, &r, day("2027-01-10")),
        AcceptanceState::NotRequired
    );
    r.residual = Some(cia(3, 4, 4, 4)); // 12: high
    r.acceptance = Some(Acceptance {
        by: "Head of IT".into(),
        on: day("2027-01-10"),
        note: String::new(),
        level: "high".into(),
    });
    // The current level is very high, reviewed every 30 days.
    assert_eq!(
        acceptance_state(&method, &r, day("2027-02-09")),
        AcceptanceState::Accepted {
            until: Some(day("2027-02-09"))
        }
    );
    assert_eq!(
        acceptance_state(&method, &r, day("2027-02-10")),
        AcceptanceState::Expired(ExpiryReason::ReviewPassed(day("2027-02-09")))
    );
    r.residual = Some(cia(4, 5, 5, 5));
    assert_eq!(
        acceptance_state(&method, &r, day("2027-01-11")),
        AcceptanceState::Expired(ExpiryReason::LevelRose {
            accepted: "high".into(),
            now: "very_high".into()
        })
    );
    // Recording it: a name is required, and the history says who.
    r.residual = Some(cia(3, 4, 4, 4));
    let mut nameless = r.clone();
    if let Some(acc) = nameless.acceptance.as_mut() {
        acc.by = String::new();
    }
    let problems = a
        .apply(RegisterEdit::UpdateRisk(nameless), AT, "")
        .unwrap_err();
    assert_eq!(problems[0].path, "$.risks[0].acceptance.by");
    a.apply(RegisterEdit::UpdateRisk(r), AT, "").unwrap();
    assert!(a.history.iter().any(|h| matches!(
        &h.change,
        Change::Accepted { by, level, .. } if by == "Head of IT" && level == "high"
    )));
}

#[test]
fn the_statement_lists_every_control_and_links_selecting_risks() {
    let mut a = assessment();
    let custom = {
        let mut c = Control::custom(
            "NIS2-21a",
            "Risk analysis policy",
            "NIS2",
            Theme::Organizational,
        );
        c.control_types = vec![ControlType::Preventive];
        c.security_properties =
            vec![riskwright_engine::catalogue::SecurityProperty::Confidentiality];
        c
    };
    a.apply(RegisterEdit::AddCustomControl(custom), AT, "")
        .unwrap();
    let mut r = risk(&a);
    r.controls = vec![applied(
        "A.8.7",
        ControlStatus::InProgress,
        ControlType::Preventive,
    )];
    a.apply(RegisterEdit::UpdateRisk(r), AT, "").unwrap();
    let rows = statement(&a);
    assert_eq!(rows.len(), 94);
    assert_eq!(rows[93].control.id, "NIS2-21a");
    let malware = rows.iter().find(|r| r.control.id == "8.7").unwrap();
    assert_eq!(malware.applicability, Applicability::Applicable);
    assert_eq!(malware.risk_ids, vec!["R-1"]);
    assert!(!malware.recorded);
    assert_eq!(row_status(&a, malware), Some(ControlStatus::InProgress));
    assert_eq!(
        riskwright_engine::soa::control_name(&a, "A.8.7"),
        "8.7 Protection against malware"
    );
    assert_eq!(
        riskwright_engine::soa::control_name(&a, "NIS2-21a"),
        "NIS2-21a Risk analysis policy"
    );
    assert_eq!(riskwright_engine::soa::control_name(&a, " X-9 "), "X-9");
    // A custom control a risk applies cannot be deleted.
    let mut r = risk(&a);
    r.controls.push(applied(
        "NIS2-21a",
        ControlStatus::Planned,
        ControlType::Preventive,
    ));
    a.apply(RegisterEdit::UpdateRisk(r), AT, "").unwrap();
    let problems = a
        .apply(
            RegisterEdit::DeleteCustomControl {
                id: "NIS2-21a".into(),
            },
            AT,
            "",
        )
        .unwrap_err();
    assert!(problems[0].message.contains("still linked by risk R-1"));
}

#[test]
fn every_kind_of_gap_is_found_and_fixed() {
    let mut a = assessment();
    let today = "2027-01-10";
    // Nothing decided: 93 undecided controls and the risk untreated.
    let all = gaps(&a, day(today));
    assert_eq!(
        all.iter()
            .filter(|g| g.kind == SoaGapKind::Undecided)
            .count(),
        93
    );
    assert_eq!(
        kinds(&a, "R-1", today),
        vec![
            SoaGapKind::RiskWithoutTreatment,
            SoaGapKind::RiskWithoutAcceptance
        ]
    );
    // Excluded without justification.
    let exclude = SoaEntry {
        control_id: "7.5".into(),
        applicable: Some(false),
        ..SoaEntry::default()
    };
    a.apply(RegisterEdit::SetSoaEntry(exclude.clone()), AT, "")
        .unwrap();
    assert_eq!(
        kinds(&a, "7.5", today),
        vec![SoaGapKind::ExclusionWithoutJustification]
    );
    let justified = SoaEntry {
        exclusion_justification: "No premises of our own: we work from a shared office".into(),
        ..exclude
    };
    a.apply(RegisterEdit::SetSoaEntry(justified), AT, "")
        .unwrap();
    assert!(kinds(&a, "7.5", today).is_empty());
    // Included without status or evidence.
    let include = SoaEntry {
        control_id: "5.1".into(),
        applicable: Some(true),
        ..SoaEntry::default()
    };
    a.apply(RegisterEdit::SetSoaEntry(include.clone()), AT, "")
        .unwrap();
    assert_eq!(
        kinds(&a, "5.1", today),
        vec![
            SoaGapKind::IncludedWithoutStatus,
            SoaGapKind::IncludedWithoutEvidence
        ]
    );
    let evidenced = SoaEntry {
        status: Some(ControlStatus::Implemented),
        evidence: vec!["Information security policy v3, approved 2026-11-02".into()],
        ..include
    };
    a.apply(RegisterEdit::SetSoaEntry(evidenced), AT, "")
        .unwrap();
    assert!(kinds(&a, "5.1", today).is_empty());
    // Selected by a risk but excluded.
    let excluded_backup = SoaEntry {
        control_id: "8.13".into(),
        applicable: Some(false),
        exclusion_justification: "Cloud provider keeps the backups".into(),
        ..SoaEntry::default()
    };
    a.apply(RegisterEdit::SetSoaEntry(excluded_backup), AT, "")
        .unwrap();
    let mut r = risk(&a);
    r.decision = Some(TreatmentDecision {
        option: TreatmentOption::Modify,
        justification: String::new(),
    });
    r.controls = vec![applied(
        "8.13",
        ControlStatus::Implemented,
        ControlType::Corrective,
    )];
    a.apply(RegisterEdit::UpdateRisk(r), AT, "").unwrap();
    assert_eq!(
        kinds(&a, "8.13", today),
        vec![SoaGapKind::SelectedButExcluded],
        "excluded is its one state: no gap of an included control"
    );
    // Treated, but the residual (4 × 5 = 20: 8.13 does not lower the
    // confidentiality impact) is above the appetite.
    assert_eq!(
        kinds(&a, "R-1", today),
        vec![SoaGapKind::RiskWithoutAcceptance]
    );
    let mut r = risk(&a);
    r.acceptance = Some(Acceptance {
        by: "Head of IT".into(),
        on: day(today),
        note: "Reviewed at the board".into(),
        level: level(&a, Tier::Residual),
    });
    a.apply(RegisterEdit::UpdateRisk(r), AT, "").unwrap();
    assert!(kinds(&a, "R-1", today).is_empty());
    // The acceptance runs out with the review interval of a high risk (90 days).
    assert_eq!(
        kinds(&a, "R-1", "2027-05-01"),
        vec![SoaGapKind::RiskWithoutAcceptance]
    );
}

#[test]
fn soa_entries_stay_in_catalogue_order_and_undo() {
    let mut a = assessment();
    for id in ["8.1", "5.2", "6.3"] {
        let entry = SoaEntry {
            control_id: id.into(),
            applicable: Some(true),
            ..SoaEntry::default()
        };
        a.apply(RegisterEdit::SetSoaEntry(entry), AT, "").unwrap();
    }
    let ids: Vec<&str> = a.soa.iter().map(|e| e.control_id.as_str()).collect();
    assert_eq!(ids, vec!["5.2", "6.3", "8.1"]);
    let undo = a
        .apply(
            RegisterEdit::SetSoaEntry(SoaEntry {
                control_id: "6.3".into(),
                applicable: Some(false),
                ..SoaEntry::default()
            }),
            AT,
            "",
        )
        .unwrap()
        .inverse;
    a.apply(undo, AT, "undo").unwrap();
    assert_eq!(a.soa[1].applicable, Some(true));
    let problems = a
        .apply(
            RegisterEdit::SetSoaEntry(SoaEntry {
                control_id: "4.4".into(),
                ..SoaEntry::default()
            }),
            AT,
            "",
        )
        .unwrap_err();
    assert!(problems[0].message.contains("'4.4'"), "{problems:?}");
    assert_eq!(a.soa.len(), 3);
}

#[test]
fn plan_progress_feeds_the_controls_and_the_projection() {
    let mut a = assessment();
    let action = PlanAction {
        title: "Roll out endpoint protection".into(),
        control_id: "8.7".into(),
        owner: "IT operations".into(),
        due: Some(day("2027-03-01")),
        risk_ids: vec!["R-1".into()],
        ..PlanAction::default()
    };
    let add = a.apply(RegisterEdit::AddAction(action), AT, "").unwrap();
    assert_eq!(a.plan[0].id, "A-1");
    // A planned action applies its control as planned: residual only.
    assert_eq!(risk(&a).controls[0].status, ControlStatus::Planned);
    assert_eq!(risk(&a).current, Some(cia(4, 5, 5, 5)));
    assert_eq!(risk(&a).residual, Some(cia(3, 5, 5, 5)));
    let mut done = a.plan[0].clone();
    done.status = ActionStatus::Done;
    let finish = a.apply(RegisterEdit::UpdateAction(done), AT, "").unwrap();
    assert_eq!(risk(&a).controls[0].status, ControlStatus::Implemented);
    // The current tier was scored by hand (4 × 5, no control then): kept,
    // and marked so; the projection it could follow is 3 × 5.
    assert_eq!(risk(&a).current, Some(cia(4, 5, 5, 5)));
    assert_eq!(
        risk(&a).overrides.get(&Tier::Current).map(String::as_str),
        Some(riskwright_engine::treatment::SCORED_BY_HAND)
    );
    let method = ResolvedMethod::new(a.method.clone()).unwrap();
    assert_eq!(
        riskwright_engine::treatment::follow_projection(&method, &risk(&a), Tier::Current).current,
        Some(cia(3, 5, 5, 5))
    );
    assert!(a.history.iter().any(|h| matches!(
        &h.change,
        Change::Action {
            old: Some(ActionStatus::Planned),
            new: Some(ActionStatus::Done),
            ..
        }
    )));
    // Undo is one step, for the action and the risk together.
    a.apply(finish.inverse, AT, "undo").unwrap();
    assert_eq!(a.plan[0].status, ActionStatus::Planned);
    assert_eq!(risk(&a).controls[0].status, ControlStatus::Planned);
    a.apply(add.inverse, AT, "undo").unwrap();
    assert!(a.plan.is_empty());
    assert!(risk(&a).controls.is_empty());
    assert_eq!(risk(&a).residual, None);
}

#[test]
fn a_failing_batch_changes_nothing() {
    let mut a = assessment();
    let before = a.clone();
    let edits = vec![
        RegisterEdit::SetName("Renamed".into()),
        RegisterEdit::DeleteRisk { id: "R-404".into() },
    ];
    let problems = a.apply(RegisterEdit::Batch(edits), AT, "").unwrap_err();
    assert!(problems[0].message.contains("R-404"));
    assert_eq!(a, before);
}

#[test]
fn plan_actions_are_checked() {
    let mut a = assessment();
    let problems = a
        .apply(
            RegisterEdit::AddAction(PlanAction {
                title: String::new(),
                control_id: "8.99".into(),
                risk_ids: vec!["R-9".into()],
                ..PlanAction::default()
            }),
            AT,
            "",
        )
        .unwrap_err();
    let paths: Vec<&str> = problems.iter().map(|p| p.path.as_str()).collect();
    assert_eq!(
        paths,
        vec![
            "$.plan[0].title",
            "$.plan[0].control_id",
            "$.plan[0].risk_ids[0]"
        ]
    );
    assert!(a.plan.is_empty());
}

#[test]
fn tiers_that_no_longer_match_the_projection_are_found_and_followed_on_request() {
    let method = ResolvedMethod::new(preset("5x5").unwrap()).unwrap();
    let mut a = assessment();
    let mut r = risk(&a);
    r.current = None;
    r.controls = vec![applied(
        "8.7",
        ControlStatus::Implemented,
        ControlType::Preventive,
    )];
    a.apply(RegisterEdit::UpdateRisk(r), AT, "").unwrap();
    assert_eq!(
        a.risks[0].current,
        Some(cia(3, 5, 5, 5)),
        "unscored: projected"
    );
    assert!(riskwright_engine::treatment::stale_projections(&method, &a.risks[0]).is_empty());
    // A file edited by hand, or an import, leaves a tier off the projection.
    a.risks[0].current = Some(cia(1, 1, 1, 1));
    assert_eq!(
        riskwright_engine::treatment::stale_projections(&method, &a.risks[0]),
        vec![Tier::Current]
    );
    // An override is not stale: it was set by hand on purpose.
    let mut overridden = a.risks[0].clone();
    overridden
        .overrides
        .insert(Tier::Current, "Tested in the last exercise".into());
    assert!(riskwright_engine::treatment::stale_projections(&method, &overridden).is_empty());
    // Recording the risk again keeps it; following the projection brings it
    // in line.
    let r = risk(&a);
    a.apply(RegisterEdit::UpdateRisk(r), AT, "").unwrap();
    assert_eq!(a.risks[0].current, Some(cia(1, 1, 1, 1)));
    let followed =
        riskwright_engine::treatment::follow_projection(&method, &a.risks[0], Tier::Current);
    a.apply(RegisterEdit::UpdateRisk(followed), AT, "followed")
        .unwrap();
    assert_eq!(a.risks[0].current, Some(cia(3, 5, 5, 5)));
}

#[test]
fn an_action_is_overdue_after_its_due_date_unless_done() {
    let mut action = PlanAction {
        due: Some(day("2027-03-01")),
        ..PlanAction::default()
    };
    assert!(
        !action.is_overdue(day("2027-03-01")),
        "due today is not late yet"
    );
    assert!(action.is_overdue(day("2027-03-02")));
    action.status = ActionStatus::Done;
    assert!(!action.is_overdue(day("2027-03-02")));
    action.status = ActionStatus::InProgress;
    action.due = None;
    assert!(
        !action.is_overdue(day("2030-01-01")),
        "no due date, never late"
    );
}

// ---- hand-scored tiers, control status, one state per control --------------

/// R-1 as the issue describes it: inherent 5×5 = 25, current scored by hand
/// 4×5 = 20 because it already counts the controls in place, residual
/// scored by hand too.
fn hand_scored() -> Assessment {
    let mut a = Assessment::new("Hand-scored");
    a.method = preset("5x5").unwrap();
    let risk = Risk {
        id: "R-1".into(),
        title: "Ransomware on the file server".into(),
        owner: "Head of IT".into(),
        inherent: Some(cia(5, 5, 5, 5)),
        current: Some(cia(4, 5, 5, 5)),
        residual: Some(cia(2, 5, 5, 5)),
        ..Risk::default()
    };
    a.apply(RegisterEdit::AddRisk(risk), AT, "").unwrap();
    a
}

fn assert_replay_matches(a: &Assessment) {
    let replayed = replay(&a.history);
    for r in &a.risks {
        assert_eq!(
            replayed[&r.id],
            [r.inherent.clone(), r.current.clone(), r.residual.clone()],
            "{}",
            r.id
        );
    }
}

#[test]
fn applying_a_control_to_a_hand_scored_risk_leaves_its_tiers() {
    let mut a = hand_scored();
    let mut r = risk(&a);
    r.controls = vec![applied(
        "8.13",
        ControlStatus::Planned,
        ControlType::Corrective,
    )];
    a.apply(RegisterEdit::UpdateRisk(r), AT, "").unwrap();
    assert_eq!(
        risk(&a).current,
        Some(cia(4, 5, 5, 5)),
        "not replaced by 25"
    );
    assert_eq!(risk(&a).residual, Some(cia(2, 5, 5, 5)));
    // Marking it implemented does not move them either.
    let mut r = risk(&a);
    r.controls[0].status = ControlStatus::Implemented;
    a.apply(RegisterEdit::UpdateRisk(r), AT, "").unwrap();
    assert_eq!(risk(&a).current, Some(cia(4, 5, 5, 5)));
    // The screen shows both values and the difference.
    let method = ResolvedMethod::new(a.method.clone()).unwrap();
    let differences = riskwright_engine::treatment::projection_differences(&method, &risk(&a));
    let current = differences
        .iter()
        .find(|d| d.tier == Tier::Current)
        .unwrap();
    // 8.13 is corrective and protects integrity and availability only: the
    // confidentiality impact stays at 5, so the projection stays 5×5 = 25.
    assert_eq!(current.projected, cia(5, 5, 4, 4));
    assert_eq!(
        current.describe(),
        "projected 5×5 = 25, scored 4×5 = 20, +5"
    );
    assert!(!riskwright_engine::treatment::follows_projection(
        &method,
        &risk(&a),
        Tier::Current
    ));
    assert_replay_matches(&a);
}

#[test]
fn a_hand_score_equal_to_the_projection_by_chance_is_still_kept() {
    // Current scored by hand as the inherent tier (nothing in place yet).
    let mut a = hand_scored();
    let mut r = risk(&a);
    r.current = Some(cia(5, 5, 5, 5));
    a.apply(RegisterEdit::UpdateRisk(r), AT, "").unwrap();
    // A planned control projects the same current tier...
    let mut r = risk(&a);
    r.controls = vec![applied(
        "8.7",
        ControlStatus::Planned,
        ControlType::Preventive,
    )];
    a.apply(RegisterEdit::UpdateRisk(r), AT, "").unwrap();
    assert_eq!(risk(&a).current, Some(cia(5, 5, 5, 5)));
    // ...but once implemented, the hand score still stands.
    let mut r = risk(&a);
    r.controls[0].status = ControlStatus::Implemented;
    a.apply(RegisterEdit::UpdateRisk(r), AT, "").unwrap();
    assert_eq!(risk(&a).current, Some(cia(5, 5, 5, 5)));
    let method = ResolvedMethod::new(a.method.clone()).unwrap();
    assert!(!riskwright_engine::treatment::follows_projection(
        &method,
        &risk(&a),
        Tier::Current
    ));
    // Scoring it again by hand keeps it too; typing exactly the projection
    // means following it.
    let mut r = risk(&a);
    r.current = Some(cia(4, 5, 5, 5));
    r.overrides.clear();
    a.apply(RegisterEdit::UpdateRisk(r), AT, "").unwrap();
    assert!(riskwright_engine::treatment::follows_projection(
        &method,
        &risk(&a),
        Tier::Current
    ));
    assert_replay_matches(&a);
}

#[test]
fn linking_a_plan_action_leaves_hand_scored_tiers() {
    let mut a = hand_scored();
    let action = PlanAction {
        title: "Offline backups".into(),
        control_id: "8.13".into(),
        status: ActionStatus::InProgress,
        risk_ids: vec!["R-1".into()],
        ..PlanAction::default()
    };
    a.apply(RegisterEdit::AddAction(action), AT, "").unwrap();
    assert_eq!(risk(&a).controls[0].status, ControlStatus::InProgress);
    assert_eq!(risk(&a).current, Some(cia(4, 5, 5, 5)));
    assert_eq!(risk(&a).residual, Some(cia(2, 5, 5, 5)));
    let mut done = a.plan[0].clone();
    done.status = ActionStatus::Done;
    a.apply(RegisterEdit::UpdateAction(done), AT, "").unwrap();
    assert_eq!(risk(&a).controls[0].status, ControlStatus::Implemented);
    assert_eq!(risk(&a).current, Some(cia(4, 5, 5, 5)));
    assert_eq!(risk(&a).residual, Some(cia(2, 5, 5, 5)));
    assert_replay_matches(&a);
}

#[test]
fn following_the_projection_changes_the_tiers_and_records_it_in_the_history() {
    let mut a = hand_scored();
    let mut r = risk(&a);
    r.controls = vec![applied(
        "8.7",
        ControlStatus::Planned,
        ControlType::Preventive,
    )];
    a.apply(RegisterEdit::UpdateRisk(r), AT, "").unwrap();
    assert_eq!(risk(&a).current, Some(cia(4, 5, 5, 5)), "kept as scored");
    let method = ResolvedMethod::new(a.method.clone()).unwrap();
    let followed =
        riskwright_engine::treatment::follow_projection(&method, &risk(&a), Tier::Current);
    let undo = a
        .apply(
            RegisterEdit::UpdateRisk(followed),
            AT,
            "followed the projection from the controls",
        )
        .unwrap()
        .inverse;
    // A planned control does not count in the current tier: 5×5 = 25.
    assert_eq!(risk(&a).current, Some(cia(5, 5, 5, 5)));
    let entry = a.history.last().unwrap();
    assert_eq!(entry.reason, "followed the projection from the controls");
    assert!(matches!(
        &entry.change,
        Change::Score { tier: Tier::Current, old: Some(o), new: Some(n), .. }
            if *o == cia(4, 5, 5, 5) && *n == cia(5, 5, 5, 5)
    ));
    assert!(riskwright_engine::treatment::follows_projection(
        &method,
        &risk(&a),
        Tier::Current
    ));
    // Now it follows: a change of the controls moves it.
    let mut r = risk(&a);
    r.controls[0].status = ControlStatus::Implemented;
    a.apply(RegisterEdit::UpdateRisk(r), AT, "").unwrap();
    assert_eq!(risk(&a).current, Some(cia(4, 5, 5, 5)));
    assert_replay_matches(&a);
    // Undo of the follow (after undoing the status change) puts the hand
    // score back, and it is kept.
    let mut r = risk(&a);
    r.controls[0].status = ControlStatus::Planned;
    a.apply(RegisterEdit::UpdateRisk(r), AT, "undo").unwrap();
    assert_eq!(risk(&a).current, Some(cia(5, 5, 5, 5)));
    a.apply(undo, AT, "undo").unwrap();
    assert_eq!(risk(&a).current, Some(cia(4, 5, 5, 5)));
    assert_replay_matches(&a);
}

#[test]
fn a_plan_action_never_moves_a_control_status_back() {
    // The issue: linking an action reset 8.13 on R-1 from "in progress" to
    // "planned".
    let mut a = hand_scored();
    let mut r = risk(&a);
    r.controls = vec![applied(
        "8.13",
        ControlStatus::InProgress,
        ControlType::Corrective,
    )];
    a.apply(RegisterEdit::UpdateRisk(r), AT, "").unwrap();
    let action = PlanAction {
        title: "Offline backups".into(),
        control_id: "8.13".into(),
        risk_ids: vec!["R-1".into()],
        ..PlanAction::default()
    };
    a.apply(RegisterEdit::AddAction(action), AT, "").unwrap();
    assert_eq!(a.plan[0].status, ActionStatus::Planned);
    assert_eq!(risk(&a).controls[0].status, ControlStatus::InProgress);
    let source = riskwright_engine::treatment::status_source(&a, &risk(&a), "8.13").unwrap();
    assert_eq!(
        source.describe(),
        "set on the treatment screen, ahead of plan action A-1"
    );
    // Moving the action forward moves the control forward.
    let mut done = a.plan[0].clone();
    done.status = ActionStatus::Done;
    a.apply(RegisterEdit::UpdateAction(done), AT, "").unwrap();
    assert_eq!(risk(&a).controls[0].status, ControlStatus::Implemented);
    assert_eq!(
        riskwright_engine::treatment::status_source(&a, &risk(&a), "8.13")
            .unwrap()
            .describe(),
        "from plan action A-1"
    );
    // Moving it back does not regress the control.
    let mut reopened = a.plan[0].clone();
    reopened.status = ActionStatus::InProgress;
    a.apply(RegisterEdit::UpdateAction(reopened), AT, "")
        .unwrap();
    assert_eq!(risk(&a).controls[0].status, ControlStatus::Implemented);
    // A finding of "not effective" is kept whatever the plan says.
    let mut r = risk(&a);
    r.controls[0].status = ControlStatus::NotEffective;
    a.apply(RegisterEdit::UpdateRisk(r), AT, "").unwrap();
    let mut done = a.plan[0].clone();
    done.status = ActionStatus::Done;
    a.apply(RegisterEdit::UpdateAction(done), AT, "").unwrap();
    assert_eq!(risk(&a).controls[0].status, ControlStatus::NotEffective);
    assert_eq!(
        riskwright_engine::treatment::status_source(&a, &risk(&a), "8.13")
            .unwrap()
            .describe(),
        "set on the treatment screen; plan action A-1 is done"
    );
}

#[test]
fn an_excluded_control_that_risks_use_has_one_state_everywhere() {
    let mut a = hand_scored();
    let mut r4 = risk(&a);
    r4.id = "R-4".into();
    r4.title = "Loss of the payroll files".into();
    a.apply(RegisterEdit::AddRisk(r4), AT, "").unwrap();
    for id in ["R-1", "R-4"] {
        let mut r = a.risks.iter().find(|r| r.id == id).unwrap().clone();
        r.controls = vec![applied(
            "8.13",
            ControlStatus::InProgress,
            ControlType::Corrective,
        )];
        a.apply(RegisterEdit::UpdateRisk(r), AT, "").unwrap();
    }
    let entry = SoaEntry {
        control_id: "8.13".into(),
        applicable: Some(false),
        ..SoaEntry::default()
    };
    // Without a justification: refused, and the conflict names both risks.
    let review = riskwright_engine::soa::review_decisions(&a, std::slice::from_ref(&entry));
    assert!(!review.allows(true));
    assert_eq!(
        review.problems[0].message,
        "8.13 Information backup: say why it does not apply before excluding it"
    );
    assert_eq!(review.conflicts[0].risk_ids, vec!["R-1", "R-4"]);
    let with_reason = SoaEntry {
        exclusion_justification: "Backups are the host's duty under the contract".into(),
        ..entry
    };
    let review = riskwright_engine::soa::review_decisions(&a, std::slice::from_ref(&with_reason));
    assert!(!review.allows(false), "needs confirmation");
    assert!(review.allows(true));
    assert!(review
        .confirmation()
        .unwrap()
        .starts_with("8.13 Information backup is applied to risks R-1 and R-4."));
    // Confirmed: the control is excluded in the table, the counts and the
    // checker alike.
    a.apply(RegisterEdit::SetSoaEntry(with_reason), AT, "")
        .unwrap();
    let rows = statement(&a);
    let backup = rows.iter().find(|r| r.control.id == "8.13").unwrap();
    assert_eq!(backup.applicability, Applicability::Excluded);
    assert_eq!(backup.risk_ids, vec!["R-1", "R-4"]);
    assert_eq!(
        rows.iter()
            .filter(|r| r.applicability == Applicability::Excluded)
            .count(),
        1
    );
    let k = kinds(&a, "8.13", "2027-01-10");
    assert!(k.contains(&SoaGapKind::SelectedButExcluded), "{k:?}");
    assert!(!k.contains(&SoaGapKind::IncludedWithoutStatus), "{k:?}");
    // Inclusions are never refused; a control no risk uses needs no
    // confirmation.
    let include = SoaEntry {
        control_id: "5.1".into(),
        applicable: Some(true),
        ..SoaEntry::default()
    };
    let exclude_free = SoaEntry {
        control_id: "7.4".into(),
        applicable: Some(false),
        exclusion_justification: "No premises".into(),
        ..SoaEntry::default()
    };
    assert!(riskwright_engine::soa::review_decisions(&a, &[include, exclude_free]).allows(false));
}
