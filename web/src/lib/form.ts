import type { TFunction } from 'i18next';
import { type ChangeEvent, useCallback, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { ApiError } from './api';
import { problemText } from './errors';

export type FormErrors = Record<string, string>;

type Issue = z.core.$ZodIssue;

function valueAtPath(values: unknown, path: PropertyKey[]): unknown {
  let current = values;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

function isBlank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

/** A zod issue as a message in the user's language (the contract's own messages are English). */
export function translateIssue(issue: Issue, t: TFunction, value: unknown): string {
  if (isBlank(value) && issue.code !== 'custom') return t('validation:required');
  switch (issue.code) {
    case 'too_small':
      if (issue.origin === 'string') return t('validation:tooShort', { count: Number(issue.minimum) });
      if (issue.origin === 'array' || issue.origin === 'set')
        return t('validation:tooFew', { count: Number(issue.minimum) });
      return t('validation:tooSmallNumber', { min: Number(issue.minimum) });
    case 'too_big':
      if (issue.origin === 'string') return t('validation:tooLong', { count: Number(issue.maximum) });
      if (issue.origin === 'array' || issue.origin === 'set')
        return t('validation:tooMany', { count: Number(issue.maximum) });
      return t('validation:tooBigNumber', { max: Number(issue.maximum) });
    case 'invalid_format':
      if (issue.format === 'email') return t('validation:email');
      if (issue.format === 'date' || issue.format === 'datetime') return t('validation:date');
      return t('validation:format');
    case 'invalid_value':
      return t('validation:choice');
    case 'invalid_type':
      return issue.expected === 'number' ? t('validation:number') : t('validation:invalid');
    default:
      return issue.message || t('validation:invalid');
  }
}

/** Maps zod issues onto form fields by dotted path; the first issue per field wins. */
export function issuesToErrors(issues: readonly Issue[], t: TFunction, values: unknown): FormErrors {
  const errors: FormErrors = {};
  for (const issue of issues) {
    const key = issue.path.map(String).join('.') || '_form';
    if (!(key in errors)) errors[key] = translateIssue(issue, t, valueAtPath(values, issue.path));
  }
  return errors;
}

function isChangeEvent(value: unknown): value is ChangeEvent<HTMLInputElement> {
  return (
    typeof value === 'object' &&
    value !== null &&
    'currentTarget' in value &&
    typeof (value as { currentTarget: unknown }).currentTarget === 'object'
  );
}

/**
 * A small controlled-form hook: values, per-field errors, zod validation through the contract
 * schemas, and server field errors (`problem.errors`) mapped back onto inputs.
 */
export function useForm<V extends Record<string, unknown>>(initialValues: V) {
  const { t } = useTranslation();
  const [values, setValues] = useState<V>(initialValues);
  const [errors, setErrors] = useState<FormErrors>({});
  const [baseline, setBaseline] = useState<V>(initialValues);
  const valuesRef = useRef(values);
  valuesRef.current = values;

  const setFieldValue = useCallback(<K extends keyof V>(field: K, value: V[K]) => {
    setValues((prev) => ({ ...prev, [field]: value }));
    setErrors((prev) => {
      if (!((field as string) in prev)) return prev;
      const next = { ...prev };
      delete next[field as string];
      return next;
    });
  }, []);

  /** `value`, `onChange` and `error` for a text input or select (`onChange` takes an event or a value). */
  const getInputProps = useCallback(
    <K extends keyof V>(field: K) => ({
      value: values[field],
      onChange: (input: unknown) =>
        setFieldValue(field, (isChangeEvent(input) ? input.currentTarget.value : input) as V[K]),
      error: errors[field as string],
    }),
    [errors, values, setFieldValue],
  );

  /** `checked`, `onChange` and `error` for a checkbox or switch. */
  const getCheckboxProps = useCallback(
    <K extends keyof V>(field: K) => ({
      checked: Boolean(values[field]),
      onChange: (event: ChangeEvent<HTMLInputElement>) =>
        setFieldValue(field, event.currentTarget.checked as V[K]),
      error: errors[field as string],
    }),
    [errors, values, setFieldValue],
  );

  /** Validates with a contract schema; returns the parsed output or null (errors are set). */
  const validate = useCallback(
    <S extends z.ZodType>(schema: S, input: unknown = valuesRef.current): z.output<S> | null => {
      const result = schema.safeParse(input);
      if (result.success) {
        setErrors({});
        return result.data;
      }
      setErrors(issuesToErrors(result.error.issues, t, input));
      return null;
    },
    [t],
  );

  /** Puts the server's field errors onto the inputs; returns true when there were any. */
  const setServerErrors = useCallback(
    (err: unknown): boolean => {
      if (!(err instanceof ApiError)) return false;
      const fieldErrors = err.fieldErrors;
      const paths = Object.keys(fieldErrors);
      if (paths.length === 0) return false;
      // a problem code we can translate replaces the server's English field message
      const translated = problemText(err, t);
      setErrors(translated ? Object.fromEntries(paths.map((p) => [p, translated])) : fieldErrors);
      return true;
    },
    [t],
  );

  const baselineRef = useRef(baseline);
  baselineRef.current = baseline;
  /** Starts over from new values (or the last baseline); the form is clean afterwards. */
  const reset = useCallback((next?: V) => {
    const v = next ?? baselineRef.current;
    setValues(v);
    setBaseline(v);
    setErrors({});
  }, []);

  const isDirty = useMemo(
    () => Object.keys(values).some((k) => !Object.is(values[k], baseline[k])),
    [values, baseline],
  );

  return {
    values,
    /** The values the form was last reset to (loaded record); `isDirty` compares against them. */
    baseline,
    errors,
    isDirty,
    setValues,
    setFieldValue,
    setErrors,
    setFieldError: (field: string, message: string) => setErrors((prev) => ({ ...prev, [field]: message })),
    getInputProps,
    getCheckboxProps,
    validate,
    setServerErrors,
    reset,
  };
}

export type UseForm<V extends Record<string, unknown>> = ReturnType<typeof useForm<V>>;
