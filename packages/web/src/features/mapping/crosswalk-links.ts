/** One link of a crosswalk as the API takes it. */
export interface CrosswalkLinkInput {
  from: string;
  to: string;
  weight: number;
}

/** A line of the pasted or uploaded text that is not a link, by its 1-based line number. */
export interface LinkProblem {
  row: number;
  message: string;
}

/**
 * Reads crosswalk links from CSV text: `from,to,weight` per line (comma, semicolon or tab),
 * an optional header line naming the columns, blank lines skipped. An empty weight means 1 (a
 * one-to-one link). Every bad line is reported with its line number, as a file import would.
 */
export function parseCrosswalkLinks(text: string): {
  links: CrosswalkLinkInput[];
  problems: LinkProblem[];
  /** The line number of each link, to name the line of an error the server reports by index. */
  rows: number[];
} {
  const links: CrosswalkLinkInput[] = [];
  const problems: LinkProblem[] = [];
  const rows: number[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.forEach((line, i) => {
    const row = i + 1;
    if (line.trim() === '') return;
    const cells = line.split(/[,;\t]/).map((c) => c.trim().replace(/^"(.*)"$/, '$1'));
    if (row === 1 && /^from/i.test(cells[0] ?? '') && /^to/i.test(cells[1] ?? '')) return;
    const [from = '', to = '', weightText = ''] = cells;
    if (from === '') problems.push({ row, message: 'from: is required' });
    if (to === '') problems.push({ row, message: 'to: is required' });
    const weight = weightText === '' ? 1 : Number(weightText);
    if (!Number.isFinite(weight) || weight <= 0 || weight > 1)
      problems.push({ row, message: `weight: "${weightText}" is not a number in (0, 1]` });
    else if (from !== '' && to !== '') {
      links.push({ from, to, weight });
      rows.push(row);
    }
  });
  if (links.length === 0 && problems.length === 0)
    problems.push({ row: 1, message: 'no links: give from,to,weight per line' });
  return { links, problems, rows };
}
