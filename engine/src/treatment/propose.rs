//! Treatment options and control suggestions for one risk.
//!
//! ## Treatment options (ISO/IEC 27005 8.2)
//!
//! The options are worked out from one tier: the current risk, or the
//! inherent risk when the current one is not scored (the reasons say so).
//! When neither is scored there is nothing to decide on, and [`propose`]
//! returns a diagnostic. Each rule of the table below that holds proposes its option
//! once (the first rule for an option wins); options are ranked by the rule's
//! priority, then by the rule's place in the table:
//!
//! | When | Option | Priority |
//! |---|---|---|
//! | level above the appetite | modify | 0 |
//! | level within the appetite | retain | 0 |
//! | the threat comes through a third party (a supplier threat, a supplier among the assets, or a threat or asset named as a supplier, vendor, contractor, provider or outsourced service) | share | 1 |
//! | impact at the top of the scale, likelihood in the bottom two levels | share | 1 |
//! | a threat insurers commonly cover (malicious code, fraud and other social engineering, attacks, unauthorised access, disclosure, theft, fire and flood) with impact in the top two levels of the scale | share | 1 |
//! | level at the top of the levels | avoid | 1 |
//! | level within the appetite | modify (optional) | 2 |
//! | level above the appetite | retain (needs formal acceptance) | 3 |
//!
//! Retain, avoid and share need a written justification; modify does not.
//!
//! ## Control suggestions (ISO/IEC 27005 8.3)
//!
//! The candidates are the Annex A controls mapped from the risk's threat and
//! vulnerability (through their starter-catalogue ids). The controls typical
//! for the kinds of its assets are candidates only when the risk names no
//! starter threat or vulnerability: a generic control of the asset's kind
//! (5.12 Classification for information, 8.6 Capacity management for a
//! service) says nothing about a named threat such as ransomware or a data
//! breach, so then they only add points to controls the threat or the
//! vulnerability brings up. Each candidate scores:
//!
//! | Why | Points |
//! |---|---|
//! | mapped from the threat | 10 |
//! | mapped from the vulnerability | 8 |
//! | typical for the kinds of the risk's assets | 3 (once) |
//! | protects a property (C, I, A) the threat affects | 1 each |
//! | acts on the larger factor of the tier (preventive on likelihood, detective or corrective on impact, both when even) | 1 |
//!
//! and lists one reason per line of the table that applied (the properties
//! in one line), plus one line saying what its control types act on
//! ("preventive: lowers likelihood"). Suggestions are ordered by score,
//! highest first, then by id in natural order, and only the first
//! [`MAX_SUGGESTIONS`] are kept. [`distinguish`] splits the reasons that
//! most suggestions share from those that set each one apart, so a screen
//! says the shared ones once.

use super::score_scored;
use crate::catalogue::{
    self, controls_for_asset_type, controls_for_threat, controls_for_vulnerability, AssetType,
    Control, ControlType, SecurityProperty,
};
use crate::document::{Assessment, Risk, ScoredTier, Tier};
use crate::method::ResolvedMethod;
use crate::register::natural_cmp;
use crate::Diagnostic;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// The most control suggestions returned.
pub const MAX_SUGGESTIONS: usize = 10;

/// Points for a control mapped from the risk's threat.
const THREAT_POINTS: u32 = 10;
/// Points for a control mapped from the risk's vulnerability.
const VULNERABILITY_POINTS: u32 = 8;
/// Points for a control typical for the kinds of the risk's assets.
const ASSET_POINTS: u32 = 3;
/// Points per security property the control protects and the threat affects.
const PROPERTY_POINTS: u32 = 1;
/// Points for acting on the larger factor of the tier.
const LEVER_POINTS: u32 = 1;

/// The four risk treatment options of ISO/IEC 27005 8.2.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TreatmentOption {
    /// Add or change controls to lower the risk.
    Modify,
    /// Accept the risk as it is, by an informed decision.
    Retain,
    /// Stop the activity that gives rise to the risk.
    Avoid,
    /// Share the risk with another party (insurance, contract, outsourcing).
    Share,
}

impl TreatmentOption {
    /// Every option.
    pub const ALL: [TreatmentOption; 4] = [
        TreatmentOption::Modify,
        TreatmentOption::Retain,
        TreatmentOption::Avoid,
        TreatmentOption::Share,
    ];

    /// The snake_case name used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            TreatmentOption::Modify => "modify",
            TreatmentOption::Retain => "retain",
            TreatmentOption::Avoid => "avoid",
            TreatmentOption::Share => "share",
        }
    }

    /// The name shown to people: "Modify", "Retain", "Avoid", "Share".
    pub fn label(self) -> &'static str {
        match self {
            TreatmentOption::Modify => "Modify",
            TreatmentOption::Retain => "Retain",
            TreatmentOption::Avoid => "Avoid",
            TreatmentOption::Share => "Share",
        }
    }

    /// Whether choosing it needs a written justification: every option but
    /// modify.
    pub fn justification_required(self) -> bool {
        !matches!(self, TreatmentOption::Modify)
    }
}

/// One treatment option proposed for a risk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OptionProposal {
    /// The option.
    pub option: TreatmentOption,
    /// 1 for the best fit, then 2, 3…
    pub rank: u32,
    /// Why, in one line computed from the risk.
    pub reason: String,
    /// Whether choosing it needs a written justification.
    pub justification_required: bool,
}

/// One Annex A control suggested for a risk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ControlSuggestion {
    /// The Annex A id, such as `"8.7"`.
    pub id: String,
    /// The control's title.
    pub title: String,
    /// How well it fits; higher is better (see the module docs).
    pub score: u32,
    /// Why it is suggested, one reason per line.
    pub reasons: Vec<String>,
}

/// What to do about one risk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Proposal {
    /// The tier the options were worked out from: current, or inherent when
    /// the current risk is not scored.
    pub basis: Tier,
    /// The options that apply, best first.
    pub options: Vec<OptionProposal>,
    /// Up to [`MAX_SUGGESTIONS`] controls, best first.
    pub controls: Vec<ControlSuggestion>,
}

/// What the option rules look at.
struct Facts {
    /// "current level High", or "inherent level High (the current risk is
    /// not scored)".
    subject: String,
    appetite: String,
    above_appetite: bool,
    top_level: bool,
    impact_top: bool,
    likelihood_low: bool,
    impact_label: String,
    likelihood_label: String,
    /// Why a third party is involved, if one is.
    third_party: Option<String>,
    /// Why the loss is one insurers commonly cover, if it is.
    insurable: Option<String>,
}

/// One row of the option table.
struct Rule {
    option: TreatmentOption,
    priority: u8,
    applies: fn(&Facts) -> bool,
    reason: fn(&Facts) -> String,
}

/// The option rules (see the module docs).
const RULES: &[Rule] = &[
    Rule {
        option: TreatmentOption::Modify,
        priority: 0,
        applies: |f| f.above_appetite,
        reason: |f| format!("{} is above the appetite {}", f.subject, f.appetite),
    },
    Rule {
        option: TreatmentOption::Retain,
        priority: 0,
        applies: |f| !f.above_appetite,
        reason: |f| format!("{} is within the appetite {}", f.subject, f.appetite),
    },
    Rule {
        option: TreatmentOption::Share,
        priority: 1,
        applies: |f| f.third_party.is_some(),
        reason: |f| {
            format!(
                "{}: consider sharing it with the supplier by contract (liability, service \
                 levels, right to audit) or insuring it",
                f.third_party.clone().unwrap_or_default()
            )
        },
    },
    Rule {
        option: TreatmentOption::Share,
        priority: 1,
        applies: |f| f.impact_top && f.likelihood_low,
        reason: |f| {
            format!(
                "impact {} is the top of the scale while likelihood {} is low: consider sharing \
                 it (insurance, contract, outsourcing)",
                f.impact_label, f.likelihood_label
            )
        },
    },
    Rule {
        option: TreatmentOption::Share,
        priority: 1,
        applies: |f| f.insurable.is_some(),
        reason: |f| {
            format!(
                "{}: consider sharing the financial loss through insurance",
                f.insurable.clone().unwrap_or_default()
            )
        },
    },
    Rule {
        option: TreatmentOption::Avoid,
        priority: 1,
        applies: |f| f.top_level,
        reason: |f| {
            format!(
                "{} is the top level: consider avoiding it (stop the activity) if the activity \
                 is not essential",
                f.subject
            )
        },
    },
    Rule {
        option: TreatmentOption::Modify,
        priority: 2,
        applies: |f| !f.above_appetite,
        reason: |f| {
            format!(
                "{} is within the appetite {}: more controls are optional, where they are worth \
                 their cost",
                f.subject, f.appetite
            )
        },
    },
    Rule {
        option: TreatmentOption::Retain,
        priority: 3,
        applies: |f| f.above_appetite,
        reason: |f| {
            format!(
                "{} is above the appetite {}: retaining it needs the risk owner's formal \
                 acceptance",
                f.subject, f.appetite
            )
        },
    },
];

/// Proposes treatment options and Annex A controls for the risk `risk_id`.
///
/// Errors: no risk has that id (path `$.risks`), or neither its current nor
/// its inherent tier can be scored on `method` (path `$.risks[i]`).
pub fn propose(
    assessment: &Assessment,
    method: &ResolvedMethod,
    risk_id: &str,
) -> Result<Proposal, Diagnostic> {
    let (index, risk) = find_risk(assessment, risk_id)?;
    let (basis, tier, subject) = basis(method, risk).ok_or_else(|| {
        Diagnostic::new(
            format!("$.risks[{index}]"),
            "neither the current nor the inherent risk is scored: score one to get treatment \
             options",
        )
    })?;
    let facts = facts(method, tier, subject, assessment, risk).ok_or_else(|| {
        Diagnostic::new(
            format!("$.risks[{index}].{}", basis.name()),
            "cannot be scored on the method",
        )
    })?;
    Ok(Proposal {
        basis,
        options: options(&facts),
        controls: suggestions(assessment, method, risk, Some(tier)),
    })
}

/// The ranked Annex A controls for the risk `risk_id` (the `controls` of
/// [`propose`]), which also works for a risk not scored yet. Errors only
/// when no risk has that id.
pub fn suggest_controls(
    assessment: &Assessment,
    method: &ResolvedMethod,
    risk_id: &str,
) -> Result<Vec<ControlSuggestion>, Diagnostic> {
    let (_, risk) = find_risk(assessment, risk_id)?;
    let tier = basis(method, risk).map(|(_, tier, _)| tier);
    Ok(suggestions(assessment, method, risk, tier))
}

fn find_risk<'a>(
    assessment: &'a Assessment,
    risk_id: &str,
) -> Result<(usize, &'a Risk), Diagnostic> {
    assessment
        .risks
        .iter()
        .enumerate()
        .find(|(_, r)| r.id == risk_id)
        .ok_or_else(|| Diagnostic::new("$.risks", format!("no risk has the id \"{risk_id}\"")))
}

/// The tier to decide on and how to name it: current if it scores, else
/// inherent, saying why.
fn basis<'a>(method: &ResolvedMethod, risk: &'a Risk) -> Option<(Tier, &'a ScoredTier, String)> {
    let current = risk.current.as_ref();
    if let Some(tier) = current.filter(|t| score_scored(method, t).is_some()) {
        return Some((Tier::Current, tier, String::new()));
    }
    let why = if current.is_some() {
        "the current risk cannot be scored on the method"
    } else {
        "the current risk is not scored"
    };
    risk.inherent
        .as_ref()
        .filter(|t| score_scored(method, t).is_some())
        .map(|tier| (Tier::Inherent, tier, format!(" ({why})")))
}

/// Words that name a third party in a threat's or an asset's name.
const THIRD_PARTY_WORDS: [&str; 7] = [
    "supplier",
    "vendor",
    "third party",
    "third-party",
    "contractor",
    "outsourc",
    "provider",
];

/// Why a third party is involved in `risk`, if one is: its starter threat is
/// a supplier threat, an asset is a supplier or a bought-in service, or the
/// threat's or an asset's name says so.
fn third_party(assessment: &Assessment, risk: &Risk) -> Option<String> {
    let threat = risk
        .threat_id
        .as_deref()
        .and_then(|id| assessment.threats.iter().find(|t| t.id == id));
    let starter = threat
        .and_then(|t| t.catalogue_id.as_deref())
        .and_then(catalogue::threat);
    let named = |text: &str| {
        let text = text.to_lowercase();
        THIRD_PARTY_WORDS.iter().any(|w| text.contains(w))
    };
    if let Some(t) = threat {
        if starter.is_some_and(|s| s.category == catalogue::ThreatCategory::Supplier)
            || named(&t.name)
        {
            return Some(format!(
                "the threat \"{}\" comes through a third party",
                t.name
            ));
        }
    }
    risk.asset_ids
        .iter()
        .filter_map(|id| assessment.assets.iter().find(|a| &a.id == id))
        .find(|a| a.kind == AssetType::Supplier || named(&a.name))
        .map(|a| match a.kind {
            AssetType::Supplier => format!("the asset \"{}\" is a supplier", a.name),
            _ => format!("the asset \"{}\" is provided by a third party", a.name),
        })
}

/// Why the loss in `risk` is one insurers commonly cover, if it is: its
/// starter threat is of an insurable kind and `impact` is in the top two
/// levels of the scale.
fn insurable(
    assessment: &Assessment,
    risk: &Risk,
    impact: u8,
    impact_max: u8,
    impact_label: &str,
) -> Option<String> {
    use catalogue::ThreatCategory as C;
    if impact.saturating_add(1) < impact_max {
        return None;
    }
    let threat = risk
        .threat_id
        .as_deref()
        .and_then(|id| assessment.threats.iter().find(|t| t.id == id))?;
    let starter = threat.catalogue_id.as_deref().and_then(catalogue::threat)?;
    let insured = matches!(
        starter.category,
        C::MaliciousCode
            | C::SocialEngineering
            | C::TechnicalAttack
            | C::UnauthorisedAccess
            | C::InformationCompromise
            | C::Physical
            | C::Environmental
    );
    insured.then(|| {
        format!(
            "impact {impact_label} from \"{}\", a loss insurers commonly cover (cyber, crime or \
             property insurance)",
            threat.name
        )
    })
}

fn facts(
    method: &ResolvedMethod,
    tier: &ScoredTier,
    note: String,
    assessment: &Assessment,
    risk: &Risk,
) -> Option<Facts> {
    let impact = method.aggregate_impact(&tier.impacts)?;
    let score = method
        .score(i64::from(tier.likelihood), i64::from(impact))
        .ok()?;
    let levels = &method.method().levels;
    let level = method.level(score.level)?;
    let appetite = method.level(method.appetite())?;
    let basis = if note.is_empty() {
        "current"
    } else {
        "inherent"
    };
    let label = |scale: &crate::method::Scale, n: u8| {
        scale
            .levels
            .get(usize::from(n).saturating_sub(1))
            .map_or_else(|| n.to_string(), |l| l.label.clone())
    };
    let impact_label = label(&method.method().impact, impact);
    Some(Facts {
        third_party: third_party(assessment, risk),
        insurable: insurable(assessment, risk, impact, method.impact_max(), &impact_label),
        subject: format!("{basis} level {}{note}", level.label),
        appetite: appetite.label.clone(),
        above_appetite: !score.acceptable,
        top_level: score.level + 1 == levels.len(),
        impact_top: impact == method.impact_max(),
        likelihood_low: tier.likelihood <= 2,
        impact_label,
        likelihood_label: label(&method.method().likelihood, tier.likelihood),
    })
}

fn options(facts: &Facts) -> Vec<OptionProposal> {
    let mut chosen: Vec<(u8, usize, &Rule)> = Vec::new();
    for (place, rule) in RULES.iter().enumerate() {
        if (rule.applies)(facts) && !chosen.iter().any(|(_, _, r)| r.option == rule.option) {
            chosen.push((rule.priority, place, rule));
        }
    }
    chosen.sort_by_key(|&(priority, place, _)| (priority, place));
    chosen
        .into_iter()
        .zip(1u32..)
        .map(|((_, _, rule), rank)| OptionProposal {
            option: rule.option,
            rank,
            reason: (rule.reason)(facts),
            justification_required: rule.option.justification_required(),
        })
        .collect()
}

/// Why one candidate control came up.
#[derive(Default)]
struct Candidate {
    threat: Option<&'static catalogue::Threat>,
    vulnerability: Option<&'static catalogue::Vulnerability>,
    kinds: BTreeSet<AssetType>,
}

/// The candidate controls by id.
type Candidates = BTreeMap<&'static str, (&'static Control, Candidate)>;

fn entry<'a>(candidates: &'a mut Candidates, c: &'static Control) -> &'a mut Candidate {
    &mut candidates
        .entry(c.id.as_str())
        .or_insert_with(|| (c, Candidate::default()))
        .1
}

fn suggestions(
    assessment: &Assessment,
    method: &ResolvedMethod,
    risk: &Risk,
    tier: Option<&ScoredTier>,
) -> Vec<ControlSuggestion> {
    let mut candidates: Candidates = BTreeMap::new();

    let threat = risk
        .threat_id
        .as_deref()
        .and_then(|id| assessment.threats.iter().find(|t| t.id == id));
    let starter_threat = threat
        .and_then(|t| t.catalogue_id.as_deref())
        .and_then(catalogue::threat);
    if let Some(starter) = starter_threat {
        for c in controls_for_threat(&starter.id).unwrap_or_default() {
            entry(&mut candidates, c).threat = Some(starter);
        }
    }
    let starter_vulnerability = risk
        .vulnerability_id
        .as_deref()
        .and_then(|id| assessment.vulnerabilities.iter().find(|v| v.id == id))
        .and_then(|v| v.catalogue_id.as_deref())
        .and_then(catalogue::vulnerability);
    if let Some(starter) = starter_vulnerability {
        for c in controls_for_vulnerability(&starter.id).unwrap_or_default() {
            entry(&mut candidates, c).vulnerability = Some(starter);
        }
    }
    let kinds: BTreeSet<AssetType> = risk
        .asset_ids
        .iter()
        .filter_map(|id| assessment.assets.iter().find(|a| &a.id == id))
        .map(|a| a.kind)
        .collect();
    // With a named threat or vulnerability, the asset's kind only adds
    // weight to the controls they bring up (see the module docs).
    let named = !candidates.is_empty();
    for &kind in &kinds {
        for c in controls_for_asset_type(kind) {
            if named {
                if let Some((_, why)) = candidates.get_mut(c.id.as_str()) {
                    why.kinds.insert(kind);
                }
            } else {
                entry(&mut candidates, c).kinds.insert(kind);
            }
        }
    }

    // The properties the threat affects: as the assessment records them, or
    // from its starter entry when it records none.
    let mut properties: BTreeSet<SecurityProperty> = threat
        .map(|t| t.properties.iter().copied().collect())
        .unwrap_or_default();
    if properties.is_empty() {
        if let Some(starter) = starter_threat {
            properties.extend(starter.properties.iter().copied());
        }
    }
    let levers = tier.and_then(|t| levers(method, t));

    let mut out: Vec<ControlSuggestion> = candidates
        .into_values()
        .map(|(control, why)| score_control(control, &why, &properties, levers))
        .collect();
    out.sort_by(|a, b| {
        b.score
            .cmp(&a.score)
            .then_with(|| natural_cmp(&a.id, &b.id))
    });
    out.truncate(MAX_SUGGESTIONS);
    out
}

/// Which factor is larger, relative to its scale: (likelihood, impact);
/// both when even.
fn levers(method: &ResolvedMethod, tier: &ScoredTier) -> Option<(bool, bool)> {
    let impact = u32::from(method.aggregate_impact(&tier.impacts)?);
    let likelihood = u32::from(tier.likelihood);
    // Compare likelihood / likelihood_max with impact / impact_max.
    let l = likelihood * u32::from(method.impact_max());
    let i = impact * u32::from(method.likelihood_max());
    Some((l >= i, i >= l))
}

fn score_control(
    control: &'static Control,
    why: &Candidate,
    properties: &BTreeSet<SecurityProperty>,
    levers: Option<(bool, bool)>,
) -> ControlSuggestion {
    let mut score = 0;
    let mut reasons = Vec::new();
    if let Some(t) = why.threat {
        score += THREAT_POINTS;
        reasons.push(format!("mapped from threat {} {}", t.id, t.name));
    }
    if let Some(v) = why.vulnerability {
        score += VULNERABILITY_POINTS;
        reasons.push(format!("mapped from vulnerability {} {}", v.id, v.name));
    }
    if !why.kinds.is_empty() {
        score += ASSET_POINTS;
        let kinds: Vec<&str> = why.kinds.iter().map(|k| k.as_str()).collect();
        reasons.push(format!("typical for {} assets", join_and(&kinds)));
    }
    let mut protected = Vec::new();
    for property in SecurityProperty::ALL {
        if properties.contains(property) && control.security_properties.contains(property) {
            score += PROPERTY_POINTS;
            protected.push(property.as_str());
        }
    }
    if !protected.is_empty() {
        let which = if protected.len() == 1 {
            "which"
        } else {
            "all of which"
        };
        reasons.push(format!(
            "protects {}, {which} the threat affects",
            join_and(&protected)
        ));
    } else if !properties.is_empty() {
        reasons.push("protects none of the properties the threat affects".to_string());
    }
    let mut on_lever = false;
    let mut types = Vec::new();
    let (mut likelihood_side, mut impact_side) = (false, false);
    for control_type in &control.control_types {
        let lowers_likelihood = matches!(control_type, ControlType::Preventive);
        types.push(control_type.as_str());
        likelihood_side |= lowers_likelihood;
        impact_side |= !lowers_likelihood;
        if let Some((likelihood, impact)) = levers {
            on_lever |= if lowers_likelihood {
                likelihood
            } else {
                impact
            };
        }
    }
    if !types.is_empty() {
        let acts = match (likelihood_side, impact_side) {
            (true, true) => "lowers likelihood or impact",
            (true, false) => "lowers likelihood",
            _ => "lowers impact",
        };
        reasons.push(format!("{}: {acts}", join_and(&types)));
    }
    if let (true, Some(levers)) = (on_lever, levers) {
        score += LEVER_POINTS;
        reasons.push(
            match levers {
                (true, false) => "acts on likelihood, the larger factor of the risk",
                (false, true) => "acts on impact, the larger factor of the risk",
                _ => "acts on likelihood or impact, which weigh the same in the risk",
            }
            .to_string(),
        );
    }
    ControlSuggestion {
        id: control.id.clone(),
        title: control.title.clone(),
        score,
        reasons,
    }
}

/// "a", "a and b", "a, b and c".
fn join_and(items: &[&str]) -> String {
    match items.split_last() {
        None => String::new(),
        Some((last, [])) => (*last).to_string(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
    }
}

/// The reasons of a list of suggestions, split so that a screen says the
/// common ones once.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DistinctReasons {
    /// Reasons more than half of the suggestions give (and at least two),
    /// in the order they first appear.
    pub shared: Vec<String>,
    /// For each suggestion, in the same order, its other reasons: what sets
    /// it apart.
    pub own: Vec<Vec<String>>,
}

/// Splits the reasons of `suggestions` into those most of them share and
/// those that set each one apart (see [`DistinctReasons`]). With a single
/// suggestion nothing is shared.
pub fn distinguish(suggestions: &[ControlSuggestion]) -> DistinctReasons {
    let mut shared: Vec<String> = Vec::new();
    if suggestions.len() >= 2 {
        for s in suggestions {
            for reason in &s.reasons {
                if shared.contains(reason) {
                    continue;
                }
                let count = suggestions
                    .iter()
                    .filter(|o| o.reasons.contains(reason))
                    .count();
                if count * 2 > suggestions.len() {
                    shared.push(reason.clone());
                }
            }
        }
    }
    let own = suggestions
        .iter()
        .map(|s| {
            s.reasons
                .iter()
                .filter(|r| !shared.contains(r))
                .cloned()
                .collect()
        })
        .collect();
    DistinctReasons { shared, own }
}
