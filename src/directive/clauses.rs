//! Tasks in running prose: who is told to do what, sentence by sentence and clause by clause.
//!
//! A sentence gives tasks when it assigns ("giao", "đề nghị", "yêu cầu", "chỉ đạo", "phân công"
//! + units) or when a unit is its subject ("Phòng Tư pháp rà soát …"). Its clauses separated by
//! ";" are one task each; a clause that names its own unit is that unit's, the others are the
//! assignee's. Sentences that follow an assignment and open with a verb ("Đẩy mạnh …", "Tiếp
//! tục …") go on giving that assignee tasks. Results ("đã …"), conditions ("nếu có khó khăn …"),
//! attitudes ("cần có thái độ …") and the issuer's own steps ("UBND tỉnh tổ chức họp …") are
//! not tasks.

use super::tasks::Target;
use super::unit_phrase::{list_at, tokens, unit_at_token, UnitPhrase};
use crate::domain::fold::fold;
use crate::domain::UnitDirectory;

/// Words that assign work to the units named after them.
const ASSIGN: &[&str] = &["giao trach nhiem cho", "giao trach nhiem", "giao cho", "giao", "de nghi", "yeu cau", "chi dao", "phan cong", "dong y giao", "uy quyen cho", "gui"];

/// Verbs a task clause opens with when its unit is the assignee's ("Đẩy mạnh …").
const TASK_VERBS: &[&str] = &[
    "day manh", "tiep tuc", "dam bao", "bao dam", "tang cuong", "tap trung", "thuc hien", "trien khai", "chi dao", "ra soat",
    "kiem tra", "chu dong", "khan truong", "to chuc", "xay dung", "hoan thanh", "hoan thien", "nghien cuu", "tham muu",
    "phoi hop", "theo doi", "don doc", "huong dan", "tuyen truyen", "xu ly", "giai quyet", "lam tot", "quan tam",
    "nang cao", "day nhanh", "bao cao", "cap nhat", "van dong", "huy dong", "thu hoach", "chan chinh", "nhan rong",
    "tang", "lap", "soat xet", "thuong xuyen", "quyet liet", "uu tien", "phan dau", "ra quan", "duy tri",
    "giam sat", "san sang", "khuyen cao", "de xuat", "bo tri", "thanh lap", "cung cap", "ho tro", "tham dinh", "ngan chan",
    "kiem soat", "tong hop", "dieu tra", "danh gia", "tiep nhan", "khac phuc", "sua chua", "tien hanh", "ban hanh",
    "xac minh", "chiu trach nhiem", "giai ngan", "tranh thu", "bao ve", "xu phat", "truy quet", "canh bao", "thong tin",
    "chuan bi", "cach ly", "bo sung", "dieu chinh", "giai thich", "tiep thu", "hoan chinh", "tham gia", "quan ly", "cung co",
    "kien toan", "sap xep", "boi duong", "dao tao", "thu thap", "xem xet", "luu y", "co ke hoach", "co bien phap",
    "co phuong an", "co giai phap", "co van ban", "phat hien", "ngan ngua", "phong ngua", "phong chong", "dap ung",
    "lam ro", "chu tri",
];

/// "UBND tỉnh", "UBND huyện", "Chủ tịch UBND huyện": the body that issues the document, not a
/// unit it tasks.
fn is_issuer(name: &str) -> bool {
    let f = fold(name).replace("(ubnd)", "").replace("(ubnd", "").split_whitespace().collect::<Vec<_>>().join(" ");
    // "Chủ tịch UBND", "Chủ tịch Ủy ban nhân dân (UBND) tỉnh": the one who signs.
    if let Some(rest) = f.strip_prefix("chu tich ") {
        if matches!(rest, "ubnd" | "uy ban nhan dan") {
            return true;
        }
    }
    let f = f.trim_start_matches("chu tich ").trim_start_matches("lanh dao ");
    // "UBND tỉnh Thanh Hóa", "Chủ tịch UBND tỉnh": the province issues; a district is tasked by name.
    if f.starts_with("ubnd tinh") || f.starts_with("uy ban nhan dan tinh") || f.starts_with("chinh quyen tinh") {
        return true;
    }
    matches!(f, "ubnd tinh" | "ubnd huyen" | "ubnd thanh pho" | "ubnd thi xa" | "ubnd quan" | "uy ban nhan dan tinh" | "uy ban nhan dan huyen" | "uy ban nhan dan thanh pho" | "uy ban nhan dan thi xa")
}

fn target_of(list: &[UnitPhrase]) -> Option<Target> {
    match list {
        [] => None,
        [one] if one.group => Some(Target::Group(one.name.clone())),
        many => Some(Target::Units(many.iter().map(|u| u.name.clone()).collect())),
    }
}

/// Who a sentence assigns to and where the work starts (byte offset), if it assigns.
pub(crate) fn assignment(sentence: &str, units: &UnitDirectory) -> Option<(Target, usize)> {
    let toks = tokens(sentence);
    for i in 0..toks.len() {
        for verb in ASSIGN {
            let words: Vec<&str> = verb.split(' ').collect();
            if !words.iter().enumerate().all(|(k, w)| toks.get(i + k).is_some_and(|t| t.key == *w)) {
                continue;
            }
            let mut at = i + words.len();
            // "giao cho", "yêu cầu Giám đốc …", "đề nghị với".
            if toks.get(at).is_some_and(|t| t.key == "cho" || t.key == "voi") {
                at += 1;
            }
            let (mut list, mut next) = list_at(sentence, &toks, at, units);
            // "gửi Văn phòng UBND tỉnh để phối hợp …": sent to, not told to do.
            if *verb == "gui" && !toks.get(next).is_some_and(|t| opens_with_task_verb(&sentence[t.start..]) || opens_with_assign(&sentence[t.start..])) {
                continue;
            }
            // "giao Thủ trưởng các đơn vị: Y tế, Công Thương, Tài chính, … theo chức năng …": the
            // units named after the colon, in their short forms.
            // "giao Công an tỉnh, các sở: TN&MT, Xây dựng, …": the group's members after it.
            if list.last().is_some_and(|u| u.group) && next > 0 && toks[next - 1].after == Some(':') {
                let (named, after) = named_after_colon(sentence, &toks, next, units);
                if named.len() >= 2 {
                    // "các sở: TN&MT, Xây dựng" → "Sở TN&MT", "Sở Xây dựng"; full names stay.
                    let kind = list.pop().and_then(|g| super::unit_phrase::kind_of_group(&g.name));
                    list.extend(named.into_iter().map(|mut u| {
                        if let Some(kind) = kind.as_ref().filter(|_| !super::unit_phrase::has_head(&u.name)) {
                            u.name = format!("{kind} {}", u.name);
                        }
                        u
                    }));
                    next = after;
                }
            }
            let list: Vec<UnitPhrase> = list.into_iter().filter(|u| !is_issuer(&u.name)).collect();
            if let Some(target) = target_of(&list) {
                let start = toks.get(next).map_or(sentence.len(), |t| t.start);
                return Some((target, start));
            }
        }
    }
    None
}

/// Units listed after a colon, as written: full names ("Công an thành phố"), short ones ("Y tế",
/// "Nông nghiệp và Phát triển nông thôn") or a group; "và" before a new unit or a title ends one.
fn named_after_colon(text: &str, toks: &[super::unit_phrase::Token<'_>], mut at: usize, units: &UnitDirectory) -> (Vec<UnitPhrase>, usize) {
    let mut out = Vec::new();
    let starts_another = |i: usize| unit_at_token(text, toks, i, units).is_some();
    while at < toks.len() {
        if let Some(u) = unit_at_token(text, toks, at, units) {
            at += toks[at..].iter().take_while(|t| t.start < u.end).count();
            out.push(u);
        } else if toks[at].text.chars().next().is_some_and(char::is_uppercase) {
            let start = at;
            while at < toks.len() {
                let t = &toks[at];
                if at > start && (t.key == "va" && starts_another(at + 1) || !t.text.starts_with(char::is_uppercase) && super::unit_phrase::stops(toks, at, false)) {
                    break;
                }
                at += 1;
                if t.closes() || at - start >= 8 {
                    break;
                }
            }
            let (s, e) = (toks[start].start, toks[at - 1].end);
            out.push(UnitPhrase { name: text[s..e].trim_end_matches([',', ';', ':', '.', ' ']).to_string(), start: s, end: e, group: false });
        } else {
            break;
        }
        match toks.get(at) {
            Some(t) if t.key == "va" => at += 1,
            Some(_) if toks[at - 1].after == Some(',') => {}
            _ => break,
        }
    }
    (out, at)
}

/// A unit that is the subject of a clause ("Phòng Tư pháp rà soát …"): the unit and where the
/// work starts. A result ("Sở X đã …") or the issuer is not.
pub(crate) fn subject(clause: &str, units: &UnitDirectory) -> Option<(Target, usize)> {
    let toks = tokens(clause);
    let mut at = 0;
    // "Đối với các đoàn thể tổ chức …"; "Do vậy, các cơ quan … cần tập trung …"; "Theo đó, trong
    // thời gian từ … tới ngày 15/3, Công an tỉnh bố trí …": openings, one after another.
    const OPENERS: &[&[&str]] = &[&["doi", "voi"], &["do", "vay"], &["do", "do"], &["vi", "vay"], &["theo", "do"], &["cu", "the"]];
    const INTRO: &[&str] = &["ngoai", "trong", "ve", "de", "tren", "sau", "truoc", "tai", "qua", "doi", "cung", "hien", "nhung", "tu"];
    for _ in 0..2 {
        if let Some(o) = OPENERS.iter().chain(CONNECTORS).find(|o| o.iter().enumerate().all(|(k, w)| toks.get(at + k).is_some_and(|t| t.key == *w))) {
            at += o.len();
        } else if let Some(comma) = toks.iter().skip(at).take(24).position(|t| t.after == Some(',')) {
            // "Ngoài công tác tuyên truyền, UBND huyện Tây Trà phải …": the subject after a short opening.
            if toks.get(at).is_some_and(|t| INTRO.contains(&t.key.as_str())) && unit_at_token(clause, &toks, at, units).is_none() {
                at += comma + 1;
            }
        }
    }
    let (list, next) = list_at(clause, &toks, at, units);
    if list.is_empty() || list.iter().any(|u| is_issuer(&u.name)) {
        return None;
    }
    let verb = toks.get(next)?;
    // The work starts with a verb in lower case ("UBND TP.HCM vừa …" is not "UBND" doing "TP.HCM").
    if verb.text.chars().next().is_some_and(char::is_uppercase) {
        return None;
    }
    // Compared as written: "đang" (is doing) ends a subject, "đăng" (publish) is work.
    if matches!(verb.text.to_lowercase().as_str(), "đã" | "đang" | "là" | "có" | "của" | "và" | "thì" | "được" | "ngày" | "vừa") || verb.text.starts_with(['(', ':']) {
        return None;
    }
    // "Phường Mai Hùng: …" names its unit like a heading.
    Some((target_of(&list)?, verb.start))
}

/// The units a document is addressed to, from its closing ("UBND thị xã thông báo để các phòng,
/// cơ quan chuyên môn, UBND các xã phường và các đơn vị liên quan triển khai thực hiện."): the
/// units of its list items that name none.
pub(crate) fn addressee(line: &str, units: &UnitDirectory) -> Option<Target> {
    let toks = tokens(line);
    let at = (0..toks.len()).find(|&i| ["thong", "bao", "de"].iter().enumerate().all(|(k, w)| toks.get(i + k).is_some_and(|t| t.key == *w)))?;
    let (list, next) = list_at(line, &toks, at + 3, units);
    let goes_on = toks.get(next).is_some_and(|t| matches!(t.key.as_str(), "trien" | "thuc" | "biet" | "to" | "chu"));
    goes_on.then(|| target_of(&list)).flatten()
}

/// Clauses of a sentence: split at ";" outside parentheses.
fn split_clauses(sentence: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut depth = 0i32;
    let mut start = 0;
    for (i, c) in sentence.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            ';' if depth <= 0 => {
                out.push(&sentence[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(&sentence[start..]);
    out.into_iter().map(str::trim).filter(|c| !c.is_empty()).collect()
}

/// "Nếu có khó khăn …", "Trong trường hợp đặc biệt, …" (folded): a condition, not work.
fn is_condition(folded: &str) -> bool {
    ["neu ", "truong hop", "trong truong hop"].iter().any(|p| folded.starts_with(p))
}

/// Not work to log: conditions, attitudes, results, framings.
fn is_not_work(clause: &str) -> bool {
    let f = fold(clause);
    let f = f.trim_start_matches(|c: char| !c.is_alphanumeric());
    const NOT: &[&str] = &[
        "trong qua trinh thuc hien", "can co thai do", "neu cao", "quan triet", "can than", "da ",
        "can cu", "co the", "thuc hien chi thi", "thuc hien cong van", "thuc hien van ban", "theo do", "qua do", "nhin chung",
    ];
    // Whole words: "theo đó" is a framing, "theo dõi" is work.
    // "Căn cứ Quyết định …" is a legal basis; "căn cứ tình hình thời tiết, chủ động …" is work.
    let basis = f.strip_prefix("can cu ").is_some_and(|rest| {
        const DOCUMENTS: &[&str] = &["luat", "nghi", "quyet", "chi", "cong", "thong", "ke", "van", "vao", "hien", "bo", "dieu", "y", "tinh"];
        rest.split_whitespace().next().is_some_and(|w| DOCUMENTS.contains(&w) && !rest.starts_with("tinh hinh"))
    });
    let not = NOT.iter().filter(|n| **n != "can cu").any(|n| f.strip_prefix(n).is_some_and(|rest| n.ends_with(' ') || !rest.starts_with(char::is_alphanumeric)));
    basis || not || is_condition(f) || f.split_whitespace().count() < 3 || f.ends_with(':')
}

/// "hoàn thành trước ngày 10/12/2023", "thời gian xong trước ngày 31.7": the deadline of the work
/// before it, not a task.
fn is_deadline_only(text: &str) -> bool {
    let f = fold(text);
    ["hoan thanh truoc", "truoc ngay", "cham nhat", "thoi gian hoan thanh", "thoi gian xong", "thoi han", "xong truoc"].iter().any(|p| f.starts_with(p))
        && f.split_whitespace().count() <= 10
}

/// A sentence about the public ("Người dân xã Bình An chủ động gia cố chuồng trại", a photo's
/// caption; "Những hộ chăn thả gia súc …").
fn about_the_public(sentence: &str) -> bool {
    let f = fold(sentence);
    ["nguoi dan", "nhan dan", "nhung ho", "cac ho", "ho dan", "ba con", "nguoi chan nuoi", "nong dan", "du khach", "hoc sinh"].iter().any(|p| f.starts_with(p))
}

/// "Yêu cầu gửi báo cáo về Sở … trước ngày 23/5/2019", "Thời gian hoàn thành: trước ngày …": a
/// sentence that names no unit and says when the work before it is due.
fn states_when_due(sentence: &str) -> bool {
    let f = fold(sentence);
    ["yeu cau gui", "yeu cau hoan", "yeu cau bao cao", "thoi gian", "thoi han", "hoan thanh", "gui bao cao", "bao cao ket qua", "bao cao ve"].iter().any(|p| f.starts_with(p))
        && super::deadlines::own_deadline(sentence).is_some_and(|d| d.due_date().is_some() || matches!(d.kind, crate::domain::DeadlineKind::Recurring(_)))
}

/// "báo cáo nhanh … trước ngày 20/01/2019 và báo cáo kết quả … trước ngày 10/3/2019" → the two
/// reports, each with its own date; one report (or none dated) → empty.
fn dated_reports(text: &str) -> Vec<String> {
    let lower = text.to_lowercase();
    let cuts: Vec<usize> = lower.match_indices(" và báo cáo ").map(|(at, _)| at).chain(lower.match_indices("; báo cáo ").map(|(at, _)| at)).collect();
    if cuts.is_empty() || !fold(text).starts_with("bao cao") {
        return Vec::new();
    }
    let mut parts = Vec::new();
    let mut from = 0;
    let mut cuts = cuts;
    cuts.sort_unstable();
    for at in cuts {
        parts.push(text[from..at].trim().trim_start_matches([';', ' ']).to_string());
        from = at;
    }
    parts.push(text[from..].trim().trim_start_matches([';', ' ']).to_string());
    let parts: Vec<String> = parts.into_iter().map(|p| p.strip_prefix("và ").unwrap_or(&p).trim().to_string()).collect();
    let dated = parts.iter().filter(|p| super::deadlines::own_deadline(p).is_some_and(|d| d.due_date().is_some())).count();
    if dated == parts.len() { parts } else { Vec::new() }
}

/// "Tổng hợp, báo cáo kết quả …", "Báo cáo UBND tỉnh trước ngày …": the report on the work
/// before it.
fn reports_on(text: &str) -> bool {
    let w = crate::domain::fold::fold_words(text);
    w.iter().take(4).collect::<Vec<_>>().windows(2).any(|p| p[0] == "bao" && p[1] == "cao")
}

/// "…; ý kiến chỉ đạo của Thủ tướng tại Thông báo số …; số 2229/UBND-KT ngày …": a clause that
/// goes on listing the documents the work follows, not a task.
fn cites(clause: &str) -> bool {
    let w = crate::domain::fold::fold_words(clause);
    let at = |i: usize| w.get(i).map_or("", String::as_str);
    let number = |i: usize| at(i).chars().next().is_some_and(|c| c.is_ascii_digit());
    (at(0) == "so" && number(1))
        || matches!((at(0), at(1)), ("y", "kien") if at(2) == "chi")
        || (matches!((at(0), at(1)), ("chi", "thi") | ("cong", "van") | ("quyet", "dinh") | ("nghi", "quyet") | ("van", "ban") | ("thong", "bao") | ("ke", "hoach")) && (at(2) == "so" || number(2)))
}

/// A second clause that is a piece of work of its own ("…; đề xuất các công trình cấp bách …"),
/// not the report on the first ("…; báo cáo UBND tỉnh …"), the way it is done ("…; phối hợp với
/// …") or its plan ("…; xây dựng kế hoạch …").
fn is_more_work(clause: &str) -> bool {
    let f = fold(connector_off(clause));
    let head: Vec<&str> = f.split_whitespace().take(6).collect();
    opens_with_task_verb(clause)
        && !head.windows(2).any(|w| matches!(w, ["bao", "cao"] | ["phoi", "hop"] | ["ke", "hoach"]))
}

/// The verbs of [`ASSIGN`] by which a subject hands work to others: unlike "chỉ đạo" and "gửi",
/// which after a subject ("UBND các huyện chỉ đạo …") are that subject's own work.
const HANDS_ON: &[&str] = &["yeu cau", "de nghi", "giao", "phan cong", "uy quyen"];

fn opens_with_assign(text: &str) -> bool {
    let f = fold(text);
    HANDS_ON.iter().any(|v| f.strip_prefix(v).is_some_and(|rest| rest.starts_with(' ')))
}

/// Words that join a sentence to the one before ("Đồng thời, …", "Ngoài ra, …", "Bên cạnh đó, …").
const CONNECTORS: &[&[&str]] = &[&["dong", "thoi"], &["ngoai", "ra"], &["ben", "canh", "do"], &["mat", "khac"], &["cung", "voi", "do"]];

/// The text after a connector that opens it.
fn connector_off(text: &str) -> &str {
    let toks = tokens(text);
    match CONNECTORS.iter().find(|c| c.iter().enumerate().all(|(k, w)| toks.get(k).is_some_and(|t| t.key == *w))) {
        Some(c) => toks.get(c.len()).map_or("", |t| &text[t.start..]),
        None => text,
    }
}

fn opens_with_task_verb(text: &str) -> bool {
    let text = connector_off(text);
    let f = fold(text);
    let f = f.trim_start_matches(|c: char| !c.is_alphanumeric());
    TASK_VERBS.iter().any(|v| f.starts_with(v) && f[v.len()..].starts_with([' ', ',']))
}

/// Places a document names for a group ("các huyện Thanh Hà, Tứ Kỳ, Kim Thành và Ninh Giang"),
/// so that "Các huyện …" and "UBND các huyện …" later in it mean each of them.
#[derive(Default)]
struct Members {
    known: Vec<(String, Vec<String>)>,
}

impl Members {
    fn resolve(&mut self, target: Target) -> Target {
        let Target::Group(g) = &target else { return target };
        if let Some((level, places)) = super::unit_phrase::named_members(g) {
            self.known.retain(|(l, _)| *l != level);
            self.known.push((level.clone(), places.clone()));
            // "UBND các huyện Bố Trạch, …" → "UBND huyện Bố Trạch", as the group wrote it.
            let before = tokens(g).iter().find(|t| t.key == "cac").map_or("", |t| g[..t.start].trim());
            let prefix = if before.is_empty() { String::new() } else { format!("{before} ") };
            return Target::Units(places.iter().map(|p| format!("{prefix}{level} {p}")).collect());
        }
        let f = fold(g);
        let (committee, rest) = match f.strip_prefix("ubnd ") {
            Some(rest) => (true, rest.to_string()),
            None => (false, f.clone()),
        };
        for (level, places) in &self.known {
            if rest == format!("cac {}", fold(level)) {
                let prefix = if committee { format!("UBND {level}") } else { level.clone() };
                return Target::Units(places.iter().map(|p| format!("{prefix} {p}")).collect());
            }
        }
        target
    }
}

/// The tasks of prose paragraphs, in order: (target, text of the work, the sentence it is in).
/// A paragraph marked as a list item ("2. Giao Công an thành phố …; …; đồng thời …") is one task
/// for its unit, whatever its clauses, unless a clause names a unit of its own.
pub fn prose(paragraphs: &[(&str, bool)], units: &UnitDirectory, sentences: impl Fn(&str) -> Vec<String>) -> Vec<(Target, String, String)> {
    let mut out = Vec::new();
    // The assignee of the last sentence that assigned, for sentences that go on with a verb.
    let mut current: Option<Target> = None;
    // The last group addressed, for a list of work that names nobody.
    let mut last_group: Option<Target> = None;
    let mut members = Members::default();
    // Where the tasks of the last sentence that gave tasks begin in `out`.
    let mut last_from = usize::MAX;
    for &(paragraph, item) in paragraphs {
        let mut carried = false;
        // A photo's caption in a news item ("… Ảnh minh họa |", "Ảnh: …") repeats the story.
        let f = fold(paragraph);
        if f.trim_end_matches(|c: char| !c.is_alphanumeric()).ends_with("anh minh hoa") || f.starts_with("anh:") || f.starts_with("(anh") {
            continue;
        }
        for sentence in sentences(paragraph) {
            // "Đề nghị các đồng chí PCT … chỉ đạo …": the issuer's own leaders, not a unit's task.
            let f = fold(&sentence);
            // A headline in capitals ("HUYỆN THUẬN BẮC TỔ CHỨC LẤY Ý KIẾN …") repeats the story.
            let letters: Vec<char> = sentence.chars().filter(|c| c.is_alphabetic()).collect();
            let shouting = letters.len() > 12 && letters.iter().all(|c| !c.is_lowercase());
            // "Đó là nội dung tại Công văn số … giao …": a summary of what follows.
            let summary = f.starts_with("do la ") || f.starts_with("day la ");
            if shouting || summary || f.contains("de nghi cac dong chi") || f.starts_with("cac dong chi") {
                current = None;
                continue;
            }
            // A unit as the subject is the assignee, also when its work is to direct others ("UBND
            // các huyện chỉ đạo các cơ quan chuyên môn …"); one that assigns ("… yêu cầu …") is not.
            let own_subject = subject(&sentence, units).filter(|(_, start)| !opens_with_assign(&sentence[*start..]));
            // "… một số nhiệm vụ trọng tâm khác …, như: Tập trung …; Tiếp tục …; …": a list of work
            // for the units last addressed.
            let listed = (f.contains("nhu:") || f.contains("sau:")) && split_clauses(&sentence).len() >= 3;
            // "Giao Công an huyện chủ trì …. Đồng thời, chỉ đạo các Đội nghiệp vụ, Công an xã …": with
            // no subject of its own, the unit just tasked directs its own people; it is its task.
            let directs_own = own_subject.is_none() && matches!(current, Some(Target::Units(_))) && fold(connector_off(&sentence)).starts_with("chi dao ");
            let (target, body) = match own_subject.or_else(|| if directs_own { None } else { assignment(&sentence, units) }) {
                Some((t, start)) => (Some(t), sentence[start..].to_string()),
                None if current.is_some() && opens_with_task_verb(&sentence) => {
                    let body = connector_off(&sentence).trim_end_matches(['.', ' ']).to_string();
                    // "Đồng thời tổng hợp, báo cáo kết quả … trước ngày 10/2": the report on the work
                    // before, with its deadline, not a second task.
                    // "Đồng thời báo cáo nhanh … trước ngày 20/01 và báo cáo kết quả … trước ngày 10/3":
                    // reports due on different days are tasks of their own.
                    let reports = dated_reports(&body);
                    if reports.len() >= 2 {
                        for report in reports {
                            out.push((current.clone().unwrap_or(Target::Unassigned), report, sentence.clone()));
                        }
                        carried = true;
                        continue;
                    }
                    if reports_on(&body) {
                        if let Some(last) = out.last_mut().filter(|(t, _, _)| Some(t) == current.as_ref()) {
                            last.1 = format!("{}; {body}", last.1);
                            carried = true;
                            continue;
                        }
                    }
                    (current.clone(), body)
                }
                // "Yêu cầu gửi báo cáo về Sở KH&ĐT trước ngày 23/5/2019.": when the work of the
                // sentence before is due, not a task of its own.
                None if carried && last_from < out.len() && states_when_due(&sentence) => {
                    let body = sentence.trim_end_matches(['.', ' ']);
                    for task in &mut out[last_from..] {
                        task.1 = format!("{}; {body}", task.1);
                    }
                    continue;
                }
                None if listed && last_group.is_some() => {
                    let colon = sentence.find(':').map_or(0, |i| i + 1);
                    (last_group.clone(), sentence[colon..].to_string())
                }
                // "Những hộ chăn thả gia súc … phải …", "Người dân …": a word to the public in the
                // middle of a unit's instructions; the unit's work goes on after it.
                None if about_the_public(&sentence) => continue,
                // "Trong trường hợp đặc biệt, … thì phải báo cáo …": a condition is an aside; the
                // work that follows is still the assignee's.
                None if is_condition(&f) => continue,
                None => {
                    current = None;
                    continue;
                }
            };
            let Some(target) = target else { continue };
            let target = members.resolve(target);
            last_from = out.len();
            if matches!(target, Target::Group(_)) {
                last_group = Some(target.clone());
            }
            current = Some(target.clone());
            carried = true;
            let clauses = split_clauses(&body);
            // Two clauses are one piece of work ("tiến hành … (…); xây dựng kế hoạch …") unless the
            // second names its own unit; a list of three or more is a list of tasks.
            let list = clauses.len() >= 3 && !item;
            let mut from_here: Vec<(Target, String)> = Vec::new();
            for (k, clause) in clauses.iter().enumerate() {
                let own = subject(clause, units);
                let (t, text) = match &own {
                    Some((t, start)) => (members.resolve(t.clone()), &clause[*start..]),
                    None => (target.clone(), *clause),
                };
                let text = text.trim().trim_end_matches(['.', '/', ' ']).trim_start_matches([',', ':', ' ']);
                // "…; các doanh nghiệp, nhà hàng, khách sạn" goes on enumerating, it is not a task.
                let enumerates = { let f = fold(text); ["cac ", "nhung ", "moi ", "ho gia dinh"].iter().any(|p| f.starts_with(p)) } || cites(text);
                // "…; đồng thời cảnh báo …": a second piece of work, said so.
                let also = { let f = fold(text); f.starts_with("dong thoi ") && f.split_whitespace().count() >= 5 };
                let joins = k > 0 && own.is_none() && (!list && (item || !also && !is_more_work(text)) || is_deadline_only(text) || enumerates);
                match from_here.last_mut() {
                    // A deadline or the rest of one piece of work stays with the task before it.
                    Some(last) if joins => last.1 = format!("{}; {text}", last.1),
                    _ if is_not_work(text) => {}
                    _ => from_here.push((t, if also { connector_off(text) } else { text }.to_string())),
                }
            }
            // "… xử lý dứt điểm …; lập hồ sơ xử lý …; báo cáo UBND tỉnh kết quả trước ngày 5/9/2019.":
            // the closing dated report is on all the work listed before it, and gives it its deadline.
            if from_here.len() >= 2 {
                let (t, text) = &from_here[from_here.len() - 1];
                let dated = super::deadlines::own_deadline(text).is_some_and(|d| d.due_date().is_some());
                if fold(text).starts_with("bao cao") && dated && from_here[..from_here.len() - 1].iter().all(|(o, _)| o == t) {
                    if let Some((_, report)) = from_here.pop() {
                        for (_, work) in &mut from_here {
                            *work = format!("{work}; {report}");
                        }
                    }
                }
            }
            // "…; Sở GTVT tổ chức khuyến cáo …. Phối hợp với …": the next sentence goes on with the
            // subject of the last clause.
            if let Some((t, _)) = from_here.last() {
                current = Some(t.clone());
            }
            // A repeated instruction (a headline quote, then the body) is logged once.
            for (t, text) in from_here {
                let key: Vec<String> = crate::domain::fold::fold_words(&text).into_iter().take(12).collect();
                if !out.iter().any(|(o, other, _): &(Target, String, String)| *o == t && crate::domain::fold::fold_words(other).into_iter().take(12).collect::<Vec<_>>() == key) {
                    out.push((t, text, sentence.clone()));
                }
            }
        }
        // An assignee carries to the next paragraph only while paragraphs open with a verb (or
        // say something to the public in between, such as a photo's caption).
        if !carried && !about_the_public(paragraph) {
            current = None;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Vec<(String, String)> {
        let split = |p: &str| p.split_inclusive(". ").map(|s| s.trim().to_string()).collect::<Vec<_>>();
        prose(&[(text, false)], &UnitDirectory::default(), split)
            .into_iter()
            .map(|(t, text, _)| {
                let who = match t {
                    Target::Units(u) => u.join(" + "),
                    Target::Group(g) => format!("nhóm: {g}"),
                    Target::Unassigned => String::new(),
                };
                (who, text)
            })
            .collect()
    }

    #[test]
    fn an_assignment_gives_one_task_per_clause() {
        let tasks = read("Chủ tịch UBND huyện yêu cầu các ngành phải có kế hoạch cụ thể; cần có thái độ chủ động; tập trung xây dựng tiêu chí nông thôn mới; kiểm tra chấn chỉnh xây dựng trái phép.");
        assert_eq!(
            tasks,
            [
                ("nhóm: các ngành".to_string(), "phải có kế hoạch cụ thể".to_string()),
                ("nhóm: các ngành".to_string(), "tập trung xây dựng tiêu chí nông thôn mới".to_string()),
                ("nhóm: các ngành".to_string(), "kiểm tra chấn chỉnh xây dựng trái phép".to_string()),
            ]
        );
    }

    #[test]
    fn the_unit_just_tasked_directs_its_own_people() {
        let tasks = read("Giao Công an huyện chủ trì tuyên truyền Nghị định 137. Đồng thời, chỉ đạo các Đội nghiệp vụ, Công an xã, thị trấn thường xuyên kiểm tra. Phối hợp Đội Quản lý thị trường số 2 kiểm soát các địa bàn trọng điểm.");
        assert_eq!(tasks.len(), 3, "{tasks:?}");
        assert!(tasks.iter().all(|(who, _)| who == "Công an huyện"), "{tasks:?}");
        assert!(tasks[1].1.starts_with("chỉ đạo các Đội nghiệp vụ"));
        // Said by the issuer, "chỉ đạo" still hands the work on.
        let tasks = read("UBND tỉnh chỉ đạo Sở Y tế kiểm tra các cơ sở.");
        assert_eq!(tasks[0].0, "Sở Y tế");
    }

    #[test]
    fn a_closing_dated_report_gives_the_listed_work_its_deadline() {
        let tasks = read("UBND tỉnh giao UBND huyện Trấn Yên kiên quyết xử lý dứt điểm tình trạng khai thác cát trái phép; lập hồ sơ xử lý nghiêm các tổ chức vi phạm; tăng cường kiểm tra các bến bãi; báo cáo UBND tỉnh kết quả giải quyết trước ngày 5/9/2019.");
        assert_eq!(tasks.len(), 3, "the report is not a task of its own: {tasks:?}");
        assert!(tasks.iter().all(|(_, text)| text.ends_with("báo cáo UBND tỉnh kết quả giải quyết trước ngày 5/9/2019")), "{tasks:?}");
    }

    #[test]
    fn named_units_and_subjects_are_their_own() {
        let tasks = read("UBND tỉnh giao Sở Xây dựng, Sở Kế hoạch và Đầu tư rà soát các dự án chậm tiến độ; Sở Tài chính thẩm định giá đất. Phòng Tư pháp rà soát văn bản quy phạm pháp luật.");
        assert_eq!(tasks[0].0, "Sở Xây dựng + Sở Kế hoạch và Đầu tư");
        assert_eq!(tasks[1], ("Sở Tài chính".to_string(), "thẩm định giá đất".to_string()));
        assert_eq!(tasks[2], ("Phòng Tư pháp".to_string(), "rà soát văn bản quy phạm pháp luật".to_string()));
    }

    #[test]
    fn results_conditions_and_the_issuer_are_not_tasks() {
        assert!(read("Sở Xây dựng đã hoàn thành 12 công trình trong năm.").is_empty());
        assert!(read("UBND tỉnh tổ chức họp đánh giá kết quả.").is_empty());
        assert!(read("Nếu có khó khăn, vướng mắc, các đơn vị báo cáo UBND tỉnh.").iter().all(|(_, t)| !t.starts_with("báo cáo UBND")));
    }

    #[test]
    fn units_after_a_colon_subjects_after_an_opening_and_gui() {
        let tasks = read("UBND thành phố giao Thủ trưởng các đơn vị: Y tế, Công an thành phố, Nông nghiệp và Phát triển nông thôn và Chủ tịch UBND các quận, huyện tổ chức triển khai kết luận.");
        assert_eq!(tasks[0].0, "Y tế + Công an thành phố + Nông nghiệp và Phát triển nông thôn + Chủ tịch UBND các quận, huyện");
        let tasks = read("Ngoài công tác tuyên truyền, UBND huyện Tây Trà phải tăng cường lực lượng truy quét.");
        assert_eq!(tasks, [("UBND huyện Tây Trà".to_string(), "phải tăng cường lực lượng truy quét".to_string())]);
        let tasks = read("UBND TP.HCM vừa có văn bản gửi các sở, ngành và đơn vị liên quan yêu cầu khẩn trương rà soát kiến nghị của cử tri.");
        assert_eq!(tasks.len(), 1, "{tasks:?}");
        assert_eq!(tasks[0].0, "nhóm: các sở, ngành và đơn vị liên quan");
        // "đăng tải" (publish) is work; "đang" (is doing) is a report of what is going on.
        let tasks = read("Sở Tài nguyên và Môi trường, UBND huyện Khánh Vĩnh, xã Khánh Đông đăng tải quyết định này.");
        assert_eq!(tasks[0].0, "Sở Tài nguyên và Môi trường + UBND huyện Khánh Vĩnh + xã Khánh Đông");
        assert!(read("Sở Xây dựng đang hoàn thiện hồ sơ.").is_empty());
        // The chairman who signs is not an assignee.
        assert!(read("Chủ tịch Ủy ban nhân dân (UBND) tỉnh vừa ban hành chỉ thị.").is_empty());
    }

    #[test]
    fn named_places_of_a_group_each_get_their_work_and_dong_thoi_is_more_work() {
        let tasks = read("Theo đó, yêu cầu UBND các huyện Bố Trạch, Quảng Ninh, Minh Hóa khẩn trương kiểm tra, sửa chữa tạm thời những hư hỏng; đồng thời cảnh báo, cảnh giới ngăn không cho người dân lưu thông trên cầu. Ngoài ra, phối hợp với Sở GTVT đề xuất phương án sửa chữa.");
        let who = "UBND huyện Bố Trạch + UBND huyện Quảng Ninh + UBND huyện Minh Hóa";
        assert_eq!(
            tasks,
            [
                (who.to_string(), "khẩn trương kiểm tra, sửa chữa tạm thời những hư hỏng".to_string()),
                (who.to_string(), "cảnh báo, cảnh giới ngăn không cho người dân lưu thông trên cầu".to_string()),
                (who.to_string(), "phối hợp với Sở GTVT đề xuất phương án sửa chữa".to_string()),
            ]
        );
        // Two clauses without "đồng thời" are one piece of work.
        assert_eq!(read("Yêu cầu Sở Y tế tiến hành kiểm tra các cơ sở; xây dựng kế hoạch khắc phục.").len(), 1);
    }

    #[test]
    fn news_items_go_on_with_the_last_subject_and_their_report_and_captions_are_not_tasks() {
        let tasks = read("Chủ tịch UBND tỉnh chỉ đạo Sở Văn hóa, Thể thao và Du lịch rà soát các cơ sở lưu trú; Sở GTVT tổ chức khuyến cáo cho hành khách. Phối hợp với ngành y tế tổ chức tiêu độc tại các bến xe.");
        assert_eq!(tasks[2], ("Sở GTVT".to_string(), "Phối hợp với ngành y tế tổ chức tiêu độc tại các bến xe".to_string()));
        let tasks = read("UBND thành phố yêu cầu các sở, ngành khẩn trương rà soát các kiến nghị của cử tri. Đồng thời tổng hợp, báo cáo kết quả thực hiện trước ngày 10/2.");
        assert_eq!(tasks.len(), 1, "{tasks:?}");
        assert!(tasks[0].1.ends_with("báo cáo kết quả thực hiện trước ngày 10/2"), "{tasks:?}");
        let tasks = read("Giao Sở Y tế chủ trì phòng, chống dịch. Giám sát chặt tình hình dịch bệnh tại các cửa khẩu. ");
        assert_eq!(tasks.len(), 2, "{tasks:?}");
        assert!(read("Các sở, ngành khẩn trương rà soát các cơ sở lưu trú. Ảnh minh họa |").is_empty());
        assert_eq!(tasks[1].0, "Sở Y tế");
    }

    #[test]
    fn a_sentence_that_says_when_the_work_is_due_joins_it() {
        let tasks = read("Giao các sở, ngành tỉnh; Uỷ ban nhân dân các huyện, thành phố báo cáo tình hình giải ngân vốn đầu tư công. Yêu cầu gửi báo cáo về Sở Kế hoạch và Đầu tư trước ngày 23/5/2019.");
        assert_eq!(tasks.len(), 1, "{tasks:?}");
        assert_eq!(tasks[0].0, "các sở, ngành tỉnh + Uỷ ban nhân dân các huyện, thành phố");
        assert!(tasks[0].1.ends_with("trước ngày 23/5/2019"), "{tasks:?}");
    }

    #[test]
    fn a_list_item_is_one_task_and_a_title_names_its_body() {
        let split = |p: &str| p.split_inclusive(". ").map(|s| s.trim().to_string()).collect::<Vec<_>>();
        let item = "Giao Công an thành phố triển khai thực hiện ý kiến chỉ đạo; tập trung ra quân xử lý vi phạm về nồng độ cồn; trong đó kiểm tra khu vực xung quanh các nhà hàng; đồng thời chỉ đạo Công an các phường tham gia.";
        assert_eq!(prose(&[(item, true)], &UnitDirectory::default(), split).len(), 1);
        assert_eq!(prose(&[(item, false)], &UnitDirectory::default(), split).len(), 4);
        let tasks = read("Giám đốc Sở Xây dựng triển khai nội dung điều chỉnh quy hoạch được duyệt.");
        assert_eq!(tasks[0].0, "Giám đốc Sở Xây dựng");
    }

    #[test]
    fn a_word_to_the_public_does_not_end_a_units_instructions() {
        let split = |p: &str| p.split_inclusive(". ").map(|s| s.trim().to_string()).collect::<Vec<_>>();
        let paragraphs = [
            ("Theo đó, UBND các huyện, thành phố chủ động tuyên truyền, hướng dẫn người dân chống rét.", false),
            ("Người dân xã Bình An (Lâm Bình) chủ động gia cố chuồng trại.", false),
            ("Đồng thời, tổ chức triển khai các biện pháp phòng, chống đói, rét cho vật nuôi. Những hộ chăn thả gia súc trong rừng phải di chuyển đàn gia súc. Chủ động ngân sách phục vụ công tác phòng chống rét.", false),
            ("Sở Giáo dục và Đào tạo căn cứ tình hình thời tiết chủ động cho học sinh nghỉ học.", false),
        ];
        let tasks = prose(&paragraphs, &UnitDirectory::default(), split);
        let texts: Vec<&str> = tasks.iter().map(|(_, t, _)| t.as_str()).collect();
        assert_eq!(tasks.len(), 4, "{texts:?}");
        assert!(tasks[1].1.starts_with("tổ chức triển khai") && tasks[2].1.starts_with("Chủ động ngân sách"), "{texts:?}");
        assert_eq!(tasks[3].1, "căn cứ tình hình thời tiết chủ động cho học sinh nghỉ học");
        assert!(read("Căn cứ Quyết định số 12/QĐ-UBND của UBND tỉnh.").is_empty());
    }

    #[test]
    fn reports_due_on_different_days_are_tasks_of_their_own() {
        let tasks = read("UBND tỉnh yêu cầu UBND các huyện rà soát đối tượng được trợ giúp. Trong trường hợp đặc biệt, những huyện không tự cân đối được thì phải báo cáo UBND tỉnh. Đồng thời báo cáo nhanh tình hình trợ giúp xã hội trước ngày 20/01/2019 và báo cáo kết quả trợ giúp xã hội trước ngày 10/3/2019 về UBND tỉnh.");
        let texts: Vec<&str> = tasks.iter().map(|(_, t)| t.as_str()).collect();
        assert_eq!(texts, ["rà soát đối tượng được trợ giúp", "báo cáo nhanh tình hình trợ giúp xã hội trước ngày 20/01/2019", "báo cáo kết quả trợ giúp xã hội trước ngày 10/3/2019 về UBND tỉnh"]);
    }

    #[test]
    fn documents_listed_after_a_semicolon_are_not_tasks() {
        let tasks = read("Giao Sở Xây dựng tiếp tục thực hiện nghiêm các văn bản chỉ đạo, đặc biệt là Chỉ thị 03/CT-TTg ngày 30/3/2015; ý kiến chỉ đạo của Thủ tướng tại Thông báo số 325/TB-VPCP; số 2229/UBND-KT ngày 21/7/2017 và Công văn số 3342/UBND-KT.");
        assert_eq!(tasks.len(), 1, "{tasks:?}");
        let tasks = read("Giao Công an tỉnh, các sở: TN&MT, Xây dựng, Giao thông vận tải tập trung kiểm tra hoạt động khai thác cát.");
        assert_eq!(tasks[0].0, "Công an tỉnh + Sở TN&MT + Sở Xây dựng + Sở Giao thông vận tải");
        let tasks = read("Yêu cầu các Công ty TNHH MTV Lâm nghiệp: Krông Bông, Ea Kar phối hợp với Hạt Kiểm lâm tăng cường quản lý bảo vệ rừng.");
        assert_eq!(tasks[0].0, "Công ty TNHH MTV Lâm nghiệp Krông Bông + Công ty TNHH MTV Lâm nghiệp Ea Kar");
    }

    #[test]
    fn a_list_of_named_bodies_and_a_group_without_cac() {
        let tasks = read("UBND huyện, thị xã, thành phố lập danh sách người dân cần hỗ trợ.");
        assert_eq!(tasks, [("nhóm: UBND huyện, thị xã, thành phố".to_string(), "lập danh sách người dân cần hỗ trợ".to_string())]);
        let tasks = read("Ban An toàn giao thông tỉnh, Sở Thông tin và Truyền thông, Ðài Phát thanh và Truyền hình tỉnh, Báo Thái Bình tiếp tục tuyên truyền các quy định.");
        assert_eq!(tasks[0].0, "Ban An toàn giao thông tỉnh + Sở Thông tin và Truyền thông + Ðài Phát thanh và Truyền hình tỉnh + Báo Thái Bình");
    }

    #[test]
    fn sentences_that_go_on_with_a_verb_keep_the_assignee() {
        let tasks = read("Chủ tịch yêu cầu các phòng ngành làm tốt công tác phòng chống dịch. Đẩy mạnh việc thu hút đầu tư. Hội nghị kết thúc lúc 11 giờ.");
        assert_eq!(tasks.len(), 2, "{tasks:?}");
        assert_eq!(tasks[1], ("nhóm: các phòng ngành".to_string(), "Đẩy mạnh việc thu hút đầu tư".to_string()));
    }
}
