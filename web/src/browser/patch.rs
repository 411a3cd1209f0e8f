//! Brings the page in line with a freshly rendered view by patching the live
//! DOM, node by node, instead of replacing it.
//!
//! Why: a replaced `<input>` is a new element, so the one the user was typing
//! in loses focus, its caret and its selection, and the next keystroke lands
//! on the page as a shortcut. Patching keeps every node whose place and kind
//! are unchanged, so the focused field, an open `<details>`, a scroll
//! position and an IME composition all survive any re-render, for every
//! screen at once.
//!
//! Nodes are matched by position, tag and key (`id`, or `data-key` where a
//! list's items move). A field's live state (`value`, `checked`, the chosen
//! option) follows the view, except in the field that has focus: what the
//! user is typing there is theirs, and it already went to the state through
//! its `input` event.

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement, Node};

/// Makes the children of `live` match the children of `fresh`. `fresh` is
/// detached and is consumed: nodes that cannot be patched move into `live`.
///
/// Keyed children (an `id` or a `data-key`) are found wherever they are, so
/// a notice or a form that appears above a field does not shift it into a
/// mismatch; an unkeyed child added or removed in a run of unkeyed siblings
/// is recognised by looking one node ahead.
pub fn children(live: &Node, fresh: &Node, focused: Option<&Focus>) {
    let fresh_nodes = child_nodes(fresh);
    // Plain lists, not hash maps: a parent has tens of keyed children at
    // most, and a hash map would cost the first load several KB of code.
    let wanted: Vec<String> = fresh_nodes.iter().filter_map(key).collect();
    let mut keyed: Vec<(String, Node)> = child_nodes(live)
        .into_iter()
        .filter_map(|n| key(&n).map(|k| (k, n)))
        .collect();
    // Every live child before `cur` has been matched; those from `cur` on
    // are still free, and whatever is left of them goes at the end.
    let mut cur = live.first_child();
    for (i, node) in fresh_nodes.iter().enumerate() {
        // Keyed live children the fresh view no longer has go now, so they
        // do not block a match.
        while let Some(c) = cur.clone() {
            match key(&c) {
                Some(k) if !wanted.contains(&k) => {
                    cur = c.next_sibling();
                    let _ = live.remove_child(&c);
                }
                _ => break,
            }
        }
        if let Some(k) = key(node) {
            let found = keyed.iter().position(|(key, _)| *key == k);
            let existing = found.map(|at| keyed.swap_remove(at).1);
            match existing.filter(|existing| same_kind(existing, node)) {
                Some(existing) => {
                    if cur.as_ref() == Some(&existing) {
                        cur = existing.next_sibling();
                    } else {
                        let _ = live.insert_before(&existing, cur.as_ref());
                    }
                    patch_node(&existing, node, focused);
                }
                None => {
                    let _ = live.insert_before(node, cur.as_ref());
                }
            }
            continue;
        }
        let Some(c) = cur.clone() else {
            let _ = live.append_child(node);
            continue;
        };
        if key(&c).is_some() {
            // `c` is wanted further on: this node is new here.
            let _ = live.insert_before(node, Some(&c));
        } else if same_kind(&c, node) {
            cur = c.next_sibling();
            patch_node(&c, node, focused);
        } else if fresh_nodes.get(i + 1).is_some_and(|n| same_kind(&c, n)) {
            // A node inserted before `c`.
            let _ = live.insert_before(node, Some(&c));
        } else if let Some(after) = c
            .next_sibling()
            .filter(|a| key(a).is_none() && same_kind(a, node))
        {
            // `c` was removed.
            let _ = live.remove_child(&c);
            cur = after.next_sibling();
            patch_node(&after, node, focused);
        } else {
            cur = c.next_sibling();
            let _ = live.replace_child(node, &c);
        }
    }
    // What the fresh view no longer has.
    while let Some(old) = cur {
        cur = old.next_sibling();
        let _ = live.remove_child(&old);
    }
}

/// The child nodes of `parent`, collected first since patching moves them.
fn child_nodes(parent: &Node) -> Vec<Node> {
    let list = parent.child_nodes();
    (0..list.length()).filter_map(|i| list.item(i)).collect()
}

/// A node's key: its `id`, or its `data-key` where a list's items move.
fn key(node: &Node) -> Option<String> {
    let element = node.dyn_ref::<Element>()?;
    let id = element.id();
    if !id.is_empty() {
        return Some(format!("#{id}"));
    }
    element.get_attribute("data-key").map(|k| format!("@{k}"))
}

/// The element that has focus, and whether this render answers the user
/// typing in it (an `input` event from it).
pub struct Focus {
    /// The focused element.
    pub element: Element,
    /// Whether the render follows an `input` event of this element.
    pub typing: bool,
}

/// Whether `old` can be patched into `new`: both text, or elements with the
/// same tag, `id`, `data-key` and input `type` (a checkbox never becomes a
/// text field in place).
fn same_kind(old: &Node, new: &Node) -> bool {
    if old.node_type() != new.node_type() {
        return false;
    }
    match (old.dyn_ref::<Element>(), new.dyn_ref::<Element>()) {
        (Some(old), Some(new)) => {
            old.tag_name() == new.tag_name()
                && old.namespace_uri() == new.namespace_uri()
                && old.id() == new.id()
                && old.get_attribute("data-key") == new.get_attribute("data-key")
                && old.get_attribute("type") == new.get_attribute("type")
                && (is_control(old) || first_class(old) == first_class(new))
        }
        (None, None) => true,
        _ => false,
    }
}

/// A section and a notice are both `<section>`s: their first class tells
/// them apart. Fields are never told apart by class, so a field whose look
/// changes (invalid, say) is kept, focus and all.
fn first_class(element: &Element) -> Option<String> {
    element.class_list().item(0)
}

fn is_control(element: &Element) -> bool {
    matches!(
        element.tag_name().as_str(),
        "INPUT" | "TEXTAREA" | "SELECT" | "BUTTON"
    )
}

fn patch_node(old: &Node, new: &Node, focused: Option<&Focus>) {
    let Some(old_el) = old.dyn_ref::<Element>() else {
        // Text and comments: only their data can differ.
        if old.node_value() != new.node_value() {
            old.set_node_value(new.node_value().as_deref());
        }
        return;
    };
    let Some(new_el) = new.dyn_ref::<Element>() else {
        return;
    };
    // What the view asked this field to show last time, before the patch
    // brings its attributes and text up to date.
    let asked_before = asked_value(old_el);
    // The option the view chose, read before patching the options moves
    // some of them out of the fresh list (which would change its choice).
    let chosen = new_el
        .dyn_ref::<HtmlSelectElement>()
        .map(HtmlSelectElement::selected_index);
    attributes(old_el, new_el);
    children(old, new, focused);
    let focus = focused.filter(|f| &f.element == old_el && takes_text(old_el));
    match focus {
        None => live_state(old_el, new_el, chosen),
        // What the user types is theirs, even where the state tidies it
        // (a trimmed space, a list re-joined).
        Some(focus) if focus.typing => {}
        Some(_) if asked_before != asked_value(new_el) => {
            // The app changed its mind about this field (it cleared it
            // after an add, say): that wins, with the caret kept where it
            // can be.
            reset_typed_value(old_el, new_el);
        }
        Some(_) => {}
    }
}

/// The value the view gave a field (its default value), if it is one.
fn asked_value(element: &Element) -> Option<String> {
    if let Some(area) = element.dyn_ref::<HtmlTextAreaElement>() {
        return area.default_value().ok();
    }
    element
        .dyn_ref::<HtmlInputElement>()
        .map(HtmlInputElement::default_value)
}

/// Writes the view's value into the field being typed in, keeping the
/// caret and selection within the new text.
fn reset_typed_value(old: &Element, new: &Element) {
    if let (Some(old), Some(new)) = (
        old.dyn_ref::<HtmlInputElement>(),
        new.dyn_ref::<HtmlInputElement>(),
    ) {
        reset(old, &new.value());
    } else if let (Some(old), Some(new)) = (
        old.dyn_ref::<HtmlTextAreaElement>(),
        new.dyn_ref::<HtmlTextAreaElement>(),
    ) {
        reset(old, &new.value());
    }
}

/// The two kinds of field a person types text into, which web-sys gives no
/// common type.
trait TextField {
    fn value(&self) -> String;
    fn set_value(&self, value: &str);
    fn selection(&self) -> Option<(u32, u32)>;
    fn select(&self, start: u32, end: u32);
}

macro_rules! text_field {
    ($($kind:ty),*) => {$(
        impl TextField for $kind {
            fn value(&self) -> String {
                <$kind>::value(self)
            }
            fn set_value(&self, value: &str) {
                <$kind>::set_value(self, value)
            }
            fn selection(&self) -> Option<(u32, u32)> {
                Some((self.selection_start().ok()??, self.selection_end().ok()??))
            }
            fn select(&self, start: u32, end: u32) {
                let _ = self.set_selection_range(start, end);
            }
        }
    )*};
}
text_field!(HtmlInputElement, HtmlTextAreaElement);

/// Writes `value` into `field`, keeping the caret and selection within it.
fn reset(field: &dyn TextField, value: &str) {
    if field.value() == value {
        return;
    }
    let selection = field.selection();
    field.set_value(value);
    let len = value.encode_utf16().count() as u32;
    if let Some((start, end)) = selection {
        field.select(start.min(len), end.min(len));
    }
}

/// Whether the user types text into `element` (so its value, caret and
/// selection are theirs while it has focus). A checkbox, a radio button or
/// a list shows the state's choice even with focus: a choice the app
/// refused must not look made.
fn takes_text(element: &Element) -> bool {
    if element.dyn_ref::<HtmlTextAreaElement>().is_some() {
        return true;
    }
    element.dyn_ref::<HtmlInputElement>().is_some_and(|input| {
        !matches!(
            input.type_().as_str(),
            "checkbox" | "radio" | "file" | "button" | "submit" | "reset" | "color" | "range"
        )
    })
}

/// Copies `new`'s attributes onto `old` and removes the ones it lacks.
/// `style` goes through the CSSOM (the CSP refuses style attributes set as
/// markup), and a `<details>` the user opened stays open.
fn attributes(old: &Element, new: &Element) {
    let names = new.get_attribute_names();
    for i in 0..names.length() {
        let Some(name) = names.get(i).as_string() else {
            continue;
        };
        let value = new.get_attribute(&name);
        if old.get_attribute(&name) == value {
            continue;
        }
        if name == "style" {
            copy_style(old, new);
        } else if let Some(value) = value {
            let _ = old.set_attribute(&name, &value);
        }
    }
    let old_names = old.get_attribute_names();
    for i in 0..old_names.length() {
        let Some(name) = old_names.get(i).as_string() else {
            continue;
        };
        if new.has_attribute(&name) {
            continue;
        }
        // Opening a section is the user's, not the view's.
        if name == "open" && old.tag_name() == "DETAILS" {
            continue;
        }
        if name == "style" {
            copy_style(old, new);
        } else {
            let _ = old.remove_attribute(&name);
        }
    }
}

fn copy_style(old: &Element, new: &Element) {
    // Only HTML elements get a style (dom.rs sets custom properties on them
    // alone).
    if let (Some(old), Some(new)) = (
        old.dyn_ref::<web_sys::HtmlElement>(),
        new.dyn_ref::<web_sys::HtmlElement>(),
    ) {
        old.style().set_css_text(&new.style().css_text());
    }
}

/// A control's live state, which attributes do not carry once the user
/// has touched it: an input's value and checked state, a text area's value,
/// a select's chosen option.
fn live_state(old: &Element, new: &Element, chosen: Option<i32>) {
    if let (Some(old), Some(new)) = (
        old.dyn_ref::<HtmlInputElement>(),
        new.dyn_ref::<HtmlInputElement>(),
    ) {
        // A file input's value is the file the user chose; the view never
        // has one to give.
        if old.type_() != "file" && old.value() != new.value() {
            old.set_value(&new.value());
        }
        if old.checked() != new.checked() {
            old.set_checked(new.checked());
        }
    } else if let (Some(old), Some(new)) = (
        old.dyn_ref::<HtmlTextAreaElement>(),
        new.dyn_ref::<HtmlTextAreaElement>(),
    ) {
        if old.value() != new.value() {
            old.set_value(&new.value());
        }
    } else if let (Some(old), Some(chosen)) = (old.dyn_ref::<HtmlSelectElement>(), chosen) {
        if old.selected_index() != chosen {
            old.set_selected_index(chosen);
        }
    }
}
