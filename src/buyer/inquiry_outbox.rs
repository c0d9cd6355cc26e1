//! The buyer's side of inquiries, kept on the device: the form being filled in, inquiries
//! waiting for a connection, and receipts of the ones sent.
//!
//! The form is written to localStorage on every change, so a reload loses nothing. On
//! "send" the inquiry moves into the outbox *before* the request goes out, with an
//! idempotency key fixed for it; whatever happens next (no signal, a timeout, the tab
//! closed mid-request) it is sent again with the same key until the server answers, and
//! the server turns repeats into the same inquiry. So a buyer can neither lose an inquiry
//! nor send it twice.

use etalase_model::inquiry::{
    ExportInquiry, ExportItem, InquiryKind, PurchaseInquiry, PurchaseItem,
};
use etalase_model::{Lang, Product};
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde::{Deserialize, Serialize};

use crate::api::inquiry::{self, Created, InquiryBody};
use crate::api::ApiError;
use crate::retry_waiting::retry_waiting;
use crate::storage;

const DRAFT_KEY: &str = "etalase.inquiry.draft";
const OUTBOX_KEY: &str = "etalase.inquiry.outbox";
const RECEIPTS_KEY: &str = "etalase.inquiry.sent";
/// Receipts kept on the device; older ones are still reachable by their tracking links.
const MAX_RECEIPTS: usize = 20;

/// Both forms as the buyer fills them in; switching kind keeps what was typed in the other.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InquiryDraft {
    pub kind: InquiryKind,
    pub purchase: PurchaseInquiry,
    pub export: ExportInquiry,
}

impl Default for InquiryDraft {
    fn default() -> InquiryDraft {
        InquiryDraft {
            kind: InquiryKind::Purchase,
            purchase: PurchaseInquiry::default(),
            export: ExportInquiry::default(),
        }
    }
}

impl InquiryDraft {
    pub fn load() -> InquiryDraft {
        storage::get(DRAFT_KEY)
            .and_then(|json| serde_json::from_str(&json).ok())
            .unwrap_or_default()
    }

    pub fn save(&self) {
        if let Ok(json) = serde_json::to_string(self) {
            storage::set(DRAFT_KEY, &json);
        }
    }

    /// Puts `product` on both forms' lists (once), starting at its minimum order.
    pub fn add(&mut self, product: &Product) {
        if !self
            .purchase
            .items
            .iter()
            .any(|i| i.product_id == product.id)
        {
            self.purchase.items.push(PurchaseItem {
                product_id: product.id.clone(),
                quantity: product.moq,
                unit: product.unit,
            });
        }
        if !self.export.items.iter().any(|i| i.product_id == product.id) {
            self.export.items.push(ExportItem {
                product_id: product.id.clone(),
                ..ExportItem::default()
            });
        }
    }

    /// The product ids on the current form's list.
    pub fn product_ids(&self) -> Vec<String> {
        match self.kind {
            InquiryKind::Purchase => self
                .purchase
                .items
                .iter()
                .map(|i| i.product_id.clone())
                .collect(),
            InquiryKind::Export => self
                .export
                .items
                .iter()
                .map(|i| i.product_id.clone())
                .collect(),
        }
    }

    /// The request for the current form, sent in `lang` (the buyer's notices follow it).
    pub fn body(&self, lang: Lang) -> InquiryBody {
        InquiryBody {
            kind: self.kind,
            purchase: (self.kind == InquiryKind::Purchase).then(|| PurchaseInquiry {
                lang,
                ..self.purchase.clone()
            }),
            export: (self.kind == InquiryKind::Export).then(|| ExportInquiry {
                lang,
                ..self.export.clone()
            }),
            website: String::new(),
        }
    }

    /// After sending: the lines, dates and note go, the buyer's own details stay for the
    /// next inquiry.
    pub fn clear_sent(&mut self) {
        match self.kind {
            InquiryKind::Purchase => {
                self.purchase = PurchaseInquiry {
                    organisation: std::mem::take(&mut self.purchase.organisation),
                    contact_name: std::mem::take(&mut self.purchase.contact_name),
                    email: std::mem::take(&mut self.purchase.email),
                    whatsapp: std::mem::take(&mut self.purchase.whatsapp),
                    city: std::mem::take(&mut self.purchase.city),
                    ..PurchaseInquiry::default()
                };
                self.export.items.clear();
            }
            InquiryKind::Export => {
                self.export = ExportInquiry {
                    company: std::mem::take(&mut self.export.company),
                    contact_name: std::mem::take(&mut self.export.contact_name),
                    email: std::mem::take(&mut self.export.email),
                    phone: std::mem::take(&mut self.export.phone),
                    country: std::mem::take(&mut self.export.country),
                    ..ExportInquiry::default()
                };
                self.purchase.items.clear();
            }
        }
    }

    /// Brings back an inquiry the server refused after it had waited in the outbox.
    pub fn restore(&mut self, body: InquiryBody) {
        self.kind = body.kind;
        if let Some(p) = body.purchase {
            self.purchase = p;
        }
        if let Some(e) = body.export {
            self.export = e;
        }
    }
}

/// An inquiry waiting for a connection.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Waiting {
    /// Fixed when the buyer pressed "send"; every retry repeats it.
    pub key: String,
    pub body: InquiryBody,
}

/// A sent inquiry, for the buyer's "my inquiries" list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Receipt {
    pub kind: InquiryKind,
    #[serde(flatten)]
    pub created: Created,
    /// Milliseconds since the epoch, when the server confirmed it.
    pub sent_at: f64,
}

/// What pressing "send" led to.
#[derive(Debug, Clone, PartialEq)]
pub enum Sent {
    /// On the server's disk.
    Stored(Receipt),
    /// No connection: in the outbox, sent automatically later.
    Queued,
    /// Refused; the form still has everything, with the reason.
    Refused(ApiError),
}

/// The outbox and receipts, in context for the inquiry page and the header.
#[derive(Clone, Copy)]
pub struct InquiryOutbox {
    pub waiting: RwSignal<Vec<Waiting>>,
    pub receipts: RwSignal<Vec<Receipt>>,
    /// A waiting inquiry the server refused when it was finally sent; it is back in the form.
    pub returned: RwSignal<Option<ApiError>>,
    sending: RwSignal<bool>,
}

impl InquiryOutbox {
    fn persist(&self) {
        self.waiting.with_untracked(|w| {
            if let Ok(json) = serde_json::to_string(w) {
                storage::set(OUTBOX_KEY, &json);
            }
        });
        self.receipts.with_untracked(|r| {
            if let Ok(json) = serde_json::to_string(r) {
                storage::set(RECEIPTS_KEY, &json);
            }
        });
    }

    /// Queues `body` under a new key and tries to send it now.
    pub async fn submit(&self, body: InquiryBody) -> Sent {
        let key = random_key();
        self.waiting.update(|w| {
            w.push(Waiting {
                key: key.clone(),
                body: body.clone(),
            })
        });
        self.persist();
        match inquiry::send(&key, &body).await {
            Ok(created) => Sent::Stored(self.stored(&key, body.kind, created)),
            Err(ApiError::Network) => Sent::Queued,
            Err(err) => {
                // The form still holds it: nothing waits, the buyer fixes and sends again.
                self.forget(&key);
                Sent::Refused(err)
            }
        }
    }

    fn stored(&self, key: &str, kind: InquiryKind, created: Created) -> Receipt {
        let receipt = Receipt {
            kind,
            created,
            sent_at: js_sys::Date::now(),
        };
        self.waiting.update(|w| w.retain(|x| x.key != key));
        self.receipts.update(|r| {
            r.insert(0, receipt.clone());
            r.truncate(MAX_RECEIPTS);
        });
        self.persist();
        receipt
    }

    fn forget(&self, key: &str) {
        self.waiting.update(|w| w.retain(|x| x.key != key));
        self.persist();
    }

    /// Sends what waits, oldest first; stops at the first lost connection.
    pub fn flush(&self) {
        if self.sending.get_untracked() {
            return;
        }
        let outbox = *self;
        outbox.sending.set(true);
        spawn_local(async move {
            for waiting in outbox.waiting.get_untracked() {
                match inquiry::send(&waiting.key, &waiting.body).await {
                    Ok(created) => {
                        outbox.stored(&waiting.key, waiting.body.kind, created);
                    }
                    Err(ApiError::Network) | Err(ApiError::RateLimited(_)) => break,
                    Err(err) => {
                        // Refused now (e.g. a product left the catalog meanwhile): give it
                        // back to the buyer rather than drop what they typed.
                        let mut draft = InquiryDraft::load();
                        draft.restore(waiting.body.clone());
                        draft.save();
                        outbox.forget(&waiting.key);
                        outbox.returned.set(Some(err));
                    }
                }
            }
            outbox.sending.set(false);
        });
    }
}

/// 128 random bits as hex: unique per submission.
fn random_key() -> String {
    let mut bytes = [0u8; 16];
    if let Some(crypto) = web_sys::window().and_then(|w| w.crypto().ok()) {
        let _ = crypto.get_random_values_with_u8_array(&mut bytes);
    }
    if bytes == [0; 16] {
        for b in &mut bytes {
            *b = (js_sys::Math::random() * 256.0) as u8;
        }
    }
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn load_list<T: for<'de> Deserialize<'de>>(key: &str) -> Vec<T> {
    storage::get(key)
        .and_then(|json| serde_json::from_str(&json).ok())
        .unwrap_or_default()
}

/// Provides the outbox and sends what waits now, when the browser is online again and every
/// few seconds while inquiries wait.
/// Call once in `App`.
pub fn provide_inquiry_outbox() {
    let outbox = InquiryOutbox {
        waiting: RwSignal::new(load_list(OUTBOX_KEY)),
        receipts: RwSignal::new(load_list(RECEIPTS_KEY)),
        returned: RwSignal::new(None),
        sending: RwSignal::new(false),
    };
    provide_context(outbox);
    if !outbox.waiting.with_untracked(Vec::is_empty) {
        outbox.flush();
    }
    retry_waiting(
        move || !outbox.waiting.with_untracked(Vec::is_empty),
        move || outbox.flush(),
    );
}

pub fn use_inquiry_outbox() -> InquiryOutbox {
    expect_context::<InquiryOutbox>()
}
