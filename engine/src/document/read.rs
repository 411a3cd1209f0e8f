//! Reading the assessment's types from a JSON value by hand.
//!
//! serde's derived visitors were the largest part of the app's wasm: about a
//! third of its code went to decoding the document. Walking the
//! [`Value`] here costs a call per field instead, and it reports every
//! problem of an item, not only the first, each with its JSON path.
//!
//! The names read are serde's names for the same types (their `Serialize`
//! derive writes the document); `tests/document.rs` checks the two agree on
//! every type by round-tripping a document that uses every field.

use super::located::{Found, Path};
use crate::Diagnostic;
use serde_json::{Map, Value};
use std::collections::BTreeMap;

/// A type the document reader can build from JSON.
pub trait FromJson: Sized {
    /// `value` (found at `at`) as `Self`, or `None` with every problem
    /// recorded in `out`.
    fn from_json(value: &Value, at: &Path, out: &mut Vec<Diagnostic>) -> Option<Self>;
}

/// Reads `value` as `T`, naming problems from `root` (such as `"$"`).
/// Every problem is returned, each with its JSON path.
pub fn read_value<T: FromJson>(value: &Value, root: &str) -> Result<T, Vec<Diagnostic>> {
    let mut problems = Vec::new();
    match T::from_json(value, &Path::Root(root), &mut problems) {
        Some(read) if problems.is_empty() => Ok(read),
        _ => Err(problems),
    }
}

#[inline(never)]
pub(super) fn problem(out: &mut Vec<Diagnostic>, at: &Path, message: String) {
    out.push(Diagnostic::new(at.to_string(), message));
}

/// Records that `value` is not what was expected; always `None`.
#[inline(never)]
pub(crate) fn mismatch<T>(
    value: &Value,
    at: &Path,
    expected: &str,
    out: &mut Vec<Diagnostic>,
) -> Option<T> {
    let found = Found(super::located::unexpected(value));
    problem(
        out,
        at,
        format!("invalid type: {found}, expected {expected}"),
    );
    None
}

/// An object being read, field by field.
pub(crate) struct Object<'a> {
    members: &'a Map<String, Value>,
    at: &'a Path<'a>,
}

impl<'a> Object<'a> {
    /// `value` as an object; records a problem if it is something else.
    pub(crate) fn new(
        value: &'a Value,
        at: &'a Path<'a>,
        out: &mut Vec<Diagnostic>,
    ) -> Option<Self> {
        match value {
            Value::Object(members) => Some(Object { members, at }),
            other => mismatch(other, at, "an object", out),
        }
    }

    /// The string member `key`, for a tag such as `kind`.
    pub(crate) fn tag(&self, key: &str, out: &mut Vec<Diagnostic>) -> Option<&'a str> {
        let at = Path::Key(self.at, key);
        match self.members.get(key) {
            Some(Value::String(tag)) => Some(tag),
            Some(other) => mismatch(other, &at, "a string", out),
            None => {
                problem(out, &at, "missing".to_string());
                None
            }
        }
    }

    /// A member that must be present.
    pub(crate) fn req<T: FromJson>(&self, key: &str, out: &mut Vec<Diagnostic>) -> Option<T> {
        let at = Path::Key(self.at, key);
        match self.members.get(key) {
            Some(value) => T::from_json(value, &at, out),
            None => {
                problem(out, &at, "missing".to_string());
                None
            }
        }
    }

    /// A member that may be absent (then it takes its default). An `Option`
    /// member may also be `null`.
    pub(crate) fn opt<T: FromJson + Default>(&self, key: &str, out: &mut Vec<Diagnostic>) -> T {
        match self.members.get(key) {
            Some(value) => T::from_json(value, &Path::Key(self.at, key), out).unwrap_or_default(),
            None => T::default(),
        }
    }
}

/// Implements [`FromJson`] for a struct, field by field: `req` for a field
/// the JSON must hold, `opt` for one with a default (every `Option` field).
/// Every field is read, so every problem is reported.
macro_rules! from_json_struct {
    ($ty:ident { $($field:ident: $how:ident),* $(,)? }) => {
        impl $crate::document::read::FromJson for $ty {
            fn from_json(
                value: &serde_json::Value,
                at: &$crate::document::located::Path,
                out: &mut Vec<$crate::Diagnostic>,
            ) -> Option<Self> {
                let object = $crate::document::read::Object::new(value, at, out)?;
                let before = out.len();
                $( let $field = object.$how(stringify!($field), out); )*
                if out.len() != before {
                    return None;
                }
                Some($ty { $( $field: $crate::document::read::take!($how, $field), )* })
            }
        }
    };
}

macro_rules! take {
    (req, $value:ident) => {
        $value?
    };
    (opt, $value:ident) => {
        $value
    };
}

/// Implements [`FromJson`] and [`FromKey`] for an enum written as one of
/// its names.
macro_rules! from_json_names {
    ($ty:ident { $($variant:ident => $name:literal),+ $(,)? }) => {
        impl $ty {
            const JSON_NAMES: &'static [(&'static str, $ty)] = &[ $( ($name, $ty::$variant), )+ ];
        }

        impl $crate::document::read::FromJson for $ty {
            fn from_json(
                value: &serde_json::Value,
                at: &$crate::document::located::Path,
                out: &mut Vec<$crate::Diagnostic>,
            ) -> Option<Self> {
                match value {
                    serde_json::Value::String(text) => {
                        $crate::document::read::named(text, at, out, $ty::JSON_NAMES)
                    }
                    other => $crate::document::read::mismatch(other, at, "a name", out),
                }
            }
        }

        impl $crate::document::read::FromKey for $ty {
            fn from_key(
                key: &str,
                at: &$crate::document::located::Path,
                out: &mut Vec<$crate::Diagnostic>,
            ) -> Option<Self> {
                $crate::document::read::named(key, at, out, $ty::JSON_NAMES)
            }
        }
    };
}

/// Implements [`FromJson`] for an enum tagged by its `kind` member, whose
/// other members are the variant's fields.
macro_rules! from_json_tagged {
    ($ty:ident { $($name:literal => $variant:ident { $($field:ident: $how:ident),* $(,)? }),+ $(,)? }) => {
        impl $crate::document::read::FromJson for $ty {
            fn from_json(
                value: &serde_json::Value,
                at: &$crate::document::located::Path,
                out: &mut Vec<$crate::Diagnostic>,
            ) -> Option<Self> {
                let object = $crate::document::read::Object::new(value, at, out)?;
                const KINDS: &[&str] = &[ $( $name, )+ ];
                let before = out.len();
                let read = match object.tag("kind", out)? {
                    $( $name => {
                        $( let $field = object.$how(stringify!($field), out); )*
                        if out.len() != before {
                            return None;
                        }
                        $ty::$variant { $( $field: $crate::document::read::take!($how, $field), )* }
                    } )+
                    other => return $crate::document::read::unknown(other, at, "kind", KINDS, out),
                };
                Some(read)
            }
        }
    };
}

pub(crate) use {from_json_names, from_json_struct, from_json_tagged, take};

/// The value named `text`, from `names`.
pub(crate) fn named<T: Copy>(
    text: &str,
    at: &Path,
    out: &mut Vec<Diagnostic>,
    names: &[(&str, T)],
) -> Option<T> {
    match names.iter().find(|(name, _)| *name == text) {
        Some((_, read)) => Some(*read),
        None => {
            let all: Vec<&str> = names.iter().map(|(name, _)| *name).collect();
            problem(out, at, unknown_variant(text, &all));
            None
        }
    }
}

/// Records an unknown `kind` tag; always `None`.
pub(crate) fn unknown<T>(
    tag: &str,
    at: &Path,
    key: &str,
    kinds: &[&str],
    out: &mut Vec<Diagnostic>,
) -> Option<T> {
    problem(out, &Path::Key(at, key), unknown_variant(tag, kinds));
    None
}

fn unknown_variant(text: &str, names: &[&str]) -> String {
    let expected: Vec<String> = names.iter().map(|name| format!("`{name}`")).collect();
    format!(
        "unknown variant `{text}`, expected one of {}",
        expected.join(", ")
    )
}

impl FromJson for String {
    fn from_json(value: &Value, at: &Path, out: &mut Vec<Diagnostic>) -> Option<Self> {
        match value {
            Value::String(text) => Some(text.clone()),
            other => mismatch(other, at, "a string", out),
        }
    }
}

impl FromJson for bool {
    fn from_json(value: &Value, at: &Path, out: &mut Vec<Diagnostic>) -> Option<Self> {
        match value {
            Value::Bool(b) => Some(*b),
            other => mismatch(other, at, "a boolean", out),
        }
    }
}

/// A whole number up to `max`, named `what` in messages.
#[inline(never)]
fn whole(value: &Value, at: &Path, out: &mut Vec<Diagnostic>, max: u64, what: &str) -> Option<u64> {
    match value.as_u64() {
        Some(n) if n <= max => Some(n),
        Some(n) => {
            problem(
                out,
                at,
                format!("invalid value: integer `{n}`, expected {what}"),
            );
            None
        }
        None => mismatch(value, at, what, out),
    }
}

macro_rules! from_json_whole {
    ($($ty:ident)*) => {$(
        impl FromJson for $ty {
            fn from_json(value: &Value, at: &Path, out: &mut Vec<Diagnostic>) -> Option<Self> {
                let n = whole(value, at, out, $ty::MAX as u64, stringify!($ty))?;
                $ty::try_from(n).ok()
            }
        }
    )*};
}

from_json_whole! { u8 u16 u32 u64 usize }

impl<T: FromJson> FromJson for Option<T> {
    fn from_json(value: &Value, at: &Path, out: &mut Vec<Diagnostic>) -> Option<Self> {
        match value {
            Value::Null => Some(None),
            other => T::from_json(other, at, out).map(Some),
        }
    }
}

impl<T: FromJson> FromJson for Vec<T> {
    fn from_json(value: &Value, at: &Path, out: &mut Vec<Diagnostic>) -> Option<Self> {
        let Value::Array(items) = value else {
            return mismatch(value, at, "a list", out);
        };
        let before = out.len();
        let read: Vec<T> = items
            .iter()
            .enumerate()
            .filter_map(|(k, item)| T::from_json(item, &Path::Index(at, k), out))
            .collect();
        (out.len() == before).then_some(read)
    }
}

/// A type that can be an object's key.
pub(crate) trait FromKey: Sized {
    /// `key` as `Self`, or `None` with the problem recorded at `at`.
    fn from_key(key: &str, at: &Path, out: &mut Vec<Diagnostic>) -> Option<Self>;
}

impl FromKey for String {
    fn from_key(key: &str, _at: &Path, _out: &mut Vec<Diagnostic>) -> Option<Self> {
        Some(key.to_string())
    }
}

impl<K: FromKey + Ord, V: FromJson> FromJson for BTreeMap<K, V> {
    fn from_json(value: &Value, at: &Path, out: &mut Vec<Diagnostic>) -> Option<Self> {
        let Value::Object(members) = value else {
            return mismatch(value, at, "an object", out);
        };
        let before = out.len();
        let mut read = BTreeMap::new();
        for (key, member) in members {
            let at = Path::Key(at, key);
            if let (Some(k), Some(v)) = (K::from_key(key, &at, out), V::from_json(member, &at, out))
            {
                read.insert(k, v);
            }
        }
        (out.len() == before).then_some(read)
    }
}

impl FromJson for crate::date::Date {
    fn from_json(value: &Value, at: &Path, out: &mut Vec<Diagnostic>) -> Option<Self> {
        let Value::String(text) = value else {
            return mismatch(value, at, "a date (YYYY-MM-DD)", out);
        };
        match crate::date::Date::parse(text) {
            Ok(date) => Some(date),
            Err(message) => {
                problem(out, at, message);
                None
            }
        }
    }
}
