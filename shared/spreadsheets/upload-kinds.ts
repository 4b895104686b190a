import { certificateLevelNames } from '#shared/domain/certificates.ts';
import { educationLevelNames } from '#shared/domain/recruitment.ts';
import { postNames } from '#shared/domain/vocabulary.ts';
import type { ColumnSpec, UploadSpec } from './columns.ts';

/**
 * Every bulk upload's columns: the Chinese header, the English field name and the template's
 * example row. Workers are referenced by 身份证号 or by their internal id, whichever the sheet has.
 */
export const EXAMPLE_NATIONAL_ID = '230902199506150010';

const yesNo = { true: '是', false: '否' } as const;

const workerReference: readonly ColumnSpec[] = [
  {
    field: 'nationalId',
    label: '身份证号',
    aliases: ['公民身份号码', '身份证号码'],
    example: EXAMPLE_NATIONAL_ID,
    note: '18位公民身份号码（与“人员编号”二选一）',
  },
  {
    field: 'workerId',
    label: '人员编号',
    aliases: ['社工编号'],
    example: '',
    note: '系统内的人员编号 w_…（与“身份证号”二选一）',
  },
  { field: 'name', label: '姓名', example: '张三', note: '仅供核对，不参与匹配' },
];
const workerOneOf = [['nationalId', 'workerId']] as const;
const period = (example: string): ColumnSpec => ({
  field: 'period',
  label: '考核期间',
  aliases: ['期间', '月份', '年度'],
  required: true,
  example,
  note: '月度为 YYYY-MM，年度为 YYYY',
});

const yesNoColumn = (
  field: string,
  label: string,
  note: string,
  extra: Partial<ColumnSpec> = {},
): ColumnSpec => ({ field, label, example: yesNo.true, note, values: yesNo, ...extra });

export const uploadSpecs = {
  candidates: {
    kind: 'candidates',
    title: '报名登记',
    columns: [
      {
        field: 'nationalId',
        label: '身份证号',
        aliases: ['公民身份号码', '身份证号码'],
        required: true,
        example: EXAMPLE_NATIONAL_ID,
        note: '18位公民身份号码（性别、出生日期由此读出）',
      },
      { field: 'name', label: '姓名', required: true, example: '张三', note: '' },
      {
        field: 'education',
        label: '学历',
        required: true,
        example: educationLevelNames.college,
        note: '最高学历',
        values: educationLevelNames,
      },
      {
        field: 'certificateLevel',
        label: '职业资格证书',
        aliases: ['社工证', '证书等级'],
        example: certificateLevelNames.assistant,
        note: '持有的最高等级社会工作者职业资格证书，没有则不填',
        values: certificateLevelNames,
      },
      yesNoColumn('politicalRecordClear', '政治表现合格', '政审无不良记录填“是”', {
        required: true,
        aliases: ['政审合格'],
      }),
      yesNoColumn('meetsHealthRequirement', '身体健康', '符合岗位身体条件填“是”', { required: true }),
      yesNoColumn('hasLocalResidence', '本地户籍或居住', '本市户籍或常住填“是”', {
        required: true,
        aliases: ['本地户籍'],
      }),
      yesNoColumn('passedProfessionalScreen', '专业资格审查', '仅明确不符合专业要求时填“否”，否则不填', {
        example: '',
      }),
      yesNoColumn('isGridWorker', '是否网格员', '现任网格员填“是”（同分时优先），默认否', {
        example: yesNo.false,
        aliases: ['网格员'],
      }),
      yesNoColumn('isPartyMember', '是否党员', '中共党员填“是”，默认否', { aliases: ['党员'] }),
      {
        field: 'gridId',
        label: '拟安排单位',
        aliases: ['拟安排网格', '单位编号'],
        example: '',
        note: '招聘单位内社区或网格的名称（如“第一网格”；重名时在前面写上级单位的名称），也可填单位编号；招聘单位本身是社区时可不填',
      },
    ],
  },
  certificates: {
    kind: 'certificates',
    title: '证书登记',
    columns: [
      ...workerReference,
      {
        field: 'level',
        label: '证书等级',
        aliases: ['职业资格证书', '等级'],
        required: true,
        example: certificateLevelNames.assistant,
        note: '社会工作者职业资格证书等级',
        values: certificateLevelNames,
      },
      {
        field: 'number',
        label: '证书编号',
        aliases: ['证书号', '管理号'],
        required: true,
        example: 'ZS2025230900123',
        note: '全市唯一，已登记过的编号会被拒绝',
      },
      {
        field: 'issuedOn',
        label: '发证日期',
        aliases: ['取得日期'],
        required: true,
        example: '2025-06-20',
        note: 'YYYY-MM-DD',
      },
      {
        field: 'registeredOn',
        label: '登记日期',
        aliases: ['单位登记日期'],
        required: true,
        example: '2025-07-01',
        note: 'YYYY-MM-DD，不早于发证日期、不晚于今天；津贴从登记当月起发',
      },
    ],
    oneOf: workerOneOf,
  },
  scores: {
    kind: 'scores',
    title: '考试成绩',
    columns: [
      {
        field: 'nationalId',
        label: '身份证号',
        aliases: ['公民身份号码', '身份证号码'],
        example: EXAMPLE_NATIONAL_ID,
        note: '18位公民身份号码（与“候选人编号”二选一）',
      },
      {
        field: 'candidateId',
        label: '候选人编号',
        aliases: ['报名编号'],
        example: '',
        note: '系统内的候选人编号 c_…（与“身份证号”二选一）',
      },
      { field: 'name', label: '姓名', example: '张三', note: '仅供核对，不参与匹配' },
      {
        field: 'written',
        label: '笔试成绩',
        numeric: true,
        aliases: ['笔试'],
        example: '82.5',
        note: '0–100，最多两位小数（与面试成绩至少填一项）',
      },
      {
        field: 'interview',
        label: '面试成绩',
        aliases: ['面试'],
        numeric: true,
        example: '',
        note: '0–100，最多两位小数',
      },
    ],
    oneOf: [
      ['nationalId', 'candidateId'],
      ['written', 'interview'],
    ],
  },
  transfers: {
    kind: 'transfers',
    title: '集中转任',
    columns: [
      {
        field: 'nationalId',
        label: '身份证号',
        aliases: ['公民身份号码', '身份证号码'],
        required: true,
        example: EXAMPLE_NATIONAL_ID,
        note: '18位公民身份号码',
      },
      { field: 'name', label: '姓名', required: true, example: '张三', note: '' },
      {
        field: 'org',
        label: '所在单位',
        aliases: ['社区或网格', '单位编号'],
        required: true,
        example: '红旗社区第一网格',
        note: '社区或网格的名称；重名时在前面写上级单位的名称（如“红旗社区第一网格”），也可填单位编号',
      },
      {
        field: 'currentMonthlyPayYuan',
        label: '现月工资（元）',
        aliases: ['现月工资', '月工资（元）'],
        example: '3100.00',
        note: '转任前的月工资，单位元，最多两位小数（与“现月工资（分）”二选一）',
      },
      { field: 'currentMonthlyPayFen', label: '现月工资（分）', example: '', note: '转任前的月工资，单位分' },
      { field: 'post', label: '岗位', example: postNames.staff, note: '默认社区工作者', values: postNames },
      {
        field: 'education',
        label: '学历',
        required: true,
        example: educationLevelNames.college,
        note: '',
        values: educationLevelNames,
      },
      {
        field: 'isPartyMember',
        label: '是否党员',
        aliases: ['党员'],
        example: yesNo.true,
        note: '是 / 否，默认否',
        values: yesNo,
      },
    ],
    oneOf: [['currentMonthlyPayYuan', 'currentMonthlyPayFen']],
  },
  onboarding: {
    kind: 'onboarding',
    title: '存量人员导入',
    columns: [
      {
        field: 'nationalId',
        label: '身份证号',
        aliases: ['公民身份号码', '身份证号码'],
        required: true,
        example: EXAMPLE_NATIONAL_ID,
        note: '18位公民身份号码',
      },
      { field: 'name', label: '姓名', required: true, example: '张三', note: '' },
      {
        field: 'org',
        label: '所在单位',
        aliases: ['社区或网格', '单位编号'],
        required: true,
        example: '红旗社区第一网格',
        note: '社区或网格的名称；重名时在前面写上级单位的名称（如“红旗社区第一网格”），也可填单位编号',
      },
      {
        field: 'education',
        label: '学历',
        required: true,
        example: educationLevelNames.college,
        note: '',
        values: educationLevelNames,
      },
      {
        field: 'isPartyMember',
        label: '是否党员',
        aliases: ['党员'],
        example: yesNo.true,
        note: '是 / 否，默认否',
        values: yesNo,
      },
      {
        field: 'hiredOn',
        label: '入职日期',
        aliases: ['参加工作日期', '聘用日期'],
        required: true,
        example: '2019-03-01',
        note: 'YYYY-MM-DD，不晚于导入当天',
      },
      { field: 'post', label: '岗位', example: postNames.staff, note: '默认社区工作者', values: postNames },
      {
        field: 'grade',
        label: '等级',
        aliases: ['岗位等级', '薪级'],
        required: true,
        numeric: true,
        example: '4',
        note: '1–18，须在岗位的等级范围内（正职7–18、副职4–15、其他1–12，以薪酬政策为准）',
      },
      {
        field: 'gradeSince',
        label: '定级日期',
        aliases: ['现等级起始日期', '等级起始日期'],
        example: '2024-01-01',
        note: '现岗位等级的生效日期，默认入职日期；据此与历年考核推算晋级年限',
      },
      {
        field: 'probationEndsOn',
        label: '试用期满日期',
        aliases: ['试用期截止日期'],
        example: '2020-02-29',
        note: '无试用期则不填；早于导入当天视为已转正',
      },
      {
        field: 'contractStartsOn',
        label: '合同起始日期',
        aliases: ['本期合同起始日期'],
        example: '2025-03-01',
        note: '本期劳动合同的起始日期，默认入职日期',
      },
      {
        field: 'contractEndsOn',
        label: '合同到期日期',
        aliases: ['合同截止日期', '本期合同到期日期'],
        required: true,
        example: '2028-02-29',
        note: '本期劳动合同的到期日期，不得早于导入当天',
      },
      {
        field: 'certificateLevel',
        label: '证书等级',
        aliases: ['社工证等级', '职业水平证书等级'],
        example: certificateLevelNames.assistant,
        note: '无证书则证书四列均不填',
        values: certificateLevelNames,
      },
      { field: 'certificateNumber', label: '证书编号', example: 'ZG2021230900123', note: '全市唯一' },
      { field: 'certificateIssuedOn', label: '发证日期', example: '2021-06-20', note: 'YYYY-MM-DD' },
      {
        field: 'certificateRegisteredOn',
        label: '证书登记日期',
        aliases: ['登记日期'],
        example: '2021-07-01',
        note: '不早于发证日期，不晚于导入当天；职业津贴自登记当月起计发',
      },
      {
        field: 'annualGrades',
        label: '历年年度考核',
        aliases: ['年度考核', '历年考核'],
        example: '2023:称职;2024:称职;2025:优秀',
        note: '“年份:等次”，以分号分隔；等次为优秀、称职、基本称职、不称职；仅限入职年份至上一年度',
      },
    ],
  },
  attendance: {
    kind: 'attendance',
    title: '培训签到',
    columns: [
      ...workerReference,
      {
        field: 'hours',
        label: '学时',
        aliases: ['培训学时', '时长'],
        example: '',
        note: '不填则按培训的学时计',
      },
    ],
    oneOf: workerOneOf,
  },
  poll: {
    kind: 'poll',
    title: '居民测评',
    columns: [
      ...workerReference,
      period('2026-02'),
      {
        field: 'score',
        label: '测评得分',
        aliases: ['得分', '分数'],
        required: true,
        example: '92',
        note: '0–100',
      },
    ],
    oneOf: workerOneOf,
  },
  departments: {
    kind: 'departments',
    title: '部门评价',
    columns: [
      ...workerReference,
      period('2026-02'),
      {
        field: 'department',
        label: '评价部门',
        aliases: ['部门'],
        required: true,
        example: '民政局',
        note: '部门名称',
      },
      {
        field: 'score',
        label: '评价得分',
        aliases: ['得分', '分数'],
        required: true,
        example: '88',
        note: '0–100',
      },
    ],
    oneOf: workerOneOf,
  },
  duty: {
    kind: 'duty',
    title: '履职记录',
    columns: [
      ...workerReference,
      period('2026-02'),
      {
        field: 'gridPatrols',
        label: '网格巡查次数',
        aliases: ['巡查次数'],
        required: true,
        example: '20',
        note: '整数',
      },
      {
        field: 'householdVisits',
        label: '入户走访次数',
        aliases: ['走访次数'],
        required: true,
        example: '35',
        note: '整数',
      },
    ],
    oneOf: workerOneOf,
  },
  'work-orders': {
    kind: 'work-orders',
    title: '工单办理',
    columns: [
      ...workerReference,
      period('2026-02'),
      { field: 'assigned', label: '派单数', required: true, example: '12', note: '整数' },
      { field: 'completed', label: '办结数', required: true, example: '11', note: '不超过派单数' },
      { field: 'satisfied', label: '满意数', required: true, example: '10', note: '不超过办结数' },
    ],
    oneOf: workerOneOf,
  },
} as const satisfies Record<string, UploadSpec>;

export type UploadKind = keyof typeof uploadSpecs;
export const uploadKinds = Object.keys(uploadSpecs) as [UploadKind, ...UploadKind[]];
