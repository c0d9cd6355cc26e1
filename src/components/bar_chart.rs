//! A horizontal bar chart drawn as SVG, with the same numbers as a table for screen
//! readers and for anyone who prefers to read figures.

use leptos::prelude::*;

/// One bar: its label and value.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    pub label: String,
    pub value: u64,
}

const ROW: f64 = 28.0;
const LABEL_W: f64 = 150.0;
const WIDTH: f64 = 520.0;

/// `title` names the chart (it labels both the SVG and the table); `column` heads the
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
    let height = move || bars.with(Vec::len) as f64 * ROW + 8.0;
    let title_for_svg = title_id.clone();
    let title_for_figure = title_id.clone();
    view! {
        <figure class="chart" aria-labelledby=title_for_figure>
            <figcaption id=title_id>{move || title.get()}</figcaption>
            <svg viewBox=move || format!("0 0 {WIDTH} {}", height()) role="img"
                aria-labelledby=title_for_svg preserveAspectRatio="xMinYMin meet">
                {move || bars.get().into_iter().enumerate().map(|(i, bar)| {
                    let y = i as f64 * ROW + 4.0;
                    let w = ((WIDTH - LABEL_W - 48.0) * bar.value as f64 / max()).max(2.0);
                    view! {
                        <g>
                            <text x=LABEL_W - 8.0 y=y + ROW * 0.62 text-anchor="end" class="bar-label">{bar.label.clone()}</text>
                            <rect x=LABEL_W y=y + 4.0 width=w height=ROW - 8.0 rx="4" class="bar"/>
                            <text x=LABEL_W + w + 6.0 y=y + ROW * 0.62 class="bar-value">{bar.value}</text>
                        </g>
                    }
                }).collect_view()}
            </svg>
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
