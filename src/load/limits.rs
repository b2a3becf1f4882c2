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
