//! `chain` and `checkpoint`: the ledger's hash chain and its checkpoint codes.

use nocontact_core::{ChainIssueKind, ChainReport, Checkpoint, Vault};

use crate::args::{Flags, Kind, Options, Parse};
use crate::{describe, render};

pub(crate) const USAGE: &str = "\
usage:
  nocontact chain [--verify]     the log's hash chain: records, head, and any problem found
  nocontact checkpoint           make a checkpoint now and print its code
  nocontact checkpoint list      every checkpoint made, oldest first

`chain` reports what was checked at unlock; --verify reads the whole file again.
A checkpoint code commits to the log as it is now: read it aloud or send it to
someone you trust. A later export proves that it extends the log the code was
made for (`nocontact verify FOLDER --checkpoint CODE`).";

#[derive(Debug)]
pub(crate) enum ChainCmd {
    Report { verify: bool },
    Checkpoint,
    Checkpoints,
}

pub(crate) fn parse_chain(args: &[String], options: &mut Options) -> Parse<ChainCmd> {
    let f = Flags::parse(args, &[("--verify", Kind::Switch)], USAGE, options)?;
    f.no_words()?;
    Ok(ChainCmd::Report {
        verify: f.switch("--verify"),
    })
}

pub(crate) fn parse_checkpoint(args: &[String], options: &mut Options) -> Parse<ChainCmd> {
    let f = Flags::parse(args, &[], USAGE, options)?;
    match f.words() {
        [] => Ok(ChainCmd::Checkpoint),
        [w] if w == "list" => Ok(ChainCmd::Checkpoints),
        _ => Err(f.error("expected nothing or `list`")),
    }
}

pub(crate) fn run(vault: &Vault, cmd: ChainCmd) -> Result<(), String> {
    match cmd {
        ChainCmd::Report { verify } => {
            let report = if verify {
                vault.verify_chain()
            } else {
                vault.chain_report()
            }
            .map_err(describe)?;
            print!("{}", report_text(&report));
            if report.intact {
                Ok(())
            } else {
                Err("the log's chain has problems (listed above)".to_owned())
            }
        }
        ChainCmd::Checkpoint => {
            let c = vault.make_checkpoint().map_err(describe)?;
            println!("checkpoint {}", c.code);
            println!("{}", checkpoint_line(&c));
            Ok(())
        }
        ChainCmd::Checkpoints => {
            let all = vault.checkpoints().map_err(describe)?;
            if all.is_empty() {
                println!("no checkpoints yet; `nocontact checkpoint` makes one");
            }
            for c in &all {
                println!("{}  {}", c.code, checkpoint_line(c));
            }
            Ok(())
        }
    }
}

fn checkpoint_line(c: &Checkpoint) -> String {
    format!(
        "{} in the log, made {}",
        render::count(c.records as usize, "record", "records"),
        render::local_time(c.made_at, render::local_offset_seconds())
    )
}

pub(crate) fn report_text(report: &ChainReport) -> String {
    let mut out = format!(
        "{} in the chain\nhead {}\ncode {}\n",
        render::count(report.records as usize, "record", "records"),
        report.head,
        report.code
    );
    if report.intact {
        out.push_str("intact: every record links to the one before it\n");
    }
    for issue in &report.issues {
        let what = match issue.kind {
            ChainIssueKind::Missing => "missing or unreadable",
            ChainIssueKind::BrokenLink => "does not link to the record before it",
            ChainIssueKind::Duplicate => "sequence number used twice",
            ChainIssueKind::Replayed => "deleted content put back from an older copy",
            ChainIssueKind::HeadMismatch => "disagrees with the recorded end of the log",
        };
        let at = if issue.first_seq == issue.last_seq {
            format!("record {}", issue.first_seq)
        } else {
            format!("records {}-{}", issue.first_seq, issue.last_seq)
        };
        out.push_str(&format!("problem: {at}: {what}\n"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use nocontact_core::ChainIssue;

    #[test]
    fn reports_name_the_records_concerned() {
        let report = ChainReport {
            records: 12,
            head: "ab".repeat(32),
            code: "FQ3Z-1HTF-9J6K-3ETE-R5G5-XT98-QXDJ-9".into(),
            intact: false,
            issues: vec![
                ChainIssue {
                    kind: ChainIssueKind::Missing,
                    first_seq: 3,
                    last_seq: 3,
                },
                ChainIssue {
                    kind: ChainIssueKind::HeadMismatch,
                    first_seq: 10,
                    last_seq: 11,
                },
            ],
        };
        let text = report_text(&report);
        assert!(text.contains("12 records in the chain"));
        assert!(text.contains("problem: record 3: missing or unreadable"));
        assert!(text.contains("problem: records 10-11: disagrees"));
        assert!(!text.contains("intact"));
    }
}
