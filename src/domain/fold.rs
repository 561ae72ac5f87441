//! Text folding: the one way text is compared, so "phong kinh te" finds "Phòng Kinh tế"
//! and "d" finds "đ". Used by search, header matching and unit names.

use super::normal_form::nfd;

/// Lower-case, strip diacritics (đ → d), and collapse runs of whitespace to one space.
/// Punctuation is kept; use [`fold_key`] when punctuation must not matter either.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for c in nfd(text) {
        if is_combining_mark(c) {
            continue;
        }
        if c.is_whitespace() {
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        match c {
            // 'Ð' (U+00D0, Icelandic eth) stands for 'Đ' in texts typed with some old fonts.
            'đ' | 'Đ' | 'ð' | 'Ð' => out.push('d'),
            _ => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// Folded words, with everything that is not a letter or digit treated as a separator:
/// "Thời hạn hoàn thành (dd/mm/yyyy)" → ["thoi", "han", "hoan", "thanh", "dd", "mm", "yyyy"].
pub fn fold_words(text: &str) -> Vec<String> {
    fold(text)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Folded words joined with single spaces: equal for texts that differ only in case,
/// diacritics, punctuation and spacing ("Phòng TC-KH" and "phong tc kh").
pub fn fold_key(text: &str) -> String {
    fold_words(text).join(" ")
}

/// The text a search looks in: each part's folded words ([`fold_key`]), parts kept apart by " | "
/// so a phrase never runs from one field into the next.
pub fn search_key(parts: &[&str]) -> String {
    parts.iter().map(|p| fold_key(p)).filter(|k| !k.is_empty()).collect::<Vec<_>>().join(" | ")
}

/// Does the haystack contain the query's words, in order, as a phrase starting at a word,
/// ignoring case, diacritics and punctuation? "phong kinh te" finds "Phòng Kinh tế" but not a
/// text that merely has "phòng", "kinh phí" and "y tế" in different places; "phòng chống dịch"
/// finds "phòng, chống dịch". `haystack` must be made by [`search_key`].
pub fn matches_query(haystack: &str, query: &str) -> bool {
    let q = fold_key(query);
    q.is_empty() || matches_folded(haystack, &q)
}

/// [`matches_query`] with the query already made by [`fold_key`] (and not empty): what a search
/// over many tasks calls, folding the query once.
pub fn matches_folded(haystack: &str, folded_query: &str) -> bool {
    haystack.match_indices(folded_query).any(|(i, _)| i == 0 || haystack[..i].ends_with(' '))
}

/// The text without its accents, case kept (đ → d, Đ → D): "Phòng Tài chính" → "Phong Tai chinh".
/// For file names, which some mail systems and old Windows tools mangle when they hold accents.
pub fn without_accents(text: &str) -> String {
    nfd(text)
        .filter(|c| !is_combining_mark(*c))
        .map(|c| match c {
            'đ' => 'd',
            'Đ' => 'D',
            c => c,
        })
        .collect()
}

fn is_combining_mark(c: char) -> bool {
    // Combining Diacritical Marks; Vietnamese tones and vowel marks decompose into these.
    ('\u{0300}'..='\u{036F}').contains(&c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unit_name_is_found_without_diacritics() {
        assert!(matches_query(&search_key(&["Phòng Kinh tế"]), "phong kinh te"));
        assert!(matches_query(&search_key(&["Phòng Kinh tế"]), "KINH TẾ"));
        assert!(!matches_query(&search_key(&["Phòng Kinh tế"]), "phong tai chinh"));
    }

    #[test]
    fn punctuation_is_ignored_but_word_order_is_not() {
        let text = search_key(&["Tăng cường công tác phòng, chống dịch bệnh", "125/TB-UBND"]);
        assert!(matches_query(&text, "phòng chống dịch"));
        assert!(matches_query(&text, "phong, chong"));
        assert!(matches_query(&text, "125/TB-UBND"));
        assert!(!matches_query(&text, "chống phòng"));
        assert!(!matches_query(&text, "benh 125"), "a phrase does not run across fields");
    }

    #[test]
    fn the_query_is_a_phrase_starting_at_a_word() {
        let text = search_key(&["Rà soát đối tượng trên 70 tuổi; hỗ trợ kinh phí cấp thẻ bảo hiểm y tế (Phòng LĐ-TB&XH)"]);
        assert!(!matches_query(&text, "phong kinh te"), "words scattered apart are not the phrase");
        assert!(matches_query(&text, "kinh phi"));
        assert!(matches_query(&text, "bao hiem y"));
        assert!(!matches_query(&text, "ao hiem"), "a phrase starts at a word");
        assert!(matches_query(&text, "ld-tb"));
        assert!(matches_query(&text, ""));
    }

    #[test]
    fn d_finds_đ() {
        assert_eq!(fold("Đôn Đốc"), "don doc");
        assert_eq!(fold("Ðài Phát thanh"), fold("Đài Phát thanh"));
        assert!(matches_query(&search_key(&["Quản lý đô thị"]), "do thi"));
    }

    #[test]
    fn decomposed_text_folds_like_precomposed() {
        let precomposed = "Tiến độ";
        let decomposed: String = nfd(precomposed).collect();
        assert_ne!(precomposed, decomposed);
        assert_eq!(fold(&decomposed), fold(precomposed));
        assert_eq!(fold(precomposed), "tien do");
    }

    #[test]
    fn whitespace_collapses_and_trims() {
        assert_eq!(fold("  Nội dung \n\t nhiệm vụ  "), "noi dung nhiem vu");
    }

    #[test]
    fn accents_go_and_capitals_stay() {
        assert_eq!(without_accents("Phòng Tài chính - Kế hoạch"), "Phong Tai chinh - Ke hoach");
        assert_eq!(without_accents("ĐỘI Đồng"), "DOI Dong");
    }

    #[test]
    fn keys_ignore_punctuation() {
        assert_eq!(fold_key("Phòng TC-KH"), fold_key("phong  tc kh"));
        assert_eq!(
            fold_words("Thời hạn hoàn thành (dd/mm/yyyy)"),
            vec!["thoi", "han", "hoan", "thanh", "dd", "mm", "yyyy"]
        );
    }
}
