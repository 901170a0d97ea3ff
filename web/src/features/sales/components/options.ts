import type { TFunction } from 'i18next';
import { DealSource, type Pipeline, StageKind } from '../../../../../contracts/sales';

export const VAT_RATES = [19, 7, 0] as const;

export function sourceOptions(t: TFunction) {
  return DealSource.options.map((source) => ({ value: source, label: t(`sales:sources.${source}`) }));
}

export function statusOptions(t: TFunction) {
  return StageKind.options.map((status) => ({ value: status, label: t(`sales:status.${status}`) }));
}

export function kindOptions(t: TFunction) {
  return StageKind.options.map((kind) => ({ value: kind, label: t(`sales:kinds.${kind}`) }));
}

export function vatOptions(t: TFunction) {
  return VAT_RATES.map((rate) => ({ value: String(rate), label: t('sales:lines.vatRate', { rate }) }));
}

export function pipelineOptions(pipelines: readonly Pipeline[] | undefined, t: TFunction) {
  return (pipelines ?? []).map((p) => ({
    value: p.id,
    label: p.isDefault ? t('sales:pipelines.defaultName', { name: p.name }) : p.name,
  }));
}

/** Stages of one pipeline (or of all, grouped by pipeline when several exist). */
export function stageOptions(pipelines: readonly Pipeline[] | undefined, pipelineId: string | null) {
  const list = (pipelines ?? []).filter((p) => !pipelineId || p.id === pipelineId);
  if (list.length === 1) return list[0]!.stages.map((s) => ({ value: s.id, label: s.name }));
  return list.map((p) => ({ group: p.name, items: p.stages.map((s) => ({ value: s.id, label: s.name })) }));
}
