//! The export and import screen's state. A file's text arrives as a message;
//! a preview is built with the engine and nothing changes until the user
//! confirms. CSV imports go through `AppState::apply` (one undo step per
//! added item); a JSON replace keeps the previous assessment so that
//! "Undo import" restores it.

use super::state::AppState;
use riskwright_engine::document::{Assessment, Tier};
use riskwright_engine::interchange::{
    import_risks, parse_csv, propose_mapping, tier_label, ColumnMapping, CsvTable, ImportField,
    ImportPreview,
};
use riskwright_engine::method::Method;
use riskwright_engine::register::{merge_plan, MergePlan, RegisterEdit};
use riskwright_engine::Diagnostic;

/// What the data screen shows.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DataUi {
    /// The file read and waiting for confirmation, if any.
    pub pending: Option<PendingImport>,
    /// What the last import did, shown until dismissed.
    pub outcome: Option<String>,
    /// The assessment a JSON import replaced, with its undo history.
    pub restore: Option<Box<Restore>>,
}

/// What a JSON replace set aside.
#[derive(Debug, Clone, PartialEq)]
pub struct Restore {
    /// The replaced assessment.
    pub assessment: Assessment,
    /// Its undo stack.
    pub undo: Vec<RegisterEdit>,
    /// Its redo stack.
    pub redo: Vec<RegisterEdit>,
}

/// A file read, waiting for the user.
#[derive(Debug, Clone, PartialEq)]
pub enum PendingImport {
    /// The file could not be read or decoded: every problem, nothing imported.
    Invalid {
        /// File name.
        file: String,
        /// The problems, by path (or line).
        problems: Vec<Diagnostic>,
    },
    /// A valid assessment document.
    Json {
        /// File name.
        file: String,
        /// The decoded assessment.
        assessment: Box<Assessment>,
        /// What merging would do.
        merge: MergePlan,
    },
    /// The result file of the public readiness check: its drafts, which
    /// "Open it as a new assessment" turns into an assessment exactly as
    /// the check's "Start a full assessment" does.
    Readiness {
        /// File name.
        file: String,
        /// The drafts (the engine's `readiness::seed`).
        seed: Box<riskwright_engine::readiness::Seed>,
    },
    /// A CSV file with its mapping and the preview for that mapping.
    Csv {
        /// File name.
        file: String,
        /// The parsed table.
        table: CsvTable,
        /// Which column fills which field.
        mapping: Vec<ColumnMapping>,
        /// The result of the import with `mapping`.
        preview: ImportPreview,
    },
}

/// Changes on the data screen.
#[derive(Debug, Clone, PartialEq)]
pub enum DataMsg {
    /// A file's text was read.
    FileLoaded {
        /// File name.
        name: String,
        /// Its text.
        text: String,
    },
    /// A file could not be read.
    FileFailed {
        /// File name.
        name: String,
        /// Why.
        error: String,
    },
    /// Map a CSV column to a field (`None`: ignore it).
    SetMapping {
        /// 0-based column.
        column: usize,
        /// The field.
        field: Option<ImportField>,
    },
    /// Import the CSV preview's risks.
    ConfirmCsv,
    /// Replace the current assessment by the JSON document.
    ReplaceWithJson,
    /// Merge the JSON document's risks into the current assessment.
    MergeJson,
    /// Drop the pending file.
    Cancel,
    /// Bring back the assessment a JSON import replaced.
    UndoReplace,
    /// Hide the outcome message.
    DismissOutcome,
}

/// The select value for a field.
pub fn field_key(field: &ImportField) -> String {
    use ImportField as F;
    match field {
        F::Id => "id".into(),
        F::Title => "title".into(),
        F::Scenario => "scenario".into(),
        F::Consequence => "consequence".into(),
        F::Owner => "owner".into(),
        F::ExistingControls => "existing_controls".into(),
        F::Treatment => "treatment".into(),
        F::ReviewedOn => "reviewed_on".into(),
        F::Tags => "tags".into(),
        F::Assets => "assets".into(),
        F::AssetIds => "asset_ids".into(),
        F::Threat => "threat".into(),
        F::Vulnerability => "vulnerability".into(),
        F::Likelihood(t) => format!("likelihood:{}", t.name()),
        F::Impact(t, d) => format!("impact:{}:{d}", t.name()),
        F::AggregateImpact(t) => format!("aggregate:{}", t.name()),
    }
}

/// The field of a select value; `None` for "ignore" or anything unknown.
pub fn field_from_key(key: &str) -> Option<ImportField> {
    let tier = |name: &str| Tier::ALL.into_iter().find(|t| t.name() == name);
    let fixed = [
        ImportField::Id,
        ImportField::Title,
        ImportField::Scenario,
        ImportField::Consequence,
        ImportField::Owner,
        ImportField::ExistingControls,
        ImportField::Treatment,
        ImportField::ReviewedOn,
        ImportField::Tags,
        ImportField::Assets,
        ImportField::AssetIds,
        ImportField::Threat,
        ImportField::Vulnerability,
    ];
    if let Some(f) = fixed.into_iter().find(|f| field_key(f) == key) {
        return Some(f);
    }
    let mut parts = key.splitn(3, ':');
    match (parts.next()?, parts.next(), parts.next()) {
        ("likelihood", Some(t), None) => Some(ImportField::Likelihood(tier(t)?)),
        ("aggregate", Some(t), None) => Some(ImportField::AggregateImpact(tier(t)?)),
        ("impact", Some(t), Some(d)) => Some(ImportField::Impact(tier(t)?, d.to_string())),
        _ => None,
    }
}

/// Every field a column can fill under `method`, with its label.
pub fn importable_fields(method: &Method) -> Vec<(ImportField, String)> {
    use ImportField as F;
    let mut fields: Vec<(ImportField, String)> = [
        (F::Id, "ID"),
        (F::Title, "Title"),
        (F::Scenario, "Scenario"),
        (F::Consequence, "Consequence"),
        (F::Owner, "Owner"),
        (F::ExistingControls, "Existing controls"),
        (F::Treatment, "Treatment"),
        (F::ReviewedOn, "Reviewed on"),
        (F::Tags, "Tags"),
        (F::Assets, "Assets (names)"),
        (F::AssetIds, "Asset IDs"),
        (F::Threat, "Threat"),
        (F::Vulnerability, "Vulnerability"),
    ]
    .into_iter()
    .map(|(f, l)| (f, l.to_string()))
    .collect();
    for tier in Tier::ALL {
        let t = tier_label(tier);
        fields.push((F::Likelihood(tier), format!("{t} likelihood")));
        for d in &method.dimensions {
            fields.push((
                F::Impact(tier, d.id.clone()),
                format!("{t} impact: {}", d.label),
            ));
        }
        fields.push((
            F::AggregateImpact(tier),
            format!("{t} impact (all dimensions)"),
        ));
    }
    fields
}

fn is_json(name: &str, text: &str) -> bool {
    let lower = name.to_lowercase();
    if lower.ends_with(".json") {
        true
    } else if lower.ends_with(".csv") {
        false
    } else {
        text.trim_start_matches('\u{FEFF}')
            .trim_start()
            .starts_with('{')
    }
}

/// The problems of a file that could not be imported, each placed in the
/// user's terms from the file's own ids ("R-3, current risk, impact").
fn named_in_file(text: &str, problems: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let value = serde_json::from_str(text).unwrap_or(serde_json::Value::Null);
    problems
        .into_iter()
        .map(|p| Diagnostic {
            path: riskwright_engine::diagnostic::place(
                &p.path,
                riskwright_engine::diagnostic::Within::Document(&value),
            ),
            message: p.message,
        })
        .collect()
}

impl AppState {
    /// Applies a data-screen message. Returns whether the assessment changed.
    pub(crate) fn update_data(&mut self, msg: DataMsg, now: &str) -> bool {
        match msg {
            DataMsg::FileLoaded { name, text } => {
                self.data.outcome = None;
                let readiness = is_json(&name, &text)
                    .then(|| {
                        riskwright_engine::readiness::read_result_file(
                            &text,
                            &riskwright_engine::readiness::default_questionnaire(),
                        )
                    })
                    .flatten();
                self.data.pending = Some(if let Some(read) = readiness {
                    match read {
                        Ok(seed) => PendingImport::Readiness {
                            file: name,
                            seed: Box::new(seed),
                        },
                        Err(problems) => PendingImport::Invalid {
                            file: name,
                            problems,
                        },
                    }
                } else if is_json(&name, &text) {
                    match Assessment::from_json_str(&text) {
                        Ok(assessment) => PendingImport::Json {
                            merge: merge_plan(&self.assessment, &assessment, now),
                            assessment: Box::new(assessment),
                            file: name,
                        },
                        Err(problems) => PendingImport::Invalid {
                            problems: named_in_file(&text, problems),
                            file: name,
                        },
                    }
                } else {
                    match parse_csv(&text) {
                        Ok(table) => {
                            let mapping = propose_mapping(&table.headers, &self.assessment.method);
                            let preview = import_risks(&table, &mapping, &self.assessment);
                            PendingImport::Csv {
                                file: name,
                                table,
                                mapping,
                                preview,
                            }
                        }
                        Err(problem) => PendingImport::Invalid {
                            file: name,
                            problems: vec![problem],
                        },
                    }
                });
                false
            }
            DataMsg::FileFailed { name, error } => {
                self.data.pending = Some(PendingImport::Invalid {
                    file: name,
                    problems: vec![Diagnostic::new("file", error)],
                });
                false
            }
            DataMsg::SetMapping { column, field } => {
                if let Some(PendingImport::Csv {
                    table,
                    mapping,
                    preview,
                    ..
                }) = &mut self.data.pending
                {
                    // A field fills one column: choosing it here frees it elsewhere.
                    if let Some(f) = &field {
                        for m in mapping.iter_mut() {
                            if m.column != column && m.field.as_ref() == Some(f) {
                                m.field = None;
                            }
                        }
                    }
                    if let Some(m) = mapping.iter_mut().find(|m| m.column == column) {
                        m.field = field;
                    }
                    *preview = import_risks(table, mapping, &self.assessment);
                }
                false
            }
            DataMsg::ConfirmCsv => self.confirm_csv(now),
            DataMsg::ReplaceWithJson => {
                let Some(PendingImport::Json {
                    assessment, file, ..
                }) = self.data.pending.take()
                else {
                    return false;
                };
                let previous = std::mem::replace(&mut self.assessment, *assessment);
                // The file's name, unless another assessment in this
                // browser has it: then the replaced one keeps its own.
                let imported = self.assessment.name.clone();
                let open = self.library.open.clone();
                let taken = (self.library.distinct_name(&imported, Some(&open)) != imported)
                    .then(|| previous.name.clone());
                let outcome = match &taken {
                    Some(kept) => format!(
                        "Replaced the contents of “{kept}” by “{imported}” from {file}. It keeps the name “{kept}”, because another assessment in this browser is called “{imported}”."
                    ),
                    None => format!("Replaced the assessment by “{imported}” from {file}."),
                };
                if let Some(kept) = taken {
                    self.assessment.name = kept;
                }
                self.data.restore = Some(Box::new(Restore {
                    assessment: previous,
                    undo: std::mem::take(&mut self.undo),
                    redo: std::mem::take(&mut self.redo),
                }));
                self.after_document_change();
                self.data.outcome = Some(outcome);
                true
            }
            DataMsg::MergeJson => {
                let Some(PendingImport::Json { merge, .. }) = self.data.pending.take() else {
                    return false;
                };
                let mut failed = merge.skipped.len();
                let mut added = 0;
                let mut changed = false;
                for edit in merge.edits {
                    let is_risk = matches!(edit, RegisterEdit::AddRisk(_));
                    match self.apply(edit, now) {
                        Ok(()) => {
                            changed = true;
                            added += usize::from(is_risk);
                        }
                        Err(_) => failed += usize::from(is_risk),
                    }
                }
                self.data.restore = None;
                self.data.outcome = Some(format!(
                    "Merged {}; {failed} skipped. Undo removes the added items one at a time.",
                    super::count(added, "risk", "risks")
                ));
                changed
            }
            DataMsg::Cancel => {
                self.data.pending = None;
                false
            }
            DataMsg::UndoReplace => {
                let Some(restore) = self.data.restore.take() else {
                    return false;
                };
                self.assessment = restore.assessment;
                self.undo = restore.undo;
                self.redo = restore.redo;
                self.after_document_change();
                self.data.outcome = Some("The replaced assessment is back.".into());
                true
            }
            DataMsg::DismissOutcome => {
                self.data.outcome = None;
                false
            }
        }
    }

    fn after_document_change(&mut self) {
        self.draft = self.assessment.method.clone();
        self.draft_problems.clear();
        self.pending = None;
        self.register = Default::default();
    }

    fn confirm_csv(&mut self, now: &str) -> bool {
        let Some(PendingImport::Csv { preview, .. }) = self.data.pending.take() else {
            return false;
        };
        let skipped_rows = {
            let mut rows: Vec<usize> = preview.errors.iter().map(|e| e.row).collect();
            rows.dedup();
            rows.len()
        };
        let edits = preview
            .new_assets
            .into_iter()
            .map(RegisterEdit::AddAsset)
            .chain(preview.new_threats.into_iter().map(RegisterEdit::AddThreat))
            .chain(
                preview
                    .new_vulnerabilities
                    .into_iter()
                    .map(RegisterEdit::AddVulnerability),
            )
            .chain(preview.risks.into_iter().map(RegisterEdit::AddRisk));
        let (mut added, mut refused, mut changed) = (0, Vec::new(), false);
        for edit in edits {
            let is_risk = matches!(edit, RegisterEdit::AddRisk(_));
            match self.apply(edit, now) {
                Ok(()) => {
                    changed = true;
                    added += usize::from(is_risk);
                }
                Err(problems) => refused.extend(problems),
            }
        }
        self.data.restore = None;
        let mut outcome = format!(
            "Imported {}; {} skipped because of errors. Undo removes the added items one at a time.",
            super::count(added, "risk", "risks"),
            super::count(skipped_rows, "row was", "rows were")
        );
        if !refused.is_empty() {
            outcome.push_str(&format!(
                " Refused: {}",
                riskwright_engine::diagnostic::join(&refused)
            ));
        }
        self.data.outcome = Some(outcome);
        changed
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::state::Msg;

    const NOW: &str = "2026-11-28T10:00:00.000Z";

    fn state() -> AppState {
        AppState::new(Assessment::new("Test"))
    }

    fn load(s: &mut AppState, name: &str, text: &str) {
        assert!(!s.update(
            Msg::Data(DataMsg::FileLoaded {
                name: name.into(),
                text: text.into()
            }),
            NOW
        ));
    }

    const CSV: &str = "Title,Likelihood,Impact,Asset\r\nGood one,3,4,Laptops\r\nBad one,very high,2,\r\nGood two,2,2,Servers\r\n";

    #[test]
    fn csv_with_errors_previews_then_imports_only_the_good_rows_on_confirm() {
        let mut s = state();
        load(&mut s, "risks.csv", CSV);
        let Some(PendingImport::Csv { preview, .. }) = &s.data.pending else {
            panic!("expected a CSV preview: {:?}", s.data.pending)
        };
        assert_eq!(preview.risks.len(), 2);
        assert_eq!(preview.new_assets.len(), 2);
        assert_eq!(preview.errors.len(), 1);
        assert!(preview.errors[0]
            .to_string()
            .starts_with("row 3, column Likelihood: "));
        assert!(s.assessment.risks.is_empty(), "nothing before confirming");
        assert!(s.undo.is_empty());

        assert!(s.update(Msg::Data(DataMsg::ConfirmCsv), NOW));
        let titles: Vec<&str> = s
            .assessment
            .risks
            .iter()
            .map(|r| r.title.as_str())
            .collect();
        assert_eq!(titles, ["Good one", "Good two"]);
        assert_eq!(s.assessment.assets.len(), 2);
        assert_eq!(s.undo.len(), 4, "two assets and two risks, one step each");
        assert!(s.assessment.history.iter().any(|h| h.risk_id == "R-1"));
        assert!(s.data.pending.is_none());
        assert!(s
            .data
            .outcome
            .as_deref()
            .unwrap()
            .starts_with("Imported 2 risks; 1 row was skipped"));
        for _ in 0..4 {
            assert!(s.update(Msg::Undo, NOW));
        }
        assert!(s.assessment.risks.is_empty() && s.assessment.assets.is_empty());
    }

    #[test]
    fn changing_a_mapping_updates_the_preview() {
        let mut s = state();
        load(&mut s, "risks.csv", CSV);
        for column in [1, 2] {
            s.update(
                Msg::Data(DataMsg::SetMapping {
                    column,
                    field: None,
                }),
                NOW,
            );
        }
        let Some(PendingImport::Csv {
            preview, mapping, ..
        }) = &s.data.pending
        else {
            panic!()
        };
        assert_eq!(mapping[1].field, None);
        assert!(preview.errors.is_empty());
        assert_eq!(preview.risks.len(), 3);
        assert!(preview.ignored_columns.contains(&"Likelihood".to_string()));
        // Choosing a field already used elsewhere frees the other column.
        s.update(
            Msg::Data(DataMsg::SetMapping {
                column: 3,
                field: Some(ImportField::Title),
            }),
            NOW,
        );
        let Some(PendingImport::Csv { mapping, .. }) = &s.data.pending else {
            panic!()
        };
        assert_eq!(mapping[0].field, None);
        assert_eq!(mapping[3].field, Some(ImportField::Title));
        assert!(s.assessment.risks.is_empty());
    }

    #[test]
    fn field_keys_round_trip() {
        for (field, _) in importable_fields(&Assessment::new("x").method) {
            assert_eq!(field_from_key(&field_key(&field)), Some(field));
        }
        assert_eq!(field_from_key(""), None);
    }

    fn document(titles: &[(&str, &str)]) -> String {
        let mut a = Assessment::new("Incoming");
        for (id, title) in titles {
            a.apply(
                RegisterEdit::AddRisk(riskwright_engine::document::Risk {
                    id: id.to_string(),
                    title: title.to_string(),
                    ..Default::default()
                }),
                NOW,
                "",
            )
            .unwrap();
        }
        a.to_json_string()
    }

    #[test]
    fn json_replace_needs_confirmation_and_undo_import_restores() {
        let mut s = state();
        s.update(
            Msg::Register(crate::app::register::RegisterMsg::NewRisk),
            NOW,
        );
        s.apply(
            RegisterEdit::AddRisk(riskwright_engine::document::Risk {
                title: "Mine".into(),
                ..Default::default()
            }),
            NOW,
        )
        .unwrap();
        let before = s.assessment.clone();
        let text = document(&[("R-1", "Theirs"), ("R-2", "Also theirs")]);
        load(&mut s, "in.riskwright.json", &text);
        assert_eq!(s.assessment, before, "nothing changes before confirming");
        assert!(s.update(Msg::Data(DataMsg::ReplaceWithJson), NOW));
        assert_eq!(s.assessment.to_json_string(), text, "lossless");
        assert!(s.undo.is_empty());
        assert!(s.update(Msg::Data(DataMsg::UndoReplace), NOW));
        assert_eq!(s.assessment, before);
        assert_eq!(s.undo.len(), 1, "the old undo history is back");
    }

    #[test]
    fn json_merge_skips_clashing_ids() {
        let mut s = state();
        s.apply(
            RegisterEdit::AddRisk(riskwright_engine::document::Risk {
                title: "Mine".into(),
                ..Default::default()
            }),
            NOW,
        )
        .unwrap();
        load(
            &mut s,
            "in.json",
            &document(&[("R-1", "Clash"), ("R-9", "New")]),
        );
        let Some(PendingImport::Json { merge, .. }) = &s.data.pending else {
            panic!()
        };
        assert_eq!(merge.risks, 1);
        assert_eq!(merge.skipped.len(), 1);
        assert!(merge.skipped[0].starts_with("R-1"));
        assert_eq!(s.assessment.risks.len(), 1);
        assert!(s.update(Msg::Data(DataMsg::MergeJson), NOW));
        let ids: Vec<&str> = s.assessment.risks.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(ids, ["R-1", "R-9"]);
        assert_eq!(s.assessment.risks[0].title, "Mine");
    }

    #[test]
    fn corrupt_json_lists_its_problems_and_changes_nothing() {
        let mut s = state();
        let before = s.clone();
        load(
            &mut s,
            "bad.json",
            r#"{"schema_version": 1, "name": "", "method": 3}"#,
        );
        let Some(PendingImport::Invalid { problems, .. }) = &s.data.pending else {
            panic!("{:?}", s.data.pending)
        };
        assert!(!problems.is_empty());
        assert!(problems.iter().all(|p| !p.path.is_empty()));
        assert!(!s.update(Msg::Data(DataMsg::ReplaceWithJson), NOW));
        assert!(!s.update(Msg::Data(DataMsg::MergeJson), NOW));
        assert_eq!(s.assessment, before.assessment);
        load(&mut s, "bad.csv", "Title\r\n\"unterminated\r\n");
        assert!(
            matches!(&s.data.pending, Some(PendingImport::Invalid { problems, .. }) if problems[0].path.starts_with("line"))
        );
    }

    #[test]
    fn a_readiness_result_opens_as_start_a_full_assessment_does() {
        use crate::app::library::{LibraryMsg, SEED_KEY};
        use crate::app::store::MemoryStore;
        use riskwright_engine::readiness::{
            default_questionnaire, result_file_json, score, seed, Answer, Answers,
        };
        let q = default_questionnaire();
        let answers: Answers = q
            .questions
            .iter()
            .enumerate()
            .map(|(i, x)| {
                (
                    x.id.clone(),
                    Answer::option(["no", "partly", "fully"][i % 3]),
                )
            })
            .collect();
        // The check's "Start a full assessment": the drafts under SEED_KEY, taken by the app.
        let mut store = MemoryStore::default();
        let drafts = serde_json::to_string(&seed(&score(&q, &answers))).unwrap_or_default();
        store.values.insert(SEED_KEY.into(), drafts);
        let mut started = state();
        started.update_library(LibraryMsg::CreateFromSeed, &mut store, NOW);
        // The same result downloaded and imported on the data screen.
        let mut imported = state();
        let mut store = MemoryStore::default();
        load(
            &mut imported,
            "iso27001-readiness.json",
            &result_file_json(&q, &answers),
        );
        assert!(
            matches!(&imported.data.pending, Some(PendingImport::Readiness { seed, .. }) if !seed.risks.is_empty()),
            "{:?}",
            imported.data.pending
        );
        imported.update_library(LibraryMsg::ImportAsNew, &mut store, NOW);
        assert_eq!(imported.assessment.name, "Readiness gaps");
        assert!(!imported.assessment.risks.is_empty());
        assert_eq!(imported.assessment.risks, started.assessment.risks);
        assert_eq!(imported.assessment.soa, started.assessment.soa);
        assert!(!store.values.contains_key(SEED_KEY));
        assert!(imported
            .data
            .outcome
            .as_deref()
            .is_some_and(|o| o.contains("draft risks from the readiness check")));
        // A broken result says where; it is never read as an assessment.
        load(
            &mut imported,
            "r.json",
            r#"{"kind": "riskwright-readiness-result", "format": 1, "seed": 3}"#,
        );
        assert!(
            matches!(&imported.data.pending, Some(PendingImport::Invalid { problems, .. }) if problems[0].path == "$.seed")
        );
    }
}
