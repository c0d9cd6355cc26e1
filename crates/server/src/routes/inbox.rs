//! The seller's inbox: their parts of buyers' inquiries, their answers (a reply, a status
//! move or both) and a CSV for the spreadsheet many cooperatives already keep.
//!
//! A seller only ever sees their own part of a basket: the buyer's form comes back with the
//! other sellers' lines removed, and a reference without a part for this seller is a plain
//! 404, so nobody learns what their neighbours were asked.

use std::borrow::Cow;
use std::collections::BTreeMap;

use axum::extract::State;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use etalase_model::inquiry::{
    parse_reference, ExportInquiry, ExportItem, InquiryStatus, PurchaseInquiry, PurchaseItem,
};
use etalase_model::rules::{FieldError, Rule};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::auth::session::SignedIn;
use crate::error::{ApiError, ErrorBody};
use crate::extract::{Body, PathParam, QueryParams};
use crate::store::{InboxPage, InboxPart, PartEvent, PartUpdate, UpdateOutcome};
use crate::AppState;

/// Long enough for a quotation with terms, short enough to read on a phone.
pub const REPLY_MAX_CHARS: u32 = 2000;

/// Parts per page when the request names no `limit`: a phone's screenful or two, so a
/// cooperative with a year of inquiries does not download all of them on a weak connection.
pub const INBOX_PAGE: u32 = 20;

/// The most parts one page may ask for.
pub const INBOX_PAGE_MAX: u32 = 100;

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct InboxQuery {
    /// Only parts at this stage; empty or absent for all.
    #[serde(default)]
    #[param(value_type = Option<etalase_model::InquiryStatus>)]
    pub status: Option<String>,
    /// Only parts older than this inquiry: the previous page's `next`.
    #[serde(default)]
    #[param(example = "PQ-2026-000123")]
    pub before: Option<String>,
    /// Parts per page, 1–100; 20 when absent.
    #[serde(default)]
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<u32>,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct InboxView {
    /// Unread parts in the whole inbox, whatever the filter and page.
    pub unread: u32,
    /// Parts in the whole inbox at each stage (every stage, zero included), whatever the
    /// filter and page: the filter tabs' counts.
    #[schema(example = json!({"new": 3, "replied": 2, "quoted": 1, "won": 0, "lost": 0, "closed": 0}))]
    pub counts: BTreeMap<&'static str, u32>,
    /// Newest first.
    pub parts: Vec<PartView>,
    /// Pass as `before` for the next page; `null` when this page is the last.
    #[schema(example = "PQ-2026-000117")]
    pub next: Option<String>,
}

/// One seller's part as their inbox shows it.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct PartView {
    #[schema(example = "PQ-2026-000123")]
    pub reference: String,
    #[schema(value_type = etalase_model::InquiryKind)]
    pub kind: String,
    #[schema(format = DateTime)]
    pub created_at: String,
    #[schema(value_type = etalase_model::InquiryStatus)]
    pub status: String,
    pub read: bool,
    #[schema(format = DateTime)]
    pub updated_at: String,
    /// The buyer's form with `items` holding only this seller's lines.
    #[schema(schema_with = crate::openapi::inquiry_doc_schema)]
    pub inquiry: Value,
    pub events: Vec<EventView>,
}

/// One entry of a part's history, the same for the seller and the buyer.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct EventView {
    #[schema(format = DateTime)]
    pub at: String,
    /// The seller's business name when they answered.
    pub by: String,
    /// The stage before a status move; `null` for a reply alone.
    #[schema(value_type = Option<etalase_model::InquiryStatus>)]
    pub from: Option<String>,
    /// The stage after a status move; `null` for a reply alone.
    #[schema(value_type = Option<etalase_model::InquiryStatus>)]
    pub to: Option<String>,
    pub reply: Option<String>,
}

impl From<PartEvent> for EventView {
    fn from(e: PartEvent) -> EventView {
        EventView {
            at: e.at,
            by: e.actor,
            from: e.from_status,
            to: e.to_status,
            reply: e.reply,
        }
    }
}

/// `GET /api/seller/inquiries[?status=new&before=PQ-…&limit=20]`: a page of the signed-in
/// seller's parts, newest first.
#[utoipa::path(
    get,
    path = "/seller/inquiries",
    tag = "seller",
    security(("session_cookie" = [])),
    params(InboxQuery),
    responses(
        (status = 200, description = "A page of the seller's parts of inquiries, newest first, with the whole inbox's unread and per-stage counts", body = InboxView),
        (status = 400, description = "`malformed`: the query string", body = ErrorBody),
        (status = 401, description = "`sign_in_required`", body = ErrorBody),
        (status = 422, description = "`invalid`: `status` names no stage, `before` is no reference, or `limit` is outside 1–100", body = ErrorBody),
        (status = 503, description = "`store_unavailable`", body = ErrorBody),
    )
)]
pub async fn list(
    State(state): State<AppState>,
    signed_in: SignedIn,
    QueryParams(query): QueryParams<InboxQuery>,
) -> Result<Json<InboxView>, ApiError> {
    inbox_of(&state, signed_in.seller_id, query).await.map(Json)
}

/// A seller's inbox: for the seller, or for their cooperative's operator.
pub(crate) async fn inbox_of(
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
        counts: inbox.counts.iter().map(|(s, n)| (s.slug(), *n)).collect(),
        next,
        parts: inbox
            .parts
            .into_iter()
            .map(part_view)
            .collect::<Result<_, _>>()?,
    })
}

/// `POST /api/seller/inquiries/{reference}/read`: the seller opened it.
#[utoipa::path(
    post,
    path = "/seller/inquiries/{reference}/read",
    tag = "seller",
    security(("session_cookie" = [], "csrf_header" = [])),
    params(
        ("reference" = String, Path, description = "The inquiry's reference, e.g. `PQ-2026-000123`"),
    ),
    responses(
        (status = 204, description = "Marked read"),
        (status = 400, description = "`malformed`: the path is not valid text", body = ErrorBody),
        (status = 401, description = "`sign_in_required`", body = ErrorBody),
        (status = 403, description = "`csrf`", body = ErrorBody),
        (status = 404, description = "`not_found`: no part of this inquiry is the seller's", body = ErrorBody),
        (status = 503, description = "`store_unavailable`", body = ErrorBody),
    )
)]
pub async fn mark_read(
    State(state): State<AppState>,
    signed_in: SignedIn,
    PathParam(reference): PathParam<String>,
) -> Result<StatusCode, ApiError> {
    if state
        .store
        .mark_part_read(signed_in.seller_id, reference)
        .await?
    {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(ApiError::NotFound)
    }
}

/// A reply, a status move or both.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
pub struct UpdateBody {
    /// The stage to move to (stages only go forward; won, lost and closed are final).
    #[serde(default)]
    #[schema(value_type = Option<etalase_model::InquiryStatus>)]
    pub status: Option<String>,
    /// A message to the buyer, at most 2000 characters.
    #[serde(default)]
    pub reply: Option<String>,
}

/// `POST /api/seller/inquiries/{reference}`: a reply, a status move or both. Answers with
/// the part as it now is.
#[utoipa::path(
    post,
    path = "/seller/inquiries/{reference}",
    tag = "seller",
    security(("session_cookie" = [], "csrf_header" = [])),
    params(
        ("reference" = String, Path, description = "The inquiry's reference, e.g. `PQ-2026-000123`"),
    ),
    request_body = UpdateBody,
    responses(
        (status = 200, description = "The part as it now is", body = PartView),
        (status = 400, description = "`malformed`: not an update body", body = ErrorBody),
        (status = 401, description = "`sign_in_required`", body = ErrorBody),
        (status = 403, description = "`csrf`", body = ErrorBody),
        (status = 404, description = "`not_found`: no part of this inquiry is the seller's", body = ErrorBody),
        (status = 413, description = "`body_too_large`", body = ErrorBody),
        (status = 415, description = "`unsupported_media_type`: not JSON", body = ErrorBody),
        (status = 422, description = "`invalid`: see `fields` (`illegal_status_move` on `status`)", body = ErrorBody),
        (status = 503, description = "`store_unavailable`", body = ErrorBody),
    )
)]
pub async fn update(
    State(state): State<AppState>,
    signed_in: SignedIn,
    PathParam(reference): PathParam<String>,
    Body(body): Body<UpdateBody>,
) -> Result<Json<PartView>, ApiError> {
    let seller = state
        .store
        .seller(signed_in.seller_id.clone())
        .await?
        .ok_or(ApiError::SignInRequired)?;
    answer(&state, seller.id, seller.name, reference, body)
        .await
        .map(Json)
}

/// Applies an answer to `seller_id`'s part; `actor` is the name the history shows (the
/// seller's, or the operator's acting for them).
pub(crate) async fn answer(
    state: &AppState,
    seller_id: String,
    actor: String,
    reference: String,
    body: UpdateBody,
) -> Result<PartView, ApiError> {
    let (status, reply) = check_update(&body)?;
    let outcome = state
        .store
        .update_part(PartUpdate {
            seller_id,
            reference,
            actor,
            status,
            reply,
            at: None,
        })
        .await?;
    match outcome {
        UpdateOutcome::Updated(part) => {
            tracing::info!(reference = %part.reference, status = %part.status, "inquiry answered");
            part_view(part)
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

fn part_view(part: InboxPart) -> Result<PartView, ApiError> {
    let mut inquiry = parse(&part.doc)?;
    if let Some(form) = inquiry.as_object_mut() {
        form.insert("items".to_owned(), parse(&part.items)?);
    }
    Ok(PartView {
        reference: part.reference,
        kind: part.kind,
        created_at: part.created_at,
        status: part.status,
        read: part.read,
        updated_at: part.updated_at,
        inquiry,
        events: part.events.into_iter().map(EventView::from).collect(),
    })
}

fn parse(text: &str) -> Result<Value, ApiError> {
    serde_json::from_str(text).map_err(|e| ApiError::Internal(e.to_string()))
}

/// `GET /api/seller/inquiries.csv`: every line of the seller's parts, for a spreadsheet.
#[utoipa::path(
    get,
    path = "/seller/inquiries.csv",
    tag = "seller",
    security(("session_cookie" = [])),
    responses(
        (status = 200, description = "One row per line of the seller's parts, UTF-8 with a byte-order mark",
            content_type = "text/csv", body = String,
            headers(("Content-Disposition" = String, description = "`attachment; filename=\"permintaan-….csv\"`"))),
        (status = 401, description = "`sign_in_required`", body = ErrorBody),
        (status = 503, description = "`store_unavailable`", body = ErrorBody),
    )
)]
pub async fn export_csv(
    State(state): State<AppState>,
    signed_in: SignedIn,
) -> Result<Response, ApiError> {
    let inbox = state
        .store
        .seller_inbox(signed_in.seller_id.clone(), InboxPage::default())
        .await?;
    let snapshot = state.snapshots.current();
    let body = inbox_csv(&inbox.parts, |id| snapshot.names.get(id).cloned())?;
    let file: String = signed_in
        .seller_id
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect();
    let disposition =
        HeaderValue::from_str(&format!("attachment; filename=\"permintaan-{file}.csv\""))
            .map_err(|e| ApiError::Internal(e.to_string()))?;
    Ok((
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/csv; charset=utf-8"),
            ),
            (header::CONTENT_DISPOSITION, disposition),
            (header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
        ],
        body,
    )
        .into_response())
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
        // The columns shared by all of a part's lines, and per line (product, quantity, unit).
        let (common, lines): ([String; 9], Vec<(String, String, String)>) = if part.kind == "export"
        {
            let form: ExportInquiry = serde_json::from_str(&part.doc).map_err(|e| fail(&e))?;
            let items: Vec<ExportItem> = serde_json::from_str(&part.items).map_err(|e| fail(&e))?;
            (
                [
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
                items
                    .into_iter()
                    .map(|i| (i.product_id, i.quantity.to_string(), i.unit.slug().into()))
                    .collect(),
            )
        } else {
            let form: PurchaseInquiry = serde_json::from_str(&part.doc).map_err(|e| fail(&e))?;
            let items: Vec<PurchaseItem> =
                serde_json::from_str(&part.items).map_err(|e| fail(&e))?;
            (
                [
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
                items
                    .into_iter()
                    .map(|i| (i.product_id, i.quantity.to_string(), i.unit.slug().into()))
                    .collect(),
            )
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

/// A cell a spreadsheet would run as a formula (`=HYPERLINK(…)`, `+62…` read as a sum, `@`,
/// or a leading tab or carriage return) gets a leading apostrophe: the buyer typed these
/// fields, and the seller opens the file on their own computer.
pub fn neutralise(cell: &str) -> Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_cells_are_neutralised_and_others_kept() {
        for (input, want) in [
            ("=1+1", "'=1+1"),
            ("+6561234567", "'+6561234567"),
            ("-2", "'-2"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tx", "'\tx"),
            ("\rx", "'\rx"),
            ("Hotel Mesra", "Hotel Mesra"),
            ("a=b", "a=b"),
            ("", ""),
        ] {
            assert_eq!(neutralise(input), want, "{input:?}");
        }
    }

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
            check_update(&body(Some("quoted"), Some("  Rp 20.000/pak  "))).unwrap(),
            (Some(InquiryStatus::Quoted), Some("Rp 20.000/pak".into()))
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
