//! The host's theme for the self-assessment page, read from untrusted JSON
//! (`self-assessment.config.json`) and checked field by field: a field that
//! is missing or invalid falls back to its default with a warning, and the
//! rest of the file still applies.

use riskwright_engine::readiness::Questionnaire;
use serde_json::Value;

/// The longest organisation name kept.
pub const MAX_NAME: usize = 80;
/// The longest intro text kept.
pub const MAX_INTRO: usize = 1000;
/// The longest call-to-action label kept.
pub const MAX_LABEL: usize = 60;
/// The longest URL kept.
pub const MAX_URL: usize = 500;
/// The primary colour when the host gives none.
pub const DEFAULT_PRIMARY: &str = "#1b2a4a";
/// The intro text when the host gives none.
pub const DEFAULT_INTRO: &str = "Find out how close your organisation is to ISO/IEC 27001:2022 \
certification. Answer one question at a time; it takes about fifteen minutes. At the end you \
get a score per clause and Annex A theme, the main gaps and the next steps.";

/// A validated page configuration.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    /// The host organisation's name, shown in the header.
    pub organisation: Option<String>,
    /// The logo's URL (relative to the page, or https).
    pub logo_url: Option<String>,
    /// The primary colour, `#rrggbb` in lower case.
    pub primary_color: String,
    /// The text on the intro step.
    pub intro: String,
    /// The call-to-action on the result page: label and URL.
    pub call_to_action: Option<(String, String)>,
    /// The host's own questionnaire (a translation, or other questions),
    /// in the questionnaire file format and validated by the engine: inline
    /// as `"questionnaire": {…}`, or named by a relative URL that the page's
    /// bootstrap fetched while loading. `None` uses the shipped one.
    pub questionnaire: Option<Questionnaire>,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            organisation: None,
            logo_url: None,
            primary_color: DEFAULT_PRIMARY.into(),
            intro: DEFAULT_INTRO.into(),
            call_to_action: None,
            questionnaire: None,
        }
    }
}

impl Config {
    /// Reads a configuration from parsed JSON. Returns the configuration and
    /// one warning per field that was ignored. `Value::Null` (no file) gives
    /// the defaults without a warning.
    pub fn from_value(value: &Value) -> (Config, Vec<String>) {
        let mut config = Config::default();
        let mut warnings = Vec::new();
        let object = match value {
            Value::Null => return (config, warnings),
            Value::Object(object) => object,
            _ => {
                warnings.push("the configuration is not a JSON object; using the defaults".into());
                return (config, warnings);
            }
        };
        let mut text = |field: &str, max: usize| -> Option<String> {
            match object.get(field) {
                None | Some(Value::Null) => None,
                Some(Value::String(s)) => match checked_text(s, max) {
                    Ok(s) => Some(s),
                    Err(why) => {
                        warnings.push(format!("\"{field}\" {why}; ignored"));
                        None
                    }
                },
                Some(_) => {
                    warnings.push(format!("\"{field}\" is not a string; ignored"));
                    None
                }
            }
        };
        config.organisation = text("organisation", MAX_NAME);
        let logo = text("logoUrl", MAX_URL);
        let color = text("primaryColor", 7);
        if let Some(intro) = text("intro", MAX_INTRO) {
            config.intro = intro;
        }
        let cta_label = text("ctaLabel", MAX_LABEL);
        let cta_url = text("ctaUrl", MAX_URL);
        for key in object.keys() {
            if !KNOWN.contains(&key.as_str()) {
                warnings.push(format!("unknown field \"{key}\"; ignored"));
            }
        }
        if let Some(logo) = logo {
            match checked_url(&logo) {
                Ok(()) => config.logo_url = Some(logo),
                Err(why) => warnings.push(format!("\"logoUrl\" {why}; ignored")),
            }
        }
        if let Some(color) = color {
            if is_hex_color(&color) {
                config.primary_color = color.to_ascii_lowercase();
            } else {
                warnings.push(format!(
                    "\"primaryColor\" must be a colour written #rrggbb, not \"{color}\"; using {DEFAULT_PRIMARY}"
                ));
            }
        }
        match (cta_label, cta_url) {
            (Some(label), Some(url)) => match checked_url(&url) {
                Ok(()) => config.call_to_action = Some((label, url)),
                Err(why) => {
                    warnings.push(format!("\"ctaUrl\" {why}; the call-to-action is left out"))
                }
            },
            (None, None) => {}
            _ => warnings.push(
                "the call-to-action needs both \"ctaLabel\" and \"ctaUrl\"; it is left out".into(),
            ),
        }
        match object.get("questionnaire") {
            None | Some(Value::Null) => {}
            Some(value @ Value::Object(_)) => {
                match Questionnaire::from_json_str(&value.to_string()) {
                    Ok(questionnaire) => config.questionnaire = Some(questionnaire),
                    Err(problems) => {
                        warnings.extend(
                            problems
                                .iter()
                                .map(|d| format!("\"questionnaire\" {}: {}", d.path, d.message)),
                        );
                        warnings.push(
                            "\"questionnaire\" is not valid; using the shipped questionnaire"
                                .into(),
                        );
                    }
                }
            }
            Some(_) => warnings.push(
                "\"questionnaire\" must be an object in the questionnaire file format, or the \
                 relative URL of a file holding one; using the shipped questionnaire"
                    .into(),
            ),
        }
        (config, warnings)
    }
}

/// The fields a configuration may have.
pub const KNOWN: [&str; 7] = [
    "organisation",
    "logoUrl",
    "primaryColor",
    "intro",
    "ctaLabel",
    "ctaUrl",
    "questionnaire",
];

/// Trims `s` and checks it is not empty, at most `max` characters and free
/// of control characters (line breaks are allowed).
fn checked_text(s: &str, max: usize) -> Result<String, String> {
    let s = s.trim();
    if s.is_empty() {
        return Err("is empty".into());
    }
    if s.chars().count() > max {
        return Err(format!("is longer than {max} characters"));
    }
    if s.chars().any(|c| c.is_control() && c != '\n') {
        return Err("contains control characters".into());
    }
    Ok(s.to_string())
}

/// `#rrggbb`.
pub fn is_hex_color(s: &str) -> bool {
    s.len() == 7 && s.starts_with('#') && s.bytes().skip(1).all(|b| b.is_ascii_hexdigit())
}

/// A URL the page may link or load: `https://…`, or relative to the page
/// (no scheme, not protocol-relative).
pub fn checked_url(url: &str) -> Result<(), String> {
    if url
        .chars()
        .any(|c| c.is_whitespace() || c.is_control() || c == '\\')
    {
        return Err("contains spaces, control characters or backslashes".into());
    }
    if let Some(rest) = url.strip_prefix("https://") {
        let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
        return if host.is_empty() || host.contains('@') {
            Err("is not a valid https URL".into())
        } else {
            Ok(())
        };
    }
    if url.starts_with("//") {
        return Err("must be relative to the page or start with https://".into());
    }
    let before_path = url.split(['/', '?', '#']).next().unwrap_or_default();
    if before_path.contains(':') {
        return Err("must be relative to the page or start with https://".into());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_full_valid_config_is_kept() {
        let (config, warnings) = Config::from_value(&json!({
            "organisation": "Acme Security",
            "logoUrl": "logo.svg",
            "primaryColor": "#0A5C36",
            "intro": "Hello",
            "ctaLabel": "Talk to us",
            "ctaUrl": "https://acme.example/contact"
        }));
        assert_eq!(warnings, Vec::<String>::new());
        assert_eq!(config.organisation.as_deref(), Some("Acme Security"));
        assert_eq!(config.logo_url.as_deref(), Some("logo.svg"));
        assert_eq!(config.primary_color, "#0a5c36");
        assert_eq!(config.intro, "Hello");
        assert_eq!(
            config.call_to_action,
            Some(("Talk to us".into(), "https://acme.example/contact".into()))
        );
    }

    #[test]
    fn missing_config_is_the_default_silently() {
        assert_eq!(
            Config::from_value(&Value::Null),
            (Config::default(), vec![])
        );
    }

    #[test]
    fn invalid_fields_fall_back_one_by_one() {
        let (config, warnings) = Config::from_value(&json!({
            "organisation": "x".repeat(MAX_NAME + 1),
            "logoUrl": "javascript:alert(1)",
            "primaryColor": "red",
            "intro": 42,
            "ctaLabel": "Contact",
            "ctaUrl": "http://insecure.example/",
            "extra": true
        }));
        assert_eq!(config, Config::default());
        assert_eq!(warnings.len(), 6, "{warnings:?}");
        assert!(warnings.iter().any(|w| w.contains("primaryColor")));
    }

    #[test]
    fn a_non_object_is_the_default_with_a_warning() {
        for value in [json!([1, 2]), json!("text"), json!(3)] {
            let (config, warnings) = Config::from_value(&value);
            assert_eq!(config, Config::default());
            assert_eq!(warnings.len(), 1);
        }
    }

    #[test]
    fn urls_are_relative_or_https() {
        for ok in [
            "logo.svg",
            "./img/logo.png",
            "../contact.html",
            "/contact",
            "contact?x=a:b",
            "https://acme.example/x",
            "#top",
        ] {
            assert_eq!(checked_url(ok), Ok(()), "{ok}");
        }
        for bad in [
            "javascript:alert(1)",
            "JAVASCRIPT:x",
            "data:text/html,x",
            "http://x.example",
            "//evil.example/x",
            "https://",
            "https://user@evil",
            "a b",
            "java\tscript:x",
            "https:\\\\x",
        ] {
            assert!(checked_url(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_custom_questionnaire_is_validated_by_the_engine() {
        use riskwright_engine::readiness::DEFAULT_QUESTIONNAIRE_JSON;
        let mut custom: Value =
            serde_json::from_str(DEFAULT_QUESTIONNAIRE_JSON).unwrap_or_default();
        custom["title"] = json!("Auto-évaluation ISO/IEC 27001");
        let (config, warnings) = Config::from_value(&json!({ "questionnaire": custom.clone() }));
        assert_eq!(warnings, Vec::<String>::new());
        assert_eq!(
            config.questionnaire.map(|q| q.title),
            Some("Auto-évaluation ISO/IEC 27001".to_string())
        );

        custom["questions"][0]["weight"] = json!(9);
        let (config, warnings) = Config::from_value(&json!({ "questionnaire": custom }));
        assert_eq!(config.questionnaire, None);
        assert!(
            warnings.iter().any(|w| w.contains("$.questions[0].weight")),
            "{warnings:?}"
        );
        let (config, warnings) = Config::from_value(&json!({ "questionnaire": "x.json" }));
        assert_eq!((config.questionnaire, warnings.len()), (None, 1));
    }

    #[test]
    fn colours_are_six_hex_digits() {
        assert!(is_hex_color("#a1B2c3"));
        for bad in ["#abc", "a1b2c3", "#a1b2c3d", "#ggg000", "#é1b2c"] {
            assert!(!is_hex_color(bad), "{bad}");
        }
    }
}
