//! Importing a risk register from a spreadsheet: propose which column is
//! which field, then build a preview of the risks, the new assets, threats
//! and vulnerabilities, and every problem with its row and column. Nothing
//! is applied here: the app applies the preview once the user confirms.

use super::csv::{restore, CsvTable};
use crate::date::Date;
use crate::document::{
    Assessment, Asset, Risk, ScoredTier, Threat, Tier, TreatmentStatus, Vulnerability,
};
use crate::method::{Method, Scale};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;

/// A field of a risk that a column can fill.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ImportField {
    /// The risk's id; empty leaves it to the app.
    Id,
    /// The title (required).
    Title,
    /// The risk scenario.
    Scenario,
    /// The consequence.
    Consequence,
    /// The risk owner.
    Owner,
    /// Controls already in place.
    ExistingControls,
    /// The treatment status, by name or label.
    Treatment,
    /// The review date, `YYYY-MM-DD`.
    ReviewedOn,
    /// Tags separated by `;` or `,`.
    Tags,
    /// Assets by name or id, separated by `;`.
    Assets,
    /// Assets by id (or name), separated by `;`. When a row has both, this
    /// column wins over [`ImportField::Assets`]: ids survive names that hold
    /// a `;`.
    AssetIds,
    /// The threat, by name or id.
    Threat,
    /// The vulnerability, by name or id.
    Vulnerability,
    /// A tier's likelihood, as a level number or label.
    Likelihood(Tier),
    /// A tier's impact on one dimension (by dimension id), as a level number
    /// or label.
    Impact(Tier, String),
    /// A tier's single impact, applied to every dimension of the method when
    /// the row rates no dimension of that tier on its own.
    AggregateImpact(Tier),
}

/// Which field a column of the file fills.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ColumnMapping {
    /// The column's position, 0-based.
    pub column: usize,
    /// The column's header, as written in the file.
    pub header: String,
    /// The field it fills; `None` ignores the column.
    pub field: Option<ImportField>,
}

/// One problem with one cell (or row) of the file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ImportError {
    /// The row as a spreadsheet numbers it: the header is row 1, the first
    /// data row is row 2.
    pub row: usize,
    /// The header of the column at fault; empty for the row as a whole.
    pub column: String,
    /// What is wrong, in words a user can act on.
    pub message: String,
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.column.is_empty() {
            write!(f, "row {}: {}", self.row, self.message)
        } else {
            write!(
                f,
                "row {}, column {}: {}",
                self.row, self.column, self.message
            )
        }
    }
}

/// What an import would do, for the user to confirm.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ImportPreview {
    /// The risks of the rows without errors, in file order. An empty id is
    /// left for the app to assign.
    pub risks: Vec<Risk>,
    /// Assets named in the file that the assessment does not have.
    pub new_assets: Vec<Asset>,
    /// Threats named in the file that the assessment does not have.
    pub new_threats: Vec<Threat>,
    /// Vulnerabilities named in the file that the assessment does not have.
    pub new_vulnerabilities: Vec<Vulnerability>,
    /// Every problem, by row then column. A row with any is not in `risks`.
    pub errors: Vec<ImportError>,
    /// Headers of the columns that fill no field (derived values such as
    /// scores and levels, or columns the user chose to ignore).
    pub ignored_columns: Vec<String>,
}

/// A header reduced for matching: lowercase, `_` as space, single spaces,
/// no surrounding spaces or trailing `:`/`*`.
fn normalise(header: &str) -> String {
    let lower = header
        .trim_start_matches('\u{FEFF}')
        .to_lowercase()
        .replace('_', " ");
    let words: Vec<&str> = lower.split_whitespace().collect();
    words
        .join(" ")
        .trim_end_matches([':', '*'])
        .trim()
        .to_string()
}

fn fixed_field(key: &str) -> Option<ImportField> {
    use ImportField as F;
    Some(match key {
        "id" | "risk id" | "ref" | "ref." | "reference" | "risk ref" | "risk reference" | "#"
        | "no" | "no." | "risk no" | "risk no." | "risk number" => F::Id,
        "title" | "risk" | "name" | "risk title" | "risk name" => F::Title,
        "scenario" | "description" | "risk description" | "risk scenario" => F::Scenario,
        "consequence" | "consequences" => F::Consequence,
        "owner" | "risk owner" => F::Owner,
        "existing controls" | "controls" | "current controls" | "controls in place" => {
            F::ExistingControls
        }
        "treatment" | "status" | "treatment status" => F::Treatment,
        "reviewed on" | "review date" | "last reviewed" | "date reviewed" | "reviewed" => {
            F::ReviewedOn
        }
        "tags" | "tag" | "labels" => F::Tags,
        "assets" | "asset" | "affected assets" | "asset names" | "asset name" => F::Assets,
        "asset ids" | "asset id" => F::AssetIds,
        "threat" | "threats" | "threat name" => F::Threat,
        "vulnerability" | "vulnerabilities" | "weakness" | "vulnerability name" => F::Vulnerability,
        _ => return None,
    })
}

/// Dimension keys: lowercase label, lowercase id and, when unambiguous, the
/// label's first letter ("c" for Confidentiality).
fn dimension_keys(method: &Method) -> HashMap<String, String> {
    let mut keys = HashMap::new();
    let mut initials: HashMap<String, Vec<&str>> = HashMap::new();
    for d in &method.dimensions {
        keys.entry(normalise(&d.label))
            .or_insert_with(|| d.id.clone());
        keys.entry(normalise(&d.id)).or_insert_with(|| d.id.clone());
        if let Some(first) = d.label.trim().chars().next() {
            initials
                .entry(first.to_lowercase().collect())
                .or_default()
                .push(&d.id);
        }
    }
    for (initial, ids) in initials {
        if let [id] = ids.as_slice() {
            keys.entry(initial).or_insert_with(|| id.to_string());
        }
    }
    keys
}

/// What a header means: `Some(Some(field))`, `Some(None)` for a column that
/// is known but derived (score, level), `None` when not recognised.
fn match_header(header: &str, dims: &HashMap<String, String>) -> Option<ImportField> {
    let key = normalise(header);
    if let Some(field) = fixed_field(&key) {
        return Some(field);
    }
    let (tier, rest) = match key.split_once(' ') {
        Some(("inherent" | "gross", rest)) => (Tier::Inherent, rest),
        Some(("current", rest)) => (Tier::Current, rest),
        Some(("residual" | "target", rest)) => (Tier::Residual, rest),
        _ => (Tier::Current, key.as_str()),
    };
    let rest = rest.trim();
    match rest {
        "likelihood" | "probability" | "likelihood level" => {
            return Some(ImportField::Likelihood(tier))
        }
        "impact" | "consequence level" | "severity" | "impact level" => {
            return Some(ImportField::AggregateImpact(tier))
        }
        _ => {}
    }
    let dimension = rest
        .strip_prefix("impact")
        .map(|d| {
            d.trim_start_matches([':', '-', ' ', '('])
                .trim_end_matches(')')
        })
        .or_else(|| rest.strip_suffix(" impact"))
        .unwrap_or(rest)
        .trim();
    dims.get(dimension)
        .map(|id| ImportField::Impact(tier, id.clone()))
}

/// Proposes a field for each header: our own export headers (so an export
/// imports back), and common spreadsheet names ("Risk", "Description",
/// "Probability", "Severity", "C", "Status"…), case-insensitive and trimmed.
/// A header without a tier counts as the current tier. A field is proposed
/// for its first column only; unrecognised columns, duplicates and derived
/// values (scores, levels) get `field: None`.
///
/// ```
/// use riskwright_engine::interchange::{propose_mapping, ImportField};
/// use riskwright_engine::document::Tier;
/// use riskwright_engine::method::preset;
/// let headers = ["Risk".to_string(), "Probability".to_string()];
/// let mapping = propose_mapping(&headers, &preset("5x5").unwrap());
/// assert_eq!(mapping[0].field, Some(ImportField::Title));
/// assert_eq!(mapping[1].field, Some(ImportField::Likelihood(Tier::Current)));
/// ```
pub fn propose_mapping(headers: &[String], method: &Method) -> Vec<ColumnMapping> {
    let dims = dimension_keys(method);
    let mut used = HashSet::new();
    headers
        .iter()
        .enumerate()
        .map(|(column, header)| {
            let field = match_header(header, &dims).filter(|f| used.insert(f.clone()));
            ColumnMapping {
                column,
                header: header.clone(),
                field,
            }
        })
        .collect()
}

/// A scale's levels by number and by lowercase label, and the hint shown
/// when a cell is neither.
struct LevelReader {
    max: u8,
    labels: HashMap<String, u8>,
    hint: String,
}

impl LevelReader {
    fn new(scale: &Scale) -> Self {
        let max = u8::try_from(scale.levels.len()).unwrap_or(u8::MAX);
        let mut labels = HashMap::new();
        for (k, level) in scale.levels.iter().enumerate().take(usize::from(max)) {
            let n = u8::try_from(k + 1).unwrap_or(u8::MAX);
            labels.entry(level.label.trim().to_lowercase()).or_insert(n);
        }
        let names: Vec<&str> = scale.levels.iter().map(|l| l.label.as_str()).collect();
        let hint = if max == 0 {
            "this method's scale has no levels".to_string()
        } else {
            format!("use 1 to {max} or one of {}", names.join(", "))
        };
        Self { max, labels, hint }
    }

    fn read(&self, cell: &str) -> Result<u8, String> {
        let number = cell
            .parse::<u64>()
            .ok()
            .or_else(|| cell.strip_suffix(".0").and_then(|c| c.parse::<u64>().ok()));
        let found = match number {
            Some(n) => u8::try_from(n).ok().filter(|n| (1..=self.max).contains(n)),
            None => self.labels.get(&cell.to_lowercase()).copied(),
        };
        found.ok_or_else(|| format!("'{cell}' is not a level of this method ({})", self.hint))
    }
}

fn parse_treatment(cell: &str) -> Result<TreatmentStatus, String> {
    let key: String = cell
        .trim()
        .to_lowercase()
        .chars()
        .map(|c| if c == ' ' || c == '-' { '_' } else { c })
        .collect();
    TreatmentStatus::ALL
        .into_iter()
        .find(|s| s.as_str() == key)
        .ok_or_else(|| {
            let names: Vec<&str> = TreatmentStatus::ALL.iter().map(|s| s.label()).collect();
            format!(
                "'{cell}' is not a treatment status (use one of {})",
                names.join(", ")
            )
        })
}

/// Existing entries of one kind by id and by lowercase name, and the new
/// ones this import creates.
struct Catalog {
    prefix: &'static str,
    by_id: HashSet<String>,
    by_name: HashMap<String, String>,
    /// New entries: lowercase name → id.
    new_by_name: HashMap<String, String>,
    /// New entries in order: (id, name).
    created: Vec<(String, String)>,
    next: usize,
}

/// A link resolved against the assessment, or a name to create.
enum Link {
    Existing(String),
    New(String),
}

impl Catalog {
    fn new<'a>(prefix: &'static str, entries: impl Iterator<Item = (&'a str, &'a str)>) -> Self {
        let mut by_id = HashSet::new();
        let mut by_name = HashMap::new();
        for (id, name) in entries {
            by_id.insert(id.to_string());
            by_name
                .entry(name.trim().to_lowercase())
                .or_insert_with(|| id.to_string());
        }
        Self {
            prefix,
            by_id,
            by_name,
            new_by_name: HashMap::new(),
            created: Vec::new(),
            next: 1,
        }
    }

    fn resolve(&self, text: &str) -> Link {
        if self.by_id.contains(text) {
            return Link::Existing(text.to_string());
        }
        match self.by_name.get(&text.to_lowercase()) {
            Some(id) => Link::Existing(id.clone()),
            None => Link::New(text.to_string()),
        }
    }

    /// The id of a link, creating the entry on first use.
    fn commit(&mut self, link: Link) -> String {
        let name = match link {
            Link::Existing(id) => return id,
            Link::New(name) => name,
        };
        let key = name.to_lowercase();
        if let Some(id) = self.new_by_name.get(&key) {
            return id.clone();
        }
        let mut id = format!("{}-{}", self.prefix, self.next);
        while self.by_id.contains(&id) {
            self.next += 1;
            id = format!("{}-{}", self.prefix, self.next);
        }
        self.next += 1;
        self.by_id.insert(id.clone());
        self.new_by_name.insert(key, id.clone());
        self.created.push((id.clone(), name));
        id
    }
}

/// One tier of one row as read.
#[derive(Default)]
struct TierDraft {
    likelihood: Option<(u8, String)>,
    impacts: BTreeMap<String, u8>,
    first_impact_column: Option<String>,
    aggregate: Option<(u8, String)>,
    /// A cell of this tier could not be read (already reported).
    unreadable: bool,
}

/// One row as read, before it becomes a risk.
#[derive(Default)]
struct Draft {
    risk: Risk,
    title_seen: bool,
    assets: Vec<Link>,
    asset_ids: Vec<Link>,
    threat: Option<Link>,
    vulnerability: Option<Link>,
    tiers: [TierDraft; 3],
    set: HashSet<&'static str>,
}

fn tier_index(tier: Tier) -> usize {
    match tier {
        Tier::Inherent => 0,
        Tier::Current => 1,
        Tier::Residual => 2,
    }
}

fn split_list(cell: &str, separators: &[char]) -> Vec<String> {
    cell.split(separators)
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// Builds the preview of importing `table` with `mapping` into
/// `assessment`: each data row becomes a risk unless it has errors; every
/// error is reported with its spreadsheet row and column header. Cells are
/// trimmed and their formula neutralisation undone (see
/// [`super::csv::restore`]); rows with no text at all are skipped. Levels
/// are numbers or labels of the method's scales; assets, threats and
/// vulnerabilities are matched by id or by name (case-insensitive), and
/// unknown names become new entries (`A-<n>`, `T-<n>`, `V-<n>`). Nothing in
/// `assessment` changes. Never panics; linear in the size of the file.
pub fn import_risks(
    table: &CsvTable,
    mapping: &[ColumnMapping],
    assessment: &Assessment,
) -> ImportPreview {
    let method = &assessment.method;
    let likelihood = LevelReader::new(&method.likelihood);
    let impact = LevelReader::new(&method.impact);
    let dimensions: Vec<&str> = method.dimensions.iter().map(|d| d.id.as_str()).collect();
    let dimension_set: HashSet<&str> = dimensions.iter().copied().collect();
    let mapped: Vec<(usize, &str, &ImportField)> = mapping
        .iter()
        .filter_map(|m| Some((m.column, m.header.as_str(), m.field.as_ref()?)))
        .collect();
    let mapped_columns: HashSet<usize> = mapped.iter().map(|m| m.0).collect();
    let ignored_columns = table
        .headers
        .iter()
        .enumerate()
        .filter(|(k, _)| !mapped_columns.contains(k))
        .map(|(_, h)| h.clone())
        .collect();
    let title_header = mapped
        .iter()
        .find(|m| *m.2 == ImportField::Title)
        .map_or("Title", |m| m.1)
        .to_string();
    let existing_ids: HashSet<&str> = assessment.risks.iter().map(|r| r.id.as_str()).collect();
    let mut ids_in_file: HashMap<String, usize> = HashMap::new();
    let mut assets = Catalog::new(
        "A",
        assessment
            .assets
            .iter()
            .map(|a| (a.id.as_str(), a.name.as_str())),
    );
    let mut threats = Catalog::new(
        "T",
        assessment
            .threats
            .iter()
            .map(|t| (t.id.as_str(), t.name.as_str())),
    );
    let mut vulns = Catalog::new(
        "V",
        assessment
            .vulnerabilities
            .iter()
            .map(|v| (v.id.as_str(), v.name.as_str())),
    );
    let mut preview = ImportPreview {
        ignored_columns,
        ..ImportPreview::default()
    };
    let width = table.headers.len();
    for (index, row) in table.rows.iter().enumerate() {
        if row.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let number = CsvTable::row_number(index);
        let mut errors = Vec::new();
        let mut error = |column: &str, message: String| {
            errors.push(ImportError {
                row: number,
                column: column.to_string(),
                message,
            });
        };
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
        let mut draft = Draft::default();
        for &(column, header, field) in &mapped {
            let Some(cell) = row.get(column) else {
                continue;
            };
            let cell = restore(cell.trim());
            if cell.is_empty() {
                continue;
            }
            read_cell(
                &mut draft,
                field,
                cell,
                header,
                &Readers {
                    likelihood: &likelihood,
                    impact: &impact,
                    dimensions: &dimension_set,
                    assets: &assets,
                    threats: &threats,
                    vulns: &vulns,
                },
                &mut error,
            );
            if *field == ImportField::Id && draft.set.insert("id_checked") {
                let id = draft.risk.id.clone();
                if existing_ids.contains(id.as_str()) {
                    error(
                        header,
                        format!("the id '{id}' is already used in this assessment"),
                    );
                } else if let Some(first) = ids_in_file.get(&id) {
                    error(header, format!("the id '{id}' is also used on row {first}"));
                } else {
                    ids_in_file.insert(id, number);
                }
            }
        }
        if !draft.title_seen {
            error(
                &title_header,
                "every risk needs a title; this cell is empty".into(),
            );
        }
        let mut tiers = [None, None, None];
        for tier in Tier::ALL {
            let Some(t) = draft.tiers.get_mut(tier_index(tier)) else {
                continue;
            };
            let mut impacts = std::mem::take(&mut t.impacts);
            if impacts.is_empty() {
                if let Some((value, _)) = &t.aggregate {
                    impacts = dimensions.iter().map(|d| (d.to_string(), *value)).collect();
                }
            }
            let name = tier.name();
            if t.unreadable {
                continue;
            }
            match (&t.likelihood, impacts.is_empty()) {
                (None, true) => {
                    if let Some((_, column)) = &t.aggregate {
                        error(
                            column,
                            format!("the {name} impact is given but no {name} likelihood"),
                        );
                    }
                }
                (None, false) => {
                    let column = t
                        .first_impact_column
                        .clone()
                        .or_else(|| t.aggregate.as_ref().map(|a| a.1.clone()))
                        .unwrap_or_default();
                    error(
                        &column,
                        format!("the {name} impact is given but no {name} likelihood"),
                    );
                }
                (Some((_, column)), true) => error(
                    column,
                    format!(
                        "the {name} likelihood is given but no {name} impact; rate the impact too"
                    ),
                ),
                (Some((likelihood, _)), false) => {
                    if let Some(slot) = tiers.get_mut(tier_index(tier)) {
                        *slot = Some(ScoredTier {
                            likelihood: *likelihood,
                            impacts,
                        });
                    }
                }
            }
        }
        if !errors.is_empty() {
            preview.errors.append(&mut errors);
            continue;
        }
        let [inherent, current, residual] = tiers;
        let mut risk = draft.risk;
        risk.inherent = inherent;
        risk.current = current;
        risk.residual = residual;
        let links = if draft.asset_ids.is_empty() {
            draft.assets
        } else {
            draft.asset_ids
        };
        for link in links {
            let id = assets.commit(link);
            if !risk.asset_ids.contains(&id) {
                risk.asset_ids.push(id);
            }
        }
        risk.threat_id = draft.threat.map(|l| threats.commit(l));
        risk.vulnerability_id = draft.vulnerability.map(|l| vulns.commit(l));
        preview.risks.push(risk);
    }
    preview.new_assets = assets
        .created
        .into_iter()
        .map(|(id, name)| Asset {
            id,
            name,
            kind: Default::default(),
            owner: String::new(),
            description: String::new(),
            valuation: BTreeMap::new(),
        })
        .collect();
    preview.new_threats = threats
        .created
        .into_iter()
        .map(|(id, name)| Threat {
            id,
            name,
            description: String::new(),
            properties: Vec::new(),
            origin: None,
            catalogue_id: None,
        })
        .collect();
    preview.new_vulnerabilities = vulns
        .created
        .into_iter()
        .map(|(id, name)| Vulnerability {
            id,
            name,
            description: String::new(),
            catalogue_id: None,
        })
        .collect();
    preview
}

/// Everything a cell may be read against, built once per import.
struct Readers<'a> {
    likelihood: &'a LevelReader,
    impact: &'a LevelReader,
    dimensions: &'a HashSet<&'a str>,
    assets: &'a Catalog,
    threats: &'a Catalog,
    vulns: &'a Catalog,
}

/// Reads one non-empty cell into the draft. For a field mapped by several
/// columns the first non-empty cell wins; tags and assets are merged.
fn read_cell(
    draft: &mut Draft,
    field: &ImportField,
    cell: &str,
    header: &str,
    readers: &Readers<'_>,
    error: &mut impl FnMut(&str, String),
) {
    use ImportField as F;
    let single = |draft: &mut Draft, key: &'static str| draft.set.insert(key);
    match field {
        F::Id => {
            if single(draft, "id") {
                draft.risk.id = cell.to_string();
            }
        }
        F::Title => {
            if !draft.title_seen {
                draft.title_seen = true;
                draft.risk.title = cell.to_string();
            }
        }
        F::Scenario => {
            if single(draft, "scenario") {
                draft.risk.scenario = cell.to_string();
            }
        }
        F::Consequence => {
            if single(draft, "consequence") {
                draft.risk.consequence = cell.to_string();
            }
        }
        F::Owner => {
            if single(draft, "owner") {
                draft.risk.owner = cell.to_string();
            }
        }
        F::ExistingControls => {
            if single(draft, "controls") {
                draft.risk.existing_controls = cell.to_string();
            }
        }
        F::Treatment => {
            if single(draft, "treatment") {
                match parse_treatment(cell) {
                    Ok(status) => draft.risk.treatment = status,
                    Err(message) => error(header, message),
                }
            }
        }
        F::ReviewedOn => {
            if single(draft, "reviewed_on") {
                match Date::parse(cell) {
                    Ok(date) => draft.risk.reviewed_on = Some(date),
                    Err(message) => error(header, message),
                }
            }
        }
        F::Tags => draft.risk.tags.extend(split_list(cell, &[';', ','])),
        F::Assets => draft.assets.extend(
            split_list(cell, &[';'])
                .iter()
                .map(|name| readers.assets.resolve(name)),
        ),
        F::AssetIds => draft.asset_ids.extend(
            split_list(cell, &[';'])
                .iter()
                .map(|name| readers.assets.resolve(name)),
        ),
        F::Threat => {
            if draft.threat.is_none() {
                draft.threat = Some(readers.threats.resolve(cell));
            }
        }
        F::Vulnerability => {
            if draft.vulnerability.is_none() {
                draft.vulnerability = Some(readers.vulns.resolve(cell));
            }
        }
        F::Likelihood(tier) => {
            let Some(t) = draft.tiers.get_mut(tier_index(*tier)) else {
                return;
            };
            if t.likelihood.is_none() {
                match readers.likelihood.read(cell) {
                    Ok(level) => t.likelihood = Some((level, header.to_string())),
                    Err(message) => {
                        t.unreadable = true;
                        error(header, message)
                    }
                }
            }
        }
        F::Impact(tier, dimension) => {
            let Some(t) = draft.tiers.get_mut(tier_index(*tier)) else {
                return;
            };
            if !readers.dimensions.contains(dimension.as_str()) {
                error(
                    header,
                    format!("'{dimension}' is not an impact dimension of this method"),
                );
                t.unreadable = true;
                return;
            }
            if t.impacts.contains_key(dimension) {
                return;
            }
            match readers.impact.read(cell) {
                Ok(level) => {
                    t.impacts.insert(dimension.clone(), level);
                    t.first_impact_column
                        .get_or_insert_with(|| header.to_string());
                }
                Err(message) => {
                    t.unreadable = true;
                    error(header, message)
                }
            }
        }
        F::AggregateImpact(tier) => {
            let Some(t) = draft.tiers.get_mut(tier_index(*tier)) else {
                return;
            };
            if t.aggregate.is_none() {
                match readers.impact.read(cell) {
                    Ok(level) => t.aggregate = Some((level, header.to_string())),
                    Err(message) => {
                        t.unreadable = true;
                        error(header, message)
                    }
                }
            }
        }
    }
}
