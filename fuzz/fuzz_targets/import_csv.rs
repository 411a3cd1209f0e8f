//! Any bytes, read as a spreadsheet (a register CSV or a Statement of
//! Applicability CSV, 2013 or 2022), must give a preview with per-row
//! problems, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use riskwright_engine::document::Assessment;
use riskwright_engine::interchange::{import_risks, import_soa_csv, parse_csv, propose_mapping};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let assessment = Assessment::new("Fuzz");
    let soa = import_soa_csv(text, &assessment);
    // Every entry the import would record names a control of the catalogue.
    for entry in &soa.entries {
        assert!(riskwright_engine::soa::find_control(&assessment, &entry.control_id).is_some());
    }
    if let Ok(table) = parse_csv(text) {
        let mapping = propose_mapping(&table.headers, &assessment.method);
        let _ = import_risks(&table, &mapping, &assessment);
    }
});
