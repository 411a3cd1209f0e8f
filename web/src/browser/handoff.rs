//! The first load asks the page for the whole workbench. `main.js` loads it,
//! calls `retireApp` here for the handoff and starts the workbench with it
//! and the event this module could not handle.

use wasm_bindgen::JsValue;
use web_sys::{CustomEvent, CustomEventInit, Element, Event};

/// The event `main.js` listens for on the app's root.
pub const ASK: &str = "riskwright-screens";

/// Asks for the whole workbench, passing `event` (the click or key that
/// needs it, if any) as the request's detail.
pub fn ask_for_screens(root: &Element, event: Option<&Event>) {
    let init = CustomEventInit::new();
    init.set_detail(event.map_or(&JsValue::NULL, |e| e.as_ref()));
    if let Ok(ask) = CustomEvent::new_with_event_init_dict(ASK, &init) {
        // Nothing listening (a page without main.js) leaves this module
        // running: the request is simply not answered.
        let _ = root.dispatch_event(&ask);
    }
}
