//! Benchmarks for the protection features, each against a baseline measured
//! in the same run:
//!
//! - logging while locked (ephemeral X25519, HKDF, AES-GCM, one insert)
//!   against a plain rusqlite insert of a row of the same size at the same
//!   `synchronous` level (target: at most 2x);
//! - unlocking with the duress passcode against unlocking with the real
//!   one, and the real one with and without a duress space, interleaved,
//!   with Welch's t statistic: the times must not differ beyond noise;
//! - the duress unlock of a cover of 50 records against the real unlock of
//!   10,000 records, with the ratio (issue 11);
//! - crypto-erase of a vault of 100,000 records (target: well under a
//!   second), against writing one record.
//!
//! Run with `cargo bench -p nocontact-core --bench protection`; set
//! `NC_BENCH_QUICK=1` for a short run that only checks it works.

mod common;

use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use common::{add_people, check_in, fmt, median, plain_open, quick, random_id, report_against};
use nocontact_core::{
    NewReflection, QuickEntry, ReflectionBody, ReflectionKind, Secret, Vault, VaultSetup, KDF_FLOOR,
};
use rusqlite::{params, Connection};

const REAL: &str = "2580";
const DURESS: &str = "1397";

fn report(name: &str, ours: Duration, base_name: &str, base: Duration, target: Option<f64>) {
    report_against(name, "", ours, base_name, base, target);
}

fn setup() -> VaultSetup {
    VaultSetup {
        passcode: REAL.into(),
        device_key: None,
        passcode_needs_device_key: false,
        kdf_iterations: Some(KDF_FLOOR),
    }
}

fn passcode(p: &str) -> Secret {
    Secret::Passcode { passcode: p.into() }
}

fn open(path: &Path) -> Arc<Vault> {
    Vault::open(path.to_string_lossy().into_owned()).unwrap()
}

fn bench_log_while_locked(dir: &Path) {
    let n = if quick() { 30 } else { 500 };
    let path = dir.join("drop.db");
    let created = Vault::create(&path, setup()).unwrap();
    drop(created);
    let vault = open(&path);
    let conn = plain_open(&dir.join("drop-plain.db"));
    // The row a drop writes: read one back for its size.
    vault
        .log_while_locked(QuickEntry::CheckIn { mood: 3 }, 0)
        .unwrap();
    let len: i64 = Connection::open(&path)
        .unwrap()
        .query_row("SELECT max(length(v)) FROM b", [], |r| r.get(0))
        .unwrap();
    let blob = vec![0x5au8; len as usize];
    let entry = |i: usize| match i % 3 {
        0 => QuickEntry::CheckIn { mood: 3 },
        1 => QuickEntry::Urge {
            intensity: 7,
            person_id: None,
        },
        _ => QuickEntry::TheirAttempt {
            person_id: "0123456789abcdef0123456789abcdef".into(),
            channel: nocontact_core::Channel::Call,
        },
    };
    let mut ours = Vec::new();
    let mut base = Vec::new();
    for i in 0..n + 10 {
        let t = Instant::now();
        vault.log_while_locked(entry(i), 3600).unwrap();
        let a = t.elapsed();
        let t = Instant::now();
        let mut stmt = conn
            .prepare_cached("INSERT INTO b (id, v) VALUES (?1, ?2)")
            .unwrap();
        stmt.execute(params![random_id(i), blob]).unwrap();
        let b = t.elapsed();
        if i >= 10 {
            ours.push(a);
            base.push(b);
        }
    }
    println!("locked drop row: {len} bytes (the plain rows have the same size)");
    report(
        "log while locked (synchronous=FULL)",
        median(ours),
        "plain insert",
        median(base),
        Some(2.0),
    );
}

/// Mean and sample variance.
fn stats(samples: &[f64]) -> (f64, f64) {
    let n = samples.len() as f64;
    let mean = samples.iter().sum::<f64>() / n;
    let var = samples.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (n - 1.0).max(1.0);
    (mean, var)
}

/// Welch's t statistic for two samples.
fn welch_t(a: &[f64], b: &[f64]) -> f64 {
    let (ma, va) = stats(a);
    let (mb, vb) = stats(b);
    let se = (va / a.len() as f64 + vb / b.len() as f64).sqrt();
    if se == 0.0 {
        0.0
    } else {
        (ma - mb) / se
    }
}

fn fill(vault: &Vault, label: &str, n: usize) {
    let aliases: Vec<String> = (0..3).map(|i| format!("{label} {i}")).collect();
    add_people(
        vault,
        &aliases.iter().map(String::as_str).collect::<Vec<_>>(),
    );
    for i in 0..n {
        if i % 2 == 0 {
            vault
                .log_event(check_in(format!("{label} note {i}")))
                .unwrap();
        } else {
            vault
                .add_reflection(NewReflection {
                    at: None,
                    utc_offset_seconds: 0,
                    body: ReflectionBody {
                        kind: ReflectionKind::Journal { prompt_id: None },
                        title: String::new(),
                        text: format!("{label} journal {i}"),
                        tags: Vec::new(),
                        mood: None,
                    },
                })
                .unwrap();
        }
    }
}

fn timed_unlock(vault: &Vault, secret: &str) -> f64 {
    vault.lock();
    let t = Instant::now();
    vault.unlock(passcode(secret)).unwrap();
    t.elapsed().as_secs_f64()
}

fn compare(name: &str, a_name: &str, a: &[f64], b_name: &str, b: &[f64]) {
    let (ma, _) = stats(a);
    let (mb, _) = stats(b);
    let t = welch_t(a, b);
    let verdict = if t.abs() < 3.0 {
        "no difference beyond noise (|t| < 3)"
    } else {
        "DIFFERENT beyond noise (|t| >= 3)"
    };
    println!(
        "{name:<34} {a_name} {:>9}  {b_name} {:>9}  diff {:+.1}%  Welch t {t:+.2}  n={}: {verdict}",
        fmt(Duration::from_secs_f64(ma)),
        fmt(Duration::from_secs_f64(mb)),
        (ma / mb - 1.0) * 100.0,
        a.len()
    );
}

fn bench_unlock_times(dir: &Path) {
    let runs = if quick() { 3 } else { 20 };
    let records = if quick() { 20 } else { 60 };
    let with = Vault::create(&dir.join("duress.db"), setup())
        .unwrap()
        .vault;
    fill(&with, "real", records);
    with.set_duress_passcode(DURESS.into()).unwrap();
    with.lock();
    with.unlock(passcode(DURESS)).unwrap();
    fill(&with, "cover", records);
    let without = Vault::create(&dir.join("plain.db"), setup()).unwrap().vault;
    fill(&without, "real", records);

    let (mut real, mut duress, mut plain) = (Vec::new(), Vec::new(), Vec::new());
    // Warm up, then interleave so that all three see the same noise.
    timed_unlock(&with, REAL);
    timed_unlock(&without, REAL);
    for i in 0..runs {
        if i % 2 == 0 {
            real.push(timed_unlock(&with, REAL));
            duress.push(timed_unlock(&with, DURESS));
        } else {
            duress.push(timed_unlock(&with, DURESS));
            real.push(timed_unlock(&with, REAL));
        }
        plain.push(timed_unlock(&without, REAL));
    }
    compare(
        "unlock: duress vs real passcode",
        "duress",
        &duress,
        "real",
        &real,
    );
    compare(
        "unlock: with vs without a cover",
        "with",
        &real,
        "without",
        &plain,
    );
}

/// Issue 11: the duress and the real unlock with a cover of 50 records
/// and a real space of 10,000 (2,000 in quick mode), interleaved. Both
/// open every row of the file (a row of the other space fails its tag
/// after the same AES-GCM pass); what remains is parsing and indexing
/// the real space's own records, which the cover does not have.
fn bench_unlock_sizes(dir: &Path) {
    let runs = if quick() { 3 } else { 15 };
    let real_records = if quick() { 2_000 } else { 10_000 };
    let vault = Vault::create(&dir.join("sizes.db"), setup()).unwrap().vault;
    for chunk in (0..real_records).collect::<Vec<_>>().chunks(5_000) {
        vault
            .log_events(
                chunk
                    .iter()
                    .map(|&i| check_in(format!("real note {i} of a usual length")))
                    .collect(),
            )
            .unwrap();
    }
    vault.set_duress_passcode(DURESS.into()).unwrap();
    vault.lock();
    vault.unlock(passcode(DURESS)).unwrap();
    fill(&vault, "cover", 50);
    let (mut real, mut duress) = (Vec::new(), Vec::new());
    timed_unlock(&vault, REAL);
    timed_unlock(&vault, DURESS);
    for i in 0..runs {
        if i % 2 == 0 {
            real.push(timed_unlock(&vault, REAL));
            duress.push(timed_unlock(&vault, DURESS));
        } else {
            duress.push(timed_unlock(&vault, DURESS));
            real.push(timed_unlock(&vault, REAL));
        }
    }
    let (md, _) = stats(&duress);
    let (mr, _) = stats(&real);
    compare(
        &format!("unlock: cover 50 vs real {real_records}"),
        "duress",
        &duress,
        "real",
        &real,
    );
    println!(
        "unlock: cover 50 / real {real_records} ratio {:.3}x (the README says why it is not 1)",
        md / mr
    );
}

fn bench_erase(dir: &Path) {
    let count = if quick() { 5_000 } else { 100_000 };
    let path = dir.join("erase.db");
    let vault = Vault::create(&path, setup()).unwrap().vault;
    let body = |i: usize| {
        check_in(format!(
            "entry {i} with a note of a usual length for a check-in"
        ))
    };
    for chunk in (0..count).collect::<Vec<_>>().chunks(5_000) {
        vault
            .log_events(chunk.iter().map(|&i| body(i)).collect())
            .unwrap();
    }
    // Baseline: writing one record to the same vault.
    let t = Instant::now();
    vault.log_event(body(count)).unwrap();
    let one = t.elapsed();
    let size: u64 = ["", "-wal"]
        .iter()
        .map(|suffix| {
            let mut p = path.as_os_str().to_owned();
            p.push(suffix);
            std::fs::metadata(p).map(|m| m.len()).unwrap_or(0)
        })
        .sum();
    // Locking wipes every record held in memory; timed apart from erase.
    let t = Instant::now();
    vault.lock();
    let lock = t.elapsed();
    vault.unlock(passcode(REAL)).unwrap();
    let t = Instant::now();
    vault.erase().unwrap();
    let erase = t.elapsed();
    println!("lock (wipe {count} records from memory): {}", fmt(lock));
    assert!(!path.exists());
    println!(
        "crypto-erase of {count} records ({:.1} MB file): {} {}",
        size as f64 / 1e6,
        fmt(erase),
        if erase < Duration::from_millis(500) {
            "(target: well under 1 s: met)"
        } else {
            "(target: well under 1 s: MISSED)"
        }
    );
    report("crypto-erase", erase, "write one record", one, None);
}

fn main() {
    let dir = tempfile::tempdir().unwrap();
    if std::env::var_os("NC_BENCH_ERASE_ONLY").is_some() {
        bench_erase(dir.path());
        return;
    }
    bench_log_while_locked(dir.path());
    bench_unlock_times(dir.path());
    bench_unlock_sizes(dir.path());
    bench_erase(dir.path());
}
