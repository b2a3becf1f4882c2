//! `unknown-reference`: an error in the input files, reported by the policy
//! stage, where the names in `requires` are resolved. This file holds its
//! documentation.

declare_rule! {
    /// A name refers to a policy, field or capture that does not exist.
    ///
    /// ## What it does
    /// Resolves every path in a `requires` (`returns.window`,
    /// `shipping.delivery.max`) against the policies of the whole run, and
    /// every single name against the captures the promise's `says` patterns
    /// declare. Suggests the closest existing name.
    ///
    /// ## Why is this bad?
    /// A requirement on a field that does not exist can be neither kept nor
    /// broken: the promise would be checked against nothing.
    ///
    /// ## Example
    /// ```text
    /// promise "{n}-day returns" {
    ///   says "{n}-day returns"
    ///   requires returns.windw >= m days
    /// }
    /// ```
    ///
    /// ## How to fix
    /// Use the name the hint suggests: `returns.window >= n days`. A dotted
    /// name is always a policy path; a single name is always a capture.
    pub static DOC = UNKNOWN_REFERENCE;
}
