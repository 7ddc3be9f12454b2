//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The list queries, for `EventQuery::default()` and `..Default::default()`.
pub use nocontact_core::{EventQuery, ReflectionQuery};
use nocontact_core::{
    NewReflection, ReflectionBody, ReflectionKind, Secret, Vault, VaultSetup, KDF_FLOOR,
};

pub const PASSCODE: &str = "4711";
/// A backup passphrase strong enough for the core's floor.
pub const BACKUP_PHRASE: &str = "a long backup passphrase";

pub struct Fixture {
    pub dir: tempfile::TempDir,
    pub path: PathBuf,
    pub vault: Arc<Vault>,
    pub recovery_code: String,
}

pub fn setup() -> VaultSetup {
    VaultSetup {
        passcode: PASSCODE.into(),
        device_key: None,
        passcode_needs_device_key: false,
        kdf_iterations: Some(KDF_FLOOR),
    }
}

pub fn fixture() -> Fixture {
    fixture_with(setup())
}

pub fn fixture_with(setup: VaultSetup) -> Fixture {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("data.db");
    let created = Vault::create(&path, setup).expect("create");
    Fixture {
        dir,
        path,
        vault: created.vault,
        recovery_code: created.recovery_code,
    }
}

pub fn passcode(p: &str) -> Secret {
    Secret::Passcode { passcode: p.into() }
}

/// A journal entry with this text, now.
pub fn journal(text: &str) -> NewReflection {
    NewReflection {
        at: None,
        utc_offset_seconds: 0,
        body: ReflectionBody {
            kind: ReflectionKind::Journal { prompt_id: None },
            title: String::new(),
            text: text.into(),
            tags: Vec::new(),
            mood: None,
        },
    }
}

/// Every reflection, newest first.
pub fn reflections(
    vault: &Vault,
) -> Result<Vec<nocontact_core::Reflection>, nocontact_core::VaultError> {
    vault
        .list_reflections(ReflectionQuery::default())
        .map(|p| p.reflections)
}

/// The file and its WAL and SHM companions, concatenated.
pub fn all_bytes(path: &Path) -> Vec<u8> {
    let mut out = Vec::new();
    for suffix in ["", "-wal", "-shm"] {
        let mut p = path.as_os_str().to_owned();
        p.push(suffix);
        if let Ok(bytes) = std::fs::read(&p) {
            out.extend(bytes);
        }
    }
    out
}

pub fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    !needle.is_empty() && haystack.windows(needle.len()).any(|w| w == needle)
}

/// Opens the raw SQLite file behind the vault's back.
pub fn raw(path: &Path) -> rusqlite::Connection {
    rusqlite::Connection::open(path).expect("raw open")
}

/// Every event in the (unlocked) vault, newest first, through all pages.
pub fn every_event(vault: &Vault) -> Vec<nocontact_core::Event> {
    let mut events = Vec::new();
    loop {
        let page = vault
            .list_events(EventQuery {
                offset: events.len() as u32,
                ..Default::default()
            })
            .unwrap();
        if page.events.is_empty() {
            return events;
        }
        events.extend(page.events);
    }
}
