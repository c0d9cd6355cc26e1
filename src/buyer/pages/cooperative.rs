//! `/koperasi/:slug`: a village cooperative (Koperasi Desa Merah Putih) and the products its
//! members sell through it. A cooperative is named by its village's slug.

use std::sync::Arc;

use etalase_model::CatalogQuery;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use crate::catalog_data::CatalogData;
use crate::components::{NotFoundPanel, PageMeta, ProductCard, WithCatalog};
use crate::i18n::{fill, use_i18n};
use crate::routes::AppPath;

#[component]
pub fn CooperativePage() -> impl IntoView {
    let params = use_params_map();
    let slug = Memo::new(move |_| params.with(|p| p.get("slug").unwrap_or_default()));
    view! { <WithCatalog skeleton_cards=3 render=move |data| view! { <CooperativeDetail data=data slug=slug/> }/> }
}

#[component]
fn CooperativeDetail(
    /// The loaded catalog.
    data: Arc<CatalogData>,
    /// The cooperative's village slug, from the URL.
    slug: Memo<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        let slug = slug.get();
        let members: Vec<&str> = data.catalog.cooperative_members(&slug).collect();
        let Some(v) = data
            .catalog
            .village(&slug)
            .filter(|_| !members.is_empty())
            .cloned()
        else {
            return view! { <NotFoundPanel message=|t| t.cooperative_not_found/> }.into_any();
        };
        let products: Vec<_> = data
            .catalog
            .products
            .iter()
            .filter(|p| members.contains(&p.seller_id.as_str()))
            .cloned()
            .collect();
        let count = members.len();
        let name = v.cooperative.clone();
        let title = Signal::derive({
            let name = name.clone();
            move || name.clone()
        });
        let description = Signal::derive({
            let village = v.name.clone();
            move || format!("{} — {}", i18n.t().cooperative_page_label, village)
        });
        let contact = v.cooperative_whatsapp.clone().map(|number| {
            let digits: String = number.chars().filter(char::is_ascii_digit).collect();
            let text = format!("Halo {name}, saya melihat produk anggota Anda di Etalase Desa.");
            format!(
                "https://wa.me/{digits}?text={}",
                String::from(js_sys::encode_uri_component(&text))
            )
        });
        let legal = v.cooperative_legal_number.clone();
        let address = v.cooperative_address.clone();
        let in_catalog = CatalogQuery {
            cooperative: Some(v.slug.clone()),
            ..CatalogQuery::default()
        }
        .to_query_string();
        let village_name = v.name.clone();
        view! {
            <PageMeta title=title description=description/>
            <nav class="crumbs"><A href=AppPath::HOME.href()>{move || i18n.t().back_to_catalog}</A></nav>
            <section class="panel village-profile cooperative-profile">
                <p class="card-category">{move || i18n.t().cooperative_page_label}</p>
                <h1>{v.cooperative.clone()}</h1>
                <p class="muted">
                    <A href=AppPath::Village { slug: &v.slug }.href()>{v.name.clone()}</A>
                    {format!(", {} {}, {}", i18n.t().kecamatan_label, v.kecamatan, v.kabupaten)}
                </p>
                <p>{move || fill(i18n.t().cooperative_members, &[&count])}</p>
                {legal.map(|number| view! {
                    <p class="muted small">{move || i18n.t().cooperative_legal}": "{number.clone()}</p>
                })}
                {address.map(|a| view! { <p class="muted small">{move || i18n.t().cooperative_address}": "{a.clone()}</p> })}
                <div class="hero-actions">
                    {contact.map(|href| view! {
                        <a class="button whatsapp" href=href target="_blank" rel="noopener">{move || i18n.t().cooperative_contact}</a>
                    })}
                    <A href=AppPath::Catalog { query: &in_catalog }.href() attr:class="button secondary">{move || i18n.t().cooperative_in_catalog}</A>
                </div>
            </section>
            <section class="village-products">
                <h2>{move || i18n.t().cooperative_products}</h2>
                {if products.is_empty() {
                    view! { <p class="panel muted">{move || i18n.t().cooperative_no_products}</p> }.into_any()
                } else {
                    view! {
                        <ul class="card-grid" role="list">
                            {products.into_iter().map(|p| {
                                let verified = data.catalog.seller_verified(&p);
                                view! { <li><ProductCard product=p village=village_name.clone() verified=verified/></li> }
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }}
            </section>
        }
        .into_any()
    }
}
