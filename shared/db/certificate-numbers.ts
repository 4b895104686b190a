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

  /**
   * The guards of `numbers` that exist, by normalised number: whose each is and when it was
   * recorded (BatchGetItem; the consistency checker attributes certificates by them).
   */
  async guards(
    store: Store,
    numbers: readonly string[],
  ): Promise<Map<string, { workerId: string; recordedAt: string | undefined }>> {
    const unique = [...new Set(numbers.map(normaliseCertificateNumber))];
    if (unique.length === 0) return new Map();
    const items = await store.batchGet(unique.map((n) => certificateNumberKeys.key(n)));
    return new Map(
      items.map((item) => [
        String(item.number),
        { workerId: String(item.workerId), recordedAt: item.recordedAt as string | undefined },
      ]),
    );
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

  /** Undo of `claim`: deletes the guard while it is absent or still this worker's (never another's). */
  release(number: string, workerId: string): WriteOp {
    return {
      Delete: {
        Key: certificateNumberKeys.key(number),
        ConditionExpression: 'attribute_not_exists(pk) OR workerId = :w',
        ExpressionAttributeValues: { ':w': workerId },
      },
    };
  },
};
