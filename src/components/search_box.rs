use leptos::prelude::*;
use leptos_router::hooks::use_location;

use crate::catalog_data::{use_catalog_query, use_flush_typed_query};
use crate::i18n::use_i18n;
use crate::routes::AppPath;

/// The one search field, in the header so it is reachable from every page. On the catalog
/// it filters as you type (the URL follows when typing pauses or the box loses focus,
/// replacing rather than stacking history);
/// elsewhere Enter opens the catalog with the search.
#[component]
pub fn SearchBox() -> impl IntoView {
    let i18n = use_i18n();
    let location = use_location();
    let (query, set_query) = use_catalog_query();
    let flush = use_flush_typed_query();
    let on_catalog = move || location.pathname.get() == AppPath::HOME.href();

    let set = set_query.clone();
    let on_input = move |ev: leptos::ev::Event| {
        if on_catalog() {
            let mut q = query.get_untracked();
            q.q = event_target_value(&ev);
            set(q, true);
        }
    };
    let input = NodeRef::<leptos::html::Input>::new();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let text = input.get().map(|el| el.value()).unwrap_or_default();
        // From another page, start a fresh search; on the catalog, keep the filters.
        let mut q = if on_catalog() {
            query.get_untracked()
        } else {
            Default::default()
        };
        q.q = text.trim().to_string();
        set_query(q, on_catalog());
        if let Some(el) = input.get() {
            let _ = el.blur(); // closes the phone keyboard so the results are visible
        }
    };

    view! {
        <form class="search-box" role="search" on:submit=on_submit>
            <label for="site-search" class="visually-hidden">{move || i18n.t().search_label}</label>
            <input
                id="site-search"
                type="search"
                name="q"
                node_ref=input
                autocomplete="off"
                enterkeyhint="search"
                placeholder=move || i18n.t().search_placeholder
                prop:value=move || query.with(|q| q.q.clone())
                on:input=on_input
                on:blur=move |_| flush()
            />
            <button type="submit">
                <span class="visually-hidden">{move || i18n.t().search_button}</span>
                <svg aria-hidden="true" viewBox="0 0 24 24" width="20" height="20">
                    <circle cx="10.5" cy="10.5" r="6.5" fill="none" stroke="currentColor" stroke-width="2.2"/>
                    <path d="M15.5 15.5 21 21" stroke="currentColor" stroke-width="2.2" stroke-linecap="round"/>
                </svg>
            </button>
        </form>
    }
}
