//! The domain core: tasks, units, deadlines, Vietnamese dates, text folding and the one status
//! function. Plain Rust, no browser types: everything here is tested natively with `cargo test`.

pub mod deadline;
pub mod edit;
pub mod exchange;
pub mod fold;
pub mod normal_form;
pub mod recurrence;
pub mod status;
pub mod task;
pub mod unit;
pub mod unit_name;
pub mod vn_date;

pub use exchange::{answer, Answer, Exchange, ExchangeKind};
pub use deadline::{read_deadline, read_new_deadline, Deadline, DeadlineKind, DeadlineProblem, DeadlineReading, Recurrence};
pub use status::{derive_status, Bucket, OverdueAge, Status, StatusRules};
pub use task::{Change, Extension, Progress, SourceDocument, Task, TaskId};
pub use unit::{Resolution, Unit, UnitDirectory, UnitError, UnitId, UnitKind};
pub use vn_date::format_date;
