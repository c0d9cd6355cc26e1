//! The frame every staff page shares: its title and description, "loading" until the
//! session is known, and for anyone whose role may not use the page, why and the way to
//! sign in as staff. The server refuses those requests anyway; this only explains it.

use etalase_model::cooperative::StaffRole;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::PageMeta;
use crate::i18n::use_i18n;
use crate::routes::AppPath;
use crate::seller::staff_session::use_staff_session;

#[component]
pub fn StaffGate(
    /// The page's title: the document's and, for the refused, the heading's.
    title: Signal<String>,
    /// The page's meta description.
    description: Signal<String>,
    /// Which roles may use the page.
    allowed: fn(StaffRole) -> bool,
    /// Why anyone else may not.
    refusal: Signal<String>,
    children: ChildrenFn,
) -> impl IntoView {
    let i18n = use_i18n();
    let staff = use_staff_session();
    let may = move || staff.me().is_some_and(|m| allowed(m.staff.role));
    let children = StoredValue::new(children);
    view! {
        <PageMeta title=title description=description/>
        <Show when=move || staff.checked() || staff.me().is_some()
            fallback=move || view! { <p class="panel muted" role="status">{move || i18n.t().loading}</p> }>
            <Show when=may fallback=move || view! {
                <section class="panel">
                    <h1>{move || title.get()}</h1>
                    <p class="lead">{move || refusal.get()}</p>
                    <A href=AppPath::SignIn { staff: true }.href() attr:class="button primary">{move || i18n.c().staff_sign_in}</A>
                </section>
            }>
                {children.read_value()()}
            </Show>
        </Show>
    }
}
