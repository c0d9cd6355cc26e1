//! A visitor's report of a listing, from the product page.

use etalase_model::moderation::Report;
use gloo_net::http::Request;

use super::ApiError;

pub async fn report_listing(product_id: &str, report: &Report) -> Result<(), ApiError> {
    let url = format!(
        "/api/listings/{}/reports",
        String::from(js_sys::encode_uri_component(product_id))
    );
    let res = Request::post(&url)
        .json(report)
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
