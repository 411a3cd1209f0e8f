//! Text colour on a level's colour: the one of black or white with the
//! higher WCAG contrast, which is always at least 4.58:1.

/// `#000000` or `#ffffff`, whichever reads better on `background` (`#rrggbb`).
/// Anything unparsable gets black, on the page's light background.
pub fn text_on(background: &str) -> &'static str {
    let Some(luminance) = relative_luminance(background) else {
        return "#000000";
    };
    // Contrast with black is (L + 0.05) / 0.05, with white 1.05 / (L + 0.05).
    if (luminance + 0.05) * (luminance + 0.05) >= 1.05 * 0.05 {
        "#000000"
    } else {
        "#ffffff"
    }
}

fn relative_luminance(hex: &str) -> Option<f64> {
    let hex = hex.strip_prefix('#')?;
    if hex.len() != 6 {
        return None;
    }
    let channel = |at: usize| -> Option<f64> {
        let v = f64::from(u8::from_str_radix(hex.get(at..at + 2)?, 16).ok()?) / 255.0;
        Some(if v <= 0.039_28 {
            v / 12.92
        } else {
            ((v + 0.055) / 1.055).powf(2.4)
        })
    };
    Some(0.2126 * channel(0)? + 0.7152 * channel(2)? + 0.0722 * channel(4)?)
}

#[cfg(test)]
mod tests {
    use super::text_on;

    #[test]
    fn picks_the_readable_text_colour() {
        for (bg, text) in [
            ("#b71c1c", "#ffffff"),
            ("#2e7d32", "#ffffff"),
            ("#f9a825", "#000000"),
            ("#ef6c00", "#000000"),
            ("#ffffff", "#000000"),
            ("#000000", "#ffffff"),
            ("nonsense", "#000000"),
        ] {
            assert_eq!(text_on(bg), text, "{bg}");
        }
    }
}
