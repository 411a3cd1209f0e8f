//! The assessment document: what the user keeps and what files carry.
//!
//! The saved JSON is this model plus a `schema_version`. Loading goes through
//! [`migrate`] and then [`decode`], which returns every problem with its JSON
//! path rather than failing on the first.

mod decode;
pub(crate) mod located;
mod migrate;
mod model;
pub(crate) mod read;
mod read_types;
mod treatment;

pub(crate) use decode::kind;
pub use decode::{decode, deserialize_value, load_document, validate_document};
pub use located::Path as JsonPath;
pub use migrate::{migrate, SCHEMA_VERSION};
pub use model::{
    Assessment, Asset, Change, HistoryEntry, Risk, ScoredTier, Snapshot, Threat, Tier,
    TreatmentStatus, Vulnerability,
};
pub use read::{read_value, FromJson};
pub use treatment::{
    Acceptance, ActionStatus, InclusionReason, PlanAction, SoaEntry, TreatmentDecision,
};

use crate::Diagnostic;
use serde::Serialize;

/// The saved shape: the assessment's fields plus `schema_version`.
#[derive(Serialize)]
struct Saved<'a> {
    schema_version: u64,
    #[serde(flatten)]
    assessment: &'a Assessment,
}

impl<'a> From<&'a Assessment> for Saved<'a> {
    fn from(assessment: &'a Assessment) -> Self {
        Saved {
            schema_version: SCHEMA_VERSION,
            assessment,
        }
    }
}

/// The saved shape without the snapshots, which storage keeps apart.
#[derive(Serialize)]
struct SavedCore<'a> {
    schema_version: u64,
    name: &'a str,
    scope: &'a str,
    method: &'a crate::method::Method,
    assets: &'a [Asset],
    threats: &'a [Threat],
    vulnerabilities: &'a [Vulnerability],
    risks: &'a [Risk],
    custom_controls: &'a [crate::catalogue::Control],
    soa: &'a [SoaEntry],
    plan: &'a [PlanAction],
    workshops: &'a [crate::workshop::WorkshopRecord],
    #[serde(skip_serializing_if = "Option::is_none")]
    history: Option<&'a [HistoryEntry]>,
}

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
            custom_controls: Vec::new(),
            soa: Vec::new(),
            plan: Vec::new(),
            workshops: Vec::new(),
            history: Vec::new(),
            snapshots: Vec::new(),
        }
    }

    /// Replaces the method, refusing a method under which the existing risks
    /// would no longer fit (a score off the new scales or on a removed
    /// dimension): nothing is clamped silently.
    pub fn set_method(&mut self, method: crate::method::Method) -> Result<(), Vec<Diagnostic>> {
        let previous = std::mem::replace(&mut self.method, method);
        let problems: Vec<Diagnostic> = self
            .check()
            .into_iter()
            .filter(|p| p.path.starts_with("$.method") || p.path.starts_with("$.risks"))
            .collect();
        if problems.is_empty() {
            Ok(())
        } else {
            self.method = previous;
            Err(problems)
        }
    }

    /// The document as saved: this assessment plus `schema_version`.
    pub fn to_json_value(&self) -> serde_json::Value {
        serde_json::to_value(Saved::from(self)).unwrap_or_default()
    }

    /// The saved document as text, written in one pass.
    pub fn to_json_string(&self) -> String {
        // Serialising these plain types cannot fail: no map has non-string
        // keys and no value is a non-finite float.
        serde_json::to_string(&Saved::from(self)).unwrap_or_default()
    }

    /// The saved document without its snapshots: what an autosave writes.
    /// Snapshots are large and rarely change, so storage keeps them apart
    /// (see [`Assessment::snapshots_json`]); a file export stays whole.
    pub fn to_json_core(&self) -> String {
        serde_json::to_string(&self.saved_core(Some(&self.history))).unwrap_or_default()
    }

    /// The saved document without its history and snapshots: the part of an
    /// autosave that changes with every edit. Storage keeps the append-only
    /// history in chunks (see [`Assessment::history_json`]).
    pub fn to_json_register(&self) -> String {
        serde_json::to_string(&self.saved_core(None)).unwrap_or_default()
    }

    fn saved_core<'a>(&'a self, history: Option<&'a [HistoryEntry]>) -> SavedCore<'a> {
        SavedCore {
            schema_version: SCHEMA_VERSION,
            name: &self.name,
            scope: &self.scope,
            method: &self.method,
            assets: &self.assets,
            threats: &self.threats,
            vulnerabilities: &self.vulnerabilities,
            risks: &self.risks,
            custom_controls: &self.custom_controls,
            soa: &self.soa,
            plan: &self.plan,
            workshops: &self.workshops,
            history,
        }
    }

    /// History entries `range` (clamped to the history) as a JSON list.
    pub fn history_json(&self, range: std::ops::Range<usize>) -> String {
        let end = range.end.min(self.history.len());
        let start = range.start.min(end);
        serde_json::to_string(&self.history[start..end]).unwrap_or_default()
    }

    /// Appends history entries stored apart, given as JSON lists in order,
    /// keeping the first `count`. Each entry is checked as a document load
    /// would; on any problem nothing is appended.
    pub fn attach_history(
        &mut self,
        chunks: &[String],
        count: usize,
    ) -> Result<(), Vec<Diagnostic>> {
        let mut entries = Vec::with_capacity(count);
        for (k, chunk) in chunks.iter().enumerate() {
            let value: serde_json::Value = serde_json::from_str(chunk).map_err(|e| {
                vec![Diagnostic::new(
                    format!("$.history (stored part {})", k + 1),
                    format!("not valid JSON: {e}"),
                )]
            })?;
            let serde_json::Value::Array(items) = value else {
                return Err(vec![Diagnostic::new(
                    format!("$.history (stored part {})", k + 1),
                    format!("expected a list, found {}", kind(&value)),
                )]);
            };
            for item in &items {
                let at = format!("$.history[{}]", entries.len());
                entries.push(read_value::<HistoryEntry>(item, &at)?);
            }
        }
        if entries.len() < count {
            return Err(vec![Diagnostic::new(
                "$.history",
                format!(
                    "{count} entries were saved but only {} are stored",
                    entries.len()
                ),
            )]);
        }
        entries.truncate(count);
        self.history.extend(entries);
        Ok(())
    }

    /// The snapshots alone, as a JSON list.
    pub fn snapshots_json(&self) -> String {
        serde_json::to_string(&self.snapshots).unwrap_or_default()
    }

    /// Puts back snapshots stored apart from the document, checking them as
    /// a document load would. Snapshots already in the document win: they
    /// came with it.
    pub fn attach_snapshots(&mut self, text: &str) -> Result<(), Vec<Diagnostic>> {
        if !self.snapshots.is_empty() {
            return Ok(());
        }
        let value: serde_json::Value = serde_json::from_str(text).map_err(|e| {
            vec![Diagnostic::new(
                "$.snapshots",
                format!("not valid JSON: {e}"),
            )]
        })?;
        self.snapshots = read_value(&value, "$.snapshots")?;
        Ok(())
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
