import { useSearchParams } from 'react-router';

/**
 * The address's query as a screen's state: `update({ offset: 40 })` sets keys and drops empty
 * ones (`''`, `0`, and any value listed in `defaults`), replacing the history entry.
 */
export function useSearchUpdate(defaults: readonly string[] = []) {
  const [params, setParams] = useSearchParams();
  const update = (changes: Record<string, string | number>) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [k, v] of Object.entries(changes)) {
          if (v === '' || v === 0 || defaults.includes(String(v))) next.delete(k);
          else next.set(k, String(v));
        }
        return next;
      },
      { replace: true },
    );
  return [params, update] as const;
}
