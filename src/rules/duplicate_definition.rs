//! `duplicate-definition`: an error in the input files, reported by the policy
//! stage, as the model is built and as YAML policies are imported. This file
//! holds its documentation.

declare_rule! {
    /// A policy, promise, touchpoint or field is defined twice.
    ///
    /// ## What it does
    /// Policy names and promise titles share one namespace across every promise
    /// file of a run; touchpoint names have their own. A field may be defined
    /// once per policy, counting the YAML file a policy imports and the block
    /// after `from`. Both places are shown.
    ///
    /// ## Why is this bad?
    /// With two definitions, which one a promise is checked against depends on
    /// file order: a silent, order-dependent answer is worse than none.
    ///
    /// ## Example
    /// ```text
    /// policy returns {
    ///   window = 30 days
    ///   window = 14 days
    /// }
    /// ```
    ///
    /// ## How to fix
    /// Delete or rename one of the two definitions.
    pub static DOC = DUPLICATE_DEFINITION;
}
