import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type Company,
  CreateCompany,
  type DuplicateCandidate,
  UpdateCompany,
} from '../../../../../contracts/companies';
import { useNotify } from '../../../components/notifications';
import { isConflict } from '../../../lib/api';
import { useSession } from '../../../lib/auth';
import { errorMessage } from '../../../lib/errors';
import { useForm } from '../../../lib/form';
import {
  type DuplicateCheck,
  duplicatesOf,
  useCompanyDuplicates,
  useCreateCompany,
  useUpdateCompany,
} from '../api/companies-api';
import { type CompanyValues, emptyCompanyValues, fromCompany, toCompanyInput } from './company-form-values';
import { changedFields, same } from './form-diff';
import { useReloadOnConflict } from './use-reload-on-conflict';
import { bankDetailsErrors, validateWith } from './validate';

/**
 * The company form's state and saving: values, the conflict reload, the duplicate check (live by
 * name, website and VAT ID; the server's answer to a refused create), whether the bank details are
 * shown, and the submits.
 */
export function useCompanyForm({
  company: loaded,
  onClose,
  onSaved,
  onReload,
}: {
  company?: Company;
  onClose: () => void;
  onSaved?: (company: Company) => void;
  onReload?: () => Promise<{ data?: Company }>;
}) {
  const { t } = useTranslation('companies');
  const me = useSession();
  const notify = useNotify();
  const form = useForm<CompanyValues>(loaded ? fromCompany(loaded) : emptyCompanyValues(me.user.id));
  const {
    record: company,
    conflict,
    setConflict,
    reloading,
    reload,
  } = useReloadOnConflict({ loaded, onReload, onClose, reset: (fresh) => form.reset(fromCompany(fresh)) });
  const create = useCreateCompany();
  const update = useUpdateCompany();
  const [serverDuplicates, setServerDuplicates] = useState<DuplicateCandidate[] | null>(null);
  const [check, setCheck] = useState<DuplicateCheck>({});
  // IBAN and BIC are hidden behind a link unless the company has them (or a supplier role, see the section)
  const [showBank, setShowBank] = useState(Boolean(loaded?.iban || loaded?.bic));
  const live = useCompanyDuplicates(check, serverDuplicates === null);
  const v = form.values;

  // a refused create is about what was entered: a change asks the server again
  // biome-ignore lint/correctness/useExhaustiveDependencies: react to edits only
  useEffect(() => setServerDuplicates(null), [v]);

  /** Checks for similar companies when name, website or VAT ID were left (not on every key). */
  const checkDuplicates = () => {
    const next: DuplicateCheck = {
      name: v.name.trim() || undefined,
      website: v.website.trim() || undefined,
      vatId: v.vatId.trim() || undefined,
      excludeId: company?.id,
    };
    if (!same(next, check)) setCheck(next);
  };

  const failed = (err: unknown) => {
    if (isConflict(err)) {
      setConflict(true);
      return;
    }
    const bank = bankDetailsErrors(err, t);
    if (bank) {
      form.setErrors(bank);
      setShowBank(true);
      return;
    }
    if (!form.setServerErrors(err)) notify.error(errorMessage(err, t));
  };

  const done = (saved: Company, message: string) => {
    notify.success(message);
    onSaved?.(saved);
    onClose();
  };

  const submitCreate = (allowDuplicate: boolean) => {
    const parsed = validateWith(CreateCompany, toCompanyInput(v), t);
    if (!parsed.ok) {
      form.setErrors(parsed.errors);
      if (parsed.errors.iban || parsed.errors.bic) setShowBank(true);
      return;
    }
    create.mutate(
      { ...parsed.data, allowDuplicate },
      {
        onSuccess: (saved) => done(saved, t('create.done', { name: saved.name })),
        onError: (err) => {
          const duplicates = duplicatesOf(err);
          if (duplicates) setServerDuplicates(duplicates);
          else failed(err);
        },
      },
    );
  };

  const submitUpdate = (current: Company) => {
    const body = changedFields(toCompanyInput(v), toCompanyInput(form.baseline), current.version);
    const parsed = validateWith(UpdateCompany, body, t);
    if (!parsed.ok) {
      form.setErrors(parsed.errors);
      return;
    }
    update.mutate(
      { id: current.id, ...parsed.data },
      { onSuccess: (saved) => done(saved, t('edit.done')), onError: failed },
    );
  };

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    if (company) submitUpdate(company);
    else submitCreate(false);
  };

  return {
    form,
    editing: Boolean(company),
    conflict,
    reloading,
    reload,
    /** The server's candidates after a refused create, else those found live. */
    duplicates: serverDuplicates ?? live.data?.duplicates ?? [],
    /** The server refused the create for duplicates: saving waits for "create anyway" or an edit. */
    refusedAsDuplicate: serverDuplicates !== null,
    checkDuplicates,
    showBank,
    setShowBank,
    submit,
    createAnyway: () => submitCreate(true),
    creating: create.isPending,
    saving: create.isPending || update.isPending,
  };
}
