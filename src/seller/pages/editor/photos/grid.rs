//! The listing's uploaded photos: reorder them, choose the cover, remove one.

use leptos::prelude::*;

use crate::i18n::{fill, use_i18n};
use crate::seller::drafts::Draft;

/// The listing's photos in order; the first is the cover.
#[component]
pub(super) fn PhotoGrid(draft: RwSignal<Draft>) -> impl IntoView {
    let i18n = use_i18n();
    let count = move || draft.with(|d| d.product.photos.len());
    let swap = move |a: usize, b: usize| {
        draft.update(|d| {
            if a < d.product.photos.len() && b < d.product.photos.len() {
                d.product.photos.swap(a, b);
            }
        })
    };
    view! {
        <ol class="photo-grid" hidden=move || { count() == 0 }>
            <For each=move || draft.with(|d| d.product.photos.iter().cloned().enumerate().collect::<Vec<_>>())
                key=|(i, p)| (*i, p.thumb.clone()) let:item>
                {
                    let (i, photo) = item;
                    view! {
                        <li class="photo-tile">
                            <img src=photo.thumb.clone() width="200" height="150" loading="lazy"
                                alt=move || fill(i18n.s().photo_alt, &[&(i + 1), &count()])/>
                            {(i == 0).then(|| view! { <span class="badge cover">{move || i18n.s().photo_cover}</span> })}
                            <div class="tile-actions">
                                {(i > 0).then(|| view! {
                                    <button type="button" class="icon-button" on:click=move |_| swap(0, i)
                                        >{move || i18n.s().make_cover}</button>
                                    <button type="button" class="icon-button" on:click=move |_| swap(i - 1, i)
                                        aria-label=move || format!("{} ({})", i18n.s().move_earlier, i + 1)>"←"</button>
                                })}
                                {(i + 1 < count()).then(|| view! {
                                    <button type="button" class="icon-button" on:click=move |_| swap(i, i + 1)
                                        aria-label=move || format!("{} ({})", i18n.s().move_later, i + 1)>"→"</button>
                                })}
                                <button type="button" class="icon-button danger"
                                    on:click=move |_| draft.update(|d| { if i < d.product.photos.len() { d.product.photos.remove(i); } })
                                    aria-label=move || format!("{} ({})", i18n.s().remove, i + 1)>"✕"</button>
                            </div>
                        </li>
                    }
                }
            </For>
        </ol>
    }
}
