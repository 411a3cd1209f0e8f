//! The "Assets and threats" screen's state: the asset, threat or
//! vulnerability being edited and the starter-catalogue search. Every change
//! goes through `AppState::apply`, so the engine checks it, the history and
//! undo see it, and it is saved.

use super::state::{AppState, Notice};
use riskwright_engine::catalogue::{self, AssetType, SecurityProperty, ThreatOrigin};
use riskwright_engine::document::{Asset, Threat, Vulnerability};
use riskwright_engine::register::RegisterEdit;
use riskwright_engine::Diagnostic;

/// What the screen shows besides the assessment.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CatalogUi {
    /// The item being added or edited, if any.
    pub form: Option<ItemForm>,
    /// The starter-catalogue search text.
    pub search: String,
}

/// Which list an item belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Assets.
    Asset,
    /// Threats.
    Threat,
    /// Vulnerabilities.
    Vulnerability,
}

/// An item as edited.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    /// An asset.
    Asset(Asset),
    /// A threat.
    Threat(Threat),
    /// A vulnerability.
    Vulnerability(Vulnerability),
}

impl Item {
    /// Its list.
    pub fn kind(&self) -> Kind {
        match self {
            Item::Asset(_) => Kind::Asset,
            Item::Threat(_) => Kind::Threat,
            Item::Vulnerability(_) => Kind::Vulnerability,
        }
    }

    /// Its id.
    pub fn id(&self) -> &str {
        match self {
            Item::Asset(a) => &a.id,
            Item::Threat(t) => &t.id,
            Item::Vulnerability(v) => &v.id,
        }
    }
}

/// An item being edited, not yet in the assessment.
#[derive(Debug, Clone, PartialEq)]
pub struct ItemForm {
    /// The draft.
    pub item: Item,
    /// Whether saving adds it (or replaces the item with its id).
    pub is_new: bool,
    /// Problems the engine found when saving.
    pub problems: Vec<Diagnostic>,
}

/// A field of the item form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ItemField {
    /// Name.
    Name,
    /// Description.
    Description,
    /// Asset owner.
    Owner,
    /// Asset type, by its JSON name.
    AssetType,
    /// An asset's value on one impact dimension: a level number or empty.
    Valuation(String),
    /// A threat's origin, by its JSON name or empty.
    Origin,
    /// Whether a threat affects a property ("true"/"false").
    Property(SecurityProperty),
}

/// Changes on the "Assets and threats" screen.
#[derive(Debug, Clone, PartialEq)]
pub enum CatalogMsg {
    /// Open the form on a new item.
    New(Kind),
    /// Open the form on an existing item.
    Edit(Kind, String),
    /// Change a form field.
    Field(ItemField, String),
    /// Save the form.
    Save,
    /// Close the form.
    Cancel,
    /// Delete an item (refused by the engine while risks link it).
    Delete(Kind, String),
    /// Search the starter catalogue.
    Search(String),
    /// Copy a starter threat or vulnerability, by catalogue id.
    AddStarter(Kind, String),
}

/// A readable name for an asset type.
pub fn asset_type_label(kind: AssetType) -> &'static str {
    match kind {
        AssetType::Information => "Information",
        AssetType::Process => "Process",
        AssetType::Software => "Software",
        AssetType::Hardware => "Hardware",
        AssetType::Network => "Network",
        AssetType::People => "People",
        AssetType::Site => "Site",
        AssetType::Supplier => "Supplier",
        AssetType::Service => "Service",
    }
}

/// Every threat origin with its JSON name and label.
pub const ORIGINS: [(ThreatOrigin, &str, &str); 3] = [
    (ThreatOrigin::Deliberate, "deliberate", "Deliberate"),
    (ThreatOrigin::Accidental, "accidental", "Accidental"),
    (
        ThreatOrigin::Environmental,
        "environmental",
        "Environmental",
    ),
];

/// A readable name for a threat origin.
pub fn origin_label(origin: ThreatOrigin) -> &'static str {
    ORIGINS
        .iter()
        .find(|(o, _, _)| *o == origin)
        .map_or("", |(_, _, label)| label)
}

/// The properties C, I, A with their letters and names.
pub const PROPERTIES: [(SecurityProperty, &str, &str); 3] = [
    (SecurityProperty::Confidentiality, "C", "Confidentiality"),
    (SecurityProperty::Integrity, "I", "Integrity"),
    (SecurityProperty::Availability, "A", "Availability"),
];

/// Properties as letters, "C, I" (or "—").
pub fn property_letters(properties: &[SecurityProperty]) -> String {
    let letters: Vec<&str> = PROPERTIES
        .iter()
        .filter(|(p, _, _)| properties.contains(p))
        .map(|(_, letter, _)| *letter)
        .collect();
    if letters.is_empty() {
        "—".into()
    } else {
        letters.join(", ")
    }
}

/// `<prefix>-<n>`, the first n from one above the list's length that is free.
fn next_id<'a>(prefix: &str, ids: impl Iterator<Item = &'a str> + Clone) -> String {
    let mut n = ids.clone().count() + 1;
    loop {
        let id = format!("{prefix}-{n}");
        if !ids.clone().any(|x| x == id) {
            return id;
        }
        n += 1;
    }
}

impl ItemForm {
    /// Applies a field edit to the draft.
    pub fn set(&mut self, field: ItemField, value: String) -> Result<(), Diagnostic> {
        match (&mut self.item, field) {
            (Item::Asset(a), ItemField::Name) => a.name = value,
            (Item::Threat(t), ItemField::Name) => t.name = value,
            (Item::Vulnerability(v), ItemField::Name) => v.name = value,
            (Item::Asset(a), ItemField::Description) => a.description = value,
            (Item::Threat(t), ItemField::Description) => t.description = value,
            (Item::Vulnerability(v), ItemField::Description) => v.description = value,
            (Item::Asset(a), ItemField::Owner) => a.owner = value,
            (Item::Asset(a), ItemField::AssetType) => {
                a.kind = AssetType::ALL
                    .iter()
                    .copied()
                    .find(|k| k.as_str() == value)
                    .ok_or_else(|| {
                        Diagnostic::new("$.kind", format!("'{value}' is not an asset type"))
                    })?;
            }
            (Item::Asset(a), ItemField::Valuation(dimension)) => {
                let value = value.trim();
                if value.is_empty() {
                    a.valuation.remove(&dimension);
                } else {
                    let level = value.parse().map_err(|_| {
                        Diagnostic::new(
                            format!("$.valuation.{dimension}"),
                            format!("'{value}' is not a level number"),
                        )
                    })?;
                    a.valuation.insert(dimension, level);
                }
            }
            (Item::Threat(t), ItemField::Origin) => {
                t.origin = ORIGINS
                    .iter()
                    .find(|(_, name, _)| *name == value)
                    .map(|(o, _, _)| *o);
            }
            (Item::Threat(t), ItemField::Property(p)) => {
                t.properties.retain(|x| *x != p);
                if value == "true" {
                    t.properties.push(p);
                    riskwright_engine::sort::sort_by(&mut t.properties, Ord::cmp);
                }
            }
            _ => {}
        }
        Ok(())
    }
}

impl AppState {
    /// Applies a change on the "Assets and threats" screen; true when the
    /// assessment changed.
    pub fn update_catalog(&mut self, msg: CatalogMsg, now: &str) -> bool {
        let a = &self.assessment;
        match msg {
            CatalogMsg::New(kind) => {
                let item = match kind {
                    Kind::Asset => Item::Asset(Asset {
                        id: next_id("A", a.assets.iter().map(|x| x.id.as_str())),
                        name: String::new(),
                        kind: AssetType::default(),
                        owner: String::new(),
                        description: String::new(),
                        valuation: Default::default(),
                    }),
                    Kind::Threat => Item::Threat(Threat {
                        id: next_id("T", a.threats.iter().map(|x| x.id.as_str())),
                        name: String::new(),
                        description: String::new(),
                        properties: Vec::new(),
                        origin: None,
                        catalogue_id: None,
                    }),
                    Kind::Vulnerability => Item::Vulnerability(Vulnerability {
                        id: next_id("V", a.vulnerabilities.iter().map(|x| x.id.as_str())),
                        name: String::new(),
                        description: String::new(),
                        catalogue_id: None,
                    }),
                };
                self.catalog.form = Some(ItemForm {
                    item,
                    is_new: true,
                    problems: Vec::new(),
                });
                false
            }
            CatalogMsg::Edit(kind, id) => {
                let item = match kind {
                    Kind::Asset => a
                        .assets
                        .iter()
                        .find(|x| x.id == id)
                        .cloned()
                        .map(Item::Asset),
                    Kind::Threat => a
                        .threats
                        .iter()
                        .find(|x| x.id == id)
                        .cloned()
                        .map(Item::Threat),
                    Kind::Vulnerability => a
                        .vulnerabilities
                        .iter()
                        .find(|x| x.id == id)
                        .cloned()
                        .map(Item::Vulnerability),
                };
                self.catalog.form = item.map(|item| ItemForm {
                    item,
                    is_new: false,
                    problems: Vec::new(),
                });
                false
            }
            CatalogMsg::Field(field, value) => {
                if let Some(form) = &mut self.catalog.form {
                    match form.set(field, value) {
                        Ok(()) => form.problems.clear(),
                        Err(problem) => form.problems = vec![problem],
                    }
                }
                false
            }
            CatalogMsg::Cancel => {
                self.catalog.form = None;
                false
            }
            CatalogMsg::Save => {
                let Some(form) = self.catalog.form.clone() else {
                    return false;
                };
                let edit = match (form.item, form.is_new) {
                    (Item::Asset(x), true) => RegisterEdit::AddAsset(x),
                    (Item::Asset(x), false) => RegisterEdit::UpdateAsset(x),
                    (Item::Threat(x), true) => RegisterEdit::AddThreat(x),
                    (Item::Threat(x), false) => RegisterEdit::UpdateThreat(x),
                    (Item::Vulnerability(x), true) => RegisterEdit::AddVulnerability(x),
                    (Item::Vulnerability(x), false) => RegisterEdit::UpdateVulnerability(x),
                };
                match self.apply(edit, now) {
                    Ok(()) => {
                        self.catalog.form = None;
                        true
                    }
                    Err(problems) => {
                        if let Some(form) = &mut self.catalog.form {
                            form.problems = problems;
                        }
                        false
                    }
                }
            }
            CatalogMsg::Delete(kind, id) => {
                let edit = match kind {
                    Kind::Asset => RegisterEdit::DeleteAsset { id },
                    Kind::Threat => RegisterEdit::DeleteThreat { id },
                    Kind::Vulnerability => RegisterEdit::DeleteVulnerability { id },
                };
                self.refusable(edit, now)
            }
            CatalogMsg::Search(text) => {
                self.catalog.search = text;
                false
            }
            CatalogMsg::AddStarter(kind, catalogue_id) => {
                let edit = match kind {
                    Kind::Threat => catalogue::threat(&catalogue_id).map(|t| {
                        if a.threats
                            .iter()
                            .any(|x| x.catalogue_id.as_deref() == Some(t.id.as_str()))
                        {
                            return Err(already(&t.name));
                        }
                        Ok(RegisterEdit::AddThreat(Threat {
                            id: next_id("T", a.threats.iter().map(|x| x.id.as_str())),
                            name: t.name.clone(),
                            description: t.description.clone(),
                            properties: t.properties.clone(),
                            origin: Some(t.origin),
                            catalogue_id: Some(t.id.clone()),
                        }))
                    }),
                    Kind::Vulnerability => catalogue::vulnerability(&catalogue_id).map(|v| {
                        if a.vulnerabilities
                            .iter()
                            .any(|x| x.catalogue_id.as_deref() == Some(v.id.as_str()))
                        {
                            return Err(already(&v.name));
                        }
                        Ok(RegisterEdit::AddVulnerability(Vulnerability {
                            id: next_id("V", a.vulnerabilities.iter().map(|x| x.id.as_str())),
                            name: v.name.clone(),
                            description: v.description.clone(),
                            catalogue_id: Some(v.id.clone()),
                        }))
                    }),
                    Kind::Asset => None,
                };
                match edit {
                    Some(Ok(edit)) => self.refusable(edit, now),
                    Some(Err(problem)) => {
                        self.notice = Some(Notice::Refused(vec![problem]));
                        false
                    }
                    None => {
                        self.notice = Some(Notice::Refused(vec![Diagnostic::new(
                            "$",
                            format!("there is no starter entry '{catalogue_id}'"),
                        )]));
                        false
                    }
                }
            }
        }
    }

    /// Applies an edit, or shows the engine's refusal as the notice.
    pub(crate) fn refusable(&mut self, edit: RegisterEdit, now: &str) -> bool {
        match self.apply(edit, now) {
            Ok(()) => {
                if matches!(self.notice, Some(Notice::Refused(_))) {
                    self.notice = None;
                }
                true
            }
            Err(problems) => {
                self.notice = Some(Notice::Refused(problems));
                false
            }
        }
    }
}

fn already(name: &str) -> Diagnostic {
    Diagnostic::new("$", format!("“{name}” is already in this assessment"))
}

/// How many risks link the item.
pub fn risks_using(state: &AppState, kind: Kind, id: &str) -> usize {
    state
        .assessment
        .risks
        .iter()
        .filter(|r| match kind {
            Kind::Asset => r.asset_ids.iter().any(|a| a == id),
            Kind::Threat => r.threat_id.as_deref() == Some(id),
            Kind::Vulnerability => r.vulnerability_id.as_deref() == Some(id),
        })
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::register::{RegisterMsg, RiskField};
    use crate::app::state::Msg;
    use riskwright_engine::document::Assessment;

    const NOW: &str = "2026-11-28T10:00:00.000Z";

    fn cat(s: &mut AppState, msg: CatalogMsg) -> bool {
        s.update(Msg::Catalog(msg), NOW)
    }

    fn field(s: &mut AppState, f: ItemField, v: &str) {
        cat(s, CatalogMsg::Field(f, v.into()));
    }

    #[test]
    fn assets_are_added_edited_and_deleted_with_their_valuation() {
        let mut s = AppState::new(Assessment::new("Test"));
        cat(&mut s, CatalogMsg::New(Kind::Asset));
        field(&mut s, ItemField::Name, "Customer database");
        field(&mut s, ItemField::AssetType, "information");
        field(&mut s, ItemField::Owner, "CTO");
        field(&mut s, ItemField::Valuation("confidentiality".into()), "5");
        field(&mut s, ItemField::Valuation("availability".into()), "3");
        assert!(cat(&mut s, CatalogMsg::Save));
        let asset = &s.assessment.assets[0];
        assert_eq!(asset.id, "A-1");
        assert_eq!(asset.owner, "CTO");
        assert_eq!(asset.valuation.get("confidentiality"), Some(&5));
        assert_eq!(asset.valuation.get("availability"), Some(&3));
        assert!(s.catalog.form.is_none());

        // Out of the scale: the engine refuses and the form keeps its problem.
        cat(&mut s, CatalogMsg::Edit(Kind::Asset, "A-1".into()));
        field(&mut s, ItemField::Valuation("integrity".into()), "9");
        assert!(!cat(&mut s, CatalogMsg::Save));
        let problems = &s.catalog.form.as_ref().unwrap().problems;
        assert!(problems[0].message.contains("1 to 5"), "{problems:?}");
        field(&mut s, ItemField::Valuation("integrity".into()), "2");
        field(&mut s, ItemField::Valuation("availability".into()), "");
        assert!(cat(&mut s, CatalogMsg::Save));
        let asset = &s.assessment.assets[0];
        assert_eq!(asset.valuation.get("integrity"), Some(&2));
        assert_eq!(asset.valuation.get("availability"), None);

        assert!(cat(&mut s, CatalogMsg::Delete(Kind::Asset, "A-1".into())));
        assert!(s.assessment.assets.is_empty());
        assert!(s.update(Msg::Undo, NOW));
        assert_eq!(s.assessment.assets.len(), 1, "deleting is undoable");
    }

    #[test]
    fn a_linked_asset_cannot_be_deleted_and_the_engine_says_why() {
        let mut s = AppState::new(Assessment::new("Test"));
        cat(&mut s, CatalogMsg::New(Kind::Asset));
        field(&mut s, ItemField::Name, "Laptops");
        assert!(cat(&mut s, CatalogMsg::Save));
        s.update(Msg::Register(RegisterMsg::NewRisk), NOW);
        s.update(
            Msg::Register(RegisterMsg::Field(RiskField::Title, "Theft".into())),
            NOW,
        );
        s.update(
            Msg::Register(RegisterMsg::Field(
                RiskField::Asset("A-1".into()),
                "true".into(),
            )),
            NOW,
        );
        assert!(s.update(Msg::Register(RegisterMsg::Save), NOW));
        assert_eq!(risks_using(&s, Kind::Asset, "A-1"), 1);
        assert!(!cat(&mut s, CatalogMsg::Delete(Kind::Asset, "A-1".into())));
        assert_eq!(s.assessment.assets.len(), 1);
        match &s.notice {
            Some(Notice::Refused(p)) => {
                assert!(p[0].message.contains("still linked by"), "{p:?}")
            }
            other => panic!("expected a refusal, got {other:?}"),
        }
    }

    #[test]
    fn a_starter_threat_is_copied_once_with_its_catalogue_id() {
        let mut s = AppState::new(Assessment::new("Test"));
        let starter = &catalogue::threats()[0];
        assert!(cat(
            &mut s,
            CatalogMsg::AddStarter(Kind::Threat, starter.id.clone())
        ));
        let t = &s.assessment.threats[0];
        assert_eq!(t.catalogue_id.as_deref(), Some(starter.id.as_str()));
        assert_eq!(t.name, starter.name);
        assert_eq!(t.origin, Some(starter.origin));
        assert!(!cat(
            &mut s,
            CatalogMsg::AddStarter(Kind::Threat, starter.id.clone())
        ));
        assert_eq!(s.assessment.threats.len(), 1);
        assert!(matches!(&s.notice, Some(Notice::Refused(p)) if p[0].message.contains("already")));

        let v = &catalogue::vulnerabilities()[0];
        assert!(cat(
            &mut s,
            CatalogMsg::AddStarter(Kind::Vulnerability, v.id.clone())
        ));
        assert_eq!(
            s.assessment.vulnerabilities[0].catalogue_id.as_deref(),
            Some(v.id.as_str())
        );
        assert!(s.notice.is_none(), "a good edit clears the refusal");
    }

    #[test]
    fn threats_are_edited_with_origin_and_properties() {
        let mut s = AppState::new(Assessment::new("Test"));
        cat(&mut s, CatalogMsg::New(Kind::Threat));
        assert!(!cat(&mut s, CatalogMsg::Save), "a threat needs a name");
        field(&mut s, ItemField::Name, "Insider fraud");
        field(&mut s, ItemField::Origin, "deliberate");
        field(
            &mut s,
            ItemField::Property(SecurityProperty::Integrity),
            "true",
        );
        assert!(cat(&mut s, CatalogMsg::Save));
        let t = s.assessment.threats[0].clone();
        assert_eq!(t.origin, Some(ThreatOrigin::Deliberate));
        assert_eq!(property_letters(&t.properties), "I");
        assert!(cat(&mut s, CatalogMsg::Delete(Kind::Threat, t.id)));
    }
}
