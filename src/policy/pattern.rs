//! Phrase patterns: the `says` and `forbid` strings, split into literal text
//! and captures such as `{n}` or `{x:money}`.
//!
//! Patterns are read from the raw string body, because `\{` is a literal
//! brace while `{` opens a capture; every error points at the exact bytes.

use crate::finding::codes::INVALID_PATTERN;
use crate::finding::suggest::did_you_mean_or;
use crate::finding::Finding;
use crate::policy::syntax::Str;
use crate::source::Span;
use std::fmt;

/// What a capture matches in copy.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CaptureType {
    /// Digits or words: `30`, `thirty`.
    Number,
    /// `$50`, `€20`, `50 USD`.
    Money,
    /// `15%`.
    Percent,
    /// `2 weeks`, `48 hours`.
    Duration,
    /// A time of day: `2 PM EST`, `noon`, `14:00`.
    Time,
}

impl CaptureType {
    const NAMES: &'static [(&'static str, CaptureType)] = &[
        ("number", CaptureType::Number),
        ("money", CaptureType::Money),
        ("percent", CaptureType::Percent),
        ("duration", CaptureType::Duration),
        ("time", CaptureType::Time),
    ];

    pub fn name(self) -> &'static str {
        CaptureType::NAMES
            .iter()
            .find(|(_, kind)| *kind == self)
            .map(|(name, _)| *name)
            .expect("every capture type is named")
    }
}

/// A capture declared in a pattern.
#[derive(Clone, Debug, PartialEq)]
pub struct Capture {
    pub name: String,
    pub kind: CaptureType,
    pub span: Span,
}

impl fmt::Display for Capture {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.kind {
            CaptureType::Number => write!(f, "{{{}}}", self.name),
            kind => write!(f, "{{{}:{}}}", self.name, kind.name()),
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum Segment {
    Literal(String),
    Capture(Capture),
}

/// A phrase to find in copy.
#[derive(Clone, Debug, PartialEq)]
pub struct Pattern {
    pub segments: Vec<Segment>,
    pub span: Span,
}

impl Pattern {
    pub fn captures(&self) -> impl Iterator<Item = &Capture> {
        self.segments.iter().filter_map(|segment| match segment {
            Segment::Capture(capture) => Some(capture),
            Segment::Literal(_) => None,
        })
    }
}

impl fmt::Display for Pattern {
    /// The phrase as it would be written in a promise file, without quotes.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for segment in &self.segments {
            match segment {
                Segment::Literal(text) => f.write_str(text)?,
                Segment::Capture(capture) => write!(f, "{capture}")?,
            }
        }
        Ok(())
    }
}

/// Splits a phrase into literal text and captures. Reports every problem
/// into `errors`; `None` when the phrase is unusable.
pub fn parse(phrase: &Str, errors: &mut Vec<Finding>) -> Option<Pattern> {
    let mut splitter = Splitter {
        phrase,
        errors,
        segments: Vec::new(),
        literal: String::new(),
        ok: true,
    };
    splitter.split();
    let segments = splitter.finish()?;
    let pattern = Pattern {
        segments,
        span: phrase.span,
    };
    check_capture_names(&pattern, errors)?;
    Some(pattern)
}

/// A phrase being split into segments, reading its raw body: every problem
/// is reported, not just the first, and spoils the phrase.
struct Splitter<'a> {
    phrase: &'a Str,
    errors: &'a mut Vec<Finding>,
    segments: Vec<Segment>,
    /// The literal text since the last capture.
    literal: String,
    /// No problem reported so far.
    ok: bool,
}

impl Splitter<'_> {
    /// Where bytes `start..end` of the body are in the file.
    fn at(&self, start: usize, end: usize) -> Span {
        let body = self.phrase.body_start();
        Span::new(self.phrase.span.file, body + start, body + end)
    }

    /// Reports a problem at `start..end` of the body.
    fn report(&mut self, start: usize, end: usize, label: &str, message: String, hint: String) {
        let span = self.at(start, end);
        self.errors.push(Finding::hinted(
            &INVALID_PATTERN,
            span,
            label,
            message,
            hint,
        ));
    }

    /// Reads the whole body: escapes, captures and literal text.
    fn split(&mut self) {
        let raw = &self.phrase.raw;
        let mut i = 0;
        while let Some(c) = raw[i..].chars().next() {
            let start = i;
            i += c.len_utf8();
            match c {
                '\\' => i = self.escape(i),
                '}' => {
                    self.report(
                        start,
                        i,
                        "unmatched `}`",
                        "a `}` with no `{` before it".into(),
                        r"write `\}` for a literal brace".into(),
                    );
                    self.ok = false;
                }
                '{' => match self.capture(start) {
                    Some(end) => i = end,
                    None => break,
                },
                c => self.literal.push(c),
            }
        }
    }

    /// Reads the character escaped by the backslash before `at` into the
    /// literal text; returns where reading goes on.
    fn escape(&mut self, at: usize) -> usize {
        let Some(escaped) = self.phrase.raw[at..].chars().next() else {
            return at;
        };
        self.literal.push(match escaped {
            'n' => '\n',
            't' => '\t',
            other => other,
        });
        at + escaped.len_utf8()
    }

    /// Reads the capture whose `{` is at `start`; returns where reading goes
    /// on, or `None` when the capture is never closed and nothing more can
    /// be read.
    fn capture(&mut self, start: usize) -> Option<usize> {
        let raw = &self.phrase.raw;
        let Some(close) = raw[start..].find('}').map(|offset| start + offset) else {
            self.report(
                start,
                raw.len(),
                "this capture is never closed",
                "unclosed capture".into(),
                r"close it with `}`, or write `\{` for a literal brace".into(),
            );
            self.ok = false;
            return None;
        };
        let end = close + 1;
        if !self.literal.is_empty() {
            let literal = std::mem::take(&mut self.literal);
            self.segments.push(Segment::Literal(literal));
        } else if matches!(self.segments.last(), Some(Segment::Capture(_))) {
            // `{a}{b}` would read "12" as 1 and 2, or 12 and nothing:
            // no reading is the copy's.
            self.report(
                start,
                end,
                "right after another capture",
                "two captures stand next to each other".into(),
                "put words between them, e.g. `{n} days or {m} weeks`".into(),
            );
            self.ok = false;
        }
        match capture(&raw[start + 1..close], self.at(start, end)) {
            Ok(capture) => self.segments.push(Segment::Capture(capture)),
            Err((message, hint)) => {
                self.report(start, end, "not a capture", message, hint);
                self.ok = false;
            }
        }
        Some(end)
    }

    /// The segments, once the body is read: `None` if a problem was
    /// reported, or if there are no words (the matcher finds a phrase by its
    /// longest run of words).
    fn finish(mut self) -> Option<Vec<Segment>> {
        if !self.literal.is_empty() {
            let literal = std::mem::take(&mut self.literal);
            self.segments.push(Segment::Literal(literal));
        }
        if !self.ok {
            return None;
        }
        let has_words = self.segments.iter().any(|segment| match segment {
            Segment::Literal(text) => text.chars().any(char::is_alphanumeric),
            Segment::Capture(_) => false,
        });
        if !has_words {
            let message = if self.segments.is_empty() {
                "an empty phrase"
            } else {
                "a phrase needs words as well as captures"
            };
            self.report(
                0,
                self.phrase.raw.len(),
                "nothing to match",
                message.into(),
                "write the words around the figure, e.g. `{n}-day returns`".into(),
            );
            return None;
        }
        Some(self.segments)
    }
}

/// Refuses a phrase that captures one name twice: a requirement could not
/// tell which figure it means.
fn check_capture_names(pattern: &Pattern, errors: &mut Vec<Finding>) -> Option<()> {
    let mut seen: Vec<&Capture> = Vec::new();
    for capture in pattern.captures() {
        if seen.iter().any(|other| other.name == capture.name) {
            errors.push(Finding::hinted(
                &INVALID_PATTERN,
                capture.span,
                "captured again",
                format!("`{}` is captured twice in one phrase", capture.name),
                "give each capture its own name",
            ));
            return None;
        }
        seen.push(capture);
    }
    Some(())
}

/// Reads the inside of `{…}`: `name` or `name:type`.
fn capture(inside: &str, span: Span) -> Result<Capture, (String, String)> {
    if inside.trim().is_empty() {
        return Err((
            "an empty capture `{}`".into(),
            r"name it, e.g. `{n}`, or write `\{\}` for literal braces".into(),
        ));
    }
    if inside != inside.trim() || inside.contains(": ") || inside.contains(" :") {
        let tight: String = inside.chars().filter(|c| !c.is_whitespace()).collect();
        return Err((
            format!("no spaces inside a capture: `{{{inside}}}`"),
            format!("write `{{{tight}}}`"),
        ));
    }
    let (name, kind) = match inside.split_once(':') {
        Some((name, kind)) => (name, Some(kind)),
        None => (inside, None),
    };
    if !crate::policy::parse::is_name(name) {
        return Err((
            format!("`{name}` is not a capture name"),
            "a capture name is letters, digits and `_`, starting with a letter".into(),
        ));
    }
    let kind = match kind {
        None => CaptureType::Number,
        Some(kind) => match CaptureType::NAMES.iter().find(|(n, _)| *n == kind) {
            Some(&(_, kind)) => kind,
            None => {
                let names = CaptureType::NAMES.iter().map(|(n, _)| *n);
                let hint = did_you_mean_or(
                    kind,
                    names,
                    |known| format!("{name}:{known}"),
                    "the types are number (the default), money, percent and duration",
                );
                return Err((format!("unknown capture type `{kind}`"), hint));
            }
        },
    };
    Ok(Capture {
        name: name.to_owned(),
        kind,
        span,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Sources;

    fn phrase(raw: &str) -> Str {
        let mut sources = Sources::default();
        let text = format!("\"{raw}\"");
        let file = sources.add("t".into(), text.clone());
        Str {
            value: raw.to_owned(),
            raw: raw.to_owned(),
            span: Span::new(file, 0, text.len()),
        }
    }

    fn errors_of(raw: &str) -> Vec<(String, usize, usize)> {
        let mut errors = Vec::new();
        let parsed = parse(&phrase(raw), &mut errors);
        assert_eq!(parsed.is_none(), !errors.is_empty(), "{raw}");
        errors
            .into_iter()
            .map(|f| (f.message, f.primary.span.start, f.primary.span.end))
            .collect()
    }

    #[test]
    fn splits_literals_and_captures() {
        let mut errors = Vec::new();
        let pattern = parse(
            &phrase(r"free shipping over {x:money} \{now\}"),
            &mut errors,
        )
        .unwrap();
        assert!(errors.is_empty());
        assert_eq!(
            pattern.segments,
            vec![
                Segment::Literal("free shipping over ".into()),
                Segment::Capture(Capture {
                    name: "x".into(),
                    kind: CaptureType::Money,
                    span: Span::new(pattern.span.file, 20, 29),
                }),
                Segment::Literal(" {now}".into()),
            ]
        );
    }

    #[test]
    fn points_at_the_bad_capture() {
        // Offsets count the opening quote of the string.
        assert_eq!(
            errors_of("{ n }-day returns"),
            vec![("no spaces inside a capture: `{ n }`".into(), 1, 6)]
        );
        assert_eq!(
            errors_of("{n:dollars} off"),
            vec![("unknown capture type `dollars`".into(), 1, 12)]
        );
        assert_eq!(
            errors_of("{n}"),
            vec![("a phrase needs words as well as captures".into(), 1, 4)]
        );
        assert_eq!(errors_of(""), vec![("an empty phrase".into(), 1, 1)]);
        assert_eq!(
            errors_of("save {p"),
            vec![("unclosed capture".into(), 6, 8)]
        );
        assert_eq!(
            errors_of("a } b"),
            vec![("a `}` with no `{` before it".into(), 3, 4)]
        );
        assert_eq!(
            errors_of("{n} to {n} days"),
            vec![("`n` is captured twice in one phrase".into(), 8, 11)]
        );
    }
}
