//! Checking the vault's chain: every record's stored link against the
//! records before it, gaps, duplicates, replayed content and the head.

use std::collections::BTreeSet;

use super::{checkpoint, link, to_hex, Hash, GENESIS};

/// What is wrong at a place in the chain.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum ChainIssueKind {
    /// No readable record has these sequence numbers: deleted from the
    /// file, or damaged so that it no longer opens.
    Missing,
    /// The record does not commit to the record before it as stored: one
    /// of the two was altered, or the records were reordered.
    BrokenLink,
    /// More than one record claims this sequence number.
    Duplicate,
    /// A deleted entry's content is back: the record was replayed from an
    /// older copy of the file.
    Replayed,
    /// The chain's recorded head disagrees with its records: the newest
    /// records were removed, or the head was replayed from an older copy.
    HeadMismatch,
}

/// One problem, at the sequence numbers `first_seq..=last_seq`.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ChainIssue {
    /// What is wrong.
    pub kind: ChainIssueKind,
    /// The first sequence number concerned.
    pub first_seq: u64,
    /// The last sequence number concerned (equal to `first_seq` for one
    /// record).
    pub last_seq: u64,
}

/// The result of checking the chain.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ChainReport {
    /// Records in the chain (the next sequence number).
    pub records: u64,
    /// The head: the link after the last record, 64 hex digits.
    pub head: String,
    /// The checkpoint code the head would have now.
    pub code: String,
    /// No issue was found.
    pub intact: bool,
    /// What was found, in sequence order.
    pub issues: Vec<ChainIssue>,
}

/// What the vault knows about one record in the chain.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Link {
    /// Its digest; `None` for a record deleted before the chain existed.
    pub(crate) digest: Option<Hash>,
    /// The link it says comes before it.
    pub(crate) prev: Option<Hash>,
}

/// The head as the vault last wrote it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Head {
    pub(crate) count: u64,
    pub(crate) head: Hash,
}

/// Checks the chain made of `slots` against the recorded `head`. Each slot
/// is `(seq, the first record's link, how many records claim seq)`, in
/// increasing `seq`; more than one is a duplicate. Returns the report and
/// the computed head.
pub(crate) fn check(
    slots: impl IntoIterator<Item = (u64, Link, usize)>,
    replayed: &BTreeSet<u64>,
    recorded: Option<Head>,
) -> (ChainReport, Hash) {
    let mut issues = Vec::new();
    let mut push = |kind, first_seq, last_seq| {
        issues.push(ChainIssue {
            kind,
            first_seq,
            last_seq,
        })
    };
    // `prev` is the computed link so far; `None` once a gap makes it unknown.
    let mut prev: Option<Hash> = Some(GENESIS);
    let mut expected_seq = 0u64;
    for (seq, first, candidates) in slots {
        if seq > expected_seq {
            push(ChainIssueKind::Missing, expected_seq, seq - 1);
            prev = None;
        }
        expected_seq = seq.saturating_add(1);
        if candidates > 1 {
            push(ChainIssueKind::Duplicate, seq, seq);
        }
        if let (Some(known), Some(stored)) = (prev, first.prev) {
            if known != stored && candidates == 1 {
                push(ChainIssueKind::BrokenLink, seq, seq);
            }
        } else if first.prev.is_none() {
            push(ChainIssueKind::BrokenLink, seq, seq);
        }
        if replayed.contains(&seq) {
            push(ChainIssueKind::Replayed, seq, seq);
        }
        // Go on from what this record says came before it, so one bad
        // record does not hide the good ones after it.
        let base = first.prev.or(prev);
        prev = match (base, first.digest) {
            (Some(base), Some(digest)) if candidates == 1 => Some(link(&base, &digest)),
            _ => None,
        };
    }
    let records = expected_seq;
    match recorded {
        None if records > 0 => push(ChainIssueKind::HeadMismatch, records - 1, records - 1),
        None => {}
        Some(head) if head.count > records => {
            push(ChainIssueKind::Missing, records, head.count - 1)
        }
        Some(head) if head.count < records => {
            push(ChainIssueKind::HeadMismatch, head.count, records - 1)
        }
        Some(head) if records > 0 && prev.is_some_and(|p| p != head.head) => {
            push(ChainIssueKind::HeadMismatch, records - 1, records - 1)
        }
        Some(_) => {}
    }
    issues.sort_by_key(|i| (i.first_seq, i.last_seq));
    let computed = prev.unwrap_or(GENESIS);
    let count = records.max(recorded.map_or(0, |h| h.count));
    let report = ChainReport {
        records: count,
        head: to_hex(&computed),
        code: checkpoint::code(count, &computed),
        intact: issues.is_empty(),
        issues,
    };
    (report, computed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chain::sha256;
    use std::collections::BTreeMap;

    fn slots(links: &BTreeMap<u64, Vec<Link>>) -> Vec<(u64, Link, usize)> {
        links.iter().map(|(s, v)| (*s, v[0], v.len())).collect()
    }

    /// A well-formed chain of `n` records, and its head.
    fn chain(n: u64) -> (BTreeMap<u64, Vec<Link>>, Head) {
        let mut links = BTreeMap::new();
        let mut prev = GENESIS;
        for seq in 0..n {
            let digest = sha256(&seq.to_be_bytes());
            links.insert(
                seq,
                vec![Link {
                    digest: Some(digest),
                    prev: Some(prev),
                }],
            );
            prev = link(&prev, &digest);
        }
        (
            links,
            Head {
                count: n,
                head: prev,
            },
        )
    }

    fn kinds(report: &ChainReport) -> Vec<(ChainIssueKind, u64, u64)> {
        report
            .issues
            .iter()
            .map(|i| (i.kind, i.first_seq, i.last_seq))
            .collect()
    }

    #[test]
    fn an_intact_chain_verifies() {
        let (links, head) = chain(50);
        let (report, computed) = check(slots(&links), &BTreeSet::new(), Some(head));
        assert!(report.intact, "{report:?}");
        assert_eq!(computed, head.head);
        assert_eq!(report.records, 50);
        let (empty, _) = check(slots(&BTreeMap::new()), &BTreeSet::new(), None);
        assert!(empty.intact);
        assert_eq!(empty.head, "0".repeat(64));
    }

    #[test]
    fn a_missing_record_is_located_and_the_rest_still_verifies() {
        let (mut links, head) = chain(50);
        links.remove(&10);
        links.remove(&11);
        let (report, computed) = check(slots(&links), &BTreeSet::new(), Some(head));
        assert_eq!(kinds(&report), vec![(ChainIssueKind::Missing, 10, 11)]);
        assert_eq!(computed, head.head);
    }

    #[test]
    fn an_altered_digest_breaks_the_next_link() {
        let (mut links, head) = chain(20);
        links.get_mut(&7).unwrap()[0].digest = Some([9; 32]);
        let (report, _) = check(slots(&links), &BTreeSet::new(), Some(head));
        assert_eq!(kinds(&report), vec![(ChainIssueKind::BrokenLink, 8, 8)]);
    }

    #[test]
    fn dropped_newest_records_and_a_stale_head_are_reported() {
        let (mut links, head) = chain(20);
        links.remove(&19);
        let (report, _) = check(slots(&links), &BTreeSet::new(), Some(head));
        assert_eq!(kinds(&report), vec![(ChainIssueKind::Missing, 19, 19)]);
        let (links, _) = chain(20);
        let (_, older) = chain(15);
        let (report, _) = check(slots(&links), &BTreeSet::new(), Some(older));
        assert_eq!(kinds(&report), vec![(ChainIssueKind::HeadMismatch, 15, 19)]);
        let (report, _) = check(slots(&links), &BTreeSet::new(), None);
        assert_eq!(kinds(&report), vec![(ChainIssueKind::HeadMismatch, 19, 19)]);
    }

    #[test]
    fn duplicates_and_replays_are_reported() {
        let (mut links, head) = chain(10);
        let copy = links[&3][0];
        links.get_mut(&3).unwrap().push(copy);
        let replayed = BTreeSet::from([5]);
        let (report, _) = check(slots(&links), &replayed, Some(head));
        assert_eq!(
            kinds(&report),
            vec![
                (ChainIssueKind::Duplicate, 3, 3),
                (ChainIssueKind::Replayed, 5, 5)
            ]
        );
    }

    #[test]
    fn a_huge_sequence_number_does_not_loop() {
        let (mut links, head) = chain(3);
        links.insert(
            u64::MAX,
            vec![Link {
                digest: Some([1; 32]),
                prev: Some([2; 32]),
            }],
        );
        let (report, _) = check(slots(&links), &BTreeSet::new(), Some(head));
        assert!(!report.intact);
        assert_eq!(report.issues[0].kind, ChainIssueKind::Missing);
    }
}
