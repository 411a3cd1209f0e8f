//! The self-assessment as plain data: the current step, the answers, the
//! messages that change them, and saving to a key-value store. No browser
//! types here, so the whole flow is tested natively. Every score, gap and
//! draft comes from `riskwright_engine::readiness`.

use crate::app::store::{KeyValueStore, StoreError};
use riskwright_engine::readiness::{
    answers_from_json_str, result_file_json, score, seed, Answer, Answers, Question, Questionnaire,
    Readiness, NOT_APPLICABLE,
};

/// Key of the saved answers (a JSON object: question id → option id).
pub const ANSWERS_KEY: &str = "riskwright.readiness.answers";
/// Key of the saved step: `intro`, `result` or `question:<id>`.
pub const STEP_KEY: &str = "riskwright.readiness.step";
/// Key of the drafts handed to the main app (the engine's `seed()` as JSON).
pub const SEED_KEY: &str = "riskwright.seed";
/// Every key this page writes; "Clear my answers" removes them all.
pub const KEYS: [&str; 3] = [ANSWERS_KEY, STEP_KEY, SEED_KEY];

/// Where the visitor is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// The welcome text and the Start button.
    Intro,
    /// The question at this index of the questionnaire.
    Question(usize),
    /// The result page.
    Result,
}

/// What the visitor can do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Msg {
    /// Leave the intro: go to the saved question, or the first unanswered.
    Start,
    /// Answer the current question with an option id or `"not_applicable"`.
    Answer(String),
    /// Go to the next question, or to the result after the last.
    Next,
    /// Go back one step.
    Back,
    /// Go to the question at this index (from the list of questions).
    GoTo(usize),
    /// Go to the result page.
    ShowResult,
    /// Hide the notice.
    DismissNotice,
}

/// The page's state.
#[derive(Debug, Clone, PartialEq)]
pub struct State {
    /// The questionnaire being answered.
    pub questionnaire: Questionnaire,
    /// The current step.
    pub step: Step,
    /// The answers so far.
    pub answers: Answers,
    /// A message for the visitor (saved progress unreadable, storage full…).
    pub notice: Option<String>,
    /// The browser refuses this page any storage (a frame on another site
    /// with third-party storage blocked): the answers live only in memory,
    /// and the page offers to continue in a new tab.
    pub storage_blocked: bool,
}

/// What the visitor carries to a new tab in the URL fragment (never sent to
/// a server): the answers, the place, and whether to go on to the app.
#[derive(Debug, Clone, PartialEq)]
pub struct Carried {
    /// The answers to take over.
    pub answers: Answers,
    /// The saved step (`intro`, `result`, `question:<id>`).
    pub step: String,
    /// Start a full assessment as soon as the answers are stored.
    pub then_seed: bool,
}

/// The fragment key of carried answers (`#sa=…`).
const FRAGMENT_KEY: &str = "sa=";

impl State {
    /// A fresh start on the intro.
    pub fn new(questionnaire: Questionnaire) -> State {
        State {
            questionnaire,
            step: Step::Intro,
            answers: Answers::new(),
            notice: None,
            storage_blocked: false,
        }
    }

    /// Resumes saved progress from `store`. Unreadable or mismatched saved
    /// values are ignored with a notice; this never fails.
    pub fn restore(questionnaire: Questionnaire, store: &dyn KeyValueStore) -> State {
        let mut state = State::new(questionnaire);
        let mut problems = Vec::new();
        match store.get(ANSWERS_KEY) {
            Ok(None) => {}
            Ok(Some(text)) => match answers_from_json_str(&text) {
                Ok(saved) => {
                    let total = saved.len();
                    state.answers = saved
                        .into_iter()
                        .filter(|(id, answer)| {
                            state
                                .questionnaire
                                .question(id)
                                .is_some_and(|q| is_valid(q, answer))
                        })
                        .collect();
                    let dropped = total - state.answers.len();
                    if dropped > 0 {
                        problems.push(format!(
                            "{dropped} saved answer{} did not match the questions and {} left out.",
                            plural(dropped),
                            if dropped == 1 { "was" } else { "were" }
                        ));
                    }
                }
                Err(_) => problems
                    .push("Your saved answers could not be read, so you start afresh.".to_string()),
            },
            // Reading fails only when storage is refused altogether; the
            // banner says so in plain words (see `storage_blocked`).
            Err(_) => state.storage_blocked = true,
        }
        if let Ok(Some(step)) = store.get(STEP_KEY) {
            match state.parse_step(&step) {
                Some(step) => state.step = step,
                None => problems.push("Your saved place could not be read.".to_string()),
            }
        }
        if !problems.is_empty() {
            state.notice = Some(problems.join(" "));
        }
        state
    }

    fn parse_step(&self, text: &str) -> Option<Step> {
        match text {
            "intro" => Some(Step::Intro),
            "result" => Some(Step::Result),
            _ => {
                let id = text.strip_prefix("question:")?;
                self.questionnaire
                    .questions
                    .iter()
                    .position(|q| q.id == id)
                    .map(Step::Question)
            }
        }
    }

    /// The step as saved.
    pub fn step_text(&self) -> String {
        match self.step {
            Step::Intro => "intro".into(),
            Step::Result => "result".into(),
            Step::Question(i) => self
                .questionnaire
                .questions
                .get(i)
                .map_or_else(|| "intro".into(), |q| format!("question:{}", q.id)),
        }
    }

    /// Saves the answers and the step. On failure the visitor is told, and
    /// the page keeps working without saving.
    pub fn save(&mut self, store: &mut dyn KeyValueStore) {
        if self.storage_blocked {
            return;
        }
        let answers = serde_json::to_string(&self.answers).unwrap_or_else(|_| "{}".into());
        let result = store
            .set(ANSWERS_KEY, &answers)
            .and_then(|()| store.set(STEP_KEY, &self.step_text()));
        if let Err(e) = result {
            self.notice = Some(format!(
                "Your progress cannot be saved in this browser ({e}). You can still finish; \
                 leaving the page loses the answers."
            ));
        }
    }

    /// Removes everything this page stored and starts again on the intro.
    pub fn clear(&mut self, store: &mut dyn KeyValueStore) {
        let failed: Vec<String> = KEYS
            .iter()
            .filter_map(|key| store.remove(key).err().map(|e| e.0))
            .collect();
        let questionnaire = self.questionnaire.clone();
        let blocked = self.storage_blocked;
        *self = State::new(questionnaire);
        self.storage_blocked = blocked;
        self.notice = Some(if blocked || failed.is_empty() {
            "Your answers were cleared from this browser.".into()
        } else {
            format!(
                "Some stored data could not be removed: {}",
                failed.join("; ")
            )
        });
    }

    /// The current question, if on one.
    pub fn current(&self) -> Option<(usize, &Question)> {
        match self.step {
            Step::Question(i) => self.questionnaire.questions.get(i).map(|q| (i, q)),
            _ => None,
        }
    }

    /// Applies `msg`. Returns whether anything changed (and should be saved).
    pub fn update(&mut self, msg: Msg) -> bool {
        let count = self.questionnaire.questions.len();
        let before = (self.step, self.answers.len(), self.notice.is_some());
        match msg {
            Msg::Start => {
                let first_open = self
                    .questionnaire
                    .questions
                    .iter()
                    .position(|q| !self.answers.contains_key(&q.id));
                self.step = match first_open {
                    Some(i) => Step::Question(i),
                    None if count > 0 => Step::Result,
                    None => Step::Intro,
                };
            }
            Msg::Answer(id) => {
                let Some((_, question)) = self.current() else {
                    return false;
                };
                let answer = Answer::from(id.as_str());
                if !is_valid(question, &answer) {
                    return false;
                }
                let qid = question.id.clone();
                let changed = self.answers.get(&qid) != Some(&answer);
                self.answers.insert(qid, answer);
                return changed;
            }
            Msg::Next => {
                self.step = match self.step {
                    Step::Intro => return self.update(Msg::Start),
                    Step::Question(i) if i + 1 < count => Step::Question(i + 1),
                    Step::Question(_) | Step::Result => Step::Result,
                };
            }
            Msg::Back => {
                self.step = match self.step {
                    Step::Intro | Step::Question(0) => Step::Intro,
                    Step::Question(i) => Step::Question(i - 1),
                    Step::Result if count > 0 => Step::Question(count - 1),
                    Step::Result => Step::Intro,
                };
            }
            Msg::GoTo(i) if i < count => self.step = Step::Question(i),
            Msg::GoTo(_) => return false,
            Msg::ShowResult => self.step = Step::Result,
            Msg::DismissNotice => self.notice = None,
        }
        before != (self.step, self.answers.len(), self.notice.is_some())
    }

    /// "Question 12 of 58, Clause 6: Planning", or the name of the step.
    pub fn progress_text(&self) -> String {
        match (self.step, self.current()) {
            (Step::Question(_), Some((i, q))) => format!(
                "Question {} of {}, {}: {}",
                i + 1,
                self.questionnaire.questions.len(),
                q.section.label(),
                self.questionnaire.section_title(q.section)
            ),
            (Step::Result, _) => format!(
                "Your result: {} of {} questions answered",
                self.answered(),
                self.questionnaire.questions.len()
            ),
            _ => "Introduction".into(),
        }
    }

    /// How many questions have an answer (not applicable included).
    pub fn answered(&self) -> usize {
        self.questionnaire
            .questions
            .iter()
            .filter(|q| self.answers.contains_key(&q.id))
            .count()
    }

    /// The engine's result for the answers so far.
    pub fn readiness(&self) -> Readiness {
        score(&self.questionnaire, &self.answers)
    }

    /// The downloadable result (the engine's result file: questionnaire,
    /// answers, result and drafts), which the app can import.
    pub fn result_json(&self) -> String {
        result_file_json(&self.questionnaire, &self.answers)
    }

    /// The URL fragment that carries the answers and the place to a new tab
    /// (`sa=` and the percent-encoded JSON), with `then_seed` to go on to
    /// the app there.
    pub fn fragment(&self, then_seed: bool) -> String {
        let carried = serde_json::json!({
            "answers": self.answers,
            "step": self.step_text(),
            "seed": then_seed,
        });
        format!("{FRAGMENT_KEY}{}", percent_encode(&carried.to_string()))
    }

    /// Reads a fragment written by [`State::fragment`] (with or without the
    /// `#`). `None` for any other fragment.
    pub fn read_fragment(fragment: &str) -> Option<Carried> {
        let encoded = fragment
            .trim_start_matches('#')
            .strip_prefix(FRAGMENT_KEY)?;
        let value: serde_json::Value = serde_json::from_str(&percent_decode(encoded)?).ok()?;
        let answers = answers_from_json_str(&value.get("answers")?.to_string()).ok()?;
        Some(Carried {
            answers,
            step: value.get("step")?.as_str()?.to_string(),
            then_seed: value.get("seed").and_then(|v| v.as_bool()) == Some(true),
        })
    }

    /// Takes over carried answers: those that fit the questions replace the
    /// current ones, and the visitor lands where they were.
    pub fn take_over(&mut self, carried: &Carried) {
        self.answers = carried
            .answers
            .iter()
            .filter(|(id, answer)| {
                self.questionnaire
                    .question(id)
                    .is_some_and(|q| is_valid(q, answer))
            })
            .map(|(id, answer)| (id.clone(), answer.clone()))
            .collect();
        self.step = self.parse_step(&carried.step).unwrap_or(Step::Intro);
        self.notice = Some(format!(
            "Your {} answer{} came with you to this tab.",
            self.answers.len(),
            plural(self.answers.len())
        ));
    }

    /// Stores the engine's drafts (`seed()`) for the main app under
    /// [`SEED_KEY`].
    pub fn store_seed(&mut self, store: &mut dyn KeyValueStore) -> Result<(), StoreError> {
        let drafts = seed(&self.readiness());
        let json = serde_json::to_string(&drafts).unwrap_or_default();
        store.set(SEED_KEY, &json).inspect_err(|e| {
            self.notice = Some(format!("The drafts could not be stored ({e})."));
        })
    }
}

/// Whether `answer` is allowed for `question`.
fn is_valid(question: &Question, answer: &Answer) -> bool {
    match answer {
        Answer::NotApplicable => question.allow_not_applicable,
        Answer::Option(id) => id != NOT_APPLICABLE && question.option(id).is_some(),
    }
}

/// Percent-encodes everything but the unreserved characters (RFC 3986).
fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 2);
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// The inverse of [`percent_encode`]; `None` for a malformed escape or text
/// that is not UTF-8.
fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&byte) = bytes.get(i) {
        if byte == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(byte);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::store::MemoryStore;
    use riskwright_engine::readiness::{default_questionnaire, Maturity};

    fn fresh() -> (State, MemoryStore) {
        (State::new(default_questionnaire()), MemoryStore::default())
    }

    fn step(state: &mut State, store: &mut MemoryStore, msg: Msg) -> bool {
        let changed = state.update(msg);
        if changed {
            state.save(store);
        }
        changed
    }

    #[test]
    fn answering_everything_fully_reaches_100_percent() {
        let (mut state, mut store) = fresh();
        let count = state.questionnaire.questions.len();
        step(&mut state, &mut store, Msg::Start);
        assert_eq!(state.step, Step::Question(0));
        for i in 0..count {
            assert_eq!(state.step, Step::Question(i));
            assert!(step(&mut state, &mut store, Msg::Answer("fully".into())));
            step(&mut state, &mut store, Msg::Next);
        }
        assert_eq!(state.step, Step::Result);
        let result = state.readiness();
        assert_eq!(result.overall.percent, Some(100.0));
        assert_eq!(result.maturity, Some(Maturity::Optimised));
        assert_eq!(
            store.values.get(STEP_KEY).map(String::as_str),
            Some("result")
        );
    }

    #[test]
    fn progress_names_the_question_and_section() {
        let (mut state, _) = fresh();
        state.update(Msg::Start);
        let text = state.progress_text();
        assert!(text.starts_with("Question 1 of "), "{text}");
        assert!(text.contains("Clause 4"), "{text}");
    }

    #[test]
    fn invalid_answers_are_refused() {
        let (mut state, _) = fresh();
        assert!(
            !state.update(Msg::Answer("fully".into())),
            "not on a question"
        );
        state.update(Msg::Start);
        assert!(!state.update(Msg::Answer("maybe".into())));
        let (i, q) = state
            .current()
            .map(|(i, q)| (i, q.clone()))
            .unwrap_or_else(|| unreachable!());
        assert_eq!(i, 0);
        if !q.allow_not_applicable {
            assert!(!state.update(Msg::Answer(NOT_APPLICABLE.into())));
        }
        assert!(state.answers.is_empty());
    }

    #[test]
    fn not_applicable_is_accepted_where_allowed() {
        let (mut state, _) = fresh();
        let index = state
            .questionnaire
            .questions
            .iter()
            .position(|q| q.allow_not_applicable)
            .unwrap_or_else(|| unreachable!("the shipped questionnaire has one"));
        state.update(Msg::GoTo(index));
        assert!(state.update(Msg::Answer(NOT_APPLICABLE.into())));
        assert_eq!(state.readiness().overall.not_applicable, 1);
    }

    #[test]
    fn progress_is_resumed_after_a_reload() {
        let (mut state, mut store) = fresh();
        step(&mut state, &mut store, Msg::Start);
        for _ in 0..5 {
            step(&mut state, &mut store, Msg::Answer("partly".into()));
            step(&mut state, &mut store, Msg::Next);
        }
        let resumed = State::restore(default_questionnaire(), &store);
        assert_eq!(resumed.step, Step::Question(5));
        assert_eq!(resumed.answers.len(), 5);
        assert_eq!(resumed.notice, None);
        let mut intro = resumed.clone();
        intro.step = Step::Intro;
        intro.update(Msg::Start);
        assert_eq!(
            intro.step,
            Step::Question(5),
            "Start goes to the first open question"
        );
    }

    #[test]
    fn corrupt_progress_is_ignored_with_a_notice() {
        for (answers, step_text) in [
            ("{not json", "question:nope"),
            ("[1,2,3]", "garbage"),
            ("{\"risk-method\": 7}", "question:"),
        ] {
            let mut store = MemoryStore::default();
            store.values.insert(ANSWERS_KEY.into(), answers.into());
            store.values.insert(STEP_KEY.into(), step_text.into());
            let state = State::restore(default_questionnaire(), &store);
            assert_eq!(state.step, Step::Intro);
            assert!(state.answers.is_empty());
            assert!(state.notice.is_some(), "{answers}");
        }
    }

    #[test]
    fn mismatched_answers_are_dropped_and_counted() {
        let mut store = MemoryStore::default();
        let first = default_questionnaire().questions[0].id.clone();
        store.values.insert(
            ANSWERS_KEY.into(),
            format!("{{\"{first}\": \"largely\", \"unknown\": \"fully\", \"{first}x\": \"no\"}}"),
        );
        let state = State::restore(default_questionnaire(), &store);
        assert_eq!(state.answers.len(), 1);
        assert!(state
            .notice
            .as_deref()
            .is_some_and(|n| n.starts_with("2 saved answers")));
    }

    #[test]
    fn blocked_storage_is_detected_and_the_answers_kept_in_memory() {
        let mut store = MemoryStore {
            unavailable: true,
            ..Default::default()
        };
        let mut state = State::restore(default_questionnaire(), &store);
        assert!(state.storage_blocked);
        assert_eq!(state.notice, None, "the banner says it, not an error");
        state.update(Msg::Start);
        state.update(Msg::Answer("no".into()));
        state.save(&mut store);
        assert_eq!(state.notice, None, "no failure reported for each answer");
        assert_eq!(state.answers.len(), 1);
        state.clear(&mut store);
        assert!(state.storage_blocked);
        assert!(state.answers.is_empty());
        assert_eq!(
            state.notice.as_deref(),
            Some("Your answers were cleared from this browser.")
        );
    }

    #[test]
    fn a_full_store_is_reported_once_saving_fails() {
        let (mut state, mut store) = fresh();
        state.update(Msg::Start);
        state.update(Msg::Answer("no".into()));
        store.unavailable = true;
        state.save(&mut store);
        assert!(state
            .notice
            .as_deref()
            .is_some_and(|n| n.contains("cannot be saved")));
        state.clear(&mut store);
        assert!(state
            .notice
            .as_deref()
            .is_some_and(|n| n.contains("could not be removed")));
    }

    #[test]
    fn answers_travel_to_a_new_tab_in_the_fragment() {
        let (mut state, _) = fresh();
        let count = state.questionnaire.questions.len();
        state.update(Msg::Start);
        state.update(Msg::Answer("partly".into()));
        state.update(Msg::Next);
        state.update(Msg::Answer("largely".into()));
        let fragment = state.fragment(false);
        assert!(fragment.starts_with("sa="));
        assert!(
            fragment[3..]
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"-._~%".contains(&b)),
            "{fragment}"
        );
        let carried =
            State::read_fragment(&format!("#{fragment}")).unwrap_or_else(|| unreachable!());
        assert!(!carried.then_seed);
        let mut tab = State::new(default_questionnaire());
        tab.take_over(&carried);
        assert_eq!(tab.answers, state.answers);
        assert_eq!(tab.step, Step::Question(1));
        assert!(tab
            .notice
            .as_deref()
            .is_some_and(|n| n.contains("2 answers")));
        // Seeding is carried too; anything else is not a carried fragment.
        assert!(State::read_fragment(&state.fragment(true)).is_some_and(|c| c.then_seed));
        for other in ["", "#top", "#sa=%ZZ", "#sa=%7B", "#sa=%FF%FE", "sa=%7B%7D"] {
            assert_eq!(State::read_fragment(other), None, "{other}");
        }
        // Answers that do not fit the questions are left behind.
        let mut odd = carried.clone();
        odd.answers
            .insert("unknown".into(), Answer::option("fully"));
        odd.answers.insert(
            tab.questionnaire.questions[2].id.clone(),
            Answer::option("maybe"),
        );
        odd.step = "question:nope".into();
        let mut other = State::new(default_questionnaire());
        other.take_over(&odd);
        assert_eq!(other.answers.len(), 2);
        assert_eq!(other.step, Step::Intro);
        assert!(count > 2);
    }

    #[test]
    fn percent_encoding_round_trips_any_text() {
        for text in ["", "plain", "{\"a\":\"é ü 💡 %20 #&=\"}", "100%"] {
            assert_eq!(percent_decode(&percent_encode(text)).as_deref(), Some(text));
        }
    }

    #[test]
    fn back_and_next_walk_the_steps() {
        let (mut state, _) = fresh();
        let count = state.questionnaire.questions.len();
        assert!(state.update(Msg::Next));
        assert_eq!(state.step, Step::Question(0));
        assert!(state.update(Msg::Back));
        assert_eq!(state.step, Step::Intro);
        assert!(!state.update(Msg::Back));
        state.update(Msg::GoTo(count - 1));
        state.update(Msg::Next);
        assert_eq!(state.step, Step::Result);
        state.update(Msg::Back);
        assert_eq!(state.step, Step::Question(count - 1));
        assert!(!state.update(Msg::GoTo(count)));
        state.update(Msg::GoTo(3));
        assert!(state.update(Msg::ShowResult));
        assert_eq!(state.step, Step::Result);
    }

    #[test]
    fn seeding_and_clearing() {
        let (mut state, mut store) = fresh();
        step(&mut state, &mut store, Msg::Start);
        step(&mut state, &mut store, Msg::Answer("no".into()));
        state
            .store_seed(&mut store)
            .unwrap_or_else(|_| unreachable!());
        let seed: serde_json::Value =
            serde_json::from_str(&store.values[SEED_KEY]).unwrap_or_default();
        assert_eq!(seed["risks"].as_array().map(Vec::len), Some(1));
        state.clear(&mut store);
        assert!(store.values.is_empty());
        assert_eq!(state.step, Step::Intro);
        assert!(state.answers.is_empty());
    }

    #[test]
    fn the_result_json_holds_answers_and_scores() {
        let (mut state, _) = fresh();
        state.update(Msg::Start);
        state.update(Msg::Answer("largely".into()));
        let json: serde_json::Value =
            serde_json::from_str(&state.result_json()).unwrap_or_default();
        assert_eq!(json["answers"].as_object().map(|a| a.len()), Some(1));
        assert_eq!(json["kind"], "riskwright-readiness-result");
        assert!(json["seed"]["risks"].is_array());
        assert!(json["readiness"]["overall"]["explanation"].is_array());
    }
}
