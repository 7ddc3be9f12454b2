//! Protection while the vault is in other hands: `access-log`, `duress`,
//! `erase` and `lock-policy`.

use std::time::SystemTime;

use chrono::{DateTime, Local};
use nocontact_core::{AccessEvent, AccessKind, LockPolicy, LockState, Vault};

use crate::args::{subcommand, usage_error, Flags, Kind, Options, Parse};
use crate::describe;
use crate::input::Prompter;
use crate::render;

pub(crate) const USAGE: &str = "\
usage:
  nocontact access-log [--json] [--ack]
  nocontact duress set | remove [--confirm REMOVE] | status
  nocontact erase [--confirm ERASE]
  nocontact lock-policy [--erase-after N --i-accept-evidence-loss | --erase-off]
                        [--idle SECONDS]

access-log   every opening of the vault, failed unlock attempt, opening with the
             duress passcode and entry logged while locked, newest first; the ones
             not yet seen are marked new. --ack marks them all as seen.
duress set   a second passcode that opens a separate, empty space instead of this
             one (fill it with something mundane); asked twice like a passcode.
duress remove  removes it and deletes everything in that space; asks to type REMOVE
             (--confirm REMOVE for scripts).
erase        destroys every key, then the file: nothing in it can be read again, not
             with the passcode, not with the recovery code, and the log kept as
             evidence goes too. No passcode is needed. Asks to type ERASE (--confirm
             ERASE for scripts); anything else changes nothing.
lock-policy  without options, shows the policy and the failed unlocks so far (no
             passcode needed). --erase-after N (5-100) erases the vault after N failed
             unlocks in a row; it destroys the evidence too, so it needs
             --i-accept-evidence-loss. --erase-off turns it off. --idle SECONDS locks an
             open vault after that long without activity (15-86400, 0 for never).

After 4 failed unlocks in a row, each further one makes the next attempt wait
(30 s, then 60, up to an hour); the wait is kept in the file.";

/// The word `erase` wants typed.
pub(crate) const ERASE_WORD: &str = "ERASE";
/// The word `duress remove` wants typed.
const REMOVE_WORD: &str = "REMOVE";

#[derive(Debug)]
pub(crate) struct AccessLogCmd {
    json: bool,
    ack: bool,
}

#[derive(Debug)]
pub(crate) enum DuressCmd {
    Set,
    Remove { confirm: Option<String> },
    Status,
}

#[derive(Debug)]
pub(crate) struct EraseCmd {
    confirm: Option<String>,
}

/// A change to the lock policy; nothing given shows it.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct LockPolicyCmd {
    /// `Some(None)`: turn the erase off.
    erase_after: Option<Option<u32>>,
    idle: Option<u32>,
    accept_evidence_loss: bool,
}

impl LockPolicyCmd {
    /// Whether it changes anything (and so needs the passcode).
    pub(crate) fn changes(&self) -> bool {
        self.erase_after.is_some() || self.idle.is_some()
    }
}

pub(crate) fn parse_access_log(args: &[String], options: &mut Options) -> Parse<AccessLogCmd> {
    let f = Flags::parse(
        args,
        &[("--json", Kind::Switch), ("--ack", Kind::Switch)],
        USAGE,
        options,
    )?;
    f.no_words()?;
    Ok(AccessLogCmd {
        json: f.switch("--json"),
        ack: f.switch("--ack"),
    })
}

pub(crate) fn parse_duress(args: &[String], options: &mut Options) -> Parse<DuressCmd> {
    let (sub, rest) = subcommand(args, USAGE)?;
    let spec: &[(&'static str, Kind)] = match sub {
        "remove" => &[("--confirm", Kind::Value)],
        "set" | "status" => &[],
        _ => return Err(usage_error(USAGE, "unknown duress subcommand")),
    };
    let f = Flags::parse(rest, spec, USAGE, options)?;
    f.no_words()?;
    Ok(match sub {
        "set" => DuressCmd::Set,
        "status" => DuressCmd::Status,
        _ => DuressCmd::Remove {
            confirm: f.value("--confirm"),
        },
    })
}

pub(crate) fn parse_erase(args: &[String], options: &mut Options) -> Parse<EraseCmd> {
    let f = Flags::parse(args, &[("--confirm", Kind::Value)], USAGE, options)?;
    f.no_words()?;
    Ok(EraseCmd {
        confirm: f.value("--confirm"),
    })
}

pub(crate) fn parse_lock_policy(args: &[String], options: &mut Options) -> Parse<LockPolicyCmd> {
    let f = Flags::parse(
        args,
        &[
            ("--erase-after", Kind::Value),
            ("--i-accept-evidence-loss", Kind::Switch),
            ("--erase-off", Kind::Switch),
            ("--idle", Kind::Value),
        ],
        USAGE,
        options,
    )?;
    f.no_words()?;
    let accept = f.switch("--i-accept-evidence-loss");
    let erase_after = match (f.number::<u32>("--erase-after")?, f.switch("--erase-off")) {
        (Some(_), true) => return Err(f.error("--erase-after and --erase-off do not go together")),
        (Some(_), false) if !accept => {
            return Err(f.error(
                "--erase-after needs --i-accept-evidence-loss: an erase destroys the evidence too",
            ))
        }
        (Some(n), false) => Some(Some(n)),
        (None, true) => Some(None),
        (None, false) => None,
    };
    if accept && !matches!(erase_after, Some(Some(_))) {
        return Err(f.error("--i-accept-evidence-loss goes with --erase-after"));
    }
    Ok(LockPolicyCmd {
        erase_after,
        idle: f.number("--idle")?,
        accept_evidence_loss: accept,
    })
}

/// "opened", "failed unlock attempt", ...
pub(crate) fn kind_words(kind: AccessKind) -> &'static str {
    match kind {
        AccessKind::Unlock => "opened",
        AccessKind::FailedUnlock => "failed unlock attempt",
        AccessKind::DuressUnlock => "opened with the duress passcode",
        AccessKind::LockedEntry => "entry logged while locked",
    }
}

fn kind_code(kind: AccessKind) -> &'static str {
    match kind {
        AccessKind::Unlock => "unlock",
        AccessKind::FailedUnlock => "failed_unlock",
        AccessKind::DuressUnlock => "duress_unlock",
        AccessKind::LockedEntry => "locked_entry",
    }
}

/// An instant in the local zone, with the offset it had then.
fn local(at: SystemTime) -> DateTime<Local> {
    at.into()
}

/// "2 failed unlock attempts since you last looked.", or nothing when no
/// failed or duress unlock is new.
pub(crate) fn warning(events: &[AccessEvent]) -> Option<String> {
    let new = |kind| events.iter().filter(|e| e.new && e.kind == kind).count();
    let (failed, duress) = (new(AccessKind::FailedUnlock), new(AccessKind::DuressUnlock));
    let mut parts = Vec::new();
    if failed > 0 {
        parts.push(render::count(
            failed,
            "failed unlock attempt",
            "failed unlock attempts",
        ));
    }
    if duress > 0 {
        parts.push(render::count(
            duress,
            "opening with the duress passcode",
            "openings with the duress passcode",
        ));
    }
    (!parts.is_empty()).then(|| format!("{} since you last looked.", parts.join(" and ")))
}

/// One line: local time, what happened, and "new" if not yet seen.
pub(crate) fn access_line(event: &AccessEvent) -> String {
    let line = format!(
        "{}  {}",
        local(event.at).format("%Y-%m-%d %H:%M:%S %:z"),
        kind_words(event.kind)
    );
    if event.new {
        format!("{line:<58}  new")
    } else {
        line
    }
}

pub(crate) fn run_access_log(vault: &Vault, cmd: AccessLogCmd) -> Result<(), String> {
    let events = vault.access_log().map_err(describe)?;
    if cmd.ack {
        vault.acknowledge_access_log().map_err(describe)?;
    }
    if cmd.json {
        let count = |kind| events.iter().filter(|e| e.new && e.kind == kind).count();
        let list: Vec<serde_json::Value> = events
            .iter()
            .map(|e| {
                serde_json::json!({
                    "at": local(e.at).to_rfc3339(),
                    "kind": kind_code(e.kind),
                    "new": e.new,
                })
            })
            .collect();
        let json = serde_json::json!({
            "new_failed_unlocks": count(AccessKind::FailedUnlock),
            "new_duress_unlocks": count(AccessKind::DuressUnlock),
            "acknowledged": cmd.ack,
            "events": list,
        });
        let text = serde_json::to_string_pretty(&json).map_err(|_| "cannot write JSON")?;
        println!("{text}");
        return Ok(());
    }
    if let Some(warning) = warning(&events) {
        println!("{warning}");
    }
    for event in &events {
        println!("{}", access_line(event));
    }
    if cmd.ack {
        println!("(all marked as seen)");
    }
    Ok(())
}

/// A typed confirmation: `given` if the flag was used, else a line read
/// where passcodes are read. Only `word`, exactly, confirms.
fn confirmed(
    prompter: &mut Prompter,
    given: Option<String>,
    prompt: &str,
    word: &str,
) -> Result<bool, String> {
    let typed = match given {
        Some(typed) => typed,
        None => prompter.line(prompt)?,
    };
    Ok(typed == word)
}

pub(crate) fn run_duress(
    vault: &Vault,
    prompter: &mut Prompter,
    cmd: DuressCmd,
) -> Result<(), String> {
    match cmd {
        DuressCmd::Status => {
            if vault.has_duress_passcode().map_err(describe)? {
                println!("A duress passcode is set: typed instead of the passcode, it opens a separate space.");
            } else {
                println!("No duress passcode is set.");
            }
        }
        DuressCmd::Set => {
            let passcode =
                prompter.new_secret("New duress passcode: ", "the two passcodes differ")?;
            vault.set_duress_passcode(passcode).map_err(describe)?;
            println!("Duress passcode set: typed instead of the passcode, it opens a separate space, empty at first.");
        }
        DuressCmd::Remove { confirm } => {
            if !vault.has_duress_passcode().map_err(describe)? {
                println!("No duress passcode is set.");
                return Ok(());
            }
            let prompt = format!(
                "This deletes everything in the duress passcode's space. Type {REMOVE_WORD} to go on: "
            );
            if !confirmed(prompter, confirm, &prompt, REMOVE_WORD)? {
                return Err(format!("not removed: type {REMOVE_WORD} to remove it"));
            }
            vault.remove_duress_passcode().map_err(describe)?;
            println!("Duress passcode removed, with its space.");
        }
    }
    Ok(())
}

/// Erases a vault that is open but locked: no passcode is asked.
pub(crate) fn run_erase(
    vault: &Vault,
    prompter: &mut Prompter,
    cmd: EraseCmd,
) -> Result<(), String> {
    let prompt = format!(
        "This destroys the vault and everything in it, for good. Type {ERASE_WORD} to go on: "
    );
    if !confirmed(prompter, cmd.confirm, &prompt, ERASE_WORD)? {
        return Err(format!("nothing erased: type {ERASE_WORD} to erase"));
    }
    vault.erase().map_err(describe)?;
    println!("Erased.");
    Ok(())
}

/// Shows the policy, after changing it if asked (the vault is then
/// unlocked already).
pub(crate) fn run_lock_policy(vault: &Vault, cmd: LockPolicyCmd) -> Result<(), String> {
    if cmd.changes() {
        let mut policy = vault.lock_policy().map_err(describe)?;
        // An erase already on was accepted when it was turned on; changing
        // only the idle timeout keeps it without asking again.
        let accept = match cmd.erase_after {
            Some(erase_after) => {
                policy.erase_after_failures = erase_after;
                cmd.accept_evidence_loss
            }
            None => policy.erase_after_failures.is_some(),
        };
        if let Some(idle) = cmd.idle {
            policy.idle_timeout_seconds = idle;
        }
        vault.set_lock_policy(policy, accept).map_err(describe)?;
        println!("Lock policy changed.");
    }
    let policy = vault.lock_policy().map_err(describe)?;
    let state = vault.lock_state().map_err(describe)?;
    for line in policy_lines(&policy, &state) {
        println!("{line}");
    }
    Ok(())
}

/// "30 s", "2 min", "1 h"; whole minutes and hours rounded up.
pub(crate) fn duration(seconds: u64) -> String {
    match seconds {
        s if s < 60 => format!("{s} s"),
        s if s < 3600 => format!("{} min", s.div_ceil(60)),
        s if s % 3600 == 0 => format!("{} h", s / 3600),
        s => format!("{} min", s.div_ceil(60)),
    }
}

pub(crate) fn policy_lines(policy: &LockPolicy, state: &LockState) -> Vec<String> {
    let erase = match policy.erase_after_failures {
        Some(n) => format!("after {n} failed unlocks in a row (the evidence goes too)"),
        None => "never".to_owned(),
    };
    let idle = match policy.idle_timeout_seconds {
        0 => "never".to_owned(),
        s => format!("after {} without activity", duration(u64::from(s))),
    };
    let mut out = vec![
        format!("Erase: {erase}"),
        format!("Lock when idle: {idle}"),
        format!(
            "Failed unlocks since the last one that worked: {}",
            state.failed_attempts
        ),
    ];
    if state.retry_after_seconds > 0 {
        out.push(format!(
            "Next attempt: in {}",
            duration(state.retry_after_seconds)
        ));
    }
    if let Some(left) = state.attempts_before_erase {
        out.push(format!("Attempts left before the erase: {left}"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, UNIX_EPOCH};

    fn strings(args: &[&str]) -> Vec<String> {
        args.iter().map(|s| s.to_string()).collect()
    }

    fn policy(args: &[&str]) -> Parse<LockPolicyCmd> {
        parse_lock_policy(&strings(args), &mut Options::default())
    }

    #[test]
    fn lock_policy_flags() {
        assert!(!policy(&[]).unwrap().changes());
        let cmd = policy(&["--erase-after", "10", "--i-accept-evidence-loss"]).unwrap();
        assert_eq!(cmd.erase_after, Some(Some(10)));
        assert!(cmd.accept_evidence_loss && cmd.changes());
        assert_eq!(policy(&["--erase-off"]).unwrap().erase_after, Some(None));
        assert_eq!(policy(&["--idle", "0"]).unwrap().idle, Some(0));
        let e = |args: &[&str]| policy(args).unwrap_err().message;
        assert!(e(&["--erase-after", "10"]).contains("--i-accept-evidence-loss"));
        assert!(e(&["--i-accept-evidence-loss"]).contains("goes with --erase-after"));
        assert!(e(&[
            "--erase-after",
            "9",
            "--erase-off",
            "--i-accept-evidence-loss"
        ])
        .contains("do not go together"));
        assert!(e(&["--idle", "soon"]).contains("whole number"));
    }

    #[test]
    fn duress_and_erase_flags() {
        let d = |args: &[&str]| parse_duress(&strings(args), &mut Options::default());
        assert!(matches!(d(&["set"]).unwrap(), DuressCmd::Set));
        assert!(matches!(d(&["status"]).unwrap(), DuressCmd::Status));
        assert!(matches!(
            d(&["remove", "--confirm", "REMOVE"]).unwrap(),
            DuressCmd::Remove { confirm: Some(_) }
        ));
        assert!(d(&["set", "--confirm", "x"]).is_err());
        assert!(d(&["burn"]).is_err());
        assert!(d(&[]).is_err());
        let e = parse_erase(&strings(&["--confirm", "ERASE"]), &mut Options::default());
        assert_eq!(e.unwrap().confirm.as_deref(), Some("ERASE"));
        assert!(parse_erase(&strings(&["now"]), &mut Options::default()).is_err());
    }

    #[test]
    fn access_words_and_warning() {
        let at = UNIX_EPOCH + Duration::from_secs(1_700_000_000);
        let ev = |kind, new| AccessEvent { at, kind, new };
        let events = [
            ev(AccessKind::Unlock, true),
            ev(AccessKind::FailedUnlock, true),
            ev(AccessKind::FailedUnlock, true),
            ev(AccessKind::FailedUnlock, false),
            ev(AccessKind::LockedEntry, true),
        ];
        assert_eq!(
            warning(&events).unwrap(),
            "2 failed unlock attempts since you last looked."
        );
        let mut with_duress = events.to_vec();
        with_duress.push(ev(AccessKind::DuressUnlock, true));
        assert_eq!(
            warning(&with_duress).unwrap(),
            "2 failed unlock attempts and 1 opening with the duress passcode since you last looked."
        );
        assert_eq!(warning(&events[3..]), None);
        assert!(access_line(&events[1]).contains("failed unlock attempt"));
        assert!(access_line(&events[1]).ends_with("  new"));
        assert!(!access_line(&events[3]).ends_with("new"));
        assert_eq!(
            kind_words(AccessKind::DuressUnlock),
            "opened with the duress passcode"
        );
        assert_eq!(
            kind_words(AccessKind::LockedEntry),
            "entry logged while locked"
        );
    }

    #[test]
    fn durations_and_policy() {
        assert_eq!(duration(30), "30 s");
        assert_eq!(duration(60), "1 min");
        assert_eq!(duration(61), "2 min");
        assert_eq!(duration(3600), "1 h");
        let lines = policy_lines(
            &LockPolicy {
                erase_after_failures: Some(10),
                idle_timeout_seconds: 300,
            },
            &LockState {
                failed_attempts: 5,
                retry_after_seconds: 30,
                attempts_before_erase: Some(5),
            },
        );
        assert_eq!(
            lines,
            [
                "Erase: after 10 failed unlocks in a row (the evidence goes too)",
                "Lock when idle: after 5 min without activity",
                "Failed unlocks since the last one that worked: 5",
                "Next attempt: in 30 s",
                "Attempts left before the erase: 5",
            ]
        );
    }
}
