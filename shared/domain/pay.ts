/**
 * Pay: three posts, eighteen grades (三岗十八级).
 *
 * Pure rules: no I/O, no clock. Every number is a default of a versioned, effective-dated policy;
 * the caller picks the version in force and passes it in. Money is integer fen (1 yuan = 100 fen).
 *
 * Interpretation choices:
 * - "Pay" for transfer and promotion mapping is base pay(grade) + post allowance. Certificate
 *   allowance and evaluation bonus belong to the person, not the grade, and carry over unchanged.
 * - 同工同酬 (pay never drops): `mapGradeForPay` returns the lowest grade in the post's band whose
 *   pay is ≥ the current pay. If even the band's top grade pays less, it returns the top grade with
 *   `shortfallFen > 0`: the policy table cannot honour the guarantee. That is returned, never hidden —
 *   the caller must refuse, escalate, or record a protected-pay supplement.
 * - Certificate allowance: the highest level registered on or before the month's last day counts,
 *   for the whole month of registration. Only the highest level counts.
 * - Statement lines: base and post allowance always appear; the certificate and evaluation-bonus
 *   lines appear only when they pay something (the default policy has no evaluation bonus).
 * - A part month (hire, transfer-in or exit within the month) is paid by calendar days, line by line:
 *   see `serviceInMonth` and `proratedFen`. The exit date is the last day served.
 * - Yearly step: see `yearlyStep` (only whole calendar years held in the grade count).
 */
export {
  bandOf,
  basePayFen,
  CERTIFICATE_LEVELS,
  type CertificateLevel,
  defaultPayPolicy,
  GRADE_COUNT,
  type GradeChangeReason,
  type GradeMapping,
  gradeChangeReasons,
  gradePayFen,
  isGradeInBand,
  mapGradeForPay,
  type PayPolicy,
  POSTS,
  type Post,
  payPolicySchema,
  postRank,
  postSchema,
} from './pay-policy.ts';
export * from './pay-statements.ts';
export * from './pay-steps.ts';
