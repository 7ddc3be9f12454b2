//! The safety plan: read, save (every save is a new version), history.

use crate::domain::safety_plan::{SafetyPlan, SafetyPlanSection, SafetyPlanVersion};
use crate::record::{Record, RecordId};
use crate::vault::Vault;
use crate::{time, Result};

/// The plan's sections in reading order; their ids are stable for the UIs.
#[cfg_attr(feature = "uniffi", uniffi::export)]
pub fn safety_plan_sections() -> Vec<SafetyPlanSection> {
    SafetyPlanSection::ALL.to_vec()
}

#[cfg_attr(feature = "uniffi", uniffi::export)]
impl Vault {
    /// The latest version, or an empty plan if none was saved.
    pub fn safety_plan(&self) -> Result<SafetyPlan> {
        self.with_session(|_, session| {
            Ok(session
                .index
                .plans
                .last()
                .map(|v| v.plan.clone())
                .unwrap_or_default())
        })
    }

    /// Saves the plan as a new version; the earlier ones are kept.
    /// `InvalidInput` names the section that breaks a limit (see
    /// `SafetyPlan`).
    pub fn save_safety_plan(&self, plan: SafetyPlan) -> Result<SafetyPlanVersion> {
        plan.validate()?;
        self.with_session(|conn, session| {
            let version = SafetyPlanVersion {
                version: session.index.plans.last().map_or(1, |v| v.version + 1),
                saved_at: time::now(),
                plan,
            };
            session.store(
                conn,
                vec![(RecordId::random()?, Record::SafetyPlan(version.clone()))],
            )?;
            Ok(version)
        })
    }

    /// Every saved version, newest first.
    pub fn safety_plan_history(&self) -> Result<Vec<SafetyPlanVersion>> {
        self.with_session(|_, session| Ok(session.index.plans.iter().rev().cloned().collect()))
    }
}
