//! Vietnamese, the interface language.

use super::{BinTexts, BulkTexts, DataTexts, BoardTexts, DirectiveTexts, DashboardTexts, ExportTexts, FilterTexts, ImportTexts, TaskTexts, Texts, UnitTexts, WordTexts};
use crate::domain::{format_date, Bucket, DeadlineProblem, Progress, UnitKind};
use crate::import::{Field, ImportError, RowProblem, SheetError, MAX_FILE_BYTES};

pub const VI: Texts = Texts {
    bulk: BulkTexts {
        region: "Đổi nhiều nhiệm vụ cùng lúc",
        selected: |n| format!("Đã chọn {}", thousands(n)),
        select_all_shown: |n| format!("Chọn cả {} nhiệm vụ đang lọc", thousands(n)),
        unselect: "Bỏ chọn",
        change: "Đổi",
        progress: "Tiến độ",
        leader: "Lãnh đạo chỉ đạo",
        officer: "Chuyên viên theo dõi",
        lead: "Đơn vị chủ trì",
        deadline: "Gia hạn (thời hạn mới)",
        delete: "Xóa (vào Thùng rác)",
        delete_hint: "Các nhiệm vụ đã chọn sẽ vào Thùng rác, lấy lại được trong 30 ngày.",
        value: "Giá trị mới",
        choose: "— Chọn —",
        choose_value: "Hãy chọn giá trị mới.",
        new_deadline: "Thời hạn mới, viết như văn bản (vd. trước ngày 31/3/2025)",
        reason: "Lý do gia hạn",
        reason_required: "Hãy ghi lý do gia hạn.",
        document: "Văn bản cho gia hạn (vd. Công văn số 25/UBND-VP ngày 12/01/2024)",
        deadline_unreadable: "Không đọc được thời hạn mới; hãy viết ngày theo dạng ngày/tháng/năm.",
        apply: |n| format!("Áp dụng cho {} nhiệm vụ", thousands(n)),
        select_task: "Chọn nhiệm vụ",
        select_all_label: "Chọn mọi nhiệm vụ đang lọc",
    },
    data: DataTexts {
        nav: "Dữ liệu",
        title: "Dữ liệu và sao lưu",
        where_: "Dữ liệu của Đôn Đốc nằm trong trình duyệt này, trên máy này (không gửi lên máy chủ nào). Trình duyệt khác, máy khác hoặc cửa sổ ẩn danh không thấy được dữ liệu này: muốn chuyển sang máy khác thì sao lưu rồi khôi phục ở máy kia.",
        counts: |tasks, units, bin| format!("{} nhiệm vụ, {} đơn vị, {} nhiệm vụ trong Thùng rác.", thousands(tasks), thousands(units), thousands(bin)),
        used: |mb, quota| match quota {
            Some(q) => format!("Đang dùng {} MB trong {} MB trình duyệt dành cho trang này.", decimal(mb), thousands(q.round() as usize)),
            None => format!("Đang dùng {} MB.", decimal(mb)),
        },
        used_unknown: "Trình duyệt không cho biết dung lượng đang dùng.",
        persist_title: "Trình duyệt có giữ dữ liệu lâu dài không?",
        persisted: "Có: trình duyệt đã nhận giữ lâu dài dữ liệu của Đôn Đốc, không tự xóa khi máy thiếu dung lượng (chỉ mất khi người dùng tự xóa dữ liệu duyệt web).",
        not_persisted: "Chưa: khi ổ đĩa gần đầy, trình duyệt có thể tự xóa dữ liệu của các trang ít dùng, kể cả Đôn Đốc.",
        persist_unsupported: "Trình duyệt này không hỗ trợ yêu cầu giữ dữ liệu lâu dài; hãy sao lưu thường xuyên.",
        ask_persist: "Yêu cầu giữ dữ liệu lâu dài",
        persist_refused: "Trình duyệt chưa đồng ý giữ dữ liệu lâu dài. Chrome và Edge thường chỉ đồng ý với trang đã được cài đặt như ứng dụng, được đánh dấu trang hoặc dùng thường xuyên; Firefox sẽ hỏi ý người dùng. Trong lúc chờ, hãy sao lưu thường xuyên (trang Dữ liệu).",
        backup_title: "Sao lưu",
        last_backup: |when, changes| format!("Lần sao lưu gần nhất: {when}; từ đó đến nay có {} thay đổi.", thousands(changes as usize)),
        never_backed_up: "Chưa sao lưu lần nào từ trình duyệt này.",
        backup_now: "Sao lưu ngay",
        restore_intro: "Khôi phục thay toàn bộ dữ liệu hiện có bằng một bản sao lưu (tệp .json); có thể Hoàn tác ngay sau đó.",
        reminder_never: |days| format!("Dữ liệu đã nhập {days} ngày mà chưa sao lưu lần nào. Nên sao lưu ngay và cất tệp ở nơi an toàn (ổ mạng, USB, thư điện tử)."),
        reminder_old: |days| format!("Đã {days} ngày kể từ lần sao lưu gần nhất. Nên sao lưu ngay và cất tệp ở nơi an toàn."),
        reminder_changes: |n| format!("Đã có {} thay đổi kể từ lần sao lưu gần nhất. Nên sao lưu ngay và cất tệp ở nơi an toàn.", thousands(n as usize)),
    },
    bin: BinTexts {
        nav: "Thùng rác",
        title: "Thùng rác",
        intro: "Nhiệm vụ đã xóa nằm ở đây 30 ngày rồi mới bị xóa hẳn. Lấy lại thì nhiệm vụ trở về danh sách với đủ lịch sử.",
        count: |n| format!("{} nhiệm vụ", thousands(n)),
        nothing: "Thùng rác trống.",
        put_back: "Lấy lại",
        put_back_all: "Lấy lại tất cả",
        empty: "Dọn sạch Thùng rác",
        empty_confirm: "Xóa hẳn mọi nhiệm vụ trong Thùng rác? Có thể bấm Hoàn tác ngay sau đó.",
        deleted_at: "Xóa lúc",
        expires: "Xóa hẳn ngày",
    },
    app_name: "Đôn Đốc",
    app_tagline: "Theo dõi, đôn đốc nhiệm vụ UBND giao",
    nav_tasks: "Nhiệm vụ",
    nav_about: "Giới thiệu",
    loading: "Đang mở dữ liệu đã lưu…",
    welcome_title: "Chào mừng đến với Đôn Đốc",
    welcome_body: "Đôn Đốc giúp Văn phòng theo dõi các nhiệm vụ UBND giao cho phòng, ban, xã, phường và đôn đốc đến khi hoàn thành. Dữ liệu chỉ lưu trên trình duyệt của máy này, không gửi đi đâu.",
    load_sample: "Dùng dữ liệu mẫu",
    loading_sample: "Đang tạo dữ liệu mẫu…",
    sample_failed: "Không tạo được dữ liệu mẫu (trình đọc tệp không chạy). Hãy tải lại trang rồi thử lại.",
    sample_hint: "Dữ liệu mẫu gồm các nhiệm vụ thật trong Công văn về nhiệm vụ trọng tâm sáu tháng cuối năm và Thông báo kết luận phiên họp thường kỳ của Chủ tịch UBND, đã dời ngày về hiện tại để thấy đủ các tình trạng.",
    clear_workspace: "Xóa toàn bộ dữ liệu",
    clear_confirm: "Xóa toàn bộ nhiệm vụ và đơn vị đang lưu trên trình duyệt này? Có thể bấm Hoàn tác ngay sau đó; nếu cần giữ lâu, hãy xuất file sao lưu trước.",
    task_count: |n| format!("{} nhiệm vụ", thousands(n)),
    as_of: "Tính đến ngày",
    col_number: "TT",
    col_content: "Nội dung nhiệm vụ",
    col_unit: "Đơn vị chủ trì",
    col_deadline: "Thời hạn",
    col_progress: "Tiến độ",
    col_status: "Tình trạng",
    days_overdue: |n| format!("Quá hạn {} ngày", thousands(n as usize)),
    days_late: |n| format!("trễ {} ngày", thousands(n as usize)),
    // 0: due on the day the view is as of (today, or a past date being looked at).
    due_soon: |n| match n {
        0 => "Đến hạn".to_string(),
        1 => "Còn 1 ngày".to_string(),
        n => format!("Còn {} ngày", thousands(n.max(0) as usize)),
    },
    skip_to_content: "Bỏ qua, đến nội dung chính",
    as_of_title: |d| format!(" — tình hình đến ngày {d}"),
    status_detail: |s| match s.bucket {
        Bucket::Overdue => Some((VI.days_overdue)(s.days_late)),
        Bucket::DoneLate => Some((VI.days_late)(s.days_late)),
        Bucket::InProgressInTime if s.due_soon => s.days_left.map(|d| (VI.due_soon)(d as i64)),
        _ => None,
    },
    no_deadline: "Không thời hạn",
    deadline_periodic: "Định kỳ: mỗi kỳ là một nhiệm vụ có thời hạn riêng",
    deadline_standing: "Thường xuyên: không thời hạn, tính riêng",
    deadline_unreadable: "Chưa đọc được thời hạn",
    show_more: |n| format!("Xem thêm ({} nhiệm vụ nữa)", thousands(n)),
    print_capped: |printed, all| format!("Bản in có {} nhiệm vụ đầu trong {}; lọc danh sách để in các nhiệm vụ còn lại.", thousands(printed), thousands(all)),
    missing_completion_date: "Thiếu ngày hoàn thành",
    coordinating: "Phối hợp",
    not_found: "Không có trang này.",
    page_loading: "Đang tải trang…",
    page_not_loaded: "Không tải được trang này (có thể mất kết nối mạng). Dữ liệu vẫn an toàn; kiểm tra kết nối rồi thử lại.",
    try_again: "Thử lại",
    back_to_tasks: "Về danh sách nhiệm vụ",
    about_body: &[
        "Đôn Đốc là trang web chạy hoàn toàn trên trình duyệt: không cần máy chủ, không cần cài đặt.",
        "Nhiệm vụ được lưu trong bộ nhớ của trình duyệt trên máy này (IndexedDB). Xóa dữ liệu duyệt web của trang này sẽ xóa cả nhiệm vụ.",
        "Tình trạng mỗi nhiệm vụ được tính tự động từ tiến độ, thời hạn, ngày hoàn thành và ngày báo cáo, theo cách tính của báo cáo chính thức.",
    ],
    close: "Đóng",
    cancel: "Hủy",
    clear_yes: "Xóa toàn bộ",
    today: "Hôm nay",
    as_of_invalid: "Ngày không hợp lệ. Hãy nhập theo dạng ngày/tháng/năm, ví dụ 20/01/2024.",
    as_of_placeholder: "dd/mm/yyyy",
    due_soon_label: "Sắp đến hạn",
    no_unit: "Chưa có đơn vị",
    footer_saved: "Dữ liệu được lưu trên trình duyệt của máy này.",
    footer_memory_only: "Trình duyệt không cho lưu: dữ liệu chỉ còn trong trang đang mở.",
    footer_read_only: "Chế độ chỉ xem: không ghi vào bộ nhớ trình duyệt.",
    footer_loading: "Đang mở dữ liệu…",
    saving: "Đang lưu…",
    empty_read_only: "Không hiển thị được dữ liệu đã lưu. Xem thông báo phía trên để biết cách xử lý.",
    storage_unavailable: "Trình duyệt không cho phép lưu dữ liệu (có thể đang ở chế độ ẩn danh hoặc đã chặn lưu trữ). Bạn vẫn xem được, nhưng thay đổi sẽ mất khi đóng trang. Hãy mở Đôn Đốc ở cửa sổ thường hoặc cho phép trang lưu dữ liệu.",
    storage_newer_version: |found, known| format!("Dữ liệu đã lưu thuộc phiên bản {found} của Đôn Đốc, mới hơn phiên bản này ({known}). Để không làm hỏng dữ liệu, trang chỉ cho xem, không ghi. Hãy mở bằng phiên bản Đôn Đốc mới hơn."),
    storage_migration_failed: |from, why| format!("Không nâng cấp được dữ liệu đã lưu từ phiên bản {from} ({why}). Dữ liệu cũ vẫn giữ nguyên; trang chỉ cho xem, không ghi. Hãy báo cho người quản trị."),
    storage_unreadable_records: |n| format!("Có {n} bản ghi đã lưu không đọc được; chúng được giữ nguyên, không bị xóa. Các nhiệm vụ còn lại vẫn dùng bình thường."),
    storage_read_failed: "Không đọc được dữ liệu đã lưu. Để tránh ghi đè, trang chỉ cho xem, không ghi. Hãy tải lại trang; nếu vẫn lỗi, hãy đóng các thẻ Đôn Đốc khác.",
    storage_write_failed: "Không lưu được thay đổi vào trình duyệt. Thay đổi vẫn còn trên trang này; đừng đóng trang, hãy thử lưu lại.",
    storage_quota: "Bộ nhớ trình duyệt đã đầy nên không lưu được thay đổi. Thay đổi vẫn còn trên trang này; hãy giải phóng dung lượng (xóa dữ liệu trang web khác) rồi bấm Lưu lại.",
    retry_save: "Lưu lại",
    unsaved_changes: |n| format!("{n} thay đổi chưa được lưu"),
    other_tab_changed: "Dữ liệu vừa được thay đổi ở một thẻ Đôn Đốc khác; trang này đã cập nhật theo.",
    other_tab_blocking: "Một thẻ Đôn Đốc khác đang mở phiên bản cũ và chặn việc mở dữ liệu. Hãy đóng các thẻ Đôn Đốc khác rồi tải lại trang.",
    reload: "Tải lại trang",
    print_title: |page, as_of| format!("Đôn Đốc — {page} — tính đến ngày {as_of}"),
    new_version: "Đã có phiên bản mới của Đôn Đốc. Tải lại trang để dùng (dữ liệu được giữ nguyên).",
    bucket,
    progress,
    unit_kind,
    deadline_problem,
    nav_import: "Nhập file Excel",
    nav_board: "Bảng công việc",
    nav_units: "Đơn vị",
    undo: "Hoàn tác",
    step_done: |l| capitalise(&format!("đã {}.", step_name(l))),
    step_undone: |l| format!("Đã hoàn tác: {}.", step_name(l)),
    step_redone: |l| format!("Đã làm lại: {}.", step_name(l)),
    undo_named: |l| format!("Hoàn tác: {}", step_name(l)),
    redo_named: |l| format!("Làm lại: {}", step_name(l)),
    undoing_part: |undo, done, all| {
        format!("{}… {}/{} nhiệm vụ", if undo { "Đang hoàn tác" } else { "Đang làm lại" }, thousands(done), thousands(all))
    },
    redo: "Làm lại",
    kept_newer: |n| format!("{} giá trị đã được sửa ở nơi khác sau khi xem trước nên được giữ nguyên.", thousands(n)),
    undo_left: |n| format!("{} nhiệm vụ đã được sửa sau bước này nên được giữ nguyên.", thousands(n)),
    step_gone: "Bước này đã được hoàn tác hoặc làm lại ở thẻ khác, hoặc không còn lưu; không có gì thay đổi.",
    command_refused: |e| match e {
        crate::workspace::CommandError::NoSuchTask(_) => "Nhiệm vụ này không còn (có thể vừa bị xóa ở thẻ khác); không có gì thay đổi.".into(),
        crate::workspace::CommandError::TaskExists(id) => format!("Đã có nhiệm vụ mã {}; không thêm lần nữa.", id.as_str()),
        crate::workspace::CommandError::Conflict { .. } => "Có ô vừa được sửa ở nơi khác; hãy chọn giá trị cần giữ.".into(),
        crate::workspace::CommandError::Unit(u) => (VI.units.error)(u),
        crate::workspace::CommandError::Nothing => "Không có gì để thay đổi.".into(),
        crate::workspace::CommandError::BadExtension => "Gia hạn cần thời hạn mới đọc được (ví dụ 15/03/2024) và lý do gia hạn.".into(),
    },
    storage_deleted_rewritten: "Trình duyệt đã xóa dữ liệu đã lưu của Đôn Đốc. Toàn bộ dữ liệu đang mở trên trang này đã được ghi lại; nên tải một bản sao lưu ngay.",
    storage_deleted_lost: "Trình duyệt đã xóa dữ liệu đã lưu và không cho ghi lại. Dữ liệu chỉ còn trên trang này: hãy tải bản sao lưu ngay, trước khi đóng trang.",
    unsaved_on_close: "Còn thay đổi chưa lưu. Đóng trang bây giờ sẽ mất các thay đổi đó.",
    table_region: "Bảng số liệu (cuộn ngang để xem hết)",
    recurred: |n| format!("Đã thêm {n} kỳ mới của các nhiệm vụ định kỳ (hàng tuần, hàng tháng, hàng quý) theo ngày hôm nay."),
    download_backup: "Tải bản sao lưu",
    word: WordTexts {
        report: "Tải Báo cáo (Word)",
        reminder: "Công văn đôn đốc (Word)",
        all_reminders: "Công văn đôn đốc các đơn vị chậm (.zip)",
        title_report: "Báo cáo kết quả thực hiện nhiệm vụ (Word)",
        title_reminder: |unit| format!("Công văn đôn đốc gửi {unit}"),
        title_all_reminders: "Công văn đôn đốc các đơn vị có nhiệm vụ quá hạn, sắp đến hạn",
        intro: "Thông tin cơ quan ban hành, người ký: được ghi nhớ trên trình duyệt này cho lần sau. Số văn bản để trống cho văn thư điền.",
        superior: "Dòng trên tên cơ quan (chữ in hoa)",
        issuer: "Tên cơ quan ban hành (chữ in hoa, ví dụ THỊ XÃ HOÀNG MAI)",
        issuer_name: "Tên cơ quan trong câu văn (báo cáo về …)",
        number_suffix: "Ký hiệu sau số văn bản",
        number: "Số văn bản (nếu đã lấy số; để trống cho văn thư ghi)",
        place: "Địa danh",
        signer_role: "Chức vụ người ký (mỗi dòng một dòng)",
        signer_name: "Họ tên người ký",
        reply_by: "Hạn đơn vị báo cáo lại (ngày/tháng/năm)",
        chased: |units, tasks| format!("{} đơn vị, {} nhiệm vụ quá hạn hoặc sắp đến hạn sẽ được đôn đốc.", thousands(units), thousands(tasks)),
        nothing_to_chase: "Không có nhiệm vụ quá hạn hay sắp đến hạn để đôn đốc.",
        issuer_required: "Hãy điền tên cơ quan ban hành.",
        reply_by_unreadable: "Không đọc được hạn báo cáo lại. Hãy gõ ngày theo dạng ngày/tháng/năm, ví dụ 15/03/2024.",
        make: "Tạo file Word",
        making: "Đang tạo file Word…",
        cancel: "Hủy",
        worker_crashed: "Bộ tạo file gặp lỗi và đã dừng. Hãy thử lại; dữ liệu không bị ảnh hưởng.",
        worker_timed_out: "Tạo file mất quá lâu nên đã dừng. Hãy thử lại với ít nhiệm vụ hơn.",
        failed: |why| format!("Không tạo được file Word: {why}"),
    },
    directive: DirectiveTexts {
        nav: "Đọc văn bản",
        title: "Đọc văn bản chỉ đạo",
        intro: "Dán nội dung công văn, thông báo kết luận, báo cáo hoặc bài phát biểu (hoặc chọn file .txt, .docx). Đôn Đốc đề xuất các nhiệm vụ theo từng đơn vị kèm thời hạn; bạn kiểm tra, sửa rồi mới thêm vào danh sách.",
        text_label: "Nội dung văn bản",
        read: "Đọc văn bản",
        choose_file: "Chọn file .txt/.docx…",
        reading: "Đang đọc…",
        reader_failed: "Trình đọc văn bản gặp lỗi và đã dừng. Hãy thử lại; dữ liệu không bị ảnh hưởng.",
        nothing_found: "Không tìm thấy nhiệm vụ nào trong văn bản này. Hãy kiểm tra đã dán đúng phần nhiệm vụ (các đầu dòng, mục đánh số hoặc câu “giao …”, “yêu cầu …”).",
        document: "Văn bản",
        reference: "Số/ký hiệu",
        date: "Ngày ban hành",
        subject: "Trích yếu",
        subject_placeholder: "Văn bản không ghi trích yếu — nhập để nhiệm vụ ghi rõ nguồn",
        place: |p| format!("Nơi ban hành: {p}. "),
        signer: |s| format!("Người ký: {s}. "),
        default_deadline: |day, words| format!("Thời hạn chung của văn bản: {day} ({words})."),
        proposals: "Nhiệm vụ đề xuất",
        add: |n| format!("Thêm {n} nhiệm vụ vào danh sách"),
        select_all: "Chọn tất cả",
        select_none: "Bỏ chọn tất cả",
        undo: |n| if n == 0 { "Hoàn tác bước duyệt".to_string() } else { format!("Hoàn tác bước duyệt ({n})") },
        keys_hint: "Alt + ↑/↓: sang nhiệm vụ trên/dưới",
        col_keep: "Giữ",
        col_task: "Nội dung nhiệm vụ",
        col_units: "Đơn vị (cách nhau bằng ;)",
        col_deadline: "Thời hạn",
        keep: |n| format!("Giữ nhiệm vụ {n}"),
        task_text: "Nội dung nhiệm vụ",
        units: "Đơn vị",
        deadline: "Thời hạn",
        each_unit: "Mỗi đơn vị một nhiệm vụ (bỏ chọn: đơn vị đầu chủ trì, các đơn vị sau phối hợp)",
        merge_up: "Gộp lên",
        merge_up_label: |n| format!("Gộp nhiệm vụ {n} vào nhiệm vụ trên"),
        split: "Tách ;",
        split_label: |n| format!("Tách nhiệm vụ {n} theo dấu ;"),
        source_sentence: "Câu gốc",
        from_words: |w| format!("theo «{w}»"),
        no_deadline: "Không thời hạn",
        unassigned: "Chưa có đơn vị (giao chung)",
        group: |g| format!("Nhóm: {g}"),
    },
    import: ImportTexts {
        title: "Nhập bảng theo dõi từ file Excel",
        intro: "Chọn file bảng theo dõi nhiệm vụ đang dùng. Đôn Đốc tự tìm dòng tiêu đề, nhận ra các cột và cho xem trước; chỉ khi bạn bấm Nhập, dữ liệu mới được lưu. Nhập lại file đã xuất hoặc file đơn vị gửi lại sẽ cập nhật nhiệm vụ đã có, không tạo trùng.",
        choose_file: "Chọn file…",
        drop_here: "hoặc kéo thả file vào đây",
        formats: "Đọc được: .xlsx, .xlsm, .xls, .xlsb, .ods, .csv (tối đa 50 MB)",
        reading: |name| format!("Đang đọc {name}…"),
        sheets: "Trang tính",
        sheet_rows: |n| format!("{} dòng nhiệm vụ", thousands(n)),
        header_at: |row| format!("tiêu đề ở dòng {row}"),
        hidden_sheet: "trang bị ẩn trong tệp, chưa chọn",
        coordinating: "Phối hợp:",
        choose_header_title: |sheet| format!("Trang “{sheet}”: chưa nhận ra dòng tiêu đề"),
        choose_header_hint: "Bấm vào dòng tiêu đề của bảng (dòng ghi tên các cột), rồi chọn cột nào là nội dung nhiệm vụ, đơn vị chủ trì, thời hạn… ở mục Các cột bên dưới.",
        header_is_row: |row| format!("Dòng {row} là tiêu đề"),
        col_example: "Ví dụ (dòng đầu)",
        read_progress: "Phần tệp đã đọc",
        planning: |done, all| format!("Đang đối chiếu với các nhiệm vụ đang có… {}/{} dòng", crate::i18n::thousands(done), crate::i18n::thousands(all)),
        sheet_unit_label: "Đơn vị chủ trì của cả trang (cho các dòng không ghi đơn vị):",
        sheet_unit_placeholder: "tên đơn vị, nếu cả trang là của một đơn vị",
        columns_cut: |kept, used| format!("trang dùng {} cột: chỉ đọc {} cột đầu (đến cột tiêu đề cuối cùng)", crate::i18n::thousands(used as usize), crate::i18n::thousands(kept)),
        doubt: |field, used, used_ex, other, other_ex| format!("Cột “{other}” cũng có thể là {field}. Đang dùng cột “{used}” (ví dụ: {used_ex}); cột “{other}” ghi: {other_ex}."),
        use_column: |col| format!("Dùng cột “{col}”"),
        hidden_rows_title: "Dòng bị ẩn trong tệp",
        hidden_rows_hint: |n| format!("Tệp ẩn {} dòng nhiệm vụ. Các dòng này chưa được nhập; đánh dấu dòng nào cần nhập.", thousands(n)),
        mapping: "Các cột",
        mapping_hint: "Kiểm tra cột nào là trường nào; sửa nếu cần. Lần sau, file có cùng tiêu đề sẽ dùng lại cách bạn chọn.",
        column: "Tiêu đề trong file",
        field: "Nhập vào trường",
        ignore_column: "— Bỏ qua cột này —",
        summary: |added, updated, unchanged, skipped| format!("Thêm mới {}", import_counts(added, updated, unchanged, skipped)),
        found: |n| format!("Tìm thấy {} nhiệm vụ", thousands(n)),
        new_units: "Đơn vị mới (chưa có trong danh sách, sẽ được thêm):",
        new_tag: "mới",
        similar_units: "Tên đơn vị viết khác tên đã có — xin xác nhận:",
        similar_help: "Đôn Đốc coi mỗi tên trong tệp là đơn vị bên cạnh và ghi nhớ cách viết này cho lần sau. Nếu thực ra là một đơn vị khác, chọn «Đơn vị khác».",
        col_written: "Tên trong tệp",
        col_existing: "Đơn vị đã có",
        col_rows: "Số lần",
        col_same: "Xác nhận",
        same_unit: "Cùng đơn vị",
        other_unit: "Đơn vị khác",
        problems: "Dòng cần xem lại",
        no_problems: "Không có dòng nào có vấn đề.",
        col_sheet: "Trang tính",
        col_row: "Dòng",
        col_problem: "Vấn đề",
        skipped_tag: "bỏ qua",
        preview: "Xem trước các nhiệm vụ sẽ được lưu",
        preview_more: |n| format!("… và {} nhiệm vụ nữa", thousands(n)),
        confirm: |n| format!("Nhập {} nhiệm vụ", thousands(n)),
        importing: "Đang nhập…",
        importing_part: |done, all| format!("Đang nhập… {}/{} nhiệm vụ", thousands(done), thousands(all)),
        nothing_to_import: "File không có gì mới để nhập.",
        returned_by: |units, day| format!("Đây là danh sách của {units} gửi lại: khi nhập, ghi nhận đơn vị đã gửi lại ngày {day}."),
        confirm_answer: "Ghi nhận đơn vị đã gửi lại (không có gì thay đổi)",
        cancel: "Hủy",
        action_add: "Thêm mới",
        action_update: "Cập nhật",
        read_only: "Đang ở chế độ chỉ xem nên không nhập được. Xem thông báo phía trên.",
        error: import_error,
        sheet_error: |e| match e {
            SheetError::Empty => "Trang tính trống",
            SheetError::NoHeader => "Không có dòng tiêu đề của bảng nhiệm vụ",
            SheetError::Unreadable(_) => "Không đọc được trang tính này",
            SheetError::UncalculatedFormulas => "Tệp có công thức chưa được tính giá trị — mở tệp bằng Excel hoặc LibreOffice, lưu lại rồi nhập",
            SheetError::ForInformation => "Danh sách nhiệm vụ phối hợp, gửi để đơn vị nắm: không nhập lại (kết quả do đơn vị chủ trì báo cáo)",
        },
        row_problem,
        field_name,
    },
    filter: FilterTexts {
        all_units: "Tất cả đơn vị",
        all_leaders: "Tất cả lãnh đạo",
        all_sources: "Tất cả văn bản",
        all_statuses: "Mọi tình trạng",
        unit: "Đơn vị",
        leader: "Lãnh đạo chỉ đạo",
        source: "Văn bản giao",
        status: "Tình trạng",
        due_from: "Thời hạn từ ngày",
        due_to: "đến ngày",
        search: "Tìm kiếm",
        search_placeholder: "Tìm trong nội dung (gõ không dấu cũng được)…",
        clear: "Bỏ lọc",
        departments: "Phòng, ban, đơn vị",
        communes: "Xã, phường",
        filtered_of: |shown, total| format!("{} / {} nhiệm vụ", thousands(shown), thousands(total)),
    },
    task: TaskTexts {
        add: "Thêm nhiệm vụ",
        new_title: "Thêm nhiệm vụ mới",
        edit_title: "Nhiệm vụ",
        not_found: "Không tìm thấy nhiệm vụ này (có thể đã bị xóa).",
        nothing_matches: "Không có nhiệm vụ nào khớp bộ lọc.",
        save: "Lưu thay đổi",
        saved_nothing: "Không có gì thay đổi.",
        create: "Thêm nhiệm vụ",
        delete: "Xóa nhiệm vụ",
        delete_confirm: "Xóa nhiệm vụ này? Ngay sau khi xóa, bạn có thể bấm Hoàn tác để lấy lại.",
        back: "Quay lại",
        content: "Nội dung nhiệm vụ",
        lead: "Đơn vị chủ trì",
        coordinating: "Đơn vị phối hợp",
        coordinating_hint: "Nhiều đơn vị cách nhau bằng dấu chấm phẩy (;)",
        leader: "Lãnh đạo chỉ đạo",
        officer: "Chuyên viên theo dõi",
        source_ref: "Văn bản giao (số/ký hiệu)",
        source_date: "Ngày văn bản",
        source_title: "Trích yếu văn bản",
        deadline: "Thời hạn",
        deadline_hint: "Ví dụ: 20/01/2024, trước ngày 20/01/2024, trong tháng 01/2024, quý I/2024, hàng tuần",
        progress: "Tiến độ",
        result: "Kết quả thực hiện",
        evidence: "Minh chứng (văn bản báo cáo)",
        completed_on: "Ngày hoàn thành",
        note: "Ghi chú",
        updated_at: "Cập nhật lần cuối",
        history: "Lịch sử thay đổi",
        no_history: "Chưa có thay đổi nào.",
        col_when: "Thời điểm",
        col_field: "Trường",
        col_old: "Giá trị cũ",
        col_new: "Giá trị mới",
        content_required: "Hãy nhập nội dung nhiệm vụ.",
        bad_date: |field| format!("Ngày ở ô “{field}” không hợp lệ; hãy nhập dạng ngày/tháng/năm, ví dụ 20/01/2024."),
        each_unit: "Giao riêng cho từng đơn vị (chủ trì và phối hợp): mỗi đơn vị một nhiệm vụ",
        conflict_intro: "Trong lúc bạn sửa, các ô dưới đây đã được sửa ở nơi khác (thẻ khác hoặc file nhập). Chưa có gì được lưu; hãy chọn giá trị cần giữ.",
        conflict_theirs: "Giá trị mới (nơi khác)",
        conflict_mine: "Bạn vừa nhập",
        conflict_keep_mine: "Giữ giá trị tôi nhập",
        conflict_keep_theirs: "Giữ giá trị mới, lưu phần còn lại",
        extend: "Gia hạn…",
        extend_title: "Gia hạn nhiệm vụ",
        extend_intro: "Thời hạn cũ được giữ trong lịch sử; tình trạng tính theo thời hạn mới. Báo cáo có thể tính theo thời hạn ban đầu.",
        extended_times: |n| format!("Đã gia hạn ({n} lần)"),
        periods_heading: |cadence, n| format!("Nhiệm vụ định kỳ ({cadence}): {n} kỳ"),
        periods_hint: "Mỗi kỳ là một nhiệm vụ riêng, có thời hạn riêng, được đôn đốc và tính riêng. Kỳ mới được thêm khi kỳ đó bắt đầu, đến hết năm.",
        extension_item: |from, to, reason, document, on| {
            let document = if document.is_empty() { String::new() } else { format!(" · {document}") };
            format!("{on}: {from} → {to} · {reason}{document}")
        },
        field_label: |key| match key {
            "content" => "Nội dung nhiệm vụ",
            "lead_unit" => "Đơn vị chủ trì",
            "coordinating_units" => "Đơn vị phối hợp",
            "leader" => "Lãnh đạo chỉ đạo",
            "officer" => "Chuyên viên theo dõi",
            "source_ref" => "Văn bản giao",
            "source_date" => "Ngày văn bản",
            "source_title" => "Trích yếu văn bản",
            "deadline" => "Thời hạn",
            "progress" => "Tiến độ",
            "result" => "Kết quả thực hiện",
            "evidence" => "Minh chứng",
            "completed_on" => "Ngày hoàn thành",
            "note" => "Ghi chú",
            "number" => "STT",
            _ => "Khác",
        },
    },
    board: BoardTexts {
        columns_by: "Cột theo",
        by_progress: "Tiến độ",
        by_status: "Tình trạng",
        swimlanes: "Chia theo đơn vị",
        move_to: "Chuyển sang",
        keyboard_hint: "Kéo thẻ sang cột khác để đổi tiến độ; hoặc chọn thẻ rồi bấm ← → trên bàn phím, hoặc dùng ô “Chuyển sang” trên thẻ.",
        more: |n| format!("và {} nhiệm vụ nữa — xem danh sách", thousands(n)),
        no_unit_lane: "Chưa có đơn vị chủ trì",
        done_title: "Đánh dấu hoàn thành",
        done_intro: "Ngày hoàn thành là ngày của văn bản báo cáo kết quả, không phải ngày nhập.",
        done_date: "Ngày hoàn thành",
        done_evidence: "Minh chứng (số, ngày văn bản báo cáo)",
        done_evidence_placeholder: "Ví dụ: Báo cáo số 12/BC-KT ngày 18/01/2024",
        confirm: "Xác nhận hoàn thành",
        status_mode_hint: "Khi cột theo tình trạng, tình trạng được tính tự động nên không kéo thả được; hãy chuyển về cột theo tiến độ.",
    },
    units: UnitTexts {
        title: "Đơn vị",
        intro: "Số liệu theo đơn vị chủ trì, tính đến ngày đang chọn. Tỷ lệ đúng hạn = số hoàn thành đúng hạn trên số nhiệm vụ đã hoàn thành hoặc đã quá hạn.",
        col_unit: "Đơn vị",
        col_total: "Tổng số",
        col_rate: "Tỷ lệ đúng hạn",
        col_coordinating: "Phối hợp",
        rate_of: |on_time, judged| format!("{on_time}/{judged}"),
        no_rate: "chưa có",
        sort_hint: "Bấm tiêu đề cột để sắp xếp",
        as_lead: "Nhiệm vụ chủ trì",
        as_coordinator: "Nhiệm vụ phối hợp",
        on_board: "Xem trên bảng công việc",
        manage: "Thông tin đơn vị",
        rename: "Tên đầy đủ",
        kind: "Loại",
        order: "Thứ tự",
        merge_into: "Gộp vào đơn vị",
        merge_choose: "— Chọn đơn vị —",
        merge_confirm: |from, into| format!("Gộp “{from}” vào “{into}”? Mọi nhiệm vụ và tên gọi của “{from}” sẽ chuyển sang “{into}”. Có thể hoàn tác ngay sau đó."),
        merge_button: "Gộp",
        save: "Lưu",
        aliases: "Tên gọi khác",
        not_found: "Không tìm thấy đơn vị này (có thể đã được gộp).",
        add_unit: "Thêm đơn vị",
        add_unit_placeholder: "Tên đầy đủ, vd. UBND phường Mai Hùng",
        add_unit_button: "Thêm",
        kind_auto: "Loại: tự nhận theo tên",
        col_answer: "Gửi lại danh sách",
        answer: |a| {
            use crate::domain::Answer as A;
            let reminded = |n: &usize| if *n > 0 { format!(" · đã nhắc {n} lần") } else { String::new() };
            match a {
                A::NotAsked => "Chưa gửi danh sách".into(),
                A::Waiting { by, reminders, .. } => format!("Chờ, hạn {}{}", format_date(*by), reminded(reminders)),
                A::Late { days, reminders, .. } => format!("Chưa gửi lại, quá hạn {days} ngày{}", reminded(reminders)),
                A::Answered { on } => format!("Đã gửi lại {}", format_date(*on)),
            }
        },
        answer_tally: |answered, waiting, late, not_asked| {
            format!("Danh sách gửi đơn vị: {answered} đơn vị đã gửi lại, {waiting} đang chờ, {late} quá hạn chưa gửi lại, {not_asked} chưa gửi danh sách.")
        },
        exchanges_title: "Danh sách, công văn đôn đốc và phản hồi",
        exchanges_none: "Chưa gửi danh sách hay công văn đôn đốc nào cho đơn vị này. Khi xuất danh sách gửi đơn vị hoặc tải công văn đôn đốc, việc gửi được ghi ở đây; khi nhập lại danh sách đơn vị gửi về, ngày nhận cũng được ghi.",
        exchange_kind: |k| match k {
            crate::domain::ExchangeKind::ListSent => "Gửi danh sách nhiệm vụ",
            crate::domain::ExchangeKind::ReminderSent => "Gửi công văn đôn đốc",
            crate::domain::ExchangeKind::ReplyReceived => "Nhận danh sách gửi lại",
        },
        col_date: "Ngày",
        col_what: "Nội dung",
        col_tasks: "Số nhiệm vụ",
        col_reply_by: "Hạn báo cáo lại",
        col_document: "Văn bản, tệp",
        error: |e| match e {
            crate::domain::UnitError::EmptyName => "Tên đơn vị không được để trống.".into(),
            crate::domain::UnitError::AliasTaken(other) => format!("Tên này đã là của đơn vị “{other}”. Nếu là một đơn vị, hãy gộp hai đơn vị."),
            crate::domain::UnitError::NoSuchUnit => "Không tìm thấy đơn vị.".into(),
        },
    },
    dashboard: DashboardTexts {
        nav: "Tổng quan",
        heading: |date| format!("Tổng quan — tình hình đến ngày {date}"),
        empty: "Chưa có nhiệm vụ nào. Hãy nhập file Excel, đọc một văn bản hoặc dùng dữ liệu mẫu.",
        total: "Tổng số nhiệm vụ",
        overdue: "Quá hạn chưa hoàn thành",
        rate: "Tỷ lệ hoàn thành đúng hạn",
        rate_of: |on_time, judged| format!("{on_time}/{judged} nhiệm vụ đã hoàn thành hoặc đã quá hạn"),
        due_week: "Đến hạn trong tuần",
        due_week_until: |date| format!("chưa hoàn thành, hạn đến Chủ nhật {date}"),
        undated: "Hoàn thành, chưa rõ ngày",
        ages_heading: "Nhiệm vụ quá hạn theo số ngày quá hạn",
        ages: ["1–7 ngày", "8–30 ngày", "Trên 30 ngày"],
        units_heading: "Tỷ lệ hoàn thành đúng hạn theo đơn vị",
        units_hint: "Đơn vị nhiều nhiệm vụ quá hạn nhất đứng đầu; tỷ lệ tính trên các nhiệm vụ đã hoàn thành hoặc đã quá hạn.",
        col_unit: "Đơn vị",
        col_rate: "Tỷ lệ đúng hạn",
        col_overdue: "Quá hạn",
        col_total: "Chủ trì",
        trend_heading: "Diễn biến theo tháng",
        trend_hint: "Số nhiệm vụ hoàn thành trong tháng (đúng hạn, quá hạn) và số nhiệm vụ quá hạn chưa hoàn thành vào cuối tháng.",
        col_month: "Tháng",
        due_heading: "Nhiệm vụ đến hạn trong tuần",
        due_none: "Không có nhiệm vụ nào đến hạn trong tuần này.",
        more: |n| format!("và {n} nhiệm vụ nữa"),
        print: "In trang này",
    },
    export: ExportTexts {
        excel: "Xuất Excel",
        csv: "Xuất CSV",
        backup: "Sao lưu",
        restore: "Khôi phục…",
        scope_all: "Toàn bộ nhiệm vụ",
        scope_filtered: "Các nhiệm vụ theo bộ lọc đang chọn",
        made: |name| format!("Đã tạo file {name}."),
        failed: "Không tạo được file. Hãy thử lại; nếu vẫn lỗi, hãy xuất ít nhiệm vụ hơn (dùng bộ lọc).",
        failed_because: |why| format!("Không tạo được file: {why}. Hãy thử lại; nếu vẫn lỗi, hãy xuất ít nhiệm vụ hơn (dùng bộ lọc)."),
        writing: "Đang tạo file…",
        restore_title: "Khôi phục từ bản sao lưu",
        year_out_of_range: "Năm phải từ 1900 đến 2200; báo cáo vẫn giữ năm đang chọn.",
        repeated_ids: |n| format!("Tệp có {} dòng trùng mã nhiệm vụ với dòng khác: mỗi mã chỉ khôi phục một lần (dòng sau cùng).", thousands(n)),
        restore_confirm: |now, tasks, units, when| format!(
            "Toàn bộ {} nhiệm vụ đang có trên trình duyệt này sẽ được thay bằng {} nhiệm vụ và {} đơn vị trong bản sao lưu lưu lúc {when}. Nên sao lưu dữ liệu hiện tại trước khi khôi phục.",
            thousands(now), thousands(tasks), thousands(units)
        ),
        restore_yes: "Khôi phục",
        restored: |n| format!("Đã khôi phục {} nhiệm vụ từ bản sao lưu.", thousands(n)),
        not_a_backup: "File này không phải bản sao lưu của Đôn Đốc. Hãy chọn file .json đã tạo bằng nút Sao lưu.",
        newer_backup: |v| format!("Bản sao lưu này do phiên bản {v} mới hơn của Đôn Đốc tạo ra; phiên bản này không đọc được. Hãy dùng Đôn Đốc mới hơn."),
        unit_list: "Xuất danh sách gửi đơn vị",
        all_unit_lists: "Xuất danh sách gửi từng đơn vị (.zip)",
        nav_report: "Báo cáo",
        report_title: "Báo cáo kết quả thực hiện nhiệm vụ",
        period: "Kỳ báo cáo",
        period_month: "Tháng",
        period_quarter: "Quý",
        period_half: "6 tháng",
        period_year: "Năm",
        period_dates: "Từ ngày – đến ngày",
        year: "Năm",
        month: "Tháng",
        quarter: "Quý",
        half_first: "6 tháng đầu năm",
        half_second: "6 tháng cuối năm",
        from: "Từ ngày",
        to: "Đến ngày",
        basis: "Tính các nhiệm vụ",
        basis_name: |b| match b {
            crate::report::monthly::Basis::DueOrOverdue => "có thời hạn trong kỳ và quá hạn từ trước",
            crate::report::monthly::Basis::Due => "có thời hạn trong kỳ",
            crate::report::monthly::Basis::Assigned => "được giao trong kỳ (theo ngày văn bản)",
        },
        download_report: "Tải Phụ lục (Excel)",
        overdue_list: "Nhiệm vụ quá hạn chưa hoàn thành (lâu nhất trước)",
        no_overdue: "Không có nhiệm vụ quá hạn.",
        report_heading: |period| format!("Tổng hợp kết quả thực hiện nhiệm vụ {period}"),
        report_as_of: |as_of, basis| format!("Số liệu tính đến ngày {as_of}; tính {basis}."),
        against_first: "Tính theo thời hạn ban đầu (không tính gia hạn)",
        extended: |n, first| format!("{} nhiệm vụ trong báo cáo đã được gia hạn; kết quả tính theo thời hạn {}.", thousands(n), if first { "ban đầu" } else { "sau gia hạn" }),
        without_date: |n, needs| format!("{} nhiệm vụ không có {needs} nên không được tính trong báo cáo này.", thousands(n)),
    },
};

fn import_error(e: &ImportError) -> String {
    match e {
        ImportError::EmptyFile => "File trống (0 byte). Hãy kiểm tra lại file đã chọn.".into(),
        ImportError::TooLarge { bytes } => format!(
            "File quá lớn ({} MB, tối đa {} MB). Hãy tách bảng theo năm hoặc xóa các trang tính không cần rồi thử lại.",
            bytes / (1024 * 1024),
            MAX_FILE_BYTES / (1024 * 1024)
        ),
        ImportError::NotASpreadsheet => "Đây không phải file bảng tính. Đôn Đốc đọc được file .xlsx, .xlsm, .xls, .xlsb, .ods và .csv.".into(),
        ImportError::PasswordProtected => "File đang đặt mật khẩu nên không đọc được. Hãy mở file bằng Excel, bỏ mật khẩu (Tệp → Thông tin → Bảo vệ sổ làm việc), lưu lại rồi nhập lại.".into(),
        ImportError::Damaged(_) => "File bị hỏng hoặc không đầy đủ (có thể tải về chưa xong). Hãy thử mở bằng Excel; nếu mở được, lưu lại dạng .xlsx rồi nhập lại.".into(),
        ImportError::NoData => "File không có dữ liệu: mọi trang tính đều trống.".into(),
        ImportError::NoHeader => "Không tìm thấy bảng theo dõi nhiệm vụ: không có dòng tiêu đề nào có cột “Nội dung nhiệm vụ” (hoặc tên tương tự). Hãy kiểm tra đúng file, hoặc thêm dòng tiêu đề cho bảng.".into(),
        ImportError::ReaderCrashed => "Trình đọc file bị dừng đột ngột khi đọc file này (file có thể bị hỏng). Dữ liệu của bạn không bị ảnh hưởng. Hãy thử mở bằng Excel, lưu lại dạng .xlsx rồi nhập lại.".into(),
        ImportError::TimedOut => "Đọc file quá lâu nên đã dừng. Dữ liệu của bạn không bị ảnh hưởng. Hãy thử tách thành các file nhỏ hơn.".into(),
        ImportError::SuspiciousArchive { unzipped_bytes } => format!(
            "Tệp nén bất thường: giải nén ra sẽ chiếm khoảng {} MB, hoặc có phần bị nén dày hơn {} lần (giới hạn {} MB sau khi giải nén). Đôn Đốc không đọc file này để trình duyệt không bị treo. Hãy mở file bằng Excel hoặc LibreOffice, xóa các trang tính, dòng, cột thừa, lưu lại rồi nhập lại.",
            unzipped_bytes / (1024 * 1024),
            crate::import::error::MAX_COMPRESSION_RATIO,
            crate::import::error::MAX_UNZIPPED_BYTES / (1024 * 1024)
        ),
        ImportError::TooManyCells { limit } => format!(
            "File có quá nhiều ô dữ liệu: hơn {} ô, là giới hạn cho một lần nhập. Hãy xóa các trang tính, cột không cần, hoặc tách bảng (ví dụ theo năm) thành nhiều file rồi nhập từng file.",
            thousands(*limit)
        ),
        ImportError::TooManyRows { limit } => format!(
            "File có hơn {} dòng, là giới hạn cho một lần nhập. Hãy tách thành nhiều file, mỗi file không quá {} dòng (ví dụ theo năm), rồi nhập từng file.",
            thousands(*limit),
            thousands(*limit)
        ),
        ImportError::ForInformation => "Đây là danh sách nhiệm vụ phối hợp, gửi để đơn vị nắm: không nhập lại. Kết quả thực hiện do đơn vị chủ trì báo cáo, qua danh sách của đơn vị chủ trì.".into(),
        ImportError::UncalculatedFormulas => "Tệp có công thức chưa được tính giá trị — mở tệp bằng Excel hoặc LibreOffice, lưu lại rồi nhập. (Chương trình tạo ra file chỉ ghi công thức, không ghi kết quả, nên các ô chưa có giá trị để đọc.)".into(),
    }
}

fn row_problem(p: &RowProblem) -> String {
    match p {
        RowProblem::NoContent => "Không có nội dung nhiệm vụ".into(),
        RowProblem::NoUnit => "Không có đơn vị chủ trì".into(),
        RowProblem::Deadline(d) => deadline_problem(d),
        RowProblem::BadDate { field, text } => format!("Không đọc được ngày ở cột {}: “{text}”; để trống.", field_name(*field)),
        RowProblem::UnknownProgress(text) => format!("Không hiểu tiến độ “{text}”; giữ nguyên tiến độ."),
        RowProblem::DuplicateId { id, first } => format!("Trùng mã {id} với dòng {} (trang {})", first.1, first.0),
    }
}

fn field_name(f: Field) -> &'static str {
    match f {
        Field::Id => "Mã nhiệm vụ",
        Field::Number => "STT",
        Field::SourceRef => "Văn bản giao (số/ký hiệu)",
        Field::SourceDate => "Ngày văn bản",
        Field::SourceTitle => "Trích yếu văn bản",
        Field::DeadlineText => "Thời hạn theo văn bản",
        Field::Content => "Nội dung nhiệm vụ",
        Field::LeadUnit => "Đơn vị chủ trì",
        Field::CoordinatingUnits => "Đơn vị phối hợp",
        Field::Leader => "Lãnh đạo chỉ đạo",
        Field::Officer => "Chuyên viên theo dõi",
        Field::DeadlineKind => "Loại thời hạn",
        Field::Deadline => "Thời hạn",
        Field::Progress => "Tiến độ",
        Field::Result => "Kết quả thực hiện",
        Field::Evidence => "Minh chứng",
        Field::CompletedOn => "Ngày hoàn thành",
        Field::Note => "Ghi chú",
        Field::UpdatedAt => "Ngày cập nhật",
    }
}

fn bucket(b: Bucket) -> &'static str {
    match b {
        Bucket::DoneOnTime => "Hoàn thành đúng hạn",
        Bucket::DoneLate => "Hoàn thành quá hạn",
        Bucket::DoneUndated => "Hoàn thành, chưa rõ ngày",
        Bucket::DoneNoDeadline => "Hoàn thành (không thời hạn)",
        // Not "Đang thực hiện …": beside progress "Chưa thực hiện" that would read as a contradiction.
        Bucket::InProgressInTime => "Chưa hoàn thành, còn hạn",
        Bucket::Overdue => "Quá hạn chưa hoàn thành",
        Bucket::InProgressNoDeadline => "Chưa hoàn thành (không thời hạn)",
    }
}

fn progress(p: Progress) -> &'static str {
    match p {
        Progress::NotStarted => "Chưa thực hiện",
        Progress::InProgress => "Đang thực hiện",
        Progress::Done => "Hoàn thành",
        Progress::Paused => "Tạm dừng",
    }
}

fn unit_kind(k: UnitKind) -> &'static str {
    match k {
        UnitKind::Department => "Phòng, ban, đơn vị",
        UnitKind::Commune => "Xã, phường",
    }
}

fn deadline_problem(p: &DeadlineProblem) -> String {
    match p {
        DeadlineProblem::Unreadable => "Không đọc được thời hạn; để trống thời hạn và giữ nguyên chữ gốc.".into(),
        DeadlineProblem::InvalidDate => "Ngày không có thật trong lịch; để trống thời hạn và giữ nguyên chữ gốc.".into(),
        DeadlineProblem::MissingYear => "Thời hạn thiếu năm; để trống thời hạn và giữ nguyên chữ gốc.".into(),
        DeadlineProblem::SeveralDates(days) => format!(
            "Có nhiều ngày ({}), không rõ ngày nào là thời hạn; để trống thời hạn và giữ nguyên chữ gốc.",
            days.iter().map(|d| format_date(*d)).collect::<Vec<_>>().join(", ")
        ),
    }
}

/// "5, cập nhật 2, không thay đổi 3, bỏ qua 0 dòng." — what an import does, after "thêm mới".
fn import_counts(added: usize, updated: usize, unchanged: usize, skipped: usize) -> String {
    format!(
        "{}, cập nhật {}, không thay đổi {}, bỏ qua {} dòng.",
        thousands(added),
        thousands(updated),
        thousands(unchanged),
        thousands(skipped)
    )
}

/// The first words of a long text, for messages.
fn short(text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.len() <= 10 {
        words.join(" ")
    } else {
        format!("{}…", words[..10].join(" "))
    }
}

/// 12.345: thousands separated by dots, as Vietnamese paperwork writes them.
fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
}

/// What a step did, in words ("chuyển 12 nhiệm vụ sang Hoàn thành").
fn step_name(l: &crate::workspace::StepLabel) -> String {
    use crate::workspace::{ReplaceWhy, StepLabel as L};
    let n = |count: &usize| thousands(*count);
    match l {
        L::Edited { content } => format!("sửa nhiệm vụ “{}”", short(content)),
        L::Bulk { count, fields } => {
            let names: Vec<String> = fields.iter().map(|f| (VI.task.field_label)(f).to_lowercase()).collect();
            format!("đổi {} của {} nhiệm vụ", names.join(", "), n(count))
        }
        L::Extended { count: 1, content } => format!("gia hạn “{}”", short(content)),
        L::Extended { count, .. } => format!("gia hạn {} nhiệm vụ", n(count)),
        L::Recurred { count: 1, content } => format!("thêm kỳ mới của “{}”", short(content)),
        L::Recurred { count, .. } => format!("thêm {} kỳ mới của nhiệm vụ định kỳ", n(count)),
        L::Exchanged { count, kind: crate::domain::ExchangeKind::ReminderSent } => format!("ghi nhận công văn đôn đốc gửi {} đơn vị", n(count)),
        L::Exchanged { count, .. } => format!("ghi nhận danh sách gửi {} đơn vị", n(count)),
        L::Moved { count: 1, content, progress: p } => format!("chuyển “{}” sang {}", short(content), progress(*p)),
        L::Moved { count, progress: p, .. } => format!("chuyển {} nhiệm vụ sang {}", n(count), progress(*p)),
        L::Added { count, from_directive: true, .. } => format!("thêm {} nhiệm vụ từ văn bản", n(count)),
        L::Added { count: 1, content, .. } => format!("thêm nhiệm vụ “{}”", short(content)),
        L::Added { count, .. } => format!("thêm {} nhiệm vụ", n(count)),
        L::Imported { added, updated } => format!("nhập file: thêm mới {}, cập nhật {} nhiệm vụ", n(added), n(updated)),
        L::Deleted { count: 1, content } => format!("xóa nhiệm vụ “{}” (vào Thùng rác)", short(content)),
        L::Deleted { count, .. } => format!("xóa {} nhiệm vụ (vào Thùng rác)", n(count)),
        L::PutBack { count } => format!("lấy lại {} nhiệm vụ từ Thùng rác", n(count)),
        L::EmptiedBin { count } => format!("dọn {} nhiệm vụ khỏi Thùng rác", n(count)),
        L::UnitAdded { name } => format!("thêm đơn vị {name}"),
        L::UnitChanged { name } => format!("sửa đơn vị {name}"),
        L::UnitsMerged { from, into } => format!("gộp {from} vào {into}"),
        L::Replaced { count, why: ReplaceWhy::Sample } => format!("tạo {} nhiệm vụ mẫu", n(count)),
        L::Replaced { count, why: ReplaceWhy::Backup } => format!("khôi phục bản sao lưu ({} nhiệm vụ)", n(count)),
        L::Replaced { why: ReplaceWhy::Clear, .. } => "xóa toàn bộ dữ liệu".into(),
    }
}

pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push('.');
        }
        out.push(c);
    }
    out
}

/// A size in megabytes as Vietnamese writes it: a comma before the one decimal ("4,2").
pub fn decimal(x: f64) -> String {
    let tenths = (x * 10.0).round().max(0.0) as usize;
    format!("{},{}", thousands(tenths / 10), tenths % 10)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_use_a_decimal_comma() {
        assert_eq!(decimal(4.24), "4,2");
        assert_eq!(decimal(1234.56), "1.234,6");
        assert_eq!(decimal(0.0), "0,0");
    }

    #[test]
    fn counts_use_dots_for_thousands() {
        assert_eq!(thousands(5), "5");
        assert_eq!(thousands(1234), "1.234");
        assert_eq!(thousands(50000), "50.000");
        assert_eq!(thousands(1234567), "1.234.567");
        assert_eq!((VI.task_count)(12345), "12.345 nhiệm vụ");
    }

    #[test]
    fn every_bucket_has_its_official_name() {
        let names: std::collections::BTreeSet<&str> = Bucket::ALL.iter().map(|b| (VI.bucket)(*b)).collect();
        assert_eq!(names.len(), Bucket::ALL.len());
        assert_eq!((VI.bucket)(Bucket::DoneUndated), "Hoàn thành, chưa rõ ngày");
        assert_eq!((VI.bucket)(Bucket::Overdue), "Quá hạn chưa hoàn thành");
    }
}
