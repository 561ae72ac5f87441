//! Messages to the person: what happened and what to do. Errors stay until closed or resolved.

use leptos::prelude::*;

use dondoc::i18n::texts;

/// How long a plain information message stays.
const FADE_SECONDS: u64 = 10;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoticeKind {
    Info,
    Warning,
    Error,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoticeAction {
    RetrySave,
    Reload,
    Undo,
    Redo,
    /// Download what the page holds as a backup (when storage has failed for good).
    DownloadBackup,
    /// Reload onto the newer build the browser has fetched.
    NewVersion,
    /// A backup is due: download one (*Sao lưu ngay*).
    BackupNow,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Notice {
    pub id: u32,
    pub kind: NoticeKind,
    pub text: String,
    pub action: Option<NoticeAction>,
}

#[derive(Clone, Copy)]
pub struct Notices {
    list: RwSignal<Vec<Notice>>,
    next_id: RwSignal<u32>,
}

impl Notices {
    pub fn new() -> Notices {
        Notices { list: RwSignal::new(Vec::new()), next_id: RwSignal::new(1) }
    }

    /// Show a message; the same text is shown once.
    pub fn push(&self, kind: NoticeKind, text: impl Into<String>, action: Option<NoticeAction>) {
        let text = text.into();
        let id = self.next_id.get_untracked();
        self.next_id.set(id + 1);
        self.list.update(|l| {
            l.retain(|n| n.text != text);
            // Info messages replace each other; problems stay until resolved.
            l.retain(|n| !(kind == NoticeKind::Info && n.kind == NoticeKind::Info));
            l.push(Notice { id, kind, text, action });
        });
        // A plain "done" message fades after a while; one that offers something (Hoàn tác, Lưu
        // lại…) or reports a problem stays until it is closed or resolved.
        if kind == NoticeKind::Info && action.is_none() {
            let notices = *self;
            set_timeout(move || notices.dismiss(id), std::time::Duration::from_secs(FADE_SECONDS));
        }
    }

    pub fn dismiss(&self, id: u32) {
        self.list.update(|l| l.retain(|n| n.id != id));
    }

    pub fn dismiss_action(&self, action: NoticeAction) {
        self.list.update(|l| l.retain(|n| n.action != Some(action)));
    }

    pub fn list(&self) -> Vec<Notice> {
        self.list.get()
    }
}

#[component]
pub fn NoticeArea(
    notices: Notices,
    on_retry: impl Fn() + Clone + Send + Sync + 'static,
    on_undo: impl Fn() + Clone + Send + Sync + 'static,
    on_redo: impl Fn() + Clone + Send + Sync + 'static,
    on_download: impl Fn() + Clone + Send + Sync + 'static,
    on_backup: impl Fn() + Clone + Send + Sync + 'static,
) -> impl IntoView {
    let t = texts();
    view! {
        <div class="notices" aria-live="polite">
            {move || {
                notices
                    .list()
                    .into_iter()
                    .map(|n| {
                        let class = match n.kind {
                            NoticeKind::Info => "notice notice-info",
                            NoticeKind::Warning => "notice notice-warning",
                            NoticeKind::Error => "notice notice-error",
                        };
                        let role = if n.kind == NoticeKind::Error { "alert" } else { "status" };
                        let id = n.id;
                        let on_retry = on_retry.clone();
                        let on_undo = on_undo.clone();
                        let on_redo = on_redo.clone();
                        let on_download = on_download.clone();
                        let on_backup = on_backup.clone();
                        let action = n.action.map(|a| match a {
                            NoticeAction::RetrySave => view! {
                                <button class="btn btn-small" on:click=move |_| on_retry()>{t.retry_save}</button>
                            }.into_any(),
                            NoticeAction::Undo => view! {
                                <button class="btn btn-small" on:click=move |_| on_undo()>{t.undo}</button>
                            }.into_any(),
                            NoticeAction::Redo => view! {
                                <button class="btn btn-small" on:click=move |_| on_redo()>{t.redo}</button>
                            }.into_any(),
                            NoticeAction::DownloadBackup => view! {
                                <button class="btn btn-small" on:click=move |_| on_download()>{t.download_backup}</button>
                            }.into_any(),
                            NoticeAction::BackupNow => view! {
                                <button class="btn btn-small" on:click=move |_| { on_backup(); notices.dismiss(id); }>{t.data.backup_now}</button>
                            }.into_any(),
                            NoticeAction::NewVersion => view! {
                                <button class="btn btn-small" on:click=move |_| super::offline::take_over()>{t.reload}</button>
                            }.into_any(),
                            NoticeAction::Reload => view! {
                                <button class="btn btn-small" on:click=move |_| { let _ = window().location().reload(); }>{t.reload}</button>
                            }.into_any(),
                        });
                        view! {
                            <div class=class role=role>
                                <span class="notice-text">{n.text}</span>
                                {action}
                                <button class="notice-close" title=t.close aria-label=t.close on:click=move |_| notices.dismiss(id)>"×"</button>
                            </div>
                        }
                    })
                    .collect_view()
            }}
        </div>
    }
}
