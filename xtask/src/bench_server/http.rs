//! A minimal HTTP/1.1 GET over a plain TCP stream, and decoding its gzip or brotli body.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

/// Status, headers (names in lower case) and body of one answer.
pub(super) type Answer = (u16, Vec<(String, String)>, Vec<u8>);

/// One HTTP/1.1 GET, `Connection: close`.
pub(super) fn http_get(
    addr: &str,
    path: &str,
    accept_encoding: Option<&str>,
) -> Result<Answer, String> {
    let mut stream = TcpStream::connect(addr).map_err(|e| format!("{addr}: {e}"))?;
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .map_err(|e| e.to_string())?;
    let ae = accept_encoding
        .map(|e| format!("Accept-Encoding: {e}\r\n"))
        .unwrap_or_default();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\n{ae}Connection: close\r\n\r\n"
    )
    .map_err(|e| e.to_string())?;
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).map_err(|e| e.to_string())?;
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .ok_or("no HTTP header end")?;
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let body = raw[split + 4..].to_vec();
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|s| s.parse().ok())
        .ok_or("no status line")?;
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    if headers
        .iter()
        .any(|(k, v)| k == "transfer-encoding" && v.contains("chunked"))
    {
        return Err(format!("{path}: chunked answer, expected a length"));
    }
    Ok((status, headers, body))
}

pub(super) fn decode(encoding: &str, body: &[u8]) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    match encoding {
        "gzip" => {
            flate2::read::GzDecoder::new(body)
                .read_to_end(&mut out)
                .map_err(|e| e.to_string())?;
        }
        "br" => {
            brotli::BrotliDecompress(&mut &body[..], &mut out).map_err(|e| e.to_string())?;
        }
        _ => out = body.to_vec(),
    }
    Ok(out)
}
