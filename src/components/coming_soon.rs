use leptos::prelude::*;

use crate::components::PageMeta;
use crate::i18n::{use_i18n, Texts};

/// A route whose feature is not built yet: its title, what it will do, and an honest note.
#[component]
pub fn ComingSoon(
    /// Picks the page title from the current language's table.
    title: fn(&'static Texts) -> &'static str,
    /// Picks the one-line description.
    lead: fn(&'static Texts) -> &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <PageMeta
            title=Signal::derive(move || title(i18n.t()).to_string())
            description=Signal::derive(move || lead(i18n.t()).to_string())
        />
        <section class="panel">
            <h1>{move || title(i18n.t())}</h1>
            <p class="lead">{move || lead(i18n.t())}</p>
            <p class="muted">{move || i18n.t().coming_soon}</p>
        </section>
    }
}
