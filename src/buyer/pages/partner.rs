use std::sync::Arc;

use etalase_model::{CatalogQuery, Partner, Partnership};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use crate::buyer::components::{DemoPartnerNote, PartnershipStatusChip};
use crate::catalog_data::CatalogData;
use crate::components::{PageMeta, ProductCard, WithCatalog};
use crate::i18n::{fill, use_i18n};
use crate::routes::AppPath;

/// `/mitra/:slug`: a partner (company CSR, zakat agency, foundation, university), its
/// programmes with villages, and the products of the villages it backs now.
#[component]
pub fn PartnerPage() -> impl IntoView {
    let params = use_params_map();
    let slug = Memo::new(move |_| params.with(|p| p.get("slug").unwrap_or_default()));
    view! { <WithCatalog skeleton_cards=3 render=move |data| view! { <PartnerDetail data=data slug=slug/> }/> }
}

#[component]
fn PartnerDetail(
    /// The loaded catalog.
    data: Arc<CatalogData>,
    /// The partner slug from the URL.
    slug: Memo<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        let Some(partner) = data.catalog.partner(&slug.get()).cloned() else {
            return view! { <PartnerNotFound/> }.into_any();
        };
        let catalog = &data.catalog;
        let ships: Vec<Partnership> = catalog
            .partnerships_of_partner(&partner.slug)
            .cloned()
            .collect();
        let villages: Vec<(String, String)> = catalog
            .villages_of_partner(&partner.slug)
            .into_iter()
            .map(|v| (v.slug.clone(), v.name.clone()))
            .collect();
        let products: Vec<_> = catalog
            .products_backed_by(&partner.slug)
            .map(|p| {
                let village = catalog
                    .village_of(p)
                    .map(|v| v.name.clone())
                    .unwrap_or_default();
                (p.clone(), village, catalog.seller_verified(p))
            })
            .collect();
        let name = partner.name.clone();
        let title = Signal::derive(move || name.clone());
        let name = partner.name.clone();
        let description = Signal::derive(move || fill(i18n.p().partner_meta, &[&name]));
        let kind = partner.kind;
        let village_count = villages.len();
        let backed_query = CatalogQuery {
            partner_backed: true,
            ..Default::default()
        };
        view! {
            <PageMeta title=title description=description/>
            <nav class="crumbs"><A href=AppPath::HOME.href()>{move || i18n.t().back_to_catalog}</A></nav>
            <section class="panel partner-profile">
                <p class="card-category">{move || i18n.p().partner_title}</p>
                <h1>{partner.name.clone()}</h1>
                <p class="partner-facts">
                    <span class="chip partner-kind">{move || kind.label(i18n.lang())}</span>
                    <span class="muted">{move || fill(i18n.p().village_count, &[&village_count])}</span>
                </p>
                {partner.website.clone().map(|site| {
                    let shown = site.trim_start_matches("https://").trim_start_matches("http://").trim_end_matches('/').to_string();
                    view! {
                        <p class="partner-website">
                            <span class="muted">{move || i18n.p().partner_website}": "</span>
                            <a href=site rel="noopener nofollow" target="_blank">{shown}</a>
                        </p>
                    }
                })}
                {partner.demo.then(|| view! { <DemoPartnerNote/> })}
            </section>
            <Programmes partner=partner.clone() ships=ships villages=villages/>
            <section class="village-products partner-products" aria-labelledby="partner-products-title">
                <h2 id="partner-products-title">{move || i18n.p().partner_products}</h2>
                {if products.is_empty() {
                    view! { <p class="panel muted empty-products">{move || i18n.p().partner_no_products}</p> }.into_any()
                } else {
                    view! {
                        <ul class="card-grid" role="list">
                            {products.into_iter().map(|(p, village, verified)| view! { <li><ProductCard product=p village=village verified=verified/></li> }).collect_view()}
                        </ul>
                    }.into_any()
                }}
                <p class="see-all">
                    <A href=AppPath::Catalog { query: &backed_query.to_query_string() }.href()>{move || i18n.p().see_backed_products}</A>
                </p>
            </section>
        }
        .into_any()
    }
}

/// The partner's programmes, each with its status, year and villages, and the villages
/// once more as a list of links.
#[component]
fn Programmes(
    /// Whose programmes.
    partner: Partner,
    /// Its partnerships, finished ones included.
    ships: Vec<Partnership>,
    /// (slug, name) of every village named in them.
    villages: Vec<(String, String)>,
) -> impl IntoView {
    let i18n = use_i18n();
    if ships.is_empty() {
        return view! {
            <section class="panel partner-programmes">
                <h2>{move || i18n.p().partner_programmes}</h2>
                <p class="muted">{move || i18n.p().partner_no_programmes}</p>
            </section>
        }
        .into_any();
    }
    let name_of = move |slug: &str| {
        villages
            .iter()
            .find(|(s, _)| s == slug)
            .map(|(_, n)| n.clone())
    };
    let rows = ships
        .into_iter()
        .map(|ship| {
            let programme = ship.programme;
            let years = ship.end_year.map(|_| ship.years());
            let year = ship.start_year;
            let status = ship.status;
            let links = ship
                .village_slugs
                .iter()
                .filter_map(|slug| name_of(slug).map(|n| (slug.clone(), n)))
                .map(|(slug, n)| view! { <li><A href=AppPath::Village { slug: &slug }.href()>{n}</A></li> })
                .collect_view();
            view! {
                <li class="partnership" class:finished=!status.is_active()>
                    <div class="partnership-head">
                        <h3 class="programme-name">{move || programme.label(i18n.lang())}</h3>
                        <PartnershipStatusChip status=status/>
                    </div>
                    <p class="partnership-meta">{move || match &years { Some(span) => fill(i18n.p().years_span, &[span]), None => fill(i18n.p().since_year, &[&year]) }}</p>
                    <p class="partnership-programme">{move || ship.detail(i18n.lang()).to_string()}</p>
                    <ul class="village-links" role="list" aria-label=move || i18n.p().partner_villages>{links}</ul>
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="panel partner-programmes" aria-labelledby="partner-programmes-title">
            <h2 id="partner-programmes-title">{move || i18n.p().partner_programmes}</h2>
            <ul class="partnership-list" role="list" aria-label=partner.name.clone()>{rows}</ul>
        </section>
    }
    .into_any()
}

/// An unknown partner slug: same shape as the other not-found panels.
#[component]
fn PartnerNotFound() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <PageMeta title=Signal::derive(move || i18n.t().not_found_title.to_string())
            description=Signal::derive(move || i18n.p().partner_not_found.to_string())/>
        <section class="panel not-found">
            <h1>{move || i18n.t().not_found_title}</h1>
            <p>{move || i18n.p().partner_not_found}</p>
            <A href=AppPath::HOME.href() attr:class="button primary">{move || i18n.t().back_to_catalog}</A>
        </section>
    }
}
