//! The risk treatment plan screen's state (ISO/IEC 27001 6.1.3 e): the
//! action being added or edited, and the "only overdue" filter. Every change
//! goes through `AppState::apply`, so the engine checks it, pushes the
//! action's status onto the risks it treats, and records it for undo.

use super::state::AppState;
use riskwright_engine::date::Date;
use riskwright_engine::document::{ActionStatus, PlanAction};
use riskwright_engine::register::RegisterEdit;
use riskwright_engine::Diagnostic;

/// What the plan screen shows besides the assessment.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PlanUi {
    /// Show only overdue actions.
    pub overdue_only: bool,
    /// The action being added or edited, if any.
    pub form: Option<ActionForm>,
}

/// An action being edited, not yet in the plan.
#[derive(Debug, Clone, PartialEq)]
pub struct ActionForm {
    /// The draft. A new one has an empty id: the engine gives it `A-n`.
    pub action: PlanAction,
    /// Whether saving adds it (or replaces the action with its id).
    pub is_new: bool,
    /// Problems found when reading a field or saving, by path.
    pub problems: Vec<Diagnostic>,
}

/// A field of the action form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ActionField {
    /// What is to be done.
    Title,
    /// The control id, empty for none.
    Control,
    /// Who is responsible.
    Owner,
    /// Due date, `YYYY-MM-DD` or empty.
    Due,
    /// Status, by its file name (`planned`, `in_progress`, `done`).
    Status,
    /// Whether the action treats the risk with this id ("true"/"false").
    Risk(String),
    /// Free notes.
    Note,
}

/// A change on the plan screen.
#[derive(Debug, Clone, PartialEq)]
pub enum PlanMsg {
    /// Show only overdue actions, or all.
    OverdueOnly(bool),
    /// Open the form on a new action.
    New,
    /// Open the form on an existing action.
    Edit(String),
    /// Change a form field.
    Field(ActionField, String),
    /// Save the form.
    Save,
    /// Close the form.
    Cancel,
    /// Remove an action (undo brings it back).
    Delete(String),
    /// Set an action's status straight from its row.
    SetStatus(String, String),
}

/// The name of a status in files and in the form's options.
pub fn status_key(status: ActionStatus) -> &'static str {
    match status {
        ActionStatus::Planned => "planned",
        ActionStatus::InProgress => "in_progress",
        ActionStatus::Done => "done",
    }
}

fn parse_status(key: &str) -> Result<ActionStatus, Diagnostic> {
    ActionStatus::ALL
        .into_iter()
        .find(|s| status_key(*s) == key)
        .ok_or_else(|| Diagnostic::new("$.status", format!("'{key}' is not an action status")))
}

/// The paths of problems found when reading a field, before the engine sees
/// the action.
const LOCAL_PATHS: [&str; 2] = ["$.due", "$.status"];

/// How many actions the plan has, in total, overdue and per status.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PlanCounts {
    /// Every action.
    pub total: usize,
    /// Past their due date and not done.
    pub overdue: usize,
    /// Per status, in `ActionStatus::ALL` order.
    pub by_status: [usize; 3],
}

impl PlanCounts {
    /// Actions with `status`.
    pub fn of(&self, status: ActionStatus) -> usize {
        ActionStatus::ALL
            .iter()
            .position(|s| *s == status)
            .map_or(0, |k| self.by_status[k])
    }
}

impl AppState {
    /// The plan's actions the screen lists on `today`, in plan order.
    pub fn plan_rows(&self, today: Date) -> Vec<&PlanAction> {
        self.assessment
            .plan
            .iter()
            .filter(|a| !self.plan.overdue_only || a.is_overdue(today))
            .collect()
    }

    /// The counts over the whole plan on `today`.
    pub fn plan_counts(&self, today: Date) -> PlanCounts {
        let mut counts = PlanCounts::default();
        for action in &self.assessment.plan {
            counts.total += 1;
            counts.overdue += usize::from(action.is_overdue(today));
            if let Some(k) = ActionStatus::ALL.iter().position(|s| *s == action.status) {
                counts.by_status[k] += 1;
            }
        }
        counts
    }

    /// Applies a plan-screen message; true when the assessment changed.
    pub fn update_plan(&mut self, msg: PlanMsg, now: &str) -> bool {
        match msg {
            PlanMsg::OverdueOnly(on) => {
                self.plan.overdue_only = on;
                false
            }
            PlanMsg::New => {
                self.plan.form = Some(ActionForm {
                    action: PlanAction::default(),
                    is_new: true,
                    problems: Vec::new(),
                });
                false
            }
            PlanMsg::Edit(id) => {
                self.plan.form = self
                    .assessment
                    .plan
                    .iter()
                    .find(|a| a.id == id)
                    .map(|action| ActionForm {
                        action: action.clone(),
                        is_new: false,
                        problems: Vec::new(),
                    });
                false
            }
            PlanMsg::Field(field, value) => {
                if let Some(form) = &mut self.plan.form {
                    match form.set(field, value) {
                        Ok(()) => form.problems.clear(),
                        Err(problem) => form.problems = vec![problem],
                    }
                }
                false
            }
            PlanMsg::Cancel => {
                self.plan.form = None;
                false
            }
            PlanMsg::Save => {
                let Some(form) = self.plan.form.clone() else {
                    return false;
                };
                if form
                    .problems
                    .iter()
                    .any(|p| LOCAL_PATHS.contains(&p.path.as_str()))
                {
                    // A field that could not be read (a bad date) stays
                    // shown until it is fixed.
                    return false;
                }
                let edit = if form.is_new {
                    RegisterEdit::AddAction(form.action)
                } else {
                    RegisterEdit::UpdateAction(form.action)
                };
                match self.apply(edit, now) {
                    Ok(()) => {
                        self.plan.form = None;
                        true
                    }
                    Err(problems) => {
                        if let Some(form) = &mut self.plan.form {
                            form.problems = problems;
                        }
                        false
                    }
                }
            }
            PlanMsg::Delete(id) => {
                let changed = self.refusable(RegisterEdit::DeleteAction { id: id.clone() }, now);
                if changed && self.plan.form.as_ref().is_some_and(|f| f.action.id == id) {
                    self.plan.form = None;
                }
                changed
            }
            PlanMsg::SetStatus(id, key) => {
                let status = match parse_status(&key) {
                    Ok(status) => status,
                    Err(problem) => {
                        self.notice = Some(super::state::Notice::Refused(vec![problem]));
                        return false;
                    }
                };
                let Some(action) = self.assessment.plan.iter().find(|a| a.id == id) else {
                    return false;
                };
                if action.status == status {
                    return false;
                }
                let action = PlanAction {
                    status,
                    ..action.clone()
                };
                self.refusable(RegisterEdit::UpdateAction(action), now)
            }
        }
    }
}

impl ActionForm {
    /// Applies a field edit to the draft. Returns a problem when the text
    /// cannot be read (a bad date); the engine checks the rest on save.
    pub fn set(&mut self, field: ActionField, value: String) -> Result<(), Diagnostic> {
        let a = &mut self.action;
        match field {
            ActionField::Title => a.title = value,
            ActionField::Control => a.control_id = value.trim().to_string(),
            ActionField::Owner => a.owner = value,
            ActionField::Note => a.note = value,
            ActionField::Due => {
                let text = value.trim();
                a.due = if text.is_empty() {
                    None
                } else {
                    Some(Date::parse(text).map_err(|m| Diagnostic::new("$.due", m))?)
                };
            }
            ActionField::Status => a.status = parse_status(&value)?,
            ActionField::Risk(id) => {
                a.risk_ids.retain(|r| r != &id);
                if value == "true" {
                    a.risk_ids.push(id);
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::state::Msg;
    use riskwright_engine::document::{Assessment, Risk, ScoredTier};
    use riskwright_engine::treatment::ControlStatus;

    const NOW: &str = "2026-11-28T10:00:00.000Z";

    fn today() -> Date {
        Date::parse(NOW).unwrap()
    }

    fn plan(s: &mut AppState, msg: PlanMsg) -> bool {
        s.update(Msg::Plan(msg), NOW)
    }

    fn field(s: &mut AppState, f: ActionField, v: &str) {
        plan(s, PlanMsg::Field(f, v.into()));
    }

    /// Two risks on the 5×5 default: R-1 scored very high, R-2 low.
    fn state() -> AppState {
        let mut a = Assessment::new("Test");
        let tier = |l: u8, i: u8| ScoredTier {
            likelihood: l,
            impacts: [("availability".to_string(), i)].into(),
        };
        a.risks = vec![
            Risk {
                id: "R-1".into(),
                title: "Ransomware".into(),
                owner: "CTO".into(),
                inherent: Some(tier(4, 5)),
                current: None,
                ..Risk::default()
            },
            Risk {
                id: "R-2".into(),
                title: "Laptop theft".into(),
                inherent: Some(tier(1, 2)),
                ..Risk::default()
            },
        ];
        AppState::new(a)
    }

    fn add_malware_action(s: &mut AppState, due: &str) {
        plan(s, PlanMsg::New);
        field(s, ActionField::Title, "Roll out EDR");
        field(s, ActionField::Control, "8.7");
        field(s, ActionField::Owner, "Ops lead");
        field(s, ActionField::Due, due);
        field(s, ActionField::Risk("R-1".into()), "true");
        assert!(plan(s, PlanMsg::Save), "{:?}", s.plan.form);
    }

    #[test]
    fn an_action_is_added_through_the_form_and_gets_an_id() {
        let mut s = state();
        add_malware_action(&mut s, "2027-01-31");
        assert!(s.plan.form.is_none());
        let action = &s.assessment.plan[0];
        assert_eq!(action.id, "A-1");
        assert_eq!(action.title, "Roll out EDR");
        assert_eq!(action.owner, "Ops lead");
        assert_eq!(action.due, Date::from_ymd(2027, 1, 31));
        assert_eq!(action.status, ActionStatus::Planned);
        assert_eq!(action.risk_ids, vec!["R-1".to_string()]);
        // The engine applied the control, planned, to the risk it treats.
        let risk = &s.assessment.risks[0];
        assert_eq!(risk.controls[0].control_id, "8.7");
        assert_eq!(risk.controls[0].status, ControlStatus::Planned);
        assert!(s.assessment.risks[1].controls.is_empty());
        assert!(s.update(Msg::Undo, NOW));
        assert!(s.assessment.plan.is_empty(), "adding is undoable");
        assert!(s.assessment.risks[0].controls.is_empty());
    }

    #[test]
    fn an_empty_title_is_refused_with_its_path_and_the_form_stays() {
        let mut s = state();
        plan(&mut s, PlanMsg::New);
        field(&mut s, ActionField::Control, "8.7");
        assert!(!plan(&mut s, PlanMsg::Save));
        let form = s.plan.form.as_ref().unwrap();
        assert!(
            form.problems.iter().any(|p| p.path == "$.plan[0].title"),
            "{:?}",
            form.problems
        );
        assert!(s.assessment.plan.is_empty());
        // A bad date is caught when read, and saving waits for a fix.
        field(&mut s, ActionField::Title, "Roll out EDR");
        field(&mut s, ActionField::Due, "31/01/2027");
        assert_eq!(s.plan.form.as_ref().unwrap().problems[0].path, "$.due");
        assert!(!plan(&mut s, PlanMsg::Save));
        field(&mut s, ActionField::Due, "2027-01-31");
        assert!(plan(&mut s, PlanMsg::Save));
        assert_eq!(s.assessment.plan.len(), 1);
    }

    #[test]
    fn marking_done_implements_the_control_and_lowers_current_risk() {
        let mut s = state();
        add_malware_action(&mut s, "2027-01-31");
        let level = |s: &AppState| {
            let m = riskwright_engine::method::ResolvedMethod::new(s.assessment.method.clone())
                .unwrap();
            riskwright_engine::evaluate::score_tier(
                &m,
                &s.assessment.risks[0],
                riskwright_engine::document::Tier::Current,
            )
            .unwrap()
            .level
        };
        assert_eq!(level(&s), "very_high");
        assert!(plan(
            &mut s,
            PlanMsg::SetStatus("A-1".into(), "done".into())
        ));
        assert_eq!(s.assessment.plan[0].status, ActionStatus::Done);
        let risk = &s.assessment.risks[0];
        assert_eq!(risk.controls[0].status, ControlStatus::Implemented);
        assert_eq!(
            level(&s),
            "high",
            "the preventive control lowers likelihood"
        );
        assert!(
            !plan(&mut s, PlanMsg::SetStatus("A-1".into(), "done".into())),
            "the same status is no edit"
        );
        assert!(!plan(
            &mut s,
            PlanMsg::SetStatus("A-1".into(), "finished".into())
        ));
        // Editing the action back to in progress never moves the control
        // back: the risk's record is the one source of truth.
        plan(&mut s, PlanMsg::Edit("A-1".into()));
        field(&mut s, ActionField::Status, "in_progress");
        assert!(plan(&mut s, PlanMsg::Save));
        assert_eq!(
            s.assessment.risks[0].controls[0].status,
            ControlStatus::Implemented
        );
        assert_eq!(level(&s), "high");
        let source = riskwright_engine::treatment::status_source(
            &s.assessment,
            &s.assessment.risks[0],
            "8.7",
        )
        .unwrap();
        assert_eq!(
            source.describe(),
            "set on the treatment screen, ahead of plan action A-1"
        );
    }

    #[test]
    fn the_overdue_filter_shows_late_actions_that_are_not_done() {
        let mut s = state();
        add_malware_action(&mut s, "2026-01-31");
        add_malware_action(&mut s, "2027-01-31");
        plan(&mut s, PlanMsg::New);
        field(&mut s, ActionField::Title, "No date yet");
        assert!(plan(&mut s, PlanMsg::Save));
        assert_eq!(s.plan_rows(today()).len(), 3);
        plan(&mut s, PlanMsg::OverdueOnly(true));
        let ids: Vec<&str> = s.plan_rows(today()).iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["A-1"]);
        let counts = s.plan_counts(today());
        assert_eq!((counts.total, counts.overdue), (3, 1));
        assert_eq!(counts.of(ActionStatus::Planned), 3);
        // Done is never overdue; due today is not yet overdue.
        assert!(plan(
            &mut s,
            PlanMsg::SetStatus("A-1".into(), "done".into())
        ));
        assert!(s.plan_rows(today()).is_empty());
        assert_eq!(s.plan_counts(today()).of(ActionStatus::Done), 1);
        let due_today = PlanAction {
            due: Some(today()),
            ..PlanAction::default()
        };
        assert!(!due_today.is_overdue(today()));
        assert!(due_today.is_overdue(today().add_days(1)));
    }

    #[test]
    fn deleting_an_action_closes_its_form_and_is_undoable() {
        let mut s = state();
        add_malware_action(&mut s, "2027-01-31");
        plan(&mut s, PlanMsg::Edit("A-1".into()));
        assert!(plan(&mut s, PlanMsg::Delete("A-1".into())));
        assert!(s.plan.form.is_none());
        assert!(s.assessment.plan.is_empty());
        assert!(s.update(Msg::Undo, NOW));
        assert_eq!(s.assessment.plan[0].id, "A-1");
    }
}
