//! Renders the self-assessment state. Reading only: every change goes back
//! through a `Msg` (see `browser.rs`). Host and questionnaire text enter the
//! page only as text nodes and attribute values.

use super::config::Config;
use super::dom::El;
use super::state::{State, Step};
use riskwright_engine::readiness::{Readiness, Score, NOT_APPLICABLE};

/// What the page knows from its surroundings, for the view.
pub struct Env {
    /// Today's date as the visitor reads it ("7 December 2026").
    pub today: String,
    /// This page with the answers in the fragment, for "Continue in a new tab".
    pub continue_href: String,
    /// The same, going on to "Start a full assessment" in the new tab.
    pub seed_href: String,
}

/// A link that opens `href` in a new tab.
fn new_tab_link(label: &str, href: &str, id: &str) -> El {
    El::new("a")
        .attr("href", href)
        .attr("target", "_blank")
        .attr("rel", "noopener")
        .id(id)
        .text(label)
}

/// A button that sends `msg` when pressed.
fn button(label: &str, msg: &str, id: &str) -> El {
    El::new("button")
        .attr("type", "button")
        .attr("data-msg", msg)
        .id(id)
        .text(label)
}

/// The header: logo, organisation and title. Rendered once.
pub fn header(config: &Config) -> El {
    let brand = El::new("div")
        .class("brand")
        .children(config.logo_url.as_ref().map(|url| {
            El::new("img")
                .attr("src", url)
                .attr("alt", config.organisation.as_deref().unwrap_or(""))
                .class("logo")
        }))
        .child(
            El::new("p")
                .class("org")
                .id("sa-org")
                .text(config.organisation.as_deref().unwrap_or("")),
        );
    El::new("header")
        .class("sa-header")
        .child(brand)
        .child(El::new("h1").text("ISO/IEC 27001 readiness check"))
}

/// The part below the progress line, for the current step.
pub fn step(state: &State, config: &Config, env: &Env) -> El {
    let notice = state.notice.as_ref().map(|text| {
        El::new("div")
            .class("notice")
            .attr("role", "status")
            .child(El::new("p").text(text))
            .child(button("Dismiss", "dismiss", "sa-dismiss"))
    });
    let blocked = state.storage_blocked.then(|| {
        El::new("div")
            .class("blocked no-print")
            .id("sa-blocked")
            .child(El::new("p").text(
                "This browser does not let the readiness check save anything while it is shown \
                 inside another website, so your answers are kept only while this page stays open.",
            ))
            .child(
                El::new("p")
                    .child(new_tab_link(
                        "Continue in a new tab",
                        &env.continue_href,
                        "sa-continue",
                    ))
                    .text(": your answers go with you in the link; nothing is sent anywhere."),
            )
    });
    let body = match state.step {
        Step::Intro => intro(state, config),
        Step::Question(_) => question(state),
        Step::Result => result(state, config, env),
    };
    El::new("div")
        .children(blocked)
        .children(notice)
        .child(body)
}

fn heading(text: &str) -> El {
    El::new("h2")
        .id("sa-heading")
        .attr("tabindex", "-1")
        .text(text)
}

fn intro(state: &State, config: &Config) -> El {
    let answered = state.answered();
    let total = state.questionnaire.questions.len();
    let mut section = El::new("section")
        .class("intro")
        .attr("aria-labelledby", "sa-heading")
        .child(heading(&state.questionnaire.title));
    for paragraph in config.intro.split('\n').filter(|p| !p.trim().is_empty()) {
        section = section.child(El::new("p").text(paragraph));
    }
    section
        .child(
            El::new("p")
                .class("privacy")
                .text("Your answers stay in this browser: nothing is sent anywhere."),
        )
        .child(El::new("p").text(&format!(
            "{total} questions, grouped by the clauses of the standard and the Annex A themes. \
             You can go back, skip a question, or {}",
            if state.storage_blocked {
                "continue in a new tab, where your answers can be kept."
            } else {
                "leave and come back later."
            }
        )))
        .child(El::new("div").class("actions").child(button(
            &if answered > 0 {
                format!("Continue ({answered} of {total} answered)")
            } else {
                "Start".into()
            },
            "start",
            "sa-start",
        )))
}

fn question(state: &State) -> El {
    let Some((index, q)) = state.current() else {
        return El::new("p").text("This question no longer exists.");
    };
    let chosen = state.answers.get(&q.id).map(|a| a.as_str().to_string());
    // Each answer with what it means ("Partly": started, but…).
    let mut options: Vec<(String, String, String)> = q
        .answers
        .iter()
        .map(|o| (o.id.clone(), o.label.clone(), o.description.clone()))
        .collect();
    if q.allow_not_applicable {
        options.push((
            NOT_APPLICABLE.into(),
            "Not applicable to us".into(),
            "Left out of your score.".into(),
        ));
    }
    let radios = options
        .iter()
        .enumerate()
        .map(|(k, (id, label, description))| {
            let input_id = format!("sa-answer-{k}");
            El::new("div")
                .class("option")
                .child(
                    El::new("input")
                        .attr("type", "radio")
                        .attr("name", "sa-answer")
                        .attr("value", id)
                        .attr("data-msg", "answer")
                        .attr("aria-describedby", "sa-help")
                        .attr_if(chosen.as_deref() == Some(id.as_str()), "checked", "")
                        .id(&input_id),
                )
                .child(
                    El::new("label")
                        .attr("for", &input_id)
                        .child(El::new("span").class("opt").text(label))
                        .children((!description.is_empty()).then(|| {
                            El::new("span")
                                .class("hint")
                                .text(&format!(" {description}"))
                        })),
                )
        });
    let total = state.questionnaire.questions.len();
    let last = index + 1 == total;
    let all_answered = state.answered() == total;
    El::new("section")
        .class("question")
        .attr("aria-labelledby", "sa-heading")
        .child(heading(&q.topic))
        .child(
            El::new("fieldset")
                .child(El::new("legend").text(&q.text))
                .children(radios),
        )
        .child(El::new("p").class("help").id("sa-help").text(&q.help))
        .child(
            El::new("div")
                .class("actions nav")
                .child(button("Back", "back", "sa-back"))
                .child(button(
                    if last { "See my result" } else { "Next" },
                    "next",
                    "sa-next",
                ))
                .children(
                    (all_answered && !last)
                        .then(|| button("See my result", "result", "sa-to-result")),
                ),
        )
        .child(jump_list(state, index))
}

/// "All questions": every question with its answer, each a button that
/// goes to it.
fn jump_list(state: &State, current: usize) -> El {
    let total = state.questionnaire.questions.len();
    let items = state
        .questionnaire
        .questions
        .iter()
        .enumerate()
        .map(|(i, q)| {
            let answer = answer_label(state, i);
            El::new("li")
                .child(
                    El::new("button")
                        .attr("type", "button")
                        .attr("data-msg", "goto")
                        .attr("data-index", &i.to_string())
                        .attr_if(i == current, "aria-current", "step")
                        .id(&format!("sa-goto-{i}"))
                        .text(&format!("{}. {}", i + 1, q.topic)),
                )
                .child(
                    El::new("span")
                        .class("jump-answer")
                        .text(&format!(" {}", answer.as_deref().unwrap_or("not answered"))),
                )
        });
    El::new("details")
        .class("jump no-print")
        .id("sa-jump")
        .child(El::new("summary").text(&format!(
            "All questions ({} of {total} answered)",
            state.answered()
        )))
        .child(El::new("ol").children(items))
}

/// The label of the answer to question `index`, if answered.
fn answer_label(state: &State, index: usize) -> Option<String> {
    let q = state.questionnaire.questions.get(index)?;
    let answer = state.answers.get(&q.id)?;
    Some(if answer.as_str() == NOT_APPLICABLE {
        "Not applicable".to_string()
    } else {
        q.option(answer.as_str())
            .map_or_else(|| answer.as_str().to_string(), |o| o.label.clone())
    })
}

/// "Your answers": by section, each with a button to change it. Printed.
fn answers_list(state: &State) -> El {
    let mut list = El::new("div").class("your-answers");
    for section in &state.questionnaire.sections {
        let rows: Vec<El> = state
            .questionnaire
            .questions
            .iter()
            .enumerate()
            .filter(|(_, q)| q.section == section.id)
            .map(|(i, q)| {
                El::new("li")
                    .child(El::new("span").class("topic").text(&q.topic))
                    .text(": ")
                    .child(
                        El::new("span")
                            .class("ans")
                            .text(answer_label(state, i).as_deref().unwrap_or("not answered")),
                    )
                    .text(" ")
                    .child(
                        El::new("button")
                            .attr("type", "button")
                            .attr("data-msg", "goto")
                            .attr("data-index", &i.to_string())
                            .attr("aria-label", &format!("Change the answer to “{}”", q.topic))
                            .class("small")
                            .id(&format!("sa-change-{i}"))
                            .text("Change"),
                    )
            })
            .collect();
        if rows.is_empty() {
            continue;
        }
        list = list
            .child(El::new("h4").text(&format!("{}: {}", section.id.label(), section.title)))
            .child(El::new("ul").children(rows));
    }
    list
}

/// The engine's percentage as written (one decimal, none when whole).
fn percent_text(score: &Score) -> String {
    match score.percent {
        Some(p) if p.fract() == 0.0 => format!("{p:.0}%"),
        Some(p) => format!("{p}%"),
        None => "not scored".into(),
    }
}

/// The engine's explanation lines in a "how was this computed?" disclosure.
fn how(score: &Score, id: &str) -> El {
    El::new("details")
        .id(id)
        .child(El::new("summary").text("How was this computed?"))
        .child(
            El::new("ul").children(
                score
                    .explanation
                    .iter()
                    .map(|line| El::new("li").text(line)),
            ),
        )
}

/// A number with its disclosure.
fn explained(score: &Score, id: &str) -> El {
    El::new("div")
        .class("explained")
        .child(El::new("span").class("pct").text(&percent_text(score)))
        .child(how(score, id))
}

fn bar(score: &Score) -> El {
    let pct = score.percent.unwrap_or(0.0).clamp(0.0, 100.0);
    El::new("div")
        .class("bar")
        .attr("aria-hidden", "true")
        .child(
            El::new("span")
                .class("fill")
                .css_var("--pct", &format!("{pct}%")),
        )
}

fn score_row(name: &str, score: &Score, id: &str) -> El {
    El::new("tr")
        .child(El::new("th").attr("scope", "row").text(name))
        .child(El::new("td").child(explained(score, id)).child(bar(score)))
        .child(El::new("td").class("num").text(&format!(
            "{} of {}",
            score.answered + score.not_applicable,
            score.questions
        )))
        .child(
            El::new("td")
                .class("num")
                .text(&score.not_applicable.to_string()),
        )
}

fn score_table(caption: &str, rows: Vec<El>) -> El {
    El::new("div").class("table-wrap").child(
        El::new("table")
            .class("scores")
            .child(El::new("caption").text(caption))
            .child(
                El::new("thead").child(
                    El::new("tr")
                        .child(El::new("th").attr("scope", "col").text("Part"))
                        .child(El::new("th").attr("scope", "col").text("Score"))
                        .child(El::new("th").attr("scope", "col").text("Answered"))
                        .child(
                            El::new("th")
                                .attr("scope", "col")
                                .text("Not applicable (excluded)"),
                        ),
                ),
            )
            .child(El::new("tbody").children(rows)),
    )
}

fn result(state: &State, config: &Config, env: &Env) -> El {
    let r: Readiness = state.readiness();
    let maturity = r.maturity.map_or("not enough answers", |m| m.label());
    let overall = El::new("div")
        .class("overall")
        .child(
            El::new("p")
                .class("big")
                .id("sa-overall")
                .text(&format!("{} overall: {maturity}", percent_text(&r.overall))),
        )
        .child(bar(&r.overall))
        .child(how(&r.overall, "sa-explain-overall"))
        .children((!r.complete).then(|| {
            El::new("p")
                .class("incomplete")
                .text("Some questions are unanswered; they count as 0, so this is a lower bound.")
        }));
    let groups = r
        .groups
        .iter()
        .filter(|g| g.score.questions > 0)
        .map(|g| {
            score_row(
                &g.label,
                &g.score,
                &format!("sa-explain-group-{:?}", g.group),
            )
        })
        .collect();
    let sections = r
        .sections
        .iter()
        .filter(|s| s.score.questions > 0)
        .map(|s| {
            score_row(
                &format!("{}: {}", s.section.label(), s.title),
                &s.score,
                &format!("sa-explain-section-{}", s.section.id()),
            )
        })
        .collect();
    let excluded: Vec<El> = state
        .questionnaire
        .questions
        .iter()
        .filter(|q| {
            state
                .answers
                .get(&q.id)
                .is_some_and(|a| a.as_str() == NOT_APPLICABLE)
        })
        .map(|q| El::new("li").text(&q.topic))
        .collect();
    let exclusions = if excluded.is_empty() {
        El::new("p").text("No question was marked not applicable.")
    } else {
        El::new("ul").children(excluded)
    };
    let gaps = if r.gaps.is_empty() {
        El::new("p").text("No gaps: every question is answered “fully”.")
    } else {
        El::new("ol")
            .class("gaps")
            .children(r.gaps.iter().take(5).map(|g| {
                El::new("li")
                    .child(El::new("strong").text(&g.topic))
                    .text(&format!(" ({}: {}): ", g.section.label(), g.section_title))
                    .text(&g.reason)
            }))
    };
    // No heading over an empty list: without gaps there is nothing to do.
    let steps = (!r.next_steps.is_empty()).then(|| {
        [
            El::new("h3").text("Next steps"),
            El::new("ol")
                .class("steps")
                .children(r.next_steps.iter().map(|s| {
                    El::new("li")
                        .child(El::new("strong").text(&s.topic))
                        .text(": ")
                        .text(&s.text)
                })),
        ]
    });
    let seed = if state.storage_blocked {
        new_tab_link(
            "Start a full assessment (in a new tab)",
            &env.seed_href,
            "sa-seed",
        )
        .class("button-link")
    } else {
        button("Start a full assessment", "seed", "sa-seed")
    };
    let cta = config.call_to_action.as_ref().map(|(label, url)| {
        El::new("p").class("cta-wrap").child(
            El::new("a")
                .class("cta")
                .id("sa-cta")
                .attr("href", url)
                .text(label),
        )
    });
    El::new("section")
        .class("result")
        .attr("aria-labelledby", "sa-heading")
        .child(heading("Your ISO/IEC 27001 readiness"))
        .child(
            El::new("p")
                .class("date")
                .id("sa-date")
                .text(&format!("Assessed on {}", env.today)),
        )
        .child(overall)
        .children(cta)
        .child(El::new("h3").text("Top gaps"))
        .child(gaps)
        .children(steps.into_iter().flatten())
        .child(El::new("h3").text("Scores by group"))
        .child(score_table("Scores by group of requirements", groups))
        .child(El::new("h3").text("Scores by section"))
        .child(score_table("Scores by clause and Annex A theme", sections))
        .child(El::new("h3").text("Not applicable (excluded from the scores)"))
        .child(exclusions)
        .child(
            El::new("div")
                .class("actions no-print")
                .child(button("Print", "print", "sa-print"))
                .child(button("Download result as JSON", "download", "sa-download"))
                .child(seed)
                .child(button("Change my answers", "answers", "sa-change"))
                .child(button("Clear my answers", "clear", "sa-clear")),
        )
        .child(El::new("p").class("privacy").text(
            "Your answers stay in this browser: nothing is sent anywhere. \
             “Clear my answers” removes them.",
        ))
        .child(
            El::new("h3")
                .id("sa-answers")
                .attr("tabindex", "-1")
                .text("Your answers"),
        )
        .child(answers_list(state))
}
