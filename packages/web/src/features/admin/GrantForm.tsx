import { roleNames } from '@innocluster/contracts';
import type { Grant } from '@innocluster/contracts';
import { useI18n } from '../../app/I18nProvider.tsx';
import { roleKey, roleScopes } from '../auth/grant-label.tsx';
import type { GrantInput } from '../../api/api-client.ts';
import { ScopeSelect } from './ScopeSelect.tsx';

export interface GrantDraft {
  role: Grant['role'] | '';
  scopeId: string;
}

export const emptyGrant: GrantDraft = { role: '', scopeId: '' };

/** The grant a draft describes, or the name of the field still missing. */
export function grantFromDraft(draft: GrantDraft): GrantInput | 'role' | 'scope' {
  if (!draft.role) return 'role';
  const field = roleScopes[draft.role];
  if (!field) return { role: draft.role };
  const id = Number(draft.scopeId);
  if (!draft.scopeId || !Number.isInteger(id) || id <= 0) return 'scope';
  return { role: draft.role, [field]: id };
}

/** Role select plus the scope select the role needs (programme, complex, mini-cluster, organisation). */
export function GrantFields({
  idPrefix,
  draft,
  errors,
  onChange,
}: {
  idPrefix: string;
  draft: GrantDraft;
  errors: Record<string, string>;
  onChange: (draft: GrantDraft) => void;
}) {
  const { t, fieldLabel } = useI18n();
  const field = draft.role ? roleScopes[draft.role] : null;
  return (
    <>
      <label className="field" htmlFor={`${idPrefix}-role`}>
        <span className="field-label">{t('users.role')}</span>
        <select
          id={`${idPrefix}-role`}
          name="role"
          className="input"
          value={draft.role}
          aria-invalid={errors.role ? true : undefined}
          onChange={(e) => onChange({ role: e.target.value as GrantDraft['role'], scopeId: '' })}
        >
          <option value="">{t('form.choose')}</option>
          {roleNames.map((r) => (
            <option key={r} value={r}>
              {t(roleKey(r))}
            </option>
          ))}
        </select>
        {errors.role && (
          <span className="field-error" data-testid="error-role">
            {errors.role}
          </span>
        )}
      </label>
      {field ? (
        <div className="field">
          <label className="field-label" htmlFor={`${idPrefix}-scope`}>
            {t('users.scope')}: {fieldLabel(field)}
          </label>
          <ScopeSelect
            field={field}
            id={`${idPrefix}-scope`}
            value={draft.scopeId}
            invalid={Boolean(errors.scope)}
            onChange={(scopeId) => onChange({ ...draft, scopeId })}
          />
          {errors.scope && (
            <span className="field-error" data-testid="error-scope">
              {errors.scope}
            </span>
          )}
        </div>
      ) : (
        draft.role && (
          <p className="muted small field">
            {draft.role === 'evaluator' ? t('users.evaluatorScope') : t('users.noScope')}
          </p>
        )
      )}
    </>
  );
}
