//! Errors in the input files themselves: promise files and the YAML policies
//! they import. Any of these makes the run exit with code 2, because a
//! promise file that cannot be read cannot vouch for anything.

declare_rule! {
    /// A promise file does not follow the grammar of the promise language.
    ///
    /// ## What it does
    /// Reports the first place in each `.promise` file where the text stops
    /// matching the language: what was expected there, in plain words, with a
    /// hint for the usual slips (an unclosed quote, `=` where `==` compares,
    /// curly quotes around a string, a reserved word used as a name).
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
    pub static SYNTAX_ERROR = ("PL001", "syntax-error", Input, Error);
}

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
    pub static INVALID_VALUE = ("PL002", "invalid-value", Input, Error);
}

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
    pub static UNKNOWN_REFERENCE = ("PL003", "unknown-reference", Input, Error);
}

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
    pub static DUPLICATE_DEFINITION = ("PL004", "duplicate-definition", Input, Error);
}

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
    pub static TYPE_MISMATCH = ("PL005", "type-mismatch", Input, Error);
}

declare_rule! {
    /// A `says` or `forbid` phrase is not a valid pattern.
    ///
    /// ## What it does
    /// Checks the phrases copy is matched against: a capture is written
    /// `{name}` or `{name:type}` with no spaces, its type is `number`, `money`,
    /// `percent` or `duration`, a phrase is more than a capture, every `says`
    /// phrase of a promise declares the same captures with the same types, a
    /// capture in the promise title is declared by its phrases, and `forbid`
    /// phrases capture nothing. A literal brace is written `\{`.
    ///
    /// ## Why is this bad?
    /// A pattern that captures different things in different phrases would
    /// check the same promise differently depending on the wording.
    ///
    /// ## Example
    /// ```text
    /// promise "{n}-day returns" {
    ///   says "{ n }-day returns", "return it within {days} days"
    ///   requires returns.window >= n days
    /// }
    /// ```
    ///
    /// ## How to fix
    /// Write `{n}` in every phrase: `says "{n}-day returns", "return it within {n} days"`.
    pub static INVALID_PATTERN = ("PL006", "invalid-pattern", Input, Error);
}

declare_rule! {
    /// A YAML policy file cannot be imported.
    ///
    /// ## What it does
    /// `policy NAME from "file.yaml"` reads a YAML mapping whose keys are field
    /// names. Reports, at the line and column in the YAML file: a file that does
    /// not exist or is not a regular file, YAML that does not parse, a top level
    /// that is not a mapping, a key that is not a valid field name, and a value
    /// that is empty.
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
    pub static INVALID_POLICY_FILE = ("PL007", "invalid-policy-file", Input, Error);
}

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
    pub static UNREADABLE_FILE = ("PL008", "unreadable-file", Input, Error);
}

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
    pub static INVALID_ITEM = ("PL009", "invalid-item", Input, Error);
}

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
    pub static INVALID_CONFIG = ("PL010", "invalid-config", Input, Error);
}
