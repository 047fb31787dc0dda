import { ReferenceSelect } from '../../components/ReferenceSelect.tsx';
import type { FieldDescriptor } from '../../components/entity-fields.ts';
import { scopeEntities, type ScopeField } from '../auth/grant-label.tsx';

/** A select over the programmes, complexes, mini-clusters or organisations a grant may name. */
export function ScopeSelect({
  field,
  id,
  value,
  invalid,
  onChange,
}: {
  field: ScopeField;
  id: string;
  value: string;
  invalid: boolean;
  onChange: (value: string) => void;
}) {
  const descriptor: FieldDescriptor = {
    name: field,
    kind: 'reference',
    required: true,
    nullable: false,
    hasDefault: false,
    defaultValue: undefined,
    options: [],
    reference: { key: scopeEntities[field] },
    description: null,
  };
  return (
    <ReferenceSelect
      key={field}
      field={descriptor}
      id={id}
      value={value}
      invalid={invalid}
      onChange={onChange}
    />
  );
}
