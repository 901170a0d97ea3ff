import {
  Combobox,
  Group,
  Kbd,
  Loader,
  ScrollArea,
  Text,
  TextInput,
  ThemeIcon,
  useCombobox,
} from '@mantine/core';
import { useDebouncedValue, useHotkeys } from '@mantine/hooks';
import {
  IconAddressBook,
  IconBuildingSkyscraper,
  IconReportMoney,
  IconSearch,
  IconUser,
} from '@tabler/icons-react';
import { type ReactNode, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { SearchType } from '../../../../contracts/search';
import { useGlobalSearch } from '../../features/search';
import { useUserSearch } from '../../features/users';
import { useCan } from '../../lib/auth';

type GroupKey = SearchType | 'user';

interface Hit {
  type: GroupKey;
  id: string;
  title: string;
  subtitle: string | null;
  url: string;
}

/** Groups in this order; each keeps the server's ranking inside. */
const GROUPS: Array<{ key: GroupKey; label: string; icon: ReactNode }> = [
  { key: 'company', label: 'search.companies', icon: <IconBuildingSkyscraper size={16} /> },
  { key: 'contact', label: 'search.contacts', icon: <IconAddressBook size={16} /> },
  { key: 'deal', label: 'search.deals', icon: <IconReportMoney size={16} /> },
  { key: 'user', label: 'search.users', icon: <IconUser size={16} /> },
];

/** Milliseconds of typing pause before searching. */
const DEBOUNCE = 150;

/**
 * The header search: companies, contacts and deals (GET /api/search; for administrators also
 * users) as you type, grouped by type. Arrow keys move, Enter opens the chosen record (the first
 * is chosen when results arrive), Escape clears; "/" or Ctrl/⌘+K focuses the box.
 */
export function GlobalSearch() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const can = useCan();
  const inputRef = useRef<HTMLInputElement>(null);
  const [value, setValue] = useState('');
  const [debounced] = useDebouncedValue(value.trim(), DEBOUNCE);
  const combobox = useCombobox({ onDropdownClose: () => combobox.resetSelectedOption() });
  const canSearchRecords = can('companies.read') || can('deals.read');
  const canSearchUsers = can('users.manage');
  const records = useGlobalSearch(debounced, { enabled: canSearchRecords });
  const users = useUserSearch(debounced, { enabled: canSearchUsers, limit: 5 });

  useHotkeys([
    ['mod+K', () => inputRef.current?.focus()],
    ['/', () => inputRef.current?.focus()],
  ]);

  const term = value.trim();
  const hits = useMemo(() => {
    if (!debounced) return [];
    const found: Hit[] = [...(records.data?.items ?? [])];
    for (const u of users.data?.items ?? []) {
      found.push({ type: 'user', id: u.id, title: u.name, subtitle: u.email, url: `/users/${u.id}` });
    }
    return found;
  }, [debounced, records.data, users.data]);
  const groups = GROUPS.map((g) => ({ ...g, hits: hits.filter((h) => h.type === g.key) })).filter(
    (g) => g.hits.length > 0,
  );
  const byValue = useMemo(() => new Map(hits.map((h) => [`${h.type}:${h.id}`, h])), [hits]);
  const fetching = (records.isFetching || users.isFetching) && term !== '';
  // results of an earlier text stay while the next ones load, greyed out
  const stale = fetching || term !== debounced;

  // the best match is chosen as results come in: Enter opens it
  // biome-ignore lint/correctness/useExhaustiveDependencies: react to new results only
  useEffect(() => {
    if (hits.length) combobox.selectFirstOption();
    else combobox.resetSelectedOption();
  }, [hits]);

  const close = () => {
    setValue('');
    combobox.closeDropdown();
    inputRef.current?.blur();
  };

  return (
    <Combobox
      store={combobox}
      onOptionSubmit={(key) => {
        const hit = byValue.get(key);
        if (!hit) return;
        navigate(hit.url);
        close();
      }}
      width="target"
      position="bottom-start"
    >
      <Combobox.Target>
        <TextInput
          ref={inputRef}
          value={value}
          onChange={(event) => {
            setValue(event.currentTarget.value);
            combobox.openDropdown();
          }}
          onFocus={() => term && combobox.openDropdown()}
          onBlur={() => combobox.closeDropdown()}
          onKeyDown={(event) => {
            if (event.key === 'Escape') close();
          }}
          placeholder={t('search.placeholder')}
          aria-label={t('search.placeholder')}
          leftSection={<IconSearch size={16} />}
          rightSection={fetching ? <Loader size={14} /> : <Kbd size="xs">/</Kbd>}
          rightSectionPointerEvents="none"
          data-testid="global-search"
          style={{ flex: 1, maxWidth: 480 }}
          visibleFrom="xs"
          disabled={!canSearchRecords && !canSearchUsers}
        />
      </Combobox.Target>
      <Combobox.Dropdown hidden={!term} data-testid="global-search-results">
        <Combobox.Options>
          <ScrollArea.Autosize
            mah="min(70vh, 480px)"
            type="scroll"
            style={{ opacity: stale && groups.length ? 0.6 : 1 }}
            data-stale={stale || undefined}
          >
            {groups.map((group) => (
              <Combobox.Group
                label={t(group.label)}
                key={group.key}
                data-testid={`global-search-group-${group.key}`}
              >
                {group.hits.map((hit) => (
                  <Combobox.Option
                    value={`${hit.type}:${hit.id}`}
                    key={`${hit.type}:${hit.id}`}
                    data-testid="global-search-result"
                    data-type={hit.type}
                  >
                    <Group gap="sm" wrap="nowrap">
                      <ThemeIcon variant="light" size="md" radius="sm" aria-hidden>
                        {group.icon}
                      </ThemeIcon>
                      <div style={{ minWidth: 0 }}>
                        <Text size="sm" truncate>
                          {hit.title}
                        </Text>
                        {hit.subtitle && (
                          <Text size="xs" opacity={0.7} truncate>
                            {hit.subtitle}
                          </Text>
                        )}
                      </div>
                    </Group>
                  </Combobox.Option>
                ))}
              </Combobox.Group>
            ))}
            {groups.length === 0 && (
              <Combobox.Empty data-testid="global-search-empty">
                {stale ? t('loading') : t('search.noResults')}
              </Combobox.Empty>
            )}
          </ScrollArea.Autosize>
        </Combobox.Options>
      </Combobox.Dropdown>
    </Combobox>
  );
}
