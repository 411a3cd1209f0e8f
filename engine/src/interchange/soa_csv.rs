//! The Statement of Applicability as a CSV file: exported one row per
//! control, and imported back, from our own export or from a spreadsheet
//! kept by hand, including one written against ISO/IEC 27001:2013, which is
//! migrated to the 2022 controls on the way in.
//!
//! The CSV rules are those of the register export (see [`super::csv`]):
//! UTF-8 with a BOM, CRLF, RFC 4180 quoting, and user text neutralised
//! against formula injection. The columns and their separators are
//! documented on [`SOA_HEADERS`], the import on [`import_soa_csv`], and the
//! 2013 merge rule on [`Migration2013`], since this module is private and
//! its items are re-exported from [`super`].

use super::csv::{neutralise, parse_csv, restore, write_record, CsvTable, BOM};
use crate::catalogue::{
    annex_a, controls_from_2013, normalise_control_id, sources_2013, Control, Theme,
};
use crate::date::Date;
use crate::document::{Assessment, InclusionReason, SoaEntry};
use crate::soa::{control_key, controls, row_status, statement, Applicability};
use crate::treatment::ControlStatus;
use crate::Diagnostic;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

/// The header of the SoA export, in order.
///
/// `Title`, `Theme`, `Source` and `Risks` are derived from the catalogue
/// and the register, so the import reads them as information only. Lists
/// are written so that they read back unchanged:
///
/// - `Risks` and `Reasons` are joined with `"; "` (risk ids and the three
///   reason words hold no `;`).
/// - `Evidence` has **one item per line** inside the cell. Evidence is often
///   a URL, and a URL may hold `,` and `;` but never a line break, so the
///   line break is the one separator that cannot be mistaken for part of an
///   item. The import splits on line breaks only; a cell written by hand as
///   `policy.pdf; minutes.docx` stays one item rather than being cut inside
///   a URL. (An item that itself holds a line break comes back as two.)
pub const SOA_HEADERS: [&str; 13] = [
    "Control",
    "Title",
    "Theme",
    "Source",
    "Applicable",
    "Risks",
    "Reasons",
    "Reason note",
    "Exclusion justification",
    "Status",
    "Evidence",
    "Owner",
    "Reviewed on",
];

/// What importing a SoA file would record, for the user to confirm.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SoaImport {
    /// The entries of the rows without problems, one per control, in
    /// catalogue order (Annex A, then custom controls). For a 2013 file,
    /// the 2022 entries the migration builds.
    pub entries: Vec<SoaEntry>,
    /// Every problem, by row then column, with a path such as
    /// `row 3, column Applicable` (`row 1` for the header, `line N` when
    /// the file is not valid CSV). A row with any gives no entry.
    pub problems: Vec<Diagnostic>,
    /// Headers of the columns that fill no field of an entry: the derived
    /// ones (`Title`, `Theme`, `Source`, `Risks`) and unrecognised ones.
    pub ignored_columns: Vec<String>,
    /// What the migration did, when the file lists ISO/IEC 27001:2013
    /// controls; `None` for a 2022 file.
    pub migration: Option<Migration2013>,
}

/// How a 2013 Statement of Applicability was carried over to 2022, in
/// sentences for the preview.
///
/// When most Annex A ids in the file are ISO/IEC 27001:2013 ids (three
/// parts, `A.9.2.1`), the file is read as a 2013 SoA and each row is moved
/// to its 2022 control(s) through [`controls_from_2013`]; custom controls
/// pass through unchanged. A 2022 control fed by several 2013 rows gets one
/// entry by this rule:
///
/// - **Applicable if any source is applicable.** The 2022 control covers
///   what each source covered, so if one part had to be in place, the whole
///   still has to be. Excluding it would silently drop a control that was
///   needed.
/// - **Excluded only if every source is excluded**, with their
///   justifications joined (each prefixed with its 2013 id when they
///   differ), since only then does each part have a reason not to apply.
///   Otherwise, with none applicable, it is left undecided for the user.
///   The justifications of excluded sources of an applicable control are
///   dropped, and the preview says so.
/// - **Evidence and reasons are the union**: the evidence of each part is
///   still evidence for the whole.
/// - **Status is the least advanced of the sources** (not effective, then
///   planned, in progress, implemented), because the merged control is only
///   as far along as its weakest part. A source that is not excluded and
///   has no status makes it unknown (empty), so the gap checker asks for it
///   rather than overstating progress. Excluded sources do not count.
/// - **Owners and notes are joined when they differ**; the review date is
///   the earliest, as the merged entry is only as fresh as its stalest part.
///
/// A 2013 control split across two 2022 controls (`A.18.2.3`) gives its
/// decision to each. The 11 controls new in 2022 have no source: they are
/// left undecided and listed as needing a decision.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Migration2013 {
    /// How many 2013 control rows were migrated (rows with problems are not).
    pub rows_2013: usize,
    /// One or two sentences on the whole migration.
    pub summary: String,
    /// Every 2022 control fed by more than one 2013 row, in catalogue order.
    pub merged: Vec<MergedControl>,
    /// Every 2013 control of the file that feeds more than one 2022 control.
    pub split: Vec<SplitControl>,
    /// The 2022 controls new in 2022 (no 2013 source): left undecided.
    pub new_controls: Vec<NewControl>,
}

/// A 2022 control whose entry merges several 2013 rows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MergedControl {
    /// The 2022 control id, e.g. `"5.1"`.
    pub control_id: String,
    /// Its title.
    pub title: String,
    /// The 2013 controls merged into it, without `A.`, in file order
    /// (`["5.1.1", "5.1.2"]`).
    pub from_2013: Vec<String>,
    /// What happened, e.g. "5.1 Policies for information security ←
    /// A.5.1.1, A.5.1.2: …".
    pub message: String,
}

/// A 2013 control that feeds more than one 2022 control.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SplitControl {
    /// The 2013 control id without `A.`, e.g. `"18.2.3"`.
    pub id_2013: String,
    /// The 2022 controls it feeds, in catalogue order.
    pub into: Vec<String>,
    /// What happened, in a sentence.
    pub message: String,
}

/// A control new in ISO/IEC 27001:2022, which no 2013 decision covers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NewControl {
    /// The 2022 control id, e.g. `"5.7"`.
    pub control_id: String,
    /// Its title.
    pub title: String,
    /// That it needs a decision, in a sentence.
    pub message: String,
}

// ------------------------------------------------------------------ export

fn theme_label(theme: Theme) -> &'static str {
    match theme {
        Theme::Organizational => "Organizational",
        Theme::People => "People",
        Theme::Physical => "Physical",
        Theme::Technological => "Technological",
    }
}

fn applicable_word(applicability: Applicability) -> &'static str {
    match applicability {
        Applicability::Applicable => "yes",
        Applicability::Excluded => "no",
        Applicability::Undecided => "undecided",
    }
}

fn reasons_cell(reasons: &[InclusionReason]) -> String {
    let words: Vec<&str> = reasons.iter().map(|r| r.as_str()).collect();
    words.join("; ")
}

fn evidence_cell(evidence: &[String]) -> String {
    let items: Vec<&str> = evidence
        .iter()
        .map(|e| e.trim())
        .filter(|e| !e.is_empty())
        .collect();
    items.join("\n")
}

/// The Statement of Applicability as CSV text (RFC 4180, UTF-8 with BOM,
/// CRLF), with the columns of [`SOA_HEADERS`]: one row per control of
/// [`statement`] (the 93 of Annex A, then the custom controls). User text
/// is neutralised against formula injection. `Applicable` is `yes`, `no` or
/// `undecided` as the statement derives it (a risk selecting a control
/// makes it `yes`); `Status` is [`row_status`]'s; `Evidence` has one item
/// per line. Never panics.
///
/// ```
/// use riskwright_engine::document::Assessment;
/// use riskwright_engine::interchange::export_soa_csv;
/// let csv = export_soa_csv(&Assessment::new("Demo"));
/// assert_eq!(csv.lines().count(), 94);
/// ```
pub fn export_soa_csv(assessment: &Assessment) -> String {
    let mut out = String::new();
    out.push(BOM);
    write_record(&mut out, &SOA_HEADERS);
    let text = |s: &str| neutralise(s).into_owned();
    for row in statement(assessment) {
        let entry = &row.entry;
        let cells = [
            text(&row.control.id),
            text(&row.control.title),
            theme_label(row.control.theme).to_string(),
            text(&row.control.source),
            applicable_word(row.applicability).to_string(),
            text(&row.risk_ids.join("; ")),
            reasons_cell(&entry.reasons),
            text(&entry.reason_note),
            text(&entry.exclusion_justification),
            row_status(assessment, &row)
                .map(|s| s.label().to_string())
                .unwrap_or_default(),
            text(&evidence_cell(&entry.evidence)),
            text(&entry.owner),
            entry.reviewed_on.map(|d| d.to_string()).unwrap_or_default(),
        ];
        write_record(&mut out, &cells);
    }
    out
}

// ------------------------------------------------------------------ import

/// What a column of the file fills.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Field {
    Control,
    Applicable,
    Reasons,
    ReasonNote,
    ExclusionJustification,
    /// A "Justification" column that may hold either kind: it fills the
    /// exclusion justification of an excluded control, else the reason note.
    Justification,
    Status,
    Evidence,
    Owner,
    ReviewedOn,
    /// Title, theme, source, risks: shown in the export, not read back.
    Derived,
}

/// A header reduced for matching: lowercase, `_` as space, single spaces,
/// no BOM and no trailing `:`, `*` or `?`.
fn normalise_header(header: &str) -> String {
    let lower = header
        .trim_start_matches(BOM)
        .to_lowercase()
        .replace('_', " ");
    let words: Vec<&str> = lower.split_whitespace().collect();
    words
        .join(" ")
        .trim_end_matches([':', '*', '?'])
        .trim()
        .to_string()
}

fn header_field(key: &str) -> Option<Field> {
    use Field as F;
    Some(match key {
        "control" | "control id" | "control ref" | "control reference" | "control no"
        | "control no." | "control number" | "id" | "ref" | "ref." | "reference" | "annex a"
        | "annex a control" | "annex a id" | "annex a ref" | "annex a reference" | "clause"
        | "#" | "no" | "no." => F::Control,
        "title"
        | "control title"
        | "name"
        | "control name"
        | "control description"
        | "description"
        | "objective"
        | "control objective"
        | "theme"
        | "category"
        | "section"
        | "source"
        | "framework"
        | "standard"
        | "risks"
        | "risk"
        | "risk ids"
        | "selected by"
        | "selected by risks"
        | "related risks"
        | "linked risks" => F::Derived,
        "applicable" | "applicability" | "applies" | "included" | "include" | "inclusion"
        | "selected" | "in scope" | "is applicable" | "applicable y/n" | "applicable (y/n)" => {
            F::Applicable
        }
        "reasons"
        | "reason"
        | "reasons for inclusion"
        | "reason for inclusion"
        | "inclusion reasons"
        | "inclusion reason"
        | "reason for selection"
        | "reasons for selection"
        | "selection reason"
        | "selection reasons" => F::Reasons,
        "reason note"
        | "reason notes"
        | "reasons note"
        | "inclusion note"
        | "inclusion notes"
        | "reason details"
        | "notes on reasons"
        | "justification for inclusion"
        | "inclusion justification" => F::ReasonNote,
        "exclusion justification"
        | "justification for exclusion"
        | "reason for exclusion"
        | "reasons for exclusion"
        | "exclusion reason"
        | "exclusion reasons"
        | "why excluded"
        | "exclusion"
        | "justification of exclusion"
        | "exclusion rationale" => F::ExclusionJustification,
        "justification"
        | "justifications"
        | "rationale"
        | "justification for inclusion/exclusion"
        | "justification for inclusion or exclusion"
        | "reason for inclusion/exclusion"
        | "reason for inclusion or exclusion"
        | "inclusion/exclusion justification" => F::Justification,
        "status"
        | "implementation status"
        | "implementation"
        | "control status"
        | "state"
        | "implementation state"
        | "progress" => F::Status,
        "evidence"
        | "evidence references"
        | "evidence reference"
        | "evidence links"
        | "evidence link"
        | "references to evidence"
        | "documentation"
        | "documents"
        | "supporting documents"
        | "reference documents"
        | "evidence of implementation" => F::Evidence,
        "owner" | "control owner" | "responsible" | "responsibility" | "accountable"
        | "owner name" => F::Owner,
        "reviewed on" | "review date" | "last reviewed" | "date reviewed" | "reviewed"
        | "last review" | "date of review" | "last review date" => F::ReviewedOn,
        _ => return None,
    })
}

/// The field a header names: as written, or without a trailing
/// parenthesised hint (`Applicable (Y/N)`, `Status (planned/…)`).
fn match_header(header: &str) -> Option<Field> {
    let key = normalise_header(header);
    header_field(&key).or_else(|| {
        let (head, _) = key.rsplit_once(" (")?;
        key.ends_with(')').then_some(())?;
        header_field(head.trim())
    })
}

/// A cell's words reduced for matching: lowercase, `_` and `-` as space,
/// single spaces, no trailing `.`.
fn normalise_word(cell: &str) -> String {
    let lower: String = cell
        .to_lowercase()
        .chars()
        .map(|c| if c == '_' || c == '-' { ' ' } else { c })
        .collect();
    let words: Vec<&str> = lower.split_whitespace().collect();
    words.join(" ").trim_end_matches('.').to_string()
}

fn parse_applicable(cell: &str) -> Result<Option<bool>, String> {
    match normalise_word(cell).as_str() {
        "yes" | "y" | "true" | "included" | "include" | "applicable" | "selected" => Ok(Some(true)),
        "no" | "n" | "false" | "excluded" | "exclude" | "not applicable" | "n/a" | "na"
        | "not selected" => Ok(Some(false)),
        "" | "undecided" | "not decided" | "tbd" | "to be decided" => Ok(None),
        _ => Err(format!(
            "'{cell}' is not a decision: write yes or no, or leave the cell empty while undecided"
        )),
    }
}

/// One reason word: `Ok(Some(reason))`, `Ok(None)` for the risk assessment
/// (linked from the register, so not recorded), or an error.
fn parse_reason(token: &str) -> Result<Option<InclusionReason>, String> {
    use InclusionReason as R;
    Ok(Some(match normalise_word(token).as_str() {
        "legal" | "law" | "laws" | "regulatory" | "regulation" | "statutory" | "legal/regulatory"
        | "lr" | "legal requirement" | "legal requirements" => R::Legal,
        "contractual" | "contract" | "contracts" | "co" | "contractual obligation"
        | "contractual obligations" => R::Contractual,
        "business" | "business requirement" | "business requirements" | "best practice"
        | "best practices" | "good practice" | "br" | "bp" | "br/bp" => R::Business,
        "risk" | "risks" | "risk assessment" | "rra" | "risk treatment" => return Ok(None),
        _ => {
            return Err(format!(
                "'{}' is not a reason for inclusion (use legal, contractual or business; the risks that select a control are linked from the register)",
                token.trim()
            ))
        }
    }))
}

fn parse_status(cell: &str) -> Result<ControlStatus, String> {
    use ControlStatus as S;
    Ok(match normalise_word(cell).as_str() {
        "planned" | "not started" | "to do" | "todo" => S::Planned,
        "in progress" | "ongoing" | "started" | "partial" | "partially implemented"
        | "under way" | "underway" => S::InProgress,
        "implemented" | "done" | "complete" | "completed" | "in place" => S::Implemented,
        "not effective" | "ineffective" => S::NotEffective,
        _ => {
            return Err(format!(
                "'{cell}' is not an implementation status (use planned, in progress, implemented or not effective)"
            ))
        }
    })
}

/// The 2022 Annex A controls and the assessment's custom controls, by key,
/// in the order of [`controls`].
struct Catalogue<'a> {
    controls: Vec<&'a Control>,
    annex_count: usize,
    by_key: HashMap<String, usize>,
    by_lowercase: HashMap<String, usize>,
}

/// What the control cell of a row names.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Named {
    /// A 2022 Annex A or custom control, by its place in the catalogue.
    Current(usize),
    /// A 2013 Annex A control, by its id without `A.`.
    Old(String),
    Unknown,
}

impl<'a> Catalogue<'a> {
    fn new(assessment: &'a Assessment) -> Self {
        let controls: Vec<&Control> = controls(assessment).collect();
        let mut by_key = HashMap::new();
        let mut by_lowercase = HashMap::new();
        for (index, control) in controls.iter().enumerate() {
            let key = control_key(&control.id);
            by_lowercase.entry(key.to_lowercase()).or_insert(index);
            by_key.entry(key).or_insert(index);
        }
        Self {
            controls,
            annex_count: annex_a().len(),
            by_key,
            by_lowercase,
        }
    }

    fn name(&self, cell: &str) -> Named {
        let key = control_key(cell);
        if let Some(&index) = self
            .by_key
            .get(&key)
            .or_else(|| self.by_lowercase.get(&key.to_lowercase()))
        {
            return Named::Current(index);
        }
        if controls_from_2013(&key).is_empty() {
            Named::Unknown
        } else {
            Named::Old(normalise_control_id(&key).to_string())
        }
    }

    fn is_annex_a(&self, index: usize) -> bool {
        index < self.annex_count
    }

    /// The catalogue place of a 2022 Annex A id.
    fn annex_index(&self, id: &str) -> Option<usize> {
        self.by_key
            .get(id)
            .copied()
            .filter(|&index| self.is_annex_a(index))
    }

    fn display(&self, index: usize) -> String {
        self.controls
            .get(index)
            .map(|c| format!("{} {}", c.id, c.title))
            .unwrap_or_default()
    }
}

/// One row read without problems.
struct Draft {
    number: usize,
    named: Named,
    entry: SoaEntry,
}

fn at_row(number: usize, column: &str, message: String) -> Diagnostic {
    if column.is_empty() {
        Diagnostic::new(format!("row {number}"), message)
    } else {
        Diagnostic::new(format!("row {number}, column {column}"), message)
    }
}

fn is_empty_entry(entry: &SoaEntry) -> bool {
    entry.applicable.is_none()
        && entry.reasons.is_empty()
        && entry.reason_note.is_empty()
        && entry.exclusion_justification.is_empty()
        && entry.status.is_none()
        && entry.evidence.is_empty()
        && entry.owner.is_empty()
        && entry.reviewed_on.is_none()
}

fn push_text(target: &mut String, text: &str) {
    if !target.is_empty() {
        target.push('\n');
    }
    target.push_str(text);
}

/// Reads the cells of one row other than the control into `entry`.
fn read_cells(
    entry: &mut SoaEntry,
    row: &[String],
    columns: &[(usize, &str, Field)],
    error: &mut impl FnMut(&str, String),
) {
    let mut justification = String::new();
    for &(column, header, field) in columns {
        let Some(cell) = row.get(column) else {
            continue;
        };
        let cell = restore(cell.trim());
        if cell.is_empty() {
            continue;
        }
        match field {
            Field::Control | Field::Derived => {}
            Field::Applicable => match parse_applicable(cell) {
                Ok(value) => entry.applicable = value,
                Err(message) => error(header, message),
            },
            Field::Reasons => {
                for token in cell.split([';', ',', '\n', '\r']) {
                    if token.trim().is_empty() {
                        continue;
                    }
                    match parse_reason(token) {
                        Ok(Some(reason)) if !entry.reasons.contains(&reason) => {
                            entry.reasons.push(reason)
                        }
                        Ok(_) => {}
                        Err(message) => error(header, message),
                    }
                }
            }
            Field::ReasonNote => entry.reason_note = cell.to_string(),
            Field::ExclusionJustification => entry.exclusion_justification = cell.to_string(),
            Field::Justification => justification = cell.to_string(),
            Field::Status => match parse_status(cell) {
                Ok(status) => entry.status = Some(status),
                Err(message) => error(header, message),
            },
            Field::Evidence => {
                for item in cell.lines().map(str::trim).filter(|i| !i.is_empty()) {
                    if !entry.evidence.iter().any(|e| e == item) {
                        entry.evidence.push(item.to_string());
                    }
                }
            }
            Field::Owner => entry.owner = cell.to_string(),
            Field::ReviewedOn => match Date::parse(cell) {
                Ok(date) => entry.reviewed_on = Some(date),
                Err(message) => error(header, message),
            },
        }
    }
    if !justification.is_empty() {
        if entry.applicable == Some(false) {
            push_text(&mut entry.exclusion_justification, &justification);
        } else {
            push_text(&mut entry.reason_note, &justification);
        }
    }
}

/// Builds the preview of importing a SoA CSV file into `assessment`: the
/// entries it would record and every problem by row and column. Unknown
/// control ids, a control listed twice (reported on the later row) and
/// unreadable cells are problems. The `Applicable` column accepts yes / no
/// / true / false / y / n / included / excluded / applicable / not
/// applicable, and empty for undecided. Nothing in `assessment` changes.
/// Never panics; roughly linear in the size of the file.
///
/// The entries come in catalogue order; a row with a problem gives no
/// entry, and the problem's path names the row and column
/// (`row 3, column Applicable`). Columns are matched by header,
/// case-insensitively, with common synonyms (`Control ID`, `Applicable?`,
/// `Justification`, `Implementation status`…). A row that decides and
/// records nothing gives no entry, which means the same as an empty one.
/// A general `Justification` column fills the exclusion justification of
/// an excluded control and the reason note of any other. `Reasons` takes
/// legal, contractual and business (also `LR`, `CO`, `BR/BP`); the risk
/// assessment (`RRA`) is accepted but not recorded, as the risks that
/// select a control are linked from the register.
///
/// The `Applicable` and `Status` cells of the export show what the statement
/// derives: a control a risk selects is applicable whatever was recorded,
/// and a control with no recorded status shows the status of the risks that
/// apply it. So that an export imports back to the same entries, such a
/// cell left as exported keeps the recorded value: `yes` on a control a
/// risk selects keeps the recorded decision (none, or an exclusion the gap
/// checker flags), and a status equal to the derived one records none.
///
/// A file whose Annex A ids are mostly 2013 ones is migrated: see
/// [`Migration2013`].
///
/// ```
/// use riskwright_engine::document::Assessment;
/// use riskwright_engine::interchange::{export_soa_csv, import_soa_csv};
///
/// let assessment = Assessment::new("Demo");
/// let csv = export_soa_csv(&assessment);
/// assert!(csv.starts_with("\u{feff}Control,Title,Theme,Source,Applicable,"));
///
/// let old = "Control,Applicable,Justification\nA.5.1.1,yes,\nA.5.1.2,no,Covered by 5.1.1\n";
/// let import = import_soa_csv(old, &assessment);
/// assert_eq!(import.problems, []);
/// assert_eq!(import.entries[0].control_id, "5.1");
/// assert_eq!(import.entries[0].applicable, Some(true));
/// let migration = import.migration.unwrap();
/// assert_eq!(migration.merged[0].from_2013, ["5.1.1", "5.1.2"]);
/// assert_eq!(migration.new_controls.len(), 11);
/// ```
pub fn import_soa_csv(text: &str, assessment: &Assessment) -> SoaImport {
    let table = match parse_csv(text) {
        Ok(table) => table,
        Err(problem) => {
            return SoaImport {
                problems: vec![problem],
                ..SoaImport::default()
            }
        }
    };
    let mut import = SoaImport::default();
    let mut columns: Vec<(usize, &str, Field)> = Vec::new();
    for (column, header) in table.headers.iter().enumerate() {
        let field = match_header(header)
            .filter(|f| *f == Field::Derived || !columns.iter().any(|c| c.2 == *f));
        match field {
            Some(field) if field != Field::Derived => columns.push((column, header, field)),
            _ => import.ignored_columns.push(header.clone()),
        }
    }
    let Some(&(control_column, control_header, _)) = columns.iter().find(|c| c.2 == Field::Control)
    else {
        import.problems.push(Diagnostic::new(
            "row 1",
            "no column names the control: head the column of control ids Control (or Control ID)",
        ));
        return import;
    };
    let catalogue = Catalogue::new(assessment);
    let (mut old, mut current) = (0usize, 0usize);
    for row in &table.rows {
        match catalogue.name(&control_cell(row, control_column)) {
            Named::Old(_) => old += 1,
            Named::Current(index) if catalogue.is_annex_a(index) => current += 1,
            _ => {}
        }
    }
    let edition_2013 = old > current;
    let drafts = read_rows(
        &table,
        &columns,
        (control_column, control_header),
        &catalogue,
        edition_2013,
        &mut import.problems,
    );
    let mut placed: Vec<(usize, SoaEntry)> = Vec::new();
    if edition_2013 {
        let (migrated, migration) = migrate(drafts, &catalogue);
        placed = migrated;
        import.migration = Some(migration);
    } else {
        let rows = statement(assessment);
        for mut draft in drafts {
            let Named::Current(index) = draft.named else {
                continue;
            };
            if let Some(row) = rows.get(index) {
                // Cells left as the export derived them keep what was recorded.
                if draft.entry.applicable == Some(true) && row.selected() {
                    draft.entry.applicable = row.entry.applicable;
                }
                if draft.entry.status.is_some()
                    && row.entry.status.is_none()
                    && draft.entry.status == row_status(assessment, row)
                {
                    draft.entry.status = None;
                }
            }
            placed.push((index, draft.entry));
        }
    }
    placed.sort_by_key(|p| p.0);
    import.entries = placed
        .into_iter()
        .map(|p| p.1)
        .filter(|e| !is_empty_entry(e))
        .collect();
    import
}

/// The control id of a row, trimmed and with its neutralisation undone.
fn control_cell(row: &[String], column: usize) -> String {
    row.get(column)
        .map(|c| restore(c.trim()).to_string())
        .unwrap_or_default()
}

/// Reads every non-blank row: its control and its cells, or its problems.
fn read_rows(
    table: &CsvTable,
    columns: &[(usize, &str, Field)],
    (control_column, control_header): (usize, &str),
    catalogue: &Catalogue<'_>,
    edition_2013: bool,
    problems: &mut Vec<Diagnostic>,
) -> Vec<Draft> {
    let width = table.headers.len();
    let mut seen: HashMap<Named, usize> = HashMap::new();
    let mut drafts = Vec::new();
    for (index, row) in table.rows.iter().enumerate() {
        if row.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let number = CsvTable::row_number(index);
        let mut errors = Vec::new();
        let mut error =
            |column: &str, message: String| errors.push(at_row(number, column, message));
        if let Some(&count) = table.field_counts.get(index) {
            if count > width {
                error(
                    "",
                    format!(
                        "this row has {count} cells but the header has {width} columns; check for a separator inside an unquoted cell"
                    ),
                );
            }
        }
        let id = control_cell(row, control_column);
        let named = if id.is_empty() {
            error(
                control_header,
                "the control id is empty: say which control this row is about".into(),
            );
            Named::Unknown
        } else {
            catalogue.name(&id)
        };
        match &named {
            Named::Unknown if !id.is_empty() => {
                let edition = if edition_2013 { "2013" } else { "2022" };
                error(
                    control_header,
                    format!("'{id}' is not an ISO/IEC 27001:{edition} Annex A control or a custom control of this assessment"),
                );
            }
            Named::Old(_) if !edition_2013 => error(
                control_header,
                format!("'{id}' is an ISO/IEC 27001:2013 control, but most controls in this file are from the 2022 edition; list the controls of one edition per file"),
            ),
            Named::Current(index) if edition_2013 && catalogue.is_annex_a(*index) => error(
                control_header,
                format!("'{id}' is an ISO/IEC 27001:2022 control, but most controls in this file are from the 2013 edition; list the controls of one edition per file"),
            ),
            _ => {}
        }
        if named != Named::Unknown {
            if let Some(first) = seen.get(&named) {
                error(
                    control_header,
                    format!("control '{id}' is already on row {first}; keep one row per control"),
                );
            } else {
                seen.insert(named.clone(), number);
            }
        }
        let control_id = match &named {
            Named::Current(index) => catalogue
                .controls
                .get(*index)
                .map(|c| c.id.clone())
                .unwrap_or_default(),
            Named::Old(id) => id.clone(),
            Named::Unknown => id,
        };
        let mut entry = SoaEntry {
            control_id,
            ..SoaEntry::default()
        };
        read_cells(&mut entry, row, columns, &mut error);
        if errors.is_empty() {
            drafts.push(Draft {
                number,
                named,
                entry,
            });
        } else {
            problems.append(&mut errors);
        }
    }
    drafts
}

// --------------------------------------------------------------- migration

/// `A.5.1.1` for `5.1.1`.
fn display_2013(id: &str) -> String {
    format!("A.{id}")
}

/// "a", "a and b", "a, b and c".
fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [only] => only.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// "two" for 2, up to ten; digits beyond.
fn number_word(n: usize) -> String {
    const WORDS: [&str; 11] = [
        "no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    ];
    WORDS
        .get(n)
        .map_or_else(|| n.to_string(), |w| w.to_string())
}

fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

fn status_rank(status: ControlStatus) -> u8 {
    match status {
        ControlStatus::NotEffective => 0,
        ControlStatus::Planned => 1,
        ControlStatus::InProgress => 2,
        ControlStatus::Implemented => 3,
    }
}

/// The distinct non-empty texts of the sources, one alone, several each on
/// its own line after its 2013 id.
fn join_texts<'s>(texts: impl Iterator<Item = (&'s str, &'s str)>) -> String {
    let mut distinct: Vec<(&str, &str)> = Vec::new();
    for (id, text) in texts {
        let text = text.trim();
        if !text.is_empty() && !distinct.iter().any(|d| d.1 == text) {
            distinct.push((id, text));
        }
    }
    match distinct.as_slice() {
        [] => String::new(),
        [(_, only)] => only.to_string(),
        many => many
            .iter()
            .map(|(id, text)| format!("{}: {text}", display_2013(id)))
            .collect::<Vec<_>>()
            .join("\n"),
    }
}

/// One 2022 entry from the entries of its 2013 sources, by the rule of the
/// module docs, and the sentence describing the outcome.
fn merge(control_id: &str, sources: &[(String, SoaEntry)]) -> (SoaEntry, String) {
    let ids_where = |pred: &dyn Fn(&SoaEntry) -> bool| -> Vec<String> {
        sources
            .iter()
            .filter(|s| pred(&s.1))
            .map(|s| display_2013(&s.0))
            .collect()
    };
    let applicable = ids_where(&|e| e.applicable == Some(true));
    let excluded = ids_where(&|e| e.applicable == Some(false));
    let decision = if !applicable.is_empty() {
        Some(true)
    } else if excluded.len() == sources.len() {
        Some(false)
    } else {
        None
    };
    let mut entry = SoaEntry {
        control_id: control_id.to_string(),
        applicable: decision,
        ..SoaEntry::default()
    };
    for (_, source) in sources {
        for reason in &source.reasons {
            if !entry.reasons.contains(reason) {
                entry.reasons.push(*reason);
            }
        }
        for item in &source.evidence {
            if !entry.evidence.contains(item) {
                entry.evidence.push(item.clone());
            }
        }
        entry.reviewed_on = match (entry.reviewed_on, source.reviewed_on) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
    }
    entry.reason_note = join_texts(
        sources
            .iter()
            .map(|s| (s.0.as_str(), s.1.reason_note.as_str())),
    );
    entry.exclusion_justification = join_texts(
        sources
            .iter()
            .filter(|s| decision != Some(true) || s.1.applicable != Some(false))
            .map(|s| (s.0.as_str(), s.1.exclusion_justification.as_str())),
    );
    let mut owners: Vec<&str> = Vec::new();
    for (_, source) in sources {
        let owner = source.owner.trim();
        if !owner.is_empty() && !owners.contains(&owner) {
            owners.push(owner);
        }
    }
    entry.owner = owners.join("; ");
    let counted: Vec<Option<ControlStatus>> = sources
        .iter()
        .filter(|s| s.1.applicable != Some(false))
        .map(|s| s.1.status)
        .collect();
    entry.status = if counted.is_empty() {
        sources
            .iter()
            .filter_map(|s| s.1.status)
            .min_by_key(|&s| status_rank(s))
    } else if counted.iter().any(Option::is_none) {
        None
    } else {
        counted
            .into_iter()
            .flatten()
            .min_by_key(|&s| status_rank(s))
    };

    let mut outcome = match decision {
        Some(true) => {
            let verb = if applicable.len() == 1 { "was" } else { "were" };
            let mut s = format!("it is applicable because {} {verb}", and_list(&applicable));
            if !excluded.is_empty() {
                s.push_str(&format!(
                    ", so the exclusion of {} no longer holds",
                    and_list(&excluded)
                ));
            }
            s.push('.');
            s
        }
        Some(false) => {
            "it is excluded because all of them were; their justifications are joined.".to_string()
        }
        None => {
            "it is left undecided, because none of them was applicable and not all were excluded."
                .to_string()
        }
    };
    let mut statuses: Vec<ControlStatus> = Vec::new();
    for status in sources.iter().filter_map(|s| s.1.status) {
        if !statuses.contains(&status) {
            statuses.push(status);
        }
    }
    let unknown = ids_where(&|e| e.applicable != Some(false) && e.status.is_none());
    if entry.status.is_none() && !statuses.is_empty() {
        let verb = if unknown.len() == 1 { "has" } else { "have" };
        outcome.push_str(&format!(
            " {} {verb} no status, so its status is left empty.",
            and_list(&unknown)
        ));
    } else if let (Some(status), true) = (entry.status, statuses.len() > 1) {
        outcome.push_str(&format!(
            " Their statuses differ; it takes the least advanced, {}.",
            status.label()
        ));
    }
    (entry, outcome)
}

/// Moves the rows of a 2013 file to 2022 entries, each with its catalogue
/// place, and reports what the migration did.
fn migrate(
    drafts: Vec<Draft>,
    catalogue: &Catalogue<'_>,
) -> (Vec<(usize, SoaEntry)>, Migration2013) {
    let mut placed = Vec::new();
    let mut migration = Migration2013::default();
    let mut by_target: BTreeMap<usize, Vec<(String, SoaEntry)>> = BTreeMap::new();
    for draft in drafts {
        match draft.named {
            Named::Current(index) => placed.push((index, draft.entry)),
            Named::Old(id) => {
                migration.rows_2013 += 1;
                let targets: Vec<usize> = controls_from_2013(&id)
                    .iter()
                    .filter_map(|t| catalogue.annex_index(t))
                    .collect();
                if targets.len() > 1 {
                    let names: Vec<String> =
                        targets.iter().map(|&t| catalogue.display(t)).collect();
                    migration.split.push(SplitControl {
                        id_2013: id.clone(),
                        into: targets
                            .iter()
                            .filter_map(|&t| catalogue.controls.get(t).map(|c| c.id.clone()))
                            .collect(),
                        message: format!(
                            "{} (row {}) is split between the ISO/IEC 27001:2022 controls {}: its decision is copied to each; check that it fits {}.",
                            display_2013(&id),
                            draft.number,
                            and_list(&names),
                            if names.len() == 2 { "both" } else { "all of them" },
                        ),
                    });
                }
                for target in targets {
                    by_target
                        .entry(target)
                        .or_default()
                        .push((id.clone(), draft.entry.clone()));
                }
            }
            Named::Unknown => {}
        }
    }
    for (index, sources) in by_target {
        let Some(control) = catalogue.controls.get(index) else {
            continue;
        };
        let (entry, outcome) = merge(&control.id, &sources);
        if sources.len() > 1 {
            let from: Vec<String> = sources.iter().map(|s| s.0.clone()).collect();
            let shown: Vec<String> = from.iter().map(|id| display_2013(id)).collect();
            migration.merged.push(MergedControl {
                control_id: control.id.clone(),
                title: control.title.clone(),
                message: format!(
                    "{} {} ← {}: these {} ISO/IEC 27001:2013 controls are merged into one; {outcome}",
                    control.id,
                    control.title,
                    shown.join(", "),
                    number_word(sources.len())
                ),
                from_2013: from,
            });
        }
        placed.push((index, entry));
    }
    for control in annex_a() {
        if sources_2013(&control.id).is_some_and(<[String]>::is_empty) {
            migration.new_controls.push(NewControl {
                control_id: control.id.clone(),
                title: control.title.clone(),
                message: format!(
                    "{} {} is new in ISO/IEC 27001:2022 and needs a decision: include it, or exclude it with a justification.",
                    control.id, control.title
                ),
            });
        }
    }
    let targets = placed.iter().filter(|p| catalogue.is_annex_a(p.0)).count();
    let mut summary = format!(
        "This file is a Statement of Applicability for ISO/IEC 27001:2013: its {} become {} of ISO/IEC 27001:2022.",
        plural(migration.rows_2013, "control", "controls"),
        plural(targets, "control", "controls"),
    );
    let mut parts = Vec::new();
    if !migration.merged.is_empty() {
        parts.push(format!(
            "{} several 2013 controls",
            plural(migration.merged.len(), "control merges", "controls merge")
        ));
    }
    if !migration.split.is_empty() {
        let ids: Vec<String> = migration
            .split
            .iter()
            .map(|s| display_2013(&s.id_2013))
            .collect();
        let verb = if ids.len() == 1 { "is" } else { "are each" };
        let into = if migration.split.iter().all(|s| s.into.len() == 2) {
            "two"
        } else {
            "several"
        };
        parts.push(format!(
            "{} {verb} split between {into} 2022 controls",
            and_list(&ids)
        ));
    }
    parts.push(format!(
        "the {} new in 2022 {} undecided and {} a decision",
        plural(migration.new_controls.len(), "control", "controls"),
        if migration.new_controls.len() == 1 {
            "is left"
        } else {
            "are left"
        },
        if migration.new_controls.len() == 1 {
            "needs"
        } else {
            "need"
        },
    ));
    let parts = and_list(&parts);
    let mut chars = parts.chars();
    if let Some(first) = chars.next() {
        summary.push(' ');
        summary.extend(first.to_uppercase());
        summary.push_str(chars.as_str());
        summary.push('.');
    }
    migration.summary = summary;
    (placed, migration)
}
