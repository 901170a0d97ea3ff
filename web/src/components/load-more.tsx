import { Button, Center, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** "Load more" under a cursor-paginated list; shows how many are loaded so far. */
export function LoadMore({
  hasMore,
  loading,
  onLoadMore,
  loaded,
  testId,
}: {
  hasMore: boolean;
  loading: boolean;
  onLoadMore: () => void;
  loaded?: number;
  testId?: string;
}) {
  const { t } = useTranslation();
  if (!hasMore) {
    return loaded !== undefined && loaded > 0 ? (
      <Center mt="sm">
        <Text size="xs" c="dimmed">
          {t('list.allLoaded', { count: loaded })}
        </Text>
      </Center>
    ) : null;
  }
  return (
    <Center mt="md">
      <Button variant="default" onClick={onLoadMore} loading={loading} data-testid={testId ?? 'load-more'}>
        {t('list.loadMore')}
      </Button>
    </Center>
  );
}
