//! The app's store in the browser: localStorage through gloo-storage, with
//! IndexedDB taking any value localStorage has no room for.
//!
//! The app layer is synchronous, so IndexedDB sits behind an in-memory
//! mirror that is loaded once at startup: a value that does not fit in
//! localStorage goes into the mirror at once and is written to IndexedDB in
//! the background. A failed background write is reported through
//! `on_error`; IndexedDB then still holds the previous value, because its
//! writes are transactional.

use super::idb::Idb;
use crate::app::store::{KeyValueStore, StoreError};
use gloo_storage::{LocalStorage, Storage};
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;
use wasm_bindgen::JsValue;

/// Called with a message when a background write fails.
pub type ErrorSink = Rc<RefCell<Option<Box<dyn Fn(String)>>>>;

/// localStorage first, IndexedDB for what does not fit.
pub struct LocalStore {
    /// Values that live in IndexedDB; shared with background writes.
    large: Rc<RefCell<BTreeMap<String, String>>>,
    idb: Option<Rc<Idb>>,
    /// Where background write failures go.
    pub on_error: ErrorSink,
}

impl LocalStore {
    /// Opens the store, loading IndexedDB's contents into the mirror. Works
    /// without IndexedDB (the fallback is then simply unavailable).
    pub async fn open() -> LocalStore {
        let idb = Idb::open().await.ok().map(Rc::new);
        let large = match &idb {
            Some(db) => db.entries().await.unwrap_or_default(),
            None => BTreeMap::new(),
        };
        LocalStore {
            large: Rc::new(RefCell::new(large)),
            idb,
            on_error: Rc::new(RefCell::new(None)),
        }
    }

    /// Re-reads IndexedDB, after another tab may have written to it.
    pub async fn refresh(idb: Option<Rc<Idb>>) -> Option<BTreeMap<String, String>> {
        idb?.entries().await.ok()
    }

    /// The database handle, for a background refresh.
    pub fn idb(&self) -> Option<Rc<Idb>> {
        self.idb.clone()
    }

    /// Replaces the mirror with freshly read contents.
    pub fn set_mirror(&mut self, large: BTreeMap<String, String>) {
        *self.large.borrow_mut() = large;
    }

    fn storage() -> Result<web_sys::Storage, StoreError> {
        match web_sys::window().map(|w| w.local_storage()) {
            Some(Ok(Some(_))) => Ok(LocalStorage::raw()),
            _ => Err(StoreError(
                "this browser does not allow this page to store data".into(),
            )),
        }
    }

    fn in_background(
        &self,
        write: impl std::future::Future<Output = Result<(), String>> + 'static,
    ) {
        let sink = Rc::clone(&self.on_error);
        wasm_bindgen_futures::spawn_local(async move {
            if let Err(error) = write.await {
                if let Some(report) = sink.borrow().as_ref() {
                    report(error);
                }
            }
        });
    }

    fn forget_large(&mut self, key: &str) {
        let removed = self.large.borrow_mut().remove(key).is_some();
        if removed {
            if let Some(db) = self.idb.clone() {
                let key = key.to_string();
                self.in_background(async move { db.delete(&key).await });
            }
        }
    }
}

impl KeyValueStore for LocalStore {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        // A value in the mirror is newer than any localStorage copy left
        // behind until its IndexedDB write committed.
        if let Some(value) = self.large.borrow().get(key) {
            return Ok(Some(value.clone()));
        }
        Self::storage()?.get_item(key).map_err(|e| describe(&e))
    }

    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        let storage = Self::storage()?;
        match storage.set_item(key, value) {
            Ok(()) => {
                self.forget_large(key);
                Ok(())
            }
            Err(error) if is_quota(&error) && self.idb.is_some() => {
                // No room: the value moves to IndexedDB. The old copy in
                // localStorage stays until the new one has committed, so a
                // failed write still leaves the last good copy.
                self.large
                    .borrow_mut()
                    .insert(key.to_string(), value.to_string());
                if let Some(db) = self.idb.clone() {
                    let (key, value) = (key.to_string(), value.to_string());
                    let large = Rc::clone(&self.large);
                    self.in_background(async move {
                        db.put(&key, &value).await?;
                        // Only if the value still lives in IndexedDB: a later
                        // write may have moved it back to localStorage.
                        if large.borrow().contains_key(&key) {
                            let _ = storage.remove_item(&key);
                        }
                        Ok(())
                    });
                }
                Ok(())
            }
            Err(error) => Err(describe(&error)),
        }
    }

    fn remove(&mut self, key: &str) -> Result<(), StoreError> {
        Self::storage()?
            .remove_item(key)
            .map_err(|e| describe(&e))?;
        self.forget_large(key);
        Ok(())
    }
}

fn name_of(error: &JsValue) -> String {
    js_sys::Reflect::get(error, &"name".into())
        .ok()
        .and_then(|n| n.as_string())
        .unwrap_or_default()
}

fn is_quota(error: &JsValue) -> bool {
    name_of(error) == "QuotaExceededError"
}

/// Names a storage exception: a full quota says so plainly.
fn describe(error: &JsValue) -> StoreError {
    if is_quota(error) {
        StoreError("the browser's storage for this site is full".into())
    } else {
        StoreError(format!(
            "the browser refused to store data ({})",
            name_of(error)
        ))
    }
}
