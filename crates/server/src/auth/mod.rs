//! Seller accounts: password hashing, sessions with CSRF tokens, and sign-in throttling.
//!
//! A session is a random token in an HttpOnly cookie; the database keeps only its SHA-256,
//! so a leaked database cannot be replayed as cookies. Each session also has a CSRF token
//! that the app sends back in a header on every state-changing request; the
//! [`session::SignedIn`] extractor checks it, so no write handler can forget to.

pub mod password;
pub mod rate_limit;
pub mod session;
pub mod staff;

/// `n` random bytes as lowercase hex, from the operating system's generator.
pub fn random_hex(n: usize) -> String {
    let mut bytes = vec![0u8; n];
    getrandom::fill(&mut bytes).expect("the OS random generator is available");
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
