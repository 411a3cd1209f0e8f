//! The ISO/IEC 27002:2022 control attributes, as closed enums.
//!
//! Serialized names are snake_case (`"governance_and_ecosystem"`). [`parse`]
//! methods also accept the hashtag spelling of the published table
//! (`#Governance_and_Ecosystem`) and normalise its known slips, so imported
//! tables never create extra values.
//!
//! [`parse`]: ControlType::parse

use crate::Diagnostic;
use serde::{Deserialize, Serialize};

/// Reduces a token to lowercase letters and digits, so `#Identity_and_Access_Management`,
/// `identity-and-access-manage- ment` and `identity_and_access_management` compare equal.
fn squash(token: &str) -> String {
    token
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

macro_rules! attribute_enum {
    (
        $(#[$meta:meta])*
        $name:ident { $( $(#[$vmeta:meta])* $variant:ident => $text:literal ),+ $(,)? }
        aliases { $( $alias:literal => $target:ident ),* $(,)? }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name {
            $( $(#[$vmeta])* $variant, )+
        }

        impl $name {
            /// Every value, in the order of the published table.
            pub const ALL: &'static [$name] = &[ $( $name::$variant, )+ ];

            /// The snake_case name used in JSON.
            pub fn as_str(self) -> &'static str {
                match self {
                    $( $name::$variant => $text, )+
                }
            }

            /// Reads a value from its JSON name, its hashtag (`#Value_name`) or a
            /// known variant spelling; case, `#`, `_`, `-` and spaces are ignored.
            pub fn parse(token: &str) -> Option<Self> {
                let key = squash(token);
                $( if key == squash($text) { return Some($name::$variant); } )+
                $( if key == squash($alias) { return Some($name::$target); } )*
                None
            }
        }

        crate::document::read::from_json_names!($name { $( $variant => $text ),+ });

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

attribute_enum! {
    /// The four themes Annex A is grouped into (clauses 5 to 8 of ISO/IEC 27002).
    Theme {
        /// Clause 5: organizational controls.
        Organizational => "organizational",
        /// Clause 6: people controls.
        People => "people",
        /// Clause 7: physical controls.
        Physical => "physical",
        /// Clause 8: technological controls.
        Technological => "technological",
    }
    aliases { "organisational" => Organizational, "technical" => Technological }
}

attribute_enum! {
    /// When a control acts relative to an incident.
    ControlType {
        /// Acts before an incident, to stop it happening.
        Preventive => "preventive",
        /// Acts while an incident happens, to notice it.
        Detective => "detective",
        /// Acts after an incident, to limit or repair the harm.
        Corrective => "corrective",
    }
    aliases { "preventative" => Preventive }
}

attribute_enum! {
    /// The information security property a control helps preserve.
    SecurityProperty {
        /// Only the right people can read the information.
        Confidentiality => "confidentiality",
        /// The information is accurate and complete.
        Integrity => "integrity",
        /// The information is there when needed.
        Availability => "availability",
    }
    aliases { "c" => Confidentiality, "i" => Integrity, "a" => Availability }
}

attribute_enum! {
    /// The cybersecurity concept (ISO/IEC TS 27110) a control belongs to.
    CybersecurityConcept {
        /// Understand assets, risks and context.
        Identify => "identify",
        /// Put safeguards in place.
        Protect => "protect",
        /// Notice events and anomalies.
        Detect => "detect",
        /// Act on a detected incident.
        Respond => "respond",
        /// Restore what an incident affected.
        Recover => "recover",
    }
    aliases {}
}

attribute_enum! {
    /// The practitioner's view of a control: which capability it belongs to.
    OperationalCapability {
        /// Direction, policies and oversight.
        Governance => "governance",
        /// Knowing and looking after assets.
        AssetManagement => "asset_management",
        /// Protecting information itself.
        InformationProtection => "information_protection",
        /// Security before, during and after employment.
        HumanResourceSecurity => "human_resource_security",
        /// Premises and equipment.
        PhysicalSecurity => "physical_security",
        /// Systems and networks.
        SystemAndNetworkSecurity => "system_and_network_security",
        /// Applications, built or bought.
        ApplicationSecurity => "application_security",
        /// Secure settings and baselines.
        SecureConfiguration => "secure_configuration",
        /// Identities, authentication and access rights.
        IdentityAndAccessManagement => "identity_and_access_management",
        /// Threat intelligence and vulnerability handling.
        ThreatAndVulnerabilityManagement => "threat_and_vulnerability_management",
        /// Keeping operations going through disruption.
        Continuity => "continuity",
        /// Security in supplier relationships.
        SupplierRelationshipsSecurity => "supplier_relationships_security",
        /// Legal, regulatory and contractual compliance.
        LegalAndCompliance => "legal_and_compliance",
        /// Handling security events and incidents.
        InformationSecurityEventManagement => "information_security_event_management",
        /// Checking that security works as intended.
        InformationSecurityAssurance => "information_security_assurance",
    }
    // 6.6 is published as `#Supplier_relationships` (missing `_security`).
    aliases { "supplier_relationships" => SupplierRelationshipsSecurity }
}

attribute_enum! {
    /// The security domain a control contributes to.
    SecurityDomain {
        /// Governance and the organisation's ecosystem (suppliers, partners).
        GovernanceAndEcosystem => "governance_and_ecosystem",
        /// Protecting assets.
        Protection => "protection",
        /// Detecting and responding (British spelling, as published).
        Defence => "defence",
        /// Continuing and recovering.
        Resilience => "resilience",
    }
    aliases { "defense" => Defence }
}

/// The five attribute sets of one control.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttributeSet {
    /// Preventive, detective, corrective.
    pub control_types: Vec<ControlType>,
    /// Confidentiality, integrity, availability.
    pub security_properties: Vec<SecurityProperty>,
    /// Identify, protect, detect, respond, recover.
    pub cybersecurity_concepts: Vec<CybersecurityConcept>,
    /// Operational capabilities.
    pub operational_capabilities: Vec<OperationalCapability>,
    /// Security domains.
    pub security_domains: Vec<SecurityDomain>,
}

/// Splits a table cell into tokens: values are separated by whitespace or commas.
fn tokens(cell: &str) -> impl Iterator<Item = &str> {
    cell.split(|c: char| c.is_whitespace() || c == ',')
        .filter(|t| !t.is_empty())
}

fn column<T: Copy + PartialEq>(
    cell: &str,
    path: &str,
    what: &str,
    parse: impl Fn(&str) -> Option<T>,
    problems: &mut Vec<Diagnostic>,
) -> Vec<T> {
    let mut values = Vec::new();
    for token in tokens(cell) {
        match parse(token) {
            Some(v) if !values.contains(&v) => values.push(v),
            Some(_) => {}
            None => problems.push(Diagnostic::new(
                path,
                format!("`{token}` is not a known {what}"),
            )),
        }
    }
    values
}

impl AttributeSet {
    /// Reads the five attribute cells of one row of a 27002-style table
    /// (values separated by spaces or commas, hashtags or snake_case names).
    ///
    /// The slips of the published table are normalised: an operational
    /// capability written in the domain column (5.22's
    /// `#Information_security_assurance`) is moved to the capabilities;
    /// `#Supplier_relationships` and capitalised or hyphenated names are read
    /// as the standard values. Unknown tokens are reported at `path.<column>`.
    pub fn from_columns(
        control_types: &str,
        security_properties: &str,
        cybersecurity_concepts: &str,
        operational_capabilities: &str,
        security_domains: &str,
        path: &str,
    ) -> Result<Self, Vec<Diagnostic>> {
        let mut problems = Vec::new();
        let mut set = AttributeSet {
            control_types: column(
                control_types,
                &format!("{path}.control_types"),
                "control type",
                ControlType::parse,
                &mut problems,
            ),
            security_properties: column(
                security_properties,
                &format!("{path}.security_properties"),
                "security property",
                SecurityProperty::parse,
                &mut problems,
            ),
            cybersecurity_concepts: column(
                cybersecurity_concepts,
                &format!("{path}.cybersecurity_concepts"),
                "cybersecurity concept",
                CybersecurityConcept::parse,
                &mut problems,
            ),
            operational_capabilities: column(
                operational_capabilities,
                &format!("{path}.operational_capabilities"),
                "operational capability",
                OperationalCapability::parse,
                &mut problems,
            ),
            security_domains: Vec::new(),
        };
        let domains_path = format!("{path}.security_domains");
        for token in tokens(security_domains) {
            if let Some(domain) = SecurityDomain::parse(token) {
                if !set.security_domains.contains(&domain) {
                    set.security_domains.push(domain);
                }
            } else if let Some(capability) = OperationalCapability::parse(token) {
                if !set.operational_capabilities.contains(&capability) {
                    set.operational_capabilities.push(capability);
                }
            } else {
                problems.push(Diagnostic::new(
                    &domains_path,
                    format!("`{token}` is not a known security domain"),
                ));
            }
        }
        if problems.is_empty() {
            Ok(set)
        } else {
            Err(problems)
        }
    }
}
