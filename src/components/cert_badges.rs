use etalase_model::{Certificate, Date};
use leptos::prelude::*;

use crate::i18n::use_i18n;

/// Small badges for the certificates that are valid today (expired ones are not claims a
/// card should make; the product page lists them as expired).
#[component]
pub fn CertBadges(
    /// The listing's certificates, valid or not.
    certificates: Vec<Certificate>,
    /// The day validity is judged on.
    today: Date,
) -> impl IntoView {
    let i18n = use_i18n();
    let valid: Vec<_> = certificates
        .into_iter()
        .filter(|c| c.is_valid_on(today))
        .map(|c| c.kind)
        .collect();
    (!valid.is_empty()).then(|| view! {
        <ul class="cert-badges">
            {valid.into_iter().map(|kind| view! {
                <li class=format!("badge cert cert-{}", kind.slug())>{move || kind.label(i18n.lang())}</li>
            }).collect_view()}
        </ul>
    })
}
