//! The overview's charts as SVG text, drawn by plotters' SVG backend (no hand-written drawing):
//! the on-time rate per unit (bars, worst first, counts beside) and the month by month trend of
//! done on time / done late / overdue (stacked bars). Plain functions of the [`Dashboard`].

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::dashboard::Dashboard;
use crate::domain::Bucket;
use super::percent;

/// The status colours of the interface (style/main.css).
const ON_TIME: RGBColor = RGBColor(0x19, 0x69, 0x2c);
const LATE: RGBColor = RGBColor(0xc2, 0x6a, 0x1a);
const OVERDUE: RGBColor = RGBColor(0xb4, 0x23, 0x18);
const INK: RGBColor = RGBColor(0x1f, 0x29, 0x37);
const GRID: RGBColor = RGBColor(0xd8, 0xdd, 0xe3);

/// How many units the rate chart shows (the worst); the table beside it lists them all.
pub const UNITS_SHOWN: usize = 12;

const FONT: &str = "sans-serif";

/// The trend's layers, bottom up, with the words of the official buckets.
const LAYERS: [(Bucket, RGBColor); 3] = [(Bucket::DoneOnTime, ON_TIME), (Bucket::DoneLate, LATE), (Bucket::Overdue, OVERDUE)];

/// On-time rate per unit, worst first: one bar per unit that has a rate, "33,3% (1/3)" beside it.
/// `label` names a unit. Empty when no unit can be judged yet.
pub fn unit_rates_svg(board: &Dashboard, label: impl Fn(&super::UnitSummary) -> String) -> String {
    let mut rows: Vec<(String, f64, String)> = board
        .units
        .iter()
        .filter_map(|u| u.on_time_rate().map(|r| (label(u), r * 100.0, format!("{} ({}/{})", percent(r), u.lead.get(Bucket::DoneOnTime), u.judged()))))
        .take(UNITS_SHOWN)
        .collect();
    if rows.is_empty() {
        return String::new();
    }
    // The axis counts upward: the worst unit is drawn last, at the top.
    rows.reverse();
    let mut svg = String::new();
    let height = 40 + 30 * rows.len() as u32;
    {
        let root = SVGBackend::with_string(&mut svg, (720, height)).into_drawing_area();
        let drawn = (|| -> Result<(), Box<dyn std::error::Error + '_>> {
            root.fill(&WHITE)?;
            let n = rows.len();
            let mut chart = ChartBuilder::on(&root)
                .margin(6)
                .x_label_area_size(26)
                .y_label_area_size(250)
                .build_cartesian_2d(0.0..130.0, (0..n).into_segmented())?;
            chart
                .configure_mesh()
                .disable_y_mesh()
                .light_line_style(GRID)
                .x_labels(6)
                .x_label_formatter(&|v| if *v <= 100.0 { format!("{v:.0}%") } else { String::new() })
                .y_labels(n)
                .y_label_formatter(&|v| match v {
                    SegmentValue::CenterOf(i) | SegmentValue::Exact(i) => rows.get(*i).map(|r| short(&r.0, 34)).unwrap_or_default(),
                    SegmentValue::Last => String::new(),
                })
                .label_style((FONT, 13).into_font().color(&INK))
                .draw()?;
            chart.draw_series(
                Histogram::horizontal(&chart)
                    .style_func(|_, rate| if *rate >= 80.0 { ON_TIME.filled() } else if *rate >= 50.0 { LATE.filled() } else { OVERDUE.filled() })
                    .margin(6)
                    .data(rows.iter().enumerate().map(|(i, r)| (i, r.1))),
            )?;
            chart.draw_series(rows.iter().enumerate().map(|(i, r)| {
                Text::new(r.2.clone(), (r.1 + 1.5, SegmentValue::CenterOf(i)), (FONT, 13).into_font().color(&INK).pos(Pos::new(HPos::Left, VPos::Center)))
            }))?;
            root.present()?;
            Ok(())
        })();
        if drawn.is_err() {
            return String::new();
        }
    }
    svg
}

/// Month by month: tasks done on time and late in each month, and overdue at its end, stacked.
pub fn trend_svg(board: &Dashboard) -> String {
    let months = &board.months;
    let top = months.iter().map(|m| m.done_on_time + m.done_late + m.overdue).max().unwrap_or(0).max(1);
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (720, 300)).into_drawing_area();
        let drawn = (|| -> Result<(), Box<dyn std::error::Error + '_>> {
            root.fill(&WHITE)?;
            let n = months.len();
            let mut chart = ChartBuilder::on(&root)
                .margin(8)
                .x_label_area_size(28)
                .y_label_area_size(44)
                .build_cartesian_2d((0..n).into_segmented(), 0usize..top + top / 5 + 1)?;
            chart
                .configure_mesh()
                .disable_x_mesh()
                .light_line_style(GRID)
                .x_labels(n)
                .x_label_formatter(&|v| match v {
                    SegmentValue::CenterOf(i) | SegmentValue::Exact(i) => months.get(*i).map(|m| m.label()).unwrap_or_default(),
                    SegmentValue::Last => String::new(),
                })
                .y_desc("Số nhiệm vụ")
                .label_style((FONT, 13).into_font().color(&INK))
                .draw()?;
            let stacks: Vec<[usize; 3]> = months.iter().map(|m| [m.done_on_time, m.done_late, m.overdue]).collect();
            for (k, (bucket, colour)) in LAYERS.iter().enumerate() {
                let base: Vec<usize> = stacks.iter().map(|s| s[..k].iter().sum()).collect();
                let tops: Vec<usize> = stacks.iter().zip(&base).map(|(s, b)| b + s[k]).collect();
                let colour = *colour;
                chart
                    .draw_series(
                        Histogram::vertical(&chart)
                            .style(colour.filled())
                            .margin(14)
                            .baseline_func(move |v: &SegmentValue<usize>| match v {
                                SegmentValue::Exact(i) | SegmentValue::CenterOf(i) => base.get(*i).copied().unwrap_or(0),
                                SegmentValue::Last => 0,
                            })
                            .data(tops.into_iter().enumerate()),
                    )?
                    .label(crate::vocabulary::bucket(*bucket))
                    .legend(move |(x, y)| Rectangle::new([(x, y - 6), (x + 12, y + 6)], colour.filled()));
            }
            chart
                .configure_series_labels()
                .position(SeriesLabelPosition::UpperLeft)
                .background_style(WHITE.mix(0.9))
                .border_style(GRID)
                .label_font((FONT, 13).into_font().color(&INK))
                .draw()?;
            root.present()?;
            Ok(())
        })();
        if drawn.is_err() {
            return String::new();
        }
    }
    svg
}

/// A long unit name cut to fit the chart's label column ("Phòng Lao động - Thương binh và…").
fn short(text: &str, chars: usize) -> String {
    if text.chars().count() <= chars {
        return text.to_string();
    }
    let cut: String = text.chars().take(chars - 1).collect();
    format!("{}…", cut.trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{read_deadline, Progress, StatusRules, Task, TaskId, UnitDirectory};
    use crate::report::dashboard::dashboard;
    use chrono::NaiveDate;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, day).unwrap()
    }

    fn board() -> (Dashboard, UnitDirectory) {
        let mut dir = UnitDirectory::default();
        let kt = dir.resolve_or_add("Phòng Kinh tế").unwrap().id().clone();
        let tp = dir.resolve_or_add("Phòng Tư pháp").unwrap().id().clone();
        let mut tasks = Vec::new();
        for (n, (unit, deadline, done)) in [(&kt, "10/11/2026", Some(d(11, 9))), (&kt, "10/10/2026", None), (&tp, "10/10/2026", Some(d(10, 20))), (&tp, "20/11/2026", Some(d(11, 19)))].into_iter().enumerate() {
            let mut t = Task::new(TaskId::from_entropy(n as u64), "Việc");
            t.lead_unit = Some(unit.clone());
            t.deadline = read_deadline(deadline).deadline;
            if let Some(c) = done {
                t.progress = Progress::Done;
                t.completed_on = Some(c);
            }
            tasks.push(t);
        }
        (dashboard(&tasks, &dir, d(11, 25), StatusRules::default()), dir)
    }

    #[test]
    fn the_rate_chart_names_each_unit_worst_first_with_its_counts() {
        let (b, dir) = board();
        let svg = unit_rates_svg(&b, |u| dir.get(&u.unit).map(|x| x.name.clone()).unwrap_or_default());
        assert!(svg.starts_with("<svg"), "{}", &svg[..svg.len().min(80)]);
        // Phòng Kinh tế: 1 on time, 1 overdue → 50,0%; Phòng Tư pháp: 1 on time, 1 late → 50,0%; worst (most overdue) first.
        // Drawn bottom up, the worst unit last (at the top of the chart).
        let kt = svg.find("Phòng Kinh tế").expect("Phòng Kinh tế named");
        let tp = svg.find("Phòng Tư pháp").expect("Phòng Tư pháp named");
        assert!(kt > tp, "worst at the top");
        assert!(svg.contains("50,0% (1/2)"));
        assert!(svg.matches("<rect").count() >= 3, "a bar per unit over the background");
    }

    #[test]
    fn the_trend_chart_has_its_months_and_series() {
        let (b, _) = board();
        let svg = trend_svg(&b);
        for label in ["T6/2026", "T11/2026", "Hoàn thành đúng hạn", "Hoàn thành quá hạn", "Quá hạn chưa hoàn thành"] {
            assert!(svg.contains(label), "{label}");
        }
    }

    #[test]
    fn nothing_to_judge_draws_no_rate_chart() {
        let b = dashboard(&[], &UnitDirectory::default(), d(11, 25), StatusRules::default());
        assert_eq!(unit_rates_svg(&b, |_| String::new()), "");
        assert!(trend_svg(&b).starts_with("<svg"), "an empty trend still has its axes");
    }
}
