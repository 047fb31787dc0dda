import type { StrategicIndustry } from '@innocluster/contracts';
import { useMemo, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { useMappingChange } from '../../api/mapping-admin-client.ts';
import {
  strategicIndustriesApi,
  useStrategicIndustries,
  type StrategicIndustryRequest,
  type StrategicScope,
} from '../../api/strategic-industries-client.ts';
import { useEntityList } from '../../api/use-api.ts';
import { useAuth } from '../../app/AuthProvider.tsx';
import { IndustryPicker } from './IndustryPicker.tsx';
import { useI18n } from '../../app/I18nProvider.tsx';
import { useDocumentTitle } from '../../app/use-document-title.ts';
import { QueryState } from '../../components/QueryState.tsx';
import { SyntheticBadge } from '../../components/SyntheticBadge.tsx';
import { fillIn, ProblemDetails, useAllIndustries, type IndustryRow } from './MappingAdminNav.tsx';

/** The scope in the address (`?region=…&programme=…`), so a reload or a link keeps it. */
function useScope(): [StrategicScope, (next: StrategicScope) => void] {
  const [params, setParams] = useSearchParams();
  const programme = Number(params.get('programme'));
  const scope: StrategicScope = {
    region: params.get('region') || 'national',
    programme: Number.isInteger(programme) && programme > 0 ? programme : null,
  };
  const setScope = (next: StrategicScope) => {
    const query = new URLSearchParams();
    if (next.region !== 'national') query.set('region', next.region);
    if (next.programme !== null) query.set('programme', String(next.programme));
    setParams(query, { replace: true });
  };
  return [scope, setScope];
}

/**
 * The industries of one classification code a user can tick, one per code: with several
 * vintages the latest wins, as the server resolves codes.
 */
function industriesOf(
  all: IndustryRow[],
  classifications: { id: number; code: string; vintage: string }[],
  code: string,
): IndustryRow[] {
  const vintage = new Map(classifications.filter((c) => c.code === code).map((c) => [c.id, c]));
  const byCode = new Map<string, IndustryRow>();
  for (const i of all) {
    const c = vintage.get(i.classificationId);
    if (!c) continue;
    const seen = byCode.get(i.code);
    const seenVintage = seen ? (vintage.get(seen.classificationId)?.vintage ?? '') : '';
    if (!seen || c.vintage >= seenVintage) byCode.set(i.code, i);
  }
  return [...byCode.values()].sort((a, b) => a.code.localeCompare(b.code));
}

function DeclarationForm({
  scope,
  own,
  classifications,
  industries,
  onSaved,
  onCancel,
}: {
  scope: StrategicScope;
  own: StrategicIndustry[];
  classifications: { id: number; code: string; vintage: string }[];
  industries: IndustryRow[];
  onSaved: (saved: StrategicIndustry[]) => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const codes = [...new Set(classifications.map((c) => c.code))].sort();
  const [classification, setClassification] = useState(
    own[0]?.classificationCode ?? (codes.includes('KSIC') ? 'KSIC' : (codes[0] ?? 'KSIC')),
  );
  const [chosen, setChosen] = useState<string[]>(own.map((r) => r.industryCode));
  const [source, setSource] = useState(own[0]?.source ?? '');
  const [note, setNote] = useState(own[0]?.note ?? '');
  // Editing demo declarations keeps them flagged unless the user says otherwise.
  const [synthetic, setSynthetic] = useState(own.some((r) => r.synthetic));
  const save = useMappingChange((body: StrategicIndustryRequest) =>
    strategicIndustriesApi.replace(body),
  );
  const options = useMemo(
    () => industriesOf(industries, classifications, classification),
    [industries, classifications, classification],
  );
  const picked = new Set(chosen);
  function toggle(code: string) {
    setChosen((list) => (list.includes(code) ? list.filter((c) => c !== code) : [...list, code]));
  }
  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate(
      {
        region: scope.region,
        programme: scope.programme,
        classification,
        industries: [...chosen].sort(),
        source: source.trim() || null,
        note: note.trim() || null,
        synthetic,
      },
      { onSuccess: onSaved },
    );
  }
  return (
    <form className="entity-form card" onSubmit={submit} noValidate data-testid="strategic-form">
      <h2>{t('mappingAdmin.strategic.editTitle')}</h2>
      <p className="muted small">{t('mappingAdmin.strategic.replaceHint')}</p>
      {save.error && <ProblemDetails error={save.error} testId="strategic-form-errors" />}
      <div className="form-grid">
        <label className="field">
          <span className="field-label">{t('mappingAdmin.strategic.classification')}</span>
          <select
            data-testid="strategic-classification"
            value={classification}
            onChange={(e) => {
              setClassification(e.target.value);
              setChosen([]);
            }}
          >
            {codes.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field-label">{t('common.source')}</span>
          <input
            data-testid="strategic-source"
            value={source}
            onChange={(e) => setSource(e.target.value)}
          />
        </label>
        <label className="field">
          <span className="field-label">{t('mappingAdmin.strategic.note')}</span>
          <input
            data-testid="strategic-note"
            value={note}
            onChange={(e) => setNote(e.target.value)}
          />
        </label>
        <label className="field">
          <span className="field-label">{t('common.synthetic')}</span>
          <span>
            <input
              type="checkbox"
              data-testid="strategic-synthetic"
              checked={synthetic}
              onChange={(e) => setSynthetic(e.target.checked)}
            />{' '}
            <span className="small">{t('mappingAdmin.strategic.syntheticHint')}</span>
          </span>
        </label>
      </div>
      <IndustryPicker
        industries={options}
        isChosen={(i) => picked.has(i.code)}
        onToggle={(i) => toggle(i.code)}
        legend={`${t('mappingAdmin.strategic.industries')} (${chosen.length})`}
        hint={<p className="muted small">{t('mappingAdmin.strategic.parentHint')}</p>}
        testIdPrefix="strategic-industry"
      />
      <div className="form-actions">
        <button
          type="submit"
          className="button button-primary"
          data-testid="strategic-save"
          disabled={save.isPending}
        >
          {t('common.save')}
        </button>
        <button type="button" className="button" data-testid="strategic-cancel" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

/**
 * Strategic industries declared per province or nationally, optionally for one programme: the
 * data of the site-selection criterion "policy consistency". A user with the right chooses a
 * scope, sees its declarations and replaces them.
 */
export function StrategicIndustriesPage() {
  const { t, language } = useI18n();
  useDocumentTitle(t('mappingAdmin.strategic.title'));
  const auth = useAuth();
  // The server checks `update` on a replacement, which can also create the first declaration.
  const canEdit = auth.can('mapping', 'update');
  const [scope, setScope] = useScope();
  const declared = useStrategicIndustries(scope);
  const provinces = useEntityList('regions', { kind: 'province', pageSize: 100, sort: 'name' });
  const programmes = useEntityList('programmes', { pageSize: 100, sort: 'code' });
  const classifications = useEntityList('industry-classifications', {
    pageSize: 100,
    sort: 'code',
  });
  const industries = useAllIndustries();
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState<number | null>(null);
  const byId = useMemo(
    () => new Map((industries.data ?? []).map((i) => [i.id, i])),
    [industries.data],
  );
  const nameOf = (r: StrategicIndustry) => {
    const own = byId.get(r.industryId);
    return language === 'ko' && own?.nameKo ? own.nameKo : r.industryName;
  };
  const changeScope = (next: StrategicScope) => {
    setScope(next);
    setEditing(false);
    setSaved(null);
  };

  return (
    <div className="page mapping-admin-page">
      <div className="page-head">
        <h1>{t('mappingAdmin.strategic.title')}</h1>
      </div>
      <p className="muted" data-testid="strategic-intro">
        {t('mappingAdmin.strategic.intro')}{' '}
        <Link to="/mapping/selection">{t('mappingAdmin.strategic.toSelection')}</Link>
      </p>
      <div className="filters" data-testid="strategic-scope">
        <label className="field">
          <span className="field-label">{t('mappingAdmin.strategic.region')}</span>
          <select
            data-testid="strategic-region"
            value={scope.region}
            onChange={(e) => changeScope({ ...scope, region: e.target.value })}
          >
            <option value="national">{t('mappingAdmin.strategic.national')}</option>
            {(provinces.data?.items ?? []).map((p) => (
              <option key={p.id} value={String(p.id)}>
                {language === 'ko' && p.nameKo ? p.nameKo : p.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field-label">{t('mappingAdmin.strategic.programme')}</span>
          <select
            data-testid="strategic-programme"
            value={scope.programme ?? ''}
            onChange={(e) =>
              changeScope({
                ...scope,
                programme: e.target.value === '' ? null : Number(e.target.value),
              })
            }
          >
            <option value="">{t('mappingAdmin.strategic.anyProgramme')}</option>
            {(programmes.data?.items ?? []).map((p) => (
              <option key={p.id} value={p.id}>
                {p.code} — {language === 'ko' && p.nameKo ? p.nameKo : p.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      <QueryState query={declared}>
        {(rows) => {
          // With a programme chosen the list also holds the declarations for any programme;
          // only the chosen scope's own rows are replaced on saving.
          const own = rows.filter((r) => r.programmeId === scope.programme);
          const sorted = [...rows].sort(
            (a, b) =>
              a.industryCode.localeCompare(b.industryCode) ||
              (a.programmeId ?? 0) - (b.programmeId ?? 0),
          );
          return (
            <>
              {saved !== null && (
                <p className="notice" role="status" data-testid="strategic-saved">
                  {fillIn(t('mappingAdmin.strategic.saved'), { count: saved })}
                </p>
              )}
              {sorted.length === 0 ? (
                <p className="muted" data-testid="strategic-empty" data-region={scope.region}>
                  {t('mappingAdmin.strategic.empty')}
                </p>
              ) : (
                <div className="table-wrap">
                  <table className="table" data-testid="strategic-table" data-region={scope.region}>
                    <thead>
                      <tr>
                        <th>{t('mappingAdmin.strategic.code')}</th>
                        <th>{t('mappingAdmin.name')}</th>
                        <th>{t('mappingAdmin.strategic.classification')}</th>
                        <th>{t('mappingAdmin.strategic.programme')}</th>
                        <th>{t('common.source')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {sorted.map((r) => (
                        <tr key={r.id} data-testid="strategic-row" data-code={r.industryCode}>
                          <td>
                            <code>{r.industryCode}</code>
                          </td>
                          <td>
                            {nameOf(r)} {r.synthetic && <SyntheticBadge />}
                            {r.note && <div className="muted small">{r.note}</div>}
                          </td>
                          <td className="small">{r.classificationCode}</td>
                          <td className="small">
                            {r.programmeCode ?? t('mappingAdmin.strategic.anyProgramme')}
                          </td>
                          <td className="small">{r.source ?? t('common.none')}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
              {canEdit && !editing && (
                <div className="actions">
                  <button
                    type="button"
                    className="button button-primary"
                    data-testid="strategic-edit"
                    onClick={() => {
                      setEditing(true);
                      setSaved(null);
                    }}
                  >
                    {t('mappingAdmin.strategic.edit')}
                  </button>
                </div>
              )}
              {canEdit && editing && industries.data && classifications.data && (
                <DeclarationForm
                  key={`${scope.region}/${scope.programme ?? 'any'}`}
                  scope={scope}
                  own={own}
                  classifications={classifications.data.items}
                  industries={industries.data}
                  onSaved={(after) => {
                    setEditing(false);
                    setSaved(after.length);
                  }}
                  onCancel={() => setEditing(false)}
                />
              )}
            </>
          );
        }}
      </QueryState>
    </div>
  );
}
