use std::sync::Arc;

use etalase_model::{CatalogQuery, Category, CertificateKind, IdmStatus, Rupiah};
use leptos::prelude::*;

use crate::catalog_data::{use_catalog_query, CatalogData};
use crate::i18n::{fill, use_i18n};

/// Price bands a buyer thinks in (per unit, at the minimum order), as (min, max) rupiah.
const PRICE_BANDS: [(Option<u64>, Option<u64>); 4] = [
    (None, Some(25_000)),
    (Some(25_000), Some(100_000)),
    (Some(100_000), Some(500_000)),
    (Some(500_000), None),
];
const MOQ_STEPS: [u32; 4] = [10, 50, 100, 500];
const LEAD_STEPS: [u16; 4] = [3, 7, 14, 30];

/// Every catalog filter. Each change pushes a history entry, so back undoes it.
#[component]
pub fn FilterPanel(
    /// The loaded catalog (for the village and kecamatan lists).
    data: Arc<CatalogData>,
    /// Listings per category under the other filters, shown as `Madu (12)`.
    #[prop(into)]
    category_counts: Signal<Vec<(Category, usize)>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let (query, set_query) = use_catalog_query();
    // The query without its search words: what every control below reads. A keystroke
    // changes `query` but not this, so it stops here instead of waking each control's
    // memo and effect (a dozen of them) on every character typed.
    let filters = Memo::new(move |_| {
        query.with(|q| CatalogQuery {
            q: String::new(),
            ..q.clone()
        })
    });
    let update = move |f: Box<dyn Fn(&mut CatalogQuery)>| {
        let mut q = query.get_untracked();
        f(&mut q);
        set_query(q, false);
    };
    let update = StoredValue::new_local(update);
    let change = move |f: Box<dyn Fn(&mut CatalogQuery)>| update.with_value(|u| u(f));

    let mut kabupaten: Vec<String> = data
        .catalog
        .villages
        .iter()
        .map(|v| v.kabupaten.clone())
        .collect();
    kabupaten.sort();
    kabupaten.dedup();
    let mut kecamatan: Vec<String> = data
        .catalog
        .villages
        .iter()
        .map(|v| v.kecamatan.clone())
        .collect();
    kecamatan.sort();
    kecamatan.dedup();
    // Only villages with something to find: the catalog knows every village of the region,
    // most with no listing yet.
    let listed: std::collections::HashSet<&str> = data
        .catalog
        .products
        .iter()
        .map(|p| p.village_slug.as_str())
        .collect();
    let mut villages: Vec<(String, String, String)> = data
        .catalog
        .villages
        .iter()
        .filter(|v| listed.contains(v.slug.as_str()))
        .map(|v| (v.slug.clone(), v.name.clone(), v.kecamatan.clone()))
        .collect();
    villages.sort_by(|a, b| a.1.cmp(&b.1));

    let any = move || i18n.t().filter_any.to_string();

    let category_options = move || {
        let lang = i18n.lang();
        let counts = category_counts.get();
        let mut opts = vec![(String::new(), any())];
        opts.extend(
            counts
                .into_iter()
                .map(|(c, n)| (c.slug().to_string(), format!("{} ({n})", c.label(lang)))),
        );
        opts
    };
    let kab_options = move || {
        let mut o = vec![(String::new(), any())];
        o.extend(kabupaten.iter().map(|k| (k.clone(), k.clone())));
        o
    };
    let kec_options = move || {
        let mut o = vec![(String::new(), any())];
        o.extend(kecamatan.iter().map(|k| (k.clone(), k.clone())));
        o
    };
    let village_options = move || {
        let kec = query.with(|q| q.kecamatan.clone());
        let mut o = vec![(String::new(), any())];
        o.extend(
            villages
                .iter()
                .filter(|(_, _, k)| {
                    kec.as_deref()
                        .is_none_or(|want| want.eq_ignore_ascii_case(k))
                })
                .map(|(slug, name, _)| (slug.clone(), name.clone())),
        );
        o
    };
    let cert_options = move || {
        let lang = i18n.lang();
        let mut o = vec![(String::new(), any())];
        o.extend(
            CertificateKind::ALL
                .iter()
                .map(|c| (c.slug().to_string(), c.label(lang).to_string())),
        );
        o
    };
    let cooperatives: Vec<(String, String)> = data
        .catalog
        .active_cooperatives()
        .into_iter()
        .map(|v| (v.slug.clone(), v.cooperative.clone()))
        .collect();
    let cooperative_options = move || {
        let mut o = vec![(String::new(), any())];
        o.extend(cooperatives.iter().cloned());
        o
    };
    let moq_options = move || {
        let mut o = vec![(String::new(), any())];
        o.extend(MOQ_STEPS.iter().map(|n| (n.to_string(), format!("≤ {n}"))));
        o
    };
    let lead_options = move || {
        let mut o = vec![(String::new(), any())];
        o.extend(LEAD_STEPS.iter().map(|d| {
            (
                d.to_string(),
                format!("≤ {}", fill(i18n.t().filter_days, &[d])),
            )
        }));
        o
    };
    let price_options = move || {
        let mut o = vec![(String::new(), any())];
        o.extend(
            PRICE_BANDS
                .iter()
                .enumerate()
                .map(|(i, band)| (i.to_string(), band_label(*band))),
        );
        o
    };
    let current_band = move || {
        filters.with(|q| {
            let band = (q.price_min.map(|r| r.0), q.price_max.map(|r| r.0));
            PRICE_BANDS
                .iter()
                .position(|b| *b == band)
                .map(|i| i.to_string())
                .unwrap_or_default()
        })
    };

    view! {
        <div class="filter-grid">
            <Choice id="f-kategori" label=Signal::derive(move || i18n.t().filter_category.to_string())
                options=Signal::derive(category_options)
                selected=Signal::derive(move || filters.with(|q| q.category.map(|c| c.slug().to_string()).unwrap_or_default()))
                on_pick=move |v: String| change(Box::new(move |q| q.category = v.parse().ok()))/>
            <Choice id="f-sertifikat" label=Signal::derive(move || i18n.t().filter_certificate.to_string())
                options=Signal::derive(cert_options)
                selected=Signal::derive(move || filters.with(|q| q.certificate.map(|c| c.slug().to_string()).unwrap_or_default()))
                on_pick=move |v: String| change(Box::new(move |q| q.certificate = v.parse().ok()))/>
            <Choice id="f-harga" label=Signal::derive(move || i18n.t().filter_price.to_string())
                options=Signal::derive(price_options)
                selected=Signal::derive(current_band)
                on_pick=move |v: String| change(Box::new(move |q| {
                    let band = v.parse::<usize>().ok().and_then(|i| PRICE_BANDS.get(i)).copied().unwrap_or((None, None));
                    q.price_min = band.0.map(Rupiah);
                    q.price_max = band.1.map(Rupiah);
                }))/>
            <Choice id="f-moq" label=Signal::derive(move || i18n.t().filter_max_moq.to_string())
                options=Signal::derive(moq_options)
                selected=Signal::derive(move || filters.with(|q| q.max_moq.map(|n| n.to_string()).unwrap_or_default()))
                on_pick=move |v: String| change(Box::new(move |q| q.max_moq = v.parse().ok()))/>
            <Choice id="f-waktu" label=Signal::derive(move || i18n.t().filter_lead.to_string())
                options=Signal::derive(lead_options)
                selected=Signal::derive(move || filters.with(|q| q.max_lead_days.map(|n| n.to_string()).unwrap_or_default()))
                on_pick=move |v: String| change(Box::new(move |q| q.max_lead_days = v.parse().ok()))/>
            <Choice id="f-kab" long=true label=Signal::derive(move || i18n.t().kabupaten_label.to_string())
                options=Signal::derive(kab_options)
                selected=Signal::derive(move || filters.with(|q| q.kabupaten.clone().unwrap_or_default()))
                on_pick=move |v: String| change(Box::new(move |q| q.kabupaten = (!v.is_empty()).then(|| v.clone())))/>
            <Choice id="f-kec" long=true label=Signal::derive(move || i18n.t().filter_kecamatan.to_string())
                options=Signal::derive(kec_options)
                selected=Signal::derive(move || filters.with(|q| q.kecamatan.clone().unwrap_or_default()))
                on_pick=move |v: String| change(Box::new(move |q| {
                    q.kecamatan = (!v.is_empty()).then(|| v.clone());
                    q.village = None;
                }))/>
            <Choice id="f-desa" long=true label=Signal::derive(move || i18n.t().filter_village.to_string())
                options=Signal::derive(village_options)
                selected=Signal::derive(move || filters.with(|q| q.village.clone().unwrap_or_default()))
                on_pick=move |v: String| change(Box::new(move |q| q.village = (!v.is_empty()).then(|| v.clone())))/>
            // Several statuses at once ("tertinggal or berkembang"): buyers who source
            // for impact pick the villages that need it.
            <fieldset class="idm-choices">
                <legend>{move || i18n.t().filter_idm}</legend>
                {IdmStatus::ALL.into_iter().map(|status| view! {
                    <label class="check">
                        <input type="checkbox"
                            prop:checked=move || filters.with(|q| q.idm.contains(&status))
                            on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                change(Box::new(move |q| {
                                    q.idm.retain(|s| *s != status);
                                    if on {
                                        q.idm.push(status);
                                        q.idm.sort();
                                    }
                                }));
                            }/>
                        <span>{move || status.label(i18n.lang())}</span>
                    </label>
                }).collect_view()}
            </fieldset>
            <Choice id="f-koperasi" long=true label=Signal::derive(move || i18n.t().filter_cooperative.to_string())
                options=Signal::derive(cooperative_options)
                selected=Signal::derive(move || filters.with(|q| q.cooperative.clone().unwrap_or_default()))
                on_pick=move |v: String| change(Box::new(move |q| q.cooperative = (!v.is_empty()).then(|| v.clone())))/>
            <label class="check">
                <input type="checkbox"
                    prop:checked=move || filters.with(|q| q.export_ready)
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        change(Box::new(move |q| q.export_ready = on));
                    }/>
                <span>{move || i18n.t().filter_export}</span>
            </label>
            <label class="check">
                <input type="checkbox"
                    prop:checked=move || filters.with(|q| q.partner_backed)
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        change(Box::new(move |q| q.partner_backed = on));
                    }/>
                <span>{move || i18n.p().filter_backed}</span>
            </label>
            <label class="check">
                <input type="checkbox"
                    prop:checked=move || filters.with(|q| q.verified)
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        change(Box::new(move |q| q.verified = on));
                    }/>
                <span>{move || i18n.t().filter_verified}</span>
            </label>
        </div>
    }
}

fn band_label(band: (Option<u64>, Option<u64>)) -> String {
    use etalase_model::format_rupiah;
    match band {
        (None, Some(max)) => format!("< {}", format_rupiah(max)),
        (Some(min), None) => format!("> {}", format_rupiah(min)),
        (Some(min), Some(max)) => format!("{} – {}", format_rupiah(min), format_rupiah(max)),
        (None, None) => String::new(),
    }
}

/// A labelled `<select>`; the empty value means "any".
#[component]
fn Choice<F>(
    /// Element id, ties the label to the control.
    id: &'static str,
    /// Visible label.
    label: Signal<String>,
    /// (value, text) pairs.
    options: Signal<Vec<(String, String)>>,
    /// The value currently in the URL.
    selected: Signal<String>,
    /// Called with the chosen value.
    on_pick: F,
    /// A long list that changes seldom (villages, cooperatives): see [`write_options`].
    #[prop(optional)]
    long: bool,
) -> impl IntoView
where
    F: Fn(String) + 'static,
{
    // Memos, so a change of the query that leaves this menu's list and choice as they were
    // (most keystrokes, most other filters) touches none of its `<option>`s.
    let options = Memo::new(move |_| options.get());
    let selected = Memo::new(move |_| selected.get());
    let select = NodeRef::<leptos::html::Select>::new();
    let listed = if long {
        write_options(select, options, selected);
        None
    } else {
        Some(view! { <KeyedOptions options=options selected=selected/> })
    };
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <select id=id node_ref=select on:change=move |ev| on_pick(event_target_value(&ev))>
                {listed}
            </select>
        </div>
    }
}

/// Options keyed by value, so a keystroke that only changes the category counts
/// ("Madu (12)") rewrites their texts and nothing else. Rebuilding the options also set
/// each one's `selected` again, and Chromium answers every selection change of a
/// `<select>` with an autofill task that lays the page out again: 6–17 ms at 4× CPU
/// after each keystroke (BENCHMARKS.md, page load and search keystrokes).
#[component]
fn KeyedOptions(options: Memo<Vec<(String, String)>>, selected: Memo<String>) -> impl IntoView {
    let values = Memo::new(move |_| {
        options.with(|o| o.iter().map(|(value, _)| value.clone()).collect::<Vec<_>>())
    });
    let option = move |value: String| {
        let mine = value.clone();
        let key = value.clone();
        let text = move || {
            options.with(|o| {
                o.iter()
                    .find(|(v, _)| *v == key)
                    .map(|(_, text)| text.clone())
                    .unwrap_or_default()
            })
        };
        view! {
            <option value=value prop:selected=move || selected.with(|s| *s == mine)>{text}</option>
        }
    };
    view! { <For each=move || values.get() key=String::clone children=option/> }
}

/// Writes a long list's options into the `<select>` as HTML in one go, and sets its choice
/// on the element. At 10,000 listings the lists hold 200 villages and 170 cooperatives: as
/// a view per option, each with its effects, they were the bulk of drawing the filters
/// (which, with the results, held a phone's main thread 150–240 ms at 4× CPU); written
/// at once they are one parse. They change only with the language or the kecamatan
/// chosen, never with a keystroke.
fn write_options(
    select: NodeRef<leptos::html::Select>,
    options: Memo<Vec<(String, String)>>,
    selected: Memo<String>,
) {
    Effect::new(move |_| {
        let Some(select) = select.get() else { return };
        select.set_inner_html(&options.with(|o| options_html(o)));
        // Written anew, the list lost its choice.
        select.set_value(&selected.get_untracked());
    });
    Effect::new(move |_| {
        let value = selected.get();
        if let Some(select) = select.get_untracked() {
            select.set_value(&value);
        }
    });
}

fn options_html(options: &[(String, String)]) -> String {
    use std::fmt::Write;
    let mut html = String::new();
    for (value, text) in options {
        let _ = write!(
            html,
            r#"<option value="{}">{}</option>"#,
            html_escape::encode_double_quoted_attribute(value),
            html_escape::encode_text(text)
        );
    }
    html
}
