//! A seller's parts of buyers' inquiries, as the wire shows them: a page of the inbox, an
//! answer (a reply, a status move or both) and the CSV. The seller's own routes and their
//! cooperative operator's share these, so both answer alike.
//!
//! A seller only ever sees their own part of a basket: the buyer's form comes back with the
//! other sellers' lines removed, and a reference without a part for this seller is a plain
//! 404, so nobody learns what their neighbours were asked.

use etalase_model::api::{Event, InboxQuery, InboxView, InquiryForm, Lines, PartView, UpdateBody};
use etalase_model::inquiry::{
    check_quote, parse_reference, InquiryKind, InquiryStatus, Quote, QuoteRevision,
};
use etalase_model::rules::{FieldError, Rule};
use serde::de::DeserializeOwned;

use crate::clock::today_in_kalimantan;
use crate::error::ApiError;
use crate::notices;
use crate::spreadsheet::neutralise;
use crate::store::{
    InboxPage, InboxPart, NewQuote, PartEvent, PartUpdate, StoredQuote, UpdateOutcome,
};
use crate::AppState;

/// Long enough for a quotation with terms, short enough to read on a phone.
pub const REPLY_MAX_CHARS: u32 = 2000;

/// Parts per page when the request names no `limit`: a phone's screenful or two, so a
/// cooperative with a year of inquiries does not download all of them on a weak connection.
pub const INBOX_PAGE: u32 = 20;

/// The most parts one page may ask for.
pub const INBOX_PAGE_MAX: u32 = 100;

/// A page of `seller_id`'s inbox.
pub async fn page(
    state: &AppState,
    seller_id: String,
    query: InboxQuery,
) -> Result<InboxView, ApiError> {
    let status = match query.status.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(slug) => Some(slug.parse::<InquiryStatus>().map_err(|_| {
            // A filter the app never offers; any rule will do for the field name.
            ApiError::Invalid(vec![FieldError::new("status", Rule::Required)])
        })?),
    };
    let limit = query.limit.unwrap_or(INBOX_PAGE);
    if !(1..=INBOX_PAGE_MAX).contains(&limit) {
        let rule = if limit == 0 {
            Rule::AtLeast { min: 1 }
        } else {
            Rule::AtMost {
                max: INBOX_PAGE_MAX.into(),
            }
        };
        return Err(ApiError::Invalid(vec![FieldError::new("limit", rule)]));
    }
    // The cursor is a reference the server handed out; anything else is a client's bug,
    // said by name rather than answered with an empty page.
    let before = match query.before.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(r) => Some(
            parse_reference(r)
                .map_err(|_| {
                    ApiError::Invalid(vec![FieldError::new("before", Rule::InquiryReference)])
                })?
                .to_string(),
        ),
    };
    let page = InboxPage {
        status,
        before,
        limit: Some(limit),
    };
    let inbox = state.store.seller_inbox(seller_id, page).await?;
    let next = inbox
        .more
        .then(|| inbox.parts.last().map(|p| p.reference.clone()))
        .flatten();
    Ok(InboxView {
        unread: inbox.unread,
        counts: inbox.counts.into_iter().collect(),
        next,
        parts: inbox
            .parts
            .into_iter()
            .map(part_view)
            .collect::<Result<_, _>>()?,
    })
}

/// Applies an answer to `seller_id`'s part; `actor` is the name the history shows (the
/// seller's, or the operator's acting for them).
pub async fn answer(
    state: &AppState,
    seller_id: String,
    actor: String,
    reference: String,
    body: UpdateBody,
) -> Result<PartView, ApiError> {
    let (status, reply) = check_update(&body)?;
    // The buyer hears from the business they asked, even when its operator answers.
    let business = state
        .snapshots
        .current()
        .catalog
        .seller(&seller_id)
        .map_or_else(|| actor.clone(), |s| s.name.clone());
    let notices = notices::facts::for_answer(&seller_id, &business, status, reply.as_deref());
    let outcome = state
        .store
        .update_part(PartUpdate {
            seller_id,
            reference,
            actor,
            status,
            reply,
            at: None,
            notices,
        })
        .await?;
    match outcome {
        UpdateOutcome::Updated(part) => {
            state.notices.now();
            tracing::info!(reference = %part.reference, status = %part.status, "inquiry answered");
            part_view(*part)
        }
        UpdateOutcome::NotFound => Err(ApiError::NotFound),
        UpdateOutcome::Illegal(_) => Err(ApiError::Invalid(vec![FieldError::new(
            "status",
            Rule::IllegalStatusMove,
        )])),
    }
}

/// Sends `seller_id`'s quote for their part of `reference` (the next revision); `actor` as
/// in [`answer`]. Checked by the model's rules for the inquiry's kind, on today's date.
pub async fn quote(
    state: &AppState,
    seller_id: String,
    actor: String,
    reference: String,
    quote: Quote,
) -> Result<PartView, ApiError> {
    let kind = parse_reference(&reference)
        .map_err(|_| ApiError::NotFound)?
        .kind;
    ApiError::check(check_quote(&quote, kind, today_in_kalimantan()))?;
    let business = state
        .snapshots
        .current()
        .catalog
        .seller(&seller_id)
        .map_or_else(|| actor.clone(), |s| s.name.clone());
    let outcome = state
        .store
        .send_quote(NewQuote {
            notices: notices::facts::for_quote(&seller_id, &business, &quote),
            doc: serde_json::to_string(&quote).map_err(|e| ApiError::Internal(e.to_string()))?,
            seller_id,
            reference,
            actor,
            at: None,
        })
        .await?;
    match outcome {
        UpdateOutcome::Updated(part) => {
            state.notices.now();
            tracing::info!(reference = %part.reference, "quote sent");
            part_view(*part)
        }
        UpdateOutcome::NotFound => Err(ApiError::NotFound),
        UpdateOutcome::Illegal(_) => Err(ApiError::Invalid(vec![FieldError::new(
            "status",
            Rule::IllegalStatusMove,
        )])),
    }
}

/// The body's status and trimmed reply, or every field's problem. Whether the move is legal
/// depends on the stored status, which only the store's transaction may read.
pub fn check_update(
    body: &UpdateBody,
) -> Result<(Option<InquiryStatus>, Option<String>), ApiError> {
    let mut errors = Vec::new();
    let status = match body.status.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(slug) => match slug.parse::<InquiryStatus>() {
            // Quoted means a quote exists: it comes from sending one (`quote`), never from a
            // bare move, which would leave the buyer nothing to accept.
            Ok(InquiryStatus::Quoted) => {
                errors.push(FieldError::new("status", Rule::IllegalStatusMove));
                None
            }
            Ok(s) => Some(s),
            Err(_) => {
                errors.push(FieldError::new("status", Rule::IllegalStatusMove));
                None
            }
        },
    };
    let reply = body
        .reply
        .as_deref()
        .map(str::trim)
        .filter(|r| !r.is_empty())
        .map(str::to_owned);
    if reply
        .as_ref()
        .is_some_and(|r| r.chars().count() > REPLY_MAX_CHARS as usize)
    {
        errors.push(FieldError::new(
            "reply",
            Rule::TooLong {
                max: REPLY_MAX_CHARS,
            },
        ));
    }
    if errors.is_empty() && status.is_none() && reply.is_none() {
        errors.push(FieldError::new("reply", Rule::Required));
    }
    ApiError::check(errors)?;
    Ok((status, reply))
}

/// A stored part as its seller sees it: the buyer's form holding only this seller's lines.
pub fn part_view(part: InboxPart) -> Result<PartView, ApiError> {
    let kind: InquiryKind = parse_slug(&part.kind)?;
    let mut form = stored_form(kind, &part.doc)?;
    match (&mut form, stored_lines(kind, &part.items)?) {
        (InquiryForm::Purchase(f), Lines::Purchase(items)) => f.items = items,
        (InquiryForm::Export(f), Lines::Export(items)) => f.items = items,
        _ => unreachable!("both read as {kind}"),
    }
    Ok(PartView {
        reference: part.reference,
        created_at: part.created_at,
        status: parse_slug(&part.status)?,
        read: part.read,
        updated_at: part.updated_at,
        form,
        events: part
            .events
            .into_iter()
            .map(event)
            .collect::<Result<_, _>>()?,
        quotes: quote_revisions(part.quotes)?,
    })
}

/// One entry of a part's history.
pub fn event(e: PartEvent) -> Result<Event, ApiError> {
    let stage = |s: Option<String>| s.as_deref().map(parse_slug).transpose();
    Ok(Event {
        at: e.at,
        by: e.actor,
        from: stage(e.from_status)?,
        to: stage(e.to_status)?,
        reply: e.reply,
        reason: e.reason,
    })
}

/// A part's stored quote revisions, as the wire shows them.
pub fn quote_revisions(quotes: Vec<StoredQuote>) -> Result<Vec<QuoteRevision>, ApiError> {
    quotes
        .into_iter()
        .map(|q| {
            Ok(QuoteRevision {
                revision: q.revision,
                quote: parse_json(&q.doc)?,
                sent_at: q.sent_at,
            })
        })
        .collect()
}

/// A stored form (JSON text) as the form of its kind.
pub fn stored_form(kind: InquiryKind, doc: &str) -> Result<InquiryForm, ApiError> {
    Ok(match kind {
        InquiryKind::Purchase => InquiryForm::Purchase(parse_json(doc)?),
        InquiryKind::Export => InquiryForm::Export(parse_json(doc)?),
    })
}

/// A part's stored lines (JSON text) as the lines of its kind.
pub fn stored_lines(kind: InquiryKind, items: &str) -> Result<Lines, ApiError> {
    Ok(match kind {
        InquiryKind::Purchase => Lines::Purchase(parse_json(items)?),
        InquiryKind::Export => Lines::Export(parse_json(items)?),
    })
}

/// The store wrote these itself; one that does not read back is a bug, not the client's.
fn parse_json<T: DeserializeOwned>(text: &str) -> Result<T, ApiError> {
    serde_json::from_str(text).map_err(|e| ApiError::Internal(format!("stored inquiry: {e}")))
}

/// A stage or kind the store wrote, as its enum; one it cannot read is a bug, not the client's.
pub fn parse_slug<T: std::str::FromStr>(slug: &str) -> Result<T, ApiError> {
    slug.parse()
        .map_err(|_| ApiError::Internal(format!("stored inquiry: unknown stage or kind {slug:?}")))
}

pub const CSV_HEADER: [&str; 17] = [
    "reference",
    "kind",
    "created_at",
    "status",
    "organisation",
    "contact_name",
    "email",
    "phone",
    "place",
    "product_id",
    "product_name",
    "quantity",
    "unit",
    "wanted_by",
    "incoterm",
    "destination_port",
    "note",
];

/// The CSV bytes: a byte-order mark first (Excel reads UTF-8 only with it), the header, then
/// one row per line. `product_name` answers from the current catalog (empty if gone).
pub fn inbox_csv(
    parts: &[InboxPart],
    product_name: impl Fn(&str) -> Option<String>,
) -> Result<Vec<u8>, ApiError> {
    let fail = |e: &dyn std::fmt::Display| ApiError::Internal(format!("inquiry csv: {e}"));
    let mut out = csv::Writer::from_writer("\u{feff}".as_bytes().to_vec());
    out.write_record(CSV_HEADER).map_err(|e| fail(&e))?;
    for part in parts {
        let kind: InquiryKind = parse_slug(&part.kind)?;
        // The columns shared by all of a part's lines, and per line (product, quantity, unit).
        let common: [String; 9] = match stored_form(kind, &part.doc)? {
            InquiryForm::Export(form) => [
                form.company,
                form.contact_name,
                form.email,
                form.phone,
                form.destination_country,
                form.required_by.map(|d| d.to_string()).unwrap_or_default(),
                form.incoterm.slug().to_owned(),
                form.destination_port,
                form.note,
            ],
            InquiryForm::Purchase(form) => [
                form.organisation,
                form.contact_name,
                form.email,
                form.whatsapp,
                form.city,
                form.wanted_by.map(|d| d.to_string()).unwrap_or_default(),
                String::new(),
                String::new(),
                form.note,
            ],
        };
        let lines: Vec<(String, String, String)> = match stored_lines(kind, &part.items)? {
            Lines::Export(items) => items
                .into_iter()
                .map(|i| (i.product_id, i.quantity.to_string(), i.unit.slug().into()))
                .collect(),
            Lines::Purchase(items) => items
                .into_iter()
                .map(|i| (i.product_id, i.quantity.to_string(), i.unit.slug().into()))
                .collect(),
        };
        let [organisation, contact, email, phone, place, wanted_by, incoterm, port, note] = &common;
        for (product_id, quantity, unit) in &lines {
            let name = product_name(product_id).unwrap_or_default();
            let row = [
                part.reference.as_str(),
                &part.kind,
                &part.created_at,
                &part.status,
                organisation,
                contact,
                email,
                phone,
                place,
                product_id,
                &name,
                quantity,
                unit,
                wanted_by,
                incoterm,
                port,
                note,
            ];
            out.write_record(row.iter().map(|c| neutralise(c).into_owned()))
                .map_err(|e| fail(&e))?;
        }
    }
    out.into_inner().map_err(|e| fail(&e))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(status: Option<&str>, reply: Option<&str>) -> UpdateBody {
        UpdateBody {
            status: status.map(Into::into),
            reply: reply.map(Into::into),
        }
    }

    fn fields(err: ApiError) -> Vec<FieldError> {
        match err {
            ApiError::Invalid(f) => f,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn an_update_needs_a_status_or_a_reply_of_sensible_length() {
        assert_eq!(
            check_update(&body(Some("won"), Some("  Deal lewat WhatsApp  "))).unwrap(),
            (Some(InquiryStatus::Won), Some("Deal lewat WhatsApp".into()))
        );
        // Quoted comes from a quote, never from a bare move.
        assert_eq!(
            fields(check_update(&body(Some("quoted"), Some("Rp 20.000/pak"))).unwrap_err()),
            [FieldError::new("status", Rule::IllegalStatusMove)]
        );
        assert_eq!(
            check_update(&body(None, Some("Stok ada"))).unwrap(),
            (None, Some("Stok ada".into()))
        );
        assert_eq!(
            fields(check_update(&body(None, Some("   "))).unwrap_err()),
            [FieldError::new("reply", Rule::Required)]
        );
        assert_eq!(
            fields(check_update(&UpdateBody::default()).unwrap_err()),
            [FieldError::new("reply", Rule::Required)]
        );
        let long = "x".repeat(2001);
        assert_eq!(
            fields(check_update(&body(Some("pending"), Some(&long))).unwrap_err()),
            [
                FieldError::new("status", Rule::IllegalStatusMove),
                FieldError::new("reply", Rule::TooLong { max: 2000 })
            ]
        );
        assert!(
            check_update(&body(None, Some(&"é".repeat(2000)))).is_ok(),
            "chars, not bytes"
        );
    }

    #[test]
    fn the_csv_has_one_row_per_line_and_a_bom() {
        let part = InboxPart {
            reference: "PQ-2026-000007".into(),
            kind: "purchase".into(),
            created_at: "2026-11-23T10:00:00.000Z".into(),
            doc: serde_json::json!({
                "organisation": "=HYPERLINK(\"http://x\")", "contact_name": "Dewi",
                "email": "a@b.co", "whatsapp": "+62 812 7777 8888", "city": "Samarinda",
                "items": [], "recurrence": "weekly", "wanted_by": "2026-12-01",
                "note": "Kirim, pagi \"jam 7\""
            })
            .to_string(),
            status: "new".into(),
            items: r#"[{"product_id":"amplang","quantity":20,"unit":"pack"},
                       {"product_id":"gone","quantity":5,"unit":"kg"}]"#
                .into(),
            read: false,
            updated_at: "2026-11-23T10:00:00.000Z".into(),
            events: Vec::new(),
            quotes: Vec::new(),
        };
        let bytes = inbox_csv(&[part], |id| {
            (id == "amplang").then(|| "Amplang Saliki".to_owned())
        })
        .unwrap();
        let text = String::from_utf8(bytes).unwrap();
        let text = text.strip_prefix('\u{feff}').expect("BOM first");
        let mut rows = csv::Reader::from_reader(text.as_bytes());
        assert_eq!(rows.headers().unwrap(), CSV_HEADER.as_slice());
        let rows: Vec<csv::StringRecord> = rows.records().map(Result::unwrap).collect();
        assert_eq!(rows.len(), 2);
        assert_eq!(&rows[0][4], "'=HYPERLINK(\"http://x\")");
        assert_eq!(&rows[0][7], "'+62 812 7777 8888");
        assert_eq!(&rows[0][10], "Amplang Saliki");
        assert_eq!(&rows[0][13], "2026-12-01");
        assert_eq!(&rows[0][16], "Kirim, pagi \"jam 7\"", "quoted, not split");
        assert_eq!(&rows[1][10], "", "a product gone from the catalog");
        assert_eq!((&rows[1][11], &rows[1][12]), ("5", "kg"));
    }
}
