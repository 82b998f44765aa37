//! The building blocks every screen is made of: headings, text, buttons and rows of choices,
//! laid out in columns and spawned in one go. Buttons take part in Tab navigation
//! (`bevy_input_focus`), show a visible outline when focused, and press on Enter or Space.

use bevy::input_focus::tab_navigation::{TabGroup, TabIndex};
use bevy::input_focus::{InputFocus, InputFocusVisible};
use bevy::prelude::*;

use super::{Press, ScreenRoot, Shortcut, UiCommand};

// Colours: dark text on light panels and white on the button blues, every pair at least 4.5:1
// (WCAG AA); `tests/it/ui.rs` checks the ratios. Nothing is shown by colour alone: chosen
// options carry a marker, risk carries a word.
pub const INK: Color = Color::srgb(0.09, 0.09, 0.12);
pub const MUTED: Color = Color::srgb(0.27, 0.27, 0.33);
pub const PAGE: Color = Color::srgb(0.93, 0.94, 0.96);
pub const PANEL: Color = Color::srgb(1.0, 1.0, 1.0);
pub const BUTTON: Color = Color::srgb(0.12, 0.31, 0.61);
pub const CHOSEN: Color = Color::srgb(0.04, 0.18, 0.38);
pub const BUTTON_TEXT: Color = Color::srgb(1.0, 1.0, 1.0);
pub const BAD: Color = Color::srgb(0.63, 0.11, 0.11);
pub const GOOD: Color = Color::srgb(0.04, 0.42, 0.23);
pub const FOCUS: Color = Color::srgb(0.72, 0.29, 0.0);

/// Every foreground/background pair the screens use, for the contrast test (the focus
/// outline is held to the text standard, above the 3:1 WCAG asks of it).
pub const PAIRS: [(Color, Color); 11] = [
    (FOCUS, PAGE),
    (FOCUS, PANEL),
    (INK, PANEL),
    (MUTED, PANEL),
    (BAD, PANEL),
    (GOOD, PANEL),
    (INK, PAGE),
    (MUTED, PAGE),
    (BUTTON_TEXT, BUTTON),
    (BUTTON_TEXT, CHOSEN),
    (BUTTON_TEXT, BAD),
];

pub const DIGITS: [KeyCode; 9] = [
    KeyCode::Digit1,
    KeyCode::Digit2,
    KeyCode::Digit3,
    KeyCode::Digit4,
    KeyCode::Digit5,
    KeyCode::Digit6,
    KeyCode::Digit7,
    KeyCode::Digit8,
    KeyCode::Digit9,
];

/// The bold face headings are set in (the window inserts it; without it, headings use the
/// default font at their size).
#[derive(Resource, Clone)]
pub struct HeadingFont(pub Handle<Font>);

/// A screen as a list of blocks in columns.
#[derive(Default)]
pub struct Ui {
    columns: Vec<Vec<Block>>,
    /// Columns given more room than the others.
    wide: Vec<usize>,
    keys: usize,
    /// Buttons gathered into a row that wraps, while one is open.
    row: Option<Vec<Block>>,
}

pub enum Block {
    Heading(String, f32),
    Text(String, Color),
    Button(String, UiCommand, Option<KeyCode>),
    /// A row of options, one of them (or none) chosen.
    Choices(Vec<(String, UiCommand, bool)>),
    /// Buttons side by side, wrapping onto more lines as needed.
    Row(Vec<Block>),
}

/// A column of a screen, numbered from the left; it scrolls.
#[derive(Component)]
pub struct Column(pub usize);

impl Ui {
    fn col(&mut self) -> &mut Vec<Block> {
        if let Some(row) = self.row.as_mut() {
            return row;
        }
        if self.columns.is_empty() {
            self.columns.push(Vec::new());
        }
        self.columns.last_mut().expect("one column")
    }
    pub fn new_col(&mut self) {
        self.end_row();
        self.columns.push(Vec::new());
    }
    /// Gives the current column half as much room again as the others.
    pub fn wide(&mut self) {
        self.wide.push(self.columns.len().saturating_sub(1));
    }
    /// Buttons from here until [`Ui::end_row`] sit side by side.
    pub fn start_row(&mut self) {
        self.end_row();
        self.row = Some(Vec::new());
    }
    pub fn end_row(&mut self) {
        if let Some(row) = self.row.take()
            && !row.is_empty()
        {
            self.col().push(Block::Row(row));
        }
    }
    pub fn h(&mut self, t: impl Into<String>, size: f32) {
        self.col().push(Block::Heading(t.into(), size));
    }
    pub fn t(&mut self, t: impl Into<String>) {
        self.col().push(Block::Text(t.into(), INK));
    }
    pub fn muted(&mut self, t: impl Into<String>) {
        self.col().push(Block::Text(t.into(), MUTED));
    }
    pub fn coloured(&mut self, t: impl Into<String>, c: Color) {
        self.col().push(Block::Text(t.into(), c));
    }
    /// A button with the next number key as its shortcut (while there are numbers left).
    pub fn b(&mut self, label: impl Into<String>, cmd: UiCommand) {
        let key = DIGITS.get(self.keys).copied();
        self.keys += 1;
        let label = label.into();
        let label = match key {
            Some(k) => format!("[{}] {label}", key_name(k)),
            None => label,
        };
        self.col().push(Block::Button(label, cmd, key));
    }
    /// A button with no key of its own (reachable by Tab and by mouse).
    pub fn plain(&mut self, label: impl Into<String>, cmd: UiCommand) {
        self.col().push(Block::Button(label.into(), cmd, None));
    }
    /// A button with a letter shortcut.
    pub fn bk(&mut self, label: &str, cmd: UiCommand, key: KeyCode, name: char) {
        self.col()
            .push(Block::Button(format!("[{name}] {label}"), cmd, Some(key)));
    }
    /// A row of options; the chosen one is marked in words as well as colour.
    pub fn choices(&mut self, options: Vec<(String, UiCommand, bool)>) {
        self.col().push(Block::Choices(options));
    }

    /// Spawns the screen; returns its buttons in reading (and Tab) order.
    pub fn spawn(mut self, world: &mut World) -> Vec<Entity> {
        self.end_row();
        let mut buttons = Vec::new();
        let root = world
            .spawn((
                ScreenRoot,
                TabGroup::new(0),
                Node {
                    width: percent(100),
                    height: percent(100),
                    flex_direction: FlexDirection::Row,
                    column_gap: px(14),
                    padding: UiRect::all(px(14)),
                    ..default()
                },
                BackgroundColor(PAGE),
            ))
            .id();
        for (i, col) in self.columns.into_iter().enumerate() {
            let c = world
                .spawn((
                    Column(i),
                    Node {
                        flex_direction: FlexDirection::Column,
                        row_gap: px(6),
                        padding: UiRect::all(px(12)),
                        flex_basis: px(0),
                        flex_grow: if self.wide.contains(&i) { 1.5 } else { 1.0 },
                        overflow: Overflow::scroll_y(),
                        ..default()
                    },
                    ScrollPosition::default(),
                    bevy::ui::RelativeCursorPosition::default(),
                    BackgroundColor(PANEL),
                    ChildOf(root),
                ))
                .id();
            spawn_blocks(world, c, col, &mut buttons);
        }
        buttons
    }
}

fn spawn_blocks(world: &mut World, c: Entity, blocks: Vec<Block>, buttons: &mut Vec<Entity>) {
    {
        {
            for b in blocks {
                match b {
                    Block::Heading(t, size) => {
                        let font = match world.get_resource::<HeadingFont>() {
                            Some(h) => TextFont::from_font_size(size).with_font(h.0.clone()),
                            None => TextFont::from_font_size(size),
                        };
                        world.spawn((Text::new(drawable(&t)), font, TextColor(INK), ChildOf(c)));
                    }
                    Block::Text(t, colour) => {
                        world.spawn((
                            Text::new(drawable(&t)),
                            TextFont::from_font_size(17.0),
                            TextColor(colour),
                            ChildOf(c),
                        ));
                    }
                    Block::Button(label, cmd, key) => {
                        let id = button(world, c, label, cmd, BUTTON);
                        buttons.push(id);
                        if let Some(k) = key {
                            world.entity_mut(id).insert(Shortcut(k));
                        }
                    }
                    Block::Choices(options) => {
                        let row = wrapping_row(world, c);
                        for (label, cmd, chosen) in options {
                            let (label, bg) = if chosen {
                                (format!("{} {label}", super::strings::CHOSEN_MARK), CHOSEN)
                            } else {
                                (format!("{} {label}", super::strings::UNCHOSEN_MARK), BUTTON)
                            };
                            buttons.push(button(world, row, label, cmd, bg));
                        }
                    }
                    Block::Row(items) => {
                        let row = wrapping_row(world, c);
                        spawn_blocks(world, row, items, buttons);
                    }
                }
            }
        }
    }
}

/// A row whose children sit side by side and wrap onto more lines.
fn wrapping_row(world: &mut World, parent: Entity) -> Entity {
    world
        .spawn((
            Node {
                flex_direction: FlexDirection::Row,
                flex_wrap: FlexWrap::Wrap,
                column_gap: px(6),
                row_gap: px(6),
                ..default()
            },
            ChildOf(parent),
        ))
        .id()
}

fn button(world: &mut World, parent: Entity, label: String, cmd: UiCommand, bg: Color) -> Entity {
    let id = world
        .spawn((
            Button,
            Press(cmd),
            TabIndex(0),
            Node {
                padding: UiRect::axes(px(8), px(4)),
                align_self: AlignSelf::FlexStart,
                max_width: percent(100),
                ..default()
            },
            BackgroundColor(bg),
            ChildOf(parent),
        ))
        .id();
    world.spawn((
        Text::new(drawable(&label)),
        TextFont::from_font_size(16.0),
        TextColor(BUTTON_TEXT),
        ChildOf(id),
    ));
    id
}

/// Text the window's font can draw. Atkinson Hyperlegible has the typographic punctuation
/// the text uses (curly quotes, dashes, the ellipsis, `£`, `×`, `≥`); the few symbols it lacks
/// become plain equivalents.
pub fn drawable(t: &str) -> String {
    let mut out = String::with_capacity(t.len());
    for c in t.chars() {
        match c {
            '\u{2192}' => out.push_str("->"),
            '\u{2190}' => out.push_str("<-"),
            c => out.push(c),
        }
    }
    out
}

pub fn key_name(k: KeyCode) -> char {
    DIGITS
        .iter()
        .position(|d| *d == k)
        .map_or('?', |i| char::from(b'1' + i as u8))
}

/// Draws a thick outline round the focused button while the keyboard is in use.
pub fn show_focus(
    focus: Option<Res<InputFocus>>,
    visible: Option<Res<InputFocusVisible>>,
    buttons: Query<(Entity, Option<&Outline>), With<Press>>,
    mut commands: Commands,
) {
    let focused = focus.and_then(|f| f.get());
    let visible = visible.is_some_and(|v| v.0);
    for (e, outline) in &buttons {
        let want = visible && Some(e) == focused;
        match (want, outline.is_some()) {
            (true, false) => {
                commands.entity(e).insert(Outline::new(px(4), px(2), FOCUS));
            }
            (false, true) => {
                commands.entity(e).remove::<Outline>();
            }
            _ => {}
        }
    }
}

/// Enter or Space presses the focused button.
pub fn press_focused(
    keys: Option<Res<ButtonInput<KeyCode>>>,
    focus: Option<Res<InputFocus>>,
    buttons: Query<&Press>,
    mut out: MessageWriter<UiCommand>,
) {
    let (Some(keys), Some(focus)) = (keys, focus) else {
        return;
    };
    if !keys.any_just_pressed([KeyCode::Enter, KeyCode::NumpadEnter, KeyCode::Space]) {
        return;
    }
    if let Some(p) = focus.get().and_then(|e| buttons.get(e).ok()) {
        out.write(p.0.clone());
    }
}

/// WCAG 2 contrast ratio between two colours.
pub fn contrast(a: Color, b: Color) -> f32 {
    fn lum(c: Color) -> f32 {
        let c = c.to_linear();
        0.2126 * c.red + 0.7152 * c.green + 0.0722 * c.blue
    }
    let (x, y) = (lum(a), lum(b));
    (x.max(y) + 0.05) / (x.min(y) + 0.05)
}

/// The mouse wheel scrolls the column under the pointer.
pub fn scroll_columns(
    mut wheel: MessageReader<bevy::input::mouse::MouseWheel>,
    mut columns: Query<(&bevy::ui::RelativeCursorPosition, &mut ScrollPosition), With<Column>>,
) {
    use bevy::input::mouse::MouseScrollUnit;
    for ev in wheel.read() {
        let dy = match ev.unit {
            MouseScrollUnit::Line => ev.y * 40.0,
            MouseScrollUnit::Pixel => ev.y,
        };
        for (cursor, mut pos) in &mut columns {
            if cursor.cursor_over() {
                pos.y = (pos.y - dy).max(0.0);
            }
        }
    }
}

/// Scrolls a column so the focused button is in view when the keyboard moves focus.
pub fn scroll_to_focus(
    focus: Option<Res<InputFocus>>,
    visible: Option<Res<InputFocusVisible>>,
    parents: Query<&ChildOf>,
    nodes: Query<(&ComputedNode, &bevy::ui::UiGlobalTransform)>,
    mut columns: Query<
        (
            &ComputedNode,
            &bevy::ui::UiGlobalTransform,
            &mut ScrollPosition,
        ),
        With<Column>,
    >,
    mut last: Local<Option<Entity>>,
) {
    let Some(focused) = focus.and_then(|f| f.get()) else {
        return;
    };
    if !visible.is_some_and(|v| v.0) || *last == Some(focused) {
        return;
    }
    let Ok((node, at)) = nodes.get(focused) else {
        return;
    };
    if node.size().y <= 0.0 {
        return; // Not laid out yet: try again next frame.
    }
    *last = Some(focused);
    let column = parents
        .iter_ancestors(focused)
        .find(|e| columns.contains(*e));
    let Some((col_node, col_at, mut pos)) = column.and_then(|c| columns.get_mut(c).ok()) else {
        return;
    };
    let half = node.size().y / 2.0;
    let (top, bottom) = (at.translation.y - half, at.translation.y + half);
    let col_half = col_node.size().y / 2.0;
    let (col_top, col_bottom) = (
        col_at.translation.y - col_half,
        col_at.translation.y + col_half,
    );
    let to_logical = col_node.inverse_scale_factor();
    if bottom > col_bottom {
        pos.y += (bottom - col_bottom + 12.0) * to_logical;
    } else if top < col_top {
        pos.y = (pos.y - (col_top - top + 12.0) * to_logical).max(0.0);
    }
}

/// A screen sliding in: seconds since it appeared.
#[derive(Component, Default)]
pub struct Appear(pub f32);

/// How long a new screen takes to slide in, and from how far (logical pixels).
const APPEAR_SECS: f32 = 0.18;
const APPEAR_FROM: f32 = 28.0;

/// Slides new screens in from the right, easing out; then leaves them be.
pub fn appear(
    time: Res<Time<Real>>,
    mut screens: Query<(Entity, &mut Node, &mut Appear)>,
    mut commands: Commands,
) {
    for (e, mut node, mut a) in &mut screens {
        a.0 += time.delta_secs();
        let t = (a.0 / APPEAR_SECS).min(1.0);
        let eased = 1.0 - (1.0 - t) * (1.0 - t);
        node.left = px(APPEAR_FROM * (1.0 - eased));
        if t >= 1.0 {
            node.left = Val::Auto;
            commands.entity(e).remove::<Appear>();
        }
    }
}
