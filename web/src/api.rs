//! The JavaScript API, exported from `pkg/riskwright.js` for sites that embed
//! the engine. Methods and documents cross the boundary in the file format
//! (snake_case); computed results are camelCase. Every bad argument becomes a
//! thrown `Error` with a message; nothing here can trap the wasm.

use riskwright_engine::document::FromJson;
use riskwright_engine::document::{load_document, validate_document as validate_doc, Assessment};
use riskwright_engine::evaluate::{count_tier, evaluate as evaluate_all, summarise, TierSummary};
use riskwright_engine::method::{self, Method, ResolvedMethod, PRESET_NAMES};
use riskwright_engine::treatment;
use riskwright_engine::{diagnostic, Diagnostic};
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// The engine's version.
#[wasm_bindgen(js_name = engineVersion)]
pub fn engine_version() -> String {
    riskwright_engine::VERSION.to_string()
}

/// The preset method called `name` ("3x3", "4x4" or "5x5").
#[wasm_bindgen(js_name = methodPreset)]
pub fn method_preset(name: &str) -> Result<JsValue, JsError> {
    let method = method::preset(name).ok_or_else(|| {
        JsError::new(&format!(
            "unknown preset '{name}': use one of {}",
            PRESET_NAMES.join(", ")
        ))
    })?;
    to_js(&method)
}

/// Every problem with `method`, as `[{path, message}]`; empty when valid.
#[wasm_bindgen(js_name = validateMethod)]
pub fn validate_method(method: JsValue) -> Result<JsValue, JsError> {
    let problems = match from_js::<Method>(method) {
        Ok(method) => method::validate_method(&method, "$"),
        Err(problems) => problems,
    };
    to_js(&problems)
}

/// Scores 1-based `likelihood` and `impact` on `method`:
/// `{score, level: {id, label, color}, acceptable}`.
#[wasm_bindgen(js_name = scoreRisk)]
pub fn score_risk(
    method: JsValue,
    likelihood: JsValue,
    impact: JsValue,
) -> Result<JsValue, JsError> {
    let method = from_js::<Method>(method).map_err(|p| invalid("method", &p))?;
    let resolved = ResolvedMethod::new(method).map_err(|p| invalid("method", &p))?;
    let likelihood = whole_number("likelihood", &likelihood)?;
    let impact = whole_number("impact", &impact)?;
    let score = resolved
        .score(likelihood, impact)
        .map_err(|e| JsError::new(&e.to_string()))?;
    let level = resolved
        .level(score.level)
        .ok_or_else(|| JsError::new("internal: scored level missing"))?;
    to_js(&ScoreOut {
        score: score.score,
        level: LevelOut {
            id: &level.id,
            label: &level.label,
            color: &level.color,
        },
        acceptable: score.acceptable,
    })
}

/// Every problem with `value` as a saved assessment, as `[{path, message}]`.
#[wasm_bindgen(js_name = validateDocument)]
pub fn validate_document(value: JsValue) -> Result<JsValue, JsError> {
    let problems = match serde_wasm_bindgen::from_value::<serde_json::Value>(value) {
        Ok(value) => validate_doc(&value),
        Err(error) => vec![Diagnostic::new("$", error.to_string())],
    };
    to_js(&problems)
}

/// Evaluates every risk of a saved assessment: per-risk levels per tier,
/// counts per level and heat-map cells. Throws if the document is invalid.
#[wasm_bindgen]
pub fn evaluate(document: JsValue) -> Result<JsValue, JsError> {
    let workbench = Workbench::new(document)?;
    to_js(&evaluate_all(&workbench.assessment, &workbench.method))
}

/// Proposes risk treatment for the risk `riskId` of a saved assessment:
/// `{basis, options: [{option, rank, reason, justificationRequired}],
/// controls: [{id, title, score, reasons}]}`, best first. Throws if the
/// document is invalid, no risk has that id, or the risk is not scored.
#[wasm_bindgen(js_name = proposeTreatment)]
pub fn propose_treatment(document: JsValue, risk_id: &str) -> Result<JsValue, JsError> {
    Workbench::new(document)?.propose_treatment(risk_id)
}

/// An assessment held inside wasm. JavaScript keeps this opaque handle, so
/// re-evaluating a large register never copies it across the boundary.
#[wasm_bindgen]
pub struct Workbench {
    assessment: Assessment,
    method: ResolvedMethod,
}

#[wasm_bindgen]
impl Workbench {
    /// Loads a saved assessment given as a JS object.
    #[wasm_bindgen(constructor)]
    pub fn new(document: JsValue) -> Result<Workbench, JsError> {
        let value: serde_json::Value = serde_wasm_bindgen::from_value(document)
            .map_err(|e| JsError::new(&format!("the document is not valid: {e}")))?;
        Self::load(value)
    }

    /// Loads a saved assessment given as JSON text.
    #[wasm_bindgen(js_name = fromJson)]
    pub fn from_json(text: &str) -> Result<Workbench, JsError> {
        let value = serde_json::from_str(text)
            .map_err(|e| JsError::new(&format!("the document is not valid JSON: {e}")))?;
        Self::load(value)
    }

    /// Number of risks in the register.
    #[wasm_bindgen(js_name = riskCount)]
    pub fn risk_count(&self) -> usize {
        self.assessment.risks.len()
    }

    /// Re-evaluates the whole register in wasm and returns only the summary:
    /// `{risks, inherent, current, residual}` with counts per level and
    /// heat-map cells per tier.
    pub fn summary(&self) -> Result<JsValue, JsError> {
        let tier = |t| summarise(&self.method, &count_tier(&self.method, &self.assessment, t));
        use riskwright_engine::document::Tier;
        to_js(&SummaryOut {
            risks: self.assessment.risks.len(),
            inherent: tier(Tier::Inherent),
            current: tier(Tier::Current),
            residual: tier(Tier::Residual),
        })
    }

    /// Evaluates the register in wasm and returns how many risks are outside
    /// the appetite in their current tier: a re-evaluation whose output stays
    /// inside wasm, for benchmarks and quick checks.
    #[wasm_bindgen(js_name = countAboveAppetite)]
    pub fn count_above_appetite(&self) -> usize {
        evaluate_all(&self.assessment, &self.method)
            .risks
            .iter()
            .filter(|r| r.current.as_ref().is_some_and(|t| !t.acceptable))
            .count()
    }

    /// Treatment proposals for one risk: see `proposeTreatment`.
    #[wasm_bindgen(js_name = proposeTreatment)]
    pub fn propose_treatment(&self, risk_id: &str) -> Result<JsValue, JsError> {
        let proposal = treatment::propose(&self.assessment, &self.method, risk_id)
            .map_err(|d| JsError::new(&format!("cannot propose treatment: {d}")))?;
        to_js(&proposal)
    }

    /// The assessment as saved JSON text.
    #[wasm_bindgen(js_name = toJson)]
    pub fn to_json(&self) -> String {
        self.assessment.to_json_string()
    }
}

impl Workbench {
    fn load(value: serde_json::Value) -> Result<Workbench, JsError> {
        let assessment = load_document(value).map_err(|p| invalid("document", &p))?;
        let method =
            ResolvedMethod::new(assessment.method.clone()).map_err(|p| invalid("method", &p))?;
        Ok(Workbench { assessment, method })
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ScoreOut<'a> {
    score: u32,
    level: LevelOut<'a>,
    acceptable: bool,
}

#[derive(Serialize)]
struct LevelOut<'a> {
    id: &'a str,
    label: &'a str,
    color: &'a str,
}

#[derive(Serialize)]
struct SummaryOut {
    risks: usize,
    inherent: TierSummary,
    current: TierSummary,
    residual: TierSummary,
}

fn invalid(what: &str, problems: &[Diagnostic]) -> JsError {
    JsError::new(&format!(
        "the {what} is not valid:\n{}",
        diagnostic::join(problems)
    ))
}

/// A JS number that is a whole number; anything else is a clear error rather
/// than a silent truncation.
fn whole_number(name: &str, value: &JsValue) -> Result<i64, JsError> {
    match value.as_f64() {
        Some(n) if n.fract() == 0.0 && n.abs() < 1e15 => Ok(n as i64),
        _ => Err(JsError::new(&format!(
            "{name} must be a whole level number, not {}",
            js_sys::JSON::stringify(value)
                .ok()
                .and_then(|s| s.as_string())
                .unwrap_or_else(|| "undefined".into())
        ))),
    }
}

/// Reads a JS value into `T`, reporting where it does not fit. It goes
/// through a JSON value and the engine's decoder, so the typed decoding code
/// is shared with document loading rather than compiled twice.
fn from_js<T: FromJson>(value: JsValue) -> Result<T, Vec<Diagnostic>> {
    let value: serde_json::Value = serde_wasm_bindgen::from_value(value)
        .map_err(|e| vec![Diagnostic::new("$", e.to_string())])?;
    riskwright_engine::document::read_value(&value, "$")
}

fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsError> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsError::new(&format!("internal: could not convert the result: {e}")))
}
