//! A search index as bytes, to move it between threads: the app's search worker builds it
//! (hundreds of milliseconds of wasm at 10,000 listings) and hands the bytes to the page,
//! which reads them back in about a millisecond and searches each keystroke on its own
//! thread, with no message round trip per keystroke.
//!
//! Layout, little-endian: `EIX1`, the listing count, then five sections each led by its
//! length in elements: the vocabulary's text (UTF-8), its term ends (u32), the posting
//! lists' starts (u32), the postings' listings (u32) and their field bits (u8). Reading
//! checks everything searching relies on, so bytes from elsewhere can only fail here.

use super::vocab::Vocab;
use super::SearchIndex;

const MAGIC: &[u8; 4] = b"EIX1";

/// Why bytes are not a search index.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IndexBytesError {
    #[error("not a search index (no EIX1 mark)")]
    NotAnIndex,
    #[error("the bytes end inside the {0}")]
    Truncated(&'static str),
    #[error("bytes left over after the index")]
    TrailingBytes,
    #[error("the index's {0} contradict each other")]
    Inconsistent(&'static str),
}

impl SearchIndex {
    /// The index as bytes (see the module's layout).
    pub fn to_bytes(&self) -> Vec<u8> {
        let (text, ends) = self.vocab.parts();
        let mut out = Vec::with_capacity(
            24 + text.len()
                + 4 * (ends.len() + self.starts.len() + self.docs.len())
                + self.fields.len(),
        );
        out.extend_from_slice(MAGIC);
        put_u32(&mut out, self.doc_count as u32);
        put_u32(&mut out, text.len() as u32);
        out.extend_from_slice(text.as_bytes());
        for list in [ends, &self.starts, &self.docs] {
            put_u32(&mut out, list.len() as u32);
            for &n in list {
                put_u32(&mut out, n);
            }
        }
        put_u32(&mut out, self.fields.len() as u32);
        out.extend_from_slice(&self.fields);
        out
    }

    /// Reads [`SearchIndex::to_bytes`]'s output back.
    pub fn from_bytes(bytes: &[u8]) -> Result<SearchIndex, IndexBytesError> {
        let mut r = Reader { bytes };
        if r.take(4, "mark")? != MAGIC {
            return Err(IndexBytesError::NotAnIndex);
        }
        let doc_count = r.u32("listing count")? as usize;
        let text_len = r.u32("vocabulary")? as usize;
        let text = std::str::from_utf8(r.take(text_len, "vocabulary")?)
            .map_err(|_| IndexBytesError::Inconsistent("vocabulary text"))?
            .to_owned();
        let ends = r.u32s("term ends")?;
        let starts = r.u32s("posting starts")?;
        let docs = r.u32s("postings")?;
        let fields_len = r.u32("field bits")? as usize;
        let fields = r.take(fields_len, "field bits")?.to_vec();
        if !r.bytes.is_empty() {
            return Err(IndexBytesError::TrailingBytes);
        }
        let increasing = |v: &[u32]| v.windows(2).all(|w| w[0] <= w[1]);
        let on_boundaries = ends.iter().all(|&e| text.is_char_boundary(e as usize));
        if !increasing(&ends)
            || ends.last().map_or(0, |&e| e as usize) != text.len()
            || !on_boundaries
        {
            return Err(IndexBytesError::Inconsistent("term ends"));
        }
        if starts.len() != ends.len() + 1
            || starts[0] != 0
            || !increasing(&starts)
            || starts[starts.len() - 1] as usize != docs.len()
        {
            return Err(IndexBytesError::Inconsistent("posting starts"));
        }
        if fields.len() != docs.len() || docs.iter().any(|&d| d as usize >= doc_count) {
            return Err(IndexBytesError::Inconsistent("postings"));
        }
        Ok(SearchIndex {
            vocab: Vocab::from_parts(text, ends),
            starts,
            docs,
            fields,
            doc_count,
        })
    }
}

fn put_u32(out: &mut Vec<u8>, n: u32) {
    out.extend_from_slice(&n.to_le_bytes());
}

struct Reader<'a> {
    bytes: &'a [u8],
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize, what: &'static str) -> Result<&'a [u8], IndexBytesError> {
        if self.bytes.len() < n {
            return Err(IndexBytesError::Truncated(what));
        }
        let (head, rest) = self.bytes.split_at(n);
        self.bytes = rest;
        Ok(head)
    }

    fn u32(&mut self, what: &'static str) -> Result<u32, IndexBytesError> {
        let b = self.take(4, what)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    fn u32s(&mut self, what: &'static str) -> Result<Vec<u32>, IndexBytesError> {
        let n = self.u32(what)? as usize;
        let raw = self.take(
            n.checked_mul(4).ok_or(IndexBytesError::Truncated(what))?,
            what,
        )?;
        Ok(raw
            .chunks_exact(4)
            .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::synthetic_catalog;

    #[test]
    fn an_index_read_back_answers_every_query_as_the_original() {
        let catalog = synthetic_catalog(1_500, 7);
        let index = SearchIndex::build(&catalog);
        let bytes = index.to_bytes();
        let back = SearchIndex::from_bytes(&bytes).unwrap();
        assert_eq!(back.len(), index.len());
        assert_eq!(back.term_count(), index.term_count());
        for q in [
            "",
            "k",
            "kerupuk udang",
            "madu kelulut",
            "amplagn",
            "rumput lau",
            "zzzz",
            "kopi ",
        ] {
            assert_eq!(back.search(q), index.search(q), "{q:?}");
        }
        assert_eq!(back.to_bytes(), bytes);
    }

    #[test]
    fn damaged_bytes_are_refused_not_searched() {
        let bytes = SearchIndex::build(&synthetic_catalog(40, 3)).to_bytes();
        assert_eq!(
            SearchIndex::from_bytes(b"nope").unwrap_err(),
            IndexBytesError::NotAnIndex
        );
        for cut in [3, 4, 9, bytes.len() / 2, bytes.len() - 1] {
            assert!(
                matches!(
                    SearchIndex::from_bytes(&bytes[..cut]),
                    Err(IndexBytesError::Truncated(_) | IndexBytesError::NotAnIndex)
                ),
                "cut at {cut}"
            );
        }
        let mut longer = bytes.clone();
        longer.push(0);
        assert_eq!(
            SearchIndex::from_bytes(&longer).unwrap_err(),
            IndexBytesError::TrailingBytes
        );
        // A listing count smaller than the postings name: searching would index past it.
        let mut fewer = bytes.clone();
        fewer[4..8].copy_from_slice(&1u32.to_le_bytes());
        assert_eq!(
            SearchIndex::from_bytes(&fewer).unwrap_err(),
            IndexBytesError::Inconsistent("postings")
        );
        // Every single flipped byte either still reads as an index or is refused; none panics.
        for i in 0..bytes.len() {
            let mut flipped = bytes.clone();
            flipped[i] ^= 0xA5;
            if let Ok(index) = SearchIndex::from_bytes(&flipped) {
                let _ = index.search("kerupuk udang");
                let _ = index.search("amplagn");
            }
        }
    }
}
