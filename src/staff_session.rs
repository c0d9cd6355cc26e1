//! The signed-in cooperative operator or facilitator, if any, apart from the seller session.
//!
//! Like the seller's, the server's answer is kept in localStorage so an operator who opens
//! the app without signal still reaches the drafts made for members.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::staff::{self, StaffMe};
use crate::storage;

const STORAGE_KEY: &str = "etalase.staff";

#[derive(Clone, Copy)]
pub struct StaffSession {
    me: RwSignal<Option<StaffMe>>,
    checked: RwSignal<bool>,
}

impl StaffSession {
    /// The signed-in staff member (tracked).
    pub fn me(&self) -> Option<StaffMe> {
        self.me.get()
    }

    /// Whether the server (or the saved copy, offline) has answered once (tracked).
    pub fn checked(&self) -> bool {
        self.checked.get()
    }

    /// The CSRF token for writes, without tracking.
    pub fn csrf(&self) -> Option<String> {
        self.me
            .with_untracked(|me| me.as_ref().map(|m| m.csrf_token.clone()))
    }

    /// The signed-in operator's staff id, without tracking; `None` for a facilitator.
    pub fn operator_id(&self) -> Option<String> {
        self.me.with_untracked(|me| {
            me.as_ref()
                .filter(|m| m.staff.role == etalase_model::cooperative::StaffRole::Operator)
                .map(|m| m.staff.id.clone())
        })
    }

    pub fn signed_in(&self, me: StaffMe) {
        if let Ok(json) = serde_json::to_string(&(&me.staff, &me.csrf_token)) {
            storage::set(STORAGE_KEY, &json);
        }
        self.me.set(Some(me));
        self.checked.set(true);
    }

    pub fn signed_out(&self) {
        storage::remove(STORAGE_KEY);
        self.me.set(None);
        self.checked.set(true);
    }

    /// Asks the server who is signed in as staff.
    pub fn refresh(&self) {
        let session = *self;
        spawn_local(async move {
            match staff::me().await {
                Ok(Some(me)) => session.signed_in(me),
                Ok(None) => session.signed_out(),
                Err(_) => session.checked.set(true),
            }
        });
    }
}

fn saved() -> Option<StaffMe> {
    let text = storage::get(STORAGE_KEY)?;
    let (staff, csrf_token) = serde_json::from_str(&text).ok()?;
    Some(StaffMe { staff, csrf_token })
}

/// Provides the staff session and checks it with the server; call once in `SellerApp`.
pub fn provide_staff_session() {
    let session = StaffSession {
        me: RwSignal::new(saved()),
        checked: RwSignal::new(false),
    };
    provide_context(session);
    session.refresh();
}

pub fn use_staff_session() -> StaffSession {
    expect_context::<StaffSession>()
}
