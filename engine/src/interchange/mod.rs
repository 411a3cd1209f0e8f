//! Spreadsheet interchange: the risk register exported as CSV, and risks
//! imported from a CSV file with a proposed column mapping and a preview.
//!
//! - [`csv`]: RFC 4180 reading and writing, formula-injection neutralisation.
//! - [`register_csv`]: the export, one row per risk with every field.
//! - [`propose_mapping`] and [`import_risks`]: the import, which only builds
//!   an [`ImportPreview`]; the app applies it once the user confirms.

pub mod csv;
mod import;
mod register_csv;

pub use csv::{parse_csv, CsvTable};
pub use import::{
    import_risks, propose_mapping, ColumnMapping, ImportError, ImportField, ImportPreview,
};
pub use register_csv::{register_csv, register_headers, tier_label, FIXED_HEADERS};
