import { useRef } from 'react';

let next = 0;
const newKey = () => `k${++next}`;

/**
 * Stable React keys for an editable list whose items are plain values (conditions, actions): a
 * row keeps its key while it is edited or moved, so its inputs keep focus and state. Call the
 * returned helpers alongside each change of the list; a list replaced from outside (a reload)
 * gets fresh keys.
 */
export function useListKeys(length: number) {
  const keys = useRef<string[]>([]);
  if (keys.current.length !== length) keys.current = Array.from({ length }, newKey);
  return {
    keys: keys.current,
    added: () => {
      keys.current = [...keys.current, newKey()];
    },
    removed: (i: number) => {
      keys.current = keys.current.filter((_, j) => j !== i);
    },
    moved: (i: number, by: -1 | 1) => {
      const to = i + by;
      if (to < 0 || to >= keys.current.length) return;
      const out = [...keys.current];
      const [k] = out.splice(i, 1) as [string];
      out.splice(to, 0, k);
      keys.current = out;
    },
  };
}
