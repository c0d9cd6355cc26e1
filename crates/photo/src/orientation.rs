//! EXIF orientation: phones store the sensor's pixels as they came and only *say* how to turn
//! them. Browsers honour that in `<img>`, but our output drops all metadata (it can carry GPS),
//! so the turn must be baked into the pixels or the photo shows sideways.

use serde::{Deserialize, Serialize};

/// The eight EXIF orientations, named for what must be done to the stored pixels to show them
/// upright. `2, 4, 5, 7` are mirrored (front cameras, some scanners).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(into = "u8", try_from = "u8")]
pub enum Orientation {
    /// 1: already upright.
    #[default]
    Normal,
    /// 2: mirror left–right.
    FlipHorizontal,
    /// 3: turn 180°.
    Rotate180,
    /// 4: mirror top–bottom.
    FlipVertical,
    /// 5: mirror across the main diagonal (turn 90° clockwise, then mirror left–right).
    Transpose,
    /// 6: turn 90° clockwise (a phone held upright, the usual portrait photo).
    Rotate90,
    /// 7: mirror across the anti-diagonal (turn 90° anticlockwise, then mirror left–right).
    Transverse,
    /// 8: turn 90° anticlockwise.
    Rotate270,
}

impl Orientation {
    /// All eight, in EXIF order (index + 1 is the tag value).
    pub const ALL: [Orientation; 8] = [
        Orientation::Normal,
        Orientation::FlipHorizontal,
        Orientation::Rotate180,
        Orientation::FlipVertical,
        Orientation::Transpose,
        Orientation::Rotate90,
        Orientation::Transverse,
        Orientation::Rotate270,
    ];

    /// From the EXIF tag value; `None` for values outside 1–8 (treat as upright).
    pub fn from_exif(value: u16) -> Option<Self> {
        match value {
            1..=8 => Some(Self::ALL[usize::from(value - 1)]),
            _ => None,
        }
    }

    /// The EXIF tag value, 1–8.
    pub fn exif(self) -> u8 {
        Self::ALL.iter().position(|o| *o == self).unwrap_or(0) as u8 + 1
    }

    /// Whether width and height trade places when shown (the 90° cases).
    pub fn swaps_axes(self) -> bool {
        matches!(
            self,
            Orientation::Transpose
                | Orientation::Rotate90
                | Orientation::Transverse
                | Orientation::Rotate270
        )
    }

    /// The displayed size of stored pixels `width × height`.
    pub fn display_size(self, width: u32, height: u32) -> (u32, u32) {
        if self.swaps_axes() {
            (height, width)
        } else {
            (width, height)
        }
    }

    /// Bakes the orientation into packed RGB pixels, returning the upright image. Done after
    /// the resize, on the 1600 px image, where a copy costs a few MB instead of tens.
    #[cfg(feature = "codec")]
    pub(crate) fn apply(self, image: crate::pixels::Rgb) -> crate::pixels::Rgb {
        use crate::pixels::Rgb;
        if self == Orientation::Normal {
            return image;
        }
        let (w, h) = (image.width as isize, image.height as isize);
        let (dw, dh) = self.display_size(image.width, image.height);
        // The stored pixel under displayed (x, y) is `first + x·step_x + y·step_y` (in
        // pixels): one affine map per orientation keeps the inner loop to an add and a copy.
        let (first, step_x, step_y) = match self {
            Orientation::Normal => (0, 1, w),
            Orientation::FlipHorizontal => (w - 1, -1, w),
            Orientation::Rotate180 => ((h - 1) * w + w - 1, -1, -w),
            Orientation::FlipVertical => ((h - 1) * w, 1, -w),
            Orientation::Transpose => (0, w, 1),
            Orientation::Rotate90 => ((h - 1) * w, -w, 1),
            Orientation::Transverse => ((h - 1) * w + w - 1, -w, -1),
            Orientation::Rotate270 => (w - 1, w, -1),
        };
        let src = &image.data;
        let mut out = vec![0u8; src.len()];
        for (y, row) in out.chunks_exact_mut(dw as usize * 3).enumerate() {
            let mut s = first + y as isize * step_y;
            for px in row.chunks_exact_mut(3) {
                let i = s as usize * 3;
                px.copy_from_slice(&src[i..i + 3]);
                s += step_x;
            }
        }
        Rgb::new(dw, dh, out)
    }
}

impl From<Orientation> for u8 {
    fn from(o: Orientation) -> u8 {
        o.exif()
    }
}

impl TryFrom<u8> for Orientation {
    type Error = String;
    fn try_from(value: u8) -> Result<Self, String> {
        Orientation::from_exif(value.into()).ok_or_else(|| format!("EXIF orientation {value}"))
    }
}

#[cfg(all(test, feature = "codec"))]
mod tests {
    use super::Orientation;
    use crate::pixels::Rgb;

    /// A 3×2 image whose pixel at (x, y) has red = 10·x + y, so every move is visible.
    fn sample() -> Rgb {
        let mut data = Vec::new();
        for y in 0..2u8 {
            for x in 0..3u8 {
                data.extend_from_slice(&[10 * x + y, 0, 0]);
            }
        }
        Rgb::new(3, 2, data)
    }

    fn reds(image: &Rgb) -> Vec<Vec<u8>> {
        image
            .data
            .chunks(image.width as usize * 3)
            .map(|row| row.chunks(3).map(|p| p[0]).collect())
            .collect()
    }

    #[test]
    fn each_orientation_moves_pixels_as_exif_defines() {
        // Stored:            x=0 x=1 x=2
        //             y=0:    0  10  20
        //             y=1:    1  11  21
        let expect: [(Orientation, Vec<Vec<u8>>); 8] = [
            (Orientation::Normal, vec![vec![0, 10, 20], vec![1, 11, 21]]),
            (
                Orientation::FlipHorizontal,
                vec![vec![20, 10, 0], vec![21, 11, 1]],
            ),
            (
                Orientation::Rotate180,
                vec![vec![21, 11, 1], vec![20, 10, 0]],
            ),
            (
                Orientation::FlipVertical,
                vec![vec![1, 11, 21], vec![0, 10, 20]],
            ),
            (
                Orientation::Transpose,
                vec![vec![0, 1], vec![10, 11], vec![20, 21]],
            ),
            // Clockwise: the left column (bottom first) becomes the top row.
            (
                Orientation::Rotate90,
                vec![vec![1, 0], vec![11, 10], vec![21, 20]],
            ),
            (
                Orientation::Transverse,
                vec![vec![21, 20], vec![11, 10], vec![1, 0]],
            ),
            // Anticlockwise: the right column (top first) becomes the top row.
            (
                Orientation::Rotate270,
                vec![vec![20, 21], vec![10, 11], vec![0, 1]],
            ),
        ];
        for (o, want) in expect {
            assert_eq!(reds(&o.apply(sample())), want, "orientation {}", o.exif());
        }
    }

    #[test]
    fn exif_values_round_trip_and_out_of_range_is_none() {
        for v in 1..=8u16 {
            assert_eq!(u16::from(Orientation::from_exif(v).unwrap().exif()), v);
        }
        assert_eq!(Orientation::from_exif(0), None);
        assert_eq!(Orientation::from_exif(9), None);
        assert!(Orientation::Rotate90.swaps_axes() && !Orientation::Rotate180.swaps_axes());
    }
}
