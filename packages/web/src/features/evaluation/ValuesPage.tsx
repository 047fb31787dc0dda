import type { EnteredValueInput, IndicatorValueCell } from '@innocluster/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { ApiError } from '../../api/api-client.ts';
import { evaluationApi, useEvaluationValues, useFrameworks } from '../../api/evaluation-client.ts';
import { useAuth } from '../../app/AuthProvider.tsx';
import { useI18n } from '../../app/I18nProvider.tsx';
import { useDocumentTitle } from '../../app/use-document-title.ts';
import { useUrlParams } from '../../app/use-url-params.ts';
import { ErrorMessage, Loading } from '../../components/QueryState.tsx';
import { SyntheticBadge } from '../../components/SyntheticBadge.tsx';
import { ProblemDetails } from '../mapping/MappingAdminNav.tsx';
import { EvaluationNav } from './EvaluationNav.tsx';
import { localeOf } from './evaluation-format.ts';

function numberParam(value: string | null): number | null {
  const n = Number(value);
  return value !== null && Number.isInteger(n) && n > 0 ? n : null;
}

/** The file's bytes as base64 (without the data-URL prefix). */
function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result);
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error('cannot read the file'));
    reader.readAsDataURL(file);
  });
}

/**
 * Data entry for one framework and year: a complex × indicator grid where the entered
 * indicators are editable and the computed ones are shown read-only beside them; a batch is
 * saved all or nothing and the server's per-row errors show on their cells. A CSV or XLSX file
 * imports the same way, with every bad row and field named.
 */
export function ValuesPage() {
  const { t, language } = useI18n();
  useDocumentTitle(t('evaluation.values.title'));
  const locale = localeOf(language);
  const auth = useAuth();
  const canEdit = auth.can('evaluations', 'update') || auth.can('evaluations', 'create');
  const { params, update } = useUrlParams();
  const queryClient = useQueryClient();
  const frameworks = useFrameworks();
  const frameworkId =
    numberParam(params.get('framework')) ??
    frameworks.data?.items.find((f) => f.latest)?.id ??
    null;
  const allYears = useEvaluationValues(frameworkId === null ? null : { frameworkId });
  const years = allYears.data?.years ?? [];
  const year = numberParam(params.get('year')) ?? years.at(-1) ?? null;
  const values = useEvaluationValues(
    frameworkId === null || year === null ? null : { frameworkId, year },
  );
  const data = values.data;
  const indicators = useMemo(() => {
    const list = data?.indicators ?? [];
    // Entered first (editable), computed after them, each in framework order.
    return [
      ...list.filter((i) => i.source.kind === 'entered'),
      ...list.filter((i) => i.source.kind === 'computed'),
    ];
  }, [data]);
  const cells = useMemo(() => {
    const map = new Map<string, IndicatorValueCell>();
    for (const c of data?.cells ?? []) {
      if (c.year === year) map.set(`${c.complexId}:${c.indicatorCode}`, c);
    }
    return map;
  }, [data, year]);
  const [edits, setEdits] = useState<Map<string, string>>(new Map());
  const [cellErrors, setCellErrors] = useState<Map<string, string>>(new Map());

  const save = useMutation({
    mutationFn: (batch: { key: string; input: EnteredValueInput }[]) =>
      evaluationApi.putValues({
        frameworkId: frameworkId as number,
        values: batch.map((b) => b.input),
      }),
    // The edits stay until the refetched values are in: cleared before, the cells would show the
    // old values for a moment (and "saved" beside them).
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['evaluation', 'values'] });
      setEdits(new Map());
      setCellErrors(new Map());
    },
    onError: (error, batch) => {
      // Field errors name the batch row (`values[3].value`): put each on its cell.
      const placed = new Map<string, string>();
      if (error instanceof ApiError) {
        for (const e of error.problem.errors ?? []) {
          const m = /values(?:\.|\[)(\d+)/.exec(e.field);
          const row = m ? batch[Number(m[1])] : undefined;
          if (row) placed.set(row.key, e.message);
        }
      }
      setCellErrors(placed);
    },
  });
  const batch = useMemo(() => {
    const out: { key: string; input: EnteredValueInput }[] = [];
    const invalid: string[] = [];
    for (const [key, text] of edits) {
      const [complexId, code] = [Number(key.split(':')[0]), key.slice(key.indexOf(':') + 1)];
      const trimmed = text.trim();
      const value = trimmed === '' ? null : Number(trimmed.replace(/,/g, ''));
      if (value !== null && !Number.isFinite(value)) {
        invalid.push(key);
        continue;
      }
      out.push({
        key,
        input: { indicatorCode: code, complexId, year: year as number, value },
      });
    }
    return { out, invalid };
  }, [edits, year]);

  const [importResult, setImportResult] = useState<string | null>(null);
  const importFile = useMutation({
    mutationFn: async (file: File) =>
      evaluationApi.importValues(frameworkId as number, file.name, await readBase64(file)),
    onSuccess: async (r) => {
      await queryClient.invalidateQueries({ queryKey: ['evaluation', 'values'] });
      setImportResult(
        `${r.rows} ${t('evaluation.values.rowsRead')}, ${r.written} ${t('evaluation.values.written')}, ${r.deleted} ${t('evaluation.values.deleted')}`,
      );
    },
    onError: () => setImportResult(null),
  });

  if (frameworks.error) return <ErrorMessage error={frameworks.error} />;
  return (
    <div className="page evaluation-page" data-testid="evaluation-values-page">
      <EvaluationNav />
      <div className="page-head">
        <h1>{t('evaluation.values.title')}</h1>
      </div>
      <p className="muted">{t('evaluation.values.intro')}</p>
      <div className="filters">
        <label>
          {t('evaluation.framework')}{' '}
          <select
            data-testid="values-framework"
            value={frameworkId ?? ''}
            onChange={(e) => {
              setEdits(new Map());
              update({ framework: e.target.value });
            }}
          >
            {(frameworks.data?.items ?? []).map((f) => (
              <option key={f.id} value={f.id}>
                {f.name} ({f.code} v{f.version})
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('evaluation.year')}{' '}
          <select
            data-testid="values-year"
            value={year ?? ''}
            onChange={(e) => {
              setEdits(new Map());
              update({ year: e.target.value });
            }}
          >
            {years.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </label>
        <span className="small muted">
          <span className="badge badge-synthetic">{t('common.synthetic')}</span>{' '}
          {t('evaluation.values.syntheticNote')}
        </span>
      </div>

      <section className="card" aria-labelledby="grid-title">
        <h2 id="grid-title">
          {t('evaluation.values.grid')} {year ?? ''}
        </h2>
        <p className="muted small">{t('evaluation.values.gridHint')}</p>
        {values.error ? (
          <ErrorMessage error={values.error} onRetry={() => void values.refetch()} />
        ) : !data ? (
          <Loading />
        ) : (
          <div className="table-wrap">
            <table className="table table-compact" data-testid="values-grid">
              <thead>
                <tr>
                  <th scope="col">{t('evaluation.complex')}</th>
                  {indicators.map((ind) => (
                    <th
                      key={ind.code}
                      scope="col"
                      className={`num${ind.source.kind === 'computed' ? ' cell-computed' : ''}`}
                      title={`${ind.name}${ind.description ? ` — ${ind.description}` : ''}; ${
                        ind.source.kind === 'computed'
                          ? `${t('evaluation.origin.computed')}: ${ind.source.formula}`
                          : `${t('evaluation.origin.entered')}${ind.source.origin ? `: ${ind.source.origin}` : ''}`
                      }`}
                    >
                      {ind.code}
                      <span className="th-sub">
                        {ind.unit}
                        {ind.source.kind === 'computed' && ` · ${t('evaluation.origin.computed')}`}
                      </span>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {data.complexes.map((cx) => (
                  <tr key={cx.id} data-complex={cx.name}>
                    <th scope="row">{cx.name}</th>
                    {indicators.map((ind) => {
                      const key = `${cx.id}:${ind.code}`;
                      const cell = cells.get(key);
                      if (ind.source.kind === 'computed')
                        return (
                          <td
                            key={ind.code}
                            className="num cell-computed"
                            data-col={ind.code}
                            title={t('evaluation.values.computedHint')}
                          >
                            {cell?.computed === null || cell?.computed === undefined
                              ? '—'
                              : cell.computed.toLocaleString(locale, { maximumFractionDigits: 2 })}
                          </td>
                        );
                      const edited = edits.get(key);
                      const stored = cell?.entered?.value;
                      const error =
                        cellErrors.get(key) ??
                        (batch.invalid.includes(key) ? t('evaluation.values.notNumber') : null);
                      return (
                        <td
                          key={ind.code}
                          className={`num${edited !== undefined ? ' cell-dirty' : ''}${error ? ' cell-error' : ''}`}
                          data-col={ind.code}
                        >
                          <input
                            className="cell-input"
                            inputMode="decimal"
                            data-testid={`value-${cx.id}-${ind.code}`}
                            aria-label={`${cx.name}: ${ind.name} (${ind.unit})`}
                            readOnly={!canEdit}
                            value={
                              edited ??
                              (stored === undefined || stored === null ? '' : String(stored))
                            }
                            onChange={(e) => setEdits((m) => new Map(m).set(key, e.target.value))}
                          />
                          {cell?.entered?.synthetic && edited === undefined && (
                            <span
                              className="badge badge-synthetic"
                              title={t('common.syntheticTitle')}
                              data-synthetic="true"
                            >
                              s
                            </span>
                          )}
                          {error && <span className="field-issue">{error}</span>}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {canEdit && (
          <div className="actions">
            <button
              type="button"
              className="button button-primary"
              data-testid="values-save"
              disabled={batch.out.length === 0 || batch.invalid.length > 0 || save.isPending}
              onClick={() => save.mutate(batch.out)}
            >
              {t('common.save')} ({batch.out.length})
            </button>
            <button
              type="button"
              className="button"
              disabled={edits.size === 0}
              onClick={() => {
                setEdits(new Map());
                setCellErrors(new Map());
              }}
            >
              {t('common.cancel')}
            </button>
            {save.isSuccess && (
              <span className="small muted" data-testid="values-saved">
                {t('common.saved')} {save.data.written} / {save.data.deleted}
              </span>
            )}
          </div>
        )}
        {save.error && <ProblemDetails error={save.error} testId="values-save-error" />}
      </section>

      {canEdit && (
        <section className="card" aria-labelledby="import-title">
          <h2 id="import-title">{t('evaluation.values.importTitle')}</h2>
          <p className="muted small">{t('evaluation.values.importHint')}</p>
          <input
            type="file"
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            data-testid="values-import-file"
            disabled={frameworkId === null || importFile.isPending}
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) importFile.mutate(file);
              e.target.value = '';
            }}
          />
          {importFile.isPending && <Loading />}
          {importResult && (
            <p className="notice" data-testid="values-import-result">
              {importResult}
            </p>
          )}
          {importFile.error && (
            <ProblemDetails error={importFile.error} testId="values-import-error" />
          )}
        </section>
      )}
      {data && data.cells.some((c) => c.entered?.synthetic) && (
        <p className="small muted">
          <SyntheticBadge /> {t('evaluation.values.syntheticPresent')}
        </p>
      )}
    </div>
  );
}
