//! Every check a method must pass before anything is scored with it.

use super::resolve::build_grid;
use super::{LevelRule, Method, Scale, MAX_SCALE_LEVELS, MIN_SCALE_LEVELS};
use crate::Diagnostic;
use std::collections::HashSet;

/// Returns every problem with `method`, each with its path under `at` (use
/// `"$"` for a method on its own, `"$.method"` inside a document). An empty
/// list means the method is valid.
///
/// ```
/// use riskwright_engine::method::{preset, validate_method};
/// let mut method = preset("5x5").unwrap();
/// method.appetite = "nonsense".into();
/// let problems = validate_method(&method, "$");
/// assert_eq!(problems[0].path, "$.appetite");
/// ```
pub fn validate_method(method: &Method, at: &str) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    check_scale(&method.likelihood, "likelihood", at, &mut problems);
    check_scale(&method.impact, "impact", at, &mut problems);
    check_dimensions(method, at, &mut problems);
    check_levels(method, at, &mut problems);
    if method.level_index(&method.appetite).is_none() {
        problems.push(Diagnostic::new(
            format!("{at}.appetite"),
            format!(
                "the appetite '{}' is not one of the risk levels ({})",
                method.appetite,
                level_ids(method)
            ),
        ));
    }
    match build_grid(method, at) {
        Ok(grid) => check_monotonic(method, &grid, at, &mut problems),
        Err(found) => problems.extend(found),
    }
    problems
}

fn level_ids(method: &Method) -> String {
    method
        .levels
        .iter()
        .map(|l| l.id.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

fn check_scale(scale: &Scale, name: &str, at: &str, problems: &mut Vec<Diagnostic>) {
    let count = scale.levels.len();
    if !(MIN_SCALE_LEVELS..=MAX_SCALE_LEVELS).contains(&count) {
        problems.push(Diagnostic::new(
            format!("{at}.{name}.levels"),
            format!(
                "the {name} scale has {count} levels; it needs {MIN_SCALE_LEVELS} to {MAX_SCALE_LEVELS}"
            ),
        ));
    }
    for (k, level) in scale.levels.iter().enumerate() {
        if level.label.trim().is_empty() {
            problems.push(Diagnostic::new(
                format!("{at}.{name}.levels[{k}].label"),
                format!("{name} level {} has an empty label", k + 1),
            ));
        }
    }
}

fn check_dimensions(method: &Method, at: &str, problems: &mut Vec<Diagnostic>) {
    if method.dimensions.is_empty() {
        problems.push(Diagnostic::new(
            format!("{at}.dimensions"),
            "there must be at least one impact dimension",
        ));
    }
    let mut seen = HashSet::new();
    for (k, d) in method.dimensions.iter().enumerate() {
        let path = format!("{at}.dimensions[{k}]");
        if d.id.trim().is_empty() {
            problems.push(Diagnostic::new(format!("{path}.id"), "the id is empty"));
        } else if !seen.insert(d.id.as_str()) {
            problems.push(Diagnostic::new(
                format!("{path}.id"),
                format!("the id '{}' is used by another dimension", d.id),
            ));
        }
        if d.label.trim().is_empty() {
            problems.push(Diagnostic::new(
                format!("{path}.label"),
                "the label is empty",
            ));
        }
    }
}

fn check_levels(method: &Method, at: &str, problems: &mut Vec<Diagnostic>) {
    if method.levels.is_empty() {
        problems.push(Diagnostic::new(
            format!("{at}.levels"),
            "there must be at least one risk level",
        ));
    }
    let mut seen = HashSet::new();
    for (k, level) in method.levels.iter().enumerate() {
        let path = format!("{at}.levels[{k}]");
        if level.id.trim().is_empty() {
            problems.push(Diagnostic::new(format!("{path}.id"), "the id is empty"));
        } else if !seen.insert(level.id.as_str()) {
            problems.push(Diagnostic::new(
                format!("{path}.id"),
                format!("the id '{}' is used by another level", level.id),
            ));
        }
        if level.label.trim().is_empty() {
            problems.push(Diagnostic::new(
                format!("{path}.label"),
                "the label is empty",
            ));
        }
        if !is_hex_color(&level.color) {
            problems.push(Diagnostic::new(
                format!("{path}.color"),
                format!("'{}' is not a colour written as #rrggbb", level.color),
            ));
        }
        if level.review_interval_days == 0 {
            problems.push(Diagnostic::new(
                format!("{path}.review_interval_days"),
                "the review interval must be at least one day",
            ));
        }
    }
}

/// True for `#rrggbb`.
pub fn is_hex_color(color: &str) -> bool {
    let bytes = color.as_bytes();
    bytes.len() == 7 && bytes[0] == b'#' && bytes[1..].iter().all(u8::is_ascii_hexdigit)
}

/// A higher likelihood or impact must never give a lower level.
fn check_monotonic(method: &Method, grid: &[usize], at: &str, problems: &mut Vec<Diagnostic>) {
    let cols = method.impact.levels.len();
    let label = |index: usize| method.levels[index].label.as_str();
    for (at_cell, &level) in grid.iter().enumerate() {
        let (l, i) = (at_cell / cols, at_cell % cols);
        let path = match method.rule {
            LevelRule::Matrix { .. } => format!("{at}.rule.cells[{l}][{i}]"),
            LevelRule::Formula { .. } => format!("{at}.rule.thresholds"),
        };
        if l > 0 && grid[at_cell - cols] > level {
            problems.push(Diagnostic::new(
                path.clone(),
                format!(
                    "likelihood {} × impact {} is '{}', lower than '{}' at likelihood {}: a higher likelihood must never give a lower level",
                    l + 1, i + 1, label(level), label(grid[at_cell - cols]), l
                ),
            ));
        }
        if i > 0 && grid[at_cell - 1] > level {
            problems.push(Diagnostic::new(
                path,
                format!(
                    "likelihood {} × impact {} is '{}', lower than '{}' at impact {}: a higher impact must never give a lower level",
                    l + 1, i + 1, label(level), label(grid[at_cell - 1]), i
                ),
            ));
        }
    }
}
