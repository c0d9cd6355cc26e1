//! The seller's calls: account, listings and photo uploads, the seller's own or, for a
//! cooperative's operator, a member's ([`Base`]). Every write carries the CSRF token the
//! server handed out with the session (the cookie itself is HttpOnly).

use etalase_model::api::Consent;
pub use etalase_model::api::{
    Me, NoticeSettings, NoticeSettingsView, PushEndpoint, PushSubscriptionBody, Uploaded,
};
use etalase_model::cooperative::{ListingChange, Membership};
use etalase_model::moderation::ListingHold;
use etalase_model::rules::{Claim, Registration, SignIn};
use etalase_model::Product;
use gloo_net::http::Request;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

use super::{json_or_refusal, send_json, ApiError};
use etalase_model::api::ErrorBody;

/// Whose listings, photos and inquiries a URL is about: the signed-in seller's own, or a
/// cooperative member's (by seller id), which their operator manages for them (the server
/// checks that the member allows it). Pages ask their workspace (`crate::seller::workspace`)
/// for it, and it for the URLs the calls below take.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Base<'a> {
    Own,
    Member(&'a str),
}

impl Base<'_> {
    pub fn listings(self) -> String {
        match self {
            Base::Own => "/api/seller/listings".into(),
            Base::Member(id) => format!("/api/coop/members/{id}/listings"),
        }
    }

    pub fn listing(self, id: &str) -> String {
        format!("{}/{id}", self.listings())
    }

    pub fn history(self, id: &str) -> String {
        format!("{}/history", self.listing(id))
    }

    pub fn uploads(self) -> String {
        match self {
            Base::Own => "/api/uploads".into(),
            Base::Member(id) => format!("/api/coop/members/{id}/uploads"),
        }
    }

    /// The inbox of inquiries.
    pub fn inquiries(self) -> String {
        match self {
            Base::Own => "/api/seller/inquiries".into(),
            Base::Member(id) => format!("/api/coop/members/{id}/inquiries"),
        }
    }

    /// One part of the inbox, to move on or answer.
    pub fn inquiry(self, reference: &str) -> String {
        format!("{}/{reference}", self.inquiries())
    }

    /// Where a quote for one part is sent.
    pub fn quote(self, reference: &str) -> String {
        format!("{}/quote", self.inquiry(reference))
    }
}

/// `GET /api/auth/me`; `Ok(None)` when signed out.
pub async fn me() -> Result<Option<Me>, ApiError> {
    let res = Request::get("/api/auth/me")
        .send()
        .await
        .map_err(|_| ApiError::Network)?;
    json_or_refusal(res).await
}

pub async fn register(form: &Registration) -> Result<Me, ApiError> {
    send_json(Request::post("/api/auth/register"), form).await
}

/// `POST /api/auth/claim`: a member sets the password of the account their cooperative made.
pub async fn claim(form: &Claim) -> Result<Me, ApiError> {
    send_json(Request::post("/api/auth/claim"), form).await
}

/// The signed-in seller's cooperative membership, if any.
pub async fn membership() -> Result<Option<Membership>, ApiError> {
    let res = Request::get("/api/seller/cooperative")
        .send()
        .await
        .map_err(|_| ApiError::Network)?;
    json_or_refusal(res).await
}

/// Gives or withdraws the cooperative's right to act for the signed-in member.
pub async fn set_consent(csrf: &str, operator_may_act: bool) -> Result<Membership, ApiError> {
    send_json(
        Request::put("/api/seller/cooperative").header("x-csrf-token", csrf),
        &Consent { operator_may_act },
    )
    .await
}

/// Where the signed-in seller's notices go.
pub async fn notice_settings() -> Result<NoticeSettingsView, ApiError> {
    let res = Request::get("/api/seller/notices")
        .send()
        .await
        .map_err(|_| ApiError::Network)?;
    json_or_refusal(res).await
}

/// Sets (or, empty, clears) the signed-in seller's address for notices.
pub async fn set_notice_settings(
    csrf: &str,
    settings: &NoticeSettings,
) -> Result<NoticeSettingsView, ApiError> {
    send_json(
        Request::put("/api/seller/notices").header("x-csrf-token", csrf),
        settings,
    )
    .await
}

/// Turns push notices on for this browser's subscription.
pub async fn push_subscribe(
    csrf: &str,
    subscription: &PushSubscriptionBody,
) -> Result<NoticeSettingsView, ApiError> {
    send_json(
        Request::put("/api/seller/push").header("x-csrf-token", csrf),
        subscription,
    )
    .await
}

/// Turns them off for the browser with this endpoint.
pub async fn push_unsubscribe(
    csrf: &str,
    endpoint: String,
) -> Result<NoticeSettingsView, ApiError> {
    send_json(
        Request::delete("/api/seller/push").header("x-csrf-token", csrf),
        &PushEndpoint { endpoint },
    )
    .await
}

/// Who saved a listing when; `history_url` is [`Base::history`].
pub async fn history(history_url: &str) -> Result<Vec<ListingChange>, ApiError> {
    let res = Request::get(history_url)
        .send()
        .await
        .map_err(|_| ApiError::Network)?;
    json_or_refusal(res).await
}

pub async fn login(form: &SignIn) -> Result<Me, ApiError> {
    send_json(Request::post("/api/auth/login"), form).await
}

pub async fn logout(csrf: &str) -> Result<(), ApiError> {
    super::sign_out("/api/auth/logout", csrf).await
}

/// Every listing of the signed-in seller, drafts included.
pub async fn own_listings() -> Result<Vec<Product>, ApiError> {
    listings_at(&Base::Own.listings()).await
}

/// Every listing at `url` ([`Base::listings`]): the seller's own, or a member's for their
/// operator.
pub async fn listings_at(url: &str) -> Result<Vec<Product>, ApiError> {
    let res = Request::get(url)
        .send()
        .await
        .map_err(|_| ApiError::Network)?;
    json_or_refusal(res).await
}

/// Creates or replaces a listing at `url` ([`Base::listing`] with the id the app chose for
/// it); safe to retry.
pub async fn put_listing(url: &str, csrf: &str, product: &Product) -> Result<Product, ApiError> {
    let request = Request::put(url).header("x-csrf-token", csrf);
    send_json(request, product).await
}

/// Uploads one finished JPEG, reporting `(sent, total)` bytes as they go. Uses
/// XMLHttpRequest because fetch has no upload progress events.
pub async fn upload_photo(
    url: &str,
    csrf: &str,
    jpeg: &[u8],
    on_progress: impl Fn(f64, f64) + 'static,
) -> Result<Uploaded, ApiError> {
    let xhr = web_sys::XmlHttpRequest::new().map_err(|_| ApiError::Network)?;
    xhr.open("POST", url).map_err(|_| ApiError::Network)?;
    let _ = xhr.set_request_header("content-type", "image/jpeg");
    let _ = xhr.set_request_header("x-csrf-token", csrf);
    let progress =
        Closure::<dyn Fn(web_sys::ProgressEvent)>::new(move |e: web_sys::ProgressEvent| {
            if e.length_computable() {
                on_progress(e.loaded(), e.total());
            }
        });
    if let Ok(upload) = xhr.upload() {
        upload.set_onprogress(Some(progress.as_ref().unchecked_ref()));
    }
    let done = js_sys::Promise::new(&mut |resolve, _reject| {
        let resolve_load = resolve.clone();
        let on_load = Closure::once_into_js(move || {
            let _ = resolve_load.call1(&wasm_bindgen::JsValue::NULL, &true.into());
        });
        let on_fail = Closure::once_into_js(move || {
            let _ = resolve.call1(&wasm_bindgen::JsValue::NULL, &false.into());
        });
        xhr.set_onload(Some(on_load.unchecked_ref()));
        xhr.set_onerror(Some(on_fail.unchecked_ref()));
        // A stalled mobile connection must fail (and be retried) rather than hang forever.
        xhr.set_ontimeout(Some(on_fail.unchecked_ref()));
    });
    xhr.set_timeout(120_000);
    let body = js_sys::Uint8Array::from(jpeg);
    xhr.send_with_opt_buffer_source(Some(&body))
        .map_err(|_| ApiError::Network)?;
    let loaded = wasm_bindgen_futures::JsFuture::from(done)
        .await
        .map_err(|_| ApiError::Network)?;
    drop(progress);
    if loaded.as_bool() != Some(true) {
        return Err(ApiError::Network);
    }
    let status = xhr.status().unwrap_or(0);
    let text = xhr.response_text().ok().flatten().unwrap_or_default();
    if (200..300).contains(&status) {
        serde_json::from_str(&text).map_err(|_| ApiError::Decode)
    } else {
        match serde_json::from_str::<ErrorBody>(&text) {
            Ok(body) => Err(ApiError::from(body)),
            Err(_) => Err(ApiError::Status(status)),
        }
    }
}

/// The signed-in seller's listings that staff hid, and why.
pub async fn holds() -> Result<Vec<ListingHold>, ApiError> {
    let res = Request::get("/api/seller/holds")
        .send()
        .await
        .map_err(|_| ApiError::Network)?;
    json_or_refusal(res).await
}

/// Asks staff to look at a hidden listing again, after fixing it.
pub async fn request_review(csrf: &str, product_id: &str) -> Result<(), ApiError> {
    let url = format!(
        "/api/seller/listings/{}/review",
        String::from(js_sys::encode_uri_component(product_id))
    );
    let res = Request::post(&url)
        .header("x-csrf-token", csrf)
        .send()
        .await
        .map_err(|_| ApiError::Network)?;
    if res.ok() {
        Ok(())
    } else {
        Err(super::refusal(res).await)
    }
}
