//! Seller accounts: password hashing, sessions with CSRF tokens, and sign-in throttling.
//!
//! A session is a random token in an HttpOnly cookie; the database keeps only its SHA-256,
//! so a leaked database cannot be replayed as cookies. Each session also has a CSRF token
//! that the app sends back in a header on every state-changing request; the
//! [`session::SignedIn`] extractor checks it, so no write handler can forget to.

pub mod owner;
pub mod password;
pub mod rate_limit;
pub mod session;
pub mod staff;

/// Checks a sign-in for sellers and staff alike: the limiter first (per number and per
/// address), then the password against the hash `lookup` finds. An unknown number costs the
/// same hashing time as a known one, and every failure counts against the limiter.
pub async fn authenticate<T>(
    state: &crate::AppState,
    whatsapp: &str,
    ip: std::net::IpAddr,
    password: String,
    lookup: impl std::future::Future<Output = Result<Option<(T, String)>, crate::store::StoreError>>,
) -> Result<T, crate::error::ApiError> {
    use crate::error::ApiError;
    let now = std::time::Instant::now();
    if let Err(wait) = state.sign_in_limiter.check(whatsapp, ip, now) {
        return Err(ApiError::RateLimited {
            retry_after_secs: wait.as_secs().max(1),
        });
    }
    let found = lookup.await?;
    let stored = found.as_ref().map(|(_, hash)| hash.clone());
    let matches = tokio::task::spawn_blocking(move || match stored {
        Some(phc) => password::verify(&password, &phc),
        None => {
            password::verify_against_nothing(&password);
            false
        }
    })
    .await
    .map_err(|e| ApiError::Internal(e.to_string()))?;
    match found.filter(|_| matches) {
        Some((record, _)) => {
            state.sign_in_limiter.record_success(whatsapp);
            Ok(record)
        }
        None => {
            state.sign_in_limiter.record_failure(whatsapp, ip, now);
            Err(ApiError::WrongCredentials)
        }
    }
}

/// `n` random bytes as lowercase hex, from the operating system's generator.
pub fn random_hex(n: usize) -> String {
    let mut bytes = vec![0u8; n];
    getrandom::fill(&mut bytes).expect("the OS random generator is available");
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
