//! The forms of `/penjual/kemitraan`: a partner, a partnership (its villages chosen with
//! the registration's typo-tolerant village search), and ending a partnership. Each checks
//! the model's rules before sending, and puts the server's field errors (the same rules,
//! plus an unknown partner or village) beside the same fields.

use std::sync::Arc;

use etalase_model::api::{ErrorCode, PartnerBody, PartnershipBody};
use etalase_model::rules::{check_partner, check_partnership, slug_from_name, FieldError, Rule};
use etalase_model::search::tokenize;
use etalase_model::search::village::search_villages;
use etalase_model::{
    Date, Partner, PartnerKind, Partnership, PartnershipStatus, ProgrammeKind, Village,
};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::{staff, ApiError};
use crate::catalog_data::{today, CatalogData};
use crate::components::{error_for, focus_field, TextField};
use crate::i18n::{fill, use_i18n, Said};
use crate::seller::staff_session::use_staff_session;

/// Village hits shown under the search box: enough to find a namesake, few enough for a
/// phone screen.
const VILLAGE_HITS: usize = 6;

/// What a form saved, for the page to say so and link the partner's page that shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Saved {
    Partner { slug: String, name: String },
    Partnership { partner_slug: String },
    Ended { partner_slug: String },
}

/// Called once a form's change is stored and published.
pub type Done = Callback<Saved>;

/// Errors as the form shows them: the server's `village_slugs.2` on the village field,
/// an id or slug derived from other fields on the field it comes from.
fn on_form_fields(errors: Vec<FieldError>, derived_from: &str) -> Vec<FieldError> {
    errors
        .into_iter()
        .map(|mut e| {
            if e.field.starts_with("village_slugs.") {
                e.field = "village_slugs".into();
            } else if e.field == "slug" || e.field == "id" {
                e.field = derived_from.into();
            }
            e
        })
        .collect()
}

/// Sends a checked form; field errors go to `errors` (the first field focused), anything
/// else to `message`.
fn report_refusal(
    err: ApiError,
    derived_from: &'static str,
    errors: RwSignal<Vec<FieldError>>,
    message: RwSignal<Option<Said>>,
) {
    let staff = use_staff_session();
    if let ApiError::Invalid(fields) = &err {
        let fields = on_form_fields(fields.clone(), derived_from);
        if let Some(first) = fields.first() {
            focus_field(&first.field);
        }
        errors.set(fields);
    }
    if err == ApiError::Refused(ErrorCode::SignInRequired) {
        staff.signed_out();
    }
    message.set(Some(Said::Refusal(err)));
}

/// Shows the client-side check's problems; `true` if there were any.
fn refuse_locally(
    found: Vec<FieldError>,
    derived_from: &'static str,
    errors: RwSignal<Vec<FieldError>>,
    message: RwSignal<Option<Said>>,
) -> bool {
    let found = on_form_fields(found, derived_from);
    let Some(first) = found.first() else {
        errors.set(Vec::new());
        message.set(None);
        return false;
    };
    focus_field(&first.field);
    errors.set(found);
    message.set(Some(Said::Text(|s| s.form_has_errors)));
    true
}

/// Adds a partner (`existing` none) or edits one.
#[component]
pub fn PartnerForm(
    /// The loaded catalog: the slugs already taken.
    data: Arc<CatalogData>,
    /// The partner being edited, or none for a new one.
    existing: Option<Partner>,
    /// Called with what to say once the partner is saved.
    on_done: Done,
    /// Called when the form is closed unsaved.
    on_cancel: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let staff = use_staff_session();
    let name = RwSignal::new(
        existing
            .as_ref()
            .map(|p| p.name.clone())
            .unwrap_or_default(),
    );
    let kind = RwSignal::new(existing.as_ref().map_or(PartnerKind::Company, |p| p.kind));
    let website = RwSignal::new(
        existing
            .as_ref()
            .and_then(|p| p.website.clone())
            .unwrap_or_default(),
    );
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let message = RwSignal::new(None::<Said>);
    let busy = RwSignal::new(false);
    let fixed_slug = existing.as_ref().map(|p| p.slug.clone());
    let heading = existing.as_ref().map(|p| p.name.clone());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        // A new partner's slug comes from its name, made unique among those published.
        let slug = fixed_slug.clone().unwrap_or_else(|| {
            let base = slug_from_name(&name.get_untracked());
            unique(&base, |s| data.catalog.partner(s).is_some())
        });
        let body = PartnerBody {
            name: name.get_untracked(),
            kind: kind.get_untracked(),
            website: Some(website.get_untracked()),
        };
        let partner = body.clone().into_partner(&slug);
        if refuse_locally(check_partner(&partner), "name", errors, message) {
            return;
        }
        let Some(csrf) = staff.csrf() else { return };
        busy.set(true);
        spawn_local(async move {
            let result = staff::save_partner(&csrf, &slug, &body).await;
            busy.set(false);
            match result {
                Ok(saved) => on_done.run(Saved::Partner {
                    slug: saved.slug,
                    name: saved.name,
                }),
                Err(err) => report_refusal(err, "name", errors, message),
            }
        });
    };
    let err = move |field: &'static str| {
        Signal::derive(move || errors.with(|e| error_for(e, field, i18n.lang())))
    };
    view! {
        <form class="form panel staff-form partner-form" on:submit=submit novalidate
            aria-labelledby="partner-form-title">
            <h3 id="partner-form-title">
                {move || match &heading {
                    Some(n) => fill(i18n.m().edit_partner, &[n]),
                    None => i18n.m().add_partner.to_string(),
                }}
            </h3>
            <TextField name="name" label=Signal::derive(move || i18n.m().partner_name)
                value=name on_input=move |v| name.set(v) error=err("name")
                hint=Signal::derive(move || i18n.m().partner_name_hint) autocomplete="off"/>
            <div class="field">
                <label for="f-kind">{move || i18n.m().partner_kind}</label>
                <select id="f-kind" prop:value=move || kind.get().slug()
                    on:change=move |ev| {
                        if let Ok(k) = event_target_value(&ev).parse::<PartnerKind>() {
                            kind.set(k);
                        }
                    }>
                    {PartnerKind::ALL.iter().map(|k| view! {
                        <option value=k.slug() selected=move || kind.get() == *k>{move || k.label(i18n.lang())}</option>
                    }).collect_view()}
                </select>
            </div>
            <TextField name="website" label=Signal::derive(move || i18n.m().partner_website)
                value=website on_input=move |v| website.set(v) error=err("website")
                kind="url" inputmode="url" autocomplete="url"/>
            <p class="form-message" role="alert" hidden=move || message.with(Option::is_none)>
                {move || message.get().map(|m| m.render(i18n.s()))}
            </p>
            <div class="form-actions">
                <button type="submit" class="button primary" disabled=move || busy.get()
                    aria-busy=move || busy.get().to_string()>
                    {move || if busy.get() { i18n.m().saving } else { i18n.m().save_partner }}
                </button>
                <button type="button" class="button secondary" on:click=move |_| on_cancel.run(())>
                    {move || i18n.m().cancel}
                </button>
            </div>
        </form>
    }
}

/// `base`, or `base-2`, `base-3`… whichever is not `taken`.
fn unique(base: &str, taken: impl Fn(&str) -> bool) -> String {
    if !taken(base) {
        return base.to_owned();
    }
    (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|s| !taken(s))
        .unwrap_or_default()
}

/// Adds a partnership (`existing` none) or edits one.
#[component]
pub fn PartnershipForm(
    /// The loaded catalog: partners, villages and the ids already taken.
    data: Arc<CatalogData>,
    /// The partnership being edited, or none for a new one.
    existing: Option<Partnership>,
    /// Called with what to say once the partnership is saved.
    on_done: Done,
    /// Called when the form is closed unsaved.
    on_cancel: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let staff = use_staff_session();
    let this_year = today().year();
    let start = existing.as_ref();
    let partner = RwSignal::new(start.map(|s| s.partner_slug.clone()).unwrap_or_default());
    let villages = RwSignal::new(start.map(|s| s.village_slugs.clone()).unwrap_or_default());
    let programme = RwSignal::new(start.map_or(ProgrammeKind::UmkmCoaching, |s| s.programme));
    let detail_id = RwSignal::new(start.map(|s| s.detail_id.clone()).unwrap_or_default());
    let detail_en = RwSignal::new(start.map(|s| s.detail_en.clone()).unwrap_or_default());
    let mou_date = RwSignal::new(
        start
            .and_then(|s| s.mou_date)
            .map(|d| d.to_string())
            .unwrap_or_default(),
    );
    let start_year = RwSignal::new(start.map_or(this_year, |s| s.start_year).to_string());
    let end_year = RwSignal::new(
        start
            .and_then(|s| s.end_year)
            .map(|y| y.to_string())
            .unwrap_or_default(),
    );
    let status = RwSignal::new(start.map_or(PartnershipStatus::MouSigned, |s| s.status));
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let message = RwSignal::new(None::<Said>);
    let busy = RwSignal::new(false);
    let fixed_id = existing.as_ref().map(|s| s.id.clone());
    let editing = existing.is_some();
    let partners: Vec<(String, String)> = data
        .catalog
        .partners
        .iter()
        .map(|p| (p.slug.clone(), p.name.clone()))
        .collect();
    let data_for_submit = Arc::clone(&data);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let mou = mou_date.get_untracked();
        let mou_parsed = mou.trim().parse::<Date>().ok();
        let body = PartnershipBody {
            partner_slug: partner.get_untracked(),
            village_slugs: villages.get_untracked(),
            programme: programme.get_untracked(),
            detail_id: detail_id.get_untracked(),
            detail_en: detail_en.get_untracked(),
            start_year: start_year.get_untracked().trim().parse().unwrap_or(0),
            status: status.get_untracked(),
            mou_date: mou_parsed,
            // Blank is no end year; anything else not a year is 0, which the rules refuse.
            end_year: {
                let text = end_year.get_untracked();
                let text = text.trim();
                (!text.is_empty()).then(|| text.parse().unwrap_or(0))
            },
        };
        // A new partnership's id says whose, what and when, made unique among those published.
        let id = fixed_id.clone().unwrap_or_else(|| {
            let base = format!(
                "{}-{}-{}",
                body.partner_slug,
                body.programme.slug(),
                body.start_year
            );
            unique(&base, |s| {
                data_for_submit
                    .catalog
                    .partnerships
                    .iter()
                    .any(|p| p.id == s)
            })
        });
        let ship = body.clone().into_partnership(&id);
        let mut found = check_partnership(&ship);
        if !editing {
            // A new id is made from the partner's slug and the year: whatever is wrong with
            // it is wrong with those fields, which say so themselves.
            found.retain(|e| e.field != "id");
        }
        if !mou.trim().is_empty() && mou_parsed.is_none() {
            // The browser's date input gives `YYYY-MM-DD` or nothing; anything else is typed
            // by hand where the input is plain text.
            found.push(FieldError::new("mou_date", Rule::Required));
        }
        if refuse_locally(found, "partner_slug", errors, message) {
            return;
        }
        let Some(csrf) = staff.csrf() else { return };
        busy.set(true);
        spawn_local(async move {
            let result = staff::save_partnership(&csrf, &id, &body).await;
            busy.set(false);
            match result {
                Ok(saved) => on_done.run(Saved::Partnership {
                    partner_slug: saved.partner_slug,
                }),
                Err(err) => report_refusal(err, "partner_slug", errors, message),
            }
        });
    };
    let err = move |field: &'static str| {
        Signal::derive(move || errors.with(|e| error_for(e, field, i18n.lang())))
    };
    let partner_error = err("partner_slug");
    view! {
        <form class="form panel staff-form partnership-form" on:submit=submit novalidate
            aria-labelledby="ship-form-title">
            <h3 id="ship-form-title">
                {move || if editing { i18n.m().edit_ship } else { i18n.m().new_ship }}
            </h3>
            <div class="field" class:has-error=move || partner_error.with(Option::is_some)>
                <label for="f-partner_slug">{move || i18n.m().ship_partner}</label>
                <select id="f-partner_slug" prop:value=move || partner.get()
                    aria-invalid=move || partner_error.with(Option::is_some).then_some("true")
                    aria-describedby="f-partner_slug-error"
                    on:change=move |ev| partner.set(event_target_value(&ev))>
                    <option value="" selected=move || partner.with(String::is_empty)>{move || i18n.m().choose_partner}</option>
                    {partners.into_iter().map(|(slug, name)| {
                        let value = slug.clone();
                        view! { <option value=value selected=move || partner.with(|p| *p == slug)>{name}</option> }
                    }).collect_view()}
                </select>
                <p class="field-error" id="f-partner_slug-error" role="alert" hidden=move || partner_error.with(Option::is_none)>
                    {move || partner_error.get()}
                </p>
            </div>
            <VillageChooser data=Arc::clone(&data) chosen=villages error=err("village_slugs")/>
            <div class="field">
                <label for="f-programme">{move || i18n.m().ship_programme}</label>
                <select id="f-programme" prop:value=move || programme.get().slug()
                    on:change=move |ev| {
                        if let Ok(p) = event_target_value(&ev).parse::<ProgrammeKind>() {
                            programme.set(p);
                        }
                    }>
                    {ProgrammeKind::ALL.iter().map(|p| view! {
                        <option value=p.slug() selected=move || programme.get() == *p>{move || p.label(i18n.lang())}</option>
                    }).collect_view()}
                </select>
            </div>
            <TextField name="detail_id" label=Signal::derive(move || i18n.m().ship_detail_id)
                value=detail_id on_input=move |v| detail_id.set(v) error=err("detail_id")
                hint=Signal::derive(move || i18n.m().ship_detail_hint) multiline=true/>
            <TextField name="detail_en" label=Signal::derive(move || i18n.m().ship_detail_en)
                value=detail_en on_input=move |v| detail_en.set(v) error=err("detail_en") multiline=true/>
            <div class="field-row">
                <TextField name="mou_date" label=Signal::derive(move || i18n.m().ship_mou_date)
                    value=mou_date on_input=move |v| mou_date.set(v) error=err("mou_date") kind="date"/>
                <div class="field">
                    <label for="f-status">{move || i18n.m().ship_status}</label>
                    <select id="f-status" prop:value=move || status.get().slug()
                        on:change=move |ev| {
                            if let Ok(s) = event_target_value(&ev).parse::<PartnershipStatus>() {
                                status.set(s);
                            }
                        }>
                        {PartnershipStatus::ALL.iter().map(|s| view! {
                            <option value=s.slug() selected=move || status.get() == *s>{move || s.label(i18n.lang())}</option>
                        }).collect_view()}
                    </select>
                </div>
            </div>
            <div class="field-row">
                <TextField name="start_year" label=Signal::derive(move || i18n.m().ship_start)
                    value=start_year on_input=move |v| start_year.set(v) error=err("start_year")
                    inputmode="numeric" autocomplete="off"/>
                <TextField name="end_year" label=Signal::derive(move || i18n.m().ship_end)
                    value=end_year on_input=move |v| end_year.set(v) error=err("end_year")
                    inputmode="numeric" autocomplete="off"/>
            </div>
            <p class="form-message" role="alert" hidden=move || message.with(Option::is_none)>
                {move || message.get().map(|m| m.render(i18n.s()))}
            </p>
            <div class="form-actions">
                <button type="submit" class="button primary" disabled=move || busy.get()
                    aria-busy=move || busy.get().to_string()>
                    {move || if busy.get() { i18n.m().saving } else { i18n.m().save_ship }}
                </button>
                <button type="button" class="button secondary" on:click=move |_| on_cancel.run(())>
                    {move || i18n.m().cancel}
                </button>
            </div>
        </form>
    }
}

/// The villages of a partnership: the chosen ones as removable chips, and a search box
/// whose hits (the registration picker's typo-tolerant search over the whole regency) add
/// one each. The search box is `#f-village_slugs`, so `focus_field` reaches it.
#[component]
fn VillageChooser(
    /// The loaded catalog: its villages.
    data: Arc<CatalogData>,
    /// The chosen slugs, in the order added.
    chosen: RwSignal<Vec<String>>,
    /// The rules' message for `village_slugs`.
    error: Signal<Option<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let query = RwSignal::new(String::new());
    let all: Arc<Vec<Village>> = Arc::new(data.catalog.villages.clone());
    let names = Arc::clone(&all);
    let name_of = move |slug: &str| {
        names
            .iter()
            .find(|v| v.slug == slug)
            .map_or_else(|| slug.to_owned(), |v| v.name.clone())
    };
    let hits = Memo::new(move |_| {
        query.with(|q| {
            if tokenize(q).is_empty() {
                return Vec::new();
            }
            chosen.with(|taken| {
                search_villages(&all, None, q)
                    .into_iter()
                    .filter(|v| !taken.contains(&v.slug))
                    .take(VILLAGE_HITS)
                    .map(|v| (v.slug.clone(), v.name.clone(), v.kecamatan.clone()))
                    .collect::<Vec<_>>()
            })
        })
    });
    let searched = move || query.with(|q| !tokenize(q).is_empty());
    view! {
        <fieldset class="field village-chooser" class:has-error=move || error.with(Option::is_some)>
            <legend>{move || i18n.m().ship_villages}</legend>
            <p class="hint" id="f-village_slugs-hint">{move || i18n.m().ship_villages_hint}</p>
            <ul class="chosen-villages" role="list" aria-label=move || fill(i18n.m().villages_chosen, &[&chosen.with(Vec::len)])>
                {move || chosen.get().into_iter().map(|slug| {
                    let name = name_of(&slug);
                    let label = name.clone();
                    view! {
                        <li class="chip village-chip">
                            <span>{name}</span>
                            <button type="button" class="chip-remove"
                                aria-label=move || fill(i18n.m().remove_village, &[&label])
                                on:click=move |_| chosen.update(|c| c.retain(|s| *s != slug))>"×"</button>
                        </li>
                    }
                }).collect_view()}
            </ul>
            <label for="f-village_slugs">{move || i18n.m().find_village}</label>
            <input id="f-village_slugs" type="search" autocomplete="off" enterkeyhint="search"
                aria-describedby=move || if error.with(Option::is_some) { "f-village_slugs-hint f-village_slugs-error" } else { "f-village_slugs-hint" }
                aria-invalid=move || error.with(Option::is_some).then_some("true")
                prop:value=move || query.get()
                on:input=move |ev| query.set(event_target_value(&ev))
                on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                    // Enter adds the best hit rather than submitting the whole form.
                    if ev.key() == "Enter" {
                        ev.prevent_default();
                        if let Some((slug, _, _)) = hits.with_untracked(|h| h.first().cloned()) {
                            chosen.update(|c| c.push(slug));
                            query.set(String::new());
                        }
                    }
                }/>
            <ul class="village-results" role="list" hidden=move || hits.with(Vec::is_empty)>
                {move || hits.get().into_iter().map(|(slug, name, kecamatan)| {
                    let label = name.clone();
                    view! {
                        <li>
                            <button type="button" class="village-option"
                                aria-label=move || fill(i18n.m().add_village, &[&label])
                                on:click=move |_| {
                                    chosen.update(|c| c.push(slug.clone()));
                                    query.set(String::new());
                                    focus_field("village_slugs");
                                }>
                                <span class="village-option-name">{name}</span>
                                <span class="village-option-kecamatan">{format!("Kec. {kecamatan}")}</span>
                            </button>
                        </li>
                    }
                }).collect_view()}
            </ul>
            <p class="muted" role="status" hidden=move || !searched() || hits.with(|h| !h.is_empty())>
                {move || i18n.m().no_village_found}
            </p>
            <p class="field-error" id="f-village_slugs-error" role="alert" hidden=move || error.with(Option::is_none)>
                {move || error.get()}
            </p>
        </fieldset>
    }
}

/// Ends a partnership: the year it ended (this year to start with), then confirm.
#[component]
pub fn EndForm(
    /// The partnership to end.
    ship: Partnership,
    /// The partner's name, for the heading.
    partner_name: String,
    /// Called with what to say once it is ended.
    on_done: Done,
    /// Called when the form is closed without ending it.
    on_cancel: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let staff = use_staff_session();
    let year = RwSignal::new(today().year().max(ship.start_year).to_string());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let message = RwSignal::new(None::<Said>);
    let busy = RwSignal::new(false);
    let id = ship.id.clone();
    let partner_slug = ship.partner_slug.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let end_year: u16 = year.get_untracked().trim().parse().unwrap_or(0);
        let mut ended = ship.clone();
        ended.status = PartnershipStatus::Finished;
        ended.end_year = Some(end_year);
        let found: Vec<FieldError> = check_partnership(&ended)
            .into_iter()
            .filter(|e| e.field == "end_year")
            .collect();
        if refuse_locally(found, "end_year", errors, message) {
            return;
        }
        let Some(csrf) = staff.csrf() else { return };
        busy.set(true);
        let (id, partner_slug) = (id.clone(), partner_slug.clone());
        spawn_local(async move {
            let result = staff::end_partnership(&csrf, &id, end_year).await;
            busy.set(false);
            match result {
                Ok(_) => on_done.run(Saved::Ended { partner_slug }),
                Err(err) => report_refusal(err, "end_year", errors, message),
            }
        });
    };
    let err = Signal::derive(move || errors.with(|e| error_for(e, "end_year", i18n.lang())));
    let title = partner_name.clone();
    view! {
        <form class="form end-form" on:submit=submit novalidate aria-label=move || fill(i18n.m().end_ship_of, &[&title])>
            <TextField name="end_year" label=Signal::derive(move || i18n.m().end_year)
                value=year on_input=move |v| year.set(v) error=err
                inputmode="numeric" autocomplete="off"/>
            <p class="form-message" role="alert" hidden=move || message.with(Option::is_none)>
                {move || message.get().map(|m| m.render(i18n.s()))}
            </p>
            <div class="form-actions">
                <button type="submit" class="button danger" disabled=move || busy.get()
                    aria-busy=move || busy.get().to_string()>
                    {move || if busy.get() { i18n.m().saving } else { i18n.m().confirm_end }}
                </button>
                <button type="button" class="button secondary" on:click=move |_| on_cancel.run(())>
                    {move || i18n.m().cancel}
                </button>
            </div>
        </form>
    }
}
