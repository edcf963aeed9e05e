//! The committee's papers from the page (outputs.md, "Papers for a
//! committee"): Excel, Word and the commentary pack, made by the worker
//! (the page's own module carries no writer) from the scorecard shown, its
//! settings, the commentary in the boxes and the publishable option. A Word
//! paper's charts are drawn here, from the page's own SVGs, as PNG.
//!
//! Owns: the three buttons and rasterising the charts. Must not: lay out a
//! paper (`csc-papers` does, in the worker).

use std::sync::Arc;

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

use crate::domain::scorecard::Scorecard;
use crate::ui::browser;
use crate::ui::commentary;
use crate::ui::engine::Engine;
use crate::ui::state::AppState;
use crate::worker_protocol::{ChartMeta, PaperKind, Request};

/// Charts are drawn at twice their CSS size, so they stay sharp in Word.
const SCALE: u32 = 2;

/// Asks the worker for a paper of the scorecard shown.
fn make(state: AppState, engine: Engine, kind: PaperKind) {
    let Some(Ok(card)) = state.scorecard.get_untracked() else {
        return;
    };
    let settings = state.settings.get_untracked();
    let commentary = commentary::shown(&card, &settings);
    let publishable = state.publishable.get_untracked();
    let month = card.month;
    let today = browser::today();
    let request = move |charts: Vec<ChartMeta>| {
        move |id| Request::Paper {
            id,
            kind,
            settings: Box::new(settings),
            month,
            commentary,
            publishable,
            today,
            charts,
        }
    };
    if kind != PaperKind::Docx {
        engine.paper(request(Vec::new()), Vec::new());
        return;
    }
    state.busy.set(Some("Drawing the charts for Word…".into()));
    leptos::task::spawn_local(async move {
        let (metas, images) = charts_as_png(&card).await;
        engine.paper(request(metas), images);
    });
}

/// Every indicator's charts (the series, and the areas where it has them)
/// as PNG, with what Word needs to place them; a chart the browser cannot
/// draw is left out.
async fn charts_as_png(card: &Arc<Scorecard>) -> (Vec<ChartMeta>, Vec<Vec<u8>>) {
    let mut metas = Vec::new();
    let mut images = Vec::new();
    for result in card
        .indicators
        .iter()
        .filter(|r| r.missing_inputs.is_empty())
    {
        let (w, h) = crate::chart::SERIES_SIZE;
        let label = crate::chart::SeriesFigures::of(result).headline.label;
        let mut drawn = vec![(
            crate::chart::series_chart(result, w, h),
            (w, h),
            format!("Chart: {label}, month by month."),
        )];
        if !result.areas.is_empty() {
            let (w, h) = crate::chart::AREA_SIZE;
            drawn.push((
                crate::chart::area_chart(result, w, h),
                (w, h),
                format!("Chart: {label} by area, {}.", card.month.label()),
            ));
        }
        for (svg, (w, h), alt) in drawn {
            if let Some(png) = png_of_svg(&svg, w, h).await {
                metas.push(ChartMeta {
                    indicator: result.definition.id.to_string(),
                    alt,
                    width_px: w,
                    height_px: h,
                });
                images.push(png);
            }
        }
    }
    (metas, images)
}

/// An SVG drawn on a canvas (on a white ground, as in print) and read back
/// as PNG bytes.
async fn png_of_svg(svg: &str, width: u32, height: u32) -> Option<Vec<u8>> {
    let document = web_sys::window()?.document()?;
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("image/svg+xml");
    let parts = js_sys::Array::of1(&JsValue::from_str(svg));
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).ok()?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).ok()?;
    let image = web_sys::HtmlImageElement::new().ok()?;
    image.set_src(&url);
    let decoded = wasm_bindgen_futures::JsFuture::from(image.decode()).await;
    let _ = web_sys::Url::revoke_object_url(&url);
    decoded.ok()?;
    let canvas: web_sys::HtmlCanvasElement =
        document.create_element("canvas").ok()?.dyn_into().ok()?;
    canvas.set_width(width * SCALE);
    canvas.set_height(height * SCALE);
    let context: web_sys::CanvasRenderingContext2d =
        canvas.get_context("2d").ok()??.dyn_into().ok()?;
    context.set_fill_style_str("#ffffff");
    context.fill_rect(
        0.0,
        0.0,
        f64::from(width * SCALE),
        f64::from(height * SCALE),
    );
    context
        .draw_image_with_html_image_element_and_dw_and_dh(
            &image,
            0.0,
            0.0,
            f64::from(width * SCALE),
            f64::from(height * SCALE),
        )
        .ok()?;
    let png = js_sys::Promise::new(&mut |resolve, _reject| {
        let on_blob = Closure::once_into_js(move |blob: JsValue| {
            let _ = resolve.call1(&JsValue::NULL, &blob);
        });
        let _ = canvas.to_blob(on_blob.unchecked_ref());
    });
    let blob: web_sys::Blob = wasm_bindgen_futures::JsFuture::from(png)
        .await
        .ok()?
        .dyn_into()
        .ok()?;
    let buffer = wasm_bindgen_futures::JsFuture::from(blob.array_buffer())
        .await
        .ok()?;
    Some(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// The three papers' buttons, active once a scorecard shows.
#[component]
pub(crate) fn PaperButtons(state: AppState) -> impl IntoView {
    let engine = expect_context::<Engine>();
    let none = move || !matches!(state.scorecard.get(), Some(Ok(_)));
    let why = move || none().then_some("exports-why");
    view! {
        <button type="button" class="button small secondary" data-testid="export-xlsx" disabled=none aria-describedby=why
            on:click=move |_| make(state, engine, PaperKind::Xlsx)>"Excel"</button>
        <button type="button" class="button small secondary" data-testid="export-docx" disabled=none aria-describedby=why
            on:click=move |_| make(state, engine, PaperKind::Docx)>"Word"</button>
        <button type="button" class="button small secondary" data-testid="export-commentary" disabled=none aria-describedby=why
            on:click=move |_| make(state, engine, PaperKind::Commentary)>"Commentary pack"</button>
    }
}
