//! "Did you mean …?" for misspelt names, units and keywords, and for globs
//! that match no file.

use crate::work::{self, Step};
use globset::Glob;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// How many candidates a suggestion reads, at most: far more names than any
/// policy group, keyword list or folder holds, and a bound on the work for a
/// list no one writes by hand, so that a file of thousands of misspelt names
/// is read in time proportional to its size, not to its size squared.
pub const MAX_CANDIDATES: usize = 256;

/// The candidate closest to `word`, if it is close enough to be a likely
/// typo: at most a third of the word's length in edits (at least one), or one
/// is a prefix of the other (`restocking` for `restocking_fee`). Of the first
/// [`MAX_CANDIDATES`] candidates; those whose length alone puts them too far
/// are passed over without measuring the distance.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let word = word.to_lowercase();
    let length = word.chars().count();
    let limit = (length / 3).max(1);
    candidates
        .into_iter()
        .take(MAX_CANDIDATES)
        .filter_map(|candidate| {
            work::count(Step::Suggestion, 1);
            let lower = candidate.to_lowercase();
            let apart = lower.chars().count().abs_diff(length);
            // A prefix is as many edits away as it is shorter.
            if word.len() >= 3 && (lower.starts_with(&word) || word.starts_with(&lower)) {
                return Some((apart, candidate));
            }
            if apart > limit {
                return None;
            }
            let distance = strsim::damerau_levenshtein(&word, &lower);
            (distance <= limit).then_some((distance, candidate))
        })
        .min_by_key(|&(distance, _)| distance)
        .map(|(_, candidate)| candidate)
}

/// The hint for a glob that matches no file: a near spelling that matches
/// some, if there is one, then what the glob is relative to.
pub fn unmatched_glob_hint(near: Option<&str>, relative_to: &str) -> String {
    let relative = format!("globs are relative to {relative_to}");
    match near {
        Some(near) => format!("did you mean `{near}`? ({relative})"),
        None => relative,
    }
}

/// "did you mean `…`?" for the closest candidate, shown by `show`; else `otherwise`.
pub fn did_you_mean_or<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
    show: impl Fn(&str) -> String,
    otherwise: impl Into<String>,
) -> String {
    match did_you_mean(word, candidates) {
        Some(close) => format!("did you mean `{}`?", show(close)),
        None => otherwise.into(),
    }
}

/// How many (folder, extension) pairs a walk remembers for did-you-mean:
/// enough for any real site, bounded for a huge one.
const MAX_SEEN: usize = 4096;

/// What a walk under one folder saw, for did-you-mean on globs that match
/// nothing (a touchpoint's `files`, the configuration's `exclude`): one file
/// for each (folder, extension) pair, at most [`MAX_SEEN`].
#[derive(Default)]
pub struct SeenFiles {
    files: BTreeMap<(String, String), String>,
}

impl SeenFiles {
    /// Remembers a file, given relative to the folder walked.
    pub fn add(&mut self, relative: &Path) {
        if self.files.len() >= MAX_SEEN {
            return;
        }
        let Some(parts) = relative
            .components()
            .map(|part| part.as_os_str().to_str())
            .collect::<Option<Vec<&str>>>()
        else {
            return;
        };
        let path = parts.join("/");
        let (folder, name) = path.rsplit_once('/').unwrap_or(("", &path));
        let extension = name.rsplit_once('.').map_or("", |(_, ext)| ext);
        let key = (folder.to_owned(), extension.to_owned());
        self.files.entry(key).or_insert_with(|| path.clone());
    }

    /// A near spelling of `glob` that matches a file seen: its literal
    /// folder prefix or its extension changed to one seen.
    pub fn suggest(&self, glob: &str) -> Option<String> {
        let meta = |segment: &str| segment.contains(['*', '?', '[', '{']);
        let segments: Vec<&str> = glob.split('/').collect();
        let literal = segments.iter().take_while(|s| !meta(s)).count();
        // The folder prefix: literal segments, less a literal file name.
        let literal = literal.min(segments.len() - 1);
        let prefix = segments[..literal].join("/");
        let last = segments[segments.len() - 1];
        let extension = last
            .rsplit_once('.')
            .map(|(_, ext)| ext)
            .filter(|ext| !ext.is_empty() && !meta(ext));
        let folders: BTreeSet<String> = self
            .files
            .keys()
            .filter_map(|(folder, _)| {
                let parts: Vec<&str> = folder.split('/').collect();
                (literal > 0 && parts.len() >= literal).then(|| parts[..literal].join("/"))
            })
            .collect();
        let extensions: BTreeSet<&str> = self.files.keys().map(|(_, ext)| ext.as_str()).collect();
        let near_folder = (literal > 0)
            .then(|| did_you_mean(&prefix, folders.iter().map(String::as_str)))
            .flatten()
            .filter(|folder| *folder != prefix);
        let near_extension = extension
            .and_then(|ext| did_you_mean(ext, extensions.iter().copied().filter(|e| !e.is_empty())))
            .filter(|near| Some(*near) != extension);
        let rewrite = |folder: Option<&str>, ext: Option<&str>| {
            let mut segments: Vec<String> = segments.iter().map(|s| (*s).to_owned()).collect();
            if let Some(folder) = folder {
                segments.splice(..literal, folder.split('/').map(str::to_owned));
            }
            if let (Some(ext), Some(old)) = (ext, extension) {
                let last = segments.last_mut().expect("a glob has a segment");
                last.truncate(last.len() - old.len());
                last.push_str(ext);
            }
            segments.join("/")
        };
        let candidates = [
            near_folder.map(|f| rewrite(Some(f), None)),
            near_extension.map(|e| rewrite(None, Some(e))),
            near_folder
                .zip(near_extension)
                .map(|(f, e)| rewrite(Some(f), Some(e))),
        ];
        candidates.into_iter().flatten().find(|candidate| {
            Glob::new(candidate).is_ok_and(|glob| {
                let matcher = glob.compile_matcher();
                self.files.values().any(|path| matcher.is_match(path))
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::did_you_mean;

    #[test]
    fn finds_typos_and_prefixes() {
        assert_eq!(
            did_you_mean("dayz", ["hours", "days", "weeks"]),
            Some("days")
        );
        assert_eq!(
            did_you_mean("windw", ["window", "restocking_fee"]),
            Some("window")
        );
        assert_eq!(
            did_you_mean("restocking", ["window", "restocking_fee"]),
            Some("restocking_fee")
        );
        assert_eq!(did_you_mean("polcy", ["policy", "promise"]), Some("policy"));
    }

    #[test]
    fn stays_quiet_when_nothing_is_close() {
        assert_eq!(did_you_mean("colour", ["window", "fee"]), None);
        assert_eq!(did_you_mean("x", ["window"]), None);
    }
}

#[cfg(test)]
mod seen_tests {
    use super::SeenFiles;
    use std::path::Path;

    fn seen(paths: &[&str]) -> SeenFiles {
        let mut seen = SeenFiles::default();
        for path in paths {
            seen.add(Path::new(path));
        }
        seen
    }

    #[test]
    fn suggests_a_near_folder_or_extension_that_matches_files() {
        let seen = seen(&["emails/orders/shipped.html", "site/index.md", "site/faq.md"]);
        assert_eq!(
            seen.suggest("email/**/*.htm").as_deref(),
            Some("emails/**/*.html")
        );
        assert_eq!(
            seen.suggest("emails/**/*.htm").as_deref(),
            Some("emails/**/*.html")
        );
        assert_eq!(seen.suggest("stie/*.md").as_deref(), Some("site/*.md"));
        assert_eq!(seen.suggest("**/*.mdx").as_deref(), Some("**/*.md"));
        assert_eq!(seen.suggest("newsletter/**/*.html"), None);
        assert_eq!(seen.suggest("site/*.txt"), None);
    }

    #[test]
    fn remembers_a_bounded_number_of_files() {
        let mut seen = SeenFiles::default();
        for i in 0..super::MAX_SEEN + 10 {
            seen.add(Path::new(&format!("folder{i}/page.md")));
        }
        assert_eq!(seen.files.len(), super::MAX_SEEN);
    }
}
