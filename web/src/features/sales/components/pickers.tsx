import { Select } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { PickerProps } from '../../../components/record-pickers';
import { usePipelines } from '../api/pipelines-api';
import { pipelineOptions } from './options';

/** Choose a pipeline; the default pipeline is marked. */
export function PipelineSelect(props: PickerProps) {
  const { t } = useTranslation('sales');
  const pipelines = usePipelines();
  return <Select data={pipelineOptions(pipelines.data, t)} {...props} />;
}
