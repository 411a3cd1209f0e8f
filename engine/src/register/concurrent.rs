//! A risk edited in two places at once: the form opened on one version, and
//! the register moved on (another tab saved, or another screen changed it)
//! before the form was saved.
//!
//! Saving the form as it is would silently revert the other change, so the
//! save is stopped and the changes made meanwhile are listed field by field
//! ([`concurrent_changes`]). The user keeps their version, takes the other,
//! or merges: a field only one side changed takes that side's value, and a
//! field both changed takes the side the user picks ([`merge_risk`]).
//!
//! Fields are compared as the saved JSON members of the risk, so a field
//! added to `Risk` is covered without a change here.

use crate::diagnostic::Diagnostic;
use crate::document::{read_value, Risk};
use crate::method::Method;
use serde_json::{Map, Value};

/// One field that changed since the form was opened.
#[derive(Debug, Clone, PartialEq)]
pub struct ConcurrentChange {
    /// The saved member's name (`owner`, `current`, ...).
    pub member: String,
    /// The field as the user knows it ("risk owner", "current risk").
    pub label: String,
    /// Its value when the form was opened, as text.
    pub opened: String,
    /// Its value now in the register, as text.
    pub theirs: String,
    /// Its value in the form, as text.
    pub mine: String,
    /// Whether the form changed it too (to something else): only then is
    /// there a choice to make.
    pub both_changed: bool,
}

fn members(risk: &Risk) -> Map<String, Value> {
    // Through text: the document's writer and reader are in every build
    // already, a serializer into `Value` would be one more.
    let text = serde_json::to_string(risk).unwrap_or_default();
    match serde_json::from_str(&text) {
        Ok(Value::Object(map)) => map,
        // A risk always serialises to an object; an empty map compares as
        // "nothing known", never as a change.
        _ => Map::new(),
    }
}

/// The order the risk form shows its fields in; other members follow.
const FORM_ORDER: [&str; 14] = [
    "id",
    "title",
    "owner",
    "treatment",
    "reviewed_on",
    "scenario",
    "consequence",
    "existing_controls",
    "threat_id",
    "vulnerability_id",
    "tags",
    "asset_ids",
    "inherent",
    "current",
];

/// The member names of all three versions, in the form's order.
fn all_members(maps: [&Map<String, Value>; 3]) -> Vec<&str> {
    let mut names: Vec<&str> = Vec::new();
    for map in maps {
        for key in map.keys() {
            if !names.contains(&key.as_str()) {
                names.push(key);
            }
        }
    }
    let rank = |name: &str| {
        FORM_ORDER
            .iter()
            .position(|n| *n == name)
            .unwrap_or(FORM_ORDER.len())
    };
    crate::sort::sort_by(&mut names, |a, b| rank(a).cmp(&rank(b)));
    names
}

/// What changed in the register (`theirs`) since the form was opened on
/// `opened`, with what the form (`mine`) holds for each. Empty when nothing
/// changed meanwhile, so the form can be saved as it is.
pub fn concurrent_changes(
    opened: &Risk,
    mine: &Risk,
    theirs: &Risk,
    method: &Method,
) -> Vec<ConcurrentChange> {
    let (o, m, t) = (members(opened), members(mine), members(theirs));
    let null = Value::Null;
    all_members([&o, &m, &t])
        .into_iter()
        .filter_map(|member| {
            let get = |map: &Map<String, Value>| map.get(member).unwrap_or(&null).clone();
            let (ov, mv, tv) = (get(&o), get(&m), get(&t));
            if tv == ov {
                return None;
            }
            Some(ConcurrentChange {
                member: member.to_string(),
                label: crate::diagnostic::risk_member_label(member, method),
                opened: as_text(&ov, method),
                theirs: as_text(&tv, method),
                mine: as_text(&mv, method),
                both_changed: mv != ov && mv != tv,
            })
        })
        .collect()
}

/// The risk saved by a merge: the form's version, with every field changed
/// only in the register taken from the register, and each field changed on
/// both sides taken from the register when `take_theirs(member)` says so.
pub fn merge_risk(
    opened: &Risk,
    mine: &Risk,
    theirs: &Risk,
    take_theirs: &dyn Fn(&str) -> bool,
) -> Result<Risk, Vec<Diagnostic>> {
    let (o, t) = (members(opened), members(theirs));
    let mut merged = members(mine);
    let null = Value::Null;
    for member in all_members([&o, &merged.clone(), &t]) {
        let ov = o.get(member).unwrap_or(&null);
        let tv = t.get(member).unwrap_or(&null);
        if tv == ov {
            continue;
        }
        let mv = merged.get(member).unwrap_or(&null);
        if mv == ov || take_theirs(member) {
            if tv.is_null() {
                merged.remove(member);
            } else {
                merged.insert(member.to_string(), tv.clone());
            }
        }
    }
    read_value(&Value::Object(merged), "$")
}

/// A member's value as a line of text for the comparison table.
fn as_text(value: &Value, method: &Method) -> String {
    match value {
        Value::Null => "—".into(),
        Value::String(s) if s.trim().is_empty() => "—".into(),
        Value::String(s) => s.clone(),
        Value::Bool(b) => if *b { "yes" } else { "no" }.into(),
        // A risk holds whole numbers only; printing a float would link the
        // float formatter into the app's first load.
        Value::Number(n) => n
            .as_i64()
            .map_or_else(|| "a number".to_string(), |i| i.to_string()),
        Value::Array(items) if items.is_empty() => "—".into(),
        Value::Array(items) => items
            .iter()
            .map(|v| as_text(v, method))
            .collect::<Vec<_>>()
            .join(", "),
        Value::Object(map) => {
            // A scored tier reads as its likelihood and impacts.
            if let (Some(l), Some(Value::Object(impacts))) =
                (map.get("likelihood"), map.get("impacts"))
            {
                let impacts: Vec<String> = impacts
                    .iter()
                    .map(|(dim, v)| {
                        let label = method
                            .dimensions
                            .iter()
                            .find(|d| &d.id == dim)
                            .map_or(dim.as_str(), |d| d.label.as_str());
                        format!("{label} {}", as_text(v, method))
                    })
                    .collect();
                return format!(
                    "likelihood {}, impact {}",
                    as_text(l, method),
                    impacts.join(", ")
                );
            }
            map.iter()
                .filter(|(_, v)| !v.is_null())
                .map(|(k, v)| format!("{}: {}", k.replace('_', " "), as_text(v, method)))
                .collect::<Vec<_>>()
                .join("; ")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::ScoredTier;

    fn method() -> Method {
        crate::method::preset("5x5").expect("a preset")
    }

    fn risk() -> Risk {
        Risk {
            id: "R-1".into(),
            title: "Ransomware".into(),
            owner: "CTO".into(),
            scenario: "Encrypts the file servers".into(),
            current: Some(ScoredTier {
                likelihood: 4,
                impacts: [("availability".to_string(), 5)].into(),
            }),
            ..Risk::default()
        }
    }

    #[test]
    fn nothing_changed_meanwhile_means_no_conflict() {
        let opened = risk();
        let mut mine = risk();
        mine.title = "Ransomware on file servers".into();
        assert!(concurrent_changes(&opened, &mine, &opened, &method()).is_empty());
    }

    #[test]
    fn the_other_tabs_changes_are_listed_field_by_field() {
        let opened = risk();
        let mut theirs = risk();
        theirs.title = "Ransomware attack".into();
        theirs.owner = "CISO".into();
        let mut mine = risk();
        mine.title = "Ransomware on file servers".into();
        mine.scenario = "Encrypts servers and backups".into();
        let changes = concurrent_changes(&opened, &mine, &theirs, &method());
        let listed: Vec<(&str, &str, &str, &str, bool)> = changes
            .iter()
            .map(|c| {
                (
                    c.label.as_str(),
                    c.opened.as_str(),
                    c.theirs.as_str(),
                    c.mine.as_str(),
                    c.both_changed,
                )
            })
            .collect();
        assert_eq!(
            listed,
            [
                (
                    "title",
                    "Ransomware",
                    "Ransomware attack",
                    "Ransomware on file servers",
                    true
                ),
                ("risk owner", "CTO", "CISO", "CTO", false),
            ]
        );
    }

    #[test]
    fn a_merge_keeps_both_sides_and_the_choice_on_a_field_both_changed() {
        let opened = risk();
        let mut theirs = risk();
        theirs.title = "Ransomware attack".into();
        theirs.owner = "CISO".into();
        theirs.current = None;
        let mut mine = risk();
        mine.title = "Ransomware on file servers".into();
        mine.scenario = "Encrypts servers and backups".into();

        let merged = merge_risk(&opened, &mine, &theirs, &|_| false).unwrap();
        assert_eq!(
            merged.title, "Ransomware on file servers",
            "mine, by choice"
        );
        assert_eq!(merged.owner, "CISO", "only theirs changed it");
        assert_eq!(merged.scenario, "Encrypts servers and backups", "only mine");
        assert_eq!(merged.current, None, "their removal of a score is kept");

        let merged = merge_risk(&opened, &mine, &theirs, &|m| m == "title").unwrap();
        assert_eq!(merged.title, "Ransomware attack");
        assert_eq!(merged.scenario, "Encrypts servers and backups");
    }

    #[test]
    fn a_tier_reads_as_its_likelihood_and_impacts() {
        let opened = risk();
        let mut theirs = risk();
        theirs.current = Some(ScoredTier {
            likelihood: 2,
            impacts: [("availability".to_string(), 5)].into(),
        });
        let changes = concurrent_changes(&opened, &opened, &theirs, &method());
        assert_eq!(changes.len(), 1);
        assert_eq!(changes[0].label, "current risk");
        assert_eq!(changes[0].opened, "likelihood 4, impact Availability 5");
        assert_eq!(changes[0].theirs, "likelihood 2, impact Availability 5");
    }
}
