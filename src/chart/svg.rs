//! SVG text from the drawing functions: sizes kept within what can be
//! drawn, the text alternative added to the root (`role="img"`,
//! `aria-label`, `<title>`) with the value axis's ends as data attributes,
//! and a plain fallback when drawing fails.
//!
//! Owns the only use of `SVGBackend`. It must not draw chart content.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::style::Axis;

/// Full charts: too small to lay out below this, too big to be sensible above.
const CHART_MIN: (u32, u32) = (240, 160);
const MAX: (u32, u32) = (4000, 3000);
const SPARKLINE_MIN: (u32, u32) = (16, 8);

pub(crate) fn chart_size(width: u32, height: u32) -> (u32, u32) {
    (
        width.clamp(CHART_MIN.0, MAX.0),
        height.clamp(CHART_MIN.1, MAX.1),
    )
}

pub(crate) fn sparkline_size(width: u32, height: u32) -> (u32, u32) {
    (
        width.clamp(SPARKLINE_MIN.0, MAX.0),
        height.clamp(SPARKLINE_MIN.1, MAX.1),
    )
}

/// Draws with `draw` on an SVG of `size` and labels it with the text
/// alternative `alt` gives for the value axis `draw` returns (none for a
/// chart without one). The axis's ends and step go on the root as
/// `data-axis-bottom`, `data-axis-top` and `data-axis-step` (raw numbers),
/// so a test can read the scale without parsing tick text.
pub(crate) fn render<A, F>(size: (u32, u32), alt: A, draw: F) -> String
where
    A: Fn(Option<&Axis>) -> String,
    F: for<'a> FnOnce(
        &DrawingArea<SVGBackend<'a>, Shift>,
    ) -> DrawResult<Option<Axis>, SVGBackend<'a>>,
{
    let mut text = String::new();
    let drawn = {
        let root = SVGBackend::with_string(&mut text, size).into_drawing_area();
        draw(&root).and_then(|axis| root.present().map(|()| axis))
    };
    if let Ok(axis) = drawn {
        if let Some(labelled) = label(&text, &alt(axis.as_ref()), axis.as_ref()) {
            return labelled;
        }
    }
    fallback(size, &alt(None))
}

/// Adds the text alternative (and the axis's data attributes) to plotters'
/// root `<svg …>` tag: the attributes go right after `<svg`, the `<title>`
/// first inside it.
fn label(svg: &str, alt: &str, axis: Option<&Axis>) -> Option<String> {
    let rest = svg.strip_prefix("<svg ")?;
    let close = rest.find('>')?;
    let (attributes, body) = rest.split_at(close);
    let body = body.strip_prefix(">")?;
    let body = body.strip_prefix('\n').unwrap_or(body);
    let alt = escape(alt);
    let data = axis.map_or_else(String::new, |axis| {
        format!(
            "data-axis-bottom=\"{}\" data-axis-top=\"{}\" data-axis-step=\"{}\" ",
            axis.bottom, axis.top, axis.step
        )
    });
    Some(format!(
        "<svg role=\"img\" aria-label=\"{alt}\" {data}{attributes}>\n<title>{alt}</title>\n{body}"
    ))
}

/// The SVG when drawing failed: a blank box that still says what it shows.
fn fallback((width, height): (u32, u32), alt: &str) -> String {
    let alt = escape(alt);
    format!(
        "<svg role=\"img\" aria-label=\"{alt}\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" xmlns=\"http://www.w3.org/2000/svg\">\n<title>{alt}</title>\n</svg>\n"
    )
}

/// Text safe inside an attribute or element.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_the_root() {
        let svg = "<svg width=\"2\" height=\"1\">\n<rect/>\n</svg>\n";
        assert_eq!(
            label(svg, "A & B", None).unwrap(),
            "<svg role=\"img\" aria-label=\"A &amp; B\" width=\"2\" height=\"1\">\n<title>A &amp; B</title>\n<rect/>\n</svg>\n"
        );
        assert_eq!(label("<g/>", "x", None), None);
        let axis = Axis {
            bottom: 80.0,
            top: 100.0,
            step: 2.5,
        };
        assert_eq!(
            label(svg, "x", Some(&axis)).unwrap(),
            "<svg role=\"img\" aria-label=\"x\" data-axis-bottom=\"80\" data-axis-top=\"100\" data-axis-step=\"2.5\" width=\"2\" height=\"1\">\n<title>x</title>\n<rect/>\n</svg>\n"
        );
    }

    #[test]
    fn fallback_is_labelled() {
        let svg = fallback((10, 5), "\"quoted\"");
        assert!(svg.starts_with("<svg role=\"img\" aria-label=\"&quot;quoted&quot;\""));
        assert!(svg.contains("<title>&quot;quoted&quot;</title>"));
    }
}
