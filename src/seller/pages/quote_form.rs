//! The seller's (or their operator's) quotation for one part of an inquiry: price in rupiah
//! (and an indicative USD price for an RFQ), quantity and unit, minimum, Incoterm and port for
//! export, lead time or delivery date, validity, payment terms and notes. The model's
//! `check_quote` marks the fields here and again on the server; a revision starts from the
//! latest quote.

use etalase_model::inquiry::{
    check_quote, Currency, Incoterm, InquiryKind, InquiryUnit, Money, Quote, QuoteUnit,
};
use etalase_model::rules::FieldError;
use etalase_model::{Date, Unit};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::inquiry::{self, Lines, PartView};
use crate::api::ApiError;
use crate::catalog_data::today_in_kalimantan as today;
use crate::components::{error_for, focus_field, TextField};
use crate::i18n::{use_i18n, Said};
use crate::seller::workspace::use_workspace;

/// A new quote is valid two weeks unless the seller says otherwise.
const DEFAULT_VALID_DAYS: i64 = 14;

/// The form as typed: numbers stay text until sent, so a half-typed price is not lost.
#[derive(Debug, Clone, PartialEq)]
struct Draft {
    price: String,
    usd: String,
    quantity: String,
    unit: QuoteUnit,
    moq: String,
    incoterm: Option<Incoterm>,
    port: String,
    lead_days: String,
    delivery: Option<Date>,
    valid_until: Option<Date>,
    payment: String,
    notes: String,
}

impl Draft {
    /// From the latest revision, or from the buyer's first line.
    fn start(kind: InquiryKind, lines: &Lines, latest: Option<&Quote>, today: Date) -> Draft {
        if let Some(q) = latest {
            return Draft {
                price: q.unit_price_idr.to_string(),
                usd: q
                    .unit_price_usd_cents
                    .map(|c| {
                        Money {
                            currency: Currency::Usd,
                            amount_minor: c,
                        }
                        .to_input()
                    })
                    .unwrap_or_default(),
                quantity: q.quantity.to_string(),
                unit: q.unit,
                moq: q.moq.to_string(),
                incoterm: q.incoterm,
                port: q.port.clone(),
                lead_days: q.lead_time_days.map(|d| d.to_string()).unwrap_or_default(),
                delivery: q.delivery_date,
                valid_until: Some(q.valid_until.max(today)),
                payment: q.payment_terms.clone(),
                notes: q.notes.clone(),
            };
        }
        let (quantity, unit) = match lines {
            Lines::Purchase(items) => items.first().map_or((1, QuoteUnit::from(Unit::Kg)), |i| {
                (u64::from(i.quantity), i.unit.into())
            }),
            Lines::Export(items) => items
                .first()
                .map_or((1, QuoteUnit::from(InquiryUnit::Kg)), |i| {
                    (u64::from(i.quantity), i.unit.into())
                }),
        };
        Draft {
            price: String::new(),
            usd: String::new(),
            quantity: quantity.to_string(),
            unit,
            moq: "1".to_string(),
            incoterm: (kind == InquiryKind::Export).then_some(Incoterm::default()),
            port: String::new(),
            lead_days: String::new(),
            delivery: None,
            valid_until: Some(Date::from_days_since_epoch(
                today.days_since_epoch() + DEFAULT_VALID_DAYS,
            )),
            payment: String::new(),
            notes: String::new(),
        }
    }

    /// The quote this says; unreadable numbers become 0, which the rules refuse by name.
    fn quote(&self, today: Date) -> Quote {
        let number = |s: &str| s.trim().replace(['.', ' '], "").parse::<u64>().unwrap_or(0);
        Quote {
            unit_price_idr: number(&self.price),
            unit_price_usd_cents: Money::parse(&self.usd, Currency::Usd).map(|m| m.amount_minor),
            quantity: number(&self.quantity),
            unit: self.unit,
            moq: number(&self.moq),
            incoterm: self.incoterm,
            port: self.port.trim().to_string(),
            lead_time_days: (!self.lead_days.trim().is_empty())
                .then(|| u32::try_from(number(&self.lead_days)).unwrap_or(u32::MAX)),
            delivery_date: self.delivery,
            // An empty date fails as "before today", which names the field.
            valid_until: self
                .valid_until
                .unwrap_or_else(|| Date::from_days_since_epoch(today.days_since_epoch() - 1)),
            payment_terms: self.payment.trim().to_string(),
            notes: self.notes.trim().to_string(),
        }
    }
}

/// The units a part may be quoted in: a purchase's selling units, an RFQ's trade units.
fn units(kind: InquiryKind) -> Vec<QuoteUnit> {
    match kind {
        InquiryKind::Purchase => Unit::ALL.into_iter().map(QuoteUnit::from).collect(),
        InquiryKind::Export => InquiryUnit::ALL.into_iter().map(QuoteUnit::from).collect(),
    }
}

#[component]
pub fn QuoteForm(
    reference: String,
    kind: InquiryKind,
    lines: Lines,
    /// The latest revision, if the seller quoted before.
    latest: Option<Quote>,
    on_saved: impl Fn(PartView) + Copy + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let q = move || i18n.q();
    let workspace = StoredValue::new(use_workspace());
    let revising = latest.is_some();
    let draft = RwSignal::new(Draft::start(kind, &lines, latest.as_ref(), today()));
    let attempted = RwSignal::new(false);
    let server_errors = RwSignal::new(Vec::<FieldError>::new());
    let busy = RwSignal::new(false);
    let failure = RwSignal::new(None::<ApiError>);
    let sent = RwSignal::new(false);
    let errors = Memo::new(move |_| {
        let mut errors = if attempted.get() {
            draft.with(|d| check_quote(&d.quote(today()), kind, today()))
        } else {
            Vec::new()
        };
        errors.extend(server_errors.get());
        errors
    });
    let err = move |field: &'static str| {
        Signal::derive(move || errors.with(|e| error_for(e, field, i18n.lang())))
    };
    let reference = StoredValue::new(reference);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        attempted.set(true);
        server_errors.set(Vec::new());
        failure.set(None);
        sent.set(false);
        if let Some(first) = errors.get_untracked().first() {
            focus_field(&first.field);
            return;
        }
        let quote = draft.with_untracked(|d| d.quote(today()));
        let (url, csrf) = workspace.with_value(|w| {
            (
                w.api().quote(&reference.get_value()),
                w.csrf().unwrap_or_default(),
            )
        });
        busy.set(true);
        spawn_local(async move {
            let result = inquiry::send_quote(&url, &csrf, &quote).await;
            busy.set(false);
            match result {
                Ok(part) => {
                    sent.set(true);
                    attempted.set(false);
                    on_saved(part);
                }
                Err(ApiError::Invalid(fields)) => {
                    if let Some(first) = fields.first() {
                        focus_field(&first.field);
                    }
                    server_errors.set(fields);
                }
                Err(other) => failure.set(Some(other)),
            }
        });
    };
    let text = |name: &'static str,
                label: fn(&crate::i18n::InquiryTexts) -> &'static str,
                get: fn(&Draft) -> String,
                set: fn(&mut Draft, String),
                inputmode: Option<&'static str>| {
        view! {
            <TextField name=name label=Signal::derive(move || label(q()))
                value=Signal::derive(move || draft.with(get))
                on_input=move |v| draft.update(|d| set(d, v))
                inputmode=inputmode.unwrap_or("text")
                error=err(name)/>
        }
    };
    let date = |name: &'static str,
                label: fn(&crate::i18n::InquiryTexts) -> &'static str,
                get: fn(&Draft) -> Option<Date>,
                set: fn(&mut Draft, Option<Date>)| {
        let id = format!("f-{name}");
        let error_id = format!("{id}-error");
        let error = err(name);
        view! {
            <div class="field" class:has-error=move || error.with(Option::is_some)>
                <label for=id.clone()>{move || label(q())}</label>
                <input id=id type="date" name=name
                    aria-invalid=move || error.with(Option::is_some).then_some("true")
                    aria-describedby=error_id.clone()
                    prop:value=move || draft.with(get).map(|d| d.to_string()).unwrap_or_default()
                    on:change=move |ev| {
                        let value = event_target_value(&ev).parse::<Date>().ok();
                        draft.update(|d| set(d, value));
                    }/>
                <p class="field-error" id=error_id role="alert" hidden=move || error.with(Option::is_none)>{move || error.get()}</p>
            </div>
        }
    };
    let unit_options = units(kind);
    let export = kind == InquiryKind::Export;
    view! {
        <form class="quote-form form-section" on:submit=submit novalidate>
            <h3 class="small-heading">{move || if revising { q().quote_form_revise } else { q().quote_form_heading }}</h3>
            <p class="muted small">{move || q().quote_form_lead}</p>
            <div class="field-grid">
                {text("unit_price_idr", |t| t.field_quote_price, |d| d.price.clone(), |d, v| d.price = v, Some("numeric"))}
                {export.then(|| text("unit_price_usd_cents", |t| t.field_quote_usd, |d| d.usd.clone(), |d, v| d.usd = v, Some("decimal")))}
                {text("quantity", |t| t.quote_quantity, |d| d.quantity.clone(), |d, v| d.quantity = v, Some("numeric"))}
                <div class="field">
                    <label for="f-quote-unit">{move || q().field_unit}</label>
                    <select id="f-quote-unit" on:change=move |ev| {
                        let index: usize = event_target_value(&ev).parse().unwrap_or(0);
                        if let Some(unit) = units(kind).get(index) {
                            let unit = *unit;
                            draft.update(|d| d.unit = unit);
                        }
                    }>
                        {unit_options.into_iter().enumerate().map(|(i, unit)| view! {
                            <option value=i.to_string() selected=move || draft.with(|d| d.unit == unit)>
                                {move || unit.label(i18n.lang())}
                            </option>
                        }).collect_view()}
                    </select>
                </div>
                {text("moq", |t| t.field_quote_moq, |d| d.moq.clone(), |d, v| d.moq = v, Some("numeric"))}
                {export.then(|| view! {
                    <div class="field" class:has-error=move || err("incoterm").with(Option::is_some)>
                        <label for="f-incoterm">{move || q().field_incoterm}</label>
                        <select id="f-incoterm" aria-describedby="f-incoterm-error"
                            aria-invalid=move || err("incoterm").with(Option::is_some).then_some("true")
                            on:change=move |ev| {
                            let t = event_target_value(&ev).parse::<Incoterm>().ok();
                            draft.update(|d| d.incoterm = t);
                        }>
                            {Incoterm::ALL.into_iter().map(|t| view! {
                                <option value=t.slug() selected=move || draft.with(|d| d.incoterm == Some(t))>{move || t.label(i18n.lang())}</option>
                            }).collect_view()}
                        </select>
                        <p class="field-error" id="f-incoterm-error" role="alert" hidden=move || err("incoterm").with(Option::is_none)>
                            {move || err("incoterm").get()}
                        </p>
                    </div>
                })}
                {export.then(|| text("port", |t| t.field_quote_port, |d| d.port.clone(), |d, v| d.port = v, None))}
                {text("lead_time_days", |t| t.field_quote_lead_days, |d| d.lead_days.clone(), |d, v| d.lead_days = v, Some("numeric"))}
                {date("delivery_date", |t| t.field_quote_delivery, |d| d.delivery, |d, v| d.delivery = v)}
                {date("valid_until", |t| t.field_quote_valid, |d| d.valid_until, |d, v| d.valid_until = v)}
                {text("payment_terms", |t| t.field_quote_payment, |d| d.payment.clone(), |d, v| d.payment = v, None)}
            </div>
            <TextField name="notes" multiline=true label=Signal::derive(move || q().field_quote_notes)
                value=Signal::derive(move || draft.with(|d| d.notes.clone()))
                on_input=move |v| draft.update(|d| d.notes = v)
                error=err("notes")/>
            <p class="notice error" role="alert" hidden=move || errors.with(Vec::is_empty) && failure.with(Option::is_none)>
                {move || match failure.get() {
                    Some(e) => Said::Refusal(e).render(i18n.s()),
                    None => q().quote_invalid.to_string(),
                }}
            </p>
            <p class="notice success" role="status" hidden=move || !sent.get()>{move || q().quote_sent_ok}</p>
            <button type="submit" class="button primary" disabled=move || busy.get() aria-busy=move || busy.get().to_string()>
                {move || q().quote_form_send}
            </button>
        </form>
    }
}
