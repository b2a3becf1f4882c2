//! `invalid-policy-file`: an error in the input files, reported as a YAML
//! policy is read ([`crate::load::yaml`]) and imported
//! ([`crate::policy::build`]). This file holds its documentation.

declare_rule! {
    /// A YAML policy file cannot be imported.
    ///
    /// ## What it does
    /// `policy NAME from "file.yaml"` reads a YAML mapping whose keys are field
    /// names. Reports, at the line and column in the YAML file: a file that does
    /// not exist or is not a regular file, YAML that does not parse, a top level
    /// that is not a mapping, a key that is not a valid field name, and a value
    /// that is empty. A line indented a space more or less than its siblings
    /// is named as such, at its indentation, also where YAML would read a list
    /// item as more words of the item above it.
    ///
    /// ## Why is this bad?
    /// The policy is the truth every promise is held against; a policy that
    /// half-loads would make promises look kept or broken for the wrong reason.
    ///
    /// ## Example
    /// ```text
    /// # ops/warranty.yaml
    /// duration: 2 years
    /// transferable
    /// ```
    ///
    /// ## How to fix
    /// Make every entry `key: value`: `transferable: no`.
    pub static DOC = INVALID_POLICY_FILE;
}
