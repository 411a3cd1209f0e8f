//! What a question can map to: a clause of ISO/IEC 27001:2022, an Annex A
//! theme or an Annex A control.

use super::section::Section;
use serde::Serialize;

/// The assessable (leaf) clauses 4 to 10 of ISO/IEC 27001:2022. Headings
/// with sub-clauses (6.1, 7.5, 9.2, 9.3) are not listed: map to a sub-clause.
pub const CLAUSES: [&str; 30] = [
    "4.1", "4.2", "4.3", "4.4", "5.1", "5.2", "5.3", "6.1.1", "6.1.2", "6.1.3", "6.2", "6.3",
    "7.1", "7.2", "7.3", "7.4", "7.5.1", "7.5.2", "7.5.3", "8.1", "8.2", "8.3", "9.1", "9.2.1",
    "9.2.2", "9.3.1", "9.3.2", "9.3.3", "10.1", "10.2",
];

/// The titles of the leaf clauses in [`CLAUSES`], in the same order.
pub const CLAUSE_TITLES: [&str; 30] = [
    "Understanding the organization and its context",
    "Understanding the needs and expectations of interested parties",
    "Determining the scope of the information security management system",
    "Information security management system",
    "Leadership and commitment",
    "Policy",
    "Organizational roles, responsibilities and authorities",
    "Actions to address risks and opportunities",
    "Information security risk assessment",
    "Information security risk treatment",
    "Information security objectives and planning to achieve them",
    "Planning of changes",
    "Resources",
    "Competence",
    "Awareness",
    "Communication",
    "Documented information",
    "Creating and updating documented information",
    "Control of documented information",
    "Operational planning and control",
    "Information security risk assessment (performing it)",
    "Information security risk treatment (carrying it out)",
    "Monitoring, measurement, analysis and evaluation",
    "Internal audit",
    "Internal audit programme",
    "Management review",
    "Management review inputs",
    "Management review results",
    "Continual improvement",
    "Nonconformity and corrective action",
];

/// A `maps_to` entry as a reader knows it: `"Clause 6.1.2 Information
/// security risk assessment"`, `"Annex A 8.13 Information backup"`,
/// `"Annex A.5 Organisational controls"`; the text itself if it names
/// nothing known.
pub fn reference_name(text: &str) -> String {
    match resolve_reference(text) {
        Some(Reference::Clause(id)) => {
            let title = CLAUSES
                .iter()
                .position(|c| *c == id)
                .and_then(|i| CLAUSE_TITLES.get(i));
            match title {
                Some(title) => format!("Clause {id} {title}"),
                None => format!("Clause {id}"),
            }
        }
        Some(Reference::Control(id)) => match crate::catalogue::annex_a_title(&id) {
            Some(title) => format!("Annex A {id} {title}"),
            None => format!("Annex A {id}"),
        },
        Some(Reference::Theme(id)) => match Section::from_id(&id) {
            Some(section) => format!("Annex {id} {}", section.default_title()),
            None => format!("Annex {id}"),
        },
        None => text.to_string(),
    }
}

/// How many controls each Annex A theme has: 5.1–5.37, 6.1–6.8, 7.1–7.14,
/// 8.1–8.34.
const THEME_SIZES: [(u32, u32); 4] = [(5, 37), (6, 8), (7, 14), (8, 34)];

/// A resolved `maps_to` entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase", tag = "kind", content = "id")]
pub enum Reference {
    /// A leaf clause such as `"6.1.2"`.
    Clause(String),
    /// A whole Annex A theme (`"A.5"` … `"A.8"`).
    Theme(String),
    /// One Annex A control, without the `A.` prefix (`"8.13"`).
    Control(String),
}

/// Resolves a `maps_to` string, or `None` if it names nothing that exists.
///
/// The rules: `"A.5"` … `"A.8"` are themes; `"A.8.13"` is always a control;
/// a bare number is a clause if one has that number (`"5.2"` is the policy
/// clause) and otherwise a control (`"8.13"`). Write `"A.5.2"` to mean the
/// control when a clause shares its number.
pub fn resolve_reference(text: &str) -> Option<Reference> {
    if let Some(section) = Section::from_id(text) {
        if section.group() == super::section::Group::AnnexA {
            return Some(Reference::Theme(text.to_string()));
        }
        return None;
    }
    if let Some(rest) = text.strip_prefix("A.") {
        return is_control(rest).then(|| Reference::Control(rest.to_string()));
    }
    if CLAUSES.contains(&text) {
        return Some(Reference::Clause(text.to_string()));
    }
    is_control(text).then(|| Reference::Control(text.to_string()))
}

/// Whether `id` (without `A.`) is one of the 93 Annex A controls.
fn is_control(id: &str) -> bool {
    let Some((theme, number)) = id.split_once('.') else {
        return false;
    };
    // Reject leading zeros, signs and spaces: only canonical ids exist.
    let canonical =
        |s: &str| !s.is_empty() && !s.starts_with('0') && s.bytes().all(|b| b.is_ascii_digit());
    if !canonical(theme) || !canonical(number) {
        return false;
    }
    let (Ok(theme), Ok(number)) = (theme.parse::<u32>(), number.parse::<u32>()) else {
        return false;
    };
    THEME_SIZES
        .iter()
        .any(|&(t, size)| t == theme && (1..=size).contains(&number))
}
