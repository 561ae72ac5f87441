//! Tasks ticked on the list for a bulk change: checkboxes, shift-click for a run, "select all that
//! the filter shows". Shared through context so the rows and the bulk bar see the same selection.

use std::collections::BTreeSet;

use leptos::prelude::*;

use dondoc::domain::TaskId;

#[derive(Clone, Copy)]
pub struct Selection {
    pub ids: RwSignal<BTreeSet<TaskId>>,
    /// The position (in the list's order) of the last box clicked, for shift-click.
    last: StoredValue<Option<usize>>,
}

impl Selection {
    /// An empty selection of the tasks a view shows (`visible`, in its order); ticked tasks the
    /// view stops showing (deleted, filtered away) are no longer ticked.
    pub fn following(visible: Memo<Vec<TaskId>>) -> Selection {
        let s = Selection { ids: RwSignal::new(BTreeSet::new()), last: StoredValue::new(None) };
        Effect::new(move |_| {
            // Nothing ticked: nothing to follow (and the list of shown ids is not even computed).
            if s.ids.with(BTreeSet::is_empty) {
                return;
            }
            let shown: BTreeSet<TaskId> = visible.with(|v| v.iter().cloned().collect());
            if s.ids.with_untracked(|ids| ids.iter().any(|id| !shown.contains(id))) {
                s.ids.update(|ids| ids.retain(|id| shown.contains(id)));
            }
        });
        s
    }

    pub fn contains(&self, id: &TaskId) -> bool {
        self.ids.with(|s| s.contains(id))
    }

    pub fn len(&self) -> usize {
        self.ids.with(BTreeSet::len)
    }

    /// A box clicked at `position` in `order`; with shift, every task between it and the last
    /// box clicked takes the same state.
    pub fn click(&self, order: &[TaskId], position: usize, shift: bool) {
        let Some(id) = order.get(position) else { return };
        let on = !self.ids.with_untracked(|s| s.contains(id));
        let range = match self.last.get_value().filter(|_| shift) {
            Some(last) => last.min(position)..=last.max(position).min(order.len().saturating_sub(1)),
            None => position..=position,
        };
        self.ids.update(|s| {
            for id in &order[range] {
                if on {
                    s.insert(id.clone());
                } else {
                    s.remove(id);
                }
            }
        });
        self.last.set_value(Some(position));
    }

    pub fn set_all(&self, ids: impl IntoIterator<Item = TaskId>) {
        self.ids.set(ids.into_iter().collect());
    }

    pub fn clear(&self) {
        self.ids.set(BTreeSet::new());
        self.last.set_value(None);
    }

    pub fn ids(&self) -> Vec<TaskId> {
        self.ids.with_untracked(|s| s.iter().cloned().collect())
    }
}
