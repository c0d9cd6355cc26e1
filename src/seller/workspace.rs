//! Whose listings the seller pages show and save: the signed-in seller's own, or those of a
//! cooperative member, made by the signed-in operator for them.
//!
//! The dashboard, the editor, the photo uploads and the outbox ask the workspace for its
//! pages, its server URLs ([`Base`]), the owner and the CSRF token instead of assuming the
//! seller session, so one editor serves both; the server then records the save as the
//! seller's or the operator's.

use leptos::prelude::*;

use crate::api::seller::Base;
use crate::routes::AppPath;
use crate::seller::staff_session::{use_staff_session, StaffSession};
use crate::session::{use_session, Session};

/// A member an operator acts for.
#[derive(Debug, Clone, PartialEq)]
pub struct MemberRef {
    pub seller_id: String,
    pub name: String,
    pub village_slug: String,
}

#[derive(Clone)]
pub struct Workspace {
    /// `None`: the seller's own listings.
    pub member: Option<MemberRef>,
    session: Session,
    staff: StaffSession,
}

impl Workspace {
    /// The signed-in seller's own listings.
    pub fn own(session: Session, staff: StaffSession) -> Workspace {
        Workspace {
            member: None,
            session,
            staff,
        }
    }

    /// A member's listings, for the signed-in operator.
    pub fn for_member(member: MemberRef, session: Session, staff: StaffSession) -> Workspace {
        Workspace {
            member: Some(member),
            session,
            staff,
        }
    }

    /// Whose listings, photos and inquiries the server calls are about; it builds their URLs.
    pub fn api(&self) -> Base<'_> {
        match &self.member {
            None => Base::Own,
            Some(m) => Base::Member(&m.seller_id),
        }
    }

    /// The page listing this workspace's listings.
    pub fn listings_page(&self) -> AppPath<'_> {
        match &self.member {
            None => AppPath::SellerDashboard,
            Some(m) => AppPath::MemberListings {
                seller: &m.seller_id,
            },
        }
    }

    /// The editor of listing `id` (`None`: a new one) in this workspace.
    pub fn editor_page<'a>(&'a self, id: Option<&'a str>) -> AppPath<'a> {
        match &self.member {
            None => AppPath::SellerEditor { id },
            Some(m) => AppPath::MemberEditor {
                seller: &m.seller_id,
                id,
            },
        }
    }

    /// This workspace's inbox of inquiries.
    pub fn inbox_page(&self) -> AppPath<'_> {
        match &self.member {
            None => AppPath::SellerInbox,
            Some(m) => AppPath::MemberInbox {
                seller: &m.seller_id,
            },
        }
    }

    /// Whose listings these are (untracked); `None` while nobody is signed in.
    pub fn seller_id(&self) -> Option<String> {
        match &self.member {
            None => self.session.seller_id(),
            Some(m) => Some(m.seller_id.clone()),
        }
    }

    /// The CSRF token of the session that makes the changes (untracked).
    pub fn csrf(&self) -> Option<String> {
        match &self.member {
            None => self.session.csrf(),
            Some(_) => self.staff.csrf(),
        }
    }

    /// The village the listings come from (tracked for the own workspace).
    pub fn village_slug(&self) -> Option<String> {
        match &self.member {
            None => self.session.me().map(|m| m.seller.village_slug),
            Some(m) => Some(m.village_slug.clone()),
        }
    }

    /// The operator making the changes, for a member's workspace (untracked).
    pub fn operator_id(&self) -> Option<String> {
        self.member.as_ref().and_then(|_| self.staff.operator_id())
    }

    /// Whether someone who may use this workspace is signed in (tracked).
    pub fn signed_in(&self) -> bool {
        match &self.member {
            None => self.session.me().is_some(),
            Some(_) => self.staff.me().is_some(),
        }
    }

    /// Whether the sign-in state is known yet (tracked).
    pub fn checked(&self) -> bool {
        match &self.member {
            None => self.session.checked(),
            Some(_) => self.staff.checked(),
        }
    }

    /// Forgets the session that the server says has ended.
    pub fn signed_out(&self) {
        match &self.member {
            None => self.session.signed_out(),
            Some(_) => self.staff.signed_out(),
        }
    }
}

/// The workspace of the page: a member's inside an operator's member pages, else the
/// seller's own.
pub fn use_workspace() -> Workspace {
    use_context::<Workspace>().unwrap_or_else(|| Workspace::own(use_session(), use_staff_session()))
}
