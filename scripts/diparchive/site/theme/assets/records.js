// What a search result is about: its transcript and its paragraph.
//
// A search record holds only its passage's own words. Pagefind makes every `data-pagefind-meta`
// value searchable, so a transcript's title, venue or speakers' names given as metadata would
// match a word query on every passage of that transcript. A record's address says which
// transcript and paragraph it is (`transcripts/<slug>/L13.html` for a passage,
// `transcripts/<slug>/V2.html` for a voice record, the transcript's third voice, and
// `transcripts/<slug>.html` for a page record), and the transcript's details are in
// `search-data/<slug>.json` (written by diparchive/search_index.py from the same paragraph
// records as the open data), fetched once per transcript when one of its results is drawn.

export const root = new URL("../", import.meta.url); // this site's
const details = new Map();

/** The transcript's details: title, date, venue, kind, voices and paragraphs (search_index.py),
 * from the site at ``base`` (this one, or another collection's). */
export function transcriptDetails(slug, base = root) {
  const key = `${base.href} ${slug}`;
  if (!details.has(key)) {
    details.set(
      key,
      fetch(new URL(`search-data/${slug}.json`, base)).then((response) => {
        if (!response.ok) throw new Error(`search-data/${slug}.json: ${response.status}`);
        return response.json();
      }),
    );
  }
  return details.get(key);
}

const texts = new Map();

/** What a paragraph of a transcript page (transcript.md.j2) shows before its text: its number,
 * and its "quoting …" or "narration" marks. */
const BEFORE_TEXT = ".para-number, .para-quoted, .para-narration";

/** The exact text of a paragraph element of a transcript page: what follows its number and
 * marks, less the one space that parts them from it. */
export function paragraphText(element) {
  const nodes = [...element.childNodes];
  const marks = nodes.filter((node) => node.nodeType === Node.ELEMENT_NODE && node.matches(BEFORE_TEXT));
  const after = marks.length ? nodes.slice(nodes.indexOf(marks[marks.length - 1]) + 1) : nodes;
  const text = after.map((node) => node.textContent).join("");
  return marks.length && text.startsWith(" ") ? text.slice(1) : text;
}

/**
 * Every paragraph's exact text in a transcript, as a Map {anchor: text}, read from its page in
 * the site at ``base``, fetched once. The page shows each paragraph's text exactly as the open
 * data has it, where Pagefind's indexed text is processed (a paragraph with no end punctuation
 * gets a "." of Pagefind's), so the search's exports take the text from here.
 */
export function paragraphTexts(slug, base = root) {
  const key = `${base.href} ${slug}`;
  if (!texts.has(key)) {
    const address = `transcripts/${slug}/`;
    const reading = fetch(new URL(address, base))
      .then((response) => {
        if (!response.ok) throw new Error(`${address}: ${response.status}`);
        return response.text();
      })
      .then((html) => {
        const page = new DOMParser().parseFromString(html, "text/html");
        return new Map([...page.querySelectorAll(".transcript-body p.para[id]")].map((element) => [element.id, paragraphText(element)]));
      });
    reading.catch(() => texts.delete(key)); // asked again next time
    texts.set(key, reading);
  }
  return texts.get(key);
}

/** The exact text of paragraph ``anchor`` of a transcript (``paragraphTexts``). */
export async function paragraphTextOf(slug, anchor, base = root) {
  const text = (await paragraphTexts(slug, base)).get(anchor);
  if (text === undefined) throw new Error(`transcripts/${slug}/ has no paragraph ${anchor}`);
  return text;
}

/** An address in the site at ``base``: relative to the site's root for this site, whole for
 * another collection's. */
const addressIn = (path, base) => (base.href === root.href ? path : new URL(path, base).href);

/** The transcript and paragraph (or voice) a record's address names, or null. */
export function recordAddress(url) {
  const path = new URL(url, location.href).pathname;
  const found = /\/transcripts\/([a-z0-9][a-z0-9-]*)(?:\/(?:(L\d+)|V(\d+)))?\.html$/.exec(path);
  return found ? { slug: found[1], anchor: found[2] || null, voice: found[3] === undefined ? null : Number(found[3]) } : null;
}

/** Sort keys as search_index.py writes them: oldest first, and newest transcript first, each
 * transcript's paragraphs in reading order. */
export function sortKeys(date, slug, line) {
  const parts = [...date.split("-").map(Number), 0, 0];
  const inverted = 99999999 - (parts[0] * 10000 + parts[1] * 100 + parts[2]);
  const at = String(line).padStart(7, "0");
  return { order: `${date} ${slug} ${at}`, newest: `${String(inverted).padStart(8, "0")} ${slug} ${at}` };
}

/** The paragraph ``anchor`` of a transcript's details: its number, voice, role and heading. */
export function paragraphAt(transcript, anchor) {
  const row = transcript.paragraphs.find((p) => p[0] === anchor);
  if (!row) return { anchor, number: "", speaker: "", role: "", quoted: false, heading: "", voices: [] };
  const [, number, voiceIds, heading] = row;
  const voices = voiceIds.map((i) => transcript.voices[i]);
  const spoken = voices.filter((voice) => !voice.quoted);
  const quoted = voices.filter((voice) => voice.quoted);
  const speaker = [
    ...spoken.filter((voice) => !quoted.length || !voice.narration).map((voice) => voice.name),
    ...(quoted.length ? [`${quoted.map((voice) => voice.name).join(" and ")} (quoted in the report)`] : []),
  ].join("; ");
  return {
    anchor,
    number,
    speaker,
    role: spoken.map((voice) => voice.role).filter(Boolean).join("; "),
    quoted: quoted.length > 0,
    heading: transcript.headings[heading] || "",
    voices,
  };
}

/**
 * Whether paragraph ``anchor`` of a transcript answers the passage-level filters among
 * ``filters`` (Pagefind's: {speaker: {any: [...]}, theme: {any: [...]}}): one of its voices is a
 * speaker asked for, one of them speaks for a country asked for, one of its themes a theme
 * asked for. With page or voice records Pagefind applies filters to the whole record, so its
 * sub-results are held to them here. Other filters (event, kind, year) belong to the whole
 * transcript.
 */
export function answersFilters(transcript, anchor, filters = {}) {
  const row = transcript.paragraphs.find((p) => p[0] === anchor);
  if (!row) return false;
  const [, , voiceIds, , themeIds = []] = row;
  const speakers = filters.speaker ? filters.speaker.any : null;
  const themes = filters.theme ? filters.theme.any : null;
  // A country: the spoken voice's, or a quoted one's (search_index.quoted_country).
  const countries = filters.country ? filters.country.any : null;
  if (speakers && !voiceIds.some((i) => speakers.includes(transcript.voices[i].name))) return false;
  if (countries && !voiceIds.some((i) => countries.includes(transcript.voices[i].country))) return false;
  if (themes && !themeIds.some((i) => themes.includes((transcript.themes || [])[i]))) return false;
  return true;
}

/** Everything a result shows of its record, in the shape the search page reads as ``meta``;
 * ``base`` is the root of the site whose index it is. */
export async function metaOf(data, base = root) {
  const where = recordAddress(data.url);
  if (!where) throw new Error(`not a search record's address: ${data.url}`);
  const t = await transcriptDetails(where.slug, base);
  const venue = [t.event, t.place, t.city, t.country].filter(Boolean).join(", ");
  const meta = { slug: where.slug, title: t.title, date: t.date, date_display: t.date_display, venue, kind: t.kind };
  if (!where.anchor) {
    // A page record, or a voice record: all of one voice's paragraphs in the transcript.
    const voice = where.voice === null ? {} : { voice: t.voices[where.voice] };
    return { ...meta, ...voice, record: "page", url: addressIn(`transcripts/${where.slug}/`, base), ...sortKeys(t.date, where.slug, 0), transcript: t };
  }
  const paragraph = paragraphAt(t, where.anchor);
  return {
    ...meta,
    ...paragraph,
    number: String(paragraph.number),
    url: addressIn(`transcripts/${where.slug}/#${where.anchor}`, base),
    ...sortKeys(t.date, where.slug, where.anchor.slice(1)),
    transcript: t,
  };
}
