import {
  businessRelationKinds,
  type BusinessRelationRow,
  type ConflictDeclarationRow,
  type EvaluatorRow,
} from '@innocluster/contracts';
import { useMutation, useQuery, useQueryClient, type UseQueryResult } from '@tanstack/react-query';
import { useState, type FormEvent, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { api, ApiError, requestJson } from '../../api/api-client.ts';
import { useI18n } from '../../app/I18nProvider.tsx';
import { ErrorMessage, Loading } from '../../components/QueryState.tsx';
import { SyntheticBadge } from '../../components/SyntheticBadge.tsx';
import { OrganisationSelect } from '../intake/IntakeParts.tsx';
import { ProblemDetails } from '../mapping/MappingAdminNav.tsx';

const relationsKey = ['review', 'business-relations'] as const;
const declarationsKey = ['review', 'conflict-declarations'] as const;

const fieldErrorsOf = (error: unknown): Record<string, string> =>
  error instanceof ApiError ? error.fieldErrors : {};

/**
 * The sources of conflicts of interest that officers enter by hand, on the evaluator pool
 * page: business relations between organisations (supplier, customer, shareholder) and
 * declarations for an evaluator. The conflict check of every call reads both.
 */
export function ConflictSourcesSection({ evaluators }: { evaluators: readonly EvaluatorRow[] }) {
  return (
    <>
      <BusinessRelations />
      <Declarations evaluators={evaluators} />
    </>
  );
}

function BusinessRelations() {
  const { t } = useI18n();
  const client = useQueryClient();
  const relations = useQuery({
    queryKey: relationsKey,
    queryFn: () => requestJson<BusinessRelationRow[]>('GET', '/api/v1/business-relations'),
  });
  const [from, setFrom] = useState<number | null>(null);
  const [to, setTo] = useState<number | null>(null);
  const [kind, setKind] = useState<string>('supplier');
  const [since, setSince] = useState('');
  const [until, setUntil] = useState('');
  const [source, setSource] = useState('');
  const refresh = () => void client.invalidateQueries({ queryKey: ['review'] });
  const create = useMutation({
    mutationFn: () =>
      requestJson<BusinessRelationRow>('POST', '/api/v1/business-relations', {
        fromOrganisationId: from,
        toOrganisationId: to,
        kind,
        since: since || null,
        until: until || null,
        source: source.trim() || null,
      }),
    onSuccess: () => {
      setTo(null);
      setSince('');
      setUntil('');
      setSource('');
      refresh();
    },
  });
  const errors = fieldErrorsOf(create.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };
  return (
    <section className="card" data-testid="business-relations">
      <h2>{t('review.relations')}</h2>
      <p className="muted small">{t('review.relationsHint')}</p>
      <RemovableRecords
        query={relations}
        emptyText={t('review.relationsEmpty')}
        testId="business-relation-list"
        deleteErrorTestId="business-relation-delete-error"
        deletePath={(id) => `/api/v1/business-relations/${id}`}
        headers={[
          t('review.relationFrom'),
          t('review.relationKind'),
          t('review.relationTo'),
          t('review.relationSince'),
          t('review.relationUntil'),
          t('review.relationSource'),
        ]}
        cells={(r) => (
          <>
            <td>
              {r.fromOrganisationName} {r.synthetic && <SyntheticBadge />}
            </td>
            <td>{t(`review.relationKind.${r.kind}`)}</td>
            <td>{r.toOrganisationName}</td>
            <td>{r.since ?? '–'}</td>
            <td>{r.until ?? '–'}</td>
            <td className="small">{r.source ?? ''}</td>
          </>
        )}
      />
      <form className="form-grid" onSubmit={submit} data-testid="business-relation-form">
        <div className="field">
          <OrganisationSelect
            value={from}
            onChange={(v) => setFrom(v)}
            testId="relation-from"
            label={t('review.relationFrom')}
          />
          {errors.fromOrganisationId && (
            <span className="field-error">{errors.fromOrganisationId}</span>
          )}
        </div>
        <label className="field">
          <span className="field-label">{t('review.relationKind')}</span>
          <select
            className="input"
            value={kind}
            data-testid="relation-kind"
            onChange={(e) => setKind(e.target.value)}
          >
            {businessRelationKinds.map((k) => (
              <option key={k} value={k}>
                {t(`review.relationKind.${k}`)}
              </option>
            ))}
          </select>
        </label>
        <div className="field">
          <OrganisationSelect
            value={to}
            onChange={(v) => setTo(v)}
            testId="relation-to"
            label={t('review.relationTo')}
          />
          {errors.toOrganisationId && (
            <span className="field-error" data-testid="relation-to-error">
              {errors.toOrganisationId}
            </span>
          )}
        </div>
        <label className="field">
          <span className="field-label">{t('review.relationSince')}</span>
          <input
            className="input"
            type="date"
            value={since}
            onChange={(e) => setSince(e.target.value)}
          />
          {errors.since && <span className="field-error">{errors.since}</span>}
        </label>
        <label className="field">
          <span className="field-label">{t('review.relationUntil')}</span>
          <input
            className="input"
            type="date"
            value={until}
            onChange={(e) => setUntil(e.target.value)}
          />
          {errors.until && <span className="field-error">{errors.until}</span>}
        </label>
        <label className="field">
          <span className="field-label">{t('review.relationSource')}</span>
          <input className="input" value={source} onChange={(e) => setSource(e.target.value)} />
        </label>
        {create.error && (
          <ProblemDetails error={create.error} testId="business-relation-form-error" />
        )}
        <div className="form-actions">
          <button
            type="submit"
            className="button button-primary"
            disabled={create.isPending}
            data-testid="relation-save"
          >
            {t('review.addRelation')}
          </button>
        </div>
      </form>
    </section>
  );
}

/** A declaration row carries the organisation id only: its name from the registry (cached). */
function OrganisationName({ id }: { id: number }) {
  const org = useQuery({
    queryKey: ['registry', 'organisations', 'one', id],
    queryFn: () => api.get('organisations', id),
  });
  return <>{(org.data?.name as string | undefined) ?? `#${id}`}</>;
}

function Declarations({ evaluators }: { evaluators: readonly EvaluatorRow[] }) {
  const { t } = useI18n();
  const client = useQueryClient();
  const declarations = useQuery({
    queryKey: declarationsKey,
    queryFn: () => requestJson<ConflictDeclarationRow[]>('GET', '/api/v1/conflict-declarations'),
  });
  const [evaluatorId, setEvaluatorId] = useState('');
  const [organisation, setOrganisation] = useState<number | null>(null);
  const [proposalId, setProposalId] = useState('');
  const [kind, setKind] = useState<'declared' | 'personal'>('declared');
  const [reason, setReason] = useState('');
  const refresh = () => void client.invalidateQueries({ queryKey: ['review'] });
  const create = useMutation({
    mutationFn: () =>
      requestJson<ConflictDeclarationRow>('POST', '/api/v1/conflict-declarations', {
        evaluatorId: Number(evaluatorId) || undefined,
        organisationId: organisation,
        proposalId: proposalId.trim() === '' ? null : Number(proposalId),
        kind,
        reason,
      }),
    onSuccess: () => {
      setOrganisation(null);
      setProposalId('');
      setReason('');
      refresh();
    },
  });
  const errors = fieldErrorsOf(create.error);
  const nameOf = (id: number) => evaluators.find((e) => e.id === id)?.name ?? `#${id}`;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };
  return (
    <section className="card" data-testid="conflict-declarations">
      <h2>{t('review.declarations')}</h2>
      <p className="muted small">{t('review.declarationsHint')}</p>
      <RemovableRecords
        query={declarations}
        emptyText={t('review.declarationsEmpty')}
        testId="declaration-list"
        deleteErrorTestId="declaration-delete-error"
        deletePath={(id) => `/api/v1/conflict-declarations/${id}`}
        headers={[
          t('review.evaluator'),
          t('review.declarationKind'),
          t('review.proposalId'),
          t('review.relationTo'),
          t('review.reason'),
        ]}
        cells={(d) => (
          <>
            <td>{nameOf(d.evaluatorId)}</td>
            <td>{t(`review.declarationKind.${d.kind}`)}</td>
            <td>
              {d.proposalId === null ? (
                '–'
              ) : (
                <Link to={`/intake/proposals/${d.proposalId}`}>{d.proposalId}</Link>
              )}
            </td>
            <td>{d.organisationId === null ? '–' : <OrganisationName id={d.organisationId} />}</td>
            <td className="small">{d.reason}</td>
          </>
        )}
      />
      <form className="form-grid" onSubmit={submit} data-testid="declaration-form">
        <label className="field">
          <span className="field-label">{t('review.evaluator')}</span>
          <select
            className="input"
            required
            value={evaluatorId}
            data-testid="declaration-evaluator"
            onChange={(e) => setEvaluatorId(e.target.value)}
          >
            <option value="" />
            {evaluators.map((e) => (
              <option key={e.id} value={e.id}>
                {e.name}
              </option>
            ))}
          </select>
          {errors.evaluatorId && <span className="field-error">{errors.evaluatorId}</span>}
        </label>
        <label className="field">
          <span className="field-label">{t('review.declarationKind')}</span>
          <select
            className="input"
            value={kind}
            onChange={(e) => setKind(e.target.value as 'declared' | 'personal')}
          >
            <option value="declared">{t('review.declarationKind.declared')}</option>
            <option value="personal">{t('review.declarationKind.personal')}</option>
          </select>
        </label>
        <label className="field">
          <span className="field-label">{t('review.proposalId')}</span>
          <input
            className="input"
            inputMode="numeric"
            value={proposalId}
            data-testid="declaration-proposal"
            onChange={(e) => setProposalId(e.target.value)}
          />
          {errors.proposalId && (
            <span className="field-error" data-testid="declaration-proposal-error">
              {errors.proposalId}
            </span>
          )}
        </label>
        <div className="field">
          <OrganisationSelect
            value={organisation}
            onChange={(v) => setOrganisation(v)}
            testId="declaration-organisation"
            label={t('review.relationTo')}
          />
          {errors.organisationId && <span className="field-error">{errors.organisationId}</span>}
        </div>
        <label className="field field-wide">
          <span className="field-label">{t('review.reason')}</span>
          <input
            className="input"
            value={reason}
            data-testid="declaration-reason"
            onChange={(e) => setReason(e.target.value)}
          />
          {errors.reason && <span className="field-error">{errors.reason}</span>}
        </label>
        {create.error && <ProblemDetails error={create.error} testId="declaration-form-error" />}
        <div className="form-actions">
          <button
            type="submit"
            className="button button-primary"
            disabled={create.isPending}
            data-testid="declaration-save"
          >
            {t('review.addDeclaration')}
          </button>
        </div>
      </form>
    </section>
  );
}

/**
 * A list of records with a delete button per row: loading, error and empty states, the table,
 * and the delete error. Deleting refreshes every review query.
 */
function RemovableRecords<R extends { id: number }>({
  query,
  emptyText,
  testId,
  deleteErrorTestId,
  deletePath,
  headers,
  cells,
}: {
  query: UseQueryResult<R[]>;
  emptyText: string;
  testId: string;
  deleteErrorTestId: string;
  deletePath: (id: number) => string;
  headers: readonly string[];
  cells: (row: R) => ReactNode;
}) {
  const { t } = useI18n();
  const client = useQueryClient();
  const remove = useMutation({
    mutationFn: (id: number) => requestJson<void>('DELETE', deletePath(id)),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['review'] }),
  });
  return (
    <>
      {query.isPending ? (
        <Loading />
      ) : query.error ? (
        <ErrorMessage error={query.error} />
      ) : query.data.length === 0 ? (
        <p className="muted">{emptyText}</p>
      ) : (
        <div className="table-wrap">
          <table className="table" data-testid={testId}>
            <thead>
              <tr>
                {headers.map((h) => (
                  <th key={h}>{h}</th>
                ))}
                <th />
              </tr>
            </thead>
            <tbody>
              {query.data.map((row) => (
                <tr key={row.id}>
                  {cells(row)}
                  <td>
                    <button
                      type="button"
                      className="button"
                      disabled={remove.isPending}
                      onClick={() => remove.mutate(row.id)}
                    >
                      {t('review.delete')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {remove.error && <ProblemDetails error={remove.error} testId={deleteErrorTestId} />}
    </>
  );
}
