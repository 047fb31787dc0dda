import { useEffect } from 'react';

/** Names the browser tab after the page, so history and tabs stay readable. */
export function useDocumentTitle(title: string | null | undefined): void {
  useEffect(() => {
    document.title = title ? `${title} · innocluster` : 'innocluster';
  }, [title]);
}
