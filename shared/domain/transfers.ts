import type { Post } from './pay.ts';
import type { EducationLevel } from './recruitment.ts';

/** One person of a transfer-in batch (调入), pay in fen. */
export interface TransferRow {
  nationalId: string;
  name: string;
  /** The grid or community the worker is placed in. */
  org: string;
  currentMonthlyPayFen: number;
  post: Post;
  education: EducationLevel;
  isPartyMember: boolean;
}
