//! Building the current screen again whenever something changed, keeping the keyboard focus
//! and each column's scroll where the player left them.

use bevy::prelude::*;

use super::{Dirty, Press, Screen, ScreenRoot, screens, widgets};
use crate::sim::SimSystems;

/// The system set that rebuilds the screen (after the simulation has stepped this frame).
#[derive(SystemSet, Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Rebuild;

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Buttons>()
        .add_systems(Update, rebuild.in_set(Rebuild).after(SimSystems::Step));
}

/// The current screen's buttons, in Tab order.
#[derive(Resource, Default)]
pub struct Buttons(pub Vec<Entity>);

fn rebuild(world: &mut World, mut shown: Local<Option<Screen>>) {
    use bevy::input_focus::{FocusCause, InputFocus};
    let now = *world.resource::<State<Screen>>().get();
    let changed = *shown != Some(now);
    *shown = Some(now);
    if !changed && !world.resource::<Dirty>().0 {
        return;
    }
    world.resource_mut::<Dirty>().0 = false;
    // Keep the keyboard focus on the same button (or the same place) across the rebuild.
    let old = std::mem::take(&mut world.resource_mut::<Buttons>().0);
    let focused = world
        .get_resource::<InputFocus>()
        .and_then(|f| f.get())
        .and_then(|e| old.iter().position(|b| *b == e).map(|i| (i, e)));
    let focused_cmd = focused.and_then(|(_, e)| world.get::<Press>(e).map(|p| p.0.clone()));
    let scrolled: Vec<(usize, Vec2)> = world
        .query::<(&widgets::Column, &ScrollPosition)>()
        .iter(world)
        .map(|(c, p)| (c.0, p.0))
        .collect();
    let roots: Vec<Entity> = world
        .query_filtered::<Entity, With<ScreenRoot>>()
        .iter(world)
        .collect();
    for e in roots {
        world.entity_mut(e).despawn();
    }
    let buttons = screens::build(world);
    if changed {
        // A new screen slides in a little: enough to see that something changed.
        let roots: Vec<Entity> = world
            .query_filtered::<Entity, With<ScreenRoot>>()
            .iter(world)
            .collect();
        for r in roots {
            world.entity_mut(r).insert(widgets::Appear::default());
        }
    }
    if !changed {
        // Keep each column where the player had scrolled it.
        let mut q = world.query::<(&widgets::Column, &mut ScrollPosition)>();
        for (c, mut p) in q.iter_mut(world) {
            if let Some((_, at)) = scrolled.iter().find(|(i, _)| *i == c.0) {
                p.0 = *at;
            }
        }
    }
    let target = if changed {
        buttons.first().copied()
    } else {
        focused.and_then(|(i, _)| {
            buttons
                .iter()
                .copied()
                .find(|b| world.get::<Press>(*b).map(|p| &p.0) == focused_cmd.as_ref())
                .or_else(|| buttons.get(i.min(buttons.len().saturating_sub(1))).copied())
        })
    };
    if let (Some(t), Some(mut focus)) = (target, world.get_resource_mut::<InputFocus>()) {
        focus.set(t, FocusCause::Navigated);
    }
    world.resource_mut::<Buttons>().0 = buttons;
}
