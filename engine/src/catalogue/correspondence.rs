//! The correspondence between ISO/IEC 27001:2013 Annex A (114 controls) and
//! the 2022 edition (93), for migrating a 2013 Statement of Applicability.
//!
//! Data: `engine/data/catalogue/correspondence_2013.json`, one entry per
//! 2022 control listing the 2013 controls it replaces (none for the 11 new
//! controls). Compiled from public cross-reference tables; check it against
//! the licensed ISO/IEC 27002:2022 Annex B before relying on it for audit.

use super::{embedded, parse_embedded};
use crate::Diagnostic;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// How many controls the 2013 Annex A had.
pub const ANNEX_A_2013_COUNT: usize = 114;

/// One 2022 control and the 2013 controls it replaces.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Correspondence {
    /// The 2022 control id, e.g. `"5.1"`.
    pub id: String,
    /// The 2013 control ids, e.g. `["5.1.1", "5.1.2"]`; empty for a new control.
    pub from_2013: Vec<String>,
}

pub(super) fn loaded() -> &'static Result<Vec<Correspondence>, Diagnostic> {
    static DATA: OnceLock<Result<Vec<Correspondence>, Diagnostic>> = OnceLock::new();
    DATA.get_or_init(|| {
        parse_embedded(
            "correspondence_2013",
            include_str!("../../data/catalogue/correspondence_2013.json"),
        )
    })
}

/// The whole correspondence, one entry per 2022 control, in Annex A order.
pub fn correspondence_2013() -> &'static [Correspondence] {
    embedded(loaded())
}

/// The 2013 controls a 2022 control replaces (empty for a new control), or
/// `None` if `id_2022` is not an Annex A id. `"A.8.13"` is accepted.
pub fn sources_2013(id_2022: &str) -> Option<&'static [String]> {
    let id = super::annex_a::normalise_control_id(id_2022);
    correspondence_2013()
        .iter()
        .find(|c| c.id == id)
        .map(|c| c.from_2013.as_slice())
}

fn reverse() -> &'static BTreeMap<String, Vec<String>> {
    static INDEX: OnceLock<BTreeMap<String, Vec<String>>> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut index: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for entry in correspondence_2013() {
            for old in &entry.from_2013 {
                index.entry(old.clone()).or_default().push(entry.id.clone());
            }
        }
        index
    })
}

/// The 2022 controls a 2013 control moved into (usually one; `18.2.3`
/// feeds two). Empty if `id_2013` is not a 2013 Annex A id. Accepts
/// `"12.3.1"` and `"A.12.3.1"`.
pub fn controls_from_2013(id_2013: &str) -> &'static [String] {
    let id = super::annex_a::normalise_control_id(id_2013);
    reverse().get(id).map(Vec::as_slice).unwrap_or(&[])
}

/// Every 2013 control id in the correspondence, sorted as text.
pub fn ids_2013() -> impl Iterator<Item = &'static str> {
    reverse().keys().map(String::as_str)
}
