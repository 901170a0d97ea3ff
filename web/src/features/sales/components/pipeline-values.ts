import type { TFunction } from 'i18next';
import type { Pipeline, StageKind } from '../../../../../contracts/sales';
import type { FormErrors } from '../../../lib/form';

/** The pipeline editor's form values: a pipeline and its stages as edited, and back to the API's input. */

export interface StageValues {
  key: string;
  id?: string;
  name: string;
  probability: number | string;
  kind: StageKind;
}

export interface PipelineValues extends Record<string, unknown> {
  name: string;
  stages: StageValues[];
}

let nextKey = 1;
/** A key for a stage row (React's list key; new stages have no id yet). */
export const stageKey = () => `stage-${nextKey++}`;

export const fromPipeline = (p: Pipeline): PipelineValues => ({
  name: p.name,
  stages: p.stages.map((s) => ({
    key: stageKey(),
    id: s.id,
    name: s.name,
    probability: s.probability,
    kind: s.kind,
  })),
});

/** A new pipeline starts with one open stage, won and lost. */
export function newPipelineValues(t: TFunction): PipelineValues {
  return {
    name: '',
    stages: [
      { key: stageKey(), name: t('sales:pipelines.template.lead'), probability: 10, kind: 'open' },
      { key: stageKey(), name: t('sales:pipelines.template.won'), probability: 100, kind: 'won' },
      { key: stageKey(), name: t('sales:pipelines.template.lost'), probability: 0, kind: 'lost' },
    ],
  };
}

export const stagesInput = (stages: StageValues[]) =>
  stages.map((s) => ({
    ...(s.id ? { id: s.id } : {}),
    name: s.name,
    probability: s.probability === '' ? (undefined as unknown as number) : Number(s.probability),
    kind: s.kind,
  }));

/** The contract's stage rules speak English; say them in the user's language. */
function translateStageRule(message: string, t: TFunction): string {
  if (message.includes('at least one open stage')) return t('sales:pipelines.rules.open');
  if (message.includes('exactly one won stage')) return t('sales:pipelines.rules.won');
  if (message.includes('exactly one lost stage')) return t('sales:pipelines.rules.lost');
  if (message.startsWith('Put the open stages first')) return t('sales:pipelines.rules.order');
  if (message.startsWith('The won stage has')) return t('sales:pipelines.rules.wonProbability');
  if (message.startsWith('The lost stage has')) return t('sales:pipelines.rules.lostProbability');
  if (message.includes('already a stage called')) return t('sales:pipelines.rules.duplicate');
  if (message.includes('listed twice')) return t('sales:pipelines.rules.twice');
  return message;
}

export function translateErrors(errors: FormErrors, t: TFunction): FormErrors {
  return Object.fromEntries(Object.entries(errors).map(([k, v]) => [k, translateStageRule(v, t)]));
}
