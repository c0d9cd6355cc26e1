//! Who is signed in, shared by the header and the seller pages.
//!
//! The server's answer is remembered in localStorage, so a seller who opens the app with no
//! signal still reaches their drafts; the next successful call corrects it.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::seller::{self, Me};
use crate::api::ApiError;
use crate::storage;

const STORAGE_KEY: &str = "etalase.me";

/// The signed-in seller, if any.
#[derive(Clone, Copy)]
pub struct Session {
    me: RwSignal<Option<Me>>,
    /// False until the server (or the saved copy, when offline) has answered once.
    checked: RwSignal<bool>,
}

impl Session {
    /// The signed-in seller (tracked).
    pub fn me(&self) -> Option<Me> {
        self.me.get()
    }

    /// Whether the sign-in state is known yet (tracked).
    pub fn checked(&self) -> bool {
        self.checked.get()
    }

    /// The signed-in seller's id, without tracking.
    pub fn seller_id(&self) -> Option<String> {
        self.me
            .with_untracked(|me| me.as_ref().map(|m| m.seller.id.clone()))
    }

    /// The CSRF token for writes, without tracking.
    pub fn csrf(&self) -> Option<String> {
        self.me
            .with_untracked(|me| me.as_ref().map(|m| m.csrf_token.clone()))
    }

    /// Records a successful sign-in or registration.
    pub fn signed_in(&self, me: Me) {
        if let Ok(json) = serde_json::to_string(&(&me.seller, &me.csrf_token)) {
            storage::set(STORAGE_KEY, &json);
        }
        self.me.set(Some(me));
        self.checked.set(true);
    }

    /// Forgets the seller locally (after sign-out, or when the server says the session ended).
    pub fn signed_out(&self) {
        storage::remove(STORAGE_KEY);
        self.me.set(None);
        self.checked.set(true);
    }

    /// Asks the server who is signed in.
    pub fn refresh(&self) {
        let session = *self;
        spawn_local(async move {
            match seller::me().await {
                Ok(Some(me)) => session.signed_in(me),
                Ok(None) => session.signed_out(),
                // Offline or server trouble: keep the saved copy so drafts stay reachable.
                Err(ApiError::Network) | Err(_) => session.checked.set(true),
            }
        });
    }
}

fn saved() -> Option<Me> {
    let text = storage::get(STORAGE_KEY)?;
    let (seller, csrf_token) = serde_json::from_str(&text).ok()?;
    Some(Me { seller, csrf_token })
}

/// Provides the session and checks it with the server; call once in `App`.
pub fn provide_session() {
    let session = Session {
        me: RwSignal::new(saved()),
        checked: RwSignal::new(false),
    };
    provide_context(session);
    session.refresh();
}

pub fn use_session() -> Session {
    expect_context::<Session>()
}
