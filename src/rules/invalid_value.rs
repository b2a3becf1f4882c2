//! `invalid-value`: an error in the input files, reported by the policy stage,
//! where values are typed ([`crate::policy::value`]). This file holds its
//! documentation.

declare_rule! {
    /// A value is malformed: an unknown unit, a range the wrong way round, a list of mixed kinds.
    ///
    /// ## What it does
    /// Checks every value in policies (inline or imported from YAML) and in
    /// `requires` literals: units must be known (`hour`, `day`, `business day`,
    /// `week`, `month`, `year`, singular or plural), a number and its unit are
    /// separated by a space, both ends of a range have the same kind and the low
    /// end is not above the high end, a list holds one kind of element, and a
    /// currency code is one promiselint knows.
    ///
    /// ## Why is this bad?
    /// A value promiselint cannot type cannot be compared with anything, so
    /// every promise that depends on it would go unchecked.
    ///
    /// ## Example
    /// ```text
    /// policy returns {
    ///   window = 30 dayz
    ///   delivery = 7 to 5 days
    /// }
    /// ```
    ///
    /// ## How to fix
    /// Write `window = 30 days` and `delivery = 5 to 7 days`.
    pub static DOC = INVALID_VALUE;
}
