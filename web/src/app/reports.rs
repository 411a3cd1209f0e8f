//! The reports screen's state (which print-ready report is shown) and the
//! reports themselves as plain data: headed sections of paragraphs and
//! tables of text. Every value comes from the engine (levels, acceptance,
//! the Statement of Applicability and its gaps); this module only words and
//! arranges them, so the view is a straight rendering and the content is
//! tested natively.

use riskwright_engine::date::Date;
use riskwright_engine::document::{Assessment, Risk, Tier};
use riskwright_engine::evaluate::{score_tier, TierResult};
use riskwright_engine::method::{Aggregation, Formula, LevelRule, ResolvedMethod, Scale};
use riskwright_engine::register::effectiveness_label;
use riskwright_engine::soa::{self, Applicability};
use riskwright_engine::treatment::acceptance_state;

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

impl Report {
    /// Every report, in the order the chooser offers them.
    pub const ALL: [Report; 4] = [
        Report::Methodology,
        Report::Assessment,
        Report::TreatmentPlan,
        Report::Soa,
    ];

    /// The key used in `data-report` and in element ids.
    pub fn key(self) -> &'static str {
        match self {
            Report::Methodology => "methodology",
            Report::Assessment => "assessment",
            Report::TreatmentPlan => "plan",
            Report::Soa => "soa",
        }
    }

    /// The report's title.
    pub fn title(self) -> &'static str {
        match self {
            Report::Methodology => "Risk assessment methodology",
            Report::Assessment => "Risk assessment report",
            Report::TreatmentPlan => "Risk treatment plan",
            Report::Soa => "Statement of Applicability",
        }
    }

    /// The ISO/IEC 27001:2022 clauses the report gives evidence for.
    pub fn clause(self) -> &'static str {
        match self {
            Report::Methodology => "ISO/IEC 27001:2022 clause 6.1.2 (risk assessment criteria)",
            Report::Assessment => "ISO/IEC 27001:2022 clause 8.2 (results of the risk assessment)",
            Report::TreatmentPlan => {
                "ISO/IEC 27001:2022 clauses 6.1.3 e and 8.3 (risk treatment plan and its results)"
            }
            Report::Soa => "ISO/IEC 27001:2022 clause 6.1.3 d (Statement of Applicability)",
        }
    }
}

/// A risk level as shown in a cell: its label (always printed) on its colour.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LevelMark {
    /// The level's label, e.g. "High".
    pub label: String,
    /// Its display colour, `#rrggbb`.
    pub color: String,
}

/// One table cell: one or more lines of text, optionally a level mark shown
/// before them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Cell {
    /// A level shown as a labelled chip.
    pub level: Option<LevelMark>,
    /// Lines of text.
    pub lines: Vec<String>,
}

impl Cell {
    /// A cell of one line.
    pub fn text(text: impl Into<String>) -> Cell {
        Cell {
            level: None,
            lines: vec![text.into()],
        }
    }

    /// A cell of several lines; "—" when there are none.
    pub fn lines(lines: Vec<String>) -> Cell {
        if lines.is_empty() {
            return Cell::text("—");
        }
        Cell { level: None, lines }
    }

    /// The cell's text as one string: the level label, then the lines, joined
    /// by spaces (for tests).
    pub fn joined(&self) -> String {
        let mut parts: Vec<&str> = self.level.iter().map(|l| l.label.as_str()).collect();
        parts.extend(self.lines.iter().map(String::as_str));
        parts.join(" ")
    }
}

/// A table of a report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    /// Element id.
    pub id: String,
    /// What the table shows (its caption).
    pub caption: String,
    /// Column headings.
    pub columns: Vec<String>,
    /// Whether each row's first cell heads the row.
    pub row_headers: bool,
    /// The rows.
    pub rows: Vec<Vec<Cell>>,
    /// What to say when there are no rows.
    pub empty: String,
}

/// A part of a section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// A paragraph.
    Para(String),
    /// A table.
    Table(Table),
}

/// A headed section of a report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// Element id of the heading.
    pub id: String,
    /// The heading.
    pub heading: String,
    /// Its content.
    pub blocks: Vec<Block>,
}

/// A whole report, ready to render.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportDoc {
    /// Which report.
    pub report: Report,
    /// The header block: (term, value) pairs.
    pub header: Vec<(String, String)>,
    /// The sections.
    pub sections: Vec<Section>,
}

/// "Revision 7 (7 recorded changes) · Riskwright 0.1.0": the revision is the
/// number of changes the history records, the second part the engine's
/// version.
pub fn version_line(assessment: &Assessment) -> String {
    let n = assessment.history.len();
    format!(
        "Revision {n} ({n} recorded change{}) · Riskwright {}",
        if n == 1 { "" } else { "s" },
        riskwright_engine::VERSION
    )
}

/// The report `report` of `assessment` on `today`.
pub fn build(assessment: &Assessment, report: Report, today: Date) -> ReportDoc {
    let header = vec![
        ("Assessment".to_string(), assessment.name.clone()),
        (
            "Scope".to_string(),
            or_none(&assessment.scope, "not stated"),
        ),
        ("Date".to_string(), today.to_string()),
        ("Version".to_string(), version_line(assessment)),
    ];
    let sections = match ResolvedMethod::new(assessment.method.clone()) {
        Ok(method) => match report {
            Report::Methodology => methodology(&method),
            Report::Assessment => register(assessment, &method),
            Report::TreatmentPlan => treatment_plan(assessment, &method, today),
            Report::Soa => statement(assessment, today),
        },
        Err(problems) => vec![Section {
            id: "report-invalid".into(),
            heading: "The method is not valid".into(),
            blocks: vec![Block::Para(format!(
                "Fix the method before printing reports: {}",
                riskwright_engine::diagnostic::join(&problems)
            ))],
        }],
    };
    ReportDoc {
        report,
        header,
        sections,
    }
}

fn or_none(text: &str, none: &str) -> String {
    if text.trim().is_empty() {
        none.to_string()
    } else {
        text.to_string()
    }
}

fn columns(names: &[&str]) -> Vec<String> {
    names.iter().map(|s| s.to_string()).collect()
}

fn section(id: &str, heading: &str, blocks: Vec<Block>) -> Section {
    Section {
        id: id.into(),
        heading: heading.into(),
        blocks,
    }
}

fn mark(method: &ResolvedMethod, index: usize) -> Option<LevelMark> {
    method.level(index).map(|l| LevelMark {
        label: l.label.clone(),
        color: l.color.clone(),
    })
}

/// "Low", "Low and Medium", "Low, Medium and High" (or "or" for `word`).
fn list(items: &[String], word: &str) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} {word} {last}", init.join(", ")),
    }
}

// ---- Methodology (6.1.2) ----

fn scale_table(id: &str, caption: &str, scale: &Scale) -> Table {
    Table {
        id: id.into(),
        caption: caption.into(),
        columns: columns(&["Level", "Label", "Description", "Guidance"]),
        row_headers: true,
        rows: scale
            .levels
            .iter()
            .enumerate()
            .map(|(i, level)| {
                vec![
                    Cell::text((i + 1).to_string()),
                    Cell::text(level.label.clone()),
                    Cell::text(or_none(&level.description, "—")),
                    Cell::text(or_none(&level.guidance, "—")),
                ]
            })
            .collect(),
        empty: "No levels.".into(),
    }
}

fn methodology(method: &ResolvedMethod) -> Vec<Section> {
    let m = method.method();
    let dims: Vec<String> = m.dimensions.iter().map(|d| d.label.clone()).collect();
    let aggregation = match m.aggregation {
        Aggregation::Max => {
            "The impact that is scored is the highest of the rated dimensions: the worst consequence decides."
        }
        Aggregation::Mean => {
            "The impact that is scored is the mean of the rated dimensions, rounded half up."
        }
    };
    let rule = match &m.rule {
        LevelRule::Matrix { .. } => {
            "Each cell of the matrix is assigned its risk level explicitly.".to_string()
        }
        LevelRule::Formula {
            formula,
            thresholds,
        } => {
            let how = match formula {
                Formula::Product => "likelihood × impact",
                Formula::Sum => "likelihood + impact",
            };
            let steps: Vec<String> = thresholds
                .iter()
                .map(|t| {
                    let label = m
                        .levels
                        .iter()
                        .find(|l| l.id == t.level)
                        .map_or(t.level.as_str(), |l| l.label.as_str());
                    format!("{label} from {}", t.min_score)
                })
                .collect();
            format!(
                "Each cell's score is {how}; the score sets the level: {}.",
                steps.join(", ")
            )
        }
    };
    let matrix = Table {
        id: "report-matrix".into(),
        caption: "Risk matrix: likelihood (rows, highest first) by impact (columns); each cell names its risk level".into(),
        columns: std::iter::once("Likelihood \\ Impact".to_string())
            .chain(
                m.impact
                    .levels
                    .iter()
                    .enumerate()
                    .map(|(i, l)| format!("{} {}", i + 1, l.label)),
            )
            .collect(),
        row_headers: true,
        rows: (1..=method.likelihood_max())
            .rev()
            .map(|l| {
                let label = m
                    .likelihood
                    .levels
                    .get(usize::from(l - 1))
                    .map_or("", |s| s.label.as_str());
                std::iter::once(Cell::text(format!("{l} {label}")))
                    .chain((1..=method.impact_max()).map(|i| Cell {
                        level: method.level_index_at(l, i).and_then(|x| mark(method, x)),
                        lines: Vec::new(),
                    }))
                    .collect()
            })
            .collect(),
        empty: String::new(),
    };
    let appetite = method.appetite();
    let levels = Table {
        id: "report-levels".into(),
        caption: "Risk levels, lowest first, with how often a risk at each level is reviewed"
            .into(),
        columns: columns(&["Level", "Review at least every", "Within the risk appetite"]),
        row_headers: true,
        rows: m
            .levels
            .iter()
            .enumerate()
            .map(|(i, level)| {
                vec![
                    Cell::text(level.label.clone()),
                    Cell::text(format!("{} days", level.review_interval_days)),
                    Cell::text(if i <= appetite { "Yes" } else { "No" }),
                ]
            })
            .collect(),
        empty: "No levels.".into(),
    };
    let labels = |range: &[riskwright_engine::method::RiskLevel]| -> Vec<String> {
        range.iter().map(|l| l.label.clone()).collect()
    };
    let (within, above) = m.levels.split_at((appetite + 1).min(m.levels.len()));
    let appetite_label = m.levels.get(appetite).map_or("", |l| l.label.as_str());
    let within_text = if within.len() > 1 {
        format!(" or lower ({})", list(&labels(within), "and"))
    } else {
        String::new()
    };
    let mut criteria = vec![Block::Para(format!(
        "The risk appetite is {appetite_label}. A risk whose level is {appetite_label}{within_text} is within the appetite: it may be retained without further treatment, by an informed decision."
    ))];
    if !above.is_empty() {
        criteria.push(Block::Para(format!(
            "A risk at {} is above the appetite: a treatment option must be chosen for it, and its risk owner must accept the residual risk that remains after treatment.",
            list(&labels(above), "or")
        )));
    }
    criteria.push(Block::Para(
        "An acceptance holds until the risk's next review (the acceptance date plus the review interval of the risk's level) and ends earlier if the residual level rises above the level that was accepted.".into(),
    ));
    vec![
        section(
            "report-likelihood",
            "Likelihood scale",
            vec![Block::Table(scale_table(
                "report-likelihood-scale",
                "Likelihood levels, lowest first",
                &m.likelihood,
            ))],
        ),
        section(
            "report-impact",
            "Impact scale",
            vec![Block::Table(scale_table(
                "report-impact-scale",
                "Impact levels, lowest first",
                &m.impact,
            ))],
        ),
        section(
            "report-dimensions",
            "Impact dimensions and aggregation",
            vec![
                Block::Para(format!(
                    "Impact is rated on {} dimension{}: {}.",
                    dims.len(),
                    if dims.len() == 1 { "" } else { "s" },
                    list(&dims, "and")
                )),
                Block::Para(aggregation.into()),
            ],
        ),
        section(
            "report-matrix-title",
            "Risk matrix",
            vec![Block::Para(rule), Block::Table(matrix)],
        ),
        section(
            "report-levels-title",
            "Risk levels and review intervals",
            vec![Block::Table(levels)],
        ),
        section("report-appetite", "Risk acceptance criteria", criteria),
    ]
}

// ---- Risk assessment report (8.2) ----

fn tier_cell(method: &ResolvedMethod, result: Option<&TierResult>) -> Cell {
    match result {
        Some(r) => Cell {
            level: method
                .method()
                .level_index(&r.level)
                .and_then(|i| mark(method, i)),
            lines: vec![format!("L{} × I{}", r.likelihood, r.impact)],
        },
        None => Cell::text("not scored"),
    }
}

fn register(assessment: &Assessment, method: &ResolvedMethod) -> Vec<Section> {
    let rows = assessment
        .risks
        .iter()
        .map(|risk| {
            let assets: Vec<String> = risk
                .asset_ids
                .iter()
                .map(|id| {
                    let found = assessment.assets.iter().find(|a| &a.id == id);
                    found.map_or_else(|| id.clone(), |a| a.name.clone())
                })
                .collect();
            let threat = risk.threat_id.as_deref().map_or("—".to_string(), |id| {
                let found = assessment.threats.iter().find(|t| t.id == id);
                found.map_or_else(|| id.to_string(), |t| t.name.clone())
            });
            let vulnerability = risk
                .vulnerability_id
                .as_deref()
                .map_or("—".to_string(), |id| {
                    let found = assessment.vulnerabilities.iter().find(|v| v.id == id);
                    found.map_or_else(|| id.to_string(), |v| v.name.clone())
                });
            let tier = |t| tier_cell(method, score_tier(method, risk, t).as_ref());
            vec![
                Cell::text(risk.id.clone()),
                Cell::text(risk.title.clone()),
                Cell::lines(assets),
                Cell::text(threat),
                Cell::text(vulnerability),
                Cell::text(or_none(&risk.owner, "none")),
                tier(Tier::Inherent),
                tier(Tier::Current),
                tier(Tier::Residual),
                Cell::lines(
                    risk.decision
                        .iter()
                        .map(|d| d.option.label().to_string())
                        .chain(std::iter::once(risk.treatment.label().to_string()))
                        .collect(),
                ),
                Cell::text(risk.reviewed_on.map_or("—".to_string(), |d| d.to_string())),
            ]
        })
        .collect();
    let n = assessment.risks.len();
    vec![section(
        "report-register",
        "Risk register",
        vec![
            Block::Para(format!(
                "{n} risk{} identified. Each level is shown with its cell: L is the likelihood level and I the aggregated impact level. Inherent risk is before any control, current risk with the controls in place today, residual risk after the planned treatment.",
                if n == 1 { "" } else { "s" }
            )),
            Block::Table(Table {
                id: "report-register-table".into(),
                caption: "The risk register with the three levels of each risk".into(),
                columns: columns(&[
                    "ID",
                    "Risk",
                    "Assets",
                    "Threat",
                    "Vulnerability",
                    "Risk owner",
                    "Inherent",
                    "Current",
                    "Residual",
                    "Treatment",
                    "Last review",
                ]),
                row_headers: true,
                rows,
                empty: "No risks in the register.".into(),
            }),
        ],
    )]
}

// ---- Risk treatment plan (6.1.3 e, 8.3) ----

/// Whether the risk belongs in the treatment plan: a treatment option was
/// chosen, or the engine says it needs one.
fn in_plan(method: &ResolvedMethod, risk: &Risk) -> bool {
    risk.decision.is_some() || riskwright_engine::treatment::needs_treatment(method, risk)
}

fn treatment_plan(assessment: &Assessment, method: &ResolvedMethod, today: Date) -> Vec<Section> {
    let risks: Vec<&Risk> = assessment
        .risks
        .iter()
        .filter(|r| in_plan(method, r))
        .collect();
    let rows = risks
        .iter()
        .map(|risk| {
            let decision = match &risk.decision {
                Some(d) => {
                    let mut lines = vec![d.option.label().to_string()];
                    if !d.justification.trim().is_empty() {
                        lines.push(d.justification.clone());
                    }
                    Cell::lines(lines)
                }
                None => Cell::text("No option chosen yet"),
            };
            let controls = Cell::lines(
                risk.controls
                    .iter()
                    .map(|c| {
                        format!(
                            "{}: {} ({} effectiveness, {})",
                            soa::control_name(assessment, &c.control_id),
                            c.status.label(),
                            effectiveness_label(c.effectiveness),
                            c.acts_through.as_str()
                        )
                    })
                    .collect(),
            );
            let residual = score_tier(method, risk, Tier::Residual);
            let state = acceptance_state(method, risk, today).describe();
            let acceptance = match &risk.acceptance {
                Some(a) => {
                    let mut lines = vec![format!("By {} on {}", a.by, a.on), state];
                    if !a.note.trim().is_empty() {
                        lines.push(format!("“{}”", a.note));
                    }
                    Cell::lines(lines)
                }
                None => Cell::text(state),
            };
            vec![
                Cell::lines(vec![risk.id.clone(), risk.title.clone()]),
                Cell::text(or_none(&risk.owner, "none")),
                decision,
                controls,
                tier_cell(method, residual.as_ref()),
                acceptance,
            ]
        })
        .collect();
    let actions = assessment
        .plan
        .iter()
        .map(|a| {
            vec![
                Cell::text(a.id.clone()),
                Cell::text(a.title.clone()),
                Cell::text(if a.control_id.trim().is_empty() {
                    "—".to_string()
                } else {
                    soa::control_name(assessment, &a.control_id)
                }),
                Cell::text(or_none(&a.owner, "none")),
                Cell::text(a.due.map_or("—".to_string(), |d| d.to_string())),
                Cell::text(a.status.label()),
                Cell::text(if a.risk_ids.is_empty() {
                    "—".to_string()
                } else {
                    a.risk_ids.join(", ")
                }),
            ]
        })
        .collect();
    let n = risks.len();
    vec![
        section(
            "report-treatment",
            "Treatment of the risks",
            vec![
                Block::Para(format!(
                    "{n} risk{} above the risk appetite or with a treatment option chosen. For each: the option and why, the controls applied with their status, the residual level and the risk owner's acceptance of it.",
                    if n == 1 { "" } else { "s" }
                )),
                Block::Table(Table {
                    id: "report-treatment-table".into(),
                    caption: "Risk treatment decisions, controls, residual levels and acceptance".into(),
                    columns: columns(&[
                        "Risk",
                        "Risk owner",
                        "Option and justification",
                        "Controls applied",
                        "Residual",
                        "Acceptance",
                    ]),
                    row_headers: true,
                    rows,
                    empty: "No risk is above the appetite and no treatment option was chosen.".into(),
                }),
            ],
        ),
        section(
            "report-actions",
            "Plan actions",
            vec![Block::Table(Table {
                id: "report-actions-table".into(),
                caption: "The actions of the risk treatment plan".into(),
                columns: columns(&["ID", "Action", "Control", "Owner", "Due", "Status", "Risks"]),
                row_headers: true,
                rows: actions,
                empty: "No actions planned.".into(),
            })],
        ),
    ]
}

// ---- Statement of Applicability (6.1.3 d) ----

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}

fn statement(assessment: &Assessment, today: Date) -> Vec<Section> {
    let rows = soa::statement(assessment);
    let count = |a| rows.iter().filter(|r| r.applicability == a).count();
    let (applicable, excluded, undecided) = (
        count(Applicability::Applicable),
        count(Applicability::Excluded),
        count(Applicability::Undecided),
    );
    let gaps = soa::gaps(assessment, today).len();
    let table_rows = rows
        .iter()
        .map(|row| {
            let mut reasons = Vec::new();
            if row.selected() {
                reasons.push(format!("Treats risk {}", row.risk_ids.join(", ")));
            }
            for r in &row.entry.reasons {
                reasons.push(capitalised(r.as_str()));
            }
            if !row.entry.reason_note.trim().is_empty() {
                reasons.push(row.entry.reason_note.clone());
            }
            vec![
                Cell::text(row.control.id.clone()),
                Cell::text(row.control.title.clone()),
                Cell::text(capitalised(row.applicability.as_str())),
                Cell::lines(reasons),
                Cell::text(or_none(&row.entry.exclusion_justification, "—")),
                Cell::text(
                    soa::row_status(assessment, row)
                        .map_or("not set".to_string(), |s| capitalised(s.label())),
                ),
                Cell::lines(
                    row.entry
                        .evidence
                        .iter()
                        .filter(|e| !e.trim().is_empty())
                        .cloned()
                        .collect(),
                ),
            ]
        })
        .collect();
    vec![section(
        "report-soa-controls",
        "Controls",
        vec![
            Block::Para(format!(
                "{} controls: {applicable} applicable, {excluded} excluded, {undecided} not decided. Open gaps: {gaps}{}",
                rows.len(),
                if gaps == 0 {
                    " (the statement is complete)."
                } else {
                    " (see the Statement of Applicability screen for each)."
                }
            )),
            Block::Table(Table {
                id: "report-soa-table".into(),
                caption: "Every Annex A control and custom control with its applicability".into(),
                columns: columns(&[
                    "Control",
                    "Title",
                    "Applicability",
                    "Reasons for inclusion",
                    "Justification for exclusion",
                    "Status",
                    "Evidence",
                ]),
                row_headers: true,
                rows: table_rows,
                empty: "No controls.".into(),
            }),
        ],
    )]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture() -> Assessment {
        Assessment::from_json_str(include_str!(
            "../../../engine/tests/fixtures/schema/v3.json"
        ))
        .expect("the schema-3 fixture loads")
    }

    fn today() -> Date {
        Date::parse("2026-12-01").expect("a valid date")
    }

    fn table<'a>(doc: &'a ReportDoc, id: &str) -> &'a Table {
        doc.sections
            .iter()
            .flat_map(|s| s.blocks.iter())
            .find_map(|b| match b {
                Block::Table(t) if t.id == id => Some(t),
                _ => None,
            })
            .unwrap_or_else(|| panic!("no table {id}"))
    }

    fn paras(doc: &ReportDoc) -> String {
        doc.sections
            .iter()
            .flat_map(|s| s.blocks.iter())
            .filter_map(|b| match b {
                Block::Para(p) => Some(p.as_str()),
                Block::Table(_) => None,
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    fn row_text(row: &[Cell]) -> Vec<String> {
        row.iter().map(Cell::joined).collect()
    }

    #[test]
    fn every_report_has_the_header_with_revision_and_engine_version() {
        let a = fixture();
        for report in Report::ALL {
            let doc = build(&a, report, today());
            assert_eq!(
                doc.header,
                vec![
                    ("Assessment".to_string(), "Acme ISMS 2026".to_string()),
                    (
                        "Scope".to_string(),
                        "Customer portal and its hosting".to_string()
                    ),
                    ("Date".to_string(), "2026-12-01".to_string()),
                    (
                        "Version".to_string(),
                        format!(
                            "Revision 7 (7 recorded changes) · Riskwright {}",
                            riskwright_engine::VERSION
                        )
                    ),
                ]
            );
        }
        let mut fresh = Assessment::new("Demo");
        fresh.scope.clear();
        let doc = build(&fresh, Report::Methodology, today());
        assert_eq!(doc.header[1].1, "not stated");
        assert!(doc.header[3]
            .1
            .starts_with("Revision 0 (0 recorded changes)"));
    }

    #[test]
    fn methodology_lists_scales_matrix_levels_and_appetite() {
        let doc = build(&fixture(), Report::Methodology, today());
        let likelihood = table(&doc, "report-likelihood-scale");
        assert_eq!(
            row_text(&likelihood.rows[0]),
            [
                "1",
                "Unlikely",
                "Not expected in the next few years.",
                "less than once in 5 years"
            ]
        );
        let matrix = table(&doc, "report-matrix");
        assert_eq!(
            matrix.columns,
            ["Likelihood \\ Impact", "1 Minor", "2 Moderate", "3 Severe"]
        );
        // Highest likelihood first; every cell carries its level's label.
        assert_eq!(
            row_text(&matrix.rows[0]),
            ["3 Likely", "Medium", "High", "High"]
        );
        assert_eq!(
            row_text(&matrix.rows[2]),
            ["1 Unlikely", "Low", "Low", "Medium"]
        );
        let levels = table(&doc, "report-levels");
        assert_eq!(row_text(&levels.rows[0]), ["Low", "365 days", "Yes"]);
        assert_eq!(row_text(&levels.rows[2]), ["High", "90 days", "No"]);
        let text = paras(&doc);
        assert!(text.contains(
            "Impact is rated on 4 dimensions: Confidentiality, Integrity, Availability and Legal."
        ));
        assert!(text.contains("highest of the rated dimensions"));
        assert!(text.contains("The risk appetite is Low."));
        assert!(text.contains("A risk at Medium or High is above the appetite"));
        assert!(text.contains("A risk whose level is Low is within the appetite"));
    }

    #[test]
    fn assessment_report_lists_each_risk_with_names_and_three_levels() {
        let doc = build(&fixture(), Report::Assessment, today());
        let register = table(&doc, "report-register-table");
        assert_eq!(register.rows.len(), 2);
        let r1 = row_text(&register.rows[0]);
        assert_eq!(r1[0], "R1");
        assert_eq!(r1[1], "Ransomware encrypts the customer database");
        assert_eq!(r1[2], "Customer database Web servers");
        assert_eq!(r1[3], "Ransomware");
        assert_eq!(r1[5], "CTO");
        // Inherent: likelihood 3, impact max(3, 2) = 3 → High.
        assert_eq!(r1[6], "High L3 × I3");
        assert_eq!(r1[9], "Modify In progress");
        assert_eq!(r1[10], "2026-10-01");
        let r2 = row_text(&register.rows[1]);
        assert_eq!(r2[6], "not scored");
        assert_eq!(r2[5], "none");
    }

    #[test]
    fn treatment_plan_shows_decisions_controls_acceptance_and_actions() {
        let doc = build(&fixture(), Report::TreatmentPlan, today());
        let treated = table(&doc, "report-treatment-table");
        // R2 is unscored with no decision: not part of the plan.
        assert_eq!(treated.rows.len(), 1);
        let r1 = row_text(&treated.rows[0]);
        assert_eq!(r1[0], "R1 Ransomware encrypts the customer database");
        assert_eq!(r1[2], "Modify");
        assert_eq!(
            r1[3],
            "8.13 Information backup: planned (medium effectiveness, corrective)"
        );
        let expected = acceptance_state(
            &ResolvedMethod::new(fixture().method).expect("valid"),
            &fixture().risks[0],
            today(),
        )
        .describe();
        assert_eq!(
            r1[5],
            format!("By CTO on 2026-11-20 {expected} “Within budget after backups”")
        );
        let actions = table(&doc, "report-actions-table");
        assert_eq!(
            row_text(&actions.rows[0]),
            [
                "A-1",
                "Nightly off-site backups",
                "8.13 Information backup",
                "CTO",
                "2027-01-31",
                "planned",
                "R1"
            ]
        );
    }

    #[test]
    fn a_risk_above_the_appetite_without_decision_is_in_the_plan() {
        let mut a = fixture();
        a.risks[0].decision = None;
        let doc = build(&a, Report::TreatmentPlan, today());
        let treated = table(&doc, "report-treatment-table");
        assert_eq!(treated.rows.len(), 1, "R1's current level is above Low");
        assert_eq!(treated.rows[0][2].joined(), "No option chosen yet");
    }

    #[test]
    fn statement_of_applicability_has_every_control_and_the_gap_count() {
        let a = fixture();
        let doc = build(&a, Report::Soa, today());
        let soa_table = table(&doc, "report-soa-table");
        assert_eq!(soa_table.rows.len(), 93 + a.custom_controls.len());
        assert_eq!(
            row_text(&soa_table.rows[0])[..3],
            ["5.1", "Policies for information security", "Undecided"]
        );
        let backup = soa_table
            .rows
            .iter()
            .find(|r| r[0].joined() == "8.13")
            .expect("8.13 is listed");
        assert_eq!(
            row_text(backup)[2..],
            [
                "Applicable",
                "Treats risk R1 Business",
                "—",
                "Planned",
                "Backup policy v2"
            ]
        );
        let premises = soa_table
            .rows
            .iter()
            .find(|r| r[0].joined() == "7.5")
            .expect("7.5 is listed");
        assert_eq!(premises[2].joined(), "Excluded");
        assert_eq!(
            premises[4].joined(),
            "Fully remote company with no premises"
        );
        let gaps = soa::gaps(&a, today()).len();
        assert!(paras(&doc).contains(&format!("Open gaps: {gaps} ")));
        assert!(paras(&doc).contains("1 excluded"));
    }
}
