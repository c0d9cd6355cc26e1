//! Password hashing with argon2id (the OWASP-recommended parameters the `argon2` crate
//! defaults to: 19 MiB, 2 passes), stored as a self-describing PHC string so parameters can
//! be raised later without breaking old hashes.

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;

/// Hashes `password` with a fresh random salt.
pub fn hash(password: &str) -> Result<String, String> {
    let mut salt = [0u8; 16];
    getrandom::fill(&mut salt).map_err(|e| e.to_string())?;
    let salt = SaltString::encode_b64(&salt).map_err(|e| e.to_string())?;
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| e.to_string())
}

/// Whether `password` matches the stored `phc` hash. A malformed stored hash never matches.
pub fn verify(password: &str, phc: &str) -> bool {
    PasswordHash::new(phc).is_ok_and(|parsed| {
        Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok()
    })
}

/// Spends the same work as [`verify`] when the account does not exist, so response time
/// does not reveal which WhatsApp numbers are registered.
pub fn verify_against_nothing(password: &str) {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    let phc = DUMMY.get_or_init(|| hash("not a real password").expect("hashing works"));
    let _ = verify(password, phc);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_argon2id_salted_and_verify() {
        let a = hash("amplang-enak-2026").unwrap();
        let b = hash("amplang-enak-2026").unwrap();
        assert!(a.starts_with("$argon2id$"), "{a}");
        assert_ne!(a, b, "each hash has its own salt");
        assert!(verify("amplang-enak-2026", &a));
        assert!(verify("amplang-enak-2026", &b));
        assert!(!verify("amplang-enak-2025", &a));
        assert!(!verify("amplang-enak-2026", "not a hash"));
    }
}
