//! How much of its input a run will take on: the `[limits]` of
//! `promiselint.toml`.
//!
//! promiselint reads files from pull requests, written by anyone. Each limit
//! bounds what one file can cost, so that no file, however made, can take
//! unbounded memory, time or stack: a copy file above `max-file-size` is
//! skipped unread (with an `unreadable-copy` warning), a promise or policy
//! file above `max-policy-file-size` is refused (an input error), and
//! brackets or YAML lists and mappings nested deeper than `max-nesting` are
//! a located error before any recursive reader sees them.

use std::io::Read;
use std::path::Path;

/// One MiB, the unit the file sizes are given in.
pub const MIB: u64 = 1 << 20;

/// The limits of a run. The defaults are far above any hand-written file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// The largest copy file read, in bytes.
    pub max_file_size: u64,
    /// The largest promise file or YAML policy read, in bytes.
    pub max_policy_file_size: u64,
    /// The deepest nesting of brackets in a promise file, and of lists and
    /// mappings in a YAML policy.
    pub max_nesting: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_file_size: 32 * MIB,
            max_policy_file_size: 4 * MIB,
            max_nesting: 64,
        }
    }
}

/// The range each file size may be set to, in MiB: a file of 1 MiB is
/// small, and one of 4 GiB would not fit the memory of a CI runner.
pub const FILE_SIZE_RANGE_MIB: std::ops::RangeInclusive<u64> = 1..=4096;

/// The range `max-nesting` may be set to: serde_yaml refuses more than 128
/// levels whatever it is told, so a higher limit would promise what YAML
/// policies cannot have.
pub const NESTING_RANGE: std::ops::RangeInclusive<u64> = 1..=128;

/// Why a file was not read.
#[derive(Debug)]
pub enum ReadError {
    /// Larger than the limit, in bytes.
    TooLarge(u64),
    /// A FIFO, a device, a folder: reading it could block or never end.
    NotAFile,
    Io(std::io::Error),
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadError::TooLarge(limit) => {
                write!(f, "is larger than {} MiB", limit.div_ceil(MIB))
            }
            ReadError::NotAFile => f.write_str("is not a regular file"),
            ReadError::Io(error) => write!(f, "cannot be read: {error}"),
        }
    }
}

/// The bytes of the regular file at `path`, if it holds at most `limit`.
///
/// The size is checked before anything is read, on the file that was
/// opened, and the read stops one byte past the limit: a file that grows
/// meanwhile, or lies about its size (`/proc`), still costs no more.
pub fn read(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    // Checked before opening: opening a FIFO would wait for a writer.
    if !std::fs::metadata(path).map_err(ReadError::Io)?.is_file() {
        return Err(ReadError::NotAFile);
    }
    let file = std::fs::File::open(path).map_err(ReadError::Io)?;
    let metadata = file.metadata().map_err(ReadError::Io)?;
    if !metadata.is_file() {
        return Err(ReadError::NotAFile);
    }
    if metadata.len() > limit {
        return Err(ReadError::TooLarge(limit));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(metadata.len()).unwrap_or(0));
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(ReadError::Io)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge(limit));
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_up_to_the_limit_and_refuses_more() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("a.md");
        std::fs::write(&path, b"12345").unwrap();
        assert_eq!(read(&path, 5).unwrap(), b"12345");
        assert!(matches!(read(&path, 4), Err(ReadError::TooLarge(4))));
        assert!(matches!(read(folder.path(), 9), Err(ReadError::NotAFile)));
        let missing = read(&folder.path().join("gone.md"), 9).unwrap_err();
        assert!(missing.to_string().starts_with("cannot be read: "));
    }

    #[cfg(unix)]
    #[test]
    fn devices_are_not_read() {
        assert!(matches!(
            read(Path::new("/dev/zero"), MIB),
            Err(ReadError::NotAFile)
        ));
    }
}
