import { Combobox, Group, Kbd, Loader, Text, TextInput, useCombobox } from '@mantine/core';
import { useDebouncedValue, useHotkeys } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useUserSearch } from '../../features/users';
import { useCan } from '../../lib/auth';

const SHOW_ALL = '__all__';

/**
 * The header search. Today it finds users (spotlight-like dropdown); Enter without a chosen
 * result opens the full user list filtered by the text. Later domains add their own groups here.
 */
export function GlobalSearch() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const can = useCan();
  const inputRef = useRef<HTMLInputElement>(null);
  const [value, setValue] = useState('');
  const [debounced] = useDebouncedValue(value, 200);
  const combobox = useCombobox({ onDropdownClose: () => combobox.resetSelectedOption() });
  const canSearchUsers = can('users.read');
  const users = useUserSearch(debounced, { enabled: canSearchUsers });

  useHotkeys([
    ['mod+K', () => inputRef.current?.focus()],
    ['/', () => inputRef.current?.focus()],
  ]);

  const term = value.trim();
  const items = term && debounced.trim() ? (users.data?.items ?? []) : [];

  const showAll = () => {
    if (!term) return;
    navigate(`/users?q=${encodeURIComponent(term)}`);
    setValue('');
    combobox.closeDropdown();
    inputRef.current?.blur();
  };

  return (
    <Combobox
      store={combobox}
      onOptionSubmit={(id) => {
        if (id === SHOW_ALL) {
          showAll();
          return;
        }
        navigate(`/users/${id}`);
        setValue('');
        combobox.closeDropdown();
        inputRef.current?.blur();
      }}
      width="target"
    >
      <Combobox.Target>
        <TextInput
          ref={inputRef}
          value={value}
          onChange={(event) => {
            setValue(event.currentTarget.value);
            combobox.openDropdown();
            combobox.updateSelectedOptionIndex();
          }}
          onFocus={() => term && combobox.openDropdown()}
          onBlur={() => combobox.closeDropdown()}
          onKeyDown={(event) => {
            if (event.key === 'Enter' && combobox.getSelectedOptionIndex() === -1) {
              event.preventDefault();
              showAll();
            }
            if (event.key === 'Escape') {
              setValue('');
              inputRef.current?.blur();
            }
          }}
          placeholder={t('search.placeholder')}
          aria-label={t('search.placeholder')}
          leftSection={<IconSearch size={16} />}
          rightSection={users.isFetching && term ? <Loader size={14} /> : <Kbd size="xs">/</Kbd>}
          rightSectionPointerEvents="none"
          data-testid="global-search"
          style={{ flex: 1, maxWidth: 480 }}
          visibleFrom="xs"
          disabled={!canSearchUsers}
        />
      </Combobox.Target>
      <Combobox.Dropdown hidden={!term} data-testid="global-search-results">
        <Combobox.Options>
          {items.length > 0 ? (
            <Combobox.Group label={t('search.users')}>
              {items.map((user) => (
                <Combobox.Option value={user.id} key={user.id} data-testid="global-search-result">
                  <Group gap="xs" wrap="nowrap" justify="space-between">
                    <Text size="sm" truncate>
                      {user.name}
                    </Text>
                    <Text size="xs" c="dimmed" truncate>
                      {user.email}
                    </Text>
                  </Group>
                </Combobox.Option>
              ))}
            </Combobox.Group>
          ) : (
            <Combobox.Empty>{users.isFetching ? t('loading') : t('search.noResults')}</Combobox.Empty>
          )}
          <Combobox.Option value={SHOW_ALL} data-testid="global-search-all">
            <Text size="sm" c="dimmed">
              {t('search.showAll', { q: term })}
            </Text>
          </Combobox.Option>
        </Combobox.Options>
      </Combobox.Dropdown>
    </Combobox>
  );
}
