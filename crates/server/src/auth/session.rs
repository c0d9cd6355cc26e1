//! Session cookies and the extractor that turns one into a signed-in seller.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, HeaderValue};
use sha2::{Digest, Sha256};

use crate::error::ApiError;
use crate::AppState;

/// The cookie's name. Host-only (no Domain attribute), so subdomains never see it.
pub const COOKIE: &str = "etalase_session";
/// The header the app echoes the CSRF token in. A cross-site form cannot set headers, and a
/// cross-site script cannot read the token.
pub const CSRF_HEADER: &str = "x-csrf-token";
/// Sellers on shared phones stay signed in for a month, then sign in again.
pub const SESSION_SECONDS: i64 = 30 * 24 * 60 * 60;

/// A request from a signed-in seller. For methods other than GET/HEAD/OPTIONS, extracting
/// this also checks the CSRF header, so every write handler that needs a seller is
/// protected by construction.
#[derive(Debug, Clone)]
pub struct SignedIn {
    pub seller_id: String,
    pub csrf_token: String,
    pub token_hash: String,
}

impl FromRequestParts<AppState> for SignedIn {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<SignedIn, ApiError> {
        let token = cookie_value(&parts.headers, COOKIE).ok_or(ApiError::SignInRequired)?;
        let token_hash = token_hash(token);
        let record = state
            .store
            .session(token_hash.clone(), unix_now())
            .await?
            .ok_or(ApiError::SignInRequired)?;
        check_csrf(parts, &record.csrf_token)?;
        Ok(SignedIn {
            seller_id: record.seller_id,
            csrf_token: record.csrf_token,
            token_hash,
        })
    }
}

/// On anything but GET/HEAD/OPTIONS, the CSRF header must carry the session's token.
pub(crate) fn check_csrf(parts: &Parts, expected: &str) -> Result<(), ApiError> {
    if parts.method.is_safe() {
        return Ok(());
    }
    let sent = parts
        .headers
        .get(CSRF_HEADER)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    if constant_time_eq(sent.as_bytes(), expected.as_bytes()) {
        Ok(())
    } else {
        Err(ApiError::Csrf)
    }
}

/// The client's address, for rate limits. Falls back to an unspecified address when the
/// server was not started with connection info (in-process tests). Behind a proxy named in
/// `--trusted-proxy`, it is the address that proxy saw (see [`client_ip`]).
#[derive(Debug, Clone, Copy)]
pub struct ClientIp(pub IpAddr);

impl FromRequestParts<AppState> for ClientIp {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<ClientIp, Self::Rejection> {
        let peer = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|ConnectInfo(addr)| addr.ip())
            .unwrap_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED));
        let forwarded = parts
            .headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok());
        Ok(ClientIp(client_ip(
            peer,
            forwarded,
            &state.config.trusted_proxies,
        )))
    }
}

/// Whom to count a request against. A direct client is its peer address. A request from a
/// trusted proxy counts against the last address in `X-Forwarded-For`, the one that proxy
/// appended (nginx's `$proxy_add_x_forwarded_for`); the entries before it came from the
/// client and could be anything. Anyone else's `X-Forwarded-For` is ignored, so a client
/// cannot dodge a limit by sending the header.
pub fn client_ip<'a>(
    peer: IpAddr,
    forwarded_for: impl IntoIterator<Item = &'a str>,
    trusted_proxies: &[IpAddr],
) -> IpAddr {
    if !trusted_proxies.contains(&peer) {
        return peer;
    }
    forwarded_for
        .into_iter()
        .flat_map(|header| header.split(','))
        .last()
        .and_then(|last| last.trim().parse().ok())
        .unwrap_or(peer)
}

/// Refuses sign-in and registration posted from another site's page (login CSRF). Browsers
/// send `Origin` on every cross-origin POST; when present it must name this host.
pub fn check_same_origin(headers: &HeaderMap) -> Result<(), ApiError> {
    let Some(origin) = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) else {
        return Ok(());
    };
    let host = headers
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let origin_host = origin.split_once("://").map_or(origin, |(_, rest)| rest);
    if origin_host.eq_ignore_ascii_case(host) {
        Ok(())
    } else {
        Err(ApiError::Csrf)
    }
}

/// The `Set-Cookie` value that starts a session. `Secure` when the request came over TLS
/// (a terminating proxy says so in `X-Forwarded-Proto`), so plain-HTTP development works.
pub fn session_cookie(token: &str, headers: &HeaderMap) -> HeaderValue {
    named_cookie(COOKIE, token, headers)
}

/// The `Set-Cookie` value that ends a session in the browser.
pub fn cleared_cookie(headers: &HeaderMap) -> HeaderValue {
    cleared_named_cookie(COOKIE, headers)
}

/// [`session_cookie`] for a cookie called `name` (staff sessions have their own).
pub fn named_cookie(name: &str, token: &str, headers: &HeaderMap) -> HeaderValue {
    let secure = if over_tls(headers) { "; Secure" } else { "" };
    HeaderValue::from_str(&format!(
        "{name}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={SESSION_SECONDS}{secure}"
    ))
    .expect("token is hex")
}

/// [`cleared_cookie`] for a cookie called `name`.
pub fn cleared_named_cookie(name: &str, headers: &HeaderMap) -> HeaderValue {
    let secure = if over_tls(headers) { "; Secure" } else { "" };
    HeaderValue::from_str(&format!(
        "{name}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0{secure}"
    ))
    .expect("ascii")
}

fn over_tls(headers: &HeaderMap) -> bool {
    headers
        .get("x-forwarded-proto")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|p| p.eq_ignore_ascii_case("https"))
}

/// What the database stores for a cookie token.
pub fn token_hash(token: &str) -> String {
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

pub use crate::clock::unix_now;

/// One cookie's value from the `Cookie` header(s).
pub(crate) fn cookie_value<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
        .filter(|v| !v.is_empty())
}

/// Compares secrets without an early exit, so timing does not leak a matching prefix.
pub(crate) fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_trusted_proxy_may_name_the_client() {
        let proxy: IpAddr = "127.0.0.1".parse().unwrap();
        let client: IpAddr = "203.0.113.7".parse().unwrap();
        let stranger: IpAddr = "198.51.100.9".parse().unwrap();
        // Through the proxy: the address it appended, not what the client wrote before it.
        assert_eq!(
            client_ip(proxy, ["10.9.9.9, 203.0.113.7"], &[proxy]),
            client
        );
        assert_eq!(
            client_ip(proxy, ["10.9.9.9", "203.0.113.7"], &[proxy]),
            client
        );
        // A direct client's header is ignored, trusted list or not.
        assert_eq!(client_ip(stranger, ["203.0.113.7"], &[proxy]), stranger);
        assert_eq!(client_ip(proxy, ["203.0.113.7"], &[]), proxy);
        // A proxy that sent no usable header counts as itself.
        assert_eq!(client_ip(proxy, [], &[proxy]), proxy);
        assert_eq!(client_ip(proxy, ["junk"], &[proxy]), proxy);
    }

    #[test]
    fn finds_the_session_cookie_among_others() {
        let mut h = HeaderMap::new();
        h.insert(
            header::COOKIE,
            HeaderValue::from_static("lang=en; etalase_session=abc123; x=1"),
        );
        assert_eq!(cookie_value(&h, COOKIE), Some("abc123"));
        h.insert(header::COOKIE, HeaderValue::from_static("etalase_session="));
        assert_eq!(cookie_value(&h, COOKIE), None);
    }

    #[test]
    fn cookies_are_http_only_lax_and_secure_behind_tls() {
        let plain = HeaderMap::new();
        let c = session_cookie("ab", &plain);
        let c = c.to_str().unwrap();
        assert!(c.contains("HttpOnly") && c.contains("SameSite=Lax") && !c.contains("Secure"));
        let mut tls = HeaderMap::new();
        tls.insert("x-forwarded-proto", HeaderValue::from_static("https"));
        assert!(session_cookie("ab", &tls)
            .to_str()
            .unwrap()
            .ends_with("; Secure"));
    }

    #[test]
    fn cross_origin_posts_are_refused() {
        let mut h = HeaderMap::new();
        h.insert(header::HOST, HeaderValue::from_static("etalase.id"));
        assert!(
            check_same_origin(&h).is_ok(),
            "no Origin: not a browser form"
        );
        h.insert(
            header::ORIGIN,
            HeaderValue::from_static("https://etalase.id"),
        );
        assert!(check_same_origin(&h).is_ok());
        h.insert(
            header::ORIGIN,
            HeaderValue::from_static("https://evil.example"),
        );
        assert!(check_same_origin(&h).is_err());
    }

    #[test]
    fn constant_time_eq_compares_whole_strings() {
        assert!(constant_time_eq(b"abc", b"abc"));
        assert!(!constant_time_eq(b"abc", b"abd"));
        assert!(!constant_time_eq(b"abc", b"ab"));
    }
}
