//! `inconsistent-claim`: one promise stated with different figures in different places.

use super::Context;
use crate::finding::codes::INCONSISTENT_CLAIM;
declare_rule! {
    /// Two places state different figures for the same promise.
    ///
    /// ## What it does
    /// Collects every figure the copy gives a templated promise ("{n}-day
    /// returns") across all touchpoints and, when they disagree, asks the
    /// policy which of them it backs; how many places say each figure never
    /// decides. A place whose figure the policy does not back is a
    /// `broken-promise`, which says what the policy backs: one problem, one
    /// finding, so this rule never reports it. It reports the places nothing
    /// else does:
    ///
    /// - **The policy backs every figure.** Every place is reported, each
    ///   with a label at a place of every other figure: the customer still
    ///   reads two promises, and the policy cannot say which one is meant.
    /// - **The policy cannot check a figure** (a requirement it cannot
    ///   evaluate with it). Its places are reported, each with a label at a
    ///   place of every figure the policy backs, or of every other figure
    ///   when it backs none.
    ///
    /// A place with a figure the policy backs is never reported when some
    /// figure is not backed: one right page among three wrong ones is the
    /// page the others should follow. If the policy backs two of the
    /// figures, their disagreement is reported once the others are fixed.
    ///
    /// Figures compare by value: "thirty-day" and "30-day" agree, "2 weeks"
    /// and "14 days" too, and a range ("3–5 days") agrees only with the same
    /// range. Figures that cannot be compared are not: money in different
    /// currencies ("€30" and "$30"), durations in months or years against
    /// durations in days, times of day in different time zones, figures of
    /// different kinds.
    ///
    /// A place is held only against places in other files. One page that
    /// gives a promise several figures is telling cases apart that the
    /// promise cannot (membership tiers, bulky and pallet orders, the legal
    /// and the commercial withdrawal); where it contradicts itself, the
    /// figure the policy does not back is a `broken-promise` already. Places
    /// in different scopes (touchpoints whose `region`, `currency`,
    /// `language` or `tags` differ) or in different rows of a table are not
    /// held against each other either.
    ///
    /// A finding's message names two other figures and counts the rest, and
    /// it labels at most eight, so that copy with many figures stays
    /// readable. A label stands at a place in another file and counts every
    /// place that states its figure ("here and in 2 other places").
    ///
    /// ## Why is this bad?
    /// A customer who read "30-day returns" on the site and "14-day returns"
    /// in an email believes the better one, and is let down by the other.
    ///
    /// ## Example
    /// With `window = 30 days`, `site/index.md` says "30-day returns" and
    /// `emails/order.html` "14-day returns": the policy backs both, so both
    /// places are reported, each pointing at the other. Had the email said
    /// "60-day returns", it would be a `broken-promise` alone, and this rule
    /// would report nothing.
    ///
    /// ## How to fix
    /// Say a figure the policy backs, the same one everywhere; the labels
    /// show where the copy already says it. When the policy backs several,
    /// choose the one the company means to keep.
    pub static DOC = INCONSISTENT_CLAIM;
}

use super::broken_promise::{judge_in, Judgement};
use crate::copy::scan::{Said, Scan, ScannedFile};
use crate::finding::{Finding, Label};
use crate::policy::model::{Model, Promise};
use crate::policy::scope::Properties;
use crate::policy::syntax::CompareOp;
use crate::policy::value::{compare, least_amount, Decimal, Kind, Truth, Value, Zone};
use crate::source::{FileId, Sources};
use crate::work::{self, Step};
use rayon::prelude::*;
use std::collections::HashMap;
use std::hash::Hash;

/// The most other figures one finding labels. Copy with hundreds of figures for one promise would otherwise give every
/// place hundreds of labels, and the findings would grow with the square of
/// the figures.
const MOST_LABELLED: usize = 8;

/// The most other figures one message names in words; the labels show more.
const MOST_NAMED: usize = 2;

pub fn check(cx: &Context, findings: &mut Vec<Finding>) {
    let (Some(scan), model, sources) = (cx.scan, cx.model, cx.sources) else {
        return;
    };
    let disputes: Vec<Dispute> = disagreements(model, scan)
        .into_iter()
        .map(|disagreement| Dispute::of(model, disagreement))
        .collect();
    // Copy with many figures gives thousands: made in parallel.
    let found: Vec<Finding> = disputes
        .par_iter()
        .flat_map_iter(|dispute| dispute.findings(sources))
        .collect();
    findings.extend(found);
}

/// Places that make one promise to the same customers with figures that can
/// be compared, and state more than one figure: what this rule judges, and
/// what the audit shows side by side.
pub struct Disagreement<'s> {
    scope: Scope<'s>,
    /// The places grouped by the figure they state, in the order first
    /// seen; two groups at least.
    pub figures: Vec<Vec<&'s Said>>,
}

impl Disagreement<'_> {
    /// The promise the places make, as an index into [`Model::promises`].
    pub fn promise(&self) -> usize {
        self.scope.promise
    }
}

/// Every disagreement in the copy, in one pass over its places.
pub fn disagreements<'s>(model: &'s Model, scan: &'s Scan) -> Vec<Disagreement<'s>> {
    let mut scopes: Vec<(Scope, Vec<&Said>)> = Vec::new();
    // The scopes of each promise and row; the few sets of properties among
    // them are told apart by comparison.
    let mut by_row: HashMap<(usize, Option<&str>), Vec<usize>> = HashMap::new();
    for file in &scan.files {
        for said in &file.said {
            if said.negated || said.captures.is_empty() {
                continue;
            }
            let scope = Scope::of(model, file, said);
            // One step for the lookup, one for each scope compared.
            work::count(Step::Comparison, 1);
            let known = by_row.entry((scope.promise, scope.row)).or_default();
            match known.iter().find(|&&i| {
                work::count(Step::Comparison, 1);
                scopes[i].0 == scope
            }) {
                Some(&i) => scopes[i].1.push(said),
                None => {
                    known.push(scopes.len());
                    scopes.push((scope, vec![said]));
                }
            }
        }
    }
    scopes
        .into_iter()
        .flat_map(|(scope, places)| {
            comparable_sets(places)
                .into_iter()
                .map(move |set| Disagreement {
                    scope: scope.clone(),
                    figures: by_figure(set),
                })
        })
        .filter(|disagreement| disagreement.figures.len() > 1)
        .collect()
}

/// Where places make one promise to the same customers, so that their
/// figures are held against each other: the promise, the row of the table
/// they stand in, and the properties (region, currency, language, tags) of
/// the touchpoints whose copy they are in. Places on a Canadian page and a
/// US page, or in the rows "Frames" and "Wheels", make different promises.
#[derive(Clone)]
struct Scope<'s> {
    promise: usize,
    row: Option<&'s str>,
    properties: Vec<&'s Properties>,
    /// The touchpoints of the first place, to judge figures in.
    touchpoints: &'s [usize],
}

/// Two places are in one scope whatever touchpoints they are in, if those
/// have the same properties.
impl PartialEq for Scope<'_> {
    fn eq(&self, other: &Self) -> bool {
        (self.promise, self.row, &self.properties) == (other.promise, other.row, &other.properties)
    }
}

impl<'s> Scope<'s> {
    fn of(model: &'s Model, file: &'s ScannedFile, said: &'s Said) -> Scope<'s> {
        Scope {
            promise: said.promise,
            row: said.row.as_deref(),
            properties: file
                .touchpoints
                .iter()
                .map(|&t| &model.touchpoints[t].properties)
                .collect(),
            touchpoints: &file.touchpoints,
        }
    }
}

/// Places grouped by the figure they state, in the order first seen.
fn by_figure<'s>(places: impl IntoIterator<Item = &'s Said>) -> Vec<Vec<&'s Said>> {
    group_by(places, least_amounts, same_figure)
}

/// The least amount of each end of each capture of a place, by capture
/// name: places with the same figure have the same ones.
fn least_amounts(place: &Said) -> Vec<(&str, Option<Decimal>, Option<Decimal>)> {
    let mut amounts: Vec<_> = place
        .captures
        .iter()
        .map(|(name, value)| {
            let (low, high) = (least_amount(value.min()), least_amount(value.max()));
            (name.as_str(), low, high)
        })
        .collect();
    amounts.sort_unstable();
    amounts
}

/// Whether two places' figures can be held against each other at all: the
/// one place that decides it, so that a difference between figures that
/// cannot be compared is never reported as a disagreement.
///
/// Today two places are comparable when each capture has the same measure
/// at both: money in the same currency (€ and $ are different promises, made
/// to different customers), durations on the same clock (months and years
/// against hours, days and weeks do not convert), times of day in the same
/// time zone (or both in none), and otherwise values of the same kind. A
/// range measures as its ends, so "3–5 days" and "5 days" are compared (and
/// disagree).
///
/// Scopes belong here too: places in different regions, on touchpoints with
/// different properties, or in different rows of one table make different
/// promises, and each such test is one more conjunct. Whatever is added must
/// keep this an equivalence (reflexive, symmetric, transitive), because the
/// places are split into sets by comparing each with the first of a set.
pub fn comparable(a: &Said, b: &Said) -> bool {
    a.captures.len() == b.captures.len()
        && a.captures.iter().all(|(name, value)| {
            b.captures
                .iter()
                .any(|(other, theirs)| other == name && measure(value) == measure(theirs))
        })
}

/// What a figure is a quantity of, as far as comparing goes: its kind (which
/// carries a money's currency and a duration's clock), and a time of day's
/// zone. A range is measured by its low end: both ends share one kind.
fn measure(value: &Value) -> (Kind, Option<Zone>) {
    match value {
        Value::Range(low, _) => measure(low),
        Value::Time { zone, .. } => (Kind::Time, *zone),
        other => (other.kind(), None),
    }
}

/// Whether two places give every capture the same value.
fn same_figure(a: &Said, b: &Said) -> bool {
    a.captures.len() == b.captures.len()
        && a.captures.iter().all(|(name, value)| {
            b.captures
                .iter()
                .any(|(other, theirs)| other == name && same_value(value, theirs))
        })
}

/// Whether two figures are the same amount, whatever their spelling: "2
/// weeks" is "14 days". A range is the same only as a range with the same
/// ends; values that cannot be compared are not the same.
fn same_value(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Range(a_low, a_high), Value::Range(b_low, b_high)) => {
            same_value(a_low, b_low) && same_value(a_high, b_high)
        }
        (Value::Range(..), _) | (_, Value::Range(..)) => false,
        // Most places state a figure the same way: compare by value only
        // when they do not.
        _ => a == b || compare(a, CompareOp::Eq, b) == Ok(Truth::True),
    }
}

/// `items` in groups of those `same` holds for with the first of the group,
/// in the order first seen. An item is compared only with the groups in
/// its bucket (`bucket` gives any two items `same` holds for the same one),
/// so that items in many groups are grouped in steps proportional to their
/// number, not to its square.
fn group_by<'s, K: Hash + Eq>(
    items: impl IntoIterator<Item = &'s Said>,
    bucket: impl Fn(&'s Said) -> K,
    same: fn(&Said, &Said) -> bool,
) -> Vec<Vec<&'s Said>> {
    let mut groups: Vec<Vec<&Said>> = Vec::new();
    let mut buckets: HashMap<K, Vec<usize>> = HashMap::new();
    for item in items {
        work::count(Step::Comparison, 1);
        let known = buckets.entry(bucket(item)).or_default();
        match known.iter().find(|&&group| {
            work::count(Step::Comparison, 1);
            same(groups[group][0], item)
        }) {
            Some(&group) => groups[group].push(item),
            None => {
                known.push(groups.len());
                groups.push(vec![item]);
            }
        }
    }
    groups
}

/// The places of one promise in sets whose figures can be compared.
fn comparable_sets(places: Vec<&Said>) -> Vec<Vec<&Said>> {
    group_by(places, |place| place.captures.len(), comparable)
}

/// What the policy says of one figure.
#[derive(Clone, Copy, PartialEq)]
enum Backing {
    /// Every requirement holds with it.
    Backed,
    /// A requirement fails with it, or holds only on some calendars.
    Refuted,
    /// A requirement cannot be checked with it (a price in a currency the
    /// policy does not use).
    Unchecked,
}

/// The figures the policy backs, if that tells the places apart.
#[derive(Clone, Copy, PartialEq)]
enum Verdict {
    /// It backs some and not others: the others are to blame.
    Decides,
    /// It backs every figure: it cannot say which one is meant.
    BacksAll,
    /// It backs none of them.
    BacksNone,
    /// It can check none of them.
    ChecksNone,
}

/// Comparable places of one promise that state different figures.
struct Dispute<'s> {
    promise: &'s Promise,
    /// Places by figure, each with whether the policy backs it; the figures
    /// said in most places first, then in the order first seen.
    figures: Vec<(Vec<&'s Said>, Backing)>,
    verdict: Verdict,
}

impl<'s> Dispute<'s> {
    /// The dispute of a disagreement: which of its figures the policy backs.
    fn of(model: &'s Model, disagreement: Disagreement<'s>) -> Dispute<'s> {
        let scope = &disagreement.scope;
        let promise = &model.promises[scope.promise];
        // One evaluation per figure, not per place: they all say the same.
        let mut figures: Vec<(Vec<&Said>, Backing)> = disagreement
            .figures
            .into_iter()
            .map(|group| {
                let stated = (scope.touchpoints, scope.row);
                let backing = match judge_in(model, promise, stated, &group[0].captures).0 {
                    Judgement::Kept => Backing::Backed,
                    Judgement::Unchecked(..) => Backing::Unchecked,
                    Judgement::Broken(..) => Backing::Refuted,
                };
                (group, backing)
            })
            .collect();
        figures.sort_by_key(|(group, _)| std::cmp::Reverse(group.len()));
        let count = |backing| figures.iter().filter(|(_, b)| *b == backing).count();
        let verdict = if count(Backing::Backed) == figures.len() {
            Verdict::BacksAll
        } else if count(Backing::Unchecked) == figures.len() {
            Verdict::ChecksNone
        } else if count(Backing::Backed) == 0 {
            Verdict::BacksNone
        } else {
            Verdict::Decides
        };
        Dispute {
            promise,
            figures,
            verdict,
        }
    }

    /// Whether places with a figure of this backing are not to blame: the
    /// ones the policy backs, when it decides.
    fn spares(&self, backing: Backing) -> bool {
        self.verdict == Verdict::Decides && backing == Backing::Backed
    }

    /// Whether places with a figure of this backing get a finding here: not
    /// those spared, and not those the policy refutes, which `broken-promise`
    /// reports already, with the figure the policy backs.
    fn blames(&self, backing: Backing) -> bool {
        !self.spares(backing) && backing != Backing::Refuted
    }

    /// A finding at every place to blame.
    fn findings(&self, sources: &Sources) -> Vec<Finding> {
        // What a place is held against: the backed figures when the policy
        // decides, every other figure when it does not.
        let held = (0..self.figures.len()).filter(|&figure| {
            self.verdict != Verdict::Decides || self.spares(self.figures[figure].1)
        });
        let against = Against::new(&self.figures, held);
        self.figures
            .iter()
            .enumerate()
            .filter(|(_, (_, backing))| self.blames(*backing))
            .flat_map(|(at, (group, _))| {
                let against = &against;
                group.iter().filter_map(move |place| {
                    let (shown, count) = against.elsewhere(at, place.span.file);
                    (count > 0).then(|| self.finding(place, &shown, count, sources))
                })
            })
            .collect()
    }

    /// The finding at `place`, held against `count` figures; `against` are
    /// the first of them, as many as are labelled.
    fn finding(
        &self,
        place: &Said,
        against: &[Stated],
        count: usize,
        sources: &Sources,
    ) -> Finding {
        let named: Vec<String> = against
            .iter()
            .take(MOST_NAMED)
            .map(|figure| stated(figure, sources))
            .collect();
        let others = join_and(&named, count - named.len());
        // "both" or "them all", as many figures as there are.
        let of_them = |two: &str, more: &str| if count == 1 { two } else { more }.to_owned();
        let (backs, verdict, hint) = match self.verdict {
            Verdict::Decides => (
                ", which the policy backs",
                String::new(),
                match (count, against) {
                    (1, [only]) => {
                        format!("say \"{}\" here too: the policy backs it", only.at.text)
                    }
                    _ => "say here a figure the policy backs, the same one everywhere".to_owned(),
                },
            ),
            Verdict::BacksAll => (
                "",
                format!(", and the policy backs {}", of_them("both", "them all")),
                "choose one of these figures and say it everywhere".to_owned(),
            ),
            Verdict::BacksNone => (
                "",
                format!(
                    ", and the policy backs {}",
                    of_them("neither", "none of them")
                ),
                "say the figure the policy backs everywhere, or change the policy".to_owned(),
            ),
            Verdict::ChecksNone => (
                "",
                format!(
                    ", and the policy can check {}",
                    of_them("neither", "none of them")
                ),
                "say one figure everywhere".to_owned(),
            ),
        };
        let title = &self.promise.title.value;
        let mut finding = Finding::hinted(
            &INCONSISTENT_CLAIM,
            place.span,
            match self.verdict {
                Verdict::Decides => format!(
                    "{}: the policy does not back this figure",
                    self.figure(place)
                ),
                _ => format!("{} here", self.figure(place)),
            },
            format!(
                "\"{}\" here, but {others}{backs}: the copy gives promise \"{title}\" different figures{verdict}",
                place.text
            ),
            hint,
        );
        finding.related = against
            .iter()
            .take(MOST_LABELLED)
            .map(|figure| {
                let backed = match self.verdict {
                    Verdict::Decides => ": the policy backs this figure",
                    _ => "",
                };
                let also = match figure.places {
                    1 => String::new(),
                    2 => " and in 1 other place".to_owned(),
                    n => format!(" and in {} other places", n - 1),
                };
                let words = self.figure(figure.at);
                Label::new(figure.at.span, format!("{words} here{also}{backed}"))
            })
            .collect();
        finding
    }

    /// The figures of a place in the promise's title: "{n}-day returns"
    /// and 30 make "30-day returns"; the figures alone when the title names
    /// none of them.
    fn figure(&self, place: &Said) -> String {
        match titled(&self.promise.title.value, place) {
            Some(filled) => format!("\"{filled}\""),
            None => figure(place),
        }
    }
}

/// The figures places are held against, each only where it is said in
/// another file than the place: for a place, the first few and how many,
/// in steps that do not grow with the number of figures.
struct Against<'s> {
    held: Vec<Held<'s>>,
    /// For each figure held, the next one that is not said only in the same
    /// file: a place in that file skips the run in one step.
    run_end: Vec<usize>,
    /// How many figures held are said only in each file.
    only_in: HashMap<FileId, usize>,
    /// Where each figure of the dispute is among those held.
    position: Vec<Option<usize>>,
}

/// A figure places are held against.
struct Held<'s> {
    figure: usize,
    places: &'s [&'s Said],
    /// The file all its places are in, if they are in one.
    only_in: Option<FileId>,
    /// Its first place in another file than its first place's.
    other: Option<&'s Said>,
}

impl<'s> Against<'s> {
    /// The figures `held`, as indexes into `figures`.
    fn new(figures: &'s [(Vec<&'s Said>, Backing)], held: impl Iterator<Item = usize>) -> Self {
        let mut position = vec![None; figures.len()];
        let held: Vec<Held> = held
            .enumerate()
            .map(|(at, figure)| {
                position[figure] = Some(at);
                let places = figures[figure].0.as_slice();
                let file = places[0].span.file;
                let other = places.iter().copied().find(|p| p.span.file != file);
                Held {
                    figure,
                    places,
                    only_in: other.is_none().then_some(file),
                    other,
                }
            })
            .collect();
        let mut run_end = vec![held.len(); held.len()];
        for at in (0..held.len().saturating_sub(1)).rev() {
            let same_file = held[at].only_in.is_some() && held[at].only_in == held[at + 1].only_in;
            run_end[at] = if same_file { run_end[at + 1] } else { at + 1 };
        }
        let mut only_in: HashMap<FileId, usize> = HashMap::new();
        for file in held.iter().filter_map(|held| held.only_in) {
            *only_in.entry(file).or_default() += 1;
        }
        Against {
            held,
            run_end,
            only_in,
            position,
        }
    }

    /// What a place of figure `at` in `file` is held against: the first
    /// figures said in other files, each at its first place there, as many
    /// as are labelled; and how many are.
    fn elsewhere(&self, at: usize, file: FileId) -> (Vec<Stated<'s>>, usize) {
        let mut count = self.held.len() - self.only_in.get(&file).copied().unwrap_or(0);
        let own = self.position[at].map(|own| &self.held[own]);
        if own.is_some_and(|own| own.only_in != Some(file)) {
            count -= 1;
        }
        let mut shown = Vec::new();
        let mut next = 0;
        while next < self.held.len() && shown.len() < MOST_LABELLED {
            work::count(Step::Comparison, 1);
            let held = &self.held[next];
            if held.only_in == Some(file) {
                next = self.run_end[next];
                continue;
            }
            next += 1;
            if held.figure == at {
                continue;
            }
            let first = held.places[0];
            shown.push(Stated {
                at: if first.span.file != file {
                    first
                } else {
                    held.other
                        .expect("a figure not said only here is said elsewhere")
                },
                places: held.places.len(),
            });
        }
        (shown, count)
    }
}

/// A figure a place is held against: the place in another file it is
/// shown at, and how many places state it in all.
struct Stated<'s> {
    at: &'s Said,
    places: usize,
}

/// Where a figure is stated, for a message: "\"30-day returns\" in
/// site/index.md (and 2 other places)". No line number: a message stays the
/// same when lines are inserted above (what SARIF results and baselines are
/// matched by).
fn stated(figure: &Stated, sources: &Sources) -> String {
    let path = sources.get(figure.at.span.file).display_path();
    let also = match figure.places {
        1 => String::new(),
        2 => " (and 1 other place)".to_owned(),
        n => format!(" (and {} other places)", n - 1),
    };
    format!("\"{}\" in {path}{also}", figure.at.text)
}

/// "a, b and 3 other figures".
fn join_and(named: &[String], unnamed: usize) -> String {
    let mut items = named.to_vec();
    match unnamed {
        0 => {}
        1 => items.push("1 other figure".to_owned()),
        n => items.push(format!("{n} other figures")),
    }
    match items.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// A promise's title with a place's figures in it ("{n}-day returns" and 30
/// make "30-day returns"); `None` when the title names no capture.
pub fn titled(title: &str, place: &Said) -> Option<String> {
    let mut filled = title.to_owned();
    for (name, value) in &place.captures {
        filled = filled.replace(&format!("{{{name}}}"), &value.to_string());
    }
    (filled != title).then_some(filled)
}

/// The figures a place states, as the policy would write them: "30 days",
/// "$50 and 2 days".
pub fn figure(place: &Said) -> String {
    let values: Vec<String> = place
        .captures
        .iter()
        .rev()
        .map(|(_, value)| value.to_string())
        .collect();
    values.join(" and ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::value::exact;
    use crate::policy::value::{Currency, Unit};
    use crate::source::Span;

    fn days(amount: f64) -> Value {
        Value::Duration {
            amount: exact(amount),
            unit: Unit::Day,
        }
    }

    fn range(low: Value, high: Value) -> Value {
        Value::Range(Box::new(low), Box::new(high))
    }

    fn money(amount: f64, code: &str) -> Value {
        Value::Money {
            amount: exact(amount),
            currency: Currency::from_code(code).unwrap(),
        }
    }

    /// A place that gives capture `d` the figure `value`.
    fn said(value: Value) -> Said {
        let file = crate::source::Sources::default().add("copy.md".into(), "copy");
        Said {
            promise: 0,
            span: Span::new(file, 0, 4),
            line: 1,
            text: "copy".to_owned(),
            in_copy: 0..4,
            captures: vec![("d".to_owned(), value)],
            figures: Vec::new(),
            negated: false,
            qualified: None,
            row: None,
        }
    }

    #[test]
    fn the_same_duration_in_other_units_is_the_same_figure() {
        let weeks = Value::Duration {
            amount: exact(2.0),
            unit: Unit::Week,
        };
        assert!(same_value(&weeks, &days(14.0)));
        assert!(!same_value(&weeks, &days(15.0)));
    }

    #[test]
    fn a_range_is_the_same_only_as_the_same_range() {
        let three_to_five = range(days(3.0), days(5.0));
        assert!(same_value(&three_to_five, &range(days(3.0), days(5.0))));
        assert!(!same_value(&three_to_five, &range(days(3.0), days(7.0))));
        assert!(!same_value(&three_to_five, &range(days(1.0), days(5.0))));
        assert!(!same_value(&three_to_five, &days(5.0)));
        assert!(!same_value(&days(5.0), &three_to_five));
    }

    #[test]
    fn a_range_is_compared_with_single_figures_of_its_kind() {
        let three_to_five = said(range(days(3.0), days(5.0)));
        assert!(comparable(&three_to_five, &said(days(5.0))));
        assert!(!same_figure(&three_to_five, &said(days(5.0))));
        let months = Value::Duration {
            amount: exact(1.0),
            unit: Unit::Month,
        };
        assert!(!comparable(&three_to_five, &said(months)));
    }

    #[test]
    fn money_in_other_currencies_is_not_compared() {
        let dollars = said(money(50.0, "USD"));
        assert!(comparable(&dollars, &said(money(45.0, "USD"))));
        assert!(!comparable(&dollars, &said(money(50.0, "EUR"))));
        assert!(!comparable(&dollars, &said(money(65.0, "CAD"))));
        assert!(!comparable(
            &dollars,
            &said(range(money(40.0, "EUR"), money(50.0, "EUR")))
        ));
    }

    #[test]
    fn times_of_day_in_other_zones_are_not_compared() {
        let time = |zone: Option<&str>| Value::Time {
            minutes: 14 * 60,
            zone: zone.map(|name| Zone::from_name(name).unwrap()),
        };
        assert!(comparable(
            &said(time(Some("UTC"))),
            &said(time(Some("utc")))
        ));
        assert!(!comparable(&said(time(Some("UTC"))), &said(time(None))));
    }

    #[test]
    fn every_kind_of_value_is_grouped_without_panicking() {
        let values = [
            Value::Number(exact(3.0)),
            Value::Percent(exact(15.0)),
            money(50.0, "GBP"),
            days(30.0),
            range(Value::Number(exact(1.0)), Value::Number(exact(3.0))),
            range(money(1.0, "USD"), money(3.0, "USD")),
            Value::Boolean(true),
            Value::Text("store credit".to_owned()),
            Value::List(vec![Value::Text("phone".to_owned())]),
            Value::List(Vec::new()),
            Value::Unlimited,
            Value::Time {
                minutes: 720,
                zone: None,
            },
        ];
        let places: Vec<Said> = values.iter().cloned().map(said).collect();
        let sets = comparable_sets(places.iter().collect());
        for set in &sets {
            for figures in by_figure(set.iter().copied()) {
                assert!(figures.iter().all(|place| same_figure(figures[0], place)));
            }
        }
        // Each value is its own figure: none is the same as another kind.
        let figures: usize = sets
            .iter()
            .map(|set| by_figure(set.iter().copied()).len())
            .sum();
        assert_eq!(figures, values.len());
    }
}
