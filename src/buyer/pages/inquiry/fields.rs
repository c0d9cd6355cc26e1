//! The buyer's details and the terms of each form. Every field shows the shared rules'
//! message for its name, so the form and the server say the same thing.

use etalase_model::inquiry::{Incoterm, Recurrence, COUNTRY_CODES};
use etalase_model::rules::FieldError;
use etalase_model::{CertificateKind, Date, Lang};
use leptos::prelude::*;

use crate::buyer::inquiry_outbox::InquiryDraft;
use crate::components::{field_error, TextField};
use crate::i18n::use_i18n;
use crate::intl::country_name;

/// Who is asking, for a hotel or restaurant.
#[component]
pub fn PurchaseContact(
    draft: RwSignal<InquiryDraft>,
    errors: Memo<Vec<FieldError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let q = move || i18n.q();
    view! {
        <fieldset class="form-section">
            <legend>{move || q().section_buyer}</legend>
            <div class="field-grid">
                <TextField name="organisation" label=Signal::derive(move || q().field_organisation) autocomplete="organization"
                    value=Signal::derive(move || draft.with(|d| d.purchase.organisation.clone()))
                    on_input=move |v| draft.update(|d| d.purchase.organisation = v)
                    error=field_error(errors, "organisation") hint=Signal::derive(move || q().organisation_hint)/>
                <TextField name="contact_name" label=Signal::derive(move || q().field_contact_name) autocomplete="name"
                    value=Signal::derive(move || draft.with(|d| d.purchase.contact_name.clone()))
                    on_input=move |v| draft.update(|d| d.purchase.contact_name = v)
                    error=field_error(errors, "contact_name")/>
                <TextField name="email" kind="email" label=Signal::derive(move || q().field_email) autocomplete="email"
                    value=Signal::derive(move || draft.with(|d| d.purchase.email.clone()))
                    on_input=move |v| draft.update(|d| d.purchase.email = v)
                    error=field_error(errors, "email")/>
                <TextField name="whatsapp" kind="tel" label=Signal::derive(move || q().field_whatsapp) autocomplete="tel" inputmode="tel"
                    value=Signal::derive(move || draft.with(|d| d.purchase.whatsapp.clone()))
                    on_input=move |v| draft.update(|d| d.purchase.whatsapp = v)
                    error=field_error(errors, "whatsapp") hint=Signal::derive(move || q().whatsapp_hint)/>
                <TextField name="city" label=Signal::derive(move || q().field_city) autocomplete="address-level2"
                    value=Signal::derive(move || draft.with(|d| d.purchase.city.clone()))
                    on_input=move |v| draft.update(|d| d.purchase.city = v)
                    error=field_error(errors, "city") hint=Signal::derive(move || q().city_hint)/>
            </div>
        </fieldset>
    }
}

/// Who is asking, for an export buyer.
#[component]
pub fn ExportContact(
    draft: RwSignal<InquiryDraft>,
    errors: Memo<Vec<FieldError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let q = move || i18n.q();
    view! {
        <fieldset class="form-section">
            <legend>{move || q().section_buyer}</legend>
            <div class="field-grid">
                <TextField name="company" label=Signal::derive(move || q().field_company) autocomplete="organization"
                    value=Signal::derive(move || draft.with(|d| d.export.company.clone()))
                    on_input=move |v| draft.update(|d| d.export.company = v)
                    error=field_error(errors, "company")/>
                <TextField name="contact_name" label=Signal::derive(move || q().field_contact_name) autocomplete="name"
                    value=Signal::derive(move || draft.with(|d| d.export.contact_name.clone()))
                    on_input=move |v| draft.update(|d| d.export.contact_name = v)
                    error=field_error(errors, "contact_name")/>
                <TextField name="email" kind="email" label=Signal::derive(move || q().field_email) autocomplete="email"
                    value=Signal::derive(move || draft.with(|d| d.export.email.clone()))
                    on_input=move |v| draft.update(|d| d.export.email = v)
                    error=field_error(errors, "email")/>
                <TextField name="phone" kind="tel" label=Signal::derive(move || q().field_phone) autocomplete="tel" inputmode="tel"
                    value=Signal::derive(move || draft.with(|d| d.export.phone.clone()))
                    on_input=move |v| draft.update(|d| d.export.phone = v)
                    error=field_error(errors, "phone") hint=Signal::derive(move || q().phone_hint)/>
                <CountrySelect name="country" label=Signal::derive(move || q().field_country)
                    value=Signal::derive(move || draft.with(|d| d.export.country.clone()))
                    on_change=move |v| draft.update(|d| d.export.country = v)
                    error=field_error(errors, "country")/>
            </div>
        </fieldset>
    }
}

/// Frequency and wanted-by date, for a hotel or restaurant.
#[component]
pub fn PurchaseTerms(
    draft: RwSignal<InquiryDraft>,
    errors: Memo<Vec<FieldError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let q = move || i18n.q();
    view! {
        <fieldset class="form-section">
            <legend>{move || q().section_terms}</legend>
            <div class="field-grid">
                <RecurrenceSelect value=Signal::derive(move || draft.with(|d| d.purchase.recurrence))
                    on_change=move |r| draft.update(|d| d.purchase.recurrence = r)/>
                <DateField name="wanted_by" label=Signal::derive(move || q().field_wanted_by)
                    value=Signal::derive(move || draft.with(|d| d.purchase.wanted_by))
                    on_change=move |v| draft.update(|d| d.purchase.wanted_by = v)
                    error=field_error(errors, "wanted_by")/>
            </div>
            <TextField name="note" multiline=true label=Signal::derive(move || q().field_note)
                value=Signal::derive(move || draft.with(|d| d.purchase.note.clone()))
                on_input=move |v| draft.update(|d| d.purchase.note = v)
                error=field_error(errors, "note") hint=Signal::derive(move || q().note_hint)/>
        </fieldset>
    }
}

/// Incoterm, destination, payment, dates, sample and certificates, for an RFQ.
#[component]
pub fn ExportTerms(draft: RwSignal<InquiryDraft>, errors: Memo<Vec<FieldError>>) -> impl IntoView {
    let i18n = use_i18n();
    let q = move || i18n.q();
    let port_label = Signal::derive(move || {
        if draft.with(|d| d.export.incoterm.names_destination()) {
            q().field_port_required
        } else {
            q().field_port
        }
    });
    let certs = move || draft.with(|d| d.export.certificates.clone());
    view! {
        <fieldset class="form-section">
            <legend>{move || q().section_terms}</legend>
            <div class="field-grid">
                <div class="field">
                    <label for="f-incoterm">{move || q().field_incoterm}</label>
                    <select id="f-incoterm" on:change=move |ev| {
                        if let Ok(t) = event_target_value(&ev).parse::<Incoterm>() { draft.update(|d| d.export.incoterm = t) }
                    }>
                        {Incoterm::ALL.into_iter().map(|t| view! {
                            <option value=t.slug() selected=move || draft.with(|d| d.export.incoterm == t)>{move || t.label(i18n.lang())}</option>
                        }).collect_view()}
                    </select>
                </div>
                <RecurrenceSelect value=Signal::derive(move || draft.with(|d| d.export.recurrence))
                    on_change=move |r| draft.update(|d| d.export.recurrence = r)/>
                <CountrySelect name="destination_country" label=Signal::derive(move || q().field_destination_country)
                    value=Signal::derive(move || draft.with(|d| d.export.destination_country.clone()))
                    on_change=move |v| draft.update(|d| d.export.destination_country = v)
                    error=field_error(errors, "destination_country")/>
                <TextField name="destination_port" label=port_label
                    value=Signal::derive(move || draft.with(|d| d.export.destination_port.clone()))
                    on_input=move |v| draft.update(|d| d.export.destination_port = v)
                    error=field_error(errors, "destination_port") hint=Signal::derive(move || q().port_hint)/>
                <TextField name="payment_terms" label=Signal::derive(move || q().field_payment_terms)
                    value=Signal::derive(move || draft.with(|d| d.export.payment_terms.clone()))
                    on_input=move |v| draft.update(|d| d.export.payment_terms = v)
                    error=field_error(errors, "payment_terms") hint=Signal::derive(move || q().payment_hint)/>
                <DateField name="required_by" label=Signal::derive(move || q().field_required_by)
                    value=Signal::derive(move || draft.with(|d| d.export.required_by))
                    on_change=move |v| draft.update(|d| d.export.required_by = v)
                    error=field_error(errors, "required_by")/>
                <DateField name="valid_until" label=Signal::derive(move || q().field_valid_until)
                    value=Signal::derive(move || draft.with(|d| d.export.valid_until))
                    on_change=move |v| draft.update(|d| d.export.valid_until = v)
                    error=field_error(errors, "valid_until")/>
            </div>
            <label class="check">
                <input type="checkbox" id="f-sample_wanted" prop:checked=move || draft.with(|d| d.export.sample_wanted)
                    on:change=move |ev| { let on = event_target_checked(&ev); draft.update(|d| d.export.sample_wanted = on) }/>
                {move || q().field_sample}
            </label>
            <fieldset class="cert-choices">
                <legend>{move || q().field_certificates}</legend>
                {CertificateKind::ALL.into_iter().map(|kind| view! {
                    <label class="check">
                        <input type="checkbox" prop:checked=move || certs().contains(&kind)
                            on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                draft.update(|d| {
                                    d.export.certificates.retain(|k| *k != kind);
                                    if on { d.export.certificates.push(kind) }
                                });
                            }/>
                        {move || kind.label(i18n.lang())}
                    </label>
                }).collect_view()}
            </fieldset>
            <TextField name="note" multiline=true label=Signal::derive(move || q().field_note)
                value=Signal::derive(move || draft.with(|d| d.export.note.clone()))
                on_input=move |v| draft.update(|d| d.export.note = v)
                error=field_error(errors, "note") hint=Signal::derive(move || q().note_hint)/>
        </fieldset>
    }
}

#[component]
fn RecurrenceSelect(
    value: Signal<Recurrence>,
    on_change: impl Fn(Recurrence) + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="field">
            <label for="f-recurrence">{move || i18n.q().field_recurrence}</label>
            <select id="f-recurrence" on:change=move |ev| {
                if let Ok(r) = event_target_value(&ev).parse::<Recurrence>() { on_change(r) }
            }>
                {Recurrence::ALL.into_iter().map(|r| view! {
                    <option value=r.slug() selected=move || value.get() == r>{move || r.label(i18n.lang())}</option>
                }).collect_view()}
            </select>
        </div>
    }
}

/// A date input bound to an optional model date; its error is announced like a text field's.
#[component]
fn DateField(
    name: &'static str,
    label: Signal<&'static str>,
    value: Signal<Option<Date>>,
    on_change: impl Fn(Option<Date>) + 'static,
    error: Signal<Option<String>>,
) -> impl IntoView {
    let id = format!("f-{name}");
    let error_id = format!("{id}-error");
    let described = error_id.clone();
    view! {
        <div class="field" class:has-error=move || error.with(Option::is_some)>
            <label for=id.clone()>{move || label.get()}</label>
            <input id=id type="date" name=name
                aria-invalid=move || error.with(Option::is_some).then_some("true")
                aria-describedby=move || error.with(Option::is_some).then(|| described.clone())
                prop:value=move || value.get().map(|d| d.to_string()).unwrap_or_default()
                on:change=move |ev| on_change(event_target_value(&ev).parse::<Date>().ok())/>
            <p class="field-error" id=error_id role="alert" hidden=move || error.with(Option::is_none)>{move || error.get()}</p>
        </div>
    }
}

/// Countries by name in the reader's language, stored as ISO codes.
#[component]
fn CountrySelect(
    name: &'static str,
    label: Signal<&'static str>,
    value: Signal<String>,
    on_change: impl Fn(String) + 'static,
    error: Signal<Option<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = format!("f-{name}");
    let error_id = format!("{id}-error");
    let described = error_id.clone();
    let options = Memo::new(move |_| sorted_countries(i18n.lang()));
    view! {
        <div class="field" class:has-error=move || error.with(Option::is_some)>
            <label for=id.clone()>{move || label.get()}</label>
            <select id=id name=name
                aria-invalid=move || error.with(Option::is_some).then_some("true")
                aria-describedby=move || error.with(Option::is_some).then(|| described.clone())
                on:change=move |ev| on_change(event_target_value(&ev))>
                <option value="" selected=move || value.with(String::is_empty)>{move || i18n.q().choose_country}</option>
                {move || options.get().into_iter().map(|(code, name)| {
                    let selected = value.with(|v| v == code);
                    view! { <option value=code selected=selected>{name}</option> }
                }).collect_view()}
            </select>
            <p class="field-error" id=error_id role="alert" hidden=move || error.with(Option::is_none)>{move || error.get()}</p>
        </div>
    }
}

fn sorted_countries(lang: Lang) -> Vec<(&'static str, String)> {
    let mut all: Vec<_> = COUNTRY_CODES
        .iter()
        .map(|c| (*c, country_name(c, lang)))
        .collect();
    all.sort_by_key(|(_, name)| name.to_lowercase());
    all
}
