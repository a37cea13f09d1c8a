"""Parses an iCalendar file with Debian's python3-icalendar and prints what
the Go tests compare, as JSON.

Times with a TZID are converted to UTC twice: with pytz's database for that
TZID (the library's own reading) and with the VTIMEZONE found in the file
(Timezone.to_tz), so that a wrong VTIMEZONE definition shows up as a
mismatch. Any error the lenient parser collected fails the run.

Usage: /usr/bin/python3 parse.py FILE.ics
"""
import datetime
import json
import sys

import icalendar
import pytz


def text(v):
    if v is None:
        return ""
    if isinstance(v, list):
        return ",".join(str(x) for x in v)
    return str(v)


def param(prop, name):
    return text(prop.params.get(name)) if prop is not None and hasattr(prop, "params") else ""


def as_list(v):
    if v is None:
        return []
    return v if isinstance(v, list) else [v]


def main(path):
    with open(path, "rb") as f:
        raw = f.read()
    cal = icalendar.Calendar.from_ical(raw)
    problems = []
    zones = {}
    for comp in cal.walk():
        if comp.errors:
            problems.append("%s: %s" % (comp.name, comp.errors))
        if comp.name == "VTIMEZONE":
            zones[str(comp["TZID"])] = comp.to_tz()
    if problems:
        sys.exit("parse errors: " + "; ".join(problems))

    def when(comp, name):
        prop = comp.get(name)
        if prop is None:
            return {"value": "", "tzid": "", "all_day": False, "via_vtimezone": ""}
        tzid = param(prop, "TZID")
        dt = comp.decoded(name)
        if not isinstance(dt, datetime.datetime):
            return {"value": dt.isoformat(), "tzid": tzid, "all_day": True, "via_vtimezone": ""}
        if dt.tzinfo is None:
            sys.exit("%s is a floating time" % name)
        utc = dt.astimezone(pytz.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        via = ""
        if tzid:
            if tzid not in zones:
                sys.exit("TZID %s has no VTIMEZONE in the file" % tzid)
            local = zones[tzid].localize(dt.replace(tzinfo=None))
            via = local.astimezone(pytz.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        return {"value": utc, "tzid": tzid, "all_day": False, "via_vtimezone": via}

    events = []
    for ev in cal.walk("VEVENT"):
        start, end = when(ev, "DTSTART"), when(ev, "DTEND")
        org = ev.get("ORGANIZER")
        events.append({
            "uid": text(ev.get("UID")),
            "sequence": int(ev.get("SEQUENCE", 0)),
            "status": text(ev.get("STATUS")),
            "summary": text(ev.get("SUMMARY")),
            "location": text(ev.get("LOCATION")),
            "description": text(ev.get("DESCRIPTION")),
            "dtstamp": when(ev, "DTSTAMP")["value"],
            "start": start["value"],
            "start_tzid": start["tzid"],
            "start_via_vtimezone": start["via_vtimezone"],
            "end": end["value"],
            "end_via_vtimezone": end["via_vtimezone"],
            "all_day": start["all_day"],
            "organizer": text(org),
            "organizer_cn": param(org, "CN"),
            "attendees": [{
                "address": text(a),
                "cn": param(a, "CN"),
                "role": param(a, "ROLE"),
                "partstat": param(a, "PARTSTAT"),
                "rsvp": param(a, "RSVP"),
                "delegated_from": param(a, "DELEGATED-FROM"),
                "delegated_to": param(a, "DELEGATED-TO"),
            } for a in as_list(ev.get("ATTENDEE"))],
            "alarms": [al.get("TRIGGER").to_ical().decode() for al in ev.walk("VALARM")],
        })

    json.dump({
        "method": text(cal.get("METHOD")),
        "version": text(cal.get("VERSION")),
        "calname": text(cal.get("X-WR-CALNAME")),
        "timezones": sorted(zones),
        "events": events,
    }, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main(sys.argv[1])
