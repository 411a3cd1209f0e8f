//! The method: presets, validation with paths, scoring, edits.

use proptest::prelude::*;
use riskwright_engine::method::{
    preset, validate_method, Aggregation, Axis, Formula, LevelRule, Method, ResolvedMethod,
    Threshold, PRESET_NAMES,
};
use std::collections::BTreeMap;

fn method(name: &str) -> Method {
    preset(name).expect("known preset")
}

fn paths(method: &Method) -> Vec<String> {
    validate_method(method, "$")
        .into_iter()
        .map(|d| d.path)
        .collect()
}

#[test]
fn every_preset_is_valid_and_5x5_is_the_default() {
    for name in PRESET_NAMES {
        assert_eq!(validate_method(&method(name), "$"), vec![], "{name}");
    }
    assert!(preset("6x6").is_none());
    let default = riskwright_engine::document::Assessment::new("x").method;
    assert_eq!(default, method("5x5"));
}

/// The full matrix of each preset, written out as a user would read it:
/// rows are likelihood 1 (bottom) upwards, cells are level ids' initials.
#[test]
fn preset_matrices_score_every_cell() {
    let expected = [
        ("3x3", vec!["LLM", "LMH", "MHH"]),
        ("4x4", vec!["LLLM", "LMMH", "LMHV", "MHVV"]),
        ("5x5", vec!["LLLLM", "LLMMH", "LMMHH", "LMHHV", "MHHVV"]),
    ];
    for (name, rows) in expected {
        let resolved = ResolvedMethod::new(method(name)).unwrap();
        let mut got = Vec::new();
        for l in 1..=resolved.likelihood_max() {
            let mut row = String::new();
            for i in 1..=resolved.impact_max() {
                let score = resolved.score(l.into(), i.into()).unwrap();
                assert_eq!(score.score, u32::from(l) * u32::from(i), "{name} {l}x{i}");
                let level = resolved.level(score.level).unwrap();
                assert_eq!(score.acceptable, score.level <= resolved.appetite());
                row.push(match level.id.as_str() {
                    "very_high" => 'V',
                    id => id.chars().next().unwrap().to_ascii_uppercase(),
                });
            }
            got.push(row);
        }
        assert_eq!(got, rows, "{name}");
    }
}

#[test]
fn scoring_outside_the_scale_is_an_error_not_a_clamp() {
    let resolved = ResolvedMethod::new(method("5x5")).unwrap();
    for (l, i) in [(0, 1), (6, 1), (1, 0), (1, 6), (-3, 2), (i64::MAX, 1)] {
        let error = resolved.score(l, i).unwrap_err().to_string();
        assert!(error.contains("not a level of this method"), "{error}");
        assert!(error.contains("1 to 5"), "{error}");
    }
}

#[test]
fn validation_names_each_problem_with_its_path() {
    type Case = (&'static str, fn(&mut Method), &'static str, &'static str);
    let cases: Vec<Case> = vec![
        (
            "appetite not a level",
            |m| m.appetite = "none".into(),
            "$.appetite",
            "not one of the risk levels",
        ),
        (
            "duplicate level id",
            |m| m.levels[1].id = "low".into(),
            "$.levels[1].id",
            "used by another level",
        ),
        (
            "empty level label",
            |m| m.levels[2].label = " ".into(),
            "$.levels[2].label",
            "empty",
        ),
        (
            "empty scale label",
            |m| m.impact.levels[3].label.clear(),
            "$.impact.levels[3].label",
            "empty label",
        ),
        (
            "bad colour",
            |m| m.levels[0].color = "green".into(),
            "$.levels[0].color",
            "#rrggbb",
        ),
        (
            "too few levels",
            |m| m.likelihood.levels.truncate(2),
            "$.likelihood.levels",
            "needs 3 to 7",
        ),
        (
            "duplicate dimension",
            |m| m.dimensions[2].id = "integrity".into(),
            "$.dimensions[2].id",
            "used by another dimension",
        ),
        (
            "zero review interval",
            |m| m.levels[0].review_interval_days = 0,
            "$.levels[0].review_interval_days",
            "at least one day",
        ),
        (
            "threshold unknown level",
            |m| {
                if let LevelRule::Formula { thresholds, .. } = &mut m.rule {
                    thresholds[1].level = "x".into()
                }
            },
            "$.rule.thresholds[1].level",
            "not a level",
        ),
        (
            "thresholds not rising",
            |m| {
                if let LevelRule::Formula { thresholds, .. } = &mut m.rule {
                    thresholds[2].min_score = 5
                }
            },
            "$.rule.thresholds[2].min_score",
            "must rise",
        ),
        (
            "lowest cells without level",
            |m| {
                if let LevelRule::Formula { thresholds, .. } = &mut m.rule {
                    thresholds[0].min_score = 2
                }
            },
            "$.rule.thresholds[0].min_score",
            "have no level",
        ),
        (
            "cell with no level",
            |m| {
                m.materialise_matrix().unwrap();
                if let LevelRule::Matrix { cells } = &mut m.rule {
                    cells[1][2].clear()
                }
            },
            "$.rule.cells[1][2]",
            "has no level",
        ),
        (
            "cell unknown level",
            |m| {
                m.materialise_matrix().unwrap();
                if let LevelRule::Matrix { cells } = &mut m.rule {
                    cells[0][0] = "nope".into()
                }
            },
            "$.rule.cells[0][0]",
            "'nope' is not a level",
        ),
        (
            "matrix missing a row",
            |m| {
                m.materialise_matrix().unwrap();
                if let LevelRule::Matrix { cells } = &mut m.rule {
                    cells.pop();
                }
            },
            "$.rule.cells",
            "4 rows but the likelihood scale has 5",
        ),
        (
            "not monotonic",
            |m| m.set_cell(5, 5, "low").unwrap(),
            "$.rule.cells[4][4]",
            "must never give a lower level",
        ),
    ];
    for (name, break_it, path, message) in cases {
        let mut m = method("5x5");
        break_it(&mut m);
        let problems = validate_method(&m, "$");
        assert!(
            problems
                .iter()
                .any(|d| d.path == path && d.message.contains(message)),
            "{name}: expected {path}: …{message}…, got {problems:#?}"
        );
        assert!(ResolvedMethod::new(m).is_err(), "{name} must not resolve");
    }
}

#[test]
fn decreasing_thresholds_are_caught_as_non_monotonic() {
    let mut m = method("3x3");
    m.rule = LevelRule::Formula {
        formula: Formula::Sum,
        thresholds: vec![
            Threshold {
                min_score: 1,
                level: "high".into(),
            },
            Threshold {
                min_score: 4,
                level: "low".into(),
            },
        ],
    };
    assert!(paths(&m).iter().all(|p| p == "$.rule.thresholds"));
    assert!(!paths(&m).is_empty());
}

#[test]
fn sum_formula_scores_by_addition() {
    let mut m = method("3x3");
    m.rule = LevelRule::Formula {
        formula: Formula::Sum,
        thresholds: vec![
            Threshold {
                min_score: 2,
                level: "low".into(),
            },
            Threshold {
                min_score: 4,
                level: "medium".into(),
            },
            Threshold {
                min_score: 6,
                level: "high".into(),
            },
        ],
    };
    let r = ResolvedMethod::new(m).unwrap();
    let s = r.score(3, 2).unwrap();
    assert_eq!(
        (s.score, r.level(s.level).unwrap().id.as_str()),
        (5, "medium")
    );
}

#[test]
fn impact_aggregation_by_max_and_by_mean() {
    let impacts: BTreeMap<String, u8> = [
        ("confidentiality", 1),
        ("integrity", 2),
        ("availability", 4),
        ("unknown", 5),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect();
    let mut m = method("5x5");
    assert_eq!(
        ResolvedMethod::new(m.clone())
            .unwrap()
            .aggregate_impact(&impacts),
        Some(4)
    );
    m.aggregation = Aggregation::Mean; // (1 + 2 + 4) / 3 = 2.33 → 2
    assert_eq!(
        ResolvedMethod::new(m.clone())
            .unwrap()
            .aggregate_impact(&impacts),
        Some(2)
    );
    let halves: BTreeMap<String, u8> = [
        ("confidentiality".to_string(), 2),
        ("integrity".to_string(), 3),
    ]
    .into();
    assert_eq!(
        ResolvedMethod::new(m).unwrap().aggregate_impact(&halves),
        Some(3),
        "2.5 rounds up"
    );
    assert_eq!(
        ResolvedMethod::new(method("5x5"))
            .unwrap()
            .aggregate_impact(&BTreeMap::new()),
        None
    );
}

#[test]
fn resizing_a_scale_keeps_the_matrix_valid() {
    let mut m = method("4x4");
    m.materialise_matrix().unwrap();
    m.resize_scale(Axis::Likelihood, 6).unwrap();
    m.resize_scale(Axis::Impact, 3).unwrap();
    assert_eq!(validate_method(&m, "$"), vec![]);
    let r = ResolvedMethod::new(m.clone()).unwrap();
    assert_eq!((r.likelihood_max(), r.impact_max()), (6, 3));
    // The new top rows copy the old top row.
    assert_eq!(r.level_index_at(6, 3), r.level_index_at(4, 3));
    assert!(m.resize_scale(Axis::Impact, 8).is_err());
    assert!(m.resize_scale(Axis::Impact, 2).is_err());
}

#[test]
fn cycling_a_cell_turns_a_formula_into_the_same_matrix_then_edits_it() {
    let mut m = method("5x5");
    let before = ResolvedMethod::new(m.clone()).unwrap();
    m.cycle_cell(5, 3).unwrap(); // high → very high
    assert!(matches!(m.rule, LevelRule::Matrix { .. }));
    let after = ResolvedMethod::new(m.clone()).unwrap();
    assert_eq!(after.level_index_at(5, 3), Some(3));
    for l in 1..=5 {
        for i in 1..=5 {
            if (l, i) != (5, 3) {
                assert_eq!(
                    after.level_index_at(l, i),
                    before.level_index_at(l, i),
                    "{l}x{i}"
                );
            }
        }
    }
    // Very high wraps to low, which breaks monotonicity; validation says where.
    m.cycle_cell(5, 3).unwrap();
    assert!(paths(&m).contains(&"$.rule.cells[4][2]".to_string()));
}

#[test]
fn custom_dimensions_can_be_added_and_removed_but_not_all() {
    let mut m = method("3x3");
    let id = m.add_dimension("Legal & regulatory").unwrap();
    assert_eq!(id, "legal___regulatory");
    assert_eq!(
        m.add_dimension("Legal & regulatory").unwrap(),
        "legal___regulatory_2"
    );
    assert!(m.add_dimension("  ").is_err());
    assert_eq!(validate_method(&m, "$"), vec![]);
    for d in [
        "confidentiality",
        "integrity",
        "availability",
        "legal___regulatory",
    ] {
        m.remove_dimension(d).unwrap();
    }
    assert!(
        m.remove_dimension("legal___regulatory_2").is_err(),
        "the last one stays"
    );
}

fn arbitrary_method() -> impl Strategy<Value = Method> {
    let sizes = (1usize..=8, 1usize..=8, 1usize..=5);
    sizes
        .prop_flat_map(|(rows, cols, levels)| {
            let cell = 0..levels + 1; // one past the end: an unknown level id
            (
                Just((rows, cols, levels)),
                prop::collection::vec(prop::collection::vec(cell, cols), rows),
                0..levels + 1,
            )
        })
        .prop_map(|((rows, cols, levels), cells, appetite)| {
            let mut m = method("5x5");
            m.resize_scale(Axis::Likelihood, rows.clamp(3, 7)).ok();
            m.likelihood
                .levels
                .resize(rows, m.likelihood.levels[0].clone());
            m.impact.levels.resize(cols, m.impact.levels[0].clone());
            m.levels.truncate(levels);
            let id = |i: usize| format!("lvl{i}");
            for (k, level) in m.levels.iter_mut().enumerate() {
                level.id = id(k);
            }
            m.rule = LevelRule::Matrix {
                cells: cells
                    .iter()
                    .map(|row| row.iter().map(|&c| id(c)).collect())
                    .collect(),
            };
            m.appetite = id(appetite);
            m
        })
}

proptest! {
    /// Whatever the matrix, a method that validates is monotonic, and scoring
    /// it never fails inside the scales.
    #[test]
    fn every_valid_method_is_monotonic(m in arbitrary_method()) {
        if let Ok(r) = ResolvedMethod::new(m) {
            for l in 1..=r.likelihood_max() {
                for i in 1..=r.impact_max() {
                    let here = r.score(l.into(), i.into()).unwrap().level;
                    if l > 1 { prop_assert!(r.score((l - 1).into(), i.into()).unwrap().level <= here); }
                    if i > 1 { prop_assert!(r.score(l.into(), (i - 1).into()).unwrap().level <= here); }
                }
            }
        }
    }
}

#[test]
fn switching_to_a_formula_gives_a_valid_rule_for_any_scale() {
    for name in PRESET_NAMES {
        for formula in [Formula::Product, Formula::Sum] {
            let mut m = method(name);
            m.materialise_matrix().unwrap();
            m.resize_scale(Axis::Likelihood, 7).unwrap();
            m.use_formula(formula);
            assert_eq!(validate_method(&m, "$"), vec![], "{name} {formula:?}");
        }
    }
}

#[test]
fn the_preview_draws_an_invalid_matrix_and_marks_cells_without_level() {
    let mut m = method("3x3");
    m.materialise_matrix().unwrap();
    if let LevelRule::Matrix { cells } = &mut m.rule {
        cells[2][2] = "gone".into();
    }
    let cells = riskwright_engine::method::preview_cells(&m).unwrap();
    assert_eq!(cells[2][2], None);
    assert_eq!(cells[0][0], Some(0));
    let mut broken = method("3x3");
    if let LevelRule::Formula { thresholds, .. } = &mut broken.rule {
        thresholds.clear();
    }
    assert_eq!(riskwright_engine::method::preview_cells(&broken), None);
}
