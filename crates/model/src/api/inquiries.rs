//! Buyers' inquiries on the wire: sending one, the buyer's tracking page and the seller's
//! inbox. The buyer's form travels as its own type, by kind ([`InquiryForm`]), in the JSON
//! shape it has always had: `"kind"` beside `"inquiry"`.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::inquiry::{
    ExportInquiry, ExportItem, InquiryKind, InquiryStatus, PurchaseInquiry, PurchaseItem,
    QuoteDecision, QuoteRevision,
};

/// `POST /api/inquiries`: one of the two forms, by `kind`. The app keeps unsent bodies in
/// the phone's storage, so these names outlive a release.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InquiryBody {
    pub kind: InquiryKind,
    /// The form when `kind` is `purchase`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub purchase: Option<PurchaseInquiry>,
    /// The form when `kind` is `export`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub export: Option<ExportInquiry>,
    /// A honeypot: hidden in the form, so people leave it empty. Anything in it marks a
    /// form-filling bot, which is answered `201` like a person, with a reference that tracks
    /// nothing, and nothing is stored.
    #[serde(default)]
    pub website: String,
}

impl InquiryBody {
    /// The body for a person's form.
    pub fn new(form: InquiryForm) -> InquiryBody {
        let kind = form.kind();
        let (purchase, export) = match form {
            InquiryForm::Purchase(f) => (Some(*f), None),
            InquiryForm::Export(f) => (None, Some(*f)),
        };
        InquiryBody {
            kind,
            purchase,
            export,
            website: String::new(),
        }
    }
}

/// The answer to a new inquiry: it is on the server's disk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Created {
    #[cfg_attr(feature = "openapi", schema(example = "PQ-2026-000123"))]
    pub reference: String,
    pub tracking_token: String,
    /// The buyer's private page for this inquiry.
    pub tracking_url: String,
}

/// A buyer's form, by kind: `{"kind": "purchase", "inquiry": {…}}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "kind", content = "inquiry", rename_all = "snake_case")]
pub enum InquiryForm {
    Purchase(Box<PurchaseInquiry>),
    Export(Box<ExportInquiry>),
}

impl InquiryForm {
    pub fn kind(&self) -> InquiryKind {
        match self {
            InquiryForm::Purchase(_) => InquiryKind::Purchase,
            InquiryForm::Export(_) => InquiryKind::Export,
        }
    }

    /// The buyer's organisation, contact, e-mail and phone.
    pub fn contact(&self) -> (&str, &str, &str, &str) {
        match self {
            InquiryForm::Purchase(f) => (&f.organisation, &f.contact_name, &f.email, &f.whatsapp),
            InquiryForm::Export(f) => (&f.company, &f.contact_name, &f.email, &f.phone),
        }
    }

    pub fn lines(&self) -> Lines {
        match self {
            InquiryForm::Purchase(f) => Lines::Purchase(f.items.clone()),
            InquiryForm::Export(f) => Lines::Export(f.items.clone()),
        }
    }
}

/// One seller's lines of a basket, by kind: `{"kind": "export", "items": […]}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "kind", content = "items", rename_all = "snake_case")]
pub enum Lines {
    Purchase(Vec<PurchaseItem>),
    Export(Vec<ExportItem>),
}

/// One entry of a part's history, the same for the seller and the buyer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Event {
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub at: String,
    /// The seller's business name when they answered (or their operator's, acting for them).
    pub by: String,
    /// The stage before a status move; `null` for a reply alone.
    pub from: Option<InquiryStatus>,
    /// The stage after a status move; `null` for a reply alone.
    pub to: Option<InquiryStatus>,
    pub reply: Option<String>,
    /// Why the site moved the part itself: `expired` (a quote's validity, or an RFQ's
    /// "valid until", passed without an answer). Absent for people's moves.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// `GET /api/inquiries/track/{token}`: the buyer's view of their inquiry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Tracked {
    #[cfg_attr(feature = "openapi", schema(example = "PQ-2026-000123"))]
    pub reference: String,
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub created_at: String,
    /// The form as sent.
    #[serde(flatten)]
    pub form: InquiryForm,
    pub parts: Vec<TrackedPart>,
}

/// One seller's part of a tracked inquiry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TrackedPart {
    pub seller_id: String,
    /// Who answers this part; the WhatsApp number lets the buyer's page open a chat.
    pub seller: Option<SellerContact>,
    pub status: InquiryStatus,
    /// This seller's lines of the basket.
    #[serde(flatten)]
    pub lines: Lines,
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub updated_at: String,
    /// The seller's replies and status moves, oldest first.
    pub events: Vec<Event>,
    /// The seller's quote, every revision, oldest first; the last is the offer.
    #[serde(default)]
    pub quotes: Vec<QuoteRevision>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SellerContact {
    pub id: String,
    pub name: String,
    pub whatsapp: String,
    /// The village's slug, as everywhere in the catalog.
    pub village: String,
    /// The village's name, for a page without the catalog at hand.
    pub village_name: String,
}

/// `GET /api/seller/inquiries`: a page of a seller's parts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InboxView {
    /// Unread parts in the whole inbox, whatever the filter and page.
    pub unread: u32,
    /// Parts in the whole inbox at each stage (every stage, zero included), whatever the
    /// filter and page: the filter tabs' counts.
    #[cfg_attr(feature = "openapi", schema(example = json!({"new": 3, "replied": 2, "quoted": 1, "won": 0, "lost": 0, "closed": 0})))]
    pub counts: BTreeMap<InquiryStatus, u32>,
    /// Newest first.
    pub parts: Vec<PartView>,
    /// Pass as `before` for the next page; `null` when this page is the last.
    #[cfg_attr(feature = "openapi", schema(example = "PQ-2026-000117"))]
    pub next: Option<String>,
}

/// One seller's part as their inbox shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PartView {
    #[cfg_attr(feature = "openapi", schema(example = "PQ-2026-000123"))]
    pub reference: String,
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub created_at: String,
    pub status: InquiryStatus,
    pub read: bool,
    #[cfg_attr(feature = "openapi", schema(format = DateTime))]
    pub updated_at: String,
    /// The buyer's form with `items` holding only this seller's lines.
    #[serde(flatten)]
    pub form: InquiryForm,
    pub events: Vec<Event>,
    /// The seller's quote, every revision, oldest first.
    #[serde(default)]
    pub quotes: Vec<QuoteRevision>,
}

/// `POST /api/inquiries/track/{token}/parts/{seller_id}/decision`: the buyer's answer to
/// the quote they saw (its `revision`: a newer one since is a conflict, not accepted blind).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DecisionBody {
    #[cfg_attr(feature = "openapi", schema(minimum = 1))]
    pub revision: u32,
    #[serde(flatten)]
    pub decision: QuoteDecision,
}

/// `GET /api/seller/inquiries?status=&before=&limit=`: which page of an inbox. Text on the
/// way in, so a filter or cursor the server cannot read is a field's problem (`422`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct InboxQuery {
    /// Only parts at this stage; empty or absent for all.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", param(value_type = Option<InquiryStatus>))]
    pub status: Option<String>,
    /// Only parts older than this inquiry: the previous page's `next`.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", param(example = "PQ-2026-000123"))]
    pub before: Option<String>,
    /// Parts per page, 1–100; 20 when absent.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", param(minimum = 1, maximum = 100))]
    pub limit: Option<u32>,
}

/// `POST /api/seller/inquiries/{reference}`: a reply, a status move or both. The status
/// stays text on the way in, so a stage the server does not know is a field's problem
/// (`illegal_status_move`), not an unreadable body.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UpdateBody {
    /// The stage to move to (stages only go forward; won, lost and closed are final).
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<InquiryStatus>))]
    pub status: Option<String>,
    /// A message to the buyer, at most 2000 characters.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 2000))]
    pub reply: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// The form keeps the JSON it always had, so stored drafts, tests and API users read it.
    #[test]
    fn the_form_travels_as_kind_beside_inquiry() {
        let part = PartView {
            reference: "PQ-2026-000001".into(),
            created_at: "2026-11-23T10:00:00.000Z".into(),
            status: InquiryStatus::New,
            read: false,
            updated_at: "2026-11-23T10:00:00.000Z".into(),
            form: InquiryForm::Purchase(Box::default()),
            events: Vec::new(),
            quotes: Vec::new(),
        };
        let value = serde_json::to_value(&part).unwrap();
        assert_eq!(value["kind"], "purchase");
        assert_eq!(value["inquiry"]["items"], json!([]));
        assert_eq!(value["status"], "new");
        let back: PartView = serde_json::from_value(value).unwrap();
        assert_eq!(back, part);
    }

    #[test]
    fn a_parts_lines_say_their_kind() {
        let lines = Lines::Export(vec![ExportItem::default()]);
        let value = serde_json::to_value(&lines).unwrap();
        assert_eq!(value["kind"], "export");
        assert_eq!(value["items"][0]["specification"], "");
        assert_eq!(serde_json::from_value::<Lines>(value).unwrap(), lines);
    }

    #[test]
    fn a_body_carries_only_its_own_form() {
        let body = InquiryBody::new(InquiryForm::Export(Box::default()));
        let value = serde_json::to_value(&body).unwrap();
        assert_eq!(value["kind"], "export");
        assert!(value.get("purchase").is_none());
        assert_eq!(value["website"], "");
    }
}
