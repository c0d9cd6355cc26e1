//! The server's VAPID identity (RFC 8292): a P-256 key whose public half browsers were
//! given when they subscribed, and the signed token that proves each push request is ours.
//! Pure: the time comes in.

use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;
use base64::Engine;
use p256::ecdsa::signature::Signer;
use p256::ecdsa::{Signature, SigningKey};

/// How long a token is good for; push services refuse more than 24 hours.
pub const TOKEN_SECONDS: u64 = 12 * 3600;

/// Why a stored key cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum VapidError {
    #[error("the stored VAPID key is not base64url: {0}")]
    Encoding(#[from] base64::DecodeError),
    #[error("the stored VAPID key is not a P-256 private key")]
    Key,
}

/// The server's signing key.
#[derive(Clone)]
pub struct VapidKey {
    signing: SigningKey,
}

impl std::fmt::Debug for VapidKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never print the private half.
        write!(f, "VapidKey({})", self.public_key())
    }
}

impl VapidKey {
    /// A new random key.
    pub fn generate() -> VapidKey {
        loop {
            let mut bytes = [0u8; 32];
            getrandom::fill(&mut bytes).expect("the OS has randomness");
            // A 32-byte string is a valid scalar except with negligible probability.
            if let Ok(signing) = SigningKey::from_slice(&bytes) {
                return VapidKey { signing };
            }
        }
    }

    /// The key as stored: its 32-byte scalar, base64url.
    pub fn to_stored(&self) -> String {
        B64.encode(self.signing.to_bytes())
    }

    pub fn from_stored(stored: &str) -> Result<VapidKey, VapidError> {
        let bytes = B64.decode(stored.trim())?;
        let signing = SigningKey::from_slice(&bytes).map_err(|_| VapidError::Key)?;
        Ok(VapidKey { signing })
    }

    /// The public key as browsers take it (`applicationServerKey`): the uncompressed point,
    /// base64url.
    pub fn public_key(&self) -> String {
        B64.encode(
            self.signing
                .verifying_key()
                .to_encoded_point(false)
                .as_bytes(),
        )
    }

    /// The `Authorization` header for a request to `origin` (the endpoint's scheme, host
    /// and port): `vapid t=<ES256 JWT>, k=<public key>`, good until `now + TOKEN_SECONDS`.
    /// `subject` is how the push service can reach the site's operator (`mailto:` or an
    /// `https:` address).
    pub fn authorization(&self, origin: &str, now_unix: u64, subject: &str) -> String {
        let header = B64.encode(br#"{"typ":"JWT","alg":"ES256"}"#);
        let claims = serde_json::json!({
            "aud": origin,
            "exp": now_unix + TOKEN_SECONDS,
            "sub": subject,
        });
        let claims = B64.encode(claims.to_string());
        let signed = format!("{header}.{claims}");
        let signature: Signature = self.signing.sign(signed.as_bytes());
        format!(
            "vapid t={signed}.{}, k={}",
            B64.encode(signature.to_bytes()),
            self.public_key()
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use p256::ecdsa::signature::Verifier;
    use p256::ecdsa::VerifyingKey;

    #[test]
    fn a_stored_key_comes_back_the_same_and_a_broken_one_is_refused() {
        let key = VapidKey::generate();
        let again = VapidKey::from_stored(&key.to_stored()).unwrap();
        assert_eq!(again.public_key(), key.public_key());
        assert_eq!(B64.decode(key.public_key()).unwrap().len(), 65);
        assert!(VapidKey::from_stored("not base64!").is_err());
        assert!(matches!(
            VapidKey::from_stored(&B64.encode([0u8; 32])),
            Err(VapidError::Key)
        ));
        assert!(!format!("{key:?}").contains(&key.to_stored()));
    }

    #[test]
    fn the_token_is_an_es256_jwt_for_the_push_service_signed_by_the_public_key_it_names() {
        let key = VapidKey::generate();
        let header = key.authorization(
            "https://fcm.googleapis.com",
            1_800_000_000,
            "mailto:admin@etalase.example",
        );
        let (t, k) = header
            .strip_prefix("vapid t=")
            .unwrap()
            .split_once(", k=")
            .unwrap();
        assert_eq!(k, key.public_key());
        let parts: Vec<&str> = t.split('.').collect();
        assert_eq!(parts.len(), 3);
        let head: serde_json::Value =
            serde_json::from_slice(&B64.decode(parts[0]).unwrap()).unwrap();
        assert_eq!(head["alg"], "ES256");
        let claims: serde_json::Value =
            serde_json::from_slice(&B64.decode(parts[1]).unwrap()).unwrap();
        assert_eq!(claims["aud"], "https://fcm.googleapis.com");
        assert_eq!(claims["exp"], 1_800_000_000u64 + TOKEN_SECONDS);
        assert_eq!(claims["sub"], "mailto:admin@etalase.example");
        let verifying = VerifyingKey::from_sec1_bytes(&B64.decode(k).unwrap()).unwrap();
        let signature = Signature::from_slice(&B64.decode(parts[2]).unwrap()).unwrap();
        let signed = format!("{}.{}", parts[0], parts[1]);
        verifying.verify(signed.as_bytes(), &signature).unwrap();
        assert!(verifying.verify(b"something else", &signature).is_err());
    }
}
