// Parses an iCalendar file with Mozilla's ical.js (the parser Thunderbird
// uses) and prints what the Go tests compare, as JSON. Times are converted
// to UTC with the VTIMEZONE found in the file itself, so the conversion
// checks our VTIMEZONE definition, not a time-zone database.
//
// Usage: node parse.mjs FILE.ics
import { readFileSync } from "node:fs";
import ICAL from "ical.js";

const text = readFileSync(process.argv[2], "utf8");
const cal = new ICAL.Component(ICAL.parse(text));
if (cal.name !== "vcalendar") {
  throw new Error(`top component is ${cal.name}, not vcalendar`);
}

const timezones = [];
for (const vtz of cal.getAllSubcomponents("vtimezone")) {
  const tz = new ICAL.Timezone(vtz);
  ICAL.TimezoneService.register(tz.tzid, tz);
  timezones.push(tz.tzid);
}

function one(v) {
  if (v === null || v === undefined) return "";
  if (Array.isArray(v)) return v.join(",");
  return String(v);
}

function time(prop) {
  if (!prop) return { value: "", tzid: "", allDay: false };
  const t = prop.getFirstValue();
  const tzid = one(prop.getParameter("tzid"));
  if (t.isDate) {
    return { value: t.toString(), tzid, allDay: true };
  }
  if (tzid && !ICAL.TimezoneService.has(tzid)) {
    throw new Error(`TZID ${tzid} has no VTIMEZONE in the file`);
  }
  if (!tzid && t.zone !== ICAL.Timezone.utcTimezone) {
    throw new Error(`${prop.name} is a floating time`);
  }
  const utc = new Date(t.toUnixTime() * 1000).toISOString().replace(".000Z", "Z");
  return { value: utc, tzid, allDay: false };
}

const events = cal.getAllSubcomponents("vevent").map((ev) => {
  const start = time(ev.getFirstProperty("dtstart"));
  const end = time(ev.getFirstProperty("dtend"));
  const organizer = ev.getFirstProperty("organizer");
  return {
    uid: one(ev.getFirstPropertyValue("uid")),
    sequence: Number(ev.getFirstPropertyValue("sequence") ?? 0),
    status: one(ev.getFirstPropertyValue("status")),
    summary: one(ev.getFirstPropertyValue("summary")),
    location: one(ev.getFirstPropertyValue("location")),
    description: one(ev.getFirstPropertyValue("description")),
    dtstamp: time(ev.getFirstProperty("dtstamp")).value,
    start: start.value,
    start_tzid: start.tzid,
    end: end.value,
    all_day: start.allDay,
    organizer: organizer ? one(organizer.getFirstValue()) : "",
    organizer_cn: organizer ? one(organizer.getParameter("cn")) : "",
    attendees: ev.getAllProperties("attendee").map((a) => ({
      address: one(a.getFirstValue()),
      cn: one(a.getParameter("cn")),
      role: one(a.getParameter("role")),
      partstat: one(a.getParameter("partstat")),
      rsvp: one(a.getParameter("rsvp")),
      delegated_from: one(a.getParameter("delegated-from")),
      delegated_to: one(a.getParameter("delegated-to")),
    })),
    alarms: ev.getAllSubcomponents("valarm").map((a) => a.getFirstPropertyValue("trigger").toString()),
  };
});

process.stdout.write(JSON.stringify({
  method: one(cal.getFirstPropertyValue("method")),
  version: one(cal.getFirstPropertyValue("version")),
  calname: one(cal.getFirstPropertyValue("x-wr-calname")),
  timezones,
  events,
}));
