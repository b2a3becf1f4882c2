//! `type-mismatch`: an error in the input files, reported by the policy stage,
//! where `requires` are resolved and their two sides compared. This file holds
//! its documentation.

declare_rule! {
    /// A comparison or condition mixes kinds that cannot be compared.
    ///
    /// ## What it does
    /// Type-checks every `requires`: durations compare with durations (hours,
    /// days and weeks convert exactly; months and years compare with each other
    /// but not with days), money with money of the same currency, percents with
    /// percents, numbers with numbers; booleans and text only with `==` and `!=`;
    /// `in` needs a list on its right. A whole range must be narrowed with
    /// `.min` or `.max`, and a condition must be a yes/no value.
    ///
    /// ## Why is this bad?
    /// "30 days >= $50" has no answer; promiselint refuses to guess one.
    ///
    /// ## Example
    /// ```text
    /// requires shipping.free_over <= 30 days
    /// requires shipping.delivery <= n days
    /// ```
    ///
    /// ## How to fix
    /// Compare like with like: `shipping.free_over <= $30`,
    /// `shipping.delivery.max <= n days`.
    pub static DOC = TYPE_MISMATCH;
}
