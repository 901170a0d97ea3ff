import {
  ActionIcon,
  Alert,
  Button,
  Card,
  Center,
  Checkbox,
  Collapse,
  Group,
  Loader,
  NumberInput,
  Stack,
  Switch,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
  Tooltip,
} from '@mantine/core';
import { IconChevronDown, IconChevronRight } from '@tabler/icons-react';
import { Fragment, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type DunningSettings, UpdateDunningSettings } from '../../../../../contracts/dunning';
import { ConflictAlert } from '../../../components/conflict-alert';
import { useNotify } from '../../../components/notifications';
import { QueryError } from '../../../components/query-error';
import { isConflict } from '../../../lib/api';
import { errorMessage } from '../../../lib/errors';
import { useForm } from '../../../lib/form';
import { useFormat } from '../../../lib/use-format';
import { useDunningSettings, useUpdateDunningSettings } from '../api/dunning-api';
import {
  type DunningLevelValues,
  type DunningSettingsValues,
  dunningValuesChanged,
  dunningValuesFrom,
  dunningValuesToUpdate,
  interestRates,
  levelOrderErrors,
} from './dunning-settings-values';

/**
 * The dunning schedule (*Verwaltung → Rechnungsstellung → Mahnwesen*): on/off, the base rate of
 * §247 BGB with the resulting default-interest rates (B2B + 9, B2C + 5 points), and the four levels
 * (name, days after the due date, new payment period, fee, interest, €40 lump sum, letter text).
 * Saved with the settings' version (409 → reload); the server's field errors land on the fields.
 */
export function DunningSettingsForm() {
  const { t } = useTranslation('dunning');
  const fmt = useFormat();
  const notify = useNotify();
  const query = useDunningSettings();
  const save = useUpdateDunningSettings();
  const settings: DunningSettings | undefined = query.data;
  const form = useForm<DunningSettingsValues>(
    settings ? dunningValuesFrom(settings) : { enabled: true, baseRatePercent: '', levels: [] },
  );
  const [conflict, setConflict] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const [openText, setOpenText] = useState<number | null>(null);
  const decimal = fmt.locale === 'de' ? ',' : '.';

  // biome-ignore lint/correctness/useExhaustiveDependencies: reset when a new version is loaded
  useEffect(() => {
    if (settings) form.reset(dunningValuesFrom(settings));
  }, [settings?.version]);

  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  if (!settings || form.values.levels.length === 0) {
    return (
      <Center py="xl">
        <Loader />
      </Center>
    );
  }

  const v = form.values;
  const dirty = dunningValuesChanged(v, form.baseline);
  const rates = interestRates(v.baseRatePercent);
  const percent = (x: number) => `${fmt.number(x, { minimumFractionDigits: 2, maximumFractionDigits: 2 })} %`;
  const errorOf = (i: number, field: string) => form.errors[`levels.${i}.${field}`];
  const setLevel = (i: number, patch: Partial<DunningLevelValues>) =>
    form.setValues((prev) => ({
      ...prev,
      levels: prev.levels.map((l, j) => (j === i ? { ...l, ...patch } : l)),
    }));

  const submit = async () => {
    setFormError(null);
    const body = dunningValuesToUpdate(v, settings.version);
    if (!form.validate(UpdateDunningSettings, body)) return;
    const order = levelOrderErrors(v, (days) => t('settings.daysMustIncrease', { days }));
    if (Object.keys(order).length > 0) {
      form.setErrors(order);
      return;
    }
    try {
      await save.mutateAsync(body);
      notify.success(t('settings.saved'));
    } catch (err) {
      if (isConflict(err)) setConflict(true);
      else if (!form.setServerErrors(err)) setFormError(errorMessage(err, t));
    }
  };

  return (
    <Stack gap="lg" data-testid="dunning-settings">
      {conflict ? (
        <ConflictAlert
          reloading={query.isFetching}
          onReload={() => void query.refetch().then(() => setConflict(false))}
        />
      ) : null}
      <Card withBorder radius="md" padding="lg">
        <Title order={4} mb="xs">
          {t('settings.title')}
        </Title>
        <Text size="sm" c="dimmed" mb="md">
          {t('settings.description')}
        </Text>
        <Stack gap="md">
          <Switch
            label={t('settings.enabled')}
            description={t('settings.enabledHint')}
            {...form.getCheckboxProps('enabled')}
            data-testid="dunning-enabled"
          />
          <Group align="flex-end" gap="lg">
            <NumberInput
              label={t('settings.baseRate')}
              description={t('settings.baseRateHint')}
              decimalScale={2}
              decimalSeparator={decimal}
              min={-10}
              max={20}
              rightSection={<Text size="xs">%</Text>}
              w={260}
              {...form.getInputProps('baseRatePercent')}
              data-testid="dunning-base-rate"
            />
            {rates ? (
              <Stack gap={2} data-testid="dunning-rates">
                <Text size="sm">
                  {t('settings.b2bRate')}: <b data-testid="dunning-rate-b2b">{percent(rates.b2b)}</b>
                </Text>
                <Text size="sm">
                  {t('settings.b2cRate')}: <b data-testid="dunning-rate-b2c">{percent(rates.b2c)}</b>
                </Text>
              </Stack>
            ) : null}
          </Group>
        </Stack>
      </Card>
      <Card withBorder radius="md" padding="lg">
        <Title order={4} mb="md">
          {t('settings.levels')}
        </Title>
        <Table.ScrollContainer minWidth={900}>
          <Table verticalSpacing="xs" data-testid="dunning-levels">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={36} />
                <Table.Th>{t('settings.levelName')}</Table.Th>
                <Table.Th w={130}>{t('settings.daysAfterDue')}</Table.Th>
                <Table.Th w={130}>{t('settings.paymentDays')}</Table.Th>
                <Table.Th w={140}>{t('settings.fee')}</Table.Th>
                <Table.Th w={90}>{t('settings.interest')}</Table.Th>
                <Table.Th w={110}>{t('settings.lumpSum')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {v.levels.map((l, i) => (
                <Fragment key={l.level}>
                  <Table.Tr data-testid="dunning-level-row" data-level={l.level}>
                    <Table.Td>
                      <Tooltip label={t('settings.letterText')}>
                        <ActionIcon
                          variant="subtle"
                          aria-label={t('settings.letterText')}
                          aria-expanded={openText === i}
                          onClick={() => setOpenText(openText === i ? null : i)}
                          data-testid="dunning-level-text-toggle"
                        >
                          {openText === i ? <IconChevronDown size={16} /> : <IconChevronRight size={16} />}
                        </ActionIcon>
                      </Tooltip>
                    </Table.Td>
                    <Table.Td>
                      <TextInput
                        aria-label={t('settings.levelName')}
                        value={l.name}
                        onChange={(e) => setLevel(i, { name: e.currentTarget.value })}
                        error={errorOf(i, 'name')}
                        leftSection={<Text size="xs">{l.level}</Text>}
                        data-testid="dunning-level-name"
                      />
                    </Table.Td>
                    <Table.Td>
                      <NumberInput
                        aria-label={t('settings.daysAfterDue')}
                        value={l.daysAfterDue}
                        onChange={(x) => setLevel(i, { daysAfterDue: x })}
                        error={errorOf(i, 'daysAfterDue')}
                        min={0}
                        max={365}
                        allowDecimal={false}
                        data-testid="dunning-level-days"
                      />
                    </Table.Td>
                    <Table.Td>
                      <NumberInput
                        aria-label={t('settings.paymentDays')}
                        value={l.paymentDays}
                        onChange={(x) => setLevel(i, { paymentDays: x })}
                        error={errorOf(i, 'paymentDays')}
                        min={0}
                        max={90}
                        allowDecimal={false}
                        data-testid="dunning-level-payment-days"
                      />
                    </Table.Td>
                    <Table.Td>
                      <NumberInput
                        aria-label={t('settings.fee')}
                        value={l.fee}
                        onChange={(x) => setLevel(i, { fee: x })}
                        error={errorOf(i, 'feeCents')}
                        min={0}
                        max={1000}
                        decimalScale={2}
                        fixedDecimalScale
                        decimalSeparator={decimal}
                        rightSection={<Text size="xs">€</Text>}
                        data-testid="dunning-level-fee"
                      />
                    </Table.Td>
                    <Table.Td>
                      <Checkbox
                        aria-label={t('settings.interest')}
                        checked={l.chargeInterest}
                        onChange={(e) => setLevel(i, { chargeInterest: e.currentTarget.checked })}
                        data-testid="dunning-level-interest"
                      />
                    </Table.Td>
                    <Table.Td>
                      <Checkbox
                        aria-label={t('settings.lumpSum')}
                        checked={l.chargeLumpSum}
                        onChange={(e) => setLevel(i, { chargeLumpSum: e.currentTarget.checked })}
                        data-testid="dunning-level-lump-sum"
                      />
                    </Table.Td>
                  </Table.Tr>
                  <Table.Tr style={{ borderTop: 0 }}>
                    <Table.Td colSpan={7} p={0} style={{ borderTop: 0 }}>
                      <Collapse expanded={openText === i || Boolean(errorOf(i, 'letterText'))}>
                        <Textarea
                          m="xs"
                          label={t('settings.letterTextOf', { name: l.name })}
                          description={t('settings.letterTextHint')}
                          autosize
                          minRows={3}
                          maxRows={12}
                          value={l.letterText}
                          onChange={(e) => setLevel(i, { letterText: e.currentTarget.value })}
                          error={errorOf(i, 'letterText')}
                          data-testid="dunning-level-text"
                        />
                      </Collapse>
                    </Table.Td>
                  </Table.Tr>
                </Fragment>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        <Text size="xs" c="dimmed" mt="xs">
          {t('settings.levelsHint')}
        </Text>
      </Card>
      {formError ? (
        <Alert color="red" data-testid="dunning-settings-error">
          {formError}
        </Alert>
      ) : null}
      <Group justify="flex-end">
        <Button variant="default" disabled={!dirty} onClick={() => form.reset()}>
          {t('settings.discard')}
        </Button>
        <Button
          onClick={() => void submit()}
          loading={save.isPending}
          disabled={!dirty}
          data-testid="dunning-settings-save"
        >
          {t('settings.save')}
        </Button>
      </Group>
    </Stack>
  );
}
