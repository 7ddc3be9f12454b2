//! The body's chunked AEAD (after the STREAM construction of Hoang, Reyhanitabar,
//! Rogaway and Vizár): the plaintext is cut into chunks of exactly
//! `chunk_len` bytes, the last one 1 to `chunk_len` bytes, and each is sealed
//! with AES-256-GCM under the file's body key.
//!
//! - nonce: 4 zero bytes, then the chunk index as u64 big-endian. The key is
//!   fresh for every file (random salt), so a nonce never repeats under it.
//! - associated data: the header checksum (32 bytes, standing for the whole
//!   header), the chunk index (u64 BE) and a last-chunk flag (1 on the last
//!   chunk, 0 elsewhere).
//!
//! So a chunk moved, dropped or repeated fails at its index; a stream cut
//! after any chunk lacks a chunk flagged last; anything after the last chunk
//! (a chunk or a byte) changes where the reader expects the last chunk; a
//! chunk from another file fails under this file's key and header.

use std::io::{Read, Write};

use ring::aead::{Aad, LessSafeKey, Nonce, NONCE_LEN};
use zeroize::Zeroizing;

use super::header::DIGEST_LEN;
use super::read_err;
use crate::{Result, VaultError};

/// Bytes AES-GCM adds to every chunk.
pub(super) const TAG_LEN: usize = 16;
const AAD_LEN: usize = DIGEST_LEN + 8 + 1;

fn nonce(index: u64) -> Nonce {
    let mut n = [0u8; NONCE_LEN];
    n[NONCE_LEN - 8..].copy_from_slice(&index.to_be_bytes());
    Nonce::assume_unique_for_key(n)
}

fn aad(digest: &[u8; DIGEST_LEN], index: u64, last: bool) -> [u8; AAD_LEN] {
    let mut a = [0u8; AAD_LEN];
    a[..DIGEST_LEN].copy_from_slice(digest);
    a[DIGEST_LEN..DIGEST_LEN + 8].copy_from_slice(&index.to_be_bytes());
    a[AAD_LEN - 1] = u8::from(last);
    a
}

fn digest_array(digest: &[u8]) -> Result<[u8; DIGEST_LEN]> {
    digest.try_into().map_err(|_| VaultError::Corrupt)
}

/// Seals a plaintext stream chunk by chunk into `out`. Holds at most one
/// chunk of plaintext, wiped when dropped. A full chunk is sealed only when
/// more plaintext arrives, so the last chunk is known when it is sealed.
pub(super) struct Sealer<'k, W: Write> {
    out: W,
    key: &'k LessSafeKey,
    digest: [u8; DIGEST_LEN],
    chunk_len: usize,
    buf: Zeroizing<Vec<u8>>,
    index: u64,
}

impl<'k, W: Write> Sealer<'k, W> {
    pub(super) fn new(
        out: W,
        key: &'k LessSafeKey,
        digest: &[u8],
        chunk_len: usize,
    ) -> Result<Self> {
        Ok(Sealer {
            out,
            key,
            digest: digest_array(digest)?,
            chunk_len,
            buf: Zeroizing::new(Vec::with_capacity(chunk_len)),
            index: 0,
        })
    }

    pub(super) fn write(&mut self, mut data: &[u8]) -> Result<()> {
        while !data.is_empty() {
            if self.buf.len() == self.chunk_len {
                self.seal_chunk(false)?;
            }
            let take = (self.chunk_len - self.buf.len()).min(data.len());
            self.buf.extend_from_slice(&data[..take]);
            data = &data[take..];
        }
        Ok(())
    }

    fn seal_chunk(&mut self, last: bool) -> Result<()> {
        let aad = aad(&self.digest, self.index, last);
        let tag = self
            .key
            .seal_in_place_separate_tag(nonce(self.index), Aad::from(aad), &mut self.buf[..])
            .map_err(|_| VaultError::Storage)?;
        self.out
            .write_all(&self.buf)
            .map_err(|_| VaultError::Storage)?;
        self.out
            .write_all(tag.as_ref())
            .map_err(|_| VaultError::Storage)?;
        self.buf.clear();
        self.index = self.index.checked_add(1).ok_or(VaultError::Storage)?;
        Ok(())
    }

    /// Seals the last chunk and returns the output. The stream must not be
    /// empty (a backup always holds its metadata).
    pub(super) fn finish(mut self) -> Result<W> {
        if self.buf.is_empty() {
            return Err(VaultError::Storage);
        }
        self.seal_chunk(true)?;
        Ok(self.out)
    }
}

/// A plaintext the body parser reads from: exact reads, and how much is
/// left, so every length field can be checked before anything is allocated.
pub(super) trait PlainSource {
    /// Fills `out`, or fails with `Corrupt` when fewer bytes remain.
    fn read_exact(&mut self, out: &mut [u8]) -> Result<()>;
    /// Plaintext bytes not yet read.
    fn remaining(&self) -> u64;
}

/// Opens a sealed body read from `src`, chunk by chunk, holding one chunk
/// of plaintext at a time (wiped when dropped).
pub(super) struct Opener<'k, R: Read> {
    src: R,
    key: &'k LessSafeKey,
    digest: [u8; DIGEST_LEN],
    chunk_len: usize,
    /// Number of chunks and the plaintext length of the last one, from the
    /// body's length.
    chunks: u64,
    last_len: usize,
    index: u64,
    buf: Zeroizing<Vec<u8>>,
    pos: usize,
    remaining: u64,
}

impl<'k, R: Read> Opener<'k, R> {
    /// `body_len` is the number of bytes after the header; it fixes how many
    /// chunks there are and which one is last.
    pub(super) fn new(
        src: R,
        key: &'k LessSafeKey,
        digest: &[u8],
        chunk_len: usize,
        body_len: u64,
    ) -> Result<Self> {
        let (chunks, last_len, plaintext) = layout(body_len, chunk_len)?;
        Ok(Opener {
            src,
            key,
            digest: digest_array(digest)?,
            chunk_len,
            chunks,
            last_len,
            index: 0,
            buf: Zeroizing::new(Vec::with_capacity(chunk_len + TAG_LEN)),
            pos: 0,
            remaining: plaintext,
        })
    }

    fn next_chunk(&mut self) -> Result<()> {
        if self.index >= self.chunks {
            return Err(VaultError::Corrupt);
        }
        let last = self.index + 1 == self.chunks;
        let len = if last { self.last_len } else { self.chunk_len };
        self.buf.clear();
        self.buf.resize(len + TAG_LEN, 0);
        self.src.read_exact(&mut self.buf[..]).map_err(read_err)?;
        let aad = aad(&self.digest, self.index, last);
        let opened = self
            .key
            .open_in_place(nonce(self.index), Aad::from(aad), &mut self.buf[..])
            .map_err(|_| VaultError::Corrupt)?
            .len();
        self.buf.truncate(opened);
        self.pos = 0;
        self.index += 1;
        Ok(())
    }

    /// Checks that every byte was read and authenticated, and that the
    /// source holds nothing more.
    pub(super) fn finish(mut self) -> Result<()> {
        if self.remaining != 0 || self.index != self.chunks {
            return Err(VaultError::Corrupt);
        }
        let mut probe = [0u8; 1];
        loop {
            match self.src.read(&mut probe) {
                Ok(0) => return Ok(()),
                Ok(_) => return Err(VaultError::Corrupt),
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => return Err(read_err(e)),
            }
        }
    }
}

impl<R: Read> PlainSource for Opener<'_, R> {
    fn read_exact(&mut self, out: &mut [u8]) -> Result<()> {
        let wanted = u64::try_from(out.len()).map_err(|_| VaultError::Corrupt)?;
        if wanted > self.remaining {
            return Err(VaultError::Corrupt);
        }
        let mut filled = 0;
        while filled < out.len() {
            if self.pos == self.buf.len() {
                self.next_chunk()?;
            }
            let take = (self.buf.len() - self.pos).min(out.len() - filled);
            out[filled..filled + take].copy_from_slice(&self.buf[self.pos..self.pos + take]);
            self.pos += take;
            filled += take;
        }
        self.remaining -= wanted;
        Ok(())
    }

    fn remaining(&self) -> u64 {
        self.remaining
    }
}

/// How a body of `body_len` bytes splits into sealed chunks: the number of
/// chunks, the plaintext length of the last one, and the whole plaintext's
/// length. A body that cannot be such a split is `Corrupt`.
pub(super) fn layout(body_len: u64, chunk_len: usize) -> Result<(u64, usize, u64)> {
    let chunk = u64::try_from(chunk_len).map_err(|_| VaultError::Corrupt)?;
    let sealed = chunk + TAG_LEN as u64;
    let full = body_len / sealed;
    let rest = body_len % sealed;
    let (chunks, last_len) = if rest == 0 {
        if full == 0 {
            return Err(VaultError::Corrupt);
        }
        (full, chunk)
    } else if rest > TAG_LEN as u64 {
        (full + 1, rest - TAG_LEN as u64)
    } else {
        return Err(VaultError::Corrupt);
    };
    let plaintext = (chunks - 1) * chunk + last_len;
    let last_len = usize::try_from(last_len).map_err(|_| VaultError::Corrupt)?;
    Ok((chunks, last_len, plaintext))
}

/// A plaintext held in memory, read as if it had been opened; lets the
/// fuzzer reach the body parser with any bytes.
#[cfg(any(test, fuzzing))]
pub(super) struct SliceSource<'a>(pub(super) &'a [u8]);

#[cfg(any(test, fuzzing))]
impl PlainSource for SliceSource<'_> {
    fn read_exact(&mut self, out: &mut [u8]) -> Result<()> {
        if out.len() > self.0.len() {
            return Err(VaultError::Corrupt);
        }
        let (head, rest) = self.0.split_at(out.len());
        out.copy_from_slice(head);
        self.0 = rest;
        Ok(())
    }

    fn remaining(&self) -> u64 {
        self.0.len() as u64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layouts() {
        let c = 256usize;
        let s = (c + TAG_LEN) as u64;
        assert_eq!(layout(0, c), Err(VaultError::Corrupt));
        for rest in 1..=TAG_LEN as u64 {
            assert_eq!(layout(rest, c), Err(VaultError::Corrupt));
            assert_eq!(layout(s + rest, c), Err(VaultError::Corrupt));
        }
        assert_eq!(layout(TAG_LEN as u64 + 1, c), Ok((1, 1, 1)));
        assert_eq!(layout(s, c), Ok((1, c, c as u64)));
        assert_eq!(layout(2 * s, c), Ok((2, c, 2 * c as u64)));
        assert_eq!(layout(2 * s + 20, c), Ok((3, 4, 2 * c as u64 + 4)));
        assert!(layout(u64::MAX, 1 << 20).is_ok());
    }
}
