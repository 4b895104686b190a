/**
 * `npm run seed`: fills a running local server, through the HTTP API only, with a Qitaihe-shaped
 * demo city and a year of its history, moving the business clock through 2026 as it goes.
 *
 *   npm start -- --memory --clock 2026-01-05T09:00:00+08:00   (any instant up to that one)
 *   npm run seed                     SEED_URL=http://127.0.0.1:3000 by default
 *
 * Deterministic: the same names, ids, numbers and dates every run (a seeded PRNG, fixed dates).
 * Ends with how to sign in as an HR officer, a mentor and a worker, and the key figures as the
 * seed counted them (`figures: {…}` on one line, which CI compares with GET /v1/stats).
 */
import { withCheckDigit } from '#shared/domain/national-id.ts';

const base = process.env.SEED_URL ?? `http://127.0.0.1:${process.env.PORT ?? 3000}`;
const START = '2026-01-05T09:00:00+08:00';

/** mulberry32: a tiny PRNG, so every run makes the same city. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = prng(20260105);
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;

const SURNAMES =
  '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文';
const GIVEN_FEMALE = '秀英桂兰玉梅丽静敏燕红霞艳娟芳丹雪琳晶颖慧婷欣悦怡佳宁倩雯洁璐薇';
const GIVEN_MALE =
  '伟刚勇毅俊峰强军平保东文辉力明永健世广志义兴良海山仁波宁贵福生龙元全国胜学祥才发武新利清飞彬富顺信子杰涛昌成康星光天达安岩中茂进林有坚和彪博诚先敬震振壮会思群豪心邦承乐绍功松善厚庆磊民友裕河哲江超浩亮政谦亨奇固之轮翰朗伯宏言若鸣朋斌梁栋维启克伦翔旭鹏泽晨辰士以建家致树炎德行时泰盛雄琛钧冠策腾楠榕风航弘';

interface Unit {
  id: string;
  name: string;
  level: 'city' | 'district' | 'street' | 'community' | 'grid';
  parentId?: string;
  approvedQuota?: number;
  urbanPopulation?: number;
}

// Qitaihe's three districts and the county town of Boli, with GB/T 2260 codes for the ids.
const DISTRICTS = [
  {
    key: 'xinxing',
    name: '新兴区',
    region: '230902',
    population: 160_000,
    streets: ['新建', '红旗', '越秀', '北山'],
    communitiesPerStreet: 5,
  },
  {
    key: 'taoshan',
    name: '桃山区',
    region: '230903',
    population: 140_000,
    streets: ['桃山', '桃东', '桃南', '桃西'],
    communitiesPerStreet: 4,
  },
  {
    key: 'qiezihe',
    name: '茄子河区',
    region: '230904',
    population: 100_000,
    streets: ['茄子河', '东胜', '向阳'],
    communitiesPerStreet: 4,
  },
  {
    key: 'boli',
    name: '勃利县',
    region: '230921',
    population: 90_000,
    streets: ['城东', '城西', '元明'],
    communitiesPerStreet: 4,
  },
] as const;
const COMMUNITY_NAMES = '和平 幸福 光明 友谊 团结 新华 建设 民主 繁荣 长青 春晖 丰收 振兴 安康 朝阳'.split(
  ' ',
);
const WORKERS_PER_COMMUNITY = 11; // plus one in each of its two grids: 13 a community, 780 in all

async function call<T = unknown>(
  method: string,
  path: string,
  token: string | undefined,
  body?: unknown,
  expected: number[] = [200, 201],
): Promise<T> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!expected.includes(res.status))
    throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 600)}`);
  return (text ? JSON.parse(text) : null) as T;
}

const tokenFor = async (claims: { role: string; org: string; workerId?: string; department?: string }) =>
  (await call<{ token: string }>('POST', '/local/token', undefined, claims)).token;

async function moveClock(to: string, log: (l: string) => void) {
  const moved = await call<{ now: string; jobsRun: { job: string; period: string }[] }>(
    'POST',
    '/local/clock',
    undefined,
    { now: to },
  );
  const jobs = moved.jobsRun.map((r) => `${r.job} ${r.period}`).join(', ');
  log(`clock → ${to}${jobs ? ` (jobs run: ${jobs})` : ''}`);
}

/**
 * Qitaihe's published work-order figures for the year: 38,000 orders, 99.3 % done, 98 % of those
 * satisfied. The seed's inputs add up to exactly these, so 统计 shows them.
 */
const WORK_ORDERS = { assigned: 38_000, completed: 37_734, satisfied: 36_979 } as const;

/**
 * The 2026 evaluation inputs of the workers (ids): one annual row per worker and kind, and December's
 * monthly rows, from a PRNG of their own so the rest of the city stays as it was. Most do well (poll
 * and department scores in the high 70s to 90s, duty at or above its target of 20 patrols and 30
 * visits a month); about 5 % are weaker and a handful fail, the same workers in both periods, so the
 * runs grade a realistic spread (优秀 capped at 20 % a unit, a few 清退建议).
 */
function evaluationInputs(ids: string[]) {
  const r = prng(20261228);
  const between = (lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
  type Profile = 'good' | 'weak' | 'failing';
  const profile = ids.map((): Profile => {
    const p = r();
    return p < 0.008 ? 'failing' : p < 0.05 ? 'weak' : 'good';
  });
  const range = { good: [78, 98], weak: [50, 64], failing: [35, 48] } as const;
  const dutyShare = { good: [0.95, 1.2], weak: [0.65, 0.8], failing: [0.4, 0.55] } as const;
  const score = (i: number) => {
    const [lo, hi] = range[profile[i]!];
    return between(lo, hi);
  };
  const duty = (i: number, target: number) => {
    const [lo, hi] = dutyShare[profile[i]!];
    return Math.round(target * (lo + r() * (hi - lo)));
  };
  type Orders = { assigned: number; completed: number; satisfied: number };
  const period = (months: number, orders: (i: number) => Orders) => ({
    poll: ids.map((workerId, i) => ({ workerId, score: score(i) })),
    departments: ids.flatMap((workerId, i) =>
      ['民政局', '街道办事处'].map((department) => ({ workerId, department, score: score(i) })),
    ),
    duty: ids.map((workerId, i) => ({
      workerId,
      gridPatrols: duty(i, months * 20),
      householdVisits: duty(i, months * 30),
    })),
    'work-orders': ids.map((workerId, i) => ({ workerId, ...orders(i) })),
  });

  // The year's work orders: 40–57 each, nudged one at a time until the total is the published one.
  const assigned = ids.map(() => between(40, 57));
  let sum = assigned.reduce((a, b) => a + b, 0);
  for (let i = 0; sum !== WORK_ORDERS.assigned; i = (i + 1) % ids.length) {
    const step = sum < WORK_ORDERS.assigned ? 1 : -1;
    assigned[i]! += step;
    sum += step;
  }
  // Unfinished and unsatisfied orders fall on random workers, never below 90 % of their own.
  const withMisses = (of: number[], misses: number) => {
    const xs = [...of];
    for (let left = misses; left > 0; ) {
      const i = Math.floor(r() * xs.length);
      if (xs[i]! * 10 <= of[i]! * 9) continue;
      xs[i]! -= 1;
      left -= 1;
    }
    return xs;
  };
  const completed = withMisses(assigned, WORK_ORDERS.assigned - WORK_ORDERS.completed);
  const satisfied = withMisses(completed, WORK_ORDERS.completed - WORK_ORDERS.satisfied);
  return {
    year: period(12, (i) => ({ assigned: assigned[i]!, completed: completed[i]!, satisfied: satisfied[i]! })),
    december: period(1, (): Orders => {
      const inMonth = between(3, 6);
      const done = inMonth - (r() < 0.05 ? 1 : 0);
      return { assigned: inMonth, completed: done, satisfied: done - (r() < 0.1 ? 1 : 0) };
    }),
  };
}

async function mapLimit<T, R>(
  items: T[],
  limit: number,
  fn: (item: T, i: number) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await fn(items[i]!, i);
      }
    }),
  );
  return results;
}

export async function seed(log: (line: string) => void = console.log) {
  const started = Date.now();
  const clock = await call<{ now: string }>('GET', '/local/clock', undefined);
  if (clock.now > new Date(START).toISOString()) {
    throw new Error(
      `The business clock is at ${clock.now}; the demo year starts ${START}. Start a fresh server: npm start -- --memory --clock ${START}`,
    );
  }
  await moveClock(START, log);
  const hr = await tokenFor({ role: 'hr', org: 'qth' });
  const existing = await fetch(`${base}/v1/org-units/qth`, { headers: { authorization: `Bearer ${hr}` } });
  if (existing.status !== 404)
    throw new Error('This server already has a city qth: seed a fresh one (--memory).');

  // 1. The org tree: city, 4 districts, 14 streets, 60 communities, 120 grids.
  const units: Unit[] = [{ id: 'qth', name: '七台河市', level: 'city', approvedQuota: 982 }];
  const communities: { id: string; district: (typeof DISTRICTS)[number]; grids: string[] }[] = [];
  let communityIndex = 0;
  for (const d of DISTRICTS) {
    const districtId = `qth/${d.key}`;
    units.push({
      id: districtId,
      name: d.name,
      level: 'district',
      parentId: 'qth',
      urbanPopulation: d.population,
    });
    d.streets.forEach((street, s) => {
      const streetId = `${districtId}/s${s + 1}`;
      units.push({
        id: streetId,
        name: `${street}街道`,
        level: 'street',
        parentId: districtId,
        urbanPopulation: Math.floor(d.population / d.streets.length),
      });
      for (let c = 1; c <= d.communitiesPerStreet; c++) {
        const id = `${streetId}/c${c}`;
        const name = `${COMMUNITY_NAMES[communityIndex++ % COMMUNITY_NAMES.length]}社区`;
        units.push({ id, name, level: 'community', parentId: streetId, approvedQuota: 16 });
        const grids = [1, 2].map((g) => `${id}/g${g}`);
        for (const [g, gridId] of grids.entries()) {
          units.push({
            id: gridId,
            name: `第${'一二'[g]}网格`,
            level: 'grid',
            parentId: id,
            urbanPopulation: 1000,
          });
        }
        communities.push({ id, district: d, grids });
      }
    });
  }
  for (const unit of units) await call('POST', '/v1/org-units', hr, unit);
  log(`org units: ${units.length} (${communities.length} communities)`);

  // 2. The serving workforce arrives by transfer, one batch per district, on 5 January.
  let serial = 0;
  const person = (region: string) => {
    const female = random() < 0.7;
    const name =
      pick([...SURNAMES]) +
      pick([...(female ? GIVEN_FEMALE : GIVEN_MALE)]) +
      (random() < 0.6 ? pick([...(female ? GIVEN_FEMALE : GIVEN_MALE)]) : '');
    const year = 1972 + Math.floor(random() * 28);
    const month = 1 + Math.floor(random() * 12);
    const day = 1 + Math.floor(random() * 28);
    const birth = `${year}${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}`;
    // The sequence code's last digit is odd for men and even for women (GB 11643).
    serial += 1;
    const seq = (serial % 500) * 2 + (female ? 0 : 1);
    const nationalId = withCheckDigit(`${region}${birth}${String(seq).padStart(3, '0')}`);
    return { name, nationalId };
  };
  const workers: { id: string; name: string; org: string; nationalId: string; post: string }[] = [];
  const partyMembers = new Set<string>(); // national ids
  for (const d of DISTRICTS) {
    const rows = communities
      .filter((c) => c.district.key === d.key)
      .flatMap((c) =>
        [...Array.from({ length: WORKERS_PER_COMMUNITY }, () => c.id), ...c.grids].map((org, i) => ({
          ...person(d.region),
          org,
          post: i === 0 ? 'principal' : i === 1 ? 'deputy' : 'staff',
          currentMonthlyPayFen: 300_000 + Math.floor(random() * 30) * 5_000,
          education: pick(['college', 'college', 'bachelor', 'bachelor', 'high-school', 'master'] as const),
          isPartyMember: random() < 0.45,
        })),
      );
    const batch = await call<{
      count: number;
      persons: { workerId: string; name: string; nationalId: string; org: string; post: string }[];
    }>('POST', '/v1/transfers', hr, { rows });
    for (const row of rows) if (row.isPartyMember) partyMembers.add(row.nationalId);
    for (const p of batch.persons)
      workers.push({ id: p.workerId, name: p.name, org: p.org, nationalId: p.nationalId, post: p.post });
    log(`transfer batch ${d.name}: ${batch.count} workers`);
  }

  // 3. Certificates (持证): about a third, registered through the year's first months.
  await moveClock('2026-03-10T09:00:00+08:00', log);
  const certified = workers.filter(() => random() < 0.34);
  await mapLimit(certified, 4, (w, i) =>
    call('POST', `/v1/workers/${w.id}/certificates`, hr, {
      level: i % 10 === 0 ? 'intermediate' : 'assistant',
      number: `ZS2025${String(230900000 + i).padStart(9, '0')}`,
      issuedOn: '2025-11-20',
      registeredOn: `2026-0${1 + (i % 3)}-05`,
    }),
  );
  log(`certificates: ${certified.length}`);

  // 4. Training: a city-wide course for everyone and a course in each district.
  await moveClock('2026-04-20T09:00:00+08:00', log);
  const cityEvent = await call<{ id: string }>('POST', '/v1/training-events', hr, {
    title: '全市社区工作者能力提升培训',
    level: 'city',
    org: 'qth',
    date: '2026-04-16',
    hours: 8,
  });
  let personTimes = 0;
  for (let i = 0; i < workers.length; i += 500) {
    const rows = workers.slice(i, i + 500).map((w) => ({ workerId: w.id }));
    await call('POST', `/v1/training-events/${cityEvent.id}/attendance`, hr, { rows });
    personTimes += rows.length;
  }
  for (const d of DISTRICTS) {
    const event = await call<{ id: string }>('POST', '/v1/training-events', hr, {
      title: `${d.name}网格服务实务培训`,
      level: 'district',
      org: `qth/${d.key}`,
      date: '2026-04-18',
      hours: 4,
    });
    const rows = workers
      .filter((w) => w.org.startsWith(`qth/${d.key}/`) && random() < 0.6)
      .map((w) => ({ workerId: w.id }));
    await call('POST', `/v1/training-events/${event.id}/attendance`, hr, { rows });
    personTimes += rows.length;
  }
  log(`training: 5 events, ${personTimes} person-times`);

  // 5. Mentors (导师帮带): each community's principal mentors two of its staff, with sessions.
  await moveClock('2026-05-11T09:00:00+08:00', log);
  const principals = workers.filter((w) => w.post === 'principal');
  let mentees = 0;
  let sessions = 0;
  await mapLimit(principals, 4, async (mentor) => {
    await call('POST', '/v1/mentors', hr, { workerId: mentor.id });
    const mentorToken = await tokenFor({ role: 'mentor', org: mentor.org, workerId: mentor.id });
    const pupils = workers.filter((w) => w.post === 'staff' && w.org === mentor.org).slice(0, 2);
    for (const pupil of pupils) {
      await call('POST', '/v1/mentorships', hr, {
        mentorId: mentor.id,
        menteeId: pupil.id,
        startDate: '2026-05-11',
      });
      mentees++;
      await call('POST', `/v1/workers/${pupil.id}/coaching-sessions`, mentorToken, {
        date: '2026-05-11',
        minutes: 90,
        mode: 'practical-coaching',
        notes: '入户走访与矛盾调解实务',
      });
      sessions++;
    }
  });
  log(`mentoring: ${principals.length} mentors, ${mentees} mentees, ${sessions} sessions`);

  // 5b. A recruitment through to hires (逢进必考): two places in the first community (quota 16,
  // 13 serving), eight candidates, written exam, the 3:1 interview shortlist, the joint review by
  // the three departments (each decided by an HR officer holding it), the 7-day notice, two hires.
  await moveClock('2026-05-18T09:00:00+08:00', log);
  const target = communities[0]!;
  const recruitment = await call<{ id: string }>('POST', '/v1/recruitments', hr, {
    title: `${target.district.name}社区工作者公开招聘`,
    org: target.id,
    places: 2,
  });
  const candidates: string[] = [];
  for (let i = 0; i < 8; i++) {
    const birth = `${1996 + (i % 5)}0${1 + (i % 9)}1${i}`;
    const female = i % 3 !== 0;
    const name = pick([...SURNAMES]) + pick([...(female ? GIVEN_FEMALE : GIVEN_MALE)]);
    const nationalId = withCheckDigit(
      `${target.district.region}${birth}${String(800 + i * 2 + (female ? 0 : 1))}`,
    );
    const candidate = await call<{ id: string }>(
      'POST',
      `/v1/recruitments/${recruitment.id}/candidates`,
      hr,
      {
        nationalId,
        name,
        education: i % 2 === 0 ? 'bachelor' : 'college',
        isPartyMember: i % 4 === 0,
        politicalRecordClear: true,
        meetsHealthRequirement: true,
        hasLocalResidence: true,
      },
    );
    candidates.push(candidate.id);
  }
  const toStage = (to: string) => call('POST', `/v1/recruitments/${recruitment.id}/stage`, hr, { to });
  await toStage('written-exam');
  await call('POST', `/v1/recruitments/${recruitment.id}/scores`, hr, {
    rows: candidates.map((candidateId, i) => ({ candidateId, written: 62 + ((i * 7) % 30) })),
  });
  await toStage('interview');
  const shortlist = await call<{ items: { candidateId: string }[]; awaitingScores: string[] }>(
    'GET',
    `/v1/recruitments/${recruitment.id}/ranking`,
    hr,
  );
  const interviewed = [
    ...new Set([...shortlist.items.map((row) => row.candidateId), ...shortlist.awaitingScores]),
  ];
  await call('POST', `/v1/recruitments/${recruitment.id}/scores`, hr, {
    rows: interviewed.map((candidateId, i) => ({ candidateId, interview: 88 - i * 3 })),
  });
  await toStage('review');
  const ranking = await call<{
    items: { candidateId: string; selected: boolean }[];
    jointReviewDepartments: string[];
  }>('GET', `/v1/recruitments/${recruitment.id}/ranking`, hr);
  const chosen = ranking.items.slice(0, 2).map((row) => row.candidateId);
  for (const department of ranking.jointReviewDepartments) {
    const reviewer = await tokenFor({ role: 'hr', org: 'qth', department });
    for (const candidateId of chosen)
      await call('POST', `/v1/recruitments/${recruitment.id}/candidates/${candidateId}/reviews`, reviewer, {
        department,
        decision: 'approve',
        note: '联审通过',
      });
  }
  await toStage('notice');
  await moveClock('2026-05-26T09:00:00+08:00', log);
  const hires: { id: string; name: string; org: string }[] = [];
  for (const candidateId of chosen)
    hires.push(
      await call<{ id: string; name: string; org: string }>(
        'POST',
        `/v1/recruitments/${recruitment.id}/candidates/${candidateId}/hire`,
        hr,
        {},
      ),
    );
  log(`recruitment: ${candidates.length} candidates, ${hires.length} hired after the notice`);

  // 6. A second pay policy version from 1 July (base pay +3 %), entered in June.
  await moveClock('2026-06-15T09:00:00+08:00', log);
  const pay = await call<{ document: { baseMonthlyPayFen: number[] } & Record<string, unknown> }>(
    'GET',
    '/v1/policies/pay',
    hr,
  );
  const raised = {
    ...pay.document,
    baseMonthlyPayFen: pay.document.baseMonthlyPayFen.map((fen) => Math.round((fen * 1.03) / 100) * 100),
  };
  await call('PUT', '/v1/policies/pay/2026-07-01', hr, raised);
  log('pay policy: 2026-07-01 version (+3 % base pay)');

  // 6b. Promotions into the two committees (两委): eight staff from the reserve pool, one from each
  // of eight communities, as members of the party committee or the residents' committee.
  await moveClock('2026-06-20T09:00:00+08:00', log);
  const promoted = communities
    .slice(1, 9)
    .map((c) => workers.find((w) => w.org === c.id && w.post === 'staff')!);
  for (const [i, w] of promoted.entries()) {
    await call('POST', '/v1/reserve-pool', hr, { workerId: w.id, reason: '工作实绩突出，列入后备力量' });
    await call('POST', `/v1/workers/${w.id}/promotions`, hr, {
      committee: i % 2 === 0 ? 'party' : 'residents',
      role: 'member',
      effectiveOn: '2026-06-20',
      reason: '换届选举',
    });
  }
  log(`promotions: ${promoted.length} into the two committees`);

  // 6c. An honour cycle (两优一先): 优秀共产党员 with three seats reserved for community workers in
  // each district (Qitaihe named 12), three party members nominated per district, all awarded on 1 July.
  await moveClock('2026-06-25T09:00:00+08:00', log);
  const cycle = await call<{ id: string }>('POST', '/v1/honour-cycles', hr, {
    honourType: 'outstanding-party-member',
    name: '2026年优秀共产党员推荐（社区工作者指标单列）',
    year: 2026,
    quotas: DISTRICTS.map((d) => ({ org: `qth/${d.key}`, seats: 3 })),
  });
  const promotedIds = new Set(promoted.map((w) => w.id));
  const nominations: string[] = [];
  for (const d of DISTRICTS) {
    const nominees = workers
      .filter(
        (w) =>
          w.org.startsWith(`qth/${d.key}/`) &&
          w.post === 'staff' &&
          partyMembers.has(w.nationalId) &&
          !promotedIds.has(w.id),
      )
      .slice(0, 3);
    for (const w of nominees) {
      const nomination = await call<{ id: string }>('POST', `/v1/honour-cycles/${cycle.id}/nominations`, hr, {
        workerId: w.id,
        reason: '扎根网格，服务群众成效突出',
      });
      nominations.push(nomination.id);
    }
  }
  await moveClock('2026-07-01T09:00:00+08:00', log);
  for (const id of nominations)
    await call('POST', `/v1/honour-cycles/${cycle.id}/nominations/${id}/result`, hr, {
      awarded: true,
      note: '七一表彰',
    });
  log(`honour cycle: ${nominations.length} nominated and awarded 优秀共产党员`);

  // 7. Autumn: the clock moves on; the monthly evaluation job follows it.
  await moveClock('2026-09-10T09:00:00+08:00', log);

  const stats = await call<{
    quota: { used: number; quota: number };
    certification?: { certifiedOnDutyRate: number | null };
  }>('GET', '/v1/stats?org=qth&year=2026', hr);
  const figures: Record<string, number> = {
    orgUnits: units.length,
    communities: communities.length,
    workers: workers.length,
    certified: certified.length,
    trainingPersonTimes: personTimes,
    mentors: principals.length,
    mentees,
    coachingSessions: sessions,
    candidates: candidates.length,
    hires: hires.length,
    promotions: promoted.length,
    honourAwards: nominations.length,
  };
  const worker = workers.find((w) => w.post === 'staff')!;
  const mentor = principals[0]!;

  // 8. Sign-in accounts for the three people printed below (local mode: POST /local/sign-in).
  const officer = await call<{ email: string }>('POST', '/v1/accounts', hr, {
    org: 'qth',
    name: '市委组织部 周干事',
    email: 'hr@qth.example.cn',
    department: 'organisation',
  });
  const mentorAccount = await call<{ email: string }>('POST', `/v1/workers/${mentor.id}/account`, hr, {
    role: 'mentor',
    email: 'mentor@qth.example.cn',
  });
  const workerAccount = await call<{ email: string }>('POST', `/v1/workers/${worker.id}/account`, hr, {
    email: 'worker@qth.example.cn',
  });
  log('sign-in accounts: 3 (an HR officer, a mentor, a worker)');
  Object.assign(figures, { accounts: 3 });

  // 8b. Year end: each worker's evaluation inputs for the year and for December, as HR uploads them
  // before the runs of 1 January (without them every score would be 0 and every worker 不称职).
  await moveClock('2026-12-28T09:00:00+08:00', log);
  const evaluated = [...workers, ...hires];
  const inputs = evaluationInputs(evaluated.map((w) => w.id));
  for (const [period, ofPeriod] of [
    ['2026', inputs.year],
    ['2026-12', inputs.december],
  ] as const)
    for (const [kind, rows] of Object.entries(ofPeriod))
      await call('POST', `/v1/evaluation-inputs/${kind}`, hr, { rows: rows.map((r) => ({ ...r, period })) });
  log(
    `evaluation inputs: 2026 and 2026-12 for ${evaluated.length} workers; the year's work orders ${WORK_ORDERS.assigned} assigned, ${WORK_ORDERS.completed} done, ${WORK_ORDERS.satisfied} satisfied`,
  );

  // 9. The year ends: on 1 January the annual evaluation (年度考核) of 2026 runs on its schedule;
  // the seed waits for it to finish (and starts it itself if the schedule has not).
  await moveClock('2027-01-04T09:00:00+08:00', log);
  type Run = { id: string; period: string; status: string; workersScored: number };
  const annualRun = async () =>
    (await call<{ items: Run[] }>('GET', '/v1/evaluations/runs?org=qth&limit=50', hr)).items.find(
      (r) => r.period === '2026',
    );
  let annual = await annualRun();
  if (!annual)
    annual = await call<Run>('POST', '/v1/evaluations/runs', hr, { period: '2026', org: 'qth' }, [202]);
  for (let waited = 0; annual.status !== 'completed'; waited++) {
    if (waited > 600)
      throw new Error(`The annual evaluation ${annual.id} did not finish: ${JSON.stringify(annual)}`);
    await new Promise((r) => setTimeout(r, 500));
    annual = await call<Run>('GET', `/v1/evaluations/runs/${annual.id}`, hr);
  }
  log(`annual evaluation 2026: ${annual.workersScored} workers scored`);
  Object.assign(figures, { annualEvaluated: annual.workersScored });
  const signIn = (email: string) =>
    `curl -s -XPOST ${base}/local/sign-in -H 'content-type: application/json' -d '{"email":"${email}"}'`;
  log(`
The demo city 七台河市 is ready (${((Date.now() - started) / 1000).toFixed(0)} s). Business clock: 2027-01-04.
Sign in (open ${base}/ or call the API with the token these return):
  HR officer (city, 组织部):  ${signIn(officer.email)}
  Mentor ${mentor.name} (${mentor.id}): ${signIn(mentorAccount.email)}
  Worker ${worker.name} (${worker.id}): ${signIn(workerAccount.email)}
  Or any role, unit and worker: curl -s -XPOST ${base}/local/token -H 'content-type: application/json' -d '{"role":"worker","org":"${worker.org}","workerId":"${worker.id}"}'
Key figures (GET /v1/stats?org=qth&year=2026): quota ${stats.quota.used}/${stats.quota.quota} seats used, certified-on-duty rate ${stats.certification?.certifiedOnDutyRate ?? '—'} %
figures: ${JSON.stringify(figures)}`);
  return figures;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  seed().catch((error) => {
    console.error(String(error instanceof Error ? error.message : error));
    process.exit(1);
  });
}
