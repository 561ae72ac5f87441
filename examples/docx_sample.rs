//! Writes the Word documents of the sample workspace into a folder, to open or print and look at:
//! `cargo run --example docx_sample -- /tmp/out` gives the reminder to the unit with the most
//! overdue tasks, every unit's reminder in a .zip, and the report of the month (as of 05/03/2024).

use std::path::PathBuf;

use chrono::NaiveDate;
use dondoc::domain::{StatusRules, UnitDirectory};
use dondoc::export::docx::{all_reminders_zip, reminder_docx, reminder_file_name, reminders_of, report_docx, report_file_name, Letterhead};
use dondoc::report::monthly::{report, Basis, ReportPeriod};

fn letterhead(date: NaiveDate, suffix: &str) -> Letterhead {
    Letterhead::sample(date, suffix)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let out = PathBuf::from(std::env::args().nth(1).unwrap_or_else(|| "docx-sample".into()));
    std::fs::create_dir_all(&out)?;
    let as_of = NaiveDate::from_ymd_opt(2024, 3, 5).ok_or("date")?;
    let reply_by = NaiveDate::from_ymd_opt(2024, 3, 12).ok_or("date")?;
    let rules = StatusRules::default();
    let sample = dondoc::sample::sample_workspace(as_of);
    let units = UnitDirectory::new(sample.units.clone());

    let mut lists = reminders_of(&sample.tasks, &units, None, as_of, rules);
    let head = letterhead(as_of, "UBND-VP");
    let zip = all_reminders_zip(&head, &lists, as_of, reply_by)?;
    std::fs::write(out.join("Don-doc-cac-don-vi_2024-03-05.zip"), zip)?;
    lists.sort_by_key(|(_, tasks)| std::cmp::Reverse(tasks.len()));
    if let Some((unit, tasks)) = lists.first() {
        let path = out.join(reminder_file_name(unit, as_of));
        std::fs::write(&path, reminder_docx(&head, unit, tasks, as_of, reply_by)?)?;
        println!("{} ({} nhiệm vụ)", path.display(), tasks.len());
    }

    let month = report(&sample.tasks, &units, ReportPeriod::Month { year: 2024, month: 2 }, Basis::Due, as_of, rules);
    let path = out.join(report_file_name(&month));
    std::fs::write(&path, report_docx(&letterhead(as_of, "BC-UBND"), &month)?)?;
    println!("{}", path.display());
    Ok(())
}
