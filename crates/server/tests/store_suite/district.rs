//! Staff invitations: used once, for a week, never for a number that has an account; and
//! a cooperative's details on its village.

use etalase_model::district::{CooperativeDetails, NewInvite};
use etalase_server::store::{AuditActor, InviteRecord};

use super::*;

fn by() -> AuditActor {
    AuditActor {
        id: OPERATOR.into(),
        name: "Bu Operator".into(),
    }
}

fn record(hash: &str, whatsapp: &str, expires_at: i64) -> InviteRecord {
    InviteRecord {
        token_hash: hash.into(),
        invite: NewInvite {
            role: StaffRole::Facilitator,
            cooperative: None,
            name: "Pak Fasil".into(),
            whatsapp: whatsapp.into(),
        },
        expires_at,
    }
}

#[tokio::test]
async fn an_invitation_is_claimed_once_before_it_expires() {
    for e in engines().await {
        let on = e.name;
        seed_demo(&e).await;
        add_sepatin_operator(&e, "+6281200000900").await;
        assert!(e
            .store
            .create_invite(record("h1", "+6281350007001", 1000), by())
            .await
            .unwrap());
        assert!(
            !e.store
                .create_invite(record("h2", "+6281200000900", 1000), by())
                .await
                .unwrap(),
            "{on}: a number with a staff account"
        );
        assert_eq!(
            e.store
                .invite("h1".into(), 999)
                .await
                .unwrap()
                .map(|r| r.invite.name),
            Some("Pak Fasil".into()),
            "{on}"
        );
        assert_eq!(
            e.store.invite("h1".into(), 1000).await.unwrap(),
            None,
            "{on}: expired"
        );
        assert_eq!(
            e.store
                .claim_invite("h1".into(), 1000, "pak-fasil-7001".into(), "hash".into())
                .await
                .unwrap(),
            None,
            "{on}: an expired link makes nobody"
        );
        let made = e
            .store
            .claim_invite("h1".into(), 500, "pak-fasil-7001".into(), "hash".into())
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            (made.role, made.name.as_str()),
            (StaffRole::Facilitator, "Pak Fasil"),
            "{on}"
        );
        let account = e
            .store
            .staff_by_whatsapp("+6281350007001".into())
            .await
            .unwrap()
            .unwrap();
        assert_eq!(account.profile, made, "{on}");
        assert_eq!(
            e.store
                .claim_invite("h1".into(), 500, "again-7001".into(), "hash".into())
                .await
                .unwrap(),
            None,
            "{on}: used"
        );
    }
}

#[tokio::test]
async fn a_cooperative_s_details_are_published_on_its_village() {
    for e in engines().await {
        let on = e.name;
        seed_demo(&e).await;
        add_sepatin_operator(&e, "+6281200000900").await;
        let details = CooperativeDetails {
            name: " Koperasi Desa Merah Putih Sepatin ".into(),
            legal_number: Some(" ".into()),
            whatsapp: Some("0812 5555 0101".into()),
            address: Some("Dusun Pantai, Sepatin".into()),
        };
        let village = e
            .store
            .save_cooperative("sepatin".into(), details.clone(), by())
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            village.cooperative, "Koperasi Desa Merah Putih Sepatin",
            "{on}"
        );
        assert_eq!(
            village.cooperative_legal_number, None,
            "{on}: blank is none"
        );
        assert_eq!(
            village.cooperative_whatsapp.as_deref(),
            Some("+6281255550101"),
            "{on}"
        );
        let public = e.store.load_public_catalog().await.unwrap();
        let shown = public
            .villages
            .iter()
            .find(|v| v.slug == "sepatin")
            .unwrap();
        assert_eq!(
            shown.cooperative_address.as_deref(),
            Some("Dusun Pantai, Sepatin"),
            "{on}"
        );
        assert_eq!(
            e.store
                .save_cooperative("atlantis".into(), details, by())
                .await
                .unwrap(),
            None,
            "{on}"
        );
    }
}
