//! The human format: rustc-style diagnostics drawn by miette, then a summary line.
//!
//! This module owns the translation from [`Finding`] to a miette diagnostic and
//! every presentation choice of the default output: theme, width, where the
//! promise's `why` goes, how a contradiction spread over two files is shown.
//! Nothing here reads the terminal or the environment, so the output is a pure
//! function of the outcome and the options.

use super::plural;
use super::visible::{visible, VisibleSource};
use crate::finding::{Finding, Label, Severity};
use crate::source::{placed, FileId, Sources, Span};
use crate::work::{self, Step};
use crate::Outcome;
use miette::{
    Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError,
    MietteSpanContents, NamedSource, SourceCode, SourceSpan, SpanContents,
};
use std::borrow::Cow;
use std::collections::{BTreeSet, HashMap};
use std::fmt;
use std::io::{self, Write};
use std::sync::{Arc, OnceLock};

/// Fixed, not the terminal's: the same findings always wrap the same way.
const WIDTH: usize = 100;

pub fn render(
    outcome: &Outcome,
    options: &super::RenderOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    let theme = if options.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(WIDTH)
        // "hassle-free" is one word in a promise title; never split it.
        .with_word_splitter(textwrap::WordSplitter::NoHyphenation)
        .with_urls(false)
        .without_syntax_highlighting();
    let mut shown = Shown::new();
    for finding in &outcome.findings {
        let mut text = String::new();
        let report = Report::from_finding(&outcome.sources, &mut shown, finding);
        handler
            .render_report(&mut text, &report)
            .map_err(|_| io::Error::other("miette could not draw a finding"))?;
        // miette ends some lines (`Advice: `) with spaces no one should have to diff.
        for line in text.lines() {
            writeln!(out, "{}", line.trim_end())?;
        }
        writeln!(out)?;
    }
    writeln!(out, "{}", summary(outcome))
}

/// `Found 1 error, 2 warnings and 0 infos in 1 promise file and 2 copy
/// files.`: the files the findings are in, by kind. With none, `No findings
/// in 3 promise files.`: those read.
fn summary(outcome: &Outcome) -> String {
    if outcome.findings.is_empty() {
        let files = plural(outcome.promise_files, "promise file");
        return format!("No findings in {files}.");
    }
    format!(
        "Found {}, {} and {} in {}.",
        plural(outcome.count(Severity::Error), "error"),
        plural(outcome.count(Severity::Warning), "warning"),
        plural(outcome.count(Severity::Info), "info"),
        files_with_findings(outcome),
    )
}

/// The kinds of file the summary counts, in the order it names them.
const FILE_KINDS: [&str; 5] = [
    "promise file",
    "policy file",
    "settings file",
    "copy file",
    "other file",
];

/// Which of [`FILE_KINDS`] `file` is: copy if a touchpoint covers it, else
/// by its extension (a folder or link the walk skipped is another file).
fn file_kind(outcome: &Outcome, file: FileId) -> &'static str {
    if outcome.touchpoints.contains_key(&file) {
        return "copy file";
    }
    let path = outcome.sources.get(file).path();
    match path.extension().and_then(|e| e.to_str()) {
        Some("promise") => "promise file",
        Some("yaml" | "yml") => "policy file",
        Some("toml") => "settings file",
        _ => "other file",
    }
}

/// "1 promise file and 2 copy files": the files holding a finding, by kind.
fn files_with_findings(outcome: &Outcome) -> String {
    let files: BTreeSet<FileId> = outcome
        .findings
        .iter()
        .map(|finding| finding.primary.span.file)
        .collect();
    let counted: Vec<String> = FILE_KINDS
        .iter()
        .filter_map(|&kind| {
            let count = files
                .iter()
                .filter(|&&file| file_kind(outcome, file) == kind)
                .count();
            (count > 0).then(|| plural(count, kind))
        })
        .collect();
    match counted.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
        None => String::new(),
    }
}

/// One miette diagnostic: a message over labelled snippets of a single file.
///
/// miette draws the labels of one diagnostic from one source (miette issue
/// #193), so a finding whose related labels point into other files becomes a
/// report on its primary file with one `related` report per other file.
#[derive(Debug)]
struct Report {
    severity: miette::Severity,
    code: Option<String>,
    message: String,
    help: Option<String>,
    source: NamedSource<Text>,
    labels: Vec<LabeledSpan>,
    related: Vec<Report>,
}

impl Report {
    fn from_finding(sources: &Sources, shown: &mut Shown, finding: &Finding) -> Report {
        let home = finding.primary.span.file;
        let text = Text::of(sources, shown, home);
        let mut labels = vec![LabeledSpan::new_primary_with_span(
            Some(visible(&finding.primary.message).into_owned()),
            text.span(finding.primary.span),
        )];
        // Other files, in the order their first label appears.
        let mut other_files: Vec<(FileId, Vec<&Label>)> = Vec::new();
        for label in &finding.related {
            let file = label.span.file;
            if file == home {
                labels.push(text.labeled_span(label));
            } else if let Some((_, group)) = other_files.iter_mut().find(|(f, _)| *f == file) {
                group.push(label);
            } else {
                other_files.push((file, vec![label]));
            }
        }
        Report {
            severity: match finding.severity {
                Severity::Error => miette::Severity::Error,
                Severity::Warning => miette::Severity::Warning,
                Severity::Info => miette::Severity::Advice,
            },
            code: Some(format!("{} ({})", finding.rule.code, finding.rule.name)),
            message: visible(&finding.message).into_owned(),
            help: help(finding),
            source: named_source(sources, home, text),
            labels,
            related: other_files
                .into_iter()
                .map(|(file, group)| Report::other_file(sources, shown, file, &group))
                .collect(),
        }
    }

    /// The labels of one other file. The first label's message heads the
    /// report, so its underline goes without the same words again.
    fn other_file(sources: &Sources, shown: &mut Shown, file: FileId, group: &[&Label]) -> Report {
        let (first, rest) = group.split_first().expect("a group has a label");
        let text = Text::of(sources, shown, file);
        let labels = std::iter::once(LabeledSpan::new_with_span(None, text.span(first.span)))
            .chain(rest.iter().map(|label| text.labeled_span(label)))
            .collect();
        Report {
            severity: miette::Severity::Advice,
            code: None,
            message: visible(&first.message).into_owned(),
            help: None,
            source: named_source(sources, file, text),
            labels,
            related: Vec::new(),
        }
    }
}

/// The hint, then the promise's `why` on a line of its own: miette prints help
/// right under the snippet it explains, before any other file's snippet.
fn help(finding: &Finding) -> Option<String> {
    let hint = finding.hint.as_deref().map(visible);
    let why = finding
        .why
        .as_deref()
        .map(|why| format!("why: {}", visible(why)));
    match (hint, why) {
        (Some(hint), Some(why)) => Some(format!("{hint}\n{why}")),
        (hint, why) => hint.map(Cow::into_owned).or(why),
    }
}

fn named_source(sources: &Sources, file: FileId, text: Text) -> NamedSource<Text> {
    let name = visible(&sources.get(file).display_path()).into_owned();
    NamedSource::new(name, text)
}

/// A file's text for miette, shown [`visible`]: miette prints a snippet's
/// lines as they are, escapes and all.
///
/// miette's own `str` source counts columns in bytes, so the
/// `file:line:column` over a snippet would disagree with the short and JSON
/// formats on any line with a `€` or `£` before the span; this one counts
/// characters of the file.
/// Each file's text as snippets show it, made once per run: a file with
/// many findings is drawn once for each, and making it reads the whole file.
type Shown = HashMap<FileId, Arc<ShownFile>>;

/// A file's text as snippets show it, and where its lines start in it.
#[derive(Debug)]
struct ShownFile {
    source: VisibleSource,
    /// Where each line of the shown text starts, counted as miette counts
    /// them (`\n`, `\r` and `\r\n` end a line): a snippet is read from
    /// its own lines, found by a binary search, rather than by miette from
    /// the top of the file, which made drawing many findings in one file
    /// take time growing with the square of its size.
    line_starts: Vec<usize>,
}

impl ShownFile {
    fn new(text: &str) -> ShownFile {
        let source = VisibleSource::new(text);
        let shown = source.text().as_bytes();
        work::count(Step::SourceByte, shown.len());
        let ends = shown
            .iter()
            .enumerate()
            .filter_map(|(at, &byte)| match byte {
                b'\n' => Some(at + 1),
                b'\r' if shown.get(at + 1) != Some(&b'\n') => Some(at + 1),
                _ => None,
            });
        let line_starts = std::iter::once(0).chain(ends).collect();
        ShownFile {
            source,
            line_starts,
        }
    }

    /// The line `offset` is on, from 0.
    fn line_of(&self, offset: usize) -> usize {
        self.line_starts.partition_point(|&start| start <= offset) - 1
    }

    /// Where the text `lines` before `span`'s first line starts, and where
    /// the text some lines more than `after` past its last line ends, with
    /// the number of the line it starts on: all that miette reads of a
    /// snippet, and more.
    fn around(&self, span: &SourceSpan, before: usize, after: usize) -> (usize, usize, usize) {
        let first = self.line_of(span.offset()).saturating_sub(before);
        let last = self.line_of(span.offset() + span.len()) + after + 2;
        let end = self.line_starts.get(last + 1).copied();
        (first, self.line_starts[first], end.unwrap_or(usize::MAX))
    }
}

#[derive(Debug)]
struct Text {
    /// The file's own text, which columns count.
    file: Arc<str>,
    shown: Arc<ShownFile>,
    /// The shown text with a line break after its last line, made when a
    /// span at its very end is read: miette draws no label after the last
    /// character of a line that no line break ends. Not for an empty text,
    /// a file that was not read: it has no line to show.
    ended: OnceLock<String>,
}

impl Text {
    fn of(sources: &Sources, shown: &mut Shown, file: FileId) -> Text {
        let text = sources.get(file).text();
        let shown = shown
            .entry(file)
            .or_insert_with(|| Arc::new(ShownFile::new(text)));
        Text {
            shown: Arc::clone(shown),
            file: Arc::clone(text),
            ended: OnceLock::new(),
        }
    }

    /// The span as miette draws it, in the shown text, placed as every
    /// other format places it ([`placed`]): miette fails to read a span that
    /// runs past the end or splits a character, and an unexpected end of
    /// file stands at the end of the last line, not on the line after it.
    fn span(&self, span: Span) -> SourceSpan {
        let start = placed(&self.file, span.start);
        let end = placed(&self.file, span.end).max(start);
        let start = self.shown.source.shown_offset(start);
        (start..self.shown.source.shown_offset(end)).into()
    }

    fn labeled_span(&self, label: &Label) -> LabeledSpan {
        LabeledSpan::new_with_span(
            Some(visible(&label.message).into_owned()),
            self.span(label.span),
        )
    }
}

impl SourceCode for Text {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let text = self.shown.source.text();
        let unended = !text.is_empty() && !text.ends_with(['\n', '\r']);
        let source = if unended && span.offset() + span.len() >= text.len() {
            self.ended.get_or_init(|| format!("{text}\n"))
        } else {
            text
        };
        // miette reads the snippet's lines alone, and places it in the file.
        let (first_line, from, to) =
            self.shown
                .around(span, context_lines_before, context_lines_after);
        let lines = &source.as_bytes()[from..to.min(source.len())];
        work::count(Step::SourceByte, lines.len());
        let within = SourceSpan::new((span.offset() - from).into(), span.len());
        let contents = lines.read_span(&within, context_lines_before, context_lines_after)?;
        let read = SourceSpan::new(
            (contents.span().offset() + from).into(),
            contents.span().len(),
        );
        // Counted in the file, which breaks lines at `\r` as well as `\n`.
        let start = self.shown.source.file_offset(read.offset());
        let before = self.file.get(..start).unwrap_or_default();
        let line = &before[before.rfind(['\n', '\r']).map_or(0, |i| i + 1)..];
        // miette's own `line_count` is the number of the context's last line,
        // counted from the top of the file, and it merges two snippets when
        // `line + line_count` reaches the next: in a long file every snippet
        // would merge into one. Give it the count it expects.
        let data = String::from_utf8_lossy(contents.data());
        let line_count = data.split(['\n', '\r']).count().saturating_sub(1);
        Ok(Box::new(MietteSpanContents::new(
            contents.data(),
            read,
            first_line + contents.line(),
            line.chars().count(),
            line_count,
        )))
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Report {}

impl Diagnostic for Report {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.code
            .as_ref()
            .map(|code| Box::new(code) as Box<dyn fmt::Display + 'a>)
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(self.severity)
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help
            .as_ref()
            .map(|help| Box::new(help) as Box<dyn fmt::Display + 'a>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(&self.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        Some(Box::new(self.labels.iter().cloned()))
    }

    fn related<'a>(&'a self) -> Option<Box<dyn Iterator<Item = &'a dyn Diagnostic> + 'a>> {
        if self.related.is_empty() {
            return None;
        }
        Some(Box::new(
            self.related.iter().map(|report| report as &dyn Diagnostic),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::codes::SYNTAX_ERROR;
    use crate::finding::codes::UNBACKED_PROMISE;
    use crate::render::RenderOptions;

    const PROMISES: &str = r#"policy returns {
  window           = 30 days
  restocking_fee   = 15%
  receipt_required = yes
  refund_method    = "store credit"
}

# Said on the website and in the call scripts.
promise "hassle-free returns" {
  says "hassle-free returns"
  says "no questions asked"
  requires returns.restocking_fee == 0%
  requires returns.receipt_required == no
  why "Customers read 'hassle-free' as: no fee, no receipt, no argument at the counter."
}
"#;

    const WARRANTY_PROMISES: &str = r#"policy warranty from "ops/warranty.yaml"

promise "lifetime warranty" {
  says "lifetime warranty"
  requires warranty.length == unlimited
}
"#;

    const WARRANTY_YAML: &str = "# Owned by operations.\nlength: 2 years\nregistration: required\n";

    /// An outcome over one promise file per `(path, text)`, then any other files.
    fn outcome(promise_files: usize, files: &[(&str, &str)]) -> (Outcome, Vec<FileId>) {
        let mut outcome = Outcome {
            promise_files,
            ..Outcome::default()
        };
        let ids = files
            .iter()
            .map(|(path, text)| outcome.sources.add(path.into(), *text))
            .collect();
        (outcome, ids)
    }

    /// A label on the first `needle` in the file.
    fn label(sources: &Sources, file: FileId, needle: &str, message: &str) -> Label {
        let start = sources.get(file).text().find(needle).expect("needle");
        Label::new(Span::new(file, start, start + needle.len()), message)
    }

    fn render_to_string(outcome: &Outcome, color: bool) -> String {
        let mut out = Vec::new();
        let options = RenderOptions {
            color,
            ..RenderOptions::default()
        };
        render(outcome, &options, &mut out).expect("rendered");
        String::from_utf8(out).expect("UTF-8")
    }

    fn hassle_free() -> Outcome {
        let (mut outcome, ids) = outcome(1, &[("./promises.promise", PROMISES)]);
        let sources = &outcome.sources;
        let mut finding = Finding::new(
            &UNBACKED_PROMISE,
            label(
                sources,
                ids[0],
                "returns.restocking_fee == 0%",
                "this needs a restocking fee of 0%",
            ),
            r#"promise "hassle-free returns" is not backed: returns.restocking_fee is 15%"#,
        )
        .with_related(label(sources, ids[0], "15%", "the policy charges 15%"))
        .with_hint(r#"set `restocking_fee = 0%`, or stop promising "hassle-free returns""#);
        finding.why = Some(
            "Customers read 'hassle-free' as: no fee, no receipt, no argument at the counter."
                .into(),
        );
        outcome.findings.push(finding);
        outcome
    }

    fn lifetime_warranty() -> Outcome {
        let (mut outcome, ids) = outcome(
            1,
            &[
                ("promises.promise", WARRANTY_PROMISES),
                ("ops/warranty.yaml", WARRANTY_YAML),
            ],
        );
        let sources = &outcome.sources;
        let finding = Finding::new(
            &UNBACKED_PROMISE,
            label(
                sources,
                ids[0],
                "warranty.length == unlimited",
                "this needs an unlimited warranty",
            ),
            r#"promise "lifetime warranty" is not backed: warranty.length is 2 years"#,
        )
        .with_related(label(sources, ids[1], "2 years", "the policy sets 2 years"))
        .with_hint(r#"make `length` unlimited, or stop promising a "lifetime warranty""#);
        outcome.findings.push(finding);
        outcome
    }

    #[test]
    fn related_label_in_the_same_file() {
        insta::assert_snapshot!(render_to_string(&hassle_free(), false));
    }

    #[test]
    fn related_label_in_another_file() {
        let text = render_to_string(&lifetime_warranty(), false);
        assert!(text.contains("[promises.promise:5:12]"));
        assert!(text.contains("[ops/warranty.yaml:2:9]"));
        insta::assert_snapshot!(text);
    }

    #[test]
    fn other_files_are_grouped_in_order_of_first_appearance() {
        let (outcome, ids) = outcome(1, &[("a", "x\n"), ("b", "y\n"), ("c", "z\n")]);
        let at = |file| Label::new(Span::new(file, 0, 1), "here");
        let finding = Finding::new(&UNBACKED_PROMISE, at(ids[0]), "m")
            .with_related(at(ids[2]))
            .with_related(at(ids[1]))
            .with_related(at(ids[0]))
            .with_related(at(ids[2]));
        let report = Report::from_finding(&outcome.sources, &mut Shown::new(), &finding);
        assert_eq!(report.labels.len(), 2);
        let related: Vec<_> = report
            .related
            .iter()
            .map(|r| (r.source.name(), r.labels.len()))
            .collect();
        assert_eq!(related, [("c", 2), ("b", 1)]);
    }

    #[test]
    fn empty_span_in_an_empty_file() {
        let (mut outcome, ids) = outcome(1, &[("unreadable.promise", "")]);
        outcome.findings.push(
            Finding::new(
                &SYNTAX_ERROR,
                Label::new(Span::new(ids[0], 0, 0), "this file"),
                "unreadable.promise cannot be read: permission denied",
            )
            .with_hint("save it as UTF-8 text and make it readable"),
        );
        insta::assert_snapshot!(render_to_string(&outcome, false));
    }

    /// Every span lands on a character miette can draw: at the end of a file
    /// with and without a final newline, past the end, inside `€`, backwards.
    #[test]
    fn spans_off_the_text_are_pulled_onto_it() {
        let (mut outcome, ids) = outcome(
            4,
            &[
                ("newline.promise", "policy p {\n"),
                ("crlf.promise", "policy p {\r\n"),
                ("no-newline.promise", "policy p {"),
                ("euro.promise", "free_over = €50\n"),
            ],
        );
        for (file, start, end) in [
            (ids[0], 11, 11),
            (ids[1], 12, 12),
            (ids[2], 10, 10),
            (ids[2], 8, 99),
            (ids[3], 13, 14),
            (ids[3], 16, 12),
        ] {
            outcome.findings.push(Finding::new(
                &SYNTAX_ERROR,
                Label::new(Span::new(file, start, end), format!("span {start}..{end}")),
                "expected `}`",
            ));
        }
        insta::assert_snapshot!(render_to_string(&outcome, false));
    }

    /// miette would say column 15 here: `€` is three bytes.
    #[test]
    fn header_column_counts_characters() {
        let (mut outcome, ids) = outcome(1, &[("p.promise", "free_over = €50 USD\n")]);
        let label = label(&outcome.sources, ids[0], "USD", "a second currency");
        outcome
            .findings
            .push(Finding::new(&SYNTAX_ERROR, label, "two currencies"));
        assert!(render_to_string(&outcome, false).contains("[p.promise:1:17]"));
    }

    #[test]
    fn warning_and_info() {
        let (mut outcome, ids) = outcome(1, &[("promises.promise", PROMISES)]);
        let sources = &outcome.sources;
        let mut warning = Finding::new(
            &UNBACKED_PROMISE,
            label(
                sources,
                ids[0],
                "returns.receipt_required == no",
                "this needs no receipt",
            ),
            r#"promise "hassle-free returns" is not backed: returns.receipt_required is yes"#,
        )
        .with_related(label(
            sources,
            ids[0],
            "yes",
            "the policy requires a receipt",
        ));
        warning.severity = Severity::Warning;
        let mut info = Finding::new(
            &UNBACKED_PROMISE,
            label(sources, ids[0], "window", "never read by a promise"),
            "returns.window is not used by any promise",
        );
        info.severity = Severity::Info;
        outcome.findings.extend([info, warning]);
        insta::assert_snapshot!(render_to_string(&outcome, false));
    }

    #[test]
    fn ansi_escapes_only_with_color() {
        for outcome in [hassle_free(), lifetime_warranty()] {
            assert!(render_to_string(&outcome, true).contains('\u{1b}'));
            assert!(!render_to_string(&outcome, false).contains('\u{1b}'));
        }
    }

    #[test]
    fn summary_wording() {
        let (mut outcome, ids) = outcome(
            3,
            &[
                ("p.promise", "x\n"),
                ("ops/p.yaml", "x\n"),
                ("site/a.md", "x\n"),
                ("site/b.md", "x\n"),
            ],
        );
        insta::assert_snapshot!(summary(&outcome), @"No findings in 3 promise files.");
        let at = |file| Label::new(Span::new(file, 0, 1), "here");
        outcome
            .findings
            .push(Finding::new(&UNBACKED_PROMISE, at(ids[0]), "m"));
        outcome.promise_files = 1;
        insta::assert_snapshot!(summary(&outcome), @"Found 1 error, 0 warnings and 0 infos in 1 promise file.");
        // Copy files are those a touchpoint covers; the summary counts the
        // files the findings are in, not the promise files read.
        for file in [ids[2], ids[3]] {
            outcome.touchpoints.insert(file, vec!["site".into()]);
        }
        for (severity, file) in [
            (Severity::Error, ids[2]),
            (Severity::Warning, ids[3]),
            (Severity::Warning, ids[2]),
            (Severity::Info, ids[1]),
        ] {
            let mut finding = Finding::new(&UNBACKED_PROMISE, at(file), "m");
            finding.severity = severity;
            outcome.findings.push(finding);
        }
        outcome.promise_files = 3;
        insta::assert_snapshot!(summary(&outcome), @"Found 2 errors, 2 warnings and 1 info in 1 promise file, 1 policy file and 2 copy files.");
        outcome
            .findings
            .retain(|finding| finding.primary.span.file == ids[2]);
        insta::assert_snapshot!(summary(&outcome), @"Found 1 error, 1 warning and 0 infos in 1 copy file.");
    }

    #[test]
    fn help_holds_the_hint_then_the_why() {
        let file = Sources::default().add("p.promise".into(), "x\n");
        let mut finding = Finding::new(
            &UNBACKED_PROMISE,
            Label::new(Span::new(file, 0, 1), "here"),
            "m",
        );
        assert_eq!(help(&finding), None);
        finding.why = Some("because".into());
        assert_eq!(help(&finding).as_deref(), Some("why: because"));
        finding.hint = Some("fix it".into());
        assert_eq!(help(&finding).as_deref(), Some("fix it\nwhy: because"));
        finding.why = None;
        assert_eq!(help(&finding).as_deref(), Some("fix it"));
    }

    #[test]
    fn no_findings_is_one_line() {
        let (outcome, _) = outcome(2, &[]);
        assert_eq!(
            render_to_string(&outcome, false),
            "No findings in 2 promise files.\n"
        );
    }
}
