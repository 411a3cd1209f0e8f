//! Names the place of a problem the way the user knows it: "R-3, current
//! risk, impact on Confidentiality", not `$.risks[2].current.impacts.c`.
//!
//! A diagnostic's path stays the machine's address (tests, the JS API and
//! the form fields use it to point at a control). This module turns it into
//! words, looking up ids and labels in what the path points into, and falls
//! back to the member's own name where it knows no better word, so no path
//! ever reaches a person raw.

use super::Diagnostic;
use crate::document::Assessment;
use crate::method::Method;
use serde_json::Value;

/// What a path is relative to.
#[derive(Clone, Copy)]
pub enum Within<'a> {
    /// The root of a whole assessment (storage, imports, edits).
    Document(&'a dyn Names),
    /// The root of a method (the method editor's draft).
    Method(&'a Method),
    /// The root of one risk (the risk form), named by its id when it has
    /// one, with the method for dimension labels.
    Risk {
        /// The risk's id; empty for a risk not yet added.
        id: &'a str,
        /// The method in force.
        method: &'a Method,
    },
}

/// Looks up the names that a document path's indexes stand for. Both the
/// assessment and an imported file that failed to load (a raw JSON value)
/// can answer, so an import's problems read as well as an edit's.
pub trait Names {
    /// The id of the `k`-th item of the list `list` (`risks`, `assets`,
    /// `plan`, ...), or its control id for `soa` and `custom_controls`.
    fn item_id(&self, list: &str, k: usize) -> Option<String>;
    /// The method's labels, if the document has a readable method.
    fn method(&self) -> Option<&Method>;
}

impl Names for Assessment {
    fn item_id(&self, list: &str, k: usize) -> Option<String> {
        Some(match list {
            "risks" => self.risks.get(k)?.id.clone(),
            "assets" => self.assets.get(k)?.id.clone(),
            "threats" => self.threats.get(k)?.id.clone(),
            "vulnerabilities" => self.vulnerabilities.get(k)?.id.clone(),
            "plan" => self.plan.get(k)?.id.clone(),
            "soa" => self.soa.get(k)?.control_id.clone(),
            "custom_controls" => self.custom_controls.get(k)?.id.clone(),
            "workshops" => self.workshops.get(k)?.title.clone(),
            _ => return None,
        })
    }

    fn method(&self) -> Option<&Method> {
        Some(&self.method)
    }
}

impl Names for Value {
    fn item_id(&self, list: &str, k: usize) -> Option<String> {
        let item = self.get(list)?.get(k)?;
        let key = match list {
            "soa" => "control_id",
            "workshops" => "title",
            _ => "id",
        };
        item.get(key)?
            .as_str()
            .filter(|id| !id.trim().is_empty())
            .map(str::to_string)
    }

    fn method(&self) -> Option<&Method> {
        None
    }
}

/// Names for a path with nothing to look them up in: indexes are named by
/// their position ("risk 3").
pub struct NoNames;

impl Names for NoNames {
    fn item_id(&self, _: &str, _: usize) -> Option<String> {
        None
    }

    fn method(&self) -> Option<&Method> {
        None
    }
}

/// `problem` as one line in the user's terms: where, then what.
pub fn describe(problem: &Diagnostic, within: Within<'_>) -> String {
    let place = place(&problem.path, within);
    if place.is_empty() {
        problem.message.clone()
    } else {
        format!("{place}: {}", problem.message)
    }
}

/// The place `path` names, in words ("R-3, current risk, impact"). Empty for
/// the root itself. Paths that are not JSON paths (a CSV's "row 4, column
/// Owner") are already in words and come back as they are.
pub fn place(path: &str, within: Within<'_>) -> String {
    let Some(rest) = path.strip_prefix('$') else {
        return path.to_string();
    };
    let segments = segments(rest);
    let mut words = Vec::new();
    match within {
        Within::Document(names) => document_words(&segments, names, &mut words),
        Within::Method(method) => method_words(&segments, Some(method), &mut words),
        Within::Risk { id, method } => {
            words.push(risk_name(Some(id)));
            // The engine names a risk being saved by its place in the
            // register (`$.risks[k]`): that is this risk.
            let own = match segments.as_slice() {
                [Segment::Key("risks"), Segment::Index(_), rest @ ..] => rest,
                all => all,
            };
            risk_words(own, Some(method), &mut words);
        }
    }
    let mut text = words.join(", ");
    // The words start with ASCII letters or an id; an ASCII capital keeps
    // Unicode's case tables out of the app's first load.
    if let Some(first) = text.get_mut(..1) {
        first.make_ascii_uppercase();
    }
    text
}

/// A risk's saved member (`owner`, `current`) as the user knows the field
/// ("risk owner", "current risk").
pub fn risk_member_label(member: &str, method: &Method) -> String {
    let mut words = Vec::new();
    risk_words(&[Segment::Key(member)], Some(method), &mut words);
    words.join(", ")
}

/// One step of a path.
#[derive(Debug, PartialEq)]
enum Segment<'a> {
    Key(&'a str),
    Index(usize),
}

fn segments(path: &str) -> Vec<Segment<'_>> {
    let mut out = Vec::new();
    let mut rest = path;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix('.') {
            let end = after.find(['.', '[']).unwrap_or(after.len());
            out.push(Segment::Key(&after[..end]));
            rest = &after[end..];
        } else if let Some(after) = rest.strip_prefix('[') {
            let end = after.find(']').unwrap_or(after.len());
            let inner = &after[..end];
            out.push(match inner.parse() {
                Ok(k) => Segment::Index(k),
                Err(_) => Segment::Key(inner.trim_matches(['"', '\''])),
            });
            rest = after.get(end + 1..).unwrap_or("");
        } else {
            // A bare name after `$` (never written by the engine).
            let end = rest.find(['.', '[']).unwrap_or(rest.len());
            out.push(Segment::Key(&rest[..end]));
            rest = &rest[end..];
        }
    }
    out
}

/// A member name as words when no better word is known.
fn plain(key: &str) -> String {
    key.replace('_', " ")
}

fn risk_name(id: Option<&str>) -> String {
    match id.map(str::trim).filter(|id| !id.is_empty()) {
        Some(id) => id.to_string(),
        None => "the new risk".to_string(),
    }
}

fn document_words(segments: &[Segment<'_>], names: &dyn Names, words: &mut Vec<String>) {
    let [Segment::Key(first), rest @ ..] = segments else {
        return;
    };
    let index = match rest.first() {
        Some(Segment::Index(k)) => Some(*k),
        _ => None,
    };
    let after_index = if index.is_some() { &rest[1..] } else { rest };
    let id = |list: &str| index.and_then(|k| names.item_id(list, k));
    let nth = |what: &str| match index {
        Some(k) => format!("{what} {}", k + 1),
        None => format!("{what}s"),
    };
    let named = |what: &str, list: &str| match id(list) {
        Some(id) => format!("{what} {id}"),
        None => nth(what),
    };
    match *first {
        "name" => words.push("assessment name".into()),
        "scope" => words.push("scope".into()),
        "schema_version" => words.push("file format version".into()),
        "method" => {
            words.push("method".into());
            method_words(rest, names.method(), words);
        }
        "risks" => {
            let name = match (index, id("risks")) {
                (Some(_), Some(id)) => risk_name(Some(&id)),
                // Past the end of a known register: a risk being added.
                (Some(_), None) if names.item_id("risks", 0).is_some() => risk_name(None),
                (Some(_), None) => nth("risk"),
                (None, _) => "risks".into(),
            };
            words.push(name);
            risk_words(after_index, names.method(), words);
        }
        "assets" => {
            words.push(named("asset", "assets"));
            asset_words(after_index, names.method(), words);
        }
        "threats" => {
            words.push(named("threat", "threats"));
            members(after_index, words);
        }
        "vulnerabilities" => {
            words.push(named("vulnerability", "vulnerabilities"));
            members(after_index, words);
        }
        "plan" => {
            words.push(format!("treatment plan, {}", named("action", "plan")));
            plan_words(after_index, words);
        }
        "soa" => {
            let control = id("soa").map_or_else(|| nth("entry"), |c| format!("control {c}"));
            words.push(format!("Statement of Applicability, {control}"));
            soa_words(after_index, words);
        }
        "custom_controls" => {
            words.push(named("custom control", "custom_controls"));
            members(after_index, words);
        }
        "workshops" => {
            words.push(match id("workshops") {
                Some(title) => format!("workshop “{title}”"),
                None => nth("workshop"),
            });
            members(after_index, words);
        }
        "history" => {
            words.push(nth("history entry"));
            members(after_index, words);
        }
        "snapshots" => {
            words.push(nth("snapshot"));
            members(after_index, words);
        }
        other => {
            words.push(plain(other));
            members(rest, words);
        }
    }
}

/// Generic words for the rest of a path: member names, and positions as
/// "item n".
fn members(segments: &[Segment<'_>], words: &mut Vec<String>) {
    for segment in segments {
        words.push(match segment {
            Segment::Key(key) => plain(key),
            Segment::Index(k) => format!("item {}", k + 1),
        });
    }
}

fn tier_words(tier: &str) -> Option<&'static str> {
    Some(match tier {
        "inherent" => "inherent risk",
        "current" => "current risk",
        "residual" => "residual risk",
        _ => return None,
    })
}

fn dimension_label(method: Option<&Method>, id: &str) -> String {
    method
        .and_then(|m| m.dimensions.iter().find(|d| d.id == id))
        .map_or_else(|| plain(id), |d| d.label.clone())
}

fn risk_words(segments: &[Segment<'_>], method: Option<&Method>, words: &mut Vec<String>) {
    let [Segment::Key(first), rest @ ..] = segments else {
        members(segments, words);
        return;
    };
    if let Some(tier) = tier_words(first) {
        words.push(tier.into());
        match rest {
            [Segment::Key("likelihood"), ..] => words.push("likelihood".into()),
            [Segment::Key("impacts"), Segment::Key(dim), ..] => {
                words.push(format!("impact on {}", dimension_label(method, dim)))
            }
            [Segment::Key("impacts"), ..] => words.push("impact".into()),
            other => members(other, words),
        }
        return;
    }
    let word = match *first {
        "id" => "id",
        "title" => "title",
        "scenario" => "scenario",
        "consequence" => "consequence",
        "owner" => "risk owner",
        "existing_controls" => "existing controls",
        "asset_ids" => "assets",
        "threat_id" => "threat",
        "vulnerability_id" => "vulnerability",
        "treatment" => "treatment status",
        "reviewed_on" => "last review",
        "tags" => "tags",
        "decision" => {
            words.push(match rest.first() {
                Some(Segment::Key("option")) => "treatment option".into(),
                Some(Segment::Key("justification")) => "justification of the treatment".into(),
                _ => "treatment decision".into(),
            });
            return;
        }
        "controls" => {
            words.push(match rest.first() {
                Some(Segment::Index(k)) => format!("applied control {}", k + 1),
                _ => "applied controls".into(),
            });
            let after = rest.get(1..).unwrap_or(&[]);
            match after.first() {
                Some(Segment::Key("control_id")) => words.push("control".into()),
                Some(Segment::Key("acts_through")) => words.push("acts through".into()),
                _ => members(after, words),
            }
            return;
        }
        "overrides" => {
            match rest.first().and_then(|s| match s {
                Segment::Key(t) => tier_words(t),
                Segment::Index(_) => None,
            }) {
                Some(tier) => words.push(format!("{tier} set by hand, justification")),
                None => words.push("tiers set by hand".into()),
            }
            return;
        }
        "acceptance" => {
            words.push(match rest.first() {
                Some(Segment::Key("by")) => "acceptance, accepted by".into(),
                Some(Segment::Key("on")) => "acceptance, date".into(),
                Some(Segment::Key("level")) => "acceptance, level accepted".into(),
                Some(Segment::Key("note")) => "acceptance, note".into(),
                _ => "acceptance".into(),
            });
            return;
        }
        other => {
            words.push(plain(other));
            members(rest, words);
            return;
        }
    };
    words.push(word.into());
}

fn asset_words(segments: &[Segment<'_>], method: Option<&Method>, words: &mut Vec<String>) {
    match segments {
        [Segment::Key("valuation"), Segment::Key(dim), ..] => {
            words.push(format!("valuation of {}", dimension_label(method, dim)))
        }
        [Segment::Key("kind"), ..] => words.push("type".into()),
        other => members(other, words),
    }
}

fn plan_words(segments: &[Segment<'_>], words: &mut Vec<String>) {
    match segments.first() {
        Some(Segment::Key("control_id")) => words.push("control".into()),
        Some(Segment::Key("due")) => words.push("due date".into()),
        Some(Segment::Key("risk_ids")) => words.push("risks treated".into()),
        _ => members(segments, words),
    }
}

fn soa_words(segments: &[Segment<'_>], words: &mut Vec<String>) {
    match segments.first() {
        Some(Segment::Key("control_id")) => words.push("control".into()),
        Some(Segment::Key("applicable")) => words.push("applicability".into()),
        Some(Segment::Key("reasons" | "reason_note")) => words.push("reasons for inclusion".into()),
        Some(Segment::Key("exclusion_justification")) => {
            words.push("justification of the exclusion".into())
        }
        Some(Segment::Key("status")) => words.push("implementation status".into()),
        Some(Segment::Key("reviewed_on")) => words.push("last review".into()),
        _ => members(segments, words),
    }
}

fn method_words(segments: &[Segment<'_>], method: Option<&Method>, words: &mut Vec<String>) {
    let [Segment::Key(first), rest @ ..] = segments else {
        members(segments, words);
        return;
    };
    match *first {
        "likelihood" | "impact" => {
            words.push(format!("{first} scale"));
            let scale = method.map(|m| match *first {
                "likelihood" => &m.likelihood,
                _ => &m.impact,
            });
            match rest {
                [Segment::Key("levels"), Segment::Index(k), tail @ ..] => {
                    words.push(format!("level {}", k + 1));
                    if let Some(label) = scale
                        .and_then(|s| s.levels.get(*k))
                        .map(|l| l.label.trim())
                        .filter(|l| !l.is_empty())
                    {
                        if let Some(last) = words.last_mut() {
                            last.push_str(&format!(" ({label})"));
                        }
                    }
                    members(tail, words);
                }
                other => members(other, words),
            }
        }
        "dimensions" => match rest {
            [Segment::Index(k), tail @ ..] => {
                let label = method
                    .and_then(|m| m.dimensions.get(*k))
                    .map(|d| d.label.trim().to_string())
                    .filter(|l| !l.is_empty());
                words.push(match label {
                    Some(label) => format!("impact dimension {label}"),
                    None => format!("impact dimension {}", k + 1),
                });
                members(tail, words);
            }
            other => {
                words.push("impact dimensions".into());
                members(other, words);
            }
        },
        "levels" => match rest {
            [Segment::Index(k), tail @ ..] => {
                let label = method
                    .and_then(|m| m.levels.get(*k))
                    .map(|l| l.label.trim().to_string())
                    .filter(|l| !l.is_empty());
                words.push(match label {
                    Some(label) => format!("risk level {label}"),
                    None => format!("risk level {}", k + 1),
                });
                match tail.first() {
                    Some(Segment::Key("color")) => words.push("colour".into()),
                    Some(Segment::Key("review_interval_days")) => {
                        words.push("review interval".into())
                    }
                    _ => members(tail, words),
                }
            }
            other => {
                words.push("risk levels".into());
                members(other, words);
            }
        },
        "rule" => {
            words.push("rule".into());
            match rest {
                [Segment::Key("cells"), Segment::Index(l), Segment::Index(i), ..] => {
                    words.push(format!("cell likelihood {}, impact {}", l + 1, i + 1))
                }
                [Segment::Key("thresholds"), Segment::Index(k), ..] => {
                    words.push(format!("threshold {}", k + 1))
                }
                other => members(other, words),
            }
        }
        "appetite" => words.push("appetite".into()),
        "aggregation" => words.push("how impacts combine".into()),
        other => {
            words.push(plain(other));
            members(rest, words);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn five_by_five() -> Method {
        crate::method::preset("5x5").expect("a preset")
    }

    fn assessment() -> Assessment {
        let mut a = Assessment::new("Test");
        a.method = five_by_five();
        for id in ["R-1", "R-2", "R-3"] {
            a.risks.push(crate::document::Risk {
                id: id.into(),
                ..Default::default()
            });
        }
        a
    }

    #[track_caller]
    fn check(path: &str, within: Within<'_>, expect: &str) {
        assert_eq!(place(path, within), expect, "{path}");
    }

    #[test]
    fn document_paths_read_as_the_user_knows_them() {
        let a = assessment();
        let doc = Within::Document(&a);
        check(
            "$.risks[2].current.impacts",
            doc,
            "R-3, current risk, impact",
        );
        check(
            "$.risks[2].current.impacts.confidentiality",
            doc,
            "R-3, current risk, impact on Confidentiality",
        );
        check(
            "$.risks[0].residual.likelihood",
            doc,
            "R-1, residual risk, likelihood",
        );
        check("$.risks[1].owner", doc, "R-2, risk owner");
        check("$.risks[9].title", doc, "The new risk, title");
        check(
            "$.risks[0].decision.justification",
            doc,
            "R-1, justification of the treatment",
        );
        check(
            "$.risks[0].overrides.current",
            doc,
            "R-1, current risk set by hand, justification",
        );
        check(
            "$.method.likelihood.levels[1].label",
            doc,
            "Method, likelihood scale, level 2 (Unlikely), label",
        );
        check(
            "$.method.levels[0].color",
            doc,
            "Method, risk level Low, colour",
        );
        check("$.name", doc, "Assessment name");
        check("$.plan[3].due", doc, "Treatment plan, action 4, due date");
        check("$", doc, "");
        // Already words: a CSV's row and column.
        check("row 4, column Owner", doc, "row 4, column Owner");
    }

    #[test]
    fn an_unreadable_file_is_named_from_its_own_json() {
        let value: Value = serde_json::json!({
            "risks": [{"id": "R-7"}, {"id": "R-8", "current": {}}],
            "soa": [{"control_id": "8.13"}]
        });
        let doc = Within::Document(&value);
        check(
            "$.risks[1].current.impacts",
            doc,
            "R-8, current risk, impact",
        );
        check(
            "$.risks[4].title",
            Within::Document(&Value::Null),
            "Risk 5, title",
        );
        check(
            "$.soa[0].exclusion_justification",
            doc,
            "Statement of Applicability, control 8.13, justification of the exclusion",
        );
    }

    #[test]
    fn a_form_and_the_method_editor_name_their_own_fields() {
        let method = five_by_five();
        check(
            "$.current.impacts",
            Within::Risk {
                id: "R-4",
                method: &method,
            },
            "R-4, current risk, impact",
        );
        check(
            "$.risks[6].residual.impacts.integrity",
            Within::Risk {
                id: "R-4",
                method: &method,
            },
            "R-4, residual risk, impact on Integrity",
        );
        check(
            "$.title",
            Within::Risk {
                id: "",
                method: &method,
            },
            "The new risk, title",
        );
        check(
            "$.dimensions[0].label",
            Within::Method(&method),
            "Impact dimension Confidentiality, label",
        );
        check(
            "$.rule.cells[2][3]",
            Within::Method(&method),
            "Rule, cell likelihood 3, impact 4",
        );
    }

    #[test]
    fn describe_puts_the_place_before_the_message() {
        let a = assessment();
        let d = Diagnostic::new("$.risks[0].current.likelihood", "choose a likelihood");
        assert_eq!(
            describe(&d, Within::Document(&a)),
            "R-1, current risk, likelihood: choose a likelihood"
        );
    }
}
