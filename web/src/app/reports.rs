//! The reports screen's state: which print-ready report is shown.

/// The reports an auditor reads.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Report {
    /// The risk assessment methodology: scales, matrix, appetite.
    #[default]
    Methodology,
    /// The risk assessment report: the register with three tiers and owners.
    Assessment,
    /// The risk treatment plan, with acceptances.
    TreatmentPlan,
    /// The Statement of Applicability.
    Soa,
}
