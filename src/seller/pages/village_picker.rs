//! The registration's village picker: a kecamatan, then a desa or kelurahan found by typing
//! its name, typos and all (`etalase_model::search::village`). Without a kecamatan the search
//! covers the whole regency and names each hit's kecamatan, for a seller who does not know
//! theirs. Choosing folds the picker into one line ("Desa Sepatin, Kec. Anggana") with a
//! button to change it.
//!
//! The hits are plain buttons in a list rather than an ARIA combobox: phone screen readers
//! read and press buttons reliably, where `aria-activedescendant` support is patchy. The
//! keyboard still gets a combobox's shortcuts: ↓ or Enter in the search box goes to the first
//! hit, ↑/↓ move between hits, Escape goes back to the box (and from the box, after "change",
//! back to the village chosen before).

use etalase_model::gazetteer::VillageKind;
use etalase_model::search::tokenize;
use etalase_model::search::village::{kecamatan_counts, search_villages};
use etalase_model::{Lang, Village};
use leptos::ev::KeyboardEvent;
use leptos::leptos_dom::helpers::request_animation_frame;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::catalog_data::use_catalog;
use crate::components::{focus_element, focus_field, focus_selector};
use crate::i18n::seller::village_picker::texts;
use crate::i18n::{fill, use_i18n};

/// The picker for the form field `village_slug`: its focusable element (the search box, or
/// the change button once a village is chosen) is `#f-village_slug`, so the form's
/// `focus_field` reaches it.
#[component]
pub fn VillagePicker(
    /// The chosen village's slug, empty until one is chosen: what the form sends.
    value: RwSignal<String>,
    /// The rules' message for `village_slug`, if any, shown on the field.
    #[prop(into)]
    error: Signal<Option<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let t = move || texts(i18n.lang());
    let catalog = use_catalog().0;
    let kecamatan = RwSignal::new(String::new());
    let query = RwSignal::new(String::new());
    // Opened again by "change" while a village stays chosen until another is picked.
    let reopened = RwSignal::new(false);

    let villages = move || catalog.get().and_then(Result::ok);
    let chosen = Memo::new(move |_| {
        let slug = value.get();
        let data = villages()?;
        data.catalog.village(&slug).map(Choice::of)
    });
    let open = move || reopened.get() || chosen.with(Option::is_none);
    let districts = Memo::new(move |_| {
        villages()
            .map(|data| {
                kecamatan_counts(&data.catalog.villages)
                    .into_iter()
                    .map(|(name, count)| (name.to_owned(), count))
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    });
    let found = Memo::new(move |_| {
        let Some(data) = villages() else {
            return Found::default();
        };
        let all = &data.catalog.villages;
        query.with(|q| {
            kecamatan.with(|k| {
                if k.is_empty() {
                    if tokenize(q).is_empty() {
                        return Found::default();
                    }
                    let hits = search_villages(all, None, q);
                    Found {
                        total: hits.len(),
                        shown: hits
                            .into_iter()
                            .take(REGENCY_HITS)
                            .map(Choice::of)
                            .collect(),
                        elsewhere: 0,
                    }
                } else {
                    let hits = search_villages(all, Some(k), q);
                    let elsewhere = if hits.is_empty() {
                        search_villages(all, None, q).len()
                    } else {
                        0
                    };
                    Found {
                        total: hits.len(),
                        shown: hits.into_iter().map(Choice::of).collect(),
                        elsewhere,
                    }
                }
            })
        })
    });

    let choose = move |c: &Choice| {
        value.set(c.slug.clone());
        kecamatan.set(c.kecamatan.clone());
        query.set(String::new());
        reopened.set(false);
        // The change button takes the search box's id once it is drawn.
        request_animation_frame(|| focus_field("village_slug"));
    };
    let change = move |_| {
        if let Some(c) = chosen.get_untracked() {
            kecamatan.set(c.kecamatan);
        }
        reopened.set(true);
        request_animation_frame(|| focus_field("village_slug"));
    };

    let has_error = move || error.with(Option::is_some);
    let described = move |first: &'static str| {
        if has_error() {
            format!("{first} {ERROR_ID}")
        } else {
            first.to_owned()
        }
    };
    let status = move || {
        let s = t();
        match catalog.get() {
            None => return s.villages_loading.to_owned(),
            Some(Err(_)) => return s.villages_failed.to_owned(),
            Some(Ok(_)) => {}
        }
        let f = found.get();
        let k = kecamatan.get();
        if f.total > 0 {
            let mut said = fill(s.village_count, &[&f.total]);
            if f.total > f.shown.len() {
                said.push(' ');
                said.push_str(&fill(s.village_more, &[&(f.total - f.shown.len())]));
            }
            said
        } else if k.is_empty() && query.with(|q| tokenize(q).is_empty()) {
            s.village_start.to_owned()
        } else if f.elsewhere > 0 {
            fill(s.village_none_here, &[&k])
        } else {
            s.village_none.to_owned()
        }
    };

    let chosen_row = move || {
        chosen.get().map(|c| {
            view! {
                <div class="village-chosen" class:has-error=has_error>
                    <p id=CHOSEN_ID class="village-chosen-name">
                        {move || fill(t().village_chosen, &[&c.title(), &c.kecamatan])}
                    </p>
                    <button type="button" id=FIELD_ID class="button secondary small"
                        aria-describedby=move || described(CHOSEN_ID) on:click=change>
                        {move || t().change_village}
                    </button>
                </div>
            }
        })
    };

    view! {
        <fieldset class="village-picker">
            <legend class="field-label">{move || t().field_village}</legend>
            <Show when=open fallback=chosen_row>
                <div class="field">
                    <label for="f-kecamatan">{move || t().field_kecamatan}</label>
                    <select id="f-kecamatan"
                        on:change=move |ev| kecamatan.set(event_target_value(&ev))
                        prop:value=move || kecamatan.get()>
                        <option value="">{move || t().all_kecamatan}</option>
                        <For each=move || districts.get() key=|(name, _)| name.clone() let:district>
                            {
                                let (name, count) = district;
                                let option_value = name.clone();
                                view! {
                                    <option value=option_value>
                                        {move || fill(t().kecamatan_option, &[&name, &count])}
                                    </option>
                                }
                            }
                        </For>
                    </select>
                </div>
                <div class="field" class:has-error=has_error>
                    <label for=FIELD_ID>{move || t().field_village_search}</label>
                    <input id=FIELD_ID type="search" autocomplete="off" autocapitalize="off"
                        spellcheck="false"
                        aria-invalid=move || has_error().then_some("true")
                        aria-describedby=move || described(HINT_ID)
                        prop:value=move || query.get()
                        on:input=move |ev| query.set(event_target_value(&ev))
                        on:keydown=move |ev: KeyboardEvent| {
                            // Escape puts back the village chosen before "change".
                            if ev.key() == "Escape" && chosen.with_untracked(Option::is_some) {
                                ev.prevent_default();
                                reopened.set(false);
                                request_animation_frame(|| focus_field("village_slug"));
                            } else {
                                on_search_key(ev);
                            }
                        }/>
                    <p class="hint" id=HINT_ID>{move || t().village_search_hint}</p>
                </div>
            </Show>
            <p class="field-error" id=ERROR_ID role="alert" hidden=move || !has_error()>
                {move || error.get()}
            </p>
            <Show when=open>
                <div class="village-status">
                    <p role="status">{status}</p>
                    <Show when=move || found.with(|f| f.total == 0 && f.elsewhere > 0)>
                        <button type="button" class="link-button"
                            on:click=move |_| {
                                kecamatan.set(String::new());
                                focus_field("village_slug");
                            }>
                            {move || t().search_all_kecamatan}
                        </button>
                    </Show>
                </div>
                <ul id=RESULTS_ID class="village-results"
                    aria-label=move || t().village_results
                    hidden=move || found.with(|f| f.shown.is_empty())
                    on:keydown=on_results_key>
                    <For each=move || found.get().shown key=|c| c.slug.clone() let:c>
                        {
                            let slug = c.slug.clone();
                            let kecamatan_name = c.kecamatan.clone();
                            let (kind, name) = (c.kind, c.name.clone());
                            view! {
                                <li>
                                    <button type="button" class="village-option"
                                        aria-current=move || (value.with(|v| *v == slug)).then_some("true")
                                        on:click=move |_| choose(&c)>
                                        {kind.map(|k| view! {
                                            <span class=format!("badge kind-{}", k.slug())>{k.label(Lang::Id)}</span>
                                        })}
                                        <span class="village-option-name">{name}</span>
                                        <Show when=move || kecamatan.with(String::is_empty)>
                                            <span class="village-option-kecamatan">
                                                {
                                                    let name = kecamatan_name.clone();
                                                    move || fill(t().in_kecamatan, &[&name])
                                                }
                                            </span>
                                        </Show>
                                    </button>
                                </li>
                            }
                        }
                    </For>
                </ul>
            </Show>
        </fieldset>
    }
}

/// Hits shown when searching the whole regency; a kecamatan's hits are all shown (it has a
/// few dozen villages at most).
const REGENCY_HITS: usize = 8;

const FIELD_ID: &str = "f-village_slug";
const ERROR_ID: &str = "f-village_slug-error";
const HINT_ID: &str = "f-village_slug-hint";
const CHOSEN_ID: &str = "f-village_slug-chosen";
const RESULTS_ID: &str = "f-village_slug-results";

/// A village as the picker shows it.
#[derive(Clone, PartialEq)]
struct Choice {
    slug: String,
    name: String,
    kecamatan: String,
    kind: Option<VillageKind>,
}

impl Choice {
    fn of(v: &Village) -> Choice {
        Choice {
            slug: v.slug.clone(),
            name: v.name.clone(),
            kecamatan: v.kecamatan.clone(),
            kind: v.kind(),
        }
    }

    /// `Desa Sepatin`: the Indonesian term is part of the village's name in either language.
    fn title(&self) -> String {
        match self.kind {
            Some(kind) => format!("{} {}", kind.label(Lang::Id), self.name),
            None => self.name.clone(),
        }
    }
}

/// What the search found: the hits shown, how many there are, and (when a kecamatan has
/// none) how many the whole regency has.
#[derive(Clone, Default, PartialEq)]
struct Found {
    shown: Vec<Choice>,
    total: usize,
    elsewhere: usize,
}

/// ↓ or Enter go to the first hit; Enter never submits the form from here.
fn on_search_key(ev: KeyboardEvent) {
    if matches!(ev.key().as_str(), "ArrowDown" | "Enter") {
        ev.prevent_default();
        focus_selector(&format!("#{RESULTS_ID} button"));
    }
}

/// ↑/↓ move between hits (↑ from the first back to the box); Escape goes back to the box.
fn on_results_key(ev: KeyboardEvent) {
    let item = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|el| el.closest("li").ok().flatten());
    let next = match ev.key().as_str() {
        "ArrowDown" => item.and_then(|li| li.next_element_sibling()),
        "ArrowUp" => item.and_then(|li| li.previous_element_sibling()),
        "Escape" => None,
        _ => return,
    };
    ev.prevent_default();
    match next.and_then(|li| li.first_element_child()) {
        Some(button) => focus_element(button),
        // Past the last hit stays put; before the first (or Escape) is the search box.
        None if ev.key() != "ArrowDown" => focus_field("village_slug"),
        None => {}
    }
}
