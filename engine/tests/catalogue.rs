//! The shipped catalogues: Annex A against the 27002 attribute table, the
//! published checksums, the 2013 correspondence, threats, vulnerabilities,
//! mappings and custom-control validation.

use proptest::prelude::*;
use riskwright_engine::catalogue::{
    annex_a, control, controls_for_asset_type, controls_for_threat, controls_for_vulnerability,
    controls_from_2013, controls_in_theme, correspondence_2013, embedded_data_problems, ids_2013,
    parse_custom_control, sources_2013, threat, threats, threats_for_control,
    validate_custom_control, validate_custom_controls, vulnerabilities,
    vulnerabilities_for_control, AssetType, AttributeSet, Control, ControlType,
    CybersecurityConcept, OperationalCapability, SecurityDomain, SecurityProperty, Theme,
    ThreatOrigin, ANNEX_A_2013_COUNT, ANNEX_A_COUNT, ANNEX_A_SOURCE,
};
use std::collections::{BTreeMap, BTreeSet};

const FIXTURE: &str = include_str!("fixtures/iso27002-2022-attributes.csv");

/// Splits one CSV line into fields (double-quoted fields may hold commas).
fn csv_fields(line: &str) -> Vec<String> {
    let mut fields = vec![String::new()];
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                chars.next();
                fields.last_mut().unwrap().push('"');
            }
            '"' => quoted = !quoted,
            ',' if !quoted => fields.push(String::new()),
            c => fields.last_mut().unwrap().push(c),
        }
    }
    fields
}

fn fixture_rows() -> Vec<Vec<String>> {
    let mut lines = FIXTURE.lines().filter(|l| !l.trim().is_empty());
    let header = csv_fields(lines.next().unwrap());
    assert_eq!(
        header,
        [
            "id",
            "title",
            "theme",
            "control_type",
            "security_properties",
            "cybersecurity_concepts",
            "operational_capabilities",
            "security_domains"
        ]
    );
    lines.map(csv_fields).collect()
}

fn ids<'a>(controls: impl IntoIterator<Item = &'a Control>) -> Vec<&'a str> {
    controls.into_iter().map(|c| c.id.as_str()).collect()
}

#[test]
fn embedded_data_is_sound() {
    assert_eq!(embedded_data_problems(), vec![]);
}

#[test]
fn annex_a_matches_the_fixture_row_by_row() {
    let rows = fixture_rows();
    assert_eq!(rows.len(), 93);
    let controls = annex_a();
    assert_eq!(controls.len(), rows.len());
    for (i, (row, c)) in rows.iter().zip(controls).enumerate() {
        assert_eq!(row.len(), 8, "row {i}");
        assert_eq!(c.id, row[0], "row {i}");
        assert_eq!(c.title, row[1], "{}", c.id);
        assert_eq!(Some(c.theme), Theme::parse(&row[2]), "{}", c.id);
        let expected =
            AttributeSet::from_columns(&row[3], &row[4], &row[5], &row[6], &row[7], &c.id)
                .unwrap_or_else(|e| panic!("{}: {e:?}", c.id));
        assert_eq!(c.attributes(), expected, "{}", c.id);
        assert_eq!(c.source, ANNEX_A_SOURCE);
        assert!(c.is_annex_a());
    }
    assert_eq!(control("8.1").unwrap().title, "User endpoint devices");
}

/// The names the first load uses are the catalogue's, control by control.
#[test]
fn the_names_alone_agree_with_the_catalogue() {
    let names = riskwright_engine::catalogue::annex_a_names_only();
    assert_eq!(names.len(), annex_a().len());
    for (light, full) in names.iter().zip(annex_a()) {
        assert_eq!(
            (&light.id, &light.title, light.theme, &light.source),
            (&full.id, &full.title, full.theme, &full.source)
        );
        assert_eq!(
            riskwright_engine::catalogue::annex_a_acts_through(&full.id),
            full.control_types.first().copied()
        );
        assert!(riskwright_engine::catalogue::is_annex_a_id(&format!(
            "A.{}",
            full.id
        )));
        assert_eq!(
            riskwright_engine::catalogue::annex_a_label(&format!(" {} ", full.id)),
            format!("{} {}", full.id, full.title)
        );
    }
    assert!(!riskwright_engine::catalogue::is_annex_a_id("5.38"));
    assert_eq!(riskwright_engine::catalogue::annex_a_label(" X-1 "), "X-1");
}

#[test]
fn the_published_quirks_are_normalised() {
    // 5.22 as published: the capability sits in the domain column.
    let raw_522 = AttributeSet::from_columns(
        "#Preventive",
        "#Confidentiality #Integrity #Availability",
        "#Identify",
        "#Supplier_relationships_security",
        "#Governance_and_Ecosystem #Protection #Defence #Information_security_assurance",
        "$",
    )
    .unwrap();
    assert_eq!(raw_522, control("5.22").unwrap().attributes());
    // 6.6: `#Supplier_relationships` without `_security`.
    let raw_66 = AttributeSet::from_columns(
        "#Preventive",
        "#Confidentiality",
        "#Protect",
        "#Information_protection #Human_resource_security #Supplier_relationships",
        "#Governance_and_Ecosystem",
        "$",
    )
    .unwrap();
    assert_eq!(raw_66, control("6.6").unwrap().attributes());
    // 7.2: capitalised, and hyphenated by some PDF extractions.
    for spelling in [
        "#Identity_and_Access_Management",
        "#Identity_and_Access_Manage-ment",
    ] {
        let raw_72 = AttributeSet::from_columns(
            "#Preventive",
            "#Confidentiality, #Integrity, #Availability",
            "#Protect",
            &format!("#Physical_security {spelling}"),
            "#Protection",
            "$",
        )
        .unwrap();
        assert_eq!(raw_72, control("7.2").unwrap().attributes(), "{spelling}");
    }
    // No extra enum values were created for the quirks.
    assert_eq!(ControlType::ALL.len(), 3);
    assert_eq!(SecurityProperty::ALL.len(), 3);
    assert_eq!(CybersecurityConcept::ALL.len(), 5);
    assert_eq!(OperationalCapability::ALL.len(), 15);
    assert_eq!(SecurityDomain::ALL.len(), 4);
}

#[test]
fn unknown_attribute_tokens_are_reported_with_paths() {
    let err = AttributeSet::from_columns(
        "#Preventive #Deterrent",
        "#Confidentiality",
        "#Govern",
        "#Governance",
        "#Protection #Offence",
        "$.rows[4]",
    )
    .unwrap_err();
    let paths: Vec<&str> = err.iter().map(|d| d.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "$.rows[4].control_types",
            "$.rows[4].cybersecurity_concepts",
            "$.rows[4].security_domains"
        ]
    );
    assert!(err[0].message.contains("Deterrent"));
}

#[test]
fn attribute_names_are_snake_case_in_json() {
    fn check<T: serde::Serialize + serde::de::DeserializeOwned + PartialEq + std::fmt::Debug>(
        all: &[T],
        name: impl Fn(&T) -> &'static str,
    ) {
        for value in all {
            let json = serde_json::to_string(value).unwrap();
            assert_eq!(json, format!("\"{}\"", name(value)));
            assert!(name(value)
                .chars()
                .all(|c| c.is_ascii_lowercase() || c == '_'));
            assert_eq!(&serde_json::from_str::<T>(&json).unwrap(), value);
        }
    }
    check(Theme::ALL, |v| v.as_str());
    check(ControlType::ALL, |v| v.as_str());
    check(SecurityProperty::ALL, |v| v.as_str());
    check(CybersecurityConcept::ALL, |v| v.as_str());
    check(OperationalCapability::ALL, |v| v.as_str());
    check(SecurityDomain::ALL, |v| v.as_str());
    check(AssetType::ALL, |v| v.as_str());
    assert_eq!(
        serde_json::to_string(&SecurityDomain::GovernanceAndEcosystem).unwrap(),
        "\"governance_and_ecosystem\""
    );
    assert_eq!(
        SecurityDomain::parse("#Defence"),
        Some(SecurityDomain::Defence)
    );
    assert_eq!(Theme::parse("Organisational"), Some(Theme::Organizational));
}

#[test]
fn theme_counts_and_contiguous_ids() {
    assert_eq!(annex_a().len(), ANNEX_A_COUNT);
    let expected = [
        (Theme::Organizational, 5, 37),
        (Theme::People, 6, 8),
        (Theme::Physical, 7, 14),
        (Theme::Technological, 8, 34),
    ];
    let mut all = Vec::new();
    for (theme, clause, count) in expected {
        let got = ids(controls_in_theme(theme));
        let want: Vec<String> = (1..=count).map(|n| format!("{clause}.{n}")).collect();
        assert_eq!(got, want, "{theme}");
        all.extend(want);
    }
    assert_eq!(ids(annex_a()), all);
}

#[test]
fn exactly_the_eleven_new_controls() {
    let new: Vec<&str> = ids(annex_a().iter().filter(|c| c.new_in_2022));
    assert_eq!(
        new,
        ["5.7", "5.23", "5.30", "7.4", "8.9", "8.10", "8.11", "8.12", "8.16", "8.23", "8.28"]
    );
    let per_theme: Vec<usize> = Theme::ALL
        .iter()
        .map(|t| controls_in_theme(*t).filter(|c| c.new_in_2022).count())
        .collect();
    assert_eq!(per_theme, [3, 0, 1, 7]);
}

fn tally<T: Ord + Copy>(pick: impl Fn(&Control) -> &Vec<T>) -> BTreeMap<T, usize> {
    let mut counts = BTreeMap::new();
    for c in annex_a() {
        for v in pick(c) {
            *counts.entry(*v).or_insert(0) += 1;
        }
    }
    counts
}

#[test]
fn attribute_totals_match_the_reference_checksums() {
    use ControlType::*;
    use CybersecurityConcept::*;
    use OperationalCapability::*;
    use SecurityDomain::*;
    use SecurityProperty::*;
    assert_eq!(
        tally(|c| &c.control_types),
        BTreeMap::from([(Preventive, 83), (Detective, 13), (Corrective, 14)])
    );
    assert_eq!(
        tally(|c| &c.security_properties),
        BTreeMap::from([(Confidentiality, 87), (Integrity, 84), (Availability, 85)])
    );
    assert_eq!(
        tally(|c| &c.cybersecurity_concepts),
        BTreeMap::from([
            (Identify, 23),
            (Protect, 71),
            (Detect, 14),
            (Respond, 11),
            (Recover, 6)
        ])
    );
    assert_eq!(
        tally(|c| &c.security_domains),
        BTreeMap::from([
            (Protection, 69),
            (GovernanceAndEcosystem, 27),
            (Defence, 22),
            (Resilience, 8)
        ])
    );
    assert_eq!(
        tally(|c| &c.operational_capabilities),
        BTreeMap::from([
            (SystemAndNetworkSecurity, 17),
            (AssetManagement, 16),
            (PhysicalSecurity, 16),
            (InformationProtection, 15),
            (ApplicationSecurity, 12),
            (IdentityAndAccessManagement, 11),
            (InformationSecurityEventManagement, 10),
            (Governance, 8),
            (SupplierRelationshipsSecurity, 7),
            (Continuity, 6),
            (LegalAndCompliance, 6),
            (SecureConfiguration, 6),
            (HumanResourceSecurity, 6),
            (ThreatAndVulnerabilityManagement, 3),
            (InformationSecurityAssurance, 4),
        ])
    );
    // Every control carries at least one value of every attribute.
    for c in annex_a() {
        let a = c.attributes();
        assert!(
            !a.control_types.is_empty()
                && !a.security_properties.is_empty()
                && !a.cybersecurity_concepts.is_empty()
                && !a.operational_capabilities.is_empty()
                && !a.security_domains.is_empty(),
            "{}",
            c.id
        );
    }
}

#[test]
fn reference_examples_hold() {
    let c = control("5.30").unwrap();
    assert_eq!(c.control_types, [ControlType::Corrective]);
    assert_eq!(c.security_properties, [SecurityProperty::Availability]);
    let c = control("8.13").unwrap();
    assert_eq!(
        c.security_properties,
        [SecurityProperty::Integrity, SecurityProperty::Availability]
    );
    assert_eq!(c.cybersecurity_concepts, [CybersecurityConcept::Recover]);
    assert_eq!(
        control("7.7").unwrap().security_properties,
        [SecurityProperty::Confidentiality]
    );
}

#[test]
fn guidance_and_evidence_for_every_control() {
    for c in annex_a() {
        let guidance = c.guidance.trim();
        assert!(!guidance.is_empty(), "{}", c.id);
        assert!(guidance.ends_with('.'), "{}", c.id);
        let sentences = guidance.matches(". ").count() + 1;
        assert!(sentences <= 2, "{}: {sentences} sentences", c.id);
        assert!((2..=3).contains(&c.evidence.len()), "{}", c.id);
        assert!(c.evidence.iter().all(|e| !e.trim().is_empty()), "{}", c.id);
    }
    let guidance: BTreeSet<&str> = annex_a().iter().map(|c| c.guidance.as_str()).collect();
    assert_eq!(guidance.len(), 93, "guidance is written per control");
}

#[test]
fn control_lookup_accepts_prefixed_ids() {
    assert_eq!(control("A.5.1").unwrap().id, "5.1");
    assert_eq!(control(" 8.34 ").unwrap().id, "8.34");
    assert!(control("5.38").is_none());
    assert!(control("").is_none());
    assert!(control("A.").is_none());
}

#[test]
fn correspondence_with_2013() {
    let corr = correspondence_2013();
    assert_eq!(
        ids(annex_a()),
        corr.iter().map(|c| c.id.as_str()).collect::<Vec<_>>()
    );
    let links: usize = corr.iter().map(|c| c.from_2013.len()).sum();
    assert_eq!(links, 115);
    let distinct: BTreeSet<&str> = ids_2013().collect();
    assert_eq!(distinct.len(), ANNEX_A_2013_COUNT);
    let merged: Vec<_> = corr.iter().filter(|c| c.from_2013.len() > 1).collect();
    assert_eq!(merged.len(), 24);
    assert_eq!(merged.iter().map(|c| c.from_2013.len()).sum::<usize>(), 57);
    assert_eq!(corr.iter().filter(|c| c.from_2013.len() == 1).count(), 58);
    let new: Vec<&str> = corr
        .iter()
        .filter(|c| c.from_2013.is_empty())
        .map(|c| c.id.as_str())
        .collect();
    let flagged: Vec<&str> = ids(annex_a().iter().filter(|c| c.new_in_2022));
    assert_eq!(new, flagged);

    // The 2013 clauses A.5–A.18 with their control counts.
    let mut per_clause: BTreeMap<u32, usize> = BTreeMap::new();
    for id in &distinct {
        let clause: u32 = id.split('.').next().unwrap().parse().unwrap();
        *per_clause.entry(clause).or_insert(0) += 1;
    }
    assert_eq!(
        per_clause,
        BTreeMap::from([
            (5, 2),
            (6, 7),
            (7, 6),
            (8, 10),
            (9, 14),
            (10, 2),
            (11, 15),
            (12, 14),
            (13, 7),
            (14, 13),
            (15, 5),
            (16, 7),
            (17, 4),
            (18, 8)
        ])
    );

    assert_eq!(controls_from_2013("12.3.1"), ["8.13"]);
    assert_eq!(controls_from_2013("A.12.3.1"), ["8.13"]);
    assert_eq!(controls_from_2013("18.2.3"), ["5.36", "8.8"]);
    // Where a public mapping goes wrong, ours does not.
    assert_eq!(controls_from_2013("13.2.1"), ["5.14"]);
    assert_eq!(controls_from_2013("6.1.3"), ["5.5"]);
    assert_eq!(controls_from_2013("12.7.1"), ["8.34"]);
    assert!(controls_from_2013("19.1.1").is_empty());
    assert!(controls_from_2013("").is_empty());
    assert_eq!(sources_2013("A.5.1").unwrap(), ["5.1.1", "5.1.2"]);
    assert_eq!(sources_2013("5.7").unwrap().len(), 0);
    assert!(sources_2013("9.9").is_none());
}

#[test]
fn threat_catalogue() {
    let all = threats();
    assert!(all.len() >= 30, "{}", all.len());
    let ids: BTreeSet<&str> = all.iter().map(|t| t.id.as_str()).collect();
    assert_eq!(ids.len(), all.len(), "unique ids");
    for (i, t) in all.iter().enumerate() {
        assert_eq!(t.id, format!("T{:02}", i + 1));
        assert!(
            !t.name.trim().is_empty() && !t.description.trim().is_empty(),
            "{}",
            t.id
        );
        assert!(!t.properties.is_empty(), "{}", t.id);
        assert!(t.controls.len() >= 2, "{}", t.id);
        for c in &t.controls {
            assert!(control(c).is_some(), "{} -> {c}", t.id);
        }
        assert_eq!(controls_for_threat(&t.id).unwrap().len(), t.controls.len());
    }
    for origin in [
        ThreatOrigin::Deliberate,
        ThreatOrigin::Accidental,
        ThreatOrigin::Environmental,
    ] {
        assert!(all.iter().any(|t| t.origin == origin), "{origin:?}");
    }
    assert!(controls_for_threat("T99").is_none());
}

fn threat_controls(name: &str) -> Vec<String> {
    let t = threats()
        .iter()
        .find(|t| t.name == name)
        .unwrap_or_else(|| panic!("no threat {name}"));
    t.controls.clone()
}

#[test]
fn threat_mappings_are_what_a_consultant_expects() {
    let has = |name: &str, wanted: &[&str]| {
        let got = threat_controls(name);
        for w in wanted {
            assert!(
                got.iter().any(|g| g == w),
                "{name} should map to {w}: {got:?}"
            );
        }
    };
    has("Malware infection", &["8.7", "8.8", "6.3"]);
    has("Ransomware", &["8.7", "8.13"]);
    has("Phishing", &["6.3", "8.23", "5.17"]);
    has("Denial of service", &["8.6", "8.14"]);
    has("Theft of a laptop or mobile device", &["8.1", "8.24"]);
    has("Fire", &["7.5", "8.13"]);
    has("Power outage", &["7.11"]);
    has("Security breach at a supplier", &["5.19", "5.20", "5.22"]);
    has("Misconfiguration", &["8.9"]);
    assert_eq!(threat("T01").unwrap().name, "Malware infection");
    assert!(threats_for_control("A.8.7")
        .iter()
        .any(|t| t.name == "Malware infection"));
}

#[test]
fn vulnerability_catalogue() {
    let all = vulnerabilities();
    assert!(all.len() >= 30, "{}", all.len());
    let ids: BTreeSet<&str> = all.iter().map(|v| v.id.as_str()).collect();
    assert_eq!(ids.len(), all.len(), "unique ids");
    for (i, v) in all.iter().enumerate() {
        assert_eq!(v.id, format!("V{:02}", i + 1));
        assert!(
            !v.name.trim().is_empty() && !v.description.trim().is_empty(),
            "{}",
            v.id
        );
        assert!(!v.controls.is_empty(), "{}", v.id);
        for c in &v.controls {
            assert!(control(c).is_some(), "{} -> {c}", v.id);
        }
        assert_eq!(
            controls_for_vulnerability(&v.id).unwrap().len(),
            v.controls.len()
        );
    }
    let backups = all
        .iter()
        .find(|v| v.name == "Missing or untested backups")
        .unwrap();
    assert_eq!(backups.controls, ["8.13"]);
    assert!(vulnerabilities_for_control("8.8")
        .iter()
        .any(|v| v.name == "Unpatched systems and applications"));
    assert!(controls_for_vulnerability("V00").is_none());
}

#[test]
fn asset_type_mappings() {
    for asset_type in AssetType::ALL {
        assert!(
            !controls_for_asset_type(*asset_type).is_empty(),
            "{asset_type:?}"
        );
    }
    let site = ids(controls_for_asset_type(AssetType::Site));
    assert!(site.contains(&"7.1") && site.contains(&"7.2"));
    let people = ids(controls_for_asset_type(AssetType::People));
    assert!(people.contains(&"6.3"));
    let supplier = ids(controls_for_asset_type(AssetType::Supplier));
    assert!(supplier.contains(&"5.19") && supplier.contains(&"5.20"));
    assert_eq!(
        serde_json::from_str::<AssetType>("\"supplier\"").unwrap(),
        AssetType::Supplier
    );
}

fn good_custom() -> Control {
    let mut c = Control::custom(
        "NIS2-21.2.d",
        "Supply chain security",
        "NIS2 Directive",
        Theme::Organizational,
    );
    c.control_types = vec![ControlType::Preventive];
    c.security_properties = vec![
        SecurityProperty::Confidentiality,
        SecurityProperty::Availability,
    ];
    c.evidence = vec!["Supplier risk register".into()];
    c
}

fn paths(problems: &[riskwright_engine::Diagnostic]) -> Vec<&str> {
    problems.iter().map(|d| d.path.as_str()).collect()
}

#[test]
fn a_sound_custom_control_passes() {
    let c = good_custom();
    assert_eq!(validate_custom_control(&c, "$"), vec![]);
    assert!(!c.is_annex_a());
    let json = serde_json::to_string(&c).unwrap();
    assert!(json.contains("\"control_types\":[\"preventive\"]"));
    assert!(!json.contains("tags"), "empty tags are not serialized");
    assert_eq!(parse_custom_control(&json).unwrap(), c);
}

#[test]
fn custom_control_problems_have_paths() {
    let mut c = Control::custom("", " ", "", Theme::People);
    let problems = validate_custom_control(&c, "$.controls[2]");
    assert_eq!(
        paths(&problems),
        [
            "$.controls[2].id",
            "$.controls[2].title",
            "$.controls[2].source",
            "$.controls[2].control_types",
            "$.controls[2].security_properties"
        ]
    );
    assert!(problems[3].message.contains("control type"));

    c = good_custom();
    c.id = "A.8.13".into();
    c.source = ANNEX_A_SOURCE.into();
    c.new_in_2022 = true;
    c.control_types = vec![
        ControlType::Preventive,
        ControlType::Detective,
        ControlType::Preventive,
    ];
    c.evidence = vec!["ok".into(), "".into()];
    c.tags = vec![" ".into()];
    let problems = validate_custom_control(&c, "$");
    assert_eq!(
        paths(&problems),
        [
            "$.id",
            "$.source",
            "$.new_in_2022",
            "$.control_types[2]",
            "$.evidence[1]",
            "$.tags[0]"
        ]
    );
    assert!(
        problems[0].message.contains("Information backup"),
        "{}",
        problems[0].message
    );

    c = good_custom();
    c.id = "5.1".into();
    assert_eq!(paths(&validate_custom_control(&c, "$")), ["$.id"]);
    c.id = " X-1".into();
    c.title = "x".repeat(301);
    assert_eq!(
        paths(&validate_custom_control(&c, "$")),
        ["$.id", "$.title"]
    );
    c.id = "X\n1".into();
    c.title = "ok".into();
    assert_eq!(paths(&validate_custom_control(&c, "$")), ["$.id"]);
}

#[test]
fn custom_control_lists_reject_duplicate_ids() {
    let a = good_custom();
    let mut b = good_custom();
    b.title = "Another".into();
    let mut empty = good_custom();
    empty.id = String::new();
    let problems = validate_custom_controls(&[a, empty, b], "$.controls");
    assert_eq!(paths(&problems), ["$.controls[1].id", "$.controls[2].id"]);
    assert!(problems[1].message.contains("$.controls[0]"));
}

#[test]
fn parsing_custom_controls_reports_paths() {
    let err = parse_custom_control(
        r#"{"id":"X1","title":"t","source":"s","theme":"people","control_types":["preventive","sometimes"]}"#,
    )
    .unwrap_err();
    assert_eq!(paths(&err), ["$.control_types[1]"]);
    let err = parse_custom_control(r#"{"id":"X1","title":"t","source":"s"}"#).unwrap_err();
    assert_eq!(paths(&err), ["$"]);
    assert!(err[0].message.contains("theme"));
    let err = parse_custom_control(r#"{"id":"X1","title":"t","source":"s","theme":"people"}"#)
        .unwrap_err();
    assert_eq!(paths(&err), ["$.control_types", "$.security_properties"]);
    assert!(parse_custom_control("not json").is_err());
    assert!(parse_custom_control(r#"{"id":"X1"} trailing"#).is_err());
}

proptest! {
    #[test]
    fn parsing_never_panics(input in ".{0,200}") {
        let _ = parse_custom_control(&input);
        let _ = control(&input);
        let _ = controls_from_2013(&input);
        let _ = OperationalCapability::parse(&input);
        let _ = AttributeSet::from_columns(&input, &input, &input, &input, &input, "$");
    }
}
