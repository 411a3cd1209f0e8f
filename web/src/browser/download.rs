//! Offers text as a file download, through gloo-file's Blob and object URL.

use super::dom::El;
use gloo_file::{Blob, ObjectUrl};
use wasm_bindgen::JsCast;

/// Starts a download of `text` as `file_name`. Returns the object URL, which
/// the caller keeps alive until the next download so the browser can finish
/// reading it.
pub fn offer(file_name: &str, mime: &str, text: &str) -> ObjectUrl {
    let url = ObjectUrl::from(Blob::new_with_options(text, Some(mime)));
    let link = El::new("a")
        .attr("href", &url)
        .attr("download", file_name)
        .0;
    if let Some(link) = link.dyn_ref::<web_sys::HtmlElement>() {
        link.click();
    }
    url
}
