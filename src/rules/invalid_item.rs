//! `invalid-item`: an error in the input files, reported by the policy stage,
//! as the model is built. This file holds its documentation.

declare_rule! {
    /// A promise or touchpoint lacks a statement it needs, or repeats one that may appear once.
    ///
    /// ## What it does
    /// A promise needs at least one `says` and one `requires`, and may have at
    /// most one `why` and one `severity` (`error`, `warning` or `info`). A
    /// touchpoint needs at least one `files`, and every glob must be valid.
    ///
    /// ## Why is this bad?
    /// A promise with nothing to require is always "kept"; one with two `why`s
    /// says two different things about itself.
    ///
    /// ## Example
    /// ```text
    /// promise "free returns" {
    ///   says "free returns"
    ///   severity critical
    /// }
    /// ```
    ///
    /// ## How to fix
    /// Add `requires returns.fee == $0` and use `severity error`.
    pub static DOC = INVALID_ITEM;
}
