//! `syntax-error`: an error in the input files, reported by the policy stage's
//! parser ([`crate::policy::parse`]). This file holds its documentation.

declare_rule! {
    /// A promise file does not follow the grammar of the promise language.
    ///
    /// ## What it does
    /// Reports each place in a `.promise` file where the text stops matching
    /// the language: what was expected there, in plain words, with a hint for
    /// the usual slips (an unclosed quote, `=` where `==` compares, curly
    /// quotes around a string, a reserved word used as a name). After an
    /// error, reading goes on at the next item, or inside an item at its next
    /// statement or field, so each mistake is reported once; the items that
    /// parse are still checked.
    ///
    /// ## Why is this bad?
    /// Nothing in a file that does not parse can be checked, so its promises
    /// would silently go unchecked.
    ///
    /// ## Example
    /// ```text
    /// promise "hassle-free returns" {
    ///   requires returns.restocking_fee = 0%
    /// }
    /// ```
    ///
    /// ## How to fix
    /// Compare with `==`: `requires returns.restocking_fee == 0%`. A policy
    /// field is set with a single `=` and stands alone on its line.
    pub static DOC = SYNTAX_ERROR;
}
