import { certificateNumberKeys, normaliseCertificateNumber } from '#shared/db/entities/certificate.ts';
import type { Store, WriteOp } from '#shared/db/store.ts';
import type { WorkerCertificate } from '#shared/domain/workers.ts';
import { conflict } from '#shared/errors.ts';

const duplicate = (number: string) =>
  conflict('DUPLICATE_CERTIFICATE', `Certificate number ${number} is already recorded`, { number });

/** City-wide uniqueness of certificate numbers: one guard item per number (see the entity). */
export const certificateNumbers = {
  duplicate,

  /** Whether a number is recorded already (one GetItem). */
  async isTaken(store: Store, number: string): Promise<boolean> {
    return (await store.get(certificateNumberKeys.key(number))) !== undefined;
  },

  /** The numbers among `numbers` already recorded, normalised (BatchGetItem). */
  async taken(store: Store, numbers: readonly string[]): Promise<Set<string>> {
    const unique = [...new Set(numbers.map(normaliseCertificateNumber))];
    if (unique.length === 0) return new Set();
    const items = await store.batchGet(unique.map((n) => certificateNumberKeys.key(n)));
    return new Set(items.map((item) => String(item.number)));
  },

  /** Records a number as the worker's; 409 DUPLICATE_CERTIFICATE if it is anyone's already. */
  claim(certificate: WorkerCertificate, workerId: string, recordedAt: string): WriteOp {
    return {
      Put: {
        Item: {
          ...certificateNumberKeys.key(certificate.number),
          type: 'certificate-number',
          number: normaliseCertificateNumber(certificate.number),
          workerId,
          level: certificate.level,
          registeredOn: certificate.registeredOn,
          recordedAt,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
      onConditionFailed: () => duplicate(certificate.number),
    };
  },

  /** Undo of `claim`: deletes the guard only while it is still this worker's. */
  release(number: string, workerId: string): WriteOp {
    return {
      Delete: {
        Key: certificateNumberKeys.key(number),
        ConditionExpression: 'workerId = :w',
        ExpressionAttributeValues: { ':w': workerId },
      },
    };
  },
};
