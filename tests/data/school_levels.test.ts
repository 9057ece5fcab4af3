import { describe, expect, it } from 'vitest';
import { schoolLevelProperties } from '../../scripts/pipeline/schools';
import { parseSchoolLevelCorrections } from '../../src/data/school_levels';

const TABLE = [
  'name,levels,confidence,evidence',
  '北京王府学校,kindergarten;primary;middle,confirmed,"brs.edu.cn: comprehensive K-12 school, 北七家"',
  '天通苑学校,middle,unverified,"listed as a middle school"',
  '',
].join('\n');

describe('parseSchoolLevelCorrections', () => {
  it('reads levels separated by ";" and quoted evidence holding commas', () => {
    expect(parseSchoolLevelCorrections(TABLE)).toEqual([
      {
        name: '北京王府学校',
        levels: ['kindergarten', 'primary', 'middle'],
        confidence: 'confirmed',
        evidence: 'brs.edu.cn: comprehensive K-12 school, 北七家',
      },
      {
        name: '天通苑学校',
        levels: ['middle'],
        confidence: 'unverified',
        evidence: 'listed as a middle school',
      },
    ]);
  });

  it('refuses an unknown level, confidence or a row without evidence', () => {
    const header = 'name,levels,confidence,evidence\n';
    expect(() => parseSchoolLevelCorrections(`${header}甲学校,high,confirmed,x`)).toThrow(
      /row 2 \(甲学校\): levels must be/,
    );
    expect(() => parseSchoolLevelCorrections(`${header}甲学校,middle,likely,x`)).toThrow(
      /confidence must be confirmed or unverified/,
    );
    expect(() => parseSchoolLevelCorrections(`${header}甲学校,middle,confirmed,`)).toThrow(
      /no evidence/,
    );
    expect(() => parseSchoolLevelCorrections('school,levels\n')).toThrow(/header/);
  });
});

describe('schoolLevelProperties', () => {
  const other = { level: 'other' as const, serves: [] };
  const [wangfu, tiantongyuan] = parseSchoolLevelCorrections(TABLE);

  it('keeps the levels read from the name when no correction names the school', () => {
    expect(schoolLevelProperties({ level: 'primary', serves: ['primary'] }, undefined)).toEqual({
      level: 'primary',
      serves_levels: ['primary'],
      level_status: 'name',
    });
  });

  it('counts a confirmed school for each level it serves, with its evidence', () => {
    expect(schoolLevelProperties(other, wangfu)).toEqual({
      level: 'middle',
      serves_levels: ['kindergarten', 'primary', 'middle'],
      level_status: 'confirmed',
      level_source: 'school-levels',
      level_evidence: 'brs.edu.cn: comprehensive K-12 school, 北七家',
      level_by_name: 'other',
    });
  });

  it('shows an unverified school with its likely level but counts it for none', () => {
    expect(schoolLevelProperties(other, tiantongyuan)).toMatchObject({
      level: 'middle',
      serves_levels: [],
      likely_levels: ['middle'],
      level_status: 'unverified',
    });
  });
});
