//! The treatment screen's state: one risk's treatment option, applied
//! controls, overrides and acceptance (ISO/IEC 27001 6.1.3, ISO/IEC 27005
//! 8.2 and 8.3).
//!
//! Every change to the risk is one `RegisterEdit::UpdateRisk` through
//! `AppState::apply`, so the engine checks it (justifications, known
//! controls, acceptance), re-projects the current and residual tiers from the
//! applied controls, records it in the history, and undo reverses it. This
//! module only keeps what the user has typed or chosen until it is applied,
//! and the problems the engine gave back, per part of the screen.

use super::state::{AppState, View};
use riskwright_engine::catalogue::ControlType;
use riskwright_engine::date::Date;
use riskwright_engine::document::{Acceptance, Risk, ScoredTier, Tier, TreatmentDecision};
use riskwright_engine::method::ResolvedMethod;
use riskwright_engine::register::{effectiveness_label, RegisterEdit};
use riskwright_engine::soa::control_key;
use riskwright_engine::treatment::{
    residual_level, AppliedControl, ControlStatus, Effectiveness, TreatmentOption,
};
use riskwright_engine::Diagnostic;
use std::collections::BTreeMap;

/// What the treatment screen shows besides the assessment: the drafts of
/// the risk being treated. Opening another risk starts them afresh.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TreatUi {
    /// The risk being treated.
    pub risk_id: Option<String>,
    /// The treatment option chosen, not yet saved.
    pub option: Option<TreatmentOption>,
    /// The justification typed for the option.
    pub justification: String,
    /// Why the decision was refused.
    pub decision_problems: Vec<Diagnostic>,
    /// The control id typed in "Add a control".
    pub control_input: String,
    /// Why a control change was refused.
    pub control_problems: Vec<Diagnostic>,
    /// The open "Set by hand" forms, per tier (current, residual).
    pub overrides: BTreeMap<Tier, OverrideDraft>,
    /// Who accepts the residual risk.
    pub accept_by: String,
    /// When, `YYYY-MM-DD`.
    pub accept_on: String,
    /// What they said.
    pub accept_note: String,
    /// Why the acceptance was refused.
    pub acceptance_problems: Vec<Diagnostic>,
}

/// A tier being set by hand against the projection.
#[derive(Debug, Clone, PartialEq)]
pub struct OverrideDraft {
    /// The value chosen.
    pub tier: ScoredTier,
    /// Why the projection is not followed.
    pub justification: String,
    /// Why applying it was refused.
    pub problems: Vec<Diagnostic>,
}

/// A field of a "Set by hand" form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OverrideField {
    /// The likelihood level number.
    Likelihood,
    /// The impact level number on one dimension (empty: not rated).
    Impact(String),
    /// The justification.
    Justification,
}

/// A field of the acceptance form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AcceptField {
    /// Who accepts.
    By,
    /// The date, `YYYY-MM-DD`.
    On,
    /// The note.
    Note,
}

/// A change on the treatment screen.
#[derive(Debug, Clone, PartialEq)]
pub enum TreatMsg {
    /// Show the treatment of this risk.
    Open(String),
    /// Choose a treatment option (a draft until saved).
    ChooseOption(TreatmentOption),
    /// Type the justification.
    Justification(String),
    /// Record the chosen option and justification on the risk.
    SaveDecision,
    /// Apply a suggested or named control: planned, medium, acting through
    /// its first control type.
    ApplyControl(String),
    /// Type in "Add a control".
    ControlInput(String),
    /// Apply the control typed in "Add a control".
    AddControl,
    /// Change an applied control's status.
    SetStatus(String, ControlStatus),
    /// Change an applied control's effectiveness.
    SetEffectiveness(String, Effectiveness),
    /// Change what an applied control acts through.
    SetActsThrough(String, ControlType),
    /// Remove an applied control.
    RemoveControl(String),
    /// Open the "Set by hand" form of a tier.
    OpenOverride(Tier),
    /// Change a field of a "Set by hand" form.
    OverrideField(Tier, OverrideField, String),
    /// Put the hand-set tier on the risk, with its justification.
    ApplyOverride(Tier),
    /// Close a "Set by hand" form without applying it.
    CancelOverride(Tier),
    /// Follow the projection for a tier: set it to what the controls project
    /// and drop its override, if any.
    FollowControls(Tier),
    /// Change a field of the acceptance form.
    AcceptField(AcceptField, String),
    /// Record the risk owner's acceptance of the residual level.
    Accept,
    /// Withdraw the acceptance.
    Withdraw,
    /// Follow the projection for every tier scored by hand to another value
    /// (not those set by hand with a justification).
    Reproject,
}

/// A control status's name in the page (`"in_progress"`).
pub fn status_name(status: ControlStatus) -> &'static str {
    match status {
        ControlStatus::Planned => "planned",
        ControlStatus::InProgress => "in_progress",
        ControlStatus::Implemented => "implemented",
        ControlStatus::NotEffective => "not_effective",
    }
}

/// The status named `name` (see [`status_name`]).
pub fn parse_status(name: &str) -> Option<ControlStatus> {
    ControlStatus::ALL
        .into_iter()
        .find(|&s| status_name(s) == name)
}

/// The effectiveness named `name` (`"low"`, `"medium"`, `"high"`).
pub fn parse_effectiveness(name: &str) -> Option<Effectiveness> {
    Effectiveness::ALL
        .into_iter()
        .find(|&e| effectiveness_label(e) == name)
}

/// The treatment option named `name` (`"modify"`…).
pub fn parse_option(name: &str) -> Option<TreatmentOption> {
    TreatmentOption::ALL
        .into_iter()
        .find(|o| o.as_str() == name)
}

/// The option's name for people.
pub fn option_label(option: TreatmentOption) -> &'static str {
    match option {
        TreatmentOption::Modify => "Modify: add or change controls",
        TreatmentOption::Retain => "Retain: accept the risk as it is",
        TreatmentOption::Avoid => "Avoid: stop the activity",
        TreatmentOption::Share => "Share: insurance, contract or outsourcing",
    }
}

impl TreatUi {
    /// The drafts for `risk` (its recorded decision, its owner as the one
    /// who accepts, today as the date).
    fn for_risk(risk: &Risk, today: Option<Date>) -> TreatUi {
        TreatUi {
            risk_id: Some(risk.id.clone()),
            option: risk.decision.as_ref().map(|d| d.option),
            justification: risk
                .decision
                .as_ref()
                .map(|d| d.justification.clone())
                .unwrap_or_default(),
            accept_by: risk.owner.clone(),
            accept_on: today.map(|d| d.to_string()).unwrap_or_default(),
            ..TreatUi::default()
        }
    }
}

impl AppState {
    /// The risk the treatment screen is on, if it still exists.
    pub fn treated_risk(&self) -> Option<&Risk> {
        let id = self.treat.risk_id.as_deref()?;
        self.assessment.risks.iter().find(|r| r.id == id)
    }

    /// Applies `change` to a copy of the open risk and records it as one
    /// `UpdateRisk`.
    fn update_treated(
        &mut self,
        now: &str,
        change: impl FnOnce(&mut Risk) -> Result<(), Diagnostic>,
    ) -> Result<(), Vec<Diagnostic>> {
        let Some(mut risk) = self.treated_risk().cloned() else {
            return Err(vec![Diagnostic::new(
                "$.risks",
                "the risk is no longer in the register",
            )]);
        };
        change(&mut risk).map_err(|p| vec![p])?;
        self.apply(RegisterEdit::UpdateRisk(risk), now)
    }

    /// Applies a treatment-screen message; true when the assessment changed.
    pub fn update_treat(&mut self, msg: TreatMsg, now: &str) -> bool {
        let ui = &mut self.treat;
        match msg {
            TreatMsg::Open(id) => {
                if ui.risk_id.as_deref() != Some(id.as_str()) {
                    let today = Date::parse(now).ok();
                    self.treat = match self.assessment.risks.iter().find(|r| r.id == id) {
                        Some(risk) => TreatUi::for_risk(risk, today),
                        None => TreatUi {
                            risk_id: Some(id),
                            ..TreatUi::default()
                        },
                    };
                }
                self.view = View::Treatment;
                false
            }
            TreatMsg::ChooseOption(option) => {
                ui.option = Some(option);
                ui.decision_problems.clear();
                false
            }
            TreatMsg::Justification(text) => {
                ui.justification = text;
                false
            }
            TreatMsg::SaveDecision => {
                let Some(option) = ui.option else {
                    ui.decision_problems = vec![Diagnostic::new(
                        "$.decision.option",
                        "choose a treatment option first",
                    )];
                    return false;
                };
                let decision = TreatmentDecision {
                    option,
                    justification: ui.justification.trim().to_string(),
                };
                let result = self.update_treated(now, |r| {
                    r.decision = Some(decision);
                    Ok(())
                });
                self.settle(result, |ui| &mut ui.decision_problems)
            }
            TreatMsg::ControlInput(text) => {
                ui.control_input = text;
                ui.control_problems.clear();
                false
            }
            TreatMsg::AddControl => {
                let id = ui.control_input.trim().to_string();
                if id.is_empty() {
                    ui.control_problems = vec![Diagnostic::new(
                        "$.controls.control_id",
                        "type or pick a control id to add",
                    )];
                    return false;
                }
                let added = self.add_control(&id, now);
                if added {
                    self.treat.control_input.clear();
                }
                added
            }
            TreatMsg::ApplyControl(id) => self.add_control(&id, now),
            TreatMsg::SetStatus(id, status) => self.change_control(&id, now, |c| c.status = status),
            TreatMsg::SetEffectiveness(id, e) => {
                self.change_control(&id, now, |c| c.effectiveness = e)
            }
            TreatMsg::SetActsThrough(id, through) => {
                self.change_control(&id, now, |c| c.acts_through = through)
            }
            TreatMsg::RemoveControl(id) => {
                let key = control_key(&id);
                let result = self.update_treated(now, |r| {
                    r.controls.retain(|c| control_key(&c.control_id) != key);
                    Ok(())
                });
                self.settle(result, |ui| &mut ui.control_problems)
            }
            TreatMsg::OpenOverride(tier) => {
                let Some(risk) = self.treated_risk() else {
                    return false;
                };
                // Start from the tier as it stands, else the inherent one.
                let start = risk
                    .tier(tier)
                    .or(risk.inherent.as_ref())
                    .cloned()
                    .unwrap_or_else(|| ScoredTier {
                        likelihood: 0,
                        impacts: BTreeMap::new(),
                    });
                let justification = risk.overrides.get(&tier).cloned().unwrap_or_default();
                self.treat.overrides.insert(
                    tier,
                    OverrideDraft {
                        tier: start,
                        justification,
                        problems: Vec::new(),
                    },
                );
                false
            }
            TreatMsg::OverrideField(tier, field, value) => {
                let Some(draft) = ui.overrides.get_mut(&tier) else {
                    return false;
                };
                match field {
                    OverrideField::Likelihood => {
                        draft.tier.likelihood = value.trim().parse().unwrap_or(0);
                    }
                    OverrideField::Impact(dimension) => match value.trim().parse::<u8>() {
                        Ok(level) => {
                            draft.tier.impacts.insert(dimension, level);
                        }
                        Err(_) => {
                            draft.tier.impacts.remove(&dimension);
                        }
                    },
                    OverrideField::Justification => draft.justification = value,
                }
                false
            }
            TreatMsg::ApplyOverride(tier) => {
                let Some(draft) = ui.overrides.get(&tier).cloned() else {
                    return false;
                };
                let result = self.update_treated(now, |r| {
                    r.overrides
                        .insert(tier, draft.justification.trim().to_string());
                    match tier {
                        Tier::Current => r.current = Some(draft.tier),
                        Tier::Residual => r.residual = Some(draft.tier),
                        Tier::Inherent => {
                            return Err(Diagnostic::new(
                                "$.overrides.inherent",
                                "the inherent risk is scored in the register, not set by hand",
                            ))
                        }
                    }
                    Ok(())
                });
                match result {
                    Ok(()) => {
                        self.treat.overrides.remove(&tier);
                        true
                    }
                    Err(problems) => {
                        if let Some(d) = self.treat.overrides.get_mut(&tier) {
                            d.problems = problems;
                        }
                        false
                    }
                }
            }
            TreatMsg::CancelOverride(tier) => {
                ui.overrides.remove(&tier);
                false
            }
            TreatMsg::FollowControls(tier) => {
                self.treat.overrides.remove(&tier);
                self.follow_projection(&[tier], now)
            }
            TreatMsg::AcceptField(field, value) => {
                *match field {
                    AcceptField::By => &mut ui.accept_by,
                    AcceptField::On => &mut ui.accept_on,
                    AcceptField::Note => &mut ui.accept_note,
                } = value;
                ui.acceptance_problems.clear();
                false
            }
            TreatMsg::Accept => {
                let by = ui.accept_by.trim().to_string();
                let note = ui.accept_note.trim().to_string();
                let on = Date::parse(ui.accept_on.trim());
                let method = ResolvedMethod::new(self.assessment.method.clone());
                let result = self.update_treated(now, |r| {
                    let on = on.map_err(|e| Diagnostic::new("$.acceptance.on", e))?;
                    let level = method
                        .ok()
                        .and_then(|m| {
                            let (index, _) = residual_level(&m, r)?;
                            m.level(index).map(|l| l.id.clone())
                        })
                        .ok_or_else(|| {
                            Diagnostic::new(
                                "$.acceptance.level",
                                "score the residual or current risk before accepting it",
                            )
                        })?;
                    r.acceptance = Some(Acceptance {
                        by,
                        on,
                        note,
                        level,
                    });
                    Ok(())
                });
                let accepted = self.settle(result, |ui| &mut ui.acceptance_problems);
                if accepted {
                    self.treat.accept_note.clear();
                }
                accepted
            }
            TreatMsg::Withdraw => {
                let result = self.update_treated(now, |r| {
                    r.acceptance = None;
                    Ok(())
                });
                self.settle(result, |ui| &mut ui.acceptance_problems)
            }
            TreatMsg::Reproject => {
                let Some(risk) = self.treated_risk() else {
                    return false;
                };
                let tiers: Vec<Tier> = ResolvedMethod::new(self.assessment.method.clone())
                    .map(|m| riskwright_engine::treatment::stale_projections(&m, risk))
                    .unwrap_or_default();
                self.follow_projection(&tiers, now)
            }
        }
    }

    /// Sets `tiers` of the open risk to what its controls project and drops
    /// their overrides, as the user chose: one undoable step, recorded in
    /// the history as a re-scoring "followed the projection".
    fn follow_projection(&mut self, tiers: &[Tier], now: &str) -> bool {
        let (Some(risk), Ok(method)) = (
            self.treated_risk().cloned(),
            ResolvedMethod::new(self.assessment.method.clone()),
        ) else {
            return false;
        };
        let followed = tiers.iter().fold(risk, |r, &tier| {
            riskwright_engine::treatment::follow_projection(&method, &r, tier)
        });
        let result = self.apply_because(
            RegisterEdit::UpdateRisk(followed),
            now,
            "followed the projection from the controls",
        );
        self.settle(result, |ui| &mut ui.control_problems)
    }

    /// Applies the control `id` to the open risk: planned, medium
    /// effectiveness, through its first control type.
    fn add_control(&mut self, id: &str, now: &str) -> bool {
        let applied = AppliedControl {
            control_id: id.trim().to_string(),
            status: ControlStatus::Planned,
            effectiveness: Effectiveness::Medium,
            acts_through: riskwright_engine::soa::default_acts_through(&self.assessment, id),
        };
        let result = self.update_treated(now, |r| {
            r.controls.push(applied);
            Ok(())
        });
        self.settle(result, |ui| &mut ui.control_problems)
    }

    /// Changes the applied control `id` of the open risk.
    fn change_control(
        &mut self,
        id: &str,
        now: &str,
        change: impl FnOnce(&mut AppliedControl),
    ) -> bool {
        let key = control_key(id);
        let result = self.update_treated(now, |r| {
            let c = r
                .controls
                .iter_mut()
                .find(|c| control_key(&c.control_id) == key)
                .ok_or_else(|| {
                    Diagnostic::new(
                        "$.controls",
                        format!("control {key} is not applied to this risk"),
                    )
                })?;
            change(c);
            Ok(())
        });
        self.settle(result, |ui| &mut ui.control_problems)
    }

    /// Keeps a refusal's problems where the screen shows them (or clears
    /// them on success); true when the edit was made.
    fn settle(
        &mut self,
        result: Result<(), Vec<Diagnostic>>,
        place: impl FnOnce(&mut TreatUi) -> &mut Vec<Diagnostic>,
    ) -> bool {
        let slot = place(&mut self.treat);
        match result {
            Ok(()) => {
                slot.clear();
                true
            }
            Err(problems) => {
                *slot = problems;
                false
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::state::Msg;
    use riskwright_engine::document::{Assessment, Threat};
    use riskwright_engine::evaluate::score_tier;
    use riskwright_engine::treatment::{acceptance_state, propose, AcceptanceState};

    const NOW: &str = "2027-01-10T09:00:00.000Z";

    fn tier(likelihood: u8, impact: u8) -> ScoredTier {
        ScoredTier {
            likelihood,
            impacts: [("availability".to_string(), impact)].into_iter().collect(),
        }
    }

    /// One ransomware risk at 4 × 5 (very high on the 5×5 preset, whose
    /// appetite is medium), linked to the starter threat T02; its current
    /// and residual tiers are not scored by hand.
    fn state() -> AppState {
        let mut a = Assessment::new("Treat");
        a.threats.push(Threat {
            id: "TH-1".into(),
            name: "Ransomware".into(),
            description: String::new(),
            properties: Vec::new(),
            origin: None,
            catalogue_id: Some("T02".into()),
        });
        let risk = Risk {
            id: "R-1".into(),
            title: "Ransomware on the file server".into(),
            owner: "Head of IT".into(),
            threat_id: Some("TH-1".into()),
            inherent: Some(tier(4, 5)),
            // Not scored by hand: it follows the projection.
            current: None,
            reviewed_on: Some(Date::parse(NOW).unwrap()),
            ..Risk::default()
        };
        a.apply(RegisterEdit::AddRisk(risk), NOW, "").unwrap();
        AppState::new(a)
    }

    fn treat(s: &mut AppState, msg: TreatMsg) -> bool {
        s.update(Msg::Treat(msg), NOW)
    }

    fn level(s: &AppState, t: Tier) -> String {
        let method = ResolvedMethod::new(s.assessment.method.clone()).unwrap();
        score_tier(&method, &s.assessment.risks[0], t)
            .unwrap()
            .level
    }

    fn risk(s: &AppState) -> &Risk {
        &s.assessment.risks[0]
    }

    #[test]
    fn a_hand_scored_current_tier_stays_until_the_user_follows_the_projection() {
        let mut s = state();
        s.assessment.risks[0].current = Some(tier(4, 5));
        treat(&mut s, TreatMsg::Open("R-1".into()));
        treat(&mut s, TreatMsg::ApplyControl("8.7".into()));
        treat(
            &mut s,
            TreatMsg::SetStatus("8.7".into(), ControlStatus::Implemented),
        );
        assert_eq!(risk(&s).current, Some(tier(4, 5)), "scored by hand: kept");
        let undo_depth = s.undo.len();
        assert!(treat(&mut s, TreatMsg::FollowControls(Tier::Current)));
        assert_eq!(risk(&s).current, Some(tier(3, 5)));
        let last = s.assessment.history.last().unwrap();
        assert_eq!(last.reason, "followed the projection from the controls");
        assert_eq!(s.undo.len(), undo_depth + 1, "one undoable step");
        assert!(s.update(Msg::Undo, NOW));
        assert_eq!(risk(&s).current, Some(tier(4, 5)));
    }

    #[test]
    fn a_stale_projection_is_brought_in_line_and_recorded() {
        let mut s = state();
        treat(&mut s, TreatMsg::Open("R-1".into()));
        treat(&mut s, TreatMsg::ApplyControl("8.7".into()));
        // As if the file had been edited by hand: the residual is off.
        s.assessment.risks[0].residual = Some(tier(1, 1));
        let method = ResolvedMethod::new(s.assessment.method.clone()).unwrap();
        assert_eq!(
            riskwright_engine::treatment::stale_projections(&method, risk(&s)),
            vec![Tier::Residual]
        );
        assert!(treat(&mut s, TreatMsg::Reproject));
        assert_eq!(risk(&s).residual, Some(tier(3, 5)));
        // The move is in the history like any other re-scoring. (Undo re-applies
        // the old risk, which the engine re-projects: a stale tier cannot come back.)
        let last = s.assessment.history.last().map(|h| &h.change);
        assert!(matches!(
            last,
            Some(riskwright_engine::document::Change::Score { tier: Tier::Residual, old: Some(o), .. }) if *o == tier(1, 1)
        ));
    }

    #[test]
    fn modify_with_two_suggested_controls_lowers_the_residual_level() {
        let mut s = state();
        treat(&mut s, TreatMsg::Open("R-1".into()));
        assert_eq!(s.view, View::Treatment);
        assert_eq!(
            s.treat.accept_by, "Head of IT",
            "the owner accepts by default"
        );
        assert_eq!(s.treat.accept_on, "2027-01-10");

        let method = ResolvedMethod::new(s.assessment.method.clone()).unwrap();
        let proposal = propose(&s.assessment, &method, "R-1").unwrap();
        assert_eq!(proposal.options[0].option, TreatmentOption::Modify);
        assert!(!treat(
            &mut s,
            TreatMsg::ChooseOption(TreatmentOption::Modify)
        ));
        assert!(
            treat(&mut s, TreatMsg::SaveDecision),
            "modify needs no justification"
        );
        assert_eq!(
            risk(&s).decision.as_ref().map(|d| d.option),
            Some(TreatmentOption::Modify)
        );

        // The two best suggestions, one preventive and one that is not.
        let preventive = proposal
            .controls
            .iter()
            .find(|c| {
                riskwright_engine::soa::default_acts_through(&s.assessment, &c.id)
                    == ControlType::Preventive
            })
            .unwrap()
            .id
            .clone();
        let other = proposal
            .controls
            .iter()
            .find(|c| {
                riskwright_engine::soa::default_acts_through(&s.assessment, &c.id)
                    != ControlType::Preventive
            })
            .unwrap()
            .id
            .clone();
        assert_eq!(level(&s, Tier::Inherent), "very_high");
        assert!(risk(&s).residual.is_none(), "no control yet");
        assert!(treat(&mut s, TreatMsg::ApplyControl(preventive.clone())));
        assert!(treat(&mut s, TreatMsg::ApplyControl(other.clone())));
        let controls = &risk(&s).controls;
        assert_eq!(controls.len(), 2);
        assert!(controls.iter().all(
            |c| c.status == ControlStatus::Planned && c.effectiveness == Effectiveness::Medium
        ));
        assert_eq!(controls[0].acts_through, ControlType::Preventive);
        // Planned controls lower the residual tier only: 3 × 4 = 12, high.
        assert_eq!(risk(&s).residual, Some(tier(3, 4)));
        assert_eq!(level(&s, Tier::Residual), "high");
        assert_eq!(level(&s, Tier::Current), "very_high");

        // Implementing one lowers the current tier too.
        assert!(treat(
            &mut s,
            TreatMsg::SetStatus(preventive.clone(), ControlStatus::Implemented)
        ));
        assert_eq!(risk(&s).current, Some(tier(3, 5)));
        // A high effectiveness lowers by two levels: 1 × 4 = 4, low.
        assert!(treat(
            &mut s,
            TreatMsg::SetEffectiveness(preventive.clone(), Effectiveness::High)
        ));
        assert_eq!(risk(&s).residual, Some(tier(2, 4)));
        assert_eq!(level(&s, Tier::Residual), "medium");

        // Applying the same control twice is refused by the engine, at the field.
        assert!(!treat(&mut s, TreatMsg::ApplyControl(preventive.clone())));
        assert!(s.treat.control_problems[0]
            .message
            .contains("applied twice"));

        // A control that does not exist, typed by hand.
        treat(&mut s, TreatMsg::ControlInput("9.99".into()));
        assert!(!treat(&mut s, TreatMsg::AddControl));
        assert!(s.treat.control_problems[0]
            .message
            .contains("neither an Annex A control"));
        treat(&mut s, TreatMsg::ControlInput("A.5.24".into()));
        assert!(treat(&mut s, TreatMsg::AddControl));
        assert!(s.treat.control_input.is_empty() && s.treat.control_problems.is_empty());
        assert!(treat(&mut s, TreatMsg::RemoveControl("5.24".into())));
        assert_eq!(risk(&s).controls.len(), 2);
    }

    #[test]
    fn retain_needs_a_justification() {
        let mut s = state();
        treat(&mut s, TreatMsg::Open("R-1".into()));
        treat(&mut s, TreatMsg::ChooseOption(TreatmentOption::Retain));
        assert!(!treat(&mut s, TreatMsg::SaveDecision));
        assert!(
            s.treat.decision_problems[0]
                .path
                .ends_with(".decision.justification"),
            "{:?}",
            s.treat.decision_problems
        );
        assert!(risk(&s).decision.is_none());
        treat(
            &mut s,
            TreatMsg::Justification("The file server is retired in March".into()),
        );
        assert!(treat(&mut s, TreatMsg::SaveDecision));
        assert!(s.treat.decision_problems.is_empty());
        let decision = risk(&s).decision.clone().unwrap();
        assert_eq!(decision.option, TreatmentOption::Retain);
        assert_eq!(
            decision.justification,
            "The file server is retired in March"
        );
    }

    #[test]
    fn saving_without_an_option_says_so() {
        let mut s = state();
        treat(&mut s, TreatMsg::Open("R-1".into()));
        assert!(!treat(&mut s, TreatMsg::SaveDecision));
        assert!(s.treat.decision_problems[0].message.contains("choose"));
    }

    #[test]
    fn the_owner_accepts_the_residual_level_and_undo_takes_it_back() {
        let mut s = state();
        // The current risk as scored in the register: nothing in place yet.
        s.assessment.risks[0].current = Some(tier(4, 5));
        treat(&mut s, TreatMsg::Open("R-1".into()));
        let method = ResolvedMethod::new(s.assessment.method.clone()).unwrap();
        let today = Date::parse(NOW).unwrap();
        assert_eq!(
            acceptance_state(&method, risk(&s), today),
            AcceptanceState::Missing
        );
        treat(&mut s, TreatMsg::ApplyControl("8.7".into()));
        treat(
            &mut s,
            TreatMsg::AcceptField(AcceptField::Note, "Until the backup project".into()),
        );
        assert!(treat(&mut s, TreatMsg::Accept));
        let acceptance = risk(&s).acceptance.clone().unwrap();
        assert_eq!(acceptance.by, "Head of IT");
        assert_eq!(acceptance.on, today);
        assert_eq!(acceptance.note, "Until the backup project");
        assert_eq!(acceptance.level, level(&s, Tier::Residual));
        assert!(matches!(
            acceptance_state(&method, risk(&s), today),
            AcceptanceState::Accepted { .. }
        ));
        assert!(s.treat.accept_note.is_empty());

        // A bad date and an empty name are refused at their fields.
        treat(
            &mut s,
            TreatMsg::AcceptField(AcceptField::On, "tomorrow".into()),
        );
        assert!(!treat(&mut s, TreatMsg::Accept));
        assert!(s.treat.acceptance_problems[0]
            .path
            .ends_with("acceptance.on"));
        treat(
            &mut s,
            TreatMsg::AcceptField(AcceptField::On, "2027-01-11".into()),
        );
        treat(&mut s, TreatMsg::AcceptField(AcceptField::By, " ".into()));
        assert!(!treat(&mut s, TreatMsg::Accept));
        assert!(s.treat.acceptance_problems[0]
            .path
            .ends_with("acceptance.by"));

        // Undo takes the acceptance back, then the control; redo puts it back.
        assert!(s.update(Msg::Undo, NOW));
        assert!(risk(&s).acceptance.is_none());
        assert_eq!(risk(&s).controls.len(), 1);
        assert!(s.update(Msg::Undo, NOW));
        assert!(risk(&s).controls.is_empty());
        assert!(s.update(Msg::Redo, NOW));
        assert!(s.update(Msg::Redo, NOW));
        assert!(risk(&s).acceptance.is_some());

        assert!(treat(&mut s, TreatMsg::Withdraw));
        assert!(risk(&s).acceptance.is_none());
    }

    #[test]
    fn an_override_needs_a_justification_and_can_be_dropped() {
        let mut s = state();
        treat(&mut s, TreatMsg::Open("R-1".into()));
        treat(&mut s, TreatMsg::ApplyControl("8.7".into()));
        assert_eq!(risk(&s).residual, Some(tier(3, 5)));
        treat(&mut s, TreatMsg::OpenOverride(Tier::Residual));
        assert_eq!(s.treat.overrides[&Tier::Residual].tier, tier(3, 5));
        let set = |s: &mut AppState, f: OverrideField, v: &str| {
            treat(s, TreatMsg::OverrideField(Tier::Residual, f, v.into()))
        };
        set(&mut s, OverrideField::Likelihood, "1");
        set(&mut s, OverrideField::Impact("availability".into()), "2");
        assert!(!treat(&mut s, TreatMsg::ApplyOverride(Tier::Residual)));
        let problems = &s.treat.overrides[&Tier::Residual].problems;
        assert!(
            problems[0].path.ends_with("overrides.residual"),
            "{problems:?}"
        );
        assert!(risk(&s).overrides.is_empty());

        set(
            &mut s,
            OverrideField::Justification,
            "Backups tested weekly",
        );
        assert!(treat(&mut s, TreatMsg::ApplyOverride(Tier::Residual)));
        assert!(s.treat.overrides.is_empty(), "the form closes");
        assert_eq!(risk(&s).residual, Some(tier(1, 2)));
        assert_eq!(risk(&s).overrides[&Tier::Residual], "Backups tested weekly");
        // A later control change leaves the hand-set tier alone.
        treat(
            &mut s,
            TreatMsg::SetEffectiveness("8.7".into(), Effectiveness::High),
        );
        assert_eq!(risk(&s).residual, Some(tier(1, 2)));

        assert!(treat(&mut s, TreatMsg::FollowControls(Tier::Residual)));
        assert!(risk(&s).overrides.is_empty());
        assert_eq!(risk(&s).residual, Some(tier(2, 5)), "projected again");
    }

    #[test]
    fn opening_another_risk_starts_the_drafts_afresh() {
        let mut s = state();
        let mut other = s.assessment.risks[0].clone();
        other.id = "R-2".into();
        other.owner = "CFO".into();
        s.assessment
            .apply(RegisterEdit::AddRisk(other), NOW, "")
            .unwrap();
        treat(&mut s, TreatMsg::Open("R-1".into()));
        treat(&mut s, TreatMsg::ChooseOption(TreatmentOption::Avoid));
        treat(&mut s, TreatMsg::Justification("draft".into()));
        treat(&mut s, TreatMsg::OpenOverride(Tier::Current));
        treat(&mut s, TreatMsg::Open("R-1".into()));
        assert_eq!(
            s.treat.justification, "draft",
            "the same risk keeps its drafts"
        );
        treat(&mut s, TreatMsg::Open("R-2".into()));
        assert_eq!(s.treat.option, None);
        assert!(s.treat.justification.is_empty() && s.treat.overrides.is_empty());
        assert_eq!(s.treat.accept_by, "CFO");
    }

    #[test]
    fn names_in_the_page_read_back() {
        for status in ControlStatus::ALL {
            assert_eq!(parse_status(status_name(status)), Some(status));
        }
        for e in Effectiveness::ALL {
            assert_eq!(parse_effectiveness(effectiveness_label(e)), Some(e));
        }
        for o in TreatmentOption::ALL {
            assert_eq!(parse_option(o.as_str()), Some(o));
        }
        assert_eq!(parse_status("done"), None);
    }
}
