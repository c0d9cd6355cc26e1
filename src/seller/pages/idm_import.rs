//! `/penjual/idm`: a facilitator or admin imports the ministry's IDM table: the file is
//! read in the browser, the server previews it row by row (each bad row with its problem
//! in the reader's language), and nothing is stored until the table is clean and they
//! approve it.

use etalase_model::api::IdmPreviewRow;
use etalase_model::Lang;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use super::staff_gate::StaffGate;
use crate::api::staff::{self, IdmImportPreview};
use crate::i18n::{fill, use_i18n, Said};
use crate::routes::AppPath;
use crate::seller::staff_session::use_staff_session;
use etalase_model::cooperative::StaffRole;

#[component]
pub fn IdmImportPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <StaffGate title=Signal::derive(move || i18n.m().idm_title.to_string())
            description=Signal::derive(move || i18n.m().idm_meta.to_string())
            refusal=Signal::derive(move || i18n.m().moderation_only.to_string())
            allowed=StaffRole::may_moderate>
            <Importer/>
        </StaffGate>
    }
}

#[derive(Clone, PartialEq)]
enum Step {
    Editing,
    Checking,
    Previewed(IdmImportPreview),
    Saving(IdmImportPreview),
    Saved { rows: u32, years: Vec<u16> },
}

#[component]
fn Importer() -> impl IntoView {
    let i18n = use_i18n();
    let staff = use_staff_session();
    let csv = RwSignal::new(String::new());
    let step = RwSignal::new(Step::Editing);
    let failure = RwSignal::new(None::<Said>);
    let read_file = move |ev: leptos::ev::Event| {
        let Some(file) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            .and_then(|input| input.files())
            .and_then(|files| files.get(0))
        else {
            return;
        };
        spawn_local(async move {
            if let Ok(text) = JsFuture::from(file.text()).await {
                csv.set(text.as_string().unwrap_or_default());
                step.set(Step::Editing);
            }
        });
    };
    let preview = move |_| {
        let csrf = staff.csrf().unwrap_or_default();
        let text = csv.get_untracked();
        step.set(Step::Checking);
        spawn_local(async move {
            match staff::idm_preview(&csrf, &text).await {
                Ok(p) => {
                    failure.set(None);
                    step.set(Step::Previewed(p));
                }
                Err(err) => {
                    failure.set(Some(Said::Refusal(err)));
                    step.set(Step::Editing);
                }
            }
        });
    };
    let commit = move |_| {
        let Step::Previewed(shown) = step.get_untracked() else {
            return;
        };
        let csrf = staff.csrf().unwrap_or_default();
        let text = csv.get_untracked();
        step.set(Step::Saving(shown.clone()));
        spawn_local(async move {
            match staff::idm_import(&csrf, &text).await {
                Ok(done) => step.set(Step::Saved {
                    rows: done.rows,
                    years: done.years,
                }),
                Err(err) => {
                    failure.set(Some(Said::Refusal(err)));
                    step.set(Step::Previewed(shown));
                }
            }
        });
    };
    let shown = move || match step.get() {
        Step::Previewed(p) | Step::Saving(p) => Some(p),
        _ => None,
    };
    let busy = move || matches!(step.get(), Step::Checking | Step::Saving(_));
    view! {
        <section class="panel idm-import">
            <div class="dashboard-head">
                <crate::components::PageTitle title=Signal::derive(move || i18n.m().idm_title.to_string())/>
                <h1>{move || i18n.m().idm_title}</h1>
                <div class="dashboard-actions">
                    <A href=AppPath::Moderation.href() attr:class="button secondary">{move || i18n.m().moderation_link}</A>
                </div>
            </div>
            <p class="lead">{move || i18n.m().idm_lead}</p>
            <div class="field">
                <label for="idm-file">{move || i18n.m().idm_file}</label>
                <input id="idm-file" type="file" accept=".csv,text/csv,text/plain" on:change=read_file/>
            </div>
            <div class="field">
                <label for="idm-text">{move || i18n.m().idm_paste}</label>
                <textarea id="idm-text" rows="6" spellcheck="false" class="mono"
                    on:input=move |ev| { csv.set(event_target_value(&ev)); step.set(Step::Editing); }
                    prop:value=move || csv.get()></textarea>
            </div>
            <button type="button" class="button primary" disabled=move || busy() || csv.with(|c| c.trim().is_empty())
                on:click=preview>
                {move || if step.get() == Step::Checking { i18n.m().idm_previewing } else { i18n.m().idm_preview }}
            </button>
            <p class="notice error" role="alert" hidden=move || failure.with(|f| f.is_none())>
                {move || failure.get().map(|f| f.render(i18n.s()))}
            </p>
            <div aria-live="polite">
                {move || match step.get() {
                    Step::Saved { rows, years } => Some(view! {
                        <p class="notice success" role="status">{move || fill(i18n.m().idm_saved, &[&rows, &years_text(&years)])}</p>
                    }.into_any()),
                    _ => shown().map(|p| view! { <Preview preview=p on_commit=commit busy=Signal::derive(busy)/> }.into_any()),
                }}
            </div>
        </section>
    }
}

fn years_text(years: &[u16]) -> String {
    years
        .iter()
        .map(u16::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

fn problem_text(row: &IdmPreviewRow, lang: Lang) -> Vec<(bool, String)> {
    row.problems
        .iter()
        .map(|p| {
            let text = match lang {
                Lang::Id => p.message_id.clone(),
                Lang::En => p.message_en.clone(),
            };
            (p.warning, text)
        })
        .collect()
}

#[component]
fn Preview(
    preview: IdmImportPreview,
    on_commit: impl Fn(leptos::ev::MouseEvent) + Clone + Send + Sync + 'static,
    busy: Signal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    if let Some(refused) = preview.refused.clone() {
        return view! {
            <p class="notice error" role="alert">
                {move || match i18n.lang() { Lang::Id => refused.message_id.clone(), Lang::En => refused.message_en.clone() }}
            </p>
        }
        .into_any();
    }
    let IdmImportPreview {
        rows,
        good_rows,
        bad_rows,
        rows_with_warnings,
        years,
        can_commit,
        ..
    } = preview;
    let years = years_text(&years);
    let count = good_rows;
    view! {
        <p class="idm-summary" role="status">
            {move || fill(i18n.m().idm_summary, &[&good_rows, &bad_rows, &rows_with_warnings, &years])}
        </p>
        {(!can_commit).then(|| view! { <p class="notice error">{move || i18n.m().idm_fix_first}</p> })}
        {can_commit.then(|| {
            let on_commit = on_commit.clone();
            view! {
                <button type="button" class="button primary" disabled=move || busy.get() on:click=on_commit>
                    {move || if busy.get() { i18n.m().idm_saving.to_string() } else { fill(i18n.m().idm_commit, &[&count]) }}
                </button>
            }
        })}
        <div class="table-scroll" tabindex="0" role="region" aria-label=move || i18n.m().idm_title>
            <table class="idm-table">
                <thead><tr>
                    <th scope="col">{move || i18n.m().idm_col_line}</th>
                    <th scope="col">{move || i18n.m().idm_col_village}</th>
                    <th scope="col">{move || i18n.m().idm_col_year}</th>
                    <th scope="col">{move || i18n.m().idm_col_status}</th>
                    <th scope="col">{move || i18n.m().idm_col_score}</th>
                </tr></thead>
                <tbody>
                    {rows.into_iter().map(|row| {
                        let bad = row.problems.iter().any(|p| !p.warning);
                        let r2 = row.clone();
                        view! {
                            <tr class:bad-row=bad>
                                <td>{row.line}</td>
                                // The problems go under the village's name, so a phone shows them
                                // without scrolling the table sideways.
                                <td>{row.village_name.clone()}<br/><span class="muted small-code">{row.village_code.clone()}</span>
                                    {move || {
                                        let problems = problem_text(&r2, i18n.lang());
                                        if problems.is_empty() {
                                            view! { <span class="ok">" · "{i18n.m().idm_ok}</span> }.into_any()
                                        } else {
                                            view! {
                                                <ul class="row-problems">
                                                    {problems.into_iter().map(|(warning, text)| view! {
                                                        <li class:warning=warning>{text}</li>
                                                    }).collect_view()}
                                                </ul>
                                            }.into_any()
                                        }
                                    }}
                                </td>
                                <td>{row.year.map(|y| y.to_string())}</td>
                                <td>{move || row.status.map(|s| s.label(i18n.lang()).to_string())}</td>
                                <td>{row.score.map(|s| format!("{s:.4}"))}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}
