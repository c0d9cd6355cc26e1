use etalase_model::rules::FieldError;
use etalase_model::Lang;
use leptos::prelude::*;

/// The message for `field` among `errors`, in `lang`: the first rule it broke.
pub fn error_for(errors: &[FieldError], field: &str, lang: Lang) -> Option<String> {
    errors
        .iter()
        .find(|e| e.field == field)
        .map(|e| e.rule.message(lang))
}

/// The message for `field` among `errors` (tracked), following the language switch.
pub fn field_error(
    errors: Memo<Vec<FieldError>>,
    field: impl Into<String>,
) -> Signal<Option<String>> {
    let i18n = crate::i18n::use_i18n();
    let field = field.into();
    Signal::derive(move || errors.with(|e| error_for(e, &field, i18n.lang())))
}

/// A labelled text input with an optional hint and its error, wired for screen readers:
/// the hint and error are the input's description, and `aria-invalid` marks a problem.
#[component]
pub fn TextField(
    /// Form field name: the `id` prefix and the key of its errors.
    name: &'static str,
    #[prop(into)] label: Signal<&'static str>,
    /// The current text.
    #[prop(into)]
    value: Signal<String>,
    /// Called with the new text on every keystroke.
    on_input: impl Fn(String) + 'static,
    #[prop(into)] error: Signal<Option<String>>,
    #[prop(optional, into)] hint: Option<Signal<&'static str>>,
    /// `text`, `tel`, `password`, `number`, `date`…
    #[prop(default = "text")]
    kind: &'static str,
    #[prop(optional)] autocomplete: Option<&'static str>,
    #[prop(optional)] inputmode: Option<&'static str>,
    #[prop(optional)] multiline: bool,
    #[prop(optional, into)] input_type: Option<Signal<&'static str>>,
) -> impl IntoView {
    let id = format!("f-{name}");
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let described = {
        let (hint_id, error_id) = (hint_id.clone(), error_id.clone());
        let has_hint = hint.is_some();
        move || {
            let mut ids = Vec::new();
            if has_hint {
                ids.push(hint_id.clone());
            }
            if error.with(Option::is_some) {
                ids.push(error_id.clone());
            }
            ids.join(" ")
        }
    };
    let invalid = move || error.with(Option::is_some).then_some("true");
    let kind_now = move || input_type.map_or(kind, |t| t.get());
    let on_input = std::rc::Rc::new(on_input);
    let input = if multiline {
        let on_input = on_input.clone();
        view! {
            <textarea id=id.clone() name=name rows="4" aria-describedby=described aria-invalid=invalid
                prop:value=move || value.get()
                on:input=move |ev| on_input(event_target_value(&ev))></textarea>
        }
        .into_any()
    } else {
        let on_input = on_input.clone();
        view! {
            <input id=id.clone() name=name type=kind_now autocomplete=autocomplete inputmode=inputmode
                aria-describedby=described aria-invalid=invalid
                prop:value=move || value.get()
                on:input=move |ev| on_input(event_target_value(&ev))/>
        }
        .into_any()
    };
    view! {
        <div class="field" class:has-error=move || error.with(Option::is_some)>
            <label for=id>{move || label.get()}</label>
            {input}
            {hint.map(|h| view! { <p class="hint" id=hint_id>{move || h.get()}</p> })}
            <p class="field-error" id=error_id role="alert" hidden=move || error.with(Option::is_none)>
                {move || error.get()}
            </p>
        </div>
    }
}

/// Moves focus to the first element matching `selector`, if any: after a control that
/// had it is removed, a keyboard or screen-reader user stays where they were working.
pub fn focus_selector(selector: &str) {
    if let Ok(Some(el)) = document().query_selector(selector) {
        focus_element(el);
    }
}

/// Moves focus to a field's input so a keyboard or screen-reader user lands on the problem.
pub fn focus_field(field: &str) {
    let id = format!("f-{}", field.replace('.', "-"));
    if let Some(el) = document().get_element_by_id(&id) {
        focus_element(el);
    }
}

/// Moves focus to `el`, if it is an element that takes focus.
pub fn focus_element(el: web_sys::Element) {
    use wasm_bindgen::JsCast;
    if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
        let _ = el.focus();
    }
}
