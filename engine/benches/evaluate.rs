//! Native figures for `./build.sh bench`: evaluating a register of 10,000
//! risks, to print beside the wasm figure measured in the browser engine.

use riskwright_engine::document::{Assessment, Risk, ScoredTier};
use riskwright_engine::evaluate::evaluate;
use riskwright_engine::method::ResolvedMethod;
use std::collections::BTreeMap;
use std::time::Instant;

fn main() {
    let n = 10_000;
    let mut assessment = Assessment::new("Bench");
    // A small linear congruential generator keeps the data reproducible.
    let mut seed = 42u32;
    let mut next = |max: u8| {
        seed = seed.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
        (seed >> 24) as u8 % max + 1
    };
    for k in 0..n {
        let mut tier = || ScoredTier {
            likelihood: next(5),
            impacts: BTreeMap::from([
                ("confidentiality".to_string(), next(5)),
                ("integrity".to_string(), next(5)),
                ("availability".to_string(), next(5)),
            ]),
        };
        assessment.risks.push(Risk {
            id: format!("R-{k}"),
            title: format!("Risk {k}"),
            inherent: Some(tier()),
            current: Some(tier()),
            residual: Some(tier()),
            ..Risk::default()
        });
    }
    let method =
        ResolvedMethod::new(assessment.method.clone()).expect("the default method is valid");
    let mut times = Vec::new();
    for _ in 0..51 {
        let start = Instant::now();
        let evaluation = evaluate(&assessment, &method);
        times.push(start.elapsed().as_secs_f64() * 1000.0);
        assert_eq!(evaluation.risks.len(), n);
    }
    times.sort_by(f64::total_cmp);
    println!(
        "native evaluate, {n} risks: median {:.2} ms",
        times[times.len() / 2]
    );
    let start = Instant::now();
    let text = assessment.to_json_string();
    let saved = start.elapsed().as_secs_f64() * 1000.0;
    let start = Instant::now();
    let parsed = Assessment::from_json_str(&text).expect("round trip");
    let loaded = start.elapsed().as_secs_f64() * 1000.0;
    println!(
        "native save {saved:.1} ms, load {loaded:.1} ms: {n} risks, {} KB of JSON",
        text.len() / 1024
    );
    assert_eq!(parsed.risks.len(), n);
}
