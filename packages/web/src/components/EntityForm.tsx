import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState, type FormEvent } from 'react';
import { ApiError, api, type AnyRow } from '../api/api-client.ts';
import { useI18n } from '../app/I18nProvider.tsx';
import { describeFields, type EntityContractLike, type FieldDescriptor } from './entity-fields.ts';
import {
  changedFields,
  initialFormValues,
  syntheticField,
  toPayload,
  type FormValues,
} from './entity-form-values.ts';
import { ReferenceSelect } from './ReferenceSelect.tsx';

type FieldErrors = Record<string, string>;

interface ZodIssueLike {
  path: PropertyKey[];
  message: string;
}

/**
 * A create or edit form for any registry entity, built from its contract: each field's input
 * follows its zod type, the contract's create/update schema validates before sending, and the
 * server's problem details land under the fields they name.
 */
export function EntityForm({
  contract,
  row,
  preset,
  onSaved,
  onCancel,
  readOnly = false,
}: {
  contract: EntityContractLike;
  /** The stored row when editing; null to create. */
  row: AnyRow | null;
  /** Values to start a new row with, e.g. the complex it belongs to. */
  preset?: Record<string, unknown>;
  onSaved: (row: AnyRow) => void;
  onCancel?: () => void;
  /** Shows the values without a save button, for users who may only read the row. */
  readOnly?: boolean;
}) {
  const { t, fieldLabel, valueLabel } = useI18n();
  const queryClient = useQueryClient();
  const fields = useMemo(() => describeFields(contract), [contract]);
  const [values, setValues] = useState<FormValues>(() => initialFormValues(fields, row, preset));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [summary, setSummary] = useState<string | null>(null);

  const mutation = useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      row ? api.update(contract.key, row.id, body) : api.create(contract.key, body),
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries();
      onSaved(saved as unknown as AnyRow);
    },
    onError: (error) => {
      if (error instanceof ApiError) {
        setErrors(error.fieldErrors);
        setSummary(`${t('form.serverError')} ${error.problem.detail ?? error.problem.title}`);
      } else {
        setSummary(error instanceof Error ? error.message : String(error));
      }
    },
  });

  const allFields = [...fields, syntheticField];

  function submit(event: FormEvent) {
    event.preventDefault();
    const converted = toPayload(fields, values);
    const found: FieldErrors = {};
    for (const name of Object.keys(converted.errors)) found[name] = t('form.mustBeNumber');
    for (const name of converted.missing) found[name] = t('form.required');
    const body = row ? changedFields(converted.payload, row) : converted.payload;
    const schema = row ? contract.update : contract.create;
    const result = schema.safeParse(body);
    if (!result.success) {
      for (const issue of result.error.issues as ZodIssueLike[]) {
        const name = String(issue.path[0] ?? '');
        if (name && !(name in found)) found[name] = issue.message;
      }
    }
    setErrors(found);
    if (Object.keys(found).length > 0) {
      setSummary(t('form.errorsSummary'));
      return;
    }
    setSummary(null);
    mutation.mutate(body);
  }

  function set(name: string, value: string | boolean) {
    setValues((v) => ({ ...v, [name]: value }));
  }

  const errorEntries = Object.entries(errors);
  const knownNames = new Set(allFields.map((f) => f.name));

  return (
    <form className="entity-form" onSubmit={submit} noValidate data-entity={contract.key}>
      {(summary || errorEntries.length > 0) && (
        <div className="form-errors" role="alert" data-testid="form-errors">
          <strong>{summary ?? t('form.errorsSummary')}</strong>
          {errorEntries.length > 0 && (
            <ul>
              {errorEntries.map(([name, message]) => (
                <li key={name}>
                  {knownNames.has(name) ? <a href={`#field-${name}`}>{fieldLabel(name)}</a> : name}:{' '}
                  {message}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      <fieldset className="form-grid" disabled={readOnly} data-readonly={readOnly || undefined}>
        {allFields.map((field) => (
          <FieldInput
            key={field.name}
            field={field}
            value={values[field.name] ?? ''}
            error={errors[field.name]}
            label={field.name === 'synthetic' ? t('form.syntheticField') : fieldLabel(field.name)}
            valueLabel={valueLabel}
            chooseLabel={t('form.choose')}
            noneLabel={t('form.noneOption')}
            onChange={(v) => set(field.name, v)}
          />
        ))}
      </fieldset>
      {readOnly ? (
        <p className="muted small" data-testid="form-readonly">
          {t('auth.readOnly')}
        </p>
      ) : (
        <div className="form-actions">
          <button
            type="submit"
            className="button button-primary"
            data-testid="form-submit"
            disabled={mutation.isPending}
          >
            {mutation.isPending ? t('common.loading') : row ? t('common.save') : t('common.create')}
          </button>
          {onCancel && (
            <button type="button" className="button" onClick={onCancel}>
              {t('common.cancel')}
            </button>
          )}
        </div>
      )}
    </form>
  );
}

function FieldInput({
  field,
  value,
  error,
  label,
  valueLabel,
  chooseLabel,
  noneLabel,
  onChange,
}: {
  field: FieldDescriptor;
  value: string | boolean;
  error: string | undefined;
  label: string;
  valueLabel: (v: string) => string;
  chooseLabel: string;
  noneLabel: string;
  onChange: (value: string | boolean) => void;
}) {
  const id = `field-${field.name}`;
  const errorId = `error-${field.name}`;
  const text = typeof value === 'string' ? value : '';
  const common = {
    id,
    name: field.name,
    'aria-invalid': error !== undefined,
    'aria-describedby': error ? errorId : undefined,
  };
  let input;
  switch (field.kind) {
    case 'boolean':
      input = (
        <input
          {...common}
          type="checkbox"
          checked={value === true}
          onChange={(e) => onChange(e.target.checked)}
        />
      );
      break;
    case 'enum':
      input = (
        <select
          {...common}
          className="input"
          value={text}
          onChange={(e) => onChange(e.target.value)}
        >
          <option value="">{field.required ? chooseLabel : noneLabel}</option>
          {field.options.map((o) => (
            <option key={o} value={o}>
              {valueLabel(o)}
            </option>
          ))}
        </select>
      );
      break;
    case 'reference':
      input = (
        <ReferenceSelect
          field={field}
          id={id}
          value={text}
          invalid={error !== undefined}
          describedBy={error ? errorId : undefined}
          onChange={onChange}
        />
      );
      break;
    case 'textarea':
      input = (
        <textarea
          {...common}
          className="input"
          rows={3}
          value={text}
          onChange={(e) => onChange(e.target.value)}
        />
      );
      break;
    default: {
      const type =
        field.kind === 'integer' || field.kind === 'number'
          ? 'number'
          : field.kind === 'date'
            ? 'date'
            : field.kind === 'email'
              ? 'email'
              : field.kind === 'url'
                ? 'url'
                : 'text';
      input = (
        <input
          {...common}
          className="input"
          type={type}
          step={field.kind === 'number' ? 'any' : undefined}
          value={text}
          onChange={(e) => onChange(e.target.value)}
        />
      );
    }
  }
  return (
    <div className={`field field-${field.kind}${error ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>
        {label}
        {field.required && (
          <span className="required" aria-hidden="true">
            {' '}
            *
          </span>
        )}
      </label>
      {input}
      {field.description && <span className="hint">{field.description}</span>}
      {error && (
        <span className="field-error" id={errorId} data-testid={errorId}>
          {error}
        </span>
      )}
    </div>
  );
}
