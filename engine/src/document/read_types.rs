//! Which members each type of the document reads from JSON ([`super::read`]).
//!
//! `req` marks a member serde requires too; `opt` one with a default. A
//! struct's list must name every field, or it does not compile.

use super::model::{
    Assessment, Asset, Change, HistoryEntry, Risk, ScoredTier, Snapshot, Threat, Tier,
    TreatmentStatus, Vulnerability,
};
use super::read::{from_json_names, from_json_struct, from_json_tagged};
use super::treatment::{
    Acceptance, ActionStatus, InclusionReason, PlanAction, SoaEntry, TreatmentDecision,
};
use crate::catalogue::{AssetType, Control, ThreatOrigin};
use crate::method::{
    Aggregation, Formula, ImpactDimension, LevelRule, Method, RiskLevel, Scale, ScaleLevel,
    Threshold,
};
use crate::treatment::{AppliedControl, ControlStatus, Effectiveness, TreatmentOption};
use crate::workshop::{Vote, WorkshopItem, WorkshopRecord};

from_json_struct!(Assessment {
    name: req,
    scope: opt,
    method: req,
    assets: opt,
    threats: opt,
    vulnerabilities: opt,
    risks: opt,
    custom_controls: opt,
    soa: opt,
    plan: opt,
    workshops: opt,
    history: opt,
    snapshots: opt,
});

from_json_struct!(Asset {
    id: req,
    name: req,
    kind: opt,
    owner: opt,
    description: opt,
    valuation: opt,
});

from_json_struct!(Threat {
    id: req,
    name: req,
    description: opt,
    properties: opt,
    origin: opt,
    catalogue_id: opt,
});

from_json_struct!(Vulnerability {
    id: req,
    name: req,
    description: opt,
    catalogue_id: opt,
});

from_json_struct!(Risk {
    id: req,
    title: req,
    scenario: opt,
    consequence: opt,
    asset_ids: opt,
    threat_id: opt,
    vulnerability_id: opt,
    owner: opt,
    existing_controls: opt,
    inherent: opt,
    current: opt,
    residual: opt,
    treatment: opt,
    reviewed_on: opt,
    tags: opt,
    decision: opt,
    controls: opt,
    overrides: opt,
    acceptance: opt,
});

from_json_struct!(ScoredTier {
    likelihood: req,
    impacts: req,
});

from_json_struct!(HistoryEntry {
    at: req,
    risk_id: opt,
    change: req,
    reason: opt,
});

from_json_tagged!(Change {
    "created" => Created { title: req },
    "deleted" => Deleted { title: req },
    "score" => Score { tier: req, old: opt, new: opt, old_level: opt, new_level: opt },
    "treatment" => Treatment { old: req, new: req },
    "reviewed" => Reviewed { on: req },
    "method_changed" => MethodChanged { risks_changed: req },
    "decision" => Decision { old: opt, new: opt, justification: opt },
    "controls" => Controls { lines: req },
    "override" => Override { tier: req, justification: opt },
    "accepted" => Accepted { by: req, on: req, level: req },
    "acceptance_withdrawn" => AcceptanceWithdrawn {},
    "applicability" => Applicability { control_id: req, old: opt, new: opt },
    "estimated" => Estimated { tier: req, votes: req, likelihood: req, impact: req, dissent: opt },
    "workshop" => Workshop { workshop_id: req, title: req, risks: req },
    "action" => Action { action_id: req, old: opt, new: opt },
});

from_json_struct!(Snapshot {
    name: req,
    taken_at: req,
    method: req,
    risks: req,
});

from_json_struct!(TreatmentDecision {
    option: req,
    justification: opt,
});

from_json_struct!(Acceptance {
    by: req,
    on: req,
    note: opt,
    level: req,
});

from_json_struct!(PlanAction {
    id: req,
    title: req,
    control_id: opt,
    owner: opt,
    due: opt,
    status: opt,
    risk_ids: opt,
    note: opt,
});

from_json_struct!(SoaEntry {
    control_id: req,
    applicable: opt,
    reasons: opt,
    reason_note: opt,
    exclusion_justification: opt,
    status: opt,
    evidence: opt,
    owner: opt,
    reviewed_on: opt,
});

from_json_struct!(AppliedControl {
    control_id: req,
    status: req,
    effectiveness: req,
    acts_through: req,
});

from_json_struct!(Control {
    id: req,
    title: req,
    source: req,
    theme: req,
    new_in_2022: opt,
    control_types: opt,
    security_properties: opt,
    cybersecurity_concepts: opt,
    operational_capabilities: opt,
    security_domains: opt,
    guidance: opt,
    evidence: opt,
    tags: opt,
});

from_json_struct!(WorkshopRecord {
    id: req,
    title: req,
    date: opt,
    facilitator: opt,
    participants: opt,
    items: opt,
    notes: opt,
});

from_json_struct!(WorkshopItem {
    risk_id: req,
    title: req,
    tier: req,
    before: opt,
    after: opt,
    before_level: opt,
    after_level: opt,
    votes: opt,
    dissent: opt,
    notes: opt,
    seconds: opt,
});

from_json_struct!(Vote {
    participant: opt,
    likelihood: req,
    impact: req,
});

from_json_struct!(Method {
    likelihood: req,
    impact: req,
    dimensions: req,
    aggregation: opt,
    levels: req,
    rule: req,
    appetite: req,
});

from_json_struct!(Scale { levels: req });

from_json_struct!(ScaleLevel {
    label: req,
    description: opt,
    guidance: opt,
});

from_json_struct!(ImpactDimension {
    id: req,
    label: req
});

from_json_struct!(RiskLevel {
    id: req,
    label: req,
    color: req,
    review_interval_days: req,
});

from_json_tagged!(LevelRule {
    "matrix" => Matrix { cells: req },
    "formula" => Formula { formula: req, thresholds: req },
});

from_json_struct!(Threshold {
    min_score: req,
    level: req,
});

from_json_names!(Tier {
    Inherent => "inherent",
    Current => "current",
    Residual => "residual",
});

from_json_names!(TreatmentStatus {
    Untreated => "untreated",
    Planned => "planned",
    InProgress => "in_progress",
    Implemented => "implemented",
});

from_json_names!(ActionStatus {
    Planned => "planned",
    InProgress => "in_progress",
    Done => "done",
});

from_json_names!(InclusionReason {
    Legal => "legal",
    Contractual => "contractual",
    Business => "business",
});

from_json_names!(TreatmentOption {
    Modify => "modify",
    Retain => "retain",
    Avoid => "avoid",
    Share => "share",
});

from_json_names!(ControlStatus {
    Planned => "planned",
    InProgress => "in_progress",
    Implemented => "implemented",
    NotEffective => "not_effective",
});

from_json_names!(Effectiveness {
    Low => "low",
    Medium => "medium",
    High => "high",
});

from_json_names!(AssetType {
    Information => "information",
    Process => "process",
    Software => "software",
    Hardware => "hardware",
    Network => "network",
    People => "people",
    Site => "site",
    Supplier => "supplier",
    Service => "service",
});

from_json_names!(ThreatOrigin {
    Deliberate => "deliberate",
    Accidental => "accidental",
    Environmental => "environmental",
});

from_json_names!(Aggregation {
    Max => "max",
    Mean => "mean",
});

from_json_names!(Formula {
    Product => "product",
    Sum => "sum",
});
