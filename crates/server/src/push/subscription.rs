//! A browser's push subscription, checked: an endpoint at a known push service, a P-256
//! public key and a 16-byte secret. Pure.

use axum::http::Uri;
use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;
use base64::Engine;
use web_push_native::p256::PublicKey;
use web_push_native::Auth;

/// The push services browsers subscribe with (Chrome and Android browsers: FCM; Firefox:
/// Mozilla; Safari: Apple; Edge: WNS). Only their hosts are accepted, so a stored endpoint
/// can never aim the server's requests at an address of someone's choosing.
pub const PUSH_SERVICES: &[&str] = &[
    "fcm.googleapis.com",
    "push.services.mozilla.com",
    "push.apple.com",
    "notify.windows.com",
];

/// Endpoints longer than this are refused (real ones are under 300 characters).
pub const ENDPOINT_MAX: usize = 1024;

/// What is wrong with a subscription.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SubscriptionError {
    #[error("the endpoint is not an address of a known push service")]
    Endpoint,
    #[error("p256dh is not a P-256 public key")]
    Key,
    #[error("auth is not a 16-byte secret")]
    Auth,
}

/// Which endpoints are accepted besides the push services'.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Endpoints {
    /// The known push services only, over HTTPS.
    PushServices,
    /// Also `http://127.0.0.1:…`: the tests' own push service
    /// (`ETALASE_PUSH_TEST_LOOPBACK=1`; never in production).
    AlsoLoopback,
}

impl Endpoints {
    pub fn from_env() -> Endpoints {
        if std::env::var("ETALASE_PUSH_TEST_LOOPBACK").as_deref() == Ok("1") {
            Endpoints::AlsoLoopback
        } else {
            Endpoints::PushServices
        }
    }
}

/// A subscription ready to encrypt for and send to.
#[derive(Debug, Clone)]
pub struct Subscription {
    pub endpoint: Uri,
    pub public_key: PublicKey,
    pub auth: Auth,
}

impl Subscription {
    /// Checks a subscription as the browser gave it (`keys` base64url, padded or not).
    pub fn parse(
        endpoint: &str,
        p256dh: &str,
        auth: &str,
        accepted: Endpoints,
    ) -> Result<Subscription, SubscriptionError> {
        let endpoint = check_endpoint(endpoint, accepted)?;
        let decode = |s: &str| B64.decode(s.trim().trim_end_matches('='));
        let public_key = decode(p256dh)
            .ok()
            .and_then(|b| PublicKey::from_sec1_bytes(&b).ok())
            .ok_or(SubscriptionError::Key)?;
        let auth = decode(auth)
            .ok()
            .filter(|b| b.len() == 16)
            .map(|b| Auth::clone_from_slice(&b))
            .ok_or(SubscriptionError::Auth)?;
        Ok(Subscription {
            endpoint,
            public_key,
            auth,
        })
    }

    /// The endpoint's origin (`https://host[:port]`): the VAPID token's audience.
    pub fn origin(&self) -> String {
        let scheme = self.endpoint.scheme_str().unwrap_or("https");
        let authority = self.endpoint.authority().map_or("", |a| a.as_str());
        format!("{scheme}://{authority}")
    }
}

fn check_endpoint(endpoint: &str, accepted: Endpoints) -> Result<Uri, SubscriptionError> {
    if endpoint.len() > ENDPOINT_MAX {
        return Err(SubscriptionError::Endpoint);
    }
    let uri: Uri = endpoint.parse().map_err(|_| SubscriptionError::Endpoint)?;
    let authority = uri.authority().ok_or(SubscriptionError::Endpoint)?;
    // No user info: `https://fcm.googleapis.com@elsewhere/` names another host.
    if authority.as_str().contains('@') {
        return Err(SubscriptionError::Endpoint);
    }
    let host = authority.host().to_ascii_lowercase();
    let known = PUSH_SERVICES
        .iter()
        .any(|s| host == *s || host.ends_with(&format!(".{s}")));
    let ok = match uri.scheme_str() {
        Some("https") => known && authority.port().is_none(),
        Some("http") => accepted == Endpoints::AlsoLoopback && host == "127.0.0.1",
        _ => false,
    };
    if ok {
        Ok(uri)
    } else {
        Err(SubscriptionError::Endpoint)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use web_push_native::p256::SecretKey;

    // RFC 8291, section 5: the user agent's keys and the message it receives.
    const UA_PRIVATE: &str = "q1dXpw3UpT5VOmu_cf_v6ih07Aems3njxI-JWgLcM94";
    const UA_PUBLIC: &str =
        "BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4";
    const AUTH: &str = "BTBZMqHH6r4Tts7J_aSIgg";
    const MESSAGE: &str = "DGv6ra1nlYgDCS1FRnbzlwAAEABBBP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A_yl95bQpu6cVPTpK4Mqgkf1CXztLVBSt2Ks3oZwbuwXPXLWyouBWLVWGNWQexSgSxsj_Qulcy4a-fN";
    const PLAINTEXT: &[u8] = b"When I grow up, I want to be a watermelon";

    fn rfc_subscription() -> Subscription {
        Subscription::parse(
            "https://fcm.googleapis.com/fcm/send/abc",
            UA_PUBLIC,
            AUTH,
            Endpoints::PushServices,
        )
        .unwrap()
    }

    #[test]
    fn the_rfc_8291_message_decrypts_with_the_keys_as_a_browser_sends_them() {
        let sub = rfc_subscription();
        let ua_private = SecretKey::from_slice(&B64.decode(UA_PRIVATE).unwrap()).unwrap();
        assert_eq!(ua_private.public_key(), sub.public_key);
        let message = B64.decode(MESSAGE).unwrap();
        let plain = web_push_native::decrypt(message, &ua_private, &sub.auth).unwrap();
        assert_eq!(plain, PLAINTEXT);
        // And what we encrypt for that browser, it reads.
        let ours =
            web_push_native::encrypt(b"Permintaan baru".to_vec(), &sub.public_key, &sub.auth)
                .unwrap();
        let read = web_push_native::decrypt(ours, &ua_private, &sub.auth).unwrap();
        assert_eq!(read, b"Permintaan baru");
    }

    #[test]
    fn only_push_services_endpoints_and_real_keys_are_accepted() {
        let parse =
            |endpoint: &str, accepted| Subscription::parse(endpoint, UA_PUBLIC, AUTH, accepted);
        for good in [
            "https://fcm.googleapis.com/fcm/send/dGVzdA:APA91b",
            "https://updates.push.services.mozilla.com/wpush/v2/gAAAAA",
            "https://web.push.apple.com/QGuQyavXutnMd",
            "https://wns2-db5p.notify.windows.com/w/?token=BQYAAA",
        ] {
            assert!(parse(good, Endpoints::PushServices).is_ok(), "{good}");
        }
        for bad in [
            "http://fcm.googleapis.com/fcm/send/x",
            "https://fcm.googleapis.com.evil.example/x",
            "https://evilfcm.googleapis.com.example/x",
            "https://fcm.googleapis.com@169.254.169.254/latest",
            "https://fcm.googleapis.com:8443/x",
            "https://127.0.0.1/x",
            "http://127.0.0.1:9000/push/1",
            "ftp://fcm.googleapis.com/x",
            "fcm.googleapis.com/x",
            "",
        ] {
            assert_eq!(
                parse(bad, Endpoints::PushServices).unwrap_err(),
                SubscriptionError::Endpoint,
                "{bad}"
            );
        }
        assert!(parse("http://127.0.0.1:9000/push/1", Endpoints::AlsoLoopback).is_ok());
        assert!(parse("http://localhost:9000/push/1", Endpoints::AlsoLoopback).is_err());
        let long = format!("https://fcm.googleapis.com/{}", "a".repeat(ENDPOINT_MAX));
        assert!(parse(&long, Endpoints::PushServices).is_err());

        let endpoint = "https://fcm.googleapis.com/fcm/send/x";
        let keys = |p256dh: &str, auth: &str| {
            Subscription::parse(endpoint, p256dh, auth, Endpoints::PushServices).map(|_| ())
        };
        assert_eq!(keys("BCVx", AUTH), Err(SubscriptionError::Key));
        assert_eq!(keys(&"A".repeat(87), AUTH), Err(SubscriptionError::Key));
        assert_eq!(
            keys(UA_PUBLIC, "BTBZMqHH6r4T"),
            Err(SubscriptionError::Auth)
        );
        assert_eq!(
            keys(UA_PUBLIC, "not base64 at all!"),
            Err(SubscriptionError::Auth)
        );
        // Padded base64url, as some browsers' toJSON gives it, is the same key.
        assert_eq!(keys(UA_PUBLIC, "BTBZMqHH6r4Tts7J_aSIgg=="), Ok(()));
        assert_eq!(rfc_subscription().origin(), "https://fcm.googleapis.com");
    }
}
