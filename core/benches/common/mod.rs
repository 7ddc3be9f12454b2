//! What both benchmarks share: the quick switch, medians, formatting, and
//! the plain rusqlite baseline.
#![allow(dead_code)]

use std::path::Path;
use std::time::Duration;

use nocontact_core::{
    CheckIn, ContactMode, EventBody, LocalDate, NewEvent, PersonInput, Relationship, Vault,
};
use rusqlite::Connection;

pub fn quick() -> bool {
    std::env::var_os("NC_BENCH_QUICK").is_some()
}

pub fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

pub fn fmt(d: Duration) -> String {
    let us = d.as_secs_f64() * 1e6;
    if us < 1_000.0 {
        format!("{us:.1} µs")
    } else if us < 1_000_000.0 {
        format!("{:.2} ms", us / 1e3)
    } else {
        format!("{:.2} s", us / 1e6)
    }
}

/// Prints a figure beside its baseline, with the ratio and the target.
pub fn report_against(
    name: &str,
    ours_name: &str,
    ours: Duration,
    base_name: &str,
    base: Duration,
    target: Option<f64>,
) {
    let ratio = ours.as_secs_f64() / base.as_secs_f64().max(1e-12);
    let verdict = match target {
        Some(t) if ratio <= t => format!("(target <= {t:.1}x: met)"),
        Some(t) => format!("(target <= {t:.1}x: MISSED)"),
        None => String::new(),
    };
    println!(
        "{name:<34} {ours_name} {:>10}   {base_name} {:>10}   ratio {ratio:>6.2}x {verdict}",
        fmt(ours),
        fmt(base)
    );
}

/// The plain baseline: the same table shape and pragmas, no encryption.
pub fn plain_open(path: &Path) -> Connection {
    let conn = Connection::open(path).unwrap();
    conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get::<_, String>(0))
        .unwrap();
    conn.execute_batch(
        "PRAGMA synchronous = FULL; PRAGMA temp_store = MEMORY;
         CREATE TABLE IF NOT EXISTS b (id BLOB PRIMARY KEY, v BLOB NOT NULL) WITHOUT ROWID;",
    )
    .unwrap();
    conn
}

/// A cheap, well-spread 16-byte key, like the vault's random ids.
pub fn random_id(i: usize) -> [u8; 16] {
    let mut x = (i as u128 + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15_F39C_C060_5CED_C835);
    x ^= x >> 61;
    x.to_le_bytes()
}

/// Adds a person per alias; returns their ids.
pub fn add_people(vault: &Vault, aliases: &[&str]) -> Vec<String> {
    aliases
        .iter()
        .map(|alias| {
            vault
                .add_person(PersonInput {
                    alias: (*alias).into(),
                    relationship: Relationship::Other,
                    mode: ContactMode::NoContact,
                    no_contact_since: LocalDate {
                        year: 2024,
                        month: 1,
                        day: 1,
                    },
                    blocked_on: Vec::new(),
                    notes: String::new(),
                })
                .unwrap()
                .id
        })
        .collect()
}

/// A check-in with this note, now.
pub fn check_in(note: String) -> NewEvent {
    NewEvent {
        at: None,
        utc_offset_seconds: 0,
        body: EventBody::CheckIn {
            check_in: CheckIn {
                mood: 3,
                energy: None,
                note,
                tags: Vec::new(),
            },
        },
    }
}
