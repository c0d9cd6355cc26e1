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
    view! {
        <Title text=move || format!("{} · Etalase Desa", title.get())/>
        <Meta name="description" content=move || description.get()/>
    }
}
