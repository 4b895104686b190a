import { type CatalogueEntry, day, rows } from './texts.ts';

/** Training, mentoring, certificates. */
export const developmentMessages = {
  // ---- training, mentoring, certificates
  EVENT_NOT_HELD_YET: { zh: '培训尚未举办，请在培训之后登记签到', en: 'Record attendance after the event' },
  LEVEL_MISMATCH: {
    zh: '培训级别须与主办单位的层级一致',
    en: 'The event level must match the organising unit',
  },
  LEVEL_NOT_IN_POLICY: { zh: '培训政策中没有该级别', en: 'The training policy has no such level' },
  ALREADY_RECORDED: {
    zh: '有人员已登记过本次培训，未保存任何数据',
    en: 'Some workers are already recorded for this event; nothing was saved',
  },
  INVALID_HOURS: { zh: '学时不能为负数', en: 'hours must be ≥ 0' },
  ALREADY_MENTOR: { zh: '该人员已是导师', en: 'Already a designated mentor' },
  MENTOR_NOT_ACTIVE: { zh: '导师不在岗', en: 'The mentor is not an active worker' },
  MENTEE_NOT_ACTIVE: { zh: '学员不在岗', en: 'The mentee is not an active worker' },
  MENTOR_AT_CAPACITY: {
    zh: '该导师带教人数已达上限',
    en: 'The mentor already has the maximum of current mentees',
  },
  ALREADY_PAIRED: { zh: '该学员已与此导师结对', en: 'Already paired with this mentor' },
  SELF_MENTORING: { zh: '不能自己带教自己', en: 'A worker cannot mentor themselves' },
  START_BEFORE_HIRE: {
    zh: '结对开始日期不能早于学员聘用日期',
    en: "The pairing can't start before the hire",
  },
  PAIRING_ALREADY_OVER: { zh: '该结对期限已结束', en: 'The pairing period is already over' },
  MENTORSHIP_NOT_ACTIVE: { zh: '该结对已结束', en: 'The pairing is no longer active' },
  OUTSIDE_PAIRING_PERIOD: {
    // The period itself, so the mentor can pick a date that fits.
    zh: (d) =>
      d?.startDate && d?.endDate
        ? `日期不在结对期限内（${day(d.startDate)}至${day(d.endDate)}）`
        : '日期不在结对期限内',
    en: (d) =>
      d?.startDate && d?.endDate
        ? `The date is outside the pairing period (${d.startDate} to ${d.endDate})`
        : 'The date is outside the pairing period',
  },
  DATE_IN_FUTURE: {
    zh: (d) => (d?.today ? `不能登记尚未发生的带教（今天是${day(d.today)}）` : '不能登记尚未发生的带教'),
    en: (d) =>
      d?.today
        ? `A session can't be logged before it happens (today is ${d.today})`
        : "A session can't be logged before it happens",
  },
  CERTIFICATES_REJECTED: {
    zh: (d) => `${rows(d)} 行证书无法登记，未保存任何数据`,
    en: "Some rows' certificates can't be recorded; nothing was saved",
  },
  DUPLICATE_CERTIFICATE: { zh: '该证书编号已登记', en: 'This certificate number is already recorded' },
} satisfies Record<string, CatalogueEntry>;
