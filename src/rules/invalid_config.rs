//! `invalid-config`: an error in the input files, reported by the load stage,
//! reading `promiselint.toml` ([`crate::load::config`]). This file holds its
//! documentation.

declare_rule! {
    /// `promiselint.toml` cannot be read, is not TOML, or sets something promiselint does not know.
    ///
    /// ## What it does
    /// Reports, at its line and column, every unknown key (with "did you mean"),
    /// a value of the wrong type, a severity that does not exist, a rule name
    /// or code that does not exist, an invalid `exclude` glob, and an attempt
    /// to turn off or lower an input error (`PL0xx`) in `[rules]`.
    ///
    /// ## Why is this bad?
    /// A setting that is silently ignored checks something other than what
    /// its author believes: a misspelt `exclude` reads the drafts, a misspelt
    /// rule stays on. Input errors stay errors because the promises of a file
    /// that cannot be read cannot vouch for anything.
    ///
    /// ## Example
    /// ```text
    /// fail-on = "warnings"
    ///
    /// [rules]
    /// inconsistent-claims = "off"
    /// syntax-error = "warning"
    /// ```
    ///
    /// ## How to fix
    /// `fail-on = "warning"`, `inconsistent-claim = "off"`, and fix the syntax
    /// errors instead of hiding them. The README's "Configuration" section
    /// lists every key.
    pub static DOC = INVALID_CONFIG;
}
