//! A signed-in account, kept across reloads and dropped connections. Sellers and staff
//! (cooperative operators, facilitators) sign in separately, with separate cookies; each
//! kind is one [`Account`], and [`SignedIn`] is the state both share.
//!
//! The server's answer is remembered in localStorage, so someone who opens the app with no
//! signal still reaches their drafts; the next successful call corrects it.

use std::future::Future;

use leptos::prelude::*;
use leptos::task::spawn_local;
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::api::ApiError;
use crate::storage;

/// One kind of account the server hands a session for.
pub trait Account: Clone + Send + Sync + 'static {
    /// Who is signed in, as remembered beside the CSRF token.
    type Who: Serialize + DeserializeOwned;
    /// localStorage key of the remembered copy.
    const STORAGE_KEY: &'static str;

    fn who(&self) -> &Self::Who;
    fn csrf_token(&self) -> &str;
    fn from_parts(who: Self::Who, csrf_token: String) -> Self;
    /// Asks the server who is signed in with this kind of account.
    fn ask_server() -> impl Future<Output = Result<Option<Self>, ApiError>>;
}

/// Who is signed in with an account of kind `A`, if anyone.
pub struct SignedIn<A: Account> {
    me: RwSignal<Option<A>>,
    /// False until the server (or the saved copy, when offline) has answered once.
    checked: RwSignal<bool>,
}

impl<A: Account> Clone for SignedIn<A> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<A: Account> Copy for SignedIn<A> {}

impl<A: Account> SignedIn<A> {
    /// The signed-in account (tracked).
    pub fn me(&self) -> Option<A> {
        self.me.get()
    }

    /// Whether the sign-in state is known yet (tracked).
    pub fn checked(&self) -> bool {
        self.checked.get()
    }

    /// Reads the signed-in account without tracking.
    pub fn with_me<T>(&self, f: impl FnOnce(&A) -> T) -> Option<T> {
        self.me.with_untracked(|me| me.as_ref().map(f))
    }

    /// The CSRF token for writes, without tracking.
    pub fn csrf(&self) -> Option<String> {
        self.with_me(|me| me.csrf_token().to_string())
    }

    /// Records a successful sign-in or registration.
    pub fn signed_in(&self, me: A) {
        if let Ok(json) = serde_json::to_string(&(me.who(), me.csrf_token())) {
            storage::set(A::STORAGE_KEY, &json);
        }
        self.me.set(Some(me));
        self.checked.set(true);
    }

    /// Forgets the account locally (after sign-out, or when the server says the session
    /// ended).
    pub fn signed_out(&self) {
        storage::remove(A::STORAGE_KEY);
        self.me.set(None);
        self.checked.set(true);
    }

    /// Asks the server who is signed in.
    pub fn refresh(&self) {
        let session = *self;
        spawn_local(async move {
            match A::ask_server().await {
                Ok(Some(me)) => session.signed_in(me),
                Ok(None) => session.signed_out(),
                // Offline or server trouble: keep the saved copy so drafts stay reachable.
                Err(_) => session.checked.set(true),
            }
        });
    }
}

fn saved<A: Account>() -> Option<A> {
    let text = storage::get(A::STORAGE_KEY)?;
    let (who, csrf_token) = serde_json::from_str(&text).ok()?;
    Some(A::from_parts(who, csrf_token))
}

/// Provides the state for accounts of kind `A`, from the saved copy, and checks it with the
/// server.
pub fn provide_signed_in<A: Account>() {
    let session = SignedIn::<A> {
        me: RwSignal::new(saved()),
        checked: RwSignal::new(false),
    };
    provide_context(session);
    session.refresh();
}

pub fn use_signed_in<A: Account>() -> SignedIn<A> {
    expect_context::<SignedIn<A>>()
}
