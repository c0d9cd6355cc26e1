use std::sync::Arc;

use etalase_model::gazetteer::VillageKind;
use etalase_model::IdmStatus;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use crate::buyer::components::VillagePartners;
use crate::catalog_data::CatalogData;
use crate::components::{NotFoundPanel, PageMeta, ProductCard, WithCatalog};
use crate::i18n::{fill, use_i18n};
use crate::routes::AppPath;

/// `/desa/:slug`: a village's profile, its IDM status and its products.
#[component]
pub fn VillagePage() -> impl IntoView {
    let params = use_params_map();
    let slug = Memo::new(move |_| params.with(|p| p.get("slug").unwrap_or_default()));
    view! { <WithCatalog skeleton_cards=3 render=move |data| view! { <VillageDetail data=data slug=slug/> }/> }
}

#[component]
fn VillageDetail(
    /// The loaded catalog.
    data: Arc<CatalogData>,
    /// The village slug from the URL.
    slug: Memo<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        let Some(v) = data.catalog.village(&slug.get()).cloned() else {
            return view! { <NotFoundPanel message=|t| t.village_not_found/> }.into_any();
        };
        let products: Vec<_> = data.catalog.products_of_village(&v.slug).cloned().collect();
        let name = v.name.clone();
        // A kelurahan is not a desa: the gazetteer's code says which, in either language.
        let kind = v.kind();
        let title = Signal::derive(move || {
            let word = match kind {
                Some(VillageKind::Kelurahan) => "Kelurahan",
                _ => i18n.t().village_title,
            };
            format!("{word} {name}")
        });
        let vd = v.clone();
        let description = Signal::derive(move || {
            vd.description(i18n.lang())
                .chars()
                .take(155)
                .collect::<String>()
        });
        let status = v.idm_status;
        let vd = v.clone();
        view! {
            <PageMeta title=title description=description/>
            <nav class="crumbs"><A href=AppPath::HOME.href()>{move || i18n.t().back_to_catalog}</A></nav>
            <section class="panel village-profile">
                <p class="card-category">{move || i18n.t().village_profile}</p>
                <h1>{title}</h1>
                <p class="muted">{format!("{} {}, {}, {}", i18n.t().kecamatan_label, v.kecamatan, v.kabupaten, v.province)}</p>
                <div class="idm">
                    <span class=format!("badge idm idm-{}", IdmStatus::describe(status, i18n.lang()).0)>{move || IdmStatus::describe(status, i18n.lang()).1}</span>
                    {v.idm_score.map(|score| view! { <span>{move || format!("{}: {:.4}", i18n.t().idm_label, score)}</span> })}
                </div>
                // A village with no IDM figures has no trend to fetch.
                {v.code.clone().filter(|_| status.is_some()).map(|code| view! { <IdmTrendLine code=code/> })}
                <p><span class="muted">{move || i18n.t().cooperative_label}": "</span>{v.cooperative.clone()}</p>
                <p>{move || vd.description(i18n.lang()).to_string()}</p>
            </section>
            <VillagePartners data=data.clone() village=v.slug.clone()/>
            <section class="village-products">
                <h2>{move || i18n.t().village_products}</h2>
                {if products.is_empty() {
                    view! { <p class="panel muted">{move || i18n.t().village_no_products}</p> }.into_any()
                } else {
                    let name = v.name.clone();
                    view! {
                        <ul class="card-grid" role="list">
                            {products.into_iter().map(|p| {
                                let verified = data.catalog.seller_verified(&p);
                                view! { <li><ProductCard product=p village=name.clone() verified=verified/></li> }
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }}
            </section>
        }
        .into_any()
    }
}

/// "IDM trend: Berkembang 2024 → Maju 2025", from the village's stored years; nothing
/// while they load, fail or are fewer than two (the badge above already says the one).
#[component]
fn IdmTrendLine(code: String) -> impl IntoView {
    let i18n = use_i18n();
    let history = LocalResource::new(move || {
        let code = code.clone();
        async move { crate::api::idm_history(&code).await }
    });
    // The line keeps its height while the history loads, so what is below does not jump
    // when it arrives (most villages with figures have several years).
    move || match history.get() {
        None => Some(view! { <p class="idm-trend pending" aria-hidden="true"></p> }.into_any()),
        Some(result) => {
            let trend = result
                .ok()
                .and_then(|h| h.trend())
                .filter(|t| t.previous().is_some())?;
            Some(
                view! { <p class="idm-trend">{move || fill(i18n.t().idm_trend, &[&trend.summary(i18n.lang())])}</p> }
                    .into_any(),
            )
        }
    }
}
