//! `promiselint explain [RULE]`: a rule's documentation, found by code or
//! name, or the list of every rule with its summary.

use promiselint::finding::codes::unknown_rule_hint;
use promiselint::render;
use promiselint::rules;
use std::io::Write;

/// Prints the documentation of `rule`, or, without one, every rule's code,
/// name and summary; 2 when no rule has that code or name.
pub fn explain(rule: Option<&str>, out: &mut impl Write) -> std::io::Result<u8> {
    let Some(name) = rule else {
        for rule in rules::ALL {
            writeln!(
                out,
                "{:<6} {:<22} {}",
                rule.rule.code,
                rule.rule.name,
                rule.summary()
            )?;
        }
        return Ok(0);
    };
    match rules::lookup(name) {
        Some(rule) => {
            out.write_all(render::explain(rule).as_bytes())?;
            Ok(0)
        }
        None => {
            // As a misspelt rule in promiselint.toml or a fixture is answered.
            let hint = unknown_rule_hint(&name.to_ascii_lowercase());
            say!("promiselint: no rule is called `{name}`; {hint}");
            Ok(2)
        }
    }
}
