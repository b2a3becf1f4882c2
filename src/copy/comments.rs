//! promiselint's own comments in copy: suppressions and `promiselint-expect`
//! expectations.
//!
//! All are written the same way — `<!-- … -->` in Markdown and HTML, `# …`
//! on a line of its own in YAML and text — so they are found together, in
//! one pass over the lines of a file that mentions `promiselint-` at all.
//! None is copy: the extractors skip comments, and plain text leaves their
//! lines out.
//!
//! A suppression covers lines. `disable-next-line` covers the line after it;
//! `disable` opens a region, up to the `enable` that ends it (or the end of
//! the file), for the copy where no comment can stand between two lines
//! without changing what a reader reads: inside a YAML block scalar, a
//! Markdown paragraph, an HTML `<pre>`. Both are the conventions of other
//! linters (ESLint's, markdownlint's, Vale's `vale off`/`vale on`).

use super::CopyKind;
use crate::finding::codes;
use std::ops::Range;

/// What every comment addressed to promiselint starts with.
const PREFIX: &str = "promiselint-";
/// `promiselint-disable-next-line RULE…`: drop these rules' findings on the next line.
pub const DISABLE_NEXT_LINE: &str = "disable-next-line";
/// `promiselint-disable RULE…`: drop these rules' findings up to the `enable`.
pub const DISABLE: &str = "disable";
/// `promiselint-enable [RULE…]`: end the regions open above it.
pub const ENABLE: &str = "enable";
/// `promiselint-expect: RULE…`: the next line must produce these findings.
const EXPECT: &str = "expect";
/// `promiselint-expect-none`: the next line must produce no finding.
const EXPECT_NONE: &str = "expect-none";

/// A suppression comment: `disable-next-line`, `disable`, or an `enable`
/// that ends no region.
#[derive(Clone, Debug, PartialEq)]
pub struct Suppression {
    pub kind: SuppressionKind,
    /// The 1-based lines it covers: the one after a `disable-next-line`;
    /// from the line after a `disable` to the line before the `enable` that
    /// ends it; none for an `enable` that ends nothing.
    pub lines: Range<usize>,
    /// The rules it disables, by name or code; empty for every rule.
    pub rules: Vec<String>,
    /// The comment's bytes, where an unused suppression is reported.
    pub span: Range<usize>,
}

impl Suppression {
    /// Whether it drops the findings of the rule `name` (with `code`) on
    /// 1-based `line`.
    pub fn covers(&self, name: &str, code: &str, line: usize) -> bool {
        self.lines.contains(&line)
            && (self.rules.is_empty()
                || self
                    .rules
                    .iter()
                    .any(|r| r == name || r.eq_ignore_ascii_case(code)))
    }
}

/// Which comment a [`Suppression`] is.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum SuppressionKind {
    NextLine,
    /// A `disable` region; `ended` when an `enable` ends it before the end
    /// of the file.
    Region {
        ended: bool,
    },
    /// An `enable` with no region open above it for its rules: it covers
    /// nothing, so it is always an unused suppression.
    Enable,
}

/// A `promiselint-expect: RULE…` or `promiselint-expect-none` comment. It is
/// read as written; whether its rules exist is for the test run to say, at
/// the comment.
#[derive(Clone, Debug, PartialEq)]
pub struct Expectation {
    /// The 1-based line it is about: the one after the comment.
    pub line: usize,
    /// The findings that line must produce, one per rule named, by name or code.
    pub rules: Vec<String>,
    /// Written `expect-none`: the line must produce no finding (and `rules`
    /// should be empty).
    pub none: bool,
    /// The comment's bytes, where a mismatch about it is reported.
    pub span: Range<usize>,
}

/// The promiselint comments of one file.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Comments {
    pub suppressions: Vec<Suppression>,
    pub expectations: Vec<Expectation>,
}

impl Comments {
    /// Where each comment starts: plain text leaves those lines out of its copy.
    pub(super) fn starts(&self) -> impl Iterator<Item = usize> + '_ {
        let suppressions = self.suppressions.iter().map(|s| s.span.start);
        suppressions.chain(self.expectations.iter().map(|e| e.span.start))
    }
}

/// Finds the promiselint comments of a file of `kind`, of those that start
/// where `is_comment` says the file's reader saw a comment: a marker in a
/// code fence, a `<script>` or a YAML string is text, not a comment.
pub fn find(kind: CopyKind, file_text: &str, is_comment: impl Fn(usize) -> bool) -> Comments {
    let mut found = Comments::default();
    // One search of the whole file; most files have none. (memchr's is
    // several times faster than `str::contains` on a file this size.)
    if memchr::memmem::find(file_text.as_bytes(), PREFIX.as_bytes()).is_none() {
        return found;
    }
    // The regions not yet ended, by index in `found.suppressions`.
    let mut open = Vec::new();
    let mut offset = 0;
    for (index, line) in file_text.split_inclusive('\n').enumerate() {
        let start = offset;
        offset += line.len();
        let Some((body, span)) = comment(kind, line) else {
            continue;
        };
        let (line, span) = (index + 2, start + span.start..start + span.end);
        if !is_comment(span.start) {
            continue;
        }
        if let Some(rules) = body.strip_prefix(DISABLE_NEXT_LINE) {
            found.suppressions.push(Suppression {
                kind: SuppressionKind::NextLine,
                lines: line..line + 1,
                rules: rule_list(rules),
                span,
            });
        } else if let Some(rules) = word(body, DISABLE) {
            open.push(found.suppressions.len());
            found.suppressions.push(Suppression {
                kind: SuppressionKind::Region { ended: false },
                lines: line..usize::MAX,
                rules: rule_list(rules),
                span,
            });
        } else if let Some(rules) = word(body, ENABLE) {
            let rules = rule_list(rules);
            let before = open.len();
            open.retain(|&region| {
                let region: &mut Suppression = &mut found.suppressions[region];
                let ends = ends(&rules, &region.rules);
                if ends {
                    region.kind = SuppressionKind::Region { ended: true };
                    region.lines.end = line - 1;
                }
                !ends
            });
            if open.len() == before {
                found.suppressions.push(Suppression {
                    kind: SuppressionKind::Enable,
                    lines: line..line,
                    rules,
                    span,
                });
            }
        } else if let Some(rest) = body.strip_prefix(EXPECT) {
            // `expect-none`, or `expect:` with its rules; a missing colon is
            // forgiven rather than leaving the comment silently unread.
            let (none, rules) = match body.strip_prefix(EXPECT_NONE) {
                Some(rules) => (true, rules),
                None => (false, rest.strip_prefix(':').unwrap_or(rest)),
            };
            found.expectations.push(Expectation {
                line,
                rules: rule_list(rules),
                none,
                span,
            });
        }
    }
    found
}

/// The comment `promiselint-BODY` as a file of `kind` writes it, without
/// indentation or line break. Plain text has no comment syntax of its own:
/// promiselint reads `#` lines there, which a reader of the text sees.
pub fn written(kind: CopyKind, body: &str) -> String {
    match kind {
        CopyKind::Markdown | CopyKind::Html => format!("<!-- {PREFIX}{body} -->"),
        CopyKind::Yaml | CopyKind::Text => format!("# {PREFIX}{body}"),
    }
}

/// What follows `word` in `body`, if `body` starts with it as a whole word.
fn word<'b>(body: &'b str, word: &str) -> Option<&'b str> {
    body.strip_prefix(word)
        .filter(|rest| rest.is_empty() || rest.starts_with(char::is_whitespace))
}

/// Whether an `enable` naming `enabled` (every rule, when empty) ends a
/// region that disables `disabled` (every rule, when empty): it does when
/// they share a rule, named by name or by code.
fn ends(enabled: &[String], disabled: &[String]) -> bool {
    let same = |a: &String, b: &String| {
        a.eq_ignore_ascii_case(b)
            || codes::lookup(a).is_some_and(|rule| codes::lookup(b) == Some(rule))
    };
    enabled.is_empty()
        || disabled.is_empty()
        || enabled.iter().any(|e| disabled.iter().any(|d| same(e, d)))
}

/// The promiselint comment on `line`, if it holds one: its body (what
/// follows `promiselint-`, up to the end of the comment) and its bytes in
/// the line. Words that mention promiselint outside a comment are copy.
fn comment(kind: CopyKind, line: &str) -> Option<(&str, Range<usize>)> {
    let marker = line.find(PREFIX)?;
    let before = line[..marker].trim();
    let after = &line[marker + PREFIX.len()..];
    let (body, end) = match kind {
        CopyKind::Markdown | CopyKind::Html => {
            before.strip_suffix("<!--")?;
            let close = after.find("-->")?;
            (&after[..close], marker + PREFIX.len() + close + "-->".len())
        }
        CopyKind::Yaml | CopyKind::Text => {
            if before != "#" {
                return None;
            }
            (after, line.trim_end().len())
        }
    };
    let start = line[..marker].rfind(['<', '#']).unwrap_or(marker);
    Some((body, start..end))
}

/// Rule names or codes, separated by commas or white space.
fn rule_list(text: &str) -> Vec<String> {
    text.split(|c: char| c == ',' || c.is_whitespace())
        .filter(|rule| !rule.is_empty())
        .map(str::to_owned)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every comment, as the file's reader would see it.
    fn find(kind: CopyKind, file_text: &str) -> Comments {
        super::find(kind, file_text, |_| true)
    }

    #[test]
    fn finds_suppressions_by_kind() {
        let md =
            "intro\n<!-- promiselint-disable-next-line broken-promise, PL103 -->\n60-day returns\n";
        let found = find(CopyKind::Markdown, md).suppressions;
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].lines, 3..4);
        assert_eq!(found[0].rules, vec!["broken-promise", "PL103"]);
        assert_eq!(
            &md[found[0].span.clone()],
            "<!-- promiselint-disable-next-line broken-promise, PL103 -->"
        );

        let yaml = "greet: hi\n  # promiselint-disable-next-line\nclose: bye\n";
        let found = find(CopyKind::Yaml, yaml).suppressions;
        assert_eq!((found[0].lines.clone(), found[0].rules.len()), (3..4, 0));
        assert_eq!(
            &yaml[found[0].span.clone()],
            "# promiselint-disable-next-line"
        );

        // Not in a comment: copy that talks about the feature is not a suppression.
        assert_eq!(
            find(CopyKind::Text, "use promiselint-disable-next-line here\n"),
            Comments::default()
        );
        assert_eq!(
            find(CopyKind::Html, "promiselint-disable-next-line\n"),
            Comments::default()
        );
    }

    #[test]
    fn a_region_runs_to_the_enable_that_names_one_of_its_rules() {
        let md = concat!(
            "<!-- promiselint-disable broken-promise -->\n", // 1
            "<!-- promiselint-disable -->\n",                // 2
            "Free returns\nwithin 60 days\n",                // 3, 4
            "<!-- promiselint-enable unread-figure -->\n",   // 5: ends 2 only
            "<!-- promiselint-enable PL102 -->\n",           // 6: ends 1
            "<!-- promiselint-enable -->\n",                 // 7: ends nothing
            "<!-- promiselint-disabled -->\n",               // 8: not ours
            "<!-- promiselint-disable PL106, PL104 -->\n",   // 9
            "the end\n",
        );
        let found = find(CopyKind::Markdown, md).suppressions;
        let read: Vec<_> = found
            .iter()
            .map(|s| (s.kind, s.lines.clone(), s.rules.join(" ")))
            .collect();
        assert_eq!(
            read,
            vec![
                (
                    SuppressionKind::Region { ended: true },
                    2..6,
                    "broken-promise".into()
                ),
                (SuppressionKind::Region { ended: true }, 3..5, String::new()),
                (SuppressionKind::Enable, 8..8, String::new()),
                (
                    SuppressionKind::Region { ended: false },
                    10..usize::MAX,
                    "PL106 PL104".into()
                ),
            ]
        );
        assert!(found[0].covers("broken-promise", "PL102", 4));
        assert!(!found[0].covers("broken-promise", "PL102", 6));
        assert!(!found[0].covers("unread-figure", "PL106", 4));
        assert!(found[3].covers("unread-figure", "PL106", 1000));
        assert_eq!(&md[found[2].span.clone()], "<!-- promiselint-enable -->");

        let yaml = "# promiselint-disable\nclose: >-\n  Free\n  returns\n# promiselint-enable\n";
        let found = find(CopyKind::Yaml, yaml).suppressions;
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].lines, 2..5);
    }

    #[test]
    fn finds_expectations_in_markdown_and_html_comments() {
        let md = "<!-- promiselint-expect: broken-promise, PL103 -->\n45-day returns\n\
                  <!-- promiselint-expect-none -->\n30-day returns\n";
        for kind in [CopyKind::Markdown, CopyKind::Html] {
            let found = find(kind, md);
            assert!(found.suppressions.is_empty());
            let [some, none] = &found.expectations[..] else {
                panic!("two expectations in {found:?}");
            };
            assert_eq!((some.line, some.none), (2, false));
            assert_eq!(some.rules, vec!["broken-promise", "PL103"]);
            assert_eq!(
                &md[some.span.clone()],
                "<!-- promiselint-expect: broken-promise, PL103 -->"
            );
            assert_eq!((none.line, none.none, none.rules.len()), (4, true, 0));
            assert_eq!(&md[none.span.clone()], "<!-- promiselint-expect-none -->");
        }
    }

    #[test]
    fn finds_expectations_in_hash_comments() {
        let yaml = "steps:\n  # promiselint-expect: forbidden-phrase\n  - our policy states\n";
        let found = find(CopyKind::Yaml, yaml).expectations;
        assert_eq!((found[0].line, found[0].none), (3, false));
        assert_eq!(found[0].rules, vec!["forbidden-phrase"]);
        assert_eq!(
            &yaml[found[0].span.clone()],
            "# promiselint-expect: forbidden-phrase"
        );

        let text = "# promiselint-expect-none\nHASSLE-FREE RETURNS\n";
        let found = find(CopyKind::Text, text).expectations;
        assert_eq!((found[0].line, found[0].none), (2, true));
    }

    #[test]
    fn expectations_are_read_as_written() {
        let rules = |text: &str| {
            let found = find(CopyKind::Text, text).expectations;
            (found[0].none, found[0].rules.clone())
        };
        // The colon may be left out; nothing after it is still an expectation.
        assert_eq!(
            rules("# promiselint-expect PL102\n"),
            (false, vec!["PL102".into()])
        );
        assert_eq!(rules("# promiselint-expect:\n"), (false, vec![]));
        // Rules after `expect-none`, and misspelt rules, are kept for the test
        // run to report where they stand.
        assert_eq!(
            rules("# promiselint-expect-none broken-promise\n"),
            (true, vec!["broken-promise".into()])
        );
        assert_eq!(
            rules("# promiselint-expect: broken-promse\n"),
            (false, vec!["broken-promse".into()])
        );
        // Words in copy, and a `#` comment that is not on a line of its own.
        assert!(find(CopyKind::Text, "promiselint-expect: PL102\n")
            .expectations
            .is_empty());
        assert!(find(CopyKind::Yaml, "a: b # promiselint-expect: PL102\n")
            .expectations
            .is_empty());
    }
}
