import { useMutation } from '@tanstack/react-query';
import type { FormInstance } from 'antd';
import { useState } from 'react';
import { ApiError, describeError, type ErrorDescription } from '../../api/errors.ts';

interface FieldIssue {
  path?: unknown;
  message?: unknown;
}

/**
 * Puts the server's field errors (VALIDATION_FAILED `details: [{ path, message }]`) beside the form's
 * fields via `setFields`. Returns the error's Chinese description when it concerns no field of the
 * form (the caller shows it as an alert), or null when every issue landed on a field.
 */
export function applyServerErrors(
  form: FormInstance,
  error: unknown,
  fieldNames?: readonly string[],
  /**
   * Business refusals that concern one field (e.g. LEVEL_MISMATCH → the organising unit): the
   * error's Chinese text is put beside that field instead of above the form.
   */
  fieldOfCode?: Readonly<Record<string, string>>,
) {
  const described = describeError(error);
  const field = error instanceof ApiError ? fieldOfCode?.[error.code] : undefined;
  if (field) {
    // A message that names the case (the limit and what is left) says more than the code's title.
    form.setFields([{ name: field, errors: [described.detail ?? described.title] }]);
    return null;
  }
  if (!(error instanceof ApiError) || !Array.isArray(error.details)) return described;
  const known = new Set(fieldNames ?? Object.keys(form.getFieldsValue(true) as object));
  const byField = new Map<string, string[]>();
  let unplaced = false;
  for (const issue of error.details as FieldIssue[]) {
    const path = typeof issue?.path === 'string' ? issue.path.split('.')[0] : undefined;
    if (path && known.has(path)) {
      byField.set(path, [...(byField.get(path) ?? []), String(issue.message ?? described.title)]);
    } else unplaced = true;
  }
  form.setFields([...byField].map(([name, errors]) => ({ name, errors })));
  return unplaced || byField.size === 0 ? described : null;
}

/**
 * The same error with its `details` paths renamed, for a form whose field is not the API's
 * (e.g. `phone` in E.164 asked for as `mobile`, the 11 digits after +86).
 */
export function renamePaths(error: unknown, names: Readonly<Record<string, string>>): unknown {
  if (!(error instanceof ApiError) || !Array.isArray(error.details)) return error;
  const details = (error.details as FieldIssue[]).map((d) =>
    typeof d?.path === 'string' && names[d.path] ? { ...d, path: names[d.path] } : d,
  );
  return new ApiError(error.status, error.code, error.message, details, error.requestId);
}

/**
 * Calls `then` with the form's values once they pass its rules. A form that doesn't pass shows its
 * messages beside the fields: that rejection is expected, not an error of the page.
 */
export function whenValid<T>(form: FormInstance<T>, then: (values: T) => void): void {
  form.validateFields().then(then, () => undefined);
}

/**
 * A form dialog's save. One Idempotency-Key for the dialog's life, so a double click or a retry
 * records the change once; the server's refusals go beside the fields they concern
 * (`applyServerErrors` with `fields` and `fieldOfCode`), anything else is `problem`, for an alert
 * above the form. `submit` checks the form's own rules first.
 */
export function useFormSave<V, R>(
  form: FormInstance<V>,
  {
    send,
    fields,
    fieldOfCode,
    onDone,
  }: {
    send: (values: V, idempotencyKey: string) => Promise<R>;
    fields: readonly string[];
    fieldOfCode?: Readonly<Record<string, string>>;
    /** Awaited (a promise keeps the dialog busy until it settles). */
    onDone: (result: R) => unknown;
  },
) {
  const [problem, setProblem] = useState<ErrorDescription | null>(null);
  const [key] = useState(() => crypto.randomUUID());
  const save = useMutation({
    mutationFn: (values: V) => send(values, key),
    onSuccess: onDone,
    onError: (e) => setProblem(applyServerErrors(form, e, fields, fieldOfCode)),
  });
  const submit = () => {
    setProblem(null);
    whenValid(form, (values) => save.mutate(values));
  };
  return { submit, pending: save.isPending, problem };
}
