import { existsSync } from 'node:fs';
import type { AllocationScenario, IndexRun, UncertaintyRun } from '@innocluster/contracts';
import { reportSheetNames } from '@innocluster/contracts';
import ExcelJS from 'exceljs';
import { AppError } from '../errors.ts';

/** What a programme report shows. */
export interface ReportData {
  run: IndexRun;
  scenario: AllocationScenario | null;
  uncertainty: UncertaintyRun | null;
}

/** The Chromium the PDF report is printed with (overridable for other machines). */
export const chromiumPath = process.env.INNOCLUSTER_CHROMIUM ?? '/usr/bin/chromium';

/** The flags Chromium is started with: headless, no sandbox, no network or update traffic. */
export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

const escape = (text: unknown): string =>
  String(text ?? '').replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );
const krw = (n: number | null | undefined) =>
  n === null || n === undefined ? '–' : `${Math.round(n).toLocaleString('en-US')} KRW`;
const fixed = (n: number | null | undefined, digits = 3) =>
  n === null || n === undefined || !Number.isFinite(n) ? '–' : n.toFixed(digits);

/** Per complex: the share of Monte Carlo draws moving the scenario's allocation, if computed. */
function noiseOf(data: ReportData): { moveAmount: number; share: Map<number, number> } | null {
  const noise = data.uncertainty?.result?.moneyFollowsNoise.find(
    (n) => n.allocationScenarioId === data.scenario?.id && n.error === null,
  );
  if (!noise) return null;
  return {
    moveAmount: noise.moveAmount,
    share: new Map(noise.complexes.map((c) => [c.complexId, c.shareMoved])),
  };
}

/** A plain-language line per method choice, for the report and the Method sheet. */
export function describeMethod(run: IndexRun): [string, string][] {
  const m = run.method;
  const w = m.weighting;
  const weighting =
    w.kind === 'ahp'
      ? `AHP (${w.method ?? 'eigenvector'}) from a ${w.matrix.length}×${w.matrix.length} pairwise matrix`
      : w.kind === 'budget'
        ? 'expert budget points'
        : w.kind === 'pca'
          ? `PCA${w.rotate === false ? '' : ' with varimax rotation'}`
          : w.kind === 'framework'
            ? 'the framework’s nested track × indicator weights'
            : w.kind;
  const rows: [string, string][] = [
    ['Framework', `${run.frameworkCode} version ${run.frameworkVersion}`],
    ['Year evaluated', String(run.year)],
    ['Years read', run.years.join(', ')],
    ['Missing data', m.missing],
    ['Normalisation', m.normalisation.kind],
    ['Weighting', weighting],
    [
      'Aggregation',
      m.aggregation.kind === 'geometric'
        ? `geometric (${m.aggregation.zero ?? 'limit'}${m.aggregation.offset ? `, offset ${m.aggregation.offset}` : ''})`
        : 'arithmetic',
    ],
  ];
  if (run.weightDetails?.kind === 'ahp') {
    rows.push([
      'AHP consistency ratio',
      `${fixed(run.weightDetails.consistencyRatio)} (${run.weightDetails.acceptable ? 'acceptable, ≤ 0.1' : 'above Saaty’s 0.1'})`,
    ]);
  }
  return rows;
}

/** The report as one self-contained HTML page (inline CSS, no scripts, no external files). */
export function renderReportHtml(data: ReportData): string {
  const { run, scenario, uncertainty } = data;
  const ranks = new Map(uncertainty?.result?.complexes.map((c) => [c.complexId, c]) ?? []);
  const amounts = new Map(scenario?.outcome.lines.map((l) => [l.complexId, l]) ?? []);
  const rows = run.complexes
    .map((c) => {
      const u = ranks.get(c.complexId);
      const a = amounts.get(c.complexId);
      return `<tr><td class="n">${c.rank}</td><td>${escape(c.complexName)}</td><td class="n">${fixed(c.score)}</td>${
        uncertainty
          ? `<td class="n">${u ? `${u.medianRank}` : '–'}</td><td class="n">${u ? `${u.lowRank}–${u.highRank}` : '–'}</td>`
          : ''
      }${scenario ? `<td class="n">${krw(a?.amount)}</td>` : ''}</tr>`;
    })
    .join('');
  const indicatorRows = run.indicators
    .map(
      (i) =>
        `<tr><td>${escape(i.code)}</td><td>${escape(i.name)}</td><td>${escape(i.track)}</td><td>${escape(i.level)}</td><td>${escape(i.unit)}</td><td>${i.direction}</td><td class="n">${fixed(i.weight)}</td></tr>`,
    )
    .join('');
  const method = describeMethod(run)
    .map(([k, v]) => `<tr><th>${escape(k)}</th><td>${escape(v)}</td></tr>`)
    .join('');
  const sensitivity = uncertainty?.result
    ? `<h2>Sensitivity of the ranks</h2><p>Monte Carlo, ${uncertainty.result.draws.toLocaleString('en-US')} draws, seed ${uncertainty.result.seed}; first-order index S<sub>i</sub> = V(E(rank | X<sub>i</sub>)) / V(rank), mean over complexes (0 to 1).</p><table><tr><th>Input</th><th class="n">Mean S<sub>i</sub></th></tr>${uncertainty.result.sensitivity
        .map(
          (s) =>
            `<tr><td>${escape(s.factor === 'weight' ? `weight of ${s.indicatorCode}` : s.factor)}</td><td class="n">${fixed(s.mean)}</td></tr>`,
        )
        .join('')}</table>`
    : '';
  const noise = noiseOf(data);
  const allocation = scenario
    ? `<h2>Allocation: ${escape(scenario.name)}</h2><p>Pool ${krw(scenario.rule.pool)}; base share ${(scenario.rule.baseFraction * 100).toFixed(0)}% (${scenario.rule.base.kind}), performance share by ${scenario.rule.performance.kind}. The amounts sum to ${krw(scenario.outcome.total)}.${noise ? ` Last column: share of the Monte Carlo draws in which the complex’s allocation moves by more than ${krw(noise.moveAmount)}.` : ''}</p><table><tr><th>Complex</th><th class="n">Amount</th><th class="n">Last year</th><th>Bound</th>${noise ? '<th class="n">Draws moving</th>' : ''}</tr>${scenario.outcome.lines
        .map(
          (l) =>
            `<tr><td>${escape(l.complexName)}</td><td class="n">${krw(l.amount)}</td><td class="n">${krw(l.lastYear)}</td><td>${l.binding ?? ''}</td>${noise ? `<td class="n">${((noise.share.get(l.complexId) ?? 0) * 100).toFixed(1)}%</td>` : ''}</tr>`,
        )
        .join('')}</table>`
    : '';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Evaluation report: index run ${run.id}</title>
<style>
body{font-family:"Noto Sans","Noto Sans CJK KR","DejaVu Sans",Arial,sans-serif;font-size:10pt;color:#1a1a1a;margin:0}
h1{font-size:16pt;margin:0 0 4pt}h2{font-size:12pt;margin:14pt 0 4pt;border-bottom:1px solid #999}
table{border-collapse:collapse;width:100%;margin:4pt 0}th,td{border:1px solid #bbb;padding:2pt 4pt;text-align:left;vertical-align:top}
th{background:#eef1f5}.n{text-align:right;font-variant-numeric:tabular-nums}.muted{color:#555}
</style></head><body>
<h1>Evaluation of complexes: ${escape(run.name ?? `index run ${run.id}`)}</h1>
<p class="muted">Framework ${escape(run.frameworkCode)} v${run.frameworkVersion}, year ${run.year}; ${run.complexes.length} complexes${run.synthetic ? '; synthetic demo data' : ''}. Composite index after the OECD/JRC Handbook on Constructing Composite Indicators (2008).</p>
<h2>Ranking</h2>
<table><tr><th class="n">Rank</th><th>Complex</th><th class="n">Score</th>${uncertainty ? '<th class="n">Median rank</th><th class="n">90% interval</th>' : ''}${scenario ? '<th class="n">Allocation</th>' : ''}</tr>${rows}</table>
${run.excluded.length > 0 ? `<p>Not scored (missing data, listwise): ${run.excluded.map((e) => escape(e.complexName)).join(', ')}.</p>` : ''}
<h2>Method</h2><table>${method}</table>
<h2>Indicators</h2><table><tr><th>Code</th><th>Indicator</th><th>Track</th><th>Level</th><th>Unit</th><th>Better</th><th class="n">Weight</th></tr>${indicatorRows}</table>
${sensitivity}
${allocation}
</body></html>`;
}

/**
 * Prints the HTML report to PDF with headless Chromium (playwright-core). Answers 503 when
 * Chromium (or playwright-core) is not installed, saying so.
 */
export async function renderReportPdf(data: ReportData): Promise<Buffer> {
  if (!existsSync(chromiumPath)) {
    throw new AppError(
      503,
      'PDF printing unavailable',
      `Chromium is not installed at ${chromiumPath}; the PDF report needs it (install chromium or set INNOCLUSTER_CHROMIUM). The XLSX report works without it.`,
    );
  }
  let chromium: typeof import('playwright-core').chromium;
  try {
    chromium = (await import('playwright-core')).chromium;
  } catch {
    throw new AppError(
      503,
      'PDF printing unavailable',
      'playwright-core is not installed; the PDF report needs it to drive Chromium.',
    );
  }
  const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
  try {
    const page = await browser.newPage();
    // Nothing may be fetched: the page is self-contained.
    await page.route('**/*', (route) => route.abort());
    await page.setContent(renderReportHtml(data), { waitUntil: 'load' });
    return await page.pdf({
      format: 'A4',
      printBackground: true,
      margin: { top: '15mm', bottom: '15mm', left: '12mm', right: '12mm' },
    });
  } finally {
    await browser.close();
  }
}

/** The report as a workbook with the sheets of {@link reportSheetNames}. */
export async function renderReportXlsx(data: ReportData): Promise<Buffer> {
  const { run, scenario, uncertainty } = data;
  const wb = new ExcelJS.Workbook();
  wb.creator = 'innocluster';
  const sheet = (name: (typeof reportSheetNames)[number], columns: [string, string, number][]) => {
    const ws = wb.addWorksheet(name);
    ws.columns = columns.map(([header, key, width]) => ({ header, key, width }));
    ws.getRow(1).font = { bold: true };
    return ws;
  };
  const ranking = sheet('Ranking', [
    ['Rank', 'rank', 8],
    ['Complex', 'complex', 22],
    ['Score', 'score', 12],
    ['Median rank (MC)', 'median', 16],
    ['5th percentile rank', 'low', 18],
    ['95th percentile rank', 'high', 18],
    ['Allocation (KRW)', 'amount', 18],
  ]);
  const mc = new Map(uncertainty?.result?.complexes.map((c) => [c.complexId, c]) ?? []);
  const amounts = new Map(scenario?.outcome.lines.map((l) => [l.complexId, l.amount]) ?? []);
  for (const c of run.complexes) {
    const u = mc.get(c.complexId);
    ranking.addRow({
      rank: c.rank,
      complex: c.complexName,
      score: c.score,
      median: u?.medianRank ?? null,
      low: u?.lowRank ?? null,
      high: u?.highRank ?? null,
      amount: amounts.get(c.complexId) ?? null,
    });
  }
  const indicators = sheet('Indicators', [
    ['Complex', 'complex', 22],
    ['Indicator', 'code', 18],
    ['Name', 'name', 30],
    ['Unit', 'unit', 16],
    ['Raw value', 'raw', 14],
    ['Normalised', 'normalised', 12],
    ['Contribution', 'contribution', 12],
    ['Imputed', 'imputed', 22],
  ]);
  for (const c of run.complexes) {
    run.indicators.forEach((i, k) => {
      const imputed = c.imputed.find((x) => x.indicatorCode === i.code);
      indicators.addRow({
        complex: c.complexName,
        code: i.code,
        name: i.name,
        unit: i.unit,
        raw: c.raw[k] ?? null,
        normalised: c.normalised[k] ?? null,
        contribution: c.contributions[k] ?? null,
        imputed: imputed
          ? `${imputed.rule}${imputed.fromYear ? ` from ${imputed.fromYear}` : ''}: ${imputed.value}`
          : '',
      });
    });
  }
  const method = sheet('Method', [
    ['Choice', 'choice', 24],
    ['Value', 'value', 60],
  ]);
  for (const [choice, value] of describeMethod(run)) method.addRow({ choice, value });
  run.indicators.forEach((i) => method.addRow({ choice: `weight ${i.code}`, value: i.weight }));
  method.addRow({ choice: 'method (JSON)', value: JSON.stringify(run.method) });
  const unc = sheet('Uncertainty', [
    ['Input', 'input', 30],
    ['Mean first-order index', 'mean', 22],
    ['On the average rank shift', 'shift', 24],
  ]);
  if (uncertainty?.result) {
    unc.addRow({
      input: `draws ${uncertainty.result.draws}, seed ${uncertainty.result.seed}`,
      mean: null,
      shift: null,
    });
    for (const s of uncertainty.result.sensitivity) {
      unc.addRow({
        input: s.factor === 'weight' ? `weight of ${s.indicatorCode}` : s.factor,
        mean: s.mean,
        shift: s.onAverageShift,
      });
    }
  } else unc.addRow({ input: 'no uncertainty run chosen' });
  const alloc = sheet('Allocation', [
    ['Complex', 'complex', 22],
    ['Amount (KRW)', 'amount', 18],
    ['Target (KRW)', 'target', 18],
    ['Last year (KRW)', 'last', 18],
    ['Change (KRW)', 'change', 16],
    ['Bound', 'binding', 14],
    ['Share of MC draws moving more than the set amount', 'moved', 24],
  ]);
  const noise = noiseOf(data);
  if (scenario) {
    for (const l of scenario.outcome.lines) {
      alloc.addRow({
        complex: l.complexName,
        amount: l.amount,
        target: l.target,
        last: l.lastYear,
        change: l.change,
        binding: l.binding ?? '',
        moved: noise?.share.get(l.complexId) ?? null,
      });
    }
    alloc.addRow({ complex: 'Total', amount: scenario.outcome.total });
  } else alloc.addRow({ complex: 'no allocation scenario chosen' });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
