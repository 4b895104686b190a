import { type CatalogueEntry, rows, day } from './texts.ts';

/** Onboarding an existing workforce, historical policies. */
export const onboardingMessages = {
  // ---- onboarding an existing workforce, historical policies
  ONBOARDING_ROWS_REFUSED: {
    zh: (d) => `${rows(d)} 行无法导入，未保存任何数据`,
    en: "Some rows can't be onboarded; nothing was saved",
  },
  ONBOARDING_HIRED_IN_FUTURE: { zh: '入职日期不能晚于导入当天', en: "The hire date can't be after today" },
  ONBOARDING_GRADE_DATE: {
    zh: '定级日期须在入职日期与导入当天之间',
    en: "The grade's date must lie between the hire and today",
  },
  ONBOARDING_PROBATION_DATE: {
    zh: '试用期满日期不能早于入职日期',
    en: "Probation can't end before the hire",
  },
  ONBOARDING_CONTRACT_START: {
    zh: '合同起始日期须在入职日期与导入当天之间',
    en: "The contract term's start must lie between the hire and today",
  },
  ONBOARDING_CONTRACT_ENDED: {
    zh: (d) => `合同到期日期（${day(d?.contractEndsOn)}）不能早于导入当天，且须晚于合同起始日期`,
    en: 'The contract must be in force today',
  },
  ONBOARDING_CERTIFICATE_FUTURE: {
    zh: '证书登记日期不能晚于导入当天',
    en: "A certificate's registration can't be after today",
  },
  ONBOARDING_CERTIFICATE_INCOMPLETE: {
    zh: '证书等级、证书编号、发证日期、证书登记日期须同时填写',
    en: 'Give all four certificate columns or none',
  },
  ONBOARDING_EVALUATION_FORMAT: {
    zh: '历年年度考核应写作“年份:等次”，如 2024:称职;2025:优秀',
    en: 'Write past evaluations as year:grade, e.g. 2024:competent;2025:excellent',
  },
  ONBOARDING_EVALUATION_YEAR: {
    zh: (d) => `${d?.year ?? ''} 年不能导入年度考核（限入职年份至上一年度）`,
    en: 'Annual evaluations only for years from the hire year to last year',
  },
  ONBOARDING_STEP_DUE: {
    zh: (d) =>
      `按历年年度考核，${d?.grade ?? ''} 级应已于${day(d?.dueOn)}晋升至 ${d?.to ?? ''} 级；请核对等级、定级日期或考核记录`,
    en: 'By its evaluations the grade would already have stepped',
  },
  POLICY_HISTORY_CLOSED: {
    zh: '本市已有人员或招聘记录，不能再录入历史政策版本；新版本只能自今天或以后生效',
    en: 'The city has recorded changes; historical policy versions are closed',
  },
  POLICY_NOT_HISTORICAL: {
    zh: '历史政策版本的生效日期须早于今天；今天或以后生效的版本请直接发布',
    en: 'A historical version starts before today',
  },
} satisfies Record<string, CatalogueEntry>;
