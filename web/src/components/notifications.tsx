import { Notification, Portal, Stack } from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconInfoCircle } from '@tabler/icons-react';
import { createContext, type ReactNode, useCallback, useContext, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

type Kind = 'success' | 'error' | 'info';

interface Item {
  id: number;
  kind: Kind;
  message: string;
  title?: string;
}

export interface Notify {
  success: (message: string, title?: string) => void;
  error: (message: string, title?: string) => void;
  info: (message: string, title?: string) => void;
}

const NotifyContext = createContext<Notify | null>(null);

const STYLE: Record<Kind, { color: string; icon: ReactNode; ms: number }> = {
  success: { color: 'teal', icon: <IconCheck size={18} />, ms: 4000 },
  info: { color: 'blue', icon: <IconInfoCircle size={18} />, ms: 5000 },
  error: { color: 'red', icon: <IconAlertTriangle size={18} />, ms: 8000 },
};

/** Toast notifications in the top-right corner (Mantine core only; no extra package). */
export function NotificationsProvider({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const [items, setItems] = useState<Item[]>([]);
  const nextId = useRef(1);

  const dismiss = useCallback((id: number) => setItems((prev) => prev.filter((i) => i.id !== id)), []);

  const push = useCallback(
    (kind: Kind, message: string, title?: string) => {
      const id = nextId.current++;
      // the same message twice in a row (double click) is shown once
      setItems((prev) => [
        ...prev.filter((i) => i.message !== message).slice(-4),
        { id, kind, message, title },
      ]);
      window.setTimeout(() => dismiss(id), STYLE[kind].ms);
    },
    [dismiss],
  );

  const notify = useMemo<Notify>(
    () => ({
      success: (m, title) => push('success', m, title),
      error: (m, title) => push('error', m, title),
      info: (m, title) => push('info', m, title),
    }),
    [push],
  );

  return (
    <NotifyContext.Provider value={notify}>
      {children}
      <Portal>
        <Stack
          gap="xs"
          pos="fixed"
          bottom={16}
          right={16}
          w={380}
          maw="calc(100vw - 32px)"
          style={{ zIndex: 1000 }}
          role="status"
          aria-live="polite"
        >
          {items.map((item) => (
            <Notification
              key={item.id}
              color={STYLE[item.kind].color}
              icon={STYLE[item.kind].icon}
              title={item.title}
              onClose={() => dismiss(item.id)}
              closeButtonProps={{ 'aria-label': t('actions.close') }}
              withBorder
              data-testid="notification"
              data-kind={item.kind}
            >
              {item.message}
            </Notification>
          ))}
        </Stack>
      </Portal>
    </NotifyContext.Provider>
  );
}

export function useNotify(): Notify {
  const notify = useContext(NotifyContext);
  if (!notify) throw new Error('useNotify outside of NotificationsProvider');
  return notify;
}
