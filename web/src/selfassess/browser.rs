//! The page in the browser: builds the shell once, turns delegated DOM
//! events into `Msg`s, saves to localStorage after every change and
//! re-renders the step.

use super::config::Config;
use super::dom::{self, El};
use super::state::{Msg, State};
use super::view;
use super::view::Env;
use crate::app::color::text_on;
use crate::app::store::{KeyValueStore, StoreError};
use gloo_events::EventListener;
use gloo_file::{Blob, ObjectUrl};
use riskwright_engine::readiness::default_questionnaire;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, Event, HtmlElement, HtmlInputElement};

/// localStorage, checked on every access (some private modes throw).
struct PageStore;

impl PageStore {
    fn storage() -> Result<web_sys::Storage, StoreError> {
        match web_sys::window().map(|w| w.local_storage()) {
            Some(Ok(Some(storage))) => Ok(storage),
            _ => Err(StoreError(
                "this browser does not allow this page to store data".into(),
            )),
        }
    }
}

fn refused(_: JsValue) -> StoreError {
    StoreError("the browser refused to store data".into())
}

impl KeyValueStore for PageStore {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        Self::storage()?.get_item(key).map_err(refused)
    }
    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        Self::storage()?.set_item(key, value).map_err(refused)
    }

    fn remove(&mut self, key: &str) -> Result<(), StoreError> {
        Self::storage()?.remove_item(key).map_err(refused)
    }
}

struct Page {
    state: State,
    config: Config,
    store: PageStore,
    progress: Element,
    view: Element,
    download: Option<ObjectUrl>,
}

thread_local! {
    static LISTENERS: RefCell<Vec<EventListener>> = const { RefCell::new(Vec::new()) };
}

fn warn(text: &str) {
    web_sys::console::warn_1(&JsValue::from_str(&format!(
        "Riskwright self-assessment: {text}"
    )));
}

/// Starts the self-assessment inside `root`, themed by `config` (the parsed
/// `self-assessment.config.json`, or `null`). Every invalid config field is
/// reported with `console.warn` and replaced by its default. `carried` is
/// the URL fragment the page was opened with (answers brought from a frame
/// by "Continue in a new tab"), or empty.
#[wasm_bindgen(js_name = startSelfAssessment)]
pub fn start(root: Element, config: JsValue, carried: Option<String>) {
    let value: serde_json::Value = if config.is_null() || config.is_undefined() {
        serde_json::Value::Null
    } else {
        js_sys::JSON::stringify(&config)
            .ok()
            .and_then(|s| s.as_string())
            .and_then(|s| serde_json::from_str(&s).ok())
            .unwrap_or(serde_json::Value::Bool(false))
    };
    let (config, warnings) = Config::from_value(&value);
    for warning in &warnings {
        warn(&format!("configuration: {warning}"));
    }
    let store = PageStore;
    let questionnaire = config
        .questionnaire
        .clone()
        .unwrap_or_else(default_questionnaire);
    let mut state = State::restore(questionnaire, &store);
    let mut store = store;
    let carried = carried.as_deref().and_then(State::read_fragment);
    if let Some(carried) = &carried {
        state.take_over(carried);
        state.save(&mut store);
        if carried.then_seed && !state.storage_blocked && state.store_seed(&mut store).is_ok() {
            if let Some(w) = web_sys::window() {
                let _ = w.location().replace("./index.html");
            }
            return;
        }
    }

    // The theme: colours through the CSSOM (the CSP blocks style attributes).
    if let Some(html) = root.dyn_ref::<HtmlElement>() {
        let style = html.style();
        let _ = style.set_property("--primary", &config.primary_color);
        let _ = style.set_property("--on-primary", text_on(&config.primary_color));
    }
    if let Some(org) = &config.organisation {
        dom::document().set_title(&format!("ISO/IEC 27001 readiness check – {org}"));
    }
    let progress = El::new("p")
        .class("progress")
        .id("sa-progress")
        .attr("aria-live", "polite")
        .0;
    let view_el = El::new("div").class("sa-view").id("sa-view").0;
    let shell = El::new("div")
        .class("sa")
        .child(view::header(&config))
        .child(El(progress.clone()))
        .child(El(view_el.clone()));
    root.replace_children_with_node_1(&shell.0);

    let page = Rc::new(RefCell::new(Page {
        state,
        config,
        store,
        progress,
        view: view_el,
        download: None,
    }));
    render(&page.borrow(), false);
    let listeners: Vec<EventListener> = ["click", "change"]
        .map(|kind| {
            let page = Rc::clone(&page);
            EventListener::new(&root, kind, move |event| on_event(&page, event))
        })
        .into();
    LISTENERS.with(|kept| *kept.borrow_mut() = listeners);
    let _ = root.set_attribute("data-ready", "true");
}

fn on_event(page: &Rc<RefCell<Page>>, event: &Event) {
    let Some(control) = event
        .target()
        .and_then(|t| t.dyn_into::<Element>().ok())
        .and_then(|t| t.closest("[data-msg]").ok().flatten())
    else {
        return;
    };
    let Some(kind) = control.get_attribute("data-msg") else {
        return;
    };
    let is_radio = kind == "answer";
    // Radios answer on change; buttons act on click.
    if is_radio != (event.type_() == "change") {
        return;
    }
    let Ok(mut page) = page.try_borrow_mut() else {
        return;
    };
    let page = &mut *page;
    let before = page.state.step;
    let msg = match kind.as_str() {
        "answer" => control
            .dyn_ref::<HtmlInputElement>()
            .map(|i| Msg::Answer(i.value())),
        "start" => Some(Msg::Start),
        "next" => Some(Msg::Next),
        "back" => Some(Msg::Back),
        "result" => Some(Msg::ShowResult),
        "goto" => control
            .get_attribute("data-index")
            .and_then(|i| i.parse().ok())
            .map(Msg::GoTo),
        "answers" => {
            // "Change my answers": to the list of answers, each with its button.
            if let Some(heading) = dom::document().get_element_by_id("sa-answers") {
                heading.scroll_into_view();
                if let Some(heading) = heading.dyn_ref::<HtmlElement>() {
                    let _ = heading.focus();
                }
            }
            return;
        }
        "dismiss" => Some(Msg::DismissNotice),
        "print" => {
            if let Some(w) = web_sys::window() {
                let _ = w.print();
            }
            None
        }
        "download" => {
            let url = ObjectUrl::from(Blob::new_with_options(
                page.state.result_json().as_str(),
                Some("application/json"),
            ));
            let link = El::new("a")
                .attr("href", &url)
                .attr("download", "iso27001-readiness.json")
                .0;
            if let Some(link) = link.dyn_ref::<HtmlElement>() {
                link.click();
            }
            page.download = Some(url);
            None
        }
        "seed" => {
            if page.state.store_seed(&mut page.store).is_ok() {
                page.state.save(&mut page.store);
                if let Some(w) = web_sys::window() {
                    let _ = w.location().set_href("./index.html");
                }
                return;
            }
            None
        }
        "clear" => {
            let confirmed = web_sys::window()
                .and_then(|w| {
                    w.confirm_with_message(
                        "Remove all your answers and your result from this browser?",
                    )
                    .ok()
                })
                .unwrap_or(false);
            if !confirmed {
                return;
            }
            page.state.clear(&mut page.store);
            render(page, true);
            return;
        }
        _ => return,
    };
    if let Some(msg) = msg {
        if page.state.update(msg) {
            page.state.save(&mut page.store);
        }
    }
    render(page, page.state.step != before);
}

/// Today's date and the links to this page in a new tab.
fn env(state: &State) -> Env {
    let here = web_sys::window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default();
    let page = here.split('#').next().unwrap_or_default();
    let date = js_sys::Date::new_0();
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let month = MONTHS
        .get(date.get_month() as usize)
        .copied()
        .unwrap_or_default();
    Env {
        today: format!("{} {month} {}", date.get_date(), date.get_full_year()),
        continue_href: format!("{page}#{}", state.fragment(false)),
        seed_href: format!("{page}#{}", state.fragment(true)),
    }
}

/// Replaces the step's view. On a new step, focus goes to its heading so a
/// screen reader reads it; otherwise focus stays on the control by id.
fn render(page: &Page, moved: bool) {
    let document = dom::document();
    let focus = document
        .active_element()
        .map(|e| e.id())
        .filter(|id| !id.is_empty());
    page.progress
        .set_text_content(Some(&page.state.progress_text()));
    let view = view::step(&page.state, &page.config, &env(&page.state));
    page.view.replace_children_with_node_1(&view.0);
    // A new step starts at the top of the page, as a new page would.
    if moved {
        if let Some(w) = web_sys::window() {
            w.scroll_to_with_x_and_y(0.0, 0.0);
        }
    }
    let target = if moved {
        Some("sa-heading".to_string())
    } else {
        focus
    };
    if let Some(element) = target.and_then(|id| document.get_element_by_id(&id)) {
        if let Some(html) = element.dyn_ref::<HtmlElement>() {
            let _ = html.focus();
        }
    }
}
