//! `/penjual/pasar`: the district's export market map (facilitators and admins): per
//! destination country and product, how many inquiries, how much was asked (kg where the
//! unit is a weight), and what was quoted and won, for a period and a kecamatan; a chart of
//! volume per destination, the table, and the same as CSV.

use etalase_model::inquiry::{Currency, Money, QuoteUnit};
use etalase_model::money::format_rupiah;
use leptos::prelude::*;
use leptos_router::components::A;

use super::staff_gate::StaffGate;
use crate::api::staff::{self, MarketMap, MarketQuery};
use crate::catalog_data::use_catalog;
use crate::components::{Bar, BarChart};
use crate::i18n::{fill, use_i18n, Said};
use crate::intl::country_name;
use crate::routes::AppPath;
use etalase_model::cooperative::StaffRole;

#[component]
pub fn MarketMapPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <StaffGate title=Signal::derive(move || i18n.c().market_title.to_string())
            description=Signal::derive(move || i18n.c().market_meta.to_string())
            refusal=Signal::derive(move || i18n.c().facilitator_only.to_string())
            allowed=StaffRole::may_moderate>
            <Market/>
        </StaffGate>
    }
}

#[component]
fn Market() -> impl IntoView {
    let i18n = use_i18n();
    let c = move || i18n.c();
    // The filters as typed, and the query last shown.
    let from = RwSignal::new(String::new());
    let to = RwSignal::new(String::new());
    let kecamatan = RwSignal::new(String::new());
    let shown = RwSignal::new(MarketQuery::default());
    let map = LocalResource::new(move || {
        let query = shown.get();
        async move { staff::market_map(&query).await }
    });
    // The server says which months it used: the inputs start there.
    Effect::new(move |_| {
        if let Some(Ok(m)) = map.get() {
            from.set(m.from.clone());
            to.set(m.to.clone());
        }
    });
    let apply = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        shown.set(MarketQuery {
            from: Some(from.get_untracked()),
            to: Some(to.get_untracked()),
            kecamatan: Some(kecamatan.get_untracked()),
        });
    };
    let csv = move || staff::market_csv_url(&shown.get());
    view! {
        <section class="panel market">
            <div class="dashboard-head">
                <div>
                    <crate::components::PageTitle title=Signal::derive(move || c().market_title.to_string())/>
                    <h1>{move || c().market_title}</h1>
                    <p class="muted">{move || c().market_lead}</p>
                </div>
                <div class="dashboard-actions">
                    <A href=AppPath::Facilitator.href() attr:class="button secondary">{move || c().facilitator_title}</A>
                    <a class="button secondary" href=csv download>{move || c().download_csv}</a>
                </div>
            </div>
            <form class="market-filters" on:submit=apply>
                <div class="field">
                    <label for="f-market-from">{move || c().market_from}</label>
                    <input id="f-market-from" type="month" prop:value=move || from.get()
                        on:change=move |ev| from.set(event_target_value(&ev))/>
                </div>
                <div class="field">
                    <label for="f-market-to">{move || c().market_to}</label>
                    <input id="f-market-to" type="month" prop:value=move || to.get()
                        on:change=move |ev| to.set(event_target_value(&ev))/>
                </div>
                <div class="field">
                    <label for="f-market-kecamatan">{move || c().market_kecamatan}</label>
                    <select id="f-market-kecamatan" on:change=move |ev| kecamatan.set(event_target_value(&ev))>
                        <option value="">{move || c().market_all}</option>
                        {move || map.get().and_then(Result::ok).map(|m| m.kecamatan_options.into_iter().map(|k| {
                            let selected = kecamatan.get_untracked() == k;
                            view! { <option value=k.clone() selected=selected>{k.clone()}</option> }
                        }).collect_view())}
                    </select>
                </div>
                <button type="submit" class="button primary">{move || c().market_apply}</button>
            </form>
            <Suspense fallback=move || view! { <p class="muted" role="status">{move || c().market_loading}</p> }>
                {move || Suspend::new(async move {
                    match map.await {
                        Ok(m) => view! { <MarketBody map=m/> }.into_any(),
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
fn MarketBody(map: MarketMap) -> impl IntoView {
    let i18n = use_i18n();
    let c = move || i18n.c();
    if map.rows.is_empty() {
        return view! { <p class="notice info">{move || c().market_empty}</p> }.into_any();
    }
    let catalog = use_catalog().0;
    let countries = map.countries.clone();
    let bars = Signal::derive(move || {
        countries
            .iter()
            .map(|t| Bar {
                label: country_name(&t.country, i18n.lang()),
                value: t.volume_kg,
            })
            .collect::<Vec<_>>()
    });
    let rate = map.idr_per_usd;
    let usd = move |cents: u64| {
        Money {
            currency: Currency::Usd,
            amount_minor: cents,
        }
        .format(i18n.lang())
    };
    let rows = map.rows.clone();
    view! {
        <BarChart id="market-by-country"
            title=Signal::derive(move || c().market_chart.to_string())
            column=Signal::derive(move || c().market_col_country.to_string())
            count_label=Signal::derive(move || c().market_kg.to_string())
            bars=bars/>
        <h2 id="market-table-heading">{move || c().market_table}</h2>
        <div class="table-scroll" role="region" aria-labelledby="market-table-heading" tabindex="0">
            <table class="market-table">
                <thead>
                    <tr>
                        <th scope="col">{move || c().market_col_country}</th>
                        <th scope="col">{move || c().market_col_product}</th>
                        <th scope="col" class="num">{move || c().market_col_inquiries}</th>
                        <th scope="col" class="num">{move || c().market_col_volume}</th>
                        <th scope="col" class="num">{move || c().market_col_quoted}</th>
                        <th scope="col" class="num">{move || c().market_col_won}</th>
                    </tr>
                </thead>
                <tbody>
                    {rows.into_iter().map(|r| {
                        let country = r.country.clone();
                        let product_id = r.product_id.clone();
                        let fallback = r.product_name.clone();
                        let name = move || catalog.get().and_then(Result::ok)
                            .and_then(|d| d.catalog.product(&product_id).map(|p| p.name(i18n.lang()).to_string()))
                            .unwrap_or_else(|| fallback.clone());
                        let mut volume = Vec::new();
                        if r.volume_kg > 0 || r.other_volume.is_empty() {
                            volume.push(format!("{} kg", r.volume_kg));
                        }
                        let others = r.other_volume.clone();
                        let unit_text = move |unit: &str| {
                            serde_json::from_value::<QuoteUnit>(serde_json::Value::String(unit.to_string()))
                                .map_or_else(|_| unit.replace('_', " "), |u| u.label(i18n.lang()).to_string())
                        };
                        let volume = move || {
                            let mut volume = volume.clone();
                            volume.extend(others.iter().map(|v| format!("{} {}", v.quantity, unit_text(&v.unit))));
                            volume.join(" + ")
                        };
                        let money = move |idr: u64, cents: u64| {
                            if idr == 0 {
                                view! { <span class="muted">"—"</span> }.into_any()
                            } else {
                                view! { {format_rupiah(idr)}<br/><span class="muted small">{move || usd(cents)}</span> }.into_any()
                            }
                        };
                        view! {
                            <tr>
                                <th scope="row">{move || country_name(&country, i18n.lang())}</th>
                                <td>{name}</td>
                                <td class="num">{r.inquiries}</td>
                                <td class="num">{volume}</td>
                                <td class="num">{money(r.quoted_idr, r.quoted_usd_cents)}</td>
                                <td class="num">{money(r.won_idr, r.won_usd_cents)}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
        {rate.map(|r| view! { <p class="muted small">{move || fill(c().market_rate, &[&format_rupiah(u64::from(r)).trim_start_matches("Rp ").to_string()])}</p> })}
    }
    .into_any()
}
