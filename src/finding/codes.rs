//! Every code promiselint reports: each rule's stable identity.
//!
//! Every stage reports into the same [`Finding`](super::Finding)s, and the
//! stages that read input (the walk, the parser, the YAML importer, the model)
//! come before the rules: so the codes they report live here, in a leaf
//! every stage may import, and each rule's documentation and check live in
//! its own file under `rules/`. Codes and names never change meaning once
//! released: `PL0xx` are errors in the input files (exit code 2), `PL1xx`
//! are promises the policy does not keep, `PL2xx` are hygiene.

use super::suggest::did_you_mean_or;
use super::{Rule, RuleKind, Severity};

/// Declares the statics of the rules, and [`ALL`] in the order given.
macro_rules! codes {
    ($($ident:ident = ($code:literal, $name:literal, $kind:ident, $severity:ident);)+) => {
        $(
            #[doc = concat!("`", $code, "` `", $name, "`: documented in `rules/`.")]
            pub static $ident: Rule = Rule {
                code: $code,
                name: $name,
                kind: RuleKind::$kind,
                default_severity: Severity::$severity,
            };
        )+

        /// Every rule, in code order.
        pub static ALL: &[&Rule] = &[$(&$ident),+];
    };
}

codes! {
    SYNTAX_ERROR = ("PL001", "syntax-error", Input, Error);
    INVALID_VALUE = ("PL002", "invalid-value", Input, Error);
    UNKNOWN_REFERENCE = ("PL003", "unknown-reference", Input, Error);
    DUPLICATE_DEFINITION = ("PL004", "duplicate-definition", Input, Error);
    TYPE_MISMATCH = ("PL005", "type-mismatch", Input, Error);
    INVALID_PATTERN = ("PL006", "invalid-pattern", Input, Error);
    INVALID_POLICY_FILE = ("PL007", "invalid-policy-file", Input, Error);
    UNREADABLE_FILE = ("PL008", "unreadable-file", Input, Error);
    INVALID_ITEM = ("PL009", "invalid-item", Input, Error);
    INVALID_CONFIG = ("PL010", "invalid-config", Input, Error);
    UNBACKED_PROMISE = ("PL101", "unbacked-promise", Lint, Error);
    BROKEN_PROMISE = ("PL102", "broken-promise", Lint, Error);
    INCONSISTENT_CLAIM = ("PL103", "inconsistent-claim", Lint, Warning);
    FORBIDDEN_PHRASE = ("PL104", "forbidden-phrase", Lint, Error);
    MISSING_DISCLOSURE = ("PL105", "missing-disclosure", Lint, Error);
    UNREAD_FIGURE = ("PL106", "unread-figure", Lint, Warning);
    UNCHECKABLE_PROMISE = ("PL107", "uncheckable-promise", Lint, Warning);
    UNMATCHED_TOUCHPOINT = ("PL201", "unmatched-touchpoint", Lint, Warning);
    UNUSED_PROMISE = ("PL202", "unused-promise", Lint, Info);
    UNUSED_SUPPRESSION = ("PL203", "unused-suppression", Lint, Warning);
    UNREADABLE_COPY = ("PL204", "unreadable-copy", Lint, Warning);
    SKIPPED_PATH = ("PL205", "skipped-path", Lint, Warning);
    UNMATCHED_EXCLUDE = ("PL206", "unmatched-exclude", Lint, Warning);
}

/// Finds a rule by code (`PL101`, any case) or name (`unbacked-promise`).
pub fn lookup(code_or_name: &str) -> Option<&'static Rule> {
    ALL.iter()
        .copied()
        .find(|rule| rule.code.eq_ignore_ascii_case(code_or_name) || rule.name == code_or_name)
}

/// What to tell someone who named a rule that does not exist: the closest
/// name, or where the names are listed.
pub fn unknown_rule_hint(name: &str) -> String {
    did_you_mean_or(
        name,
        ALL.iter().map(|r| r.name),
        str::to_owned,
        "`promiselint explain` lists the rules",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_names_are_unique_kebab_case_and_in_order() {
        let mut seen = std::collections::HashSet::new();
        for rule in ALL {
            assert!(seen.insert(rule.code), "duplicate code {}", rule.code);
            assert!(seen.insert(rule.name), "duplicate name {}", rule.name);
            assert!(rule
                .name
                .chars()
                .all(|c| c.is_ascii_lowercase() || c == '-'));
        }
        let mut sorted: Vec<_> = ALL.iter().map(|r| r.code).collect();
        sorted.sort();
        assert_eq!(sorted, ALL.iter().map(|r| r.code).collect::<Vec<_>>());
    }

    #[test]
    fn lookup_by_code_or_name() {
        assert_eq!(lookup("pl101").unwrap().name, "unbacked-promise");
        assert_eq!(lookup("syntax-error").unwrap().code, "PL001");
        assert!(lookup("nope").is_none());
    }
}
