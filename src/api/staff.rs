//! Calls of cooperative operators and facilitators: their session, and an operator's
//! members. Listing, photo and inbox calls made for a member go to the URLs of
//! [`Base::Member`](super::seller::Base::Member).

pub use etalase_model::api::{
    AddedMember, FacilitatorReport, Figures, KecamatanActivity, StaffMe, VillageActivity,
};
use etalase_model::cooperative::Member;
use etalase_model::rules::{NewMember, SignIn};
use gloo_net::http::Request;

use super::{json_or_refusal, send_json, ApiError};

/// Where the report's CSV is downloaded from (a plain link: the cookie goes along).
pub const REPORT_CSV: &str = "/api/facilitator/report.csv";

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
