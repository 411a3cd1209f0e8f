//! The register view's state: the query (filters, sort, page) and the risk
//! being edited. Decisions (validation, history, levels) are the engine's:
//! this module only holds what the user typed until it is saved.

use riskwright_engine::date::Date;
use riskwright_engine::document::{Risk, ScoredTier, Tier, TreatmentStatus};
use riskwright_engine::register::{RegisterQuery, SortKey};
use riskwright_engine::Diagnostic;

/// Rows per page of the register table.
pub const PAGE_SIZE: usize = 50;

/// What the register view shows.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct RegisterUi {
    /// Filters and sort order.
    pub query: RegisterQuery,
    /// 0-based page of the filtered rows.
    pub page: usize,
    /// The risk being added or edited, if any.
    pub form: Option<RiskForm>,
}

/// A risk being edited, not yet in the register.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct RiskForm {
    /// The draft.
    pub risk: Risk,
    /// Whether saving adds a new risk (or updates the one with its id).
    pub is_new: bool,
    /// Problems the engine found when saving, by path.
    pub problems: Vec<Diagnostic>,
    /// Why the risk is changing, recorded in the history with the change.
    pub reason: String,
    /// The risk as it was when the form was opened on it, so that a save
    /// can tell whether the register changed meanwhile (another tab).
    #[serde(default)]
    pub opened: Option<Risk>,
    /// Set when saving found that the risk changed meanwhile: what changed,
    /// field by field, until the user keeps theirs, takes the other's or
    /// merges.
    #[serde(skip)]
    pub conflict: Option<FormConflict>,
}

/// A save stopped because the risk changed since the form was opened.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct FormConflict {
    /// The fields changed meanwhile; empty when the risk was deleted.
    pub changes: Vec<riskwright_engine::register::ConcurrentChange>,
    /// The fields both sides changed for which the user chose the other
    /// version in a merge (by saved member name).
    pub take_theirs: Vec<String>,
    /// The risk is no longer in the register.
    pub deleted: bool,
}

/// How the user settles a [`FormConflict`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resolution {
    /// Save the form as it is, over the other change.
    KeepMine,
    /// Drop the form and keep the register as it is now.
    TakeTheirs,
    /// Save the form with the other change merged in.
    Merge,
}

/// A field of the risk form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RiskField {
    /// Title.
    Title,
    /// Scenario.
    Scenario,
    /// Consequence.
    Consequence,
    /// Risk owner.
    Owner,
    /// Existing controls.
    ExistingControls,
    /// Tags, comma-separated.
    Tags,
    /// Treatment status name.
    Treatment,
    /// Threat id, empty for none.
    Threat,
    /// Vulnerability id, empty for none.
    Vulnerability,
    /// Last review date, YYYY-MM-DD or empty.
    ReviewedOn,
    /// Why the risk is changing (kept in the history, not on the risk).
    Reason,
    /// Whether the asset with this id is affected ("true"/"false").
    Asset(String),
    /// A tier's likelihood, a level number or empty.
    Likelihood(Tier),
    /// A tier's impact on one dimension, a level number or empty.
    Impact(Tier, String),
}

/// Changes to the register view.
#[derive(Debug, Clone, PartialEq)]
pub enum RegisterMsg {
    /// Open the form on a new risk.
    NewRisk,
    /// Open the form on an existing risk.
    EditRisk(String),
    /// Change a form field.
    Field(RiskField, String),
    /// Save the form into the register.
    Save,
    /// Close the form without saving.
    Cancel,
    /// Settle a save stopped by a change made meanwhile.
    Resolve(Resolution),
    /// In a merge, take the other version of this field (by saved member
    /// name) when `true`, or keep the form's.
    ConflictChoice(String, bool),
    /// Remove a risk (undo brings it back).
    Delete(String),
    /// Mark a risk reviewed today.
    Review(String),
    /// Free-text search.
    Search(String),
    /// Only risks at this level id of the query's tier (empty: any).
    FilterLevel(String),
    /// Only risks of this owner (empty: any).
    FilterOwner(String),
    /// Only risks on this asset id (empty: any).
    FilterAsset(String),
    /// Only risks with this treatment status name (empty: any).
    FilterTreatment(String),
    /// Only risks whose review is overdue.
    FilterOverdue(bool),
    /// Only risks with these comma-separated tags.
    FilterTags(String),
    /// Toggle a heat-map cell filter.
    FilterCell(Tier, u8, u8),
    /// Drop every filter.
    ClearFilters,
    /// Sort by a column; the same column again reverses the order.
    Sort(SortKey),
    /// Show a page of the filtered rows.
    Page(usize),
}

impl RiskForm {
    /// Applies a field edit to the draft. Returns a problem when the text
    /// cannot be read (a non-number level, a bad date); the engine checks
    /// ranges and links when the form is saved.
    pub fn set(&mut self, field: RiskField, value: String) -> Result<(), Diagnostic> {
        let risk = &mut self.risk;
        let optional = |v: &str| (!v.trim().is_empty()).then(|| v.trim().to_string());
        match field {
            RiskField::Reason => self.reason = value,
            RiskField::Title => risk.title = value,
            RiskField::Scenario => risk.scenario = value,
            RiskField::Consequence => risk.consequence = value,
            RiskField::Owner => risk.owner = value,
            RiskField::ExistingControls => risk.existing_controls = value,
            RiskField::Tags => {
                risk.tags = value
                    .split(',')
                    .map(str::trim)
                    .filter(|t| !t.is_empty())
                    .map(str::to_string)
                    .collect();
            }
            RiskField::Treatment => {
                risk.treatment = TreatmentStatus::ALL
                    .into_iter()
                    .find(|s| s.as_str() == value)
                    .ok_or_else(|| {
                        Diagnostic::new(
                            "$.treatment",
                            format!("'{value}' is not a treatment status"),
                        )
                    })?;
            }
            RiskField::Threat => risk.threat_id = optional(&value),
            RiskField::Vulnerability => risk.vulnerability_id = optional(&value),
            RiskField::ReviewedOn => {
                risk.reviewed_on = match optional(&value) {
                    None => None,
                    Some(text) => {
                        Some(Date::parse(&text).map_err(|m| Diagnostic::new("$.reviewed_on", m))?)
                    }
                };
            }
            RiskField::Asset(id) => {
                risk.asset_ids.retain(|a| a != &id);
                if value == "true" {
                    risk.asset_ids.push(id);
                }
            }
            RiskField::Likelihood(tier) => {
                let level = parse_level(&value, tier, "likelihood")?;
                let slot = tier_mut(risk, tier);
                match (level, slot.as_mut()) {
                    (Some(l), Some(scored)) => scored.likelihood = l,
                    (Some(l), None) => {
                        *slot = Some(ScoredTier {
                            likelihood: l,
                            impacts: Default::default(),
                        })
                    }
                    (None, _) => *slot = None,
                }
            }
            RiskField::Impact(tier, dimension) => {
                let level = parse_level(&value, tier, "impact")?;
                let slot = tier_mut(risk, tier);
                match (level, slot.as_mut()) {
                    (Some(i), Some(scored)) => {
                        scored.impacts.insert(dimension, i);
                    }
                    (Some(i), None) => {
                        // Likelihood 0 is "not yet rated": saving names it.
                        *slot = Some(ScoredTier {
                            likelihood: 0,
                            impacts: [(dimension, i)].into(),
                        })
                    }
                    (None, Some(scored)) => {
                        scored.impacts.remove(&dimension);
                    }
                    (None, None) => {}
                }
            }
        }
        Ok(())
    }
}

fn parse_level(value: &str, tier: Tier, what: &str) -> Result<Option<u8>, Diagnostic> {
    let value = value.trim();
    if value.is_empty() {
        return Ok(None);
    }
    value.parse().map(Some).map_err(|_| {
        Diagnostic::new(
            format!("$.{}.{what}", tier.name()),
            format!("'{value}' is not a level number"),
        )
    })
}

fn tier_mut(risk: &mut Risk, tier: Tier) -> &mut Option<ScoredTier> {
    match tier {
        Tier::Inherent => &mut risk.inherent,
        Tier::Current => &mut risk.current,
        Tier::Residual => &mut risk.residual,
    }
}
