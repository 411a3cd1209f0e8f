//! Any bytes, read as a saved document, must give diagnostics, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use riskwright_engine::document::{validate_document, Assessment};

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = Assessment::from_json_str(text);
        if let Ok(value) = serde_json::from_str::<serde_json::Value>(text) {
            let problems = validate_document(&value);
            // Valid means loadable: the two entry points must agree.
            assert_eq!(problems.is_empty(), Assessment::from_json_str(text).is_ok());
        }
    }
});
