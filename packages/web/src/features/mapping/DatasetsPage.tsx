import type { Dataset } from '@innocluster/contracts';
import { Fragment, useState, type FormEvent } from 'react';
import {
  fileToBase64,
  mappingAdminApi,
  useMappingChange,
  usePlantSummary,
  type DatasetRequest,
} from '../../api/mapping-admin-client.ts';
import { useMappingDatasets } from '../../api/use-mapping.ts';
import { useAuth } from '../../app/AuthProvider.tsx';
import { useI18n } from '../../app/I18nProvider.tsx';
import { useDocumentTitle } from '../../app/use-document-title.ts';
import { QueryState } from '../../components/QueryState.tsx';
import { SyntheticBadge } from '../../components/SyntheticBadge.tsx';
import { DatasetEditForm } from './DatasetEditForm.tsx';
import { fillIn, ProblemDetails } from './MappingAdminNav.tsx';

const fillRules = ['zero', 'band_midpoint', 'parent_share'] as const;
const universes = ['sum', 'national'] as const;

function yearsText(years: number[]): string {
  if (years.length === 0) return '—';
  const first = years[0]!;
  const last = years[years.length - 1]!;
  return years.length === 1 ? String(first) : `${first}–${last} (${years.length})`;
}

function NewDatasetForm({ onCreated }: { onCreated: (d: Dataset) => void }) {
  const { t } = useI18n();
  const empty: DatasetRequest = { name: '', universe: 'sum', fillRule: 'zero' };
  const [draft, setDraft] = useState<DatasetRequest>(empty);
  const create = useMappingChange((body: DatasetRequest) => mappingAdminApi.createDataset(body));
  const set = (patch: Partial<DatasetRequest>) => setDraft((d) => ({ ...d, ...patch }));
  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate(
      {
        ...draft,
        name: draft.name.trim(),
        source: draft.source?.trim() || null,
        licence: draft.licence?.trim() || null,
        description: draft.description?.trim() || null,
      },
      {
        onSuccess: (created) => {
          setDraft(empty);
          onCreated(created);
        },
      },
    );
  }
  return (
    <form className="entity-form" onSubmit={submit} noValidate data-testid="dataset-form">
      <h2>{t('mappingAdmin.datasets.new')}</h2>
      {create.error && <ProblemDetails error={create.error} testId="dataset-form-errors" />}
      <div className="form-grid">
        <label className="field">
          <span className="field-label">{t('mappingAdmin.name')}</span>
          <input
            data-testid="dataset-name"
            value={draft.name}
            required
            onChange={(e) => set({ name: e.target.value })}
          />
        </label>
        <label className="field">
          <span className="field-label">{t('common.source')}</span>
          <input
            data-testid="dataset-source"
            value={draft.source ?? ''}
            onChange={(e) => set({ source: e.target.value })}
          />
        </label>
        <label className="field">
          <span className="field-label">{t('mappingAdmin.licence')}</span>
          <input value={draft.licence ?? ''} onChange={(e) => set({ licence: e.target.value })} />
        </label>
        <label className="field">
          <span className="field-label">{t('mapping.universe')}</span>
          <select
            data-testid="dataset-universe"
            value={draft.universe}
            onChange={(e) => set({ universe: e.target.value as DatasetRequest['universe'] })}
          >
            {universes.map((u) => (
              <option key={u} value={u}>
                {t(`mapping.universe.${u}` as const)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field-label">{t('mappingAdmin.fillRule')}</span>
          <select
            data-testid="dataset-fill-rule"
            value={draft.fillRule}
            onChange={(e) => set({ fillRule: e.target.value as DatasetRequest['fillRule'] })}
          >
            {fillRules.map((f) => (
              <option key={f} value={f}>
                {t(`mapping.fill.${f}` as const)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field-label">{t('mappingAdmin.description')}</span>
          <input
            value={draft.description ?? ''}
            onChange={(e) => set({ description: e.target.value })}
          />
        </label>
      </div>
      <p className="muted small">{t('mappingAdmin.datasets.fillHint')}</p>
      <div className="form-actions">
        <button
          type="submit"
          className="button button-primary"
          data-testid="dataset-create"
          disabled={create.isPending || draft.name.trim() === ''}
        >
          {t('common.create')}
        </button>
      </div>
    </form>
  );
}

/**
 * The state of a dataset's file import: the chosen file, the last import's result (with the
 * file's name), choosing a file (which clears the last result and error), and a submit that
 * sends the file base64-encoded and then clears the chooser.
 */
function useDatasetUpload<R extends object>(
  send: (id: number, file: { fileName: string; contentBase64: string }) => Promise<R>,
) {
  const [file, setFile] = useState<File | null>(null);
  const [inputKey, setInputKey] = useState(0);
  const [done, setDone] = useState<(R & { fileName: string }) | null>(null);
  const importFile = useMappingChange(async ({ id, file: f }: { id: number; file: File }) => ({
    ...(await send(id, { fileName: f.name, contentBase64: await fileToBase64(f) })),
    fileName: f.name,
  }));
  function choose(f: File | null) {
    setFile(f);
    setDone(null);
    importFile.reset();
  }
  function submit(event: FormEvent, id: number) {
    event.preventDefault();
    if (!file) return;
    setDone(null);
    importFile.mutate(
      { id, file },
      {
        onSuccess: (result) => {
          setDone(result);
          setFile(null);
          setInputKey((k) => k + 1);
        },
      },
    );
  }
  return { file, inputKey, done, importFile, choose, submit };
}

/** The dataset an import writes to. */
function DatasetSelect({
  datasets,
  value,
  onSelect,
  testId,
}: {
  datasets: Dataset[];
  value: number;
  onSelect: (id: number) => void;
  testId: string;
}) {
  const { t } = useI18n();
  return (
    <label className="field">
      <span className="field-label">{t('mapping.dataset')}</span>
      <select data-testid={testId} value={value} onChange={(e) => onSelect(Number(e.target.value))}>
        {datasets.map((d) => (
          <option key={d.id} value={d.id}>
            {d.name}
          </option>
        ))}
      </select>
    </label>
  );
}

/** A CSV or XLSX file to import; a new `resetKey` clears the choice (after an import). */
function SpreadsheetInput({
  resetKey,
  testId,
  onFile,
}: {
  resetKey: number;
  testId: string;
  onFile: (file: File | null) => void;
}) {
  const { t } = useI18n();
  return (
    <label className="field">
      <span className="field-label">{t('mappingAdmin.import.file')}</span>
      <input
        key={resetKey}
        type="file"
        accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        data-testid={testId}
        onChange={(e) => onFile(e.target.files?.[0] ?? null)}
      />
    </label>
  );
}

function ImportForm({
  datasets,
  selected,
  onSelect,
}: {
  datasets: Dataset[];
  selected: number | null;
  onSelect: (id: number) => void;
}) {
  const { t } = useI18n();
  const [kind, setKind] = useState<'regional' | 'national'>('regional');
  const upload = useDatasetUpload((id, file) => mappingAdminApi.importFile(id, { ...file, kind }));
  const { file, inputKey, done, importFile } = upload;
  const target = datasets.find((d) => d.id === selected) ?? datasets[0];
  if (!target) return null;
  return (
    <form
      className="entity-form"
      onSubmit={(e) => upload.submit(e, target.id)}
      noValidate
      data-testid="import-form"
    >
      <h2>{t('mappingAdmin.import.title')}</h2>
      <p className="muted small">{t('mappingAdmin.import.columns')}</p>
      <div className="form-grid">
        <DatasetSelect
          datasets={datasets}
          value={target.id}
          onSelect={onSelect}
          testId="import-dataset"
        />
        <label className="field">
          <span className="field-label">{t('mappingAdmin.import.kind')}</span>
          <select
            data-testid="import-kind"
            value={kind}
            onChange={(e) => setKind(e.target.value as 'regional' | 'national')}
          >
            <option value="regional">{t('mappingAdmin.import.regional')}</option>
            <option value="national">{t('mappingAdmin.import.national')}</option>
          </select>
        </label>
        <SpreadsheetInput resetKey={inputKey} testId="import-file" onFile={upload.choose} />
      </div>
      {importFile.error && <ProblemDetails error={importFile.error} testId="import-errors" />}
      {done && (
        <p className="notice" role="status" data-testid="import-done">
          {fillIn(t('mappingAdmin.import.done'), {
            file: done.fileName,
            inserted: done.inserted.toLocaleString(),
            suppressed: done.suppressed.toLocaleString(),
            filled: done.filled.toLocaleString(),
          })}
        </p>
      )}
      <div className="form-actions">
        <button
          type="submit"
          className="button button-primary"
          data-testid="import-submit"
          disabled={!file || importFile.isPending}
        >
          {importFile.isPending ? t('common.loading') : t('mappingAdmin.import.submit')}
        </button>
      </div>
    </form>
  );
}

/**
 * Plant-level employment of a dataset (columns plant, region, industry, year, employment), all
 * or nothing, with the plants already stored per year: the input of the Ellison–Glaeser index.
 */
function PlantImportForm({
  datasets,
  selected,
  onSelect,
}: {
  datasets: Dataset[];
  selected: number | null;
  onSelect: (id: number) => void;
}) {
  const { t, language } = useI18n();
  const locale = language === 'ko' ? 'ko-KR' : 'en-GB';
  const target = datasets.find((d) => d.id === selected) ?? datasets[0];
  const summary = usePlantSummary(target?.id ?? null);
  const upload = useDatasetUpload((id, file) => mappingAdminApi.importPlants(id, file));
  const { file, inputKey, done, importFile } = upload;
  if (!target) return null;
  const number = (n: number) => n.toLocaleString(locale, { maximumFractionDigits: 0 });
  return (
    <form
      className="entity-form"
      onSubmit={(e) => upload.submit(e, target.id)}
      noValidate
      data-testid="plant-import-form"
    >
      <h2>{t('mappingAdmin.plants.title')}</h2>
      <p className="muted small">{t('mappingAdmin.plants.columns')}</p>
      <div className="form-grid">
        <DatasetSelect
          datasets={datasets}
          value={target.id}
          onSelect={onSelect}
          testId="plant-import-dataset"
        />
        <SpreadsheetInput resetKey={inputKey} testId="plant-import-file" onFile={upload.choose} />
      </div>
      <ul className="muted small" data-testid="plant-summary">
        {summary.data && summary.data.years.length === 0 && (
          <li>{t('mappingAdmin.plants.none')}</li>
        )}
        {summary.data?.years.map((y) => (
          <li key={y.year} data-year={y.year} data-plants={y.plants}>
            {fillIn(t('mappingAdmin.plants.year'), {
              year: String(y.year),
              plants: number(y.plants),
              employment: number(y.employment),
            })}
            {y.synthetic > 0 && (
              <>
                {' '}
                <SyntheticBadge />
              </>
            )}
          </li>
        ))}
      </ul>
      {importFile.error && <ProblemDetails error={importFile.error} testId="plant-import-errors" />}
      {done && (
        <p className="notice" role="status" data-testid="plant-import-done">
          {fillIn(t('mappingAdmin.plants.done'), {
            file: done.fileName,
            inserted: number(done.inserted),
            replaced: number(done.replaced),
            years: done.years.join(', '),
          })}
        </p>
      )}
      <div className="form-actions">
        <button
          type="submit"
          className="button button-primary"
          data-testid="plant-import-submit"
          disabled={!file || importFile.isPending}
        >
          {importFile.isPending ? t('common.loading') : t('mappingAdmin.plants.submit')}
        </button>
      </div>
    </form>
  );
}

/**
 * Statistics datasets: what each holds (source, licence, universe, fill rule, counts, years),
 * a new dataset, an edit of a dataset's metadata, an all-or-nothing import of a CSV or XLSX
 * file, an import of plant-level employment, and deletion.
 */
export function DatasetsPage() {
  const { t } = useI18n();
  useDocumentTitle(t('mappingAdmin.datasets.title'));
  const auth = useAuth();
  const datasets = useMappingDatasets();
  const [selected, setSelected] = useState<number | null>(null);
  const remove = useMappingChange((id: number) => mappingAdminApi.deleteDataset(id));
  const [editing, setEditing] = useState<number | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const canCreate = auth.can('mapping', 'create');
  const canUpdate = auth.can('mapping', 'update');
  const canDelete = auth.can('mapping', 'delete');
  return (
    <div className="page mapping-admin-page">
      <div className="page-head">
        <h1>{t('mappingAdmin.datasets.title')}</h1>
      </div>
      <p className="muted">{t('mappingAdmin.datasets.intro')}</p>
      <QueryState query={datasets}>
        {(rows) => (
          <>
            {rows.length === 0 ? (
              <p className="muted" data-testid="datasets-empty">
                {t('mappingAdmin.datasets.empty')}
              </p>
            ) : (
              <div className="table-wrap">
                <table className="table" data-testid="datasets-table">
                  <thead>
                    <tr>
                      <th>{t('mappingAdmin.name')}</th>
                      <th>{t('common.source')}</th>
                      <th>{t('mappingAdmin.licence')}</th>
                      <th>{t('mapping.universe')}</th>
                      <th>{t('mappingAdmin.fillRule')}</th>
                      <th className="num" title={t('mappingAdmin.datasets.valuesTitle')}>
                        {t('mappingAdmin.datasets.values')}
                      </th>
                      <th className="num">{t('mappingAdmin.datasets.suppressed')}</th>
                      <th className="num">{t('mappingAdmin.datasets.filled')}</th>
                      <th>{t('mappingAdmin.datasets.years')}</th>
                      <th>{t('common.actions')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {rows.map((d) => (
                      <Fragment key={d.id}>
                        <tr data-testid="dataset-row" data-name={d.name}>
                          <td>
                            <strong>{d.name}</strong> {d.synthetic && <SyntheticBadge />}
                            {d.description && <div className="muted small">{d.description}</div>}
                          </td>
                          <td className="small">{d.source ?? t('common.none')}</td>
                          <td className="small">{d.licence ?? t('common.none')}</td>
                          <td>{t(`mapping.universe.${d.universe}` as const)}</td>
                          <td>{t(`mapping.fill.${d.fillRule}` as const)}</td>
                          <td className="num" data-testid="dataset-values">
                            {d.values.toLocaleString()}
                          </td>
                          <td className="num" data-testid="dataset-suppressed">
                            {d.suppressed.toLocaleString()}
                          </td>
                          <td className="num" data-testid="dataset-filled">
                            {d.filled.toLocaleString()}
                          </td>
                          <td>{yearsText(d.years)}</td>
                          <td>
                            <div className="actions">
                              {canUpdate && (
                                <button
                                  type="button"
                                  className="button button-small"
                                  data-testid="dataset-edit"
                                  aria-expanded={editing === d.id}
                                  onClick={() => {
                                    setSaved(null);
                                    setEditing(editing === d.id ? null : d.id);
                                  }}
                                >
                                  {t('common.edit')}
                                </button>
                              )}
                              {canCreate && (
                                <button
                                  type="button"
                                  className="button button-small"
                                  data-testid="dataset-import"
                                  onClick={() => {
                                    setSelected(d.id);
                                    document
                                      .querySelector('[data-testid="import-form"]')
                                      ?.scrollIntoView({ behavior: 'smooth' });
                                  }}
                                >
                                  {t('mappingAdmin.import.submit')}
                                </button>
                              )}
                              {canDelete && (
                                <button
                                  type="button"
                                  className="button button-small button-danger"
                                  data-testid="dataset-delete"
                                  disabled={remove.isPending}
                                  onClick={() => {
                                    if (
                                      window.confirm(
                                        fillIn(t('mappingAdmin.datasets.confirmDelete'), {
                                          name: d.name,
                                          values: d.values.toLocaleString(),
                                        }),
                                      )
                                    )
                                      remove.mutate(d.id);
                                  }}
                                >
                                  {t('common.delete')}
                                </button>
                              )}
                            </div>
                          </td>
                        </tr>
                        {editing === d.id && (
                          <tr data-testid="dataset-edit-row">
                            <td colSpan={10}>
                              <DatasetEditForm
                                dataset={d}
                                onDone={(result) => {
                                  setEditing(null);
                                  setSaved(result?.name ?? null);
                                }}
                              />
                            </td>
                          </tr>
                        )}
                      </Fragment>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            {saved !== null && (
              <p className="notice" role="status" data-testid="dataset-saved">
                {fillIn(t('mappingAdmin.datasets.saved'), { name: saved })}
              </p>
            )}
            {remove.error && <ProblemDetails error={remove.error} testId="dataset-delete-error" />}
            {canCreate && (
              <div
                className="mapping-admin-forms"
                style={{
                  display: 'grid',
                  gridTemplateColumns: 'repeat(auto-fit, minmax(26rem, 1fr))',
                  gap: '1.5rem',
                  marginTop: '1.5rem',
                }}
              >
                <NewDatasetForm onCreated={(d) => setSelected(d.id)} />
                <ImportForm datasets={rows} selected={selected} onSelect={setSelected} />
                <PlantImportForm datasets={rows} selected={selected} onSelect={setSelected} />
              </div>
            )}
          </>
        )}
      </QueryState>
    </div>
  );
}
