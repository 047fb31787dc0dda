import {
  organisationKinds,
  type CallDetail,
  type CallRow,
  type InstrumentRulesData,
  type RubricCriterion,
} from '@innocluster/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { ApiError } from '../../api/api-client.ts';
import { intakeApi } from '../../api/intake-client.ts';
import { useEntityList } from '../../api/use-api.ts';
import { useAuth } from '../../app/AuthProvider.tsx';
import { useI18n } from '../../app/I18nProvider.tsx';
import { useUrlParams } from '../../app/use-url-params.ts';
import { ErrorMessage, Loading } from '../../components/QueryState.tsx';
import { SyntheticBadge } from '../../components/SyntheticBadge.tsx';
import { ProblemDetails } from '../mapping/MappingAdminNav.tsx';
import { IntakeNav, StateBadge, StepButtons, Timeline } from './IntakeParts.tsx';
import {
  blankRules,
  formatKrw,
  formatShare,
  parseKrw,
  parsePercent,
  percentText,
  rubricShares,
} from './intake-form.ts';

/** Calls for proposals at `/intake/calls`: list, one call's terms and steps, create and edit. */
export function CallsPage() {
  const { t } = useI18n();
  const auth = useAuth();
  const { params, update } = useUrlParams();
  const calls = useQuery({ queryKey: ['intake', 'calls'], queryFn: () => intakeApi.calls() });
  const openId = Number(params.get('call')) || null;
  const editing = params.get('edit');
  const canCreate = auth.can('calls', 'create');
  return (
    <div className="page intake-page">
      <IntakeNav />
      <div className="page-head">
        <h1>{t('intake.calls.title')}</h1>
        {canCreate && editing === null && (
          <button
            type="button"
            className="button button-primary"
            data-testid="call-new"
            onClick={() => update({ edit: 'new', call: null })}
          >
            {t('intake.calls.new')}
          </button>
        )}
      </div>
      {editing === 'new' && (
        <CallForm call={null} onDone={(id) => update({ edit: null, call: id })} />
      )}
      <div className="table-wrap">
        {calls.error ? (
          <ErrorMessage error={calls.error} />
        ) : !calls.data ? (
          <Loading />
        ) : (
          <table className="table" data-testid="calls-table">
            <thead>
              <tr>
                <th>{t('intake.field.code')}</th>
                <th>{t('intake.field.title')}</th>
                <th>{t('intake.field.status')}</th>
                <th>{t('intake.calls.window')}</th>
                <th>{t('intake.calls.budget')}</th>
                <th>{t('intake.calls.instruments')}</th>
                <th>{t('intake.proposals.title')}</th>
              </tr>
            </thead>
            <tbody>
              {calls.data.items.map((c) => (
                <CallLine key={c.id} call={c} onOpen={() => update({ call: c.id, edit: null })} />
              ))}
            </tbody>
          </table>
        )}
      </div>
      {openId !== null && editing === null && (
        <CallPanel id={openId} onEdit={() => update({ edit: String(openId) })} />
      )}
      {openId !== null && editing === String(openId) && (
        <CallEditor id={openId} onDone={() => update({ edit: null })} />
      )}
    </div>
  );
}

function CallLine({ call, onOpen }: { call: CallRow; onOpen: () => void }) {
  return (
    <tr data-testid="call-row" onClick={onOpen} style={{ cursor: 'pointer' }}>
      <td>
        <button type="button" className="link-button">
          {call.code}
        </button>
      </td>
      <td>
        {call.title} {call.synthetic && <SyntheticBadge />}
      </td>
      <td>
        <StateBadge state={call.status} />
      </td>
      <td>
        {call.opensOn} – {call.closesOn}
      </td>
      <td>{formatKrw(call.budgetKrw)}</td>
      <td>{call.instruments.map((i) => i.name).join(', ')}</td>
      <td>
        <Link to={`/intake/calls/${call.id}/pipeline`} onClick={(e) => e.stopPropagation()}>
          {call.proposalCount}
        </Link>
      </td>
    </tr>
  );
}

/** One call: terms, rubric, instruments with their rules, workflow steps and timeline. */
function CallPanel({ id, onEdit }: { id: number; onEdit: () => void }) {
  const { t } = useI18n();
  const auth = useAuth();
  const client = useQueryClient();
  const call = useQuery({ queryKey: ['intake', 'call', id], queryFn: () => intakeApi.call(id) });
  const step = useMutation({
    mutationFn: (v: { action: string; reason: string | null }) => intakeApi.callStep(id, v),
    onSuccess: (c) => {
      client.setQueryData(['intake', 'call', id], c);
      void client.invalidateQueries({ queryKey: ['intake', 'calls'] });
    },
  });
  if (call.error) return <ErrorMessage error={call.error} />;
  if (!call.data) return <Loading />;
  const c = call.data;
  const shares = rubricShares(c.rubric);
  return (
    <section className="card" data-testid="call-detail">
      <h2>
        {c.code} · {c.title} <StateBadge state={c.status} />
      </h2>
      {c.description && <p>{c.description}</p>}
      <p className="small">
        {t('intake.calls.budget')}: {formatKrw(c.budgetKrw)} · {c.opensOn} – {c.closesOn}
        {c.decisionBy ? ` · ${t('intake.calls.decisionBy')} ${c.decisionBy}` : ''} ·{' '}
        {t('intake.calls.reviewsPerProposal')}: {c.reviewsPerProposal}
      </p>
      <StepButtons
        allowed={c.allowed}
        busy={step.isPending}
        onStep={(action, reason) => step.mutate({ action, reason })}
      />
      {step.error && <ProblemDetails error={step.error} testId="call-step-error" />}
      <div className="form-actions">
        <Link className="button" to={`/intake/calls/${c.id}/pipeline`} data-testid="call-pipeline">
          {t('intake.pipeline.title')}
        </Link>
        {auth.can('proposals', 'create') && c.status === 'open' && (
          <Link className="button" to={`/intake/proposals/new?callId=${c.id}`}>
            {t('intake.proposals.new')}
          </Link>
        )}
        {auth.can('calls', 'update') && ['draft', 'open'].includes(c.status) && (
          <button type="button" className="button" onClick={onEdit} data-testid="call-edit">
            {t('common.edit')}
          </button>
        )}
      </div>
      <h3>{t('intake.calls.rubric')}</h3>
      <table className="table">
        <tbody>
          {c.rubric.map((r, i) => (
            <tr key={r.code}>
              <td>{r.name}</td>
              <td>
                {t('intake.calls.weight')} {r.weight} ({formatShare(shares[i] ?? 0)})
              </td>
              <td>
                {t('intake.calls.maxScore')} {r.maxScore}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>{t('intake.calls.instruments')}</h3>
      {c.instruments.map((i) => (
        <div key={i.id} className="small">
          <strong>{i.name}</strong> ({i.code}) · {formatKrw(i.budgetKrw)}
          <RulesSummary rules={i.rules} />
        </div>
      ))}
      <Timeline events={c.events} />
    </section>
  );
}

function RulesSummary({ rules }: { rules: InstrumentRulesData }) {
  const { t } = useI18n();
  const limits = Object.entries(rules.publicShareLimits)
    .map(([size, v]) => `${size} ${formatShare(v)}`)
    .join(', ');
  return (
    <ul className="plain-list">
      <li>
        {t('intake.rules.maxGrant')}: {formatKrw(rules.maxGrantKrw)} · {t('intake.rules.minTotal')}:{' '}
        {formatKrw(rules.minTotalKrw)}
      </li>
      <li>
        {t('intake.rules.publicShare')}: {limits || '—'} · {t('intake.rules.minFirmShare')}:{' '}
        {formatShare(rules.minFirmShare)}
      </li>
      <li>
        {t('intake.rules.fastTrack')}: {formatKrw(rules.fastTrackBelowKrw)} ·{' '}
        {t('intake.rules.leadKinds')}: {rules.eligibleLeadKinds.join(', ')}
      </li>
    </ul>
  );
}

function CallEditor({ id, onDone }: { id: number; onDone: () => void }) {
  const call = useQuery({ queryKey: ['intake', 'call', id], queryFn: () => intakeApi.call(id) });
  if (call.error) return <ErrorMessage error={call.error} />;
  if (!call.data) return <Loading />;
  return <CallForm call={call.data} onDone={() => onDone()} />;
}

interface InstrumentDraft {
  code: string;
  name: string;
  budget: string;
  maxGrant: string;
  minTotal: string;
  sme: string;
  midSized: string;
  large: string;
  minFirmShare: string;
  personnelCap: string;
  fastTrack: string;
  leadKinds: string[];
  partnerKinds: string[];
  reporting: string;
}

const krwText = (n: number | null | undefined) => (n === null || n === undefined ? '' : String(n));

function draftOf(i: {
  code: string;
  name: string;
  budgetKrw: number | null;
  rules: InstrumentRulesData;
}): InstrumentDraft {
  const r = i.rules;
  return {
    code: i.code,
    name: i.name,
    budget: krwText(i.budgetKrw),
    maxGrant: krwText(r.maxGrantKrw),
    minTotal: krwText(r.minTotalKrw),
    sme: percentText(r.publicShareLimits.sme),
    midSized: percentText(r.publicShareLimits.mid_sized),
    large: percentText(r.publicShareLimits.large),
    minFirmShare: percentText(r.minFirmShare),
    personnelCap: percentText(r.costCategoryCaps.personnel),
    fastTrack: krwText(r.fastTrackBelowKrw),
    leadKinds: [...r.eligibleLeadKinds],
    partnerKinds: [...r.eligiblePartnerKinds],
    reporting:
      r.reportingSchedule.kind === 'every_months'
        ? String(r.reportingSchedule.months)
        : r.reportingSchedule.kind,
  };
}

/** The form's instrument as rules data; blank limits mean none. */
function rulesOf(d: InstrumentDraft): InstrumentRulesData {
  const limits: InstrumentRulesData['publicShareLimits'] = {};
  const sme = parsePercent(d.sme);
  const mid = parsePercent(d.midSized);
  const large = parsePercent(d.large);
  if (sme !== null) limits.sme = sme;
  if (mid !== null) limits.mid_sized = mid;
  if (large !== null) limits.large = large;
  const personnel = parsePercent(d.personnelCap);
  const months = Number(d.reporting);
  return {
    maxGrantKrw: parseKrw(d.maxGrant),
    minTotalKrw: parseKrw(d.minTotal),
    publicShareLimits: limits,
    minFirmShare: parsePercent(d.minFirmShare),
    costCategoryCaps: personnel === null ? {} : { personnel },
    eligibleLeadKinds: d.leadKinds as InstrumentRulesData['eligibleLeadKinds'],
    eligiblePartnerKinds: d.partnerKinds as InstrumentRulesData['eligiblePartnerKinds'],
    fastTrackBelowKrw: parseKrw(d.fastTrack),
    reportingSchedule:
      d.reporting === 'final_only'
        ? { kind: 'final_only' }
        : Number.isInteger(months) && months > 0
          ? { kind: 'every_months', months }
          : { kind: 'annual' },
  };
}

/** Creates or edits a call: terms, rubric rows and instruments with their rules as data. */
function CallForm({
  call,
  onDone,
}: {
  call: CallDetail | null;
  onDone: (id: number | null) => void;
}) {
  const { t } = useI18n();
  const client = useQueryClient();
  const programmes = useEntityList('programmes', { pageSize: 100, sort: 'name' });
  const [programmeId, setProgrammeId] = useState<number | null>(call?.programmeId ?? null);
  const [code, setCode] = useState(call?.code ?? '');
  const [title, setTitle] = useState(call?.title ?? '');
  const [description, setDescription] = useState(call?.description ?? '');
  const [budget, setBudget] = useState(krwText(call?.budgetKrw));
  const [opensOn, setOpensOn] = useState(call?.opensOn ?? '');
  const [closesOn, setClosesOn] = useState(call?.closesOn ?? '');
  const [decisionBy, setDecisionBy] = useState(call?.decisionBy ?? '');
  const [reviews, setReviews] = useState(String(call?.reviewsPerProposal ?? 3));
  const [rubric, setRubric] = useState<
    { code: string; name: string; weight: string; maxScore: string }[]
  >(
    (
      call?.rubric ?? [
        { code: 'novelty', name: 'Novelty', weight: 0.4, maxScore: 10 },
        { code: 'feasibility', name: 'Feasibility', weight: 0.3, maxScore: 10 },
        { code: 'impact', name: 'Impact on firms', weight: 0.3, maxScore: 10 },
      ]
    ).map((r: RubricCriterion) => ({
      code: r.code,
      name: r.name,
      weight: String(r.weight),
      maxScore: String(r.maxScore),
    })),
  );
  const [instruments, setInstruments] = useState<InstrumentDraft[]>(
    call?.instruments.map(draftOf) ?? [
      draftOf({ code: 'joint_rd', name: 'Joint R&D', budgetKrw: null, rules: blankRules }),
    ],
  );
  const save = useMutation({
    mutationFn: () => {
      const body = {
        code,
        title,
        description: description.trim() || null,
        budgetKrw: parseKrw(budget) ?? -1,
        opensOn,
        closesOn,
        decisionBy: decisionBy || null,
        reviewsPerProposal: Number(reviews),
        rubric: rubric.map((r) => ({
          code: r.code,
          name: r.name,
          weight: Number(r.weight),
          maxScore: Number(r.maxScore),
        })),
        instruments: instruments.map((d) => ({
          code: d.code,
          name: d.name,
          budgetKrw: parseKrw(d.budget),
          rules: rulesOf(d),
        })),
      };
      return call
        ? intakeApi.updateCall(call.id, body)
        : intakeApi.createCall({ ...body, programmeId: programmeId ?? 0 });
    },
    onSuccess: (c) => {
      client.setQueryData(['intake', 'call', c.id], c);
      void client.invalidateQueries({ queryKey: ['intake', 'calls'] });
      onDone(c.id);
    },
  });
  const errors = save.error instanceof ApiError ? save.error.fieldErrors : {};
  const err = (f: string) => (errors[f] ? <span className="field-error">{errors[f]}</span> : null);
  const setInstrument = (i: number, change: Partial<InstrumentDraft>) =>
    setInstruments((list) => list.map((d, j) => (j === i ? { ...d, ...change } : d)));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  const text = (
    label: string,
    value: string,
    set: (v: string) => void,
    field: string,
    type = 'text',
  ) => (
    <label className="field">
      <span className="field-label">{label}</span>
      <input
        className="input"
        type={type}
        value={value}
        data-testid={`call-${field}`}
        onChange={(e) => set(e.target.value)}
      />
      {err(field)}
    </label>
  );
  return (
    <form className="card form-grid" onSubmit={submit} data-testid="call-form">
      <h2 className="field-wide">
        {call ? `${t('common.edit')} ${call.code}` : t('intake.calls.new')}
      </h2>
      {!call && (
        <label className="field">
          <span className="field-label">{t('intake.field.programme')}</span>
          <select
            className="input"
            value={programmeId ?? ''}
            data-testid="call-programme"
            onChange={(e) => setProgrammeId(Number(e.target.value) || null)}
          >
            <option value="">—</option>
            {(programmes.data?.items ?? []).map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
          {err('programmeId')}
        </label>
      )}
      {text(t('intake.field.code'), code, setCode, 'code')}
      {text(t('intake.field.title'), title, setTitle, 'title')}
      {text(`${t('intake.calls.budget')} (KRW)`, budget, setBudget, 'budgetKrw')}
      {text(t('intake.calls.opensOn'), opensOn, setOpensOn, 'opensOn', 'date')}
      {text(t('intake.calls.closesOn'), closesOn, setClosesOn, 'closesOn', 'date')}
      {text(t('intake.calls.decisionBy'), decisionBy, setDecisionBy, 'decisionBy', 'date')}
      {text(
        t('intake.calls.reviewsPerProposal'),
        reviews,
        setReviews,
        'reviewsPerProposal',
        'number',
      )}
      <label className="field field-wide">
        <span className="field-label">{t('intake.field.description')}</span>
        <textarea
          className="input"
          value={description}
          onChange={(e) => setDescription(e.target.value)}
        />
      </label>
      <fieldset className="field-wide">
        <legend>{t('intake.calls.rubric')}</legend>
        <table className="intake-rows" data-testid="call-rubric">
          <thead>
            <tr>
              <th>{t('intake.field.code')}</th>
              <th>{t('intake.field.name')}</th>
              <th>{t('intake.calls.weight')}</th>
              <th>{t('intake.calls.maxScore')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {rubric.map((r, i) => (
              <tr key={i}>
                {(['code', 'name', 'weight', 'maxScore'] as const).map((k) => (
                  <td key={k}>
                    <input
                      className="input"
                      value={r[k]}
                      aria-label={`${k} ${i + 1}`}
                      onChange={(e) =>
                        setRubric((list) =>
                          list.map((x, j) => (j === i ? { ...x, [k]: e.target.value } : x)),
                        )
                      }
                    />
                    {err(`rubric.${i}.${k}`)}
                  </td>
                ))}
                <td>
                  <button
                    type="button"
                    className="link-button"
                    onClick={() => setRubric((list) => list.filter((_, j) => j !== i))}
                  >
                    {t('common.delete')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <button
          type="button"
          className="button button-small"
          onClick={() =>
            setRubric((list) => [...list, { code: '', name: '', weight: '1', maxScore: '10' }])
          }
        >
          {t('intake.calls.addCriterion')}
        </button>
      </fieldset>
      {instruments.map((d, i) => (
        <fieldset key={i} className="field-wide form-grid" data-testid="call-instrument">
          <legend>
            {t('intake.calls.instrument')} {i + 1}
          </legend>
          {(
            [
              ['code', t('intake.field.code')],
              ['name', t('intake.field.name')],
              ['budget', `${t('intake.calls.budget')} (KRW)`],
              ['maxGrant', `${t('intake.rules.maxGrant')} (KRW)`],
              ['minTotal', `${t('intake.rules.minTotal')} (KRW)`],
              ['sme', `${t('intake.rules.publicShare')} SME (%)`],
              ['midSized', `${t('intake.rules.publicShare')} mid-sized (%)`],
              ['large', `${t('intake.rules.publicShare')} large (%)`],
              ['minFirmShare', `${t('intake.rules.minFirmShare')} (%)`],
              ['personnelCap', `${t('intake.rules.personnelCap')} (%)`],
              ['fastTrack', `${t('intake.rules.fastTrack')} (KRW)`],
              ['reporting', t('intake.rules.reporting')],
            ] as const
          ).map(([k, label]) => (
            <label key={k} className="field">
              <span className="field-label">{label}</span>
              <input
                className="input"
                value={d[k]}
                data-testid={`instrument-${i}-${k}`}
                onChange={(e) => setInstrument(i, { [k]: e.target.value })}
              />
            </label>
          ))}
          <div className="field field-wide">
            <span className="field-label">{t('intake.rules.leadKinds')}</span>
            <span>
              {organisationKinds.map((k) => (
                <label key={k} className="small" style={{ marginRight: '0.75rem' }}>
                  <input
                    type="checkbox"
                    checked={d.leadKinds.includes(k)}
                    onChange={(e) =>
                      setInstrument(i, {
                        leadKinds: e.target.checked
                          ? [...d.leadKinds, k]
                          : d.leadKinds.filter((x) => x !== k),
                      })
                    }
                  />{' '}
                  {k}
                </label>
              ))}
            </span>
            {err(`instruments.${i}.rules.eligibleLeadKinds`)}
          </div>
          {Object.entries(errors)
            .filter(([f]) => f.startsWith(`instruments.${i}.`))
            .map(([f, m]) => (
              <span key={f} className="field-error field-wide">
                {f.replace(`instruments.${i}.`, '')}: {m}
              </span>
            ))}
        </fieldset>
      ))}
      <div className="field-wide">
        <button
          type="button"
          className="button button-small"
          onClick={() =>
            setInstruments((list) => [
              ...list,
              draftOf({
                code: `instrument_${list.length + 1}`,
                name: '',
                budgetKrw: null,
                rules: blankRules,
              }),
            ])
          }
        >
          {t('intake.calls.addInstrument')}
        </button>
      </div>
      {save.error && <ProblemDetails error={save.error} testId="call-form-error" />}
      <div className="form-actions field-wide">
        <button
          type="submit"
          className="button button-primary"
          disabled={save.isPending}
          data-testid="call-save"
        >
          {t('common.save')}
        </button>
        <button type="button" className="button" onClick={() => onDone(call?.id ?? null)}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
