//! nocontact-core: the no-contact domain, the encrypted vault and its
//! ledger (the append-only, hash-chained log of events and reflections),
//! with the insights, evidence exports and backups built on them.
//!
//! A plain Rust library. With the `uniffi` feature it also carries the uniffi
//! annotations that `nocontact-ffi` links into the Android and iOS library;
//! every exported type is defined here, once.

#![warn(missing_docs)]

#[cfg(feature = "uniffi")]
uniffi::setup_scaffolding!("nocontact");

mod access;
mod api;
mod backup;
mod chain;
mod codec;
mod cover_box;
mod crypto;
mod domain;
mod error;
mod export;
#[cfg(fuzzing)]
pub mod fuzzing;
mod header;
mod hold;
mod insights;
mod keyring;
mod library;
mod load;
mod locked;
mod lockout;
mod memory;
mod note;
mod progress;
mod reasons;
mod record;
mod store;
mod time;
mod urge;
mod validate;
mod vault;

pub use access::{AccessEvent, AccessKind, ACCESS_LOG_MAX};
pub use api::backup::{restore_vault, BackupSummary};
pub use api::chain::normalize_checkpoint_code;
pub use api::csv::CsvQuery;
pub use api::events::{EventPage, EventQuery};
pub use api::evidence::{EvidenceOptions, EvidenceSummary};
pub use api::reflections::{ReflectionFilter, ReflectionPage, ReflectionQuery};
pub use api::safety_plan::safety_plan_sections;
pub use api::PAGE_MAX;
pub use backup::passphrase::{
    generate_backup_passphrase, BACKUP_PASSPHRASE_MIN_BITS, BACKUP_PASSPHRASE_MIN_CHARS,
    GENERATED_PASSPHRASE_WORDS,
};
pub use chain::verify::{ChainIssue, ChainIssueKind, ChainReport};
pub use chain::Checkpoint;
pub use crypto::kdf::{kdf_iteration_floor, KDF_FLOOR};
pub use domain::boundaries::{
    Boundary, BoundaryInput, BoundaryKind, BoundaryStatus, STATEMENT_MAX_CHARS,
};
pub use domain::channel::Channel;
pub use domain::dates::{LocalDate, MonthDay};
pub use domain::events::{
    Attachment, AttemptResponse, CheckIn, Emotion, Event, EventBody, EventKind, Initiator, Logged,
    MyContact, NewEvent, TheirAttempt, Urge, UrgeOutcome, ATTACHMENTS_MAX, EVENT_NOTE_MAX_CHARS,
    HANDLE_MAX_CHARS, LIST_MAX, LOCATION_MAX_CHARS, SAID_MAX_CHARS, SHORT_TEXT_MAX_CHARS,
};
pub use domain::people::{
    ContactMode, Person, PersonInput, Relationship, ALIAS_MAX_CHARS, PERSON_NOTES_MAX_CHARS,
    TOPICS_MAX, TOPIC_MAX_CHARS,
};
pub use domain::quick::QuickEntry;
pub use domain::reflections::{
    NewReflection, Reflection, ReflectionBody, ReflectionKind, REFLECTION_TEXT_MAX_CHARS, TAGS_MAX,
    TAG_MAX_CHARS, TITLE_MAX_CHARS,
};
pub use domain::safety_plan::{
    ChecklistItem, SafetyPlan, SafetyPlanSection, SafetyPlanVersion, SupportContact,
    CODE_WORD_MAX_CHARS, PLAN_ITEMS_MAX, PLAN_ITEM_MAX_CHARS,
};
pub use domain::triggers::{Trigger, TriggerCategory, TriggerInput, TRIGGER_NAME_MAX_CHARS};
pub use error::VaultError;
pub use export::csv::CSV_COLUMNS;
pub use export::dir::{
    manifest_text, write_evidence_dir, EVIDENCE_FILE, MANIFEST_FILE, REPORT_FILE,
};
pub use export::html::render_report;
pub use export::schema::{
    ChainHead, CheckpointEntry, Evidence, Item, Period, PersonLabel, Selection, EVIDENCE_FORMAT,
    EVIDENCE_VERSION, REPORT_LAYOUT,
};
pub use export::verify::{
    problem_line, verify_evidence, verify_evidence_files, EvidenceFile, EvidenceProblem,
    EvidenceProblemKind, EvidenceVerdict, EVIDENCE_FILE_MAX_BYTES, MANIFEST_MAX_BYTES,
    PROBLEMS_MAX,
};
pub use insights::patterns::{
    AttemptInsights, BoundaryProgress, ChannelCount, MoodInsights, MoodPoint, Ranked, Trend,
    UrgeInsights, WeekCount, WeekUrges,
};
pub use insights::reminders::{Discretion, Reminder, ReminderKind, ReminderSettings, TimeOfDay};
pub use insights::streaks::{MilestoneReached, NextMilestone, Streak, MILESTONES};
pub use insights::{
    HomeSummary, Insights, RiskyDate, StreakReport, INSIGHT_WEEKS_MAX, RISKY_HORIZON_MAX_DAYS,
    RISKY_NEAR_DAYS,
};
pub use keyring::{Secret, PASSCODE_MAX_CHARS, PASSCODE_MIN_CHARS};
pub use lockout::{
    BootClock, LockPolicy, LockState, DEFAULT_IDLE_TIMEOUT_SECONDS, ERASE_AFTER_MAX,
    ERASE_AFTER_MIN, FREE_ATTEMPTS, IDLE_TIMEOUT_MAX_SECONDS, IDLE_TIMEOUT_MIN_SECONDS,
    MAX_WAIT_SECONDS,
};
pub use progress::ProgressListener;
pub use reasons::{
    MyReason, Prompt, ReasonSuggestion, ReasonTheme, PROMPT_MAX_CHARS, REASON_MAX_CHARS,
};
pub use urge::{UrgeEnd, UrgeSupport, SUGGESTED_WAIT_MINUTES};
pub use vault::{create_vault, CreatedVault, Vault, VaultSetup, VaultStatus};

/// A fresh random id, as 32 hex digits.
pub(crate) fn random_hex() -> Result<String> {
    record::RecordId::random().map(record::RecordId::to_hex)
}

/// Result type of every fallible call in the core.
pub type Result<T, E = VaultError> = std::result::Result<T, E>;
