//! The record of one workshop: who was there, which risks were discussed,
//! how their scores moved, the votes and the notes. It is kept in the
//! assessment (`workshops`) and its adding is recorded in the history.

use super::Vote;
use crate::date::Date;
use crate::document::{ScoredTier, Tier};
use serde::{Deserialize, Serialize};

/// One workshop, as the facilitator closes it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkshopRecord {
    /// Stable key, unique among workshops, e.g. `"W-2"`.
    pub id: String,
    /// What the workshop was, e.g. "Risk workshop, finance".
    pub title: String,
    /// When it was held.
    pub date: Option<Date>,
    /// Who ran it.
    #[serde(default)]
    pub facilitator: String,
    /// Who took part, if entered.
    #[serde(default)]
    pub participants: Vec<String>,
    /// The risks discussed, in the order they were.
    #[serde(default)]
    pub items: Vec<WorkshopItem>,
    /// Notes on the workshop as a whole.
    #[serde(default)]
    pub notes: String,
}

/// One risk as the workshop discussed it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkshopItem {
    /// The risk's id.
    pub risk_id: String,
    /// Its title then.
    pub title: String,
    /// The tier discussed.
    pub tier: Tier,
    /// The tier before the discussion.
    pub before: Option<ScoredTier>,
    /// The tier after it.
    pub after: Option<ScoredTier>,
    /// The level id before, under the method then in force.
    pub before_level: Option<String>,
    /// The level id after.
    pub after_level: Option<String>,
    /// The estimates recorded, if the room voted.
    #[serde(default)]
    pub votes: Vec<Vote>,
    /// A dissenting view, if one was noted.
    #[serde(default)]
    pub dissent: String,
    /// The facilitator's notes on this risk.
    #[serde(default)]
    pub notes: String,
    /// Seconds spent on the risk, if the timer ran.
    #[serde(default)]
    pub seconds: u32,
}
