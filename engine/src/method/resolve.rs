//! A validated method with its full matrix, ready for scoring.

use super::{validate_method, Aggregation, LevelRule, Method, RiskLevel, MAX_SCALE_LEVELS};
use crate::Diagnostic;
use std::collections::BTreeMap;
use std::fmt;

/// A method that passed validation, with every cell's level worked out.
///
/// Scoring goes through this type only, so a broken method can never be
/// scored. It is cheap to query: one table lookup per cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResolvedMethod {
    method: Method,
    /// Level index per cell, row-major by likelihood then impact.
    grid: Vec<usize>,
    impact_len: usize,
    appetite: usize,
}

/// The result of scoring one (likelihood, impact) pair.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RiskScore {
    /// The formula score (likelihood × impact for explicit matrices).
    pub score: u32,
    /// Index into the method's levels, lowest first.
    pub level: usize,
    /// Whether the level is within the appetite (may be retained untreated).
    pub acceptable: bool,
}

/// Why a (likelihood, impact) pair could not be scored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ScoreError {
    /// The likelihood is not a level number of the scale.
    Likelihood {
        /// The number given.
        value: i64,
        /// The highest level number of the scale.
        max: u8,
    },
    /// The impact is not a level number of the scale.
    Impact {
        /// The number given.
        value: i64,
        /// The highest level number of the scale.
        max: u8,
    },
}

impl fmt::Display for ScoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (what, value, max) = match self {
            ScoreError::Likelihood { value, max } => ("likelihood", value, max),
            ScoreError::Impact { value, max } => ("impact", value, max),
        };
        write!(
            f,
            "{what} {value} is not a level of this method: use a whole number from 1 to {max}"
        )
    }
}

impl std::error::Error for ScoreError {}

impl ResolvedMethod {
    /// Validates `method` and works out its matrix, or returns every problem.
    pub fn new(method: Method) -> Result<Self, Vec<Diagnostic>> {
        let problems = validate_method(&method, "$");
        if !problems.is_empty() {
            return Err(problems);
        }
        let grid = build_grid(&method, "$")?;
        let appetite = method
            .level_index(&method.appetite)
            .ok_or_else(|| vec![Diagnostic::new("$.appetite", "not a level of this method")])?;
        Ok(Self {
            impact_len: method.impact.levels.len(),
            method,
            grid,
            appetite,
        })
    }

    /// The method as the user configured it.
    pub fn method(&self) -> &Method {
        &self.method
    }

    /// Gives the method back.
    pub fn into_method(self) -> Method {
        self.method
    }

    /// The highest likelihood level number.
    pub fn likelihood_max(&self) -> u8 {
        // Validation bounds scales to MAX_SCALE_LEVELS, far below u8::MAX.
        self.method.likelihood.levels.len() as u8
    }

    /// The highest impact level number.
    pub fn impact_max(&self) -> u8 {
        self.impact_len as u8
    }

    /// The index of the appetite level.
    pub fn appetite(&self) -> usize {
        self.appetite
    }

    /// The level at a cell, or `None` outside the scales. Both are 1-based.
    pub fn level_index_at(&self, likelihood: u8, impact: u8) -> Option<usize> {
        if likelihood == 0 || impact == 0 || usize::from(impact) > self.impact_len {
            return None;
        }
        let at = usize::from(likelihood - 1) * self.impact_len + usize::from(impact - 1);
        self.grid.get(at).copied()
    }

    /// The level with index `index`.
    pub fn level(&self, index: usize) -> Option<&RiskLevel> {
        self.method.levels.get(index)
    }

    /// Scores a pair of 1-based level numbers. Takes `i64` so that any number a
    /// caller has (negative, too large) gets a clear error instead of a wrap.
    pub fn score(&self, likelihood: i64, impact: i64) -> Result<RiskScore, ScoreError> {
        let l = in_scale(likelihood, self.likelihood_max()).ok_or(ScoreError::Likelihood {
            value: likelihood,
            max: self.likelihood_max(),
        })?;
        let i = in_scale(impact, self.impact_max()).ok_or(ScoreError::Impact {
            value: impact,
            max: self.impact_max(),
        })?;
        let level = self.level_index_at(l, i).ok_or(ScoreError::Likelihood {
            value: likelihood,
            max: self.likelihood_max(),
        })?;
        let score = match &self.method.rule {
            LevelRule::Formula { formula, .. } => formula.apply(l, i),
            LevelRule::Matrix { .. } => u32::from(l) * u32::from(i),
        };
        Ok(RiskScore {
            score,
            level,
            acceptable: level <= self.appetite,
        })
    }

    /// Combines per-dimension impacts into one impact, by the method's
    /// aggregation. Dimensions the method does not know are ignored; `None`
    /// when no known dimension is rated.
    pub fn aggregate_impact(&self, impacts: &BTreeMap<String, u8>) -> Option<u8> {
        let known = self
            .method
            .dimensions
            .iter()
            .filter_map(|d| impacts.get(&d.id).copied());
        match self.method.aggregation {
            Aggregation::Max => known.max(),
            Aggregation::Mean => {
                let (sum, count) = known.fold((0u32, 0u32), |(s, c), v| (s + u32::from(v), c + 1));
                // Rounded half up: (2·sum + count) / (2·count).
                (count > 0).then(|| ((2 * sum + count) / (2 * count)) as u8)
            }
        }
    }

    /// The same grid as an explicit matrix rule, for editing cell by cell.
    pub fn matrix_rule(&self) -> LevelRule {
        LevelRule::Matrix {
            cells: self
                .grid
                .chunks(self.impact_len)
                .map(|row| {
                    row.iter()
                        .map(|&i| self.method.levels[i].id.clone())
                        .collect()
                })
                .collect(),
        }
    }
}

/// The matrix of a method that may be invalid, for a live preview: each
/// cell's level index, or `None` where the cell has no valid level. `None`
/// overall when the cells cannot be placed at all (broken thresholds or
/// scales out of range).
pub fn preview_cells(method: &Method) -> Option<Vec<Vec<Option<usize>>>> {
    if let Ok(grid) = build_grid(method, "$") {
        let cols = method.impact.levels.len().max(1);
        return Some(
            grid.chunks(cols)
                .map(|r| r.iter().map(|&i| Some(i)).collect())
                .collect(),
        );
    }
    match &method.rule {
        LevelRule::Matrix { cells } => Some(
            (0..method.likelihood.levels.len().min(MAX_SCALE_LEVELS))
                .map(|l| {
                    (0..method.impact.levels.len().min(MAX_SCALE_LEVELS))
                        .map(|i| {
                            let id = cells.get(l)?.get(i)?;
                            method.level_index(id)
                        })
                        .collect()
                })
                .collect(),
        ),
        LevelRule::Formula { .. } => None,
    }
}

fn in_scale(value: i64, max: u8) -> Option<u8> {
    (1..=i64::from(max)).contains(&value).then_some(value as u8)
}

/// Works out the level index of every cell, or says which cells have none.
/// Scale sizes are checked elsewhere; here they only have to be usable.
pub(super) fn build_grid(method: &Method, at: &str) -> Result<Vec<usize>, Vec<Diagnostic>> {
    let (rows, cols) = (method.likelihood.levels.len(), method.impact.levels.len());
    let usable = 1..=MAX_SCALE_LEVELS;
    if !usable.contains(&rows) || !usable.contains(&cols) {
        return Err(Vec::new());
    }
    let mut problems = Vec::new();
    let mut grid = Vec::with_capacity(rows * cols);
    match &method.rule {
        LevelRule::Matrix { cells } => {
            if cells.len() != rows {
                problems.push(Diagnostic::new(
                    format!("{at}.rule.cells"),
                    format!(
                        "the matrix has {} rows but the likelihood scale has {rows} levels",
                        cells.len()
                    ),
                ));
                return Err(problems);
            }
            for (l, row) in cells.iter().enumerate() {
                if row.len() != cols {
                    problems.push(Diagnostic::new(
                        format!("{at}.rule.cells[{l}]"),
                        format!(
                            "row {} has {} cells but the impact scale has {cols} levels",
                            l + 1,
                            row.len()
                        ),
                    ));
                    continue;
                }
                for (i, id) in row.iter().enumerate() {
                    let path = format!("{at}.rule.cells[{l}][{i}]");
                    if id.trim().is_empty() {
                        problems.push(Diagnostic::new(
                            path,
                            format!("likelihood {} × impact {} has no level", l + 1, i + 1),
                        ));
                    } else if let Some(index) = method.level_index(id) {
                        grid.push(index);
                    } else {
                        problems.push(Diagnostic::new(
                            path,
                            format!("'{id}' is not a level of this method"),
                        ));
                    }
                }
            }
        }
        LevelRule::Formula {
            formula,
            thresholds,
        } => {
            if thresholds.is_empty() {
                problems.push(Diagnostic::new(
                    format!("{at}.rule.thresholds"),
                    "there are no thresholds, so no cell has a level",
                ));
                return Err(problems);
            }
            let mut steps = Vec::with_capacity(thresholds.len());
            for (k, t) in thresholds.iter().enumerate() {
                match method.level_index(&t.level) {
                    Some(index) => steps.push((t.min_score, index)),
                    None => problems.push(Diagnostic::new(
                        format!("{at}.rule.thresholds[{k}].level"),
                        format!("'{}' is not a level of this method", t.level),
                    )),
                }
                if k > 0 && t.min_score <= thresholds[k - 1].min_score {
                    problems.push(Diagnostic::new(
                        format!("{at}.rule.thresholds[{k}].min_score"),
                        format!(
                            "thresholds must rise: {} is not above {}",
                            t.min_score,
                            thresholds[k - 1].min_score
                        ),
                    ));
                }
            }
            if !problems.is_empty() {
                return Err(problems);
            }
            let lowest = formula.apply(1, 1);
            if steps[0].0 > lowest {
                problems.push(Diagnostic::new(
                    format!("{at}.rule.thresholds[0].min_score"),
                    format!(
                        "cells scoring below {} have no level; the lowest threshold must be {lowest} or less",
                        steps[0].0
                    ),
                ));
                return Err(problems);
            }
            for l in 1..=rows as u8 {
                for i in 1..=cols as u8 {
                    let score = formula.apply(l, i);
                    // The first step is at or below every score (checked above).
                    let level = steps
                        .iter()
                        .rev()
                        .find(|(min, _)| *min <= score)
                        .map_or(steps[0].1, |&(_, level)| level);
                    grid.push(level);
                }
            }
        }
    }
    if problems.is_empty() {
        Ok(grid)
    } else {
        Err(problems)
    }
}
