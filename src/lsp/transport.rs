//! JSON-RPC framing over a byte stream: `Content-Length` headers, then a
//! JSON body.
//!
//! lsp-server's own reader stops at the first body that is not a message;
//! this one reads each frame whole before parsing it, so a malformed body
//! is skipped and the stream stays in step.

use lsp_server::Message;
use std::io::{self, BufRead, Read};
use std::sync::mpsc::SyncSender;

/// One frame read from the client.
pub enum Frame {
    Message(Message),
    /// A body that is not a JSON-RPC message, and why.
    Malformed(String),
}

/// The next frame, or `None` at the end of the stream. An `Err` is a broken
/// header: where the next frame starts is then unknown.
pub fn read(input: &mut impl BufRead) -> io::Result<Option<Frame>> {
    let mut length = None;
    let mut line = String::new();
    loop {
        line.clear();
        if input.read_line(&mut line)? == 0 {
            return Ok(None);
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        let (name, value) = line
            .split_once(':')
            .ok_or_else(|| broken(format!("header without a colon: {line:?}")))?;
        if name.eq_ignore_ascii_case("content-length") {
            let value = value.trim().parse::<u64>();
            length = Some(value.map_err(|error| broken(format!("Content-Length: {error}")))?);
        }
    }
    let length = length.ok_or_else(|| broken("a frame without Content-Length".into()))?;
    // The body grows as its bytes arrive, not to the length the header
    // claims: a huge Content-Length on a short stream costs no memory.
    let mut body = Vec::new();
    if input.take(length).read_to_end(&mut body)? as u64 != length {
        return Err(io::ErrorKind::UnexpectedEof.into());
    }
    Ok(Some(match serde_json::from_slice(&body) {
        Ok(message) => Frame::Message(message),
        Err(error) => Frame::Malformed(error.to_string()),
    }))
}

/// What [`read`] returns: a frame, the end of the stream, or a broken header.
pub type Incoming = io::Result<Option<Frame>>;

/// Reads frames from `input` and sends them to `to` as they arrive, so that
/// the server can see what is waiting while it works. Stops after sending the
/// end of the stream or a broken header, or when nothing receives.
pub fn forward(mut input: impl BufRead, to: SyncSender<Incoming>) {
    loop {
        let incoming = read(&mut input);
        let last = !matches!(incoming, Ok(Some(_)));
        if to.send(incoming).is_err() || last {
            return;
        }
    }
}

fn broken(why: String) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, why)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame(body: &str) -> String {
        format!("Content-Length: {}\r\n\r\n{body}", body.len())
    }

    #[test]
    fn a_malformed_body_is_skipped_and_the_next_frame_read() {
        let stream = frame("{not json") + &frame(r#"{"jsonrpc":"2.0","method":"exit"}"#);
        let mut input = stream.as_bytes();
        assert!(matches!(read(&mut input), Ok(Some(Frame::Malformed(_)))));
        assert!(matches!(
            read(&mut input),
            Ok(Some(Frame::Message(Message::Notification(n)))) if n.method == "exit"
        ));
        assert!(matches!(read(&mut input), Ok(None)));
    }

    #[test]
    fn a_huge_content_length_reads_what_the_stream_has() {
        let mut input = "Content-Length: 99999999999999\r\n\r\n{}".as_bytes();
        let error = read(&mut input).err().expect("the body ends early");
        assert_eq!(error.kind(), io::ErrorKind::UnexpectedEof);
    }

    #[test]
    fn a_broken_header_is_an_error() {
        let mut input = "Content-Length: x\r\n\r\n{}".as_bytes();
        assert!(read(&mut input).is_err());
        let mut input = "\r\n{}".as_bytes();
        assert!(read(&mut input).is_err());
    }
}
