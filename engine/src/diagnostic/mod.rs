//! Problems found in user input, each tied to the place it was found.

use serde::{Deserialize, Serialize};
use std::fmt;

/// One problem in a method, a document or an imported file.
///
/// `path` is a JSONPath-like location (`$.method.levels[2].label`), so the user
/// and the UI can point at the exact field. Errors are data: every validator
/// returns all of them rather than stopping at the first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    /// Where the problem is, starting at `$` for the root of the checked value.
    pub path: String,
    /// What is wrong, in words a user can act on.
    pub message: String,
}

impl Diagnostic {
    /// A diagnostic at `path`.
    pub fn new(path: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            path: path.into(),
            message: message.into(),
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

/// Joins diagnostics into one message, one per line, for error boundaries that
/// carry a single string (a JS `Error`).
pub fn join(diagnostics: &[Diagnostic]) -> String {
    diagnostics
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n")
}

mod place;
pub use place::{describe, place, risk_member_label, Names, NoNames, Within};
