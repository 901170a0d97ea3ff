import { Box, Group, Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Deal, Pipeline } from '../../../../../contracts/sales';

/**
 * Where the deal stands in its pipeline: the open stages in order, then won or lost. Stages before
 * the current one are filled; a won deal fills all, a lost deal ends in red.
 */
export function StageProgress({ deal, pipeline }: { deal: Deal; pipeline: Pipeline | undefined }) {
  const { t } = useTranslation('sales');
  if (!pipeline) return null;
  const open = pipeline.stages.filter((s) => s.kind === 'open');
  const final = pipeline.stages.find((s) => s.kind === (deal.status === 'lost' ? 'lost' : 'won')) ?? null;
  const steps = final ? [...open, final] : open;
  const currentIndex = steps.findIndex((s) => s.id === deal.stageId);
  const color = deal.status === 'won' ? 'teal' : deal.status === 'lost' ? 'red' : 'blue';

  return (
    <Box
      role="group"
      aria-label={t('detail.progressLabel', { stage: deal.stageName })}
      data-testid="deal-stage-progress"
    >
      <Group gap={4} wrap="nowrap" grow>
        {steps.map((stage, i) => {
          const done = deal.status !== 'open' || i < currentIndex;
          const current = stage.id === deal.stageId;
          const bg = current
            ? `var(--mantine-color-${color}-filled)`
            : done
              ? `var(--mantine-color-${color}-light)`
              : 'var(--mantine-color-default-border)';
          return (
            <Tooltip
              key={stage.id}
              label={t('detail.stageTooltip', { name: stage.name, probability: stage.probability })}
            >
              <Box
                data-stage-id={stage.id}
                data-current={current ? 'true' : undefined}
                style={{ minWidth: 0 }}
              >
                <Box h={8} bg={bg} style={{ borderRadius: 4 }} aria-hidden />
                <Text
                  size="xs"
                  mt={4}
                  truncate
                  fw={current ? 700 : undefined}
                  c={current ? undefined : 'dimmed'}
                  aria-current={current ? 'step' : undefined}
                >
                  {stage.name}
                </Text>
              </Box>
            </Tooltip>
          );
        })}
      </Group>
    </Box>
  );
}
