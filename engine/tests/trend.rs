//! Residual exposure over time, and its chart.

use riskwright_engine::date::Date;
use riskwright_engine::document::{Assessment, Change, HistoryEntry, Tier, TreatmentStatus};
use riskwright_engine::method::preset;
use riskwright_engine::trend::{escape_xml, residual_trend, trend_svg, Trend, TrendSeries};

fn entry(at: &str, risk: &str, change: Change) -> HistoryEntry {
    HistoryEntry {
        at: at.into(),
        risk_id: risk.into(),
        change,
        reason: String::new(),
    }
}

fn created(at: &str, risk: &str) -> HistoryEntry {
    entry(at, risk, Change::Created { title: risk.into() })
}

fn deleted(at: &str, risk: &str) -> HistoryEntry {
    entry(at, risk, Change::Deleted { title: risk.into() })
}

fn scored(at: &str, risk: &str, tier: Tier, level: Option<&str>) -> HistoryEntry {
    entry(
        at,
        risk,
        Change::Score {
            tier,
            old: None,
            new: None,
            old_level: None,
            new_level: level.map(String::from),
        },
    )
}

fn residual(at: &str, risk: &str, level: &str) -> HistoryEntry {
    scored(at, risk, Tier::Residual, Some(level))
}

fn three_days() -> Assessment {
    let mut a = Assessment::new("Trend");
    a.history = vec![
        // Day 1: two risks, High and Medium; an inherent score does not count.
        created("2026-01-05T09:00:00Z", "R-1"),
        created("2026-01-05T09:01:00Z", "R-2"),
        residual("2026-01-05T09:02:00Z", "R-1", "high"),
        residual("2026-01-05T10:00:00Z", "R-2", "medium"),
        scored(
            "2026-01-05T10:05:00Z",
            "R-2",
            Tier::Inherent,
            Some("very_high"),
        ),
        // Day 2: R-1 treated down to Medium, R-3 added at Low, R-4 added but
        // never given a residual level. A deletion with a broken timestamp
        // is skipped.
        residual("2026-01-06T08:00:00Z", "R-1", "medium"),
        created("2026-01-06T08:30:00Z", "R-3"),
        deleted("yesterday", "R-2"),
        created("2026-01-06T11:00:00Z", "R-4"),
        residual("2026-01-06T17:00:00Z", "R-3", "low"),
        // Day 3 (two days later): R-1 deleted, R-2 worsens, R-3 rated on a
        // level the method no longer has; other changes do not move the chart.
        deleted("2026-01-08T09:00:00Z", "R-1"),
        residual("2026-01-08T09:10:00Z", "R-2", "very_high"),
        residual("2026-01-08T09:20:00Z", "R-3", "critical"),
        entry(
            "2026-01-08T09:30:00Z",
            "R-2",
            Change::Treatment {
                old: TreatmentStatus::Untreated,
                new: TreatmentStatus::Planned,
            },
        ),
        entry(
            "2026-01-08T09:40:00Z",
            "",
            Change::MethodChanged { risks_changed: 0 },
        ),
    ];
    a
}

fn date(text: &str) -> Date {
    Date::parse(text).unwrap()
}

#[test]
fn a_three_day_history_gives_the_exact_counts() {
    let trend = residual_trend(&three_days());
    assert_eq!(
        trend.dates,
        [date("2026-01-05"), date("2026-01-06"), date("2026-01-08")]
    );
    let got: Vec<(&str, &[usize])> = trend
        .series
        .iter()
        .map(|s| (s.level.as_str(), s.counts.as_slice()))
        .collect();
    let expected: [(&str, &[usize]); 5] = [
        ("low", &[0, 1, 0]),
        ("medium", &[1, 2, 0]),
        ("high", &[1, 0, 0]),
        ("very_high", &[0, 0, 1]),
        ("critical", &[0, 0, 1]), // gone from the method: last
    ];
    assert_eq!(got, expected);
}

#[test]
fn deleted_risks_stop_counting_and_recreated_ones_start_unrated() {
    let mut a = Assessment::new("Deleted");
    a.history = vec![
        created("2026-03-01T10:00:00Z", "R-1"),
        residual("2026-03-01T10:00:00Z", "R-1", "high"),
        deleted("2026-03-02T10:00:00Z", "R-1"),
        created("2026-03-03T10:00:00Z", "R-1"),
        residual("2026-03-04T10:00:00Z", "R-1", "low"),
        scored("2026-03-05T10:00:00Z", "R-1", Tier::Residual, None),
    ];
    let trend = residual_trend(&a);
    assert_eq!(trend.dates.len(), 5);
    let counts = |level: &str| {
        trend
            .series
            .iter()
            .find(|s| s.level == level)
            .unwrap()
            .counts
            .clone()
    };
    assert_eq!(counts("high"), [1, 0, 0, 0, 0]);
    assert_eq!(counts("low"), [0, 0, 0, 1, 0]);
}

#[test]
fn timestamps_that_go_back_count_on_the_day_already_reached() {
    let mut a = Assessment::new("Clock skew");
    a.history = vec![
        residual("2026-03-02T10:00:00Z", "R-1", "high"),
        residual("2026-03-01T10:00:00Z", "R-2", "high"),
    ];
    let trend = residual_trend(&a);
    assert_eq!(trend.dates, [date("2026-03-02")]);
    assert_eq!(trend.series[2].counts, [2]);
}

#[test]
fn an_empty_history_gives_an_empty_trend_and_a_chart_saying_so() {
    let a = Assessment::new("Empty");
    let trend = residual_trend(&a);
    assert_eq!(trend, Trend::default());
    assert!(trend.dates.is_empty() && trend.series.is_empty());

    let svg = trend_svg(&trend, &a.method, 640, 320);
    assert_well_formed(&svg);
    assert!(svg.contains("<title"));
    assert!(svg.contains("<desc"));
    assert!(svg.contains("No data"));

    // A history whose timestamps are all unreadable is no data either.
    let mut broken = Assessment::new("Broken");
    broken.history = vec![created("soon", "R-1")];
    assert_eq!(residual_trend(&broken), Trend::default());
}

#[test]
fn the_chart_has_axes_legend_colours_and_escaped_labels() {
    let mut a = three_days();
    let mut method = preset("5x5").unwrap();
    method.levels[2].label = "<script>alert(1)</script>".into();
    method.levels[1].label = "Tom & Jerry's \"medium\"".into();
    a.method = method.clone();
    let trend = residual_trend(&a);
    let svg = trend_svg(&trend, &method, 640, 320);
    assert_well_formed(&svg);
    assert!(!svg.to_lowercase().contains("<script"), "{svg}");
    assert!(svg.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(svg.contains("Tom &amp; Jerry&apos;s &quot;medium&quot;"));
    for text in ["2026-01-05", "2026-01-06", "2026-01-08"] {
        assert!(svg.contains(text), "x axis label {text}");
    }
    assert!(svg.contains(">0</text>"), "y axis starts at zero");
    assert!(
        svg.contains(">2</text>"),
        "y axis reaches the highest count"
    );
    for colour in ["#2e7d32", "#f9a825", "#ef6c00", "#b71c1c"] {
        assert!(svg.contains(colour), "level colour {colour}");
    }
    assert!(
        svg.contains(">Low</text>") && svg.contains(">critical</text>"),
        "legend"
    );
    assert!(svg.contains("<title id=\"rw-trend-title\">"));
    assert!(svg.contains("<desc id=\"rw-trend-desc\">"));
}

#[test]
fn a_bad_colour_or_tiny_size_cannot_break_the_chart() {
    let mut method = preset("3x3").unwrap();
    method.levels[0].color = "red\" onload=\"alert(1)".into();
    let trend = Trend {
        dates: vec![date("2026-01-01")],
        series: vec![TrendSeries {
            level: "low".into(),
            counts: vec![3, 99], // one count too many: ignored
        }],
    };
    let svg = trend_svg(&trend, &method, 0, 0);
    assert_well_formed(&svg);
    assert!(!svg.contains("onload"));
    assert!(svg.contains("width=\"240\""));
}

#[test]
fn escaping_covers_the_five_xml_characters() {
    let table = [
        (
            "<script>alert(1)</script>",
            "&lt;script&gt;alert(1)&lt;/script&gt;",
        ),
        ("R&D", "R&amp;D"),
        (
            "\"quoted\" 'single'",
            "&quot;quoted&quot; &apos;single&apos;",
        ),
        ("Très élevé", "Très élevé"),
        ("bell\u{7}", "bell"),
        ("", ""),
    ];
    for (raw, escaped) in table {
        assert_eq!(escape_xml(raw), escaped, "{raw}");
    }
}

#[test]
fn the_trend_serialises_in_camel_case() {
    let json = serde_json::to_value(residual_trend(&three_days())).unwrap();
    assert_eq!(json["dates"][0], "2026-01-05");
    assert_eq!(json["series"][0]["level"], "low");
    assert_eq!(json["series"][0]["counts"], serde_json::json!([0, 1, 0]));
}

/// A small well-formedness check: one root `<svg>`, every tag closed in
/// order, attribute values quoted, and no raw `&` outside an entity.
fn assert_well_formed(svg: &str) {
    assert!(
        svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""),
        "{svg}"
    );
    assert!(svg.ends_with("</svg>"));
    let mut stack: Vec<String> = Vec::new();
    let mut rest = svg;
    while let Some(open) = rest.find('<') {
        let text = &rest[..open];
        check_text(text);
        let close = rest[open..].find('>').expect("tag closes") + open;
        let tag = &rest[open + 1..close];
        assert!(!tag.contains('<'), "stray < in {tag}");
        if let Some(name) = tag.strip_prefix('/') {
            assert_eq!(stack.pop().as_deref(), Some(name), "close {name}");
        } else {
            let name: String = tag
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric())
                .collect();
            assert!(!name.is_empty(), "tag {tag}");
            let attrs = tag[name.len()..].trim_end_matches('/');
            assert_eq!(attrs.matches('"').count() % 2, 0, "quotes in {tag}");
            check_text(attrs);
            if !tag.ends_with('/') {
                stack.push(name);
            }
        }
        rest = &rest[close + 1..];
        if stack.is_empty() {
            assert!(rest.is_empty(), "one root element");
        }
    }
    assert!(stack.is_empty(), "unclosed {stack:?}");
}

fn check_text(text: &str) {
    for (k, _) in text.match_indices('&') {
        let after = &text[k..];
        assert!(
            ["&amp;", "&lt;", "&gt;", "&quot;", "&apos;"]
                .iter()
                .any(|e| after.starts_with(e)),
            "raw & in {text}"
        );
    }
}
