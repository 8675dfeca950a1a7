// Parse iCalendar files with ical.js, a parser independent of the code that
// wrote them, and print what a calendar app would see. Driven by
// tests/browser.rs:
//
//   node calendars.mjs FILE.ics...
//
// Prints JSON: { "<file>": { error } | { calendar: [props], events: [[props]] } }
// where props are [name, value] pairs in file order, values as ical.js reads
// them (TEXT unescaped, dates as ISO strings). Judging is the Rust test's job.

import { readFile } from 'node:fs/promises';
import ICAL from 'ical.js';

// X-WR-CALNAME is TEXT for every calendar app that reads it (Apple, Google,
// Outlook); ical.js knows no X- properties, so tell it, or it would hand back
// the value still escaped.
ICAL.design.icalendar.property['x-wr-calname'] = { defaultType: 'text' };

function props(component) {
  return component.getAllProperties().map((p) => {
    const values = p.getValues().map((v) => (typeof v === 'string' ? v : v.toString()));
    return [p.name.toUpperCase(), values.length === 1 ? values[0] : values.join(',')];
  });
}

const out = {};
for (const file of process.argv.slice(2)) {
  try {
    const text = await readFile(file, 'utf8');
    const root = new ICAL.Component(ICAL.parse(text));
    if (root.name !== 'vcalendar') throw new Error(`top component is ${root.name}, not VCALENDAR`);
    const others = root.getAllSubcomponents().filter((c) => c.name !== 'vevent');
    out[file] = {
      calendar: props(root),
      events: root.getAllSubcomponents('vevent').map((e) => ({
        props: props(e),
        components: e.getAllSubcomponents().map((c) => c.name.toUpperCase()),
      })),
      otherComponents: others.map((c) => c.name.toUpperCase()),
    };
  } catch (e) {
    out[file] = { error: String(e) };
  }
}
process.stdout.write(JSON.stringify(out, null, 1));
