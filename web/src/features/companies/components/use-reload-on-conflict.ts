import { useState } from 'react';

/**
 * The record a form edits, and what happens when saving it failed with a conflict (409: someone else
 * saved in between): `reload` fetches it again and starts the form over from the fresh values; without
 * `onReload` the form just closes.
 */
export function useReloadOnConflict<T>({
  loaded,
  onReload,
  onClose,
  reset,
}: {
  loaded: T | undefined;
  onReload?: () => Promise<{ data?: T }>;
  onClose: () => void;
  /** Puts the fresh record's values into the form. */
  reset: (fresh: T) => void;
}) {
  const [record, setRecord] = useState(loaded);
  const [conflict, setConflict] = useState(false);
  const [reloading, setReloading] = useState(false);

  const reload = async () => {
    if (!onReload) {
      onClose();
      return;
    }
    setReloading(true);
    try {
      const fresh = (await onReload()).data;
      if (fresh) {
        setRecord(fresh);
        reset(fresh);
      }
      setConflict(false);
    } finally {
      setReloading(false);
    }
  };

  return { record, conflict, setConflict, reloading, reload };
}
