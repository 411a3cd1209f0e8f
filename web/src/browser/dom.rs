//! A small element builder. Text only ever enters the page through text nodes
//! and attribute values, never as markup, so user text cannot become HTML.

use wasm_bindgen::JsCast;
use web_sys::{Document, Element, HtmlElement};

/// The page's document. The app only starts from a page's module script, so
/// a window with a document always exists when this runs.
pub fn document() -> Document {
    web_sys::window()
        .and_then(|w| w.document())
        .unwrap_or_else(|| unreachable!("Riskwright runs in a page"))
}

/// An element under construction.
pub struct El(pub Element);

impl El {
    /// A new `tag` element. Tags are literals in this crate, always valid.
    pub fn new(tag: &str) -> El {
        El(document()
            .create_element(tag)
            .unwrap_or_else(|_| unreachable!("valid tag name")))
    }

    /// Sets an attribute. Names are literals, always valid.
    pub fn attr(self, name: &str, value: &str) -> El {
        let _ = self.0.set_attribute(name, value);
        self
    }

    /// Sets an attribute when `on`.
    pub fn attr_if(self, on: bool, name: &str, value: &str) -> El {
        if on {
            self.attr(name, value)
        } else {
            self
        }
    }

    /// Sets the `id`.
    pub fn id(self, id: &str) -> El {
        self.attr("id", id)
    }

    /// Sets the `class`.
    pub fn class(self, class: &str) -> El {
        self.attr("class", class)
    }

    /// Appends `text` as a text node.
    pub fn text(self, text: &str) -> El {
        let _ = self.0.append_child(&document().create_text_node(text));
        self
    }

    /// Appends a child.
    pub fn child(self, child: El) -> El {
        let _ = self.0.append_child(&child.0);
        self
    }

    /// Appends children.
    pub fn children(self, children: impl IntoIterator<Item = El>) -> El {
        for child in children {
            let _ = self.0.append_child(&child.0);
        }
        self
    }

    /// Sets a CSS custom property through the CSSOM, which the
    /// Content-Security-Policy allows (unlike a `style` attribute).
    pub fn css_var(self, name: &str, value: &str) -> El {
        if let Some(html) = self.0.dyn_ref::<HtmlElement>() {
            let _ = html.style().set_property(name, value);
        }
        self
    }

    /// Sets the value of an input or a text area: its default value too,
    /// which records what the view asked for, so a re-render can tell the
    /// app resetting a field from the user typing in it (see `patch.rs`).
    pub fn value(self, value: &str) -> El {
        // The value first: setting it puts the caret at the end, where a
        // person clicking into the field expects to type.
        if let Some(input) = self.0.dyn_ref::<web_sys::HtmlInputElement>() {
            input.set_value(value);
            input.set_default_value(value);
        } else if let Some(area) = self.0.dyn_ref::<web_sys::HtmlTextAreaElement>() {
            area.set_value(value);
            // Setting a text area's text cannot fail.
            let _ = area.set_default_value(value);
        }
        self
    }
}

/// A `<label for>` and its control in one wrapper.
pub fn field(label: &str, control: El, control_id: &str) -> El {
    El::new("div")
        .class("field")
        .child(El::new("label").attr("for", control_id).text(label))
        .child(control.id(control_id))
}

/// A text input that sends `msg` as the user types.
pub fn text_input(value: &str, msg: &str) -> El {
    El::new("input")
        .attr("type", "text")
        .attr("data-msg", msg)
        .attr("data-event", "input")
        .value(value)
}

/// A `<select>` of `(value, label)` options with `selected` chosen.
pub fn select(options: &[(String, String)], selected: &str, msg: &str) -> El {
    El::new("select")
        .attr("data-msg", msg)
        .attr("data-event", "change")
        .children(options.iter().map(|(value, label)| {
            El::new("option")
                .attr("value", value)
                .attr_if(value == selected, "selected", "")
                .text(label)
        }))
}

/// A button that sends `msg` when pressed.
pub fn button(label: &str, msg: &str) -> El {
    El::new("button")
        .attr("type", "button")
        .attr("data-msg", msg)
        .attr("data-event", "click")
        .text(label)
}
