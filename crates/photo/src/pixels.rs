//! The one in-memory picture the pipeline passes between stages: packed 8-bit RGB. JPEG has no
//! alpha, so anything with transparency is flattened once, on the way in.

/// Packed RGB, row-major, no padding.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Rgb {
    pub width: u32,
    pub height: u32,
    pub data: Vec<u8>,
}

impl Rgb {
    pub fn new(width: u32, height: u32, data: Vec<u8>) -> Self {
        debug_assert_eq!(data.len(), width as usize * height as usize * 3);
        Rgb {
            width,
            height,
            data,
        }
    }

    /// Gray to RGB (grayscale JPEGs exist; the resizer and encoder here take RGB only).
    pub fn from_gray(width: u32, height: u32, gray: &[u8]) -> Self {
        let data = gray.iter().flat_map(|&g| [g, g, g]).collect();
        Rgb::new(width, height, data)
    }

    /// RGBA to RGB over a white background, in place: a transparent product cut-out becomes a
    /// white catalogue background instead of JPEG's black.
    pub fn from_rgba_on_white(width: u32, height: u32, mut rgba: Vec<u8>) -> Self {
        let pixels = width as usize * height as usize;
        for i in 0..pixels {
            let a = u32::from(rgba[i * 4 + 3]);
            for c in 0..3 {
                let v = u32::from(rgba[i * 4 + c]);
                // Rounded v·a/255 + 255·(255 − a)/255.
                rgba[i * 3 + c] = ((v * a + 255 * (255 - a) + 127) / 255) as u8;
            }
        }
        rgba.truncate(pixels * 3);
        rgba.shrink_to_fit();
        Rgb::new(width, height, rgba)
    }
}

#[cfg(test)]
mod tests {
    use super::Rgb;

    #[test]
    fn transparency_becomes_white_and_opaque_stays() {
        let rgba = vec![10, 20, 30, 255, 0, 0, 0, 0, 0, 0, 0, 128];
        let rgb = Rgb::from_rgba_on_white(3, 1, rgba);
        assert_eq!(rgb.data, vec![10, 20, 30, 255, 255, 255, 127, 127, 127]);
    }
}
