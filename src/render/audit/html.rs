//! `promiselint audit --html FILE`: the audit as one page to share.
//!
//! The page stands alone: inline CSS, no script, font, image or link to
//! fetch, so it opens the same from an email attachment as from a CI
//! artifact. Collapsing uses `<details>`, which needs no JavaScript. Every
//! text that comes from the inputs is escaped — copy may hold `<script>` —
//! and a Content-Security-Policy forbids scripts outright, so even a mistake
//! in escaping could not run one. Each cell says its state in words as well
//! as in colour, for readers who do not see the colours, and for print.

use super::{cell_text, grand_total, row_total, summary_sentence};
use crate::render::{escape, plural};
use crate::report::audit::{Audit, Backing, Cell, Place, PromiseAudit, State};
use std::fmt::Write;

const STYLE: &str = include_str!("audit.css");

/// The page, made on `date` (`YYYY-MM-DD`).
pub fn render(audit: &Audit, date: &str) -> String {
    let mut page = String::new();
    let inputs = audit.inputs.join(", ");
    let _ = write!(
        page,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>Promise audit of {inputs} ({date})</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n\
         <header>\n<h1>Promise audit</h1>\n\
         <p class=\"meta\">{inputs}: {} and {}, audited on <time datetime=\"{date}\">{date}</time> by promiselint {}.</p>\n\
         <p class=\"summary\">{}</p>\n</header>\n<main>\n",
        plural(audit.promise_files, "promise file"),
        plural(audit.copy_files, "copy file"),
        env!("CARGO_PKG_VERSION"),
        text(&summary_sentence(audit)),
        inputs = text(&inputs),
        date = text(date),
    );
    matrix(audit, &mut page);
    promises(audit, &mut page);
    touchpoints(audit, &mut page);
    inconsistencies(audit, &mut page);
    page.push_str("</main>\n</body>\n</html>\n");
    page
}

/// Text from the inputs, safe anywhere in the page.
fn text(text: &str) -> String {
    escape(text, true)
}

/// The badge of a promise the policy does not back, or nothing.
fn unbacked_badge(promise: &PromiseAudit) -> &'static str {
    if promise.unbacked() {
        " <span class=\"badge broken\" title=\"unbacked-promise\">not backed by the policy</span>"
    } else {
        ""
    }
}

/// A badge saying a state in words, coloured by it.
fn badge(state: State) -> String {
    format!(
        "<span class=\"badge {}\">{}</span>",
        class(state),
        state.as_str()
    )
}

fn class(state: State) -> &'static str {
    match state {
        State::NotMade => "not-made",
        State::Kept => "kept",
        State::Inconsistent => "inconsistent",
        State::Broken => "broken",
    }
}

/// A matrix cell: the count and mark, and the state in words.
fn cell(cell: Cell, tag: &str) -> String {
    let words = match cell.state {
        State::NotMade => String::new(),
        state => format!("<span class=\"words\">{}</span>", state.as_str()),
    };
    format!(
        "<{tag} class=\"cell {}\" data-state=\"{}\" title=\"{}\">{}{words}</{tag}>",
        class(cell.state),
        cell.state.as_str(),
        cell.state.as_str(),
        text(&cell_text(cell)),
    )
}

fn matrix(audit: &Audit, page: &mut String) {
    page.push_str(
        "<section id=\"matrix\">\n<h2>Promises × touchpoints</h2>\n\
         <div class=\"scroll\"><table class=\"matrix\">\n<thead><tr><th scope=\"col\">Promise</th>",
    );
    for (t, touchpoint) in audit.touchpoints.iter().enumerate() {
        let title = touchpoint.title.as_deref().unwrap_or_default();
        let _ = write!(
            page,
            "<th scope=\"col\" data-touchpoint=\"{}\"><a href=\"#touchpoint-{t}\">{}</a><small>{}</small></th>",
            text(&touchpoint.name),
            text(&touchpoint.name),
            text(title)
        );
    }
    page.push_str("<th scope=\"col\">Total</th></tr></thead>\n<tbody>\n");
    for (p, promise) in audit.promises.iter().enumerate() {
        let _ = write!(
            page,
            "<tr data-promise=\"{}\"><th scope=\"row\"><a href=\"#promise-{p}\">{}</a>{}</th>",
            text(&promise.title),
            text(&promise.title),
            unbacked_badge(promise)
        );
        for &c in &promise.cells {
            page.push_str(&cell(c, "td"));
        }
        page.push_str(&cell(row_total(audit, p), "td"));
        page.push_str("</tr>\n");
    }
    page.push_str("</tbody>\n<tfoot><tr><th scope=\"row\">Total</th>");
    for c in audit.column_totals() {
        page.push_str(&cell(c, "td"));
    }
    page.push_str(&cell(grand_total(audit), "td"));
    page.push_str("</tr></tfoot>\n</table></div>\n<p class=\"key\">");
    for state in [
        State::Broken,
        State::Inconsistent,
        State::Kept,
        State::NotMade,
    ] {
        page.push_str(&badge(state));
    }
    page.push_str(
        " Each cell counts the places a promise is made on a touchpoint; its colour is the \
         worst state among them. A file covered by two touchpoints counts under both; totals \
         count each place once.</p>\n</section>\n",
    );
}

fn promises(audit: &Audit, page: &mut String) {
    page.push_str("<section id=\"promises\">\n<h2>Promises</h2>\n");
    for (p, promise) in audit.promises.iter().enumerate() {
        let _ = write!(
            page,
            "<article class=\"card\" id=\"promise-{p}\">\n<h3>{} {}{}</h3>\n",
            text(&promise.title),
            badge(promise.state()),
            unbacked_badge(promise)
        );
        if let Some(why) = &promise.why {
            let _ = writeln!(page, "<p class=\"why\">{}</p>", text(why));
        }
        page.push_str("<dl>\n<dt>Says</dt><dd><ul class=\"phrases\">");
        for says in &promise.says {
            let _ = write!(page, "<li>“{}”</li>", text(says));
        }
        page.push_str("</ul></dd>\n<dt>Requires</dt><dd><ul class=\"requires\">");
        requirements(promise, page);
        page.push_str("</ul></dd>\n</dl>\n");
        places(audit, &promise.places, "made", page);
        page.push_str("</article>\n");
    }
    page.push_str("</section>\n");
}

fn requirements(promise: &PromiseAudit, page: &mut String) {
    for requirement in &promise.requires {
        let (class, words) = match requirement.backing {
            Backing::Holds => ("kept", "holds"),
            Backing::Fails => ("broken", "fails"),
            Backing::PerFigure => ("per-figure", "checked per figure"),
        };
        let values: Vec<String> = requirement
            .policy
            .iter()
            .map(|(path, value)| format!("<code>{}</code> is {}", text(path), text(value)))
            .collect();
        let _ = write!(
            page,
            "<li><code>{}</code> <span class=\"badge {class}\">{words}</span>{}</li>",
            text(&requirement.condition),
            if values.is_empty() {
                String::new()
            } else {
                format!(
                    " <span class=\"policy\">today: {}</span>",
                    values.join(", ")
                )
            }
        );
    }
}

/// A collapsible list of places, with snippets; open when one is not kept.
fn places(audit: &Audit, places: &[Place], verb: &str, page: &mut String) {
    if places.is_empty() {
        let _ = writeln!(
            page,
            "<p class=\"none\">Not {verb} anywhere in the copy.</p>"
        );
        return;
    }
    let open = if places.iter().any(|p| p.state != State::Kept) {
        " open"
    } else {
        ""
    };
    let _ = write!(
        page,
        "<details{open}><summary>{} {verb} in the copy</summary>\n<ul class=\"places\">\n",
        plural(places.len(), "place")
    );
    for place in places {
        place_item(audit, place, page);
    }
    page.push_str("</ul>\n</details>\n");
}

fn place_item(audit: &Audit, place: &Place, page: &mut String) {
    let touchpoints: Vec<String> = place
        .touchpoints
        .iter()
        .map(|&t| text(&audit.touchpoints[t].name))
        .collect();
    let suppressed = if place.suppressed {
        " <span class=\"badge suppressed\">not reported by check</span>"
    } else {
        ""
    };
    let _ = write!(
        page,
        "<li class=\"place {}\" data-state=\"{}\">{}{suppressed} <code class=\"where\">{}:{}:{}</code> \
         <span class=\"touchpoints\">{}</span>\n<blockquote>{}<mark>{}</mark>{}</blockquote>\n",
        class(place.state),
        place.state.as_str(),
        badge(place.state),
        text(&place.file),
        place.line,
        place.column,
        touchpoints.join(", "),
        text(&place.snippet.before),
        text(&place.snippet.marked),
        text(&place.snippet.after),
    );
    if let Some(detail) = &place.detail {
        let _ = writeln!(page, "<p class=\"detail\">{}</p>", text(detail));
    }
    page.push_str("</li>\n");
}

fn touchpoints(audit: &Audit, page: &mut String) {
    page.push_str("<section id=\"touchpoints\">\n<h2>Touchpoints</h2>\n");
    for (t, touchpoint) in audit.touchpoints.iter().enumerate() {
        let title = touchpoint
            .title
            .as_deref()
            .map(|title| format!(" <small>{}</small>", text(title)))
            .unwrap_or_default();
        let _ = write!(
            page,
            "<article class=\"card\" id=\"touchpoint-{t}\">\n<h3>{}{title}</h3>\n\
             <details><summary>{}</summary>\n<ul class=\"files\">",
            text(&touchpoint.name),
            plural(touchpoint.files.len(), "copy file")
        );
        for file in &touchpoint.files {
            let _ = write!(page, "<li><code>{}</code></li>", text(file));
        }
        page.push_str("</ul>\n</details>\n<h4>Forbidden phrases</h4>\n");
        places(audit, &touchpoint.forbidden, "said", page);
        page.push_str("</article>\n");
    }
    page.push_str("</section>\n");
}

fn inconsistencies(audit: &Audit, page: &mut String) {
    page.push_str("<section id=\"inconsistencies\">\n<h2>Different figures</h2>\n");
    if audit.inconsistencies.is_empty() {
        page.push_str("<p class=\"none\">Every promise is given one figure everywhere.</p>\n");
    } else {
        page.push_str(
            "<p class=\"key\">Every place that gives a promise a figure, grouped by figure. \
             A figure the policy does not back is a broken promise; figures it cannot tell \
             apart are inconsistent.</p>\n",
        );
    }
    for inconsistency in &audit.inconsistencies {
        let promise = &audit.promises[inconsistency.promise];
        let _ = write!(
            page,
            "<article class=\"card\">\n<h3>{}</h3>\n<div class=\"figures\">\n",
            text(&promise.title)
        );
        for group in &inconsistency.figures {
            let _ = write!(
                page,
                "<div class=\"figure\">\n<p class=\"value\">{}</p>\n<p class=\"count\">{}</p>\n<ul class=\"places\">\n",
                text(&group.figure),
                plural(group.places.len(), "place")
            );
            for &p in &group.places {
                place_item(audit, &promise.places[p], page);
            }
            page.push_str("</ul>\n</div>\n");
        }
        page.push_str("</div>\n</article>\n");
    }
    page.push_str("</section>\n");
}

/// The civil (proleptic Gregorian, UTC) date of a Unix time, `YYYY-MM-DD`:
/// Howard Hinnant's `civil_from_days`, to do without a date crate.
pub fn civil_date(seconds: i64) -> String {
    let days = seconds.div_euclid(86_400);
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let shifted_month = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * shifted_month + 2) / 5 + 1;
    let month = if shifted_month < 10 {
        shifted_month + 3
    } else {
        shifted_month - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

#[cfg(test)]
mod tests {
    use super::civil_date;

    #[test]
    fn civil_dates_of_unix_times() {
        assert_eq!(civil_date(0), "1970-01-01");
        assert_eq!(civil_date(951_782_400), "2000-02-29");
        assert_eq!(civil_date(1_709_251_199), "2024-02-29");
        assert_eq!(civil_date(1_735_689_600), "2025-01-01");
        assert_eq!(civil_date(-86_400), "1969-12-31");
    }
}
