// "Download these results": the results as CSV, one passage a row, with its whole text: the
// paragraph's exact text as the open data has it, read from its transcript's page
// (records.paragraphTexts), never Pagefind's indexed text.
import { paragraphTexts } from "./records.js";

export function csvField(value) {
  let text = String(value ?? "");
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`; // never a formula in a spreadsheet
  return `"${text.replace(/"/g, '""')}"`;
}

/** The CSV of ``results`` (the first ``engine.csvCap``); ``root`` is the site's root; ``filters``
 * the search's (Pagefind's), which a page or voice record's passages are held to. */
export async function resultsCSV(engine, results, root, filters = {}) {
  const chosen = results.slice(0, engine.csvCap);
  const header = ["transcript", "date", "venue", "speaker", "paragraph", "url", "text"];
  const each = await Promise.all(
    chosen.map(async (result) => {
      const data = await engine.dataOf(result);
      const texts = paragraphTexts(data.meta.slug, engine.root);
      const row = async (where) => {
        const text = (await texts).get(where.anchor);
        if (text === undefined) throw new Error(`transcripts/${data.meta.slug}/ has no paragraph ${where.anchor}`);
        return [data.meta.title, data.meta.date, data.meta.venue, where.speaker, where.number, new URL(where.url, root).href, text];
      };
      if (!engine.pages) return (await engine.passes(result)) ? [await row(data.meta)] : [];
      const found = await engine.transcript(result, filters);
      if (!found) return [];
      return Promise.all(found.passages.map((passage) => row(passage.where)));
    }),
  );
  const rows = [header, ...each.flat()];
  return rows.map((row) => row.map(csvField).join(",")).join("\r\n") + "\r\n";
}

/** Save CSV text as a file called ``name``. */
export function saveCSV(csv, name) {
  const link = document.createElement("a");
  link.href = URL.createObjectURL(new Blob([csv], { type: "text/csv;charset=utf-8" }));
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 10000);
}

/** Save the CSV of ``results`` as a file. */
export async function downloadCSV(engine, results, root, filters = {}) {
  saveCSV(await resultsCSV(engine, results, root, filters), "transcript-search.csv");
}
