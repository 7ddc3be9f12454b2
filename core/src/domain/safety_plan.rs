//! The safety plan, written in calm times and ready in a crisis. Every save
//! is kept as a version, so the history can be seen.

use std::time::SystemTime;

use serde::{Deserialize, Serialize};
use zeroize::Zeroize;

use crate::{time, validate, Result};

/// Longest line of a safety plan (a list item, a contact's name or how to
/// reach them, a checklist line), in characters (Unicode scalar values).
pub const PLAN_ITEM_MAX_CHARS: usize = 500;
/// Most items in each list of a safety plan.
pub const PLAN_ITEMS_MAX: usize = 50;
/// Longest code word, in characters.
pub const CODE_WORD_MAX_CHARS: usize = 100;

/// Someone to call: a friend, a relative, a counsellor, a crisis line.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Zeroize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct SupportContact {
    /// Their name, not blank, at most `PLAN_ITEM_MAX_CHARS` characters.
    pub name: String,
    /// A number, an address, "at the library on Tuesdays"; may be empty, at
    /// most `PLAN_ITEM_MAX_CHARS` characters.
    pub how_to_reach: String,
}

/// A checklist line that can be ticked.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Zeroize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ChecklistItem {
    /// The line, not blank, at most `PLAN_ITEM_MAX_CHARS` characters.
    pub text: String,
    /// Ticked.
    pub done: bool,
}

/// The safety plan. Each list holds at most `PLAN_ITEMS_MAX` items, each
/// line not blank and at most `PLAN_ITEM_MAX_CHARS` characters;
/// `InvalidInput` names the section that was refused.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Zeroize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(default)]
pub struct SafetyPlan {
    /// Signs that a crisis is coming.
    pub warning_signs: Vec<String>,
    /// My own coping strategies, in the order to try them.
    pub coping_strategies: Vec<String>,
    /// People and places that distract me.
    pub distractions: Vec<String>,
    /// People I can ask for help.
    pub people_to_ask: Vec<SupportContact>,
    /// Professionals, services and crisis lines.
    pub professionals: Vec<SupportContact>,
    /// Making my surroundings safe.
    pub safe_environment: Vec<String>,
    /// My reasons for keeping no contact.
    pub reasons: Vec<String>,
    /// What I do if they show up or reach me.
    pub if_they_show_up: Vec<String>,
    /// Places I can go to be safe.
    pub safe_places: Vec<String>,
    /// A code word agreed with trusted people; may be empty, at most
    /// `CODE_WORD_MAX_CHARS` characters.
    pub code_word: String,
    /// What to pack in a go-bag, to tick off.
    pub go_bag: Vec<ChecklistItem>,
    /// Important documents to have at hand, to tick off.
    pub documents: Vec<ChecklistItem>,
}

/// The plan's sections, with stable identifiers the UIs localize.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum SafetyPlanSection {
    /// `warning_signs`: warning signs.
    WarningSigns,
    /// `coping_strategies`: my coping strategies.
    CopingStrategies,
    /// `distractions`: people and places that distract me.
    Distractions,
    /// `people_to_ask`: people I can ask for help.
    PeopleToAsk,
    /// `professionals`: professionals, services and crisis lines.
    Professionals,
    /// `safe_environment`: making my surroundings safe.
    SafeEnvironment,
    /// `reasons`: my reasons.
    Reasons,
    /// `if_they_show_up`: if they show up or reach me.
    IfTheyShowUp,
    /// `safe_places`: safe places.
    SafePlaces,
    /// `code_word`: the code word.
    CodeWord,
    /// `go_bag`: the go-bag checklist.
    GoBag,
    /// `documents`: important documents.
    Documents,
}

impl SafetyPlanSection {
    /// Every section, in the order a plan is read.
    pub const ALL: [SafetyPlanSection; 12] = [
        SafetyPlanSection::WarningSigns,
        SafetyPlanSection::CopingStrategies,
        SafetyPlanSection::Distractions,
        SafetyPlanSection::PeopleToAsk,
        SafetyPlanSection::Professionals,
        SafetyPlanSection::SafeEnvironment,
        SafetyPlanSection::Reasons,
        SafetyPlanSection::IfTheyShowUp,
        SafetyPlanSection::SafePlaces,
        SafetyPlanSection::CodeWord,
        SafetyPlanSection::GoBag,
        SafetyPlanSection::Documents,
    ];

    /// The stable identifier.
    pub fn id(self) -> &'static str {
        match self {
            SafetyPlanSection::WarningSigns => "warning_signs",
            SafetyPlanSection::CopingStrategies => "coping_strategies",
            SafetyPlanSection::Distractions => "distractions",
            SafetyPlanSection::PeopleToAsk => "people_to_ask",
            SafetyPlanSection::Professionals => "professionals",
            SafetyPlanSection::SafeEnvironment => "safe_environment",
            SafetyPlanSection::Reasons => "reasons",
            SafetyPlanSection::IfTheyShowUp => "if_they_show_up",
            SafetyPlanSection::SafePlaces => "safe_places",
            SafetyPlanSection::CodeWord => "code_word",
            SafetyPlanSection::GoBag => "go_bag",
            SafetyPlanSection::Documents => "documents",
        }
    }

    /// The English title, for the CLI and as the UIs' fallback.
    pub fn title(self) -> &'static str {
        match self {
            SafetyPlanSection::WarningSigns => "Warning signs",
            SafetyPlanSection::CopingStrategies => "My coping strategies",
            SafetyPlanSection::Distractions => "People and places that distract me",
            SafetyPlanSection::PeopleToAsk => "People I can ask for help",
            SafetyPlanSection::Professionals => "Professionals, services and crisis lines",
            SafetyPlanSection::SafeEnvironment => "Making my surroundings safe",
            SafetyPlanSection::Reasons => "My reasons",
            SafetyPlanSection::IfTheyShowUp => "If they show up or reach me",
            SafetyPlanSection::SafePlaces => "Safe places",
            SafetyPlanSection::CodeWord => "Code word",
            SafetyPlanSection::GoBag => "Go-bag checklist",
            SafetyPlanSection::Documents => "Important documents",
        }
    }
}

/// One saved version of the plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Zeroize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct SafetyPlanVersion {
    /// 1 for the first save.
    pub version: u32,
    /// When it was saved.
    #[zeroize(skip)]
    #[serde(with = "time::millis")]
    pub saved_at: SystemTime,
    /// The plan as saved.
    pub plan: SafetyPlan,
}

impl SafetyPlan {
    pub(crate) fn validate(&self) -> Result<()> {
        let lists: [(&str, &Vec<String>); 7] = [
            ("warning_signs", &self.warning_signs),
            ("coping_strategies", &self.coping_strategies),
            ("distractions", &self.distractions),
            ("safe_environment", &self.safe_environment),
            ("reasons", &self.reasons),
            ("if_they_show_up", &self.if_they_show_up),
            ("safe_places", &self.safe_places),
        ];
        for (field, items) in lists {
            validate::list(field, items, PLAN_ITEMS_MAX, PLAN_ITEM_MAX_CHARS)?;
        }
        for (field, contacts) in [
            ("people_to_ask", &self.people_to_ask),
            ("professionals", &self.professionals),
        ] {
            validate::count(field, contacts, PLAN_ITEMS_MAX)?;
            for c in contacts.iter() {
                validate::required(field, &c.name, PLAN_ITEM_MAX_CHARS)?;
                validate::optional(field, &c.how_to_reach, PLAN_ITEM_MAX_CHARS)?;
            }
        }
        for (field, items) in [("go_bag", &self.go_bag), ("documents", &self.documents)] {
            validate::count(field, items, PLAN_ITEMS_MAX)?;
            for item in items.iter() {
                validate::required(field, &item.text, PLAN_ITEM_MAX_CHARS)?;
            }
        }
        validate::optional("code_word", &self.code_word, CODE_WORD_MAX_CHARS)
    }
}
