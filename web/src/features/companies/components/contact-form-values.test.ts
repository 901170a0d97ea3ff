import { describe, expect, it } from 'vitest';
import { emptyContactValues, remapRowErrors, toContactInput, withoutRowErrors } from './contact-form-values';

describe('contact form values', () => {
  const v = {
    ...emptyContactValues('c1', 'u1'),
    lastName: 'Müller',
    emails: [
      { address: '', label: '' },
      { address: ' a@example.de ', label: 'Büro' },
      { address: 'b@example.de', label: '' },
    ],
    phones: [
      { number: '', label: '' },
      { number: '+49 89 1', label: '' },
    ],
  };

  it('leaves out blank rows and trims addresses', () => {
    const input = toContactInput(v);
    expect(input.emails).toEqual([
      { address: 'a@example.de', label: 'Büro' },
      { address: 'b@example.de', label: '' },
    ]);
    expect(input.phones).toEqual([{ number: '+49 89 1', label: '' }]);
    expect(toContactInput({ ...v, ownerId: null }).ownerId).toBeUndefined();
  });

  it("puts a request row's error on the form row it came from", () => {
    expect(
      remapRowErrors({ 'emails.1.address': 'twice', 'phones.0': 'bad', lastName: 'required' }, v),
    ).toEqual({ 'emails.2.address': 'twice', 'phones.1.number': 'bad', lastName: 'required' });
  });

  it("drops only the given rows' errors", () => {
    expect(
      withoutRowErrors({ 'emails.0.address': 'x', emails: 'y', 'phones.0.number': 'z' }, 'emails'),
    ).toEqual({ emails: 'y', 'phones.0.number': 'z' });
  });
});
