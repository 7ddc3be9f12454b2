//! Input rules shared by every record kind. Each failure names the field.
//!
//! Text is stored exactly as given: any Unicode, emoji, right-to-left text.
//! Lengths are counted in Unicode scalar values (what a person sees as
//! characters, near enough); the limits are documented on each field.

use crate::{Result, VaultError};

/// A required text field: not blank, at most `max` characters.
pub(crate) fn required(field: &str, value: &str, max: usize) -> Result<()> {
    if value.trim().is_empty() {
        return Err(VaultError::invalid(field));
    }
    optional(field, value, max)
}

/// An optional text field (empty allowed): at most `max` characters.
pub(crate) fn optional(field: &str, value: &str, max: usize) -> Result<()> {
    if value.chars().count() > max {
        return Err(VaultError::invalid(field));
    }
    Ok(())
}

/// A list of short texts: at most `max_items`, each non-blank and at most
/// `max_chars`.
pub(crate) fn list(
    field: &str,
    items: &[String],
    max_items: usize,
    max_chars: usize,
) -> Result<()> {
    if items.len() > max_items {
        return Err(VaultError::invalid(field));
    }
    items
        .iter()
        .try_for_each(|item| required(field, item, max_chars))
}

/// A number within an inclusive range.
pub(crate) fn range<T: PartialOrd>(field: &str, value: T, lo: T, hi: T) -> Result<()> {
    if value < lo || value > hi {
        return Err(VaultError::invalid(field));
    }
    Ok(())
}

/// At most `max` items.
pub(crate) fn count<T>(field: &str, items: &[T], max: usize) -> Result<()> {
    if items.len() > max {
        return Err(VaultError::invalid(field));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules() {
        assert!(required("f", "", 5).is_err());
        assert!(required("f", "  ", 5).is_err());
        assert!(required("f", "abcde", 5).is_ok());
        assert!(required("f", "🙂🙂🙂🙂🙂", 5).is_ok());
        assert_eq!(required("f", "abcdef", 5), Err(VaultError::invalid("f")));
        assert!(optional("f", "", 5).is_ok());
        assert!(list("tags", &["a".into(), "b".into()], 2, 3).is_ok());
        assert!(list("tags", &["a".into(), "".into()], 2, 3).is_err());
        assert!(list("tags", &["a".into(), "b".into(), "c".into()], 2, 3).is_err());
        assert!(range("n", 11, 0, 10).is_err());
        assert!(range("n", 0, 0, 10).is_ok());
    }
}
