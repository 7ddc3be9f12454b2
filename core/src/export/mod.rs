//! Exports the person chooses to share: the evidence folder (the chained
//! records, an HTML report and a manifest), its offline verifier, and a CSV
//! of events for a therapist or a spreadsheet.
//!
//! Choosing the entries and building an [`Evidence`] from the ledger is the
//! vault's side; everything here works from an `Evidence` (or from files)
//! alone, with no vault and no key.

pub(crate) mod csv;
pub(crate) mod dir;
pub(crate) mod html;
pub(crate) mod schema;
mod strict;
pub(crate) mod verify;
mod view;

#[cfg(test)]
mod tests;
