//! `/wawasan`: where demand comes from, for cooperatives and village facilitators. Counts
//! of inquiries by product category, village, destination country and month, from what is
//! stored; only counts, never who asked.

use std::sync::Arc;

use etalase_model::Category;
use leptos::prelude::*;

use crate::api::inquiry::{self, Count, Insights};
use crate::catalog_data::CatalogData;
use crate::components::{Bar, BarChart, LoadError, PageMeta, WithCatalog};
use crate::i18n::{fill, use_i18n};
use crate::intl::{country_name, month_name};

#[component]
pub fn InsightsPage() -> impl IntoView {
    let i18n = use_i18n();
    let insights = LocalResource::new(inquiry::insights);
    view! {
        <PageMeta title=Signal::derive(move || i18n.t().insights_title.to_string()) description=Signal::derive(move || i18n.t().insights_lead.to_string())/>
        <WithCatalog skeleton_cards=1 render={move |data: Arc<CatalogData>| view! {
            <Suspense fallback=move || view! { <p class="panel muted" role="status">{move || i18n.t().loading}</p> }>
                {move || {
                    let data = data.clone();
                    Suspend::new(async move {
                        match insights.await {
                            Ok(found) => view! { <Charts insights=found data=data/> }.into_any(),
                            Err(err) => view! { <LoadError err=err on_retry=move || insights.refetch()/> }.into_any(),
                        }
                    })
                }}
            </Suspense>
        }}/>
    }
}

#[component]
fn Charts(insights: Insights, data: Arc<CatalogData>) -> impl IntoView {
    let i18n = use_i18n();
    let q = move || i18n.q();
    let bars = move |counts: Vec<Count>, label: Arc<dyn Fn(&str) -> String + Send + Sync>| {
        Signal::derive(move || {
            counts
                .iter()
                .map(|c| Bar {
                    label: label(&c.key),
                    value: c.count,
                })
                .collect::<Vec<_>>()
        })
    };
    let category = bars(
        insights.by_category.clone(),
        Arc::new(move |k| {
            k.parse::<Category>()
                .map(|c| c.label(i18n.lang()).to_string())
                .unwrap_or_else(|_| k.to_string())
        }),
    );
    let village_data = data.clone();
    let village = bars(
        insights.by_village.clone(),
        Arc::new(move |k| {
            village_data
                .catalog
                .village(k)
                .map(|v| v.name.clone())
                .unwrap_or_else(|| k.to_string())
        }),
    );
    let country = bars(
        insights.by_country.clone(),
        Arc::new(move |k| country_name(k, i18n.lang())),
    );
    let month = bars(
        insights.by_month.clone(),
        Arc::new(move |k| month_name(k, i18n.lang())),
    );
    let total = insights.total;
    let count_label = Signal::derive(move || q().inquiries_count.to_string());
    view! {
        <section class="panel insights">
            <h1>{move || i18n.t().insights_title}</h1>
            <p class="lead">{move || i18n.t().insights_lead}</p>
            <p class="big-number" role="status">{move || fill(q().insights_total, &[&total])}</p>
            {(total == 0).then(|| view! { <div class="empty-state"><p>{move || q().insights_empty}</p></div> })}
            <div class="chart-grid" hidden=total == 0>
                <BarChart id="by-category" title=Signal::derive(move || q().by_category.to_string()) column=Signal::derive(move || q().column_category.to_string()) count_label=count_label bars=category/>
                <BarChart id="by-village" title=Signal::derive(move || q().by_village.to_string()) column=Signal::derive(move || q().column_village.to_string()) count_label=count_label bars=village/>
                <BarChart id="by-country" title=Signal::derive(move || q().by_country.to_string()) column=Signal::derive(move || q().column_country.to_string()) count_label=count_label bars=country/>
                <BarChart id="by-month" title=Signal::derive(move || q().by_month.to_string()) column=Signal::derive(move || q().column_month.to_string()) count_label=count_label bars=month/>
            </div>
        </section>
    }
}
