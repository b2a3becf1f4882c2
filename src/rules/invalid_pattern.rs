//! `invalid-pattern`: an error in the input files, reported by the policy
//! stage, where `says` and `forbid` phrases are read
//! ([`crate::policy::pattern`]). This file holds its documentation.

declare_rule! {
    /// A `says` or `forbid` phrase is not a valid pattern.
    ///
    /// ## What it does
    /// Checks the phrases copy is matched against: a capture is written
    /// `{name}` or `{name:type}` with no spaces, its type is `number`, `money`,
    /// `percent`, `duration` or `time`, a phrase is more than a capture,
    /// every `says` phrase of a promise declares the same captures with the
    /// same types, a capture in the promise title is declared by its
    /// phrases, and `forbid`, `require` and `unless` phrases capture nothing.
    /// A literal brace is written `\{`.
    ///
    /// ## Why is this bad?
    /// A pattern that captures different things in different phrases would
    /// check the same promise differently depending on the wording.
    ///
    /// ## Example
    /// ```text
    /// promise "{n}-day returns" {
    ///   says "{ n }-day returns", "return it within {days} days"
    ///   requires returns.window >= n days
    /// }
    /// ```
    ///
    /// ## How to fix
    /// Write `{n}` in every phrase: `says "{n}-day returns", "return it within {n} days"`.
    pub static DOC = INVALID_PATTERN;
}
