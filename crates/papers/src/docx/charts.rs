//! The page's charts as pictures in the paper: each PNG inline, in its own
//! paragraph, scaled down (never up) to the text width of A4 portrait and
//! to a height that leaves room for the table above it; its text
//! alternative recorded in document order so `package` can write it as
//! the picture's alt text (docx-rs has no setting for it).
//!
//! Owns: sizing and placing the pictures. Must not: draw a chart (the page
//! rasterises its own SVG) or decode one.

use docx_rs::{Paragraph, Pic, Run};

use crate::ChartImage;
use crate::docx::layout::{self, EMU_PER_TWIP, NOTE, TEXT_WIDTH};

/// EMU per pixel at 96 pixels to the inch (Word's and the browser's).
const EMU_PER_PIXEL: u64 = 9525;
/// At most 9 cm tall: a series chart and a table share half a page.
const MAX_HEIGHT: u64 = 9 * 360_000;

/// The charts placed so far, in document order.
#[derive(Debug, Default)]
pub(crate) struct Charts {
    alts: Vec<String>,
}

impl Charts {
    /// The text alternative of each picture placed, in document order.
    pub(crate) fn alts(&self) -> &[String] {
        &self.alts
    }

    /// A paragraph holding `image`, or its text alternative in words when
    /// it is not a PNG with a size (a picture Word cannot show would leave
    /// the reader nothing).
    pub(crate) fn paragraph(&mut self, image: &ChartImage) -> Paragraph {
        let Some((cx, cy)) = fit(image.width_px, image.height_px)
            .filter(|_| image.png.starts_with(b"\x89PNG\r\n\x1a\n"))
        else {
            return layout::paragraph(NOTE, &format!("Chart not included: {}", image.alt));
        };
        self.alts.push(layout::clean(&image.alt));
        // The size is set below in EMU: docx-rs's own pixel conversion
        // multiplies in u32 and would overflow on an absurd width.
        let pic = Pic::new_with_dimensions(image.png.clone(), 0, 0)
            // A stable id of our own: docx-rs numbers pictures from a
            // process-wide counter, so the same paper would differ from
            // one making to the next.
            .id(format!("rIdChart{}", self.alts.len()))
            .size(cx, cy);
        Paragraph::new().add_run(Run::new().add_image(pic))
    }
}

/// The picture's size in EMU: its pixels at 96 dpi, scaled down to fit
/// the text width and `MAX_HEIGHT`, keeping its shape. `None` for an
/// image without a size.
fn fit(width_px: u32, height_px: u32) -> Option<(u32, u32)> {
    if width_px == 0 || height_px == 0 {
        return None;
    }
    // In u128: a page could hand over any u32 size, and the products
    // below would overflow u64.
    let width = u128::from(width_px) * u128::from(EMU_PER_PIXEL);
    let height = u128::from(height_px) * u128::from(EMU_PER_PIXEL);
    let max_width = TEXT_WIDTH as u128 * u128::from(EMU_PER_TWIP);
    let max_height = u128::from(MAX_HEIGHT);
    // Scale by the tighter of the two limits, in integers: v·num/den.
    let (num, den) = if width * max_height > height * max_width {
        (max_width, width)
    } else {
        (max_height, height)
    };
    let (num, den) = if num >= den { (1, 1) } else { (num, den) };
    let scaled = |v: u128| u32::try_from(v * num / den).ok();
    Some((scaled(width)?.max(1), scaled(height)?.max(1)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_charts_keep_their_size() {
        // 400 × 200 px at 96 dpi: 3,810,000 × 1,905,000 EMU, inside both limits.
        assert_eq!(fit(400, 200), Some((3_810_000, 1_905_000)));
    }

    #[test]
    fn wide_charts_shrink_to_the_text_width() {
        // 1,280 × 640 px is 12,192,000 EMU wide; the text width is
        // 9,866 twips × 635 = 6,264,910 EMU, so half the height too.
        assert_eq!(fit(1280, 640), Some((6_264_910, 3_132_455)));
    }

    #[test]
    fn tall_charts_shrink_to_nine_centimetres() {
        // 400 × 800 px: 7,620,000 EMU tall, limited to 3,240,000 (9 cm).
        assert_eq!(fit(400, 800), Some((1_620_000, 3_240_000)));
        assert_eq!(fit(0, 10), None);
    }

    #[test]
    fn what_is_not_a_png_is_told_in_words() {
        let mut charts = Charts::default();
        let not_png = ChartImage {
            png: b"GIF89a".to_vec(),
            width_px: 10,
            height_px: 10,
            alt: "Chart: plans by month".into(),
        };
        let _ = charts.paragraph(&not_png);
        assert!(charts.alts().is_empty());
    }
}
