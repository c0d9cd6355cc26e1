//! Where one seller's part of an inquiry stands, and which moves between stages are allowed.
//!
//! ```text
//! from \ to   Replied  Quoted  Won  Lost  Closed
//! New             ✓       ✓                  ✓
//! Replied                 ✓      ✓    ✓      ✓
//! Quoted                         ✓    ✓      ✓
//! Won, Lost, Closed: final
//! ```
//!
//! The stages only go forward: a reply after a quote does not make the part "replied"
//! again, and a revised quote keeps it "quoted" (not a transition). `Won`, `Lost` and
//! `Closed` are final. `Closed` means ended without a sale decision (withdrawn, spam, cannot
//! supply); `Lost` means the buyer declined or chose someone else. `Won` and `Lost` need a
//! conversation first, so a `New` part can only be answered, quoted or closed.

use serde::{Deserialize, Serialize};

use crate::Lang;

/// The stage of one seller's part of an inquiry.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum InquiryStatus {
    /// Sent, not yet answered.
    #[default]
    New,
    /// The seller has answered (asked a question, confirmed stock), without a price yet.
    Replied,
    /// The seller has sent a price.
    Quoted,
    /// The buyer accepted: a sale.
    Won,
    /// The buyer declined or bought elsewhere.
    Lost,
    /// Ended without a decision: withdrawn, spam, or the seller cannot supply.
    Closed,
}

/// A move the state machine does not allow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("an inquiry cannot move from {from} to {to}")]
pub struct IllegalTransition {
    pub from: InquiryStatus,
    pub to: InquiryStatus,
}

impl InquiryStatus {
    /// In the order the seller's inbox shows its filter tabs.
    pub const ALL: [InquiryStatus; 6] = [
        InquiryStatus::New,
        InquiryStatus::Replied,
        InquiryStatus::Quoted,
        InquiryStatus::Won,
        InquiryStatus::Lost,
        InquiryStatus::Closed,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            InquiryStatus::New => "new",
            InquiryStatus::Replied => "replied",
            InquiryStatus::Quoted => "quoted",
            InquiryStatus::Won => "won",
            InquiryStatus::Lost => "lost",
            InquiryStatus::Closed => "closed",
        }
    }

    /// The stages this one may move to (the whole transition table, one row).
    pub fn next(self) -> &'static [InquiryStatus] {
        use InquiryStatus::*;
        match self {
            New => &[Replied, Quoted, Closed],
            Replied => &[Quoted, Won, Lost, Closed],
            Quoted => &[Won, Lost, Closed],
            Won | Lost | Closed => &[],
        }
    }

    /// Whether nothing can follow.
    pub fn is_final(self) -> bool {
        self.next().is_empty()
    }

    /// Whether `next` is a legal move from here. Staying put is not a move.
    pub fn can_move_to(self, next: InquiryStatus) -> bool {
        self.next().contains(&next)
    }

    /// The new stage, or why not.
    pub fn transition(self, next: InquiryStatus) -> Result<InquiryStatus, IllegalTransition> {
        if self.can_move_to(next) {
            Ok(next)
        } else {
            Err(IllegalTransition {
                from: self,
                to: next,
            })
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (InquiryStatus::New, Lang::Id) => "Baru",
            (InquiryStatus::New, Lang::En) => "New",
            (InquiryStatus::Replied, Lang::Id) => "Sudah dibalas",
            (InquiryStatus::Replied, Lang::En) => "Replied",
            (InquiryStatus::Quoted, Lang::Id) => "Penawaran terkirim",
            (InquiryStatus::Quoted, Lang::En) => "Quoted",
            (InquiryStatus::Won, Lang::Id) => "Berhasil (deal)",
            (InquiryStatus::Won, Lang::En) => "Won",
            (InquiryStatus::Lost, Lang::Id) => "Tidak jadi",
            (InquiryStatus::Lost, Lang::En) => "Lost",
            (InquiryStatus::Closed, Lang::Id) => "Ditutup",
            (InquiryStatus::Closed, Lang::En) => "Closed",
        }
    }
}

from_slug!(InquiryStatus, "inquiry status", display);

#[cfg(test)]
mod tests {
    use super::InquiryStatus::*;
    use super::*;

    /// The table, written out independently of `next()`: (from, to) pairs that are legal.
    const LEGAL: [(InquiryStatus, InquiryStatus); 10] = [
        (New, Replied),
        (New, Quoted),
        (New, Closed),
        (Replied, Quoted),
        (Replied, Won),
        (Replied, Lost),
        (Replied, Closed),
        (Quoted, Won),
        (Quoted, Lost),
        (Quoted, Closed),
    ];

    #[test]
    fn every_pair_matches_the_table() {
        let mut legal = 0;
        for from in InquiryStatus::ALL {
            for to in InquiryStatus::ALL {
                let expected = LEGAL.contains(&(from, to));
                assert_eq!(from.can_move_to(to), expected, "{from} → {to}");
                match from.transition(to) {
                    Ok(next) => {
                        assert!(expected, "{from} → {to}");
                        assert_eq!(next, to);
                        legal += 1;
                    }
                    Err(e) => {
                        assert!(!expected, "{from} → {to}");
                        assert_eq!(e, IllegalTransition { from, to });
                    }
                }
            }
        }
        assert_eq!(legal, LEGAL.len());
    }

    #[test]
    fn no_stage_stays_put_or_goes_back() {
        let rank = |s: InquiryStatus| InquiryStatus::ALL.iter().position(|x| *x == s).unwrap();
        for from in InquiryStatus::ALL {
            assert!(!from.can_move_to(from), "{from}");
            for &to in from.next() {
                assert!(rank(to) > rank(from), "{from} → {to}");
            }
        }
    }

    #[test]
    fn final_stages_are_won_lost_closed() {
        let finals: Vec<_> = InquiryStatus::ALL
            .into_iter()
            .filter(|s| s.is_final())
            .collect();
        assert_eq!(finals, [Won, Lost, Closed]);
        // Every stage can reach a final one.
        for s in InquiryStatus::ALL {
            assert!(s.is_final() || s.can_move_to(Closed), "{s}");
        }
    }

    #[test]
    fn walks_a_whole_life() {
        let end = New
            .transition(Replied)
            .and_then(|s| s.transition(Quoted))
            .and_then(|s| s.transition(Won));
        assert_eq!(end, Ok(Won));
        let err = Won.transition(Closed).unwrap_err();
        assert_eq!(err.to_string(), "an inquiry cannot move from won to closed");
        assert_eq!(
            Quoted.transition(Replied),
            Err(IllegalTransition {
                from: Quoted,
                to: Replied
            })
        );
    }

    #[test]
    fn slugs_serde_and_labels() {
        for s in InquiryStatus::ALL {
            assert_eq!(s.slug().parse::<InquiryStatus>(), Ok(s));
            assert_eq!(
                serde_json::to_string(&s).unwrap(),
                format!("\"{}\"", s.slug())
            );
            assert_ne!(s.label(Lang::Id), s.label(Lang::En), "{s}");
        }
        for lang in Lang::ALL {
            let labels: std::collections::HashSet<_> =
                InquiryStatus::ALL.iter().map(|s| s.label(lang)).collect();
            assert_eq!(labels.len(), InquiryStatus::ALL.len());
        }
        assert_eq!(InquiryStatus::default(), New);
        assert_eq!(Quoted.label(Lang::Id), "Penawaran terkirim");
        assert!("pending".parse::<InquiryStatus>().is_err());
    }
}
