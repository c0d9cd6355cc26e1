//! Names and times the browser already knows in both languages (`Intl`), so the app does
//! not ship tables of 249 country names or time-zone rules.

use etalase_model::Lang;
use js_sys::{Array, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};

fn locale(lang: Lang) -> &'static str {
    match lang {
        Lang::Id => "id-ID",
        Lang::En => "en-GB",
    }
}

fn options(pairs: &[(&str, &str)]) -> Object {
    let o = Object::new();
    for (k, v) in pairs {
        let _ = Reflect::set(&o, &JsValue::from_str(k), &JsValue::from_str(v));
    }
    o
}

/// `Singapura` / `Singapore` for `SG`; the code itself if the browser has no name for it.
pub fn country_name(code: &str, lang: Lang) -> String {
    let name = (|| -> Option<String> {
        let intl = Reflect::get(&js_sys::global(), &"Intl".into()).ok()?;
        let ctor = Reflect::get(&intl, &"DisplayNames".into())
            .ok()?
            .dyn_into::<js_sys::Function>()
            .ok()?;
        let args = Array::of2(
            &Array::of1(&locale(lang).into()),
            &options(&[("type", "region")]),
        );
        let names = Reflect::construct(&ctor, &args).ok()?;
        let of = Reflect::get(&names, &"of".into())
            .ok()?
            .dyn_into::<js_sys::Function>()
            .ok()?;
        of.call1(&names, &code.into()).ok()?.as_string()
    })();
    name.unwrap_or_else(|| code.to_string())
}

/// A server timestamp (RFC 3339, UTC) as a date and time in Kalimantan (WITA), where the
/// sellers are: `23 Nov 2026 18.05`.
pub fn format_time(iso: &str, lang: Lang) -> String {
    let date = js_sys::Date::new(&JsValue::from_str(iso));
    if date.get_time().is_nan() {
        return iso.to_string();
    }
    let opts = options(&[
        ("day", "numeric"),
        ("month", "short"),
        ("year", "numeric"),
        ("hour", "2-digit"),
        ("minute", "2-digit"),
        ("timeZone", "Asia/Makassar"),
    ]);
    date.to_locale_string(locale(lang), &opts).into()
}

/// `November 2026` / `Nov 2026` for a `YYYY-MM` key.
pub fn month_name(key: &str, lang: Lang) -> String {
    let date = js_sys::Date::new(&JsValue::from_str(&format!("{key}-15T00:00:00Z")));
    if date.get_time().is_nan() {
        return key.to_string();
    }
    let opts = options(&[("month", "short"), ("year", "numeric"), ("timeZone", "UTC")]);
    date.to_locale_date_string(locale(lang), &opts).into()
}
