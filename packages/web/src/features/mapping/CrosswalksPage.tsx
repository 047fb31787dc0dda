import type { Crosswalk, CrosswalkDetail, CrosswalkInput } from '@innocluster/contracts';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { api, ApiError, type RowOf } from '../../api/api-client.ts';
import {
  mappingAdminApi,
  useCrosswalk,
  useCrosswalks,
  useMappingChange,
} from '../../api/mapping-admin-client.ts';
import { useAuth } from '../../app/AuthProvider.tsx';
import { useI18n } from '../../app/I18nProvider.tsx';
import { useDocumentTitle } from '../../app/use-document-title.ts';
import { QueryState } from '../../components/QueryState.tsx';
import type { CrosswalkDraft } from './crosswalk-draft.ts';
import { parseCrosswalkLinks, type LinkProblem } from './crosswalk-links.ts';
import { CrosswalkLinksEditor } from './CrosswalkLinksEditor.tsx';
import { fillIn, ProblemDetails } from './MappingAdminNav.tsx';

type Classification = RowOf<'industry-classifications'>;

function useClassifications() {
  return useQuery({
    queryKey: ['registry', 'industry-classifications', 'all'],
    queryFn: async () => (await api.list('industry-classifications', { pageSize: 1000 })).items,
  });
}

function classificationLabel(c: Classification | undefined, id: number): string {
  return c ? `${c.code} ${c.vintage}` : `#${id}`;
}

/** Server errors name links by index (`body.links[3].from`); the user knows them by line. */
function withLines(error: unknown, rows: number[]): unknown {
  if (!(error instanceof ApiError) || !error.problem.errors) return error;
  return new ApiError({
    ...error.problem,
    errors: error.problem.errors.map((e) => {
      const match = /^body\.links\[(\d+)\](.*)$/.exec(e.field);
      const row = match ? rows[Number(match[1])] : undefined;
      return row === undefined
        ? e
        : {
            field: `line ${row}${match![2] ? `: ${match![2].replace(/^\./, '')}` : ''}`,
            message: e.message,
          };
    }),
  });
}

function CrosswalkForm({
  classifications,
  onCreated,
}: {
  classifications: Classification[];
  onCreated: (c: Crosswalk) => void;
}) {
  const { t } = useI18n();
  const first = classifications[0]?.id ?? 0;
  const [name, setName] = useState('');
  const [from, setFrom] = useState(first);
  const [to, setTo] = useState(classifications[1]?.id ?? first);
  const [source, setSource] = useState('');
  const [text, setText] = useState('');
  const [problems, setProblems] = useState<LinkProblem[]>([]);
  const [rows, setRows] = useState<number[]>([]);
  const create = useMappingChange((body: CrosswalkInput) => mappingAdminApi.createCrosswalk(body));
  async function readFile(file: File | undefined) {
    if (file) setText(await file.text());
  }
  function submit(event: FormEvent) {
    event.preventDefault();
    const parsed = parseCrosswalkLinks(text);
    setProblems(parsed.problems);
    setRows(parsed.rows);
    if (parsed.problems.length > 0) return;
    create.mutate(
      {
        name: name.trim(),
        fromClassificationId: from,
        toClassificationId: to,
        source: source.trim() || null,
        links: parsed.links,
      },
      {
        onSuccess: (c) => {
          setName('');
          setText('');
          onCreated(c);
        },
      },
    );
  }
  return (
    <form className="entity-form card" onSubmit={submit} noValidate data-testid="crosswalk-form">
      <h2>{t('mappingAdmin.crosswalks.new')}</h2>
      {problems.length > 0 && (
        <div className="form-errors" role="alert" data-testid="crosswalk-form-errors">
          <strong>{t('mappingAdmin.crosswalks.badLines')}</strong>
          <ul className="problem-list">
            {problems.map((p, i) => (
              <li key={i}>
                <code>line {p.row}</code>: {p.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      {create.error && (
        <ProblemDetails error={withLines(create.error, rows)} testId="crosswalk-form-errors" />
      )}
      <div className="form-grid">
        <label className="field">
          <span className="field-label">{t('mappingAdmin.name')}</span>
          <input
            data-testid="crosswalk-name"
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
        </label>
        <label className="field">
          <span className="field-label">{t('mappingAdmin.crosswalks.from')}</span>
          <select
            data-testid="crosswalk-from"
            value={from}
            onChange={(e) => setFrom(Number(e.target.value))}
          >
            {classifications.map((c) => (
              <option key={c.id} value={c.id}>
                {classificationLabel(c, c.id)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field-label">{t('mappingAdmin.crosswalks.to')}</span>
          <select
            data-testid="crosswalk-to"
            value={to}
            onChange={(e) => setTo(Number(e.target.value))}
          >
            {classifications.map((c) => (
              <option key={c.id} value={c.id}>
                {classificationLabel(c, c.id)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field-label">{t('common.source')}</span>
          <input value={source} onChange={(e) => setSource(e.target.value)} />
        </label>
      </div>
      <label className="field">
        <span className="field-label">{t('mappingAdmin.crosswalks.links')}</span>
        <textarea
          rows={8}
          data-testid="crosswalk-links"
          value={text}
          placeholder={'from,to,weight\nC26,C26,0.6\nC26,C27,0.4'}
          onChange={(e) => setText(e.target.value)}
        />
      </label>
      <label className="field">
        <span className="field-label">{t('mappingAdmin.crosswalks.file')}</span>
        <input
          type="file"
          accept=".csv,.txt,text/csv"
          data-testid="crosswalk-file"
          onChange={(e) => void readFile(e.target.files?.[0])}
        />
      </label>
      <p className="muted small">{t('mappingAdmin.crosswalks.linksHint')}</p>
      <div className="form-actions">
        <button
          type="submit"
          className="button button-primary"
          data-testid="crosswalk-create"
          disabled={create.isPending || name.trim() === '' || text.trim() === ''}
        >
          {t('common.create')}
        </button>
      </div>
    </form>
  );
}

function CrosswalkLinks({
  id,
  canEdit,
  draft,
  onDraft,
}: {
  id: number;
  canEdit: boolean;
  draft: CrosswalkDraft | undefined;
  onDraft: (draft: CrosswalkDraft | null) => void;
}) {
  const { t } = useI18n();
  const detail = useCrosswalk(id);
  return (
    <QueryState query={detail}>
      {(c) => (
        <section className="card" data-testid="crosswalk-detail" data-id={c.id}>
          <h2>{fillIn(t('mappingAdmin.crosswalks.linksOf'), { name: c.name })}</h2>
          {c.description && <p className="muted">{c.description}</p>}
          {canEdit ? (
            <CrosswalkLinksEditor crosswalk={c} draft={draft} onDraft={onDraft} />
          ) : (
            <CrosswalkLinksTable crosswalk={c} />
          )}
        </section>
      )}
    </QueryState>
  );
}

/** The links read-only, for those who may not change them. */
function CrosswalkLinksTable({ crosswalk: c }: { crosswalk: CrosswalkDetail }) {
  const { t } = useI18n();
  return (
    <>
      <div className="table-wrap">
        <table className="table">
          <thead>
            <tr>
              <th>{t('mappingAdmin.crosswalks.fromCode')}</th>
              <th>{t('mappingAdmin.crosswalks.toCode')}</th>
              <th className="num" title={t('mappingAdmin.crosswalks.weightTitle')}>
                {t('mappingAdmin.crosswalks.weight')}
              </th>
            </tr>
          </thead>
          <tbody>
            {c.links.slice(0, 2000).map((l) => (
              <tr key={`${l.fromIndustryId}-${l.toIndustryId}`} data-testid="crosswalk-link">
                <td>
                  <code>{l.fromCode}</code>
                </td>
                <td>
                  <code>{l.toCode}</code>
                </td>
                <td className="num">
                  {l.weight.toLocaleString(undefined, { maximumFractionDigits: 6 })}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {c.links.length > 2000 && (
        <p className="muted small">
          {fillIn(t('mappingAdmin.crosswalks.moreLinks'), { count: c.links.length - 2000 })}
        </p>
      )}
    </>
  );
}

/**
 * Industry crosswalks between classification vintages: the list, a new crosswalk from pasted or
 * uploaded `from,to,weight` lines, its links (edited in place by those who may update), and
 * deletion.
 */
export function CrosswalksPage() {
  const { t } = useI18n();
  useDocumentTitle(t('mappingAdmin.crosswalks.title'));
  const auth = useAuth();
  const crosswalks = useCrosswalks();
  const classifications = useClassifications();
  const [shown, setShown] = useState<number | null>(null);
  const [adding, setAdding] = useState(false);
  // Unsaved link edits by crosswalk, so looking at another crosswalk does not lose them.
  const [drafts, setDrafts] = useState<ReadonlyMap<number, CrosswalkDraft>>(new Map());
  const remove = useMappingChange((id: number) => mappingAdminApi.deleteCrosswalk(id));
  const byId = new Map((classifications.data ?? []).map((c) => [c.id, c]));
  const canCreate = auth.can('mapping', 'create');
  const canUpdate = auth.can('mapping', 'update');
  const canDelete = auth.can('mapping', 'delete');
  const unsaved = drafts.size > 0;
  useEffect(() => {
    if (!unsaved) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [unsaved]);
  function setDraft(id: number, draft: CrosswalkDraft | null) {
    setDrafts((before) => {
      const after = new Map(before);
      if (draft) after.set(id, draft);
      else after.delete(id);
      return after;
    });
  }
  return (
    <div className="page mapping-admin-page">
      <div className="page-head">
        <h1>{t('mappingAdmin.crosswalks.title')}</h1>
        {canCreate && (
          <button
            type="button"
            className="button button-primary"
            data-testid="crosswalk-new"
            onClick={() => setAdding((a) => !a)}
          >
            {t('mappingAdmin.crosswalks.new')}
          </button>
        )}
      </div>
      <p className="muted">{t('mappingAdmin.crosswalks.intro')}</p>
      {adding && classifications.data && (
        <CrosswalkForm
          classifications={classifications.data}
          onCreated={(c) => {
            setAdding(false);
            setShown(c.id);
          }}
        />
      )}
      {remove.error && <ProblemDetails error={remove.error} testId="crosswalk-delete-error" />}
      <QueryState query={crosswalks}>
        {(rows) =>
          rows.length === 0 ? (
            <p className="muted" data-testid="crosswalks-empty">
              {t('mappingAdmin.crosswalks.empty')}
            </p>
          ) : (
            <div className="table-wrap">
              <table className="table" data-testid="crosswalks-table">
                <thead>
                  <tr>
                    <th>{t('mappingAdmin.name')}</th>
                    <th>{t('mappingAdmin.crosswalks.from')}</th>
                    <th>{t('mappingAdmin.crosswalks.to')}</th>
                    <th className="num">{t('mappingAdmin.crosswalks.linkCount')}</th>
                    <th>{t('common.source')}</th>
                    <th>{t('common.actions')}</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((c) => (
                    <tr key={c.id} data-testid="crosswalk-row" data-name={c.name}>
                      <td>
                        <strong>{c.name}</strong>
                        {drafts.has(c.id) && (
                          <>
                            {' '}
                            <span className="badge" data-testid="crosswalk-row-unsaved">
                              {t('mappingAdmin.crosswalks.edit.unsavedMark')}
                            </span>
                          </>
                        )}
                      </td>
                      <td>
                        {classificationLabel(
                          byId.get(c.fromClassificationId),
                          c.fromClassificationId,
                        )}
                      </td>
                      <td>
                        {classificationLabel(byId.get(c.toClassificationId), c.toClassificationId)}
                      </td>
                      <td className="num">{c.linkCount.toLocaleString()}</td>
                      <td className="small">{c.source ?? t('common.none')}</td>
                      <td>
                        <div className="actions">
                          <button
                            type="button"
                            className="button button-small"
                            data-testid="crosswalk-view"
                            onClick={() => setShown(c.id)}
                          >
                            {t('mappingAdmin.crosswalks.view')}
                          </button>
                          {canDelete && (
                            <button
                              type="button"
                              className="button button-small button-danger"
                              data-testid="crosswalk-delete"
                              onClick={() => {
                                if (
                                  window.confirm(
                                    fillIn(t('mappingAdmin.crosswalks.confirmDelete'), {
                                      name: c.name,
                                    }),
                                  )
                                ) {
                                  if (shown === c.id) setShown(null);
                                  setDraft(c.id, null);
                                  remove.mutate(c.id);
                                }
                              }}
                            >
                              {t('common.delete')}
                            </button>
                          )}
                        </div>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </QueryState>
      {shown !== null && (
        <CrosswalkLinks
          key={shown}
          id={shown}
          canEdit={canUpdate}
          draft={drafts.get(shown)}
          onDraft={(draft) => setDraft(shown, draft)}
        />
      )}
    </div>
  );
}
