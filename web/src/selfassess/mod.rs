//! The public readiness self-assessment page (`public/self-assessment.html`):
//! an anonymous visitor answers the engine's ISO/IEC 27001 readiness
//! questionnaire one question at a time and gets the engine's scores, gaps
//! and next steps. Nothing leaves the browser.
//!
//! - [`config`] checks the host's theme (untrusted JSON) field by field.
//! - [`state`] is the flow as plain data (`Msg`, `update`, save and restore),
//!   tested natively.
//! - `browser` (wasm32 with the `selfassess` feature) renders the state and
//!   turns DOM events into messages; `startSelfAssessment` is its entry point.

pub mod config;
pub mod state;

#[cfg(all(target_arch = "wasm32", feature = "selfassess"))]
mod browser;
#[cfg(all(target_arch = "wasm32", feature = "selfassess"))]
#[allow(dead_code)] // shared with the app: the page uses only part of it
#[path = "../browser/dom.rs"]
mod dom;
#[cfg(all(target_arch = "wasm32", feature = "selfassess"))]
mod view;

#[cfg(all(target_arch = "wasm32", feature = "selfassess"))]
pub use browser::start;
