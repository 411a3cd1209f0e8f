//! The residual-risk trend as an SVG line chart, built element by element
//! through the DOM (never from markup). Each line is labelled at its end
//! and has its own marker shape, so colour is never the only cue; a legend
//! and a data table carry the same numbers.

use super::dom::{document, El};
use crate::app::history::level_label;
use riskwright_engine::method::Method;
use riskwright_engine::trend::Trend;

const SVG: &str = "http://www.w3.org/2000/svg";
const WIDTH: f64 = 680.0;
const HEIGHT: f64 = 320.0;
const LEFT: f64 = 48.0;
const RIGHT: f64 = 150.0;
const TOP: f64 = 16.0;
const BOTTOM: f64 = 52.0;
/// Colour of a level the method no longer has.
const UNKNOWN: &str = "#767676";
/// Marker shapes, one per series in turn, named for the legend.
const MARKERS: [&str; 5] = ["circle", "square", "triangle", "diamond", "cross"];

/// A new SVG element. Tags are literals, always valid.
pub(crate) fn svg(tag: &str) -> El {
    El(document()
        .create_element_ns(Some(SVG), tag)
        .unwrap_or_else(|_| unreachable!("valid SVG tag name")))
}

/// `x` to one decimal place, written from integers: formatting an `f64`
/// would pull the float printer (~20 KB) into the app's wasm.
fn num(x: f64) -> String {
    let tenths = (x * 10.0).round() as i64;
    let sign = if tenths < 0 { "-" } else { "" };
    let t = tenths.unsigned_abs();
    format!("{sign}{}.{}", t / 10, t % 10)
}

/// The level's label and colour under `method`; the id and grey when the
/// method no longer has it.
pub fn level_look(method: &Method, id: &str) -> (String, String) {
    let color = method
        .levels
        .iter()
        .find(|l| l.id == id)
        .map_or(UNKNOWN, |l| l.color.as_str());
    (level_label(method, id), color.to_string())
}

/// The name of the marker of the `k`th series.
pub fn marker_name(k: usize) -> &'static str {
    MARKERS[k % MARKERS.len()]
}

fn marker(k: usize, x: f64, y: f64, color: &str) -> El {
    let shape = match marker_name(k) {
        "circle" => svg("circle")
            .attr("cx", &num(x))
            .attr("cy", &num(y))
            .attr("r", "4"),
        "square" => svg("rect")
            .attr("x", &num(x - 3.5))
            .attr("y", &num(y - 3.5))
            .attr("width", "7")
            .attr("height", "7"),
        "triangle" => svg("path").attr(
            "d",
            &format!(
                "M{} {}L{} {}L{} {}Z",
                num(x),
                num(y - 5.0),
                num(x + 4.5),
                num(y + 3.5),
                num(x - 4.5),
                num(y + 3.5)
            ),
        ),
        "diamond" => svg("path").attr(
            "d",
            &format!(
                "M{} {}L{} {}L{} {}L{} {}Z",
                num(x),
                num(y - 5.0),
                num(x + 5.0),
                num(y),
                num(x),
                num(y + 5.0),
                num(x - 5.0),
                num(y)
            ),
        ),
        _ => svg("path")
            .attr(
                "d",
                &format!(
                    "M{} {}L{} {}M{} {}L{} {}",
                    num(x - 4.0),
                    num(y - 4.0),
                    num(x + 4.0),
                    num(y + 4.0),
                    num(x - 4.0),
                    num(y + 4.0),
                    num(x + 4.0),
                    num(y - 4.0)
                ),
            )
            .attr("stroke", color)
            .attr("stroke-width", "2"),
    };
    shape.attr("fill", color).class("marker")
}

/// The chart, its legend and its data table, in a figure.
pub fn trend_chart(trend: &Trend, method: &Method) -> El {
    let n = trend.dates.len();
    let drawn: Vec<usize> = (0..trend.series.len())
        .filter(|&k| trend.series[k].counts.iter().any(|&c| c > 0))
        .collect();
    let (top, step) = trend.count_axis();
    let plot_w = WIDTH - LEFT - RIGHT;
    let plot_h = HEIGHT - TOP - BOTTOM;
    let x = |i: usize| {
        if n <= 1 {
            LEFT + plot_w / 2.0
        } else {
            LEFT + plot_w * i as f64 / (n - 1) as f64
        }
    };
    let y = |v: usize| TOP + plot_h - plot_h * v as f64 / top as f64;

    let first = trend
        .dates
        .first()
        .map(|d| d.to_string())
        .unwrap_or_default();
    let last = trend
        .dates
        .last()
        .map(|d| d.to_string())
        .unwrap_or_default();
    let latest: Vec<String> = drawn
        .iter()
        .map(|&k| {
            let s = &trend.series[k];
            format!(
                "{} {}",
                level_look(method, &s.level).0,
                s.counts.last().copied().unwrap_or(0)
            )
        })
        .collect();
    let name = format!(
        "Line chart of risks per residual level from {first} to {last}. On {last}: {}.",
        if latest.is_empty() {
            "no scored risks".to_string()
        } else {
            latest.join(", ")
        }
    );

    let mut chart = svg("svg")
        .id("trend-chart")
        .class("trend")
        .attr("viewBox", &format!("0 0 {WIDTH} {HEIGHT}"))
        .attr("role", "img")
        .attr("aria-label", &name)
        .attr("focusable", "false");
    // Count axis: gridlines and labels.
    let mut v = 0;
    while v <= top {
        let yy = num(y(v));
        chart = chart
            .child(
                svg("line")
                    .class("grid")
                    .attr("x1", &num(LEFT))
                    .attr("x2", &num(LEFT + plot_w))
                    .attr("y1", &yy)
                    .attr("y2", &yy),
            )
            .child(
                svg("text")
                    .class("tick")
                    .attr("x", &num(LEFT - 8.0))
                    .attr("y", &num(y(v) + 4.0))
                    .attr("text-anchor", "end")
                    .text(&v.to_string()),
            );
        v += step;
    }
    chart = chart
        .child(
            svg("line")
                .class("axis")
                .attr("x1", &num(LEFT))
                .attr("x2", &num(LEFT))
                .attr("y1", &num(TOP))
                .attr("y2", &num(TOP + plot_h)),
        )
        .child(
            svg("line")
                .class("axis")
                .attr("x1", &num(LEFT))
                .attr("x2", &num(LEFT + plot_w))
                .attr("y1", &num(TOP + plot_h))
                .attr("y2", &num(TOP + plot_h)),
        )
        .child(
            svg("text")
                .class("axis-title")
                .attr("x", "12")
                .attr("y", &num(TOP + plot_h / 2.0))
                .attr("text-anchor", "middle")
                .attr(
                    "transform",
                    &format!("rotate(-90 12 {})", num(TOP + plot_h / 2.0)),
                )
                .text("Risks"),
        )
        .child(
            svg("text")
                .class("axis-title")
                .attr("x", &num(LEFT + plot_w / 2.0))
                .attr("y", &num(HEIGHT - 6.0))
                .attr("text-anchor", "middle")
                .text("Date"),
        );
    // Date axis: at most about six labels, always the first and the last.
    let every = n.div_ceil(6).max(1);
    for (i, date) in trend.dates.iter().enumerate() {
        // A regular label too close to the last one gives way to it.
        if i + 1 == n || (i % every == 0 && n - 1 - i >= every.div_ceil(2)) {
            chart = chart.child(
                svg("text")
                    .class("tick")
                    .attr("x", &num(x(i)))
                    .attr("y", &num(TOP + plot_h + 18.0))
                    // The last date ends at its point, clear of the line labels.
                    .attr(
                        "text-anchor",
                        if i + 1 == n && n > 1 { "end" } else { "middle" },
                    )
                    .text(&date.to_string()),
            );
        }
    }
    // One line per level with counts, markers on its points, and its label
    // at its end (moved apart so labels never overlap).
    let mut ends: Vec<(f64, String)> = Vec::new();
    for (shape, &k) in drawn.iter().enumerate() {
        let s = &trend.series[k];
        let (label, color) = level_look(method, &s.level);
        let points: Vec<String> = s
            .counts
            .iter()
            .enumerate()
            .map(|(i, &c)| format!("{},{}", num(x(i)), num(y(c))))
            .collect();
        let mut group = svg("g").class("series").attr("data-level", &s.level).child(
            svg("polyline")
                .class("line")
                .attr("points", &points.join(" "))
                .attr("fill", "none")
                .attr("stroke", &color)
                .attr("stroke-width", "2.5"),
        );
        for (i, &c) in s.counts.iter().enumerate() {
            group = group.child(marker(shape, x(i), y(c), &color));
        }
        chart = chart.child(group);
        let last = s.counts.last().copied().unwrap_or(0);
        ends.push((y(last) + 4.0, format!("{label} ({last})")));
    }
    riskwright_engine::sort::sort_by(&mut ends, |a, b| a.0.total_cmp(&b.0));
    let mut floor = f64::MIN;
    for (yy, text) in ends {
        let yy = yy.max(floor + 14.0);
        floor = yy;
        chart = chart.child(
            svg("text")
                .class("end-label")
                .attr("x", &num(x(n.saturating_sub(1)) + 10.0))
                .attr("y", &num(yy))
                .text(&text),
        );
    }

    let legend = El::new("ul")
        .id("trend-legend")
        .class("legend")
        .attr("aria-label", "Legend")
        .children(trend.series.iter().enumerate().map(|(k, s)| {
            let (label, color) = level_look(method, &s.level);
            let shape = drawn.iter().position(|&d| d == k);
            let item = El::new("li").attr("data-level", &s.level);
            match shape {
                Some(shape) => item
                    .child(
                        El::new("span")
                            .class(&format!("swatch {}", marker_name(shape)))
                            .attr("aria-hidden", "true")
                            .css_var("--swatch", &color),
                    )
                    .text(&format!("{label} ({} marker)", marker_name(shape))),
                None => item
                    .child(
                        El::new("span")
                            .class("swatch none")
                            .attr("aria-hidden", "true")
                            .css_var("--swatch", &color),
                    )
                    .text(&format!("{label}: no risks so far")),
            }
        }));

    let header = El::new("tr")
        .child(El::new("th").attr("scope", "col").text("Date"))
        .children(trend.series.iter().map(|s| {
            El::new("th")
                .attr("scope", "col")
                .text(&level_look(method, &s.level).0)
        }));
    let rows =
        trend.dates.iter().enumerate().map(|(i, date)| {
            El::new("tr")
                .child(El::new("th").attr("scope", "row").text(&date.to_string()))
                .children(trend.series.iter().map(|s| {
                    El::new("td").text(&s.counts.get(i).copied().unwrap_or(0).to_string())
                }))
        });
    let table = El::new("details")
        .class("trend-data")
        .child(El::new("summary").text("The same numbers as a table"))
        .child(
            El::new("table")
                .id("trend-table")
                .class("table")
                .child(El::new("caption").text("Risks per residual level at the end of each day"))
                .child(El::new("thead").child(header))
                .child(El::new("tbody").children(rows)),
        );

    El::new("figure")
        .class("trend-figure")
        .child(chart)
        .child(El::new("figcaption").child(legend))
        .child(table)
}
