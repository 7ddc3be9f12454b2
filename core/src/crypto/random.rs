//! Random bytes from the operating system's CSPRNG.

use ring::rand::{SecureRandom, SystemRandom};

use crate::{Result, VaultError};

/// Fills `buf` with random bytes. Fails only if the operating system cannot
/// provide randomness, which is reported as a storage-layer failure.
pub(crate) fn fill(buf: &mut [u8]) -> Result<()> {
    SystemRandom::new()
        .fill(buf)
        .map_err(|_| VaultError::Storage)
}

pub(crate) fn array<const N: usize>() -> Result<[u8; N]> {
    let mut out = [0u8; N];
    fill(&mut out)?;
    Ok(out)
}
