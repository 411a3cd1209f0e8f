//! The audience view of a workshop in the browser: the presenter's side
//! (share the screen on the channel, answer a new audience window, open it)
//! and the audience window itself (read-only, heat map and current risk).
//! The message format, the storage key and what is shown are documented and
//! decided in [`crate::app::audience`].

use super::dom::{self, button, El};
use super::storage::LocalStore;
use crate::app::audience::{
    is_audience_url, presenter_screen, Audience, Effect, Message, Screen, Shown, CHANNEL,
    SCREEN_KEY, WINDOW_NAME,
};
use crate::app::color::text_on;
use crate::app::state::AppState;
use crate::app::store::{physical_key, DOCUMENT_KEY, REVISION_KEY};
use gloo_events::EventListener;
use riskwright_engine::document::{Assessment, Tier};
use riskwright_engine::evaluate::{count_tier, score_tier};
use riskwright_engine::method::ResolvedMethod;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{BroadcastChannel, Element, MessageEvent};

/// The presenter's link to audience windows.
struct Presenter {
    channel: BroadcastChannel,
    /// The screen last shared (`None`: not in presentation mode).
    last: Rc<RefCell<Option<Screen>>>,
    _listeners: Vec<EventListener>,
}

/// The audience window's runtime.
struct AudienceRuntime {
    audience: Audience,
    store: LocalStore,
    root: Element,
}

thread_local! {
    static PRESENTER: RefCell<Option<Presenter>> = const { RefCell::new(None) };
    /// The audience window's channel and listeners, kept for the page's life.
    static AUDIENCE: RefCell<Option<(Option<BroadcastChannel>, Vec<EventListener>)>> =
        const { RefCell::new(None) };
}

/// True when this page is the audience view (`?audience` or `#audience`).
pub(crate) fn is_audience_page() -> bool {
    web_sys::window().is_some_and(|w| {
        let location = w.location();
        is_audience_url(
            &location.search().unwrap_or_default(),
            &location.hash().unwrap_or_default(),
        )
    })
}

/// The "Open audience view" button, for the presentation screen. Its click
/// is handled by the presenter's own listener (a user gesture, so the
/// browser lets it open a window).
// Until the presentation screen places it.
pub fn audience_button() -> El {
    button("Open audience view", "aud-open")
        .id("aud-open")
        .attr(
            "title",
            "A second window with only the heat map and the current risk",
        )
}

fn post(channel: &BroadcastChannel, message: &Message) {
    let _ = channel.post_message(&JsValue::from_str(&message.encode()));
}

fn received(event: &web_sys::Event) -> Option<Message> {
    let data = event.dyn_ref::<MessageEvent>()?.data().as_string()?;
    Message::decode(&data)
}

/// Starts the presenter's side in the app's window: answers audience
/// windows' `hello`, tells them when this window closes, and opens the
/// audience window from [`audience_button`]. Without BroadcastChannel the
/// app runs as before, only without the audience view.
pub(crate) fn start_presenter(root: &Element) {
    let Ok(channel) = BroadcastChannel::new(&channel_name()) else {
        return;
    };
    let last: Rc<RefCell<Option<Screen>>> = Rc::new(RefCell::new(None));
    let mut listeners = Vec::new();
    {
        let last = Rc::clone(&last);
        let answer = channel.clone();
        listeners.push(EventListener::new(&channel, "message", move |event| {
            if received(event) == Some(Message::Hello) {
                if let Some(screen) = last.borrow().clone() {
                    post(&answer, &Message::State(screen));
                }
            }
        }));
    }
    if let Some(window) = web_sys::window() {
        let last = Rc::clone(&last);
        let bye = channel.clone();
        listeners.push(EventListener::new(&window, "pagehide", move |_| {
            if last.borrow().is_some() {
                post(&bye, &Message::Ended);
            }
        }));
    }
    listeners.push(EventListener::new(root, "click", |event| {
        let opener = event
            .target()
            .and_then(|t| t.dyn_into::<Element>().ok())
            .and_then(|t| t.closest("[data-msg=\"aud-open\"]").ok().flatten());
        if opener.is_some() {
            open_audience_window();
        }
    }));
    PRESENTER.with(|p| {
        *p.borrow_mut() = Some(Presenter {
            channel,
            last,
            _listeners: listeners,
        });
    });
}

/// Opens (or brings back) the audience window.
fn open_audience_window() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let path = window.location().pathname().unwrap_or_default();
    let url = format!("{path}?audience");
    if let Ok(Some(opened)) =
        window.open_with_url_and_target_and_features(&url, WINDOW_NAME, "popup")
    {
        let _ = opened.focus();
    }
}

/// Shares the presenter's screen after a render, if it changed: posts it on
/// the channel and keeps it under [`SCREEN_KEY`]. Leaving presentation mode
/// posts `ended`.
pub(crate) fn publish(state: &AppState) {
    PRESENTER.with(|p| {
        let p = p.borrow();
        let Some(p) = p.as_ref() else {
            return;
        };
        let screen = presenter_screen(state);
        let mut last = p.last.borrow_mut();
        if *last == screen {
            return;
        }
        match &screen {
            Some(screen) => {
                let message = Message::State(screen.clone());
                post(&p.channel, &message);
                if let Some(Ok(Some(storage))) = web_sys::window().map(|w| w.local_storage()) {
                    let key = physical_key(&super::storage::namespace(), SCREEN_KEY);
                    let _ = storage.set_item(&key, &message.encode());
                }
            }
            None => post(&p.channel, &Message::Ended),
        }
        *last = screen;
    });
}

/// The channel presenter and audience talk on: a downloaded copy of the
/// single-file edition has its own (as it has its own storage), so two
/// copies open in one browser never show each other's workshop.
fn channel_name() -> String {
    physical_key(&super::storage::namespace(), CHANNEL)
}

/// Starts the audience view in `root` instead of the app.
pub(crate) fn start(root: Element, store: LocalStore) {
    let document = dom::document();
    document.set_title("Audience view: Riskwright");
    if let Some(body) = document.body() {
        let _ = body.class_list().add_1("audience-page");
    }
    let audience = Audience::open(&store, &super::now());
    let runtime = Rc::new(RefCell::new(AudienceRuntime {
        audience,
        store,
        root: root.clone(),
    }));
    render(&runtime.borrow());
    let mut listeners = Vec::new();
    let channel = BroadcastChannel::new(&channel_name()).ok();
    if let Some(channel) = &channel {
        let runtime = Rc::clone(&runtime);
        listeners.push(EventListener::new(channel, "message", move |event| {
            let Some(message) = received(event) else {
                return;
            };
            let effect = match runtime.try_borrow_mut() {
                Ok(mut rt) => rt.audience.receive(message),
                Err(_) => return,
            };
            match effect {
                Effect::Ignore => {}
                Effect::Show => render(&runtime.borrow()),
                Effect::Reload => reload(&runtime),
            }
        }));
    }
    // The presenter's saves also fire the storage event.
    if let Some(window) = web_sys::window() {
        let runtime = Rc::clone(&runtime);
        listeners.push(EventListener::new(&window, "storage", move |event| {
            let key = event
                .dyn_ref::<web_sys::StorageEvent>()
                .and_then(|e| e.key());
            if matches!(key.as_deref(), Some(REVISION_KEY | DOCUMENT_KEY)) {
                reload(&runtime);
            }
        }));
    }
    // Ask a presenter for its screen at once.
    if let Some(channel) = &channel {
        post(channel, &Message::Hello);
    }
    AUDIENCE.with(|kept| *kept.borrow_mut() = Some((channel, listeners)));
    root.set_attribute("data-ready", "true").ok();
}

/// Re-reads the assessment (IndexedDB included), then shows it.
fn reload(runtime: &Rc<RefCell<AudienceRuntime>>) {
    let runtime = Rc::clone(runtime);
    let idb = runtime.borrow().store.idb();
    wasm_bindgen_futures::spawn_local(async move {
        let mirror = LocalStore::refresh(idb).await;
        let Ok(mut rt) = runtime.try_borrow_mut() else {
            return;
        };
        let rt = &mut *rt;
        if let Some(mirror) = mirror {
            rt.store.set_mirror(mirror);
        }
        rt.audience.reload(&rt.store, &super::now());
        render(rt);
    });
}

fn render(rt: &AudienceRuntime) {
    let view = view(&rt.audience);
    rt.root.replace_children_with_node_1(&view.0);
}

/// The audience screen.
fn view(audience: &Audience) -> El {
    let shown = audience.shown();
    let method = ResolvedMethod::new(audience.assessment.method.clone()).ok();
    let focus = shown.risk.as_ref().map(|r| r.id.as_str());
    let map = method
        .as_ref()
        .map(|m| heatmap(&audience.assessment, m, shown.tier, focus));
    El::new("section")
        .id("audience-screen")
        .class("audience")
        .attr("aria-labelledby", "aud-risk")
        .child(status(&shown))
        .child(risk(&shown))
        .children(map)
}

fn status(shown: &Shown) -> El {
    El::new("p")
        .id("aud-status")
        .class(if shown.live {
            "aud-status live"
        } else {
            "aud-status waiting"
        })
        .attr("role", "status")
        .text(&shown.status)
}

fn risk(shown: &Shown) -> El {
    let Some(risk) = &shown.risk else {
        return El::new("div").class("aud-risk").child(
            El::new("h1")
                .id("aud-risk")
                .text("Audience view: no risk on screen yet"),
        );
    };
    let level = match &risk.score {
        Some(score) => El::new("p")
            .id("aud-level")
            .class("aud-level")
            .css_var("--level-bg", &score.color)
            .css_var("--level-fg", text_on(&score.color))
            .text(&score.level),
        None => El::new("p")
            .id("aud-level")
            .class("aud-level unscored")
            .text("Not scored yet"),
    };
    let score = risk.score.as_ref().map(|s| {
        El::new("p")
            .id("aud-score")
            .class("aud-score")
            .text(&format!(
                "Likelihood {} × impact {} = {}",
                s.likelihood, s.impact, s.score
            ))
    });
    let timer = shown.timer.as_ref().map(|t| {
        El::new("p")
            .id("aud-timer")
            .class("aud-timer")
            .text(&format!("Time on this risk: {t}"))
    });
    El::new("div")
        .class("aud-risk")
        .child(
            El::new("h1")
                .id("aud-risk")
                .child(El::new("span").class("aud-id").text(&risk.id))
                .text(" ")
                .child(El::new("span").class("aud-title").text(&risk.title)),
        )
        .child(
            El::new("p")
                .id("aud-tier")
                .class("aud-tier")
                .text(&shown.tier_name),
        )
        .child(level)
        .children(score)
        .children(timer)
}

/// The heat map: presentation mode's own when it exists, else a plain one.
fn heatmap(a: &Assessment, method: &ResolvedMethod, tier: Tier, focus: Option<&str>) -> El {
    plain_heatmap(a, method, tier, focus)
}

/// A read-only heat map of `tier`: each cell names its level and counts its
/// risks; the cell of the risk `focus` is marked in words as well.
fn plain_heatmap(a: &Assessment, method: &ResolvedMethod, tier: Tier, focus: Option<&str>) -> El {
    let counts = count_tier(method, a, tier);
    let at = focus
        .and_then(|id| a.risks.iter().find(|r| r.id == id))
        .and_then(|r| score_tier(method, r, tier))
        .map(|t| (t.likelihood, t.impact));
    let cols = usize::from(method.impact_max());
    let header =
        El::new("tr")
            .child(El::new("td").class("corner"))
            .children((1..=method.impact_max()).map(|i| {
                El::new("th")
                    .attr("scope", "col")
                    .text(&format!("Impact {i}"))
            }));
    let rows = (1..=method.likelihood_max()).rev().map(|l| {
        El::new("tr")
            .child(
                El::new("th")
                    .attr("scope", "row")
                    .text(&format!("Likelihood {l}")),
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
                let here = at == Some((l, i));
                El::new("td")
                    .class(if here { "aud-cell here" } else { "aud-cell" })
                    .attr_if(here, "id", "aud-here")
                    .css_var("--cell-bg", color)
                    .css_var("--cell-fg", text_on(color))
                    .child(El::new("span").class("aud-cell-level").text(label))
                    .child(El::new("span").class("sr-only").text(", "))
                    .child(El::new("span").class("aud-cell-count").text(&format!(
                        "{count} {}",
                        if count == 1 { "risk" } else { "risks" }
                    )))
                    .children(here.then(|| {
                        El::new("span")
                            .class("aud-cell-here")
                            .child(El::new("span").class("sr-only").text(", "))
                            .text("This risk")
                    }))
            }))
    });
    El::new("figure").class("aud-map").child(
        El::new("table")
            .id("aud-heatmap")
            .child(El::new("caption").text(&format!(
                "{}: likelihood (rows) by impact (columns)",
                crate::app::audience::tier_name(tier)
            )))
            .child(El::new("thead").child(header))
            .child(El::new("tbody").children(rows)),
    )
}
