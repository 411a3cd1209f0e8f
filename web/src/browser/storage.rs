//! The app's store in the browser: localStorage through gloo-storage, with
//! IndexedDB taking any value localStorage has no room for.
//!
//! The app layer is synchronous, so IndexedDB sits behind an in-memory
//! mirror that is loaded once at startup: a value that does not fit in
//! localStorage goes into the mirror at once and is written to IndexedDB in
//! the background. A failed background write is reported through
//! `on_error`; IndexedDB then still holds the previous value, because its
//! writes are transactional.
//!
//! Every key goes through the page's storage namespace (see
//! [`namespace`]): each downloaded copy of the single-file edition has its
//! own, so copies opened from `file://` (where Chromium gives every file one
//! origin) keep their data apart. The IndexedDB database is named per
//! namespace too.

use super::idb::Idb;
use crate::app::store::{is_namespace, logical_key, physical_key, KeyValueStore, StoreError};
use gloo_storage::{LocalStorage, Storage};
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;
use wasm_bindgen::{JsCast, JsValue};

/// Called with a message when a background write fails.
pub type ErrorSink = Rc<RefCell<Option<Box<dyn Fn(String)>>>>;

/// localStorage first, IndexedDB for what does not fit.
pub struct LocalStore {
    /// Values that live in IndexedDB; shared with background writes.
    large: Rc<RefCell<BTreeMap<String, String>>>,
    idb: Option<Rc<Idb>>,
    /// Where background write failures go.
    pub on_error: ErrorSink,
    /// This page's storage namespace (`""`: the default one).
    ns: String,
    /// Re-sends another tab's storage events under the app's key names
    /// (namespaced copies only); dropping it stops that.
    _events: Option<gloo_events::EventListener>,
}

/// The storage namespace this page keeps its data in: the content of
/// `<meta name="riskwright-storage">`, which a downloaded copy of the
/// single-file edition carries; `""` (the default) when there is none or
/// it is not a valid name.
pub fn namespace() -> String {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| {
            d.query_selector(r#"meta[name="riskwright-storage"]"#)
                .ok()
                .flatten()
        })
        .and_then(|meta| meta.get_attribute("content"))
        .filter(|ns| is_namespace(ns))
        .unwrap_or_default()
}

/// In a namespaced copy, another tab's `storage` events name physical keys.
/// They are dispatched again with the app's key, so every listener (the
/// runtime's, the audience window's) compares the app's key names.
fn renamed_events(ns: &str) -> Option<gloo_events::EventListener> {
    if ns.is_empty() {
        return None;
    }
    let window = web_sys::window()?;
    let ns = ns.to_string();
    Some(gloo_events::EventListener::new(
        &window.clone(),
        "storage",
        move |event| {
            let Some(key) = event
                .dyn_ref::<web_sys::StorageEvent>()
                .and_then(|e| e.key())
                .and_then(|k| logical_key(&ns, &k))
            else {
                return;
            };
            let init = js_sys::Object::new();
            let _ = js_sys::Reflect::set(&init, &"key".into(), &key.into());
            let constructor = js_sys::Reflect::get(&window, &"StorageEvent".into())
                .ok()
                .and_then(|c| c.dyn_into::<js_sys::Function>().ok());
            let renamed = constructor.and_then(|c| {
                js_sys::Reflect::construct(&c, &js_sys::Array::of2(&"storage".into(), &init)).ok()
            });
            if let Some(renamed) = renamed.and_then(|e| e.dyn_into::<web_sys::Event>().ok()) {
                let _ = window.dispatch_event(&renamed);
            }
        },
    ))
}

impl LocalStore {
    /// Opens the store, loading IndexedDB's contents into the mirror. Works
    /// without IndexedDB (the fallback is then simply unavailable).
    pub async fn open() -> LocalStore {
        let ns = namespace();
        let idb = Idb::open(&ns).await.ok().map(Rc::new);
        let large = match &idb {
            Some(db) => db.entries().await.unwrap_or_default(),
            None => BTreeMap::new(),
        };
        LocalStore {
            large: Rc::new(RefCell::new(large)),
            idb,
            on_error: Rc::new(RefCell::new(None)),
            _events: renamed_events(&ns),
            ns,
        }
    }

    /// The key `key` is stored under in this page's namespace.
    fn physical(&self, key: &str) -> String {
        physical_key(&self.ns, key)
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
        Self::storage()?
            .get_item(&self.physical(key))
            .map_err(|e| describe(&e))
    }

    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        let storage = Self::storage()?;
        let physical = self.physical(key);
        match storage.set_item(&physical, value) {
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
                            let _ = storage.remove_item(&physical);
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
            .remove_item(&self.physical(key))
            .map_err(|e| describe(&e))?;
        self.forget_large(key);
        Ok(())
    }

    fn keys(&self) -> Result<Vec<String>, StoreError> {
        let storage = Self::storage()?;
        let count = storage.length().map_err(|e| describe(&e))?;
        let mut keys: Vec<String> = self.large.borrow().keys().cloned().collect();
        for index in 0..count {
            if let Some(key) = storage
                .key(index)
                .map_err(|e| describe(&e))?
                .and_then(|k| logical_key(&self.ns, &k))
            {
                if !self.large.borrow().contains_key(&key) {
                    keys.push(key);
                }
            }
        }
        Ok(keys)
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
