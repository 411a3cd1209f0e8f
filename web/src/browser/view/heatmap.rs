//! A heat map with risk counts per cell. Each cell is a button that filters
//! the register to its risks; level labels sit inside the cells so the map
//! reads in greyscale.

use crate::app::color::text_on;
use crate::browser::dom::{button, El};
use riskwright_engine::document::{Assessment, Tier};
use riskwright_engine::evaluate::count_tier;
use riskwright_engine::method::ResolvedMethod;

/// The heat map of `tier`, with `selected` marked pressed.
pub fn counts(
    assessment: &Assessment,
    method: &ResolvedMethod,
    tier: Tier,
    selected: Option<(u8, u8)>,
) -> El {
    let counts = count_tier(method, assessment, tier);
    let m = method.method();
    let name = match tier {
        Tier::Inherent => "Inherent",
        Tier::Current => "Current",
        Tier::Residual => "Residual",
    };
    let header = El::new("tr").child(El::new("td").class("corner")).children(
        m.impact.levels.iter().enumerate().map(|(i, level)| {
            El::new("th")
                .attr("scope", "col")
                .attr("title", &level.label)
                .text(&format!("{}", i + 1))
        }),
    );
    let cols = usize::from(method.impact_max());
    let rows = (1..=method.likelihood_max()).rev().map(|l| {
        El::new("tr")
            .child(
                El::new("th")
                    .attr("scope", "row")
                    .attr(
                        "title",
                        m.likelihood
                            .levels
                            .get(usize::from(l - 1))
                            .map_or("", |s| s.label.as_str()),
                    )
                    .text(&l.to_string()),
            )
            .children((1..=method.impact_max()).map(|i| {
                let count = counts
                    .cells
                    .get(usize::from(l - 1) * cols + usize::from(i - 1))
                    .copied()
                    .unwrap_or(0);
                let level = method.level_index_at(l, i).and_then(|x| method.level(x));
                let (label, color) =
                    level.map_or(("", "#dddddd"), |lv| (lv.label.as_str(), lv.color.as_str()));
                let pressed = selected == Some((l, i));
                El::new("td").child(
                    button("", "filter-cell")
                        .class(if count == 0 { "count empty" } else { "count" })
                        .attr("data-tier", tier.name())
                        .attr("data-l", &l.to_string())
                        .attr("data-i", &i.to_string())
                        .attr("aria-pressed", if pressed { "true" } else { "false" })
                        .css_var("--cell-bg", color)
                        .css_var("--cell-fg", text_on(color))
                        .child(El::new("span").class("sr-only").text(&format!(
                            "{name} risk, likelihood {l}, impact {i}, {label}: "
                        )))
                        .child(El::new("span").class("n").text(&count.to_string()))
                        .child(El::new("span").class("sr-only").text(if count == 1 {
                            " risk"
                        } else {
                            " risks"
                        })),
                )
            }))
    });
    El::new("figure").class("counts").child(
        El::new("table")
            .id(&format!("heatmap-{}", tier.name()))
            .child(El::new("caption").text(&format!(
                "{name} risk: likelihood (rows) by impact (columns). Select a cell to show its risks."
            )))
            .child(El::new("thead").child(header))
            .child(El::new("tbody").children(rows)),
    )
}
