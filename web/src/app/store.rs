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
/// Prefix of keys that keep an unreadable value, followed by a timestamp
/// and, for anything but the open assessment, what the value was (see
/// [`back_up`]).
pub const BACKUP_PREFIX: &str = "riskwright.backup.";

/// What every key the app stores starts with, in the default namespace.
pub const KEY_ROOT: &str = "riskwright.";

/// Whether `ns` can name a storage namespace: 1 to 64 letters, digits,
/// `-` or `_`. Anything else is ignored (the default namespace is used).
pub fn is_namespace(ns: &str) -> bool {
    (1..=64).contains(&ns.len())
        && ns
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// The key under which `key` is stored in namespace `ns` (see
/// README, "Offline use and the single-file edition"): the default
/// namespace (`""`) stores keys as they are; another one replaces the
/// root `riskwright.` by `riskwright@<ns>.`, which no key of the default
/// namespace or of another copy starts with.
pub fn physical_key(ns: &str, key: &str) -> String {
    if ns.is_empty() {
        return key.to_string();
    }
    format!(
        "riskwright@{ns}.{}",
        key.strip_prefix(KEY_ROOT).unwrap_or(key)
    )
}

/// The app's key for a stored `physical` key, if it belongs to namespace
/// `ns`.
pub fn logical_key(ns: &str, physical: &str) -> Option<String> {
    if ns.is_empty() {
        return physical.starts_with(KEY_ROOT).then(|| physical.to_string());
    }
    let rest = physical
        .strip_prefix("riskwright@")?
        .strip_prefix(ns)?
        .strip_prefix('.')?;
    Some(format!("{KEY_ROOT}{rest}"))
}

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
    /// Every key this store holds, so that what an index lost can be found
    /// again. A store that cannot list its keys says so.
    fn keys(&self) -> Result<Vec<String>, StoreError> {
        Err(StoreError("this storage cannot list what it holds".into()))
    }
}

/// Copies an unreadable `text` to a new backup key, named with `now` and
/// `tag` (empty for the open assessment, else what the value was, such as
/// `library` or `doc.a-2`), and returns that key. An existing backup is
/// never overwritten: a second one at the same moment gets a number.
pub fn back_up(
    store: &mut dyn KeyValueStore,
    now: &str,
    tag: &str,
    text: &str,
) -> Result<String, StoreError> {
    let base = if tag.is_empty() {
        format!("{BACKUP_PREFIX}{now}")
    } else {
        format!("{BACKUP_PREFIX}{now}.{tag}")
    };
    let mut key = base.clone();
    let mut n = 1;
    loop {
        match store.get(&key)? {
            Some(kept) if kept != text => {
                n += 1;
                key = format!("{base}-{n}");
            }
            _ => break,
        }
    }
    store.set(&key, text)?;
    Ok(key)
}

/// The backup keys in `store`, oldest first (their names start with the
/// time they were made). Empty if the store cannot list its keys.
pub fn backup_keys(store: &dyn KeyValueStore) -> Vec<String> {
    // Kept in order as they are inserted: a slice sort or a set of strings
    // would add kilobytes of code to the first load.
    let mut keys: Vec<String> = Vec::new();
    for key in store.keys().unwrap_or_default() {
        if key.starts_with(BACKUP_PREFIX) {
            let at = keys.binary_search(&key).unwrap_or_else(|at| at);
            keys.insert(at, key);
        }
    }
    keys
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

    fn keys(&self) -> Result<Vec<String>, StoreError> {
        if self.unavailable {
            return Err(StoreError("storage is not available".into()));
        }
        Ok(self.values.keys().cloned().collect())
    }
}
