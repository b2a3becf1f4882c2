use super::*;
use crate::policy::value::{exact, Unit, Zone};

/// The value of the `kind` capture that reads the whole of `copy`.
fn read_in(copy: &str, kind: CaptureType, locale: Locale) -> Option<Value> {
    let normalized = Normalized::new(copy);
    let text = Text::new(&normalized, &locale);
    after(&text, 0, kind)
        .into_iter()
        .find(|read| read.end == text.text.len())
        .map(|read| read.value)
}

fn read(copy: &str, kind: CaptureType) -> Option<Value> {
    read_in(copy, kind, Locale::default())
}

fn days(amount: f64) -> Value {
    Value::Duration {
        amount: exact(amount),
        unit: Unit::Day,
    }
}

fn business_days(amount: f64) -> Value {
    Value::Duration {
        amount: exact(amount),
        unit: Unit::BusinessDay,
    }
}

fn money(amount: f64, code: &str) -> Value {
    Value::Money {
        amount: exact(amount),
        currency: Currency::from_code(code).unwrap(),
    }
}

fn range(low: Value, high: Value) -> Option<Value> {
    Some(Value::Range(Box::new(low), Box::new(high)))
}

#[test]
fn reads_every_spelling_of_a_range() {
    use CaptureType::*;
    for copy in [
        "3 to 5 days",
        "3-5 days",
        "3\u{2013}5 days",
        "3\u{2014}5 days",
        "3 \u{2013} 5 days",
        "between 3 and 5 days",
        "from 3 to 5 days",
        "3 days to 5 days",
        "3 days - 5 days",
        "between 3 days and 5 days",
        "three to five days",
    ] {
        assert_eq!(read(copy, Duration), range(days(3.0), days(5.0)), "{copy}");
    }
    assert_eq!(
        read("3-5 business days", Duration),
        range(business_days(3.0), business_days(5.0))
    );
    for copy in [
        "$10-20",
        "$10 to $20",
        "$10\u{2013}$20",
        "10-20 usd",
        "between $10 and $20",
    ] {
        assert_eq!(
            read(copy, Money),
            range(money(10.0, "USD"), money(20.0, "USD")),
            "{copy}"
        );
    }
    for copy in ["10\u{2013}20%", "10% to 20%", "10 to 20 percent"] {
        assert_eq!(
            read(copy, Percent),
            range(Value::Percent(exact(10.0)), Value::Percent(exact(20.0))),
            "{copy}"
        );
    }
    assert_eq!(
        read("4-30", Number),
        range(Value::Number(exact(4.0)), Value::Number(exact(30.0)))
    );
}

#[test]
fn a_range_is_of_one_kind_low_end_first_and_joined_by_a_dash_not_a_space() {
    use CaptureType::*;
    // High before low, two units, two currencies: no range.
    assert_eq!(read("5-3 days", Duration), None);
    assert_eq!(read("3 days to 2 weeks", Duration), None);
    assert_eq!(read("$10 to \u{20AC}20", Money), None);
    // "3 5 days" is no range: the space is no dash.
    assert_eq!(read("3 5 days", Duration), None);
    // `and` joins a range only after "between".
    assert_eq!(read("3 and 5 days", Duration), None);
}

#[test]
fn a_range_records_where_both_numbers_stand() {
    let normalized = Normalized::new("$10-20");
    let locale = Locale::default();
    let text = Text::new(&normalized, &locale);
    let reads = after(&text, 0, CaptureType::Money);
    assert_eq!(reads[0].numbers, [1..3, 4..6]);
}

#[test]
fn reads_a_figure_after_every_hedge_as_stated() {
    use CaptureType::*;
    for hedge in words::of(Language::English).hedges {
        let copy = format!("{hedge} 5 days");
        assert_eq!(read(&copy, Duration), Some(days(5.0)), "{copy}");
        let copy = format!("{hedge} $49");
        assert_eq!(read(&copy, Money), Some(money(49.0, "USD")), "{copy}");
    }
    assert_eq!(read("up-to 5 days", Duration), Some(days(5.0)));
    assert_eq!(
        read("up to 3-5 days", Duration),
        range(days(3.0), days(5.0))
    );
    for hedge in words::of(Language::English).time_hedges {
        let copy = format!("{hedge} 2 pm");
        let two = Value::Time {
            minutes: 14 * 60,
            zone: None,
        };
        assert_eq!(read(&copy, Time), Some(two), "{copy}");
    }
    // A time's hedges are not a duration's.
    assert_eq!(read("by 5 days", Duration), None);
    assert_eq!(read("a few days", Duration), None);
}

#[test]
fn reads_currencies_as_words_and_codes() {
    use CaptureType::Money;
    assert_eq!(read("25 dollars", Money), Some(money(25.0, "USD")));
    assert_eq!(read("1 dollar", Money), Some(money(1.0, "USD")));
    assert_eq!(read("50 euros", Money), Some(money(50.0, "EUR")));
    assert_eq!(read("1 euro", Money), Some(money(1.0, "EUR")));
    assert_eq!(read("10 pounds", Money), Some(money(10.0, "GBP")));
    assert_eq!(read("one pound", Money), Some(money(1.0, "GBP")));
    assert_eq!(read("fifty euros", Money), Some(money(50.0, "EUR")));
    assert_eq!(read("usd 20", Money), Some(money(20.0, "USD")));
    assert_eq!(read("50 usdx", Money), None);
    assert_eq!(read("fifty", Money), None);
    let canadian = Locale {
        dollar: Currency::from_code("CAD").unwrap(),
        ..Locale::default()
    };
    assert_eq!(read_in("$25", Money, canadian), Some(money(25.0, "CAD")));
    assert_eq!(
        read_in("25 dollars", Money, canadian),
        Some(money(25.0, "CAD"))
    );
    assert_eq!(read_in("25 usd", Money, canadian), Some(money(25.0, "USD")));
}

#[test]
fn reads_european_decimals_by_separator_and_language() {
    use CaptureType::Money;
    let german = Locale {
        language: Language::German,
        ..Locale::default()
    };
    for (copy, amount) in [
        ("4,50 \u{20AC}", 4.5),
        ("\u{20AC} 4,50", 4.5),
        ("1.000,00 \u{20AC}", 1000.0),
        ("1 000 \u{20AC}", 1000.0),
        ("1\u{00A0}000 \u{20AC}", 1000.0),
        ("1,000.50 \u{20AC}", 1000.5),
        ("1.000.000 \u{20AC}", 1_000_000.0),
    ] {
        assert_eq!(read(copy, Money), Some(money(amount, "EUR")), "{copy}");
        assert_eq!(
            read_in(copy, Money, german),
            Some(money(amount, "EUR")),
            "{copy}"
        );
    }
    // Alone before three digits, a comma or a point reads by language.
    assert_eq!(read("1,000 \u{20AC}", Money), Some(money(1000.0, "EUR")));
    assert_eq!(
        read_in("1,000 \u{20AC}", Money, german),
        Some(money(1.0, "EUR"))
    );
    assert_eq!(read("1.000 \u{20AC}", Money), Some(money(1.0, "EUR")));
    assert_eq!(
        read_in("1.000 \u{20AC}", Money, german),
        Some(money(1000.0, "EUR"))
    );
    // Groups of other than three digits are no number.
    assert_eq!(read("1,00,000 \u{20AC}", Money), None);
    // Only money groups by spaces, and never across a dash.
    assert_eq!(read("1 000 days", CaptureType::Duration), None);
    assert_eq!(
        read("100-200 \u{20AC}", Money),
        range(money(100.0, "EUR"), money(200.0, "EUR"))
    );
}

#[test]
fn reads_minutes_hours_and_qualified_days() {
    use CaptureType::Duration;
    let minutes = Value::Duration {
        amount: exact(15.0),
        unit: Unit::Minute,
    };
    assert_eq!(read("15 minutes", Duration), Some(minutes));
    let hours = Value::Duration {
        amount: exact(48.0),
        unit: Unit::Hour,
    };
    assert_eq!(read("48 hours", Duration), Some(hours));
    assert_eq!(read("5 working days", Duration), Some(business_days(5.0)));
    assert_eq!(read("5 business days", Duration), Some(business_days(5.0)));
    assert_eq!(read("30 calendar days", Duration), Some(days(30.0)));
    let year = Value::Duration {
        amount: exact(1.0),
        unit: Unit::Year,
    };
    assert_eq!(read("1-year", Duration), Some(year));
    assert_eq!(read("30-day", Duration), Some(days(30.0)));
    assert_eq!(read("5 working hours", Duration), None);
}

#[test]
fn reads_contract_style_figures_that_agree() {
    use CaptureType::*;
    assert_eq!(read("thirty (30) days", Duration), Some(days(30.0)));
    assert_eq!(read("45 (forty-five) days", Duration), Some(days(45.0)));
    assert_eq!(read("thirty (31) days", Duration), None);
    assert_eq!(read("45 (forty) days", Duration), None);
    assert_eq!(read("fifty (50) dollars", Money), Some(money(50.0, "USD")));
    let normalized = Normalized::new("thirty (30) days");
    let locale = Locale::default();
    let text = Text::new(&normalized, &locale);
    assert_eq!(after(&text, 0, Duration)[0].numbers, [0..6, 8..10]);
}

#[test]
fn reads_times_of_day() {
    use CaptureType::Time;
    let at = |hour: u32, minute: u32, zone: Option<&str>| {
        Some(Value::Time {
            minutes: hour * 60 + minute,
            zone: zone.map(|z| Zone::from_name(z).unwrap()),
        })
    };
    assert_eq!(read("2 PM", Time), at(14, 0, None));
    assert_eq!(read("2pm", Time), at(14, 0, None));
    assert_eq!(read("2:30 p.m.", Time), at(14, 30, None));
    assert_eq!(read("9 am", Time), at(9, 0, None));
    assert_eq!(read("12 am", Time), at(0, 0, None));
    assert_eq!(read("12 pm", Time), at(12, 0, None));
    assert_eq!(read("14:00", Time), at(14, 0, None));
    assert_eq!(read("14h", Time), at(14, 0, None));
    assert_eq!(read("14h30", Time), at(14, 30, None));
    assert_eq!(read("noon", Time), at(12, 0, None));
    // The end of the day, as `midnight` in a policy: a deadline.
    assert_eq!(read("midnight", Time), at(24, 0, None));
    assert_eq!(read("midnight CET", Time), at(24, 0, Some("CET")));
    assert_eq!(read("2 PM UTC", Time), at(14, 0, Some("UTC")));
    assert_eq!(read("noon GMT", Time), at(12, 0, Some("GMT")));
    for not_a_time in ["2", "13 pm", "25:00", "14:75", "2 pmx"] {
        assert_eq!(read(not_a_time, Time), None, "{not_a_time}");
    }
}

#[test]
fn reads_number_words_in_five_languages() {
    let cases = [
        (Language::English, "thirty-five", 35.0),
        (Language::English, "one hundred and twenty", 120.0),
        (Language::French, "trente", 30.0),
        (Language::French, "trente-cinq", 35.0),
        (Language::French, "vingt et un", 21.0),
        (Language::German, "drei\u{00DF}ig", 30.0),
        (Language::German, "f\u{00FC}nfunddrei\u{00DF}ig", 35.0),
        (Language::Italian, "trenta", 30.0),
        (Language::Italian, "trentacinque", 35.0),
        (Language::Spanish, "treinta", 30.0),
        (Language::Spanish, "treinta y cinco", 35.0),
    ];
    for (language, words, n) in cases {
        let locale = Locale {
            language,
            ..Locale::default()
        };
        assert_eq!(
            read_in(words, CaptureType::Number, locale),
            Some(Value::Number(exact(n))),
            "{words}"
        );
    }
    // Words of one language are not numbers in another.
    assert_eq!(read("trente", CaptureType::Number), None);
    // Ordinals are no amounts.
    assert_eq!(read("first", CaptureType::Number), None);
}

#[test]
fn tells_where_a_figure_stands_read_or_not() {
    let stands_at = |copy: &str| {
        let normalized = Normalized::new(copy);
        let locale = Locale::default();
        stands(&Text::new(&normalized, &locale), 0, CaptureType::Duration)
    };
    assert!(stands_at("3ish days"));
    assert!(stands_at("up to 3ish days"));
    assert!(stands_at("$ soon"));
    assert!(stands_at("thirty (31) days"));
    assert!(!stands_at("a few days"));
    assert!(!stands_at("up to a week"));
}

#[test]
fn a_files_language_comes_from_its_path_by_convention() {
    for (path, language) in [
        ("site/fr/livraison.md", Some(Language::French)),
        ("site/livraison.it.md", Some(Language::Italian)),
        ("es/site/pagina.md", Some(Language::Spanish)),
        // The second extension is nearer than the folder.
        ("fr/pagina.es.md", Some(Language::Spanish)),
        ("site/shipping.md", None),
        ("site/xx/shipping.md", None),
    ] {
        assert_eq!(language_of_path(Path::new(path)), language, "{path}");
    }
}

fn in_language(language: Language) -> Locale {
    Locale {
        language,
        ..Locale::default()
    }
}

fn duration(amount: f64, unit: Unit) -> Value {
    Value::Duration {
        amount: exact(amount),
        unit,
    }
}

#[test]
fn reads_unit_words_in_four_more_languages_with_and_without_accents() {
    use Language::*;
    use Unit::*;
    let cases: &[(Language, &[(&str, Unit)])] = &[
        (
            French,
            &[
                ("minutes", Minute),
                ("minute", Minute),
                ("min", Minute),
                ("heures", Hour),
                ("heure", Hour),
                ("jours", Day),
                ("jour", Day),
                ("jours ouvrés", BusinessDay),
                ("jours ouvres", BusinessDay),
                ("jour ouvré", BusinessDay),
                ("jours ouvrables", BusinessDay),
                ("jour ouvrable", BusinessDay),
                ("jours calendaires", Day),
                ("semaines", Week),
                ("semaine", Week),
                ("mois", Month),
                ("ans", Year),
                ("an", Year),
                ("années", Year),
                ("annees", Year),
                ("année", Year),
            ],
        ),
        (
            German,
            &[
                ("Minuten", Minute),
                ("Minute", Minute),
                ("Stunden", Hour),
                ("Stunde", Hour),
                ("Std", Hour),
                ("Tage", Day),
                ("Tagen", Day),
                ("Tag", Day),
                ("Werktage", BusinessDay),
                ("Werktagen", BusinessDay),
                ("Werktag", BusinessDay),
                ("Arbeitstage", BusinessDay),
                ("Arbeitstagen", BusinessDay),
                ("Kalendertage", Day),
                ("Wochen", Week),
                ("Woche", Week),
                ("Monate", Month),
                ("Monaten", Month),
                ("Monat", Month),
                ("Jahre", Year),
                ("Jahren", Year),
                ("Jahr", Year),
            ],
        ),
        (
            Italian,
            &[
                ("minuti", Minute),
                ("minuto", Minute),
                ("ore", Hour),
                ("ora", Hour),
                ("giorni", Day),
                ("giorno", Day),
                ("gg", Day),
                ("giorni lavorativi", BusinessDay),
                ("giorno lavorativo", BusinessDay),
                ("giorni feriali", BusinessDay),
                ("giorno feriale", BusinessDay),
                ("gg lavorativi", BusinessDay),
                ("settimane", Week),
                ("settimana", Week),
                ("mesi", Month),
                ("mese", Month),
                ("anni", Year),
                ("anno", Year),
            ],
        ),
        (
            Spanish,
            &[
                ("minutos", Minute),
                ("minuto", Minute),
                ("horas", Hour),
                ("hora", Hour),
                ("días", Day),
                ("dias", Day),
                ("día", Day),
                ("dia", Day),
                ("días hábiles", BusinessDay),
                ("dias habiles", BusinessDay),
                ("día hábil", BusinessDay),
                ("días laborables", BusinessDay),
                ("día laborable", BusinessDay),
                ("días naturales", Day),
                ("semanas", Week),
                ("semana", Week),
                ("meses", Month),
                ("mes", Month),
                ("años", Year),
                ("año", Year),
            ],
        ),
    ];
    for &(language, units) in cases {
        for &(word, unit) in units {
            let copy = format!("3 {word}");
            assert_eq!(
                read_in(&copy, CaptureType::Duration, in_language(language)),
                Some(duration(3.0, unit)),
                "{language:?}: {copy}"
            );
        }
    }
    // Number words too, in the language of the unit.
    for (language, copy, unit) in [
        (French, "trois jours ouvrés", BusinessDay),
        (German, "drei Werktage", BusinessDay),
        (Italian, "tre giorni lavorativi", BusinessDay),
        (Spanish, "tres días hábiles", BusinessDay),
    ] {
        assert_eq!(
            read_in(copy, CaptureType::Duration, in_language(language)),
            Some(duration(3.0, unit)),
            "{copy}"
        );
    }
    // A unit word is whole, its accents only may go: "ano" is no "año", and
    // the words of one language are no units in another.
    assert_eq!(
        read_in("3 anos", CaptureType::Duration, in_language(Spanish)),
        None
    );
    assert_eq!(
        read_in("3 jourset", CaptureType::Duration, in_language(French)),
        None
    );
    assert_eq!(read("3 jours", CaptureType::Duration), None);
    assert_eq!(
        read_in("3 days", CaptureType::Duration, in_language(French)),
        None
    );
}

#[test]
fn reads_every_hedge_of_each_language_as_stated() {
    use CaptureType::*;
    for (language, unit) in [
        (Language::French, "jours"),
        (Language::German, "Tage"),
        (Language::Italian, "giorni"),
        (Language::Spanish, "días"),
    ] {
        let locale = in_language(language);
        for hedge in words::of(language).hedges {
            let copy = format!("{hedge} 5 {unit}");
            assert_eq!(read_in(&copy, Duration, locale), Some(days(5.0)), "{copy}");
            let copy = format!("{hedge} 49 \u{20AC}");
            assert_eq!(
                read_in(&copy, Money, locale),
                Some(money(49.0, "EUR")),
                "{copy}"
            );
        }
        for hedge in words::of(language).time_hedges {
            let copy = format!("{hedge} 14:00");
            let two = Value::Time {
                minutes: 14 * 60,
                zone: None,
            };
            assert_eq!(read_in(&copy, Time, locale), Some(two), "{copy}");
        }
    }
    // As copy writes them, in mixed case and with a curly apostrophe.
    let french = in_language(Language::French);
    for copy in [
        "Jusqu\u{2019}\u{E0} 5 jours",
        "jusqu'a 5 jours",
        "dans un d\u{E9}lai de 5 jours",
        "d\u{E8}s 5 jours",
    ] {
        assert_eq!(read_in(copy, Duration, french), Some(days(5.0)), "{copy}");
    }
    let german = in_language(Language::German);
    assert_eq!(
        read_in("innerhalb von 3 Werktagen", Duration, german),
        Some(business_days(3.0))
    );
    assert_eq!(
        read_in("ab 49 Euro", Money, german),
        Some(money(49.0, "EUR"))
    );
    assert_eq!(
        read_in("ca. 2 Wochen", Duration, german),
        Some(duration(2.0, Unit::Week))
    );
    let spanish = in_language(Language::Spanish);
    assert_eq!(
        read_in("como m\u{ED}nimo 30 d\u{ED}as naturales", Duration, spanish),
        Some(days(30.0))
    );
    assert_eq!(
        read_in("hasta 5 d\u{ED}as h\u{E1}biles", Duration, spanish),
        Some(business_days(5.0))
    );
    // A hedge of one language is none in another.
    assert_eq!(read("jusqu'\u{E0} 5 days", Duration), None);
    assert_eq!(read_in("up to 5 jours", Duration, french), None);
}

#[test]
fn reads_every_range_word_of_each_language() {
    use CaptureType::*;
    use Language::*;
    let cases: &[(Language, &[&str])] = &[
        (
            French,
            &[
                "3 \u{E0} 5 jours",
                "3 jours \u{E0} 5 jours",
                "3-5 jours",
                "entre 3 et 5 jours",
                "de 3 \u{E0} 5 jours",
                "trois \u{E0} cinq jours",
                "entre trois et cinq jours",
            ],
        ),
        (
            German,
            &[
                "3 bis 5 Tage",
                "3\u{2013}5 Tage",
                "zwischen 3 und 5 Tagen",
                "von 3 bis 5 Tagen",
                "drei bis f\u{FC}nf Tage",
            ],
        ),
        (
            Italian,
            &[
                "3 a 5 giorni",
                "3-5 giorni",
                "da 3 a 5 giorni",
                "tra 3 e 5 giorni",
                "fra 3 e 5 giorni",
                "da tre a cinque giorni",
            ],
        ),
        (
            Spanish,
            &[
                "3 a 5 d\u{ED}as",
                "3-5 d\u{ED}as",
                "de 3 a 5 d\u{ED}as",
                "entre 3 y 5 d\u{ED}as",
                "entre tres y cinco d\u{ED}as",
                "de tres a cinco d\u{ED}as",
            ],
        ),
    ];
    for &(language, copies) in cases {
        for copy in copies {
            assert_eq!(
                read_in(copy, Duration, in_language(language)),
                range(days(3.0), days(5.0)),
                "{language:?}: {copy}"
            );
        }
    }
    // The unit once, on the high end, qualified.
    assert_eq!(
        read_in(
            "3 \u{E0} 5 jours ouvr\u{E9}s",
            Duration,
            in_language(French)
        ),
        range(business_days(3.0), business_days(5.0))
    );
    // Money and percents, with a range word of the language.
    assert_eq!(
        read_in("de 10 \u{E0} 20 \u{20AC}", Money, in_language(French)),
        range(money(10.0, "EUR"), money(20.0, "EUR"))
    );
    assert_eq!(
        read_in("dal 10 al 20%", Percent, in_language(Italian)),
        range(Value::Percent(exact(10.0)), Value::Percent(exact(20.0)))
    );
    assert_eq!(
        read_in("del 10 al 20 %", Percent, in_language(Spanish)),
        range(Value::Percent(exact(10.0)), Value::Percent(exact(20.0)))
    );
    // A pair's words join only a pair: "et" is no joiner on its own, nor
    // "à" after "entre"; and no range word crosses languages.
    let french = in_language(French);
    assert_eq!(read_in("3 et 5 jours", Duration, french), None);
    assert_eq!(read_in("entre 3 \u{E0} 5 jours", Duration, french), None);
    assert_eq!(read("3 \u{E0} 5 days", Duration), None);
    assert_eq!(read_in("3 to 5 Tage", Duration, in_language(German)), None);
    // High before low is no range, in any language.
    assert_eq!(read_in("5 bis 3 Tage", Duration, in_language(German)), None);
}

#[test]
fn reads_currency_words_of_each_language() {
    use CaptureType::Money;
    assert_eq!(
        read_in("50 Euro", Money, in_language(Language::German)),
        Some(money(50.0, "EUR"))
    );
    assert_eq!(
        read_in("cinquanta euro", Money, in_language(Language::Italian)),
        Some(money(50.0, "EUR"))
    );
    assert_eq!(
        read_in("cincuenta euros", Money, in_language(Language::Spanish)),
        Some(money(50.0, "EUR"))
    );
    assert_eq!(
        read_in("25 d\u{F3}lares", Money, in_language(Language::Spanish)),
        Some(money(25.0, "USD"))
    );
    assert_eq!(
        read_in("25 dollari", Money, in_language(Language::Italian)),
        Some(money(25.0, "USD"))
    );
    assert_eq!(read("25 d\u{F3}lares", Money), None);
}

#[test]
fn reads_a_duration_before_a_possessive_apostrophe_and_past_it() {
    use CaptureType::Duration;
    let ends = |copy: &str| {
        let normalized = Normalized::new(copy);
        let locale = Locale::default();
        let text = Text::new(&normalized, &locale);
        after(&text, 0, Duration)
            .into_iter()
            .map(|read| (read.value, read.end))
            .collect::<Vec<_>>()
    };
    // The figure as stated first, then the same figure past the apostrophe.
    assert_eq!(ends("30 days' notice"), [(days(30.0), 7), (days(30.0), 8)]);
    assert_eq!(
        ends("90 days\u{2019} notice"),
        [(days(90.0), 7), (days(90.0), 8)]
    );
    let week = duration(1.0, Unit::Week);
    assert_eq!(ends("one week's notice"), [(week.clone(), 8), (week, 10)]);
    assert_eq!(
        ends("3-5 business days' notice"),
        [
            (range(business_days(3.0), business_days(5.0)).unwrap(), 17),
            (range(business_days(3.0), business_days(5.0)).unwrap(), 18),
        ]
    );
    assert_eq!(read("30 days'", Duration), Some(days(30.0)));
    // Only a possessive: no apostrophe inside a word, none after a number
    // or a plural's `'s`, none in another language.
    assert_eq!(ends("30 days'x"), [(days(30.0), 7)]);
    assert_eq!(ends("30 days's"), [(days(30.0), 7)]);
    assert_eq!(read("30's", Duration), None);
    assert_eq!(
        read_in("30 jours'", Duration, in_language(Language::French)),
        None
    );
}

/// The readings of a capture ending where `copy` ends, as (words, value).
fn before_end(copy: &str, kind: CaptureType, locale: Locale) -> Vec<(String, Value)> {
    let normalized = Normalized::new(copy);
    let text = Text::new(&normalized, &locale);
    before(&text, text.text.len(), kind)
        .into_iter()
        .map(|(read, start)| (text.text[start..read.end].to_owned(), read.value))
        .collect()
}

#[test]
fn a_figure_before_its_phrase_is_read_longest_first_back_to_the_first_word_of_no_figure() {
    let readings = before_end(
        "enjoy our up to thirty five",
        CaptureType::Number,
        Locale::default(),
    );
    let words: Vec<&str> = readings.iter().map(|(w, _)| w.as_str()).collect();
    assert_eq!(words, ["up to thirty five", "thirty five", "five"]);
    let range = before_end(
        "ships between 10 business days and 20 business days",
        CaptureType::Duration,
        Locale::default(),
    );
    assert_eq!(range[0].0, "between 10 business days and 20 business days");
    // Accents aside, a unit word of the copy's language is a figure's word.
    let in_spanish = Locale {
        language: Language::Spanish,
        ..Locale::default()
    };
    let spanish = before_end("envio en 3 a 5 dias", CaptureType::Duration, in_spanish);
    assert_eq!(spanish[0].0, "3 a 5 dias", "{spanish:?}");
}
