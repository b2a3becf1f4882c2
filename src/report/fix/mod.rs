//! Fixes for broken figures: "60-day returns" against a 30-day window
//! becomes "30-day returns".
//!
//! A fix is offered only where it is unambiguous, that is where the first
//! requirement the promise fails is one bound (`>=`, `<=`, `==`, `>`, `<`)
//! between one capture and one policy value; the policy value converts
//! exactly into the capture's terms (2 weeks are 14 days; business days are
//! never calendar days, and money keeps its currency); the new figure keeps
//! every requirement of the promise (a strict `>` has no single right
//! figure); the number can be replaced in place in the file; and with the
//! new number there, the file's copy reads as before but for the figure (a
//! number is never read as markup). Anything else is [`Unfixable`], with
//! the reason. Two fixes that touch the same bytes are both refused.
//!
//! Only the broken-promise findings a run reports are fixed: a suppressed
//! line or a rule turned off is left as it is. The library works out the
//! fixes and the new text of each file (`edit`); the command line writes
//! and reports them, and a language server can offer the same edits, and
//! the suppression comments of [`suppress`] beside them.

mod edit;
mod number;
pub mod suppress;

pub use edit::{edits, unified_diff, FileEdit};

use crate::analysis::{analyze, Analysis};
use crate::copy::figures::Locale;
use crate::copy::scan::{Said, Scan, ScannedFile};
use crate::copy::{self, Copy, CopyKind};
use crate::finding::codes::BROKEN_PROMISE;
use crate::finding::Finding;
use crate::finding::Outcome;
use crate::load::{CheckError, CheckOptions};
use crate::policy::eval::{describe, evaluate, operand_value, Bindings};
use crate::policy::language::Language;
use crate::policy::model::{Condition, Model, OperandSource, Promise};
use crate::policy::pattern::CaptureType;
use crate::policy::scope::Place;
use crate::policy::syntax::CompareOp;
use crate::policy::value::{Decimal, Truth, Unit, Value};
use crate::rules::broken_promise::{judge_said, Judgement};
use crate::source::{Sources, Span};
use std::collections::HashSet;
use std::ops::Range;
use std::path::{Path, PathBuf};

/// One figure to change in a copy file.
#[derive(Clone, Debug, PartialEq)]
pub struct Fix {
    /// The bytes of the file that change: the figure's number.
    pub range: Span,
    /// The number as the file has it now; `edit` checks it is still there.
    pub original: String,
    pub replacement: String,
    /// The phrase of the broken-promise finding this fixes.
    pub phrase: Span,
    /// The phrase's words before and after the fix: "60-day returns", "30-day returns".
    pub before: String,
    pub after: String,
}

/// A broken promise that is left as it is, and why.
#[derive(Clone, Debug, PartialEq)]
pub struct Unfixable {
    pub phrase: Span,
    pub text: String,
    pub reason: String,
}

/// Every fix of a run, by file and place, and the broken promises that have none.
#[derive(Debug, Default)]
pub struct Fixes {
    pub fixes: Vec<Fix>,
    pub unfixable: Vec<Unfixable>,
}

/// The fixes for the broken-promise `findings` of a run that read `scan`
/// from `sources`.
pub fn fixes(model: &Model, scan: &Scan, sources: &Sources, findings: &[Finding]) -> Fixes {
    let reported: HashSet<Span> = findings
        .iter()
        .filter(|finding| std::ptr::eq(finding.rule, &BROKEN_PROMISE))
        .map(|finding| finding.primary.span)
        .collect();
    let mut all = Fixes::default();
    for file in &scan.files {
        let source = sources.get(file.file);
        let broken = file.said.iter();
        let mut broken = broken
            .filter(|said| !said.negated && reported.contains(&said.span))
            .peekable();
        if broken.peek().is_none() {
            continue;
        }
        let language = Locale::of_file(model, &file.touchpoints, source.path()).language;
        let copy = Reading::of(source.path(), source.text());
        for said in broken {
            let fixed = fix(model, file, said, language)
                .and_then(|fix| copy.changes_only_the_figure(&fix).map(|()| fix));
            match fixed {
                Ok(fix) => all.fixes.push(fix),
                Err(reason) => all.unfixable.push(Unfixable {
                    phrase: said.span,
                    text: said.text.clone(),
                    reason,
                }),
            }
        }
    }
    refuse_overlaps(&mut all);
    all
}

/// What to do where no fix is made because of what the promise needs.
const BY_HAND: &str = "reword them by hand, or change the policy";

/// The fix for one broken promise in copy written in `language`, or why
/// there is none.
fn fix(model: &Model, file: &ScannedFile, said: &Said, language: Language) -> Result<Fix, String> {
    let promise = &model.promises[said.promise];
    let (Judgement::Broken(requirement, _), bindings) = judge_said(model, file, said) else {
        return Err("the promise is not broken after all".to_owned());
    };
    let condition = &requirement.condition;
    // Why no new figure keeps the promise, in the words of the promise file.
    let needs = format!(
        "promise \"{}\" needs `{}`",
        promise.title.value,
        describe(condition, bindings)
    );
    let unsettled = || format!("{needs}, which no one figure settles: {BY_HAND}");
    let no_figure = || {
        format!(
            "{needs}, and no number in these words is part of it, so there is no figure to \
             change: {BY_HAND}"
        )
    };
    let Condition::Compare { left, op, right } = condition else {
        return Err(unsettled());
    };
    if matches!(op, CompareOp::Ne | CompareOp::In) {
        return Err(unsettled());
    }
    let (capture, name, kind, policy) = match (&left.source, &right.source) {
        (OperandSource::Capture { name, kind, .. }, OperandSource::Policy { .. }) => {
            (left, name, *kind, right)
        }
        (OperandSource::Policy { .. }, OperandSource::Capture { name, kind, .. }) => {
            (right, name, *kind, left)
        }
        _ => return Err(no_figure()),
    };
    // The policy's value where the promise is made: its scope's, if any.
    let policy = &operand_value(policy, bindings)?;
    let index = said
        .captures
        .iter()
        .position(|(bound, _)| bound == name)
        .ok_or_else(no_figure)?;
    // A range or a contract's "thirty (30)" states its figure twice: no
    // one new number keeps both.
    let mut numbers = said.figures.iter().filter(|figure| figure.capture == index);
    let figure = match (numbers.next(), numbers.next()) {
        (Some(figure), None) => figure,
        (Some(_), Some(_)) => {
            return Err(format!(
                "\"{}\" states {name} as more than one number",
                said.text
            ))
        }
        (None, _) => return Err(no_figure()),
    };
    if !figure.in_place {
        return Err(format!(
            "\"{}\" has markup or an entity inside it",
            figure.text
        ));
    }
    let stated = operand_value(capture, bindings)?;
    let amount = in_terms_of(policy, &stated)?;
    let old = amount_of(&stated);
    if kind == CaptureType::Duration && (old == Some(Decimal::ONE)) != (amount == Decimal::ONE) {
        return Err(format!(
            "{policy} would need the unit after \"{}\" changed",
            figure.text
        ));
    }
    let replacement = number::write(amount, &figure.text, kind == CaptureType::Money)?;
    in_words_of(language, &figure.text, &replacement)?;
    keeps_every_requirement(promise, said, bindings.place, (index, &replacement, amount))?;
    let mut after = said.text.clone();
    after.replace_range(figure.in_phrase.clone(), &replacement);
    Ok(Fix {
        range: figure.span,
        original: figure.text.clone(),
        replacement,
        phrase: said.span,
        before: said.text.clone(),
        after,
    })
}

/// A copy file's text and its copy, which a fix must leave as they read
/// but for the figure.
struct Reading<'t> {
    kind: CopyKind,
    text: &'t str,
    copy: Option<Copy>,
}

impl<'t> Reading<'t> {
    fn of(path: &Path, text: &'t str) -> Reading<'t> {
        let kind = CopyKind::of(path);
        let copy = copy::extract(kind, text).ok();
        Reading { kind, text, copy }
    }

    /// Refuses a fix after which the copy would read otherwise than with
    /// only its figure changed: where the new number would be read as
    /// markup (a `1.` that starts a Markdown list), say.
    fn changes_only_the_figure(&self, fix: &Fix) -> Result<(), String> {
        let mut fixed = self.text.to_owned();
        fixed.replace_range(fix.range.start..fix.range.end, &fix.replacement);
        let after = copy::extract(self.kind, &fixed).ok();
        let (Some(before), Some(after)) = (&self.copy, after) else {
            return Err("the file no longer reads as copy".to_owned());
        };
        let original = fix.original.as_str();
        let figure = fix.range.start..fix.range.end;
        let only_the_figure = before.text.match_indices(original).any(|(at, _)| {
            let end = at + original.len();
            before.original_range(at..end) == figure
                && after.text.len() + original.len() == before.text.len() + fix.replacement.len()
                && after.text.starts_with(&before.text[..at])
                && after.text[at..].starts_with(&fix.replacement)
                && after.text.ends_with(&before.text[end..])
        });
        if only_the_figure {
            Ok(())
        } else {
            Err(format!(
                "with \"{}\" in place of \"{original}\" the words around it would read otherwise; fix it by hand",
                fix.replacement
            ))
        }
    }
}

/// Refuses a fix that would write an English figure into copy in another
/// language: number words are written back in English only, and `.` and
/// `,` swap roles there (`1.000,00`). Plain digits are the same in every
/// language.
fn in_words_of(language: Language, written: &str, replacement: &str) -> Result<(), String> {
    let plain = |number: &str| number.chars().all(|c| c.is_ascii_digit());
    if language == Language::English || (plain(written) && plain(replacement)) {
        return Ok(());
    }
    let name = match language {
        Language::English => "English",
        Language::French => "French",
        Language::German => "German",
        Language::Italian => "Italian",
        Language::Spanish => "Spanish",
    };
    Err(format!(
        "\"{written}\" is written in {name}; fix it by hand"
    ))
}

/// The policy value as an amount in the terms of the figure copy states:
/// days for days, dollars for dollars.
fn in_terms_of(policy: &Value, stated: &Value) -> Result<Decimal, String> {
    let cannot = || format!("{policy} cannot be written as \"{stated}\" is");
    match (policy, stated) {
        (_, Value::Range(..)) => Err(format!(
            "\"{stated}\" is a range: which end to change is for a person to say"
        )),
        (Value::Number(amount), Value::Number(_)) | (Value::Percent(amount), Value::Percent(_)) => {
            Ok(*amount)
        }
        (
            Value::Money { amount, currency },
            Value::Money {
                currency: stated, ..
            },
        ) if currency == stated => Ok(*amount),
        (Value::Duration { amount, unit }, Value::Duration { unit: to, .. }) => {
            convert(*amount, *unit, *to).ok_or_else(|| match (unit, to) {
                (Unit::BusinessDay, _) | (_, Unit::BusinessDay) => format!(
                    "{policy} is not an exact number of {}: business days and calendar days do not convert",
                    to_plural(*to)
                ),
                _ if unit.clock() != to.clock() => format!(
                    "{policy} is not an exact number of {}: a month is 28 to 31 days and a year 365 to 366",
                    to_plural(*to)
                ),
                _ => cannot(),
            })
        }
        _ => Err(cannot()),
    }
}

/// `amount` of `from` in `to`, where the two convert exactly: `None` where
/// they do not (business days, months against days) or where the amount in
/// `to` has more decimals than a [`Decimal`] holds (90 minutes are 1.5 hours,
/// 1 minute is no exact number of hours).
fn convert(amount: Decimal, from: Unit, to: Unit) -> Option<Decimal> {
    if from == to {
        return Some(amount);
    }
    // Minutes for minutes, hours, days and weeks; months for months and years.
    let base = |unit| match unit {
        Unit::Minute | Unit::Month => Some(Decimal::ONE),
        Unit::Hour => Some(Decimal::from(60)),
        Unit::Day => Some(Decimal::from(24 * 60)),
        Unit::Week => Some(Decimal::from(7 * 24 * 60)),
        Unit::Year => Some(Decimal::from(12)),
        Unit::BusinessDay => None,
    };
    (from.clock() == to.clock()).then_some(())?;
    let (from, to) = (base(from)?, base(to)?);
    let scaled = amount.checked_mul(from)?;
    // Dividing can round; the quotient counts only if it multiplies back.
    let converted = scaled.checked_div(to)?;
    (converted.checked_mul(to) == Some(scaled)).then_some(converted)
}

fn to_plural(unit: Unit) -> String {
    Value::Duration {
        amount: Decimal::TWO,
        unit,
    }
    .to_string()
    .trim_start_matches("2 ")
    .to_owned()
}

fn amount_of(value: &Value) -> Option<Decimal> {
    match value {
        Value::Number(n) | Value::Percent(n) => Some(*n),
        Value::Money { amount, .. } | Value::Duration { amount, .. } => Some(*amount),
        _ => None,
    }
}

/// Checks that the promise holds with the new figure (capture `index`
/// becomes `amount`, written `replacement`) in every requirement, not only
/// the one that failed, at the place it was judged.
fn keeps_every_requirement(
    promise: &Promise,
    said: &Said,
    place: Place,
    (index, replacement, amount): (usize, &str, Decimal),
) -> Result<(), String> {
    let mut captures = said.captures.clone();
    captures[index].1 = captures[index].1.with_amount(amount);
    match promise
        .requirements
        .iter()
        .find(|r| evaluate(&r.condition, Bindings::at(&captures, place)) != Ok(Truth::True))
    {
        None => Ok(()),
        Some(requirement) => Err(format!(
            "with \"{replacement}\" the promise would still need `{}`",
            describe(&requirement.condition, Bindings::at(&captures, place))
        )),
    }
}

/// Refuses every fix whose bytes overlap another's, and keeps the fixes in
/// file order.
fn refuse_overlaps(all: &mut Fixes) {
    all.fixes.sort_by_key(|fix| fix.range);
    let overlaps = |a: &Range<usize>, b: &Range<usize>| a.start < b.end && b.start < a.end;
    let range = |fix: &Fix| fix.range.start..fix.range.end;
    let clashing: Vec<bool> = all
        .fixes
        .iter()
        .enumerate()
        .map(|(i, fix)| {
            all.fixes.iter().enumerate().any(|(j, other)| {
                i != j && other.range.file == fix.range.file && overlaps(&range(fix), &range(other))
            })
        })
        .collect();
    let mut kept = Vec::new();
    for (fix, clashes) in std::mem::take(&mut all.fixes).into_iter().zip(clashing) {
        if clashes {
            all.unfixable.push(Unfixable {
                phrase: fix.phrase,
                text: fix.before,
                reason: "another fix changes the same words".to_owned(),
            });
        } else {
            kept.push(fix);
        }
    }
    all.fixes = kept;
    all.unfixable.sort_by_key(|unfixable| unfixable.phrase);
}

/// [`crate::check_with`], and the fixes for the broken figures it reports (none
/// when there are input errors): what `promiselint check --fix` applies.
pub fn check_and_fix(
    paths: &[PathBuf],
    options: &CheckOptions,
) -> Result<(Outcome, Fixes), CheckError> {
    let analysis = analyze(paths, options)?;
    let fixes = for_analysis(&analysis);
    Ok((analysis.outcome, fixes))
}

/// The fixes for the broken figures `analysis` reports; none when the copy
/// was not checked.
pub fn for_analysis(analysis: &Analysis) -> Fixes {
    analysis.scan.as_ref().map_or_else(Fixes::default, |scan| {
        fixes(
            &analysis.model,
            scan,
            &analysis.outcome.sources,
            &analysis.outcome.findings,
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::value::exact;
    use crate::policy::value::Currency;

    fn days(amount: f64) -> Value {
        Value::Duration {
            amount: exact(amount),
            unit: Unit::Day,
        }
    }

    #[test]
    fn policy_values_convert_only_exactly_into_the_copys_terms() {
        let weeks = Value::Duration {
            amount: exact(2.0),
            unit: Unit::Week,
        };
        assert_eq!(in_terms_of(&weeks, &days(21.0)), Ok(exact(14.0)));
        let hours = Value::Duration {
            amount: exact(36.0),
            unit: Unit::Hour,
        };
        assert_eq!(in_terms_of(&hours, &days(2.0)), Ok(exact(1.5)));
        let business = Value::Duration {
            amount: exact(7.0),
            unit: Unit::BusinessDay,
        };
        let refused = in_terms_of(&business, &days(3.0)).unwrap_err();
        assert!(
            refused.contains("business days and calendar days"),
            "{refused}"
        );
        let dollars = |amount| Value::Money {
            amount: exact(amount),
            currency: Currency::from_sign('$').unwrap(),
        };
        assert_eq!(in_terms_of(&dollars(50.0), &dollars(25.0)), Ok(exact(50.0)));
        let euros = Value::Money {
            amount: exact(20.0),
            currency: Currency::from_sign('€').unwrap(),
        };
        assert!(in_terms_of(&euros, &dollars(25.0)).is_err());
        assert!(in_terms_of(&Value::Unlimited, &days(3.0)).is_err());
    }

    #[test]
    fn no_english_figure_is_written_into_copy_in_another_language() {
        assert_eq!(
            in_words_of(Language::English, "forty-five", "thirty"),
            Ok(())
        );
        assert_eq!(in_words_of(Language::French, "45", "30"), Ok(()));
        assert_eq!(
            in_words_of(Language::French, "quarante-cinq", "thirty"),
            Err("\"quarante-cinq\" is written in French; fix it by hand".to_owned())
        );
        assert_eq!(
            in_words_of(Language::German, "1.000,00", "1,500.00"),
            Err("\"1.000,00\" is written in German; fix it by hand".to_owned())
        );
        // Digits that would need a decimal mark in the copy's language.
        assert!(in_words_of(Language::Italian, "4", "4.50").is_err());
    }
}
