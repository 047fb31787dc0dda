import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { CrosswalkDetail, CrosswalkInput } from '@innocluster/contracts';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CrosswalkEditorPage, type EditorLink } from './pages/mapping-crosswalk.page.ts';
import { screenshotDir, startHarness, type Harness } from './support/e2e-harness.ts';

/** The links as (from, to, weight), sorted, to compare sets whatever order the server keeps. */
function sorted(links: EditorLink[]): EditorLink[] {
  return [...links].sort((a, b) => (a.from + ' ' + a.to).localeCompare(b.from + ' ' + b.to));
}

describe('editing the links of an industry crosswalk', () => {
  let harness: Harness;
  let page: Page;
  let editor: CrosswalkEditorPage;
  let crosswalkId = 0;
  let otherId = 0;
  let bigId = 0;

  /** A call to the API in the page's session (cookie and CSRF token of the signed-in admin). */
  async function api<T>(method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown): Promise<T> {
    const cookies = await page.context().cookies();
    const csrf = cookies.find((c) => c.name === 'ic_csrf')?.value ?? '';
    const response = await page.context().request.fetch(path, {
      method,
      headers: { 'X-CSRF-Token': csrf, 'X-Innocluster-Client': 'web' },
      ...(body === undefined ? {} : { data: body }),
    });
    if (!response.ok())
      throw new Error(`${method} ${path}: ${response.status()} ${await response.text()}`);
    return (await response.json()) as T;
  }

  async function savedLinks(id: number): Promise<EditorLink[]> {
    const detail = await api<CrosswalkDetail>('GET', `/api/v1/mapping/crosswalks/${id}`);
    return sorted(detail.links.map((l) => ({ from: l.fromCode, to: l.toCode, weight: l.weight })));
  }

  beforeAll(async () => {
    harness = await startHarness();
    mkdirSync(screenshotDir, { recursive: true });
    page = await harness.newPage({ as: harness.users.admin });
    // Discard and leaving with unsaved rows ask for confirmation; the test accepts.
    page.on('dialog', (dialog) => void dialog.accept());
    editor = new CrosswalkEditorPage(page);
    await page.goto('/mapping/crosswalks');
    // The demo has one classification, KSIC 10th revision, with the manufacturing divisions.
    const classifications = await api<{ items: { id: number; code: string }[] }>(
      'GET',
      '/api/v1/industry-classifications?pageSize=100',
    );
    const ksic = classifications.items.find((c) => c.code === 'KSIC');
    if (!ksic) throw new Error('The demo has no KSIC classification');
    const input = (name: string, links: CrosswalkInput['links']): CrosswalkInput => ({
      name,
      fromClassificationId: ksic.id,
      toClassificationId: ksic.id,
      source: 'e2e',
      links,
    });
    crosswalkId = (
      await api<CrosswalkDetail>(
        'POST',
        '/api/v1/mapping/crosswalks',
        input('E2E link editing', [
          { from: '26', to: '26', weight: 0.6 },
          { from: '26', to: '27', weight: 0.4 },
          { from: '27', to: '27', weight: 1 },
          { from: '28', to: '28', weight: 1 },
        ]),
      )
    ).id;
    // The demo's classification has nine industries, too few for more than a page of links: a
    // test classification of 15 codes X01..X15, each split in eighths over itself and the next
    // seven (wrapping), makes 120.
    const test = await api<{ id: number }>('POST', '/api/v1/industry-classifications', {
      code: 'E2E',
      vintage: 'test',
      name: 'E2E test codes',
    });
    const codes = Array.from({ length: 15 }, (_, i) => `X${String(i + 1).padStart(2, '0')}`);
    for (const code of codes)
      await api('POST', '/api/v1/industries', {
        classificationId: test.id,
        code,
        name: `Test industry ${code}`,
      });
    bigId = (
      await api<CrosswalkDetail>('POST', '/api/v1/mapping/crosswalks', {
        ...input(
          'E2E many links',
          codes.flatMap((from, i) =>
            [0, 1, 2, 3, 4, 5, 6, 7].map((k) => ({
              from,
              to: codes[(i + k) % codes.length]!,
              weight: 0.125,
            })),
          ),
        ),
        fromClassificationId: test.id,
        toClassificationId: test.id,
      })
    ).id;
    otherId = (
      await api<CrosswalkDetail>(
        'POST',
        '/api/v1/mapping/crosswalks',
        input('E2E other crosswalk', [{ from: '30', to: '30', weight: 1 }]),
      )
    ).id;
  });
  afterAll(async () => {
    await harness?.close();
  });

  const edited: EditorLink[] = sorted([
    { from: '26', to: '26', weight: 0.6 },
    { from: '26', to: '27', weight: 0.4 },
    { from: '27', to: '29', weight: 1 },
    { from: '29', to: '29', weight: 1 },
  ]);

  it('changes a target, adds a link, removes one, saves, and shows exactly the saved set after a reload', async () => {
    await editor.open();
    await editor.view('E2E link editing', crosswalkId);
    expect(await editor.links()).toEqual([
      { from: '26', to: '26', weight: 0.6 },
      { from: '26', to: '27', weight: 0.4 },
      { from: '27', to: '27', weight: 1 },
      { from: '28', to: '28', weight: 1 },
    ]);
    // Nothing to save before a change.
    expect(await page.getByTestId('crosswalk-edit-save').isDisabled()).toBe(true);

    await editor.setLink(3, { to: '29' });
    await editor.addLink({ from: '29', to: '29', weight: '1' });
    await editor.removeLink(4);
    expect(await editor.unsaved.textContent()).toContain('4 links here, 4 saved');
    expect(await editor.row('E2E link editing').getByTestId('crosswalk-row-unsaved').count()).toBe(
      1,
    );
    await editor.save();
    await expect(editor.saved.textContent()).resolves.toContain('4 links');
    expect(await editor.errors.count()).toBe(0);
    expect(await editor.unsaved.count()).toBe(0);

    expect(await savedLinks(crosswalkId)).toEqual(edited);
    await page.reload();
    await editor.view('E2E link editing', crosswalkId);
    expect(sorted(await editor.links())).toEqual(edited);
    expect(await editor.row('E2E link editing').textContent()).toContain('4');
  });

  it('shows the server’s errors on the rows they name, saves nothing, keeps the edits until Discard', async () => {
    await editor.open();
    await editor.view('E2E link editing', crosswalkId);
    const before = await editor.links();
    const row = (from: string, to: string) =>
      before.findIndex((l) => l.from === from && l.to === to) + 1;
    const split = row('26', '26');
    const share = row('26', '27');
    // 0.6 + 0.3 leaves 26 short of 1, and ZZ is no KSIC industry.
    await editor.setLink(share, { weight: '0.3' });
    await editor.setLink(row('29', '29'), { to: 'ZZ' });
    // The editor flags the split before any request.
    expect(await editor.link(split).getByTestId('crosswalk-link-sum').textContent()).toContain(
      'sum to 0.9',
    );
    await editor.save();
    await editor.errors.waitFor();

    // The service names the first link of 26 for the sum, and the link with the unknown code.
    const sumError = editor.link(split).getByTestId('crosswalk-link-weight-error');
    expect(await sumError.textContent()).toContain('weights of 26');
    expect(await sumError.textContent()).toContain(
      `rows ${Math.min(split, share)}, ${Math.max(split, share)}`,
    );
    expect(
      await editor.link(row('29', '29')).getByTestId('crosswalk-link-to-error').textContent(),
    ).toContain('no industry ZZ');
    expect(await page.locator('[data-testid="crosswalk-link"][data-invalid]').count()).toBe(2);
    expect(await editor.errors.textContent()).toContain(`Row ${row('29', '29')}: to`);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({
      path: join(screenshotDir, 'mapping-crosswalk-editor.png'),
      fullPage: true,
    });

    // Nothing was written.
    expect(await savedLinks(crosswalkId)).toEqual(edited);

    // The edits outlast looking at another crosswalk.
    await editor.view('E2E other crosswalk', otherId);
    expect(await editor.links()).toEqual([{ from: '30', to: '30', weight: 1 }]);
    await editor.view('E2E link editing', crosswalkId);
    const kept = await editor.links();
    expect(kept[share - 1]).toEqual({ from: '26', to: '27', weight: 0.3 });
    expect(kept[row('29', '29') - 1]?.to).toBe('ZZ');
    expect(await editor.unsaved.count()).toBe(1);

    await editor.discard();
    expect(sorted(await editor.links())).toEqual(edited);
    expect(await editor.unsaved.count()).toBe(0);
    expect(await savedLinks(crosswalkId)).toEqual(edited);
  });

  it('pages a long crosswalk, filters it by code, and turns to the page of a row the server refuses', async () => {
    const links = (await api<CrosswalkDetail>('GET', `/api/v1/mapping/crosswalks/${bigId}`)).links;
    await editor.open();
    await editor.view('E2E many links', bigId);
    expect(await page.getByTestId('crosswalk-link').count()).toBe(100);
    expect(await page.getByTestId('total-count').getAttribute('data-total')).toBe(
      String(links.length),
    );

    // X01's eight rows, and the rows of X09..X15 that send to it: 8 + 7.
    expect(links).toHaveLength(120);
    await page.getByTestId('crosswalk-edit-filter').fill('X01');
    const filtered = await editor.links();
    expect(filtered).toHaveLength(15);
    expect(filtered.filter((l) => l.from === 'X01')).toHaveLength(8);
    expect(filtered.filter((l) => l.to === 'X01').map((l) => l.from)).toEqual([
      'X01',
      'X09',
      'X10',
      'X11',
      'X12',
      'X13',
      'X14',
      'X15',
    ]);
    await page.getByTestId('crosswalk-edit-filter').fill('');

    // The last link lives on the last page; the server's error there brings the user back to it.
    const last = links.length;
    await page.getByTestId('pagination').getByRole('button', { name: 'Next' }).click();
    await editor.link(last).waitFor();
    await editor.setLink(last, { to: 'ZZ' });
    await page.getByTestId('pagination').getByRole('button', { name: 'Previous' }).click();
    await editor.link(1).waitFor();
    await editor.save();
    await editor.errors.waitFor();
    expect(await editor.link(last).getByTestId('crosswalk-link-to-error').textContent()).toContain(
      'no industry ZZ',
    );
    expect(await editor.errors.textContent()).toContain(`Row ${last}: to`);
    expect(
      (await api<CrosswalkDetail>('GET', `/api/v1/mapping/crosswalks/${bigId}`)).links,
    ).toEqual(links);

    // Typing the saved code back leaves nothing unsaved and no stale error.
    await editor.setLink(last, { to: links[last - 1]!.toCode });
    expect(await editor.unsaved.count()).toBe(0);
    expect(await editor.errors.count()).toBe(0);
    expect(await page.getByTestId('crosswalk-edit-save').isDisabled()).toBe(true);
  });

  it('refuses a save over links saved meanwhile, then replaces them once the page shows them', async () => {
    await editor.open();
    await editor.view('E2E other crosswalk', otherId);
    const loaded = await api<CrosswalkDetail>('GET', `/api/v1/mapping/crosswalks/${otherId}`);
    await editor.setLink(1, { to: '29' });
    // Someone else saves the crosswalk while this page edits it.
    await api<CrosswalkDetail>('PUT', `/api/v1/mapping/crosswalks/${otherId}`, {
      name: loaded.name,
      fromClassificationId: loaded.fromClassificationId,
      toClassificationId: loaded.toClassificationId,
      source: loaded.source,
      links: [{ from: '30', to: '28', weight: 1 }],
    } satisfies CrosswalkInput);
    await editor.save();
    expect(await editor.errors.textContent()).toContain('after the version this edit started from');
    expect(await savedLinks(otherId)).toEqual([{ from: '30', to: '28', weight: 1 }]);
    // The page now has the newer version and says that Save replaces it; the edit is kept.
    await page.getByTestId('crosswalk-edit-stale').waitFor();
    await page.screenshot({ path: join(screenshotDir, 'mapping-crosswalk-conflict.png') });
    expect(await editor.links()).toEqual([{ from: '30', to: '29', weight: 1 }]);
    await editor.save();
    await editor.saved.waitFor();
    expect(await savedLinks(otherId)).toEqual([{ from: '30', to: '29', weight: 1 }]);
  });
});
