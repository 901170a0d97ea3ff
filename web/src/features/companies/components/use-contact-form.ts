import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type Contact,
  CreateContact,
  type DuplicateCandidate,
  UpdateContact,
} from '../../../../../contracts/companies';
import { useNotify } from '../../../components/notifications';
import { isConflict } from '../../../lib/api';
import { useSession } from '../../../lib/auth';
import { errorMessage } from '../../../lib/errors';
import { useForm } from '../../../lib/form';
import { duplicatesOf } from '../api/companies-api';
import { useContactsWithEmail, useCreateContact, useUpdateContact } from '../api/contacts-api';
import {
  type ContactValues,
  emptyContactValues,
  fromContact,
  remapRowErrors,
  toContactInput,
} from './contact-form-values';
import { changedFields } from './form-diff';
import { useReloadOnConflict } from './use-reload-on-conflict';
import { validateWith } from './validate';

/**
 * The contact form's state and saving: values, the conflict reload, the duplicate check (live by the
 * first e-mail address once it is left; the server's answer to a refused create) and the submits.
 */
export function useContactForm({
  contact: loaded,
  companyId,
  onClose,
  onSaved,
  onReload,
}: {
  contact?: Contact;
  companyId?: string | null;
  onClose: () => void;
  onSaved?: (contact: Contact) => void;
  onReload?: () => Promise<{ data?: Contact }>;
}) {
  const { t } = useTranslation('companies');
  const me = useSession();
  const notify = useNotify();
  const form = useForm<ContactValues>(
    loaded ? fromContact(loaded) : emptyContactValues(companyId ?? null, me.user.id),
  );
  const {
    record: contact,
    conflict,
    setConflict,
    reloading,
    reload,
  } = useReloadOnConflict({ loaded, onReload, onClose, reset: (fresh) => form.reset(fromContact(fresh)) });
  const create = useCreateContact();
  const update = useUpdateContact();
  const [serverDuplicates, setServerDuplicates] = useState<DuplicateCandidate[] | null>(null);
  const [checkEmail, setCheckEmail] = useState('');
  const sameEmail = useContactsWithEmail(serverDuplicates === null ? checkEmail : '', contact?.id);
  const v = form.values;

  // biome-ignore lint/correctness/useExhaustiveDependencies: a change of what was entered asks the server again
  useEffect(() => setServerDuplicates(null), [v]);

  const failed = (err: unknown) => {
    if (isConflict(err)) {
      setConflict(true);
      return;
    }
    if (form.setServerErrors(err)) {
      form.setErrors((prev) => remapRowErrors(prev, v));
      return;
    }
    notify.error(errorMessage(err, t));
  };

  const done = (saved: Contact, message: string) => {
    notify.success(message);
    onSaved?.(saved);
    onClose();
  };

  const submitCreate = (allowDuplicate: boolean) => {
    const parsed = validateWith(CreateContact, toContactInput(v), t);
    if (!parsed.ok) {
      form.setErrors(remapRowErrors(parsed.errors, v));
      return;
    }
    create.mutate(
      { ...parsed.data, allowDuplicate },
      {
        onSuccess: (saved) => done(saved, t('contacts.create.done', { name: saved.name })),
        onError: (err) => {
          const duplicates = duplicatesOf(err);
          if (duplicates) setServerDuplicates(duplicates);
          else failed(err);
        },
      },
    );
  };

  const submitUpdate = (current: Contact) => {
    const body = changedFields(toContactInput(v), toContactInput(form.baseline), current.version);
    const parsed = validateWith(UpdateContact, body, t);
    if (!parsed.ok) {
      form.setErrors(remapRowErrors(parsed.errors, v));
      return;
    }
    update.mutate(
      { id: current.id, ...parsed.data },
      { onSuccess: (saved) => done(saved, t('contacts.edit.done')), onError: failed },
    );
  };

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    if (contact) submitUpdate(contact);
    else submitCreate(false);
  };

  // contacts already holding the address, shown like the server's duplicate candidates
  const liveDuplicates: DuplicateCandidate[] = (sameEmail.data ?? []).map((c) => ({
    id: c.id,
    name: `${c.name} · ${c.companyName}`,
    reason: 'email',
    score: 1,
    visible: true,
    ownerName: c.ownerName,
    companyId: c.companyId,
  }));

  return {
    form,
    contact,
    editing: Boolean(contact),
    conflict,
    reloading,
    reload,
    /** The server's candidates after a refused create, else those found live. */
    duplicates: serverDuplicates ?? liveDuplicates,
    /** The server refused the create for duplicates: saving waits for "create anyway" or an edit. */
    refusedAsDuplicate: serverDuplicates !== null,
    /** Looks for contacts with this address (the first e-mail row, when it is left). */
    setCheckEmail,
    submit,
    createAnyway: () => submitCreate(true),
    creating: create.isPending,
    saving: create.isPending || update.isPending,
  };
}
