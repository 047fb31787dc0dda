import { datasetUpdate, type Dataset, type DatasetUpdate } from '@innocluster/contracts';
import { useState, type FormEvent } from 'react';
import { formFeedback } from '../../api/api-client.ts';
import { mappingAdminApi, useMappingChange } from '../../api/mapping-admin-client.ts';
import { useI18n } from '../../app/I18nProvider.tsx';
import { fillIn } from './MappingAdminNav.tsx';

const fillRules = ['zero', 'band_midpoint', 'parent_share'] as const;
const universes = ['sum', 'national'] as const;

interface Draft {
  name: string;
  source: string;
  licence: string;
  description: string;
  universe: Dataset['universe'];
  fillRule: Dataset['fillRule'];
}

function draftOf(d: Dataset): Draft {
  return {
    name: d.name,
    source: d.source ?? '',
    licence: d.licence ?? '',
    description: d.description ?? '',
    universe: d.universe,
    fillRule: d.fillRule,
  };
}

/** Only what the user changed, emptied texts as null, so the audit trail shows the edit itself. */
function changesOf(d: Dataset, draft: Draft): DatasetUpdate {
  const text = (v: string) => (v.trim() === '' ? null : v.trim());
  const changes: DatasetUpdate = {};
  if (draft.name.trim() !== d.name) changes.name = draft.name.trim();
  if (text(draft.source) !== d.source) changes.source = text(draft.source);
  if (text(draft.licence) !== d.licence) changes.licence = text(draft.licence);
  if (text(draft.description) !== d.description) changes.description = text(draft.description);
  if (draft.universe !== d.universe) changes.universe = draft.universe;
  if (draft.fillRule !== d.fillRule) changes.fillRule = draft.fillRule;
  return changes;
}

/**
 * The metadata of one dataset: name, source, licence, description, universe and fill rule,
 * checked against the contract before sending; the server's field errors land under the fields
 * too. The fill rule is locked
 * while the dataset holds suppressed cells, which the server would refuse (they were filled by
 * the current rule at import).
 */
export function DatasetEditForm({
  dataset,
  onDone,
}: {
  dataset: Dataset;
  onDone: (saved: Dataset | null) => void;
}) {
  const { t } = useI18n();
  const [draft, setDraft] = useState<Draft>(() => draftOf(dataset));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [summary, setSummary] = useState<string | null>(null);
  const update = useMappingChange((body: DatasetUpdate) =>
    mappingAdminApi.updateDataset(dataset.id, body),
  );
  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));
  const fillLocked = dataset.suppressed > 0;

  function submit(event: FormEvent) {
    event.preventDefault();
    const changes = changesOf(dataset, draft);
    // Checked here first against the contract the server checks with, so that the messages
    // come in the interface's language (the I18nProvider sets zod's locale); a blank name reads
    // "required", as on the other forms.
    const checked = datasetUpdate.safeParse(changes);
    if (!checked.success) {
      const found: Record<string, string> = {};
      for (const issue of checked.error.issues) {
        const name = String(issue.path[0] ?? '');
        found[name] ??=
          issue.code === 'too_small' && name === 'name' ? t('form.required') : issue.message;
      }
      setErrors(found);
      setSummary(t('form.errorsSummary'));
      return;
    }
    setErrors({});
    setSummary(null);
    update.mutate(changes, {
      onSuccess: (saved) => onDone(saved),
      onError: (error) => {
        const feedback = formFeedback(error, t('form.errorsSummary'));
        setErrors(feedback.fieldErrors);
        setSummary(feedback.summary);
      },
    });
  }

  const fieldError = (name: string) =>
    errors[name] && (
      <span className="field-error" data-testid={`dataset-edit-error-${name}`}>
        {errors[name]}
      </span>
    );
  const textField = (
    name: 'name' | 'source' | 'licence' | 'description',
    label: string,
    required = false,
  ) => (
    <label className={`field${errors[name] ? ' field-invalid' : ''}`}>
      <span className="field-label">
        {label}
        {required && (
          <span className="required" aria-hidden="true">
            {' '}
            *
          </span>
        )}
      </span>
      <input
        data-testid={`dataset-edit-${name}`}
        value={draft[name]}
        required={required}
        aria-invalid={errors[name] ? true : undefined}
        onChange={(e) => set({ [name]: e.target.value })}
      />
      {fieldError(name)}
    </label>
  );

  return (
    <form
      className="entity-form"
      onSubmit={submit}
      noValidate
      data-testid="dataset-edit-form"
      aria-label={fillIn(t('mappingAdmin.datasets.edit'), { name: dataset.name })}
    >
      <h2>{fillIn(t('mappingAdmin.datasets.edit'), { name: dataset.name })}</h2>
      {summary && (
        <div className="form-errors" role="alert" data-testid="dataset-edit-errors">
          <strong>{summary}</strong>
        </div>
      )}
      <div className="form-grid">
        {textField('name', t('mappingAdmin.name'), true)}
        {textField('source', t('common.source'))}
        {textField('licence', t('mappingAdmin.licence'))}
        <label className={`field${errors.universe ? ' field-invalid' : ''}`}>
          <span className="field-label">{t('mapping.universe')}</span>
          <select
            data-testid="dataset-edit-universe"
            value={draft.universe}
            onChange={(e) => set({ universe: e.target.value as Draft['universe'] })}
          >
            {universes.map((u) => (
              <option key={u} value={u}>
                {t(`mapping.universe.${u}` as const)}
              </option>
            ))}
          </select>
          {fieldError('universe')}
        </label>
        <label className={`field${errors.fillRule ? ' field-invalid' : ''}`}>
          <span className="field-label">{t('mappingAdmin.fillRule')}</span>
          <select
            data-testid="dataset-edit-fill-rule"
            value={draft.fillRule}
            disabled={fillLocked}
            aria-describedby={fillLocked ? `dataset-${dataset.id}-fill-locked` : undefined}
            onChange={(e) => set({ fillRule: e.target.value as Draft['fillRule'] })}
          >
            {fillRules.map((f) => (
              <option key={f} value={f}>
                {t(`mapping.fill.${f}` as const)}
              </option>
            ))}
          </select>
          {fillLocked && (
            <span className="hint" id={`dataset-${dataset.id}-fill-locked`}>
              {fillIn(t('mappingAdmin.datasets.fillLocked'), {
                suppressed: dataset.suppressed.toLocaleString(),
              })}
            </span>
          )}
          {fieldError('fillRule')}
        </label>
        {textField('description', t('mappingAdmin.description'))}
      </div>
      <p className="muted small">{t('mappingAdmin.datasets.editHint')}</p>
      <div className="form-actions">
        <button
          type="submit"
          className="button button-primary"
          data-testid="dataset-edit-save"
          disabled={update.isPending}
        >
          {update.isPending ? t('common.loading') : t('common.save')}
        </button>
        <button
          type="button"
          className="button"
          data-testid="dataset-edit-cancel"
          onClick={() => onDone(null)}
        >
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
