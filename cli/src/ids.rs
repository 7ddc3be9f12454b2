//! Ids as typed: the full 32 hex digits, or a unique prefix of at least
//! four (the lists show the first eight).

use nocontact_core::Vault;

use crate::describe;

/// The shortest prefix accepted.
pub(crate) const MIN_PREFIX: usize = 4;

/// The one id among `ids` that `given` names.
pub(crate) fn resolve<'a>(
    what: &str,
    given: &str,
    ids: impl IntoIterator<Item = &'a str>,
) -> Result<String, String> {
    let given = given.trim().to_ascii_lowercase();
    if given.len() < MIN_PREFIX && given.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(format!("{what} ids need at least {MIN_PREFIX} characters"));
    }
    let mut found = ids.into_iter().filter(|id| id.starts_with(&given));
    match (found.next(), found.next()) {
        (Some(id), None) => Ok(id.to_owned()),
        (Some(_), Some(_)) => Err("ambiguous id; give more characters".to_owned()),
        (None, _) => Err(format!("no such {what}")),
    }
}

/// A person's full id (archived people included).
pub(crate) fn person(vault: &Vault, given: &str) -> Result<String, String> {
    let people = vault.list_people(true).map_err(describe)?;
    resolve("person", given, people.iter().map(|p| p.id.as_str()))
}

pub(crate) fn boundary(vault: &Vault, given: &str) -> Result<String, String> {
    let all = vault.list_boundaries(None, Vec::new()).map_err(describe)?;
    resolve("boundary", given, all.iter().map(|b| b.id.as_str()))
}

pub(crate) fn trigger(vault: &Vault, given: &str) -> Result<String, String> {
    let all = vault.list_triggers(true).map_err(describe)?;
    resolve("trigger", given, all.iter().map(|t| t.id.as_str()))
}

/// `person` for an optional flag.
pub(crate) fn maybe_person(vault: &Vault, given: Option<&str>) -> Result<Option<String>, String> {
    given.map(|g| person(vault, g)).transpose()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes() {
        let ids = [
            "0123456789abcdef0123456789abcdef",
            "0123ffff89abcdef0123456789abcdef",
            "aaaa456789abcdef0123456789abcdef",
        ];
        let r = |g: &str| resolve("person", g, ids.iter().copied());
        assert_eq!(r("aaaa").unwrap(), ids[2]);
        assert_eq!(r("AAAA4567").unwrap(), ids[2]);
        assert_eq!(r(ids[0]).unwrap(), ids[0]);
        assert_eq!(r("01234").unwrap(), ids[0]);
        assert_eq!(r("0123").unwrap_err(), "ambiguous id; give more characters");
        assert_eq!(r("bbbb").unwrap_err(), "no such person");
        assert_eq!(r("R.").unwrap_err(), "no such person");
        assert_eq!(
            r("aaa").unwrap_err(),
            "person ids need at least 4 characters"
        );
        assert_eq!(r(&format!("{}0", ids[0])).unwrap_err(), "no such person");
    }
}
