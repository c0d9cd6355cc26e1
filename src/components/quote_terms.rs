//! A quotation's figures and terms, as the buyer's page, the seller's inbox and the printed
//! quotation all show them (money and dates written by the model and `intl`, not here).

use etalase_model::inquiry::{Currency, Money, QuoteRevision};
use etalase_model::money::format_rupiah;
use leptos::prelude::*;

use crate::i18n::{fill, use_i18n};
use crate::intl::format_time;

/// One revision: price, quantity, total, minimum, Incoterm and port, lead time or delivery
/// date, validity, payment terms and notes, with when it was sent.
#[component]
pub fn QuoteTerms(revision: QuoteRevision) -> impl IntoView {
    let i18n = use_i18n();
    let q = move || i18n.q();
    let quote = revision.quote;
    let unit = quote.unit;
    let unit_label = move || unit.label(i18n.lang());
    let price = quote.unit_price_idr;
    let total = quote.total_idr();
    let usd = quote.unit_price_usd_cents.map(|cents| Money {
        currency: Currency::Usd,
        amount_minor: cents,
    });
    let (quantity, moq) = (quote.quantity, quote.moq);
    let incoterm = quote
        .incoterm
        .map(|t| format!("{} {}", t.code(), quote.port).trim().to_string());
    let lead = quote.lead_time_days;
    let delivery = quote.delivery_date.map(|d| d.to_string());
    let valid = quote.valid_until.to_string();
    let sent = revision.sent_at.clone();
    let number = revision.revision;
    let payment = (!quote.payment_terms.is_empty()).then(|| quote.payment_terms.clone());
    let notes = (!quote.notes.is_empty()).then(|| quote.notes.clone());
    view! {
        <dl class="quote-terms">
            <dt>{move || q().quote_unit_price}</dt>
            <dd class="quote-price">{move || format!("{} / {}", format_rupiah(price), unit_label())}</dd>
            {usd.map(|usd| view! {
                <dt>{move || q().quote_usd}</dt>
                <dd>{move || format!("{} / {}", usd.format(i18n.lang()), unit_label())}</dd>
            })}
            <dt>{move || q().quote_quantity}</dt>
            <dd>{move || format!("{quantity} {}", unit_label())}</dd>
            <dt>{move || q().quote_total}</dt>
            <dd class="quote-total">{total.map(format_rupiah)}</dd>
            <dt>{move || q().quote_moq}</dt>
            <dd>{move || format!("{moq} {}", unit_label())}</dd>
            {incoterm.map(|t| view! { <dt>{move || q().quote_incoterm}</dt><dd>{t}</dd> })}
            {lead.map(|days| view! {
                <dt>{move || q().quote_lead_time}</dt>
                <dd>{move || fill(q().quote_lead_days, &[&days])}</dd>
            })}
            {delivery.map(|d| view! { <dt>{move || q().quote_delivery_date}</dt><dd>{d}</dd> })}
            <dt>{move || q().quote_valid_until}</dt>
            <dd><time datetime=valid.clone()>{valid.clone()}</time></dd>
            {payment.map(|p| view! { <dt>{move || q().quote_payment_terms}</dt><dd>{p}</dd> })}
            {notes.map(|n| view! { <dt>{move || q().quote_notes}</dt><dd class="quote-notes">{n}</dd> })}
            <dt>{move || q().quote_sent_at}</dt>
            <dd>
                {move || fill(q().quote_revision, &[&number])}
                " · "
                <time datetime=sent.clone()>{let sent = sent.clone(); move || format_time(&sent, i18n.lang())}</time>
            </dd>
        </dl>
    }
}
