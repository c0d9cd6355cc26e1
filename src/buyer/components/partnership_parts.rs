//! Pieces of village partnerships shared by the village page, the partner page and the
//! product page: the status chip, the demo-data note, a village's partner section and the
//! small "backed by a partner" mark.

use std::collections::HashSet;
use std::sync::Arc;

use etalase_model::{Partnership, PartnershipStatus};
use leptos::prelude::*;
use leptos_router::components::A;

use crate::catalog_data::CatalogData;
use crate::i18n::{fill, use_i18n};
use crate::routes::AppPath;

/// A partnership's status as a coloured chip (colour is never the only cue: the text says it).
#[component]
pub fn PartnershipStatusChip(
    /// The status to show.
    status: PartnershipStatus,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <span class=format!("chip partnership-status status-{}", status.slug())>
            {move || status.label(i18n.lang())}
        </span>
    }
}

/// "Demo data: these partners are illustrations", shown wherever demo partners appear.
#[component]
pub fn DemoPartnerNote() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <p class="demo-note" role="note">
            <span class="demo-tag" aria-hidden="true">"demo"</span>
            <span>{move || i18n.p().demo_note}</span>
        </p>
    }
}

/// A village's partners and their programmes; renders nothing for a village without any.
#[component]
pub fn VillagePartners(
    /// The loaded catalog.
    data: Arc<CatalogData>,
    /// The village's slug.
    village: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let catalog = &data.catalog;
    let ships: Vec<Partnership> = catalog
        .partnerships_of_village(&village)
        .filter(|p| catalog.partner(&p.partner_slug).is_some())
        .cloned()
        .collect();
    if ships.is_empty() {
        return ().into_any();
    }
    let demo = ships
        .iter()
        .any(|s| catalog.partner(&s.partner_slug).is_some_and(|p| p.demo));
    let rows = ships
        .into_iter()
        .filter_map(|ship| {
            let partner = catalog.partner(&ship.partner_slug)?.clone();
            let kind = partner.kind;
            let years = ship.end_year.map(|_| ship.years());
            let year = ship.start_year;
            let programme = ship.programme;
            let status = ship.status;
            let finished = !status.is_active();
            Some(view! {
                <li class="partnership" class:finished=finished>
                    <div class="partnership-head">
                        <A href=AppPath::Partner { slug: &partner.slug }.href() attr:class="partner-name">{partner.name.clone()}</A>
                        <PartnershipStatusChip status=status/>
                    </div>
                    <p class="partnership-meta">
                        <span>{move || kind.label(i18n.lang())}</span>
                        <span aria-hidden="true">" · "</span>
                        <span>{move || match &years { Some(span) => fill(i18n.p().years_span, &[span]), None => fill(i18n.p().since_year, &[&year]) }}</span>
                    </p>
                    <p class="partnership-programme">
                        <strong>{move || programme.label(i18n.lang())}</strong>
                        <span>{move || format!(": {}", ship.detail(i18n.lang()))}</span>
                    </p>
                </li>
            })
        })
        .collect_view();
    view! {
        <section class="panel village-partners" aria-labelledby="village-partners-title">
            <h2 id="village-partners-title">{move || i18n.p().village_partners}</h2>
            <p class="muted lead-small">{move || i18n.p().village_partners_lead}</p>
            <ul class="partnership-list" role="list">{rows}</ul>
            {demo.then(|| view! { <DemoPartnerNote/> })}
        </section>
    }
    .into_any()
}

/// The product page's small mark: "Backed by a partner" and the partners that back the
/// product's village now (signed or running); nothing when none does.
#[component]
pub fn BackedMark(
    /// The loaded catalog.
    data: Arc<CatalogData>,
    /// The product's village slug.
    village: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let catalog = &data.catalog;
    let mut seen = HashSet::new();
    let partners: Vec<(String, String)> = catalog
        .partnerships_of_village(&village)
        .filter(|s| s.status.is_active() && seen.insert(s.partner_slug.clone()))
        .filter_map(|s| catalog.partner(&s.partner_slug))
        .map(|p| (p.slug.clone(), p.name.clone()))
        .collect();
    if partners.is_empty() {
        return ().into_any();
    }
    let links = partners
        .into_iter()
        .enumerate()
        .map(|(i, (slug, name))| {
            view! {
                {(i > 0).then_some(", ")}
                <A href=AppPath::Partner { slug: &slug }.href()>{name}</A>
            }
        })
        .collect_view();
    view! {
        <p class="backed-line">
            <span class="badge backed">{move || i18n.p().backed_mark}</span>
            <span class="backed-names">{links}</span>
        </p>
    }
    .into_any()
}
