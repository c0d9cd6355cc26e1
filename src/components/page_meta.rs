use leptos::prelude::*;
use leptos_meta::{Meta, Title};

/// Document title and meta description for a page; the title gets the brand appended so
/// browser tabs and WhatsApp previews say where the page is from.
#[component]
pub fn PageMeta(
    /// The page's own title, without the brand.
    #[prop(into)]
    title: Signal<String>,
    /// One-sentence summary for search engines and link previews.
    #[prop(into)]
    description: Signal<String>,
) -> impl IntoView {
    // Every page names itself here, so this marks where the app's page exists. Once the
    // mark is in the document (a Suspense builds its page before inserting it), the server's
    // first view gives way to it before the next paint, never to a loading state.
    let mark = NodeRef::<leptos::html::Span>::new();
    Effect::new(move |_| {
        if let Some(mark) = mark.get() {
            crate::retire_first_view_once_shown(mark.into());
        }
    });
    view! {
        <span hidden node_ref=mark></span>
        // `try_get`: the document's title can be asked once more for a page being left (its
        // signals gone) when the language changes with the address (`LangSwitch`).
        <Title text=move || format!("{} · Etalase Desa", title.try_get().unwrap_or_default())/>
        <Meta name="description" content=move || description.try_get().unwrap_or_default()/>
    }
}

/// The document title of a signed-in page: such pages are neither indexed nor shared, so
/// no description; without it a tab would keep the title of the page before (or none).
#[component]
pub fn PageTitle(#[prop(into)] title: Signal<String>) -> impl IntoView {
    view! { <Title text=move || format!("{} · Etalase Desa", title.try_get().unwrap_or_default())/> }
}
