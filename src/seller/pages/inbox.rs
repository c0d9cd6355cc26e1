//! `/penjual/permintaan`: the inquiries for the signed-in seller's products. Filter by
//! status, open one to read the buyer's details (which marks it read), reply, move it on
//! (only the moves the shared state machine allows are offered), answer on WhatsApp, or
//! download everything as CSV.

use std::sync::Arc;

use etalase_model::inquiry::{InquiryStatus, QuoteRevision};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;

use crate::api::inquiry::{self, Inbox as InboxState, InquiryForm, PartView};
use crate::api::{ApiError, ErrorCode};
use crate::catalog_data::CatalogData;
use crate::components::{EventList, LineList, QuoteTerms, StatusChip, WithCatalog};
use crate::i18n::{fill, use_i18n, Said};
use crate::intl::{country_name, format_time};
use crate::seller::workspace::use_workspace;
use crate::session::use_session;

use super::dashboard::SignInFirst;
use super::quote_form::QuoteForm;

#[component]
pub fn InboxPage() -> impl IntoView {
    let workspace = use_workspace();
    view! {
        <Show when=move || workspace.signed_in() fallback=SignInFirst>
            <WithCatalog skeleton_cards=1 render=move |data| view! { <Inbox data=data/> }/>
        </Show>
    }
}

#[component]
fn Inbox(data: Arc<CatalogData>) -> impl IntoView {
    let i18n = use_i18n();
    let q = move || i18n.q();
    let workspace = use_workspace();
    let url = StoredValue::new(workspace.api().inquiries());
    let filter = RwSignal::new(None::<InquiryStatus>);
    // Each tab asks the server for its own first page; the pages after it come on request.
    let loaded = LocalResource::new(move || {
        let status = filter.get();
        async move { (status, inquiry::inbox(&url.get_value(), status, None).await) }
    });
    let ws = workspace.clone();
    let member_name = workspace.member.clone().map(|m| m.name);
    let banner = workspace
        .member
        .clone()
        .map(|m| view! { <super::cooperative::MemberBanner member=m/> });
    let own = workspace.member.is_none();
    let inbox = RwSignal::new(InboxState::default());
    // Which tab the parts on screen belong to: until the tab's page is here, the list is
    // the last tab's (filtered below to the new stage) and marked busy.
    let showing = RwSignal::new(None::<Option<InquiryStatus>>);
    let error = RwSignal::new(None::<ApiError>);
    Effect::new(move |_| match loaded.get() {
        Some((status, Ok(page))) => {
            inbox.set(page);
            showing.set(Some(status));
            error.set(None);
        }
        Some((_, Err(ApiError::Refused(ErrorCode::SignInRequired)))) => ws.signed_out(),
        Some((_, Err(err))) => error.set(Some(err)),
        None => {}
    });
    let busy = move || showing.get() != Some(filter.get());
    let older = RwSignal::new(OlderState::Idle);
    let ws_older = StoredValue::new(workspace.clone());
    let load_older = move |_| {
        let Some(before) = inbox.with_untracked(|i| i.next.clone()) else {
            return;
        };
        let status = filter.get_untracked();
        older.set(OlderState::Loading);
        spawn_local(async move {
            let page = inquiry::inbox(&url.get_value(), status, Some(&before)).await;
            // A tab switched meanwhile has its own first page coming: drop this one.
            if filter.get_untracked() != status {
                older.set(OlderState::Idle);
                return;
            }
            match page {
                Ok(page) => {
                    inbox.update(|i| i.extend(page));
                    older.set(OlderState::Idle);
                }
                Err(ApiError::Refused(ErrorCode::SignInRequired)) => {
                    older.set(OlderState::Idle);
                    ws_older.with_value(|w| w.signed_out());
                }
                Err(err) => older.set(OlderState::Failed(err)),
            }
        });
    };
    Effect::new(move |_| {
        filter.track();
        older.set(OlderState::Idle);
    });
    // Which part is open survives its row being redrawn after a reply.
    let open = RwSignal::new(None::<String>);
    let shown = move || {
        let f = filter.get();
        inbox.with(|i| {
            i.parts
                .iter()
                .filter(|p| f.is_none_or(|s| p.status == s))
                .cloned()
                .collect::<Vec<_>>()
        })
    };
    let tab = move |s: Option<InquiryStatus>| {
        view! {
            <button type="button" class="filter-tab" aria-pressed=move || (filter.get() == s).to_string()
                on:click=move |_| filter.set(s)>
                {move || s.map_or(q().all_statuses, |s| s.label(i18n.lang()))}
                <span class="count">{move || inbox.with(|i| i.count(s))}</span>
            </button>
        }
    };
    view! {
        <section class="panel inbox">
            <nav class="crumbs"><A href=workspace.listings_page().href()>{
                move || member_name.clone().unwrap_or_else(|| i18n.s().dashboard_title.to_string())
            }</A></nav>
            {banner}
            <div class="dashboard-head">
                <div>
                    <crate::components::PageTitle title=Signal::derive(move || q().inbox_title.to_string())/>
                    <h1>{move || q().inbox_title}</h1>
                    <p class="muted" role="status">{move || fill(q().unread_count, &[&inbox.with(|i| i.unread)])}</p>
                </div>
                // The CSV is the seller's own export; an operator reads it in the member's inbox.
                {own.then(|| view! {
                    <a class="button secondary" href=inquiry::INBOX_CSV download>{move || q().download_csv}</a>
                })}
            </div>
            <div class="filter-tabs" role="group" aria-label=move || q().filter_label>
                {tab(None)}
                {InquiryStatus::ALL.into_iter().map(|s| tab(Some(s))).collect_view()}
            </div>
            <p class="notice error" role="alert" hidden=move || error.with(Option::is_none)>
                {move || error.get().map(|e| Said::Refusal(e).render(i18n.s()))}
            </p>
            <p class="muted" role="status" hidden=move || !busy() || error.with(Option::is_some)>{move || q().loading_inbox}</p>
            <div class="empty-state" hidden=move || busy() || !shown().is_empty()>
                <p>{move || if inbox.with(|i| i.count(None) == 0) { q().inbox_empty } else { q().inbox_filter_empty }}</p>
            </div>
            <ul class="inbox-list" aria-busy=move || busy().to_string()>
                <For each=shown key=|p| (p.reference.clone(), p.status, p.events.len()) let:part>
                    <InboxItem part=part inbox=inbox open=open data=data.clone()/>
                </For>
            </ul>
            <OlderParts older=older on_load=load_older
                hidden=Signal::derive(move || busy() || inbox.with(|i| i.next.is_none()))
                shown=Signal::derive(move || shown().len())
                total=Signal::derive(move || inbox.with(|i| i.count(filter.get())))/>
        </section>
    }
}

/// The "show older" button under a page, and what became of its last press.
#[derive(Debug, Clone, PartialEq)]
enum OlderState {
    Idle,
    Loading,
    Failed(ApiError),
}

/// Asks for the page after the last one loaded, while there is one; a failure says so
/// beside the button, and the parts already on screen stay.
#[component]
fn OlderParts(
    older: RwSignal<OlderState>,
    /// While a tab's first page is on its way, or once the last page is here.
    hidden: Signal<bool>,
    /// Parts on screen in this tab.
    shown: Signal<usize>,
    /// Parts in this tab in the whole inbox.
    total: Signal<usize>,
    on_load: impl Fn(leptos::ev::MouseEvent) + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let q = move || i18n.q();
    let loading = move || older.with(|o| *o == OlderState::Loading);
    view! {
        <div class="inbox-more" hidden=hidden>
            <p class="muted small">{move || fill(q().inbox_shown_of, &[&shown.get(), &total.get()])}</p>
            <button type="button" class="button secondary" on:click=on_load
                disabled=loading aria-busy=move || loading().to_string()>
                {move || if loading() { q().loading_older } else { q().show_older }}
            </button>
            <p class="notice error" role="alert" hidden=move || !matches!(older.get(), OlderState::Failed(_))>
                {move || match older.get() {
                    OlderState::Failed(e) => Said::Refusal(e).render(i18n.s()),
                    _ => String::new(),
                }}
            </p>
        </div>
    }
}

/// One part: a summary line that opens into the buyer's details, lines, history and the
/// reply form.
#[component]
fn InboxItem(
    part: PartView,
    /// The inbox on screen, updated in place when this part is read or answered.
    inbox: RwSignal<InboxState>,
    /// The reference of the open part, if any.
    open: RwSignal<Option<String>>,
    data: Arc<CatalogData>,
) -> impl IntoView {
    let i18n = use_i18n();
    let q = move || i18n.q();
    let session = use_session();
    let workspace = use_workspace();
    let (org, contact, email, phone) = {
        let (a, b, c, d) = part.form.contact();
        (a.to_string(), b.to_string(), c.to_string(), d.to_string())
    };
    let kind = part.form.kind();
    let reference = part.reference.clone();
    let created = part.created_at.clone();
    let unread = {
        let reference = reference.clone();
        Memo::new(move |_| {
            inbox.with(|i| i.parts.iter().any(|p| p.reference == reference && !p.read))
        })
    };
    let is_open = {
        let reference = reference.clone();
        Memo::new(move |_| open.with(|o| o.as_deref() == Some(reference.as_str())))
    };
    let replace = move |updated: PartView| inbox.update(|i| i.replace(updated));
    let on_toggle = {
        let reference = reference.clone();
        move |ev: leptos::ev::Event| {
            use wasm_bindgen::JsCast;
            let now_open = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlDetailsElement>().ok())
                .is_some_and(|d| d.open());
            if now_open {
                open.set(Some(reference.clone()));
            } else if open.with_untracked(|o| o.as_deref() == Some(reference.as_str())) {
                open.set(None);
            }
            // Opening marks a part read for its seller only: an operator reading a member's
            // inbox leaves the member's unread badge as it is.
            if now_open && unread.get_untracked() && workspace.member.is_none() {
                let reference = reference.clone();
                let csrf = session.csrf().unwrap_or_default();
                spawn_local(async move {
                    if inquiry::mark_read(&csrf, &reference).await.is_ok() {
                        inbox.update(|i| i.mark_read(&reference));
                    }
                });
            }
        }
    };
    let digits: String = phone.chars().filter(char::is_ascii_digit).collect();
    let wa = {
        let (contact, reference) = (contact.clone(), reference.clone());
        move || {
            let text = fill(q().whatsapp_buyer, &[&contact, &reference]);
            format!(
                "https://wa.me/{digits}?text={}",
                String::from(js_sys::encode_uri_component(&text))
            )
        }
    };
    let lines = part.form.lines();
    let quote_lines = lines.clone();
    let quote_reference = reference.clone();
    let quotes = part.quotes.clone();
    let latest = quotes.last().map(|r| r.quote.clone());
    let quoting = !part.status.is_final();
    let details = view! { <FormDetails form=part.form/> };
    view! {
        <li class="inbox-item" class:unread=unread>
            <details prop:open=is_open on:toggle=on_toggle>
                <summary>
                    <span class="inbox-ref">{reference.clone()}</span>
                    <span class="chip new-dot" hidden=move || !unread.get()>{move || q().unread}</span>
                    <span class="inbox-org">{org.clone()}</span>
                    <StatusChip status=part.status/>
                    <span class="muted small">{move || format!("{} · {}", kind.label(i18n.lang()), format_time(&created, i18n.lang()))}</span>
                </summary>
                <div class="inbox-body">
                    <dl class="buyer">
                        <dt>{move || q().field_contact_name}</dt><dd>{contact.clone()}</dd>
                        <dt>{move || q().field_email}</dt><dd><a href=format!("mailto:{email}")>{email.clone()}</a></dd>
                        <dt>{move || q().field_phone}</dt><dd>{phone.clone()}</dd>
                        {details}
                    </dl>
                    <LineList lines=lines data=data/>
                    <h3 class="small-heading">{move || q().history_heading}</h3>
                    <EventList events=part.events.clone()/>
                    <QuoteHistory quotes=quotes/>
                    // Only the open part's form is on the page: one set of field ids.
                    <Show when=move || quoting && is_open.get()>
                        <QuoteForm reference=quote_reference.clone() kind=kind lines=quote_lines.clone()
                            latest=latest.clone() on_saved=replace/>
                    </Show>
                    <ReplyForm reference=reference.clone() status=part.status on_saved=replace/>
                    <a class="button whatsapp" href=wa target="_blank" rel="noopener">{move || q().reply_whatsapp}</a>
                </div>
            </details>
        </li>
    }
}

/// The seller's quotes for this part: the latest in full, earlier revisions folded.
#[component]
fn QuoteHistory(quotes: Vec<QuoteRevision>) -> impl IntoView {
    let i18n = use_i18n();
    let q = move || i18n.q();
    let mut quotes = quotes;
    let Some(latest) = quotes.pop() else {
        return ().into_any();
    };
    let earlier = quotes.len();
    view! {
        <section class="quote-history" aria-label=move || q().quote_heading>
            <h3 class="small-heading">{move || q().quote_heading}</h3>
            <QuoteTerms revision=latest/>
            {(earlier > 0).then(|| view! {
                <details class="quote-earlier">
                    <summary>{move || fill(q().quote_earlier, &[&earlier])}</summary>
                    {quotes.into_iter().rev().map(|r| view! { <QuoteTerms revision=r/> }).collect_view()}
                </details>
            })}
        </section>
    }
    .into_any()
}

/// The terms a seller quotes on: place and date, and for an RFQ the Incoterm, port,
/// payment, sample and certificates.
#[component]
fn FormDetails(form: InquiryForm) -> impl IntoView {
    let i18n = use_i18n();
    let q = move || i18n.q();
    match form {
        InquiryForm::Purchase(f) => {
            let wanted = f.wanted_by.map(|d| d.to_string()).unwrap_or_default();
            let recurrence = f.recurrence;
            view! {
                <dt>{move || q().field_city}</dt><dd>{f.city.clone()}</dd>
                <dt>{move || q().field_recurrence}</dt><dd>{move || recurrence.label(i18n.lang())}</dd>
                <dt>{move || q().field_wanted_by}</dt><dd>{wanted}</dd>
                <dt>{move || q().field_note}</dt><dd>{f.note.clone()}</dd>
            }
            .into_any()
        }
        InquiryForm::Export(f) => {
            let (country, destination) = (f.country.clone(), f.destination_country.clone());
            let port = f.destination_port.clone();
            let sample = f.sample_wanted;
            let certs = f.certificates.clone();
            view! {
                <dt>{move || q().field_country}</dt><dd>{move || country_name(&country, i18n.lang())}</dd>
                <dt>{move || q().field_incoterm}</dt><dd>{f.incoterm.code()}</dd>
                <dt>{move || q().field_destination_country}</dt>
                <dd>{move || format!("{} {}", country_name(&destination, i18n.lang()), port)}</dd>
                <dt>{move || q().field_payment_terms}</dt><dd>{f.payment_terms.clone()}</dd>
                <dt>{move || q().field_required_by}</dt><dd>{f.required_by.map(|d| d.to_string())}</dd>
                <dt>{move || q().field_valid_until}</dt><dd>{f.valid_until.map(|d| d.to_string())}</dd>
                <dt>{move || q().field_sample}</dt><dd>{move || if sample { q().yes } else { q().no }}</dd>
                <dt>{move || q().field_certificates}</dt>
                <dd>{move || certs.iter().map(|c| c.label(i18n.lang())).collect::<Vec<_>>().join(", ")}</dd>
                <dt>{move || q().field_note}</dt><dd>{f.note.clone()}</dd>
            }
            .into_any()
        }
    }
}

/// Reply text and the status moves allowed from here.
#[component]
fn ReplyForm(
    reference: String,
    status: InquiryStatus,
    on_saved: impl Fn(PartView) + Copy + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let q = move || i18n.q();
    let workspace = StoredValue::new(use_workspace());
    let reply = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<ApiError>);
    let id = format!("reply-{reference}");
    let send = move |to: Option<InquiryStatus>| {
        let reference = reference.clone();
        let text = reply.get_untracked();
        let (url, csrf) =
            workspace.with_value(|w| (w.api().inquiry(&reference), w.csrf().unwrap_or_default()));
        busy.set(true);
        error.set(None);
        spawn_local(async move {
            let text = text.trim();
            let result = inquiry::update(&url, &csrf, to, (!text.is_empty()).then_some(text)).await;
            busy.set(false);
            match result {
                Ok(updated) => {
                    reply.set(String::new());
                    on_saved(updated);
                }
                Err(err) => error.set(Some(err)),
            }
        });
    };
    if status.is_final() {
        return view! { <p class="muted">{move || q().final_status}</p> }.into_any();
    }
    let send_reply = send.clone();
    view! {
        <div class="reply-form">
            <label for=id.clone()>{move || q().reply_label}</label>
            <textarea id=id rows="3" prop:value=move || reply.get() on:input=move |ev| reply.set(event_target_value(&ev))
                placeholder=move || q().reply_hint></textarea>
            <p class="notice error" role="alert" hidden=move || error.with(Option::is_none)>
                {move || error.get().map(|e| match e {
                    ApiError::Invalid(fields) => fields.first().map(|f| f.rule.message(i18n.lang())).unwrap_or_default(),
                    other => Said::Refusal(other).render(i18n.s()),
                })}
            </p>
            <div class="reply-actions">
                <button type="button" class="button primary" disabled=move || busy.get() || reply.with(|r| r.trim().is_empty())
                    on:click=move |_| send_reply(None)>{move || q().send_reply}</button>
                // "Quoted" comes from sending a quote (the form above), never from a button:
                // a buyer can only accept a quote that exists.
                {status.next().iter().copied().filter(|to| *to != InquiryStatus::Quoted).map(|to| {
                    let send = send.clone();
                    view! {
                        <button type="button" class="button secondary" disabled=move || busy.get()
                            on:click=move |_| send(Some(to))>
                            {move || fill(q().mark_as, &[&to.label(i18n.lang())])}
                        </button>
                    }
                }).collect_view()}
            </div>
        </div>
    }
    .into_any()
}
