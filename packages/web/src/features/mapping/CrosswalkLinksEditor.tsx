import type { CrosswalkDetail, CrosswalkInput } from '@innocluster/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { ApiError } from '../../api/api-client.ts';
import { mappingAdminApi, useMappingChange } from '../../api/mapping-admin-client.ts';
import { useI18n } from '../../app/I18nProvider.tsx';
import { Pagination } from '../../components/Pagination.tsx';
import {
  draftOf,
  isChanged,
  linksOf,
  matchesFilter,
  problemsByRow,
  weightSums,
  withRowNumbers,
  type CrosswalkDraft,
  type LinkDraftRow,
  type RowProblems,
} from './crosswalk-draft.ts';
import { fillIn, ProblemDetails, useAllIndustries } from './MappingAdminNav.tsx';

const pageSize = 100;

/** What the server said about the last Save that it refused. */
interface Refusal {
  error: ApiError | Error;
  byRow: Map<number, RowProblems>;
}

type Field = 'from' | 'to' | 'weight';

/**
 * The links of one crosswalk as an editable table: change, add and remove rows, then Save sends
 * the whole set through the PUT that replaces the crosswalk's links. The draft lives with the
 * caller (`draft`, `onDraft`), so unsaved rows outlast switching to another crosswalk; the
 * server's field errors are shown on the row and field they name.
 */
export function CrosswalkLinksEditor({
  crosswalk,
  draft,
  onDraft,
}: {
  crosswalk: CrosswalkDetail;
  draft: CrosswalkDraft | undefined;
  onDraft: (draft: CrosswalkDraft | null) => void;
}) {
  const { t } = useI18n();
  const industries = useAllIndustries();
  const [filter, setFilter] = useState('');
  const [page, setPage] = useState(1);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [saved, setSaved] = useState<number | null>(null);
  const [focusKey, setFocusKey] = useState<number | null>(null);
  const queryClient = useQueryClient();
  const save = useMappingChange((body: CrosswalkInput) =>
    mappingAdminApi.updateCrosswalk(crosswalk.id, body),
  );

  const current = draft ?? draftOf(crosswalk);
  const rows = current.rows;
  // The caller drops the draft when the rows are back to the saved links (see `change`).
  const changed = draft !== undefined;
  const stale = draft !== undefined && draft.baseUpdatedAt !== crosswalk.updatedAt;
  const sums = useMemo(() => weightSums(rows), [rows]);
  const position = useMemo(() => new Map(rows.map((r, i) => [r.key, i])), [rows]);
  const visible = rows.filter((r) => r.key >= current.firstNewKey || matchesFilter(r, filter));
  const pages = Math.max(1, Math.ceil(visible.length / pageSize));
  const shownPage = Math.min(page, pages);
  const shown = visible.slice((shownPage - 1) * pageSize, shownPage * pageSize);

  const codes = useMemo(() => {
    const of = (classificationId: number) =>
      (industries.data ?? []).filter((i) => i.classificationId === classificationId);
    return { from: of(crosswalk.fromClassificationId), to: of(crosswalk.toClassificationId) };
  }, [industries.data, crosswalk.fromClassificationId, crosswalk.toClassificationId]);

  useEffect(() => {
    if (focusKey === null) return;
    document
      .querySelector<HTMLInputElement>(
        `[data-testid="crosswalk-link"][data-key="${focusKey}"] input`,
      )
      ?.focus();
    setFocusKey(null);
  }, [focusKey, shown]);

  function change(rowsAfter: LinkDraftRow[], nextKey = current.nextKey) {
    setSaved(null);
    if (isChanged(rowsAfter, crosswalk.links)) {
      onDraft({ ...current, rows: rowsAfter, nextKey });
      return;
    }
    // Back to the saved links: nothing is unsaved, and errors about another set are moot.
    onDraft(null);
    setRefusal(null);
  }

  /** Editing a field takes its server error away: what is left is what still needs a look. */
  function forget(key: number, field: Field) {
    if (!refusal?.byRow.has(key)) return;
    const byRow = new Map(refusal.byRow);
    const rest: RowProblems = { ...byRow.get(key) };
    delete rest[field];
    if (Object.keys(rest).length === 0) byRow.delete(key);
    else byRow.set(key, rest);
    setRefusal({ ...refusal, byRow });
  }

  function edit(key: number, field: Field, value: string) {
    forget(key, field);
    change(rows.map((r) => (r.key === key ? { ...r, [field]: value } : r)));
  }

  function add() {
    const key = current.nextKey;
    change([...rows, { key, from: '', to: '', weight: '1' }], key + 1);
    setPage(Math.ceil((visible.length + 1) / pageSize));
    setFocusKey(key);
  }

  function remove(key: number) {
    if (refusal?.byRow.has(key)) {
      const byRow = new Map(refusal.byRow);
      byRow.delete(key);
      setRefusal({ ...refusal, byRow });
    }
    change(rows.filter((r) => r.key !== key));
  }

  function discard() {
    if (changed && !window.confirm(t('mappingAdmin.crosswalks.edit.confirmDiscard'))) return;
    onDraft(null);
    setRefusal(null);
    setSaved(null);
  }

  function submit() {
    const sentKeys = rows.map((r) => r.key);
    setRefusal(null);
    setSaved(null);
    save.mutate(
      {
        name: crosswalk.name,
        fromClassificationId: crosswalk.fromClassificationId,
        toClassificationId: crosswalk.toClassificationId,
        description: crosswalk.description,
        source: crosswalk.source,
        links: linksOf(rows),
        // The version this page shows: the server refuses the save when someone saved after it.
        // Once the page has the newer version, the stale notice says Save replaces it.
        baseUpdatedAt: crosswalk.updatedAt,
      },
      {
        onSuccess: (after) => {
          onDraft(null);
          setSaved(after.links.length);
        },
        onError: (error) => {
          if (error instanceof ApiError && error.status === 409)
            void queryClient.invalidateQueries({ queryKey: ['mapping'] });
          const { byRow } = problemsByRow(
            error instanceof ApiError ? (error.problem.errors ?? []) : [],
            sentKeys,
          );
          setRefusal({ error, byRow });
          // Show the first row with a problem, wherever the filter and paging had left the user.
          const first = rows.find((r) => byRow.has(r.key));
          if (first) {
            setFilter('');
            setPage(Math.floor(position.get(first.key)! / pageSize) + 1);
          }
        },
      },
    );
  }

  const rowWord = t('mappingAdmin.crosswalks.edit.row');
  const rowsWord = t('mappingAdmin.crosswalks.edit.rows');
  /** The refusal with link indexes turned into the row numbers the table shows. */
  const summary = useMemo(() => {
    if (!refusal) return null;
    const error = refusal.error;
    if (!(error instanceof ApiError)) return error;
    return new ApiError({
      ...error.problem,
      errors: (error.problem.errors ?? []).map((e) => {
        const match = /^body\.links(?:\[(\d+)\]|\.(\d+))(?:\.(\w+))?$/.exec(e.field);
        const message = withRowNumbers(e.message, rowWord, rowsWord);
        if (!match) return { field: e.field.replace(/^body\./, ''), message };
        const at = `${rowWord} ${Number(match[1] ?? match[2]) + 1}`;
        return { field: match[3] ? `${at}: ${match[3]}` : at, message };
      }),
    });
  }, [refusal, rowWord, rowsWord]);

  const cellProblem = (problems: RowProblems | undefined, field: Field, testId: string) =>
    problems?.[field] ? (
      <span className="field-error" role="alert" data-testid={testId}>
        {withRowNumbers(problems[field], rowWord, rowsWord)}
      </span>
    ) : null;

  return (
    <div className="crosswalk-editor" data-testid="crosswalk-editor">
      <p className="hint" data-testid="crosswalk-edit-rules">
        {t('mappingAdmin.crosswalks.edit.rules')}
      </p>
      {stale && (
        <p className="notice notice-warning" role="status" data-testid="crosswalk-edit-stale">
          {t('mappingAdmin.crosswalks.edit.stale')}
        </p>
      )}
      {saved !== null && (
        <p className="notice" role="status" data-testid="crosswalk-edit-saved">
          {fillIn(t('mappingAdmin.crosswalks.edit.saved'), { count: saved })}
        </p>
      )}
      {changed && (
        <p className="notice notice-warning" role="status" data-testid="crosswalk-edit-unsaved">
          {fillIn(t('mappingAdmin.crosswalks.edit.unsaved'), {
            count: rows.length,
            saved: crosswalk.links.length,
          })}
        </p>
      )}
      {summary && <ProblemDetails error={summary} testId="crosswalk-edit-errors" />}
      <div className="form-actions">
        <label className="field">
          <span className="field-label">{t('mappingAdmin.crosswalks.edit.filter')}</span>
          <input
            className="input input-short"
            data-testid="crosswalk-edit-filter"
            value={filter}
            onChange={(e) => {
              setFilter(e.target.value);
              setPage(1);
            }}
          />
        </label>
        <button
          type="button"
          className="button button-primary"
          data-testid="crosswalk-edit-save"
          disabled={!changed || save.isPending}
          onClick={submit}
        >
          {t('mappingAdmin.crosswalks.edit.save')}
        </button>
        <button
          type="button"
          className="button"
          data-testid="crosswalk-edit-discard"
          disabled={!changed || save.isPending}
          onClick={discard}
        >
          {t('mappingAdmin.crosswalks.edit.discard')}
        </button>
      </div>
      <datalist id={`crosswalk-${crosswalk.id}-from-codes`}>
        {codes.from.map((i) => (
          <option key={i.id} value={i.code}>
            {i.name}
          </option>
        ))}
      </datalist>
      <datalist id={`crosswalk-${crosswalk.id}-to-codes`}>
        {codes.to.map((i) => (
          <option key={i.id} value={i.code}>
            {i.name}
          </option>
        ))}
      </datalist>
      <div className="table-wrap">
        <table className="table" data-testid="crosswalk-edit-table">
          <thead>
            <tr>
              <th className="num">{rowWord}</th>
              <th>{t('mappingAdmin.crosswalks.fromCode')}</th>
              <th>{t('mappingAdmin.crosswalks.toCode')}</th>
              <th title={t('mappingAdmin.crosswalks.weightTitle')}>
                {t('mappingAdmin.crosswalks.weight')}
              </th>
              <th>{t('common.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((r) => {
              const problems = refusal?.byRow.get(r.key);
              const index = position.get(r.key)!;
              const sum = sums.get(r.from.trim());
              return (
                <tr
                  key={r.key}
                  data-testid="crosswalk-link"
                  data-key={r.key}
                  data-row={index + 1}
                  data-from={r.from}
                  data-to={r.to}
                  data-invalid={problems ? 'true' : undefined}
                >
                  <td className="num">{index + 1}</td>
                  <td className={problems?.from ? 'field-invalid' : undefined}>
                    <input
                      className="input input-short"
                      data-testid="crosswalk-link-from"
                      aria-label={`${t('mappingAdmin.crosswalks.fromCode')} ${index + 1}`}
                      aria-invalid={problems?.from ? true : undefined}
                      list={`crosswalk-${crosswalk.id}-from-codes`}
                      value={r.from}
                      onChange={(e) => edit(r.key, 'from', e.target.value)}
                    />
                    {cellProblem(problems, 'from', 'crosswalk-link-from-error')}
                  </td>
                  <td className={problems?.to ? 'field-invalid' : undefined}>
                    <input
                      className="input input-short"
                      data-testid="crosswalk-link-to"
                      aria-label={`${t('mappingAdmin.crosswalks.toCode')} ${index + 1}`}
                      aria-invalid={problems?.to ? true : undefined}
                      list={`crosswalk-${crosswalk.id}-to-codes`}
                      value={r.to}
                      onChange={(e) => edit(r.key, 'to', e.target.value)}
                    />
                    {cellProblem(problems, 'to', 'crosswalk-link-to-error')}
                  </td>
                  <td className={problems?.weight ? 'field-invalid' : undefined}>
                    <input
                      className="input input-short"
                      inputMode="decimal"
                      data-testid="crosswalk-link-weight"
                      aria-label={`${t('mappingAdmin.crosswalks.weight')} ${index + 1}`}
                      aria-invalid={problems?.weight ? true : undefined}
                      value={r.weight}
                      onChange={(e) => edit(r.key, 'weight', e.target.value)}
                    />
                    {cellProblem(problems, 'weight', 'crosswalk-link-weight-error')}
                    {sum && !sum.balanced && !problems?.weight && (
                      <span className="hint" data-testid="crosswalk-link-sum">
                        {fillIn(t('mappingAdmin.crosswalks.edit.sum'), {
                          code: r.from.trim(),
                          sum: Number(sum.sum.toPrecision(12)),
                        })}
                      </span>
                    )}
                  </td>
                  <td>
                    <button
                      type="button"
                      className="button button-small button-danger"
                      data-testid="crosswalk-link-remove"
                      onClick={() => remove(r.key)}
                    >
                      {t('mappingAdmin.crosswalks.edit.remove')}
                    </button>
                    {problems?.row && (
                      <span className="field-error" role="alert" data-testid="crosswalk-link-error">
                        {withRowNumbers(problems.row, rowWord, rowsWord)}
                      </span>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {visible.length > pageSize && (
        <Pagination page={shownPage} pageSize={pageSize} total={visible.length} onPage={setPage} />
      )}
      <div className="form-actions">
        <button type="button" className="button" data-testid="crosswalk-edit-add" onClick={add}>
          {t('mappingAdmin.crosswalks.edit.add')}
        </button>
      </div>
    </div>
  );
}
