//! `/penjual/kemitraan`: facilitators and admins record who supports the villages. The
//! partners and partnerships listed are the catalog's (what buyers see), reloaded after
//! each save; the forms are in `partnership_forms.rs`.

use std::sync::Arc;

use etalase_model::{Partner, Partnership};
use leptos::leptos_dom::helpers::request_animation_frame;
use leptos::prelude::*;
use leptos_router::components::A;

use super::partnership_forms::{EndForm, PartnerForm, PartnershipForm, Saved};
use super::staff_gate::StaffGate;
use crate::catalog_data::{use_catalog, CatalogData};
use crate::i18n::{fill, use_i18n, Said};
use crate::routes::AppPath;
use etalase_model::cooperative::StaffRole;

#[component]
pub fn PartnershipsPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <StaffGate title=Signal::derive(move || i18n.m().ships_title.to_string())
            description=Signal::derive(move || i18n.m().ships_meta.to_string())
            refusal=Signal::derive(move || i18n.m().moderation_only.to_string())
            allowed=StaffRole::may_moderate>
            <Manager/>
        </StaffGate>
    }
}

/// Which form is open; one at a time, so a phone shows one thing to fill in.
#[derive(Debug, Clone, PartialEq)]
enum Open {
    Nothing,
    Partner(Option<Partner>),
    Partnership(Option<Partnership>),
    End(String),
}

#[component]
fn Manager() -> impl IntoView {
    let i18n = use_i18n();
    let catalog = use_catalog().0;
    let open = RwSignal::new(Open::Nothing);
    let saved = RwSignal::new(None::<Saved>);
    let on_done = Callback::new(move |what: Saved| {
        open.set(Open::Nothing);
        saved.set(Some(what));
        // The server republished before answering: the reload shows the change.
        catalog.refetch();
        // On a phone the form was a long way down: bring the confirmation (and its link to
        // the partner's page) into view.
        request_animation_frame(|| crate::components::focus_field("ships-saved"));
    });
    let on_cancel = Callback::new(move |()| open.set(Open::Nothing));
    let start = move |what: Open| {
        saved.set(None);
        open.set(what);
    };
    let said = move || {
        saved.get().map(|s| {
            let m = i18n.m();
            match s {
                Saved::Partner { slug, name } => (fill(m.done_partner, &[&name]), slug),
                Saved::Partnership { partner_slug } => (m.done_ship.to_string(), partner_slug),
                Saved::Ended { partner_slug } => (m.done_ended.to_string(), partner_slug),
            }
        })
    };
    view! {
        <section class="panel partnerships-admin">
            <div class="dashboard-head">
                <crate::components::PageTitle title=Signal::derive(move || i18n.m().ships_title.to_string())/>
                <h1>{move || i18n.m().ships_title}</h1>
                <div class="dashboard-actions">
                    <A href=AppPath::Moderation.href() attr:class="button secondary">{move || i18n.m().moderation_link}</A>
                </div>
            </div>
            <p class="lead">{move || i18n.m().ships_lead}</p>
            <div aria-live="polite">
                {move || said().map(|(text, slug)| view! {
                    <p class="notice success" role="status" id="f-ships-saved" tabindex="-1">
                        {text}" "
                        // The partner's page belongs to the buyers' app: a full page load.
                        <a href=AppPath::Partner { slug: &slug }.href()>{move || i18n.m().view_partner_page}</a>
                    </p>
                })}
            </div>
        </section>
        {move || match catalog.get() {
            None => view! { <p class="panel muted" role="status">{move || i18n.m().loading}</p> }.into_any(),
            Some(Err(err)) => {
                let said = Said::Refusal(err);
                view! { <p class="panel notice error" role="alert">{move || said.render(i18n.s())}</p> }.into_any()
            }
            Some(Ok(data)) => view! {
                <Partners data=Arc::clone(&data) open=open start=start on_done=on_done on_cancel=on_cancel/>
                <Partnerships data=data open=open start=start on_done=on_done on_cancel=on_cancel/>
            }.into_any(),
        }}
    }
}

#[component]
fn Partners(
    /// The loaded catalog.
    data: Arc<CatalogData>,
    /// Which form is open.
    open: RwSignal<Open>,
    /// Opens a form.
    start: impl Fn(Open) + Copy + Send + Sync + 'static,
    /// Called when a form saved.
    on_done: Callback<Saved>,
    /// Called when a form closes unsaved.
    on_cancel: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let partners = data.catalog.partners.clone();
    let count = partners.len();
    let form_data = Arc::clone(&data);
    let form = move || match open.get() {
        Open::Partner(existing) => Some(view! {
            <PartnerForm data=Arc::clone(&form_data) existing=existing on_done=on_done on_cancel=on_cancel/>
        }),
        _ => None,
    };
    let rows = partners
        .into_iter()
        .map(|p| {
            let kind = p.kind;
            let name = p.name.clone();
            let edit_label = p.name.clone();
            let editing = p.clone();
            view! {
                <li class="admin-row">
                    <div class="admin-row-main">
                        <strong>{name}</strong>
                        {p.demo.then(|| view! { <span class="demo-tag">"demo"</span> })}
                        <p class="muted">
                            <span>{move || kind.label(i18n.lang())}</span>
                            {p.website.clone().map(|w| view! { " · " <span class="website">{w}</span> })}
                        </p>
                    </div>
                    <button type="button" class="button secondary small"
                        aria-label=move || fill(i18n.m().edit_partner, &[&edit_label])
                        on:click=move |_| start(Open::Partner(Some(editing.clone())))>
                        {move || i18n.m().edit}
                    </button>
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="panel" aria-labelledby="partners-heading">
            <div class="section-head">
                <h2 id="partners-heading">{move || fill(i18n.m().partners_heading, &[&count])}</h2>
                <button type="button" class="button primary" on:click=move |_| start(Open::Partner(None))>
                    {move || i18n.m().add_partner}
                </button>
            </div>
            {form}
            {(count == 0).then(|| view! { <p class="muted">{move || i18n.m().no_partners}</p> })}
            <ul class="admin-list" role="list">{rows}</ul>
        </section>
    }
}

#[component]
fn Partnerships(
    /// The loaded catalog.
    data: Arc<CatalogData>,
    /// Which form is open.
    open: RwSignal<Open>,
    /// Opens a form.
    start: impl Fn(Open) + Copy + Send + Sync + 'static,
    /// Called when a form saved.
    on_done: Callback<Saved>,
    /// Called when a form closes unsaved.
    on_cancel: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let catalog = &data.catalog;
    // Newest first: the one just recorded is at the top, where its form was.
    let ships: Vec<Partnership> = catalog.partnerships.iter().rev().cloned().collect();
    let count = ships.len();
    let form_data = Arc::clone(&data);
    let form = move || match open.get() {
        Open::Partnership(existing) => Some(view! {
            <PartnershipForm data=Arc::clone(&form_data) existing=existing on_done=on_done on_cancel=on_cancel/>
        }),
        _ => None,
    };
    let rows = ships
        .into_iter()
        .map(|ship| {
            let partner_name = catalog
                .partner(&ship.partner_slug)
                .map_or_else(|| ship.partner_slug.clone(), |p| p.name.clone());
            let villages = ship
                .village_slugs
                .iter()
                .map(|s| catalog.village(s).map_or_else(|| s.clone(), |v| v.name.clone()))
                .collect::<Vec<_>>()
                .join(", ");
            let programme = ship.programme;
            let status = ship.status;
            let years = ship.years();
            let mou = ship.mou_date;
            let editing = ship.clone();
            let ending = ship.clone();
            let id = ship.id.clone();
            let id_for_end = ship.id.clone();
            let edit_label = format!("{partner_name}: {}", programme.label(i18n.lang()));
            let end_label = edit_label.clone();
            let end_name = partner_name.clone();
            let end_open = Memo::new(move |_| open.with(|o| *o == Open::End(id.clone())));
            view! {
                <li class="admin-row partnership-row">
                    <div class="admin-row-main">
                        <div class="partnership-head">
                            <strong>{partner_name}</strong>
                            <span class=format!("chip partnership-status status-{}", status.slug())>
                                {move || status.label(i18n.lang())}
                            </span>
                        </div>
                        <p>{move || programme.label(i18n.lang())}": "{move || ship.detail(i18n.lang()).to_string()}</p>
                        <p class="muted">
                            {move || fill(i18n.m().ship_years, &[&years])}
                            {move || mou.map(|d| format!(" · {}", fill(i18n.m().mou_signed_on, &[&d.format_long(i18n.lang())])))}
                        </p>
                        <p class="muted">{villages}</p>
                    </div>
                    <div class="row-actions">
                        <button type="button" class="button secondary small"
                            aria-label=move || format!("{}: {}", i18n.m().edit_ship, edit_label)
                            on:click=move |_| start(Open::Partnership(Some(editing.clone())))>
                            {move || i18n.m().edit}
                        </button>
                        {status.is_active().then(|| view! {
                            <button type="button" class="button secondary small"
                                aria-label=move || fill(i18n.m().end_ship_of, &[&end_label])
                                aria-expanded=move || end_open.get().to_string()
                                on:click=move |_| start(Open::End(id_for_end.clone()))>
                                {move || i18n.m().end_ship}
                            </button>
                        })}
                    </div>
                    {move || end_open.get().then(|| view! {
                        <EndForm ship=ending.clone() partner_name=end_name.clone() on_done=on_done on_cancel=on_cancel/>
                    })}
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="panel" aria-labelledby="ships-heading">
            <div class="section-head">
                <h2 id="ships-heading">{move || fill(i18n.m().ships_heading, &[&count])}</h2>
                <button type="button" class="button primary" on:click=move |_| start(Open::Partnership(None))>
                    {move || i18n.m().add_ship}
                </button>
            </div>
            {form}
            {(count == 0).then(|| view! { <p class="muted">{move || i18n.m().no_ships}</p> })}
            <ul class="admin-list" role="list">{rows}</ul>
        </section>
    }
}
