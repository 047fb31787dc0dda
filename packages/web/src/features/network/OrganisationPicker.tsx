import { useQuery } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { api } from '../../api/api-client.ts';
import { useI18n } from '../../app/I18nProvider.tsx';

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
  const listId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [text, setText] = useState('');
  const [debounced, setDebounced] = useState('');
  const [active, setActive] = useState(0);
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
    setActive(0);
    input.current?.focus();
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setActive((a) => Math.min(a + 1, Math.max(options.length - 1, 0)));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => Math.max(a - 1, 0));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      const option = options[active];
      if (option) add({ kind: 'organisation', id: option.id, name: option.name });
      else if (text.trim()) add({ kind: 'name', name: text.trim() });
    } else if (e.key === 'Escape') {
      setText('');
    } else if (e.key === 'Backspace' && text === '' && picked.length > 0) {
      onChange(picked.slice(0, -1));
    }
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
      <input
        ref={input}
        className="input"
        data-testid="attendee-search"
        role="combobox"
        aria-expanded={options.length > 0}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={options[active] ? `${listId}-${active}` : undefined}
        placeholder={t('network.attendeePlaceholder')}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
      />
      {options.length > 0 && (
        <ul className="typeahead" id={listId} role="listbox" data-testid="attendee-options">
          {options.map((o, i) => (
            <li
              key={o.id}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'active' : undefined}
              data-org={o.id}
              onMouseDown={(e) => {
                e.preventDefault();
                add({ kind: 'organisation', id: o.id, name: o.name });
              }}
            >
              {o.name} <span className="muted small">{valueLabel(o.kind)}</span>
            </li>
          ))}
        </ul>
      )}
      <p className="hint">{t('network.attendeeHint')}</p>
    </div>
  );
}
