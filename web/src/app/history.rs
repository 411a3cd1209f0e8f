//! The "History" screen's state: the risk whose timeline is shown, the
//! snapshot being named and the two sides of the comparison. The texts of
//! the timeline and comparison are built here, natively tested; the engine
//! decides levels, diffs and trends.

use super::state::AppState;
use riskwright_engine::compare::{self, RegisterDiff};
use riskwright_engine::document::{Change, HistoryEntry, Risk, ScoredTier, Tier};
use riskwright_engine::method::{Method, ResolvedMethod};
use riskwright_engine::register::RegisterEdit;

/// What the screen shows besides the assessment.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct HistoryUi {
    /// The risk whose timeline is shown; empty for the first risk.
    pub risk: String,
    /// The name typed for the next snapshot.
    pub snapshot_name: String,
    /// The earlier side of the comparison; `None` for the default (the
    /// newest snapshot).
    pub from: Option<Side>,
    /// The later side; `None` for the default (now).
    pub to: Option<Side>,
}

/// One side of a comparison.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// The register as it is.
    Now,
    /// The snapshot at this position.
    Snapshot(usize),
}

impl Side {
    /// The value used in the side's select.
    pub fn key(self) -> String {
        match self {
            Side::Now => "now".into(),
            Side::Snapshot(k) => format!("snapshot-{k}"),
        }
    }

    /// Reads a select value.
    pub fn parse(key: &str) -> Option<Side> {
        match key {
            "now" => Some(Side::Now),
            _ => key
                .strip_prefix("snapshot-")
                .and_then(|k| k.parse().ok())
                .map(Side::Snapshot),
        }
    }
}

/// Changes on the "History" screen.
#[derive(Debug, Clone, PartialEq)]
pub enum HistoryMsg {
    /// Show this risk's timeline.
    SelectRisk(String),
    /// Type the next snapshot's name.
    SnapshotName(String),
    /// Take a snapshot with the typed name.
    TakeSnapshot,
    /// Delete the snapshot at this position (undoable).
    DeleteSnapshot(usize),
    /// Choose the earlier side.
    From(Side),
    /// Choose the later side.
    To(Side),
}

/// One line of a risk's timeline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimelineEntry {
    /// When, "YYYY-MM-DD HH:MM UTC".
    pub at: String,
    /// What changed, in words.
    pub change: String,
    /// Why, if the user said.
    pub reason: String,
}

/// A tier's name in words.
pub fn tier_label(tier: Tier) -> &'static str {
    match tier {
        Tier::Inherent => "Inherent",
        Tier::Current => "Current",
        Tier::Residual => "Residual",
    }
}

/// A timestamp as "YYYY-MM-DD HH:MM UTC" (or as given when it is not ISO).
pub fn when(at: &str) -> String {
    match (at.get(..10), at.get(11..16)) {
        (Some(date), Some(time)) if at.as_bytes().get(10) == Some(&b'T') => {
            format!("{date} {time} UTC")
        }
        _ => at.to_string(),
    }
}

/// A level id as its label in `method`; an unknown id is shown as the id.
pub fn level_label(method: &Method, id: &str) -> String {
    method
        .levels
        .iter()
        .find(|l| l.id == id)
        .map_or_else(|| id.to_string(), |l| l.label.clone())
}

fn scale_label(labels: &[riskwright_engine::method::ScaleLevel], n: u8) -> String {
    usize::from(n)
        .checked_sub(1)
        .and_then(|k| labels.get(k))
        .map_or_else(|| n.to_string(), |l| l.label.clone())
}

/// A cell as "Likely × Major", with labels from `method`.
pub fn cell_text(method: &Method, (likelihood, impact): (u8, u8)) -> String {
    format!(
        "{} × {}",
        scale_label(&method.likelihood.levels, likelihood),
        scale_label(&method.impact.levels, impact)
    )
}

/// A scored tier and its level as "Likely × Major (High)".
fn estimate(
    method: &Method,
    resolved: Option<&ResolvedMethod>,
    tier: Option<&ScoredTier>,
    level: Option<&str>,
) -> String {
    let Some(tier) = tier else {
        return "not scored".into();
    };
    let impact = resolved.and_then(|r| r.aggregate_impact(&tier.impacts));
    let cell = match impact {
        Some(i) => cell_text(method, (tier.likelihood, i)),
        None => format!(
            "likelihood {}",
            scale_label(&method.likelihood.levels, tier.likelihood)
        ),
    };
    match level {
        Some(level) => format!("{cell} ({})", level_label(method, level)),
        None => cell,
    }
}

/// A cell and level of a comparison side as "Likely × Major (High)".
pub fn side_text(method: &Method, cell: Option<(u8, u8)>, level: Option<&str>) -> String {
    match (cell, level) {
        (Some(c), Some(l)) => format!("{} ({})", cell_text(method, c), level_label(method, l)),
        (Some(c), None) => cell_text(method, c),
        (None, _) => "not scored".into(),
    }
}

/// One history entry in words, with labels from `method`.
pub fn change_text(method: &Method, entry: &HistoryEntry) -> String {
    let resolved = ResolvedMethod::new(method.clone()).ok();
    match &entry.change {
        Change::Created { .. } => "Created".into(),
        Change::Deleted { .. } => "Deleted".into(),
        Change::Score {
            tier,
            old,
            new,
            old_level,
            new_level,
        } => format!(
            "{}: {} → {}",
            tier_label(*tier),
            estimate(
                method,
                resolved.as_ref(),
                old.as_ref(),
                old_level.as_deref()
            ),
            estimate(
                method,
                resolved.as_ref(),
                new.as_ref(),
                new_level.as_deref()
            ),
        ),
        Change::Treatment { old, new } => {
            format!("Treatment: {} → {}", old.label(), new.label())
        }
        Change::Reviewed { on } => format!("Reviewed on {on}"),
        Change::MethodChanged { risks_changed } => format!(
            "Method changed ({risks_changed} {} changed level)",
            if *risks_changed == 1 { "risk" } else { "risks" }
        ),
        Change::Decision {
            old,
            new,
            justification,
        } => {
            let name = |o: &Option<riskwright_engine::treatment::TreatmentOption>| {
                o.map_or("none", |o| o.as_str()).to_string()
            };
            let mut text = format!("Treatment option: {} → {}", name(old), name(new));
            if !justification.is_empty() {
                text.push_str(&format!(" ({justification})"));
            }
            text
        }
        Change::Controls { lines } => format!("Controls: {}", lines.join("; ")),
        Change::Override {
            tier,
            justification: Some(j),
        } => format!("{} set by hand: {j}", tier_label(*tier)),
        Change::Override {
            tier,
            justification: None,
        } => format!("{} follows the controls again", tier_label(*tier)),
        Change::Accepted { by, on, level } => format!(
            "Residual risk accepted by {by} on {on} at {}",
            level_label(method, level)
        ),
        Change::AcceptanceWithdrawn => "Acceptance withdrawn".into(),
        Change::Estimated {
            tier,
            votes,
            likelihood,
            impact,
            dissent,
        } => {
            let mut text = format!(
                "{} {}: likelihood {likelihood}, impact {impact}",
                tier_label(*tier),
                riskwright_engine::workshop::estimate_origin(votes),
            );
            if !votes.is_empty() {
                let n = votes.len();
                text.push_str(&format!(" ({n} {})", if n == 1 { "vote" } else { "votes" }));
            }
            if !dissent.is_empty() {
                text.push_str(&format!("; dissent: {dissent}"));
            }
            text
        }
        Change::Workshop {
            workshop_id,
            title,
            risks,
        } => format!(
            "Workshop {workshop_id} “{title}” recorded ({risks} {} discussed)",
            if *risks == 1 { "risk" } else { "risks" }
        ),
        Change::Applicability {
            control_id,
            old,
            new,
        } => {
            let word = |v: &Option<bool>| match v {
                Some(true) => "applicable",
                Some(false) => "excluded",
                None => "undecided",
            };
            format!("SoA {control_id}: {} → {}", word(old), word(new))
        }
        Change::Action {
            action_id,
            old,
            new,
        } => match (old, new) {
            (None, Some(s)) => format!("Plan action {action_id} added ({})", s.label()),
            (Some(_), None) => format!("Plan action {action_id} removed"),
            (Some(a), Some(b)) => format!("Plan action {action_id}: {} → {}", a.label(), b.label()),
            (None, None) => format!("Plan action {action_id}"),
        },
    }
}

impl AppState {
    /// The risk whose timeline is shown: the chosen one, else the first.
    pub fn timeline_risk(&self) -> Option<&str> {
        let a = &self.assessment;
        let known = |id: &str| {
            a.risks.iter().any(|r| r.id == id) || a.history.iter().any(|h| h.risk_id == id)
        };
        if !self.history.risk.is_empty() && known(&self.history.risk) {
            return Some(&self.history.risk);
        }
        a.risks.first().map(|r| r.id.as_str())
    }

    /// The history of `risk_id`, newest first, with the method changes
    /// made during its life, in words with the method in force.
    pub fn timeline(&self, risk_id: &str) -> Vec<TimelineEntry> {
        let a = &self.assessment;
        let first = a.history.iter().position(|h| h.risk_id == risk_id);
        let last = a.history.iter().rposition(|h| h.risk_id == risk_id);
        let (Some(first), Some(last)) = (first, last) else {
            return Vec::new();
        };
        a.history
            .iter()
            .enumerate()
            .filter(|(k, h)| {
                h.risk_id == risk_id
                    || (h.risk_id.is_empty()
                        && matches!(h.change, Change::MethodChanged { .. })
                        && (first..=last).contains(k))
            })
            .rev()
            .map(|(_, h)| TimelineEntry {
                at: when(&h.at),
                change: change_text(&a.method, h),
                reason: h.reason.clone(),
            })
            .collect()
    }

    /// The sides of the comparison, defaults resolved and checked against
    /// the snapshots there are.
    pub fn comparison_sides(&self) -> (Side, Side) {
        let count = self.assessment.snapshots.len();
        let valid = |s: Option<Side>| match s {
            Some(Side::Snapshot(k)) if k >= count => None,
            s => s,
        };
        let from = valid(self.history.from)
            .unwrap_or_else(|| count.checked_sub(1).map_or(Side::Now, Side::Snapshot));
        let to = valid(self.history.to).unwrap_or(Side::Now);
        (from, to)
    }

    /// The method and risks of a side.
    pub fn side(&self, side: Side) -> (&Method, &[Risk]) {
        let a = &self.assessment;
        match side {
            Side::Snapshot(k) if k < a.snapshots.len() => {
                (&a.snapshots[k].method, &a.snapshots[k].risks)
            }
            _ => (&a.method, &a.risks),
        }
    }

    /// What differs between the two chosen sides.
    pub fn comparison(&self) -> RegisterDiff {
        let (from, to) = self.comparison_sides();
        let (fm, fr) = self.side(from);
        let (tm, tr) = self.side(to);
        compare::diff(fm, fr, tm, tr)
    }

    /// Applies a change on the "History" screen; true when the assessment
    /// changed.
    pub fn update_history(&mut self, msg: HistoryMsg, now: &str) -> bool {
        match msg {
            HistoryMsg::SelectRisk(id) => self.history.risk = id,
            HistoryMsg::SnapshotName(name) => self.history.snapshot_name = name,
            HistoryMsg::TakeSnapshot => {
                let name = self.history.snapshot_name.trim().to_string();
                let taken = self.refusable(RegisterEdit::TakeSnapshot { name }, now);
                if taken {
                    self.history.snapshot_name.clear();
                    // Compare the new snapshot with now.
                    self.history.from = None;
                }
                return taken;
            }
            HistoryMsg::DeleteSnapshot(index) => {
                let (from, to) = self.comparison_sides();
                let deleted = self.refusable(RegisterEdit::DeleteSnapshot { index }, now);
                if deleted {
                    // A chosen side at or after the deleted one goes back
                    // to its default.
                    let keep = |s: Side| match s {
                        Side::Snapshot(k) if k >= index => None,
                        s => Some(s),
                    };
                    self.history.from = self.history.from.and(keep(from));
                    self.history.to = self.history.to.and(keep(to));
                }
                return deleted;
            }
            HistoryMsg::From(side) => self.history.from = Some(side),
            HistoryMsg::To(side) => self.history.to = Some(side),
        }
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::register::{RegisterMsg, RiskField};
    use crate::app::state::Msg;
    use riskwright_engine::document::Assessment;

    fn add_risk(s: &mut AppState, title: &str, current: (u8, u8), at: &str) {
        let f = |s: &mut AppState, field, v: &str| {
            s.update(Msg::Register(RegisterMsg::Field(field, v.into())), at);
        };
        s.update(Msg::Register(RegisterMsg::NewRisk), at);
        f(s, RiskField::Title, title);
        f(
            s,
            RiskField::Likelihood(Tier::Current),
            &current.0.to_string(),
        );
        f(
            s,
            RiskField::Impact(Tier::Current, "confidentiality".into()),
            &current.1.to_string(),
        );
        f(s, RiskField::Likelihood(Tier::Residual), "1");
        f(
            s,
            RiskField::Impact(Tier::Residual, "confidentiality".into()),
            "2",
        );
        assert!(s.update(Msg::Register(RegisterMsg::Save), at));
    }

    fn rescore(s: &mut AppState, id: &str, likelihood: &str, at: &str) {
        s.update(Msg::Register(RegisterMsg::EditRisk(id.into())), at);
        s.update(
            Msg::Register(RegisterMsg::Field(
                RiskField::Likelihood(Tier::Current),
                likelihood.into(),
            )),
            at,
        );
        assert!(s.update(Msg::Register(RegisterMsg::Save), at));
    }

    fn hist(s: &mut AppState, msg: HistoryMsg, at: &str) -> bool {
        s.update(Msg::History(msg), at)
    }

    #[test]
    fn a_snapshot_compared_with_now_shows_the_rescored_risk() {
        let mut s = AppState::new(Assessment::new("Test"));
        add_risk(&mut s, "Ransomware", (4, 4), "2026-11-01T09:00:00.000Z");
        add_risk(&mut s, "Laptop theft", (2, 2), "2026-11-01T09:05:00.000Z");
        assert!(
            !hist(&mut s, HistoryMsg::TakeSnapshot, "2026-11-02T09:00:00.000Z"),
            "a snapshot needs a name"
        );
        hist(
            &mut s,
            HistoryMsg::SnapshotName("Surveillance audit 2027".into()),
            "2026-11-02T09:00:00.000Z",
        );
        assert!(hist(
            &mut s,
            HistoryMsg::TakeSnapshot,
            "2026-11-02T09:00:00.000Z"
        ));
        assert_eq!(s.assessment.snapshots[0].name, "Surveillance audit 2027");
        assert_eq!(s.history.snapshot_name, "");
        rescore(&mut s, "R-1", "1", "2026-11-03T09:00:00.000Z");
        assert_eq!(s.comparison_sides(), (Side::Snapshot(0), Side::Now));
        let diff = s.comparison();
        assert_eq!(diff.rescored.len(), 1);
        let d = &diff.rescored[0];
        assert_eq!((d.id.as_str(), d.tier), ("R-1", Tier::Current));
        let (fm, _) = s.side(Side::Snapshot(0));
        assert_eq!(
            side_text(fm, d.old_cell, d.old_level.as_deref()),
            "Likely × Major (High)"
        );
        assert_eq!(
            side_text(&s.assessment.method, d.new_cell, d.new_level.as_deref()),
            "Rare × Major (Low)"
        );
        assert!(diff.added.is_empty() && diff.removed.is_empty());

        // Deleting the snapshot is undoable.
        assert!(hist(
            &mut s,
            HistoryMsg::DeleteSnapshot(0),
            "2026-11-03T10:00:00.000Z"
        ));
        assert!(s.assessment.snapshots.is_empty());
        assert_eq!(s.comparison_sides(), (Side::Now, Side::Now));
        assert!(s.update(Msg::Undo, "2026-11-03T10:01:00.000Z"));
        assert_eq!(s.assessment.snapshots.len(), 1);
    }

    #[test]
    fn a_risks_timeline_is_newest_first_in_words() {
        let mut s = AppState::new(Assessment::new("Test"));
        add_risk(&mut s, "Ransomware", (4, 4), "2026-11-01T09:00:00.000Z");
        add_risk(&mut s, "Other", (2, 2), "2026-11-01T09:05:00.000Z");
        rescore(&mut s, "R-1", "1", "2026-11-03T09:30:00.000Z");
        s.update(
            Msg::Register(RegisterMsg::EditRisk("R-1".into())),
            "2026-11-04T08:00:00.000Z",
        );
        s.update(
            Msg::Register(RegisterMsg::Field(
                RiskField::Treatment,
                "in_progress".into(),
            )),
            "2026-11-04T08:00:00.000Z",
        );
        assert!(s.update(Msg::Register(RegisterMsg::Save), "2026-11-04T08:00:00.000Z"));
        s.update(
            Msg::Register(RegisterMsg::Review("R-1".into())),
            "2026-11-28T08:00:00.000Z",
        );
        assert_eq!(s.timeline_risk(), Some("R-1"));
        let lines: Vec<String> = s
            .timeline("R-1")
            .into_iter()
            .map(|e| format!("{} | {}", e.at, e.change))
            .collect();
        assert_eq!(lines[0], "2026-11-28 08:00 UTC | Reviewed on 2026-11-28");
        assert!(lines[1].starts_with("2026-11-04 08:00 UTC | Treatment: "));
        assert!(lines[1].ends_with(" → In progress"), "{}", lines[1]);
        assert_eq!(
            lines[2],
            "2026-11-03 09:30 UTC | Current: Likely × Major (High) → Rare × Major (Low)"
        );
        assert_eq!(lines.last().unwrap(), "2026-11-01 09:00 UTC | Created");
        assert!(lines
            .iter()
            .any(|l| l.ends_with("Residual: not scored → Rare × Minor (Low)")));
        // Another risk's entries are not in it.
        assert_eq!(s.timeline("R-2").len(), 3);

        s.update(
            Msg::Register(RegisterMsg::Delete("R-1".into())),
            "2026-11-29T08:00:00.000Z",
        );
        hist(
            &mut s,
            HistoryMsg::SelectRisk("R-1".into()),
            "2026-11-29T08:00:00.000Z",
        );
        assert_eq!(
            s.timeline_risk(),
            Some("R-1"),
            "a deleted risk keeps its timeline"
        );
        assert_eq!(s.timeline("R-1")[0].change, "Deleted");
    }

    #[test]
    fn unknown_levels_are_shown_by_id() {
        let method = riskwright_engine::method::preset("5x5").unwrap();
        assert_eq!(level_label(&method, "gone"), "gone");
        assert_eq!(level_label(&method, "high"), "High");
        assert_eq!(when("2026-11-28T10:00:00.000Z"), "2026-11-28 10:00 UTC");
    }
}
