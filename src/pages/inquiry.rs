use leptos::prelude::*;

use crate::components::ComingSoon;

/// `/permintaan`: purchase inquiries and export RFQs.
#[component]
pub fn InquiryPage() -> impl IntoView {
    view! { <ComingSoon title=|t| t.inquiry_title lead=|t| t.inquiry_lead/> }
}
