//! Every player-facing string the window shows that does not come from the scenario, in one
//! table, ready for translation. Screens use these and never write text of their own.

pub const GAME_NAME: &str = "Joined Up";
pub const PURPOSE: &str =
    "A GP and a social worker, one caseload: work it out together, not over the wall.";
pub const HOW_TO_PLAY: &[&str] = &[
    "You play a GP or a social worker; a colleague (a classmate, or the computer) plays the other.",
    "Each half-day you have a few hours. Spend them finding out, getting in touch, and acting.",
    "The score follows how you work together: context with every request, answers that close \
     the loop, joint visits, meetings with owned actions, and crises prevented. Passing a \
     problem over the wall costs points.",
];
pub const START: &str = "Start";
pub const QUIT: &str = "Quit";
pub const SAVE_AND_QUIT: &str = "Save and quit";
pub const CHOOSE_SCENARIO: &str = "Choose a case";
pub const MINUTES_OF_PLAY: &str = "minutes";
pub const TEACHES: &str = "Teaches";
pub const NO_SCENARIOS: &str = "No cases found. Put scenario files in the scenarios folder, or in .joined-up/scenarios in your home folder.";
pub const BROKEN_SCENARIO: &str = "This case has errors and cannot be played:";
pub const CHOOSE_ROLE: &str = "Who will you play?";
pub const SOLO_AS_GP: &str = "Solo, as the GP (the computer plays the social worker)";
pub const SOLO_AS_SW: &str = "Solo, as the social worker (the computer plays the GP)";
pub const HOTSEAT: &str = "Hotseat: two players, one machine, taking turns";
pub const SETTING: &str = "Borough";
pub const AS_WRITTEN: &str = "as written";
pub const SETTING_HINT: &str =
    "Play the same case in a walled and an integrated borough to see what the system changes.";
pub const BRIEFING: &str = "Briefing";
pub const OBJECTIVES: &str = "Learning objectives";
pub const BEGIN: &str = "Begin";
pub const BRIEF_NEXT: &str = "Done: hand over for the social worker's briefing";
pub const YOUR_CASELOAD: &str = "Your caseload";
pub const YOUR_WEEK: &str = "Your fixed commitments";
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
pub const ACT: &str = "Meet it yourself";
pub const COMMISSION: &str = "Commission care...";
pub const SAFEGUARD: &str = "Raise a safeguarding concern";
pub const OPEN_ENQUIRY: &str = "Open a section 42 enquiry";
pub const ASK_WISHES: &str = "Ask what they want to happen";
pub const CONCERN_RAISED: &str = "safeguarding concern raised";
pub const ENQUIRY_OPEN: &str = "section 42 enquiry open";
pub const DECISIONS: &str = "Decisions they face";
pub const CONSENT_UNSURE: &str =
    "Asked about sharing, they were unsure and want to know who will see what: ask again later.";
pub const NOT_SHARED_WITH: &str = "They do not want their information shared with:";
pub const CHC_CHECKLIST: &str = "NHS continuing healthcare checklist";
pub const FAST_TRACK: &str = "Fast-track tool (end of life)";
pub const CHC: &str = "NHS continuing healthcare";
pub const CHC_NOT_SCREENED: &str = "not screened";
pub const CHC_NEGATIVE: &str = "checklist negative";
pub const CHC_AWAITING: &str = "checklist positive; full assessment under way";
pub const CHC_FUNDED: &str = "eligible: the NHS funds their care";
pub const ASSESS_CAPACITY: &str = "Assess capacity for this";
pub const BEST_INTERESTS: &str = "Best-interests decision";
pub const SAYS_NO: &str = "they say no";
pub const PRESUMED_ABLE: &str = "presumed able to decide";
pub const HAS_CAPACITY: &str = "assessed: able to decide";
pub const LACKS_CAPACITY: &str = "assessed: unable to decide this now";
pub const CONSULTED: &str = "those close consulted";
pub const BEST_INTERESTS_MADE: &str = "best-interests decision made";
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
pub const TIMELINE: &str = "Timeline";
pub const INSTRUMENT_NOT_USED: &str =
    "The self-assessment file has a problem, so the game's own statements are used:";
pub const TAB_REACTIONS: &str = "1 Reactions: what happened";
pub const TAB_ANALYSIS: &str = "2 Analysis: why";
pub const TAB_KNOWLEDGE: &str = "Who knew what, when";
pub const TAB_TIMELINE: &str = "Timeline: who did what";
pub const TAB_APPLICATION: &str = "3 Application: what now";
pub const REACTIONS_LEAD: &str = "Start here, before the score: let each person say how it went.";
pub const WHAT_HAPPENED: &str = "What happened";
pub const ASK_FIRST: &str = "Ask first";
pub const MOMENTS: &str = "The moments that mattered";
pub const NO_MOMENTS: &str = "Nothing stood out: no crisis, no long gap, no large swing.";
pub const ASK: &str = "Ask:";
pub const VIEW_TEAM: &str = "Both of us";
pub const ROLE_PART: &str = "Your part";
pub const BEST_MOMENTS: &str = "Best moments";
pub const COSTLIEST: &str = "Costliest moments";
pub const WENT_WITHOUT: &str = "Went without";
pub const FROM_THE_AUTHOR: &str = "From the case's author";
pub const KNOWLEDGE_LEAD: &str =
    "Every fact a need depended on: when each of you learned it, and when each needed it.";
pub const NO_KNOWLEDGE: &str =
    "No fact a need depended on had to travel between you in this session.";
pub const GAP: &str = "gap";
pub const INTO_PRACTICE: &str = "Taking it into practice";
pub const SELF_ASSESSMENT: &str = "Self-assessment";
pub const BEFORE_YOU_START: &str = "Before you start: how do you work now?";
pub const AFTER_DEBRIEF: &str = "Now, after the debrief";
pub const LOOKING_BACK: &str = "Looking back: how would you have answered before?";
pub const OPTIONAL: &str = "Optional: your answers are kept with the session file.";
pub const WHOSE_ASSESSMENT: &str = "Whose self-assessment?";
pub const MEANS: &str = "Your means by domain (before, after):";
pub const BOROUGH_EVENTS: &str = "what happened around them";
pub const SAVE_REPORT: &str = "Save the report and the session file";
pub const DOWNLOAD_REPORT: &str = "Download the report (HTML)";
pub const DOWNLOAD_SESSION: &str = "Download the session file";
pub const DOWNLOADED: &str = "Offered for download:";
pub const SAVED_TO: &str = "Saved to";
pub const REFUSED: &str = "Not possible";
pub const SHORTCUTS: &str = "Keys: the number or letter in [brackets] presses a button; Tab moves between buttons and Enter presses; Esc goes back or pauses; + and - resize the text.";
pub const DIRECTORY: &str = "Directory";
pub const LOOK_UP: &str = "Check details";
pub const OUT_OF_DATE: &str = "(out of date)";

pub const HALF_DAY: &str = "half-day";
pub const RELATIONSHIP: &str = "Working relationship with the other sector";
pub const HAS_SHARED_RECORD: &str = "shared record";
pub const HAS_POOLED_BUDGET: &str = "pooled budget";
pub const HAS_LINK_WORKER: &str = "named liaison";
pub const HAS_HUDDLE: &str = "daily huddle (afternoons)";
pub const BUDGET_LEFT: &str = "Care budget left";
pub const ATTEND_HUDDLE: &str = "Join the huddle";
pub const NO_OPEN_NEEDS: &str = "no open needs known";
pub const NEW_MESSAGE: &str = "New message";
pub const NOTHING_YET: &str = "Nothing yet.";
pub const DIARY: &str = "Diary";
pub const DIARY_EMPTY: &str = "Nothing booked.";
pub const YOU_ARE_THERE: &str = "you are there";
pub const MDT: &str = "MDT meeting";
pub const ON_AGENDA: &str = "on the agenda";
pub const JOINT_VISIT_WITH: &str = "joint visit to";
pub const NOW: &str = "NOW:";
pub const NEW: &str = "NEW";
pub const YOU: &str = "you";
pub const CONSENT_GIVEN: &str = "agreed to sharing";
pub const CONSENT_REFUSED: &str =
    "objects to sharing: sensitive details only for a safeguarding concern";
pub const CONSENT_UNKNOWN: &str = "no objection known: those caring for them may share what the \
    other needs; ask before sharing beyond their care";
pub const JOINT_VISIT: &str = "Joint visit, if your colleague comes too";
pub const RECORD_NOTE: &str = "Write what I know in the shared record";
pub const WRITE_ABOUT: &str = "Write a message about this patient";
pub const NOTHING_KNOWN: &str = "Nothing yet.";
pub const SENSITIVE: &str = " (sensitive)";
pub const REFER: &str = "Write to someone about this need";
pub const CARE_PLAN: &str = "Care plan";
pub const PLAN_AGREED: &str = "Agreed by both of you.";
pub const PLAN_AWAITING: &str = "You proposed it; waiting for your colleague to agree.";
pub const PLAN_PROPOSED_BY: &str = "Proposed by the";
pub const AGREE_PLAN: &str = "Agree this plan";
pub const NO_PLAN: &str = "No plan yet.";
pub const PROPOSE_PLAN: &str = "Propose a plan";
pub const NO_CONTEXT: &str = "No context given";
pub const ACKNOWLEDGE: &str = "Acknowledge";
pub const ANSWERED: &str = "answered";
pub const ANSWER_CAME: &str = "Answered:";
pub const DELIVERED: &str = "Delivered";
pub const NO_ANSWER_YET: &str = "no answer yet";
pub const ON_ITS_WAY: &str = "Sent, on its way";
pub const OUTBOX: &str = "Sent";
pub const NOTHING_SENT: &str = "Nothing sent yet.";
pub const TO: &str = "to";
pub const AT_ONCE: &str = "arrives at once";
pub const AFTER: &str = "arrives after";
pub const HALF_DAYS: &str = "half-days";
pub const PICKED_UP: &str = "picked up";
pub const ARRIVES: &str = "arrive";
pub const SECURE: &str = "secure";
pub const NOT_SECURE: &str = "NOT secure for sensitive details";
pub const ABOUT: &str = "About";
pub const TO_WHOM: &str = "To (from your directory; (!) marks details you know are out of date):";
pub const BY: &str = "By:";
pub const NO_CHANNEL: &str = "This contact cannot be reached by any channel here.";
pub const TONE: &str = "Tone:";
pub const RESPECTFUL: &str = "respectful, explains why";
pub const NEUTRAL: &str = "neutral";
pub const DISMISSIVE: &str = "curt: over to you";
pub const CONTEXT: &str = "Background: which facts go with it? (choose each one)";
pub const NOTHING_TO_ATTACH: &str = "You know nothing about this patient to attach yet.";
pub const SENSITIVE_MARK: &str = "SENSITIVE";
pub const CONSENT_LINE: &str = "The patient's consent to share:";
pub const CHANNEL_SECURE: &str = "The channel you chose is secure.";
pub const CHANNEL_NOT_SECURE: &str = "The channel you chose is NOT secure for sensitive details.";
pub const ASKING: &str = "Recommendation: what are you asking them to do?";
pub const ASSESSING: &str = "Assessment: what do you make of it? (optional)";
pub const ABOUT_NEED: &str = "Situation: which of their needs is it about?";
pub const NO_PARTICULAR_NEED: &str = "the patient generally";
pub const ANSWERING: &str = "Your answer:";
pub const POINT_TO: &str = "Point them to someone who can help? (optional)";
pub const NOBODY_TO_POINT: &str = "no one";
pub const REPLY: &str = "Reply";
pub const REPLYING_TO: &str = "Reply to";
pub const NEW_NOTE: &str = "Note in the shared record";
pub const RECORD: &str = "Record it";
pub const SBAR_S: &str = "Situation:";
pub const SBAR_B: &str = "Background:";
pub const SBAR_A: &str = "Assessment:";
pub const SBAR_R: &str = "Recommendation:";
pub const STILL_TO_CHOOSE: &str = "Still to choose:";
pub const WHICH_PACKAGE: &str =
    "Which care package? (the budget pays; it must be one that meets this need)";
pub const DRAFT_PLAN: &str = "Draft a care plan: choose an owner for each need";
pub const PLAN_OWNERS: &str = "Who owns each open need?";
pub const PARTNER: &str = "Your computer colleague:";
pub const SEND: &str = "Send";
pub const CANCEL: &str = "Cancel";
pub const CHOOSE_RECIPIENT: &str = "who it goes to";
pub const CHOOSE_CHANNEL: &str = "how to send it";
pub const CHOOSE_TONE: &str = "the tone";
pub const CHOOSE_ASK: &str = "what you are asking";
pub const CHOOSE_ANSWER: &str = "your answer";
pub const CHOOSE_FACTS: &str = "at least one fact";
pub const SENT: &str = "Sent.";
pub const DONE: &str = "Done:";
pub const PAUSED: &str = "Paused";
pub const RESUME: &str = "Back to the game";
pub const SAVE_SESSION: &str = "Save this session to finish later";
pub const QUIT_TO_TITLE: &str = "Leave to the title screen (unsaved play is lost)";
pub const CONTINUE_SAVED: &str = "Continue a saved session";
pub const INTERRUPTED: &str =
    "A session was interrupted (the game closed without saving). Its journal kept it:";
pub const LAST_ACTION_LOST: &str =
    "Carried on from the journal; the very last action, in flight when the game stopped, was lost.";
pub const RECOVERED: &str = "Carried on from the journal, exactly where the game stopped.";
pub const NO_JOURNAL: &str = "The session is not being journalled, so a crash would lose it:";
pub const SAVED_SESSIONS: &str = "Saved sessions";
pub const NO_SAVED: &str = "No saved sessions in the joined-up-sessions folder.";
pub const CANNOT_RESUME: &str = "Cannot continue this session";
pub const PLAY_AGAIN: &str = "Play this case again";
pub const TO_TITLE: &str = "Title screen";
pub const PAUSE_HINT: &str = "Esc pauses; Tab moves between buttons, Enter presses.";
pub const SCENARIO_RELOADED: &str = "reloaded after an edit";
pub const CASE_UNAVAILABLE: &str = "This case cannot be played: it has errors or is missing.";
pub const NO_SUCH_SETTING: &str = "This case has no borough setting called";
pub const NO_SESSION: &str = "Not saved: no session is being played.";
pub const COULD_NOT_SAVE: &str = "Could not save";
pub const CHOSEN_MARK: &str = "(x)";
pub const UNCHOSEN_MARK: &str = "( )";
pub const KNOWN_STALE_MARK: &str = "(!)";

pub const UNREADABLE: &str = "(cannot be read)";
pub const FINISHED_SESSION: &str =
    "is a finished session: open its report, or check it with `joined-up replay`";
pub const COMPUTERS_ONLY: &str =
    "was played by two computer players; re-run it with `joined-up replay`";

/// A saved session in the list.
pub fn saved_label(
    title: &str,
    setting: &str,
    actions: usize,
    finished: bool,
    file: &str,
) -> String {
    let done = if finished { ", finished" } else { "" };
    format!("{title} ({setting}, {actions} actions{done}) - {file}")
}

/// A session a crash interrupted, on the title screen.
pub fn interrupted_label(title: &str, actions: usize, started: &str) -> String {
    let when = started.get(..16).unwrap_or(started).replace('T', " ");
    format!("Carry on: {title}, interrupted after {actions} actions (begun {when} UTC)")
}

/// Why a saved session's case cannot be found.
pub fn case_gone(id: &str, version: &str) -> String {
    format!(
        "the case it was played with ({id}, version {version}) is no longer in the scenarios \
         folder; it may have been edited since"
    )
}

/// Where a session and its report were saved.
pub fn saved_as(dir: &str, stem: &str) -> String {
    format!("{dir}/{stem}.html and {stem}.session.ron")
}

/// The computer colleague's temperament, as the setup screen offers it.
pub fn temperament(k: crate::bots::PolicyKind) -> &'static str {
    use crate::bots::PolicyKind::*;
    match k {
        Collaborative => "collaborative: answers promptly, works with you",
        Stretched => "stretched: short of time, slow to answer",
        Defensive => "defensive: sends work back unless you explain it, warms up as trust grows",
        Siloed => "siloed",
        PoliteSiloed => "polite but siloed",
        Gamer => "gamer",
        Random => "random",
    }
}

/// The composer's words for an assessment.
pub fn assessment(a: super::compose::Assessment) -> &'static str {
    use super::compose::Assessment::*;
    match a {
        Worsening => "I think it is getting worse.",
        Unsafe => "I am worried about their safety.",
        Stable => "It is stable, but it needs attention.",
        Unsure => "I am not sure whose this is to meet.",
        NeedsBoth => "I think this needs both of us.",
    }
}

/// The composer's name for an answer.
pub fn answer_choice(a: super::compose::AnswerChoice) -> &'static str {
    use super::compose::AnswerChoice::*;
    match a {
        Accept => "yes: I will take this on / I will come / agreed",
        Decline => "no",
        Acknowledge => "received; I will look at it",
        Information => "here is what I know",
        Done => "it is done (report the outcome)",
    }
}

/// The composer's name for an ask.
pub fn ask_choice(a: super::compose::AskChoice) -> &'static str {
    use super::compose::AskChoice::*;
    match a {
        Nothing => "nothing, just so you know",
        TakeOn => "please take this on",
        Assess => "please assess the patient",
        Information => "please tell me what you know",
        JointVisit => "shall we visit together",
        Liaison => "shall we name a liaison in each team",
        Huddle => "shall we hold a daily huddle",
    }
}

/// A half-day in words: "Day 2 afternoon".
pub fn when(slot: crate::sim::Slot) -> String {
    format!("Day {} {}", slot.day(), half(slot.half()))
}

/// How much context came with a message.
pub fn facts_attached(n: usize) -> String {
    match n {
        1 => "1 fact attached".to_owned(),
        n => format!("{n} facts attached"),
    }
}

/// A button's label with what it costs in minutes: "Assess (40 min)".
pub fn costs(label: &str, minutes: u32) -> String {
    format!("{label} ({minutes} min)")
}

/// A domain's points: "Communication: +3 (earned 5, lost 2)".
pub fn domain_points(label: &str, points: i32, gained: i32, lost: i32) -> String {
    format!(
        "{label}: {points:+} (earned {}, lost {})",
        gained.unsigned_abs(),
        lost.unsigned_abs()
    )
}

/// How often a barrier came up: "Logistical issues (met 3 times)".
pub fn met_times(barrier: &str, n: usize) -> String {
    match n {
        1 => format!("{barrier} (met once)"),
        n => format!("{barrier} (met {n} times)"),
    }
}

/// A fixed commitment in words: "Morning surgery, mornings, 3 h" or "..., day 2 afternoon".
pub fn commitment(what: &str, hours: f32, h: crate::scenario::Half, days: &[u32]) -> String {
    let when = match (days, h) {
        ([], crate::scenario::Half::Am) => "every morning".to_owned(),
        ([], crate::scenario::Half::Pm) => "every afternoon".to_owned(),
        (days, h) => format!(
            "day {} {}",
            days.iter()
                .map(u32::to_string)
                .collect::<Vec<_>>()
                .join(", "),
            half(h)
        ),
    };
    format!("{what}, {when}, {hours} h")
}

/// "of N" after a count.
pub fn of(n: u32) -> String {
    format!("of {n}")
}

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

// LAN play.
pub const JOIN_LAN: &str = "Join a session on this network";
pub const HOST_LAN: &str =
    "Host this case on this network (a workshop: students join from their laptops)";
pub const LAN_ROOMS_TO_HOST: &str = "Rooms to host (a pair of students in each)";
pub const LAN_JOIN_TITLE: &str = "Join a session on this network";
pub const LAN_JOIN_HOW: &str = "The facilitator's screen shows the address to type. Choose your seat and your room, then connect.";
pub const LAN_ADDRESS: &str = "Address";
pub const LAN_TYPE_HINT: &str = "Type the numbers, dots and colon as shown (the part after the colon may be left off); Backspace deletes.";
pub const LAN_CONNECT: &str = "Connect";
pub const LAN_SEAT: &str = "Seat";
pub const LAN_ROOM: &str = "Room";
pub const LAN_ROOM_DOWN: &str = "Room: one lower";
pub const LAN_ROOM_UP: &str = "Room: one higher";
pub const LAN_ROOM_HINT: &str =
    "The facilitator tells each pair its room; rooms are numbered from 0.";
pub const LAN_BAD_ADDRESS: &str = "Not an address to connect to:";
pub const LAN_PORT_BUSY: &str =
    "Another program may be using the port: close it, or host from the command line with --port";
pub const LAN_THIS_LAPTOP: &str = "this laptop's address";
pub const LAN_NOT_JOINED: &str = "Not connected to a host.";
pub const LAN_JOIN_AGAIN: &str = "Join again";
pub const LAN_CONNECTING: &str = "Connecting to";
pub const LAN_NO_ANSWER: &str = "No answer yet. Check the address with the facilitator, that both laptops are on the same network, and that the firewall lets UDP port 7346 through.";
pub const LAN_REFUSED: &str = "The host did not give you that seat";
pub const LAN_LEAVE: &str = "Leave";
pub const LAN_LOST_HOST: &str = "The connection to the host was lost. Your seat is held for you: reconnect from this laptop to take it again.";
pub const LAN_RECONNECT: &str = "Reconnect";
pub const LAN_PAUSED: &str =
    "The facilitator has paused the room: choices wait until they resume it.";
pub const LAN_COLLEAGUE_AWAY: &str =
    "Your colleague has not joined yet, or has dropped out: their seat is held for them.";
pub const LAN_OVER: &str = "The session is over. Team score";
pub const LAN_HOST_SAVED: &str = "The host saved the session in";
pub const LAN_NOT_HOSTING: &str = "Not hosting.";
pub const LAN_FACILITATING: &str = "Facilitating";
pub const LAN_JOIN_AT: &str = "Students join at:";
pub const LAN_JOIN_AT_HOW: &str = "On each laptop: Joined Up, then Join a session on this network; type this address, choose a seat and the room.";
pub const LAN_ROOMS: &str = "Rooms";
pub const LAN_FINISHED: &str = "finished";
pub const LAN_IS_PAUSED: &str = "paused";
pub const LAN_CRISES: &str = "crises";
pub const LAN_STOP_HOSTING: &str = "Stop hosting (running rooms are kept in their journals)";
pub const LAN_NOW: &str = "Now";
pub const LAN_NEEDS_KNOWN: &str = "needs known";
pub const LAN_NEEDS_MET: &str = "met";
pub const LAN_SENT: &str = "sent";
pub const LAN_RECEIVED: &str = "received";
pub const LAN_ENDED_HALF_DAY: &str = "Has ended this half-day.";
pub const LAN_WHAT_YOU_MAY_DO: &str = "What you may do";
pub const LAN_ROOM_FINISHED: &str =
    "This room has finished. Its session file is saved on this laptop, in:";
pub const LAN_REPORT_BESIDE: &str = "Its debrief report is beside it (the same name, ending .report.html): open it in a browser to project the debrief, or run joined-up debrief on the session file.";
pub const LAN_PAUSE: &str = "Pause the room";
pub const LAN_RESUME: &str = "Resume the room";
pub const LAN_EVENTS: &str = "Bring an event forward";
pub const LAN_NO_EVENTS: &str = "This case offers no events to bring forward.";
pub const LAN_FIRE: &str = "Now";
pub const LAN_HAPPENED: &str = "Has happened";
pub const LAN_HINTS: &str = "Send a question";
pub const LAN_HINTS_HOW: &str = "From the case's guide. It reaches one profession, among what they have been told; the debrief marks it.";
pub const LAN_TO: &str = "To the";
pub const LAN_SEATS: &str = "Seats";
pub const LAN_RELEASE: &str = "Free the seat of the";
pub const LAN_RELEASE_HOW: &str =
    "A seat whose player has gone is held for them; free it only if they are not coming back.";

/// A LAN seat, as the join screen names it.
pub fn seat(s: crate::net::SeatRequest) -> &'static str {
    match s {
        crate::net::SeatRequest::Gp => "GP",
        crate::net::SeatRequest::SocialWorker => "Social worker",
        crate::net::SeatRequest::Facilitator => "Facilitator (watch and guide)",
    }
}

/// A room the host took up again from the journal an earlier host left.
pub fn lan_carried_on(room: usize, kept: usize) -> String {
    format!(
        "Room {room} carried on where the last host stopped ({kept} choices kept). Students: Reconnect on your laptop to take your seat back."
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn domain_points_read_as_magnitudes() {
        assert_eq!(
            super::domain_points("Communication", 3, 5, -2),
            "Communication: +3 (earned 5, lost 2)"
        );
        assert_eq!(
            super::domain_points("Values and Ethics", 7, 7, 0),
            "Values and Ethics: +7 (earned 7, lost 0)"
        );
    }
}
