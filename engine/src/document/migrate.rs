//! Brings any older saved document up to the current schema.

use crate::Diagnostic;
use serde_json::{Map, Value};

/// The schema version this engine writes.
pub const SCHEMA_VERSION: u64 = 1;

/// One step from version `n` to `n + 1`, at index `n - 1`. Each step edits the
/// raw JSON so old files never need old Rust types. Version 1 is the first
/// published schema, so the chain is empty; a change to the saved shape adds
/// a step here and a fixture under `engine/tests/fixtures/schema/`.
const STEPS: [fn(&mut Map<String, Value>); (SCHEMA_VERSION - 1) as usize] = [];

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
