import { describe, expect, it } from 'vitest';
import {
  type NamedUnit,
  normaliseUnitReference,
  unitFullName,
  unitReferenceResolver,
  unitShortNames,
} from '#shared/domain/org-unit-references.ts';

const units: NamedUnit[] = [
  { id: 'qth/xinxing', name: '新兴区', parentId: null },
  { id: 'qth/xinxing/hongqi', name: '红旗街道', parentId: 'qth/xinxing' },
  { id: 'qth/xinxing/hongqi/dongfeng', name: '东风社区', parentId: 'qth/xinxing/hongqi' },
  { id: 'qth/xinxing/hongqi/dongfeng/g1', name: '第一网格', parentId: 'qth/xinxing/hongqi/dongfeng' },
  { id: 'qth/xinxing/hongqi/xiangyang', name: '向阳社区', parentId: 'qth/xinxing/hongqi' },
  { id: 'qth/xinxing/hongqi/xiangyang/g1', name: '第一网格', parentId: 'qth/xinxing/hongqi/xiangyang' },
  { id: 'qth/xinxing/xinglong', name: '兴隆街道', parentId: 'qth/xinxing' },
  // A community with the same name in another street.
  { id: 'qth/xinxing/xinglong/dongfeng', name: '东风社区', parentId: 'qth/xinxing/xinglong' },
];
const resolve = unitReferenceResolver(units);

describe('a unit named in a spreadsheet (所在单位)', () => {
  it('is found by its id, or by a name no other unit has', () => {
    expect(resolve('qth/xinxing/hongqi/xiangyang/g1')).toEqual({
      kind: 'unit',
      id: 'qth/xinxing/hongqi/xiangyang/g1',
    });
    expect(resolve(' 向阳社区 ')).toEqual({ kind: 'unit', id: 'qth/xinxing/hongqi/xiangyang' });
    expect(resolve('兴隆街道')).toEqual({ kind: 'unit', id: 'qth/xinxing/xinglong' });
  });

  it('is found by its name under its parents’, written together or apart, half- or full-width', () => {
    const xiangyangGrid = { kind: 'unit', id: 'qth/xinxing/hongqi/xiangyang/g1' };
    for (const text of [
      '向阳社区第一网格',
      '向阳社区/第一网格',
      '向阳社区 第一网格',
      '红旗街道／向阳社区－第一网格',
    ])
      expect(resolve(text), text).toEqual(xiangyangGrid);
    expect(resolve('新兴区红旗街道东风社区第一网格')).toEqual({
      kind: 'unit',
      id: 'qth/xinxing/hongqi/dongfeng/g1',
    });
    expect(resolve('红旗街道东风社区')).toEqual({ kind: 'unit', id: 'qth/xinxing/hongqi/dongfeng' });
  });

  it('is ambiguous when names repeat, naming every candidate in full (by pinyin)', () => {
    expect(resolve('第一网格')).toEqual({
      kind: 'ambiguous',
      candidates: ['新兴区/红旗街道/东风社区/第一网格', '新兴区/红旗街道/向阳社区/第一网格'],
    });
    expect(resolve('东风社区')).toEqual({
      kind: 'ambiguous',
      candidates: ['新兴区/红旗街道/东风社区', '新兴区/兴隆街道/东风社区'],
    });
  });

  it('is unknown when nothing answers, or the names are out of order', () => {
    expect(resolve('光明社区')).toEqual({ kind: 'unknown' });
    expect(resolve('第一网格向阳社区')).toEqual({ kind: 'unknown' });
    expect(resolve('qth/xinxing/nowhere')).toEqual({ kind: 'unknown' });
  });

  it('spells a full name from the top of the given units', () => {
    const byId = new Map(units.map((u) => [u.id, u]));
    expect(unitFullName('qth/xinxing/hongqi/dongfeng/g1', byId)).toBe('新兴区/红旗街道/东风社区/第一网格');
    expect(normaliseUnitReference(' 东风社区 / 第一网格 ')).toBe('东风社区第一网格');
  });

  it('offers each unit by its shortest name that no other unit answers to, which resolves back to it', () => {
    const short = unitShortNames(units);
    expect(Object.fromEntries(short)).toEqual({
      'qth/xinxing': '新兴区',
      'qth/xinxing/hongqi': '红旗街道',
      'qth/xinxing/hongqi/dongfeng': '红旗街道东风社区',
      'qth/xinxing/hongqi/dongfeng/g1': '东风社区第一网格',
      'qth/xinxing/hongqi/xiangyang': '向阳社区',
      'qth/xinxing/hongqi/xiangyang/g1': '向阳社区第一网格',
      'qth/xinxing/xinglong': '兴隆街道',
      'qth/xinxing/xinglong/dongfeng': '兴隆街道东风社区',
    });
    for (const [id, name] of short) expect(resolve(name)).toEqual({ kind: 'unit', id });
  });

  it('reads names above the given root (a full name from the city down) without ever finding those units', () => {
    const city: NamedUnit = { id: 'qth', name: '七台河市', parentId: null };
    const withCity = [city, ...units.map((u) => (u.parentId === null ? { ...u, parentId: 'qth' } : u))];
    const targets = new Set(units.map((u) => u.id));
    const inDistrict = unitReferenceResolver(withCity, targets);
    expect(inDistrict('七台河市/新兴区/红旗街道/向阳社区/第一网格')).toEqual({
      kind: 'unit',
      id: 'qth/xinxing/hongqi/xiangyang/g1',
    });
    expect(inDistrict('七台河市')).toEqual({ kind: 'unknown' });
    expect(inDistrict('qth')).toEqual({ kind: 'unknown' });
    expect(inDistrict('第一网格')).toMatchObject({
      candidates: [
        '七台河市/新兴区/红旗街道/东风社区/第一网格',
        '七台河市/新兴区/红旗街道/向阳社区/第一网格',
      ],
    });
    const short = unitShortNames(withCity, targets);
    expect(short.has('qth')).toBe(false);
    expect(short.get('qth/xinxing/hongqi/xiangyang/g1')).toBe('向阳社区第一网格');
  });
});
