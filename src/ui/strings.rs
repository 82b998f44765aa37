//! Every player-facing string the window shows that does not come from the scenario, in one
//! table, ready for translation. Screens use these and never write text of their own.

pub const GAME_NAME: &str = "Joined Up";
pub const PURPOSE: &str =
    "A GP and a social worker, one caseload: work it out together, not over the wall.";
pub const START: &str = "Start";
pub const QUIT: &str = "Quit";
pub const CHOOSE_SCENARIO: &str = "Choose a case";
pub const MINUTES_OF_PLAY: &str = "minutes";
pub const TEACHES: &str = "Teaches";
pub const NO_SCENARIOS: &str =
    "No cases found. Put scenario files in the scenarios folder next to the game.";
pub const BROKEN_SCENARIO: &str = "This case has errors and cannot be played:";
pub const CHOOSE_ROLE: &str = "Who will you play?";
pub const SOLO_AS_GP: &str = "Solo, as the GP (the computer plays the social worker)";
pub const SOLO_AS_SW: &str = "Solo, as the social worker (the computer plays the GP)";
pub const HOTSEAT: &str = "Hotseat: two players, one machine, taking turns";
pub const SETTING: &str = "Borough";
pub const AS_WRITTEN: &str = "as written";
pub const BRIEFING: &str = "Briefing";
pub const OBJECTIVES: &str = "Learning objectives";
pub const BEGIN: &str = "Begin";
pub const BACK: &str = "Back";
pub const YOU_ARE: &str = "You are";
pub const MINUTES_LEFT: &str = "minutes left this half-day";
pub const END_TURN: &str = "End my half-day";
pub const WAITING_FOR_PARTNER: &str = "Waiting for your colleague to finish their half-day...";
pub const CASELOAD: &str = "Caseload";
pub const WHAT_YOU_KNOW: &str = "What you know";
pub const NEEDS: &str = "Needs";
pub const NO_NEEDS_SEEN: &str = "No needs noticed yet. Assess, visit or ask around.";
pub const OWNER: &str = "owner";
pub const NOBODY: &str = "nobody";
pub const MET: &str = "MET";
pub const IN_HAND: &str = "in hand";
pub const CONSENT: &str = "Consent to share";
pub const INBOX: &str = "Inbox";
pub const NOTHING_WAITING: &str = "Nothing waiting for an answer.";
pub const NOTICES: &str = "What has happened";
pub const ASSESS: &str = "Assess";
pub const HOME_VISIT: &str = "Home visit";
pub const ASK_AROUND: &str = "Ask around";
pub const ASK_CONSENT: &str = "Ask consent";
pub const PREPARE_MDT: &str = "Put on MDT agenda";
pub const ATTEND_MDT: &str = "Attend the MDT now";
pub const CLAIM: &str = "Take it on";
pub const ACT: &str = "Do it";
pub const COMMISSION: &str = "Commission";
pub const SAFEGUARD: &str = "Raise safeguarding";
pub const REFER_TO_COLLEAGUE: &str = "Refer to colleague with context";
pub const ASK_COLLEAGUE: &str = "Ask colleague what they know";
pub const ACCEPT: &str = "Accept";
pub const DECLINE: &str = "Decline";
pub const SHARE_INFO: &str = "Share what I know";
pub const REPORT_DONE: &str = "Report it done";
pub const HANDOVER: &str = "Hand over";
pub const HANDOVER_TEXT: &str =
    "Pass the keyboard to your colleague. Their screen shows only what their role knows.";
pub const CONTINUE: &str = "Continue";
pub const DEBRIEF: &str = "Debrief";
pub const TEAM_SCORE: &str = "Team score";
pub const CRISES: &str = "Crises";
pub const BARRIERS_MET: &str = "Barriers met";
pub const FOR_DISCUSSION: &str = "For discussion";
pub const SCORED_ITEMS: &str = "Every scored item";
pub const SAVE_REPORT: &str = "Save the report and the session file";
pub const SAVED_TO: &str = "Saved to";
pub const REFUSED: &str = "Not possible";
pub const SHORTCUTS: &str = "Keys: the number or letter in [brackets] presses a button; Esc goes back; + and - resize the text.";
pub const DIRECTORY: &str = "Directory";
pub const LOOK_UP: &str = "Check details";
pub const OUT_OF_DATE: &str = "(out of date)";

/// A risk level in words, never by colour alone.
pub fn urgency(u: crate::sim::view::Urgency) -> &'static str {
    use crate::sim::view::Urgency::*;
    match u {
        Settled => "settled",
        Stable => "stable",
        Worsening => "worsening",
        Urgent => "URGENT",
        Crisis => "CRISIS HAPPENED",
    }
}

pub fn half(h: crate::scenario::Half) -> &'static str {
    match h {
        crate::scenario::Half::Am => "morning",
        crate::scenario::Half::Pm => "afternoon",
    }
}
