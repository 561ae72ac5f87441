//! Unit and person names as trackers write them: writing a unit name typed in capitals (a group row
//! "VII. VĂN PHÒNG HĐND-UBND THỊ XÃ") the way Vietnamese offices write it ("Văn phòng HĐND-UBND
//! thị xã"), and telling, by grammar alone, whether a text is a unit's name ([`looks_like_unit`]) or a
//! person's name or title ([`looks_like_person`]). Pure functions; NFC and NFD input read the same.
//!
//! # How a name in capitals is written ([`normalise_case`])
//!
//! Only text that is mostly in capitals is touched (more than half of its words that are Vietnamese
//! syllables of two letters or more are all upper case); anything else comes back trimmed, with
//! runs of whitespace collapsed, in NFC, otherwise as written. An enumerator ("VII. ") is kept as it
//! is. Then every word is lower-cased except:
//!
//! * **acronyms**, which keep their capitals. A word is an acronym when it is not a Vietnamese
//!   syllable: an initial (b c ch d đ g gh gi h k kh l m n ng ngh nh p ph qu r s t th tr v x, or
//!   none), a vowel nucleus (a, ia, oa, uyê, ươi…), a final (c ch m n ng nh p t, or none), with the
//!   rule that a syllable closed by p, t, c, ch carries the sắc or nặng tone. UBND, HĐND, TNMT, QLDA,
//!   ĐTXD, HĐGPMB, MTTQ, BCH, KT-HT, LĐTB&XH, GD&ĐT, AFD, COVID are not syllables, so they stay.
//!   Words with digits, and one-letter labels other than "y" ("Khu A"), are kept too;
//! * **the first word of the name**;
//! * **after a head noun that names a field** (Phòng, Văn phòng, Sở, Trung tâm, Chi cục, Cục, Đài,
//!   Viện, Bệnh viện, Trường, Kho bạc, Chi nhánh, Đội, Hạt, Hội, Đoàn, Liên đoàn, Mặt trận) the
//!   field's first word ("Phòng Tài chính", "Trung tâm Y tế", "Đoàn Thanh niên"), and inside that
//!   field name the first word after "và", "&", a comma, or a dash ("Giáo dục và Đào tạo",
//!   "Lao động - Thương binh và Xã hội", "Kinh tế, Hạ tầng và Đô thị");
//! * **after "Trường" and a school level in capitals** the school's name ("Trường THCS Quỳnh Vinh");
//! * **after "Ban"** only the next word ("Ban Quản lý dự án…", "Ban Chỉ huy quân sự thị xã");
//! * **after Hội đồng, Ủy ban nhân dân, UBND, HĐND, Công an, Thanh tra, Tòa án, Bảo hiểm xã hội, Các**
//!   nothing ("Hội đồng bồi thường, hỗ trợ và tái định cư thị xã", "Ủy ban nhân dân phường Mai
//!   Hùng"), except a field head right after one of them ("Ủy ban Mặt trận Tổ quốc", "Thanh tra Sở
//!   Tài chính");
//! * **the first word after a dash** anywhere ("… - Kế hoạch");
//! * **place names**: after an administrative level word (phường, xã, thị trấn, huyện, quận, thị xã,
//!   thành phố, tỉnh, khu vực) that is followed in the same stretch of words by a name, every word
//!   of the name up to the next punctuation, "và" or level word ("phường Mai Hùng", "xã Quỳnh
//!   Vinh"). The level word stays lower case (unless it opens the name: "Phường Mai Hùng"); a level
//!   word with no name after it stays lower case ("Công an thị xã", "UBND các xã, phường"). "xã hội",
//!   "xã viên", "hợp tác xã", "huyện đoàn", "tỉnh ủy"… are not level words. After a level word or a
//!   place name, the words after a dash are a place name too ("Chi cục Thuế khu vực thành phố - Vũ
//!   Thư");
//! * **a second unit after a comma** ("Phòng Y tế, Trung tâm Y tế thành phố") starts over as a name;
//! * **a person's name** (see [`looks_like_person`]) gets every word capitalised ("NGUYỄN VĂN A" →
//!   "Nguyễn Văn A").
//!
//! Real usage varies (the fixtures themselves hold "Ban Chỉ huy Quân sự thị xã" and "Ban quản lý dự
//! án…" as written in mixed case); names not in capitals are never re-cased.
//!
//! # Units and persons
//!
//! [`looks_like_unit`] reads a head noun at the start (after an enumerator); [`looks_like_person`]
//! reads a family name, a title, or a form of address. See each function. A text is never both:
//! a person check refuses text that opens with a unit head, and a unit check refuses a text that
//! is shaped like a person's name ("Đoàn Văn Hùng") or opens with a title ("Chủ tịch UBND thị xã").

use super::normal_form::{nfc, nfd};

use super::fold::fold;

// ------------------------------------------------------------------------------------------------
// Words
// ------------------------------------------------------------------------------------------------

/// A word (a run of letters and digits) and the separator text just before it.
#[derive(Debug, Clone, Copy)]
struct Word<'a> {
    text: &'a str,
    sep: &'a str,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sep {
    /// Whitespace only (or nothing, for the first word).
    Space,
    /// A dash, spaced or not: "Tài chính - Kế hoạch", "HĐND-UBND".
    Dash,
    /// A comma or semicolon.
    Comma,
    /// "&".
    Amp,
    /// "/".
    Slash,
    /// Anything else: brackets, colons, dots.
    Other,
}

fn is_combining(c: char) -> bool {
    ('\u{0300}'..='\u{036F}').contains(&c)
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_combining(c)
}

/// The words of `s`, each with the separator before it, and the text after the last word.
fn words(s: &str) -> (Vec<Word<'_>>, &str) {
    let mut out = Vec::new();
    let mut sep_start = 0;
    let mut word_start: Option<usize> = None;
    for (i, c) in s.char_indices() {
        match (is_word_char(c), word_start) {
            (true, None) => word_start = Some(i),
            (false, Some(ws)) => {
                out.push(Word { text: &s[ws..i], sep: &s[sep_start..ws] });
                word_start = None;
                sep_start = i;
            }
            _ => {}
        }
    }
    if let Some(ws) = word_start {
        out.push(Word { text: &s[ws..], sep: &s[sep_start..ws] });
        sep_start = s.len();
    }
    (out, &s[sep_start..])
}

fn sep_kind(sep: &str) -> Sep {
    let t = sep.trim();
    if t.is_empty() {
        Sep::Space
    } else if t.contains(',') || t.contains(';') {
        Sep::Comma
    } else if t.chars().all(|c| matches!(c, '-' | '–' | '—')) {
        Sep::Dash
    } else if t == "&" {
        Sep::Amp
    } else if t == "/" {
        Sep::Slash
    } else {
        Sep::Other
    }
}

/// The diacritic marks of a word, sorted, so "ủy" and "uỷ" (old and new tone placement) agree.
fn marks(w: &str) -> Vec<char> {
    let mut m: Vec<char> = nfd(w).filter(|c| is_combining(*c)).collect();
    m.sort_unstable();
    m
}

fn has_marks(s: &str) -> bool {
    nfd(s).any(is_combining)
}

/// How words are compared: case never matters; diacritics matter only when the text has some.
/// A text typed without any diacritics ("PHONG KINH TE") is compared on folded letters alone; in a
/// text with diacritics a bare "quan" is "quan", not "quận".
#[derive(Debug, Clone, Copy)]
struct Cmp {
    strict: bool,
}

impl Cmp {
    fn of(text: &str) -> Cmp {
        Cmp { strict: has_marks(text) }
    }

    fn word_is(self, w: &str, pattern: &str) -> bool {
        fold(w) == fold(pattern) && (!self.strict || marks(w) == marks(pattern))
    }

    fn syllable(self, w: &str) -> bool {
        syllable(w, self.strict)
    }

    fn acronym(self, w: &str) -> bool {
        acronym(w, self.strict)
    }

    fn word_in(self, w: &str, patterns: &[&str]) -> bool {
        patterns.iter().any(|p| self.word_is(w, p))
    }

    /// How many words the phrase takes when it starts at `i`, its words joined by spaces only.
    fn phrase_at(self, ws: &[Word], i: usize, phrase: &str) -> Option<usize> {
        let mut n = 0;
        for (k, p) in phrase.split(' ').enumerate() {
            let w = ws.get(i + k)?;
            if k > 0 && sep_kind(w.sep) != Sep::Space {
                return None;
            }
            if !self.word_is(w.text, p) {
                return None;
            }
            n += 1;
        }
        Some(n)
    }

    /// The longest of `phrases` at `i`, with its index in `phrases`.
    fn longest_at(self, ws: &[Word], i: usize, phrases: &[&str]) -> Option<(usize, usize)> {
        let mut best: Option<(usize, usize)> = None;
        for (k, p) in phrases.iter().enumerate() {
            if let Some(len) = self.phrase_at(ws, i, p) {
                if best.map_or(true, |(l, _)| len > l) {
                    best = Some((len, k));
                }
            }
        }
        best
    }
}

fn collapse_whitespace(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn is_all_upper(w: &str) -> bool {
    w.chars().any(char::is_uppercase) && !w.chars().any(char::is_lowercase)
}

fn starts_upper(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

fn letter_count(w: &str) -> usize {
    w.chars().filter(|c| c.is_alphabetic()).count()
}

fn has_digit(w: &str) -> bool {
    w.chars().any(|c| c.is_ascii_digit())
}

// ------------------------------------------------------------------------------------------------
// Vietnamese syllables
// ------------------------------------------------------------------------------------------------

const INITIALS: &[&str] = &[
    "ngh", "ch", "gh", "gi", "kh", "ng", "nh", "ph", "qu", "th", "tr", "b", "c", "d", "g", "h", "k",
    "l", "m", "n", "p", "r", "s", "t", "v", "x", "",
];
const FINALS: &[&str] = &["ch", "ng", "nh", "c", "m", "n", "p", "t", ""];
/// Nuclei (folded: ư→u, ơ/ô→o, ă/â→a, ê→e) that may be closed by a consonant.
const NUCLEI_OPEN: &[&str] = &[
    "a", "e", "i", "o", "u", "y", "ie", "oa", "oe", "oo", "ua", "ue", "uo", "uy", "ye", "uye",
];
/// Nuclei ending in a glide: never followed by a consonant.
const NUCLEI_CLOSED: &[&str] = &[
    "ai", "ao", "au", "ay", "eo", "eu", "ia", "iu", "oi", "ui", "uu", "ieu", "oai", "oao", "oay",
    "oeo", "uay", "uoi", "uou", "uya", "uyu", "yeu", "ueu",
];

/// Is this one word a Vietnamese syllable (in any case, with or without its diacritics)?
/// "PHÒNG", "QUỲNH", "Y", "NGHIỆP" are; "UBND", "HĐND", "QLDA", "KT", "AT" (no sắc/nặng tone on a
/// syllable closed by t) are not.
#[cfg(test)]
fn is_syllable(w: &str) -> bool {
    syllable(w, true)
}

/// [`is_syllable`], with the tone rule applied only when `tones_known` (a text typed without any
/// diacritics shows no tones: "HOACH" there is "hoạch").
fn syllable(w: &str, tones_known: bool) -> bool {
    let base = fold(w);
    if base.is_empty() || !base.chars().all(|c| c.is_ascii_lowercase()) {
        return false;
    }
    let tones: Vec<char> = nfd(w)
        .filter(|c| matches!(c, '\u{0300}' | '\u{0301}' | '\u{0303}' | '\u{0309}' | '\u{0323}'))
        .collect();
    if tones.len() > 1 {
        return false;
    }
    let checked_tone = tones.first().is_some_and(|t| matches!(t, '\u{0301}' | '\u{0323}'));
    for initial in INITIALS {
        let Some(rest) = base.strip_prefix(initial) else { continue };
        for fin in FINALS {
            let Some(nucleus) = rest.strip_suffix(fin) else { continue };
            let ok = if fin.is_empty() {
                NUCLEI_OPEN.contains(&nucleus) || NUCLEI_CLOSED.contains(&nucleus)
            } else {
                NUCLEI_OPEN.contains(&nucleus)
            };
            if !ok {
                continue;
            }
            if tones_known && matches!(*fin, "p" | "t" | "c" | "ch") && !checked_tone {
                continue;
            }
            return true;
        }
    }
    false
}

/// An acronym: letters that are not a syllable (UBND, HĐND, KT, LĐTB).
#[cfg(test)]
fn is_acronym(w: &str) -> bool {
    acronym(w, true)
}

fn acronym(w: &str, tones_known: bool) -> bool {
    !has_digit(w) && letter_count(w) > 0 && !syllable(w, tones_known)
}

// ------------------------------------------------------------------------------------------------
// Enumerators
// ------------------------------------------------------------------------------------------------

/// The name without a leading enumerator ("I. ", "2.1. ", "a) ", "(3) ", "- ", "+ ") and without a
/// trailing ":" (or ";", ","). "+ Phường Mai Hùng:" → "Phường Mai Hùng";
/// "VII. VĂN PHÒNG HĐND-UBND THỊ XÃ" → "VĂN PHÒNG HĐND-UBND THỊ XÃ". Text with no enumerator comes
/// back trimmed.
pub fn strip_enumerator(text: &str) -> &str {
    let mut s = text.trim();
    for _ in 0..3 {
        let n = enumerator_len(s);
        if n == 0 {
            break;
        }
        s = s[n..].trim_start();
    }
    s.trim_end_matches(|c: char| c == ':' || c == ';' || c == ',' || c.is_whitespace())
}

/// The byte length of the enumerator at the start of `s` (0 when there is none).
fn enumerator_len(s: &str) -> usize {
    let first = match s.chars().next() {
        Some(c) => c,
        None => return 0,
    };
    if matches!(first, '-' | '+' | '–' | '—' | '•' | '*' | '·') {
        return first.len_utf8();
    }
    // "(1)", "(a)", "(IV)"
    if first == '(' {
        if let Some(close) = s.find(')') {
            let inner = &s[1..close];
            let numeric = !inner.is_empty() && inner.chars().all(|c| c.is_ascii_digit() || c == '.');
            let lettered = inner.chars().count() == 1 && inner.chars().all(char::is_alphabetic);
            if numeric || lettered || is_roman(inner) {
                return close + 1;
            }
        }
        return 0;
    }
    let at_boundary = |end: usize| s[end..].chars().next().map_or(true, char::is_whitespace);
    // "1.", "2.1.", "2.1", "3)", "3.18."
    if first.is_ascii_digit() {
        let bytes = s.as_bytes();
        let mut i = 0;
        let mut dots = 0;
        while i < bytes.len() && (bytes[i].is_ascii_digit() || bytes[i] == b'.') {
            if bytes[i] == b'.' {
                if i + 1 < bytes.len() && bytes[i + 1] == b'.' {
                    break;
                }
                dots += 1;
            }
            i += 1;
        }
        if i < bytes.len() && bytes[i] == b')' {
            return i + 1;
        }
        if dots == 0 {
            return 0;
        }
        let last_is_dot = bytes[i - 1] == b'.';
        if last_is_dot || at_boundary(i) {
            // not a date or a decimal followed by more digits: "20.01.2024" is still stripped,
            // which is harmless for names.
            return i;
        }
        return 0;
    }
    // "I.", "IV)", "a)", "B."
    let head: String = s.chars().take_while(|c| c.is_alphabetic()).collect();
    let n = head.len();
    if n == 0 || !(head.chars().count() == 1 || is_roman(&head)) {
        return 0;
    }
    match s[n..].chars().next() {
        Some('.') | Some(')') if at_boundary(n + 1) => n + 1,
        _ => 0,
    }
}

fn is_roman(s: &str) -> bool {
    !s.is_empty()
        && s.chars().count() <= 6
        && (s.chars().all(|c| matches!(c, 'I' | 'V' | 'X' | 'L' | 'C'))
            || s.chars().all(|c| matches!(c, 'i' | 'v' | 'x' | 'l' | 'c')))
}

// ------------------------------------------------------------------------------------------------
// Places
// ------------------------------------------------------------------------------------------------

const LEVELS: &[&str] = &[
    "thị xã", "thị trấn", "thành phố", "khu vực", "phường", "xã", "huyện", "quận", "tỉnh",
];

/// Words that, right after a level word, show that no place name follows ("các xã", "xã hội").
const NOT_A_PLACE: &[&str] = &[
    "các", "và", "hội", "viên", "đoàn", "ủy", "đội", "trực", "thuộc", "có", "đã", "đạt", "trong",
    "trên", "ngoài", "này", "đó", "được", "là", "với", "mới", "nông", "lân", "biên", "miền", "vùng",
    "bạn", "nhà", "điểm", "để", "về", "theo", "tại", "đạt", "chuẩn", "cũ",
];

/// The level word (one or two words) at `i`, if it is one here.
fn level_at(c: Cmp, ws: &[Word], i: usize) -> Option<usize> {
    let (len, _) = c.longest_at(ws, i, LEVELS)?;
    let next = ws.get(i + len).filter(|w| sep_kind(w.sep) == Sep::Space);
    let lone = |p: &str| len == 1 && c.word_is(ws[i].text, p);
    if let Some(n) = next {
        // "xã hội", "xã viên"; "huyện đoàn", "tỉnh ủy", "thị xã đoàn" are bodies, not levels.
        if lone("xã") && c.word_in(n.text, &["hội", "viên"]) {
            return None;
        }
        if c.word_in(n.text, &["đoàn", "ủy"]) {
            return None;
        }
    }
    if lone("xã") && i > 0 && sep_kind(ws[i].sep) == Sep::Space && c.word_is(ws[i - 1].text, "tác") {
        return None; // hợp tác xã
    }
    Some(len)
}

/// Can a place name start at `j` (right after a level word)?
fn place_name_starts(c: Cmp, ws: &[Word], j: usize, mixed_case: bool) -> bool {
    let Some(w) = ws.get(j) else { return false };
    if sep_kind(w.sep) != Sep::Space || level_at(c, ws, j).is_some() {
        return false;
    }
    if has_digit(w.text) {
        return true; // "Phường 1"
    }
    if c.word_in(w.text, NOT_A_PLACE) {
        return false;
    }
    !mixed_case || starts_upper(w.text)
}

// ------------------------------------------------------------------------------------------------
// normalise_case
// ------------------------------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Head {
    /// Phòng, Sở, Trung tâm…: the field's first word is capitalised, and the word after "và".
    Field,
    /// Ban: the next word only.
    NextOnly,
    /// Hội đồng, UBND, Công an…: the rest is lower case, a field head right after may follow.
    Lower,
    /// Các: lower case, nothing follows.
    Plain,
    /// Huyện đoàn, Đảng ủy…, and a level word opening the name: a place name may follow.
    Place,
}

const CASE_HEADS: &[(&str, Head)] = &[
    ("ủy ban nhân dân", Head::Lower),
    ("hội đồng nhân dân", Head::Lower),
    ("bảo hiểm xã hội", Head::Lower),
    ("ủy ban", Head::Lower),
    ("hội đồng", Head::Lower),
    ("công an", Head::Lower),
    ("thanh tra", Head::Lower),
    ("tòa án", Head::Lower),
    ("tổ công tác", Head::Lower),
    ("ubnd", Head::Lower),
    ("hđnd", Head::Lower),
    ("ubmttq", Head::Lower),
    ("mttq", Head::Lower),
    ("văn phòng", Head::Field),
    ("trung tâm", Head::Field),
    ("chi cục", Head::Field),
    ("kho bạc", Head::Field),
    ("chi nhánh", Head::Field),
    ("bệnh viện", Head::Field),
    ("liên đoàn", Head::Field),
    ("mặt trận", Head::Field),
    ("phòng", Head::Field),
    ("sở", Head::Field),
    ("cục", Head::Field),
    ("đài", Head::Field),
    ("viện", Head::Field),
    ("trường", Head::Field),
    ("đội", Head::Field),
    ("hạt", Head::Field),
    ("hội", Head::Field),
    ("đoàn", Head::Field),
    ("ban", Head::NextOnly),
    ("các", Head::Plain),
    ("huyện đoàn", Head::Place),
    ("tỉnh đoàn", Head::Place),
    ("thành đoàn", Head::Place),
    ("thị đoàn", Head::Place),
    ("quận đoàn", Head::Place),
    ("huyện ủy", Head::Place),
    ("tỉnh ủy", Head::Place),
    ("thành ủy", Head::Place),
    ("thị ủy", Head::Place),
    ("quận ủy", Head::Place),
    ("đảng ủy", Head::Place),
    ("thị xã", Head::Place),
    ("thị trấn", Head::Place),
    ("thành phố", Head::Place),
    ("phường", Head::Place),
    ("xã", Head::Place),
    ("huyện", Head::Place),
    ("quận", Head::Place),
    ("tỉnh", Head::Place),
];

fn case_head_at(c: Cmp, ws: &[Word], i: usize) -> Option<(usize, Head)> {
    let phrases: Vec<&str> = CASE_HEADS.iter().map(|(p, _)| *p).collect();
    let (len, k) = c.longest_at(ws, i, &phrases)?;
    let head = CASE_HEADS[k].1;
    // "XÃ HỘI…" opening a text is not the level word xã.
    if head == Head::Place && len == 1 && level_at(c, ws, i).is_none() {
        return None;
    }
    Some((len, head))
}

struct Recaser<'a, 'b> {
    c: Cmp,
    ws: &'b [Word<'a>],
    cap: Vec<bool>,
}

impl Recaser<'_, '_> {
    fn space_before(&self, j: usize) -> bool {
        self.ws.get(j).is_some_and(|w| sep_kind(w.sep) == Sep::Space)
    }

    /// Capitalise a place name starting at `j` (when one starts there); the index after it.
    fn place_run(&mut self, j: usize, first_sep_ok: bool) -> usize {
        let ws = self.ws;
        let Some(w) = ws.get(j) else { return j };
        let starts = if first_sep_ok {
            level_at(self.c, ws, j).is_none() && !self.c.word_in(w.text, NOT_A_PLACE)
        } else {
            place_name_starts(self.c, ws, j, false)
        };
        if !starts {
            return j;
        }
        let mut k = j;
        loop {
            self.cap[k] = true;
            k += 1;
            if k >= ws.len()
                || !self.space_before(k)
                || self.c.word_is(ws[k].text, "và")
                || level_at(self.c, ws, k).is_some()
            {
                return k;
            }
        }
    }

    /// Capitalise the field's first word at `j` if there is one; the index after what was read.
    fn field_word(&mut self, j: usize) -> usize {
        if self.space_before(j) && level_at(self.c, self.ws, j).is_none() {
            self.cap[j] = true;
            j + 1
        } else {
            j
        }
    }

    /// A unit's name starts at `i`: (next index, field mode?, after a place?).
    fn begin_unit(&mut self, i: usize) -> (usize, bool, bool) {
        self.cap[i] = true;
        let Some((len, head)) = case_head_at(self.c, self.ws, i) else { return (i + 1, false, false) };
        let j = i + len;
        match head {
            // "Trường THCS Quỳnh Vinh": after a school level in capitals comes the school's name.
            Head::Field if self.c.word_is(self.ws[i].text, "trường") && len == 1 => {
                let k = self.field_word(j);
                if k > j && self.c.acronym(self.ws[j].text) {
                    (self.place_run(k, false), true, false)
                } else {
                    (k, true, false)
                }
            }
            Head::Field => (self.field_word(j), true, false),
            Head::NextOnly => (self.field_word(j), false, false),
            Head::Plain => (j, false, false),
            Head::Lower => match case_head_at(self.c, self.ws, j) {
                Some((l2, Head::Field)) if self.space_before(j) => {
                    self.cap[j] = true;
                    (self.field_word(j + l2), true, false)
                }
                _ => (j, false, false),
            },
            Head::Place => (self.place_run(j, false), false, true),
        }
    }

    /// Does a second unit's name start at `i` (after a comma)?
    fn unit_starts(&self, i: usize) -> bool {
        let Some((len, head)) = case_head_at(self.c, self.ws, i) else { return false };
        match head {
            Head::Plain => false,
            Head::Place => place_name_starts(self.c, self.ws, i + len, false),
            _ => {
                len >= 2
                    || self.c.acronym(self.ws[i].text)
                    || (self.c.word_in(self.ws[i].text, &["phòng", "sở"]) && self.space_before(i + 1))
            }
        }
    }

    fn run(&mut self) {
        let n = self.ws.len();
        if n == 0 {
            return;
        }
        let (mut i, mut field, mut after_place) = self.begin_unit(0);
        while i < n {
            let w = self.ws[i];
            match sep_kind(w.sep) {
                Sep::Dash => {
                    if after_place {
                        let k = self.place_run(i, true);
                        if k > i {
                            i = k;
                            continue;
                        }
                    }
                    self.cap[i] = true;
                }
                Sep::Comma | Sep::Slash => {
                    if self.unit_starts(i) {
                        (i, field, after_place) = self.begin_unit(i);
                        continue;
                    }
                    if field && level_at(self.c, self.ws, i).is_none() && !self.c.word_in(w.text, NOT_A_PLACE) {
                        self.cap[i] = true;
                    }
                }
                Sep::Amp => self.cap[i] |= field,
                Sep::Space => {
                    if field && i > 0 && self.c.word_is(self.ws[i - 1].text, "và") {
                        self.cap[i] = true;
                    }
                }
                Sep::Other => {}
            }
            if let Some(len) = level_at(self.c, self.ws, i) {
                i = self.place_run(i + len, false);
                after_place = true;
                continue;
            }
            after_place = false;
            i += 1;
        }
    }
}

fn capitalise(lower: &str) -> String {
    let mut chars = lower.chars();
    match chars.next() {
        Some(f) => f.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Is this text mostly in capitals? More than half of its words that are syllables of two letters
/// or more are all upper case.
fn mostly_upper(c: Cmp, ws: &[Word]) -> bool {
    let mut total = 0;
    let mut upper = 0;
    for w in ws {
        if has_digit(w.text) || letter_count(w.text) < 2 || !c.syllable(w.text) {
            continue;
        }
        total += 1;
        if is_all_upper(w.text) {
            upper += 1;
        }
    }
    total > 0 && upper * 2 > total
}

/// A unit name typed in capitals, written as Vietnamese offices write it (see the module
/// documentation for the rules): "PHÒNG TÀI CHÍNH - KẾ HOẠCH" → "Phòng Tài chính - Kế hoạch",
/// "UBND PHƯỜNG MAI HÙNG" → "UBND phường Mai Hùng", "VĂN PHÒNG HĐND-UBND THỊ XÃ" → "Văn phòng
/// HĐND-UBND thị xã". A name not mostly in capitals comes back trimmed, whitespace collapsed, in
/// NFC, otherwise unchanged. An enumerator at the start ("VII. ") is kept as written.
pub fn normalise_case(name: &str) -> String {
    let text = collapse_whitespace(&nfc(name));
    let body = strip_enumerator(&text);
    let Some(offset) = text.find(body).filter(|_| !body.is_empty()) else { return text };
    let prefix = &text[..offset];
    let suffix = &text[offset + body.len()..];
    let (ws, tail) = words(body);
    let c = Cmp::of(body);
    if !mostly_upper(c, &ws) {
        return text;
    }
    let mut r = Recaser { c, ws: &ws, cap: vec![false; ws.len()] };
    if unit_head(c, &ws, true).is_none() && name_shape(c, &ws).is_some() {
        r.cap.fill(true); // a person's name: "NGUYỄN VĂN A" → "Nguyễn Văn A"
    } else {
        r.run();
    }
    let mut out = String::with_capacity(text.len() + 8);
    out.push_str(prefix);
    for (w, cap) in ws.iter().zip(&r.cap) {
        out.push_str(w.sep);
        let one_letter_label = letter_count(w.text) == 1 && !Cmp::of(w.text).word_is(w.text, "y");
        if has_digit(w.text) || c.acronym(w.text) || one_letter_label {
            out.push_str(w.text);
        } else if *cap {
            out.push_str(&capitalise(&w.text.to_lowercase()));
        } else {
            out.push_str(&w.text.to_lowercase());
        }
    }
    out.push_str(tail);
    out.push_str(suffix);
    out
}

// ------------------------------------------------------------------------------------------------
// looks_like_unit
// ------------------------------------------------------------------------------------------------

/// Head nouns that open a unit's name.
const UNIT_HEADS: &[&str] = &[
    "ban chỉ huy quân sự",
    "ủy ban mặt trận tổ quốc",
    "ủy ban mặt trận",
    "ủy ban mttq",
    "ủy ban nhân dân",
    "hội đồng nhân dân",
    "bảo hiểm xã hội",
    "hạt kiểm lâm",
    "đội quản lý",
    "văn phòng",
    "trung tâm",
    "công an",
    "thanh tra",
    "thị đoàn",
    "huyện đoàn",
    "thành đoàn",
    "tỉnh đoàn",
    "quận đoàn",
    "đảng ủy",
    "huyện ủy",
    "thị ủy",
    "thành ủy",
    "tỉnh ủy",
    "hội đồng",
    "tòa án",
    "tổ công tác",
    "chi cục",
    "kho bạc",
    "chi nhánh",
    "bệnh viện",
    "liên đoàn",
    "mặt trận",
    "phòng",
    "ban",
    "sở",
    "đài",
    "đoàn",
    "hội",
    "đội",
    "cục",
    "trường",
    "viện",
    "ubnd",
    "hđnd",
    "mttq",
    "ubmttq",
    "bch quân sự",
    "bch",
    "bqlda",
    "bql",
];

/// One-word heads that make a name on their own.
const LONE_HEADS: &[&str] = &["ubnd", "hđnd", "mttq", "ubmttq", "bqlda"];

/// Words that, right after a one-word head, make it an ordinary word: "Ban hành", "Hội nghị",
/// "Phòng, chống", "Trường hợp", "Đoàn kết".
fn ordinary_after(head: &str) -> &'static [&'static str] {
    match head {
        "phòng" => &["chống", "cháy", "ngừa", "tránh", "dịch", "họp", "bệnh", "thủ", "vệ", "khám"],
        "ban" => &["hành", "đêm", "ngày", "đầu"],
        "hội" => &["nghị", "thảo", "thi", "diễn", "chợ", "trại", "viên", "đàm", "họp", "nhập", "tụ", "đủ"],
        "đoàn" => &["kết", "viên", "tụ", "xe"],
        "trường" => &["hợp", "học"],
        "đội" => &["ngũ", "viên", "mũ"],
        "sở" => &["dĩ", "hữu", "thích", "trường"],
        "viện" => &["phí", "dẫn", "trợ"],
        "cục" => &["bộ", "diện"],
        "đài" => &["tưởng", "thọ"],
        _ => &[],
    }
}

/// "Đoàn" is also a family name: these words after it make it a body ("Đoàn Thanh niên").
const DOAN_BODIES: &[&str] = &[
    "thanh niên", "kiểm tra", "công tác", "giám sát", "tncs", "đại biểu", "thanh tra", "liên ngành",
    "đbqh", "công tác xã hội",
];

/// Collective units: "Các phòng…", "Các xã…", "Các đơn vị…".
const COLLECTIVES: &[&str] = &[
    "phòng", "xã", "phường", "thị trấn", "đơn vị", "cơ quan", "ban", "ngành", "sở", "trường", "hội",
    "đoàn thể", "huyện", "địa phương", "phòng ban", "tổ chức",
];

/// Words of a task sentence, never of a unit's name.
const TASK_PHRASES: &[&str] = &[
    "chủ trì", "phối hợp", "tham mưu", "khẩn trương", "đẩy nhanh", "tăng cường", "đôn đốc", "rà soát",
    "giải quyết", "tập trung", "hoàn thành", "hoàn thiện", "triển khai", "báo cáo", "thực hiện",
    "chịu trách nhiệm", "đề nghị", "yêu cầu",
];

/// How many words the unit head at the start takes, when the text opens with one.
fn unit_head(c: Cmp, ws: &[Word], all_caps: bool) -> Option<usize> {
    let first = ws.first()?;
    // Các + a kind of unit.
    if c.word_is(first.text, "các") {
        let (len, _) = c.longest_at(ws, 1, COLLECTIVES)?;
        return (sep_kind(ws[1].sep) == Sep::Space).then_some(1 + len);
    }
    // Phường / Xã / Thị trấn + a name.
    if let Some((len, _)) = c.longest_at(ws, 0, &["phường", "xã", "thị trấn"]) {
        return place_name_starts(c, ws, len, !all_caps).then_some(len);
    }
    let (len, k) = c.longest_at(ws, 0, UNIT_HEADS)?;
    let head = UNIT_HEADS[k];
    let next = ws.get(len);
    if len == 1 {
        match next {
            None => return LONE_HEADS.contains(&head).then_some(1),
            Some(n) => {
                if sep_kind(n.sep) == Sep::Comma || c.word_in(n.text, ordinary_after(head)) {
                    return None;
                }
            }
        }
    }
    if head == "đoàn" {
        let body = DOAN_BODIES.iter().any(|p| c.phrase_at(ws, 1, p).is_some());
        if !body && name_shape(c, ws).is_some() {
            return None; // Đoàn Văn Hùng
        }
    }
    if head == "thanh tra" {
        // "Thanh tra thị xã", "Thanh tra Sở…"; not "Thanh tra việc…" (the verb).
        if let Some(n) = next {
            let fits = level_at(c, ws, len).is_some()
                || c.acronym(n.text)
                || (!all_caps && starts_upper(n.text))
                || all_caps;
            if !fits {
                return None;
            }
        }
    }
    Some(len)
}

/// Is this text (a group row, a sheet name, a cell) a unit's name, judged by its grammar? After an
/// optional enumerator it opens with a unit head noun (Phòng, Văn phòng, Ban, Sở, Trung tâm, Đài,
/// Công an, Thanh tra, Thị đoàn, Huyện đoàn, Đoàn, Hội, Hội đồng, Đội, Chi cục, Cục, Kho bạc,
/// Bảo hiểm xã hội, Chi nhánh, UBND, Ủy ban nhân dân, HĐND, Trường, Bệnh viện, Viện, Liên đoàn,
/// Mặt trận, MTTQ, Ủy ban MTTQ, Hạt kiểm lâm, Ban Chỉ huy Quân sự…), or with Phường / Xã / Thị trấn
/// followed by a name, or with "Các phòng/xã/đơn vị…"; case and diacritics do not matter.
///
/// Not a unit: a person's name or title ("Nguyễn Văn A", "Đ/c Hùng - PCT", "Chủ tịch UBND"),
/// a stage ("A. DỰ ÁN CHUYỂN TIẾP"), a task sentence (one with "chủ trì", "phối hợp", "tham mưu",
/// "thực hiện"… or text after a ":"), "Tổng cộng", anything longer than 14 words, a one-word head
/// alone ("Phòng"), a head used as an ordinary word ("Ban hành…", "Hội nghị…", "Phòng, chống…"),
/// and the generic "các đơn vị có liên quan", which names no unit.
pub fn looks_like_unit(text: &str) -> bool {
    let nfc: String = nfc(text);
    let s = strip_enumerator(&nfc);
    if s.is_empty() || s.contains(':') {
        return false;
    }
    let (ws, _) = words(s);
    if ws.is_empty() || ws.len() > 14 {
        return false;
    }
    let c = Cmp::of(s);
    let all_caps = mostly_upper(c, &ws);
    if unit_head(c, &ws, all_caps).is_none() || title_at(c, &ws, 0).is_some() {
        return false;
    }
    let generic = (0..ws.len()).any(|i| c.phrase_at(&ws, i, "liên quan").is_some());
    let task = (0..ws.len()).any(|i| TASK_PHRASES.iter().any(|p| c.phrase_at(&ws, i, p).is_some()));
    !generic && !task
}

// ------------------------------------------------------------------------------------------------
// looks_like_person
// ------------------------------------------------------------------------------------------------

const FAMILY_NAMES: &[&str] = &[
    "nguyễn", "trần", "lê", "phạm", "hoàng", "huỳnh", "phan", "vũ", "võ", "đặng", "bùi", "đỗ", "hồ",
    "ngô", "dương", "lý", "đinh", "đào", "cao", "lương", "mai", "trịnh", "tạ", "hà", "chu", "lâm",
    "phùng", "thái", "văn", "tô", "la", "quách", "kiều", "đoàn", "vương", "triệu", "lưu", "lại",
    "trương", "tăng", "thân", "mạc", "khổng", "tống", "âu", "doãn", "đàm", "hứa", "lục", "nghiêm",
    "giang", "kim", "từ", "diệp", "đồng", "hàn", "khúc", "nông", "lò", "lã", "đậu", "châu", "ninh",
    "tôn", "thạch", "lường", "hầu", "cù", "mẫn", "đường", "viên", "ông", "khương", "chế", "phương",
];

/// Family names that are also common first syllables of place names ("Hoàng Mai", "Mai Hùng",
/// "Hà Tĩnh", "Lâm Đồng", "Cao Bằng", "Thái Bình"): two such words alone are not taken for a person.
const PLACE_LIKE_FAMILY_NAMES: &[&str] = &[
    "hoàng", "mai", "hà", "lâm", "cao", "thái", "la", "văn", "kim", "giang", "đồng", "châu", "ninh",
    "thạch", "tô", "phương", "đường", "quách", "tân",
];

/// Titles written in leader and officer columns, alone or before a name.
const TITLES: &[&str] = &[
    "phó chánh văn phòng",
    "chánh văn phòng",
    "phó chủ tịch",
    "chủ tịch",
    "phó giám đốc",
    "giám đốc",
    "phó trưởng phòng",
    "trưởng phòng",
    "phó trưởng ban",
    "trưởng ban",
    "phó chánh thanh tra",
    "chánh thanh tra",
    "phó bí thư",
    "bí thư",
    "chỉ huy trưởng",
    "chỉ huy phó",
    "phó trưởng công an",
    "trưởng công an",
    "chi cục trưởng",
    "phó chi cục trưởng",
    "thủ trưởng",
    "chuyên viên",
    "cán bộ",
    "lãnh đạo",
    "pct",
    "pcvp",
    "cvp",
    "lđvp",
    "pgđ",
    "gđ",
    "ptp",
];

/// Ways of addressing a person before the name.
const ADDRESS: &[&str] = &["đồng chí", "ông", "bà"];

fn title_at(c: Cmp, ws: &[Word], i: usize) -> Option<usize> {
    c.longest_at(ws, i, TITLES).map(|(len, _)| len)
}

/// How many words the form of address at `i` takes ("Đ/c", "đồng chí", "Ông", "Bà").
fn address_at(c: Cmp, ws: &[Word], i: usize) -> Option<usize> {
    if let (Some(d), Some(cw)) = (ws.get(i), ws.get(i + 1)) {
        if c.word_is(d.text, "đ") && cw.sep.trim() == "/" && c.word_is(cw.text, "c") {
            return Some(2);
        }
    }
    c.longest_at(ws, i, ADDRESS).map(|(len, _)| len)
}

/// A word of a person's name: capitalised (or all capitals), a syllable or a one-letter placeholder.
fn name_word(c: Cmp, w: &str) -> bool {
    if !w.chars().all(|ch| ch.is_alphabetic() || is_combining(ch)) || !starts_upper(w) {
        return false;
    }
    let rest: String = w.chars().skip(1).collect();
    let cased = rest.chars().all(|ch| !ch.is_uppercase()) || is_all_upper(w);
    cased && (letter_count(w) == 1 || c.syllable(w))
}

/// A bare name: 2–5 name words, a family name first; two words with a place-like family name
/// ("Mai Hùng", "Hoàng Mai") are not enough. The number of words when it is one.
fn name_shape(c: Cmp, ws: &[Word]) -> Option<usize> {
    let n = ws.len();
    if !(2..=5).contains(&n) {
        return None;
    }
    if ws.iter().skip(1).any(|w| sep_kind(w.sep) != Sep::Space) || !ws.iter().all(|w| name_word(c, w.text)) {
        return None;
    }
    if !c.word_in(ws[0].text, FAMILY_NAMES) {
        return None;
    }
    if n == 2 && c.word_in(ws[0].text, PLACE_LIKE_FAMILY_NAMES) {
        return None;
    }
    Some(n)
}

/// A person without any suffix: [address] [title] [name] or [address] name.
fn person_core(c: Cmp, ws: &[Word]) -> bool {
    if ws.is_empty() {
        return false;
    }
    let addressed = address_at(c, ws, 0).unwrap_or(0);
    let rest = &ws[addressed..];
    if let Some(t) = title_at(c, rest, 0) {
        let tail = &rest[t..];
        let Some(first) = tail.first() else { return true };
        // "Chủ tịch UBND thị xã", "PCT Nguyễn Văn A", "Trưởng phòng Kinh tế", not "Chuyên viên theo dõi".
        return tail.len() <= 6
            && sep_kind(first.sep) == Sep::Space
            && (starts_upper(first.text) || c.acronym(first.text) || level_at(c, tail, 0).is_some());
    }
    if rest.is_empty() {
        return false;
    }
    if addressed > 0 {
        return rest.len() <= 5
            && sep_kind(rest[0].sep) == Sep::Space
            && rest.iter().skip(1).all(|w| sep_kind(w.sep) == Sep::Space)
            && rest.iter().all(|w| name_word(c, w.text));
    }
    name_shape(c, rest).is_some()
}

/// Where a suffix " - PCT" or " (PCVP)" starts.
fn suffix_start(ws: &[Word]) -> Option<usize> {
    ws.iter().position(|w| {
        let spaced_dash = sep_kind(w.sep) == Sep::Dash && w.sep.starts_with(char::is_whitespace);
        spaced_dash || w.sep.contains('(')
    })
}

/// Is this a person's name or title as trackers write them in leader and officer columns?
/// "Nguyễn Văn A", "Trần Thị B", "NGUYỄN MẠNH HÙNG" (2–5 capitalised words, a common family name
/// first); "Đ/c Hùng", "Ông Nguyễn Văn A", "đồng chí Nguyễn Hữu An" (a form of address, then 1–5
/// capitalised words); "Chủ tịch UBND", "PCT UBND thị xã", "Phó Chủ tịch", "PCT Nguyễn Văn A"
/// (a title, alone or before a name or a body); each may end in " - PCT", " - Chủ tịch", " (PCVP)".
///
/// Not a person: anything that opens with a unit head ("UBND phường Mai Hùng", "Phòng Kinh tế"),
/// two words whose first is a place-like family name ("Mai Hùng", "Hoàng Mai" could be a ward or a
/// town), lower-case words ("Thường xuyên"), a title followed by lower-case words ("Chuyên viên
/// theo dõi", a header).
pub fn looks_like_person(text: &str) -> bool {
    let nfc: String = nfc(text);
    let s = strip_enumerator(&nfc);
    let (ws, tail) = words(s);
    if ws.is_empty() || ws.len() > 12 || tail.trim().trim_end_matches(')').trim() != "" {
        return false;
    }
    let c = Cmp::of(s);
    if unit_head(c, &ws, mostly_upper(c, &ws)).is_some() {
        return false;
    }
    // "Nguyễn Văn A, Trần Thị B": every part a person.
    if s.contains([',', ';']) {
        let mut parts = s.split([',', ';']).map(str::trim).filter(|p| !p.is_empty()).peekable();
        return parts.peek().is_some() && parts.all(looks_like_person);
    }
    match suffix_start(&ws) {
        Some(k) => {
            let (name, suffix) = ws.split_at(k);
            let suffix_ok = title_at(c, suffix, 0).is_some() && person_core(c, suffix)
                || suffix.iter().all(|w| c.acronym(w.text));
            suffix_ok && person_core(c, name)
        }
        None => person_core(c, &ws),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    // -------------------------------------------------------------------------------------------
    // normalise_case
    // -------------------------------------------------------------------------------------------

    const CAPS: &[(&str, &str)] = &[
        ("VĂN PHÒNG HĐND-UBND THỊ XÃ", "Văn phòng HĐND-UBND thị xã"),
        ("PHÒNG TÀI CHÍNH - KẾ HOẠCH", "Phòng Tài chính - Kế hoạch"),
        ("PHÒNG GIÁO DỤC VÀ ĐÀO TẠO", "Phòng Giáo dục và Đào tạo"),
        ("PHÒNG LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI", "Phòng Lao động - Thương binh và Xã hội"),
        ("PHÒNG VĂN HÓA - THÔNG TIN", "Phòng Văn hóa - Thông tin"),
        ("PHÒNG NỘI VỤ", "Phòng Nội vụ"),
        ("PHÒNG TƯ PHÁP", "Phòng Tư pháp"),
        ("PHÒNG KINH TẾ", "Phòng Kinh tế"),
        ("UBND CÁC XÃ, PHƯỜNG", "UBND các xã, phường"),
        ("BAN QUẢN LÝ DỰ ÁN ĐẦU TƯ XÂY DỰNG THỊ XÃ", "Ban Quản lý dự án đầu tư xây dựng thị xã"),
        ("TRUNG TÂM Y TẾ THỊ XÃ", "Trung tâm Y tế thị xã"),
        ("PHÒNG Y TẾ", "Phòng Y tế"),
        (
            "HỘI ĐỒNG BỒI THƯỜNG, HỖ TRỢ VÀ TÁI ĐỊNH CƯ THỊ XÃ",
            "Hội đồng bồi thường, hỗ trợ và tái định cư thị xã",
        ),
        ("ỦY BAN NHÂN DÂN PHƯỜNG MAI HÙNG", "Ủy ban nhân dân phường Mai Hùng"),
        ("BAN CHỈ HUY QUÂN SỰ THỊ XÃ", "Ban Chỉ huy quân sự thị xã"),
        ("UBND PHƯỜNG MAI HÙNG", "UBND phường Mai Hùng"),
        ("UBND XÃ QUỲNH VINH", "UBND xã Quỳnh Vinh"),
        ("CÔNG AN THỊ XÃ", "Công an thị xã"),
        ("THANH TRA THỊ XÃ", "Thanh tra thị xã"),
        // Similar names, by the same rules.
        ("UBND PHƯỜNG QUỲNH XUÂN", "UBND phường Quỳnh Xuân"),
        ("UBND XÃ QUỲNH TRANG", "UBND xã Quỳnh Trang"),
        ("PHÒNG TÀI NGUYÊN VÀ MÔI TRƯỜNG", "Phòng Tài nguyên và Môi trường"),
        ("PHÒNG VĂN HÓA VÀ THÔNG TIN", "Phòng Văn hóa và Thông tin"),
        ("PHÒNG QUẢN LÝ ĐÔ THỊ", "Phòng Quản lý đô thị"),
        ("PHÒNG Y TẾ, TRUNG TÂM Y TẾ THÀNH PHỐ", "Phòng Y tế, Trung tâm Y tế thành phố"),
        ("VĂN PHÒNG HĐND VÀ UBND THÀNH PHỐ", "Văn phòng HĐND và UBND thành phố"),
        ("CÔNG AN THÀNH PHỐ", "Công an thành phố"),
        ("THANH TRA THÀNH PHỐ", "Thanh tra thành phố"),
        ("BAN CHỈ HUY QUÂN SỰ THÀNH PHỐ", "Ban Chỉ huy quân sự thành phố"),
        ("CHI CỤC THUẾ KHU VỰC THÀNH PHỐ - VŨ THƯ", "Chi cục Thuế khu vực thành phố - Vũ Thư"),
        ("CHI CỤC THUẾ KHU VỰC QUỲNH LƯU - HOÀNG MAI", "Chi cục Thuế khu vực Quỳnh Lưu - Hoàng Mai"),
        ("PHÒNG TNMT, HĐGPMB", "Phòng TNMT, HĐGPMB"),
        ("PHÒNG GD&ĐT", "Phòng GD&ĐT"),
        ("PHÒNG LĐTB&XH THỊ XÃ", "Phòng LĐTB&XH thị xã"),
        ("PHÒNG KT-HT", "Phòng KT-HT"),
        ("BAN QLDA ĐTXD THỊ XÃ", "Ban QLDA ĐTXD thị xã"),
        ("BCH QUÂN SỰ THỊ XÃ", "BCH quân sự thị xã"),
        ("ỦY BAN MTTQ THỊ XÃ", "Ủy ban MTTQ thị xã"),
        ("ỦY BAN MẶT TRẬN TỔ QUỐC THỊ XÃ", "Ủy ban Mặt trận Tổ quốc thị xã"),
        ("PHƯỜNG MAI HÙNG", "Phường Mai Hùng"),
        ("XÃ QUỲNH VINH", "Xã Quỳnh Vinh"),
        ("THỊ XÃ HOÀNG MAI", "Thị xã Hoàng Mai"),
        ("UBND THỊ TRẤN HOÀNG MAI", "UBND thị trấn Hoàng Mai"),
        ("UBND THÀNH PHỐ THÁI BÌNH", "UBND thành phố Thái Bình"),
        ("UBND TỈNH NGHỆ AN", "UBND tỉnh Nghệ An"),
        ("CÔNG AN HUYỆN QUỲNH LƯU", "Công an huyện Quỳnh Lưu"),
        ("UBND PHƯỜNG 1", "UBND phường 1"),
        ("BẢO HIỂM XÃ HỘI THỊ XÃ", "Bảo hiểm xã hội thị xã"),
        ("HỘI ĐỒNG NHÂN DÂN THỊ XÃ", "Hội đồng nhân dân thị xã"),
        ("SỞ GIÁO DỤC VÀ ĐÀO TẠO", "Sở Giáo dục và Đào tạo"),
        ("ĐOÀN THANH NIÊN", "Đoàn Thanh niên"),
        ("HỘI NÔNG DÂN THỊ XÃ", "Hội Nông dân thị xã"),
        ("HUYỆN ĐOÀN QUỲNH LƯU", "Huyện đoàn Quỳnh Lưu"),
        ("THỊ ĐOÀN", "Thị đoàn"),
        ("ĐẢNG ỦY PHƯỜNG MAI HÙNG", "Đảng ủy phường Mai Hùng"),
        ("CÁC PHÒNG, BAN, NGÀNH", "Các phòng, ban, ngành"),
        ("CÁC XÃ, PHƯỜNG", "Các xã, phường"),
        ("KHO BẠC NHÀ NƯỚC THỊ XÃ", "Kho bạc Nhà nước thị xã"),
        ("ĐỘI QUẢN LÝ TRẬT TỰ ĐÔ THỊ", "Đội Quản lý trật tự đô thị"),
        ("TRUNG TÂM VĂN HÓA - THỂ THAO VÀ TRUYỀN THANH THỊ XÃ", "Trung tâm Văn hóa - Thể thao và Truyền thanh thị xã"),
        ("PHÒNG KINH TẾ, HẠ TẦNG VÀ ĐÔ THỊ", "Phòng Kinh tế, Hạ tầng và Đô thị"),
        ("PHÒNG KINH TẾ-HẠ TẦNG", "Phòng Kinh tế-Hạ tầng"),
        ("VĂN PHÒNG ĐĂNG KÝ ĐẤT ĐAI", "Văn phòng Đăng ký đất đai"),
        ("HỢP TÁC XÃ NÔNG NGHIỆP", "Hợp tác xã nông nghiệp"),
        ("BAN QUẢN LÝ DỰ ÁN AFD", "Ban Quản lý dự án AFD"),
        ("TRƯỜNG THCS QUỲNH VINH", "Trường THCS Quỳnh Vinh"),
        ("TÒA ÁN NHÂN DÂN THỊ XÃ", "Tòa án nhân dân thị xã"),
        ("HĐND - UBND PHƯỜNG MAI HÙNG", "HĐND - UBND phường Mai Hùng"),
        ("BAN TIẾP CÔNG DÂN", "Ban Tiếp công dân"),
    ];

    #[test]
    fn names_in_capitals_are_written_as_offices_write_them() {
        for (caps, expected) in CAPS {
            assert_eq!(normalise_case(caps), *expected, "{caps}");
        }
    }

    #[test]
    fn decomposed_input_gives_the_same_precomposed_name() {
        for (caps, expected) in CAPS {
            let nfd: String = nfd(caps).collect();
            assert_eq!(normalise_case(&nfd), *expected, "{caps} (NFD)");
        }
        let nfd: String = nfd("Phòng  Tài chính - Kế hoạch ").collect();
        assert_eq!(normalise_case(&nfd), "Phòng Tài chính - Kế hoạch");
    }

    #[test]
    fn an_enumerator_is_kept_and_the_rest_recased() {
        assert_eq!(normalise_case("VII. VĂN PHÒNG HĐND-UBND THỊ XÃ"), "VII. Văn phòng HĐND-UBND thị xã");
        assert_eq!(normalise_case("VI. PHÒNG LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI"), "VI. Phòng Lao động - Thương binh và Xã hội");
        assert_eq!(normalise_case("+ PHƯỜNG MAI HÙNG:"), "+ Phường Mai Hùng:");
    }

    #[test]
    fn a_person_in_capitals_gets_every_word_capitalised() {
        assert_eq!(normalise_case("NGUYỄN VĂN A"), "Nguyễn Văn A");
        assert_eq!(normalise_case("NGUYỄN MẠNH HÙNG"), "Nguyễn Mạnh Hùng");
    }

    #[test]
    fn names_not_in_capitals_are_only_trimmed() {
        for name in [
            "Phòng TNMT, HĐGPMB",
            "Ban QLDA ĐTXD thị xã",
            "Ban quản lý dự án xây dựng cơ sở hạ tầng thành phố",
            "Ban Chỉ huy Quân sự thị xã",
            "UBND PHƯỜNG Mai Hùng",
            "Phòng Tài Chính - Kế Hoạch",
            "UBND",
            "",
        ] {
            assert_eq!(normalise_case(name), name, "{name}");
        }
        assert_eq!(normalise_case("  Phòng   Kinh tế \n"), "Phòng Kinh tế");
    }

    #[test]
    fn recasing_twice_changes_nothing() {
        for (caps, _) in CAPS {
            let once = normalise_case(caps);
            assert_eq!(normalise_case(&once), once);
        }
    }

    #[test]
    fn text_without_diacritics_is_recased_too() {
        assert_eq!(normalise_case("PHONG TAI CHINH - KE HOACH"), "Phong Tai chinh - Ke hoach");
        assert_eq!(normalise_case("UBND PHUONG MAI HUNG"), "UBND phuong Mai Hung");
    }

    #[test]
    fn acronyms_are_told_by_syllable_structure() {
        for acr in ["UBND", "HĐND", "TNMT", "QLDA", "ĐTXD", "HĐGPMB", "MTTQ", "BCH", "KT", "HT", "LĐTB", "XH", "GD", "ĐT", "AFD", "THCS", "PCT", "PCVP", "AT", "COVID"] {
            assert!(is_acronym(acr), "{acr}");
        }
        for word in [
            "PHÒNG", "QUỲNH", "Y", "NGHIỆP", "TRƯỜNG", "QUỐC", "GIÁO", "KHUYẾN", "HUYỆN", "XUÂN", "HOẠCH",
            "ĐỊNH", "ỦY", "UỶ", "NGƯỜI", "RƯỢU", "YÊN", "GÌN", "QUỸ", "ÍCH", "ĐẤT", "các", "tế", "Khoẻ",
        ] {
            assert!(is_syllable(word), "{word}");
        }
        assert!(!is_syllable("CAT"), "a syllable closed by t carries sắc or nặng");
        assert!(!is_syllable("GIAOI"));
    }

    /// Every group row in capitals in the fixtures becomes its unit.
    #[test]
    fn fixture_group_rows_become_their_unit() {
        let mut seen = 0;
        for f in fixtures() {
            for g in f.group_rows {
                let Some(unit) = g.unit else { continue };
                let text = strip_enumerator(&g.text);
                assert_eq!(normalise_case(text), unit, "{}: {}", f.file, g.text);
                seen += 1;
            }
        }
        assert!(seen >= 12, "{seen}");
    }

    // -------------------------------------------------------------------------------------------
    // strip_enumerator
    // -------------------------------------------------------------------------------------------

    #[test]
    fn enumerators_are_stripped() {
        let cases = [
            ("I. PHÒNG TÀI CHÍNH - KẾ HOẠCH", "PHÒNG TÀI CHÍNH - KẾ HOẠCH"),
            ("XII. UBND XÃ QUỲNH TRANG", "UBND XÃ QUỲNH TRANG"),
            ("2.1. Phòng Kinh tế", "Phòng Kinh tế"),
            ("2.5. Phòng Tài chính - Kế hoạch", "Phòng Tài chính - Kế hoạch"),
            ("2.1 Phòng Kinh tế", "Phòng Kinh tế"),
            ("1. Phòng Nội vụ:", "Phòng Nội vụ"),
            ("3) Thanh tra thị xã", "Thanh tra thị xã"),
            ("(3) Thanh tra thị xã", "Thanh tra thị xã"),
            ("a) Phòng Tư pháp", "Phòng Tư pháp"),
            ("A. DỰ ÁN CHUYỂN TIẾP", "DỰ ÁN CHUYỂN TIẾP"),
            ("+ Phường Mai Hùng:", "Phường Mai Hùng"),
            ("- UBND các phường, xã;", "UBND các phường, xã"),
            ("  Phòng Kinh tế  ", "Phòng Kinh tế"),
            ("I. 1. Phòng Kinh tế", "Phòng Kinh tế"),
            ("Đ/c Hùng - PCT", "Đ/c Hùng - PCT"),
            ("UBND các xã, phường", "UBND các xã, phường"),
            ("Vi bằng", "Vi bằng"),
            ("2026", "2026"),
            ("", ""),
        ];
        for (text, expected) in cases {
            assert_eq!(strip_enumerator(text), expected, "{text}");
        }
    }

    // -------------------------------------------------------------------------------------------
    // looks_like_unit / looks_like_person
    // -------------------------------------------------------------------------------------------

    const UNITS: &[&str] = &[
        "Phòng Kinh tế",
        "Văn phòng HĐND-UBND thị xã",
        "Ban Quản lý dự án đầu tư xây dựng thị xã",
        "Sở Giáo dục và Đào tạo",
        "Trung tâm Y tế thị xã",
        "Đài Truyền thanh thị xã",
        "Công an thị xã",
        "Ban Chỉ huy Quân sự thị xã",
        "Thanh tra thị xã",
        "Thanh tra",
        "Thị đoàn",
        "Huyện đoàn Quỳnh Lưu",
        "Đoàn Thanh niên",
        "ĐOÀN THANH NIÊN",
        "Hội Nông dân thị xã",
        "Hội đồng bồi thường, hỗ trợ và tái định cư thị xã",
        "Đội quản lý trật tự đô thị",
        "Chi cục Thuế khu vực thành phố - Vũ Thư",
        "Cục Thuế tỉnh",
        "Kho bạc Nhà nước thị xã",
        "Bảo hiểm xã hội thị xã",
        "Chi nhánh Văn phòng đăng ký đất đai",
        "UBND phường Mai Hùng",
        "UBND",
        "Ủy ban nhân dân phường Mai Hùng",
        "HĐND thị xã",
        "Trường THCS Quỳnh Vinh",
        "Bệnh viện Đa khoa thị xã",
        "Viện Kiểm sát nhân dân thị xã",
        "Tòa án nhân dân thị xã",
        "Tổ công tác thị xã",
        "Liên đoàn Lao động thị xã",
        "Mặt trận Tổ quốc thị xã",
        "MTTQ",
        "Ủy ban MTTQ thị xã",
        "Hạt kiểm lâm",
        "Phường Mai Hùng",
        "Xã Quỳnh Vinh",
        "Thị trấn Hoàng Mai",
        "Các phòng, ban, ngành",
        "Các xã, phường",
        "Các đơn vị trực thuộc",
        "I. PHÒNG TÀI CHÍNH - KẾ HOẠCH",
        "VII. VĂN PHÒNG HĐND-UBND THỊ XÃ",
        "IX. UBND PHƯỜNG MAI HÙNG",
        "+ Phường Mai Hùng:",
        "2.5. Phòng Tài chính - Kế hoạch",
        "- UBND các phường, xã;",
        "phong kinh te",
        "PHONG KINH TE",
        "ỦY BAN NHÂN DÂN",
        "Ban QLDA ĐTXD thị xã",
        "Phòng TNMT, HĐGPMB",
        "Phòng Y tế, Trung tâm Y tế thành phố",
    ];

    const NOT_UNITS: &[&str] = &[
        "Nguyễn Văn A",
        "Trần Thị B",
        "Đ/c Hùng - PCT",
        "Đoàn Văn Hùng",
        "Mai Hùng",
        "A. DỰ ÁN CHUYỂN TIẾP",
        "CÔNG TRÌNH KHỞI CÔNG MỚI",
        "DỰ ÁN ĐANG THI CÔNG",
        "A. NGUỒN TRUNG ƯƠNG",
        "Phối hợp với Tòa để giải quyết dứt điểm vụ việc liên quan đến chợ Mai Hùng",
        "Tham mưu tổ chức thành công hội nghị giao ban an ninh trường học",
        "Tổng cộng",
        "TỔNG CỘNG",
        "Phòng Kinh tế chủ trì, phối hợp với các đơn vị tham mưu UBND thị xã",
        "Phòng Kinh tế: Tập trung chỉ đạo sản xuất cây trồng vụ Xuân",
        "Ban hành kế hoạch chuyển đổi số năm 2024",
        "Hội nghị giao ban an ninh trường học",
        "Phòng, chống dịch bệnh",
        "Trường hợp chậm tiến độ",
        "Đoàn kết toàn dân",
        "Xã hội hóa công tác giáo dục",
        "XÃ HỘI HÓA",
        "Thanh tra việc quản lý đất đai",
        "Phòng",
        "Ban",
        "các đơn vị có liên quan",
        "Chủ tịch UBND thị xã",
        "PCT UBND thị xã",
        "Trưởng phòng Kinh tế",
        "Đơn vị chủ trì",
        "Nội dung nhiệm vụ",
        "Thường xuyên",
        "Tổng hợp",
        "Sheet1",
        "Nhiệm vụ T01-2024",
        "TM. ỦY BAN NHÂN DÂN",
        "Nơi nhận:",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Phòng Kinh tế phối hợp với Phòng Tài chính - Kế hoạch, UBND các xã, phường rà soát toàn bộ quỹ đất",
        "",
    ];

    const PERSONS: &[&str] = &[
        "Nguyễn Văn A",
        "Trần Thị B",
        "Lê Văn C",
        "Phạm Thị D",
        "Nguyễn Mạnh Hùng",
        "NGUYỄN MẠNH HÙNG",
        "Đinh Gia Dũng",
        "Đoàn Văn Hùng",
        "Hoàng Văn Thái",
        "Nguyen Van A",
        "Đ/c Hùng - PCT",
        "Đ/c Hùng",
        "đ/c Nguyễn Văn A",
        "Ông Nguyễn Văn A",
        "Bà Trần Thị B",
        "đồng chí Nguyễn Hữu An",
        "Nguyễn Văn A - PCT",
        "Nguyễn Văn A - Chủ tịch",
        "Nguyễn Mạnh Hùng (PCVP)",
        "Chủ tịch UBND",
        "Chủ tịch UBND thị xã",
        "PCT UBND thị xã",
        "PCT Nguyễn Văn A",
        "Phó Chủ tịch",
        "Phó Chủ tịch UBND thị xã",
        "Trưởng phòng Kinh tế",
        "Giám đốc",
        "Nguyễn Văn A, Trần Thị B",
        "Đ/c Nguyễn Hữu An - Chủ tịch UBND thị xã",
    ];

    const NOT_PERSONS: &[&str] = &[
        "Mai Hùng",
        "Hoàng Mai",
        "UBND phường Mai Hùng",
        "Phòng Kinh tế",
        "Văn phòng HĐND-UBND thị xã",
        "Đoàn Thanh niên",
        "ĐOÀN THANH NIÊN",
        "Thường xuyên",
        "Tổng cộng",
        "Chuyên viên theo dõi",
        "Lãnh đạo phụ trách",
        "nguyễn văn a",
        "Phối hợp với Tòa để giải quyết",
        "Quý I/2024",
        "Nguyễn Văn A - phối hợp",
        "Nguyễn Văn A, Phòng Kinh tế",
        "Hà Nội",
        "KT. CHỦ TỊCH",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "",
    ];

    #[test]
    fn units_are_units() {
        for t in UNITS {
            assert!(looks_like_unit(t), "should be a unit: {t}");
            let nfd: String = nfd(t).collect();
            assert!(looks_like_unit(&nfd), "should be a unit (NFD): {t}");
        }
        // A town's own name and a cooperative are not among the unit heads.
        let not_heads = ["THỊ XÃ HOÀNG MAI", "HỢP TÁC XÃ NÔNG NGHIỆP"];
        for (caps, name) in CAPS.iter().filter(|(caps, _)| !not_heads.contains(caps)) {
            assert!(looks_like_unit(caps), "should be a unit: {caps}");
            assert!(looks_like_unit(name), "should be a unit: {name}");
        }
        for caps in not_heads {
            assert!(!looks_like_unit(caps), "{caps}");
        }
    }

    #[test]
    fn other_texts_are_not_units() {
        for t in NOT_UNITS {
            assert!(!looks_like_unit(t), "should not be a unit: {t}");
        }
    }

    #[test]
    fn persons_are_persons() {
        for t in PERSONS {
            assert!(looks_like_person(t), "should be a person: {t}");
            let nfd: String = nfd(t).collect();
            assert!(looks_like_person(&nfd), "should be a person (NFD): {t}");
        }
    }

    #[test]
    fn other_texts_are_not_persons() {
        for t in NOT_PERSONS.iter().chain(UNITS) {
            assert!(!looks_like_person(t), "should not be a person: {t}");
        }
        for (caps, name) in CAPS {
            assert!(!looks_like_person(caps), "should not be a person: {caps}");
            assert!(!looks_like_person(name), "should not be a person: {name}");
        }
    }

    #[test]
    fn nothing_is_both_a_unit_and_a_person() {
        let all = UNITS.iter().chain(NOT_UNITS).chain(PERSONS).chain(NOT_PERSONS);
        for t in all {
            assert!(!(looks_like_unit(t) && looks_like_person(t)), "both: {t}");
        }
        for f in fixtures() {
            for t in f.units.iter().chain(&f.persons).chain(&f.not_units) {
                assert!(!(looks_like_unit(t) && looks_like_person(t)), "both: {t}");
            }
        }
    }

    /// Every unit named in the fixtures' expectations is a unit; every person a person; the
    /// names that must not become units are not units; stage group rows are not units.
    #[test]
    fn fixture_names_are_read_right() {
        let fixtures = fixtures();
        assert!(fixtures.len() >= 11);
        let (mut units, mut persons) = (0, 0);
        for f in &fixtures {
            for u in &f.units {
                assert!(looks_like_unit(u), "{}: unit {u}", f.file);
                assert!(!looks_like_person(u), "{}: unit {u} taken for a person", f.file);
                units += 1;
            }
            for p in &f.persons {
                assert!(looks_like_person(p), "{}: person {p}", f.file);
                assert!(!looks_like_unit(p), "{}: person {p} taken for a unit", f.file);
                persons += 1;
            }
            for t in &f.not_units {
                assert!(!looks_like_unit(t), "{}: not a unit: {t}", f.file);
            }
            for g in &f.group_rows {
                // "A | DỰ ÁN …" is a row of two cells; the text cell is the last one.
                let cell = g.text.rsplit(" | ").next().unwrap_or(&g.text);
                match &g.unit {
                    Some(u) => {
                        assert!(looks_like_unit(&g.text), "{}: group row {}", f.file, g.text);
                        assert!(looks_like_unit(u));
                    }
                    None => assert!(!looks_like_unit(cell), "{}: stage row {}", f.file, g.text),
                }
            }
        }
        assert!(units > 50 && persons >= 7, "{units} units, {persons} persons");
    }

    // -------------------------------------------------------------------------------------------
    // Reading the fixtures' expectations
    // -------------------------------------------------------------------------------------------

    struct GroupRow {
        text: String,
        unit: Option<String>,
    }

    struct Fixture {
        file: String,
        units: Vec<String>,
        persons: Vec<String>,
        not_units: Vec<String>,
        group_rows: Vec<GroupRow>,
    }

    fn fixtures() -> Vec<Fixture> {
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/trackers");
        let mut out = Vec::new();
        let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
            .expect("tests/fixtures/trackers")
            .map(|e| e.unwrap().path())
            .filter(|p| p.to_string_lossy().ends_with(".expected.json"))
            .collect();
        paths.sort();
        for path in paths {
            let text = std::fs::read_to_string(&path).unwrap();
            let json: serde_json::Value = serde_json::from_str(&text).unwrap();
            let mut f = Fixture {
                file: path.file_name().unwrap().to_string_lossy().into_owned(),
                units: Vec::new(),
                persons: Vec::new(),
                not_units: Vec::new(),
                group_rows: Vec::new(),
            };
            collect(&json, "", &mut f);
            out.push(f);
        }
        out
    }

    fn collect(v: &serde_json::Value, key: &str, f: &mut Fixture) {
        use serde_json::Value;
        match v {
            Value::Object(map) => {
                for (k, x) in map {
                    match k.as_str() {
                        "tasks_by_lead_unit" => {
                            if let Value::Object(m) = x {
                                f.units.extend(m.keys().cloned());
                            }
                        }
                        "group_rows" => {
                            for g in x.as_array().into_iter().flatten() {
                                f.group_rows.push(GroupRow {
                                    text: g["text"].as_str().unwrap().to_owned(),
                                    unit: g["unit"].as_str().map(str::to_owned),
                                });
                                if let Some(u) = g["unit"].as_str() {
                                    f.units.push(u.to_owned());
                                }
                            }
                        }
                        "must_not_become_units" => {
                            for s in x.as_array().into_iter().flatten().filter_map(Value::as_str) {
                                f.not_units.push(s.to_owned());
                                f.persons.push(s.to_owned());
                            }
                        }
                        _ => collect(x, k, f),
                    }
                }
            }
            Value::Array(items) => items.iter().for_each(|x| collect(x, key, f)),
            Value::String(s) => match key {
                "lead_unit" | "coordinating_units" => f.units.push(s.clone()),
                "leader" | "officer" => f.persons.push(s.clone()),
                _ => {}
            },
            _ => {}
        }
    }
}
