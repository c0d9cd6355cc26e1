//! Demo data for an empty database: the demo catalog, a sign-in for its first seller and
//! demo inquiries; with `--demo-listings N`, also N generated listings, so the app can be
//! measured at the size a real regency catalog reaches (10,000 listings).
//!
//! The generated listings are `synthetic_catalog(N, SYNTHETIC_SEED)`, the same catalog the
//! search benchmarks time, so a keystroke measured in the app and one measured in the search
//! benchmark search the same listings. They are added to the demo catalog rather than
//! replacing it: the demo seller's sign-in, the demo inquiries and `/wawasan` keep working.

use anyhow::Context;
use etalase_model::cooperative::{StaffProfile, StaffRole};
use etalase_model::{demo_catalog, synthetic_catalog, Catalog};

use crate::store::Store;

/// The seed of the search benchmarks (`search_bench`, `wasm_search_bench`).
pub const SYNTHETIC_SEED: u64 = 42;

/// Documented in the README; demo data only.
pub const DEMO_PASSWORD: &str = "desa-demo-2026";

/// The demo catalog, plus `extra` generated listings (with their sellers and villages).
pub fn demo_catalog_with(extra: Option<usize>) -> Catalog {
    let mut catalog = demo_catalog();
    let Some(n) = extra else {
        return catalog;
    };
    let synthetic = synthetic_catalog(n, SYNTHETIC_SEED);
    // The generated villages start with the demo's own; add only the new ones.
    let known: std::collections::HashSet<String> =
        catalog.villages.iter().map(|v| v.slug.clone()).collect();
    catalog.villages.extend(
        synthetic
            .villages
            .into_iter()
            .filter(|v| !known.contains(&v.slug)),
    );
    // Generated sellers are numbered +62812 0000 0000…, which would give the demo's own
    // sellers' WhatsApp numbers (+62812 0000 0001…) to a second seller each: move them to a
    // range of their own (+62813…).
    catalog
        .sellers
        .extend(synthetic.sellers.into_iter().map(|mut s| {
            s.whatsapp = s.whatsapp.replacen("+62812", "+62813", 1);
            s
        }));
    catalog.products.extend(synthetic.products);
    catalog.version = format!("{}+{}", catalog.version, synthetic.version);
    catalog
}

/// Seeds an empty database with the demo data `extra` asks for; `Ok(false)` if it already
/// held a catalog (then nothing is touched).
pub async fn seed_if_empty(
    store: &dyn Store,
    extra: Option<usize>,
    now: i64,
) -> anyhow::Result<bool> {
    let catalog = demo_catalog_with(extra);
    let listings = catalog.products.len();
    if !store.seed_catalog_if_empty(catalog.clone()).await? {
        return Ok(false);
    }
    tracing::info!(listings, "empty database: seeded the demo catalog");
    seed_demo_account(store, &catalog)
        .await
        .context("demo seller account")?;
    seed_cooperatives(store, &catalog)
        .await
        .context("demo cooperative members and staff")?;
    let inquiries = crate::demo_inquiries::seed(store, &catalog, now).await?;
    // The history's RFQs past their date close as they would have, telling nobody.
    let lapsed = crate::expiry::expire_lapsed(
        store,
        crate::clock::kalimantan_date_of(now),
        |id| {
            catalog
                .seller(id)
                .map_or_else(|| id.to_string(), |s| s.name.clone())
        },
        crate::expiry::Tell::Nobody,
    )
    .await?;
    tracing::info!(inquiries, lapsed, "seeded demo inquiries");
    Ok(true)
}

/// The demo's first seller gets a sign-in, so the seller side can be tried on demo data.
/// Only with demo data (never with `--no-demo`); the password is in the README.
/// The demo cooperative operator (Sepatin's) and facilitator: WhatsApp numbers documented in
/// the README, password [`DEMO_PASSWORD`].
pub const DEMO_OPERATOR_WHATSAPP: &str = "+6281200000900";
pub const DEMO_FACILITATOR_WHATSAPP: &str = "+6281200000901";
pub const DEMO_ADMIN_WHATSAPP: &str = "+6281200000902";
/// The village whose cooperative the demo operator runs.
pub const DEMO_OPERATOR_COOPERATIVE: &str = "sepatin";

/// Sellers whose demo record names a cooperative become its members; Sepatin's cooperative
/// gets an operator, and the district a facilitator.
async fn seed_cooperatives(store: &dyn Store, catalog: &Catalog) -> anyhow::Result<()> {
    let members = catalog
        .sellers
        .iter()
        .filter(|s| s.cooperative.is_some())
        .map(|s| s.id.clone())
        .collect();
    store.join_cooperative(members).await?;
    let hash = tokio::task::spawn_blocking(|| crate::auth::password::hash(DEMO_PASSWORD))
        .await?
        .map_err(anyhow::Error::msg)?;
    let staff = [
        (
            StaffProfile {
                id: "operator-sepatin-demo".into(),
                name: "Rahmawati (operator koperasi, demo)".into(),
                role: StaffRole::Operator,
                cooperative: Some(DEMO_OPERATOR_COOPERATIVE.into()),
            },
            DEMO_OPERATOR_WHATSAPP,
        ),
        (
            StaffProfile {
                id: "fasilitator-kukar-demo".into(),
                name: "Rahmat Hidayat (demo)".into(),
                role: StaffRole::Facilitator,
                cooperative: None,
            },
            DEMO_FACILITATOR_WHATSAPP,
        ),
        (
            StaffProfile {
                id: "admin-dpmd-kukar-demo".into(),
                name: "Admin DPMD Kutai Kartanegara (demo)".into(),
                role: StaffRole::Admin,
                cooperative: None,
            },
            DEMO_ADMIN_WHATSAPP,
        ),
    ];
    for (profile, whatsapp) in staff {
        if catalog
            .villages
            .iter()
            .all(|v| Some(&v.slug) != profile.cooperative.as_ref())
            && profile.role == StaffRole::Operator
        {
            continue; // a catalog without the village (tests' own catalogs)
        }
        store
            .create_staff(profile, whatsapp.to_string(), hash.clone())
            .await?;
    }
    tracing::info!(
        operator = DEMO_OPERATOR_WHATSAPP,
        facilitator = DEMO_FACILITATOR_WHATSAPP,
        admin = DEMO_ADMIN_WHATSAPP,
        "demo staff can sign in (password in README)"
    );
    Ok(())
}

async fn seed_demo_account(store: &dyn Store, catalog: &Catalog) -> anyhow::Result<()> {
    let Some(seller) = catalog.sellers.first() else {
        return Ok(());
    };
    let hash = tokio::task::spawn_blocking(|| crate::auth::password::hash(DEMO_PASSWORD))
        .await?
        .map_err(anyhow::Error::msg)?;
    if store
        .attach_account(seller.id.clone(), seller.whatsapp.clone(), hash)
        .await?
    {
        tracing::info!(whatsapp = %seller.whatsapp, seller = %seller.name, "demo seller can sign in (password in README)");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use etalase_model::ListingStatus;

    #[test]
    fn plain_demo_without_extra_listings() {
        assert_eq!(demo_catalog_with(None), demo_catalog());
    }

    #[test]
    fn extra_listings_join_the_demo_consistently() {
        let demo = demo_catalog();
        let c = demo_catalog_with(Some(500));
        assert_eq!(c.integrity_problems(), Vec::<String>::new());
        assert_eq!(c.products.len(), demo.products.len() + 500);
        assert_eq!(
            c.sellers[0], demo.sellers[0],
            "the demo sign-in stays first"
        );
        let published = c
            .products
            .iter()
            .filter(|p| p.status == ListingStatus::Published)
            .count();
        assert!(published >= 500, "{published}");
        let mut numbers: Vec<&str> = c.sellers.iter().map(|s| s.whatsapp.as_str()).collect();
        numbers.sort_unstable();
        numbers.dedup();
        assert_eq!(
            numbers.len(),
            c.sellers.len(),
            "one seller per WhatsApp number"
        );
        let mut slugs: Vec<&str> = c.villages.iter().map(|v| v.slug.as_str()).collect();
        slugs.sort_unstable();
        slugs.dedup();
        assert_eq!(slugs.len(), c.villages.len(), "no village twice");
        assert_eq!(demo_catalog_with(Some(500)), c, "deterministic");
    }
}
