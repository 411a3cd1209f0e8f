//! # riskwright-engine
//!
//! The pure core of Riskwright, an ISO/IEC 27001:2022 risk-assessment
//! workbench: the configurable method (ISO/IEC 27005 risk criteria), scoring,
//! the assessment document with its schema migrations and validation, and
//! evaluation of a whole register.
//!
//! It does no I/O, reads no clock and knows nothing of wasm or the browser:
//! the `riskwright-web` crate wraps it for JavaScript.
//!
//! ```
//! use riskwright_engine::method::{preset, ResolvedMethod};
//!
//! let method = ResolvedMethod::new(preset("5x5").unwrap()).unwrap();
//! let score = method.score(4, 5).unwrap(); // likely × severe
//! let level = method.level(score.level).unwrap();
//! assert_eq!((score.score, level.label.as_str(), score.acceptable), (20, "Very high", false));
//! ```
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod catalogue;
pub mod compare;
pub mod date;
pub mod diagnostic;
pub mod document;
pub mod evaluate;
pub mod interchange;
pub mod method;
pub mod readiness;
pub mod register;
pub mod rescore;
pub mod soa;
pub mod sort;
pub mod treatment;
pub mod trend;
pub mod workshop;

pub use diagnostic::Diagnostic;

/// The engine's version, as published in `engineVersion()`.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
