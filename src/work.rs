//! Steps counted where an algorithm must stay linear in its input, so that
//! tests can pin the algorithm rather than a timing: a test runs the debug
//! binary on a hostile input and on the input doubled, and checks that no
//! count more than doubles. Steps are counted, and their counts printed on
//! standard error, only when `PROMISELINT_COUNT_STEPS` is set, in every
//! build (CI tests the release build): otherwise each count is one load of
//! a flag that never changes, and a branch the processor predicts.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

/// A kind of step, named for the loop it counts.
#[derive(Clone, Copy, Debug)]
pub enum Step {
    /// A byte of a phrase's anchor read while compiling the matcher.
    AnchorByte,
    /// A candidate name read for a did-you-mean suggestion.
    Suggestion,
    /// A match compared with another while keeping the longest of overlaps.
    Overlap,
    /// A place compared with a scope, a figure or another place's figure
    /// while the places of a promise are grouped and held against each other.
    Comparison,
    /// A byte of copy read to place a finding or show its snippet.
    SourceByte,
}

const STEPS: [(Step, &str); 5] = [
    (Step::AnchorByte, "anchor-bytes"),
    (Step::Suggestion, "suggestions"),
    (Step::Overlap, "overlaps"),
    (Step::Comparison, "comparisons"),
    (Step::SourceByte, "source-bytes"),
];

static COUNTS: [AtomicU64; STEPS.len()] = [const { AtomicU64::new(0) }; STEPS.len()];

/// Whether steps are counted: `PROMISELINT_COUNT_STEPS` is set.
static COUNTING: AtomicBool = AtomicBool::new(false);

/// Reads `PROMISELINT_COUNT_STEPS`: the process's `main` calls it before
/// any work, so that [`count`] need not.
pub fn start() {
    let counting = std::env::var_os("PROMISELINT_COUNT_STEPS").is_some();
    COUNTING.store(counting, Ordering::Relaxed);
}

/// Counts `n` steps of `step`, when counting.
#[inline]
pub fn count(step: Step, n: usize) {
    if COUNTING.load(Ordering::Relaxed) {
        COUNTS[step as usize].fetch_add(n as u64, Ordering::Relaxed);
    }
}

/// The counts as one line (`steps: anchor-bytes=… suggestions=…`), when
/// counting.
pub fn summary() -> Option<String> {
    if !COUNTING.load(Ordering::Relaxed) {
        return None;
    }
    let counts = STEPS.iter().map(|&(step, name)| {
        let count = COUNTS[step as usize].load(Ordering::Relaxed);
        format!(" {name}={count}")
    });
    Some(format!("steps:{}", counts.collect::<String>()))
}
