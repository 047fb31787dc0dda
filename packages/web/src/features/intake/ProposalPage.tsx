import {
  costCategories,
  funders,
  proposalPartyRoles,
  type ProposalCheckResult,
  type ProposalDetail,
} from '@innocluster/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { ApiError } from '../../api/api-client.ts';
import { intakeApi, type ProposalCreateInput } from '../../api/intake-client.ts';
import { useEntityList } from '../../api/use-api.ts';
import { useAuth } from '../../app/AuthProvider.tsx';
import { useI18n } from '../../app/I18nProvider.tsx';
import { ErrorMessage, Loading } from '../../components/QueryState.tsx';
import { SyntheticBadge } from '../../components/SyntheticBadge.tsx';
import { ProblemDetails } from '../mapping/MappingAdminNav.tsx';
import { ProposalDecisionsPanel } from '../review/ProposalDecisionsPanel.tsx';
import { ScreeningForm } from '../review/ScreeningForm.tsx';
import {
  IntakeNav,
  OrganisationSelect,
  StateBadge,
  StepButtons,
  Timeline,
  useIntakeLabels,
  useOwnOrganisations,
} from './IntakeParts.tsx';
import {
  budgetLinesOf,
  draftTotals,
  formatKrw,
  formatShare,
  type BudgetLineDraft,
} from './intake-form.ts';

interface PartnerDraft {
  organisationId: number | null;
  role: string;
}
interface MilestoneDraft {
  title: string;
  dueOn: string;
  deliverable: string;
}

/** Proposal steps taken on the review pages (screening, committee), not by the buttons here. */
const reviewSteps = new Set([
  'start_screening',
  'pass_screening',
  'fail_screening',
  'fast_track_select',
  'send_to_committee',
  'select',
  'request_revision',
  'reject',
]);

/** `/intake/proposals/new` (with `callId`, `demandId`) and `/intake/proposals/:id`. */
export function ProposalPage() {
  const { id } = useParams();
  const numeric = Number(id);
  const { t } = useI18n();
  const proposal = useQuery({
    queryKey: ['intake', 'proposal', numeric],
    queryFn: () => intakeApi.proposal(numeric),
    enabled: Number.isInteger(numeric) && numeric > 0,
  });
  if (id === undefined || id === 'new')
    return (
      <div className="page intake-page">
        <IntakeNav />
        <h1>{t('intake.proposals.new')}</h1>
        <ProposalForm proposal={null} />
      </div>
    );
  if (proposal.error) return <ErrorMessage error={proposal.error} />;
  if (!proposal.data) return <Loading />;
  return <ProposalView proposal={proposal.data} />;
}

/** An existing proposal: status, steps, the form when editable, versions and timeline. */
function ProposalView({ proposal: p }: { proposal: ProposalDetail }) {
  const { t } = useI18n();
  const labels = useIntakeLabels();
  const client = useQueryClient();
  const step = useMutation({
    mutationFn: (v: { action: string; reason: string | null }) => intakeApi.proposalStep(p.id, v),
    onSuccess: (d) => {
      client.setQueryData(['intake', 'proposal', p.id], d);
      void client.invalidateQueries({ queryKey: ['intake', 'proposals'] });
    },
  });
  return (
    <div className="page intake-page">
      <IntakeNav />
      <div className="page-head">
        <h1 data-testid="proposal-title">
          {p.title} <StateBadge state={p.status} /> {p.synthetic && <SyntheticBadge />}
        </h1>
      </div>
      <p className="small" data-testid="proposal-summary">
        {p.callCode} · {p.instrumentCode} · {t('intake.proposals.lead')}: {p.leadOrganisationName} ·{' '}
        {t('intake.proposals.requestedGrant')}: {formatKrw(p.requestedGrantKrw)} ·{' '}
        {t('intake.proposals.version')} {p.version}
        {p.isFastTrack && (
          <>
            {' '}
            · <strong data-testid="fast-track">{t('intake.proposals.fastTrack')}</strong>
          </>
        )}
        {p.mergedIntoId !== null && (
          <>
            {' '}
            ·{' '}
            <Link to={`/intake/proposals/${p.mergedIntoId}`}>
              {t('intake.proposals.mergedInto')}
            </Link>
          </>
        )}
        {' · '}
        <Link to={`/intake/calls/${p.callId}/pipeline`}>{t('intake.pipeline.title')}</Link>
      </p>
      <StepButtons
        allowed={p.allowed.filter(
          (s) => s.action !== 'submit' && s.action !== 'resubmit' && !reviewSteps.has(s.action),
        )}
        busy={step.isPending}
        onStep={(action, reason) => step.mutate({ action, reason })}
      />
      {p.allowed.some((s) => s.mine && reviewSteps.has(s.action)) && (
        <p>
          <Link to={`/review/calls/${p.callId}/committee`} data-testid="proposal-review-link">
            {t('intake.proposals.reviewSteps')}
          </Link>
        </p>
      )}
      {p.allowed.some(
        (s) => s.mine && (s.action === 'start_screening' || s.action === 'pass_screening'),
      ) && <ScreeningForm proposalId={p.id} fastTrack={p.isFastTrack} />}
      {step.error && <ProblemDetails error={step.error} testId="proposal-step-error" />}
      {p.editable ? (
        <ProposalForm proposal={p} />
      ) : (
        <section className="card">
          <h3>{t('intake.proposals.budget')}</h3>
          <table className="table" data-testid="proposal-budget">
            <tbody>
              {p.budget.map((b, i) => (
                <tr key={i}>
                  <td>{labels.category(b.category)}</td>
                  <td>{labels.funder(b.funder)}</td>
                  <td>{formatKrw(b.amountKrw)}</td>
                  <td>{b.note ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <RuleCheck check={p.check} pending={false} />
          <h3>{t('intake.proposals.partners')}</h3>
          {p.partners.length === 0 && <p className="muted">—</p>}
          <ul className="plain-list">
            {p.partners.map((x) => (
              <li key={x.organisationId}>
                {x.name} ({x.role})
              </li>
            ))}
          </ul>
          {p.plan && (
            <>
              <h3>{t('intake.field.plan')}</h3>
              <p style={{ whiteSpace: 'pre-wrap' }}>{p.plan}</p>
            </>
          )}
        </section>
      )}
      <ProposalDecisionsPanel proposalId={p.id} />
      <Merges proposal={p} />
      <Versions proposal={p} />
      <Timeline events={p.events} />
    </div>
  );
}

/**
 * Merge requests naming this proposal: each lead consents or refuses for its own organisation
 * (nobody else may); an officer may ask to merge it with other proposals of the call.
 */
function Merges({ proposal: p }: { proposal: ProposalDetail }) {
  const { t } = useI18n();
  const auth = useAuth();
  const client = useQueryClient();
  const own = useOwnOrganisations();
  const [others, setOthers] = useState<number[]>([]);
  const [title, setTitle] = useState('');
  const merges = useQuery({
    queryKey: ['intake', 'merges', p.id],
    queryFn: () => intakeApi.merges({ proposalId: p.id }),
  });
  const siblings = useQuery({
    queryKey: ['intake', 'proposals', 'siblings', p.callId],
    queryFn: () => intakeApi.proposals({ callId: p.callId, pageSize: 200 }),
    enabled: auth.can('calls', 'update'),
  });
  const refresh = () => void client.invalidateQueries({ queryKey: ['intake'] });
  const decide = useMutation({
    mutationFn: (v: { id: number; decision: 'consent' | 'refuse' }) =>
      intakeApi.decideMerge(v.id, p.id, v.decision, null),
    onSuccess: refresh,
  });
  const request = useMutation({
    mutationFn: () => intakeApi.requestMerge({ title, proposalIds: [p.id, ...others] }),
    onSuccess: () => {
      setOthers([]);
      setTitle('');
      refresh();
    },
  });
  const open = [
    'draft',
    'submitted',
    'screening',
    'in_review',
    'committee',
    'revise_requested',
    'resubmitted',
  ];
  const candidates = (siblings.data?.items ?? []).filter(
    (x) => x.id !== p.id && open.includes(x.status),
  );
  const list = merges.data ?? [];
  if (list.length === 0 && candidates.length === 0) return null;
  return (
    <section className="card" data-testid="proposal-merges">
      <h3>{t('intake.merges.title')}</h3>
      <p className="muted small">{t('intake.merges.intro')}</p>
      {list.map((m) => (
        <div key={m.id} className="small" data-testid="merge">
          <strong>{m.title}</strong> <StateBadge state={m.status} />
          <ul className="plain-list">
            {m.consents.map((k) => (
              <li key={k.proposalId}>
                {k.organisationName} ({k.proposalTitle}):{' '}
                {t(`intake.merges.${k.decision}` as 'intake.merges.pending')}
                {k.reason ? ` — ${k.reason}` : ''}
                {m.status === 'pending' &&
                  k.decision === 'pending' &&
                  k.proposalId === p.id &&
                  own.includes(k.organisationId) && (
                    <>
                      {' '}
                      <button
                        type="button"
                        className="button button-small"
                        data-testid="merge-consent"
                        onClick={() => decide.mutate({ id: m.id, decision: 'consent' })}
                      >
                        {t('intake.merges.consentAction')}
                      </button>{' '}
                      <button
                        type="button"
                        className="button button-small"
                        data-testid="merge-refuse"
                        onClick={() => decide.mutate({ id: m.id, decision: 'refuse' })}
                      >
                        {t('intake.merges.refuseAction')}
                      </button>
                    </>
                  )}
              </li>
            ))}
          </ul>
          {m.resultProposalId !== null && (
            <Link to={`/intake/proposals/${m.resultProposalId}`}>{t('intake.merges.result')}</Link>
          )}
        </div>
      ))}
      {decide.error && <ProblemDetails error={decide.error} testId="merge-decide-error" />}
      {candidates.length > 0 && (
        <form
          className="form-grid"
          onSubmit={(e) => {
            e.preventDefault();
            request.mutate();
          }}
        >
          <fieldset>
            <legend>{t('intake.merges.request')}</legend>
            {candidates.map((x) => (
              <label key={x.id} className="small" style={{ display: 'block' }}>
                <input
                  type="checkbox"
                  checked={others.includes(x.id)}
                  onChange={(e) =>
                    setOthers((list) =>
                      e.target.checked ? [...list, x.id] : list.filter((y) => y !== x.id),
                    )
                  }
                />{' '}
                {x.title} · {x.leadOrganisationName}
              </label>
            ))}
            <label className="field">
              <span className="field-label">{t('intake.merges.mergedTitle')}</span>
              <input
                className="input"
                required
                value={title}
                onChange={(e) => setTitle(e.target.value)}
              />
            </label>
            <button
              type="submit"
              className="button"
              disabled={others.length === 0 || request.isPending}
            >
              {t('intake.merges.request')}
            </button>
          </fieldset>
          {request.error && <ProblemDetails error={request.error} testId="merge-request-error" />}
        </form>
      )}
    </section>
  );
}

/** The frozen versions, with what changed between two of them. */
function Versions({ proposal: p }: { proposal: ProposalDetail }) {
  const { t } = useI18n();
  const [pair, setPair] = useState<[number, number] | null>(null);
  const diff = useQuery({
    queryKey: ['intake', 'diff', p.id, pair],
    queryFn: () => intakeApi.diff(p.id, pair![0], pair![1]),
    enabled: pair !== null,
  });
  if (p.versions.length === 0) return null;
  return (
    <section className="card" data-testid="proposal-versions">
      <h3>{t('intake.proposals.versions')}</h3>
      <ul className="plain-list small">
        {p.versions.map((v, i) => (
          <li key={v.version}>
            v{v.version} · {v.createdAt.slice(0, 16).replace('T', ' ')}
            {i > 0 && (
              <>
                {' '}
                <button
                  type="button"
                  className="link-button"
                  onClick={() => setPair([v.version - 1, v.version])}
                >
                  {t('intake.proposals.compare')} v{v.version - 1}
                </button>
              </>
            )}
          </li>
        ))}
      </ul>
      {diff.data && (
        <table className="table intake-diff" data-testid="proposal-diff">
          <thead>
            <tr>
              <th>{t('intake.proposals.changed')}</th>
              <th>v{diff.data.from}</th>
              <th>v{diff.data.to}</th>
            </tr>
          </thead>
          <tbody>
            {diff.data.changes.map((c) => (
              <tr key={c.path}>
                <td>{c.path}</td>
                <td>{JSON.stringify(c.before)}</td>
                <td>{JSON.stringify(c.after)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** The live rule check shown next to the budget: totals and every violation's exact message. */
function RuleCheck({ check, pending }: { check: ProposalCheckResult | null; pending: boolean }) {
  const { t } = useI18n();
  if (!check) return null;
  const bad = check.violations.length > 0;
  return (
    <div
      className={bad ? 'rule-check has-violations' : 'rule-check'}
      data-testid="rule-check"
      aria-live="polite"
    >
      <div className="small">
        {t('intake.proposals.total')}: {formatKrw(check.totals.totalKrw)} ·{' '}
        {t('intake.proposals.requestedGrant')}: {formatKrw(check.totals.publicKrw)} (
        {formatShare(check.totals.publicShare)}) · {t('intake.funder.firm')}:{' '}
        {formatKrw(check.totals.firmKrw)} ({formatShare(check.totals.firmShare)})
        {check.isFastTrack && ` · ${t('intake.proposals.fastTrack')}`}
        {pending && ` · ${t('common.loading')}`}
      </div>
      {bad ? (
        <ul data-testid="rule-violations">
          {check.violations.map((v, i) => (
            <li key={i} data-testid="rule-violation">
              {v.message}
            </li>
          ))}
        </ul>
      ) : (
        <strong className="rule-ok" data-testid="rule-ok">
          {t('intake.proposals.rulesOk')}
        </strong>
      )}
    </div>
  );
}

/**
 * The proposal form: call and instrument, lead and partners, budget lines with the live rule
 * check (debounced POST /proposals/check), plan, dates, milestones; save as draft and submit.
 */
function ProposalForm({ proposal }: { proposal: ProposalDetail | null }) {
  const { t } = useI18n();
  const labels = useIntakeLabels();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [search] = useSearchParams();
  const own = useOwnOrganisations();
  const [callId, setCallId] = useState<number | null>(
    proposal?.callId ?? (Number(search.get('callId')) || null),
  );
  const [instrumentId, setInstrumentId] = useState<number | null>(proposal?.instrumentId ?? null);
  const [demandId, setDemandId] = useState<number | null>(
    proposal?.demandId ?? (Number(search.get('demandId')) || null),
  );
  const [miniClusterId, setMiniClusterId] = useState<number | null>(
    proposal?.miniClusterId ?? null,
  );
  const [lead, setLead] = useState<number | null>(proposal?.leadOrganisationId ?? own[0] ?? null);
  const [title, setTitle] = useState(proposal?.title ?? '');
  const [abstract, setAbstract] = useState(proposal?.abstract ?? '');
  const [plan, setPlan] = useState(proposal?.plan ?? '');
  const [startOn, setStartOn] = useState(proposal?.startOn ?? '');
  const [endOn, setEndOn] = useState(proposal?.endOn ?? '');
  const [partners, setPartners] = useState<PartnerDraft[]>(
    proposal?.partners.map((x) => ({ organisationId: x.organisationId, role: x.role })) ?? [],
  );
  const [budget, setBudget] = useState<BudgetLineDraft[]>(
    proposal?.budget.map((b) => ({
      category: b.category,
      funder: b.funder,
      amount: String(b.amountKrw),
      note: b.note ?? '',
    })) ?? [
      { category: 'personnel', funder: 'public', amount: '', note: '' },
      { category: 'materials', funder: 'firm', amount: '', note: '' },
    ],
  );
  const [milestones, setMilestones] = useState<MilestoneDraft[]>(
    proposal?.milestones.map((m) => ({
      title: m.title,
      dueOn: m.dueOn ?? '',
      deliverable: m.deliverable ?? '',
    })) ?? [],
  );
  const calls = useQuery({
    queryKey: ['intake', 'calls', 'open'],
    queryFn: () => intakeApi.calls({ status: 'open' }),
  });
  const call = calls.data?.items.find((c) => c.id === callId) ?? null;
  useEffect(() => {
    if (call && !call.instruments.some((i) => i.id === instrumentId))
      setInstrumentId(call.instruments[0]?.id ?? null);
  }, [call, instrumentId]);
  const demand = useQuery({
    queryKey: ['intake', 'demand', demandId],
    queryFn: () => intakeApi.demand(demandId as number),
    enabled: demandId !== null,
  });
  useEffect(() => {
    if (demand.data && miniClusterId === null && demand.data.miniClusterId !== null)
      setMiniClusterId(demand.data.miniClusterId);
    if (demand.data && title === '' && !proposal) setTitle(demand.data.title);
    // Only when the demand arrives: later edits of the fields are the user's.
  }, [demand.data]);
  const miniClusters = useEntityList('mini-clusters', { pageSize: 1000, sort: 'name' });

  const parsed = useMemo(() => budgetLinesOf(budget), [budget]);
  const partnerList = partners.filter((x) => x.organisationId !== null) as {
    organisationId: number;
    role: string;
  }[];
  // The live check: the draft's parties and budget, debounced so typing does not flood the API.
  const checkBody = useMemo(
    () =>
      instrumentId !== null && lead !== null && parsed.ok
        ? { instrumentId, leadOrganisationId: lead, partners: partnerList, budget: parsed.lines }
        : null,
    [instrumentId, lead, JSON.stringify(partnerList), JSON.stringify(parsed)],
  );
  const [debouncedBody, setDebouncedBody] = useState(checkBody);
  useEffect(() => {
    const timer = window.setTimeout(() => setDebouncedBody(checkBody), 400);
    return () => window.clearTimeout(timer);
  }, [checkBody]);
  const check = useQuery({
    queryKey: ['intake', 'check', debouncedBody],
    queryFn: () => intakeApi.check(debouncedBody as never),
    enabled: debouncedBody !== null,
    placeholderData: (previous) => previous,
  });

  const body = (): ProposalCreateInput | null => {
    if (!parsed.ok || callId === null || instrumentId === null || lead === null) return null;
    return {
      callId,
      instrumentId,
      demandId,
      miniClusterId,
      leadOrganisationId: lead,
      title,
      abstract: abstract.trim() || null,
      plan: plan.trim() || null,
      startOn: startOn || null,
      endOn: endOn || null,
      partners: partnerList.map((x) => ({
        organisationId: x.organisationId,
        role: x.role as 'partner',
      })),
      budget: parsed.lines,
      milestones: milestones
        .filter((m) => m.title.trim())
        .map((m) => ({
          title: m.title,
          dueOn: m.dueOn || null,
          deliverable: m.deliverable.trim() || null,
        })),
    };
  };
  const save = useMutation({
    mutationFn: async (submitAfter: boolean) => {
      const b = body();
      if (!b) throw new Error(t('intake.proposals.incomplete'));
      const { callId: _c, ...changes } = b;
      let saved = proposal
        ? await intakeApi.updateProposal(proposal.id, changes)
        : await intakeApi.createProposal(b);
      if (submitAfter) {
        client.setQueryData(['intake', 'proposal', saved.id], saved);
        saved = await intakeApi.submit(saved.id, null);
      }
      return saved;
    },
    onSuccess: (saved) => {
      client.setQueryData(['intake', 'proposal', saved.id], saved);
      void client.invalidateQueries({ queryKey: ['intake'] });
      if (!proposal) navigate(`/intake/proposals/${saved.id}`);
    },
    onError: () => {
      // A refused submission keeps the saved changes: show them with the reasons.
      void client.invalidateQueries({ queryKey: ['intake', 'proposals'] });
    },
  });
  const errors = save.error instanceof ApiError ? save.error.fieldErrors : {};
  const err = (f: string) => (errors[f] ? <span className="field-error">{errors[f]}</span> : null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate(false);
  };
  // A new proposal is saved as a draft first, so a refused submission never leaves a duplicate.
  const canSubmit =
    proposal !== null &&
    proposal.allowed.some((s) => s.mine && (s.action === 'submit' || s.action === 'resubmit'));

  return (
    <form className="card form-grid" onSubmit={submit} data-testid="proposal-form">
      <label className="field">
        <span className="field-label">{t('intake.field.call')}</span>
        <select
          className="input"
          value={callId ?? ''}
          disabled={proposal !== null}
          data-testid="proposal-call"
          onChange={(e) => setCallId(Number(e.target.value) || null)}
        >
          <option value="">—</option>
          {(calls.data?.items ?? []).map((c) => (
            <option key={c.id} value={c.id}>
              {c.code} · {c.title}
            </option>
          ))}
          {proposal && !call && <option value={proposal.callId}>{proposal.callCode}</option>}
        </select>
        {err('callId')}
      </label>
      <label className="field">
        <span className="field-label">{t('intake.field.instrument')}</span>
        <select
          className="input"
          value={instrumentId ?? ''}
          data-testid="proposal-instrument"
          onChange={(e) => setInstrumentId(Number(e.target.value) || null)}
        >
          {(call?.instruments ?? []).map((i) => (
            <option key={i.id} value={i.id}>
              {i.name}
            </option>
          ))}
          {!call && proposal && (
            <option value={proposal.instrumentId}>{proposal.instrumentCode}</option>
          )}
        </select>
        {err('instrumentId')}
      </label>
      <label className="field">
        <span className="field-label">{t('intake.field.miniCluster')}</span>
        <select
          className="input"
          value={miniClusterId ?? ''}
          data-testid="proposal-mini-cluster"
          onChange={(e) => setMiniClusterId(Number(e.target.value) || null)}
        >
          <option value="">—</option>
          {(miniClusters.data?.items ?? []).map((m) => (
            <option key={m.id} value={m.id}>
              {m.name}
            </option>
          ))}
        </select>
      </label>
      <div className="field">
        <span className="field-label">{t('intake.field.demand')}</span>
        <span data-testid="proposal-demand">
          {demandId === null ? '—' : (demand.data?.title ?? `#${demandId}`)}{' '}
          {demandId !== null && (
            <button type="button" className="link-button" onClick={() => setDemandId(null)}>
              {t('common.delete')}
            </button>
          )}
        </span>
      </div>
      <label className="field field-wide">
        <span className="field-label">{t('intake.field.title')}</span>
        <input
          className="input"
          required
          value={title}
          data-testid="proposal-title-input"
          onChange={(e) => setTitle(e.target.value)}
        />
        {err('title')}
      </label>
      <div className="field">
        <OrganisationSelect
          value={lead}
          onChange={(v) => setLead(v)}
          testId="proposal-lead"
          label={t('intake.proposals.lead')}
        />
        {err('leadOrganisationId')}
      </div>
      <label className="field">
        <span className="field-label">{t('intake.field.startOn')}</span>
        <input
          className="input"
          type="date"
          value={startOn}
          onChange={(e) => setStartOn(e.target.value)}
        />
      </label>
      <label className="field">
        <span className="field-label">{t('intake.field.endOn')}</span>
        <input
          className="input"
          type="date"
          value={endOn}
          onChange={(e) => setEndOn(e.target.value)}
        />
        {err('endOn')}
      </label>
      <fieldset className="field-wide">
        <legend>{t('intake.proposals.partners')}</legend>
        {partners.map((x, i) => (
          <div key={i} className="form-actions">
            <OrganisationSelect
              value={x.organisationId}
              exclude={[...(lead ? [lead] : []), ...partners.map((y) => y.organisationId ?? 0)]}
              onChange={(v) =>
                setPartners((list) =>
                  list.map((y, j) => (j === i ? { ...y, organisationId: v } : y)),
                )
              }
              testId={`proposal-partner-${i}`}
              label={`${t('intake.proposals.partner')} ${i + 1}`}
            />
            <select
              className="input"
              value={x.role}
              aria-label={t('intake.proposals.role')}
              onChange={(e) =>
                setPartners((list) =>
                  list.map((y, j) => (j === i ? { ...y, role: e.target.value } : y)),
                )
              }
            >
              {proposalPartyRoles.map((r) => (
                <option key={r} value={r}>
                  {r}
                </option>
              ))}
            </select>
            <button
              type="button"
              className="link-button"
              onClick={() => setPartners((list) => list.filter((_, j) => j !== i))}
            >
              {t('common.delete')}
            </button>
            {err(`partners.${i}.organisationId`)}
          </div>
        ))}
        <button
          type="button"
          className="button button-small"
          data-testid="proposal-add-partner"
          onClick={() =>
            setPartners((list) => [...list, { organisationId: null, role: 'partner' }])
          }
        >
          {t('intake.proposals.addPartner')}
        </button>
        {err('partners')}
      </fieldset>
      <fieldset className="field-wide" data-testid="proposal-budget-lines">
        <legend>{t('intake.proposals.budget')}</legend>
        <table className="intake-rows">
          <thead>
            <tr>
              <th>{t('intake.proposals.category')}</th>
              <th>{t('intake.proposals.funder')}</th>
              <th>{t('intake.proposals.amount')} (KRW)</th>
              <th>{t('intake.proposals.note')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {budget.map((b, i) => {
              const set = (change: Partial<BudgetLineDraft>) =>
                setBudget((list) => list.map((y, j) => (j === i ? { ...y, ...change } : y)));
              return (
                <tr key={i} data-testid="budget-line">
                  <td>
                    <select
                      className="input"
                      value={b.category}
                      aria-label={`${t('intake.proposals.category')} ${i + 1}`}
                      data-testid={`budget-${i}-category`}
                      onChange={(e) => set({ category: e.target.value })}
                    >
                      {costCategories.map((c) => (
                        <option key={c} value={c}>
                          {labels.category(c)}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>
                    <select
                      className="input"
                      value={b.funder}
                      aria-label={`${t('intake.proposals.funder')} ${i + 1}`}
                      data-testid={`budget-${i}-funder`}
                      onChange={(e) => set({ funder: e.target.value })}
                    >
                      {funders.map((f) => (
                        <option key={f} value={f}>
                          {labels.funder(f)}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>
                    <input
                      className="input"
                      inputMode="numeric"
                      value={b.amount}
                      aria-label={`${t('intake.proposals.amount')} ${i + 1}`}
                      data-testid={`budget-${i}-amount`}
                      onChange={(e) => set({ amount: e.target.value })}
                    />
                    {!parsed.ok && parsed.field === `budget.${i}.amountKrw` && (
                      <span className="field-error">{t('intake.proposals.amountHint')}</span>
                    )}
                  </td>
                  <td>
                    <input
                      className="input"
                      value={b.note}
                      aria-label={`${t('intake.proposals.note')} ${i + 1}`}
                      onChange={(e) => set({ note: e.target.value })}
                    />
                  </td>
                  <td>
                    <button
                      type="button"
                      className="link-button"
                      onClick={() => setBudget((list) => list.filter((_, j) => j !== i))}
                    >
                      {t('common.delete')}
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        <button
          type="button"
          className="button button-small"
          data-testid="proposal-add-line"
          onClick={() =>
            setBudget((list) => [
              ...list,
              { category: 'equipment', funder: 'public', amount: '', note: '' },
            ])
          }
        >
          {t('intake.proposals.addLine')}
        </button>
        <RuleCheck
          check={check.data ?? null}
          pending={check.isFetching || debouncedBody !== checkBody}
        />
        {parsed.ok && !check.data && (
          <p className="small muted">{formatKrw(draftTotals(parsed.lines).totalKrw)}</p>
        )}
        {check.error && <ProblemDetails error={check.error} testId="proposal-check-error" />}
        {err('budget')}
      </fieldset>
      <label className="field field-wide">
        <span className="field-label">{t('intake.field.abstract')}</span>
        <textarea
          className="input"
          value={abstract}
          onChange={(e) => setAbstract(e.target.value)}
        />
      </label>
      <label className="field field-wide">
        <span className="field-label">{t('intake.field.plan')}</span>
        <textarea
          className="input"
          rows={5}
          value={plan}
          data-testid="proposal-plan"
          onChange={(e) => setPlan(e.target.value)}
        />
      </label>
      <fieldset className="field-wide">
        <legend>{t('intake.proposals.milestones')}</legend>
        {milestones.map((m, i) => {
          const set = (change: Partial<MilestoneDraft>) =>
            setMilestones((list) => list.map((y, j) => (j === i ? { ...y, ...change } : y)));
          return (
            <div key={i} className="form-actions">
              <input
                className="input"
                placeholder={t('intake.field.title')}
                value={m.title}
                aria-label={`${t('intake.proposals.milestones')} ${i + 1}`}
                onChange={(e) => set({ title: e.target.value })}
              />
              <input
                className="input"
                type="date"
                value={m.dueOn}
                aria-label={t('intake.proposals.due')}
                onChange={(e) => set({ dueOn: e.target.value })}
              />
              <input
                className="input"
                placeholder={t('intake.proposals.deliverable')}
                value={m.deliverable}
                onChange={(e) => set({ deliverable: e.target.value })}
              />
              <button
                type="button"
                className="link-button"
                onClick={() => setMilestones((list) => list.filter((_, j) => j !== i))}
              >
                {t('common.delete')}
              </button>
            </div>
          );
        })}
        <button
          type="button"
          className="button button-small"
          onClick={() =>
            setMilestones((list) => [...list, { title: '', dueOn: '', deliverable: '' }])
          }
        >
          {t('intake.proposals.addMilestone')}
        </button>
      </fieldset>
      {save.error && <ProblemDetails error={save.error} testId="proposal-form-error" />}
      <div className="form-actions field-wide">
        <button
          type="submit"
          className="button"
          disabled={save.isPending}
          data-testid="proposal-save"
        >
          {t('intake.proposals.saveDraft')}
        </button>
        {canSubmit && (
          <button
            type="button"
            className="button button-primary"
            disabled={save.isPending}
            data-testid="proposal-submit"
            onClick={() => save.mutate(true)}
          >
            {proposal?.status === 'revise_requested'
              ? t('intake.action.resubmit')
              : t('intake.action.submit')}
          </button>
        )}
      </div>
    </form>
  );
}
