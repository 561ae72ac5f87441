//! Unicode canonical normalisation (NFD and NFC), the two forms Vietnamese text is compared and
//! stored in. Built on `unicode-normalization`'s per-character functions rather than its `.nfd()`
//! and `.nfc()` iterators: those iterators also reach the compatibility tables (about 60 KB that
//! every page load would carry, though no text here is ever compatibility-normalised). The
//! results are the crate's own, character for character (tests below).

use std::str::Chars;

use unicode_normalization::char::{canonical_combining_class, compose, decompose_canonical};

/// The text canonically decomposed (NFD): "ế" → 'e', U+0302, U+0301, marks in canonical order.
pub fn nfd(text: &str) -> Nfd<'_> {
    Nfd { input: text.chars(), buffer: Vec::new(), ready: 0, next: 0 }
}

/// Letters below the combining marks (ASCII, Latin-1, Latin Extended-A and B: ă, đ, ơ, ư) and
/// the precomposed Latin Extended Additional ones (ạ … ỹ) are composed already: Vietnamese as
/// typed is told composed by range, not looked up letter by letter (a tenth of reading a sheet).
pub fn composed_by_range(text: &str) -> bool {
    text.chars().all(|c| (c as u32) < 0x300 || (0x1E00..=0x1EFF).contains(&(c as u32)))
}

/// The text canonically composed (NFC): what a keyboard types and Excel shows, whatever form the
/// text came in.
pub fn nfc(text: &str) -> String {
    if composed_by_range(text) {
        return text.to_string();
    }
    let mut out: Vec<char> = Vec::with_capacity(text.len());
    // Where the last starter (a character of class 0) is in `out`, and the class of the last
    // character kept after it (None: nothing between them).
    let mut starter: Option<usize> = None;
    let mut last_class: Option<u8> = None;
    for c in nfd(text) {
        let class = canonical_combining_class(c);
        if let Some(at) = starter {
            // A character combines with the starter unless one between them blocks it.
            let blocked = last_class.is_some_and(|last| last == 0 || last >= class);
            if !blocked {
                if let Some(composed) = compose(out[at], c) {
                    out[at] = composed;
                    continue;
                }
            }
        }
        if class == 0 {
            starter = Some(out.len());
            last_class = None;
        } else {
            last_class = Some(class);
        }
        out.push(c);
    }
    out.into_iter().collect()
}

/// The iterator [`nfd`] returns.
pub struct Nfd<'a> {
    input: Chars<'a>,
    /// Decomposed characters with their classes; `..ready` are in canonical order.
    buffer: Vec<(u8, char)>,
    ready: usize,
    next: usize,
}

impl Iterator for Nfd<'_> {
    type Item = char;

    fn next(&mut self) -> Option<char> {
        loop {
            if self.next < self.ready {
                self.next += 1;
                return Some(self.buffer[self.next - 1].1);
            }
            self.buffer.drain(..self.ready);
            self.ready = 0;
            self.next = 0;
            match self.input.next() {
                Some(c) => {
                    let (buffer, ready) = (&mut self.buffer, &mut self.ready);
                    decompose_canonical(c, |d| {
                        let class = canonical_combining_class(d);
                        if class == 0 {
                            // A starter ends the run before it: its marks go in class order
                            // (a stable sort; the run's own starter, class 0, stays first).
                            buffer.sort_by_key(|(class, _)| *class);
                            *ready = buffer.len();
                        }
                        buffer.push((class, d));
                    });
                }
                None if self.buffer.is_empty() => return None,
                None => {
                    self.buffer.sort_by_key(|(class, _)| *class);
                    self.ready = self.buffer.len();
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_normalization::UnicodeNormalization;

    fn same_as_the_crate(text: &str) {
        assert_eq!(nfd(text).collect::<String>(), text.nfd().collect::<String>(), "NFD of {text:?}");
        assert_eq!(nfc(text), text.nfc().collect::<String>(), "NFC of {text:?}");
    }

    #[test]
    fn every_character_normalises_as_the_crate_does() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            same_as_the_crate(c.encode_utf8(&mut [0; 4]));
        }
    }

    #[test]
    fn mixed_text_normalises_as_the_crate_does() {
        // Vietnamese in both forms, marks of different classes in every order (U+0323 below is
        // class 220, U+0302 above 230, U+031B horn 216), Hangul syllables and jamo, a mark with
        // no base, and characters that compose only with no mark between.
        let pool: Vec<char> = "aAeEoOuUyđĐ \u{0300}\u{0301}\u{0303}\u{0309}\u{0323}\u{0302}\u{0306}\u{031B}\u{0308}\u{0345}\u{05B0}\u{0F71}\u{0F72}ếộưỡ가\u{1100}\u{1161}\u{11A8}\u{0CC6}\u{0CC2}\u{0CD5}".chars().collect();
        let mut seed = 0x2545F491u64;
        for _ in 0..20_000 {
            let len = (seed % 9) as usize;
            let text: String = (0..len)
                .map(|_| {
                    seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                    pool[(seed >> 33) as usize % pool.len()]
                })
                .collect();
            same_as_the_crate(&text);
        }
        assert_eq!(nfc("Tie\u{0302}\u{0301}n đo\u{0323}\u{0302}"), "Tiến độ");
        assert_eq!(nfd("ộ").collect::<Vec<_>>(), ['o', '\u{0323}', '\u{0302}']);
    }
}
