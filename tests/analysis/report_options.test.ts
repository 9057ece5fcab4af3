import { describe, expect, it } from 'vitest';
import { DEFAULT_COVERAGE_PARAMETERS } from '../../src/analysis/coverage_report';
import { UsageError, parseReportOptions } from '../../scripts/report/options';

describe('npm run report flags', () => {
  it('defaults to the standards', () => {
    const options = parseReportOptions([]);
    expect(options.parameters).toEqual(DEFAULT_COVERAGE_PARAMETERS);
    expect(options.format).toBe('md');
    expect(options.dataDir).toBe('public/geo');
  });

  it('reads every parameter flag', () => {
    const options = parseReportOptions([
      '--park-radius',
      '800',
      '--park-min-area',
      '10000',
      '--include-forest',
      '--format',
      'json',
      '--data',
      'elsewhere',
    ]);
    expect(options.parameters.largeRadiusMeters).toBe(800);
    expect(options.parameters.largeParkMinAreaM2).toBe(10000);
    expect(options.parameters.includeForest).toBe(true);
    expect(
      parseReportOptions(['--include-greenways', '--greenway-radius', '800']).parameters,
    ).toMatchObject({
      includeGreenways: true,
      greenwayRadiusMeters: 800,
    });
    expect(options.format).toBe('json');
    expect(options.dataDir).toBe('elsewhere');
  });

  it.each([
    [['--park-radius', 'abc']],
    [['--park-radius', '-5']],
    [['--park-radius']],
    [['--format', 'pdf']],
    [['--nonsense', '1']],
    [['--small-park-min-area', '9000']],
  ])('refuses %j with a usage error', (args) => {
    expect(() => parseReportOptions(args)).toThrow(UsageError);
  });
});
