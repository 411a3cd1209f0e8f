//! The app in the browser: mounts the view, turns DOM events into `Msg`s,
//! saves through localStorage and re-renders.

mod audience;
mod chart;
mod dom;
mod download;
mod events;
mod events_data;
mod events_plan;
mod events_registry;
mod events_soa;
mod events_treat;
mod events_treatment;
mod events_workshop;
mod handoff;
mod idb;
mod patch;
mod storage;
mod view;

use crate::app::library::LIBRARY_KEY;
use crate::app::plan::PlanMsg;
use crate::app::register::RegisterMsg;
use crate::app::startup;
use crate::app::state::{AppState, Msg, StorageEvent, View};
use crate::app::store::{KeyValueStore, DOCUMENT_KEY, REVISION_KEY};
use crate::app::ALL_SCREENS;
use gloo_events::EventListener;
use gloo_file::ObjectUrl;
use std::cell::RefCell;
use std::rc::Rc;
use storage::LocalStore;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::Element;

/// What the running app holds.
struct Runtime {
    state: AppState,
    store: LocalStore,
    root: Element,
    /// The last download's URL, kept alive until the next one.
    download: Option<ObjectUrl>,
    /// The file being read for import, kept alive until the next one.
    reader: Option<gloo_file::callbacks::FileReader>,
    /// The workshop timer's tick, while it runs (cleared when dropped).
    ticker: Option<Ticker>,
    /// Set when this module has handed the page to the whole workbench: a
    /// late callback (a storage answer, a file read) must not touch it.
    retired: bool,
    /// Set while an `input` event is handled: the next render leaves the
    /// value of the field being typed in alone.
    typing: std::cell::Cell<bool>,
}

/// A `setInterval` that is cleared when dropped, so no callback outlives
/// the runtime that owns it.
struct Ticker {
    id: i32,
    _callback: wasm_bindgen::closure::Closure<dyn FnMut()>,
}

impl Drop for Ticker {
    fn drop(&mut self) {
        if let Some(window) = web_sys::window() {
            window.clear_interval_with_handle(self.id);
        }
    }
}

/// Starts a one-second tick of the workshop timer.
fn start_ticker(runtime: &Rc<RefCell<Runtime>>) -> Option<Ticker> {
    let weak = Rc::downgrade(runtime);
    let callback = wasm_bindgen::closure::Closure::<dyn FnMut()>::new(move || {
        if let Some(runtime) = weak.upgrade() {
            use crate::app::workshop::WorkshopMsg;
            dispatch(&runtime, Action::Update(Msg::Workshop(WorkshopMsg::Tick)));
        }
    });
    let id = web_sys::window()?
        .set_interval_with_callback_and_timeout_and_arguments_0(
            callback.as_ref().unchecked_ref(),
            1000,
        )
        .ok()?;
    Some(Ticker {
        id,
        _callback: callback,
    })
}

/// Asks for fullscreen (presentation mode) or leaves it. The browser may
/// refuse; nothing depends on it.
fn set_fullscreen(on: bool) {
    let document = dom::document();
    // requestFullscreen answers with a promise that rejects when the browser
    // says no (no user gesture, a kiosk policy); awaiting it here keeps that
    // from surfacing as an unhandled rejection.
    let call = |target: &wasm_bindgen::JsValue, name: &str| {
        let promise = js_sys::Reflect::get(target, &name.into())
            .ok()
            .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
            .and_then(|f| f.call0(target).ok())
            .and_then(|p| p.dyn_into::<js_sys::Promise>().ok());
        if let Some(promise) = promise {
            wasm_bindgen_futures::spawn_local(async move {
                let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
            });
        }
    };
    if on {
        if let Some(element) = document.document_element() {
            call(&element, "requestFullscreen");
        }
    } else if document.fullscreen_element().is_some() {
        call(&document, "exitFullscreen");
    }
}

thread_local! {
    static LISTENERS: RefCell<Vec<EventListener>> = const { RefCell::new(Vec::new()) };
    /// The running app, for `retireApp`.
    static RUNNING: RefCell<Option<Rc<RefCell<Runtime>>>> = const { RefCell::new(None) };
}

/// What a user action asks for beyond a state change.
pub(crate) enum Action {
    Update(Msg),
    DownloadBackup(String),
    ExportJson,
    ExportCsv,
    /// Download the Statement of Applicability as CSV.
    ExportSoaCsv,
    /// Download the record of the workshop just ended as JSON.
    ExportWorkshop,
    /// Open the browser's print dialog (the reports print through print CSS).
    Print,
    ReadFile(gloo_file::File),
    /// Read a SoA CSV for the SoA screen's import preview.
    ReadSoaFile(gloo_file::File),
    Storage(StorageEvent),
    Library(crate::app::library::LibraryMsg),
    /// A background write to IndexedDB failed.
    StorageFailed(String),
    /// The browser answered the request for persistent storage.
    Persisted(bool),
}

/// Starts the app inside `root`. Called by `main.js`; the app is ready
/// (`data-ready` on the root) once storage, IndexedDB included, is read.
/// The whole workbench is started with the first load's `handoff` (from
/// `retireApp`) and the `event` it could not handle, which it then handles.
#[wasm_bindgen(js_name = startApp)]
pub fn start_app(root: Element, handoff: Option<String>, event: Option<web_sys::Event>) {
    wasm_bindgen_futures::spawn_local(async move {
        let store = LocalStore::open().await;
        if audience::is_audience_page() {
            if ALL_SCREENS {
                audience::start(root, store);
            } else {
                handoff::ask_for_screens(&root, None);
            }
        } else {
            mount(root, store, handoff, event);
        }
    });
}

/// Stops this module and returns its handoff (see `app::handoff`), for the
/// whole workbench to go on from. Nothing, when the app is not running.
#[wasm_bindgen(js_name = retireApp)]
pub fn retire_app() -> Option<String> {
    let runtime = RUNNING.with(|r| r.borrow_mut().take())?;
    // Dropping the listeners deregisters them.
    LISTENERS.with(|kept| kept.borrow_mut().clear());
    let mut rt = runtime.try_borrow_mut().ok()?;
    rt.retired = true;
    rt.ticker = None;
    Some(rt.state.handoff_json())
}

fn mount(
    root: Element,
    mut store: LocalStore,
    handoff: Option<String>,
    event: Option<web_sys::Event>,
) {
    let mut state = startup::open(&mut store, &now());
    // A workshop that was running when the window closed goes on.
    state.restore_workshop(&store);
    // Only the whole workbench is ever handed over to.
    if let Some(text) = handoff.filter(|_| ALL_SCREENS) {
        match crate::app::handoff::parse(&text) {
            Ok(handoff) => state.resume(handoff, &store, &now()),
            // The assessment is in storage: only the screen and undo go.
            Err(problems) => web_sys::console::warn_1(
                &format!(
                    "Riskwright: the handoff could not be read ({})",
                    riskwright_engine::diagnostic::join(&problems)
                )
                .into(),
            ),
        }
    }
    let sink = Rc::clone(&store.on_error);
    let runtime = Rc::new(RefCell::new(Runtime {
        state,
        store,
        root: root.clone(),
        download: None,
        reader: None,
        ticker: None,
        retired: false,
        typing: std::cell::Cell::new(false),
    }));
    if ALL_SCREENS {
        audience::start_presenter(&root);
    }
    // An event handed over is handled before anything is drawn: it reads
    // its control from the page the first load drew.
    if event.is_none() {
        render(&runtime.borrow());
    }
    {
        let runtime = Rc::clone(&runtime);
        *sink.borrow_mut() = Some(Box::new(move |error| {
            dispatch(&runtime, Action::StorageFailed(error));
        }));
    }
    request_persistence(&runtime);
    // Delegated listeners on the root survive every re-render. They are kept
    // here, not leaked: starting again drops (and so deregisters) the old ones.
    let mut listeners: Vec<EventListener> = ["click", "input", "change", "submit"]
        .map(|kind| {
            let runtime = Rc::clone(&runtime);
            // Not passive (gloo's default): submit and shortcuts must be
            // able to prevent the browser's own action.
            EventListener::new_with_options(&root, kind, active(), move |event| {
                handle(&runtime, event);
            })
        })
        .into();
    // Shortcuts are read on the document so they work wherever focus is.
    {
        let runtime = Rc::clone(&runtime);
        listeners.push(EventListener::new_with_options(
            &dom::document(),
            "keydown",
            active(),
            move |event| {
                handle(&runtime, event);
            },
        ));
    }
    // Another tab saved: the storage event fires in every other tab.
    if let Some(window) = web_sys::window() {
        let runtime = Rc::clone(&runtime);
        listeners.push(EventListener::new(&window, "storage", move |event| {
            let key = event
                .dyn_ref::<web_sys::StorageEvent>()
                .and_then(|e| e.key());
            if matches!(
                key.as_deref(),
                Some(REVISION_KEY | DOCUMENT_KEY | LIBRARY_KEY)
            ) {
                // The other tab may have written to IndexedDB: re-read it
                // before reloading.
                let runtime = Rc::clone(&runtime);
                let idb = runtime.borrow().store.idb();
                wasm_bindgen_futures::spawn_local(async move {
                    if let Some(mirror) = LocalStore::refresh(idb).await {
                        if let Ok(mut rt) = runtime.try_borrow_mut() {
                            rt.store.set_mirror(mirror);
                        }
                    }
                    dispatch(&runtime, Action::Storage(StorageEvent::ChangedElsewhere));
                });
            }
        }));
    }
    LISTENERS.with(|kept| *kept.borrow_mut() = listeners);
    RUNNING.with(|r| *r.borrow_mut() = Some(Rc::clone(&runtime)));
    match event {
        Some(event) => {
            if !handle(&runtime, &event) {
                render(&runtime.borrow());
            }
        }
        None => ask_if_wanted(&runtime, None),
    }
    root.set_attribute("data-ready", "true").ok();
}

/// Handles a DOM event: a control's message, or a shortcut on `keydown`.
/// Returns whether it asked for anything (and so re-rendered).
fn handle(runtime: &Rc<RefCell<Runtime>>, event: &web_sys::Event) -> bool {
    let action = if event.type_() == "keydown" {
        let presenting = runtime
            .try_borrow()
            .is_ok_and(|rt| rt.state.view == View::Workshop && rt.state.workshop.active);
        let shortcut = event
            .dyn_ref::<web_sys::KeyboardEvent>()
            .and_then(|e| events::shortcut(e, presenting));
        shortcut.map(|msg| {
            event.prevent_default();
            Action::Update(msg)
        })
    } else {
        events::action(event)
    };
    let Some(action) = action else {
        return false;
    };
    let typing = event.type_() == "input";
    if let Ok(rt) = runtime.try_borrow() {
        rt.typing.set(typing);
    }
    dispatch(runtime, action);
    if let Ok(rt) = runtime.try_borrow() {
        rt.typing.set(false);
    }
    ask_if_wanted(runtime, Some(event));
    true
}

/// In the first load: hands over to the whole workbench when the last
/// message needs it, with the `event` that sent it.
fn ask_if_wanted(runtime: &Rc<RefCell<Runtime>>, event: Option<&web_sys::Event>) {
    if ALL_SCREENS {
        return;
    }
    let Ok(mut rt) = runtime.try_borrow_mut() else {
        return;
    };
    if std::mem::take(&mut rt.state.wants_screens) {
        handoff::ask_for_screens(&rt.root, event);
    }
}

fn dispatch(runtime: &Rc<RefCell<Runtime>>, action: Action) {
    // A re-render can fire events (a removed input's change); they are
    // dropped rather than re-entering the borrow.
    let weak = Rc::downgrade(runtime);
    let Ok(mut rt) = runtime.try_borrow_mut() else {
        return;
    };
    let rt = &mut *rt;
    if rt.retired {
        return;
    }
    match action {
        Action::Update(msg) => {
            // Opening the form puts the cursor in its first field; closing
            // it returns to the button that opens it.
            let focus = match &msg {
                Msg::Register(RegisterMsg::NewRisk | RegisterMsg::EditRisk(_)) => Some("rf-title"),
                Msg::Register(RegisterMsg::Cancel) if rt.state.register.form.is_some() => {
                    Some("add-risk")
                }
                Msg::Plan(PlanMsg::New | PlanMsg::Edit(_)) => Some("pf-title"),
                _ => None,
            };
            let had_form = rt.state.register.form.is_some();
            let had_plan_form = rt.state.plan.form.is_some();
            let treat_focus = if ALL_SCREENS {
                treatment_focus(&msg)
            } else {
                None
            };
            use crate::app::workshop::WorkshopMsg;
            let workshop_msg = matches!(&msg, Msg::Workshop(m) if *m != WorkshopMsg::Tick);
            let was_presenting = rt.state.workshop.active;
            let changed = rt.state.update(msg, &now());
            if rt.state.wants_screens {
                // The whole workbench handles it (see `ask_if_wanted`).
                return;
            }
            if changed {
                rt.state.save(&mut rt.store);
                if !rt.state.unsaved {
                    rt.state.touch_library(&mut rt.store, &now());
                }
            }
            if ALL_SCREENS {
                if workshop_msg || (changed && rt.state.workshop.active) {
                    rt.state.save_workshop(&mut rt.store);
                }
                if was_presenting != rt.state.workshop.active {
                    set_fullscreen(rt.state.workshop.active);
                }
                match (rt.state.workshop.timer_since.is_some(), rt.ticker.is_some()) {
                    (true, false) => rt.ticker = start_ticker(runtime),
                    (false, true) => rt.ticker = None,
                    _ => {}
                }
            }
            let focus = focus
                .or((had_form && rt.state.register.form.is_none()).then_some("add-risk"))
                .or((had_plan_form && rt.state.plan.form.is_none()).then_some("plan-add"));
            render(rt);
            if let Some(id) = focus {
                focus_on(id);
            }
            let treat_focus = treat_focus.filter(|(_, needs_change)| changed || !needs_change);
            if let Some(id) = treat_focus.and_then(|(f, _)| f(&rt.state)) {
                focus_on(&id);
            }
            // A screen may ask for focus once (the SoA form and its row).
            if let Some(id) = rt.state.soa.focus.take() {
                focus_on(&id);
            }
            return;
        }
        Action::Storage(event) => rt.state.storage_event(event, &mut rt.store),
        Action::Library(msg) => rt.state.update_library(msg, &mut rt.store, &now()),
        Action::StorageFailed(error) => {
            rt.state.unsaved = true;
            rt.state.notice = Some(crate::app::state::Notice::SaveFailed(error));
        }
        Action::Persisted(granted) => rt.state.persistent = Some(granted),
        Action::DownloadBackup(key) => {
            if let Ok(Some(text)) = rt.store.get(&key) {
                let name = format!("{}.json", key.replace([':', '.'], "-"));
                rt.download = Some(download::offer(&name, "application/json", &text));
            }
        }
        Action::ExportWorkshop if ALL_SCREENS => {
            if let Some(record) = &rt.state.workshop.record {
                let name = format!(
                    "{}-workshop-{}.json",
                    file_stem(&rt.state.assessment.name),
                    record.id
                );
                let text = serde_json::to_string_pretty(record).unwrap_or_default();
                rt.download = Some(download::offer(&name, "application/json", &text));
            }
        }
        Action::ExportJson => {
            let name = format!("{}.riskwright.json", file_stem(&rt.state.assessment.name));
            let text = rt.state.assessment.to_json_string();
            rt.download = Some(download::offer(&name, "application/json", &text));
        }
        Action::ExportCsv if ALL_SCREENS => {
            let name = format!("{}-register.csv", file_stem(&rt.state.assessment.name));
            let text = riskwright_engine::interchange::register_csv(&rt.state.assessment);
            rt.download = Some(download::offer(&name, "text/csv;charset=utf-8", &text));
        }
        Action::Print if ALL_SCREENS => {
            if let Some(window) = web_sys::window() {
                // A refused dialog (some embedded browsers) changes nothing.
                let _ = window.print();
            }
        }
        Action::ExportSoaCsv if ALL_SCREENS => {
            let name = format!("{}-soa.csv", file_stem(&rt.state.assessment.name));
            let text = riskwright_engine::interchange::export_soa_csv(&rt.state.assessment);
            rt.download = Some(download::offer(&name, "text/csv;charset=utf-8", &text));
        }
        Action::ReadSoaFile(file) if ALL_SCREENS => {
            let name = file.name();
            rt.reader = Some(gloo_file::callbacks::read_as_text(&file, move |read| {
                use crate::app::soa::SoaMsg;
                let msg = match read {
                    Ok(text) => SoaMsg::FileLoaded { name, text },
                    Err(error) => SoaMsg::FileFailed {
                        name,
                        error: error.to_string(),
                    },
                };
                if let Some(runtime) = weak.upgrade() {
                    dispatch(&runtime, Action::Update(Msg::Soa(msg)));
                }
            }));
            return;
        }
        Action::ReadFile(file) if ALL_SCREENS => {
            let name = file.name();
            rt.reader = Some(gloo_file::callbacks::read_as_text(&file, move |read| {
                use crate::app::data::DataMsg;
                let msg = match read {
                    Ok(text) => DataMsg::FileLoaded { name, text },
                    Err(error) => DataMsg::FileFailed {
                        name,
                        error: error.to_string(),
                    },
                };
                if let Some(runtime) = weak.upgrade() {
                    dispatch(&runtime, Action::Update(Msg::Data(msg)));
                }
            }));
            return;
        }
        // The first load has no screen that sends these.
        Action::ExportWorkshop
        | Action::ExportCsv
        | Action::Print
        | Action::ExportSoaCsv
        | Action::ReadSoaFile(_)
        | Action::ReadFile(_) => {
            rt.state.wants_screens = true;
            return;
        }
    }
    render(rt);
}

/// Asks the browser not to evict this site's storage under pressure, and
/// records its answer for the assessments screen.
fn request_persistence(runtime: &Rc<RefCell<Runtime>>) {
    let Some(manager) = web_sys::window().map(|w| w.navigator().storage()) else {
        return;
    };
    let Ok(promise) = manager.persist() else {
        return;
    };
    let runtime = Rc::clone(runtime);
    wasm_bindgen_futures::spawn_local(async move {
        let granted = wasm_bindgen_futures::JsFuture::from(promise)
            .await
            .ok()
            .and_then(|v| v.as_bool())
            .unwrap_or(false);
        dispatch(&runtime, Action::Persisted(granted));
    });
}

fn active() -> gloo_events::EventListenerOptions {
    gloo_events::EventListenerOptions::enable_prevent_default()
}

/// The current time from the browser's clock, as ISO 8601 UTC.
fn now() -> String {
    js_sys::Date::new_0()
        .to_iso_string()
        .as_string()
        .unwrap_or_default()
}

/// A rule for where focus goes after a message, and whether it applies only
/// when the message changed the assessment.
type FocusRule = (Box<dyn Fn(&AppState) -> Option<String>>, bool);

/// Where focus goes after a treatment-screen action that removes the control
/// the user was on: to the control that replaces it.
fn treatment_focus(msg: &Msg) -> Option<FocusRule> {
    use crate::app::treat::TreatMsg;
    let Msg::Treat(msg) = msg else {
        return None;
    };
    Some(match msg.clone() {
        // The applied control's status, the next thing to set.
        TreatMsg::ApplyControl(_) | TreatMsg::AddControl => (
            Box::new(|s: &AppState| {
                let risk = s.treated_risk()?;
                Some(format!(
                    "treat-status-{}",
                    risk.controls.len().checked_sub(1)?
                ))
            }),
            true,
        ),
        TreatMsg::OpenOverride(tier) => (
            Box::new(move |_: &AppState| {
                Some(format!("treat-override-{}-likelihood", tier.name()))
            }),
            false,
        ),
        TreatMsg::ApplyOverride(tier) | TreatMsg::CancelOverride(tier) => (
            Box::new(move |s: &AppState| {
                (!s.treat.overrides.contains_key(&tier))
                    .then(|| format!("treat-override-{}-open", tier.name()))
            }),
            false,
        ),
        TreatMsg::FollowControls(tier) => (
            Box::new(move |_: &AppState| Some(format!("treat-override-{}-open", tier.name()))),
            true,
        ),
        TreatMsg::Accept => (
            Box::new(|_: &AppState| Some("treat-withdraw".to_string())),
            true,
        ),
        TreatMsg::Withdraw => (
            Box::new(|_: &AppState| Some("treat-accept".to_string())),
            true,
        ),
        _ => return None,
    })
}

fn focus_on(id: &str) {
    if let Some(element) = dom::document().get_element_by_id(id) {
        if let Some(html) = element.dyn_ref::<web_sys::HtmlElement>() {
            let _ = html.focus();
        }
    }
}

/// A file name from an assessment name: letters, digits and dashes.
fn file_stem(name: &str) -> String {
    let stem: String = name
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { '-' })
        .collect();
    let stem = stem.trim_matches('-');
    if stem.is_empty() {
        "assessment".into()
    } else {
        stem.into()
    }
}

/// Brings the page in line with the state. The fresh view is patched into
/// the live one (see `patch.rs`), so the field the user is in keeps its
/// focus, caret and selection through every re-render. A control that the
/// view did replace (its id or kind changed) gets focus back by id.
fn render(rt: &Runtime) {
    let document = dom::document();
    let focused = document.active_element();
    let focus_id = focused.as_ref().map(|e| e.id()).filter(|id| !id.is_empty());
    let today = riskwright_engine::date::Date::parse(&now()).unwrap_or_else(|_| {
        riskwright_engine::date::Date::from_ymd(2000, 1, 1).unwrap_or_else(|| unreachable!())
    });
    let view = view::app(&rt.state, today);
    let fresh = dom::El::new("div").child(view);
    let focus = focused.clone().map(|element| patch::Focus {
        element,
        typing: rt.typing.replace(false),
    });
    patch::children(&rt.root, &fresh.0, focus.as_ref());
    if ALL_SCREENS {
        audience::publish(&rt.state);
    }
    let still_there = focused.as_ref().is_some_and(|e| e.is_connected());
    if still_there {
        return;
    }
    if let Some(element) = focus_id.and_then(|id| document.get_element_by_id(&id)) {
        if let Some(html) = element.dyn_ref::<web_sys::HtmlElement>() {
            let _ = html.focus();
        }
    }
}
