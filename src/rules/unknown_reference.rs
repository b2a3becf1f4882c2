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
    /// When the closest name is a key of a YAML policy that no path reads,
    /// the key is the likely slip (`price_increse_notice` where the promise
    /// files read `price_increase_notice`): the finding stands at the key in
    /// the YAML file, suggests the field the promises expect, and names every
    /// path that expects it. A key that some path reads is taken as right,
    /// and the path that misses it is reported where it is written.
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
