//! Custom controls: the assessment's own controls (from another framework,
//! a regulation or an internal standard) with the same five attributes as
//! Annex A. They join the Statement of Applicability and can be applied to
//! risks. Edited on the SoA screen; the engine checks every field.

use super::state::AppState;
use riskwright_engine::catalogue::{
    Control, ControlType, CybersecurityConcept, OperationalCapability, SecurityDomain,
    SecurityProperty, Theme,
};
use riskwright_engine::register::RegisterEdit;
use riskwright_engine::Diagnostic;

/// The custom control being added or edited.
#[derive(Debug, Clone, PartialEq)]
pub struct CustomForm {
    /// The id of the control being edited; `None` when adding one.
    pub editing: Option<String>,
    /// The control as typed.
    pub control: Control,
    /// Why the last save was refused, with paths into the control.
    pub problems: Vec<Diagnostic>,
}

/// A text field of the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CustomField {
    /// The id, e.g. "NIS2-21.2a".
    Id,
    /// The title.
    Title,
    /// Where it comes from, e.g. "NIS2 Directive, article 21".
    Source,
    /// The theme, by its JSON name.
    Theme,
    /// Implementation guidance.
    Guidance,
    /// Evidence examples, one per line.
    Evidence,
}

/// One attribute value that a checkbox turns on or off.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CustomAttribute {
    /// A control type.
    Type(ControlType),
    /// A security property.
    Property(SecurityProperty),
    /// A cybersecurity concept.
    Concept(CybersecurityConcept),
    /// An operational capability.
    Capability(OperationalCapability),
    /// A security domain.
    Domain(SecurityDomain),
}

impl CustomAttribute {
    /// Reads `group` ("type", "property", "concept", "capability", "domain")
    /// and a value's JSON name.
    pub fn parse(group: &str, value: &str) -> Option<CustomAttribute> {
        Some(match group {
            "type" => CustomAttribute::Type(ControlType::parse(value)?),
            "property" => CustomAttribute::Property(SecurityProperty::parse(value)?),
            "concept" => CustomAttribute::Concept(CybersecurityConcept::parse(value)?),
            "capability" => CustomAttribute::Capability(OperationalCapability::parse(value)?),
            "domain" => CustomAttribute::Domain(SecurityDomain::parse(value)?),
            _ => return None,
        })
    }
}

/// A change to the custom controls.
#[derive(Debug, Clone, PartialEq)]
pub enum CustomMsg {
    /// Open the form on a new control.
    New,
    /// Open the form on an existing control.
    Edit(String),
    /// Change a text field.
    Field(CustomField, String),
    /// Turn an attribute value on or off.
    Attribute(CustomAttribute, bool),
    /// Add or replace the control.
    Save,
    /// Close the form.
    Cancel,
    /// Remove a control no risk applies.
    Delete(String),
}

fn toggle<T: PartialEq + Copy>(list: &mut Vec<T>, value: T, on: bool) {
    list.retain(|v| *v != value);
    if on {
        list.push(value);
    }
}

impl AppState {
    /// Applies a custom-control message; true when the assessment changed.
    pub fn update_custom(&mut self, msg: CustomMsg, now: &str) -> bool {
        match msg {
            CustomMsg::New => {
                let mut control = Control::custom("", "", "", Theme::Organizational);
                control.control_types.push(ControlType::Preventive);
                self.soa.custom = Some(CustomForm {
                    editing: None,
                    control,
                    problems: Vec::new(),
                });
                self.soa.focus = Some("cc-id".into());
                false
            }
            CustomMsg::Edit(id) => {
                let found = self
                    .assessment
                    .custom_controls
                    .iter()
                    .find(|c| c.id == id)
                    .cloned();
                if let Some(control) = found {
                    self.soa.custom = Some(CustomForm {
                        editing: Some(id),
                        control,
                        problems: Vec::new(),
                    });
                    self.soa.focus = Some("cc-title".into());
                }
                false
            }
            CustomMsg::Field(field, value) => {
                if let Some(form) = self.soa.custom.as_mut() {
                    let c = &mut form.control;
                    match field {
                        CustomField::Id => c.id = value,
                        CustomField::Title => c.title = value,
                        CustomField::Source => c.source = value,
                        CustomField::Theme => {
                            if let Some(theme) = Theme::parse(&value) {
                                c.theme = theme;
                            }
                        }
                        CustomField::Guidance => c.guidance = value,
                        CustomField::Evidence => {
                            c.evidence = value
                                .lines()
                                .map(str::trim)
                                .filter(|l| !l.is_empty())
                                .map(str::to_string)
                                .collect();
                        }
                    }
                }
                false
            }
            CustomMsg::Attribute(attribute, on) => {
                if let Some(form) = self.soa.custom.as_mut() {
                    let c = &mut form.control;
                    match attribute {
                        CustomAttribute::Type(v) => toggle(&mut c.control_types, v, on),
                        CustomAttribute::Property(v) => toggle(&mut c.security_properties, v, on),
                        CustomAttribute::Concept(v) => toggle(&mut c.cybersecurity_concepts, v, on),
                        CustomAttribute::Capability(v) => {
                            toggle(&mut c.operational_capabilities, v, on)
                        }
                        CustomAttribute::Domain(v) => toggle(&mut c.security_domains, v, on),
                    }
                }
                false
            }
            CustomMsg::Save => {
                let Some(form) = self.soa.custom.as_ref() else {
                    return false;
                };
                let mut control = form.control.clone();
                control.id = control.id.trim().to_string();
                let edit = match &form.editing {
                    // An id cannot change: risks and the SoA refer to it.
                    Some(id) => {
                        control.id = id.clone();
                        RegisterEdit::UpdateCustomControl(control)
                    }
                    None => RegisterEdit::AddCustomControl(control),
                };
                match self.apply(edit, now) {
                    Ok(()) => {
                        self.soa.custom = None;
                        self.soa.focus = Some("cc-new".into());
                        true
                    }
                    Err(problems) => {
                        if let Some(form) = self.soa.custom.as_mut() {
                            form.problems = problems;
                        }
                        false
                    }
                }
            }
            CustomMsg::Cancel => {
                self.soa.custom = None;
                false
            }
            CustomMsg::Delete(id) => {
                match self.apply(RegisterEdit::DeleteCustomControl { id }, now) {
                    Ok(()) => true,
                    Err(problems) => {
                        self.notice = Some(super::state::Notice::Refused(problems));
                        false
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::soa::SoaMsg;
    use crate::app::state::Msg;
    use riskwright_engine::document::Assessment;

    const NOW: &str = "2027-01-10T09:00:00Z";

    fn custom(s: &mut AppState, msg: CustomMsg) -> bool {
        s.update(Msg::Soa(SoaMsg::Custom(msg)), NOW)
    }

    #[test]
    fn a_custom_control_is_added_with_its_attributes_checked_by_the_engine() {
        let mut s = AppState::new(Assessment::new("Custom"));
        custom(&mut s, CustomMsg::New);
        custom(&mut s, CustomMsg::Field(CustomField::Id, "5.1".into()));
        custom(
            &mut s,
            CustomMsg::Field(CustomField::Title, "Policy".into()),
        );
        custom(&mut s, CustomMsg::Field(CustomField::Source, "NIS2".into()));
        // Clashes with Annex A, and no security property yet.
        assert!(!custom(&mut s, CustomMsg::Save));
        let paths: Vec<String> = s
            .soa
            .custom
            .as_ref()
            .unwrap()
            .problems
            .iter()
            .map(|p| p.path.clone())
            .collect();
        assert!(paths.iter().any(|p| p.ends_with(".id")), "{paths:?}");
        assert!(
            paths.iter().any(|p| p.ends_with(".security_properties")),
            "{paths:?}"
        );
        custom(&mut s, CustomMsg::Field(CustomField::Id, "NIS2-21a".into()));
        custom(
            &mut s,
            CustomMsg::Attribute(CustomAttribute::Property(SecurityProperty::Integrity), true),
        );
        custom(
            &mut s,
            CustomMsg::Field(
                CustomField::Evidence,
                "Board minutes\n\n  Audit report ".into(),
            ),
        );
        assert!(custom(&mut s, CustomMsg::Save));
        let c = &s.assessment.custom_controls[0];
        assert_eq!((c.id.as_str(), c.title.as_str()), ("NIS2-21a", "Policy"));
        assert_eq!(c.evidence, ["Board minutes", "Audit report"]);
        assert_eq!(riskwright_engine::soa::statement(&s.assessment).len(), 94);
        // Edited, then deleted, then the deletion undone.
        custom(&mut s, CustomMsg::Edit("NIS2-21a".into()));
        custom(
            &mut s,
            CustomMsg::Field(CustomField::Title, "Risk analysis policy".into()),
        );
        assert!(custom(&mut s, CustomMsg::Save));
        assert_eq!(
            s.assessment.custom_controls[0].title,
            "Risk analysis policy"
        );
        assert!(custom(&mut s, CustomMsg::Delete("NIS2-21a".into())));
        assert!(s.assessment.custom_controls.is_empty());
        assert!(s.update(Msg::Undo, NOW));
        assert_eq!(s.assessment.custom_controls.len(), 1);
    }
}
