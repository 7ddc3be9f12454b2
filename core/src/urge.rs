//! Urge support: one call returns what the person needs in the moment;
//! the message they want to send is kept as an unsent letter; ending the
//! session logs the urge with its outcome.
//!
//! A session lives in memory only, for the time the vault is unlocked: an
//! urge is a matter of minutes, and nothing half-written is left in the file
//! except the letter the person chose to write.

use std::time::SystemTime;

use zeroize::Zeroize;

use crate::api::reflections::live_reflection;
use crate::domain::channel::Channel;
use crate::domain::events::{Emotion, EventBody, Logged, NewEvent, RefKind, Urge, UrgeOutcome};
use crate::domain::reflections::{NewReflection, Reflection, ReflectionBody, ReflectionKind};
use crate::domain::safety_plan::SupportContact;
use crate::reasons::MyReason;
use crate::record::RecordId;
use crate::vault::Vault;
use crate::{random_hex, time, Result, VaultError};

/// Urges usually crest and ease within about a quarter of an hour; the app
/// offers to wait that long before doing anything.
pub const SUGGESTED_WAIT_MINUTES: u32 = 15;

#[derive(Debug, Clone, Zeroize)]
pub(crate) struct UrgeSessionState {
    person_id: Option<String>,
    #[zeroize(skip)]
    started_at: SystemTime,
    letter_id: Option<String>,
}

/// Everything the UI shows while an urge is on.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct UrgeSupport {
    /// The session, for `write_urge_letter` and `end_urge_session`; it
    /// lasts while the vault stays unlocked.
    pub session_id: String,
    /// When the session started (the urge is logged at this instant).
    pub started_at: SystemTime,
    /// The person's own reasons list.
    pub reasons: Vec<MyReason>,
    /// The reasons written in the safety plan.
    pub plan_reasons: Vec<String>,
    /// The coping steps from the safety plan, in order.
    pub coping_steps: Vec<String>,
    /// People they can reach, from the safety plan.
    pub people_to_reach: Vec<SupportContact>,
    /// Professionals, services and crisis lines, from the safety plan.
    pub professionals: Vec<SupportContact>,
    /// How long to offer to wait before doing anything, in minutes
    /// (`SUGGESTED_WAIT_MINUTES`).
    pub suggested_wait_minutes: u32,
}

/// How the urge ended.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct UrgeEnd {
    /// How strong it was, 0 to 10 (as `Urge::intensity`).
    pub intensity: u8,
    /// How it ended; `ReachedOut` needs `reached_out_via` and a session
    /// about a person.
    pub outcome: UrgeOutcome,
    /// With `ReachedOut`: the channel used (empty otherwise).
    pub reached_out_via: Option<Channel>,
    /// Triggers that set it off (as `Urge::trigger_ids`).
    pub trigger_ids: Vec<String>,
    /// What was felt (as `Urge::emotions`).
    pub emotions: Vec<Emotion>,
    /// Feelings in the person's words (as `Urge::other_emotions`).
    pub other_emotions: Vec<String>,
    /// What helped (as `Urge::coping`).
    pub coping: Vec<String>,
    /// Free text (as `Urge::note`).
    pub note: String,
    /// The UTC offset in force, in seconds, within ±18 hours.
    pub utc_offset_seconds: i32,
}

#[cfg_attr(feature = "uniffi", uniffi::export)]
impl Vault {
    /// Starts an urge session, optionally about one person (a live,
    /// unarchived one; otherwise `InvalidInput { field: "person_id" }`).
    pub fn start_urge_session(&self, person_id: Option<String>) -> Result<UrgeSupport> {
        self.with_session(|_, session| {
            if let Some(p) = &person_id {
                crate::api::check_ref(&session.index, "person_id", RefKind::Person, p)?;
            }
            let session_id = random_hex()?;
            let started_at = time::now();
            let plan = session
                .index
                .plans
                .last()
                .map(|v| v.plan.clone())
                .unwrap_or_default();
            let mut reasons: Vec<MyReason> = session.index.reasons.values().cloned().collect();
            reasons.sort_by(|a, b| a.created_at.cmp(&b.created_at).then(a.id.cmp(&b.id)));
            session.urges.insert(
                session_id.clone(),
                UrgeSessionState {
                    person_id,
                    started_at,
                    letter_id: None,
                },
            );
            Ok(UrgeSupport {
                session_id,
                started_at,
                reasons,
                plan_reasons: plan.reasons,
                coping_steps: plan.coping_strategies,
                people_to_reach: plan.people_to_ask,
                professionals: plan.professionals,
                suggested_wait_minutes: SUGGESTED_WAIT_MINUTES,
            })
        })
    }

    /// Keeps the message the person wants to send as an unsent letter. Each
    /// call saves the text again (as a new version of the same letter).
    /// `InvalidInput` names `session_id` for an unknown or ended session,
    /// `person_id` for a session about nobody, `text` as with
    /// `add_reflection`.
    pub fn write_urge_letter(
        &self,
        session_id: String,
        text: String,
        utc_offset_seconds: i32,
    ) -> Result<Reflection> {
        let state = self.urge_state(&session_id)?;
        let person_id = state
            .person_id
            .ok_or_else(|| VaultError::invalid("person_id"))?;
        let reflection = NewReflection {
            at: None,
            utc_offset_seconds,
            body: ReflectionBody {
                kind: ReflectionKind::UnsentLetter { person_id },
                title: String::new(),
                text,
                tags: Vec::new(),
                mood: None,
            },
        };
        let saved = match &state.letter_id {
            Some(id) => self.amend_reflection(id.clone(), reflection)?,
            None => self.add_reflection(reflection)?,
        };
        self.with_session(|_, session| {
            if let Some(s) = session.urges.get_mut(&session_id) {
                s.letter_id = Some(saved.id.clone());
            }
            live_reflection(session, &saved.id)
        })
    }

    /// Ends the session and logs the urge at the time it started.
    /// `InvalidInput` names `session_id` for an unknown or ended session,
    /// or the field of `end` refused as with `log_event` (the session then
    /// stays open).
    pub fn end_urge_session(&self, session_id: String, end: UrgeEnd) -> Result<Logged> {
        let state = self.urge_state(&session_id)?;
        let logged = self.log_event(NewEvent {
            at: Some(state.started_at),
            utc_offset_seconds: end.utc_offset_seconds,
            body: EventBody::Urge {
                urge: Urge {
                    intensity: end.intensity,
                    person_id: state.person_id,
                    trigger_ids: end.trigger_ids,
                    emotions: end.emotions,
                    other_emotions: end.other_emotions,
                    coping: end.coping,
                    outcome: end.outcome,
                    reached_out_via: end.reached_out_via,
                    note: end.note,
                },
            },
        })?;
        self.with_session(|_, session| {
            if let Some(mut s) = session.urges.remove(&session_id) {
                s.zeroize();
            }
            Ok(())
        })?;
        Ok(logged)
    }
}

impl Vault {
    fn urge_state(&self, session_id: &str) -> Result<UrgeSessionState> {
        RecordId::parse(session_id).map_err(|_| VaultError::invalid("session_id"))?;
        self.with_session(|_, session| {
            session
                .urges
                .get(session_id)
                .cloned()
                .ok_or_else(|| VaultError::invalid("session_id"))
        })
    }
}
