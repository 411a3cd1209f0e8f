//! The assessments kept in this browser: open, rename, duplicate, delete,
//! and start a new one.

use crate::app::startup::Recovery;
use crate::app::state::AppState;
use crate::app::store::BACKUP_PREFIX;
use crate::browser::dom::{button, field, El};

/// The assessments screen.
pub fn assessments(state: &AppState) -> El {
    let lib = &state.library;
    let rows = lib.entries.iter().enumerate().map(|(k, e)| {
        let open = e.id == lib.open;
        let name_id = format!("lib-name-{k}");
        El::new("tr")
            .attr("data-id", &e.id)
            .attr_if(open, "aria-current", "true")
            .child(
                El::new("td").child(
                    El::new("div")
                        .class("row")
                        .child(field(
                            &format!("Name of assessment {}", k + 1),
                            El::new("input").attr("type", "text").value(&e.name),
                            &name_id,
                        ))
                        .child(
                            button("Rename", "lib-rename")
                                .attr("data-id", &e.id)
                                .attr("data-input", &name_id)
                                .attr("aria-label", &format!("Rename {}", e.name)),
                        ),
                ),
            )
            .child(El::new("td").text(&e.risks.to_string()))
            .child(
                El::new("td").text(
                    &e.updated_at
                        .get(..16)
                        .unwrap_or(&e.updated_at)
                        .replace('T', " "),
                ),
            )
            .child(
                El::new("td")
                    .class("actions")
                    .child(if open {
                        // A status, not a control: it must not look clickable.
                        El::new("span").class("current-tag").text("Open now")
                    } else {
                        button("Open", "lib-open")
                            .attr("data-id", &e.id)
                            .attr("aria-label", &format!("Open {}", e.name))
                    })
                    .child(
                        button("Duplicate", "lib-duplicate")
                            .attr("data-id", &e.id)
                            .attr("aria-label", &format!("Duplicate {}", e.name)),
                    )
                    .child(
                        button("Delete", "lib-delete")
                            .attr("data-id", &e.id)
                            .attr("aria-label", &format!("Delete {}", e.name)),
                    ),
            )
    });
    El::new("section")
        .class("panel")
        .attr("aria-labelledby", "assessments-title")
        .child(El::new("h2").id("assessments-title").text("Assessments in this browser"))
        .child(El::new("p").text(
            "Each assessment has its own method, register and history. They are stored only in this browser; export them to keep a copy elsewhere.",
        ))
        .children(copy_note())
        .child(El::new("p").id("persistence").attr("role", "status").text(match state.persistent {
            Some(true) => "Storage is persistent: the browser will not clear it to free space.",
            Some(false) => "Storage is not persistent: the browser may clear it when space runs short. Export regularly, or install the site as an app to raise the browser's trust.",
            None => "Asking the browser to keep this site's storage persistent…",
        }))
        .child(
            El::new("table")
                .id("assessments-table")
                .class("table")
                .child(El::new("caption").class("sr-only").text("Assessments"))
                .child(El::new("thead").child(El::new("tr").children(
                    ["Name", "Risks", "Last changed (UTC)", "Actions"].map(|h| El::new("th").attr("scope", "col").text(h)),
                )))
                .child(El::new("tbody").children(rows)),
        )
        .child(
            El::new("div")
                .class("row")
                .child(field("Name of a new assessment", El::new("input").attr("type", "text"), "lib-new-name"))
                .child(button("Create and open", "lib-create").id("lib-create")),
        )
        .children(backups(&lib.backups))
}

/// In a downloaded copy of the single-file edition: its data is its own,
/// and how to move an assessment to another copy.
fn copy_note() -> Option<El> {
    if crate::browser::storage::namespace().is_empty() {
        return None;
    }
    Some(El::new("p").id("copy-note").text(
        "This copy keeps its data apart from other downloaded copies and from the website, even in the same browser. To move an assessment to another copy, export it as JSON on the Export and import screen, then open that file in the other copy with “Open it as a new assessment”.",
    ))
}

/// The kept copies of values that could not be read, each to download or
/// delete. Nothing when there are none.
fn backups(keys: &[String]) -> Option<El> {
    // The first load hands over to the whole workbench while copies are
    // kept (see `startup::open_plain`), so it needs no table.
    if keys.is_empty() || !crate::app::ALL_SCREENS {
        return None;
    }
    let rows = keys.iter().map(|key| {
        let (when, what) = describe_backup(key);
        El::new("tr")
            .child(El::new("td").text(&when))
            .child(El::new("td").text(&capitalised(what)))
            .child(
                El::new("td")
                    .class("actions")
                    .child(
                        button("Download", "download-backup")
                            .attr("data-key", key)
                            .attr(
                                "aria-label",
                                &format!("Download the unreadable copy of {what} kept {when}"),
                            ),
                    )
                    .child(
                        button("Delete", "lib-delete-backup")
                            .attr("data-key", key)
                            .attr(
                                "aria-label",
                                &format!("Delete the unreadable copy of {what} kept {when}"),
                            ),
                    ),
            )
    });
    Some(
        El::new("section")
            .attr("aria-labelledby", "backups-title")
            .child(El::new("h3").id("backups-title").text("Unreadable copies kept in this browser"))
            .child(El::new("p").text(
                "Saved data that could not be read is never thrown away: it is kept here until you delete it. Download a copy to inspect it or to send it for help.",
            ))
            .child(
                El::new("table")
                    .id("backups-table")
                    .class("table")
                    .child(El::new("caption").class("sr-only").text("Unreadable copies"))
                    .child(El::new("thead").child(El::new("tr").children(
                        ["Kept on (UTC)", "What it was", "Actions"].map(|h| El::new("th").attr("scope", "col").text(h)),
                    )))
                    .child(El::new("tbody").children(rows)),
            ),
    )
}

/// When a backup was made and what it held, in words, from its key (see
/// `store::back_up`: the time, then a tag).
fn describe_backup(key: &str) -> (String, &'static str) {
    let rest = key.strip_prefix(BACKUP_PREFIX).unwrap_or(key);
    let (when, tag) = match rest.find('Z') {
        Some(z) => (&rest[..z], rest[z + 1..].trim_start_matches('.')),
        None => (rest, ""),
    };
    // A second backup at the same moment has a number after a dash.
    let tag = match tag.bytes().rposition(|b| b == b'-') {
        Some(dash) if tag[dash + 1..].bytes().all(|b| b.is_ascii_digit()) => &tag[..dash],
        _ => tag,
    };
    let when = when.get(..16).unwrap_or(when).replace('T', " ");
    let what = match tag {
        "" => "an open assessment",
        "history" => "an assessment's history of changes",
        "snapshots" => "an assessment's snapshots",
        "library" => "the list of assessments",
        "trash" => "a deleted assessment kept for undo",
        "seed" => "draft risks from a readiness check",
        "workshop" => "a presentation-mode session",
        "workshop.screen" => "what presentation mode showed an audience window",
        "revision" => "the save counter",
        t if t.starts_with("doc.") => "an assessment",
        _ => "saved data",
    };
    (when, what)
}

/// `text` with its first letter in capitals. Our own phrases start with
/// an ASCII letter; ASCII keeps Unicode's case tables out of the first load
/// (about 19 KB of wasm).
pub fn capitalised(text: &str) -> String {
    let mut text = text.to_string();
    if let Some(first) = text.get_mut(..1) {
        first.make_ascii_uppercase();
    }
    text
}

/// The notice for saved values that could not be read: each one, what was
/// done, and its unreadable copy to download.
pub fn recovered(found: &[Recovery]) -> El {
    if !crate::app::ALL_SCREENS {
        // Shown only until the whole workbench, asked for at once, takes
        // over and shows the notice in full.
        return El::new("p").class("notice").attr("role", "status").text(
            "Some saved data could not be read. Loading the full app to show what was kept…",
        );
    }
    let title = match found {
        [one] => format!("{} could not be read", capitalised(&one.what)),
        _ => "Some saved data could not be read".to_string(),
    };
    let items = found.iter().map(|r| {
        let mut text = format!(
            "{} could not be read: {}. {}",
            capitalised(&r.what),
            r.reason,
            r.outcome
        );
        if r.backup_key.is_some() {
            text.push_str(" Nothing was deleted: the unreadable copy is kept in this browser, listed on the Assessments screen.");
        }
        El::new("li").child(El::new("p").text(&text)).children(r.backup_key.as_ref().map(|key| {
            button("Download the unreadable copy", "download-backup")
                .attr("data-key", key)
                .attr("aria-label", &format!("Download the unreadable copy of {}", r.what))
        }))
    });
    El::new("section")
        .class("notice")
        .attr("role", "alert")
        .attr("aria-labelledby", "notice-title")
        .child(El::new("h2").id("notice-title").text(&title))
        .child(El::new("ul").class("recoveries").children(items))
        .child(
            El::new("div")
                .class("actions")
                .child(button("Dismiss", "dismiss").id("notice-dismiss")),
        )
}
