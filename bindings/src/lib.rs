//! The library the apps link: `libnocontact_ffi.so` (Android, through JNA) and
//! `libnocontact_ffi.a` (iOS, in an XCFramework).
//!
//! The uniffi surface is declared next to the types it exports, in
//! `nocontact-core` behind its `uniffi` feature, so that every type is defined
//! once (the layout of mozilla/application-services: components carry their
//! own uniffi annotations, a "megazord" crate links them). This crate only
//! links the core in and re-exports its scaffolding symbols.
pub use nocontact_core::*;

nocontact_core::uniffi_reexport_scaffolding!();
