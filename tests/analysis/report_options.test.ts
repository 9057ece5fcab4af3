import { describe, expect, it } from 'vitest';
import { DEFAULT_COVERAGE_PARAMETERS } from '../../src/analysis/coverage_report';
import { UsageError, parseReportOptions, reportUsage } from '../../scripts/report/options';

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
    expect(options.parameters.includeUnverifiedSchools).toBe(false);
    expect(
      parseReportOptions(['--include-unverified-schools']).parameters.includeUnverifiedSchools,
    ).toBe(true);
  });

  it.each([
    [['--park-radius', '0x10']],
    [['--park-radius', '0b11']],
    [['--park-radius', '1e-300']],
    [['--park-radius', '1e3']],
    [['--park-radius', '5']],
    [['--parking-radius', '20000']],
    [['--park-radius', 'abc']],
    [['--park-radius', '-5']],
    [['--park-radius']],
    [['--format', 'pdf']],
    [['--nonsense', '1']],
    [['--small-park-min-area', '9000']],
  ])('refuses %j with a usage error', (args) => {
    expect(() => parseReportOptions(args)).toThrow(UsageError);
  });

  it('names the range in a refusal', () => {
    expect(() => parseReportOptions(['--park-radius', '0x10'])).toThrow(
      '--park-radius must be a plain decimal number from 10 to 5000, not 0x10',
    );
  });

  it('calls an unknown flag unknown, even alone', () => {
    expect(() => parseReportOptions(['--nonsense'])).toThrow('unknown flag --nonsense');
    expect(() => parseReportOptions(['--nonsense', '1'])).toThrow('unknown flag --nonsense');
    expect(() => parseReportOptions(['--park-radius'])).toThrow('--park-radius needs a value');
  });

  it('--help asks for the usage, which lists every flag with its range and default', () => {
    expect(parseReportOptions(['--help']).help).toBe(true);
    const usage = reportUsage();
    for (const flag of [
      '--data',
      '--scenario',
      '--format',
      '--out',
      '--help',
      '--park-radius',
      '--park-min-area',
      '--small-park-radius',
      '--small-park-min-area',
      '--include-forest',
      '--include-greenways',
      '--greenway-radius',
      '--kindergarten-radius',
      '--primary-radius',
      '--middle-radius',
      '--parking-radius',
    ]) {
      expect(usage).toMatch(new RegExp(`^  ${flag}\\b`, 'm'));
    }
    expect(usage).toContain('--park-radius N');
    expect(usage).toMatch(/--park-radius N .*10–5000 m, default 500/);
  });
});
