//! The assessment document: what the user keeps and what files carry.
//!
//! The saved JSON is this model plus a `schema_version`. Loading goes through
//! [`migrate`] and then [`decode`], which returns every problem with its JSON
//! path rather than failing on the first.

mod decode;
mod migrate;
mod model;

pub use decode::{decode, load_document, validate_document};
pub use migrate::{migrate, SCHEMA_VERSION};
pub use model::{Assessment, Asset, Risk, ScoredTier, Threat, Tier, Vulnerability};

use crate::Diagnostic;

impl Assessment {
    /// A new, empty assessment on the default 5×5 method.
    pub fn new(name: &str) -> Self {
        Self {
            name: name.to_string(),
            scope: String::new(),
            // The 5x5 preset is a constant that the preset tests prove valid.
            method: crate::method::preset("5x5").unwrap_or_else(|| unreachable!()),
            assets: Vec::new(),
            threats: Vec::new(),
            vulnerabilities: Vec::new(),
            risks: Vec::new(),
        }
    }

    /// The document as saved: this assessment plus `schema_version`.
    pub fn to_json_value(&self) -> serde_json::Value {
        let mut value = serde_json::to_value(self).unwrap_or_default();
        if let Some(map) = value.as_object_mut() {
            map.insert("schema_version".into(), SCHEMA_VERSION.into());
        }
        value
    }

    /// The saved document as text.
    pub fn to_json_string(&self) -> String {
        self.to_json_value().to_string()
    }

    /// Parses saved text: JSON syntax, schema version, then content.
    pub fn from_json_str(text: &str) -> Result<Self, Vec<Diagnostic>> {
        let value: serde_json::Value = serde_json::from_str(text).map_err(|e| {
            vec![Diagnostic::new(
                "$",
                format!(
                    "not valid JSON (line {}, column {}): {e}",
                    e.line(),
                    e.column()
                ),
            )]
        })?;
        load_document(value)
    }
}
