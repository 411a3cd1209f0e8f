//! Where documents are kept: a key-value store behind a trait, implemented by
//! browser localStorage in `crate::browser` and in memory for tests.

use std::collections::BTreeMap;
use std::fmt;

/// Key of the current assessment document.
pub const DOCUMENT_KEY: &str = "riskwright.assessment";
/// Key of the saved document's revision: a counter every save increments,
/// so a tab can tell that another tab saved since it last read.
pub const REVISION_KEY: &str = "riskwright.revision";
/// Key of the open assessment's snapshots, kept apart from the working copy
/// because they are large and rarely change.
pub const SNAPSHOTS_KEY: &str = "riskwright.snapshots";
/// Prefix of the keys of the open assessment's history, in parts of
/// [`HISTORY_PART`] entries: part `k` holds entries `k * HISTORY_PART` on.
pub const HISTORY_PREFIX: &str = "riskwright.history.";
/// Entries per stored part of the history.
pub const HISTORY_PART: usize = 1000;
/// Prefix of keys that keep an unreadable document, followed by a timestamp.
pub const BACKUP_PREFIX: &str = "riskwright.backup.";

/// Why the store could not read or write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoreError(pub String);

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A string key-value store. A `set` either stores the whole value or
/// nothing, as localStorage does.
pub trait KeyValueStore {
    /// The value under `key`, if any.
    fn get(&self, key: &str) -> Result<Option<String>, StoreError>;
    /// Stores `value` under `key`.
    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError>;
    /// Removes `key`; removing a missing key is not an error.
    fn remove(&mut self, key: &str) -> Result<(), StoreError>;
}

/// The stored revision; a missing or unreadable counter counts as 0.
pub fn stored_revision(store: &dyn KeyValueStore) -> Result<u64, StoreError> {
    Ok(store
        .get(REVISION_KEY)?
        .and_then(|r| r.trim().parse().ok())
        .unwrap_or(0))
}

/// An in-memory store for tests, with an optional size limit to play a full
/// browser storage.
#[derive(Debug, Default, Clone)]
pub struct MemoryStore {
    /// The stored values.
    pub values: BTreeMap<String, String>,
    /// Refuse writes once the total stored characters would exceed this.
    pub capacity: Option<usize>,
    /// Refuse every access, as storage in some private modes does.
    pub unavailable: bool,
}

impl KeyValueStore for MemoryStore {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        if self.unavailable {
            return Err(StoreError("storage is not available".into()));
        }
        Ok(self.values.get(key).cloned())
    }

    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        if self.unavailable {
            return Err(StoreError("storage is not available".into()));
        }
        let others: usize = self
            .values
            .iter()
            .filter(|(k, _)| k.as_str() != key)
            .map(|(k, v)| k.len() + v.len())
            .sum();
        if let Some(limit) = self.capacity {
            if others + key.len() + value.len() > limit {
                return Err(StoreError("the storage quota is exceeded".into()));
            }
        }
        self.values.insert(key.to_string(), value.to_string());
        Ok(())
    }

    fn remove(&mut self, key: &str) -> Result<(), StoreError> {
        if self.unavailable {
            return Err(StoreError("storage is not available".into()));
        }
        self.values.remove(key);
        Ok(())
    }
}
