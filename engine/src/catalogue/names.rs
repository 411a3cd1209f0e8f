//! The identifiers and titles of the 93 Annex A controls, in order.
//!
//! The app's first load needs only these: to check a control id, to name a
//! control in the history, to apply a control through its usual type and to
//! count the gaps of the Statement of Applicability. The rest of each
//! control (its 27002 attributes, our guidance and evidence examples) lives
//! in `annex_a.json`, which only the screens that show it read, so it stays
//! out of the first load.

use super::attributes::ControlType::{self, Corrective, Detective, Preventive};
use super::attributes::Theme;
use super::control::{Control, ANNEX_A_SOURCE};
use std::sync::OnceLock;

/// Every Annex A control's id and title, as ISO/IEC 27001:2022 lists them,
/// with its first 27002 control type: what an applied control acts through
/// unless the user says otherwise.
pub const ANNEX_A_NAMES: [(&str, &str, ControlType); 93] = [
    ("5.1", "Policies for information security", Preventive),
    (
        "5.2",
        "Information security roles and responsibilities",
        Preventive,
    ),
    ("5.3", "Segregation of duties", Preventive),
    ("5.4", "Management responsibilities", Preventive),
    ("5.5", "Contact with authorities", Preventive),
    ("5.6", "Contact with special interest groups", Preventive),
    ("5.7", "Threat intelligence", Preventive),
    (
        "5.8",
        "Information security in project management",
        Preventive,
    ),
    (
        "5.9",
        "Inventory of information and other associated assets",
        Preventive,
    ),
    (
        "5.10",
        "Acceptable use of information and other associated assets",
        Preventive,
    ),
    ("5.11", "Return of assets", Preventive),
    ("5.12", "Classification of information", Preventive),
    ("5.13", "Labelling of information", Preventive),
    ("5.14", "Information transfer", Preventive),
    ("5.15", "Access control", Preventive),
    ("5.16", "Identity management", Preventive),
    ("5.17", "Authentication information", Preventive),
    ("5.18", "Access rights", Preventive),
    (
        "5.19",
        "Information security in supplier relationships",
        Preventive,
    ),
    (
        "5.20",
        "Addressing information security within supplier agreements",
        Preventive,
    ),
    (
        "5.21",
        "Managing information security in the ICT supply chain",
        Preventive,
    ),
    (
        "5.22",
        "Monitoring, review and change management of supplier services",
        Preventive,
    ),
    (
        "5.23",
        "Information security for use of cloud services",
        Preventive,
    ),
    (
        "5.24",
        "Information security incident management planning and preparation",
        Corrective,
    ),
    (
        "5.25",
        "Assessment and decision on information security events",
        Detective,
    ),
    (
        "5.26",
        "Response to information security incidents",
        Corrective,
    ),
    (
        "5.27",
        "Learning from information security incidents",
        Preventive,
    ),
    ("5.28", "Collection of evidence", Corrective),
    ("5.29", "Information security during disruption", Preventive),
    ("5.30", "ICT readiness for business continuity", Corrective),
    (
        "5.31",
        "Legal, statutory, regulatory and contractual requirements",
        Preventive,
    ),
    ("5.32", "Intellectual property rights", Preventive),
    ("5.33", "Protection of records", Preventive),
    ("5.34", "Privacy and protection of PII", Preventive),
    (
        "5.35",
        "Independent review of information security",
        Preventive,
    ),
    (
        "5.36",
        "Compliance with policies, rules and standards for information security",
        Preventive,
    ),
    ("5.37", "Documented operating procedures", Preventive),
    ("6.1", "Screening", Preventive),
    ("6.2", "Terms and conditions of employment", Preventive),
    (
        "6.3",
        "Information security awareness, education and training",
        Preventive,
    ),
    ("6.4", "Disciplinary process", Preventive),
    (
        "6.5",
        "Responsibilities after termination or change of employment",
        Preventive,
    ),
    (
        "6.6",
        "Confidentiality or non-disclosure agreements",
        Preventive,
    ),
    ("6.7", "Remote working", Preventive),
    ("6.8", "Information security event reporting", Detective),
    ("7.1", "Physical security perimeters", Preventive),
    ("7.2", "Physical entry", Preventive),
    ("7.3", "Securing offices, rooms and facilities", Preventive),
    ("7.4", "Physical security monitoring", Preventive),
    (
        "7.5",
        "Protecting against physical and environmental threats",
        Preventive,
    ),
    ("7.6", "Working in secure areas", Preventive),
    ("7.7", "Clear desk and clear screen", Preventive),
    ("7.8", "Equipment siting and protection", Preventive),
    ("7.9", "Security of assets off-premises", Preventive),
    ("7.10", "Storage media", Preventive),
    ("7.11", "Supporting utilities", Preventive),
    ("7.12", "Cabling security", Preventive),
    ("7.13", "Equipment maintenance", Preventive),
    ("7.14", "Secure disposal or re-use of equipment", Preventive),
    ("8.1", "User endpoint devices", Preventive),
    ("8.2", "Privileged access rights", Preventive),
    ("8.3", "Information access restriction", Preventive),
    ("8.4", "Access to source code", Preventive),
    ("8.5", "Secure authentication", Preventive),
    ("8.6", "Capacity management", Preventive),
    ("8.7", "Protection against malware", Preventive),
    ("8.8", "Management of technical vulnerabilities", Preventive),
    ("8.9", "Configuration management", Preventive),
    ("8.10", "Information deletion", Preventive),
    ("8.11", "Data masking", Preventive),
    ("8.12", "Data leakage prevention", Preventive),
    ("8.13", "Information backup", Corrective),
    (
        "8.14",
        "Redundancy of information processing facilities",
        Preventive,
    ),
    ("8.15", "Logging", Detective),
    ("8.16", "Monitoring activities", Detective),
    ("8.17", "Clock synchronization", Detective),
    ("8.18", "Use of privileged utility programs", Preventive),
    (
        "8.19",
        "Installation of software on operational systems",
        Preventive,
    ),
    ("8.20", "Networks security", Preventive),
    ("8.21", "Security of network services", Preventive),
    ("8.22", "Segregation of networks", Preventive),
    ("8.23", "Web filtering", Preventive),
    ("8.24", "Use of cryptography", Preventive),
    ("8.25", "Secure development life cycle", Preventive),
    ("8.26", "Application security requirements", Preventive),
    (
        "8.27",
        "Secure system architecture and engineering principles",
        Preventive,
    ),
    ("8.28", "Secure coding", Preventive),
    (
        "8.29",
        "Security testing in development and acceptance",
        Preventive,
    ),
    ("8.30", "Outsourced development", Preventive),
    (
        "8.31",
        "Separation of development, test and production environments",
        Preventive,
    ),
    ("8.32", "Change management", Preventive),
    ("8.33", "Test information", Preventive),
    (
        "8.34",
        "Protection of information systems during audit testing",
        Preventive,
    ),
];

/// Whether `id` names an Annex A control (`"A.5.1"` is accepted too).
pub fn is_annex_a_id(id: &str) -> bool {
    annex_a_title(id).is_some()
}

/// The entry of the Annex A control `id` (`"A.5.1"` is accepted too).
fn entry(id: &str) -> Option<&'static (&'static str, &'static str, ControlType)> {
    let id = super::normalise_control_id(id);
    ANNEX_A_NAMES.iter().find(|(known, _, _)| *known == id)
}

/// The title of the Annex A control `id` (`"A.5.1"` is accepted too).
pub fn annex_a_title(id: &str) -> Option<&'static str> {
    entry(id).map(|(_, title, _)| *title)
}

/// The control type the Annex A control `id` acts through by default.
pub fn annex_a_acts_through(id: &str) -> Option<ControlType> {
    entry(id).map(|(_, _, acts)| *acts)
}

/// "8.7 Protection against malware" for an Annex A control; the id alone,
/// trimmed, for any other.
pub fn annex_a_label(id: &str) -> String {
    let id = id.trim();
    match annex_a_title(id) {
        Some(title) => format!("{} {title}", super::normalise_control_id(id)),
        None => id.to_string(),
    }
}

/// The theme of an Annex A control, from its clause: 5 organizational,
/// 6 people, 7 physical, 8 technological.
pub(super) fn theme_of(id: &str) -> Theme {
    match id.split('.').next() {
        Some("6") => Theme::People,
        Some("7") => Theme::Physical,
        Some("8") => Theme::Technological,
        _ => Theme::Organizational,
    }
}

/// The Annex A controls with their names and themes only: no attributes,
/// guidance or evidence. For what needs no more, such as counting gaps.
pub fn annex_a_names_only() -> &'static [Control] {
    static CONTROLS: OnceLock<Vec<Control>> = OnceLock::new();
    CONTROLS.get_or_init(|| {
        ANNEX_A_NAMES
            .iter()
            .map(|(id, title, _)| Control::custom(*id, *title, ANNEX_A_SOURCE, theme_of(id)))
            .collect()
    })
}
