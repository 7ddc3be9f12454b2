//! The no-contact domain: what a person records, as plain data types. The
//! vault methods that store and query them are in `crate::api`.

pub mod boundaries;
pub mod channel;
pub mod dates;
pub mod entries;
pub mod events;
pub mod people;
pub mod quick;
pub mod reflections;
pub mod safety_plan;
pub mod triggers;
