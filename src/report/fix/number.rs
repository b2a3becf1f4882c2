//! Writing a number the way the copy wrote the one it replaces.
//!
//! Only the number changes, so the currency sign, the percent sign and the
//! unit stay as the copy has them. A number written in words ("Sixty") is
//! replaced in words, in the same case, when it is one the copy reader
//! understands (a whole number up to 999); otherwise in digits, since a
//! reader takes "45.5" or "1,200" better than words nobody writes. Digits
//! keep the copy's thousands separators and show the decimals the value has:
//! money with a fraction shows cents (`$4.50`), anything else at most two
//! places.

use crate::policy::value::Decimal;
use rust_decimal::prelude::ToPrimitive;

/// English number words, for writing a number back in words. (Copy is read
/// with `text2num`, in the copy's language; only English is written back.)
const UNITS: &[&str] = &[
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];
const TENS: &[&str] = &[
    "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
];

/// `amount` written in the style of `written`; `Err` when it has more than
/// two decimal places, which no figure in copy has.
pub fn write(amount: Decimal, written: &str, money: bool) -> Result<String, String> {
    if decimal_comma(written) {
        // `4,50`, `1.000,00`: digits written the European way, which an
        // English figure would contradict.
        return Err(format!(
            "\"{written}\" is written with a decimal comma; fix it by hand"
        ));
    }
    let amount = amount.normalize();
    if amount.is_sign_negative() || amount.scale() > 2 {
        return Err(format!("{amount} is not a figure copy can state exactly"));
    }
    let whole = amount.scale() == 0;
    if written.starts_with(char::is_alphabetic) {
        if let Some(n) = amount.to_u16().filter(|n| whole && *n < 1000) {
            return Ok(same_case(&words(n), written));
        }
    }
    let digits = if money && (!whole || written.contains('.')) {
        format!("{amount:.2}")
    } else {
        amount.to_string()
    };
    Ok(if written.contains(',') {
        grouped(&digits)
    } else {
        digits
    })
}

/// Whether digits use a comma as their decimal mark, as the copy reader
/// takes them: a comma after a point (`1.000,00`), or a last comma before
/// one or two digits (`4,50`). `1,000` groups thousands.
fn decimal_comma(written: &str) -> bool {
    let Some(comma) = written.rfind(',') else {
        return false;
    };
    let (before, after) = (&written[..comma], &written[comma + 1..]);
    let digits = after.chars().all(|c| c.is_ascii_digit());
    digits && (before.contains('.') || (1..=2).contains(&after.len()))
}

/// A whole number below 1000 in the words the reader reads back:
/// `thirty-five`, `one hundred twenty`.
fn words(n: u16) -> String {
    let n = usize::from(n);
    match n {
        100.. => match n % 100 {
            0 => format!("{} hundred", UNITS[n / 100]),
            rest => format!("{} hundred {}", UNITS[n / 100], words(rest as u16)),
        },
        20.. => match n % 10 {
            0 => TENS[n / 10 - 2].to_owned(),
            unit => format!("{}-{}", TENS[n / 10 - 2], UNITS[unit]),
        },
        _ => UNITS[n].to_owned(),
    }
}

/// `words` (lower case) in the case of `like`: "SIXTY", "Sixty" or "sixty".
fn same_case(words: &str, like: &str) -> String {
    let letters = || like.chars().filter(|c| c.is_alphabetic());
    if letters().count() > 1 && letters().all(char::is_uppercase) {
        return words.to_uppercase();
    }
    let mut chars = words.chars();
    match chars.next() {
        Some(first) if like.starts_with(char::is_uppercase) => {
            first.to_uppercase().chain(chars).collect()
        }
        _ => words.to_owned(),
    }
}

/// `1234.5` as `1,234.5`.
fn grouped(digits: &str) -> String {
    let (whole, fraction) = digits.split_at(digits.find('.').unwrap_or(digits.len()));
    let mut out = String::new();
    for (i, digit) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(digit);
    }
    out + fraction
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::value::exact;

    #[test]
    fn digits_keep_the_copys_style_and_the_policys_decimals() {
        assert_eq!(write(exact(30.0), "60", false).as_deref(), Ok("30"));
        assert_eq!(write(exact(50.0), "25", true).as_deref(), Ok("50"));
        assert_eq!(write(exact(49.99), "25", true).as_deref(), Ok("49.99"));
        assert_eq!(write(exact(4.5), "25", true).as_deref(), Ok("4.50"));
        assert_eq!(write(exact(50.0), "25.00", true).as_deref(), Ok("50.00"));
        assert_eq!(write(exact(1.5), "2", false).as_deref(), Ok("1.5"));
        assert_eq!(write(exact(2500.0), "1,000", false).as_deref(), Ok("2,500"));
        assert_eq!(
            write(exact(1234567.5), "1,000", false).as_deref(),
            Ok("1,234,567.5")
        );
        assert!(write(exact(30.0 / 7.0), "4", false).is_err());
    }

    #[test]
    fn a_figure_with_a_decimal_comma_is_left_for_a_person() {
        for written in ["4,50", "1.000,00", "3,5"] {
            assert_eq!(
                write(exact(4.5), written, true),
                Err(format!(
                    "\"{written}\" is written with a decimal comma; fix it by hand"
                ))
            );
        }
        assert_eq!(write(exact(2500.0), "1,000", true).as_deref(), Ok("2,500"));
        assert_eq!(
            write(exact(2500.5), "1,000.50", true).as_deref(),
            Ok("2,500.50")
        );
    }

    #[test]
    fn words_stay_words_in_the_same_case_when_the_reader_knows_them() {
        for (amount, written, replacement) in [
            (30.0, "Sixty", "Thirty"),
            (35.0, "sixty", "thirty-five"),
            (14.0, "SIXTY", "FOURTEEN"),
            (120.0, "ten", "one hundred twenty"),
            (300.0, "ten", "three hundred"),
            (1000.0, "ten", "1000"),
            (2.5, "Ten", "2.5"),
        ] {
            assert_eq!(
                write(exact(amount), written, false).as_deref(),
                Ok(replacement)
            );
        }
    }
}
