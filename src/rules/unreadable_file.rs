//! `unreadable-file`: an error in the input files, reported by the load stage's
//! reader ([`crate::load::read`]). This file holds its documentation.

declare_rule! {
    /// A promise file cannot be read: it is missing, not readable, or not UTF-8.
    ///
    /// ## What it does
    /// Reports every `.promise` file that was found but could not be read as
    /// UTF-8 text, with the operating system's reason.
    ///
    /// ## Why is this bad?
    /// Skipping it silently would leave its promises unchecked while the run
    /// looks green.
    ///
    /// ## Example
    /// A promise file saved as UTF-16, or without read permission.
    ///
    /// ## How to fix
    /// Save the file as UTF-8 and make it readable.
    pub static DOC = UNREADABLE_FILE;
}
