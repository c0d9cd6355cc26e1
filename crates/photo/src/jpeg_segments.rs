//! A JPEG's marker segments in file order, through each scan's entropy-coded data, without
//! decoding any of it: what the server's re-check (EXIF anywhere, nothing after the image) and
//! the completeness check (does every coefficient of every component have its final scan?)
//! both need. Linear in the file, allocates nothing.

use crate::PhotoError;

/// Where the walk stopped.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum End {
    /// At the end-of-image marker, with `trailing` bytes after it (some phones append their
    /// own data there; the server refuses any).
    Eoi { trailing: usize },
    /// The file ends inside a scan's entropy-coded data, with no end-of-image marker: either
    /// the picture data is cut short or only the final marker is missing. The walk cannot tell
    /// which; the decoder can (see `decode::decode_jpeg_without_eoi`).
    InScan,
}

/// One marker of the file's segment structure.
pub(crate) enum Marker<'a> {
    /// A marker without a length: EOI (`0xD9`), a restart marker, TEM.
    Standalone(u8),
    /// A marker segment and its body (after the two length bytes).
    Segment(u8, &'a [u8]),
}

/// Reads the marker at `*pos` (after any fill bytes) and, when it has one, its segment, and
/// moves `*pos` past them. A file that ends there, or a segment that runs past the end, is
/// [`PhotoError::Incomplete`]; bytes where a marker must be are [`PhotoError::Corrupt`].
pub(crate) fn next_marker<'a>(bytes: &'a [u8], pos: &mut usize) -> Result<Marker<'a>, PhotoError> {
    // Markers may be preceded by any number of 0xFF fill bytes.
    while bytes.get(*pos) == Some(&0xFF) && bytes.get(*pos + 1) == Some(&0xFF) {
        *pos += 1;
    }
    if *pos + 2 > bytes.len() {
        return Err(PhotoError::Incomplete {
            detail: "JPEG ends between two segments",
        });
    }
    let (0xFF, marker) = (bytes[*pos], bytes[*pos + 1]) else {
        return Err(PhotoError::corrupt("JPEG marker expected"));
    };
    *pos += 2;
    if matches!(marker, 0x01 | 0xD0..=0xD7 | 0xD9) {
        return Ok(Marker::Standalone(marker));
    }
    let len = match bytes.get(*pos..*pos + 2) {
        Some(b) => usize::from(u16::from_be_bytes([b[0], b[1]])),
        None => {
            return Err(PhotoError::Incomplete {
                detail: "JPEG ends inside a segment header",
            })
        }
    };
    if len < 2 {
        return Err(PhotoError::corrupt("JPEG segment length"));
    }
    let body = bytes
        .get(*pos + 2..*pos + len)
        .ok_or(PhotoError::Incomplete {
            detail: "JPEG segment runs past the end",
        })?;
    *pos += len;
    Ok(Marker::Segment(marker, body))
}

/// Calls `visit(marker, body)` for every marker segment that has a length, from the first
/// after SOI, through each scan's entropy-coded data, to the end-of-image marker or the end
/// of the file; errors as [`next_marker`] says.
pub(crate) fn walk(
    bytes: &[u8],
    mut visit: impl FnMut(u8, &[u8]) -> Result<(), PhotoError>,
) -> Result<End, PhotoError> {
    let mut pos = 2;
    loop {
        let marker = match next_marker(bytes, &mut pos)? {
            Marker::Standalone(0xD9) => {
                return Ok(End::Eoi {
                    trailing: bytes.len() - pos,
                })
            }
            Marker::Standalone(_) => continue,
            Marker::Segment(marker, body) => {
                visit(marker, body)?;
                marker
            }
        };
        if marker == 0xDA {
            // Entropy-coded data runs to the next 0xFF that is neither a stuffed 0xFF00 nor a
            // restart marker.
            loop {
                match bytes.get(pos) {
                    None => return Ok(End::InScan),
                    Some(0xFF) if !matches!(bytes.get(pos + 1), Some(0x00 | 0xD0..=0xD7)) => break,
                    Some(_) => pos += 1,
                }
            }
        }
    }
}

/// Whether the scans in `bytes` give every coefficient of every component of the frame its
/// final value (a scan with successive approximation `Al = 0` over it). A baseline JPEG's
/// scans always do once each component has one; a progressive JPEG cut between two scans
/// still decodes, as a blurry or colourless picture, without this check.
///
/// Lossless and hierarchical JPEGs (rare, never from a phone camera) are not judged: `Ok`.
pub(crate) fn scans_cover_frame(bytes: &[u8]) -> Result<(), PhotoError> {
    const NOT_COVERED: PhotoError = PhotoError::Incomplete {
        detail: "JPEG lacks the scans for part of its picture",
    };
    // (component id, coefficients 0..=63 that reached their final value) per component.
    let mut components: [(u8, u64); 4] = [(0, 0); 4];
    let mut count = 0;
    let mut judged = false;
    walk(bytes, |marker, body| {
        match marker {
            // DCT frames, sequential or progressive, Huffman or arithmetic coded.
            0xC0..=0xC2 | 0xC9 | 0xCA => {
                let n = usize::from(*body.get(5).unwrap_or(&0));
                let ids = body.get(6..6 + 3 * n).unwrap_or_default();
                count = (ids.len() / 3).min(components.len());
                for (slot, spec) in components.iter_mut().zip(ids.chunks_exact(3)) {
                    *slot = (spec[0], 0);
                }
                judged = true;
            }
            0xDA => {
                let n = usize::from(*body.first().unwrap_or(&0));
                let (Some(ids), Some(&[ss, se, a])) =
                    (body.get(1..1 + 2 * n), body.get(1 + 2 * n..4 + 2 * n))
                else {
                    return Err(PhotoError::corrupt("JPEG scan header"));
                };
                if a & 0x0F == 0 && ss <= se && se < 64 {
                    // Bits ss..=se set.
                    let band = (u64::MAX >> (63 - se)) & (u64::MAX << ss);
                    for id in ids.chunks_exact(2).map(|c| c[0]) {
                        if let Some(slot) = components[..count].iter_mut().find(|c| c.0 == id) {
                            slot.1 |= band;
                        }
                    }
                }
            }
            _ => {}
        }
        Ok(())
    })?;
    if judged
        && components[..count]
            .iter()
            .any(|&(_, done)| done != u64::MAX)
    {
        return Err(NOT_COVERED);
    }
    Ok(())
}

/// A 48×32 JPEG as `jpeg-encoder` writes it (APP0, SOF, tables, scans, EOI), for the
/// crate's unit tests.
#[cfg(test)]
pub(crate) fn tiny_jpeg(progressive: bool) -> Vec<u8> {
    let pixels: Vec<u8> = (0..48 * 32 * 3).map(|i| (i * 7 % 251) as u8).collect();
    let mut out = Vec::new();
    let mut encoder = jpeg_encoder::Encoder::new(&mut out, 80);
    encoder.set_progressive(progressive);
    encoder
        .encode(&pixels, 48, 32, jpeg_encoder::ColorType::Rgb)
        .unwrap();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    use super::tiny_jpeg as jpeg;

    fn scan_offsets(bytes: &[u8]) -> Vec<usize> {
        (0..bytes.len() - 1)
            .filter(|&i| bytes[i] == 0xFF && bytes[i + 1] == 0xDA)
            .collect()
    }

    #[test]
    fn a_whole_file_ends_at_its_marker_and_trailing_bytes_are_counted() {
        let plain = jpeg(false);
        assert_eq!(walk(&plain, |_, _| Ok(())), Ok(End::Eoi { trailing: 0 }));
        let mut padded = plain.clone();
        padded.extend_from_slice(b"vendor data");
        assert_eq!(walk(&padded, |_, _| Ok(())), Ok(End::Eoi { trailing: 11 }));
        let no_eoi = &plain[..plain.len() - 2];
        assert_eq!(walk(no_eoi, |_, _| Ok(())), Ok(End::InScan));
    }

    #[test]
    fn a_cut_inside_the_headers_is_incomplete() {
        let plain = jpeg(false);
        let first_scan = scan_offsets(&plain)[0];
        for cut in 3..first_scan + 4 {
            let r = walk(&plain[..cut], |_, _| Ok(()));
            assert!(
                matches!(r, Err(PhotoError::Incomplete { .. })),
                "cut at {cut}: {r:?}"
            );
        }
    }

    #[test]
    fn every_scan_of_a_whole_file_covers_its_frame() {
        for progressive in [false, true] {
            let whole = jpeg(progressive);
            assert_eq!(
                scans_cover_frame(&whole),
                Ok(()),
                "progressive {progressive}"
            );
            assert_eq!(scans_cover_frame(&whole[..whole.len() - 2]), Ok(()));
        }
    }

    #[test]
    fn a_progressive_file_cut_between_scans_is_incomplete() {
        let whole = jpeg(true);
        let scans = scan_offsets(&whole);
        assert!(scans.len() > 2, "{} scans", scans.len());
        // Cut just before each later scan: the scans before it decode, the picture does not
        // have its final values.
        for &at in &scans[1..] {
            assert_eq!(
                scans_cover_frame(&whole[..at]).unwrap_err().code(),
                "incomplete",
                "cut before the scan at {at}"
            );
        }
    }
}
