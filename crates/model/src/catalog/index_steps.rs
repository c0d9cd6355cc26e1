//! The card index's JSON made a [`Catalog`] a slice at a time, so a page can spread the
//! work over tasks of its event loop and answer a tap or a keystroke between them. At
//! 10,000 listings reading the JSON and making the listings took two tasks of 150–190 and
//! 240–260 ms of a phone's main thread (4× CPU slowdown); the target is none over 100 ms.
//!
//! [`CatalogSteps::new`] reads the index's small parts (sellers, villages, partners) and
//! finds its columns, left as raw JSON; each [`CatalogSteps::step`] then reads about
//! [`SLICE_BYTES`] of a column, or makes [`SLICE_LISTINGS`] listings. The result equals
//! `serde_json::from_slice::<CardIndex>(json)?.to_catalog()`, which the tests hold it to.

use std::collections::BTreeMap;

use serde::de::{DeserializeOwned, Error as _};
use serde_json::value::RawValue;

use super::index::{CardIndex, Cards, IndexError};
use super::{Catalog, Product};

/// JSON read in one step, at most (plus the element that crosses it).
const SLICE_BYTES: usize = 48 * 1024;
/// Listings made in one step.
const SLICE_LISTINGS: usize = 200;

/// Why the index's JSON cannot be made a catalog.
#[derive(Debug, thiserror::Error)]
pub enum StepError {
    #[error("the index is not the JSON expected: {0}")]
    Json(#[from] serde_json::Error),
    #[error("the index has no column `{0}`")]
    MissingColumn(&'static str),
    #[error(transparent)]
    Index(#[from] IndexError),
    #[error("the catalog was already made")]
    Finished,
}

/// What a step left.
#[derive(Debug)]
pub enum Step {
    More,
    Done(Box<Catalog>),
}

/// An index being read, then made a catalog.
pub struct CatalogSteps<'a> {
    stage: Stage<'a>,
}

enum Stage<'a> {
    /// Reading column `column` of [`COLUMNS`] (`reader` is on it).
    Reading {
        index: CardIndex<BTreeMap<&'a str, &'a RawValue>>,
        cards: Cards,
        column: usize,
        reader: ArrayReader<'a>,
    },
    /// Making the listings, `products.len()` of them so far.
    Making {
        index: CardIndex,
        products: Vec<Product>,
    },
    Finished,
}

/// Reads up to a number of bytes of one column into the cards; true once it has ended.
type ReadColumn = fn(&mut ArrayReader<'_>, &mut Cards) -> Result<bool, serde_json::Error>;

/// The columns, by their JSON names (those of [`Cards`]' fields), in the order read.
const COLUMNS: [(&str, ReadColumn); 15] = [
    ("ids", |r, c| r.read(&mut c.ids)),
    ("seller", |r, c| r.read(&mut c.seller)),
    ("village", |r, c| r.read(&mut c.village)),
    ("category", |r, c| r.read(&mut c.category)),
    ("name_id", |r, c| r.read(&mut c.name_id)),
    ("name_en", |r, c| r.read(&mut c.name_en)),
    ("unit", |r, c| r.read(&mut c.unit)),
    ("moq", |r, c| r.read(&mut c.moq)),
    ("price", |r, c| r.read(&mut c.price)),
    ("lead_time_days", |r, c| r.read(&mut c.lead_time_days)),
    ("export_ready", |r, c| r.read(&mut c.export_ready)),
    ("created", |r, c| r.read(&mut c.created)),
    ("certificates", |r, c| r.read(&mut c.certificates)),
    ("photo", |r, c| r.read(&mut c.photo)),
    ("words", |r, c| r.read(&mut c.words)),
];

impl<'a> CatalogSteps<'a> {
    /// Reads everything but the columns (a pass over the whole JSON, which also checks
    /// that it is well formed). Unknown columns are ignored, as serde would.
    pub fn new(json: &'a [u8]) -> Result<Self, StepError> {
        let index: CardIndex<BTreeMap<&'a str, &'a RawValue>> = serde_json::from_slice(json)?;
        let reader = column_reader(&index.cards, 0)?;
        Ok(Self {
            stage: Stage::Reading {
                index,
                cards: Cards::default(),
                column: 0,
                reader,
            },
        })
    }

    /// One slice of the work; [`Step::Done`] with the catalog after the last.
    pub fn step(&mut self) -> Result<Step, StepError> {
        match std::mem::replace(&mut self.stage, Stage::Finished) {
            Stage::Reading {
                index,
                mut cards,
                column,
                mut reader,
            } => {
                let ended = (COLUMNS[column].1)(&mut reader, &mut cards)?;
                self.stage = if !ended {
                    Stage::Reading {
                        index,
                        cards,
                        column,
                        reader,
                    }
                } else if column + 1 < COLUMNS.len() {
                    let reader = column_reader(&index.cards, column + 1)?;
                    Stage::Reading {
                        index,
                        cards,
                        column: column + 1,
                        reader,
                    }
                } else {
                    let index = with_cards(index, cards);
                    index.check_lengths()?;
                    let products = Vec::with_capacity(index.len());
                    Stage::Making { index, products }
                };
                Ok(Step::More)
            }
            Stage::Making {
                index,
                mut products,
            } => {
                let end = (products.len() + SLICE_LISTINGS).min(index.len());
                for i in products.len()..end {
                    products.push(index.product(i)?);
                }
                if products.len() < index.len() {
                    self.stage = Stage::Making { index, products };
                    return Ok(Step::More);
                }
                Ok(Step::Done(Box::new(index.catalog_of(products))))
            }
            Stage::Finished => Err(StepError::Finished),
        }
    }

    /// Whether the catalog's searches go to the server ([`CardIndex::searched_by_server`]),
    /// known from [`CatalogSteps::new`] on, before the listings are.
    pub fn searched_by_server(&self) -> bool {
        match &self.stage {
            Stage::Reading { index, .. } => index.searched_by_server,
            Stage::Making { index, .. } => index.searched_by_server,
            Stage::Finished => false,
        }
    }

    /// Whether the columns are read and the listings are being made.
    pub fn making(&self) -> bool {
        matches!(self.stage, Stage::Making { .. })
    }
}

fn column_reader<'a>(
    columns: &BTreeMap<&'a str, &'a RawValue>,
    column: usize,
) -> Result<ArrayReader<'a>, StepError> {
    let name = COLUMNS[column].0;
    let raw = columns.get(name).ok_or(StepError::MissingColumn(name))?;
    Ok(ArrayReader::new(raw)?)
}

fn with_cards<C>(index: CardIndex<C>, cards: Cards) -> CardIndex {
    CardIndex {
        version: index.version,
        sellers: index.sellers,
        villages: index.villages,
        fx: index.fx,
        partners: index.partners,
        partnerships: index.partnerships,
        reply_minutes: index.reply_minutes,
        searched_by_server: index.searched_by_server,
        cards,
    }
}

/// A JSON array (already checked well formed) read some elements at a time.
struct ArrayReader<'a> {
    /// What follows the elements read so far.
    rest: &'a [u8],
    started: bool,
}

impl<'a> ArrayReader<'a> {
    fn new(raw: &'a RawValue) -> Result<Self, serde_json::Error> {
        match raw.get().as_bytes().split_first() {
            Some((b'[', rest)) => Ok(Self {
                rest,
                started: false,
            }),
            _ => Err(serde_json::Error::custom("a column is not an array")),
        }
    }

    /// Reads elements into `into` until about [`SLICE_BYTES`] are read; true once the
    /// array has ended.
    fn read<T: DeserializeOwned>(&mut self, into: &mut Vec<T>) -> Result<bool, serde_json::Error> {
        let until = self.rest.len().saturating_sub(SLICE_BYTES);
        while self.rest.len() > until {
            self.skip_whitespace();
            if self.rest.first() == Some(&b']') {
                return Ok(true);
            }
            if self.started {
                match self.rest.split_first() {
                    Some((b',', rest)) => self.rest = rest,
                    _ => return Err(serde_json::Error::custom("expected `,` in a column")),
                }
            }
            self.started = true;
            // A stream of one value: it says where the value ended.
            let mut values = serde_json::Deserializer::from_slice(self.rest).into_iter::<T>();
            match values.next() {
                Some(value) => into.push(value?),
                None => return Err(serde_json::Error::custom("a column ends early")),
            }
            self.rest = &self.rest[values.byte_offset()..];
        }
        Ok(false)
    }

    fn skip_whitespace(&mut self) {
        let blank = self
            .rest
            .iter()
            .take_while(|b| b.is_ascii_whitespace())
            .count();
        self.rest = &self.rest[blank..];
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{demo_catalog, synthetic_catalog};

    fn in_steps(json: &[u8]) -> Result<(Catalog, usize), StepError> {
        let mut steps = CatalogSteps::new(json)?;
        for n in 1.. {
            if let Step::Done(catalog) = steps.step()? {
                return Ok((*catalog, n));
            }
        }
        unreachable!()
    }

    #[test]
    fn steps_make_the_catalog_that_reading_it_at_once_makes() {
        for catalog in [demo_catalog(), synthetic_catalog(3_000, 11)] {
            let index = CardIndex::from_catalog(&catalog);
            for json in [
                serde_json::to_vec(&index).unwrap(),
                serde_json::to_vec_pretty(&index).unwrap(),
            ] {
                let (made, steps) = in_steps(&json).unwrap();
                assert_eq!(made, index.to_catalog().unwrap());
                // Slices, not one step per column: a big index takes many.
                assert!(steps >= COLUMNS.len() + index.len() / SLICE_LISTINGS);
                if json.len() > 4 * SLICE_BYTES {
                    assert!(steps > COLUMNS.len() + json.len() / SLICE_BYTES / 2);
                }
            }
        }
    }

    #[test]
    fn a_step_after_the_last_is_refused() {
        let json = serde_json::to_vec(&CardIndex::from_catalog(&demo_catalog())).unwrap();
        let mut steps = CatalogSteps::new(&json).unwrap();
        while let Step::More = steps.step().unwrap() {}
        assert!(matches!(steps.step(), Err(StepError::Finished)));
    }

    #[test]
    fn where_searches_go_is_known_before_the_listings() {
        for searched_by_server in [false, true] {
            let index = CardIndex {
                searched_by_server,
                ..CardIndex::from_catalog(&synthetic_catalog(500, 2))
            };
            let json = serde_json::to_vec(&index).unwrap();
            let mut steps = CatalogSteps::new(&json).unwrap();
            assert_eq!(steps.searched_by_server(), searched_by_server);
            while !steps.making() {
                steps.step().unwrap();
            }
            assert_eq!(steps.searched_by_server(), searched_by_server);
        }
    }

    #[test]
    fn an_empty_catalog_is_made_too() {
        let mut catalog = demo_catalog();
        catalog.products.clear();
        let json = serde_json::to_vec(&CardIndex::from_catalog(&catalog)).unwrap();
        let (made, _) = in_steps(&json).unwrap();
        assert!(made.products.is_empty());
        assert_eq!(made.villages, catalog.villages);
    }

    #[test]
    fn damaged_json_is_refused_with_why() {
        let index = CardIndex::from_catalog(&synthetic_catalog(300, 5));
        let json = serde_json::to_string(&index).unwrap();
        // Cut short: not JSON.
        assert!(matches!(
            CatalogSteps::new(&json.as_bytes()[..json.len() / 2]),
            Err(StepError::Json(_))
        ));
        // A column missing, one of another type, one short.
        let mut value: serde_json::Value = serde_json::from_str(&json).unwrap();
        value["cards"].as_object_mut().unwrap().remove("price");
        let missing = serde_json::to_vec(&value).unwrap();
        let mut steps = CatalogSteps::new(&missing).unwrap();
        let err = loop {
            match steps.step() {
                Ok(Step::More) => continue,
                Ok(Step::Done(_)) => panic!("made a catalog without prices"),
                Err(e) => break e,
            }
        };
        assert!(matches!(err, StepError::MissingColumn("price")), "{err}");
        let mut value: serde_json::Value = serde_json::from_str(&json).unwrap();
        value["cards"]["moq"][7] = serde_json::json!("seven");
        assert!(matches!(
            in_steps(&serde_json::to_vec(&value).unwrap()),
            Err(StepError::Json(_))
        ));
        let mut value: serde_json::Value = serde_json::from_str(&json).unwrap();
        value["cards"]["moq"].as_array_mut().unwrap().pop();
        assert!(matches!(
            in_steps(&serde_json::to_vec(&value).unwrap()),
            Err(StepError::Index(IndexError::Ragged))
        ));
        let mut value: serde_json::Value = serde_json::from_str(&json).unwrap();
        value["cards"]["seller"] = serde_json::json!({ "not": "an array" });
        assert!(matches!(
            in_steps(&serde_json::to_vec(&value).unwrap()),
            Err(StepError::Json(_))
        ));
    }
}
