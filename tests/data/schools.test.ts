import { describe, expect, it } from 'vitest';
import { classifySchool } from '../../scripts/pipeline/schools';

describe('classifySchool', () => {
  it('classifies a 幼儿园 as a kindergarten by its name', () => {
    expect(classifySchool('school', '', '北京市回龙观第二幼儿园')).toEqual({
      level: 'kindergarten',
      serves: ['kindergarten'],
    });
  });

  it('classifies an OSM kindergarten as a kindergarten', () => {
    expect(classifySchool('kindergarten', '', '龙泽苑双语幼稚园').level).toBe('kindergarten');
  });

  it('classifies a 小学 as a primary school', () => {
    expect(classifySchool('school', '', '回龙观中心小学')).toEqual({
      level: 'primary',
      serves: ['primary'],
    });
  });

  it('classifies a primary-school campus of a 附中 group by its 小学部', () => {
    expect(classifySchool('school', '', '北大附中新馨学校（小学部）').level).toBe('primary');
  });

  it('classifies 人大附中昌平学校 as a middle school', () => {
    expect(classifySchool('school', '', '人大附中昌平学校')).toEqual({
      level: 'middle',
      serves: ['middle'],
    });
  });

  it('classifies a 实验学校 as serving primary and middle', () => {
    expect(classifySchool('school', '', '北京市昌平区回天实验学校')).toEqual({
      level: 'middle',
      serves: ['primary', 'middle'],
    });
  });

  it('classifies a 九年一贯制 school as serving primary and middle', () => {
    expect(classifySchool('school', '', '北京市昌平区九年一贯制学校').serves).toEqual([
      'primary',
      'middle',
    ]);
  });

  it('classifies a university as other', () => {
    expect(classifySchool('school', '', '华北电力大学')).toEqual({
      level: 'other',
      serves: [],
    });
    expect(classifySchool('university', '', '北京邮电大学（宏福校区）').level).toBe('other');
  });

  it('classifies a driving school as other', () => {
    expect(classifySchool('school', '', '北京警察学院汽车驾驶学校').level).toBe('other');
  });

  it('falls back on the source level when the name says nothing', () => {
    expect(classifySchool('school', 'primary', 'Yuzhi School').level).toBe('primary');
    expect(classifySchool('school', 'secondary', 'Yuzhi School').level).toBe('middle');
  });

  // Real names from osm-schools/school-fences.geojson: schools affiliated with a university
  // (大学附属…) are schools, not universities.
  it('classifies 华北电力大学附属小学 (a university-affiliated primary school) as primary', () => {
    expect(classifySchool('school', '', '华北电力大学附属小学').level).toBe('primary');
  });

  it('classifies 中国人民大学附属中学昌平学校 (人大附中昌平学校, full name) as middle', () => {
    expect(classifySchool('school', '', '中国人民大学附属中学昌平学校').level).toBe('middle');
  });

  it('classifies 北京科技大学幼儿园 (an OSM kindergarten) as a kindergarten', () => {
    expect(classifySchool('kindergarten', '', '北京科技大学幼儿园').level).toBe('kindergarten');
  });
});
