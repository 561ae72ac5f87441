//! Sample data for a first-time user: the real tasks of two directives from the seeds (the
//! 2022 dispatch on six-month focus tasks, and the chairman's conclusions of December 2023),
//! moved to the present so that every status bucket appears whatever day it is loaded.
//!
//! The tasks are in `seed_tasks.txt` as a clerk would enter them; their units go through the
//! unit directory and their deadlines through the same reader as any imported tracker.

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime};

use crate::domain::recurrence;
use crate::domain::deadline::{read_deadline, recurring_due_dates, DeadlineKind, Recurrence};
use crate::domain::vn_date::{format_date, last_day_of_month, week_start};
use crate::domain::{Deadline, Progress, SourceDocument, Task, TaskId, Unit, UnitDirectory, UnitId};

const SEED_TASKS: &str = include_str!("seed_tasks.txt");

#[derive(serde::Serialize, serde::Deserialize)]
pub struct Sample {
    pub tasks: Vec<Task>,
    pub units: Vec<Unit>,
}

/// One directive of the sample, with its dates moved to the present.
struct Directive {
    source: SourceDocument,
    leader: &'static str,
    /// The deadline its tasks have unless they say otherwise.
    deadline_text: String,
    /// Values for the {y} {m} {m1} placeholders.
    year: i32,
    month: u32,
    /// Deadlines of this directive have passed (tasks are done or overdue) or lie ahead.
    deadline_passed: bool,
}

fn first_of_month(d: NaiveDate) -> NaiveDate {
    d.with_day(1).expect("day 1 exists")
}

fn directive(key: &str, today: NaiveDate) -> Directive {
    match key {
        // Seed 000: "tập trung thực hiện một số nhiệm vụ trọng tâm sáu tháng cuối năm 2022",
        // moved to the half-year holding today, so its tasks are still in time.
        "000" => {
            let second_half = today.month() > 6;
            let half = if second_half { "sáu tháng cuối năm" } else { "sáu tháng đầu năm" };
            let year = today.year();
            Directive {
                source: SourceDocument {
                    reference: "/UBND-VP".into(),
                    date: None,
                    title: format!("V/v tập trung thực hiện một số nhiệm vụ trọng tâm {half} {year}"),
                },
                leader: "Đ/c Đinh Gia Dũng - Chủ tịch UBND",
                deadline_text: format!("{half} {year}"),
                year,
                month: today.month(),
                deadline_passed: false,
            }
        }
        // Seed 002: the conclusions of a monthly meeting, setting the focus tasks of the next
        // month; moved so that month is last month, and its deadlines have passed.
        "002" => {
            let month_start = first_of_month(first_of_month(today) - Duration::days(1));
            let meeting = first_of_month(month_start - Duration::days(1)) + Duration::days(26);
            Directive {
                source: SourceDocument {
                    reference: "/TB-UBND".into(),
                    date: Some(meeting),
                    title: format!(
                        "Thông báo kết luận của Chủ tịch UBND thị xã tại phiên họp thường kỳ tháng {:02}/{}",
                        meeting.month(),
                        meeting.year()
                    ),
                },
                leader: "Đ/c Nguyễn Hữu An - Chủ tịch UBND",
                deadline_text: format!("trong tháng {:02}/{}", month_start.month(), month_start.year()),
                year: month_start.year(),
                month: month_start.month(),
                deadline_passed: true,
            }
        }
        other => panic!("seed_tasks.txt names an unknown directive {other}"),
    }
}

/// Which instances of a recurring duty the sample holds: the four weeks up to and including this
/// one, or last month and this month.
fn recurring_window(every: Recurrence, today: NaiveDate) -> (NaiveDate, NaiveDate) {
    match every {
        Recurrence::Weekly => (week_start(today) - Duration::days(21), week_start(today) + Duration::days(6)),
        _ => (
            first_of_month(first_of_month(today) - Duration::days(1)),
            last_day_of_month(today.year(), today.month()).expect("valid month"),
        ),
    }
}

impl Directive {
    fn fill(&self, text: &str) -> String {
        text.replace("{y}", &self.year.to_string())
            .replace("{m1}", &self.month.to_string())
            .replace("{m}", &format!("{:02}", self.month))
    }
}

/// One task as written in the sample file, before dates and progress are set.
struct Entry {
    directive: usize,
    lead: String,
    coordinating: Vec<String>,
    content: String,
    deadline_text: String,
}

fn parse_entries(today: NaiveDate) -> (Vec<Directive>, Vec<Entry>) {
    let mut directives: Vec<Directive> = Vec::new();
    let mut entries = Vec::new();
    let mut leads: Vec<(String, Vec<String>)> = Vec::new();
    let mut no_deadline = false;
    for line in SEED_TASKS.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')) {
        if let Some(key) = line.strip_prefix("@doc ") {
            directives.push(directive(key.trim(), today));
            no_deadline = false;
        } else if let Some(spec) = line.strip_prefix("@unit ") {
            let mut parts = spec.split('|').map(|s| s.trim().to_string());
            let lead = parts.next().unwrap_or_default();
            leads = vec![(lead, parts.collect())];
        } else if let Some(list) = line.strip_prefix("@each ") {
            leads = list.split(';').map(|s| (s.trim().to_string(), Vec::new())).collect();
        } else if line == "@deadline none" {
            no_deadline = true;
        } else if let Some(task) = line.strip_prefix("- ") {
            let d = directives.last().expect("a task comes after @doc");
            let (content, own_deadline) = match task.split_once(" || ") {
                Some((c, dl)) => (c, Some(dl)),
                None => (task, None),
            };
            let deadline_text = match own_deadline {
                Some(dl) => d.fill(dl),
                None if no_deadline => String::new(),
                None => d.deadline_text.clone(),
            };
            for (lead, coordinating) in &leads {
                entries.push(Entry {
                    directive: directives.len() - 1,
                    lead: lead.clone(),
                    coordinating: coordinating.clone(),
                    content: d.fill(content),
                    deadline_text: deadline_text.clone(),
                });
            }
        } else {
            panic!("seed_tasks.txt: cannot read line {line:?}");
        }
    }
    (directives, entries)
}

/// The sample workspace as it would stand on `today`.
pub fn sample_workspace(today: NaiveDate) -> Sample {
    let (directives, entries) = parse_entries(today);
    let mut units = UnitDirectory::default();
    let mut tasks = Vec::new();
    let updated = NaiveDateTime::new(today, NaiveTime::from_hms_opt(8, 0, 0).expect("valid time"));
    let mut resolve = |name: &str| -> UnitId {
        units.resolve_or_add(name).expect("sample unit names are not empty").id().clone()
    };

    for (index, entry) in entries.iter().enumerate() {
        let d = &directives[entry.directive];
        let reading = read_deadline(&entry.deadline_text);
        assert!(reading.problem.is_none(), "sample deadline {:?} must be readable", entry.deadline_text);
        let lead = resolve(&entry.lead);
        let coordinating: Vec<UnitId> = entry.coordinating.iter().map(|c| resolve(c)).collect();
        let instances: Vec<(Deadline, String)> = match reading.deadline.kind {
            DeadlineKind::Recurring(every @ (Recurrence::Weekly | Recurrence::Monthly)) => {
                let (from, to) = recurring_window(every, today);
                // One task per period, due on the day its words name (or the period's last working
                // day), as `domain::recurrence` makes them when time passes.
                let rule = recurrence::due_day(&reading.deadline.text);
                recurring_due_dates(every, from, to)
                    .into_iter()
                    .filter_map(|end| recurrence::period_containing(every, end))
                    .map(|(start, end)| {
                        let due = recurrence::due_in(every, rule, start, end);
                        (Deadline { kind: reading.deadline.kind, date: Some(due), text: reading.deadline.text.clone() }, recurrence::period_label(every, start, end))
                    })
                    .collect()
            }
            _ => vec![(reading.deadline.clone(), String::new())],
        };
        let mut series = None;
        for (deadline, note) in instances {
            let n = tasks.len() as u64 + 1;
            let mut task = Task::new(TaskId::from_entropy(0x5A00_0000 + n), entry.content.clone());
            task.number = n.to_string();
            task.source = d.source.clone();
            task.lead_unit = Some(lead.clone());
            task.coordinating_units = coordinating.clone();
            task.leader = d.leader.to_string();
            task.deadline = deadline;
            task.note = note;
            task.updated_at = Some(updated);
            // A recurring duty's later periods belong to its first.
            if matches!(task.deadline.kind, DeadlineKind::Recurring(_)) {
                task.series = series.clone();
                series.get_or_insert(task.id.clone());
            }
            set_progress(&mut task, index, d.deadline_passed, today);
            tasks.push(task);
        }
    }
    Sample { tasks, units: units.into_units() }
}

/// Progress and completion dates relative to today, in a fixed pattern so that every bucket
/// appears: done on time, done late, done without its date, still going, not started, and
/// no-deadline tasks both done and not.
fn set_progress(task: &mut Task, index: usize, deadline_passed: bool, today: NaiveDate) {
    let due = task.deadline.due_date();
    let done_on = |task: &mut Task, day: NaiveDate| {
        let day = day.min(today);
        task.progress = Progress::Done;
        task.completed_on = Some(day);
        task.evidence = format!("Báo cáo số {}/BC ngày {}", 100 + index, format_date(day));
        task.result = "Đã hoàn thành, có báo cáo kết quả gửi UBND.".into();
    };
    let k = (index % 5) as i64;
    match due {
        // Recurring instances: past periods reported on time, the current one still open.
        Some(due) if matches!(task.deadline.kind, DeadlineKind::Recurring(_)) => {
            if due < today {
                done_on(task, due - Duration::days(k % 3));
            } else {
                task.progress = Progress::InProgress;
            }
        }
        Some(due) if deadline_passed => match index % 5 {
            // A unit that reported "xong" without the date of its report: done, not yet known on time.
            4 if index % 3 == 0 => {
                done_on(task, due - Duration::days(k));
                task.completed_on = None;
                task.evidence = "Đơn vị báo cáo đã xong (chưa ghi ngày văn bản)".into();
            }
            0 | 4 => done_on(task, due - Duration::days(k)),
            1 => done_on(task, due + Duration::days(1 + (index % 6) as i64).min(today - due)),
            2 => {
                task.progress = Progress::InProgress;
                task.result = "Đang triển khai, chưa có báo cáo.".into();
            }
            _ => task.progress = Progress::NotStarted,
        },
        Some(_) => match index % 4 {
            0 => done_on(task, today - Duration::days(1 + (index % 9) as i64)),
            1 | 3 => {
                task.progress = Progress::InProgress;
                task.result = "Đang triển khai.".into();
            }
            _ => task.progress = Progress::NotStarted,
        },
        None => match index % 2 {
            0 => done_on(task, today - Duration::days(2 + k)),
            _ => task.progress = Progress::InProgress,
        },
    }
}

#[cfg(test)]
mod tests;
