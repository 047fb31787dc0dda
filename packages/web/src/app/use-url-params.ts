import { useSearchParams } from 'react-router-dom';

/**
 * The page's state kept in the address (filters, page, sort), so a view survives a reload and
 * can be shared. `update` merges changes; an empty or null value removes the parameter. The
 * history entry is replaced, not added, so Back leaves the page instead of undoing a filter.
 */
export function useUrlParams() {
  const [params, setParams] = useSearchParams();
  const update = (changes: Record<string, string | number | null>) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [key, value] of Object.entries(changes)) {
          if (value === null || value === '') next.delete(key);
          else next.set(key, String(value));
        }
        return next;
      },
      { replace: true },
    );
  return { params, setParams, update };
}
