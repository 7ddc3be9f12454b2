//! `nocontact demo`: a throwaway vault in a temporary folder, and a walk
//! through what the core does, printing each step and its outcome.

use std::time::{Duration, SystemTime};

use nocontact_core::{
    NewReflection, ReflectionBody, ReflectionFilter, ReflectionKind, ReflectionQuery, Secret,
    Vault, VaultError, VaultSetup, KDF_FLOOR,
};

use crate::cmd_insights::{self, Detail};
use crate::{cmd_chain, cmd_reflect, cmd_status, demo_protect, demo_weeks, render, zone};

const PASSCODE: &str = "2580";

pub(crate) fn step(title: &str) {
    println!("\n== {title}");
}

pub(crate) fn run() -> Result<(), VaultError> {
    let dir = tempfile::tempdir().map_err(|_| VaultError::Storage)?;
    let path = dir.path().join("data.db");
    println!("A throwaway vault in a temporary folder (removed at the end).");

    step("Create a vault with a 4-digit passcode");
    let created = Vault::create(
        &path,
        VaultSetup {
            passcode: PASSCODE.into(),
            device_key: None,
            passcode_needs_device_key: false,
            kdf_iterations: Some(KDF_FLOOR),
        },
    )?;
    let vault = created.vault;
    println!(
        "created; PBKDF2 iterations: {}",
        vault.status()?.kdf_iterations
    );
    println!(
        "recovery code (an app shows it once): {}",
        created.recovery_code
    );

    step("Write three journal entries, one of them back-dated");
    let offset = render::local_offset_seconds();
    let texts = [
        ("They texted from a new number. Did not answer.", 26 * 3600),
        ("Walked instead of calling. Felt the urge pass.", 3 * 3600),
        ("Day 30. Quiet. مرحبا 🌱", 0),
    ];
    for (text, ago) in texts {
        let entry = vault.add_reflection(NewReflection {
            at: Some(SystemTime::now() - Duration::from_secs(ago)),
            utc_offset_seconds: offset,
            body: ReflectionBody {
                kind: ReflectionKind::Journal { prompt_id: None },
                title: String::new(),
                text: text.into(),
                tags: Vec::new(),
                mood: None,
            },
        })?;
        println!("saved {}", render::short_id(&entry.id));
    }
    let aliases = render::Aliases::new();
    for entry in journal(&vault)? {
        println!(
            "  {}\n      {}",
            cmd_reflect::reflection_heading(&entry, &aliases),
            entry.body.text
        );
    }

    step("What a copy of the file shows");
    let mut bytes = Vec::new();
    for suffix in ["", "-wal", "-shm"] {
        let mut p = path.as_os_str().to_owned();
        p.push(suffix);
        bytes.extend(std::fs::read(&p).unwrap_or_default());
    }
    let visible = texts
        .iter()
        .filter(|(t, _)| bytes.windows(8).any(|w| t.as_bytes().starts_with(w)))
        .count();
    println!(
        "{} bytes on disk, {} sealed records; journal texts found in clear: {visible}",
        bytes.len(),
        vault.status()?.record_count
    );

    step("Lock, then try a wrong passcode");
    vault.lock();
    println!(
        "listing while locked: {}",
        outcome(journal(&vault).map(|_| ()))
    );
    println!("unlock with 0000: {}", outcome(vault.unlock(pass("0000"))));
    println!(
        "unlock with the right passcode: {}",
        outcome(vault.unlock(pass(PASSCODE)))
    );
    println!("journal entries back: {}", journal(&vault)?.len());

    step("Change the passcode (the data key is re-wrapped, no record re-encrypted)");
    vault.change_passcode("a longer passphrase".into(), None)?;
    vault.lock();
    println!("old passcode: {}", outcome(vault.unlock(pass(PASSCODE))));
    println!(
        "new passcode: {}",
        outcome(vault.unlock(pass("a longer passphrase")))
    );

    step("Add a device key (as Android Keystore or the iOS Keychain would hold)");
    let device_key = vec![0x5a; 32];
    vault.set_device_key(device_key.clone())?;
    vault.lock();
    println!(
        "unlock with the device key alone: {}",
        outcome(vault.unlock(Secret::DeviceKey { key: device_key }))
    );
    vault.remove_device_key()?;
    println!("device key slot removed; its bytes are now random like the unused slots");

    step("Forgot the passcode: the recovery code sets a new one");
    vault.lock();
    println!(
        "recover: {}",
        outcome(vault.recover(created.recovery_code.clone(), "new start".into()))
    );

    step("Someone edits a copy of the file: one journal record altered");
    drop(vault);
    let copy = dir.path().join("copy.db");
    std::fs::copy(&path, &copy).map_err(|_| VaultError::Storage)?;
    let first_entry = journal_ids(&path)?;
    tamper_record(&copy, &first_entry)?;
    let tampered = Vault::open(copy.to_string_lossy().into_owned())?;
    tampered.unlock(pass("new start"))?;
    let status = tampered.status()?;
    println!(
        "unlock still works; damaged records detected: {}; intact journal entries readable: {}",
        status.damaged_records,
        journal(&tampered)?.len()
    );
    print!(
        "{}",
        indent(&cmd_chain::report_text(&tampered.chain_report()?))
    );
    drop(tampered);
    let reopened = Vault::open(path.to_string_lossy().into_owned())?;
    reopened.unlock(pass("new start"))?;

    println!("\n\nNow a few weeks of no contact, in the same vault.");
    demo_weeks::run(&reopened)?;
    progress(&reopened)?;
    evidence(&reopened, dir.path())?;
    demo_protect::run(&reopened, &path, "new start")?;
    println!("\nDone. The temporary folder is deleted now.");
    Ok(())
}

/// The home screen and the last weeks in patterns, as `status` and
/// `insights` show them.
fn progress(vault: &Vault) -> Result<(), VaultError> {
    let name = zone::pick(None);
    let rules = zone::rules(&name).map_err(|_| VaultError::invalid_field("zone"))?;
    step(&format!(
        "Progress: the home screen (`nocontact status`, in {name})"
    ));
    let aliases = render::aliases(vault)?;
    for line in cmd_status::lines(&vault.summary(name.clone())?, rules, &aliases) {
        println!("  {line}");
    }
    step("Progress: four weeks in patterns (`nocontact insights --weeks 4`, in short)");
    let insights = vault.insights(name, 4, None)?;
    for line in cmd_insights::lines(&insights, &aliases, Detail::Compact) {
        println!("{}", format!("  {line}").trim_end());
    }
    Ok(())
}

fn journal(vault: &Vault) -> Result<Vec<nocontact_core::Reflection>, VaultError> {
    Ok(vault
        .list_reflections(ReflectionQuery {
            filter: ReflectionFilter::Journal,
            person_id: None,
            from: None,
            until: None,
            offset: 0,
            limit: 50,
        })?
        .reflections)
}

fn pass(p: &str) -> Secret {
    Secret::Passcode { passcode: p.into() }
}

pub(crate) fn outcome(result: Result<(), VaultError>) -> String {
    match result {
        Ok(()) => "ok".into(),
        Err(e) => format!("refused ({})", crate::describe(e)),
    }
}

/// The chain, a checkpoint, and an evidence export checked offline.
fn evidence(vault: &Vault, dir: &std::path::Path) -> Result<(), VaultError> {
    step("The log's hash chain (`nocontact chain`)");
    print!(
        "{}",
        indent(&cmd_chain::report_text(&vault.chain_report()?))
    );
    step("A checkpoint code to text to an advocate (`nocontact checkpoint`)");
    let checkpoint = vault.make_checkpoint()?;
    println!("  {} ({} records)", checkpoint.code, checkpoint.records);
    step("An evidence export of their attempts and my contacts (`nocontact export evidence`)");
    let folder = dir.join("evidence");
    let options = nocontact_core::EvidenceOptions {
        person_id: None,
        kinds: Vec::new(),
        include_reflections: false,
        from: None,
        until: None,
        zone: zone::pick(None),
    };
    let summary = vault.export_evidence(options, folder.to_string_lossy().into_owned(), None)?;
    println!(
        "  {} in full; the other {} records of the chain as digests only",
        render::count(summary.entries as usize, "entry", "entries"),
        summary.records - summary.included_records
    );
    step("Anyone checks it, with no vault and no passcode (`nocontact verify`)");
    let folder = folder.to_string_lossy().into_owned();
    let verdict = nocontact_core::verify_evidence(folder, Some(checkpoint.code))?;
    print!("{}", indent(&crate::cmd_verify::show(&verdict)));
    Ok(())
}

fn indent(text: &str) -> String {
    text.lines().map(|l| format!("  {l}\n")).collect()
}

/// The row id of the oldest journal entry (an entry's id is its first
/// record's row id).
fn journal_ids(path: &std::path::Path) -> Result<String, VaultError> {
    let vault = Vault::open(path.to_string_lossy().into_owned())?;
    vault.unlock(pass("new start"))?;
    journal(&vault)?
        .last()
        .map(|e| e.id.clone())
        .ok_or(VaultError::NotFound)
}

/// Flips one bit in one sealed record, straight in the SQLite file, the way
/// someone with a copy of the file could.
fn tamper_record(path: &std::path::Path, id_hex: &str) -> Result<(), VaultError> {
    let conn = rusqlite::Connection::open(path).map_err(|_| VaultError::Storage)?;
    let (id, mut blob): (Vec<u8>, Vec<u8>) = conn
        .query_row(
            "SELECT id, v FROM b WHERE lower(hex(id)) = ?1",
            [id_hex],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .map_err(|_| VaultError::Storage)?;
    let middle = blob.len() / 2;
    blob[middle] ^= 1;
    conn.execute(
        "UPDATE b SET v = ?2 WHERE id = ?1",
        rusqlite::params![id, blob],
    )
    .map_err(|_| VaultError::Storage)?;
    Ok(())
}
