//! Calls of cooperative operators, facilitators and admins: their session, an operator's
//! members, moderation, verification and the district's staff accounts. Listing, photo and inbox calls made for a member go to the URLs of
//! [`Base::Member`](super::seller::Base::Member).

use etalase_model::api::{
    ActiveBody, EndPartnershipBody, IdmImportBody, NoticeSettings, OperatorNoticesView,
    PartnerBody, PartnershipBody,
};
pub use etalase_model::api::{
    AddedMember, FacilitatorReport, Figures, KecamatanActivity, ModerationQueue, StaffAccountView,
    StaffMe, VillageActivity,
};
pub use etalase_model::api::{FailedNoticeView, MarketMap, MarketQuery, MarketRow};
pub use etalase_model::api::{IdmImportDone, IdmImportPreview, InviteCreated, InviteView};
use etalase_model::cooperative::Member;
use etalase_model::district::{CooperativeDetails, NewInvite};
use etalase_model::moderation::{AuditEntry, Notice, VerifyBody};
use etalase_model::rules::{Claim, NewMember, SignIn};
use etalase_model::{Partner, Partnership, Seller};
use gloo_net::http::Request;

use super::{json_or_refusal, send_json, ApiError};

/// Where the report's CSV is downloaded from (a plain link: the cookie goes along).
pub const REPORT_CSV: &str = "/api/facilitator/report.csv";

/// The export market map for a period (`YYYY-MM` months) and, optionally, a kecamatan.
pub async fn market_map(query: &MarketQuery) -> Result<MarketMap, ApiError> {
    let res = Request::get(&format!("/api/staff/market?{}", market_query(query)))
        .send()
        .await
        .map_err(|_| ApiError::Network)?;
    json_or_refusal(res).await
}

/// Where the market map's CSV for `query` is downloaded from (a plain link).
pub fn market_csv_url(query: &MarketQuery) -> String {
    format!("/api/staff/market.csv?{}", market_query(query))
}

fn market_query(query: &MarketQuery) -> String {
    let enc = |v: &Option<String>| {
        String::from(js_sys::encode_uri_component(
            v.as_deref().unwrap_or_default(),
        ))
    };
    format!(
        "from={}&to={}&kecamatan={}",
        enc(&query.from),
        enc(&query.to),
        enc(&query.kecamatan)
    )
}

pub async fn facilitator_report() -> Result<FacilitatorReport, ApiError> {
    let res = Request::get("/api/facilitator/report")
        .send()
        .await
        .map_err(|_| ApiError::Network)?;
    json_or_refusal(res).await
}

pub async fn login(form: &SignIn) -> Result<StaffMe, ApiError> {
    send_json(Request::post("/api/staff/login"), form).await
}

/// `GET /api/staff/me`; `Ok(None)` when no staff member is signed in.
pub async fn me() -> Result<Option<StaffMe>, ApiError> {
    let res = Request::get("/api/staff/me")
        .send()
        .await
        .map_err(|_| ApiError::Network)?;
    json_or_refusal(res).await
}

/// The operator's address for their members' new inquiries.
pub async fn operator_notices() -> Result<OperatorNoticesView, ApiError> {
    let res = Request::get("/api/staff/notices")
        .send()
        .await
        .map_err(|_| ApiError::Network)?;
    json_or_refusal(res).await
}

/// Sets (or, empty, clears) it.
pub async fn set_operator_notices(
    csrf: &str,
    settings: &NoticeSettings,
) -> Result<OperatorNoticesView, ApiError> {
    send_json(
        Request::put("/api/staff/notices").header("x-csrf-token", csrf),
        settings,
    )
    .await
}

pub async fn logout(csrf: &str) -> Result<(), ApiError> {
    super::sign_out("/api/staff/logout", csrf).await
}

/// The operator's cooperative's members.
pub async fn members() -> Result<Vec<Member>, ApiError> {
    let res = Request::get("/api/coop/members")
        .send()
        .await
        .map_err(|_| ApiError::Network)?;
    json_or_refusal(res).await
}

pub async fn add_member(csrf: &str, form: &NewMember) -> Result<AddedMember, ApiError> {
    send_json(
        Request::post("/api/coop/members").header("x-csrf-token", csrf),
        form,
    )
    .await
}

/// Open reports, hidden listings and suspended sellers (facilitators and admins).
pub async fn moderation_queue() -> Result<ModerationQueue, ApiError> {
    get_json("/api/staff/moderation").await
}

/// Hides a listing with a reason in both languages.
pub async fn hold_listing(csrf: &str, product_id: &str, reason: &Notice) -> Result<(), ApiError> {
    let url = format!("/api/staff/listings/{}/hold", encode(product_id));
    no_content(Request::put(&url).header("x-csrf-token", csrf).json(reason)).await
}

pub async fn release_listing(csrf: &str, product_id: &str) -> Result<(), ApiError> {
    let url = format!("/api/staff/listings/{}/hold", encode(product_id));
    no_content(Request::delete(&url).header("x-csrf-token", csrf).build()).await
}

pub async fn dismiss_reports(csrf: &str, product_id: &str) -> Result<(), ApiError> {
    let url = format!("/api/staff/listings/{}/dismiss", encode(product_id));
    no_content(Request::post(&url).header("x-csrf-token", csrf).build()).await
}

/// Verifies a seller (with their NIB, if given), or withdraws it; the seller as published.
pub async fn set_verified(
    csrf: &str,
    seller_id: &str,
    verify: Option<&VerifyBody>,
) -> Result<Seller, ApiError> {
    let url = format!("/api/staff/sellers/{}/verification", encode(seller_id));
    match verify {
        Some(body) => send_json(Request::put(&url).header("x-csrf-token", csrf), body).await,
        None => {
            let res = Request::delete(&url)
                .header("x-csrf-token", csrf)
                .send()
                .await
                .map_err(|_| ApiError::Network)?;
            json_or_refusal(res).await
        }
    }
}

/// Suspends a seller with a reason, or reinstates them (`None`). Admins only.
pub async fn set_suspended(
    csrf: &str,
    seller_id: &str,
    reason: Option<&Notice>,
) -> Result<(), ApiError> {
    let url = format!("/api/staff/sellers/{}/suspension", encode(seller_id));
    match reason {
        Some(reason) => {
            no_content(Request::put(&url).header("x-csrf-token", csrf).json(reason)).await
        }
        None => no_content(Request::delete(&url).header("x-csrf-token", csrf).build()).await,
    }
}

/// Every staff account (admins only).
pub async fn accounts() -> Result<Vec<StaffAccountView>, ApiError> {
    get_json("/api/staff/accounts").await
}

pub async fn set_active(csrf: &str, staff_id: &str, active: bool) -> Result<(), ApiError> {
    let url = format!("/api/staff/accounts/{}/active", encode(staff_id));
    no_content(
        Request::put(&url)
            .header("x-csrf-token", csrf)
            .json(&ActiveBody { active }),
    )
    .await
}

/// Notices that could not be delivered, newest first (admins).
pub async fn failed_notices() -> Result<Vec<FailedNoticeView>, ApiError> {
    get_json("/api/staff/notices/failed").await
}

/// The latest staff changes, newest first (admins only).
pub async fn audit_log() -> Result<Vec<AuditEntry>, ApiError> {
    get_json("/api/staff/audit").await
}

async fn get_json<T: for<'de> serde::Deserialize<'de>>(url: &str) -> Result<T, ApiError> {
    let res = Request::get(url)
        .send()
        .await
        .map_err(|_| ApiError::Network)?;
    json_or_refusal(res).await
}

/// Sends a request whose success has no body (`204`).
async fn no_content(
    request: Result<gloo_net::http::Request, gloo_net::Error>,
) -> Result<(), ApiError> {
    let res = request
        .map_err(|_| ApiError::Decode)?
        .send()
        .await
        .map_err(|_| ApiError::Network)?;
    if res.ok() {
        Ok(())
    } else {
        Err(super::refusal(res).await)
    }
}

fn encode(segment: &str) -> String {
    js_sys::encode_uri_component(segment).into()
}

/// What importing this IDM table would store, row by row (nothing is stored).
pub async fn idm_preview(csrf: &str, csv: &str) -> Result<IdmImportPreview, ApiError> {
    let body = IdmImportBody {
        csv: csv.to_string(),
    };
    send_json(
        Request::post("/api/staff/idm/preview").header("x-csrf-token", csrf),
        &body,
    )
    .await
}

/// Stores a clean IDM table; each of its years replaces that year.
pub async fn idm_import(csrf: &str, csv: &str) -> Result<IdmImportDone, ApiError> {
    let body = IdmImportBody {
        csv: csv.to_string(),
    };
    send_json(
        Request::post("/api/staff/idm/import").header("x-csrf-token", csrf),
        &body,
    )
    .await
}

/// A one-time link for a new staff member (admins only).
pub async fn create_invite(csrf: &str, invite: &NewInvite) -> Result<InviteCreated, ApiError> {
    send_json(
        Request::post("/api/staff/invites").header("x-csrf-token", csrf),
        invite,
    )
    .await
}

/// Whom an invitation link invites; `NotFound` when used or expired.
pub async fn show_invite(token: &str) -> Result<InviteView, ApiError> {
    get_json(&format!("/api/staff/invites/{}", encode(token))).await
}

/// The invitee chooses a password and is signed in.
pub async fn claim_invite(form: &Claim) -> Result<StaffMe, ApiError> {
    send_json(Request::post("/api/staff/invites/claim"), form).await
}

/// Saves a village cooperative's details (admins only); the village as published.
pub async fn save_cooperative(
    csrf: &str,
    village_slug: &str,
    details: &CooperativeDetails,
) -> Result<etalase_model::Village, ApiError> {
    let url = format!("/api/staff/cooperatives/{}", encode(village_slug));
    send_json(Request::put(&url).header("x-csrf-token", csrf), details).await
}

/// Adds a partner, or changes the one with this slug; the partner as published.
pub async fn save_partner(csrf: &str, slug: &str, body: &PartnerBody) -> Result<Partner, ApiError> {
    let url = format!("/api/staff/partners/{}", encode(slug));
    send_json(Request::put(&url).header("x-csrf-token", csrf), body).await
}

/// Adds a partnership, or changes the one with this id (its villages replaced).
pub async fn save_partnership(
    csrf: &str,
    id: &str,
    body: &PartnershipBody,
) -> Result<Partnership, ApiError> {
    let url = format!("/api/staff/partnerships/{}", encode(id));
    send_json(Request::put(&url).header("x-csrf-token", csrf), body).await
}

/// Ends a partnership in `end_year`: it becomes finished.
pub async fn end_partnership(csrf: &str, id: &str, end_year: u16) -> Result<Partnership, ApiError> {
    let url = format!("/api/staff/partnerships/{}/end", encode(id));
    send_json(
        Request::post(&url).header("x-csrf-token", csrf),
        &EndPartnershipBody { end_year },
    )
    .await
}
