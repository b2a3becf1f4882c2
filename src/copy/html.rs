//! Placeholder: html is read as plain text until its extractor lands.

use super::CopyBuilder;

pub(super) fn extract(file_text: &str, builder: &mut CopyBuilder) {
    builder.verbatim(0, file_text);
}
