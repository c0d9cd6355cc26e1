//! `/penjual/fasilitator`: the village facilitators' view (DPMD / KPMD): figures per
//! kecamatan and village, the developing villages with no product, and a CSV to take along.

use etalase_model::IdmStatus;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;

use super::staff_gate::StaffGate;
use crate::api::staff::{self, FacilitatorReport, Figures, VillageActivity, REPORT_CSV};
use crate::components::{Bar, BarChart};
use crate::i18n::{fill, use_i18n, Said};
use crate::routes::AppPath;
use crate::seller::staff_session::use_staff_session;
use etalase_model::cooperative::StaffRole;

#[component]
pub fn FacilitatorPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <StaffGate title=Signal::derive(move || i18n.c().facilitator_title.to_string())
            description=Signal::derive(move || i18n.c().facilitator_meta.to_string())
            refusal=Signal::derive(move || i18n.c().facilitator_only.to_string())
            allowed=StaffRole::may_moderate>
            <Report/>
        </StaffGate>
    }
}

#[component]
fn Report() -> impl IntoView {
    let i18n = use_i18n();
    let staff = use_staff_session();
    let report = LocalResource::new(staff::facilitator_report);
    let name = move || staff.me().map(|m| m.staff.name).unwrap_or_default();
    let sign_out = move |_| {
        let csrf = staff.csrf().unwrap_or_default();
        spawn_local(async move {
            let _ = staff::logout(&csrf).await;
            staff.signed_out();
        });
    };
    view! {
        <section class="panel facilitator">
            <div class="dashboard-head">
                <div>
                    <crate::components::PageTitle title=Signal::derive(move || i18n.c().facilitator_title.to_string())/>
                    <h1>{move || i18n.c().facilitator_title}</h1>
                    <p class="muted">{move || fill(i18n.c().facilitator_as, &[&name()])}</p>
                </div>
                <div class="dashboard-actions">
                    <A href=AppPath::Moderation.href() attr:class="button secondary">{move || i18n.m().moderation_link}</A>
                    <A href=AppPath::MarketMap.href() attr:class="button secondary">{move || i18n.c().market_link}</A>
                    <a class="button secondary" href=REPORT_CSV download>{move || i18n.c().download_csv}</a>
                    <button type="button" class="button secondary" on:click=sign_out>{move || i18n.c().sign_out}</button>
                </div>
            </div>
            <Suspense fallback=move || view! { <p class="muted" role="status">{move || i18n.c().loading_report}</p> }>
                {move || Suspend::new(async move {
                    match report.await {
                        Ok(r) => view! { <ReportBody report=r/> }.into_any(),
                        Err(err) => {
                            let said = Said::Refusal(err);
                            view! { <p class="notice error" role="alert">{move || said.render(i18n.s())}</p> }.into_any()
                        }
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn ReportBody(report: FacilitatorReport) -> impl IntoView {
    let i18n = use_i18n();
    let to_coach: Vec<VillageActivity> = report
        .to_coach
        .iter()
        .filter_map(|slug| report.villages.iter().find(|v| &v.slug == slug).cloned())
        .collect();
    let bars: Vec<Bar> = report
        .kecamatan
        .iter()
        .map(|k| Bar {
            label: k.kecamatan.clone(),
            value: k.figures.listings as u64,
        })
        .collect();
    let groups: Vec<(String, usize, Figures, Vec<VillageActivity>)> = report
        .kecamatan
        .iter()
        .map(|k| {
            let villages = report
                .villages
                .iter()
                .filter(|v| v.kecamatan == k.kecamatan)
                .cloned()
                .collect();
            (k.kecamatan.clone(), k.villages, k.figures.clone(), villages)
        })
        .collect();
    let coach_empty = to_coach.is_empty();
    view! {
        <section class="to-coach" aria-labelledby="to-coach-heading">
            <h2 id="to-coach-heading">{move || i18n.c().to_coach_heading}</h2>
            <p class="muted">{move || i18n.c().to_coach_lead}</p>
            {if coach_empty {
                view! { <p class="notice success">{move || i18n.c().to_coach_none}</p> }.into_any()
            } else {
                view! {
                    <ul class="coach-list">
                        {to_coach.into_iter().map(|v| {
                            let status = v.idm_status;
                            view! {
                                <li>
                                    <A href=AppPath::Village { slug: &v.slug }.href()>{v.name.clone()}</A>
                                    <span class="muted">{format!(" · {}", v.kecamatan)}</span>
                                    <span class=format!("chip idm-{}", IdmStatus::describe(status, i18n.lang()).0)>{move || IdmStatus::describe(status, i18n.lang()).1}</span>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
        <BarChart id="listings-by-kecamatan"
            title=Signal::derive(move || i18n.c().chart_listings.to_string())
            column=Signal::derive(move || i18n.c().column_kecamatan.to_string())
            count_label=Signal::derive(move || i18n.c().count_products.to_string())
            bars=Signal::derive(move || bars.clone())/>
        <h2>{move || i18n.c().table_heading}</h2>
        <div class="table-scroll" role="region" aria-labelledby="village-table-caption" tabindex="0">
            <table class="village-table">
                <caption id="village-table-caption" class="visually-hidden">{move || i18n.c().table_heading}</caption>
                <thead>
                    <tr>
                        <th scope="col">{move || i18n.c().col_village}</th>
                        <th scope="col">{move || i18n.c().col_idm}</th>
                        <th scope="col">{move || i18n.c().col_sellers}</th>
                        <th scope="col">{move || i18n.c().col_listings}</th>
                        <th scope="col">{move || i18n.c().col_inquiries}</th>
                        <th scope="col">{move || i18n.c().col_photos}</th>
                        <th scope="col">{move || i18n.c().col_certs}</th>
                    </tr>
                </thead>
                {groups.into_iter().map(|(kecamatan, count, total, villages)| view! {
                    <tbody>
                        <tr class="kecamatan-row">
                            <th scope="row" colspan="2">{
                                let k = kecamatan.clone();
                                move || fill(i18n.c().kecamatan_total, &[&k, &count])
                            }</th>
                            <FigureCells figures=total/>
                        </tr>
                        {villages.into_iter().map(|v| {
                            let status = v.idm_status;
                            view! {
                                <tr>
                                    <th scope="row"><A href=AppPath::Village { slug: &v.slug }.href()>{v.name.clone()}</A></th>
                                    <td><span class=format!("chip idm-{}", IdmStatus::describe(status, i18n.lang()).0)>{move || IdmStatus::describe(status, i18n.lang()).1}</span></td>
                                    <FigureCells figures=v.figures/>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                }).collect_view()}
            </table>
        </div>
    }
}

/// The five figure columns of a row; shares as "n (p %)" of the published listings.
#[component]
fn FigureCells(figures: Figures) -> impl IntoView {
    let i18n = use_i18n();
    let share = |part: usize, of: usize| -> String {
        match (part * 100 + of / 2).checked_div(of) {
            Some(percent) => format!("{part} ({percent} %)"),
            None => "—".to_string(),
        }
    };
    let photos = if figures.photos_measured == 0 {
        None
    } else {
        Some(share(figures.photos_good, figures.photos_measured))
    };
    let certs = share(figures.valid_certificates, figures.listings);
    view! {
        <td class="num">{figures.active_sellers}</td>
        <td class="num">{figures.listings}</td>
        <td class="num">{format!("{} / {}", figures.inquiries_30, figures.inquiries_90)}</td>
        <td class="num">{match photos {
            Some(text) => text.into_any(),
            None => view! { <span class="muted">{move || i18n.c().not_measured}</span> }.into_any(),
        }}</td>
        <td class="num">{certs}</td>
    }
}
