use etalase_model::{Certificate, Date, Lang};
use leptos::prelude::*;

/// Small badges for the certificates that are valid today (expired ones are not claims a
/// card should make; the product page lists them as expired).
#[component]
pub fn CertBadges(
    /// The listing's certificates, valid or not.
    certificates: Vec<Certificate>,
    /// The day validity is judged on.
    today: Date,
    /// The language of the labels; the card around the badges is rebuilt when it changes.
    lang: Lang,
) -> impl IntoView {
    let valid: Vec<_> = certificates
        .into_iter()
        .filter(|c| c.is_valid_on(today))
        .map(|c| c.kind)
        .collect();
    (!valid.is_empty()).then(|| {
        view! {
            <ul class="cert-badges">
                {valid.into_iter().map(|kind| view! {
                    <li class=format!("badge cert cert-{}", kind.slug())>{kind.label(lang)}</li>
                }).collect_view()}
            </ul>
        }
    })
}
