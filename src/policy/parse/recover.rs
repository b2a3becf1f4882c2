//! Error recovery: every syntax error of a promise file, as rustc and ruff
//! report them, not only the first.
//!
//! pest stops at the first error and gives no tree. So a file that does not
//! parse is cut into pieces, one for each item, where a line starts with an
//! item's keyword (or with a word a letter from one, followed by a name or a
//! string, as in `polcy returns {`), and each piece is checked and parsed on
//! its own: a mistake in one item is reported once and says nothing about
//! the next. In a piece that fails inside an item's braces, parsing goes on
//! from the next line that starts a statement (`says`, `requires`, `files`…)
//! or a field, a statement at a time (the grammar's `*_part` and `*_rest`
//! rules), to the item's end. What lies between an error and the next
//! statement is not read, so one mistake gives one error, never a cascade.
//!
//! Each piece and each statement after an error is read once, alone (pest
//! takes time in the length of its whole input to report an error), and the
//! `{`s open at each error are counted in one pass over the item: the time
//! stays linear in the file's length however many errors it has. A piece that fails is left out of the tree; the policy or touchpoint
//! it names is listed in [`File::unparsed`], so that what refers to it is not
//! reported as unknown.

use super::{lexical_check, syntax_error, Builder, Failure, PromiseParser, Rule, RESERVED_WORDS};
use crate::finding::suggest::did_you_mean;
use crate::finding::Finding;
use crate::policy::syntax::{File, Ident, Unparsed};
use crate::source::{FileId, Span};
use pest::Parser as _;
use std::ops::Range;

/// The words that start an item.
const ITEM_KEYWORDS: [&str; 3] = ["policy", "promise", "touchpoint"];

/// [`super::parse_file_recovering`] for a file that does not parse whole.
pub(super) fn parse(file: FileId, text: &str, max_nesting: usize) -> (File, Vec<Finding>) {
    let starts = item_starts(text);
    let mut recovery = Recovery {
        file,
        text,
        max_nesting,
        parsed: File::default(),
        errors: Vec::new(),
        counted: (0, 1),
    };
    for (index, &start) in starts.iter().enumerate() {
        let end = starts.get(index + 1).copied().unwrap_or(text.len());
        recovery.piece(start..end);
    }
    (recovery.parsed, recovery.errors)
}

/// Where each piece starts: the file's start, and every line that starts
/// with an item.
fn item_starts(text: &str) -> Vec<usize> {
    let lines = std::iter::once(0).chain(text.match_indices('\n').map(|(at, _)| at + 1));
    let mut starts = vec![0];
    for line in lines {
        let word = line + blanks(&text[line..]);
        if word > 0 && item_at(text, word).is_some() {
            starts.push(word);
        }
    }
    starts
}

struct Recovery<'t> {
    file: FileId,
    text: &'t str,
    max_nesting: usize,
    parsed: File,
    errors: Vec<Finding>,
    /// An offset lines have been counted to, and the number of its line.
    counted: (usize, usize),
}

impl Recovery<'_> {
    /// Checks and parses the piece of the file at `range`.
    fn piece(&mut self, range: Range<usize>) {
        let (file, offset) = (self.file, range.start);
        let span = move |start, end| Span::new(file, offset + start, offset + end);
        let piece = &self.text[range.clone()];
        let failure = match lexical_check(piece, self.max_nesting, &span) {
            Err(error) => {
                self.errors.push(*error);
                None
            }
            Ok(()) => match PromiseParser::parse(Rule::file, piece) {
                Ok(pairs) => {
                    let items = Builder { span: &span }.items(pairs);
                    self.parsed.items.extend(items);
                    return;
                }
                Err(error) => Some(Failure::of(error, self.text, offset)),
            },
        };
        let head = item_at(self.text, skip_trivia(self.text, range.start));
        if let Some(Head {
            kind,
            name: Some((at, name)),
        }) = head
        {
            let name = Ident {
                name: name.to_owned(),
                span: Span::new(file, at, at + name.len()),
            };
            match kind {
                ItemKind::Policy => self.parsed.unparsed.push(Unparsed::Policy(name)),
                ItemKind::Touchpoint => self.parsed.unparsed.push(Unparsed::Touchpoint(name)),
                ItemKind::Promise => {}
            }
        }
        if let Some(failure) = failure {
            self.item_errors(range, head.map(|head| head.kind), failure);
        }
    }

    /// Reports `failure`, in the item at `range`; then, if it is inside the
    /// item's braces, parses the item on from the next statement or field,
    /// a part at a time, and reports the error of each part that has one.
    /// pest takes time in the length of its input to report an error, so
    /// each part is given to it alone.
    fn item_errors(&mut self, range: Range<usize>, kind: Option<ItemKind>, failure: Failure) {
        let (file, text) = (self.file, self.text);
        let span = move |start, end| Span::new(file, start, end);
        let mut braces = Braces {
            text,
            at: range.start,
            line: self.line_at(range.start),
            open: Vec::new(),
        };
        let at = failure.at;
        let open = braces.open_at(at);
        self.errors.push(syntax_error(text, failure, open, &span));
        let (Some(_), Some(kind)) = (open, kind) else {
            return;
        };
        let mut part = next_statement(text, at..range.end, kind);
        while let Some(start) = part {
            part = next_statement(text, start..range.end, kind);
            let (rule, end) = match part {
                Some(next) => (kind.part(), next),
                None => (kind.rest(), range.end),
            };
            if let Err(error) = PromiseParser::parse(rule, &text[start..end]) {
                let mut failure = Failure::of(error, text, start);
                // A part's end is the next statement's line: the other thing
                // that could stand there is the item's `}`.
                let positives = &mut failure.positives;
                if part.is_some() && positives.contains(&Rule::EOI) {
                    positives.retain(|&rule| rule != Rule::EOI);
                    positives.push(Rule::close_brace);
                }
                let open = braces.open_at(failure.at);
                self.errors.push(syntax_error(text, failure, open, &span));
            }
        }
    }

    /// The number of the line `offset` is on, counting on from the last
    /// offset asked about, which is never further.
    fn line_at(&mut self, offset: usize) -> usize {
        let (from, line) = self.counted;
        let line = line + self.text[from..offset].matches('\n').count();
        self.counted = (offset, line);
        line
    }
}

#[derive(Clone, Copy, PartialEq)]
enum ItemKind {
    Policy,
    Promise,
    Touchpoint,
}

impl ItemKind {
    /// The rule that parses a statement or field of this item, with the
    /// lines up to the next one's.
    fn part(self) -> Rule {
        match self {
            ItemKind::Policy => Rule::policy_part,
            ItemKind::Promise => Rule::promise_part,
            ItemKind::Touchpoint => Rule::touchpoint_part,
        }
    }

    /// The rule that parses the last part of this item, with its end.
    fn rest(self) -> Rule {
        match self {
            ItemKind::Policy => Rule::policy_rest,
            ItemKind::Promise => Rule::promise_rest,
            ItemKind::Touchpoint => Rule::touchpoint_rest,
        }
    }

    /// Whether a line of this item that starts with `word`, then `after`,
    /// starts a statement or a field.
    fn starts_statement(self, word: &str, after: &str) -> bool {
        match self {
            ItemKind::Promise => {
                ["says", "unless", "requires", "why", "severity", "only"].contains(&word)
            }
            ItemKind::Touchpoint => [
                "files", "forbid", "require", "severity", "language", "currency", "region", "tags",
            ]
            .contains(&word),
            // `name = value`, `name for region "ca" = value`, `name {`.
            ItemKind::Policy => {
                let after = &after[blanks(after)..];
                !RESERVED_WORDS.contains(&word)
                    && (after.starts_with(['=', '{']) || name_at(after, 0) == Some("for"))
            }
        }
    }
}

/// The start of an item: its kind, and where the name after its keyword
/// stands, when it is one (a promise has a title instead).
struct Head<'t> {
    kind: ItemKind,
    name: Option<(usize, &'t str)>,
}

/// The item whose keyword stands at `at`, followed by blanks and more on
/// the line; or a word a letter from a keyword, followed by blanks and a
/// name or a string.
fn item_at(text: &str, at: usize) -> Option<Head<'_>> {
    let word = name_at(text, at)?;
    let exact = ITEM_KEYWORDS.contains(&word);
    let keyword = match word {
        _ if exact => word,
        _ if RESERVED_WORDS.contains(&word) => return None,
        _ => did_you_mean(word, ITEM_KEYWORDS)?,
    };
    let kind = match keyword {
        "policy" => ItemKind::Policy,
        "promise" => ItemKind::Promise,
        _ => ItemKind::Touchpoint,
    };
    let after = at + word.len();
    let next = after + blanks(&text[after..]);
    let rest = &text[next..];
    let name = name_at(text, next);
    let quoted = rest.starts_with(['"', '\u{201C}', '\u{201D}', '\u{201E}']);
    let more = !rest.is_empty() && !rest.starts_with(['\n', '\r', '#']);
    if next == after || !(name.is_some() || quoted || exact && more) {
        return None;
    }
    let name = name.filter(|name| !RESERVED_WORDS.contains(name));
    Some(Head {
        kind,
        name: name.map(|name| (next, name)),
    })
}

/// The name-shaped word at `at`, if one starts there.
fn name_at(text: &str, at: usize) -> Option<&str> {
    let rest = &text[at..];
    let end = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(rest.len());
    let word = &rest[..end];
    word.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
        .then_some(word)
}

/// How many spaces and tabs `text` starts with.
fn blanks(text: &str) -> usize {
    text.len() - text.trim_start_matches([' ', '\t']).len()
}

/// Past the white space and comments at `at`.
fn skip_trivia(text: &str, mut at: usize) -> usize {
    loop {
        let rest = &text[at..];
        let trimmed = rest.trim_start_matches([' ', '\t', '\r', '\n', '\u{feff}']);
        at += rest.len() - trimmed.len();
        if !trimmed.starts_with('#') {
            return at;
        }
        at += trimmed.find('\n').unwrap_or(trimmed.len());
    }
}

/// Where the first statement or field of an item of `kind` starts, on a line
/// after the one `within.start` is on, before `within.end`.
fn next_statement(text: &str, within: Range<usize>, kind: ItemKind) -> Option<usize> {
    let mut line = within.start + text[within.clone()].find('\n')? + 1;
    while line < within.end {
        let word = line + blanks(&text[line..within.end]);
        // Read within the item: its end may cut a word.
        if let Some(first) = name_at(&text[..within.end], word) {
            if kind.starts_statement(first, &text[word + first.len()..within.end]) {
                return Some(word);
            }
        }
        line += text[line..within.end].find('\n')? + 1;
    }
    None
}

/// The `{`s open in an item, counted reading it forward once, skipping
/// strings and comments (the lexical pass has checked they are well formed).
struct Braces<'t> {
    text: &'t str,
    /// How far it has read, and that offset's line number.
    at: usize,
    line: usize,
    /// Each `{` open, and its line number.
    open: Vec<(usize, usize)>,
}

impl Braces<'_> {
    /// The innermost `{` open at `to`, which is never before the last `to`.
    fn open_at(&mut self, to: usize) -> Option<(usize, usize)> {
        let text = self.text;
        let bytes = text.as_bytes();
        while self.at < to {
            match bytes[self.at] {
                b'\n' => self.line += 1,
                // Up to the line break, which is counted next.
                b'#' => {
                    self.at += text[self.at..to].find('\n').unwrap_or(to - self.at);
                    continue;
                }
                // Up to the closing quote, which is passed below.
                b'"' => {
                    self.at += 1;
                    while self.at < to && !matches!(bytes[self.at], b'"' | b'\n') {
                        self.at += if bytes[self.at] == b'\\' { 2 } else { 1 };
                    }
                    if bytes.get(self.at) == Some(&b'\n') {
                        continue;
                    }
                }
                b'{' => self.open.push((self.at, self.line)),
                b'}' => {
                    self.open.pop();
                }
                _ => {}
            }
            self.at += 1;
        }
        self.open.last().copied()
    }
}
