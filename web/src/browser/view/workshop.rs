//! Presentation mode for a workshop on a shared screen: a heat map that
//! fills the screen, drawn as SVG with numbered risk markers and arrows from
//! current to residual, the risk on screen with its score, the votes and
//! their spread, a timer, the help overlay, and the record at the end.

use crate::app::color::text_on;
use crate::app::state::AppState;
use crate::app::workshop::{clock_text, Axis, WorkshopUi};
use crate::browser::chart::svg;
use crate::browser::dom::{button, field, text_input, El};
use riskwright_engine::date::Date;
use riskwright_engine::document::{Assessment, Tier};
use riskwright_engine::evaluate::score_tier;
use riskwright_engine::method::ResolvedMethod;
use riskwright_engine::workshop::{spread, AxisSpread, WorkshopRecord};

/// Units per cell of the SVG heat map (integers: no float formatting).
const CELL: i32 = 160;
/// Room for the likelihood labels on the left.
const LEFT: i32 = 270;
/// Room for the impact labels below (two lines: number and label).
const MARGIN: i32 = 90;
/// Text size in the heat map, in its units, for up to five levels a side.
/// At 1920×1080 the map is drawn at about 1.05 pixel per unit, so text is
/// at least 24 px; with more levels the map shrinks and the text grows in
/// proportion (see [`text_units`]).
const TEXT: i32 = 28;

/// The heat map's text size for a method of `levels` levels on its longer
/// side: the map scales down as it grows, so its text grows to match.
fn text_units(levels: i32) -> i32 {
    TEXT * levels.max(5) / 5
}

/// An SVG text of `size` units, squeezed to `room` units when it would be
/// wider (about 0.56 of the size per character).
fn svg_text(text: &str, size: i32, room: i32) -> El {
    let chars = i32::try_from(text.chars().count()).unwrap_or(i32::MAX);
    let wide = chars.saturating_mul(size).saturating_mul(56) / 100;
    svg("text")
        .attr("font-size", &size.to_string())
        .attr_if(wide > room, "textLength", &room.to_string())
        .attr_if(wide > room, "lengthAdjust", "spacingAndGlyphs")
        .text(text)
}

fn tier_name(tier: Tier) -> &'static str {
    match tier {
        Tier::Inherent => "inherent",
        Tier::Current => "current",
        Tier::Residual => "residual",
    }
}

/// The heat map of `tier` as SVG: cells coloured by level with the level's
/// label in them, each risk a numbered marker (its place in the
/// walk-through) with an accessible name, the risk `focus` ringed, and with
/// `arrows` a line from each risk's current cell to its residual one.
pub fn heatmap_svg(
    a: &Assessment,
    method: &ResolvedMethod,
    tier: Tier,
    focus: Option<&str>,
    arrows: bool,
) -> El {
    let lmax = i32::from(method.likelihood_max());
    let imax = i32::from(method.impact_max());
    let size = text_units(lmax.max(imax));
    let width = LEFT + imax * CELL + 10;
    let height = lmax * CELL + MARGIN.max(2 * size + 24);
    let x_of = |impact: i32| LEFT + (impact - 1) * CELL;
    let y_of = |likelihood: i32| (lmax - likelihood) * CELL;
    let m = method.method();
    let mut map = svg("svg")
        .id("ws-heatmap")
        .attr("viewBox", &format!("0 0 {width} {height}"))
        .attr("role", "img")
        .attr(
            "aria-label",
            &format!(
                "Heat map of {} risk: likelihood up, impact across, each risk a numbered marker",
                tier_name(tier)
            ),
        );
    for l in 1..=lmax {
        for i in 1..=imax {
            let level = u8::try_from(l)
                .ok()
                .zip(u8::try_from(i).ok())
                .and_then(|(l, i)| method.level_index_at(l, i))
                .and_then(|x| method.level(x));
            let (label, color) =
                level.map_or(("", "#555555"), |lv| (lv.label.as_str(), lv.color.as_str()));
            map = map
                .child(
                    svg("rect")
                        .attr("x", &x_of(i).to_string())
                        .attr("y", &y_of(l).to_string())
                        .attr("width", &CELL.to_string())
                        .attr("height", &CELL.to_string())
                        .attr("fill", color)
                        .attr("stroke", "#000000")
                        .attr("stroke-width", "2"),
                )
                .child(
                    svg_text(label, size, CELL - 12)
                        .attr("x", &(x_of(i) + 6).to_string())
                        .attr("y", &(y_of(l) + size + 2).to_string())
                        .attr("fill", text_on(color))
                        .attr("class", "ws-cell-label"),
                );
        }
    }
    // Axis labels: the scales' own words.
    for (k, level) in m.likelihood.levels.iter().enumerate() {
        let l = i32::try_from(k).unwrap_or(0) + 1;
        map = map.child(
            svg_text(&format!("{l} {}", level.label), size, LEFT - 14)
                .attr("x", "4")
                .attr("y", &(y_of(l) + CELL / 2 + size / 3).to_string())
                .attr("class", "ws-axis"),
        );
    }
    for (k, level) in m.impact.levels.iter().enumerate() {
        let i = i32::try_from(k).unwrap_or(0) + 1;
        map = map.child(
            svg_text(&i.to_string(), size, CELL - 12)
                .attr("x", &(x_of(i) + 6).to_string())
                .attr("y", &(lmax * CELL + size + 4).to_string())
                .attr("class", "ws-axis"),
        );
        map = map.child(
            svg_text(&level.label, size, CELL - 12)
                .attr("x", &(x_of(i) + 6).to_string())
                .attr("y", &(lmax * CELL + 2 * size + 12).to_string())
                .attr("class", "ws-axis"),
        );
    }
    // Markers: several risks in one cell sit side by side.
    let mut in_cell: std::collections::BTreeMap<(u8, u8), i32> = Default::default();
    let mut markers = Vec::new();
    let mut lines = Vec::new();
    for (n, risk) in a.risks.iter().enumerate() {
        let place = |t: Tier| score_tier(method, risk, t);
        let Some(here) = place(tier) else {
            continue;
        };
        let slot = in_cell.entry((here.likelihood, here.impact)).or_insert(0);
        let k = *slot;
        *slot += 1;
        let r = size * 3 / 4;
        let cx = x_of(i32::from(here.impact)) + r + 6 + (k % 3) * (2 * r + 4);
        let cy = y_of(i32::from(here.likelihood)) + size + 14 + r + (k / 3) * (2 * r + 4);
        let focused = focus == Some(risk.id.as_str());
        let number = n + 1;
        markers.push(
            svg("g")
                .attr(
                    "class",
                    if focused {
                        "ws-marker focus"
                    } else {
                        "ws-marker"
                    },
                )
                .child(svg("title").text(&format!(
                    "{number}. {} {}: likelihood {}, impact {}, {}",
                    risk.id, risk.title, here.likelihood, here.impact, here.level
                )))
                .child(
                    svg("circle")
                        .attr("cx", &cx.to_string())
                        .attr("cy", &cy.to_string())
                        .attr("r", &(if focused { r + 3 } else { r }).to_string()),
                )
                .child(
                    svg("text")
                        .attr("x", &cx.to_string())
                        .attr("y", &(cy + size / 3).to_string())
                        .attr("font-size", &(size * 7 / 8).to_string())
                        .attr("text-anchor", "middle")
                        .text(&number.to_string()),
                ),
        );
        if arrows {
            if let (Some(from), Some(to)) = (place(Tier::Current), place(Tier::Residual)) {
                if (from.likelihood, from.impact) != (to.likelihood, to.impact) {
                    let centre = |l: u8, i: u8| {
                        (x_of(i32::from(i)) + CELL / 2, y_of(i32::from(l)) + CELL / 2)
                    };
                    let (x1, y1) = centre(from.likelihood, from.impact);
                    let (x2, y2) = centre(to.likelihood, to.impact);
                    lines.push(
                        svg("line")
                            .attr("class", "ws-arrow")
                            .attr("x1", &x1.to_string())
                            .attr("y1", &y1.to_string())
                            .attr("x2", &x2.to_string())
                            .attr("y2", &y2.to_string())
                            .attr("marker-end", "url(#ws-arrowhead)"),
                    );
                }
            }
        }
    }
    let defs = svg("defs").child(
        svg("marker")
            .id("ws-arrowhead")
            .attr("viewBox", "0 0 10 10")
            .attr("refX", "9")
            .attr("refY", "5")
            .attr("markerWidth", "8")
            .attr("markerHeight", "8")
            .attr("orient", "auto")
            .child(svg("path").attr("d", "M0,0 L10,5 L0,10 z")),
    );
    map.child(defs).children(lines).children(markers)
}

/// The presentation screen.
pub fn workshop(state: &AppState, today: Date) -> El {
    let _ = today;
    let ui = &state.workshop;
    let screen = El::new("section")
        .id("workshop-screen")
        .class("workshop")
        .attr("aria-labelledby", "ws-risk-title");
    let Ok(method) = ResolvedMethod::new(state.assessment.method.clone()) else {
        return screen.child(El::new("p").text("The method is not valid."));
    };
    if let Some(record) = &ui.record {
        return screen.child(record_view(record, &method));
    }
    let Some(risk) = state.workshop_risk() else {
        return screen
            .child(
                El::new("h1")
                    .id("ws-risk-title")
                    .text("No risks to discuss yet"),
            )
            .child(button("Leave presentation mode", "ws-toggle").id("ws-leave"));
    };
    let risks = state.workshop_risks();
    let place = risks.iter().position(|r| r.id == risk.id).unwrap_or(0) + 1;
    let scored = score_tier(&method, risk, ui.tier);
    let level = scored
        .as_ref()
        .and_then(|r| method.method().levels.iter().find(|l| l.id == r.level));
    let score_text = match &scored {
        Some(r) => format!(
            "{}: likelihood {} × impact {} = {}",
            level.map_or(r.level.as_str(), |l| l.label.as_str()),
            r.likelihood,
            r.impact,
            r.score
        ),
        None => "not scored yet".to_string(),
    };
    let axis = match ui.axis {
        Axis::Likelihood => "likelihood",
        Axis::Impact => "impact",
    };
    let timer = format!(
        "{}{}",
        clock_text(ui.seconds_on_screen()),
        if ui.timer_since.is_some() {
            ""
        } else {
            " (paused: S goes on)"
        }
    );
    // The risk stays in view above whatever the side shows below it.
    let header = El::new("div")
        .class("ws-head")
        .child(
            El::new("p")
                .id("ws-position")
                .class("ws-small")
                .text(&format!("Risk {place} of {}", risks.len())),
        )
        .child(
            El::new("h1")
                .id("ws-risk-title")
                .text(&format!("{place}. {} {}", risk.id, risk.title)),
        )
        .children(
            (!risk.scenario.is_empty())
                .then(|| El::new("p").id("ws-scenario").text(&risk.scenario)),
        )
        .child(El::new("p").id("ws-tier").text(&format!(
            "Scoring the {} risk · digits set the {axis}",
            tier_name(ui.tier)
        )))
        .child(
            El::new("p")
                .id("ws-score")
                .class("ws-score")
                .text(&score_text),
        )
        .child(
            El::new("p")
                .id("ws-timer")
                .attr("aria-live", "off")
                .text(&format!("Time on this risk: {timer}")),
        );
    let side = El::new("div")
        .class("ws-side")
        .child(header)
        .children((!ui.problems.is_empty()).then(|| {
            El::new("p").id("ws-problems").attr("role", "alert").text(
                &ui.problems
                    .iter()
                    .map(|p| p.message.clone())
                    .collect::<Vec<_>>()
                    .join("; "),
            )
        }))
        .children(ui.voting.as_ref().map(|_| voting(state, &method)))
        .child(
            El::new("div")
                .class("actions")
                .child(
                    button("Shortcuts (?)", "ws-key")
                        .attr("data-key", "?")
                        .id("ws-help-open"),
                )
                .child(
                    button("Vote (V)", "ws-key")
                        .attr("data-key", "v")
                        .id("ws-vote-open"),
                )
                .child(
                    button("Notes and participants", "ws-setup")
                        .id("ws-setup-toggle")
                        .attr(
                            "aria-expanded",
                            if ui.setup_open { "true" } else { "false" },
                        )
                        .attr("aria-controls", "ws-setup"),
                )
                .child(crate::browser::audience::audience_button())
                .child(button("End workshop", "ws-end").id("ws-end"))
                .child(button("Leave (Esc)", "ws-toggle").id("ws-leave")),
        )
        .children(ui.setup_open.then(|| notes(ui)).flatten());
    screen
        .class("workshop walk")
        .child(
            El::new("div")
                .class(if ui.voting.is_some() {
                    "ws-layout voting"
                } else {
                    "ws-layout"
                })
                .child(El::new("div").class("ws-map").child(heatmap_svg(
                    &state.assessment,
                    &method,
                    ui.tier,
                    Some(&risk.id),
                    ui.arrows,
                )))
                .child(side),
        )
        .children(ui.help.then(help))
}

fn histogram(id: &str, what: &str, s: &AxisSpread) -> El {
    El::new("div")
        .class("ws-histogram")
        .id(id)
        .child(El::new("p").text(&format!(
            "{what}: min {}, median {}, max {}{}",
            s.min,
            s.median_text(),
            s.max,
            if s.disagreement {
                format!(" · {} levels apart: discuss", s.max - s.min)
            } else {
                String::new()
            }
        )))
        .child(
            El::new("ol")
                .class("bars")
                .attr("aria-label", &format!("{what} votes per level"))
                .children(s.histogram.iter().enumerate().map(|(k, &n)| {
                    El::new("li")
                        .class(&format!("bar n{}", n.min(9)))
                        .attr(
                            "title",
                            &format!(
                                "Level {}: {n} {}",
                                k + 1,
                                if n == 1 { "vote" } else { "votes" }
                            ),
                        )
                        .text(&format!("{}: {n}", k + 1))
                })),
        )
}

fn voting(state: &AppState, method: &ResolvedMethod) -> El {
    let panel = state.workshop.voting.clone().unwrap_or_default();
    let s = spread(&panel.votes, method.likelihood_max(), method.impact_max());
    let (l, i) = state.proposed_agreement().unwrap_or((1, 1));
    let mut el = El::new("section")
        .id("ws-voting")
        .class("ws-voting")
        .attr("aria-labelledby", "ws-voting-title")
        .child(El::new("h2").id("ws-voting-title").text(&format!(
            "Votes: {} so far{}",
            panel.votes.len(),
            panel.pending.map_or(String::new(), |p| format!(
                " · likelihood {p} typed, now its impact"
            ))
        )))
        .children(panel.votes.is_empty().then(|| {
            El::new("p").class("ws-small").id("ws-vote-hint").text(
                "Each vote: a likelihood digit, then an impact digit. To name it, type the name and press Enter first.",
            )
        }))
        .child(field(
            "Next voter's name (optional)",
            text_input(&panel.name, "ws-field").attr("data-field", "voter"),
            "ws-voter",
        ))
        .child(
            El::new("ol")
                .id("ws-votes")
                .children(panel.votes.iter().enumerate().map(|(k, v)| {
                    let who = if v.participant.is_empty() {
                        format!("Vote {}", k + 1)
                    } else {
                        v.participant.clone()
                    };
                    El::new("li")
                        .text(&format!("{who}: {}, {} ", v.likelihood, v.impact))
                        .child(
                            button("Remove", "ws-remove-vote")
                                .attr("data-index", &k.to_string())
                                .attr("aria-label", &format!("Remove {who}")),
                        )
                })),
        );
    if s.count > 0 {
        el = el
            .child(histogram(
                "ws-spread-likelihood",
                "Likelihood",
                &s.likelihood,
            ))
            .child(histogram("ws-spread-impact", "Impact", &s.impact));
    }
    el.child(field(
        "Dissent to record (optional)",
        text_input(&panel.dissent, "ws-field").attr("data-field", "dissent"),
        "ws-dissent",
    ))
    .child(
        button(
            &format!("Record agreed value: likelihood {l}, impact {i}"),
            "ws-agree",
        )
        .id("ws-agree")
        .attr("data-l", &l.to_string())
        .attr("data-i", &i.to_string())
        .attr_if(s.count == 0, "disabled", ""),
    )
}

fn notes(ui: &WorkshopUi) -> Option<El> {
    let session = ui.session.as_ref()?;
    let note = session
        .items
        .iter()
        .find(|i| Some(&i.risk_id) == ui.risk_id.as_ref() && i.tier == ui.tier)
        .map(|i| i.notes.clone())
        .unwrap_or_default();
    let panel = El::new("div")
        .id("ws-setup")
        .class("ws-notes")
        .child(field(
            "Notes on this risk",
            El::new("textarea")
                .attr("data-msg", "ws-field")
                .attr("data-event", "input")
                .attr("data-field", "notes")
                .value(&note),
            "ws-notes",
        ))
        .child(field(
            "Workshop title",
            text_input(&session.title, "ws-field").attr("data-field", "title"),
            "ws-title",
        ))
        .child(field(
            "Facilitator",
            text_input(&session.facilitator, "ws-field").attr("data-field", "facilitator"),
            "ws-facilitator",
        ))
        .child(field(
            "Participants, separated by commas",
            text_input(&session.participants, "ws-field").attr("data-field", "participants"),
            "ws-participants",
        ));
    Some(panel)
}

/// The shortcuts, as the help overlay lists them.
pub const SHORTCUTS: [(&str, &str); 15] = [
    ("→ or J or Page Down", "next risk"),
    ("← or K or Page Up", "previous risk"),
    ("1 to 9", "set the likelihood or the impact"),
    ("L", "digits set the likelihood"),
    ("I", "digits set the impact"),
    ("T", "switch between current and residual risk"),
    ("A", "show or hide arrows from current to residual"),
    ("V", "collect votes for this risk"),
    (
        "S",
        "pause or go on with the timer (it counts while a risk is on screen)",
    ),
    ("U or Ctrl+Z", "undo"),
    ("?", "this help"),
    (
        "Esc",
        "close the help or the votes, or leave presentation mode",
    ),
    ("P", "leave presentation mode"),
    (
        "Enter or Esc in a field",
        "leave the field: keys typed in a field are only text",
    ),
    ("Tab", "move between buttons and fields"),
];

fn help() -> El {
    El::new("div")
        .id("ws-help")
        .class("ws-help")
        .attr("role", "dialog")
        .attr("aria-modal", "true")
        .attr("aria-labelledby", "ws-help-title")
        .child(El::new("h2").id("ws-help-title").text("Keyboard shortcuts"))
        .child(
            El::new("table")
                .class("table")
                .child(
                    El::new("tbody").children(SHORTCUTS.iter().map(|(keys, what)| {
                        El::new("tr")
                            .child(El::new("th").attr("scope", "row").text(keys))
                            .child(El::new("td").text(what))
                    })),
                ),
        )
        .child(
            button("Close", "ws-key")
                .attr("data-key", "Escape")
                .id("ws-help-close"),
        )
}

/// A tier as the record shows it: "likelihood 3 · impact 4 · High".
fn tier_text(
    method: &ResolvedMethod,
    tier: Option<&riskwright_engine::document::ScoredTier>,
    level: Option<&str>,
) -> String {
    let Some(t) = tier else {
        return "not scored".to_string();
    };
    let impact = method
        .aggregate_impact(&t.impacts)
        .map_or_else(|| "not rated".to_string(), |i| i.to_string());
    let level = level.map_or_else(
        || "no level".to_string(),
        |l| crate::app::history::level_label(method.method(), l),
    );
    format!("likelihood {} · impact {impact} · {level}", t.likelihood)
}

fn record_view(record: &WorkshopRecord, method: &ResolvedMethod) -> El {
    let rows = record.items.iter().map(|item| {
        let show = |t: &Option<riskwright_engine::document::ScoredTier>, level: &Option<String>| {
            tier_text(method, t.as_ref(), level.as_deref())
        };
        El::new("tr")
            .child(
                El::new("th")
                    .attr("scope", "row")
                    .text(&format!("{} {}", item.risk_id, item.title)),
            )
            .child(El::new("td").text(tier_name(item.tier)))
            .child(El::new("td").text(&show(&item.before, &item.before_level)))
            .child(El::new("td").text(&show(&item.after, &item.after_level)))
            .child(El::new("td").text(&item.votes.len().to_string()))
            .child(El::new("td").text(&item.dissent))
            .child(El::new("td").text(&item.notes))
            .child(El::new("td").text(&clock_text(i64::from(item.seconds))))
    });
    El::new("article")
        .id("ws-record")
        .class("report ws-record")
        .child(El::new("h1").id("ws-risk-title").text(&format!("Workshop record {}: {}", record.id, record.title)))
        .child(El::new("p").id("ws-record-meta").text(&format!(
            "Date {} · facilitator {} · participants {}",
            record.date.map(|d| d.to_string()).unwrap_or_default(),
            if record.facilitator.is_empty() { "not entered" } else { &record.facilitator },
            if record.participants.is_empty() {
                "not entered".to_string()
            } else {
                record.participants.join(", ")
            }
        )))
        .child(
            El::new("table")
                .class("table")
                .id("ws-record-table")
                .child(
                    El::new("thead").child(El::new("tr").children(
                        ["Risk", "Tier", "Before", "After", "Votes", "Dissent", "Notes", "Time"]
                            .map(|h| El::new("th").attr("scope", "col").text(h)),
                    )),
                )
                .child(El::new("tbody").children(rows)),
        )
        .child(El::new("p").class("ws-small").text(
            "The record is kept in the assessment and its history. Print it with the browser's Print command, or download it as JSON.",
        ))
        .child(
            El::new("div")
                .class("actions")
                .child(button("Download the record as JSON", "ws-export").id("ws-export"))
                .child(button("Leave presentation mode", "ws-toggle").id("ws-leave")),
        )
}
