//! The audience view of a workshop: a second window that shows only the heat
//! map and the risk on the presenter's screen, kept in sync with the
//! presenter's window. This module is the pure part (the messages, the
//! audience's state and what it shows); `crate::browser::audience` carries
//! the messages and renders.
//!
//! # The page
//!
//! The audience view is the app's own `index.html` opened with `?audience`
//! (or `#audience`) in a window named `riskwright-audience`, from the
//! presenter's "Open audience view" button. It reads the assessment through
//! the app's startup path ([`super::startup::open`]) over a [`ReadOnly`]
//! store, so it never writes anything: no save, no backup, no library index.
//!
//! # Messages
//!
//! Both windows talk on `BroadcastChannel(`[`CHANNEL`]`)`, one JSON object
//! per message, told apart by `kind`:
//!
//! - `{"kind":"state","risk_id":"R-2","tier":"current","revision":12,"timer":"4:30"}`
//!   from the presenter whenever what its screen shows changes (presentation
//!   mode on, another risk, another tier, a saved edit, the timer). `risk_id`
//!   may be `null` (no risk yet); `timer` is the time spent so far on the
//!   risk on screen ("m:ss", counting up, not a countdown), left out when
//!   the presenter does not share one. `revision` is the
//!   stored revision of the presenter's assessment: when it differs from the
//!   one the audience read, the audience re-reads the assessment from
//!   storage (which the presenter has already written when it posts).
//! - `{"kind":"hello"}` from an audience window when it starts; a presenter
//!   in presentation mode answers with its `state`, so a reopened audience
//!   window recovers at once.
//! - `{"kind":"ended"}` from the presenter when presentation mode is turned
//!   off or its window closes; the audience then says it is waiting, and
//!   keeps showing the last state.
//!
//! Anything else on the channel is ignored.
//!
//! # The last state in storage
//!
//! The presenter also writes each `state` message it sends under
//! [`SCREEN_KEY`] in localStorage, so an audience window opened while no
//! presenter is there (or before one answers) shows the last state it can
//! find, marked "Waiting for the presenter".

use super::state::AppState;
use super::store::{KeyValueStore, StoreError};
use riskwright_engine::document::{Assessment, Tier};
use riskwright_engine::evaluate::score_tier;
use riskwright_engine::method::ResolvedMethod;
use serde::{Deserialize, Serialize};

/// The BroadcastChannel both windows use.
pub const CHANNEL: &str = "riskwright-workshop";
/// Where the presenter keeps its last `state` message (as JSON).
pub const SCREEN_KEY: &str = "riskwright.workshop.screen";
/// The name of the audience window, so the button reuses an open one.
pub const WINDOW_NAME: &str = "riskwright-audience";

/// What the presenter's screen shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Screen {
    /// The risk on screen, if any.
    pub risk_id: Option<String>,
    /// The tier being scored.
    pub tier: Tier,
    /// The stored revision of the presenter's assessment.
    pub revision: u64,
    /// The time spent so far on the risk on screen, as the presenter shows
    /// it ("m:ss"), if shared.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timer: Option<String>,
}

/// A message on the channel.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Message {
    /// The presenter's screen.
    State(Screen),
    /// An audience window started and asks for the state.
    Hello,
    /// The presenter left presentation mode or closed.
    Ended,
}

impl Message {
    /// The message as sent on the channel.
    pub fn encode(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Reads a message; `None` for anything that is not one of ours.
    pub fn decode(text: &str) -> Option<Message> {
        serde_json::from_str(text).ok()
    }
}

/// True when a page's `location.search` or `location.hash` (each with its
/// leading `?` or `#`, or empty) ask for the audience view: `audience` is
/// one of its `&`-separated parts, alone or with a value.
pub fn is_audience_url(search: &str, hash: &str) -> bool {
    [search.trim_start_matches('?'), hash.trim_start_matches('#')]
        .iter()
        .flat_map(|part| part.split('&'))
        .any(|p| p == "audience" || p.starts_with("audience="))
}

/// What the presenter's window has on screen, or `None` when it is not in
/// presentation mode. With no risk chosen yet it shows the first one.
pub fn presenter_screen(state: &AppState) -> Option<Screen> {
    if !state.workshop.active {
        return None;
    }
    let risk_id = state
        .workshop
        .risk_id
        .clone()
        .or_else(|| state.assessment.risks.first().map(|r| r.id.clone()));
    // The timer is shared once it has run on this risk.
    let seconds = state.workshop.seconds_on_screen();
    let timer = (state.workshop.timer_since.is_some() || seconds > 0)
        .then(|| crate::app::workshop::clock_text(seconds));
    Some(Screen {
        risk_id,
        tier: state.workshop.tier,
        revision: state.revision,
        timer,
    })
}

/// A store that reads through to another and refuses every write, so the
/// startup path can run in the audience window without changing anything.
pub struct ReadOnly<'a>(pub &'a dyn KeyValueStore);

impl KeyValueStore for ReadOnly<'_> {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        self.0.get(key)
    }

    fn set(&mut self, _key: &str, _value: &str) -> Result<(), StoreError> {
        Err(StoreError("the audience view does not save".into()))
    }

    fn remove(&mut self, _key: &str) -> Result<(), StoreError> {
        Err(StoreError("the audience view does not save".into()))
    }
}

/// The audience window's state.
#[derive(Debug, Clone, PartialEq)]
pub struct Audience {
    /// The assessment as read from storage.
    pub assessment: Assessment,
    /// The stored revision it was read at.
    pub revision: u64,
    /// The presenter's screen, as last heard or found in storage.
    pub screen: Option<Screen>,
    /// A presenter in presentation mode has answered and not ended.
    pub live: bool,
}

/// What the audience window must do after a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effect {
    /// Nothing beyond showing the new state.
    Show,
    /// The presenter's assessment changed: re-read it from storage, then show.
    Reload,
    /// The message was not for the audience.
    Ignore,
}

impl Audience {
    /// Reads the assessment and the presenter's last screen from `store`
    /// without writing to it.
    pub fn open(store: &dyn KeyValueStore, now: &str) -> Audience {
        let state = super::startup::open(&mut ReadOnly(store), now);
        let screen =
            store
                .get(SCREEN_KEY)
                .ok()
                .flatten()
                .and_then(|text| match Message::decode(&text) {
                    Some(Message::State(screen)) => Some(screen),
                    _ => None,
                });
        Audience {
            assessment: state.assessment,
            revision: state.revision,
            screen,
            live: false,
        }
    }

    /// Re-reads the assessment from `store`, keeping the screen.
    pub fn reload(&mut self, store: &dyn KeyValueStore, now: &str) {
        let state = super::startup::open(&mut ReadOnly(store), now);
        self.assessment = state.assessment;
        self.revision = state.revision;
    }

    /// Applies a message from the channel.
    pub fn receive(&mut self, message: Message) -> Effect {
        match message {
            Message::State(screen) => {
                let stale = screen.revision != self.revision;
                self.screen = Some(screen);
                self.live = true;
                if stale {
                    Effect::Reload
                } else {
                    Effect::Show
                }
            }
            Message::Ended => {
                self.live = false;
                Effect::Show
            }
            Message::Hello => Effect::Ignore,
        }
    }

    /// What the window shows.
    pub fn shown(&self) -> Shown {
        let method = ResolvedMethod::new(self.assessment.method.clone()).ok();
        let tier = self.screen.as_ref().map_or(Tier::Current, |s| s.tier);
        let risk = self
            .screen
            .as_ref()
            .and_then(|s| s.risk_id.as_deref())
            .and_then(|id| self.assessment.risks.iter().find(|r| r.id == id))
            .map(|risk| {
                let score = method.as_ref().and_then(|m| {
                    let result = score_tier(m, risk, tier)?;
                    let level = m
                        .method()
                        .level_index(&result.level)
                        .and_then(|i| m.level(i))?;
                    Some(ShownScore {
                        likelihood: result.likelihood,
                        impact: result.impact,
                        score: result.score,
                        level: level.label.clone(),
                        color: level.color.clone(),
                    })
                });
                ShownRisk {
                    id: risk.id.clone(),
                    title: risk.title.clone(),
                    score,
                }
            });
        Shown {
            status: if self.live {
                "Live from the presenter".into()
            } else {
                "Waiting for the presenter".into()
            },
            live: self.live,
            tier,
            tier_name: tier_name(tier).into(),
            risk,
            timer: self.screen.as_ref().and_then(|s| s.timer.clone()),
        }
    }
}

/// "Inherent risk", "Current risk" or "Residual risk".
pub fn tier_name(tier: Tier) -> &'static str {
    match tier {
        Tier::Inherent => "Inherent risk",
        Tier::Current => "Current risk",
        Tier::Residual => "Residual risk",
    }
}

/// What the audience window shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shown {
    /// "Live from the presenter" or "Waiting for the presenter".
    pub status: String,
    /// A presenter is connected.
    pub live: bool,
    /// The tier on screen.
    pub tier: Tier,
    /// Its name.
    pub tier_name: String,
    /// The risk on screen, if the presenter has one and it is in the
    /// assessment.
    pub risk: Option<ShownRisk>,
    /// The presenter's timer, if shared.
    pub timer: Option<String>,
}

/// The risk on screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShownRisk {
    /// Its id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// The tier's score, if scored.
    pub score: Option<ShownScore>,
}

/// One tier of the risk on screen, scored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShownScore {
    /// Likelihood level number.
    pub likelihood: u8,
    /// Aggregated impact level number.
    pub impact: u8,
    /// The formula's score.
    pub score: u32,
    /// The level's label.
    pub level: String,
    /// The level's colour, `#rrggbb`.
    pub color: String,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::store::{MemoryStore, DOCUMENT_KEY, REVISION_KEY};
    use riskwright_engine::document::{Risk, ScoredTier};

    const NOW: &str = "2026-11-28T10:00:00.000Z";

    fn risk(id: &str, title: &str, likelihood: u8, impact: u8) -> Risk {
        let tier = ScoredTier {
            likelihood,
            impacts: [("availability".to_string(), impact)].into(),
        };
        Risk {
            id: id.into(),
            title: title.into(),
            inherent: Some(tier.clone()),
            current: Some(tier),
            ..Risk::default()
        }
    }

    /// A store holding a saved assessment of three risks at revision 7.
    fn stored() -> MemoryStore {
        let mut assessment = Assessment::new("Workshop");
        assessment.risks = vec![
            risk("R-1", "Ransomware", 4, 5),
            risk("R-2", "Phishing", 2, 2),
            risk("R-3", "Laptop theft", 3, 3),
        ];
        let mut state = AppState::new(assessment);
        let mut store = MemoryStore::default();
        state.revision = 6;
        store.set(REVISION_KEY, "6").unwrap();
        state.save(&mut store);
        assert_eq!(state.revision, 7);
        store
    }

    #[test]
    fn messages_round_trip_in_the_documented_format() {
        let state = Message::State(Screen {
            risk_id: Some("R-2".into()),
            tier: Tier::Current,
            revision: 12,
            timer: None,
        });
        assert_eq!(
            state.encode(),
            r#"{"kind":"state","risk_id":"R-2","tier":"current","revision":12}"#
        );
        assert_eq!(Message::decode(&state.encode()), Some(state));
        assert_eq!(Message::Hello.encode(), r#"{"kind":"hello"}"#);
        assert_eq!(Message::decode(r#"{"kind":"ended"}"#), Some(Message::Ended));
        let timed = Message::decode(
            r#"{"kind":"state","risk_id":null,"tier":"residual","revision":3,"timer":"4:30"}"#,
        );
        assert_eq!(
            timed,
            Some(Message::State(Screen {
                risk_id: None,
                tier: Tier::Residual,
                revision: 3,
                timer: Some("4:30".into()),
            }))
        );
        for junk in [
            "",
            "null",
            "{}",
            r#"{"kind":"vote"}"#,
            r#"{"kind":"state"}"#,
        ] {
            assert_eq!(Message::decode(junk), None, "{junk}");
        }
    }

    #[test]
    fn the_audience_page_is_named_in_the_search_or_the_hash() {
        assert!(is_audience_url("?audience", ""));
        assert!(is_audience_url("", "#audience"));
        assert!(is_audience_url("?lang=en&audience=1", ""));
        assert!(!is_audience_url("", ""));
        assert!(!is_audience_url("?audiences", "#nav-register"));
    }

    #[test]
    fn the_presenter_shares_its_screen_only_in_presentation_mode() {
        let store = stored();
        let mut state = crate::app::startup::open(&mut store.clone(), NOW);
        assert_eq!(presenter_screen(&state), None);
        state.workshop.active = true;
        let screen = presenter_screen(&state).unwrap();
        assert_eq!(
            screen.risk_id.as_deref(),
            Some("R-1"),
            "the first risk by default"
        );
        assert_eq!((screen.tier, screen.revision), (Tier::Current, 7));
        state.workshop.risk_id = Some("R-3".into());
        state.workshop.tier = Tier::Residual;
        let screen = presenter_screen(&state).unwrap();
        assert_eq!(screen.risk_id.as_deref(), Some("R-3"));
        assert_eq!(screen.tier, Tier::Residual);
        assert_eq!(screen.timer, None, "no timer until it runs");
        // A running timer is shared with the room as the presenter shows it.
        state.workshop.timer_since =
            crate::app::workshop::epoch_seconds("2027-01-10T09:00:00.000Z");
        state.workshop.now = "2027-01-10T09:02:05.000Z".into();
        let screen = presenter_screen(&state).unwrap();
        assert_eq!(screen.timer.as_deref(), Some("2:05"));
    }

    #[test]
    fn the_audience_reads_storage_without_writing() {
        let store = stored();
        let audience = Audience::open(&store, NOW);
        assert_eq!(audience.revision, 7);
        assert_eq!(audience.assessment.risks.len(), 3);
        assert_eq!(audience.screen, None);
        assert!(!audience.live);
        assert_eq!(audience.shown().status, "Waiting for the presenter");
        assert_eq!(audience.shown().risk, None);

        // Nothing stored, or an unreadable document: still nothing written.
        for document in [None, Some("{not json")] {
            let mut store = MemoryStore::default();
            if let Some(text) = document {
                store.set(DOCUMENT_KEY, text).unwrap();
            }
            let before = store.values.clone();
            let audience = Audience::open(&store, NOW);
            assert!(audience.assessment.risks.is_empty());
            assert_eq!(store.values, before);
        }
    }

    #[test]
    fn a_reopened_audience_shows_the_last_state_and_waits() {
        let mut store = stored();
        let last = Message::State(Screen {
            risk_id: Some("R-3".into()),
            tier: Tier::Current,
            revision: 7,
            timer: Some("2:00".into()),
        });
        store.set(SCREEN_KEY, &last.encode()).unwrap();
        let audience = Audience::open(&store, NOW);
        let shown = audience.shown();
        assert_eq!(shown.status, "Waiting for the presenter");
        assert_eq!(shown.timer.as_deref(), Some("2:00"));
        let risk = shown.risk.unwrap();
        assert_eq!(
            (risk.id.as_str(), risk.title.as_str()),
            ("R-3", "Laptop theft")
        );
        let score = risk.score.unwrap();
        assert_eq!((score.likelihood, score.impact, score.score), (3, 3, 9));
        assert_eq!(score.level, "Medium");

        // Junk under the key is ignored.
        store.set(SCREEN_KEY, "{oops").unwrap();
        assert_eq!(Audience::open(&store, NOW).screen, None);
    }

    #[test]
    fn the_audience_follows_the_presenter_and_reloads_on_a_new_revision() {
        let mut store = stored();
        let mut audience = Audience::open(&store, NOW);
        assert_eq!(audience.receive(Message::Hello), Effect::Ignore);
        let screen = |risk: &str, revision| {
            Message::State(Screen {
                risk_id: Some(risk.into()),
                tier: Tier::Current,
                revision,
                timer: None,
            })
        };
        assert_eq!(audience.receive(screen("R-1", 7)), Effect::Show);
        let shown = audience.shown();
        assert_eq!(shown.status, "Live from the presenter");
        assert_eq!(shown.tier_name, "Current risk");
        let score = shown.risk.unwrap().score.unwrap();
        assert_eq!((score.likelihood, score.impact), (4, 5));
        assert_eq!(score.level, "Very high");

        // The presenter scores R-2 higher and saves: revision 8.
        let mut presenter = crate::app::startup::open(&mut store, NOW);
        presenter.assessment.risks[1].current = Some(ScoredTier {
            likelihood: 5,
            impacts: [("availability".to_string(), 5)].into(),
        });
        presenter.save(&mut store);
        assert_eq!(presenter.revision, 8);
        assert_eq!(audience.receive(screen("R-2", 8)), Effect::Reload);
        audience.reload(&store, NOW);
        assert_eq!(audience.revision, 8);
        let risk = audience.shown().risk.unwrap();
        assert_eq!(risk.id, "R-2");
        assert_eq!(risk.score.unwrap().level, "Very high");

        // The presenter leaves: the last state stays, marked waiting.
        assert_eq!(audience.receive(Message::Ended), Effect::Show);
        let shown = audience.shown();
        assert_eq!(shown.status, "Waiting for the presenter");
        assert_eq!(shown.risk.unwrap().id, "R-2");
    }

    #[test]
    fn an_unknown_or_unscored_risk_shows_what_is_known() {
        let store = stored();
        let mut audience = Audience::open(&store, NOW);
        audience.receive(Message::State(Screen {
            risk_id: Some("R-1".into()),
            tier: Tier::Residual,
            revision: 7,
            timer: None,
        }));
        let risk = audience.shown().risk.unwrap();
        assert_eq!(risk.title, "Ransomware");
        assert_eq!(risk.score, None, "no residual estimate yet");
        audience.receive(Message::State(Screen {
            risk_id: Some("R-9".into()),
            tier: Tier::Current,
            revision: 7,
            timer: None,
        }));
        assert_eq!(audience.shown().risk, None);
    }
}
