//! Values the real binary reads and compares (`tests/fixtures/values/`):
//! durations in different units, times of day and their zones, working and
//! calendar days from promise files and YAML, bad values located and
//! explained, `fmt` writing the canonical spellings, and requirements whose
//! copy figure cannot be compared with the policy.

use crate::common;

use common::{code, copy_folder, promiselint, promiselint_in, stderr, stdout};
use std::path::Path;

/// `promiselint check tests/fixtures/values/<name> --format short`: the exit
/// code and the findings, one a line.
fn check(name: &str) -> (i32, Vec<String>) {
    let run = promiselint(&[
        "check",
        &format!("tests/fixtures/values/{name}"),
        "--format",
        "short",
    ]);
    let lines = stdout(&run).lines().map(str::to_owned).collect();
    (code(&run), lines)
}

/// The one finding at `place` (`file:line:column`, after the fixture's
/// folder), which must exist.
fn at<'a>(findings: &'a [String], place: &str) -> &'a str {
    let matching: Vec<&String> = findings.iter().filter(|l| l.contains(place)).collect();
    assert_eq!(matching.len(), 1, "one finding at {place}: {findings:#?}");
    matching[0]
}

#[test]
fn months_and_years_compare_with_days_on_every_calendar() {
    let (exit, findings) = check("calendar");
    assert_eq!(exit, 1, "{findings:#?}");
    // A 365-day warranty is not a "1-year" one in a leap year.
    let year = at(&findings, "index.md:3:");
    assert!(year.contains("[PL102]"), "{year}");
    assert!(
        year.contains("which holds only on some calendars: warranty.frame is 365 days and 1 year is 365 to 366 days"),
        "{year}"
    );
    // 180 days are fewer than any 6 calendar months.
    let months = at(&findings, "index.md:5:");
    assert!(
        months.contains("but warranty.fabric is 180 days and 6 months is 181 to 184 days"),
        "{months}"
    );
    // Minutes convert exactly; working days from YAML are business days.
    let minutes = at(&findings, "index.md:11:");
    assert!(
        minutes.contains("`shipping.dispatch <= 90 minutes`, but shipping.dispatch is 2 hours"),
        "{minutes}"
    );
    // A policy of 1 year backs "365-day", and 5 to 7 working days (at most
    // 11 calendar days) back "within 11 days".
    assert_eq!(findings.len(), 3, "{findings:#?}");
}

#[test]
fn times_of_day_compare_within_the_day_and_across_zones() {
    let (exit, findings) = check("times");
    assert_eq!(exit, 1, "{findings:#?}");
    let unbacked: Vec<&String> = findings.iter().filter(|l| l.contains("[PL101]")).collect();
    let about = |title: &str| {
        let line = unbacked
            .iter()
            .find(|l| l.contains(title))
            .unwrap_or_else(|| panic!("no unbacked-promise for {title}: {findings:#?}"));
        line.to_string()
    };
    // 11:00 PT is 19:00 UTC in winter, 18:00 in summer.
    assert!(about("19:00 UTC").contains(
        "which holds only on some calendars: shipping.cutoff is 11:00 PT (UTC−8 or UTC−7 by the date)"
    ));
    // A time without a zone is taken in the other's zone.
    assert!(about("phone lines").contains("but support.opens is 09:00"));
    // Midnight is the end of the day.
    assert!(about("until midnight").contains("`support.closes >= 24:00`"));
    assert!(about("by noon").contains("`support.closes <= 12:00`"));
    // From YAML, unquoted: 14:30 EST against 15:00 ET, EST or EDT by the date.
    assert!(about("warehouse").contains("ET is UTC−5 or UTC−4 by the date"));
    // Kept: 11:00 PT is 14:00 ET on every date; 9:00 to 17:00 spans lunch.
    assert!(!findings.iter().any(|l| l.contains("2 PM eastern")));
    assert!(!findings.iter().any(|l| l.contains("over lunch")));
    assert_eq!(unbacked.len(), 5, "{findings:#?}");
}

#[test]
fn bad_times_zones_and_units_are_located_and_explained() {
    let (exit, findings) = check("bad");
    assert_eq!(exit, 2, "{findings:#?}");
    for (place, message) in [
        ("promises.promise:2:12:", "`25:00` is not a time of day"),
        ("promises.promise:3:16:", "unknown time zone `XYZ`"),
        ("promises.promise:4:17:", "unknown time zone `EDTT`"),
        ("promises.promise:5:10:", "`13 pm` is not a time of day"),
        ("promises.promise:6:11:", "`9:5` is not a time of day"),
        ("promises.promise:7:14:", "`working weeks` is not a unit"),
    ] {
        let line = at(&findings, place);
        assert!(line.contains("[PL002]") && line.contains(message), "{line}");
    }
    let human = promiselint(&["check", "tests/fixtures/values/bad", "--color", "never"]);
    let human = stdout(&human);
    assert!(human.contains("did you mean `EDT`?"), "{human}");
    assert!(human.contains("zones are UTC, GMT, ET"), "{human}");
}

#[test]
fn fmt_writes_the_canonical_units_and_keeps_times_whole() {
    let folder = tempfile::tempdir().unwrap();
    copy_folder(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/values/fmt"),
        folder.path(),
    );
    let run = promiselint_in(folder.path(), &["fmt"]);
    assert_eq!(code(&run), 0, "{}", stderr(&run));
    let tidy = std::fs::read_to_string(folder.path().join("messy.promise")).unwrap();
    for line in [
        "  delivery = 5 to 7 business days\n",
        "  transit = 3 day\n",
        "  cutoff = 2:30pm EST\n",
        "  opens = noon\n",
        "  closes = 14:00 # local time\n",
        "  grace = 15 minutes\n",
        "  requires shipping.delivery.max <= n business days and shipping.cutoff >= 12:00 ET\n",
    ] {
        assert!(tidy.contains(line), "{line:?} not in:\n{tidy}");
    }
    // Once tidy, it stays tidy, and it means what it meant.
    let again = promiselint_in(folder.path(), &["fmt", "--check"]);
    assert_eq!(code(&again), 0, "{}", stdout(&again));
    let checked = promiselint_in(folder.path(), &["check", ".", "--format", "short"]);
    assert_eq!(code(&checked), 0, "{}", stdout(&checked));
}

#[test]
fn a_requirement_is_uncheckable_only_when_nothing_else_decides_it() {
    let (exit, findings) = check("currency");
    assert_eq!(exit, 1, "{findings:#?}");
    // `or` with a true part: kept, whatever the currency.
    assert!(
        !findings.iter().any(|l| l.contains("index.md:3:")),
        "{findings:#?}"
    );
    // `and` with a false part: broken.
    let returns = at(&findings, "index.md:5:");
    assert!(returns.contains("[PL102]"), "{returns}");
    assert!(!returns.contains("cannot be checked"), "{returns}");
    // Nothing decides: uncheckable, in its own words.
    let wrap = at(&findings, "index.md:7:");
    assert!(
        wrap.contains(
            "warning[PL107] \"Free gift wrap over €30\" cannot be checked against the policy: \
             shipping.free_threshold is money in USD and the copy's figure is in EUR"
        ),
        "{wrap}"
    );
    assert_eq!(findings.len(), 2, "{findings:#?}");
}

#[test]
fn fix_changes_no_figure_it_cannot_compare() {
    let folder = tempfile::tempdir().unwrap();
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/values");
    copy_folder(&fixture.join("currency"), folder.path());
    let run = promiselint_in(folder.path(), &["check", ".", "--fix", "--format", "short"]);
    let copy = std::fs::read_to_string(folder.path().join("site/index.md")).unwrap();
    let original = std::fs::read_to_string(fixture.join("currency/site/index.md")).unwrap();
    assert_eq!(copy, original, "{}", stdout(&run));
    assert!(
        stdout(&run).contains("[PL107]"),
        "the uncheckable promise is still reported: {}",
        stdout(&run)
    );
    // Months and days do not convert exactly: "1-year" is not rewritten
    // as some number of days, nor "6-month".
    let folder = tempfile::tempdir().unwrap();
    copy_folder(&fixture.join("calendar"), folder.path());
    let run = promiselint_in(folder.path(), &["check", ".", "--fix", "--format", "short"]);
    let copy = std::fs::read_to_string(folder.path().join("site/index.md")).unwrap();
    assert!(copy.contains("1-year frame warranty"), "{copy}");
    assert!(copy.contains("6-month fabric guarantee"), "{copy}");
    assert!(copy.contains("dispatched within 120 minutes"), "{copy}");
    let said = format!("{}{}", stdout(&run), stderr(&run));
    assert!(
        said.contains("a month is 28 to 31 days and a year 365 to 366"),
        "{said}"
    );
}

/// The metadata operations keep in a YAML policy beside the figures — a
/// date, quoted or not, a phone number, a SKU prefix, a hyphenated key —
/// fails no build while no promise reads it.
#[test]
fn yaml_metadata_no_promise_reads_fails_nothing() {
    let (exit, findings) = check("yaml_metadata");
    assert_eq!(exit, 0, "{findings:#?}");
    assert!(findings.is_empty(), "{findings:#?}");
}

/// Read as a value, a YAML string that is not one is reported at the YAML
/// value, with what is wrong with it (`30 dayz`: did you mean `days`?); a
/// path that wants a field a hyphenated key names is pointed at the key.
#[test]
fn yaml_text_a_promise_reads_as_a_value_is_reported_at_the_yaml() {
    let (exit, findings) = check("yaml_metadata_read");
    assert_eq!(exit, 2, "{findings:#?}");
    let date = at(&findings, "ops/pricing.yaml:1:10:");
    assert!(
        date.contains("error[PL002] `2024-05-01` starts like a figure but is not a value"),
        "{date}"
    );
    let unit = at(&findings, "ops/pricing.yaml:2:12:");
    assert!(unit.contains("error[PL002] unknown unit `dayz`"), "{unit}");
    let key = at(&findings, "ops/pricing.yaml:3:1:");
    assert!(
        key.contains("a promise reads `pricing.restocking_fee`, and the key `pricing.restocking-fee` cannot be a field name"),
        "{key}"
    );
    assert_eq!(findings.len(), 3, "{findings:#?}");
    // The hints: the one for a figure, `days`, and `_` in field names.
    let run = promiselint(&[
        "check",
        "tests/fixtures/values/yaml_metadata_read",
        "--format",
        "json",
    ]);
    let report: serde_json::Value = serde_json::from_slice(&run.stdout).unwrap();
    let hints: Vec<&str> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|finding| finding["hint"].as_str().unwrap())
        .collect();
    assert_eq!(
        hints,
        [
            "write one value, such as `30 days`, `$50`, `15%` or `5 to 7 business days`",
            "did you mean `days`?",
            "rename the key `restocking_fee`: field names join words with `_`",
        ]
    );
}

/// A range written as copy writes it — `5–7 business days` with an en dash,
/// `3-10 days` with a hyphen — is a range, in a promise file and in YAML;
/// `fmt` writes it with `to`.
#[test]
fn a_range_written_with_a_dash_is_a_range() {
    let (exit, findings) = check("range_dash");
    assert_eq!(exit, 1, "{findings:#?}");
    let delivery = at(&findings, "site/index.md:1:");
    assert!(
        delivery.contains("but shipping.delivery.max is 7 business days"),
        "{delivery}"
    );
    assert_eq!(findings.len(), 1, "{findings:#?}");

    let folder = tempfile::tempdir().unwrap();
    copy_folder(Path::new("tests/fixtures/values/range_dash"), folder.path());
    let run = promiselint_in(folder.path(), &["fmt", "promises.promise"]);
    assert_eq!(code(&run), 0, "{}", stderr(&run));
    let formatted = std::fs::read_to_string(folder.path().join("promises.promise")).unwrap();
    assert!(
        formatted.contains("  delivery = 5 to 7 business days\n"),
        "{formatted}"
    );
}
