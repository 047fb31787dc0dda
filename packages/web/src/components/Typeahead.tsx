import { useId, useState, type KeyboardEvent, type ReactNode, type Ref } from 'react';

/** Props of {@link Typeahead}. */
export interface TypeaheadProps<T> {
  /** The suggestions for the current text (empty hides the list). */
  options: readonly T[];
  text: string;
  onTextChange: (text: string) => void;
  /** A suggestion chosen by click or by Enter on the highlighted one. */
  onPick: (option: T) => void;
  /** Enter with no suggestion highlighted (e.g. keep the typed text as it is). */
  onEnterWithout?: () => void;
  /** Keys the caller handles before the list's own (e.g. Backspace in an empty box). */
  onOtherKey?: (e: KeyboardEvent<HTMLInputElement>) => void;
  optionKey: (option: T) => string | number;
  renderOption: (option: T) => ReactNode;
  /** Data attributes of an option's list item, which page models find options by. */
  optionData?: (option: T) => Record<`data-${string}`, string | number>;
  placeholder: string;
  inputTestId: string;
  listTestId: string;
  /** The id of the element naming the box. */
  labelledBy?: string;
  inputType?: 'text' | 'search';
  inputRef?: Ref<HTMLInputElement>;
}

/**
 * A type-ahead box (WAI-ARIA combobox with a listbox): arrow keys move the highlight, Enter picks
 * the highlighted suggestion, Escape clears the text, and a click picks without moving focus
 * out of the box, so several entries go in from the keyboard. Shared by the attendee picker and
 * the explorer's organisation search.
 */
export function Typeahead<T>({
  options,
  text,
  onTextChange,
  onPick,
  onEnterWithout,
  onOtherKey,
  optionKey,
  renderOption,
  optionData,
  placeholder,
  inputTestId,
  listTestId,
  labelledBy,
  inputType = 'text',
  inputRef,
}: TypeaheadProps<T>) {
  const listId = useId();
  const [active, setActive] = useState(0);
  const pick = (option: T) => {
    setActive(0);
    onPick(option);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    onOtherKey?.(e);
    if (e.defaultPrevented) return;
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setActive((a) => Math.min(a + 1, Math.max(options.length - 1, 0)));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => Math.max(a - 1, 0));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      const option = options[active];
      if (option !== undefined) pick(option);
      else onEnterWithout?.();
    } else if (e.key === 'Escape') {
      onTextChange('');
    }
  };
  return (
    <>
      <input
        ref={inputRef}
        aria-labelledby={labelledBy}
        className="input"
        type={inputType}
        data-testid={inputTestId}
        role="combobox"
        aria-expanded={options.length > 0}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={options[active] !== undefined ? `${listId}-${active}` : undefined}
        placeholder={placeholder}
        value={text}
        onChange={(e) => {
          onTextChange(e.target.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
      />
      {options.length > 0 && (
        <ul className="typeahead" id={listId} role="listbox" data-testid={listTestId}>
          {options.map((option, i) => (
            <li
              key={optionKey(option)}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'active' : undefined}
              {...optionData?.(option)}
              onMouseDown={(e) => {
                e.preventDefault();
                pick(option);
              }}
            >
              {renderOption(option)}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
