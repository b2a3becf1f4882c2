//! SARIF 2.1.0, the format GitHub code scanning and most CI dashboards
//! import.
//!
//! One run; the driver lists every rule of [`rules::ALL`] with its
//! documentation, so a viewer can explain a result without promiselint at
//! hand. Each result has its primary place as its one location and every
//! related label (the policy value, the promise) as a related location with
//! its message. The message carries the hint: `message (hint: hint)`.
//!
//! Files are named relative to the repository root, under the base id
//! `%SRCROOT%`, which `originalUriBaseIds` sets to the root's absolute
//! `file:` URI; a file outside the root gets an absolute `file:` URI. Lines
//! and columns are 1-based; columns count Unicode code points
//! (`columnKind`); `endColumn` is exclusive, as SARIF defines it (the column
//! of the character after the region). `partialFingerprints` hold
//! [`fingerprint`](crate::report::fingerprint)s under `promiselint/v1`: they hold no
//! line numbers, so a result is recognised after lines move above it.

use super::RepoRoot;
use crate::finding::{Finding, Label, Severity};
use crate::report::fingerprint::{fingerprints, FINGERPRINT_VERSION};
use crate::rules::{self, Documented};
use crate::source::Sources;
use crate::Outcome;
use serde::Serialize;
use std::collections::BTreeMap;
use std::io::{self, Write};
use std::path::Path;

/// The OASIS schema this output is tested against (2.1.0, errata 01).
const SCHEMA: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

/// The base id every relative URI is resolved against: the repository root.
const SRCROOT: &str = "%SRCROOT%";

#[derive(Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [Run<'a>; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    tool: Tool,
    original_uri_base_ids: BTreeMap<&'static str, ArtifactLocation>,
    column_kind: &'static str,
    results: Vec<SarifResult<'a>>,
}

#[derive(Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(Serialize)]
struct Driver {
    name: &'static str,
    version: &'static str,
    rules: Vec<Descriptor>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Descriptor {
    id: &'static str,
    name: &'static str,
    short_description: Text,
    full_description: Text,
    help: Help,
    default_configuration: Configuration,
}

#[derive(Serialize)]
struct Text {
    text: String,
}

#[derive(Serialize)]
struct Help {
    text: String,
    markdown: String,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    rule_id: &'static str,
    rule_index: usize,
    level: &'static str,
    message: Text,
    locations: [Location<'a>; 1],
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<Location<'a>>,
    partial_fingerprints: BTreeMap<String, String>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location<'a> {
    physical_location: PhysicalLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<Message<'a>>,
}

#[derive(Serialize)]
struct Message<'a> {
    text: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    region: Region,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactLocation {
    uri: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    uri_base_id: Option<&'static str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: usize,
    start_column: usize,
    end_line: usize,
    end_column: usize,
}

pub fn render(outcome: &Outcome, root: &RepoRoot, out: &mut dyn Write) -> io::Result<()> {
    let fingerprints = fingerprints(&outcome.findings, &outcome.sources);
    let results = outcome
        .findings
        .iter()
        .zip(fingerprints)
        .map(|(finding, fingerprint)| result(&outcome.sources, root, finding, fingerprint))
        .collect();
    let log = Log {
        schema: SCHEMA,
        version: "2.1.0",
        runs: [Run {
            tool: Tool {
                driver: Driver {
                    name: "promiselint",
                    version: env!("CARGO_PKG_VERSION"),
                    rules: rules::ALL.iter().map(|rule| descriptor(rule)).collect(),
                },
            },
            original_uri_base_ids: BTreeMap::from([(
                SRCROOT,
                ArtifactLocation {
                    uri: folder_uri(root.path()),
                    uri_base_id: None,
                },
            )]),
            column_kind: "unicodeCodePoints",
            results,
        }],
    };
    serde_json::to_writer_pretty(&mut *out, &log)?;
    writeln!(out)
}

fn descriptor(documented: &Documented) -> Descriptor {
    let doc = super::rule_doc(documented);
    let rule = documented.rule;
    Descriptor {
        id: rule.code,
        name: rule.name,
        short_description: Text {
            text: documented.summary().to_owned(),
        },
        full_description: Text { text: doc.clone() },
        help: Help {
            text: doc.clone(),
            markdown: doc,
        },
        default_configuration: Configuration {
            level: level(rule.default_severity),
        },
    }
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

fn result<'a>(
    sources: &Sources,
    root: &RepoRoot,
    finding: &'a Finding,
    fingerprint: String,
) -> SarifResult<'a> {
    let rule_index = rules::ALL
        .iter()
        .position(|documented| documented.rule == finding.rule)
        .expect("every finding's rule is in the registry");
    SarifResult {
        rule_id: finding.rule.code,
        rule_index,
        level: level(finding.severity),
        message: Text {
            text: root.message_with_hint(sources, finding),
        },
        locations: [location(sources, root, &finding.primary, None)],
        related_locations: finding
            .related
            .iter()
            .map(|label| {
                let message = Message {
                    text: &label.message,
                };
                location(sources, root, label, Some(message))
            })
            .collect(),
        partial_fingerprints: BTreeMap::from([(
            format!("promiselint/v{FINGERPRINT_VERSION}"),
            fingerprint,
        )]),
    }
}

fn location<'a>(
    sources: &Sources,
    root: &RepoRoot,
    label: &Label,
    message: Option<Message<'a>>,
) -> Location<'a> {
    let (start, end) = super::range(sources, label);
    let artifact_location = match root.relative(sources.get(label.span.file).path()) {
        Ok(relative) => ArtifactLocation {
            uri: percent_encode(&relative),
            uri_base_id: Some(SRCROOT),
        },
        Err(absolute) => ArtifactLocation {
            uri: file_uri(&absolute),
            uri_base_id: None,
        },
    };
    Location {
        physical_location: PhysicalLocation {
            artifact_location,
            region: Region {
                start_line: start.line,
                start_column: start.column,
                end_line: end.line,
                end_column: end.column,
            },
        },
        message,
    }
}

/// An absolute path as a `file:` URI.
fn file_uri(path: &Path) -> String {
    let path = crate::source::display_path(path);
    // `C:/x` needs a slash before it; `/x` has one.
    let slash = if path.starts_with('/') { "" } else { "/" };
    format!("file://{slash}{}", percent_encode(&path))
}

/// A folder's `file:` URI, which SARIF wants ending in `/`.
fn folder_uri(path: &Path) -> String {
    let uri = file_uri(path);
    if uri.ends_with('/') {
        uri
    } else {
        uri + "/"
    }
}

/// `/`-separated path as a URI path: every byte but unreserved characters
/// and `/` percent-encoded, so spaces, `#`, `%` and non-ASCII names survive.
fn percent_encode(path: &str) -> String {
    let mut encoded = String::with_capacity(path.len());
    for &byte in path.as_bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/".contains(&byte) {
            encoded.push(char::from(byte));
        } else {
            encoded.push_str(&format!("%{byte:02X}"));
        }
    }
    encoded
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_percent_encoded() {
        assert_eq!(percent_encode("site/it/resi.md"), "site/it/resi.md");
        assert_eq!(percent_encode("a b/c#1%.md"), "a%20b/c%231%25.md");
        assert_eq!(percent_encode("però.md"), "per%C3%B2.md");
        assert_eq!(file_uri(Path::new("/repo/a b")), "file:///repo/a%20b");
        assert_eq!(folder_uri(Path::new("/repo")), "file:///repo/");
        assert_eq!(folder_uri(Path::new("/")), "file:///");
    }
}
