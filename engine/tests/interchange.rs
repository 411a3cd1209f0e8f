//! Spreadsheet interchange: RFC 4180, formula neutralisation, the register
//! export, and the import preview with its mapping and errors.

use proptest::prelude::*;
use riskwright_engine::document::{Assessment, Risk, ScoredTier, Tier, TreatmentStatus};
use riskwright_engine::interchange::csv::{neutralise, restore, write_csv};
use riskwright_engine::interchange::{
    import_risks, parse_csv, propose_mapping, register_csv, CsvTable, ImportField, ImportPreview,
};
use riskwright_engine::method::preset;
use std::collections::BTreeMap;

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| s.to_string()).collect()
}

fn v2() -> Assessment {
    Assessment::from_json_str(include_str!("fixtures/schema/v2.json")).unwrap()
}

fn import_text(text: &str, assessment: &Assessment) -> ImportPreview {
    let table = parse_csv(text).unwrap();
    let mapping = propose_mapping(&table.headers, &assessment.method);
    import_risks(&table, &mapping, assessment)
}

fn errors(preview: &ImportPreview) -> Vec<String> {
    preview.errors.iter().map(ToString::to_string).collect()
}

// ---------------------------------------------------------------- RFC 4180

#[test]
fn reads_commas_quotes_and_newlines_inside_quoted_fields() {
    let table = parse_csv(
        "Title,Scenario\r\n\"Fire, flood\",\"He said \"\"no\"\"\r\nthen left\"\r\nPlain,\r\n",
    )
    .unwrap();
    assert_eq!(table.headers, ["Title", "Scenario"]);
    assert_eq!(
        table.rows,
        [
            strings(&["Fire, flood", "He said \"no\"\r\nthen left"]),
            strings(&["Plain", ""])
        ]
    );
}

#[test]
fn reads_lf_crlf_bom_and_a_missing_final_newline() {
    let expected = vec![strings(&["1", "2"]), strings(&["3", "4"])];
    for text in [
        "a,b\n1,2\n3,4\n",
        "a,b\r\n1,2\r\n3,4\r\n",
        "a,b\r\n1,2\r\n3,4",
        "\u{feff}a,b\n1,2\n3,4",
        "a,b\n1,2\r\n3,4\n\n\n",
    ] {
        let table = parse_csv(text).unwrap();
        assert_eq!(table.headers, ["a", "b"], "{text:?}");
        assert_eq!(table.rows, expected, "{text:?}");
    }
}

#[test]
fn detects_the_semicolon_separator_of_european_excel() {
    let table = parse_csv("Title;Likelihood;Note\r\n\"Fire, flood\";3;\"a;b\"\r\n").unwrap();
    assert_eq!(table.headers, ["Title", "Likelihood", "Note"]);
    assert_eq!(table.rows, [strings(&["Fire, flood", "3", "a;b"])]);
    // A quoted header with semicolons does not fool the detection.
    let table = parse_csv("\"a;b;c\",d\r\n1,2\r\n").unwrap();
    assert_eq!(table.headers, ["a;b;c", "d"]);
}

#[test]
fn short_rows_are_padded_and_long_rows_are_reported() {
    let table = parse_csv("Title,Owner,Tags\nA\nB,x,3,extra\n").unwrap();
    assert_eq!(table.rows[0], ["A", "", ""]);
    assert_eq!(table.rows[1], ["B", "x", "3"]);
    assert_eq!(table.field_counts, [1, 4]);
    let preview = import_text("Title,Owner,Tags\nA\nB,x,3,extra\n", &Assessment::new("x"));
    assert_eq!(preview.risks.len(), 1);
    assert_eq!(preview.errors.len(), 1);
    assert_eq!(preview.errors[0].row, 3);
    assert!(preview.errors[0].message.contains("4 cells"));
}

#[test]
fn malformed_quotes_name_their_line() {
    let err = parse_csv("Title,Owner\nA,B\n\"never closed,x\nmore\n").unwrap_err();
    assert_eq!(err.path, "line 3");
    assert!(err.message.contains("never closed"), "{err}");
    let err = parse_csv("Title,Owner\nA,B\nC,x\"y\n").unwrap_err();
    assert_eq!(err.path, "line 3");
    assert!(err.message.contains("unquoted"), "{err}");
    let err = parse_csv("Title\n\"a\"b\n").unwrap_err();
    assert_eq!(err.path, "line 2");
    assert!(parse_csv("").is_err());
}

#[test]
fn the_writer_quotes_only_what_needs_it_and_starts_with_a_bom() {
    let table = CsvTable::new(
        strings(&["Title", "Note"]),
        vec![
            strings(&["plain", "a,b"]),
            strings(&["say \"hi\"", "two\nlines"]),
            strings(&["", "cr\rhere"]),
        ],
    );
    assert_eq!(
        write_csv(&table),
        "\u{feff}Title,Note\r\nplain,\"a,b\"\r\n\"say \"\"hi\"\"\",\"two\nlines\"\r\n,\"cr\rhere\"\r\n"
    );
}

// ----------------------------------------------------- formula injection

#[test]
fn dangerous_first_characters_are_neutralised_in_titles_and_owners() {
    for dangerous in ["=", "+", "-", "@", "\t", "\r"] {
        let mut assessment = Assessment::new("Formulas");
        let title = format!("{dangerous}HYPERLINK(\"http://evil\")");
        let owner = format!("{dangerous}1+2");
        assessment.risks.push(Risk {
            id: "R1".into(),
            title: title.clone(),
            owner: owner.clone(),
            ..Risk::default()
        });
        let csv = register_csv(&assessment);
        let table = parse_csv(&csv).unwrap();
        let col = |h: &str| table.headers.iter().position(|x| x == h).unwrap();
        assert_eq!(table.rows[0][col("Title")], format!("'{title}"));
        assert_eq!(table.rows[0][col("Risk owner")], format!("'{owner}"));
        // And the import takes the apostrophe away again.
        let mut empty = assessment.clone();
        empty.risks.clear();
        let preview = import_text(&csv, &empty);
        assert_eq!(preview.errors, []);
        assert_eq!(preview.risks[0].title, title);
        assert_eq!(preview.risks[0].owner, owner);
    }
}

#[test]
fn ordinary_text_is_not_touched() {
    for text in [
        "Ransomware",
        "1 + 1 = 2",
        "a-b",
        "user@example.com",
        " =x",
        "Éclair 😀",
        "",
    ] {
        assert_eq!(neutralise(text), text);
        assert_eq!(restore(text), text);
    }
    assert_eq!(neutralise("'quoted"), "''quoted");
    assert_eq!(restore("''quoted"), "'quoted");
    assert_eq!(restore("'plain"), "'plain");
}

// ----------------------------------------------------------------- export

#[test]
fn the_export_has_every_field_and_a_column_per_dimension_and_tier() {
    let assessment = v2();
    let csv = register_csv(&assessment);
    assert!(csv.starts_with('\u{feff}'));
    assert!(csv.contains("\r\n"));
    let table = parse_csv(&csv).unwrap();
    let headers: Vec<&str> = table.headers.iter().map(String::as_str).collect();
    for h in [
        "ID",
        "Title",
        "Scenario",
        "Consequence",
        "Assets",
        "Asset IDs",
        "Threat",
        "Vulnerability",
        "Risk owner",
        "Existing controls",
        "Treatment",
        "Reviewed on",
        "Tags",
        "Inherent likelihood",
        "Inherent impact: Confidentiality",
        "Inherent impact: Legal",
        "Inherent impact",
        "Inherent score",
        "Inherent level",
        "Current likelihood",
        "Residual impact: Availability",
        "Residual level",
    ] {
        assert!(headers.contains(&h), "missing {h}");
    }
    assert_eq!(headers.len(), 13 + 3 * (1 + 4 + 3));
    let cell = |row: usize, h: &str| {
        let col = headers.iter().position(|x| *x == h).unwrap();
        table.rows[row][col].as_str()
    };
    assert_eq!(cell(0, "Assets"), "Customer database; Web servers");
    assert_eq!(cell(0, "Asset IDs"), "A1; A2");
    assert_eq!(cell(0, "Threat"), "Ransomware");
    assert_eq!(cell(0, "Vulnerability"), "Unpatched servers");
    assert_eq!(cell(0, "Treatment"), "In progress");
    assert_eq!(cell(0, "Reviewed on"), "2026-10-01");
    assert_eq!(cell(0, "Tags"), "cyber; customer");
    assert_eq!(cell(0, "Inherent likelihood"), "3");
    assert_eq!(cell(0, "Inherent impact: Confidentiality"), "2");
    assert_eq!(cell(0, "Inherent impact: Integrity"), "");
    assert_eq!(cell(0, "Inherent impact"), "3");
    assert_eq!(cell(0, "Inherent score"), "9");
    assert_eq!(cell(0, "Inherent level"), "High");
    assert_eq!(cell(0, "Current level"), "High");
    assert_eq!(cell(0, "Residual score"), "2");
    assert_eq!(cell(0, "Residual level"), "Low");
    // The unscored risk leaves its tier cells empty.
    assert_eq!(cell(1, "Inherent likelihood"), "");
    assert_eq!(cell(1, "Current score"), "");
    assert_eq!(cell(1, "Treatment"), "Untreated");
}

#[test]
fn an_invalid_method_leaves_scores_and_levels_empty() {
    let mut assessment = v2();
    assessment.method.levels.clear();
    let table = parse_csv(&register_csv(&assessment)).unwrap();
    let col = |h: &str| table.headers.iter().position(|x| x == h).unwrap();
    assert_eq!(table.rows[0][col("Inherent likelihood")], "3");
    assert_eq!(table.rows[0][col("Inherent score")], "");
    assert_eq!(table.rows[0][col("Inherent level")], "");
}

// ------------------------------------------------------------- round trip

/// A register with C/I/A and a custom dimension, all three tiers, tags and
/// assets, and text that needs quoting and neutralising.
fn rich() -> Assessment {
    let mut a = v2();
    let tier = |l: u8, pairs: &[(&str, u8)]| ScoredTier {
        likelihood: l,
        impacts: pairs.iter().map(|&(d, v)| (d.to_string(), v)).collect(),
    };
    a.risks.push(Risk {
        id: "R3".into(),
        title: "=cmd|' /C calc'!A0".into(),
        scenario: "Line one,\nline \"two\"; three".into(),
        consequence: "-10% revenue".into(),
        asset_ids: vec!["A2".into()],
        threat_id: Some("T1".into()),
        vulnerability_id: None,
        owner: "@ops".into(),
        existing_controls: "+ firewall".into(),
        inherent: Some(tier(
            3,
            &[
                ("confidentiality", 3),
                ("integrity", 2),
                ("availability", 1),
                ("legal", 3),
            ],
        )),
        current: Some(tier(2, &[("legal", 2)])),
        residual: Some(tier(1, &[("integrity", 1)])),
        treatment: TreatmentStatus::Planned,
        reviewed_on: Some(riskwright_engine::date::Date::parse("2027-02-28").unwrap()),
        tags: vec!["gdpr".into(), "legal".into()],
        ..Risk::default()
    });
    a.risks.push(Risk {
        id: "R4".into(),
        title: "Implemented, no tiers".into(),
        treatment: TreatmentStatus::Implemented,
        ..Risk::default()
    });
    assert_eq!(a.check(), []);
    a
}

#[test]
fn an_export_imports_back_unchanged() {
    let original = rich();
    let csv = register_csv(&original);
    let mut empty = original.clone();
    empty.risks.clear();
    let table = parse_csv(&csv).unwrap();
    let mapping = propose_mapping(&table.headers, &empty.method);
    let preview = import_risks(&table, &mapping, &empty);
    assert_eq!(errors(&preview), Vec::<String>::new());
    assert_eq!(preview.risks, original.risks);
    assert!(preview.new_assets.is_empty());
    assert!(preview.new_threats.is_empty());
    assert!(preview.new_vulnerabilities.is_empty());
    // Only derived values are left out.
    for ignored in &preview.ignored_columns {
        assert!(
            ignored.ends_with(" score")
                || ignored.ends_with(" level")
                || ignored.ends_with(" impact"),
            "{ignored}"
        );
    }
    // Applied to the copy, the result is a valid document.
    empty.risks = preview.risks;
    assert_eq!(empty.check(), []);
}

#[test]
fn the_round_trip_holds_through_a_european_semicolon_file() {
    let original = rich();
    let table = parse_csv(&register_csv(&original)).unwrap();
    let mut text = String::new();
    for record in std::iter::once(&table.headers).chain(&table.rows) {
        let fields: Vec<String> = record
            .iter()
            .map(|f| format!("\"{}\"", f.replace('"', "\"\"")))
            .collect();
        text.push_str(&fields.join(";"));
        text.push('\n');
    }
    let mut empty = original.clone();
    empty.risks.clear();
    let preview = import_text(&text, &empty);
    assert_eq!(errors(&preview), Vec::<String>::new());
    assert_eq!(preview.risks, original.risks);
}

#[test]
fn unknown_names_become_new_entries_listed_in_the_preview() {
    let original = rich();
    let csv = register_csv(&original);
    let mut bare = Assessment::new("Bare");
    bare.method = original.method.clone();
    let preview = import_text(&csv.replace("Asset IDs", "Asset refs"), &bare);
    assert_eq!(errors(&preview), Vec::<String>::new());
    let names: Vec<(&str, &str)> = preview
        .new_assets
        .iter()
        .map(|a| (a.id.as_str(), a.name.as_str()))
        .collect();
    assert_eq!(
        names,
        [("A-1", "Customer database"), ("A-2", "Web servers")]
    );
    assert_eq!(preview.new_threats.len(), 1);
    assert_eq!(preview.new_threats[0].id, "T-1");
    assert_eq!(preview.new_vulnerabilities[0].name, "Unpatched servers");
    assert_eq!(preview.risks[0].asset_ids, ["A-1", "A-2"]);
    assert_eq!(preview.risks[2].asset_ids, ["A-2"]);
    assert_eq!(preview.risks[2].threat_id.as_deref(), Some("T-1"));
    assert!(preview.ignored_columns.contains(&"Asset refs".to_string()));
}

#[test]
fn new_ids_skip_ids_already_taken() {
    let mut a = Assessment::new("Ids");
    a.assets.push(riskwright_engine::document::Asset {
        id: "A-1".into(),
        name: "Laptop".into(),
        kind: Default::default(),
        owner: String::new(),
        description: String::new(),
        valuation: BTreeMap::new(),
    });
    let preview = import_text("Title,Assets\nX,laptop; Server; server\nY,SERVER\n", &a);
    assert_eq!(errors(&preview), Vec::<String>::new());
    assert_eq!(preview.new_assets.len(), 1);
    assert_eq!(preview.new_assets[0].id, "A-2");
    assert_eq!(preview.risks[0].asset_ids, ["A-1", "A-2"]);
    assert_eq!(preview.risks[1].asset_ids, ["A-2"]);
}

// ---------------------------------------------------------- import errors

#[test]
fn every_bad_cell_is_reported_with_its_row_and_column() {
    let a = Assessment::new("Errors"); // 5x5
    let mut existing = a.clone();
    existing.risks.push(Risk {
        id: "R9".into(),
        title: "Existing".into(),
        ..Risk::default()
    });
    let text = "ID,Title,Likelihood,Impact,Reviewed on,Status\n\
                R1,Fine,3,4,2026-01-31,planned\n\
                R2,Bad label,very high,4,,\n\
                R3,Out of range,6,0,,\n\
                R4,Bad date,2,2,2026-02-30,\n\
                R5,Bad status,2,2,,maybe\n\
                R1,Duplicate,2,2,,\n\
                ,,2,2,,\n\
                R9,Existing id,1,1,,\n\
                ,Label ok,almost CERTAIN,Severe,,In Progress\n";
    let preview = import_text(text, &existing);
    let messages = errors(&preview);
    let expected_prefixes = [
        "row 3, column Likelihood: 'very high' is not a level of this method (use 1 to 5 or one of Rare, Unlikely, Possible, Likely, Almost certain)",
        "row 4, column Likelihood: '6' is not a level of this method (use 1 to 5",
        "row 4, column Impact: '0' is not a level of this method (use 1 to 5 or one of Negligible, Minor, Moderate, Major, Severe)",
        "row 5, column Reviewed on: '2026-02-30' is not a day of the calendar",
        "row 6, column Status: 'maybe' is not a treatment status (use one of Untreated, Planned, In progress, Implemented)",
        "row 7, column ID: the id 'R1' is also used on row 2",
        "row 8, column Title: every risk needs a title",
        "row 9, column ID: the id 'R9' is already used in this assessment",
    ];
    assert_eq!(messages.len(), expected_prefixes.len(), "{messages:#?}");
    for (message, prefix) in messages.iter().zip(expected_prefixes) {
        assert!(
            message.starts_with(prefix),
            "{message}\n  expected {prefix}"
        );
    }
    let titles: Vec<&str> = preview.risks.iter().map(|r| r.title.as_str()).collect();
    assert_eq!(titles, ["Fine", "Label ok"]);
    let fine = &preview.risks[0];
    assert_eq!(fine.treatment, TreatmentStatus::Planned);
    assert_eq!(fine.reviewed_on.unwrap().to_string(), "2026-01-31");
    let current = fine.current.as_ref().unwrap();
    assert_eq!(current.likelihood, 3);
    assert_eq!(
        current.impacts,
        BTreeMap::from([
            ("confidentiality".to_string(), 4),
            ("integrity".to_string(), 4),
            ("availability".to_string(), 4)
        ])
    );
    let labelled = &preview.risks[1];
    assert_eq!(labelled.id, "");
    assert_eq!(labelled.treatment, TreatmentStatus::InProgress);
    assert_eq!(labelled.current.as_ref().unwrap().likelihood, 5);
    assert_eq!(labelled.current.as_ref().unwrap().impacts["integrity"], 5);
}

#[test]
fn a_row_reports_all_its_errors_and_half_rated_tiers_are_errors() {
    let a = Assessment::new("Errors");
    let preview = import_text(
        "Title,Likelihood,Impact,Reviewed on,Residual likelihood\n,9,,someday,\nOnly likelihood,2,,,\nOnly impact,,3,,\n",
        &a,
    );
    let messages = errors(&preview);
    assert_eq!(messages.len(), 5, "{messages:#?}");
    assert!(messages[0].starts_with("row 2, column Likelihood: '9'"));
    assert!(messages[1].starts_with("row 2, column Reviewed on: 'someday'"));
    assert!(messages[2].starts_with("row 2, column Title: every risk needs a title"));
    assert!(messages[3].starts_with(
        "row 3, column Likelihood: the current likelihood is given but no current impact"
    ));
    assert!(messages[4].starts_with(
        "row 4, column Impact: the current impact is given but no current likelihood"
    ));
    assert!(preview.risks.is_empty());
}

#[test]
fn treatment_accepts_names_and_labels() {
    let a = Assessment::new("Treatments");
    let preview = import_text(
        "Title,Treatment\na,in progress\nb,In progress\nc,in_progress\nd,IMPLEMENTED\ne,\nf,in-progress\n",
        &a,
    );
    assert_eq!(preview.errors, []);
    let statuses: Vec<TreatmentStatus> = preview.risks.iter().map(|r| r.treatment).collect();
    use TreatmentStatus::*;
    assert_eq!(
        statuses,
        [
            InProgress,
            InProgress,
            InProgress,
            Implemented,
            Untreated,
            InProgress
        ]
    );
}

#[test]
fn tags_split_on_semicolons_and_commas_and_blank_rows_are_skipped() {
    let preview = import_text(
        "Title,Tags\na,\"x, y;z\"\n,\n\nb,\n",
        &Assessment::new("Tags"),
    );
    assert_eq!(preview.errors, []);
    assert_eq!(preview.risks.len(), 2);
    assert_eq!(preview.risks[0].tags, ["x", "y", "z"]);
    assert!(preview.risks[1].tags.is_empty());
}

// ----------------------------------------------------------------- mapping

#[test]
fn a_typical_spreadsheet_header_line_maps_by_synonyms() {
    let method = v2().method;
    let headers = strings(&[
        " Risk ID ",
        "Risk",
        "Risk description",
        "Risk Owner",
        "Probability",
        "Severity",
        "C",
        "I",
        "A",
        "Legal",
        "Residual likelihood",
        "Residual Impact",
        "Status",
        "Review date",
        "Notes",
        "Risk level",
    ]);
    let fields: Vec<Option<ImportField>> = propose_mapping(&headers, &method)
        .into_iter()
        .map(|m| m.field)
        .collect();
    use ImportField as F;
    assert_eq!(
        fields,
        [
            Some(F::Id),
            Some(F::Title),
            Some(F::Scenario),
            Some(F::Owner),
            Some(F::Likelihood(Tier::Current)),
            Some(F::AggregateImpact(Tier::Current)),
            Some(F::Impact(Tier::Current, "confidentiality".into())),
            Some(F::Impact(Tier::Current, "integrity".into())),
            Some(F::Impact(Tier::Current, "availability".into())),
            Some(F::Impact(Tier::Current, "legal".into())),
            Some(F::Likelihood(Tier::Residual)),
            Some(F::AggregateImpact(Tier::Residual)),
            Some(F::Treatment),
            Some(F::ReviewedOn),
            None,
            None,
        ]
    );
    let more = strings(&[
        "Name",
        "Description",
        "Owner",
        "Likelihood",
        "Impact",
        "Consequence level",
        "Confidentiality",
        "Treatment status",
        "name",
    ]);
    let fields: Vec<Option<ImportField>> = propose_mapping(&more, &method)
        .into_iter()
        .map(|m| m.field)
        .collect();
    assert_eq!(
        fields,
        [
            Some(F::Title),
            Some(F::Scenario),
            Some(F::Owner),
            Some(F::Likelihood(Tier::Current)),
            Some(F::AggregateImpact(Tier::Current)),
            None, // the aggregate impact is already mapped
            Some(F::Impact(Tier::Current, "confidentiality".into())),
            Some(F::Treatment),
            None, // the title is already mapped
        ]
    );
}

#[test]
fn our_own_export_headers_all_map() {
    let a = rich();
    let headers = riskwright_engine::interchange::register_headers(&a.method);
    let mapping = propose_mapping(&headers, &a.method);
    for m in &mapping {
        let derived = m.header.ends_with(" score") || m.header.ends_with(" level");
        assert_eq!(m.field.is_none(), derived, "{}", m.header);
    }
    assert_eq!(
        mapping
            .iter()
            .find(|m| m.header == "Current impact: Legal")
            .unwrap()
            .field,
        Some(ImportField::Impact(Tier::Current, "legal".into()))
    );
}

#[test]
fn mapping_serialises_as_snake_case() {
    let json = serde_json::to_value(propose_mapping(
        &strings(&["Residual likelihood", "C"]),
        &preset("5x5").unwrap(),
    ))
    .unwrap();
    assert_eq!(
        json,
        serde_json::json!([
            {"column": 0, "header": "Residual likelihood", "field": {"likelihood": "residual"}},
            {"column": 1, "header": "C", "field": {"impact": ["current", "confidentiality"]}}
        ])
    );
    let preview = serde_json::to_value(ImportPreview::default()).unwrap();
    assert!(preview.get("newAssets").is_some() && preview.get("ignoredColumns").is_some());
}

#[test]
fn five_thousand_rows_import_quickly() {
    let mut a = rich();
    let base = a.risks.clone();
    a.risks = (0..5000)
        .map(|k| {
            let mut r = base[k % base.len()].clone();
            r.id = format!("R{k}");
            r
        })
        .collect();
    let started = std::time::Instant::now();
    let csv = register_csv(&a);
    let mut empty = a.clone();
    empty.risks.clear();
    let preview = import_text(&csv, &empty);
    assert_eq!(preview.errors, []);
    assert_eq!(preview.risks, a.risks);
    assert!(started.elapsed().as_secs() < 20, "{:?}", started.elapsed());
}

// --------------------------------------------------------------- proptests

fn table() -> impl Strategy<Value = CsvTable> {
    (1usize..6).prop_flat_map(|width| {
        let cell = prop_oneof![
            ".{0,12}",
            "[a-z,;\"\r\n =+\\-@\t']{0,8}",
            Just(String::new()),
        ];
        (
            prop::collection::vec(cell.clone(), width),
            prop::collection::vec(prop::collection::vec(cell, width), 0..8),
        )
            .prop_map(|(headers, rows)| CsvTable::new(headers, rows))
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn parse_csv_never_panics(text in ".{0,200}") {
        let _ = parse_csv(&text);
    }

    #[test]
    fn parse_csv_never_panics_on_csv_like_text(text in "[a,;\"\r\n\u{feff}]{0,60}") {
        if let Ok(table) = parse_csv(&text) {
            let mapping = propose_mapping(&table.headers, &preset("3x3").unwrap());
            let _ = import_risks(&table, &mapping, &Assessment::new("x"));
        }
    }

    #[test]
    fn write_then_parse_is_identity(table in table()) {
        prop_assert_eq!(parse_csv(&write_csv(&table)), Ok(table));
    }

    #[test]
    fn neutralise_then_restore_is_identity(text in ".{0,20}") {
        let neutralised = neutralise(&text);
        prop_assert_eq!(restore(&neutralised), text.as_str());
    }
}
