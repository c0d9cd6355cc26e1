//! Calls of cooperative operators and facilitators: their session, and an operator's
//! members. Listing and photo calls made for a member go through [`crate::workspace`].

pub use etalase_model::api::{AddedMember, StaffMe};
use etalase_model::cooperative::Member;
use etalase_model::rules::{NewMember, SignIn};
use etalase_model::IdmStatus;
use gloo_net::http::Request;
use serde::Deserialize;

use super::{json_or_refusal, send_json, ApiError};

/// The facilitators' report (`GET /api/facilitator/report`).
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct FacilitatorReport {
    pub villages: Vec<VillageActivity>,
    pub kecamatan: Vec<KecamatanActivity>,
    /// Developing villages with no published listing, least developed first.
    pub to_coach: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct VillageActivity {
    pub slug: String,
    pub name: String,
    pub kecamatan: String,
    pub idm_status: IdmStatus,
    #[serde(flatten)]
    pub figures: Figures,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct KecamatanActivity {
    pub kecamatan: String,
    pub villages: usize,
    #[serde(flatten)]
    pub figures: Figures,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
pub struct Figures {
    pub active_sellers: usize,
    pub listings: usize,
    pub inquiries_30: usize,
    pub inquiries_90: usize,
    pub photos_measured: usize,
    pub photos_good: usize,
    pub valid_certificates: usize,
}

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
