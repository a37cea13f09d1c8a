"""Lists the meetings an iCalendar file describes, as Debian's
python3-icalendar and python3-dateutil read it, for the Go peer test of
package icsimport.

The conventions are the ones icsimport documents, applied here with the
peer's own parsing, time zones and recurrence expansion:
  * a floating time (no TZID, no Z) is Europe/Amsterdam time;
  * a series (RRULE, RDATE) is expanded within [FROM, FROM + 1 year) in
    Amsterdam, DTSTART counting as an occurrence, minus EXDATE (a DATE
    value removes that day);
  * an event with RECURRENCE-ID replaces the occurrence it names;
  * a single event is listed whatever its date.

Any error the lenient parser collected fails the run.

Usage: /usr/bin/python3 occurrences.py FILE.ics YYYY-MM-DD
Prints a JSON list of {uid, start, end, status, summary, location}, times in
UTC as 2006-01-02T15:04:05Z.
"""
import datetime
import json
import sys

import icalendar
import pytz
from dateutil import rrule

AMS = pytz.timezone("Europe/Amsterdam")


def aware(dt):
    if dt.tzinfo is None:
        return AMS.localize(dt)
    return dt


def utc(dt):
    return aware(dt).astimezone(pytz.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def as_list(v):
    if v is None:
        return []
    return v if isinstance(v, list) else [v]


def dates(ev, name):
    out = []
    for prop in as_list(ev.get(name)):
        out.extend(d.dt for d in prop.dts)
    return out


def end_of(ev, start):
    if ev.get("DTEND") is not None:
        return aware(ev.decoded("DTEND"))
    return start + ev.decoded("DURATION")


def main(path, first):
    with open(path, "rb") as f:
        cal = icalendar.Calendar.from_ical(f.read())
    problems = ["%s: %s" % (c.name, c.errors) for c in cal.walk() if c.errors]
    if problems:
        sys.exit("parse errors: " + "; ".join(problems))
    cancel_all = str(cal.get("METHOD", "")).upper() == "CANCEL"
    y, m, d = (int(x) for x in first.split("-"))
    win_from = AMS.localize(datetime.datetime(y, m, d))
    win_to = AMS.localize(datetime.datetime(y + 1, m, d))

    masters, overrides = [], {}
    for ev in cal.walk("VEVENT"):
        if ev.get("RECURRENCE-ID") is not None:
            rid = aware(ev.decoded("RECURRENCE-ID")).astimezone(pytz.utc)
            overrides[(str(ev["UID"]), rid)] = ev
        else:
            masters.append(ev)

    def meeting(ev, uid, start, end):
        status = "CANCELLED" if cancel_all else str(ev.get("STATUS", "CONFIRMED")).upper()
        return {
            "uid": uid,
            "start": utc(start),
            "end": utc(end),
            "status": status,
            "summary": str(ev.get("SUMMARY", "")),
            "location": str(ev.get("LOCATION", "")),
        }

    out, used = [], set()
    for ev in masters:
        uid = str(ev["UID"])
        raw_start = ev.decoded("DTSTART")
        start = aware(raw_start)
        length = end_of(ev, start) - start
        if ev.get("RRULE") is None and ev.get("RDATE") is None:
            key = (uid, start.astimezone(pytz.utc))
            src = overrides.get(key, ev)
            used.add(key)
            s = aware(src.decoded("DTSTART"))
            out.append(meeting(src, uid, s, end_of(src, s)))
            continue
        # Expand in the series' own wall-clock time: naive for a floating
        # DTSTART, in its zone otherwise (dateutil keeps the tzinfo).
        naive = raw_start.tzinfo is None
        rs = rrule.rruleset()
        rs.rdate(raw_start)
        if ev.get("RRULE") is not None:
            text = ev["RRULE"].to_ical().decode()
            rs.rrule(rrule.rrulestr(text, dtstart=raw_start))
        for r in dates(ev, "RDATE"):
            rs.rdate(r if naive else aware(r))
        starts = []
        lo = win_from.replace(tzinfo=None) if naive else win_from
        hi = win_to.replace(tzinfo=None) if naive else win_to
        for s in rs.between(lo - datetime.timedelta(seconds=1), hi, inc=False):
            if naive:
                s = AMS.localize(s)
            elif s.tzinfo is not None and hasattr(s.tzinfo, "normalize"):
                s = s.tzinfo.normalize(s.tzinfo.localize(s.replace(tzinfo=None))) if False else s
            starts.append(s)
        exdates = dates(ev, "EXDATE")
        for s in starts:
            skip = False
            for x in exdates:
                if isinstance(x, datetime.datetime):
                    skip = skip or aware(x) == s
                else:
                    skip = skip or s.astimezone(start.tzinfo).date() == x
            if skip:
                continue
            key = (uid, s.astimezone(pytz.utc))
            occ_uid = uid + "/" + s.astimezone(pytz.utc).strftime("%Y%m%dT%H%M%SZ")
            if key in overrides:
                used.add(key)
                o = overrides[key]
                os_ = aware(o.decoded("DTSTART"))
                out.append(meeting(o, occ_uid, os_, end_of(o, os_)))
            else:
                out.append(meeting(ev, occ_uid, s, s + length))
    for key, o in overrides.items():
        if key in used:
            continue
        s = aware(o.decoded("DTSTART"))
        if win_from <= key[1] < win_to or win_from <= s < win_to:
            occ_uid = key[0] + "/" + key[1].strftime("%Y%m%dT%H%M%SZ")
            out.append(meeting(o, occ_uid, s, end_of(o, s)))
    out.sort(key=lambda m: (m["start"], m["uid"]))
    json.dump(out, sys.stdout, ensure_ascii=False, indent=1)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
