//! Prompts (built in and the user's own, with a prompt of the day) and the
//! "my reasons" list with its suggestions.

use chrono::NaiveDate;

use crate::domain::dates::LocalDate;
use crate::memory::Index;
use crate::reasons::{
    builtin_prompts, builtin_suggestions, prompt_for_day, validate_prompt, validate_reason,
    MyReason, Prompt, ReasonSuggestion, ReasonTheme,
};
use crate::record::{Record, RecordId};
use crate::vault::{Session, Vault};
use crate::{time, Result, VaultError};

#[cfg_attr(feature = "uniffi", uniffi::export)]
impl Vault {
    /// Every prompt: the built-in library (stable ids the UIs localize) and
    /// then the user's own.
    pub fn list_prompts(&self) -> Result<Vec<Prompt>> {
        self.with_session(|_, session| Ok(all_prompts(&session.index)))
    }

    /// Adds a prompt of the user's own; `InvalidInput { field: "text" }`
    /// when it is blank or longer than `PROMPT_MAX_CHARS`.
    pub fn add_prompt(&self, text: String, theme: Option<ReasonTheme>) -> Result<Prompt> {
        validate_prompt(&text)?;
        self.with_session(|conn, session| {
            let id = RecordId::random()?;
            let prompt = Prompt {
                id: id.to_hex(),
                theme,
                text,
                builtin: false,
            };
            session.store(conn, vec![(id, Record::Prompt(prompt.clone()))])?;
            Ok(prompt)
        })
    }

    /// Deletes one of the user's own prompts (built-in ones cannot be:
    /// `NotFound`, as for an unknown id).
    pub fn delete_prompt(&self, id: String) -> Result<()> {
        let rid = RecordId::parse(&id).map_err(|_| VaultError::invalid("id"))?;
        self.with_session(|conn, session| {
            if !session.index.prompts.contains_key(&id) {
                return Err(VaultError::NotFound);
            }
            session.delete(conn, rid)
        })
    }

    /// The prompt for a local calendar day: stable all day, another the next.
    /// `InvalidInput { field: "date" }` for a day that does not exist.
    pub fn prompt_of_the_day(&self, date: LocalDate) -> Result<Prompt> {
        let day = date.to_naive("date")?;
        self.with_session(|_, session| {
            let prompts = all_prompts(&session.index);
            prompt_for_day(&prompts, days_since_epoch(day))
                .cloned()
                .ok_or(VaultError::NotFound)
        })
    }

    /// The person's reasons, in the order they added them.
    pub fn list_reasons(&self) -> Result<Vec<MyReason>> {
        self.with_session(|_, session| {
            let mut reasons: Vec<MyReason> = session.index.reasons.values().cloned().collect();
            reasons.sort_by(|a, b| a.created_at.cmp(&b.created_at).then(a.id.cmp(&b.id)));
            Ok(reasons)
        })
    }

    /// Suggestions not yet accepted, by theme.
    pub fn reason_suggestions(&self) -> Result<Vec<ReasonSuggestion>> {
        self.with_session(|_, session| {
            Ok(builtin_suggestions()
                .into_iter()
                .filter(|s| {
                    !session
                        .index
                        .reasons
                        .values()
                        .any(|r| r.suggestion_id.as_deref() == Some(s.id.as_str()))
                })
                .collect())
        })
    }

    /// Adds a reason in the person's words; `InvalidInput { field: "text" }`
    /// when it is blank or longer than `REASON_MAX_CHARS`.
    pub fn add_reason(&self, text: String, theme: Option<ReasonTheme>) -> Result<MyReason> {
        validate_reason(&text)?;
        self.with_session(|conn, session| store_reason(conn, session, text, theme, None))
    }

    /// Accepts a suggestion, optionally in the person's own edited words.
    /// A suggestion already accepted, or an unknown id, is refused
    /// (`InvalidInput { field: "suggestion_id" }`); `text` as with
    /// `add_reason`.
    pub fn accept_reason_suggestion(
        &self,
        suggestion_id: String,
        edited_text: Option<String>,
    ) -> Result<MyReason> {
        let suggestion = builtin_suggestions()
            .into_iter()
            .find(|s| s.id == suggestion_id)
            .ok_or_else(|| VaultError::invalid("suggestion_id"))?;
        let text = edited_text.unwrap_or(suggestion.text);
        validate_reason(&text)?;
        self.with_session(|conn, session| {
            let taken = session
                .index
                .reasons
                .values()
                .any(|r| r.suggestion_id.as_deref() == Some(suggestion.id.as_str()));
            if taken {
                return Err(VaultError::invalid("suggestion_id"));
            }
            store_reason(
                conn,
                session,
                text,
                Some(suggestion.theme),
                Some(suggestion.id),
            )
        })
    }

    /// Rewrites one of the person's reasons (its theme stays);
    /// `NotFound` for an unknown id, `InvalidInput { field: "text" }` when
    /// blank or too long.
    pub fn update_reason(&self, id: String, text: String) -> Result<MyReason> {
        let rid = RecordId::parse(&id)?;
        validate_reason(&text)?;
        self.with_session(|conn, session| {
            let mut reason = session
                .index
                .reasons
                .get(&id)
                .cloned()
                .ok_or(VaultError::NotFound)?;
            reason.text = text;
            session.store(conn, vec![(rid, Record::Reason(reason.clone()))])?;
            Ok(reason)
        })
    }

    /// Deletes one of the person's reasons; `NotFound` for an unknown id.
    pub fn delete_reason(&self, id: String) -> Result<()> {
        let rid = RecordId::parse(&id)?;
        self.with_session(|conn, session| {
            if !session.index.reasons.contains_key(&id) {
                return Err(VaultError::NotFound);
            }
            session.delete(conn, rid)
        })
    }
}

fn store_reason(
    conn: &mut rusqlite::Connection,
    session: &mut Session,
    text: String,
    theme: Option<ReasonTheme>,
    suggestion_id: Option<String>,
) -> Result<MyReason> {
    let id = RecordId::random()?;
    // Reasons list in the order they were added, by `created_at`: two added
    // within one millisecond still get distinct, increasing times.
    let latest = session.index.reasons.values().map(|r| r.created_at).max();
    let now = time::now();
    let created_at = match latest {
        Some(l) if now <= l => l + std::time::Duration::from_millis(1),
        _ => now,
    };
    let reason = MyReason {
        id: id.to_hex(),
        text,
        theme,
        suggestion_id,
        created_at,
    };
    session.store(conn, vec![(id, Record::Reason(reason.clone()))])?;
    Ok(reason)
}

/// The built-in prompts, then the user's own.
pub(crate) fn all_prompts(index: &Index) -> Vec<Prompt> {
    let mut prompts = builtin_prompts();
    let mut own: Vec<Prompt> = index.prompts.values().cloned().collect();
    own.sort_by(|a, b| a.id.cmp(&b.id));
    prompts.extend(own);
    prompts
}

pub(crate) fn days_since_epoch(day: NaiveDate) -> i64 {
    (day - NaiveDate::default()).num_days()
}
