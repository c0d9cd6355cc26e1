use leptos::prelude::*;

use crate::components::ComingSoon;

/// `/penjual`: the seller area.
#[component]
pub fn SellerPage() -> impl IntoView {
    view! { <ComingSoon title=|t| t.seller_title lead=|t| t.seller_lead/> }
}
