use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};

use crate::i18n::use_i18n;

/// The header's search field. Submitting opens the catalog with `?q=`, so a search is a
/// URL that can be shared and that back/forward restore.
#[component]
pub fn SearchBox() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let navigate = use_navigate();
    let input = NodeRef::<leptos::html::Input>::new();

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let q = input.get().map(|el| el.value()).unwrap_or_default();
        let q = q.trim();
        let url = if q.is_empty() {
            "/".to_string()
        } else {
            format!("/?q={}", encode(q))
        };
        navigate(&url, Default::default());
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
                prop:value=move || query.with(|q| q.get("q").unwrap_or_default())
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

/// Percent-encodes a query value with the browser's own encoder.
fn encode(s: &str) -> String {
    js_sys::encode_uri_component(s).into()
}
