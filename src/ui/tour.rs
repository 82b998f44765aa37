//! The screenshot tour (feature `dev`): with `JOINED_UP_TOUR=DIR` set, the window walks
//! itself from the title through play to the debrief, saving a screenshot of each screen into
//! DIR and printing frame times, then closes. The rendering test and the README's screenshots
//! use it; a player's build does not carry it.

use std::path::PathBuf;

use bevy::prelude::*;

use super::library::Library;
use super::{DebriefTab, Game, Screen, UiCommand, compose};
use crate::self_assessment::Phase;
use crate::sim::{Act, Role, RoleView};

/// The first statements of the self-assessment instrument in use.
fn first_items(world: &World) -> Vec<String> {
    world
        .resource::<Game>()
        .instrument
        .get()
        .items
        .iter()
        .take(2)
        .map(|i| i.id.clone())
        .collect()
}

pub(super) fn plugin(app: &mut App) {
    if let Some(dir) = std::env::var_os("JOINED_UP_TOUR") {
        app.insert_resource(Tour {
            dir: PathBuf::from(dir),
            frame: 0,
            debrief_at: None,
            frame_ms: Vec::new(),
        })
        .add_systems(Last, (tour, keep_drawing));
        // `JOINED_UP_TOUR_SIZE=1920x1080`: the tour at another window size.
        if let Some((w, h)) = std::env::var("JOINED_UP_TOUR_SIZE")
            .ok()
            .and_then(|s| {
                s.split_once('x')
                    .map(|(w, h)| (w.parse::<u32>(), h.parse::<u32>()))
            })
            .and_then(|(w, h)| Some((w.ok()?, h.ok()?)))
        {
            app.add_systems(
                Startup,
                move |mut windows: Query<
                    &mut bevy::window::Window,
                    With<bevy::window::PrimaryWindow>,
                >| {
                    for mut win in &mut windows {
                        win.resolution.set(w as f32, h as f32);
                    }
                },
            );
        }
    }
}

/// The tour needs a frame every frame, not only when something changes.
fn keep_drawing(mut redraw: MessageWriter<bevy::window::RequestRedraw>) {
    redraw.write(bevy::window::RequestRedraw);
}

/// `JOINED_UP_TOUR=DIR`: the window walks itself from the title to the play screen, saving a
/// screenshot of each into DIR, then closes. The rendering test and the README's screenshots use
/// it.
#[derive(Resource)]
pub struct Tour {
    dir: PathBuf,
    frame: u32,
    /// The frame the debrief appeared on.
    debrief_at: Option<u32>,
    /// Frame times in play, in milliseconds (printed at the end, for BENCHMARKS.md).
    frame_ms: Vec<f32>,
}

fn tour(world: &mut World) {
    use bevy::render::view::screenshot::{Screenshot, save_to_disk};
    let ms = world.resource::<Time<Real>>().delta_secs() * 1000.0;
    let (frame, dir) = {
        let mut t = world.resource_mut::<Tour>();
        t.frame += 1;
        if t.frame > 200 {
            t.frame_ms.push(ms);
        }
        (t.frame, t.dir.clone())
    };
    let shot = |world: &mut World, name: &str| {
        world
            .spawn(Screenshot::primary_window())
            .observe(save_to_disk(dir.join(name)));
    };
    let library = world.resource::<Library>();
    let pick = library
        .entries
        .iter()
        .position(|e| e.scenario.is_ok())
        .unwrap_or(0);
    let patient = library
        .entries
        .get(pick)
        .and_then(|e| e.scenario.as_ref().ok())
        .and_then(|s| s.get().patients.first())
        .map(|p| p.id.clone())
        .unwrap_or_default();
    let command = match frame {
        60 => {
            shot(world, "title.png");
            None
        }
        90 => Some(UiCommand::Go(Screen::Picker)),
        120 => {
            shot(world, "picker.png");
            None
        }
        150 => Some(UiCommand::Pick(pick)),
        170 => {
            shot(world, "setup.png");
            None
        }
        175 => Some(UiCommand::Solo(Role::Gp)),
        // Two answers on the self-assessment before play, for the picture.
        176 | 177 => first_items(world).get((frame - 176) as usize).map(|id| {
            UiCommand::Rate(Role::Gp, Phase::Before, id.clone(), 3 + (frame - 176) as u8)
        }),
        180 => {
            shot(world, "briefing.png");
            None
        }
        190 => Some(UiCommand::Begin),
        200 => Some(UiCommand::Do(Act::Assess {
            patient: patient.clone(),
        })),
        240 => {
            shot(world, "play.png");
            None
        }
        250 => Some(UiCommand::Compose(Some(patient.clone()), None)),
        255 => {
            // Write to social care: the social worker's own line if the GP has it, else the
            // front door.
            let view = RoleView::of(world, Role::Gp);
            let direct = view.contacts_for(&crate::sim::Party::Player(Role::SocialWorker));
            direct
                .first()
                .copied()
                .or_else(|| view.directory.iter().find(|c| c.front_door))
                .map(|c| UiCommand::Edit(compose::Edit::To(c.id.clone())))
        }
        257 => Some(UiCommand::Edit(compose::Edit::Channel(
            crate::scenario::Channel::Phone,
        ))),
        260 => Some(UiCommand::Edit(compose::Edit::Framing(
            crate::sim::Framing::Respectful,
        ))),
        // One fact of what the GP knows, and a question: the rest is left for the player.
        265 => {
            let view = RoleView::of(world, Role::Gp);
            view.patients
                .iter()
                .flat_map(|p| &p.facts)
                .next()
                .map(|f| UiCommand::Edit(compose::Edit::Fact(f.id.clone())))
        }
        270 => Some(UiCommand::Edit(compose::Edit::Ask(
            compose::AskChoice::Information,
        ))),
        // Down to the background and the ask, for the picture.
        280 => {
            scroll(world, 2, 330.0);
            None
        }
        290 => {
            shot(world, "compose.png");
            None
        }
        // A care plan being drafted: the player names an owner for a need.
        295 => Some(UiCommand::CloseDraft),
        297 => Some(UiCommand::PlanDraft(Some(patient.clone()))),
        299 => {
            let view = RoleView::of(world, Role::Gp);
            view.patient(&patient)
                .and_then(|p| p.needs.iter().find(|n| !n.met))
                .map(|n| UiCommand::PlanOwner(n.id.clone(), "social_worker".into()))
        }
        305 => {
            scroll(world, 1, 10_000.0);
            None
        }
        320 => {
            shot(world, "plan.png");
            None
        }
        325 => Some(UiCommand::PlanDraft(None)),
        330 => Some(UiCommand::Go(Screen::Paused)),
        360 => {
            shot(world, "paused.png");
            None
        }
        370 => Some(UiCommand::Go(Screen::Play)),
        // Then end every half-day (the computer colleague plays its own) to the debrief.
        f if f > 380 => {
            let screen = *world.resource::<State<Screen>>().get();
            let mut t = world.resource_mut::<Tour>();
            match (screen, t.debrief_at) {
                (Screen::Debrief, None) => {
                    t.debrief_at = Some(f);
                    None
                }
                (Screen::Debrief, Some(at)) if f == at + 40 => {
                    shot(world, "debrief.png");
                    None
                }
                (Screen::Debrief, Some(at)) if f == at + 45 => {
                    Some(UiCommand::DebriefTab(DebriefTab::Analysis))
                }
                (Screen::Debrief, Some(at)) if f == at + 60 => {
                    shot(world, "debrief-analysis.png");
                    None
                }
                (Screen::Debrief, Some(at)) if f == at + 65 => {
                    Some(UiCommand::DebriefTab(DebriefTab::Knowledge))
                }
                (Screen::Debrief, Some(at)) if f == at + 80 => {
                    shot(world, "debrief-knowledge.png");
                    None
                }
                (Screen::Debrief, Some(at)) if f == at + 85 => {
                    Some(UiCommand::DebriefTab(DebriefTab::Application))
                }
                (Screen::Debrief, Some(at)) if f == at + 100 => {
                    shot(world, "debrief-application.png");
                    None
                }
                (Screen::Debrief, Some(at)) if f >= at + 130 => {
                    let mut ms = std::mem::take(&mut t.frame_ms);
                    ms.sort_by(f32::total_cmp);
                    if !ms.is_empty() {
                        let mean = ms.iter().sum::<f32>() / ms.len() as f32;
                        println!(
                            "tour frame times from the play screen on: {} frames, mean {mean:.1} ms, \
                             median {:.1} ms, 95th percentile {:.1} ms, slowest {:.1} ms",
                            ms.len(),
                            ms[ms.len() / 2],
                            ms[ms.len() * 95 / 100],
                            ms[ms.len() - 1]
                        );
                    }
                    world.write_message(AppExit::Success);
                    None
                }
                (Screen::Play, _) if f.is_multiple_of(4) => Some(UiCommand::Do(Act::EndTurn)),
                _ if f > 5000 => {
                    // Never hang a test: give up, and the missing screenshot says why.
                    world.write_message(AppExit::error());
                    None
                }
                _ => None,
            }
        }
        _ => None,
    };
    if let Some(c) = command {
        world.write_message(c);
    }
}

/// Scrolls the screen's column `column` down to `y` (as far as it goes).
fn scroll(world: &mut World, column: usize, y: f32) {
    let mut q = world.query::<(&super::widgets::Column, &mut ScrollPosition)>();
    for (c, mut p) in q.iter_mut(world) {
        if c.0 == column {
            p.0.y = y;
        }
    }
}
