//! Edits the method editor makes. Each keeps the method's shape consistent
//! (the matrix follows the scales) and reports what it cannot do.

use super::resolve::build_grid;
use super::{
    Formula, ImpactDimension, LevelRule, Method, ScaleLevel, Threshold, MAX_SCALE_LEVELS,
    MIN_SCALE_LEVELS,
};
use crate::Diagnostic;
use serde::{Deserialize, Serialize};

/// One of the two axes of the matrix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Axis {
    /// The likelihood scale (matrix rows).
    Likelihood,
    /// The impact scale (matrix columns).
    Impact,
}

impl Method {
    /// Sets the number of levels on `axis`. New levels are added at the top
    /// with a placeholder label; an explicit matrix copies its top row or
    /// column into them, which keeps it monotonic.
    pub fn resize_scale(&mut self, axis: Axis, len: usize) -> Result<(), Diagnostic> {
        if !(MIN_SCALE_LEVELS..=MAX_SCALE_LEVELS).contains(&len) {
            return Err(Diagnostic::new(
                format!("$.{}.levels", axis_name(axis)),
                format!("a scale needs {MIN_SCALE_LEVELS} to {MAX_SCALE_LEVELS} levels, not {len}"),
            ));
        }
        let scale = match axis {
            Axis::Likelihood => &mut self.likelihood,
            Axis::Impact => &mut self.impact,
        };
        while scale.levels.len() < len {
            let n = scale.levels.len() + 1;
            scale.levels.push(ScaleLevel {
                label: format!("Level {n}"),
                description: String::new(),
                guidance: String::new(),
            });
        }
        scale.levels.truncate(len);
        if let LevelRule::Matrix { cells } = &mut self.rule {
            match axis {
                Axis::Likelihood => resize_with_last(cells, len),
                Axis::Impact => cells.iter_mut().for_each(|row| resize_with_last(row, len)),
            }
        }
        Ok(())
    }

    /// Assigns `level` to one cell (1-based). A formula rule is first turned
    /// into the equivalent explicit matrix.
    pub fn set_cell(&mut self, likelihood: u8, impact: u8, level: &str) -> Result<(), Diagnostic> {
        if self.level_index(level).is_none() {
            return Err(Diagnostic::new(
                "$.rule.cells",
                format!("'{level}' is not a level of this method"),
            ));
        }
        self.materialise_matrix()?;
        let cell = match &mut self.rule {
            LevelRule::Matrix { cells } => cells
                .get_mut(usize::from(likelihood).wrapping_sub(1))
                .and_then(|row| row.get_mut(usize::from(impact).wrapping_sub(1))),
            LevelRule::Formula { .. } => None,
        };
        match cell {
            Some(cell) => {
                *cell = level.to_string();
                Ok(())
            }
            None => Err(Diagnostic::new(
                "$.rule.cells",
                format!("likelihood {likelihood} × impact {impact} is not a cell of the matrix"),
            )),
        }
    }

    /// Moves one cell to the next level up, wrapping from the top to the
    /// lowest: the click-to-edit gesture of the matrix editor.
    pub fn cycle_cell(&mut self, likelihood: u8, impact: u8) -> Result<(), Diagnostic> {
        self.materialise_matrix()?;
        let current = match &self.rule {
            LevelRule::Matrix { cells } => cells
                .get(usize::from(likelihood).wrapping_sub(1))
                .and_then(|row| row.get(usize::from(impact).wrapping_sub(1)))
                .and_then(|id| self.level_index(id)),
            LevelRule::Formula { .. } => None,
        };
        let next = current.map_or(0, |i| (i + 1) % self.levels.len().max(1));
        let id = self
            .levels
            .get(next)
            .map(|l| l.id.clone())
            .ok_or_else(|| Diagnostic::new("$.levels", "there are no risk levels"))?;
        self.set_cell(likelihood, impact, &id)
    }

    /// Replaces a formula rule by the explicit matrix it produces.
    pub fn materialise_matrix(&mut self) -> Result<(), Diagnostic> {
        if matches!(self.rule, LevelRule::Matrix { .. }) {
            return Ok(());
        }
        let grid = build_grid(self, "$").map_err(|_| {
            Diagnostic::new(
                "$.rule.thresholds",
                "fix the thresholds before editing single cells",
            )
        })?;
        let cols = self.impact.levels.len().max(1);
        let cells = grid
            .chunks(cols)
            .map(|row| row.iter().map(|&i| self.levels[i].id.clone()).collect())
            .collect();
        self.rule = LevelRule::Matrix { cells };
        Ok(())
    }

    /// Switches to a formula rule. Keeps the thresholds when only the formula
    /// changes; otherwise spreads the levels evenly over the score range,
    /// which is always valid and monotonic, for the user to adjust.
    pub fn use_formula(&mut self, formula: Formula) {
        if let LevelRule::Formula { formula: f, .. } = &mut self.rule {
            *f = formula;
            return;
        }
        let rows = u8::try_from(self.likelihood.levels.len())
            .unwrap_or(u8::MAX)
            .max(1);
        let cols = u8::try_from(self.impact.levels.len())
            .unwrap_or(u8::MAX)
            .max(1);
        let (low, high) = (formula.apply(1, 1), formula.apply(rows, cols));
        let count = u32::try_from(self.levels.len()).unwrap_or(u32::MAX).max(1);
        let span = high - low + 1;
        let thresholds = self
            .levels
            .iter()
            .zip(0u32..)
            .map(|(level, k)| Threshold {
                min_score: low + k * span / count,
                level: level.id.clone(),
            })
            .collect();
        self.rule = LevelRule::Formula {
            formula,
            thresholds,
        };
    }

    /// Adds a custom impact dimension and returns its new id.
    pub fn add_dimension(&mut self, label: &str) -> Result<String, Diagnostic> {
        let label = label.trim();
        if label.is_empty() {
            return Err(Diagnostic::new("$.dimensions", "a dimension needs a name"));
        }
        let base: String = label
            .chars()
            .map(|c| {
                if c.is_alphanumeric() {
                    c.to_ascii_lowercase()
                } else {
                    '_'
                }
            })
            .collect();
        let mut id = base.clone();
        let mut n = 2;
        while self.dimensions.iter().any(|d| d.id == id) {
            id = format!("{base}_{n}");
            n += 1;
        }
        self.dimensions.push(ImpactDimension {
            id: id.clone(),
            label: label.to_string(),
        });
        Ok(id)
    }

    /// Removes an impact dimension; the last one cannot go.
    pub fn remove_dimension(&mut self, id: &str) -> Result<(), Diagnostic> {
        if self.dimensions.len() <= 1 {
            return Err(Diagnostic::new(
                "$.dimensions",
                "at least one impact dimension must remain",
            ));
        }
        let before = self.dimensions.len();
        self.dimensions.retain(|d| d.id != id);
        if self.dimensions.len() == before {
            return Err(Diagnostic::new(
                "$.dimensions",
                format!("there is no dimension '{id}'"),
            ));
        }
        Ok(())
    }
}

fn axis_name(axis: Axis) -> &'static str {
    match axis {
        Axis::Likelihood => "likelihood",
        Axis::Impact => "impact",
    }
}

fn resize_with_last<T: Clone + Default>(items: &mut Vec<T>, len: usize) {
    let last = items.last().cloned().unwrap_or_default();
    items.resize(len, last);
}
