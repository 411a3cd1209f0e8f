//! A minimal IndexedDB key-value store (one object store of strings), for
//! assessments too large for localStorage. Each call awaits its request, and
//! a write resolves only when its transaction has committed, so a failed
//! write never leaves a half-written value.

use js_sys::{Array, Function, Promise};
use std::collections::BTreeMap;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{IdbDatabase, IdbRequest, IdbTransactionMode};

/// The database of the default storage namespace; another namespace's is
/// `riskwright@<ns>`.
const DATABASE: &str = "riskwright";
const STORE: &str = "documents";

/// An open database.
pub struct Idb {
    db: IdbDatabase,
}

/// Resolves with the request's result, or rejects with its error.
async fn done(request: &IdbRequest) -> Result<JsValue, String> {
    let promise = Promise::new(&mut |resolve: Function, reject: Function| {
        let ok = Closure::once_into_js(move |event: web_sys::Event| {
            let result = event
                .target()
                .and_then(|t| t.dyn_into::<IdbRequest>().ok())
                .and_then(|r| r.result().ok())
                .unwrap_or(JsValue::UNDEFINED);
            let _ = resolve.call1(&JsValue::NULL, &result);
        });
        let failed = Closure::once_into_js(move |event: web_sys::Event| {
            let _ = reject.call1(&JsValue::NULL, &error_of(&event));
        });
        request.set_onsuccess(Some(ok.unchecked_ref()));
        request.set_onerror(Some(failed.unchecked_ref()));
    });
    JsFuture::from(promise).await.map_err(describe)
}

/// Resolves when the transaction commits, rejects when it fails or aborts.
async fn committed(transaction: &web_sys::IdbTransaction) -> Result<(), String> {
    let promise = Promise::new(&mut |resolve: Function, reject: Function| {
        let ok = Closure::once_into_js(move || {
            let _ = resolve.call0(&JsValue::NULL);
        });
        let reject_abort = reject.clone();
        let failed = Closure::once_into_js(move |event: web_sys::Event| {
            let _ = reject.call1(&JsValue::NULL, &error_of(&event));
        });
        let aborted = Closure::once_into_js(move |event: web_sys::Event| {
            let _ = reject_abort.call1(&JsValue::NULL, &error_of(&event));
        });
        transaction.set_oncomplete(Some(ok.unchecked_ref()));
        transaction.set_onerror(Some(failed.unchecked_ref()));
        transaction.set_onabort(Some(aborted.unchecked_ref()));
    });
    JsFuture::from(promise).await.map(drop).map_err(describe)
}

fn error_of(event: &web_sys::Event) -> JsValue {
    event
        .target()
        .and_then(|t| js_sys::Reflect::get(&t, &"error".into()).ok())
        .unwrap_or_else(|| "IndexedDB request failed".into())
}

fn describe(error: JsValue) -> String {
    let name = js_sys::Reflect::get(&error, &"name".into())
        .ok()
        .and_then(|n| n.as_string());
    let message = js_sys::Reflect::get(&error, &"message".into())
        .ok()
        .and_then(|m| m.as_string());
    match (name, message, error.as_string()) {
        (Some(n), _, _) if n == "QuotaExceededError" => {
            "the browser's storage for this site is full".into()
        }
        (Some(n), Some(m), _) => format!("{n}: {m}"),
        (_, _, Some(text)) => text,
        _ => "IndexedDB is not available".into(),
    }
}

impl Idb {
    /// Opens (creating on first use) the database of storage namespace
    /// `ns` (`""`: the default one).
    pub async fn open(ns: &str) -> Result<Idb, String> {
        let name = if ns.is_empty() {
            DATABASE.to_string()
        } else {
            format!("{DATABASE}@{ns}")
        };
        let factory = web_sys::window()
            .and_then(|w| w.indexed_db().ok().flatten())
            .ok_or("IndexedDB is not available in this browser")?;
        let request = factory.open_with_u32(&name, 1).map_err(describe)?;
        let upgrade = Closure::<dyn FnMut(web_sys::Event)>::new(move |event: web_sys::Event| {
            let db = event
                .target()
                .and_then(|t| t.dyn_into::<IdbRequest>().ok())
                .and_then(|r| r.result().ok())
                .and_then(|r| r.dyn_into::<IdbDatabase>().ok());
            if let Some(db) = db {
                // Version 1 is the only version: on upgrade the store is new.
                let _ = db.create_object_store(STORE);
            }
        });
        request.set_onupgradeneeded(Some(upgrade.as_ref().unchecked_ref()));
        let db = done(&request).await?;
        request.set_onupgradeneeded(None);
        drop(upgrade);
        Ok(Idb {
            db: db
                .dyn_into()
                .map_err(|_| "IndexedDB did not open".to_string())?,
        })
    }

    fn store(
        &self,
        mode: IdbTransactionMode,
    ) -> Result<(web_sys::IdbTransaction, web_sys::IdbObjectStore), String> {
        let transaction = self
            .db
            .transaction_with_str_and_mode(STORE, mode)
            .map_err(describe)?;
        let store = transaction.object_store(STORE).map_err(describe)?;
        Ok((transaction, store))
    }

    /// Every key and value.
    pub async fn entries(&self) -> Result<BTreeMap<String, String>, String> {
        let (_, store) = self.store(IdbTransactionMode::Readonly)?;
        let keys = done(&store.get_all_keys().map_err(describe)?).await?;
        let values = done(&store.get_all().map_err(describe)?).await?;
        let (keys, values) = (Array::from(&keys), Array::from(&values));
        // Inserted one by one: collecting into a BTreeMap compiles a sort.
        let mut entries = BTreeMap::new();
        for (k, v) in keys.iter().zip(values.iter()) {
            if let (Some(k), Some(v)) = (k.as_string(), v.as_string()) {
                entries.insert(k, v);
            }
        }
        Ok(entries)
    }

    /// Stores `value` under `key`; resolves once committed.
    pub async fn put(&self, key: &str, value: &str) -> Result<(), String> {
        let (transaction, store) = self.store(IdbTransactionMode::Readwrite)?;
        store
            .put_with_key(&JsValue::from_str(value), &JsValue::from_str(key))
            .map_err(describe)?;
        committed(&transaction).await
    }

    /// Removes `key`; resolves once committed.
    pub async fn delete(&self, key: &str) -> Result<(), String> {
        let (transaction, store) = self.store(IdbTransactionMode::Readwrite)?;
        store.delete(&JsValue::from_str(key)).map_err(describe)?;
        committed(&transaction).await
    }
}
