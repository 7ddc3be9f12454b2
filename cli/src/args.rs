//! Command-line parsing, by hand: a handful of flags does not need a crate.

use std::path::PathBuf;

#[derive(Debug, Default)]
pub(crate) struct Options {
    pub(crate) vault: Option<PathBuf>,
    pub(crate) passcode_stdin: bool,
}

#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Command {
    Init,
    Note(String),
    Notes,
    Passcode,
    Recover,
    Demo,
    Help,
}

pub(crate) fn parse(argv: &[String]) -> Result<(Options, Command), String> {
    let mut options = Options::default();
    let mut rest = Vec::new();
    let mut iter = argv.iter();
    while let Some(arg) = iter.next() {
        match arg.as_str() {
            "--vault" => {
                let path = iter.next().ok_or("--vault needs a path")?;
                options.vault = Some(PathBuf::from(path));
            }
            "--passcode-stdin" => options.passcode_stdin = true,
            "-h" | "--help" => return Ok((options, Command::Help)),
            "--passcode" => {
                return Err("passcodes are never taken as arguments; use --passcode-stdin".into())
            }
            other if other.starts_with("--") => return Err(format!("unknown option {other}")),
            _ => rest.push(arg.clone()),
        }
    }
    let mut words = rest.into_iter();
    let command = match words.next().as_deref() {
        None | Some("help") => Command::Help,
        Some("init") => Command::Init,
        Some("note") => {
            let text: Vec<String> = words.by_ref().collect();
            if text.is_empty() {
                return Err("note needs a text".into());
            }
            return Ok((options, Command::Note(text.join(" "))));
        }
        Some("notes") => Command::Notes,
        Some("passcode") => Command::Passcode,
        Some("recover") => Command::Recover,
        Some("demo") => Command::Demo,
        Some(_) => return Err("unknown command".into()),
    };
    if words.next().is_some() {
        return Err("too many arguments".into());
    }
    Ok((options, command))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(args: &[&str]) -> Result<(Options, Command), String> {
        parse(&args.iter().map(|s| s.to_string()).collect::<Vec<_>>())
    }

    #[test]
    fn commands_and_options() {
        let (o, c) = p(&[
            "--vault",
            "/tmp/x",
            "--passcode-stdin",
            "note",
            "hello",
            "there",
        ])
        .unwrap();
        assert_eq!(c, Command::Note("hello there".into()));
        assert!(o.passcode_stdin);
        assert_eq!(o.vault, Some(PathBuf::from("/tmp/x")));
        assert_eq!(p(&["notes"]).unwrap().1, Command::Notes);
        assert_eq!(p(&[]).unwrap().1, Command::Help);
    }

    #[test]
    fn errors() {
        assert!(p(&["--vault"]).is_err());
        assert!(p(&["note"]).is_err());
        assert!(p(&["frobnicate"]).is_err());
        assert!(p(&["notes", "extra"]).is_err());
        assert!(p(&["--passcode", "1234", "notes"]).is_err());
        assert!(p(&["--bogus"]).is_err());
    }
}
