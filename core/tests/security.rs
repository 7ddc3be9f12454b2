//! What a copy of the file and the cover space reveal: the header and the
//! sealed rows look alike at every offset whatever the vault holds, the
//! duress passcode is as hard to guess as the passcode and never equal to
//! it, and a cover space behaves like a vault without one.

mod common;

use std::path::{Path, PathBuf};

use common::*;
use nocontact_core::{AccessKind, QuickEntry, Secret, Vault, VaultError, VaultSetup};

const DURESS: &str = "8080";
const KEY: [u8; 32] = [7u8; 32];

/// Header layout as the README states it: version, KDF count, salt, drop
/// key, then 8 slots of 93 bytes.
const HEADER_PREFIX: usize = 1 + 4 + 32 + 32;
const SLOT_LEN: usize = 93;
const SLOTS: usize = 8;
/// The cover's drop box for failed unlocks: a public key, then 8 cells.
const BOX_PUBLIC: usize = 32;
const CELL_LEN: usize = 305;

#[derive(Clone, Copy, Debug)]
enum Secrets {
    PasscodeOnly,
    WithDeviceSlot,
    PasscodeNeedsDevice,
}

fn setup_for(secrets: Secrets) -> VaultSetup {
    let mut setup = setup();
    match secrets {
        Secrets::PasscodeOnly => {}
        Secrets::WithDeviceSlot => setup.device_key = Some(KEY.to_vec()),
        Secrets::PasscodeNeedsDevice => {
            setup.device_key = Some(KEY.to_vec());
            setup.passcode_needs_device_key = true;
        }
    }
    setup
}

/// The secret the app sends for `passcode` in this setup.
fn typed(secrets: Secrets, passcode: &str) -> Secret {
    match secrets {
        Secrets::PasscodeNeedsDevice => Secret::PasscodeAndDeviceKey {
            passcode: passcode.into(),
            key: KEY.to_vec(),
        },
        _ => Secret::Passcode {
            passcode: passcode.into(),
        },
    }
}

/// Sets the duress passcode, with the device key when one is given.
fn set_duress(vault: &Vault, passcode: &str, key: Option<Vec<u8>>) -> Result<(), VaultError> {
    match key {
        Some(key) => vault.set_duress_passcode_with_device_key(passcode.into(), key),
        None => vault.set_duress_passcode(passcode.into()),
    }
}

fn device_for(secrets: Secrets) -> Option<Vec<u8>> {
    match secrets {
        Secrets::PasscodeNeedsDevice => Some(KEY.to_vec()),
        _ => None,
    }
}

/// A vault as a person would leave it: an entry, maybe a filled cover, a
/// failed attempt and an entry logged while locked pending. Locked.
fn leave_vault(dir: &Path, n: usize, secrets: Secrets, cover: bool) -> PathBuf {
    let path = dir.join(format!("v{n}"));
    let vault = Vault::create(&path, setup_for(secrets)).unwrap().vault;
    vault.add_reflection(journal("a real entry")).unwrap();
    if cover {
        set_duress(&vault, DURESS, device_for(secrets)).unwrap();
        vault.lock();
        vault.unlock(typed(secrets, DURESS)).unwrap();
        vault.add_reflection(journal("groceries")).unwrap();
    }
    vault.lock();
    if n.is_multiple_of(2) {
        assert_eq!(vault.unlock(passcode("0000")), Err(VaultError::WrongSecret));
    }
    vault
        .log_while_locked(QuickEntry::CheckIn { mood: 3 }, 0)
        .unwrap();
    path
}

/// Rows as a copy of the file shows them.
struct Copy {
    header: Vec<u8>,
    directories: Vec<Vec<u8>>,
    cover_box: Vec<u8>,
    records: Vec<Vec<u8>>,
}

fn read_copy(path: &Path) -> Copy {
    let conn = raw(path);
    let h = |k: i64| -> Vec<u8> {
        conn.query_row("SELECT v FROM h WHERE k = ?1", [k], |r| r.get(0))
            .unwrap()
    };
    let mut stmt = conn.prepare("SELECT v FROM b").unwrap();
    let records = stmt
        .query_map([], |r| r.get::<_, Vec<u8>>(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    Copy {
        header: h(0),
        directories: vec![h(1), h(2)],
        cover_box: h(4),
        records,
    }
}

/// At every offset, either every sample holds one value, or no value is
/// much more frequent than chance allows. A byte that is constant in used
/// rows and random in unused ones (or differs between vaults with and
/// without a cover) fails: its value is far too frequent, yet not constant.
fn assert_alike(what: &str, samples: &[&[u8]]) {
    let m = samples.len();
    assert!(m >= 8, "{what}: too few samples");
    let len = samples.iter().map(|s| s.len()).min().unwrap();
    // Expected count per value m/256; ten more is beyond 1e-9 per value
    // for these sample sizes.
    let bound = m / 256 * 3 + 10;
    for offset in 0..len {
        let mut counts = [0usize; 256];
        for s in samples {
            counts[usize::from(s[offset])] += 1;
        }
        let (value, &max) = counts.iter().enumerate().max_by_key(|(_, c)| **c).unwrap();
        assert!(
            max == m || max <= bound,
            "{what}: offset {offset} holds {value:#04x} in {max} of {m} samples"
        );
    }
}

fn slots(copy: &Copy) -> Vec<&[u8]> {
    assert_eq!(copy.header.len(), HEADER_PREFIX + SLOTS * SLOT_LEN);
    copy.header[HEADER_PREFIX..].chunks(SLOT_LEN).collect()
}

fn cells(copy: &Copy) -> Vec<&[u8]> {
    copy.cover_box[BOX_PUBLIC..].chunks(CELL_LEN).collect()
}

fn check_group(name: &str, copies: &[&Copy]) {
    let all_slots: Vec<&[u8]> = copies.iter().flat_map(|c| slots(c)).collect();
    assert_alike(&format!("{name}: key slots"), &all_slots);
    let prefixes: Vec<&[u8]> = copies.iter().map(|c| &c.header[..HEADER_PREFIX]).collect();
    assert_alike(&format!("{name}: header before the slots"), &prefixes);
    let dirs: Vec<&[u8]> = copies
        .iter()
        .flat_map(|c| c.directories.iter().map(Vec::as_slice))
        .collect();
    assert_alike(&format!("{name}: directory rows"), &dirs);
    let boxes: Vec<&[u8]> = copies.iter().map(|c| c.cover_box.as_slice()).collect();
    assert_alike(&format!("{name}: cover box keys"), &boxes);
    let all_cells: Vec<&[u8]> = copies.iter().flat_map(|c| cells(c)).collect();
    assert_alike(&format!("{name}: cover box cells"), &all_cells);
    let rows: Vec<&[u8]> = copies
        .iter()
        .flat_map(|c| c.records.iter().map(Vec::as_slice))
        .collect();
    assert_alike(&format!("{name}: sealed rows"), &rows);
}

#[test]
fn no_offset_of_the_header_or_a_row_tells_what_the_vault_holds() {
    let dir = tempfile::tempdir().unwrap();
    let kinds = [
        Secrets::PasscodeOnly,
        Secrets::WithDeviceSlot,
        Secrets::PasscodeNeedsDevice,
    ];
    let mut with_cover = Vec::new();
    let mut without = Vec::new();
    let mut n = 0;
    for _ in 0..4 {
        for secrets in kinds {
            for cover in [false, true] {
                let path = leave_vault(dir.path(), n, secrets, cover);
                n += 1;
                let copy = read_copy(&path);
                // Every row of `h` has one length in every vault.
                assert_eq!(copy.directories[0].len(), copy.directories[1].len());
                if cover {
                    with_cover.push(copy);
                } else {
                    without.push(copy);
                }
            }
        }
    }
    let lengths = |c: &Copy| (c.header.len(), c.directories[0].len(), c.cover_box.len());
    assert!(with_cover
        .iter()
        .chain(&without)
        .all(|c| lengths(c) == lengths(&without[0])));
    let a: Vec<&Copy> = with_cover.iter().collect();
    let b: Vec<&Copy> = without.iter().collect();
    let all: Vec<&Copy> = a.iter().chain(&b).copied().collect();
    check_group("with a cover", &a);
    check_group("without a cover", &b);
    check_group("all vaults", &all);
}

#[test]
fn the_duress_passcode_needs_the_device_key_when_the_passcode_does() {
    let f = fixture_with(setup_for(Secrets::PasscodeNeedsDevice));
    f.vault.add_reflection(journal("real")).unwrap();
    assert_eq!(
        f.vault.set_duress_passcode(DURESS.into()),
        Err(VaultError::invalid_field("device_key"))
    );
    f.vault
        .set_duress_passcode_with_device_key(DURESS.into(), KEY.to_vec())
        .unwrap();
    f.vault.lock();
    // A guess of the duress passcode alone (what a copy of the file allows)
    // opens nothing, as for the passcode.
    assert_eq!(
        f.vault.unlock(passcode(DURESS)),
        Err(VaultError::WrongSecret)
    );
    assert_eq!(
        f.vault.unlock(passcode(PASSCODE)),
        Err(VaultError::WrongSecret)
    );
    f.vault
        .unlock(typed(Secrets::PasscodeNeedsDevice, DURESS))
        .unwrap();
    assert!(reflections(&f.vault).unwrap().is_empty());
    // The cover reports the same need as the real space.
    assert!(f.vault.status().unwrap().passcode_needs_device_key);
    f.vault.add_reflection(journal("cover")).unwrap();
    f.vault.lock();

    // Dropping the need for the device key drops it for both; taking it
    // up again takes it up for both.
    f.vault
        .unlock(typed(Secrets::PasscodeNeedsDevice, PASSCODE))
        .unwrap();
    f.vault.change_passcode(PASSCODE.into(), None).unwrap();
    f.vault.lock();
    f.vault.unlock(passcode(DURESS)).unwrap();
    assert_eq!(reflections(&f.vault).unwrap()[0].body.text, "cover");
    assert!(!f.vault.status().unwrap().passcode_needs_device_key);
    f.vault.lock();
    f.vault.unlock(passcode(PASSCODE)).unwrap();
    f.vault
        .change_passcode(PASSCODE.into(), Some(KEY.to_vec()))
        .unwrap();
    f.vault.lock();
    assert_eq!(
        f.vault.unlock(passcode(DURESS)),
        Err(VaultError::WrongSecret)
    );
    f.vault
        .unlock(typed(Secrets::PasscodeNeedsDevice, DURESS))
        .unwrap();
    assert_eq!(reflections(&f.vault).unwrap()[0].body.text, "cover");
    f.vault.lock();
    f.vault
        .unlock(typed(Secrets::PasscodeNeedsDevice, PASSCODE))
        .unwrap();
    assert_eq!(reflections(&f.vault).unwrap()[0].body.text, "real");
}

#[test]
fn the_duress_passcode_is_never_the_passcode() {
    for secrets in [
        Secrets::PasscodeOnly,
        Secrets::WithDeviceSlot,
        Secrets::PasscodeNeedsDevice,
    ] {
        let f = fixture_with(setup_for(secrets));
        for key in [None, Some(KEY.to_vec())] {
            let refused = set_duress(&f.vault, PASSCODE, key.clone());
            assert!(
                matches!(refused, Err(VaultError::InvalidInput { .. })),
                "{secrets:?} with key {}: {refused:?}",
                key.is_some()
            );
        }
        assert!(!f.vault.has_duress_passcode().unwrap(), "{secrets:?}");
        set_duress(&f.vault, DURESS, device_for(secrets)).unwrap();
        // Nor can the passcode become the duress passcode, with or without
        // the device key.
        for key in [None, Some(KEY.to_vec())] {
            assert_eq!(
                f.vault.change_passcode(DURESS.into(), key),
                Err(VaultError::invalid_field("passcode")),
                "{secrets:?}"
            );
        }
        // The app's usual unlock still opens each space.
        f.vault.lock();
        f.vault.unlock(typed(secrets, PASSCODE)).unwrap();
        assert!(f.vault.has_duress_passcode().unwrap(), "{secrets:?}");
        f.vault.lock();
        f.vault.unlock(typed(secrets, DURESS)).unwrap();
        assert!(!f.vault.has_duress_passcode().unwrap(), "{secrets:?}");
    }
}

fn access_kinds(vault: &Vault) -> Vec<AccessKind> {
    let mut kinds: Vec<AccessKind> = vault
        .access_log()
        .unwrap()
        .into_iter()
        .map(|e| e.kind)
        .collect();
    kinds.reverse();
    kinds
}

#[test]
fn the_cover_shows_the_failed_attempts_made_before_it_was_opened() {
    use AccessKind::*;
    // A vault without a cover, as the baseline.
    let plain = fixture();
    plain.vault.lock();
    assert_eq!(
        plain.vault.unlock(passcode("0000")),
        Err(VaultError::WrongSecret)
    );
    plain.vault.unlock(passcode(PASSCODE)).unwrap();
    assert_eq!(access_kinds(&plain.vault), vec![FailedUnlock, Unlock]);

    let f = fixture();
    f.vault.set_duress_passcode(DURESS.into()).unwrap();
    f.vault.lock();
    f.vault.unlock(passcode(DURESS)).unwrap();
    f.vault.lock();
    // Someone tries a passcode, then demands the real one and is given
    // the duress passcode.
    assert_eq!(
        f.vault.unlock(passcode("0000")),
        Err(VaultError::WrongSecret)
    );
    f.vault
        .log_while_locked(QuickEntry::CheckIn { mood: 2 }, 0)
        .unwrap();
    f.vault.unlock(passcode(DURESS)).unwrap();
    assert_eq!(access_kinds(&f.vault), vec![Unlock, FailedUnlock, Unlock]);
    // The entry logged while locked is the real space's alone.
    assert!(f
        .vault
        .list_events(EventQuery::default())
        .unwrap()
        .events
        .is_empty());
    f.vault.lock();
    // Shown once: opening the cover again adds only the new unlock.
    f.vault.unlock(passcode(DURESS)).unwrap();
    assert_eq!(
        access_kinds(&f.vault),
        vec![Unlock, FailedUnlock, Unlock, Unlock]
    );
    f.vault.lock();
    // Attempts before an unlock of the real space wait for the cover too.
    assert_eq!(
        f.vault.unlock(passcode("1111")),
        Err(VaultError::WrongSecret)
    );
    f.vault.unlock(passcode(PASSCODE)).unwrap();
    let real = access_kinds(&f.vault);
    assert_eq!(real.iter().filter(|k| **k == FailedUnlock).count(), 2);
    assert_eq!(real.iter().filter(|k| **k == LockedEntry).count(), 1);
    assert_eq!(
        f.vault
            .list_events(EventQuery::default())
            .unwrap()
            .events
            .len(),
        1
    );
    f.vault.lock();
    f.vault.unlock(passcode(DURESS)).unwrap();
    let cover = access_kinds(&f.vault);
    assert_eq!(cover.iter().filter(|k| **k == FailedUnlock).count(), 2);
    assert!(!cover.contains(&LockedEntry) && !cover.contains(&DuressUnlock));
}

/// What the duress calls answer, in order, in the space that is open.
fn duress_answers(vault: &Vault, own: &str) -> Vec<String> {
    let mut out = Vec::new();
    out.push(format!("{:?}", vault.has_duress_passcode()));
    out.push(format!("{:?}", vault.remove_duress_passcode()));
    out.push(format!("{:?}", vault.has_duress_passcode()));
    out.push(format!("{:?}", vault.set_duress_passcode(own.into())));
    out.push(format!("{:?}", vault.set_duress_passcode("1357".into())));
    out.push(format!("{:?}", vault.has_duress_passcode()));
    out.push(format!("{:?}", vault.change_passcode("1357".into(), None)));
    out.push(format!("{:?}", vault.set_duress_passcode("2468".into())));
    out.push(format!("{:?}", vault.has_duress_passcode()));
    out
}

#[test]
fn duress_calls_answer_inside_a_cover_as_in_a_vault_without_one() {
    let plain = fixture();
    let without = duress_answers(&plain.vault, PASSCODE);

    let f = fixture();
    f.vault.add_reflection(journal("real")).unwrap();
    f.vault.set_duress_passcode(DURESS.into()).unwrap();
    f.vault.lock();
    f.vault.unlock(passcode(DURESS)).unwrap();
    f.vault.add_reflection(journal("cover")).unwrap();
    let inside = duress_answers(&f.vault, DURESS);
    assert_eq!(inside, without);
    // The cover's own duress passcode opens the cover; the real passcode
    // and the real duress passcode still open what they opened.
    f.vault.lock();
    f.vault.unlock(passcode("2468")).unwrap();
    assert_eq!(reflections(&f.vault).unwrap()[0].body.text, "cover");
    f.vault.lock();
    f.vault.unlock(passcode(PASSCODE)).unwrap();
    assert_eq!(reflections(&f.vault).unwrap()[0].body.text, "real");
    assert!(f.vault.has_duress_passcode().unwrap());
    f.vault.lock();
    f.vault.unlock(passcode(DURESS)).unwrap();
    assert_eq!(reflections(&f.vault).unwrap()[0].body.text, "cover");
    assert!(f.vault.has_duress_passcode().unwrap());
    assert_eq!(f.vault.remove_duress_passcode(), Ok(()));
    assert!(!f.vault.has_duress_passcode().unwrap());
    f.vault.lock();
    assert_eq!(
        f.vault.unlock(passcode("2468")),
        Err(VaultError::WrongSecret)
    );
    // Removing the cover from the real space frees every slot it held.
    f.vault.unlock(passcode(PASSCODE)).unwrap();
    f.vault.remove_duress_passcode().unwrap();
    f.vault.lock();
    assert_eq!(
        f.vault.unlock(passcode(DURESS)),
        Err(VaultError::WrongSecret)
    );
}
