//! Text size: the screens scale with the window (a projector gets bigger text) and with the
//! player's own setting, changed with `+` and `-`.

use bevy::prelude::*;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(Update, scale_text);
}

/// The player's text size setting (1 = as designed), changed with `+` and `-`.
#[derive(Resource, Debug, Clone, Copy, PartialEq)]
pub struct TextZoom(pub f32);

impl Default for TextZoom {
    fn default() -> Self {
        TextZoom(1.0)
    }
}

impl TextZoom {
    /// One step larger (+1) or smaller (−1), within what stays readable.
    pub fn step(&mut self, step: i8) {
        self.0 = (self.0 + 0.125 * f32::from(step)).clamp(0.75, 2.0);
    }
}

/// The screens are designed for 1280x720; a bigger window (a projector) gets bigger text, a
/// smaller one smaller text, both times the player's own setting.
pub fn window_scale(width: f32, height: f32) -> f32 {
    (width / 1280.0).min(height / 720.0).clamp(0.75, 2.0)
}

fn scale_text(
    zoom: Option<Res<TextZoom>>,
    windows: Query<&Window, With<bevy::window::PrimaryWindow>>,
    mut scale: ResMut<UiScale>,
) {
    let user = zoom.map_or(1.0, |z| z.0);
    let fit = windows
        .single()
        .map_or(1.0, |w| window_scale(w.width(), w.height()));
    let want = (user * fit).clamp(0.6, 4.0);
    if (scale.0 - want).abs() > f32::EPSILON {
        scale.0 = want;
    }
}
