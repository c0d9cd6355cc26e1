//! Small preferences kept in `localStorage` (language). Failures are ignored on purpose:
//! private browsing or a full quota must never break the page, only forget the choice.

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// Reads a stored string, `None` if absent or storage is unavailable.
pub fn get(key: &str) -> Option<String> {
    local_storage()?.get_item(key).ok()?
}

/// Stores a string, silently doing nothing if storage is unavailable.
pub fn set(key: &str, value: &str) {
    if let Some(s) = local_storage() {
        let _ = s.set_item(key, value);
    }
}
