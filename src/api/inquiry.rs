//! Buyers' inquiries on the wire: sending, tracking, the seller's inbox and the demand
//! insights. The forms themselves are the shared model's types, so what the app checks is
//! exactly what the server checks.

use etalase_model::inquiry::{
    ExportInquiry, ExportItem, InquiryKind, InquiryStatus, PurchaseInquiry, PurchaseItem,
};
use gloo_net::http::Request;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::{json_or_refusal, refusal, send_json, ApiError};

/// `POST /api/inquiries` body: one of the two forms, and the honeypot left empty.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InquiryBody {
    pub kind: InquiryKind,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub purchase: Option<PurchaseInquiry>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub export: Option<ExportInquiry>,
    #[serde(default)]
    pub website: String,
}

/// The server's receipt: the inquiry is on its disk.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Created {
    pub reference: String,
    pub tracking_token: String,
    pub tracking_url: String,
}

/// Sends an inquiry. `key` is fixed per submission, so a retry after a lost answer returns
/// the same inquiry instead of a second one.
pub async fn send(key: &str, body: &InquiryBody) -> Result<Created, ApiError> {
    send_json(
        Request::post("/api/inquiries").header("idempotency-key", key),
        body,
    )
    .await
}

/// One change a seller made to their part: a status move, a reply, or both.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Event {
    pub at: String,
    /// The seller's business name.
    pub by: String,
    pub from: Option<InquiryStatus>,
    pub to: Option<InquiryStatus>,
    pub reply: Option<String>,
}

/// The seller of one part, as the buyer's tracking page shows them.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct PartSeller {
    pub id: String,
    pub name: String,
    pub whatsapp: String,
    pub village: String,
}

/// One seller's part of a tracked inquiry.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct TrackedPart {
    pub seller_id: String,
    pub status: InquiryStatus,
    pub items: Value,
    pub seller: Option<PartSeller>,
    #[serde(default)]
    pub events: Vec<Event>,
}

/// `GET /api/inquiries/track/{token}`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Tracked {
    pub reference: String,
    pub kind: InquiryKind,
    #[serde(default)]
    pub created_at: String,
    pub inquiry: Value,
    pub parts: Vec<TrackedPart>,
}

pub async fn track(token: &str) -> Result<Tracked, ApiError> {
    let res = Request::get(&format!("/api/inquiries/track/{token}"))
        .send()
        .await
        .map_err(|_| ApiError::Network)?;
    json_or_refusal(res).await
}

/// An inquiry's lines, in the form's own shape.
#[derive(Debug, Clone, PartialEq)]
pub enum Lines {
    Purchase(Vec<PurchaseItem>),
    Export(Vec<ExportItem>),
}

impl Lines {
    /// Reads `items` as the lines of a `kind` inquiry; unreadable lines read as none.
    pub fn parse(kind: InquiryKind, items: &Value) -> Lines {
        match kind {
            InquiryKind::Purchase => {
                Lines::Purchase(serde_json::from_value(items.clone()).unwrap_or_default())
            }
            InquiryKind::Export => {
                Lines::Export(serde_json::from_value(items.clone()).unwrap_or_default())
            }
        }
    }
}

/// A buyer's form as stored, in its own shape.
#[derive(Debug, Clone, PartialEq)]
pub enum Form {
    Purchase(Box<PurchaseInquiry>),
    Export(Box<ExportInquiry>),
}

impl Form {
    pub fn parse(kind: InquiryKind, doc: &Value) -> Option<Form> {
        match kind {
            InquiryKind::Purchase => serde_json::from_value(doc.clone())
                .ok()
                .map(|f| Form::Purchase(Box::new(f))),
            InquiryKind::Export => serde_json::from_value(doc.clone())
                .ok()
                .map(|f| Form::Export(Box::new(f))),
        }
    }

    /// The buyer's organisation, contact, e-mail and phone.
    pub fn contact(&self) -> (&str, &str, &str, &str) {
        match self {
            Form::Purchase(f) => (&f.organisation, &f.contact_name, &f.email, &f.whatsapp),
            Form::Export(f) => (&f.company, &f.contact_name, &f.email, &f.phone),
        }
    }

    pub fn lines(&self) -> Lines {
        match self {
            Form::Purchase(f) => Lines::Purchase(f.items.clone()),
            Form::Export(f) => Lines::Export(f.items.clone()),
        }
    }
}

/// One part in the signed-in seller's inbox.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct InboxPart {
    pub reference: String,
    pub kind: InquiryKind,
    pub created_at: String,
    pub status: InquiryStatus,
    pub read: bool,
    /// The buyer's form with only this seller's lines.
    pub inquiry: Value,
    #[serde(default)]
    pub events: Vec<Event>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Inbox {
    pub unread: usize,
    pub parts: Vec<InboxPart>,
}

/// The parts at `url` (the signed-in seller's, or a member's for their operator), newest first.
pub async fn inbox(url: &str) -> Result<Inbox, ApiError> {
    let res = Request::get(url)
        .send()
        .await
        .map_err(|_| ApiError::Network)?;
    json_or_refusal(res).await
}

/// Marks a part as opened.
pub async fn mark_read(csrf: &str, reference: &str) -> Result<(), ApiError> {
    let res = Request::post(&format!("/api/seller/inquiries/{reference}/read"))
        .header("x-csrf-token", csrf)
        .send()
        .await
        .map_err(|_| ApiError::Network)?;
    if res.ok() {
        Ok(())
    } else {
        Err(refusal(res).await)
    }
}

#[derive(Debug, Serialize)]
struct Update<'a> {
    status: Option<InquiryStatus>,
    reply: Option<&'a str>,
}

/// Moves the part at `url` on and/or replies to the buyer; the server checks the move is legal.
pub async fn update(
    url: &str,
    csrf: &str,
    status: Option<InquiryStatus>,
    reply: Option<&str>,
) -> Result<InboxPart, ApiError> {
    send_json(
        Request::post(url).header("x-csrf-token", csrf),
        &Update { status, reply },
    )
    .await
}

/// One bar of a demand chart.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Count {
    pub key: String,
    pub count: u64,
}

/// `GET /api/insights`: where demand comes from, as counts of inquiries.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Insights {
    pub total: u64,
    pub by_category: Vec<Count>,
    pub by_village: Vec<Count>,
    pub by_country: Vec<Count>,
    pub by_month: Vec<Count>,
}

pub async fn insights() -> Result<Insights, ApiError> {
    let res = Request::get("/api/insights")
        .send()
        .await
        .map_err(|_| ApiError::Network)?;
    json_or_refusal(res).await
}
