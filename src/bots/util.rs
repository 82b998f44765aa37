//! What a computer player can work out from its view: routes, shareable facts, what it has
//! already asked.

use crate::scenario::{Channel, ChcRoute, Sector};
use crate::sim::view::{
    ChcView, ConsentView, ContactView, MailView, NeedView, PackageView, PatientView, Urgency,
};
use crate::sim::{Act, Ask, Framing, Outgoing, Party, Role, RoleView};

/// A working directory entry that reaches `party`.
pub fn contact_for<'a>(view: &'a RoleView, party: &Party) -> Option<&'a ContactView> {
    view.contacts_for(party).into_iter().next()
}

/// How to reach the other player: their direct details if known, otherwise the front door of
/// their sector.
pub fn route_to_other(view: &RoleView) -> Option<&ContactView> {
    let other = view.role.other();
    contact_for(view, &Party::Player(other)).or_else(|| {
        view.directory
            .iter()
            .find(|c| c.front_door && c.sector == other.sector() && !needs_checking(c))
    })
}

/// Whether the directory entry is known to be out of date and has not been checked.
pub fn needs_checking(c: &ContactView) -> bool {
    c.known_stale && !c.checked
}

/// Whether `to` is someone in the patient's direct care, as a professional would judge it: the
/// other profession (directly or through its front door), or a health or social-care service.
pub fn in_care(to: &ContactView) -> bool {
    to.reaches.player().is_some()
        || to.front_door
        || matches!(to.sector, Sector::Health | Sector::SocialCare)
}

/// Facts about the patient this role may share with `to` by a channel that is `secure` or not:
/// sensitive ones only by a secure channel, and only for the patient's care when they have not
/// objected, with their agreement, or (to health and social care) for a safeguarding concern.
pub fn shareable(view: &RoleView, p: &PatientView, to: &ContactView, secure: bool) -> Vec<String> {
    let care = in_care(to);
    let excluded = p.not_shared_with.contains(&to.sector);
    let basis = (!excluded
        && (p.consent == ConsentView::Given || (care && p.consent != ConsentView::Refused)))
        || (safeguarding_concern(p) && to.sector.safeguarding_partner());
    let may_share_sensitive = secure && basis;
    p.facts
        .iter()
        .filter(|f| !f.sensitive || may_share_sensitive)
        .map(|f| f.id.clone())
        .filter(|id| view.knows(id))
        .collect()
}

/// [`shareable`] with the other profession: always someone in the patient's care.
pub fn shareable_to_colleague(view: &RoleView, p: &PatientView, secure: bool) -> Vec<String> {
    let excluded = p.not_shared_with.contains(&other_sector(view));
    let may_share_sensitive =
        secure && ((p.consent != ConsentView::Refused && !excluded) || safeguarding_concern(p));
    p.facts
        .iter()
        .filter(|f| !f.sensitive || may_share_sensitive)
        .map(|f| f.id.clone())
        .filter(|id| view.knows(id))
        .collect()
}

/// The minimum necessary for a referral of `n`: the facts this role knows that bear on it,
/// sensitive ones only as [`shareable`] allows.
pub fn for_need(
    view: &RoleView,
    p: &PatientView,
    n: &NeedView,
    to: &ContactView,
    secure: bool,
) -> Vec<String> {
    let allowed = shareable(view, p, to, secure);
    n.bearing
        .iter()
        .filter(|f| allowed.contains(f))
        .cloned()
        .collect()
}

/// Whether this role will need to share something sensitive about `p` beyond the patient's
/// direct care (a need whose only known services are outside health and social care) and does
/// not yet know whether the patient agrees: time to ask. For direct care, implied consent
/// serves and nobody needs to ask.
pub fn should_ask_consent(view: &RoleView, p: &PatientView) -> bool {
    p.consent == ConsentView::Unknown
        && !p.consent_unsure
        && p.needs.iter().any(|n| {
            !n.met
                && n.bearing
                    .iter()
                    .any(|f| p.facts.iter().any(|x| &x.id == f && x.sensitive))
                && n.services.iter().any(|s| {
                    contact_for(view, &Party::Other(s.clone())).is_some_and(|c| !in_care(c))
                })
        })
}

pub fn safeguarding_concern(p: &PatientView) -> bool {
    p.needs.iter().any(|n| n.safeguarding)
}

pub fn has_sensitive(p: &PatientView) -> bool {
    p.facts.iter().any(|f| f.sensitive)
}

/// The channel to use with `c`: the phone first (instant and secure), then the shared record,
/// then email (or a letter, when it must be secure).
pub fn channels_for(view: &RoleView, c: &ContactView, need_secure: bool) -> Vec<Channel> {
    let mut out = Vec::new();
    for ch in [
        Channel::Phone,
        Channel::SharedRecord,
        Channel::Email,
        Channel::Letter,
    ] {
        if !c.channels.contains(&ch) {
            continue;
        }
        if ch == Channel::SharedRecord && !view.shared_record {
            continue;
        }
        if need_secure && ch == Channel::Email {
            continue;
        }
        out.push(ch);
    }
    out
}

/// Whether this role already sent (and did not lose track of) a message to `to` with this
/// need and ask.
pub fn already_sent(view: &RoleView, to: &Party, need: Option<&str>, ask: Option<&Ask>) -> bool {
    view.outbox
        .iter()
        .any(|m| &m.to == to && m.need.as_deref() == need && m.ask.as_ref() == ask)
}

/// Whether a message with this need and ask has gone anywhere (any recipient).
pub fn asked_anyone(view: &RoleView, need: &str, ask: &Ask) -> bool {
    view.outbox
        .iter()
        .any(|m| m.need.as_deref() == Some(need) && m.ask.as_ref() == Some(ask))
}

pub fn message(
    to: &ContactView,
    channel: Channel,
    patient: &str,
    need: Option<&str>,
    ask: Option<Ask>,
    facts: Vec<String>,
    framing: Framing,
    text: &str,
) -> Act {
    Act::Send(Outgoing {
        to: to.id.clone(),
        channel,
        patient: Some(patient.to_owned()),
        need: need.map(str::to_owned),
        ask,
        facts,
        framing,
        attach_plan: false,
        text: text.to_owned(),
    })
}

/// Open needs (not met, not being met), most urgent first.
pub fn open_needs(p: &PatientView) -> Vec<&NeedView> {
    let mut v: Vec<&NeedView> = p
        .needs
        .iter()
        .filter(|n| !n.met && !n.in_progress)
        .collect();
    v.sort_by_key(|n| std::cmp::Reverse(n.urgency));
    v
}

/// Requests from the other player still waiting for an answer.
pub fn unanswered_requests(view: &RoleView) -> Vec<&MailView> {
    view.inbox
        .iter()
        .filter(|m| m.ask.is_some() && !m.answered && m.from == Party::Player(view.role.other()))
        .collect()
}

/// The sector of the other player.
pub fn other_sector(view: &RoleView) -> Sector {
    view.role.other().sector()
}

/// The least time `act` can take, as far as this role can tell (an action may cost more once
/// tried: a stale number, an unanswered phone). `None` when the view cannot say.
pub fn least_minutes(view: &RoleView, act: &Act) -> Option<u32> {
    let c = &view.costs;
    let need = |id: &str| {
        view.patients
            .iter()
            .flat_map(|p| &p.needs)
            .find(|n| n.id == id)
    };
    Some(match act {
        Act::LookUp { .. } => c.look_up,
        Act::AskAround { .. } => c.ask_around,
        Act::AskConsent { .. } => c.ask_consent,
        Act::Assess { .. } => c.assess,
        Act::HomeVisit { .. } => c.home_visit,
        Act::JointVisit { .. } => c.joint_visit,
        Act::Send(o) => view.channel_cost(o.channel),
        Act::Reply(r) => view.channel_cost(r.channel),
        Act::RecordNote { .. } => c.record_note,
        Act::ClaimNeed { .. } => c.claim,
        Act::ActOnNeed { need: id } => need(id).and_then(|n| n.act_minutes).unwrap_or(c.act),
        Act::Commission { .. } => c.commission,
        Act::EscalateSafeguarding { .. } | Act::OpenEnquiry { .. } => c.safeguarding,
        Act::AskWishes { .. } => c.ask_around,
        Act::AssessCapacity { .. } => crate::sim::MODEL.other.capacity_minutes,
        Act::BestInterests { .. } => crate::sim::MODEL.other.best_interests_minutes,
        Act::ChcChecklist { .. } | Act::FastTrack { .. } => crate::sim::MODEL.other.chc_minutes,
        Act::ProposeCarePlan { .. } | Act::AcceptCarePlan { .. } => c.care_plan,
        Act::BookMdt { .. } => c.claim,
        Act::PrepareForMdt { .. } => c.prepare,
        Act::AttendMdt => view.mdt_now()?.minutes,
        Act::AttendHuddle => c.huddle,
        Act::EndTurn => 0,
    })
}

/// The next steps on a safeguarding need, as a professional who knows the pathway would take
/// them: anyone raises the concern on suspicion; social care (the local authority) opens the
/// enquiry once it knows enough; the person is asked what they want.
pub fn safeguarding_steps(view: &RoleView, p: &PatientView, n: &NeedView) -> Vec<Act> {
    let mut out = Vec::new();
    if !n.concern_raised {
        out.push(Act::EscalateSafeguarding { need: n.id.clone() });
    }
    let local_authority = view.role == crate::sim::Role::SocialWorker;
    if local_authority && n.concern_raised && !n.enquiry_open && n.informed {
        out.push(Act::OpenEnquiry { need: n.id.clone() });
    }
    if local_authority && n.concern_raised && !p.wishes_asked {
        out.push(Act::AskWishes {
            patient: p.id.clone(),
        });
    }
    // A concern from health goes with what health knows: the enquiry cannot start without it.
    if !local_authority
        && n.concern_raised
        && !already_sent(view, &Party::Player(view.role.other()), Some(&n.id), None)
        && let Some(route) = route_to_other(view)
    {
        let facts = for_need(view, p, n, route, true);
        if !facts.is_empty() {
            for ch in channels_for(view, route, true) {
                out.push(message(
                    route,
                    ch,
                    &p.id,
                    Some(&n.id),
                    None,
                    facts.clone(),
                    Framing::Respectful,
                    "About the safeguarding concern I have raised: what I know.",
                ));
            }
        }
    }
    out
}

/// The Mental Capacity Act steps before a need that engages a decision the person refuses can
/// be met, as a professional who knows the Act would take them: assess capacity; with
/// capacity, respect the refusal (nothing to impose); without it, ask the person's wishes,
/// consult those close to them, and decide in their best interests with the other profession.
/// Returns the steps, and whether the need must wait (is not to be met by acting on it yet).
pub fn capacity_steps(view: &RoleView, p: &PatientView, n: &NeedView) -> (Vec<Act>, bool) {
    let Some(d) = n
        .decision
        .as_ref()
        .and_then(|id| p.decisions.iter().find(|d| &d.id == id))
    else {
        return (Vec::new(), false);
    };
    if !d.refuses || d.best_interests {
        return (Vec::new(), false);
    }
    let mut out = Vec::new();
    match d.assessed {
        None => out.push(Act::AssessCapacity {
            patient: p.id.clone(),
            decision: d.id.clone(),
        }),
        Some(true) => {}
        Some(false) => {
            if !p.wishes_asked {
                out.push(Act::AskWishes {
                    patient: p.id.clone(),
                });
            }
            if !d.consulted
                && let Some(c) = d
                    .consult
                    .as_ref()
                    .and_then(|k| view.directory.iter().find(|c| &c.id == k))
            {
                for ch in channels_for(view, c, false) {
                    out.push(message(
                        c,
                        ch,
                        &p.id,
                        None,
                        Some(Ask::Information),
                        Vec::new(),
                        Framing::Respectful,
                        "We need to decide something in their best interests: what would they want, and what matters to them?",
                    ));
                }
            }
            if view.together {
                out.push(Act::BestInterests {
                    patient: p.id.clone(),
                    decision: d.id.clone(),
                });
            }
        }
    }
    (out, true)
}

/// Whether the role has the time for `act` this half-day.
pub fn affordable(view: &RoleView, act: &Act) -> bool {
    least_minutes(view, act).is_none_or(|m| m <= view.minutes_left)
}

/// The cheapest care package that meets `n` and fits the budget this role can see.
pub fn cheapest_affordable<'a>(view: &'a RoleView, n: &NeedView) -> Option<&'a PackageView> {
    let budget = view.budget?;
    view.packages
        .iter()
        .filter(|k| n.packages.contains(&k.id) && i64::from(k.cost) <= budget)
        .min_by_key(|k| (k.cost, k.id.clone()))
}

/// Screening for NHS continuing healthcare, as a professional who knows it would: for a
/// person with an open primary health need, once this role knows what it rests on, the GP
/// fast-tracks someone at the end of life; otherwise either profession completes the checklist.
pub fn chc_steps(view: &RoleView, p: &PatientView) -> Vec<Act> {
    if p.chc != ChcView::NotScreened {
        return Vec::new();
    }
    let health: Vec<&NeedView> = open_needs(p)
        .into_iter()
        .filter(|n| n.continuing_healthcare.is_some())
        .collect();
    if health.is_empty() || !health.iter().all(|n| n.informed) {
        return Vec::new();
    }
    let end_of_life = health
        .iter()
        .any(|n| n.continuing_healthcare == Some(ChcRoute::FastTrack));
    vec![if end_of_life && view.role == Role::Gp {
        Act::FastTrack {
            patient: p.id.clone(),
        }
    } else {
        Act::ChcChecklist {
            patient: p.id.clone(),
        }
    }]
}

/// Whether the NHS funds `n` for `p` (continuing healthcare): then either profession arranges
/// it, with no council budget, assessment or charge.
pub fn nhs_funds(p: &PatientView, n: &NeedView) -> bool {
    n.continuing_healthcare.is_some() && p.chc == ChcView::Funded
}

/// Commissioning `n` as the Care Act has it: the cheapest package that meets it, once adult
/// social care has assessed the person's needs, or at once if the need is urgent. Before
/// that, the social worker assesses (the GP, who cannot, leaves it). A primary health need
/// the NHS funds is arranged at once; one awaiting the continuing healthcare decision waits
/// for it unless it is urgent.
pub fn commission_steps(view: &RoleView, p: &PatientView, n: &NeedView) -> Vec<Act> {
    let urgent = matches!(n.urgency, Urgency::Urgent | Urgency::Crisis);
    if nhs_funds(p, n) {
        return view
            .packages
            .iter()
            .filter(|k| n.packages.contains(&k.id))
            .min_by_key(|k| (k.cost, k.id.clone()))
            .map(|k| Act::Commission {
                need: n.id.clone(),
                package: k.id.clone(),
            })
            .into_iter()
            .collect();
    }
    if n.continuing_healthcare.is_some() && p.chc == ChcView::Awaiting && !urgent {
        return Vec::new();
    }
    if !p.needs_assessed && !urgent {
        return match view.role {
            Role::SocialWorker => vec![Act::Assess {
                patient: p.id.clone(),
            }],
            Role::Gp => Vec::new(),
        };
    }
    cheapest_affordable(view, n)
        .map(|k| Act::Commission {
            need: n.id.clone(),
            package: k.id.clone(),
        })
        .into_iter()
        .collect()
}
