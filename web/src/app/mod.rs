//! The app as plain data: state, messages and the update function, plus the
//! storage trait it saves through. Nothing here touches the browser, so the
//! whole flow (startup, recovery, editing, saving) is tested natively.

/// Whether this build is the whole workbench. The first load (`app`
/// without `screens`) hands every other screen over to it; code behind a
/// false `ALL_SCREENS` is dropped from that module at link time.
pub const ALL_SCREENS: bool = cfg!(feature = "screens");

/// `n` and its noun, singular for one: "1 risk", "3 risks", "0 risks".
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

pub mod audience;
pub mod catalog;
pub mod color;
pub mod custom;
pub mod data;
pub mod handoff;
pub mod history;
pub mod library;
pub mod plan;
pub mod register;
pub mod reports;
pub mod soa;
pub mod startup;
pub mod state;
pub mod store;
pub mod treat;
pub mod workshop;
