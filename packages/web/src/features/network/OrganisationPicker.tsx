import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { api } from '../../api/api-client.ts';
import { useI18n } from '../../app/I18nProvider.tsx';
import { Typeahead } from '../../components/Typeahead.tsx';

/** An attendee being entered: a registry organisation, or a name kept as written. */
export type PickedAttendee =
  { kind: 'organisation'; id: number; name: string } | { kind: 'name'; name: string };

/**
 * Type-ahead over the organisation registry for quick attendee entry. Arrow keys move through
 * the suggestions, Enter adds the highlighted one (or the typed text as a name when nothing
 * matches), Backspace in an empty box removes the last attendee; focus stays in the box so
 * several attendees go in without touching the mouse.
 */
export function OrganisationPicker({
  picked,
  onChange,
}: {
  picked: readonly PickedAttendee[];
  onChange: (next: PickedAttendee[]) => void;
}) {
  const { t, valueLabel } = useI18n();
  const input = useRef<HTMLInputElement>(null);
  const [text, setText] = useState('');
  const [debounced, setDebounced] = useState('');
  useEffect(() => {
    const timer = window.setTimeout(() => setDebounced(text.trim()), 150);
    return () => window.clearTimeout(timer);
  }, [text]);
  const search = useQuery({
    queryKey: ['organisations', 'typeahead', debounced],
    queryFn: () => api.list('organisations', { q: debounced, pageSize: 8, sort: 'name' }),
    enabled: debounced.length >= 1,
    placeholderData: (previous) => previous,
  });
  const pickedIds = new Set(picked.flatMap((p) => (p.kind === 'organisation' ? [p.id] : [])));
  const options =
    text.trim().length === 0 ? [] : (search.data?.items ?? []).filter((o) => !pickedIds.has(o.id));

  const add = (attendee: PickedAttendee) => {
    onChange([...picked, attendee]);
    setText('');
    setDebounced('');
    input.current?.focus();
  };
  return (
    <div className="org-picker" data-testid="attendee-picker">
      <ul className="chip-list" data-testid="attendee-chips" aria-label={t('network.attendees')}>
        {picked.map((p, i) => (
          <li
            key={p.kind === 'organisation' ? `o${p.id}` : `n${p.name}`}
            className="chip"
            data-attendee={p.name}
          >
            {p.name}
            {p.kind === 'name' && <span className="muted small"> ({t('network.asWritten')})</span>}
            <button
              type="button"
              className="link-button"
              aria-label={`${t('common.delete')} ${p.name}`}
              onClick={() => onChange(picked.filter((_, j) => j !== i))}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
      <Typeahead
        inputRef={input}
        options={options}
        text={text}
        onTextChange={setText}
        onPick={(o) => add({ kind: 'organisation', id: o.id, name: o.name })}
        onEnterWithout={() => {
          if (text.trim()) add({ kind: 'name', name: text.trim() });
        }}
        onOtherKey={(e) => {
          if (e.key === 'Backspace' && text === '' && picked.length > 0) {
            e.preventDefault();
            onChange(picked.slice(0, -1));
          }
        }}
        optionKey={(o) => o.id}
        optionData={(o) => ({ 'data-org': o.id })}
        renderOption={(o) => (
          <>
            {o.name} <span className="muted small">{valueLabel(o.kind)}</span>
          </>
        )}
        placeholder={t('network.attendeePlaceholder')}
        inputTestId="attendee-search"
        listTestId="attendee-options"
      />
      <p className="hint">{t('network.attendeeHint')}</p>
    </div>
  );
}
