//! The hostile-input tables must name every exported entry point.
//!
//! `android/core/src/test/kotlin/app/nocontact/core/HostileTest.kt` and
//! `ios/Tests/NoContactCoreTests/HostileTests.swift` call every exported
//! function and method with hostile input, keyed by the uniffi symbol names
//! (`method_vault_add_person`, `func_create_vault`, `constructor_vault_open`).
//! This reads those names from the generated bindings (`cargo xtask bindings`
//! writes them to `target/bindings`) and fails, naming it, when one has no
//! entry in a table, so that a new method cannot be missed. The methods of
//! the `ProgressListener` and `BootClock` callback interfaces are left out:
//! the app implements them and Rust calls them, not the reverse.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

const SYMBOL: &str = "uniffi_nocontact_core_fn_";

/// The entry points a bindings file calls: `func_*`, `constructor_*` and
/// `method_*` symbols, without those of callback interfaces.
fn entry_points(bindings: &str) -> BTreeSet<String> {
    bindings
        .match_indices(SYMBOL)
        .map(|(at, _)| {
            let rest = &bindings[at + SYMBOL.len()..];
            let end = rest
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .unwrap_or(rest.len());
            rest[..end].to_string()
        })
        .filter(|name| {
            ["func_", "constructor_", "method_"]
                .iter()
                .any(|p| name.starts_with(p))
        })
        .filter(|name| {
            !name.starts_with("method_progresslistener_") && !name.starts_with("method_bootclock_")
        })
        .collect()
}

/// The names a hostile table has entries for: every quoted `"func_..."`,
/// `"constructor_..."` or `"method_..."` string.
fn table_names(table: &str) -> BTreeSet<String> {
    table
        .split('"')
        .skip(1)
        .step_by(2)
        .filter(|s| {
            ["func_", "constructor_", "method_"]
                .iter()
                .any(|p| s.starts_with(p))
                && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        })
        .map(str::to_string)
        .collect()
}

/// The entry points of `bindings` that `table` has no entry for.
fn missing(bindings: &str, table: &str) -> Vec<String> {
    let names = table_names(table);
    entry_points(bindings)
        .into_iter()
        .filter(|n| !names.contains(n))
        .collect()
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default()
}

fn target() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("target"))
}

/// Checks one language's table against its bindings; `Ok(None)` when the
/// bindings have not been generated.
fn check(bindings: &Path, table: &Path) -> Result<Option<usize>, String> {
    let Ok(generated) = fs::read_to_string(bindings) else {
        return Ok(None);
    };
    let table_text =
        fs::read_to_string(table).map_err(|e| format!("cannot read {}: {e}", table.display()))?;
    let found = entry_points(&generated).len();
    if found < 50 {
        return Err(format!(
            "only {found} entry points found in {}: has the symbol prefix changed?",
            bindings.display()
        ));
    }
    let missing = missing(&generated, &table_text);
    if missing.is_empty() {
        Ok(Some(found))
    } else {
        Err(format!(
            "{} has no hostile entry for {}",
            table.display(),
            missing.join(", ")
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const KOTLIN: &str = r#"
        UniffiLib.uniffi_nocontact_core_fn_method_vault_add_person(handle, x)
        UniffiLib.uniffi_nocontact_core_fn_func_create_vault(a)
        uniffi_nocontact_core_fn_constructor_vault_open(p)
        uniffi_nocontact_core_fn_method_progresslistener_on_progress
        uniffi_nocontact_core_fn_method_bootclock_millis_since_boot
        uniffi_nocontact_core_fn_clone_vault uniffi_nocontact_core_fn_free_vault
        uniffi_nocontact_core_fn_init_callback_vtable_progresslistener
    "#;

    #[test]
    fn finds_functions_constructors_and_methods_but_not_callbacks() {
        let names: Vec<String> = entry_points(KOTLIN).into_iter().collect();
        assert_eq!(
            names,
            [
                "constructor_vault_open",
                "func_create_vault",
                "method_vault_add_person"
            ]
        );
    }

    #[test]
    fn names_the_entry_point_a_table_lacks() {
        let table = r#"call("func_create_vault", s) { }  ("constructor_vault_open", .refuse"#;
        assert_eq!(missing(KOTLIN, table), ["method_vault_add_person"]);
        let full = format!("{table} call(\"method_vault_add_person\", r)");
        assert!(missing(KOTLIN, &full).is_empty());
    }

    fn check_or_skip(bindings: &str, table: &str) {
        let bindings = target().join("bindings").join(bindings);
        match check(&bindings, &root().join(table)) {
            Ok(Some(n)) => eprintln!("{table}: all {n} entry points have hostile entries"),
            Ok(None) => eprintln!(
                "SKIPPED: {} is missing; run `cargo xtask bindings` (cargo xtask test does) \
                 to check {table} against it",
                bindings.display()
            ),
            Err(e) => panic!("{e}"),
        }
    }

    #[test]
    fn the_kotlin_hostile_table_covers_every_entry_point() {
        check_or_skip(
            "app/nocontact/core/nocontact.kt",
            "android/core/src/test/kotlin/app/nocontact/core/HostileTest.kt",
        );
    }

    #[test]
    fn the_swift_hostile_table_covers_every_entry_point() {
        check_or_skip(
            "NoContactCore.swift",
            "ios/Tests/NoContactCoreTests/HostileTests.swift",
        );
    }
}
