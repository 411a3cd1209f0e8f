//! The risk assessment method (ISO/IEC 27001 6.1.2 a, ISO/IEC 27005 6.4):
//! likelihood and impact scales, impact dimensions, risk levels, the rule that
//! turns a (likelihood, impact) cell into a level, and the risk acceptance
//! criteria (the appetite).
//!
//! A [`Method`] is plain data as the user edited it and may be wrong. A
//! [`ResolvedMethod`] exists only for a valid method: it holds the full matrix,
//! so scoring never has to handle a broken method.

mod edit;
mod presets;
mod resolve;
mod validate;

pub use edit::Axis;
pub use presets::{preset, PRESET_NAMES};
pub use resolve::{preview_cells, ResolvedMethod, RiskScore, ScoreError};
pub use validate::validate_method;

use serde::{Deserialize, Serialize};

/// The fewest levels a likelihood or impact scale may have.
pub const MIN_SCALE_LEVELS: usize = 3;
/// The most levels a likelihood or impact scale may have.
pub const MAX_SCALE_LEVELS: usize = 7;

/// A complete, user-configurable risk assessment method.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Method {
    /// Likelihood scale, lowest level first. Level numbers are 1-based.
    pub likelihood: Scale,
    /// Impact (consequence) scale, lowest level first.
    pub impact: Scale,
    /// The dimensions an impact is rated on (C, I, A and any custom ones).
    pub dimensions: Vec<ImpactDimension>,
    /// How per-dimension impacts combine into the one impact that is scored.
    #[serde(default)]
    pub aggregation: Aggregation,
    /// Risk levels, lowest first. Their order is the order of severity.
    pub levels: Vec<RiskLevel>,
    /// How each (likelihood, impact) cell gets its level.
    pub rule: LevelRule,
    /// Risk acceptance criteria: the id of the highest level that may be
    /// retained without treatment.
    pub appetite: String,
}

/// An ordered scale of likelihood or impact levels.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Scale {
    /// The levels, lowest first.
    pub levels: Vec<ScaleLevel>,
}

/// One level of a likelihood or impact scale.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScaleLevel {
    /// Short name shown on the axis ("Likely").
    pub label: String,
    /// What the level means.
    #[serde(default)]
    pub description: String,
    /// Optional calibration: a frequency range for likelihood, a monetary
    /// range or a narrative for impact.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub guidance: String,
}

/// A dimension on which impact is rated, such as confidentiality.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImpactDimension {
    /// Stable key used in risks' per-dimension impacts.
    pub id: String,
    /// Name shown to the user.
    pub label: String,
}

/// How per-dimension impacts combine into one impact.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Aggregation {
    /// The worst dimension decides (the usual ISO 27005 practice).
    #[default]
    Max,
    /// The mean of the rated dimensions, rounded half up.
    Mean,
}

/// A level of risk, such as "High".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RiskLevel {
    /// Stable key, unique within the method.
    pub id: String,
    /// Name shown to the user and inside heat-map cells.
    pub label: String,
    /// Display colour as `#rrggbb`.
    pub color: String,
    /// How often a risk at this level must be reviewed, in days.
    pub review_interval_days: u32,
}

/// How a (likelihood, impact) cell gets its risk level.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum LevelRule {
    /// Every cell assigned explicitly: `cells[likelihood - 1][impact - 1]` is a
    /// level id.
    Matrix {
        /// Rows by likelihood, columns by impact, both lowest first.
        cells: Vec<Vec<String>>,
    },
    /// A score computed from the two numbers, mapped to levels by thresholds.
    Formula {
        /// How the score is computed.
        formula: Formula,
        /// Ascending thresholds: a score at or above `min_score` (and below the
        /// next threshold) gets `level`.
        thresholds: Vec<Threshold>,
    },
}

/// How a formula rule computes the score of a cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Formula {
    /// likelihood × impact
    Product,
    /// likelihood + impact
    Sum,
}

impl Formula {
    /// The score of a cell; both numbers are 1-based.
    pub fn apply(self, likelihood: u8, impact: u8) -> u32 {
        let (l, i) = (u32::from(likelihood), u32::from(impact));
        match self {
            Formula::Product => l * i,
            Formula::Sum => l + i,
        }
    }
}

/// One step of a formula rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Threshold {
    /// The lowest score that reaches `level`.
    pub min_score: u32,
    /// The level id reached.
    pub level: String,
}

impl Method {
    /// The scale on `axis`.
    pub fn scale(&self, axis: Axis) -> &Scale {
        match axis {
            Axis::Likelihood => &self.likelihood,
            Axis::Impact => &self.impact,
        }
    }

    /// The position of the level with `id`, lowest first.
    pub fn level_index(&self, id: &str) -> Option<usize> {
        self.levels.iter().position(|l| l.id == id)
    }
}
