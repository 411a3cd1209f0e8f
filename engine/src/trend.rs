//! Residual exposure over time, replayed from the assessment's history, and
//! an accessible SVG chart of it.

use crate::date::Date;
use crate::document::{Assessment, Change, Tier};
use crate::method::Method;
use serde::Serialize;
use std::collections::HashMap;
use std::fmt::Write as _;

/// How many risks sat at each residual level, day by day.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Trend {
    /// The days on which the history records something, oldest first.
    pub dates: Vec<Date>,
    /// One series per residual level: the method's levels in its order, then
    /// level ids the method no longer has, in order of first appearance.
    pub series: Vec<TrendSeries>,
}

impl Trend {
    /// The count axis of a chart: its top (the highest count rounded up to
    /// a whole step) and its step, with at most five steps, never zero.
    pub fn count_axis(&self) -> (usize, usize) {
        let max = self
            .series
            .iter()
            .flat_map(|s| s.counts.iter().copied())
            .max()
            .unwrap_or(0)
            .max(1);
        let step = max.div_ceil(5).max(1);
        (max.div_ceil(step).saturating_mul(step), step)
    }
}

/// The number of risks at one residual level on each day of a [`Trend`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TrendSeries {
    /// The level id.
    pub level: String,
    /// One count per date of the trend.
    pub counts: Vec<usize>,
}

/// Replays `assessment.history` in order and counts, at the end of each
/// calendar day that has entries, the live risks per residual level.
///
/// - `Created` starts a risk with no residual level; `Deleted` removes it.
/// - `Score` on the residual tier sets the risk's residual level to its
///   `new_level` (`None` makes it unscored). A score for a risk with no
///   `Created` entry (a history begun after the risk existed) makes it live.
/// - Every other entry leaves the chart as it is, and so does an entry whose
///   timestamp does not parse: it is skipped.
/// - A timestamp earlier than the day already reached counts on that day, so
///   the dates always go forward.
///
/// Risks with no residual level are not counted. Each of the method's levels
/// has a series, even when its counts are all zero; a level id the method no
/// longer has gets a series only if some day counts a risk at it. An empty
/// history (or one with no readable timestamp) gives an empty trend: no
/// dates and no series.
pub fn residual_trend(assessment: &Assessment) -> Trend {
    let mut live: HashMap<&str, Option<&str>> = HashMap::new();
    let mut seen: Vec<&str> = Vec::new();
    let mut days: Vec<(Date, HashMap<&str, usize>)> = Vec::new();
    let mut today: Option<Date> = None;

    for entry in &assessment.history {
        let Ok(date) = Date::parse(&entry.at) else {
            continue;
        };
        let day = match today {
            Some(d) if date <= d => d,
            _ => date,
        };
        if let Some(previous) = today.filter(|&d| d != day) {
            days.push((previous, count(&live)));
        }
        today = Some(day);
        if entry.risk_id.is_empty() {
            continue;
        }
        let id = entry.risk_id.as_str();
        match &entry.change {
            Change::Created { .. } => {
                live.insert(id, None);
            }
            Change::Deleted { .. } => {
                live.remove(id);
            }
            Change::Score {
                tier: Tier::Residual,
                new_level,
                ..
            } => {
                let level = new_level.as_deref();
                if let Some(level) = level {
                    if !seen.contains(&level) {
                        seen.push(level);
                    }
                }
                live.insert(id, level);
            }
            _ => {}
        }
    }
    if let Some(day) = today {
        days.push((day, count(&live)));
    }
    if days.is_empty() {
        return Trend::default();
    }

    let method_levels = assessment.method.levels.iter().map(|l| l.id.as_str());
    let gone = seen.into_iter().filter(|id| {
        assessment.method.level_index(id).is_none()
            && days.iter().any(|(_, c)| c.get(id).is_some_and(|&n| n > 0))
    });
    let mut ids: Vec<&str> = Vec::new();
    for id in method_levels.chain(gone) {
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    Trend {
        dates: days.iter().map(|(d, _)| *d).collect(),
        series: ids
            .into_iter()
            .map(|id| TrendSeries {
                level: id.to_string(),
                counts: days
                    .iter()
                    .map(|(_, c)| c.get(id).copied().unwrap_or(0))
                    .collect(),
            })
            .collect(),
    }
}

fn count<'a>(live: &HashMap<&'a str, Option<&'a str>>) -> HashMap<&'a str, usize> {
    let mut counts = HashMap::new();
    for level in live.values().flatten() {
        *counts.entry(*level).or_insert(0) += 1;
    }
    counts
}

/// Escapes text for XML content and attribute values: `&`, `<`, `>`, `"` and
/// `'` become entities, and control characters XML cannot carry are dropped.
///
/// ```
/// use riskwright_engine::trend::escape_xml;
/// assert_eq!(escape_xml("<b>\"R&D\"</b>'"), "&lt;b&gt;&quot;R&amp;D&quot;&lt;/b&gt;&apos;");
/// ```
pub fn escape_xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if c.is_control() || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

const TITLE: &str = "Residual risk over time";
const FALLBACK_COLOUR: &str = "#757575";
const FONT: &str = "font-family=\"system-ui, sans-serif\" font-size=\"12\"";

/// Draws `trend` as a self-contained SVG line chart, `width` × `height`
/// pixels (kept within 240 × 160 and 4000 × 4000): one line per level in the
/// level's colour, dates on the x axis, counts on the y axis, a legend with
/// the levels' labels (from `method`; a level it no longer has is shown by
/// its id), and a `<title>` and `<desc>` for screen readers. Every piece of
/// text is XML-escaped. An empty trend gives a chart that says there is no
/// data.
pub fn trend_svg(trend: &Trend, method: &Method, width: u32, height: u32) -> String {
    let (w, h) = (
        f64::from(width.clamp(240, 4000)),
        f64::from(height.clamp(160, 4000)),
    );
    let mut svg = String::new();
    let _ = write!(
        svg,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" role=\"img\" aria-labelledby=\"rw-trend-title rw-trend-desc\">"
    );
    let _ = write!(svg, "<title id=\"rw-trend-title\">{TITLE}</title>");

    let empty = trend.dates.is_empty() || trend.series.is_empty();
    if empty {
        let _ = write!(
            svg,
            "<desc id=\"rw-trend-desc\">No data: the history has no dated changes to chart yet.</desc>\
             <rect x=\"0\" y=\"0\" width=\"{w}\" height=\"{h}\" fill=\"#ffffff\"/>\
             <text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\" {FONT} fill=\"#333333\">No data yet</text></svg>",
            w / 2.0,
            h / 2.0
        );
        return svg;
    }

    // (escaped label, its length in characters as shown, colour)
    let labels: Vec<(String, usize, &str)> = trend
        .series
        .iter()
        .map(|s| {
            let level = method.levels.iter().find(|l| l.id == s.level);
            let label = level.map_or(s.level.as_str(), |l| l.label.as_str());
            let colour = level
                .map(|l| l.color.as_str())
                .filter(|c| is_hex_colour(c))
                .unwrap_or(FALLBACK_COLOUR);
            (escape_xml(label), label.chars().count(), colour)
        })
        .collect();

    // Description: the last day's counts, in words.
    let (first, last) = (trend.dates.first().copied(), trend.dates.last().copied());
    let last_index = trend.dates.len().saturating_sub(1);
    let summary: Vec<String> = trend
        .series
        .iter()
        .zip(&labels)
        .map(|(s, (label, _, _))| {
            format!("{label} {}", s.counts.get(last_index).copied().unwrap_or(0))
        })
        .collect();
    let _ = write!(
        svg,
        "<desc id=\"rw-trend-desc\">Number of risks per residual risk level on {} day{} from {} to {}. On {}: {}.</desc>",
        trend.dates.len(),
        if trend.dates.len() == 1 { "" } else { "s" },
        fmt_date(first),
        fmt_date(last),
        fmt_date(last),
        summary.join(", ")
    );
    let _ = write!(
        svg,
        "<rect x=\"0\" y=\"0\" width=\"{w}\" height=\"{h}\" fill=\"#ffffff\"/>"
    );

    // Legend layout first: it decides the bottom margin.
    // The right margin leaves room for half of the last date label.
    let (left, right, top) = (48.0, 36.0, 12.0);
    let mut legend = Vec::new();
    let (mut lx, mut row) = (left, 0usize);
    for (label, chars, colour) in &labels {
        let text_width = 7.0 * (*chars).min(60) as f64;
        let item = 18.0 + text_width + 16.0;
        if lx + item > w - right && lx > left {
            lx = left;
            row += 1;
        }
        legend.push((lx, row, label.as_str(), *colour));
        lx += item;
    }
    let bottom = 40.0 + 18.0 * (row as f64 + 1.0);
    let plot_w = (w - left - right).max(1.0);
    let plot_h = (h - top - bottom).max(1.0);
    let base = top + plot_h;

    // Y axis: integer ticks, at most five steps.
    let (y_top, step) = trend.count_axis();
    let y_of = |n: usize| base - plot_h * n as f64 / y_top as f64;
    svg.push_str("<g stroke=\"#cccccc\" stroke-width=\"1\">");
    for tick in (0..=y_top).step_by(step) {
        let y = y_of(tick);
        let _ = write!(
            svg,
            "<line x1=\"{left:.1}\" y1=\"{y:.1}\" x2=\"{:.1}\" y2=\"{y:.1}\"/>",
            left + plot_w
        );
    }
    svg.push_str("</g>");
    let _ = write!(svg, "<g {FONT} fill=\"#333333\" text-anchor=\"end\">");
    for tick in (0..=y_top).step_by(step) {
        let _ = write!(
            svg,
            "<text x=\"{:.1}\" y=\"{:.1}\">{tick}</text>",
            left - 6.0,
            y_of(tick) + 4.0
        );
    }
    svg.push_str("</g>");
    let _ = write!(
        svg,
        "<text transform=\"translate(12 {:.1}) rotate(-90)\" text-anchor=\"middle\" {FONT} fill=\"#333333\">Risks</text>",
        top + plot_h / 2.0
    );

    // X axis: dates, thinned so labels do not overlap.
    let n = trend.dates.len();
    let x_of = |k: usize| {
        if n <= 1 {
            left + plot_w / 2.0
        } else {
            left + plot_w * k as f64 / (n - 1) as f64
        }
    };
    let fit = ((plot_w / 84.0).floor() as usize).max(1);
    let stride = n.div_ceil(fit).max(1);
    let _ = write!(
        svg,
        "<line x1=\"{left:.1}\" y1=\"{base:.1}\" x2=\"{:.1}\" y2=\"{base:.1}\" stroke=\"#333333\" stroke-width=\"1\"/>",
        left + plot_w
    );
    let _ = write!(svg, "<g {FONT} fill=\"#333333\" text-anchor=\"middle\">");
    for (k, date) in trend.dates.iter().enumerate() {
        if k % stride == 0 {
            let _ = write!(
                svg,
                "<text x=\"{:.1}\" y=\"{:.1}\">{date}</text>",
                x_of(k),
                base + 16.0
            );
        }
    }
    svg.push_str("</g>");

    // One line per level, with a point per day.
    for (series, (label, _, colour)) in trend.series.iter().zip(&labels) {
        let points: Vec<String> = series
            .counts
            .iter()
            .take(n)
            .enumerate()
            .map(|(k, &c)| format!("{:.1},{:.1}", x_of(k), y_of(c)))
            .collect();
        let _ = write!(
            svg,
            "<g><title>{label}</title><polyline fill=\"none\" stroke=\"{colour}\" stroke-width=\"2\" points=\"{}\"/>",
            points.join(" ")
        );
        for (k, &c) in series.counts.iter().take(n).enumerate() {
            let date = trend
                .dates
                .get(k)
                .map(ToString::to_string)
                .unwrap_or_default();
            let _ = write!(
                svg,
                "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"3\" fill=\"{colour}\"><title>{label}, {date}: {c}</title></circle>",
                x_of(k),
                y_of(c)
            );
        }
        svg.push_str("</g>");
    }

    // Legend.
    let _ = write!(svg, "<g {FONT} fill=\"#333333\">");
    for (x, row, label, colour) in legend {
        let y = base + 32.0 + 18.0 * row as f64;
        let _ = write!(
            svg,
            "<rect x=\"{x:.1}\" y=\"{:.1}\" width=\"12\" height=\"12\" fill=\"{colour}\"/><text x=\"{:.1}\" y=\"{:.1}\">{label}</text>",
            y - 10.0,
            x + 18.0,
            y
        );
    }
    svg.push_str("</g></svg>");
    svg
}

fn fmt_date(date: Option<Date>) -> String {
    date.map(|d| d.to_string()).unwrap_or_default()
}

fn is_hex_colour(colour: &str) -> bool {
    let bytes = colour.as_bytes();
    bytes.len() == 7
        && bytes.first() == Some(&b'#')
        && bytes.iter().skip(1).all(u8::is_ascii_hexdigit)
}
