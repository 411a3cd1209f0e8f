//! Brings any older saved document up to the current schema.

use crate::Diagnostic;
use serde_json::{Map, Value};

/// The schema version this engine writes.
pub const SCHEMA_VERSION: u64 = 4;

/// One step from version `n` to `n + 1`, at index `n - 1`. Each step edits the
/// raw JSON so old files never need old Rust types. A change to the saved
/// shape adds a step here and a fixture under `engine/tests/fixtures/schema/`.
const STEPS: [fn(&mut Map<String, Value>); (SCHEMA_VERSION - 1) as usize] =
    [v1_to_v2, v2_to_v3, v3_to_v4];

/// Version 2 adds the register (asset kinds and valuations, treatment
/// status, tags, review dates), the history and snapshots. A version 1 file
/// had none of them, so each gets its explicit empty value; an asset was
/// information unless stated.
fn v1_to_v2(doc: &mut Map<String, Value>) {
    for list in ["history", "snapshots"] {
        doc.entry(list).or_insert_with(|| Value::Array(Vec::new()));
    }
    if let Some(Value::Array(assets)) = doc.get_mut("assets") {
        for asset in assets.iter_mut().filter_map(Value::as_object_mut) {
            asset.entry("kind").or_insert_with(|| "information".into());
        }
    }
    if let Some(Value::Array(risks)) = doc.get_mut("risks") {
        for risk in risks.iter_mut().filter_map(Value::as_object_mut) {
            risk.entry("treatment")
                .or_insert_with(|| "untreated".into());
        }
    }
}

/// Version 3 adds risk treatment: custom controls, the Statement of
/// Applicability and the risk treatment plan, each an explicit empty list in
/// an older file. A risk's decision, applied controls, overrides and
/// acceptance are optional and absent until recorded.
fn v2_to_v3(doc: &mut Map<String, Value>) {
    for list in ["custom_controls", "soa", "plan"] {
        doc.entry(list).or_insert_with(|| Value::Array(Vec::new()));
    }
}

/// Version 4 adds the records of workshops, an explicit empty list in an
/// older file.
fn v3_to_v4(doc: &mut Map<String, Value>) {
    doc.entry("workshops")
        .or_insert_with(|| Value::Array(Vec::new()));
}

/// Migrates a saved document to [`SCHEMA_VERSION`] in place of the old one.
///
/// Fails with a diagnostic at `$.schema_version` when the version is missing,
/// not a whole number, or newer than this engine (a file from a later
/// Riskwright must not be silently downgraded).
pub fn migrate(value: Value) -> Result<Value, Diagnostic> {
    let Value::Object(mut map) = value else {
        return Err(Diagnostic::new(
            "$",
            format!(
                "expected an assessment (a JSON object), found {}",
                crate::document::decode::kind(&value)
            ),
        ));
    };
    let path = "$.schema_version";
    let version = match map.get("schema_version") {
        None => {
            return Err(Diagnostic::new(
                path,
                "missing: this is not a Riskwright assessment, or it was damaged",
            ))
        }
        Some(v) => v.as_u64().ok_or_else(|| {
            Diagnostic::new(path, format!("expected a whole number from 1, found {v}"))
        })?,
    };
    if version == 0 {
        return Err(Diagnostic::new(
            path,
            "0 is not a schema version; versions start at 1",
        ));
    }
    if version > SCHEMA_VERSION {
        return Err(Diagnostic::new(
            path,
            format!(
                "this file uses schema {version}, newer than this Riskwright understands ({SCHEMA_VERSION}); open it with a newer Riskwright"
            ),
        ));
    }
    for step in STEPS.iter().skip((version - 1) as usize) {
        step(&mut map);
    }
    map.insert("schema_version".into(), SCHEMA_VERSION.into());
    Ok(Value::Object(map))
}
