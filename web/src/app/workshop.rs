//! Presentation (workshop) mode as plain data: the risk on screen, the tier
//! being scored, what the digit keys set, the votes being collected, the
//! timer, and the running session that becomes the workshop's record.
//!
//! Keys are read here, not in the browser layer, so the whole walk-through
//! is tested natively: `WorkshopMsg::Key` carries the key's name.
//!
//! The running session is saved under [`SESSION_KEY`] after every change,
//! so closing and reopening the window goes on where it was.

use super::state::{AppState, Msg, View};
use super::store::KeyValueStore;
use riskwright_engine::date::Date;
use riskwright_engine::document::{Risk, Tier};
use riskwright_engine::evaluate::score_tier;
use riskwright_engine::method::ResolvedMethod;
use riskwright_engine::register::RegisterEdit;
use riskwright_engine::workshop::{spread, Vote, WorkshopItem, WorkshopRecord};
use riskwright_engine::Diagnostic;
use serde::{Deserialize, Serialize};

/// Where the running workshop session is kept between page loads.
pub const SESSION_KEY: &str = "riskwright.workshop";

/// What the digit keys set.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Axis {
    /// The likelihood.
    #[default]
    Likelihood,
    /// The overall impact.
    Impact,
}

/// The votes being collected for the risk on screen.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct VotePanel {
    /// The votes so far.
    pub votes: Vec<Vote>,
    /// A likelihood typed, waiting for its impact.
    pub pending: Option<u8>,
    /// The name of the next voter; empty for an anonymous vote.
    pub name: String,
    /// A dissenting view to record with the agreed value.
    pub dissent: String,
}

/// A workshop in progress.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Session {
    /// What the workshop is.
    pub title: String,
    /// When it started (ISO 8601).
    pub started_at: String,
    /// Who runs it.
    pub facilitator: String,
    /// Who takes part, as typed: names separated by commas. Kept as typed
    /// so a comma just typed stays; [`Session::participant_names`] splits it.
    #[serde(deserialize_with = "participants_text")]
    pub participants: String,
    /// The risks discussed so far, in order.
    pub items: Vec<WorkshopItem>,
    /// Notes on the workshop as a whole.
    pub notes: String,
}

impl Session {
    /// The participants' names: the typed text split at commas, trimmed,
    /// empty names left out.
    pub fn participant_names(&self) -> Vec<String> {
        self.participants
            .split(',')
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(str::to_string)
            .collect()
    }
}

/// Reads the participants as text, or as the list an earlier version
/// saved, so a session in progress survives the upgrade.
fn participants_text<'de, D: serde::Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Either {
        Text(String),
        List(Vec<String>),
    }
    Ok(match Either::deserialize(d)? {
        Either::Text(text) => text,
        Either::List(names) => names.join(", "),
    })
}

/// Presentation mode's state.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WorkshopUi {
    /// Presentation mode is on.
    pub active: bool,
    /// The screen presentation mode was entered from, and returns to.
    #[serde(default)]
    pub return_to: View,
    /// The "Notes and participants" panel is open.
    #[serde(default)]
    pub setup_open: bool,
    /// The risk on screen.
    pub risk_id: Option<String>,
    /// The tier being scored: current or residual.
    pub tier: Tier,
    /// What the digit keys set.
    pub axis: Axis,
    /// Arrows from current to residual are drawn.
    pub arrows: bool,
    /// The help overlay is open.
    #[serde(skip)]
    pub help: bool,
    /// Votes being collected, when the panel is open.
    pub voting: Option<VotePanel>,
    /// Since when (seconds since 1970) the timer has counted the risk on
    /// screen; `None` while paused or out of presentation mode. It starts
    /// by itself whenever a risk comes on screen.
    pub timer_since: Option<i64>,
    /// The clock as of the last message, for the timer on screen.
    #[serde(skip)]
    pub now: String,
    /// The workshop in progress.
    pub session: Option<Session>,
    /// The record of the workshop just ended, shown until presentation mode
    /// is left.
    #[serde(skip)]
    pub record: Option<WorkshopRecord>,
    /// Why the last score or agreed value was refused.
    #[serde(skip)]
    pub problems: Vec<Diagnostic>,
}

impl Default for WorkshopUi {
    fn default() -> Self {
        WorkshopUi {
            active: false,
            return_to: View::Register,
            setup_open: false,
            risk_id: None,
            tier: Tier::Current,
            axis: Axis::Likelihood,
            arrows: true,
            help: false,
            voting: None,
            timer_since: None,
            now: String::new(),
            session: None,
            record: None,
            problems: Vec::new(),
        }
    }
}

/// A text field of the workshop's setup or notes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SessionField {
    /// The workshop's title.
    Title,
    /// The facilitator's name.
    Facilitator,
    /// Participants, separated by commas.
    Participants,
    /// Notes on the risk on screen.
    RiskNotes,
    /// The next voter's name.
    VoterName,
    /// The dissent to record.
    Dissent,
}

/// A change in presentation mode.
#[derive(Debug, Clone, PartialEq)]
pub enum WorkshopMsg {
    /// Turn presentation mode on or off.
    Toggle,
    /// A key pressed outside a text field, by its `KeyboardEvent.key` name.
    Key(String),
    /// Show this risk.
    Show(String),
    /// Edit a text field.
    Field(SessionField, String),
    /// Record the agreed value (the median of the votes unless overridden)
    /// with the votes and the dissent.
    RecordAgreed {
        /// The likelihood agreed.
        likelihood: u8,
        /// The impact agreed.
        impact: u8,
    },
    /// Remove a vote.
    RemoveVote(usize),
    /// Open or close the "Notes and participants" panel.
    ToggleSetup,
    /// End the workshop: keep its record with the assessment.
    End,
    /// The clock ticked (the timer on screen).
    Tick,
}

/// Seconds since 1970 of an ISO 8601 UTC timestamp such as
/// `2027-01-10T09:00:05.000Z`.
pub fn epoch_seconds(at: &str) -> Option<i64> {
    let date = Date::parse(at).ok()?;
    let days = Date::from_ymd(1970, 1, 1)?.days_until(date);
    let time = at.get(11..19)?;
    let mut parts = time.split(':').map(|p| p.parse::<i64>().ok());
    let (h, m, s) = (parts.next()??, parts.next()??, parts.next()??);
    Some(days * 86_400 + h * 3600 + m * 60 + s)
}

/// `seconds` as "m:ss".
pub fn clock_text(seconds: i64) -> String {
    let s = seconds.max(0);
    format!("{}:{:02}", s / 60, s % 60)
}

fn tier_level(method: Option<&ResolvedMethod>, risk: &Risk, tier: Tier) -> Option<String> {
    score_tier(method?, risk, tier).map(|r| r.level)
}

impl WorkshopUi {
    /// Seconds the timer shows for the risk on screen: what earlier
    /// showings of it added up, plus the running stretch.
    pub fn seconds_on_screen(&self) -> i64 {
        let done = self
            .session
            .as_ref()
            .and_then(|s| {
                s.items
                    .iter()
                    .find(|i| Some(&i.risk_id) == self.risk_id.as_ref() && i.tier == self.tier)
            })
            .map_or(0, |i| i64::from(i.seconds));
        let running = match (self.timer_since, epoch_seconds(&self.now)) {
            (Some(since), Some(now)) => (now - since).max(0),
            _ => 0,
        };
        done + running
    }

    /// The part worth keeping across a reload, as JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// The state saved by [`WorkshopUi::to_json`]; `None` if unreadable.
    pub fn from_json(text: &str) -> Option<WorkshopUi> {
        serde_json::from_str(text).ok()
    }
}

impl AppState {
    /// Puts back a session saved by an earlier page: presentation mode goes
    /// on where it was. An unreadable value is ignored.
    pub fn restore_workshop(&mut self, store: &dyn KeyValueStore) {
        if !super::ALL_SCREENS {
            // The first load has no workshop screen: a session in progress
            // goes on in the whole workbench.
            self.wants_screens |= matches!(store.get(SESSION_KEY), Ok(Some(_)));
            return;
        }
        let saved = store
            .get(SESSION_KEY)
            .ok()
            .flatten()
            .and_then(|t| WorkshopUi::from_json(&t));
        if let Some(saved) = saved {
            if saved.active {
                self.view = View::Workshop;
            }
            self.workshop = saved;
        }
    }

    /// Saves the session (or clears it when there is none), for a reload.
    pub fn save_workshop(&self, store: &mut dyn KeyValueStore) {
        let ui = &self.workshop;
        let result = if ui.active || ui.session.is_some() {
            store.set(SESSION_KEY, &ui.to_json())
        } else {
            store.remove(SESSION_KEY)
        };
        // A session that cannot be kept only costs the recovery after a
        // reload; the assessment itself is saved (and reported) apart.
        let _ = result;
    }

    /// The risks in walk-through order: the register's.
    pub fn workshop_risks(&self) -> &[Risk] {
        &self.assessment.risks
    }

    /// The risk on screen: the chosen one, or the first.
    pub fn workshop_risk(&self) -> Option<&Risk> {
        let risks = self.workshop_risks();
        self.workshop
            .risk_id
            .as_deref()
            .and_then(|id| risks.iter().find(|r| r.id == id))
            .or_else(|| risks.first())
    }

    /// Applies a workshop message at `now`; true when the assessment changed.
    pub fn update_workshop(&mut self, msg: WorkshopMsg, now: &str) -> bool {
        self.workshop.now = now.to_string();
        match msg {
            WorkshopMsg::Toggle => {
                if self.workshop.active {
                    self.leave_workshop(now);
                } else {
                    self.enter_workshop(now);
                }
                false
            }
            WorkshopMsg::Tick => false,
            WorkshopMsg::ToggleSetup => {
                self.workshop.setup_open = !self.workshop.setup_open;
                false
            }
            WorkshopMsg::Show(id) => {
                self.show_risk(Some(id), now);
                false
            }
            WorkshopMsg::Key(key) => self.workshop_key(&key, now),
            WorkshopMsg::Field(field, value) => {
                self.workshop_field(field, value);
                false
            }
            WorkshopMsg::RemoveVote(k) => {
                if let Some(panel) = self.workshop.voting.as_mut() {
                    if k < panel.votes.len() {
                        panel.votes.remove(k);
                    }
                }
                false
            }
            WorkshopMsg::RecordAgreed { likelihood, impact } => {
                self.record_agreed(likelihood, impact, now)
            }
            WorkshopMsg::End => self.end_workshop(now),
        }
    }

    fn enter_workshop(&mut self, now: &str) {
        self.workshop.active = true;
        self.workshop.record = None;
        if self.view != View::Workshop {
            self.workshop.return_to = self.view;
        }
        self.view = View::Workshop;
        if self.workshop.session.is_none() {
            let date = Date::parse(now).map(|d| d.to_string()).unwrap_or_default();
            self.workshop.session = Some(Session {
                title: format!("Risk workshop, {date}"),
                started_at: now.to_string(),
                ..Session::default()
            });
        }
        let id = self.workshop_risk().map(|r| r.id.clone());
        self.show_risk(id, now);
    }

    fn leave_workshop(&mut self, now: &str) {
        self.stop_timer(now);
        self.workshop.active = false;
        self.workshop.help = false;
        self.view = match self.workshop.return_to {
            View::Workshop => View::Register,
            from => from,
        };
    }

    /// Adds the time since the timer started to the item on screen.
    fn stop_timer(&mut self, now: &str) {
        let (Some(since), Some(at)) = (self.workshop.timer_since.take(), epoch_seconds(now)) else {
            return;
        };
        let spent = u32::try_from((at - since).max(0)).unwrap_or(u32::MAX);
        if let Some(item) = self.workshop_item_mut() {
            item.seconds = item.seconds.saturating_add(spent);
        }
    }

    fn workshop_item_mut(&mut self) -> Option<&mut WorkshopItem> {
        let id = self.workshop.risk_id.clone()?;
        let tier = self.workshop.tier;
        self.workshop
            .session
            .as_mut()?
            .items
            .iter_mut()
            .find(|i| i.risk_id == id && i.tier == tier)
    }

    /// Shows `id` (or nothing), noting it in the session the first time.
    /// The timer counts the time the risk is on screen: it stops for the
    /// risk that leaves and starts for the one that comes.
    fn show_risk(&mut self, id: Option<String>, now: &str) {
        self.stop_timer(now);
        self.workshop.risk_id = id;
        self.workshop.voting = None;
        self.workshop.problems.clear();
        self.note_item();
        self.start_timer(now);
    }

    /// Starts counting for the item on screen, if there is one.
    fn start_timer(&mut self, now: &str) {
        self.workshop.timer_since = self
            .workshop_item_mut()
            .is_some()
            .then(|| epoch_seconds(now))
            .flatten();
    }

    /// Makes sure the session has an item for the risk and tier on screen,
    /// with the tier as it was before the discussion.
    fn note_item(&mut self) {
        let Some(risk) = self.workshop_risk().cloned() else {
            return;
        };
        let tier = self.workshop.tier;
        let method = ResolvedMethod::new(self.assessment.method.clone()).ok();
        let Some(session) = self.workshop.session.as_mut() else {
            return;
        };
        if !session
            .items
            .iter()
            .any(|i| i.risk_id == risk.id && i.tier == tier)
        {
            let level = tier_level(method.as_ref(), &risk, tier);
            session.items.push(WorkshopItem {
                risk_id: risk.id.clone(),
                title: risk.title.clone(),
                tier,
                before: risk.tier(tier).cloned(),
                after: risk.tier(tier).cloned(),
                before_level: level.clone(),
                after_level: level,
                votes: Vec::new(),
                dissent: String::new(),
                notes: String::new(),
                seconds: 0,
            });
        }
    }

    /// Brings every item's "after" in line with the register.
    fn refresh_items(&mut self) {
        let method = ResolvedMethod::new(self.assessment.method.clone()).ok();
        let risks = self.assessment.risks.clone();
        if let Some(session) = self.workshop.session.as_mut() {
            for item in &mut session.items {
                if let Some(risk) = risks.iter().find(|r| r.id == item.risk_id) {
                    item.after = risk.tier(item.tier).cloned();
                    item.after_level = tier_level(method.as_ref(), risk, item.tier);
                }
            }
        }
    }

    fn step(&mut self, forward: bool, now: &str) {
        let risks = self.workshop_risks();
        if risks.is_empty() {
            return;
        }
        let here = self
            .workshop_risk()
            .and_then(|r| risks.iter().position(|x| x.id == r.id))
            .unwrap_or(0);
        let next = if forward {
            (here + 1).min(risks.len() - 1)
        } else {
            here.saturating_sub(1)
        };
        let id = risks.get(next).map(|r| r.id.clone());
        self.show_risk(id, now);
    }

    /// Reads one key; true when the assessment changed.
    fn workshop_key(&mut self, key: &str, now: &str) -> bool {
        let ui = &mut self.workshop;
        if ui.record.is_some() {
            // The record of the workshop just ended is on screen: nothing
            // is scored any more, the keys only leave.
            if matches!(key, "Escape" | "p" | "P") {
                self.leave_workshop(now);
            }
            return false;
        }
        if ui.help {
            if matches!(key, "Escape" | "?") {
                ui.help = false;
            }
            return false;
        }
        match key {
            "ArrowRight" | "PageDown" | "j" | "J" => self.step(true, now),
            "ArrowLeft" | "PageUp" | "k" | "K" => self.step(false, now),
            "l" | "L" => ui.axis = Axis::Likelihood,
            "i" | "I" => ui.axis = Axis::Impact,
            "t" | "T" => {
                self.stop_timer(now);
                let ui = &mut self.workshop;
                ui.tier = match ui.tier {
                    Tier::Current => Tier::Residual,
                    _ => Tier::Current,
                };
                ui.voting = None;
                self.note_item();
                self.start_timer(now);
            }
            "a" | "A" => ui.arrows = !ui.arrows,
            "v" | "V" => {
                ui.voting = match ui.voting.take() {
                    Some(_) => None,
                    None => Some(VotePanel::default()),
                }
            }
            "s" | "S" => {
                if ui.timer_since.is_some() {
                    self.stop_timer(now);
                } else {
                    self.start_timer(now);
                }
            }
            "?" => ui.help = true,
            "u" | "U" => {
                let changed = self.update(Msg::Undo, now);
                self.refresh_items();
                return changed;
            }
            "Escape" => {
                if ui.voting.is_some() {
                    ui.voting = None;
                } else {
                    self.leave_workshop(now);
                }
            }
            "p" | "P" => self.leave_workshop(now),
            digit => {
                let Some(value) = digit.parse::<u8>().ok().filter(|d| (1..=9).contains(d)) else {
                    return false;
                };
                return self.digit(value, now);
            }
        }
        false
    }

    /// A digit: a vote's part when voting, else the score on the axis.
    fn digit(&mut self, value: u8, now: &str) -> bool {
        if let Some(panel) = self.workshop.voting.as_mut() {
            match panel.pending.take() {
                None => panel.pending = Some(value),
                Some(likelihood) => panel.votes.push(Vote {
                    participant: std::mem::take(&mut panel.name).trim().to_string(),
                    likelihood,
                    impact: value,
                }),
            }
            return false;
        }
        let Some(risk) = self.workshop_risk().cloned() else {
            return false;
        };
        let Ok(method) = ResolvedMethod::new(self.assessment.method.clone()) else {
            return false;
        };
        let tier = self.workshop.tier;
        // The tier as it stands, or the one before it for an unscored tier.
        let base = score_tier(&method, &risk, tier)
            .or_else(|| score_tier(&method, &risk, Tier::Current))
            .or_else(|| score_tier(&method, &risk, Tier::Inherent));
        let (likelihood, impact) = match (self.workshop.axis, base) {
            (Axis::Likelihood, Some(b)) => (value, b.impact),
            (Axis::Impact, Some(b)) => (b.likelihood, value),
            (Axis::Likelihood, None) => (value, 1),
            (Axis::Impact, None) => (1, value),
        };
        self.estimate(&risk.id, likelihood, impact, Vec::new(), String::new(), now)
    }

    fn estimate(
        &mut self,
        risk_id: &str,
        likelihood: u8,
        impact: u8,
        votes: Vec<Vote>,
        dissent: String,
        now: &str,
    ) -> bool {
        let edit = RegisterEdit::RecordEstimate {
            risk_id: risk_id.to_string(),
            tier: self.workshop.tier,
            votes,
            likelihood,
            impact,
            dissent,
        };
        match self.apply(edit, now) {
            Ok(()) => {
                self.workshop.problems.clear();
                self.refresh_items();
                true
            }
            Err(problems) => {
                self.workshop.problems = problems;
                false
            }
        }
    }

    fn record_agreed(&mut self, likelihood: u8, impact: u8, now: &str) -> bool {
        let Some(risk_id) = self.workshop_risk().map(|r| r.id.clone()) else {
            return false;
        };
        let panel = self.workshop.voting.clone().unwrap_or_default();
        let dissent = panel.dissent.trim().to_string();
        if !self.estimate(
            &risk_id,
            likelihood,
            impact,
            panel.votes.clone(),
            dissent.clone(),
            now,
        ) {
            return false;
        }
        if let Some(item) = self.workshop_item_mut() {
            item.votes = panel.votes;
            item.dissent = dissent;
        }
        self.workshop.voting = None;
        true
    }

    /// The agreed value the panel proposes: the median of the votes,
    /// rounded up to a level.
    pub fn proposed_agreement(&self) -> Option<(u8, u8)> {
        let panel = self.workshop.voting.as_ref()?;
        let method = ResolvedMethod::new(self.assessment.method.clone()).ok()?;
        let s = spread(&panel.votes, method.likelihood_max(), method.impact_max());
        (s.count > 0).then(|| (s.likelihood.median_level(), s.impact.median_level()))
    }

    fn workshop_field(&mut self, field: SessionField, value: String) {
        match field {
            SessionField::VoterName | SessionField::Dissent => {
                if let Some(panel) = self.workshop.voting.as_mut() {
                    match field {
                        SessionField::VoterName => panel.name = value,
                        _ => panel.dissent = value,
                    }
                }
            }
            SessionField::RiskNotes => {
                if let Some(item) = self.workshop_item_mut() {
                    item.notes = value;
                }
            }
            _ => {
                if let Some(session) = self.workshop.session.as_mut() {
                    match field {
                        SessionField::Title => session.title = value,
                        SessionField::Facilitator => session.facilitator = value,
                        _ => session.participants = value,
                    }
                }
            }
        }
    }

    fn end_workshop(&mut self, now: &str) -> bool {
        self.stop_timer(now);
        self.refresh_items();
        let Some(session) = self.workshop.session.clone() else {
            return false;
        };
        let title = if session.title.trim().is_empty() {
            "Risk workshop".to_string()
        } else {
            session.title.trim().to_string()
        };
        let record = WorkshopRecord {
            id: String::new(),
            title,
            date: Date::parse(&session.started_at).ok(),
            facilitator: session.facilitator.trim().to_string(),
            participants: session.participant_names(),
            items: session.items,
            notes: session.notes,
        };
        match self.apply(RegisterEdit::AddWorkshop(record), now) {
            Ok(()) => {
                self.workshop.record = self.assessment.workshops.last().cloned();
                self.workshop.session = None;
                self.workshop.voting = None;
                true
            }
            Err(problems) => {
                self.workshop.problems = problems;
                false
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::store::MemoryStore;
    use riskwright_engine::document::{Assessment, Change, ScoredTier};

    const T0: &str = "2027-03-02T09:00:00.000Z";

    fn tier(likelihood: u8, c: u8, a: u8) -> ScoredTier {
        ScoredTier {
            likelihood,
            impacts: [
                ("confidentiality".to_string(), c),
                ("availability".to_string(), a),
            ]
            .into_iter()
            .collect(),
        }
    }

    fn state() -> AppState {
        let mut a = Assessment::new("Workshop");
        for (k, title) in ["Supplier outage", "Laptop theft", "Phishing"]
            .iter()
            .enumerate()
        {
            let risk = Risk {
                id: format!("R-{}", k + 1),
                title: (*title).into(),
                inherent: Some(tier(4, 3, 5)),
                current: Some(tier(3, 3, 4)),
                ..Risk::default()
            };
            a.apply(RegisterEdit::AddRisk(risk), T0, "").unwrap();
        }
        AppState::new(a)
    }

    fn last_estimate(s: &AppState) -> &riskwright_engine::document::HistoryEntry {
        s.assessment
            .history
            .iter()
            .rev()
            .find(|h| matches!(h.change, Change::Estimated { .. }))
            .expect("an estimate in the history")
    }

    fn key(s: &mut AppState, k: &str, at: &str) -> bool {
        s.update(Msg::Workshop(WorkshopMsg::Key(k.into())), at)
    }

    #[test]
    fn a_keyboard_walk_through_scores_three_risks_and_ends_with_a_record() {
        let mut s = state();
        s.update(Msg::Workshop(WorkshopMsg::Toggle), T0);
        assert_eq!((s.view, s.workshop.active), (View::Workshop, true));
        assert_eq!(s.workshop_risk().unwrap().id, "R-1");
        // Digits set the likelihood, then (after I) the overall impact.
        assert!(key(&mut s, "2", T0));
        assert_eq!(s.assessment.risks[0].current, Some(tier(2, 3, 4)));
        // A key press is a score set in the workshop, not a vote agreed.
        assert_eq!(
            crate::app::history::change_text(&s.assessment.method, last_estimate(&s)),
            "Current scored in a workshop: likelihood 2, impact 4"
        );
        key(&mut s, "i", T0);
        assert!(key(&mut s, "5", T0));
        assert_eq!(s.assessment.risks[0].current, Some(tier(2, 3, 5)));
        // Next risk: the timer counts while it is on screen, without S.
        key(&mut s, "ArrowRight", T0);
        s.update(Msg::Workshop(WorkshopMsg::Tick), "2027-03-02T09:01:30.000Z");
        assert_eq!(clock_text(s.workshop.seconds_on_screen()), "1:30");
        // S pauses it (a break), and S again goes on counting.
        key(&mut s, "s", "2027-03-02T09:01:30.000Z");
        s.update(Msg::Workshop(WorkshopMsg::Tick), "2027-03-02T09:20:00.000Z");
        assert_eq!(clock_text(s.workshop.seconds_on_screen()), "1:30");
        key(&mut s, "s", "2027-03-02T09:20:00.000Z");
        key(&mut s, "l", T0);
        assert!(key(&mut s, "1", "2027-03-02T09:20:00.000Z"));
        // The residual tier of the third risk, scored from the current profile.
        key(&mut s, "j", "2027-03-02T09:20:30.000Z");
        key(&mut s, "t", T0);
        assert_eq!(s.workshop.tier, Tier::Residual);
        assert!(key(&mut s, "2", T0));
        assert_eq!(s.assessment.risks[2].residual, Some(tier(2, 3, 4)));
        // Undo takes the last score back.
        assert!(key(&mut s, "u", T0));
        assert_eq!(s.assessment.risks[2].residual, None);
        // Help opens and closes; digits do nothing while it is open.
        key(&mut s, "?", T0);
        assert!(s.workshop.help);
        assert!(!key(&mut s, "3", T0));
        key(&mut s, "Escape", T0);
        assert!(!s.workshop.help);
        s.update(
            Msg::Workshop(WorkshopMsg::Field(
                SessionField::Participants,
                "CFO, Ops lead ,".into(),
            )),
            T0,
        );
        assert!(s.update(Msg::Workshop(WorkshopMsg::End), T0));
        let record = &s.assessment.workshops[0];
        assert_eq!(record.id, "W-1");
        assert_eq!(record.participants, ["CFO", "Ops lead"]);
        let seen: Vec<(&str, Tier)> = record
            .items
            .iter()
            .map(|i| (i.risk_id.as_str(), i.tier))
            .collect();
        // Every risk shown was discussed, on each tier shown.
        assert_eq!(
            seen,
            [
                ("R-1", Tier::Current),
                ("R-2", Tier::Current),
                ("R-3", Tier::Current),
                ("R-3", Tier::Residual)
            ]
        );
        assert_eq!(record.items[0].before, Some(tier(3, 3, 4)));
        assert_eq!(record.items[0].after, Some(tier(2, 3, 5)));
        assert_eq!(record.items[1].seconds, 120);
        assert_eq!(record.items[0].seconds, 0);
        // Once ended, keys score nothing; Esc leaves.
        let before = s.assessment.risks.clone();
        for k in ["2", "ArrowRight", "i", "5", "u"] {
            assert!(!key(&mut s, k, T0), "{k}");
        }
        assert_eq!(s.assessment.risks, before);
        key(&mut s, "Escape", T0);
        assert_eq!((s.view, s.workshop.active), (View::Register, false));
        assert!(matches!(
            s.assessment.history.last().map(|h| &h.change),
            Some(Change::Workshop { .. })
        ));
    }

    #[test]
    fn votes_give_a_spread_and_the_agreed_value_is_recorded_with_them() {
        let mut s = state();
        s.update(Msg::Workshop(WorkshopMsg::Toggle), T0);
        key(&mut s, "v", T0);
        s.update(
            Msg::Workshop(WorkshopMsg::Field(SessionField::VoterName, "CFO".into())),
            T0,
        );
        for d in ["2", "3", "4", "4", "5", "5"] {
            key(&mut s, d, T0);
        }
        let votes = &s.workshop.voting.as_ref().unwrap().votes;
        assert_eq!(votes.len(), 3);
        assert_eq!(votes[0].participant, "CFO");
        assert_eq!(votes[1].participant, "");
        assert_eq!(s.proposed_agreement(), Some((4, 4)));
        s.update(
            Msg::Workshop(WorkshopMsg::Field(
                SessionField::Dissent,
                "CFO sees less".into(),
            )),
            T0,
        );
        assert!(s.update(
            Msg::Workshop(WorkshopMsg::RecordAgreed {
                likelihood: 4,
                impact: 4
            }),
            T0
        ));
        assert_eq!(s.assessment.risks[0].current, Some(tier(4, 3, 4)));
        assert!(matches!(
            s.assessment.history.last().map(|h| &h.change),
            Some(Change::Estimated { votes, dissent, .. }) if votes.len() == 3 && dissent == "CFO sees less"
        ));
        assert!(s.workshop.voting.is_none());
        assert_eq!(
            crate::app::history::change_text(&s.assessment.method, last_estimate(&s)),
            "Current agreed in a workshop: likelihood 4, impact 4 (3 votes); dissent: CFO sees less"
        );
        let item = &s.workshop.session.as_ref().unwrap().items[0];
        assert_eq!(
            (item.votes.len(), item.dissent.as_str()),
            (3, "CFO sees less")
        );
    }

    #[test]
    fn the_session_survives_a_reload() {
        let mut s = state();
        let mut store = MemoryStore::default();
        s.update(Msg::Workshop(WorkshopMsg::Toggle), T0);
        key(&mut s, "ArrowRight", T0);
        key(&mut s, "v", T0);
        key(&mut s, "3", T0);
        key(&mut s, "4", T0);
        s.save_workshop(&mut store);
        let mut again = state();
        again.restore_workshop(&store);
        assert_eq!(again.view, View::Workshop);
        assert_eq!(again.workshop_risk().unwrap().id, "R-2");
        assert_eq!(again.workshop.voting.as_ref().unwrap().votes.len(), 1);
        assert_eq!(again.workshop.session.as_ref().unwrap().items.len(), 2);
        // Leaving and ending clear what is kept.
        again.update(Msg::Workshop(WorkshopMsg::End), T0);
        again.update(Msg::Workshop(WorkshopMsg::Toggle), T0);
        again.save_workshop(&mut store);
        assert_eq!(store.get(SESSION_KEY).unwrap(), None);
        // Rubbish in storage is ignored.
        store.set(SESSION_KEY, "{not json").unwrap();
        let mut fresh = state();
        fresh.restore_workshop(&store);
        assert!(!fresh.workshop.active);
    }

    #[test]
    fn leaving_presentation_mode_returns_to_the_screen_it_came_from() {
        let mut s = state();
        s.view = View::Plan;
        s.update(Msg::Workshop(WorkshopMsg::Toggle), T0);
        assert_eq!(s.view, View::Workshop);
        key(&mut s, "p", T0);
        assert_eq!((s.view, s.workshop.active), (View::Plan, false));
        s.view = View::Soa;
        s.update(Msg::Workshop(WorkshopMsg::Toggle), T0);
        key(&mut s, "Escape", T0);
        assert_eq!(s.view, View::Soa);
        // Across a reload too.
        let mut store = MemoryStore::default();
        s.view = View::History;
        s.update(Msg::Workshop(WorkshopMsg::Toggle), T0);
        s.save_workshop(&mut store);
        let mut again = state();
        again.restore_workshop(&store);
        assert_eq!(again.view, View::Workshop);
        again.update(Msg::Workshop(WorkshopMsg::Toggle), T0);
        assert_eq!(again.view, View::History);
    }

    #[test]
    fn fields_keep_what_is_typed_and_change_no_score() {
        let mut s = state();
        s.update(Msg::Workshop(WorkshopMsg::Toggle), T0);
        key(&mut s, "v", T0);
        let before = s.assessment.risks.clone();
        let typed = |s: &mut AppState, field, text: &str| {
            // Key by key, as the input event sends it.
            for n in 1..=text.chars().count() {
                let prefix: String = text.chars().take(n).collect();
                assert!(!s.update(Msg::Workshop(WorkshopMsg::Field(field, prefix)), T0));
            }
        };
        typed(&mut s, SessionField::Participants, "CFO, Head of IT, ");
        typed(&mut s, SessionField::VoterName, "Team 2");
        typed(&mut s, SessionField::RiskNotes, "Backups 3x daily");
        let session = s.workshop.session.as_ref().unwrap();
        assert_eq!(session.participants, "CFO, Head of IT, ", "the comma stays");
        assert_eq!(session.participant_names(), ["CFO", "Head of IT"]);
        assert_eq!(session.items[0].notes, "Backups 3x daily");
        let panel = s.workshop.voting.as_ref().unwrap();
        assert_eq!((panel.name.as_str(), panel.votes.len()), ("Team 2", 0));
        assert_eq!(s.assessment.risks, before);
        // A session saved by the earlier version (participants as a list)
        // still reads.
        let old = s.workshop.to_json().replace(
            r#""participants":"CFO, Head of IT, ""#,
            r#""participants":["CFO","Ops"]"#,
        );
        let read = WorkshopUi::from_json(&old).unwrap();
        assert_eq!(read.session.unwrap().participants, "CFO, Ops");
    }

    #[test]
    fn timestamps_read_as_seconds() {
        assert_eq!(epoch_seconds("1970-01-02T00:00:10.000Z"), Some(86_410));
        assert_eq!(epoch_seconds("garbage"), None);
        assert_eq!(clock_text(605), "10:05");
    }
}
