//! The app's store in the browser: localStorage through gloo-storage.

use crate::app::store::{KeyValueStore, StoreError};
use gloo_storage::{LocalStorage, Storage};
use wasm_bindgen::JsValue;

/// localStorage, checked for availability on every access: in some private
/// modes it throws, and gloo-storage would panic on that.
pub struct LocalStore;

impl LocalStore {
    fn storage() -> Result<web_sys::Storage, StoreError> {
        match web_sys::window().map(|w| w.local_storage()) {
            Some(Ok(Some(_))) => Ok(LocalStorage::raw()),
            _ => Err(StoreError(
                "this browser does not allow this page to store data".into(),
            )),
        }
    }
}

impl KeyValueStore for LocalStore {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        Self::storage()?.get_item(key).map_err(describe)
    }

    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        Self::storage()?.set_item(key, value).map_err(describe)
    }

    fn remove(&mut self, key: &str) -> Result<(), StoreError> {
        Self::storage()?.remove_item(key).map_err(describe)
    }
}

/// Names a storage exception: a full quota says so plainly.
fn describe(error: JsValue) -> StoreError {
    let name = js_sys::Reflect::get(&error, &"name".into())
        .ok()
        .and_then(|n| n.as_string())
        .unwrap_or_default();
    if name == "QuotaExceededError" {
        StoreError("the browser's storage for this site is full".into())
    } else {
        StoreError(format!("the browser refused to store data ({name})"))
    }
}
