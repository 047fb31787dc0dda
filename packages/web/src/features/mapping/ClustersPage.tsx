import type { ClusterDefinition } from '@innocluster/contracts';
import { useMemo, useState, type FormEvent } from 'react';
import {
  mappingAdminApi,
  useClusterVersions,
  useMappingChange,
  type ClusterRequest,
} from '../../api/mapping-admin-client.ts';
import { useAuth } from '../../app/AuthProvider.tsx';
import { IndustryPicker } from './IndustryPicker.tsx';
import { useI18n } from '../../app/I18nProvider.tsx';
import { useDocumentTitle } from '../../app/use-document-title.ts';
import { QueryState } from '../../components/QueryState.tsx';
import { SyntheticBadge } from '../../components/SyntheticBadge.tsx';
import { fillIn, ProblemDetails, useAllIndustries, type IndustryRow } from './MappingAdminNav.tsx';

interface Draft {
  name: string;
  kind: 'traded' | 'local';
  description: string;
  source: string;
  industryIds: number[];
}

const emptyDraft: Draft = {
  name: '',
  kind: 'traded',
  description: '',
  source: '',
  industryIds: [],
};

function draftOf(c: ClusterDefinition): Draft {
  return {
    name: c.name,
    kind: c.kind,
    description: c.description ?? '',
    source: c.source ?? '',
    industryIds: [...c.industryIds],
  };
}

/** Industry codes of a definition, in code order, for the list and the history. */
function codesOf(ids: number[], industries: Map<number, IndustryRow>): string {
  return ids
    .map((id) => industries.get(id)?.code ?? `#${id}`)
    .sort()
    .join(', ');
}

function ClusterForm({
  editing,
  industries,
  onSaved,
  onCancel,
}: {
  editing: ClusterDefinition | null;
  industries: IndustryRow[];
  onSaved: (saved: ClusterDefinition) => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const [draft, setDraft] = useState<Draft>(editing ? draftOf(editing) : emptyDraft);
  const save = useMappingChange((body: ClusterRequest) =>
    editing ? mappingAdminApi.updateCluster(editing.id, body) : mappingAdminApi.createCluster(body),
  );
  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));
  const chosen = new Set(draft.industryIds);
  function toggle(id: number) {
    set({
      industryIds: chosen.has(id)
        ? draft.industryIds.filter((x) => x !== id)
        : [...draft.industryIds, id],
    });
  }
  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate(
      {
        name: draft.name.trim(),
        kind: draft.kind,
        description: draft.description.trim() || null,
        source: draft.source.trim() || null,
        industryIds: draft.industryIds,
      },
      { onSuccess: onSaved },
    );
  }
  return (
    <form className="entity-form card" onSubmit={submit} noValidate data-testid="cluster-form">
      <h2>
        {editing
          ? fillIn(t('mappingAdmin.clusters.editing'), {
              name: editing.name,
              version: editing.version,
            })
          : t('mappingAdmin.clusters.new')}
      </h2>
      {editing && <p className="muted small">{t('mappingAdmin.clusters.versionHint')}</p>}
      {save.error && <ProblemDetails error={save.error} testId="cluster-form-errors" />}
      <div className="form-grid">
        <label className="field">
          <span className="field-label">{t('mappingAdmin.name')}</span>
          <input
            data-testid="cluster-name"
            value={draft.name}
            onChange={(e) => set({ name: e.target.value })}
          />
        </label>
        <label className="field">
          <span className="field-label">{t('mappingAdmin.clusters.kind')}</span>
          <select
            data-testid="cluster-kind"
            value={draft.kind}
            onChange={(e) => set({ kind: e.target.value as Draft['kind'] })}
          >
            <option value="traded">{t('mapping.kind.traded')}</option>
            <option value="local">{t('mapping.kind.local')}</option>
          </select>
        </label>
        <label className="field">
          <span className="field-label">{t('common.source')}</span>
          <input value={draft.source} onChange={(e) => set({ source: e.target.value })} />
        </label>
        <label className="field">
          <span className="field-label">{t('mappingAdmin.description')}</span>
          <input
            data-testid="cluster-description"
            value={draft.description}
            onChange={(e) => set({ description: e.target.value })}
          />
        </label>
      </div>
      <p className="muted small">{t('mappingAdmin.clusters.kindHint')}</p>
      <IndustryPicker
        industries={industries}
        isChosen={(i) => chosen.has(i.id)}
        onToggle={(i) => toggle(i.id)}
        legend={`${t('mappingAdmin.clusters.industries')} (${draft.industryIds.length})`}
        testIdPrefix="cluster-industry"
      />
      <div className="form-actions">
        <button
          type="submit"
          className="button button-primary"
          data-testid="cluster-save"
          disabled={save.isPending || draft.name.trim() === ''}
        >
          {editing ? t('mappingAdmin.clusters.saveVersion') : t('common.create')}
        </button>
        <button type="button" className="button" data-testid="cluster-cancel" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

function VersionHistory({
  name,
  versions,
  industries,
  canDelete,
  onDelete,
}: {
  name: string;
  versions: ClusterDefinition[];
  industries: Map<number, IndustryRow>;
  canDelete: boolean;
  onDelete: (c: ClusterDefinition) => void;
}) {
  const { t } = useI18n();
  return (
    <section className="card" data-testid="cluster-history" data-name={name}>
      <h2>{fillIn(t('mappingAdmin.clusters.history'), { name })}</h2>
      <table className="table">
        <thead>
          <tr>
            <th className="num">{t('mappingAdmin.clusters.version')}</th>
            <th>{t('mappingAdmin.clusters.kind')}</th>
            <th>{t('mappingAdmin.clusters.industries')}</th>
            <th>{t('mappingAdmin.clusters.written')}</th>
            <th>{t('common.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {versions.map((v) => (
            <tr key={v.id} data-testid="cluster-version" data-version={v.version}>
              <td className="num">{v.version}</td>
              <td>{t(`mapping.kind.${v.kind}` as const)}</td>
              <td className="small">{codesOf(v.industryIds, industries) || t('common.none')}</td>
              <td className="small">{new Date(v.createdAt).toLocaleString()}</td>
              <td>
                {canDelete && (
                  <button
                    type="button"
                    className="button button-small button-danger"
                    data-testid="cluster-version-delete"
                    onClick={() => onDelete(v)}
                  >
                    {t('common.delete')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/**
 * Cluster definitions: the latest version of each (kind, industries), a new definition, an
 * edit (which writes the next version, earlier ones stay) with the history, and deletion.
 */
export function ClustersPage() {
  const { t } = useI18n();
  useDocumentTitle(t('mappingAdmin.clusters.title'));
  const auth = useAuth();
  const versions = useClusterVersions();
  const industries = useAllIndustries();
  const [mode, setMode] = useState<{ kind: 'new' } | { kind: 'edit'; id: number } | null>(null);
  const [historyOf, setHistoryOf] = useState<string | null>(null);
  const [saved, setSaved] = useState<ClusterDefinition | null>(null);
  const remove = useMappingChange((id: number) => mappingAdminApi.deleteCluster(id));
  const byId = useMemo(
    () => new Map((industries.data ?? []).map((i) => [i.id, i])),
    [industries.data],
  );
  const canCreate = auth.can('mapping', 'create');
  const canUpdate = auth.can('mapping', 'update');
  const canDelete = auth.can('mapping', 'delete');

  function confirmDelete(c: ClusterDefinition) {
    if (
      window.confirm(
        fillIn(t('mappingAdmin.clusters.confirmDelete'), { name: c.name, version: c.version }),
      )
    )
      remove.mutate(c.id);
  }

  return (
    <div className="page mapping-admin-page">
      <div className="page-head">
        <h1>{t('mappingAdmin.clusters.title')}</h1>
        {canCreate && (
          <button
            type="button"
            className="button button-primary"
            data-testid="cluster-new"
            onClick={() => {
              setMode({ kind: 'new' });
              setSaved(null);
            }}
          >
            {t('mappingAdmin.clusters.new')}
          </button>
        )}
      </div>
      <p className="muted">{t('mappingAdmin.clusters.intro')}</p>
      <QueryState query={versions}>
        {(all) => {
          const latest = new Map<string, ClusterDefinition>();
          for (const c of all) {
            const seen = latest.get(c.name);
            if (!seen || c.version > seen.version) latest.set(c.name, c);
          }
          const rows = [...latest.values()].sort((a, b) => a.name.localeCompare(b.name));
          const editing =
            mode?.kind === 'edit' ? (all.find((c) => c.id === mode.id) ?? null) : null;
          const history = historyOf
            ? all.filter((c) => c.name === historyOf).sort((a, b) => b.version - a.version)
            : [];
          return (
            <>
              {saved && (
                <p className="notice" role="status" data-testid="cluster-saved">
                  {fillIn(t('mappingAdmin.clusters.saved'), {
                    name: saved.name,
                    version: saved.version,
                  })}
                </p>
              )}
              {remove.error && (
                <ProblemDetails error={remove.error} testId="cluster-delete-error" />
              )}
              {mode && industries.data && (
                <ClusterForm
                  key={mode.kind === 'edit' ? mode.id : 'new'}
                  editing={editing}
                  industries={industries.data}
                  onSaved={(c) => {
                    setMode(null);
                    setSaved(c);
                    setHistoryOf(c.name);
                  }}
                  onCancel={() => setMode(null)}
                />
              )}
              {rows.length === 0 ? (
                <p className="muted" data-testid="clusters-empty">
                  {t('mappingAdmin.clusters.empty')}
                </p>
              ) : (
                <div className="table-wrap">
                  <table className="table" data-testid="clusters-table">
                    <thead>
                      <tr>
                        <th>{t('mappingAdmin.name')}</th>
                        <th className="num">{t('mappingAdmin.clusters.version')}</th>
                        <th>{t('mappingAdmin.clusters.kind')}</th>
                        <th>{t('mappingAdmin.clusters.industries')}</th>
                        <th>{t('common.source')}</th>
                        <th>{t('common.actions')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {rows.map((c) => (
                        <tr key={c.id} data-testid="cluster-row" data-name={c.name}>
                          <td>
                            <strong>{c.name}</strong> {c.synthetic && <SyntheticBadge />}
                            {c.description && <div className="muted small">{c.description}</div>}
                          </td>
                          <td className="num" data-testid="cluster-row-version">
                            {c.version}
                          </td>
                          <td>{t(`mapping.kind.${c.kind}` as const)}</td>
                          <td className="small">
                            {codesOf(c.industryIds, byId) || t('common.none')}
                          </td>
                          <td className="small">{c.source ?? t('common.none')}</td>
                          <td>
                            <div className="actions">
                              {canUpdate && (
                                <button
                                  type="button"
                                  className="button button-small"
                                  data-testid="cluster-edit"
                                  onClick={() => {
                                    setMode({ kind: 'edit', id: c.id });
                                    setHistoryOf(c.name);
                                    setSaved(null);
                                  }}
                                >
                                  {t('common.edit')}
                                </button>
                              )}
                              <button
                                type="button"
                                className="button button-small"
                                data-testid="cluster-history-open"
                                onClick={() => setHistoryOf(c.name)}
                              >
                                {t('mappingAdmin.clusters.historyButton')}
                              </button>
                              {canDelete && (
                                <button
                                  type="button"
                                  className="button button-small button-danger"
                                  data-testid="cluster-delete"
                                  onClick={() => confirmDelete(c)}
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
              )}
              {historyOf && history.length > 0 && (
                <VersionHistory
                  name={historyOf}
                  versions={history}
                  industries={byId}
                  canDelete={canDelete}
                  onDelete={confirmDelete}
                />
              )}
            </>
          );
        }}
      </QueryState>
    </div>
  );
}
