//! Certificates (halal, PIRT, BPOM, …): one row each with kind, number, issuer and expiry.

use etalase_model::rules::FieldError;
use etalase_model::{Certificate, CertificateKind, Date};
use leptos::prelude::*;

use crate::components::field_error;
use crate::i18n::use_i18n;
use crate::seller::drafts::Draft;

#[component]
pub(super) fn CertificatesSection(
    draft: RwSignal<Draft>,
    errors: Memo<Vec<FieldError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let count = move || draft.with(|d| d.product.certificates.len());
    let add = move |_| {
        draft.update(|d| {
            let kind = CertificateKind::ALL
                .into_iter()
                .find(|k| d.product.certificates.iter().all(|c| c.kind != *k))
                .unwrap_or(CertificateKind::Halal);
            d.product.certificates.push(Certificate {
                kind,
                number: String::new(),
                issuer: String::new(),
                expires: None,
            });
        })
    };
    view! {
        <fieldset class="form-section">
            <legend>{move || i18n.s().section_certs}</legend>
            <p class="muted" hidden=move || { count() > 0 }>{move || i18n.s().no_certs}</p>
            <For each=move || 0..count() key=|i| *i let:i>
                <CertificateRow draft=draft index=i errors=errors/>
            </For>
            <button type="button" class="link-button" on:click=add>{move || i18n.s().add_cert}</button>
        </fieldset>
    }
}

#[component]
fn CertificateRow(
    draft: RwSignal<Draft>,
    index: usize,
    errors: Memo<Vec<FieldError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let get = move |f: fn(&Certificate) -> String| {
        move || draft.with(|d| d.product.certificates.get(index).map(f).unwrap_or_default())
    };
    let update = move |f: Box<dyn Fn(&mut Certificate)>| {
        draft.update(|d| {
            if let Some(c) = d.product.certificates.get_mut(index) {
                f(c)
            }
        })
    };
    let number_err = field_error(errors, format!("certificates.{index}.number"));
    let issuer_err = field_error(errors, format!("certificates.{index}.issuer"));
    let kind_err = field_error(errors, format!("certificates.{index}.kind"));
    let id = |f: &str| format!("f-certificates-{index}-{f}");
    view! {
        <div class="cert-row">
            <div class="field" class:has-error=move || kind_err.get().is_some()>
                <label for=id("kind")>{move || i18n.s().cert_kind}</label>
                <select id=id("kind") prop:value=get(|c| c.kind.slug().to_string())
                    on:change=move |ev| {
                        let v = event_target_value(&ev);
                        if let Some(k) = CertificateKind::ALL.into_iter().find(|k| k.slug() == v) {
                            update(Box::new(move |c| c.kind = k));
                        }
                    }>
                    {CertificateKind::ALL.iter().map(|k| view! { <option value=k.slug()>{move || k.label(i18n.lang())}</option> }).collect_view()}
                </select>
                <p class="field-error" role="alert" hidden=move || kind_err.get().is_none()>{move || kind_err.get()}</p>
            </div>
            <div class="field" class:has-error=move || number_err.get().is_some()>
                <label for=id("number")>{move || i18n.s().cert_number}</label>
                <input id=id("number") prop:value=get(|c| c.number.clone()) aria-invalid=move || number_err.get().map(|_| "true")
                    on:input=move |ev| { let v = event_target_value(&ev); update(Box::new(move |c| c.number = v.clone())) }/>
                <p class="field-error" role="alert" hidden=move || number_err.get().is_none()>{move || number_err.get()}</p>
            </div>
            <div class="field" class:has-error=move || issuer_err.get().is_some()>
                <label for=id("issuer")>{move || i18n.s().cert_issuer}</label>
                <input id=id("issuer") prop:value=get(|c| c.issuer.clone()) aria-invalid=move || issuer_err.get().map(|_| "true")
                    on:input=move |ev| { let v = event_target_value(&ev); update(Box::new(move |c| c.issuer = v.clone())) }/>
                <p class="field-error" role="alert" hidden=move || issuer_err.get().is_none()>{move || issuer_err.get()}</p>
            </div>
            <div class="field">
                <label for=id("expires")>{move || i18n.s().cert_expires}</label>
                <input id=id("expires") type="date" prop:value=get(|c| c.expires.map(|d| d.to_string()).unwrap_or_default())
                    on:change=move |ev| { let v = event_target_value(&ev).parse::<Date>().ok(); update(Box::new(move |c| c.expires = v)) }/>
            </div>
            <button type="button" class="link-button" on:click=move |_| draft.update(|d| { if index < d.product.certificates.len() { d.product.certificates.remove(index); } })>
                {move || i18n.s().remove}
            </button>
        </div>
    }
}
