#!/usr/bin/env python3
"""Writes tests/broken/*.ron: the minimal scenario with one mistake each.

Each file starts with `// expect:` lines giving the exact problems the validator must report
(position, severity, message) and optional `// hint:` lines. Positions are computed here from
the text this script inserts, independently of the Rust code under test. Run it again after
changing tests/data/minimal.scenario.ron, and review the diff.
"""
import os, re

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
BASE = open(os.path.join(ROOT, "tests/data/minimal.scenario.ron"), encoding="utf-8").read()
BASE = "\n".join(l for l in BASE.split("\n") if not l.startswith("// The smallest"))

def sub(old, new, count=1):
    def f(text):
        assert old in text, f"{old!r} not in base"
        return text.replace(old, new, count)
    return f

def chain(*fs):
    def f(text):
        for g in fs:
            text = g(text)
        return text
    return f

# (file name, change, [(needle, nth occurrence, column offset, message, hint or None)])
CASES = [
    # --- syntax ---
    ("missing_comma", sub('title: "Minimal case",', 'title: "Minimal case"'),
     [("summary:", 0, 0, "expected a comma", "separate fields and list items with `,`")]),
    ("unknown_field", sub("title:", "tittle:"),
     [("tittle", 0, 0, "unknown field `tittle` in `Scenario`", "did you mean `title`?")]),
    ("unknown_barrier", sub("barriers: [Logistics]", "barriers: [Logistic]"),
     [("Logistic]", 0, 0, "unknown value `Logistic` in `Barrier`", "did you mean `Logistics`?")]),
    ("text_for_number", sub("days: 3,", 'days: "three",'),
     [('"three"', 0, 0, "expected a whole number (0 or more)", None)]),
    ("negative_age", sub("age: 80,", "age: -80,"),
     [("-80", 0, 1, "expected a whole number (0 or more)", None)]),
    ("duplicate_field", sub("    days: 3,\n", "    days: 3,\n    days: 4,\n"),
     [("days: 4", 0, 0, "field `days` is given twice in `Scenario`", "remove one of them")]),
    ("trailing_text", lambda t: t.rstrip("\n") + "\n)\n",
     [(")\n", -1, 0, "unexpected text after the end of the scenario", None)]),
    ("truncated", lambda t: t[: t.index("    care_packages")],
     [("LAST", 0, 0, "the file ends before the scenario is complete", "look for an unclosed `(`, `[`, `{` or `\"`")]),
    ("unclosed_comment", sub("    days: 3,\n", "    days: 3, /* the length of the case\n"),
     [("/*", 0, 0, "a `/*` comment is never closed", "end it with `*/`")]),
    ("missing_summary", sub('    summary: "One patient, one need, one crisis.",\n', ""),
     [(")", -1, 0, "missing field `summary` in `Scenario`", "add `summary: ...` before the closing bracket; docs/scenario-format.md describes it")]),
    ("single_quotes", sub('id: "minimal"', "id: 'minimal'"),
     [("'minimal'", 0, 0, "expected text in double quotes", 'write text like "this"')]),
    ("unknown_sector", sub("sector: Health)", "sector: Helth)"),
     [("Helth", 0, 0, "unknown value `Helth` in `Sector`", "did you mean `Health`?")]),
    ("missing_mdt_field", sub("mdt: Regular(first_day: 2, every_days: 5, half: Pm)", "mdt: Regular(first_day: 2, half: Pm)"),
     [("))", 0, 0, "missing field `every_days` in `Regular`", None)]),
    # --- meaning ---
    ("wrong_version", sub("format: 2,", "format: 3,"),
     [("3,", 0, 0, "format version 3 is not supported; this build reads versions 1 to 2", None)]),
    ("format_1_with_format_2_fields", chain(sub("format: 2,", "format: 1,"), sub('            crises: [', '            decisions: [(id: "move", text: "Whether to move.", capacity: true)],\n            crises: [')),
     [("decisions: [(id", 0, 11, "`decisions` needs format 2; this file is format 1", "set `format: 2` at the top of the file (`joined-up upgrade FILE --out NEW` converts a format-1 file)")]),
    ("link_worker_in_format_2", sub("setting: (budget: 500,", "setting: (link_worker: true, budget: 500,"),
     [("true, budget", 0, 0, "`link_worker` is called `liaison` in format 2", "rename the field `liaison`")]),
    ("household_unknown", sub('            crises: [', '            household: ["mrs_z"],\n            crises: ['),
     [('"mrs_z"', 0, 0, "unknown patient `mrs_z`", None)]),
    ("bad_patient_id", sub('id: "mrs_a"', 'id: "Mrs A"'),
     [('"Mrs A"', 0, 0, "patient id `Mrs A` is not a valid id", None)]),
    ("duplicate_fact", sub('(id: "a_home"', '(id: "a_history"'),
     [('"a_history", text: "Stairs', 0, 0, "duplicate fact id `a_history`", "fact ids are unique across the whole scenario"),
      ('"a_home"]', 0, 0, "unknown fact `a_home`", None),
      ('"a_home", to', 0, 0, "unknown fact `a_home`", None)]),
    ("unknown_role_reached", sub('reaches: "duty_team"', 'reaches: "duty_tem"'),
     [('"duty_tem"', 0, 0, "unknown role `duty_tem`", "did you mean `duty_team`?")]),
    ("unknown_sign", sub('signs: ["a_history"]', 'signs: ["a_histroy"]'),
     [('"a_histroy"', 0, 0, "unknown fact `a_histroy`", "did you mean `a_history`?")]),
    ("unknown_crisis", sub('feeds: "a_fall",\n', 'feeds: "a_fal",\n'),
     [('"a_fal"', 0, 0, "unknown crisis `a_fal`", "did you mean `a_fall`?")]),
    ("unknown_package", sub('Package("care")', 'Package("carre")'),
     [('"carre"', 0, -8, "unknown care package `carre`", "did you mean `care`?")]),
    ("referral_to_player", sub('Referral(to: "falls_service")', 'Referral(to: "gp")'),
     [('"gp")', 0, 0, "`gp` is a player; a referral goes to a service another role plays", 'use `Act(role: "gp")` for what a player does')]),
    ("need_without_resolution", sub('resolved_by: [Package("care")]', "resolved_by: []"),
     [("resolved_by: []", 0, 13, "no role can act on need `a_care`", None),
      ('"a_fall", kind', 0, 0, "crisis `a_fall` cannot be prevented: a need feeding it can never be met", None)]),
    ("crisis_cannot_happen", sub('start: 10)', 'threshold: 500, start: 10)'),
     [("500, start", 0, 0, "crisis `a_fall` can never happen: risk reaches at most 160 of 500 in 3 days", None)]),
    ("crisis_cannot_be_prevented", sub("start: 10)", "start: 120)"),
     [("120", 0, 0, "crisis `a_fall` starts at risk 120 with threshold 100, so it cannot be prevented", "start it below its threshold")]),
    ("crisis_never_fed", chain(sub('                    feeds: "a_fall",\n', ""), sub(', feeds: "a_fall")', ")")),
     [('"a_fall", kind', 0, 0, "crisis `a_fall` can never happen: no need feeds it", None)]),
    ("commitment_too_long", sub("hours: 3.0", "hours: 5.0"),
     [("5.0", 0, 0, "a commitment of 5.0 hours does not fit in a half-day of 4 hours", None)]),
    ("event_after_the_end", sub("At(day: 2, half: Am)", "At(day: 7, half: Am)"),
     [("7, half", 0, 0, "day 7 is outside days 1 to 3", "days are numbered from 1")]),
    ("empty_title", sub('title: "Minimal case"', 'title: "  "'),
     [('"  "', 0, 0, "title is empty", None)]),
    ("mdt_day_zero", sub("first_day: 2", "first_day: 0"),
     [("0, every", 0, 0, "the first MDT is on day 0, outside days 1 to 3", "days are numbered from 1")]),
    ("unknown_staffing_role", sub("(shared_record: true, trust: 60)", '(shared_record: true, staffing: { "social_wroker": 0.5 })'),
     [('"social_wroker"', 0, 0, "unknown role `social_wroker` in staffing", "did you mean `social_worker`?")]),
    ("trust_too_high", sub("trust: 60", "trust: 160"),
     [("160", 0, 0, "trust 160 is above 100", None)]),
    ("fact_never_known", sub('known_to: ["gp"]', "known_to: []"),
     [('"a_history", text', 0, 0, "fact `a_history` can never become known", None),
      ('["a_history"]', 0, 0, "need `a_falls` can never be noticed: none of its signs can become known", None),
      ('"a_history", "a_home"', 0, 0, "need `a_falls` requires fact `a_history`, which can never become known", None)]),
    ("unknown_player_role", sub('known_to: ["gp"]', 'known_to: ["doctor"]'),
     [('"doctor"', 0, 0, "unknown player role `doctor`", "known ids: `gp`, `social_worker`")]),
    ("delay_backwards", sub("    patients: [", "    channels: (email: (minutes: 10, delay: (3, 1), reliability: 0.9, secure: false)),\n    patients: ["),
     [("(3, 1)", 0, 0, "shortest delay 3 is longer than the longest, 1", "write `delay: (1, 3)`")]),
    ("reliability_above_one", sub("    patients: [", "    channels: (phone: (minutes: 10, delay: (0, 0), reliability: 1.5, secure: true)),\n    patients: ["),
     [("1.5", 0, 0, "reliability 1.5 must be from 0 to 1", None)]),
    # --- numbers, each with a range (issue 14: unbounded numbers wrapped the score) ---
    ("weight_out_of_range", sub("    care_packages:", "    scoring: (weights: { JointVisit: 2147483647 }),\n    care_packages:"),
     [("JointVisit", 0, 0, "the weight of `JointVisit` is 2147483647; it must be from -100 to 100", "the defaults run from -12 to +10 points (docs/scoring.md)")]),
    ("budget_too_large", sub("budget: 500,", "budget: 4294967295,"),
     [("4294967295", 0, 0, "the budget is 4294967295; it must be from 0 to 1000000", "pounds for care over the whole session, e.g. `budget: 1200`")]),
    ("risk_too_large", sub("risk_per_day: 30,", "risk_per_day: 4294967295,"),
     [("4294967295", 0, 0, "the risk a day is 4294967295; it must be from 0 to 1000", None)]),
    ("no_hours", sub('social_worker: (name: "Sam Reed", title: "Social worker")', 'social_worker: (name: "Sam Reed", title: "Social worker", hours_per_day: 0)'),
     [("hours_per_day: 0)", 0, 15, "`social_worker` works 0 hours a day; it must be more than 0 and at most 16", "a full-time day is 7.5 to 8 hours")]),
    ("endless_hours", sub('social_worker: (name: "Sam Reed", title: "Social worker")', 'social_worker: (name: "Sam Reed", title: "Social worker", hours_per_day: 1e308)'),
     [("1e308", 0, 0, "`social_worker` works 1e308 hours a day; it must be more than 0 and at most 16", "a full-time day is 7.5 to 8 hours")]),
    # --- text a terminal or a screen would act on ---
    ("control_character_in_text", sub('title: "Minimal case"', 'title: "Minimal\x1b[31m case"'),
     [('"Minimal\x1b', 0, 0, "title contains a control character (U+001B) that no screen can show", "remove it; write the text as plain words"),
      ("\x1b", 0, 0, "a control character (U+001B) in the file", "remove it; a scenario is plain text")]),
    ("escaped_control_in_text", sub('title: "Minimal case"', 'title: "Minimal\\u{0} case"'),
     [('"Minimal\\u', 0, 0, "title contains a control character (U+0000) that no screen can show", "remove it; write the text as plain words")]),
    ("service_unreachable", sub('reaches: "falls_service"', 'reaches: "duty_team"'),
     [('"falls_service")', 0, 0, "no contact reaches `falls_service`, so nobody can refer need `a_falls` to it", 'add a contact with `reaches: "falls_service"`')]),
    ("forwards_to_itself", sub('forwards_to: "social_worker"', 'forwards_to: "duty_team"'),
     [('"duty_team")', 0, 0, "`duty_team` forwards to itself", None),
      ('"duty_team")', 0, 0, "`duty_team` forwards requests round in a circle", None)]),
    ("no_learning_objectives", sub('learning_objectives: ["Refer with context."]', "learning_objectives: []"),
     [("[]", 0, 0, "no learning objectives", None)]),
    ("player_role_as_npc", sub('(id: "falls_service", name: "Falls service", sector: Health)', '(id: "gp", name: "Another GP", sector: Health)'),
     [('"gp", name', 0, 0, "`gp` is a player role; other roles need another id", None),
      ('"falls_service", channels', 0, 0, "unknown role `falls_service`", None),
      ('"falls_service"), Act', 0, 0, "unknown role `falls_service`", None)]),
    ("unknown_decision", sub("risk_per_day: 30,", 'risk_per_day: 30,\n                    decision: "medicines",'),
     [('"medicines"', 0, 0, "unknown decision `medicines`", None)]),
    ("attorney_without_consult", sub('            crises: [', '            decisions: [(id: "move", text: "Whether to move.", capacity: false, attorney: true)],\n            crises: ['),
     [("attorney: true", 0, 10, "decision `move` has an attorney but nobody to consult", "name the attorney's contact in `consult`")]),
    ("decision_evidence_unknown", sub('            crises: [', '            decisions: [(id: "move", text: "Whether to move.", capacity: true, evidence: ["a_hom"])],\n            crises: ['),
     [('"a_hom"', 0, 0, "unknown fact `a_hom`", "did you mean `a_home`?")]),
]

def pos(text, needle, nth, offset):
    if needle == "LAST":
        lines = text.split("\n")
        for i in range(len(lines) - 1, -1, -1):
            if lines[i].strip():
                return i + 1, max(1, len(lines[i]))
    if nth < 0:
        i = text.rindex(needle)
    else:
        i = -1
        for _ in range(nth + 1):
            i = text.index(needle, i + 1)
    i += offset
    line = text.count("\n", 0, i) + 1
    col = i - (text.rfind("\n", 0, i) + 1) + 1
    return line, col

def main():
    out_dir = os.path.join(ROOT, "tests/broken")
    for f in os.listdir(out_dir):
        if f.endswith(".ron") and f != "not_utf8.ron":
            os.remove(os.path.join(out_dir, f))
    for name, change, expects in CASES:
        body = change(BASE)
        n_header = sum(2 if h else 1 for (_, _, _, _, h) in expects) + 1
        # Positions are computed on the final file, header included.
        placeholder = "\n" * n_header
        final_body = placeholder + body
        header = [f"// {name}: one mistake in the minimal scenario (written by tools/make_broken.py)"]
        for needle, nth, off, msg, hint in expects:
            l, c = pos(final_body, needle, nth, off)
            header.append(f"// expect: {l}:{c}: error: {msg}")
            if hint:
                header.append(f"// hint: {hint}")
        assert len(header) == n_header
        text = "\n".join(header) + "\n" + body
        with open(os.path.join(out_dir, name + ".ron"), "w", encoding="utf-8") as fh:
            fh.write(text)
    print(f"wrote {len(CASES)} files")

main()
