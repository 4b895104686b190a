/** The few SQS event fields our consumers read (avoids a dependency on @types/aws-lambda). */
export interface SQSEvent {
  Records: { messageId: string; body: string }[];
}
export interface SQSBatchResponse {
  batchItemFailures: { itemIdentifier: string }[];
}
