//! The Statement of Applicability as CSV: the export, the import preview
//! with its per-cell problems, the round trip, and a 2013 SoA migrated to
//! the 2022 controls.

use proptest::prelude::*;
use riskwright_engine::catalogue::{annex_a, Control, ControlType, Theme};
use riskwright_engine::date::Date;
use riskwright_engine::document::{Assessment, InclusionReason, Risk, SoaEntry};
use riskwright_engine::interchange::{
    export_soa_csv, import_soa_csv, parse_csv, SoaImport, SOA_HEADERS,
};
use riskwright_engine::treatment::{AppliedControl, ControlStatus, Effectiveness};

const SOA_2013: &str = include_str!("fixtures/soa/soa_2013.csv");
const SOA_2013_EXPECTED: &str = "tests/fixtures/soa/soa_2013.expected";

fn day(text: &str) -> Date {
    Date::parse(text).unwrap()
}

fn entry(id: &str) -> SoaEntry {
    SoaEntry {
        control_id: id.into(),
        ..SoaEntry::default()
    }
}

fn custom_control() -> Control {
    Control::custom(
        "ACME-1",
        "Supplier portal review",
        "ACME internal standard",
        Theme::Organizational,
    )
}

/// An assessment whose SoA has awkward text everywhere, a custom control,
/// and a risk selecting two controls (one recorded as excluded, one not
/// recorded at all), so the export derives `yes` and a status for them.
fn awkward() -> Assessment {
    let mut a = Assessment::new("Awkward");
    a.custom_controls.push(custom_control());
    a.risks.push(Risk {
        id: "R1".into(),
        title: "Burglary".into(),
        controls: ["7.4", "8.8"]
            .iter()
            .map(|id| AppliedControl {
                control_id: id.to_string(),
                status: ControlStatus::InProgress,
                effectiveness: Effectiveness::Medium,
                acts_through: ControlType::Preventive,
            })
            .collect(),
        ..Risk::default()
    });
    a.soa = vec![
        SoaEntry {
            applicable: Some(true),
            reasons: vec![InclusionReason::Business, InclusionReason::Legal],
            reason_note: "GDPR Art. 32, \"security of processing\"\r\nand the ACME contract".into(),
            status: Some(ControlStatus::Implemented),
            evidence: vec![
                "https://intranet.example/isms/policy?v=2;rev=3,final".into(),
                "Board minutes, 2024-03-01; signed".into(),
                "'quoted' note".into(),
            ],
            owner: "Doe, Jane \"JD\"".into(),
            reviewed_on: Some(day("2025-01-15")),
            ..entry("5.1")
        },
        SoaEntry {
            applicable: Some(false),
            exclusion_justification: "=HYPERLINK(\"http://evil.example\")".into(),
            ..entry("5.7")
        },
        SoaEntry {
            applicable: Some(false),
            exclusion_justification: "'already quoted".into(),
            status: Some(ControlStatus::NotEffective),
            ..entry("6.3")
        },
        SoaEntry {
            applicable: Some(false),
            exclusion_justification: "No premises of our own".into(),
            ..entry("7.4")
        },
        SoaEntry {
            owner: "@ops".into(),
            reviewed_on: Some(day("2024-12-31")),
            ..entry("8.13")
        },
        SoaEntry {
            applicable: Some(true),
            reasons: vec![InclusionReason::Contractual],
            status: Some(ControlStatus::Planned),
            evidence: vec!["-see the portal".into()],
            owner: "Procurement".into(),
            ..entry("ACME-1")
        },
    ];
    a
}

fn cell<'a>(
    table: &'a riskwright_engine::interchange::CsvTable,
    control: &str,
    header: &str,
) -> &'a str {
    let column = table.headers.iter().position(|h| h == header).unwrap();
    let row = table.rows.iter().find(|r| r[0] == control).unwrap();
    &row[column]
}

fn problems(import: &SoaImport) -> Vec<String> {
    import.problems.iter().map(ToString::to_string).collect()
}

// ------------------------------------------------------------------ export

#[test]
fn the_export_has_a_row_per_annex_a_and_custom_control() {
    let a = awkward();
    let csv = export_soa_csv(&a);
    assert!(csv.starts_with('\u{feff}'));
    assert!(csv.ends_with("\r\n"));
    let table = parse_csv(&csv).unwrap();
    assert_eq!(table.headers, SOA_HEADERS);
    assert_eq!(table.rows.len(), 93 + 1);
    let ids: Vec<&str> = table.rows.iter().map(|r| r[0].as_str()).collect();
    let expected: Vec<&str> = annex_a()
        .iter()
        .map(|c| c.id.as_str())
        .chain(["ACME-1"])
        .collect();
    assert_eq!(ids, expected);
    assert_eq!(table.field_counts, vec![SOA_HEADERS.len(); 94]);

    for (control, header, expected) in [
        ("5.1", "Title", "Policies for information security"),
        ("5.1", "Theme", "Organizational"),
        ("5.1", "Source", "ISO/IEC 27001:2022 Annex A"),
        ("5.1", "Applicable", "yes"),
        ("5.1", "Reasons", "business; legal"),
        ("5.1", "Status", "implemented"),
        (
            "5.1",
            "Evidence",
            "https://intranet.example/isms/policy?v=2;rev=3,final\nBoard minutes, 2024-03-01; signed\n'quoted' note",
        ),
        ("5.1", "Reviewed on", "2025-01-15"),
        ("5.7", "Applicable", "no"),
        // Formula neutralisation, and the escape of an existing apostrophe.
        ("5.7", "Exclusion justification", "'=HYPERLINK(\"http://evil.example\")"),
        ("6.3", "Exclusion justification", "''already quoted"),
        ("6.3", "Status", "not effective"),
        // A risk selects 7.4, which the entry excludes: the recorded decision
        // is its one state (the checker reports the contradiction).
        ("7.4", "Applicable", "no"),
        ("7.4", "Risks", "R1"),
        // 8.8 has no entry: the status comes from the risk that applies it.
        ("8.8", "Applicable", "yes"),
        ("8.8", "Status", "in progress"),
        ("8.13", "Applicable", "undecided"),
        ("8.13", "Owner", "'@ops"),
        ("8.13", "Status", ""),
        ("ACME-1", "Title", "Supplier portal review"),
        ("ACME-1", "Source", "ACME internal standard"),
        ("ACME-1", "Evidence", "'-see the portal"),
        ("ACME-1", "Risks", ""),
    ] {
        assert_eq!(cell(&table, control, header), expected, "{control} {header}");
    }
    // Written quoted, with the quotes doubled.
    assert!(
        csv.contains(",\"'=HYPERLINK(\"\"http://evil.example\"\")\","),
        "{csv}"
    );
}

// ------------------------------------------------------------- round trip

#[test]
fn an_export_imports_back_to_the_same_entries() {
    let a = awkward();
    let import = import_soa_csv(&export_soa_csv(&a), &a);
    assert_eq!(problems(&import), Vec::<String>::new());
    assert_eq!(import.migration, None);
    assert_eq!(
        import.ignored_columns,
        ["Title", "Theme", "Source", "Risks"]
    );
    // 8.8 was derived only (no entry), 7.4 keeps its recorded exclusion.
    assert_eq!(import.entries, a.soa);
}

#[test]
fn an_empty_assessment_exports_rows_that_import_to_nothing() {
    let a = Assessment::new("Empty");
    let import = import_soa_csv(&export_soa_csv(&a), &a);
    assert_eq!(import.problems, []);
    assert_eq!(import.entries, []);
}

// ------------------------------------------------------ reading the cells

#[test]
fn applicable_accepts_the_usual_words() {
    for (word, expected) in [
        ("yes", Some(true)),
        ("Y", Some(true)),
        ("TRUE", Some(true)),
        ("Included", Some(true)),
        ("applicable", Some(true)),
        ("no", Some(false)),
        ("n", Some(false)),
        ("False", Some(false)),
        ("excluded", Some(false)),
        ("Not applicable", Some(false)),
        ("not-applicable", Some(false)),
        ("N/A", Some(false)),
        ("undecided", None),
        ("", None),
    ] {
        let csv = format!("Control ID,Applicable?,Owner\n5.1,{word},CISO\n");
        let import = import_soa_csv(&csv, &Assessment::new("x"));
        assert_eq!(import.problems, [], "{word:?}");
        assert_eq!(import.entries.len(), 1, "{word:?}");
        assert_eq!(import.entries[0].applicable, expected, "{word:?}");
    }
}

#[test]
fn synonyms_of_the_headers_are_understood() {
    let csv = "Annex A control,Applicable (Y/N),Justification,Implementation status,Control owner,Review date,Reasons for inclusion,Comments\n\
               A.5.1,Yes,Our policy set,Done,CISO,2025-02-01,LR; BR/BP; RRA,ignored\n\
               a.5.2,No,No separate roles in a two-person company,,,,,\n";
    let import = import_soa_csv(csv, &Assessment::new("x"));
    assert_eq!(import.problems, []);
    assert_eq!(import.ignored_columns, ["Comments"]);
    assert_eq!(
        import.entries,
        [
            SoaEntry {
                applicable: Some(true),
                // A general "Justification" of an applicable control is a note on
                // why it is included ...
                reason_note: "Our policy set".into(),
                status: Some(ControlStatus::Implemented),
                owner: "CISO".into(),
                reviewed_on: Some(day("2025-02-01")),
                reasons: vec![InclusionReason::Legal, InclusionReason::Business],
                ..entry("5.1")
            },
            SoaEntry {
                applicable: Some(false),
                // ... and of an excluded one, why it is excluded.
                exclusion_justification: "No separate roles in a two-person company".into(),
                ..entry("5.2")
            },
        ]
    );
}

#[test]
fn entries_come_in_catalogue_order_whatever_the_file_order() {
    let mut a = Assessment::new("x");
    a.custom_controls.push(custom_control());
    let csv = "Control,Applicable\nACME-1,yes\n8.34,no\n5.1,yes\nacme-1 ,\n";
    let import = import_soa_csv(csv, &a);
    let ids: Vec<&str> = import
        .entries
        .iter()
        .map(|e| e.control_id.as_str())
        .collect();
    assert_eq!(ids, ["5.1", "8.34", "ACME-1"]);
    // `acme-1 ` is the same custom control, so it is the duplicate.
    assert_eq!(
        problems(&import),
        ["row 5, column Control: control 'acme-1' is already on row 2; keep one row per control"]
    );
}

/// Each file gives exactly these problems, in order.
#[test]
fn problems_name_their_row_and_column() {
    let cases: &[(&str, &str, &[&str])] = &[
        (
            "an unknown control id",
            "Control,Applicable\n5.1,yes\nA.99.1,yes\n",
            &["row 3, column Control: 'A.99.1' is not an ISO/IEC 27001:2022 Annex A control or a custom control of this assessment"],
        ),
        (
            "a word that is no decision",
            "Control,Applicable\n5.1,maybe\n",
            &["row 2, column Applicable: 'maybe' is not a decision: write yes or no, or leave the cell empty while undecided"],
        ),
        (
            "the same control twice",
            "Control,Applicable\n5.1,yes\n5.2,no\nA.5.1,no\n",
            &["row 4, column Control: control 'A.5.1' is already on row 2; keep one row per control"],
        ),
        (
            "bad status, date and reason on one row, by column",
            "Control ID,Status,Reviewed on,Reasons\n5.1,finished,2025-13-01,legal; whim\n",
            &[
                "row 2, column Status: 'finished' is not an implementation status (use planned, in progress, implemented or not effective)",
                "row 2, column Reviewed on: '2025-13-01' is not a day of the calendar",
                "row 2, column Reasons: 'whim' is not a reason for inclusion (use legal, contractual or business; the risks that select a control are linked from the register)",
            ],
        ),
        (
            "an empty control id",
            "Control,Applicable\n,yes\n",
            &["row 2, column Control: the control id is empty: say which control this row is about"],
        ),
        (
            "a 2013 id in a 2022 file",
            "Control,Applicable\n5.1,yes\n5.2,yes\nA.9.2.1,yes\n",
            &["row 4, column Control: 'A.9.2.1' is an ISO/IEC 27001:2013 control, but most controls in this file are from the 2022 edition; list the controls of one edition per file"],
        ),
        (
            "a 2022 id in a 2013 file",
            "Control,Applicable\nA.5.1.1,yes\nA.5.1.2,yes\n8.13,yes\n",
            &["row 4, column Control: '8.13' is an ISO/IEC 27001:2022 control, but most controls in this file are from the 2013 edition; list the controls of one edition per file"],
        ),
        (
            "a row with too many cells",
            "Control,Applicable\n5.1,yes,extra\n",
            &["row 2: this row has 3 cells but the header has 2 columns; check for a separator inside an unquoted cell"],
        ),
        (
            "no control column",
            "Title,Applicable\nPolicies,yes\n",
            &["row 1: no column names the control: head the column of control ids Control (or Control ID)"],
        ),
        (
            "a broken quote",
            "Control,Applicable\n5.1,\"yes\n",
            &["line 2: a quoted field is never closed: a closing quote (\") is missing"],
        ),
        ("an empty file", "", &["line 1: the file is empty: it has no header line"]),
    ];
    for (name, csv, expected) in cases {
        let import = import_soa_csv(csv, &Assessment::new("x"));
        assert_eq!(problems(&import), *expected, "{name}");
    }
}

#[test]
fn a_row_with_a_problem_gives_no_entry_and_the_others_still_do() {
    let csv = "Control,Applicable,Owner\n5.1,yes,CISO\n5.2,perhaps,COO\n5.3,no,CFO\n";
    let import = import_soa_csv(csv, &Assessment::new("x"));
    assert_eq!(import.problems.len(), 1);
    assert_eq!(import.problems[0].path, "row 3, column Applicable");
    let ids: Vec<&str> = import
        .entries
        .iter()
        .map(|e| e.control_id.as_str())
        .collect();
    assert_eq!(ids, ["5.1", "5.3"]);
}

#[test]
fn evidence_splits_on_line_breaks_only() {
    let csv = "Control,Evidence\n5.1,\"a.pdf; b.pdf\r\n\r\n https://x.example/?a=1,2 \nc\"\n";
    let import = import_soa_csv(csv, &Assessment::new("x"));
    assert_eq!(
        import.entries[0].evidence,
        ["a.pdf; b.pdf", "https://x.example/?a=1,2", "c"]
    );
}

// --------------------------------------------------------- 2013 migration

fn migrated() -> SoaImport {
    let mut a = Assessment::new("Migrating");
    a.custom_controls.push(custom_control());
    import_soa_csv(SOA_2013, &a)
}

fn found<'a>(import: &'a SoaImport, id: &str) -> &'a SoaEntry {
    import.entries.iter().find(|e| e.control_id == id).unwrap()
}

#[test]
fn a_2013_soa_merges_into_2022_controls() {
    let import = migrated();
    assert_eq!(import.problems, []);
    let migration = import.migration.as_ref().unwrap();
    assert_eq!(migration.rows_2013, 14);
    let merged: Vec<(&str, Vec<&str>)> = migration
        .merged
        .iter()
        .map(|m| {
            (
                m.control_id.as_str(),
                m.from_2013.iter().map(String::as_str).collect(),
            )
        })
        .collect();
    assert_eq!(
        merged,
        [
            ("5.1", vec!["5.1.1", "5.1.2"]),
            ("5.17", vec!["9.2.4", "9.3.1"]),
            ("5.36", vec!["18.2.2", "18.2.3"]),
            ("7.2", vec!["11.1.2", "11.1.6"]),
            ("8.8", vec!["12.6.1", "18.2.3"]),
            ("8.29", vec!["14.2.8", "14.2.9"]),
        ]
    );
    assert!(migration.merged[0]
        .message
        .starts_with("5.1 Policies for information security ← A.5.1.1, A.5.1.2: "));
    let split: Vec<(&str, &[String])> = migration
        .split
        .iter()
        .map(|s| (s.id_2013.as_str(), s.into.as_slice()))
        .collect();
    assert_eq!(
        split,
        [("18.2.3", &["5.36".to_string(), "8.8".to_string()][..])]
    );

    let ids: Vec<&str> = import
        .entries
        .iter()
        .map(|e| e.control_id.as_str())
        .collect();
    assert_eq!(
        ids,
        ["5.1", "5.2", "5.16", "5.17", "5.36", "7.2", "8.8", "8.13", "8.29", "ACME-1"]
    );
}

#[test]
fn the_merge_rule_decides_status_exclusion_and_evidence() {
    let import = migrated();
    // Applicable if any source is; the least advanced status; evidence joined.
    let policies = found(&import, "5.1");
    assert_eq!(policies.applicable, Some(true));
    assert_eq!(policies.status, Some(ControlStatus::InProgress));
    assert_eq!(
        policies.evidence,
        [
            "https://intranet.example/isms/policy?v=2;rev=3",
            "Board minutes, 2023-11"
        ]
    );
    assert_eq!(policies.owner, "CISO");
    assert_eq!(policies.reason_note, "Required by the ISMS");
    // Owners joined when they differ; planned is less advanced than implemented.
    let authentication = found(&import, "5.17");
    assert_eq!(authentication.status, Some(ControlStatus::Planned));
    assert_eq!(authentication.owner, "IT manager; Security officer");
    // Excluded only when every source is, with the justifications joined.
    let entry = found(&import, "7.2");
    assert_eq!(entry.applicable, Some(false));
    assert_eq!(
        entry.exclusion_justification,
        "A.11.1.2: The landlord controls entry to the building\nA.11.1.6: No delivery or loading areas in a shared office"
    );
    // One excluded, one undecided: undecided, the justification kept.
    let testing = found(&import, "8.29");
    assert_eq!(testing.applicable, None);
    assert_eq!(testing.exclusion_justification, "No in-house development");
    // The split control feeds both of its 2022 controls.
    let vulnerabilities = found(&import, "8.8");
    assert_eq!(vulnerabilities.status, Some(ControlStatus::InProgress));
    assert_eq!(
        vulnerabilities.evidence,
        ["Scanner reports", "Penetration test 2023"]
    );
    assert_eq!(
        found(&import, "5.36").status,
        Some(ControlStatus::InProgress)
    );
    // One to one, and a custom control passing through.
    assert_eq!(found(&import, "8.13").evidence, ["Backup logs"]);
    assert_eq!(
        found(&import, "ACME-1").status,
        Some(ControlStatus::Planned)
    );
}

/// Two 2013 rows feeding 5.1 (columns: Applicable, Exclusion justification,
/// Status, Owner, Reviewed on, Reasons), the entry they merge into, and a
/// piece of the preview's sentence.
#[test]
fn the_merge_rule_case_by_case() {
    let cases: &[(&str, &str, SoaEntry, &str)] = &[
        (
            "applicable if any is: the exclusion of the other is dropped",
            "yes,,implemented,,,\nno,Not needed,,,,",
            SoaEntry {
                applicable: Some(true),
                status: Some(ControlStatus::Implemented),
                ..entry("5.1")
            },
            "it is applicable because A.5.1.1 was, so the exclusion of A.5.1.2 no longer holds.",
        ),
        (
            "an applicable source without a status leaves the status unknown",
            "yes,,implemented,,,\nyes,,,,,",
            SoaEntry {
                applicable: Some(true),
                ..entry("5.1")
            },
            "A.5.1.2 has no status, so its status is left empty.",
        ),
        (
            "not effective is the least advanced",
            "yes,,implemented,,,\nyes,,not effective,,,",
            SoaEntry {
                applicable: Some(true),
                status: Some(ControlStatus::NotEffective),
                ..entry("5.1")
            },
            "it takes the least advanced, not effective.",
        ),
        (
            "excluded when all are; the same justification is not repeated",
            "no,Out of scope,,,,\nno,Out of scope,,,,",
            SoaEntry {
                applicable: Some(false),
                exclusion_justification: "Out of scope".into(),
                ..entry("5.1")
            },
            "it is excluded because all of them were",
        ),
        (
            "owners joined, earliest review, reasons united",
            ",,,Alice,2024-05-01,legal\n,,,Bob,2023-01-31,legal; contractual",
            SoaEntry {
                owner: "Alice; Bob".into(),
                reviewed_on: Some(day("2023-01-31")),
                reasons: vec![InclusionReason::Legal, InclusionReason::Contractual],
                ..entry("5.1")
            },
            "it is left undecided",
        ),
    ];
    for (name, rows, expected, sentence) in cases {
        let mut rows = rows.lines();
        let csv = format!(
            "Control,Applicable,Exclusion justification,Status,Owner,Reviewed on,Reasons\nA.5.1.1,{}\nA.5.1.2,{}\n",
            rows.next().unwrap(),
            rows.next().unwrap()
        );
        let import = import_soa_csv(&csv, &Assessment::new("x"));
        assert_eq!(import.problems, [], "{name}");
        assert_eq!(import.entries, std::slice::from_ref(expected), "{name}");
        let message = &import.migration.as_ref().unwrap().merged[0].message;
        assert!(message.contains(sentence), "{name}: {message}");
    }
}

#[test]
fn the_eleven_controls_new_in_2022_need_a_decision() {
    let import = migrated();
    let migration = import.migration.as_ref().unwrap();
    let new: Vec<&str> = migration
        .new_controls
        .iter()
        .map(|c| c.control_id.as_str())
        .collect();
    assert_eq!(
        new,
        ["5.7", "5.23", "5.30", "7.4", "8.9", "8.10", "8.11", "8.12", "8.16", "8.23", "8.28"]
    );
    assert_eq!(
        migration.new_controls[0].message,
        "5.7 Threat intelligence is new in ISO/IEC 27001:2022 and needs a decision: include it, or exclude it with a justification."
    );
    // Left undecided: no entry records them.
    assert!(import
        .entries
        .iter()
        .all(|e| !new.contains(&e.control_id.as_str())));
}

/// The whole preview of the fixture, as the user reads it. Run with
/// `UPDATE_EXPECT=1` to rewrite the golden file after a deliberate change.
#[test]
fn the_migration_preview_reads_as_expected() {
    let import = migrated();
    let migration = import.migration.as_ref().unwrap();
    let mut text = format!("{}\n\nMerged:\n", migration.summary);
    for m in &migration.merged {
        text.push_str(&format!("- {}\n", m.message));
    }
    text.push_str("\nSplit:\n");
    for s in &migration.split {
        text.push_str(&format!("- {}\n", s.message));
    }
    text.push_str("\nNeed a decision:\n");
    for n in &migration.new_controls {
        text.push_str(&format!("- {}\n", n.message));
    }
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(SOA_2013_EXPECTED);
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        std::fs::write(&path, &text).unwrap();
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_default();
    assert_eq!(
        text, expected,
        "run with UPDATE_EXPECT=1 to accept the new preview"
    );
}

#[test]
fn a_2022_file_is_not_migrated_and_a_partial_2013_file_is() {
    let a = Assessment::new("x");
    assert_eq!(import_soa_csv("Control\n5.1\n", &a).migration, None);
    let import = import_soa_csv("Control,Applicable\n12.3.1,yes\n", &a);
    assert_eq!(import.problems, []);
    assert_eq!(
        import.entries,
        [SoaEntry {
            applicable: Some(true),
            ..entry("8.13")
        }]
    );
    let migration = import.migration.unwrap();
    assert_eq!(migration.merged, []);
    assert_eq!(migration.new_controls.len(), 11);
}

#[test]
fn a_2013_control_listed_twice_is_a_problem_on_the_second_row() {
    let import = import_soa_csv(
        "Control,Applicable\nA.5.1.1,yes\n5.1.1,no\n",
        &Assessment::new("x"),
    );
    assert_eq!(
        problems(&import),
        ["row 3, column Control: control '5.1.1' is already on row 2; keep one row per control"]
    );
}

// --------------------------------------------------------- never panics

fn cell_strategy() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just("5.1".to_string()),
        Just("A.5.1.1".to_string()),
        Just("18.2.3".to_string()),
        Just("ACME-1".to_string()),
        Just("yes".to_string()),
        Just("no".to_string()),
        Just("implemented".to_string()),
        Just("2025-01-01".to_string()),
        Just("\"a,b\"".to_string()),
        Just("\"x\ny\"".to_string()),
        Just("=1+1".to_string()),
        any::<String>(),
    ]
}

fn file_strategy() -> impl Strategy<Value = String> {
    let header = prop::sample::subsequence(
        vec![
            "Control",
            "Applicable",
            "Status",
            "Evidence",
            "Justification",
            "Reasons",
            "Owner",
            "Reviewed on",
            "Risks",
            "Other",
        ],
        1..=10,
    );
    (
        header,
        prop::collection::vec(prop::collection::vec(cell_strategy(), 0..12), 0..20),
    )
        .prop_map(|(header, rows)| {
            let mut text = header.join(",");
            for row in rows {
                text.push_str("\r\n");
                text.push_str(&row.join(","));
            }
            text
        })
}

fn check_invariants(import: &SoaImport) {
    let known: Vec<String> = annex_a()
        .iter()
        .map(|c| c.id.clone())
        .chain(["ACME-1".to_string()])
        .collect();
    for e in &import.entries {
        assert!(known.contains(&e.control_id), "{}", e.control_id);
    }
    for p in &import.problems {
        assert!(
            p.path.starts_with("row ") || p.path.starts_with("line "),
            "{p}"
        );
    }
}

proptest! {
    #[test]
    fn arbitrary_text_never_panics(text in any::<String>()) {
        let mut a = Assessment::new("x");
        a.custom_controls.push(custom_control());
        check_invariants(&import_soa_csv(&text, &a));
    }

    #[test]
    fn arbitrary_soa_files_never_panic(text in file_strategy()) {
        let mut a = Assessment::new("x");
        a.custom_controls.push(custom_control());
        check_invariants(&import_soa_csv(&text, &a));
    }
}
