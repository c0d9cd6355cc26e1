//! From a claimed outbox row to the e-mail (or push message) it sends: whom it goes to, in
//! which language, and what it says. Pure: the row (with the inquiry it is about) and the
//! site's address in.

use etalase_model::inquiry::{ExportInquiry, PurchaseInquiry};
use etalase_model::{InquiryKind, Lang};

use super::compose::{self, Email, Push};
use super::facts::Facts;
use crate::store::ClaimedNotice;

/// Where the seller's app lists their inquiries.
pub const INBOX_PATH: &str = "/penjual/permintaan";
/// The buyer's private tracking page, before its token.
pub const TRACKING_PATH: &str = "/permintaan/lacak/";

/// An e-mail ready to send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Letter {
    /// One address, or a cooperative's operators.
    pub to: Vec<String>,
    pub email: Email,
}

/// Why a notice is not sent.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NotSent {
    /// Nobody to send it to (a seller without an address): recorded as off.
    #[error("no address: {0}")]
    NoAddress(&'static str),
    /// The stored row does not parse (a bug): recorded as failed.
    #[error("unreadable notice: {0}")]
    Unreadable(String),
}

/// The buyer's side of the stored form: where and in which language they hear from us.
struct Buyer {
    email: String,
    lang: Lang,
    organisation: String,
}

fn buyer(kind: InquiryKind, doc: &str) -> Result<Buyer, NotSent> {
    let unreadable = |e: serde_json::Error| NotSent::Unreadable(format!("inquiry form: {e}"));
    Ok(match kind {
        InquiryKind::Purchase => {
            let form: PurchaseInquiry = serde_json::from_str(doc).map_err(unreadable)?;
            Buyer {
                email: form.email,
                lang: form.lang,
                organisation: form.organisation,
            }
        }
        InquiryKind::Export => {
            let form: ExportInquiry = serde_json::from_str(doc).map_err(unreadable)?;
            Buyer {
                email: form.email,
                lang: form.lang,
                organisation: form.company,
            }
        }
    })
}

fn seller_address(notice: &ClaimedNotice) -> Result<Vec<String>, NotSent> {
    notice
        .seller_email
        .clone()
        .map(|a| vec![a])
        .ok_or(NotSent::NoAddress("the seller gave no e-mail address"))
}

/// Where a member's inquiry goes: the operators of their cooperative who gave an address.
fn operators(notice: &ClaimedNotice) -> Result<Vec<String>, NotSent> {
    if notice.cooperative_emails.is_empty() {
        return Err(NotSent::NoAddress(
            "no operator of the seller's cooperative gave an e-mail address",
        ));
    }
    Ok(notice.cooperative_emails.clone())
}

/// The operators' page for a member's inquiries.
fn member_inbox(site: &str, seller_id: Option<&str>) -> String {
    format!(
        "{site}/penjual/koperasi/anggota/{}/permintaan",
        seller_id.unwrap_or_default()
    )
}

/// The e-mail for `notice`; `site` is the public address without a trailing slash.
pub fn letter(notice: &ClaimedNotice, site: &str) -> Result<Letter, NotSent> {
    let facts: Facts = serde_json::from_str(&notice.notice)
        .map_err(|e| NotSent::Unreadable(format!("facts: {e}")))?;
    let kind = match notice.kind.as_str() {
        "purchase" => InquiryKind::Purchase,
        "export" => InquiryKind::Export,
        other => return Err(NotSent::Unreadable(format!("inquiry kind {other:?}"))),
    };
    let buyer = buyer(kind, &notice.doc)?;
    let tracking_url = format!("{site}{TRACKING_PATH}{}", notice.tracking_token);
    Ok(match facts {
        Facts::Receipt { sellers } => {
            let names: Vec<&str> = sellers.iter().map(String::as_str).collect();
            Letter {
                email: compose::receipt(buyer.lang, kind, &notice.reference, &names, &tracking_url),
                to: vec![buyer.email],
            }
        }
        Facts::NewInquiry { lines } => Letter {
            to: seller_address(notice)?,
            // Sellers' app is Indonesian first; their notices are too.
            email: compose::new_inquiry(
                Lang::Id,
                kind,
                &notice.reference,
                &buyer.organisation,
                lines,
                &format!("{site}{INBOX_PATH}"),
            ),
        },
        Facts::MemberInquiry { seller, lines } => Letter {
            to: operators(notice)?,
            email: compose::member_inquiry(
                &notice.reference,
                &buyer.organisation,
                &seller,
                lines,
                &member_inbox(site, notice.seller_id.as_deref()),
            ),
        },
        Facts::Quote { seller, quote } => Letter {
            email: compose::quote(
                buyer.lang,
                &notice.reference,
                &seller,
                &quote,
                &tracking_url,
            ),
            to: vec![buyer.email],
        },
        Facts::Decision { accepted, reason } => Letter {
            to: seller_address(notice)?,
            email: compose::decision(
                &notice.reference,
                &buyer.organisation,
                accepted,
                reason.as_deref(),
                &format!("{site}{INBOX_PATH}"),
            ),
        },
        Facts::Expired { seller, to_seller } => {
            if to_seller {
                Letter {
                    to: seller_address(notice)?,
                    email: compose::expired(
                        Lang::Id,
                        &notice.reference,
                        &seller,
                        true,
                        &format!("{site}{INBOX_PATH}"),
                    ),
                }
            } else {
                Letter {
                    email: compose::expired(
                        buyer.lang,
                        &notice.reference,
                        &seller,
                        false,
                        &tracking_url,
                    ),
                    to: vec![buyer.email],
                }
            }
        }
        Facts::Answer {
            seller,
            status,
            reply,
        } => Letter {
            email: compose::answer(
                buyer.lang,
                &notice.reference,
                &seller,
                status,
                reply.as_deref(),
                &tracking_url,
            ),
            to: vec![buyer.email],
        },
    })
}

/// The push message for `notice` (a seller's new inquiry: the only push notice), with the
/// tag that folds a copy sent again after a crash into the first on the phone.
pub fn push_message(notice: &ClaimedNotice) -> Result<PushMessage, NotSent> {
    let facts: Facts = serde_json::from_str(&notice.notice)
        .map_err(|e| NotSent::Unreadable(format!("facts: {e}")))?;
    let Facts::NewInquiry { .. } = facts else {
        return Err(NotSent::Unreadable("only a new inquiry is pushed".into()));
    };
    let kind = match notice.kind.as_str() {
        "purchase" => InquiryKind::Purchase,
        "export" => InquiryKind::Export,
        other => return Err(NotSent::Unreadable(format!("inquiry kind {other:?}"))),
    };
    let buyer = buyer(kind, &notice.doc)?;
    let Push { title, body, url } =
        compose::new_inquiry_push(Lang::Id, &notice.reference, &buyer.organisation, INBOX_PATH);
    Ok(PushMessage {
        title,
        body,
        url,
        tag: notice.key.clone(),
    })
}

/// What the service worker receives (JSON) and shows as a notification.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct PushMessage {
    pub title: String,
    pub body: String,
    /// The app's path the notification opens.
    pub url: String,
    /// The notification's tag: one per notice, so a repeat replaces rather than adds.
    pub tag: String,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::notices::facts::{for_answer, for_new_inquiry, Asked};
    use crate::store::NoticeChannel;
    use etalase_model::inquiry::InquiryStatus;

    fn asked() -> Asked {
        Asked {
            id: "s1".into(),
            name: "UD Sepatin".into(),
            lines: 2,
            member: true,
        }
    }

    fn claimed(notice: &str, seller_email: Option<&str>, lang: Lang) -> ClaimedNotice {
        let form = PurchaseInquiry {
            organisation: "Hotel Tepian".into(),
            email: "beli@hotel.example".into(),
            lang,
            ..PurchaseInquiry::default()
        };
        ClaimedNotice {
            id: 1,
            key: "1:receipt:email".into(),
            channel: NoticeChannel::Email,
            notice: notice.into(),
            attempt: 1,
            reference: "PQ-2026-000001".into(),
            kind: "purchase".into(),
            tracking_token: "t0k3n".into(),
            doc: serde_json::to_string(&form).unwrap(),
            seller_id: None,
            seller_email: seller_email.map(str::to_string),
            cooperative_emails: Vec::new(),
        }
    }

    #[test]
    fn the_receipt_goes_to_the_buyer_in_the_forms_language_with_the_tracking_link() {
        let notices = for_new_inquiry(&[asked()]);
        for lang in Lang::ALL {
            let letter = letter(
                &claimed(&notices[0].notice, None, lang),
                "https://e.example",
            )
            .unwrap();
            assert_eq!(letter.to, ["beli@hotel.example"]);
            assert!(letter
                .email
                .text
                .contains("https://e.example/permintaan/lacak/t0k3n"));
            let expected = compose::receipt(
                lang,
                InquiryKind::Purchase,
                "PQ-2026-000001",
                &["UD Sepatin"],
                "https://e.example/permintaan/lacak/t0k3n",
            );
            assert_eq!(letter.email, expected);
        }
    }

    #[test]
    fn a_seller_without_an_address_is_not_written_to() {
        let notices = for_new_inquiry(&[asked()]);
        let none = letter(
            &claimed(&notices[1].notice, None, Lang::En),
            "https://e.example",
        );
        assert!(matches!(none, Err(NotSent::NoAddress(_))));
        let sent = letter(
            &claimed(&notices[1].notice, Some("ud@sepatin.example"), Lang::En),
            "https://e.example",
        )
        .unwrap();
        assert_eq!(sent.to, ["ud@sepatin.example"]);
        assert!(sent
            .email
            .subject
            .starts_with("Permintaan baru dari Hotel Tepian"));
        assert!(!sent.email.text.contains("lacak"));
    }

    #[test]
    fn an_answer_reaches_the_buyer_and_a_broken_row_is_reported() {
        let notices = for_answer(
            "s1",
            "UD Sepatin",
            Some(InquiryStatus::Quoted),
            Some("Rp 85.000"),
        );
        let sent = letter(
            &claimed(&notices[0].notice, None, Lang::Id),
            "https://e.example",
        )
        .unwrap();
        assert_eq!(sent.to, ["beli@hotel.example"]);
        assert!(sent.email.subject.contains("UD Sepatin membalas"));
        let broken = letter(&claimed("{", None, Lang::Id), "https://e.example");
        assert!(matches!(broken, Err(NotSent::Unreadable(_))));
    }

    #[test]
    fn a_members_inquiry_goes_to_the_operators_who_gave_an_address() {
        let notices = for_new_inquiry(&[asked()]);
        let mut row = claimed(&notices[3].notice, Some("ud@sepatin.example"), Lang::En);
        row.seller_id = Some("s1".into());
        assert!(matches!(
            letter(&row, "https://e.example"),
            Err(NotSent::NoAddress(_))
        ));
        row.cooperative_emails = vec!["a@koperasi.example".into(), "b@koperasi.example".into()];
        let sent = letter(&row, "https://e.example").unwrap();
        assert_eq!(sent.to, ["a@koperasi.example", "b@koperasi.example"]);
        assert_eq!(
            sent.email.subject,
            "Permintaan baru untuk anggota UD Sepatin (PQ-2026-000001)"
        );
        assert!(sent
            .email
            .text
            .contains("https://e.example/penjual/koperasi/anggota/s1/permintaan"));
        assert!(!sent.email.text.contains("beli@hotel.example"));
    }

    #[test]
    fn a_sellers_push_names_the_buyers_organisation_and_reference_and_opens_the_inbox() {
        let notices = for_new_inquiry(&[asked()]);
        let mut row = claimed(&notices[2].notice, None, Lang::En);
        row.key = "1:seller:s1:push".into();
        let push = push_message(&row).unwrap();
        assert_eq!(push.title, "Permintaan baru: Hotel Tepian (PQ-2026-000001)");
        assert_eq!(push.url, INBOX_PATH);
        assert_eq!(push.tag, "1:seller:s1:push");
        assert!(!push.body.contains("beli@hotel.example"));
        let receipt = claimed(&notices[0].notice, None, Lang::Id);
        assert!(matches!(
            push_message(&receipt),
            Err(NotSent::Unreadable(_))
        ));
    }
}
