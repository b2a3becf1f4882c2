//! What the extractors' tests share: reading a file's copy back onto it.

use super::{extract, Copy, CopyKind, BLOCK_BREAK};
use std::path::Path;

/// Asserts that `text` read as `kind` gives `expected` (`¶` for block
/// breaks), and that the first place of each phrase of `sources` in the copy
/// stands for the bytes of `text` given with it.
pub(super) fn assert_copy(kind: CopyKind, text: &str, expected: &str, sources: &[(&str, &str)]) {
    let copy = copy_of(kind, text);
    check_ranges(&copy, text);
    assert_eq!(copy.text.replace(BLOCK_BREAK, "¶"), expected, "{text:?}");
    for &(phrase, source) in sources {
        let at = copy
            .text
            .find(phrase)
            .unwrap_or_else(|| panic!("{phrase:?} is not in {:?}", copy.text));
        assert_eq!(&text[copy.original_range(at..at + phrase.len())], source);
    }
}

/// The copy of `text`, which must extract.
fn copy_of(kind: CopyKind, text: &str) -> Copy {
    extract(kind, text).unwrap_or_else(|e| panic!("{text:?}: {}", e.message))
}

/// Whatever `text` is, reading it as `kind` does not panic, and the copy or
/// the error points inside it.
pub(super) fn check_any(kind: CopyKind, text: &str) {
    match extract(kind, text) {
        Ok(copy) => check_ranges(&copy, text),
        Err(error) => assert!(
            error.span.start <= error.span.end
                && error.span.end <= text.len()
                && text.is_char_boundary(error.span.start)
                && text.is_char_boundary(error.span.end),
            "{error:?}"
        ),
    }
}

/// Every character of the copy maps into `file`, on character boundaries,
/// and every verbatim piece is the file's own bytes.
fn check_ranges(copy: &Copy, file: &str) {
    for (i, piece) in copy.pieces.iter().enumerate() {
        let text_end = copy
            .pieces
            .get(i + 1)
            .map_or(copy.text.len(), |p| p.text_start);
        if piece.verbatim {
            assert_eq!(
                &copy.text[piece.text_start..text_end],
                &file[piece.original_start..piece.original_end]
            );
        }
    }
    for (at, c) in copy.text.char_indices() {
        let range = copy.original_range(at..at + c.len_utf8());
        assert!(
            range.start <= range.end && range.end <= file.len(),
            "{range:?} of {c:?} is outside {} bytes",
            file.len()
        );
        assert!(
            file.is_char_boundary(range.start) && file.is_char_boundary(range.end),
            "{range:?} of {c:?} splits a character"
        );
    }
}

/// Extracts every file of the shared corpus's policies with `extension`,
/// where the corpus is there, and checks its ranges.
pub(super) fn check_corpus(kind: CopyKind, extension: &str) {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/policies");
    let Ok(entries) = std::fs::read_dir(folder) else {
        return;
    };
    for path in entries.filter_map(|entry| Some(entry.ok()?.path())) {
        if path.extension().is_some_and(|e| e == extension) {
            let text = std::fs::read_to_string(&path).unwrap();
            let copy = extract(kind, &text)
                .unwrap_or_else(|e| panic!("{}: {}", path.display(), e.message));
            check_ranges(&copy, &text);
        }
    }
}

/// Property tests for an extractor: any text, and any text made of
/// `$fragments`, reads without a panic onto itself.
macro_rules! never_panics {
    ($kind:expr, $fragments:expr) => {
        proptest::proptest! {
            #[test]
            fn never_panics_and_every_range_is_in_the_file(text in "(?s).*") {
                super::super::testing::check_any($kind, &text);
            }

            #[test]
            fn never_panics_on_text_made_of_its_syntax(
                parts in proptest::collection::vec(proptest::sample::select($fragments), 0..60),
            ) {
                super::super::testing::check_any($kind, &parts.concat());
            }
        }
    };
}
pub(super) use never_panics;
