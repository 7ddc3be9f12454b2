//! The demo's last part: the phone in other hands. Logging while locked, a
//! failed attempt shown at the next unlock, the duress passcode's cover
//! space, and crypto-erase.

use std::path::Path;

use nocontact_core::{Channel, QuickEntry, Secret, Vault, VaultError};

use crate::demo::{outcome, step};
use crate::{cmd_protect, demo_weeks, render};

fn pass(p: &str) -> Secret {
    Secret::Passcode { passcode: p.into() }
}

fn events(vault: &Vault) -> Result<Vec<nocontact_core::Event>, VaultError> {
    let everything = demo_weeks::query(Vec::new(), None, None, nocontact_core::PAGE_MAX);
    vault.list_events(everything).map(|page| page.events)
}

pub(crate) fn run(vault: &Vault, path: &Path, passcode: &str) -> Result<(), VaultError> {
    step("Logging while locked: a widget, with no passcode");
    let person = vault
        .list_people(false)?
        .into_iter()
        .next()
        .ok_or(VaultError::NotFound)?;
    let before = events(vault)?.len();
    vault.acknowledge_access_log()?;
    vault.lock();
    let widget = Vault::open(path.to_string_lossy().into_owned())?;
    let offset = render::local_offset_seconds();
    widget.log_while_locked(
        QuickEntry::TheirAttempt {
            person_id: person.id,
            channel: Channel::Call,
        },
        offset,
    )?;
    widget.log_while_locked(QuickEntry::CheckIn { mood: 3 }, offset)?;
    println!("\"they just called\" and \"I'm OK\" saved; the widget can read nothing:");
    println!(
        "  listing from the widget: {}",
        outcome(events(&widget).map(|_| ()))
    );

    step("Someone tries a passcode, then the person opens the app");
    println!("unlock with 1111: {}", outcome(vault.unlock(pass("1111"))));
    vault.unlock(pass(passcode))?;
    let all = events(vault)?;
    let quick: Vec<_> = all.iter().filter(|e| e.logged_while_locked).collect();
    println!(
        "events: {} before, {} now; logged while locked: {}",
        before,
        all.len(),
        quick.len()
    );
    let aliases = render::aliases(vault)?;
    for event in quick.iter().rev() {
        println!("  {}", render::event_line(event, &aliases));
    }
    println!("access log since the person last looked:");
    for event in vault.access_log()?.iter().filter(|e| e.new) {
        println!("  {}", cmd_protect::kind_words(event.kind));
    }

    step("A duress passcode opens a harmless cover space");
    vault.set_duress_passcode("1397".into())?;
    let real_count = vault.status()?.record_count;
    vault.lock();
    vault.unlock(pass("1397"))?;
    println!(
        "with the duress passcode: {} people, {} events, sealed records counted: {} (the real space: {real_count})",
        vault.list_people(true)?.len(),
        events(vault)?.len(),
        vault.status()?.record_count
    );
    vault.lock();
    vault.unlock(pass(passcode))?;
    println!(
        "with the real passcode: {} events; the access log shows: {}",
        events(vault)?.len(),
        vault
            .access_log()?
            .iter()
            .find(|e| e.new && e.kind != nocontact_core::AccessKind::Unlock)
            .map_or("nothing new", |e| cmd_protect::kind_words(e.kind))
    );

    step("Crypto-erase: every key destroyed, then the file");
    let started = std::time::Instant::now();
    vault.erase()?;
    println!(
        "erased in {} ms; the file exists: {}; unlocking: {}",
        started.elapsed().as_millis(),
        path.exists(),
        outcome(vault.unlock(pass(passcode)))
    );
    Ok(())
}
