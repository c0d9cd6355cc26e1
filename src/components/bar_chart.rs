//! A horizontal bar chart, with the same numbers as a table for screen readers and for
//! anyone who prefers to read figures.
//!
//! Labels and values are HTML text at the page's own size, and only the bars are SVG: a
//! whole-chart SVG scaled to a phone's width shrank its 12 px labels to about 7 px.

use leptos::prelude::*;

/// One bar: its label and value.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    pub label: String,
    pub value: u64,
}

/// `title` names the chart (it labels both the drawing and the table); `column` heads the
/// table's label column.
#[component]
pub fn BarChart(
    /// Unique within the page; ids are derived from it.
    id: &'static str,
    #[prop(into)] title: Signal<String>,
    #[prop(into)] column: Signal<String>,
    #[prop(into)] count_label: Signal<String>,
    #[prop(into)] bars: Signal<Vec<Bar>>,
) -> impl IntoView {
    let title_id = format!("{id}-title");
    let max = move || bars.with(|b| b.iter().map(|b| b.value).max().unwrap_or(1).max(1)) as f64;
    let title_for_bars = title_id.clone();
    let title_for_figure = title_id.clone();
    view! {
        <figure class="chart" aria-labelledby=title_for_figure>
            <figcaption id=title_id>{move || title.get()}</figcaption>
            <div class="bars" role="img" aria-labelledby=title_for_bars>
                {move || bars.get().into_iter().map(|bar| {
                    // At least a sliver, so a bar of 1 beside one of 1,000 is still seen.
                    let percent = (100.0 * bar.value as f64 / max()).max(1.0);
                    view! {
                        <div class="bar-row">
                            <span class="bar-label">{bar.label.clone()}</span>
                            <svg class="bar-track" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true">
                                <rect class="bar" x="0" y="0" width=format!("{percent:.2}") height="10"/>
                            </svg>
                            <span class="bar-value">{bar.value}</span>
                        </div>
                    }
                }).collect_view()}
            </div>
            <details class="chart-table">
                <summary>{move || format!("{} — {}", title.get(), count_label.get())}</summary>
                <table>
                    <thead><tr><th scope="col">{move || column.get()}</th><th scope="col">{move || count_label.get()}</th></tr></thead>
                    <tbody>
                        {move || bars.get().into_iter().map(|b| view! {
                            <tr><th scope="row">{b.label}</th><td>{b.value}</td></tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </details>
        </figure>
    }
}
