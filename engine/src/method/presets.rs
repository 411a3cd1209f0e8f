//! The 3×3, 4×4 and 5×5 starting methods. 5×5 is the default.

use super::{
    Aggregation, Formula, ImpactDimension, LevelRule, Method, RiskLevel, Scale, ScaleLevel,
    Threshold,
};

/// Names accepted by [`preset`], smallest first.
pub const PRESET_NAMES: [&str; 3] = ["3x3", "4x4", "5x5"];

/// The preset method called `name`, or `None` for an unknown name.
pub fn preset(name: &str) -> Option<Method> {
    let method = match name {
        "3x3" => build(
            &[
                (
                    "Unlikely",
                    "Not expected in the next few years.",
                    "less than once in 5 years",
                ),
                (
                    "Possible",
                    "Could happen in the next few years.",
                    "once in 1 to 5 years",
                ),
                (
                    "Likely",
                    "Expected to happen within a year.",
                    "once a year or more",
                ),
            ],
            &[
                MINOR,
                MODERATE,
                (
                    "Severe",
                    "Serious harm to operations, finances, customers or compliance.",
                    "",
                ),
            ],
            &[("low", 1), ("medium", 3), ("high", 6)],
            "low",
        ),
        "4x4" => build(
            &[
                RARE,
                UNLIKELY,
                ("Likely", "Will probably happen.", "once in 1 to 3 years"),
                (
                    "Almost certain",
                    "Expected to happen often.",
                    "several times a year",
                ),
            ],
            &[
                MINOR,
                MODERATE,
                (
                    "Major",
                    "Significant harm to operations, customers or compliance.",
                    "",
                ),
                (
                    "Severe",
                    "Threatens the organisation's objectives or survival.",
                    "",
                ),
            ],
            &[("low", 1), ("medium", 4), ("high", 8), ("very_high", 12)],
            "medium",
        ),
        "5x5" => build(
            &[
                RARE,
                UNLIKELY,
                (
                    "Possible",
                    "Might happen in the next few years.",
                    "once in 1 to 3 years",
                ),
                (
                    "Likely",
                    "Will probably happen within a year.",
                    "once to several times a year",
                ),
                (
                    "Almost certain",
                    "Expected to happen often.",
                    "monthly or more often",
                ),
            ],
            &[
                (
                    "Negligible",
                    "No noticeable effect.",
                    "loss under 1,000 EUR",
                ),
                (
                    "Minor",
                    "Small, short-lived harm handled in normal operations.",
                    "1,000 to 10,000 EUR",
                ),
                (
                    "Moderate",
                    "Noticeable harm that needs management attention.",
                    "10,000 to 100,000 EUR",
                ),
                (
                    "Major",
                    "Significant harm to operations, customers or compliance.",
                    "100,000 to 1 million EUR",
                ),
                (
                    "Severe",
                    "Threatens the organisation's objectives or survival.",
                    "over 1 million EUR",
                ),
            ],
            &[("low", 1), ("medium", 5), ("high", 10), ("very_high", 17)],
            "medium",
        ),
        _ => return None,
    };
    Some(method)
}

/// Label, description and guidance of one scale level.
type LevelText<'a> = (&'a str, &'a str, &'a str);

// Levels shared by several presets.
const RARE: LevelText<'static> = (
    "Rare",
    "Only in exceptional circumstances.",
    "less than once in 10 years",
);
const UNLIKELY: LevelText<'static> = (
    "Unlikely",
    "Could happen but is not expected.",
    "once in 3 to 10 years",
);
const MINOR: LevelText<'static> = ("Minor", "Little effect; handled in normal operations.", "");
const MODERATE: LevelText<'static> = (
    "Moderate",
    "Noticeable harm that needs management attention.",
    "",
);

fn scale(levels: &[LevelText<'_>]) -> Scale {
    Scale {
        levels: levels
            .iter()
            .map(|&(label, description, guidance)| ScaleLevel {
                label: label.into(),
                description: description.into(),
                guidance: guidance.into(),
            })
            .collect(),
    }
}

fn build(
    likelihood: &[LevelText<'_>],
    impact: &[LevelText<'_>],
    thresholds: &[(&str, u32)],
    appetite: &str,
) -> Method {
    Method {
        likelihood: scale(likelihood),
        impact: scale(impact),
        dimensions: [
            ("confidentiality", "Confidentiality"),
            ("integrity", "Integrity"),
            ("availability", "Availability"),
        ]
        .iter()
        .map(|&(id, label)| ImpactDimension {
            id: id.into(),
            label: label.into(),
        })
        .collect(),
        aggregation: Aggregation::Max,
        levels: thresholds
            .iter()
            .map(|&(id, _)| standard_level(id))
            .collect(),
        rule: LevelRule::Formula {
            formula: Formula::Product,
            thresholds: thresholds
                .iter()
                .map(|&(level, min_score)| Threshold {
                    min_score,
                    level: level.into(),
                })
                .collect(),
        },
        appetite: appetite.into(),
    }
}

/// Label, colour and review cadence of the preset levels. Colours are chosen
/// so that black or white text on them meets WCAG AA.
fn standard_level(id: &str) -> RiskLevel {
    let (label, color, days) = match id {
        "low" => ("Low", "#2e7d32", 365),
        "medium" => ("Medium", "#f9a825", 180),
        "high" => ("High", "#ef6c00", 90),
        _ => ("Very high", "#b71c1c", 30),
    };
    RiskLevel {
        id: id.into(),
        label: label.into(),
        color: color.into(),
        review_interval_days: days,
    }
}
