//! Reading passcodes: from the terminal without echo, or line by line from
//! standard input for scripts.

use std::io::BufRead;

use zeroize::Zeroize;

pub(crate) struct Prompter {
    from_stdin: bool,
}

impl Prompter {
    pub(crate) fn new(from_stdin: bool) -> Self {
        Self { from_stdin }
    }

    /// A secret line: hidden on a terminal, one line of stdin otherwise.
    pub(crate) fn passcode(&mut self, prompt: &str) -> Result<String, String> {
        if self.from_stdin {
            self.stdin_line()
        } else {
            rpassword::prompt_password(prompt)
                .map_err(|_| "cannot read from the terminal; try --passcode-stdin".to_owned())
        }
    }

    /// A new passcode: asked twice on a terminal, once from stdin.
    pub(crate) fn new_passcode(&mut self) -> Result<String, String> {
        self.new_secret("New passcode: ", "the two passcodes differ")
    }

    /// A new secret: asked twice on a terminal (`differ` when the two
    /// differ), once from stdin.
    pub(crate) fn new_secret(&mut self, prompt: &str, differ: &str) -> Result<String, String> {
        let first = self.passcode(prompt)?;
        if !self.from_stdin {
            let mut second = self.passcode(&format!("Repeat: {prompt}"))?;
            let same = first == second;
            second.zeroize();
            if !same {
                return Err(differ.to_owned());
            }
        }
        Ok(first)
    }

    /// A line that is not secret enough to hide but still never an argument.
    pub(crate) fn line(&mut self, prompt: &str) -> Result<String, String> {
        if self.from_stdin {
            self.stdin_line()
        } else {
            self.passcode(prompt)
        }
    }

    fn stdin_line(&mut self) -> Result<String, String> {
        let mut line = String::new();
        let read = std::io::stdin()
            .lock()
            .read_line(&mut line)
            .map_err(|_| "cannot read standard input".to_owned())?;
        if read == 0 {
            return Err("standard input ended before a passcode".to_owned());
        }
        while line.ends_with('\n') || line.ends_with('\r') {
            line.pop();
        }
        Ok(line)
    }
}
