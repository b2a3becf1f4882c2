//! The one reader: the bytes and text of every file a run reads, promise
//! files, YAML policies and copy alike, with the same limits, the same
//! refusals (FIFOs, devices, files that grow while read) and the same
//! encodings (UTF-8; UTF-16 named, so that its fix can be said). A file the
//! language server holds unsaved is read from the overlay instead.

use super::limits::{Limits, MIB};
use crate::finding::{codes, Finding, Label};
use crate::source::{self, line_breaks, FileId, Sources, Span};
use std::io::Read;
use std::path::{Path, PathBuf};

/// How many leading bytes decide whether copy is binary (as many as git reads).
const BINARY_PROBE: usize = 8000;

/// Why a file was not read.
#[derive(Debug)]
pub enum ReadError {
    /// Larger than the limit, in bytes.
    TooLarge(u64),
    /// A FIFO, a device, a folder: reading it could block or never end.
    NotAFile,
    Io(std::io::Error),
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadError::TooLarge(limit) => {
                write!(f, "is larger than {} MiB", limit.div_ceil(MIB))
            }
            ReadError::NotAFile => f.write_str("is not a regular file"),
            ReadError::Io(error) => write!(f, "cannot be read: {error}"),
        }
    }
}

/// The bytes of the regular file at `path`, if it holds at most `limit`.
///
/// The size is checked before anything is read, on the file that was
/// opened, and the read stops one byte past the limit: a file that grows
/// meanwhile, or lies about its size (`/proc`), still costs no more.
pub fn read_regular(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    // Checked before opening: opening a FIFO would wait for a writer.
    if !std::fs::metadata(path).map_err(ReadError::Io)?.is_file() {
        return Err(ReadError::NotAFile);
    }
    let file = std::fs::File::open(path).map_err(ReadError::Io)?;
    let metadata = file.metadata().map_err(ReadError::Io)?;
    if !metadata.is_file() {
        return Err(ReadError::NotAFile);
    }
    if metadata.len() > limit {
        return Err(ReadError::TooLarge(limit));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(metadata.len()).unwrap_or(0));
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(ReadError::Io)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge(limit));
    }
    Ok(bytes)
}

/// The bytes of the file at `path`: its overlaid text, else the file's if
/// it is a regular file of at most `limit` bytes.
pub fn bytes(sources: &Sources, path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    match sources.overlaid(path) {
        Some(text) => Ok(text.as_bytes().to_vec()),
        None => read_regular(path, limit),
    }
}

/// Why a file's text was not read.
#[derive(Debug)]
pub enum Unread {
    /// The file could not be read, or was not a regular file.
    File(ReadError),
    /// Copy whose first bytes are not text (see [`is_binary`]).
    Binary,
    /// Not UTF-8; the message says where, or that it is UTF-16.
    Encoding(String),
}

impl std::fmt::Display for Unread {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Unread::File(error) => error.fmt(f),
            Unread::Binary => f.write_str("is a binary file"),
            Unread::Encoding(reason) => f.write_str(reason),
        }
    }
}

/// The text of a promise or policy file of at most `limit` bytes.
pub fn text(sources: &Sources, path: &Path, limit: u64) -> Result<String, Unread> {
    decode(bytes(sources, path, limit).map_err(Unread::File)?).map_err(Unread::Encoding)
}

/// The text of a copy file of at most `limit` bytes, which must not look
/// binary.
pub fn copy_text(sources: &Sources, path: &Path, limit: u64) -> Result<String, Unread> {
    let bytes = bytes(sources, path, limit).map_err(Unread::File)?;
    // UTF-16 is full of NULs, but deserves its own message.
    if !is_utf16(&bytes) && is_binary(&bytes[..bytes.len().min(BINARY_PROBE)]) {
        return Err(Unread::Binary);
    }
    decode(bytes).map_err(Unread::Encoding)
}

/// Whether the first bytes of a file, `probe`, are those of a binary file.
///
/// As for git and ripgrep, a NUL is the sign, but not one alone: a NUL is
/// skipped by browsers and editors, so a page with one in a comment is still
/// a page, read with the NUL as one more character. The probe is binary when
/// it holds a NUL and also bytes that are not UTF-8 (images, archives,
/// executables), or when control characters that text does not use make up
/// more than one byte in 32 (UTF-16 without its byte-order mark). Text that
/// is not UTF-8 but has no NUL is named as such by [`decode`].
fn is_binary(probe: &[u8]) -> bool {
    if !probe.contains(&0) {
        return false;
    }
    // A character cut by the end of the probe is not an invalid one.
    if std::str::from_utf8(probe).is_err_and(|error| error.error_len().is_some()) {
        return true;
    }
    let controls = probe
        .iter()
        .filter(|&&byte| (byte < b' ' || byte == 0x7F) && !b"\t\n\x0B\x0C\r\x1B".contains(&byte))
        .count();
    controls * 32 > probe.len()
}

/// `bytes` as UTF-8 text, or why they are not: a file saved as UTF-16 (its
/// byte-order mark says so) gets told how to fix it, any other the line
/// and byte offset of its first invalid byte.
fn decode(bytes: Vec<u8>) -> Result<String, String> {
    if is_utf16(&bytes) {
        return Err("is UTF-16; save it as UTF-8".to_owned());
    }
    String::from_utf8(bytes).map_err(|error| {
        let at = error.utf8_error().valid_up_to();
        let line = 1 + line_breaks(error.as_bytes(), 0..at).count();
        format!("is not UTF-8 (invalid byte on line {line}, at byte offset {at})")
    })
}

/// Whether `bytes` start with a UTF-16 byte-order mark.
fn is_utf16(bytes: &[u8]) -> bool {
    bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF])
}

/// Reads a promise file into `sources`. A file that cannot be read becomes an
/// `unreadable-file` finding; it is still added (empty) so the finding has a
/// place to point at. A file larger than `limits.max_policy_file_size` is not
/// read at all.
pub fn promise_file(
    sources: &mut Sources,
    path: PathBuf,
    limits: &Limits,
    findings: &mut Vec<Finding>,
) -> Option<FileId> {
    let reason = match text(sources, &path, limits.max_policy_file_size) {
        Ok(text) => return Some(sources.add(path, text)),
        Err(Unread::File(error @ ReadError::TooLarge(_))) => {
            format!("{error} (`max-policy-file-size` in promiselint.toml's [limits])")
        }
        Err(unread) => unread.to_string(),
    };
    let shown = source::display_path(&path);
    let file = sources.add(path, "");
    findings.push(
        Finding::new(
            &codes::UNREADABLE_FILE,
            Label::new(Span::new(file, 0, 0), "this file"),
            format!("{shown} {reason}"),
        )
        .with_hint("save it as UTF-8 text and make it readable"),
    );
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Overlay;

    #[test]
    fn reads_up_to_the_limit_and_refuses_more() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("a.md");
        std::fs::write(&path, b"12345").unwrap();
        assert_eq!(read_regular(&path, 5).unwrap(), b"12345");
        assert!(matches!(
            read_regular(&path, 4),
            Err(ReadError::TooLarge(4))
        ));
        assert!(matches!(
            read_regular(folder.path(), 9),
            Err(ReadError::NotAFile)
        ));
        let missing = read_regular(&folder.path().join("gone.md"), 9).unwrap_err();
        assert!(missing.to_string().starts_with("cannot be read: "));
    }

    #[test]
    fn a_stray_nul_leaves_text_text() {
        let page = "<p>Hello.</p>\n<!-- \0 -->\n<p>Enjoy 60-day returns.</p>\n";
        assert!(!is_binary(page.as_bytes()));
        // A character cut by the end of the probe.
        let cut = format!("{page}Caf\u{e9}");
        assert!(!is_binary(&cut.as_bytes()[..cut.len() - 1]));
        // Not UTF-8, as images are.
        assert!(is_binary(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"));
        // UTF-16 without its byte-order mark: a NUL every other byte.
        let utf16: Vec<u8> = "60-day returns"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        assert!(is_binary(&utf16));
        // Not UTF-8, but no NUL: named as not UTF-8 instead.
        assert!(!is_binary(b"Caf\xe9"));
    }

    #[cfg(unix)]
    #[test]
    fn devices_are_not_read() {
        assert!(matches!(
            read_regular(Path::new("/dev/zero"), MIB),
            Err(ReadError::NotAFile)
        ));
    }

    #[test]
    fn overlaid_texts_are_read_instead_of_the_files() {
        let mut overlay = Overlay::default();
        overlay.insert("/nowhere/./site/a.md".into(), "unsaved");
        let mut sources = Sources::with_overlay(overlay);
        let path = Path::new("/nowhere/site/a.md");
        assert_eq!(bytes(&sources, path, 1).unwrap(), b"unsaved");
        assert!(sources.is_overlaid(path));
        let id = sources.add_unread(path.into());
        assert_eq!(&**sources.get(id).text(), "unsaved");
        assert!(bytes(&sources, Path::new("/nowhere/b.md"), 1).is_err());
    }
}
