/**
 * City-wide uniqueness of social-work certificate numbers: one guard item per number, written with
 * `attribute_not_exists` in the same transaction that appends the certificate to the worker
 * (the certificates themselves live on the worker item, `WorkerRecord.certificates`).
 */
export const certificateNumberKeys = {
  /** GetItem: who holds certificate number N (numbers compared trimmed and upper-cased). */
  key: (number: string) => ({ pk: `CERTNO#${normaliseCertificateNumber(number)}`, sk: 'CERTNO' }),
};

export function normaliseCertificateNumber(number: string): string {
  return number.trim().toUpperCase();
}
