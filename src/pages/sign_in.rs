use leptos::prelude::*;

use crate::components::ComingSoon;

/// `/masuk`: sign in.
#[component]
pub fn SignInPage() -> impl IntoView {
    view! { <ComingSoon title=|t| t.sign_in_title lead=|t| t.sign_in_lead/> }
}
