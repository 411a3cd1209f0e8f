//! Controls the user defines: parsing and validation with paths.

use super::control::{Control, ANNEX_A_SOURCE};
use crate::Diagnostic;
use std::collections::BTreeMap;
use std::fmt::Display;

/// Longest accepted control id, in characters.
pub const MAX_ID_CHARS: usize = 64;
/// Longest accepted control title, in characters.
pub const MAX_TITLE_CHARS: usize = 300;

fn check_text(value: &str, path: &str, max: usize, problems: &mut Vec<Diagnostic>) {
    if value.trim().is_empty() {
        problems.push(Diagnostic::new(path, "must not be empty"));
        return;
    }
    if value.trim() != value {
        problems.push(Diagnostic::new(path, "must not start or end with spaces"));
    }
    if value.chars().any(char::is_control) {
        problems.push(Diagnostic::new(
            path,
            "must not contain line breaks or control characters",
        ));
    }
    let chars = value.chars().count();
    if chars > max {
        problems.push(Diagnostic::new(
            path,
            format!("is {chars} characters long; the limit is {max}"),
        ));
    }
}

fn check_list<T: PartialEq + Display>(
    values: &[T],
    path: &str,
    required: Option<&str>,
    problems: &mut Vec<Diagnostic>,
) {
    if values.is_empty() {
        if let Some(what) = required {
            problems.push(Diagnostic::new(path, format!("needs at least one {what}")));
        }
        return;
    }
    for (i, value) in values.iter().enumerate() {
        if values[..i].contains(value) {
            problems.push(Diagnostic::new(
                format!("{path}[{i}]"),
                format!("repeats `{value}`"),
            ));
        }
    }
}

/// Checks a user-defined control; `path` is where it sits in the checked
/// value (`"$"` for a control on its own, `"$.controls[3]"` in a list).
///
/// Returns every problem found, none if the control is valid: empty or
/// over-long id and title, an id that clashes with an Annex A id (`5.1` or
/// `A.5.1`), an empty or reserved source, a claim to be new in 2022, no
/// control type, no security property, repeated attribute values, empty
/// evidence or tags.
pub fn validate_custom_control(control_def: &Control, path: &str) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    let id_path = format!("{path}.id");
    check_text(&control_def.id, &id_path, MAX_ID_CHARS, &mut problems);
    if let Some(title) = super::annex_a_title(&control_def.id) {
        problems.push(Diagnostic::new(
            &id_path,
            format!(
                "clashes with Annex A control {} ({title}); give the custom control its own id, e.g. with a framework prefix",
                super::normalise_control_id(&control_def.id)
            ),
        ));
    }
    check_text(
        &control_def.title,
        &format!("{path}.title"),
        MAX_TITLE_CHARS,
        &mut problems,
    );
    let source_path = format!("{path}.source");
    check_text(
        &control_def.source,
        &source_path,
        MAX_TITLE_CHARS,
        &mut problems,
    );
    if control_def.source.trim() == ANNEX_A_SOURCE {
        problems.push(Diagnostic::new(
            &source_path,
            format!("`{ANNEX_A_SOURCE}` is reserved for the built-in Annex A controls"),
        ));
    }
    if control_def.new_in_2022 {
        problems.push(Diagnostic::new(
            format!("{path}.new_in_2022"),
            "only Annex A controls can be new in 2022",
        ));
    }
    check_list(
        &control_def.control_types,
        &format!("{path}.control_types"),
        Some("control type (preventive, detective or corrective)"),
        &mut problems,
    );
    check_list(
        &control_def.security_properties,
        &format!("{path}.security_properties"),
        Some("security property (confidentiality, integrity or availability)"),
        &mut problems,
    );
    check_list(
        &control_def.cybersecurity_concepts,
        &format!("{path}.cybersecurity_concepts"),
        None,
        &mut problems,
    );
    check_list(
        &control_def.operational_capabilities,
        &format!("{path}.operational_capabilities"),
        None,
        &mut problems,
    );
    check_list(
        &control_def.security_domains,
        &format!("{path}.security_domains"),
        None,
        &mut problems,
    );
    for (list, name) in [
        (&control_def.evidence, "evidence"),
        (&control_def.tags, "tags"),
    ] {
        for (i, item) in list.iter().enumerate() {
            if item.trim().is_empty() {
                problems.push(Diagnostic::new(
                    format!("{path}.{name}[{i}]"),
                    "must not be empty",
                ));
            }
        }
    }
    problems
}

/// Checks a list of user-defined controls at `path` (e.g. `"$.controls"`):
/// each one as [`validate_custom_control`] does, and that no two share an id.
pub fn validate_custom_controls(controls: &[Control], path: &str) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, c) in controls.iter().enumerate() {
        let at = format!("{path}[{i}]");
        problems.extend(validate_custom_control(c, &at));
        let id = c.id.trim();
        if id.is_empty() {
            continue;
        }
        match seen.get(id) {
            Some(first) => problems.push(Diagnostic::new(
                format!("{at}.id"),
                format!("`{id}` is already used by {path}[{first}]"),
            )),
            None => {
                seen.insert(id, i);
            }
        }
    }
    problems
}

/// Reads a user-defined control from JSON and validates it, with paths
/// from `$`. Malformed JSON, a missing field or an unknown attribute value
/// gives a diagnostic at the offending place; never panics.
pub fn parse_custom_control(json: &str) -> Result<Control, Vec<Diagnostic>> {
    let value: serde_json::Value = serde_json::from_str(json)
        .map_err(|e| vec![Diagnostic::new("$", format!("not valid JSON: {e}"))])?;
    let parsed: Control = crate::document::deserialize_value(&value, "$").map_err(|d| vec![d])?;
    let problems = validate_custom_control(&parsed, "$");
    if problems.is_empty() {
        Ok(parsed)
    } else {
        Err(problems)
    }
}
