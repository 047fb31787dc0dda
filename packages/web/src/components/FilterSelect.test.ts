import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { I18nProvider } from '../app/I18nProvider.tsx';
import { FilterSelect } from './FilterSelect.tsx';

type Props = Parameters<typeof FilterSelect>[0];

/** Server-renders one filter in English (no stored language outside a browser). */
function render(props: Omit<Props, 'onChange'>): string {
  return renderToStaticMarkup(
    createElement(
      I18nProvider,
      null,
      createElement(FilterSelect, { ...props, onChange: () => {} }),
    ),
  );
}

const options = [
  { value: 1, label: 'Gumi' },
  { value: 2, label: 'Changwon' },
];

// The expected markup is the hand-written markup each filter bar had before it used FilterSelect,
// so the page models' selectors (labels, names, test ids, option values) keep finding it.
describe('FilterSelect', () => {
  it('lays out a form field with a test id, All selected when there is no value', () => {
    expect(render({ label: 'Complex', value: null, options, testId: 'filter-complex' })).toBe(
      '<label class="field"><span class="field-label">Complex</span>' +
        '<select class="input" data-testid="filter-complex">' +
        '<option value="" selected="">All</option>' +
        '<option value="1">Gumi</option><option value="2">Changwon</option>' +
        '</select></label>',
    );
  });

  it('lays out a named, styled select inside its label text and selects the current value', () => {
    expect(
      render({ label: 'Complex', value: '2', options, name: 'filter-complexId', layout: 'label' }),
    ).toBe(
      '<label>Complex<select class="input" name="filter-complexId">' +
        '<option value="">All</option>' +
        '<option value="1">Gumi</option><option value="2" selected="">Changwon</option>' +
        '</select></label>',
    );
  });

  it('lays out an unstyled select after the label text, with its own clearing label', () => {
    expect(
      render({
        label: 'From',
        value: 1,
        options,
        allLabel: 'any',
        testId: 'network-from',
        layout: 'native',
      }),
    ).toBe(
      '<label>From <select data-testid="network-from">' +
        '<option value="">any</option>' +
        '<option value="1" selected="">Gumi</option><option value="2">Changwon</option>' +
        '</select></label>',
    );
  });
});
