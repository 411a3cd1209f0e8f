//! The sections a readiness questionnaire is divided into, and the groups
//! they add up to.

use serde::{Serialize, Serializer};

/// One part of the questionnaire: a mandatory clause of ISO/IEC 27001:2022
/// (4 to 10), an Annex A theme, or readiness for the certification cycle.
///
/// In the questionnaire file a section is named by its [`id`](Section::id):
/// `"4"` … `"10"`, `"A.5"` … `"A.8"` or `"certification"`; it is serialised
/// to JavaScript the same way.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Section {
    /// Clause 4: context of the organisation, interested parties, scope.
    Context,
    /// Clause 5: leadership, policy, roles.
    Leadership,
    /// Clause 6: risk assessment and treatment, objectives, planning of changes.
    Planning,
    /// Clause 7: resources, competence, awareness, communication, documents.
    Support,
    /// Clause 8: operational planning and control, running the risk process.
    Operation,
    /// Clause 9: monitoring, internal audit, management review.
    Performance,
    /// Clause 10: nonconformity, corrective action, continual improvement.
    Improvement,
    /// Annex A theme 5: organisational controls.
    Organisational,
    /// Annex A theme 6: people controls.
    People,
    /// Annex A theme 7: physical controls.
    Physical,
    /// Annex A theme 8: technological controls.
    Technological,
    /// Readiness for the certification audits and the three-year cycle.
    Certification,
}

/// Every section, in the order results are reported.
pub const SECTIONS: [Section; 12] = [
    Section::Context,
    Section::Leadership,
    Section::Planning,
    Section::Support,
    Section::Operation,
    Section::Performance,
    Section::Improvement,
    Section::Organisational,
    Section::People,
    Section::Physical,
    Section::Technological,
    Section::Certification,
];

impl Section {
    /// The id used in questionnaire files and in JSON output (`"6"`, `"A.8"`,
    /// `"certification"`).
    pub fn id(self) -> &'static str {
        match self {
            Section::Context => "4",
            Section::Leadership => "5",
            Section::Planning => "6",
            Section::Support => "7",
            Section::Operation => "8",
            Section::Performance => "9",
            Section::Improvement => "10",
            Section::Organisational => "A.5",
            Section::People => "A.6",
            Section::Physical => "A.7",
            Section::Technological => "A.8",
            Section::Certification => "certification",
        }
    }

    /// The section with this id, if there is one.
    pub fn from_id(id: &str) -> Option<Section> {
        SECTIONS.into_iter().find(|s| s.id() == id)
    }

    /// The English title used when a questionnaire does not give its own.
    pub fn default_title(self) -> &'static str {
        match self {
            Section::Context => "Context of the organisation",
            Section::Leadership => "Leadership",
            Section::Planning => "Planning",
            Section::Support => "Support",
            Section::Operation => "Operation",
            Section::Performance => "Performance evaluation",
            Section::Improvement => "Improvement",
            Section::Organisational => "Organisational controls",
            Section::People => "People controls",
            Section::Physical => "Physical controls",
            Section::Technological => "Technological controls",
            Section::Certification => "Certification cycle",
        }
    }

    /// A short English name used in explanations: `"Clause 6"`, `"Annex A.8"`,
    /// `"Certification cycle"`.
    pub fn label(self) -> String {
        match self.group() {
            Group::Clauses => format!("Clause {}", self.id()),
            Group::AnnexA => format!("Annex {}", self.id()),
            Group::Certification => "Certification cycle".to_string(),
        }
    }

    /// The group this section counts towards.
    pub fn group(self) -> Group {
        match self {
            Section::Context
            | Section::Leadership
            | Section::Planning
            | Section::Support
            | Section::Operation
            | Section::Performance
            | Section::Improvement => Group::Clauses,
            Section::Organisational
            | Section::People
            | Section::Physical
            | Section::Technological => Group::AnnexA,
            Section::Certification => Group::Certification,
        }
    }
}

impl Serialize for Section {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.id())
    }
}

/// A set of sections scored together: the management-system clauses, the
/// Annex A controls, or the certification cycle.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Group {
    /// Clauses 4 to 10, the mandatory management-system requirements.
    Clauses,
    /// The four Annex A themes.
    AnnexA,
    /// Readiness for the certification audits.
    Certification,
}

/// Every group, in the order results are reported.
pub const GROUPS: [Group; 3] = [Group::Clauses, Group::AnnexA, Group::Certification];

impl Group {
    /// The English name used in explanations.
    pub fn label(self) -> &'static str {
        match self {
            Group::Clauses => "Clauses 4 to 10",
            Group::AnnexA => "Annex A controls",
            Group::Certification => "Certification cycle",
        }
    }

    /// The sections in this group, in report order.
    pub fn sections(self) -> impl Iterator<Item = Section> {
        SECTIONS.into_iter().filter(move |s| s.group() == self)
    }
}
