import '@mantine/dates/styles.css';
import 'dayjs/locale/de';
import 'dayjs/locale/en-gb';
import { DateInput, type DateInputProps, DatesProvider } from '@mantine/dates';
import { useTranslation } from 'react-i18next';

const FORMAT: Record<string, string> = { de: 'DD.MM.YYYY', en: 'DD/MM/YYYY' };
const DAYJS_LOCALE: Record<string, string> = { de: 'de', en: 'en-gb' };

/** Mantine's DateInput with the app's language; loaded lazily (dates and dayjs are a separate chunk). */
export default function DateInputImpl(props: DateInputProps) {
  const { i18n } = useTranslation();
  const lang = i18n.resolvedLanguage ?? 'de';
  return (
    <DatesProvider settings={{ locale: DAYJS_LOCALE[lang] ?? 'de', firstDayOfWeek: 1 }}>
      <DateInput valueFormat={FORMAT[lang] ?? FORMAT.de} {...props} />
    </DatesProvider>
  );
}
