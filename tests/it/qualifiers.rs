//! Negation after a phrase and `unless` qualifiers, through the real binary:
//! on fixtures of our own wording under `tests/fixtures/qualifiers/`, and,
//! when `../shared/corpus` is there, on real third-party policies labelled
//! by reading them before the tool was run.

use crate::common::{code, promiselint_in, stdout};
use std::collections::{BTreeSet, HashSet};
use std::fs;
use std::path::{Path, PathBuf};

fn fixture(case: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/qualifiers")
        .join(case)
}

fn check(folder: &Path, format: &str) -> (i32, String) {
    let run = promiselint_in(
        folder,
        &["check", ".", "--format", format, "--color", "never"],
    );
    (code(&run), stdout(&run))
}

/// `file:line` of every finding of `rule_code` in short output.
fn places(short: &str, rule_code: &str) -> Vec<String> {
    let tag = format!("[{rule_code}]");
    short
        .lines()
        .filter(|line| line.contains(&tag))
        .map(|line| line.splitn(3, ':').take(2).collect::<Vec<_>>().join(":"))
        .collect()
}

#[test]
fn negation_after_the_phrase_within_its_clause_takes_it_back() {
    let (exit, short) = check(&fixture("after"), "short");
    assert_eq!(exit, 1, "{short}");
    // Kept: a comma ends the clause, "not just" narrows, "if" opens a
    // condition. Taken back: "will not be possible", "isn't available",
    // "are no longer offered".
    assert_eq!(
        places(&short, "PL102"),
        ["site/help.md:5", "site/help.md:7", "site/help.md:9"],
        "{short}"
    );
    let (_, human) = check(&fixture("after"), "human");
    assert!(
        human.contains("promise \"full refund\" is made nowhere in the copy")
            && human.contains("said here, but under negation"),
        "{human}"
    );
}

#[test]
fn an_unless_phrase_after_the_match_in_its_sentence_takes_it_back() {
    let (exit, short) = check(&fixture("unless"), "short");
    assert_eq!(exit, 1, "{short}");
    // Line 3 ("…, less …"), 7 ("excluding") and 9 ("except") are qualified;
    // 5 has its "Less" in the next sentence; 13 says "less" after a promise
    // with no `unless`.
    assert_eq!(
        places(&short, "PL102"),
        [
            "site/returns.md:5",
            "site/returns.md:11",
            "site/returns.md:13"
        ],
        "{short}"
    );
    assert_eq!(places(&short, "PL202"), ["store.promise:29"], "{short}");
    let (_, human) = check(&fixture("unless"), "human");
    assert!(
        human.contains("said here, but qualified by \"minus\""),
        "{human}"
    );
}

#[test]
fn an_unless_phrase_with_a_capture_is_an_invalid_pattern() {
    let (exit, human) = check(&fixture("invalid"), "human");
    assert_eq!(exit, 2, "{human}");
    assert!(human.contains("PL006 (invalid-pattern)"), "{human}");
    assert!(
        human.contains("an `unless` phrase captures nothing")
            && human.contains("store.promise:7:16"),
        "{human}"
    );
}

#[test]
fn fmt_lays_out_unless_like_says() {
    let folder = tempfile::tempdir().unwrap();
    let messy = "policy p {\n  x = no\n}\npromise \"full refund\" {\nsays \"full refund\"\n    unless   \"less\" ,\"except\"  # qualifiers\nrequires p.x}\n";
    fs::write(folder.path().join("a.promise"), messy).unwrap();
    let run = promiselint_in(folder.path(), &["fmt"]);
    assert_eq!(code(&run), 0, "{}", stdout(&run));
    assert_eq!(
        fs::read_to_string(folder.path().join("a.promise")).unwrap(),
        "policy p {\n  x = no\n}\n\npromise \"full refund\" {\n  says \"full refund\"\n  unless \"less\", \"except\" # qualifiers\n  requires p.x\n}\n"
    );
}

// ---------------------------------------------------------------- corpus

/// What a reader makes of a place where a promise's words appear.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Reading {
    /// The promise is made.
    Kept,
    /// Negation takes it back.
    Negated,
    /// A qualifier after it (`less`, `minus`, `excluding`, `except`) takes it back.
    Qualified,
}

use Reading::{Kept, Negated, Qualified};

/// A place in a corpus file, labelled by reading the text before the tool
/// was run: the file under `../shared/corpus`, the line, the column (in
/// characters) where the words start, the promise, and the reading.
struct Case {
    file: &'static str,
    line: usize,
    column: usize,
    promise: &'static str,
    reading: Reading,
    /// Why the tool reads it otherwise, for a known miss.
    miss: Option<&'static str>,
}

const fn case(
    file: &'static str,
    line: usize,
    column: usize,
    promise: &'static str,
    reading: Reading,
) -> Case {
    Case {
        file,
        line,
        column,
        promise,
        reading,
        miss: None,
    }
}

/// A place the tool is known to read otherwise, and why.
const fn missed(case: Case, why: &'static str) -> Case {
    Case {
        miss: Some(why),
        ..case
    }
}

const MS: &str = "policies/tosback__Microsoftstore__Terms_of_Service.md";
const JUKEBOX: &str = "policies/tosback__Jukebox_Print__Terms_of_Service.md";
const COURSERA: &str = "policies/ota-contrib__Coursera__Terms_of_Service.md";
const IKEA: &str = "policies/ota-contrib__Ikea__Terms_of_Service.md";
const DELIVEROO: &str = "policies/ota-contrib__Deliveroo__Terms_of_Service.md";
const BOOKING: &str = "policies/ota-contrib__Booking.com__Terms_of_Service.md";
const STARLINK: &str = "policies/ota-contrib__Starlink__Terms_of_Service.md";
const VINTED: &str = "policies/ota-contrib__Vinted__Terms_of_Service.md";
const PLAYSTATION: &str = "policies/ota-contrib__PlayStation_Network__Terms_of_Service.md";
const INSTACART: &str = "policies/ota-contrib__Instacart__Terms_of_Service.md";
const DROP: &str = "policies/tosback__Drop__Terms_of_Service.md";
const AIRLINE: &str = "dialogues/tau2bench_airline_policy.md";
const NORDVPN: &str = "policies/ota-contrib__NordVPN__Terms_of_Service.md";
const EPRICE: &str = "policies-intl/ota-p2b__ePRICE__Marketplace_Sellers_Conditions.md";

/// The labelled places. Each promise (field name) stands for its phrases in
/// [`PROMISES`].
const CASES: &[Case] = &[
    case(MS, 92, 55, "full_amount", Qualified),
    case(MS, 92, 278, "refund", Kept),
    case(MS, 66, 27, "price_match", Negated),
    case(MS, 82, 43, "refund", Negated),
    case(JUKEBOX, 552, 309, "full_refund", Negated),
    case(JUKEBOX, 552, 143, "refund", Negated),
    case(JUKEBOX, 630, 267, "refund", Negated),
    case(JUKEBOX, 17, 68, "free_shipping", Kept),
    case(COURSERA, 298, 25, "refund", Negated),
    case(COURSERA, 302, 66, "full_refund", Kept),
    case(COURSERA, 325, 1, "refund", Negated),
    case(COURSERA, 333, 194, "refund", Kept),
    case(COURSERA, 333, 202, "refund", Negated),
    case(COURSERA, 358, 1, "refund", Negated),
    case(IKEA, 164, 212, "full_refund", Kept),
    case(IKEA, 247, 573, "full_amount", Kept),
    case(IKEA, 247, 558, "refund", Kept),
    case(DELIVEROO, 541, 386, "full_refund", Kept),
    case(DELIVEROO, 453, 29, "free_delivery", Kept),
    case(DELIVEROO, 453, 372, "free_delivery", Negated),
    case(DELIVEROO, 573, 184, "free_delivery", Kept),
    case(DELIVEROO, 573, 259, "free_delivery", Kept),
    case(
        "policies/factoryweights__FAQ.md",
        38,
        42,
        "money_back",
        Kept,
    ),
    case(BOOKING, 772, 77, "full_refund", Kept),
    case(BOOKING, 773, 77, "refund", Qualified),
    case(BOOKING, 773, 162, "refund", Negated),
    case(BOOKING, 785, 116, "refund", Qualified),
    case(BOOKING, 799, 222, "full_refund", Kept),
    case(BOOKING, 892, 218, "full_refund", Negated),
    case(BOOKING, 1073, 105, "full_refund", Kept),
    case(BOOKING, 1074, 145, "refund", Negated),
    case("policies/basecamp__refund.md", 13, 113, "full_refund", Kept),
    case(STARLINK, 86, 619, "refund", Negated),
    case(STARLINK, 86, 712, "full_refund", Kept),
    case(VINTED, 137, 487, "refund", Kept),
    case(VINTED, 155, 89, "refund", Negated),
    case(PLAYSTATION, 165, 230, "refund", Negated),
    case(PLAYSTATION, 165, 289, "refund", Kept),
    case(INSTACART, 582, 115, "refund", Kept),
    case(INSTACART, 582, 294, "refund", Kept),
    case(DROP, 127, 1, "free_returns", Kept),
    case(DROP, 127, 247, "free_returns", Kept),
    case(AIRLINE, 101, 64, "full_refund", Kept),
    case(AIRLINE, 152, 7, "refund", Kept),
    case(AIRLINE, 155, 28, "compensation", Negated),
    case(AIRLINE, 159, 43, "compensation", Kept),
    case(AIRLINE, 167, 14, "compensation", Negated),
    case(EPRICE, 1275, 7, "rimborso", Negated),
    case(BOOKING, 766, 117, "refund", Negated),
    missed(
        case(BOOKING, 892, 238, "refund", Negated),
        "the negation before a bracket does not reach into it",
    ),
    case(COURSERA, 373, 119, "refund", Kept),
    case(COURSERA, 373, 207, "refund", Negated),
    case(COURSERA, 373, 388, "refund", Kept),
    missed(
        case(COURSERA, 327, 37, "refund", Negated),
        "\"deny\" takes it back by meaning, not by a cue word",
    ),
    case(COURSERA, 368, 119, "refund", Negated),
    case(COURSERA, 343, 103, "refund", Kept),
    case(VINTED, 143, 496, "refund", Kept),
    case(VINTED, 143, 889, "refund", Negated),
    case(VINTED, 143, 1151, "refund", Kept),
    case(NORDVPN, 54, 11, "refund", Kept),
    case(NORDVPN, 54, 119, "refund", Kept),
    case(NORDVPN, 54, 194, "money_back", Kept),
    case(NORDVPN, 54, 303, "money_back", Kept),
    case(NORDVPN, 54, 498, "money_back", Negated),
    case(NORDVPN, 54, 592, "refund", Kept),
    case(NORDVPN, 54, 719, "refund", Negated),
    case(NORDVPN, 55, 20, "refund", Kept),
    case(NORDVPN, 55, 200, "full_refund", Kept),
    case(NORDVPN, 55, 220, "refund", Kept),
    case(NORDVPN, 55, 336, "refund", Kept),
    case(NORDVPN, 55, 435, "refund", Kept),
    case(NORDVPN, 55, 595, "refund", Kept),
    missed(
        case(IKEA, 276, 123, "refund", Negated),
        "a negation before a comma-separated list does not reach its last item",
    ),
];

/// The promises of the corpus run: (policy field, phrases). Generic words,
/// each with the same qualifiers.
const PROMISES: &[(&str, &[&str])] = &[
    ("full_refund", &["full refund"]),
    ("full_amount", &["full amount"]),
    ("refund", &["refund", "refunds"]),
    ("free_delivery", &["free delivery"]),
    ("free_returns", &["free returns"]),
    ("free_shipping", &["free shipping"]),
    ("price_match", &["price match guarantee"]),
    ("money_back", &["money back guarantee"]),
    ("compensation", &["compensation"]),
    ("rimborso", &["rimborso"]),
];

const QUALIFIERS: &str = "unless \"less\", \"minus\", \"excluding\", \"except\"";

/// A promise file where every promise fails (its field is `no`), so each
/// place the copy still makes one is a `broken-promise` finding.
fn promise_file(qualified: bool) -> String {
    let fields: Vec<String> = PROMISES
        .iter()
        .map(|(field, _)| format!("  {field} = no\n"))
        .collect();
    let mut text = format!("policy p {{\n{}}}\n", fields.concat());
    for (field, phrases) in PROMISES {
        let says: Vec<String> = phrases.iter().map(|p| format!("\"{p}\"")).collect();
        let unless = if qualified { QUALIFIERS } else { "" };
        text += &format!(
            "promise \"{field}\" {{\n  says {}\n  {unless}\n  requires p.{field}\n}}\n",
            says.join(", ")
        );
    }
    text + "touchpoint corpus {\n  files \"copy/*\"\n}\n"
}

/// The name a corpus file gets in the run's `copy/` folder.
fn copied_name(file: &str) -> String {
    file.replace('/', "__")
}

/// Every (file, line, column, field) where the copy makes a promise.
fn made(folder: &Path, qualified: bool) -> HashSet<(String, usize, usize, String)> {
    fs::write(folder.join("corpus.promise"), promise_file(qualified)).unwrap();
    let (exit, short) = check(folder, "short");
    assert!(exit < 2, "{short}");
    short
        .lines()
        .filter(|line| line.contains("[PL102]"))
        .filter_map(|line| {
            let mut parts = line.splitn(4, ':');
            let file = parts.next()?.strip_prefix("copy/")?.to_owned();
            let line_number = parts.next()?.parse().ok()?;
            let column = parts.next()?.parse().ok()?;
            let field = line
                .split("needs `p.")
                .nth(1)?
                .split('`')
                .next()?
                .to_owned();
            Some((file, line_number, column, field))
        })
        .collect()
}

#[test]
fn labelled_corpus_places_are_read_as_a_reader_reads_them() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    if !corpus.is_dir() {
        eprintln!("skipped: no corpus at {}", corpus.display());
        return;
    }
    let folder = tempfile::tempdir().unwrap();
    fs::create_dir(folder.path().join("copy")).unwrap();
    let files: BTreeSet<&str> = CASES.iter().map(|case| case.file).collect();
    for file in files {
        fs::copy(
            corpus.join(file),
            folder.path().join("copy").join(copied_name(file)),
        )
        .unwrap();
    }
    let with = made(folder.path(), true);
    let without = made(folder.path(), false);
    let mut right = 0;
    let mut misses = Vec::new();
    // What changed since the labels' known misses were written down.
    let mut unexpected = Vec::new();
    for case in CASES {
        let key = (
            copied_name(case.file),
            case.line,
            case.column,
            case.promise.to_owned(),
        );
        let read = if with.contains(&key) {
            Kept
        } else if without.contains(&key) {
            Qualified
        } else {
            // No finding either way: taken back by negation (or not read).
            Negated
        };
        let place = format!(
            "{}:{}:{} {}: labelled {:?}, read {:?}",
            case.file, case.line, case.column, case.promise, case.reading, read
        );
        match (read == case.reading, case.miss) {
            (true, None) => right += 1,
            (true, Some(_)) => unexpected.push(format!("{place}: no longer a miss")),
            (false, Some(why)) => misses.push(format!("{place} ({why})")),
            (false, None) => unexpected.push(place),
        }
    }
    eprintln!(
        "{right} of {} labelled corpus places read right; known misses:\n{}",
        CASES.len(),
        misses.join("\n")
    );
    assert!(unexpected.is_empty(), "{}", unexpected.join("\n"));
}
