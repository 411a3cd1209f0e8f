//! Spreadsheet interchange: the risk register exported as CSV, and risks
//! imported from a CSV file with a proposed column mapping and a preview.
//!
//! - [`csv`]: RFC 4180 reading and writing, formula-injection neutralisation.
//! - [`register_csv`]: the export, one row per risk with every field.
//! - [`propose_mapping`] and [`import_risks`]: the import, which only builds
//!   an [`ImportPreview`]; the app applies it once the user confirms.
//! - [`export_soa_csv`] and [`import_soa_csv`]: the Statement of
//!   Applicability as CSV, one row per control, and its import as a
//!   [`SoaImport`] preview, migrating a 2013-based SoA to the 2022 controls
//!   ([`Migration2013`]).

pub mod csv;
mod import;
mod register_csv;
mod soa_csv;

pub use csv::{parse_csv, CsvTable};
pub use import::{
    import_risks, propose_mapping, ColumnMapping, ImportError, ImportField, ImportPreview,
};
pub use register_csv::{register_csv, register_headers, tier_label, FIXED_HEADERS};
pub use soa_csv::{
    export_soa_csv, import_soa_csv, MergedControl, Migration2013, NewControl, SoaImport,
    SplitControl, SOA_HEADERS,
};
