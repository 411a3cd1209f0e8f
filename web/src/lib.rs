//! # riskwright-web
//!
//! The browser side of Riskwright: the JavaScript API for embedding the
//! engine ([`api`]), and the app ([`app`] holds its state as plain data and is
//! tested natively; `browser` renders it and talks to browser storage).
//!
//! No risk decision is made here: every rule lives in `riskwright-engine`.

#[cfg(feature = "api")]
pub mod api;
pub mod app;
#[cfg(all(target_arch = "wasm32", feature = "app"))]
mod browser;
pub mod selfassess;
