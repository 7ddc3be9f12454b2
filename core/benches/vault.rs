//! Vault benchmarks. Each figure is printed beside a baseline measured in the
//! same run, on the same machine, so the ratio holds on a noisy machine:
//! plain rusqlite writing and reading the same number of unencrypted rows of
//! the same size, in the same table shape, at the same `synchronous` level.
//!
//! Run with `cargo bench -p nocontact-core` (or `cargo xtask bench`).
//! Set `NC_BENCH_QUICK=1` for a short run that only checks it works.

mod common;

use std::path::Path;
use std::time::{Duration, Instant};

use common::{add_people, fmt, median, plain_open, quick, random_id, report_against};
use nocontact_core::{
    AttemptResponse, Channel, CheckIn, EventBody, EventKind, EventQuery, EvidenceOptions, NewEvent,
    Secret, TheirAttempt, Urge, UrgeOutcome, Vault, VaultSetup, KDF_FLOOR,
};
use rusqlite::{params, Connection};
use std::time::{SystemTime, UNIX_EPOCH};

const DEVICE_KEY: [u8; 32] = [0x11; 32];

fn report(name: &str, ours: Duration, base: Duration, target: Option<f64>) {
    report_against(name, "vault", ours, "plain rusqlite", base, target);
}

fn setup() -> VaultSetup {
    VaultSetup {
        passcode: "2580".into(),
        device_key: Some(DEVICE_KEY.to_vec()),
        passcode_needs_device_key: false,
        kdf_iterations: Some(KDF_FLOOR),
    }
}

/// A realistic note text of about 200 bytes.
fn text(i: usize) -> String {
    format!(
        "Entry {i}: they called twice from a number I did not know, then sent a long message \
         about the weekend. I did not answer; I went for a walk and wrote this instead. #{}",
        i % 97
    )
}

/// The size of the sealed blob the vault writes for `text(i)`.
fn sealed_len(dir: &Path) -> usize {
    let path = dir.join("probe.db");
    let created = Vault::create(&path, setup()).unwrap();
    created.vault.log_event(note(0)).unwrap();
    drop(created);
    let conn = Connection::open(&path).unwrap();
    // The largest row: the event (the chain head beside it is smaller).
    conn.query_row("SELECT max(length(v)) FROM b", [], |r| r.get::<_, i64>(0))
        .unwrap() as usize
}

/// A check-in with a ~200-byte note, now.
fn note(i: usize) -> NewEvent {
    NewEvent {
        at: None,
        utc_offset_seconds: 3600,
        body: EventBody::CheckIn {
            check_in: CheckIn {
                mood: (i % 5) as u8 + 1,
                energy: Some(3),
                note: text(i),
                tags: vec!["evening".into()],
            },
        },
    }
}

/// Two years of mixed events across three people, oldest first.
fn mixed(i: usize, count: usize, people: &[String]) -> NewEvent {
    let span = 2 * 365 * 86_400u64;
    let base = SystemTime::now() - Duration::from_secs(span + 86_400);
    let at = base + Duration::from_secs(span * i as u64 / count as u64);
    let person = people[i % people.len()].clone();
    let body = match i % 4 {
        0 => EventBody::TheirAttempt {
            attempt: TheirAttempt {
                person_id: person,
                channel: Channel::Text,
                handle: "+1 555 0100".into(),
                said: text(i),
                said_verbatim: true,
                response: AttemptResponse::Ignored,
                location: String::new(),
                witnesses: Vec::new(),
                felt_unsafe: 1,
                attachments: Vec::new(),
                note: String::new(),
            },
        },
        1 => EventBody::Urge {
            urge: Urge {
                intensity: (i % 11) as u8,
                person_id: Some(person),
                trigger_ids: Vec::new(),
                emotions: Vec::new(),
                other_emotions: Vec::new(),
                coping: vec!["walked".into()],
                outcome: UrgeOutcome::Resisted,
                reached_out_via: None,
                note: text(i),
            },
        },
        _ => note(i).body,
    };
    NewEvent {
        at: Some(at),
        utc_offset_seconds: 3600,
        body,
    }
}

fn bench_create_and_unlock(dir: &Path) {
    let runs = if quick() { 1 } else { 5 };
    let mut ours = Vec::new();
    let mut base = Vec::new();
    for i in 0..runs {
        let p = dir.join(format!("create-{i}.db"));
        let t = Instant::now();
        let created = Vault::create(&p, setup()).unwrap();
        ours.push(t.elapsed());
        drop(created);
        let q = dir.join(format!("create-plain-{i}.db"));
        let t = Instant::now();
        drop(plain_open(&q));
        base.push(t.elapsed());
    }
    report(
        "create (KDF at the floor)",
        median(ours),
        median(base.clone()),
        None,
    );

    let p = dir.join("create-0.db");
    let mut ours = Vec::new();
    for _ in 0..runs {
        let vault = Vault::open(p.to_string_lossy().into_owned()).unwrap();
        let t = Instant::now();
        vault
            .unlock(Secret::Passcode {
                passcode: "2580".into(),
            })
            .unwrap();
        ours.push(t.elapsed());
    }
    report(
        "unlock with passcode (600k PBKDF2)",
        median(ours),
        median(base),
        None,
    );
}

fn bench_write_one(dir: &Path, blob_len: usize) {
    let n = if quick() { 50 } else { 1000 };
    let created = Vault::create(&dir.join("write.db"), setup()).unwrap();
    let vault = created.vault;
    let conn = plain_open(&dir.join("write-plain.db"));
    let blob = vec![0x5au8; blob_len];
    // Warm both up, then interleave so that both see the same machine noise.
    for i in 0..20 {
        vault.log_event(note(i)).unwrap();
        conn.execute(
            "INSERT INTO b (id, v) VALUES (?1, ?2)",
            params![random_id(1_000_000 + i), blob],
        )
        .unwrap();
    }
    let mut ours = Vec::new();
    let mut base = Vec::new();
    for i in 0..n {
        let t = Instant::now();
        vault.log_event(note(i)).unwrap();
        ours.push(t.elapsed());
        let t = Instant::now();
        let mut stmt = conn
            .prepare_cached("INSERT INTO b (id, v) VALUES (?1, ?2)")
            .unwrap();
        stmt.execute(params![random_id(i), blob]).unwrap();
        base.push(t.elapsed());
    }
    report(
        "write one record (synchronous=FULL)",
        median(ours),
        median(base),
        Some(2.0),
    );
}

fn bench_load(dir: &Path, count: usize, blob_len: usize) {
    let path = dir.join(format!("load-{count}.db"));
    let created = Vault::create(&path, setup()).unwrap();
    let people = add_people(&created.vault, &["R.", "Mum", "J."]);
    for chunk in (0..count).collect::<Vec<_>>().chunks(5_000) {
        created
            .vault
            .log_events(chunk.iter().map(|&i| mixed(i, count, &people)).collect())
            .unwrap();
    }
    drop(created);
    // The first unlock writes the access log's record; count rows after it.
    Vault::open(path.to_string_lossy().into_owned())
        .unwrap()
        .unlock(Secret::DeviceKey {
            key: DEVICE_KEY.to_vec(),
        })
        .unwrap();

    // The plain rows have exactly the sizes of the vault's sealed rows.
    let sizes: Vec<usize> = {
        let conn = Connection::open(&path).unwrap();
        let mut stmt = conn.prepare("SELECT length(v) FROM b").unwrap();
        let sizes = stmt
            .query_map([], |r| r.get::<_, i64>(0))
            .unwrap()
            .map(|r| r.unwrap() as usize)
            .collect();
        sizes
    };
    let _ = blob_len;
    let plain_path = dir.join(format!("load-plain-{count}.db"));
    {
        let mut conn = plain_open(&plain_path);
        let tx = conn.transaction().unwrap();
        for (i, size) in sizes.iter().enumerate() {
            let blob = vec![0x5au8; *size];
            tx.execute(
                "INSERT INTO b (id, v) VALUES (?1, ?2)",
                params![random_id(i), blob],
            )
            .unwrap();
        }
        tx.commit().unwrap();
    }

    let runs = if quick() { 1 } else { 5 };
    let mut ours = Vec::new();
    let mut base = Vec::new();
    for _ in 0..runs {
        // The vault: open, then unlock with the device key (no PBKDF2, so
        // this measures loading after the key is derived).
        let vault = Vault::open(path.to_string_lossy().into_owned()).unwrap();
        let t = Instant::now();
        vault
            .unlock(Secret::DeviceKey {
                key: DEVICE_KEY.to_vec(),
            })
            .unwrap();
        ours.push(t.elapsed());
        assert_eq!(vault.status().unwrap().record_count as usize, sizes.len());

        let conn = plain_open(&plain_path);
        let t = Instant::now();
        let mut stmt = conn.prepare("SELECT id, v FROM b").unwrap();
        let rows: Vec<(Vec<u8>, Vec<u8>)> = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .map(|r| r.unwrap())
            .collect();
        base.push(t.elapsed());
        assert_eq!(rows.len(), sizes.len());
    }
    report(
        &format!("unlock and load {count} records"),
        median(ours.clone()),
        median(base),
        Some(4.0),
    );

    // The home screen and the insights over the same events, against the
    // time it took to load them (the summary must cost less than the load).
    let load = median(ours);
    let vault = Vault::open(path.to_string_lossy().into_owned()).unwrap();
    vault
        .unlock(Secret::DeviceKey {
            key: DEVICE_KEY.to_vec(),
        })
        .unwrap();
    let mut summary = Vec::new();
    let mut insights = Vec::new();
    for _ in 0..runs {
        let t = Instant::now();
        let s = vault.summary("Europe/Berlin".into()).unwrap();
        summary.push(t.elapsed());
        assert_eq!(s.streaks.people.len(), 3);
        let t = Instant::now();
        let i = vault.insights("Europe/Berlin".into(), 104, None).unwrap();
        insights.push(t.elapsed());
        assert!(i.urges.total > 0);
    }
    println!(
        "{:<34} {:>10} (vs the load, ratio {:.2}x, target < 1.0x: {})",
        format!("summary over {count} events"),
        fmt(median(summary.clone())),
        median(summary.clone()).as_secs_f64() / load.as_secs_f64(),
        if median(summary) < load {
            "met"
        } else {
            "MISSED"
        }
    );
    println!(
        "{:<34} {:>10} (vs the load, ratio {:.2}x)",
        format!("insights over {count} events, 104 weeks"),
        fmt(median(insights.clone())),
        median(insights).as_secs_f64() / load.as_secs_f64(),
    );

    // Exports and backups of the whole chain, against the same load.
    let vs_load = |name: String, took: Duration| {
        println!(
            "{name:<34} {:>10} (vs the load, ratio {:.2}x)",
            fmt(took),
            took.as_secs_f64() / load.as_secs_f64()
        );
    };
    let folder = dir.join(format!("evidence-{count}"));
    let options = EvidenceOptions {
        person_id: None,
        kinds: Vec::new(),
        include_reflections: false,
        from: None,
        until: None,
        zone: "Europe/Berlin".into(),
    };
    let t = Instant::now();
    let exported = vault
        .export_evidence(options, folder.to_string_lossy().into_owned(), None)
        .unwrap();
    vs_load(format!("evidence export, chain of {count}"), t.elapsed());
    // Every event is one record (an urge that reached out brings a second).
    assert!(exported.records as usize >= count);
    let backup = dir.join(format!("backup-{count}.bin"));
    let t = Instant::now();
    vault
        .export_backup(
            backup.to_string_lossy().into_owned(),
            "bench passphrase".into(),
            None,
        )
        .unwrap();
    vs_load(format!("backup of {count} (KDF included)"), t.elapsed());
    let t = Instant::now();
    let restored = nocontact_core::restore_vault(
        backup.to_string_lossy().into_owned(),
        "bench passphrase".into(),
        dir.join(format!("restored-{count}.db"))
            .to_string_lossy()
            .into_owned(),
        setup(),
        None,
    )
    .unwrap();
    vs_load(format!("restore of {count} (2 KDFs incl.)"), t.elapsed());
    assert_eq!(
        restored.vault.chain_report().unwrap().head,
        vault.chain_report().unwrap().head
    );
}

/// Logs `count` mixed events, then lists a page of 50 for one person within
/// one month; the baseline is plain rusqlite with an index on (person, at).
fn bench_list_page(dir: &Path, count: usize, blob_len: usize) {
    let created = Vault::create(&dir.join(format!("list-{count}.db")), setup()).unwrap();
    let vault = created.vault;
    let people = add_people(&vault, &["R.", "Mum", "J."]);
    let t = Instant::now();
    for chunk in (0..count).collect::<Vec<_>>().chunks(5_000) {
        vault
            .log_events(chunk.iter().map(|&i| mixed(i, count, &people)).collect())
            .unwrap();
    }
    let ours_log = t.elapsed();

    let conn = plain_open(&dir.join(format!("list-plain-{count}.db")));
    conn.execute_batch(
        "CREATE TABLE e (id BLOB PRIMARY KEY, person INTEGER, kind INTEGER, at INTEGER, v BLOB) WITHOUT ROWID;
         CREATE INDEX e_person_at ON e (person, at);",
    )
    .unwrap();
    let blob = vec![0x5au8; blob_len];
    let t = Instant::now();
    for chunk in (0..count).collect::<Vec<_>>().chunks(5_000) {
        conn.execute_batch("BEGIN").unwrap();
        let mut stmt = conn
            .prepare_cached("INSERT INTO e VALUES (?1, ?2, ?3, ?4, ?5)")
            .unwrap();
        for &i in chunk {
            let at = match mixed(i, count, &people).at {
                Some(at) => at.duration_since(UNIX_EPOCH).unwrap().as_millis() as i64,
                None => 0,
            };
            stmt.execute(params![
                random_id(i),
                (i % 3) as i64,
                (i % 4) as i64,
                at,
                blob
            ])
            .unwrap();
        }
        conn.execute_batch("COMMIT").unwrap();
    }
    let base_log = t.elapsed();
    report(
        &format!("log {count} mixed events (batches of 5000)"),
        ours_log,
        base_log,
        None,
    );

    let month_end = SystemTime::now() - Duration::from_secs(200 * 86_400);
    let month_start = month_end - Duration::from_secs(30 * 86_400);
    let runs = if quick() { 5 } else { 50 };
    let mut ours = Vec::new();
    let mut base = Vec::new();
    for _ in 0..runs {
        let t = Instant::now();
        let page = vault
            .list_events(EventQuery {
                kinds: vec![EventKind::TheirAttempt, EventKind::Urge, EventKind::CheckIn],
                person_id: Some(people[0].clone()),
                from: Some(month_start),
                until: Some(month_end),
                offset: 0,
                limit: 50,
            })
            .unwrap();
        ours.push(t.elapsed());
        assert_eq!(page.events.len(), 50);

        let from = month_start.duration_since(UNIX_EPOCH).unwrap().as_millis() as i64;
        let until = month_end.duration_since(UNIX_EPOCH).unwrap().as_millis() as i64;
        let t = Instant::now();
        let mut stmt = conn
            .prepare_cached("SELECT id, v FROM e WHERE person = 0 AND at >= ?1 AND at < ?2 ORDER BY at DESC LIMIT 50")
            .unwrap();
        let rows: Vec<(Vec<u8>, Vec<u8>)> = stmt
            .query_map(params![from, until], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .map(|r| r.unwrap())
            .collect();
        base.push(t.elapsed());
        assert_eq!(rows.len(), 50);
    }
    report(
        "list 50 for one person in a month",
        median(ours),
        median(base),
        None,
    );
}

/// Issue 11 §5: re-keying the vault of `bench_load` (every record sealed
/// again, one transaction, the WAL truncated) beside unlocking (loading)
/// the same vault.
fn bench_rekey(dir: &Path, count: usize) {
    let path = dir.join(format!("load-{count}.db"));
    let vault = Vault::open(path.to_string_lossy().into_owned()).unwrap();
    let t = Instant::now();
    vault
        .unlock(Secret::DeviceKey {
            key: DEVICE_KEY.to_vec(),
        })
        .unwrap();
    let load = t.elapsed();
    let records = vault.status().unwrap().record_count;
    let t = Instant::now();
    vault
        .rekey("2580".into(), Some(DEVICE_KEY.to_vec()), None)
        .unwrap();
    let rekey = t.elapsed();
    assert_eq!(vault.status().unwrap().record_count, records);
    report_against(
        &format!("rekey {count} records"),
        "rekey",
        rekey,
        "load",
        load,
        None,
    );
}

fn main() {
    // `cargo bench` passes `--bench`; `cargo test --benches` does not.
    let dir = tempfile::tempdir().unwrap();
    let blob_len = sealed_len(dir.path());
    println!(
        "sealed record size for a ~200-byte note: {blob_len} bytes (plain rows use the same size)"
    );
    bench_create_and_unlock(dir.path());
    bench_write_one(dir.path(), blob_len);
    bench_load(dir.path(), 10_000, blob_len);
    bench_rekey(dir.path(), 10_000);
    if quick() {
        bench_list_page(dir.path(), 10_000, blob_len);
    } else {
        bench_load(dir.path(), 100_000, blob_len);
        bench_rekey(dir.path(), 100_000);
        bench_list_page(dir.path(), 100_000, blob_len);
    }
}
