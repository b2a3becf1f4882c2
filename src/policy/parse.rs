//! Promise files to syntax trees, and grammar errors to findings in plain words.
//!
//! Parsing has two passes. A small lexical pass finds what pest would report
//! at the wrong place: a string left open is reported where it opens (pest
//! would stop at the end of the line), curly quotes get "use straight quotes",
//! a bad escape is pointed at exactly, and nesting is bounded so no input can
//! exhaust the stack. Then pest parses, and its pairs become the typed tree of
//! `syntax`. pest's `Rule` type stays private to this module: "rule" means a
//! lint rule everywhere else.
//!
//! pest stops at the first error. A file with one is parsed again, item by
//! item and inside an item from the next statement on, by [`recover`], so
//! that every mistake is reported once.

use crate::finding::codes::SYNTAX_ERROR;
use crate::finding::suggest::did_you_mean;
use crate::finding::{Finding, Label};
use crate::load::limits::Limits;
use crate::policy::syntax::*;
use crate::source::{FileId, Span};
use pest::error::{ErrorVariant, InputLocation};
use pest::iterators::{Pair, Pairs};
use pest::Parser as _;
use std::iter::Peekable;
use std::str::CharIndices;

mod recover;

mod grammar {
    #[derive(pest_derive::Parser)]
    #[grammar = "grammar/promise.pest"]
    pub struct PromiseParser;
}

use grammar::{PromiseParser, Rule};

/// Words that cannot be names.
pub const RESERVED_WORDS: &[&str] = &[
    "policy",
    "promise",
    "touchpoint",
    "from",
    "says",
    "requires",
    "why",
    "severity",
    "files",
    "forbid",
    "because",
    "and",
    "or",
    "not",
    "in",
    "to",
    "yes",
    "no",
    "true",
    "false",
    "unlimited",
    "min",
    "max",
];

/// Whether `text` has the shape of a name (`[A-Za-z_][A-Za-z0-9_]*`, the
/// grammar's `name`), reserved or not: for names that do not come through
/// the grammar (YAML keys, captures).
pub fn is_name(text: &str) -> bool {
    text.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
        && text.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// Why a YAML key cannot name a field, if it cannot.
pub fn bad_field_name(name: &str) -> Option<&'static str> {
    if !is_name(name) {
        Some("a field name is letters, digits and `_`, starting with a letter")
    } else if RESERVED_WORDS.contains(&name) {
        Some("it is a reserved word")
    } else {
        None
    }
}

/// Parses one promise file with the default [`Limits`]: its tree, or its
/// first syntax error.
pub fn parse_file(file: FileId, text: &str) -> Result<File, Box<Finding>> {
    parse_file_with(file, text, Limits::default().max_nesting)
}

/// [`parse_file`], refusing parentheses, brackets, braces and `not`s nested
/// deeper than `max_nesting`: pest parses them by recursion.
pub fn parse_file_with(file: FileId, text: &str, max_nesting: usize) -> Result<File, Box<Finding>> {
    let (parsed, errors) = parse_file_recovering(file, text, max_nesting);
    match errors.into_iter().next() {
        Some(first) => Err(Box::new(first)),
        None => Ok(parsed),
    }
}

/// [`parse_file_with`], reporting every syntax error of the file, not only
/// the first: the tree holds the items that parse and names those that do
/// not. A file that parses is parsed whole, at once; one that does not is
/// parsed again item by item (see [`recover`]).
pub fn parse_file_recovering(file: FileId, text: &str, max_nesting: usize) -> (File, Vec<Finding>) {
    let span = |start, end| Span::new(file, start, end);
    // pest only ever reads what the lexical pass let through: nesting it
    // refuses would exhaust the stack.
    let whole = lexical_check(text, max_nesting, &span)
        .ok()
        .and_then(|()| PromiseParser::parse(Rule::file, text).ok());
    match whole {
        Some(pairs) => {
            let items = Builder { span: &span }.items(pairs);
            let parsed = File {
                items,
                unparsed: Vec::new(),
            };
            (parsed, Vec::new())
        }
        None => recover::parse(file, text, max_nesting),
    }
}

/// Parses `text` as a single value (for YAML strings such as `"30 days"`),
/// placing spans with `span`. `None` when it is not a value.
pub fn parse_value(text: &str, span: &dyn Fn(usize, usize) -> Span) -> Option<ValueNode> {
    let mut pairs = PromiseParser::parse(Rule::value_text, text).ok()?;
    let value = pairs.next()?.into_inner().next()?;
    Some(Builder { span }.value(value))
}

// ---------------------------------------------------------------- lexical pass

/// Finds unclosed strings, curly-quote strings, bad escapes and runaway nesting.
fn lexical_check(
    text: &str,
    max_nesting: usize,
    span: &dyn Fn(usize, usize) -> Span,
) -> Result<(), Box<Finding>> {
    let mut lexer = Lexer {
        text,
        chars: text.char_indices().peekable(),
        max_nesting,
        span,
        depth: 0,
        nots: 0,
    };
    while let Some((at, c)) = lexer.chars.next() {
        match c {
            '#' => lexer.skip_comment(),
            '"' => lexer.string(at)?,
            '\u{201C}' | '\u{201D}' | '\u{201E}' => {
                return Err(lexer.error(
                    at,
                    at + c.len_utf8(),
                    "curly quote",
                    "strings must be in straight quotes".into(),
                    "use straight quotes: \"like this\"",
                ));
            }
            '(' | '[' | '{' => lexer.open(at)?,
            ')' | ']' | '}' => lexer.depth = lexer.depth.saturating_sub(1),
            c if c.is_ascii_alphabetic() || c == '_' => lexer.word(at)?,
            _ => {}
        }
    }
    Ok(())
}

/// The lexical pass through one file: where it stands, and the nesting it
/// has counted so far.
struct Lexer<'a> {
    text: &'a str,
    chars: Peekable<CharIndices<'a>>,
    max_nesting: usize,
    span: &'a dyn Fn(usize, usize) -> Span,
    /// Parentheses, brackets and braces open.
    depth: usize,
    /// `not`s in a row: pest nests each in the next.
    nots: usize,
}

impl Lexer<'_> {
    /// A syntax error at `start..end` of the file.
    fn error(
        &self,
        start: usize,
        end: usize,
        label: &str,
        message: String,
        hint: &str,
    ) -> Box<Finding> {
        Box::new(Finding::hinted(
            &SYNTAX_ERROR,
            (self.span)(start, end),
            label,
            message,
            hint,
        ))
    }

    /// Skips a comment, up to the end of its line.
    fn skip_comment(&mut self) {
        while self
            .chars
            .next_if(|&(_, c)| c != '\n' && c != '\r')
            .is_some()
        {}
    }

    /// Reads the string that opens at `at` to its closing quote: it must
    /// close on its line, and know its escapes.
    fn string(&mut self, at: usize) -> Result<(), Box<Finding>> {
        loop {
            match self.chars.next() {
                None | Some((_, '\n' | '\r')) => return Err(self.unclosed(at)),
                Some((_, '"')) => return Ok(()),
                Some((escape, '\\')) => self.escape(at, escape)?,
                Some(_) => {}
            }
        }
    }

    /// Reads what follows the backslash at `escape`, in the string that
    /// opens at `at`. A backslash at the end of the line leaves it open.
    fn escape(&mut self, at: usize, escape: usize) -> Result<(), Box<Finding>> {
        match self.chars.next() {
            Some((_, '"' | '\\' | '{' | '}' | 'n' | 't')) => Ok(()),
            Some((_, '\n' | '\r')) | None => Err(self.unclosed(at)),
            Some((_, other)) => {
                let end = escape + 1 + other.len_utf8();
                Err(self.error(
                    escape,
                    end,
                    "unknown escape",
                    format!("unknown escape `\\{other}` in a string"),
                    r#"the escapes are \" \\ \{ \} \n \t; write \\ for a backslash"#,
                ))
            }
        }
    }

    /// A string that opens at `at` and is never closed, reported where it
    /// opens: pest would stop at the end of the line.
    fn unclosed(&self, at: usize) -> Box<Finding> {
        self.error(
            at,
            at + 1,
            "this string is never closed",
            "unclosed string".into(),
            "a string ends on the line it starts: add the closing `\"`",
        )
    }

    /// Counts the parenthesis, bracket or brace at `at`, refusing one
    /// nested deeper than `max_nesting`: pest parses them by recursion.
    fn open(&mut self, at: usize) -> Result<(), Box<Finding>> {
        self.depth += 1;
        if self.depth > self.max_nesting {
            return Err(self.error(
                at,
                at + 1,
                "nested too deeply",
                format!("nesting deeper than {} levels", self.max_nesting),
                "split the expression into several `requires` \
                 (the limit is `max-nesting` in promiselint.toml's [limits])",
            ));
        }
        Ok(())
    }

    /// Reads the word that starts at `at`, counting `not`s in a row: each
    /// nests the next in the grammar, so too many exhaust the stack.
    fn word(&mut self, at: usize) -> Result<(), Box<Finding>> {
        let mut end = at + 1;
        while let Some((i, c)) = self
            .chars
            .next_if(|&(_, c)| c.is_ascii_alphanumeric() || c == '_')
        {
            end = i + c.len_utf8();
        }
        if &self.text[at..end] != "not" {
            self.nots = 0;
            return Ok(());
        }
        self.nots += 1;
        if self.nots > self.max_nesting {
            return Err(self.error(
                at,
                end,
                "too many `not`s",
                format!("more than {} `not`s in a row", self.max_nesting),
                "two `not`s cancel out: remove them in pairs",
            ));
        }
        Ok(())
    }
}

// ---------------------------------------------------------------- grammar errors

/// Where pest stopped in a file, and what it expected there.
struct Failure {
    at: usize,
    positives: Vec<Rule>,
}

impl Failure {
    /// pest's `error` in the part of `text` that starts at `offset`.
    fn of(error: pest::error::Error<Rule>, text: &str, offset: usize) -> Failure {
        let at = match error.location {
            InputLocation::Pos(at) | InputLocation::Span((at, _)) => (offset + at).min(text.len()),
        };
        let positives = match error.variant {
            ErrorVariant::ParsingError { positives, .. } => positives,
            ErrorVariant::CustomError { .. } => Vec::new(),
        };
        Failure { at, positives }
    }
}

/// The finding for `failure` in the file `text`, placed by `span`; `open`
/// is the innermost `{` still open there and its line, if any.
fn syntax_error(
    text: &str,
    failure: Failure,
    open: Option<(usize, usize)>,
    span: &dyn Fn(usize, usize) -> Span,
) -> Finding {
    let Failure { at, mut positives } = failure;
    let found = Found::at(text, at);
    let mut expected: Vec<&str> = Vec::new();
    // A unit or `to` could follow any number; they are worth naming only
    // when nothing else could.
    let rare = |rule: &Rule| {
        matches!(
            rule,
            Rule::kw_to
                | Rule::unit
                | Rule::unit_word
                | Rule::day_kind
                | Rule::meridiem
                | Rule::zone
        )
    };
    if positives.iter().any(|rule| !rare(rule)) {
        positives.retain(|rule| !rare(rule));
    }
    for rule in &positives {
        if let Some(words) = expected_words(*rule) {
            if !expected.contains(&words) {
                expected.push(words);
            }
        }
    }
    let message = if expected.is_empty() {
        format!("unexpected {}", found.describe())
    } else {
        format!("expected {}, found {}", one_of(&expected), found.describe())
    };
    let label = if expected.len() == 1 {
        format!("expected {} here", expected[0])
    } else {
        "unexpected here".to_owned()
    };
    let mut hint = hint(text, at, &found, &positives);
    let mut finding = Finding::new(
        &SYNTAX_ERROR,
        Label::new(span(at, found.end), label),
        message,
    );
    // A missing `}` shows only where the parser notices: at the next item's
    // keyword or the end of the file, often lines later. Point at the `{`
    // left open too.
    let item_keyword = ["policy", "promise", "touchpoint", ""].contains(&found.text);
    if item_keyword && positives.contains(&Rule::close_brace) {
        if let Some((open, line)) = open {
            finding =
                finding.with_related(Label::new(span(open, open + 1), "this `{` is never closed"));
            hint = if found.text.is_empty() {
                format!("add the `}}` that closes the `{{` on line {line}")
            } else {
                format!(
                    "add the `}}` that closes the `{{` on line {line}, before this `{}`",
                    found.text
                )
            };
        }
    }
    finding.with_hint(hint)
}

/// What stands where the parse stopped.
struct Found<'t> {
    text: &'t str,
    end: usize,
}

impl Found<'_> {
    fn at(text: &str, at: usize) -> Found<'_> {
        let rest = &text[at..];
        let len = match rest.chars().next() {
            None => 0,
            Some(c) if c.is_ascii_alphanumeric() || c == '_' => rest
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '.'))
                .unwrap_or(rest.len()),
            Some(_)
                if ["==", "!=", "<=", ">="]
                    .iter()
                    .any(|op| rest.starts_with(op)) =>
            {
                2
            }
            Some(c) => c.len_utf8(),
        };
        Found {
            text: &rest[..len],
            end: at + len,
        }
    }

    fn describe(&self) -> String {
        match self.text {
            "" => "the end of the file".to_owned(),
            "\n" | "\r" => "the end of the line".to_owned(),
            word if RESERVED_WORDS.contains(&word) => format!("`{word}` (a reserved word)"),
            token => format!("`{token}`"),
        }
    }
}

/// The plain-words name of what a grammar rule stands for, or `None` for
/// rules a user never types directly. Exhaustive on purpose: a new grammar
/// rule does not compile until it has a name here.
fn expected_words(rule: Rule) -> Option<&'static str> {
    Some(match rule {
        Rule::EOI => "the end of the file",
        Rule::policy | Rule::kw_policy => "`policy`",
        Rule::promise | Rule::kw_promise => "`promise`",
        Rule::touchpoint | Rule::kw_touchpoint => "`touchpoint`",
        Rule::kw_from => "`from`",
        Rule::says | Rule::kw_says => "`says`",
        Rule::unless | Rule::kw_unless => "`unless`",
        Rule::requires | Rule::kw_requires => "`requires`",
        Rule::why | Rule::kw_why => "`why`",
        Rule::severity | Rule::kw_severity => "`severity`",
        Rule::files | Rule::kw_files => "`files`",
        Rule::forbid | Rule::kw_forbid => "`forbid`",
        Rule::require | Rule::kw_require => "`require`",
        Rule::kw_because => "`because`",
        Rule::only_in | Rule::kw_only => "`only in`",
        Rule::kw_for | Rule::scope => "`for` and a scope (`for region \"ca\"`)",
        Rule::scope_key => {
            "a scope (`region`, `currency`, `language`, `tag`, `touchpoint` or `row`)"
        }
        Rule::property | Rule::property_key => {
            "a property (`language`, `currency`, `region` or `tags`)"
        }
        Rule::kw_and => "`and`",
        Rule::kw_or => "`or`",
        Rule::kw_not => "`not`",
        Rule::kw_to => "`to`",
        Rule::policy_body | Rule::open_brace => "`{`",
        Rule::close_brace => "`}`",
        Rule::open_bracket => "`[`",
        Rule::close_bracket => "`]`",
        Rule::open_paren => "`(`",
        Rule::close_paren => "`)`",
        Rule::comma => "`,`",
        Rule::equals => "`=`",
        Rule::field => "a field (`name = value`)",
        Rule::group => "a group (`name { … }`)",
        Rule::field_end => "the end of the line (one field per line)",
        Rule::expr | Rule::disjunction | Rule::conjunction | Rule::negation | Rule::comparison => {
            "a condition"
        }
        // `in` is tried last among the comparisons; pest reports it for all of them.
        Rule::compare_op | Rule::kw_in => "a comparison (`==`, `!=`, `<`, `<=`, `>`, `>=`, `in`)",
        Rule::path => "a policy path (`policy.field`)",
        Rule::segment => "a field name",
        Rule::capture => "a capture name",
        Rule::name => "a name",
        Rule::literal
        | Rule::value
        | Rule::value_text
        | Rule::range
        | Rule::range_end
        | Rule::range_dash
        | Rule::money
        | Rule::percent
        | Rule::quantity
        | Rule::boolean
        | Rule::unlimited
        | Rule::list => "a value",
        Rule::time | Rule::clock_time | Rule::hour_time | Rule::time_word => "a time of day",
        Rule::number | Rule::time_digits => "a number",
        Rule::unit | Rule::unit_word | Rule::day_kind => "a unit",
        Rule::meridiem => "`am` or `pm`",
        Rule::zone => "a time zone",
        Rule::currency_sign => "a currency sign",
        Rule::string | Rule::string_body | Rule::property_value => "a string in double quotes",
        Rule::file => "`policy`, `promise` or `touchpoint`",
        Rule::promise_part
        | Rule::touchpoint_part
        | Rule::policy_part
        | Rule::promise_rest
        | Rule::touchpoint_rest
        | Rule::policy_rest
        | Rule::policy_piece => return None,
        Rule::keyword | Rule::WHITESPACE | Rule::COMMENT => return None,
        Rule::line_break
        | Rule::hs
        | Rule::name_start
        | Rule::name_char
        | Rule::item
        | Rule::promise_statement
        | Rule::touchpoint_statement
        | Rule::operand => return None,
    })
}

fn one_of(words: &[&str]) -> String {
    match words {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

/// A hint for the common slips, judged from what was expected and what was found.
fn hint(text: &str, at: usize, found: &Found, positives: &[Rule]) -> String {
    let expects = |rule: Rule| positives.contains(&rule);
    let before = text[..at].trim_end_matches([' ', '\t']);
    let hint = if RESERVED_WORDS.contains(&found.text)
        && [
            Rule::name,
            Rule::field,
            Rule::group,
            Rule::segment,
            Rule::capture,
        ]
        .iter()
        .any(|&r| expects(r))
    {
        format!("`{}` is a reserved word; choose another name", found.text)
    } else if found.text == "=" && expects(Rule::kw_in) {
        "to compare, write `==`; a single `=` sets a policy field".to_owned()
    } else if (found.text == "==" || found.text == "=") && before.ends_with('=') {
        "a policy field is set with a single `=`; `==` compares, in `requires`".to_owned()
    } else if let Some(number) = spaced_percent(before, found) {
        format!("write `{number}%`, with no space before `%`")
    } else if found.text == "\"" && (expects(Rule::field) || expects(Rule::name)) {
        json_field_hint(&text[at..])
    } else if found.text == ":" && expects(Rule::equals) {
        "a policy field is written `name = value`".to_owned()
    } else if expects(Rule::field_end) {
        "each policy field stands on its own line".to_owned()
    } else if found.text == "'" && expects(Rule::string) {
        "strings are written in double quotes".to_owned()
    } else if found.text == ";" {
        "promise files use no semicolons: end the line instead".to_owned()
    } else if expects(Rule::kw_in) && !found.text.is_empty() && found.text != "}" {
        "put a comparison between the two sides, e.g. `returns.window >= 30 days`".to_owned()
    } else if let Some(keyword) = found
        .text
        .chars()
        .all(|c| c.is_ascii_alphabetic())
        .then(|| did_you_mean(found.text, RESERVED_WORDS.iter().copied()))
        .flatten()
        .filter(|keyword| {
            let quoted = format!("`{keyword}`");
            positives
                .iter()
                .filter_map(|&rule| expected_words(rule))
                .any(|words| words.contains(&quoted))
        })
    {
        format!("did you mean `{keyword}`?")
    } else if expects(Rule::value) || expects(Rule::literal) {
        "write a value, e.g. `30 days`, `$50`, `15%`, `yes` or `\"text\"`".to_owned()
    } else if expects(Rule::expr) || expects(Rule::comparison) {
        "write a condition, e.g. `returns.window >= 30 days`".to_owned()
    } else if expects(Rule::close_brace)
        || expects(Rule::close_paren)
        || expects(Rule::close_bracket)
    {
        "every opening bracket needs its closing one".to_owned()
    } else {
        "`promiselint explain syntax-error` shows the shape of a promise file".to_owned()
    };
    hint
}

/// The number before a `%` written apart from it (`0 %`), if that is what
/// was found.
fn spaced_percent<'t>(before: &'t str, found: &Found) -> Option<&'t str> {
    if found.text != "%" {
        return None;
    }
    let number = before.trim_end_matches(|c: char| c.is_ascii_digit() || c == '.');
    let number = &before[number.len()..];
    (number.starts_with(|c: char| c.is_ascii_digit())).then_some(number)
}

/// The hint for a field written as JSON (`"name": value,`), with the field
/// as it should be written when the line allows it.
fn json_field_hint(rest: &str) -> String {
    const HINT: &str = "a field is `name = value`, without quotes or a colon";
    let line = rest.lines().next().unwrap_or_default();
    let rewritten = line.strip_prefix('"').and_then(|line| {
        let (name, value) = line.split_once('"')?;
        let value = value.trim_start().strip_prefix([':', '='])?.trim();
        let value = value.strip_suffix(',').unwrap_or(value).trim_end();
        (is_name(name) && !value.is_empty()).then(|| format!("{name} = {value}"))
    });
    match rewritten {
        Some(field) => format!("{HINT}: `{field}`"),
        None => HINT.to_owned(),
    }
}

// ---------------------------------------------------------------- pairs to tree

/// Turns pest pairs into syntax nodes; `span` places byte ranges in a file.
struct Builder<'s> {
    span: &'s dyn Fn(usize, usize) -> Span,
}

impl Builder<'_> {
    fn span_of(&self, pair: &Pair<Rule>) -> Span {
        let span = pair.as_span();
        (self.span)(span.start(), span.end())
    }

    fn ident(&self, pair: Pair<Rule>) -> Ident {
        Ident {
            span: self.span_of(&pair),
            name: pair.as_str().to_owned(),
        }
    }

    fn string(&self, pair: Pair<Rule>) -> Str {
        let span = self.span_of(&pair);
        let raw = pair.as_str();
        let raw = &raw[1..raw.len() - 1];
        Str {
            value: unescape(raw),
            raw: raw.to_owned(),
            span,
        }
    }

    /// The items of a parsed `file` (or a part of one).
    fn items(&self, mut pairs: Pairs<Rule>) -> Vec<Item> {
        let root = pairs
            .next()
            .expect("a successful parse yields the file rule");
        root.into_inner()
            .filter(|pair| pair.as_rule() != Rule::EOI)
            .map(|pair| self.item(pair))
            .collect()
    }

    fn item(&self, pair: Pair<Rule>) -> Item {
        match pair.as_rule() {
            Rule::policy => Item::Policy(self.policy(pair)),
            Rule::promise => Item::Promise(self.promise(pair)),
            Rule::touchpoint => Item::Touchpoint(self.touchpoint(pair)),
            rule => unreachable!("an item is a policy, promise or touchpoint, not {rule:?}"),
        }
    }

    fn policy(&self, pair: Pair<Rule>) -> Policy {
        let mut inner = pair.into_inner();
        let keyword = self.span_of(&inner.next().expect("policy keyword"));
        let name = self.ident(inner.next().expect("policy name"));
        let mut from = None;
        let mut entries = Vec::new();
        for pair in inner {
            match pair.as_rule() {
                Rule::string => from = Some(self.string(pair)),
                Rule::policy_body => entries = self.entries(pair),
                _ => {}
            }
        }
        Policy {
            keyword,
            name,
            from,
            entries,
        }
    }

    fn entries(&self, body: Pair<Rule>) -> Vec<Entry> {
        body.into_inner()
            .filter_map(|pair| match pair.as_rule() {
                Rule::field => {
                    let mut inner = pair.into_inner();
                    let name = self.ident(inner.next().expect("field name"));
                    let mut scope = None;
                    let mut value = None;
                    for part in inner {
                        match part.as_rule() {
                            Rule::scope => scope = Some(Box::new(self.scope(part))),
                            Rule::value => value = Some(self.value(part)),
                            _ => {}
                        }
                    }
                    Some(Entry::Field {
                        name,
                        scope,
                        value: value.expect("field value"),
                    })
                }
                Rule::group => {
                    let mut inner = pair.clone().into_inner();
                    let name = self.ident(inner.next().expect("group name"));
                    Some(Entry::Group {
                        name,
                        entries: self.entries(pair),
                    })
                }
                _ => None,
            })
            .collect()
    }

    /// `for region "ca"`.
    fn scope(&self, pair: Pair<Rule>) -> ScopeNode {
        let span = self.span_of(&pair);
        let mut inner = pair.into_inner().skip(1);
        let key = self.ident(inner.next().expect("scope key"));
        let value = self.string(inner.next().expect("scope value"));
        ScopeNode { key, value, span }
    }

    fn promise(&self, pair: Pair<Rule>) -> Promise {
        let mut inner = pair.into_inner();
        let keyword = self.span_of(&inner.next().expect("promise keyword"));
        let title = self.string(inner.next().expect("promise title"));
        let statements = inner
            .filter_map(|pair| {
                let rule = pair.as_rule();
                let mut parts = pair.into_inner();
                let keyword = match parts.next() {
                    Some(first) => self.span_of(&first),
                    None => return None,
                };
                Some(match rule {
                    Rule::says => PromiseStatement::Says {
                        keyword,
                        phrases: self.strings(parts),
                    },
                    Rule::unless => PromiseStatement::Unless {
                        keyword,
                        phrases: self.strings(parts),
                    },
                    Rule::requires => PromiseStatement::Requires {
                        keyword,
                        expr: self.expr(parts.next().expect("requires expression")),
                    },
                    Rule::why => PromiseStatement::Why {
                        keyword,
                        text: self.string(parts.next().expect("why text")),
                    },
                    Rule::severity => PromiseStatement::Severity {
                        keyword,
                        level: self.ident(parts.next().expect("severity level")),
                    },
                    Rule::only_in => PromiseStatement::OnlyIn {
                        keyword,
                        touchpoints: parts
                            .filter(|p| p.as_rule() == Rule::name)
                            .map(|p| self.ident(p))
                            .collect(),
                    },
                    _ => return None,
                })
            })
            .collect();
        Promise {
            title,
            keyword,
            statements,
        }
    }

    fn touchpoint(&self, pair: Pair<Rule>) -> Touchpoint {
        let mut inner = pair.into_inner();
        let keyword = self.span_of(&inner.next().expect("touchpoint keyword"));
        let name = self.ident(inner.next().expect("touchpoint name"));
        let mut title = None;
        let mut statements = Vec::new();
        for pair in inner {
            match pair.as_rule() {
                Rule::string => title = Some(self.string(pair)),
                Rule::files => {
                    let mut parts = pair.into_inner();
                    let keyword = self.span_of(&parts.next().expect("files keyword"));
                    statements.push(TouchpointStatement::Files {
                        keyword,
                        globs: self.strings(parts),
                    });
                }
                Rule::severity => {
                    let mut parts = pair.into_inner();
                    let keyword = self.span_of(&parts.next().expect("severity keyword"));
                    statements.push(TouchpointStatement::Severity {
                        keyword,
                        level: self.ident(parts.next().expect("severity level")),
                    });
                }
                Rule::forbid => {
                    statements.push(TouchpointStatement::Forbid(self.phrase_list(pair)))
                }
                Rule::property => {
                    let mut parts = pair.into_inner();
                    let key = self.ident(parts.next().expect("property key"));
                    // A bare name stands for itself, as if quoted.
                    let values = parts
                        .filter_map(|part| match part.as_rule() {
                            Rule::string => Some(self.string(part)),
                            Rule::name => {
                                let Ident { name, span } = self.ident(part);
                                Some(Str {
                                    raw: name.clone(),
                                    value: name,
                                    span,
                                })
                            }
                            _ => None,
                        })
                        .collect();
                    statements.push(TouchpointStatement::Property { key, values });
                }
                Rule::require => {
                    statements.push(TouchpointStatement::Require(self.phrase_list(pair)))
                }
                _ => {}
            }
        }
        Touchpoint {
            keyword,
            name,
            title,
            statements,
        }
    }

    /// `forbid` or `require`: the keyword, the phrases, and the `because` after them.
    fn phrase_list(&self, pair: Pair<Rule>) -> PhraseList {
        let mut parts = pair.into_inner();
        let keyword = self.span_of(&parts.next().expect("statement keyword"));
        let mut phrases = Vec::new();
        let mut because = None;
        let mut after_because = false;
        for part in parts {
            match part.as_rule() {
                Rule::kw_because => after_because = true,
                Rule::string if after_because => because = Some(self.string(part)),
                Rule::string => phrases.push(self.string(part)),
                _ => {}
            }
        }
        PhraseList {
            keyword,
            phrases,
            because,
        }
    }

    fn strings<'i>(&self, pairs: impl Iterator<Item = Pair<'i, Rule>>) -> Vec<Str> {
        pairs
            .filter(|p| p.as_rule() == Rule::string)
            .map(|p| self.string(p))
            .collect()
    }

    // ------------------------------------------------------------ expressions

    fn expr(&self, pair: Pair<Rule>) -> Expr {
        // To the end of its last token: pest's span of a rule that tried an
        // optional part goes on over the white space and comments it skipped
        // first, which would stretch `not x` over the lines after it.
        let span = (self.span)(pair.as_span().start(), last_token_end(&pair));
        match pair.as_rule() {
            Rule::expr => self.expr(pair.into_inner().next().expect("disjunction")),
            Rule::disjunction | Rule::conjunction => {
                let is_or = pair.as_rule() == Rule::disjunction;
                let mut parts: Vec<Expr> = pair
                    .into_inner()
                    .filter(|p| !matches!(p.as_rule(), Rule::kw_or | Rule::kw_and))
                    .map(|p| self.expr(p))
                    .collect();
                if parts.len() == 1 {
                    parts.pop().expect("one part")
                } else if is_or {
                    Expr {
                        span,
                        kind: ExprKind::Or(parts),
                    }
                } else {
                    Expr {
                        span,
                        kind: ExprKind::And(parts),
                    }
                }
            }
            Rule::negation => {
                let mut inner = pair.into_inner();
                let first = inner.next().expect("negation part");
                match inner.next() {
                    Some(operand) => Expr {
                        span,
                        kind: ExprKind::Not(Box::new(self.expr(operand))),
                    },
                    None => self.expr(first),
                }
            }
            Rule::comparison => {
                let mut operands = Vec::new();
                let mut op = None;
                for part in pair.into_inner() {
                    match part.as_rule() {
                        Rule::open_paren | Rule::close_paren => {}
                        Rule::compare_op => op = Some(part),
                        _ => operands.push(self.expr(part)),
                    }
                }
                let right = operands.pop().expect("an operand");
                match (op, operands.pop()) {
                    (Some(op), Some(left)) => Expr {
                        span,
                        kind: ExprKind::Compare {
                            left: Box::new(left),
                            op: compare_op(op.as_str()),
                            op_span: self.span_of(&op),
                            right: Box::new(right),
                        },
                    },
                    _ => right,
                }
            }
            Rule::path => Expr {
                span,
                kind: ExprKind::Path(pair.into_inner().map(|p| self.ident(p)).collect()),
            },
            Rule::capture => {
                let mut inner = pair.into_inner();
                let name = self.ident(inner.next().expect("capture name"));
                Expr {
                    span,
                    kind: ExprKind::Capture {
                        name,
                        unit: inner.next().map(|unit| self.unit(unit)),
                    },
                }
            }
            Rule::literal => Expr {
                span,
                kind: ExprKind::Literal(self.value(pair.into_inner().next().expect("value"))),
            },
            rule => unreachable!("not an expression: {rule:?}"),
        }
    }

    // ------------------------------------------------------------ values

    fn value(&self, pair: Pair<Rule>) -> ValueNode {
        let span = self.span_of(&pair);
        let kind = match pair.as_rule() {
            Rule::value | Rule::range_end => {
                return self.value(pair.into_inner().next().expect("a value"));
            }
            Rule::range => {
                let mut ends = pair.into_inner().filter(|p| p.as_rule() == Rule::range_end);
                let low = self.value(ends.next().expect("range low"));
                let high = self.value(ends.next().expect("range high"));
                ValueNodeKind::Range(Box::new(low), Box::new(high))
            }
            Rule::money => {
                let mut inner = pair.into_inner();
                let sign = inner.next().expect("currency sign").as_str();
                ValueNodeKind::Money {
                    sign: sign.chars().next().expect("a sign character"),
                    amount: inner.next().expect("amount").as_str().to_owned(),
                }
            }
            Rule::percent => {
                ValueNodeKind::Percent(pair.into_inner().next().expect("number").as_str().into())
            }
            Rule::quantity => {
                let mut inner = pair.into_inner();
                let number = inner.next().expect("number");
                let unit = inner.next().expect("unit");
                let spaced = unit.as_span().start() > number.as_span().end();
                ValueNodeKind::Quantity {
                    amount: number.as_str().to_owned(),
                    unit: self.unit(unit),
                    spaced,
                }
            }
            Rule::number => ValueNodeKind::Number(pair.as_str().to_owned()),
            Rule::time => self.time(pair),
            Rule::boolean => ValueNodeKind::Boolean(matches!(pair.as_str(), "yes" | "true")),
            Rule::unlimited => ValueNodeKind::Unlimited,
            Rule::string => ValueNodeKind::Text(self.string(pair).value),
            Rule::list => ValueNodeKind::List(
                pair.into_inner()
                    .filter(|p| p.as_rule() == Rule::value)
                    .map(|p| self.value(p))
                    .collect(),
            ),
            rule => unreachable!("not a value: {rule:?}"),
        };
        ValueNode { span, kind }
    }

    /// A time of day as written: `14:00`, `2:30 pm`, `2 PM EST`, `noon`.
    fn time(&self, pair: Pair<Rule>) -> ValueNodeKind {
        let mut inner = pair.into_inner();
        let clock = inner.next().expect("a time");
        let zone = inner.next().map(|zone| self.ident(zone));
        let clock = match clock.as_rule() {
            Rule::time_word if clock.as_str().eq_ignore_ascii_case("noon") => TimeOfDay::Noon,
            Rule::time_word => TimeOfDay::Midnight,
            _ => {
                let mut parts = clock.into_inner();
                let hour = parts.next().expect("an hour").as_str().to_owned();
                let (mut minute, mut meridiem) = (None, None);
                for part in parts {
                    match part.as_rule() {
                        Rule::time_digits => minute = Some(part.as_str().to_owned()),
                        _ => meridiem = Some(self.ident(part)),
                    }
                }
                TimeOfDay::Clock {
                    hour,
                    minute,
                    meridiem,
                }
            }
        };
        ValueNodeKind::Time { clock, zone }
    }

    /// A unit word as written, with runs of spaces folded (`business  days`).
    fn unit(&self, pair: Pair<Rule>) -> Ident {
        Ident {
            span: self.span_of(&pair),
            name: pair
                .as_str()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" "),
        }
    }
}

/// Where the last token of the condition `pair` ends: the end of its last
/// part, down through the rules that skip white space between their parts
/// (an operand, a value or a bracket ends where it ends).
fn last_token_end(pair: &Pair<Rule>) -> usize {
    let skips = matches!(
        pair.as_rule(),
        Rule::expr | Rule::disjunction | Rule::conjunction | Rule::negation | Rule::comparison
    );
    match pair.clone().into_inner().last() {
        Some(last) if skips => last_token_end(&last),
        _ => pair.as_span().end(),
    }
}

fn compare_op(text: &str) -> CompareOp {
    match text {
        "==" => CompareOp::Eq,
        "!=" => CompareOp::Ne,
        "<" => CompareOp::Lt,
        "<=" => CompareOp::Le,
        ">" => CompareOp::Gt,
        ">=" => CompareOp::Ge,
        _ => CompareOp::In,
    }
}

/// Decodes the escapes of a string body the lexical pass has already checked.
fn unescape(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some(other) => out.push(other),
            None => {}
        }
    }
    out
}
