//! Fingerprints: a finding's identity that survives edits elsewhere in its
//! file.
//!
//! Baselines (`--baseline`) and SARIF's `partialFingerprints` must recognise
//! a finding after lines were inserted above it, so a fingerprint holds no
//! line or column. It is a hash of the rule's code, the file's path as
//! shown, the text of the finding's primary span and the line(s) around it,
//! both with case and white space normalized, and which occurrence of that
//! same text it is in the file, counting from the top: two identical
//! promises on two identical lines stay two findings.

use crate::finding::Finding;
use crate::source::Sources;
use sha2::{Digest, Sha256};
use std::collections::HashMap;

/// Bumped when the way fingerprints are made changes: a baseline written
/// with another version matches nothing and says so.
pub const FINGERPRINT_VERSION: u32 = 1;

/// The fingerprint of each of `findings`, in the same order: 32 hex digits.
///
/// `findings` must be sorted as [`crate::check`] sorts them, so that the
/// occurrence count goes from the top of each file down.
pub fn fingerprints(findings: &[Finding], sources: &Sources) -> Vec<String> {
    let mut seen: HashMap<[u8; 32], usize> = HashMap::new();
    findings
        .iter()
        .map(|finding| {
            let identity = identity(finding, sources);
            let occurrence = seen.entry(identity).or_insert(0);
            *occurrence += 1;
            let mut hasher = Sha256::new();
            hasher.update(identity);
            hasher.update(occurrence.to_le_bytes());
            hex(&hasher.finalize()[..16])
        })
        .collect()
}

/// What makes a finding itself, before counting occurrences: a hash of its
/// rule, file, text and context.
fn identity(finding: &Finding, sources: &Sources) -> [u8; 32] {
    let span = finding.primary.span;
    let file = sources.get(span.file);
    let text = file.text();
    let start = crate::source::floor_char_boundary(text, span.start);
    let end = crate::source::floor_char_boundary(text, span.end.max(start));
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[end..].find('\n').map_or(text.len(), |i| end + i);
    let mut hasher = Sha256::new();
    for part in [
        finding.rule.code,
        &file.display_path(),
        &normalize(&text[start..end]),
        &normalize(&text[line_start..line_end]),
    ] {
        // Lengths first, so no two lists of parts hash alike.
        hasher.update(part.len().to_le_bytes());
        hasher.update(part.as_bytes());
    }
    hasher.finalize().into()
}

/// Lower case, runs of white space made one space, trimmed.
fn normalize(text: &str) -> String {
    text.split_whitespace()
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::codes::BROKEN_PROMISE;
    use crate::finding::Label;
    use crate::source::Span;

    fn finding_at(sources: &mut Sources, path: &str, text: &str, phrase: &str) -> Vec<String> {
        let file = sources.add(path.into(), text);
        let findings: Vec<Finding> = text
            .match_indices(phrase)
            .map(|(at, _)| {
                Finding::new(
                    &BROKEN_PROMISE,
                    Label::new(Span::new(file, at, at + phrase.len()), "here"),
                    "message",
                )
            })
            .collect();
        fingerprints(&findings, sources)
    }

    #[test]
    fn lines_inserted_above_change_nothing() {
        let mut sources = Sources::default();
        let before = finding_at(&mut sources, "a.md", "Intro\n\n60-day returns\n", "60-day");
        let after = finding_at(
            &mut sources,
            "a.md",
            "# New title\n\nIntro\n\nMore\n\n60-day   Returns\n",
            "60-day",
        );
        assert_eq!(before, after);
        assert_eq!(before[0].len(), 32);
    }

    #[test]
    fn file_text_context_and_occurrence_tell_findings_apart() {
        let mut sources = Sources::default();
        let base = finding_at(&mut sources, "a.md", "60-day returns\n", "60-day");
        for other in [
            finding_at(&mut sources, "b.md", "60-day returns\n", "60-day"),
            finding_at(&mut sources, "a.md", "60-day refunds\n", "60-day"),
            finding_at(&mut sources, "a.md", "60-day returns\n", "returns"),
        ] {
            assert_ne!(base, other);
        }
        let twice = finding_at(
            &mut sources,
            "a.md",
            "60-day returns\n60-day returns\n",
            "60-day",
        );
        assert_eq!(twice[0], base[0]);
        assert_ne!(twice[0], twice[1]);
    }
}
